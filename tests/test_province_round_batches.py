"""One whole year as the province lives it (QA, 5月 and 8月 rounds): which 批次 a project ends up in, so that
each round reviews it exactly once."""
from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import by_name
from tests.test_refresh_rounds import ENTERPRISE, _may_two, _paste_row, _refresh
from tests.test_review import _listed

TYPED = "贵阳手工补录电子商务有限公司"


def _set_status(summary: Path, name: str, status: str) -> None:
    """The clerk types in the 状态 cell of a project's row in Excel."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = [c.value for c in ws[next(iter(ws.tables.values())).ref.split(":")[0][1:]]]
    row = by_name(summary)[name]["_row"]
    ws.cell(row, header.index("状态") + 1).value = status
    wb.save(summary)


def test_a_project_withdrawn_by_hand_in_its_batch_and_restored_later_goes_into_the_later_batch(
        tmp_path, make_workbook, capsys):
    """May: the clerk types 已撤回 in the enterprise's 状态 (the company asked to withdraw) and refreshes before
    sending the May summary: the May round does not review it. August: the company applies again, the clerk types
    有效: kept in 2024-05 no round would ever review it (the August round takes 2024-08 only) — it goes into
    2024-08, said, as a project whose application was taken out of the folder and put back does."""
    apps, summary = _may_two(tmp_path, make_workbook)
    _set_status(summary, ENTERPRISE, "已撤回")
    _refresh(apps, summary, "2024-05", capsys)
    assert by_name(summary)[ENTERPRISE]["状态"] == "已撤回"
    _set_status(summary, ENTERPRISE, "有效")
    out = _refresh(apps, summary, "2024-08", capsys)
    got = by_name(summary)
    assert got[ENTERPRISE]["状态"] == "有效" and got[ENTERPRISE]["批次"] == "2024-08", got[ENTERPRISE]
    assert got["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05"
    said = next(line for line in out.splitlines() if "批次改为本批次" in line)
    assert f"{ENTERPRISE}（2024-05 → 2024-08）" in said


def test_a_project_typed_into_the_summary_by_hand_is_reviewed_in_the_batch_it_was_sent_with(
        tmp_path, make_workbook, capsys):
    """May: the clerk types a project without an application into the table and refreshes with --batch 2024-05
    before sending: the row gets 批次 2024-05 as an application's row does. August: it stays 2024-05, and the
    August round (--round 2024-08) does not list it again — with its 批次 empty it came back in every round."""
    apps, summary = _may_two(tmp_path, make_workbook)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[next(iter(ws.tables.values())).ref.split(":")[0][1:]]}
    _paste_row(summary, header, "企业", "2500", "400")
    _refresh(apps, summary, "2024-05", capsys)
    assert by_name(summary)[TYPED]["批次"] == "2024-05"
    shutil.move(make_workbook("base"), apps / "base.xlsx")   # August's project
    _refresh(apps, summary, "2024-08", capsys)
    assert by_name(summary)[TYPED]["批次"] == "2024-05"
    assert main(["review", "make", str(tmp_path / "八月"), "--from", str(summary), "--experts", "甲",
                 "--round", "2024-08"]) == 0
    out = capsys.readouterr().out
    assert TYPED not in _listed(tmp_path / "八月" / "专家评分表-甲.xlsx"), out
    assert "没有填批次" not in out


def test_a_project_a_city_withdrew_at_the_first_merge_and_restores_later_is_updated_in_the_province_table(
        tmp_path, make_workbook, capsys):
    """May: 贵阳市 withdraws its enterprise by hand before sending its first summary; the merge adds the project's
    row to the province table as 已撤回. August: the company applies again with a new 年度交易额, the city restores
    the row (批次 2024-08, as the city's summary says). The province row took the city's May figures as a person's
    edit (the merge had not remembered writing them): it kept the May 交易额 and 批次 2024-05 with an
    XC_SUMMARY_MISMATCH, and the August round left the project out — no round reviewed it."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    here = {"sb_city": "贵阳市", "sb_county": "南明区"}
    shutil.move(make_workbook("park", example("park", **here)), apps / "park.xlsx")
    shutil.move(make_workbook("enterprise", example("enterprise", **here)), apps / "enterprise.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    _refresh(apps, summary, "2024-05", capsys)
    _set_status(summary, ENTERPRISE, "已撤回")
    _refresh(apps, summary, "2024-05", capsys)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    assert by_name(province)[ENTERPRISE]["状态"] == "已撤回"
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total=3000, **here)), apps / "enterprise.xlsx")
    shutil.move(make_workbook("base", example("base", **here)), apps / "base.xlsx")   # August's project
    _set_status(summary, ENTERPRISE, "有效")
    _refresh(apps, summary, "2024-08", capsys)
    assert by_name(summary)[ENTERPRISE]["批次"] == "2024-08"
    capsys.readouterr()
    assert main(["merge", str(province), str(summary)]) == 0
    got = by_name(province)[ENTERPRISE]
    assert got["状态"] == "有效" and got["批次"] == "2024-08" and got["年度交易额（万元）"] == 3000, got
    assert "XC_SUMMARY_MISMATCH" not in (got["问题"] or ""), got["问题"]
    assert main(["review", "make", str(tmp_path / "八月"), "--from", str(province), "--experts", "甲",
                 "--round", "2024-08"]) == 0
    assert ENTERPRISE in _listed(tmp_path / "八月" / "专家评分表-甲.xlsx")


def test_the_batch_column_deleted_by_the_clerk_comes_back_with_each_projects_own_batch(tmp_path, make_workbook,
                                                                                       capsys):
    """After sending May's summary the clerk deletes the columns after 问题 (来源文件 … 状态) to make the table look
    like the official 附件4. August's refresh adds them back: every May project got 批次 2024-08, so the August
    round (and the province's, merged from it) reviewed them all a second time. The state remembers each
    project's batch: it comes back, and the terminal says so."""
    apps, summary = _may_two(tmp_path, make_workbook)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    header = [c.value for c in ws[int(table.ref.split(":")[0][1:])]]
    first = header.index("来源文件") + 1
    ws.delete_cols(first, len(header) - first + 1)
    top, bottom = table.ref.split(":")
    table.ref = f"{top}:{get_column_letter(first - 1)}{bottom.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"
    table.autoFilter.ref = table.ref
    del table.tableColumns[first - 1:]
    wb.save(summary)
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    out = _refresh(apps, summary, "2024-08", capsys)
    got = by_name(summary)
    assert got[ENTERPRISE]["批次"] == "2024-05" and got["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05", got
    assert [r["批次"] for n, r in got.items() if n not in (ENTERPRISE, "贵阳黔货出山电子商务产业园")] == ["2024-08"]
    assert "批次" in out and "恢复" in out, out


def test_a_city_summary_made_anew_for_august_does_not_put_mays_reviewed_projects_into_the_august_round(
        tmp_path, make_workbook, capsys):
    """贵阳市 sends May's summary; in August the clerk makes a new one (`refresh 新汇总表 --batch 2024-08` over the
    same folder): every project in it says 2024-08. The province table took that as the city's word and the August
    round reviewed May's projects a second time, without a word (notice: 审核认定一个). A project the province has as
    达标/待定 in an earlier batch keeps it, said on the terminal and in its 问题; a new one is of 2024-08."""
    apps, summary = _may_two(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    august = tmp_path / "八月" / "贵阳市汇总表.xlsx"
    august.parent.mkdir()
    _refresh(apps, august, "2024-08", capsys)
    assert {r["批次"] for r in by_name(august).values()} == {"2024-08"}
    assert main(["merge", str(province), str(august)]) == 0
    out = capsys.readouterr().out
    got = by_name(province)
    assert got[ENTERPRISE]["批次"] == "2024-05" and got["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05", got
    assert got["遵义红色之旅直播电商基地"]["批次"] == "2024-08"
    said = next(line for line in out.splitlines() if "2024-08" in line and ENTERPRISE in line)
    assert "2024-05" in said
    assert "2024-05" in got[ENTERPRISE]["问题"] and "2024-08" in got[ENTERPRISE]["问题"]
    assert main(["review", "make", str(tmp_path / "八月评审"), "--from", str(province), "--experts", "甲",
                 "--round", "2024-08"]) == 0
    assert _listed(tmp_path / "八月评审" / "专家评分表-甲.xlsx") == {"遵义红色之旅直播电商基地"}
