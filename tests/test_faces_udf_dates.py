"""A date cell handed to a formula: Excel's COM and xlwings give a moment (2024-01-01 00:00:00), the file reader a date
(2024-01-01); the formulas read and quote it as ``shibai check`` does."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file
from tests.filled_cache import example_files


def test_a_date_in_a_yes_no_answer_is_quoted_as_check_quotes_it(rules, tmp_path):
    """SB_SCORE said “…填写为“2024-01-01 00:00:00”，应填“是”或“否”” where check says “2024-01-01”."""
    team = next(p for p in example_files(tmp_path / "示例") if p.name.startswith(rules.types["team"].label))
    wb = load_workbook(team)
    sheet, ref = wb.defined_names["sb_rural"].attr_text.replace("$", "").split("!")
    cell = wb[sheet.strip("'")][ref]
    cell.value, cell.number_format = dt.datetime(2024, 1, 1), "yyyy/m/d"
    wb.save(team)
    said = next(f.message for f in check_file(team).findings if f.field == "sb_rural")
    assert U.score("team", [["sb_rural", dt.datetime(2024, 1, 1)]]) == U.ERROR + said


def test_a_date_where_text_is_asked_is_read_as_the_file_reader_reads_it():
    """SB_UPLOAD_NAME put “2024-01-01000000” (the moment's time) into the file name, SB_USCC counted 16 characters."""
    moment, day = dt.datetime(2024, 1, 1), dt.date(2024, 1, 1)
    assert U.upload_name("贵阳", moment, "企业") == U.upload_name("贵阳", day, "企业")
    assert "000000" not in U.upload_name("贵阳", moment, "企业")
    assert U.uscc(moment) == U.uscc(day) and U.mobile(moment) == U.mobile(day)
