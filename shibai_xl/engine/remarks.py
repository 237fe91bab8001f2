"""A 是/否 answer whose own remark gives the figure its question prints: "是（50M）" for 附件2 园区 item 2
"带宽不低于100Mbps", "是，每年培训4次" for item 10 "培训不少于5次". The year file's ``remark_claims`` say which
questions print which figure; the applicant's figure decides, as a 补充信息 figure does (CONTRACT.md section 6).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..rules import Rules
from ..rules.model import RemarkClaim
from . import claim_figures as cf
from .application import Application
from .fmt import fmt, typed
from .values import NO, YES, Values


@dataclass(frozen=True)
class Contradiction:
    field: str
    answer: object   # 是 or 否, or the count, as answered
    figure: Decimal  # the largest figure of the remark
    detail: str      # in Chinese: the answer as typed, the figure of its remark and the question's figure
    capped: bool = False   # undecided because the remark gives only an upper bound above the question's figure
    under: str = ""        # a count's part below the question's figure only by its cap words ("不足10间"), as written
    about: bool = False    # undecided because the remark's figure is about the question's own ("是（约100万）")


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
    claims = [cf.per_remark(c, values.remarks.get(c.answer) or "") for c in rules.consistency.remark_claims
              if app.type in c.types]
    read = {id(c): cf.figures(c, values.remarks.get(c.answer) or "") for c in claims}
    caps = {id(c): cf.caps(c, values.remarks.get(c.answer) or "") for c in claims}
    for c in claims:
        answer, figures = values.get(c.answer), read[id(c)]
        if answer is None or not figures:
            continue
        value = Decimal(str(c.value))
        total = sum(figures) if c.total and len(figures) > 1 else None
        meets = cf.meets(c, figures, caps[id(c)])
        claimed = answer == YES or (answer != NO and Decimal(str(answer)) >= value)
        largest = max(figures + [total or 0])
        if claimed and not any(meets):
            bound = any(a or b for a, b in cf.bounds(c, values.remarks.get(c.answer) or ""))
            capped = not bound and not cf.under(c, figures, caps[id(c)])
            said = _quoted(app, values, c, figures, total, "" if bound or capped else "但")
            why = f"下限未达到{fmt(c.value)}{c.unit}" if bound else \
                f"无法判断是否达到{fmt(c.value)}{c.unit}" if capped else f"低于{fmt(c.value)}{c.unit}"
            about = capped and any(how == cf.ABOUT for _, _, how in caps[id(c)])
            out.append((Contradiction(c.answer, answer, largest, f"{said}，{why}", capped,
                                      "" if bound or capped else _under(c, figures, caps[id(c)], largest), about),
                        not (bound or capped)))
        elif answer == NO and all(cf.all_meet(o, read[id(o)], caps[id(o)]) for o in claims if o.answer == c.answer):
            said = _quoted(app, values, c, figures, total, "但")
            out.append((Contradiction(c.answer, answer, max(figures), f"{said}，已达到{fmt(c.value)}{c.unit}"), True))
    return out


def _under(c: RemarkClaim, figures: list[Decimal], caps: list[tuple[str, str, str]], largest: Decimal) -> str:
    """The largest figure as written with the cap words putting the part under it ("不足10间", "近10间"), or "" when it
    is exact: "不足10间" is no count of 10 that meets 附件5's 不少于10个."""
    for f, (before, after, how) in zip(figures, caps, strict=True):
        if f == largest and how and how != cf.ABOUT:
            return f"{before}{fmt(f)}{c.unit}{after}"
    return ""


def parts_meeting(app: Application, values: Values, rules: Rules) -> list[Contradiction]:
    """The counts whose remark gives the part 附件5 asks, meeting it: "12间（其中公共直播间10间）" for 园区 item 3 (附件5
    1.1.3: 公共直播间不少于10个), "25（其中签约主播12人）" for 基地 item 5. (A part below it is :func:`judged`'s.)"""
    out = []
    for c in rules.consistency.remark_claims:
        answer, figures = values.get(c.answer), cf.figures(c, values.remarks.get(c.answer) or "")
        remark = values.remarks.get(c.answer) or ""
        if app.type not in c.types or answer in (None, YES, NO) or not figures or c.total \
                or any(a or b for a, b in cf.bounds(c, remark)) or any(how for _, _, how in cf.caps(c, remark)):
            continue   # a part given as a bound ("10间以上", "近10间") is :func:`judged`'s
        if max(figures) >= Decimal(str(c.value)):
            said = _quoted(app, values, c, figures)
            out.append(Contradiction(c.answer, answer, max(figures), f"{said}，达到{fmt(c.value)}{c.unit}"))
    return out


def stated(app: Application, values: Values, rules: Rules) -> dict[str, tuple[Decimal, str, str, str | None, bool]]:
    """The 补充信息 figures (``figure``) a remark gives while the field is blank: "是（约35%）" for 企业 item 3
    线上交易占营业收入50%以上 is the 线上交易占营业收入比例 附件5 asks (20%); field → (largest figure, in Chinese, the
    answer whose remark gives it, the figure as a lower bound — "超过15%", as bounds.py reads it typed in the field —
    or None when exact, whether it is said to be about that figure: "约20%" decides nothing at 附件5's own 20%)."""
    out = {}
    for c in rules.consistency.remark_claims:
        remark = values.remarks.get(c.answer) or ""
        # a figure under an upper bound ("否（不到20%）", "近20%") is no figure of the field: the answer and the reviewer
        # decide
        alls, hows = cf.figures(c, remark), [how for _, _, how in cf.caps(c, remark)]
        figures = [f for f, how in zip(alls, hows, strict=True) if how in ("", cf.ABOUT)]
        if c.figure and app.type in c.types and figures and values.get(c.figure) is None and c.figure not in out:
            largest = max(figures)
            before, after = cf.bounds(c, remark)[alls.index(largest)]
            bound = f"{before}{fmt(largest)}{c.unit}{after}" if before or after else None
            about = hows[alls.index(largest)] == cf.ABOUT
            out[c.figure] = (largest, _quoted(app, values, c, figures), c.answer, bound, about)
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
    said = cf.bounds(c, remark)   # "50M以上" is quoted as 50Mbps以上, not 50Mbps; "近100万" as 近100万
    caps = cf.caps(c, remark)
    shown = "、".join(f"{b or cb}{fmt(f)}{c.unit}{a or ca}"
                     for f, (b, a), (cb, ca, _) in zip(figures, said, caps, strict=False)) \
        + (f"，合计{fmt(total)}{c.unit}" if total else "")
    beside = values.remark_cells.get(c.answer)
    remark = f"{beside}格的备注“{typed(app.raw[c.answer].remark)}”" if beside else "备注"
    return f"“{c.text}”填写为“{typed(app.value(c.answer))}”，{but}{remark}写明{shown}"
