"""An amount whose cell's number format scales what it shows (800000 painted 0,"万元" shows 800万元; 6亿 typed
600000000 painted #,##0,,"亿" shows 600亿) or shows 美元 in a 万元 cell: ``shibai check`` cannot tell which number
the applicant meant and says 待定 (parse/format_units.py); SB_ELIGIBLE, handed the same cell, decided on the number
typed (800000万元: 达标) — the formula said 达标 beside check's 待定. It now hands the cell's format to the same check."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file

from .test_udf_amount_in_a_unit_format import DATES, _paint


def _statuses(result):
    return {c.status.value for c in result.eligibility.conditions if c.topic == "threshold"}


CASES = [   # (type, field painted, value, format)
    ("enterprise", "sb_trade_total", 800000, '0,"万元"'),
    ("enterprise", "sb_online_retail", 150, '0"美元"'),
    ("team", "sb_live_sales", 600000000, '#,##0,,"亿"'),
    # Excel's own dollar formats (货币 → $ English (United States), a "USD" typed in): 美元 in a 万元 cell, which
    # neither check nor the formulas saw — 150 shown $150 was 150万元 without a word
    ("enterprise", "sb_online_retail", 150, '[$$-409]#,##0'),
    ("enterprise", "sb_trade_total", 5000, '"USD"#,##0.00'),
]


@pytest.mark.parametrize("app_type, name, value, code", CASES)
def test_eligible_says_what_check_says_of_a_scaled_or_dollar_format(make_workbook, app_type, name, value, code):
    path = make_workbook(app_type)
    wb = load_workbook(path)
    _paint(wb, name, value, code)
    wb.save(path)
    said = check_file(path)
    assert "待定" in _statuses(said) and "不达标" not in _statuses(said)
    trade_name = {"enterprise": "sb_trade_total", "team": "sb_live_sales"}[app_type]
    trade = said.values[trade_name] if name != trade_name else value
    trade_code = code if name == trade_name else "General"
    retail = None if app_type == "team" else (value if name == "sb_online_retail" else said.values["sb_online_retail"])
    retail_code = code if name == "sb_online_retail" else "General"
    kind = "平台类" if app_type == "enterprise" else None
    shown = U.eligible(app_type, *DATES, U.amount_as_shown(trade, trade_code),
                       None if retail is None else U.amount_as_shown(retail, retail_code), kind)
    assert shown.startswith("待定（") and code in shown, shown     # check's reason: the format it doubts


def test_amount_says_check_doubts_a_scaled_format_instead_of_the_number_typed():
    """SB_AMOUNT gave 800000 for a cell showing 800万元 (0,"万元"): the doubt check says, as an 错误."""
    said = U.amount(U.amount_as_shown(800000, '0,"万元"'))
    assert said.startswith(U.ERROR) and '0,"万元"' in said and "可能有误" in said, said
    assert U.amount(U.amount_as_shown(80, '0"美元"')).startswith(U.ERROR)
    assert U.amount(U.amount_as_shown(0.42, '0.00"亿元"')) == 4200


def test_a_dollar_format_on_the_forms_own_dollar_cell_says_nothing(make_workbook):
    """跨境电商年销售额（美元） painted [$$-409]#,##0 shows the form's own unit: read as typed, nothing said."""
    plain = check_file(make_workbook("base"))
    path = make_workbook("base")
    wb = load_workbook(path)
    sheet, ref = wb.defined_names["sb_crossborder_usd"].attr_text.replace("$", "").split("!")
    cell = wb[sheet.strip("'")][ref]
    cell.number_format = "[$$-409]#,##0"
    wb.save(path)
    painted = check_file(path)
    assert painted.values["sb_crossborder_usd"] == plain.values["sb_crossborder_usd"]
    assert painted.score.auto == plain.score.auto
    assert not [f for f in painted.findings if f.field == "sb_crossborder_usd"]
