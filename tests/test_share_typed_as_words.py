"""A percentage typed as applicants say it: "占比20%" (the question's words before it), "三成", "两成半" (成 = tenths)
for 线上交易占营业收入比例 or 孵化成功率. Each was FIELD_NUMBER “不是数字” and the rate unread (its item 0 points or
undecided); they are 20%, 30% and 25%. "占比约60%" stays no exact figure."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.parse.number import parse_percent
from tests.conftest import checked_json


@pytest.mark.parametrize(("typed", "points"), [
    ("占比20%", 20), ("占20%", 20), ("线上交易占营业收入的比例为35%", 35), ("比例百分之三十", 30),
    ("三成", 30), ("3成", 30), ("两成半", 25), ("二成五", 25), ("七成", 70),
])
def test_the_share_is_read(typed, points):
    assert parse_percent(typed).value == points


@pytest.mark.parametrize("typed", ["占比约60%", "成", "占比很高"])
def test_no_exact_share_stays_unread(typed):
    assert not parse_percent(typed).ok


@pytest.mark.parametrize(("app_type", "field", "typed", "item", "points"), [
    ("enterprise", "sb_online_share", "占比60%", "2.1.1", 15), ("park", "sb_incubation_rate", "六成", "2.2.3", 5),
])
def test_the_check_reads_it(make_workbook, capsys, app_type, field, typed, item, points, rules):
    path = make_workbook(app_type)
    wb = load_workbook(path)
    named_cell(wb, field).value = typed
    wb.save(path)
    out = checked_json(path, capsys)
    label = rules.fields[field].label
    assert not [f for f in out["findings"] if f["code"].startswith("FIELD_") and label in f["message"]], out["findings"]
    assert next(i["auto"] for i in out["score"]["items"] if i["id"] == item) == points
