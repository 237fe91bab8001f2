"""A 统计期 shorter than a 年度 (二（二）: 年度交易额、年度网络零售额、年度直播销售额; 附件2 "(202x年x月-202x年x月)"), as
an applicant fills it with the months it has ("2023年7月-2023年12月"): the figures are those months', and the year's can
only be more. A figure under its threshold was 不达标 (ELIG_LIVE_SALES "年度直播销售额为300万元，低于门槛500万元") though
the 12 months may well reach it; it is 待定, said at the figure (ELIG_MISSING), beside the FIELD_PERIOD error. Twelve
months under the threshold, or a longer period (its 12 months can only be less), stay 不达标."""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import checked_json, example


def _codes(out: dict) -> set[str]:
    return {f["code"] for f in out["findings"]}


@pytest.mark.parametrize("app_type,field,figure,code", [
    ("team", "sb_live_sales", 300, "ELIG_LIVE_SALES"),          # 6 months of 500万以上
    ("enterprise", "sb_online_retail", 60, "ELIG_RETAIL"),      # 100万元以上
    ("park", "sb_trade_total", 2.5, "ELIG_TRADE"),              # 3亿元以上, the park's 亿元
])
def test_a_figure_of_fewer_months_under_its_threshold_is_undecided(make_workbook, capsys, app_type, field, figure,
                                                                   code):
    values = example(app_type, sb_period_start=date(2023, 7, 1), sb_period_end=date(2023, 12, 1), **{field: figure})
    out = checked_json(make_workbook(app_type, values), capsys)
    assert out["eligible"] is None, out["findings"]
    assert code not in _codes(out) and "FIELD_PERIOD" in _codes(out), out["findings"]
    said = [f for f in out["findings"] if f["code"] == "ELIG_MISSING" and "只有6个月" in f["message"]]
    assert said and "连续12个月" in said[0]["message"] and said[0]["cell"], out["findings"]


@pytest.mark.parametrize("start", [date(2023, 1, 1), date(2022, 12, 1)])   # 12 months; 13 months
def test_a_year_or_more_under_its_threshold_still_fails(make_workbook, capsys, start):
    values = example("team", sb_period_start=start, sb_period_end=date(2023, 12, 1), sb_live_sales=490)
    out = checked_json(make_workbook("team", values), capsys)
    assert out["eligible"] is False and "ELIG_LIVE_SALES" in _codes(out), out["findings"]


def test_an_enterprise_of_no_one_kind_under_both_thresholds_for_fewer_months_is_undecided(make_workbook, capsys):
    """Both boxes ticked (平台类 and 服务类), both amounts under both thresholds (1000万元, 200万元): 不达标 whatever the
    kind for a 年度 — but for 6 months the year's may reach either."""
    values = example("enterprise", sb_enterprise_kind="平台类、服务类", sb_trade_total=150, sb_sales=150,
                     sb_online_retail=120, sb_period_start=date(2023, 7, 1), sb_period_end=date(2023, 12, 1))
    out = checked_json(make_workbook("enterprise", values), capsys)
    assert out["eligible"] is None and "ELIG_TRADE" not in _codes(out), out["findings"]


@pytest.mark.parametrize("start,end,said", [(date(2023, 8, 1), date(2024, 7, 1), "只过了8个整月"),     # FIELD_PERIOD error
                                            (date(2023, 5, 1), date(2024, 4, 1), "只过了11个整月")])   # its warning
def test_a_period_not_over_at_the_fill_date_under_its_threshold_is_undecided(make_workbook, capsys, start, end, said):
    """填表时间 2024-04-15 and a 统计期 ending in April (the tool's own warning: 该月尚未结束，数据可能不完整) or after
    it: the figure is of the months gone by, fewer than 12 — 490万 then decides nothing of 500万."""
    values = example("team", sb_period_start=start, sb_period_end=end, sb_live_sales=490)
    out = checked_json(make_workbook("team", values), capsys)
    assert out["eligible"] is None and "ELIG_LIVE_SALES" not in _codes(out), out["findings"]
    assert [f for f in out["findings"] if f["code"] == "ELIG_MISSING" and said in f["message"]], out["findings"]
