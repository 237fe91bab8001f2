"""Application forms as applicants really fill and send them (the official 申报表 in Excel or WPS), checked the way
a city clerk receives them: ``shibai check FILE --json``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import TYPE_ERROR

from shibai_xl.faces.cli import main
from tests.conftest import example


def run_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("typed", ["#REF!", "=C16*2", "约三千万"])
def test_an_unreadable_platform_amount_says_the_kind_and_asks_for_no_kind_line(make_workbook, capsys, typed):
    """An enterprise left 企业类别 blank, as the official form has no such line, and filled only the (平台型企业)
    年度交易额 line — but it holds #REF! (pasted from another workbook), a formula saved without its result, or
    "约三千万". The tool said 必填项为空：企业类别 "请在申报表填写" and 企业类别 was missing for the threshold, as if
    neither amount line were filled: the applicant was asked for a line the notice's form does not have instead of
    the figure. The filled line says the kind (平台类), as a readable figure there does: only the figure is asked for."""
    path = make_workbook("enterprise", example("enterprise", sb_enterprise_kind=None))
    wb = load_workbook(path)
    cell = wb["申报表"]["C14"]
    cell.value = typed
    if typed.startswith("#"):
        cell.data_type = TYPE_ERROR
    wb.save(path)
    j = run_json(path, capsys)
    assert j["eligible"] is None
    assert not [f for f in j["findings"] if f["cell"] == "C13" and f["severity"] != "info"], j["findings"]
    assert [f["code"] for f in j["findings"] if f["cell"] == "C13"] == ["ELIG_MISSING"]
    assert "按平台类企业的门槛判断" in next(f["message"] for f in j["findings"] if f["cell"] == "C13")
    assert {"ELIG_MISSING", "FIELD_FORMULA" if typed.startswith("=") else "FIELD_AMOUNT"} <= {
        f["code"] for f in j["findings"] if f["cell"] == "C14"}, j["findings"]


def test_a_slash_in_the_platform_amount_line_says_no_kind(make_workbook, capsys):
    """"/" in the (平台型企业) line, the (服务类企业) line blank: the "/" says the line does not apply, not that the
    enterprise is 平台类 — 企业类别 is still asked for."""
    path = make_workbook("enterprise", example("enterprise", sb_enterprise_kind=None, sb_trade_total="/"))
    j = run_json(path, capsys)
    assert "FIELD_REQUIRED" in {f["code"] for f in j["findings"] if f["cell"] == "C13"}, j["findings"]
