"""Resolve what an action changes against one open workbook into :class:`~shibai_xl.engine.plan.Edits`.

One resolution for every face: the Excel ribbon applies the edits through xlwings
(:mod:`.excel.writer`), the WPS add-in applies their JSON (:func:`edits_json`).

* :func:`plan_edits` — a :class:`WritePlan` (``check --write``'s plan, by defined
  name) as cells: the values, the 校验结果 rows under their header (a person's own
  cells beside and under them kept, :mod:`~shibai_xl.engine.result_rows`) padded with
  blanks over the previous run's longer list, their hyperlinks, the previous marks removed
  (their cells back to the input colour) and the new ones added; a person's own
  note is never removed or covered, the colour alone shows the finding there.
* :func:`mirror` / :func:`summary_edits` — the summary jobs update an openpyxl
  workbook; the open summary's sheets are copied into one, the job runs on it,
  and every cell that differs afterwards becomes an edit (a run of changed cells in
  a row is one block; the rows the job inserted are inserted first, as whole rows,
  so that what is below moves with its row; then the table is resized when it grew).

Cells are grouped so that a run of adjacent cells is one write (one round trip).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.cell import (
    absolute_coordinate,
    coordinate_to_tuple,
    get_column_letter,
    quote_sheetname,
    range_boundaries,
)
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table as XlTable

from ..engine.parse.text import said_safe
from ..engine.plan import (
    ANSWERED,
    INPUT_COLOR,
    MARK_COLORS,
    RESULT_COLUMNS,
    Block,
    Edits,
    Formula,
    Link,
    Mark,
    WritePlan,
    excel_value,
)
from ..rules import Severity
from .view import BookView, cell_value, strip_dollars
from .xlsx.cells import set_cell
from .xlsx.own_sheets import copy_marks
from .xlsx.package import UnreadableFile
from .xlsx.refs import corners, split_ref
from .xlsx.result_place import ADDED_COLUMNS, Placement, place
from .xlsx.shown_columns import shown_header
from .xlsx.source import Grid, named_cell
from .xlsx.summary_book import PROBLEM_SHEET, STATS_SHEET, TITLE_NAME, find_table, inserted_rows
from .xlsx.summary_bounds import AT_LEAST, total_amount_cells
from .xlsx.summary_formats import painted_copied, typed_amounts
from .xlsx.summary_formulas import reaches_outside
from .xlsx.summary_state import SENT_SHEET, STATE_SHEET
from .xlsx.summary_stats import chart_left_behind
from .xlsx.whole_ranges import bounded

SUMMARY_TABLE = "sb_summary"
COPIED_SHEETS = (STATE_SHEET, SENT_SHEET, PROBLEM_SHEET, STATS_SHEET)
HIDDEN_SHEETS = (STATE_SHEET, SENT_SHEET)
DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
_EPOCH = datetime(1899, 12, 30)


# --- cells → blocks ---------------------------------------------------------------------------------

def blocks(cells: dict[tuple[str, str], Any], by: str = "column") -> list[Block]:
    """``{(sheet, "C5"): value}`` as blocks: adjacent cells of a column (``by="row"``: of a row) together."""
    lines: dict[tuple[str, int], dict[int, Any]] = {}
    for (sheet, ref), value in cells.items():
        row, col = coordinate_to_tuple(ref)
        line, pos = (col, row) if by == "column" else (row, col)
        lines.setdefault((sheet, line), {})[pos] = excel_value(value)
    out = []
    for (sheet, line), cells_of_line in sorted(lines.items()):
        for start, run in _runs(cells_of_line):
            if by == "column":
                out.append(Block(sheet, start, line, [[v] for v in run]))
            else:
                out.append(Block(sheet, line, start, [run]))
    return out


def _runs(cells: dict[int, Any]) -> Iterable[tuple[int, list[Any]]]:
    start, run, last = 0, [], None
    for i in sorted(cells):
        if last is not None and i == last + 1:
            run.append(cells[i])
        else:
            if run:
                yield start, run
            start, run = i, [cells[i]]
        last = i
    if run:
        yield start, run


# --- a WritePlan on an application workbook -----------------------------------------------------------

def plan_cells(view: BookView, plan: WritePlan, keep: Callable[[str], bool] = lambda name: True,
               where: Placement | None = None) -> dict[tuple[str, str], Any]:
    """The plan's values by cell, where :func:`place` finds their cells in this workbook."""
    where = where or place(view, plan)
    out = {}
    for name, value in plan.values:
        loc = where.cells.get(name)
        if loc and keep(name):
            out[loc] = value
    return out


def result_block(view: BookView, plan: WritePlan, where: Placement | None = None) -> Block | None:
    """The 校验结果 rows under their header (:attr:`Placement.result_rows`: a person's own cells kept), padded with
    blanks over the previous run's longer list."""
    where = where or place(view, plan)
    sheet = where.result_sheet
    if not sheet:
        return None
    grid = view.grid(sheet) if sheet not in where.new_sheets else Grid([])
    first = where.first_row
    merged = where.result_rows       # the findings, with what a person typed beside and under the last ones
    width = max([RESULT_COLUMNS, *(len(r) for r in grid.rows[first - 1:]), *(len(r) for r in merged)])
    last = max(grid.height, first + len(merged) - 1)
    if last < first:
        return None
    rows = []
    for i in range(last - first + 1):
        row = list(merged[i]) if i < len(merged) else []
        rows.append([excel_value(v) for v in row] + [None] * (width - len(row)))
    return Block(sheet, first, 1, rows)


def moves(sheet: str, where: Placement) -> list[tuple[str, str, str | None]]:
    """The cells a person typed that the results moved (:meth:`Placement.persons`), as the file writer moves them:
    each copied whole to where its value goes (a cell copied only once the one it goes over is copied on), then the
    cells they left, their formats cleared where no result is written. A ring of cells taking each other's places
    (two findings swapped) cannot be copied so: those move as values only, and that is said (``where.moved``)."""
    ours = {where.first_row + i for i in where.result_at}
    pending = {(r, c): (where.first_row + i, c) for (r, c), i in where.persons().items() if where.first_row + i != r}
    out: list[tuple[str, str, str | None]] = []
    while pending:
        free = [k for k, to in pending.items() if to not in pending]
        if not free:
            where.moved.append(f"“{sheet}”表中你填写的{'、'.join(_a1(k) for k in sorted(pending))}随检查结果互换了位置，"
                               "只搬动了内容，字体、底色、数字格式和链接留在原来的单元格，请核对")
            break
        for k in sorted(free):
            out.append((sheet, _a1(k), _a1(pending.pop(k))))
    landed = {to for _, _, to in out}
    out += [(sheet, f, None) for _, f, _ in list(out) if f not in landed
            and not (split_ref(f)[0] in ours and split_ref(f)[1] <= RESULT_COLUMNS)]
    return out


def _around(kept: set[tuple[int, int]], first: int, last: int, width: int) -> list[str]:
    """The ranges of rows first…last, columns 1…width, without the ``kept`` cells: rows alike in one rectangle."""
    out: list[list] = []      # [first row, last row, columns]
    for r in range(first, last + 1):
        runs = tuple((start, len(run)) for start, run in _runs({c: None for c in range(1, width + 1)
                                                               if (r, c) not in kept}))
        if out and out[-1][2] == runs and out[-1][1] == r - 1:
            out[-1][1] = r
        else:
            out.append([r, r, runs])
    return [f"{_a1((a, c))}:{_a1((b, c + n - 1))}" for a, b, runs in out for c, n in runs]


def _a1(cell: tuple[int, int]) -> str:
    return f"{get_column_letter(cell[1])}{cell[0]}"


@dataclass
class InputCells:
    """Cells a person types in: the defined single cells, and the resident list's body as a rectangle
    (rows ``first_row``…``last_row``, columns ``first_col``…``last_col`` of ``sheet``) — never enumerated:
    a table formatted over whole columns (``B5:K1048576``) is millions of cells."""
    named: set[tuple[str, str]] = field(default_factory=set)
    body: tuple[str, int, int, int, int] | None = None     # (sheet, first_row, last_row, first_col, last_col)

    @property
    def sheets(self) -> set[str]:
        return {s for s, _ in self.named} | ({self.body[0]} if self.body else set())

    def __contains__(self, where: tuple[str, str]) -> bool:
        if where in self.named:
            return True
        if self.body is None or where[0] != self.body[0]:
            return False
        try:
            r, c = coordinate_to_tuple(where[1])
        except (ValueError, TypeError, AttributeError):
            return False
        sheet, r0, r1, c0, c1 = self.body
        return r0 <= r <= r1 and c0 <= c <= c1


def input_cells(view: BookView) -> InputCells:
    """Cells a person types in: every defined single cell and the resident list's body."""
    cells = InputCells()
    for name in view.pkg.names:
        loc = view.named_cell(name)
        if loc and not name.startswith(("sb_result_", "sb_score_")):
            cells.named.add(loc)
    table = view.pkg.tables.get("sb_residents")
    if table and table.sheet in view.pkg.sheets:
        try:
            (r0, c0), (r1, c1) = corners(table.ref)
        except ValueError:   # a range the reader could not read either: reported there (XC_RESIDENT_ROW)
            return cells
        cells.body = (table.sheet, r0 + 1, max(r1, view.grid(table.sheet).height), c0, c1)
    return cells


@dataclass
class OldMarks:
    ours: list[tuple[str, str]] = field(default_factory=list)      # cells whose note this tool wrote
    foreign: set[tuple[str, str]] = field(default_factory=set)     # cells with a person's note
    answered: list[tuple[str, str]] = field(default_factory=list)  # of those, our notes a person wrote in: marks


def old_marks(view: BookView, sheets: Iterable[str] | None = None) -> OldMarks:
    """The previous run's marks on ``sheets`` (default: every sheet with input cells). Where a source
    cannot tell who wrote a note, a note on an input cell is taken to be ours."""
    inputs = input_cells(view)
    scope = set(sheets) if sheets is not None else inputs.sheets
    out = OldMarks()
    for sheet in sorted(scope & set(view.pkg.sheets)):
        for ref, ours in view.notes(sheet):
            where = (sheet, ref)
            if ours is None:
                ours = where in inputs
            if ours is True:
                out.ours.append(where)
            else:
                out.foreign.add(where)
                if ours == ANSWERED:
                    out.answered.append(where)
    out.ours.sort()
    out.answered.sort()
    return out


def mark_edits(edits: Edits, marks: list[Mark], old: OldMarks, sheets: Iterable[str]) -> None:
    """Remove the old marks (their cells back to the input colour), then fill and annotate the new ones."""
    new = {(m.sheet, m.cell) for m in marks}
    for where in old.ours:
        edits.clear_notes.append(where)
        if where not in new:
            edits.colors.append((*where, INPUT_COLOR))
    for where in old.answered:      # the person's reply stays; the mark's colour goes with the problem
        if where not in new:
            edits.colors.append((*where, INPUT_COLOR))
    present = set(sheets)
    for m in marks:
        if m.sheet not in present:
            continue
        edits.colors.append((m.sheet, m.cell, MARK_COLORS.get(m.severity, MARK_COLORS[Severity.WARNING])))
        if (m.sheet, m.cell) not in old.foreign:   # a person's own note stays; the colour shows the finding
            edits.notes.append((m.sheet, m.cell, m.comment))


def plan_edits(view: BookView, plan: WritePlan, *, values: bool = True, results: bool = True, marks: bool = True,
               keep: Callable[[str], bool] = lambda name: True, mark_sheets: Iterable[str] | None = None,
               where: Placement | None = None) -> Edits:
    """The parts of the plan asked for, as edits of this workbook (everything is read here, nothing written);
    ``where``: the plan's :func:`place` in it, when the caller has it already."""
    edits = Edits()
    where = where or place(view, plan)
    used = {where.cells[n][0] for n, _ in plan.values if values and n in where.cells and keep(n)}
    used |= {where.result_sheet} if results else set()
    for sheet, rows in where.new_sheets.items():    # the tool's 校验结果/评分 sheets this workbook lacks
        if sheet in used:
            edits.new_sheets.append((sheet, False))
            edits.columns += [(sheet, get_column_letter(i), width, wraps)
                              for i, (width, wraps) in enumerate(ADDED_COLUMNS.get(sheet, ()), 1)]
            edits.blocks += blocks({(sheet, f"{get_column_letter(c)}{r}"): v for r, row in enumerate(rows, 1)
                                    for c, v in enumerate(row, 1) if v is not None}, by="row")
    if values:
        edits.blocks += blocks(plan_cells(view, plan, keep, where))
    block = result_block(view, plan, where) if results else None
    if block is not None:
        edits.moves = moves(block.sheet, where)
        kept = {(where.first_row + i, c) for (_, c), i in where.persons().items()}   # a person's link stays
        edits.unlink += [(block.sheet, r) for r in _around(kept, block.row, block.row + len(block.values) - 1,
                                                            len(block.values[0]))]
        edits.blocks.append(block)
        link_col = get_column_letter(RESULT_COLUMNS)
        for i, row, link in zip(where.result_at, plan.result_rows, plan.links):
            if link:
                edits.links.append(Link(block.sheet, f"{link_col}{block.row + i}", link,
                                        excel_value(row[RESULT_COLUMNS - 1])))
    if marks:
        mark_edits(edits, plan.marks, old_marks(view, mark_sheets), view.pkg.sheets)
    return edits


# --- a summary: the jobs' openpyxl workbook and what changed -------------------------------------------

def summary_table(view: BookView):
    table = view.pkg.tables.get(SUMMARY_TABLE)
    if table is None:
        raise UnreadableFile("当前工作簿中没有名为 sb_summary 的汇总表表格，不是本工具的项目汇总表。")
    return table


def mirror(view: BookView) -> Workbook:
    """An in-memory copy of what a refresh reads and writes, at the same sheets and cells."""
    table = summary_table(view)
    wb = Workbook()
    ws = wb.active
    ws.title = table.sheet
    _copy(view, table.sheet, ws)
    _own_print_area(view, table.sheet, wb)
    for c in view.hidden_columns(table.sheet):   # of two columns titled alike, the job reads the shown one
        ws.column_dimensions[get_column_letter(c)].hidden = True
    _strike_names(view, table, ws)
    shown = []   # a 合计's amounts as they are shown: the job puts "≥" before that format, or takes it off
    for cell in total_amount_cells(ws, table.ref):
        code = view.number_format(table.sheet, cell.coordinate)
        if code:
            cell.number_format = code
        shown.append((cell, code))
    # the amounts whose format shows another unit (3.5 painted 0.00"亿元"): read as shown, as a file refresh does
    if view.reads_formats():
        shown += painted_copied(view, ws, table.ref, {cell.coordinate for cell, _code in shown})
    else:
        wb.sb_unread = typed_amounts(ws, table.ref, {cell.row for cell, _code in shown})
    wb.sb_shown = (table.sheet, shown)
    # Excel's 汇总行 stays the totals row: the job adds projects above it, as a file refresh does
    ws.add_table(XlTable(displayName=SUMMARY_TABLE, ref=table.ref, totalsRowCount=1 if table.totals_row else None))
    for name in COPIED_SHEETS:
        if name in view.pkg.sheets:
            _copy(view, name, wb.create_sheet(name))
    copy_marks(view.names, view.sheet_names, wb)   # a person's own 统计 is kept as in a file refresh
    title = named_cell(view, TITLE_NAME)   # the 市（州） the title names: applications of another one are said
    if title and title[0] in wb.sheetnames:
        wb.defined_names[TITLE_NAME] = DefinedName(TITLE_NAME, attr_text=f"{quote_sheetname(title[0])}!{title[1]}")
    for sheet in wb.worksheets:   # cells a person merged: the job meets them as a file refresh does (refused)
        for ref in view.merged(sheet.title):
            sheet.merge_cells(ref)
    return wb


def formats_unread(wb: Workbook) -> str:
    """What to say where the open workbook told no number format (:func:`mirror`) and projects typed by hand hold
    amounts: read as typed, in 万元, which a format showing another unit (0.00"亿元") would have made another number."""
    names = getattr(wb, "sb_unread", [])
    if not names:
        return ""
    few = "、".join(said_safe(n) for n in names[:3]) + (f"等{len(names)}个项目" if len(names) > 3 else "")
    return (f"这样打开的工作簿读不到单元格的数字格式：手工填写的{few}的金额已按单元格里的数字（万元）计入。"
            "如果其中有单元格的数字格式显示“亿元”“元”等别的单位（如 3.5 显示为 3.50亿元），请按万元改填数字并把格式改为"
            "“常规”，或在桌面版 Excel、WPS 中点“刷新汇总表”（按表上显示的单位读取）")


def _strike_names(view: BookView, table: Any, ws: Any) -> None:
    """The 企业名称 cells a clerk struck through (a project crossed out): the job reads them as withdrawn, as a file
    refresh and merge read them — a copy of the values alone had the row back as 有效 and counted."""
    c0, r0, c1, _r1 = range_boundaries(strip_dollars(table.ref))
    name = shown_header(ws, r0, c0, c1)[0].get("企业名称")   # the column summary_book reads the names from
    for r in view.struck_rows(table.sheet, name) if name else ():
        ws.cell(r, name).font = Font(strike=True)


def _copy(view: BookView, sheet: str, ws: Any) -> None:
    """The sheet's values, and its formulas as formulas: a 合计 row's =SUM(K4:K9) is re-pointed as a file refresh
    re-points it, never taken for a typed number and written over with one."""
    for r, row in enumerate(view.grid(sheet).rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None and value != "":
                set_cell(ws.cell(r, c), cell_value(value))
    for (r, c), formula in view.formulas(sheet).items():
        ws.cell(r, c).value = formula     # the workbook's own formula, as openpyxl loads it from the file


class OutsideFormula(str):
    """A formula of the workbook that reads another file, a program or the network (:func:`reaches_outside`), sent
    back as its text: typed into the open book it would be entered anew (a DDE starting a program, a link the book's
    own list of files no longer resolves), from a sheet that may come from anyone (a city's summary)."""


def _cell(cell: Any) -> Any:
    if cell.data_type == "f" and isinstance(cell.value, str):
        return OutsideFormula(cell.value) if reaches_outside(cell.value) else Formula(cell.value)
    return cell_value(cell.value)


def _outside_said(changes: dict[str, dict[tuple[str, str], Any]]) -> str:
    """The message's words for the formulas :class:`OutsideFormula` writes as text (none: "")."""
    cells = [f"{quote_sheetname(sheet)}!{ref}" for cells in changes.values() for (sheet, ref), v in cells.items()
             if isinstance(v, OutsideFormula)]
    if not cells:
        return ""
    return (f"{len(cells)} 个引用其他文件、程序或网络的公式（{'、'.join(cells[:3])}{'等' if len(cells) > 3 else ''}）"
            "已以文本写入，未在当前工作簿中重新生效（为安全起见，本工具不替工作簿输入这类公式）；"
            "如确需要，请核实其来源后自行改回公式")


def _equal(a: Any, b: Any) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, Formula) or isinstance(b, Formula):
        return False   # a formula always goes back as a formula
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        return float(a) == float(b)
    return cell_value(a) == cell_value(b)


def changed_cells(view: BookView, wb: Workbook) -> dict[str, dict[tuple[str, str], Any]]:
    """Per sheet of ``wb``: the cells whose value differs from the open book (cleared cells included), once the
    rows the job inserted (:func:`inserted_rows`) are inserted there too."""
    out: dict[str, dict[tuple[str, str], Any]] = {}
    for ws in wb.worksheets:
        before = view.grid(ws.title).rows if ws.title in view.pkg.sheets else []
        # its own formulas that reach outside, where the inserted rows take them: left alone, never typed in again
        kept = {k: f for k, f in view.formulas(ws.title).items() if reaches_outside(f)} if before else {}
        if inserted_rows(ws):
            before = list(before)
            for row in inserted_rows(ws):
                if row <= len(before):
                    before.insert(row - 1, [])
                kept = {(r + (r >= row), c): f for (r, c), f in kept.items()}
        height = max(ws.max_row, len(before))
        width = max(ws.max_column, max((len(r) for r in before), default=0))
        cells = {}
        for r in range(1, height + 1):
            old_row = before[r - 1] if r <= len(before) else []
            for c in range(1, width + 1):
                new = _cell(ws.cell(r, c)) if r <= ws.max_row and c <= ws.max_column else None
                if isinstance(new, OutsideFormula) and kept.get((r, c)) == new:
                    continue
                old = old_row[c - 1] if c <= len(old_row) else None
                if not _equal(new, old):
                    cells[(ws.title, f"{get_column_letter(c)}{r}")] = new
        if cells:
            out[ws.title] = cells
    return out


def _own_print_area(view: BookView, sheet: str, wb: Workbook) -> None:
    """The open summary's print area on the copy, as a file refresh finds it: one ending at the table's last row
    is extended to the rows the refresh adds (:func:`summary_edits` gives it back). Unknown (an engine that cannot
    tell) or unusable: the copy has none, and the open book's is left as it is."""
    ws = wb[sheet]
    area = view.print_area(sheet)
    try:
        ws.print_area = [bounded(ref) for ref in area] if area else None
    except (TypeError, ValueError):
        area = None
    wb.sb_print = (sheet, ws.print_area if area else None)


def _print_area_edit(wb: Workbook) -> tuple[str, str] | None:
    """The print area the job left on the copy, where it differs from the open summary's: (sheet, "$A$1:$P$45")."""
    sheet, before = getattr(wb, "sb_print", (None, None))
    if before is None or sheet not in wb.sheetnames or wb[sheet].print_area == before:
        return None
    area = wb[sheet]._print_area
    return (sheet, ",".join(absolute_coordinate(r.coord) for r in area.ranges)) if area is not None else None


def summary_edits(view: BookView, wb: Workbook) -> Edits:
    """What the jobs changed in ``wb`` (made by :func:`mirror`), as edits of the open summary. The tool's own sheet
    a job removed (问题文件 once every file is read) is emptied in the open book, as the add-ins delete no sheet: its
    old list of unread files left standing would keep the summary said incomplete to the clerk, merge and review."""
    for name in COPIED_SHEETS:
        if name in view.pkg.sheets and name not in wb.sheetnames:
            wb.create_sheet(name)
    table = summary_table(view)
    _, new_table = find_table(wb)
    changes = changed_cells(view, wb)
    before = view.grid(STATS_SHEET).rows if STATS_SHEET in view.pkg.sheets else []
    edits = Edits(said="\n".join(x for x in (_outside_said(changes), chart_left_behind(before, wb)) if x))
    edits.insert_rows = [(ws.title, row) for ws in wb.worksheets if ws.title in view.pkg.sheets
                         for row in inserted_rows(ws)]
    # rows inserted inside the table grow it in Excel: the same text (a range cut back to its 合计, then a row
    # inserted above it) is then another range
    if strip_dollars(new_table.ref) != table.ref or edits.insert_rows:
        edits.table = (table.sheet, table.name, strip_dollars(new_table.ref))
    for name in (ws.title for ws in wb.worksheets):
        cells = changes.get(name)
        if not cells:
            continue
        if name not in view.pkg.sheets:
            edits.new_sheets.append((name, name in HIDDEN_SHEETS))
        edits.blocks += blocks(cells, by="row")
    edits.print_area = _print_area_edit(wb)
    sheet, shown = getattr(wb, "sb_shown", (None, []))
    # each cell where the job left it (rows inserted above move it down); a format the view could not tell is
    # changed only where "≥" goes on (a plain one would wipe the person's own format)
    edits.formats = [(sheet, cell.coordinate, cell.number_format) for cell, code in shown
                     if cell.number_format != (code or "General") and (code or cell.number_format.startswith(AT_LEAST))]
    return edits


# --- JSON for the WPS add-in ---------------------------------------------------------------------------

def serial(value: date) -> float:
    """A date as the 1900-system serial number ``Range.Value2`` holds."""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    delta = moment.replace(tzinfo=None) - _EPOCH
    return round(delta.days + delta.seconds / 86400, 8)


def _scalar(v: Any) -> Any:
    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    return str(v)


def edits_json(edits: Edits) -> dict:
    """The edits as the WPS add-in applies them: A1 ranges, values ready for ``Range.Value2`` (dates as
    serial numbers, with the number format those cells get in ``formats``)."""
    out_blocks = []
    formats = [{"sheet": s, "cell": c, "format": f} for s, c, f in edits.formats]   # after the blocks, as Excel
    for b in edits.blocks:
        rows = []
        for i, row in enumerate(b.values):
            line = []
            for j, v in enumerate(row):
                if isinstance(v, (date, datetime)):
                    timed = isinstance(v, datetime) and (v.hour, v.minute, v.second) != (0, 0, 0)
                    formats.append({"sheet": b.sheet, "cell": f"{get_column_letter(b.col + j)}{b.row + i}",
                                    "format": DATETIME_FORMAT if timed else DATE_FORMAT})
                    v = serial(v)
                line.append(_scalar(v))
            rows.append(line)
        width = max((len(r) for r in rows), default=1)
        rows = [r + [None] * (width - len(r)) for r in rows]
        first = f"{get_column_letter(b.col)}{b.row}"
        last = f"{get_column_letter(b.col + width - 1)}{b.row + len(rows) - 1}"
        out_blocks.append({"sheet": b.sheet, "range": first if first == last else f"{first}:{last}", "values": rows})
    return {
        "new_sheets": [{"name": n, "hidden": h} for n, h in edits.new_sheets],
        "columns": [{"sheet": s, "column": c, "width": w, "wrap": wraps} for s, c, w, wraps in edits.columns],
        "insert_rows": [{"sheet": s, "row": r} for s, r in edits.insert_rows],
        "table": dict(zip(("sheet", "name", "ref"), edits.table)) if edits.table else None,
        "moves": [{"sheet": s, "from": f, "to": t} for s, f, t in edits.moves],
        "unlink": [{"sheet": s, "range": r} for s, r in edits.unlink],
        "blocks": out_blocks,
        "formats": formats,
        "links": [{"sheet": k.sheet, "cell": k.cell, "target": k.target.lstrip("#"), "text": _scalar(k.text)}
                  for k in edits.links],
        "clear_notes": [{"sheet": s, "cell": c} for s, c in edits.clear_notes],
        "colors": [{"sheet": s, "cell": c, "color": col} for s, c, col in edits.colors],
        "notes": [{"sheet": s, "cell": c, "text": t} for s, c, t in edits.notes],
        "print_area": dict(zip(("sheet", "ref"), edits.print_area)) if edits.print_area else None,
    }
