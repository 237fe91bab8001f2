"""Write check results into a user's workbook by patching its OOXML package.

openpyxl's load/save round-trip drops images, charts, form controls and more,
so ``shibai check FILE --write`` never re-saves the user's workbook through it.
:class:`XlsxPatch` reads the zip into memory, parses only the parts it changes,
edits legacy VML drawings as text, and writes a new zip in which every part it
did not touch is byte-identical, in the original order, with the original
compression::

    p = XlsxPatch("申报表.xlsx")
    p.clear_marks()                       # earlier fills/comments of this tool
    p.set_value("评分", "F5", 87.5)
    p.mark("申报表", "C7", "error", "统一社会信用代码校验位错误")
    p.save("申报表.xlsx")

The work is split along the package's seams:

* :mod:`.parts` — the parts, relationships and content types (opened through the
  package layer :mod:`shibai_xl.adapters.xlsx.opc`, shared with the reader);
  :mod:`.xmlpart` — a part parsed and written back faithfully;
* :mod:`.sheet` — rows and cells of a worksheet, A1 addresses;
* :mod:`.values` — cell values and formulas (``fullCalcOnLoad``, calcChain);
* :mod:`.marks` — fills of marked cells, reversible through ``sb_marks_styles``;
* :mod:`.notes` — comments authored ``shibai-xl`` and their VML boxes;
* :mod:`.links` — hyperlinks.

Every refusal is a :class:`PatchError` (a :class:`~shibai_xl.errors.RefusedWrite`) with a
Chinese message.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ...files import write_atomic
from ..package import parse_ref
from .links import Hyperlinks
from .marks import MARK_FILLS, MARKS_NAME, StyleMarks
from .notes import AUTHOR, Notes
from .parts import Parts
from .rows import RowHeights
from .sheet import MAX_ROW, Sheets, parse_cell
from .values import CellWriter, shift_formula
from .xmlpart import WORKSHEET_ORDER, PatchError, m

__all__ = ["AUTHOR", "MARKS_NAME", "MARK_FILLS", "WORKSHEET_ORDER", "PatchError", "XlsxPatch", "shift_formula"]


class XlsxPatch:
    """Patch one .xlsx/.xlsm package at the XML level; see the module docstring.

    The input file is read once, completely, when the object is created and is
    never written to except by an explicit :meth:`save` to the same path.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        #: set ``fullCalcOnLoad`` when values changed, so Excel recomputes dependent formulas
        self.recalc_on_open = True
        self.parts = Parts(self.path)
        self.sheets = Sheets(self.parts)
        self.cells = CellWriter(self.parts, self.sheets)
        self.links = Hyperlinks(self.parts)
        self.marks = StyleMarks(self.parts)
        self.notes = Notes(self.parts, self.sheets)
        self.heights = RowHeights(self.parts, self.marks)

    # ------------------------------------------------------------------ workbook structure
    def sheet_names(self) -> list[str]:
        """Sheet names in workbook order (worksheets and chart sheets)."""
        return self.sheets.names()

    def add_sheet(self, name: str, columns: Sequence[tuple[float, bool]] = ()) -> None:
        """Add an empty worksheet ``name`` after the last sheet; ``columns``: (width in characters, wraps its
        text) of its first columns, whose cells are then centred vertically and the sheet printed across
        (landscape, as wide as the page)."""
        styles = {wraps: self.marks.aligned_style(wraps) for wraps in sorted({w for _, w in columns})}
        self.sheets.add(name, [(width, styles[wraps]) for width, wraps in columns])

    def defined_name(self, name: str) -> str | None:
        """Refers-to text of a workbook-scoped defined name (case-insensitive), e.g. ``'评分'!$F$5``."""
        el = self.parts.defined_name_el(name)
        return None if el is None else (el.text or "")

    # ------------------------------------------------------------------ cells
    def set_value(self, sheet: str, ref: str, value) -> None:
        """Write one cell. ``None`` clears it; str is always text (inline string, never a formula).

        int/float/Decimal → number, bool → boolean, date/datetime/time → serial
        number (the cell keeps its style, so format it as a date in the template).
        An existing formula is removed (a shared-formula master hands over to the
        next cell of its group).
        """
        self.cells.set_value(sheet, ref, value)

    def clear_rows(self, sheet: str, from_row: int) -> None:
        """Clear the contents (values, formulas) of every cell from ``from_row`` down, like Excel's Delete key.

        Cell and row formatting stays; cells and rows left without anything are
        removed; hyperlinks in that range are removed (ranges reaching into it are cut).
        """
        if not isinstance(from_row, int) or isinstance(from_row, bool) or not 1 <= from_row <= MAX_ROW:
            raise PatchError(f"起始行号 {from_row!r} 无效")
        doc = self.sheets.by_name(sheet)
        changed = self.cells.clear_from(doc, from_row)
        if self.links.cut_below(doc, from_row) or changed:
            self.parts.touch(doc.part)

    def set_hyperlink(self, sheet: str, ref: str, location: str | None, tooltip: str | None = None,
                      display: str | None = None) -> None:
        """Link a cell to a place in the workbook (``location="'申报表'!C7"``); ``None`` removes the cell's link."""
        doc = self.sheets.by_name(sheet)
        r, c = parse_cell(ref)
        self.links.set(doc, r, c, location, tooltip, display)

    def take_hyperlinks(self, sheet: str, cells: set[tuple[int, int]]) -> dict[tuple[int, int], object]:
        """The links of these (row, column) cells, taken out to :meth:`put_hyperlink` elsewhere (a web address
        too)."""
        return self.links.take(self.sheets.by_name(sheet), cells)

    def put_hyperlink(self, sheet: str, ref: str, link: object) -> None:
        r, c = parse_cell(ref)
        self.links.put(self.sheets.by_name(sheet), r, c, link)

    def cell_style(self, sheet: str, ref: str) -> int:
        """The style (number format, font, fill …) a cell shows: its own, else its row's or column's."""
        doc = self.sheets.by_name(sheet)
        r, c = parse_cell(ref)
        cell = doc.cell(r, c, create=False)
        if cell is not None:
            return int(cell.get("s") or 0)
        return doc.inherited_style(doc.row(r, False), c)

    def set_cell_style(self, sheet: str, ref: str, style: int) -> None:
        """Give a cell a style of the workbook (:meth:`cell_style` of another cell): a value moved with its format."""
        doc = self.sheets.by_name(sheet)
        r, c = parse_cell(ref)
        cell = doc.cell(r, c, create=True)
        if style:
            cell.set("s", str(style))
        elif "s" in cell.attrib:
            del cell.attrib["s"]
        self.parts.touch(doc.part)

    # ------------------------------------------------------------------ rows
    def wrap_width(self, sheet: str, ref: str) -> float | None:
        """The width (characters) of a cell's column when the cell's format wraps its text, else None."""
        r, c = parse_cell(ref)
        return self.heights.wrap_width(self.sheets.by_name(sheet), r, c)

    def row_height(self, sheet: str, row: int) -> float | None:
        """A row's stored height in points; None: the height the spreadsheet program gives it."""
        return self.heights.get(self.sheets.by_name(sheet), row)

    def set_row_height(self, sheet: str, row: int, height: float | None) -> None:
        """A row's height in points; None: the height the spreadsheet program gives it."""
        self.heights.set(self.sheets.by_name(sheet), row, height)

    def reset_row_heights(self, sheet: str, from_row: int) -> None:
        """Every row from ``from_row`` down back to the height the spreadsheet program gives it."""
        self.heights.reset_from(self.sheets.by_name(sheet), from_row)

    # ------------------------------------------------------------------ marks
    def mark(self, sheet: str, ref: str, severity: str, comment_text: str) -> bool:
        """Fill a cell (error → FFC7CE, warning → FFEB9C) and attach a comment authored ``shibai-xl``.

        Marking a marked cell replaces the earlier mark. Returns False when the
        cell already carries a comment of the user's (that comment is kept and no
        comment is added; the fill is still applied).
        """
        if severity not in MARK_FILLS:
            raise PatchError(f"标记级别“{severity}”无效，应为 error 或 warning")
        doc = self.sheets.by_name(sheet)
        r, c = parse_cell(ref)
        cell = doc.cell(r, c, create=True)
        s = cell.get("s", "0")
        new = self.marks.marked_style(int(s) if s.isdigit() else 0, severity)
        if cell.get("s") != str(new):
            cell.set("s", str(new))
        self.parts.touch(doc.part)
        return self.notes.put(doc, r, c, str(comment_text))

    def clear_marks(self) -> None:
        """Remove every fill and comment this tool added (all sheets); the user's comments stay."""
        pattern = self.marks.pattern()
        # the record of the marks' styles no longer fits (the workbook was saved in Excel/LibreOffice/WPS, which
        # renumber styles): the named cells to type in that still show a mark fill are given their colour back too
        named = self._named_cells() if self.marks.stale else {}
        for part in self.sheets.worksheet_parts():
            if pattern is not None and (part in self.parts.xml or pattern.search(self.parts.orig.get(part, b""))):
                self.marks.restore(self.sheets.by_part(part))
            cells = self.notes.remove_ours(part) | named.get(part, set())
            if cells:
                self.marks.unmark_unrecorded(self.sheets.by_part(part), cells)

    def _named_cells(self) -> dict[str, set[tuple[int, int]]]:
        """worksheet part → the cells (row, column) of the workbook's single-cell names of fields (``sb_…``)."""
        out: dict[str, set[tuple[int, int]]] = {}
        names = self.parts.doc(self.parts.workbook).root.find(m("definedNames"))
        for dn in (names if names is not None else []):
            name = dn.get("name", "")
            if not name.casefold().startswith("sb_") or name.casefold().startswith("sb_result_"):
                continue
            found = parse_ref(dn.text or "") if ":" not in (dn.text or "") else None
            if found and found[0] in self.sheets.names():
                out.setdefault(self.sheets.part_of(found[0]), set()).add(parse_cell(found[1]))
        return out

    # ------------------------------------------------------------------ saving
    def to_bytes(self) -> bytes:
        """The patched package as bytes (what :meth:`save` writes)."""
        self.marks.finish()
        self.cells.finish(self.recalc_on_open)
        return self.parts.to_bytes()

    def save(self, path: str | os.PathLike) -> None:
        """Write the patched workbook through :func:`~shibai_xl.adapters.files.write_atomic` (a temp file in
        the same folder, flushed, checked, then renamed; no backup: the caller keeps one if it wants)."""
        data = self.to_bytes()
        write_atomic(path, lambda tmp: tmp.write_bytes(data), backup=False)
