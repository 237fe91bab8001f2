"""A 是/否 item typed by hand with its tick in the question's own cell, right after the printed words: "3. 具备完善的
仓配管理系统√", "…系统：✓", "…系统✅", "…系统：是【√】否【 】". The tick is the answer — the item was read as blank
(its points lost, 未填写) though the applicant ticked it."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_layout import printed_team

QUESTION = "3. 具备完善的仓配管理系统"


@pytest.mark.parametrize("tail, answer", [("√", "是"), ("：✓", "是"), ("✅", "是"), ("：是【√】否【 】", "是"),
                                          (" 是【 】否【√】", "否"), ("：☑是 □否", "是")])
def test_a_tick_right_after_the_question_in_its_cell_is_the_answer(tmp_path, tail, answer):
    path = printed_team(tmp_path / "团队.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    cell = next(c for row in ws.iter_rows() for c in row if c.value == QUESTION)
    cell.value = QUESTION + tail
    ws.cell(cell.row, cell.column + 1).value = None
    wb.save(path)
    result = check(read_application(path))
    assert result.values["sb_warehouse_system"] == answer, tail
    assert result.score.auto == (100 if answer == "是" else 85)
