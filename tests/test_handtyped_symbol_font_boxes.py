"""是/否 boxes made in Word the usual Chinese way — "R" and "£" typed in the Wingdings 2 font (☑ and □), or "þ" and
"¨" in Wingdings — and the table copied into Excel/WPS: the cell's text is "R是 £否". Read as the boxes they show
("☑是 □否"), not a FIELD_CHOICE error on every item and a score of 0."""
from __future__ import annotations

import pytest

from shibai_xl.engine.values import parse_yesno


@pytest.mark.parametrize("typed, answer", [("R是 £否", "是"), ("£是 R否", "否"), ("R是£否", "是"), ("þ是 ¨否", "是"),
                                           ("¨是 þ否", "否"), ("是R 否£", "是")])
def test_word_symbol_font_boxes_are_read_as_the_boxes_they_show(typed, answer):
    assert parse_yesno(typed).value == answer, typed


@pytest.mark.parametrize("typed", ["R是 R否", "£是 £否", "R", "£"])
def test_both_or_neither_or_a_lone_letter_is_still_asked(typed):
    assert parse_yesno(typed).error, typed


def test_a_team_form_with_word_symbol_boxes_scores_its_items(tmp_path):
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.reader import read_application
    from shibai_xl.engine.check import check
    from tests.test_printed_layout import printed_team
    path = printed_team(tmp_path / "团队.xlsx")
    wb = load_workbook(path)
    for row in wb.active.iter_rows():
        for cell in row:
            if cell.value == "☑是 □否":
                cell.value = "R是 £否"
    wb.save(path)
    result = check(read_application(path))
    assert not [f for f in result.findings if f.code == "FIELD_CHOICE"]
    assert result.score.auto == 100 and result.eligible is True
