"""附件2's questions are statements answered □是 □否 ("具备完善的仓配管理系统", "入驻企业员工总数不低于 50 个",
"信用记录良好"). Applicants who type instead of ticking often answer as one answers a requirement: 符合 / 不符合, 达标 /
不达标, 满足 / 不满足, 达到 / 未达到. Those were FIELD_CHOICE 应填“是”或“否” and the item 待定: they are 是 and 否. An answer
that hedges ("基本符合", "部分达标") or says both stays a finding for the applicant to settle."""
from __future__ import annotations

import pytest

from shibai_xl.engine.values import parse_yesno
from tests.conftest import example
from tests.test_forms_as_filled import item, run_json


@pytest.mark.parametrize("typed,answer", [("符合", "是"), ("不符合", "否"), ("达标", "是"), ("不达标", "否"),
                                          ("满足", "是"), ("不满足", "否"), ("已达到", "是"), ("未达到", "否"),
                                          ("符合要求", "是"), ("不符合要求", "否"), ("符合（见合作协议）", "是"),
                                          ("不符合，正在洽谈", "否")])
def test_a_requirement_answered_in_words_is_the_answer(make_workbook, capsys, typed, answer):
    # 企业第2项 与物流企业签订合作协议 (1.1.2, 15分) at C19
    j = run_json(make_workbook("enterprise", example("enterprise", sb_logistics_coop=typed)), capsys)
    assert not [f for f in j["findings"] if f["cell"] == "C19"], j["findings"]
    assert item(j, "1.1.2")["auto"] == (15 if answer == "是" else 0), item(j, "1.1.2")


def test_the_entry_conditions_answered_in_words(make_workbook, capsys):
    values = example("enterprise", sb_credit_ok="符合", sb_finance_ok="满足")
    j = run_json(make_workbook("enterprise", values), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"], j["findings"]
    assert j["eligible"] is True, j["eligible"]


@pytest.mark.parametrize("typed", ["基本符合", "部分达标", "符合（部分不符合）", "符合/不符合", "满足不满足"])
def test_a_hedged_answer_stays_a_finding(make_workbook, capsys, typed):
    j = run_json(make_workbook("enterprise", example("enterprise", sb_logistics_coop=typed)), capsys)
    said = [f for f in j["findings"] if f["cell"] == "C19"]
    assert [f["code"] for f in said] == ["FIELD_CHOICE"], j["findings"]
    assert parse_yesno(typed).value is None
