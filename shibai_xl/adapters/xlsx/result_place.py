"""Where ``check --write`` puts its result in one workbook: the cells of a :class:`WritePlan`'s names.

A name the workbook defines decides. A workbook that lost its names (a form pasted or retyped, read by
its printed labels) still has the tool's 校验结果 and 评分 sheets: they are found by their sheet names and
printed labels (the verdict right of “前置条件”, the suggestions in the 建议分/建议理由 columns on the row of
each item's 编号). A workbook without them (another program's layout) gets them added. What can be
found neither way is said, never claimed written (:attr:`Placement.unwritten`).

One placement for every writer: the closed file (:mod:`.result_writer`) and the open workbook
(:func:`shibai_xl.adapters.edits.plan_edits`, Excel and the WPS add-in).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...engine.parse.text import normalize
from ...engine.plan import RESULT_COLUMNS, RESULT_FIRST_ROW, WritePlan
from ...engine.result_rows import merge_rows
from .refs import col_letters, containing
from .result_formulas import repoint, with_formulas
from .source import WorkbookSource, named_cell

RESULT_SHEET, SCORE_SHEET = "校验结果", "评分"
STATUS_LABEL, SCORE_LABEL = "前置条件：", "建议得分（仅供评审参考）："
RESULT_HEADER = ("级别", "代码", "说明", "位置")
SCORE_COLUMNS = ("一级指标", "二级指标", "编号", "三级指标", "分值", "建议分", "建议理由", "评审得分", "备注")
ADDED_SCORE_COLUMNS = ("编号", "三级指标", "分值", "建议分", "建议理由")
SCAN_ROWS = 10          # the labels and the header row stand near the top of the sheet
# the sheets a check adds to a workbook without them: (width in characters, wraps its text) of each column, as the
# template's 校验结果 and 评分 sheets have them (a 说明 or 建议理由 cut off at Excel's default width helps nobody)
ADDED_COLUMNS = {RESULT_SHEET: ((8, False), (20, False), (70, True), (22, False)),
                 SCORE_SHEET: ((8, False), (50, True), (6, False), (7, False), (36, True))}

RESULT_NAMES = ("sb_result_status", "sb_result_score", "sb_result_note")


@dataclass
class Placement:
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)   # plan name → (sheet, cell)
    result_sheet: str | None = None            # the sheet of the finding rows (from first_row)
    first_row: int = RESULT_FIRST_ROW          # under its 级别/代码/说明/位置 header, where a person's rows moved it
    new_sheets: dict[str, list[list[Any]]] = field(default_factory=dict)   # sheet to add → its printed rows
    unwritten: list[str] = field(default_factory=list)                     # Chinese: what could not be written
    # from first_row down: the plan's rows with what a person typed beside and under the last check's kept
    # (:func:`~shibai_xl.engine.result_rows.merge_rows`), and what was moved where (Chinese, said to the user)
    result_rows: list[list[Any]] = field(default_factory=list)
    result_sources: list[int | None] = field(default_factory=list)   # the row (from first_row) each one came from
    moved: list[str] = field(default_factory=list)
    result_at: list[int] = field(default_factory=list)   # per plan row: its index in result_rows (a person's line
                                                         # typed between two results moved the ones below it)

    def persons(self) -> dict[tuple[int, int], int]:
        """(row in the sheet, column) of each cell a person typed in the result rows (beside a finding, or on a line
        of his own) → the index in :attr:`result_rows` it goes to: its formats and link go with it."""
        ours = set(self.result_at)
        return {(self.first_row + j, c): i for i, (row, j) in enumerate(zip(self.result_rows, self.result_sources))
                if j is not None for c, v in enumerate(row, 1)
                if v not in (None, "") and (i not in ours or c > RESULT_COLUMNS)}

    def written(self) -> list[str]:
        """The result sheets this placement writes (Chinese), for the user's message."""
        sheets = {s for s, _ in self.cells.values()}
        out = []
        if self.result_sheet:
            out.append(f"“{self.result_sheet}”表" + ("（新增）" if self.result_sheet in self.new_sheets else ""))
        for s in sorted(sheets - {self.result_sheet}):
            out.append(f"“{s}”表" + ("（新增）" if s in self.new_sheets else ""))
        return out


def place(src: WorkbookSource, plan: WritePlan,
          formulas: Callable[[str], dict[tuple[int, int], str]] | None = None) -> Placement:
    """``formulas``: a sheet's formulas by (row, column); default the source's own (a :class:`BookView`'s)."""
    out = Placement()
    formulas = formulas or getattr(src, "formulas", None)
    names = [n for n, _ in plan.values]
    for n in names:
        loc = named_cell(src, n)
        if loc:
            out.cells[n] = loc
    _place_result(src, out)
    if out.result_sheet:
        old = src.grid(out.result_sheet).rows[out.first_row - 1:] if out.result_sheet not in out.new_sheets else []
        if old and formulas:      # a clerk's formulas stay formulas, not the values they showed
            old = with_formulas(old, formulas(out.result_sheet), out.first_row)
        merged = merge_rows([list(r) for r in old], plan.result_rows)
        out.result_rows, out.result_sources, out.moved = merged.rows, merged.sources, merged.said
        out.moved += repoint(merged, len(old), out.first_row, out.result_sheet)
        out.result_at = merged.at
    _place_scores(src, plan, [n for n in names if n not in out.cells and n not in RESULT_NAMES], out)
    _hidden_by_merges(src, out)
    return out


def _hidden_by_merges(src: WorkbookSource, out: Placement) -> None:
    """A cell a person merged into the one above or beside it (two 建议理由 cells merged into one) shows nothing
    written into it: not written, and said, rather than a reason that silently never shows."""
    merges: dict[str, list[str]] = {}
    hidden: dict[str, list[str]] = {}
    for name, (sheet, ref) in list(out.cells.items()):
        if sheet in out.new_sheets:
            continue
        if sheet not in merges:
            merges[sheet] = src.merged(sheet)
        anchor = (containing(ref, merges[sheet]) or ref).split(":")[0]
        if anchor != ref:
            del out.cells[name]
            hidden.setdefault(f"“{sheet}”表{ref}（已与{anchor}合并）", []).append(_what(name))
    for where, what in hidden.items():
        out.unwritten.append(f"{where}的{'、'.join(what)}（合并单元格只显示左上角一格，请取消合并）")


def _what(name: str) -> str:
    """What a plan's name holds, for a person: "指标2.1.2的建议理由"."""
    for prefix, said in (("sb_score_reason_", "建议理由"), ("sb_score_auto_", "建议分")):
        if name.startswith(prefix):
            return f"指标{name.removeprefix(prefix).replace('_', '.')}的{said}"
    return {"sb_result_status": "前置条件结论", "sb_result_score": "建议得分", "sb_result_note": "检查说明"}.get(name, name)


def _key(value: Any) -> str:
    return normalize(str(value)).replace(" ", "").rstrip(":：") if value is not None else ""


def _place_result(src: WorkbookSource, out: Placement) -> None:
    status = out.cells.get("sb_result_status")
    if status:
        out.result_sheet = status[0]
        out.first_row = _first_row(src, status[0])
        return
    if RESULT_SHEET not in src.sheet_names:
        out.new_sheets[RESULT_SHEET] = [[RESULT_SHEET], [STATUS_LABEL, None, SCORE_LABEL], [], list(RESULT_HEADER)]
        out.cells.update({"sb_result_status": (RESULT_SHEET, "B2"), "sb_result_score": (RESULT_SHEET, "D2"),
                          "sb_result_note": (RESULT_SHEET, "A3")})
        out.result_sheet = RESULT_SHEET
        return
    grid = src.grid(RESULT_SHEET)
    found = {}
    for r in range(1, min(grid.height, SCAN_ROWS) + 1):
        for c in range(1, len(grid.rows[r - 1]) + 1):
            k = _key(grid.get(r, c))
            for name, label in (("sb_result_status", STATUS_LABEL), ("sb_result_score", SCORE_LABEL)):
                if k == _key(label) and name not in found:
                    found[name] = (r, c)
    if "sb_result_status" not in found or "sb_result_score" not in found:
        # a sheet of that name without both of the tool's labels is a person's own (one that merely has a
        # 前置条件 column, an 初审记录): left alone
        out.unwritten.append(f"“{RESULT_SHEET}”表（表中找不到本工具的“{STATUS_LABEL.rstrip('：')}”"
                             f"“{SCORE_LABEL.rstrip('：')}”两栏，可能是你自己的表）")
        return
    r, c = found["sb_result_status"]
    out.cells.setdefault("sb_result_status", (RESULT_SHEET, f"{col_letters(c + 1)}{r}"))
    rs, cs = found["sb_result_score"]
    out.cells.setdefault("sb_result_score", (RESULT_SHEET, f"{col_letters(cs + 1)}{rs}"))
    out.cells.setdefault("sb_result_note", (RESULT_SHEET, f"A{r + 1}"))
    out.result_sheet = RESULT_SHEET
    out.first_row = _first_row(src, RESULT_SHEET)


def _first_row(src: WorkbookSource, sheet: str) -> int:
    """The row under the 级别/代码/说明/位置 header of the finding rows: a row inserted above it (a clerk's 初审意见)
    moved it down, and writing from the template's row would go over the header."""
    grid = src.grid(sheet)
    for r in range(1, min(grid.height, SCAN_ROWS) + 1):
        if tuple(k for k in map(_key, grid.rows[r - 1]) if k)[:len(RESULT_HEADER)] == RESULT_HEADER:
            return r + 1
    return RESULT_FIRST_ROW


def _place_scores(src: WorkbookSource, plan: WritePlan, wanted: list[str], out: Placement) -> None:
    """The 评分 cells of the names the workbook does not define."""
    if not wanted:
        return
    by_id = {f"{kind}_{item[0].replace('.', '_')}": (item[0], kind) for item in plan.score_items
             for kind in ("sb_score_auto", "sb_score_reason")}
    wanted = [n for n in wanted if n in by_id]
    if not wanted:
        return
    if SCORE_SHEET not in src.sheet_names:
        if any(n.startswith("sb_score_") for n in out.cells):
            out.unwritten.append(f"{len(wanted)}个评分单元格（工作簿中没有这些定义名称，也没有“{SCORE_SHEET}”表）")
            return
        out.new_sheets[SCORE_SHEET] = [[f"{SCORE_SHEET}（本工具的建议分，仅供评审参考）"], [], list(ADDED_SCORE_COLUMNS)]
        for i, item in enumerate(plan.score_items):
            row = 4 + i
            out.new_sheets[SCORE_SHEET].append(list(item))
            key = item[0].replace(".", "_")
            out.cells[f"sb_score_auto_{key}"] = (SCORE_SHEET, f"D{row}")
            out.cells[f"sb_score_reason_{key}"] = (SCORE_SHEET, f"E{row}")
        return
    rows, cols = _score_rows(src)
    lost = 0
    for n in wanted:
        item_id, kind = by_id[n]
        col = cols.get("建议分" if kind == "sb_score_auto" else "建议理由")
        row = rows.get(item_id)
        if row and col:
            out.cells[n] = (SCORE_SHEET, f"{col_letters(col)}{row}")
        else:
            lost += 1
    if lost:
        out.unwritten.append(f"“{SCORE_SHEET}”表中的{lost}个单元格（找不到对应的指标编号或“建议分”“建议理由”列）")


def _score_rows(src: WorkbookSource) -> tuple[dict[str, int], dict[str, int]]:
    """(item id → row, header → column) of the 评分 sheet: the header row shows 编号, 建议分 and 建议理由."""
    grid = src.grid(SCORE_SHEET)
    for r in range(1, min(grid.height, SCAN_ROWS) + 1):
        cols = {_key(v): c for c, v in enumerate(grid.rows[r - 1], 1) if v not in (None, "")}
        if {"编号", "建议分", "建议理由"} <= set(cols):
            at = cols["编号"]
            ids = {_key(grid.get(row, at)): row for row in range(r + 1, grid.height + 1) if grid.get(row, at)}
            return ids, cols
    return {}, {}

