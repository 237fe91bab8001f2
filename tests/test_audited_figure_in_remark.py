"""年度直播销售额 typed "600万元（经审计450万元）": the audited figure in the remark was a remark only ("未计入数字"),
so 600 met 500万 and the team was eligible though its 专项审计报告 (申报材料（四）) says 450. The audited figure is now
the one read and compared, and a FIELD_AMOUNT warning says the two differ; a remark repeating the figure, or "经审计"
with no figure, changes nothing."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from tests.conftest import checked_json


def _checked(make_workbook, capsys, typed):
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, "sb_live_sales").value = typed
    wb.save(path)
    return checked_json(path, capsys)


@pytest.mark.parametrize("typed", ["600万元（经审计450万元）", "600（审计后450）", "600万元(审计数：4500000元)"])
def test_the_audited_figure_decides(make_workbook, capsys, typed):
    out = _checked(make_workbook, capsys, typed)
    assert out["eligible"] is False
    said = [f for f in out["findings"] if f["code"] == "FIELD_AMOUNT" and "年度直播销售额" in f["message"]]
    assert len(said) == 1 and "与所填数字不同：已按审计数判断" in said[0]["message"], said
    assert said[0]["severity"] == "warning"


@pytest.mark.parametrize("typed", ["600万元（经审计）", "600万元（经审计600万元）"])
def test_a_remark_giving_no_other_figure_changes_nothing(make_workbook, capsys, typed):
    out = _checked(make_workbook, capsys, typed)
    assert out["eligible"] is True
    assert not [f for f in out["findings"] if "审计数" in f["message"]]
