"""Workbooks of the 省级评审: one 专家评分表 per expert, the round's 评审安排, the 评审结果.

专家评分表 (``专家评分表-甲.xlsx``)
    评分表  the Excel table ``sb_expert_scores``: one row per project and 附件5 item,
            the expert types into the yellow 专家评分 column (validated 0…满分);
            回避 rows are grey and locked, 待定 projects are marked yellow.
    小计    native formulas per project (COUNT/SUM/MIN/SUMPRODUCT, no structured
            references, so Excel, WPS and LibreOffice all compute them): items
            scored, items out of range, 基础分, 开放创新加分 (≤ cap), 总分, 状态.
    _sb_review  very hidden: the round's project list; workbook-level names hold
            the round id, the expert and fingerprints (``sb_review_*``).

The collector reads values with calamine (never running anything in the file) and
refuses a workbook whose rows, 满分 or project list no longer match what was issued,
naming the expert and the cell.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ...engine import review as R
from ...engine.fmt import fmt
from ...engine.parse.text import normalize
from ...rules import Rules
from . import styles as S
from .cells import set_cell
from .package import UnreadableFile
from .reader import OpenWorkbook, col_letters, open_workbook, split_ref

SCORE_SHEET, TOTAL_SHEET, STATE_SHEET, EXPERTS_SHEET = "评分表", "小计", "_sb_review", "_sb_experts"
TABLE = "sb_expert_scores"
EXPERT_KIND, PLAN_KIND, RESULT_KIND = "review-expert", "review-plan", "review-result"
HEADER_ROW = 4
EXPERT_COLUMNS = ("项目编号", "项目名称", "项目类型", "市（州）", "前置条件", "回避", "分项", "指标编号", "指标", "满分",
                  "建议分", "建议理由", "专家评分", "备注")
EXPERT_WIDTHS = (8, 20, 6, 8, 6, 5, 10, 6, 44, 5, 6, 30, 8, 14)
# columns compared with what was issued when the workbook comes back
KEY_COLUMNS = ("项目编号", "项目名称", "项目类型", "回避", "指标编号", "满分")
STATE_COLUMNS = ("项目编号", "项目名称", "项目类型", "市（州）", "县区", "前置条件", "回避", "统一社会信用代码", "来源文件")
RECUSED_MARK = "回避"
RECUSED_FILL = PatternFill("solid", fgColor="D9D9D9")
RECUSED_FONT = Font(name=S.BODY_FONT, size=10, color="808080")
SMALL_BODY = Font(name=S.BODY_FONT, size=10)
_medium = Side(style="medium", color="404040")
_thin = Side(style="thin", color="808080")
FIRST_ROW_BORDER = Border(left=_thin, right=_thin, top=_medium, bottom=_thin)
TITLE = "贵州省{year}年电子商务“十百千万”工程示范项目"


def _col(name: str, columns: Sequence[str] = EXPERT_COLUMNS) -> str:
    return get_column_letter(columns.index(name) + 1)


def _constant(wb: Workbook, name: str, value: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text='"' + str(value).replace('"', '""') + '"')


def _fixed_properties(wb: Workbook, when: datetime) -> None:
    wb.properties.creator = wb.properties.lastModifiedBy = "shibai-xl"
    wb.properties.created = wb.properties.modified = when


def column_runs(col: str, rows: Sequence[int]) -> list[str]:
    """The cells of ``col`` at ``rows`` (ascending) as ranges.

    >>> column_runs("P", [5, 6, 7, 9, 12, 13])
    ['P5:P7', 'P9', 'P12:P13']
    """
    out: list[str] = []
    start = prev = None
    for r in [*rows, None]:
        if start is not None and (r is None or r != prev + 1):
            out.append(f"{col}{start}" if start == prev else f"{col}{start}:{col}{prev}")
            start = None
        if r is not None and start is None:
            start = r
        prev = r
    return out


def _title(ws: Worksheet, text: str, last_col: str, row: int = 1, font=S.TITLE, height: float = 30) -> None:
    ws.merge_cells(f"A{row}:{last_col}{row}")
    c = ws[f"A{row}"]
    c.value, c.font, c.alignment = text, font, S.CENTER
    ws.row_dimensions[row].height = height


def _note(ws: Worksheet, text: str, last_col: str, row: int, height: float = 18) -> None:
    ws.merge_cells(f"A{row}:{last_col}{row}")
    c = ws[f"A{row}"]
    c.value, c.font, c.alignment = text, S.BODY, S.WRAP
    ws.row_dimensions[row].height = height


def _header(ws: Worksheet, row: int, columns: Sequence[str], widths: Sequence[float] | None = None) -> None:
    for i, h in enumerate(columns, 1):
        c = ws.cell(row, i, h)
        c.font, c.alignment, c.border, c.fill = S.HEADER, S.CENTER, S.BOX, S.HEADER_FILL
        if widths:
            ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
    ws.row_dimensions[row].height = 30


@lru_cache(maxsize=4096)   # the same 指标 and 理由 texts recur for every project and expert
def _lines(text: str, width: float, small: bool = False) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (CJK characters count double)."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in (text or ""))
    per_line = max(1.0, width * (1.25 if small else 1.0) - 1)
    return max(1, int(-(-units // per_line)))


def _state_sheet(wb: Workbook, projects: Sequence[R.Project], recused: set[str], rules: Rules) -> None:
    ws = wb.create_sheet(STATE_SHEET)
    ws.append(list(STATE_COLUMNS))
    for r, p in enumerate(projects, 2):
        row = [p.no, p.name, p.type, p.city, p.county, p.status, "是" if p.no in recused else "", p.uscc, p.source]
        for i, v in enumerate(row, 1):
            set_cell(ws.cell(r, i), v)
    ws.sheet_state = "veryHidden"
    S.protect(ws)


# --- 专家评分表 ------------------------------------------------------------------------------------

@dataclass
class ExpertBookSpec:
    round_id: str
    expert: str
    city: str
    projects: list[R.Project]
    recused: set[str]
    suggestions: dict[str, dict[str, R.Suggestion]]
    round_fp: str
    created: datetime


def build_expert_book(spec: ExpertBookSpec, rules: Rules) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SCORE_SHEET
    rows = _score_sheet(wb, ws, spec, rules)
    _total_sheet(wb, wb.create_sheet(TOTAL_SHEET), spec, rules, rows)
    _state_sheet(wb, spec.projects, spec.recused, rules)
    _fixed_properties(wb, spec.created)
    return retarget_expert_book(wb, spec, rules)


def retarget_expert_book(wb: Workbook, spec: ExpertBookSpec, rules: Rules) -> Workbook:
    """Make a book built for another expert of the same round and the same 回避 projects this expert's:
    only the names and the two headings that show who it is for differ (building it again costs seconds)."""
    wb[SCORE_SHEET]["A2"].value = _expert_line(spec)
    wb[TOTAL_SHEET]["A1"].value = _total_title(spec)
    for name, value in (("sb_type", EXPERT_KIND), ("sb_year", str(rules.year)), ("sb_review_round", spec.round_id),
                        ("sb_review_expert", spec.expert), ("sb_review_expert_city", spec.city),
                        ("sb_review_fingerprint", spec.round_fp),
                        ("sb_review_check", R.expert_fingerprint(spec.round_fp, spec.expert, spec.recused))):
        _constant(wb, name, value)
    return wb


def _expert_line(spec: ExpertBookSpec) -> str:
    n_recused = sum(1 for p in spec.projects if p.no in spec.recused)
    who = f"{spec.expert}（{spec.city}）" if spec.city else spec.expert
    return (f"评审轮次：{spec.round_id}　　评审专家：{who}　　评审项目：{len(spec.projects)} 个"
            + (f"（其中需回避 {n_recused} 个）" if n_recused else "")
            + f"　　生成时间：{spec.created:%Y-%m-%d %H:%M}")


def _total_title(spec: ExpertBookSpec) -> str:
    return f"专家评分小计（{spec.expert}，评审轮次 {spec.round_id}）"


WRAPPED = ("项目名称", "指标", "建议理由", "备注", "分项")


def _score_sheet(wb: Workbook, ws: Worksheet, spec: ExpertBookSpec, rules: Rules) -> dict[str, tuple[int, int, int | None]]:
    """Write the score table; returns 项目编号 → (first row, last base row, first bonus row or None)."""
    last_col = get_column_letter(len(EXPERT_COLUMNS))
    c = {name: _col(name) for name in EXPERT_COLUMNS}
    _title(ws, TITLE.format(year=rules.year) + "专家评分表", last_col)
    _note(ws, _expert_line(spec), last_col, 2)
    ws["A2"].font = S.BOLD
    _note(ws, "填写说明：请在黄色“专家评分”列逐项填写 0～满分 的分数（不得分填 0，不要留空）。“建议分”由工具根据申报表自动给出，"
              "仅供参考。灰色行为需回避的项目（与您同一市州），不必评分；前置条件为“待定”的项目（黄色）请照常评分，认定前将核实。"
              "请勿增删、移动或排序行，不要修改满分；各项目总分见“小计”表。填写完毕保存后交回本文件。", last_col, 3, 46)
    ws["A3"].font = S.SMALL
    _header(ws, HEADER_ROW, EXPERT_COLUMNS, EXPERT_WIDTHS)
    score_rows: dict[float, list[int]] = {}     # 满分 → the rows whose score it bounds
    ci = {name: i for i, name in enumerate(EXPERT_COLUMNS, 1)}
    styler = S.Styler()
    spans: dict[str, tuple[int, int, int | None]] = {}
    row = HEADER_ROW + 1
    ptypes = rules.types
    for p in spec.projects:
        rec = p.no in spec.recused
        first = row
        bonus_first = None
        base_last = row
        sugg = spec.suggestions.get(p.no, {})
        for k, item in enumerate(rules.rubric(p.type)):
            s = sugg.get(item.id) or R.Suggestion(None, R.NO_APPLICATION)
            values = {"项目编号": p.no, "项目名称": p.name, "项目类型": ptypes[p.type].short, "市（州）": p.city,
                      "前置条件": p.status, "回避": RECUSED_MARK if rec else "", "分项": item.level2_name or item.level1_name,
                      "指标编号": item.id, "指标": item.label, "满分": R.number_value(item.points),
                      "建议分": R.number_value(s.auto) if s.auto is not None else None, "建议理由": s.reason,
                      "专家评分": None, "备注": None}
            for name, v in values.items():
                cell = ws.cell(row, ci[name])
                style = {"border": FIRST_ROW_BORDER if k == 0 else S.BOX, "font": SMALL_BODY,
                         "alignment": S.WRAP if name in WRAPPED else S.CENTER}
                if name in ("建议分", "建议理由"):
                    style["fill"] = S.TOOL_FILL
                if name == "建议理由":
                    style["font"] = S.SMALL
                if name == "专家评分":
                    style["number_format"] = "0.##"
                if rec:
                    style["fill"], style["font"] = RECUSED_FILL, RECUSED_FONT
                elif name in ("专家评分", "备注"):
                    style["fill"], style["protection"] = S.INPUT_FILL, S.UNLOCKED
                elif p.pending and name in ("项目名称", "前置条件"):
                    style["fill"] = S.WARNING_FILL
                styler(cell, **style)
                set_cell(cell, v)
            if not rec:
                score_rows.setdefault(float(item.points), []).append(row)
            if item.bonus and bonus_first is None:
                bonus_first = row
            if not item.bonus:
                base_last = row
            height = 14 * max(_lines(item.label, EXPERT_WIDTHS[8]), _lines(s.reason, EXPERT_WIDTHS[11], small=True),
                              _lines(p.name, EXPERT_WIDTHS[1])) + 6
            ws.row_dimensions[row].height = max(20, height)
            row += 1
        spans[p.no] = (first, base_last, bonus_first)
    last = max(row - 1, HEADER_ROW + 1)
    sc, mx = c["专家评分"], c["满分"]
    for points, rows_ in score_rows.items():
        # one validation per 满分 over all its cells at once: adding cells one by one rescans the earlier ones
        dv = S.validation("score", maximum=points)
        dv.sqref = MultiCellRange(" ".join(column_runs(sc, rows_)))
        ws.add_data_validation(dv)
    ws.conditional_formatting.add(
        f"{sc}{HEADER_ROW + 1}:{sc}{last}",
        FormulaRule(formula=[f'OR(AND(ISNUMBER({sc}{HEADER_ROW + 1}),OR({sc}{HEADER_ROW + 1}<0,'
                             f'{sc}{HEADER_ROW + 1}>{mx}{HEADER_ROW + 1})),'
                             f'AND({sc}{HEADER_ROW + 1}<>"",NOT(ISNUMBER({sc}{HEADER_ROW + 1}))))'],
                    fill=S.FINDING_FILL))
    table = Table(displayName=TABLE, ref=f"A{HEADER_ROW}:{last_col}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.print_area = f"A1:{last_col}{last}"
    S.setup_print(ws, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    S.protect(ws)
    ws.protection.sort = True          # sorting would reorder rows; the collector refuses that
    return spans


TOTAL_COLUMNS = ("项目编号", "项目名称", "项目类型", "市（州）", "前置条件", "回避", "应评项数", "已评项数", "超范围项数",
                 "基础分", "开放创新加分", "专家总分", "建议总分", "状态")
TOTAL_WIDTHS = (8, 30, 7, 9, 7, 6, 7, 7, 7, 8, 9, 9, 9, 18)
TOTAL_HEADER_ROW = 3


def _total_sheet(wb: Workbook, ws: Worksheet, spec: ExpertBookSpec, rules: Rules,
                 spans: dict[str, tuple[int, int, int | None]]) -> None:
    last_col = get_column_letter(len(TOTAL_COLUMNS))
    t = {name: _col(name, TOTAL_COLUMNS) for name in TOTAL_COLUMNS}
    ti = {name: i for i, name in enumerate(TOTAL_COLUMNS, 1)}
    styler = S.Styler()
    _title(ws, _total_title(spec), last_col, font=S.SUBTITLE)
    _note(ws, "本表由公式根据“评分表”自动计算：基础分为各项评分之和；开放创新加分合计不超过"
              f"{fmt(max((rules.types[p].bonus_cap for p in rules.types), default=20))}分（仅园区、直播基地）；"
              "专家总分 = 基础分 + 开放创新加分。", last_col, 2, 30)
    ws["A2"].font = S.SMALL
    _header(ws, TOTAL_HEADER_ROW, TOTAL_COLUMNS, TOTAL_WIDTHS)
    src = "'" + SCORE_SHEET.replace("'", "''") + "'"
    sc, mx, sg = _col("专家评分"), _col("满分"), _col("建议分")
    r = TOTAL_HEADER_ROW + 1
    for p in spec.projects:
        first, base_last, bonus_first = spans[p.no]
        n = len(rules.rubric(p.type))
        last = first + n - 1
        cap = rules.types[p.type].bonus_cap
        rec = p.no in spec.recused

        def rng(col: str, a: int, b: int) -> str:
            return f"{src}!{col}{a}:{col}{b}"

        values: dict[str, Any] = {
            "项目编号": p.no, "项目名称": p.name, "项目类型": rules.types[p.type].short, "市（州）": p.city,
            "前置条件": p.status, "回避": RECUSED_MARK if rec else "", "应评项数": 0 if rec else n,
        }
        base = f"SUM({rng(sc, first, base_last)})"
        bonus = f"MIN({fmt(cap)},SUM({rng(sc, bonus_first, last)}))" if bonus_first else None
        sugg = f"SUM({rng(sg, first, base_last)})" + (f"+MIN({fmt(cap)},SUM({rng(sg, bonus_first, last)}))"
                                                       if bonus_first else "")
        if rec:
            values.update({"已评项数": None, "超范围项数": None, "基础分": None, "开放创新加分": None, "专家总分": None,
                           "状态": "回避（不评分）"})
        else:
            values.update({
                "已评项数": f"=COUNT({rng(sc, first, last)})",
                "超范围项数": f"=SUMPRODUCT(({rng(sc, first, last)}<0)+({rng(sc, first, last)}>{rng(mx, first, last)}))",
                "基础分": f"={base}",
                "开放创新加分": f"={bonus}" if bonus else None,
                "专家总分": f"={t['基础分']}{r}+{t['开放创新加分']}{r}" if bonus else f"={t['基础分']}{r}",
                "状态": (f'=IF({t["超范围项数"]}{r}>0,"有"&{t["超范围项数"]}{r}&"项超出范围",'
                       f'IF({t["已评项数"]}{r}<{t["应评项数"]}{r},"未评完（"&{t["已评项数"]}{r}&"/"&{t["应评项数"]}{r}&"）",'
                       f'"已评完"))'),
            })
        values["建议总分"] = f"={sugg}" if any(
            (spec.suggestions.get(p.no, {}).get(i.id) or R.Suggestion(None, "")).auto is not None
            for i in rules.rubric(p.type)) else None
        for name, v in values.items():
            cell = ws.cell(r, ti[name])
            style = {"border": S.BOX, "font": SMALL_BODY, "alignment": S.WRAP if name == "项目名称" else S.CENTER}
            if name in ("基础分", "开放创新加分", "专家总分", "建议总分"):
                style["number_format"] = "0.##"
            if rec:
                style["fill"], style["font"] = RECUSED_FILL, RECUSED_FONT
            elif p.pending and name in ("项目名称", "前置条件"):
                style["fill"] = S.WARNING_FILL
            if name == "开放创新加分" and not bonus_first and not rec:
                style["fill"] = S.TOOL_FILL
            if name == "专家总分":
                style["font"] = S.BOLD if not rec else RECUSED_FONT
            styler(cell, **style)
            if isinstance(v, str) and v.startswith("="):
                cell.value = v           # our own formula, never applicant text
            else:
                set_cell(cell, v)
        ws.row_dimensions[r].height = max(20, 15 * _lines(p.name, TOTAL_WIDTHS[1]) + 4)
        r += 1
    ws.freeze_panes = f"C{TOTAL_HEADER_ROW + 1}"
    ws.print_area = f"A1:{last_col}{max(r - 1, TOTAL_HEADER_ROW)}"
    S.setup_print(ws, landscape=True, title_rows=f"{TOTAL_HEADER_ROW}:{TOTAL_HEADER_ROW}")
    S.protect(ws)


# --- reading an expert workbook back ------------------------------------------------------------------

class NotAReviewBook(UnreadableFile):
    """A workbook that is not one of the review workbooks."""


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
    source: str = ""


def book_kind(path: Path) -> str | None:
    """'review-expert', 'review-plan', 'review-result', 'summary' … from the workbook's sb_type name."""
    from .package import open_package

    pkg = open_package(path)
    try:
        kind = pkg.constant("sb_type")
        if kind is None and TABLE in pkg.tables:
            kind = EXPERT_KIND
        return kind
    finally:
        pkg.close()


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
    """Where the score table's header row is, when the table itself did not survive (an .xls saved by WPS/Excel)."""
    from .package import Table

    if wb.pkg.fmt == "xlsx" or SCORE_SHEET not in wb.pkg.sheets:
        return None
    grid, want = wb.grid(SCORE_SHEET), [normalize(h) for h in EXPERT_COLUMNS]
    for r in range(1, min(grid.height, 20) + 1):
        line = [normalize(v) for v in grid.rows[r - 1]]
        for c in range(len(line) - len(want) + 1):
            if line[c:c + len(want)] == want:
                return Table(TABLE, SCORE_SHEET, f"{col_letters(c + 1)}{r}:{col_letters(c + len(want))}{r}", list(EXPERT_COLUMNS))
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
    pkg = wb.pkg
    table = pkg.tables.get(TABLE) or _header_table(wb)
    if pkg.constant("sb_type") != EXPERT_KIND or table is None:
        raise NotAReviewBook(f"“{path.name}”不是专家评分表（没有 {TABLE} 表格）")
    expert = pkg.constant("sb_review_expert") or path.stem
    who = f"专家{expert}的评分表“{path.name}”"
    meta = {k: pkg.constant(f"sb_review_{k}") or "" for k in ("round", "fingerprint", "check", "expert_city")}
    projects, recused = _read_projects(wb, who)
    for p in projects:
        if p.type not in rules.types:
            raise Tampered(f"{who}的隐藏评审信息中项目类型“{p.type}”无法识别，文件可能已损坏")
    if R.round_fingerprint(meta["round"], projects, rules) != meta["fingerprint"]:
        raise Tampered(f"{who}中隐藏的评审信息与其指纹不符（项目名单、指标或评审轮次被改动，或评分指标已更新），无法汇总。"
                       "请重新生成评分表。")
    if R.expert_fingerprint(meta["fingerprint"], expert, recused) != meta["check"]:
        raise Tampered(f"{who}中的专家姓名或回避信息被改动（与生成时不符），无法汇总")
    try:
        first, _last = table.ref.split(":")
        r0, c0 = split_ref(first)
    except ValueError:
        raise Tampered(f"{who}的评分表格范围“{table.ref}”无法识别") from None
    sheet_name = table.sheet
    grid = wb.grid(sheet_name)

    def ref(row: int, name: str) -> str:
        return f"{sheet_name}!{col_letters(c0 + EXPERT_COLUMNS.index(name))}{row}"

    def refuse(row: int, name: str, detail: str) -> Tampered:
        return Tampered(f"{who}已被改动，无法汇总：{ref(row, name)} {detail}。请让专家在原始评分表上填写"
                        "（不要增删、移动、排序行，不要修改满分），或重新生成评分表。")

    for i, h in enumerate(EXPERT_COLUMNS):
        found = grid.get(r0, c0 + i)
        if normalize(found) != normalize(h):
            raise refuse(r0, h, f"表头应为“{h}”，现为{_show(found)}（列被插入、删除或移动）")
    rows = R.layout(projects, rules)
    index = {(p.no, item.id): k for k, (p, item) in enumerate(rows)}
    sheet = R.ExpertSheet(expert=expert, city=meta["expert_city"], recused=set(recused), file=path.name)
    entered = 0
    for k, (p, item) in enumerate(rows):
        r = r0 + 1 + k
        got = {name: grid.get(r, c0 + EXPERT_COLUMNS.index(name)) for name in EXPERT_COLUMNS}
        expected = {"项目编号": p.no, "项目名称": p.name, "项目类型": rules.types[p.type].short,
                    "回避": RECUSED_MARK if p.no in recused else "", "指标编号": item.id,
                    "满分": R.number_value(item.points)}
        if all(got[n] in (None, "") for n in KEY_COLUMNS):
            raise refuse(r, "项目编号", f"应为项目 {p.no}“{p.name}”的指标 {item.id}，现为空行（行或项目被删除）")
        found_no, found_item = normalize(got["项目编号"]), normalize(got["指标编号"])
        if found_no != normalize(p.no):
            raise refuse(r, "项目编号", f"应为项目 {p.no}“{p.name}”（指标 {item.id}），现为{_show(got['项目编号'])}"
                                     f"{'“' + normalize(got['项目名称'])[:20] + '”' if got['项目名称'] else ''}"
                                     "（项目被删除、增加，或行的顺序被调整）")
        if found_item != normalize(item.id):
            raise refuse(r, "指标编号", f"应为项目 {p.no} 的指标 {item.id}，现为指标{_show(got['指标编号'])}"
                                     f"（{'行的顺序被调整' if (found_no, found_item) in index else '指标被删除、增加或修改'}）")
        for name in KEY_COLUMNS:
            if not _same(got[name], expected[name]):
                if name == "满分":
                    detail = f"满分应为 {fmt(item.points)}（项目 {p.no} 指标 {item.id}），现为{_show(got[name])}（满分被修改）"
                elif name in ("项目编号", "项目名称"):
                    detail = f"应为项目 {p.no}“{p.name}”，现为{_show(got[name])}（项目被增删、替换或行被移动）"
                else:
                    detail = f"{name}应为“{expected[name]}”，现为{_show(got[name])}"
                raise refuse(r, name, detail)
        raw = got["专家评分"]
        if raw not in (None, "") and not (isinstance(raw, str) and not raw.strip()):
            entered += 1
        sheet.scores.setdefault(p.no, {})[item.id] = raw
        sheet.cells.setdefault(p.no, {})[item.id] = ref(r, "专家评分")
    for r in range(r0 + 1 + len(rows), grid.height + 1):
        extra = {name: grid.get(r, c0 + EXPERT_COLUMNS.index(name)) for name in KEY_COLUMNS + ("专家评分",)}
        if any(v not in (None, "") for v in extra.values()):
            raise refuse(r, "项目编号", f"多出一行内容{_show(extra['项目名称'] or extra['项目编号'] or extra['专家评分'])}"
                                     "（增加了项目或行；评分表应只有生成时的项目）")
    return ExpertBook(path=path, round_id=meta["round"], expert=expert, city=meta["expert_city"],
                      round_fp=meta["fingerprint"], check=meta["check"], projects=projects, sheet=sheet,
                      entered=entered)


# --- 评审安排 (the round's plan, for the organiser and the collector) -----------------------------------

PLAN_EXPERT_COLUMNS = ("专家", "所属市（州）", "评分表文件", "评审项目数", "回避项目数", "回避项目")
PLAN_PROJECT_COLUMNS = ("项目编号", "项目名称", "项目类型", "市（州）", "县区", "前置条件", "回避专家", "建议总分", "申报表")


@dataclass
class PlanSpec:
    round_id: str
    source: str
    projects: list[R.Project]
    experts: list[tuple[str, str, set[str], str]]      # (name, city, recused, file)
    suggested_totals: dict[str, float | None]
    application_files: dict[str, str]
    round_fp: str
    created: datetime
    skipped: list[R.Skipped] = field(default_factory=list)


def build_plan_book(spec: PlanSpec, rules: Rules) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "评审安排"
    last_col = get_column_letter(len(PLAN_PROJECT_COLUMNS))
    _title(ws, TITLE.format(year=rules.year) + "省级评审安排", last_col)
    _note(ws, f"评审轮次：{spec.round_id}　　项目汇总表：{spec.source}　　生成时间：{spec.created:%Y-%m-%d %H:%M}", last_col, 2)
    _note(ws, "本文件供汇总时核对（shibai review collect 会读取它），请与专家评分表放在同一文件夹，不要修改。", last_col, 3)
    ws["A3"].font = S.SMALL
    row = 5
    ws[f"A{row}"].value, ws[f"A{row}"].font = "专家", S.SUBTITLE
    row += 1
    for i, h in enumerate(PLAN_EXPERT_COLUMNS, 1):
        c = ws.cell(row, i, h)
        c.font, c.alignment, c.border, c.fill = S.HEADER, S.CENTER, S.BOX, S.HEADER_FILL
    for name, city, recused, file in spec.experts:
        row += 1
        vals = (name, city or "（未指定）", file, len(spec.projects) - len(recused), len(recused),
                "、".join(p.no for p in spec.projects if p.no in recused))
        for i, v in enumerate(vals, 1):
            set_cell(ws.cell(row, i), v)
            ws.cell(row, i).border, ws.cell(row, i).alignment = S.BOX, S.WRAP
    row += 2
    ws[f"A{row}"].value, ws[f"A{row}"].font = "评审项目", S.SUBTITLE
    row += 1
    head = row
    _header(ws, row, PLAN_PROJECT_COLUMNS, (8, 30, 8, 9, 9, 7, 14, 8, 40))
    for p in spec.projects:
        row += 1
        rec = [name for name, _, recused, _ in spec.experts if p.no in recused]
        vals = (p.no, p.name, rules.types[p.type].short, p.city, p.county, p.status, "、".join(rec),
                R.number_value(spec.suggested_totals.get(p.no)), spec.application_files.get(p.no) or R.NO_APPLICATION)
        for i, v in enumerate(vals, 1):
            cell = ws.cell(row, i)
            set_cell(cell, v)
            cell.border, cell.alignment, cell.font = S.BOX, S.WRAP, SMALL_BODY
        if p.pending:
            ws.cell(row, 6).fill = S.WARNING_FILL
    if spec.skipped:
        row += 2
        ws[f"A{row}"].value, ws[f"A{row}"].font = "未列入评审", S.SUBTITLE
        for s in spec.skipped:
            row += 1
            set_cell(ws.cell(row, 2), s.name)
            set_cell(ws.cell(row, 3), s.reason)
    S.setup_print(ws, landscape=True, title_rows=f"{head}:{head}")
    S.protect(ws)
    _state_sheet(wb, spec.projects, set(), rules)
    ex = wb.create_sheet(EXPERTS_SHEET)
    ex.append(["专家", "市（州）", "回避", "文件", "校验"])
    for r, (name, city, recused, file) in enumerate(spec.experts, 2):
        for i, v in enumerate((name, city, ",".join(sorted(recused)), file,
                               R.expert_fingerprint(spec.round_fp, name, recused)), 1):
            set_cell(ex.cell(r, i), v)
    ex.sheet_state = "veryHidden"
    for name, value in (("sb_type", PLAN_KIND), ("sb_year", str(rules.year)), ("sb_review_round", spec.round_id),
                        ("sb_review_fingerprint", spec.round_fp)):
        _constant(wb, name, value)
    _fixed_properties(wb, spec.created)
    return wb


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
            raise Tampered(f"{where}中隐藏的评审信息被改动（与指纹不符），无法据此核对专家评分表。"
                           "可以把它移出文件夹，仅凭专家评分表汇总。")
        plan = Plan(path=path, round_id=round_id, round_fp=fp, projects=projects)
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


# --- 评审结果 ----------------------------------------------------------------------------------------

@dataclass
class ResultSpec:
    round_id: str
    experts: list[str]
    expert_cities: dict[str, str]
    expert_files: dict[str, str]
    results: list[R.ProjectResult]
    pass_line: float
    trim_min: int
    created: datetime
    notes: list[str] = field(default_factory=list)
    raw_scores: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)   # expert → 项目编号 → 指标 → typed
    calibration: Any = None   # engine.calibration.Calibration: the 评分校准 sheet (not imported here: it needs pandas)


FIXED_RESULT_COLUMNS = ("序号", "项目编号", "项目名称", "项目类型", "市（州）", "前置条件", "专家人数", "平均分", "去极值平均分",
                        "最高分", "最低分", "极差", "排名", "拟认定")


def expert_column(expert: str) -> str:
    """The result column of one expert's totals (never the same as a fixed column, e.g. an expert called 人数)."""
    name = f"专家{expert}"
    return name if name not in (*FIXED_RESULT_COLUMNS, "回避专家", "分歧指标", "问题") else f"专家{expert}（总分）"


def result_columns(experts: Sequence[str]) -> tuple[str, ...]:
    return (*FIXED_RESULT_COLUMNS, *(expert_column(e) for e in experts), "回避专家", "分歧指标", "问题")


def _table(ws: Worksheet, name: str, header_row: int, ncols: int, last_row: int, style: str = "TableStyleLight9") -> None:
    t = Table(displayName=name, ref=f"A{header_row}:{get_column_letter(ncols)}{max(last_row, header_row + 1)}")
    t.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    ws.add_table(t)


def _cell(ws: Worksheet, row: int, col: int, value: Any, *, align=S.CENTER, fmt_: str | None = None, font=SMALL_BODY):
    cell = ws.cell(row, col)
    set_cell(cell, value)
    cell.border, cell.alignment, cell.font = S.BOX, align, font
    if fmt_:
        cell.number_format = fmt_
    return cell


def build_result_book(spec: ResultSpec, rules: Rules) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "评审结果"
    _result_sheet(ws, spec, rules)
    _items_sheet(wb.create_sheet("指标明细"), spec, rules)
    if spec.calibration is not None:
        calibration_sheet(wb.create_sheet(CALIBRATION_SHEET), spec)
    _shortlist_sheet(wb.create_sheet("拟认定名单"), spec, rules)
    _publish_sheet(wb.create_sheet("公示"), spec, rules)
    _notes_sheet(wb.create_sheet("评审说明"), spec, rules)
    for name, value in (("sb_type", RESULT_KIND), ("sb_year", str(rules.year)), ("sb_review_round", spec.round_id)):
        _constant(wb, name, value)
    _fixed_properties(wb, spec.created)
    return wb


def _rule_text(spec: ResultSpec) -> str:
    return (f"计入评分的专家不少于{spec.trim_min}人时去掉一个最高分和一个最低分后取平均（去极值平均分），少于{spec.trim_min}人时"
            f"等于平均分；排名按去极值平均分（保留{R.DECIMALS}位小数）在同类型项目内从高到低，同分同名次；"
            f"拟认定分数线 {fmt(spec.pass_line)} 分（含）。")


def _result_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    cols = result_columns(spec.experts)
    last_col = get_column_letter(len(cols))
    _title(ws, TITLE.format(year=rules.year) + f"省级评审结果（{spec.round_id}）", last_col)
    _note(ws, f"评审专家 {len(spec.experts)} 人：{'、'.join(spec.experts)}。" + _rule_text(spec), last_col, 2, 32)
    ws["A2"].font = S.SMALL
    widths = [5, 8, 26, 6, 9, 7, 6, 8, 9, 7, 7, 6, 6, 7, *([8] * len(spec.experts)), 10, 34, 50]
    _header(ws, 3, cols, widths)
    row = 3
    for n, r in enumerate(R.ordered(spec.results), 1):
        row += 1
        p = r.project
        by_expert = {e.expert: e for e in r.experts}
        values: list[Any] = [n, p.no, p.name, rules.types[p.type].short, p.city, p.status, r.count,
                             R.number_value(r.mean), R.number_value(r.trimmed), R.number_value(r.high),
                             R.number_value(r.low), R.number_value(r.spread), r.rank, r.proposed]
        for e in spec.experts:
            er = by_expert.get(e)
            values.append(R.number_value(er.total) if er and er.status == R.COUNTED else (er.status if er else ""))
        values += ["、".join(r.recused), "；".join(r.divergent), "；".join(r.problems)]
        for i, v in enumerate(values, 1):
            name = cols[i - 1]
            cell = _cell(ws, row, i, v, align=S.WRAP if name in ("项目名称", "分歧指标", "问题") else S.CENTER,
                         fmt_="0.00" if name in ("平均分", "去极值平均分") else ("0.##" if isinstance(v, (int, float))
                                                                            and name not in ("序号", "排名", "专家人数") else None))
            if name == "问题" and v:
                cell.fill = S.WARNING_FILL
            if name == "前置条件" and v == R.PENDING:
                cell.fill = S.WARNING_FILL
            if i > len(FIXED_RESULT_COLUMNS) and v in (R.NOT_COUNTED, R.NOT_RETURNED):
                cell.fill = S.FINDING_FILL
            if i > len(FIXED_RESULT_COLUMNS) and v == R.RECUSED:
                cell.fill = RECUSED_FILL
            if name == "拟认定" and v in ("是", "待核实"):
                cell.font = S.BOLD
        lines = max(_lines(str(values[-1]), widths[-1]), _lines(str(values[-2]), widths[-2]),
                    _lines(p.name, widths[2]))
        ws.row_dimensions[row].height = max(20, 14 * lines + 6)
    _table(ws, "sb_review", 3, len(cols), row)
    ws.freeze_panes = "D4"
    ws.print_area = f"A1:{last_col}{max(row, 4)}"
    S.setup_print(ws, landscape=True, title_rows="3:3")


def _item_value(er: R.ExpertResult | None, sheet_raw: Any, item_id: str) -> Any:
    if er is None:
        return ""
    if er.status == R.RECUSED:
        return R.RECUSED
    if er.status == R.NOT_RETURNED:
        return R.NOT_RETURNED
    v = er.items.get(item_id)
    if v is not None:
        return R.number_value(v)
    if sheet_raw in (None, "") or (isinstance(sheet_raw, str) and not sheet_raw.strip()):
        return "未评"
    return f"{normalize(sheet_raw)[:12]}（无效）"


def _items_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    cols = ("项目编号", "项目名称", "项目类型", "指标编号", "指标", "满分", *(expert_column(e) for e in spec.experts), "最高",
            "最低", "分歧")
    last_col = get_column_letter(len(cols))
    _title(ws, f"各指标专家评分明细（{spec.round_id}）", last_col, font=S.SUBTITLE)
    _note(ws, "“分歧”：计入比较的专家评分最高与最低相差超过该指标满分的一半。“未评”“（无效）”的评分不计入该专家对项目的总分。",
          last_col, 2)
    ws["A2"].font = S.SMALL
    _header(ws, 3, cols, [8, 22, 6, 7, 40, 5, *([7] * len(spec.experts)), 6, 6, 5])
    row = 3
    for r in R.ordered(spec.results):
        p = r.project
        by_expert = {e.expert: e for e in r.experts}
        divergent = {d.split("（")[0] for d in r.divergent}
        for item in rules.rubric(p.type):
            row += 1
            scores = []
            vals: list[Any] = [p.no, p.name, rules.types[p.type].short, item.id, item.label, R.number_value(item.points)]
            for e in spec.experts:
                v = _item_value(by_expert.get(e), spec.raw_scores.get(e, {}).get(p.no, {}).get(item.id), item.id)
                vals.append(v)
                er = by_expert.get(e)
                if er and er.status in (R.COUNTED, R.NOT_COUNTED) and er.items.get(item.id) is not None:
                    scores.append(er.items[item.id])
            vals += [R.number_value(max(scores)) if scores else None, R.number_value(min(scores)) if scores else None,
                     "是" if item.id in divergent else ""]
            for i, v in enumerate(vals, 1):
                cell = _cell(ws, row, i, v, align=S.WRAP if cols[i - 1] in ("项目名称", "指标") else S.CENTER)
                if isinstance(v, str) and (v.endswith("（无效）") or v == "未评"):
                    cell.fill = S.FINDING_FILL
                if cols[i - 1] == "分歧" and v:
                    cell.fill = S.WARNING_FILL
            ws.row_dimensions[row].height = max(18, 14 * _lines(item.label, 40) + 4)
    _table(ws, "sb_review_items", 3, len(cols), row)
    ws.freeze_panes = "D4"
    S.setup_print(ws, landscape=True, title_rows="3:3")


def _shortlist_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    cols = ("序号", "项目类型", "类型内排名", "项目名称", "市（州）", "去极值平均分", "专家人数", "备注")
    last_col = get_column_letter(len(cols))
    _title(ws, f"拟认定名单（{spec.round_id}，分数线 {fmt(spec.pass_line)} 分）", last_col, font=S.SUBTITLE)
    _note(ws, "按项目类型分组、类型内按排名排列；前置条件“待定”的项目须核实达标后方可认定，不列入公示名单。", last_col, 2)
    ws["A2"].font = S.SMALL
    _header(ws, 3, cols, (5, 12, 8, 34, 10, 10, 8, 40))
    row = 3
    for n, r in enumerate(R.shortlist(spec.results), 1):
        row += 1
        notes = list(r.problems)
        vals = (n, rules.types[r.project.type].label, r.rank, r.project.name, r.project.city,
                R.number_value(r.trimmed), r.count, "；".join(notes))
        for i, v in enumerate(vals, 1):
            cell = _cell(ws, row, i, v, align=S.WRAP if cols[i - 1] in ("项目名称", "备注") else S.CENTER,
                         fmt_="0.00" if cols[i - 1] == "去极值平均分" else None)
            if cols[i - 1] == "备注" and v:
                cell.fill = S.WARNING_FILL
        ws.row_dimensions[row].height = max(20, 15 * max(_lines(vals[-1], 40), _lines(r.project.name, 34)) + 4)
    _table(ws, "sb_shortlist", 3, len(cols), row)
    ws.print_area = f"A1:{last_col}{max(row, 4)}"
    S.setup_print(ws, landscape=True, title_rows="3:3")


def _publish_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    cols = ("序号", "名称", "类型", "市（州）")
    _title(ws, TITLE.format(year=rules.year) + "拟认定名单", "D", font=S.SUBTITLE, height=40)
    _header(ws, 2, cols, (6, 48, 16, 12))
    row = 2
    for n, r in enumerate(R.publishable(spec.results), 1):
        row += 1
        for i, v in enumerate((n, r.project.name, rules.types[r.project.type].label, r.project.city), 1):
            _cell(ws, row, i, v, align=S.WRAP if i == 2 else S.CENTER, font=S.BODY)
        ws.row_dimensions[row].height = 22
    _table(ws, "sb_publish", 2, len(cols), row, style="TableStyleLight1")
    ws.print_area = f"A1:D{max(row, 3)}"
    S.setup_print(ws, landscape=False, title_rows="2:2")


def _notes_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 90
    _title(ws, "评审说明", "B", font=S.SUBTITLE)
    rows: list[tuple[str, str]] = [("评审轮次", spec.round_id), ("生成时间", f"{spec.created:%Y-%m-%d %H:%M}"),
                                   ("计分规则", _rule_text(spec)),
                                   ("有效评分", "专家须对项目的每个指标评分且在 0～满分 之间，该专家对该项目的总分才计入；"
                                              f"开放创新加分合计不超过 {fmt(rules.types['park'].bonus_cap)} 分。"
                                              "与项目同一市（州）的专家回避，其评分不计入。")]
    for e in spec.experts:
        city = spec.expert_cities.get(e)
        file = spec.expert_files.get(e)
        rows.append((f"专家{e}", (f"所属市（州）：{city}；" if city else "") + (f"评分表：{file}" if file else "评分表未提交")))
    rows += [("说明", n) for n in spec.notes]
    for i, (k, v) in enumerate(rows, 2):
        a, b = ws.cell(i, 1), ws.cell(i, 2)
        set_cell(a, k)
        set_cell(b, v)
        a.font, a.border, a.alignment = S.BOLD, S.BOX, S.WRAP
        b.font, b.border, b.alignment = S.BODY, S.BOX, S.WRAP
        ws.row_dimensions[i].height = max(20, 15 * _lines(v, 90) + 4)
    S.setup_print(ws, landscape=False)


# --- 评分校准: the chair's look at the experts before publishing ---------------------------------------

CALIBRATION_SHEET = "评分校准"
CALIBRATION_WIDTHS = (9, 24, 9, 9, 9, 9, 9, 9, 9, 40)
TWO_DECIMALS = ("平均总分", "平均偏差", "平均绝对偏差", "去极值平均分", "标准差", "平均极差", "平均标准差")


def _calibration_block(ws: Worksheet, row: int, title: str, table: str, columns: Sequence[str],
                       rows: Sequence[Sequence[Any]]) -> int:
    """A subtitle, then an Excel table; returns the table's last row."""
    set_cell(ws.cell(row, 1), title)
    ws.cell(row, 1).font = S.SUBTITLE
    _header(ws, row + 1, columns)
    last = row + 1
    for values in rows:
        last += 1
        for i, v in enumerate(values, 1):
            name = columns[i - 1]
            fmt_ = ("+0.00;-0.00;0.00" if name == "平均偏差" else "0.00" if name in TWO_DECIMALS
                    else "0%" if name == "平均极差占满分" else None)
            cell = _cell(ws, last, i, v, align=S.WRAP if name in ("项目名称", "指标", "说明") else S.CENTER, fmt_=fmt_)
            if name == "分歧项目数" and v:
                cell.fill = S.WARNING_FILL
        ws.row_dimensions[last].height = max(18, 14 * max(_lines(str(values[i] or ""), CALIBRATION_WIDTHS[i])
                                                          for i in range(len(values))) + 4)
    _table(ws, table, row + 1, len(columns), last)
    return max(last, row + 2)


def calibration_sheet(ws: Worksheet, spec: ResultSpec) -> None:
    """Per expert: projects scored, mean total and mean deviation from 去极值平均分 (with a bar chart);
    per project: the spread of totals; per 附件5 item: how far the experts' scores lie apart."""
    from openpyxl.chart import BarChart, Reference

    from ...engine.calibration import EXPERT_COLUMNS, ITEM_COLUMNS, PROJECT_COLUMNS

    cal = spec.calibration
    last_col = get_column_letter(len(CALIBRATION_WIDTHS))
    for i, w in enumerate(CALIBRATION_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    _title(ws, f"专家评分校准（{spec.round_id}）", last_col, font=S.SUBTITLE)
    _note(ws, "供评审组长公布结果前查看，不改变已公布的平均分、去极值平均分和排名。偏差 = 专家总分 − 该项目去极值平均分，"
              "正数表示评分偏高；只比较计入评分的专家不少于2人的项目。标准差为样本标准差。", last_col, 2, 32)
    ws["A2"].font = S.SMALL
    end = _calibration_block(ws, 3, "一、各专家评分偏差", "sb_calibration", EXPERT_COLUMNS, cal.experts)
    dev_col = EXPERT_COLUMNS.index("平均偏差") + 1
    for r, row in enumerate(cal.experts, 5):
        if row[0] in (cal.lenient, cal.strict):
            ws.cell(r, dev_col).fill = S.WARNING_FILL
        elif row[0] not in spec.expert_files:   # did not return his workbook
            ws.cell(r, len(EXPERT_COLUMNS)).fill = S.FINDING_FILL
    chart = BarChart()
    chart.type, chart.title = "col", "各专家平均偏差（高于去极值平均分为正）"
    chart.y_axis.title, chart.legend = "分", None
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.x_axis.tickLblPos = "low"   # names under the plot, not on the bars below zero
    chart.add_data(Reference(ws, min_col=dev_col, min_row=4, max_row=max(end, 5)), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=5, max_row=max(end, 5)))
    chart.series[0].invertIfNegative = False
    chart.height, chart.width = 7, 16
    ws.add_chart(chart, f"A{end + 2}")
    start = end + 17
    end = _calibration_block(ws, start, "二、各项目专家总分的离散程度", "sb_calibration_projects", PROJECT_COLUMNS,
                             cal.projects)
    _calibration_block(ws, end + 2, "三、专家分歧较大的指标（按项目类型，平均极差占满分比例从高到低）", "sb_calibration_items",
                       ITEM_COLUMNS, cal.items)
    S.setup_print(ws, landscape=True)
