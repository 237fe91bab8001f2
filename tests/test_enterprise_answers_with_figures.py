"""The enterprise's item 3 "线上交易占营业收入50%以上 □是□否" answered with the share behind it ("是（约35%）"), checked
with ``shibai check --json``. 附件5 企业 2.1.1 asks 线上交易比例占营业收入20%以上, so the share the applicant wrote
decides the item, as the 补充信息 share does (CONTRACT.md section 6: 附件5 decides where it and the form differ)."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json


def _check(make_workbook, capsys, typed, **more):
    values = example("enterprise", **{"sb_online_share": ..., "sb_online_share_50": typed, **more})
    return run_json(make_workbook("enterprise", values), capsys)


def _inconsistent(j: dict) -> list[dict]:
    return [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]


@pytest.mark.parametrize("typed,auto,warned", [("是（约15%）", 0, True),           # below 20%: earned 15 points
                                               ("是（线上占比35%）", 15, True),    # meets 附件5, not the form's 50%
                                               ("否（约30%）", 15, False),         # was 0, 无法判断
                                               ("否，线上销售占比60%", 15, True),
                                               ("是（线上交易额占营业收入的65%）", 15, False)])
def test_the_share_in_the_remark_decides_item_2_1_1(make_workbook, capsys, typed, auto, warned):
    j = _check(make_workbook, capsys, typed)
    it = item(j, "2.1.1")
    assert it["auto"] == auto and typed in it["reason"], it
    assert bool(_inconsistent(j)) is warned, j["findings"]
    if warned:
        assert typed in _inconsistent(j)[0]["message"] and "50%" in _inconsistent(j)[0]["message"], j["findings"]


@pytest.mark.parametrize("typed,auto", [("是（同比增长30%）", 15), ("是（2023年）", 15), ("否（同比增长30%）", 0)])
def test_a_growth_rate_or_a_year_in_the_remark_is_not_the_share(make_workbook, capsys, typed, auto):
    j = _check(make_workbook, capsys, typed)
    assert item(j, "2.1.1")["auto"] == auto, item(j, "2.1.1")
    assert not _inconsistent(j), j["findings"]


def test_the_supplementary_share_still_decides_when_given(make_workbook, capsys):
    j = _check(make_workbook, capsys, "是（约15%）", sb_online_share=25)
    assert item(j, "2.1.1")["auto"] == 15, item(j, "2.1.1")


@pytest.mark.parametrize("typed", ["是（市场占有率5%）", "是（税率13%）", "是（退货率3%）", "否（好评率为98%）"])
def test_another_rate_in_the_remark_is_not_the_share(make_workbook, capsys, typed):
    """"是（税率13%）" gives a tax rate, not 线上交易占营业收入比例: it was taken for a 13% share, the item earned 0
    with a warning '低于50%'; "否（好评率为98%）" earned 15 on a 98% share."""
    j = _check(make_workbook, capsys, typed)
    assert item(j, "2.1.1")["auto"] == (15 if typed.startswith("是") else 0), item(j, "2.1.1")
    assert not _inconsistent(j), j["findings"]


@pytest.mark.parametrize("typed,warned", [("否（不到20%）", False), ("否（近20%）", False), ("否（接近20%）", False),
                                          ("否，线上占比20%以下", False), ("是（不到30%）", True), ("是（低于20%）", True)])
def test_a_share_said_to_be_under_its_figure_is_not_that_figure(make_workbook, capsys, typed, warned):
    """"否（不到20%）" says the share is under 20%, 附件5 企业 2.1.1's figure: it was read as 20% and earned the 15
    points. A figure under an upper bound (不到, 近, 低于, 以下) is no figure reaching it: 0, the reviewer verifies; a 是
    whose remark stays under the form's 50% is the contradiction a plain "是（15%）" is."""
    j = _check(make_workbook, capsys, typed)
    it = item(j, "2.1.1")
    assert it["auto"] == 0, it
    assert bool(_inconsistent(j)) is warned, j["findings"]
    if warned:
        assert typed.split("（")[1].rstrip("）") in _inconsistent(j)[0]["message"], j["findings"]
