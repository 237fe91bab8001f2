"""Formulas of numbers only: their results, and no result (never an error) for what is not one."""
from __future__ import annotations

import pytest

from shibai_xl.engine.constant_formulas import constant_result


@pytest.mark.parametrize("formula, result", [
    ("=AVERAGE(90,80)", 85.0), ("=SUM(SUM(1,2),MAX(3,4))", 7.0), ("=((1+2))*3", 9.0), ("=-(-(2))", 2.0),
    ("=1200+350", 1550.0), ("=2^3^2", 64.0), ("=10%*5", 0.5),
])
def test_a_formula_of_numbers_has_what_excel_computes(formula, result):
    assert constant_result(formula) == result


@pytest.mark.parametrize("formula", [
    "=" + "(" * 199 + "1", "=" + "(" * 60 + "1" + ")" * 60, "=" + "-" * 199 + "1", "=" + "SUM(" * 40 + "1" + ")" * 40,
    "=9^9^9^9^9", "=1/0", "=SUM(1,,2)", "=A1+1", "=1 2", "=" + "1+" * 600 + "1",
])
def test_deep_huge_or_broken_formulas_have_no_result_and_raise_nothing(formula):
    assert constant_result(formula) is None


@pytest.mark.parametrize("formula, result", [
    ("=ROUND(2.675,2)", 2.68), ("=ROUND(-2.5,0)", -3.0), ("=ROUND(1234.5,-2)", 1200.0), ("=ROUND(85.25,1.9)", 85.3),
    ("=ROUND(AVERAGE(90,85,80.5),1)", 85.2),
])
def test_round_is_excels_half_away_from_zero_of_the_number_as_shown(formula, result):
    assert constant_result(formula) == result


def test_round_of_a_number_a_hair_off_a_half_has_no_result_rather_than_a_guess():
    assert constant_result("=ROUND(1.004999999999999,2)") is None and constant_result("=ROUND(1,400)") is None


def test_a_difference_that_cancels_to_float_noise_is_0_at_the_end_and_no_result_inside():
    """0.1+0.2-0.3 is 5.55e-17 in binary: Excel and LibreOffice show 0 for it as the formula's last operation;
    inside a formula they part (Excel keeps the noise), so no result — never 5.55e-17 in a saved summary."""
    assert constant_result("=0.1+0.2-0.3") == 0.0 and constant_result("=1-0.9-0.1") == 0.0
    assert constant_result("=(0.1+0.2-0.3)*1") is None and constant_result("=SUM(0.1,0.2,-0.3)") is None
    assert constant_result("=0.1+0.2") == 0.1 + 0.2 and constant_result("=1200.5-1200.5") == 0.0
