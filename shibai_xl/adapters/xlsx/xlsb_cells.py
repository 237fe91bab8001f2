"""Which cells of an .xlsb (Excel binary workbook) hold an Excel error value (#N/A, #DIV/0! …): calamine reads them
as blank, and a city's amount or an application's answer read as blank would be left out of a total unsaid.

[MS-XLSB]: a part is a run of records, each a type (1–2 bytes, 7 bits a byte) and a size (1–4 bytes, likewise)
before its body. xl/workbook.bin lists the sheets (BrtBundleSh: state, tab id, relationship id, name), whose parts
the workbook's relationships name; in a sheet part BrtRowHdr starts each row, and a typed error value is a
BrtCellError, a formula whose result is one a BrtFmlaError: a Cell (column, style) and the error's code (BErr).
The number formats are not read (README: an .xlsb's formats stay unknown).
"""
from __future__ import annotations

import struct
from collections.abc import Collection, Iterator
from pathlib import Path

from .opc import open_zip, relationships
from .refs import col_letters
from .xls_formats import BIFF_ERRORS, UNKNOWN_ERROR

_ROW_HDR, _CELL_ERROR, _FMLA_ERROR, _END_SHEET_DATA = 0x0000, 0x0003, 0x000B, 0x0092
_BUNDLE_SH, _END_BUNDLE_SHS = 0x009C, 0x0090
_WORKBOOK = "xl/workbook.bin"
MAX_ERRORS = 10_000
MAX_ROWS = 1 << 20


def records(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(type, start of body, size) of each whole record of a part; stops where the part is cut off."""
    pos, end = 0, len(data)
    while pos < end:
        b = data[pos]
        pos += 1
        typ = b & 0x7F
        if b & 0x80:
            if pos >= end:
                return
            typ |= (data[pos] & 0x7F) << 7
            pos += 1
        size = 0
        for i in range(4):
            if pos >= end:
                return
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << (7 * i)
            if not b & 0x80:
                break
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


def sheet_errors(data: bytes) -> dict[str, str]:
    """The cells of one sheet part holding an error value: ref → "#N/A"."""
    out: dict[str, str] = {}
    row = 0
    for typ, pos, size in records(data):
        if typ == _ROW_HDR and size >= 4:
            row = struct.unpack_from("<I", data, pos)[0]
        elif typ in (_CELL_ERROR, _FMLA_ERROR) and size >= 9 and row < MAX_ROWS:
            col = struct.unpack_from("<I", data, pos)[0]
            if col < 16384:
                out[f"{col_letters(col + 1)}{row + 1}"] = BIFF_ERRORS.get(data[pos + 8], UNKNOWN_ERROR)
                if len(out) >= MAX_ERRORS:
                    break
        elif typ == _END_SHEET_DATA:
            break
    return out


class XlsbCells:
    """An .xlsb's error cells, a sheet read once; its number formats are not known (``cells`` answers nothing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors_of: dict[str, dict[str, str]] = {}

    def cells(self, sheet: str, refs: Collection[str]) -> dict:
        return {}

    def errors(self, sheet: str) -> dict[str, str]:
        if sheet not in self.errors_of:
            with open_zip(self.path) as zf:
                members = set(zf.namelist())
                part = sheet_parts(zf, members).get(sheet)
                self.errors_of[sheet] = sheet_errors(zf.read(part)) if part else {}
        return self.errors_of[sheet]
