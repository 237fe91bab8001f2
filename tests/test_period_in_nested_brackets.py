"""An amount typed with its 统计期 in brackets that hold brackets of their own ("1200万元（2023年度（1-12月））",
"（2023年度（1-12月））1200万元"): refused as "填写的是一个范围" (the "1-12" read as a range of figures) and the verdict
待定. The bracket names the 统计期: the figure is 1200万元, and a period other than the form's is said (FIELD_PERIOD),
as for a period in plain brackets."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.parse.number import parse_amount, period_typed_with
from tests.conftest import checked_json


@pytest.mark.parametrize("bounds", [False, True])
@pytest.mark.parametrize(("typed", "period"), [
    ("1200万元（2023年度（1-12月））", "2023年度(1-12月)"),
    ("1200万元【2023年（1-12月）】", "2023年(1-12月)"),
    ("（2023年度（1-12月））1200万元", "2023年度(1-12月)"),
    ("1200万元（2023年1-12月）", "2023年1-12月"),
    ("1200万元(2023.1-2023.12)", "2023.1-2023.12"),
])
def test_the_period_in_brackets_is_a_remark(typed, period, bounds):
    p = parse_amount(typed, bounds=bounds)
    assert (p.value, p.error) == (Decimal(1200), None)
    assert f"“{period}”是备注" in p.note
    assert [d.year for d in period_typed_with(typed)] == [2023, 2023]


@pytest.mark.parametrize("typed", ["1200万元（100-200（全网））", "1200万元（2023年度（1-12））（抖音）"])
def test_figures_in_nested_brackets_stay_no_figure(typed):
    assert parse_amount(typed).error


def _periods(out: dict) -> list[dict]:
    return [f for f in out["findings"] if f["code"] == "FIELD_PERIOD"]


@pytest.mark.parametrize(("typed", "other"), [
    ("1200万元（2023年度（1-12月））", False),
    ("1200万元（2022年度（1-12月））", True),
])
def test_check_reads_the_figure_and_says_another_period(make_workbook, capsys, typed, other):
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_trade_total")
    cell.value = typed
    wb.save(path)
    out = checked_json(path, capsys)
    assert not [f for f in out["findings"] if f["code"] in ("FIELD_AMOUNT", "ELIG_MISSING") and f["severity"] == "error"]
    found = _periods(out)
    assert len(found) == (1 if other else 0), found
    if other:
        assert found[0]["cell"] == cell.coordinate and "2022年01月-2022年12月" in found[0]["message"]
