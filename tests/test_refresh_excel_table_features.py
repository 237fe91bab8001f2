"""What Excel's table does for a clerk in the 项目汇总表, kept for the rows a refresh adds as Excel keeps it for a row
added to the table: the 汇总行 (表设计 → 汇总行) stays last and out of the filter range, as Excel writes it — a filter
over the totals row is a table Excel "repairs" on opening (已修复的记录：表), losing the table the next refresh looks
for; a calculated column (a formula typed in a column of the table, filled down by Excel) fills the new rows too."""
from __future__ import annotations

import shutil

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.table import TableFormula

from shibai_xl.jobs.refresh import refresh
from tests.test_refresh_clerk_edits import _add_column
from tests.test_ribbon_actions import NOW, refreshed_two, summary_with_excels_total_row


def test_the_filter_of_a_table_with_excels_total_row_leaves_the_total_row_out(tmp_path, make_workbook):
    summary, apps, r1 = summary_with_excels_total_row(tmp_path, make_workbook)
    refresh(summary, apps, now=NOW)
    table = load_workbook(summary).worksheets[0].tables["sb_summary"]
    c0, r0, c1, last = range_boundaries(table.ref)
    assert table.totalsRowCount == 1 and last == r1 + 2          # a project added above the 汇总 row
    assert range_boundaries(table.autoFilter.ref) == (c0, r0, c1, last - 1)


RECOMMEND = 'IF(sb_summary[[#This Row],[市州评分]]>=80,"推荐","")'


def test_a_calculated_column_the_clerk_made_fills_the_rows_a_refresh_adds(tmp_path, make_workbook):
    """The clerk added a column 是否推荐 to the table and typed =IF([@市州评分]>=80,"推荐","") in it; Excel filled it
    down the table and keeps it as the column's formula. A refresh added the park's row with the column empty —
    in Excel, a row added to the table gets the formula; here the new project's 是否推荐 stayed blank."""
    summary, apps = refreshed_two(tmp_path, make_workbook)
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    table = ws.tables["sb_summary"]
    col = _add_column(ws, table, "是否推荐")
    table.tableColumns[-1].calculatedColumnFormula = TableFormula(attr_text=RECOMMEND)
    _, r0, _, r1 = range_boundaries(table.ref)
    for r in range(r0 + 1, r1 + 1):
        ws.cell(r, col).value = "=" + RECOMMEND
    wb.save(summary)
    shutil.move(make_workbook("park"), apps / "park.xlsx")
    refresh(summary, apps, now=NOW)
    ws = load_workbook(summary).worksheets[0]
    table = ws.tables["sb_summary"]
    _, r0, _, last = range_boundaries(table.ref)
    assert last == r1 + 1 and ws.cell(last, 4).value                       # the park's row, added
    assert [ws.cell(r, col).value for r in range(r0 + 1, last + 1)] == ["=" + RECOMMEND] * (last - r0)
