"""附件3 with cells merged over several companies' rows, as parks make it: one 备注 "国家级电商示范企业" merged over
two companies marks both; one 年度网络交易额 merged over a group and its subsidiary is counted once, and said."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import open_workbook, read_residents
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from shibai_xl.faces.udf_functions import RowsShown
from shibai_xl.faces.udf_functions import residents as sb_residents
from tests.libreoffice import convert

NOTE, TRADE, INDUSTRY = "备注", "年度网络交易额（万元）", "所属行业（类型）"


def check_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def merge_in_list(path: Path, header: str, first: int, count: int) -> str:
    """Merge the list's ``header`` cells of companies ``first``…``first + count - 1`` (1-based, as listed), the
    value kept in the first row as Excel keeps it; the merged range ("J6:J7")."""
    wb = load_workbook(path)
    ws = next(ws for ws in wb.worksheets if "sb_residents" in ws.tables)
    top = int(ws.tables["sb_residents"].ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(top, c).value == header)
    letter = ws.cell(top, col).column_letter
    rng = f"{letter}{top + first}:{letter}{top + first + count - 1}"
    ws.merge_cells(rng)
    wb.save(path)
    return rng


FORMATS = ["xlsx", "xls", "ods"]


def as_saved(path: Path, fmt: str) -> Path:
    """The workbook as sent: the .xlsx itself, or saved again as .xls/.ods by LibreOffice (merges kept)."""
    return path if fmt == "xlsx" else convert(path, fmt, path.parent / fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_note_merged_over_two_companies_marks_each(make_workbook, capsys, fmt):
    rows = example_residents("park")       # companies 1 and 2 are 国家级电商示范企业, as the form says (2 家)
    rows[1][NOTE] = ""
    path = make_workbook("park", residents=rows)
    merge_in_list(path, NOTE, 1, 2)
    path = as_saved(path, fmt)
    obj = check_json(path, capsys)
    said = [f for f in obj["findings"] if f["code"].startswith("XC_RESIDENT")]
    assert not said, said                  # not "名单备注只标注了1家"


def test_an_industry_merged_over_a_block_applies_to_each_company(make_workbook):
    rows = example_residents("park")
    for row in rows[1:3]:
        row[INDUSTRY] = ""
    path = make_workbook("park", residents=rows)
    merge_in_list(path, INDUSTRY, 1, 3)
    book = open_workbook(path)
    try:
        read, _, said = read_residents(book)
    finally:
        book.close()
    assert [r.values[INDUSTRY] for r in read[:4]] == ["农产品", "农产品", "农产品", "工艺品"]
    assert not said


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_amount_merged_over_two_companies_is_counted_once_and_said(make_workbook, capsys, fmt):
    rows = example_residents("park")
    rows[0][TRADE] = round(rows[0][TRADE] + rows[1][TRADE], 2)    # a group and its subsidiary report one figure
    rows[1][TRADE] = None
    path = make_workbook("park", residents=rows)
    rng = merge_in_list(path, TRADE, 1, 2)
    path = as_saved(path, fmt)
    obj = check_json(path, capsys)
    said = [f for f in obj["findings"] if f["code"].startswith("XC_RESIDENT")]
    assert len(said) == 1, said
    assert said[0]["code"] == "XC_RESIDENT_ROW" and said[0]["severity"] == "warning"
    assert f"{rng}合并了2家企业的年度网络交易额" in said[0]["message"]
    assert "按一个数计入合计" in said[0]["message"]


def _merges_asked(ws, top: int, asked: list):
    """Excel's Range.MergeCells of rows top+a-1 … top+b-1 of column c (True, False, None when mixed) and a cell's
    MergeArea (its rows in the range, its address), as the wrapper asks them; each question counted."""
    def area_of(row: int, col: int):
        return next((m for m in ws.merged_cells.ranges if m.min_row <= row <= m.max_row and m.min_col <= col <= m.max_col),
                    None)

    def merged(a, b, c):
        asked.append((a, b, c))
        said = {area_of(r, c) is not None for r in range(top + a - 1, top + b)}
        return said.pop() if len(said) == 1 else None

    def area(r, c):
        m = area_of(top + r - 1, c)
        return m.min_row - top + 1, m.max_row - top + 1, m.coord
    return merged, area


def test_sb_residents_says_an_amount_merged_over_two_companies_as_check_does(make_workbook):
    rows = example_residents("park")
    rows[0][TRADE] = round(rows[0][TRADE] + rows[1][TRADE], 2)
    rows[1][TRADE] = None
    path = make_workbook("park", residents=rows)
    rng = merge_in_list(path, TRADE, 1, 2)
    ws = load_workbook(path)["入驻企业名单"]
    ref = ws.tables["sb_residents"].ref
    top = int(ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    values = [[c.value for c in row] for row in ws[ref]]
    asked = []
    merged, area = _merges_asked(ws, top, asked)
    got = {label.split("（")[0].split("：")[0]: (label, value) for label, value in
           sb_residents(values, RowsShown(lambda a, b: False, top=top, merged=merged, merge_area=area))}
    label, count = got["数据有误"]
    assert count == 1 and f"{rng}合并了2家企业的年度网络交易额" in label, label
    assert got["年度网络交易额合计"][1] == 35000 and got["家数"][1] == 12
    assert len(asked) < 30                      # a block at a time, not each of the cells
    assert dict(sb_residents(values))["数据有误（处）"] == 0   # values alone (an array constant): nothing to tell


def merged_over_first_two(header: str):
    """What a park does to its filled list: the ``header`` cells of companies 1 and 2 merged (the second's value
    gone, an amount added into the first's), for the faces to read alike (tests/wps/test_faces_agree.py)."""
    def done(path: Path) -> Path:
        wb = load_workbook(path)
        ws = next(ws for ws in wb.worksheets if "sb_residents" in ws.tables)
        top = int(ws.tables["sb_residents"].ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        col = next(c for c in range(1, ws.max_column + 1) if ws.cell(top, c).value == header)
        first, second = ws.cell(top + 1, col), ws.cell(top + 2, col)
        if isinstance(first.value, (int, float)):
            first.value = round(first.value + second.value, 2)
        second.value = None
        wb.save(path)
        merge_in_list(path, header, 1, 2)
        return path
    return done
