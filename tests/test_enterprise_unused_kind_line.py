"""附件2's enterprise form prints both amount lines: "(平台型企业)…年度交易额____万元, (服务类企业)…年度销售额____万元".
A 服务类 enterprise fills its 销售额 and marks the other line unused as people do ("/", "—", "无", "不涉及"): that drew a
FIELD_AMOUNT error ("“/”不是数字") on the line that does not apply to it, or ("无") a 0 that left its kind unknown
(ELIG_MISSING, 企业类别 asked for, 网络零售额 said to exceed a 交易额 of 0). The unused line is a blank line now: the
filled one says the kind, and nothing is said of the other."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import run_json


@pytest.mark.parametrize("unused", ["/", "—", "无", "不涉及", "——"])
@pytest.mark.parametrize("kind", [None, "服务类"])
def test_the_line_of_the_other_kind_marked_unused_is_no_unreadable_amount(make_workbook, capsys, unused, kind):
    j = run_json(make_workbook("enterprise", example("enterprise", sb_enterprise_kind=kind, sb_trade_total=unused,
                                                     sb_sales=3000, sb_online_retail=600)), capsys)
    assert j["eligible"] is True, j["findings"]
    bad = [f for f in j["findings"] if f["severity"] != "info" or f["code"] == "FIELD_AMOUNT"]
    assert not bad, bad


def test_the_kinds_own_line_marked_unused_is_asked_for(make_workbook, capsys):
    """平台类 chosen and its own 交易额 line marked “/”: the figure the threshold needs is missing (未填写), not
    “不是数字”."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_enterprise_kind="平台类", sb_trade_total="/")),
                 capsys)
    assert j["eligible"] is None, j["findings"]
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"], j["findings"]


@pytest.mark.parametrize("unused", ["/", "无"])
def test_sb_eligible_over_the_kinds_own_line_marked_unused_says_checks_reason(make_workbook, capsys, unused):
    """=SB_ELIGIBLE("企业", 成立日期, 填表时间, 交易额, 零售额, "平台类") over that form's cells: check's 待定 says the
    交易额 is 未填写; the formula said a bare 待定, no reason why."""
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.filler import named_cell
    from shibai_xl.faces import udf_functions as U
    path = make_workbook("enterprise", example("enterprise", sb_enterprise_kind="平台类", sb_trade_total=unused))
    j = run_json(path, capsys)
    [said] = [f["message"] for f in j["findings"] if f["code"] == "ELIG_MISSING" and "交易额" in f["message"]]
    wb = load_workbook(path)
    cells = [named_cell(wb, n).value for n in ("sb_established", "sb_fill_date", "sb_trade_total", "sb_online_retail",
                                               "sb_enterprise_kind")]
    assert U.eligible("企业", *cells) == f"待定（{said}）", cells
