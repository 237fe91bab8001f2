"""The 类型 typed by hand in one cell after its label with only the box ticked ("类型：☑民营企业"), not the whole
printed line of boxes: the ticked option is the answer."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_handtyped_below import AUTHORITY, NAME, _team


@pytest.mark.parametrize("typed", ["类型：☑民营企业", "类型: ■民营企业", "企业类型：☑ 民营企业"])
def test_the_type_typed_after_its_label_with_only_the_chosen_box_is_read(tmp_path, typed):
    """"类型：☑民营企业" in one cell (only the box ticked typed, not the whole printed line): 民营企业 — it was said
    "必填项为空：类型" (FIELD_REQUIRED), though the applicant answered it."""
    path = _team(tmp_path / "团队.xlsx", [["名称", NAME, "主管部门", AUTHORITY]])
    wb = load_workbook(path)
    ws = wb.active
    assert ws["A5"].value == "类型"
    ws["A5"], ws["B5"] = typed, None
    wb.save(path)
    result = check(read_application(path))
    assert result.values["sb_org_type"] == "民营企业", typed
    assert not [f for f in result.findings if f.field == "sb_org_type"]
