"""An application that carries what an xlwings add-in would take as settings or code is reported
(FILE_MACRO): by ``shibai check``, in the refresh's 问题 column and by the ribbon's check."""
from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from shibai_xl.jobs.refresh import refresh

from .test_check_cli import run_json
from .test_refresh import by_name
from .test_ribbon_actions import Replay, open_remote, remote_engine  # noqa: F401  (the remote engine fixture)

VARIANTS = {
    "shibai.conf, hidden": ("sheet", "shibai.conf", "hidden"),
    "XLWINGS.CONF, visible": ("sheet", "XLWINGS.CONF", "visible"),
    "_xlwings.conf, very hidden": ("sheet", "_xlwings.conf", "veryHidden"),
    "a sheet named like a Python file": ("sheet", "Main.PY", "visible"),
    "a defined name": ("name", "Shibai.conf", None),
}


def carrying(path, kind: str, name: str, state: str | None):
    wb = load_workbook(path)
    if kind == "sheet":
        ws = wb.create_sheet(name)
        ws.append(("INTERPRETER_WIN", r"C:\Users\Public\python.exe"))
        ws.sheet_state = state
    else:
        wb.defined_names[name] = DefinedName(name, attr_text='"C:\\Users\\Public\\python.exe"')
    wb.save(path)
    return path


@pytest.mark.parametrize("variant", VARIANTS)
def test_check_warns_file_macro(make_workbook, variant, capsys):
    kind, name, state = VARIANTS[variant]
    path = carrying(make_workbook("enterprise"), kind, name, state)
    before = path.read_bytes()
    found = [f for f in check(read_application(path)).findings if f.code == "FILE_MACRO"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert f"“{name}”" in found[0].message and "不会运行" in found[0].message
    codes = [f["code"] for f in run_json(path, capsys)["findings"]]
    assert codes.count("FILE_MACRO") == 1
    assert path.read_bytes() == before


def test_a_plain_form_has_no_such_warning(make_workbook):
    assert "FILE_MACRO" not in {f.code for f in check(read_application(make_workbook("park"))).findings}


def test_refresh_problem_column_shows_it(make_workbook, tmp_path):
    folder = tmp_path / "申报表"
    folder.mkdir()
    shutil.move(carrying(make_workbook("enterprise"), "sheet", "shibai.conf", "hidden"), folder / "企业.xlsx")
    shutil.move(make_workbook("team"), folder / "团队.xlsx")
    refresh(tmp_path / "汇总表.xlsx", folder, batch="2024-05", city="贵阳市")
    rows = by_name(tmp_path / "汇总表.xlsx")
    problems = {r["来源文件"]: r["问题"] or "" for r in rows.values()}
    assert "FILE_MACRO 含宏或加载项设置" in problems["企业.xlsx"]
    assert "FILE_MACRO" not in problems["团队.xlsx"]


def test_the_ribbon_check_reports_it_too(make_workbook):
    path = carrying(make_workbook("enterprise"), "sheet", "shibai.conf", "hidden")
    book = open_remote(path)
    from shibai_xl.faces import ribbon_actions as R

    R.dispatch("sb_check", book)
    replay = Replay(book)
    assert "检查完成" in replay.alerts[-1]
    written = [v for (sheet, _), v in replay.written.items() if sheet == "校验结果" and isinstance(v, str)]
    assert any("FILE_MACRO" in v for v in written) and any("“shibai.conf”" in v for v in written)
