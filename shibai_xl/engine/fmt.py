"""Showing numbers to people.

>>> fmt(Decimal("30000.00")), fmt(Decimal("3.50")), fmt(12), fmt(None), fmt(Decimal("1e300")), fmt(10 ** 300), fmt(10 ** 20)
('30000', '3.5', '12', '', '1E+300', '1E+300', '100000000000000000000')
>>> wan_display(Decimal("35000"), "亿元")
'3.5亿元（35000万元）'
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

OPS = {">=": "≥", ">": ">", "<": "<", "<=": "≤", "==": "="}


def fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(repr(value))
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** 30:
        value = Decimal(value)   # a count of 300 digits: as below
    if isinstance(value, Decimal):
        try:
            q = value.quantize(Decimal("0.0001")) if value == value.to_integral_value() or abs(value) >= 1 else value
        except InvalidOperation:   # more digits than the context holds (1e20 亿元): shown in full
            q = value
        if q and q.adjusted() >= 30:   # 1e300 typed: as a spreadsheet shows it (as :func:`typed`), not 300 zeros
            return format(q.normalize(), "E")
        return format(q.normalize(), "f")
    return str(value)


def typed(value: Any) -> str:
    """A cell's value quoted back to the person as typed: a whole number without the ".0" a reader gives it.

    >>> typed(1.0), typed(-5.0), typed(0.15), typed(1e21), typed("800000元"), typed(True), typed(-1e308)
    ('1', '-5', '0.15', '1000000000000000000000', '800000元', 'TRUE（是）', '-1E+308')
    """
    if value is None:
        return ""
    if isinstance(value, bool):    # a logical value (TRUE typed, a checkbox's linked cell) as the sheet shows it
        return "TRUE（是）" if value else "FALSE（否）"
    if isinstance(value, float) and value == value:          # NaN/inf stay as Python shows them
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        if abs(value) == float("inf"):
            return str(value)
        if abs(value) >= 1e30:                               # as a spreadsheet shows it, not 300 digits
            return format(Decimal(repr(value)), "E")
        return format(Decimal(repr(value)), "f")
    return str(value)


def wan_display(value_wan: Decimal | None, field_unit: str, exact: bool = False) -> str:
    """An amount held in 万元, shown in the form's own unit (and in 万元 when that differs); ``exact``: every digit,
    for a figure that four places would round onto a threshold it is under (2.9999999亿元 is not 3亿元).

    >>> wan_display(Decimal("29999.999"), "亿元"), wan_display(Decimal("29999.999"), "亿元", exact=True)
    ('3亿元（29999.999万元）', '2.9999999亿元（29999.999万元）')
    """
    if value_wan is None:
        return ""
    show = (lambda v: format(Decimal(v).normalize(), "f")) if exact else fmt
    if field_unit == "亿元":
        return f"{show(value_wan / Decimal(10000))}亿元（{show(value_wan)}万元）"
    return f"{show(value_wan)}万元"


def compare(value: Any, op: str, target: Any) -> bool:
    v, t = Decimal(str(value)), Decimal(str(target))
    return {">=": v >= t, ">": v > t, "<": v < t, "<=": v <= t, "==": v == t}[op]


def at_least(total: Any, bounds: int, unit: str = "万元") -> str:
    """A total in ``unit`` that adds ``bounds`` figures typed as lower bounds ("3000万以上"): at least that.

    >>> at_least(5000.0, 1), at_least(5000.0, 0)
    ('≥5000 万元（其中 1 项为下限数字，实际合计不低于此数，见“问题”列）', '5000 万元')
    """
    shown = f"{fmt(total)} {unit}"
    return f"≥{shown}（其中 {bounds} 项为下限数字，实际合计不低于此数，见“问题”列）" if bounds else shown


def ask_after(text: str, ask: str) -> str:
    """``text`` then ``ask`` as a sentence of its own: "…请改填50" + "请核实后再评分" → "…请改填50。请核实后再评分"; a text
    ending in punctuation ("？", "。", "，") is followed by ``ask`` as it is.

    >>> ask_after("请改填50", "请核实"), ask_after("是否按万填写？", "请核实"), ask_after("无法判断是否达到，", "请核实")
    ('请改填50。请核实', '是否按万填写？请核实', '无法判断是否达到，请核实')
    """
    return text + ("" if not text or text[-1] in "。？！，；,;?!" else "。") + ask


def as_shown(value: Any) -> Any:
    """A date or time a city's clerk typed into a summary cell (“2024/5/1”, “8:30”: Excel keeps a date or a time of
    day) as the sheet shows it, text; any other value unchanged.

    >>> as_shown(datetime(2024, 5, 1)), as_shown(datetime(2024, 5, 1, 9, 30)), as_shown(time(8, 30)), as_shown(3000)
    ('2024-05-01', '2024-05-01 09:30', '08:30', 3000)
    """
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}" if value.time() == time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, time):
        return f"{value:%H:%M}" if not value.second else f"{value:%H:%M:%S}"
    if isinstance(value, timedelta):   # a duration cell ([h]:mm)
        return str(value)
    return value
