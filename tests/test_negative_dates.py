"""A negative number in a date-formatted cell (typed by mistake, or =B2-C2 gone wrong) is quoted as stored.

Excel has no date before 1900: such a cell shows ##### there. calamine reads it as a time of day (-5 → 00:00,
-0.5 → 12:00), and a number below about -1e12 makes it refuse the whole sheet; the clerk typed neither."""
from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.summary_reader import read_summary
from shibai_xl.engine.parse import dates
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example
from tests.libreoffice import convert, need_soffice
from tests.test_summaries_real_world import official
from tests.test_workbooks import name_cell
from tests.zip_parts import read_parts, write_parts

FIELDS = {"sb_fill_date": "填表时间", "sb_established": "成立日期", "sb_period_start": "统计期", "sb_period_end": "统计期"}


def _typed(path, values: dict, code: str = "yyyy-mm-dd"):
    wb = load_workbook(path)
    for name, value in values.items():
        cell = name_cell(wb, name)
        cell.value, cell.number_format = value, code
    wb.save(path)
    return path


def _date_messages(result, name: str) -> list[str]:
    return [f.message for f in result.findings if f.code == "FIELD_DATE" and f.field == name]


def test_a_negative_number_is_no_date():
    p = dates.parse(-5.0)
    assert not p.ok and "负数" in p.error and "没有负的日期" in p.error


@pytest.mark.parametrize("name", list(FIELDS))
@pytest.mark.parametrize("number,shown", [(-5, "-5"), (-0.5, "-0.5"), (-45000, "-45000")])
def test_the_number_stored_is_quoted(make_workbook, name, number, shown):
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))), {name: number})
    said = _date_messages(check_file(path), name)
    assert len(said) == 1 and f"填写为“{shown}”" in said[0] and "没有负的日期" in said[0], said
    assert ":" not in said[0], said


def test_a_far_negative_date_does_not_refuse_the_application(make_workbook):
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))),
                  {"sb_fill_date": -2e12, "sb_established": -5})
    r = check_file(path)     # calamine panics on the sheet: it was refused as damaged
    assert r.values["sb_name"], r.findings
    assert "填写为“-2000000000000”" in _date_messages(r, "sb_fill_date")[0]
    assert "填写为“-5”" in _date_messages(r, "sb_established")[0]


def test_a_negative_formula_result_in_a_date_cell(make_workbook):
    """=B2-C2 in 成立日期, saved by Excel with its result -3 (openpyxl saves no result: it is put in as Excel would)."""
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))),
                  {"sb_established": "=B2-C2"})
    parts = read_parts(path)
    sheet = next(n for n in parts if b"<f>B2-C2</f>" in parts[n])
    parts[sheet] = re.sub(rb"<f>B2-C2</f>(<v\s*/>|<v></v>)?", b"<f>B2-C2</f><v>-3</v>", parts[sheet])
    write_parts(path, parts)
    said = _date_messages(check_file(path), "sb_established")
    assert len(said) == 1 and "填写为“-3”" in said[0], said


@pytest.mark.parametrize("number,shown", [(-5, "-5"), (-0.5, "-0.5"), (-2e12, "-2000000000000")])
def test_an_xls_saved_by_libreoffice(make_workbook, tmp_path, number, shown):
    """Saved as .xls (WPS, LibreOffice): the same numbers, read from its cell records; -2e12 made calamine refuse
    the sheet there too."""
    need_soffice()
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))),
                  {"sb_fill_date": number, "sb_established": -45000})
    xls = convert(path, "xls", tmp_path / "out")
    r = check_file(xls)
    said = _date_messages(r, "sb_fill_date")
    assert len(said) == 1 and f"填写为“{shown}”" in said[0] and "没有负的日期" in said[0], said
    assert "填写为“-45000”" in _date_messages(r, "sb_established")[0]


@pytest.mark.parametrize("number", [-5, -2e12])
def test_a_city_summary_with_a_negative_number_in_a_date_cell(tmp_path, number):
    """A 附件4 whose 交易额 cell is date-formatted holds -5 (Excel shows #####): read as -5, not 00:00; -2e12 made
    the whole summary unreadable."""
    path = official(tmp_path / "贵阳市.xlsx", "贵阳市2024年电商“十百千万”工程示范项目汇总表", "贵阳市",
                    [("云岩区", "贵州甲电子商务有限公司", "企业", "民企", 8000, 3000, 90),
                     ("南明区", "贵州乙电子商务有限公司", "企业", "民企", 5000, 2000, 85)])
    wb = load_workbook(path)
    wb.active["K3"].value, wb.active["K3"].number_format = number, "yyyy-mm-dd"
    wb.save(path)
    rows = read_summary(path).rows
    assert [r["年度交易额（万元）"] for r in rows] == [number, 5000]


def test_a_resident_list_amount_in_a_date_format(make_workbook):
    """入驻企业名单 cells formatted as dates (a format painted down the column) holding -5 and -2e12: said as the
    negative amounts they are; the second had the whole application refused."""
    path = make_workbook("park")
    wb = load_workbook(path)
    ws = next(ws for ws in wb.worksheets if "sb_residents" in ws.tables)
    first = int(ws.tables["sb_residents"].ref.split(":")[0][1:])
    for row, number in ((first + 1, -5), (first + 2, -2e12)):
        ws[f"H{row}"].value, ws[f"H{row}"].number_format = number, "yyyy-mm-dd"
    wb.save(path)
    said = [f.message for f in check_file(path).findings if "不能为负数" in f.message]
    assert any("“-5”" in m for m in said) and any("“-2000000000000”" in m for m in said), said


@pytest.mark.parametrize("name", list(FIELDS))
@pytest.mark.parametrize("number,shown", [(0, "0"), (0.5, "0.5"), (0.25, "0.25")])
def test_a_number_below_one_is_quoted_as_stored(make_workbook, name, number, shown):
    """0 or 0.5 in a date-formatted cell (Excel shows 1900/1/0): calamine reads it as the time of day 00:00:00 or
    12:00:00, which the clerk never typed; the number is quoted and said to be no date."""
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))), {name: number})
    said = _date_messages(check_file(path), name)
    assert len(said) == 1 and f"填写为“{shown}”" in said[0] and "不是日期" in said[0], said
    assert ":" not in said[0], said


@pytest.mark.parametrize("number,shown", [(0, "0"), (0.5, "0.5")])
def test_a_number_below_one_in_an_xls(make_workbook, tmp_path, number, shown):
    """The same after LibreOffice saved it as .xls: read from the cell records."""
    need_soffice()
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))),
                  {"sb_established": number})
    said = _date_messages(check_file(convert(path, "xls", tmp_path / "out")), "sb_established")
    assert len(said) == 1 and f"填写为“{shown}”" in said[0] and "不是日期" in said[0], said


@pytest.mark.parametrize("name", ["sb_fill_date", "sb_established"])
def test_excels_phantom_29_february_1900(make_workbook, name):
    """Serial 60 in a date cell: Excel shows 1900/2/29, a day that never was (its 1900 leap-year bug); calamine reads
    1900-02-28, which the form does not show. The number is quoted and the day said not to exist; 59 stays
    1900-02-28, as Excel shows it."""
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))), {name: 60})
    said = _date_messages(check_file(path), name)
    assert len(said) == 1 and "填写为“60”" in said[0] and "1900年2月29日" in said[0], said
    path = _typed(make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15))), {name: 59})
    said = _date_messages(check_file(path), name)
    assert len(said) == 1 and "1900-02-28" in said[0], said
