"""A person's data validations and conditional formats on a summary's table (a 0–100 rule on 市州评分, red under 60)
carried down to the rows a refresh or merge adds, as Excel's own table carries them to a row added to it: a rule set
down to the table's last row covers the new last row. Rules elsewhere (the title, a column's first rows) stay. So
does a calculated column's formula (a person's 是否推荐 =IF([@市州评分]>=80,…), which Excel fills down the table)."""
from __future__ import annotations

import re
from collections.abc import Callable

from openpyxl.formatting.formatting import ConditionalFormatting
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from .own_sheets import every_chart_reference
from .summary_formulas import on_sheet, with_sheet_references


def _extended(ranges: MultiCellRange, header: int, last: int, now: int) -> MultiCellRange | None:
    """``ranges`` with each range of the table's rows (below ``header``) ending at its old ``last`` row now ending at
    row ``now``; None when none does."""
    moved = False
    for cr in ranges.ranges:
        if header < cr.min_row and cr.max_row == last:
            cr.expand(down=now - last)
            moved = True
    return ranges if moved else None


_RANGE = re.compile(r"(\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3}\$?)(\d+)")


def _grown(title: str, header: int, last: int, now: int) -> Callable[[str], str]:
    """The change of a chart's reference: a range of sheet ``title``'s rows below ``header`` ending at row ``last``
    ends at row ``now`` (a chart of a table's column grows with the table, as in Excel)."""
    def change(ref: str) -> str:
        sheet, _bang, address = ref.rpartition("!")
        m = _RANGE.fullmatch(address)
        if not on_sheet(ref, title) or m is None or int(m.group(2)) != last:
            return ref
        return f"{sheet}!{m.group(1)}{now}" if _first_row(m.group(1)) > header else ref
    return change


def _first_row(start: str) -> int:
    return int(re.search(r"\d+", start).group())   # "$K$4:$K$" → 4


def carry_rules(ws: Worksheet, header: int, last: int, now: int) -> None:
    """The validations and conditional formats of ``ws`` and the charts' series of its rows reaching the table's last
    data row ``last`` (the one before rows were added) reach row ``now`` (the last one after)."""
    if now <= last:
        return
    every_chart_reference(ws.parent, lambda f: with_sheet_references("=" + f, _grown(ws.title, header, last, now))[1:])
    for dv in ws.data_validations.dataValidation:
        _extended(dv.sqref, header, last, now)
    rules = ws.conditional_formatting._cf_rules   # keyed by range: re-keyed, two rules of one range joined
    if not any(header < cr.min_row and cr.max_row == last for cf in rules for cr in cf.sqref.ranges):
        return
    again: dict[ConditionalFormatting, list] = {}
    for cf, listed in rules.items():
        cells = _extended(MultiCellRange(str(cf.sqref)), header, last, now)
        key = cf if cells is None else ConditionalFormatting(sqref=cells, pivot=cf.pivot)
        again.setdefault(key, []).extend(listed)
    ws.conditional_formatting._cf_rules = again


def carry_column_formulas(ws: Worksheet, table: Table, rows: range) -> None:
    """The calculated columns of a person's making — a formula typed into a column of the table, which Excel fills down
    and keeps as the column's own (``calculatedColumnFormula``) — written into the new ``rows``' empty cells of the
    column, as Excel fills a row added to the table (the person's formula, in their own summary; the tool's columns
    have none). An array formula is left to the person."""
    c0 = range_boundaries(table.ref)[0]
    for i, column in enumerate(table.tableColumns or ()):
        formula = column.calculatedColumnFormula
        text = str(formula.attr_text or "").lstrip("=") if formula is not None and not formula.array else ""
        for r in rows if text else ():
            if (cell := ws.cell(r, c0 + i)).value in (None, ""):
                cell.value = "=" + text


NEIGHBOURS = 5   # rows above a new row whose looks it may take


def shared_look(ws: Worksheet, row: int, column: int, header: int) -> StyleArray | None:
    """The look of ``column`` for a new ``row`` of the table: the one most of the (up to five) rows above it share,
    the nearest first among equals; None when that is no look at all. Not one row's own mark — a clerk's yellow,
    red 待核实 on the last project came out on the new project too — as Excel's table extends a format to a new row
    only when most rows above have it."""
    cells = ws._cells
    if row - 3 > header:   # as nearly always: the three rows above alike (read without a look_at for each, below)
        a, b, c = cells.get((row - 1, column)), cells.get((row - 2, column)), cells.get((row - 3, column))
        if a is not None and b is not None and c is not None:
            above = a._style
            if above is not None and above == b._style == c._style and any(above):
                return above

    def look_at(r: int) -> StyleArray | None:
        cell = ws._cells.get((r, column))
        style = cell._style if cell is not None else None   # None: a cell made without one (a hand-made 附件4's)
        return style if style is not None and any(style) else None

    if row - 3 > header and (above := look_at(row - 1)) == look_at(row - 2) == look_at(row - 3):
        return above       # as nearly always: the three rows above alike, their look the five's majority
    counts: dict[tuple[int, ...], int] = {}
    looks: dict[tuple[int, ...], StyleArray | None] = {}
    for r in range(row - 1, max(header, row - 1 - NEIGHBOURS), -1):
        look = look_at(r)
        key = tuple(look) if look is not None else ()
        counts[key] = counts.get(key, 0) + 1
        looks.setdefault(key, look)
    return looks[max(counts, key=counts.__getitem__)] if counts else None   # max: the first (nearest) of equals
