"""A 是/否 answer whose own remark gives the figure its question prints: "是（50M）" for 附件2 园区 item 2
"带宽不低于100Mbps", "是，每年培训4次" for item 10 "培训不少于5次". The year file's ``remark_claims`` say which
questions print which figure; the applicant's figure decides, as a 补充信息 figure does (CONTRACT.md section 6).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..rules import Rules
from ..rules.model import RemarkClaim
from .application import Application
from .fmt import fmt, typed
from .parse.bounds import AT_MOST, NEAR, UNDER, bound_words, cap_words
from .values import NO, YES, Values


@dataclass(frozen=True)
class Contradiction:
    field: str
    answer: object   # 是 or 否, or the count, as answered
    figure: Decimal  # the largest figure of the remark
    detail: str      # in Chinese: the answer as typed, the figure of its remark and the question's figure
    capped: bool = False   # undecided because the remark gives only an upper bound above the question's figure


def contradicted(app: Application, values: Values, rules: Rules) -> list[Contradiction]:
    """The answers whose remark gives figures all below the question's (a 是, or a count meeting it), or all meeting
    it (a 否: only when the remark meets every figure its question prints, "否（每年6次）" says nothing of 单次人数)."""
    return [c for c, decided in judged(app, values, rules) if decided]


def judged(app: Application, values: Values, rules: Rules) -> list[tuple[Contradiction, bool]]:
    """Each answer its remark speaks against, with True where the remark decides (:func:`contradicted`), False where
    it is undecided: a 是 (or count meeting the question) whose remark gives no figure meeting the question's but a
    lower bound below it — "是（粉丝80万以上）" for 粉丝数100万以上 may be 100万 or more (the notice's figures are lower
    bounds, engine/parse/bounds.py); there ``figure`` is the largest bound and ``detail`` says so in Chinese. A figure
    under an upper bound ("不到20%") never meets the question's; it is below it when the bound is the question's figure
    or less, else undecided (``capped``); "近200万" meets 100万 as "约200万" does, "近100万" does not."""
    out = []
    claims = [c for c in rules.consistency.remark_claims if app.type in c.types]
    read = {id(c): _figures(c, values.remarks.get(c.answer) or "") for c in claims}
    caps = {id(c): _caps(c, values.remarks.get(c.answer) or "") for c in claims}
    for c in claims:
        answer, figures = values.get(c.answer), read[id(c)]
        if answer is None or not figures:
            continue
        value = Decimal(str(c.value))
        total = sum(figures) if c.total and len(figures) > 1 else None
        meets = _meets(c, figures, caps[id(c)])
        claimed = answer == YES or (answer != NO and Decimal(str(answer)) >= value)
        largest = max(figures + [total or 0])
        if claimed and not any(meets):
            bound = any(a or b for a, b in _bounds(c, values.remarks.get(c.answer) or ""))
            capped = not bound and not _under(c, figures, caps[id(c)])
            said = _quoted(app, values, c, figures, total, "" if bound or capped else "但")
            why = f"下限未达到{fmt(c.value)}{c.unit}" if bound else \
                f"无法判断是否达到{fmt(c.value)}{c.unit}" if capped else f"低于{fmt(c.value)}{c.unit}"
            out.append((Contradiction(c.answer, answer, largest, f"{said}，{why}", capped), not (bound or capped)))
        elif answer == NO and all(_all_meet(o, read[id(o)], caps[id(o)]) for o in claims if o.answer == c.answer):
            said = _quoted(app, values, c, figures, total, "但")
            out.append((Contradiction(c.answer, answer, max(figures), f"{said}，已达到{fmt(c.value)}{c.unit}"), True))
    return out


def parts_meeting(app: Application, values: Values, rules: Rules) -> list[Contradiction]:
    """The counts whose remark gives the part 附件5 asks, meeting it: "12间（其中公共直播间10间）" for 园区 item 3 (附件5
    1.1.3: 公共直播间不少于10个), "25（其中签约主播12人）" for 基地 item 5. (A part below it is :func:`judged`'s.)"""
    out = []
    for c in rules.consistency.remark_claims:
        answer, figures = values.get(c.answer), _figures(c, values.remarks.get(c.answer) or "")
        remark = values.remarks.get(c.answer) or ""
        if app.type not in c.types or answer in (None, YES, NO) or not figures or c.total \
                or any(a or b for a, b in _bounds(c, remark)) or any(how for _, _, how in _caps(c, remark)):
            continue   # a part given as a bound ("10间以上", "近10间") is :func:`judged`'s
        if max(figures) >= Decimal(str(c.value)):
            said = _quoted(app, values, c, figures)
            out.append(Contradiction(c.answer, answer, max(figures), f"{said}，达到{fmt(c.value)}{c.unit}"))
    return out


def stated(app: Application, values: Values, rules: Rules) -> dict[str, tuple[Decimal, str, str, str | None]]:
    """The 补充信息 figures (``figure``) a remark gives while the field is blank: "是（约35%）" for 企业 item 3
    线上交易占营业收入50%以上 is the 线上交易占营业收入比例 附件5 asks (20%); field → (largest figure, in Chinese, the
    answer whose remark gives it, the figure as a lower bound — "超过15%", as bounds.py reads it typed in the field —
    or None when exact)."""
    out = {}
    for c in rules.consistency.remark_claims:
        remark = values.remarks.get(c.answer) or ""
        # a figure under an upper bound ("否（不到20%）", "近20%") is no figure of the field: the answer and the reviewer
        # decide
        alls = _figures(c, remark)
        figures = [f for f, (_, _, how) in zip(alls, _caps(c, remark), strict=True) if not how]
        if c.figure and app.type in c.types and figures and values.get(c.figure) is None and c.figure not in out:
            largest = max(figures)
            before, after = _bounds(c, remark)[alls.index(largest)]
            bound = f"{before}{fmt(largest)}{c.unit}{after}" if before or after else None
            out[c.figure] = (largest, _quoted(app, values, c, figures), c.answer, bound)
    return out


def remark_place(app: Application, values: Values, field: str) -> str:
    """Where the field's remark was written, in Chinese: 同一格的 ("是（50M）"), 答案右边的 ("是 | 50M"), or 答案下一行的
    (a row inserted under "是")."""
    if field not in values.remark_cells:
        return "同一格的"
    rf = app.raw[field]
    below = rf.cell and rf.remark_cell and _row(rf.remark_cell) != _row(rf.cell)
    return "答案下一行的" if below else "答案右边的"


def _row(ref: str) -> str:
    return re.sub(r"\D", "", ref)


def _quoted(app: Application, values: Values, c: RemarkClaim, figures: list[Decimal], total: Decimal | None = None,
            but: str = "") -> str:
    """The answer as typed and the figures its remark gives, in Chinese (the cell quoted for the reviewer; a remark
    typed in the cell beside the answer quoted with that cell)."""
    remark = values.remarks.get(c.answer) or ""
    said = _bounds(c, remark)   # "50M以上" is quoted as 50Mbps以上, not 50Mbps; "近100万" as 近100万
    caps = _caps(c, remark)
    shown = "、".join(f"{b or cb}{fmt(f)}{c.unit}{a or ca}"
                     for f, (b, a), (cb, ca, _) in zip(figures, said, caps, strict=False)) \
        + (f"，合计{fmt(total)}{c.unit}" if total else "")
    beside = values.remark_cells.get(c.answer)
    remark = f"{beside}格的备注“{typed(app.raw[c.answer].remark)}”" if beside else "备注"
    return f"“{c.text}”填写为“{typed(app.value(c.answer))}”，{but}{remark}写明{shown}"


def _all_meet(c: RemarkClaim, figures: list[Decimal], caps: list[tuple[str, str, str]]) -> bool:
    meets = _meets(c, figures, caps)
    return bool(figures) and (all(meets[:len(figures)]) or (len(meets) > len(figures) and meets[-1]))


def _reaches(f: Decimal, how: str, value: Decimal) -> bool:
    """Whether a figure, as its cap words say it ("" exact, NEAR just under it, UNDER/AT_MOST a cap), meets value."""
    return f >= value if not how else f > value if how == NEAR else False


def _meets(c: RemarkClaim, figures: list[Decimal], caps: list[tuple[str, str, str]]) -> list[bool]:
    """Whether each figure (and their total, for a claim adding them up) meets the question's: none under a cap."""
    value = Decimal(str(c.value))
    out = [_reaches(f, how, value) for f, (_, _, how) in zip(figures, caps, strict=True)]
    if c.total and len(figures) > 1:
        hows = {how for _, _, how in caps}
        out.append(not hows & {UNDER, AT_MOST} and _reaches(sum(figures), NEAR if NEAR in hows else "", value))
    return out


def _under(c: RemarkClaim, figures: list[Decimal], caps: list[tuple[str, str, str]]) -> bool:
    """Whether figures meeting nothing are surely below the question's: exact ones are; one under a cap is when the
    cap is the question's figure or less ("近100万" for 100万以上; "不到150万" may be either side of it)."""
    value = Decimal(str(c.value))
    if c.total and len(figures) > 1:
        total, hows = sum(figures), {how for _, _, how in caps}
        return total < value or (total == value and bool(hows & {NEAR, UNDER}))
    return all(f < value or (how in (NEAR, UNDER) and f <= value) for f, (_, _, how) in zip(figures, caps, strict=True))


def _caps(c: RemarkClaim, remark: str) -> list[tuple[str, str, str]]:
    """For each figure of :func:`_figures`, the words around it that make it an upper bound ("不到", "近", "以下")."""
    return _around(c, remark, cap_words)


def _bounds(c: RemarkClaim, remark: str) -> list[tuple[str, str]]:
    """For each figure of :func:`_figures`, the words around it that make it a lower bound ("超过", "以上"): those
    before its number, even inside the match ("销售额超过30万元"), and those after its unit (the claim's own unit
    when the pattern reads none: "公共直播间8间以上")."""
    return _around(c, remark, bound_words)


def _around(c: RemarkClaim, remark: str, words: Callable[[str, str], tuple]) -> list[tuple]:
    """``words`` of the text before each figure's number and after its unit (the claim's own, when the pattern reads
    none)."""
    return [words(remark[:m.start(1)], remark[m.end():].removeprefix(c.unit if m.re.groups < 2 else ""))
            for m in re.finditer(c.pattern, remark)]


def _figures(c: RemarkClaim, remark: str) -> list[Decimal]:
    found = re.finditer(c.pattern, remark)
    return [Decimal(m.group(1)) * Decimal(str(c.units.get(m.group(2), 1) if m.re.groups > 1 else 1)) for m in found]
