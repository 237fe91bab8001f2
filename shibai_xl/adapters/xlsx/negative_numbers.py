"""Negative numbers of a sheet, as stored, for the cells calamine reads as something else.

Excel's dates begin in 1900: a negative number in a date-formatted cell (typed by mistake, or =B2-C2 gone wrong)
shows as ##### there. calamine reads it as a time of day (-5 and -45000 → 00:00, -0.5 → 12:00), which the clerk
never typed; the reader puts the stored number back (:func:`stored_back`), and the engine says a negative number is
no date. So for 0 ≤ x < 1 in a date field (Excel shows 1900/1/0): calamine reads 0 as 00:00:00 and 0.5 as 12:00:00;
the reader asks for the number stored (:func:`stored_numbers`). Below about -1e12 calamine panics on the whole
sheet (chrono: "TimeDelta::milliseconds out of bounds"): :func:`read_plain` reads a copy of the workbook with those
cells' number formats taken off. Here the .xlsx sheet's XML; an .xls's cell records in :mod:`.xls_numbers`; an .ods
keeps the date LibreOffice shows (1899-12-25 for -5), which the engine quotes, and a time of 24 hours or more as
ISO text (PT1089528H00M00S), put back as the duration it is (as calamine gives an .xlsx's [h]:mm cell).
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta
from typing import Any

import python_calamine

from ...engine.parse.dates import open_book_serial
from . import xls_numbers
from .package import Package, cell_tags, is_calamine_error, quiet_panics
from .refs import col_letters, split_ref

_V_OPEN = re.compile(rb"<(?:\w+:)?v\s*>")
_CELL_OPEN = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_ATTR = re.compile(rb'\b(r|s|t)="([^"]*)"')
_STYLE = re.compile(rb'\s+s="[^"]*"')
_NUMBER = re.compile(rb"-(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_V_NUMBER = re.compile(rb"<(?:\w+:)?v\s*>\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*<")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")


def _next_negative(data: bytes, start: int = 0) -> int:
    """Where the next ">-" stands (a <v> holding a negative number starts so), or -1: each "-" found with memchr
    (few in a sheet; bytes.find of ">-" itself stumbles on every ">" of the XML, three times as long)."""
    i = data.find(b"-", start + 1)
    while i > 0 and data[i - 1] != 0x3E:   # ">"
        i = data.find(b"-", i + 1)
    return i - 1 if i > 0 else -1


def _negatives(data: bytes) -> list[tuple[re.Match[bytes], float]]:
    """(the cell's start tag, its number) for each numeric cell of a sheet's XML holding a negative number."""
    out = []
    i = _next_negative(data)
    while i >= 0:
        lt = data.rfind(b"<", 0, i)
        end = data.find(b"<", i)
        if lt >= 0 and end > i and _V_OPEN.fullmatch(data, lt, i + 1) and _NUMBER.fullmatch(data, i + 1, end):
            cell = _cell_before(data, lt)
            if cell is not None and dict(_ATTR.findall(cell.group(1))).get(b"t", b"n") == b"n":
                out.append((cell, float(data[i + 1:end])))
        i = _next_negative(data, i + 1)
    return out


def _cell_before(data: bytes, at: int) -> re.Match[bytes] | None:
    """The start tag of the cell whose <v> begins at ``at``: at most its <f>…</f> stands between them."""
    for _ in range(3):
        at = data.rfind(b"<", 0, at)
        if at < 0:
            return None
        cell = _CELL_OPEN.match(data, at)
        if cell is not None:
            return None if cell.group(1).rstrip().endswith(b"/") else cell
    return None


def calamine_rows(book: Any, sheet: str) -> list[list[Any]]:
    """calamine's rows of a sheet, from A1."""
    with quiet_panics():
        return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _sheet_xml(pkg: Package, sheet: str) -> bytes:
    """An .xlsx sheet's XML; b"" for another format."""
    part = pkg.sheets.get(sheet)
    return pkg.read(part) if part and pkg.zf is not None and part in pkg.zf.NameToInfo else b""


def stored_back(pkg: Package, sheet: str, rows: list[list[Any]]) -> list[list[Any]]:
    """calamine's rows of a sheet (from A1) with each negative number the file stores put back where calamine made
    it a date or a time."""
    if pkg.fmt == "xls":
        return xls_numbers.stored_back(rows, pkg.biff, sheet)
    if pkg.fmt == "ods":
        return _durations_back(rows)
    data = _sheet_xml(pkg, sheet)
    if _next_negative(data) < 0:
        return rows
    for cell, number in _negatives(data):
        ref = dict(_ATTR.findall(cell.group(1))).get(b"r")
        if not ref:
            continue
        try:
            row, col = split_ref(ref.decode())
        except ValueError:
            continue
        if 1 <= row <= len(rows) and 1 <= col <= len(rows[row - 1]):
            value = rows[row - 1][col - 1]
            if xls_numbers.read_as_time(value):
                rows[row - 1][col - 1] = number
    return rows


def stored_numbers(pkg: Package, sheet: str, refs: set[str]) -> dict[str, float]:
    """The numbers these cells of an .xlsx or .xls sheet store (a cell holding none is left out). For a date field
    calamine read as a time of day: 0 or 0.5 in a date format (1900/1/0 in Excel) is 00:00:00 or 12:00:00 to it, a
    number the clerk typed and the form shows as no date; a time format's cell keeps its time elsewhere (8:30)."""
    if pkg.fmt == "xls":
        cells = xls_numbers.numbers(pkg.biff, xls_numbers.sheet_offset(pkg.biff, sheet)) if pkg.biff else ()
        return {ref: n for r, c, _, n in cells if (ref := f"{col_letters(c + 1)}{r + 1}") in refs}
    data = _sheet_xml(pkg, sheet) if refs else b""
    out = {}
    for tag in cell_tags(data, refs) if data else ():
        attrs = dict(_ATTR.findall(tag.group(1))) if tag is not None else {}
        end = _CELL_END.search(data, tag.end()) if tag is not None else None
        if end is not None and attrs.get(b"t", b"n") == b"n" and (ref := attrs.get(b"r", b"").decode()) in refs:
            v = _V_NUMBER.search(data, tag.end(), end.start())
            if v is not None:
                out[ref] = float(v.group(1))
    return out


# an .ods time cell of 24 hours or more, which calamine leaves as the ISO 8601 text of the file: "PT1089528H00M00S"
_DURATION = re.compile(r"(-)?P(?:(\d+)D)?T(\d+)H(\d+)M(\d+(?:\.\d+)?)S")


def _durations_back(rows: list[list[Any]]) -> list[list[Any]]:
    """An .ods sheet's rows with each duration calamine left as text put back as a duration of its number of days:
    2024-04-15 in a cell painted with a time format (hh:mm) is PT1089528H00M00S there, 45397 in an .xlsx or .xls (a
    date field reads its number: OpenWorkbook.stored_date); 2500 万元 pasted into a time-formatted figure is the number
    typed, said as one in a date format is (dated_figures.dated_figure)."""
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, str) and value[:1] in "P-" and (m := _DURATION.fullmatch(value)):
                sign, d, h, mi, sec = m.groups()
                days = int(d or 0) + (int(h) * 3600 + int(mi) * 60 + float(sec)) / 86400
                row[i] = timedelta(days=-days if sign else days)
            elif isinstance(value, date):
                # before 1900-03-01 (open_book_serial leaves the later ones as they are): LibreOffice counts its dates
                # from 1899-12-30 without Excel's 1900/2/29, so 35 in a date format is its 1900-02-03, Excel's
                # 1900-02-04 — read as an .xlsx's (a figure typed there is the number 35)
                row[i] = open_book_serial(value)
    return rows


def plain_sheet(data: bytes) -> bytes:
    """The sheet's XML with the number format taken off each cell holding a negative number."""
    out, at = [], 0
    for cell, _ in _negatives(data):
        out += [data[at:cell.start(1)], _STYLE.sub(b"", cell.group(1))]
        at = cell.end(1)
    return b"".join(out) + data[at:]


def plain_copy(zf: zipfile.ZipFile, part: str, data: bytes) -> io.BytesIO:
    """The workbook's XML parts (what calamine reads of it; pictures and such left out), the sheet ``part``
    without number formats on its negative numbers, as a file in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for name in zf.namelist():
            if name == part:
                copy.writestr(name, plain_sheet(data))
            elif name.lower().endswith((".xml", ".rels")):
                copy.writestr(name, zf.read(name))
    out.seek(0)
    return out


def read_plain(pkg: Package, sheet: str) -> list[list[Any]] | None:
    """calamine's rows of ``sheet`` read from a copy of the workbook whose negative numbers carry no date format;
    None when the sheet holds none, or calamine refuses that copy too."""
    if pkg.fmt == "xls":
        copy = xls_numbers.plain_copy(pkg.clear or pkg.path.read_bytes(), pkg.biff, sheet) if pkg.biff else None
    else:
        data = _sheet_xml(pkg, sheet)
        copy = plain_copy(pkg.zf, pkg.sheets[sheet], data) if pkg.zf and data and _negatives(data) else None
    if copy is None:
        return None
    try:
        with quiet_panics():
            book = python_calamine.CalamineWorkbook.from_filelike(copy)
            try:
                return calamine_rows(book, sheet)
            finally:
                book.close()
    except BaseException as e:  # calamine's errors again: the first refusal stands
        if not is_calamine_error(e):
            raise
        return None
