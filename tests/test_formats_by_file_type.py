"""The same workbook saved as .xlsx, .xls and .ods gets the same verdict: the number formats of .xls (FORMAT/XF
records) and .ods (data styles, percentage cells) are read like .xlsx's (QA 15), and so are the cells holding an
Excel error value, which calamine reads as blank in every format (QA qa21).

A 成立日期 typed "2022年4月" is a date shown without its day (a month, not 1 April) in every format; a percentage
field holding 0.5 in a General cell is 0.5% (CONTRACT §2), in a %-formatted cell 50%, in every format."""
from __future__ import annotations

import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import fill
from shibai_xl.adapters.xlsx.ods_formats import MAX_ERRORS, OdsFormats
from shibai_xl.adapters.xlsx.package import error_cells, legacy_formats, open_package
from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.adapters.xlsx.xls_formats import XlsFormats
from shibai_xl.engine.check import check
from shibai_xl.engine.residents import totals
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.conftest import all_materials, example
from tests.libreoffice import convert_many, need_soffice
from tests.test_check_cli import run_json
from tests.test_workbooks import name_cell
from tests.zip_parts import rewrite

FILL = date(2024, 4, 15)
MONTH_CODES = {"ym": ('yyyy"年"m"月"', "2022年4月"), "mmm": ("mmm-yy", "2022年4月"), "y": ('yyyy"年"', "2022年")}
SHARES = {"general": (0.2, "General", False),
          # "0.0%;-0.0%;"-"" (a dash for zero): LibreOffice saves it in .ods as a number style showing "-" whose
          # conditional sections (style:map) apply percentage styles; 25% online share stays 25%, not 0.25% (QA qa17)
          "sections": (0.25, '0.0%;-0.0%;"-"', True)}
# Excel error values typed in the 附件3 list (年度网络零售额, 年度网络交易额, 从业人数: LibreOffice keeps them as formulas
# whose result is the error, in .xls a FORMULA record, in .ods a cell of value type "error") and in an amount
RESIDENT_ERRORS = {"入驻企业名单!I8": "#N/A", "入驻企业名单!H9": "#DIV/0!", "入驻企业名单!G10": "#REF!"}
# every workbook the tests below compare: (type, values, field or "sheet!cell" → (value, number format or None));
# made once and converted to .xls and .ods in one LibreOffice run each (a run per file took 40 s of the suite)
CASES = {
    **{f"month-{k}": ("park", {}, {"sb_established": (datetime(2022, 4, 1), code),
                                   "sb_fill_date": (datetime(2024, 4, 15), 'yyyy"年"m"月"d"日"')})
       for k, (code, _) in MONTH_CODES.items()},
    **{f"rate-{k}": ("park", {"sb_fill_date": FILL}, {"sb_incubation_rate": (0.5, code)})
       for k, code in (("general", "General"), ("percent", "0%"))},
    **{f"share-{k}": ("enterprise", {"sb_fill_date": FILL}, {"sb_online_share": (value, code)})
       for k, (value, code, _) in SHARES.items()},
    "unknown": ("park", {"sb_fill_date": FILL}, {"sb_incubation_rate": (0.5, "General"),
                                                 "sb_established": (datetime(2022, 4, 1), 'yyyy"年"m"月"')}),
    "errors": ("park", {"sb_fill_date": FILL}, {**{ref: (error, None) for ref, error in RESIDENT_ERRORS.items()},
                                                "sb_area_ecom": ("#VALUE!", None)}),
}


@pytest.fixture(scope="module")
def copies(tmp_path_factory, rules) -> dict[str, dict[str, Path]]:
    """case → {".xlsx": the workbook made with ``shibai new`` and filled, ".xls"/".ods": LibreOffice's copies}."""
    need_soffice()
    folder = tmp_path_factory.mktemp("formats")
    made = {}
    for key, (app_type, values, cells) in CASES.items():
        path = made[key] = folder / f"{key}.xlsx"
        assert main(["new", app_type, "--out", str(path)]) == 0
        wb = load_workbook(path)
        fill(wb, example(app_type, **values), example_residents(app_type) if app_type == "park" else None,
             all_materials(rules))
        for name, (value, code) in cells.items():
            sheet, _, ref = name.rpartition("!")
            cell = wb[sheet][ref] if sheet else name_cell(wb, name)
            cell.value = value              # "#N/A": openpyxl writes an error value (t="e")
            if code is not None:
                cell.number_format = code
        wb.save(path)
    xls, ods = (convert_many(list(made.values()), fmt, folder / fmt) for fmt in ("xls", "ods"))
    return {key: {".xlsx": path, ".xls": xls[path], ".ods": ods[path]} for key, path in made.items()}


def _verdicts(files: dict[str, Path]) -> dict[str, tuple]:
    """file type → (eligible, auto score, each item's points, finding codes, the application) of each copy."""
    out = {}
    for suffix, path in files.items():
        app = read_application(path)
        result = check(app)
        out[suffix] = (result.eligible, result.score.auto, {i.id: i.auto for i in result.score.items},
                       sorted(f.code for f in result.findings), app)
    return out


def _same(verdicts: dict[str, tuple]) -> tuple:
    first = verdicts[".xlsx"][:4]
    for suffix, verdict in verdicts.items():
        assert verdict[:4] == first, suffix
    return first


@pytest.mark.parametrize("key", MONTH_CODES)
def test_a_month_typed_into_excel_is_a_month_in_every_format(copies, key):
    # a park must be 2 years old on 2024-04-15: "2022年4月" holds days before and after 2022-04-15, so it is 待定;
    # the 填表时间 beside it shows its day and stays that day
    verdicts = _verdicts(copies[f"month-{key}"])
    eligible, _, _, codes = _same(verdicts)
    assert eligible is None and "ELIG_MISSING" in codes
    for suffix, verdict in verdicts.items():
        raw = verdict[4].raw
        assert (raw["sb_established"].value, raw["sb_fill_date"].value) == (MONTH_CODES[key][1], date(2024, 4, 15)), suffix


def test_an_incubation_rate_reads_as_excel_stores_it_in_every_format(copies):
    # 2.2.3: 5 points for 孵化成功率 ≥ 50%; 0.5 in a General cell is 0.5%, in a 0% cell 50%
    for key, points, percent in (("general", 0, False), ("percent", 5, True)):
        verdicts = _verdicts(copies[f"rate-{key}"])
        _, _, items, _ = _same(verdicts)
        assert items["2.2.3"] == points, key
        for suffix, verdict in verdicts.items():
            assert verdict[4].raw["sb_incubation_rate"].percent_format is percent, (key, suffix)
        # the General cell's 0.5% is most often a 50% meant: said, so that its 0 points do not pass unseen
        said = [f.message for f in check(verdicts[".xlsx"][4]).findings if f.field == "sb_incubation_rate"]
        assert said == ([] if percent else
                        ["请核对孵化成功率（%）：填写为“0.5”，单元格不是百分比格式，按0.5%计；如果是50%，请填写50或把单元格设为百分比格式"])


@pytest.mark.parametrize("key", SHARES)
def test_an_online_share_is_the_same_in_every_format(copies, key):
    verdicts = _verdicts(copies[f"share-{key}"])
    _same(verdicts)
    for suffix, verdict in verdicts.items():
        assert verdict[4].raw["sb_online_share"].percent_format is SHARES[key][2], suffix


# --- Excel error values ----------------------------------------------------------------------------------------

def test_error_values_are_said_alike_in_every_format(copies, capsys):
    """An error value in the resident list is XC_RESIDENT_ROW (“是错误值…，未计入合计”), in an amount FIELD_AMOUNT, in
    .xls and .ods as in .xlsx: same findings at the same cells, same totals (they were silent blanks)."""
    said, summed = {}, {}
    for suffix, path in copies["errors"].items():
        said[suffix] = [(f["code"], f["sheet"], f["cell"], f["message"]) for f in run_json(path, capsys)["findings"]]
        t = totals(read_application(path).residents)[0]
        summed[suffix] = (t.staff, t.trade, t.retail, t.staff_rows, t.trade_rows, t.retail_rows)
    assert said[".xls"] == said[".xlsx"] and said[".ods"] == said[".xlsx"]
    assert summed[".xls"] == summed[".xlsx"] and summed[".ods"] == summed[".xlsx"]
    rows = {f"{sheet}!{cell}": message for code, sheet, cell, message in said[".xlsx"] if code == "XC_RESIDENT_ROW"}
    assert {ref: m.split("是错误值")[1].split("，")[0] for ref, m in rows.items()} == RESIDENT_ERRORS
    assert [m for code, _, _, m in said[".xlsx"] if code == "FIELD_AMOUNT"] == [
        "无法识别的金额或数量：电子商务业务区域使用面积（平方米）填写为“#VALUE!”，不是数字"]


def test_a_file_without_error_values_is_not_walked_for_them(copies):
    """Only a file that holds an error value costs the walk through a sheet's cells: the others say so at once."""
    for suffix in (".xls", ".ods"):
        pkg = open_package(copies["unknown"][suffix])
        try:
            assert error_cells(pkg, "入驻企业名单") == {} and pkg._formats.holds_errors is False, suffix
            assert pkg._formats.errors_of == {}, suffix
        finally:
            pkg.close()
        pkg = open_package(copies["errors"][suffix])
        try:
            assert legacy_formats(pkg, "申报表", {"C5"}) is not None and "申报表" in pkg._formats.errors_of, suffix
            assert error_cells(pkg, "入驻企业名单").items() >= {k.split("!")[1]: v
                                                           for k, v in RESIDENT_ERRORS.items()}.items(), suffix
        finally:
            pkg.close()


def _biff(rid: int, body: bytes) -> bytes:
    return struct.pack("<HH", rid, len(body)) + body


def test_xls_error_records_as_excel_writes_them():
    """Excel writes a typed #N/A as a BOOLERR record with fError set ([MS-XLS] 2.4.24, Bes 2.5.10); a TRUE is a BOOLERR
    too, without it. A formula's cached error: FormulaValue 0x02, the BErr code, fExprO 0xFFFF."""
    bof = _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
    cells = [_biff(0x0205, struct.pack("<HHHBB", 2, 1, 0, 0x2A, 1)),        # B3 #N/A
             _biff(0x0205, struct.pack("<HHHBB", 3, 1, 0, 1, 0)),           # B4 TRUE
             _biff(0x0205, struct.pack("<HHHBB", 4, 1, 0, 0x63, 1)),        # B5 a code no table lists
             _biff(0x0006, struct.pack("<HHH", 5, 2, 0) + bytes((2, 0, 0x07, 0, 0, 0, 0xFF, 0xFF)) + b"\0" * 8),
             _biff(0x0006, struct.pack("<HHHd", 6, 2, 0, 2.0) + b"\0" * 8),  # C7 a number
             _biff(0x0203, struct.pack("<HHHd", 7, 2, 0, 3.0))]               # C8 a number
    name = "表1".encode("utf-16-le")
    sheet_at = len(bof) + len(_biff(0x00E0, b"\0" * 20)) + len(_biff(0x0085, b"\0" * 8 + name)) + 4
    globals_ = (bof + _biff(0x00E0, b"\0" * 20) + _biff(0x0085, struct.pack("<IBBBB", sheet_at, 0, 0, 2, 1) + name)
                + _biff(0x000A, b""))
    assert len(globals_) == sheet_at
    stream = globals_ + bof + b"".join(cells) + _biff(0x000A, b"")
    assert XlsFormats(stream).errors("表1") == {"B3": "#N/A", "B5": "#错误", "C6": "#DIV/0!"}
    plain = globals_ + bof + b"".join(cells[1:2] + cells[4:]) + _biff(0x000A, b"")
    assert XlsFormats(plain).holds_errors is False and XlsFormats(plain).errors("表1") == {}


_ODS_ERRORS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">
<office:body><office:spreadsheet>
<table:table table:name="其他"><table:table-row><table:table-cell office:value-type="string" calcext:value-type="error">
 <text:p>#N/A</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="名单">
 <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>
  <table:table-cell table:number-columns-repeated="2" table:formula="of:=#N/A" office:value-type="string"
   office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p><office:annotation><text:p>注</text:p>
   </office:annotation></table:table-cell></table:table-row>
 <table:table-row><table:table-cell office:value-type="float" office:value="1" calcext:value-type="float"/>
  <table:table-cell office:value-type="string" calcext:value-type="error"/></table:table-row>
 <table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000"
   office:value-type="string" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"""


def test_ods_error_cells_are_found_through_repeated_rows_and_columns(tmp_path):
    """A repeated cell stands for each cell it repeats over; a cell without its paragraph still holds an error; a
    repeat over a billion cells stops at MAX_ERRORS."""
    path = tmp_path / "errors.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", _ODS_ERRORS)
    found = OdsFormats(path).errors("名单")
    assert {ref: found[ref] for ref in ("C1", "D1", "C2", "D2", "B3", "A4", "ALL4", "A5")} == {
        "C1": "#N/A", "D1": "#N/A", "C2": "#N/A", "D2": "#N/A", "B3": "#错误", "A4": "#DIV/0!", "ALL4": "#DIV/0!",
        "A5": "#DIV/0!"}
    assert "A3" not in found and "E1" not in found and len(found) == MAX_ERRORS


# --- a file whose formats cannot be read: unknown, as before, never an error ---------------------------------

def test_formats_that_cannot_be_read_stay_unknown(copies, tmp_path):
    xls, ods = copies["unknown"][".xls"], copies["unknown"][".ods"]
    # an .xls Workbook stream cut or overwritten anywhere: whatever can be read, no error
    pkg = open_package(xls)
    try:
        whole = pkg.biff
        cells = {"A1", "B7", "C36", "IV65536"}
        assert legacy_formats(pkg, "补充信息", cells)
        for cut in (0, 3, 100, len(whole) // 3, len(whole) // 2, len(whole) - 7):
            for damaged in (whole[:cut], whole[:cut] + b"\xff" * 64,
                            whole[:cut] + struct.pack("<HH", 0x00BD, 0xFFFF) + whole[cut + 4:]):
                pkg.biff, pkg._formats = damaged, None
                for sheet in pkg.sheets:
                    assert isinstance(legacy_formats(pkg, sheet, cells), dict)
    finally:
        pkg.close()
    # an .ods whose styles.xml is cut short (the values, in content.xml, are intact): read as before this reader
    odd = tmp_path / "odd.ods"
    rewrite(ods, odd, lambda name, data: data[:len(data) // 2] if name == "styles.xml" else data)
    app = read_application(odd)
    # a number 0…1 in a percentage field is then the percent a %-cell showed, a date the day it holds
    assert app.raw["sb_incubation_rate"].percent_format is True
    assert app.raw["sb_established"].value == date(2022, 4, 1)
    assert check(app).eligible is True


# --- .ods as other programs write it: repeated rows and columns, covered cells, a column's default style -------

_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">
<office:automatic-styles>
 <number:date-style style:name="ym"><number:year/><number:text>年</number:text><number:month/></number:date-style>
 <style:style style:name="month" style:family="table-cell" style:data-style-name="ym"/>
 <style:style style:name="child" style:family="table-cell" style:parent-style-name="YearOnly"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="其他"><table:table-row><table:table-cell office:value-type="percentage" office:value="0.5"/>
 </table:table-row></table:table>
<table:table table:name="申报表">
 <table:table-column table:number-columns-repeated="2"/>
 <table:table-column table:default-cell-style-name="month"/>
 <table:table-column table:number-columns-repeated="1021"/>
 <table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
 <table:table-row>
  <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>成立日期</text:p></table:table-cell>
  <table:covered-table-cell/>
  <table:table-cell office:value-type="date" office:date-value="2022-04-01"/>
  <table:table-cell table:style-name="child" office:value-type="date" office:date-value="2022-01-01"/>
  <table:table-cell office:value-type="percentage" office:value="0.5"/>
  <table:table-cell office:value-type="float" office:value="0.5" table:number-columns-repeated="3"/>
 </table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"""

_ODS_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">
<office:styles>
 <number:date-style style:name="y"><number:year number:style="long"/><number:text>年</number:text></number:date-style>
 <style:style style:name="YearOnly" style:family="table-cell" style:data-style-name="y"/>
</office:styles></office:document-styles>"""


def test_ods_cells_are_found_through_repeats_covered_cells_and_column_styles(tmp_path):
    from shibai_xl.adapters.xlsx.ods_formats import OdsFormats

    path = tmp_path / "other.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", _ODS_CONTENT)
        zf.writestr("styles.xml", _ODS_STYLES)
    found = OdsFormats(path).cells("申报表", {"A1", "B5", "C5", "D5", "E5", "G5", "H5", "I5"})
    assert found == {"A1": (False, None, None), "B5": (False, None, None), "C5": (False, "month", None),
                     "D5": (False, "year", None), "E5": (True, None, None), "G5": (False, None, None),
                     "H5": (False, None, None)}     # (percent?, a date without its day, a unit shown: none here)



def test_a_name_struck_in_part_is_read_from_an_xls_shared_string_past_its_continue_records(tmp_path):
    """An .xls keeps its shared strings in an SST record and the CONTINUE records after it, a string's characters
    starting again with a flags byte in the next one: a name struck through in part of its text far down a long
    附件4 is told apart from one struck in all of it and from one not struck, however far it lies."""
    need_soffice()
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from shibai_xl.adapters.xlsx.struck_cells import struck_rows

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    for r in range(1, 1201):
        ws.cell(r, 1, f"第{r}行的企业运营情况及主要业绩说明，文字较长，占用共享字符串表的空间{r}")
        ws.cell(r, 2, f"企业{r}")
    ws["B1100"] = CellRichText(TextBlock(InlineFont(), "遵义乙电商有限公司（"),
                               TextBlock(InlineFont(strike=True), "原名遵义丙商贸"), TextBlock(InlineFont(), "）"))
    ws["B1150"] = CellRichText(TextBlock(InlineFont(strike=True), "遵义丁电商有限公司"),
                               TextBlock(InlineFont(strike=True, b=True), "（已撤回）"))
    wb.save(tmp_path / "城市.xlsx")
    xls = convert_many([tmp_path / "城市.xlsx"], "xls", tmp_path / "xls")[tmp_path / "城市.xlsx"]
    pkg = open_package(xls)
    assert struck_rows(pkg, "汇总表", 1) == ({1150}, {1100})
    assert struck_rows(pkg, "汇总表", 0) == (set(), set())
