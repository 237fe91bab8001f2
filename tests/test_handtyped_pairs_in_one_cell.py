"""The leader's row typed as one line in one cell, several "label：answer" pairs side by side ("姓名：王明 职务：总经理
手机：13908510001"): each answer is read under its own label — the name was "王明 职务：总经理 手机：13908510001"
and 职务 and 手机 were said 必填项为空, though filled."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_layout import printed_team


@pytest.mark.parametrize("line", ["主要负责人：王明  职务：总经理  手机：13908510001",
                                  "姓名：王明 职务：总经理 手机：13908510001",
                                  "主要负责人姓名：王明；职务：总经理；手机：13908510001"])
def test_several_label_answer_pairs_in_one_cell(tmp_path, line):
    path = printed_team(tmp_path / "团队.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    assert ws["A6"].value == "主要负责人"
    for c in range(1, 9):
        ws.cell(6, c).value = None
    ws["A6"] = line
    wb.save(path)
    result = check(read_application(path))
    values = {n: result.app.raw[n].value for n in ("sb_leader_name", "sb_leader_title", "sb_leader_mobile")}
    assert values == {"sb_leader_name": "王明", "sb_leader_title": "总经理", "sb_leader_mobile": "13908510001"}, line
    assert not [f for f in result.findings if f.code == "FIELD_REQUIRED" and f.field and f.field.startswith("sb_leader")]
