"""Hostile workbooks the corpus of tests/hostile does not hold: a DDE link (Excel asks to start a program on
opening), and a sheet of a million styled but empty rows."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.zip_parts import rewrite, with_parts

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _with_dde_link(good: Path, target: Path) -> Path:
    """The form with ``=cmd|' /C calc'!A0`` typed in a cell, as Excel saves it: a ddeLink part (no relationship
    names a target: the program and its command line are attributes), which Excel offers to start on opening."""
    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return data.replace(b"</sheets>", f'</sheets><externalReferences><externalReference xmlns:r="{_REL}" '
                                f'r:id="rIdX1"/></externalReferences>'.encode())
        return data
    link = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="http://schemas.openxmlformats.'
            f'org/spreadsheetml/2006/main"><ddeLink xmlns:r="{_REL}" ddeService="cmd" ddeTopic=" /C calc">'
            f'<ddeItems><ddeItem name="A0" advise="1"/><ddeItem name="StdDocumentName" ole="1" advise="1"/>'
            f'</ddeItems></ddeLink></externalLink>')
    with_parts(good, target, {"xl/externalLinks/externalLink1.xml": (link, "application/vnd.openxmlformats-"
                                                                     "officedocument.spreadsheetml.externalLink+xml")},
               {"xl/_rels/workbook.xml.rels": [("rIdX1", f"{_REL}/externalLink", "externalLinks/externalLink1.xml")]},
               edit)
    return target


def test_a_dde_link_that_would_start_a_program_is_said_as_file_links(make_workbook, tmp_path):
    """Excel opening the form offers to start “cmd” (the classic DDE attack); the tool said nothing of it, as the
    link names no target in a relationship. FILE_LINKS names the program and what it is given, in check and in
    the 问题 column of the summary."""
    dde = _with_dde_link(make_workbook("team"), tmp_path / "带DDE.xlsx")
    proc = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "check", str(dde), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    links = [f["message"] for f in json.loads(proc.stdout)["findings"] if f["code"] == "FILE_LINKS"]
    assert len(links) == 1 and "DDE" in links[0] and "“cmd”" in links[0] and "/C calc" in links[0], links
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(dde, folder / dde.name)
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert "FILE_LINKS" in ws.cell(4, header["问题"]).value


def _styled_rows_to_the_end(good: Path, target: Path, first: int = 400) -> Path:
    """The form with a border given to A400:Z1048576 (a selection run to the sheet's end with Ctrl+Shift+↓): each
    row to the last one holds empty styled cells, values none."""
    rows = b"".join(b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="Z%d" s="1"/></row>' % (i, i, i)
                    for i in range(first, 1048577))
    rewrite(good, target, lambda name, data: data.replace(b"</sheetData>", rows + b"</sheetData>")
            if name == "xl/worksheets/sheet1.xml" else data)
    return target


def test_a_sheet_of_a_million_styled_empty_rows_is_checked_in_seconds(make_workbook, tmp_path):
    """Nothing in them is a value, so nothing reaches far: but measuring how far the values reach parsed every one
    of the two million cells (40 seconds for one form, the same again for each such file of a refresh)."""
    styled = _styled_rows_to_the_end(make_workbook("team"), tmp_path / "整列加了边框.xlsx")
    proc = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", "check", str(styled), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=25)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["eligible"] is not None


def test_an_xml_comment_inside_a_cell_is_no_internal_error(make_workbook, tmp_path, capsys):
    """A generator's comment inside a cell beyond column Z: measuring how far the values reach took the comment
    for an element (程序内部错误, exit 3). It is read as the text it is next to."""
    def edit(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return data.replace(b"</sheetData>", b'<row r="300"><c r="AA300" t="inlineStr"><!-- pasted --><is><t>x</t>'
                                             b'</is></c></row></sheetData>')
    path = tmp_path / "带注释.xlsx"
    rewrite(make_workbook("team"), path, edit)
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert "内部错误" not in capsys.readouterr().err


def _city_summary(make_workbook, tmp_path: Path) -> Path:
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    return summary


def _far_value(data: bytes) -> bytes:
    return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')


def _styled_to_the_end(data: bytes) -> bytes:
    return data.replace(b"</sheetData>", b"".join(b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="P%d" '
                                                  b's="1"/></row>' % (i, i, i) for i in range(200, 1048577))
                        + b"</sheetData>")


def test_a_summary_to_update_reaching_far_or_styled_to_its_end_is_refused_in_seconds(make_workbook, tmp_path):
    """The summary being refreshed, or the province table being merged into, with “误输入” in XFD1048576 or a
    border run to its last row: openpyxl opened it to update it and ran out of memory after minutes (程序内部错误,
    exit 3) or never ended. It is refused at once, in Chinese, with what to do; nothing is written."""
    summary = _city_summary(make_workbook, tmp_path)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    for edit, said in ((_far_value, "Ctrl+End"), (_styled_to_the_end, "带格式的空白单元格")):
        for target, args in ((summary, ["refresh", str(summary), "--from", str(tmp_path / "申报表")]),
                             (province, ["merge", str(province), str(summary)])):
            keep = target.read_bytes()
            rewrite(keep, target, lambda name, data, edit=edit: edit(data) if name == "xl/worksheets/sheet1.xml" else data)
            before = target.read_bytes()
            proc = subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", *args], capture_output=True, text=True,
                                  encoding="utf-8", timeout=30)
            assert proc.returncode == 2 and said in proc.stderr and "无法打开" in proc.stderr, proc.stderr
            assert target.read_bytes() == before
            target.write_bytes(keep)
