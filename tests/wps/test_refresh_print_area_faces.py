"""A clerk's own print area on the 项目汇总表, set on the table's rows (she selected the table and chose 页面布局 →
打印区域 → 设置打印区域), met by 刷新汇总表 in WPS as ``shibai refresh`` meets it: the area is taken down to the
rows the refresh adds, so the new projects are on the stamped paper."""
from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main

from .conftest import fake_book, needs_node, run_js, sheet_of


@needs_node
@pytest.mark.parametrize("right", ["M", "P"])    # 附件4's thirteen columns; those and the tool's printed ones
def test_refresh_in_wps_takes_a_print_area_set_on_the_tables_rows_to_the_new_projects(service, tmp_path, demo_folder,
                                                                                    right):
    """The add-in wrote the new projects under the table and left the print area where she set it: the projects
    refreshed in did not print, and nothing said so (``shibai refresh`` takes it down to them). Now the CLI's area."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    later = sorted(apps.glob("*.xlsx"))[:2]
    aside = tmp_path / "后来交的"
    aside.mkdir()
    for path in later:
        shutil.move(path, aside / path.name)
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    last = ws.max_row
    ws.print_area = f"A1:{right}{last}"
    wb.save(summary)
    for path in later:
        shutil.move(aside / path.name, apps / path.name)
    cli = tmp_path / "cli" / "汇总表.xlsx"
    cli.parent.mkdir()
    shutil.copy(summary, cli)
    assert main(["refresh", str(cli), "--from", str(apps)]) == 0
    area = load_workbook(cli)["项目汇总表"].print_area.replace("'项目汇总表'!", "")
    bottom = int(area.rsplit("$", 1)[1])
    assert area.startswith(f"$A$1:${right}$") and bottom >= last + len(later), area

    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert clicked["error"] is None, clicked
    assert sheet_of(clicked, "项目汇总表")["print_area"] == area
