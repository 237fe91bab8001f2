"""Negative numbers of an .xlsx sheet, as stored, for the cells calamine reads as something else.

Excel's dates begin in 1900: a negative number in a date-formatted cell (typed by mistake, or =B2-C2 gone wrong)
shows as ##### there. calamine reads it as a time of day (-5 and -45000 → 00:00, -0.5 → 12:00), which the clerk
never typed; the reader puts the stored number back (:func:`stored_back`), and the engine says a negative number
is no date.
"""
from __future__ import annotations

import re
from numbers import Number
from typing import Any

from .refs import split_ref

_NEGATIVE = b">-"                                   # a <v> holding a negative number starts so; nothing else costs
_V_OPEN = re.compile(rb"<(?:\w+:)?v\s*>")
_CELL_OPEN = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_ATTR = re.compile(rb'\b(r|s|t)="([^"]*)"')
_NUMBER = re.compile(rb"-(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _negatives(data: bytes) -> list[tuple[re.Match[bytes], float]]:
    """(the cell's start tag, its number) for each numeric cell of a sheet's XML holding a negative number."""
    out = []
    i = data.find(_NEGATIVE)
    while i >= 0:
        lt = data.rfind(b"<", 0, i)
        end = data.find(b"<", i)
        if lt >= 0 and end > i and _V_OPEN.fullmatch(data, lt, i + 1) and _NUMBER.fullmatch(data, i + 1, end):
            cell = _cell_before(data, lt)
            if cell is not None and dict(_ATTR.findall(cell.group(1))).get(b"t", b"n") == b"n":
                out.append((cell, float(data[i + 1:end])))
        i = data.find(_NEGATIVE, i + 2)
    return out


def _cell_before(data: bytes, at: int) -> re.Match[bytes] | None:
    """The start tag of the cell whose <v> begins at ``at``: at most its <f>…</f> stands between them."""
    for _ in range(3):
        at = data.rfind(b"<", 0, at)
        if at < 0:
            return None
        cell = _CELL_OPEN.match(data, at)
        if cell is not None:
            return None if cell.group(1).rstrip().endswith(b"/") else cell
    return None


def stored_back(rows: list[list[Any]], data: bytes) -> list[list[Any]]:
    """calamine's rows of a sheet (from A1) with each negative number the XML stores put back where calamine made
    it a date or a time."""
    if data.find(_NEGATIVE) < 0:
        return rows
    for cell, number in _negatives(data):
        ref = dict(_ATTR.findall(cell.group(1))).get(b"r")
        if not ref:
            continue
        try:
            row, col = split_ref(ref.decode())
        except ValueError:
            continue
        if 1 <= row <= len(rows) and 1 <= col <= len(rows[row - 1]):
            value = rows[row - 1][col - 1]
            if value not in ("", None) and not isinstance(value, Number):
                rows[row - 1][col - 1] = number
    return rows

