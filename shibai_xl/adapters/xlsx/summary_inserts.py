"""What points at the rows a refresh or merge moves down when it inserts a project above a 合计 or 填报人 row
(:meth:`SummaryBook._shift_down` moves the cells, their styles and their own formulas): moved as Excel's row insert
moves it. Else a clerk's own sheet quoting the total (=项目汇总表!K6), a name for it or a cell above reading it kept
pointing at the row the new project took, and quoted its figures as the city's total; the 合计 row's link and
highlight stayed on the new project's row."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from openpyxl.formatting.formatting import ConditionalFormatting
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.worksheet import Worksheet

from .cells import last_value_row
from .own_sheets import every_chart_reference
from .summary_formulas import inserted_row, on_sheet, with_sheet_references


def inserted_rows(ws: Worksheet) -> list[int]:
    """The rows inserted into ``ws`` (each where it went in, in order), as Excel's ``Rows(n).Insert`` would: the
    open workbook's refresh inserts the same rows there, so that what a person put below (notes, formats, merged
    cells, the 合计 and 填报人 rows) moves with its row rather than being retyped a row lower."""
    return ws.__dict__.setdefault("_shibai_inserted", [])


def shift_down(ws: Worksheet, row: int) -> None:
    """Move everything from ``row`` down one row (values, styles, merged cells) as Excel inserts a row: in the
    moved formulas only references to ``row`` and below move with it (openpyxl's translate would move every
    relative one, so a 合计 =K4+K5+K6 became =K5+K6+K7 and left the first project out). Down to the last row
    holding a value or a merged range, not ``ws.max_row``, and only the cells there: openpyxl's move_range makes a
    cell of every address it moves, and a border painted down to row 200000 made four million of them (a minute,
    GBs); the empty styled rows under the last value stay as they are."""
    inserted_rows(ws).append(row)
    end = max([last_value_row(ws, default=row)] + [m.max_row for m in ws.merged_cells.ranges if m.min_row >= row])
    cells = ws._cells
    for r, c in sorted((key for key in cells if row <= key[0] <= end), reverse=True):
        cell = cells.pop((r, c))   # the cells there, not one made for each address (openpyxl's move_range)
        cells[(r + 1, c)], cell.row = cell, r + 1
        if cell.data_type == "f" and isinstance(cell.value, str):
            cell.value = inserted_row(cell.value, row)
    for merged in list(ws.merged_cells.ranges):
        if merged.min_row >= row:
            merged.shift(0, 1)
    dims = ws.row_dimensions
    for r in range(end + 1, row, -1):
        if r - 1 in dims and dims[r - 1].height:
            dims[r].height = dims[r - 1].height
        if (r - 1 in dims and dims[r - 1].hidden) or (r in dims and dims[r].hidden):
            dims[r].hidden = r - 1 in dims and dims[r - 1].hidden   # a row a person hid moves with its row
    if row in dims and dims[row].hidden:
        dims[row].hidden = False    # the new project's row is shown, as Excel's inserted row is


def _moved(address: str, rows: Sequence[int]) -> str:
    """A reference without its sheet (K6, $K$4:$K$9) after rows were inserted at ``rows`` in turn."""
    for row in rows:
        address = inserted_row("=" + address, row)[1:]
    return address


def _pointing(title: str, rows: Sequence[int], own: bool) -> Callable[[str], str]:
    """The change of one reference: those to sheet ``title`` move (``own``: a formula on that sheet, whose references
    without a sheet are its own too); another sheet's or workbook's stay."""
    def change(ref: str) -> str:
        sheet, bang, address = ref.rpartition("!")
        if not bang:
            return _moved(ref, rows) if own else ref
        return f"{sheet}!{_moved(address, rows)}" if on_sheet(ref, title) else ref
    return change


def _ranges(ranges: MultiCellRange, rows: Sequence[int]) -> MultiCellRange:
    """A rule's cells after rows were inserted at ``rows`` in turn: below, moved; across, grown (as Excel)."""
    out = MultiCellRange(str(ranges))
    for row in rows:
        for cr in out.ranges:
            if cr.min_row >= row:
                cr.shift(row_shift=1)
            elif cr.max_row >= row:
                cr.expand(down=1)
    return out


def follow_inserted(wb: Workbook, ws: Worksheet, rows: Sequence[int]) -> None:
    """After rows were inserted into ``ws`` at ``rows`` (in turn): the formulas of its cells above the first (those
    below moved with their rows), of every other sheet and of the workbook's names, the charts' series, its
    validations, conditional formats and links point where the cells they pointed at went."""
    if not rows:
        return
    first, title = rows[0], ws.title
    for sheet in wb.worksheets:
        change = _pointing(title, rows, own=sheet is ws)
        for (r, _c), cell in sheet._cells.items():
            if cell.data_type == "f" and isinstance(cell.value, str) and (sheet is not ws or r < first):
                cell.value = with_sheet_references(cell.value, change)
    outside = _pointing(title, rows, own=False)
    for names in (wb.defined_names, *(s.defined_names for s in wb.worksheets)):
        for name in names.values():
            if name.attr_text and "!" in name.attr_text:
                name.attr_text = with_sheet_references("=" + name.attr_text, outside)[1:]
    every_chart_reference(wb, lambda f: with_sheet_references("=" + f, outside)[1:])   # a chart of its rows
    for dv in ws.data_validations.dataValidation:
        dv.sqref = _ranges(dv.sqref, rows)
    rules = ws.conditional_formatting
    again: dict[ConditionalFormatting, list] = {}
    for cf in rules:
        for rule in cf.rules:
            rule.formula = [_moved(f, rows) for f in rule.formula or ()]
        again.setdefault(ConditionalFormatting(sqref=_ranges(cf.sqref, rows), pivot=cf.pivot), []).extend(cf.rules)
    rules._cf_rules = again
    for cell in ws._cells.values():
        if cell.hyperlink is not None:
            cell.hyperlink.ref = cell.coordinate
    for brk in ws.row_breaks.brk:
        if brk.id:
            brk.id = _break_after(brk.id, rows)


def _break_after(last: int, rows: Sequence[int]) -> int:
    """A page break a person put in (页面布局 → 分隔符), stored as the last row of the page above it, after rows were
    inserted at ``rows`` in turn: it stays on top of the row under it, as Excel's does — a break put over the 填报人
    and 盖章 lines to keep them on one page went on breaking where the new projects now stand.

    >>> _break_after(34, [35, 36]), _break_after(20, [35, 36]), _break_after(34, [34])
    (36, 20, 35)
    """
    for row in rows:
        if last + 1 >= row:
            last += 1
    return last
