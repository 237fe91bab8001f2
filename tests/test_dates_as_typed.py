"""What clerks put in the date cells (填表时间, 成立日期, 统计期), through the real CLI on forms made by ``shibai new``."""
from __future__ import annotations

import json
from datetime import date

import pytest

from shibai_xl.faces.cli import main
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example
from tests.libreoffice import convert_many, need_soffice
from tests.test_negative_dates import _typed


def _check(path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _said(result: dict, cell: str) -> list[str]:
    return [f["message"] for f in result["findings"] if f["cell"] == cell]


def test_an_excel_serial_typed_as_text_is_read_and_questioned(make_workbook, capsys):
    """"45432" in a text cell (a date cell's value pasted as text): the printed form shows 45432, not a date. It is
    read as the day Excel numbers so (2024-05-20), and the clerk is asked to type the date."""
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))),
                  {"sb_fill_date": "45432"}, "@")
    result = _check(path, capsys)
    assert result["eligible"] is True
    said = [m for m in result["findings"] if "45432" in m["message"]]
    assert len(said) == 1 and said[0]["severity"] == "warning", result["findings"]
    assert "2024年05月20日" in said[0]["message"] and "序号" in said[0]["message"], said


def test_the_period_typed_with_the_forms_dash(make_workbook, capsys):
    """The form prints "(202x年x月-202x年x月) 起" and "… 止" on two rows: the clerk copies the dash into the start cell
    ("2023年1月-") or starts the end cell with "至". The months are clear: no error, eligible as with plain months."""
    path = _typed(make_workbook("enterprise"), {"sb_period_start": "2023年1月-", "sb_period_end": "至2023年12月"}, "@")
    result = _check(path, capsys)
    assert result["eligible"] is True, result["findings"]
    assert not [f for f in result["findings"] if f["code"] in ("FIELD_DATE", "FIELD_PERIOD")], result["findings"]


@pytest.mark.parametrize("start,end", [("自2023年1月", "至2023年12月止"), ("从2023年1月起", "到2023年12月止"),
                                       ("2023年1月起", "2023年12月止")])
def test_the_period_typed_in_its_two_cells_as_said_in_words(start, end, make_workbook, capsys):
    """"自2023年1月至2023年12月止" typed in one cell is read; split over the form's 起 and 止 cells as the clerk says it
    ("自2023年1月" | "至2023年12月止", "2023年1月起") each was 无法识别的日期格式 and the verdict withheld."""
    path = _typed(make_workbook("enterprise"), {"sb_period_start": start, "sb_period_end": end}, "@")
    result = _check(path, capsys)
    assert result["eligible"] is True, result["findings"]
    assert not [f for f in result["findings"] if f["code"] in ("FIELD_DATE", "FIELD_PERIOD")], result["findings"]


def test_a_date_copied_with_its_weekday_or_time(make_workbook, capsys):
    """A long date copied as text ("2024年4月15日星期一", as Excel's long date format shows it), an export's ISO
    date-time ("2024-04-15T09:30:00"), a time with 上午/下午: the day is read; a weekday that is not that day's is
    questioned."""
    for typed in ("2024年4月15日星期一", "2024年4月15日 周一", "2024-04-15T09:30:00", "2024/4/15 下午 2:30"):
        result = _check(_typed(make_workbook("enterprise"), {"sb_fill_date": typed}, "@"), capsys)
        assert result["eligible"] is True and not _said(result, "C2"), (typed, result["findings"])
    result = _check(_typed(make_workbook("enterprise"), {"sb_fill_date": "2024年4月15日星期三"}, "@"), capsys)
    said = _said(result, "C2")
    assert len(said) == 1 and "星期三" in said[0] and "星期一" in said[0], said


def test_a_company_too_young_by_the_deadline_fails_without_a_fill_date(make_workbook, capsys):
    """填表时间 left empty: 成立日期 2030-01-01 (a typo for 2003, or a date in the future) or 2024-03-01 cannot make an
    enterprise 1 year old by the end of 一、申报时间 (2024年12月), whatever day the form was filled: not eligible, said
    so, not "缺少数据". A company that may be old enough by then stays undecided."""
    for est, eligible in ((date(2030, 1, 1), False), (date(2024, 3, 1), False), (date(2023, 6, 1), None)):
        path = make_workbook("enterprise", example("enterprise", sb_fill_date=None, sb_established=est))
        result = _check(path, capsys)
        assert result["eligible"] is eligible, (est, result["findings"])
        age = [f["message"] for f in result["findings"] if f["code"] == "ELIG_AGE"]
        assert bool(age) is (eligible is False), (est, age)
        if age:
            assert "未填写填表时间" in age[0] and "2024年12月31日" in age[0], age
            assert not [f for f in result["findings"] if f["code"] == "ELIG_MISSING" and "成立年限" in f["message"]]


def test_a_company_old_enough_on_the_first_day_of_the_window_passes_without_a_fill_date(make_workbook, capsys):
    """填表时间 left empty (附件2's "填表时间： 年 月 日" line, often left blank): a park founded 2015-01-01, or in
    March 2022 (typed to the month), is 2 years old on 2024-04-01, the first day of 一、申报时间 (2024年4月-12月), so on
    any day the form can be filled. It was 待定 (缺少数据：填表时间（用于计算成立年限）); now 成立时间2年以上 is 达标,
    said as counted to the start of the window, while the empty 填表时间 stays a FIELD_REQUIRED error to correct.
    A company that is old enough only on some days of the window stays undecided."""
    for est, eligible in ((date(2015, 1, 1), True), ("2022年3月", True), (date(2022, 4, 1), True),
                          (date(2022, 4, 2), None), ("2022年4月", None), ("2022年", None)):
        path = make_workbook("park", example("park", sb_fill_date=None, sb_established=est))
        result = _check(path, capsys)
        assert result["eligible"] is eligible, (est, result["findings"])
        missing = [f for f in result["findings"] if f["code"] == "ELIG_MISSING" and "成立年限" in f["message"]]
        assert bool(missing) is (eligible is None), (est, missing)
        assert not [f for f in result["findings"] if f["code"] == "ELIG_AGE"], (est, result["findings"])
        assert [f["code"] for f in result["findings"] if f["severity"] == "error"] == ["FIELD_REQUIRED"], est
    from shibai_xl.engine.check import check
    from tests.conftest import example_app
    age = next(c for c in check(example_app("park", sb_fill_date=None)).eligibility.conditions if c.topic == "age")
    assert age.status == "达标" and "按申报开始2024年04月01日" in age.reason and "未填写填表时间" in age.reason, age


def test_a_date_cell_in_a_time_format_saved_as_ods(make_workbook, tmp_path):
    """填表时间 2024-04-15 in a cell painted with a time format (hh:mm): .xlsx and .xls read the date; an .ods keeps it
    as a duration (PT1089528H00M00S), which was quoted as such and refused. Read as the same day in all three."""
    need_soffice()
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))),
                  {"sb_fill_date": 45397}, "hh:mm")
    copies = convert_many([path], "ods", tmp_path / "ods")
    for p in (path, copies[path]):
        r = check_file(p)
        assert r.values["sb_fill_date"] == date(2024, 4, 15), [f.message for f in r.findings if f.field == "sb_fill_date"]
        assert not [f for f in r.findings if "PT" in f.message], r.findings


def test_a_date_in_a_duration_format_is_not_dropped(make_workbook):
    """A date cell painted with a duration format ([h]:mm, shows 1089528:00): calamine gives a duration, which the
    reader dropped — the filled 填表时间 was said to be 必填项为空. It is read as the number stored: 45397 is the day
    2024-04-15, as in a hh:mm cell; 0.5 in 成立日期 is said to be no date."""
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))),
                  {"sb_fill_date": 45397, "sb_established": 0.5}, "[h]:mm")
    r = check_file(path)
    assert r.values["sb_fill_date"] == date(2024, 4, 15), [f.message for f in r.findings]
    said = [f.message for f in r.findings if f.field == "sb_established"]
    assert any("填写为“0.5”" in m and "不是日期" in m for m in said), said
    assert not [f for f in r.findings if f.code == "FIELD_REQUIRED" and f.field in ("sb_fill_date", "sb_established")]


def test_the_period_in_chinese_numerals_in_one_cell(make_workbook, capsys):
    """"二〇二三年一月至二〇二三年十二月" in the start cell, the end cell empty: each month alone in Chinese numerals was
    read, the period written so was refused as an unknown date format."""
    typed = {"sb_period_start": "二〇二三年一月至二〇二三年十二月", "sb_period_end": None}
    path = _typed(make_workbook("enterprise"), typed, "@")
    result = _check(path, capsys)
    assert result["eligible"] is True, result["findings"]
    assert not [f for f in result["findings"] if f["code"] in ("FIELD_DATE", "FIELD_PERIOD", "FIELD_REQUIRED")]


def test_the_printed_placeholder_left_partly_empty(make_workbook, capsys):
    """The form's "    年  月  日" kept in the cell and filled in part: "2024年4月  日" is the month given (填表时间 may be a
    month); "    年  月  日" untouched is not filled in (必填项为空), not an unknown date format."""
    typed = {"sb_fill_date": "2024年4月  日", "sb_established": "    年  月  日"}
    result = _check(_typed(make_workbook("enterprise"), typed, "@"), capsys)
    codes = {(f["code"], f["cell"]) for f in result["findings"]}
    assert not [c for c in codes if c[0] == "FIELD_DATE"], result["findings"]
    assert ("FIELD_REQUIRED", "B7") in codes, result["findings"]
    assert not [f for f in result["findings"] if "填表时间" in f["message"] and f["code"] != "RULE_GAP"], result["findings"]


def test_a_founding_date_after_the_fill_date_decides_only_by_the_deadline(make_workbook, capsys):
    """成立日期 later than 填表时间 cannot both be right: a company fills no form before it exists. Which one is the
    typo is unknown — 填表时间 2023-05-10 for 2024 makes a company founded 2023-08-01 look 9 months younger than the form.
    So the 填表时间 is not counted to, as when it is missing (test above): a company too young even on the last day of
    一、申报时间 (成立日期 2025-03-01: 1 year only in 2026) fails whatever day was meant, as before; one that may be old
    enough by then (2023-08-01) is 待定, not 不达标, and the FIELD_DATE names both dates to check."""
    period = dict(sb_period_start=date(2022, 1, 1), sb_period_end=date(2022, 12, 1))
    result = _check(make_workbook("enterprise", example("enterprise", sb_established=date(2023, 8, 1),
                                                        sb_fill_date=date(2023, 5, 10), **period)), capsys)
    assert result["eligible"] is None, result["findings"]
    assert not [f for f in result["findings"] if f["code"] == "ELIG_AGE"], result["findings"]
    [later] = [f["message"] for f in result["findings"] if f["code"] == "FIELD_DATE" and "成立日期" in f["message"]]
    assert "2023年05月10日" in later and "核对填表时间" in later and "营业执照" in later, later
    young = _check(make_workbook("enterprise", example("enterprise", sb_established=date(2025, 3, 1))), capsys)
    assert young["eligible"] is False, young["findings"]
    [age] = [f["message"] for f in young["findings"] if f["code"] == "ELIG_AGE"]
    assert "申报截止2024年12月31日" in age and "早于成立日期" in age, age


def test_the_teams_age_box_beside_a_founding_date_after_the_fill_date(make_workbook, capsys):
    """The team's 是 on “成立时间1年以上” is checked by the same rule as 成立年限 (test above): with 成立日期 after 填表时间
    it is contradicted only when the company is too young even at the end of 一、申报时间, and said so."""
    period = dict(sb_period_start=date(2022, 1, 1), sb_period_end=date(2022, 12, 1))
    maybe = _check(make_workbook("team", example("team", sb_established=date(2023, 8, 1), sb_fill_date=date(2023, 5, 10),
                                                 **period)), capsys)
    assert not [f for f in maybe["findings"] if f["code"] == "FIELD_INCONSISTENT"], maybe["findings"]
    young = _check(make_workbook("team", example("team", sb_established=date(2025, 3, 1))), capsys)
    [said] = [f["message"] for f in young["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert "成立日期至申报截止2024年12月31日不满1年" in said, said
