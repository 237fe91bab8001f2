"""A percent typed into an amount cell in Excel or WPS ("15%" into 年度直播销售额（万元）, 年度交易额（亿元）, 跨境电商年销售额
（美元）): the program stores the NUMBER 0.15 and paints the cell 0%. The applicant sees 15%; it was read as 0.15万元
(低于门槛500万元, the threshold said failed on a figure nobody typed). A percent is no amount: said as the 15% shown, as a
count's or an area's cell says it (test_percent_in_counts_formatted.py), in every file type and through the formulas."""
from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.faces import udf_functions as U
from shibai_xl.rules import load
from tests.libreoffice import convert_many, need_soffice
from tests.test_forms_as_filled import run_json
from tests.test_percent_in_counts_formatted import shown_as_percent


def _said(j: dict, label: str) -> list[str]:
    return [f["message"] for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and label in f["message"]]


@pytest.mark.parametrize("app_type,field,value,label,shown,unit", [
    ("team", "sb_live_sales", 0.15, "年度直播销售额（万元）", "15%", "万元"),
    ("park", "sb_trade_total", 0.6, "年度交易额（亿元）", "60%", "亿元"),
    ("base", "sb_crossborder_usd", 0.3, "跨境电商年销售额（美元）", "30%", "美元"),
])
def test_an_amount_shown_as_a_percent_is_said_as_the_percent_typed(make_workbook, capsys, app_type, field, value,
                                                                   label, shown, unit):
    j = run_json(shown_as_percent(make_workbook(app_type), field, value), capsys)
    assert _said(j, label) == [f"无法识别的金额或数量：{label}填写为“{shown}”，是百分比，不是金额，请填写金额（{unit}）"], \
        j["findings"]
    assert not [f for f in j["findings"] if f["code"].startswith("ELIG_") and str(value) in f["message"]], j["findings"]


def test_a_percent_typed_as_text_in_an_amount_cell_is_said_so(make_workbook, capsys):
    path = make_workbook("team")
    wb = load_workbook(path)
    named_cell(wb, "sb_live_sales").value = "15%"
    wb.save(path)
    j = run_json(path, capsys)
    assert _said(j, "年度直播销售额") == \
        ["无法识别的金额或数量：年度直播销售额（万元）填写为“15%”，是百分比，不是金额，请填写金额（万元）"], j["findings"]


def test_an_amount_in_a_general_or_unit_format_is_read(make_workbook, capsys):
    j = run_json(shown_as_percent(make_workbook("team"), "sb_live_sales", 520, "General"), capsys)
    assert not _said(j, "年度直播销售额"), j["findings"]
    assert not [f for f in j["findings"] if f["code"] == "ELIG_LIVE_SALES"], j["findings"]


def test_an_amount_shown_as_a_percent_is_said_alike_in_xls_and_ods(make_workbook, capsys, tmp_path):
    need_soffice()
    path = shown_as_percent(make_workbook("team"), "sb_live_sales", 0.15)
    expected = ["无法识别的金额或数量：年度直播销售额（万元）填写为“15%”，是百分比，不是金额，请填写金额（万元）"]
    for fmt in ("xls", "ods"):
        copy = convert_many([path], fmt, tmp_path / fmt)[path]
        assert _said(run_json(copy, capsys), "年度直播销售额") == expected, fmt


def test_a_formula_given_the_cells_formats_says_the_percent(make_workbook):
    """SB_SCORE given the value range's NumberFormats: 跨境电商年销售额 (base 17) scored on 0.3美元 before."""
    wb = load_workbook(make_workbook("base"))
    names = sorted(n for n in load().names_for("base") if named_cell(wb, n) is not None)
    values = [[0.3 if n == "sb_crossborder_usd" else named_cell(wb, n).value] for n in names]
    formats = U.FormatsShown(lambda r, c: "0%" if names[r - 1] == "sb_crossborder_usd" else "General")
    said = U.score("base", [[n] for n in names], (values, formats))
    expected = "无法识别的金额或数量：跨境电商年销售额（美元）填写为“30%”，是百分比，不是金额，请填写金额（美元）"
    assert said == U.ERROR + expected, said


def list_trade_shown_as_percent(path):
    """The first company's 年度网络交易额 in the 附件3 list typed "15%" in Excel: 0.15 painted 0%."""
    wb = load_workbook(path)
    cell = wb["入驻企业名单"]["H6"]
    cell.value, cell.number_format = 0.15, "0%"
    wb.save(path)
    return path


def _list_said(j: dict) -> list[str]:
    return [f["message"] for f in j["findings"] if f["code"] == "XC_RESIDENT_ROW" and f["cell"] in ("H6", "I6")]


def test_a_residents_amount_shown_as_a_percent_is_said_as_the_percent(make_workbook, capsys, tmp_path):
    """附件3 年度网络交易额 "15%" typed in Excel (0.15 stored, painted 0%): said as the text "15%" is — it was summed as
    0.15万元 and said to be below the company's 年度网络零售额 — in .xlsx, .xls and .ods alike."""
    path = list_trade_shown_as_percent(make_workbook("park"))
    said = _list_said(run_json(path, capsys))
    assert len(said) == 1 and said[0].endswith("的年度网络交易额（万元）“15%”是百分比，不是金额，请填写金额（万元）"), said
    need_soffice()
    for fmt in ("xls", "ods"):
        copy = convert_many([path], fmt, tmp_path / fmt)[path]
        assert _list_said(run_json(copy, capsys)) == said, fmt


def test_a_residents_small_amount_in_a_general_cell_is_read(make_workbook, capsys):
    path = make_workbook("park")
    wb = load_workbook(path)
    wb["入驻企业名单"]["I6"].value = 0.5     # 5000元 of 网络零售额, a number format of its own: read
    wb.save(path)
    assert not _list_said(run_json(path, capsys))


def test_sb_eligible_and_sb_amount_given_a_cell_shown_as_a_percent_say_it():
    """SB_ELIGIBLE(类型, 成立日期, 填表时间, 直播销售额): the wrapper gives the amount as its cell shows it
    (:func:`U.amount_as_shown` with the cell's NumberFormat) — 0.15 painted 0% said 不达标 on 0.15万元 before."""
    said = "无法识别的金额或数量：年度直播销售额（万元）填写为“15%”，是百分比，不是金额，请填写金额（万元）"
    dates = (datetime(2022, 5, 10), datetime(2024, 5, 10))
    assert U.eligible("直播团队", *dates, U.amount_as_shown(0.15, "0%")) == f"待定（{said}）"
    assert U.eligible("直播团队", *dates, U.amount_as_shown(520, "General")) == "达标"
    assert U.amount(U.amount_as_shown(0.15, "0.00%")) == U.ERROR + "“15%”是百分比，不是金额，请填写金额（万元）"
    assert U.amount(U.amount_as_shown(3.5, None), "亿元") == 35000
