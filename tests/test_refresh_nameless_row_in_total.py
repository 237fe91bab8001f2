"""A clerk clears a project's 企业名称 and 统一社会信用代码 in the refreshed 项目汇总表 (meaning to take it out) and
leaves its figures; the 合计 row under the table sums the rows with =SUM. ``shibai refresh`` adds the project back
(its application is in the folder) and says the row without a name is not counted in 统计 — but the printed 合计
still added that row's figures, now twice, and nothing said so (QA qa67b). The note says the 合计 counts it."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_refresh_clerk_edits import apps  # noqa: F401  (the fixture: four applications)


def _cleared(tmp_path, apps, total):   # noqa: F811
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3] if c.value}
    ws.cell(8, 1).value = "合计"
    ws.cell(8, header["年度交易额（万元）"]).value = total
    for column in ("企业名称", "统一社会信用代码"):
        ws.cell(5, header[column]).value = None
    wb.save(summary)
    return summary


def test_a_row_without_its_name_that_the_total_still_adds_is_said(tmp_path, apps, capsys):  # noqa: F811
    summary = _cleared(tmp_path, apps, "=SUM(K4:K7)")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 1
    out = capsys.readouterr().out
    assert ("第5行有金额等数据但没有企业名称，未计入统计，但合计行（第9行）的年度交易额（万元）公式把它们也加了进去，"
            "合计比统计多：请补上企业名称后再刷新") in out, out


def test_a_total_that_does_not_reach_the_row_says_only_what_it_did(tmp_path, apps, capsys):  # noqa: F811
    summary = _cleared(tmp_path, apps, "=K4+K6+K7")
    capsys.readouterr()
    main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"])
    out = capsys.readouterr().out
    assert "第5行有金额等数据但没有企业名称，未计入统计：请补上企业名称后再刷新" in out, out
