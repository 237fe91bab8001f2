"""What the tool writes into a workbook, as plain data (no openpyxl, no xlwings).

* :class:`WritePlan` is what ``check --write`` puts into an application workbook,
  by defined name. The file adapter (a closed file), the xlwings adapter (the
  workbook open in Excel) and the WPS add-in (through ``shibai serve``) all apply
  the one plan that :func:`plan_check` builds, so they write the same cells.
* :class:`Edits` is a plan resolved against one workbook: cell blocks, hyperlinks,
  notes to remove, fills and notes to add, a table to resize, sheets to add. The
  adapters resolve it (``shibai_xl.adapters.edits``, which also gives its JSON); Excel
  applies it through xlwings, the WPS add-in applies the JSON through ``Range.Value2``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from ..rules import Severity, Status
from .check import CheckResult
from .findings import CODES, Finding
from .fmt import fmt
from .parse.text import EXCEL_ERRORS, FORMULA_LEAD

COMMENT_AUTHOR = "shibai-xl"
RESULT_FIRST_ROW = 5
RESULT_COLUMNS = 4                                        # 级别, 代码, 说明, 位置
MAX_COMMENT = 600
INPUT_COLOR = "#FFF8DC"                                   # styles.INPUT_FILL: a cell to type in
MARK_COLORS = {Severity.ERROR: "#FFC7CE", Severity.WARNING: "#FFEB9C"}  # styles.FINDING_FILL / WARNING_FILL
# THE recognition of this tool's notes (every adapter uses it): plan_check writes "[CODE] message", CODE of a
# family of CONTRACT §5 (ELIG_, FIELD_, XC_ …); ``match`` a note's text, ``search`` a comments part's XML
OUR_NOTE = re.compile(r"\s*\[(?:{})_[A-Z0-9_]+\] ".format("|".join(sorted({c.split("_")[0] for c in CODES}))))


@dataclass
class Mark:
    sheet: str
    cell: str
    severity: Severity
    comment: str


@dataclass
class WritePlan:
    values: list[tuple[str, Any]] = field(default_factory=list)   # (defined name, value)
    result_rows: list[list[Any]] = field(default_factory=list)    # rows of the 校验结果 table
    links: list[str | None] = field(default_factory=list)         # hyperlink target per result row
    marks: list[Mark] = field(default_factory=list)
    # [编号, 三级指标, 分值] per rubric item: the printed part of a 评分 sheet, for a workbook that has none
    score_items: list[list[Any]] = field(default_factory=list)


def score_names(item_id: str) -> tuple[str, str, str]:
    key = item_id.replace(".", "_")
    return f"sb_score_auto_{key}", f"sb_score_reason_{key}", f"sb_score_review_{key}"


def plan_check(result: CheckResult, now: datetime | None = None) -> WritePlan:
    """What ``check --write`` writes: the verdict and scores by name, a row per finding, a mark per cell."""
    # cells of this workbook: a separate resident list's are in its own file (its sheet may share a name with ours)
    here = [bool(f.sheet and f.cell) and not result.elsewhere(f) for f in result.findings]
    return WritePlan(values=_result_values(result, now or datetime.now()),
                     result_rows=[[Severity(f.severity).label, f.code, f.message, result.where(f)]
                                  for f in result.findings],
                     # a quote in a sheet name is doubled inside the quoted name, as in a formula
                     links=[f"#'{f.sheet.replace(chr(39), chr(39) * 2)}'!{f.cell}" if ok else None
                            for f, ok in zip(result.findings, here)],
                     marks=_marks([f for f, ok in zip(result.findings, here) if ok]),
                     score_items=[[i.id, i.text or i.label, i.max] for i in result.score.items])


def _result_values(result: CheckResult, now: datetime) -> list[tuple[str, Any]]:
    """The 校验结果 header (verdict, score, counts) and the 评分 sheet's suggested scores and reasons. The reasons of
    a verdict not 达标 are the ELIG_ rows of the table below: in the narrow verdict cell they were cut off."""
    undecided = any(c.status in (Status.FAIL, Status.UNKNOWN) for c in result.eligibility.conditions)
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in Severity}
    out: list[tuple[str, Any]] = [
        ("sb_result_status", f"{result.status}" + ("（原因见下表）" if undecided else "")),
        ("sb_result_score", f"{fmt(result.score.auto)} / {fmt(result.score.max)}"),
        ("sb_result_note", f"检查时间：{now:%Y-%m-%d %H:%M}；" + "，".join(f"{s.label}{counts[s]}项" for s in Severity)
                           + f"。上传文件名：{result.upload_name}"),
    ]
    for item in result.score.items:
        auto, reason, _ = score_names(item.id)
        out += [(auto, item.auto), (reason, item.reason)]
    return out


def _marks(located: list[Finding]) -> list[Mark]:
    """One mark per cell with an error or a warning: the worst severity, every finding's note (bounded)."""
    by_cell: dict[tuple[str, str], Mark] = {}
    for f in located:
        # one line a finding: a value typed on two lines, quoted in the message, would read as a person's line
        key, text = (f.sheet, f.cell), f"[{f.code}] {' '.join(f.message.splitlines())}"
        m = by_cell.get(key)
        if m is None:
            by_cell[key] = Mark(f.sheet, f.cell, f.severity, text[:MAX_COMMENT])
            continue
        m.comment = _bounded(m.comment + "\n" + text)
        if f.severity == Severity.ERROR:
            m.severity = Severity.ERROR
    return [m for m in by_cell.values() if m.severity in MARK_COLORS]


def _bounded(comment: str) -> str:
    """A note cut to MAX_COMMENT characters at most, never inside a line's "[CODE] " (it would read as a person's)."""
    cut = comment[:MAX_COMMENT]
    head, _, last = cut.rpartition("\n")
    return head if head and not OUR_NOTE.match(last) else cut


ANSWERED = "answered"    # :func:`note_owner` of our note a person wrote in: theirs now, still the mark of a finding


def note_owner(author: str | None, text: str | None) -> bool | str:
    """True: a note this tool wrote, authored ``shibai-xl`` (``check --write``) or "[CODE] …" (the add-ins, whose
    notes carry the user's name as author). :data:`ANSWERED`: such a note with a line of anything else beside its
    findings' lines ("[CODE] …", one a finding): a person's reply typed into it (a cell holds one note), kept as
    theirs while its cell is still one of our marks. False: a person's own note."""
    text = text or ""
    if not (author == COMMENT_AUTHOR or OUR_NOTE.match(text)):
        return False
    kinds = {bool(OUR_NOTE.match(line)) for line in text.splitlines() if line.strip()}
    return ANSWERED if kinds == {True, False} else True


def is_our_note(author: str | None, text: str | None) -> bool:
    """A note this tool wrote and no one wrote in (:func:`note_owner`): replaced or removed by the next check."""
    return note_owner(author, text) is True


class Formula(str):
    """A formula to write as a formula (``"=SUM(B3:E3)"``), not as text."""


# text Excel and WPS would turn into something else when it is set as a cell's value, as when typed: a number
# (an all-digit 统一社会信用代码 or phone loses digits), a date ("2024-05", "2024年5月"), a time, a percentage, TRUE
_READ_AS_VALUE = re.compile(r"^\s*[\d.(（$¥￥]|^\s*(?:true|false)\s*$", re.IGNORECASE)
# and text that starts like a formula, or with an apostrophe, which Excel and WPS take for the prefix and drop
_QUOTED_LEAD = (*FORMULA_LEAD, "'")


def excel_value(value: Any) -> Any:
    """A value as it must be handed to Excel or WPS: text stays text, the same text the file faces write, even
    when it starts like a formula or reads like a number or a date.

    An error value's text ("#N/A", "#ref!": a name an applicant typed) is quoted too: set as it is, Excel and WPS
    store the error value, as when it is typed, and the next refresh reads no name there; and text that begins with
    an apostrophe ("'黔货'电商"), whose apostrophe they would take for the prefix and drop.

    >>> [excel_value(v) for v in ("=1+1", "915201021440001530", "2024-05", "贵州", "TRUE", "#N/A", "'甲'", 12)]
    ["'=1+1", "'915201021440001530", "'2024-05", '贵州', "'TRUE", "'#N/A", "''甲'", 12]
    """
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        value = value.replace("\x00", "")
        if value.startswith(_QUOTED_LEAD) or _READ_AS_VALUE.match(value) or value.upper() in EXCEL_ERRORS:
            return "'" + value       # the quote prefix: stored as text, shown without the quote
    return value


@dataclass
class Block:
    """A rectangle of values from (row, col), 1-based: one range write."""
    sheet: str
    row: int
    col: int
    values: list[list[Any]]


@dataclass
class Link:
    sheet: str
    cell: str
    target: str          # "'申报表'!C5" (a place in this workbook)
    text: Any


@dataclass
class Edits:
    """Everything one action changes in one open workbook, in the order it is applied."""
    new_sheets: list[tuple[str, bool]] = field(default_factory=list)       # (name, hidden)
    columns: list[tuple[str, str, float, bool]] = field(default_factory=list)  # of a new sheet: (sheet, column,
                                                                               # width in characters, wraps)
    insert_rows: list[tuple[str, int]] = field(default_factory=list)       # (sheet, row): a whole row inserted
                                                                            # there, cells below moving down, in order
    table: tuple[str, str, str] | None = None                               # (sheet, table, new ref)
    # (sheet, from, to): a cell a person typed that the results moved, copied there whole (its font, fill, number
    # format, link; its value is the block's), before the unlink; to None: the cell it left, its formats cleared
    moves: list[tuple[str, str, str | None]] = field(default_factory=list)
    unlink: list[tuple[str, str]] = field(default_factory=list)            # (sheet, range): old links off
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    clear_notes: list[tuple[str, str]] = field(default_factory=list)       # our notes of the last run
    colors: list[tuple[str, str, str]] = field(default_factory=list)       # (sheet, cell, "#RRGGBB")
    notes: list[tuple[str, str, str]] = field(default_factory=list)        # (sheet, cell, text)
    # (sheet, cell, number format) after the blocks: a 合计 shown "≥" where it adds a lower bound, plain again without
    formats: list[tuple[str, str, str]] = field(default_factory=list)
    # (sheet, "$A$1:$P$45"), last: a person's print area ending at the table's old last row, taken to its new one
    print_area: tuple[str, str] | None = None
    said: str = ""   # what the edits leave out or change that the action's message must say (no edit itself)

    @property
    def empty(self) -> bool:
        return not (self.new_sheets or self.insert_rows or self.table or self.blocks or self.links or self.clear_notes
                    or self.colors or self.notes or self.formats or self.print_area)

    def sheets_written(self) -> list[str]:
        """The workbook's existing sheets these edits write into (not the ones they add), in order of first use:
        each must be unprotected before the first write, or the book would be left half done."""
        added = {name for name, _ in self.new_sheets}
        named = [*(c[0] for c in self.columns), *(i[0] for i in self.insert_rows),
                 *([self.table[0]] if self.table else []), *(m[0] for m in self.moves),
                 *(u[0] for u in self.unlink),
                 *(b.sheet for b in self.blocks), *(k.sheet for k in self.links), *(n[0] for n in self.clear_notes),
                 *(c[0] for c in self.colors), *(n[0] for n in self.notes), *(f[0] for f in self.formats),
                 *([self.print_area[0]] if self.print_area else [])]
        return [s for s in dict.fromkeys(named) if s not in added]
