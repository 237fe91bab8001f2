"""A form sent without its 名称: its row's 企业名称 is blank, and the province's merge counts no such row."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.conftest import example


def test_form_without_its_name_is_said_before_the_province_leaves_it_out(make_workbook, tmp_path, capsys):
    """An application with its 统一社会信用代码 and no 名称 makes a row without 企业名称: the city's refresh counted it
    without a word, the province's merge leaves such a row out (缺企业名称). Said at the refresh, till the name is there."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", example("enterprise", sb_name=...), name="申报表/无名称.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    argv = ["refresh", str(summary), "--from", str(apps), "--batch", "2024-08"]
    capsys.readouterr()
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "（无名称.xlsx）的申报表没有填写名称，汇总表中企业名称空白，全省合并时这些行不计入合计和统计" in said, said
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    name_col = next(c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value == "企业名称")
    ws.cell(header + 1, name_col).value = "贵州补名电子商务有限公司"     # the clerk types it in
    wb.save(summary)
    assert main(argv) == 0
    assert "没有填写名称" not in capsys.readouterr().out
