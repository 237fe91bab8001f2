"""成立日期 typed to the year only ("2020年", 2020): 成立年限 decides when every day of that year agrees.

The notice (二、申报条件) asks 园区 for 成立时间2年以上 and the others for 1年以上, counted to
填表时间. A year alone stands for 1 January to 31 December; with 填表时间 2024-04-15 (the
examples') every day of 2020 is old enough for a team, 2023 may or may not be (待定), and no day
of 2023 is two years old for a park (不达标). Real workbooks made by ``shibai new``.
"""
from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example

FILL = date(2024, 4, 15)


def _age(result):
    return next(c for c in result.eligibility.conditions if c.topic == "age")


def _at(result, field, code=None):
    return [f for f in result.findings if f.field == field and (code is None or f.code == code)]


def _check(make_workbook, app_type, established, **changes):
    values = example(app_type, sb_established=established, **changes)
    assert values["sb_fill_date"] == FILL
    return check_file(make_workbook(app_type, values))


@pytest.mark.parametrize("typed", ["2020年", "2020", "２０２０年", "二〇二〇年"])
def test_a_year_every_day_of_which_is_old_enough_passes(make_workbook, typed):
    r = _check(make_workbook, "team", typed)
    age = _age(r)
    assert age.status == "达标" and "成立日期只填到年份" in age.reason and "2020年" in age.reason, age
    assert r.eligible is True, [(c.label, c.reason) for c in r.eligibility.conditions]
    # a year is not a date: a warning asks for the full date, never an error
    [f] = _at(r, "sb_established")
    assert f.code == "FIELD_DATE" and f.severity == "warning" and "只填了年份" in f.message, f
    assert f.sheet == "补充信息" and f.cell


def test_a_year_whose_days_disagree_is_undecided(make_workbook):
    # 2023-01-01 … 2024-01-01 is one year, 2023-12-31 … 2024-12-31 is not yet: 待定
    r = _check(make_workbook, "team", "2023年")
    age = _age(r)
    assert age.status == "待定" and "成立日期只填到年份" in age.reason, age
    assert r.eligible is None
    missing = _at(r, "sb_established", "ELIG_MISSING")
    assert missing and "只填到年份" in missing[0].message and "请填写具体日期" in missing[0].message
    assert not [f for f in _at(r, "sb_established") if f.severity == "error"]


@pytest.mark.parametrize("typed,status", [("2021年", "达标"), ("2022年", "待定"), ("2023年", "不达标")])
def test_a_park_needs_two_years_from_every_day_of_the_year(make_workbook, typed, status):
    # 2021-12-31 + 2 years = 2023-12-31 ≤ 2024-04-15; 2022: 2024-01-01 ≤ 2024-04-15 < 2024-12-31; 2023: 2025-01-01
    r = _check(make_workbook, "park", typed)
    age = _age(r)
    assert age.status == status, age
    assert "成立日期只填到年份" in age.reason
    if status == "不达标":
        assert r.eligible is False
        [f] = _at(r, "sb_established", "ELIG_AGE")
        assert "成立日期2023年" in f.message and "最早2025年01月01日才满2年" in f.message, f.message


def test_2020_typed_into_the_date_formatted_cell(make_workbook):
    """Excel stores it as serial 2020 and shows 1905年7月12日; the reader gets that date."""
    r = _check(make_workbook, "team", 2020)
    assert _age(r).status == "达标"
    [f] = _at(r, "sb_established")
    assert f.severity == "warning" and "1905年7月12日" in f.message and "2020" in f.message, f.message


def test_2020_typed_into_a_general_cell(make_workbook):
    path = make_workbook("team", example("team"))
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_established")
    cell.number_format, cell.value = "General", 2020
    wb.save(path)
    r = check_file(path)
    assert _age(r).status == "达标"
    [f] = _at(r, "sb_established")
    assert f.severity == "warning" and "1905" not in f.message and "只填了年份" in f.message, f.message


def test_a_month_only_date_is_read_as_before(make_workbook):
    r = _check(make_workbook, "park", "2022年3月")
    assert _age(r).status == "达标" and "只填到月份" in _age(r).reason
    assert not _at(r, "sb_established")
    r = _check(make_workbook, "park", "2022年4月")
    assert _age(r).status == "待定" and "成立日期只填到月份" in _age(r).reason


def test_a_year_after_the_fill_date_is_shown_as_typed(make_workbook):
    r = _check(make_workbook, "team", "2025年")
    assert _age(r).status == "不达标"
    later = [f for f in _at(r, "sb_established", "FIELD_DATE") if f.severity == "error"]
    assert later and "“2025年”" in later[0].message and "晚于填表时间" in later[0].message, later


def test_other_date_fields_still_refuse_a_year(make_workbook):
    """填表时间 needs its month (一、申报时间 2024年4月-12月), 统计期 its months: a year alone stays an error."""
    r = check_file(make_workbook("team", example("team", sb_fill_date="2024年")))
    [f] = _at(r, "sb_fill_date", "FIELD_DATE")
    assert f.severity == "error" and "只填了年份，请填写年月" in f.message
    assert _age(r).status == "待定"
    r = check_file(make_workbook("team", example("team", sb_period_start="2023", sb_period_end="2023年")))
    for name in ("sb_period_start", "sb_period_end"):
        [f] = _at(r, name, "FIELD_DATE")
        assert f.severity == "error" and "只填了年份" in f.message
