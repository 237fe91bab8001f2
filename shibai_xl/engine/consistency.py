"""The 申报表 against itself: answers that the applicant's own numbers contradict,
required fields left blank, and a 运营情况 text shorter than 附件4 asks.

Which answers go together is data (the year file's ``[consistency]`` table and the field
contract); a check applies to the types whose form has its fields.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..rules import Rules, Severity
from ..rules.model import Field, ProjectType
from .application import Application
from .capped import meets_cap, typed_cap
from .eligibility import age_until, application_close, founded_after_fill, kind_lines
from .file_name import file_name_claims
from .findings import Finding, make
from .fmt import compare, fmt, typed
from .parse import dates
from .parse.text import char_count
from .remarks import contradicted
from .summary_table import county_elsewhere, county_said
from .values import NO, YES, Values, as_bound, locate, meets, typed_as_date, upper_decides

OTHER = "其他"            # the choice whose detail goes into the field "<name>_other"
OTHER_SUFFIX = "_other"


def _inconsistent(app: Application, name: str, detail: str) -> Finding:
    return locate(make("FIELD_INCONSISTENT", field=name, detail=detail), app, name)


def self_check(app: Application, values: Values, rules: Rules, today: date | None = None) -> list[Finding]:
    """Every contradiction of the form with itself, in a stable order."""
    steps = (_claims, _remark_claims, _needs_yes, _at_most, _rates, _parts, _retail_above_whole, _other_kind_amount, _age_claims,
             _county_city, file_name_claims)
    out = [f for step in steps for f in step(app, values, rules)]
    return out + _dates(app, values, today or date.today())


def _shown(rules: Rules, app: Application, values: Values, name: str, met: bool) -> str:
    """"粉丝总数为800000人", as typed when a bound ("（填写为“50-80万”，按上限计）": a range said as the end deciding)."""
    f, top = rules.fields[name], upper_decides(values, name, ">=", met)
    return f"{f.label}为{fmt(values.upper[name] if top else values[name])}{f.unit_for(app.type)}{as_bound(values, name, top)}"


def _claims(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    """A 是/否 answer its own figure contradicts (线上交易占比, 粉丝数, 农产品销售). A figure that looks typed in the
    wrong unit (values.doubtful) contradicts nothing: its own warning asks about the unit; nor does a lower bound
    below the question's figure ("80万以上": the fans may be 100万)."""
    for c in rules.consistency.claims:
        answer, v = values.get(c.answer), values.get(c.figure)
        if answer == YES and v is None and (said := _capped_under(app, values, rules, c.figure, c.value)):
            yield _inconsistent(app, c.answer, f"勾选“{c.text}”为“是”，但{said}")
        if answer is None or v is None or c.figure in values.doubtful:
            continue
        met = meets(values, c.figure, ">=", c.value)
        if met is None:
            continue
        if answer == YES and not met:
            yield _inconsistent(app, c.answer, f"勾选“{c.text}”为“是”，但{_shown(rules, app, values, c.figure, met)}")
        elif answer == NO and met:
            yield _inconsistent(app, c.answer, f"勾选“{c.text}”为“否”，但{_shown(rules, app, values, c.figure, met)}")


def _capped_under(app: Application, values: Values, rules: Rules, name: str, value: float) -> str:
    """"粉丝总数填写为“不到90万”" when the field's figure is typed as an upper bound under ``value``, else ""."""
    f = rules.fields[name]
    cap = typed_cap(values, f, app.type, rules.year) if name in values.invalid else None
    return f"{f.label_for(app.type)}填写为“{typed(values.invalid[name])}”" if cap and meets_cap(cap, ">=", value) is False \
        else ""


def _remark_claims(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    """A 是/否 answer its own remark contradicts ("是（50M）" for 带宽不低于100Mbps)."""
    said: dict[str, list[str]] = {}   # one finding per answer: a question printing two figures (经验, 成立) says both
    for c in contradicted(app, values, rules):
        if c.answer in (YES, NO):   # a count's remark giving its part (公共直播间) is no contradiction
            said.setdefault(c.field, []).append(c.detail)
    for field, details in said.items():
        yield _inconsistent(app, field, "；".join(details) + "，请核实")


def _needs_yes(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    for n in rules.consistency.needs_yes:
        if values.get(n.needs) == NO and values.get(n.field) == YES:
            yield _inconsistent(app, n.field,
                                f"“{rules.fields[n.needs].label}”为“否”，但“{rules.fields[n.field].label}”为“是”")


def _at_most(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    for a in rules.consistency.at_most:
        v, limit = values.get(a.field), values.get(a.limit)
        if v is not None and limit is not None and v > limit and a.limit not in values.bounds:
            f, lf = rules.fields[a.field], rules.fields[a.limit]
            yield _inconsistent(app, a.field, f"{f.label}{fmt(v)}{f.unit_for(app.type)}，"
                                              f"多于{lf.label}{fmt(limit)}{lf.unit_for(app.type)}")


def _rates(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    for r in rules.consistency.rate_of:
        rate = values.get(r.rate)
        if values.get(r.count) == 0 and rate:
            yield _inconsistent(app, r.rate, r.text.format(rate=fmt(rate)))


def _parts(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    for p in rules.consistency.parts_of:
        whole, parts = values.get(p.whole), [values.get(n) for n in p.parts]
        if whole is not None and None not in parts and sum(parts) > whole and p.whole not in values.bounds:
            yield _inconsistent(app, p.whole, p.text.format(*map(fmt, parts), whole=fmt(whole)))


def _county_city(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    """所属市（州） and a 县（区） of another 市（州）: the summary's 市（州） (附件4) and the province's count by 市（州） take
    the 市（州） as chosen, so a wrong pick from the list is said, not silently counted for another city."""
    city, county = values.get("sb_city"), values.get("sb_county")
    if of := county_elsewhere(city, county):
        yield _inconsistent(app, "sb_city", f"{rules.fields['sb_city'].label}为“{city}”，但{rules.fields['sb_county'].label}"
                                            f"{county_said(county, of)}；汇总表按所属市（州）统计，请核对")


def _retail_above_whole(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    """网络零售额 is part of the 交易额 or 销售额 of the type's ELIG_TRADE thresholds: the part cannot exceed the whole.

    Where the kind (平台类/服务类) decides which amount is the whole and none is chosen, the figure must
    exceed every amount filled to be a contradiction.
    """
    ptype = rules.types[app.type]
    retail_t = ptype.threshold("ELIG_RETAIL")
    wholes = [t for t in ptype.thresholds if t.code == "ELIG_TRADE"]
    retail = values.get(retail_t.field) if retail_t and not typed_as_date(app, retail_t.field) else None
    wholes = [t for t in wholes if not typed_as_date(app, t.field)]   # a date typed there is no 交易额 (values.py)
    if retail is None or not wholes:
        return
    label = rules.fields[retail_t.field].label
    if not ptype.kind_field:
        trade = values.get(wholes[0].field) if wholes[0].field not in values.bounds else None   # "500万以上" may be more
        if trade is not None and retail > trade:
            yield _inconsistent(app, retail_t.field,
                                f"{label}{fmt(retail)}万元大于{rules.fields[wholes[0].field].label}{fmt(trade)}万元")
        return
    kind = values.get(ptype.kind_field)
    names = [t.field for t in wholes if t.when == kind] or [t.field for t in wholes]
    filled = [n for n in names if values.get(n) is not None and n not in values.bounds]
    if filled and all(retail > values[n] for n in filled):
        shown = "、".join(f"{rules.fields[n].label}{fmt(values[n])}万元" for n in filled)
        yield _inconsistent(app, retail_t.field, f"{label}{fmt(retail)}万元大于{shown}（网络零售额是其中的一部分）")


def _other_kind_amount(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    """企业类别 平台类 with the （服务类企业）年度销售额 line filled too (or the reverse): the chosen kind's threshold
    decides (二（二）3) and the other amount is not used; a warning where it would meet its own threshold."""
    ptype = rules.types[app.type]
    kind = values.get(ptype.kind_field) if ptype.kind_field else None
    if kind is None:
        return
    used = next((t for t in ptype.thresholds if t.when == kind), None)
    for t in ptype.thresholds:
        v = values.get(t.field)
        if not t.when or t.when == kind or used is None or v is None:
            continue
        met = compare(v, t.op, t.value)
        f, uf = rules.fields[t.field], rules.fields[used.field]
        detail = (f"企业类别为“{kind}”，但也填写了{f.label_for(app.type)}{fmt(v)}万元；前置条件按{kind}企业的"
                  f"{uf.label_for(app.type)}判断（{used.text}），不使用该金额"
                  + (f"。如属{t.when}企业，请更正企业类别（{t.text}）" if met else ""))
        yield locate(make("FIELD_INCONSISTENT", Severity.WARNING if met else Severity.INFO, field=t.field,
                          detail=detail), app, t.field)


def _age_claims(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    """A 是 on an age the dates deny. A date typed to the month or year stands for every day of it (as for
    成立年限, counted to the end of 一、申报时间 at the latest): the 是 is contradicted only when even the earliest
    成立日期 is not that old on the last 填表时间."""
    est, fill = values.get("sb_established"), values.get("sb_fill_date")
    until = "填表时间"
    if est and fill:   # 成立日期 after 填表时间: one is wrong, counted to the end of 一、申报时间 as for 成立年限
        later = founded_after_fill(values)
        fill = application_close(rules) if later else age_until(values, rules)[1]
        until = f"申报截止{fill:%Y年%m月%d日}" if later else until
    for a in rules.consistency.age_claims:
        if values.get(a.answer) == YES and est and fill and dates.add_years(est, a.years) > fill:
            yield _inconsistent(app, a.answer, f"勾选“{a.text}”为“是”，但成立日期至{until}不满{a.years}年")


def _dates(app: Application, values: Values, today: date) -> list[Finding]:
    """填表时间 in the future, 成立日期 after 填表时间."""
    out: list[Finding] = []
    fill, est = values.get("sb_fill_date"), values.get("sb_established")
    # typed to the month (“2026年12月”): late only when even its first day is after today, and shown as typed
    if fill is not None and fill > today:
        out.append(locate(make("FIELD_DATE", Severity.WARNING, field="sb_fill_date", label="填表时间",
                               value=dates.shown(fill, values.precision.get("sb_fill_date")),
                               detail=f"晚于今天（{today:%Y年%m月%d日}）"), app, "sb_fill_date"))
    if founded_after_fill(values):
        shown = dates.shown(est, values.precision.get("sb_established"))
        out.append(locate(make("FIELD_DATE", field="sb_established", label="成立日期", value=shown, detail=(
            f"晚于填表时间{dates.shown(fill, values.precision.get('sb_fill_date'))}，两者必有一处有误，"
            "请对照营业执照核对成立日期，并核对填表时间")), app, "sb_established"))
    return out


# --- required fields ---------------------------------------------------------------------------

def required(app: Application, values: Values, rules: Rules) -> list[Finding]:
    out: list[Finding] = []
    ptype = rules.types[app.type]
    one_kind = len(kind_lines(app, values, ptype)) == 1
    for f in rules.fields_for(app.type):
        severity = _required(f, ptype, values, rules, one_kind)
        if not severity or values.get(f.name) is not None or f.name in values.invalid:
            continue
        out.append(locate(make("FIELD_REQUIRED", severity, field=f.name, label=f.display(app.type),
                               detail=app.fill_in(f.supplementary)),
                          app, f.name))
    text = values.get("sb_performance")
    minimum = rules.common.performance_min_chars
    if text and char_count(text) < minimum:
        out.append(locate(make("FIELD_TEXT_SHORT", field="sb_performance", count=char_count(text), minimum=minimum),
                          app, "sb_performance"))
    return out


def _required(f: Field, ptype: ProjectType, values: Values, rules: Rules, one_kind: bool) -> Severity | None:
    """How much a blank field matters for this application (the contract's, or as its other answers decide);
    ``one_kind``: one of the 平台类/服务类 amount lines is filled (:func:`.eligibility.kind_lines`)."""
    kinded = [t for t in ptype.thresholds if t.when]
    if ptype.kind_field and f.name in {t.field for t in kinded}:
        # 平台类 needs its 交易额, 服务类 its 销售额; with no kind and neither amount, the first is asked for
        kind = values.get(ptype.kind_field)
        wanted = next((t.field for t in kinded if t.when == kind), None)
        either = kind is None and all(values.get(t.field) is None for t in kinded)
        return Severity.ERROR if f.name == wanted or (either and f.name == kinded[0].field) else None
    if f.name == ptype.kind_field and one_kind:
        return None   # the official form has no 企业类别 line: the one amount line filled says it (eligibility says so)
    chosen = rules.fields.get(f.name.removesuffix(OTHER_SUFFIX)) if f.name.endswith(OTHER_SUFFIX) else None
    if chosen is not None and OTHER in chosen.choices:
        return Severity.WARNING if values.get(chosen.name) == OTHER else None
    return f.required
