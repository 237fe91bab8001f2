"""One application, the answer it gets whatever program saved it: the workbook a clerk filled (made with
``shibai new``) saved by LibreOffice as .xlsx (so that its formulas carry their values as Excel's do), .xls and
.ods. ``check --json`` of every copy gives the same verdict, score items and findings (code, severity, message,
sheet, cell) as the .xlsx (QA qa48v). Each case is built once and converted in one LibreOffice run per format."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import fill, named_cell
from shibai_xl.adapters.xlsx.legacy import _ods_range
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.conftest import all_materials, example
from tests.libreoffice import convert_many, need_soffice
from tests.test_check_cli import run_json


def rename_sheet(wb, old: str, new: str) -> None:
    """Rename a sheet as Excel does: the defined names pointing into it follow."""
    wb[old].title = new
    quoted = "'" + new.replace("'", "''") + "'!"
    for dn in wb.defined_names.values():
        text = dn.attr_text or ""
        dn.attr_text = text.replace(f"'{old}'!", quoted) if f"'{old}'!" in text else text.replace(f"{old}!", quoted)


def _renamed(wb) -> None:
    # "附件2.申报表（2024.4）": a dot in a sheet's name, as clerks number the notice's attachments
    rename_sheet(wb, "申报表", "附件2.申报表（2024.4） 王's")
    rename_sheet(wb, "入驻企业名单", "附件3.入驻企业名单")


def _park_as_filled(wb) -> None:
    """Figures with units, bounds and remarks typed in, a %-formatted rate, dates typed as text, and a 附件3 list with
    a blank row, a hidden blank row, a merged 备注, a 合计 row of formulas and lower-case credit codes."""
    for name, value in (("sb_online_retail", "4200万以上"), ("sb_fill_date", "2024.4.15"), ("sb_live_rooms", "12间"),
                        ("sb_established", "2020年3月18日"), ("sb_svc_live", "是（见附件）"), ("sb_crossborder_usd", "80万美元")):
        named_cell(wb, name).value = value
    rate = named_cell(wb, "sb_incubation_rate")
    rate.value, rate.number_format = 0.6, "0%"
    ws = wb["入驻企业名单"]
    ws.move_range("A10:K17", rows=1)                 # a blank row typed in the middle of the list
    ws.row_dimensions[19].hidden = True              # and a hidden blank one under it
    ws.merge_cells("J6:J7")
    ws["K9"] = ws["K9"].value.lower()
    ws["A20"] = "合计"
    for col in "GHI":
        ws[f"{col}20"] = f"=SUM({col}6:{col}19)"


def _enterprise_with_formulas(wb) -> None:
    for name, value in (("sb_trade_total", "=1000+1600"), ("sb_online_share", "=ROUND(900/2600*100,1)")):
        named_cell(wb, name).value = value
    cell = named_cell(wb, "sb_established")
    cell.value, cell.number_format = "=DATE(2020,3,18)", 'yyyy"年"m"月"d"日"'


def _team_with_remarks(wb) -> None:
    for name, remark in (("sb_has_app", "（抖音、快手、视频号）"), ("sb_in_park", "（入驻筹备中）")):
        cell = named_cell(wb, name)
        cell.parent.protection.sheet = False
        cell.parent.cell(cell.row, cell.column + 1).value = remark
    named_cell(wb, "sb_in_park").value = "否"
    named_cell(wb, "sb_agri_sales").value = "120万元以上"


def _tabs_pasted(wb) -> None:
    """A name and resident companies pasted from a Word table, a tab left inside (LibreOffice's .ods keeps it as
    <text:tab/>, which calamine dropped: the name and the messages quoting the companies differed from the .xlsx)."""
    named_cell(wb, "sb_name").value = "贵阳黔货出山\t电子商务产业园"
    ws = wb["入驻企业名单"]
    ws["B6"] = ws["B6"].value.replace("农产品", "\t农产品")
    ws["B8"] = ws["B6"].value                  # the same company listed twice: XC_RESIDENT_DUP quotes its name
    ws["J9"] = "国家级\t电商示范企业"


# case → (type, what the clerk did to the filled workbook)
CASES = {
    "dotted-sheet-names": ("base", _renamed),
    "park-as-filled": ("park", _park_as_filled),
    "enterprise-formulas": ("enterprise", _enterprise_with_formulas),
    "team-remarks": ("team", _team_with_remarks),
    "tabs-pasted": ("park", _tabs_pasted),
}


@pytest.fixture(scope="module")
def copies(tmp_path_factory, rules) -> dict[str, dict[str, Path]]:
    need_soffice()
    folder = tmp_path_factory.mktemp("every-format")
    made = {}
    for key, (app_type, edit) in CASES.items():
        path = folder / "filled" / f"{key}.xlsx"
        path.parent.mkdir(exist_ok=True)
        assert main(["new", app_type, "--out", str(path)]) == 0
        wb = load_workbook(path)
        fill(wb, example(app_type), example_residents(app_type) if app_type in ("park", "base") else None,
             all_materials(rules))
        edit(wb)
        wb.save(path)
        made[key] = path
    # the clerk's workbook saved as each format by LibreOffice (the .xlsx too: its formulas then carry their values)
    saved, xls, ods = (convert_many(list(made.values()), fmt, folder / fmt.split(":")[0])
                       for fmt in ("xlsx:Calc MS Excel 2007 XML", "xls", "ods"))
    return {key: {".xlsx": saved[p], ".xls": xls[p], ".ods": ods[p]} for key, p in made.items()}


def _answer(path: Path, capsys) -> dict:
    j = run_json(path, capsys)
    return {"eligible": j["eligible"], "auto": j["score"]["auto"], "name": j["name"], "type": j["type"],
            "items": {i["id"]: (i["auto"], i["reason"]) for i in j["score"]["items"]},
            "findings": sorted((f["code"], f["severity"], f["message"], f["sheet"] or "", f["cell"] or "")
                               for f in j["findings"])}


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
@pytest.mark.parametrize("key", CASES)
def test_every_format_gets_the_answer_of_the_xlsx(copies, capsys, key, suffix):
    first = _answer(copies[key][".xlsx"], capsys)
    assert not [f for f in first["findings"] if f[0] == "FILE_LABELS"], first["findings"]   # the names were read
    assert _answer(copies[key][suffix], capsys) == first


def test_an_ods_reference_into_a_sheet_whose_name_holds_a_dot():
    """LibreOffice quotes such a sheet's name in .ods ("$'附件2.申报表'.$C$14"); the dot inside the quotes is the
    name's, not the sheet/cell separator: the name's cell was lost and every answer read by its label instead."""
    assert _ods_range("$'附件2.申报表（2024.4） 王''s'.$C$14") == ("附件2.申报表（2024.4） 王's", "C14")
    assert _ods_range("$'附件3.入驻企业名单'.$A$5:.$K$35") == ("附件3.入驻企业名单", "A5:K35")
    assert _ods_range("$申报表.$C$5") == ("申报表", "C5")


def _saved_with_password(ods: Path, target: Path, wholesome: bool = False) -> Path:
    """What LibreOffice's 另存为 → 使用密码保存 leaves: the mimetype and manifest in the clear, the manifest saying each
    encrypted part's encryption-data, the parts themselves ciphertext (ODF 1.2 §3.4); ``wholesome``: the ODF 1.3
    package LibreOffice writes with a GPG key, one encrypted-package part instead of content.xml."""
    import os
    import zipfile

    parts = ["encrypted-package"] if wholesome else ["content.xml", "styles.xml", "settings.xml"]
    data = "".join(
        f'<manifest:file-entry manifest:full-path="{part}" manifest:media-type="text/xml" manifest:size="9000">'
        '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k"'
        ' manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc"'
        ' manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2"'
        ' manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data>'
        '</manifest:file-entry>' for part in parts)
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>' + data + "</manifest:manifest>")
    with zipfile.ZipFile(ods) as src, zipfile.ZipFile(target, "w") as out:
        out.writestr(zipfile.ZipInfo("mimetype"), src.read("mimetype"))
        out.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        for part in parts:
            out.writestr(zipfile.ZipInfo(part), os.urandom(9000))
    return target


@pytest.mark.parametrize("wholesome", [False, True], ids=["odf12", "odf13-package"])
def test_an_ods_saved_with_a_password_is_said_so_as_an_xlsx_is(copies, tmp_path, capsys, wholesome):
    """Saved with LibreOffice's 使用密码保存, the .ods was said “文件已损坏或不完整…（XML 格式错误）” (or “不是表格”):
    the clerk was sent after a new copy of a file that only needs its password taken off, as an .xlsx with an
    打开密码 is told. Both now say the password, the .ods with LibreOffice's way to take it off."""
    from shibai_xl.addin.cfb import build_compound_file

    xlsx = tmp_path / "加密.xlsx"
    xlsx.write_bytes(build_compound_file({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 200,
                                          "EncryptedPackage": b"\0" * 4096}))
    ods = _saved_with_password(copies["dotted-sheet-names"][".ods"], tmp_path / "加密.ods", wholesome)
    said = {}
    for path in (xlsx, ods):
        capsys.readouterr()
        assert main(["check", str(path), "--json"]) == 2
        said[path.suffix] = capsys.readouterr().err
    assert "文件设置了打开密码（已加密），无法读取" in said[".xlsx"]
    assert "文件设置了打开密码（已加密），无法读取" in said[".ods"] and "使用密码保存" in said[".ods"], said[".ods"]
    assert "损坏" not in said[".ods"] and "不是表格" not in said[".ods"]
