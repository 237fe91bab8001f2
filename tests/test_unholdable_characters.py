"""Characters no worksheet can hold — U+FFFE/U+FFFF (a LibreOffice file may carry them, calamine reads them),
a control character Excel kept as ``_x0001_`` — in an applicant's name: the refresh and the provincial merge
write their tables without them, instead of ending in an internal error with no table at all (QA, writer round)."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import refresh
from tests.zip_parts import rewrite


def with_bytes_in_name(path: Path, marker: bytes, out: Path) -> None:
    """The application at ``path`` with ``marker`` put into its 名称 (where MARK is), straight into the XML."""
    rewrite(path, out, lambda name, data: data.replace(b"MARK", marker))


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


def test_a_name_typed_like_an_excel_error_stays_text_up_to_the_province(make_workbook, tmp_path):
    """"#N/A" typed as a name is text: written as an error value, the merge read the row as nameless and left
    it out of the province's totals (QA, speed round)."""
    from datetime import datetime

    from shibai_xl.jobs.merge import merge
    from tests.conftest import example

    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", example("enterprise", sb_name="#N/A", sb_county="#VALUE!")).rename(apps / "企业.xlsx")
    city = tmp_path / "贵阳市项目汇总表.xlsx"
    refresh(city, apps, batch="2024-05", city="贵阳市", now=datetime(2024, 5, 1))
    row = next(r for r in load_workbook(city).worksheets[0].iter_rows() if r[3].value == "#N/A")
    assert row[3].data_type == "s" and row[2].value == "#VALUE!" and row[2].data_type == "s"
    province = tmp_path / "全省.xlsx"
    report = merge(province, [city], now=datetime(2024, 5, 2))
    assert not report.unreadable
    names = [r[3].value for r in load_workbook(province).worksheets[0].iter_rows(min_row=4)]
    assert "#N/A" in names
