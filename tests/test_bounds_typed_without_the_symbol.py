"""A lower bound typed without the "≥" symbol — ">=1000万", "大于等于1000万" — or with the form's own word before the
figure ("年度交易额达____万元": "达1000万元"), and an amount written per year as "1000万元/年度": each was 不是数字 or
“不是确切数字（含“>”）” and the verdict 待定, while "≥1000万", "达到1000万元" and "1000万元/年" were read (a lower bound
with a warning, meeting a threshold of 以上, which includes its figure)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.parse.number import parse_amount
from tests.conftest import checked_json


@pytest.mark.parametrize(("typed", "word"), [
    (">=1000万", ">="), ("=>1000万", "=>"), ("大于等于1000万", "大于等于"), ("大于或等于1000万元", "大于或等于"),
    ("达1000万元", "达"),
])
def test_the_bound_is_read_as_the_symbol_is(typed, word):
    p = parse_amount(typed, "万元", bounds=True)
    assert (p.value, p.bound) == (Decimal(1000), True)
    assert f"含“{word}”" in p.note


def test_an_amount_per_year_written_with_niandu():
    assert parse_amount("1000万元/年度", "万元").value == Decimal(1000)


@pytest.mark.parametrize(("typed", "eligible"), [(">=500万", True), ("大于等于500万元", True), ("达500万元", True),
                                                 ("达499万元", None)])
def test_the_team_threshold_with_such_a_bound(make_workbook, capsys, typed, eligible):
    """At the threshold the bound meets it; below it the bound leaves it open (待定), as "499万以上" does."""
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, "sb_live_sales").value = typed
    wb.save(path)
    out = checked_json(path, capsys)
    assert out["eligible"] is eligible
    assert "ELIG_LIVE_SALES" not in {f["code"] for f in out["findings"]}


@pytest.mark.parametrize(("typed", "unit", "said"), [("10家以上", "家", "按下限10家计"), ("100万+", "人", "按下限1000000人计"),
                                                     ("5个以上", "个", "按下限5个计")])
def test_a_counts_bound_is_said_with_its_unit(typed, unit, said):
    """"10家以上" in 已入驻电商企业 was said “按下限10计”, the unit the form prints left out."""
    from shibai_xl.engine.parse.number import parse_count

    assert said in parse_count(typed, bounds=True, field_unit=unit).note


@pytest.mark.parametrize("typed", ["合计1000万元", "共计1000万元", "总计 1000万", "全年1000万元"])
def test_a_total_or_the_whole_years_word_before_the_figure(typed):
    """"合计1000万元" was 不是数字 (the verdict 待定), while "总计：1000万元" with its colon was read."""
    p = parse_amount(typed, "万元", bounds=True)
    assert (p.value, p.error) == (Decimal(1000), None)


def test_such_a_word_before_an_approximate_figure_stays_refused():
    assert parse_amount("合计约1000万", "万元", bounds=True).error
