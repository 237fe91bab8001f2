"""附件3 typed by 行业 with a blank row left before a 行业's 小计 row (or before the next 行业's heading after it): the
companies under it are the list's still, as a blank row between two companies is; reading did stop at the 小计."""
from __future__ import annotations

import pytest

from tests.test_resident_list_as_parks_fill_it import read_list, typed_list


def company(i: int) -> list:
    return [i, f"贵州黔货{i}号电子商务有限公司", "张先生", "13908510000", None, "农产品", 5, 100, 10, None]


SUBTOTAL = [None, "农产品小计", None, None, None, None, 15, 300, 30, None]
HEADING = ["二、食品加工"]


@pytest.mark.parametrize("between", [[[], SUBTOTAL, HEADING], [[], SUBTOTAL, [], HEADING], [SUBTOTAL, [], HEADING],
                                     [[], [None, None, None, None, None, "农产品小计", 15, 300, 30]]],
                         ids=["blank-subtotal-heading", "blank-subtotal-blank-heading", "subtotal-blank-heading",
                              "blank-subtotal-in-industry"])
def test_a_blank_row_before_a_subtotal_does_not_end_the_list(tmp_path, between):
    lines = [company(1), company(2), company(3), *between, company(4), company(5),
             [None, "食品加工小计", None, None, None, None, 10, 200, 20], [None, "合计", None, None, None, None, 25, 500, 50]]
    read, summed = read_list(typed_list(tmp_path / "名单.xlsx", lines))
    assert read == {"家数": 5, "从业人数合计": 25, "年度网络交易额合计（万元）": 500.0,
                    "年度网络零售额合计（万元）": 50.0, "数据有误（处）": 0}
    assert {k: summed[k] for k in read} == read


@pytest.mark.parametrize("signed", [False, True], ids=["total-last", "signed-under-it"])
def test_the_lists_total_row_under_a_blank_row_is_compared_with_its_rows(tmp_path, signed):
    """A 合计 row left under a blank row was not compared by check (0 数据有误) while SB_RESIDENTS compared it (1)."""
    lines = [company(1), company(2), company(3), [], [None, "合计", None, None, None, None, 16, 300, 30]]
    read, summed = read_list(typed_list(tmp_path / "名单.xlsx", [*lines, *([[], [None, "填报人：张三"]] if signed else [])]))
    assert (read["家数"], read["从业人数合计"], read["数据有误（处）"]) == (3, 15, 1)
    assert {k: summed[k] for k in read} == read
    far = [*lines[:3], [], [], [], lines[-1]]             # 3 blank rows between: a table of its own, not compared
    read, _summed = read_list(typed_list(tmp_path / "名单2.xlsx", far))
    assert (read["家数"], read["数据有误（处）"]) == (3, 0)
