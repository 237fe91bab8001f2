"""A figure whose cell's number format paints a unit (0.42 in the 年度网络零售额（万元） cell painted 0.00"亿元" shows
0.42亿元): ``shibai check`` reads it as shown (4200万元, parse/format_units.py, with a warning); the Excel formulas
given that cell (SB_AMOUNT, SB_ELIGIBLE through their wrapper's NumberFormat, SB_SCORE through the value range's) read
0.42万元: 不达标 where check said 达标."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file
from shibai_xl.rules import load

PAINTED = '0.00"亿元"'
DATES = (dt.datetime(2018, 1, 1), dt.datetime(2024, 5, 6))


def _paint(wb, name, value, code):
    sheet, ref = wb.defined_names[name].attr_text.replace("$", "").split("!")
    cell = wb[sheet.strip("'")][ref]
    cell.value, cell.number_format = value, code


def test_eligible_and_amount_read_a_unit_painted_cell_as_check_reads_it(make_workbook):
    park = make_workbook("park", name="园区-格式单位.xlsx")
    wb = load_workbook(park)
    _paint(wb, "sb_online_retail", 0.42, PAINTED)         # 4200万元 shown as 0.42亿元
    _paint(wb, "sb_trade_total", 35000, '#,##0"万元"')      # the park's 亿元 cell showing 35,000万元
    wb.save(park)
    result = check_file(park)
    assert result.values["sb_online_retail"] == 4200 and result.values["sb_trade_total"] == 35000
    assert all(c.status.value == "达标" for c in result.eligibility.conditions if c.topic == "threshold")

    retail, trade = U.amount_as_shown(0.42, PAINTED), U.amount_as_shown(35000, '#,##0"万元"')
    assert U.amount(retail, "万元") == 4200 and U.amount(trade, "亿元") == 35000
    assert U.eligible("园区", *DATES, trade, retail) == "达标"
    # a format showing the cell's own unit, or none, changes nothing
    assert U.amount(U.amount_as_shown(4200, '0"万元"'), "万元") == 4200
    assert U.amount(U.amount_as_shown(3.5, "General"), "亿元") == 35000


def test_score_reads_a_unit_painted_amount_as_check_reads_it(make_workbook):
    """跨境电商年销售额（美元） 80 painted 0"万美元" shows 80万美元: check scores it over 50万美元 (10分), the formula
    scored 80美元 (3分)."""
    path = make_workbook("base")
    wb = load_workbook(path)
    _paint(wb, "sb_crossborder_usd", 80, '0"万美元"')
    wb.save(path)
    expected = float(check_file(path).score.auto)
    names = sorted(n for n in load().names_for("base") if n in wb.defined_names)
    values = []
    for n in names:
        sheet, ref = wb.defined_names[n].attr_text.replace("$", "").split("!")
        values.append([wb[sheet.strip("'")][ref].value])
    formats = U.FormatsShown(lambda r, c: '0"万美元"' if names[r - 1] == "sb_crossborder_usd" else "General")
    plain = U.score("base", [[n] for n in names], values)
    assert U.score("base", [[n] for n in names], (values, formats)) == expected != plain
