"""An expert wrote his comment into the 指标 cell (after the criterion's words, or over them) instead of 备注: the
collection took his scores and his comment was gone without a trace. It is now on the result's “专家备注” sheet with
the cell, as his other remarks are; the criterion's own words, retyped or cut shorter, are nothing to list."""
from __future__ import annotations

from .test_review_returned_books import _remarks, _returned, issued  # noqa: F401 (the fixture)


def test_a_comment_typed_into_the_criterion_cell_is_listed_with_the_remarks(issued, tmp_path):  # noqa: F811
    def edit(wb):
        ws = wb["评分表"]
        ws["I5"] = f"{ws['I5'].value}（现场核查：实际面积不足，扣分）"    # 园区01 1.1.1: after the criterion
        ws["I6"] = "材料缺失"                                             # 园区01 1.1.2: over it
        ws["I7"] = str(ws["I7"].value)[:10]                               # cut shorter to fit the print: nothing
    _returned(issued, tmp_path, "丙", edit)
    assert _remarks(tmp_path / "评审结果.xlsx") == [
        ("园区01", "1.1.1", "丙", "指标栏中另写：（现场核查：实际面积不足，扣分）", "评分表!I5"),
        ("园区01", "1.1.2", "丙", "指标栏中另写：材料缺失", "评分表!I6")]
