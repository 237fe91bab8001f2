"""Which cells of an .xlsb (Excel binary workbook) hold an Excel error value (#N/A, #DIV/0! …): calamine reads them
as blank, and a city's amount or an application's answer read as blank would be left out of a total unsaid; and how
far a sheet's values reach, measured before calamine builds its grid from A1 (a value typed into XFD1048576 asks
for 550 GB and aborts the process, as in an .xlsx: :func:`.opc.check_extent`); and its merged cells, which
calamine does not give for an .xlsb (a 项目类型 merged over a city's parks is every one's 项目类型).

[MS-XLSB]: a part is a run of records, each a type (1–2 bytes, 7 bits a byte) and a size (1–4 bytes, likewise)
before its body. xl/workbook.bin lists the sheets (BrtBundleSh: state, tab id, relationship id, name), whose parts
the workbook's relationships name; in a sheet part BrtRowHdr starts each row (its fDyZero flag, 0x10 of the 12th
byte of its body, marks a row hidden by hand or by a filter: [MS-XLSB] 2.4.726), and a typed error value is a
BrtCellError, a formula whose result is one a BrtFmlaError: a Cell (column, style) and the error's code (BErr);
after the cells (BrtEndSheetData) each merged range is a BrtMergeCell (first row, last row, first column, last).
Every cell record starts with a Cell: its column and iStyleRef, an index into xl/styles.bin's cell XFs (BrtXF between
BrtBeginCellXFs and BrtEndCellXFs, its iFont the third 2-byte field), whose font (the iFont-th BrtFont between
BrtBeginFonts and BrtEndFonts) says fStrikeout (0x08 of its grbit, the second 2-byte field): a name struck through
(删除线). The number formats are not read (README: an .xlsb's formats stay unknown).
"""
from __future__ import annotations

import struct
from collections.abc import Collection, Iterator
from pathlib import Path

from .opc import MAX_GRID_CELLS, TOO_FAR, UnreadableFile, open_zip, relationships
from .refs import col_letters
from .xls_formats import BIFF_ERRORS, UNKNOWN_ERROR

_ROW_HDR, _FIRST_VALUE, _CELL_ERROR, _FMLA_ERROR, _END_SHEET_DATA = 0x0000, 0x0002, 0x0003, 0x000B, 0x0092
_BUNDLE_SH, _END_BUNDLE_SHS, _MERGE_CELL = 0x009C, 0x0090, 0x00B0
_CELL_BLANK, _CELL_RSTRING = 0x0001, 0x003E
_BEGIN_FONTS, _END_FONTS, _FONT, _BEGIN_CELL_XFS, _END_CELL_XFS, _XF = 0x0263, 0x0264, 0x002B, 0x0269, 0x026A, 0x002F
_STRIKEOUT = 0x0008
_STYLES = "xl/styles.bin"
_WORKBOOK = "xl/workbook.bin"
MAX_ERRORS = 10_000
MAX_MERGES = 100_000
MAX_ROWS = 0x100000


def records(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(type, start of body, size) of each whole record of a part; stops where the part is cut off."""
    pos, end = 0, len(data)
    while pos + 1 < end:
        typ, b = data[pos], data[pos + 1]
        pos += 2
        if typ & 0x80:                       # a two-byte type: its size follows
            typ = (typ & 0x7F) | ((b & 0x7F) << 7)
            if pos >= end:
                return
            b = data[pos]
            pos += 1
        size = b & 0x7F
        shift = 7
        while b & 0x80 and shift < 28:       # the size takes up to four bytes
            if pos >= end:
                return
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
        if pos + size > end:
            return
        yield typ, pos, size
        pos += size


def _wide(data: bytes, pos: int, end: int) -> tuple[str | None, int]:
    """An XLNullableWideString at ``pos``: (text or None, the position after it)."""
    if pos + 4 > end:
        return None, end
    n = struct.unpack_from("<I", data, pos)[0]
    if n == 0xFFFFFFFF:
        return None, pos + 4
    stop = pos + 4 + 2 * n
    if stop > end:
        return None, end
    return data[pos + 4:stop].decode("utf-16-le", "replace"), stop


def sheet_parts(zf, members: set[str]) -> dict[str, str]:
    """Sheet name → its part, from xl/workbook.bin and its relationships."""
    if _WORKBOOK not in members:
        return {}
    rels = relationships(zf, _WORKBOOK, members)
    data = zf.read(_WORKBOOK)
    out = {}
    for typ, pos, size in records(data):
        if typ == _END_BUNDLE_SHS:
            break
        if typ == _BUNDLE_SH and size >= 8:
            rel, after = _wide(data, pos + 8, pos + size)
            name, _ = _wide(data, after, pos + size)
            if rel is not None and name is not None and rels.get(rel) in members:
                out[name] = rels[rel]
    return out


Merge = tuple[tuple[int, int], tuple[int, int]]
Walked = tuple[dict[str, str], tuple[int, int], list[Merge], set[int]]
_DY_ZERO = 0x10          # BrtRowHdr's fDyZero, in the 12th byte of its body: the row is hidden


def walk_sheet(data: bytes) -> Walked:
    """Of one sheet part: the cells holding an error value (ref → "#N/A"); (rows, columns) from A1 to the last cell
    holding a value, cells placed as calamine places them (a row past 1,048,576 ends its reading); the merged
    ranges ((first row, first column), (last row, last column)), 0-based as calamine gives an .xlsx's; the hidden
    rows (1-based)."""
    errors: dict[str, str] = {}
    merges: list[Merge] = []
    hidden: set[int] = set()
    row = rows = cols = 0
    in_data = True
    for typ, pos, size in records(data):
        if not in_data:
            if typ == _MERGE_CELL and size >= 16 and len(merges) < MAX_MERGES:
                r0, r1, c0, c1 = struct.unpack_from("<IIII", data, pos)
                if r0 <= r1 < MAX_ROWS and c0 <= c1 < 16384:
                    merges.append(((r0, c0), (r1, c1)))
            continue
        if typ == _ROW_HDR and size >= 4:
            row = struct.unpack_from("<I", data, pos)[0]
            if row > MAX_ROWS:
                break
            if size >= 12 and data[pos + 11] & _DY_ZERO:
                hidden.add(row + 1)
        elif _FIRST_VALUE <= typ <= _FMLA_ERROR and size >= 8:
            col = struct.unpack_from("<I", data, pos)[0]
            rows, cols = max(rows, row + 1), max(cols, col + 1)
            if typ in (_CELL_ERROR, _FMLA_ERROR) and size >= 9 and col < 16384 and len(errors) < MAX_ERRORS:
                errors[f"{col_letters(col + 1)}{row + 1}"] = BIFF_ERRORS.get(data[pos + 8], UNKNOWN_ERROR)
        elif typ == _END_SHEET_DATA:
            in_data = False
    return errors, (rows, cols), merges, hidden


class XlsbCells:
    """An .xlsb's sheets as far as calamine does not tell them: the cells holding an error value and how far the
    values reach (each sheet walked once); its number formats are not known (``cells`` answers nothing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.walked: dict[str, Walked] = {}

    def cells(self, sheet: str, refs: Collection[str]) -> dict:
        return {}

    def _walk(self, sheet: str) -> Walked:
        if sheet not in self.walked:
            with open_zip(self.path) as zf:
                members = set(zf.namelist())
                part = sheet_parts(zf, members).get(sheet)
                self.walked[sheet] = walk_sheet(zf.read(part)) if part else ({}, (0, 0), [], set())
        return self.walked[sheet]

    def errors(self, sheet: str) -> dict[str, str]:
        return self._walk(sheet)[0]

    def extent(self, sheet: str) -> tuple[int, int]:
        """(rows, columns) of calamine's grid of the sheet."""
        return self._walk(sheet)[1]

    def merged(self, sheet: str) -> list[Merge]:
        """The sheet's merged ranges, as calamine's ``merged_cell_ranges`` (which it gives for .xlsx, not .xlsb)."""
        return self._walk(sheet)[2]

    def hidden(self, sheet: str) -> set[int]:
        """The sheet's hidden rows (1-based): a filter left on, rows hidden by hand."""
        return self._walk(sheet)[3]

    def struck_rows(self, sheet: str, column: int) -> set[int]:
        """The 1-based rows of ``sheet`` whose cell in ``column`` (0-based) is in a font struck through."""
        with open_zip(self.path) as zf:
            xfs = struck_formats(zf.read(_STYLES)) if _STYLES in zf.NameToInfo else set()
            part = sheet_parts(zf, set(zf.namelist())).get(sheet) if xfs else None
            data = zf.read(part) if part else b""
        out: set[int] = set()
        row = 0
        for typ, pos, size in records(data):
            if typ == _ROW_HDR and size >= 4:
                row = struct.unpack_from("<I", data, pos)[0]
            elif (_CELL_BLANK <= typ <= _FMLA_ERROR or typ == _CELL_RSTRING) and size >= 8:
                col, style = struct.unpack_from("<II", data, pos)
                if col == column and (style & 0xFFFFFF) in xfs and row < MAX_ROWS:
                    out.add(row + 1)
            elif typ == _END_SHEET_DATA:
                break
        return out

    def check_extent(self, sheet: str) -> None:
        """Refuse a sheet whose grid would not fit (one value typed into XFD1048576 aborts calamine)."""
        rows, cols = self.extent(sheet)
        if rows * cols > MAX_GRID_CELLS:
            raise UnreadableFile(TOO_FAR.format(sheet=sheet, rows=rows, cols=cols))


def struck_formats(styles: bytes) -> set[int]:
    """The cell XFs of an xl/styles.bin whose font is struck through."""
    struck: set[int] = set()
    xfs: set[int] = set()
    fonts = cells = -1       # the index of the next font / cell XF while inside their lists
    for typ, pos, size in records(styles):
        if typ in (_BEGIN_FONTS, _END_FONTS):
            fonts = 0 if typ == _BEGIN_FONTS else -1
        elif typ in (_BEGIN_CELL_XFS, _END_CELL_XFS):
            cells = 0 if typ == _BEGIN_CELL_XFS else -1
        elif typ == _FONT and fonts >= 0:
            if size >= 4 and struct.unpack_from("<H", styles, pos + 2)[0] & _STRIKEOUT:
                struck.add(fonts)
            fonts += 1
        elif typ == _XF and cells >= 0:
            if size >= 6 and struct.unpack_from("<H", styles, pos + 4)[0] in struck:
                xfs.add(cells)
            cells += 1
    return xfs
