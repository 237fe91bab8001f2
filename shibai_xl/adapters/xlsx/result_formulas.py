"""A clerk's formulas in the 校验结果 sheet (=COUNTA(B5:B9) under the results, =TODAY() in his own column) kept as
formulas by the next check, their references to rows of the sheet moved where those rows went.

A reference to a row the check moved follows it; a range over all the last results (B5:B9) spans the new ones;
one above the results stays. A reference to a result row that is gone, or into a part of the results, cannot be
moved faithfully: the formula is kept as typed and that is said.
"""
from __future__ import annotations

from typing import Any

from ...engine.plan import Formula
from ...engine.result_rows import ResultRows


def with_formulas(old: list[list[Any]], formulas: dict[tuple[int, int], str], first: int) -> list[list[Any]]:
    """``old`` (the sheet's rows from ``first``) with each cell holding a formula as that :class:`Formula`."""
    rows = [list(r) for r in old]
    for (r, c), f in formulas.items():
        if r >= first and r - first < len(rows) and isinstance(f, str) and f.startswith("="):
            row = rows[r - first]
            row += [None] * (c - len(row))
            row[c - 1] = Formula(f)
    return rows


def repoint(merged: ResultRows, old_count: int, first: int, sheet: str) -> list[str]:
    """Move the references of the formulas in ``merged.rows`` (in place); what could not be moved (Chinese)."""
    if not any(isinstance(v, Formula) for row in merged.rows for v in row):
        return []
    from .summary_formulas import _CELL_REF, with_references  # openpyxl's tokenizer: for a sheet with formulas

    moved = {k: i for i, k in enumerate(merged.sources) if k is not None}
    was, now = merged.results

    def row_of(r: int) -> int | None:
        if r < first or r - first >= old_count:
            return r
        return first + moved[r - first] if r - first in moved else None

    def change(ref: str, lost: list[str]) -> str:
        parts = [_CELL_REF.fullmatch(p) for p in ref.split(":")]
        if not all(parts):
            return ref
        rows = [int(p.group(2)) for p in parts]
        new = [row_of(r) for r in rows]
        if len(rows) == 2 and was and rows[0] < first + was and rows[1] >= first:   # a range into the results
            whole = rows[0] <= first and rows[1] >= first + was - 1 and now         # all of them: all the new ones
            new = [rows[0], first + now - 1 if rows[1] == first + was - 1 else new[1]] if whole else [None]
        if None in new:
            lost.append(ref)
            return ref
        return ":".join(p.group(1) + str(n) for p, n in zip(parts, new))

    said = []
    for i, row in enumerate(merged.rows):
        for c, v in enumerate(row):
            if isinstance(v, Formula):
                lost: list[str] = []
                text = with_references(v, lambda ref, lost=lost: change(ref, lost))
                if lost:
                    said.append(f"“{sheet}”表第{first + i}行你填写的公式{v}引用的行（{'、'.join(lost)}）已随检查结果"
                                "变动，公式原样保留，请核对")
                else:
                    row[c] = Formula(text)
    return said
