"""The unit an applicant wrote in the unit cell beside an amount ("年度交易额达 | 0.8 | 亿元" on a base's form, whose
附件2 prints 万元 there): the figure is that unit's, said at its cell for the reviewer to confirm. The base's 0.8 was
read as 0.8万元 and failed 基地入驻企业年度合计交易额在5000万元以上 (通知 二（二）2) with an ELIG_TRADE error."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from tests.test_forms_as_filled import run_json
from tests.test_real_applications import values_only_copy


def _unit_beside(path: Path, field: str, figure: object, unit: str, names: bool) -> Path:
    """The figure typed in the answer cell and the unit cell right of it overtyped; ``names`` False: the form pasted
    as values into a new workbook (read by its printed labels)."""
    wb = load_workbook(path)
    cell = named_cell(wb, field)
    sheet, row, col = cell.parent.title, cell.row, cell.column
    if names:
        cell.value = figure
        cell.parent.protection.sheet = False
        cell.parent.cell(row, col + 1).value = unit
        wb.save(path)
        return path
    copy = values_only_copy(path, path.with_name(path.stem + "-粘贴.xlsx"))
    wb = load_workbook(copy)
    ws = wb[wb.sheetnames[0]] if sheet not in wb.sheetnames else wb[sheet]
    ws.cell(row, col).value = figure
    ws.cell(row, col + 1).value = unit
    wb.save(copy)
    return copy


@pytest.mark.parametrize("names", [True, False], ids=["template", "pasted"])
@pytest.mark.parametrize("app_type,figure,unit,eligible", [
    ("base", 0.8, "亿元", True), ("base", 0.4, "亿元", False), ("base", 80000000, "元", True),
    ("park", 35000, "万元", True), ("park", 12000, "万元", False), ("park", "35000", "（万元）", True)])
def test_the_unit_written_beside_an_amount_is_its_unit(make_workbook, capsys, names, app_type, figure, unit, eligible):
    path = _unit_beside(make_workbook(app_type), "sb_trade_total", figure, unit, names)
    j = run_json(path, capsys)
    assert j["eligible"] is eligible, j["findings"]
    said = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"]
    assert len(said) == 1 and said[0]["severity"] == "warning" and said[0]["cell"], said
    assert f"“{unit.strip('（）')}”" in said[0]["message"] and "误按" not in said[0]["message"], said


@pytest.mark.parametrize("app_type,figure", [("base", 8000), ("park", 3.5)])
def test_the_printed_unit_beside_an_amount_changes_nothing(make_workbook, capsys, app_type, figure):
    path = _unit_beside(make_workbook(app_type), "sb_trade_total", figure, "万元" if app_type == "base" else "亿元", False)
    j = run_json(path, capsys)
    assert j["eligible"] is True and not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"], j["findings"]


@pytest.mark.parametrize("field,typed", [("sb_trade_total", 0.8), ("sb_trade_total", "0.8"), ("sb_online_retail", 0.26)])
def test_a_bases_amount_typed_in_yi_without_its_unit_is_undecided(make_workbook, capsys, field, typed):
    """A base whose 年度交易额 is 0.8亿元 typing 0.8 in the 万元 cell: read as 0.8万元 (8000元, a ten-thousandth of the
    5000万元 of 通知 二（二）2) it was 不达标 with an ELIG_TRADE error; it is a figure to confirm, as the park's 网络零售额
    typed in 亿 is: 待定, and the warning at its cell asks whether it was typed in 亿元."""
    from tests.conftest import example

    j = run_json(make_workbook("base", example("base", **{field: typed})), capsys)
    assert j["eligible"] is None, j["findings"]
    assert not [f for f in j["findings"] if f["code"] in ("ELIG_TRADE", "ELIG_RETAIL")], j["findings"]
    f = next(f for f in j["findings"] if f["code"] == "FIELD_AMOUNT")
    assert f["severity"] == "warning" and "是否误按亿元填写" in f["message"] and f["cell"], f


@pytest.mark.parametrize("typed,eligible", [("0.8万元", False), (4999, False), (8000, True)])
def test_a_bases_amount_with_its_unit_or_of_wan_size_is_read_as_typed(make_workbook, capsys, typed, eligible):
    from tests.conftest import example

    j = run_json(make_workbook("base", example("base", sb_trade_total=typed, sb_online_retail=min(2600, 4999))), capsys)
    assert j["eligible"] is eligible, j["findings"]
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"], j["findings"]


@pytest.mark.parametrize("app_type,line,eligible", [
    ("base", "(2023年1月-2023年12月)年度交易额达 0.8 亿元；年度网络零售额达 2600 万元", True),
    ("base", "(2023年1月-2023年12月)年度交易额达 0.4 亿元；年度网络零售额达 2600 万元", False),
    ("park", "(2023年1月-2023年12月)年度交易额达 35000 万元；年度网络零售额达 4200 万元", True)])
def test_the_printed_line_filled_with_another_unit_is_read_in_it(make_workbook, capsys, app_type, line, eligible):
    """附件2's 前置条件 line retyped and filled in one cell, the applicant writing its own unit: the base's "0.8 亿元"
    was not found (必填项为空) and the park's "35000 万元" was read with the rest of the line (填写了多个数字)."""
    path = values_only_copy(make_workbook(app_type), make_workbook(app_type).with_name(f"{app_type}-行内.xlsx"))
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[0]]
    for ref in ("B14", "C14", "D14", "B15", "C15", "D15"):
        ws[ref].value = None
    ws["B14"].value = line
    wb.save(path)
    j = run_json(path, capsys)
    assert j["eligible"] is eligible, j["findings"]
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_REQUIRED", "FIELD_AMOUNT", "ELIG_MISSING")], j["findings"]
