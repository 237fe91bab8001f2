"""The application as the engine sees it: raw cell values by contract name.

Adapters (openpyxl on a closed file, xlwings on the open workbook, a plain
dict in tests and UDFs) build an :class:`Application`; the engine never knows
where a value came from except for the sheet/cell it carries for messages.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding


@dataclass
class RawField:
    value: Any = None
    sheet: str | None = None
    cell: str | None = None
    percent_format: bool = False
    formula_without_value: bool = False
    date_format: bool = False     # a figure's cell is painted with a date format (parse/dated_figures.py)
    unit_format: str | None = None   # an amount's cell's number format showing a unit: 0"万美元" (parse/format_units.py)
    # the words typed in the cell right of a 是/否 answer ("是 | 带宽50M"), read as its remark, and that cell ("D21")
    remark: Any = None
    remark_cell: str | None = None


@dataclass(slots=True)
class ResidentRow:
    """One row of the 入驻企业名单 (附件3), values keyed by the 附件3 header text (300 of them a park: slots)."""

    values: dict[str, Any]
    sheet: str | None = None
    row: int | None = None                    # worksheet row number, for messages
    columns: dict[str, str] = field(default_factory=dict)  # header → column letter (shared by all rows)

    def get(self, header: str) -> Any:
        return self.values.get(header)

    def cell(self, header: str) -> str | None:
        letter = self.columns.get(header)
        return f"{letter}{self.row}" if letter and self.row else None


class ResidentTable(Sequence):
    """The 附件3 rows a reader found, kept by column: a park lists 300 companies, and making a row object for
    each costs more than checking them (:func:`shibai_xl.engine.residents.totals` reads the columns). Rows
    are made when asked for (an index, iteration, a message); it compares equal to the same rows as a list.

    ``columns``: header → the column's values from the first row to the last, "" where blank. ``total_row``:
    the row number and figures (header → value) of the 合计 row under the last company, when the list has one
    (left out of the rows; :func:`shibai_xl.engine.resident_claims.cross_check` compares it with their sums).
    ``unsaved``: header → how many of the column's blank cells are formulas saved without their results (the file
    reader marks them: the figures are there, unread, and no message may say they were not filled in)."""

    def __init__(self, columns: dict[str, Sequence[Any]], rows: Sequence[int], sheet: str | None,
                 letters: dict[str, str], total_row: tuple[int, dict[str, Any]] | None = None) -> None:
        self.columns, self.row_numbers, self.sheet, self.letters = columns, rows, sheet, letters
        self.total_row = total_row
        self.unsaved: dict[str, int] = {}
        # header → (its text, sheet, cell) of an amount column whose header names its 统计期, as 附件3 prints it:
        # "(2023年1月-2023年12月)年度网络零售额(万元)"
        self.periods: dict[str, tuple[str, str | None, str]] = {}
        self.said_names: set[int] = set()   # rows whose blank 企业名称 the reader said (an error value, a picture)
        self.struck: dict[str, tuple[Any, ...]] = {}   # header → the figures of the rows left out as struck through
        self.unseen: dict[str, tuple[Any, ...]] = {}   # header → the figures of its hidden rows (counted, not shown)
        self._rows: list[ResidentRow] | None = None

    def column(self, header: str) -> Sequence[Any]:
        """The column's values ("" or None where blank); all blank when the list has no such column."""
        got = self.columns.get(header)
        return got if got is not None else ("",) * len(self.row_numbers)

    def without_rows(self, gone: set[int]) -> ResidentTable:
        """The table without the rows ``gone`` (企业名称 struck through: crossed out by the park), their values kept
        apart in ``struck``: the list's own 合计 row may sum them still, as a SUM over every row does."""
        keep = [r not in gone for r in self.row_numbers]
        left = ResidentTable({h: [v for v, k in zip(values, keep) if k] for h, values in self.columns.items()},
                             [r for r, k in zip(self.row_numbers, keep) if k], self.sheet, self.letters, self.total_row)
        left.periods = self.periods
        left.struck = {h: tuple(v for v, k in zip(values, keep) if not k) for h, values in self.columns.items()}
        return left

    def hide(self, hidden: set[int]) -> None:
        """The rows ``hidden`` (a filter left on, hidden by hand) counted still, their figures kept apart in
        ``unseen``: the list's own 合计 row may leave them out, as a SUBTOTAL does."""
        self.unseen = {h: tuple(v for r, v in zip(self.row_numbers, values) if r in hidden)
                       for h, values in self.columns.items()}

    def set_column(self, header: str, values: Sequence[Any]) -> None:
        """A column read again as its cells show it (the reader's): the rows made of the old values are dropped."""
        self.columns[header] = tuple(values)
        self._rows = None

    @property
    def rows(self) -> list[ResidentRow]:
        if self._rows is None:
            names = list(self.columns)
            self._rows = [ResidentRow({h: (None if v == "" else v) for h, v in zip(names, values)}, self.sheet, r,
                                      self.letters)
                          for r, values in zip(self.row_numbers, zip(*self.columns.values()))] if names else \
                [ResidentRow({}, self.sheet, r, self.letters) for r in self.row_numbers]
        return self._rows

    def __len__(self) -> int:
        return len(self.row_numbers)

    def __getitem__(self, i):
        return self.rows[i]

    def __iter__(self):
        return iter(self.rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and self.rows == list(other)

    def __repr__(self) -> str:
        return f"ResidentTable({len(self)} rows, sheet={self.sheet!r})"


class ResidentRows(list):
    """The rows of a list read in parts (going on over further sheets, sent in several files), with each part's
    :class:`ResidentTable` ``unsaved`` summed: joining the parts must not lose what the reader found of them."""

    def __init__(self, rows: Any = (), parts: Sequence[Sequence[ResidentRow]] = ()) -> None:
        super().__init__(rows)
        self.unsaved: dict[str, int] = {}
        self.periods: dict[str, tuple[str, str | None, str]] = {}
        for part in parts:
            for header, n in getattr(part, "unsaved", {}).items():
                self.unsaved[header] = self.unsaved.get(header, 0) + n
            for header, said in getattr(part, "periods", {}).items():
                self.periods.setdefault(header, said)


# 附件3 header (CONTRACT.md section 3); the reader maps header variants onto these.
RESIDENT_HEADER = ("序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
                   "年度网络交易额（万元）", "年度网络零售额（万元）", "备注")
RESIDENT_USCC = "统一社会信用代码"
# a column lists copied from 企查查/天眼查 carry (登记状态 存续/注销, 经营状态 在业/吊销): a company closed is no resident
RESIDENT_STATUS = "登记状态"


@dataclass
class Application:
    type: str
    raw: dict[str, RawField] = field(default_factory=dict)
    residents: Sequence[ResidentRow] | None = None   # None: this workbook has no resident list (a list or a ResidentTable)
    residents_sheet: str | None = None
    residents_file: str | None = None            # a separate 附件3 workbook the list was read from (its file name)
    # separate 附件3 workbooks beside it that are its list too, not read: the workbook has a list of its own
    lists_beside: list[str] = field(default_factory=list)
    # the separate 附件3 workbook(s) found beside it that could not be read: (file name, why)
    residents_unreadable: list[tuple[str, str]] = field(default_factory=list)
    materials: dict[str, RawField] = field(default_factory=dict)
    reviewer: dict[str, RawField] = field(default_factory=dict)   # 附件5 item id → a reviewer's own score
    source: str = ""
    reader_findings: list[Finding] = field(default_factory=list)
    year: int = 2024
    # False: the workbook has no 补充信息 sheet (a form typed by hand, read by its printed labels)
    supplementary_sheet: bool = True

    @classmethod
    def from_values(cls, app_type: str, values: dict[str, Any], residents: list[dict[str, Any]] | None = None,
                    source: str = "", **kw: Any) -> Application:
        """Build from plain values (tests, UDFs): ``{"sb_name": "…", "sb_trade_total": 3.5, …}``."""
        raw = {k: v if isinstance(v, RawField) else RawField(v) for k, v in values.items()}
        rows = None if residents is None else [ResidentRow(dict(r), row=i + 1) for i, r in enumerate(residents)]
        return cls(type=app_type, raw=raw, residents=rows, source=source, **kw)

    def value(self, name: str) -> Any:
        f = self.raw.get(name)
        return None if f is None else f.value

    def fill_in(self, supplementary: bool) -> str:
        """Where a blank field is filled in, for messages: its sheet, or beside its label on a hand-typed form."""
        if not supplementary:
            return "请在申报表填写"
        if self.supplementary_sheet:
            return "请在“补充信息”表填写"
        return "此工作簿没有“补充信息”表，请在申报表中该项名称旁的单元格填写（表中没有该项的，加一行写上名称和内容）"

    def where(self, name: str) -> tuple[str | None, str | None]:
        f = self.raw.get(name)
        return (f.sheet, f.cell) if f else (None, None)
