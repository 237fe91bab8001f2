"""Count lines a city clerk types inside a hand-typed 附件4 (“企业类共1项”, “园区类合计2个”, “园区类：2个”, “以上共3项”,
with the sums beside them or not): they were read as projects named so, the province's total counting each
subtotal again (144000 万元 for 72000) and a project of 类型未识别 listed. A count is no company — a name never ends
in "共1项" — while a real company named 共创电商有限公司 stays a project."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, table_rows

PROJECTS = [("遵义共创电商有限公司", "企业", 2000, 500), ("遵义甲电商产业园", "园区", 40000, 4000),
            ("遵义乙电商产业园", "园区", 30000, 3000)]


def _city(path, labels, column):
    """遵义市's table: the enterprise, a line, the two parks, a line, the whole table's line, the 填报人 line; each
    line typed in ``column`` (0 序号, 3 企业名称) with the sums it stands for."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    lines = iter(zip(labels, ((2000, 500), (70000, 7000), (72000, 7500))))

    def line():
        label, (trade, retail) = next(lines)
        row = [None] * 13
        row[column], row[10], row[11] = label, trade, retail
        ws.append(row)

    for i, (name, kind, trade, retail) in enumerate(PROJECTS, 1):
        ws.append([i, "遵义市", "红花岗区", name, "地址", kind, "民企", "业绩" * 80, "张三", "0851-1", trade, retail, None])
        if i in (1, 3):
            line()
    line()
    ws.append(["填报人：李四；联系方式：0851-2"])
    wb.save(path)
    return path


@pytest.mark.parametrize("labels", [("企业类共1项", "园区类合计2个", "以上共3项"),
                                    ("企业类 1 项", "园区类：2个", "以上共计：3项"),
                                    ("企业类共1个项目", "园区类合计（2个）", "本表共3个项目"),
                                    ("企业类小计1项", "园区类共2项", "合计（园区2个，企业1个）"),
                                    ("企业类共1项", "园区类共2项", "共3个项目，其中园区2个"),
                                    ("企业类共1项", "园区类共2项", "共计：园区2个；企业1个"),
                                    ("企业类共1项", "园区类共2项", "全部合计")])
@pytest.mark.parametrize("column", [3, 0])
def test_count_lines_are_no_projects_and_the_total_is_the_projects(tmp_path, capsys, labels, column):
    city = _city(tmp_path / "遵义市汇总表.xlsx", labels, column)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    assert "全省汇总表有效项目 3 项，年度交易额合计 72000 万元" in capsys.readouterr().out
    rows = table_rows(out)
    assert sorted(rows) == sorted(p[0] for p in PROJECTS)
    assert rows["遵义共创电商有限公司"]["项目类型"] == "企业"
