"""A clerk groups the refreshed 项目汇总表 by county: a “小计” row typed among the projects (=SUM over the county's
rows), and the 合计 row under the table =SUM over all the rows — the 小计 among them. The printed 合计 counted the
小计's projects twice and ``shibai refresh``, which re-points that formula over every row (a project added lands
under the 小计, inside the range), said nothing (QA qa67b). It says the 合计 adds the 小计 in; a 合计 that leaves it
out (SUBTOTAL, or summing the projects only) stays quiet. Through the CLI, the clerk's edits made with openpyxl."""
from __future__ import annotations

import shutil

from openpyxl import load_workbook

from shibai_xl.examples import make_uscc
from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh_clerk_edits import apps  # noqa: F401  (the fixture: four applications)

SAID = "公式把表格中间的第6行“小计”也加了进去，小计中的项目被计入两次，合计偏大"


def _grouped(tmp_path, apps, make_workbook, subtotal, total):   # noqa: F811
    """Refreshed, then a 小计 typed as row 6 (under the first two projects) and a 合计 under the table; one more
    application arrives."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    first, last = table.ref.split(":")
    end = int("".join(ch for ch in last if ch.isdigit())) + 1
    ws.insert_rows(6)   # Excel grows the table over the inserted row
    table.ref = f"{first}:{''.join(ch for ch in last if ch.isalpha())}{end}"
    ws.cell(6, 1).value = "小计"
    ws.cell(6, 11).value = subtotal
    ws.cell(end + 1, 1).value = "合计"
    ws.cell(end + 1, 11).value = total.format(end=end)
    wb.save(summary)
    shutil.move(make_workbook("enterprise", example("enterprise", sb_name="贵州新加电商有限公司",
                                                    sb_uscc=make_uscc("520102", "MA6XXXXB2"))), apps / "new.xlsx")
    return summary


def test_a_total_that_adds_a_subtotal_among_the_projects_is_said(tmp_path, apps, make_workbook, capsys):  # noqa: F811
    summary = _grouped(tmp_path, apps, make_workbook, "=SUM(K4:K5)", "=SUM(K4:K{end})")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    out = capsys.readouterr().out
    assert f"合计行（第10行）的年度交易额（万元）{SAID}" in out, out
    assert load_workbook(summary)["项目汇总表"]["K10"].value == "=SUM(K4:K9)"   # re-pointed, the clerk's formula


def test_a_total_that_leaves_the_subtotal_out_is_quiet(tmp_path, apps, make_workbook, capsys):  # noqa: F811
    summary = _grouped(tmp_path, apps, make_workbook, "=SUBTOTAL(9,K4:K5)", "=SUBTOTAL(9,K4:K{end})")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    out = capsys.readouterr().out
    assert "小计中的项目被计入两次" not in out, out
