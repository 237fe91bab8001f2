"""Issue 2: figures are read as people type them, an approximate one ("约", "至" of a range) being an error. "截至"
(as of) is no approximation: "已入驻电商企业12家（截至2024年4月）", "3600万元（截至2023年12月31日）" are exact figures
with the date they stand at — they were FIELD_AMOUNT “不是确切数字（含“至”）” and the verdict 待定, while "截止" was read."""
from __future__ import annotations

from decimal import Decimal

import pytest

from shibai_xl.engine.parse.number import parse_amount, parse_count, parse_usd
from tests.conftest import checked_json, example


@pytest.mark.parametrize(("parse", "typed", "value"), [
    (parse_count, "12家（截至2024年4月）", 12),
    (parse_count, "12（截至2024.4.15）", 12),
    (parse_count, "12家（截至目前）", 12),
    (parse_amount, "3600万元（截至2023年12月31日）", Decimal(3600)),
    (parse_usd, "80万美元（截至2023年底）", Decimal(800000)),
])
def test_as_of_a_date_is_an_exact_figure(parse, typed, value):
    p = parse(typed)
    assert (p.value, p.error) == (value, None)
    assert "截至" in p.note


@pytest.mark.parametrize("typed", ["12至15家", "约12家（截至2024年4月）", "12家以上（截至2024年4月）"])
def test_still_no_exact_figure(typed):
    assert parse_count(typed).error


def test_team_typing_its_live_sales_as_of_a_date_is_eligible(make_workbook, capsys):
    path = make_workbook("team", example("team", sb_live_sales="780万元（截至2023年12月31日）"))
    got = checked_json(path, capsys)
    assert got["eligible"] is True
    assert not [f for f in got["findings"] if f["code"] == "ELIG_MISSING" or f["severity"] == "error"], got["findings"]
    remark, = [f for f in got["findings"] if f["code"] == "FIELD_AMOUNT"]     # the remark said, as any remark is
    assert remark["severity"] == "warning" and "“截至2023年12月31日”是备注" in remark["message"]
