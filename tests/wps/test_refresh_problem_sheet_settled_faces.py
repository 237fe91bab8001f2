"""A refresh that could not read a file lists it on the 问题文件 sheet, which keeps the summary loudly incomplete: the
clerk's message, ``shibai merge`` (the city's summary said incomplete in the province's) and ``shibai review make`` all
read it. Once the file is fixed (or taken out) and the refresh reads everything, ``shibai refresh`` removes the sheet;
刷新汇总表 in Excel and WPS left the old list standing in the open summary, so the summary the clerk then saved and sent
still said 3 files were not read. The open book's sheet is now emptied (the add-ins delete no sheet)."""
from __future__ import annotations

import shutil

from openpyxl import load_workbook

from shibai_xl.faces import ribbon_actions as R
from shibai_xl.faces.cli import main

from ..test_ribbon_actions import Replay, open_remote, remote_engine  # noqa: F401  (the remote engine)
from .conftest import fake_book, needs_node, run_js, sheet_of

BROKEN = "损坏的申报表.xlsx"


def _settled(tmp_path, demo_folder):
    """A summary whose last refresh could not read a damaged copy, which the clerk has since taken out."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    (apps / BROKEN).write_bytes(b"PK\x03\x04 not a workbook")
    summary = tmp_path / "项目汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1
    assert BROKEN in [c.value for c in load_workbook(summary)["问题文件"]["A"]]
    (apps / BROKEN).unlink()
    cli = tmp_path / "cli" / summary.name
    cli.parent.mkdir()
    shutil.copy(summary, cli)
    assert main(["refresh", str(cli), "--from", str(apps)]) == 0
    assert "问题文件" not in load_workbook(cli).sheetnames          # the command: no list of none
    return summary


def test_excel_refresh_reading_every_file_clears_the_old_list_of_unread_files(tmp_path, demo_folder):
    summary = _settled(tmp_path, demo_folder)
    book = open_remote(summary)
    R.dispatch("sb_refresh", book)
    replay = Replay(book)
    assert not any(v not in (None, "") for v in replay.cells.get("问题文件", {}).values()), replay.cells["问题文件"]
    assert "不完整" not in replay.alerts[-1]


@needs_node
def test_wps_refresh_reading_every_file_clears_the_old_list_of_unread_files(tmp_path, demo_folder, service):
    summary = _settled(tmp_path, demo_folder)
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert clicked["error"] is None and clicked["outcome"]["critical"] is False, clicked["error"]
    cells = sheet_of(clicked, "问题文件")["cells"]
    assert not any(v not in (None, "") for v in cells.values()), cells
