"""A figure typed with the year it is for, as the printed form's "(202x年x月-202x年x月)年度交易额" invites: "2023年：1000万元",
"2023年度1000万元", "（2023年）1000万元". The year alone before the figure was "不是数字" (FIELD_AMOUNT error) and the
verdict 待定, though "1000万元（2023年）" and "2023年度：1000万元" were read; at the notice's threshold the figure decides
(以上 includes the figure itself)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.parse.number import parse_amount
from tests.conftest import checked_json


@pytest.mark.parametrize(("typed", "year"), [
    ("2023年：1000万元", "2023年"), ("2023年:1000", "2023年"), ("2023：1000万元", "2023"),
    ("2023年度1000万元", "2023年度"), ("2023年1000万元", "2023年"), ("（2023年）1000万元", "2023年"),
])
def test_the_year_before_a_figure_is_a_remark(typed, year):
    p = parse_amount(typed, bounds=True)
    assert (p.value, p.error) == (Decimal(1000), None)
    assert f"“{year}”是备注" in p.note
    assert ("括号内" in p.note) == ("（" in typed)


@pytest.mark.parametrize("typed", ["2023年12月：1000万元", "2023年5月"])
def test_a_month_is_no_year_label(typed):
    assert parse_amount(typed, bounds=True).error


@pytest.mark.parametrize(("app_type", "field", "typed", "eligible", "code"), [
    ("enterprise", "sb_trade_total", "2023年：1000万元", True, None),
    ("enterprise", "sb_trade_total", "2023年：999.99万元", False, "ELIG_TRADE"),
    ("team", "sb_live_sales", "2023年度500万元", True, None),
    ("team", "sb_live_sales", "2023年：499万元", False, "ELIG_LIVE_SALES"),
])
def test_eligibility_at_the_threshold_with_the_year_typed(make_workbook, capsys, app_type, field, typed, eligible,
                                                          code):
    path = make_workbook(app_type)
    wb = load_workbook(path)
    named_cell(wb, field).value = typed
    wb.save(path)
    out = checked_json(path, capsys)
    codes = {f["code"] for f in out["findings"]}
    assert out["eligible"] is eligible
    assert "ELIG_MISSING" not in codes
    assert not [f for f in out["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "error"]
    assert (code in codes) if code else not {c for c in codes if c.startswith("ELIG_")}


@pytest.mark.parametrize("typed", ["1200万元（2022年）", "1200（2022年）", "1200万元(2022年度)", "2022年：1200万元"])
def test_a_figure_of_another_year_in_brackets_after_it_is_said(make_workbook, capsys, typed):
    """The year in brackets after the figure names the year it is for, as "2022年：" before it does: a 2022 figure
    on a form whose 统计期 is 2023 draws FIELD_PERIOD (it was said of "（2022年度）" but not of "（2022年）")."""
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    named_cell(wb, "sb_trade_total").value = typed
    wb.save(path)
    said = [f for f in checked_json(path, capsys)["findings"] if f["code"] == "FIELD_PERIOD"]
    assert said and said[0]["severity"] == "warning" and "2022年01月-2022年12月" in said[0]["message"], said


@pytest.mark.parametrize("typed", ["3000万以上(2023年)", "3000万以上（2023年度）"])
def test_a_bound_with_its_year_in_brackets_is_the_bound(typed):
    """"(2023年)" after a bound is its year, as "（2023年度）" is: no second figure that might be the bound."""
    p = parse_amount(typed, bounds=True)
    assert (p.value, p.error) == (Decimal(3000), None), p
