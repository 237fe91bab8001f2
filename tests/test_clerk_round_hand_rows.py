"""A city clerk's round as the clerk works it: the applications refreshed into the 项目汇总表, a project typed in by
hand under the table with a word of its own in a tool column, refreshed again, merged — never lost without a word."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.acceptance import helpers
from tests.acceptance.helpers import assert_no_traceback, make_app, run, uscc


@pytest.fixture(autouse=True)
def _templates(tmp_path_factory):
    """The `shibai new` templates the acceptance helpers copy (as tests/acceptance/conftest.py sets them up)."""
    if not helpers.TEMPLATE_CACHE:
        helpers.TEMPLATE_CACHE[:] = [tmp_path_factory.mktemp("templates")]


def _summary_with_a_hand_row(tmp_path, source: str | None, project: str = "贵阳乌当纸质报送电商有限公司",
                             kind: str = "企业"):
    """Two applications refreshed; then the clerk types a project that has no application (sent on paper) under the
    table — Excel takes the row in — writing ``source`` in 来源文件, where the tool names each application's file
    (``project``, ``kind``: the project typed)."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    for i, name in enumerate(("贵阳云岩电子商务有限公司", "贵州白云电子商务有限公司")):
        make_app(folder, "enterprise", f"企业{i}.xlsx", sb_name=name, sb_uscc=uscc("91", "520102", f"MA6HR000{i}"),
                 sb_city="贵阳市", sb_county="南明区")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    first = run("refresh", summary, "--from", folder, "--batch", "2024-05", "--city", "贵阳")
    assert first.returncode == 0, first.stderr
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    col = {c.value: c.column for c in ws[3] if c.value}
    row = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    for column, value in {"序号": 3, "市（州）": "贵阳市", "县区": "乌当区", "企业名称": project,
                          "项目类型": kind, "企业性质": "民企", "年度交易额（万元）": 1500, "年度网络零售额（万元）": 200,
                          "市州评分": 80, "来源文件": source}.items():
        ws.cell(row, col[column]).value = value
    table.ref = table.ref.rstrip("0123456789") + str(row)
    wb.save(summary)
    return folder, summary, row, col


def test_a_hand_typed_project_with_a_word_in_its_source_column_stays_a_project(tmp_path):
    """“纸质材料” typed in 来源文件 of a hand row named no application of the folder: the refresh marked the project
    已撤回 (“申报表已不在文件夹中”) and left it out of the city's 统计 and of merge, saying only “标记已撤回 1 行”. It is
    the clerk's project: it stays 有效 and counted, the clerk's 市州评分 and words kept, and the terminal says why."""
    folder, summary, row, col = _summary_with_a_hand_row(tmp_path, "纸质材料")
    again = run("refresh", summary, "--from", folder, "--batch", "2024-05", "--city", "贵阳")
    assert_no_traceback(again)
    assert again.returncode == 0, again.stderr
    assert "标记已撤回 0 行" in again.stdout, again.stdout
    assert "贵阳乌当纸质报送电商有限公司" in again.stdout and "纸质材料" in again.stdout, again.stdout
    ws = load_workbook(summary)["项目汇总表"]
    assert ws.cell(row, col["企业名称"]).value == "贵阳乌当纸质报送电商有限公司"
    assert ws.cell(row, col["状态"]).value != "已撤回"
    assert "已撤回" not in str(ws.cell(row, col["问题"]).value or "")
    assert (ws.cell(row, col["来源文件"]).value, ws.cell(row, col["市州评分"]).value) == ("纸质材料", 80)
    stats = load_workbook(summary)["统计"]
    assert sum(v for r in stats.iter_rows(min_row=3, values_only=True) if r[0] not in ("合计", None)
               for v in r[1:5] if isinstance(v, int)) == 3

    province = tmp_path / "全省.xlsx"
    merged = run("merge", province, summary)
    assert merged.returncode == 0, merged.stderr
    assert "贵阳市 3 项" in merged.stdout and "年度交易额合计 4500 万元" in merged.stdout, merged.stdout


def test_a_project_pasted_again_under_the_notices_type_name_is_said_and_counted_once(tmp_path):
    """The clerk pastes, from a list of the bureau's own, the row of a project whose application the tool already
    summarised, its 项目类型 written as the notice names it (“示范企业” under the tool's “企业”; issue 12 item 5): the
    refresh said nothing and the city's 统计 counted the project twice (3 projects for 2), while merge counts it once.
    The refresh names the repeated row and counts it once, as it did when the type was written “企业”."""
    folder, summary, row, col = _summary_with_a_hand_row(tmp_path, None, project="贵州白云电子商务有限公司 ",
                                                         kind="示范企业")
    again = run("refresh", summary, "--from", folder, "--batch", "2024-05", "--city", "贵阳")
    assert_no_traceback(again)
    assert again.returncode == 0, again.stderr
    assert "重复填写" in again.stdout and f"第{row}行贵州白云电子商务有限公司" in again.stdout, again.stdout
    stats = load_workbook(summary)["统计"]
    assert sum(v for r in stats.iter_rows(min_row=3, values_only=True) if r[0] not in ("合计", None)
               for v in r[1:5] if isinstance(v, int)) == 2
    merged = run("merge", tmp_path / "全省.xlsx", summary)
    assert "有效项目 2 项" in merged.stdout, merged.stdout


def test_the_row_of_an_application_taken_out_of_the_folder_is_still_withdrawn(tmp_path):
    """The tool's own 来源文件 of a row whose application left the folder withdraws it, as before."""
    folder, summary, _row, _col = _summary_with_a_hand_row(tmp_path, "纸质材料")
    (folder / "企业1.xlsx").unlink()
    again = run("refresh", summary, "--from", folder, "--batch", "2024-05", "--city", "贵阳")
    assert again.returncode == 0, again.stderr
    assert "标记已撤回 1 行" in again.stdout, again.stdout
    ws = load_workbook(summary)["项目汇总表"]
    col = {c.value: c.column for c in ws[3] if c.value}
    gone = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, col["企业名称"]).value == "贵州白云电子商务有限公司")
    assert ws.cell(gone, col["状态"]).value == "已撤回"


def test_a_hand_typed_project_an_earlier_refresh_withdrew_for_its_source_word_counts_again(tmp_path):
    """A summary an earlier version refreshed had the hand row marked 已撤回 for its “纸质材料”: the refresh takes the
    tool's own note back (状态 有效, counted), as the terminal says."""
    folder, summary, row, col = _summary_with_a_hand_row(tmp_path, "纸质材料")
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    ws.cell(row, col["状态"]).value = "已撤回"
    ws.cell(row, col["问题"]).value = "已撤回：申报表已不在文件夹中，本行不计入统计"
    wb.save(summary)
    again = run("refresh", summary, "--from", folder, "--batch", "2024-05", "--city", "贵阳")
    assert again.returncode == 0, again.stderr
    ws = load_workbook(summary)["项目汇总表"]
    assert (ws.cell(row, col["状态"]).value, ws.cell(row, col["问题"]).value) == ("有效", None)


def test_a_project_the_province_typed_in_by_hand_with_a_source_word_stays_counted(tmp_path):
    """The province's clerk types a project under the merged table, 报送市州 遵义市 and 来源文件 “省厅补录”: the next
    merge of 遵义市's summary keeps it 有效 and counted (it was withdrawn as a row gone from the city's table), and
    says it in a merge's words (no application folder)."""
    folder, summary, _row, _col = _summary_with_a_hand_row(tmp_path, "纸质材料")
    province = tmp_path / "全省.xlsx"
    assert run("merge", province, summary).returncode == 0
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    col = {c.value: c.column for c in ws[3] if c.value}
    row = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    for name, value in {"市（州）": "贵阳市", "企业名称": "贵阳省厅补录电商有限公司", "项目类型": "团队", "企业性质": "民企",
                        "年度交易额（万元）": 700, "来源文件": "省厅补录", "报送市州": "贵阳市"}.items():
        ws.cell(row, col[name]).value = value
    table.ref = table.ref.rstrip("0123456789") + str(row)
    wb.save(province)
    again = run("merge", province, summary)
    assert again.returncode == 0, again.stderr
    assert "省厅补录" in again.stdout and "文件夹" not in again.stdout, again.stdout
    assert "年度交易额合计 5200 万元" in again.stdout, again.stdout
    ws = load_workbook(province)["项目汇总表"]
    assert ws.cell(row, col["状态"]).value != "已撤回"
