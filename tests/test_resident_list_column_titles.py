"""附件3's 从业人数 and 交易额 columns as parks head them in lists of their own: 附件5 2.4.1 counts the residents'
"总员工数量", and a list titled 员工数量, 总员工数（人） or 职工总数 was read without its 从业人数
("入驻企业名单缺少列：从业人数", the "员工总数不低于50" answer left unverified)."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.test_resident_list_as_parks_fill_it import HEADER, THREE, THREE_SUMMED, read_list, typed_list


@pytest.mark.parametrize("title", ["员工数量", "总员工数（人）", "职工总数", "员工数(人)"])
def test_the_staff_column_titled_as_parks_title_it_is_read(tmp_path, title):
    header = [title if h == "从业人数" else h for h in HEADER]
    path = typed_list(tmp_path / "名单.xlsx", THREE, header)
    read, summed = read_list(path)
    assert read == THREE_SUMMED
    assert {k: summed[k] for k in THREE_SUMMED} == THREE_SUMMED


@pytest.mark.parametrize("title", ["电商交易额（万元）", "年度电子商务交易额（万元）"])
def test_the_trade_column_titled_as_parks_title_it_is_read(tmp_path, title):
    """电商零售额 was read as 网络零售额 already; 电商交易额 beside it was no column (交易额 not summed, 缺少列)."""
    path = typed_list(tmp_path / "名单.xlsx", THREE)
    wb = load_workbook(path)
    wb.active.cell(3, HEADER.index("年度网络交易额（万元）") + 1).value = title
    wb.save(path)
    read, summed = read_list(path)
    assert read == THREE_SUMMED
    assert {k: summed[k] for k in THREE_SUMMED} == THREE_SUMMED


def test_a_column_missing_is_said_at_the_header_with_what_to_do(tmp_path):
    """Before, "入驻企业名单缺少列：从业人数" had no sheet and no cell, and did not say what to do."""
    from shibai_xl.adapters.xlsx.reader import find_resident_header, open_workbook, resident_rows
    path = typed_list(tmp_path / "名单.xlsx", THREE)
    wb = load_workbook(path)
    wb.active.delete_cols(HEADER.index("从业人数") + 1)
    wb.save(path)
    book = open_workbook(path)
    sheet, r0, c0, c1 = find_resident_header(book)
    _rows, _sheet, said = resident_rows(book.grid(sheet), sheet, r0, c0, c1, r0)
    [lacking] = [f for f in said if "缺少列" in f.message]
    assert (lacking.sheet, lacking.cell) == ("入驻企业名单", "A3")
    assert "缺少列：从业人数" in lacking.message and "请在表头中补上并填写" in lacking.message
