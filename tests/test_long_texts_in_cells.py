"""A 问题 longer than a cell holds (32767 characters): companies in two parks' 附件3 lists whose names are whole pasted
paragraphs, quoted by XC_CROSS_APP in each park's row. Excel cannot hold the text whole, and openpyxl used to cut it at
32767 characters without a word — the findings after the cut gone unseen. The cell now ends saying it was cut and how
long the text is, and the next refresh finds the row as it left it."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.cells import MAX_TEXT
from shibai_xl.faces.cli import main

from .conftest import example
from .test_refresh import by_name

PASTED = "贵州" + "经营范围包括电子商务、农产品销售、直播带货、仓储物流服务等" * 800 + "有限公司"   # ~23 000 characters


def test_a_problem_text_too_long_for_a_cell_says_where_it_was_cut(tmp_path, make_workbook, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("park", "base"):
        path = make_workbook(t, example(t), name=f"申报表/{t}.xlsx")
        wb = load_workbook(path)
        ws = wb["入驻企业名单"]
        for r in range(6, 10):      # four companies both lists name alike, each named by a pasted paragraph
            ws.cell(r, 2).value, ws.cell(r, 11).value = f"{PASTED}{r}", None
        wb.save(path)
    summary = tmp_path / "项目汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    for name, row in by_name(summary).items():
        said = row["问题"]
        assert len(said) == MAX_TEXT and said.startswith("XC_CROSS_APP"), (name, len(said))
        assert said.endswith(f"字，超出单元格最多能容纳的{MAX_TEXT}字，以下省略）"), (name, said[-60:])
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0     # the rows as the last refresh left them
    assert "文件未改写" in capsys.readouterr().out
