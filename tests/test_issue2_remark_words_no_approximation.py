"""Issue 2: an approximate figure ("约三千万", "近3000万", "估算") is an error, never a guess. Words of a remark that only
contain such a character are none: "（经第三方评估）" (估), "（含上下游企业）" (上下), "（以上数据经审计）" (以上: the
data above), "（近一年）" (the last year, as "近12个月" already was), "（集约化运营）" (约), "（余额）" (余). Each made an
exact amount FIELD_AMOUNT “不是确切数字” and the verdict 待定."""
from __future__ import annotations

from decimal import Decimal

import pytest

from shibai_xl.engine.parse.number import parse_amount, parse_count
from tests.conftest import checked_json, example


@pytest.mark.parametrize("remark", ["经第三方评估", "资产评估", "含上下游企业", "以上数据经审计", "以上数据真实有效", "近一年",
                                    "近两年累计", "集约化运营", "余额"])
def test_remark_words_are_no_approximation(remark):
    p = parse_amount(f"1200万元（{remark}）")
    assert (p.value, p.error) == (Decimal(1200), None)
    assert f"“{remark}”是备注" in p.note


def test_a_count_with_such_a_remark():
    assert parse_count("12家（其中评估机构1家）").value == 12
    assert parse_count("12家（带动上下游）").value == 12


@pytest.mark.parametrize("typed", ["约1200万元", "1200万元左右", "近1200万元", "1200万元（估算）", "1200万元（预估）",
                                   "1200万元以上", "1200万元（约数）", "上下1200万"])
def test_approximate_figures_stay_errors(typed):
    assert parse_amount(typed).error


def test_enterprise_whose_trade_was_assessed_is_eligible(make_workbook, capsys):
    path = make_workbook("enterprise", example("enterprise", sb_trade_total="2600万元（经第三方评估）"))
    got = checked_json(path, capsys)
    assert got["eligible"] is True
    assert not [f for f in got["findings"] if f["code"] == "ELIG_MISSING" or f["severity"] == "error"], got["findings"]
