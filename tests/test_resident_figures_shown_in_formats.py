"""A park's 附件3 入驻企业名单 whose figure cells paint a unit into their number format (QA qa56u): a company's 年度网络
交易额 typed 0.5 in the （万元） column painted 0.00"亿元" shows 0.50亿元 (5000万元), a retail figure typed 2000000
painted 0"元" shows 2000000元 (200万元). They were summed as 0.5万元 and 2000000万元: the list's totals no longer
matched the form (XC_RESIDENT_TRADE, XC_RESIDENT_RETAIL) for figures the park typed right as it sees them. Each is read
as shown, as an application's own figure is (engine/parse/format_units.py), and said once for the column, in .xlsx,
.xls and .ods alike; a unit the figure cannot be turned into (万美元) is read as typed and asked."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.libreoffice import convert

TRADE, RETAIL = "年度网络交易额（万元）", "年度网络零售额（万元）"


def _painted(make_workbook, paints):
    """A park whose list is filled, then the cells of ``paints`` (company index, column) → (value, format) retyped."""
    companies = example_residents("park")
    path = make_workbook("park", example("park"), residents=companies, name="园区.xlsx")
    wb = load_workbook(path)
    ws = next(w for w in wb.worksheets if "sb_residents" in w.tables)
    top = int("".join(ch for ch in ws.tables["sb_residents"].ref.split(":")[0] if ch.isdigit()))
    col = {c.value: c.column for c in ws[top] if c.value}
    rows = {ws.cell(r, col["企业名称"]).value: r for r in range(top + 1, ws.max_row + 1)}
    refs = []
    for (i, header), (value, code) in paints.items():
        cell = ws.cell(rows[companies[i]["企业名称"]], col[header])
        cell.value, cell.number_format = value, code
        refs.append(cell.coordinate)
    wb.save(path)
    return path, companies, refs


def _findings(path, capsys):
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)["findings"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_list_figures_whose_format_paints_another_unit_are_summed_as_shown(make_workbook, capsys, tmp_path, fmt):
    companies = example_residents("park")
    trade, retail = companies[0][TRADE], companies[1][RETAIL]
    path, _, refs = _painted(make_workbook, {(0, TRADE): (trade / 10000, '0.00##"亿元"'),
                                             (1, RETAIL): (retail * 10000, '0"元"')})
    if fmt != "xlsx":
        path = convert(path, fmt, tmp_path / fmt)
    found = _findings(path, capsys)
    assert not [f for f in found if f["code"] in ("XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL")], found
    said = [f["message"] for f in found if f["code"] == "XC_RESIDENT_ROW" and "数字格式" in f["message"]]
    assert len(said) == 2, found
    assert any(f"“{TRADE}”一栏" in m and refs[0] in m and "显示亿元" in m and "已按表上显示的亿元读取" in m for m in said), said
    assert any(f"“{RETAIL}”一栏" in m and refs[1] in m and "显示元" in m for m in said), said


def test_a_list_figure_painted_in_dollars_is_summed_as_typed_and_asked(make_workbook, capsys):
    companies = example_residents("park")
    path, _, refs = _painted(make_workbook, {(0, TRADE): (companies[0][TRADE], '0"万美元"')})
    found = _findings(path, capsys)
    assert not [f for f in found if f["code"] == "XC_RESIDENT_TRADE"], found     # summed as typed, in 万元
    said = [f["message"] for f in found if f["code"] == "XC_RESIDENT_ROW" and "数字格式" in f["message"]]
    assert len(said) == 1 and refs[0] in said[0] and "可能有误" in said[0], said


def test_a_list_figure_painted_in_its_own_unit_says_nothing(make_workbook, capsys):
    companies = example_residents("park")
    path, _, _refs = _painted(make_workbook, {(0, TRADE): (companies[0][TRADE], '#,##0.00"万元"')})
    found = _findings(path, capsys)
    assert not [f for f in found if "数字格式" in f["message"] or f["code"] == "XC_RESIDENT_TRADE"], found
