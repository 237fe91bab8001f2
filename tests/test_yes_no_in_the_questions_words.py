"""A 是/否 item answered with the verb of its own question, as applicants answer a requirement: "已达成" (园区与通讯商
达成协议), "已合作" (与金融机构建立合作关系), "建有"/"已建成" (附件5: 建有管理中台), "设有" (专门的电商运营机构或部门),
"已通过备案" (ICP), "未入园" (落地在电商产业园内). Each was FIELD_CHOICE “应填是或否” (an error) and the item 0 points
though the words say 是 (or 否) plainly, as "已签订", "已备案", "未落地" already did."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.values import NO, YES, parse_yesno
from tests.conftest import checked_json


@pytest.mark.parametrize(("typed", "answer"), [
    ("已达成", YES), ("已合作", YES), ("已建成", YES), ("建有", YES), ("设有", YES), ("已设立", YES), ("已通过备案", YES),
    ("已开展", YES), ("已承担", YES), ("已制定", YES), ("已入园", YES),
    ("未达成", NO), ("未合作", NO), ("未建成", NO), ("未设立", NO), ("未通过备案", NO), ("未开展", NO), ("未承担", NO),
    ("未入园", NO),
])
def test_the_questions_verb_is_the_answer(typed, answer):
    assert parse_yesno(typed).value == answer


@pytest.mark.parametrize(("app_type", "field", "typed", "item", "points"), [
    ("park", "sb_telecom_agreement", "已达成", "1.1.2", 5),
    ("park", "sb_has_platform", "建有", "1.2.1", 5),
    ("enterprise", "sb_ecom_dept", "设有", "2.1.2", 15),
    ("team", "sb_in_park", "未入园", "2.1.1", 0),
])
def test_the_item_is_scored_on_it(make_workbook, capsys, app_type, field, typed, item, points):
    path = make_workbook(app_type)
    wb = load_workbook(path)
    named_cell(wb, field).value = typed
    wb.save(path)
    out = checked_json(path, capsys)
    assert not [f for f in out["findings"] if f["code"] == "FIELD_CHOICE"], out["findings"]
    assert next(i["auto"] for i in out["score"]["items"] if i["id"] == item) == points


@pytest.mark.parametrize(("field", "typed", "eligible"), [
    ("sb_credit_ok", "无失信", True), ("sb_credit_ok", "信用良好", True), ("sb_finance_ok", "制度健全", True),
    ("sb_credit_ok", "有失信行为", False), ("sb_finance_ok", "制度不健全", False),
])
def test_the_supplements_own_words_confirm_or_deny(make_workbook, capsys, field, typed, eligible):
    """信用记录良好（信用中国等查询无失信记录） answered "无失信", 财务制度健全 "制度健全": FIELD_CHOICE and the verdict
    待定 (ELIG_CREDIT 未确认), though the words are the question's own."""
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, field).value = typed
    wb.save(path)
    out = checked_json(path, capsys)
    assert out["eligible"] is eligible
    assert not [f for f in out["findings"] if f["code"] == "FIELD_CHOICE"]
