"""The ribbon with no workbook open (the add-in passes ``--wb=""``): 新建申报表 works, the other
buttons say in Chinese what to do. Excel here is xlwings' remote engine; the VBA side (帮助 and the
message box before Python starts) is tested on the built add-in in tests/addin/test_addin_security.py."""
from __future__ import annotations

from shibai_xl.adapters.excel.book import OpenBook
from shibai_xl.faces import ribbon_actions as R
from shibai_xl.jobs.new_workbook import new_workbook
from shibai_xl.rules import load

from .test_ribbon_actions import Replay, open_remote, remote_engine  # noqa: F401  (the remote engine fixture)


def excel_without_a_workbook(tmp_path):
    """An Excel to show message boxes in; the book only records them (the remote engine has no empty Excel)."""
    book = open_remote(new_workbook("summary", tmp_path / "记录.xlsx"))
    return book.app, book


def test_new_forms_go_to_the_documents_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    app, record = excel_without_a_workbook(tmp_path)
    R.dispatch("sb_new", app=app)
    rules = load()
    written = sorted((home / "Documents").iterdir())
    assert [p.name for p in written] == sorted(f"{t.form_title}（空白）.xlsx" for t in rules.types.values())
    assert all(OpenBook(open_remote(p)).constant("sb_type") for p in written)
    alert = Replay(record).alerts[-1]
    assert alert.startswith("已生成空白申报表") and all(str(p) in alert for p in written)


def test_without_documents_folder_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    assert R.documents_folder() == tmp_path / "home"


def test_buttons_that_need_a_workbook_say_so(tmp_path):
    app, record = excel_without_a_workbook(tmp_path)
    for control in ("sb_check", "sb_refresh", "sb_review_make"):
        R.dispatch(control, app=app)
    alerts = Replay(record).alerts
    assert alerts == [R.NO_WORKBOOK] * 3
    assert all(a["args"][3] == "critical" for a in record.json()["actions"] if a["func"] == "alert")


def test_help_needs_no_workbook(tmp_path):
    app, record = excel_without_a_workbook(tmp_path)
    R.dispatch("sb_help", app=app)
    assert Replay(record).alerts == [R.HELP_TEXT]


def test_an_old_fallback_add_in_is_told_to_go(tmp_path, monkeypatch):
    """Its Run button calls ``shibai_xl.main()`` on ``xw.Book.caller()``."""
    import xlwings as xw

    import shibai_xl

    book = open_remote(new_workbook("summary", tmp_path / "汇总.xlsx"))
    monkeypatch.setattr(xw.Book, "_mock_caller", book, raising=False)
    shibai_xl.main()
    assert Replay(book).alerts == [R.RETIRED_FALLBACK]
    assert not Replay(book).written


def test_new_on_a_never_saved_workbook_writes_into_documents_and_leaves_it(tmp_path, monkeypatch, make_workbook):
    """新建申报表 clicked in a workbook never saved (Excel's 工作簿1, or a form made from a copy and not yet saved)
    said “当前工作簿还没有保存。请先保存……”: a clerk wanting a blank form had to save an empty workbook first. The
    blanks go into 文档 as with no workbook open (of the form's type for an unsaved form), the workbook untouched."""
    from openpyxl import Workbook

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    rules = load()
    empty = tmp_path / "工作簿1.xlsx"
    Workbook().save(empty)
    book = open_remote(empty, saved=False)
    R.dispatch("sb_new", book)
    alert = Replay(book).alerts[-1]
    written = sorted((home / "Documents").iterdir())
    assert [p.name for p in written] == sorted(f"{t.form_title}（空白）.xlsx" for t in rules.types.values()), alert
    assert "请先保存" not in alert and all(str(p) in alert for p in written) and "没有改动" in alert
    assert not Replay(book).written
    assert all(a["args"][3] != "critical" for a in book.json()["actions"] if a["func"] == "alert")

    form = make_workbook("team")    # a filled form, opened as a copy not yet saved
    book = open_remote(form, saved=False)
    R.dispatch("sb_new", book)
    team = home / "Documents" / f"{rules.types['team'].form_title}（空白）(2).xlsx"
    assert team.is_file() and str(team) in Replay(book).alerts[-1] and not Replay(book).written


def test_a_workbook_kept_in_the_cloud_is_told_to_be_saved_on_this_computer(tmp_path, monkeypatch):
    """A summary opened from OneDrive/SharePoint (or WPS 云文档): Excel's FullName is its address. 刷新汇总表、合并市州汇总、
    专家评分表、汇总专家评分 said “当前工作簿还没有保存” — it was saved, in the cloud. They say where it is and to 另存为
    to a folder on this computer; 新建申报表 writes into 文档 and says why there."""
    import xlwings as xw

    from .test_ribbon_actions import payload

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    address = "https://d.docs.live.net/0123abcd/文档/南明区项目汇总表.xlsx"
    summary = new_workbook("summary", tmp_path / "南明区项目汇总表.xlsx")
    for control in ("sb_refresh", "sb_merge", "sb_review_make", "sb_review_collect"):
        book = xw.Book(json=payload(summary, name=address))
        R.dispatch(control, book)
        said = Replay(book).alerts[-1]
        assert "云文档" in said and address in said and "另存为" in said and "还没有保存" not in said, (control, said)
        assert not Replay(book).written
    book = xw.Book(json=payload(summary, name=address))
    R.dispatch("sb_new", book)
    said = Replay(book).alerts[-1]
    assert "云文档" in said and str(home / "Documents") in said and "还没有保存" not in said, said
    assert any((home / "Documents").iterdir()) and not Replay(book).written


def test_a_summary_opened_from_a_zip_in_temp_is_refused_in_excel_as_in_wps(tmp_path):
    """The Excel face says what the service says (tests/wps/test_serve.py): 刷新汇总表 on a summary WinRAR opened from
    %TEMP% read that folder as the applications' (“里没有申报表工作簿”); 合并市州汇总 would write the province there."""
    temp = tmp_path / "AppData" / "Local" / "Temp" / "Rar$DIa7436.12345"
    temp.mkdir(parents=True)
    summary = new_workbook("summary", temp / "南明区项目汇总表.xlsx")
    for control in ("sb_refresh", "sb_merge"):
        book = open_remote(summary)
        R.dispatch(control, book)
        said = Replay(book).alerts[-1]
        assert "临时文件夹" in said and str(temp) in said and "另存为" in said, (control, said)
    assert sorted(p.name for p in temp.iterdir()) == [summary.name]
