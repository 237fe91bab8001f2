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


def _park_trade(make_workbook, capsys, typed, list_total):
    companies = example_residents("park")
    for r in companies:
        r["年度网络交易额（万元）"] = round(list_total / len(companies), 2)
    companies[0]["年度网络交易额（万元）"] = round(list_total - sum(r["年度网络交易额（万元）"] for r in companies[1:]), 2)
    path = make_workbook("park", example("park", sb_trade_total=typed), residents=companies,
                         name=f"园区{list_total}.xlsx")
    capsys.readouterr()
    main(["check", str(path), "--json"])
    got = json.loads(capsys.readouterr().out)
    return [f["message"] for f in got["findings"] if f["code"] == "XC_RESIDENT_TRADE"]


def test_a_list_that_matches_the_other_reading_of_a_doubted_trade_says_so(make_workbook, capsys):
    """12000 typed in the park's 亿元 cell is doubted as 万元 typed there (FIELD_AMOUNT). The list's total of 12000万元
    is what the 万元 reading says: the cross-check says the list supports that reading (it settles the doubt for the
    reviewer) instead of only comparing the list with 120000000万元."""
    said = _park_trade(make_workbook, capsys, 12000, 12000)
    assert len(said) == 1 and "名单12家合计12000万元" in said[0], said
    assert "与误按万元填写的读法（1.2亿元（12000万元））相符" in said[0], said
    said = _park_trade(make_workbook, capsys, 12000, 20000)       # neither reading: both named
    assert len(said) == 1 and "误按万元填写的读法（1.2亿元（12000万元））也不相符" in said[0], said


def test_a_mobile_number_in_the_trade_cell_has_no_other_reading(make_workbook, capsys):
    """A phone number typed as the 年度交易额 is no figure in another unit: no "误按万元填写的读法" of it."""
    said = _park_trade(make_workbook, capsys, 13985012345, 12000)
    assert said and not [m for m in said if "读法" in m], said
