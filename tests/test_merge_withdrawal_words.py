"""A city's withdrawal in the words its clerk really types beside a project of its 附件4 (QA, qa69a): no word of a
company's letter the tool does not know may leave the project counted in the province's total without a word."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import official, province_rows


def _merged(tmp_path, capsys, title: str, said: str):
    """铜仁市's 附件4 with two projects, a column ``title`` of its own saying ``said`` beside the second, merged."""
    city = official(tmp_path / "铜仁市汇总表.xlsx", "铜仁市项目汇总表", "铜仁市",
                    [("碧江区", "铜仁甲电商有限公司", "企业", "民企", 3000, 1000, None),
                     ("万山区", "铜仁乙电商有限公司", "企业", "民企", 2000, 500, None)])
    wb = load_workbook(city)
    ws = wb.active
    ws["N2"], ws["N4"] = title, said
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    code = main(["merge", str(province), str(city)])
    return code, capsys.readouterr().out, {r["企业名称"]: r for r in province_rows(province)}


@pytest.mark.parametrize("said", ["企业自愿放弃申报", "放弃", "企业来函放弃", "不再申报", "已取消", "企业已退出",
                                  "自愿放弃申报（6月3日来函）"])
def test_a_withdrawal_in_the_words_of_a_companys_letter_is_not_counted(tmp_path, capsys, said):
    """“企业自愿放弃申报”, “不再申报”, “已取消” typed in a 备注 of the city's own: the project was counted in the
    province's total (5000 万元) with the words only in 市州备注 — as if still applying."""
    code, out, rows = _merged(tmp_path, capsys, "备注", said)
    assert code == 0, out
    assert "年度交易额合计 3000 万元" in out and "铜仁乙电商有限公司" in out and said in out, out
    assert rows["铜仁乙电商有限公司"]["状态"] == "已撤回" and rows["铜仁甲电商有限公司"]["状态"] == "有效"


@pytest.mark.parametrize("said", ["是", "√", "✓"])
def test_a_yes_under_a_column_titled_whether_withdrawn_is_a_withdrawal(tmp_path, capsys, said):
    """A column “是否撤回” added by the clerk with 是 (or a tick) on the withdrawn row: counted as applying."""
    code, out, rows = _merged(tmp_path, capsys, "是否撤回", said)
    assert code == 0, out
    assert "年度交易额合计 3000 万元" in out and "“是否撤回”写明" in out, out
    assert rows["铜仁乙电商有限公司"]["状态"] == "已撤回"


@pytest.mark.parametrize("title,said", [("备注", "撤回后重新申报"), ("备注", "未撤回"), ("备注", "取消资格待定"),
                                        ("是否撤回", "否"), ("备注", "不再申报其他类型")])
def test_words_that_are_no_withdrawal_leave_the_project_counted(tmp_path, capsys, title, said):
    code, out, rows = _merged(tmp_path, capsys, title, said)
    assert code == 0, out
    assert "年度交易额合计 5000 万元" in out, out
    assert rows["铜仁乙电商有限公司"]["状态"] == "有效"
