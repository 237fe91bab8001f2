"""Which cells of a column are struck through (删除线): a clerk's way of crossing out a project in a city's 附件4 while
leaving it on the sheet. calamine reads the values alone; an .xlsx/.xlsm tells it by the cell's format
(``s="7"`` → ``<cellXfs>``'s 8th ``<xf fontId="3">`` → ``<fonts>``'s 4th ``<font>`` holding ``<strike/>``), an .xls
by its cell record's XF → FONT record with fStrikeOut (:class:`.xls_formats.XlsFormats`), an .ods by the cell's style
or its text's spans (:mod:`.ods_struck`).

A styles part with no struck font (nearly every one) costs one byte search and the sheet is not scanned. An .xlsb
tells nothing here: its rows are read as before (README says so)."""
from __future__ import annotations

import re

from .ods_formats import OdsFormats
from .ods_struck import ods_struck_rows
from .package import _ATTR, _C_TAG, _CELLXFS, _XF, Package, _guard, _legacy
from .refs import split_ref
from .xls_formats import XlsFormats

_FONTS = re.compile(rb"<(?:\w+:)?fonts\b[^>]*>(.*?)</(?:\w+:)?fonts>", re.S)
_FONT = re.compile(rb"<(?:\w+:)?font\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?font>)", re.S)
_STRIKE = re.compile(rb"<(?:\w+:)?strike\b([^>]*)>")
_OFF = re.compile(rb'val="(?:0|false)"')
_FONT_ID = re.compile(rb'fontId="(\d+)"')


def struck_rows(pkg: Package | None, sheet: str, column: int) -> set[int]:
    """The 1-based rows of ``sheet`` whose cell in ``column`` (0-based) is struck through; empty when the file tells
    none (another format, a damaged part: the rows are read as before)."""
    try:
        if pkg is not None and pkg.fmt == "xls":
            formats = _legacy(pkg)
            return formats.struck_rows(sheet, column) if isinstance(formats, XlsFormats) else set()
        if pkg is not None and pkg.fmt == "ods":
            facts = _legacy(pkg)
            return ods_struck_rows(facts, sheet, column) if isinstance(facts, OdsFormats) else set()
        if pkg is None or pkg.zf is None or pkg.fmt != "xlsx":
            return set()
        part = pkg.sheets.get(sheet)
        if not part or part not in pkg.zf.NameToInfo or "xl/styles.xml" not in pkg.zf.NameToInfo:
            return set()
        styles = pkg.read("xl/styles.xml")
        if b"strike" not in styles:
            return set()
        _guard(styles)
        xfs = _struck_formats(styles)
        if not xfs:
            return set()
        data = pkg.read(part)
        _guard(data)
        out = set()
        for m in _C_TAG.finditer(data):
            attrs = dict(_ATTR.findall(m.group(1)))
            s, ref = attrs.get(b"s", b""), attrs.get(b"r", b"")
            if s.isdigit() and ref and int(s) in xfs:
                row, col = split_ref(ref.decode())
                if col - 1 == column:
                    out.add(row)
        return out
    except Exception:  # whatever a damaged part makes the parsers raise: no row known struck
        return set()


def _struck_formats(styles: bytes) -> set[int]:
    """The cell formats (xf indexes) whose font is struck through."""
    fonts = _FONTS.search(styles)
    struck = {i for i, m in enumerate(_FONT.finditer(fonts.group(1) if fonts else b""))
              if (s := _STRIKE.search(m.group(1) or b"")) and not _OFF.search(s.group(1))}
    block = _CELLXFS.search(styles)
    return {i for i, attrs in enumerate(_XF.findall(block.group(1)) if block else [])
            if (f := _FONT_ID.search(attrs)) and int(f.group(1)) in struck}
