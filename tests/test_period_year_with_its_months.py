"""统计期 typed as a year with its months said beside it — "2023年度（1-12月）", "2023年（1-12月）", "2023年度1-12月" —
as bureau staff write the 统计期 of the notice's "(202x年x月-202x年x月)": January to December 2023, 12 consecutive
months. Before, the bracketed months made the cell unread (FIELD_DATE, verdict 待定). A part of the year said so
("2023年（1-6月）") stays that part: a FIELD_PERIOD error, as "2023年1-6月" is."""
from __future__ import annotations

import pytest

from shibai_xl.engine.parse.dates import parse_period
from tests.conftest import checked_json, example

WHOLE = ["2023年度（1-12月）", "2023年（1-12月）", "2023年度(1月-12月)", "2023年度1-12月", "2023年度 1至12月",
         "2023年（1月至12月份）", "2023年1-12月", "2023年全年", "2023年1月-12月", "2023.1-2023.12",
         "2023年度（2023.1-2023.12）", "2023年度（全年）"]


@pytest.mark.parametrize("typed", WHOLE)
def test_a_year_with_its_months_is_january_to_december(typed):
    assert [(p.value.year, p.value.month) for p in parse_period(typed)] == [(2023, 1), (2023, 12)]


@pytest.mark.parametrize("typed", ["2023年（1-6月）", "2023年度（1-6月）", "2023年1-6月"])
def test_a_part_of_the_year_stays_that_part(typed):
    assert [(p.value.year, p.value.month) for p in parse_period(typed)] == [(2023, 1), (2023, 6)]


@pytest.mark.parametrize("typed", ["2023年度（2022.1-2022.12）", "2023年（2024年1月-12月）"])
def test_months_that_do_not_fit_the_year_are_no_period(typed):
    assert parse_period(typed) is None


@pytest.mark.parametrize("typed", WHOLE)
def test_check_reads_the_year_typed_with_its_months(make_workbook, capsys, typed):
    path = make_workbook("enterprise", example("enterprise", sb_period_start=typed, sb_period_end=None))
    got = checked_json(path, capsys)
    assert not [f["message"] for f in got["findings"] if f["code"] in ("FIELD_DATE", "FIELD_PERIOD")]
    assert got["eligible"] is True


def test_check_keeps_half_a_year_half(make_workbook, capsys):
    path = make_workbook("enterprise", example("enterprise", sb_period_start="2023年（1-6月）", sb_period_end=None))
    got = checked_json(path, capsys)
    said = [f["message"] for f in got["findings"] if f["code"] == "FIELD_PERIOD"]
    assert said and "为6个月，应为连续12个月" in said[0], said
    assert got["eligible"] is not True
