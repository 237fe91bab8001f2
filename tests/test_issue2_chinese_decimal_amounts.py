"""Issue 2: amounts in Chinese numerals are read ("叁亿", "三千万"). A decimal written in Chinese before its magnitude —
"三点六亿" in the park's 亿元 field, "一点二亿元", "二点五万" — is one unambiguous figure (3.6 亿), yet it was an error
FIELD_AMOUNT “中文数字无法识别” and the park's verdict 待定, while "3.6亿" and "三点六" alone were read."""
from __future__ import annotations

from decimal import Decimal

import pytest

from shibai_xl.engine.parse.number import parse_amount, parse_usd
from tests.conftest import checked_json, example


@pytest.mark.parametrize(("typed", "unit", "wan"), [
    ("三点五亿", "万元", "35000"),
    ("三点六亿", "亿元", "36000"),
    ("一点二亿元", "万元", "12000"),
    ("零点八亿", "亿元", "8000"),
    ("二点五万", "万元", "2.5"),
    ("叁点伍亿元", "万元", "35000"),
    ("十二点五万元", "万元", "12.5"),
    ("3点5亿", "万元", "35000"),
])
def test_a_chinese_decimal_before_its_magnitude_is_read(typed, unit, wan):
    p = parse_amount(typed, unit)
    assert p.error is None and p.value == Decimal(wan), (p.value, p.error)


def test_dollars_in_chinese_decimal_are_read():
    assert parse_usd("八点五万美元").value == Decimal("85000")


@pytest.mark.parametrize("typed", ["点五亿", "三点五点六亿", "约三点五亿"])
def test_what_is_no_one_figure_stays_an_error(typed):
    assert parse_amount(typed, "万元").error


def test_park_typing_its_trade_in_chinese_decimal_is_eligible(make_workbook, capsys):
    path = make_workbook("park", example("park", sb_trade_total="三点六亿"))
    got = checked_json(path, capsys)
    assert got["eligible"] is True
    assert not [f for f in got["findings"] if f["code"] in ("FIELD_AMOUNT", "ELIG_MISSING")]
