"""The 统计 sheet of a city's refresh against the table it counts: rows a clerk added or typed in the wrong place
are in its counts, its chart and its title at the refresh that follows — not only once an application changes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_refresh import rows

TYPES = ("park", "base", "enterprise", "team")


def _city(tmp_path: Path, make_workbook) -> tuple[Path, Path]:
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in TYPES:
        shutil.move(make_workbook(t), apps / f"{t}.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    return apps, summary


def _type_row(summary: Path, at: int, values: dict, stretch: bool) -> None:
    """The clerk types a project on row ``at`` (inside the table when ``stretch``, else where he typed it)."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value}
    for name, value in values.items():
        ws.cell(at, cols[name]).value = value
    if stretch:
        table = ws.tables["sb_summary"]
        table.ref = table.ref.rstrip("0123456789") + str(at)
    wb.save(summary)


def _last(summary: Path) -> int:
    ref = load_workbook(summary)["项目汇总表"].tables["sb_summary"].ref
    return int("".join(ch for ch in ref.split(":")[1] if ch.isdigit()))


def _counts(summary: Path) -> dict:
    ws = load_workbook(summary)["统计"]
    header = [c.value for c in ws[2]]
    return {r[0]: dict(zip(header[1:5], r[1:5])) for r in ws.iter_rows(min_row=3, max_col=5, values_only=True)
            if r[0] and r[0] != "合计"}


def _chart_title(summary: Path) -> str:
    chart = load_workbook(summary)["统计"]._charts[0]
    return "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))


def test_a_project_the_clerk_added_by_hand_is_counted_at_the_next_refresh(tmp_path, make_workbook):
    """Four applications refreshed; the clerk adds a fifth project by hand (a letter, no application) inside the table
    and refreshes: the 统计 counts and their chart stayed at four — the sheet was only rewritten when an application
    changed (QA). The refresh now counts the table as it is: the hand-typed 企业 is “未检查”, its chart row too."""
    apps, summary = _city(tmp_path, make_workbook)
    before = _counts(summary)
    assert sum(sum(v.values()) for v in before.values()) == 4
    _type_row(summary, _last(summary) + 1, {"序号": 5, "市（州）": "贵阳市", "企业名称": "贵阳来函补报电子商务有限公司",
                                            "项目类型": "示范企业", "年度交易额（万元）": 1200.5}, stretch=True)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    after = _counts(summary)
    assert after["未检查"] == {"园区": 0, "基地": 0, "企业": 1, "团队": 0}
    assert {k: v for k, v in after.items() if k != "未检查"} == before
    ws = load_workbook(summary)["统计"]
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value not in (None, "合计")]
    series = ws._charts[0].series[0]
    assert series.val.numRef.f.endswith(f"$B${max(rows)}") and series.cat.numRef.f.endswith(f"$A${max(rows)}")


def test_a_project_typed_under_the_total_row_leaves_the_statistics_marked_incomplete(tmp_path, make_workbook, capsys):
    """A project typed under the clerk's 合计 row is not in the table: the refresh said “结果不完整（退出码 1）” on the
    terminal, but the 统计 sheet and its chart — what is printed and sent — kept their plain titles over counts
    without it (QA). They now say their totals are incomplete and which row is left out; once the clerk deletes that
    row (or moves it into the table), the next refresh takes the mark away."""
    apps, summary = _city(tmp_path, make_workbook)
    last = _last(summary)
    _type_row(summary, last + 1, {"企业名称": "合计", "年度交易额（万元）": f"=SUM(K4:K{last})"}, stretch=False)
    _type_row(summary, last + 2, {"市（州）": "贵阳市", "企业名称": "合计下方补录电子商务有限公司", "项目类型": "企业"},
              stretch=False)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 1
    title = load_workbook(summary)["统计"]["A1"].value
    assert "合计不完整" in title and f"第{last + 2}行 合计下方补录电子商务有限公司" in title
    assert _chart_title(summary).endswith("（合计不完整）")
    wb = load_workbook(summary)
    wb["项目汇总表"].delete_rows(last + 2)
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    assert "不完整" not in load_workbook(summary)["统计"]["A1"].value
    assert "不完整" not in _chart_title(summary)


def test_a_hand_typed_project_the_clerk_marked_withdrawn_is_not_counted(tmp_path, make_workbook):
    """A project typed by hand (no application), then withdrawn by the clerk the way README says — “状态” written
    “企业申请撤回（5月8日来函）”, or a 备注 column of his own saying 已撤回: the 统计 sheet still counted both (as 未检查),
    while merge (and review) leave such rows out (QA). The 统计 counts now read the row's marks as merge does."""
    apps, summary = _city(tmp_path, make_workbook)
    last = _last(summary)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    note = ws.cell(3, ws.max_column + 1, "备注")                       # a column of his own, in the table
    table = ws.tables["sb_summary"]
    table.ref = f"{table.ref.split(':')[0]}:{note.column_letter}{last}"
    wb.save(summary)
    _type_row(summary, last + 1, {"企业名称": "贵阳手填甲电子商务有限公司", "项目类型": "企业",
                                  "状态": "企业申请撤回（5月8日来函）"}, stretch=False)
    _type_row(summary, last + 2, {"企业名称": "贵阳手填乙电子商务有限公司", "项目类型": "团队", "备注": "已撤回"},
              stretch=False)
    _type_row(summary, last + 3, {"企业名称": "贵阳手填丙电子商务有限公司", "项目类型": "团队"}, stretch=True)
    before = _counts(summary)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    after = _counts(summary)
    assert after["未检查"] == {"园区": 0, "基地": 0, "企业": 0, "团队": 1}     # 丙 only
    assert {k: v for k, v in after.items() if k != "未检查"} == before


def test_the_verdicts_are_listed_in_the_notices_order(tmp_path, make_workbook):
    """The city's 统计 listed its rows in character order — 不达标, 待定, 未检查, 达标 — while the province's figures list
    达标, 不达标, 待定 (QA). The verdicts now come in that order, then rows no application decides (未检查)."""
    from tests.conftest import example

    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("park"), apps / "park.xlsx")                                          # 达标
    shutil.move(make_workbook("team", example("team", sb_live_sales=10)), apps / "team.xlsx")  # 不达标
    shutil.move(make_workbook("enterprise", example("enterprise", sb_uscc=...)), apps / "ent.xlsx")  # 待定
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    _type_row(summary, _last(summary) + 1, {"企业名称": "贵阳来函补报电子商务有限公司", "项目类型": "企业"}, stretch=True)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    assert list(_counts(summary)) == ["达标", "不达标", "待定", "未检查"]


def test_a_hand_typed_project_withdrawn_in_its_status_is_left_out_of_the_total_formula(tmp_path, make_workbook):
    """A project typed by hand (no application) that the clerk withdrew in 状态 (“企业申请撤回（5月8日来函）”): 统计 and
    merge leave it out, but the 合计's SUMIFS(…,"<>已撤回") the refresh writes once a row is withdrawn still counted it,
    the criterion being the word 已撤回 (QA). Its 状态 is now 已撤回 as for an application's row, the clerk's words in
    问题 — at every later refresh too."""
    apps, summary = _city(tmp_path, make_workbook)
    last = _last(summary)
    _type_row(summary, last + 1, {"企业名称": "贵阳手填甲电子商务有限公司", "项目类型": "企业", "年度交易额（万元）": 900,
                                  "状态": "企业申请撤回（5月8日来函）"}, stretch=True)
    for _ in range(2):
        assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
        ws = load_workbook(summary)["项目汇总表"]
        cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
        row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, cols["企业名称"]).value == "贵阳手填甲电子商务有限公司")
        assert ws.cell(row, cols["状态"]).value == "已撤回"
        assert "企业申请撤回（5月8日来函）" in ws.cell(row, cols["问题"]).value


@pytest.mark.parametrize("note", ["以下为县区补报项目", "以下是5月20日补报的项目：", "下列项目待县区补充材料"])
def test_a_section_line_typed_in_the_name_column_inside_the_table_is_no_project(tmp_path, make_workbook, note):
    """The clerk inserts a row in the table over the late projects and types “以下为县区补报项目” in its 企业名称 cell
    (nothing else on the row). It was counted as a project: 统计 grew a 类型未识别 column and a 未检查 row of 1, and
    the province's merge counted a project of no type, nothing said. A line that begins 以下为 / 以下是 / 下列 heads
    the rows under it, as “一、示范园区” does: no project."""
    apps, summary = _city(tmp_path, make_workbook)
    last = _last(summary)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    ws.insert_rows(last)      # a row inserted over the table's last project, inside its range
    ws.cell(last, 4).value = note
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + str(last + 1)
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    assert set(_counts(summary)) == {"达标"} and sum(_counts(summary)["达标"].values()) == 4, _counts(summary)
    assert "类型未识别" not in [c.value for c in load_workbook(summary)["统计"][2]]
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(summary)]) == 0
    assert len(rows(tmp_path / "全省.xlsx")) == 4


def test_the_city_count_chart_shows_its_axes_in_excel(tmp_path, make_workbook):
    """The refresh's count chart as the province's: its axes (前置条件 under the bars, 项目数 beside) written as shown,
    not left to openpyxl 3.1's default, which Excel reads as hidden."""
    _, summary = _city(tmp_path, make_workbook)
    chart = load_workbook(summary)["统计"]._charts[0]
    assert chart.x_axis.delete is False and chart.y_axis.delete is False


def test_a_project_typed_without_its_name_leaves_the_statistics_marked_incomplete(tmp_path, make_workbook, capsys):
    """The clerk types a project into the table (贵阳市, 企业, 1200.5 万元) but not its 企业名称: the 统计 counts left it
    out and the refresh said nothing (exit 0) — the province's merge would say it only once the summary was sent
    (QA). The refresh now says it, on the terminal and on the 统计 sheet; once named, it is counted and the mark
    goes."""
    apps, summary = _city(tmp_path, make_workbook)
    at = _last(summary) + 1
    _type_row(summary, at, {"序号": 5, "市（州）": "贵阳市", "项目类型": "企业", "年度交易额（万元）": 1200.5}, stretch=True)
    for _ in range(2):    # said at every refresh until it is named, the summary unchanged or not
        assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 1
        printed = capsys.readouterr()
        assert f"第{at}行" in printed.out + printed.err and "没有企业名称" in printed.out + printed.err
        title = load_workbook(summary)["统计"]["A1"].value
        assert "合计不完整" in title and f"第{at}行" in title
    _type_row(summary, at, {"企业名称": "贵阳来函补报电子商务有限公司"}, stretch=False)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    assert "不完整" not in load_workbook(summary)["统计"]["A1"].value
    assert _counts(summary)["未检查"]["企业"] == 1
