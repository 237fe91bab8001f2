"""刷新汇总表 clicked on an official 附件4 typed by hand (or a tool summary whose table was renamed): the button makes a
tool summary beside it from the workbook's saved file (actions.refresh_handmade). Two slips of that path, in Excel and
WPS alike:

* an application in the folder that cannot be read (a damaged copy) left the result incomplete, which ``shibai refresh``
  says with exit code 1 and every other refresh button with a critical box (WPS: “【请注意】”) — this one said it in
  an ordinary information box, as if all were read;
* in Excel a 市州评分 typed and not saved was not in the new summary (it was made from the saved file) — WPS saves the
  workbook before the service reads it, so the two faces made different summaries; Excel now asks to save first, as
  合并市州汇总 and 专家评分表 do for the file they read (actions.saved_as_shown)."""
from __future__ import annotations

import shutil

import xlwings as xw
from openpyxl import load_workbook

from shibai_xl.faces import ribbon_actions as R
from shibai_xl.faces.cli import main

from ..test_ribbon_actions import Replay, open_remote, payload, remote_engine  # noqa: F401  (the remote engine)
from ..test_summaries_real_world import official, sha
from .conftest import fake_book, needs_node, run_js

BROKEN = "损坏的申报表.xlsx"
MADE = "贵阳市汇总表-十百千万汇总表.xlsx"


def _folder(tmp_path, demo_folder):
    """The demo's applications and one damaged copy beside them; the city's 附件4 typed by hand next to the folder."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    (apps / BROKEN).write_bytes(b"PK\x03\x04 not a workbook")
    typed = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市2024年电商“十百千万”工程示范项目汇总表", "贵阳市",
                     [("南明区", "贵阳某未申报企业", "示范企业", "民企", "2,600", 900, 86)])
    return apps, typed


def _score_of(path):
    rows = {r[3]: r for r in load_workbook(path).worksheets[0].iter_rows(min_row=3, values_only=True) if r[3]}
    return rows["贵阳某未申报企业"][12]


def test_excel_button_on_a_hand_made_summary_says_an_unread_application_as_critically_as_the_cli(tmp_path, demo_folder):
    apps, typed = _folder(tmp_path, demo_folder)
    cli = tmp_path / "cli" / typed.name
    cli.parent.mkdir()
    shutil.copy(typed, cli)
    assert main(["refresh", str(cli), "--from", str(apps)]) == 1            # the command: incomplete, exit code 1
    book = open_remote(typed)
    R.dispatch("sb_refresh", book)
    alert = next(a for a in book.json()["actions"] if a["func"] == "alert")["args"]
    assert (tmp_path / MADE).is_file() and f"{BROKEN}：" in alert[0] and "不完整" in alert[0], alert[0]
    assert alert[3] == "critical", alert


def test_excel_button_on_a_hand_made_summary_with_an_unsaved_score_asks_to_save(tmp_path, demo_folder):
    _, typed = _folder(tmp_path, demo_folder)
    before = sha(typed)
    data = payload(typed, name=str(typed))
    values = data["sheets"][0]["values"]
    values[2][12] = 95                                      # 市州评分 86 → 95 typed in Excel, not saved
    book = xw.Book(json=data)
    R.dispatch("sb_refresh", book)
    said = Replay(book).alerts[-1]
    assert "未保存的修改" in said and "请先保存" in said and "M3" in said, said
    assert not (tmp_path / MADE).exists() and sha(typed) == before

    R.dispatch("sb_refresh", open_remote(typed))            # saved as shown: made, with the 市州评分 the file holds
    assert _score_of(tmp_path / MADE) == 86


@needs_node
def test_wps_button_on_a_hand_made_summary_says_an_unread_application_with_the_critical_mark(tmp_path, demo_folder,
                                                                                             service):
    _, typed = _folder(tmp_path, demo_folder)
    clicked = run_js(tmp_path, fake_book(typed), "sb_refresh", service)
    assert clicked["error"] is None, clicked["error"]
    message = clicked["outcome"]["message"]
    assert (tmp_path / MADE).is_file() and f"{BROKEN}：" in message, message
    assert clicked["outcome"]["critical"] is True, clicked["outcome"]


@needs_node
def test_the_tools_summary_saved_as_xls_is_not_called_hand_made_in_wps_and_excel(tmp_path, demo_folder, service):
    """The city's summary saved as .xls (WPS or Excel 97-2003 format; LibreOffice here), its table not kept, opened
    and 刷新汇总表 clicked: the button said “当前工作簿是手工制作的项目汇总表” of the tool's own summary. It now names
    the format as ``shibai refresh`` does, and changes nothing."""
    from ..libreoffice import convert, need_soffice

    need_soffice()
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    made = tmp_path / "made" / "项目汇总表.xlsx"
    made.parent.mkdir()
    assert main(["refresh", str(made), "--from", str(tmp_path / "申报表")]) == 0
    xls = convert(made, "xls", tmp_path)
    before = sha(xls)
    assert main(["refresh", str(xls), "--from", str(tmp_path / "申报表")]) == 2          # the command refuses it
    book = fake_book(made)
    book.update(name=xls.name, fullname=str(xls), path=str(tmp_path))                    # as WPS shows the .xls
    said = run_js(tmp_path, book, "sb_refresh", service)["error"]
    assert "手工制作" not in said and "Excel 97-2003（.xls）格式" in said and "另存为" in said, said
    assert sha(xls) == before and not list(tmp_path.glob("*十百千万汇总表*"))
