"""Columns a person filled right beside the sb_summary table without the table growing over them.

Excel extends a table over a column titled next to it; LibreOffice does not, so a clerk's 备注 or 审核意见 typed there
stays outside the table. Before a refresh adds a column of its own at the table's end (a tool column missing, or an
附件4 column the clerk deleted), such columns are taken into the table as the person's: else the tool's column
would be written over them — the clerk's title replaced and their notes read as the tool column's values.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import TableColumn

from .shown_columns import shown_header


def _filled(ws: Any, rows: range, column: int) -> bool:
    return any((cell := ws._cells.get((r, column))) is not None and cell.value not in (None, "") for r in rows)


def take_in_side_columns(book: Any, wanted: Iterable[str]) -> list[str]:
    """When a column of ``wanted`` is missing from ``book`` (a :class:`.summary_book.SummaryBook`, which then adds it
    right of its table), the filled columns standing right beside the table (title or rows) made the table's, so the
    added column goes after them; what to say (nothing when nothing was taken in)."""
    if all(name in book.cols for name in wanted):
        return []
    ws, taken = book.ws, []
    names = {c.name for c in book.table.tableColumns}
    while _filled(ws, range(book.r0, book.r1 + 1), book.c1 + 1):
        c = book.c1 + 1
        cell = ws.cell(book.r0, c)
        raw = cell.value
        title = "" if raw is None or not str(raw).strip() else raw if isinstance(raw, str) else str(raw)
        if not title or title in names:   # a table's titles are unique and never blank: Excel's 列1, 问题2
            base, n = title or "列", 1 if not title else 2
            while f"{base}{n}" in names:
                n += 1
            title = f"{base}{n}"
        if raw != title:
            cell.value = title
        names.add(title)
        book.table.tableColumns.append(TableColumn(id=len(book.table.tableColumns) + 1, name=title))
        book.c1 = c
        taken.append(f"“{title}”（{get_column_letter(c)}列）")
    if not taken:
        return []
    book._set_ref()
    book.cols, _passed = shown_header(ws, book.r0, book.c0, book.c1)
    book._width_of, book.changed = None, True
    return [f"表格右边手工加的{'、'.join(taken)}在汇总表表格之外（LibreOffice 不会自动扩展表格），已并入表格、原样保留，"
            "本工具加回的列放在它们之后"]
