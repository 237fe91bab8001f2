"""What a city clerk types into the 项目汇总表 between two refreshes: kept where it belongs, or said — never undone
without a word."""
from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.table import TableColumn

from shibai_xl.examples import make_uscc
from shibai_xl.faces.cli import main
from shibai_xl.jobs.merge import merge
from shibai_xl.jobs.refresh import refresh
from tests.conftest import example
from tests.test_refresh import by_name, rows
from tests.test_ribbon_actions import assert_sheet_equal, refreshed_both_ways, remote_engine  # noqa: F401

T0 = datetime(2024, 5, 10, 9, 0)
T1 = datetime(2024, 5, 11, 9, 0)
T2 = datetime(2024, 5, 12, 9, 0)
PARK, ENTERPRISE = "贵阳黔货出山电子商务产业园", "贵州山珍优品电子商务有限公司"
TEAM = "安顺黔味直播团队（安顺黔味文化传媒有限公司）"


@pytest.fixture
def apps(tmp_path, make_workbook):
    folder = tmp_path / "申报表"
    folder.mkdir()
    for t in ("park", "base", "enterprise", "team"):
        shutil.move(make_workbook(t), folder / f"{t}.xlsx")
    return folder


def _edit(summary, edit):
    """Open the summary as a clerk's Excel does, apply ``edit(ws, header, row_of)``, save."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    header = {c.value: c.column for c in ws[3] if c.value}
    row_of = {ws.cell(r, header["企业名称"]).value: r for r in range(4, ws.max_row + 1)}
    edit(ws, table, header, row_of)
    wb.save(summary)


def _copy_park_row(ws, table, header, row_of):
    """The park's row copied under the table's last row, the table extended over it (as a clerk's copy and paste)."""
    last = int("".join(ch for ch in table.ref.split(":")[1] if ch.isdigit()))
    for c in range(1, ws.max_column + 1):
        ws.cell(last + 1, c).value = ws.cell(row_of[PARK], c).value
    table.ref = table.ref.rstrip("0123456789") + str(last + 1)


def _add_column(ws, table, title):
    """A column typed right of the table: Excel takes it into the table."""
    first, last = table.ref.split(":")
    col = ws.max_column + 1
    ws.cell(3, col).value = title
    table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name=title))
    table.ref = f"{first}:{ws.cell(3, col).column_letter}{''.join(ch for ch in last if ch.isdigit())}"
    return col


def _counted(summary) -> int:
    """The projects the 统计 sheet counts (its 合计 column of its 合计 row, as the formulas add up)."""
    ws = load_workbook(summary)["统计"]
    return sum(v for row in ws.iter_rows(min_row=3, values_only=True) if row[0] not in ("合计", None)
               for v in row[1:5] if isinstance(v, int))


def test_a_project_the_clerk_marked_withdrawn_stays_withdrawn_and_out_of_the_counts(tmp_path, apps):
    """A clerk withdraws a project in the summary itself — 状态 typed 已撤回, or a 备注 of their own saying
    企业申请撤回 (what merge and review make leave out) — while its application stays in the folder: the refresh
    keeps it withdrawn, out of the city's 统计, and says so; set back, the project counts again."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    assert _counted(summary) == 4

    def withdraw(ws, table, header, row_of):
        ws.cell(row_of[PARK], header["状态"]).value = "已撤回"
        note = _add_column(ws, table, "备注")
        ws.cell(row_of[ENTERPRISE], note).value = "企业申请撤回（5月8日来函）"
        ws.cell(row_of[TEAM], note).value = "已实地核查"

    _edit(summary, withdraw)
    report = refresh(summary, apps, now=T1)
    got = by_name(summary)
    assert got[PARK]["状态"] == "已撤回" and got[PARK]["问题"].startswith("已撤回")
    assert got[ENTERPRISE]["状态"] == "已撤回" and "企业申请撤回" in got[ENTERPRISE]["问题"]
    assert got[ENTERPRISE]["备注"] == "企业申请撤回（5月8日来函）"
    assert got[TEAM]["状态"] == "有效"
    assert _counted(summary) == 2
    said = "\n".join(report.update.notes)
    assert PARK in said and ENTERPRISE in said and "不计入统计" in said
    # the province reads the same file the same way: the two projects are not counted there either
    province = tmp_path / "全省.xlsx"
    merge(province, [summary], now=T1)
    assert {r["企业名称"] for r in by_name(province).values() if r["状态"] != "已撤回"} == {
        "遵义红色之旅直播电商基地", TEAM}

    def put_back(ws, table, header, row_of):
        ws.cell(row_of[PARK], header["状态"]).value = "有效"
        ws.cell(row_of[ENTERPRISE], header["备注"]).value = None

    _edit(summary, put_back)
    refresh(summary, apps, now=T2)
    got = by_name(summary)
    assert got[PARK]["状态"] == "有效" and not got[PARK]["问题"].startswith("已撤回")
    assert got[ENTERPRISE]["状态"] == "有效" and not got[ENTERPRISE]["问题"].startswith("已撤回")
    assert _counted(summary) == 4


def test_the_tool_s_own_withdrawal_is_undone_when_the_application_comes_back(tmp_path, apps):
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    shutil.move(apps / "park.xlsx", tmp_path / "park.xlsx")
    refresh(summary, apps, now=T1)
    assert by_name(summary)[PARK]["状态"] == "已撤回"
    shutil.move(tmp_path / "park.xlsx", apps / "park.xlsx")
    refresh(summary, apps, now=T2)
    assert by_name(summary)[PARK]["状态"] == "有效" and _counted(summary) == 4


@pytest.mark.usefixtures("remote_engine")
def test_the_open_summary_keeps_a_clerk_s_withdrawal_as_the_file_refresh_does(tmp_path, apps):
    """The ribbon's 刷新汇总表 on the open workbook runs the same update: the same withdrawal, the same cells."""

    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)

    def withdraw(ws, table, header, row_of):
        ws.cell(row_of[PARK], header["状态"]).value = "已撤回"
        ws.cell(row_of[ENTERPRISE], _add_column(ws, table, "备注")).value = "企业申请撤回"

    _edit(summary, withdraw)
    cli, replay, report = refreshed_both_ways(summary, apps, tmp_path)
    assert PARK in "\n".join(report.update.notes) and ENTERPRISE in "\n".join(report.update.notes)
    ws = load_workbook(cli)["项目汇总表"]
    header = {c.value: c.column for c in ws[3] if c.value}
    states = {ws.cell(r, header["企业名称"]).value: replay.value(ws.title, ws.cell(r, header["状态"]).coordinate)
              for r in range(4, 8)}
    assert states[PARK] == states[ENTERPRISE] == "已撤回" and states[TEAM] == "有效"
    for sheet in load_workbook(cli).worksheets:
        assert_sheet_equal(replay, sheet)


def test_what_a_clerk_typed_into_the_tool_s_columns_is_said_when_the_refresh_writes_over_it(tmp_path, apps):
    """前置条件, 自动评分 and 问题 are the tool's, from the applications: a clerk's 不达标, 60 or 已电话核实 typed there
    is written over — said, with the words typed, so that they can go where they are kept (市州评分, a column of
    one's own); the tool's own changes (an unreadable file's 本次无法读取 note) are no clerk's edits."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)

    def type_over(ws, table, header, row_of):
        ws.cell(row_of[ENTERPRISE], header["前置条件"]).value = "不达标"
        ws.cell(row_of[ENTERPRISE], header["自动评分"]).value = 60
        ws.cell(row_of[PARK], header["问题"]).value = "已电话核实，材料齐全"

    _edit(summary, type_over)
    report = refresh(summary, apps, now=T1)
    got = by_name(summary)
    assert got[ENTERPRISE]["前置条件"] == "达标" and got[ENTERPRISE]["自动评分"] == 100
    said = "\n".join(report.update.notes)
    assert "已电话核实，材料齐全" in said and "不达标" in said and "60" in said and PARK in said, said
    assert "3 处" in said
    # said once: the next refresh finds the tool's own values there
    again = refresh(summary, apps, now=T2).update.notes
    assert not any("手工改过" in n for n in again), again
    # an application unreadable for a refresh, then read again: the tool's 本次无法读取 is not the clerk's
    good = (apps / "team.xlsx").read_bytes()
    (apps / "team.xlsx").write_bytes(b"PK\x03\x04 broken")
    refresh(summary, apps, now=T1)
    (apps / "team.xlsx").write_bytes(good)
    again = refresh(summary, apps, now=T2).update.notes
    assert not any("手工改过" in n for n in again), again


def test_a_code_the_clerk_changed_in_the_summary_keeps_the_row_and_its_score(tmp_path, apps):
    """A clerk corrects (or mistypes) a project's 统一社会信用代码 in the summary: the row is still that project's —
    its 市州评分 stays on the one row the application fills, not on a row called withdrawn ("申报表已不在文件夹中",
    with the file right there) beside a new one without the score; the code the application gives is written back,
    said."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    code = by_name(summary)[ENTERPRISE]["统一社会信用代码"]
    typed = code[:-2] + ("00" if code[-2:] != "00" else "11")

    def retype(ws, table, header, row_of):
        ws.cell(row_of[ENTERPRISE], header["市州评分"]).value = 88
        ws.cell(row_of[ENTERPRISE], header["统一社会信用代码"]).value = typed

    _edit(summary, retype)
    report = refresh(summary, apps, now=T1)
    assert len(rows(summary)) == 4 and report.update.withdrawn == 0 and report.update.added == 0
    enterprise = by_name(summary)[ENTERPRISE]
    assert enterprise["市州评分"] == 88 and enterprise["状态"] == "有效" and enterprise["统一社会信用代码"] == code
    assert typed in "\n".join(report.update.notes)


def test_a_type_the_clerk_corrected_in_the_summary_keeps_the_row_and_its_score(tmp_path, apps):
    """A clerk retypes a project's 项目类型 in the summary (企业 → 团队) and scores it: the next refresh found no row
    of the form's type, marked the clerk's row 已撤回 (“来源文件现在是另一个项目的申报表”, the same form), added the
    form's row again without the score and said the clerk had deleted a row by hand. The row is the project's still:
    the clerk's type and score kept, the difference said (XC_SUMMARY_MISMATCH), as for any column the tool wrote."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)

    def retype(ws, table, header, row_of):
        ws.cell(row_of[ENTERPRISE], header["市州评分"]).value = 91
        ws.cell(row_of[ENTERPRISE], header["项目类型"]).value = "团队"

    _edit(summary, retype)
    report = refresh(summary, apps, now=T1)
    assert len(rows(summary)) == 4 and report.update.withdrawn == 0 and report.update.added == 0
    enterprise = by_name(summary)[ENTERPRISE]
    assert (enterprise["项目类型"], enterprise["市州评分"], enterprise["状态"]) == ("团队", 91, "有效"), enterprise
    assert "XC_SUMMARY_MISMATCH" in enterprise["问题"] and "项目类型" in enterprise["问题"], enterprise


def test_a_column_the_clerk_inserted_with_an_official_title_in_it_stays_theirs(tmp_path, apps, make_workbook):
    """A clerk inserts “联系人（核实后）” left of 联系人 and fills it for one project: the column is theirs — its blank
    cells are not filled with the applications' contacts, and a changed contact goes into the tool's 联系人 (for the
    refresh as for the province's merge), not into theirs."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)

    def insert(ws, table, header, row_of):
        at = header["联系人"]
        insert_table_column(ws, table, at, "联系人（核实后）")
        ws.cell(row_of[PARK], at).value = "王五"

    _edit(summary, insert)
    from shibai_xl.adapters.xlsx.filler import named_cell
    wb = load_workbook(apps / "enterprise.xlsx")
    named_cell(wb, "sb_contact").value = "赵六"
    wb.save(apps / "enterprise.xlsx")
    report = refresh(summary, apps, now=T1)
    got = by_name(summary)
    assert got[ENTERPRISE]["联系人"] == "赵六" and got[ENTERPRISE]["联系人（核实后）"] is None
    assert got[PARK]["联系人（核实后）"] == "王五" and got[TEAM]["联系人（核实后）"] is None
    assert report.update.mismatches == 0
    province = tmp_path / "全省.xlsx"
    merge(province, [summary], now=T1)
    assert by_name(province)[ENTERPRISE]["联系人"] == "赵六"


def test_rows_the_clerk_hid_under_the_total_stay_hidden_when_a_project_is_added(tmp_path, apps, make_workbook):
    """A new project is inserted above the 合计 row, and what is below moves down a row — with it the rows a clerk hid
    (an internal note under the 合计): else the 合计 row is the one hidden and the note is printed."""
    summary = tmp_path / "汇总表.xlsx"
    (apps / "team.xlsx").rename(tmp_path / "team.xlsx")
    refresh(summary, apps, now=T0)

    def total_and_note(ws, table, header, row_of):
        ws["A7"].value, ws["K7"].value = "合计", "=SUM(K4:K6)"
        ws["A8"].value = "其中：内部备注（打印时隐藏）"
        ws.row_dimensions[8].hidden = True
        ws["A9"].value = "填报人：王五"

    _edit(summary, total_and_note)
    (tmp_path / "team.xlsx").rename(apps / "team.xlsx")
    refresh(summary, apps, now=T1)
    ws = load_workbook(summary)["项目汇总表"]
    assert [ws.cell(r, 1).value for r in (8, 9, 10)] == ["合计", "其中：内部备注（打印时隐藏）", "填报人：王五"]
    assert [bool(ws.row_dimensions[r].hidden) for r in (7, 8, 9, 10)] == [False, False, True, False]


def test_a_project_with_a_very_long_text_still_takes_its_new_amount(tmp_path, make_workbook):
    """业绩 pasted up to the cell's 32767 characters: what the tool wrote for the project (one JSON text) was cut at a
    cell's limit, no longer read back, and the next refresh took the tool's own old amount for a clerk's edit —
    the application's new 年度交易额 never reached the summary (“汇总表与申报表不一致”)."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    app = make_workbook("enterprise", example("enterprise", sb_performance="业绩" * 16383), name="企业.xlsx")
    shutil.move(app, folder / "企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, now=T0)
    wb = load_workbook(folder / "企业.xlsx")
    from shibai_xl.adapters.xlsx.filler import named_cell

    named_cell(wb, "sb_trade_total").value = 3000
    wb.save(folder / "企业.xlsx")
    refresh(summary, folder, now=T1)
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3] if c.value}
    assert ws.cell(4, header["年度交易额（万元）"]).value == 3000
    assert "XC_SUMMARY_MISMATCH" not in (ws.cell(4, header["问题"]).value or "")


def test_a_company_name_the_clerk_corrected_to_its_registered_form_stays_theirs(tmp_path, apps, make_workbook):
    """The clerk corrects 贵州山珍优品电子商务有限公司 to 贵州山珍优品电子商务有限责任公司 (its licence's name) in the
    summary. The next refresh put the application's spelling back without a word (更新 1 行, 不一致 0 处): the two
    spellings name one company when rows are matched, but the printed 附件4 is the clerk's. The clerk's name stays,
    and when the application is sent again the row still says it differs from the form."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    registered = "贵州山珍优品电子商务有限责任公司"

    def correct(ws, table, header, row_of):
        ws.cell(row_of[ENTERPRISE], header["企业名称"]).value = registered
    _edit(summary, correct)
    report = refresh(summary, apps, now=T1)
    got = {r["来源文件"]: r for r in rows(summary)}["enterprise.xlsx"]
    assert got["企业名称"] == registered and report.update.added == 0, got
    shutil.move(make_workbook("enterprise", name="v2.xlsx"), apps / "enterprise.xlsx")   # sent again
    refresh(summary, apps, now=T2)
    got = {r["来源文件"]: r for r in rows(summary)}["enterprise.xlsx"]
    assert got["企业名称"] == registered and "XC_SUMMARY_MISMATCH" in got["问题"], got
    assert len(rows(summary)) == 4


def test_a_file_now_holding_another_project_says_so_on_the_row_it_withdraws(tmp_path, apps, make_workbook, capsys):
    """enterprise.xlsx is replaced by the same company's 团队 form under the same file name. Its 企业 row was marked
    已撤回 with “申报表已不在文件夹中” though its 来源文件 is right there, the terminal said only 新增 1 行、标记已撤回 1
    行, and the 市州评分 the clerk typed stayed on the withdrawn row unsaid. The row's 问题 and the terminal now say
    the file holds another project now, and that what the clerk typed on the old row did not move."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)

    def score(ws, table, header, row_of):
        ws.cell(row_of[ENTERPRISE], header["市州评分"]).value = 93
    _edit(summary, score)
    team = make_workbook("team", example("team", sb_name=ENTERPRISE, sb_uscc=example("enterprise")["sb_uscc"]))
    shutil.move(team, apps / "enterprise.xlsx")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    got = {(r["企业名称"], r["项目类型"]): r for r in rows(summary)}
    old, new = got[(ENTERPRISE, "企业")], got[(ENTERPRISE, "团队")]
    assert old["状态"] == "已撤回" and old["市州评分"] == 93 and new["来源文件"] == "enterprise.xlsx"
    assert old["问题"].startswith("已撤回：") and "“enterprise.xlsx”现在是" in old["问题"] and "团队" in old["问题"], old
    said = next((line for line in out.splitlines() if "现在是" in line), out)
    assert "enterprise.xlsx" in said and "市州评分" in said, said
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0    # said once; the row's note stays
    assert "现在是" not in capsys.readouterr().out
    assert "现在是" in {(r["企业名称"], r["项目类型"]): r for r in rows(summary)}[(ENTERPRISE, "企业")]["问题"]


def test_a_name_the_clerk_retyped_on_the_row_of_an_application_without_a_code_keeps_the_row(tmp_path, make_workbook,
                                                                                             capsys):
    """The applicant left 统一社会信用代码 blank, so the row is found by its name; the clerk retypes the name in the
    summary (贵州山珍优品电商有限公司) and types a 市州评分. The next refresh, with the same form, added the project a
    second row and withdrew the clerk's (score and all), saying a row was deleted by hand. The row the tool wrote
    for this very form (its 来源文件, a name the tool never wrote) is the form's row: kept, the clerk's name with it,
    said as differing from the form; no second row."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_uscc=...)), apps / "企业.xlsx")
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)

    def retype(ws, table, header, row_of):
        ws.cell(row_of[ENTERPRISE], header["企业名称"]).value = "贵州山珍优品电商有限公司"
        ws.cell(row_of[ENTERPRISE], header["市州评分"]).value = 91
    _edit(summary, retype)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    got = {r["来源文件"]: r for r in rows(summary)}
    assert len(rows(summary)) == 2 and "新增 0 行" in out and "手工删除" not in out, out
    assert got["企业.xlsx"]["企业名称"] == "贵州山珍优品电商有限公司" and got["企业.xlsx"]["市州评分"] == 91
    assert got["企业.xlsx"]["状态"] == "有效" and "XC_SUMMARY_MISMATCH" in got["企业.xlsx"]["问题"], got


def test_a_new_project_numbers_on_from_serials_the_clerk_typed_as_text(tmp_path, apps, make_workbook):
    """After sorting the table by 县区 the clerk renumbers 序号 in cells formatted as text (WPS 文本 cells, pasted
    from Word, full-width “４”): the next project got 序号 1, a number the table already had, as if the column were
    empty. It numbers on from the highest 序号 however typed."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)

    def renumber(ws, table, header, row_of):
        for i, r in enumerate(sorted(v for k, v in row_of.items() if k), 1):
            ws.cell(r, header["序号"]).value = "４" if i == 4 else str(i)
    _edit(summary, renumber)
    shutil.move(make_workbook("enterprise", example("enterprise", sb_name="贵州新来电子商务有限公司",
                                                    sb_uscc=make_uscc("520102", "MA6NEW0X1"))), apps / "新.xlsx")
    refresh(summary, apps, now=T1)
    assert by_name(summary)["贵州新来电子商务有限公司"]["序号"] == 5


def test_a_row_the_clerk_copied_is_withdrawn_as_a_duplicate_not_as_another_project(tmp_path, apps, capsys):
    """The clerk copies the park's row onto a new row of the table (来源文件 and all). The copy is withdrawn, and
    its 问题 said the file was gone, then that “park.xlsx” now holds the park — the same project. It says the row
    repeats the row the form is summarised on, to be deleted."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    _edit(summary, _copy_park_row)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    first, copy = [r for r in rows(summary) if r["企业名称"] == PARK]
    assert first["状态"] == "有效" and copy["状态"] == "已撤回" and "现在是" not in copy["问题"] + out, (copy, out)
    assert f"与第{first['_row']}行是同一项目" in copy["问题"] and "请删去" in copy["问题"], copy
    assert f"第{copy['_row']}行" in out and "重复" in out, out


def test_a_row_withdrawn_though_its_file_is_there_does_not_say_the_file_is_gone(tmp_path, apps, make_workbook):
    """A row withdrawn because its 来源文件, read this time, holds another project's form — or because the clerk
    copied the row — began its 问题 with “申报表已不在文件夹中”, which is false: the file is right there. The note
    says what happened; the tool still knows it for its own (a refresh after it says nothing typed over)."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0)
    _edit(summary, _copy_park_row)
    team = make_workbook("team", example("team", sb_name=ENTERPRISE, sb_uscc=example("enterprise")["sb_uscc"]))
    shutil.move(team, apps / "enterprise.xlsx")
    refresh(summary, apps, now=T1)
    withdrawn = [r for r in rows(summary) if r["状态"] == "已撤回"]
    assert len(withdrawn) == 2, withdrawn
    for row in withdrawn:
        assert row["问题"].startswith("已撤回：") and "不在文件夹" not in row["问题"], row
    again = refresh(summary, apps, now=T2)
    assert not any("手工改过" in n for n in again.update.notes), again.update.notes
    assert [r["问题"] for r in rows(summary) if r["状态"] == "已撤回"] == [r["问题"] for r in withdrawn]


def test_a_row_typed_ahead_with_its_code_written_as_people_write_it_is_the_application_s_row(tmp_path):
    """A clerk typed a project ahead of its application, its 统一社会信用代码 written "915226-01ma6…" with a trailing
    space and the name short: when the application came, the refresh added a second row of it (the project twice in
    the city's table, counted twice), as codes were compared only upper-cased without spaces. It is that row now."""
    from tests.test_summaries_real_world import application

    apps = tmp_path / "申报表"
    application(apps, "team", "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, now=T0, city="黔东南州")
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    head = {c.value: c.column for c in ws[3]}
    code = example("enterprise")["sb_uscc"]
    for k, v in {"序号": 2, "市（州）": "黔东南州", "企业名称": "山珍优品电商", "项目类型": "企业", "年度交易额（万元）": 2600,
                 "统一社会信用代码": f"{code[:6]}-{code[6:].lower()} "}.items():
        ws.cell(5, head[k]).value = v
    table = ws.tables["sb_summary"]
    table.ref = table.ref[:-1] + "5"
    wb.save(summary)
    application(apps, "enterprise", "企业.xlsx")
    refresh(summary, apps, now=T1, city="黔东南州")
    got = [r for r in rows(summary) if r["项目类型"] == "企业"]
    assert len(got) == 1 and got[0]["来源文件"] == "企业.xlsx" and got[0]["统一社会信用代码"] == code


def _delete_phone(ws, table, header, row_of):
    """The 电话 column deleted, as Excel deletes a table column: the cells right of it move left, the table shrinks."""
    ws.cell(row_of[PARK], header["市州评分"]).value = 88
    _delete_column(ws, table, header, "电话")


def _delete_column(ws, table, header, name):
    ws.delete_cols(header[name])
    table.tableColumns = [c for c in table.tableColumns if c.name != name]
    for i, c in enumerate(table.tableColumns, 1):
        c.id = i
    first, last = table.ref.split(":")
    end = last.rstrip("0123456789")
    table.ref = f"{first}:{get_column_letter(column_index_from_string(end) - 1)}{last[len(end):]}"
    table.autoFilter.ref = table.ref


def test_an_official_column_a_clerk_deleted_is_said_out_of_place_in_the_terminal_and_the_workbook(tmp_path, apps,
                                                                                                capsys):
    """CONTRACT §3: the first 13 columns are the 附件4 header. A clerk deleted 电话; the refresh added it back at the
    end without a word, so the printed and stamped 附件4 and any program reading by position had 年度交易额 where 电话
    belongs. The tool does not move the column (openpyxl shifts none of a person's formulas, validations, conditional
    formats): the terminal says which column is out of place and how to move it back (again at each refresh that
    rewrites the table), and its header cell carries the same as a comment till it is back;
    the values, 市州评分 included, are all kept."""
    summary = tmp_path / "s.xlsx"
    refresh(summary, apps, now=T0)
    _edit(summary, _delete_phone)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    assert "“电话”列曾被删除，本次已加回在表格末尾" in out and "“电话”应是第10列（“联系人”之后）" in out, out
    assert "插入剪切的单元格" in out and "“年度交易额（万元）”应是" not in out, out
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c for c in ws[3] if c.value}
    assert header["电话"].column > header["状态"].column and header["电话"].comment is not None
    assert "应是第10列" in header["电话"].comment.text and header["联系人"].comment is None
    park = by_name(summary)[PARK]
    assert park["市州评分"] == 88 and park["电话"] == example("park")["sb_contact_phone"], park
    fresh = tmp_path / "fresh.xlsx"
    refresh(fresh, apps, now=T0)
    capsys.readouterr()
    assert main(["refresh", str(fresh), "--from", str(apps)]) == 0
    assert "附件4要求" not in capsys.readouterr().out
    assert not any(c.comment for c in load_workbook(fresh)["项目汇总表"][3])


def test_a_tool_column_a_clerk_deleted_is_said_when_it_comes_back(tmp_path, apps, capsys):
    """A clerk deleted the tool's 自动评分 column (not on the printed 附件4, she thought); the next refresh added it back
    at the table's end without a word. It now says so, and that hiding the column is the way to keep it out of sight."""
    summary = tmp_path / "s.xlsx"
    refresh(summary, apps, now=T0)
    _edit(summary, lambda ws, table, header, row_of: _delete_column(ws, table, header, "自动评分"))
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    assert "本工具的“自动评分”列曾被删除，本次已加回在表格末尾" in out and "请隐藏" in out, out
    header = [c.value for c in load_workbook(summary)["项目汇总表"][3] if c.value]
    assert header[-1] == "自动评分", header
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0     # back: nothing more to say
    assert "曾被删除" not in capsys.readouterr().out


def test_a_row_withdrawn_by_hand_says_so_in_one_part_of_its_problem_cell(tmp_path, apps):
    """问题's parts are split at "；" by a program reading "CODE 短语；CODE 短语": the note of a row a clerk withdrew
    ran "…本行不计入统计；要恢复，把“状态”改为“有效”", its second half a part of its own. It is one part now, and
    a refresh still tells the clerk's 状态 from the tool's."""
    summary = tmp_path / "s.xlsx"
    refresh(summary, apps, now=T0)
    _edit(summary, lambda ws, table, header, row_of: setattr(ws.cell(row_of[PARK], header["状态"]), "value",
                                                               "企业申请撤回"))
    for when in (T1, T2):
        refresh(summary, apps, now=when)
        park = by_name(summary)[PARK]
        parts = park["问题"].split("；")
        assert park["状态"] == "已撤回" and parts[0].startswith("已撤回（汇总表中手工标注：“状态”为“企业申请撤回”"), parts
        assert "要恢复" in parts[0] and not any(p.startswith("要恢复") for p in parts), parts


def insert_table_column(ws, table, at: int, title: str) -> None:
    """A clerk's Excel edit: a column inserted at ``at`` inside the table (header row 3), titled ``title``."""
    from openpyxl.utils import get_column_letter

    ws.insert_cols(at)
    ws.cell(3, at).value = title
    columns = list(table.tableColumns)
    columns.insert(at - 1, TableColumn(id=0, name=title))
    for i, c in enumerate(columns, 1):
        c.id = i
    table.tableColumns = columns
    first, last = table.ref.split(":")
    table.ref = f"{first}:{get_column_letter(ws.max_column)}{''.join(ch for ch in last if ch.isdigit())}"
    table.autoFilter = None
