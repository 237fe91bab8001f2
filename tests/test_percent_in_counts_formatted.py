"""A percent typed into a count or an area cell in Excel or WPS ("15%" into 签约主播（个）, 粉丝总数（人）, 已入驻电商企业,
电商区域面积): the program stores the NUMBER 0.15 and paints the cell 0%. The applicant sees 15%: it is said as the
text "15%" is (test_percent_in_counts.py) — quoting the 15% shown, not 0.15 — and not taken as a count, in every file
type and through the formulas, which are given the cells' formats."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.faces import udf_functions as U
from shibai_xl.rules import load
from tests.conftest import example
from tests.libreoffice import convert_many, need_soffice
from tests.test_forms_as_filled import item, run_json


def shown_as_percent(path, field: str, value: float, code: str = "0%"):
    """``value`` stored in ``field``'s cell painted ``code``, as Excel stores "15%" typed into a General cell."""
    wb = load_workbook(path)
    cell = named_cell(wb, field)
    cell.value, cell.number_format = value, code
    wb.save(path)
    return path


def staff_shown_as_percent(path):
    """The first company's 从业人数 in the 附件3 list typed "15%" in Excel: 0.15 painted 0%."""
    wb = load_workbook(path)
    cell = wb["入驻企业名单"]["G6"]
    cell.value, cell.number_format = 0.15, "0%"
    wb.save(path)
    return path


def _said(j: dict, label: str) -> list[str]:
    return [f["message"] for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and label in f["message"]]


@pytest.mark.parametrize("app_type,field,value,code,label,shown,noun", [
    ("base", "sb_anchors", 0.15, "0%", "签约主播（个）", "15%", "个数"),
    ("base", "sb_anchors", 15, "0%", "签约主播（个）", "1500%", "个数"),     # 1500% shown: no 15 anchors either
    ("team", "sb_fans", 0.15, "0%", "粉丝总数（人）", "15%", "人数"),
    ("base", "sb_resident_count", 0.6, "0.00%", "已入驻电商企业（家）", "60%", "家数"),
])
def test_a_count_shown_as_a_percent_is_said_as_the_percent_typed(make_workbook, capsys, app_type, field, value, code,
                                                                 label, shown, noun):
    path = shown_as_percent(make_workbook(app_type), field, value, code)
    j = run_json(path, capsys)
    said = _said(j, label)
    assert said == [f"无法识别的金额或数量：{label}填写为“{shown}”，是百分比，不是{noun}，请填写{noun}"], j["findings"]
    if field == "sb_anchors":     # 入驻≥5家、主播≥10人: 15 was taken as met
        assert item(j, "2.1.1")["auto"] != 10 and f"“{shown}”" in item(j, "2.1.1")["reason"], item(j, "2.1.1")


def test_an_area_shown_as_a_percent_is_said(make_workbook, capsys):
    j = run_json(shown_as_percent(make_workbook("base"), "sb_area_ecom", 0.8), capsys)
    assert [m for m in _said(j, "电商区域面积") if "“80%”，是百分比，不是面积，请填写面积（平方米）" in m], j["findings"]


def test_a_count_in_a_general_cell_and_a_rate_shown_as_a_percent_are_read(make_workbook, capsys):
    j = run_json(shown_as_percent(make_workbook("base"), "sb_anchors", 12, "General"), capsys)
    assert not _said(j, "签约主播") and item(j, "2.1.1")["auto"] == 10, j["findings"]
    park = run_json(shown_as_percent(make_workbook("park"), "sb_incubation_rate", 0.6), capsys)
    assert not [f for f in park["findings"] if "孵化成功率" in f["message"]], park["findings"]


def test_a_count_shown_as_a_percent_is_said_alike_in_xls_and_ods(make_workbook, capsys, tmp_path):
    need_soffice()
    path = staff_shown_as_percent(shown_as_percent(make_workbook("base"), "sb_anchors", 0.15))
    copies = {fmt: convert_many([path], fmt, tmp_path / fmt)[path] for fmt in ("xls", "ods")}
    expected = ["无法识别的金额或数量：签约主播（个）填写为“15%”，是百分比，不是个数，请填写个数"]
    for fmt, copy in copies.items():
        j = run_json(copy, capsys)
        assert _said(j, "签约主播") == expected, fmt
        staff = [f["message"] for f in j["findings"] if f["code"] == "XC_RESIDENT_ROW" and f["cell"] == "G6"]
        assert len(staff) == 1 and staff[0].endswith("的从业人数“15%”是百分比，不是人数，请填写人数"), (fmt, j["findings"])


def test_a_formula_given_the_cells_formats_says_the_percent(make_workbook):
    """SB_SCORE(类型, 名称区域, 值区域): the wrapper gives the value range with Excel's NumberFormat of each cell."""
    wb = load_workbook(make_workbook("base"))
    names = sorted(n for n in load().names_for("base") if named_cell(wb, n) is not None)
    values = [[0.15 if n == "sb_anchors" else named_cell(wb, n).value] for n in names]
    formats = U.FormatsShown(lambda r, c: "0%" if names[r - 1] == "sb_anchors" else "General")
    said = U.score("base", [[n] for n in names], (values, formats))
    assert said == U.ERROR + "无法识别的金额或数量：签约主播（个）填写为“15%”，是百分比，不是个数，请填写个数", said
    plain = U.score("base", [[n] for n in names], values)      # no formats told: the figure as given
    assert isinstance(plain, str) and "“0.15”" in plain, plain


def test_a_share_typed_as_a_percent_into_a_yes_no_cell_is_the_percent(make_workbook, capsys):
    """企业第3项 线上交易占营业收入50%以上 answered "60%" in Excel (stored 0.6, painted 0%): 是, as the text "60%" is —
    it was read as 0.6% (否) and 2.1.1 lost its 15 points."""
    path = make_workbook("enterprise", example("enterprise", sb_online_share=None))
    j = run_json(shown_as_percent(path, "sb_online_share_50", 0.6), capsys)
    said = [f["message"] for f in j["findings"] if f["code"] == "FIELD_CHOICE"]
    assert said == ["请核对线上交易占营业收入50%以上：填写为“60%”，按填写的数字读取为“是”（60%，达到50%）"], j["findings"]
    assert item(j, "2.1.1")["auto"] == 15, item(j, "2.1.1")
    wb = load_workbook(path)
    names = sorted(n for n in load().names_for("enterprise") if named_cell(wb, n) is not None)
    values = [[named_cell(wb, n).value] for n in names]
    formats = U.FormatsShown(lambda r, c: "0%" if names[r - 1] == "sb_online_share_50" else "General")
    typed = [["60%" if n == "sb_online_share_50" else v[0]] for n, v in zip(names, values)]
    assert U.score("enterprise", [[n] for n in names], (values, formats)) == \
        U.score("enterprise", [[n] for n in names], typed), "SB_SCORE given the formats reads 60%, as check"


def test_a_residents_staff_shown_as_a_percent_is_said_as_the_percent(make_workbook, capsys):
    """附件3 从业人数 "15%" typed in Excel (0.15 stored, painted 0%): said as the text "15%" is, not as “0.15”应为整数."""
    j = run_json(staff_shown_as_percent(make_workbook("park")), capsys)
    said = [f for f in j["findings"] if f["code"] == "XC_RESIDENT_ROW" and f["cell"] == "G6"]
    assert len(said) == 1 and said[0]["message"].endswith("的从业人数“15%”是百分比，不是人数，请填写人数"), j["findings"]
