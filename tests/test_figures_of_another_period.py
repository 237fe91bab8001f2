"""A threshold's figure typed with a 统计期 of its own other than the form's (统计期 2023年1月-12月, 年度交易额
"1000万元（2022.1-2022.12）" or "2022年：1000万元"): the period was only said to be a remark (未计入数字), and the verdict
was given on a figure that may be of another year. Now a FIELD_PERIOD warning names both periods at that cell; the same
period as the form's, or none, says nothing more."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from tests.conftest import checked_json


def _periods(out: dict) -> list[dict]:
    return [f for f in out["findings"] if f["code"] == "FIELD_PERIOD"]


@pytest.mark.parametrize(("app_type", "field", "typed", "said"), [
    ("enterprise", "sb_trade_total", "1000万元（2022.1-2022.12）", "2022年01月-2022年12月"),
    ("enterprise", "sb_online_retail", "2022年：900万元", "2022年01月-2022年12月"),
    ("park", "sb_trade_total", "3.5（2022年4月-2023年3月）", "2022年04月-2023年03月"),
    ("team", "sb_live_sales", "2022年度600万元", "2022年01月-2022年12月"),
])
def test_a_figure_of_another_period_is_said(make_workbook, capsys, app_type, field, typed, said):
    path = make_workbook(app_type)
    wb = load_workbook(path)
    cell = named_cell(wb, field)
    cell.value = typed
    wb.save(path)
    found = _periods(checked_json(path, capsys))
    assert len(found) == 1, found
    assert found[0]["severity"] == "warning" and found[0]["cell"] == cell.coordinate
    assert said in found[0]["message"] and "2023年01月-2023年12月" in found[0]["message"]


@pytest.mark.parametrize("typed", ["1000万元（2023.1-2023.12）", "2023年：1000万元", "1000万元（经审计）", 1000])
def test_the_forms_own_period_or_none_says_nothing(make_workbook, capsys, typed):
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    named_cell(wb, "sb_trade_total").value = typed
    wb.save(path)
    assert not _periods(checked_json(path, capsys))
