"""附件5 园区 1.1.3 (公共直播间不少于10个) and 基地 2.1.1 (签约主播不少于10人) scored on the part a count's remark gives
("12间（其中公共直播间9间）"): a part the remark puts under the very figure 附件5 asks ("不足10间", "少于10人", "近10间")
is under it, so the item is not met — it earned the full points as if the part were 10 (直播间10间 ≥ 10间), while the
same reason said 备注写明不足10间，低于10间."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json
from tests.test_remarks_beside_answers import _beside


@pytest.mark.parametrize("typed, said", [("12间（其中公共直播间不足10间）", "不足10间"),
                                         ("12（其中公共直播间低于10间）", "低于10间"),
                                         ("12（其中公共直播间少于10间）", "少于10间"),
                                         # were refused as a whole (不是确切数字（含“近”）), though 12 is exact
                                         ("12间（其中公共直播间近10间）", "近10间"),
                                         ("12间（其中公共直播间不到10间）", "不到10间")])
def test_public_live_rooms_the_remark_puts_under_ten_earn_nothing(make_workbook, capsys, typed, said):
    j = run_json(make_workbook("park", example("park", sb_live_rooms=typed, sb_public_areas=6)), capsys)
    it = item(j, "1.1.3")
    assert it["auto"] == 0 and it["reason"].startswith(f"未达到：直播间{said} < 10间"), it
    assert "≥ 10间" not in it["reason"], it
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "error"], j["findings"]


@pytest.mark.parametrize("remark, said", [("其中公共直播间不到10间", "不到10间"), ("其中公共直播间近10间", "近10间")])
def test_a_capped_part_typed_beside_the_count_earns_nothing(make_workbook, capsys, remark, said):
    path = make_workbook("park", example("park", sb_live_rooms=12, sb_public_areas=6))
    it = item(run_json(_beside(path, {"sb_live_rooms": remark}, offset=2), capsys), "1.1.3")
    assert it["auto"] == 0 and it["reason"].startswith(f"未达到：直播间{said} < 10间"), it


def test_signed_anchors_the_remark_puts_under_ten_earn_nothing(make_workbook, capsys):
    j = run_json(make_workbook("base", example("base", sb_anchors="25（其中签约主播不足10人）")), capsys)
    it = item(j, "2.1.1")
    assert it["auto"] == 0 and "签约主播不足10人 < 10个" in it["reason"], it


def test_a_part_under_a_cap_above_the_figure_still_decides_nothing(make_workbook, capsys):
    """"不到15间" may be 10 or more, or fewer: no points and no failure said, as before."""
    j = run_json(make_workbook("park", example("park", sb_live_rooms="12（其中公共直播间不足15间）",
                                               sb_public_areas=6)), capsys)
    it = item(j, "1.1.3")
    assert it["auto"] == 0 and not it["reason"].startswith("未达到"), it


@pytest.mark.parametrize("field, typed, word", [("sb_crossborder_usd", "小于50万美元", "小于"),   # 附件5 4.3's own words
                                                ("sb_crossborder_usd", "不足50万美元", "不足"),
                                                ("sb_crossborder_usd", "低于50万美元", "低于"),
                                                ("sb_live_rooms", "少于10间", "少于")])
def test_a_figure_typed_under_an_upper_bound_is_said_inexact_not_no_number(make_workbook, capsys, field, typed, word):
    """"小于50万美元" holds a number: the applicant is told it is no exact figure (as for 不到, 以下), not “不是数字”."""
    j = run_json(make_workbook("park", example("park", **{field: typed})), capsys)
    said = [f["message"] for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and typed in f["message"]]
    assert len(said) == 1 and f"不是确切数字（含“{word}”）" in said[0] and "不是数字" not in said[0], said
