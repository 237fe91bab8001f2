"""A figure typed with its own conversion into the other currency in brackets, as applicants write cross-border
sales: "80万美元（约合人民币576万元）". The main figure is exact, in its own unit; the bracket only restates it (its
"约" is the exchange rate's): it is read by the main value and unit, the bracket said as a remark. Real
approximations ("约80万美元", "80万美元（约）") stay refused (README 数字写成下限的按下限计). QA qa58d."""
from __future__ import annotations

from decimal import Decimal

import pytest

from shibai_xl.engine.parse.number import parse_amount, parse_usd
from tests.conftest import example
from tests.test_forms_as_filled import item, run_json


@pytest.mark.parametrize("typed", ["80万美元（约合人民币576万元）", "80万美元(折合人民币约576万元)",
                                   "80万美元（约合576万元人民币）", "800000美元（约合￥576万）", "80万美元（≈人民币576万元）"])
def test_dollars_with_their_yuan_in_brackets_are_the_dollars(typed):
    for bounds in (False, True):
        p = parse_usd(typed, bounds=bounds)
        assert p.ok and p.value == Decimal(800000) and not p.bound, p
        assert p.note and "是备注，未计入数字" in p.note and "576" in p.remark, p


def test_yuan_with_their_dollars_in_brackets_are_the_yuan():
    p = parse_amount("576万元（约合80万美元）", "万元")
    assert p.ok and p.value == Decimal(576) and "约合80万美元" in p.remark, p


def test_a_bound_with_its_conversion_in_brackets_is_the_bound():
    p = parse_usd("超过50万美元（约合人民币360万元）", bounds=True)
    assert p.ok and p.value == Decimal(500000) and p.bound, p


@pytest.mark.parametrize("typed", ["约80万美元", "80万美元（约）", "80万美元左右（约合人民币576万元）",
                                   "80（约合人民币576万元）", "80万美元（约合80万美元）", "80万美元（约576万）"])
def test_approximate_figures_stay_refused(typed):
    assert not parse_usd(typed).ok, parse_usd(typed)


def test_a_parks_cross_border_sales_with_its_yuan_earn_the_item(make_workbook, capsys):
    """附件5 4.2 大于50万美金 (10): "80万美元（约合人民币576万元）" was 无法识别 (含“约”), the item 0 and an error."""
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd="80万美元（约合人民币576万元）")), capsys)
    assert item(j, "4.2")["auto"] == 10, item(j, "4.2")
    errors = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "error"]
    assert not errors, errors
