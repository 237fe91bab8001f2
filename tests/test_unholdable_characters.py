"""Characters no worksheet can hold — U+FFFE/U+FFFF (a LibreOffice file may carry them, calamine reads them),
a control character Excel kept as ``_x0001_`` — in an applicant's name: the refresh and the provincial merge
write their tables without them, instead of ending in an internal error with no table at all (QA, writer round)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import refresh


def with_bytes_in_name(path: Path, marker: bytes, out: Path) -> None:
    """The application at ``path`` with ``marker`` put into its 名称 (where MARK is), straight into the XML."""
    with zipfile.ZipFile(path) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            if b"MARK" in data:
                data = data.replace(b"MARK", marker)
            zo.writestr(info, data)


@pytest.mark.parametrize("marker", ["\ufffe".encode(), b"&#xFFFE;", b"&#65535;", b"_x0001_"],
                         ids=["raw-fffe", "ref-fffe", "ref-ffff", "x0001"])
def test_a_name_with_a_character_no_worksheet_holds(make_workbook, tmp_path, marker):
    source = make_workbook("enterprise", name="源.xlsx")
    wb = load_workbook(source)
    wb["申报表"]["C3"] = "贵阳测试MARK电商有限公司"
    wb.save(source)
    apps = tmp_path / "申报表"
    apps.mkdir()
    with_bytes_in_name(source, marker, apps / "企业.xlsx")
    other = make_workbook("team")
    other.rename(apps / "团队.xlsx")
    summary = tmp_path / "贵阳市项目汇总表.xlsx"
    report = refresh(summary, apps, batch="2024-05")
    assert report.update.added == 2 and not report.unreadable
    ws = load_workbook(summary)["项目汇总表"]
    names = [row[3] for row in ws.iter_rows(min_row=4, values_only=True) if row[3]]
    assert "贵阳测试电商有限公司" in names, names
    assert refresh(summary, apps, batch="2024-05").update.unchanged == 2      # the next refresh finds its rows
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(summary)]) == 0
    province = load_workbook(tmp_path / "全省.xlsx")
    assert any("贵阳测试电商有限公司" == c.value for ws in province.worksheets for row in ws.iter_rows() for c in row)
