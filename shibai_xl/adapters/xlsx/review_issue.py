"""What ``shibai review make`` writes: one 专家评分表 per expert, and the round's 评审安排.

专家评分表 (``专家评分表-甲.xlsx``)
    评分表  the Excel table ``sb_expert_scores``: one row per project and 附件5 item,
            the expert types into the yellow 专家评分 column (validated 0…满分);
            回避 rows are grey and locked, 待定 projects are marked yellow.
    小计    native formulas per project, finding its rows by 项目编号 and 指标编号
            (SUMIFS/COUNTIFS/SUMPRODUCT, :mod:`.review_totals`; no structured references,
            so Excel, WPS and LibreOffice all compute them, sorted or not): items
            scored, items out of range, 基础分, 开放创新加分 (≤ cap), 总分, 状态.
    _sb_review  very hidden: the round's project list; workbook-level names hold
            the round id, the expert and fingerprints (``sb_review_*``).
    _sb_percent very hidden: per row of the 评分表, whether its 专家评分 is shown as a
            percentage — for the rows an expert inserts, which have no 计分 cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ...engine import review as R
from ...engine.fmt import fmt
from ...rules import Rules
from . import styles as S
from .cells import set_cell
from .fast_rows import hold_formulas
from .legacy import quote_sheet
from .review_layout import (
    EXPERT_COLUMNS,
    EXPERT_KIND,
    EXPERT_WIDTHS,
    EXPERTS_SHEET,
    FIRST_ROW_BORDER,
    HEADER_ROW,
    PERCENT_SHEET,
    PLAN_KIND,
    RECUSED_FILL,
    RECUSED_FONT,
    RECUSED_MARK,
    SCORE_SHEET,
    SMALL_BODY,
    TABLE,
    TOTAL_SHEET,
    column_letter,
    column_runs,
    fixed_properties,
    put_constant,
    put_header,
    put_note,
    put_title,
    state_sheet,
)
from .review_totals import ScoreRows, percent_flag
from .score_reading import (
    HELPER_HEADS,
    INVALID,  # noqa: F401  (what a 计分 cell shows for no score; tests import it here)
    keyed_done_status,
    reading_column,
    status_formula,
)
from .text_fit import fit_row, tallest, text_lines

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
    last = _score_sheet(wb, ws, spec, rules)
    _total_sheet(wb, wb.create_sheet(TOTAL_SHEET), spec, rules, last)
    state_sheet(wb, spec.projects, spec.recused, rules)
    _percent_sheet(wb.create_sheet(PERCENT_SHEET), last)
    fixed_properties(wb, spec.created)
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
        put_constant(wb, name, value)
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


def _score_sheet(wb: Workbook, ws: Worksheet, spec: ExpertBookSpec, rules: Rules) -> int:
    """Write the score table; returns its last row."""
    last_col = get_column_letter(len(EXPERT_COLUMNS))
    c = {name: column_letter(name) for name in EXPERT_COLUMNS}
    put_title(ws, rules.titles.programme + "专家评分表", last_col)
    put_note(ws, _expert_line(spec), last_col, 2)
    ws["A2"].font = S.BOLD
    put_note(ws, "填写说明：请在黄色“专家评分”列逐项填写 0～满分 的分数（不得分填 0，不要留空）。"
                 "“建议分”由工具根据申报表自动给出，"
              "仅供参考。灰色行为需回避的项目（与您同一市州），不必评分；前置条件为“待定”的项目（黄色）请照常评分，认定前将核实。"
              "请勿删除行，不要修改项目编号、指标编号和满分（汇总按这两个编号找到每一行）；各项目总分见“小计”表"
              "（按项目编号和指标编号计算，排序、筛选后照样对应各项目）。填写完毕保存后交回本文件。", last_col, 3, 46)
    ws["A3"].font = S.SMALL
    put_header(ws, HEADER_ROW, EXPERT_COLUMNS, EXPERT_WIDTHS)
    score_rows: dict[float, list[int]] = {}     # 满分 → the rows whose score it bounds
    ci = {name: i for i, name in enumerate(EXPERT_COLUMNS, 1)}
    styler = S.Styler()
    row = HEADER_ROW + 1
    ptypes = rules.types
    for p in spec.projects:
        rec = p.no in spec.recused
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
                key = (name, k == 0, rec, p.pending)
                styler.keyed(cell, key, _score_style(*key))
                set_cell(cell, v)
            if not rec:
                score_rows.setdefault(float(item.points), []).append(row)
            height = 14 * max(text_lines(item.label, EXPERT_WIDTHS[8]), text_lines(s.reason, EXPERT_WIDTHS[11], small=True),
                              text_lines(p.name, EXPERT_WIDTHS[1])) + 6
            ws.row_dimensions[row].height = tallest(max(20, height))
            row += 1
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
    reading_column(ws, sc, HEADER_ROW, range(HEADER_ROW + 1, last + SPARE_ROWS + 1), _FIRST_HELPER, own_row=True,
                   percent=True, hold=True)
    table = Table(displayName=TABLE, ref=f"A{HEADER_ROW}:{last_col}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.print_area = f"A1:{last_col}{last}"
    S.setup_print(ws, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    S.signed_pages(ws, "评审专家")
    S.protect(ws)
    return last


@cache
def _score_style(name: str, first: bool, recused: bool, pending: bool) -> dict:
    """The style of a 评分表 cell in column ``name``: of a project's first row, a project recused from, pending
    (a few dozen combinations, each worked out once; the dicts are shared, never changed)."""
    style = {"border": FIRST_ROW_BORDER if first else S.BOX, "font": SMALL_BODY,
             "alignment": S.WRAP if name in WRAPPED else S.CENTER}
    if name in ("建议分", "建议理由"):
        style["fill"] = S.TOOL_FILL
    if name == "建议理由":
        style["font"] = S.SMALL
    if name == "专家评分":
        style["number_format"] = "0.##"
    if recused:
        style["fill"], style["font"] = RECUSED_FILL, RECUSED_FONT
    elif name in ("专家评分", "备注"):
        style["fill"], style["protection"] = S.INPUT_FILL, S.UNLOCKED
    elif pending and name in ("项目名称", "前置条件"):
        style["fill"] = S.WARNING_FILL
    return style


# Hidden columns right of the table (one blank column between, so Excel does not take them into the table): each
# 专家评分 as ``review collect`` reads it (score_reading). The 小计 formulas count, sum and range-check the last of them
# (READING_COLUMN), so the expert's 小计 and the collector agree on a score typed as text; a number typed in a whole row
# the expert inserts, which has no 计分 cell, is counted as typed (ScoreRows.read/typed).
_FIRST_HELPER = len(EXPERT_COLUMNS) + 2
# Rows under the table that have their 计分 cells too and lie in the 小计's ranges: an expert who cuts a project's rows
# and pastes them under the table, even a few screens down (or types a forgotten row there), still sees them counted;
# rows pasted further down are said by the 小计's 状态 (ScoreRows.guarded), never left out silently.
SPARE_ROWS = 1000
READING_COLUMN = get_column_letter(_FIRST_HELPER + len(HELPER_HEADS) - 1)
# The very hidden sheet telling, per row of the 评分表 (by row number, so rows inserted there move nothing on it), a
# score shown as a percentage: the 小计 counts a “10%” typed in an inserted row as 10, as collect does. Rows enough
# for the table, its spare rows and this many rows an expert inserts.
INSERTED_ROWS = 200
_SCORE_SRC = quote_sheet(SCORE_SHEET)


def _percent_sheet(ws: Worksheet, last_row: int) -> None:
    hold_formulas(ws, range(HEADER_ROW + 1, last_row + SPARE_ROWS + INSERTED_ROWS + 1),
                  [(1, percent_flag(_SCORE_SRC, column_letter("专家评分")))])
    ws.sheet_state = "veryHidden"
    S.protect(ws)


TOTAL_COLUMNS = ("项目编号", "项目名称", "项目类型", "市（州）", "前置条件", "回避", "应评项数", "已评项数", "超范围项数",
                 "基础分", "开放创新加分", "专家总分", "建议总分", "状态")
TOTAL_WIDTHS = (8, 30, 7, 9, 7, 6, 7, 7, 7, 8, 9, 9, 9, 18)
TOTAL_HEADER_ROW = 3


# The 小计 columns that hold the tool's own formulas; every other column holds text from the summary.
FORMULA_COLUMNS = frozenset(("已评项数", "超范围项数", "基础分", "开放创新加分", "专家总分", "状态", "建议总分"))


def _total_sheet(wb: Workbook, ws: Worksheet, spec: ExpertBookSpec, rules: Rules,
                 last_row: int) -> None:
    last_col = get_column_letter(len(TOTAL_COLUMNS))
    t = {name: column_letter(name, TOTAL_COLUMNS) for name in TOTAL_COLUMNS}
    ti = {name: i for i, name in enumerate(TOTAL_COLUMNS, 1)}
    styler = S.Styler()
    put_title(ws, _total_title(spec), last_col, font=S.SUBTITLE)
    put_note(ws, "本表由公式根据“评分表”自动计算：基础分为各项评分之和；开放创新加分合计不超过"
              f"{R.bonus_caps(rules)}；"
              "专家总分 = 基础分 + 开放创新加分。", last_col, 2, 30)
    ws["A2"].font = S.SMALL
    put_header(ws, TOTAL_HEADER_ROW, TOTAL_COLUMNS, TOTAL_WIDTHS)
    sc, mx, sg = READING_COLUMN, column_letter("满分"), column_letter("建议分")
    rows = ScoreRows(_SCORE_SRC, HEADER_ROW + 1, last_row + SPARE_ROWS, column_letter("项目编号"), column_letter("指标编号"),
                     read=sc, typed=column_letter("专家评分"), percent=f"{quote_sheet(PERCENT_SHEET)}!$A:$A",
                     recuse=column_letter("回避"), remark=column_letter("备注"))
    r = TOTAL_HEADER_ROW + 1
    for p in spec.projects:
        n = len(rules.rubric(p.type))
        cap = fmt(rules.types[p.type].bonus_cap)
        bonus_ids = tuple(i.id for i in rules.rubric(p.type) if i.bonus)
        rec = p.no in spec.recused
        values: dict[str, Any] = {
            "项目编号": p.no, "项目名称": p.name, "项目类型": rules.types[p.type].short, "市（州）": p.city,
            "前置条件": p.status, "回避": RECUSED_MARK if rec else "", "应评项数": 0 if rec else n,
        }
        base, bonus = rows.capped(sc, p.no, bonus_ids, cap)
        sugg_base, sugg_bonus = rows.capped(sg, p.no, bonus_ids, cap)
        sugg = sugg_base + (f"+{sugg_bonus}" if sugg_bonus else "")
        if rec:
            values.update({"已评项数": None, "超范围项数": None, "基础分": None, "开放创新加分": None, "专家总分": None,
                           "状态": "回避（不评分）"})
        else:
            values.update({
                "已评项数": f"={rows.scored(sc, p.no)}",
                "超范围项数": "=" + rows.out_of_range(sc, mx, p.no),
                "基础分": f"={base}",
                "开放创新加分": f"={bonus}" if bonus else None,
                "专家总分": f"={t['基础分']}{r}+{t['开放创新加分']}{r}" if bonus else f"={t['基础分']}{r}",
                "状态": rows.guarded(status_formula(
                    keyed_done_status(rules, p.type, lambda i, no=p.no: rows.total(sc, no, (i,))),
                    f"{t['超范围项数']}{r}", f"{t['已评项数']}{r}", f"{t['应评项数']}{r}",
                    rows.not_numbers(sc, p.no)),
                    p.no, f"{t['应评项数']}{r}", f"{t['已评项数']}{r}", (f"{t['回避']}{r}", f"{t['专家总分']}{r}")),
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
            if name == "开放创新加分" and not bonus and not rec:
                style["fill"] = S.TOOL_FILL
            if name == "专家总分":
                style["font"] = S.BOLD if not rec else RECUSED_FONT
            styler(cell, **style)
            if name in FORMULA_COLUMNS and isinstance(v, str) and v.startswith("="):
                cell.value = v           # our own formula; 项目名称 and the like are applicant text, always text
            else:
                set_cell(cell, v)
        ws.row_dimensions[r].height = tallest(max(20, 15 * text_lines(p.name, TOTAL_WIDTHS[1]) + 4))
        r += 1
    ws.freeze_panes = f"C{TOTAL_HEADER_ROW + 1}"
    ws.print_area = f"A1:{last_col}{max(r - 1, TOTAL_HEADER_ROW)}"
    S.setup_print(ws, landscape=True, title_rows=f"{TOTAL_HEADER_ROW}:{TOTAL_HEADER_ROW}")
    S.signed_pages(ws, "评审专家")
    S.protect(ws)

# --- 评审安排 (the round's plan, for the organiser and the collector) -----------------------------------

# the file name in the wide column B, the recused projects over F:I: in the project table's narrow columns they
# printed as "表-张" and two of the list (wrapped in rows one line tall)
PLAN_EXPERT_COLUMNS = ("专家", "评分表文件", "所属市（州）", "评审项目数", "回避项目数", "回避项目")
PLAN_WIDTHS = (8, 30, 8, 9, 9, 7, 14, 8, 40)
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
    source_path: str = ""    # where collect reads the summary again: relative to the round folder when it can


def build_plan_book(spec: PlanSpec, rules: Rules) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "评审安排"
    last_col = get_column_letter(len(PLAN_PROJECT_COLUMNS))
    put_title(ws, rules.titles.programme + "省级评审安排", last_col)
    put_note(ws, f"评审轮次：{spec.round_id}　　项目汇总表：{spec.source}　　生成时间：{spec.created:%Y-%m-%d %H:%M}",
             last_col, 2)
    put_note(ws, "本文件供汇总时核对（shibai review collect 会读取它），请与专家评分表放在同一文件夹，不要修改。", last_col, 3)
    ws["A3"].font = S.SMALL
    row = 5
    ws[f"A{row}"].value, ws[f"A{row}"].font = "专家", S.SUBTITLE
    row += 1
    for i, h in enumerate(PLAN_EXPERT_COLUMNS, 1):
        c = ws.cell(row, i, h)
        c.font, c.alignment, c.border, c.fill = S.HEADER, S.CENTER, S.BOX, S.HEADER_FILL
    last = len(PLAN_PROJECT_COLUMNS)
    ws.merge_cells(start_row=row, start_column=len(PLAN_EXPERT_COLUMNS), end_row=row, end_column=last)
    widths = (*PLAN_WIDTHS[:len(PLAN_EXPERT_COLUMNS) - 1], sum(PLAN_WIDTHS[len(PLAN_EXPERT_COLUMNS) - 1:]))
    for name, city, recused, file in spec.experts:
        row += 1
        vals = (name, file, city or "（未指定）", len(spec.projects) - len(recused), len(recused),
                "、".join(p.no for p in spec.projects if p.no in recused))
        for i, v in enumerate(vals, 1):
            set_cell(ws.cell(row, i), v)
            ws.cell(row, i).border, ws.cell(row, i).alignment = S.BOX, S.WRAP
        ws.merge_cells(start_row=row, start_column=len(vals), end_row=row, end_column=last)
        fit_row(ws, row, zip(vals, widths, strict=True))
    row += 2
    ws[f"A{row}"].value, ws[f"A{row}"].font = "评审项目", S.SUBTITLE
    row += 1
    head = row
    put_header(ws, row, PLAN_PROJECT_COLUMNS, PLAN_WIDTHS)
    for p in spec.projects:
        row += 1
        rec = [name + (f"（{city}也报送了本项目）" if city in p.also_cities else "")   # a project two cities sent
               for name, city, recused, _ in spec.experts if p.no in recused]
        vals = (p.no, p.name, rules.types[p.type].short, p.city, p.county, p.status, "、".join(rec),
                R.number_value(spec.suggested_totals.get(p.no)), spec.application_files.get(p.no) or R.NO_APPLICATION)
        for i, v in enumerate(vals, 1):
            cell = ws.cell(row, i)
            set_cell(cell, v)
            cell.border, cell.alignment, cell.font = S.BOX, S.WRAP, SMALL_BODY
        fit_row(ws, row, zip(vals, PLAN_WIDTHS, strict=True))
        if p.pending:
            ws.cell(row, 6).fill = S.WARNING_FILL
    if spec.skipped:
        row += 2
        ws[f"A{row}"].value, ws[f"A{row}"].font = "未列入评审", S.SUBTITLE
        for s in spec.skipped:
            row += 1
            set_cell(ws.cell(row, 2), s.name)
            set_cell(ws.cell(row, 3), s.reason)
            ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=last)   # the reason, over C:I
            ws.cell(row, 2).alignment = ws.cell(row, 3).alignment = S.WRAP
            fit_row(ws, row, ((s.name, PLAN_WIDTHS[1]), (s.reason, sum(PLAN_WIDTHS[2:]))))
    S.setup_print(ws, landscape=True, title_rows=f"{head}:{head}")
    S.protect(ws)
    state_sheet(wb, spec.projects, set(), rules)
    ex = wb.create_sheet(EXPERTS_SHEET)
    ex.append(["专家", "市（州）", "回避", "文件", "校验"])
    for r, (name, city, recused, file) in enumerate(spec.experts, 2):
        for i, v in enumerate((name, city, ",".join(sorted(recused)), file,
                               R.expert_fingerprint(spec.round_fp, name, recused)), 1):
            set_cell(ex.cell(r, i), v)
    ex.sheet_state = "veryHidden"
    for name, value in (("sb_type", PLAN_KIND), ("sb_year", str(rules.year)), ("sb_review_round", spec.round_id),
                        ("sb_review_fingerprint", spec.round_fp), ("sb_review_source", spec.source_path)):
        put_constant(wb, name, value)
    fixed_properties(wb, spec.created)
    return wb


