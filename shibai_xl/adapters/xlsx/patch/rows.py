"""Row heights, and what a cell's format and column say of its text's wrapping: a result row tall enough for
the message written into it (LibreOffice and WPS show a row at its stored height; a wrapped message in a
row of one line would run over the rows below)."""
from __future__ import annotations

from ..text_fit import DEFAULT_WIDTH
from .marks import StyleMarks
from .parts import Parts
from .sheet import Sheet
from .xmlpart import local, m


class RowHeights:
    def __init__(self, parts: Parts, marks: StyleMarks):
        self.parts, self.marks = parts, marks

    def wrap_width(self, doc: Sheet, r: int, col: int) -> float | None:
        """The width (characters) of the cell's column when its format wraps text, else None."""
        cell = doc.cell(r, col, create=False)
        s = cell.get("s") if cell is not None else None
        style = int(s) if s is not None and s.isdigit() else doc.inherited_style(doc.row(r, create=False), col)
        xfs = self.marks.formats()
        if style >= len(xfs):
            return None
        align = next((ch for ch in xfs[style] if local(ch) == "alignment"), None)
        if align is None or align.get("wrapText") not in ("1", "true"):
            return None
        return _column_width(doc, col)

    def get(self, doc: Sheet, r: int) -> float | None:
        """The row's stored height in points (None: the program's own)."""
        row = doc.row(r, create=False)
        try:
            return float(row.get("ht")) if row is not None and row.get("ht") else None
        except ValueError:
            return None

    def set(self, doc: Sheet, r: int, height: float | None) -> None:
        """The row's height in points, or (None) the height the program gives it."""
        row = doc.row(r, create=height is not None)
        if row is None:
            return
        if height is None:
            if "ht" not in row.attrib and "customHeight" not in row.attrib:
                return
            row.attrib.pop("ht", None)
            row.attrib.pop("customHeight", None)
        else:
            row.set("ht", f"{height:g}")
            row.set("customHeight", "1")
        self.parts.touch(doc.part)

    def reset_from(self, doc: Sheet, first: int) -> None:
        """Every row from ``first`` down back to the program's height."""
        for n, _ in doc.rows_from(first):
            self.set(doc, n, None)


def _column_width(doc: Sheet, col: int) -> float:
    cols = doc.root.find(m("cols"))
    for c in (cols if cols is not None else []):
        try:
            if local(c) == "col" and int(c.get("min")) <= col <= int(c.get("max")) and c.get("width"):
                return float(c.get("width"))
        except (TypeError, ValueError):
            continue
    return DEFAULT_WIDTH
