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
        old = next((h for h in (links if links is not None else [])
                    if local(h) == "hyperlink" and (h.get("ref") or "").replace("$", "").upper() == name), None)
        if location is None:
            if old is not None:
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
        self.parts.touch(doc.part)

    def take(self, doc: Sheet, cells: set[tuple[int, int]]) -> dict[tuple[int, int], object]:
        """The one-cell links of these (row, column) cells, taken out of the sheet with their relationship (a web
        address) left in place, for :meth:`put` at the cell where their cell's value moves."""
        links = doc.root.find(m("hyperlinks"))
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
        links = doc.root.find(m("hyperlinks"))
        if links is None:
            links = insert_ordered(doc.root, etree.Element(m("hyperlinks")), WORKSHEET_ORDER)
        h.set("ref", cell_name(r, c))
        links.append(h)
        self.parts.touch(doc.part)

    def cut_below(self, doc: Sheet, from_row: int) -> bool:
        """Links from ``from_row`` down removed, ranges reaching into it cut; True when something changed."""
        links = doc.root.find(m("hyperlinks"))
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
