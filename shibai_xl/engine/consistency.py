"""The 申报表 against itself: answers that the applicant's own numbers contradict,
required fields left blank, and a 运营情况 text shorter than 附件4 asks."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..rules import Rules
from . import fields as F
from .application import Application
from .findings import Finding, make
from .fmt import fmt
from .parse import dates
from .parse.text import char_count
from .values import NO, YES, Values, locate

# (yes/no field, number field, op, threshold, what the 是 claims) — the form asks both.
_CLAIMS = [
    ("sb_online_share_50", "sb_online_share", ">=", 50, "线上交易占营业收入50%以上"),
    ("sb_fans_1m", "sb_fans", ">=", 1000000, "粉丝数100万以上"),
    ("sb_agri_sales_50w", "sb_agri_sales", ">=", 50, "年度带动贵州农产品销售50万元以上"),
]


def _shown(app: Application, name: str, v: object) -> str:
    f = F.FIELDS[name]
    return f"{f.label}为{fmt(v)}{f.unit_for(app.type)}"


def _inconsistent(app: Application, name: str, detail: str) -> Finding:
    return locate(make("FIELD_INCONSISTENT", field=name, detail=detail), app, name)


def self_check(app: Application, values: Values, rules: Rules, today: date | None = None) -> list[Finding]:
    out: list[Finding] = []
    t = app.type
    for yes_field, num_field, op, limit, claim in _CLAIMS:
        if yes_field not in F.names_for(t):
            continue
        answer, v = values.get(yes_field), values.get(num_field)
        if answer is None or v is None:
            continue
        meets = Decimal(str(v)) >= Decimal(limit)
        if answer == YES and not meets:
            out.append(_inconsistent(app, yes_field, f"勾选“{claim}”为“是”，但{_shown(app, num_field, v)}"))
        elif answer == NO and meets:
            out.append(_inconsistent(app, yes_field, f"勾选“{claim}”为“否”，但{_shown(app, num_field, v)}"))
    if t in ("park", "base"):
        if values.get("sb_has_platform") == NO:
            for dep in ("sb_platform_stats", "sb_platform_three_flows"):
                if values.get(dep) == YES:
                    out.append(_inconsistent(app, dep, f"“有管理中台”为“否”，但“{F.FIELDS[dep].label}”为“是”"))
        residents = values.get("sb_resident_count")
        if residents is not None:
            for q in F.QUALIFIED_FIELDS:
                if values.get(q) is not None and values[q] > residents:
                    out.append(_inconsistent(app, q, f"{F.FIELDS[q].label}{values[q]}家，多于已入驻电商企业{residents}家"))
        if t == "park":
            inc, rate = values.get("sb_incubated"), values.get("sb_incubation_rate")
            if inc == 0 and rate:
                out.append(_inconsistent(app, "sb_incubation_rate", f"每年孵化电商企业0家，孵化成功率却为{fmt(rate)}%"))
            area, ecom, svc = values.get("sb_area_park"), values.get("sb_area_ecom"), values.get("sb_area_service")
            if area is not None and ecom is not None and svc is not None and ecom + svc > area:
                out.append(_inconsistent(app, "sb_area_park",
                                         f"电子商务业务区域{fmt(ecom)}平方米与配套服务区{fmt(svc)}平方米之和大于园区面积{fmt(area)}平方米"))
        trade, retail = values.get("sb_trade_total"), values.get("sb_online_retail")
        if trade is not None and retail is not None and retail > trade:
            out.append(_inconsistent(app, "sb_online_retail", f"年度网络零售额{fmt(retail)}万元大于年度交易额{fmt(trade)}万元"))
    if t == "enterprise":
        out += _enterprise_retail(app, values)
    if t == "team" and values.get("sb_experience_6m") == YES:
        est, fill = values.get("sb_established"), values.get("sb_fill_date")
        if est and fill and dates.add_years(est, 1) > fill:
            out.append(_inconsistent(app, "sb_experience_6m", "勾选“成立时间1年以上”为“是”，但成立日期至填表时间不满1年"))
    fill = values.get("sb_fill_date")
    today = today or date.today()
    if fill is not None and fill > today:
        out.append(locate(make("FIELD_DATE", "warning", field="sb_fill_date", label="填表时间",
                               value=f"{fill:%Y年%m月%d日}", detail=f"晚于今天（{today:%Y年%m月%d日}）"), app, "sb_fill_date"))
    est = values.get("sb_established")
    if est is not None and fill is not None and est > fill:
        out.append(locate(make("FIELD_DATE", field="sb_established", label="成立日期", value=f"{est:%Y年%m月%d日}",
                               detail="晚于填表时间"), app, "sb_established"))
    return out


def _enterprise_retail(app: Application, values: Values) -> list[Finding]:
    """网络零售额 is part of the 交易额 (平台类) or 销售额 (服务类): the part cannot exceed the whole.

    Without 平台类/服务类 the figure must exceed every amount filled to be a contradiction.
    """
    retail = values.get("sb_online_retail")
    wholes = {"平台类": ["sb_trade_total"], "服务类": ["sb_sales"]}.get(values.get("sb_enterprise_kind"),
                                                                    ["sb_trade_total", "sb_sales"])
    filled = [n for n in wholes if values.get(n) is not None]
    if retail is None or not filled or not all(retail > values[n] for n in filled):
        return []
    shown = "、".join(f"{F.FIELDS[n].label}{fmt(values[n])}万元" for n in filled)
    return [_inconsistent(app, "sb_online_retail", f"年度网络零售额{fmt(retail)}万元大于{shown}（网络零售额是其中的一部分）")]


def required(app: Application, values: Values, rules: Rules) -> list[Finding]:
    out: list[Finding] = []
    kind = values.get("sb_enterprise_kind")
    for f in F.fields_for(app.type):
        severity = f.required
        if app.type == "enterprise" and f.name in ("sb_trade_total", "sb_sales"):
            wanted = {"平台类": "sb_trade_total", "服务类": "sb_sales"}.get(kind)
            either = kind is None and values.get("sb_trade_total") is None and values.get("sb_sales") is None
            severity = "error" if f.name == wanted or (either and f.name == "sb_trade_total") else None
        if app.type in ("park", "base") and f.name == "sb_operator_type_other":
            severity = "warning" if values.get("sb_operator_type") == "其他" else None
        if app.type in ("enterprise", "team") and f.name == "sb_org_type_other":
            severity = "warning" if values.get("sb_org_type") == "其他" else None
        if not severity or values.get(f.name) is not None or f.name in values.invalid:
            continue
        detail = "请在“补充信息”表填写" if f.supplementary else "请在申报表填写"
        out.append(locate(make("FIELD_REQUIRED", severity, field=f.name, label=f.display(app.type), detail=detail),
                          app, f.name))
    text = values.get("sb_performance")
    minimum = rules.common["performance_min_chars"]
    if text and char_count(text) < minimum:
        out.append(locate(make("FIELD_TEXT_SHORT", field="sb_performance", count=char_count(text)), app, "sb_performance"))
    return out
