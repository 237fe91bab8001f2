"""`shibai check --json` on 是/否 answers typed with a tick set apart by a space at either end of both words."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from shibai_xl.faces.cli import main
from tests.conftest import example


def run_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("typed,points", [("√ 是   否", 15), ("✓ 是 否", 15), ("是   否 √", 0), ("是 否 ✔", 0)])
def test_a_tick_spaced_off_at_one_end_belongs_to_the_word_beside_it(make_workbook, capsys, typed, points):
    """"√ 是   否" (tick, a space, then both printed words) was a FIELD_CHOICE error and 0 points while "√是  否" was
    read: the tick at the start of the cell can only be the first word's, one at the end only the last word's."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_logistics_coop=typed)), capsys)
    assert not [f for f in j["findings"] if f["cell"] == "C19"], j["findings"]
    assert next(i for i in j["score"]["items"] if i["id"] == "1.1.2")["auto"] == points


def test_a_tick_between_two_spaced_words_is_still_no_answer(make_workbook, capsys):
    j = run_json(make_workbook("enterprise", example("enterprise", sb_logistics_coop="是 √ 否")), capsys)
    assert [f for f in j["findings"] if f["code"] == "FIELD_CHOICE" and f["cell"] == "C19"], j["findings"]
