"""The 项目汇总表 (附件4) workbook, updated in place.

A refresh writes only what the tool owns and keeps people's work: 市州评分, any
column a person added, the 填报人/联系方式 lines, formatting and print settings.
A 附件4 cell the tool wrote and a person then changed is left as the person typed
it (and reported as XC_SUMMARY_MISMATCH when it disagrees with the application);
the tool remembers what it wrote in a very hidden sheet ``_sb_state``.
"""
from __future__ import annotations

from ...errors import WrongKind

import json
from collections import Counter
from copy import copy
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable, Iterable

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table, TableColumn
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.findings import Finding
from ...engine.parse.text import company_key, normalize
from ...engine.summary import SummaryRecord, SummaryUpdate, problems_text, summary_mismatch  # SummaryUpdate re-exported
from . import styles as S
from .cells import set_cell
from .layout import SUMMARY_HEADER, SUMMARY_TOOL_COLUMNS
from .reader import split_ref

STATE_SHEET, PROBLEM_SHEET, STATS_SHEET = "_sb_state", "问题文件", "统计"
DATA_COLUMNS = tuple(c for c in SUMMARY_HEADER if c not in ("序号", "市州评分"))
ACTIVE, WITHDRAWN = "有效", "已撤回"
TYPE_ORDER = ("园区", "基地", "企业", "团队")


class NotASummary(WrongKind):
    pass


def find_table(wb: Workbook, name: str = "sb_summary") -> tuple[Worksheet, Table]:
    for ws in wb.worksheets:
        for t in ws.tables.values():
            if t.displayName.lower() == name:
                return ws, t
    raise NotASummary(f"工作簿中没有名为 {name} 的汇总表表格，不是本工具的项目汇总表。请用 shibai new summary 生成，"
                      "或让 shibai refresh 自动新建。")


def _same(a: Any, b: Any) -> bool:
    if type(a) is type(b) and a == b:   # most cells of a refresh: no need to normalise long texts
        return True
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)) and not isinstance(a, bool):
        return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.000001")
    return normalize(a) == normalize(b)


class SummaryBook:
    """The sb_summary table of an open openpyxl workbook."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.ws, self.table = find_table(wb)
        first, last = self.table.ref.split(":")
        self.r0, self.c0 = split_ref(first)
        self.r1, self.c1 = split_ref(last)
        self.changed = False
        self._taken, self._serial = 0, None    # last row handed out by new_row, last 序号 given
        self.cols = self._headers()
        for name in SUMMARY_HEADER + SUMMARY_TOOL_COLUMNS:
            if name not in self.cols:
                self._add_column(name)

    # --- structure ---------------------------------------------------------------------------
    def _headers(self) -> dict[str, int]:
        out = {}
        for c in range(self.c0, self.c1 + 1):
            text = normalize(self.ws.cell(self.r0, c).value).replace(" ", "").replace("\n", "")
            text = text.replace("(", "（").replace(")", "）")
            for name in SUMMARY_HEADER + SUMMARY_TOOL_COLUMNS:
                if text == name or (name in AMOUNT_ALIASES and AMOUNT_ALIASES[name] in text) or (
                        name == "项目类型" and text.startswith("项目类型")) or (
                        name == "企业性质" and text.startswith("企业性质")) or (
                        name == "企业运营情况及主要业绩" and text.startswith("企业运营情况")):
                    out.setdefault(name, c)
        return out

    def _add_column(self, name: str) -> None:
        self.c1 += 1
        c = self.ws.cell(self.r0, self.c1)
        set_cell(c, name)
        c.font, c.alignment, c.border, c.fill = S.HEADER, S.CENTER, S.BOX, S.TOOL_FILL
        self.cols[name] = self.c1
        self.table.tableColumns.append(TableColumn(id=len(self.table.tableColumns) + 1, name=name))
        self._set_ref()
        self.changed = True

    def _set_ref(self) -> None:
        self.table.ref = f"{get_column_letter(self.c0)}{self.r0}:{get_column_letter(self.c1)}{max(self.r1, self.r0 + 1)}"
        if self.table.autoFilter is not None:
            self.table.autoFilter.ref = self.table.ref

    def get(self, row: int, name: str) -> Any:
        return self.ws.cell(row, self.cols[name]).value

    def put(self, row: int, name: str, value: Any) -> bool:
        cell = self.ws.cell(row, self.cols[name])
        if _same(cell.value, value):
            return False
        set_cell(cell, value)
        self.changed = True
        return True

    def data_rows(self) -> range:
        return range(self.r0 + 1, self.r1 + 1)

    def row_key(self, row: int) -> str:
        code = normalize(self.get(row, "统一社会信用代码")).upper().replace(" ", "")
        if code:
            return code
        name = self.get(row, "企业名称")
        return "名称:" + company_key(name) if normalize(name) else ""

    def is_blank(self, row: int) -> bool:
        return all(self.ws.cell(row, c).value in (None, "") for c in range(self.c0, self.c1 + 1))

    def new_row(self) -> int:
        # rows before the last one handed out are taken: adding N rows looks at each row once, not N times
        start = max(self.r0 + 1, self._taken + 1)
        for r in range(start, self.r1 + 1):
            if self.is_blank(r):
                self._taken = r
                return r
        self._taken = self.r1 + 1
        self.r1 += 1
        template = self.r1 - 1 if self.r1 - 1 > self.r0 else None
        for c in range(self.c0, self.c1 + 1):
            cell = self.ws.cell(self.r1, c)
            if template:
                src = self.ws.cell(template, c)
                cell._style = copy(src._style)
            else:
                cell.border, cell.alignment = S.BOX, S.WRAP
        self._set_ref()
        self.changed = True
        return self.r1

    def next_serial(self) -> int:
        last = self._serial
        if last is None:   # the table's highest 序号, read once; then counted on
            numbers = [self.get(r, "序号") for r in self.data_rows()]
            last = max([int(n) for n in numbers if isinstance(n, (int, float)) and not isinstance(n, bool)] + [0])
        self._serial = last + 1
        return self._serial

    # --- state: what the tool last wrote ------------------------------------------------------
    def read_state(self) -> dict[str, dict[str, Any]]:
        if STATE_SHEET not in self.wb.sheetnames:
            return {}
        out = {}
        for key, blob in self.wb[STATE_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
            if key and blob:
                try:
                    out[str(key)] = json.loads(blob)
                except (TypeError, ValueError):
                    continue
        return out

    def write_state(self, state: dict[str, dict[str, Any]]) -> None:
        old = self.read_state()
        if old == state:
            return
        if STATE_SHEET in self.wb.sheetnames:
            del self.wb[STATE_SHEET]
        ws = self.wb.create_sheet(STATE_SHEET)
        ws.sheet_state = "veryHidden"
        for i, (key, values) in enumerate(sorted(state.items()), 1):
            ws.cell(i, 1).value = key
            ws.cell(i, 2).value = json.dumps(values, ensure_ascii=False, sort_keys=True)
            ws.cell(i, 2).data_type = "s"
        self.changed = True


AMOUNT_ALIASES = {"年度交易额（万元）": "年度交易额", "年度网络零售额（万元）": "年度网络零售额"}


def apply_records(wb: Workbook, records: list[SummaryRecord], cross: dict[str, list[Finding]], batch: str | None,
                  now: datetime, data_columns: tuple[str, ...] = DATA_COLUMNS,
                  row_key: Callable[["SummaryBook", int], str] | None = None) -> SummaryUpdate:
    """Fill or update the sb_summary table from the applications' records.

    Rows are matched by ``row_key`` (default: 统一社会信用代码, or the name when the code is missing),
    which must give the same key as ``record.key`` for the row written from that record.
    """
    book = SummaryBook(wb)
    key_of = row_key or SummaryBook.row_key
    for name in data_columns:
        if name not in book.cols:
            book._add_column(name)
    result = SummaryUpdate()
    state = book.read_state()
    rows_by_key: dict[str, int] = {}
    for r in book.data_rows():
        key = key_of(book, r)
        if key:
            rows_by_key.setdefault(key, r)
    stamp = now.strftime("%Y-%m-%d %H:%M")
    seen_keys = set()
    for rec in sorted((r for r in records if not r.error and r.key), key=lambda r: r.file):
        seen_keys.add(rec.key)
        row = rows_by_key.get(rec.key)
        fresh = row is None
        if fresh:
            row = book.new_row()
            rows_by_key[rec.key] = row
            book.put(row, "序号", book.next_serial())
            result.added += 1
        before = book.changed
        book.changed = False
        last = state.get(rec.key, {})
        mismatches = []
        for col in data_columns:
            new = rec.columns.get(col)
            current = book.get(row, col)
            if fresh or current in (None, "") or _same(current, last.get(col)) or (
                    col not in last and _same(current, new)):
                book.put(row, col, new)
            else:
                m = summary_mismatch(current, new, col)
                if m:
                    mismatches.append(m)
        result.mismatches += len(mismatches)
        book.put(row, "前置条件", rec.status)
        book.put(row, "自动评分", rec.score)
        text = problems_text(rec.problems, cross.get(rec.file, []) + mismatches)
        book.put(row, "问题", "；".join(t for t in (rec.note, text) if t))
        book.put(row, "来源文件", rec.file)
        book.put(row, "统一社会信用代码", rec.uscc)
        if book.get(row, "批次") in (None, "") and batch:
            book.put(row, "批次", batch)
        book.put(row, "状态", ACTIVE)
        if book.changed:
            book.put(row, "更新时间", stamp)
            if not fresh:
                result.updated += 1
        else:
            result.unchanged += 1
        book.changed = before or book.changed
        state[rec.key] = {c: rec.columns.get(c) for c in data_columns}
    for r in book.data_rows():
        key = key_of(book, r)
        if key and key not in seen_keys and book.get(r, "来源文件") and book.get(r, "状态") != WITHDRAWN:
            book.put(r, "状态", WITHDRAWN)
            book.put(r, "更新时间", stamp)
            result.withdrawn += 1
    book.write_state(state)
    unreadable = [r for r in records if r.error]
    result.unreadable = len(unreadable)
    _problem_sheet(book, unreadable)
    result.changed = book.changed
    return result


def _problem_sheet(book: SummaryBook, unreadable: list[SummaryRecord]) -> None:
    wb = book.wb
    rows = [(r.file, r.error) for r in sorted(unreadable, key=lambda r: r.file)]
    if PROBLEM_SHEET in wb.sheetnames:
        ws = wb[PROBLEM_SHEET]
        old = [(a, b) for a, b in ws.iter_rows(min_row=3, max_col=2, values_only=True) if a]
        if old == rows:
            return
        del wb[PROBLEM_SHEET]
    elif not rows:
        return
    ws = wb.create_sheet(PROBLEM_SHEET)
    ws["A1"].value, ws["A1"].font = "无法读取的文件（其余文件已正常汇总）", S.SUBTITLE
    for col, h, w in (("A", "文件", 50), ("B", "原因", 90)):
        ws[f"{col}2"].value, ws[f"{col}2"].font, ws[f"{col}2"].fill = h, S.HEADER, S.HEADER_FILL
        ws.column_dimensions[col].width = w
    for i, (file, reason) in enumerate(rows, 3):
        set_cell(ws.cell(i, 1), file)
        set_cell(ws.cell(i, 2), reason)
        ws.cell(i, 2).alignment = S.WRAP
    S.setup_print(ws, landscape=True, title_rows="2:2")
    book.changed = True


def stats_sheet(wb: Workbook, rows: Iterable[tuple[str, str, str]], by: str = "前置条件") -> None:
    """Counts per (group, 项目类型) and a bar chart; ``rows`` are (group, 项目类型, status)."""
    rows = list(rows)
    if STATS_SHEET in wb.sheetnames:
        del wb[STATS_SHEET]
    ws = wb.create_sheet(STATS_SHEET)
    # a few dozen cells: a Counter, not pandas (whose import alone takes longer than a whole refresh)
    pivot = Counter((g, t) for g, t, _ in rows if g)
    groups = sorted({g for g, _ in pivot}) or ["（无）"]
    ws["A1"].value, ws["A1"].font = f"按{by}和项目类型统计（有效项目）", S.SUBTITLE
    header = [by, *TYPE_ORDER, "合计"]
    for i, h in enumerate(header, 1):
        c = ws.cell(2, i, h)
        c.font, c.fill, c.border, c.alignment = S.HEADER, S.HEADER_FILL, S.BOX, S.CENTER
    for r, g in enumerate(groups, 3):
        set_cell(ws.cell(r, 1), g)
        for i, t in enumerate(TYPE_ORDER, 2):
            ws.cell(r, i).value = pivot[(g, t)]
        ws.cell(r, len(header)).value = f"=SUM(B{r}:{get_column_letter(len(TYPE_ORDER) + 1)}{r})"
        for i in range(1, len(header) + 1):
            ws.cell(r, i).border = S.BOX
    last = 2 + len(groups)
    ws.cell(last + 1, 1).value = "合计"
    for i in range(2, len(header) + 1):
        col = get_column_letter(i)
        ws.cell(last + 1, i).value = f"=SUM({col}3:{col}{last})"
        ws.cell(last + 1, i).font = S.BOLD
    ws.column_dimensions["A"].width = 16
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = f"各{by}示范项目申报数量"
    chart.y_axis.title = "项目数"
    data = Reference(ws, min_col=2, max_col=1 + len(TYPE_ORDER), min_row=2, max_row=last)
    cats = Reference(ws, min_col=1, min_row=3, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height, chart.width = 9, 18
    ws.add_chart(chart, f"A{last + 3}")
    S.setup_print(ws, landscape=True)
