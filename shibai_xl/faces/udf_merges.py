"""SB_RESIDENTS on a list with cells merged over several companies' rows: Excel hands a formula a merged cell's value
in its first row only (the others None). The wrapper asks Excel which cells are merged (Range.MergeCells, a block of
rows at a time: True, False, or Null when mixed) and, for a merged one, its MergeArea; the list is then read as
``shibai check`` reads the file (:func:`shibai_xl.engine.merged_rows.read_merge`): a 备注/所属行业 is each
company's, a figure merged over companies is counted once and said."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..engine.application import ResidentTable
from ..engine.merged_rows import MERGE_READ, read_merge
from ..engine.residents import hidden_among

MERGE_ASKS = 64   # questions a column at most (a list with merges down a whole column is read as far as that goes)


def merges_said(merged: Callable[[int, int, int], Any] | None, area: Callable[[int, int], tuple[int, int, str]] | None,
                body: ResidentTable, headers: Sequence[str], skipped: int) -> list[str]:
    """What is said of the list's cells merged over companies (and its 备注/所属行业 read into each company's row in
    ``body``): ``merged(a, b, c)`` is Range.MergeCells of rows a…b of the range's column c (1-based), ``area(r, c)``
    the merged area holding that cell (its first and last row in the range, its address "H6:H7"). ``skipped``: the
    range's title rows above the header (``body``'s rows count from the header)."""
    if merged is None or area is None or len(body.row_numbers) < 2:
        return []
    at = [n + skipped for n in body.row_numbers]
    said = []
    for c, header in enumerate(headers, 1):
        if header not in MERGE_READ:
            continue
        try:
            cells = hidden_among(lambda a, b, c=c: merged(a, b, c), at, MERGE_ASKS)
            done = -1
            for r in cells:
                if r <= done:
                    continue
                top, done, address = area(r, c)
                note = read_merge(body, header, top - skipped, done - skipped, address)
                if note:
                    said.append(note)
        except Exception:   # a question Excel cannot answer (a closed workbook): the list as its values say
            continue
    return said
