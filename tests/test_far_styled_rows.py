"""Sheets whose styled extent reaches far below their data: a clerk gives a column a border or a fill down to row
30000 (WPS 整列设置边框, a pasted format), so openpyxl's ``ws.max_row`` says 30000 while the values end a few rows
down. Loops bounded by ``ws.max_row`` walked (and made a cell at) every empty styled row; they stop at the last row
holding a value, and a value typed far below the table (row 5000) is still found."""
from __future__ import annotations

import shutil
from copy import copy
from pathlib import Path

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx import styles as S
from shibai_xl.adapters.xlsx.summary_book import SummaryBook
from shibai_xl.faces.cli import main
from tests.conftest import example

PAINTED = 30000


def _summary_with_total(make_workbook, tmp_path: Path) -> tuple[Path, Path]:
    """A city summary of one project, a 合计 row typed under it, a note far down in column X and a border run
    down column A to row 30000; and a folder holding that application and a second one."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    assert ws["D4"].value and ws["D5"].value is None
    ws["D5"], ws["K5"], ws["X5000"] = "合计", "=SUM(K4:K4)", "备注：已核对"
    ws["A6"].border = S.BOX
    for r in range(7, PAINTED + 1):   # the style given at once (setting .border looks it up 30000 times: 30 s)
        ws.cell(r, 1)._style = copy(ws["A6"]._style)
    wb.save(summary)
    values = example("enterprise", sb_name="贵州远处边框电子商务有限公司", sb_uscc="91520102MA6DKQ9X18")
    shutil.move(make_workbook("enterprise", values, name="企业.xlsx"), apps / "企业.xlsx")
    return summary, apps


def test_a_row_inserted_over_the_total_moves_only_the_rows_holding_values(make_workbook, tmp_path):
    """Inserting a project's row above the 合計 moved the range A5:U30000 down: openpyxl's move_range makes a cell
    of every address it moves (630 000 here; four million and a minute for a border to row 200000)."""
    summary, _apps = _summary_with_total(make_workbook, tmp_path)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    before = len(ws._cells)
    book = SummaryBook(wb)
    assert book.new_row() == 5
    assert len(ws._cells) < before + 200          # the moved rows' cells, not a cell for each styled empty row
    assert ws["D6"].value == "合计" and ws["X5001"].value == "备注：已核对" and ws["X5000"].value is None
    assert ws.cell(PAINTED, 1).border.left.style == S.BOX.left.style   # the painted rows stay as they were


def test_a_refresh_into_a_summary_painted_far_down_adds_the_project_above_the_total(make_workbook, tmp_path):
    summary, apps = _summary_with_total(make_workbook, tmp_path)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    names = [ws.cell(r, 4).value for r in range(4, 7)]
    assert sorted(names[:2]) == sorted([ws["D4"].value, "贵州远处边框电子商务有限公司"]) and names[2] == "合计"
    assert ws["K6"].value == "=SUM(K4:K5)" and ws["X5001"].value == "备注：已核对"
