"""What a spreadsheet hides in a 入驻企业名单 (附件3): rows hidden by hand ("they are old") or by a filter left on.
The tool counts every company the file holds, as the merge counts a city's projects on hidden rows; but the park's
screen, its printout and its SUBTOTAL show fewer, so the count says so, at the list, naming the rows."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.libreoffice import convert, need_soffice
from tests.test_resident_list_sheets import XC, park_beside_a_list_of_sheets


def check_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def hidden_said(obj: dict) -> list[dict]:
    return [f for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW" and "隐藏的行" in f["message"]]


def hide(path: Path, rows: list[int], sheet: str | None = None, filter_ref: str | None = None) -> Path:
    wb = load_workbook(path)
    ws = wb[sheet] if sheet else next(ws for ws in wb.worksheets if "sb_residents" in ws.tables)
    for r in rows:
        ws.row_dimensions[r].hidden = True
    if filter_ref:
        ws.auto_filter.ref = filter_ref
    wb.save(path)
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_companies_on_hidden_rows_of_the_templates_list_are_counted_and_named(make_workbook, tmp_path, capsys, fmt):
    """The template's list (header on row 5, 12 companies on rows 6-17, as the form declares them), a filter left on
    hiding rows 7 and 8: the 12 companies count and agree with the form, and the two hidden rows are named."""
    park = hide(make_workbook("park", example("park")), [7, 8], filter_ref="A5:K17")
    if fmt != "xlsx":
        need_soffice()
        park = convert(park, fmt, tmp_path / fmt)
    got = check_json(park, capsys)
    assert not [f for f in got["findings"] if f["code"] in XC], got["findings"]     # counted: 12 家, sums agree
    said = hidden_said(got)
    assert len(said) == 1, got["findings"]
    assert "第7、8行" in said[0]["message"] and "已照样计入" in said[0]["message"]
    assert (said[0]["sheet"], said[0]["cell"], said[0]["severity"]) == ("入驻企业名单", "B7", "warning")


def test_a_list_without_hidden_rows_says_nothing_of_them(make_workbook, capsys):
    park = make_workbook("park", example("park"))
    hide(park, [], filter_ref="A5:K17")            # a filter set, nothing filtered out
    assert not hidden_said(check_json(park, capsys))


def test_hidden_rows_of_a_separate_list_workbook_are_named_with_its_sheet(make_workbook, tmp_path, capsys):
    companies = example_residents("park")
    park = park_beside_a_list_of_sheets(make_workbook, tmp_path, [("第1页", companies[:5], None),
                                                                  ("第2页", companies[5:], None)])
    hide(park.with_name("入驻企业名单.xlsx"), [4], sheet="第2页")     # header on row 2: 第2页's second company
    got = check_json(park, capsys)
    assert not [f for f in got["findings"] if f["code"] in XC], got["findings"]
    said = hidden_said(got)
    assert len(said) == 1 and "第4行" in said[0]["message"], got["findings"]
    # the sheet of the other workbook, as Excel writes it (QA qa37c: a bare "第2页" read as the application's)
    assert (said[0]["sheet"], said[0]["cell"]) == ("[入驻企业名单.xlsx]第2页", "B4")


def test_a_hidden_sheet_going_on_with_the_list_is_counted_and_said(make_workbook, capsys):
    """The list typed on a sheet of its own, its 续页 on a second sheet that is hidden: its companies count (the form
    declares all 12), and the hidden sheet is said, as the merge says a hidden sheet of a city's summary."""
    from tests.test_resident_list_sheets import HEADER, lines

    park = make_workbook("park", example("park"), residents=None)
    wb = load_workbook(park)
    companies = example_residents("park")
    for title, part in (("名单", companies[:6]), ("名单（续）", companies[6:])):
        ws = wb.create_sheet(title)
        ws.append(["附件3"])
        ws.append(HEADER)
        for line in lines(part):
            ws.append(line)
    ws.sheet_state = "hidden"
    wb.save(park)
    got = check_json(park, capsys)
    assert not [f for f in got["findings"] if f["code"] in XC], got["findings"]
    said = [f for f in got["findings"] if "隐藏的工作表" in f["message"]]
    assert len(said) == 1 and "名单（续）" in said[0]["message"], got["findings"]
    assert (said[0]["sheet"], said[0]["cell"]) == ("名单（续）", "B3")


def test_last_years_amounts_in_a_hidden_column_beside_this_years_are_not_the_lists(tmp_path, capsys):
    """A retyped park form whose 附件3 keeps last year's 年度网络零售额 in a hidden column left of this year's (both
    titled 年度网络零售额(万元)): the hidden column was read — 10 companies × 10 = 100万元, ELIG_EVIDENCE 结论待定 and
    XC_RESIDENT_RETAIL against the form's 3000万元. The shown column (300 each: 3000万元) is the list's."""
    from tests.test_printed_layout import printed_park

    path = printed_park(tmp_path / "园区.xlsx")
    wb = load_workbook(path)
    res = wb["附件3"]
    res.insert_cols(9)
    res.cell(3, 9, "（2022年1月-2022年12月）\n年度网络\n零售额(万元)")
    for r in range(4, 14):
        res.cell(r, 9, 10)
    res.cell(14, 9, 100)
    res.column_dimensions["I"].hidden = True
    wb.save(path)
    got = check_json(path, capsys)
    assert got["eligible"] is True, got["findings"]
    assert not [f for f in got["findings"] if f["code"] in ("ELIG_EVIDENCE", "XC_RESIDENT_RETAIL", "XC_RESIDENT_ROW")]
