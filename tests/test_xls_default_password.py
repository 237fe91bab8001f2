"""An .xls whose workbook structure is protected (保护工作簿 / 保护电子表格结构, with a password or without) is saved
encrypted with Excel's default password ("VelvetSweatshop"), and Excel, WPS and LibreOffice open it without asking.
Such an application, or a city's 项目汇总表, was refused as “文件设置了打开密码（已加密），无法读取”; it is now read as its
plain copy is (``adapters/xlsx/xls_open.py``), and the file is left as it was. A file saved with a password to open
it is still refused, saying how to take it off."""
from __future__ import annotations

import json

import olefile
import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.legacy import EncryptedXls, xls_names
from shibai_xl.faces.cli import main

from .conftest import checked_json
from .libreoffice import convert, saved_protected


def _assert_encrypted(path) -> None:
    """The file really is encrypted: its Workbook stream carries a FilePass record after its BOF."""
    with olefile.OleFileIO(str(path)) as ole:
        stream = ole.openstream("Workbook").read()
    with pytest.raises(EncryptedXls):
        xls_names(stream)


def test_an_application_saved_with_the_default_password_reads_as_its_plain_copy(make_workbook, tmp_path, capsys):
    form = make_workbook("park")
    plain = convert(form, "xls", tmp_path / "plain")
    protected = saved_protected(form, "xls", tmp_path / "保护工作簿.xls", structure="")
    _assert_encrypted(protected)
    before = protected.read_bytes()
    read = [checked_json(p, capsys) for p in (plain, protected)]
    assert protected.read_bytes() == before
    assert read[1]["file"] == "保护工作簿.xls" and read[1]["name"]
    for r in read:
        r.pop("file")
    assert read[1] == read[0]


def test_an_application_saved_with_its_own_password_is_refused_saying_so(make_workbook, tmp_path, capsys):
    protected = saved_protected(make_workbook("enterprise"), "xls", tmp_path / "加密.xls", password="1234")
    _assert_encrypted(protected)
    capsys.readouterr()
    assert main(["check", str(protected), "--json"]) == 2
    said = capsys.readouterr()
    assert said.out == "" and "Traceback" not in said.err
    assert "文件设置了打开密码（已加密），无法读取" in said.err and "清空密码" in said.err, said.err


def test_a_refresh_and_a_merge_read_files_saved_with_the_default_password(make_workbook, tmp_path, capsys):
    """A park's application and then the city's 项目汇总表, each an .xls with a protected workbook: a row each."""
    folder = tmp_path / "申报材料"
    folder.mkdir()
    saved_protected(make_workbook("park"), "xls", folder / "园区.xls", structure="园区")
    name = checked_json(folder / "园区.xls", capsys)["name"]
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    city = saved_protected(summary, "xls", tmp_path / "遵义市汇总表.xls", structure="遵义")
    _assert_encrypted(city)
    province = tmp_path / "全省汇总表.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0, capsys.readouterr().err
    wb = load_workbook(province, read_only=True)
    shown = json.dumps([[c for c in row] for ws in wb.worksheets for row in ws.iter_rows(values_only=True)],
                       ensure_ascii=False, default=str)
    assert name in shown
