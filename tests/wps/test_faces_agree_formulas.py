"""Formulas in the form's answer cells, saved as Excel and WPS save them (each with its result), through every face
(the sibling of test_faces_agree.py, whose helpers it uses)."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell

from ..test_forms_as_filled import run_json
from ..test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine fixture)
from ..zip_parts import formula_results
from .conftest import needs_node
from .test_faces_agree import faces_agree

pytestmark = needs_node


def saved_with_result(field: str, formula: str, result: str = ""):
    """``formula`` typed into ``field``'s cell, the workbook saved by Excel: the text it gives (``result``) kept
    beside it as Excel keeps a formula's text result (``<c t="str"><f>…</f><v>…</v></c>``)."""
    def done(path):
        wb = load_workbook(path)
        cell = named_cell(wb, field)
        cell.value = "=" + formula
        ref = cell.coordinate
        wb.save(path)
        formula_results(path, {(cell.parent.title, ref): result}, text=True)
    return done


CASES = {   # name → (type, values changed, what is done to the saved workbook, faces that cannot know it)
    # =IF(B5="","",B5) left showing nothing: the CLI said 是公式但没有保存计算结果，请在 Excel/WPS 中打开并保存 — which
    # the clerk had done — where Excel and WPS said 必填项为空 (the formula's saved result is the empty text)
    "formula giving empty text": ("park", {}, saved_with_result("sb_trade_total", 'IF(1=1,"",1)'), ("formula",)),
    "formula giving empty text in a date cell": ("enterprise", {}, saved_with_result("sb_fill_date", 'IF(1=1,"",1)'),
                                                 ("formula",)),
    "formula giving text": ("enterprise", {}, saved_with_result("sb_online_retail", 'TEXT(900,"0")', "900"),
                            ("formula",)),   # the formulas here are given the file's formula, not Excel's value
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_face_gives_the_same_answer(case, make_workbook, tmp_path, capsys, service):
    faces_agree(case, CASES[case], make_workbook, tmp_path, capsys, service, formula_may_say_errors=True)


def test_a_formula_showing_nothing_is_a_blank_answer_not_an_unsaved_one(make_workbook, capsys):
    """The file of the first case read by ``shibai check``: 必填项为空, not 公式无结果 (which only a formula saved by a
    program that does not calculate, without any ``<v>``, is: tests/test_workbooks.py)."""
    path = make_workbook("park")
    saved_with_result("sb_trade_total", 'IF(1=1,"",1)')(path)
    at = named_cell(load_workbook(path), "sb_trade_total").coordinate
    said = {f["code"] for f in run_json(path, capsys)["findings"] if f["cell"] == at}
    assert "FIELD_FORMULA" not in said and "FIELD_REQUIRED" in said, said
