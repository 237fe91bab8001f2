"""The Excel formulas given ranges as people select them: a whole column (A:K), hundreds of thousands of empty rows
xlwings hands the function as they are (None), must answer as the list alone does, and at once."""
from __future__ import annotations

import time

import pytest
from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from tests.filled_cache import example_files

from .acceptance.helpers import check_json
from .test_workbooks import name_cell

EXCEL_ROWS = 1_048_576


@pytest.fixture(scope="module")
def park_sheet(tmp_path_factory):
    path = next(p for p in example_files(tmp_path_factory.mktemp("odd")) if p.name.startswith("示范园区"))
    return load_workbook(path)["入驻企业名单"]


def _whole_columns(ws, first_col: int, last_col: int) -> list[list]:
    """What xlwings hands a formula for =SB_RESIDENTS(A:K): every row of the sheet, the empty ones as None."""
    rows = [[ws.cell(r, c).value for c in range(first_col, last_col + 1)] for r in range(1, ws.max_row + 1)]
    empty = [None] * (last_col - first_col + 1)
    return rows + [list(empty) for _ in range(EXCEL_ROWS - len(rows))]


def test_residents_of_whole_columns_are_the_lists_totals_at_once(park_sheet):
    """=SB_RESIDENTS(A:K) took ten seconds (and more, as Excel recalculates it) going through a million empty rows."""
    table = park_sheet.tables["sb_residents"]
    listed = [[c.value for c in row] for row in park_sheet[table.ref]]
    whole = _whole_columns(park_sheet, 1, park_sheet.max_column)
    started = time.perf_counter()
    got = U.residents(whole)
    took = time.perf_counter() - started
    assert got == U.residents(listed)
    assert took < 3, took


def test_score_of_whole_columns_is_the_score_of_the_names_given_at_once():
    """=SB_SCORE("园区",A:A,B:B) beside a name list, and the two-column =SB_SCORE("园区",A:B)."""
    names = [["sb_has_platform"], ["sb_resident_count"]]
    values = [["是"], [120]]
    expected = U.score("园区", names, values)
    assert not str(expected).startswith(U.ERROR)
    pad = [[None] for _ in range(EXCEL_ROWS - 2)]
    two = [n + v for n, v in zip(names, values)] + [[None, None] for _ in pad]
    started = time.perf_counter()
    assert U.score("园区", names + pad, values + pad) == expected
    assert U.score("园区", two) == expected
    assert time.perf_counter() - started < 3
    # a names range one row longer than the values range is still said, however many empty rows both end with
    got = U.score("园区", names + [["sb_has_dashboard"]] + pad, values + pad[:-1])
    assert got.startswith(U.ERROR) and "应一样多" in got


def test_a_whole_column_where_one_value_is_asked_is_said_at_once():
    full, empty = [[3500.0] for _ in range(EXCEL_ROWS)], [[None] for _ in range(EXCEL_ROWS)]
    started = time.perf_counter()
    assert U.amount(full) == U.error(U.ONE_CELL)
    assert U.amount(empty) == ""
    assert time.perf_counter() - started < 3


def test_a_number_typed_where_a_name_goes_is_quoted_as_the_cell_shows_it():
    """Excel hands every number to a formula as a float: a company listed twice under the number 12345 was said as
    “12345.0” (``shibai check`` says “12345”, as the cell shows it), a number in SB_SCORE's names as “2024.0”."""
    header = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    got = dict(map(tuple, U.residents([header, [1.0, 12345.0, 1.0, 1.0, 1.0], [2.0, 12345.0, 1.0, 1.0, 1.0]])))
    assert got["重复企业"] == "12345"
    said = U.score("园区", [["sb_has_platform", "是"], [2024.0, "是"]])
    assert "“2024”不是" in said and "2024.0" not in said


def test_one_answer_given_twice_as_a_ticked_box_and_as_yes_is_one_answer():
    """README: a checkbox-linked cell's TRUE reads as 是. A name list holding sb_has_platform twice — once from the
    checkbox's linked cell (TRUE), once typed 是 — was refused as “出现了两次，值不同（“是”和“TRUE（是）”）”."""
    once = U.score("园区", [["sb_has_platform", "是"]])
    assert not str(once).startswith(U.ERROR)
    assert U.score("园区", [["sb_has_platform", "是"], ["sb_has_platform", True]]) == once
    assert U.score("园区", [["sb_resident_count", 12.0], ["sb_resident_count", "12家"]]) == \
        U.score("园区", [["sb_resident_count", 12.0]])
    differ = U.score("园区", [["sb_has_platform", "是"], ["sb_has_platform", False]])
    assert differ.startswith(U.ERROR) and "出现了两次" in differ


@pytest.mark.parametrize("header, expected", [
    ("年度交易额（万元）", 30000), ("年度网络零售额（万元）", 3000), ("(202x年x月-202x年x月)\n年度交易额（万元）", 30000),
    ("(2023年1月-2023年12月) 年度网络零售额 (万元)", 3000), ("成立年限（年）", 2)])
def test_threshold_of_a_summary_column_named_by_its_header_cell(header, expected):
    """=SB_THRESHOLD($F5,K$3) beside a 项目汇总表 row, K3 the 附件4 column header: the type column is read as a
    summary writes it, the metric was refused (“指标应为 交易额、……”)."""
    assert U.threshold("园区", header) == expected


def test_threshold_of_a_column_in_another_unit_is_not_given_in_wan_yuan_unsaid():
    got = U.threshold("园区", "年度交易额（亿元）")
    assert got.startswith(U.ERROR) and "万元" in got


@pytest.mark.parametrize("typed", ["13908510001\n13908510002", "13908510001\r\n13908510002", "13908510001 \n 13908510002"])
def test_two_mobile_numbers_on_two_lines_of_one_cell_are_read_as_both(typed, tmp_path):
    """Two numbers put on two lines of a cell (Alt+Enter) — as common as 13908510001/13908510002, which both read —
    were “不是11位手机号” in SB_MOBILE and a FIELD_MOBILE error in `shibai check`."""
    assert U.mobile(typed) == "13908510001、13908510002"
    path = next(p for p in example_files(tmp_path) if p.name.startswith("示范企业"))
    wb = load_workbook(path)
    name_cell(wb, "sb_contact_phone").value = typed
    wb.save(path)
    rc, obj, err = check_json(path)
    assert rc == 0, err
    assert not [f for f in obj["findings"] if f["code"] == "FIELD_MOBILE"]


def test_a_long_list_pasted_twice_keeps_its_totals():
    """A park's 3 000-company list pasted twice under itself: the totals are right (each company once), but the
    重复企业 cell named all 3 000 and passed what a cell holds, so the whole result was “错误：结果超过……请缩小区域”."""
    header = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    rows = [[float(i), f"贵州黔货出山第{i}号电子商务有限责任公司", 2.0, 10.0, 5.0] for i in range(1, 3001)]
    got = U.residents([header, *rows, *rows])
    assert isinstance(got, list), got
    said = dict(map(tuple, got))
    assert (said["家数"], said["从业人数合计"], said["年度网络交易额合计（万元）"]) == (3000, 6000, 30000)
    assert said["重复企业"].startswith("贵州黔货出山第1号电子商务有限责任公司、") and said["重复企业"].endswith("等3000家")
    assert len(said["重复企业"]) < 1000
    few = dict(map(tuple, U.residents([header, *rows[:3], *rows[:3]])))["重复企业"]
    assert few == "、".join(r[1] for r in rows[:3])      # a few are all named, as before
