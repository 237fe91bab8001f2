"""A type typed into the choice cell with its words after 其他 ("其他：集体企业", "其他 集体企业"), as applicants fill
the printed form's "□其他____" in one cell: read as 其他 with those words as its blank, so the check asks for no
blank already filled (FIELD_REQUIRED 类型（其他）) and the city's 项目汇总表 shows 企业性质 “其他（集体企业）”, not a
bare 其他 or an empty cell."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.faces.cli import main
from tests.conftest import checked_json, example


@pytest.mark.parametrize(("app_type", "field", "typed", "shown"), [
    ("enterprise", "sb_org_type", "其他：集体企业", "其他（集体企业）"),
    ("team", "sb_org_type", "其他（集体企业）", "其他（集体企业）"),
    ("park", "sb_operator_type", "其他 集体企业", "其他（集体企业）"),
    ("base", "sb_operator_type", "其他-国有独资", "国企"),
])
def test_words_after_other_are_its_blank(tmp_path, make_workbook, capsys, app_type, field, typed, shown):
    folder = tmp_path / "申报表"
    folder.mkdir()
    path = make_workbook(app_type, example(app_type, **{f"{field}_other": ...}), name=f"申报表/{app_type}.xlsx")
    wb = load_workbook(path)
    named_cell(wb, field).value = typed
    wb.save(path)
    codes = [(f["code"], f["message"]) for f in checked_json(path, capsys)["findings"]]
    assert not [c for c in codes if c[0] in ("FIELD_REQUIRED", "FIELD_CHOICE")], codes
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 0
    ws = load_workbook(tmp_path / "汇总表.xlsx").worksheets[0]
    header = [c.value for c in ws[3]]
    assert ws.cell(4, header.index("企业性质") + 1).value == shown


@pytest.mark.parametrize("typed", ["集体所有制企业", "股份有限公司", "=1+1"])
def test_a_type_typed_as_no_choice_shows_as_typed(tmp_path, make_workbook, typed):
    """A type that is no choice of the form (FIELD_CHOICE 选项无效) left 企业性质 empty in the summary: what the
    applicant wrote was lost there, the 问题 column alone saying 选项无效. It shows as typed (as text, never a formula)."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    path = make_workbook("enterprise", name="申报表/企业.xlsx")
    wb = load_workbook(path)
    named_cell(wb, "sb_org_type").value = typed
    named_cell(wb, "sb_org_type").data_type = "s"
    wb.save(path)
    main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)])
    ws = load_workbook(tmp_path / "汇总表.xlsx").worksheets[0]
    header = [c.value for c in ws[3]]
    cell = ws.cell(4, header.index("企业性质") + 1)
    assert (cell.value, cell.data_type) == (typed, "s")
    assert "FIELD_CHOICE" in ws.cell(4, header.index("问题") + 1).value
