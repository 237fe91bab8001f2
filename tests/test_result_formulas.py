"""adapters.xlsx.result_formulas: a clerk's formulas in the 校验结果 sheet follow the rows the next check moved."""
from __future__ import annotations

from shibai_xl.adapters.xlsx.result_formulas import repoint, with_formulas
from shibai_xl.engine.plan import Formula
from shibai_xl.engine.result_rows import merge_rows

MOBILE = ["错误", "FIELD_MOBILE", "手机号码格式错误", "申报表!C10"]
NAME = ["错误", "FIELD_REQUIRED", "必填项为空：名称", "申报表!C3"]
USCC = ["错误", "FIELD_USCC", "统一社会信用代码错误", "补充信息!B6"]


def _merged(old, formulas, new):
    rows = with_formulas(old, formulas, 5)
    merged = merge_rows(rows, new)
    return merged, repoint(merged, len(rows), 5, "校验结果")


def test_references_follow_their_rows_and_a_count_of_all_results_spans_the_new_ones():
    old = [NAME, MOBILE, USCC, [], ["问题数", 3], ["核对", 1]]
    formulas = {(6, 5): "=LEN(C6)&$A$1", (9, 2): "=COUNTA(B5:B7)", (10, 2): "=B9*2+SUM(其他!B5:B7)"}
    merged, said = _merged(old, formulas, [MOBILE, USCC])
    assert not said
    assert merged.rows[0] == MOBILE + [Formula("=LEN(C5)&$A$1")]
    assert merged.rows[-2:] == [["问题数", "=COUNTA(B5:B6)"], ["核对", "=B8*2+SUM(其他!B5:B7)"]]
    assert all(isinstance(r[1], Formula) for r in merged.rows[-2:])


def test_a_reference_to_a_result_that_is_gone_is_kept_as_typed_and_said():
    old = [NAME, MOBILE, USCC, [], ["姓名行长度", 9], ["部分", 2]]
    formulas = {(9, 2): "=LEN(C5)", (10, 2): "=COUNTA(B6:B7)"}
    merged, said = _merged(old, formulas, [MOBILE, USCC])
    assert merged.rows[-2:] == [["姓名行长度", "=LEN(C5)"], ["部分", "=COUNTA(B6:B7)"]]
    assert len(said) == 2 and "公式原样保留" in said[0] and "C5" in said[0]
