"""What the formats of a few cells of an .ods show: a percentage, a date without its day.

A cell says ``office:value-type="percentage"``; a date's look is its style's data style: ``table:style-name`` (or
the column's ``table:default-cell-style-name``) → ``style:style`` (automatic in content.xml, common in styles.xml,
through its parents) → ``style:data-style-name`` → a ``number:date-style`` whose parts have no ``number:day`` shows
the month ("2022年4月"), or the year alone. content.xml is streamed only up to the last row asked about.
"""
from __future__ import annotations

import zipfile
from collections.abc import Collection, Iterator
from pathlib import Path

from .opc import iterparse, open_zip
from .refs import split_ref

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_T, _S, _N = f"{{{_TABLE}}}", f"{{{_STYLE}}}", f"{{{_NUMBER}}}"
_CELLS = (_T + "table-cell", _T + "covered-table-cell")
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"
_NOT_A_MONTH = frozenset(("day", "day-of-week", "week-of-year", "quarter", "hours", "minutes", "seconds", "am-pm"))
MAX_PARENTS = 16

Shown = tuple[bool, str | None]


class Styles:
    """Cell styles (name → (data style, parent)) and what data styles show ("percent", "month", "year", "")."""

    def __init__(self) -> None:
        self.cells: dict[str, tuple[str | None, str | None]] = {}
        self.data: dict[str, str] = {}
        # a data style's conditional sections (style:map): "0.0%;-0.0%;\"-\"" is a number style showing "-" whose
        # maps apply percentage styles to positive and negative values, as "%" in any section of an .xlsx code
        self.maps: dict[str, list[str]] = {}

    def take(self, el) -> None:
        """Record ``el`` (at its end event) if it is a cell style or a data style."""
        tag = el.tag
        if tag == _S + "style":
            if el.get(_S + "family") == "table-cell":
                self.cells[el.get(_S + "name", "")] = (el.get(_S + "data-style-name"), el.get(_S + "parent-style-name"))
            return
        if not tag.startswith(_N) or not tag.endswith("-style"):
            return
        name = el.get(_S + "name", "")
        mapped = [m.get(_S + "apply-style-name") for m in el if m.tag == _S + "map"]
        if mapped:
            self.maps[name] = [m for m in mapped if m]
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
        return value_type == "percentage" or kind == "percent", kind if kind in ("month", "year") else None


class OdsFormats:
    """The formats of one .ods file; styles.xml is read once, content.xml up to the rows asked about each time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.styles: Styles | None = None

    def cells(self, sheet: str, refs: Collection[str]) -> dict[str, Shown]:
        """ref → (percent?, "month"/"year" or None) for those of ``refs`` that content.xml lists on ``sheet``."""
        wanted = {split_ref(ref): ref for ref in refs}
        if not wanted:
            return {}
        with open_zip(self.path) as zf:
            if self.styles is None:
                self.styles = _common_styles(zf)
            with zf.open("content.xml") as fh:
                return {ref: self.styles.shown(style, value_type)
                        for ref, style, value_type in _cells(fh, sheet, wanted, self.styles)}


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


def _cells(fh, sheet: str, wanted: dict[tuple[int, int], str], styles: Styles) -> Iterator[tuple[str, str | None, str | None]]:
    """(ref, its cell style, its value type) of the wanted cells of ``sheet``; automatic styles recorded on the way."""
    walk = _Walk(sheet, wanted)
    for event, el in iterparse(fh, ("start", "end"), _CONTENT_TAGS):
        if event == "start":
            yield from walk.start(el)
            continue
        tag = el.tag
        if tag == _T + "table":
            walk.depth -= 1
            if walk.mine and walk.depth < walk.mine:
                return
        elif tag == _T + "table-row":
            if walk.mine and walk.row >= walk.last_row:
                return
            el.clear()
            while el.getprevious() is not None:       # rows already read: let them go
                del el.getparent()[0]
        elif not walk.depth:
            styles.take(el)        # content.xml's automatic styles, before its tables


class _Walk:
    """Where the stream of content.xml stands: table nesting, the sheet's columns, the row and column reached."""

    def __init__(self, sheet: str, wanted: dict[tuple[int, int], str]) -> None:
        self.sheet, self.wanted = sheet, wanted
        self.last_row = max(r for r, _ in wanted)
        self.depth = self.mine = 0          # table nesting; the depth of the sheet's table once inside it
        self.columns: list[tuple[int, int, str | None]] = []   # (first column, last column, default cell style)
        self.row = self.col = 0
        self.here: list[tuple[int, str]] = []    # (column, ref) wanted in the current run of rows
        self.row_style: str | None = None

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
            first, self.row = self.row + 1, self.row + _repeat(el, "rows")
            self.here = [(c, ref) for (r, c), ref in self.wanted.items() if first <= r <= self.row]
            self.row_style, self.col = el.get(_T + "default-cell-style-name"), 0
        elif tag in _CELLS:
            first, self.col = self.col + 1, self.col + _repeat(el, "columns")
            for c, ref in self.here:
                if first <= c <= self.col:
                    style = el.get(_T + "style-name") or _column_style(self.columns, c) or self.row_style
                    yield ref, style, el.get(_VALUE_TYPE)


def _repeat(el, what: str) -> int:
    try:
        return max(1, int(el.get(f"{_T}number-{what}-repeated") or 1))
    except ValueError:
        return 1


def _column_style(columns: list[tuple[int, int, str | None]], c: int) -> str | None:
    return next((style for first, last, style in columns if first <= c <= last), None)
