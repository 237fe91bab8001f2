"""前置条件: 达标 / 不达标 / 待定, with a Chinese reason per condition.

Source: the notice, 二、申报条件 (共性条件 and 个性条件) and 附件5 前置条件.
"以上 / 不低于 / 不少于" include the figure itself (民法典 第一千二百五十九条).
成立年限 counts calendar years from 成立日期 to 填表时间: 2022-04-15 → 2024-04-15
is exactly 2 years and passes "2年以上".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..rules import Rules, Threshold
from . import fields as F
from .application import Application
from .findings import Finding, make
from .fmt import OPS, compare, wan_display
from .parse import dates, uscc
from .values import NO, YES, Values, locate

PASS, FAIL, UNKNOWN = "达标", "不达标", "待定"


@dataclass
class Condition:
    label: str
    status: str  # PASS / FAIL / UNKNOWN
    reason: str


@dataclass
class Eligibility:
    conditions: list[Condition] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def eligible(self) -> bool | None:
        statuses = {c.status for c in self.conditions}
        if FAIL in statuses:
            return False
        if UNKNOWN in statuses or not statuses:
            return None
        return True

    @property
    def status(self) -> str:
        return {True: PASS, False: FAIL, None: UNKNOWN}[self.eligible]

    def add(self, label: str, status: str, reason: str) -> None:
        self.conditions.append(Condition(label, status, reason))


def _missing(app: Application, result: Eligibility, name: str, what: str) -> None:
    label = F.FIELDS[name].display(app.type)
    result.findings.append(locate(make("ELIG_MISSING", field=name, detail=f"{label}（{what}）"), app, name))


def evaluate(app: Application, values: Values, rules: Rules) -> Eligibility:
    result = Eligibility()
    _region(app, values, rules, result)
    _credit(app, values, rules, result)
    _age(app, values, rules, result)
    _period(app, values, rules, result)
    _thresholds(app, values, rules, result)
    _operator_gap(app, values, rules, result)
    return result


def _region(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    label = "贵州省内注册"
    code = values.get("sb_uscc")
    if code is None:
        if "sb_uscc" in values.invalid:
            result.add(label, UNKNOWN, "统一社会信用代码有误，无法确认注册地")
            raw = app.value("sb_uscc")
            if uscc.compact(raw)[2:4].isdigit() and not uscc.compact(raw)[2:4] == rules.common["region_prefix"]:
                _region_finding(app, result, raw)
                result.conditions[-1] = Condition(label, FAIL, "统一社会信用代码第3-8位不是贵州的行政区划码")
            return
        result.add(label, UNKNOWN, "未填写统一社会信用代码")
        _missing(app, result, "sb_uscc", "用于判断是否贵州省内注册")
        return
    div, name, city = uscc.region(code)
    if not uscc.is_guizhou(code, rules.common["region_prefix"]):
        _region_finding(app, result, code)
        result.add(label, FAIL, f"统一社会信用代码第3-8位为{div}，不是贵州（52开头）的行政区划码")
        return
    result.add(label, PASS, f"登记机关区划码{div}（{name or city}）")
    kind = uscc.entity_kind(code)
    if kind and kind != "企业" and app.type in ("enterprise", "team"):
        result.findings.append(locate(make(
            "ELIG_ENTITY", field="sb_uscc",
            detail=f"统一社会信用代码前两位表明主体为“{kind}”，通知要求独立法人企业，请市（州）商务局核实"), app, "sb_uscc"))


def _region_finding(app: Application, result: Eligibility, code: object) -> None:
    div = uscc.compact(code)[2:8]
    result.findings.append(locate(make(
        "ELIG_REGION", field="sb_uscc",
        detail=f"统一社会信用代码第3-8位（登记管理机关行政区划码）为{div}，不是贵州省（52开头）的代码；"
               "通知要求申报企业为贵州省内注册成立的独立法人企业"), app, "sb_uscc"))


def _credit(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    for name in rules.common["credit_fields"]:
        f = F.FIELDS[name]
        answer = values.get(name)
        if answer == YES:
            result.add(f.label, PASS, "已确认")
        elif answer == NO:
            result.add(f.label, FAIL, "填写为“否”")
            result.findings.append(locate(make("ELIG_CREDIT", field=name, detail=f"{f.label}：否"), app, name))
        else:
            result.add(f.label, UNKNOWN, "未确认")
            result.findings.append(locate(make("ELIG_CREDIT", "warning", field=name,
                                               detail=f"{f.label}：未填写，请在“补充信息”中确认"), app, name))
            _missing(app, result, name, "未确认")


def _age(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    years = rules.types[app.type].min_years
    label = f"成立时间{years}年以上"
    est, fill = values.get("sb_established"), values.get("sb_fill_date")
    if est is None or fill is None:
        result.add(label, UNKNOWN, "缺少成立日期或填表时间")
        for name, v in (("sb_established", est), ("sb_fill_date", fill)):
            if v is None:
                _missing(app, result, name, "用于计算成立年限")
        return
    est_lo, est_hi = _bounds(est, values.precision.get("sb_established"))
    fill_lo, fill_hi = _bounds(fill, values.precision.get("sb_fill_date"))
    need_hi = dates.add_years(est_hi, years)
    need_lo = dates.add_years(est_lo, years)
    if need_hi <= fill_lo:
        result.add(label, PASS, f"成立日期{_d(est, values, 'sb_established')}，至填表时间{_d(fill, values, 'sb_fill_date')}已满{years}年")
    elif need_lo > fill_hi:
        result.add(label, FAIL, f"成立日期{_d(est, values, 'sb_established')}，至填表时间{_d(fill, values, 'sb_fill_date')}不满{years}年（满{years}年之日为{need_lo:%Y年%m月%d日}）")
        result.findings.append(locate(make(
            "ELIG_AGE", field="sb_established",
            detail=f"{rules.types[app.type].label}要求成立时间在{years}年以上；成立日期{_d(est, values, 'sb_established')}，"
                   f"填表时间{_d(fill, values, 'sb_fill_date')}，{need_lo:%Y年%m月%d日}才满{years}年"), app, "sb_established"))
    else:
        result.add(label, UNKNOWN, "成立日期只填到月份，无法确定是否已满年限")
        _missing(app, result, "sb_established", f"只填到月份，无法确定是否已满{years}年，请填写具体日期")


def _bounds(d: date, precision: str | None) -> tuple[date, date]:
    return (d, dates.month_end(d)) if precision == "month" else (d, d)


def _d(d: date, values: Values, name: str) -> str:
    return f"{d:%Y年%m月}" if values.precision.get(name) == "month" else f"{d:%Y年%m月%d日}"


def _period(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    label = "统计期为连续12个月"
    start, end, fill = values.get("sb_period_start"), values.get("sb_period_end"), values.get("sb_fill_date")
    if start is None or end is None:
        result.add(label, UNKNOWN, "未填写统计期")
        for name, v in (("sb_period_start", start), ("sb_period_end", end)):
            if v is None and name not in values.invalid:
                _missing(app, result, name, "前置条件的统计期")
        return
    months = dates.months_between(start, end)
    want = rules.common["period_months"]
    shown = f"{start:%Y年%m月}-{end:%Y年%m月}"
    problems = []
    if months != want:
        problems.append(f"统计期{shown}为{months}个月，应为连续{want}个月" if months > 0
                        else f"统计期{shown}的止月早于起月")
    if fill is not None and (end.year, end.month) > (fill.year, fill.month):
        problems.append(f"统计期止月{end:%Y年%m月}晚于填表时间{fill:%Y年%m月%d日}")
    if problems:
        result.add(label, UNKNOWN, "；".join(problems))
        for p in problems:
            result.findings.append(locate(make("FIELD_PERIOD", field="sb_period_end", detail=p), app, "sb_period_end"))
    else:
        result.add(label, PASS, shown)


def _thresholds(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    ptype = rules.types[app.type]
    applicable = list(ptype.thresholds)
    if ptype.kind_field:
        kind = values.get(ptype.kind_field) or _inferred_kind(app, values, ptype, result)
        if kind is None:
            _kindless(app, values, rules, result)
            applicable = [t for t in applicable if t.when is None]
        else:
            applicable = [t for t in applicable if t.when in (None, kind)]
    for t in applicable:
        status, reason, finding = _threshold(app, values, t)
        result.add(t.text, status, reason)
        if finding:
            result.findings.append(finding)


def _threshold(app: Application, values: Values, t: Threshold) -> tuple[str, str, Finding | None]:
    f = F.FIELDS[t.field]
    unit = f.unit_for(app.type)
    value = values.get(t.field)
    if value is None:
        why = "无法识别" if t.field in values.invalid else "未填写"
        fnd = locate(make("ELIG_MISSING", field=t.field, detail=f"{f.display(app.type)}{why}（{t.text}）"), app, t.field)
        return UNKNOWN, f"{f.label_for(app.type)}{why}", fnd
    shown = wan_display(value, unit)
    need = wan_display(Decimal(str(t.value)), unit)
    if compare(value, t.op, t.value):
        return PASS, f"{f.label_for(app.type)}{shown} {OPS[t.op]} {need}", None
    detail = f"{f.label_for(app.type)}为{shown}，低于门槛{need}（{t.text}）"
    return FAIL, detail, locate(make(t.code, field=t.field, detail=detail), app, t.field)


def _inferred_kind(app: Application, values: Values, ptype, result: Eligibility) -> str | None:
    """平台类/服务类 left blank but only one of the two amounts filled: that amount says which it is."""
    filled = [t.when for t in ptype.thresholds if t.when and values.get(t.field) is not None]
    if len(filled) != 1:
        return None
    kind = filled[0]
    field = next(t.field for t in ptype.thresholds if t.when == kind)
    result.findings.append(locate(make(
        "ELIG_MISSING", "info", field=ptype.kind_field,
        detail=f"未选择企业类别，只填写了{F.FIELDS[field].label_for(app.type)}，按{kind}企业的门槛判断"), app, ptype.kind_field))
    return kind


def _kindless(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    """An enterprise without 平台类/服务类: decide if both readings agree, else 待定."""
    ptype = rules.types[app.type]
    outcomes = []
    for kind in F.ENTERPRISE_KINDS:
        kind_t = [t for t in ptype.thresholds if t.when == kind]
        outcomes.append([_threshold(app, values, t)[0] for t in kind_t])
    flat = {s for o in outcomes for s in o}
    label = "企业年度销售收入/交易额门槛（未选择平台类或服务类）"
    if flat == {PASS}:
        result.add(label, PASS, "按平台类和服务类两种门槛均达到")
    elif all(FAIL in o for o in outcomes):
        result.add(label, FAIL, "按平台类和服务类两种门槛均未达到")
        result.findings.append(locate(make("ELIG_TRADE", field="sb_trade_total",
                                           detail="未选择平台类或服务类，且两种门槛（平台类交易额1000万元、服务类销售额200万元）均未达到"),
                                      app, "sb_trade_total"))
    else:
        result.add(label, UNKNOWN, "未选择企业类别（平台类/服务类），无法确定适用的门槛")
        _missing(app, result, "sb_enterprise_kind", "平台类适用交易额1000万元门槛，服务类适用销售额200万元门槛")


def _operator_gap(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    op_type = values.get("sb_operator_type")
    if op_type in rules.common.get("non_enterprise_operator_types", []):
        result.findings.append(locate(make("RULE_GAP", "warning", field="sb_operator_type",
                                           detail=rules.common["non_enterprise_gap"].format(value=op_type)),
                                      app, "sb_operator_type"))
