"""A threshold figure typed platform by platform, as teams and enterprises count their sales ("抖音300万元，快手250万元"
in 年度直播销售额, "天猫800万元，京东400万元" in 年度交易额): the cell was 无法识别 (FIELD_AMOUNT error) and the
application 待定 for a figure the applicant gave whole. Sales on one platform are never sales on another: the figure is
their sum, said in a warning, and 通知 二's threshold (团队 年度直播销售额达到500万以上, 企业 年度交易额≥1000万元) decides
on it — as the 补充信息 粉丝总数 and 农产品销售额 typed so already were (``adds_up`` in the year file)."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import run_json


def _codes(j: dict, code: str, severity: str | None = None) -> list[dict]:
    return [f for f in j["findings"] if f["code"] == code and severity in (None, f["severity"])]


@pytest.mark.parametrize("typed,eligible,total", [("抖音300万元，快手250万元", True, "550万元"),
                                                  ("抖音：300万元；快手：200万元", True, "500万元"),   # 以上 includes it
                                                  ("抖音300万元、快手150万元", False, "450万元")])
def test_a_teams_live_sales_by_platform_add_up_to_its_threshold_figure(make_workbook, capsys, typed, eligible, total):
    j = run_json(make_workbook("team", example("team", sb_live_sales=typed)), capsys)
    assert j["eligible"] is eligible, j["findings"]
    assert [f for f in _codes(j, "FIELD_AMOUNT", "warning") if f"按各项之和{total}计" in f["message"]], j["findings"]
    assert not _codes(j, "FIELD_AMOUNT", "error") and not _codes(j, "ELIG_MISSING"), j["findings"]
    assert bool(_codes(j, "ELIG_LIVE_SALES")) is (not eligible), j["findings"]


def test_an_enterprises_trade_by_platform_adds_up(make_workbook, capsys):
    j = run_json(make_workbook("enterprise", example("enterprise", sb_trade_total="天猫800万元，京东400万元")), capsys)
    assert j["eligible"] is True and not _codes(j, "ELIG_TRADE"), j["findings"]
    assert [f for f in _codes(j, "FIELD_AMOUNT", "warning") if "按各项之和1200万元计" in f["message"]], j["findings"]


@pytest.mark.parametrize("typed", ["抖音约300万元，快手250万元", "600万元，其中抖音300万元", "2023年300万元，2024年550万元"])
def test_a_share_a_year_or_a_figure_not_exact_stays_unread(make_workbook, capsys, typed):
    """No sum of a share of another figure, of two years' figures or of a figure not exact: 待定, as before."""
    j = run_json(make_workbook("team", example("team", sb_live_sales=typed)), capsys)
    assert j["eligible"] is None and _codes(j, "FIELD_AMOUNT", "error"), j["findings"]
