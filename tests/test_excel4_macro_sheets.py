"""An application carrying an Excel 4.0 macro sheet (宏表: the old macros an ``Auto_Open`` name runs as the file opens,
what files encrypted with Excel's default password hide from scanners) was read without a word of it: FILE_MACRO
looked only for a VBA project. A clerk then opened it in Excel and clicked 启用. The macro sheet is now said: an
.xls's as FILE_MACRO with its name, the form read as before; an .xlsm's, which calamine cannot read, as the reason
the file is refused."""
from __future__ import annotations

import io

import olefile

from shibai_xl.adapters.xlsx.legacy import _BOUNDSHEET, _records
from shibai_xl.faces.cli import main

from .conftest import checked_json
from .libreoffice import convert
from .zip_parts import with_parts

MACRO_REL = "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"
MACRO_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1">'
             '<c r="A1" t="str"><f>EXEC("calc.exe")</f><v></v></c></row><row r="2"><c r="A2" t="b"><f>HALT()</f>'
             '<v>1</v></c></row></sheetData></xm:macrosheet>')


def _with_macro_sheet(path, target):
    """The workbook with a hidden Excel 4.0 macro sheet “宏1” and an Auto_Open name, as Excel saves one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            data = data.replace(b"</sheets>", '<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                'relationships" name="宏1" sheetId="99" state="hidden" r:id="rIdM1"/></sheets>'.encode())
            return data.replace(b"<definedNames>", "<definedNames><definedName name=\"_xlnm.Auto_Open\" hidden=\"1\">"
                                "'宏1'!$A$1</definedName>".encode(), 1)
        return data
    with_parts(path, target, {"xl/macrosheets/sheet1.xml": (MACRO_XML, "application/vnd.ms-excel.macrosheet+xml")},
               {"xl/_rels/workbook.xml.rels": [("rIdM1", MACRO_REL, "macrosheets/sheet1.xml")]}, edit)
    return target


def _macro(found: dict) -> list[dict]:
    return [f for f in found["findings"] if f["code"] == "FILE_MACRO"]


def test_an_xlsm_with_an_excel4_macro_sheet_is_refused_saying_why(make_workbook, tmp_path, capsys):
    """calamine knows no macro sheet in an .xlsx/.xlsm (nor, then, any sheet of it): the file was said “工作簿内容无法
    读取（表格内容无法解析），文件可能已损坏” — and a clerk opening a “damaged” file in Excel to repair it meets its
    macros. It is now refused as what it is, with the warning; a refresh lists it so (exit 1), the others read."""
    form = make_workbook("enterprise")
    assert not _macro(checked_json(form, capsys))
    carrying = _with_macro_sheet(form, tmp_path / "申报" / "企业-宏表.xlsm")
    capsys.readouterr()
    assert main(["check", str(carrying), "--json"]) == 2
    said = capsys.readouterr().err
    assert "Excel 4.0 宏表" in said and "“宏1”" in said and "请勿在 Excel/WPS 中启用宏" in said, said
    assert "损坏" not in said and "Traceback" not in said
    make_workbook("park", name="申报/园区.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "申报"), "--batch", "2024-05"]) == 1
    out = capsys.readouterr()
    assert "企业-宏表.xlsm" in out.err + out.out and "Excel 4.0 宏表" in out.err + out.out, out


def test_an_xls_with_an_excel4_macro_sheet_is_said(make_workbook, tmp_path, capsys):
    """The .xls's BOUNDSHEET record of type 1 ([MS-XLS] 2.4.28): a sheet “宏1” made a macro sheet in the stream."""
    from openpyxl import load_workbook

    form = make_workbook("team")
    wb = load_workbook(form)
    wb.create_sheet("宏1")["A1"] = "=HALT()"
    wb.save(form)
    xls = convert(form, "xls", tmp_path / "xls")
    with olefile.OleFileIO(str(xls)) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
    pos = 0
    for rid, body in _records(bytes(stream)):
        at = bytes(stream).find(body, pos) if rid == _BOUNDSHEET else -1
        if at >= 0 and "宏1".encode("utf-16-le") in body:
            stream[at + 5] = 1    # dt: macro sheet
    copy = io.BytesIO(xls.read_bytes())
    with olefile.OleFileIO(copy, write_mode=True) as ole:
        ole.write_stream("Workbook", bytes(stream))
    xls.write_bytes(copy.getvalue())
    capsys.readouterr()
    assert main(["check", str(xls), "--json"]) == 0
    out = capsys.readouterr().out
    assert "Excel 4.0 宏表" in out and "“宏1”" in out, out[-2000:]
