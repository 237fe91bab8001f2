"""是/否 answers of a hand-typed 申报表 ticked the way applicants tick a printed form in Word or WPS: the tick in the
square brackets Chinese forms print ("是【√】否【 】", "是[√] 否[ ]", "是〔√〕否〔 〕") as in round ones ("是（√）"),
and WeChat's green tick ✅ beside the word ("✅是 □否", "是 ✅") as alone ("✅"). Each is its answer — not a FIELD_CHOICE
error on every item and a score of 0."""
from __future__ import annotations

import pytest

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from shibai_xl.engine.values import parse_yesno
from tests.test_printed_layout import printed_team


@pytest.mark.parametrize("typed, answer", [
    ("是【√】否【 】", "是"), ("是【 】否【√】", "否"), ("是【√】", "是"), ("否【√】", "否"), ("是[√] 否[ ]", "是"),
    ("是[ ] 否[√]", "否"), ("是〔√〕否〔 〕", "是"), ("是【✓】 否【】", "是"), ("✅是 □否", "是"), ("□是 ✅否", "否"),
    ("是 ✅", "是"), ("是✅ 否", "是"), ("是 否✅", "否"),
])
def test_a_tick_in_square_brackets_or_a_green_tick_is_the_answer(typed, answer):
    assert parse_yesno(typed).value == answer, typed


@pytest.mark.parametrize("typed", ["是【√】否【√】", "是【 】否【 】", "✅是 ✅否"])
def test_both_or_neither_ticked_in_square_brackets_is_still_asked(typed):
    assert parse_yesno(typed).error, typed


def test_a_team_form_ticked_in_square_brackets_scores_its_items(tmp_path):
    app = read_application(printed_team(tmp_path / "团队.xlsx"))
    base = check(app).score.auto
    from openpyxl import load_workbook
    path = tmp_path / "团队.xlsx"
    wb = load_workbook(path)
    for row in wb.active.iter_rows():
        for cell in row:
            if cell.value == "☑是 □否":
                cell.value = "是【√】否【 】"
    wb.save(path)
    result = check(read_application(path))
    assert not [f for f in result.findings if f.code == "FIELD_CHOICE"]
    assert result.score.auto == base == 100
