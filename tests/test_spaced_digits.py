"""Amounts typed with a space between digits: a thousands separator only where a comma would be one."""
from __future__ import annotations

from decimal import Decimal

import pytest

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from shibai_xl.engine.parse.number import parse_amount, parse_count, parse_percent
from tests.conftest import example


@pytest.mark.parametrize("typed", ["2 9", "2 9亿元"])
def test_digits_split_by_a_space_are_no_number(make_workbook, typed):
    # "2 9" in the park's 亿元 cell is no 29亿元 (达标): the space is not a thousands separator ("3,5" is refused too)
    path = make_workbook("park", example("park", sb_trade_total=typed))
    result = check(read_application(path))
    assert result.eligible is None
    assert any(f.code == "FIELD_AMOUNT" and "空格" in f.message for f in result.findings)


def test_a_space_as_thousands_separator_is_read():
    assert parse_amount("4 200", "万元").value == 4200
    assert parse_amount("1 234 567元", "万元").value == Decimal("123.4567")
    assert parse_count("1 0家").error and parse_count("10 家").value == 10
    assert parse_percent("5 0%").error and parse_percent("50 %").value == 50
