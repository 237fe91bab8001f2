"""Showing numbers to people.

>>> fmt(Decimal("30000.00")), fmt(Decimal("3.50")), fmt(12), fmt(None)
('30000', '3.5', '12', '')
>>> wan_display(Decimal("35000"), "亿元")
'3.5亿元（35000万元）'
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

OPS = {">=": "≥", ">": ">", "<": "<", "<=": "≤", "==": "="}


def fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        q = value.quantize(Decimal("0.0001")) if value == value.to_integral_value() or abs(value) >= 1 else value
        text = format(q.normalize(), "f")
        return text
    return str(value)


def wan_display(value_wan: Decimal | None, field_unit: str) -> str:
    """An amount held in 万元, shown in the form's own unit (and in 万元 when that differs)."""
    if value_wan is None:
        return ""
    if field_unit == "亿元":
        return f"{fmt(value_wan / Decimal(10000))}亿元（{fmt(value_wan)}万元）"
    return f"{fmt(value_wan)}万元"


def compare(value: Any, op: str, target: Any) -> bool:
    v, t = Decimal(str(value)), Decimal(str(target))
    return {">=": v >= t, ">": v > t, "<": v < t, "<=": v <= t, "==": v == t}[op]
