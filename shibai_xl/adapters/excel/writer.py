"""Apply a :class:`~shibai_xl.adapters.plan.WritePlan` to the open workbook through xlwings.

The plan is the one ``shibai check --write`` applies to the closed file
(:mod:`shibai_xl.adapters.xlsx.result_writer`): the same values go to the same
defined names, the same 校验结果 rows from row 5 (old rows cleared), the same
hyperlinks and the same marks (fill colour + note on each cell with a finding).

All writes come after all reads, and cells are written in as few range writes as
possible (one per run of adjacent cells in a column; one block for the result
rows), because each write is a round trip to Excel.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterable

from ...engine.parse.text import FORMULA_LEAD
from ..plan import COMMENT_AUTHOR, RESULT_FIRST_ROW, Mark, WritePlan
from ..xlsx.reader import col_letters, split_ref
from .book import OpenBook

INPUT_COLOR = "#FFF8DC"                                   # styles.INPUT_FILL: a cell to type in
MARK_COLORS = {"error": "#FFC7CE", "warning": "#FFEB9C"}  # styles.FINDING_FILL / WARNING_FILL
RESULT_COLUMNS = 4                                        # 级别, 代码, 说明, 位置
_OUR_NOTE = re.compile(r"^\[[A-Z][A-Z0-9_]*\] ")          # plan_check writes "[CODE] message"


class Formula(str):
    """A formula to write as a formula (``"=SUM(B3:E3)"``), not as text."""


def excel_value(value: Any) -> Any:
    """A Python value as it must be handed to Excel: text stays text even when it starts like a formula."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        value = value.replace("\x00", "")
        if value.startswith(FORMULA_LEAD):
            return "'" + value       # Excel's quote prefix: stored as text, shown without the quote
    return value


def write_cells(ob: OpenBook, cells: dict[tuple[str, str], Any], by: str = "column") -> int:
    """Write ``{(sheet, "C5"): value}``; adjacent cells of a column (``by="row"``: of a row) go in one
    write. Returns the number of writes."""
    lines: dict[tuple[str, int], dict[int, Any]] = {}
    for (sheet, ref), value in cells.items():
        row, col = split_ref(ref)
        line, pos = (col, row) if by == "column" else (row, col)
        lines.setdefault((sheet, line), {})[pos] = excel_value(value)
    writes = 0
    for (sheet, line), cells_of_line in sorted(lines.items()):
        ws = ob.sheet(sheet)
        for start, run in _runs(cells_of_line):
            end = start + len(run) - 1
            first, last = ((start, line), (end, line)) if by == "column" else ((line, start), (line, end))
            if len(run) == 1:
                ws.range(first).value = run[0]
            elif by == "column":
                ws.range(first, last).options(ndim=2).value = [[v] for v in run]
            else:
                ws.range(first, last).options(ndim=2).value = [run]
            writes += 1
    return writes


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


def plan_cells(ob: OpenBook, plan: WritePlan, keep: Callable[[str], bool] = lambda name: True
               ) -> dict[tuple[str, str], Any]:
    """The plan's values by cell, for the defined names that exist in this workbook."""
    out = {}
    for name, value in plan.values:
        loc = ob.named_cell(name)
        if loc and keep(name):
            out[loc] = value
    return out


def apply_plan(ob: OpenBook, plan: WritePlan, *, values: bool = True, results: bool = True, marks: bool = True,
               keep: Callable[[str], bool] = lambda name: True, mark_sheets: Iterable[str] | None = None) -> None:
    """Write the plan into the open workbook (the parts asked for): everything is read first, then written."""
    cells = plan_cells(ob, plan, keep) if values else {}
    block = result_block(ob, plan) if results else None
    old = old_marks(ob, mark_sheets) if marks else None
    write_cells(ob, cells)
    if block is not None:
        write_results(ob, plan, block)
    if old is not None:
        write_marks(ob, plan.marks, old)


@dataclass
class ResultBlock:
    sheet: str
    last_row: int
    rows: list[list[Any]]


def result_block(ob: OpenBook, plan: WritePlan) -> ResultBlock | None:
    """The 校验结果 rows from row 5, padded with blanks over the previous run's longer list."""
    loc = ob.named_cell("sb_result_status")
    if not loc:
        return None
    grid = ob.grid(loc[0])
    width = max(RESULT_COLUMNS, max((len(r) for r in grid.rows[RESULT_FIRST_ROW - 1:]), default=0))
    last = max(grid.height, RESULT_FIRST_ROW + len(plan.result_rows) - 1)
    if last < RESULT_FIRST_ROW:
        return None
    rows = []
    for i in range(last - RESULT_FIRST_ROW + 1):
        row = list(plan.result_rows[i]) if i < len(plan.result_rows) else []
        rows.append([excel_value(v) for v in row] + [None] * (width - len(row)))
    return ResultBlock(loc[0], last, rows)


def write_results(ob: OpenBook, plan: WritePlan, block: ResultBlock) -> None:
    ws = ob.sheet(block.sheet)
    target = ws.range((RESULT_FIRST_ROW, 1), (block.last_row, len(block.rows[0])))
    _delete_links(target)
    target.options(ndim=2).value = block.rows
    link_col = col_letters(RESULT_COLUMNS)
    for i, (row, link) in enumerate(zip(plan.result_rows, plan.links)):
        if link:
            add_link(ws.range(f"{link_col}{RESULT_FIRST_ROW + i}"), link, excel_value(row[RESULT_COLUMNS - 1]))


def _delete_links(rng: Any) -> None:
    """Old result rows' hyperlinks (Windows Excel); other engines keep them under the blanked text."""
    api = getattr(rng, "api", None)
    try:
        api.Hyperlinks.Delete()
    except Exception:  # not COM (remote engine: api is the value tuple; macOS: appscript)
        pass


def add_link(rng: Any, link: str, text: Any) -> None:
    """An in-workbook hyperlink ("#'申报表'!C5") showing ``text``."""
    if sys.platform.startswith("win"):
        try:
            rng.api.Hyperlinks.Add(Anchor=rng.api, Address="", SubAddress=link.lstrip("#"), TextToDisplay=text)
            return
        except Exception:  # fall back to xlwings' generic call below
            pass
    rng.add_hyperlink(link, text_to_display=text, screen_tip="点击转到该单元格")


# --- marks: fill colour + note on each cell with a finding -----------------------------------------

def input_cells(ob: OpenBook) -> set[tuple[str, str]]:
    """Cells a person types in: every defined single cell and the resident list's body."""
    cells = set()
    for name in ob.pkg.names:
        loc = ob.named_cell(name)
        if loc and not name.startswith(("sb_result_", "sb_score_")):
            cells.add(loc)
    table = ob.pkg.tables.get("sb_residents")
    if table and table.sheet in ob.pkg.sheets:
        first, last = table.ref.split(":")
        r0, c0 = split_ref(first)
        r1, c1 = split_ref(last)
        for r in range(r0 + 1, max(r1, ob.grid(table.sheet).height) + 1):
            for c in range(c0, c1 + 1):
                cells.add((table.sheet, f"{col_letters(c)}{r}"))
    return cells


def _is_ours(note: Any, where: tuple[str, str], inputs: set[tuple[str, str]]) -> bool:
    """A note this tool wrote: authored ``shibai-xl`` (by ``check --write``) or "[CODE] …" (by the ribbon)."""
    try:
        return note.author == COMMENT_AUTHOR or bool(_OUR_NOTE.match(note.text or ""))
    except Exception:   # remote engine: neither author nor text is in the payload (NotImplementedError)
        return where in inputs


@dataclass
class OldMarks:
    ours: dict[tuple[str, str], Any] = field(default_factory=dict)   # cell → its note, to delete
    foreign: set[tuple[str, str]] = field(default_factory=set)       # cells with a person's note


def old_marks(ob: OpenBook, sheets: Iterable[str] | None = None) -> OldMarks:
    """The previous run's marks on ``sheets`` (default: every sheet with input cells)."""
    inputs = input_cells(ob)
    scope = set(sheets) if sheets is not None else {s for s, _ in inputs}
    out = OldMarks()
    for sheet in sorted(scope & set(ob.pkg.sheets)):
        try:
            notes = list(ob.sheet(sheet).notes)
        except NotImplementedError:   # an engine/client without notes
            continue
        for note in notes:
            ref = _note_address(note)
            if ref is None:
                continue
            where = (sheet, ref)
            if _is_ours(note, where, inputs):
                out.ours[where] = note
            else:
                out.foreign.add(where)
    return out


def _note_address(note: Any) -> str | None:
    try:
        return note.location.address.replace("$", "")
    except NotImplementedError:   # remote engine: the note's cell is known to its impl
        return note.impl.range.address.replace("$", "")
    except Exception:  # a note whose cell cannot be told: leave it alone
        return None


def write_marks(ob: OpenBook, marks: list[Mark], old: OldMarks) -> None:
    """Remove the old marks (their cells back to the input colour), then fill and annotate the new ones."""
    new = {(m.sheet, m.cell) for m in marks}
    for (sheet, ref), note in sorted(old.ours.items()):
        note.delete()
        if (sheet, ref) not in new:
            ob.sheet(sheet).range(ref).color = INPUT_COLOR
    for m in marks:
        if m.sheet not in ob.pkg.sheets:
            continue
        rng = ob.sheet(m.sheet).range(m.cell)
        rng.color = MARK_COLORS.get(m.severity, MARK_COLORS["warning"])
        if (m.sheet, m.cell) in old.foreign:
            continue   # a person's own note stays; the colour shows the finding
        try:
            rng.add_note(m.comment)
        except (NotImplementedError, ValueError):  # engine without notes; the 校验结果 row has the text
            pass
