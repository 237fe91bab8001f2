"""The 前置条件 line typed into one cell with its group title and a colon before the figure, as an applicant types
the printed line: "前置条件：(2023年1月-2023年12月)年度直播销售额：500万元". The amount and the period are read —
they were said 未填写 (ELIG_MISSING: 年度直播销售额未填写, 统计期 missing), though both are in the cell."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_layout import printed_team


@pytest.mark.parametrize("typed", ["前置条件：(2023年1月-2023年12月)年度直播销售额：500万元",
                                   "前置条件：(2023年1月-2023年12月)年度直播销售额: 500 万元"])
def test_the_threshold_line_with_a_colon_before_its_figure(tmp_path, typed):
    path = printed_team(tmp_path / "团队.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    assert ws["A7"].value == "前置条件"
    ws["A7"], ws["B7"], ws["C7"], ws["D7"] = typed, None, None, None
    wb.save(path)
    result = check(read_application(path))
    assert result.values["sb_live_sales"] == 500
    assert not [f for f in result.findings if f.code == "ELIG_MISSING"], typed
    assert result.eligible is True
