"""The merged ranges of a sheet ("D33:D34"), whatever the file's format: an .xlsx's from its sheet XML
(package.merged_ranges), and

- .xls (BIFF8): the MERGEDCELLS records of the sheet's substream ([MS-XLS] 2.4.168: a count, then Ref8 each:
  first row, last row, first column, last column, 0-based) — what calamine's ``merged_cell_ranges`` gives, read
  here from the stream already in memory, for every source holding the package (file, add-in view of it);
- .ods: calamine tells none; a ``table:table-cell`` saying ``table:number-rows-spanned`` or
  ``table:number-columns-spanned`` in content.xml, streamed only when it says ``spanned=`` at all;
- .xlsb: the walk of its records (:mod:`.xlsb_cells`).
"""
from __future__ import annotations

import struct

from .legacy import sheet_records
from .ods_formats import _T, _mentions, sheet_cells
from .opc import open_zip
from .package import Package, _legacy
from .package import merged_ranges as xlsx_merged
from .refs import col_letters
from .xls_formats import XlsFormats
from .xlsb_cells import Merge, XlsbCells

_MERGEDCELLS = 0x00E5
MAX_MERGES = 100_000


def merged_ranges(pkg: Package, sheet: str) -> list[str]:
    """The merged ranges of ``sheet``; none where the source cannot tell (a workbook open in Excel) or the file
    cannot be read that far (a damaged part: as before)."""
    if pkg.fmt not in ("xls", "ods", "xlsb"):
        return xlsx_merged(pkg, sheet)
    try:
        if pkg.fmt == "ods":
            return _ods(pkg, sheet)
        legacy = _legacy(pkg)
        if isinstance(legacy, XlsbCells):
            return _refs(legacy.merged(sheet))
        return _refs(_xls(pkg, legacy, sheet)) if isinstance(legacy, XlsFormats) else []
    except Exception:  # whatever a damaged part makes the parsers raise: no merge known
        return []


def _refs(merges: list[Merge]) -> list[str]:
    """((r0, c0), (r1, c1)) 0-based → "D33:D34"."""
    return [f"{col_letters(c0 + 1)}{r0 + 1}:{col_letters(c1 + 1)}{r1 + 1}" for (r0, c0), (r1, c1) in merges]


def _xls(pkg: Package, formats: XlsFormats, sheet: str) -> list[Merge]:
    data = pkg.biff
    out: list[Merge] = []
    for rid, body, length in sheet_records(data, formats.sheets.get(sheet)) if data else ():
        if len(out) >= MAX_MERGES:
            break
        if rid == _MERGEDCELLS and length >= 2:
            count = min(struct.unpack_from("<H", data, body)[0], (length - 2) // 8)
            for i in range(count):
                r0, r1, c0, c1 = struct.unpack_from("<HHHH", data, body + 2 + 8 * i)
                out.append(((r0, c0), (r1, c1)))
    return out


def _ods(pkg: Package, sheet: str) -> list[str]:
    with open_zip(pkg.path) as zf:
        if not _mentions(zf, "content.xml", b'spanned="'):
            return []
        out: list[str] = []
        with zf.open("content.xml") as fh:
            for top, first, _, el in sheet_cells(fh, sheet):
                rows, cols = _span(el, "rows"), _span(el, "columns")
                if (rows > 1 or cols > 1) and len(out) < MAX_MERGES:
                    out.append(f"{col_letters(first)}{top}:{col_letters(first + cols - 1)}{top + rows - 1}")
        return out


def _span(el, what: str) -> int:
    try:
        return max(1, int(el.get(f"{_T}number-{what}-spanned") or 1))
    except ValueError:
        return 1
