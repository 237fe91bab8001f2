"""Awkward open workbooks, the WPS add-in's 检查本申报表 on them NOT saved against ``shibai check --json`` and ``check
--write`` on the file (the sibling of test_faces_agree.py, whose helpers it uses): the form filled on a copy of its sheet
("申报表 (2)", the original left blank, with and without the copy's own names), the sb_ names in upper case, every
sheet protected without a password, a 申报主体名称 of 15 000 characters, a name typed as text beginning with "=", and
the 入驻企业名单 going on over a second sheet with hidden rows, a merged 备注, a #N/A, figures typed as text. The same
verdict, score and findings; the same cells, notes and fills written, none of them a formula the file has not."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from shibai_xl.adapters.xlsx.filler import named_cell

from ..conftest import example
from ..test_filled_copy_of_the_form_sheet import _copy_filled
from ..test_forms_as_filled import run_json
from .conftest import fake_book, needs_node, run_js, sheet_of
from .test_faces_agree import _findings, faces_agree
from .test_faces_agree_mutations import _list_going_on
from .test_wps_js import assert_writes_as_check_write

pytestmark = needs_node


def _upper_names(path):
    wb = load_workbook(path)
    for name, dn in list(wb.defined_names.items()):
        if name.startswith("sb_"):
            del wb.defined_names[name]
            wb.defined_names[name.upper()] = DefinedName(name.upper(), attr_text=dn.attr_text)
    wb.save(path)


def _protected(path):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        ws.protection.sheet = True
    wb.save(path)


def _long_text(path):
    wb = load_workbook(path)
    named_cell(wb, "sb_name").value = "贵州" + "很长的名称" * 3000
    wb.save(path)


def _equals_text(path):
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_name")
    cell.value, cell.data_type = "=贵州某某园区", "s"
    wb.save(path)


# case → (type, values changed, what is done to the saved workbook, faces left out: the remote engine and the formulas
# are test_faces_agree's; these are about what WPS sends)
CASES = {
    "copy of the form filled, original blank": ("team", {}, _copy_filled, ("excel", "formula")),
    "copy without its own names": ("park", {}, lambda p: _copy_filled(p, local_names=False), ("excel", "formula")),
    "names in upper case": ("park", {}, _upper_names, ("excel", "formula")),
    "protected without password": ("enterprise", {}, _protected, ("excel", "formula")),
    "very long text": ("base", {}, _long_text, ("excel", "formula")),
    "text starting with =": ("park", {}, _equals_text, ("excel", "formula")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_wps_answers_as_check(case, make_workbook, tmp_path, capsys, service):
    faces_agree(case, CASES[case], make_workbook, tmp_path, capsys, service)


@pytest.mark.parametrize("case", list(CASES))
def test_wps_writes_what_check_write_writes(case, make_workbook, tmp_path, service):
    app_type, changes, done_to_it, _ = CASES[case]
    path = make_workbook(app_type, example(app_type, **changes))
    path = done_to_it(path) or path
    assert_writes_as_check_write(path, tmp_path, service)


SECOND = ["hidden", "merged", "error", "text number", "hidden merged error text number"]


def _second_sheet(wb, variant: str) -> None:
    _list_going_on(wb, "续页")
    ws = wb["续页"]
    if "hidden" in variant:
        ws.row_dimensions[3].hidden = True
    if "merged" in variant:
        ws["J2"] = "同上"
        ws.merge_cells("J2:J3")
    if "error" in variant:
        ws["G4"].value, ws["G4"].data_type = "#N/A", "e"
    if "text number" in variant:
        ws["H2"].value, ws["H2"].data_type = "1234.5", "s"
        ws["I2"].value = "３０"


@pytest.mark.parametrize("variant", SECOND)
def test_a_list_going_on_over_a_second_sheet(variant, make_workbook, tmp_path, capsys, service):
    path = make_workbook("park", example("park"))
    wb = load_workbook(path)
    _second_sheet(wb, variant)
    wb.save(path)
    command = run_json(path, capsys)
    book = fake_book(path, saved=False)
    if "error" in variant:      # WPS's Range.Value2 of an error cell (as text here, as test_faces_agree sends it)
        sheet_of({"book": book}, "续页")["cells"]["G4"] = "#N/A"
        assert any(f["sheet"] == "续页" and f["cell"] == "G4" for f in command["findings"]), command["findings"]
    clicked = run_js(tmp_path, book, "sb_check", service)
    assert clicked["error"] is None, clicked["error"]
    assert _findings(clicked["outcome"]["findings"]) == _findings(command["findings"])
