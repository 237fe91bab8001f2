"""A printed line holding two 是/否 questions (附件2 团队 item 5 "签约主播、直播艺人 5 人以上□是 □否，粉丝数 100 万以上□是
□否"; 园区 item 2 "园区与通讯商达成协议□是 □否，带宽不低于100Mbps□是 □否") retyped by hand with the answers in words
instead of the boxes: the first question took the whole rest of the line ("是，粉丝数 100 万以上 否": FIELD_CHOICE) and
the second was not found (2.1.2 粉丝 0 points, 未填写). Each question now has its own answer, a remark after it kept."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_handtyped_other_type_words import typed_team

_PRINTED = "5. 签约主播、直播艺人 5 人以上☑是 □否，粉丝数 100 万以上☑是 □否"


def _team(path, line):
    path = typed_team(path, "□国有或国有控股企业 ☑民营企业 □其他____")
    wb = load_workbook(path)
    cell = next(c for row in wb.active.iter_rows() for c in row if c.value == _PRINTED)
    cell.value = line
    wb.save(path)
    return path


@pytest.mark.parametrize(("line", "anchors", "fans", "points"), [
    ("5. 签约主播、直播艺人 5 人以上 是，粉丝数 100 万以上 否", "是", "否", 0),
    ("5. 签约主播、直播艺人 5 人以上 √（8人），粉丝数 100 万以上 √（120万）", "√(8人)", "√(120万)", 15),
    ("5. 签约主播、直播艺人5人以上：有；粉丝数100万以上：有", "有", "有", 15),
])
def test_each_question_of_the_line_has_its_answer(tmp_path, line, anchors, fans, points):
    app = read_application(_team(tmp_path / "团队.xlsx", line))
    assert (app.value("sb_anchors_5"), app.value("sb_fans_1m")) == (anchors, fans)
    result = check(app)
    assert next(i.auto for i in result.score.items if i.id == "2.1.2") == points
    assert not [f for f in result.findings if f.code == "FIELD_CHOICE"]
