"""A unit painted into a figure's number format (0"万美元", 0.00"亿元", #,##0"万元"): the figure is read in the unit the
cell shows, with a warning naming the cell and the format, alike from .xlsx, .xls and .ods and through every face that
reads number formats (check, WPS, the Excel remote engine; a formula is given values only). CONTRACT §2: the units are
the form's (the park's 年度交易额 亿元, other amounts 万元, 跨境电商 美元).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check

from ..conftest import example
from ..libreoffice import convert, need_soffice
from ..test_forms_as_filled import run_json
from ..test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine fixture)
from .conftest import needs_node
from .test_faces_agree import faces_agree
from .test_faces_agree_value_kinds import _formatted

# (type, field, typed, format, value read (万元; 美元 for 跨境), said as a doubt)
SHOWN = {
    "万美元 in the 美元 cell": ("park", "sb_crossborder_usd", 80, '0"万美元"', 800000, False),
    "亿元 in a 万元 cell": ("enterprise", "sb_online_retail", 0.5, '0.00"亿元"', 5000, False),
    "万元 in the park's 亿元 cell": ("park", "sb_trade_total", 35000, '#,##0"万元"', 35000, False),
    "元 in a 万元 cell": ("enterprise", "sb_online_retail", 3000000, '0"元"', 300, False),
    "万 in the 美元 cell": ("park", "sb_crossborder_usd", 80, '0"万"', 800000, False),
    "美元 in a 万元 cell": ("enterprise", "sb_online_retail", 800, '0"美元"', 800, True),
    "a scaling format": ("enterprise", "sb_online_retail", 8000000, '0,"万元"', 8000000, True),
}
SILENT = {   # the form's own unit shown: nothing to say
    "万元 in a 万元 cell": ("enterprise", "sb_online_retail", 800, '#,##0"万元"', 800),
    "万 in a 万元 cell": ("enterprise", "sb_online_retail", 800, '0"万"', 800),
    "亿元 in the park's 亿元 cell": ("park", "sb_trade_total", 3.5, '0.0"亿元"', 35000),
}


def _said(path, name):
    app = read_application(path)
    result = check(app)
    return app, result, [f for f in result.findings if f.field == name and f.code == "FIELD_AMOUNT"]


@pytest.mark.parametrize("case", list(SHOWN))
def test_a_figure_is_read_in_the_unit_its_format_shows(case, make_workbook):
    """80 in the 跨境电商销售额（美元） cell painted 0"万美元" shows 80万美元: it was read as 80美元, the format unsaid."""
    app_type, name, typed, code, want, doubt = SHOWN[case]
    path = make_workbook(app_type)
    _formatted({name: typed}, code)(path)
    app, result, said = _said(path, name)
    assert result.values[name] == Decimal(want), (result.values[name], [f.message for f in said])
    assert len(said) == 1 and said[0].severity == "warning", said
    cell = app.raw[name].cell
    assert f"单元格{cell}" in said[0].message and code in said[0].message, said[0].message
    assert (name in result.values.doubtful) is doubt


@pytest.mark.parametrize("case", list(SILENT))
def test_a_format_showing_the_forms_own_unit_says_nothing(case, make_workbook):
    app_type, name, typed, code, want = SILENT[case]
    path = make_workbook(app_type)
    _formatted({name: typed}, code)(path)
    _, result, said = _said(path, name)
    assert result.values[name] == Decimal(want) and not said, [f.message for f in said]


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_units_shown_read_alike_in_xls_and_ods(make_workbook, tmp_path, capsys, fmt):
    """The same formats saved by LibreOffice as .xls or .ods: the same verdict, score and messages as the .xlsx."""
    need_soffice()
    path = make_workbook("park")
    _formatted({"sb_crossborder_usd": 80}, '0"万美元"')(path)
    _formatted({"sb_trade_total": 35000}, '#,##0"万元"')(path)
    _formatted({"sb_online_retail": 0.42}, '0.00"亿元"')(path)
    want = run_json(path, capsys)
    assert sum("数字格式" in f["message"] for f in want["findings"]) == 3, want["findings"]
    got = run_json(convert(path, fmt, tmp_path / fmt), capsys)
    assert (got["eligible"], got["score"]["auto"]) == (want["eligible"], want["score"]["auto"])
    assert sorted(f["message"] for f in got["findings"]) == sorted(f["message"] for f in want["findings"])


CASES = {   # xlwings' remote engine reads no number format (OpenBook.number_format): the template's, as for a date shown
    "万美元 in the 美元 cell": ("park", {}, _formatted({"sb_crossborder_usd": 80}, '0"万美元"'), ("excel", "formula")),
    "万元 in the park's 亿元 cell": ("park", {}, _formatted({"sb_trade_total": 35000}, '#,##0"万元"'), ("excel", "formula")),
    "亿元 in a 万元 cell": ("enterprise", {}, _formatted({"sb_online_retail": 0.06}, '0.00"亿元"'), ("excel", "formula")),
}


@needs_node
@pytest.mark.parametrize("case", list(CASES))
def test_every_face_reads_the_unit_shown(case, make_workbook, tmp_path, capsys, service):
    faces_agree(case, CASES[case], make_workbook, tmp_path, capsys, service)


def test_the_unit_shown_is_said_once_with_example(make_workbook):
    """The example park's 年度交易额 35000 typed in 万元 into its 亿元 cell painted #,##0"万元": 达标, not 35000亿元 待定."""
    path = make_workbook("park", example("park", sb_trade_total=35000))
    _formatted({"sb_trade_total": 35000}, '#,##0"万元"')(path)
    _, result, _ = _said(path, "sb_trade_total")
    assert result.eligible is True, [(c.label, c.reason) for c in result.eligibility.conditions]


def test_the_summary_after_refresh_has_the_figure_as_shown(make_workbook, tmp_path):
    """The park's 35000 in its 亿元 cell painted #,##0"万元": the 汇总表's 年度交易额（万元） is 35000 and 达标, not 350000000."""
    from openpyxl import load_workbook

    from shibai_xl.faces.cli import main

    folder = tmp_path / "apps"
    folder.mkdir()
    path = make_workbook("park", name="apps/园区.xlsx")
    _formatted({"sb_trade_total": 35000}, '#,##0"万元"')(path)
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    header = [c.value for c in ws[3]]
    row = [c.value for c in ws[4]]
    assert row[header.index("年度交易额（万元）")] == 35000 and row[header.index("前置条件")] == "达标", row
