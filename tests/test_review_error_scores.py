"""An error value (#N/A, #DIV/0!) in one cell of an expert's 评分表 — a score pasted from a lookup that failed, a remark
copied with it — as his 小计 sheet shows it once LibreOffice recalculates the book (a real client, as Excel and WPS).
"""
from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from .test_review import BASE_ZY, SOFFICE, recalculated_totals
from .test_review_returned_books import issued  # noqa: F401 (the fixture)

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is needed to recalculate the formulas")


def _with_error(issued, tmp_path, header: str, error: str):  # noqa: F811
    """丙's book with ``error`` in the ``header`` cell of 基地01's 1.1.1 row (10 points, scored 10): its 小计 as
    LibreOffice computes it, and the untouched book's."""
    book = tmp_path / "专家评分表-丙.xlsx"
    shutil.copy(issued[0] / "专家评分表-丙.xlsx", book)
    untouched = recalculated_totals(book, tmp_path / "untouched")
    wb = load_workbook(book)
    ws = wb["评分表"]
    cols = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(5, ws.max_row + 1)
               if ws.cell(r, cols["项目名称"]).value == BASE_ZY and ws.cell(r, cols["指标编号"]).value == "1.1.1")
    ws.cell(row, cols[header]).value = error           # openpyxl writes an error cell (t="e"), as Excel saves one
    assert ws.cell(row, cols[header]).data_type == "e"
    wb.save(book)
    return recalculated_totals(book, tmp_path / "edited"), untouched


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!"])
def test_an_error_value_in_one_score_leaves_the_other_projects_subtotals_alone(issued, tmp_path, error):  # noqa: F811
    """丙 pasted #N/A into 基地01's 1.1.1: every project's 超范围项数, 基础分, 专家总分 and 状态 on his 小计 showed #N/A —
    the hidden reading of inserted rows multiplied the whole score column, error cell and all. Only 基地01 is
    concerned: it says its item is not a number and totals the others (110 − 10); every other project as before."""
    got, untouched = _with_error(issued, tmp_path, "专家评分", error)
    for name, row in untouched.items():
        if name != BASE_ZY:
            assert got[name] == row, (name, got[name])
    assert (got[BASE_ZY]["已评项数"], got[BASE_ZY]["超范围项数"]) == (16, 1)
    assert (got[BASE_ZY]["专家总分"], got[BASE_ZY]["状态"]) == (100, "有1项不是数字")


@pytest.mark.parametrize("header", ["备注", "回避"])
def test_an_error_value_in_a_remark_or_recusal_cell_changes_no_subtotal(issued, tmp_path, header):  # noqa: F811
    """#N/A copied into a 备注 (or 回避) cell of 基地01 made every project's 状态 #N/A (the recusal the 小计 looks for
    read the whole column as text). It is no score and no recusal: every project's 小计 stays as it was."""
    got, untouched = _with_error(issued, tmp_path, header, "#N/A")
    assert got == untouched
