"""Cells of a resident list merged over several companies' rows, as parks merge them: one 备注 "已上市企业" or one
所属行业 over a block of companies, one 年度网络交易额 over a group and its subsidiary. A file keeps a merged cell's
value in its first row only (calamine reads the others as blank); 附件3 lists each company with its own figures.

- a 备注 or 所属行业 merged over rows is each of those companies': it is read into every row (each company marked
  counts, as the form's 示范企业/上市企业 counts are checked against the list's 备注);
- a 从业人数 or amount merged over companies cannot be split: it is counted once (the sum stays right) and said.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ...engine.application import ResidentRow, ResidentTable
from ...engine.findings import Finding, make
from ...engine.parse.result import is_blank
from ...engine.residents import NOTE, RETAIL, STAFF, TRADE
from ...rules import Severity
from .refs import col_index, split_ref
from .source import WorkbookSource

INDUSTRY = "所属行业（类型）"
SHARED = (NOTE, INDUSTRY)   # a remark or a 行业 merged over rows: each company's
FIGURE_COLUMNS = (STAFF, TRADE, RETAIL)   # the 附件3 columns summed: one merged over companies is no one's own


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
    headers = {col_index(letter): header for header, letter in rows.letters.items()}
    said = []
    for rng in merged:
        first, _, last = rng.partition(":")
        (top, left), (bottom, _) = split_ref(first), split_ref(last or first)
        header = headers.get(left)
        if bottom == top or header not in (*SHARED, *FIGURE_COLUMNS):
            continue
        at = range(bisect_left(rows.row_numbers, top), bisect_right(rows.row_numbers, bottom))
        if len(at) < 2:
            continue
        if header in SHARED:
            _spread(rows, header, top, at)
        else:
            said.append(_figure_said(sheet, rng, header, len(at)))
    return (rows, sheet, [*findings, *said]) if said else read


def _spread(rows: ResidentTable, header: str, top: int, at: range) -> None:
    """The merged cell's value (in its first row, a company's) read into the blank cells of the rows under it."""
    column = rows.columns.get(header)
    if column is None or rows.row_numbers[at[0]] != top or is_blank(column[at[0]]):
        return
    values = list(column)
    for i in at[1:]:
        if is_blank(values[i]):
            values[i] = column[at[0]]
    rows.set_column(header, values)


def _figure_said(sheet: str, rng: str, header: str, count: int) -> Finding:
    shown = header.replace("（万元）", "")
    return make("XC_RESIDENT_ROW", Severity.WARNING, field=header, at=(sheet, rng.partition(":")[0]), detail=(
        f"{rng}合并了{count}家企业的{shown}，按一个数计入合计，请分别填写各企业的数字"))
