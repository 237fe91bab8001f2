"""Value kinds a saved file and an open workbook hand over differently, through every face (the sibling of
test_faces_agree.py, whose helpers it uses): a figure typed into a cell painted with a date format (calamine and Excel
give the date shown, WPS's Range.Value2 the number with the cell's format beside it), and a number typed into a date
cell (WPS's number is read as the date a file gives for it).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.engine.application import Application
from shibai_xl.engine.check import check
from shibai_xl.faces import udf_functions as U

from ..conftest import example
from ..libreoffice import convert, need_soffice
from ..test_forms_as_filled import run_json
from ..test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine fixture)
from .conftest import fake_book, needs_node, run_js
from .test_faces_agree import STATUS, _findings, faces_agree

pytestmark = needs_node


def _formatted(values: dict, code: str | None = None):
    """``values`` typed into the named cells, painted with the number format ``code``."""
    def done(path):
        wb = load_workbook(path)
        for name, value in values.items():
            cell = named_cell(wb, name)
            cell.value = value
            if code:
                cell.number_format = code
        wb.save(path)
    return done


def _list_cells(changes: dict):
    """Figures typed into cells of the 入驻企业名单 (附件3) painted with a number format: ref → (value, format)."""
    def done(path):
        wb = load_workbook(path)
        ws = wb["入驻企业名单"]
        for ref, (value, code) in changes.items():
            ws[ref].value, ws[ref].number_format = value, code
        wb.save(path)
    return done


def _without_names(values: dict, code: str):
    """``values`` typed into the named cells, painted with ``code``, then the form's sb_ names deleted: a form typed by
    hand or copied without its names, read by its printed labels."""
    def done(path):
        _formatted(values, code)(path)
        wb = load_workbook(path)
        for name in [n for n in wb.defined_names if n.startswith("sb_")]:
            del wb.defined_names[name]
        wb.save(path)
    return done


def _list_without_table(path):
    """Figures of the 入驻企业名单 in date-formatted cells, in a form without its names and its list's table."""
    _list_cells({"H7": (2500, "yyyy-mm-dd"), "I8": (30, "yyyy/m/d")})(path)
    _without_names({}, "General")(path)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for table in list(ws.tables):
            del ws.tables[table]
    wb.save(path)


CASES = {   # name → (type, values changed, what is done to the saved workbook, faces that cannot know it)
    # check read 1900-02-04 (是日期而不是数字, 待定) where WPS read 35 (达标, no word of the format)
    "amount in a date format": ("park", {}, _formatted({"sb_trade_total": 35}, "yyyy-mm-dd"), ()),
    "retail in a date format": ("enterprise", {}, _formatted({"sb_online_retail": 600}, "yyyy/m/d"), ()),
    "half in a date format": ("park", {}, _formatted({"sb_trade_total": 3.5}, "yyyy-mm-dd hh:mm"), ()),
    "count in a time format": ("park", {}, _formatted({"sb_live_rooms": 0.5}, "h:mm"), ()),
    # WPS read 2023.1 in the 统计期 cells (shown 1905年7月15日) as a number, check as the date shown: both said 2023.1
    # cannot be read, but WPS quoted another value and left out the warning check gives for 2023.12
    # (SB_ELIGIBLE has no argument for the 统计期: it is checked on the 申报表)
    "year.month in month cells": ("park", {}, _formatted({"sb_period_start": 2023.1, "sb_period_end": 2023.12}),
                                  ("formula",)),
    # 2020 in 成立日期 (shown 1905年7月12日): read as the year 2020 by both, the warning said by check alone
    "year in a date cell": ("team", {}, _formatted({"sb_established": 2020}, "yyyy/m/d"), ()),
    # the list's 交易额 and 零售额 painted as dates: check said 是日期而不是数字 and left them out of the sums (名单与申报表
    # 不一致), WPS added the numbers without a word
    "list figures in a date format": ("park", {}, _list_cells({"H7": (2500, "yyyy-mm-dd"), "I8": (30, "yyyy/m/d"),
                                                               "H9": (1200.5, "yyyy-mm-dd hh:mm")}), ()),
    "list staff in a time format": ("park", {}, _list_cells({"G7": (0.5, "h:mm")}), ()),
    # the list's figures pasted into a duration-formatted column ([h]:mm, shown 60000:00): check read 2500 and said the
    # format, WPS added the number without a word
    "list figures in a duration format": ("park", {}, _list_cells({"H7": (2500, "[h]:mm"), "I8": (30, "[mm]:ss"),
                                                                   "G9": (5, "[h]:mm:ss")}), ()),
    # 202301 typed into the 统计期 and 成立日期 cells: Excel shows 2453年11月, check said 年份2453不合理 (WPS read 2023年1月)
    "yyyymm in month and date cells": ("enterprise", {}, _formatted({"sb_period_start": 202304, "sb_period_end": 202403,
                                                                     "sb_established": 202003}), ()),
    "date and time as a number": ("enterprise", {}, _formatted({"sb_fill_date": 45397.5}, "yyyy/m/d h:mm"), ()),
    # a form without names (read by its labels) not saved in WPS: the add-in sent the formats of named cells only, so
    # 成立日期 shown as 2023年4月 was the day 2023-04-01 (达标) where check reads the month (待定), and 35 亿元 in a
    # yyyy-mm-dd cell went without the warning check gives (the remote engine reads no format: docs/addin.md;
    # a formula is given cells, not names)
    "month shown, form without names": ("team", {}, _without_names({"sb_established": date(2023, 4, 1)},
                                                                   'yyyy"年"m"月"'), ("excel", "formula")),
    "figure in a date format, form without names": ("park", {}, _without_names({"sb_trade_total": 35}, "yyyy-mm-dd"),
                                                    ("excel", "formula")),
    # …and its list without the sb_residents table: 2500 万元 in a yyyy-mm-dd cell went without check's warning
    "list figures in a date format, form without names": ("park", {}, _list_without_table, ("excel", "formula")),
    "rate in the General format, form without names": ("park", {}, _without_names({"sb_incubation_rate": 0.6},
                                                                                  "General"), ("excel", "formula")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_face_gives_the_same_answer(case, make_workbook, tmp_path, capsys, service):
    faces_agree(case, CASES[case], make_workbook, tmp_path, capsys, service, formula_may_say_errors=True)


def test_a_figure_in_a_date_format_is_the_number_typed_with_a_warning(make_workbook, capsys):
    """35 亿元 typed into a cell painted yyyy-mm-dd (shown 1900-02-04): read as 35, 达标, and the format said."""
    path = make_workbook("park")
    _formatted({"sb_trade_total": 35}, "yyyy-mm-dd")(path)
    out = run_json(path, capsys)
    said = [f for f in out["findings"] if f["code"] == "FIELD_AMOUNT"]
    assert out["eligible"] is True
    assert [f["severity"] for f in said] == ["warning"] and "日期格式" in said[0]["message"] \
        and "1900-02-04" in said[0]["message"] and "按单元格里的数字35读取" in said[0]["message"], said


def test_the_engine_reads_a_date_given_for_a_figure_as_its_serial():
    """A date handed for an amount (a formula's argument, a program's values): its Excel number, with a warning."""
    values = example("enterprise", sb_trade_total=date(1908, 3, 18))     # 3000 shown as a date
    result = check(Application.from_values("enterprise", values))
    assert result.values["sb_trade_total"] == 3000
    assert any(f.code == "FIELD_AMOUNT" and "日期格式" in f.message for f in result.findings)


def _com(number: float):
    """What Excel's COM hands a formula for a number in a date format: the moment counted from 1899-12-30."""
    return datetime(1899, 12, 30) + timedelta(days=number)


def test_a_formula_reads_a_figure_in_a_date_format_as_check_reads_it(make_workbook, capsys):
    """A park's 年度交易额 of 3 亿元 (the threshold) in a cell painted yyyy-mm-dd: check reads 3 (达标); SB_ELIGIBLE was
    handed COM's 1900-01-02 for it and read 2 (不达标), SB_SCORE's answers likewise one day short."""
    path = make_workbook("park")
    _formatted({"sb_trade_total": 3}, "yyyy-mm-dd")(path)
    command = run_json(path, capsys)
    wb = load_workbook(path)
    value = {n: named_cell(wb, n).value for n in ("sb_established", "sb_fill_date", "sb_online_retail")}
    said = U.eligible("park", value["sb_established"], value["sb_fill_date"], _com(3), value["sb_online_retail"])
    assert said == STATUS[command["eligible"]] == "达标", (said, command["findings"])
    assert U.score("park", [["sb_public_areas", _com(3)]]) == U.score("park", [["sb_public_areas", 3]])


def test_a_figure_in_a_date_format_of_the_1904_date_system(make_workbook, tmp_path, capsys, service):
    """A form kept in the 1904 date system (Excel for Mac's): 35 in a yyyy-mm-dd cell shows 1904-02-05, which check read
    as the 1900 system's number 1497 (亿元, 疑似误按万元填写) where WPS read 35; the file's stored number is read."""
    path = make_workbook("park")
    wb = load_workbook(path)
    wb.epoch = CALENDAR_MAC_1904
    wb.save(path)
    _formatted({"sb_trade_total": 35}, "yyyy-mm-dd")(path)
    command = run_json(path, capsys)
    assert command["eligible"] is True and any("按单元格里的数字35读取" in f["message"] for f in command["findings"])
    clicked = run_js(tmp_path, fake_book(path, saved=False), "sb_check", service)
    assert clicked["error"] is None, clicked["error"]
    assert _findings(clicked["outcome"]["findings"]) == _findings(command["findings"])


def test_a_month_typed_as_six_digits_into_a_date_cell(make_workbook, capsys):
    """202304 and 202403 typed into the 统计期 cells (shown 2454年…): the months 2023年4月 to 2024年3月, with a warning."""
    path = make_workbook("enterprise")
    _formatted({"sb_period_start": 202304, "sb_period_end": 202403})(path)
    out = run_json(path, capsys)
    said = [f for f in out["findings"] if f["code"] in ("FIELD_DATE", "FIELD_PERIOD")]
    assert [f["severity"] for f in said] == ["warning", "warning"], said
    assert "应是把202304填进了日期格式的单元格" in said[0]["message"], said


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_figures_in_a_date_format_read_alike_in_xls_and_ods(make_workbook, tmp_path, capsys, fmt):
    """35 亿元 in the form and 30 万元 in the list, in date-formatted cells, saved by LibreOffice as .xls or .ods: read as
    the .xlsx is (.ods's dates count from 1899-12-30 without Excel's 1900/2/29: they were read as 34 and 29)."""
    need_soffice()
    path = make_workbook("park")
    _formatted({"sb_trade_total": 35}, "yyyy-mm-dd")(path)
    _list_cells({"I8": (30, "yyyy/m/d")})(path)
    want = run_json(path, capsys)
    got = run_json(convert(path, fmt, tmp_path / fmt), capsys)
    assert (got["eligible"], got["score"]["auto"]) == (want["eligible"], want["score"]["auto"])
    assert sorted(f["message"] for f in got["findings"]) == sorted(f["message"] for f in want["findings"])


@pytest.mark.parametrize("fmt", ["xls", "ods"])
@pytest.mark.parametrize("code", ["[h]:mm", "mm:ss", "h:mm:ss"])
def test_figures_in_a_time_format_read_alike_in_xls_and_ods(make_workbook, tmp_path, capsys, fmt, code):
    """35.25 亿元 in the form and 2500 万元 and 5 people in the list, pasted into time-formatted cells ([h]:mm, mm:ss,
    h:mm:ss), saved by LibreOffice as .xls or .ods: read as the .xlsx is, the number typed with the warning about the
    format (an .ods keeps a time of a day or more as a duration: read as its number without a word)."""
    need_soffice()
    path = make_workbook("park")
    _formatted({"sb_trade_total": 35.25}, code)(path)
    _list_cells({"H7": (2500, code), "G9": (5, code)})(path)
    want = run_json(path, capsys)
    assert sum("按单元格里的数字" in f["message"] for f in want["findings"]) == 3, want["findings"]
    got = run_json(convert(path, fmt, tmp_path / fmt), capsys)
    assert (got["eligible"], got["score"]["auto"]) == (want["eligible"], want["score"]["auto"])
    assert sorted(f["message"] for f in got["findings"]) == sorted(f["message"] for f in want["findings"])
