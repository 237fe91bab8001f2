"""A form whose defined names are in another case ("SB_NAME", "Sb_Name"): Excel treats names case-insensitively, and
a workbook re-made by another program may keep them so. It was read by its printed labels with a FILE_LABELS note, or
refused; and ``check --write`` added a second name differing only in case, which Excel reports as a corrupt file. Now
the names are found whatever their case, and the write reuses them."""
from __future__ import annotations

import re
import shutil

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from shibai_xl.faces.cli import main
from tests.conftest import checked_json


def _renamed(src, dst, case) -> None:
    """The workbook with every defined name of the tool (sb_…) in another case, as another program may write it."""
    wb = load_workbook(src)
    for name in [n for n in wb.defined_names if n.lower().startswith("sb_")]:
        old = wb.defined_names.pop(name)
        new = case(name)
        wb.defined_names[new] = DefinedName(new, attr_text=old.attr_text)
    wb.save(dst)


def _without_file(out: dict) -> dict:
    return {k: v for k, v in out.items() if k not in ("file", "path", "source")}


@pytest.mark.parametrize("app_type", ["enterprise", "park"])
@pytest.mark.parametrize("case", [str.upper, lambda n: "_".join(p.capitalize() for p in n.split("_"))])
def test_names_in_another_case_read_as_the_original(make_workbook, tmp_path, capsys, app_type, case):
    original = make_workbook(app_type)
    renamed = tmp_path / "renamed.xlsx"
    _renamed(original, renamed, case)
    assert not [n for n in load_workbook(renamed).defined_names if n.startswith("sb_")]
    got, want = checked_json(renamed, capsys), checked_json(original, capsys)
    assert not [f for f in got["findings"] if f["code"] == "FILE_LABELS"]
    assert _without_file(got) == _without_file(want)


def _sheets(path) -> dict:
    """Every sheet's values, the check's time left out."""
    wb = load_workbook(path)
    return {ws.title: [[re.sub(r"检查时间：[^；]*", "", v) if isinstance(v, str) else v for v in row]
                       for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def test_check_write_writes_as_for_the_original_and_adds_no_name_differing_only_in_case(make_workbook, tmp_path,
                                                                                          capsys):
    original = make_workbook("enterprise")
    assert main(["check", str(original), "--write"]) == 0
    renamed = tmp_path / "renamed.xlsx"
    _renamed(original, renamed, str.upper)     # the tool's own names too (sb_marks_styles, the check wrote)
    shutil.copy(original, tmp_path / "again.xlsx")
    for path in (renamed, tmp_path / "again.xlsx"):
        assert main(["check", str(path), "--write"]) == 0
    names = list(load_workbook(renamed).defined_names)
    assert len({n.casefold() for n in names}) == len(names), sorted(names)
    assert {n.casefold() for n in names} == {n.casefold() for n in load_workbook(tmp_path / "again.xlsx").defined_names}
    assert _sheets(renamed) == _sheets(tmp_path / "again.xlsx")
