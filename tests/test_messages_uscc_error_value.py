"""A 统一社会信用代码 cell holding an Excel error value (#N/A of a VLOOKUP that found nothing, #REF! of a pasted
formula): SB_USCC and SB_REGION said “应为18位，现为4位” and `shibai check` ““#N/A”：应为18位，现为4位”, as if four
characters had been typed. Both now name the error value, as they already do for the 名称 (one reading:
``uscc.parse``)."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file


@pytest.mark.parametrize("error_value", ["#N/A", "#REF!"])
def test_a_uscc_holding_an_error_value_is_said_so_by_the_formulas_and_check(make_workbook, error_value):
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_uscc")
    cell.value, cell.data_type = error_value, "e"        # as Excel saves a formula's error
    wb.save(path)
    said = [f for f in check_file(path).findings if f.field == "sb_uscc"]
    assert [f.code for f in said] == ["FIELD_USCC"] and said[0].severity == "error", said
    message = said[0].message
    assert f"是 Excel 错误值“{error_value}”" in message and "位" not in message, message
    for got in (U.uscc(error_value), U.region(error_value), U.uscc(f" {error_value} ")):    # xlwings' err_to_str
        assert got == "错误：" + message, got
