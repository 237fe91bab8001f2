"""二（二）成立时间在1年以上 with a 填表时间 typed before 一、申报时间 (2024年4月-12月): the age is counted over the days of
the window, not to the 填表时间 (test_notice_letter_age_before_window). The reason and ELIG_AGE said "至填表时间2024年03月
20日已满1年", what was not counted; they now say the days of 申报时间 they were counted to. QA qa58d."""
from datetime import date

from shibai_xl.jobs.check_file import check_file
from tests.conftest import example


def _age(make_workbook, established, fill=date(2024, 3, 20)):
    result = check_file(make_workbook("base", example("base", sb_fill_date=fill, sb_established=established)))
    cond = next(c for c in result.eligibility.conditions if c.topic == "age")
    age = [f.message for f in result.findings if f.code == "ELIG_AGE"]
    return cond, age


def test_a_pass_counted_over_the_window_says_so(make_workbook):
    cond, _ = _age(make_workbook, date(2023, 3, 25))
    assert cond.status == "达标" and "至填表时间" not in cond.reason, cond.reason
    assert "填表时间2024年03月20日早于申报时间2024年4月-12月" in cond.reason, cond.reason
    assert "至申报时间第一天2024年04月01日已满1年（申报时间内任何一天都已满）" in cond.reason, cond.reason


def test_a_fail_counted_to_the_close_says_so(make_workbook):
    cond, age = _age(make_workbook, date(2024, 1, 5))
    assert cond.status == "不达标" and "至填表时间" not in cond.reason, cond.reason
    assert "至申报截止2024年12月31日不满1年" in cond.reason, cond.reason
    assert len(age) == 1 and "至申报截止2024年12月31日仍不满1年" in age[0] and "早于申报时间" in age[0], age


def test_a_fill_date_after_the_window_says_the_close(make_workbook):
    cond, _ = _age(make_workbook, date(2023, 3, 25), fill=date(2025, 3, 1))
    assert cond.status == "达标" and "至填表时间" not in cond.reason, cond.reason
    assert "填表时间2025年03月01日晚于申报时间2024年4月-12月，至申报截止2024年12月31日已满1年" in cond.reason, cond.reason


def test_a_fill_date_in_the_window_is_said_as_before(make_workbook):
    cond, _ = _age(make_workbook, date(2023, 3, 25), fill=date(2024, 5, 20))
    assert cond.reason.startswith("成立日期2023年03月25日，至填表时间2024年05月20日已满1年"), cond.reason
