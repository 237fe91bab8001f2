"""Amounts of a 项目汇总表 that are lower bounds ("3000万以上" written as its bound 3000, its 问题 saying so): a 合计
row that adds one keeps its formula (Excel, WPS and LibreOffice recalculate it) and is shown "≥", and the terminal
names the projects — a total of bounds is a lower bound of the total, never an exact figure (README, CONTRACT)."""
from __future__ import annotations

from typing import Any

from openpyxl.utils.cell import range_boundaries

from ...engine.parse.text import said_name
from ...engine.summary import AMOUNT_COLUMNS, marked_bound
from ...engine.summary_amounts import bound_in_wan
from ...engine.summary_table import LABEL_COLUMNS, is_total_label
from .summary_book import SummaryBook

AT_LEAST = '"≥"'   # before an amount's number format: a sum that adds a lower bound is at least that


def at_least(number_format: str, bounded: bool) -> str:
    """The number format with "≥" before it when ``bounded``, without it when not.

    >>> at_least("#,##0.00", True), at_least('"≥"General', False), at_least('"≥"0', True)
    ('"≥"#,##0.00', 'General', '"≥"0')
    """
    plain = number_format[len(AT_LEAST):] if number_format.startswith(AT_LEAST) else number_format
    return AT_LEAST + plain if bounded else plain


def total_amount_cells(ws: Any, ref: str) -> list[Any]:
    """The amount cells of the rows a person labelled 合计 under the header of the table at ``ref``: where
    :func:`mark_bound_totals` shows "≥" (an open workbook's refresh hands their number formats to the job and back)."""
    c0, r0, c1, _ = range_boundaries(ref)
    header = {str(ws.cell(r0, c).value or "").strip(): c for c in range(c0, c1 + 1)}
    labels = [header[n] for n in LABEL_COLUMNS if n in header]
    amounts = [header[n] for n in AMOUNT_COLUMNS if n in header]
    return [ws.cell(r, c) for r in range(r0 + 1, ws.max_row + 1)
            if any(is_total_label(ws.cell(r, label).value) for label in labels) for c in amounts]


def bound_rows(book: SummaryBook, column: str) -> list[int]:
    """The counted project rows (not withdrawn) whose amount in ``column`` is a lower bound: said so in 问题 (an
    application's), or typed as one ("3000万以上" in a row typed by hand)."""
    return [r for r in book.project_rows() if not book.withdrawn(r) and (
        marked_bound(column, book.get(r, "问题")) or typed_bound(book.get(r, column)))]


def typed_bound(raw: object) -> bool:
    return bound_in_wan(raw) is not None   # an exact amount is no bound: read without bounds, a bound is unreadable


def mark_bound_totals(book: SummaryBook) -> list[str]:
    """Show the 合计 row's amounts "≥" where they add a lower bound (plain again when none is left); what to say."""
    if not book.total_row:
        return []
    notes = []
    for column in AMOUNT_COLUMNS:
        if column not in book.cols:
            continue
        cell = book.ws.cell(book.total_row, book.cols[column])
        bounded = bound_rows(book, column) if cell.value not in (None, "") else []
        shown = at_least(cell.number_format, bool(bounded))
        if shown != cell.number_format:
            cell.number_format = shown
            book.changed = True
        if bounded:
            notes.append(f"合计行（第{book.total_row}行）的{column}含 {len(bounded)} 项下限数字，已显示为“≥”：实际合计不低于所示")
    return notes


def bound_projects(book: SummaryBook) -> list[str]:
    """"企业名称（年度交易额）" of each counted amount that is a lower bound."""
    return [f"{said_name(book.get(r, '企业名称'))}（{column[:-4]}）" for column in AMOUNT_COLUMNS
            for r in bound_rows(book, column)]
