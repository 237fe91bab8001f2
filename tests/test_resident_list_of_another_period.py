"""附件3 prints its amounts' headers with the 统计期 to fill in, "(202x年x月-202x年x月)年度网络零售额(万元)": a list
whose headers name another 统计期 than the form's (last year's list sent again) sums another year's figures, which the
list's cross-checks and ELIG_EVIDENCE compare with the form's (QA qa74b). It was read without a word: the header's
period was dropped with its brackets. Now a FIELD_PERIOD warning at the header names both periods."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.test_forms_as_filled import run_json

RETAIL, TRADE = "年度网络零售额（万元）", "年度网络交易额（万元）"


def _headed(path, headers: dict[str, str]):
    """The list's amount headers retyped as 附件3 prints them, the 统计期 filled in."""
    wb = load_workbook(path)
    ws = None
    for sheet in wb.worksheets:
        for table in sheet.tables.values():
            if table.name == "sb_residents":
                ws = sheet
                first = ws[table.ref.split(":")[0]]
                for c in range(first.column, first.column + 12):
                    cell = ws.cell(first.row, c)
                    if cell.value in headers:
                        cell.value = headers[cell.value]
    assert ws is not None
    wb.save(path)
    return path


def _period(j: dict) -> list[dict]:
    return [f for f in j["findings"] if f["code"] == "FIELD_PERIOD"]


@pytest.mark.parametrize("app_type,typed,said", [
    ("park", "(2022年1月-2022年12月)年度网络零售额(万元)", "2022年01月-2022年12月"),
    ("base", "（2022年1月－2022年12月）年度网络零售额（万元）", "2022年01月-2022年12月"),
    ("park", "2022年度网络零售额（万元）", "2022年01月-2022年12月"),
])
def test_a_list_headed_with_another_period_is_said(make_workbook, capsys, app_type, typed, said):
    j = run_json(_headed(make_workbook(app_type), {RETAIL: typed}), capsys)
    [f] = _period(j)
    assert f["severity"] == "warning" and said in f["message"] and "2023年01月-2023年12月" in f["message"], f
    assert f["sheet"] and f["cell"], f
    assert j["eligible"] is True     # a warning: the verdict stands


@pytest.mark.parametrize("typed", ["(2023年1月-2023年12月)年度网络零售额(万元)", "(202x年x月-202x年x月)年度网络零售额(万元)",
                                   "2023年度网络零售额（万元）", RETAIL])
def test_a_list_headed_with_the_forms_period_or_none_says_nothing(make_workbook, capsys, typed):
    j = run_json(_headed(make_workbook("park"), {RETAIL: typed, TRADE: "(2023.1-2023.12)年度网络交易额（万元）"}),
                 capsys)
    assert not _period(j), j["findings"]
    assert j["eligible"] is True, j["findings"]


def test_both_amounts_headed_with_the_same_other_period_are_said_once(make_workbook, capsys):
    j = run_json(_headed(make_workbook("park"), {RETAIL: "(2022年1月-2022年12月)年度网络零售额(万元)",
                                                 TRADE: "(2022年1月-2022年12月)年度网络交易额(万元)"}), capsys)
    [f] = _period(j)
    assert "“年度网络交易额（万元）”“年度网络零售额（万元）”两栏" in f["message"], f
