"""engine.result_rows: the next check's 校验结果 rows keep what a person typed beside and under the last ones."""
from __future__ import annotations

from shibai_xl.engine.result_rows import RESOLVED_TITLE, merge_rows

MOBILE = ["错误", "FIELD_MOBILE", "手机号码格式错误", "申报表!C10"]
NAME = ["错误", "FIELD_REQUIRED", "必填项为空：名称", "申报表!C3"]
MATS = ["提示", "MAT_MISSING", "申报材料不全", ""]


def test_a_finding_keeps_its_note_where_it_moved_and_lines_under_follow():
    old = [NAME + [None, "已通知"], MOBILE + ["处理意见：已电话通知补正"], [], ["审核人：张三"], [None], []]
    out = merge_rows(old, [MOBILE, ["警告", "FIELD_DATE", "日期", "申报表!C2"]])
    assert out.rows[0] == MOBILE + ["处理意见：已电话通知补正"]
    assert out.rows[1] == ["警告", "FIELD_DATE", "日期", "申报表!C2"]
    assert out.rows[2:5] == [[], [RESOLVED_TITLE], NAME + [None, "已通知"]]
    assert out.rows[5:] == [[], ["审核人：张三"]]           # trailing blank rows dropped
    assert "1条问题" in out.said[0]


def test_a_note_typed_in_the_empty_位置_of_a_finding_stays():
    out = merge_rows([MATS[:3] + ["已补交纸质材料"]], [MATS])
    assert out.rows == [MATS[:3] + ["已补交纸质材料"]] and not out.said


def test_a_second_check_changes_nothing_of_the_persons():
    old = [MOBILE + ["意见"], NAME + ["已通知"], [], ["审核人：张三"]]
    first = merge_rows(old, [MOBILE])
    again = merge_rows(first.rows, [MOBILE])
    assert again.rows == first.rows and not again.said
    third = merge_rows(first.rows, [])       # every problem gone: one 已解决的问题 block, both notes in it
    assert third.rows.count([RESOLVED_TITLE]) == 1
    assert MOBILE + ["意见"] in third.rows and NAME + ["已通知"] in third.rows
    assert third.rows[-1] == ["审核人：张三"]


def test_rows_without_anything_typed_are_simply_replaced():
    out = merge_rows([MOBILE, NAME, [None, None, None, None]], [NAME])
    assert out.rows == [NAME] and not out.said


def test_a_line_typed_between_two_results_stays_under_its_finding_and_old_results_are_not_repeated():
    """A clerk inserted a row under a finding and wrote 已电话通知: the results below it were taken for lines typed
    under the results and written again, under the new ones, as if still found."""
    old = [MOBILE, ["已电话通知", None, None, None, "张三"], NAME, MATS, [], ["审核人：张三"]]
    out = merge_rows(old, [NAME, MOBILE])
    assert out.rows == [NAME, MOBILE, ["已电话通知", None, None, None, "张三"], [], ["审核人：张三"]]
    assert out.sources == [2, 0, 1, 4, 5] and out.at == [0, 1]
    assert not out.said
    again = merge_rows(out.rows, [NAME, MOBILE])
    assert again.rows == out.rows


def test_a_line_between_results_goes_with_its_finding_when_that_is_resolved():
    old = [MOBILE, ["已电话通知"], NAME]
    out = merge_rows(old, [NAME])
    assert out.rows == [NAME, [], [RESOLVED_TITLE], MOBILE, ["已电话通知"]]
    assert "1条问题" in out.said[0]


def test_a_line_typed_above_the_first_result_stays_first():
    out = merge_rows([["初审意见：材料基本齐全"], MOBILE, NAME, [], ["审核人：张三"]], [NAME])
    assert out.rows == [["初审意见：材料基本齐全"], NAME, [], ["审核人：张三"]]
    assert out.at == [1] and not out.said
