"""来源文件 the same on every system: forward slashes (申报表/南明区/园区.xlsx). A refresh on Windows wrote
申报表\\南明区\\园区.xlsx, which the province's merge carried on as
“遵义市汇总表.xlsx/南明区\\园区.xlsx”: the same file named two ways (QA). A summary an earlier version wrote on
Windows is still read: its 来源文件 with backslashes names the same file."""
from __future__ import annotations

from pathlib import Path, PureWindowsPath

from openpyxl import load_workbook

from shibai_xl.adapters.file_names import file_label
from shibai_xl.faces.cli import main
from tests.test_province_stats import city_summary


def test_an_application_in_a_subfolder_is_labelled_with_forward_slashes_on_windows_too():
    folder = PureWindowsPath("D:\\商务局\\申报材料")
    assert file_label(folder / "申报表" / "南明区" / "园区.xlsx", folder) == "申报表/南明区/园区.xlsx"
    assert file_label(folder / "园区.xlsx") == "园区.xlsx"


def test_a_city_summary_written_on_windows_gives_the_province_its_source_with_forward_slashes(tmp_path):
    path = city_summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, 1000)])
    wb = load_workbook(path)
    ws = wb["项目汇总表"]
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "来源文件")
    ws.cell(4, col).value = "申报表\\南明区\\企业.xlsx"      # as a refresh on Windows wrote it
    wb.save(path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(path)]) == 0
    ws = load_workbook(out)["项目汇总表"]
    header = next(r for r in ws.iter_rows() if any(c.value == "来源文件" for c in r))
    col = next(c.column for c in header if c.value == "来源文件")
    sources = [ws.cell(r, col).value for r in range(header[0].row + 1, ws.max_row + 1) if ws.cell(r, col).value]
    assert sources == ["遵义市汇总表.xlsx/申报表/南明区/企业.xlsx"]


def test_a_name_holding_a_lone_surrogate_is_labelled_not_an_internal_error():
    # an unsaved book's name WPS sends (JSON "\ud83d" alone): no byte of any file name, said with its escape
    assert file_label(Path("工作簿\ud83d.xlsx")) == "工作簿\\ud83d.xlsx"
