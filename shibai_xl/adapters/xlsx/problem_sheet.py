"""The 问题文件 sheet of a summary: the files a refresh or merge could not read (and other forms in a file it read but
not), which keep the totals loudly incomplete."""
from __future__ import annotations

from openpyxl.workbook.workbook import Workbook

from ...engine.summary import FORM_UNREAD, SummaryRecord
from ...engine.summary_table import PROBLEM_SHEET
from . import styles as S
from .cells import set_cell
from .own_sheets import mark_own
from .summary_book import SummaryBook
from .text_fit import fit_row

WIDTHS = {"A": 50, "B": 90}   # 文件, 原因


def problem_files(wb: Workbook) -> list[tuple[str, str]]:
    """(file, reason) as the 问题文件 sheet lists them (a line a person deleted is no longer there)."""
    if PROBLEM_SHEET not in wb.sheetnames:
        return []
    return [(str(a), str(b or "")) for a, b in wb[PROBLEM_SHEET].iter_rows(min_row=3, max_col=2, values_only=True) if a]


def write_problem_sheet(book: SummaryBook, unreadable: list[SummaryRecord]) -> None:
    wb = book.wb
    rows = [(r.file, r.error) for r in sorted(unreadable, key=lambda r: r.file)]
    # a file read whose other form ("申报表(2)", another applicant's) was not: said as it is, not as a file not read
    forms, files = (any((r.type == FORM_UNREAD) == f for r in unreadable) for f in (True, False))
    title = ("无法读取的文件，及文件中未读取的其他申报表（其余已正常汇总）" if forms and files else
             "文件中未读取的其他申报表（这些文件本身已读取并汇总）" if forms else "无法读取的文件（其余文件已正常汇总）")
    if PROBLEM_SHEET in wb.sheetnames:
        if problem_files(wb) == rows and wb[PROBLEM_SHEET]["A1"].value == title:
            return
        del wb[PROBLEM_SHEET]
        book.changed = True
    if not rows:      # every file read now: no sheet listing none
        return
    ws = wb.create_sheet(PROBLEM_SHEET)
    mark_own(wb, ws)   # a person's own 问题文件 was moved aside before (own_sheets.keep_foreign)
    ws["A1"].value, ws["A1"].font = title, S.SUBTITLE
    for col, h in (("A", "文件"), ("B", "原因")):
        w = WIDTHS[col]
        ws[f"{col}2"].value, ws[f"{col}2"].font, ws[f"{col}2"].fill = h, S.HEADER, S.HEADER_FILL
        ws.column_dimensions[col].width = w
    for i, (file, reason) in enumerate(rows, 3):
        set_cell(ws.cell(i, 1), file)
        set_cell(ws.cell(i, 2), reason)
        ws.cell(i, 1).alignment = ws.cell(i, 2).alignment = S.WRAP   # a long path under 南明区/… wraps too
        fit_row(ws, i, ((file, WIDTHS["A"]), (reason, WIDTHS["B"])))
    S.setup_print(ws, landscape=True, title_rows="2:2")
    book.changed = True
