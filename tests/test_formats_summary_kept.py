"""What a clerk adds to the look of a 项目汇总表 (a chart on 统计, pictures, validation and highlight rules) between two
refreshes: kept where the refresh can keep it, said where it cannot — never lost without a word."""
from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.chart import PieChart, Reference

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import application


def _chart_titles(ws) -> list[str]:
    return ["".join(r.t for p in c.title.tx.rich.p for r in (p.r or [])) if c.title else "" for c in ws._charts]


def _clerk_pie(summary) -> None:
    """A pie the clerk draws on the tool's 统计 sheet from its count table, titled by hand."""
    wb = load_workbook(summary)
    ws = wb["统计"]
    pie = PieChart()
    pie.add_data(Reference(ws, min_col=2, max_col=2, min_row=2, max_row=3), titles_from_data=True)
    pie.set_categories(Reference(ws, min_col=1, min_row=3, max_row=3))
    pie.title = "我市园区项目占比"
    ws.add_chart(pie, "J3")
    wb.save(summary)


def test_a_chart_the_clerk_drew_on_the_stats_sheet_outlives_the_refresh_that_rewrites_it(tmp_path):
    apps, summary = tmp_path / "apps", tmp_path / "贵阳市汇总表.xlsx"
    application(apps, "park", "园区.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    _clerk_pie(summary)
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    (apps / "损坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")   # the counts incomplete: the tool's title says so
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1
    ws = load_workbook(summary)["统计"]
    titles = _chart_titles(ws)
    assert len(titles) == 2 and "我市园区项目占比" in titles, titles
    assert any(t.startswith("各前置条件示范项目申报数量") and "不完整" in t for t in titles), titles
    pie = next(c for c in ws._charts if type(c).__name__ == "PieChart")
    assert pie.series[0].val.numRef.f.replace("'", "").split(":")[0] == "统计!$B$3"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1     # and again: still one of each
    assert sorted(_chart_titles(load_workbook(summary)["统计"])) == sorted(titles)
