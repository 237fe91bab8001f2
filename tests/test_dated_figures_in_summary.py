"""A date typed into an application's amount (2024/5/1, stored 45413 in a date format) in the 项目汇总表 (附件4) and
the totals over it: ``shibai check`` says the cell holds a date, not a figure; ``shibai refresh`` wrote the date's
number into the summary all the same — 45413 into 年度网络零售额（万元）, and a park's 45413亿元 as 454130000万元 —
and the city's 合计 and the province's were wrong by that much, said only as “FIELD_AMOUNT 金额请核对” (QA qa66a).

The amount cell is left blank, the row's 问题 says what was typed and that no total counts it; the province's total
leaves it out and says so. Checked through the CLI with forms made by ``shibai new`` and filled as a person would."""
from __future__ import annotations

import csv
import shutil
from datetime import datetime

from openpyxl import load_workbook

from shibai_xl.examples import make_uscc
from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.libreoffice import convert
from tests.test_bounds_in_totals import _province_total_cell
from tests.test_figures_typed_by_applicants import _typed_as_date
from tests.test_refresh import by_name, rows
from tests.test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine, for the ribbon's refresh)

PARK, OTHER_PARK = "贵阳黔货出山电子商务产业园", "贵阳乙电子商务产业园"
COMPANY, OTHER_COMPANY = "贵州山珍优品电子商务有限公司", "贵州乙电商有限公司"


def _parks(tmp_path, make_workbook):
    """贵阳市's folder: a park that typed 2024/5/1 into its 年度交易额（亿元）, and another park's 3.5亿元."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    dated = _typed_as_date(make_workbook("park"), "sb_trade_total", datetime(2024, 5, 1), "yyyy/m/d")
    shutil.move(dated, folder / "甲园区.xlsx")
    shutil.move(make_workbook("park", example("park", sb_name=OTHER_PARK, sb_uscc=make_uscc("520102", "MA6XXXXB2"))),
                folder / "乙园区.xlsx")
    return folder


def test_a_date_in_a_park_trade_is_no_amount_of_the_summary_nor_of_the_province_total(tmp_path, make_workbook, capsys):
    city = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(_parks(tmp_path, make_workbook)), "--city", "贵阳市"]) == 0
    got = by_name(city)
    assert got[PARK]["年度交易额（万元）"] is None, got[PARK]     # not 454130000 (45413亿元)
    assert got[PARK]["年度网络零售额（万元）"] == 4200, got[PARK]
    assert "年度交易额填的是日期（2024-05-01），不是金额，未计入合计，请核对申报表" in got[PARK]["问题"], got[PARK]["问题"]
    assert got[OTHER_PARK]["年度交易额（万元）"] == 35000, got[OTHER_PARK]
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 35000 万元（不完整" in out, out
    _ws, total = _province_total_cell(province)
    assert total.value == 35000, total.value
    said = by_name(province)[PARK]["问题"]
    assert "填的是日期（2024-05-01）" in said and "未计入合计" in said, said


def _companies(tmp_path, make_workbook):
    """黔东南州's folder: a company that typed 2024/5/1 into its 年度网络零售额, and another company's 800."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    dated = _typed_as_date(make_workbook("enterprise"), "sb_online_retail", datetime(2024, 5, 1), "yyyy/m/d")
    shutil.move(dated, folder / "甲.xlsx")
    shutil.move(make_workbook("enterprise", example("enterprise", sb_online_retail=800, sb_name=OTHER_COMPANY,
                                                    sb_uscc=make_uscc("522601", "MA6XXXXB2"))), folder / "乙.xlsx")
    return folder


def test_a_date_in_a_company_retail_is_left_out_of_the_citys_own_total_row(tmp_path, make_workbook):
    """黔东南州's clerk sums the refreshed table in a 合计 row (=SUM): recalculated by LibreOffice it is the other
    company's 800, not 800 + 45413; the row's 问题 says the 年度网络零售额 is a date, not counted."""
    folder = _companies(tmp_path, make_workbook)
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    got = by_name(city)
    assert got[COMPANY]["年度网络零售额（万元）"] is None and got[COMPANY]["年度交易额（万元）"] == 2600, got[COMPANY]
    assert "年度网络零售额填的是日期（2024-05-01），不是金额，未计入合计" in got[COMPANY]["问题"], got[COMPANY]["问题"]
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    last = max(r["_row"] for r in rows(city))
    ws.cell(last + 1, 1).value = "合计"
    ws.cell(last + 1, 12).value = f"=SUM(L4:L{last})"
    wb.save(city)
    copy = convert(city, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', tmp_path / "lo")
    total = next(r for r in csv.reader(copy.open(encoding="utf-8")) if r and r[0] == "合计")
    assert total[11].replace(",", "") == "800", total


def test_the_ribbons_refresh_writes_the_date_as_the_command_does(tmp_path, make_workbook):
    """刷新汇总表 in Excel (the same job, its edits made through xlwings) writes what ``shibai refresh`` writes."""
    from shibai_xl.adapters.excel.book import OpenBook
    from shibai_xl.jobs.new_workbook import new_workbook
    from shibai_xl.jobs.refresh import refresh
    from tests.test_ribbon_actions import NOW, Replay, assert_sheet_equal, open_remote, refresh_open

    folder = _companies(tmp_path, make_workbook)
    a, b = tmp_path / "项目汇总表.xlsx", tmp_path / "cli" / "项目汇总表.xlsx"
    b.parent.mkdir()
    new_workbook("summary", a)
    shutil.copy(a, b)
    book = open_remote(a)
    refresh_open(OpenBook(book), folder, now=NOW)
    refresh(b, folder, now=NOW)
    assert by_name(b)[COMPANY]["年度网络零售额（万元）"] is None
    replay = Replay(book)
    for ws in load_workbook(b).worksheets:
        assert_sheet_equal(replay, ws)
