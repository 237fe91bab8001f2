"""Issue 2: amounts are read as people type them. The form asks "(202x年x月-202x年x月)年度交易额达____万元", so applicants
write the period with the figure: "3600万元（2023.1-2023.12）", "1200（2023年1月至12月）", "(2023.1-2023.12)1200万元".
Only the spelling "（2023年1月-2023年12月）" was read as a remark; the others were FIELD_AMOUNT errors (“填写的是一个范围”,
“不是确切数字（含“至”）”) and the verdict 待定, though the figure is one and exact."""
from __future__ import annotations

from decimal import Decimal

import pytest

from shibai_xl.engine.parse.number import parse_amount, parse_usd
from tests.conftest import checked_json, example


@pytest.mark.parametrize("bounds", [False, True])
@pytest.mark.parametrize(("typed", "period"), [
    ("1200万元（2023.1-2023.12）", "2023.1-2023.12"),
    ("1200万元(2023.01-2023.12)", "2023.01-2023.12"),
    ("1200万元（2023年1月至12月）", "2023年1月至12月"),
    ("1200（2023年1-12月）", "2023年1-12月"),
    ("1200万元（统计期2023.1-2023.12）", "统计期2023.1-2023.12"),
    ("(2023.1-2023.12)1200万元", "2023.1-2023.12"),
    ("2023年1月-2023年12月：1200万元", "2023年1月-2023年12月"),
])
def test_the_period_typed_with_an_amount_is_a_remark(typed, period, bounds):
    p = parse_amount(typed, bounds=bounds)
    assert (p.value, p.error) == (Decimal(1200), None)
    assert f"“{period}”是备注" in p.note


@pytest.mark.parametrize("typed", ["1200万元（100-200）", "(1-12)1200", "约1200万元（2023.1-2023.12）"])
def test_a_range_of_figures_stays_no_figure(typed):
    assert parse_amount(typed).error


def test_dollars_with_their_period():
    assert parse_usd("80万美元（2023.1-2023.12）").value == Decimal(800000)


def test_park_typing_its_amounts_with_the_period_is_eligible(make_workbook, capsys):
    path = make_workbook("park", example("park", sb_trade_total="3.6（2023.1-2023.12）",
                                         sb_online_retail="3600万元（2023年1月至12月）"))
    got = checked_json(path, capsys)
    assert got["eligible"] is True
    assert not [f for f in got["findings"] if f["code"] in ("FIELD_AMOUNT", "ELIG_MISSING") and f["severity"] == "error"]
