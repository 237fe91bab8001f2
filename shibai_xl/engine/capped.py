"""A figure typed as an upper bound ("不到90万", "不足50万美元", "30万美元以下", "近500万"): no exact figure (the field
stays unread, its FIELD_AMOUNT error asks for the exact one), yet it settles a criterion its whole span lies on one side
of. 以下/以内/不超过 include the figure itself (民法典 第一千二百五十九条), so "50万美元以下" may be 50万美元; 不到/不足/
低于/近 do not. A positive figure typed as an upper bound says there is one: "不足50万美元" is 附件5 4.3's
"有跨境电商业务版块且年销售额小于50万美金", no claim of nothing.

>>> cap = (Decimal(500000), UNDER)
>>> meets_cap(cap, ">", 500000), meets_cap(cap, "<", 500000), meets_cap(cap, ">", 0), meets_cap(cap, ">=", 400000)
(False, True, True, None)
>>> at = (Decimal(500000), AT_MOST)
>>> meets_cap(at, ">", 500000), meets_cap(at, "<", 500000), meets_cap(at, "<=", 500000), meets_cap(at, ">=", 500000)
(False, None, True, None)
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..rules import Field
from .fmt import OPS, compare
from .parse import number
from .parse.bounds import AT_MOST, UNDER, upper_bound
from .parse.text import normalize
from .values import Values, parse_field, without_own_label

__all__ = ["Cap", "typed_cap", "meets_cap", "cap_said", "cap_verdict", "cap_total", "UNDER", "AT_MOST"]

Cap = tuple[Decimal, str]   # (the figure as read in the field's unit, how: UNDER, AT_MOST or NEAR, as bounds.py says)


def typed_cap(values: Values, f: Field, app_type: str, year: int | None = None) -> Cap | None:
    """The upper bound a field's unread cell states, read as the field reads a figure; None when the cell is no upper
    bound or its figure is no plain one of the field's unit ("不到300万元" for a 美元 field stays unread)."""
    raw = without_own_label(f, app_type, values.invalid.get(f.name))    # "跨境电商年销售额不足50万美元"
    bound = upper_bound(normalize(raw)) if isinstance(raw, str) else None
    if bound is None:
        return None
    p = parse_field(f, app_type, bound[0], year=year)
    # a remark only restating the figure at a rate ("不足50万美元（约合人民币350万元）") is read past, as after an
    # exact figure; any other leaves it unknown what the bound is of
    if not p.ok or p.doubt or p.bound or (p.remark and not number.conversion(bound[0].partition("(")[0], p.remark)):
        return None
    return p.value, bound[1]


def cap_total(caps: list[Cap]) -> Cap:
    """The bound a sum of figures lies under, each given as its bound (an exact figure or a range's upper end: at most
    itself): under the sum of the bounds, strictly when one of them is strict ("不足3家" + 2家 is less than 5家).

    >>> cap_total([(Decimal(3), UNDER), (Decimal(2), AT_MOST)]), cap_total([(Decimal(2), AT_MOST)] * 2)
    ((Decimal('5'), 'under'), (Decimal('4'), 'at_most'))
    """
    strict = any(how != AT_MOST for _, how in caps)
    return sum((figure for figure, _ in caps), Decimal(0)), UNDER if strict else AT_MOST


def meets_cap(cap: Cap, op: str, target: Any) -> bool | None:
    """Whether every figure the bound allows stands in ``op`` to ``target`` (True), none does (False), or some do."""
    figure, how = cap
    if op == ">" and compare(target, "==", 0) and compare(figure, ">", 0):
        return True     # a positive figure under a bound: there is one
    if compare(figure, "<" if how == AT_MOST else "<=", target):    # the true figure is under the target
        return op in ("<", "<=")
    if how == AT_MOST and compare(figure, "==", target):    # at most the target: may be the target itself
        return {">": False, "<=": True}.get(op)
    return None


def cap_said(cap: Cap, shown: str) -> str:
    """"即少于400万元" / "即至多499万元": what the bound says, ``shown`` its figure as the caller shows amounts."""
    return f"即{'至多' if cap[1] == AT_MOST else '少于'}{shown}"


def cap_verdict(cap: Cap, op: str, target: Any, shown: str) -> tuple[bool | None, str]:
    """Whether the bound meets the criterion, and how it stands to its figure (``target``, shown as ``shown``):
    "低于100万人", "不超过50万美元", "无法判断是否 < 50万美元" ("" for more than 0: 4.3's 有跨境电商业务).

    >>> cap_verdict((Decimal(900000), UNDER), ">=", 1000000, "1000000人")
    (False, '低于1000000人')
    >>> cap_verdict((Decimal(500000), AT_MOST), "<", 500000, "500000美元")
    (None, '无法判断是否 < 500000美元')
    """
    ok = meets_cap(cap, op, target)
    if ok is None:
        return None, f"无法判断是否 {OPS[op]} {shown}"
    if op == ">" and ok:    # more than 0: the bound itself says there is a figure, no more to say
        return ok, ""
    under = compare(cap[0], "<" if cap[1] == AT_MOST else "<=", target)
    return ok, f"{'低于' if under else '不超过'}{shown}"
