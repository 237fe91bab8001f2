"""XlsxPatch: write results into a user's workbook without disturbing anything else.

Real files only: an openpyxl-built workbook with two sheets, a data validation,
defined names, print settings, an image, a chart and a user's comment; and
xlwings' quickstart.xlsm, a macro workbook saved by Excel.  LibreOffice
(headless) is the independent reader of the patched files.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import io
import os
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from shibai_xl.adapters.xlsx.patch import AUTHOR, WORKSHEET_ORDER, PatchError, XlsxPatch
from shibai_xl.errors import RefusedWrite
from tests.libreoffice import convert_many

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


# --------------------------------------------------------------------------- fixtures


def _png(w: int, h: int) -> bytes:
    raw = b"".join(b"\x00" + b"\xc0\x20\x20" * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class _PngImage(Image):
    """openpyxl's Image without Pillow: the PNG bytes are given directly."""

    def __init__(self, data: bytes, width: int, height: int):
        self._png, self.ref, self.width, self.height, self.format = data, None, width, height, "png"

    def _data(self) -> bytes:
        return self._png


def _build_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报表"
    ws["A1"] = "项目名称"
    ws["B2"] = "企业名称"
    ws["B2"].comment = Comment("用户自己的批注", "张三")
    ws["C7"] = "91520100MA6DUMMY0X"
    ws["C7"].font = Font(bold=True, color="FF0000")
    ws["C7"].border = Border(left=Side(style="thin"))
    ws["C8"] = 12.5
    ws["C8"].fill = PatternFill("solid", fgColor="DDEBF7")
    ws.column_dimensions["E"].width = 30
    dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("D2:D10")
    ws.add_image(_PngImage(_png(8, 8), 8, 8), "H2")
    ws.print_area = "A1:F20"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.merge_cells("E3:F3")

    s2 = wb.create_sheet("评分")
    for i in range(1, 6):
        s2.cell(i, 1, f"指标{i}")
        s2.cell(i, 2, i * 10)
    s2["B6"] = "=SUM(B1:B5)"
    s2["F5"] = 1
    chart = BarChart()
    chart.add_data(Reference(s2, min_col=2, min_row=1, max_row=5))
    s2.add_chart(chart, "D8")
    wb.defined_names["总分"] = DefinedName("总分", attr_text="'评分'!$F$5")
    wb.save(path)
    return path


def _xlsm_source() -> Path:
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        pytest.skip("xlwings is not installed (quickstart.xlsm comes from it)")
    path = Path(spec.origin).parent / "quickstart.xlsm"
    if not path.exists():
        pytest.skip("xlwings' quickstart.xlsm is missing")
    return path


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/v'
       'nd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="applicat'
       'ion/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/styles.xml" ContentType="application/'
       'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
       '<Override PartName="/xl/calcChain.xml" ContentType="application/'
       'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>'
       '</Types>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/office'
              'Document/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
              '</Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
       '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
       '<workbookPr/><bookViews><workbookView/></bookViews>'
       '<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDo'
            'cument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org'
            '/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/of'
            'ficeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>'
            '</Relationships>')
_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fi'
           'll><fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           '</styleSheet>')
_CALC = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
         '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<c r="B1" i="1"/><c r="B2"/><c r="B3"/></calcChain>')


def _mini_xlsx(path: Path, sheet_xml: str, workbook_xml: str = _WB, extra: dict[str, str] | None = None,
               content_types: str = "") -> Path:
    """A hand-written package, for XML that openpyxl would not produce."""
    parts = {"[Content_Types].xml": _CT.replace("</Types>", content_types + "</Types>"), "_rels/.rels": _ROOT_RELS,
             "xl/workbook.xml": workbook_xml, "xl/_rels/workbook.xml.rels": _WB_RELS, "xl/styles.xml": _STYLES,
             "xl/worksheets/sheet1.xml": sheet_xml, "xl/calcChain.xml": _CALC, **(extra or {})}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return path


_SHARED_SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                 '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 '<dimension ref="A1:B3"/><sheetData>'
                 '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1</f><v>3</v></c></row>'
                 '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>5</v></c></row>'
                 '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>7</v></c></row>'
                 '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                 '</worksheet>')


def _parts(path_or_bytes) -> dict[str, bytes]:
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with zipfile.ZipFile(src) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _infos(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as z:
        return z.infolist()


def _styles_of(xml: bytes) -> dict[str, int]:
    """cell ref → style index, straight from the sheet XML."""
    out = {}
    for m in re.finditer(rb"<c ([^>]*?)/?>", xml):
        attrs = dict(re.findall(rb'(\w+)="([^"]*)"', m.group(1)))
        out[attrs[b"r"].decode()] = int(attrs.get(b"s", b"0"))
    return out


def _assert_schema_order(sheet_xml: bytes) -> None:
    from lxml import etree

    root = etree.fromstring(sheet_xml)
    names = [etree.QName(ch).localname for ch in root if isinstance(ch.tag, str)]
    idx = [WORKSHEET_ORDER.index(n) for n in names]
    assert idx == sorted(idx), names


@pytest.fixture(scope="module")
def src_xlsx(tmp_path_factory) -> Path:
    return _build_xlsx(tmp_path_factory.mktemp("src") / "申报表.xlsx")


@pytest.fixture(scope="module")
def src_xlsm() -> Path:
    return _xlsm_source()


def _patch_xlsx(src: Path, out: Path) -> Path:
    p = XlsxPatch(src)
    p.set_value("评分", "F5", 87.5)
    p.set_value("评分", "G9", "=1+2")
    p.set_value("评分", "C1", True)
    p.set_value("评分", "C2", dt.date(2024, 5, 1))
    p.set_value("评分", "C3", "  前后有空格 ")
    p.set_hyperlink("评分", "D5", location="'申报表'!C7", tooltip="查看申报表")
    p.mark("申报表", "C7", "error", "统一社会信用代码校验位错误")
    p.mark("申报表", "C8", "warning", "金额偏低")
    p.mark("评分", "B3", "warning", "得分偏低")
    p.save(out)
    return out


def _patch_xlsm(src: Path, out: Path) -> Path:
    p = XlsxPatch(src)
    p.set_value("Sheet1", "B2", "检查结果：2 处错误")
    p.set_value("Sheet1", "C2", 2)
    p.set_hyperlink("Sheet1", "B3", location="'_xlwings.conf'!A7")
    p.mark("Sheet1", "B2", "error", "有错误")
    p.mark("_xlwings.conf", "B7", "warning", "请确认")
    p.save(out)
    return out


@pytest.fixture(scope="module")
def out_xlsx(src_xlsx, tmp_path_factory) -> Path:
    return _patch_xlsx(src_xlsx, tmp_path_factory.mktemp("out") / "patched.xlsx")


@pytest.fixture(scope="module")
def out_xlsm(src_xlsm, tmp_path_factory) -> Path:
    return _patch_xlsm(src_xlsm, tmp_path_factory.mktemp("out") / "patched.xlsm")


# --------------------------------------------------------------------------- 1. untouched parts


def test_untouched_parts_are_byte_identical_xlsx(src_xlsx, out_xlsx):
    before, after = _parts(src_xlsx), _parts(out_xlsx)
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed == {
        "[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml",
        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet2.xml.rels",
        "xl/comments/comment1.xml", "xl/drawings/commentsDrawing1.vml",
    }
    # image, chart, drawings, theme, docProps: the very same bytes
    for name in ("xl/media/image1.png", "xl/charts/chart1.xml", "xl/drawings/drawing1.xml",
                 "xl/drawings/drawing2.xml", "xl/theme/theme1.xml", "docProps/app.xml"):
        assert after[name] == before[name]
    new = [n for n in after if n not in before]
    assert new == ["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"]
    # original order, timestamps and compression kept; new parts appended with a fixed timestamp
    old_infos, new_infos = _infos(src_xlsx), _infos(out_xlsx)
    assert [i.filename for i in new_infos[:len(old_infos)]] == [i.filename for i in old_infos]
    for a, b in zip(old_infos, new_infos):
        assert (a.date_time, a.compress_type) == (b.date_time, b.compress_type)
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in new_infos[len(old_infos):])
    for sheet in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        _assert_schema_order(after[sheet])


def test_untouched_parts_are_byte_identical_xlsm(src_xlsm, out_xlsm):
    before, after = _parts(src_xlsm), _parts(out_xlsm)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed == {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml",
                       "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}
    assert set(after) - set(before) == {
        "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", "xl/worksheets/_rels/sheet1.xml.rels",
        "xl/comments2.xml", "xl/drawings/vmlDrawing2.vml", "xl/worksheets/_rels/sheet2.xml.rels",
    }
    ct = after["[Content_Types].xml"].decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in ct
    assert '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' in ct
    assert ('<Override PartName="/xl/comments1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>') in ct
    # Excel's root tag (mc:Ignorable between the xmlns declarations) is written back verbatim
    for part in ("xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml"):
        head = before[part].split(b">", 2)
        assert after[part].startswith(head[0] + b">" + head[1] + b">")
        _assert_schema_order(after[part]) if "worksheets" in part else None
    sheet1 = after["xl/worksheets/sheet1.xml"].decode()
    # hyperlinks before pageMargins, legacyDrawing after it (CT_Worksheet order)
    assert sheet1.index("<hyperlinks>") < sheet1.index("<pageMargins") < sheet1.index("<legacyDrawing")
    vml = after["xl/drawings/vmlDrawing1.vml"].decode()
    assert 'ObjectType="Note"' in vml and "<x:Row>1</x:Row>" in vml and "<x:Column>1</x:Column>" in vml
    wb = openpyxl.load_workbook(out_xlsm)
    assert wb["Sheet1"]["B2"].value == "检查结果：2 处错误"
    assert wb["Sheet1"]["B2"].comment.author == AUTHOR
    assert wb["_xlwings.conf"]["B7"].fill.fgColor.rgb == "FFFFEB9C"
    assert wb["_xlwings.conf"]["B7"].value is False          # the boolean stays
    assert wb["Sheet1"]["B3"].hyperlink.location == "'_xlwings.conf'!A7"


def test_input_file_is_never_modified(src_xlsx, tmp_path):
    original = src_xlsx.read_bytes()
    p = XlsxPatch(src_xlsx)
    p.mark("申报表", "C7", "error", "x")
    p.save(tmp_path / "a.xlsx")
    assert src_xlsx.read_bytes() == original
    # saving over the file it was read from works (all content is in memory, replace is atomic)
    copy = tmp_path / "same.xlsx"
    copy.write_bytes(original)
    p = XlsxPatch(copy)
    p.set_value("评分", "F5", 3)
    p.save(copy)
    assert openpyxl.load_workbook(copy)["评分"]["F5"].value == 3
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".~shibai-")]


# --------------------------------------------------------------------------- 2. read back


def test_openpyxl_reads_what_was_written(src_xlsx, out_xlsx):
    wb = openpyxl.load_workbook(out_xlsx)
    s, a = wb["评分"], wb["申报表"]
    assert s["F5"].value == 87.5
    assert s["G9"].value == "=1+2" and s["G9"].data_type == "s"        # text, never a formula
    assert s["C1"].value is True
    assert s["C2"].value == 45413                                     # 2024-05-01 as a serial number
    assert s["C3"].value == "  前后有空格 "
    assert s["B6"].value == "=SUM(B1:B5)"                              # untouched formula
    assert s["D5"].hyperlink.location == "'申报表'!C7"
    assert s["D5"].hyperlink.tooltip == "查看申报表"
    # marks: fill + our comment; the rest of the cell's style is kept
    assert a["C7"].fill.fill_type == "solid" and a["C7"].fill.fgColor.rgb == "FFFFC7CE"
    assert a["C7"].font.b and a["C7"].font.color.rgb == "00FF0000" and a["C7"].border.left.style == "thin"
    assert a["C7"].value == "91520100MA6DUMMY0X"
    assert (a["C7"].comment.author, a["C7"].comment.text) == (AUTHOR, "统一社会信用代码校验位错误")
    assert a["C8"].fill.fgColor.rgb == "FFFFEB9C" and a["C8"].value == 12.5
    assert (s["B3"].comment.author, s["B3"].comment.text) == (AUTHOR, "得分偏低")
    assert s["B3"].fill.fgColor.rgb == "FFFFEB9C" and s["B3"].value == 30
    # the user's things
    assert (a["B2"].comment.author, a["B2"].comment.text) == ("张三", "用户自己的批注")
    assert [str(r) for dv in a.data_validations.dataValidation for r in dv.sqref.ranges] == ["D2:D10"]
    assert wb.defined_names["总分"].attr_text == "'评分'!$F$5"
    assert a.print_area == "'申报表'!$A$1:$F$20" and a.page_setup.orientation == "landscape"
    assert "E3:F3" in [str(r) for r in a.merged_cells.ranges]
    assert "sb_marks_styles" in wb.defined_names
    src = openpyxl.load_workbook(src_xlsx)
    assert a["A1"].value == src["申报表"]["A1"].value


def test_strings_are_escaped_not_lost(src_xlsx, tmp_path):
    p = XlsxPatch(src_xlsx)
    p.set_value("评分", "A1", "第一行\n第二行")
    p.set_value("评分", "A2", "bell\x07_x0041_")
    p.set_value("评分", "A3", None)
    p.set_value("评分", "A4", 1e-7)
    p.save(tmp_path / "s.xlsx")
    xml = _parts(tmp_path / "s.xlsx")["xl/worksheets/sheet2.xml"].decode()
    assert "bell_x0007__x005F_x0041_" in xml
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["评分"]
    assert ws["A1"].value == "第一行\n第二行"
    assert ws["A3"].value is None and ws["A4"].value == 1e-7


# --------------------------------------------------------------------------- 3. clear_marks


def test_clear_marks_restores_original_styles(src_xlsx, out_xlsx, tmp_path):
    before = _parts(src_xlsx)
    p = XlsxPatch(out_xlsx)                      # a new object, as a later run would
    p.clear_marks()
    p.save(tmp_path / "cleared.xlsx")
    after = _parts(tmp_path / "cleared.xlsx")
    # marks lived on existing cells only: sheet XML is back to the original bytes
    assert after["xl/worksheets/sheet1.xml"] == before["xl/worksheets/sheet1.xml"]
    # the user's comment part and its VML are exactly as before; our own parts are gone
    assert after["xl/comments/comment1.xml"] == before["xl/comments/comment1.xml"]
    assert after["xl/drawings/commentsDrawing1.vml"] == before["xl/drawings/commentsDrawing1.vml"]
    assert "xl/comments1.xml" not in after and "xl/drawings/vmlDrawing1.vml" not in after
    assert after["xl/worksheets/_rels/sheet2.xml.rels"] == before["xl/worksheets/_rels/sheet2.xml.rels"]
    assert after["[Content_Types].xml"] == before["[Content_Types].xml"]
    # sheet2 keeps the written values but every style index is the original one
    s_before, s_after = _styles_of(before["xl/worksheets/sheet2.xml"]), _styles_of(after["xl/worksheets/sheet2.xml"])
    assert {k: v for k, v in s_after.items() if k in s_before} == s_before
    wb = openpyxl.load_workbook(tmp_path / "cleared.xlsx")
    assert wb["申报表"]["B2"].comment.author == "张三"
    assert all(c.comment is None for ws in wb for row in ws.iter_rows() for c in row if c.coordinate != "B2")
    assert wb["申报表"]["C8"].fill.fgColor.rgb == "00DDEBF7"        # the user's own fill is back
    assert wb["评分"]["F5"].value == 87.5                             # values are not marks


def test_marking_twice_does_not_stack(src_xlsx, tmp_path):
    def run(times: int, name: str) -> bytes:
        p = XlsxPatch(src_xlsx)
        for _ in range(times):
            p.mark("申报表", "C7", "warning", "先是警告")
            p.mark("申报表", "C7", "error", "统一社会信用代码校验位错误")
            p.mark("评分", "B3", "warning", "得分偏低")
            p.mark("评分", "Z40", "error", "原来没有的单元格")
        p.save(tmp_path / name)
        return (tmp_path / name).read_bytes()

    once, twice = run(1, "once.xlsx"), run(2, "twice.xlsx")
    assert once == twice
    # and marking the marked file again (a second `check --write`) changes nothing either
    p = XlsxPatch(tmp_path / "once.xlsx")
    p.mark("申报表", "C7", "error", "统一社会信用代码校验位错误")
    p.mark("评分", "B3", "warning", "得分偏低")
    p.mark("评分", "Z40", "error", "原来没有的单元格")
    assert p.to_bytes() == once

    def cleared(path: Path) -> dict[str, bytes]:
        q = XlsxPatch(path)
        q.clear_marks()
        return _parts(q.to_bytes())

    orig = _parts(src_xlsx)
    c1, c2 = cleared(tmp_path / "once.xlsx"), cleared(tmp_path / "twice.xlsx")
    assert c1 == c2
    for sheet in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        assert c1[sheet] == orig[sheet]       # even the cell created only to carry a mark is gone


def test_rerun_clear_then_mark_reproduces_the_same_file(out_xlsx):
    p = XlsxPatch(out_xlsx)
    p.clear_marks()
    p.mark("申报表", "C7", "error", "统一社会信用代码校验位错误")
    p.mark("申报表", "C8", "warning", "金额偏低")
    p.mark("评分", "B3", "warning", "得分偏低")
    assert p.to_bytes() == out_xlsx.read_bytes()        # styles.xml does not grow run after run


def test_xlsm_mark_and_clear_round_trip(src_xlsm, tmp_path):
    p = XlsxPatch(src_xlsm)
    p.mark("_xlwings.conf", "B7", "warning", "请确认")
    p.mark("_xlwings.conf", "A13", "error", "标题")
    p.mark("Sheet1", "A1", "error", "空表上的标记")
    p.save(tmp_path / "m.xlsm")
    q = XlsxPatch(tmp_path / "m.xlsm")
    q.clear_marks()
    q.save(tmp_path / "c.xlsm")
    before, after = _parts(src_xlsm), _parts(tmp_path / "c.xlsm")
    assert set(after) == set(before)
    unchanged = {n for n in before if after[n] == before[n]}
    assert unchanged == set(before) - {"xl/styles.xml", "xl/workbook.xml"}
    wb = openpyxl.load_workbook(tmp_path / "c.xlsm")
    assert wb["_xlwings.conf"]["A13"].font.b                            # style 2 (bold) is back


def test_user_comment_is_never_replaced(src_xlsx, tmp_path):
    p = XlsxPatch(src_xlsx)
    assert p.mark("申报表", "B2", "error", "企业名称缺失") is False
    p.save(tmp_path / "u.xlsx")
    before, after = _parts(src_xlsx), _parts(tmp_path / "u.xlsx")
    assert after["xl/comments/comment1.xml"] == before["xl/comments/comment1.xml"]
    c = openpyxl.load_workbook(tmp_path / "u.xlsx")["申报表"]["B2"]
    assert (c.comment.author, c.fill.fgColor.rgb) == ("张三", "FFFFC7CE")


_EXCEL_VML = """<xml xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <o:shapelayout v:ext="edit">
  <o:idmap v:ext="edit" data="1"/>
 </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
  path="m,l,21600r21600,l21600,xe">
  <v:stroke joinstyle="miter"/>
  <v:path gradientshapeok="t" o:connecttype="rect"/>
 </v:shapetype><v:shape id="_x0000_s1025" type="#_x0000_t202" style='position:absolute;
  margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;
  visibility:hidden' fillcolor="#ffffe1" o:insetmode="auto">
  <v:fill color2="#ffffe1"/>
  <v:shadow on="t" color="black" obscured="t"/>
  <v:path o:connecttype="none"/>
  <v:textbox style='mso-direction-alt:auto'>
   <div style='text-align:left'>not<br>well-formed</div>
  </v:textbox>
  <x:ClientData ObjectType="Note">
   <x:MoveWithCells/>
   <x:SizeWithCells/>
   <x:Anchor>
    1, 15, 0, 2, 3, 15, 3, 16</x:Anchor>
   <x:AutoFill>False</x:AutoFill>
   <x:Row>0</x:Row>
   <x:Column>0</x:Column>
  </x:ClientData>
 </v:shape></xml>"""
_EXCEL_COMMENTS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<comments '
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><authors><author>王五</author>'
    '</authors><commentList><comment ref="A1" authorId="0" shapeId="0" xr:uid="{6A0B}"><text><r><rPr><b/>'
    '<sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t>王五:</t></r><r><rPr>'
    '<sz val="9"/></rPr><t xml:space="preserve">\n原有批注</t></r></text></comment></commentList></comments>')


def test_excel_comments_and_vml_round_trip(tmp_path):
    """Comments as Excel writes them (VML pretty-printed, single quotes, even a stray <br>)."""
    sheet = _SHARED_SHEET.replace(
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    ).replace("</worksheet>", '<legacyDrawing r:id="rId1"/></worksheet>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/off'
            'iceDocument/2006/relationships/comments" Target="../comments1.xml"/>'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocu'
            'ment/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>'
            '</Relationships>')
    src = _mini_xlsx(
        tmp_path / "excel.xlsx", sheet,
        extra={"xl/worksheets/_rels/sheet1.xml.rels": rels, "xl/comments1.xml": _EXCEL_COMMENTS,
               "xl/drawings/vmlDrawing1.vml": _EXCEL_VML},
        content_types='<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
                      '<Override PartName="/xl/comments1.xml" ContentType='
                      '"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>')

    p = XlsxPatch(src)
    assert p.mark("表1", "A1", "error", "不会覆盖王五的批注") is False
    assert p.mark("表1", "A2", "warning", "我们的批注") is True
    p.save(tmp_path / "marked.xlsx")
    marked = _parts(tmp_path / "marked.xlsx")
    assert marked["xl/drawings/vmlDrawing1.vml"].startswith(_EXCEL_VML[:-6].encode())   # spliced, not re-written
    ws = openpyxl.load_workbook(tmp_path / "marked.xlsx")["表1"]
    assert (ws["A1"].comment.author, ws["A2"].comment.author, ws["A2"].comment.text) == ("王五", AUTHOR, "我们的批注")

    q = XlsxPatch(tmp_path / "marked.xlsx")
    q.clear_marks()
    cleared, before = _parts(q.to_bytes()), _parts(src)
    assert {n for n in before if cleared[n] != before[n]} == {"xl/styles.xml", "xl/workbook.xml"}


# --------------------------------------------------------------------------- rows, formulas


def test_clear_rows_keeps_formatting_and_drops_links(src_xlsx, tmp_path):
    p = XlsxPatch(src_xlsx)
    for r in range(10, 13):
        p.set_value("申报表", f"A{r}", f"问题 {r}")
        p.set_value("申报表", f"B{r}", r)
        p.set_hyperlink("申报表", f"A{r}", location=f"'评分'!B{r - 9}")
    p.set_hyperlink("申报表", "A9", location="'评分'!A1")
    p.save(tmp_path / "r1.xlsx")
    q = XlsxPatch(tmp_path / "r1.xlsx")
    q.clear_rows("申报表", 8)
    q.save(tmp_path / "r2.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r2.xlsx")["申报表"]
    assert all(ws[f"{c}{r}"].value is None for r in range(8, 13) for c in "ABC")
    assert ws["C7"].value == "91520100MA6DUMMY0X" and ws["B2"].comment is not None
    assert ws["C8"].fill.fgColor.rgb == "00DDEBF7"                     # the format stays
    assert not ws._hyperlinks and ws["A10"].hyperlink is None
    xml = _parts(tmp_path / "r2.xlsx")["xl/worksheets/sheet1.xml"].decode()
    assert "<hyperlinks" not in xml and 'r="10"' not in xml


def test_overwriting_a_shared_formula_master(tmp_path):
    src = _mini_xlsx(tmp_path / "shared.xlsx", _SHARED_SHEET)
    p = XlsxPatch(src)
    p.set_value("表1", "B1", "人工填写")
    p.save(tmp_path / "out.xlsx")
    parts = _parts(tmp_path / "out.xlsx")
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert '<c r="B2"><f t="shared" si="0" ref="B2:B3">A2*2+$A$1</f>' in sheet
    # the calculation chain named B1 as a formula cell: dropped, Excel rebuilds it
    assert "xl/calcChain.xml" not in parts
    assert "calcChain" not in parts["[Content_Types].xml"].decode()
    assert "calcChain" not in parts["xl/_rels/workbook.xml.rels"].decode()
    assert 'fullCalcOnLoad="1"' in parts["xl/workbook.xml"].decode()
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["表1"]
    assert (ws["B1"].value, ws["B2"].value, ws["B3"].value) == ("人工填写", "=A2*2+$A$1", "=A3*2+$A$1")


# --------------------------------------------------------------------------- 5. safety, errors


def test_dtd_and_entities_are_refused(tmp_path):
    evil = _SHARED_SHEET.replace(
        '<worksheet', '<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><worksheet', 1)
    p = XlsxPatch(_mini_xlsx(tmp_path / "evil.xlsx", evil))           # the sheet is only parsed when touched
    with pytest.raises(PatchError, match="DTD"):
        p.set_value("表1", "A1", 1)
    evil_wb = _WB.replace("<workbook", '<!DOCTYPE workbook SYSTEM "http://example.invalid/x.dtd"><workbook', 1)
    with pytest.raises(PatchError, match="实体定义"):
        XlsxPatch(_mini_xlsx(tmp_path / "evil2.xlsx", _SHARED_SHEET, workbook_xml=evil_wb))


def test_errors_are_chinese_refusals(src_xlsx, tmp_path):
    """Every refusal is a PatchError, a RefusedWrite with a Chinese message (not a ValueError: errors.py)."""
    p = XlsxPatch(src_xlsx)
    with pytest.raises(PatchError, match="没有名为"):
        p.set_value("不存在", "A1", 1)
    with pytest.raises(PatchError, match="单元格地址"):
        p.set_value("评分", "A0", 1)
    with pytest.raises(PatchError, match="error 或 warning"):
        p.mark("评分", "A1", "info", "x")
    with pytest.raises(PatchError, match="无穷大"):
        p.set_value("评分", "A1", float("nan"))
    bad = tmp_path / "not.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(RefusedWrite, match="文件已损坏"):
        XlsxPatch(bad)
    assert p.sheet_names() == ["申报表", "评分"]
    assert p.defined_name("总分") == "'评分'!$F$5" and p.defined_name("没有") is None


# --------------------------------------------------------------------------- 4. LibreOffice


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_patched_files(out_xlsx, out_xlsm, tmp_path):
    files = [shutil.copy(out_xlsx, tmp_path / "p_xlsx.xlsx"), shutil.copy(out_xlsm, tmp_path / "p_xlsm.xlsm")]
    convert_many(files, "pdf", tmp_path / "pdf", recalc=False)
    for stem in ("p_xlsx", "p_xlsm"):
        pdf = tmp_path / "pdf" / f"{stem}.pdf"
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    # an independent reader's view of our comments and fills: LibreOffice re-exports them
    convert_many(files[:1], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", recalc=False)
    wb = openpyxl.load_workbook(tmp_path / "lo" / "p_xlsx.xlsx")
    a, s = wb["申报表"], wb["评分"]
    assert a["C7"].comment.text.strip() == "统一社会信用代码校验位错误"
    assert a["B2"].comment.text.strip() == "用户自己的批注"
    assert a["C7"].fill.fgColor.rgb == "FFFFC7CE" and s["B3"].fill.fgColor.rgb == "FFFFEB9C"
    assert s["G9"].value == "=1+2" and s["F5"].value == 87.5
