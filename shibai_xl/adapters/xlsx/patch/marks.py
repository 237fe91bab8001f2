"""Style marks: a marked cell shows this tool's fill, and can be given its own style back later.

A marked cell gets a copy of its ``cellXfs`` entry with a new fill (appended, so
existing style indices never change). The mapping marked-style → original-style is
kept in the hidden workbook name ``sb_marks_styles`` so that a later run (another
process) restores the original styles; a pair that no longer checks out (Excel
renumbered the styles) is dropped.
"""
from __future__ import annotations

import copy
import re

from lxml import etree

from ....engine.plan import INPUT_COLOR
from ..opc import MAIN
from .parts import R_NS, Parts
from .sheet import Sheet, has_cells, parse_cell
from .xmlpart import STYLES_ORDER, WORKBOOK_ORDER, insert_ordered, local, m

MARKS_NAME = "sb_marks_styles"
MARK_FILLS = {"error": "FFFFC7CE", "warning": "FFFFEB9C"}
INPUT_RGB = "FF" + INPUT_COLOR.lstrip("#").upper()      # the template's fill of a cell to type in
RT_STYLES = R_NS + "/styles"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
_EMPTY_STYLES = (
    '<styleSheet xmlns="{main}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def _solid_rgb(fill) -> str | None:
    """The colour (``FFFFC7CE``) of a plain solid fill given by its RGB, else None."""
    pf = [x for x in fill if isinstance(x.tag, str)]
    if len(pf) != 1 or local(pf[0]) != "patternFill" or pf[0].get("patternType") != "solid":
        return None
    fg = pf[0].find(m("fgColor"))
    if fg is None or set(fg.attrib) != {"rgb"}:
        return None
    return fg.get("rgb", "").upper()


def fill_severity(fill) -> str | None:
    """'error'/'warning' when ``fill`` is exactly one of this tool's mark fills."""
    rgb = _solid_rgb(fill)
    return next((sev for sev, mark in MARK_FILLS.items() if rgb == mark), None)


def _xf_key(xf) -> tuple:
    attrs = tuple(sorted((k, v) for k, v in xf.attrib.items() if k not in ("fillId", "applyFill")))
    return attrs, tuple(etree.tostring(ch, with_tail=False) for ch in xf if isinstance(ch.tag, str))


def _name_pairs(text: str) -> list[tuple[int, int]]:
    """'"12:3,13:5"&"14:0"' (the name's text constant, split at 255 characters) → [(12, 3), (13, 5), (14, 0)]."""
    joined = "".join(s.replace('""', '"') for s in re.findall(r'"((?:[^"]|"")*)"', text))
    pairs = []
    for item in joined.split(","):
        found = re.fullmatch(r"\s*(\d+):(\d+)\s*", item)
        if found:
            pairs.append((int(found.group(1)), int(found.group(2))))
    return pairs


def _name_text(mapping: dict[int, int]) -> str:
    chunks, cur = [], ""
    for p in (f"{k}:{v}" for k, v in sorted(mapping.items())):
        if cur and len(cur) + 1 + len(p) > 250:    # Excel limits a text constant to 255 characters
            chunks.append(cur)
            cur = p
        else:
            cur = f"{cur},{p}" if cur else p
    chunks.append(cur)
    return "&".join(f'"{c}"' for c in chunks)


class StyleMarks:
    """The fills of marked cells, and the record that takes them off again."""

    def __init__(self, parts: Parts):
        self.parts = parts
        self._map: dict[int, int] | None = None       # marked xf → original xf
        self._cache: dict[tuple[int, str], int] = {}  # (original xf, severity) → marked xf
        self._fill_ids: dict[str, int] = {}
        self._unmarked: dict[int, int] = {}           # marked xf the record does not know → its input-colour copy
        self.changed = False
        self.stale = False                            # the record named styles that no longer are marks of theirs

    # --- the styles part ---------------------------------------------------------------------------
    def _styles_part(self) -> str:
        parts = self.parts
        found = parts.target(parts.workbook, RT_STYLES)
        if found:
            return found
        part = "xl/styles.xml" if not parts.exists("xl/styles.xml") else parts.unique_name("xl/styles{}.xml")
        parts.add(part, etree.fromstring(_EMPTY_STYLES.format(main=MAIN)))
        parts.add_rel(parts.workbook, RT_STYLES, part)
        parts.content_type(part, CT_STYLES)
        return part

    def _list(self, tag: str, item: str, create: bool = True):
        root = self.parts.doc(self._styles_part()).root
        el = root.find(m(tag))
        if el is None and create:
            el = insert_ordered(root, etree.Element(m(tag)), STYLES_ORDER)
            if tag == "fills":
                for pattern in ("none", "gray125"):
                    etree.SubElement(etree.SubElement(el, m("fill")), m("patternFill"), patternType=pattern)
        items = [] if el is None else [x for x in el if local(x) == item]
        if create and tag == "cellXfs" and not items:   # missing, or there and empty (<cellXfs count="0"/>)
            items = [etree.SubElement(el, m("xf"), numFmtId="0", fontId="0", fillId="0", borderId="0", xfId="0")]
            el.set("count", "1")
        return el, items

    def formats(self) -> list:
        """The workbook's cell formats (``cellXfs``), in index order."""
        return self._list("cellXfs", "xf", create=False)[1]

    def _fill_id(self, severity: str) -> int:
        """The fill of a mark (``error``/``warning``), or of a cell to type in (``input``); added when missing."""
        if severity in self._fill_ids:
            return self._fill_ids[severity]
        rgb = MARK_FILLS.get(severity, INPUT_RGB)
        fills, items = self._list("fills", "fill")
        for i, fill in enumerate(items):
            if _solid_rgb(fill) == rgb:
                self._fill_ids[severity] = i
                return i
        fill = etree.SubElement(fills, m("fill"))
        pf = etree.SubElement(fill, m("patternFill"), patternType="solid")
        etree.SubElement(pf, m("fgColor"), rgb=rgb)
        etree.SubElement(pf, m("bgColor"), indexed="64")
        fills.set("count", str(len(items) + 1))
        self.parts.touch(self._styles_part())
        self._fill_ids[severity] = len(items)
        return len(items)

    def aligned_style(self, wrap: bool) -> int:
        """A new cell format: the workbook's default one with its lines centred vertically and (``wrap``) its
        text wrapped — the format of the tool's own 说明 and 建议理由 cells and of the cells beside them."""
        cell_xfs, xfs = self._list("cellXfs", "xf")
        clone = copy.deepcopy(xfs[0])
        clone.tail = None
        for old in [ch for ch in clone if local(ch) == "alignment"]:
            clone.remove(old)
        align = etree.Element(m("alignment"), vertical="center")
        if wrap:
            align.set("wrapText", "1")
        clone.insert(0, align)
        clone.set("applyAlignment", "1")
        cell_xfs.append(clone)
        cell_xfs.set("count", str(len(xfs) + 1))
        self.parts.touch(self._styles_part())
        return len(xfs)

    # --- the mapping -------------------------------------------------------------------------------
    def mapping(self) -> dict[int, int]:
        """marked-xf → original-xf, from the hidden name, keeping only pairs that still check out."""
        if self._map is not None:
            return self._map
        self._map = {}
        el = self.parts.defined_name_el(MARKS_NAME)
        pairs = _name_pairs(el.text or "") if el is not None else []
        if not pairs:
            return self._map
        _, xfs = self._list("cellXfs", "xf", create=False)
        _, fills = self._list("fills", "fill", create=False)
        for marked, orig in pairs:
            if marked == orig or marked >= len(xfs) or orig >= len(xfs):
                continue
            fid = xfs[marked].get("fillId", "0")
            sev = fill_severity(fills[int(fid)]) if fid.isdigit() and int(fid) < len(fills) else None
            if sev is None or _xf_key(xfs[marked]) != _xf_key(xfs[orig]):
                self.changed = self.stale = True   # stale pair (styles renumbered by Excel, LibreOffice): dropped
                continue
            self._map[marked] = orig
            self._cache.setdefault((orig, sev), marked)
        return self._map

    def marked_style(self, current: int, severity: str) -> int:
        """The style index of a cell styled ``current`` (or a mark of it) marked with ``severity``."""
        orig = self.mapping().get(current, current)
        key = (orig, severity)
        if key in self._cache:
            return self._cache[key]
        new = self._with_fill(orig, severity)
        self._cache[key] = new
        self._map[new] = orig
        self.changed = True
        return new

    def _with_fill(self, xf: int, fill: str) -> int:
        """A new cell format: ``xf`` (the first format when there is no such one) with the fill ``fill``."""
        fill_id = self._fill_id(fill)
        cell_xfs, xfs = self._list("cellXfs", "xf")
        clone = copy.deepcopy(xfs[xf] if xf < len(xfs) else xfs[0])
        clone.tail = None
        clone.set("fillId", str(fill_id))
        clone.set("applyFill", "1")
        cell_xfs.append(clone)
        cell_xfs.set("count", str(len(xfs) + 1))
        self.parts.touch(self._styles_part())
        return len(xfs)

    def restore(self, doc: Sheet) -> None:
        """Give every marked cell of a sheet its original style; empty cells a mark created go again."""
        marks = self.mapping()
        doc.all_rows()                                  # row numbers made explicit
        emptied = []
        for cell in list(doc.data.iter(m("c"))):
            s = cell.get("s", "")
            if not s.isdigit() or int(s) not in marks:
                continue
            row = cell.getparent()
            if cell.get("r") is None:
                doc.cells(row)
            rn, cn = parse_cell(cell.get("r"))
            orig = marks[int(s)]
            if orig:
                cell.set("s", str(orig))
            else:
                del cell.attrib["s"]
            self.parts.touch(doc.part)
            if orig == doc.inherited_style(row, cn) and doc.prune(cell, frozenset({"r", "s"})):
                emptied.append((rn, row))
        for rn, row in emptied:
            if row.getparent() is not None and not has_cells(row) and set(row.attrib) <= {"r"}:
                doc.drop_row(rn)

    def unmark_unrecorded(self, doc: Sheet, cells: set[tuple[int, int]]) -> None:
        """Cells (row, column; 1-based) of the previous run's marks that still show a mark fill the record does
        not know — a spreadsheet program renumbered the styles when the workbook was saved in it, so the cell's
        own style cannot be told any more: they get the colour of a cell to type in, as the Excel and WPS add-ins
        give a mark's cell back, instead of keeping the mark for good."""
        marks = self.mapping()
        xfs, fills = self.formats(), self._list("fills", "fill", create=False)[1]
        for r, c in sorted(cells):
            cell = doc.cell(r, c, create=False)
            s = cell.get("s", "") if cell is not None else ""
            if not s.isdigit() or int(s) in marks or int(s) >= len(xfs):
                continue
            fid = xfs[int(s)].get("fillId", "0")
            if not (fid.isdigit() and int(fid) < len(fills) and fill_severity(fills[int(fid)])):
                continue
            if int(s) not in self._unmarked:
                self._unmarked[int(s)] = self._with_fill(int(s), "input")
                xfs = self.formats()
            cell.set("s", str(self._unmarked[int(s)]))
            self.parts.touch(doc.part)

    def pattern(self) -> re.Pattern[bytes] | None:
        """A quick test of a sheet's bytes for a marked style (None: nothing is marked)."""
        marks = self.mapping()
        return re.compile(rb'\ss="(' + b"|".join(str(k).encode() for k in marks) + rb')"') if marks else None

    def finish(self) -> None:
        """Write the mapping back into the hidden name when it changed."""
        if not (self.changed and self._map is not None):
            return
        wb = self.parts.doc(self.parts.workbook).root
        text = _name_text(self._map)
        el = self.parts.defined_name_el(MARKS_NAME)
        if el is None:
            names = wb.find(m("definedNames"))
            if names is None:
                names = insert_ordered(wb, etree.Element(m("definedNames")), WORKBOOK_ORDER)
            el = etree.SubElement(names, m("definedName"))
            el.set("name", MARKS_NAME)
            el.set("hidden", "1")
        if el.text != text:
            el.text = text
            self.parts.touch(self.parts.workbook)

