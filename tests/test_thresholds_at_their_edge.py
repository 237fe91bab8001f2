"""The notice's figures at their exact edge, as applicants write them (QA qa63h): the inclusive words the notice itself
uses ("5个及以上", 附件5 园区 1.1.3; "1个及以上", 团队 2.1.3) and a 统计期 written from a day to the same day a year
later, which 民法典 第二百零一条、第二百零二条 count as one year (as 成立年限 is counted, README). Checked with
``shibai check --json`` on workbooks made by ``shibai new``."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import run_json


def _period(j: dict) -> list[dict]:
    return [f for f in j["findings"] if f["code"] == "FIELD_PERIOD"]


@pytest.mark.parametrize("start,end", [("2023年1月15日", "2024年1月15日"), ("2022.12.10", "2023.12.10"),
                                       ("2023年1月15日", "2024年1月14日")])
def test_a_period_from_a_day_to_the_same_day_a_year_later_is_twelve_months(make_workbook, capsys, start, end):
    """"2023年1月15日-2024年1月15日" is one year (民法典 第二百零一条: 开始的当日不计入; 第二百零二条: 到期月的对应日为
    期间的最后一日), as 2022-04-15 → 2024-04-15 is exactly 2 years of 成立年限. It was read as 2023年01月-2024年01月,
    "为13个月，应为连续12个月": a FIELD_PERIOD error and the 前置条件 待定."""
    j = run_json(make_workbook("team", example("team", sb_period_start=start, sb_period_end=end)), capsys)
    assert j["eligible"] is True and not _period(j), j["findings"]


def test_a_period_a_day_past_the_year_is_still_too_long(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_period_start="2023年1月15日", sb_period_end="2024年1月16日")),
                 capsys)
    assert j["eligible"] is None
    [f] = _period(j)
    assert f["severity"] == "error" and "应为连续12个月" in f["message"], f
