"""Cells of a resident list merged over several companies' rows, read as :mod:`shibai_xl.engine.merged_rows`
says: a 备注 or 所属行业 is each company's, a figure is counted once and said."""
from __future__ import annotations

from collections.abc import Sequence

from ...engine.application import ResidentRow, ResidentTable
from ...engine.findings import Finding, make
from ...engine.merged_rows import FIGURE_COLUMNS, INDUSTRY, MERGE_READ, read_merge
from ...engine.parse.result import is_blank
from ...engine.residents import NOTE
from ...rules import Severity
from .refs import col_index, split_ref
from .source import WorkbookSource


def with_merged_cells(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                      ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read, each 备注/所属行业 merged over companies' rows read into each row, and an XC_RESIDENT_ROW
    warning for each 从业人数 or amount merged over companies. An .xlsx's merged ranges cost a backward byte search
    (the template's title is one: a few ranges, none over two companies' rows); an .xls's or .ods's (a walk of the
    sheet: a fifth of an .ods list's reading) are asked only when the list shows a merge's trace (:func:`_may_be_merged`)."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or len(rows) < 2 or sheet is None:
        return read
    merged = src.merged(sheet) if src.fmt in ("xlsx", "xlsm") or _may_be_merged(rows) else None
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


def _may_be_merged(rows: ResidentTable) -> bool:
    """A list with a blank where a merged cell would leave one: in a figure's or 所属行业's column (a list filled in
    has none), or a 备注 under a filled one.

    >>> def listed(notes): return ResidentTable({NOTE: notes, "从业人数": (5, 6, 7)}, [6, 7, 8], "名单", {})
    >>> _may_be_merged(listed(("上市企业", "", ""))), _may_be_merged(listed(("", "", "上市企业")))
    (True, False)
    """
    for header in (*FIGURE_COLUMNS, INDUSTRY):
        column = rows.columns.get(header)
        if column is not None and ("" in column or None in column):
            return True
    notes = rows.columns.get(NOTE)
    return notes is not None and any(is_blank(b) and not is_blank(a) for a, b in zip(notes, notes[1:]))
