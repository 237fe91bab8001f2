"""Where a clerk is told to fill in a blank item: a form typed by hand has no 补充信息 sheet, so "请在“补充信息”表填写"
sends them looking for a sheet that is not there; a template keeps its 补充信息 sheet and its message."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_handtyped_forms import typed_base


def _said(path, code):
    return {f.field: f.message for f in check(read_application(path)).findings if f.code == code}


def test_a_blank_item_of_a_hand_typed_form_is_asked_for_on_the_form_not_on_a_missing_sheet(tmp_path):
    path = typed_base(tmp_path / "基地.xlsx")
    said = _said(path, "FIELD_REQUIRED")
    assert "统一社会信用代码" in said["sb_uscc"]
    assert not [m for m in said.values() if "补充信息”表填写" in m]
    assert "没有“补充信息”表" in said["sb_uscc"] and "名称旁" in said["sb_uscc"]
    credit = _said(path, "ELIG_CREDIT")
    assert credit and not [m for m in credit.values() if "请在“补充信息”中确认" in m]
    # doing what it says: a row "统一社会信用代码 | …" typed on the form is read, and nothing is asked any more
    wb = load_workbook(path)
    ws = wb["Sheet1"]
    ws.append(["统一社会信用代码", "91520300MA6DGQ1X2K"])
    wb.save(path)
    assert "sb_uscc" not in _said(path, "FIELD_REQUIRED")


def test_a_template_still_asks_for_its_blank_supplementary_item_on_the_supplementary_sheet(tmp_path):
    from shibai_xl.adapters.xlsx.templates import new_application
    path = tmp_path / "企业.xlsx"
    new_application("enterprise").save(path)
    said = _said(path, "FIELD_REQUIRED")
    assert said["sb_uscc"].endswith("请在“补充信息”表填写")
    assert said["sb_name"].endswith("请在申报表填写")
