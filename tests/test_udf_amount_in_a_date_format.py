"""SB_AMOUNT of a figure typed into a cell painted with a date format (the format painter, a row copied from a date
column): Excel shows 4200 as 1911/7/1 and xlwings hands the formula that moment; ``shibai check`` reads the number
the cell holds (按单元格里的数字4200读取), and so do SB_ELIGIBLE and SB_SCORE. SB_AMOUNT said “金额是日期而不是数字”."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file

COM_DAY0 = dt.datetime(1899, 12, 30)   # Excel's COM and xlwings count a date cell's number from here


def handed(number: float) -> dt.datetime:
    """What xlwings hands a formula for a cell holding ``number`` in a date format."""
    return COM_DAY0 + dt.timedelta(days=number)


def test_amount_in_a_date_formatted_cell_is_the_number_check_reads(make_workbook):
    park = make_workbook("park", name="园区-日期格式金额.xlsx")
    wb = load_workbook(park)
    typed = {"sb_online_retail": 4200, "sb_trade_total": 35}   # 35 亿元 shows as 1900/2/4 (before Excel's 1900/2/29)
    for name, number in typed.items():
        sheet, ref = wb.defined_names[name].attr_text.replace("$", "").split("!")
        cell = wb[sheet.strip("'")][ref]
        cell.value, cell.number_format = number, "yyyy/m/d"
    wb.save(park)
    result = check_file(park)
    assert result.values["sb_online_retail"] == 4200 and result.values["sb_trade_total"] == 350000

    assert U.amount(handed(4200), "万元") == 4200.0
    assert U.amount(handed(35), "亿元") == 350000.0
    assert U.amount(handed(3.5), "亿元") == 35000.0    # 3.5 shows 1900/1/3 12:00
    assert U.amount(handed(0.5), "亿元") == 5000.0     # 0.5 in a time format shows 12:00
    # the same cells decide SB_ELIGIBLE as check decides the threshold
    assert U.eligible("园区", dt.datetime(2018, 1, 1), dt.datetime(2024, 5, 6), handed(35), handed(4200)) == "达标"


def test_a_date_typed_where_an_amount_goes_is_still_no_amount():
    """2024/1/1 typed into an amount (stored 45292): check takes no figure from it, SB_AMOUNT says it is a date."""
    out = U.amount(dt.datetime(2024, 1, 1), "万元")
    assert out.startswith(U.ERROR) and "日期" in out
