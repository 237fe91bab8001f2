"""A percentage typed into a count or an area of an application ("15%" in 签约主播（个）, 粉丝总数（人）, 电商区域面积):
a count of people, companies or rooms is never a percent, so it is said at the cell and not taken as 15 for the
thresholds and scores — as "15%" in an amount is 不是数字. A rate (孵化成功率) typed "15%" stays 15%."""
from __future__ import annotations

import pytest

from shibai_xl.examples import example_residents
from tests.conftest import example
from tests.test_forms_as_filled import item, run_json


def _said(j: dict, label: str) -> list[dict]:
    """The FIELD_AMOUNT findings naming ``label``, each at its cell."""
    said = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and label in f["message"]]
    assert all(f["sheet"] and f["cell"] for f in said), said
    return said


@pytest.mark.parametrize("typed", ["15%", "15％", "百分之15", "15%（线上）"])
def test_a_percent_typed_as_a_count_of_anchors_is_said_and_not_counted(make_workbook, capsys, typed):
    j = run_json(make_workbook("base", example("base", sb_anchors=typed)), capsys)
    said = _said(j, "签约主播")
    assert len(said) == 1 and said[0]["severity"] == "error", j["findings"]
    assert said[0]["message"] == f"无法识别的金额或数量：签约主播（个）填写为“{typed}”，是百分比，不是个数，请填写个数", said
    assert item(j, "2.1.1")["auto"] != 10, item(j, "2.1.1")      # 入驻≥5家、主播≥10人: 15 was taken as met


def test_a_percent_typed_as_fans_or_companies_or_an_area_is_said(make_workbook, capsys):
    team = run_json(make_workbook("team", example("team", sb_fans="15%")), capsys)
    assert "填写为“15%”，是百分比，不是人数，请填写人数" in _said(team, "粉丝总数")[0]["message"], team["findings"]
    base = run_json(make_workbook("base", example("base", sb_resident_count="60%", sb_area_ecom="80%")), capsys)
    assert "是百分比，不是家数，请填写家数" in _said(base, "已入驻电商企业")[0]["message"], base["findings"]
    assert "是百分比，不是面积，请填写面积（平方米）" in _said(base, "电商区域面积")[0]["message"], base["findings"]


def test_a_count_with_a_percent_in_its_remark_and_a_rate_typed_as_a_percent_are_read(make_workbook, capsys):
    j = run_json(make_workbook("base", example("base", sb_anchors="25人（占员工15%）")), capsys)
    assert [f["severity"] for f in _said(j, "签约主播")] == ["warning"], j["findings"]   # the remark, said
    assert item(j, "2.1.1")["auto"] == 10, item(j, "2.1.1")
    park = run_json(make_workbook("park", example("park", sb_incubation_rate="60%")), capsys)
    assert not _said(park, "孵化成功率"), park["findings"]
    assert not [f for f in park["findings"] if "百分比" in f["message"]], park["findings"]


def test_a_percent_typed_as_a_residents_staff_is_said_at_its_row(make_workbook, capsys):
    """附件3 从业人数 "15%" (a share of the park's staff pasted into the column): said, not added to the 员工 total."""
    rows = example_residents("park")
    rows[0]["从业人数"] = "15%"
    j = run_json(make_workbook("park", residents=rows), capsys)
    said = [f for f in j["findings"] if f["code"] == "XC_RESIDENT_ROW" and "“15%”" in f["message"]]
    assert len(said) == 1 and said[0]["message"].endswith("的从业人数“15%”是百分比，不是人数，请填写人数"), j["findings"]
