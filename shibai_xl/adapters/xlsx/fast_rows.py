"""openpyxl's worksheet writer, taking the short way for rows of plain values.

openpyxl writes each cell through three nested lxml ``xmlfile`` contexts: for a 1000-row 项目汇总表 (23 000 cells)
about 0.2 s, two thirds of saving it, and saving it is a quarter of a refresh that re-read one application; an
expert's 评分表 (88 000 cells) takes longer still. A row whose cells are all plain — text, a finite number, a truth
value, a formula's text or nothing; no date, rich text, array formula, comment, link or character XML forbids —
is here written as text and put in its place when the sheet is written. The part is written in UTF-8, not
openpyxl's ASCII with every Chinese character an eight-byte ``&#20013;``: half the bytes, and every reader
(calamine, openpyxl, Excel, WPS) reads it faster — loading a 1000-row summary takes a third less. The XML is
the same (``tests/test_fast_rows.py`` compares every part openpyxl writes, on real workbooks and on hostile
values). Any other row goes through openpyxl's own ``write_row``, which then says what is wrong as before.

Formulas held as text (:func:`hold_formulas`): our own formulas right of a row's cells — the hidden reading cells of
an expert's 评分表, its 1000 spare rows among them, 4 per row — never become openpyxl cells; they are written here as
openpyxl writes those cells (and become cells when a sheet is saved openpyxl's own way, or a cell is put beside them).

Each sheet is written in memory and put into the archive from there (openpyxl writes it to a temporary file, reads
it back and removes it: a third of saving an expert's 评分表), the archive's member as openpyxl makes it.

Installed when :mod:`.styles` is imported — by every module that builds or changes a workbook — so that a
workbook is saved the same way whatever was imported first.
"""
from __future__ import annotations

import math
import re
import secrets
import stat
import time
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from zipfile import ZipInfo

from lxml import etree
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.writer.excel import ExcelWriter

from .cells import NOT_XML  # a value holding one goes to openpyxl's writer, which refuses it as before

_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})
_original_write_row = _writer.WorksheetWriter.write_row
_original_write_rows = _writer.WorksheetWriter.write_rows
_original_write = _writer.WorksheetWriter.write
_original_write_dimensions = _writer.WorksheetWriter.write_dimensions
_original_write_worksheet = ExcelWriter.write_worksheet
_HELD = "_shibai_held_formulas"     # the worksheet's attribute: {row: ((column, formula), …)}
ROW_MARK = "\x00"     # in a held formula: the row's number (a character no formula holds)


def _cell_xml(cell, letter: str, row: int, ids: dict[bytes, str]) -> str | None:
    """The ``<c>`` element openpyxl writes for this cell ("" for a cell it skips), None when it is not plain."""
    if cell._comment is not None or cell.hyperlink is not None:
        return None
    value, kind, styled = cell._value, cell.data_type, cell.has_style
    if value is None and not styled:
        return ""
    head = f'<c r="{letter}{row}"' + (f' s="{_style_id(cell, ids)}"' if styled else "")
    if kind == "f":    # a formula: no type, its text without "=", an empty cached value
        if value is None or value == "":
            return head + "></c>"
        if value.__class__ is not str or NOT_XML.search(value):
            return None
        return _formula_xml(head, value)
    if value is None or value == "":
        return None if kind == "d" else head + (' t="inlineStr"' if kind == "s" else f' t="{kind}"') + "></c>"
    if kind == "s" and value.__class__ is str:
        if NOT_XML.search(value):
            return None
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'{head} t="inlineStr"><is><t{space}>{escaped(value)}</t></is></c>'
    if (kind == "n" and value.__class__ in (int, float) and math.isfinite(value)) or (kind == "b" and value.__class__ is bool):
        return f'{head} t="{kind}"><v>{value:.16g}</v></c>'
    return None


def _formula_xml(head: str, formula: str) -> str:
    return f"{head}><f>{escaped(formula[1:])}</f><v></v></c>"


def _style_id(cell, ids: dict[bytes, str]) -> str:
    """``cell.style_id``, which hashes the cell's nine style numbers anew for every cell: once per style here."""
    key = cell._style.tobytes()
    sid = ids.get(key)
    if sid is None:
        sid = ids[key] = str(cell.style_id)
    return sid


def escaped(text: str) -> str:
    """``text`` as an XML element's text (xml.sax.saxutils would import urllib.request, ssl and email with it)."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:   # \r: parsing would make it \n
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return text


def _row_xml(ws, cells: list, row: int, ids: dict[bytes, str]) -> str | None:
    """The ``<row>`` openpyxl writes, or None when a cell is not plain."""
    dims = ws.row_dimensions.get(row)
    attrs = f'r="{row}"' + ("".join(f' {k}="{str(v).translate(_ATTR)}"' for k, v in dims) if dims is not None else "")
    parts = []
    for cell in cells:
        xml = _cell_xml(cell, get_column_letter(cell.column), row, ids)
        if xml is None:
            return None
        parts.append(xml)
    return f"<row {attrs}>{''.join(parts)}</row>"


def write_rows(self) -> None:
    """``WorksheetWriter.write_rows``: runs of plain rows as text, put in place when the sheet is written
    (:func:`write`) — a comment holds each run's place — and the other rows one by one as openpyxl does."""
    xf = self.xf.send(True)
    runs: list[bytes] = []
    token = f"shibai-rows-{secrets.token_hex(8)}-"
    held = _settle(self.ws)
    rows = self.rows() if not held else sorted({**dict.fromkeys(held, []), **dict(self.rows())}.items())
    patterns: dict[int, list[str]] = {}
    with xf.element("sheetData"):
        pending: list[str] = []
        ids: dict[bytes, str] = {}
        for row_idx, row in rows:
            xml = _row_xml(self.ws, row, row_idx, ids)
            if held and row_idx in held:    # its cells lie left of the held ones (_settle): these go last
                if xml is not None:
                    xml = f"{xml[:-6]}{_held_cells(row_idx, held[row_idx], patterns)}</row>"
                else:                       # a cell openpyxl writes: so it writes the held ones too
                    row = sorted(row + _make_cells(self.ws, {row_idx: held.pop(row_idx)}), key=lambda c: c.column)
            if xml is None:
                _hold(xf, pending, runs, token)
                _original_write_row(self, xf, row, row_idx)
            else:
                pending.append(xml)
        _hold(xf, pending, runs, token)
    self.xf.send(None)
    self._shibai_runs = (token, runs)


def hold_formulas(ws, rows: Iterable[int], formulas: list[tuple[int, str]]) -> None:
    """Put ``formulas`` ([(column, formula), …], the tool's own, ROW_MARK in one standing for the row's number) in
    each of ``rows`` as the sheet is saved, without making openpyxl cells of them: reading such a cell before the
    save gives None, and a value put in one stays. A row with a cell at or right of its first held one has them
    made cells of at the save, as has every held row when a sheet is saved openpyxl's own way (``install(False)``)."""
    for _, formula in formulas:
        if formula[:1] != "=" or len(formula) < 2 or NOT_XML.search(formula.replace(ROW_MARK, "1")):
            raise ValueError(f"not a formula to hold: {formula!r}")
    pattern = tuple(sorted(formulas))
    ws.__dict__.setdefault(_HELD, {}).update(dict.fromkeys(rows, pattern))


def _settle(ws) -> dict[int, tuple[tuple[int, str], ...]]:
    """The worksheet's held rows, those with a cell at or right of a held one made cells of (openpyxl's order)."""
    held = ws.__dict__.get(_HELD)
    if not held:
        return {}
    first = {id(f): f[0][0] for f in held.values()}
    busy = {r for r, c in ws._cells if r in held and c >= first[id(held[r])]}
    _make_cells(ws, {r: held.pop(r) for r in sorted(busy)})
    return held


def _make_cells(ws, rows: dict[int, tuple[tuple[int, str], ...]]) -> list:
    """The held formulas of ``rows`` put in their cells (one a value was put in keeps it): the cells."""
    made = []
    for r, formulas in rows.items():
        for col, formula in formulas:
            cell = ws.cell(r, col)
            if cell._value is None:
                cell.value = formula.replace(ROW_MARK, str(r))
            made.append(cell)
    return made


def _held_cells(row: int, pattern: tuple[tuple[int, str], ...], xml: dict[int, list[str]]) -> str:
    """The ``<c>`` elements openpyxl writes for cells holding these formulas and no style, the row's number put
    into the pattern's XML (made once: ``xml``)."""
    parts = xml.get(id(pattern))
    if parts is None:
        cells = "".join(_formula_xml(f'<c r="{get_column_letter(col)}{ROW_MARK}"', f) for col, f in pattern)
        parts = xml[id(pattern)] = cells.split(ROW_MARK)
    return str(row).join(parts)


def write_dimensions(self) -> None:
    """``WorksheetWriter.write_dimensions``, the held rows' cells counted (as ``calculate_dimension`` counts cells)."""
    held = self.ws.__dict__.get(_HELD)
    if not held:
        return _original_write_dimensions(self)
    rows = {r for r, _ in self.ws._cells}.union(held)
    cols = {c for _, c in self.ws._cells}.union(c for formulas in held.values() for c, _ in formulas)
    ref = f"{get_column_letter(min(cols))}{min(rows)}:{get_column_letter(max(cols))}{max(rows)}"
    self.xf.send(SheetDimension(ref).to_tree())


def _hold(xf, pending: list[str], runs: list[bytes], token: str) -> None:
    """A run of rows in UTF-8, and a comment where they go. (openpyxl's stream writes ASCII, every Chinese
    character as an eight-byte ``&#20013;``; the part declares no encoding, so it is UTF-8, which both are: a
    summary's rows take half the bytes, and every reader — calamine, openpyxl, Excel, WPS — reads them faster.)"""
    if pending:
        xf.write(etree.Comment(f"{token}{len(runs)}"))
        runs.append("".join(pending).encode("utf-8"))
        pending.clear()


def _plain_write(self) -> None:
    """openpyxl's own ``WorksheetWriter.write``, held formula rows made cells first."""
    _make_cells(self.ws, self.ws.__dict__.pop(_HELD, {}))
    _original_write(self)


def write(self) -> None:
    """``WorksheetWriter.write``, then each run of rows put in the place its comment holds."""
    self._shibai_runs = ("", [])
    _original_write(self)
    token, runs = self._shibai_runs
    if not runs:
        return
    data = self.out.getvalue() if isinstance(self.out, BytesIO) else Path(self.out).read_bytes()
    pieces = data.split(f"<!--{token}".encode("ascii"))
    if len(pieces) != len(runs) + 1:
        raise RuntimeError("worksheet rows lost their places")   # cannot happen: the token is this save's own
    out = [_utf8(pieces[0])]
    for k, piece in enumerate(pieces[1:]):
        mark = f"{k}-->".encode("ascii")
        if not piece.startswith(mark):
            raise RuntimeError("worksheet rows out of order")
        out += [runs[k], _utf8(piece[len(mark):])]
    joined = b"".join(out)
    if isinstance(self.out, BytesIO):
        self.out.seek(0)
        self.out.truncate()
        self.out.write(joined)
    else:
        Path(self.out).write_bytes(joined)


_BEYOND_ASCII = re.compile(rb"&#(\d{3,7});")


def _utf8(xml: bytes) -> bytes:
    """What openpyxl's stream wrote around the runs, with its references to characters beyond ASCII written as
    the characters, so that the whole part is one encoding: a program that rewrites part of it (the patch
    writer of ``check --write``) then gives back the same bytes for what it did not change."""
    return _BEYOND_ASCII.sub(lambda m: chr(int(m.group(1))).encode() if 128 <= int(m.group(1)) <= 0x10FFFF
                             and not 0xD800 <= int(m.group(1)) <= 0xDFFF else m.group(0), xml)


def write_worksheet(self, ws) -> None:
    """``ExcelWriter.write_worksheet`` with the sheet written in memory rather than to a temporary file that is
    then read back into the archive and removed (on Windows, where a scanner looks at every new file, as on Linux,
    those files cost more than writing the rows): the same member, its time the time it is written, as the
    temporary file's was."""
    if self.workbook.write_only:
        return _original_write_worksheet(self, ws)
    ws._drawing = SpreadsheetDrawing()
    ws._drawing.charts = ws._charts
    ws._drawing.images = ws._images
    writer = _writer.WorksheetWriter(ws, BytesIO())
    writer.write()
    ws._rels = writer._rels
    member = ZipInfo(ws.path[1:], time.localtime(time.time())[:6])
    member.compress_type = self._archive.compression
    member.external_attr = _TEMP_FILE_MODE << 16      # as ZipFile.write gives the temporary file (0600)
    self._archive.writestr(member, writer.out.getvalue())
    self.manifest.append(ws)


_TEMP_FILE_MODE = stat.S_IFREG | 0o600


def install(on: bool = True) -> None:
    """Every openpyxl save of this process (summaries, the province table, expert workbooks) writes plain rows
    the short way (``on=False``: openpyxl's own way again, to compare)."""
    _writer.WorksheetWriter.write_rows = write_rows if on else _original_write_rows
    _writer.WorksheetWriter.write = write if on else _plain_write
    _writer.WorksheetWriter.write_dimensions = write_dimensions if on else _original_write_dimensions
    ExcelWriter.write_worksheet = write_worksheet if on else _original_write_worksheet
