"""Which cells of an .ods column are struck through (删除线), as :mod:`.struck_cells` tells for an .xlsx/.xls: a clerk
on LibreOffice or WPS (信创 machines save .ods) crossing a project out of a city's 附件4.

The cell's style says it (``table:style-name``, else its column's or row's default cell style → ``style:style`` in
content.xml's automatic styles or styles.xml, through its parents → ``style:text-properties`` with a
``style:text-line-through-style`` or ``-type`` other than none), or the spans of its text do (a strike applied to
the text while editing the cell: ``<text:span text:style-name="T1">``, a text style saying so). A cell is struck
when all of its text is: a strike over a part of it (a former name crossed out beside the new one) is no crossing
out of the project, and is told apart (said on its row, as for an .xlsx's runs). A file whose content.xml never
mentions a line-through and whose named styles strike nothing (nearly every one) is not walked."""
from __future__ import annotations

from collections.abc import Iterator

from .ods_formats import _CELLS, _STYLE_TAGS, _T, OdsFormats, Styles, _column_style, _common_styles, _repeat, sheet_events
from .opc import iterparse, open_zip

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_BODY = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}body"
_FAMILY = {_TEXT + "p": "paragraph", _TEXT + "span": "text"}


def ods_struck_rows(facts: OdsFormats, sheet: str, column: int) -> tuple[set[int], set[int]]:
    """The 1-based rows of ``sheet`` whose cell in ``column`` (0-based) is struck through, all of its text; and those
    whose cell's text is struck in some of its runs only."""
    with open_zip(facts.path) as zf:
        if facts.styles is None:
            facts.styles = _common_styles(zf)
        styles = facts.styles
        if not facts.mentions(b"line-through") and not any(s for s, _p in styles.strikes.values()):
            return set(), set()
        with zf.open("content.xml") as fh:
            for event, el in iterparse(fh, ("start", "end"), (*_STYLE_TAGS, _BODY)):
                if el.tag == _BODY:
                    break
                if event == "end":
                    styles.take(el)     # content.xml's automatic styles, before its body
        if not any(s for s, _p in styles.strikes.values()):    # a line-through of none (LibreOffice writes it)
            return set(), set()
        whole: set[int] = set()
        part: set[int] = set()
        with zf.open("content.xml") as fh:
            for row, all_of_it in _struck(fh, sheet, column + 1, styles):
                (whole if all_of_it else part).add(row)
        return whole, part


def _struck(fh, sheet: str, column: int, styles: Styles) -> Iterator[tuple[int, bool]]:
    """(row, all of its text) of the cells in ``column`` (from 1) struck through in all or some of their text."""
    columns: list[tuple[int, int, str | None]] = []    # (first, last, default cell style)
    row = repeat = col = 0
    row_style: str | None = None
    for event, el in sheet_events(fh, sheet, (_T + "table-column", *_CELLS)):
        if el.tag == _T + "table-column":
            if event == "start":
                first = columns[-1][1] + 1 if columns else 1
                columns.append((first, first + _repeat(el, "columns") - 1, el.get(_T + "default-cell-style-name")))
        elif el.tag == _T + "table-row":
            if event == "start":
                row, repeat, col = row + repeat, _repeat(el, "rows"), 0
                row_style = el.get(_T + "default-cell-style-name")
        elif event == "start":
            first, col = col + 1, col + _repeat(el, "columns")
        elif first <= column <= col and el.tag == _T + "table-cell":
            style = el.get(_T + "style-name") or _column_style(columns, column) or row_style
            pieces = [(t, s) for p in el if p.tag == _TEXT + "p"
                      for t, s in _pieces(p, bool(styles.struck("table-cell", style)), styles) if t.strip()]
            if any(s for _t, s in pieces):
                all_of_it = all(s for _t, s in pieces)
                yield from ((r, all_of_it) for r in range(row + 1, row + min(repeat, 1000) + 1))


def _pieces(el, struck: bool, styles: Styles) -> Iterator[tuple[str, bool]]:
    """(text, struck through) of the runs of a paragraph or span, each as its own style or the one around it says."""
    own = styles.struck(_FAMILY.get(el.tag, ""), el.get(_TEXT + "style-name"))
    struck = struck if own is None else own
    yield el.text or "", struck
    for child in el:
        if child.tag in _FAMILY or child.tag == _TEXT + "a":    # spans and links: text; notes, frames: none
            yield from _pieces(child, struck, styles)
        yield child.tail or "", struck
