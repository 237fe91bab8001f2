"""所属市（州）/县（区） of a 申报表 typed by hand under the labels applicants give them: "所在地区", "所在市（州）",
"所在县（区）", one "所在市（州）/县（区）" — the answer "安顺市西秀区" of one label for both is both. Before, both were
asked for as required (FIELD_REQUIRED). QA qa62a."""
from __future__ import annotations

import pytest

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_inline_answers import _book
from tests.test_printed_label_notes import _rows


def _region(tmp_path, rows):
    result = check(read_application(_book(tmp_path / "团队.xlsx", rows)))
    said = [f.message for f in result.findings if f.field in ("sb_city", "sb_county")]
    return (result.values.get("sb_city"), result.values.get("sb_county")), said


@pytest.mark.parametrize("label", ["所在地区", "所属地区", "所在市（州）/县（区）", "所在市（州）、县（区）", "所在市州县区",
                                   "所在市（州）县（区）："])
@pytest.mark.parametrize("typed", ["安顺市西秀区", "安顺市 西秀区", "安顺市/西秀区"])
def test_one_label_for_city_and_county_fills_both(tmp_path, label, typed):
    rows = _rows(**{"所属市（州）": lambda r: [label, typed], "县（区）": lambda r: []})
    assert _region(tmp_path, rows) == (("安顺市", "西秀区"), []), (label, typed)


@pytest.mark.parametrize("city, county", [("所在市（州）", "所在县（区）"), ("所在地区", "所在县（区）"),
                                          ("所在地区", "县（区）")])
def test_city_and_county_on_rows_of_their_own(tmp_path, city, county):
    rows = _rows(**{"所属市（州）": city, "县（区）": county})
    assert _region(tmp_path, rows) == (("安顺市", "西秀区"), []), (city, county)


@pytest.mark.parametrize("label", ["所在地区", "所在市（州）/县（区）", "所属市（州）/县（区）", "所属市（州）"])
@pytest.mark.parametrize("answers", [["安顺市", "西秀区"], ["安顺市", None, "西秀区"], ["安顺市", "西秀县"]])
def test_one_label_with_the_city_and_the_county_in_cells_of_their_own(tmp_path, label, answers):
    """"所在地区 | 安顺市 | 西秀区": the county typed right of the city, under no label of its own, was asked for as
    required (FIELD_REQUIRED 县（区）) and left out of the summary's 县区; a county of another 市（州） there is said."""
    rows = _rows(**{"所属市（州）": lambda r: [label, *answers], "县（区）": lambda r: []})
    got, said = _region(tmp_path, rows)
    if answers[-1] == "西秀区":
        assert (got, said) == (("安顺市", "西秀区"), []), (label, answers)
    else:   # "西秀县" is no county of Guizhou: not taken for one, the county still asked for
        assert got == ("安顺市", None) and [m for m in said if "县（区）" in m], said


def test_a_county_of_another_city_beside_the_city_is_said(tmp_path):
    rows = _rows(**{"所属市（州）": lambda r: ["所在地区", "安顺市", "南明区"], "县（区）": lambda r: []})
    got, said = _region(tmp_path, rows)
    assert got == ("安顺市", "南明区") and any("“南明区”属于贵阳市" in m for m in said), said
