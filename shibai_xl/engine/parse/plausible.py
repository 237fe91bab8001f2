"""Figures no applicant of this programme can mean: a mobile number typed into a count or an amount ("13985012345"
in 粉丝总数, "13985012345万元" in 年度交易额), or a figure past the year file's ``plausible_max`` of the field (20亿
粉丝, 5万间直播间). It is read, but as a doubt (``Parsed.doubt``): a warning asks to check it, and a threshold or
附件5 item on it is 待定 until a person does, as for a figure typed in the wrong unit (number.parse_amount).

>>> p = checked(Parsed(value=13985012345), 13985012345, "粉丝总数", "人", 1000000000)
>>> p.doubt, p.note
(True, '像是手机号码（11位，1开头），不是粉丝总数的数字。')
>>> checked(Parsed(value=2000000000), "20亿", "粉丝总数", "人", 1000000000).note
'20亿人超出申报主体可能达到的范围（粉丝总数不超过10亿人），可能是输入错误。'
>>> checked(Parsed(value=1850000), 1850000, "粉丝总数", "人", 1000000000).doubt
False
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..fmt import fmt, typed
from .number import WAN, without_remark
from .phone import is_mobile
from .result import Parsed
from .text import normalize

_RUN = re.compile(r"(?<![\d.])\d{11}(?![\d.])")
PHONE_LOW, _PHONE_HIGH = 13 * 10 ** 9, 2 * 10 ** 10   # 1[3-9] and nine digits, as numbers
_LEVELS = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))


def checked(p: Parsed, raw: Any, label: str, unit: str, limit: float | None, factor: Decimal = Decimal(1),
            who: str = "申报主体") -> Parsed:
    """``p`` as a doubt when the figure typed is a mobile number or its value is past ``limit`` (in ``unit``, the
    field's; ``factor``: what one ``unit`` is in the value's own unit, 10000 for a 亿元 field read in 万元; ``who``:
    whose figure it is, the applicant or 一家入驻企业 of its list). The
    phone number's note replaces a wrong-unit one (a phone number is no 元 typed in a 万元 cell); a figure past the
    limit that already reads as typed in the wrong unit (20000 in the park's 亿元 cell) keeps that note."""
    if not p.ok:
        return p
    phone = typed_phone(raw)
    over = limit is not None and p.value > Decimal(str(limit)) * factor
    if not phone and (not over or p.doubt):   # past the limit and in the wrong unit: the unit is the likelier slip
        return p
    if phone:
        note = f"像是手机号码（11位，1开头），不是{label}的数字。"
    else:
        shown = _big(Decimal(p.value) / factor * _in_yuan(unit)) + _out(unit)
        note = f"{shown}超出{who}可能达到的范围（{label}不超过{_big(Decimal(str(limit)) * _in_yuan(unit))}" \
               f"{_out(unit)}），可能是输入错误。"
    rest = p.note if p.note and not p.doubt else None
    return Parsed(value=p.value, note="；".join(n for n in (note, rest) if n), doubt=True, bound=p.bound,
                  remark=p.remark, precision=p.precision)


def typed_phone(raw: Any) -> str | None:
    """The mobile number the figure typed is (its remark in brackets left out), or None.

    >>> typed_phone(13985012345.0), typed_phone("13985012345万元（抖音）"), typed_phone(12345678901)
    ('13985012345', '13985012345', None)
    """
    if isinstance(raw, (int, float)) and not PHONE_LOW <= raw < _PHONE_HIGH:   # most figures: no text made
        return None
    figure = without_remark(raw)
    if isinstance(figure, float) and figure.is_integer():
        figure = int(figure)
    text = typed(figure) if isinstance(figure, (int, Decimal)) else normalize(figure).replace(" ", "")
    return next((m.group() for m in _RUN.finditer(text) if is_mobile(m.group())), None)


def _in_yuan(unit: str) -> Decimal:
    """An amount's unit in 元 (so that 100000000万元 shows as 1万亿元); 1 for the rest."""
    return {"万元": WAN, "亿元": WAN * WAN}.get(unit, Decimal(1))


def _out(unit: str) -> str:
    return "元" if unit in ("万元", "亿元") else unit


def _big(value: Decimal) -> str:
    """A large figure as people say it: 10亿, 1万亿, 5万 — rounded to two places of the largest word it reaches
    once rounded (99999999万元 is 1万亿元, not 10000亿元).

    >>> _big(Decimal(999999990000)), _big(Decimal(2 * 10 ** 9)), _big(Decimal(12345)), _big(Decimal(9999))
    ('1万亿', '20亿', '1.23万', '9999')
    >>> _big(Decimal("1e300"))
    '1E+288万亿'
    """
    for i, (size, word) in enumerate(_LEVELS):
        if value >= size:
            try:
                rounded = (value / size).quantize(Decimal("0.01"))
                if i and rounded >= _LEVELS[i - 1][0] / size:   # 10000.00亿: the word above
                    (size, word), rounded = _LEVELS[i - 1], (value / _LEVELS[i - 1][0]).quantize(Decimal("0.01"))
            except InvalidOperation:   # more digits than the context holds (1e300, forty 1s): as a spreadsheet shows it
                return format((value / size).normalize(), "E") + word
            return fmt(rounded.normalize() + 0) + word
    return fmt(value)
