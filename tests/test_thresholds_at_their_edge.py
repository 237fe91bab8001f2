"""The notice's figures at their exact edge, as applicants write them (QA qa63h): the inclusive words the notice itself
uses ("5个及以上", 附件5 园区 1.1.3; "1个及以上", 团队 2.1.3) and a 统计期 written from a day to the same day a year
later, which 民法典 第二百零一条、第二百零二条 count as one year (as 成立年限 is counted, README). Checked with
``shibai check --json`` on workbooks made by ``shibai new``."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json


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


@pytest.mark.parametrize("typed", ["5个及以上", "5个（含）以上", "5个或以上", "6个及以上"])
def test_a_count_written_with_the_notices_own_jiyishang_is_its_lower_bound(make_workbook, capsys, typed):
    """附件5 园区 1.1.3 itself says "公共区域…5个及以上": a park typing its count that way ("5个及以上", or "5个（含）以上"
    saying 含本数) states the criterion, as "5个以上" does (以上 includes the number). It was "无法识别" — a FIELD_AMOUNT
    error and the item 数据缺失, 0 of 5 points — while "5个以上" earned it."""
    j = run_json(make_workbook("park", example("park", sb_public_areas=typed)), capsys)
    it = item(j, "1.1.3")
    assert it["auto"] == 5 and "按下限" in it["reason"], it
    said = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"]
    assert len(said) == 1 and said[0]["severity"] == "warning" and "不是确切数字" in said[0]["message"], said


@pytest.mark.parametrize("typed", ["3600万元及以上", "3600万元（含）以上", "3000万元及以上"])
def test_an_amount_written_with_jiyishang_meets_the_threshold_it_reaches(make_workbook, capsys, typed):
    """二（二）1 其中网络零售额 3000 万元以上: "3000万元及以上" is at least 3000万元 — 达标, with the warning asking for the
    exact figure; it was 无法识别 and the 前置条件 待定."""
    j = run_json(make_workbook("park", example("park", sb_online_retail=typed)), capsys)
    assert j["eligible"] is True, j["findings"]
    said = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"]
    assert said and all(f["severity"] == "warning" for f in said) and "按下限" in said[0]["message"], said


@pytest.mark.parametrize("text,count", [("好" * 146 + "……", 148), ("园区面积3万㎡，" + "好" * 140, 148),
                                        ("好" * 147 + "⑴", 148)])
def test_the_150_characters_are_counted_as_typed(make_workbook, capsys, text, count):
    """附件4 企业运营情况及主要业绩（不少于150字）: the characters typed are counted. They were counted after NFKC, where
    the Chinese ellipsis "…" is three characters, "㎡" two ("m2") and "⑴" three ("(1)"): 148 characters typed with
    "……" counted 152 and passed the 150 without the warning."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_performance=text)), capsys)
    short = [f for f in j["findings"] if f["code"] == "FIELD_TEXT_SHORT"]
    assert len(short) == 1 and f"现为{count}字" in short[0]["message"], j["findings"]


def test_150_characters_typed_with_an_ellipsis_are_enough(make_workbook, capsys):
    j = run_json(make_workbook("enterprise", example("enterprise", sb_performance="好" * 148 + "……")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_TEXT_SHORT"], j["findings"]


def _staff(make_workbook, capsys, typed: str) -> tuple[dict, dict]:
    # no 入驻企业名单 rows: the list's 从业人数 would decide the item over the form's answer (README)
    j = run_json(make_workbook("park", example("park", sb_staff_50=typed), residents=[]), capsys)
    return j, item(j, "2.4.1")


def test_staff_counted_in_the_questions_own_unit_below_fifty_contradicts_a_yes(make_workbook, capsys):
    """附件2 园区 item 16 asks "入驻企业员工总数不低于 50 个" (附件5 2.4.1 the same): "是（48个）" gives 48, under 50,
    as "是（48人）" does. It was not read — 5 points and no FIELD_INCONSISTENT — while "是（48人）" earned 0."""
    j, it = _staff(make_workbook, capsys, "是（48个）")
    assert it["auto"] == 0 and "48" in it["reason"], it
    assert [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT" and "48" in f["message"]], j["findings"]


@pytest.mark.parametrize("typed,points", [("48个", 0), ("50个", 5), ("56个", 5)])
def test_staff_typed_as_a_figure_in_the_questions_unit_is_read(make_workbook, capsys, typed, points):
    """"56个" in the 是/否 cell answers the question by its figure, as "56人" does (README: 是/否格里直接填了数字的): it
    was a FIELD_CHOICE error and the item 数据缺失."""
    j, it = _staff(make_workbook, capsys, typed)
    assert it["auto"] == points, it
    said = [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"]
    assert len(said) == 1 and said[0]["severity"] == "warning", said


def test_a_count_of_companies_in_the_staff_remark_is_no_staff_figure(make_workbook, capsys):
    j, it = _staff(make_workbook, capsys, "是（入驻企业12个）")
    assert it["auto"] == 5, it
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


@pytest.mark.parametrize("app_type,typed,points", [
    ("park", "是（每年培训4场，单次60人）", 0), ("park", "是（每年开展培训4期，每期60人）", 0),
    ("park", "是（每年培训5场，每场50人）", 5), ("base", "是（每年培训1场，每场30人）", 0),
    ("base", "是（每年培训2期，每期20人）", 5), ("park", "是（第3期培训班60人，每年6次）", 5)])
def test_trainings_counted_in_sessions_are_the_yearly_count(make_workbook, capsys, app_type, typed, points):
    """附件5 园区 2.2.2 每年开展电商人才培训次数不少于5次 (基地 2次): "每年培训4场" / "4期" is 4 trainings, under 5, as
    "4次" is. It was not read: the item kept its 5 points with no FIELD_INCONSISTENT. ("第3期" is an ordinal, no count.)"""
    j = run_json(make_workbook(app_type, example(app_type, sb_talent_policy=typed)), capsys)
    it = item(j, "2.2.2")
    assert it["auto"] == points, it
    said = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert bool(said) == (points == 0), j["findings"]
