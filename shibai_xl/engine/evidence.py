"""The 入驻企业名单 (附件3) as evidence for a park's or base's own figures.

Eligibility: the list's 年度网络零售额 must reach the type's 网络零售额 threshold when the
form's figure does; if it does not, the verdict is 待定 (not 不达标: the list covers only the
入驻电商企业, and 网络零售额以商务大数据服务平台监测数据为准, notice 二（二）注). The list's
年度网络交易额 is not the form's 年度交易额 (which may include offline trade): a shortfall
there is only a warning. A park or base without list rows is 待定: the list is a required
attachment (附件3).

Scoring: items resting on a figure the list also states use the list when the two disagree —
入驻企业数 (distinct companies), 员工总数不低于50 (sum of 从业人数; a sum below 50 overrides 是, or a
blank or unreadable box, only when every company has its 从业人数 filled), and the 示范/统计调查/上市/授权 counts when some 备注
names one of them (rules.residents.note_keywords; other remarks leave the form's counts standing).

A company listed twice counts once, from its first row (see :mod:`.residents`), here as everywhere.
"""
from __future__ import annotations

from dataclasses import replace

from ..rules import Rules, Severity, Threshold
from .application import Application
from .conditions import PASS, UNKNOWN, Eligibility
from .findings import make
from .fmt import OPS, compare, fmt, typed, wan_display
from .remarks import judged, parts_meeting, remark_place, stated
from .resident_claims import list_tolerance
from .residents import RETAIL, SAID_ROWS, TRADE, ResidentTotals, listed_companies, unsaved_left_out
from .values import FIGURE_NEEDED, NO, RESAVE_LIST, UNSAVED, YES, Values, locate, unreadable

LABEL = "入驻企业名单（附件3）印证网络零售额"


def _threshold(rules: Rules, app_type: str, code: str) -> Threshold | None:
    return next((t for t in rules.types[app_type].thresholds if t.code == code), None)


def _passes(values: Values, t: Threshold) -> bool:
    v = values.get(t.field)
    return v is not None and compare(v, t.op, t.value)


def _evidence(app: Application, result: Eligibility, severity: str, field: str | None, detail: str) -> None:
    f = locate(make("ELIG_EVIDENCE", severity, field=field, detail=detail), app, field)
    if not f.sheet and app.residents_sheet:
        f = replace(f, sheet=app.residents_sheet)
    result.findings.append(f)


def unread_lists(app: Application) -> str:
    """“名单.xlsx”：why；… — the separate lists found beside the application that could not be read."""
    return "；".join(f"“{name}”：{why.rstrip('。')}" for name, why in app.residents_unreadable)


def evaluate_evidence(app: Application, values: Values, rules: Rules, residents: ResidentTotals | None,
                      result: Eligibility) -> None:
    if not rules.has_resident_list(app.type):
        return
    retail = _threshold(rules, app.type, "ELIG_RETAIL")
    need = wan_display(retail.value, "万元")
    if (residents is None or residents.companies == 0) and app.residents_unreadable:
        result.add(LABEL, UNKNOWN, "入驻企业名单文件无法读取", "evidence")
        _evidence(app, result, Severity.WARNING, None,
                  f"同一文件夹中的入驻企业名单（附件3）文件无法读取，名单没有读到——{unread_lists(app)}。名单是园区、"
                  "基地的必备附件，无法印证申报表填写的年度交易额和网络零售额，请换成能打开的名单文件后再检查")
        return
    if residents is None or residents.companies == 0:
        result.add(LABEL, UNKNOWN, "入驻企业名单没有列出企业", "evidence")
        _evidence(app, result, Severity.WARNING, None,
                  "入驻企业名单（附件3）没有列出任何企业。名单是园区、基地的必备附件，无法印证申报表填写的年度交易额和"
                  "网络零售额，请补充名单后再检查")
        return
    listed = (f"名单{residents.retail_rows}家年度网络零售额合计{fmt(residents.retail)}万元{_once(residents)}"
              f"{unsaved_left_out(residents, RETAIL)}")
    if residents.retail_rows == 0 and RETAIL in residents.unsaved:   # filled with formulas saved without results
        result.add(LABEL, UNKNOWN, f"名单年度网络零售额{UNSAVED}", "evidence")
        _evidence(app, result, Severity.WARNING, None,
                  f"入驻企业名单的年度网络零售额（{residents.unsaved[RETAIL]}个单元格）{UNSAVED}，无法读取，无法印证网络零售额"
                  f"门槛，{RESAVE_LIST}")
    elif residents.retail_rows == 0 and (bad := residents.refused.get(RETAIL)):   # filled, every figure said
        result.add(LABEL, UNKNOWN, "名单年度网络零售额都有误", "evidence")
        _evidence(app, result, Severity.WARNING, None, f"入驻企业名单填写的年度网络零售额{bad}处都有误（见名单的提示），"
                  "未计入合计，无法印证网络零售额门槛，请改正")
    elif residents.retail_rows == 0:
        result.add(LABEL, UNKNOWN, "名单未填写年度网络零售额", "evidence")
        _evidence(app, result, Severity.WARNING, None, "入驻企业名单没有填写年度网络零售额，无法印证网络零售额门槛，请补充")
    elif compare(residents.retail, retail.op, retail.value):
        result.add(LABEL, PASS, f"{listed} {OPS[retail.op]} {need}", "evidence")
    elif _passes(values, retail) and _rounded(app, values, rules, residents, retail):
        result.add(LABEL, PASS, f"{listed}，与申报表的{fmt(values[retail.field])}万元只差四舍五入"
                                f"（名单{residents.retail_rows}家各自取整），印证申报表的网络零售额", "evidence")
    elif _passes(values, retail):
        result.add(LABEL, UNKNOWN, f"{listed}，低于门槛{need}", "evidence")
        form = wan_display(values[retail.field], rules.fields[retail.field].unit_for(app.type))
        _evidence(app, result, Severity.ERROR, retail.field,
                  f"申报表年度网络零售额{form}达到门槛{need}，但{listed}，低于门槛（{retail.text}）。名单只列入驻电商企业，"
                  "且网络零售额以商务大数据服务平台监测数据为准（通知二（二）注），结论待定，请市（州）商务局查询平台数据核实")
    else:
        result.add(LABEL, UNKNOWN, f"{listed}，也低于门槛{need}", "evidence")
    _trade_evidence(app, values, rules, residents, result)


def _rounded(app: Application, values: Values, rules: Rules, residents: ResidentTotals, threshold: Threshold,
             column: str = RETAIL) -> bool:
    """The list's 网络零售额 (交易额: ``column``) below the threshold by no more than the rounding of its figures and of
    the form's, the form's own figure meeting it (3000万元 declared, 300 companies summing 2999.8万元): the list agrees
    with the form — no XC_RESIDENT_RETAIL (TRADE) says otherwise — and so supports it."""
    name = threshold.field
    if name in values.bounds or column in residents.unsaved or residents.refused.get(column):
        return False     # a lower bound, or figures left out: the list's total is not the whole of it
    total, rows = (residents.retail, residents.retail_rows) if column == RETAIL else \
        (residents.trade, residents.trade_rows)
    return abs(values[name] - total) <= list_tolerance(app, values, name, rules, residents, rows)


def _trade_evidence(app: Application, values: Values, rules: Rules, residents: ResidentTotals,
                    result: Eligibility) -> None:
    trade = _threshold(rules, app.type, "ELIG_TRADE")
    if trade is None or residents.trade_rows == 0 or not _passes(values, trade):
        return
    if compare(residents.trade, trade.op, trade.value) or _rounded(app, values, rules, residents, trade, TRADE):
        return
    unit = rules.fields[trade.field].unit_for(app.type)
    _evidence(app, result, Severity.WARNING, trade.field,
              f"名单{residents.trade_rows}家年度网络交易额合计{fmt(residents.trade)}万元{_once(residents)}，低于年度交易额门槛"
              f"{wan_display(trade.value, unit)}（申报表为{wan_display(values[trade.field], unit)}）。名单的网络交易额与申报表的"
              "年度交易额（可含线下交易）不是同一口径，不改变结论，请核实")


def _said(values: Values, name: str, unit: str | None = None) -> str:
    """What the form says: 勾选“否” (a 是/否 item) or 填报12家 (a count in ``unit``), 未填写, 填写为“十余家”（无法识别）."""
    if name in values.unsaved:
        return UNSAVED
    if name in values.invalid:   # "是" where the form asks a figure: 应填写数字, not 无法识别
        said = unreadable(values, name)
        return said if said.endswith(FIGURE_NEEDED) else f"填写为“{typed(values.invalid[name])}”（无法识别）"
    if name in values.bounds:
        return f"填写为“{typed(values.bounds[name])}”"
    answer = values.get(name)
    if answer is None:
        return "未填写"
    return f"填报{fmt(answer)}{unit}" if unit else f"勾选“{answer}”"


def _once(residents: ResidentTotals) -> str:
    return "（重复列出的企业只计一次）" if residents.listed != residents.companies else ""


def _repeated(residents: ResidentTotals) -> str:
    """"名单10行，其中“某公司”重复列出，按一家计；" for the reasons that use the list's count."""
    if residents.listed == residents.companies:
        return ""
    repeated = residents.duplicates
    names = "、".join(f"“{name}”" for name, _ in repeated[:SAID_ROWS])
    names += f"等{len(repeated)}家" if len(repeated) > SAID_ROWS else ""
    return f"名单{listed_companies(residents)}，其中{names or '有企业'}重复列出，按一家计；"


def _remarked(app: Application, values: Values, rules: Rules) -> Values:
    """A 是 whose own remark gives a figure below its question's ("是（50M）" for 带宽不低于100Mbps) counts as 否; a count
    whose remark gives the part 附件5 asks ("12间（其中公共直播间9间）") counts as that part; a remark's figure stands
    for the blank 补充信息 field 附件5 asks ("是（约35%）": 线上交易占营业收入比例35%). A remark giving only a lower
    bound below the question's figure ("是（粉丝80万以上）") decides nothing: the reviewer judges it."""
    figures = stated(app, values, rules)
    standing = {r.answer for r in rules.consistency.remark_claims if r.figure in figures}   # the figure decides
    read = [(c, decided) for c, decided in judged(app, values, rules) if c.field not in standing]
    below = [c for c, decided in read if decided and c.answer != NO]
    bounds = [c for c, decided in read if not decided]
    parts = parts_meeting(app, values, rules)
    if not below and not figures and not bounds and not parts:
        return values
    out = values.copy_values()
    for c in parts:    # the part 附件5 asks, given: what the form's question left to verify is answered
        out[c.field] = int(c.figure)
        out.evidence[c.field] = f"按{remark_place(app, values, c.field)}备注计：{c.detail}"
        out.settled.add(c.field)
    for c in below:
        out[c.field] = NO if c.answer == YES else int(c.figure)
        if c.under and c.answer != YES:     # "其中公共直播间不足10间": fewer than 10, not 10
            out.under[c.field] = c.under
        out.evidence[c.field] = f"按{remark_place(app, values, c.field)}备注计：{c.detail}"
    for c in bounds:
        if c.capped:     # "是（粉丝不到150万）": under 150万, which may or may not reach 100万 ("约100万" either side)
            out.doubtful[c.field] = "备注写明的是约数，无法判断是否达到，" if c.about else "备注只写明上限，无法判断是否达到，"
        elif c.answer == YES:
            out.doubtful[c.field] = "备注只写明下限，无法判断是否达到，"
        else:      # a count: its part, at least the remark's figure
            out[c.field] = int(c.figure)
            out.set_bound(c.field, values.remarks[c.field], values.remarks[c.field])
        out.evidence[c.field] = f"{remark_place(app, values, c.field)}备注：{c.detail}，需评审人判断"
    for name, (figure, detail, answer, bound, about) in figures.items():
        out[name] = figure
        if bound:   # "是（超过15%）": at least 15%, as "超过15%" typed in the field (values.meets decides)
            out.set_bound(name, bound, bound)
        if about:   # "否（约20%）": either side of 20%, which it then decides nothing of (values.meets)
            out.about.add(name)
        out.evidence[name] = f"按{remark_place(app, values, answer)}备注计：{detail}"
    return out


def _contradicted(values: Values, rules: Rules) -> Values:
    """A form's 是 on what needs another item it answered 否 (管理中台可查看… with “有管理中台” 否, 附件5 园区 1.2.2/1.2.3,
    基地 1.2.2) decides nothing: there is no 中台 to do it, or the 否 is wrong — the reviewer settles which. A 补充信息
    answer is not such a 是: it decides over the form's 否 (README, 补充信息里能定下来的问题)."""
    hit = [n for n in rules.consistency.needs_yes if values.get(n.needs) == NO and values.get(n.field) == YES
           and not rules.fields[n.field].supplementary and n.field not in values.doubtful]
    if not hit:
        return values
    out = values.copy_values()
    for n in hit:
        out.doubtful[n.field] = f"“{rules.fields[n.needs].label}”为“否”，与此项矛盾，"
    return out


def scoring_values(app: Application, values: Values, residents: ResidentTotals | None, rules: Rules) -> Values:
    """The values scores are computed from: the list's figures where it contradicts the form.

    ``evidence`` on the returned values says, per field, which figure was used and why.
    """
    remarked = _contradicted(_remarked(app, values, rules), rules)   # the answers as typed stay in values
    if not rules.has_resident_list(app.type) or residents is None or residents.companies == 0:
        return remarked
    out = remarked.copy_values()
    declared = values.get("sb_resident_count")
    if declared != residents.companies:
        out["sb_resident_count"] = residents.companies
        said = _said(values, "sb_resident_count", "家")
        out.evidence["sb_resident_count"] = (f"已入驻电商企业按入驻企业名单{residents.companies}家计（"
                                             f"{_repeated(residents)}申报表{said}，与名单不符时以名单为准）")
    answer = remarked.get("sb_staff_50")
    if "sb_staff_50" in rules.names_for(app.type) and residents.staff_rows:
        listed_answer = YES if residents.staff >= rules.residents.staff_min else NO
        # a sum below the minimum says nothing while some company's 从业人数 is blank
        if answer != listed_answer and (listed_answer == YES or residents.staff_complete):
            out["sb_staff_50"] = listed_answer
            said = _said(values, "sb_staff_50")
            out.evidence["sb_staff_50"] = (f"员工总数按入驻企业名单从业人数合计{residents.staff}人计（申报表{said}，"
                                           "与名单不符时以名单为准）")
    if residents.annotated:
        marked = rules.residents.note_keywords
        listed = {f: residents.notes.get(f, 0) for f in marked}
        form = {f: values.get(f) or 0 for f in marked}
        if listed != form:
            out.update(listed)
            shown = "、".join(f"{rules.fields[f].label}{n}家" for f, n in listed.items())
            unread = [f"{rules.fields[f].label}{_said(values, f)}" for f in marked if f in values.invalid]
            blank = all(values.get(f) is None for f in marked)
            said = "、".join(unread) or ("未填写" if blank else f"填报合计{sum(form.values())}家")
            out.evidence[next(iter(marked))] = (f"按入驻企业名单备注计：{shown}（申报表{said}；"
                                                "名单备注标注了此类企业，与申报表不符时以名单为准）")
    return out
