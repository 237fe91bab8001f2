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
