"""Saving a summary a refresh or merge updated (openpyxl), each formula the grammar of
:mod:`...engine.constant_formulas` computes saved with its result: openpyxl keeps a formula and no result, and a
clerk's 市州评分 =AVERAGE(90,80) or =AVERAGE(W4:Y4), an amount =K6/10000 or a 合计 =SUM(K6:K20) was no figure to
the province's merge (which reads results, computing nothing) until someone opened and saved the summary in Excel/WPS.

A formula reads the values the workbook holds as it is saved (what the refresh wrote, the clerk's own cells) and the
results of the formulas it refers to, worked out first (in any order, without recursion: a running total down a
thousand rows is a chain a thousand deep); one in a loop of references, or reading a cell with no known value,
gets none, as before. The work is bounded (:data:`MOST_CELLS` cells visited for the whole workbook): a file made to
make it long gets no results past that, never a wrong one."""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.constant_formulas import Area, Formula, Unknown, parse, stored_text
from .fast_rows import escaped

MOST_CELLS = 1_000_000      # cells looked at, all formulas together: a summary of 1000 rows and its sums use ~10 000
_Key = tuple[str, int, int]


class FormulaResults:
    """The results of a workbook's formulas, each worked out once, when first asked for."""

    def __init__(self, wb: Workbook) -> None:
        self.sheets = {ws.title: ws for ws in wb.worksheets}
        self.folded = {title.casefold(): ws for title, ws in reversed(self.sheets.items())}
        self.known: dict[_Key, float | None] = {}
        self.parsed: dict[_Key, Formula | None] = {}
        self.left = MOST_CELLS

    def result(self, ws: Worksheet, cell: Cell) -> float | None:
        """The result of the formula in ``cell`` (None: none computed, or not a formula)."""
        key = (ws.title, cell.row, cell.column)
        if key not in self.known:
            self._work_out(key)
        return self.known.get(key)

    def all(self) -> dict[str, dict[str, str]]:
        """Sheet title → cell → the saved text of each formula's result (cells without one left out)."""
        out: dict[str, dict[str, str]] = {}
        for ws in self.sheets.values():
            for cell in list(ws._cells.values()):
                if cell.data_type == "f" and (result := self.result(ws, cell)) is not None:
                    out.setdefault(ws.title, {})[cell.coordinate] = stored_text(result)
        return out

    def texts(self) -> dict[str, dict[str, str]]:
        """Sheet title → cell → the text of each formula that is a reference alone to a cell holding text (=名单!B4: a
        summary whose 企业名称 are references to another sheet), as Excel saves its result: a reader computing
        nothing (the province's merge) read a blank name, and said every such project nameless, after a refresh."""
        out: dict[str, dict[str, str]] = {}
        for ws in self.sheets.values():
            for cell in list(ws._cells.values()):
                if cell.data_type == "f" and (text := self._shown(ws, self._formula((ws.title, cell.row, cell.column)))):
                    out.setdefault(ws.title, {})[cell.coordinate] = text
        return out

    def referenced_text(self, ws: Worksheet, value: object) -> str | None:
        """The text a formula ``value`` on ``ws`` shows when it is a reference alone to a cell holding text
        (=名单!B4); None for any other value."""
        return self._shown(ws, parse(value))

    def _shown(self, ws: Worksheet, formula: Formula | None) -> str | None:
        """:meth:`referenced_text` of a formula parsed (a save asks of every formula :meth:`all` parsed already)."""
        if formula is None or len(formula.tokens) != 1 or formula.tokens[0][0] != "ref":
            return None
        sheet, r0, c0, r1, c1 = formula.areas[0]
        target = self._sheet(sheet, ws.title)
        read = None if target is None or (r0, c0) != (r1, c1) else target._cells.get((r0, c0))
        ok = read is not None and read.data_type == "s" and isinstance(read.value, str) and read.value
        return read.value if ok else None  # type: ignore[union-attr]

    def _formula(self, key: _Key) -> Formula | None:
        if key not in self.parsed:
            cell = self.sheets[key[0]]._cells.get(key[1:])
            self.parsed[key] = parse(cell.value) if cell is not None and cell.data_type == "f" else None
        return self.parsed[key]

    def _work_out(self, first: _Key) -> None:
        """The result of the formula at ``first`` and of those it reads, theirs first (a stack, not recursion); one
        still being worked out when read again is in a loop of references: Unknown to its reader."""
        stack, opened = [first], set()
        while stack:
            key = stack[-1]
            if key in self.known:
                stack.pop()
                continue
            formula = self._formula(key)
            if formula is None or self.left < 0:
                self.known[key] = None
                stack.pop()
            elif key in opened:
                self.known[key] = formula.result(_Cells(self, self.sheets[key[0]]))
                stack.pop()
            else:
                opened.add(key)
                stack += [k for k in self._formulas_read(key[0], formula) if k not in self.known and k not in opened]

    def _formulas_read(self, title: str, formula: Formula) -> Iterator[_Key]:
        for area in formula.areas:
            ws = self._sheet(area[0], title)
            if ws is not None:
                for cell in self._cells(ws, area):
                    if cell.data_type == "f":
                        yield ws.title, cell.row, cell.column

    def _sheet(self, name: str | None, own: str) -> Worksheet | None:
        return self.sheets[own] if name is None else self.sheets.get(name) or self.folded.get(name.casefold())

    def _cells(self, ws: Worksheet, area: Area) -> list[Cell]:
        """The area's cells that the sheet holds, row by row (its stored cells when fewer than the area's)."""
        _, r0, c0, r1, c1 = area
        size = (r1 - r0 + 1) * (c1 - c0 + 1)
        stored = ws._cells
        self.left -= min(size, len(stored))
        if self.left < 0:
            return []       # past the bound: every formula still to work out gets no result
        if size <= len(stored):
            return [cell for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (cell := stored.get((r, c)))]
        return sorted((cell for (r, c), cell in stored.items() if r0 <= r <= r1 and c0 <= c <= c1),
                      key=lambda cell: (cell.row, cell.column))


class _Cells:
    """The workbook's values as one formula on ``ws`` reads them (:class:`...engine.constant_formulas.Cells`)."""

    def __init__(self, results: FormulaResults, ws: Worksheet) -> None:
        self.results, self.ws = results, ws

    def value(self, sheet: str | None, row: int, column: int) -> object:
        ws = self._sheet(sheet)
        cell = ws._cells.get((row, column))
        return None if cell is None else self._value(ws, cell)

    def values(self, area: Area) -> Iterable[object]:
        ws = self._sheet(area[0])
        cells = self.results._cells(ws, area)
        if self.results.left < 0:
            raise Unknown   # the bound passed reading them: none of them, not the sum of none
        return [self._value(ws, cell) for cell in cells]

    def _sheet(self, name: str | None) -> Worksheet:
        ws = self.results._sheet(name, self.ws.title)
        if ws is None or self.results.left < 0:
            raise Unknown   # #REF!: no such sheet
        return ws

    def _value(self, ws: Worksheet, cell: Cell) -> object:
        if cell.data_type == "f":
            result = self.results.known.get((ws.title, cell.row, cell.column))
            if result is None:
                raise Unknown   # not computed, or still being worked out (a loop of references)
            return result
        value = cell.value
        if value is None:
            return None
        if cell.data_type == "n" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if cell.data_type in ("s", "b"):
            return value    # text, TRUE/FALSE: left out of a SUM, no result in a sum
        raise Unknown       # a date (its serial number is not worked out here), an error value


def save_with_results(wb: Workbook, path: Path) -> None:
    """``wb.save(path)``, each formula computed here given its result in the saved sheets; WPS's pictures in cells
    the workbook was opened with (``sb_cell_images``, :mod:`.cell_images`) put back."""
    formulas = FormulaResults(wb)
    results: dict[str, dict[str, tuple[str, bool]]] = {}
    for found, text in ((formulas.all(), False), (formulas.texts(), True)):
        for title, cells in found.items():
            results.setdefault(title, {}).update((at, (value, text)) for at, value in cells.items())
    wb.save(path)
    images = getattr(wb, "sb_cell_images", None)
    if not results and images is None:
        return
    parts = {wb[title].path.lstrip("/"): cells for title, cells in results.items()}
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    if images is not None:
        members = images.added_to(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename in parts:
                data = _with_values(data, parts[info.filename])
            z.writestr(info, data)


def _with_values(data: bytes, cells: dict[str, tuple[str, bool]]) -> bytes:
    """The sheet's XML (as openpyxl writes a formula cell: <c r="M4" s="3"><f>…</f><v></v></c>) with each of
    ``cells`` given its value: (its saved text, whether it is text — t="str", as Excel saves a formula's text)."""
    def value(m: re.Match[bytes]) -> bytes:
        found = cells.get(m.group(2).decode())
        if found is None:
            return m.group(0)
        text, is_text = found
        return (m.group(1) + (b' t="str"' if is_text else b"") + m.group(3) + b"<v>" + escaped(text).encode("utf-8")
                + b"</v>")
    return _FORMULA_CELL.sub(value, data)


_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"(?: s="\d+")?)(><f>[^<]*</f>)<v(?:\s*/>|></v>)')
