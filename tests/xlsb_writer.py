"""Write a genuine Excel binary workbook (.xlsb, MS-XLSB) for the tests: nothing on this machine saves one.

Written from the MS-XLSB record layouts (a record is a 1–2 byte type and a 1–4 byte size, 7 bits a byte, then its
body): xl/workbook.bin (BrtBeginBook … BrtBundleSh … BrtEndBook), xl/worksheets/sheetN.bin (BrtWsDim, BrtRowHdr and
the cell records, BrtMergeCell), xl/styles.bin (fonts, fills, borders, the cell XFs and their number formats) and
xl/sharedStrings.bin, as Excel writes them (text in the shared string table, whole numbers as RK values).

    write_xlsb(path, [("Sheet1", [["标题"], ["a", 1, 2.5, None]])], merges={"Sheet1": ["A1:D1"]})

A cell is None (nothing), str, int, float, bool, a date (shown yyyy/m/d), ``Fmt(value, "0.00%")`` (a number or
date with a number format: built-in codes for the usual ones, a custom format record otherwise) or ``Err("#N/A")``
(an Excel error value) or ``Struck("某公司")`` (a text in a font struck through: 删除线).
"""
from __future__ import annotations

import datetime as dt
import math
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries


@dataclass(frozen=True)
class Fmt:
    value: float | dt.date
    code: str


@dataclass(frozen=True)
class Err:
    text: str


@dataclass(frozen=True)
class Struck:
    text: str


STRUCK_FORMAT = -1       # a cell XF of the General format whose font is struck through


ERROR_CODES = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D, "#NUM!": 0x24,
               "#N/A": 0x2A}
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
                   "yyyy/m/d": 14, "m/d/yyyy": 14, "mm-dd-yy": 14, "yyyy-mm-dd": 14}


def _varint(n: int, most: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            break
    assert len(out) <= most, "record type or size too large"
    return bytes(out)


def rec(typ: int, body: bytes = b"") -> bytes:
    return _varint(typ, 2) + _varint(len(body), 4) + body


def wstr(s: str) -> bytes:
    """XLWideString: character count, then UTF-16LE."""
    data = s.encode("utf-16-le")
    return struct.pack("<I", len(data) // 2) + data


def _color(rgb=(0, 0, 0), auto=False) -> bytes:
    # BrtColor: fValidRGB + xColorType (0 auto, 2 rgb), index, nTintAndShade, red, green, blue, alpha
    return struct.pack("<BBhBBBB", 0x01 if auto else 0x05, 0, 0, *rgb, 0xFF)


def _styles(codes: list[int], custom: dict[int, str]) -> bytes:
    body = rec(0x0116)                                              # BrtBeginStyleSheet
    body += rec(0x0267, struct.pack("<I", len(custom)))             # BrtBeginFmts
    for ifmt, code in custom.items():
        body += rec(0x002C, struct.pack("<H", ifmt) + wstr(code))   # BrtFmt
    body += rec(0x0268)
    fonts = [struct.pack("<HHHHBBBB", 220, grbit, 400, 0, 0, 2, 134, 0) + _color(auto=True) + b"\x02" + wstr("宋体")
             for grbit in ((0, 0x0008) if STRUCK_FORMAT in codes else (0,))]    # BrtFont's grbit: fStrikeout
    body += rec(0x0263, struct.pack("<I", len(fonts))) + b"".join(rec(0x002B, f) for f in fonts) + rec(0x0264)
    fill = struct.pack("<I", 0) + _color(auto=True) + _color(auto=True) + struct.pack("<I5dI", 0, 0, 0, 0, 0, 0, 0)
    body += rec(0x025B, struct.pack("<I", 2)) + rec(0x002D, fill) + rec(0x002D, struct.pack("<I", 17) + fill[4:])
    body += rec(0x025C)
    side = b"\x00\x00" + _color(auto=True)
    body += rec(0x0265, struct.pack("<I", 1)) + rec(0x002E, b"\x00" + side * 5) + rec(0x0266)   # borders

    def xf(parent: int, ifmt: int) -> bytes:   # BrtXF: parent, format, font, fill, border, rotation, indent, flags
        font = 1 if ifmt == STRUCK_FORMAT else 0
        return rec(0x002F, struct.pack("<HHHHHBBHBB", parent, max(ifmt, 0), font, 0, 0, 0, 0, 0x1000, 0, 0))

    body += rec(0x0272, struct.pack("<I", 1)) + xf(0xFFFF, 0) + rec(0x0273)              # cell style XFs
    body += rec(0x0269, struct.pack("<I", len(codes))) + b"".join(xf(0, c) for c in codes) + rec(0x026A)
    body += rec(0x026B, struct.pack("<I", 1))                                               # BrtBeginStyles
    body += rec(0x0030, struct.pack("<IHBB", 0, 1, 0, 0xFF) + wstr("Normal")) + rec(0x026C)
    return body + rec(0x0117)                                       # BrtEndStyleSheet


def _rk(value: float) -> bytes | None:
    """An RK number, as Excel stores most typed numbers: the top 30 bits of the double when the rest are zero
    (15, 0.5, 45292 …), else a 30-bit whole number, each also tried as hundredths (12.34)."""
    if not math.isfinite(value):
        return None
    for scale, flag in ((1, 0), (100, 1)):
        bits = struct.unpack("<Q", struct.pack("<d", value * scale))[0]
        if bits & ((1 << 34) - 1) == 0 and struct.unpack("<d", struct.pack("<Q", bits))[0] / scale == value:
            return struct.pack("<I", (bits >> 32) | flag)
    for scale, flag in ((1, 0), (100, 1)):
        scaled = value * scale
        if scaled == int(scaled) and -(1 << 29) <= scaled < (1 << 29) and int(scaled) / scale == value:
            return struct.pack("<i", (int(scaled) << 2) | 2 | flag)
    return None


class _Book:
    def __init__(self, shared: bool):
        self.shared = shared
        self.strings: list[str] = []
        self.index: dict[str, int] = {}
        self.codes = [0]                 # the cell XFs' number formats; XF 0 is General
        self.custom: dict[int, str] = {}

    def style(self, code: str) -> int:
        ifmt = BUILTIN_FORMATS.get(code)
        if ifmt is None:
            ifmt = next((k for k, v in self.custom.items() if v == code), 164 + len(self.custom))
            self.custom[ifmt] = code
        if ifmt not in self.codes:
            self.codes.append(ifmt)
        return self.codes.index(ifmt)

    def cell(self, col: int, value: Any) -> bytes:
        ixf = 0
        if isinstance(value, (dt.date, dt.datetime)) and not isinstance(value, Fmt):
            value = Fmt(value, "yyyy/m/d")
        if isinstance(value, Struck):
            if STRUCK_FORMAT not in self.codes:
                self.codes.append(STRUCK_FORMAT)
            ixf, value = self.codes.index(STRUCK_FORMAT), value.text
        if isinstance(value, Fmt):
            ixf, value = self.style(value.code), value.value
            if isinstance(value, dt.datetime):
                value = (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
            elif isinstance(value, dt.date):
                value = float((value - dt.date(1899, 12, 30)).days)
        head = struct.pack("<II", col, ixf)     # Cell: column, iStyleRef (24 bits) and flags
        if isinstance(value, Err):
            return rec(0x0003, head + bytes([ERROR_CODES[value.text]]))                 # BrtCellError
        if isinstance(value, bool):
            return rec(0x0004, head + bytes([int(value)]))                              # BrtCellBool
        if isinstance(value, (int, float)):
            rk = _rk(float(value)) if float(value) == value else None
            if rk is not None:
                return rec(0x0002, head + rk)                                           # BrtCellRk
            return rec(0x0005, head + struct.pack("<d", float(value)))                  # BrtCellReal
        if isinstance(value, str):
            if not self.shared:
                return rec(0x0006, head + wstr(value))                                  # BrtCellSt
            if value not in self.index:
                self.index[value] = len(self.strings)
                self.strings.append(value)
            return rec(0x0007, head + struct.pack("<I", self.index[value]))             # BrtCellIsst
        raise TypeError(f"cannot write {value!r}")

    def sheet(self, rows: list[list[Any]], merges: list[str], hidden: set[int] = frozenset()) -> bytes:
        used = [(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None]
        last_row = max((r for r, _ in used), default=0)
        last_col = max((c for _, c in used), default=0)
        body = rec(0x0081)                                                              # BrtBeginSheet
        body += rec(0x0094, struct.pack("<IIII", 0, last_row, 0, last_col))            # BrtWsDim
        body += rec(0x0091)                                                             # BrtBeginSheetData
        for r, row in enumerate(rows):
            cells = [(c, v) for c, v in enumerate(row) if v is not None]
            if not cells:
                continue
            span = struct.pack("<II", cells[0][0], cells[-1][0])
            # BrtRowHdr: rw, ixfe, miyRw (twips), 3 bytes of flags (fDyZero, a hidden row: 0x10 of the second), one
            # column span
            flags = b"\x00\x10\x00" if r + 1 in hidden else b"\x00\x00\x00"
            body += rec(0x0000, struct.pack("<IIH", r, 0, 300) + flags + struct.pack("<I", 1) + span)
            body += b"".join(self.cell(c, v) for c, v in cells)
        body += rec(0x0092)                                                             # BrtEndSheetData
        if merges:
            body += rec(0x00B1, struct.pack("<I", len(merges)))                        # BrtBeginMergeCells
            for ref in merges:
                c1, r1, c2, r2 = range_boundaries(ref)
                body += rec(0x00B0, struct.pack("<IIII", r1 - 1, r2 - 1, c1 - 1, c2 - 1))
            body += rec(0x00B2)
        return body + rec(0x0082)                                                       # BrtEndSheet

    def shared_strings(self) -> bytes:
        body = rec(0x009F, struct.pack("<II", len(self.strings), len(self.strings)))   # BrtBeginSst
        body += b"".join(rec(0x0013, b"\x00" + wstr(s)) for s in self.strings)        # BrtSSTItem
        return body + rec(0x00A0)


def workbook_bin(names: list[str]) -> bytes:
    body = rec(0x0083)                                                                  # BrtBeginBook
    body += rec(0x0080, wstr("xl") + wstr("7") + wstr("7") + wstr("27328"))            # BrtFileVersion
    body += rec(0x0099, struct.pack("<II", 0, 0) + wstr(""))                           # BrtWbProp
    body += rec(0x008F)                                                                 # BrtBeginBundleShs
    for i, name in enumerate(names, 1):
        body += rec(0x009C, struct.pack("<II", 0, i) + wstr(f"rId{i}") + wstr(name))  # BrtBundleSh
    body += rec(0x0090)                                                                 # BrtEndBundleShs
    return body + rec(0x0084)                                                           # BrtEndBook


def write_xlsb(path: Path, sheets: list[tuple[str, list[list[Any]]]], merges: dict[str, list[str]] | None = None,
               shared_strings: bool = True, saved: dt.datetime | None = None,
               hidden: dict[str, set[int]] | None = None) -> Path:
    """Write ``sheets`` (name, rows of cells) to ``path`` as an .xlsb; ``merges`` maps a sheet to its merged ranges;
    ``saved`` (UTC) is the last-saved time Excel records in docProps/core.xml; ``hidden`` a sheet to its hidden rows
    (1-based: a filter left on, rows hidden by hand)."""
    book = _Book(shared_strings)
    parts = {f"xl/worksheets/sheet{i}.bin": book.sheet(rows, (merges or {}).get(name, []), (hidden or {}).get(name, set()))
             for i, (name, rows) in enumerate(sheets, 1)}
    parts["xl/workbook.bin"] = workbook_bin([name for name, _ in sheets])
    parts["xl/styles.bin"] = _styles(book.codes, book.custom)
    n = len(sheets)
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.bin" '
                        'ContentType="application/vnd.ms-excel.worksheet"/>' for i in range(1, n + 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/worksheet" Target="worksheets/sheet{i}.bin"/>' for i in range(1, n + 1))
    rels += (f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/styles" Target="styles.bin"/>')
    overrides += '<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>'
    if book.strings:
        parts["xl/sharedStrings.bin"] = book.shared_strings()
        rels += (f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/sharedStrings" Target="sharedStrings.bin"/>')
        overrides += ('<Override PartName="/xl/sharedStrings.bin" '
                      'ContentType="application/vnd.ms-excel.sharedStrings"/>')
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + overrides + '</Types>')
    core = ""
    if saved is not None:
        core = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                'metadata/core-properties" Target="docProps/core.xml"/>')
        content_types = content_types.replace("</Types>", '<Override PartName="/docProps/core.xml" ContentType='
                                              '"application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
        parts["docProps/core.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:modified xsi:type="dcterms:W3CDTF">'
            + saved.strftime("%Y-%m-%dT%H:%M:%SZ") + '</dcterms:modified></cp:coreProperties>').encode()
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.bin"/>' + core + '</Relationships>')
    wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + rels + '</Relationships>')
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("xl/workbook.bin", parts.pop("xl/workbook.bin"))
        zf.writestr("xl/_rels/workbook.bin.rels", wb_rels)
        for name, data in parts.items():
            zf.writestr(name, data)
    return path
