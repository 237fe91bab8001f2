"""One worksheet's ``<sheetData>``: rows and cells found and inserted in order, and A1 addresses.

Addresses are parsed by :mod:`..refs` (the patch never loads openpyxl); what is added here is
the patch's own refusal (a Chinese :class:`PatchError`) and the sheet's bounds.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from lxml import etree

from ..opc import MAIN
from ..refs import col_letters, split_ref
from .parts import R_NS, RT_WORKSHEET, Parts
from .xmlpart import ROW_ORDER, WORKSHEET_ORDER, PatchError, insert_ordered, local, m, remove

MAX_ROW = 1048576
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MAX_COL = 16384


def cell_name(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"


def _split(ref: str) -> tuple[int, int] | None:
    """'F5' / '$F$5' → (5, 6); None when it is not a cell address."""
    try:
        return split_ref(str(ref))
    except ValueError:
        return None


def parse_cell(ref: str) -> tuple[int, int]:
    """'F5' / '$F$5' → (row 5, column 6)."""
    cell = _split(ref)
    if cell is None:
        raise PatchError(f"单元格地址“{ref}”无效，应为 A1 形式")
    row, col = cell
    if not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COL):
        raise PatchError(f"单元格地址“{ref}”超出工作表范围")
    return row, col


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """'A1:B3' or 'A1' → (row1, col1, row2, col2); None when unreadable."""
    try:
        parts = (ref or "").split(" ")[0].split(":")
        r1, c1 = parse_cell(parts[0])
        r2, c2 = parse_cell(parts[-1])
    except PatchError:
        return None
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def range_name(r1: int, c1: int, r2: int, c2: int) -> str:
    a, b = cell_name(r1, c1), cell_name(r2, c2)
    return a if a == b else f"{a}:{b}"


class Sheet:
    """Row/cell lookup and insertion in one worksheet's ``<sheetData>``."""

    def __init__(self, part: str, root):
        self.part = part
        self.root = root
        data = root.find(m("sheetData"))
        if data is None:
            data = insert_ordered(root, etree.Element(m("sheetData")), WORKSHEET_ORDER)
        self.data = data
        self._rows: dict[int, object] | None = None
        self._nums: list[int] = []
        self._col_styles: list[tuple[int, int, int]] | None = None

    # rows
    def _index(self) -> dict[int, object]:
        if self._rows is None:
            rows, prev = {}, 0
            for row in self.data.iterchildren(m("row")):
                r = row.get("r")
                n = int(r) if r and r.isdigit() else prev + 1
                if r is None or not r.isdigit():
                    row.set("r", str(n))
                rows.setdefault(n, row)
                prev = n
            self._rows = rows
            self._nums = sorted(rows)
        return self._rows

    def rows_from(self, first: int) -> list[tuple[int, object]]:
        rows = self._index()
        return [(n, rows[n]) for n in self._nums[bisect_right(self._nums, first - 1):]]

    def all_rows(self) -> list[tuple[int, object]]:
        rows = self._index()
        return [(n, rows[n]) for n in self._nums]

    def row(self, r: int, create: bool):
        rows = self._index()
        row = rows.get(r)
        if row is not None or not create:
            return row
        row = etree.Element(m("row"))
        row.set("r", str(r))
        i = bisect_right(self._nums, r)
        if i < len(self._nums):
            rows[self._nums[i]].addprevious(row)
        else:
            self.data.append(row)
        rows[r] = row
        self._nums.insert(i, r)
        return row

    def drop_row(self, r: int) -> None:
        rows = self._index()
        row = rows.pop(r, None)
        if row is not None:
            remove(row)
            i = bisect_right(self._nums, r) - 1
            if i >= 0 and self._nums[i] == r:
                del self._nums[i]

    # cells
    @staticmethod
    def cells(row) -> list[tuple[int, object]]:
        out, prev, rnum = [], 0, row.get("r")
        for c in row.iterchildren(m("c")):
            found = _split(c.get("r") or "")
            n = found[1] if found else prev + 1
            if not found:
                c.set("r", cell_name(int(rnum), n))
            out.append((n, c))
            prev = n
        return out

    def cell(self, r: int, col: int, create: bool):
        row = self.row(r, create)
        if row is None:
            return None
        for n, c in self.cells(row):
            if n == col:
                return c
            if n > col:
                if not create:
                    return None
                new = self._new_cell(row, r, col)
                c.addprevious(new)
                return new
        if not create:
            return None
        return insert_ordered(row, self._new_cell(row, r, col), ROW_ORDER)

    def _new_cell(self, row, r: int, col: int):
        new = etree.Element(m("c"))
        new.set("r", cell_name(r, col))
        style = self.inherited_style(row, col)
        if style:
            new.set("s", str(style))
        _widen_spans(row, col)
        return new

    def inherited_style(self, row, col: int) -> int:
        """Style an absent cell shows: the row's (customFormat) or else the column's."""
        if row is not None and row.get("customFormat") in ("1", "true") and (row.get("s") or "").isdigit():
            return int(row.get("s"))
        if self._col_styles is None:
            self._col_styles = _column_styles(self.root.find(m("cols")))
        for lo, hi, style in self._col_styles:
            if lo <= col <= hi:
                return style
        return 0

    def widen_dimension(self, r: int, col: int) -> None:
        dim = self.root.find(m("dimension"))
        if dim is None:
            return
        cur = parse_range(dim.get("ref", ""))
        if cur is None or (dim.get("ref") == "A1" and self.cell(1, 1, create=False) is None):
            dim.set("ref", cell_name(r, col))
            return
        r1, c1, r2, c2 = cur
        new = range_name(min(r1, r), min(c1, col), max(r2, r), max(c2, col))
        if new != dim.get("ref"):
            dim.set("ref", new)

    def prune(self, cell, keep: frozenset[str] = frozenset({"r"})) -> bool:
        """Remove a cell left with nothing but the attributes in ``keep``; True when removed."""
        if len(cell) == 0 and set(cell.attrib) <= keep:
            remove(cell)
            return True
        return False


def _widen_spans(row, col: int) -> None:
    """A row's ``spans`` hint covers a new cell (or is dropped when it cannot be kept right)."""
    spans = row.get("spans")
    if not spans:
        return
    groups = [g.split(":") for g in spans.split()]
    if any(len(g) == 2 and g[0].isdigit() and g[1].isdigit() and int(g[0]) <= col <= int(g[1]) for g in groups):
        return
    g = groups[0] if len(groups) == 1 else None
    if g and len(g) == 2 and g[0].isdigit() and g[1].isdigit():
        row.set("spans", f"{min(int(g[0]), col)}:{max(int(g[1]), col)}")
    else:
        del row.attrib["spans"]


def _column_styles(cols) -> list[tuple[int, int, int]]:
    out = []
    for c in (cols if cols is not None else []):
        if local(c) == "col" and (c.get("style") or "").isdigit():
            try:
                out.append((int(c.get("min")), int(c.get("max")), int(c.get("style"))))
            except (TypeError, ValueError):
                pass
    return out


def has_cells(row) -> bool:
    return any(local(ch) == "c" for ch in row)


class Sheets:
    """The workbook's sheets by name and by part, each worksheet's :class:`Sheet` made once."""

    def __init__(self, parts: Parts):
        self.parts = parts
        self.list = parts.sheets()              # (name, part, relationship type), workbook order
        self._cache: dict[str, Sheet] = {}

    def names(self) -> list[str]:
        return [name for name, _, _ in self.list]

    def part_of(self, sheet: str) -> str:
        match = [s for s in self.list if s[0] == sheet] or \
                [s for s in self.list if s[0].casefold() == str(sheet).casefold()]
        if not match:
            raise PatchError(f"工作簿中没有名为“{sheet}”的工作表")
        name, part, rtype = match[0]
        if rtype != RT_WORKSHEET:
            raise PatchError(f"“{name}”不是普通工作表（可能是图表工作表），不能写入单元格")
        if part is None or not self.parts.exists(part):
            raise PatchError(f"工作表“{name}”的内容缺失，工作簿已损坏")
        return self.parts.find(part)

    def by_name(self, sheet: str) -> Sheet:
        return self.by_part(self.part_of(sheet))

    def by_part(self, part: str) -> Sheet:
        doc = self._cache.get(part)
        if doc is None:
            root = self.parts.doc(part).root
            if etree.QName(root).namespace != MAIN:
                raise PatchError(f"工作表部件 {part} 不是受支持的格式")
            doc = self._cache[part] = Sheet(part, root)
        return doc

    def add(self, name: str, columns: Sequence[tuple[float, int]] = ()) -> None:
        """A new empty worksheet after the last sheet (its part, relationship, content type and entry);
        ``columns``: (width in characters, style index) of its first columns."""
        if name.casefold() in {n.casefold() for n in self.names()}:
            raise PatchError(f"工作簿中已有名为“{name}”的工作表")
        part = self.parts.unique_name("xl/worksheets/sheet{}.xml")
        root = etree.Element(m("worksheet"), nsmap={None: MAIN, "r": R_NS})
        if columns:   # printed across, as wide as the page: the tool's result sheets have a wide 说明 column
            etree.SubElement(etree.SubElement(root, m("sheetPr")), m("pageSetUpPr"), fitToPage="1")
            cols = etree.SubElement(root, m("cols"))
            for i, (width, style) in enumerate(columns, 1):
                col = etree.SubElement(cols, m("col"), min=str(i), max=str(i), width=f"{width:g}", customWidth="1")
                if style:
                    col.set("style", str(style))
        etree.SubElement(root, m("sheetData"))
        if columns:
            etree.SubElement(root, m("pageMargins"), left="0.5", right="0.5", top="0.75", bottom="0.75",
                             header="0.3", footer="0.3")
            etree.SubElement(root, m("pageSetup"), paperSize="9", orientation="landscape", fitToWidth="1",
                             fitToHeight="0")
        self.parts.add(part, root)
        self.parts.content_type(part, WORKSHEET_TYPE)
        rid = self.parts.add_rel(self.parts.workbook, RT_WORKSHEET, part)
        wb = self.parts.doc(self.parts.workbook).root
        sheets = wb.find(m("sheets"))
        ids = [int(s.get("sheetId")) for s in sheets if local(s) == "sheet" and (s.get("sheetId") or "").isdigit()]
        el = etree.SubElement(sheets, m("sheet"))
        el.set("name", name)
        el.set("sheetId", str(max(ids, default=0) + 1))
        el.set(f"{{{R_NS}}}id", rid)
        self.parts.touch(self.parts.workbook)
        self.list.append((name, part, RT_WORKSHEET))

    def worksheet_parts(self) -> list[str]:
        return [self.parts.find(p) for _, p, t in self.list if t == RT_WORKSHEET and p and self.parts.exists(p)]
