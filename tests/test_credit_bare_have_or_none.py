"""信用记录良好（信用中国等查询无失信记录） answered with a bare "有" or "无": "有" may be 有失信记录 (否) as well as 是,
"无" may be 无失信记录 (是) as well as 否. "有" was read as 是 (eligible, no word), so a company with 失信记录 that
answered "有" passed; both are now 待定 with ELIG_CREDIT asking for 是 or 否. On 财务制度健全 "有"/"无" stay 是/否."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from tests.conftest import checked_json


def _checked(make_workbook, capsys, field, typed):
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, field).value = typed
    wb.save(path)
    return checked_json(path, capsys)


@pytest.mark.parametrize(("typed", "said"), [
    ("有", "可能是“是”，也可能是指“有失信记录”（否）"), ("无", "可能是指“无失信记录”（是），也可能是“否”"),
])
def test_a_bare_have_or_none_on_credit_is_undecided(make_workbook, capsys, typed, said):
    out = _checked(make_workbook, capsys, "sb_credit_ok", typed)
    assert out["eligible"] is None
    credit = [f for f in out["findings"] if f["code"] == "ELIG_CREDIT"]
    assert len(credit) == 1 and credit[0]["severity"] == "warning", credit
    assert f"填写为“{typed}”，{said}，请填写“是”或“否”" in credit[0]["message"]


@pytest.mark.parametrize(("typed", "eligible"), [("有", True), ("无", False)])
def test_on_finance_have_or_none_is_plain(make_workbook, capsys, typed, eligible):
    out = _checked(make_workbook, capsys, "sb_finance_ok", typed)
    assert out["eligible"] is eligible
