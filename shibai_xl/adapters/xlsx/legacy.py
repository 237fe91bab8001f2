"""Defined names and tables of workbooks in other formats, which python-calamine reads but does not describe.

- .ods keeps named ranges, named expressions (constants such as ``sb_type``) and database ranges (what an
  Excel table becomes) in content.xml; parsed streaming with the package layer's safe parser (:mod:`.opc`), after its zip checks.
- .xls (BIFF8, as Excel, WPS and LibreOffice save it) keeps defined names as NAME records in the Workbook
  stream: a 3-D cell reference or a string constant is all this tool writes, so that is all that is decoded.
  Tables do not survive .xls; readers find those by their header row.
- .xlsb: nothing is decoded; readers fall back to labels and header rows.

Names are returned in the text form of xlsx's workbook.xml ("'申报表'!$C$5", '"park"') so that one
:class:`~.package.Package` serves every format.
"""
from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterator

from .opc import UnreadableFile, iterparse
from .refs import MAX_COLUMNS, MAX_ROWS, col_letters

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_T = f"{{{_TABLE}}}"
MAX_NAMES = 20000


def quote_sheet(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


# --- .ods ---------------------------------------------------------------------------------------------

# a sheet's name quoted ("$'附件2.申报表'.$C$14": a dot or space inside the quotes is the name's) or bare
_ODS_CELL = re.compile(r"^\$?(?:'((?:[^']|'')+)'|([^'.]+))\.\$?([A-Z]{1,3})\$?(\d+)$")


def _ods_cell(text: str, sheet: str | None = None) -> tuple[str, str, int] | None:
    """'$申报表.$C$5' → (申报表, C, 5); '.$D$64' (the sheet of the range's start) → (sheet, D, 64)."""
    text = text.strip()
    if text.startswith(".") and sheet:
        text = quote_sheet(sheet) + text
    m = _ODS_CELL.match(text)
    return ((m.group(1) or "").replace("''", "'") or m.group(2), m.group(3), int(m.group(4))) if m else None


def _ods_range(text: str) -> tuple[str, str] | None:
    """'$申报表.$C$5' → (申报表, "C5"); '入驻企业名单.A5:入驻企业名单.K35' → (入驻企业名单, "A5:K35")."""
    first, _, last = (text or "").partition(":")
    a = _ods_cell(first)
    if a is None:
        return None
    if not last:
        return a[0], f"{a[1]}{a[2]}"
    b = _ods_cell(last, a[0])
    return (a[0], f"{a[1]}{a[2]}:{b[1]}{b[2]}") if b else None


def _absolute(ref: str) -> str:
    """'C5' → '$C$5', 'A1:D64' → '$A$1:$D$64'."""
    return ":".join(re.sub(r"^([A-Z]+)(\d+)$", r"$\1$\2", part) for part in ref.split(":"))


def ods_structure(zf: zipfile.ZipFile) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """(workbook-level names → refers-to text, [(table name, sheet, "A5:K35")]) of an .ods package."""
    names: dict[str, str] = {}
    tables: list[tuple[str, str, str]] = []
    depth_in_sheet = 0
    with zf.open("content.xml") as fh:
        for event, el in iterparse(fh, ("start", "end")):
            tag = el.tag
            if tag == _T + "table":
                depth_in_sheet += 1 if event == "start" else -1
                if event == "end":
                    el.clear()
                continue
            if event != "end":
                continue
            if tag == _T + "named-range" and not depth_in_sheet and len(names) < MAX_NAMES:
                ref = _ods_range(el.get(_T + "cell-range-address", ""))
                if ref:
                    names[el.get(_T + "name", "")] = f"{quote_sheet(ref[0])}!{_absolute(ref[1])}"
            elif tag == _T + "named-expression" and not depth_in_sheet and len(names) < MAX_NAMES:
                expr = el.get(_T + "expression", "")
                expr = expr[3:] if expr.startswith("of:") else expr
                names[el.get(_T + "name", "")] = expr.lstrip("=")
            elif tag == _T + "database-range":
                ref = _ods_range(el.get(_T + "target-range-address", ""))
                if ref and ":" in ref[1]:
                    tables.append((el.get(_T + "name", ""), ref[0], ref[1]))
            elif tag == _T + "table-row":
                el.clear()
                while el.getprevious() is not None:   # rows already read: let them go
                    del el.getparent()[0]
    return names, tables


ODF_ENCRYPTED = ("文件设置了打开密码（已加密），无法读取。请在 LibreOffice 中输入密码打开，“文件→另存为”时"
                 "取消勾选“使用密码保存”，保存类型选“Excel 2007-365 (.xlsx)”，再处理新保存的文件。")


def odf_spreadsheet(zf: zipfile.ZipFile, members: set[str]) -> bool:
    """Whether a zip with no workbook.xml is an .ods to read; refused with what to do when it is an OpenDocument file
    of another kind, or a spreadsheet saved with a password (LibreOffice's 使用密码保存: the manifest, always in the
    clear, gives the encrypted parts their encryption-data, ODF 1.2 §3.4; ODF 1.3's whole encrypted-package alike)."""
    mimetype = zf.read("mimetype")[:100] if "mimetype" in members else b""
    if b"opendocument.spreadsheet" in mimetype:
        part = "META-INF/manifest.xml"
        if part in members and zf.getinfo(part).file_size < 1 << 20 and b"encryption-data" in zf.read(part):
            raise UnreadableFile(ODF_ENCRYPTED)
        if "content.xml" in members:
            return True
    if b"opendocument" in mimetype:
        raise UnreadableFile("这是 OpenDocument 文档，但不是表格（.ods）。请确认文件是否选错")
    return False


# --- .xls (BIFF8) -------------------------------------------------------------------------------------

_BOF, _EOF, _BOUNDSHEET, _EXTERNSHEET, _NAME, _CONTINUE, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x0017, 0x0018, 0x003C, 0x002F


class EncryptedXls(Exception):
    """The .xls has a FILEPASS record: it needs a password to open."""


def _records(data: bytes):
    """(record id, body) of the workbook globals substream, CONTINUE records joined to the one before (once: the
    shared strings of 65,000 rows run on in a thousand of them, and adding each to the whole made it quadratic)."""
    pos, last = 0, None
    while pos + 4 <= len(data):
        rid, length = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4:pos + 4 + length]
        pos += 4 + length
        if rid == _CONTINUE and last is not None:
            last[1].append(body)
            continue
        if last is not None:
            yield last[0], b"".join(last[1])
        last = (rid, [body])
        if rid == _EOF:
            break
    if last is not None:
        yield last[0], b"".join(last[1])


def _unicode(body: bytes, pos: int, cch: int) -> tuple[str, int]:
    """An XLUnicodeStringNoCch at ``pos``: a flags byte (bit 0: UTF-16) then ``cch`` characters."""
    wide = body[pos] & 1
    pos += 1
    size = cch * (2 if wide else 1)
    raw = body[pos:pos + size]
    return (raw.decode("utf-16-le", "replace") if wide else raw.decode("latin-1")), pos + size


def _formula(rgce: bytes, sheets: list[str], xti: list[tuple[int, int, int]]) -> str | None:
    """The refers-to text of a name whose formula is one 3-D reference or one string constant."""
    if not rgce:
        return None
    ptg = rgce[0]
    try:
        if ptg in (0x3A, 0x5A, 0x7A) and len(rgce) >= 7:            # PtgRef3d
            ixti, row, col = struct.unpack_from("<HHH", rgce, 1)
            return _ref3d(sheets, xti, ixti, row, col & 0x3FFF)
        if ptg in (0x3B, 0x5B, 0x7B) and len(rgce) >= 11:           # PtgArea3d: its top-left cell
            ixti, row, _row2, col, _col2 = struct.unpack_from("<HHHHH", rgce, 1)
            return _ref3d(sheets, xti, ixti, row, col & 0x3FFF)
        if ptg == 0x17 and len(rgce) >= 3:                           # PtgStr
            text, _ = _unicode(rgce, 2, rgce[1])
            return '"' + text + '"'
    except (IndexError, struct.error, UnicodeDecodeError):
        return None
    return None


def _ref3d(sheets: list[str], xti: list[tuple[int, int, int]], ixti: int, row: int, col: int) -> str | None:
    if ixti >= len(xti):
        return None
    _book, first, _last = xti[ixti]
    if first >= len(sheets):
        return None
    return f"{quote_sheet(sheets[first])}!${col_letters(col + 1)}${row + 1}"


# cell records of a worksheet substream: (first row, first column) stand at the start of each; a MULRK's last
# column at its end. BLANK/MULBLANK (formatted empty cells) hold no value and place nothing in calamine's grid.
_VALUE_RECORDS = frozenset((0x0203, 0x00FD, 0x027E, 0x0205, 0x0006, 0x0204, 0x00D6))
_MULRK = 0x00BD


def xls_extents(reach: list[SheetReach]) -> dict[str, tuple[int, int]]:
    """Sheet name → (last row, last column) holding a value, 1-based, from the walk of each worksheet's BIFF
    records :func:`xls_reach` made (an .xls grid is at most 65,536 × 256, yet that is 16.7 million cells: 1 GB in
    calamine and Python for one stray value typed in IV65536). Sheets whose substream cannot be found are left out."""
    return {name: (rows, cols) for name, rows, cols, _forged in reach}


_DIMENSIONS = 0x0200
SheetReach = tuple[str, int, int, bool]


def xls_reach(workbook_stream: bytes) -> list[SheetReach]:
    """(sheet name, last row, last column holding a value, whether a DIMENSIONS record is impossible) of each
    sheet, in one walk of its records: what :func:`xls_extents` and :func:`xls_impossible` both ask (a ledger of
    60,000 rows is 300,000 records, each looked at in Python: once, not twice)."""
    return [(name, *_sheet_reach(workbook_stream, offset)) for name, offset in _sheet_offsets(workbook_stream)]


def _sheet_reach(data: bytes, pos: int) -> tuple[int, int, bool]:
    rows = cols = 0
    forged = False
    if data[pos:pos + 2] != struct.pack("<H", _BOF):
        return rows, cols, forged
    end = len(data)
    unpack = struct.unpack_from
    while pos + 4 <= end:
        rid, length = unpack("<HH", data, pos)
        body = pos + 4
        pos = body + length
        if rid in _VALUE_RECORDS and length >= 4:
            if body + 4 > end:   # a record cut short by the stream's end: nothing follows it
                break
            row, col = unpack("<HH", data, body)
        elif rid == _MULRK and length >= 6:
            if pos > end:
                break
            row, col = unpack("<H", data, body)[0], unpack("<H", data, pos - 2)[0]
        elif rid == _EOF:
            break
        else:
            if rid == _DIMENSIONS and length == 14 and pos <= end:
                first_row, last_row, first_col, last_col = unpack("<IIHH", data, body)
                forged = forged or (first_row > last_row or first_col > last_col or last_row > MAX_ROWS
                                    or last_col > MAX_COLUMNS)
            continue
        if row >= rows:
            rows = row + 1
        if col >= cols:
            cols = col + 1
    return rows, cols, forged


def xls_impossible(reach: list[SheetReach]) -> str | None:
    """What no saved .xls holds, said in a few Chinese words, or None: a sheet whose DIMENSIONS record puts its
    first row or column after its last, or reaches past the last row or column a spreadsheet has, or a cell
    past them. Only a damaged or forged file carries these, and calamine trusts them: it reserves its grid for
    (last − first) rows computed without sign — terabytes — and the failed allocation aborts the process.
    ``reach``: :func:`xls_reach` of the Workbook stream."""
    for name, rows, cols, forged in reach:
        if forged:
            return f"工作表“{name}”记录的范围不可能"
        if rows > MAX_ROWS or cols > MAX_COLUMNS:
            return f"工作表“{name}”有单元格在第 {cols} 列，超出表格的最后一列"
    return None


def sheet_records(data: bytes, pos: int | None) -> Iterator[tuple[int, int, int]]:
    """(record id, offset of its body, its length) of each record of the worksheet substream at ``pos``, up to its
    EOF; none when no BOF stands there, and a record running past the stream ends the walk."""
    if pos is None or pos < 0 or data[pos:pos + 2] != struct.pack("<H", _BOF):
        return
    end = len(data)
    while pos + 4 <= end:
        rid, length = struct.unpack_from("<HH", data, pos)
        body = pos + 4
        pos = body + length
        if pos > end or rid == _EOF:
            return
        yield rid, body, length


def _sheet_offsets(workbook_stream: bytes) -> Iterator[tuple[str, int]]:
    for rid, body in _records(workbook_stream):
        if rid != _BOUNDSHEET or len(body) < 8:
            continue
        try:
            yield _unicode(body, 7, body[6])[0], struct.unpack_from("<I", body)[0]
        except (IndexError, struct.error):
            continue


def xls_macro_sheets(workbook_stream: bytes) -> list[str]:
    """The Excel 4.0 macro sheets (宏表) of a BIFF8 workbook: its BOUNDSHEET records of type 1 ([MS-XLS] 2.4.28
    BoundSheet8, ``dt``); "" for a name that cannot be read."""
    out = []
    for rid, body in _records(workbook_stream):
        if rid == _BOUNDSHEET and len(body) >= 8 and body[5] == 1:
            try:
                out.append(_unicode(body, 7, body[6])[0])
            except (IndexError, struct.error, UnicodeDecodeError):
                out.append("")
    return out


_CODEPAGE, _UTF16 = 0x0042, 1200


def xls_sheet_names(workbook_stream: bytes) -> list[str] | None:
    """The sheet names calamine would list, read from the BOUNDSHEET records, or None wherever they might differ:
    not BIFF8, a code page other than UTF-16, a sheet state or type calamine refuses, a name in single bytes
    beyond ASCII (decoded by the code page), a wide name cut short or not UTF-16, two sheets of one name."""
    if workbook_stream[:2] != struct.pack("<H", _BOF) or workbook_stream[4:6] != struct.pack("<H", 0x0600):
        return None   # BIFF8's BOF: version 0x0600
    names: list[str] = []
    for rid, body in _records(workbook_stream):
        if rid == _CODEPAGE and body[:2] != struct.pack("<H", _UTF16):
            return None
        if rid != _BOUNDSHEET:
            continue
        if len(body) < 8 or body[4] & 0x3F > 2 or body[5] not in (0, 1, 2, 6):
            return None
        cch, wide, raw = body[6], body[7] & 1, body[8:]
        if len(raw) < cch * (2 if wide else 1) or not wide and not raw[:cch].isascii():
            return None
        try:
            name = raw[:cch * 2].decode("utf-16-le") if wide else raw[:cch].decode("ascii")
        except UnicodeDecodeError:
            return None
        names.append(name.replace("\0", ""))
    return names if names and len(set(names)) == len(names) else None


class NotBiff(Exception):
    """The Workbook stream does not start a BIFF8 workbook or lists no sheet (damaged or not .xls)."""


def xls_names(workbook_stream: bytes) -> tuple[list[str], dict[str, str]]:
    """(sheet names, workbook-level defined names) of a BIFF8 Workbook stream (sheet-local and built-in names
    skipped); raises NotBiff before calamine is asked to read something that is not a workbook."""
    if workbook_stream[:2] != struct.pack("<H", _BOF):
        raise NotBiff()
    sheets: list[str] = []
    xti: list[tuple[int, int, int]] = []
    raw: list[tuple[str, bytes]] = []
    for rid, body in _records(workbook_stream):
        if rid == _FILEPASS:
            raise EncryptedXls()
        try:
            if rid == _BOUNDSHEET and len(body) >= 8:
                sheets.append(_unicode(body, 7, body[6])[0])
            elif rid == _EXTERNSHEET and len(body) >= 2:
                count = struct.unpack_from("<H", body)[0]
                xti = [struct.unpack_from("<HHH", body, 2 + 6 * i) for i in range(count) if 8 + 6 * i <= len(body)]
            elif rid == _NAME and len(body) >= 15 and len(raw) < MAX_NAMES:
                flags, _key, cch, cce, _r, itab = struct.unpack_from("<HBBHHH", body)
                if flags & 0x20 or itab:     # built-in (print area …) or local to one sheet
                    continue
                name, pos = _unicode(body, 14, cch)
                raw.append((name, body[pos:pos + cce]))
        except (IndexError, struct.error):
            continue
    if not sheets:
        raise NotBiff()
    names = {}
    for name, rgce in raw:
        text = _formula(rgce, sheets, xti)
        if text is not None:
            names[name] = text
    return sheets, names
