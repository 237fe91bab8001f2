"""The merged ranges of a sheet of an .xls, .ods or .xlsb ("D33:D34"), which the .xlsx reader finds in the sheet's
XML (package.merged_ranges):

- .xls: calamine's ``merged_cell_ranges`` (the MERGEDCELLS records), taken as the sheet's values are read;
- .ods: calamine tells none; a ``table:table-cell`` saying ``table:number-rows-spanned`` or
  ``table:number-columns-spanned`` in content.xml, streamed only when it says ``spanned=`` at all;
- .xlsb: the walk of its records (:mod:`.xlsb_cells`).
"""
from __future__ import annotations

from typing import Any

from .ods_formats import _CELLS, _T, _mentions, _repeat
from .opc import iterparse, open_zip
from .package import Package, _legacy
from .refs import col_letters
from .xlsb_cells import Merge, XlsbCells

MAX_MERGES = 100_000


def legacy_merged(pkg: Package, sheet: str, calamine: Any) -> list[str]:
    """The merged ranges of ``sheet`` of an .xls/.ods/.xlsb, ``calamine`` the ranges calamine gave with its values
    (None where it tells none); none where the file cannot be read that far (a damaged part: as before)."""
    try:
        if pkg.fmt == "ods":
            return _ods(pkg, sheet)
        if pkg.fmt == "xlsb":
            xlsb = _legacy(pkg)
            return _refs(xlsb.merged(sheet)) if isinstance(xlsb, XlsbCells) else []
        return _refs(calamine or [])
    except Exception:  # whatever a damaged part makes the parsers raise: no merge known
        return []


def _refs(merges: list[Merge]) -> list[str]:
    """((r0, c0), (r1, c1)) 0-based → "D33:D34"."""
    return [f"{col_letters(c0 + 1)}{r0 + 1}:{col_letters(c1 + 1)}{r1 + 1}" for (r0, c0), (r1, c1) in merges]


def _ods(pkg: Package, sheet: str) -> list[str]:
    with open_zip(pkg.path) as zf:
        if not _mentions(zf, "content.xml", b'spanned="'):
            return []
        out: list[str] = []
        depth = mine = top = row = col = 0
        with zf.open("content.xml") as fh:
            for event, el in iterparse(fh, ("start", "end"), (_T + "table", _T + "table-row", *_CELLS)):
                tag = el.tag
                if tag == _T + "table":
                    depth += 1 if event == "start" else -1
                    if event == "start" and not mine and el.get(_T + "name") == sheet:
                        mine = depth
                    elif event == "end" and mine and depth < mine:
                        break
                elif not mine or depth != mine:
                    continue
                elif event == "end":
                    if tag == _T + "table-row":
                        el.clear()
                        while el.getprevious() is not None:   # rows read: a long sheet is not kept as a tree
                            del el.getparent()[0]
                elif tag == _T + "table-row":
                    top, row, col = row + 1, row + _repeat(el, "rows"), 0
                else:
                    first, col = col + 1, col + _repeat(el, "columns")
                    rows, cols = _span(el, "rows"), _span(el, "columns")
                    if (rows > 1 or cols > 1) and len(out) < MAX_MERGES:
                        out.append(f"{col_letters(first)}{top}:{col_letters(first + cols - 1)}{top + rows - 1}")
        return out


def _span(el, what: str) -> int:
    try:
        return max(1, int(el.get(f"{_T}number-{what}-spanned") or 1))
    except ValueError:
        return 1
