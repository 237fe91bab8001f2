"""Hyperlinks of a worksheet: in-workbook links written, replaced, removed, and cut below a row."""
from __future__ import annotations

from lxml import etree

from ..opc import R_ID
from .parts import Parts
from .sheet import Sheet, cell_name, parse_range, range_name
from .xmlpart import WORKSHEET_ORDER, insert_ordered, local, m, remove


class Hyperlinks:
    def __init__(self, parts: Parts):
        self.parts = parts
        # the links of the last <hyperlinks> written to, by the cell each names: one look per link written, not a
        # walk of all of them (2500 findings written with their links took 5 s, quadratic in their number)
        self._by_cell: tuple[object, dict[str, object]] | None = None

    def _named(self, links, name: str):
        """The first link of ``links`` whose reference, read as a cell's name ("$D$5", "d5"), is ``name``."""
        if self._by_cell is None or self._by_cell[0] is not links:
            table: dict[str, object] = {}
            for h in links:
                if local(h) == "hyperlink":
                    table.setdefault((h.get("ref") or "").replace("$", "").upper(), h)
            self._by_cell = (links, table)
        return self._by_cell[1].get(name)

    def _drop(self, doc: Sheet, h) -> None:
        rid = h.get(R_ID)
        remove(h)
        if rid:
            self.parts.drop_rel_if_unused(doc.part, doc.root, rid)

    @staticmethod
    def _drop_empty(links) -> None:
        if not any(local(h) == "hyperlink" for h in links):
            remove(links)

    def set(self, doc: Sheet, r: int, c: int, location: str | None, tooltip: str | None, display: str | None) -> None:
        name = cell_name(r, c)
        links = doc.root.find(m("hyperlinks"))
        old = self._named(links, name) if links is not None else None
        if location is None:
            if old is not None:
                self._by_cell = None   # another link of the cell, if any, is its link now
                self._drop(doc, old)
                self._drop_empty(links)
                self.parts.touch(doc.part)
            return
        if links is None:
            links = insert_ordered(doc.root, etree.Element(m("hyperlinks")), WORKSHEET_ORDER)
        new = etree.Element(m("hyperlink"))
        new.set("ref", name)
        new.set("location", str(location))
        if tooltip is not None:
            new.set("tooltip", str(tooltip))
        if display is not None:
            new.set("display", str(display))
        if old is not None:
            old.addprevious(new)
            self._drop(doc, old)
        else:
            links.append(new)
        if self._by_cell is not None and self._by_cell[0] is links:
            self._by_cell[1][name] = new
        self.parts.touch(doc.part)

    def take(self, doc: Sheet, cells: set[tuple[int, int]]) -> dict[tuple[int, int], object]:
        """The one-cell links of these (row, column) cells, taken out of the sheet with their relationship (a web
        address) left in place, for :meth:`put` at the cell where their cell's value moves."""
        links = doc.root.find(m("hyperlinks"))
        self._by_cell = None
        out = {}
        for h in list(links if links is not None else []):
            box = parse_range(h.get("ref", "")) if local(h) == "hyperlink" else None
            if box and box[:2] == box[2:] and box[:2] in cells:
                out[box[:2]] = h
                remove(h)
        if out:
            self._drop_empty(links)
            self.parts.touch(doc.part)
        return out

    def put(self, doc: Sheet, r: int, c: int, h) -> None:
        """A link :meth:`take` took, on cell (r, c)."""
        self.set(doc, r, c, None, None, None)
        self._by_cell = None
        links = doc.root.find(m("hyperlinks"))
        if links is None:
            links = insert_ordered(doc.root, etree.Element(m("hyperlinks")), WORKSHEET_ORDER)
        h.set("ref", cell_name(r, c))
        links.append(h)
        self.parts.touch(doc.part)

    def cut_below(self, doc: Sheet, from_row: int) -> bool:
        """Links from ``from_row`` down removed, ranges reaching into it cut; True when something changed."""
        links = doc.root.find(m("hyperlinks"))
        self._by_cell = None
        if links is None:
            return False
        changed = False
        for h in list(links):
            box = parse_range(h.get("ref", "")) if local(h) == "hyperlink" else None
            if box is None:
                continue
            r1, c1, r2, c2 = box
            if r1 >= from_row:
                self._drop(doc, h)
                changed = True
            elif r2 >= from_row:
                h.set("ref", range_name(r1, c1, from_row - 1, c2))
                changed = True
        self._drop_empty(links)
        return changed
