"""Issue 3: 是/否 items are drop-downs, but the reader copes with "values typed as text". A 是 ending on a comma or
semicolon ("是，", "有；", "是、" — "是。" was read) and the plain words people answer with ("暂无", "符合", "不符合",
"已签订", "已落地", "已完成", "未达到") were FIELD_CHOICE errors “应填“是”或“否”” and the item scored 0."""
from __future__ import annotations

import json

import pytest

from shibai_xl.engine.values import parse_yesno
from shibai_xl.faces.cli import main
from tests.conftest import checked_json, example


@pytest.mark.parametrize(("typed", "read"), [
    ("是，", "是"), ("是；", "是"), ("是、", "是"), ("有，", "是"), ("否，", "否"), ("是:", "是"),
    ("暂无", "否"), ("尚无", "否"), ("符合", "是"), ("不符合", "否"), ("达到", "是"), ("已达到", "是"), ("未达到", "否"),
    ("已完成", "是"), ("未完成", "否"), ("已签订", "是"), ("已签署", "是"), ("未签订", "否"), ("已落地", "是"),
    ("已入驻", "是"), ("未入驻", "否"),
])
def test_yes_no_as_typed(typed, read):
    """As the form's questions read them (符合/达到 answer a requirement: the materials list does not read them)."""
    p = parse_yesno(typed, requirement=True)
    assert (p.value, p.error) == (read, None)


@pytest.mark.parametrize("typed", ["是否", "是/否", "非", "已注销", "是，否"])
def test_what_answers_neither_stays_an_error(typed):
    assert parse_yesno(typed).error


def test_team_answering_in_words_scores_as_the_drop_down_would(make_workbook, capsys):
    path = make_workbook("team", example("team", sb_in_park="已入驻", sb_brand_case="是，"))
    got = checked_json(path, capsys)
    assert not [f for f in got["findings"] if f["code"] == "FIELD_CHOICE"], got["findings"]
    items = {i["id"]: i["auto"] for i in got["score"]["items"]}
    assert items["2.1.1"] == 10 and items["2.1.3"] == 15


@pytest.mark.parametrize("typed", ["暂无", "尚无", "未完成"])
def test_a_material_not_yet_at_hand_is_said_to_come_later_not_refused(make_workbook, rules, capsys, typed):
    """"尚无"/"未完成" in the 材料清单 is "后补" (MAT_MISSING, verdict kept), as "暂无" was — not the 否 of ELIG_MATERIALS."""
    from tests.conftest import all_materials
    path = make_workbook("team", materials={**all_materials(rules), "sb_mat_license": typed})
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["eligible"] is True
    assert [f["severity"] for f in got["findings"] if f["code"] == "MAT_MISSING"] == ["warning"]
    assert not [f for f in got["findings"] if f["code"] == "ELIG_MATERIALS"]
