"""A value that is filled but cannot be read is said as typed (not "未填写", not 1.0 for the 1 typed).
Real workbooks made by ``shibai new`` and filled by defined name (the reader gives whole numbers as floats)."""
from __future__ import annotations

import pytest

from shibai_xl.examples import example_residents
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example


def _check(make_workbook, app_type="park", residents="default", **changes):
    return check_file(make_workbook(app_type, example(app_type, **changes), residents=residents))


def _item(result, item_id):
    return next(i for i in result.score.items if i.id == item_id)


def test_unreadable_usd_is_said_once_as_typed(make_workbook):
    r = _check(make_workbook, sb_crossborder_usd="800000元")
    for item_id in ("4.2", "4.3"):
        reason = _item(r, item_id).reason
        assert "跨境电商年销售额填写为“800000元”，无法识别" in reason and "未填写" not in reason, reason
        assert reason.count("800000元") == 1, reason


@pytest.mark.parametrize("field,value,item_id,said", [
    ("sb_live_rooms", "约10间", "1.1.3", "直播间填写为“约10间”，无法识别"),
    ("sb_has_platform", "待补充", "1.2.1", "“有管理中台”填写为“待补充”，无法识别"),
    ("sb_public_areas", -5, "1.1.3", "填写为“-5”，无法识别"),
])
def test_an_item_says_which_answer_cannot_be_read(make_workbook, field, value, item_id, said):
    r = _check(make_workbook, **{field: value})
    reason = _item(r, item_id).reason
    assert said in reason and "未填写" not in reason, reason


def test_whole_numbers_are_quoted_as_typed(make_workbook):
    r = _check(make_workbook, sb_public_areas=-5)
    f = next(f for f in r.findings if f.field == "sb_public_areas")
    assert "“-5”" in f.message and "-5.0" not in f.message, f.message
    rows = example_residents("park")
    rows[0]["从业人数"] = -5
    r = _check(make_workbook, residents=rows)
    f = next(f for f in r.findings if f.code == "XC_RESIDENT_ROW")
    assert "从业人数“-5”不能为负数" in f.message, f.message


def test_a_one_in_a_yes_no_cell_is_read_as_the_one_typed(make_workbook):
    """"1" is a 是 (values._YES); the 1.0 a reader gives for it is the same answer."""
    r = _check(make_workbook, sb_has_platform=1)
    assert _item(r, "1.2.1").auto > 0 and "FIELD_CHOICE" not in r.codes()
    r = _check(make_workbook, sb_has_platform=2)
    f = next(f for f in r.findings if f.field == "sb_has_platform")
    assert "填写为“2”" in f.message, f.message


def test_typed():
    from shibai_xl.engine.fmt import typed
    assert [typed(v) for v in (1.0, -5.0, 0.15, 12, "10间以上", None)] == ["1", "-5", "0.15", "12", "10间以上", ""]


def test_a_logical_value_is_quoted_as_the_sheet_shows_it_in_chinese(make_workbook):
    """TRUE typed (or a checkbox's linked cell) where a number belongs is quoted as TRUE（是）, never Python's "True"."""
    r = _check(make_workbook, sb_live_rooms=True, sb_trade_total=False)
    said = [f.message for f in r.findings if f.code == "FIELD_AMOUNT"]
    assert any("填写为“TRUE（是）”" in m for m in said) and any("填写为“FALSE（否）”" in m for m in said), said
    assert not [m for f in r.findings for m in (f.message,) if "True" in m or "False" in m]
    assert "True" not in _item(r, "1.1.3").reason
