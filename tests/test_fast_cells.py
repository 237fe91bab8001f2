"""The short way of reading plain cells (``adapters/xlsx/fast_cells.py``) loads what openpyxl's own reader loads:
every cell's value (and its type), data type and style, every row's dimensions — on the workbooks this tool makes
(templates, a refreshed summary with its hidden state, an expert's 评分表), the same summary re-saved by LibreOffice
(shared strings, its own styles), and on sheet XML as other programs and hostile files write it: rich text, empty
and phonetic inline strings, dates, errors, formulas and their cached values, cells and rows without references,
odd row numbers and style ids, truth values, numbers in every notation."""
from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from shibai_xl.adapters.xlsx import fast_cells
from tests.libreoffice import convert, need_soffice
from tests.test_fast_rows import hostile_book, tool_books  # noqa: F401  (tool_books: a fixture)
from tests.zip_parts import read_parts, write_parts

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def loaded(path: Path | bytes, on: bool, **options) -> object:
    """Each sheet's cells (value and its type, data type, style) and row dimensions, loaded the short way (``on``)
    or openpyxl's own; or the error the load ended in (its type)."""
    fast_cells.install(on)
    try:
        wb = load_workbook(io.BytesIO(path) if isinstance(path, bytes) else path, **options)
    except Exception as e:   # noqa: BLE001 — the two ways must fail alike
        return type(e)
    finally:
        fast_cells.install(True)
    return {ws.title: ({k: (c.value, type(c.value), c.data_type, tuple(c._style)) for k, c in ws._cells.items()},
                       {r: dict(d) for r, d in ws.row_dimensions.items()}) for ws in wb.worksheets}


def assert_same_load(path: Path | bytes, **options) -> None:
    theirs, ours = loaded(path, False, **options), loaded(path, True, **options)
    assert not isinstance(theirs, type), theirs
    assert ours == theirs


def test_the_tools_own_workbooks_load_the_same(tool_books):  # noqa: F811
    assert len(tool_books) == 8
    for path in tool_books:
        assert_same_load(path)
        assert_same_load(path, data_only=True)


def test_a_summary_re_saved_by_libreoffice_loads_the_same(tool_books, tmp_path):  # noqa: F811
    need_soffice()
    summary = next(p for p in tool_books if p.name == "项目汇总表.xlsx")
    resaved = convert(summary, "xlsx", tmp_path)
    assert b"sharedStrings" in resaved.read_bytes()
    assert_same_load(resaved)


def test_hostile_values_load_the_same(tmp_path):
    book = hostile_book()
    book.active["E1"] = datetime(2024, 5, 20)
    book.active["E1"].font = Font(italic=True)
    path = tmp_path / "hostile.xlsx"
    book.save(path)
    assert_same_load(path)
    assert_same_load(path, rich_text=True)


ROWS = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>普通</t></is></c><c r="B1" t="inlineStr"><is><t/></is></c>'
    '<c r="C1" t="inlineStr"><is><r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r></is></c>'
    '<c r="D1" t="inlineStr"><is><t>带注音</t><rPh sb="0" eb="1"><t>zhu</t></rPh></is></c>'
    '<c r="E1" t="inlineStr"/><c r="F1" t="inlineStr"><is><t xml:space="preserve">  空格  </t></is></c></row>'
    '<row r="2" ht="30" customHeight="1"><c r="A2"><v>1</v></c><c r="B2"><v>1.50</v></c><c r="C2"><v>1E3</v></c>'
    '<c r="D2"><v>-2e-5</v></c><c r="E2" s="1"><v>45432</v></c><c r="F2"><v></v></c><c r="G2" s="0"/></row>'
    '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><v>#N/A</v></c>'
    '<c r="D3" t="str"><v>文本结果</v></c><c r="E3" t="d"><v>2024-05-20T09:30:00</v></c><c r="F3" t="s"/></row>'
    '<row r="4"><c r="A4"><f>1+1</f><v>2</v></c><c r="B4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
    '<c r="C4"><f t="shared" ref="C4:C5" si="0">A4*2</f><v>4</v></c><c r="D4" t="inlineStr"><f>1</f><is><t>x</t></is></c></row>'
    '<row r="5"><c r="C5"><f t="shared" si="0"/><v>0</v></c><c><v>7</v></c><c t="inlineStr"><is><t>无引用</t></is></c></row>'
    '<row><c r="A6"><v>6</v></c><c><v>66</v></c></row>'
    '<row r="007" x14ac:dyDescent="0.25" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
    '<c r="A7"><v> 7 </v></c></row>'
    '<row r="8" spans="1:3"><c r="A8" s="1"/><c r="B8" t="n"><v>8</v></c></row>'
    '<row r="9" hidden="1"><c r="A9"><v>9</v><extLst/></c></row>'
    '<row r="10"><c r="A110"><v>1</v></c><c r="B11"><v>2</v></c><c r="C10"><v>3</v></c></row>'
)


def _with_rows(tmp_path: Path, rows: str) -> Path:
    """A workbook (a date style as s="1") whose first sheet's rows are ``rows``."""
    book = Workbook()
    book.active["A1"] = datetime(2024, 1, 1)     # style 1: a date format
    book.active["A2"] = "共享"
    base = tmp_path / "base.xlsx"
    book.save(base)
    parts = read_parts(base)
    parts["xl/worksheets/sheet1.xml"] = (f'<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>').encode()
    return write_parts(tmp_path / "rows.xlsx", parts)


def test_cells_as_other_programs_and_hostile_files_write_them_load_the_same(tmp_path):
    path = _with_rows(tmp_path, ROWS)
    assert_same_load(path)
    assert_same_load(path, data_only=True)
    assert_same_load(path, rich_text=True)
    cells = loaded(path, True)["Sheet"][0]
    assert cells[(1, 1)][0] == "普通" and cells[(1, 2)][0] == "" and cells[(1, 6)][0] == "  空格  "
    assert cells[(2, 5)][2] == "d" and cells[(3, 1)][0] is True and cells[(2, 3)][0] == 1000.0


@pytest.mark.parametrize("row", [
    '<row r="1"><c r="A1" t="s"><v>99</v></c></row>',            # no such shared string
    '<row r="1"><c r="A1" t="s"><v>x</v></c></row>',
    '<row r="1"><c r="A1"><v>abc</v></c></row>',                 # no number
    '<row r="1"><c r="A1" s=""><v>1</v></c></row>',              # a style id of nothing
    '<row r="1"><c r="A1" s="999"><v>1</v></c></row>',           # no such style
    '<row r="1.5"><c r="A1"><v>1</v></c></row>',                 # no row number
    '<row r="²"><c r="A1"><v>1</v></c></row>',
    '<row r="1"><c r="1A"><v>1</v></c></row>',                   # no cell reference
    '<row r="1"><c r="b1"><v>1</v></c></row>',
    '<row r="1"><c r="1"><v>1</v></c></row>',
    '<row r="1"><c r="$A$1"><v>1</v></c></row>',
])
def test_a_broken_cell_fails_as_openpyxl_fails(tmp_path, row):
    path = _with_rows(tmp_path, row)
    assert loaded(path, True) == loaded(path, False)


def test_the_short_way_reads_the_summary_s_cells():
    """Not a check that cannot fail: the cells a refresh loads go the short way (none of the summary's inline text
    through openpyxl's ``parse_cell``)."""
    parser = type("P", (), {"rich_text": False, "date_formats": set(), "shared_strings": ["甲"], "col_counter": 0})()
    from lxml import etree
    row = etree.fromstring(f'<row {NS} r="3"><c r="B3" s="6" t="inlineStr"><is><t>贵阳市</t></is></c>'
                           '<c r="C3" t="s"><v>0</v></c><c r="D3" s="6" t="n"><v>7</v></c><c r="E3" s="6"/></row>')
    assert [fast_cells._plain_cell(parser, el) for el in row] == [
        {"row": 3, "column": 2, "value": "贵阳市", "data_type": "s", "style_id": 6},
        {"row": 3, "column": 3, "value": "甲", "data_type": "s", "style_id": 0},
        {"row": 3, "column": 4, "value": 7, "data_type": "n", "style_id": 6},
        {"row": 3, "column": 5, "value": None, "data_type": "n", "style_id": 6}]
