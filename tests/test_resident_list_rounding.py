"""The rounding allowed between a park's declared 年度交易额 (亿元) and its list's sum (万元) follows the last digit
the applicant typed, however it was typed: 3.5 as a number, as text stored in the cell, or as "3.5亿"/"3.5亿元"
are one figure with one precision (0.1亿), so they get one verdict."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.conftest import example


@pytest.mark.parametrize("typed", [3.5, "3.5", "3.5亿", "3.5亿元"])
def test_the_declared_trade_is_as_precise_as_typed_whatever_its_form(make_workbook, capsys, typed):
    companies = example_residents("park")
    listed = sum(r["年度网络交易额（万元）"] for r in companies)
    # the list sums to 200万 less than 3.5亿: within half of the 0.1亿 typed (and within 1% of 3.5亿)
    companies[0]["年度网络交易额（万元）"] = round(companies[0]["年度网络交易额（万元）"] + 34800 - listed, 2)
    path = make_workbook("park", example("park"), residents=companies, name="园区.xlsx")
    wb = load_workbook(path)
    named_cell(wb, "sb_trade_total").value = typed
    wb.save(path)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert not [f for f in got["findings"] if f["code"] == "XC_RESIDENT_TRADE"], got["findings"]
