"""The 入驻企业名单 (附件3) against the 申报表 (park and base): the declared 已入驻电商企业家数, 年度交易额, 网络零售额,
"员工总数不低于50" and 示范/统计调查/上市/授权 counts against the list's totals (:mod:`.residents` sums the list)."""
from __future__ import annotations

from decimal import Decimal

from ..rules import Rules, Severity
from .application import Application, ResidentRows
from .findings import Finding, make
from .fmt import fmt, wan_display
from .parse.number import in_wan
from .residents import (
    LIST_SHEET,
    RETAIL,
    TRADE,
    ResidentTotals,
    _typed_as_text,
    list_findings,
    listed_companies,
    tolerance,
    typed_step,
    unsaved_left_out,
)
from .values import NO, RESAVE_LIST, UNSAVED, YES, Values, as_bound, locate, other_reading, typed_as_date


def _declared_tolerance(app: Application, name: str, rules: Rules) -> Decimal:
    """Half a unit of the last digit the applicant typed, in 万元 (a park's 3.25亿 is ±50万)."""
    return typed_step(app.value(name), rules.fields[name].unit_for(app.type)) / 2


def list_tolerance(app: Application, values: Values, name: str, rules: Rules, t: ResidentTotals, rows: int) -> Decimal:
    """How far the list's sum of ``rows`` figures may be from the form's ``name`` by rounding alone, in 万元."""
    return tolerance(_declared_tolerance(app, name, rules), values.get(name), rows, t.decimals)


def cross_check(app: Application, values: Values, rules: Rules) -> tuple[ResidentTotals | None, list[Finding]]:
    """The list's totals and every disagreement with the form (None, [] for a type without a list)."""
    if not rules.has_resident_list(app.type) or app.residents is None:
        return None, []
    t, findings = list_findings(app.residents, rules)
    if app.residents_unreadable and not app.residents:
        return t, []      # the list was sent but not read: no "名单列出0家"; ELIG_EVIDENCE says why
    out = [*findings, *_count(app, values, t), *_sums(app, values, t, rules),
           *_staff(app, values, t, rules), *_notes(app, values, t, rules)]
    return t, out


def _count(app: Application, values: Values, t: ResidentTotals) -> list[Finding]:
    """The declared 已入驻电商企业家数 against the list's distinct companies (a repeated row is no resident)."""
    declared = values.get("sb_resident_count")
    if declared is None or declared == t.companies or ("sb_resident_count" in values.bounds and declared < t.companies):
        return []     # "10家以上" and a list of 12: no contradiction
    sheets = [app.residents_sheet or LIST_SHEET]
    if isinstance(app.residents, ResidentRows):   # going on over further sheets (入驻企业, 新入驻) or files: each named
        sheets = list(dict.fromkeys(r.sheet for r in app.residents if r.sheet)) or sheets
    if app.residents_file:   # a sheet of the separate 附件3 workbook, as Excel names one: "[名单.xlsx]Sheet1"
        sheets = [s if s.startswith("[") else f"[{app.residents_file}]{s}" for s in sheets]
    where = LIST_SHEET if sheets == [LIST_SHEET] else f"{LIST_SHEET}（{'、'.join(sheets)}）"
    return [locate(make("XC_RESIDENT_COUNT", field="sb_resident_count",
                        detail=f"申报表填报已入驻电商企业{fmt(declared)}家{as_bound(values, 'sb_resident_count')}，"
                               f"{where}列出{listed_companies(t)}{struck_left_out(app)}"),
                   app, "sb_resident_count")]


def _sums(app: Application, values: Values, t: ResidentTotals, rules: Rules) -> list[Finding]:
    out = []
    for name, code, total, rows, column in (("sb_trade_total", "XC_RESIDENT_TRADE", t.trade, t.trade_rows, TRADE),
                                            ("sb_online_retail", "XC_RESIDENT_RETAIL", t.retail, t.retail_rows, RETAIL)):
        v = values.get(name)
        if v is None or t.companies == 0 or typed_as_date(app, name):   # a date typed there: no figure to compare
            continue
        if rows == 0 and column in t.unsaved:   # filled with formulas saved without results: there, not read
            out.append(locate(make(code, field=name, detail=(
                f"名单{t.companies}家企业的{column.split('（')[0]}{UNSAVED}，无法读取，无法与申报表的"
                f"{wan_display(v, rules.fields[name].unit_for(app.type))}核对，{RESAVE_LIST}")), app, name))
            continue
        if rows == 0:        # no figure added: the column left blank by every company, or every one filled said
            bad = t.refused.get(column)
            out.append(locate(make(code, field=name, detail=(
                (f"名单{t.companies}家企业填写的{column}{bad}处都有误（见名单的提示），未计入合计" if bad else
                 f"名单{t.companies}家企业都没有填写{column}") + "，无法与申报表的"
                f"{wan_display(v, rules.fields[name].unit_for(app.type))}核对，{'请改正' if bad else '请补充'}")),
                app, name))
            continue
        tol = list_tolerance(app, values, name, rules, t, rows)
        if abs(v - total) > tol and not (name in values.bounds and total + tol >= v):   # "3000万以上": at least
            unit = rules.fields[name].unit_for(app.type)
            why = _typed_as_text(app.residents, column, v, tol, "申报表的金额", "核对申报表")
            out.append(locate(make(code, field=name, detail=(
                f"申报表为{wan_display(v, unit)}{as_bound(values, name)}，名单{rows}家合计{fmt(total)}万元"
                f"{unsaved_left_out(t, column)}{struck_left_out(app)}，"
                f"相差{fmt(abs(v - total))}万元，"
                f"超出四舍五入允许的±{fmt(tol)}万元" + _other_reading(app, values, name, total, rows, t, rules)
                + (f"。{why}" if why else ""))), app, name))
    return out


def struck_left_out(app: Application) -> str:
    """"（另有2行企业名称有删除线，未计入）" for a list read without the companies the park crossed out, else "": what
    the form counts and the list does not may be just those (the rows are named in the list's own warning)."""
    struck = getattr(app.residents, "struck", None)
    n = len(next(iter(struck.values()), ())) if struck else 0
    return f"（另有{n}行企业名称有删除线，未计入，见名单的提示）" if n else ""


def _other_reading(app: Application, values: Values, name: str, total: Decimal, rows: int, t: ResidentTotals,
                   rules: Rules) -> str:
    """Which reading of a figure doubted as typed in the wrong unit (12000 in the park's 亿元 cell) the list supports:
    its total matching the other reading settles the doubt for the reviewer."""
    f = rules.fields[name]
    unit = f.unit_for(app.type)
    other = other_reading(app, values, f)
    declared = values.get(name)
    if other is None:
        return _yuan_hint(app, values, name, total, rows, t, rules)
    alt, word = other
    tol = tolerance(_declared_tolerance(app, name, rules) * alt / declared, alt, rows, t.decimals)
    if abs(alt - total) <= tol:   # 0.26 typed for 0.26亿: the list 10000 times the form is the form's slip, not 元
        return f"；名单合计与误按{word}填写的读法（{wan_display(alt, unit)}）相符，应是误按{word}填写，请核实后更正申报表"
    return (f"；与误按{word}填写的读法（{wan_display(alt, unit)}）也不相符，请核实"
            + _yuan_hint(app, values, name, total, rows, t, rules))


def _yuan_hint(app: Application, values: Values, name: str, total: Decimal, rows: int, t: ResidentTotals,
               rules: Rules) -> str:
    """:func:`_list_in_yuan`, unless the form's figure is under the field's ``doubt_below`` (a base's "0.8万元" for
    0.8亿, typed with its unit and so not asked of): then the form is the slip, the list of 8000万元 no list in 元."""
    f, declared = rules.fields[name], values.get(name)
    below = f.below_for(app.type)
    if below is not None and declared < Decimal(str(below)) * in_wan(f.unit_for(app.type)):
        return ""
    return _list_in_yuan(declared, total, list_tolerance(app, values, name, rules, t, rows))


def _list_in_yuan(declared: Decimal, total: Decimal, tol: Decimal) -> str:
    """The list's total 10000 times the form's: its amounts typed in 元 under the （万元） header, as a park's
    accounts give them (附件3 asks 万元). "10000 times" within the rounding of the form's figure, never more than 1%
    of it: the 0.5万元 any comparison excuses would make a list of 4200万元 "10000 times" a form's 0.36."""
    if declared > 0 and abs(total - declared * 10000) <= min(tol, declared * Decimal("0.01")) * 10000:
        return "；名单合计恰为申报表的1万倍，名单金额像是按元填写的（附件3表头为万元），请把名单金额换算为万元"
    return ""


def _staff(app: Application, values: Values, t: ResidentTotals, rules: Rules) -> list[Finding]:
    """"入驻企业员工总数不低于50个" against the list's 从业人数.

    A sum already at the minimum contradicts 否 however many companies are blank; a sum below it contradicts
    是 only when every company has its 从业人数 filled (the blank ones may hold the rest): otherwise the form's
    answer stands and the note only says the list is incomplete."""
    answer, least = values.get("sb_staff_50"), rules.residents.staff_min
    if answer is None or not t.companies:
        return []
    severity = None
    if answer == YES and t.staff < least:
        if t.staff_complete:
            detail = f"勾选“是”，但名单从业人数合计{t.staff}人（{t.staff_rows}家全部填写），不足{least}人"
        else:
            severity = Severity.INFO
            detail = (f"勾选“是”，名单只有{t.staff_rows}家（共{t.companies}家）填写了从业人数，合计{t.staff}人；"
                      "名单不完整，不能据此否定，按申报表的“是”" if t.staff_rows else
                      "勾选“是”，名单未填写从业人数，无法印证，按申报表的“是”")
    elif answer == NO and t.staff >= least:
        detail = f"勾选“否”，但名单从业人数合计{t.staff}人，已达到{least}人"
    else:
        return []
    return [locate(make("XC_RESIDENT_STAFF", severity, field="sb_staff_50", detail=detail, minimum=least), app,
                   "sb_staff_50")]


def _notes(app: Application, values: Values, t: ResidentTotals, rules: Rules) -> list[Finding]:
    """示范/统计调查/上市/授权 counts the 备注 column does not support."""
    out = []
    for fname in rules.residents.note_keywords:
        claimed = values.get(fname)
        if not claimed:
            continue
        supported = t.notes.get(fname, 0)
        if supported < claimed:
            why = (f"名单备注只标注了{supported}家" if t.annotated
                   else "名单备注没有标注示范、统计调查、上市或授权企业，无法印证")
            said = f"{rules.fields[fname].label}填报{fmt(claimed)}家，{why}"
            out.append(locate(make("XC_RESIDENT_NOTE", field=fname, detail=said), app, fname))
    return out
