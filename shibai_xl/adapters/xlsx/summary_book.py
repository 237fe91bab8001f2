"""The 项目汇总表 (附件4) workbook, updated in place.

A refresh writes only what the tool owns and keeps people's work: 市州评分, any
column a person added, the 填报人/联系方式 lines, formatting and print settings.
A 附件4 cell the tool wrote and a person then changed is left as the person typed
it (and reported as XC_SUMMARY_MISMATCH when it disagrees with the application);
the tool remembers what it wrote in a very hidden sheet ``_sb_state``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table, TableColumn
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.fmt import typed as as_typed
from ...engine.parse.text import company_key, is_picture, normalize, said_name
from ...engine.parse.uscc import key as code_key
from ...engine.row_marks import WITHDRAWN, unmarked_name, withdrawn_in, withdrawn_mark
from ...engine.summary import AMOUNT_COLUMNS
from ...engine.summary_amounts import amount_in_wan, bound_in_wan, number_value
from ...engine.summary_table import (  # noqa: F401  (PROBLEM_SHEET, STATS_SHEET: the sheet names, given from here too)
    LABEL_COLUMNS,
    PART,
    PROBLEM_SHEET,
    PROVINCE_MARK,
    SCOPE_COLUMN,
    STATS_SHEET,
    WHOLE,
    city_in,
    column_numbers,
    header_name,
    is_total_label,
    province_titled,
    row_kind,
    total_reach,
    type_short,
)
from ...engine.table_end import TOTAL_GAP, projects_under, stranded, table_foot, under_the_table
from ...errors import WrongKind
from . import inline_strings, summary_state
from . import styles as S
from .cells import last_value_row, merged_refusal, set_cell
from .defined_names import defined
from .layout import DEFAULT_COLUMN_WIDTH, SUMMARY_HEADER, SUMMARY_TOOL_COLUMNS, SUMMARY_WIDTHS
from .own_sheets import name_places
from .refs import corners
from .renamed import require_xlsx  # noqa: F401  (summary_book.require_xlsx: merge's)
from .shown_columns import give_width, shown_header
from .side_columns import take_in_side_columns
from .summary_formulas import is_reference, references, rows_taken_in, with_references
from .summary_inserts import inserted_rows, shift_down  # noqa: F401  (inserted_rows: given from here too)
from .summary_order import out_of_place
from .summary_rules import shared_look
from .text_fit import (
    BODY_SIZE,
    DEFAULT_WIDTH,
    MAX_ROW_HEIGHT,
    SMALL_SIZE,
    printed_lines,
    row_height,
    shown_in_tallest_row,
)

DATA_COLUMNS = tuple(c for c in SUMMARY_HEADER if c not in ("序号", "市州评分"))
ACTIVE, BATCH = "有效", "批次"
UNDER_TOTAL_LINES = 8  # lines with formulas a clerk may type right under the 合计 row (其中：企业合计 …)
_COLUMN_SUM = re.compile(r"=SUM\((\$?[A-Z]{1,3})\$?(\d+):(\$?[A-Z]{1,3})\$?(\d+)\)", re.IGNORECASE)
KEPT = "本次无法读取，保留上次数据"
TEXT_AMOUNTS = "公式不计入以文本形式填写的金额"   # a 合计 short of amounts typed as text: said at every refresh
PERFORMANCE = "企业运营情况及主要业绩"
PAPER_NOTE = f"{PERFORMANCE}共"   # …共2110字，打印时只印得下前约1020字，全文见申报表 (SummaryBook.paper_note)
WITHDRAWN_NOTE = "已撤回：申报表已不在文件夹中，本行不计入统计"
# a row whose 来源文件 was read this time: it holds another project's form now, or the row repeats another (a copy)
WITHDRAWN_REPLACED = "已撤回：来源文件现在是另一个项目的申报表，本行不计入统计"
WITHDRAWN_TWIN = "已撤回：与另一行是同一项目、同一份申报表，本行不计入统计"
WITHDRAWN_BY_CITY = "已撤回：该市（州）本次报送的汇总表中已没有这一行或已标为“已撤回”，本行不计入统计"   # in the province table
# a province row whose city's new summary has none of the projects of the summary it came from (a later round's
# summary of its new projects only): counted still, said first in its 问题
NOT_RESENT = "市（州）本次报送的汇总表中没有这一行，也没有与它同在一份汇总表中的其他项目"
# a project a person withdrew in the summary itself (状态 typed 已撤回, or a column of their own saying 企业申请撤回)
WITHDRAWN_BY_HAND = "已撤回（汇总表中手工标注"
TYPE_ORDER = ("园区", "基地", "企业", "团队")
inline_strings.install()   # loading a 1000-row summary: a fifth faster


class NotASummary(WrongKind):
    pass


def find_table(wb: Workbook, name: str = "sb_summary") -> tuple[Worksheet, Table]:
    for ws in wb.worksheets:
        for t in ws.tables.values():
            if t.displayName.lower() == name:
                return ws, t
    raise NotASummary(f"工作簿中没有名为 {name} 的汇总表表格，不是本工具的项目汇总表。请用 shibai new summary 生成，"
                      "或让 shibai refresh 自动新建。")


def same_value(a: Any, b: Any) -> bool:
    if type(a) is type(b) and a == b:   # most cells of a refresh: no need to normalise long texts
        return True
    if a is None:   # an empty cell (every cell of a new row): the test below without normalising a long text
        if b.__class__ is str:
            # NFKC makes no character white space that was not (test_summary_fresh_rows); normalize() also drops
            # invisible characters, which only a text that is not printable holds (a soft hyphen alone is blank)
            return not b.strip() or (not b.isprintable() and not normalize(b))
        if b.__class__ in (int, float):
            return False
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)) and not isinstance(a, bool):
        return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.000001")
    return normalize(a) == normalize(b)


_CHECK_WITHDRAWN = "表中有已撤回的项目，请核对它是否把已撤回的项目也算进去了"


class SummaryBook:
    """The sb_summary table of an open openpyxl workbook.

    Made, it only reads: its rows are those a person sees as the table's — a table reaching far below its last
    filled row ends there, and projects typed under it without Excel extending it are taken in — and a column the
    tool adds that is not there yet reads blank. :meth:`prepare` (an update does it first) makes the workbook's
    table so: its range, the tool's columns, a note for rows taken in; so a book made only to read a title or
    count rows never changes the workbook."""

    _own: tuple[tuple, list[int]] | None = None   # (the table's columns, those a person added: :meth:`_own_columns`)

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.ws, self.table = find_table(wb)
        try:
            (self.r0, self.c0), (self.r1, self.c1) = corners(self.table.ref)
        except ValueError:
            raise WrongKind(f"项目汇总表中 sb_summary 表格的范围“{self.table.ref}”无法识别（文件可能被其他程序改动），"
                            "汇总表未改动。请用 shibai new summary 生成新的汇总表，把数据复制进去后再试。") from None
        self.changed = False
        self.notes: list[str] = []
        self._taken, self._serial = 0, None    # last row handed out by new_row, last 序号 given
        self._width_of: dict[int, float] | None = None   # column → width, read when a row's height is fitted
        self._kinds: dict[tuple, str] = {}   # label cells' values → the row's kind (:meth:`kind_of`)
        self._refuse_merged_header()
        self.cols, self._passed = shown_header(self.ws, self.r0, self.c0, self.c1)   # a hidden twin column: said
        rows = self._plain_rows()   # projects typed under the table without Excel extending it: its rows
        # as read, the last row holding a value of the table's (:meth:`last_filled_row`, from the rows read once)
        self.filled = filled = self.r0 + len(rows)
        self._reaches_far = self.r1 > max(filled, self.r0 + 1)   # to row 1048576: its rows end at the last filled,
        if self._reaches_far:                                     # where the 合计 and new rows go
            self.r1 = max(filled, self.r0 + 1)
        end, _outside = under_the_table(rows, self.r1 - self.r0 - 1, bool(getattr(self.table, "totalsRowCount", None)))
        taken = rows[self.r1 - self.r0:end + 1]   # of them, a picture for a name is no project counted (QA qa72a)
        self._taken_in, self._taken_pictures = sum(map(bool, taken)), sum(is_picture(r.get("企业名称")) for r in taken)
        # a range Excel extended over a project typed under the 合计: the table ends at its 合计 / 填报人 lines
        self._cut_at = self.r0 + 1 + end if self.r0 + 1 + end < self.r1 else None
        self.r1 = self._cut_at or max(self.r1, self.r0 + 1 + end)
        self._stranded = sorted(self.r0 + 1 + i for i in stranded(rows, self.r1 - self.r0 - 1))   # applications' rows
        self.foot: int | None = None    # the first of the 合计 / 填报人 lines the table ends with: new rows go above
        self.subtotals: int | None = None   # the first of the county 小计 rows closing the table over its 合计: the same
        self.total_row = self._find_total(rows)

    def prepare(self) -> SummaryBook:
        """The workbook's table made as this book reads it, with every column the tool writes; ``changed`` says
        whether that changed the workbook."""
        if self._reaches_far or self._taken_in or self._cut_at:
            self._set_ref()
            self.changed = True
        if self._taken_in:
            counted = f"其中 {n} 行企业名称是图片，未计入统计" if (n := self._taken_pictures) else "计入统计"
            self.notes.append(f"表格下方手工输入的 {self._taken_in} 行项目已并入汇总表表格（{counted}），请核对")
        if self._cut_at:
            self.notes.append("汇总表表格（Excel 自动扩展）包括了合计行、填报人行下面录入的行，"
                              f"表格已改为到第{self._cut_at}行为止")
        self._reaches_far, self._taken_in, self._cut_at = False, 0, None
        self.notes, self._passed = self.notes + self._passed, []
        self.notes += take_in_side_columns(self, SUMMARY_HEADER + SUMMARY_TOOL_COLUMNS)   # LibreOffice's 备注 beside it
        added = [name for name in SUMMARY_HEADER + SUMMARY_TOOL_COLUMNS if name not in self.cols]
        for name in added:
            self._add_column(name)
        self.notes += out_of_place(self, added)
        return self

    # --- structure ---------------------------------------------------------------------------
    def last_filled_row(self) -> int:
        """The last row holding a value in the table's columns (the cells openpyxl loaded: asking ws.cell for
        each row down to a far table end would create a million)."""
        return last_value_row(self.ws, self.c0, self.c1, default=self.r0)

    def _labels(self, row: int) -> dict[str, Any]:
        """The row's label columns (序号, 市（州）, 县区, 企业名称) → their cells."""
        return {c: self.get(row, c) for c in LABEL_COLUMNS}

    def kind_of(self, row: int) -> str:
        """What a row is by its label columns (序号, 市（州）, 县区, 企业名称): 'project', 'total' or 'other'."""
        labels = tuple(self.get(row, c) for c in LABEL_COLUMNS)
        try:   # remembered by their values: a refresh asks a dozen times for each row
            key = (labels, tuple(map(type, labels)))
            return self._kinds.get(key) or self._kinds.setdefault(key, row_kind(dict(zip(LABEL_COLUMNS, labels))))
        except TypeError:   # a value that cannot be a key
            return row_kind(dict(zip(LABEL_COLUMNS, labels)))

    def _plain_rows(self) -> list[dict[str, Any]]:
        """The sheet's rows under the header to its last with a value in the table's columns, each its values there by
        title (a column without one by its letter), as :func:`under_the_table` reads them."""
        names = {c: n for n, c in self.cols.items()}
        typed: dict[int, dict[str, Any]] = {}
        for (r, c), cell in self.ws._cells.items():
            if r > self.r0 and self.c0 <= c <= self.c1 and cell.value not in (None, ""):
                typed.setdefault(r, {})[names.get(c) or get_column_letter(c)] = cell.value
        return [typed.get(r, {}) for r in range(self.r0 + 1, max(typed, default=self.r0) + 1)]

    def outside_projects(self) -> list[tuple[int, str]]:
        """Projects typed further down than the table takes in (under the 合计 row, under a 填报人 line): no
        count of the city's holds them while merge reads them, so they are said (row, 企业名称), never left out
        silently."""
        below = [self.r0 + 1 + i for i in projects_under(self._plain_rows(), (self.total_row or self.r1) - self.r0 - 1)]
        inside = self.project_rows() if below else []
        out = []
        for r in below:
            same = next((t for t in inside if self._same_project(t, r)), None)
            # typed before its application arrived, whose row the refresh added above the 合计: moved, it would be twice
            out.append((r, str(self.get(r, "企业名称")).strip() + (
                f"（与表格中第{same}行是同一项目：请删去这一行，不要移入表格）" if same else "")))
        return out

    def _same_project(self, row: int, other: int) -> bool:
        """Two rows of one project: the same 统一社会信用代码, else (one without) the same 企业名称, of one type."""
        kinds = type_short(self.get(row, "项目类型")), type_short(self.get(other, "项目类型"))
        if all(kinds) and kinds[0] != kinds[1]:
            return False
        codes = self.code(row), self.code(other)
        if all(codes):
            return codes[0] == codes[1]
        return bool(self.name_key(row)) and self.name_key(row) == self.name_key(other)

    def stranded_rows(self) -> list[str]:
        """What to say of applications' rows an earlier version put under the 合计 / 填报人 lines the table ended
        with (:func:`stranded`): counted, but the printed 合计 above them leaves them out."""
        if not self._stranded:
            return []
        rows = "、".join(f"第{r}行 {said_name(self.get(r, '企业名称'))}" for r in self._stranded)
        return [f"{len(self._stranded)} 行项目在表格中的合计行、填报人行之下（{rows}；本工具以前的版本把新行加在了表格最后的"
                "填报人行下面），已计入统计，但合计行不含它们：请把这些行剪切、插入到合计行上方，再刷新一次以核对合计"]

    def _find_total(self, rows: list[dict[str, Any]]) -> int | None:
        """The table's 合计 row (:meth:`_total_row`), noting the county 小计 rows standing right over it."""
        total = self._total_row(rows)
        if total is not None and (run := self.subtotals_above(total)):
            self.subtotals = run[0]     # new projects go above the county's 小计 standing over the 合计
        return total

    def _total_row(self, rows: list[dict[str, Any]]) -> int | None:
        """A 合计 row a person typed as the table's last row (Excel extends the table over it; a 填报人 line typed
        under it too: ``foot``), just under it, or under a blank row or two left between. A county's 小计 typed
        between the table and its 合计 (“西秀区 小计”) is passed over, never taken for the table's 合计
        (:func:`total_reach`); with only such rows the table has no 合计 of its own (:meth:`fix_total` says so)."""
        if getattr(self.table, "totalsRowCount", None):
            return self.r1
        foot = table_foot(rows, self.r1 - self.r0 - 1)
        found: list[int] = []
        if foot is not None:
            self.foot = self.r0 + 1 + foot
            found = [r for r in range(self.r1, self.foot - 1, -1) if self.is_total(r)]
            if not self.is_total(self.r1):    # a 填报人 line last: nothing under it is the table's
                return self._widest(found)
        elif self.r1 > self.r0 + 1 and self.is_total(self.r1):
            found = [self.r1]
        if (best := self._widest(found)) is not None and self.reach(best) == WHOLE:
            return best
        for r in range(self.r1 + 1, min(self.ws.max_row, self.filled) + 1):   # not down a border run to row 1048576
            if self.is_total(r):
                # under more blank rows: the 合计 of a printed form's empty lines (=SUM(K3:K40)), when it sums the
                # table's rows — else rows filling those lines would push it down short of them without a word
                if r > self.r1 + 1 + TOTAL_GAP + len(found) and not self._sums_table(r):
                    break
                found.append(r)
            elif not self._blank_row(r):
                break
        return self._widest(found)

    def _widest(self, rows: list[int]) -> int | None:
        """Of total rows, the one summing most of the table (the first of those alike); None for county 小计 only."""
        best = max(rows, key=self.reach, default=None)
        return best if best is not None and self.reach(best) > PART else None

    def reach(self, row: int) -> int:
        return total_reach(self._labels(row))

    def subtotals_above(self, row: int) -> list[int]:
        """The county / type 小计 rows (blank rows between) right above ``row`` (the 合计, or the row under the
        table), in order, when the table has no 小计 among its projects: the lines closing its rows."""
        run, r = [], row - 1
        while r > self.r0 and ((blank := self._blank_row(r)) or (self.is_total(r) and self.reach(r) == PART)):
            if not blank:
                run.insert(0, r)
            r -= 1
        return [] if any(self.is_total(x) for x in range(self.r0 + 1, r + 1)) else run

    def _sums_table(self, row: int) -> bool:
        """Whether a row's formulas refer to the table's rows (a 合计 typed under empty lines)."""
        return any(cell.data_type == "f" and isinstance(cell.value, str)
                   and self._table_ranges(cell.value, self.r0 + 1, self.r1)[0]
                   for c in range(self.c0, self.c1 + 1) if (cell := self.ws._cells.get((row, c))) is not None)

    def _blank_row(self, row: int) -> bool:
        return all(self.ws.cell(row, c).value in (None, "") for c in range(self.c0, self.c1 + 1))

    def is_total(self, row: int) -> bool:
        return any(is_total_label(self.get(row, c)) for c in LABEL_COLUMNS)

    def _add_column(self, name: str) -> None:
        if not self.table.tableColumns:   # a table made in memory, named at save by openpyxl: the added one its only
            self.table.tableColumns = [TableColumn(id=i, name=str(self.ws.cell(self.r0, c).value or f"列{i}"))
                                       for i, c in enumerate(range(self.c0, self.c1 + 1), 1)]
        self.c1 += 1
        c = self.ws.cell(self.r0, self.c1)
        set_cell(c, name)
        c.font, c.alignment, c.border, c.fill = S.HEADER, S.CENTER, S.BOX, S.TOOL_FILL
        self.cols[name] = self.c1
        give_width(self.ws, self.c1, SUMMARY_WIDTHS.get(name, DEFAULT_COLUMN_WIDTH))   # 问题 at Excel's 8.43: 409-point rows
        self._width_of = None
        self.table.tableColumns.append(TableColumn(id=len(self.table.tableColumns) + 1, name=name))
        self._set_ref()
        self.changed = True

    def _set_ref(self) -> None:
        self.table.ref = f"{get_column_letter(self.c0)}{self.r0}:{get_column_letter(self.c1)}{max(self.r1, self.r0 + 1)}"
        if self.table.autoFilter is not None:   # the header and projects: Excel's 汇总行 is left out, as Excel writes it
            self.table.autoFilter.ref = self.table.ref.rstrip("0123456789") + str(self.r1 - (self.table.totalsRowCount or 0))

    def _cell(self, row: int, column: int):
        """``ws.cell(row, column)``: the cell, made when there is none, without ws.cell's checks for one that is."""
        cell = self.ws._cells.get((row, column))
        return self.ws.cell(row, column) if cell is None else cell

    def get(self, row: int, name: str) -> Any:
        """The cell's value; None for a blank cell or a column the table does not have (yet: :meth:`prepare`)."""
        column = self.cols.get(name)
        cell = None if column is None else self.ws._cells.get((row, column))   # as ws.cell(…).value, adding no cell
        return None if cell is None else cell.value

    def put(self, row: int, name: str, value: Any) -> bool:
        cell = self._cell(row, self.cols[name])
        if same_value(cell.value, value):
            return False
        set_cell(cell, value)
        self.changed = True
        return True

    def data_rows(self) -> range:
        """The table's rows above its 合计 row (above the 填报人 line it ends with, when it has no 合计)."""
        return range(self.r0 + 1, self.subtotals or self.total_row or self.foot or self.r1 + 1)

    def project_rows(self) -> list[int]:
        """Data rows that are projects: not blank, not a 小计/section/填报人 row."""
        return [r for r in self.data_rows() if self.kind_of(r)
                == "project" or (self.code(r) and not self.is_total(r))]

    def own_values(self, row: int) -> list[tuple[str, Any]]:
        """(title, value) of a row's non-blank cells in the columns a person added to the table (a title no 附件4 or
        tool column has: 备注, 审核意见 …), as merge reads them (``_extras``)."""
        out = []
        for c in self._own_columns():
            cell = self.ws._cells.get((row, c))
            if cell is not None and cell.value not in (None, ""):
                out.append((str(self.ws.cell(self.r0, c).value or get_column_letter(c)).strip(), cell.value))
        return out

    def _own_columns(self) -> list[int]:
        """The table's columns with no title of the 附件4's or the tool's, found once for the table's columns as they
        are (a row's withdrawal is read in them several times at a refresh: most tables have none)."""
        shape = (self.c0, self.c1, tuple(self.cols.values()))
        if self._own is None or self._own[0] != shape:
            known = set(shape[2])
            self._own = (shape, [c for c in range(self.c0, self.c1 + 1) if c not in known])
        return self._own[1]

    def withdrawn(self, row: int) -> bool:
        """Whether the row's 状态 or a column a person added says the project is withdrawn (已撤回, 企业申请撤回（…）):
        the reading of merge and review make (``row_withdrawn``), for a row typed by hand too."""
        return withdrawn_mark(self.get(row, "状态")) or any(withdrawn_in(t, v) for t, v in self.own_values(row))

    def code(self, row: int) -> str:
        return code_key(self.get(row, "统一社会信用代码"))

    def name_key(self, row: int) -> str:
        """The key of the company the row names — “某公司（已撤回）” names 某公司, whose application's row it is."""
        name = self.get(row, "企业名称")
        return company_key(unmarked_name(name)) if normalize(name) else ""

    def row_key(self, row: int) -> str:
        code = self.code(row)
        if code:
            return code
        name = self.name_key(row)
        return "名称:" + name if name else ""

    def is_blank(self, row: int) -> bool:
        cells = self.ws._cells   # as ws.cell(…).value, making no cell: new_row asks it of every row it adds
        return all((cell := cells.get((row, c))) is None or cell.value in (None, "") for c in range(self.c0, self.c1 + 1))

    def _free(self, row: int) -> bool:
        """A row below the table the table may grow into: blank, and no merged cells of a person's there."""
        return self.is_blank(row) and not any(m.min_row <= row <= m.max_row for m in self.ws.merged_cells.ranges)

    def _refuse_merged_header(self) -> None:
        """Header cells merged across columns (K3:L3): the second column would have no name, and a second column
        of the first one's name be added to the table (a file Excel repairs); merged with the row above (the title
        stands there), the header row's cell is blank and its column would be added again. Refused with what to do."""
        for m in self.ws.merged_cells.ranges:
            if m.min_row <= self.r0 <= m.max_row and (m.max_col > m.min_col or m.min_row < self.r0) \
                    and m.min_col <= self.c1 and m.max_col >= self.c0:
                raise merged_refusal(self.ws.cell(self.r0, m.max_col))

    def refuse_merged_project_cells(self, data_columns: Iterable[str]) -> None:
        """Refuse (before anything is written) cells a person merged over the columns the tool reads and writes
        of a project row: a 企业名称 merged over two projects leaves the second without its name, which would find
        no row and be added again while its old row stayed 有效 (the project twice in 附件4)."""
        if not self.ws.merged_cells.ranges:
            return
        cols = {self.cols[n] for n in (*data_columns, *SUMMARY_TOOL_COLUMNS) if n in self.cols}
        projects = set(self.project_rows())
        for m in self.ws.merged_cells.ranges:
            if any(m.min_col <= c <= m.max_col for c in cols) and any(m.min_row <= r <= m.max_row for r in projects):
                raise merged_refusal(self.ws.cell(m.max_row, m.max_col))

    def new_row(self) -> int:
        """A blank row of the table for a new project: above the 合计 row (the 填报人 line the table ends with),
        which stays last. Rows before the last one handed out are taken: adding N rows looks at each row once, not N
        times."""
        for r in range(max(self.r0 + 1, self._taken + 1), self.data_rows().stop):
            if self.is_blank(r):
                self._taken = r
                self._style_row(r)
                if r > self.r1:   # an empty line between the table and its 合计 row: the table's now
                    self.r1 = r
                    self._set_ref()
                    self.changed = True
                return r
        if self.total_row or self.foot:
            row = self.subtotals or self.total_row or self.foot
            self.subtotals = self.subtotals and self.subtotals + 1
            shift_down(self.ws, row)
            self.total_row = self.total_row and self.total_row + 1
            self.foot = self.foot and self.foot + 1
            self.r1 += 1
        else:
            row = self.r1 + 1
            if not self._free(row):   # a 填报人 line typed right under the table moves down, never overwritten
                shift_down(self.ws, row)
            self.r1 += 1
        self._taken = row
        self._style_row(row)
        self._set_ref()
        self.changed = True
        return row

    def _style_row(self, row: int) -> None:
        """Give a new row's unformatted cells the look the rows above share (:func:`.summary_rules.shared_look`),
        or ruled, wrapping cells when they have none (the first row of a blank template): else the printed 附件4 has
        no grid and long text is cut off at the next column."""
        ws, cells = self.ws, self.ws._cells
        for c in range(self.c0, self.c1 + 1):
            cell = cells.get((row, c))
            if cell is not None and cell.has_style:
                continue          # a blank row a person formatted keeps its look
            look = shared_look(ws, row, c, self.r0)
            if look is not None:
                if cell is None:   # ws.cell() and the style copied, in one step (a Cell copies the style it is given)
                    ws._add_cell(cell := Cell(ws, row=row, column=c, style_array=look))
                else:
                    cell._style = copy(look)
                if self.wb._fonts[look.fontId].strike:   # the row above crossed out: the new project is not (QA)
                    font = copy(cell.font)
                    font.strike = None
                    cell.font = font
            else:
                cell = self._cell(row, c)
                cell.border, cell.alignment = S.BOX, S.WRAP

    def fit_height(self, row: int) -> None:
        """Make the row tall enough for its wrapped text: LibreOffice and WPS print a row at its stored height,
        so a 150-character 企业运营情况 would show one line. A taller row (a person's) is left as it is. No row
        is taller than Excel's maximum: a text that needs more is set in SMALL_SIZE type, from the top of the cell
        when still too long (问题 says what part of it the row cannot show, see paper_note); its cell keeps all of it."""
        widths = self._widths()
        alignments, fonts = self.wb._alignments, self.wb._fonts   # without the proxy objects made for each cell
        height = row_height(1)
        for c, width in widths.items():
            cell = self._cell(row, c)
            value = cell.value
            if value is None:
                continue
            text = value if value.__class__ is str else str(value)
            if 2 * len(text) <= width - 1:   # one line even if every character is a wide (CJK) one
                continue
            style = cell._style
            if (alignments[style.alignmentId] if style is not None else cell.alignment).wrap_text:
                size = (fonts[style.fontId].sz if style is not None else None) or BODY_SIZE
                need = row_height(printed_lines(text, width * BODY_SIZE / size), size)
                if need > MAX_ROW_HEIGHT and size > SMALL_SIZE:
                    font = copy(cell.font)
                    font.sz = size = SMALL_SIZE
                    cell.font = font
                    need = row_height(printed_lines(text, width * BODY_SIZE / size), size)
                    if need > MAX_ROW_HEIGHT:    # cut: its beginning shown, not its middle (centred, both ends cut)
                        align = copy(cell.alignment)
                        align.vertical = "top"
                        cell.alignment = align
                height = max(height, need)
        height = min(height, MAX_ROW_HEIGHT)
        current = self.ws.row_dimensions[row].height
        if height > row_height(1) and (current or 0) < height:
            self.ws.row_dimensions[row].height = height

    def paper_note(self, row: int) -> str:
        """What 问题 says of a 企业运营情况及主要业绩 longer than the tallest row shows: printed, the cell is cut."""
        c = self.cols.get(PERFORMANCE)
        text = str(self.ws.cell(row, c).value or "") if c else ""
        # the open workbook's copy (edits.mirror) has no widths: the template's, not Excel's narrow default
        dim = self.ws.column_dimensions.get(get_column_letter(c)) if text else None
        shown = shown_in_tallest_row(text, dim.width if dim is not None and dim.width else SUMMARY_WIDTHS[PERFORMANCE])
        return "" if shown >= len(text) else f"{PAPER_NOTE}{len(text)}字，打印时只印得下前约{shown}字，全文见申报表"

    def _widths(self) -> dict[int, float]:
        """Column → width in characters, for the table's columns (read once per workbook)."""
        if self._width_of is None:
            dims = self.ws.column_dimensions
            self._width_of = {}
            for c in range(self.c0, self.c1 + 1):
                dim = dims.get(get_column_letter(c))
                self._width_of[c] = dim.width if dim is not None and dim.width else DEFAULT_WIDTH
        return self._width_of

    def fix_total(self) -> list[str]:
        """Make the 合计 row sum every row above it: formulas re-pointed, typed sums recomputed over the projects
        not withdrawn (and said so)."""
        if not self.total_row:
            if (top := self.top_total()) is not None:   # the 合计 typed first, over the projects
                return self._fix_total_at(top, top + 1, self.data_rows().stop - 1)[0]
            return self._subtotals_only()
        # a county's 小计 over the 合计 is not summed into it, nor the 栏次 row (1, 2, 3 …) under the header
        first, last = self.r0 + 1, (self.subtotals or self.total_row) - 1
        while first < last and column_numbers(self._labels(first)):
            first += 1
        notes, names, withdrawn = self._fix_total_at(self.total_row, first, last)
        return notes + self._fix_lines_under_total(first, last, names, withdrawn)

    def top_total(self) -> int | None:
        """A 合计 row of the whole table typed as its first row, right under the header (and its 栏次 row), over
        the projects — as statistical tables often put it — when the table has no 合计 under it."""
        for r in self.data_rows():
            if self.is_total(r):
                return r if self.reach(r) == WHOLE else None
            if not self._blank_row(r) and not column_numbers(self._labels(r)):
                return None
        return None

    def _fix_total_at(self, row: int, first: int, last: int) -> tuple[list[str], dict[int, str], bool]:
        """The 合计 row ``row`` made to sum the table's rows first…last (notes, the columns' names, whether
        withdrawn projects are among them)."""
        notes: list[str] = []
        names = {c: n for n, c in self.cols.items()}
        withdrawn = any(self.get(r, "状态") == WITHDRAWN for r in range(first, last + 1) if not self.is_total(r))
        for c in range(self.c0, self.c1 + 1):
            cell = self.ws.cell(row, c)
            value = cell.value
            if cell.data_type == "f" and isinstance(value, str):
                fixed = self._repoint_formula(value, first, last)
                if withdrawn and names.get(c) in AMOUNT_COLUMNS:
                    fixed, note = self._without_withdrawn(fixed, c, names[c], row)
                    notes += note
                elif withdrawn and self._counts_withdrawn(fixed, first, last):
                    notes.append(f"合计行（第{row}行）的{names.get(c) or get_column_letter(c) + '列'}"
                                 f"是自己写的公式，{_CHECK_WITHDRAWN}")
                if fixed != value:
                    cell.value = fixed      # the summary's own formula, re-pointed: never text from an input
                    self.changed = True
                if names.get(c) in AMOUNT_COLUMNS and self._table_ranges(fixed, first, last)[0]:
                    notes += self._amounts_as_text(names[c], first, last, row) + self._subtotals_summed(
                        fixed, c, (first, last), row, names[c])
                if self._misses_last_row(fixed, first, last):
                    notes.append(f"合计行（第{row}行）的{names.get(c) or get_column_letter(c) + '列'}公式"
                                 f"没有算到表格的最后一行（第{last}行），请核对")
            elif names.get(c) in AMOUNT_COLUMNS and not isinstance(number_value(value), str) and value is not None:
                # a withdrawn project counts nowhere else (统计, merge, province figures): not here either
                kept = [r for r in range(first, last + 1) if not self.is_total(r)]
                counted = [r for r in kept if not self.withdrawn(r)]   # as 统计 and merge read the row
                # each amount as 统计 and the merge count it ("8,000", "1200万元", "0.3亿元", "3000万以上" too)
                numbers = [bound_in_wan(v) if (n := amount_in_wan(v)) is None else n
                           for r in counted if not isinstance(v := self.get(r, names[c]), bool)]
                total = sum((Decimal(str(n)) for n in numbers if n is not None), Decimal(0))
                total = int(total) if total == total.to_integral_value() else float(total)
                if not same_value(number_value(value), total):
                    self.put_cell(cell, total)
                    rows = "表中各行（不含已撤回的项目）" if len(counted) < len(kept) else "表中各行"
                    was = as_typed(value)  # 3380 as typed, not the 3380.0 an open workbook's cell reads as
                    cell.comment = Comment(f"shibai：合计行原为手填的 {was}，已按{rows}重新计算为 {total}。", "shibai")
                    notes.append(f"合计行（第{row}行）的{names[c]}原为手填的 {was}，已按{rows}重新计算为 {total}")
        return notes, names, withdrawn

    def _subtotals_only(self) -> list[str]:
        """A county's or a type's 小计 closing a table with no 合计 of its own: left as typed, and said."""
        rows: list[int] = []
        for r in range(self.foot or self.r1 + 1, self.ws.max_row + 1):
            if self.is_total(r):
                rows += [r] if self.reach(r) == PART else []
            elif not self._blank_row(r) or r > self.r1 + 1 + TOTAL_GAP + len(rows):
                break
        if not rows:
            return []
        said = "、".join(f"第{r}行“{self._line_label(r)}”" for r in rows)
        return [f"表格下方的{said}是县（区）或类型的小计，只合计表中一部分项目，本工具没有改动、也没有核对；它下面没有紧接着的"
                "全表合计行（全表合计见“统计”表）。需要打印全表合计的，请在小计下面紧接着加一行“合计”，再刷新一次即由本工具计算核对"]

    def _amounts_as_text(self, name: str, first: int, last: int, row: int) -> list[str]:
        """The amounts of counted rows typed as text ("8,000" pasted from a web form, "1200万元", a lower bound
        "3000万以上" typed back from the application, which 统计 and merge count as its bound): the 合计 row's
        formula (SUM, SUMIFS in Excel, WPS and LibreOffice alike) leaves them out, while 统计 and the province merge
        count them — said, with the cells, so that the printed 合计 is not short unnoticed."""
        texts = [f"第{r}行“{value.strip()}”" for r in range(first, last + 1)
                 if not self.is_total(r) and not self.withdrawn(r)
                 and isinstance(value := self.get(r, name), str)
                 and (amount_in_wan(value) is not None or bound_in_wan(value) is not None)]
        if not texts:
            return []
        more = f"等{len(texts)}处" if len(texts) > 10 else ""
        return [f"合计行（第{row}行）的{name}{TEXT_AMOUNTS}：{'、'.join(texts[:10])}{more}"
                "（公式不计入文本，统计和全省合并按数字计入），合计比各行之和少了这些金额：请把这些单元格改为数字"]

    def _subtotals_summed(self, formula: str, c: int, rows: tuple[int, int], row: int, name: str) -> list[str]:
        """A county's 小计 typed among the projects (西秀区's rows, “小计”, the next county's) that the 合计's formula adds
        up with them: its projects counted twice, the printed 合计 too big — said (the formula is the clerk's)."""
        inside = [r for r in range(rows[0], rows[1] + 1) if self.is_total(r) and self.get(r, name) not in (None, "")]
        said = "、".join(f"第{r}行“{self._line_label(r)}”" for r in rows_taken_in(formula, c, inside))
        return [f"合计行（第{row}行）的{name}公式把表格中间的{said}也加了进去，小计中的项目被计入两次，合计偏大："
                "请把公式改为只加项目行（或把小计改用 SUBTOTAL 函数）"] if said else []

    def _fix_lines_under_total(self, first: int, last: int, names: dict[int, str], withdrawn: bool) -> list[str]:
        """The lines a clerk typed right under the 合计 row (其中：企业合计 =SUMIF(F4:F8,"企业",K4:K8) …): their
        formulas over the table's rows re-pointed as the 合计's are, so that none stays short of a project added
        above; a table with withdrawn projects asks for them to be checked."""
        notes = []
        for r in range(self.total_row + 1, min(self.total_row + 1 + UNDER_TOTAL_LINES, self.ws.max_row + 1)):
            formulas = [(c, cell) for c in range(self.c0, self.c1 + 1)
                        if (cell := self.ws._cells.get((r, c))) is not None and cell.data_type == "f"
                        and isinstance(cell.value, str)]
            if not formulas:
                break
            for c, cell in formulas:
                fixed = self._repoint_formula(cell.value, first, last)
                where = f"第{r}行（{self._line_label(r)}）的{names.get(c) or get_column_letter(c) + '列'}公式"
                if fixed != cell.value:
                    cell.value = fixed      # the clerk's own formula, re-pointed as Excel would on inserting rows
                    self.changed = True
                    notes.append(f"{where}已改为算到表格的最后一行（第{last}行）"
                                 + (f"，{_CHECK_WITHDRAWN}" if withdrawn else ""))
                elif withdrawn and self._counts_withdrawn(fixed, first, last):
                    notes.append(f"{where}算的是表格中的行，{_CHECK_WITHDRAWN}")
        return notes

    def _counts_withdrawn(self, formula: str, first: int, last: int) -> bool:
        """Whether a clerk's formula over the table's rows may count its withdrawn projects (=COUNTA, =AVERAGE,
        =SUMIF …; a SUMIFS/COUNTIFS that leaves "已撤回" out does not)."""
        return f'"<>{WITHDRAWN}"' not in formula and self._table_ranges(formula, first, last)[0]

    def _line_label(self, row: int) -> str:
        return next((str(v).strip() for c in LABEL_COLUMNS if (v := self.get(row, c)) not in (None, "")), "")

    def _without_withdrawn(self, formula: str, c: int, name: str, row: int) -> tuple[str, list[str]]:
        """A 合计 formula that sums its column, made to leave the withdrawn projects out as 统计 and merge do:
        =SUM(K4:K20) becomes =SUMIFS(K4:K20,状态列,"<>已撤回") (Excel 2007+, WPS and LibreOffice have it); any
        other formula is kept and the report asks the clerk to check it."""
        letter = get_column_letter(c)
        m = _COLUMN_SUM.fullmatch(formula)
        if m and m.group(1).replace("$", "").upper() == letter and m.group(3).replace("$", "").upper() == letter \
                and "状态" in self.cols:
            state = get_column_letter(self.cols["状态"])
            rows = (m.group(2).replace("$", ""), m.group(4).replace("$", ""))
            return (f'=SUMIFS({m.group(0)[5:-1]},${state}${rows[0]}:${state}${rows[1]},"<>{WITHDRAWN}")',
                    [f"合计行（第{row}行）的{name}公式已改为不计已撤回的项目（SUMIFS），与统计和全省汇总一致"])
        if formula.upper().startswith("=SUMIFS(") and f'"<>{WITHDRAWN}"' in formula:
            return formula, []
        return formula, [f"合计行（第{row}行）的{name}是自己写的公式，{_CHECK_WITHDRAWN}"]

    def _repoint_formula(self, formula: str, first: int, last: int) -> str:
        """A 合计 formula whose one-column ranges of the table cover rows first…last (tokenised by openpyxl:
        text in quotes and other sheets' ranges are left alone)."""
        return with_references(formula, lambda ref: self._repoint(ref, first, last))

    def _misses_last_row(self, formula: str, first: int, last: int) -> bool:
        """Whether a 合计 formula refers to the table's rows but not to its last one (=K4+K5+K6 after a project was
        added under them): Excel would show a total without that project."""
        referred, covered = self._table_ranges(formula, first, last)
        return referred and not covered

    def _table_ranges(self, formula: str, first: int, last: int) -> tuple[bool, bool]:
        """(whether the formula refers to the table's rows first…last, whether one of those references reaches
        the last row)."""
        referred = covered = False
        for t in references(formula) or ():
            if not is_reference(t):
                continue
            try:
                c1, r1, c2, r2 = range_boundaries(t.value)
            except ValueError:
                continue
            if None in (c1, r1, c2, r2) or c2 < self.c0 or c1 > self.c1 or r2 < first or r1 > last:
                continue
            referred = True
            covered = covered or r1 <= last <= r2
        return referred, covered

    def _repoint(self, ref: str, first: int, last: int) -> str:
        """A range of the table's columns ("F5:F9", "$F$5:$F9", "K5:L9") made to cover rows first…last."""
        if ref.count(":") != 1:
            return ref
        try:
            c1, r1, c2, r2 = range_boundaries(ref)
        except ValueError:
            return ref
        if r1 is None or r2 is None or not self.c0 <= c1 <= c2 <= self.c1 or r1 < self.r0:
            return ref
        a, b = ref.split(":")
        return f"{a.rstrip('0123456789')}{first}:{b.rstrip('0123456789')}{last}"

    def put_cell(self, cell, value: Any) -> None:
        if cell.value != value:
            set_cell(cell, value)
            self.changed = True

    def next_serial(self) -> int:
        last = self._serial
        if last is None:   # the table's highest 序号, read once; then counted on
            # a 序号 typed as text (a WPS 文本 cell, pasted from Word, full-width “４”) counts as its number
            numbers = [number_value(normalize(n)) if isinstance(n, str) else n
                       for n in (self.get(r, "序号") for r in self.data_rows())]
            last = max([int(n) for n in numbers if isinstance(n, (int, float)) and not isinstance(n, bool)
                        and (isinstance(n, int) or math.isfinite(n))] + [0])
        self._serial = last + 1
        return self._serial

    # --- state: what the tool last wrote ------------------------------------------------------
    def read_state(self) -> dict[str, dict[str, Any]]:
        return summary_state.read_state(self.wb)

    def write_state(self, state: dict[str, dict[str, Any]]) -> None:
        self.changed = summary_state.write_state(self.wb, state) or self.changed


TITLE_NAME = "sb_summary_title"


def title_cells(wb: Workbook) -> Iterator[Cell]:
    """The cells the ``sb_summary_title`` name points to (on sheets the workbook has)."""
    title = defined(wb, TITLE_NAME)   # in any case, as Excel finds it
    for sheet, ref in (name_places(title) if title is not None else ()):
        if sheet in wb.sheetnames:
            yield wb[sheet][ref.replace("$", "").split(":")[0]]


def summary_city(wb: Workbook) -> str:
    """The 市（州） a city summary's title names ("贵阳市2024年电商…汇总表"); "" for the template's "XX市（州）…", a
    provincial table or a title that names none."""
    if is_province(wb):
        return ""
    return next((city_in(cell.value) for cell in title_cells(wb)), "")


def table_header(wb: Workbook) -> tuple[Worksheet, int, int, dict[str, int]]:
    """(sheet, header row, last row, header → column) of the sb_summary table, its header read alone (a whole
    SummaryBook of 1000 rows costs ~40 ms); a range that cannot be read is refused as SummaryBook refuses it."""
    ws, table = find_table(wb)
    try:
        (r0, c0), (r1, c1) = corners(table.ref)
    except ValueError:
        SummaryBook(wb)   # refused there with the reason
        raise
    return ws, r0, r1, shown_header(ws, r0, c0, c1)[0]


def is_province(wb: Workbook) -> bool:
    """A provincial table (``shibai merge`` made it): its title says 全省 (or is the year file's province_title), or
    its table has the 报送市州 column."""
    ws, r0, _r1, cols = table_header(wb)
    if SCOPE_COLUMN in cols or any(province_titled(cell.value) for cell in title_cells(wb)):
        return True
    # no title name (a copy of the open workbook's values): the title is written above the table's header
    return any(province_titled(c.value) for row in ws.iter_rows(max_row=max(1, r0 - 1))
               for c in row if isinstance(c.value, str))
