"""贵安新区 recommends nothing in August and sends its 附件4 with one line under the header saying so — “本轮无推荐项目”,
“本次无新增项目”. “无” and “暂无项目” were read as no project, but these were merged as a project of that name: 有效项目
one more than there are, its 项目类型 and amounts said missing, the total marked incomplete (QA qa76c)."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, official, province_rows


@pytest.mark.parametrize("said", ["本轮无推荐项目", "本次无新增项目", "本批次无推荐项目", "本市（州）暂无符合条件的项目",
                                  "无新增申报项目"])
def test_a_line_saying_the_city_has_no_project_this_round_is_no_project(tmp_path, capsys, said):
    wb = Workbook()
    ws = wb.active
    ws.append(["贵安新区2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    ws.append([None, "贵安新区", None, said])
    guian = tmp_path / "贵安新区汇总表.xlsx"
    wb.save(guian)
    guiyang = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市",
                       [("南明区", "贵阳甲电商产业园", "园区", "国企", 30000, 8000, 88)])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(guiyang), str(guian)]) == 0
    out = capsys.readouterr().out
    assert "合并：贵阳市 1 项，贵安新区 0 项\n" in out and "全省汇总表有效项目 1 项，年度交易额合计 30000 万元\n" in out, out
    assert [r["企业名称"] for r in province_rows(province)] == ["贵阳甲电商产业园"]


def test_a_company_whose_name_begins_with_wu_is_a_project(tmp_path, capsys):
    city = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市",
                    [("南明区", "无限推荐电子商务有限公司", "企业", "民企", 3000, 800, 80)])
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    assert "全省汇总表有效项目 1 项" in capsys.readouterr().out
