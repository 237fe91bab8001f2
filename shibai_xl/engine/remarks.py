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
from .application import Application
from .fmt import fmt, typed
from .values import NO, YES, Values


@dataclass(frozen=True)
class Contradiction:
    field: str
    answer: object   # 是 or 否, or the count, as answered
    figure: Decimal  # the largest figure of the remark
    detail: str      # in Chinese: the answer as typed, the figure of its remark and the question's figure


def contradicted(app: Application, values: Values, rules: Rules) -> list[Contradiction]:
    """The answers whose remark gives figures all below the question's (a 是, or a count meeting it), or all meeting
    it (a 否)."""
    out = []
    for c in rules.consistency.remark_claims:
        answer, remark = values.get(c.answer), values.remarks.get(c.answer)
        if app.type not in c.types or remark is None or answer is None:
            continue
        figures = _figures(c, remark)
        if not figures:
            continue
        value = Decimal(str(c.value))
        meets = [f >= value for f in figures]
        shown = "、".join(f"{fmt(f)}{c.unit}" for f in figures)
        said = f"“{c.text}”填写为“{typed(app.value(c.answer))}”，但备注写明{shown}"
        claimed = answer == YES or (answer != NO and Decimal(str(answer)) >= value)
        if claimed and not any(meets):
            out.append(Contradiction(c.answer, answer, max(figures), f"{said}，低于{fmt(c.value)}{c.unit}"))
        elif answer == NO and all(meets):
            out.append(Contradiction(c.answer, answer, max(figures), f"{said}，已达到{fmt(c.value)}{c.unit}"))
    return out


def _figures(c: RemarkClaim, remark: str) -> list[Decimal]:
    found = re.finditer(c.pattern, remark)
    return [Decimal(m.group(1)) * Decimal(str(c.units.get(m.group(2), 1) if m.re.groups > 1 else 1)) for m in found]
