"""What ``shibai review collect`` reads back: the experts' 专家评分表 and the round's 评审安排.

Values are read with calamine (never running anything in the file); rows are found by their 项目编号 and 指标编号
wherever they stand (sorted, filtered, moved). A workbook whose 满分, header or hidden round information no longer
match what was issued is refused, naming the expert and the cell.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import get_column_letter, range_boundaries

from ...engine import review as R
from ...engine.fmt import fmt
from ...engine.parse.number import UnsavedFormula
from ...engine.parse.text import normalize
from ...errors import WrongKind
from ...rules import Rules
from .package import Table, UnreadableFile, open_package
from .reader import OpenWorkbook, open_workbook
from .review_layout import (
    EXPERT_COLUMNS,
    EXPERT_KIND,
    EXPERTS_SHEET,
    KEY_COLUMNS,
    PERCENT_SHEET,
    PLAN_KIND,
    RECUSED_MARK,
    SCORE_SHEET,
    STATE_COLUMNS,
    STATE_SHEET,
    TABLE,
    TOTAL_SHEET,
)
from .review_totals import is_keyed, says_no_recusal, subtotal_sees_recusal
from .score_reading import HELPER_HEADS, percent_scores
from .source import CellInfo

# a header as an expert may retype it to fit his printout: a line break (Alt+Enter), spaces, its unit (“满分（分）”)
_HEAD_UNIT = re.compile(r"\([^()]*分[^()]*\)$")   # “（分）”, “（0-10分）”, “（0～满分）”


def head_key(value: Any) -> str:
    """A header of the score table as compared with the issued one: without white space or a “（分）” unit.

    >>> head_key("专家\\n评分"), head_key(" 专家 评分 "), head_key("专家评分（分）"), head_key("备\u3000注")
    ('专家评分', '专家评分', '专家评分', '备注')
    """
    return _HEAD_UNIT.sub("", re.sub(r"\s+", "", normalize(value)))


HELPERS = {head_key(h) for h in HELPER_HEADS}
ISSUED = {head_key(c) for c in EXPERT_COLUMNS}   # the columns the tool issues, as their headers read
# the columns a score cannot be read without; the others (建议理由, 指标 …) an expert may delete to fit his page
NEEDED_COLUMNS = ("项目编号", "指标编号", "专家评分")

# --- reading an expert workbook back ------------------------------------------------------------------

class NotAReviewBook(WrongKind):
    """A workbook that is not one of the review workbooks."""


# what else can be done with an expert's workbook changed where it must not be: ``make`` keeps a scored one, so it is
# moved out first; the other experts' scored workbooks are kept as they are
REISSUE = ("也可以把这份评分表移出评审文件夹，用原来的专家名单重新生成评分表（只为这位专家生成新的空白评分表，其他专家已评分的"
           "评分表不会被覆盖），请专家重新评分")


class Tampered(UnreadableFile):
    """An expert workbook changed where it must not be; ``str(e)`` names the expert and the cell."""


@dataclass
class ExpertBook:
    path: Path
    round_id: str
    expert: str
    city: str
    round_fp: str
    check: str
    projects: list[R.Project]
    sheet: R.ExpertSheet
    entered: int = 0          # scores typed (non-blank cells), recused rows included


@dataclass
class Plan:
    path: Path
    round_id: str
    round_fp: str
    projects: list[R.Project]
    experts: dict[str, tuple[str, set[str], str]] = field(default_factory=dict)   # name → (city, recused, file)
    source: str = ""          # the summary the round was made from, relative to the round folder (or absolute)


XLSB_UNKNOWN = ("工作簿为 Excel 二进制（.xlsb）格式，本工具不读取其中的定义名称，无法核对它是不是本轮的专家评分表，"
                "其中的评分未计入。请用 Excel/WPS 打开后“另存为 Excel 工作簿（*.xlsx）”，放回评审文件夹后重新汇总")


def book_kind(path: Path) -> str | None:
    """'review-expert', 'review-plan', 'review-result', 'summary' … from the workbook's sb_type name. An .xlsb says
    nothing (its names are not decoded): UnreadableFile, as it may be an expert's returned scores."""
    pkg = open_package(path)
    try:
        kind = pkg.constant("sb_type")
        if kind is None and TABLE in pkg.tables:
            kind = EXPERT_KIND
        if kind is None and pkg.fmt == "xlsb":
            raise UnreadableFile(XLSB_UNKNOWN)
        return kind
    finally:
        pkg.close()


def book_round(path: Path) -> str:
    """The review round a review workbook records (its sb_review_round name); "" where it records none."""
    pkg = open_package(path)
    try:
        return str(pkg.constant("sb_review_round") or "")
    finally:
        pkg.close()


COPIED_SCORES = ("看起来是专家评分表（有“专家评分”等表头），但缺少本工具记录的评审信息（可能是把评分表复制到了新工作簿），"
                 "无法确认是哪位专家、哪一轮的评分，其中的评分未计入。请让专家把评分填回原始评分表（专家评分表-姓名.xlsx）后交回")


def looks_like_scores(path: Path) -> bool:
    """A workbook that is no review workbook but has the score table's header in its first rows: an expert's scores
    copied into a workbook of his own (the hidden round information left behind). Read only for the few files of a
    round folder that are not review workbooks."""
    want = [head_key(h) for h in EXPERT_COLUMNS]
    wb = open_workbook(path)
    try:
        return any(line[c:c + len(want)] == want for _sheet, _r, line in _top_lines(wb, wb.pkg.sheets)
                   for c in range(len(line) - len(want) + 1))
    finally:
        wb.close()


def _top_lines(wb: OpenWorkbook, sheets: list[str]):
    """(sheet, row, its values as headers compare, :func:`head_key`) of the first 20 rows of each of ``sheets``: where
    the score table's header is looked for."""
    for sheet in sheets:
        grid = wb.grid(sheet)
        for r in range(1, min(grid.height, 20) + 1):
            yield sheet, r, [head_key(v) for v in grid.rows[r - 1]]


def _read_projects(wb: OpenWorkbook, where: str) -> tuple[list[R.Project], set[str]]:
    if STATE_SHEET not in wb.pkg.sheets:
        raise Tampered(f"{where}缺少隐藏的评审信息（工作表 {STATE_SHEET} 被删除），无法确认项目名单")
    grid = wb.grid(STATE_SHEET)
    header = [normalize(grid.get(1, i + 1)) for i in range(len(STATE_COLUMNS))]
    if header != [normalize(h) for h in STATE_COLUMNS]:
        raise Tampered(f"{where}隐藏的评审信息格式不对（{STATE_SHEET}!A1），无法确认项目名单")
    projects, recused = [], set()
    for r in range(2, grid.height + 1):
        v = [grid.get(r, i + 1) for i in range(len(STATE_COLUMNS))]
        if all(x in (None, "") for x in v):
            continue
        text = ["" if x is None else str(x) for x in v]
        projects.append(R.Project(no=text[0], name=text[1], type=text[2], city=text[3], county=text[4],
                                  status=text[5], uscc=text[7], source=text[8]))
        if text[6] == "是":
            recused.add(text[0])
    return projects, recused


def _same(found: Any, expected: Any) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        try:
            return found is not None and not isinstance(found, bool) and float(found) == float(expected)
        except (TypeError, ValueError):
            return False
    return normalize(found) == normalize(expected)


def _show(v: Any) -> str:
    if v is None or v == "":
        return "空"
    if isinstance(v, float):
        return f"“{fmt(v)}”"
    return f"“{normalize(v)[:30]}”"


def _header_table(wb: OpenWorkbook):
    """Where the score table's header row is, when the table itself did not survive (an .xls saved by WPS/Excel, or
    such an .xls saved back as .xlsx): on the 评分表 sheet, or — an expert may rename it (“张三评分”) — on the first
    other sheet that has the header (the few sheets of an expert workbook, read only on this path)."""
    sheets = [SCORE_SHEET] if SCORE_SHEET in wb.pkg.sheets else []
    sheets += [s for s in wb.pkg.sheets if s not in (SCORE_SHEET, STATE_SHEET, TOTAL_SHEET, PERCENT_SHEET)]
    want = [head_key(h) for h in EXPERT_COLUMNS]
    for sheet, r, line in _top_lines(wb, sheets):
        if want[0] not in line:
            continue
        c = line.index(want[0])     # 项目编号, then the other needed headers to its right (a remarks column between)
        if all(head_key(h) in line[c:] for h in NEEDED_COLUMNS):
            ref = f"{get_column_letter(c + 1)}{r}:{get_column_letter(c + len(want))}{r}"
            return Table(TABLE, sheet, ref, list(EXPERT_COLUMNS))
    return None


def read_expert_book(path: str | Path, rules: Rules) -> ExpertBook:
    """An expert workbook, checked against what was issued; raises Tampered/NotAReviewBook/UnreadableFile."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        return _read_expert(wb, path, rules)
    finally:
        wb.close()


def _read_expert(wb: OpenWorkbook, path: Path, rules: Rules) -> ExpertBook:
    """The scores of an expert workbook, after every check that it is the one issued."""
    table, expert, meta = _expert_identity(wb, path)
    who = f"专家{expert}的评分表“{path.name}”"
    projects, recused = _read_projects(wb, who)
    _check_fingerprints(who, expert, meta, projects, recused, rules)
    scores = _ScoreRows(wb, table, who, expert)
    scores.check_header()
    sheet = R.ExpertSheet(expert=expert, city=meta["expert_city"], recused=set(recused), file=path.name,
                          columns_gone=scores.gone)
    found = scores.find_rows(R.layout(projects, rules), recused, rules)
    entered = 0
    errors = wb.error_cells(scores.sheet)    # #N/A in a score cell: quoted back, never read as a blank (未评分)
    for p, item, r in found.rows:
        if r is None:                        # its row is gone: not scored (a recused project's: never counted)
            sheet.scores.setdefault(p.no, {})[item.id] = None
            if p.no not in recused:
                sheet.deleted.setdefault(p.no, []).append(item.id)
            continue
        raw = scores.get(r, "专家评分")
        if raw in (None, "") and errors:
            raw = errors.get(scores.ref(r, "专家评分").split("!")[-1], raw)
        if raw not in (None, "") and not (isinstance(raw, str) and not raw.strip()):
            entered += 1
        sheet.scores.setdefault(p.no, {})[item.id] = raw
        sheet.cells.setdefault(p.no, {})[item.id] = scores.ref(r, "专家评分")
        remarks = [x for k in found.all_rows[(p.no, item.id)] for x in scores.remarks(k)]
        if raw in (None, "") and (typed := scores.typed_suggestion(r, item.points)):
            remarks.append(typed)      # his score typed over the tool's 建议分: said where, never counted
        if added := scores.typed_criterion(r, item.label):
            remarks.append(added)
        if remarks:
            sheet.remarks.setdefault(p.no, {})[item.id] = remarks
    sheet.broken, sheet.stray, sheet.declared = found.broken, found.stray, found.declared
    at = {cell.split("!")[-1]: (no, item) for no, cells in sheet.cells.items() for item, cell in cells.items()}
    _percent_scores(wb, scores.sheet, sheet, at)
    # the score cells' formulas, asked of the sheet once: blank ones (a book as issued, read again by make, has
    # nothing to look for) and, in a book linking to others, every one the expert scores
    where = {ref: at[ref] for ref in at if at[ref][0] not in recused}
    blank = {ref: x for ref, x in where.items() if sheet.scores[x[0]].get(x[1]) in (None, "")} if entered else {}
    asked = where if wb.pkg.links else blank
    info = wb.cell_info(scores.sheet, list(asked)) if asked else {}
    entered += _formulas_without_value(sheet, blank, info)
    sheet.moved = found.moved       # rows sorted or moved: the 小计 formulas of earlier versions sum fixed rows
    if wb.pkg.links:
        sheet.links = [x for x in wb.pkg.links if x.startswith("链接到")]
        sheet.linked = _linked_scores(where, info)
    sheet.shown_totals, sheet.keyed_totals = _shown_totals(wb)
    for no, cell in _subtotal_recusals(wb).items():   # “回避” typed on the 小计 sheet: as typed on the 评分表
        if no not in {p.no for p in projects} or no in {*recused, *sheet.declared, *sheet.broken}:
            continue
        if not any(normalize(v) for v in sheet.scores.get(no, {}).values() if v is not None):
            sheet.declared[no] = cell       # nothing scored: his recusal
        else:
            sheet.broken[no] = [f"{cell} 为“回避”（{R.SELF_RECUSAL}，评审安排中不需回避本项目，本项目又评了分；确需回避的，"
                                "本项目按其他专家的评分计算；不需回避的，请专家删去“回避”后交回）"]
    copies = _copied_sheets(wb, scores.sheet)    # pointed to for the items left blank; else said as a whole
    if any(v in (None, "") for no, items in sheet.scores.items() if no not in recused for v in items.values()):
        sheet.copies = copies
    else:
        sheet.extra_sheets = {name: sum(map(len, nos.values())) for name, nos in copies.items()}
    return ExpertBook(path=path, round_id=meta["round"], expert=expert, city=meta["expert_city"],
                      round_fp=meta["fingerprint"], check=meta["check"], projects=projects, sheet=sheet,
                      entered=entered)


def _percent_scores(wb: OpenWorkbook, sheet_name: str, sheet: R.ExpertSheet, at: dict[str, tuple[str, str]]) -> None:
    """A score typed “10%” into a number cell becomes the text it shows (:func:`.score_reading.percent_scores`);
    ``at``: each score cell → (项目编号, item)."""
    for ref, shown in percent_scores(wb, sheet_name, {ref: sheet.scores[no].get(item)
                                                       for ref, (no, item) in at.items()}).items():
        no, item = at[ref]
        sheet.scores[no][item] = shown


def _formulas_without_value(sheet: R.ExpertSheet, blank: dict[str, tuple[str, str]], info: dict[str, CellInfo]
                            ) -> int:
    """A blank score (``blank``: its cell → (项目编号, item)) that is a formula saved without its value (by a program
    that computes nothing) becomes the formula's text, "=2+3": said as such, never as 未评分 of a cell the expert
    filled. How many there were."""
    found = 0
    for ref, (no, item) in blank.items():
        if ref in info and info[ref].formula is not None and not info[ref].has_value:
            sheet.scores[no][item] = UnsavedFormula("=" + info[ref].formula)
            found += 1
    return found


_OTHER_BOOK = re.compile(r"\[\d+\]")     # how an .xlsx formula names another workbook: [1]评分表!M5


def _linked_scores(where: dict[str, tuple[str, str]], info: dict[str, CellInfo]) -> dict[str, list[str]]:
    """项目编号 → the items whose score cell (``where``: each cell → (项目编号, item)) is a formula reading another
    workbook: its saved value is what the expert last saw, and Excel replaces it from that workbook (or cannot) when
    the book is next opened."""
    out: dict[str, list[str]] = {}
    for ref, cell in info.items():
        if cell.formula is not None and _OTHER_BOOK.search(cell.formula) and ref in where:
            out.setdefault(where[ref][0], []).append(where[ref][1])
    return out


def _copied_sheets(wb: OpenWorkbook, score_sheet: str) -> dict[str, dict[str, dict[str, Any]]]:
    """Sheet → 项目编号 → 指标编号 → score, of the copies of the score sheet the expert made in his workbook (“评分表
    (2)”) and typed scores on: named when the issued sheet lacks them, never counted."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name in wb.sheet_names:
        if name in (score_sheet, TOTAL_SHEET, STATE_SHEET, EXPERTS_SHEET, PERCENT_SHEET):
            continue
        grid = wb.grid(name)
        for r in range(1, min(grid.height, 10) + 1):
            line = [head_key(v) for v in grid.rows[r - 1]]
            if all(h in line for h in ("项目编号", "指标编号", "专家评分")):
                c_no, c_item, c_score = (line.index(h) + 1 for h in ("项目编号", "指标编号", "专家评分"))
                for k in range(r + 1, grid.height + 1):
                    if normalize(v := grid.get(k, c_score)):
                        no, item = normalize(grid.get(k, c_no)), normalize(grid.get(k, c_item))
                        out.setdefault(name, {}).setdefault(no, {})[item] = v
                break
    return out


def _shown_totals(wb: OpenWorkbook) -> tuple[dict[str, tuple[Any, str]], bool]:
    """(项目编号 → (the 专家总分 the 小计 sheet shows — its formula's cached value, or what the expert typed
    over it — and its cell), whether its formulas find each project's rows by 项目编号 (:func:`.review_totals.is_keyed`:
    right after a sort) rather than summing fixed rows as earlier versions did). Nothing is counted from here: the
    collector only compares it with the items."""
    if TOTAL_SHEET not in wb.pkg.sheets:
        return {}, False
    grid = wb.grid(TOTAL_SHEET)
    for r in range(1, min(grid.height, 10) + 1):
        line = [head_key(v) for v in grid.rows[r - 1]]
        if "项目编号" in line and "专家总分" in line:
            c_no, c_total = line.index("项目编号") + 1, line.index("专家总分") + 1
            shown = {normalize(grid.get(k, c_no)): (grid.get(k, c_total), f"{TOTAL_SHEET}!{get_column_letter(c_total)}{k}")
                     for k in range(r + 1, grid.height + 1) if normalize(grid.get(k, c_no))}
            return shown, _keyed(wb, line, r, grid.height)
    return {}, False


def _subtotal_recusals(wb: OpenWorkbook) -> dict[str, str]:
    """项目编号 → the first cell of its 小计 row where the expert typed a recusal (“回避” in its 回避 or 专家总分 column,
    read as :func:`_says_recusal`); the 回避 the tool prints there is of projects the round recuses him from."""
    if TOTAL_SHEET not in wb.pkg.sheets:
        return {}
    grid = wb.grid(TOTAL_SHEET)
    for r in range(1, min(grid.height, 10) + 1):
        line = [head_key(v) for v in grid.rows[r - 1]]
        if "项目编号" in line:
            cols = [line.index(h) + 1 for h in ("回避", "专家总分") if h in line]
            return {normalize(grid.get(k, line.index("项目编号") + 1)): f"{TOTAL_SHEET}!{get_column_letter(c)}{k}"
                    for k in range(grid.height, r, -1) for c in reversed(cols) if _says_recusal(grid.get(k, c))}
    return {}


def _keyed(wb: OpenWorkbook, header: list[str], r: int, height: int) -> bool:
    """Whether the 小计 基础分 formulas under ``header`` (row ``r``) find their rows by 项目编号: every formula there
    does (a file format whose formulas cannot be read: no, as of a book of an earlier version)."""
    if "基础分" not in header:
        return False
    col = get_column_letter(header.index("基础分") + 1)
    formulas = [i.formula for i in wb.cell_info(TOTAL_SHEET, [f"{col}{k}" for k in range(r + 1, height + 1)]).values()
                if i.formula is not None]
    return bool(formulas) and all(is_keyed(f) for f in formulas)


def _expert_identity(wb: OpenWorkbook, path: Path) -> tuple[Table, str, dict[str, str]]:
    """(score table, expert, the round's names: round, fingerprint, check, expert_city) of an expert workbook."""
    pkg = wb.pkg
    table = pkg.tables.get(TABLE) or _header_table(wb)
    if pkg.constant("sb_type") != EXPERT_KIND or table is None:
        raise NotAReviewBook(f"“{path.name}”不是专家评分表（没有 {TABLE} 表格）")
    expert = pkg.constant("sb_review_expert") or path.stem
    meta = {k: pkg.constant(f"sb_review_{k}") or "" for k in ("round", "fingerprint", "check", "expert_city")}
    meta["year"] = pkg.constant("sb_year") or ""
    return table, expert, meta


def _check_fingerprints(who: str, expert: str, meta: dict[str, str], projects: list[R.Project], recused: set[str],
                        rules: Rules) -> None:
    for p in projects:
        if p.type not in rules.types:
            raise Tampered(f"{who}的隐藏评审信息中项目类型“{p.type}”无法识别，文件可能已损坏")
    if R.round_fingerprint(meta["round"], projects, rules) != meta["fingerprint"]:
        raise Tampered(_other_year(who, meta["year"], rules) or (
            f"{who}中隐藏的评审信息与其指纹不符（项目名单、指标或评审轮次被改动，或评分指标已更新），无法汇总。请重新生成评分表。"))
    if R.expert_fingerprint(meta["fingerprint"], expert, recused) != meta["check"]:
        raise Tampered(f"{who}中的专家姓名或回避信息被改动（与生成时不符），无法汇总")


def _other_year(who: str, year: str, rules: Rules) -> str | None:
    """What to say of a review workbook made under another year's rules (its ``sb_year``; a year the tool has no
    file for is only named: rules are never chosen by a workbook), None when it says the year in force or nothing."""
    year = normalize(year)[:20]
    if not year or year == str(rules.year):
        return None
    return (f"{who}是按{year}年的规则生成的，当前使用的是{rules.year}年的规则（环境变量 SHIBAI_RULES），"
            "评分指标不同，无法汇总。请在生成评分表时所用的规则下汇总（把 SHIBAI_RULES 改回当时的规则文件），"
            f"或按{rules.year}年的规则重新生成评分表。")


class _ScoreRows:
    """The score table of an expert workbook as it came back, checked row by row against what was issued."""

    def __init__(self, wb: OpenWorkbook, table: Table, who: str, expert: str) -> None:
        self.who, self.expert = who, expert
        try:
            first, _last = table.ref.split(":")
            c0, r0, _, _ = range_boundaries(first)
        except ValueError:
            raise Tampered(f"{who}的评分表格范围“{table.ref}”无法识别") from None
        self.sheet, self.r0, self.c0 = table.sheet, r0, c0
        self.grid = wb.grid(table.sheet)
        # each column where its header is (a column the expert inserted for remarks moves those to its right); a
        # column deleted is None: one the scores need is refused by check_header, the others are said (``gone``)
        header = self.grid.rows[r0 - 1][c0 - 1:] if r0 <= self.grid.height else []
        keys = [head_key(v) for v in header]
        found: dict[str, list[int]] = {}
        for k, key in enumerate(keys):
            found.setdefault(key, []).append(c0 + k)
        # a column the expert inserted under a header that reads as an issued one (“专家评分（初评分）” beside 专家评分):
        # the issued header as issued is the column (the one his 小计 sheet sums); the other is his, as any inserted
        self.twins = {name: cs for name in EXPERT_COLUMNS if len(cs := found.get(head_key(name), [])) > 1}
        self.cols: dict[str, int | None] = {name: self._issued_of(found.get(head_key(name), []), name)
                                             for name in EXPERT_COLUMNS}
        self.gone = [name for name, c in self.cols.items() if c is None and name not in NEEDED_COLUMNS]
        # columns the expert inserted for his remarks (“评语”): among the issued ones, or right of 备注 (the last issued
        # column left) but the hidden columns of the 小计 formulas — the issued blank one and those right of the
        # hidden ones, a header typed or not (a remark typed beside the score, “O列”, is his as much as 备注)
        last = max((c for c in self.cols.values() if c is not None), default=c0)
        self.remark_cols = [("备注", self.cols["备注"])] if self.cols["备注"] is not None else []
        for c in range(c0, max(map(len, self.grid.rows[r0 - 1:]), default=0) + 1):
            name, key = normalize(self.grid.get(r0, c)), head_key(self.grid.get(r0, c))
            if key in HELPERS or not (name or c > last and self._typed_under(c)):
                continue
            if not name or key not in ISSUED or c not in self.cols.values():
                self.remark_cols.append((name or f"{get_column_letter(c)}列", c))

    def _typed_under(self, col: int) -> bool:
        """Whether anything is typed under the header row in column ``col``."""
        return any(normalize(self.grid.get(r, col)) for r in range(self.r0 + 1, self.grid.height + 1))

    def _issued_of(self, cols: list[int], name: str) -> int | None:
        """Of the columns whose header reads as ``name``, the one issued: the only one, or the only one headed ``name``
        exactly (white space aside); the first when it cannot be told (:meth:`check_header` refuses that for a
        column the scores need)."""
        exact = [c for c in cols if re.sub(r"\s+", "", normalize(self.grid.get(self.r0, c))) == name]
        return exact[0] if len(exact) == 1 else (cols[0] if cols else None)

    def get(self, row: int, name: str) -> Any:
        """The cell of column ``name`` in ``row``; None where the expert deleted that column."""
        col = self.cols[name]
        return None if col is None else self.grid.get(row, col)

    def ref(self, row: int, name: str) -> str:
        col = self.cols[name]
        return f"{self.sheet}!{get_column_letter(col)}{row}" if col is not None else f"{self.sheet}!第{row}行"

    def remarks(self, row: int) -> list[tuple[str, Any, str]]:
        """(header, text, cell) of what the expert wrote in ``row``'s 备注 and in the columns he inserted for remarks."""
        return [(name, v, f"{self.sheet}!{get_column_letter(c)}{row}") for name, c in self.remark_cols
                if (v := self.grid.get(row, c)) not in (None, "") and normalize(v)]

    def typed_suggestion(self, row: int, points: float) -> tuple[str, Any, str] | None:
        """(“建议分”, value, cell) when ``row``'s 建议分 holds what the tool never writes there — it writes 0, the item's
        满分 or nothing (CONTRACT §6) — so the expert typed it (his score in the wrong column, most likely)."""
        v = self.get(row, "建议分")
        if v in (None, "") or (isinstance(v, int | float) and not isinstance(v, bool) and v in (0, points)):
            return None
        return ("建议分", v, self.ref(row, "建议分")) if normalize(v) else None

    def typed_criterion(self, row: int, issued: str) -> tuple[str, Any, str] | None:
        """(“指标栏中另写”, his words, cell) when the expert wrote in ``row``'s 指标 what the criterion issued there
        does not say (a comment typed after it, or over it): his words, listed with his remarks, never lost."""
        raw = self.get(row, "指标")
        if not (text := normalize(raw)) or text in normalize(issued):
            return None
        raw = str(raw).strip()
        return "指标栏中另写", raw.replace(issued, "", 1).strip() if issued in raw else raw, self.ref(row, "指标")

    def refuse(self, row: int, name: str, detail: str, col: str = "") -> Tampered:
        """A header retyped in place (its cells still the tool's): put back, the book is collected as issued."""
        where = f"{self.sheet}!{col}{row}" if col else self.ref(row, name)
        return Tampered(f"{self.who}已被改动，无法汇总：{where} {detail}。请把这个表头改回“{name}”（评分不受影响）后"
                        "重新汇总。")

    def refuse_changed_full(self, said: list[str]) -> None:
        """Every 满分 changed (``said``: cell, what it was issued as, what it holds), named in one refusal: one call
        to the expert, not one a run. The score of such an item cannot be checked (against which 满分?), so it is
        the expert's to settle, never put back by the tool."""
        if not said:
            return
        shown = "；".join(said[:10]) + (f"；等{len(said)}处" if len(said) > 10 else "")
        raise Tampered(f"{self.who}已被改动，无法汇总：{shown}（满分被修改{f'，共{len(said)}处' if len(said) > 1 else ''}）。"
                        f"满分是核对评分范围的依据：请与专家{self.expert}核实，把满分改回发出时的分值（按改后的满分评的分，"
                        f"请专家按原满分改正）后交回，再重新汇总；{REISSUE}。")

    def scored_cells(self, row: int) -> dict[str, Any]:
        """The cells of ``row`` that say which project and item it is and what it scores."""
        return {name: self.get(row, name) for name in KEY_COLUMNS + ("专家评分",)}

    def check_header(self) -> None:
        """A column the scores need (项目编号, 指标编号, 专家评分) deleted or renamed, or any header retyped in place:
        refused, naming it."""
        for h in NEEDED_COLUMNS:
            twins = self.twins.get(h, [])
            if len(twins) > 1 and sum(re.sub(r"\s+", "", normalize(self.grid.get(self.r0, c))) == h for c in twins) != 1:
                shown = "、".join(f"{get_column_letter(c)}列{_show(self.grid.get(self.r0, c))}" for c in twins)
                raise Tampered(f"{self.who}已被改动，无法汇总：{self.sheet}!第{self.r0}行的表头中有{len(twins)}列都是“{h}”"
                               f"（{shown}），不能确定按哪一列读取评分。请让专家只保留发出的“{h}”列（自己加的列请改用其他"
                               f"表头，如“初评”）后交回；{REISSUE}。")
        for i, h in enumerate(EXPERT_COLUMNS):     # a header retyped in place (建议理由 → 理由): not a deleted column
            if self.cols[h] is None and (c := self._in_place_of(i)) is not None:
                raise self.refuse(self.r0, h, f"表头应为“{h}”，现为{_show(self.grid.get(self.r0, c))}（表头被改）",
                                  get_column_letter(c))
        for h in NEEDED_COLUMNS:
            if self.cols[h] is None:
                raise Tampered(f"{self.who}已被改动，无法汇总：{self.sheet}!第{self.r0}行的表头中没有“{h}”列（被删除或改名），"
                               f"无法读取评分。请让专家在原始评分表上填写（不要删除或修改“{'”“'.join(NEEDED_COLUMNS)}”列）"
                               f"后交回；{REISSUE}。")

    def _in_place_of(self, i: int) -> int | None:
        """The column whose header is none of the issued ones standing alone where the deleted EXPERT_COLUMNS[i]
        was (between the issued columns left on either side, it the only one gone there): its header retyped, its
        cells still the tool's (建议理由's reasons, never an expert's remarks). None when there is none."""
        before = [k for k in range(i) if self.cols[EXPERT_COLUMNS[k]] is not None]
        after = [k for k in range(i + 1, len(EXPERT_COLUMNS)) if self.cols[EXPERT_COLUMNS[k]] is not None]
        if (after[0] if after else len(EXPERT_COLUMNS)) - (before[-1] if before else -1) != 2:
            return None     # more than this one issued column gone there
        lo = self.cols[EXPERT_COLUMNS[before[-1]]] if before else self.c0 - 1
        hi = self.cols[EXPERT_COLUMNS[after[0]]] if after else lo + 2
        known = ISSUED | HELPERS
        strange = [c for c in range(lo + 1, hi) if (v := head_key(self.grid.get(self.r0, c))) and v not in known]
        return strange[0] if len(strange) == 1 and hi - lo == 2 else None

    def find_rows(self, issued: list[tuple[R.Project, Any]], recused: set[str], rules: Rules) -> _Found:
        """Every issued (project, item) found by its 项目编号 and 指标编号 wherever its row stands now: sorting,
        filtering and moving rows change nothing. A row whose keys name no item of the round, or that contradicts
        the round (项目名称, 项目类型, 回避), and an item typed on two rows with different scores, leave that
        project's scores of this expert uncounted (``broken``: what and where, never a guess); a row naming no
        project at all is listed (``stray``). A changed 满分 still refuses the workbook."""
        want = {(normalize(p.no), normalize(item.id)): (p, item) for p, item in issued}
        by_no = {normalize(p.no): p for p, _ in issued}
        names = Counter(normalize(p.name) for p in by_no.values())
        by_name = {normalize(p.name): p for p in by_no.values() if names[normalize(p.name)] == 1}
        found = _Found()
        at: dict[tuple[str, str], list[int]] = {}
        typed_recusal: dict[str, list[tuple[tuple[str, str], int, str]]] = {}   # project → (key, row, cell said)
        full_changed: list[str] = []
        mismatched: dict[tuple[str, str, str, str], list[tuple[int, str]]] = {}   # (编号, column, issued, now) → rows
        for r in range(self.r0 + 1, self.grid.height + 1):
            got = {name: self.get(r, name) for name in EXPERT_COLUMNS}
            if all(v in (None, "") or not normalize(v) for v in got.values()) or _closing_line(self.scored_cells(r)):
                continue
            p = by_no.get(normalize(got["项目编号"])) or by_name.get(normalize(got["项目名称"]))
            if p is None:
                found.stray.append(self._stray(r, got))
                continue
            key = (normalize(p.no), normalize(got["指标编号"]))
            if key not in want:
                found.broken.setdefault(p.no, []).append(
                    f"{self.ref(r, '指标编号')} 指标编号为{_show(got['指标编号'])}，不是本项目的指标")
                continue
            item = want[key][1]
            if self.cols["满分"] is not None and not _same(got["满分"], R.number_value(item.points)):
                full_changed.append(f"{self.ref(r, '满分')} 满分应为 {fmt(item.points)}（项目 {p.no} 指标 {item.id}），"
                                    f"现为{_show(got['满分'])}")
                continue
            expected = {"项目编号": p.no, "项目名称": p.name, "项目类型": rules.types[p.type].short,
                        "回避": RECUSED_MARK if p.no in recused else ""}
            if not expected["回避"] and says_no_recusal(got["回避"]):
                got["回避"] = ""     # “否” typed in the 回避 column of a project he scores: no recusal
            differ = [name for name, v in expected.items() if self.cols[name] is not None and not _same(got[name], v)]
            said = "回避" if differ == ["回避"] else next((c for c in _RECUSAL_CELLS if not differ and _says_recusal(
                got[c]) and (c == "专家评分" or not normalize(got["专家评分"]))), "")
            if said and not expected["回避"]:
                # a recusal the expert typed himself (in the 回避 column, in his score cells, or in the 备注 of an
                # item he left unscored): said once below
                typed_recusal.setdefault(p.no, []).append((key, r, said))
                continue
            if differ == ["回避"] and expected["回避"]:
                differ = []   # his 回避 mark cleared on a project he is recused from: its scores still said uncounted
            for name in differ:     # one name retyped down a project's 21 rows: said once, with its rows
                mismatched.setdefault((p.no, name, _show(expected[name]), _show(got[name])), []).append((r, item.id))
            if differ:
                continue
            at.setdefault(key, []).append(r)
        self.refuse_changed_full(full_changed)
        for (no, name, issued_as, was), rows in mismatched.items():
            found.broken.setdefault(no, []).append(self._mismatch(name, issued_as, was, rows))
        self._settle_recusals(found, at, typed_recusal)
        for pair in issued:
            rows = at.get((normalize(pair[0].no), normalize(pair[1].id)), [])
            found.all_rows[(pair[0].no, pair[1].id)] = rows
            found.rows.append((*pair, self._one_row(pair, rows, found.broken)))
        order = sorted(at, key=lambda k: at[k][0])
        found.moved = order != [k for k in want if k in at]
        return found

    def _settle_recusals(self, found: _Found, at: dict[tuple[str, str], list[int]],
                         typed_recusal: dict[str, list[tuple[tuple[str, str], int, str]]]) -> None:
        """A recusal the expert typed on a project's rows (:meth:`find_rows`): his declaration when he scored none of
        it (its rows stay its rows: remarks kept, none taken as deleted), else his to settle (``broken``)."""
        for no, typed in typed_recusal.items():
            rows = [(r, said) for _key, r, said in typed]
            own = [r for (n, _), rs in at.items() if n == normalize(no) for r in rs] + [r for r, _ in rows]
            if any(normalize(v) and not _says_recusal(v) for v in (self.get(r, "专家评分") for r in own)):
                found.broken.setdefault(no, []).append(self._typed_recusal(rows))   # recused and scored: his to settle
                continue
            found.declared[no] = self._first_cell(rows)   # nothing scored: he declares it
            if not any(col == "回避" or subtotal_sees_recusal(self.get(r, col)) for r, col in rows):
                found.declared[no] += "；其评分表“小计”表中本项目未显示为回避"   # his 小计 cannot tell: said
            for key, r, _said in typed:
                at.setdefault(key, []).append(r)

    def _mismatch(self, name: str, want: str, was: str, rows: list[tuple[int, str]]) -> str:
        """What to say of column ``name`` of a project's ``rows`` (row, item) holding ``was`` where ``want`` was issued:
        the first cell, how many rows, their items (the first five)."""
        (r, _), n = rows[0], len(rows)
        which = "这一行" if n == 1 else f"等{n}行" if n > 5 else f"这{n}行"
        return (f"{self.ref(r, name)}{f' 等{n}行' if n > 1 else ''} {name}应为{want}，现为{was}"
                f"（指标 {'、'.join(i for _, i in rows[:5])} {which}与评审安排不符）")

    def _typed_recusal(self, rows: list[tuple[int, str]]) -> str:
        """What to say of a project's ``rows`` (row, column typed in) where the expert typed a recusal the round's plan
        does not make: once, with the first cell and how many rows (one line per row made a park's 问题 cell 900
        characters long; a “回避” typed into the score cells is no score he forgot to write as a number)."""
        r, col = rows[0]
        said = "回避应为空，现为" if col == "回避" else f"{col}为"
        return (f"{self._first_cell(rows)} {said}{_show(self.get(r, col))}（{R.SELF_RECUSAL}，"
                "评审安排中不需回避本项目；确需回避的，本项目按其他专家的评分计算；不需回避的，请专家删去“回避”并评分后交回）")

    def _first_cell(self, rows: list[tuple[int, str]]) -> str:
        """The first of ``rows`` (row, column) as a cell, and how many rows there are: “C5 等3行”."""
        (r, col), more = rows[0], f" 等{len(rows)}行" if len(rows) > 1 else ""
        return f"{self.ref(r, col)}{more}"

    def _one_row(self, pair: tuple[R.Project, Any], rows: list[int], broken: dict[str, list[str]]) -> int | None:
        """The row of an item typed on ``rows``: the one with a score when the others are blank or say the same;
        several different scores are the expert's to settle (``broken``), the first row is kept for his cell."""
        scored = [r for r in rows if normalize(self.get(r, "专家评分"))]
        if len({normalize(self.get(r, "专家评分")) for r in scored}) > 1:
            shown = "、".join(f"{self.ref(r, '专家评分')} 为{_show(self.get(r, '专家评分'))}" for r in scored)
            broken.setdefault(pair[0].no, []).append(f"指标 {pair[1].id} 填了{len(scored)}行，评分不同（{shown}）")
        return (scored or rows or [None])[0]

    def _stray(self, r: int, got: dict[str, Any]) -> str:
        """A row naming no project of the round: what it holds (a remark typed on a row of its own included)."""
        said = [f"{name}{_show(got[name])}" for name in ("项目编号", "项目名称", "指标编号", "专家评分")
                if got[name] not in (None, "")]
        said = said or [f"{name}{_show(v)}" for name, v in got.items() if v not in (None, "")][:2]
        return (f"{self.ref(r, '项目编号')} 这一行（{'，'.join(said)}）没有本轮项目的项目编号或项目名称，"
                "不属于本轮评分表中的任何项目，未计入")


@dataclass
class _Found:
    """Where each issued (project, item) of an expert's score table is now (None: its row is gone)."""

    rows: list[tuple[R.Project, Any, int | None]] = field(default_factory=list)   # issued order
    all_rows: dict[tuple[str, str], list[int]] = field(default_factory=dict)   # (编号, 指标) → every row typed
    broken: dict[str, list[str]] = field(default_factory=dict)    # 项目编号 → rows that leave its scores uncounted
    stray: list[str] = field(default_factory=list)                # rows naming no project of the round
    moved: bool = False                                           # rows no longer in the order issued
    declared: dict[str, str] = field(default_factory=dict)       # 项目编号 → the 回避 cells an expert typed, unscored


# what an expert writes between or under his scores, as on a paper score sheet: totals, his signature, the date
_CLOSING = re.compile(r"(合计|总计|小计|总分|签名|签字|专家签|评审专家|评审人|日期|评审日期|备注|说明)")


_RECUSAL_CELLS = ("专家评分", "备注")   # where an expert writes his own recusal besides the 回避 column


# how an expert writes that he need not recuse himself: “不需回避”“无回避情形”“不存在需要回避的情形”“未发现应回避的情况”
# “不涉及回避”, or a form's question answered “是否回避：否” — a negation just before 回避, or “否/无” after its colon
_NO_RECUSAL_SAID = re.compile(
    r"(?:不|无|未|非|没|毋)(?:存在|涉及|属于|发现|具有|有)?(?:任何)?(?:需要?|必要?|用|须|应当?|该)?(?:进行)?回避"
    r"|回避[^，,。；;！!？?]{0,6}[:：]\s*(?:否|无|不|没有)")


def _says_recusal(score: Any) -> bool:
    """An expert's cell that says he recuses himself (“回避”“本人回避”“需回避”), not a score: no figure in it, and no
    negation of it (“不需回避”“不存在需要回避的情形”“是否回避：否”)."""
    text = normalize(score) if isinstance(score, str) else ""
    return ("回避" in text and not any(ch.isdigit() for ch in text)
            and _NO_RECUSAL_SAID.search(re.sub(r"\s+", "", text)) is None)


def _closing_line(cells: dict[str, Any]) -> bool:
    """A row an expert added that names no project and no item, only a label (a 小计 or 合计 row, “专家签名：张三”, the
    date): it holds no score of any item, so it is passed over; a row adding a project (its number, name or item) is
    not."""
    if any(cells[name] not in (None, "") for name in ("项目类型", "回避", "指标编号", "满分")):
        return False
    labels = [normalize(cells[name]) for name in ("项目编号", "项目名称") if cells[name] not in (None, "")]
    return len(labels) == 1 and bool(_CLOSING.match(labels[0]))


def read_plan_book(path: str | Path, rules: Rules) -> Plan:
    path = Path(path)
    wb = open_workbook(path)
    try:
        pkg = wb.pkg
        if pkg.constant("sb_type") != PLAN_KIND:
            raise NotAReviewBook(f"“{path.name}”不是评审安排文件")
        where = f"评审安排“{path.name}”"
        round_id, fp = pkg.constant("sb_review_round") or "", pkg.constant("sb_review_fingerprint") or ""
        projects, _ = _read_projects(wb, where)
        if R.round_fingerprint(round_id, projects, rules) != fp:
            raise Tampered(_other_year(where, pkg.constant("sb_year") or "", rules) or (
                f"{where}中隐藏的评审信息被改动（与指纹不符），无法据此核对专家评分表。可以把它移出文件夹，仅凭专家评分表汇总。"))
        plan = Plan(path=path, round_id=round_id, round_fp=fp, projects=projects,
                    source=pkg.constant("sb_review_source") or "")
        if EXPERTS_SHEET not in pkg.sheets:
            raise Tampered(f"{where}缺少隐藏的专家名单（工作表 {EXPERTS_SHEET}）")
        grid = wb.grid(EXPERTS_SHEET)
        for r in range(2, grid.height + 1):
            name = normalize(grid.get(r, 1))
            if not name:
                continue
            city = normalize(grid.get(r, 2))
            recused = {x for x in normalize(grid.get(r, 3)).split(",") if x}
            if R.expert_fingerprint(fp, name, recused) != normalize(grid.get(r, 5)):
                raise Tampered(f"{where}中专家{name}的回避信息被改动，无法核对")
            plan.experts[name] = (city, recused, normalize(grid.get(r, 4)))
        return plan
    finally:
        wb.close()


