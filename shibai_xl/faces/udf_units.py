"""SB_RESIDENTS on a list whose 万元 figures' cells paint another unit (0.3 shown 0.30亿元, 8000 shown 0,"万元"):
Excel hands a formula the numbers alone. The wrapper asks Excel the number format of the amount columns (a block of
rows at a time), and the figures are read as ``shibai check`` reads the file's cells (:func:`figures_as_shown`, the
one rule), said in the same words."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..engine.application import ResidentTable
from ..engine.parse import format_units
from ..engine.resident_header import figures_as_shown
from ..engine.residents import RETAIL, TRADE, hidden_among

# questions about a list column's number formats (a block of rows at a time): a column whose cells' formats differ
# row by row (General and 0.00 mixed) is not split further, and a recalculation stays short
FORMAT_ASKS = 100


def units_shown(shown: Any, body: ResidentTable, headers: list[str], units: list[str], top: int
                 ) -> list[str]:
    """The list's 万元 figures whose cells' number format paints another unit (0.3 shown 0.30亿元) read as shown in
    ``body`` — its 合计 row's too — as ``shibai check`` reads them (:func:`figures_as_shown`, the one rule); what check
    says of them, one line per column and format. Excel is asked a block of rows at a time (nothing where it cannot
    tell: a value given without a range)."""
    if shown is None or shown.formats is None or not body.row_numbers:
        return []
    total = body.total_row
    said = []
    for h in (TRADE, RETAIL):
        col = headers.index(h) if h in headers else None
        if col is None or units[col] != "万元":   # a column in 元 ("金额单位：元" above it) is read in its unit alone
            continue
        at = {n: v for n, v in [*zip(body.row_numbers, body.columns[h]), *([(total[0], total[1].get(h))] if total else [])]
              if isinstance(v, (int, float)) and not isinstance(v, bool)}
        codes = unit_formats(shown.formats, sorted(n + top for n in at), col + 1)
        cells = {f"第{shown.top + r - 1}行": (at[r - top], code) for r, code in codes.items()}
        read_as, lines = figures_as_shown(h, cells) if cells else ({}, [])
        column = list(body.columns[h])
        for r in codes:
            value = read_as.get(f"第{shown.top + r - 1}行")
            if value is None:
                continue
            if r - top in body.row_numbers:
                column[body.row_numbers.index(r - top)] = value
            elif total:
                total[1][h] = value
        body.set_column(h, column)
        said += lines
    return said


def unit_formats(formats: Callable[[int, int, int], Any], rows: list[int], col: int) -> dict[int, str]:
    """Row (of the range) → its cell's number format in column ``col``, for the ``rows`` whose format paints an amount
    unit: asked a block at a time (:func:`hidden_among`: a block sharing one format is answered at once), at most
    ``FORMAT_ASKS`` questions."""
    blocks: list[tuple[int, int, str]] = []

    def shows_unit(a: int, b: int) -> bool | None:
        try:
            code = formats(a, b, col)
        except Exception:   # a format Excel cannot tell: the values as they are
            return False
        if not isinstance(code, str):
            return None     # the rows' formats differ: halved
        if format_units.unit_shown(code):
            blocks.append((a, b, code))
            return True
        return False
    return {r: next(code for a, b, code in blocks if a <= r <= b) for r in hidden_among(shows_unit, rows, FORMAT_ASKS)}
