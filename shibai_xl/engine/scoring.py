"""Suggested scores per 附件5 item from the applicant's own answers (CONTRACT.md section 6).

An item gets its full points when the answers meet its criterion, 0 when they do
not or are missing; an item the form says nothing about gets 0 with the reason
需评审人判断. The 开放创新 bonus is capped (≤20分). Criteria live in the rules
data file, not here.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..rules import Criterion, Field, Gap, RubricItem, Rules, Severity
from . import fields as F
from .application import Application
from .capped import AT_MOST, Cap, cap_said, cap_total, cap_verdict, typed_cap
from .findings import Finding, make
from .fmt import OPS, ask_after, compare, fmt, typed
from .parse import number
from .parse.text import normalize
from .summary_amounts import no_amount
from .values import NO, YES, Values, as_bound, locate, meets, parse_yesno, undecided, unreadable, upper_decides

MET, NOT_MET, MISSING, MANUAL = "met", "not_met", "missing", "manual"
REVIEWER = "需评审人判断"


@dataclass
class ItemScore:
    id: str
    label: str
    max: float
    auto: float
    reason: str
    status: str
    level1: str = ""
    level2: str = ""
    bonus: bool = False
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "max": _num(self.max), "auto": _num(self.auto),
                "reason": self.reason}


@dataclass
class Score:
    items: list[ItemScore]
    max: float
    base: float
    bonus: float
    bonus_cap: float
    findings: list[Finding] = field(default_factory=list)

    @property
    def auto(self) -> float:
        return self.base + min(self.bonus, self.bonus_cap)

    def subtotals(self) -> list[tuple[str, float, float]]:
        """(一级指标, suggested, max) in rubric order; the bonus group's max is its cap."""
        out: dict[str, list[float]] = {}
        for it in self.items:
            got = out.setdefault(it.level1, [0.0, 0.0])
            got[0] += it.auto
            got[1] += it.max
        rows = []
        for name, (got, mx) in out.items():
            if "加分" in name:
                got, mx = min(got, self.bonus_cap), self.bonus_cap
            rows.append((name, got, mx))
        return rows

    def to_json(self) -> dict[str, Any]:
        return {"auto": _num(self.auto), "max": _num(self.max), "items": [i.to_json() for i in self.items]}


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


# --- criteria ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Terms:
    """How the fields of one type's form are named and measured (from the rules passed down)."""

    app_type: str
    fields: dict[str, Field]

    def label(self, name: str) -> str:
        return self.fields[name].label_for(self.app_type)

    def short(self, name: str) -> str:
        """专业服务：直播电商 → 直播电商."""
        return self.label(name).split("：")[-1]

    def unit(self, name: str) -> str:
        """The unit a value is held in: amounts in 万元, the rest as printed on the form."""
        f = self.fields[name]
        return "万元" if f.kind == F.AMOUNT else f.unit_for(self.app_type)


Outcome = tuple[bool | None, str]   # (met? — None when the answers needed are missing, reason)


def _lacking(name: str, values: Values, terms: Terms, quoted: bool = False) -> str:
    """Why an answer is missing: not filled, or filled with something that cannot be read (said as typed)."""
    label = f"“{terms.label(name)}”" if quoted else terms.label(name)
    if name in values.invalid:
        return f"{label}{unreadable(values, name)}"
    return f"{label}未填写"


def _unread(names: Iterable[str], values: Values, terms: Terms) -> str:
    """The answers among ``names`` that were filled but cannot be read, each as typed ("" when none)."""
    return "；".join(_lacking(n, values, terms) for n in names if n in values.invalid)


def _all_lacking(names: list[str], values: Values, terms: Terms, joiner: str) -> str:
    """未填写“A”、“B”, or the answers that cannot be read, each as typed (quoted: the labels hold 或 and 、 too)."""
    return _unread(names, values, terms) or "未填写" + joiner.join(f"“{terms.label(n)}”" for n in names)


def _eval(c: Criterion, values: Values, terms: Terms) -> Outcome:
    """Whether the answers meet one criterion, and why."""
    return _EVALUATORS[c.kind](c, values, terms)


def _prefer(c: Criterion, values: Values, terms: Terms) -> Outcome:
    """The first alternative whose answers decide; else the reason of one that was answered but undecided.

    An alternative filled in with something that cannot be read stops the search: it decides when filled
    (CONTRACT.md section 6), so the form's 是 below it must not earn the points ("约80万" fans and 粉丝数100万以上 是).
    A figure that looks typed in the wrong unit (values.doubtful) stops it the same way.
    """
    undecided = None
    for sub in c.prefer:
        status, reason = _eval(sub, values, terms)
        if status is not None:
            return status, reason
        if sub.field and (sub.field in values.invalid or sub.field in values.doubtful or sub.field in values.bounds):
            return None, undecided or reason
        if sub.field and values.get(sub.field) is not None:
            undecided = undecided or reason   # the answer that would have decided first is the one to fix
    names = [s.field for s in c.prefer if s.field]
    return None, undecided or _all_lacking(names, values, terms, "或")


def _sum(c: Criterion, values: Values, terms: Terms) -> Outcome:
    got = {n: values.get(n) for n in c.sum}
    caps = {n: cap for n, v in got.items() if v is None and (cap := typed_cap(values, terms.fields[n], terms.app_type))}
    if all(v is None for v in got.values()) and not caps:
        return None, _all_lacking(list(c.sum), values, terms, "、")
    unit = terms.unit(c.sum[0])
    read = _sum_read(c, values, terms, caps, top=False)
    lacking = [n for n, v in got.items() if v is None and n not in caps]
    total = sum((v for v in got.values() if v is not None), 0)
    ok = compare(total, c.op, c.value)
    # a blank or unreadable count may be the one that reaches the figure: only a sum already met stands without it
    if lacking and not (ok and c.op in (">=", ">")):
        return None, "；".join(_lacking(n, values, terms) for n in lacking) + f"（{read}）"
    if (caps or any(n in values.bounds for n in got)) and not (ok and c.op in (">=", ">")):   # so does a bound
        return _sum_bounded(c, values, terms, caps, f"{read}，合计{fmt(total)}{unit}")
    return ok, f"{read}，合计{fmt(total)}{unit} {OPS[c.op] if ok else _negate(c.op)} {fmt(c.value)}{unit}"


def _sum_read(c: Criterion, values: Values, terms: Terms, caps: dict[str, Cap], top: bool) -> str:
    """Each answer of a sum as read: a figure (a range's upper end when ``top``), an upper bound as typed."""
    unit, said = terms.unit(c.sum[0]), []
    for n in c.sum:
        if n in caps:
            said.append(f"{terms.label(n)}填写为“{typed(values.invalid[n])}”，{cap_said(caps[n], fmt(caps[n][0]) + unit)}")
        elif (v := values.get(n)) is not None:
            up = top and n in values.upper
            said.append(f"{terms.label(n)}{fmt(values.upper[n] if up else v)}{unit}{as_bound(values, n, up)}")
    return "、".join(said)


def _sum_bounded(c: Criterion, values: Values, terms: Terms, caps: dict[str, Cap], low: str) -> Outcome:
    """A sum with answers typed as bounds ("不足3家", "1-2家", "5家以上") its figures' lower ends do not settle: the
    sum of their upper ends decides it as one figure's bound decides (capped.py) — wholly on one side of the
    criterion's figure, else a person checks it (``low``: the answers read at their lower ends and their total)."""
    unit, target = terms.unit(c.sum[0]), f"{fmt(c.value)}{terms.unit(c.sum[0])}"
    tops = [caps.get(n) or (values.upper.get(n, values.get(n)), AT_MOST) for n in c.sum
            if n in caps or (values.get(n) is not None and (n not in values.bounds or n in values.upper))]
    if len(tops) < len(c.sum):   # a lower bound with no upper end ("5家以上"): the sum has none
        return None, f"{low}，{undecided(c.op, target, False)}，请核实后再评分"
    cap = cap_total(tops)
    ok, verdict = cap_verdict(cap, c.op, c.value, target)
    said = f"{_sum_read(c, values, terms, caps, top=True)}，合计{cap_said(cap, fmt(cap[0]) + unit).removeprefix('即')}"
    if ok is None and not caps:   # ranges only: said at their lower ends, as one range is
        return None, f"{low}，{undecided(c.op, target, False)}，请核实后再评分"
    return ok, "，".join(p for p in (said, verdict, "请核实后再评分" if ok is None else "") if p)


def _any_yes(c: Criterion, values: Values, terms: Terms) -> Outcome:
    answers = [values.get(n) for n in c.any_yes]
    other = values.get(c.or_text) if c.or_text and _names_something(values.get(c.or_text)) else None
    picked = [terms.short(n) for n, v in zip(c.any_yes, answers) if v == YES]
    if other:
        picked.append(str(other))
    if picked:
        return True, f"{c.label}：" + "、".join(picked)
    unread = _unread(c.any_yes, values, terms)   # an answer that cannot be read may be the one ticked
    if unread or all(v is None for v in answers):
        return None, unread or f"未填写{c.label}"
    return False, f"没有{c.label}"


def _names_something(text: Any) -> bool:
    """A "其他_____" blank that names something: not a word for nothing (无, 暂无, 否, /, 不涉及, N/A, or the 0 an .ods
    gives for the FALSE of an unticked checkbox's linked cell), which ticks no box."""
    said = normalize(text).replace(" ", "")
    return bool(said) and said not in number.NONE_WORDS and not no_amount(said) and said.lower() not in ("n/a", "na") \
        and parse_yesno(said).value != NO


def _all_yes(c: Criterion, values: Values, terms: Terms) -> Outcome:
    answers = {n: values.get(n) for n in c.all_yes}
    lacking = [terms.short(n) for n, v in answers.items() if v != YES]
    if not lacking:
        return True, f"{c.label}齐全"
    if any(v == NO for v in answers.values()):
        return False, f"缺少行政服务：{'、'.join(lacking)}"
    return None, _unread(c.all_yes, values, terms) or f"未填写：{'、'.join(lacking)}"


def _yes(c: Criterion, values: Values, terms: Terms) -> Outcome:
    v, label = values.get(c.field), terms.label(c.field)
    if v is None:
        return None, _lacking(c.field, values, terms, quoted=True)
    if v == NO and c.only_yes:
        left = f"：{c.only_yes}" if isinstance(c.only_yes, str) else ""
        return None, f"“{label}”勾选“否”，无法判断是否达到指标{left}"
    if c.field in values.doubtful:   # "是（粉丝80万以上）": the remark's lower bound decides nothing (evidence.py)
        return None, f"“{label}”：{v}，{ask_after(values.doubtful[c.field], '请核实后再评分')}"
    return v == YES, f"“{label}”：{v}"


def _compare(c: Criterion, values: Values, terms: Terms) -> Outcome:
    v, label = values.get(c.field), terms.label(c.field)
    if v is None and (cap := typed_cap(values, terms.fields[c.field], terms.app_type)):
        return _capped(c, cap, values, terms)
    if v is None:
        return None, _lacking(c.field, values, terms)
    unit = terms.unit(c.field)
    if c.field in values.doubtful:   # 400000 in a 万元 cell, likely 元: it decides nothing until a person checks it
        return None, f"{label}{fmt(v)}{unit}：{ask_after(values.doubtful[c.field], '请核实后再评分')}"
    ok = meets(values, c.field, c.op, c.value)
    top = upper_decides(values, c.field, c.op, ok)   # "50-80万" is said as its 80万
    # a part under its figure ("不足10间") is said so, not as the figure itself
    shown = values.under.get(c.field) or \
        f"{'约' * (c.field in values.about)}{fmt(values.upper[c.field] if top else v)}{unit}{as_bound(values, c.field, top)}"
    if ok is None:     # a lower bound ("80万以上") the criterion's figure may lie on either side of
        why = undecided(c.op, f"{fmt(c.value)}{unit}", c.field in values.about)
        return None, f"{label}{shown}，{why}，请核实后再评分"
    return ok, f"{label}{shown} {OPS[c.op] if ok else _negate(c.op)} {fmt(c.value)}{unit}"


def _capped(c: Criterion, cap: Cap, values: Values, terms: Terms) -> Outcome:
    """A figure typed as an upper bound ("不到90万"): said as the thresholds say it, "粉丝总数填写为“不到90万”，即少于
    900000人，低于1000000人"; a bound on either side of the criterion's figure ("50万美元以下" for 小于50万美金) is
    checked by a person."""
    unit = terms.unit(c.field)
    ok, verdict = cap_verdict(cap, c.op, c.value, f"{fmt(c.value)}{unit}")
    said = f"{terms.label(c.field)}填写为“{typed(values.invalid[c.field])}”，{cap_said(cap, f'{fmt(cap[0])}{unit}')}"
    return ok, "，".join(p for p in (said, verdict, "请核实后再评分" if ok is None else "") if p)


_EVALUATORS = {"prefer": _prefer, "sum": _sum, "any_yes": _any_yes, "all_yes": _all_yes, "yes": _yes,
               "compare": _compare}


def _negate(op: str) -> str:
    return {">=": "<", ">": "≤", "<": "≥", "<=": ">", "==": "≠"}[op]


def _remarks(item: RubricItem, values: Values, status: str) -> tuple[str, bool]:
    """What follows the reason: which figure the resident list replaced, what remains to verify, the item's note.

    The flag says the item earned its points on a form question that covers only part of 附件5.
    """
    parts = [values.evidence[f] for f in item.fields if f in values.evidence]
    partial = bool(item.verify) and status == MET and values.get(item.verify.unless or "") is None \
        and not values.settled.intersection(item.fields)
    if partial:
        parts.append(f"需核实：{item.verify.text}")
    if item.note:
        parts.append(item.note)
    return "".join(f"；{p}" for p in parts), partial


def _left_on_no(item: RubricItem, values: Values) -> list[str]:
    """The fields whose 否 decides nothing (``only_yes``: the form asks more than 附件5) and were answered 否."""
    def walk(cs):
        for c in cs:
            yield from walk(c.prefer)
            if c.only_yes and c.field and values.get(c.field) == NO:
                yield c.field
    return list(dict.fromkeys(walk(item.criteria)))


def score_item(item: RubricItem, values: Values, terms: Terms) -> tuple[ItemScore, bool, bool]:
    """The suggested score of one item, whether its RULE_GAP condition holds, and whether it is partial
    (earned on a form question that covers only part of 附件5)."""
    auto, reason, status, gap = _score_item(item, values, terms)
    remarks, partial = _remarks(item, values, status)
    return ItemScore(id=item.id, label=item.label, max=float(item.points), auto=auto, reason=reason + remarks,
                     status=status, level1=item.level1_name, level2=item.level2_name, bonus=item.bonus,
                     text=item.text), gap, partial


def _score_item(item: RubricItem, values: Values, terms: Terms) -> tuple[float, str, str, bool]:
    """(points, reason, status, whether the item's RULE_GAP condition holds)."""
    if item.manual and all(values.get(f) is None and f not in values.invalid for f in item.fields):
        return 0.0, f"{REVIEWER}：{item.manual}", MANUAL, False
    gap = item.gap or Gap()
    # an exact figure only: "50万美元以上" is no 恰好50万美元 (it may be more; "超过50万美元" is more)
    gap_value = values.get(gap.field) if gap.field and gap.field not in values.bounds else None
    if gap_value is not None and compare(gap_value, gap.op, gap.value):
        why = f"{REVIEWER}：{terms.label(gap.field)}{fmt(gap_value)}{terms.unit(gap.field)}，指标体系未规定此情形"
        return 0.0, why, MANUAL, True
    results = [_eval(c, values, terms) for c in item.criteria]
    said = list(dict.fromkeys(r for _, r in results))   # two bounds on one blank field: said once
    # ... and a reason the next one begins with ("填写为“不足50万美元”，即少于500000美元"; "…，低于500000美元") too
    reasons = "；".join(r for r in said if not any(o != r and o.startswith(r) for o in said))
    if all(s is True for s, _ in results):
        return float(item.points), f"符合：{reasons}", MET, gap.always
    if any(s is False for s, _ in results):
        return 0.0, f"未达到：{reasons}", NOT_MET, gap.always
    return 0.0, f"数据缺失：{reasons}", MISSING, gap.always


def score(app: Application, values: Values, rules: Rules) -> Score:
    ptype = rules.types[app.type]
    terms = Terms(app.type, rules.fields)
    items, findings, partial, left = [], [], [], []
    for item in rules.rubric(app.type):
        it, gap_hit, is_partial = score_item(item, values, terms)
        items.append(it)
        if is_partial:
            partial.append(f"{item.id}（{item.verify.text}）")
        left += [f"{item.id}（{terms.label(f)}）" for f in _left_on_no(item, values) if it.status == MISSING]
        if gap_hit and item.gap.message:
            name = item.gap.location
            findings.append(locate(make("RULE_GAP", item.gap.severity, field=name, detail=item.gap.message), app, name))
    for gap in rules.rubric_info(app.type).gaps:
        findings.append(locate(make("RULE_GAP", Severity.INFO, field=gap.at, detail=gap.message), app, gap.at))
    if partial or left:
        said = ["以下指标按申报表的填报给了建议分，其余部分需评审人核实：" + "；".join(partial)] if partial else []
        said += ["以下指标申报表问得比指标体系多，勾选“否”不说明未达到，未给分，需评审人判断：" + "；".join(left)] if left else []
        findings.append(make("RULE_GAP", Severity.INFO, detail="申报表的问题只覆盖指标体系（附件5）的一部分，" + "。".join(said)))
    base = sum(i.auto for i in items if not i.bonus)
    bonus = sum(i.auto for i in items if i.bonus)
    return Score(items=items, max=float(ptype.total), base=base, bonus=bonus, bonus_cap=float(ptype.bonus_cap),
                 findings=findings)


# --- a reviewer's own scores -----------------------------------------------------------------

def reviewer_total(app_type: str, scores: dict[str, Any], rules: Rules) -> tuple[float | None, list[Finding]]:
    """Check a reviewer's scores (item id → what they typed) against 0…max and total them.

    Returns (total with the bonus cap applied — None if an item is missing or invalid, findings).
    """
    findings: list[Finding] = []
    base = bonus = Decimal(0)
    complete = True
    ptype = rules.types[app_type]
    zero = left_blank_beside(app_type, scores, rules)
    for item in rules.rubric(app_type):
        raw = scores.get(item.id)
        parsed = number.parse_expert_score(raw) if raw not in (None, "") else None   # 8, "8", "8分", "八"
        if parsed is None or parsed.blank:
            complete = complete and item.id in zero
            continue
        if parsed.error:
            complete = False
            full = f" {fmt(item.points)}" if parsed.error == number.FULL_MARKS else ""
            findings.append(make("SCORE_RANGE", field=item.id,
                                 detail=f"指标{item.id}评分“{typed(raw)}”{parsed.error}{full}"))
            continue
        v = parsed.value
        if not (0 <= v <= Decimal(str(item.points))):
            complete = False
            findings.append(make("SCORE_RANGE", field=item.id,
                                 detail=f"指标{item.id}评分{typed(raw)}超出0～{fmt(item.points)}分"))
            continue
        if item.bonus:
            bonus += v
        else:
            base += v
    total = base + min(bonus, Decimal(str(ptype.bonus_cap)))
    return (float(total) if complete else None), findings


def left_blank_beside(app_type: str, scores: dict[str, Any], rules: Rules) -> set[str]:
    """The items left blank beside another of their group that scored points (附件5: 跨境电商年销售额 大于50万美金 10分,
    小于50万美金 3分 — a project earns one of them at most): 0 by the reviewer's own score, not a score missing (his
    小计 sums them so too). A blank beside a 0 stays missing: the project may earn the other item."""
    return {i for group in rules.rubric_info(app_type).exclusive if any(_points(scores.get(j)) > 0 for j in group.items)
            for i in group.items if _blank(scores.get(i))}


def _points(raw: Any) -> Decimal:
    """The points a reviewer's typed score gives (unreadable or blank: none)."""
    parsed = number.parse_expert_score(raw) if raw not in (None, "") else None
    return parsed.value if parsed is not None and parsed.ok and parsed.value is not None else Decimal(0)


def _blank(raw: Any) -> bool:
    return raw in (None, "") or number.parse_expert_score(raw).blank


def both_of_exclusive(app_type: str, scores: dict[str, Any], rules: Rules) -> list[tuple[str, ...]]:
    """The groups of items of which a project earns one only (附件5: 跨境电商 大于 / 小于50万美金) that a reviewer
    gave points to more than one of; ``scores`` maps item id → what they typed (unreadable or blank: no points)."""
    out = []
    for group in rules.rubric_info(app_type).exclusive:
        scored = tuple(i for i in group.items if _points(scores.get(i)) > 0)
        if len(scored) > 1:
            out.append(scored)
    return out
