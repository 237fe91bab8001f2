"""The add-in's JavaScript in node, on a fake WPS workbook, against the real running ``shibai serve``.

检查本申报表 must leave the fake workbook with the cells, notes, fills and result rows that
``shibai check --write`` leaves in the file; 刷新汇总表 with the rows ``shibai refresh`` writes.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from shibai_xl.engine.plan import INPUT_COLOR, RESULT_FIRST_ROW
from shibai_xl.errors import RefusedWrite
from shibai_xl.jobs.actions import HELP_TEXT, REVIEW_FOLDER
from shibai_xl.jobs.check_file import check_file
from shibai_xl.jobs.new_workbook import new_workbook
from shibai_xl.jobs.refresh import refresh

from .conftest import ADDIN, NODE, fake_book, needs_node, run_js, sheet_of, value2

pytestmark = needs_node


def same(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(b, (dt.date, dt.datetime)):
        b = value2(b)
        return isinstance(a, (int, float)) and abs(a - b) < 0.01     # the same minute, as a serial number
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def without_time(text):
    return re.sub(r"检查时间：[^；]*", "", text) if isinstance(text, str) else text


def hex_of(bgr: int) -> str:
    return f"{bgr & 0xFF:02X}{(bgr >> 8) & 0xFF:02X}{(bgr >> 16) & 0xFF:02X}"


def notes_of(result: dict) -> dict[tuple[str, str], str]:
    return {(s["name"], ref): text for s in result["book"]["sheets"] for ref, text in s["notes"].items()}


def colors_of(result: dict) -> dict[tuple[str, str], str]:
    return {(s["name"], ref): hex_of(c) for s in result["book"]["sheets"] for ref, c in s["colors"].items()}


def assert_writes_as_check_write(path, tmp_path, service) -> None:
    """检查本申报表 in WPS on the unsaved workbook at ``path`` and ``shibai check --write`` on a copy of the file: the same
    cells written (校验结果, 建议分 and 理由), the same notes and fills on the same cells, and nothing written a formula
    the file does not hold (a text beginning with "=" stays text)."""
    clicked = run_js(tmp_path, fake_book(path, saved=False, formulas=True), "sb_check", service)
    assert clicked["error"] is None, clicked["error"]
    written = tmp_path / "written.xlsx"
    shutil.copy(path, written)
    check_file(written, write=True)
    wb = load_workbook(written)
    differ = [(s["name"], ref, str(s["cells"].get(ref))[:80], str(wb[s["name"]][ref].value)[:80])
              for s in clicked["book"]["sheets"] for ref in s["written"] if s["name"] in wb.sheetnames
              and not same(without_time(s["cells"].get(ref)), without_time(wb[s["name"]][ref].value))]
    assert not differ, differ
    marked = {(w.title, c.coordinate): (c.fill.fgColor.rgb, c.comment.text)
              for w in wb.worksheets for row in w.iter_rows() for c in row if c.comment}
    assert set(notes_of(clicked)) == set(marked), set(notes_of(clicked)) ^ set(marked)
    for where, (rgb, text) in marked.items():
        assert notes_of(clicked)[where] == text and colors_of(clicked).get(where) == rgb[2:], where
    for s in clicked["book"]["sheets"]:
        formulas = [ref for ref in s["written"] if str(s["cells"].get(ref) or "").startswith("=")
                    and ref not in s.get("texts", [])]
        assert all(wb[s["name"]][r].data_type == "f" for r in formulas), (s["name"], formulas)


# --- 检查本申报表 = shibai check --write ---------------------------------------------------------------------

def test_check_in_wps_leaves_what_check_write_leaves(service, flawed_park, tmp_path):
    clicked = run_js(tmp_path, fake_book(flawed_park), "sb_check", service)
    assert clicked["error"] is None and clicked["returnedFirst"]          # the callback returned at once
    assert clicked["book"]["saves"] == 0 and "前置条件：待定" in clicked["alerts"][-1]

    result = check_file(flawed_park, write=True)                          # the CLI's `shibai check --write`
    wb = load_workbook(flawed_park)
    assert len(result.findings) >= 5 and clicked["shown"] == [len(result.findings)]

    written = 0
    for sheet in clicked["book"]["sheets"]:
        for ref in sheet["written"]:
            assert same(without_time(sheet["cells"].get(ref)), without_time(wb[sheet["name"]][ref].value)), ref
            written += 1
    assert written > 20
    results, ws = sheet_of(clicked, "校验结果"), wb["校验结果"]
    for r in range(RESULT_FIRST_ROW, ws.max_row + 1):
        for c in "ABCD":
            assert same(results["cells"].get(f"{c}{r}"), ws[f"{c}{r}"].value), f"{c}{r}"
    assert results["cells"][f"B{RESULT_FIRST_ROW + len(result.findings) - 1}"] == result.findings[-1].code
    for name, dn in wb.defined_names.items():
        if name.startswith(("sb_score_auto_", "sb_score_reason_", "sb_result_status", "sb_result_score")):
            sheet, ref = dn.attr_text.replace("$", "").replace("'", "").split("!")
            assert same(sheet_of(clicked, sheet)["cells"].get(ref), wb[sheet][ref].value), name

    marked = {(w.title, c.coordinate): (c.fill.fgColor.rgb, c.comment.text)
              for w in wb.worksheets for row in w.iter_rows() for c in row if c.comment}
    assert set(notes_of(clicked)) == set(marked) == set(colors_of(clicked))
    for where, (rgb, text) in marked.items():
        assert colors_of(clicked)[where] == rgb[2:]
        assert notes_of(clicked)[where] == text
    links = {(s["name"], ref): link for s in clicked["book"]["sheets"] for ref, link in s["links"].items()}
    assert len(links) == sum(1 for f in result.findings if f.sheet and f.cell)
    for (sheet, ref), link in links.items():
        assert link["target"] == wb[sheet][ref].hyperlink.location and link["text"] == wb[sheet][ref].value


def test_check_again_replaces_the_previous_marks(service, flawed_park, tmp_path):
    check_file(flawed_park, write=True)                                   # marks from an earlier check
    wb = load_workbook(flawed_park)
    sheet, ref = wb.defined_names["sb_leader_mobile"].attr_text.replace("$", "").replace("'", "").split("!")
    before = {(w.title, c.coordinate) for w in wb.worksheets for row in w.iter_rows() for c in row if c.comment}
    assert (sheet, ref) in before
    wb[sheet][ref].value = "13908510001"                                  # the person fixes the number
    wb[sheet]["A1"].comment = None
    from openpyxl.comments import Comment

    wb["申报表"]["A2"].comment = Comment("请领导审阅", "李四")               # and leaves a note of their own
    wb.save(flawed_park)

    clicked = run_js(tmp_path, fake_book(flawed_park), "sb_check", service)
    assert clicked["error"] is None
    notes = notes_of(clicked)
    assert set(notes) == before - {(sheet, ref)} | {("申报表", "A2")}
    assert notes[("申报表", "A2")] == "请领导审阅"                          # a person's note is never touched
    assert colors_of(clicked)[(sheet, ref)] == INPUT_COLOR.lstrip("#")   # the fixed cell back to the input colour
    last = load_workbook(flawed_park)["校验结果"].max_row
    assert sheet_of(clicked, "校验结果")["cells"].get(f"A{last}") is None   # the shorter list blanks the old rows


def test_a_task_pane_that_cannot_open_does_not_swallow_the_checks_message(service, flawed_park, tmp_path):
    """The findings go to the task pane before the message box: where WPS cannot open the pane (a WPS without
    CreateTaskPane, the pane's page gone after an upgrade while WPS ran), the exception left the click half done —
    cells marked, but no message at all (neither the verdict nor that it was done), and no English either. The
    message is shown, saying where the problems are instead."""
    clicked = run_js(tmp_path, {**fake_book(flawed_park), "pane_fails": True}, "sb_check", service)
    assert clicked["error"] is None and sheet_of(clicked, "校验结果")["written"]
    said = clicked["alerts"][-1]
    assert said.startswith("检查完成") and "任务窗格无法打开" in said and "校验结果" in said, said
    assert "CreateTaskPane" not in said and "TypeError" not in said


def test_a_check_that_finds_nothing_clears_the_task_panes_old_list(service, make_workbook, tmp_path):
    """The task pane listed the last check's problems: a check with none left (the person fixed the mobile of a park
    without 直播间 or 供应链金融, so no RULE_GAP either) did not tell the pane, which kept listing the fixed
    FIELD_MOBILE as if it were still there. Every 检查本申报表 and 自动评分 (the whole check) updates the pane."""
    from openpyxl import load_workbook as load

    from ..conftest import example

    path = make_workbook("park", example("park", sb_live_rooms=0, sb_finance_coop="否", sb_leader_mobile="12345"))
    clicked = run_js(tmp_path, fake_book(path), "sb_check", service)
    assert clicked["error"] is None and clicked["shown"] == [1]             # FIELD_MOBILE listed
    wb = load(path)
    sheet, ref = wb.defined_names["sb_leader_mobile"].attr_text.replace("$", "").replace("'", "").split("!")
    wb[sheet][ref].value = "13908510001"                                   # the person fixes it
    wb.save(path)
    for control in ("sb_check", "sb_score"):
        clicked = run_js(tmp_path, fake_book(path), control, service)
        assert clicked["error"] is None and clicked["outcome"]["findings"] == []
        assert clicked["shown"] == [0], control                            # the pane now says 没有发现问题
    for control in ("sb_upload_name", "sb_help"):                          # no list of findings: pane untouched
        assert run_js(tmp_path, fake_book(path), control, service)["shown"] == [], control


def test_an_unsaved_workbook_is_sent_as_values_and_gets_the_same_edits(service, flawed_park, tmp_path, monkeypatch,
                                                                      rules):
    saved = run_js(tmp_path, fake_book(flawed_park), "sb_check", service)
    unsaved = run_js(tmp_path, fake_book(flawed_park, saved=False), "sb_check", service)
    assert unsaved["error"] is None and unsaved["book"]["saves"] == 0
    for a, b in zip(saved["book"]["sheets"], unsaved["book"]["sheets"]):
        assert {k: without_time(v) for k, v in a["cells"].items()} == {k: without_time(v) for k, v in b["cells"].items()}
        assert (a["notes"], a["colors"], a["links"]) == (b["notes"], b["colors"], b["links"])
    # an unsaved workbook has no folder: 新建申报表 writes its type's blank into 文档, the workbook neither saved nor
    # changed (it said “请先保存”: a clerk had to save a workbook only to get a blank form)
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    new = run_js(tmp_path, fake_book(flawed_park, saved=False), "sb_new", service)
    blank = home / "Documents" / f"{rules.types['park'].form_title}（空白）.xlsx"
    assert new["error"] is None and blank.is_file() and new["opened"] == [str(blank)], new["alerts"]
    assert new["book"]["saves"] == 0 and not any(s["written"] for s in new["book"]["sheets"])


def test_an_unsaved_workbook_is_read_with_its_cells_formats_as_the_saved_file_is(service, make_workbook, tmp_path):
    """An unsaved workbook is sent as its values: without the cells' number formats, 成立日期 typed as “2023年4月”
    (Excel/WPS store 2023-04-01 shown as a month) was read as 1 April, so the 1 year was met instead of 待定; and a
    线上交易占比 of 0.6 in a cell without the % format scored as 60% where the saved file counts 0.6% and says so."""
    from datetime import date

    from ..conftest import example
    from ..test_dates_as_shown import _with_format

    path = make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 15)))
    _with_format(path, "sb_established", date(2023, 4, 1), 'yyyy"年"m"月"')
    _with_format(path, "sb_online_share", 0.6, "General")
    saved = run_js(tmp_path, fake_book(path), "sb_check", service)["outcome"]
    unsaved = run_js(tmp_path, fake_book(path, saved=False), "sb_check", service)["outcome"]
    assert "前置条件：待定" in saved["message"]
    assert unsaved["message"] == saved["message"] and unsaved["findings"] == saved["findings"]


def test_hidden_rows_and_sheets_of_an_unsaved_workbook_are_said_as_the_saved_files_are(service, make_workbook,
                                                                                      tmp_path):
    """A park's 附件3 list with a filter left on hiding two companies, and its 续页 on a hidden sheet: the saved file
    says both (XC_RESIDENT_ROW: counted, but nobody sees them); the unsaved workbook was sent as values alone, and
    counted them without a word. The add-in now sends which rows and sheets are hidden, asking WPS a block of rows at
    a time."""
    from openpyxl import load_workbook

    from ..conftest import example
    from ..test_resident_list_hidden_rows import hide

    path = hide(make_workbook("park", example("park")), [7, 8], filter_ref="A5:K17")
    wb = load_workbook(path)
    extra = wb.copy_worksheet(wb["入驻企业名单"])
    extra.title, extra.sheet_state = "名单（旧）", "hidden"
    wb.save(path)
    saved = run_js(tmp_path, fake_book(path), "sb_check", service)["outcome"]
    clicked = run_js(tmp_path, fake_book(path, saved=False), "sb_check", service)
    unsaved = clicked["outcome"]
    hidden = [f for f in saved["findings"] if f["code"] == "XC_RESIDENT_ROW" and "隐藏的行" in f["message"]]
    assert hidden and "第7、8行" in hidden[0]["message"], saved["findings"]
    assert unsaved["message"] == saved["message"] and unsaved["findings"] == saved["findings"]
    asked = {s["name"]: s["row_questions"] for s in clicked["book"]["sheets"]}
    assert 0 < asked["入驻企业名单"] < 40, asked         # a block at a time, not each row


def test_a_changed_workbook_is_saved_before_its_path_is_sent(service, flawed_park, tmp_path):
    book = fake_book(flawed_park)
    book["saved"] = False
    clicked = run_js(tmp_path, book, "sb_upload_name", service)
    assert clicked["book"]["saves"] == 1 and clicked["alerts"][-1].endswith("申报资料.pdf")


# --- 刷新汇总表 = shibai refresh ----------------------------------------------------------------------------

def test_refresh_in_wps_leaves_the_rows_refresh_writes(service, tmp_path, demo_folder):
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    a, b = tmp_path / "项目汇总表.xlsx", tmp_path / "cli" / "项目汇总表.xlsx"
    b.parent.mkdir()
    new_workbook("summary", a)
    shutil.copy(a, b)

    clicked = run_js(tmp_path, fake_book(a), "sb_refresh", service)
    assert clicked["error"] is None and "新增 4 行" in clicked["alerts"][-1]
    refresh(b, apps)                                                       # the CLI's `shibai refresh`
    wb = load_workbook(b)
    names = [s["name"] for s in clicked["book"]["sheets"]]
    assert names == wb.sheetnames
    for ws in wb.worksheets:
        fake = sheet_of(clicked, ws.title)
        expected = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
        assert set(fake["cells"]) == set(expected), ws.title
        for ref, value in expected.items():
            assert same(fake["cells"][ref], value), (ws.title, ref, fake["cells"][ref], value)
        assert fake["visible"] == (ws.sheet_state == "visible")
        assert [t["ref"] for t in fake["tables"]] == [t.ref for t in ws.tables.values()]
    assert any(not s["visible"] for s in clicked["book"]["sheets"])      # the hidden state sheet was added hidden
    assert clicked["book"]["active"] == names[0]                          # adding sheets did not move the user


def test_refresh_in_wps_writes_the_shown_one_of_two_columns_titled_alike(service, tmp_path):
    """Last year's 年度交易额（万元） hidden beside this year's column: the button wrote the new project's amount into
    the hidden one (the open workbook's mirror knew no hidden column). It writes the shown one, as `shibai refresh`."""
    from openpyxl.utils import get_column_letter

    from ..test_refresh_hidden_columns import _tool_summary_with_hidden_old_column

    summary, _folder, old, new = _tool_summary_with_hidden_old_column(tmp_path)
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert clicked["error"] is None and "隐藏的" in clicked["alerts"][-1], clicked["alerts"]
    cells = sheet_of(clicked, "项目汇总表")["cells"]
    assert isinstance(cells.get(f"{get_column_letter(new)}5"), (int, float)), cells
    assert f"{get_column_letter(old)}5" not in cells, cells


# --- the other buttons ----------------------------------------------------------------------------------

def test_a_made_workbook_wps_cannot_open_is_not_called_a_failed_write(service, make_workbook, tmp_path, rules):
    """新建申报表 opens the blank it made (as the Excel ribbon does, where opening is a courtesy). When WPS could not
    open it (a workbook of the same name open already), the add-in said “写入工作簿时出错：Cannot open two workbooks…
    工作簿可能只改了一部分，请不要保存” — English, and false: the open workbook was not changed and the blank was made.
    It now says the file was made and where to open it from."""
    path = make_workbook("base")
    clicked = run_js(tmp_path, {**fake_book(path), "open_fails": True}, "sb_new", service)
    out = path.parent / f"{rules.types['base'].form_title}（空白）.xlsx"
    said = clicked["alerts"][-1]
    assert clicked["error"] is None and out.is_file() and clicked["opened"] == []
    assert said.startswith("已生成空白申报表") and str(out) in said and "文件 → 打开" in said, said
    assert "写入工作簿时出错" not in said and "不要保存" not in said and "Cannot" not in said


def test_help_new_and_review_buttons(service, tmp_path, demo_folder, make_workbook, rules):
    shown = run_js(tmp_path, None, "sb_help", service)
    assert shown["error"] is None and shown["alerts"] == [HELP_TEXT]

    path = make_workbook("base")
    new = run_js(tmp_path, fake_book(path), "sb_new", service)
    out = path.parent / f"{rules.types['base'].form_title}（空白）.xlsx"
    assert out.is_file() and new["opened"] == [str(out)]

    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市")
    cancelled = run_js(tmp_path, fake_book(summary), "sb_review_make", service)   # the prompt cancelled
    assert cancelled["error"] == "cancelled" and cancelled["asked"] and not (tmp_path / REVIEW_FOLDER).exists()
    made = run_js(tmp_path, fake_book(summary), "sb_review_make", service, answer="甲，乙,丙")
    assert "为 3 位专家生成评分表" in made["alerts"][-1]
    collected = run_js(tmp_path, fake_book(summary), "sb_review_collect", service)
    # nobody has scored yet: the result is incomplete, and marked so ahead of its text
    assert collected["alerts"][-1].startswith("【请注意】评审结果：") and "评审结果不完整" in collected["alerts"][-1]


def test_no_service_no_token_say_what_to_do(service, flawed_park, tmp_path):
    from .conftest import free_port

    down = run_js(tmp_path, fake_book(flawed_park), "sb_check", service,
                  settings={"port": free_port(), "token": "x"})
    assert "无法连接本机服务 shibai serve" in down["alerts"][-1] and not sheet_of(down, "校验结果")["written"]
    bare = run_js(tmp_path, fake_book(flawed_park), "sb_check", service, settings={"port": service.port, "token": ""})
    assert "shibai wps install" in bare["alerts"][-1]
    # a token the service does not hold (WPS not restarted after a reinstall): its proof does not match, so the
    # add-in cannot tell it from another program and sends nothing
    wrong = run_js(tmp_path, fake_book(flawed_park), "sb_check", service,
                   settings={"port": service.port, "token": "wrong"})
    assert "没有发送请求" in wrong["alerts"][-1] and "重新启动 WPS" in wrong["alerts"][-1]
    assert not sheet_of(wrong, "校验结果")["written"] and not any(r["token"] for r in wrong["requests"])


# --- what the clerk sees when a click cannot go ahead -------------------------------------------------------

def test_changes_that_cannot_be_saved_are_not_checked_from_the_stale_file(service, flawed_park, tmp_path):
    """The service reads the file on disk: a read-only workbook, a save that fails (no write permission) or is
    cancelled would have the file checked without the clerk's changes. Once the read-only case called Save and
    showed "读取工作簿时出错：Permission denied"."""
    from .test_serve import digest

    before, scratch = digest(flawed_park.parent), tmp_path / "js"
    scratch.mkdir()
    for fault, expected in (({"readonly": True}, "只读"), ({"save_fails": "error"}, "无法保存"),
                            ({"save_fails": "cancel"}, "还没有保存")):
        book = {**fake_book(flawed_park), "saved": False, **fault}
        clicked = run_js(scratch, book, "sb_check", service)
        message = clicked["alerts"][-1]
        assert clicked["error"] and expected in message and "读取工作簿时出错" not in message, (fault, message)
        assert "另存为" in message or "Ctrl+S" in message, message
        assert not sheet_of(clicked, "校验结果")["written"] and clicked["book"]["saves"] == 0
    unchanged = run_js(scratch, {**fake_book(flawed_park), "readonly": True}, "sb_check", service)
    assert unchanged["error"] is None and sheet_of(unchanged, "校验结果")["written"]   # nothing to save: checked
    assert {k: v for k, v in digest(flawed_park.parent).items() if not k.startswith("js")} == before


def test_new_with_no_workbook_open_writes_into_documents(service, tmp_path, monkeypatch, rules):
    """新建申报表 needs no workbook (as in Excel: all four blanks in 文档); the service once answered
    "没有收到工作簿：请先打开要处理的工作簿" to the add-in, which sends nothing when none is open."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    clicked = run_js(tmp_path, None, "sb_new", service)
    assert clicked["error"] is None, clicked["alerts"]
    made = sorted(p.name for p in (home / "Documents").iterdir())
    assert made == sorted(f"{t.form_title}（空白）.xlsx" for t in rules.types.values())
    assert all(str(home / "Documents" / name) in clicked["alerts"][-1] for name in made)


def test_the_task_panes_check_again_with_no_workbook_open_says_to_open_one(tmp_path):
    """重新检查 in the task pane after the workbook was closed said “读取工作簿时出错：Cannot read properties of null
    (reading 'Path') 请保存工作簿后重试”: English from JavaScript and advice that cannot help. It says what the ribbon
    buttons say."""
    script = ("const S = require(process.argv[1]);"
              "const addin = S.create({settings: {port: 1, token: 't'}, application: () => ({ActiveWorkbook: null}),"
              " transport: (m, u, h, b, done) => done(new Error('no request expected'))});"
              "addin.findings(undefined, (error, data) => console.log(JSON.stringify([error, data])));")
    done = subprocess.run([NODE, "-e", script, str(ADDIN / "js" / "shibai.js")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    error, data = json.loads(done.stdout)
    assert error == "请先打开要处理的工作簿。" and data is None


def test_a_job_longer_than_the_addins_wait_is_not_called_a_service_that_is_not_running(tmp_path):
    """The add-in waits 10 minutes for an answer; a refresh of a big folder on a slow computer that took longer was
    reported as “无法连接本机服务 shibai serve … 请运行 shibai wps install”, though the service was running and
    still working (a merge or review it was doing still writes its files). It says the wait ran out."""
    script = ("const S = require(process.argv[1]);"
              "const alerts = [];"
              "const transport = (method, url, headers, body, done) => {"
              "  const nonce = new URL(url).searchParams.get('challenge');"
              "  if (method === 'GET') { done(null, 200, JSON.stringify({ok: true, proof: S.proof('t', 27400, nonce)})); }"
              "  else { done(new Error('timeout')); } };"
              "const wb = {Path: '/data', FullName: '/data/汇总表.xlsx', Name: '汇总表.xlsx', Saved: true};"
              "const addin = S.create({settings: {port: 27400, token: 't'}, transport, alert: (t) => alerts.push(t),"
              " application: () => ({ActiveWorkbook: wb})});"
              "addin.click('sb_refresh', (error) => console.log(JSON.stringify(alerts)));")
    done = subprocess.run([NODE, "-e", script, str(ADDIN / "js" / "shibai.js")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    [said] = json.loads(done.stdout)
    assert "10 分钟" in said and "仍在运行" in said and "无法连接" not in said and "wps install" not in said


def test_a_long_refresh_shows_in_wps_status_bar_what_the_service_is_doing(service, tmp_path, make_workbook):
    """刷新汇总表 of a folder of many applications takes a minute or more on a slow computer. Excel's status bar shows
    “刷新汇总表：120/1000 文件名” meanwhile; WPS showed nothing at all until the answer came, so a clerk could not tell
    a running refresh from a click that went nowhere (and clicked again, or closed WPS). WPS's status bar now says
    at once that the service is working, then how far it is, and gets WPS's own text back with the answer."""
    from shibai_xl.examples import example_residents

    park = make_workbook("park", residents=example_residents("park", n=300), name="园区.xlsx")
    apps = tmp_path / "申报表"
    apps.mkdir()
    for i in range(24):
        shutil.copy(park, apps / f"园区 {i:02d}.xlsx")
    summary = tmp_path / "项目汇总表.xlsx"
    new_workbook("summary", summary)

    clicked = run_js(tmp_path, {**fake_book(summary), "poll_ms": 20}, "sb_refresh", service)
    assert clicked["error"] is None and "新增" in clicked["alerts"][-1]
    bar = clicked["status_bar"]
    assert bar and bar[0].startswith("十百千万：") and "请稍候" in bar[0], bar
    assert any(isinstance(t, str) and re.fullmatch(r"十百千万：刷新汇总表：\d+/24 园区 \d\d\.xlsx", t) for t in bar), bar
    assert bar[-1] is False                                  # WPS's own status text back once the answer is in
    assert not any("令牌" in str(t) or "无法" in str(t) for t in bar)

    down = run_js(tmp_path, fake_book(summary), "sb_refresh", service, settings={"port": 1, "token": "x"})
    assert "无法连接本机服务" in down["alerts"][-1] and down["status_bar"][-1] is False


def test_another_program_on_the_port_is_named_with_what_to_do(service, flawed_park, tmp_path):
    import http.server
    import threading

    other = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)   # answers 501, HTML
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        clicked = run_js(tmp_path, fake_book(flawed_park), "sb_check", service,
                         settings={"port": other.server_address[1], "token": "x"})
    finally:
        other.shutdown()
        other.server_close()
    message = clicked["alerts"][-1]
    assert "不是 shibai serve" in message and "shibai wps status" in message and "--port" in message, message


def test_check_in_wps_lays_out_the_sheets_it_adds_as_check_write_does(service, tmp_path):
    """A workbook without the tool's 校验结果 and 评分 sheets: 检查本申报表 adds them with the widths and wrapping
    ``check --write`` gives them in the file."""
    from tests.test_check_write import _custom_layout

    path = _custom_layout(tmp_path)
    clicked = run_js(tmp_path, fake_book(path), "sb_check", service)
    assert clicked["error"] is None
    check_file(path, write=True)
    wb = load_workbook(path)
    for name in ("校验结果", "评分"):
        ws, sheet = wb[name], sheet_of(clicked, name)
        assert sheet["widths"] == {col: dim.width for col, dim in ws.column_dimensions.items()}
        assert {c for c, on in sheet["wraps"].items() if on} == \
            {col for col in ws.column_dimensions if ws[f"{col}5"].alignment.wrap_text}
    assert sheet_of(clicked, "校验结果")["widths"]["C"] == 70


def test_refresh_in_wps_keeps_the_total_rows_formulas(service, tmp_path, make_workbook):
    """WPS saves, the service reads the saved file's values: the 合计 row's =SUM(…) was taken for a typed sum and
    the add-in wrote a number over it; it stays a formula re-pointed over the new row, as ``shibai refresh`` leaves it."""
    from ..test_ribbon_actions import summary_with_a_total_formula

    summary, apps, trade = summary_with_a_total_formula(tmp_path, make_workbook)
    cli = tmp_path / "cli" / summary.name
    cli.parent.mkdir()
    shutil.copy(summary, cli)
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert clicked["error"] is None and "新增 1 行" in clicked["alerts"][-1] and "手填" not in clicked["alerts"][-1]
    refresh(cli, apps)
    ws = load_workbook(cli).worksheets[0]
    cells = sheet_of(clicked, ws.title)["cells"]
    letter = ws.cell(3, trade).column_letter
    assert ws[f"{letter}7"].value == cells[f"{letter}7"] == f"=SUM({letter}4:{letter}6)"
    assert cells["A7"] == "合计" and cells["A9"] == "填报人：王五"


def test_an_incomplete_refresh_in_wps_is_marked_before_its_text(service, tmp_path, demo_folder):
    """The WPS add-in shows every outcome in one kind of box: an incomplete refresh (an application not read) is
    marked 【请注意】 ahead of its text, a complete one is not."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    summary = tmp_path / "项目汇总表.xlsx"
    new_workbook("summary", summary)
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert clicked["error"] is None and not clicked["alerts"][-1].startswith("【请注意】")
    (apps / "复制中断.xlsx").write_bytes(b"PK\x03\x04 cut off while copying")
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    said = clicked["alerts"][-1]
    assert said.startswith("【请注意】") and "复制中断.xlsx" in said and "汇总表不完整" in said


def test_a_sheet_protected_with_a_password_is_refused_before_anything_is_written(service, flawed_park, tmp_path):
    """A clerk protected the 校验结果 sheet with a password: WPS refuses writes into it, and the add-in failed
    halfway — the 申报表's marks written, the results not — then advised saving the half-done book. Now the
    protected sheet is named before the first write, the workbook is left as it was and stays protected."""
    book = fake_book(flawed_park)
    for s in book["sheets"]:
        s["protected"] = s["name"] in ("校验结果", "申报表")
        s["password"] = "局里的密码" if s["name"] == "校验结果" else ""
    clicked = run_js(tmp_path, book, "sb_check", service)
    said = clicked["alerts"][-1]
    assert "工作表“校验结果”设置了带密码的保护" in said and "撤销工作表保护" in said and "请不要保存" not in said
    assert all(not s["written"] for s in clicked["book"]["sheets"]) and clicked["book"]["saves"] == 0
    assert all(s["protected"] for s in clicked["book"]["sheets"] if s["name"] in ("校验结果", "申报表"))


def test_the_templates_sheets_protected_without_a_password_are_checked_and_protected_again(service, flawed_park,
                                                                                            tmp_path):
    """The templates protect their labels without a password (申报表, 补充信息, 材料清单, 评分): 检查本申报表 refused
    every application made from them. Such sheets are unprotected for the writes and protected again as they were."""
    book = fake_book(flawed_park)
    protected = ("申报表", "补充信息", "材料清单", "评分")
    for s in book["sheets"]:
        s["protected"] = s["name"] in protected
    clicked = run_js(tmp_path, book, "sb_check", service)
    assert clicked["error"] is None and not any("设置了" in a and "保护" in a for a in clicked["alerts"])
    sheets = {s["name"]: s for s in clicked["book"]["sheets"]}
    assert sheets["评分"]["written"] and sheets["申报表"]["colors"]
    for name in protected:
        assert sheets[name]["protected"] is True
        if sheets[name]["protections"]:
            (args,) = sheets[name]["protections"]
            assert args[:5] == ["", False, True, True, False]           # no password, contents, scenarios as before
            assert args[5:] == [False, True, True, False, False, False, False, False, True, True, False]




def refreshed_in_wps_and_by_the_command(tmp_path, summary, apps, service):
    """刷新汇总表 clicked on the summary open in WPS (one row added) and a copy refreshed by ``shibai refresh``: (the
    copy's sheet, the fake WPS sheet after the click)."""
    cli = tmp_path / "cli" / summary.name
    cli.parent.mkdir()
    shutil.copy(summary, cli)
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert clicked["error"] is None and "新增 1 行" in clicked["alerts"][-1]
    refresh(cli, apps)
    ws = load_workbook(cli).worksheets[0]
    return ws, sheet_of(clicked, ws.title)


def test_refresh_in_wps_inserts_a_row_as_refresh_does(service, tmp_path, make_workbook):
    """More projects than rows: ``shibai refresh`` inserts a row above the 合计 row and the clerk's notes on the 合计
    and 填报人 rows move down with them; the add-in wrote their values one row lower and left the notes behind."""
    from ..test_ribbon_actions import summary_with_notes_under_the_table

    summary, apps, total = summary_with_notes_under_the_table(tmp_path, make_workbook)
    ws, fake = refreshed_in_wps_and_by_the_command(tmp_path, summary, apps, service)
    expected = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    assert set(fake["cells"]) == set(expected)
    for ref, value in expected.items():
        if not isinstance(value, (dt.date, dt.datetime)):
            assert same(fake["cells"][ref], value), (ref, fake["cells"][ref], value)
    assert set(fake["notes"]) == {c.coordinate for row in ws.iter_rows() for c in row if c.comment}
    assert f"A{total + 3}" not in fake["written"]          # the 填报人 line moved with its row, not retyped
    assert [t["ref"] for t in fake["tables"]] == [t.ref for t in ws.tables.values()]


def test_refresh_in_wps_adds_projects_above_the_tables_total_row(service, tmp_path, make_workbook):
    """WPS's own 汇总行 (the table's totals row): the new project goes above it, inside the table, as ``shibai refresh``
    puts it; it went under the totals row, which the table's resize then turned into a data row."""
    from ..test_ribbon_actions import summary_with_excels_total_row

    summary, apps, last = summary_with_excels_total_row(tmp_path, make_workbook)
    ws, fake = refreshed_in_wps_and_by_the_command(tmp_path, summary, apps, service)
    assert fake["cells"][f"A{last + 2}"] == ws[f"A{last + 2}"].value == "汇总"
    assert fake["cells"][f"D{last + 1}"] == ws[f"D{last + 1}"].value
    assert fake["inserted"] == [last + 1]
    assert [t["ref"] for t in fake["tables"]] == [t.ref for t in ws.tables.values()]


def test_the_structure_protection_messages_are_the_excel_faces(tmp_path):
    """The add-in says a protected sheet or workbook in the Excel add-in's words (adapters/excel/writer.py)."""
    from shibai_xl.adapters.excel.writer import BOOK_PROTECTED, PROTECTED

    js = re.sub(r'"\s*\+\s*"', "", (ADDIN / "js" / "shibai.js").read_text("utf-8"))   # "…" + "…" as one text
    for text in (PROTECTED, BOOK_PROTECTED):
        for part in text.split("“{sheet}”"):
            assert part in js, part


@pytest.mark.parametrize("password", ["", "局里的密码"])
def test_a_workbook_whose_structure_is_protected_is_handled_as_in_excel(service, tmp_path, demo_folder, password):
    """刷新汇总表 adds the hidden state sheet and 问题文件 (an application cannot be read); with 审阅 → 保护工作簿 WPS
    refuses the new sheet and the add-in stopped halfway with English text and advice not to save. Without a password
    the structure protection is lifted for the edits and given back; with one, said before the first write, nothing
    changed — as the Excel add-in does."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    (apps / "坏文件.xlsx").write_bytes(b"PK\x03\x04 cut off while copying")
    summary = tmp_path / "项目汇总表.xlsx"
    new_workbook("summary", summary)
    book = fake_book(summary)
    book.update(structure_protected=True, book_password=password)
    clicked = run_js(tmp_path, book, "sb_refresh", service)
    said = clicked["alerts"][-1]
    assert "写入工作簿时出错" not in said and "请不要保存" not in said
    assert clicked["book"]["structure_protected"] is True
    if not password:   # the structure lifted, then the summary sheet found protected with a password: both given back
        locked = fake_book(summary)
        locked.update(structure_protected=True)
        locked["sheets"][0].update(protected=True, password="局里的密码")
        refused = run_js(tmp_path, locked, "sb_refresh", service)
        assert "设置了带密码的保护" in refused["alerts"][-1] and refused["book"]["structure_protected"] is True
        assert [s["name"] for s in refused["book"]["sheets"]] == [s["name"] for s in locked["sheets"]]
    names = [s["name"] for s in clicked["book"]["sheets"]]
    if password:
        assert "工作簿设置了带密码的结构保护" in said and "工作簿没有改动" in said
        assert names == [s["name"] for s in book["sheets"]]
        assert all(not s["written"] and not s["inserted"] for s in clicked["book"]["sheets"])
    else:
        assert clicked["error"] is None and "问题文件" in names
        assert clicked["book"]["book_protections"] == [["", True, False]]


def _clerk_edited_summary(tmp_path, make_workbook, edit):
    """A summary of four applications refreshed once, then edited by a clerk (``edit`` of tests/test_refresh_clerk_edits
    on the 项目汇总表 sheet) and saved: (summary, applications folder)."""
    from ..test_refresh_clerk_edits import _edit

    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("park", "base", "enterprise", "team"):
        shutil.move(make_workbook(t), apps / f"{t}.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps)
    _edit(summary, edit)
    return summary, apps


def _refreshed_both_ways(tmp_path, summary, apps, service):
    """刷新汇总表 in WPS on the summary and ``shibai refresh`` on a copy: (the copy, the click)."""
    cli = tmp_path / "cli" / summary.name
    cli.parent.mkdir()
    shutil.copy(summary, cli)
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    refresh(cli, apps)
    return cli, clicked


def _assert_same_summary(clicked, cli):
    """Every value the command leaves in the 项目汇总表 sheet is in the WPS workbook (formulas as the file keeps them)."""
    ws = load_workbook(cli)["项目汇总表"]
    cells = sheet_of(clicked, ws.title)["cells"]
    expected = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    assert set(cells) == set(expected)
    for ref, value in expected.items():
        assert same(cells[ref], value), (ref, cells[ref], value)


def test_a_clerks_withdrawal_and_typing_over_the_tools_columns_in_wps_as_refresh_does(service, tmp_path,
                                                                                     make_workbook):
    """A clerk withdraws a project in the summary open in WPS (状态 已撤回; a 备注 of their own 企业申请撤回（5月8日来函）)
    and types 不达标 into 前置条件: 刷新汇总表 keeps the withdrawals, writes 前置条件 back and says so, as
    ``shibai refresh`` does."""
    from ..test_refresh_clerk_edits import ENTERPRISE, PARK, TEAM, _add_column

    def edit(ws, table, header, row_of):
        ws.cell(row_of[PARK], header["状态"]).value = "已撤回"
        ws.cell(row_of[ENTERPRISE], _add_column(ws, table, "备注")).value = "企业申请撤回（5月8日来函）"
        ws.cell(row_of[TEAM], header["前置条件"]).value = "不达标"

    summary, apps = _clerk_edited_summary(tmp_path, make_workbook, edit)
    cli, clicked = _refreshed_both_ways(tmp_path, summary, apps, service)
    assert clicked["error"] is None
    _assert_same_summary(clicked, cli)
    said = clicked["alerts"][-1]
    assert PARK in said and ENTERPRISE in said and "不达标" in said, said
    cells = sheet_of(clicked, "项目汇总表")["cells"]
    typed = "企业申请撤回（5月8日来函）"
    assert list(cells.values()).count("已撤回") == 2
    assert any(typed in str(v) and v != typed for v in cells.values())      # the words kept in 问题 too


def test_a_header_cell_merged_with_the_row_above_is_refused_in_wps_and_nothing_written(service, tmp_path,
                                                                                     make_workbook):
    """市州评分's title merged two rows high over the header: ``shibai refresh`` refuses it with what to do; in WPS the
    same words, the workbook untouched."""
    def edit(ws, table, header, row_of):
        col = header["市州评分"]
        ws.cell(2, col).value = "市州评分"
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)

    summary, apps = _clerk_edited_summary(tmp_path, make_workbook, edit)
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    said = clicked["alerts"][-1]
    with pytest.raises(RefusedWrite) as refused:
        refresh(summary, apps)
    assert str(refused.value).split("，")[0] in said and "取消合并" in said and "写入工作簿时出错" not in said, said
    assert all(not s["written"] and not s["inserted"] for s in clicked["book"]["sheets"])
    assert [s["name"] for s in clicked["book"]["sheets"]] == [s.title for s in load_workbook(summary).worksheets]


def test_a_cell_typed_while_the_check_runs_is_not_marked_with_the_old_finding(service, flawed_park, tmp_path):
    """The button returns at once and WPS stays free: a clerk who corrects the 手机 cell while the service checks got,
    when the answer came, the corrected cell marked red with the old number's note and the old problem listed. Edits
    made for the workbook as it was are not applied to a workbook changed since: said, nothing written."""
    wb = load_workbook(flawed_park)
    sheet, ref = next(iter(wb.defined_names["sb_leader_mobile"].destinations))
    book = fake_book(flawed_park)
    book["during"] = [{"sheet": sheet, "cell": ref.replace("$", ""), "value": "13800000000"}]
    clicked = run_js(tmp_path, book, "sb_check", service)
    said = clicked["alerts"][-1]
    assert clicked["error"] and "有了改动" in said and "没有写入" in said and "再点一次" in said, said
    fake = {s["name"]: s for s in clicked["book"]["sheets"]}
    assert fake[sheet]["cells"][ref.replace("$", "")] == "13800000000"
    assert all(not s["written"] or s["name"] == sheet for s in clicked["book"]["sheets"])
    assert fake[sheet]["written"] == [ref.replace("$", "")] and not fake[sheet]["notes"]


def test_a_sheet_renamed_while_the_refresh_runs_leaves_the_workbook_as_it_was(service, tmp_path, demo_folder):
    """The summary's sheet renamed while the service refreshes: the add-in added the new sheets, then stopped with
    WPS's error (no sheet 项目汇总表) and a half-done workbook; it now says the workbook changed and writes nothing."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    summary = tmp_path / "项目汇总表.xlsx"
    new_workbook("summary", summary)
    book = fake_book(summary)
    first = book["sheets"][0]["name"]
    book["during"] = [{"sheet": first, "rename": "贵阳市汇总"}]
    clicked = run_js(tmp_path, book, "sb_refresh", service)
    said = clicked["alerts"][-1]
    assert "有了改动" in said and "写入工作簿时出错" not in said, said
    assert [s["name"] for s in clicked["book"]["sheets"]] == ["贵阳市汇总"] + [s["name"] for s in book["sheets"][1:]]
    assert all(not s["written"] and not s["inserted"] for s in clicked["book"]["sheets"])


def _apply_in_node(tmp_path, book: dict, edits: dict) -> dict:
    """Shibai.applyEdits(edits) on the fake workbook: {error (the Chinese text, or null), book}."""
    from .conftest import HERE

    (tmp_path / "book.json").write_text(json.dumps(book, ensure_ascii=False), "utf-8")
    (tmp_path / "edits.json").write_text(json.dumps(edits, ensure_ascii=False), "utf-8")
    script = ("const [addin, fake, bookFile, editsFile] = process.argv.slice(1); const fs = require('fs');"
              "const S = require(addin); const {FakeWorkbook} = require(fake);"
              "const wb = new FakeWorkbook(JSON.parse(fs.readFileSync(bookFile, 'utf8'))); let error = null;"
              "try { S.applyEdits(wb, JSON.parse(fs.readFileSync(editsFile, 'utf8'))); }"
              " catch (e) { error = e.shibaiNotice ? e.message : 'not said: ' + e.message; }"
              "console.log(JSON.stringify({error, book: wb.dump()}));")
    done = subprocess.run([NODE, "-e", script, str(ADDIN / "js" / "shibai.js"), str(HERE / "fake_wps.js"),
                           str(tmp_path / "book.json"), str(tmp_path / "edits.json")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("plan", ["unknown edit", "missing sheet", "sheet already there", "missing table"])
def test_edits_the_addin_cannot_apply_leave_the_workbook_as_it_was(tmp_path, flawed_park, plan):
    """Edits the add-in cannot make — a kind it does not know (a newer service than the add-in `shibai wps install`
    copied), a sheet the workbook does not have, a sheet to add that is there, a table that is not — are refused in
    Chinese before the first write: the add-in added the new sheets, wrote some blocks, then failed with WPS's
    English error or, for an unknown kind, left it out without a word."""
    book = fake_book(flawed_park)
    first = book["sheets"][0]["name"]
    edits = {"new_sheets": [{"name": "问题文件", "hidden": False}],
             "blocks": [{"sheet": first, "range": "A1", "values": [["改"]]},
                        {"sheet": "问题文件", "range": "A1", "values": [["文件"]]}]}
    if plan == "unknown edit":
        edits["row_heights"] = [{"sheet": first, "row": 3, "height": 40}]
    elif plan == "missing sheet":
        edits["blocks"].append({"sheet": "项目汇总表（2）", "range": "B2", "values": [["x"]]})
    elif plan == "sheet already there":
        edits["new_sheets"].append({"name": first, "hidden": True})
    else:
        edits["table"] = {"sheet": first, "name": "sb_summary", "ref": "A3:B9"}
    applied = _apply_in_node(tmp_path, book, edits)
    assert applied["error"] and not applied["error"].startswith("not said"), applied["error"]
    assert "工作簿没有改动" in applied["error"]
    assert [s["name"] for s in applied["book"]["sheets"]] == [s["name"] for s in book["sheets"]]
    assert all(not s["written"] for s in applied["book"]["sheets"])


def test_an_unsaved_workbooks_formulas_in_the_result_sheet_stay_formulas(service, make_workbook, tmp_path):
    """WPS sent an unsaved workbook as its values: a clerk's =LEN(C5) beside a finding and =COUNTA(B5:B8) under the
    results came back as the numbers they showed. Now the snapshot carries Range.Formula: they stay formulas, moved
    where their rows went, as ``check --write`` leaves them."""
    from ..test_check_write_clerk_notes import _with_formulas

    path, count = _with_formulas(make_workbook)
    book = fake_book(path, saved=False, formulas=True)
    result = next(s for s in book["sheets"] if s["name"] == "校验结果")
    for ref in result["shown"]:
        result["shown"][ref] = 7          # what a formula shows, never its text
    clicked = run_js(tmp_path, book, "sb_check", service)
    assert clicked["error"] is None
    cells = sheet_of(clicked, "校验结果")["cells"]
    assert "=TODAY()" in cells.values()
    line = next(r for r in range(5, 60) if cells.get(f"A{r}") == "问题数")
    assert cells[f"B{line}"] == f"=COUNTA(B5:B{5 + count - 2})"
    mobile = next(r for r in range(5, 60) if cells.get(f"B{r}") == "FIELD_MOBILE")
    assert cells[f"G{mobile}"] == f"=LEN(C{mobile})"


def test_a_clerks_moved_note_keeps_its_fill_and_web_link_in_wps(service, make_workbook, tmp_path):
    """A clerk's 通知函 beside a finding, filled yellow and linked to a web address: 检查本申报表 moved its text under
    已解决的问题 when the problem was fixed, but the fill stayed on the old cell and the link was deleted (unlink of
    the whole block). Now the cell is copied whole where its text goes, as ``check --write`` moves it."""
    from shibai_xl.adapters.xlsx.filler import named_cell

    from ..conftest import example
    from ..test_check_write_clerk_notes import _checked_with_notes

    path, count = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    ws = wb["校验结果"]
    uscc = next(r for r in range(5, 5 + count) if ws.cell(r, 2).value == "FIELD_USCC")
    ws.cell(uscc, 5).value = "通知函"
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]   # fixed: the note goes under 已解决的问题
    wb.save(path)
    book = fake_book(path)
    result = next(s for s in book["sheets"] if s["name"] == "校验结果")
    url = "https://example.com/tongzhi.pdf"
    result["links"] = {f"E{uscc}": {"address": url, "target": "", "tip": "", "text": "通知函"}}
    result["colors"] = {f"E{uscc}": 65535}
    clicked = run_js(tmp_path, book, "sb_check", service)
    assert clicked["error"] is None
    sheet = sheet_of(clicked, "校验结果")
    at = next(ref for ref, v in sheet["cells"].items() if v == "通知函")
    assert at != f"E{uscc}"
    assert sheet["links"].get(at, {}).get("address") == url and sheet["colors"].get(at) == 65535
    assert f"E{uscc}" not in sheet["links"] and f"E{uscc}" not in sheet["colors"]


def test_a_workbook_whose_file_was_moved_after_opening_says_so(service, flawed_park, tmp_path):
    """A workbook opened in WPS whose file was then moved, renamed or deleted (in the file manager, by a colleague's
    sync): the add-in sends the path WPS still holds, and every button said only “找不到文件：…” of a workbook the
    clerk has open before their eyes. It now says the file is no longer where it was opened from and what to do."""
    book = fake_book(flawed_park)
    gone = tmp_path / "已移走" / flawed_park.name
    book.update(fullname=str(gone), path=str(gone.parent))
    for control in ("sb_check", "sb_refresh", "sb_new", "sb_review_collect"):
        clicked = run_js(tmp_path, book, control, service)
        message = clicked["alerts"][-1]
        assert clicked["error"] and "已不在" in message and "另存为" in message and str(gone) in message, message
        assert not any(s["written"] for s in clicked["book"]["sheets"])
    assert not gone.parent.exists()


def test_new_neither_saves_the_open_workbook_nor_refuses_its_unsaved_changes(service, make_workbook, tmp_path, rules):
    """新建申报表 needs only where the open workbook is and its type: in WPS it saved the clerk's half-typed
    workbook without a word (Excel's button saves nothing), and on a workbook opened read-only with changes it
    refused with “…检查的会是改动之前的文件”. The blank is made next to it, the workbook is not saved."""
    path = make_workbook("base")
    out = path.parent / f"{rules.types['base'].form_title}（空白）.xlsx"
    for fault in ({}, {"readonly": True}):
        out.unlink(missing_ok=True)
        clicked = run_js(tmp_path, {**fake_book(path), "saved": False, **fault}, "sb_new", service)
        assert clicked["error"] is None, clicked["alerts"]
        assert clicked["book"]["saves"] == 0 and out.is_file() and clicked["opened"] == [str(out)]


def test_a_workbook_with_a_chart_sheet_is_read_and_its_changes_still_seen(service, flawed_park, tmp_path):
    """A chart moved to a sheet of its own (图表工作表) is in Workbook.Sheets but is no worksheet: an unsaved
    workbook with one got “读取工作簿时出错：Cannot read properties of undefined (reading 'Row')” from every button,
    and on a saved one a cell typed while the service worked was no longer noticed (the old finding written over it).
    The add-in reads the worksheets only, as the saved file is read."""
    plain = run_js(tmp_path, fake_book(flawed_park, saved=False), "sb_check", service)
    charted = run_js(tmp_path, {**fake_book(flawed_park, saved=False), "chart_sheets": ["图表1"]}, "sb_check", service)
    assert charted["error"] is None, charted["alerts"]
    for a, b in zip(plain["book"]["sheets"], charted["book"]["sheets"]):
        assert {k: without_time(v) for k, v in a["cells"].items()} == {k: without_time(v) for k, v in b["cells"].items()}
        assert (a["notes"], a["colors"], a["links"]) == (b["notes"], b["colors"], b["links"])
    wb = load_workbook(flawed_park)
    sheet, ref = next(iter(wb.defined_names["sb_leader_mobile"].destinations))
    book = {**fake_book(flawed_park), "chart_sheets": ["图表1"],
            "during": [{"sheet": sheet, "cell": ref.replace("$", ""), "value": "13800000000"}]}
    typed = run_js(tmp_path, book, "sb_check", service)
    assert typed["error"] and "有了改动" in typed["alerts"][-1], typed["alerts"]
    assert not typed["book"]["sheets"][0]["notes"]


def test_the_findings_shown_say_which_workbook_they_are_of(service, flawed_park, tmp_path):
    """The task pane is told whose the findings are, so that a click on a cell selects it in that workbook only."""
    clicked = run_js(tmp_path, fake_book(flawed_park), "sb_check", service)
    assert clicked["error"] is None and clicked["shown_for"] == [str(flawed_park)]


def test_a_read_only_summary_with_changes_is_not_said_to_be_checked(service, tmp_path, demo_folder):
    """刷新汇总表 (or 合并市州汇总, 专家评分表) on a summary opened read-only with changes was refused with the
    check's words “检查的会是改动之前的文件”; it says the button would read the file without the changes."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市")
    clicked = run_js(tmp_path, {**fake_book(summary), "saved": False, "readonly": True}, "sb_refresh", service)
    said = clicked["alerts"][-1]
    assert clicked["error"] and "只读" in said and "检查" not in said and "改动之前的文件" in said, said
    assert clicked["book"]["saves"] == 0 and not any(s["written"] for s in clicked["book"]["sheets"])


def test_review_make_where_wps_cannot_ask_says_the_command_to_run(service, tmp_path, demo_folder):
    """专家评分表 asks for the experts with the browser's prompt(); where WPS's page has none, the button did
    nothing at all, not a word. It now goes to the service without names, which answers what the Excel face
    answers where it cannot ask: the shibai review make command to run."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市")
    clicked = run_js(tmp_path, fake_book(summary), "sb_review_make", service, answer="<no prompt>")
    assert clicked["error"] is None and "shibai review make" in clicked["alerts"][-1], clicked
    assert not (tmp_path / REVIEW_FOLDER).exists()


def test_review_make_cancelled_leaves_the_summary_unsaved(service, tmp_path, demo_folder):
    """专家评分表 saved the summary's changes first and then asked for the experts: cancelling the question left the
    workbook saved all the same. It asks first; cancelled, nothing is saved or sent."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市")
    cancelled = run_js(tmp_path, {**fake_book(summary), "saved": False}, "sb_review_make", service)
    assert cancelled["error"] == "cancelled" and cancelled["asked"] and cancelled["book"]["saves"] == 0
    assert not cancelled["requests"] and not (tmp_path / REVIEW_FOLDER).exists()


def test_an_application_open_and_unsaved_in_wps_is_named_before_its_saved_file_is_read(service, tmp_path, demo_folder):
    """专家评分表 (suggested scores from the applications' saved files) and 刷新汇总表 clicked in the summary while an
    application corrected in another WPS window is not saved: the old figures were read without a word (the add-in
    sent nothing of the other workbooks). It sends the unsaved ones' paths; the service names the application, asks
    to save it and writes nothing — as in Excel. An unsaved workbook elsewhere does not stop it."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市")
    app_file = next((tmp_path / "申报表").glob("*.xlsx"))
    other = {"name": "预算.xlsx", "fullname": str(tmp_path.parent / "别处" / "预算.xlsx"),
             "path": str(tmp_path.parent / "别处"), "saved": False}
    corrected = {"name": app_file.name, "fullname": str(app_file), "path": str(app_file.parent), "saved": False}
    for control, answer in (("sb_review_make", "甲"), ("sb_refresh", None)):
        clicked = run_js(tmp_path, {**fake_book(summary), "others": [corrected, other]}, control, service, answer=answer)
        said = clicked["alerts"][-1]
        assert app_file.name in said and "未保存" in said and "预算.xlsx" not in said, said
        assert not (tmp_path / REVIEW_FOLDER).exists() and not any(s["written"] for s in clicked["book"]["sheets"])
    made = run_js(tmp_path, {**fake_book(summary), "others": [other]}, "sb_review_make", service, answer="甲")
    assert "为 1 位专家生成评分表" in made["alerts"][-1], made["alerts"]


def test_review_make_in_wps_asks_the_round_of_a_summary_of_two_batches(service, tmp_path, make_workbook):
    """专家评分表 in WPS took the latest 批次 only: the 5月 round's books could not be made once the 8月 files came.
    The service answers with the question (the batches, the latest offered); the add-in asks it as it asks the
    experts and clicks again with the answer; cancelled, nothing is made."""
    from ..test_merge_review_rounds import listed
    from ..test_ribbon_actions import _may_then_august

    summary = _may_then_august(tmp_path, make_workbook)
    cancelled = run_js(tmp_path, fake_book(summary), "sb_review_make", service, answer=json.dumps(["甲,乙", None]))
    assert cancelled["error"] == "cancelled" and len(cancelled["asked"]) == 2 and not cancelled["alerts"]
    assert cancelled["offered"][-1] == "2024-08" and "2024-05、2024-08" in cancelled["asked"][-1]
    assert not (tmp_path / REVIEW_FOLDER).exists()
    # asked before the workbook's changes are saved, as the experts are: cancelled, nothing saved
    unsaved = run_js(tmp_path, {**fake_book(summary), "saved": False}, "sb_review_make", service,
                     answer=json.dumps(["甲,乙", None]))
    assert unsaved["error"] == "cancelled" and unsaved["book"]["saves"] == 0 and len(unsaved["asked"]) == 2
    assert not (tmp_path / REVIEW_FOLDER).exists()

    made = run_js(tmp_path, fake_book(summary), "sb_review_make", service, answer=json.dumps(["甲,乙", "2024年5月"]))
    assert made["error"] is None and "本轮只列入批次为“2024-05”" in made["alerts"][-1], made["alerts"]
    assert "请重新安装" not in made["alerts"][-1] and len(listed(tmp_path / REVIEW_FOLDER)) == 2
    assert not any(s["written"] for s in made["book"]["sheets"]) and made["book"]["saves"] == 0


def test_a_remark_merged_over_two_answers_of_an_unsaved_workbook_is_neithers_as_in_the_saved_file(
        service, make_workbook, tmp_path, capsys):
    """"授信8万元" typed beside item 9 and merged over the rows of items 9 and 10 (D33:D34): the saved file reads it as
    neither answer's remark (xlsx/remarks_beside.py), so item 9 (授信额不低于10万, 附件5 1.2.1) keeps its points. The
    unsaved workbook was sent without its merged cells, and the top row's answer took the remark: a FIELD_INCONSISTENT
    and a lower score than ``shibai check`` of the same workbook saved. The add-in now sends the merged ranges,
    asking WPS a block of cells at a time."""
    from ..conftest import example
    from ..test_forms_as_filled import run_json

    path = make_workbook("park", example("park", sb_bandwidth_100m="是", sb_finance_coop="是"))
    wb = load_workbook(path)
    wb["申报表"]["D33"] = "授信8万元"
    wb["申报表"].merge_cells("D33:D34")
    wb.save(path)
    command = run_json(path, capsys)
    assert not [f for f in command["findings"] if f["code"] == "FIELD_INCONSISTENT"], command["findings"]
    saved = run_js(tmp_path, fake_book(path), "sb_check", service)["outcome"]
    clicked = run_js(tmp_path, fake_book(path, saved=False), "sb_check", service)
    unsaved = clicked["outcome"]
    assert clicked["error"] is None and clicked["book"]["saves"] == 0
    assert unsaved["message"] == saved["message"] and unsaved["findings"] == saved["findings"], unsaved["findings"]
    assert [(f["code"], f["message"]) for f in unsaved["findings"]] == \
        [(f["code"], f["message"]) for f in command["findings"]]
    asked = {s["name"]: s["merge_questions"] for s in clicked["book"]["sheets"]}
    assert 0 < asked["申报表"] < 300, asked    # sent, then read again to compare: each time fewer than its 256 cells


@pytest.mark.parametrize("shown", ["#N/A", -2146826246])
def test_error_values_in_an_unsaved_workbook_are_said_as_check_says_them(service, make_workbook, tmp_path, capsys,
                                                                         shown):
    """A #N/A (a VLOOKUP that found nothing) in 已入驻电商企业 and in a resident's 从业人数: ``shibai check`` of the
    saved file says both (FIELD_AMOUNT, XC_RESIDENT_ROW: 错误值#N/A). The add-in sent the unsaved workbook's
    Range.Value2 and the service read the error as a typed text "#N/A" in the form and as nothing in the list: 必填项为空
    beside a list said to be without fault. An error reaches a script as its text or as its COM code (VT_ERROR,
    #N/A = -2146826246); either is read as the error it is, as the ribbon reads it (adapters/excel/book.py)."""
    from ..test_forms_as_filled import run_json

    path = make_workbook("park")
    wb = load_workbook(path)
    refs = (wb.defined_names["sb_resident_count"].attr_text, "'入驻企业名单'!$G$6")
    for ref in refs:
        sheet, cell = ref.replace("$", "").split("!")
        wb[sheet.strip("'")][cell].value = "#N/A"
        wb[sheet.strip("'")][cell].data_type = "e"
    wb.save(path)
    command = run_json(path, capsys)
    said = sorted((f["code"], f["cell"], f["message"]) for f in command["findings"] if "#N/A" in f["message"])
    assert {code for code, _, _ in said} == {"FIELD_AMOUNT", "XC_RESIDENT_ROW"}, command["findings"]
    book = fake_book(path, saved=False)
    for ref in refs:
        sheet, cell = ref.replace("$", "").split("!")
        sheet_of({"book": book}, sheet.strip("'"))["cells"][cell] = shown     # what WPS's Range.Value2 gives
    unsaved = run_js(tmp_path, book, "sb_check", service)["outcome"]
    assert sorted((f["code"], f["cell"], f["message"]) for f in unsaved["findings"]) == \
        sorted((f["code"], f["cell"], f["message"]) for f in command["findings"]), unsaved["findings"]


def test_refresh_in_wps_shows_the_citys_total_at_least_as_the_command_does(service, make_workbook, tmp_path):
    """刷新汇总表 in WPS on a city summary whose 合计 row (=SUM) adds a project's “3000万以上”: ``shibai refresh`` shows it
    "≥" (number format) and says so; the add-in said so and left the 合计 shown as a plain sum."""
    from ..test_bounds_in_totals import _city_with_its_total

    _, city, ref = _city_with_its_total(tmp_path, make_workbook)
    clicked = run_js(tmp_path, fake_book(city), "sb_refresh", service)
    assert clicked["error"] is None and "已显示为“≥”" in clicked["alerts"][-1], clicked["alerts"]
    assert "≥" in sheet_of(clicked, "项目汇总表")["formats"].get(ref, ""), sheet_of(clicked, "项目汇总表")["formats"]


@pytest.mark.parametrize("folder", ["https://www.kdocs.cn/l/cA1b2C3d4", ""])
def test_a_workbook_in_wps_cloud_documents_is_told_to_be_saved_on_this_computer(service, tmp_path, demo_folder, folder):
    """A summary kept in WPS 云文档/金山文档: FullName is its address, Path the address or nothing. 刷新汇总表 said
    “必须是完整路径……请重新安装 WPS 加载项” (Path given) or “当前工作簿还没有保存” (sent as values): both wrong. It says
    the workbook is in the cloud, its address and to 另存为 to a folder on this computer; the workbook is not changed."""
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, demo_folder)
    address = "https://www.kdocs.cn/l/cA1b2C3d4/项目汇总表.xlsx"
    clicked = run_js(tmp_path, {**fake_book(summary), "fullname": address, "path": folder}, "sb_refresh", service)
    said = clicked["alerts"][-1]
    assert "云文档" in said and address in said and "另存为" in said, said
    assert "重新安装" not in said and "还没有保存" not in said, said
    assert not any(s["written"] for s in clicked["book"]["sheets"])


def test_a_form_in_wps_cloud_documents_is_checked_as_shown_and_new_forms_go_into_documents(
        service, make_workbook, tmp_path, monkeypatch, rules):
    """检查本申报表 on a form kept in 云文档 (Path and FullName its address) was refused (“必须是完整路径…重新安装”),
    though nothing about it needs a folder: it is checked as shown, as in Excel, and WPS saves it to the cloud.
    新建申报表 writes into 文档 and says why, as in Excel."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    form = make_workbook("team")
    address = "https://www.kdocs.cn/l/cA1b2C3d4/" + form.name
    book = {**fake_book(form), "fullname": address, "path": "https://www.kdocs.cn/l/cA1b2C3d4"}
    checked = run_js(tmp_path, book, "sb_check", service)
    assert checked["error"] is None and "检查完成" in checked["alerts"][-1], checked["alerts"]
    assert any(s["written"] for s in checked["book"]["sheets"]) and checked["book"]["saves"] == 0
    new = run_js(tmp_path, book, "sb_new", service)
    blank = home / "Documents" / f"{rules.types['team'].form_title}（空白）.xlsx"
    assert new["error"] is None and blank.is_file() and "云文档" in new["alerts"][-1], new["alerts"]


def test_each_click_asks_for_its_own_jobs_progress(tmp_path):
    """Two WPS windows' clicks, the second queued behind the first's job: each window's status bar asked the service
    what “the job” was doing and showed the first window's progress in both. Each click sends an id of its own with
    its request and asks the progress of that id."""
    script = ("const S = require(process.argv[1]);"
              "const bodies = [];"
              "const transport = (method, url, headers, body, done) => {"
              "  const nonce = new URL(url).searchParams.get('challenge');"
              "  if (method === 'GET') {"
              "    done(null, 200, JSON.stringify({ok: true, proof: S.proof('t', 27400, nonce)})); return; }"
              "  const path = new URL(url).pathname; bodies.push([path, JSON.parse(body)]);"
              "  if (path === '/api/progress') {"
              "    done(null, 200, JSON.stringify({busy: true, text: '刷新汇总表：1/2 甲.xlsx'})); return; }"
              "  setTimeout(() => done(null, 200, JSON.stringify({message: '完成', edits: null, findings: []})), 200); };"
              "const wb = {Path: '/data', FullName: '/data/汇总表.xlsx', Name: '汇总表.xlsx', Saved: true};"
              "const addin = S.create({settings: {port: 27400, token: 't'}, transport, alert: () => {}, pollMs: 10,"
              " application: () => ({ActiveWorkbook: wb})});"
              "let left = 2;"
              "const done = () => { if (--left === 0) console.log(JSON.stringify(bodies)); };"
              "addin.click('sb_refresh', done); addin.click('sb_refresh', done);")
    done = subprocess.run([NODE, "-e", script, str(ADDIN / "js" / "shibai.js")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    bodies = json.loads(done.stdout)
    jobs = [b["job"] for path, b in bodies if path.startswith("/api/action/")]
    assert len(jobs) == 2 and len(set(jobs)) == 2 and all(isinstance(j, str) and 16 <= len(j) <= 64 for j in jobs)
    asked = {b.get("job") for path, b in bodies if path == "/api/progress"}
    assert asked == set(jobs), bodies


def test_refresh_in_wps_asks_this_rounds_batch_as_excel_does(service, tmp_path, make_workbook):
    """A summary kept with batches, a corrected project and a new one: the button asks the 批次 (as 专家评分表 asks the
    round) and writes what ``shibai refresh --batch 2024-08`` writes; cancelled, the workbook is not changed."""
    from ..test_ribbon_actions import _may_then_corrected

    apps, summary, cli = _may_then_corrected(tmp_path, make_workbook)
    cancelled = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert cancelled["error"] == "cancelled" and "本次报送的批次" in cancelled["asked"][-1], cancelled["asked"]
    before = fake_book(summary)["sheets"][0]
    assert sheet_of(cancelled, before["name"])["cells"] == before["cells"]
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service, answer="8月")
    assert clicked["error"] is None and "2024-05 → 2024-08" in clicked["alerts"][-1], clicked["alerts"]
    refresh(cli, apps, batch="2024-08")
    ws = load_workbook(cli).worksheets[0]
    fake = sheet_of(clicked, ws.title)
    expected = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    column = next(c.column_letter for c in ws[3] if c.value == "批次")
    batches = {ref: v for ref, v in expected.items() if ref.startswith(column) and ref[len(column):].isdigit()}
    assert sorted(map(str, batches.values()))[:3] == ["2024-05", "2024-08", "2024-08"], batches
    for ref, value in batches.items():
        assert same(fake["cells"][ref], value), (ref, fake["cells"][ref], value)
