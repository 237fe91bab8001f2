"""Excel's 汇总行 (表设计 → 汇总行) turned on in the 项目汇总表 by a clerk: the refresh puts new projects above it, and the
table's filter range stays over the header and the projects only, as Excel writes it — the filter over the totals
row is a table Excel "repairs" on opening (已修复的记录：表), losing the table the next refresh looks for."""
from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from shibai_xl.jobs.refresh import refresh
from tests.test_ribbon_actions import NOW, summary_with_excels_total_row


def test_the_filter_of_a_table_with_excels_total_row_leaves_the_total_row_out(tmp_path, make_workbook):
    summary, apps, r1 = summary_with_excels_total_row(tmp_path, make_workbook)
    refresh(summary, apps, now=NOW)
    table = load_workbook(summary).worksheets[0].tables["sb_summary"]
    c0, r0, c1, last = range_boundaries(table.ref)
    assert table.totalsRowCount == 1 and last == r1 + 2          # a project added above the 汇总 row
    assert range_boundaries(table.autoFilter.ref) == (c0, r0, c1, last - 1)
