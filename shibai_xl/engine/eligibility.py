"""前置条件: 达标 / 不达标 / 待定, with a Chinese reason per condition.

Source: the notice, 二、申报条件 (共性条件 and 个性条件) and 附件5 前置条件.
"以上 / 不低于 / 不少于" include the figure itself (民法典 第一千二百五十九条).
成立年限 counts calendar years from 成立日期 to 填表时间: 2022-04-15 → 2024-04-15
is exactly 2 years and passes "2年以上"; with no 填表时间, or one typed before 一、申报时间 (the 申报 is on a
day of it), the first and last day of 一、申报时间 decide what every day of it would.
独立法人企业 is read from the USCC's first two characters (GB 32100-2015). The resident list's
evidence (evidence.py) and the materials (materials.py, 三（三）) are conditions too; conditions the form cannot decide are listed
as 需核实 and never change the verdict.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from ..rules import Rules, Severity, Threshold
from ..rules.model import EntityRule, Field, ProjectType
from .application import Application
from .capped import cap_said, meets_cap, typed_cap
from .conditions import FAIL, PASS, UNKNOWN, VERIFY, Condition, Eligibility
from .evidence import evaluate_evidence
from .findings import Finding, make
from .fmt import OPS, ask_after, typed, wan_display
from .materials import evaluate_materials
from .parse import dates, number, uscc
from .parse.result import Parsed, is_blank
from .parse.text import CellPicture, ExcelError, normalize
from .residents import ResidentTotals
from .values import NO, PICTURE, YES, Values, as_bound, compare, locate, meets, other_reading, unread_word, upper_decides

__all__ = ["PASS", "FAIL", "UNKNOWN", "VERIFY", "Condition", "Eligibility", "evaluate"]


def _missing(rules: Rules, app: Application, result: Eligibility, name: str, what: str) -> None:
    label = rules.fields[name].display(app.type)
    result.findings.append(locate(make("ELIG_MISSING", field=name, detail=f"{label}（{what}）"), app, name))


def evaluate(app: Application, values: Values, rules: Rules, residents: ResidentTotals | None = None) -> Eligibility:
    result = Eligibility()
    _region(app, values, rules, result)
    _entity(app, values, rules, result)
    _credit(app, values, rules, result)
    _age(app, values, rules, result)
    _period(app, values, rules, result)
    _in_window(app, values, rules, result)
    _thresholds(app, values, rules, result)
    evaluate_evidence(app, values, rules, residents, result)
    evaluate_materials(app, rules, result)
    _verify(app, rules, result)
    return result


def _region(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    label = "贵州省内注册"
    code = values.get("sb_uscc")
    if code is None:
        if "sb_uscc" in values.invalid:
            result.add(label, UNKNOWN, "统一社会信用代码有误，无法确认注册地", "region")
            raw = app.value("sb_uscc")
            typed = uscc.compact(raw)
            # only a code of 18 characters has its region at positions 3-8: one missed or doubled shifts them
            if len(typed) == 18 and typed[2:4].isdigit() and typed[2:4] != rules.common.region_prefix:
                meant = uscc.slip_to(typed, rules.common.region_prefix)
                if meant:   # "9125…" for "9152…": a slip, no registration elsewhere
                    result.conditions[-1] = Condition(label, UNKNOWN, f"统一社会信用代码有误，无法确认注册地；改为“{meant}”"
                                                                      "即为贵州的代码且校验位正确，请核对", "region")
                    return
                _region_finding(app, result, raw)
                result.conditions[-1] = Condition(label, FAIL, "统一社会信用代码第3-8位不是贵州的行政区划码", "region")
            return
        result.add(label, UNKNOWN, "未填写统一社会信用代码", "region")
        _missing(rules, app, result, "sb_uscc", "用于判断是否贵州省内注册、是否独立法人企业")
        return
    div, name, city = uscc.region(code)
    if not uscc.is_guizhou(code, rules.common.region_prefix):
        _region_finding(app, result, code)
        result.add(label, FAIL, f"统一社会信用代码第3-8位为{div}，不是贵州（52开头）的行政区划码", "region")
        return
    if not uscc.known_guizhou(code, rules.common.region_zone_codes):
        _region_finding(app, result, code, "虽以52开头，但不是贵州省现行或已撤销的行政区划码，"
                                           "也不是贵安新区（520900）或市（州）开发区的登记机关代码")
        result.add(label, FAIL, f"统一社会信用代码第3-8位为{div}，不是贵州的行政区划码", "region")
        return
    result.add(label, PASS, f"登记机关区划码{div}（{name or city}）", "region")


def _region_finding(app: Application, result: Eligibility, code: object,
                    why: str = "不是贵州省（52开头）的代码") -> None:
    div = uscc.compact(code)[2:8]
    result.findings.append(locate(make(
        "ELIG_REGION", field="sb_uscc",
        detail=f"统一社会信用代码第3-8位（登记管理机关行政区划码）为{div}，{why}；"
               "通知要求申报企业为贵州省内注册成立的独立法人企业"), app, "sb_uscc"))


def _entity(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    """共性条件 2 "独立法人企业" from the USCC's first two characters (GB 32100-2015) and the name."""
    label, spec = "独立法人企业", rules.entity
    doubts = []
    op_type = values.get("sb_operator_type")
    if op_type in rules.common.non_enterprise_operator_types:
        doubts.append(f"运营机构类型填写为“{op_type}”")
    code = values.get("sb_uscc")
    if code is not None:
        pair = code[:2]
        what = uscc.entity(code) or f"{uscc.authority(code) or '未知登记管理部门'}登记的组织"
        shown = f"统一社会信用代码前两位为{pair}（{what}）"
        if pair in spec.not_legal_person:
            result.add(label, FAIL, f"{shown}，不是法人", "entity")
            _entity_finding(app, result, Severity.ERROR,
                            f"{shown}：个体工商户不是法人，不符合通知二（一）2“独立法人企业”的申报条件")
        elif pair in spec.enterprise:
            _enterprise_name(app, values, spec, result, shown)
        elif app.type in spec.non_enterprise_fails:
            result.add(label, FAIL, f"{shown}，不是企业", "entity")
            _entity_finding(app, result, Severity.ERROR, f"{shown}：不是企业，不符合通知二（一）2“独立法人企业”的申报条件")
        else:
            result.add(label, UNKNOWN, f"{shown}，不是企业；申报表的运营机构类型允许政府部门、事业单位，需核实", "entity")
            _entity_finding(app, result, Severity.WARNING,
                            f"{shown}：不是企业。通知要求“独立法人企业”，请市（州）商务局核实申报主体")
            doubts.append(f"统一社会信用代码表明申报主体是{what}")
    else:   # blank or failing its check: the code cannot tell, which the officer sees as for 贵州省内注册
        why = "有误" if "sb_uscc" in values.invalid else "未填写"
        result.add(label, UNKNOWN, f"统一社会信用代码{why}，无法判断是否独立法人企业", "entity")
    # the contradiction is the notice's where the form itself offers non-enterprises (园区/基地)
    if doubts and app.type not in spec.non_enterprise_fails:
        at = "sb_operator_type" if op_type in rules.common.non_enterprise_operator_types else "sb_uscc"
        result.findings.append(locate(make("RULE_GAP", Severity.WARNING, field=at,
                                           detail=rules.common.non_enterprise_gap.format(what="；".join(doubts))),
                                      app, at))


def _enterprise_name(app: Application, values: Values, spec: EntityRule, result: Eligibility, shown: str) -> None:
    """91 is also carried by branches (分公司, 分厂, 分店), 个人独资企业 and 合伙企业, no legal persons: the name tells."""
    names = [str(values.get(n)) for n in ("sb_name", "sb_operator_name") if values.get(n)]
    # the organisational form ends the name (企业名称登记管理规定 第六条): 有限公司 is a legal person whatever its
    # trade name holds (贵州众创合伙企业管理有限公司), while 分公司 after it is a branch
    hits = [(n, w) for n in names for w in spec.name_words if w.word in n and not _company_form(n)]
    if not hits:
        result.add("独立法人企业", PASS, shown, "entity")
        return
    name, word = hits[0]
    result.add("独立法人企业", UNKNOWN, f"名称含“{word.word}”，可能不是独立法人", "entity")
    _entity_finding(app, result, Severity.WARNING,
                    f"名称“{name}”含“{word.word}”：{word.law}。统一社会信用代码前两位91只表明是企业，"
                    "请市（州）商务局核实营业执照上的企业类型")


COMPANY_FORMS = ("有限公司", "有限责任公司", "股份公司")   # 公司法 第二条: a company is a legal person


def _company_form(name: str) -> bool:
    """The name ends in a company's form: the words before it are its trade name.

    >>> _company_form("贵州众创合伙企业管理有限公司"), _company_form("贵州甲有限公司贵阳分公司")
    (True, False)
    """
    return normalize(name).replace(" ", "").endswith(COMPANY_FORMS)


def _entity_finding(app: Application, result: Eligibility, severity: Severity, detail: str) -> None:
    result.findings.append(locate(make("ELIG_ENTITY", severity, field="sb_uscc", detail=detail), app, "sb_uscc"))


def _credit(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    common = rules.common
    for name in common.credit_fields:
        f = rules.fields[name]
        answer = values.get(name)
        raw = app.value(name)
        if name == common.credit_unclear_field and isinstance(raw, str) and \
                normalize(raw).strip() in common.credit_unclear_words:
            result.add(f.label, UNKNOWN, f"填写为“{raw.strip()}”，无法确定", "credit")
            either = ("可能是“是”，也可能是指“有失信记录”（否）" if answer == YES else
                      "可能是指“无失信记录”（是），也可能是“否”")
            result.findings.append(locate(make("ELIG_CREDIT", Severity.WARNING, field=name, detail=(
                f"{f.label}：填写为“{raw.strip()}”，{either}，请填写“是”或“否”")), app, name))
            continue
        if answer == YES:
            result.add(f.label, PASS, "已确认", "credit")
        elif answer == NO:
            result.add(f.label, FAIL, "填写为“否”", "credit")
            result.findings.append(locate(make("ELIG_CREDIT", field=name, detail=f"{f.label}：否"), app, name))
        else:
            why = ("未填写" if name not in values.invalid else
                   f"{PICTURE}，应填“是”或“否”" if isinstance(values.invalid[name], CellPicture) else "无法识别，应填“是”或“否”")
            where = ("请在“补充信息”中确认" if app.supplementary_sheet else
                     "此工作簿没有“补充信息”表，请在申报表中该项名称旁填写“是”或“否”（表中没有该项的，加一行写上名称和答案）")
            result.add(f.label, UNKNOWN, "未确认", "credit")
            result.findings.append(locate(make("ELIG_CREDIT", Severity.WARNING, field=name,
                                               detail=f"{f.label}：{why}，{where}"), app, name))
            _missing(rules, app, result, name, "未确认")


def _age(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    years = rules.types[app.type].min_years
    label = f"成立时间{years}年以上"
    est, fill = values.get("sb_established"), values.get("sb_fill_date")
    # 成立日期 after 填表时间: one of the two is wrong, which is unknown; the 填表时间 is counted to no more than when
    # missing — the end of 一、申报时间 decides a company too young even then, the rest is 待定 (FIELD_DATE says why)
    later = founded_after_fill(values)
    if est is not None and (fill is None or later) and _too_young_by_close(app, values, rules, result, label):
        return
    # left blank (附件2's "填表时间： 年 月 日" often is): old enough on the window's first day is old enough on any day
    # of it; an unreadable one is the applicant's to correct first (FIELD_DATE), as before
    if est is not None and fill is None and "sb_fill_date" not in values.invalid \
            and _old_enough_by_open(app, values, rules, result, label):
        return
    if later:
        result.add(label, UNKNOWN, f"成立日期{dates.shown(est, values.precision.get('sb_established'))}晚于填表时间"
                                   f"{dates.shown(fill, values.precision.get('sb_fill_date'))}，两者必有一处有误，"
                                   "无法计算成立年限", "age")
        return
    if est is None or fill is None:
        result.add(label, UNKNOWN, _unread(rules, values, ("sb_established", "sb_fill_date")), "age")
        for name, v in (("sb_established", est), ("sb_fill_date", fill)):
            if v is None:
                _missing(rules, app, result, name, "用于计算成立年限")
        return
    est_p = values.precision.get("sb_established")
    need_lo = dates.add_years(est, years)
    need_hi = dates.add_years(dates.last_day(est, est_p), years)
    fill_lo, fill_hi, until, fill_p = age_until(values, rules)
    since = dates.shown(est, est_p)
    # a date typed to the month or year only stands for every day of it: decide when all of them agree
    coarse = [(n, _UNIT[p]) for n, p in (("sb_established", est_p), ("sb_fill_date", fill_p)) if p in _UNIT]
    only = "、".join(f"{rules.fields[n].label}只填到{unit}" for n, unit in coarse)
    # a 填表时间 outside 一、申报时间 is not the day counted to (age_until): the reason says the day that was
    outside = _outside_window(values, rules)
    if need_hi <= fill_lo:
        every = f"（{only}，其中任何一天都已满）" if coarse else ""
        to = f"至填表时间{until}" if outside is None else \
            f"{outside}，至{'申报时间第一天' if fill_lo < fill_hi else '申报截止'}{fill_lo:%Y年%m月%d日}"
        every = every or ("（申报时间内任何一天都已满）" if outside and fill_lo < fill_hi else "")
        result.add(label, PASS, f"成立日期{since}，{to}已满{years}年{every}", "age")
    elif need_lo > fill_hi:
        every, first = (f"{only}，其中任何一天都不满；", "最早") if coarse else ("", "")
        to = f"至填表时间{until}" if outside is None else f"{outside}，至申报截止{fill_hi:%Y年%m月%d日}"
        result.add(label, FAIL, f"成立日期{since}，{to}不满{years}年"
                                f"（{every}满{years}年之日{first}为{need_lo:%Y年%m月%d日}）", "age")
        counted = f"填表时间{until}" if outside is None else f"{outside}，至申报截止{fill_hi:%Y年%m月%d日}仍不满{years}年"
        result.findings.append(locate(make(
            "ELIG_AGE", field="sb_established",
            detail=f"{rules.types[app.type].label}要求成立时间在{years}年以上；成立日期{since}，"
                   f"{counted}，{first}{need_lo:%Y年%m月%d日}才满{years}年"), app, "sb_established"))
    elif not coarse:   # a 填表时间 before 一、申报时间 stands for every day of it (age_until)
        result.add(label, UNKNOWN, f"成立日期{since}，填表时间{until}；{need_lo:%Y年%m月%d日}起才满{years}年，"
                                   "申报时间内有的日子已满、有的不满，无法确定是否已满", "age")
    else:
        result.add(label, UNKNOWN, f"{only}，无法确定是否已满{years}年", "age")
        for name, unit in coarse:
            _missing(rules, app, result, name, f"只填到{unit}，无法确定是否已满{years}年，请填写具体日期")


_UNIT = {"month": "月份", "year": "年份"}


def _unread(rules: Rules, values: Values, names: tuple[str, ...]) -> str:
    """Which of the dates a condition needs are missing, each said as 未填写 or, typed but not read, 无法识别."""
    return "、".join(f"{rules.fields[n].label}{'无法识别' if n in values.invalid else '未填写'}"
                    for n in names if values.get(n) is None)


def _too_young_by_close(app: Application, values: Values, rules: Rules, result: Eligibility, label: str) -> bool:
    """No 填表时间 to count to: a company not old enough even on the last day of 一、申报时间 fails whatever day the
    form was filled (成立日期 2030, or a few months before the deadline); True when it is so decided."""
    years, est, est_p = rules.types[app.type].min_years, values["sb_established"], values.precision.get("sb_established")
    close = application_close(rules)
    need = dates.add_years(est, years)
    if need <= close:
        return False
    since, fill = dates.shown(est, est_p), "填表时间无法识别" if "sb_fill_date" in values.invalid else "未填写填表时间"
    if values.get("sb_fill_date") is not None:
        fill = f"填表时间{dates.shown(values['sb_fill_date'], values.precision.get('sb_fill_date'))}早于成立日期"
    said = f"成立日期{since}，{fill}；按申报截止{close:%Y年%m月%d日}（一、申报时间{rules.common.application_window_text}）计算"
    result.add(label, FAIL, f"{said}也不满{years}年（{need:%Y年%m月%d日}才满{years}年）", "age")
    result.findings.append(locate(make(
        "ELIG_AGE", field="sb_established", detail=f"{rules.types[app.type].label}要求成立时间在{years}年以上；{said}，"
                                                   f"{need:%Y年%m月%d日}才满{years}年"), app, "sb_established"))
    return True


def _old_enough_by_open(app: Application, values: Values, rules: Rules, result: Eligibility, label: str) -> bool:
    """No 填表时间 typed: a company old enough on the first day of 一、申报时间 (every day of a 成立日期 typed to
    the month or year) is old enough whatever day of it the form was filled; True when it is so decided."""
    years, est, est_p = rules.types[app.type].min_years, values["sb_established"], values.precision.get("sb_established")
    opening = date(*_window(rules)[0], 1)
    if dates.add_years(dates.last_day(est, est_p), years) > opening:
        return False
    result.add(label, PASS, f"成立日期{dates.shown(est, est_p)}，未填写填表时间；按申报开始{opening:%Y年%m月%d日}"
                            f"（一、申报时间{rules.common.application_window_text}）计算已满{years}年", "age")
    return True


def founded_after_fill(values: Values) -> bool:
    """成立日期 after 填表时间 — a 填表时间 typed to the month stands for every day of it (成立日期 on the 10th is not
    after "2024年4月")."""
    est, fill = values.get("sb_established"), values.get("sb_fill_date")
    return est is not None and fill is not None and est > dates.last_day(fill, values.precision.get("sb_fill_date"))


def application_close(rules: Rules) -> date:
    """The last day of 一、申报时间."""
    return dates.month_end(date(*_window(rules)[1], 1))


def _outside_window(values: Values, rules: Rules) -> str | None:
    """How a 填表时间 outside 一、申报时间 is said where the age is counted to a day of the window instead
    (age_until): "填表时间2024年03月20日早于申报时间2024年4月-12月"; None for one inside it."""
    fill = values["sb_fill_date"]
    start, end = _window(rules)
    side = "早于" if (fill.year, fill.month) < start else "晚于" if (fill.year, fill.month) > end else None
    if side is None:
        return None
    return (f"填表时间{dates.shown(fill, values.precision.get('sb_fill_date'))}{side}申报时间"
            f"{rules.common.application_window_text}")


def age_until(values: Values, rules: Rules) -> tuple[date, date, str, str | None]:
    """The first and last day the 填表时间 stands for, how it is said, and its precision. Typed after 一、申报时间
    (2030) it cannot make a company older than it is when applications close: counted to the window's last day."""
    fill, fill_p = values["sb_fill_date"], values.precision.get("sb_fill_date")
    until = dates.shown(fill, fill_p)
    start, end = _window(rules)
    if (fill.year, fill.month) > end:
        close = application_close(rules)
        return close, close, (f"{until}（晚于申报时间{rules.common.application_window_text}，"
                              f"按申报截止{close:%Y年%m月%d日}计算）"), None
    if (fill.year, fill.month) < start:   # typed before it: the 申报 is on some day of 一、申报时间, which one unknown
        opening, close = date(*start, 1), application_close(rules)
        return opening, close, (f"{until}（早于申报时间{rules.common.application_window_text}，按申报时间内"
                                f"{opening:%Y年%m月%d日}至{close:%Y年%m月%d日}的任何一天计算）"), None
    return fill, dates.last_day(fill, fill_p), until, fill_p


def _period(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    label = f"统计期为连续{rules.common.period_months}个月"
    start, end, fill = values.get("sb_period_start"), values.get("sb_period_end"), values.get("sb_fill_date")
    if start is None or end is None:
        ends = ("sb_period_start", "sb_period_end")
        typed = any(n in values.invalid for n in ends)   # an end typed but not read (it has no value) is said
        result.add(label, UNKNOWN, _unread(rules, values, ends) if typed else "未填写统计期", "period")
        for name, v in zip(ends, (start, end)):
            if v is None and name not in values.invalid:
                _missing(rules, app, result, name, "前置条件的统计期")
        return
    months, shown = _period_length(app, start, end)
    want = rules.common.period_months
    problems = []
    if months != want:
        problems.append(f"统计期{shown}为{months}个月，应为连续{want}个月" if months > 0
                        else f"统计期{shown}的止月早于起月")
    if fill is not None and (end.year, end.month) > (fill.year, fill.month):
        problems.append(f"统计期止月{end:%Y年%m月}晚于填表时间{dates.shown(fill, values.precision.get('sb_fill_date'))}")
    elif (end.year, end.month) > _window(rules)[1]:   # no 填表时间, or one after the window: no day to fill it on
        problems.append(f"统计期止月{end:%Y年%m月}晚于申报截止{application_close(rules):%Y年%m月%d日}"
                        f"（一、申报时间{rules.common.application_window_text}），申报期内该统计期尚未结束")
    founded = values.get("sb_established")   # its first day: a month or year typed stands for days no earlier
    if founded is not None and (founded.year, founded.month) > (end.year, end.month):
        problems.append(f"统计期止月{end:%Y年%m月}早于成立日期"
                        f"{dates.shown(founded, values.precision.get('sb_established'))}，整个统计期企业尚未成立，"
                        "年度数据不是申报主体的，或日期有误")
    if problems:
        result.add(label, UNKNOWN, "；".join(problems), "period")
        for p in problems:
            result.findings.append(locate(make("FIELD_PERIOD", field="sb_period_end", detail=p), app, "sb_period_end"))
        return
    result.add(label, PASS, shown, "period")
    if fill is not None:
        _period_age(app, end, fill, rules, result)
    _period_before_established(app, values, start, result)
    _figures_of_another_period(app, rules, start, end, shown, result)


def _period_length(app: Application, start: date, end: date) -> tuple[int, str]:
    """(months, the period as shown) of a 统计期: calendar months, both included — or, typed to the day
    ("2023.1.15"-"2024.1.14"), the whole months from the first day to the day after the last; from a day to its
    corresponding day ("2023.1.15"-"2024.1.15", not from a 1st: see below) is as many months (民法典 第二百零一条:
    开始的当日不计入; 第二百零二条: 到期月的对应日为期间的最后一日, the reckoning of 成立年限 too)."""
    first, last = _period_days(app)
    if first.ok and last.ok and first.precision == last.precision == "day":
        shown = f"{first.value:%Y年%m月%d日}-{last.value:%Y年%m月%d日}"
        after = last.value + timedelta(days=1)
        if after.day == first.value.day:
            months = (after.year - first.value.year) * 12 + after.month - first.value.month
            return months, shown
        # (a 1st to a 1st is no such span: "2023-01-01"-"2023-12-01" are the months a date cell holds, 12 of them)
        months = (last.value.year - first.value.year) * 12 + last.value.month - first.value.month
        if first.value.day != 1 and months > 0 and dates.add_months(first.value, months) == last.value:
            return months, shown
    return dates.months_between(start, end), f"{start:%Y年%m月}-{end:%Y年%m月}"


def _period_days(app: Application) -> tuple[Parsed, Parsed]:
    """The 统计期's ends as typed: each cell's own, or both from the one cell that holds the whole period
    ("2023年1月15日-2024年1月14日") while the other is blank or holds the same."""
    typed = [app.value(name) for name in ("sb_period_start", "sb_period_end")]
    for i, raw in enumerate(typed):
        span = dates.parse_period(raw, days=True)
        if span and (is_blank(typed[1 - i]) or typed[1 - i] == raw):
            return span
    first, last = (dates.parse(raw) for raw in typed)
    return first, last


def _figures_of_another_period(app: Application, rules: Rules, start: date, end: date, shown: str,
                               result: Eligibility) -> None:
    """A threshold's figure typed with a 统计期 of its own ("1200万元（2022.1-2022.12）", "2022年：1200万元") other than
    the form's: the figure may not be the 统计期's, which the verdict is on — said, to be verified."""
    for name in dict.fromkeys(t.field for t in rules.types[app.type].thresholds):
        typed_with = number.period_typed_with(app.value(name))
        if typed_with is None or [(d.year, d.month) for d in typed_with] == [(d.year, d.month) for d in (start, end)]:
            continue
        result.findings.append(locate(make("FIELD_PERIOD", Severity.WARNING, field=name, detail=(
            f"{rules.fields[name].label_for(app.type)}填写为“{typed(app.value(name))}”，所注统计期"
            f"{typed_with[0]:%Y年%m月}-{typed_with[1]:%Y年%m月}与前置条件的统计期{shown}不一致，"
            "前置条件按统计期的数据判断，请核实该数字是否为统计期内的数据")), app, name))
    _list_of_another_period(app, start, end, shown, result)


def _list_of_another_period(app: Application, start: date, end: date, shown: str, result: Eligibility) -> None:
    """The 入驻企业名单's amounts headed with a 统计期 of their own (附件3 prints "(202x年x月-202x年x月)年度网络零售额")
    other than the form's: their sums, which the list's cross-checks and ELIG_EVIDENCE compare with the form's
    figures, are another year's — said, to be verified."""
    other: dict[tuple[date, date], list[tuple[str, str | None, str]]] = {}
    for header, (text, sheet, cell) in getattr(app.residents, "periods", {}).items():
        months = _header_period(text)
        if months is not None and [(d.year, d.month) for d in months] != [(d.year, d.month) for d in (start, end)]:
            other.setdefault(months, []).append((header, sheet, cell))
    for (first, last), columns in other.items():
        named = "".join(f"“{header}”" for header, _, _ in columns)
        result.findings.append(make("FIELD_PERIOD", Severity.WARNING, at=columns[0][1:], detail=(
            f"入驻企业名单（附件3）{named}{'一' if len(columns) == 1 else '两'}栏的表头注明统计期{first:%Y年%m月}-"
            f"{last:%Y年%m月}，与申报表前置条件的统计期{shown}不一致，名单的合计不能印证统计期内的交易额、网络零售额，"
            "请核实名单是否为统计期内的数据")))


def _header_period(text: str) -> tuple[date, date] | None:
    """The months of the 统计期 a 附件3 amount header names before 年度: "(2022年1月-2022年12月)年度网络零售额(万元)",
    "2022年度网络交易额" (the whole year); None when it names none.

    >>> _header_period("(2022年1月-2022年12月)年度网络零售额(万元)")[1], _header_period("2022年度网络交易额（万元）")[0]
    (datetime.date(2022, 12, 1), datetime.date(2022, 1, 1))
    >>> _header_period("(202x年x月-202x年x月)年度网络零售额"), _header_period("年度网络零售额（万元）")
    (None, None)
    """
    said = re.sub(r"\s+", "", normalize(text)).partition("年度")[0].strip("()[]【】")
    if re.fullmatch(r"20\d\d", said):
        return date(int(said), 1, 1), date(int(said), 12, 1)
    ends = dates.parse_period(said) if said else None
    return (ends[0].value, ends[1].value) if ends and all(e.ok for e in ends) else None


def _period_before_established(app: Application, values: Values, start: date, result: Eligibility) -> None:
    """A 年度 figure whose 统计期 begins before the company was founded covers months it did not exist: said."""
    founded = values.get("sb_established")
    if founded is None or values.precision.get("sb_established") == "year":
        return
    if (founded.year, founded.month) > (start.year, start.month):
        said = dates.shown(founded, values.precision.get("sb_established"))
        result.findings.append(locate(make("FIELD_PERIOD", Severity.WARNING, field="sb_period_start", detail=(
            f"统计期起月{start:%Y年%m月}早于成立日期{said}，统计期内有几个月企业尚未成立，"
            "年度数据是否完整、是否含其他主体的数据，请核实")), app, "sb_period_start"))


def _period_age(app: Application, end: date, fill: date, rules: Rules, result: Eligibility) -> None:
    """The notice prints only "(202x年x月-202x年x月)": a stale or unfinished 统计期 is a warning, not a verdict."""
    age = (fill.year * 12 + fill.month) - (end.year * 12 + end.month)
    limit = rules.common.period_max_age_months
    unnamed = f"通知只写“(202x年x月-202x年x月)”，没有规定是哪{rules.common.period_months}个月，请核实是否为最近一个年度的数据"
    if age > limit:
        detail = f"统计期止月{end:%Y年%m月}距填表时间{fill:%Y年%m月}已超过{limit}个月；{unnamed}"
    elif age == 0:
        detail = f"统计期止月{end:%Y年%m月}就是填表时间所在的月份，该月尚未结束，数据可能不完整；{unnamed}"
    else:
        return
    result.findings.append(locate(make("FIELD_PERIOD", Severity.WARNING, field="sb_period_end", detail=detail),
                                  app, "sb_period_end"))


def _window(rules: Rules) -> tuple[tuple[int, int], tuple[int, int]]:
    """一、申报时间 as its first and last (year, month)."""
    first, last = (tuple(int(x) for x in m.split("-")) for m in rules.common.application_window)
    return (first[0], first[1]), (last[0], last[1])


def _in_window(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    """一、申报时间: a 填表时间 outside the window is an error to correct; it does not decide the verdict."""
    fill = values.get("sb_fill_date")
    if fill is None:
        return
    first, last = _window(rules)
    if first <= (fill.year, fill.month) <= last:
        return
    result.findings.append(locate(make(
        "FIELD_DATE", field="sb_fill_date", label="填表时间", value=dates.shown(fill, values.precision.get("sb_fill_date")),
        detail=f"不在通知规定的申报时间（一、申报时间：{rules.common.application_window_text}）内，请核实填表时间"),
        app, "sb_fill_date"))


def _thresholds(app: Application, values: Values, rules: Rules, result: Eligibility) -> None:
    ptype = rules.types[app.type]
    applicable = list(ptype.thresholds)
    if ptype.kind_field:
        kind = values.get(ptype.kind_field) or _inferred_kind(app, values, rules, ptype, result)
        if kind is None:
            _kindless(app, values, rules, result, bool(_short_period(app, values, rules)))
            applicable = [t for t in applicable if t.when is None]
        else:
            applicable = [t for t in applicable if t.when in (None, kind)]
    for t in applicable:
        status, reason, finding = _threshold(app, values, t, rules)
        # the months typed are under the threshold, the 年度 may not be (the period looked at only then: most meet it)
        if status == FAIL and (short := _short_period(app, values, rules)):
            status, reason, finding = _part_of_year(app, rules, t, short, reason)
        result.add(t.text, status, reason, "threshold")
        if finding:
            result.findings.append(finding)


_PART_OF_YEAR = "这几个月的数额不是年度数额，连续{0}个月的年度数额不会更少，是否达到门槛无法判断，请按连续{0}个月的统计期填写"


def _part_of_year(app: Application, rules: Rules, t: Threshold, short: str, reason: str) -> tuple[str, str, Finding]:
    """A figure under its threshold typed for a 统计期 shorter than a year: 待定, said where the figure is."""
    said = f"{short}：{reason}；{_PART_OF_YEAR.format(rules.common.period_months)}"
    detail = f"{rules.fields[t.field].display(app.type)}（{said}）"
    return UNKNOWN, said, locate(make("ELIG_MISSING", field=t.field, detail=detail), app, t.field)


def _short_period(app: Application, values: Values, rules: Rules) -> str | None:
    """A 统计期 of fewer months than a 年度's (二（二）: 年度交易额、年度直播销售额…; FIELD_PERIOD), or one whose
    last month was not over at 填表时间 (in its month or after): how it is said, else None. Its figures are of those
    months only and the year's can only be more (sales are never negative): one under its threshold decides nothing,
    one meeting it meets it for the year."""
    start, end, fill = values.get("sb_period_start"), values.get("sb_period_end"), values.get("sb_fill_date")
    if start is None or end is None:
        return None
    months, shown = _period_length(app, start, end)
    if fill is not None and (end.year, end.month) >= (fill.year, fill.month):   # its last month(s) not over yet
        said = dates.shown(fill, values.precision.get("sb_fill_date"))
        where = "就是" if (end.year, end.month) == (fill.year, fill.month) else "晚于"
        full = dates.months_between(start, fill) - 1     # the months before the month of 填表时间
        return (f"统计期{shown}的止月{where}填表时间{said}所在月份，填表时统计期只过了{full}个整月" if full > 0
                else f"统计期{shown}在填表时间{said}时尚未开始或刚开始")
    return f"统计期{shown}只有{months}个月" if 0 < months < rules.common.period_months else None


def _threshold(app: Application, values: Values, t: Threshold, rules: Rules) -> tuple[str, str, Finding | None]:
    f = rules.fields[t.field]
    unit = f.unit_for(app.type)
    value = values.get(t.field)
    if value is None and (under := _typed_under(app, values, f, t, rules)):
        detail = f"{f.label_for(app.type)}填写为“{typed(app.value(t.field))}”，{under}（{t.text}）"
        return FAIL, detail, locate(make(t.code, field=t.field, detail=detail), app, t.field)
    if value is None:
        why = unread_word(values, t.field) if t.field in values.invalid else "未填写"
        fnd = locate(make("ELIG_MISSING", field=t.field, detail=f"{f.display(app.type)}{why}（{t.text}）"), app, t.field)
        return UNKNOWN, f"{f.label_for(app.type)}{why}", fnd
    shown = wan_display(value, unit)
    need = wan_display(Decimal(str(t.value)), unit)
    if t.field in values.doubtful:     # a figure in the wrong unit decides nothing until a person confirms it
        other = _other_reading(app, values, f, t)    # "；若误按元填写，…，": after the doubt's own last sentence
        doubt = values.doubtful[t.field].rstrip("。") if other else values.doubtful[t.field]
        return UNKNOWN, f"{f.label_for(app.type)}{shown}：{ask_after(doubt + other, '请核实后再判断')}", None
    met = meets(values, t.field, t.op, t.value)
    if met is None:     # a lower bound under the threshold ("300万以上" for 500万): the figure may reach it or not
        return UNKNOWN, f"{f.label_for(app.type)}{shown}{as_bound(values, t.field)}，下限未达到门槛{need}，请核实后再判断", None
    if met:
        return PASS, f"{f.label_for(app.type)}{shown}{as_bound(values, t.field)} {OPS[t.op]} {need}", None
    if shown.partition("（")[0] == need.partition("（")[0]:   # rounded onto the threshold it is under
        shown = wan_display(value, unit, exact=True)
    if upper_decides(values, t.field, t.op, met):   # "300-400万": all of it under 500万
        shown = wan_display(values.upper[t.field], unit, exact=True) + as_bound(values, t.field, upper=True)
    detail = f"{f.label_for(app.type)}为{shown}，低于门槛{need}（{t.text}）"
    return FAIL, detail, locate(make(t.code, field=t.field, detail=detail), app, t.field)


def _typed_under(app: Application, values: Values, f: Field, t: Threshold, rules: Rules) -> str:
    """How a threshold's figure typed as an upper bound ("不到400万", "近500万", "499万以下") stays under the threshold
    whatever it exactly is ("即少于400万元，低于门槛500万元"); "" when it may reach it ("500万以下" may be 500万,
    民法典 第一千二百五十九条) or is no upper bound."""
    cap = typed_cap(values, f, app.type, rules.year) if t.field in values.invalid else None
    if cap is None or meets_cap(cap, t.op, t.value) is not False:
        return ""
    unit = f.unit_for(app.type)
    return f"{cap_said(cap, wan_display(cap[0], unit))}，低于门槛{wan_display(Decimal(str(t.value)), unit)}"


def _other_reading(app: Application, values: Values, f: Field, t: Threshold) -> str:
    """What the threshold decides if the doubted figure was typed in the unit the doubt names: 12000 in a park's 亿元
    cell is 1.2亿元 as 万元 and fails 3亿元; 0.36 in its 万元 cell is 3600万元 as 亿元. "" for a figure doubted only as
    past ``plausible_max``."""
    unit = f.unit_for(app.type)
    other = other_reading(app, values, f)
    if other is None:
        return ""
    alt, word = other
    met = compare(alt, t.op, t.value)
    need = wan_display(Decimal(str(t.value)), unit)
    # "25000以上": at least 2.5亿元, may reach 3亿元
    verdict = "达到" if met else "下限低于" if t.field in values.bounds else "低于"
    return f"；若误按{word}填写，即{wan_display(alt, unit)}，{verdict}门槛{need}，"


# a figure meant though not readable ("约三千万", "3千万元左右"): a digit or a Chinese numeral in it
_FIGURE_MEANT = re.compile(r"[0-9０-９一二两三四五六七八九十百千万亿零〇壹贰叁肆伍陆柒捌玖拾佰仟]")


def kind_lines(app: Application, values: Values, ptype: ProjectType) -> list[Threshold]:
    """The 平台类/服务类 thresholds whose amount line is filled: those read as a figure, or — none read — those
    holding a figure that cannot be read (#REF!, a formula saved without its result, "约三千万"): the line the
    applicant filled says the kind all the same ("/", "不涉及" there say nothing of it)."""
    kinded = [t for t in ptype.thresholds if t.when]
    return [t for t in kinded if values.get(t.field) is not None] or [
        t for t in kinded if t.field in values.invalid and (
            t.field in values.unsaved or isinstance(raw := app.value(t.field), ExcelError)
            or bool(_FIGURE_MEANT.search(str(raw))))]


def _inferred_kind(app: Application, values: Values, rules: Rules, ptype: ProjectType, result: Eligibility) -> str | None:
    """平台类/服务类 left blank but only one of the two amounts filled: that amount says which it is."""
    filled = [t.when for t in kind_lines(app, values, ptype)]
    if len(filled) != 1:
        return None
    kind = filled[0]
    field = next(t.field for t in ptype.thresholds if t.when == kind)
    result.findings.append(locate(make(
        "ELIG_MISSING", Severity.INFO, field=ptype.kind_field,
        detail=f"{_kind_unsaid(app, values, ptype)}，只填写了{rules.fields[field].label_for(app.type)}，按{kind}企业的门槛判断"),
        app, ptype.kind_field))
    return kind


def _kind_unsaid(app: Application, values: Values, ptype: ProjectType) -> str:
    """Why the enterprise's kind is not known: left blank, or typed as what is no one kind (both boxes ticked)."""
    name = ptype.kind_field
    if name in values.invalid:
        return f"企业类别填写为“{typed(app.value(name))}”，无法确定是{'还是'.join(ptype.kinds())}"
    return "未选择企业类别"


def _kindless(app: Application, values: Values, rules: Rules, result: Eligibility, short: bool = False) -> None:
    """An enterprise without 平台类/服务类: decide if both readings agree, else 待定 — a figure under its threshold for a
    统计期 ``short`` of a year deciding nothing (_short_period)."""
    ptype = rules.types[app.type]
    kinds = ptype.kinds()
    by_kind = [[t for t in ptype.thresholds if t.when == kind] for kind in kinds]
    outcomes = [[UNKNOWN if short and s == FAIL else s for s in (_threshold(app, values, t, rules)[0] for t in kind_t)]
                for kind_t in by_kind]
    flat = {s for o in outcomes for s in o}
    either = "或".join(kinds)
    unsaid = _kind_unsaid(app, values, ptype)
    blank = ptype.kind_field not in values.invalid     # left blank, not typed as no one kind
    label = f"企业年度销售收入/交易额门槛（{'未选择' + either if blank else '企业类别无法识别'}）"
    amounts = [(t.when, f"{rules.fields[t.field].metric}{wan_display(Decimal(str(t.value)), '万元')}")
               for ts in by_kind for t in ts]
    named = [f"{when}{amount}" for when, amount in amounts]
    if flat == {PASS}:
        result.add(label, PASS, f"按{'和'.join(kinds)}两种门槛均达到", "threshold")
    elif all(FAIL in o for o in outcomes):
        first = by_kind[0][0].field
        result.add(label, FAIL, f"按{'和'.join(kinds)}两种门槛均未达到", "threshold")
        said = f"未选择{either}" if blank else unsaid
        result.findings.append(locate(make("ELIG_TRADE", field=first,
                                           detail=f"{said}，且两种门槛（{'、'.join(named)}）均未达到"), app, first))
    else:
        said = f"未选择企业类别（{'/'.join(kinds)}）" if blank else unsaid
        result.add(label, UNKNOWN, f"{said}，无法确定适用的门槛", "threshold")
        rule = "，".join(f"{when}适用{amount}门槛" for when, amount in amounts)
        _missing(rules, app, result, ptype.kind_field, rule if blank else f"{unsaid}；{rule}")



def _verify(app: Application, rules: Rules, result: Eligibility) -> None:
    """Conditions of 二、申报条件 the form cannot decide: the officer sees the whole list (需核实)."""
    ptype = rules.types[app.type]
    for text in (*rules.common.verify, *ptype.verify):
        result.add(text, VERIFY, "申报表无法判断，请市（州）商务局结合申报书和实地核查确认", "verify")
    if any(t.code == "ELIG_RETAIL" for t in ptype.thresholds):
        result.add("网络零售额以商务大数据服务平台监测数据为准", VERIFY,
                   "通知二（二）注：" + rules.common.retail_note.removeprefix("注: ") + "申报表填写的数字需与平台监测数据核对",
                   "verify")
