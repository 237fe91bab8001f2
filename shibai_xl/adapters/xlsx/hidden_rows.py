"""Which rows of a sheet nobody sees on screen: hidden by hand or by a filter left on. calamine reads every row
alike and tells no row's visibility; a total counted from rows the applicant and the reviewer cannot see must say
so (a 附件3 list, a city's 附件4 summary).

- .xlsx/.xlsm: ``<row r="7" hidden="1">`` in the sheet's XML, which the reader keeps once read (the extent check).
  A sheet without ``hidden=`` anywhere (nearly every one) costs one byte search.
- .xls (BIFF8): the ROW record's fDyZero flag ([MS-XLS] 2.4.221). A stream holding no ROW record with that flag
  (one search over the bytes already in memory) is not walked.
- .ods: ``table:visibility="collapse"`` (hidden) or ``"filter"`` (filtered out) on a ``table:table-row``;
  content.xml is streamed only when it says ``visibility`` at all.
- .xlsb: BrtRowHdr's fDyZero flag (:mod:`.xlsb_cells`, the same walk of the sheet as its error cells).
- a workbook open in Excel or sent by the WPS add-in: what the program tells (adapters/excel/book.py OpenBook,
  adapters/view.py SnapshotBook), not this module.

Hidden columns (:func:`hidden_columns`), which a summary's reader needs where two columns bear one title (last year's
amounts kept hidden beside this year's): ``<col min max hidden="1">`` (.xlsx), the COLINFO record's fHidden
([MS-XLS] 2.4.53, .xls), ``table:table-column`` with ``visibility="collapse"`` (.ods); none known for an .xlsb.
"""
from __future__ import annotations

import re
import struct

from .legacy import sheet_records
from .ods_formats import _T, OdsFormats, _repeat, sheet_events
from .opc import holds, open_zip
from .package import Package, _legacy
from .xls_formats import XlsFormats
from .xlsb_cells import XlsbCells

_XLSX_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_XLSX_HIDDEN = re.compile(rb'\shidden="(?:1|true)"')
_XLSX_R = re.compile(rb'\sr="(\d+)"')
_ROW = 0x0208
# a ROW record (id 0x0208, 16 bytes) whose fDyZero bit (0x20 of the byte at offset 12 of its body) is set
_XLS_HIDDEN_ROW = re.compile(rb"\x08\x02\x10\x00.{12}[\x20-\x3f\x60-\x7f\xa0-\xbf\xe0-\xff]", re.S)
_XLSX_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_XLSX_SPAN = (re.compile(rb'\smin="(\d+)"'), re.compile(rb'\smax="(\d+)"'))
_COLINFO = 0x007D
MAX_COLUMNS = 16384      # a sheet's columns (XFD): a <col> or a repeated .ods column reaching past it is cut there
MAX_HIDDEN = 100_000     # rows said hidden on one sheet (an .ods run of repeated rows could stand for a million)


def hidden_rows(pkg: Package, sheet: str) -> set[int]:
    """The 1-based numbers of the hidden rows of ``sheet``, as far as the file tells; empty when it tells none or
    cannot be read that far (a damaged part: the rows stay counted, unsaid, as before)."""
    try:
        if pkg.fmt == "xls":
            return _xls(pkg, sheet)
        if pkg.fmt == "ods":
            return _ods(pkg, sheet)
        if pkg.fmt == "xlsb":
            xlsb = _legacy(pkg)
            return set(xlsb.hidden(sheet)) if isinstance(xlsb, XlsbCells) else set()
        if pkg.zf is None:
            return set()
        return _xlsx(pkg, sheet)
    except Exception:  # whatever a damaged part makes the parsers raise: no row known hidden
        return set()


def _xlsx(pkg: Package, sheet: str) -> set[int]:
    part = pkg.sheets.get(sheet)
    if not part or part not in pkg.zf.NameToInfo:
        return set()
    data = pkg.read(part)
    if not holds(data, b"hidden="):
        return set()
    out = set()
    for m in _XLSX_ROW.finditer(data):
        tag = m.group()
        if b"hidden=" in tag and _XLSX_HIDDEN.search(tag) and (r := _XLSX_R.search(tag)):
            out.add(int(r.group(1)))
    return out


def _xls(pkg: Package, sheet: str) -> set[int]:
    data = pkg.biff
    if not data or not _XLS_HIDDEN_ROW.search(data):
        return set()
    formats = _legacy(pkg)     # the sheets' offsets, read once for the formats and errors too
    pos = formats.sheets.get(sheet) if isinstance(formats, XlsFormats) else None
    out = set()
    for rid, body, length in sheet_records(data, pos):
        if rid == _ROW and length >= 16 and data[body + 12] & 0x20:
            out.add(struct.unpack_from("<H", data, body)[0] + 1)
    return out


def _ods(pkg: Package, sheet: str) -> set[int]:
    return _ods_hidden(pkg, sheet)[0]


def _ods_hidden(pkg: Package, sheet: str) -> tuple[set[int], set[int]]:
    """The hidden rows (from 1) and columns (from 0) of an .ods sheet, read in one pass of content.xml (the columns
    are declared before the rows) and kept with the file's other .ods facts; none walked when content.xml says
    ``visibility`` nowhere."""
    facts = _legacy(pkg)
    if not isinstance(facts, OdsFormats):
        return set(), set()
    if sheet not in facts.hidden_of:
        facts.hidden_of[sheet] = _ods_walk(pkg, sheet) if facts.mentions(b'visibility="') else (set(), set())
    return facts.hidden_of[sheet]


def _ods_walk(pkg: Package, sheet: str) -> tuple[set[int], set[int]]:
    rows: set[int] = set()
    columns: set[int] = set()
    row = column = 0
    with open_zip(pkg.path) as zf, zf.open("content.xml") as fh:
        for event, el in sheet_events(fh, sheet, (_T + "table-column",)):
            if event != "start":
                continue
            if el.tag == _T + "table-column":
                first, column = column, column + _repeat(el, "columns")
                if el.get(_T + "visibility") in ("collapse", "filter"):
                    columns.update(range(first, min(column, MAX_COLUMNS)))
            else:
                first, row = row + 1, row + _repeat(el, "rows")
                if el.get(_T + "visibility") in ("collapse", "filter"):
                    rows.update(range(first, min(row, first + MAX_HIDDEN) + 1))
    return rows, columns


def hidden_columns(pkg: Package, sheet: str) -> set[int]:
    """The 0-based numbers of the hidden columns of ``sheet``, as far as the file tells; empty when it tells none or
    cannot be read that far (an .xlsb, a damaged part: every column read alike, as before)."""
    try:
        if pkg.fmt == "xls":
            return _xls_columns(pkg, sheet)
        if pkg.fmt == "ods":
            return _ods_columns(pkg, sheet)
        if pkg.fmt == "xlsb" or pkg.zf is None:
            return set()
        part = pkg.sheets.get(sheet)
        if not part or part not in pkg.zf.NameToInfo:
            return set()
        data = pkg.read(part)
        head = data[:data.find(b"sheetData")]   # <cols> comes before the cells
        out: set[int] = set()
        for m in _XLSX_COL.finditer(head):
            tag = m.group()
            if _XLSX_HIDDEN.search(tag) and all(span := [x.search(tag) for x in _XLSX_SPAN]):
                first, last = (int(x.group(1)) for x in span)
                out.update(range(first - 1, min(last, MAX_COLUMNS)))
        return out
    except Exception:  # whatever a damaged part makes the parsers raise: no column known hidden
        return set()


def _xls_columns(pkg: Package, sheet: str) -> set[int]:
    data = pkg.biff
    formats = _legacy(pkg) if data else None
    pos = formats.sheets.get(sheet) if isinstance(formats, XlsFormats) else None
    out: set[int] = set()
    for rid, body, length in sheet_records(data, pos) if data else ():
        if rid == _COLINFO and length >= 10 and data[body + 8] & 0x01:
            first, last = struct.unpack_from("<HH", data, body)
            out.update(range(first, min(last, 255) + 1))
    return out


def _ods_columns(pkg: Package, sheet: str) -> set[int]:
    return _ods_hidden(pkg, sheet)[1]
