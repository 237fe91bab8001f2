"""Issue 3 (打印): what a person prints is set in the fonts of Chinese Windows (宋体 body, 黑体 titles).

The cells the tool fills later — the 项目汇总表 rows a refresh or a merge adds, the 校验结果 rows ``check --write``
writes, the 统计 and 问题文件 sheets — carry no font of their own: they print in the workbook's default font,
which was openpyxl's Calibri (no Chinese glyphs: Excel, WPS and LibreOffice each substitute another font for
the Chinese text, next to Calibri digits). The workbooks ``shibai new`` writes now have 宋体 as that default,
as a workbook WPS creates has.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.conftest import example

CHINESE_WINDOWS = {"宋体", "仿宋", "黑体"}


def _fonts(path: Path, sheet: str, first_row: int) -> dict[str, str]:
    """cell → font name of every shown, filled cell of ``sheet`` from ``first_row`` on."""
    ws = load_workbook(path)[sheet]
    return {c.coordinate: c.font.name for row in ws.iter_rows(min_row=first_row) for c in row
            if c.value is not None and not ws.column_dimensions[c.column_letter].hidden}


def _not_chinese(fonts: dict[str, str]) -> dict[str, str]:
    return {cell: name for cell, name in fonts.items() if name not in CHINESE_WINDOWS}


def test_check_result_rows_print_in_song(make_workbook):
    path = make_workbook("park", example("park", sb_trade_total=2.5, sb_leader_mobile="123"))
    assert main(["check", str(path), "--write"]) == 0
    fonts = _fonts(path, "校验结果", 2)
    assert "B5" in fonts and "C5" in fonts          # results were written
    assert not _not_chinese(fonts), _not_chinese(fonts)


def test_summary_rows_statistics_and_problem_files_print_in_song(make_workbook, tmp_path):
    folder = tmp_path / "申报表"
    folder.mkdir()
    for kind in ("park", "team"):
        make_workbook(kind, example(kind)).rename(folder / f"{kind}.xlsx")
    (folder / "坏文件.xlsx").write_text("不是工作簿", encoding="utf-8")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 1
    rows = _fonts(summary, "项目汇总表", 4)
    assert len(rows) > 20                           # two projects' rows
    assert not _not_chinese(rows), _not_chinese(rows)
    for sheet in ("统计", "问题文件"):
        assert not _not_chinese(_fonts(summary, sheet, 1)), sheet
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 1      # the city's own unreadable file, said again
    assert not _not_chinese(_fonts(province, "项目汇总表", 4))
