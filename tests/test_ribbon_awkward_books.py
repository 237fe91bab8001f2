"""Awkward open workbooks, the Excel ribbon's buttons on them against the commands on the same saved file (the
sibling of tests/wps/test_faces_agree_awkward_books.py for the Excel face, through xlwings' remote engine): the
form filled on a copy of its sheet ("申报表 (2)"), the sb_ names in upper case, a 申报主体名称 of 15 000 characters,
a name typed as text beginning with "=", the 入驻企业名单 going on over a second sheet with hidden rows, a merged
备注, a #N/A and figures typed as text. 检查本申报表 gives ``shibai check --write``'s verdict, findings, cells,
notes and fills, none of them a formula the file has not."""
from __future__ import annotations

import re
import shutil

import pytest
import xlwings as xw
from openpyxl import load_workbook

from shibai_xl.adapters.excel.book import OpenBook
from shibai_xl.faces import ribbon_actions as R
from shibai_xl.jobs import actions as A
from shibai_xl.jobs.check_file import check_file
from shibai_xl.jobs.refresh import refresh

from .conftest import example
from .test_forms_as_filled import run_json
from .test_ribbon_actions import (  # noqa: F401  (remote_engine: the autouse fixture, used here too)
    NOW,
    Replay,
    assert_marks_as_in_file,
    assert_sheet_equal,
    open_remote,
    payload,
    refresh_open,
    remote_engine,
    same,
    without_time,
)
from .test_summaries_real_world import summary_with_a_total
from .wps.test_faces_agree import _findings
from .wps.test_faces_agree_awkward_books import CASES, _second_sheet


def _sent(path, name: str) -> dict:
    """The client's JSON, an error cell as Office.js sends it (its text; calamine gives none)."""
    sent = payload(path, name=name)
    wb = load_workbook(path)
    for sheet in sent["sheets"]:
        for row in wb[sheet["name"]].iter_rows():
            for c in row:
                if c.data_type == "e":
                    sheet["values"][c.row - 1][c.column - 1] = c.value
    return sent


def _check_both_ways(path, capsys):
    """(check --json of the file, the button's findings and replay of the open book, the file after check --write)."""
    command = run_json(path, capsys)
    found = A.findings(OpenBook(xw.Book(json=_sent(path, path.name))))
    book = xw.Book(json=_sent(path, str(path)))
    R.dispatch("sb_check", book)
    replay = Replay(book)
    check_file(path, write=True)
    return command, found, replay, load_workbook(path)


def _assert_writes_as_check_write(replay, wb) -> None:
    for (sheet, ref), value in replay.written.items():
        assert same(without_time(value), without_time(wb[sheet][ref].value)), (sheet, ref, value, wb[sheet][ref].value)
        assert not (isinstance(value, str) and value.startswith("=")) or wb[sheet][ref].data_type == "f", (sheet, ref)
    assert_marks_as_in_file(replay, wb)
    results = wb["校验结果"]
    for r in range(1, results.max_row + 1):
        for c in "ABCDE":
            assert same(without_time(replay.value("校验结果", f"{c}{r}")), without_time(results[f"{c}{r}"].value)), \
                (c, r, replay.value("校验结果", f"{c}{r}"), results[f"{c}{r}"].value)


@pytest.mark.parametrize("case", list(CASES))
def test_check_button_answers_and_writes_as_check_write(case, make_workbook, capsys):
    app_type, changes, done_to_it, _ = CASES[case]
    path = make_workbook(app_type, example(app_type, **changes))
    path = done_to_it(path) or path
    command, found, replay, wb = _check_both_ways(path, capsys)
    assert _findings(found["findings"]) == _findings(command["findings"])
    assert [a for a in replay.alerts if "程序内部错误" in a] == []
    _assert_writes_as_check_write(replay, wb)


@pytest.mark.parametrize("variant", ["hidden", "merged", "error", "text number", "hidden merged error text number"])
def test_check_button_on_a_list_going_on_over_a_second_sheet(variant, make_workbook, capsys):
    path = make_workbook("park", example("park"))
    wb = load_workbook(path)
    _second_sheet(wb, variant)
    wb.save(path)
    command, found, replay, wb = _check_both_ways(path, capsys)
    said = _findings(command["findings"])
    if "hidden" in variant:     # rows' visibility needs COM, which the remote engine has not (tested with a stand-in
        said = [f for f in said if "隐藏的行" not in f[2]]   # in test_ribbon_actions)
        assert len(said) == len(command["findings"]) - 1
    assert _findings(found["findings"]) == said
    if "hidden" not in variant:
        _assert_writes_as_check_write(replay, wb)


# --- 刷新汇总表 on an open summary a clerk has worked in -----------------------------------------------------------

def _clerks_summary(tmp_path, make_workbook, inside: bool, typed: bool):
    """(summary, applications): two projects, then the clerk's work: a 市州评分, a column of his own right of the
    table, 合计 under it (``inside``: Excel took it into the table; ``typed``: numbers, else =SUM), Excel's lock files
    beside the summary and among the applications; a third application arrives."""
    summary, apps, total = summary_with_a_total(tmp_path, make_workbook, "项目汇总表.xlsx", inside, typed)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    ws.cell(4, header["市州评分"]).value = 86
    own = ws.max_column + 1
    ws.cell(3, own).value, ws.cell(4, own).value = "市局意见", "同意推荐"
    wb.save(summary)
    for lock in (summary.with_name("~$项目汇总表.xlsx"), apps / "~$企业.xlsx"):
        lock.write_bytes(b"\x05\x00\xe5\xbc\xa0\xe4\xb8\x89" + b" " * 100)    # Excel's owner file: not a workbook
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    return summary, apps


@pytest.mark.parametrize("inside, typed", [(False, True), (True, True), (False, False), (True, False)])
def test_refresh_button_on_a_clerks_summary_writes_what_refresh_writes(inside, typed, tmp_path, make_workbook):
    summary, apps = _clerks_summary(tmp_path, make_workbook, inside, typed)
    cli, said, book, report, replay = _refreshed_both_ways(summary, apps, tmp_path)
    for ws in load_workbook(cli).worksheets:
        assert_sheet_equal(replay, ws)
    assert _lines(report.describe(), summary) == _lines(said, cli)
    marked = {c.coordinate: c.comment.text for c in load_workbook(cli)["项目汇总表"]["F"] if c.comment}
    assert {ref: replay.notes_added.get(("项目汇总表", ref)) for ref in marked} == marked


def _refreshed_both_ways(summary, apps, tmp_path):
    """``shibai refresh`` on a copy of ``summary`` and 刷新汇总表 on it open: (the copy, what the command said, the open
    book, the button's report, the replay of what the button wrote)."""
    cli = tmp_path / "cli" / summary.name
    cli.parent.mkdir()
    shutil.copy(summary, cli)
    said = refresh(cli, apps, now=NOW).describe()
    book = open_remote(summary)
    report = refresh_open(OpenBook(book), apps, now=NOW)
    return cli, said, book, report, Replay(book)


def _lines(message: str, path) -> list[str]:
    """A refresh's report, the summary's path, the files its cache spared reading (kept beside the summary the button
    refreshes, none beside the copy) and the face's own next step (the title's --city) aside."""
    return [re.sub(r"（重新读取.*?）", "", line.split("，或刷新时加上 --city")[0])
            for line in message.replace(str(path), "汇总表").splitlines()]


# --- an .xls summary open in Excel (saved as Excel 97-2003, its table kept as Excel keeps it) ----------------------

def _open_as_xls(summary, tmp_path) -> tuple[xw.Book, object]:
    """The summary saved as .xls beside itself, open in Excel showing what it did (names, table, values)."""
    from .libreoffice import convert

    xls = convert(summary, "xls", tmp_path / "xls")
    return xw.Book(json=payload(summary, name=str(xls))), xls


def _refused_as_the_command(book, xls, command: list[str], button: str, last: list[str] = ()) -> None:
    from shibai_xl.faces.cli import main

    R.dispatch(button, book)
    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"] and actions[0]["args"][3] == "critical", actions
    said = actions[0]["args"][0]
    assert f"“{xls.name}”是Excel 97-2003（.xls）格式，本工具只写入 .xlsx 工作簿，未改动它" in said, said
    assert main([*command, str(xls), *last]) == 2      # `shibai refresh` / `merge` refuse the same file


def test_refresh_button_on_an_open_xls_summary_refuses_as_refresh_does(tmp_path, demo_folder):
    """A city's summary saved as .xls (an old habit, or a colleague's Excel 2003) and open in Excel with its table: the
    button refreshed it in place, to be saved back as .xls, where ``shibai refresh`` refuses the file unchanged."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    summary = tmp_path / "src" / "项目汇总表.xlsx"
    summary.parent.mkdir()
    refresh(summary, apps, now=NOW)
    book, xls = _open_as_xls(summary, tmp_path)
    shutil.copytree(apps, xls.parent / "申报表")
    assert OpenBook(book).kind() == "summary"
    _refused_as_the_command(book, xls, ["refresh", "--from", str(apps)], "sb_refresh")


def test_merge_button_on_an_open_xls_province_refuses_as_merge_does(tmp_path, demo_folder):
    from shibai_xl.jobs.merge import PROVINCE_TITLE
    from shibai_xl.jobs.new_workbook import new_workbook

    province = tmp_path / "src" / "全省.xlsx"
    province.parent.mkdir()
    new_workbook("summary", province, PROVINCE_TITLE)
    book, xls = _open_as_xls(province, tmp_path)
    city = xls.parent / "贵阳市项目汇总表.xlsx"
    refresh(city, demo_folder / "申报表", city="贵阳市", now=NOW)
    assert OpenBook(book).kind() == "province"
    _refused_as_the_command(book, xls, ["merge"], "sb_merge", [str(city)])


@pytest.mark.parametrize("case", ["text starting with =", "very long text", "names in upper case",
                                  "copy of the form filled, original blank"])
def test_refresh_button_on_awkward_applications_writes_what_refresh_writes(case, tmp_path, make_workbook):
    """The awkward forms above in the folder: the open summary gets the rows ``shibai refresh`` writes, a name typed
    as "=…" as text (never a formula), a 15 000-character one as the file holds it."""
    app_type, changes, done_to_it, _ = CASES[case]
    apps = tmp_path / "申报表"
    apps.mkdir()
    path = make_workbook(app_type, example(app_type, **changes), name="申报表/申报.xlsx")
    done_to_it(path)
    summary = tmp_path / "项目汇总表.xlsx"
    from shibai_xl.jobs.new_workbook import new_workbook
    new_workbook("summary", summary)
    cli, said, book, report, replay = _refreshed_both_ways(summary, apps, tmp_path)
    wb = load_workbook(cli)
    for ws in wb.worksheets:
        assert_sheet_equal(replay, ws)
    formulas = {(ws.title, c.row, c.column) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"}
    for act in book.json()["actions"]:
        if act["func"] == "setValues":
            sheet = replay.names[act["sheet_position"]]
            for i, row in enumerate(act["values"]):
                for j, v in enumerate(row):     # a formula only where the file has one: the tool's own
                    at = (sheet, act["start_row"] + 1 + i, act["start_column"] + 1 + j)
                    assert not (isinstance(v, str) and v.startswith("=")) or at in formulas, (at, v)
    assert _lines(report.describe(), summary) == _lines(said, cli)


# --- 合并市州汇总 into an open provincial summary, the cities' summaries as clerks send them ------------------------

def test_merge_button_on_clerks_city_summaries_writes_what_merge_writes(tmp_path, make_workbook):
    """Two cities' summaries worked on by their clerks (市州评分, a column of their own, 合计 typed under the table,
    one with =SUM), Excel's lock file of one beside them: the open provincial summary gets what ``shibai merge``
    writes, and the same report."""
    from shibai_xl.jobs.merge import PROVINCE_TITLE, merge
    from shibai_xl.jobs.new_workbook import new_workbook

    folder = tmp_path / "省"
    folder.mkdir()
    cities = []
    for city, typed in (("贵阳市", True), ("遵义市", False)):
        (tmp_path / city).mkdir()
        summary, apps = _clerks_summary(tmp_path / city, make_workbook, inside=False, typed=typed)
        summary.with_name("~$项目汇总表.xlsx").unlink()     # the clerk closed it to refresh it as a file
        refresh(summary, apps, city=city, now=NOW)
        cities.append(shutil.copy(summary, folder / f"{city}项目汇总表.xlsx"))
    (folder / "~$贵阳市项目汇总表.xlsx").write_bytes(b"\x05\x00" + b" " * 160)
    province = folder / "全省项目汇总表.xlsx"
    new_workbook("summary", province, PROVINCE_TITLE)
    cli = tmp_path / "cli" / province.name
    cli.parent.mkdir()
    shutil.copy(province, cli)
    said = merge(cli, sorted(cities), now=NOW).describe()
    book = open_remote(province)
    view = OpenBook(book)
    outcome = A.merge(view, A.Inputs(now=NOW))      # the button's job, at the command's time
    A.apply_in_excel(view, outcome)
    replay = Replay(book)
    for ws in load_workbook(cli).worksheets:
        assert_sheet_equal(replay, ws)
    assert _lines(outcome.message, province) == _lines(said, cli)


# --- 专家评分表 / 汇总专家评分 from the open summary (Excel's own lock file beside it, as always while it is open) ----

def test_review_buttons_on_a_clerks_open_summary_do_what_review_does(tmp_path, make_workbook, monkeypatch):
    from shibai_xl.faces.cli import main

    summary, apps = _clerks_summary(tmp_path, make_workbook, inside=False, typed=True)
    lock = summary.with_name("~$项目汇总表.xlsx")
    lock.unlink()
    refresh(summary, apps, city="贵阳市", now=NOW)
    cli = tmp_path / "cli"
    shutil.copytree(apps, cli / "申报表")
    shutil.copy(summary, cli / summary.name)
    assert main(["review", "make", str(cli / "专家评审"), "--from", str(cli / summary.name), "--experts", "甲,乙,丙"]) == 0
    lock.write_bytes(b"\x05\x00" + b" " * 160)     # the summary is open in Excel
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙,丙")
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    said = Replay(book).alerts[-1]
    assert "为 3 位专家生成评分表" in said, said
    made = sorted(p.name for p in (tmp_path / R.REVIEW_FOLDER).glob("*.xlsx"))
    assert made == sorted(p.name for p in (cli / "专家评审").glob("*.xlsx"))
    for name in made:
        for ws in load_workbook(cli / "专家评审" / name).worksheets:
            got = load_workbook(tmp_path / R.REVIEW_FOLDER / name)[ws.title]
            assert [[without_time(c.value) for c in row] for row in got.iter_rows()] == \
                [[without_time(c.value) for c in row] for row in ws.iter_rows()], (name, ws.title)
    book = open_remote(summary)
    R.dispatch("sb_review_collect", book)
    said = Replay(book).alerts[-1]
    assert said.startswith("评审结果："), said


def test_merge_button_from_an_open_city_summary_named_as_made_writes_the_province(tmp_path, demo_folder, capsys):
    """合并市州汇总 clicked in the city's 项目汇总表.xlsx (the name ``shibai new``/``demo`` give it), open in Excel and so
    with Excel's ~$项目汇总表.xlsx beside it: that lock is also what Excel would name the lock of 全省项目汇总表.xlsx
    (~$ in place of a long name's first two characters), so the button refused “全省项目汇总表.xlsx正在被 Excel/WPS
    打开” — every time, 全省项目汇总表.xlsx not even there — and ``shibai merge`` refused the same while the city's
    summary was open. The lock is 项目汇总表.xlsx's, which is there: the province is written, the same both ways."""
    from shibai_xl.faces.cli import main

    folder = tmp_path / "黔东南州"
    shutil.copytree(demo_folder / "申报表", folder / "申报表")
    summary = folder / "项目汇总表.xlsx"
    refresh(summary, folder / "申报表", city="黔东南州", now=NOW)
    (folder / "~$项目汇总表.xlsx").write_bytes(b"\x05\x00" + b" " * 160)    # it is open in Excel
    cli = tmp_path / "cli" / "全省项目汇总表.xlsx"
    cli.parent.mkdir()
    capsys.readouterr()
    assert main(["merge", str(cli), str(summary)]) == 0, capsys.readouterr()
    book = open_remote(summary)
    view = OpenBook(book)
    outcome = A.merge(view, A.Inputs(now=NOW))
    assert not outcome.critical, outcome.message
    province = folder / R.PROVINCE_FILE
    assert province.is_file() and "合并：黔东南州 4 项" in outcome.message, outcome.message
    made, expected = load_workbook(province), load_workbook(cli)
    for ws in expected.worksheets:
        got = made[ws.title]
        diff = [(c.coordinate, c.value, got[c.coordinate].value) for row in ws.iter_rows() for c in row
                if without_time(c.value) != without_time(got[c.coordinate].value)
                and ws.cell(3, c.column).value != "更新时间"]      # the command's now, the button's NOW
        assert not diff, (ws.title, diff[:6])


@pytest.mark.parametrize("typed", [True, False])
def test_merge_button_into_a_province_with_a_total_typed_under_it(typed, tmp_path, demo_folder):
    """The province's clerk typed 合计 under the merged table (numbers, or =SUM) and a column of her own; a city sends
    its summary later: the open provincial summary gets what ``shibai merge`` writes, and the same report."""
    from shibai_xl.jobs.merge import PROVINCE_TITLE, merge
    from shibai_xl.jobs.new_workbook import new_workbook

    from .test_summaries_real_world import _add_total

    folder = tmp_path / "省"
    folder.mkdir()
    province = folder / "全省汇总.xlsx"
    new_workbook("summary", province, PROVINCE_TITLE)
    first = folder / "贵阳市项目汇总表.xlsx"
    refresh(first, demo_folder / "申报表", city="贵阳市", now=NOW)
    merge(province, [first], now=NOW)
    _add_total(province, inside=False, typed=typed)
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    ws.cell(3, ws.max_column + 1).value = "省厅意见"
    wb.save(province)
    later = folder / "遵义市项目汇总表.xlsx"
    refresh(later, demo_folder / "申报表", city="遵义市", now=NOW)
    cli = tmp_path / "cli" / province.name
    cli.parent.mkdir()
    shutil.copy(province, cli)
    said = merge(cli, [first, later], now=NOW).describe()
    book = open_remote(province)
    view = OpenBook(book)
    outcome = A.merge(view, A.Inputs(now=NOW))
    A.apply_in_excel(view, outcome)
    replay = Replay(book)
    for ws in load_workbook(cli).worksheets:
        assert_sheet_equal(replay, ws)
    assert _lines(outcome.message, province) == _lines(said, cli)
