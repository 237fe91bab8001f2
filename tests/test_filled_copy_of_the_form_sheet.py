"""A clerk keeps the template's 申报表 blank and fills a copy of the sheet (Excel: 移动或复制 → 建立副本, "申报表 (2)").
The workbook's defined names still point at the blank original — Excel gives the copy its own sheet-scoped names —
so reading by the names alone read nothing: every field 必填项为空, and the filled copy was called another
applicant's form and left out (FILE_OTHER_FORM). The filled copy is the application."""
from __future__ import annotations

import json

from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from shibai_xl.faces.cli import main

FORM = "申报表"
COPY = "申报表 (2)"


def _copy_filled(path, blank_original: bool = True, local_names: bool = True):
    """The form sheet copied as Excel copies it (sheet-scoped names on the copy), the original emptied."""
    wb = load_workbook(path)
    original = wb[FORM]
    copy = wb.copy_worksheet(original)
    copy.title = COPY
    for name, dn in list(wb.defined_names.items()):
        dests = list(dn.destinations) if name.startswith("sb_") else []
        if len(dests) != 1 or dests[0][0] != FORM:
            continue
        ref = dests[0][1]
        if blank_original:
            original[ref.replace("$", "")].value = None
        if local_names:
            copy.defined_names[name] = DefinedName(name, attr_text=f"'{COPY}'!{ref}")
    wb.save(path)
    return path


def _check(path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_filled_copy_of_a_blank_named_form_is_the_application(make_workbook, capsys):
    filled = make_workbook("team", name="团队.xlsx")
    expected = _check(filled, capsys)
    for local_names in (True, False):   # Excel's copy, and a copy without the sheet's own names (another program)
        path = _copy_filled(make_workbook("team", name=f"团队-副本{local_names}.xlsx"), local_names=local_names)
        got = _check(path, capsys)
        assert got["name"] == expected["name"] and got["eligible"] is expected["eligible"] is True, got["findings"]
        assert got["score"] == expected["score"]
        codes = [f["code"] for f in got["findings"]]
        assert "FIELD_REQUIRED" not in codes and "FILE_OTHER_FORM" not in codes, got["findings"]
        assert {f["sheet"] for f in got["findings"] if f["sheet"] in (FORM, COPY)} == {COPY}, got["findings"]


def test_a_filled_original_beside_a_copy_is_read_as_before(make_workbook, capsys):
    """The names' own sheet filled (the copy filled too, or left as it was copied): the names decide, as always."""
    path = _copy_filled(make_workbook("enterprise", name="企业.xlsx"), blank_original=False)
    got = _check(path, capsys)
    assert got["eligible"] is True
    read = {f["sheet"] for f in got["findings"] if f["sheet"] in (FORM, COPY) and f["code"] != "FILE_OTHER_FORM"}
    assert read <= {FORM}, got["findings"]
    assert [f["sheet"] for f in got["findings"] if f["code"] == "FILE_OTHER_FORM"] == [COPY]   # the copy, said


def test_the_refresh_takes_the_filled_copy_too(make_workbook, tmp_path):
    path = _copy_filled(make_workbook("team", name="团队.xlsx"))
    summary = tmp_path / "汇总.xlsx"
    assert main(["refresh", str(summary), "--from", str(path.parent)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    header = [c.value for c in ws[3]]
    row = [c.value for c in ws[4]]
    assert row[header.index("前置条件")] == "达标", row
    assert row[header.index("企业名称")]
