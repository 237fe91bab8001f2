"""A remark's figure standing for the blank 补充信息 field 附件5 asks, said to be about that figure ("否（约20%）",
"否（20%左右）" for 企业 item 3 with 线上交易占营业收入比例 blank; 附件5 2.1.1 asks 20%以上): it was read as 20% exactly and
earned the 15 points, though the applicant's own words leave it either side of 20%. Now at the criterion's own figure
it decides nothing (0, 请核实后再评分); an approximate figure clear of it ("约35%") still decides, said with its 约."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from tests.conftest import checked_json


def _item(make_workbook, capsys, answer):
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    named_cell(wb, "sb_online_share_50").value = answer
    named_cell(wb, "sb_online_share").value = None
    wb.save(path)
    return next(i for i in checked_json(path, capsys)["score"]["items"] if i["id"] == "2.1.1")


@pytest.mark.parametrize("answer", ["否（约20%）", "否（20%左右）", "否，大约20%"])
def test_about_the_criterions_figure_decides_nothing(make_workbook, capsys, answer):
    item = _item(make_workbook, capsys, answer)
    assert item["auto"] == 0
    assert "约20%，无法判断是否 ≥ 20%，请核实后再评分" in item["reason"]


@pytest.mark.parametrize(("answer", "points", "said"), [
    ("否（约35%）", 15, "约35% ≥ 20%"), ("否（约19%）", 0, "约19% < 20%"), ("否（20%）", 15, "比例20% ≥ 20%"),
])
def test_a_figure_clear_of_it_or_exact_decides(make_workbook, capsys, answer, points, said):
    item = _item(make_workbook, capsys, answer)
    assert item["auto"] == points and said in item["reason"]


@pytest.mark.parametrize(("field", "typed", "item"), [
    ("sb_fans_1m", "约100万", "2.1.2"), ("sb_fans_1m", "是（约100万）", "2.1.2"), ("sb_agri_sales_50w", "50万元左右", "2.4.2"),
    ("sb_agri_sales_50w", "是（约50万元）", "2.4.2"),
])
def test_a_team_answer_about_the_questions_figure_decides_nothing(make_workbook, capsys, field, typed, item):
    """"约100万" typed for 粉丝数100万以上 was read as 是 (“达到100万”) and earned 15 points, while the same words in
    粉丝总数 were refused (不是确切数字); "是（约100万）" earned them too. Either side of 100万: undecided, said so."""
    figure = {"sb_fans_1m": "sb_fans", "sb_agri_sales_50w": "sb_agri_sales"}[field]
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, field).value = typed
    named_cell(wb, figure).value = None
    wb.save(path)
    out = checked_json(path, capsys)
    got = next(i for i in out["score"]["items"] if i["id"] == item)
    assert got["auto"] == 0
    assert "无法判断是否达到" in got["reason"] or "无法判断是否达到" in str(out["findings"])


@pytest.mark.parametrize(("typed", "points"), [("是（签约5人）", 100), ("是（约120万）", 100)])
def test_signed_is_no_about_and_clear_figures_decide(make_workbook, capsys, typed, points):
    """签约 holds 约 but says nothing approximate; "约120万" is clear of 100万."""
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, "sb_anchors_5" if "签约" in typed else "sb_fans_1m").value = typed
    wb.save(path)
    assert checked_json(path, capsys)["score"]["auto"] == points
