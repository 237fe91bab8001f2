"""统计期 typed as a year with its months said beside it — "2023年度（1-12月）", "2023年（1-12月）", "2023年度1-12月" —
as bureau staff write the 统计期 of the notice's "(202x年x月-202x年x月)": January to December 2023, 12 consecutive
months. Before, the bracketed months made the cell unread (FIELD_DATE, verdict 待定). A part of the year said so
("2023年（1-6月）") stays that part: a FIELD_PERIOD error, as "2023年1-6月" is. The same in the printed label of a
form retyped by hand ("(2023年度1-12月)年度直播销售额")."""
from __future__ import annotations

from datetime import date

import pytest

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from shibai_xl.engine.parse.dates import parse_period
from tests.conftest import checked_json, example
from tests.test_printed_layout import printed_team

WHOLE = ["2023年度（1-12月）", "2023年（1-12月）", "2023年度(1月-12月)", "2023年度1-12月", "2023年度 1至12月",
         "2023年（1月至12月份）", "2023年1-12月", "2023年全年", "2023年1月-12月", "2023.1-2023.12",
         "2023年度（2023.1-2023.12）", "2023年度（全年）", "2023年1月1日-12月31日", "2023年1月1日至12月31日",
         "2023年度（1月1日-12月31日）"]


@pytest.mark.parametrize("typed", WHOLE)
def test_a_year_with_its_months_is_january_to_december(typed):
    assert [(p.value.year, p.value.month) for p in parse_period(typed)] == [(2023, 1), (2023, 12)]


@pytest.mark.parametrize("typed", ["2023年（1-6月）", "2023年度（1-6月）", "2023年1-6月", "2023年1月1日-6月30日"])
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


@pytest.mark.parametrize("lead", ["(2023年度1-12月)年度直播销售额", "(2023年度（1-12月）)年度直播销售额",
                                  "（2023年（1月-12月））年度直播销售额", "(2023年度 1至12月)年度直播销售额"])
def test_a_year_with_its_months_written_into_the_printed_label(tmp_path, lead):
    """The form retyped by hand, its printed "(202x年x月-202x年x月)年度直播销售额" filled in as a year with its months:
    the label was not known (统计期 and the 直播销售额 itself 未填写, 待定); it reads as "(2023年度)" does."""
    def said(result):
        return [f.message for f in result.findings if f.code in ("FIELD_DATE", "FIELD_PERIOD", "FIELD_REQUIRED")]

    months = check(read_application(printed_team(tmp_path / "团队.xlsx", lead="(2023年1月-2023年12月)年度直播销售额")))
    result = check(read_application(printed_team(tmp_path / "团队.xlsx", lead=lead)))
    assert (result.values["sb_period_start"], result.values["sb_period_end"]) == (date(2023, 1, 1), date(2023, 12, 1))
    assert result.values["sb_live_sales"] == 500 and result.eligible is True
    assert said(result) == said(months) and "FIELD_DATE" not in result.codes()


def test_half_a_year_written_into_the_printed_label_stays_half(tmp_path):
    result = check(read_application(printed_team(tmp_path / "团队.xlsx", lead="(2023年度1-6月)年度直播销售额")))
    assert result.values["sb_period_end"] == date(2023, 6, 1) and result.eligible is not True
    assert any("为6个月" in f.message for f in result.findings if f.code == "FIELD_PERIOD")
