"""What ``shibai review collect`` writes: the 评审结果 workbook (results, item details, 评分校准,
拟认定名单, 公示, 评审说明)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ...engine import review as R
from ...engine.fmt import fmt, typed
from ...engine.parse.text import normalize
from ...rules import Rules
from . import styles as S
from .cells import set_cell
from .review_layout import (
    RECUSED_FILL,
    RESULT_KIND,
    add_table,
    fixed_properties,
    put_cell,
    put_constant,
    put_header,
    put_note,
    put_title,
)
from .text_fit import fit_row, tallest, text_lines

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
    remarks: dict[str, dict[str, dict[str, list]]] = field(default_factory=dict)   # expert → 编号 → 指标 → ExpertSheet's
    calibration: Any = None   # engine.calibration.Calibration: the 评分校准 sheet (not imported here: it needs pandas)
    incomplete: str = ""      # why the result is incomplete, said at the top of every sheet that lists results


FIXED_RESULT_COLUMNS = ("序号", "项目编号", "项目名称", "项目类型", "市（州）", "前置条件", "专家人数", "平均分", "去极值平均分",
                        "最高分", "最低分", "极差", "排名", "拟认定")


def expert_column(expert: str) -> str:
    """The result column of one expert's totals (never the same as a fixed column, e.g. an expert called 人数)."""
    name = f"专家{expert}"
    return name if name not in (*FIXED_RESULT_COLUMNS, "回避专家", "分歧指标", "问题") else f"专家{expert}（总分）"


def result_columns(experts: Sequence[str]) -> tuple[str, ...]:
    return (*FIXED_RESULT_COLUMNS, *(expert_column(e) for e in experts), "回避专家", "分歧指标", "问题")



def build_result_book(spec: ResultSpec, rules: Rules) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "评审结果"
    _result_sheet(ws, spec, rules)
    _items_sheet(wb.create_sheet("指标明细"), spec, rules)
    if spec.calibration is not None:
        calibration_sheet(wb.create_sheet(CALIBRATION_SHEET), spec)
    if any(spec.remarks.values()):
        _remarks_sheet(wb.create_sheet("专家备注"), spec, rules)
    _shortlist_sheet(wb.create_sheet("拟认定名单"), spec, rules)
    _publish_sheet(wb.create_sheet("公示"), spec, rules)
    _notes_sheet(wb.create_sheet("评审说明"), spec, rules)
    for name, value in (("sb_type", RESULT_KIND), ("sb_year", str(rules.year)), ("sb_review_round", spec.round_id)):
        put_constant(wb, name, value)
    fixed_properties(wb, spec.created)
    return wb


def _rule_text(spec: ResultSpec) -> str:
    return (f"计入评分的专家不少于{spec.trim_min}人时去掉一个最高分和一个最低分后取平均（去极值平均分），少于{spec.trim_min}人时"
            f"等于平均分；排名按去极值平均分（保留{R.DECIMALS}位小数）在同类型项目内从高到低，同分同名次；"
            f"拟认定分数线 {fmt(spec.pass_line)} 分（含），按未四舍五入的去极值平均分判断。")


def _result_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    cols = result_columns(spec.experts)
    last_col = get_column_letter(len(cols))
    put_title(ws, rules.titles.programme + f"省级评审结果（{spec.round_id}）" + _unfinished(spec), last_col)
    put_note(ws, f"评审专家 {len(spec.experts)} 人：{'、'.join(spec.experts)}。" + _rule_text(spec), last_col, 2, 32)
    ws["A2"].font = S.SMALL
    _say_incomplete(ws, spec, "A2")
    widths = [5, 8, 26, 6, 9, 7, 6, 8, 9, 7, 7, 6, 6, 7, *([8] * len(spec.experts)), 10, 34, 50]
    put_header(ws, 3, cols, widths)
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
            number = isinstance(v, (int, float)) and name not in ("序号", "排名", "专家人数")
            cell = put_cell(ws, row, i, v, align=S.WRAP if name in ("项目名称", "分歧指标", "问题") else S.CENTER,
                            fmt_="0.00" if name in ("平均分", "去极值平均分") else ("0.##" if number else None))
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
        lines = max(text_lines(str(values[-1]), widths[-1]), text_lines(str(values[-2]), widths[-2]),
                    text_lines(p.name, widths[2]))
        ws.row_dimensions[row].height = tallest(max(20, 14 * lines + 6))
    add_table(ws, "sb_review", 3, len(cols), row)
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
    return f"{normalize(typed(sheet_raw))[:12]}（无效）"   # 15 as typed, never the reader's 15.0


def _items_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    cols = ("项目编号", "项目名称", "项目类型", "指标编号", "指标", "满分", *(expert_column(e) for e in spec.experts), "最高",
            "最低", "分歧")
    last_col = get_column_letter(len(cols))
    put_title(ws, f"各指标专家评分明细（{spec.round_id}）", last_col, font=S.SUBTITLE)
    put_note(ws, "“分歧”：计入比较的专家评分最高与最低相差超过该指标满分的一半。“未评”“（无效）”的评分不计入该专家对项目的总分。",
          last_col, 2)
    ws["A2"].font = S.SMALL
    put_header(ws, 3, cols, [8, 22, 6, 7, 40, 5, *([7] * len(spec.experts)), 6, 6, 5])
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
                cell = put_cell(ws, row, i, v, align=S.WRAP if cols[i - 1] in ("项目名称", "指标") else S.CENTER)
                if isinstance(v, str) and (v.endswith("（无效）") or v == "未评"):
                    cell.fill = S.FINDING_FILL
                if cols[i - 1] == "分歧" and v:
                    cell.fill = S.WARNING_FILL
            ws.row_dimensions[row].height = tallest(max(18, 14 * text_lines(item.label, 40) + 4))
    add_table(ws, "sb_review_items", 3, len(cols), row)
    ws.freeze_panes = "D4"
    S.setup_print(ws, landscape=True, title_rows="3:3")


def _remarks_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    """Every 备注 the experts wrote, by project, item and expert: what they said for the panel is not dropped."""
    cols = ("项目编号", "项目名称", "项目类型", "指标编号", "指标", "专家", "专家评分", "备注", "单元格")
    last_col = get_column_letter(len(cols))
    put_title(ws, f"专家备注（{spec.round_id}）", last_col, font=S.SUBTITLE)
    put_note(ws, "专家在评分表“备注”列（及自己插入的列）填写的内容，原样列出（回避项目的也列出），供评审组核对；备注不影响评分。",
             last_col, 2)
    ws["A2"].font = S.SMALL
    put_header(ws, 3, cols, [8, 22, 6, 7, 30, 8, 8, 40, 10])
    row = 3
    for r in R.ordered(spec.results):
        p = r.project
        by_expert = {e.expert: e for e in r.experts}
        for item in rules.rubric(p.type):
            for e in spec.experts:
                for header, said, cell in spec.remarks.get(e, {}).get(p.no, {}).get(item.id, ()):
                    row += 1
                    score = _item_value(by_expert.get(e), spec.raw_scores.get(e, {}).get(p.no, {}).get(item.id), item.id)
                    text = ("" if header == "备注" else f"{header}：") + (said if isinstance(said, str) else fmt(said))
                    vals = (p.no, p.name, rules.types[p.type].short, item.id, item.label, e, score, text, cell)
                    for i, v in enumerate(vals, 1):
                        put_cell(ws, row, i, v, align=S.WRAP if cols[i - 1] in ("项目名称", "指标", "备注") else S.CENTER)
                    ws.row_dimensions[row].height = tallest(max(18, 14 * max(text_lines(item.label, 30),
                                                                                text_lines(text, 40)) + 4))
    add_table(ws, "sb_review_remarks", 3, len(cols), row)
    ws.freeze_panes = "C4"
    S.setup_print(ws, landscape=True, title_rows="3:3")


def _shortlist_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    cols = ("序号", "项目类型", "类型内排名", "项目名称", "市（州）", "去极值平均分", "专家人数", "备注")
    last_col = get_column_letter(len(cols))
    put_title(ws, f"拟认定名单（{spec.round_id}，分数线 {fmt(spec.pass_line)} 分）" + _unfinished(spec), last_col,
              font=S.SUBTITLE)
    put_note(ws, "按项目类型分组、类型内按排名排列；前置条件“待定”的项目须核实达标后方可认定，不列入公示名单。"
             f"去极值平均分：计入评分的专家不少于{spec.trim_min}人时去掉一个最高分和一个最低分后取平均，"
             f"少于{spec.trim_min}人时等于平均分。", last_col, 2, 32)
    ws["A2"].font = S.SMALL
    _say_incomplete(ws, spec, "A2")
    put_header(ws, 3, cols, (5, 12, 8, 34, 10, 10, 8, 40))
    row = 3
    for n, r in enumerate(R.shortlist(spec.results), 1):
        row += 1
        notes = list(r.problems)
        vals = (n, rules.types[r.project.type].label, r.rank, r.project.name, r.project.city,
                R.number_value(r.trimmed), r.count, "；".join(notes))
        for i, v in enumerate(vals, 1):
            cell = put_cell(ws, row, i, v, align=S.WRAP if cols[i - 1] in ("项目名称", "备注") else S.CENTER,
                         fmt_="0.00" if cols[i - 1] == "去极值平均分" else None)
            if cols[i - 1] == "备注" and v:
                cell.fill = S.WARNING_FILL
        ws.row_dimensions[row].height = tallest(max(20, 15 * max(text_lines(vals[-1], 40), text_lines(r.project.name, 34)) + 4))
    add_table(ws, "sb_shortlist", 3, len(cols), row)
    ws.print_area = f"A1:{last_col}{max(row, 4)}"
    S.setup_print(ws, landscape=True, title_rows="3:3")


def _publish_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    cols = ("序号", "名称", "类型", "市（州）")
    put_title(ws, rules.titles.programme + "拟认定名单" + _unfinished(spec), "D", font=S.SUBTITLE,
              height=60 if spec.incomplete else 40)
    if spec.incomplete:     # printed and published as it is: the title itself says it is not final
        ws["A1"].fill = S.FINDING_FILL
    put_header(ws, 2, cols, (6, 48, 16, 12))
    row = 2
    for n, r in enumerate(R.publishable(spec.results), 1):
        row += 1
        for i, v in enumerate((n, r.project.name, rules.types[r.project.type].label, r.project.city), 1):
            put_cell(ws, row, i, v, align=S.WRAP if i == 2 else S.CENTER, font=S.BODY)
        ws.row_dimensions[row].height = 22
        fit_row(ws, row, [(r.project.name, 48)])    # published as printed: a long name whole, not cut in one line
    add_table(ws, "sb_publish", 2, len(cols), row, style="TableStyleLight1")
    ws.print_area = f"A1:D{max(row, 3)}"
    S.setup_print(ws, landscape=False, title_rows="2:2")


def _unfinished(spec: ResultSpec) -> str:
    return "（评审结果不完整，请勿公示）" if spec.incomplete else ""


def _say_incomplete(ws: Worksheet, spec: ResultSpec, ref: str) -> None:
    """An incomplete result's reason in front of the sheet's note, marked as a finding."""
    if not spec.incomplete:
        return
    cell = ws[ref]
    cell.value = f"{spec.incomplete}\n{cell.value}"
    cell.fill = S.FINDING_FILL
    ws.row_dimensions[cell.row].height = tallest((ws.row_dimensions[cell.row].height or 18) + 30)


def _notes_sheet(ws: Worksheet, spec: ResultSpec, rules: Rules) -> None:
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 90
    put_title(ws, "评审说明", "B", font=S.SUBTITLE)
    rows: list[tuple[str, str]] = [("评审轮次", spec.round_id), ("生成时间", f"{spec.created:%Y-%m-%d %H:%M}"),
                                   *([("结果状态", spec.incomplete)] if spec.incomplete else []),
                                   ("计分规则", _rule_text(spec)),
                                   ("有效评分", "专家须对项目的每个指标评分且在 0～满分 之间，该专家对该项目的总分才计入；"
                                              f"开放创新加分合计不超过{R.bonus_caps(rules)}。"
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
        ws.row_dimensions[i].height = tallest(max(20, 15 * text_lines(v, 90) + 4))
    S.setup_print(ws, landscape=False)


# --- 评分校准: the chair's look at the experts before publishing ---------------------------------------

CALIBRATION_SHEET = "评分校准"
CALIBRATION_ITEMS_SHEET = "评分校准（指标）"
CALIBRATION_WIDTHS = (9, 24, 9, 9, 9, 9, 9, 9, 9, 40)
TWO_DECIMALS = ("平均总分", "平均偏差", "平均绝对偏差", "去极值平均分", "标准差", "平均极差", "平均标准差")


def _calibration_block(ws: Worksheet, row: int, title: str, table: str, columns: Sequence[str],
                       rows: Sequence[Sequence[Any]]) -> int:
    """A subtitle, then an Excel table; returns the table's last row."""
    set_cell(ws.cell(row, 1), title)
    ws.cell(row, 1).font = S.SUBTITLE
    put_header(ws, row + 1, columns)
    last = row + 1
    for values in rows:
        last += 1
        for i, v in enumerate(values, 1):
            name = columns[i - 1]
            fmt_ = ("+0.00;-0.00;0.00" if name == "平均偏差" else "0.00" if name in TWO_DECIMALS
                    else "0%" if name == "平均极差占满分" else None)
            cell = put_cell(ws, last, i, v, align=S.WRAP if name in ("项目名称", "指标", "说明") else S.CENTER, fmt_=fmt_)
            if name == "分歧项目数" and v:
                cell.fill = S.WARNING_FILL
        ws.row_dimensions[last].height = tallest(max(18, 14 * max(text_lines(str(values[i] or ""), CALIBRATION_WIDTHS[i])
                                                          for i in range(len(values))) + 4))
    add_table(ws, table, row + 1, len(columns), last)
    return max(last, row + 2)


def calibration_sheet(ws: Worksheet, spec: ResultSpec) -> None:
    """Per expert: projects scored, mean total and mean deviation from 去极值平均分 (with a bar chart);
    per project: the spread of totals; per 附件5 item: how far the experts' scores lie apart."""
    # here, not at the top: engine.calibration imports pandas, which ``review make`` never needs
    from ...engine.calibration import EXPERT_COLUMNS, ITEM_COLUMNS, PROJECT_COLUMNS

    cal = spec.calibration
    last_col = get_column_letter(len(CALIBRATION_WIDTHS))
    for i, w in enumerate(CALIBRATION_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    put_title(ws, f"专家评分校准（{spec.round_id}）", last_col, font=S.SUBTITLE)
    put_note(ws, "供评审组长公布结果前查看，不改变已公布的平均分、去极值平均分和排名。偏差 = 专家总分 − 该项目去极值平均分，"
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
    # a printed page repeats one header: 二 starts a page and repeats its own, 三 has a sheet of its own (on the
    # same sheet its pages repeated 二's header, or none before it: Excel, WPS and LibreOffice alike)
    start = end + 17
    _calibration_block(ws, start, "二、各项目专家总分的离散程度", "sb_calibration_projects", PROJECT_COLUMNS, cal.projects)
    ws.row_breaks.append(Break(id=start - 1))
    S.setup_print(ws, landscape=True, title_rows=f"{start + 1}:{start + 1}")
    items = ws.parent.create_sheet(CALIBRATION_ITEMS_SHEET)
    for i, w in enumerate(CALIBRATION_WIDTHS, 1):
        items.column_dimensions[get_column_letter(i)].width = w
    put_title(items, f"专家评分校准（{spec.round_id}）：专家分歧较大的指标", last_col, font=S.SUBTITLE)
    _calibration_block(items, 2, "三、专家分歧较大的指标（按项目类型，平均极差占满分比例从高到低）", "sb_calibration_items",
                       ITEM_COLUMNS, cal.items)
    S.setup_print(items, landscape=True, title_rows="3:3")

