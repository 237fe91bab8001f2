"""The 统计期 typed "2023.01-12" (the end month alone after a dotted start), in the 统计期起 cell with 统计期止 left
blank or in both cells: it was read as the date 2023-01-12 (the month 2023年1月) in each, so 统计期止 was 2023年1月 —
FIELD_PERIOD “统计期应为12个月” on a whole year, or 统计期止 missing. It is January to December 2023, 12 months;
"2023-01-12" (one separator throughout) stays a date."""
from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.parse.dates import parse_period
from tests.conftest import checked_json


@pytest.mark.parametrize(("typed", "ends"), [
    ("2023.01-12", (date(2023, 1, 1), date(2023, 12, 1))), ("2023.1-12", (date(2023, 1, 1), date(2023, 12, 1))),
    ("2023/4~12", (date(2023, 4, 1), date(2023, 12, 1))), ("2023.1至12", (date(2023, 1, 1), date(2023, 12, 1))),
])
def test_the_period_is_read(typed, ends):
    assert tuple(p.value for p in parse_period(typed)) == ends


@pytest.mark.parametrize("typed", ["2023-01-12", "2023.12-01", "2023.01-13", "2023.01.12"])
def test_a_date_or_a_backwards_span_is_no_period(typed):
    assert parse_period(typed) is None


@pytest.mark.parametrize("both", [True, False])
def test_no_period_finding_on_a_whole_year(make_workbook, capsys, both):
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, "sb_period_start").value = "2023.01-12"
    named_cell(wb, "sb_period_end").value = "2023.01-12" if both else None
    wb.save(path)
    out = checked_json(path, capsys)
    assert not [f for f in out["findings"] if f["code"] in ("FIELD_PERIOD", "FIELD_DATE", "FIELD_REQUIRED")], out["findings"]
    assert out["eligible"] is True
