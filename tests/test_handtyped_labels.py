"""The 申报表 (附件2) typed by hand with its amounts labelled in the words of the statistics bureaus and of 附件4 that
applicants copy: 电子商务交易额 (the official statistic's name) for 年度交易额, 线上零售额 / 电商零售额 for 年度网络零售额
(附件4 read by `merge` already takes 线上零售额), 直播电商销售额 for the team's 年度直播销售额. Each is its amount —
not a blank left 待定, the figure silently dropped."""
from __future__ import annotations

import pytest

from shibai_xl.engine.check import check
from tests.test_reworded_labels import _typed_form


@pytest.mark.parametrize("app_type, name, label", [
    ("park", "sb_trade_total", "年度电子商务交易额"), ("base", "sb_trade_total", "电子商务交易额"),
    ("enterprise", "sb_trade_total", "年度电子商务交易额"), ("park", "sb_trade_total", "电子商务年交易额"),
    ("park", "sb_online_retail", "线上零售额"), ("base", "sb_online_retail", "年度线上零售额"),
    ("park", "sb_online_retail", "电子商务零售额"), ("enterprise", "sb_online_retail", "年度电商零售额"),
    ("park", "sb_online_retail", "电子商务网络零售额"),
    ("team", "sb_live_sales", "直播电商销售额"), ("team", "sb_live_sales", "年度直播电商销售额"),
])
def test_an_amount_under_the_statistics_words_for_it_is_read(tmp_path, app_type, name, label):
    app = _typed_form(tmp_path, app_type, {name: label}, {name: "12345"})
    assert app.value(name) == "12345", (app_type, label)


def test_the_trade_labelled_as_e_commerce_trade_in_yi_is_read_in_yi(tmp_path):
    """"年度电子商务交易额（亿元） | 0.6" on a base's form: 6000万元, 达标 — not a blank trade (待定)."""
    app = _typed_form(tmp_path, "base", {"sb_trade_total": "年度电子商务交易额（亿元）"}, {"sb_trade_total": "0.6"},
                      units={"sb_trade_total": ""})
    result = check(app)
    assert result.values["sb_trade_total"] == 6000
    assert not [f for f in result.findings if f.code == "ELIG_MISSING" and "交易额" in f.message]
