"""A threshold's figure typed as an upper bound ("不到400万", "近500万", "499万以下"): whatever it exactly is, it stays
under the notice's 以上/达到 threshold, so the 前置条件 is 不达标 (QA qa74b). It was 待定 (ELIG_MISSING "无法识别"), as
if the figure could still reach the threshold. An upper bound that may reach it ("500万以下" may be 500万: 以下 includes
the figure, 民法典 第一千二百五十九条; "不到4000万元" for a 3000万元 threshold) still decides nothing."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import run_json


@pytest.mark.parametrize("app_type,field,typed,code,said", [
    ("team", "sb_live_sales", "不到500万", "ELIG_LIVE_SALES", "即少于500万元，低于门槛500万元"),
    ("team", "sb_live_sales", "近500万", "ELIG_LIVE_SALES", "即少于500万元，低于门槛500万元"),
    ("team", "sb_live_sales", "499万以下", "ELIG_LIVE_SALES", "即至多499万元，低于门槛500万元"),
    ("team", "sb_live_sales", "不足五百万元", "ELIG_LIVE_SALES", "即少于500万元"),
    ("enterprise", "sb_trade_total", "不到1000万", "ELIG_TRADE", "低于门槛1000万元"),
    ("park", "sb_trade_total", "不足3亿", "ELIG_TRADE", "即少于3亿元（30000万元）"),
    ("park", "sb_online_retail", "低于3000万元", "ELIG_RETAIL", "低于门槛3000万元"),
    ("base", "sb_trade_total", "不超过4000万元", "ELIG_TRADE", "即至多4000万元，低于门槛5000万元"),
])
def test_an_upper_bound_under_the_threshold_fails_it(make_workbook, capsys, app_type, field, typed, code, said):
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed})), capsys)
    assert j["eligible"] is False, j["findings"]
    [f] = [f for f in j["findings"] if f["code"] == code]
    assert f["severity"] == "error" and said in f["message"] and typed in f["message"], f
    assert not [f for f in j["findings"] if f["code"] == "ELIG_MISSING"], j["findings"]


@pytest.mark.parametrize("app_type,field,typed", [("team", "sb_live_sales", "500万以下"),
                                                  ("park", "sb_online_retail", "不到4000万元")])
def test_an_upper_bound_that_may_reach_the_threshold_decides_nothing(make_workbook, capsys, app_type, field, typed):
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed})), capsys)
    assert j["eligible"] is None, j["findings"]
    assert [f for f in j["findings"] if f["code"] == "ELIG_MISSING"], j["findings"]
