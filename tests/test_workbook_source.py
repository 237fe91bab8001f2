"""One suite, every :class:`WorkbookSource`: the same workbook as a file (calamine), open in Excel
(xlwings' remote engine), as the WPS add-in names a saved file, and as its snapshot of an unsaved one.

Real workbooks made by ``shibai new`` and filled like a person; the expected structure comes from
openpyxl reading the same file, the expected application from the file reader.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import python_calamine
from openpyxl import load_workbook
from openpyxl.utils.datetime import to_excel

from shibai_xl.adapters.excel.book import OpenBook
from shibai_xl.adapters.view import MAX_MERGES, MAX_ROWS, FileBook, SnapshotBook
from shibai_xl.adapters.xlsx.reader import open_workbook, read_application, read_open
from shibai_xl.adapters.xlsx.refs import split_ref
from shibai_xl.adapters.xlsx.source import WorkbookSource, constant, named_cell
from shibai_xl.engine.check import check

from .conftest import example
from .test_ribbon_actions import open_remote, remote_engine  # noqa: F401  (the remote engine fixture)

SOURCES = ("file", "excel", "wps-saved", "wps-snapshot")
PERCENT_FIELD = {"park": "sb_incubation_rate", "enterprise": "sb_online_share"}


def snapshot(path: Path) -> dict:
    """What the WPS add-in sends for an unsaved workbook: ``Range.Value2`` of each sheet (dates as serial
    numbers), the defined names, the tables."""
    wb = load_workbook(path)
    values = python_calamine.CalamineWorkbook.from_path(str(path))

    def value2(v):
        if isinstance(v, (dt.date, dt.datetime)):
            return to_excel(v)
        return None if isinstance(v, (dt.time, dt.timedelta)) else v

    sheets = [{"name": ws.title, "notes": [],
               "values": [[value2(v) for v in row]
                          for row in values.get_sheet_by_name(ws.title).to_python(skip_empty_area=False)]}
              for ws in wb.worksheets]
    return {"name": "工作簿1", "sheets": sheets,
            "names": [{"name": n, "refers_to": "=" + d.attr_text} for n, d in wb.defined_names.items()],
            "tables": [{"name": t.displayName, "sheet": ws.title, "ref": t.ref}
                       for ws in wb.worksheets for t in ws.tables.values()]}


def source(kind: str, path: Path) -> WorkbookSource:
    if kind == "file":
        return open_workbook(path)
    if kind == "excel":
        return OpenBook(open_remote(path))
    if kind == "wps-saved":
        return FileBook(path)
    return SnapshotBook(snapshot(path))


@pytest.fixture(params=SOURCES)
def kind(request) -> str:
    return request.param


@pytest.fixture(params=("park", "enterprise"))
def filled(request, make_workbook) -> tuple[str, Path]:
    return request.param, make_workbook(request.param)


def test_every_source_is_a_workbook_source(kind, filled):
    _, path = filled
    assert isinstance(source(kind, path), WorkbookSource)


def test_structure_is_the_files(kind, filled):
    """Sheet names, defined names and tables as openpyxl reads them from the file."""
    app_type, path = filled
    src, wb = source(kind, path), load_workbook(path)
    assert src.sheet_names == wb.sheetnames
    assert src.fmt == "xlsx"
    assert constant(src, "sb_type") == app_type
    for name, dn in wb.defined_names.items():
        if dn.type == "RANGE":      # a formula (shibai_list_rows) names no cell
            sheet, ref = dn.attr_text.rsplit("!", 1)
            assert named_cell(src, name) == (sheet.strip("'"), ref.replace("$", "")), name
    expected = {t.displayName.lower(): (ws.title, t.ref) for ws in wb.worksheets for t in ws.tables.values()}
    assert {k: (t.sheet, t.ref) for k, t in src.tables.items()} == expected
    assert "sb_residents" in src.tables or app_type != "park"


def test_grid_shows_what_was_typed(kind, filled):
    """Text and numbers at the named cells read back from the grid as the file holds them, whatever the source."""
    app_type, path = filled
    src, wb = source(kind, path), load_workbook(path)
    compared = 0
    for name in example(app_type):
        sheet, ref = named_cell(src, name)
        value = wb[sheet][ref].value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            continue
        row, col = split_ref(ref)
        got = src.grid(sheet).get(row, col)
        assert got == value or (isinstance(value, (int, float)) and float(got) == float(value)), name
        compared += 1
    assert compared > 10


def test_cell_info_gives_the_percent_format_where_asked(kind, filled):
    app_type, path = filled
    src = source(kind, path)
    sheet, ref = named_cell(src, PERCENT_FIELD[app_type])
    name_sheet, name_ref = named_cell(src, "sb_name")
    info = src.cell_info(sheet, {ref}, {ref})
    assert info[ref].percent                                # %-formatted in every template
    assert info[ref].formula is None and info[ref].has_value and info[ref].error is None
    plain = src.cell_info(name_sheet, {name_ref}).get(name_ref)
    assert plain is None or (not plain.percent and plain.formula is None)


def test_macro_findings_of_a_plain_workbook(kind, filled):
    _, path = filled
    assert source(kind, path).macro_findings() == []


def test_one_reader_reads_the_same_application(kind, filled, rules):
    """read_open on any source gives the file reader's application; the check's JSON is the same."""
    app_type, path = filled
    from_file = read_application(path)
    app = read_open(source(kind, path), path, rules)
    assert app.type == from_file.type == app_type
    assert app.residents == from_file.residents and app.materials == from_file.materials
    assert app.reader_findings == from_file.reader_findings
    if kind != "wps-snapshot":        # the snapshot's dates are serial numbers, which the parsers read as dates
        assert app.raw == from_file.raw
    assert set(app.raw) == set(from_file.raw)
    assert check(app).to_json() == check(from_file).to_json()


@pytest.mark.parametrize("kind", ["file", "wps-saved"])
def test_a_date_shown_without_its_day_is_the_month(kind, make_workbook, rules):
    """"2023年4月" typed into Excel is the date 2023-04-01 formatted yyyy"年"m"月": read as the month it shows."""
    path = make_workbook("team")
    wb = load_workbook(path)
    sheet, ref = named_cell(open_workbook(path), "sb_established")
    wb[sheet][ref].value, wb[sheet][ref].number_format = dt.date(2023, 4, 1), 'yyyy"年"m"月"'
    wb.save(path)
    assert read_open(source(kind, path), path, rules).raw["sb_established"].value == "2023年4月"


def test_a_snapshots_formulas_are_its_formula_cells_only():
    """The WPS add-in's ``formulas`` (Range.Formula of an unsaved book): a text typed as '=abc shows itself and is no
    formula; a bad reference, a non-text or an overlong formula is left out; an older add-in sent none."""
    sheet = {"name": "校验结果", "values": [["=abc", 3]],
             "formulas": {"A1": "=abc", "B1": "=LEN(C5)", "$C$2": "=TODAY()", "ZZZZ9": "=1", "D1": 5,
                          "E1": "=" + "A" * 9000}}
    book = SnapshotBook({"name": "b", "sheets": [sheet, {"name": "旧", "values": [[1]]}]})
    assert book.formulas("校验结果") == {(1, 2): "=LEN(C5)", (2, 3): "=TODAY()"}
    assert book.formulas("旧") == {}


def test_a_snapshots_merged_ranges_are_checked_as_a_workbook_someone_sent():
    """The WPS add-in's ``merged`` (Range.MergeArea of each merged cell of an unsaved book) is what a saved file's
    mergeCells are: A1 ranges, corners in order; a single cell, a reference past the sheet's read rows or columns, a
    formula, a non-text or a repeat is left out; an older add-in sent none."""
    sheet = {"name": "申报表", "values": [[1]],
             "merged": ["$D$33:$D$34", "d20:d21", "A1:K1", "A1:K1", "B5", "B5:B5", "C9:A7", "=HYPERLINK(\"x\")",
                        "A1:ZZZZ2", f"A1:A{MAX_ROWS + 1}", 7, None, "Sheet2!A1:A2", "A1:B2 ", "A1:B2:C3"]}
    book = SnapshotBook({"name": "b", "sheets": [sheet, {"name": "旧", "values": [[1]], "merged": "A1:B2"}]})
    assert book.merged("申报表") == ["D33:D34", "D20:D21", "A1:K1", "A7:C9", "A1:B2"]
    assert book.merged("旧") == [] and book.merged("无此表") == []
    many = SnapshotBook({"name": "b", "sheets": [{"name": "s", "values": [],
                                                  "merged": [f"A{r}:B{r}" for r in range(1, MAX_MERGES + 50)]}]})
    assert len(many.merged("s")) == MAX_MERGES
