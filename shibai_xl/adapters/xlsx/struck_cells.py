"""Which cells of a column are struck through (删除线): a clerk's way of crossing out a project in a city's 附件4 while
leaving it on the sheet. calamine reads the values alone; an .xlsx/.xlsm tells it by the cell's format
(``s="7"`` → ``<cellXfs>``'s 8th ``<xf fontId="3">`` → ``<fonts>``'s 4th ``<font>`` holding ``<strike/>``), an .xls
by its cell record's XF → FONT record with fStrikeOut (:class:`.xls_formats.XlsFormats`), an .ods by the cell's style
or its text's spans (:mod:`.ods_struck`).

A name struck while its cell was edited has the strike on its text's runs instead (``<r><rPr><strike/></rPr>``, in
xl/sharedStrings.xml or the cell's inline string): struck when every run showing text is. A styles part, shared
strings and sheet with no strike (nearly every one) cost a byte search each and the sheet is not scanned. An .xlsb
tells it by the cell's XF → BrtFont with fStrikeout (:meth:`.xlsb_cells.XlsbCells.struck_rows`; the runs of its rich
text are not read)."""
from __future__ import annotations

import re
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from .ods_formats import OdsFormats
from .ods_struck import ods_struck_rows
from .opc import holds
from .package import _ATTR, _C_TAG, _CELLXFS, _XF, Package, UnreadableFile, _guard, _legacy, open_package
from .refs import split_ref
from .xls_formats import XlsFormats

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_FONTS = re.compile(rb"<(?:\w+:)?fonts\b[^>]*>(.*?)</(?:\w+:)?fonts>", re.S)
_FONT = re.compile(rb"<(?:\w+:)?font\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?font>)", re.S)
_STRIKE = re.compile(rb"<(?:\w+:)?strike\b([^>]*)>")
_OFF = re.compile(rb'val="(?:0|false)"')
_FONT_ID = re.compile(rb'fontId="(\d+)"')
_STYLES, _SHARED = "xl/styles.xml", "xl/sharedStrings.xml"
_SI = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.S)
_RUN = re.compile(rb"<(?:\w+:)?r>(?:<(?:\w+:)?rPr>(.*?)</(?:\w+:)?rPr>)?(.*?)</(?:\w+:)?r>", re.S)
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_T = re.compile(rb"<(?:\w+:)?t\b[^>]*>([^<]*)</(?:\w+:)?t>")
_V = re.compile(rb"<(?:\w+:)?v>\s*(\d+)\s*</(?:\w+:)?v>")


def struck_rows(pkg: Package | None, sheet: str, column: int) -> tuple[set[int], set[int]]:
    """The 1-based rows of ``sheet`` whose cell in ``column`` (0-based) is struck through, and those whose cell holds
    a text struck through in some of its runs only (a former name crossed out beside the new one: no withdrawal, said
    to be checked; .xlsx/.xlsm, .ods and .xls, whose rich text is read); empty when the file tells none (another format, a damaged
    part: the rows are read as before)."""
    if pkg is None:
        return set(), set()
    try:
        if pkg.fmt == "xlsx":
            whole, part = _xlsx_cells(pkg, sheet, column, formats=True) if pkg.zf is not None else (set(), set())
            return {r for r, c in whole}, {r for r, c in part}
        legacy = _legacy(pkg)
        if isinstance(legacy, OdsFormats):
            return ods_struck_rows(legacy, sheet, column)
        if isinstance(legacy, XlsFormats):
            return legacy.struck_cells(sheet, column)
        return (legacy.struck_rows(sheet, column) if legacy is not None else set()), set()
    except Exception:  # whatever a damaged part makes the parsers raise: no row known struck
        return set(), set()


def _xlsx_cells(pkg: Package, sheet: str, column: int | None, formats: bool
                ) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(row, column) from 1 of the cells of a sheet (in ``column``, 0-based, or any) whose text is struck in all its
    runs or (``formats``) whose format is struck; and of those whose text is struck in some of its runs only. A
    styles part that cannot be read leaves the first set empty, the second read."""
    sheet_part = pkg.sheets.get(sheet)
    if not sheet_part or sheet_part not in pkg.zf.NameToInfo:
        return set(), set()
    try:
        styles = pkg.read(_STYLES) if formats and _STYLES in pkg.zf.NameToInfo else b""
        _guard(styles)
        xfs: set[int] | None = _struck_formats(styles) if holds(styles, b"strike") else set()
    except Exception:  # whatever a damaged styles part makes the parsers raise: no cell known struck in full
        xfs = None
    strings, part_strings = _struck_strings(pkg)
    data = pkg.read(sheet_part)
    if not xfs and not strings and not part_strings and not holds(data, b"strike"):    # the runs of an inline string
        return set(), set()
    _guard(data)
    whole: set[tuple[int, int]] = set()
    part: set[tuple[int, int]] = set()
    for m in _C_TAG.finditer(data):
        attrs = dict(_ATTR.findall(m.group(1)))
        s, ref, body = attrs.get(b"s", b""), attrs.get(b"r", b""), m.group(3) or b""
        if not ref or column is not None and split_ref(ref.decode())[1] - 1 != column:
            continue
        shared = int(v.group(1)) if attrs.get(b"t") == b"s" and (v := _V.search(body)) else None
        runs = _runs_struck(body) if attrs.get(b"t") == b"inlineStr" else ""
        if (xfs and s.isdigit() and int(s) in xfs) or shared in strings or runs == _ALL:
            whole.add(split_ref(ref.decode()))
        if shared in part_strings or runs == _PART:
            part.add(split_ref(ref.decode()))
    return (whole if xfs is not None else set()), part


# a workbook loaded by openpyxl → its cells whose text is struck through in part of its runs (openpyxl keeps the
# text alone): the cell objects themselves, which stay the same as the sheet is restructured (a 附件4 taken over)
_PARTLY: WeakKeyDictionary[Workbook, list[Cell]] = WeakKeyDictionary()


def strike_struck_text(wb: Workbook, path: Path) -> None:
    """Give the cells of an .xlsx loaded by openpyxl whose text is struck through in all its runs (a name selected
    while editing the cell and struck) the strike as their format: openpyxl keeps the text alone, and a refresh read
    the project as not crossed out and saved the file without the city's strike. The cells struck in part of their
    text are remembered (:func:`struck_in_part`)."""
    try:
        pkg = open_package(path)
    except UnreadableFile:
        return
    try:
        if pkg.zf is None or pkg.fmt != "xlsx":
            return
        for ws in wb.worksheets:
            whole, part = _xlsx_cells(pkg, ws.title, None, formats=False)
            for r, c in whole:
                cell = ws.cell(r, c)
                font = copy(cell.font)
                font.strike = True
                cell.font = font
            _PARTLY.setdefault(wb, []).extend(ws.cell(r, c) for r, c in part)
    except Exception:  # whatever a damaged part makes the parsers raise: the cells as openpyxl read them
        return
    finally:
        pkg.close()


def struck_in_part(ws: Worksheet, row: int, column: int) -> bool:
    """Whether the cell of a sheet :func:`strike_struck_text` read is struck through in part of its text only."""
    cell = ws._cells.get((row, column))
    return cell is not None and any(c is cell for c in _PARTLY.get(ws.parent, ()))


def _struck_strings(pkg: Package) -> tuple[set[int], set[int]]:
    """The indexes of the shared strings struck through in all their runs (a name selected while editing the cell
    and struck: Excel keeps the strike on the text, not the cell's format), and of those struck in some of them only."""
    data = pkg.read(_SHARED) if _SHARED in pkg.zf.NameToInfo else b""
    if not holds(data, b"strike"):
        return set(), set()
    _guard(data)
    runs = [_runs_struck(m.group(1) or b"") for m in _SI.finditer(data)]
    return {i for i, r in enumerate(runs) if r == _ALL}, {i for i, r in enumerate(runs) if r == _PART}


_ALL, _PART = "all", "part"


def _runs_struck(text: bytes) -> str:
    """How much of a rich text (``<r><rPr><strike/></rPr><t>…</t></r>`` …) is struck through, of its runs holding
    more than spaces: "all" (a crossing out), "part" (a former name crossed out beside the new one: no crossing
    out of the project), "" none."""
    runs = [(m.group(1) or b"", b"".join(_T.findall(m.group(2)))) for m in _RUN.finditer(_PHONETIC.sub(b"", text))]
    struck = [bool((s := _STRIKE.search(props)) and not _OFF.search(s.group(1))) for props, t in runs if t.strip()]
    return _ALL if struck and all(struck) else _PART if any(struck) else ""


def _struck_formats(styles: bytes) -> set[int]:
    """The cell formats (xf indexes) whose font is struck through."""
    fonts = _FONTS.search(styles)
    struck = {i for i, m in enumerate(_FONT.finditer(fonts.group(1) if fonts else b""))
              if (s := _STRIKE.search(m.group(1) or b"")) and not _OFF.search(s.group(1))}
    block = _CELLXFS.search(styles)
    return {i for i, attrs in enumerate(_XF.findall(block.group(1)) if block else [])
            if (f := _FONT_ID.search(attrs)) and int(f.group(1)) in struck}
