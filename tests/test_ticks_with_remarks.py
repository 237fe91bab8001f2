"""A tick or cross with its remark ("√（商务局证明）", "×（正在办理）"), as "是（…）" and "否，…" already were: it was
FIELD_CHOICE 无法识别, the material counted as not ticked (MAT_MISSING) and a form's item 0 points."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.values import NO, YES, parse_yesno
from tests.conftest import checked_json


@pytest.mark.parametrize(("typed", "answer", "remark"), [
    ("√（商务局证明）", YES, "商务局证明"), ("✔，详见附件3", YES, "详见附件3"), ("×（正在办理）", NO, "正在办理"),
])
def test_a_tick_with_its_remark(typed, answer, remark):
    p = parse_yesno(typed)
    assert (p.value, p.remark) == (answer, remark)


def test_a_tick_whose_remark_answers_otherwise_is_no_answer():
    assert parse_yesno("√（否）").error


def _checked(make_workbook, capsys, app_type, field, typed):
    path = make_workbook(app_type)
    wb = load_workbook(path)
    named_cell(wb, field).value = typed
    wb.save(path)
    return checked_json(path, capsys)


@pytest.mark.parametrize(("field", "typed"), [("sb_mat_audit", "√（商务局证明）"), ("sb_mat_license", "✔（三证合一）")])
def test_the_material_is_read(make_workbook, capsys, field, typed):
    out = _checked(make_workbook, capsys, "team", field, typed)
    assert out["eligible"] is True
    assert not [f for f in out["findings"] if f["code"] in ("FIELD_CHOICE", "MAT_MISSING")], out["findings"]


def test_a_question_answered_with_a_tick_and_remark_scores(make_workbook, capsys):
    out = _checked(make_workbook, capsys, "enterprise", "sb_has_app", "√（微信小程序“山珍优品”）")
    assert next(i["auto"] for i in out["score"]["items"] if i["id"] == "1.1.1") == 15
