"""二（二）“成立时间在 1 年以上” is met or not on the day of 申报, which is a day of 一、申报时间 (2024年4月-12月). A 填表时间
typed before it (FIELD_DATE error) is no day of 申报: a company 1 year old on every day of the window passes, one not 1
year old even on its last day fails, and one that is only on some of its days is 待定 — as for a blank 填表时间."""
from datetime import date

from shibai_xl.jobs.check_file import check_file
from tests.conftest import example


def _age(make_workbook, established):
    result = check_file(make_workbook("base", example("base", sb_fill_date=date(2024, 3, 20),
                                                      sb_established=established)))
    cond = next(c for c in result.eligibility.conditions if c.topic == "age")
    codes = {f.code for f in result.findings}
    assert "FIELD_DATE" in codes      # the 填表时间 outside 一、申报时间 is said as before
    return result, cond, codes


def test_a_year_old_on_every_day_of_the_window_passes(make_workbook):
    result, cond, codes = _age(make_workbook, date(2023, 3, 25))
    assert cond.status == "达标" and result.eligible is True, cond
    assert "ELIG_AGE" not in codes
    assert "早于申报时间2024年4月-12月" in cond.reason and "已满1年" in cond.reason, cond.reason


def test_a_year_old_on_some_days_of_the_window_is_undecided(make_workbook):
    result, cond, codes = _age(make_workbook, date(2023, 6, 1))
    assert cond.status == "待定" and result.eligible is None, cond
    assert "ELIG_AGE" not in codes
    assert "2024年06月01日" in cond.reason and "无法确定" in cond.reason, cond.reason


def test_not_a_year_old_even_at_the_close_fails(make_workbook):
    result, cond, codes = _age(make_workbook, date(2024, 1, 5))
    assert cond.status == "不达标" and result.eligible is False, cond
    assert "ELIG_AGE" in codes
