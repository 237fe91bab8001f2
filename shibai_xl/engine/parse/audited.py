"""An amount typed with its audited figure in the remark: "1200万元（经审计900万元）". The notice (申报材料（四）) asks
for 经第三方审计通过出具的年度电商交易额专项审计报告: the audited figure is the one the evidence backs, so it is the
figure read and compared, and the finding says the two differ."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .result import Parsed
from .text import normalize

# "经审计900万元", "审计后900", "审计数：900万元", "经第三方审计确认为900万元", "审定金额900万元"
_AUDITED = re.compile(r"^(?:经第三方|经|已)?(?:专项)?(?:审计|审定)(?:确认|核定)?(?:后|数|金额|值)?(?:为|是)?"
                      r"\s*[:：]?\s*(?=\d)(.+)$")


def audited_figure(p: Parsed, read: Callable[[str], Parsed]) -> Parsed:
    """``p`` read from the figure before the remark; where the remark gives a different audited figure (``read`` as
    the field reads a figure), that figure, with a note saying both.

    >>> from decimal import Decimal
    >>> same = lambda text: Parsed(value=Decimal(text.removesuffix("万元")))
    >>> p = audited_figure(Parsed(value=Decimal(1200), remark="经审计900万元"), same); p.value
    Decimal('900')
    >>> audited_figure(Parsed(value=Decimal(1200), remark="经审计"), same).value
    Decimal('1200')
    """
    said = _AUDITED.match(normalize(p.remark or "").strip())
    if not p.ok or said is None or p.bound:
        return p
    audited = read(said.group(1))
    if not audited.ok or audited.bound or audited.value == p.value:
        return p
    note = (f"括号内注明“{p.remark}”，与所填数字不同：已按审计数判断（申报材料须附年度电商交易额专项审计报告），"
            "请核对后只填写审计数")
    return replace(audited, note="；".join(n for n in (note, audited.note) if n), remark=p.remark)
