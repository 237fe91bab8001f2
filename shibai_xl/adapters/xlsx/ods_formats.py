"""What the formats of a few cells of an .ods show: a percentage, a date without its day; and which cells hold an
error value (#N/A, #DIV/0! …), which calamine reads as blank.

A cell says ``office:value-type="percentage"``; a date's look is its style's data style: ``table:style-name`` (or
the column's ``table:default-cell-style-name``) → ``style:style`` (automatic in content.xml, common in styles.xml,
through its parents) → ``style:data-style-name`` → a ``number:date-style`` whose parts have no ``number:day`` shows
the month ("2022年4月"), or the year alone. content.xml is streamed only up to the last row asked about.

LibreOffice writes an error value as a cell with ``calcext:value-type="error"`` and the error shown in its
paragraph (ODF itself has no error type). A file that says so nowhere (nearly every one: a plain byte search of
content.xml) is never walked for its errors; one that does has a sheet's errors read in the same pass as its
formats, to the end of the sheet.
"""
from __future__ import annotations

import zipfile
from collections.abc import Collection, Iterator
from itertools import islice, product
from pathlib import Path

from ...engine.parse.format_units import unit_shown
from .opc import iterparse, open_zip
from .refs import col_letters, split_ref
from .xls_formats import UNKNOWN_ERROR

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_TEXT_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"
_T, _S, _N = f"{{{_TABLE}}}", f"{{{_STYLE}}}", f"{{{_NUMBER}}}"
_CELLS = (_T + "table-cell", _T + "covered-table-cell")
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"
_CALC_VALUE_TYPE = f"{{{_CALCEXT}}}value-type"
_ERROR_MARK = b'value-type="error"'
MAX_ERRORS = 10_000      # cells of one sheet said to hold an error (a repeated error cell could stand for millions)
_NOT_A_MONTH = frozenset(("day", "day-of-week", "week-of-year", "quarter", "hours", "minutes", "seconds", "am-pm"))
MAX_PARENTS = 16

Shown = tuple[bool, str | None, str | None]   # numfmt.shows


class Styles:
    """Cell styles (name → (data style, parent)) and what data styles show ("percent", "month", "year", "")."""

    def __init__(self) -> None:
        self.cells: dict[str, tuple[str | None, str | None]] = {}
        self.data: dict[str, str] = {}
        # a data style's conditional sections (style:map): "0.0%;-0.0%;\"-\"" is a number style showing "-" whose
        # maps apply percentage styles to positive and negative values, as "%" in any section of an .xlsx code
        self.maps: dict[str, list[str]] = {}
        # a number style showing an amount unit after its number (<number:text>万美元</number:text>), as the code an
        # .xlsx stores for it (0"万美元"; a display factor scales what it shows, as 0," does): format_units
        self.units: dict[str, str] = {}
        # (family, name) → (struck through or not, None: as its parent; its parent) of cell, paragraph and text styles
        self.strikes: dict[tuple[str, str], tuple[bool | None, str | None]] = {}

    def take(self, el) -> None:
        """Record ``el`` (at its end event) if it is a cell, paragraph or text style or a data style."""
        tag = el.tag
        if tag == _S + "style":
            family, name, parent = el.get(_S + "family"), el.get(_S + "name", ""), el.get(_S + "parent-style-name")
            if family == "table-cell":
                self.cells[name] = (el.get(_S + "data-style-name"), parent)
            if family in ("table-cell", "paragraph", "text"):
                self.strikes[(family, name)] = (_line_through(el), parent)
            return
        if not tag.startswith(_N) or not tag.endswith("-style"):
            return
        name = el.get(_S + "name", "")
        mapped = [m.get(_S + "apply-style-name") for m in el if m.tag == _S + "map"]
        if mapped:
            self.maps[name] = [m for m in mapped if m]
        if tag == _N + "number-style":
            code = _unit_code(el)
            if code:
                self.units[name] = code
        if tag == _N + "percentage-style":
            self.data[name] = "percent"
        elif tag == _N + "date-style":
            parts = {child.tag[len(_N):] for child in el if isinstance(child.tag, str) and child.tag.startswith(_N)}
            shown = "" if parts & _NOT_A_MONTH or "year" not in parts else "month" if "month" in parts else "year"
            self.data[name] = shown

    def kind(self, data: str) -> str:
        """What data style ``data`` shows, or failing that the first of its conditional sections that shows something."""
        own = self.data.get(data, "")
        if own:
            return own
        return next((k for k in (self.data.get(m, "") for m in self.maps.get(data, ())) if k), "")

    def struck(self, family: str, style: str | None) -> bool | None:
        """Whether a style of ``family`` strikes its text through (删除线), through its parents; None where none says."""
        for _ in range(MAX_PARENTS):
            if style is None or (family, style) not in self.strikes:
                return None
            own, style = self.strikes[(family, style)]
            if own is not None:
                return own
        return None

    def shown(self, style: str | None, value_type: str | None) -> Shown:
        data = None
        for _ in range(MAX_PARENTS):
            if style is None or style not in self.cells:
                break
            data, parent = self.cells[style]
            if data is not None:
                break
            style = parent
        kind = self.kind(data or "")
        return (value_type == "percentage" or kind == "percent", kind if kind in ("month", "year") else None,
                self.units.get(data or ""))


def _line_through(el) -> bool | None:
    """Whether a style's text properties strike its text through: a line-through style or type other than none
    (LibreOffice writes the type alone for a struck part of a cell's text); None where they do not say."""
    props = next((c for c in el if c.tag == _S + "text-properties"), None)
    said = [v for v in (props.get(_S + "text-line-through-type"), props.get(_S + "text-line-through-style"))
            if v is not None] if props is not None else []
    return all(v != "none" for v in said) if said else None


def _unit_code(el) -> str | None:
    """The number format code an .xlsx stores for number style ``el`` where it shows an amount unit: 0"万美元"."""
    texts = "".join("".join(c.itertext()) for c in el if c.tag == _N + "text")
    number = next((c for c in el if c.tag == _N + "number"), None)
    if number is None or not texts.strip():
        return None
    places = number.get(_N + "decimal-places") or "0"
    digits = ("#,##0" if number.get(_N + "grouping") == "true" else "0") + \
        ("." + "0" * int(places) if places.isdigit() and 0 < int(places) < 31 else "")
    scaled = number.get(_N + "display-factor") not in (None, "1")
    code = f'{digits}{"," if scaled else ""}"{texts.strip()}"'
    return code if unit_shown(code) else None


class OdsFormats:
    """The formats of one .ods file; styles.xml is read once, content.xml up to the rows asked about each time. It
    keeps what else is learnt of the file once: which marks content.xml holds, each sheet's hidden rows and columns
    (:mod:`.hidden_rows`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.styles: Styles | None = None
        self.holds_errors: bool | None = None          # content.xml mentions an error value; told once
        self.errors_of: dict[str, dict[str, str]] = {}  # sheet → its cells holding an error value, once walked
        self.hidden_of: dict[str, tuple[set[int], set[int]]] = {}   # sheet → (hidden rows, hidden columns)
        self._marks: dict[bytes, bool] = {}

    def mentions(self, mark: bytes) -> bool:
        """Whether content.xml holds ``mark`` anywhere (a byte search, once a file)."""
        if mark not in self._marks:
            with open_zip(self.path) as zf:
                self._marks[mark] = _mentions(zf, "content.xml", mark)
        return self._marks[mark]

    def cells(self, sheet: str, refs: Collection[str]) -> dict[str, Shown]:
        """ref → (percent?, "month"/"year" or None) for those of ``refs`` that content.xml lists on ``sheet``."""
        wanted = {split_ref(ref): ref for ref in refs}
        return self._read(sheet, wanted) if wanted else {}

    def errors(self, sheet: str) -> dict[str, str]:
        """The cells of ``sheet`` holding an error value: ref → "#N/A"."""
        if sheet not in self.errors_of:
            self._read(sheet, {})
        return self.errors_of.get(sheet, {})

    def _read(self, sheet: str, wanted: dict[tuple[int, int], str]) -> dict[str, Shown]:
        with open_zip(self.path) as zf:
            if self.holds_errors is None:
                self.holds_errors = self.mentions(_ERROR_MARK)
            errors = {} if self.holds_errors and sheet not in self.errors_of else None
            if not wanted and errors is None:
                return {}
            if self.styles is None:
                self.styles = _common_styles(zf)
            with zf.open("content.xml") as fh:
                out = {ref: self.styles.shown(style, value_type)
                       for ref, style, value_type in _cells(fh, sheet, wanted, self.styles, errors)}
        if errors is not None:
            self.errors_of[sheet] = errors
        return out


_STYLE_TAGS = (_S + "style", _N + "percentage-style", _N + "date-style", _N + "number-style", _N + "text-style",
               _N + "currency-style", _N + "boolean-style", _N + "time-style")
_CONTENT_TAGS = (_T + "table", _T + "table-column", _T + "table-row", *_CELLS, *_STYLE_TAGS)


def _common_styles(zf: zipfile.ZipFile) -> Styles:
    styles = Styles()
    if "styles.xml" in zf.NameToInfo:
        with zf.open("styles.xml") as fh:
            for _event, el in iterparse(fh, ("end",), _STYLE_TAGS):
                styles.take(el)
                el.clear()
    return styles


def _mentions(zf: zipfile.ZipFile, part: str, needle: bytes) -> bool:
    """Whether a part's bytes hold ``needle``, inflated a piece at a time."""
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(1 << 20):
            if needle in tail + chunk[:len(needle)] or needle in chunk:
                return True
            tail = chunk[-len(needle):]
    return False


def _cells(fh, sheet: str, wanted: dict[tuple[int, int], str], styles: Styles, errors: dict[str, str] | None = None
           ) -> Iterator[tuple[str, str | None, str | None]]:
    """(ref, its cell style, its value type) of the wanted cells of ``sheet``; automatic styles recorded on the way;
    with ``errors``, every cell of the sheet holding an error value put there (ref → "#N/A")."""
    walk = _Walk(sheet, wanted, errors)
    for event, el in iterparse(fh, ("start", "end"), _CONTENT_TAGS):
        if event == "start":
            yield from walk.start(el)
            continue
        tag = el.tag
        if tag == _T + "table":
            walk.depth -= 1
            if walk.mine and walk.depth < walk.mine:
                return
        elif tag in _CELLS:
            walk.end_cell(el)
        elif tag == _T + "table-row":
            if walk.mine and walk.errors is None and walk.row >= walk.last_row:
                return
            el.clear()
            while el.getprevious() is not None:       # rows already read: let them go
                del el.getparent()[0]
        elif not walk.depth:
            styles.take(el)        # content.xml's automatic styles, before its tables


class _Walk:
    """Where the stream of content.xml stands: table nesting, the sheet's columns, the row and column reached."""

    def __init__(self, sheet: str, wanted: dict[tuple[int, int], str], errors: dict[str, str] | None = None) -> None:
        self.sheet, self.wanted, self.errors = sheet, wanted, errors
        self.last_row = max((r for r, _ in wanted), default=0)
        self.depth = self.mine = 0          # table nesting; the depth of the sheet's table once inside it
        self.columns: list[tuple[int, int, str | None]] = []   # (first column, last column, default cell style)
        self.row = self.col = 0
        self.here: list[tuple[int, str]] = []    # (column, ref) wanted in the current run of rows
        self.row_style: str | None = None
        self.first_row = 0                       # the first row of the current run of rows
        self.error_columns: range | None = None  # the columns of the cell being read, when it holds an error

    def start(self, el) -> Iterator[tuple[str, str | None, str | None]]:
        tag = el.tag
        if tag == _T + "table":
            self.depth += 1
            if not self.mine and el.get(_T + "name") == self.sheet:
                self.mine = self.depth
        elif not self.mine or self.depth != self.mine:
            return
        elif tag == _T + "table-column":
            first = self.columns[-1][1] + 1 if self.columns else 1
            self.columns.append((first, first + _repeat(el, "columns") - 1, el.get(_T + "default-cell-style-name")))
        elif tag == _T + "table-row":
            self.first_row, self.row = self.row + 1, self.row + _repeat(el, "rows")
            self.here = [(c, ref) for (r, c), ref in self.wanted.items() if self.first_row <= r <= self.row]
            self.row_style, self.col = el.get(_T + "default-cell-style-name"), 0
        elif tag in _CELLS:
            first, self.col = self.col + 1, self.col + _repeat(el, "columns")
            if self.errors is not None and el.get(_CALC_VALUE_TYPE) == "error":
                self.error_columns = range(first, self.col + 1)
            for c, ref in self.here:
                if first <= c <= self.col:
                    style = el.get(_T + "style-name") or _column_style(self.columns, c) or self.row_style
                    yield ref, style, el.get(_VALUE_TYPE)

    def end_cell(self, el) -> None:
        """At a cell's end, its paragraphs read: the error it holds, put down for each cell it stands for."""
        if self.depth != self.mine:      # a cell of a table inside a cell
            return
        columns, self.error_columns = self.error_columns, None
        if columns is None or self.errors is None:
            return
        shown = "".join("".join(p.itertext()) for p in el if p.tag == _TEXT_P).strip() or UNKNOWN_ERROR
        room = max(0, MAX_ERRORS - len(self.errors))
        for r, c in islice(product(range(self.first_row, self.row + 1), columns), room):
            self.errors[f"{col_letters(c)}{r}"] = shown


def _repeat(el, what: str) -> int:
    try:
        return max(1, int(el.get(f"{_T}number-{what}-repeated") or 1))
    except ValueError:
        return 1


def sheet_events(fh, sheet: str, tags: tuple[str, ...] = ()) -> Iterator[tuple[str, object]]:
    """(event, element) of the rows and ``tags`` standing in ``sheet``'s own table (not in a table nested in its cells)
    of an .ods content.xml stream, as iterparse gives them ("start"/"end"). The tables before it are dropped as read and
    every row once its "end" is handled, so a long sheet is never kept as a tree; a table nested in a cell is kept
    whole with its cell."""
    depth = mine = 0
    for event, el in iterparse(fh, ("start", "end"), (_T + "table", _T + "table-row", *tags)):
        if el.tag == _T + "table":
            depth += 1 if event == "start" else -1
            if event == "start" and not mine and el.get(_T + "name") == sheet:
                mine = depth
            elif event == "end" and mine and depth < mine:
                return
            elif event == "end" and not mine:
                el.clear()          # a sheet before the wanted one: not kept as a tree
            continue
        if mine and depth == mine:
            yield event, el
        if el.tag == _T + "table-row" and event == "end" and not (mine and depth > mine):
            el.clear()
            while el.getprevious() is not None:   # rows read: a long sheet is not kept as a tree
                del el.getparent()[0]


def sheet_cells(fh, sheet: str) -> Iterator[tuple[int, int, int, object]]:
    """(row, first column, last column — from 1, a cell repeated across columns spans them —, the cell's element,
    whole with its text) of each cell of ``sheet`` in an .ods content.xml stream (:func:`sheet_events`)."""
    row = col = 0
    for event, el in sheet_events(fh, sheet, _CELLS):
        if el.tag == _T + "table-row":
            if event == "start":
                row, col = row + 1, 0
            else:
                row += _repeat(el, "rows") - 1
        elif event == "end":
            first, col = col + 1, col + _repeat(el, "columns")
            yield row, first, col, el


def _column_style(columns: list[tuple[int, int, str | None]], c: int) -> str | None:
    return next((style for first, last, style in columns if first <= c <= last), None)


def sheet_extents(path: Path) -> Iterator[tuple[str, int, int]]:
    """(sheet, last row, last column) holding a value, for each sheet of an .ods, as calamine places them (a run of
    repeated rows or cells counts in full): calamine builds every sheet's dense grid as it opens the file, so a stray
    value far away costs gigabytes before any sheet is asked for. content.xml is streamed, its cells cleared."""
    with open_zip(path) as zf, zf.open("content.xml") as fh:
        sheet, depth, rows, cols, row, col = "", 0, 0, 0, 0, 0
        for event, el in iterparse(fh, ("start", "end"), tag=(_T + "table", _T + "table-row", *_CELLS)):
            tag = el.tag
            if tag == _T + "table":
                if event == "start":
                    depth += 1
                    if depth == 1:
                        sheet, rows, cols, row = el.get(_T + "name") or "", 0, 0, 0
                else:
                    depth -= 1
                    if depth == 0:
                        yield sheet, rows, cols
                    el.clear()
            elif depth != 1:       # a table inside a cell
                continue
            elif tag == _T + "table-row":
                if event == "start":
                    row, col = row + _repeat(el, "rows"), 0
                else:
                    el.clear()
                    while el.getprevious() is not None:    # the rows read: a long sheet is not kept as a tree
                        del el.getparent()[0]
            elif event == "start":
                col += _repeat(el, "columns")
            else:
                if el.get(_VALUE_TYPE) or el.get(_CALC_VALUE_TYPE) or any(p.tag == _TEXT_P for p in el):
                    rows, cols = max(rows, row), max(cols, col)
                el.clear()
