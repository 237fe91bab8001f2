"""Cells of a resident list merged over several companies' rows, read as :mod:`shibai_xl.engine.merged_rows`
says: a 备注 or 所属行业 is each company's, a figure is counted once and said."""
from __future__ import annotations

from collections.abc import Sequence

from ...engine.application import ResidentRow, ResidentTable
from ...engine.findings import Finding, make
from ...engine.merged_rows import MERGE_READ, read_merge
from ...rules import Severity
from .refs import col_index, split_ref
from .source import WorkbookSource


def with_merged_cells(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                      ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read, each 备注/所属行业 merged over companies' rows read into each row, and an XC_RESIDENT_ROW
    warning for each 从业人数 or amount merged over companies. The sheet's merged ranges are looked at only when
    it has any (the template's title is one: a few ranges, none over two companies' rows)."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or len(rows) < 2 or sheet is None:
        return read
    merged = src.merged(sheet)
    if not merged:
        return read
    headers = {col_index(letter): header for header, letter in rows.letters.items() if header in MERGE_READ}
    said = []
    for rng in merged:
        first, _, last = rng.partition(":")
        (top, left), (bottom, _) = split_ref(first), split_ref(last or first)
        if bottom > top and left in headers and (detail := read_merge(rows, headers[left], top, bottom, rng)):
            said.append(make("XC_RESIDENT_ROW", Severity.WARNING, field=headers[left], at=(sheet, first), detail=detail))
    return (rows, sheet, [*findings, *said]) if said else read
