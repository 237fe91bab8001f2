"""The ribbon actions against xlwings' own remote engine: no Excel needed.

A workbook made by ``shibai new`` and filled like a person is turned into the JSON
an xlwings client sends (book name, active sheet, every sheet's values from A1,
defined names with sheet index and address, tables, notes), opened with
``xw.Book(json=…)``, and the action runs on it. What the action writes comes back
as the book's JSON actions; replaying them onto the payload gives the workbook as
Excel would show it, which is compared with what ``shibai check --write`` /
``shibai refresh`` / ``shibai merge`` write into a copy of the same file.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import types
from collections import Counter
from pathlib import Path

import pytest
import python_calamine
import xlwings as xw
from openpyxl import load_workbook
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter, range_boundaries

from shibai_xl.adapters.excel import writer as W
from shibai_xl.adapters.excel.book import APPLICATION, OTHER, PROVINCE, SUMMARY, OpenBook
from shibai_xl.adapters.xlsx.negative_numbers import stored_numbers
from shibai_xl.adapters.xlsx.package import open_package
from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.addin.ribbon import RIBBON_BUTTONS
from shibai_xl.engine.check import check
from shibai_xl.engine.plan import RESULT_FIRST_ROW
from shibai_xl.errors import ShibaiError
from shibai_xl.examples import make_uscc
from shibai_xl.faces import ribbon_actions as R
from shibai_xl.faces.cli import main
from shibai_xl.jobs import actions as A
from shibai_xl.jobs.check_file import check_file
from shibai_xl.jobs.merge import PROVINCE_TITLE, merge
from shibai_xl.jobs.new_workbook import new_workbook
from shibai_xl.jobs.refresh import refresh

from .conftest import TYPES, example
from .filled_cache import by_content

NOW = dt.datetime(2024, 5, 6, 7, 8)


@pytest.fixture(autouse=True)
def remote_engine(monkeypatch):
    """xlwings' remote engine, under its PolyForm Noncommercial licence (testing, government use).

    xlwings registers the engine when it is first imported and the licence key is set; when another
    test imported xlwings earlier, it is registered here (the key is checked on import of the module)."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    if "remote" not in [e.name for e in xw.engines]:
        from xlwings.pro import _xlremote

        xw.engines.add(xw.main.Engine(impl=_xlremote.engine))


# --- the client's JSON, built from a real file ------------------------------------------------------

def as_stored(path: Path, sheet: str, rows: list[list]) -> list[list]:
    """calamine's rows with each date, time or duration put back as the number the file stores, which Excel and WPS
    hold (calamine reads both 59 and 60 as 1900-02-28, 0 in a date cell as 00:00, a date in [h]:mm as a duration)."""
    dated = {(r, c) for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1)
             if isinstance(v, (dt.date, dt.time, dt.timedelta))}
    if not dated:
        return rows
    pkg = open_package(path)
    try:
        stored = stored_numbers(pkg, sheet, {f"{get_column_letter(c)}{r}" for r, c in dated})
    finally:
        pkg.close()
    return [[stored.get(f"{get_column_letter(c)}{r}", v) if (r, c) in dated else v for c, v in enumerate(row, 1)]
            for r, row in enumerate(rows, 1)]


def _js_iso(ms: int) -> str:
    """JavaScript's ``new Date(ms).toISOString()``, years past 9999 or before 0 too ("+057316-05-06T00:00:00.000Z")."""
    days, ms = divmod(ms, 86400000)
    z = days + 719468                       # days from civil (H. Hinnant), inverted: proleptic Gregorian, any year
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d, m = doy - (153 * mp + 2) // 5 + 1, mp + 3 if mp < 10 else mp - 9
    y = yoe + era * 400 + (m <= 2)
    year = f"{y:04d}" if 0 <= y <= 9999 else f"{'+' if y > 0 else '-'}{abs(y):06d}"
    h, rest = divmod(ms, 3600000)
    return f"{year}-{m:02d}-{d:02d}T{h:02d}:{rest // 60000:02d}:{rest % 60000 // 1000:02d}.{rest % 1000:03d}Z"


def _json_value(v, dated: bool = False):
    """A cell as xlwings' Office.js client sends it: a number in a Date or Time format as JavaScript's Date of it
    (``new Date((n - 25569) * 86400000).toISOString()``: day 0 is 1899-12-30, no 1900/2/29)."""
    if v is None:
        return ""
    if dated and isinstance(v, (int, float)):
        return _js_iso(round((v - 25569) * 86400 * 1000))
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return v.strftime("%Y-%m-%dT00:00:00.000Z")
    if isinstance(v, (dt.time, dt.timedelta)):
        return ""
    return v


def payload(path: Path, name: str | None = None, active: int = 0) -> dict:
    """What an xlwings Office.js client sends for the workbook ``path`` (values as Excel last saved them)."""
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": name or path.name, "active_sheet_index": active, "selection": "A1"},
            **_payload_content(path)}


@by_content
def _payload_content(path: Path) -> dict:
    """:func:`payload`'s names and sheets."""
    wb = load_workbook(path)                      # structure: names, tables, sheet states, notes
    values = python_calamine.CalamineWorkbook.from_path(str(path))   # cached values, as Excel shows them
    index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
    sheets = []
    for ws in wb.worksheets:
        shown = values.get_sheet_by_name(ws.title).to_python(skip_empty_area=False)
        rows = as_stored(path, ws.title, shown)
        width = max((len(r) for r in rows), default=0)
        tables = []
        for t in ws.tables.values():
            c0, r0, c1, r1 = range_boundaries(t.ref)
            first, last = get_column_letter(c0), get_column_letter(c1)
            tables.append({"name": t.displayName, "range_address": t.ref,
                           "header_row_range_address": f"{first}{r0}:{last}{r0}",
                           "data_body_range_address": f"{first}{r0 + 1}:{last}{r1}",
                           "total_row_range_address": f"{first}{r1}:{last}{r1}" if t.totalsRowCount else None,
                           "show_headers": True, "show_totals": bool(t.totalsRowCount),
                           "table_style": "TableStyleLight1", "show_autofilter": True})
        sheets.append({
            "name": ws.title,
            "visibility": {"visible": "Visible", "hidden": "Hidden"}.get(ws.sheet_state, "VeryHidden"),
            "values": [[_json_value(v, isinstance(d, (dt.date, dt.time, dt.timedelta)) or (
                isinstance(v, (int, float)) and is_date_format(ws.cell(i, j).number_format)))
                for j, (v, d) in enumerate(zip(r, s), 1)] + [""] * (width - len(r))
                for i, (r, s) in enumerate(zip(rows, shown), 1)] or [[]],
            "tables": tables, "pictures": [],
            "notes": [{"address": c.coordinate} for row in ws.iter_rows() for c in row if c.comment],
        })
    names = []
    for defined, dn in wb.defined_names.items():
        entry = {"name": defined, "refers_to": "=" + dn.attr_text, "sheet_index": None, "address": None,
                 "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None}
        if dn.type == "RANGE":     # a cell or range; a formula (shibai_list_rows) has none
            sheet, ref = dn.attr_text.rsplit("!", 1)
            entry["sheet_index"] = index[sheet.strip("'").replace("''", "'")]
            entry["address"] = ref.replace("$", "")
        names.append(entry)
    return {"names": names, "sheets": sheets}


def open_remote(path: Path, saved: bool = True) -> xw.Book:
    """The workbook as the remote engine sees it; ``saved``: its name is the file's full path, so the
    actions know the folder (Excel's ``fullname``)."""
    return xw.Book(json=payload(path, name=str(path) if saved else path.name))


# --- replaying the actions --------------------------------------------------------------------------

def _text(v):
    return v[1:] if isinstance(v, str) and v.startswith("'") else v


class WithCom:
    """An xlwings object of the remote engine with the ``.api`` answers Excel's COM object would give (no Excel
    here): ``WithCom(book, Saved=True)``, ``WithCom(sheet, ProtectContents=True)``."""

    def __init__(self, wrapped, **com):
        self._wrapped = wrapped
        self.api = type("Com", (), com)()

    def __getattr__(self, name):
        return getattr(self._wrapped, name)


class Replay:
    """The workbook after the book's JSON actions, cell by cell."""

    def __init__(self, book: xw.Book) -> None:
        self.actions = book.json()["actions"]
        added = {a["args"][1] for a in self.actions if a["func"] == "addSheet"}
        sheets = [s for s in book.impl.api["sheets"] if s["name"] not in added]   # as the payload sent them
        self.names = [s["name"] for s in sheets]
        self.cells: dict[str, dict[tuple[int, int], object]] = {
            s["name"]: {(i + 1, j + 1): v for i, r in enumerate(s["values"]) for j, v in enumerate(r)
                        if v not in ("", None)} for s in sheets}
        self.written: dict[tuple[str, str], object] = {}
        self.colors: dict[tuple[str, str], str] = {}
        self.notes_added: dict[tuple[str, str], str] = {}
        self.notes_deleted: set[tuple[str, str]] = set()
        self.links: dict[tuple[str, str], list] = {}
        self.tables: dict[str, str] = {}
        self.alerts: list[str] = []
        self.columns: dict[tuple[str, str], dict[str, object]] = {}    # (sheet, column) → width, wrap set
        self.notes: dict[str, set[str]] = {s["name"]: {n["address"] for n in s.get("notes", [])} for s in sheets}
        self.inserted: list[tuple[str, int]] = []
        for a in self.actions:
            self._apply(a)

    def _apply(self, a: dict) -> None:
        f = a["func"]
        sheet = self.names[a["sheet_position"]] if a["sheet_position"] is not None else None
        top_left = (a["start_row"] or 0) + 1, (a["start_column"] or 0) + 1
        ref = f"{get_column_letter(top_left[1])}{top_left[0]}" if a["start_row"] is not None else None
        if f == "addSheet":
            self.names.insert(a["args"][0], a["args"][1])
            self.cells.setdefault(a["args"][1], {})
        elif f == "setValues":
            for i, row in enumerate(a["values"]):
                for j, v in enumerate(row):
                    key = (top_left[0] + i, top_left[1] + j)
                    self.written[(sheet, f"{get_column_letter(key[1])}{key[0]}")] = _text(v)
                    if v in ("", None):
                        self.cells[sheet].pop(key, None)
                    else:
                        self.cells[sheet][key] = _text(v)
        elif f == "setRangeColor":
            self.colors[(sheet, ref)] = a["args"][0]
        elif f == "addNote":
            self.notes_added[(sheet, a["args"][0].replace("$", ""))] = a["args"][1]
        elif f == "deleteNote":
            self.notes_deleted.add((sheet, a["args"][0].replace("$", "")))
        elif f == "addHyperlink":
            self.links[(sheet, ref)] = a["args"]
        elif f == "resizeTable":
            self.tables[sheet] = a["args"][1].replace("$", "")
        elif f == "rangeInsert":
            self._insert_rows(sheet, a)
        elif f == "alert":
            self.alerts.append(a["args"][0])
        elif f in ("setColumnWidth", "setWrapText") and a["row_count"] == 1048576:   # whole columns
            for c in range(a["start_column"] + 1, a["start_column"] + a["column_count"] + 1):
                self.columns.setdefault((sheet, get_column_letter(c)), {})[f] = a["args"][0]

    def _insert_rows(self, sheet: str, a: dict) -> None:
        assert a["args"][0] == "down" and a["column_count"] == 16384, a     # whole rows, as Excel inserts them
        for _ in range(a["row_count"]):
            self._insert(sheet, a["start_row"] + 1)
        self.inserted.append((sheet, a["start_row"] + 1))

    def _insert(self, sheet: str, row: int) -> None:
        """Excel's insert of whole rows at ``row``: the cells and notes from there down move one row down."""
        self.cells[sheet] = {(r + 1 if r >= row else r, c): v for (r, c), v in self.cells[sheet].items()}
        self.notes[sheet] = {_moved(ref, row) for ref in self.notes.get(sheet, set())}

    def value(self, sheet: str, ref: str):
        col, row = re.match(r"([A-Z]+)(\d+)", ref).groups()
        return self.cells[sheet].get((int(row), range_boundaries(f"{col}1")[0]))

    def funcs(self) -> Counter:
        return Counter(a["func"] for a in self.actions)


def _moved(ref: str, row: int) -> str:
    col, r = re.match(r"([A-Z]+)(\d+)", ref).groups()
    return f"{col}{int(r) + 1 if int(r) >= row else r}"


def same(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def without_time(text):
    """A text without the time it was written at: a check's 检查时间, an expert book's 生成时间 (to the minute, so a
    button and a command a second apart may differ)."""
    if not isinstance(text, str):
        return text
    return re.sub(r"生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "", re.sub(r"检查时间：[^；]*", "", text))


def assert_marks_as_in_file(replay, wb) -> None:
    """The marks an action made: the same cells, colours and note texts as the file's fills and comments."""
    marked = {(ws.title, c.coordinate): (c.fill.fgColor.rgb, c.comment.text)
              for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment}
    assert set(replay.colors) == set(marked) == set(replay.notes_added)
    for where, (rgb, text) in marked.items():
        assert replay.colors[where].lstrip("#").upper() == rgb[2:]
        assert replay.notes_added[where] == text


def sheet_cells(ws) -> dict[tuple[int, int], object]:
    return {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}


def assert_sheet_equal(replay: Replay, ws) -> None:
    expected, got = sheet_cells(ws), replay.cells[ws.title]
    diff = [(k, expected.get(k), got.get(k)) for k in set(expected) | set(got) if not same(expected.get(k), got.get(k))]
    assert not diff, f"{ws.title}: {diff[:5]}"


# --- fixtures: real workbooks ----------------------------------------------------------------------------

# --- structure ------------------------------------------------------------------------------------------

def test_every_ribbon_button_has_an_action():
    assert set(R.ACTIONS) == {b.id for b in RIBBON_BUTTONS}


@pytest.mark.parametrize("t", TYPES)
def test_open_book_reads_the_same_application_as_the_file_reader(t, make_workbook):
    path = make_workbook(t)
    ob = OpenBook(open_remote(path))
    assert ob.kind() == APPLICATION
    from_excel, from_file = ob.read_application(), read_application(path)
    assert from_excel.type == from_file.type == t
    assert from_excel.raw == from_file.raw
    assert from_excel.residents == from_file.residents and from_excel.residents_sheet == from_file.residents_sheet
    assert from_excel.materials == from_file.materials and from_excel.reader_findings == from_file.reader_findings
    assert check(from_excel).to_json() == check(from_file).to_json()


def test_each_sheet_is_read_once_and_before_any_write(flawed_park, monkeypatch):
    """Read-all → compute → write-all: one bulk read per sheet, every read before the first write."""
    from xlwings.pro import _xlremote

    events = []
    raw_value = _xlremote.Range.raw_value
    monkeypatch.setattr(_xlremote.Range, "raw_value", property(
        lambda self: events.append(("read", self.sheet.name)) or raw_value.fget(self), raw_value.fset))
    append = _xlremote.Book.append_json_action
    monkeypatch.setattr(_xlremote.Book, "append_json_action",
                        lambda self, **kw: events.append(("write", kw.get("func"))) or append(self, **kw))
    R.dispatch("sb_check", open_remote(flawed_park))
    reads = [s for kind, s in events if kind == "read"]
    assert len(reads) == len(set(reads)) <= 6
    first_write = next(i for i, (kind, _) in enumerate(events) if kind == "write")
    assert all(kind == "write" for kind, _ in events[first_write:])


# --- 检查本申报表 = shibai check --write ------------------------------------------------------------------

def test_check_writes_what_check_write_writes(flawed_park, tmp_path):
    book = open_remote(flawed_park)
    R.dispatch("sb_check", book)
    replay = Replay(book)

    result = check_file(flawed_park, write=True)          # the CLI's `shibai check --write`
    wb = load_workbook(flawed_park)
    assert len(result.findings) >= 5

    # every cell the action wrote holds what the file now holds
    for (sheet, ref), value in replay.written.items():
        assert same(without_time(value), without_time(wb[sheet][ref].value)), (sheet, ref, value, wb[sheet][ref].value)
    # and every result row / suggested score the file has was written by the action
    results = wb["校验结果"]
    for r in range(RESULT_FIRST_ROW, results.max_row + 1):
        for c in "ABCD":
            assert same(replay.value("校验结果", f"{c}{r}"), results[f"{c}{r}"].value)
    assert replay.value("校验结果", f"B{RESULT_FIRST_ROW + len(result.findings) - 1}") == result.findings[-1].code
    for name, dn in wb.defined_names.items():
        if name.startswith(("sb_score_auto_", "sb_score_reason_", "sb_result_status", "sb_result_score")):
            sheet, ref = dn.attr_text.replace("$", "").replace("'", "").split("!")
            assert same(replay.value(sheet, ref), wb[sheet][ref].value), name

    assert_marks_as_in_file(replay, wb)
    # hyperlinks from 位置 to the cell, as in the file
    for (sheet, ref), (address, shown, _tip) in replay.links.items():
        assert address == "#" + wb[sheet][ref].hyperlink.location
        assert shown == wb[sheet][ref].value
    assert len(replay.links) == sum(1 for f in result.findings if f.sheet and f.cell)
    assert "前置条件：待定" in replay.alerts[-1]


def test_check_again_replaces_the_previous_marks(flawed_park):
    check_file(flawed_park, write=True)                     # marks from an earlier check --write
    wb = load_workbook(flawed_park)
    named = {n: dn.attr_text.replace("$", "").replace("'", "").split("!") for n, dn in wb.defined_names.items()
             if dn.type == "RANGE"}
    sheet, ref = named["sb_leader_mobile"]
    wb[sheet][ref].value = "13908510001"                   # the person fixes the mobile number
    wb.save(flawed_park)
    before = {(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment}
    assert (sheet, ref) in before

    book = open_remote(flawed_park)
    R.dispatch("sb_check", book)
    replay = Replay(book)
    assert replay.notes_deleted == before                   # all old marks removed …
    assert replay.colors[(sheet, ref)] == W.INPUT_COLOR     # … the fixed cell back to the input colour
    assert (sheet, ref) not in replay.notes_added
    assert set(replay.notes_added) == before - {(sheet, ref)}
    # the shorter list of findings blanks the rows the earlier run filled
    assert replay.value("校验结果", f"A{wb['校验结果'].max_row}") is None


def test_score_writes_only_the_suggested_columns(flawed_park):
    book = open_remote(flawed_park)
    R.dispatch("sb_score", book)
    replay = Replay(book)
    assert set(replay.funcs()) == {"setValues", "alert"}
    assert {s for s, _ in replay.written} == {"评分"}
    assert {re.sub(r"\d", "", ref) for _, ref in replay.written} == {"F", "G"}   # 建议分, 建议理由
    check_file(flawed_park, write=True)
    ws = load_workbook(flawed_park)["评分"]
    for (_, ref), value in replay.written.items():
        assert same(value, ws[ref].value)
    assert ws["H4"].value is None                                           # 评审得分 untouched


def test_residents_action_reports_the_cross_checks(flawed_park):
    book = open_remote(flawed_park)
    R.dispatch("sb_residents", book)
    replay = Replay(book)
    result = check(read_application(flawed_park))
    text = replay.alerts[-1]
    assert f"入驻企业名单：{result.residents.companies} 家" in text and "重复企业：" in text
    for f in result.findings:
        if f.code.startswith("XC_RESIDENT"):
            assert f.message in text
    assert not replay.written                                               # no values, only marks
    assert replay.colors and {s for s, _ in replay.colors} == {"入驻企业名单"}


def test_residents_action_says_it_marked_the_lists_cells(flawed_park):
    """核对入驻名单 coloured the list's cells with problems and put notes on them, and its message never said so
    (a button changes only what it says it changes): it says where the marks are."""
    book = open_remote(flawed_park)
    R.dispatch("sb_residents", book)
    replay = Replay(book)
    assert replay.colors and "“入驻企业名单”表中有问题的单元格已标色并加批注" in replay.alerts[-1], replay.alerts[-1]


def test_residents_action_on_an_enterprise(make_workbook):
    book = open_remote(make_workbook("enterprise"))
    R.dispatch("sb_residents", book)
    assert "没有入驻企业名单" in Replay(book).alerts[-1]


def test_residents_action_without_a_list_says_what_check_says(make_workbook):
    """A park form whose 入驻企业名单 sheet was deleted: the button said the workbook lacks "名为 sb_residents 的表格"
    and to use the template, while check reads a list by its 附件3 header or from a workbook beside the form. It
    says what check says, with where a list may be."""
    path = make_workbook("park")
    wb = load_workbook(path)
    del wb["入驻企业名单"]
    for name in [n for n, dn in wb.defined_names.items() if "入驻企业名单" in dn.attr_text]:
        del wb.defined_names[name]
    wb.save(path)
    book = open_remote(path)
    R.dispatch("sb_residents", book)
    said = Replay(book).alerts[-1]
    found = next(f for f in check_file(path).findings if f.code == "XC_RESIDENT_ROW")
    assert "sb_residents 表格或附件3表头" in found.message and "sb_residents 表格或附件3表头" in said
    assert "旁边" in said and "shibai new" not in said


def test_upload_name_and_help(make_workbook):
    path = make_workbook("team")
    book = open_remote(path)
    R.dispatch("sb_upload_name", book)
    R.dispatch("sb_help", book)
    alerts = Replay(book).alerts
    assert check_file(path).upload_name in alerts[0]
    assert alerts[1] == R.HELP_TEXT


def test_new_writes_a_blank_template_next_to_the_workbook(make_workbook, rules):
    path = make_workbook("base")
    book = open_remote(path)
    R.dispatch("sb_new", book)
    out = path.parent / f"{rules.types['base'].form_title}（空白）.xlsx"
    assert out.is_file() and str(out) in Replay(book).alerts[-1]
    assert OpenBook(open_remote(out)).constant("sb_type") == "base"
    R.dispatch("sb_new", open_remote(path))
    assert out.with_name(f"{out.stem}(2).xlsx").is_file()


# --- errors: a Chinese message box, never a traceback ------------------------------------------------------

def test_errors_are_chinese_message_boxes(make_workbook, tmp_path, monkeypatch):
    summary = new_workbook("summary", tmp_path / "汇总.xlsx")
    book = open_remote(summary)
    R.dispatch("sb_check", book)
    R.dispatch("sb_nonexistent", book)
    alerts = Replay(book).alerts
    assert "不是申报表" in alerts[0] and "未知的按钮" in alerts[1]

    app_book = open_remote(make_workbook("team"), saved=False)
    R.dispatch("sb_review_make", app_book)
    monkeypatch.setattr("shibai_xl.jobs.actions.check_application", lambda *a, **k: 1 / 0)
    R.dispatch("sb_check", app_book)
    alerts = Replay(app_book).alerts
    assert "不是本工具的项目汇总表" in alerts[0]
    assert alerts[1].startswith("程序内部错误（") and "ZeroDivisionError" not in alerts[1]
    assert all(a["args"][3] == "critical" for a in app_book.json()["actions"] if a["func"] == "alert")


def test_no_caller_no_crash(capsys):
    R.dispatch("sb_help")            # not started from Excel: xw.Book.caller() fails
    assert "无法连接到 Excel" in capsys.readouterr().err


# --- 刷新汇总表 / 合并市州汇总 on the open summary = shibai refresh / shibai merge on the file -------------------

def _summary_pair(root: Path, title: str | None = None) -> tuple[Path, Path]:
    """Two identical new summaries: one opened in "Excel", one refreshed as a file by the CLI's job."""
    a, b = root / "项目汇总表.xlsx", root / "cli" / "项目汇总表.xlsx"
    b.parent.mkdir(parents=True, exist_ok=True)
    new_workbook("summary", a, title)
    shutil.copy(a, b)
    return a, b


def _refreshed_pair(tmp_path: Path, demo_folder: Path) -> tuple[Path, Path, Path]:
    """The demo's applications, and a :func:`_summary_pair` whose first summary they refreshed (a clerk then edits
    it): (applications, that summary, the untouched one)."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    a, b = _summary_pair(tmp_path)
    refresh(a, apps, now=NOW)
    return apps, a, b


def refresh_open(ob: OpenBook, folder: Path, **kw):
    """The 刷新汇总表 job on the open summary, its edits made through xlwings, as the ribbon does."""
    outcome = A.refresh_summary(ob, folder, **kw)
    A.apply_in_excel(ob, outcome)
    return outcome.report


def merge_open(ob: OpenBook, cities: list[Path], **kw):
    """The 合并市州汇总 job into the open provincial summary, its edits made through xlwings."""
    outcome = A.merge_into(ob, cities, **kw)
    A.apply_in_excel(ob, outcome)
    return outcome.report


def test_refresh_open_summary_writes_what_refresh_writes(tmp_path, demo_folder):
    folder = demo_folder / "申报表"
    a, b = _summary_pair(tmp_path)
    book = open_remote(a)
    report = refresh_open(OpenBook(book), folder, now=NOW)
    refresh(b, folder, now=NOW)
    replay = Replay(book)
    assert report.update.added == 4
    wb = load_workbook(b)
    for ws in wb.worksheets:
        assert_sheet_equal(replay, ws)
    ws, table = next((ws, t) for ws in wb.worksheets for t in ws.tables.values())
    assert replay.tables[ws.title] == table.ref
    assert replay.funcs()["setValues"] <= 30     # whole rows per write, not cell by cell


def test_names_that_read_as_error_values_reach_the_open_summary_as_that_text(tmp_path, make_workbook):
    """An applicant whose 名称 or 地址 reads "#N/A" or "#REF!": the file refresh keeps those characters, as Excel keeps
    text typed after an apostrophe; set as a cell's value in Excel or WPS (Range.Value) the same text became the
    error value, and the next refresh read that project's row as one without a name."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for i, (name, address) in enumerate((("#N/A", "#DIV/0!"), ("#ref!", "#NAME?"))):
        make_workbook("team", example("team", sb_name=name, sb_address=address,
                                      sb_uscc=make_uscc(serial=f"MA6DKQ{i:03d}")), name=f"申报表/{i}.xlsx")
    a, b = _summary_pair(tmp_path)
    book = open_remote(a)
    refresh_open(OpenBook(book), apps, now=NOW)
    written = {v for act in book.json()["actions"] if act["func"] == "setValues" for row in act["values"] for v in row}
    assert {"'#N/A", "'#DIV/0!", "'#ref!", "'#NAME?"} <= written
    assert not {"#N/A", "#DIV/0!", "#ref!", "#NAME?"} & written
    refresh(b, apps, now=NOW)
    for ws in load_workbook(b).worksheets:
        assert_sheet_equal(Replay(book), ws)


def test_a_name_beginning_with_an_apostrophe_keeps_it_in_the_open_summary(tmp_path, make_workbook):
    """'黔货'电商 (a name quoted in the form): Excel and WPS take a value's leading apostrophe for the text prefix and
    drop it, so the open summary showed 黔货'电商 where the file refresh writes the name as it is."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("team", example("team", sb_name="'黔货'电商有限公司"), name="申报表/团队.xlsx")
    a, b = _summary_pair(tmp_path)
    book = open_remote(a)
    refresh_open(OpenBook(book), apps, now=NOW)
    written = {v for act in book.json()["actions"] if act["func"] == "setValues" for row in act["values"] for v in row}
    assert "''黔货'电商有限公司" in written
    refresh(b, apps, now=NOW)
    for ws in load_workbook(b).worksheets:
        assert_sheet_equal(Replay(book), ws)


def test_refresh_open_summary_keeps_peoples_edits_like_refresh(tmp_path, demo_folder):
    apps, a, b = _refreshed_pair(tmp_path, demo_folder)
    # a person scores one project and corrects a name; one application is withdrawn
    wb = load_workbook(a)
    ws = wb.worksheets[0]
    sheet, header = ws.title, {c.value: c.column for c in ws[3]}
    ws.cell(4, header["市州评分"]).value = 88
    ws.cell(5, header["企业名称"]).value = "人工改过的名称"
    wb.save(a)
    shutil.copy(a, b)
    next(apps.glob("示范企业-*.xlsx")).unlink()

    book = open_remote(a)
    refresh_open(OpenBook(book), apps, now=NOW)
    refresh(b, apps, now=NOW)
    replay = Replay(book)
    for ws in load_workbook(b).worksheets:
        assert_sheet_equal(replay, ws)
    score = f"{get_column_letter(header['市州评分'])}4"
    assert replay.value(sheet, score) == 88 and (sheet, score) not in replay.written
    assert replay.value(sheet, f"{get_column_letter(header['企业名称'])}5") == "人工改过的名称"
    assert "已撤回" in [replay.value(sheet, f"{get_column_letter(header['状态'])}{r}") for r in range(4, 8)]


def summary_with_a_total_formula(tmp_path: Path, make_workbook) -> tuple[Path, Path, int]:
    """A summary of two applications under which the clerk typed 合计 =SUM(…) and saved it (LibreOffice here, Excel
    in the office: the file holds the formulas and the totals they show); a third application arrives."""
    from .libreoffice import convert
    from .test_summaries_real_world import summary_with_a_total

    summary, apps, total = summary_with_a_total(tmp_path, make_workbook, "项目汇总表.xlsx", inside=False, typed=False)
    assert total == 6      # rows 4 and 5 are the two projects
    header = {c.value: c.column for c in load_workbook(summary).worksheets[0][3]}
    shutil.copy(convert(summary, "xlsx", tmp_path / "saved"), summary)
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    return summary, apps, header["年度交易额（万元）"]


def refreshed_both_ways(summary: Path, apps: Path, tmp_path: Path):
    """The summary refreshed as it is open (the ribbon's button) and a copy of it by the command: (the copy, what the
    open workbook was told to do, the button's report)."""
    cli = tmp_path / "cli" / summary.name
    cli.parent.mkdir()
    shutil.copy(summary, cli)
    book = open_remote(summary)
    report = refresh_open(OpenBook(book), apps, now=NOW)
    refresh(cli, apps, now=NOW)
    return cli, Replay(book), report


def test_refresh_open_summary_keeps_the_total_rows_formulas(tmp_path, make_workbook):
    """Excel shows a formula's value: the 合计 row's =SUM(K4:K5) was taken for a typed sum, written over with a
    number (said as 原为手填的) and the next project added under a total that no longer adds anything up."""
    summary, apps, trade = summary_with_a_total_formula(tmp_path, make_workbook)
    cli, replay, report = refreshed_both_ways(summary, apps, tmp_path)
    ws = load_workbook(cli).worksheets[0]
    letter = get_column_letter(trade)
    assert ws[f"{letter}7"].value == f"=SUM({letter}4:{letter}6)" and ws["A7"].value == "合计"
    assert replay.value(ws.title, "A7") == "合计"
    assert replay.value(ws.title, f"{letter}7") == f"=SUM({letter}4:{letter}6)"     # a formula, as the CLI leaves it
    assert replay.value(ws.title, "A9") == "填报人：王五"
    assert "手填" not in report.describe()
    for sheet in load_workbook(cli).worksheets:
        assert_sheet_equal(replay, sheet)


def summary_with_notes_under_the_table(tmp_path: Path, make_workbook) -> tuple[Path, Path, int]:
    """A summary of two applications, 合计 =SUM(…) typed under it and a 填报人 line, each with the clerk's own note
    (批注), saved as Excel saves it; a third application arrives: the table needs a row it does not have."""
    from openpyxl.comments import Comment

    from .libreoffice import convert
    from .test_summaries_real_world import summary_with_a_total

    summary, apps, total = summary_with_a_total(tmp_path, make_workbook, "项目汇总表.xlsx", inside=False, typed=False)
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    ws.cell(total, 1).comment = Comment("合计不含已撤回项目", "李四")
    ws.cell(total + 2, 1).comment = Comment("5月6日前报省厅", "李四")
    wb.save(summary)
    shutil.copy(convert(summary, "xlsx", tmp_path / "saved"), summary)
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    return summary, apps, total


def test_refresh_open_summary_inserts_a_row_as_refresh_does(tmp_path, make_workbook):
    """More projects than rows: the file refresh inserts a row above the 合计 row (its notes, formats and the
    填报人 line move down with their rows); the open workbook had the 合计 and 填报人 rows' values written one row
    lower instead, the clerk's notes left behind on the new project's row and on a blank one."""
    summary, apps, total = summary_with_notes_under_the_table(tmp_path, make_workbook)
    cli, replay, _ = refreshed_both_ways(summary, apps, tmp_path)
    ws = load_workbook(cli).worksheets[0]
    assert ws.cell(total + 1, 1).value == "合计" and ws.cell(total + 1, 1).comment is not None
    for sheet in load_workbook(cli).worksheets:
        assert_sheet_equal(replay, sheet)
    assert replay.notes[ws.title] == {c.coordinate for row in ws.iter_rows() for c in row if c.comment}
    assert replay.inserted == [(ws.title, total)]
    assert (ws.title, f"A{total + 3}") not in replay.written     # the 填报人 line moved with its row, not retyped


def refreshed_two(tmp_path: Path, make_workbook) -> tuple[Path, Path]:
    """(summary, applications): an enterprise's and a team's application refreshed into a new summary."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("enterprise", "team"):
        shutil.move(make_workbook(t), apps / f"{t}.xlsx")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, apps, now=NOW)
    return summary, apps


def summary_with_excels_total_row(tmp_path: Path, make_workbook) -> tuple[Path, Path, int]:
    """(summary, applications, the last project row): two projects under which the clerk turned on Excel's own
    汇总行 (表设计 → 汇总行: "汇总" and =SUBTOTAL(109,…) in the table's last row); a third application arrives."""
    summary, apps = refreshed_two(tmp_path, make_workbook)
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    table = ws.tables["sb_summary"]
    trade = {c.value: c.column for c in ws[3]}["年度交易额（万元）"]
    c0, r0, c1, r1 = range_boundaries(table.ref)
    table.ref = f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1 + 1}"
    table.totalsRowCount = 1
    for column in table.tableColumns:
        if column.name == "年度交易额（万元）":
            column.totalsRowFunction = "sum"
    ws.cell(r1 + 1, 1).value = "汇总"
    ws.cell(r1 + 1, trade).value = "=SUBTOTAL(109,sb_summary[年度交易额（万元）])"
    wb.save(summary)
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    return summary, apps, r1


def test_refresh_open_summary_with_excels_total_row_adds_projects_above_it(tmp_path, make_workbook):
    """Excel's 汇总行: the file refresh puts a new project above it; the open workbook's copy of the table had lost
    that the last row is the totals row, read "汇总" as a row of the table and put the project under it, where
    Excel's resize made the project the totals row and the old totals row a data row."""
    summary, apps, r1 = summary_with_excels_total_row(tmp_path, make_workbook)
    cli, replay, _ = refreshed_both_ways(summary, apps, tmp_path)
    ws = load_workbook(cli).worksheets[0]
    assert ws.cell(r1 + 2, 1).value == "汇总" and ws.cell(r1 + 1, 4).value    # the CLI: the project above 汇总
    for sheet in load_workbook(cli).worksheets:
        assert_sheet_equal(replay, sheet)
    assert replay.inserted == [(ws.title, r1 + 1)]     # inserted above the totals row, inside the table
    assert replay.tables[ws.title] == ws.tables["sb_summary"].ref


def test_refresh_with_an_application_open_and_unsaved_in_excel_asks_to_save_it(tmp_path, demo_folder):
    """A clerk corrects 年度交易额 in an application open in Excel, does not save, and clicks 刷新汇总表 in the summary:
    the refresh read the application's saved file and showed the old figure without a word. Excel tells which
    open workbooks have unsaved changes (Workbook.Saved): one of the folder's is named, nothing is written."""
    apps, summary, _ = _refreshed_pair(tmp_path, demo_folder)
    app_file = next(apps.glob("*.xlsx"))
    book = open_remote(summary)
    unsaved = WithCom(open_remote(app_file), Saved=False)
    unsaved.fullname = str(app_file)
    other = WithCom(open_remote(summary), Saved=False)      # elsewhere: not read by the refresh
    other.fullname = str(tmp_path / "别处" / "预算.xlsx")
    alerts = []
    app = types.SimpleNamespace(books=[WithCom(book, Saved=True), unsaved, other], status_bar="", api=None,
                                alert=lambda text, **kw: alerts.append(text), engine=book.app.engine)
    R.dispatch("sb_refresh", book, app)
    replay = Replay(book)
    said = alerts[-1]
    assert app_file.name in said and "未保存" in said and "预算.xlsx" not in said, said
    assert not replay.written

    assert R.Context(book, types.SimpleNamespace(books=[other])).unsaved() == [Path(other.fullname)]
    assert R.Context(book).unsaved() == []                  # an engine without Workbook.Saved: none known


def test_check_with_the_separate_list_open_and_unsaved_in_excel_asks_to_save_it(make_workbook, tmp_path):
    """A base's 附件3 kept in its own workbook beside the form, open in Excel and just corrected, not saved:
    核对入驻名单 and 检查本申报表 read its saved file and compared the old list without a word. They ask to save it;
    生成上传文件名 (no list in it) goes on."""
    from shibai_xl.examples import example_residents

    from .test_real_applications import BASE_NAME, _base_with_separate_list

    list_name = f"{BASE_NAME}入驻企业名单.xlsx"
    path = _base_with_separate_list(tmp_path / "申报", make_workbook, example_residents("base")[:4], list_name,
                                    "入驻电商企业名单")
    alerts = []
    for control, asked in (("sb_residents", True), ("sb_check", True), ("sb_upload_name", False)):
        book = open_remote(path)
        unsaved = WithCom(book, Saved=False)
        unsaved.fullname = str(path.parent / list_name)
        app = types.SimpleNamespace(books=[unsaved], status_bar="", api=None, engine=book.app.engine,
                                    alert=lambda text, **kw: alerts.append(text))
        R.dispatch(control, book, app)
        assert (list_name in alerts[-1] and "未保存" in alerts[-1]) == asked, alerts[-1]
        assert not Replay(book).written or not asked


def test_check_reads_a_park_list_csv_beside_the_form_and_asks_to_save_it_when_open_unsaved(make_workbook, tmp_path):
    """A park's 附件3 came as a CSV beside its form: 检查本申报表 read it as `shibai check FILE` does. Opened in Excel
    and corrected, not saved: the button read the old CSV without a word (only workbooks were asked about); it asks to
    save it first, as for a list workbook."""
    from .test_text_tables import list_text

    folder = tmp_path / "申报"
    folder.mkdir()
    path = make_workbook("park", residents=None, name="申报/园区.xlsx")
    (folder / "入驻企业名单.csv").write_bytes(list_text().encode("gbk"))
    book = open_remote(path)
    result = A._checked(OpenBook(book), A.Inputs())
    assert result.app.residents_file == "入驻企业名单.csv" and len(result.app.residents) > 0
    alerts = []
    book = open_remote(path)
    unsaved = WithCom(book, Saved=False)
    unsaved.fullname = str(folder / "入驻企业名单.csv")
    app = types.SimpleNamespace(books=[unsaved], status_bar="", api=None, engine=book.app.engine,
                                alert=lambda text, **kw: alerts.append(text))
    R.dispatch("sb_check", book, app)
    assert "入驻企业名单.csv" in alerts[-1] and "未保存" in alerts[-1], alerts[-1]


def test_refresh_button_uses_the_applications_subfolder(tmp_path, demo_folder):
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    a, _ = _summary_pair(tmp_path)
    book = open_remote(a)
    R.dispatch("sb_refresh", book)
    replay = Replay(book)
    assert f"申报表文件夹：{tmp_path / '申报表'}" in replay.alerts[-1] and "新增 4 行" in replay.alerts[-1]
    assert not R.application_folder(tmp_path / "cli") == tmp_path / "申报表"

    unsaved = open_remote(a, saved=False)
    R.dispatch("sb_refresh", unsaved)
    assert "请先保存" in Replay(unsaved).alerts[-1]


def test_merge_into_open_province_writes_what_merge_writes(tmp_path, demo_folder):
    cities = []
    for city in ("贵阳市", "遵义市"):
        path = tmp_path / f"{city}项目汇总表.xlsx"
        refresh(path, demo_folder / "申报表", city=city, now=NOW)
        cities.append(path)
    a, b = _summary_pair(tmp_path / "province", PROVINCE_TITLE)
    book = open_remote(a)
    ob = OpenBook(book)
    assert ob.kind() == PROVINCE
    report = merge_open(ob, cities, now=NOW)
    merge(b, cities, now=NOW)
    assert report.province == a and len(report.duplicates) == 4
    replay = Replay(book)
    for ws in load_workbook(b).worksheets:
        assert_sheet_equal(replay, ws)


def test_merge_button_on_a_province_merges_the_other_summaries(tmp_path, demo_folder):
    for city in ("贵阳市", "遵义市"):
        refresh(tmp_path / f"{city}项目汇总表.xlsx", demo_folder / "申报表", city=city, now=NOW)
    province = tmp_path / "全省.xlsx"
    new_workbook("summary", province, PROVINCE_TITLE)
    cities, provinces = R.summary_files(tmp_path)
    assert [p.name for p in provinces] == ["全省.xlsx"] and len(cities) == 2
    book = open_remote(province)
    R.dispatch("sb_merge", book)
    assert "合并：贵阳市 4 项，遵义市 4 项" in Replay(book).alerts[-1]

    city_book = open_remote(cities[0])           # from a city's summary: a provincial file is written
    R.dispatch("sb_merge", city_book)
    assert (tmp_path / R.PROVINCE_FILE).is_file()


def test_merge_button_merges_a_city_summary_sent_as_csv(tmp_path, demo_folder):
    """遵义市 sent its 附件4 as the GBK CSV WPS saves, put in the province's folder beside 贵阳市's .xlsx: 合并市州汇总
    merged 贵阳市 alone and said nothing of 遵义市 (only workbooks were looked at), though `shibai merge` reads the CSV.
    It is merged; a note in the folder is not taken for a city."""
    from .libreoffice import convert

    refresh(tmp_path / "贵阳市项目汇总表.xlsx", demo_folder / "申报表", city="贵阳市", now=NOW)
    refresh(tmp_path / "lo" / "遵义市项目汇总表.xlsx", demo_folder / "申报表", city="遵义市", now=NOW)
    exported = convert(tmp_path / "lo" / "遵义市项目汇总表.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                       tmp_path / "lo")
    (tmp_path / "遵义市项目汇总表.csv").write_bytes(exported.read_text("utf-8").encode("gbk"))
    (tmp_path / "说明.txt").write_text("各市州汇总表已收齐", "utf-8")
    province = tmp_path / "全省.xlsx"
    new_workbook("summary", province, PROVINCE_TITLE)
    cities, _ = R.summary_files(tmp_path)
    assert sorted(p.name for p in cities) == ["贵阳市项目汇总表.xlsx", "遵义市项目汇总表.csv"], cities
    book = open_remote(province)
    R.dispatch("sb_merge", book)
    said = Replay(book).alerts[-1]
    assert "贵阳市 4 项" in said and "遵义市 4 项" in said, said


def test_merge_button_does_not_follow_a_link_in_the_folder_to_a_workbook_elsewhere(tmp_path, demo_folder):
    """The province's folder of city summaries (unzipped on 统信 UOS/麒麟, links kept): 遵义市项目汇总表.xlsx linking to a
    file elsewhere on the computer was merged as 遵义市's; it is listed unread with where it points, as a folder's
    links are for refresh (README: 链接不会被跟随), and the total said incomplete."""
    folder, elsewhere = tmp_path / "省", tmp_path / "别处"
    folder.mkdir()
    refresh(folder / "贵阳市项目汇总表.xlsx", demo_folder / "申报表", city="贵阳市", now=NOW)
    refresh(elsewhere / "某表.xlsx", demo_folder / "申报表", city="遵义市", now=NOW)
    (folder / "遵义市项目汇总表.xlsx").symlink_to(elsewhere / "某表.xlsx")
    province = folder / "全省.xlsx"
    new_workbook("summary", province, PROVINCE_TITLE)
    book = open_remote(province)
    R.dispatch("sb_merge", book)
    said = Replay(book).alerts[-1]
    assert "合并：贵阳市 4 项" in said and "遵义市 4 项" not in said, said
    assert "遵义市项目汇总表.xlsx" in said and "链接" in said and "没有读取" in said, said


def test_merge_and_review_from_a_city_summary_with_unsaved_edits_ask_to_save(tmp_path, demo_folder, monkeypatch):
    """合并市州汇总 on a city's summary and 专家评分表 read its saved file: a 市州评分 typed and not saved was left out of
    全省项目汇总表 without a word; now the button asks to save first and writes nothing."""
    path = tmp_path / "贵阳市项目汇总表.xlsx"
    refresh(path, demo_folder / "申报表", city="贵阳市", now=NOW)
    data = payload(path, name=str(path))
    values = data["sheets"][0]["values"]
    values[3][values[2].index("市州评分")] = 91            # typed in Excel, not saved
    for control in ("sb_merge", "sb_review_make"):
        book = xw.Book(json=data)
        monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙")
        R.dispatch(control, book)
        said = Replay(book).alerts[-1]
        assert "未保存的修改" in said and "M4" in said and "请先保存" in said, said
    assert not (tmp_path / R.PROVINCE_FILE).exists() and not (tmp_path / R.REVIEW_FOLDER).exists()

    saved = open_remote(path)                              # as saved: merged as before
    R.dispatch("sb_merge", saved)
    assert "合并：贵阳市 4 项" in Replay(saved).alerts[-1]


def test_merge_and_review_from_a_read_only_city_summary_with_unsaved_edits_say_to_save_it_as(tmp_path, demo_folder,
                                                                                             monkeypatch):
    """The city's summary opened read-only (a colleague has it open on the shared folder): a 市州评分 typed and the
    button said “请先保存（Ctrl+S）”, which Excel cannot do to that file. It says the workbook is read-only and to
    save it as a copy (as the WPS add-in says), and writes nothing."""
    path = tmp_path / "贵阳市项目汇总表.xlsx"
    refresh(path, demo_folder / "申报表", city="贵阳市", now=NOW)
    data = payload(path, name=str(path))
    values = data["sheets"][0]["values"]
    values[3][values[2].index("市州评分")] = 91            # typed in Excel, not saved
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙")
    for control in ("sb_merge", "sb_review_make"):
        book = xw.Book(json=data)
        R.dispatch(control, WithCom(book, ReadOnly=True, Saved=False))
        said = Replay(book).alerts[-1]
        assert "M4" in said and "只读" in said and "另存为" in said and "Ctrl+S" not in said, said
    assert not (tmp_path / R.PROVINCE_FILE).exists() and not (tmp_path / R.REVIEW_FOLDER).exists()


def test_merge_from_a_city_summary_whose_table_was_renamed_with_unsaved_edits_asks_to_save(tmp_path, demo_folder):
    """The same with the summary's table renamed (表1): the unsaved 市州评分 was not compared (only the table's sheet
    was) and left out of the merge without a word. The sheet holding the 附件4 header is compared instead."""
    path = tmp_path / "贵阳市项目汇总表.xlsx"
    refresh(path, demo_folder / "申报表", city="贵阳市", now=NOW)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    table = ws.tables.pop("sb_summary")
    table.name = table.displayName = "表1"
    ws.add_table(table)
    wb.save(path)
    data = payload(path, name=str(path))
    values = data["sheets"][0]["values"]
    values[3][values[2].index("市州评分")] = 91            # typed in Excel, not saved
    book = xw.Book(json=data)
    R.dispatch("sb_merge", book)
    said = Replay(book).alerts[-1]
    assert "未保存的修改" in said and "M4" in said and "请先保存" in said, said
    assert not (tmp_path / R.PROVINCE_FILE).exists()


def test_merge_button_merges_every_city_summary_merge_reads(tmp_path, demo_folder):
    """The province's folder: 贵阳市's tool summary, 遵义市's 附件4 typed by hand, 安顺市's summary re-saved as .xls
    and 六盘水市's summary that arrived broken. The button merged 贵阳市 alone and called the total complete;
    ``shibai merge`` on the same files merges the three and lists the broken one: the button now does the same."""
    from .libreoffice import convert
    from .test_summaries_real_world import official

    refresh(tmp_path / "贵阳市项目汇总表.xlsx", demo_folder / "申报表", city="贵阳市", now=NOW)
    official(tmp_path / "遵义市附件4.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
             [("汇川区", "遵义某某电子商务有限公司", "企业", "民企", 3000, 1500, 85)])
    refresh(tmp_path / "x" / "安顺市项目汇总表.xlsx", demo_folder / "申报表", city="安顺市", now=NOW)
    shutil.copy(convert(tmp_path / "x" / "安顺市项目汇总表.xlsx", "xls", tmp_path / "y"), tmp_path / "安顺市项目汇总表.xls")
    (tmp_path / "六盘水市项目汇总表.xlsx").write_bytes(b"PK\x03\x04 cut off while copying")
    province, cli = tmp_path / "全省.xlsx", tmp_path / "cli" / "全省.xlsx"
    new_workbook("summary", province, PROVINCE_TITLE)
    cli.parent.mkdir()
    shutil.copy(province, cli)
    book = open_remote(province)
    R.dispatch("sb_merge", book)
    replay = Replay(book)
    said = replay.alerts[-1]
    assert "贵阳市 4 项" in said and "遵义市 1 项" in said and "安顺市 4 项" in said, said
    assert "六盘水市项目汇总表.xlsx" in said and "（不完整）" in said
    merge(cli, [tmp_path / n for n in ("贵阳市项目汇总表.xlsx", "遵义市附件4.xlsx", "安顺市项目汇总表.xls",
                                       "六盘水市项目汇总表.xlsx")], now=NOW)
    got = {replay.value(replay.names[0], f"D{r}") for r in range(4, 20)} - {None}
    expected = {r[3] for r in load_workbook(cli).worksheets[0].iter_rows(min_row=4, values_only=True)} - {None}
    assert got == expected and "遵义某某电子商务有限公司" in got


def test_a_hand_made_summary_taken_over_beside_it_is_not_merged_twice(tmp_path, demo_folder):
    """刷新汇总表 on a hand-made 附件4 leaves it and writes 原名-十百千万汇总表.xlsx beside it: the city is that one."""
    from .test_summaries_real_world import official

    original = official(tmp_path / "黔南州附件4.xlsx", "黔南州2024年电商“十百千万”工程示范项目汇总表", "黔南州",
                        [("都匀市", "黔南某某电子商务有限公司", "企业", "民企", 3000, 1500, 85)])
    assert R.summary_files(tmp_path)[0] == [original]
    taken = tmp_path / f"黔南州附件4-{A.HANDMADE_SUFFIX}.xlsx"
    refresh(taken, demo_folder / "申报表", city="黔南州", now=NOW)
    assert R.summary_files(tmp_path)[0] == [taken]


def test_run_main_acts_on_what_the_workbook_is(tmp_path, demo_folder, make_workbook):
    app = make_workbook("enterprise")
    book = open_remote(app)
    R.run_main(book)
    assert "检查完成" in Replay(book).alerts[-1] and Replay(book).written

    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary, _ = _summary_pair(tmp_path)
    book = open_remote(summary)
    assert OpenBook(book).kind() == SUMMARY
    R.run_main(book)
    assert "新增 4 行" in Replay(book).alerts[-1]

    rubric = new_workbook("rubric-park", tmp_path / "评分表.xlsx")
    book = open_remote(rubric)
    assert OpenBook(book).kind() != APPLICATION
    R.run_main(book)
    assert "不是本工具的申报表或项目汇总表" in Replay(book).alerts[-1]


def test_text_that_looks_like_a_formula_stays_text():
    assert W.excel_value("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert W.excel_value(W.Formula("=SUM(A1:A2)")) == "=SUM(A1:A2)"
    assert OTHER == "other"
    # text Excel and WPS would take for a number or a date when set as a value (an all-digit 统一社会信用代码 keeps
    # 15 digits as a number, "2024-05" becomes a date): quoted, as text the file faces write
    for text in ("915201021440001530", "13812345678", "2024-05", "2024年5月", "2024-12-02 10:30", "12%", "false",
                 "#N/A", "#n/a", "#DIV/0!", "#VALUE!",   # an error value typed, as Excel would take it
                 "'黔货'电商"):                           # a leading apostrophe, which Excel takes for the prefix
        assert W.excel_value(text) == "'" + text, text
    assert W.excel_value("贵州黔货出山") == "贵州黔货出山" and W.excel_value(8000) == 8000


def test_review_buttons_make_and_collect_next_to_the_summary(tmp_path, demo_folder, monkeypatch):
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)

    book = open_remote(summary)
    R.dispatch("sb_review_make", book)             # no input box on this engine: the CLI line instead
    assert "shibai review make" in Replay(book).alerts[-1]

    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲，乙、丙")   # 、 as names are listed
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    assert "为 3 位专家生成评分表" in Replay(book).alerts[-1]
    assert len(list((tmp_path / R.REVIEW_FOLDER).glob("*.xlsx"))) >= 3

    book = open_remote(summary)
    R.dispatch("sb_review_collect", book)
    assert Replay(book).alerts[-1].startswith("评审结果：")
    assert (tmp_path / "专家评审结果.xlsx").is_file()


def test_collect_from_an_experts_workbook_with_unsaved_scores_asks_to_save(tmp_path, demo_folder, monkeypatch):
    """汇总专家评分 clicked in an expert's 评分表 reads the saved files of the round: the scores just typed there
    and not saved would be left out; the button asks to save first and writes no result."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙")
    R.dispatch("sb_review_make", open_remote(summary))
    expert = next((tmp_path / R.REVIEW_FOLDER).glob("专家评分表-甲*.xlsx"))
    data = payload(expert, name=str(expert))
    sheet = next(s for s in data["sheets"] if s["tables"])
    sheet["values"][4][sheet["values"][3].index("专家评分")] = 4    # the first score typed, not saved
    book = xw.Book(json=data)
    R.dispatch("sb_review_collect", book)
    said = Replay(book).alerts[-1]
    assert "未保存的修改" in said and "请先保存" in said, said
    assert not (tmp_path / "专家评审结果.xlsx").exists()

    saved = open_remote(expert)
    R.dispatch("sb_review_collect", saved)
    assert Replay(saved).alerts[-1].startswith("评审结果：")


def test_collect_clicked_in_the_result_workbook_says_to_close_it_and_writes_nothing(tmp_path, demo_folder, monkeypatch):
    """汇总专家评分 clicked in the 专家评审结果 workbook itself (opened to look at, then an expert sends a late 评分表)
    would write the result over the workbook open in Excel: Excel's lock refused it with "请先关闭该文件再操作，或在
    Excel 中使用“十百千万”选项卡直接处理" — the very thing the person did; without a lock (WPS, the remote engine) the
    file changed under the open workbook, whose next save would put the old result back. Refused at once, saying
    to close it and click the button in the 项目汇总表 or an expert's workbook; no file is written."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙")
    R.dispatch("sb_review_make", open_remote(summary))
    R.dispatch("sb_review_collect", open_remote(summary))
    result = tmp_path / "专家评审结果.xlsx"
    before = result.read_bytes()
    book = open_remote(result)
    R.dispatch("sb_review_collect", book)
    said = Replay(book).alerts[-1]
    assert "评审结果工作簿" in said and "关闭" in said and "项目汇总表" in said and "十百千万”选项卡直接处理" not in said, said
    assert result.read_bytes() == before and not (tmp_path / "专家评审结果.xlsx.bak").exists()


def test_an_incomplete_collect_is_said_in_excel_without_the_commands_exit_code(tmp_path, demo_folder, monkeypatch, capsys):
    """汇总专家评分 with scores missing: Excel's message box said "……后请重新汇总（退出码 1）" — the command line's exit
    code, which means nothing in a message box (docs/addin.md: the critical box is what exit code 1 is to the
    terminal). The box says the result is incomplete without it; the command line still names its exit code."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙")
    R.dispatch("sb_review_make", open_remote(summary))
    (tmp_path / R.REVIEW_FOLDER / "评审安排.xlsx").unlink()     # the plan lost too: its line spoke of the exit code
    book = open_remote(summary)
    R.dispatch("sb_review_collect", book)
    said = Replay(book).alerts[-1]
    assert "评审结果不完整" in said and "退出码" not in said, said
    assert any(a["args"][3] == "critical" for a in book.json()["actions"] if a["func"] == "alert")
    capsys.readouterr()
    assert main(["review", "collect", str(tmp_path / R.REVIEW_FOLDER), "--out", str(tmp_path / "cli.xlsx")]) == 1
    assert "退出码 1" in capsys.readouterr().err


def test_collect_clicked_in_a_summary_saved_under_another_name_reads_that_summary(tmp_path, demo_folder, monkeypatch):
    """The 项目汇总表 saved under a new name after the experts' workbooks were made (另存为 “…-定稿”), a project
    withdrawn in it: 汇总专家评分 clicked in it checked that it was saved, then looked for the old name and said
    "未找到生成评分表时的项目汇总表……请用 --from 指定" — an option of the command line, in Excel, about the summary the
    person is in — and ranked the withdrawn project. The open summary is the one read again, as ``--from`` reads it."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙")
    R.dispatch("sb_review_make", open_remote(summary))
    final = summary.rename(tmp_path / "项目汇总表-定稿.xlsx")
    wb = load_workbook(final)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[3]]
    ws.cell(4, header.index("状态") + 1, "已撤回")
    withdrawn = ws.cell(4, header.index("企业名称") + 1).value
    wb.save(final)
    book = open_remote(final)
    R.dispatch("sb_review_collect", book)
    said = Replay(book).alerts[-1]
    assert "--from" not in said and "未找到生成评分表时的项目汇总表" not in said, said
    assert "已退出本轮的项目 1 个" in said and withdrawn in said, said


def test_collect_from_the_summary_with_an_unsaved_withdrawal_asks_to_save(tmp_path, demo_folder, monkeypatch):
    """汇总专家评分 clicked in the 项目汇总表 the round was made from reads its saved file again (a project withdrawn
    since is not ranked): a 状态 changed to 已撤回 and not saved would be left out without a word, so the button asks to
    save first and writes no result."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙")
    R.dispatch("sb_review_make", open_remote(summary))
    data = payload(summary, name=str(summary))
    values = data["sheets"][0]["values"]
    values[3][values[2].index("状态")] = "已撤回"           # typed in Excel, not saved
    book = xw.Book(json=data)
    R.dispatch("sb_review_collect", book)
    said = Replay(book).alerts[-1]
    assert "未保存的修改" in said and "请先保存" in said, said
    assert not (tmp_path / "专家评审结果.xlsx").exists()


def test_refresh_button_on_a_hand_made_summary_makes_a_tool_summary_beside_it(tmp_path, demo_folder):
    """刷新汇总表 on an official 附件4 typed by hand: the open workbook is left untouched; its saved file is taken
    over into a new tool summary next to it (rows and 市州评分 kept, applications added), the message says which."""
    from .test_summaries_real_world import official, sha

    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    typed = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市2024年电商“十百千万”工程示范项目汇总表", "贵阳市",
                     [("南明区", "贵阳某未申报企业", "示范企业", "民企", "2,600", 900, 86)])
    before = sha(typed)
    book = open_remote(typed)
    R.dispatch("sb_refresh", book)
    replay = Replay(book)
    made = tmp_path / "贵阳市汇总表-十百千万汇总表.xlsx"
    message = replay.alerts[-1]
    assert "手工制作的项目汇总表" in message and str(made) in message and "新增 4 行" in message
    assert sha(typed) == before and not replay.written                     # the open workbook: not one cell
    wb = load_workbook(made)
    assert "sb_summary" in wb.worksheets[0].tables
    rows = {r[3]: r for r in wb.worksheets[0].iter_rows(min_row=3, values_only=True) if r[3]}
    assert rows["贵阳某未申报企业"][12] == 86 and len(rows) == 5              # kept, with its 市州评分, and 4 added

    R.dispatch("sb_refresh", open_remote(typed))                           # again: a second copy, never overwritten
    assert (tmp_path / "贵阳市汇总表-十百千万汇总表(2).xlsx").exists() and sha(made) != before


def test_refresh_button_on_a_summary_whose_table_was_renamed_does_what_refresh_does(tmp_path, demo_folder):
    """A clerk renamed the summary's table (表设计 → 表名称: 表1): ``shibai refresh`` takes the file over by its 附件4
    header row, as a hand-made 附件4; the button refused it as "不是本工具的项目汇总表". It makes the tool summary
    beside it (the open workbook untouched), with the same rows as the command's."""
    from .test_summaries_real_world import sha

    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    summary = tmp_path / "项目汇总表.xlsx"
    new_workbook("summary", summary)
    refresh(summary, apps, now=NOW)
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    table = ws.tables.pop("sb_summary")
    table.name = table.displayName = "表1"
    ws.add_table(table)
    ws.cell(4, next(c.column for c in ws[3] if c.value == "市州评分")).value = 91
    wb.save(summary)
    cli = tmp_path / "cli" / summary.name
    cli.parent.mkdir()
    shutil.copy(summary, cli)
    before = sha(summary)

    book = open_remote(summary)
    R.dispatch("sb_refresh", book)
    replay = Replay(book)
    assert main(["refresh", str(cli), "--from", str(apps)]) == 0
    made = tmp_path / "项目汇总表-十百千万汇总表.xlsx"
    assert made.is_file() and str(made) in replay.alerts[-1] and not replay.written and sha(summary) == before
    assert "sb_summary" in replay.alerts[-1]          # said why: the table is no longer the tool's
    got, want = load_workbook(made).worksheets[0], load_workbook(cli).worksheets[0]
    assert "sb_summary" in got.tables
    assert [r[1:13] for r in got.iter_rows(min_row=3, values_only=True)] == \
        [r[1:13] for r in want.iter_rows(min_row=3, values_only=True)]
    assert 91 in next(r for r in got.iter_rows(min_row=4, max_row=4, values_only=True))
    assert R.summary_files(tmp_path)[0] == [made]      # the city's summary is the new one: never merged twice


def test_refresh_on_a_hand_made_summary_never_writes_through_a_link_beside_it(tmp_path, demo_folder):
    """The new tool summary's name taken by a dangling symbolic link (unpacked with received files): the copy is
    not written through it into the folder the link points to, but under a free name beside the 附件4."""
    from shibai_xl.jobs import actions as A

    from .test_summaries_real_world import official

    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    typed = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市2024年电商“十百千万”工程示范项目汇总表", "贵阳市",
                     [("南明区", "贵阳某未申报企业", "示范企业", "民企", "2,600", 900, 86)])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "贵阳市汇总表-十百千万汇总表.xlsx"
    link.symlink_to(elsewhere / "planted.xlsx")
    with A.request_view(str(typed)) as view:                # what shibai serve does for the WPS button
        outcome = A.refresh(view, A.Inputs(now=NOW))
    assert list(elsewhere.iterdir()) == []
    assert outcome.open_file == tmp_path / "贵阳市汇总表-十百千万汇总表(2).xlsx" and outcome.open_file.is_file()
    assert link.is_symlink()


def test_check_button_says_what_it_could_not_write(make_workbook):
    """检查本申报表 on a pasted form whose 校验结果 sheet is a person's own: the message says it was not written
    (as ``check --write`` says), never "详见“校验结果”表"."""
    from .test_check_write import pasted_form_with_own_result_sheet

    book = open_remote(pasted_form_with_own_result_sheet(make_workbook))
    R.dispatch("sb_check", book)
    replay = Replay(book)
    assert "未写入：“校验结果”表" in replay.alerts[-1] and "详见“校验结果”表" not in replay.alerts[-1]
    assert replay.value("校验结果", "A1") == "市局初审意见：材料齐全"


def test_check_button_on_a_pasted_form_writes_the_current_result(make_workbook):
    """A form pasted without its defined names is an application to the ribbon too (read by its labels, as the
    CLI reads it): 检查本申报表 writes the current verdict into its 校验结果 sheet."""
    from .test_check_write import _strip_names

    path = make_workbook("team")
    _strip_names(path)
    expected = check_file(path).status
    book = open_remote(path)
    R.dispatch("sb_check", book)
    replay = Replay(book)
    assert "详见“校验结果”表" in replay.alerts[-1] and f"前置条件：{expected}" in replay.alerts[-1]
    assert replay.value("校验结果", "B2") == expected


def renamed_sheet(path: Path, old: str, new: str) -> Path:
    """A sheet renamed in Excel (右键 → 重命名): its defined names and the formulas pointing at it follow."""
    wb = load_workbook(path)
    wb[old].title = new
    quoted = (f"'{old}'!", f"{old}!")
    for dn in wb.defined_names.values():
        for q in quoted:
            dn.attr_text = dn.attr_text.replace(q, f"'{new}'!")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("=") and old in c.value:
                    c.value = c.value.replace(quoted[0], f"'{new}'!").replace(quoted[1], f"'{new}'!")
    wb.save(path)
    return path


def test_check_button_names_the_result_sheet_as_the_workbook_calls_it(flawed_park, tmp_path):
    """The 校验结果 sheet renamed 检查结果: the button wrote there (as check --write does) but said "详见“校验结果”表",
    a sheet the person cannot find. It names the sheet written."""
    path = renamed_sheet(flawed_park, "校验结果", "检查结果")
    cli = tmp_path / "cli.xlsx"
    shutil.copy(path, cli)
    book = open_remote(path)
    R.dispatch("sb_check", book)
    replay = Replay(book)
    written = check_file(cli, write=True)
    assert {s for s, _ in replay.written} >= {"检查结果"} and "校验结果" not in load_workbook(cli).sheetnames
    assert "详见“检查结果”表" in replay.alerts[-1] and "校验结果" not in replay.alerts[-1]
    assert replay.value("检查结果", f"B{RESULT_FIRST_ROW}") == written.findings[0].code


def test_score_button_names_the_score_sheet_as_the_workbook_calls_it(flawed_park):
    """自动评分 wrote into the 评分 sheet renamed 评分表 and said "已写入“评分”表"; it names the sheet written."""
    book = open_remote(renamed_sheet(flawed_park, "评分", "评分表"))
    R.dispatch("sb_score", book)
    replay = Replay(book)
    assert {s for s, _ in replay.written} == {"评分表"}
    assert "已写入“评分表”表" in replay.alerts[-1] and "“评分”表" not in replay.alerts[-1]


def test_check_button_lays_out_the_sheets_it_adds_as_check_write_does(tmp_path):
    """A workbook without the tool's 校验结果 and 评分 sheets: the button adds them with the widths and wrapping
    ``check --write`` gives them in the file (not Excel's default width, where every 说明 was cut off)."""
    from .test_check_write import _custom_layout

    path = _custom_layout(tmp_path)
    book = open_remote(path)
    R.dispatch("sb_check", book)
    replay = Replay(book)
    check_file(path, write=True)
    wb = load_workbook(path)
    for sheet in ("校验结果", "评分"):
        ws = wb[sheet]
        for col, dim in ws.column_dimensions.items():
            set_here = replay.columns[(sheet, col)]
            assert set_here["setColumnWidth"] == dim.width
            assert set_here.get("setWrapText", False) == bool(ws[f"{col}5"].alignment.wrap_text), (sheet, col)
    assert replay.columns[("校验结果", "C")] == {"setColumnWidth": 70, "setWrapText": True}


def test_error_values_in_the_open_book_are_said_as_check_says_them(make_workbook):
    """A #N/A in a resident's 从业人数 (a VLOOKUP that found nothing) and in a scored answer: ``shibai check`` reports
    both (XC_RESIDENT_ROW, FIELD_AMOUNT); the ribbon read them through xlwings as blanks and said 名单与申报表一致
    (QA). Office.js sends an error cell as its text, as Excel's COM does with err_to_str."""
    park = make_workbook("park", name="园区-错误值.xlsx")
    wb = load_workbook(park)
    for ref in (wb.defined_names["sb_resident_count"].attr_text, "'入驻企业名单'!$G$6"):
        sheet, cell = ref.replace("$", "").split("!")
        wb[sheet.strip("'")][cell].value = "#N/A"
        wb[sheet.strip("'")][cell].data_type = "e"
    wb.save(park)
    said = {(f.code, f.message) for f in check_file(park).findings if "#N/A" in f.message}
    assert {code for code, _ in said} == {"XC_RESIDENT_ROW", "FIELD_AMOUNT"}

    sent = payload(park, name=str(park))
    for ws in wb.worksheets:                     # what Office.js sends for an error cell: its text
        sheet = next(s for s in sent["sheets"] if s["name"] == ws.title)
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "e":
                    sheet["values"][c.row - 1][c.column - 1] = c.value
    book = xw.Book(json=sent)
    R.dispatch("sb_residents", book)
    text = Replay(book).alerts[-1]
    assert "第6行从业人数是错误值#N/A" in text and "未发现问题" not in text

    book = xw.Book(json=sent)
    R.dispatch("sb_check", book)
    replay = Replay(book)
    written = {v for (sheet, _), v in replay.written.items() if sheet == "校验结果" and isinstance(v, str)}
    assert {message for _, message in said} <= written


def test_a_workbook_excel_calls_saved_is_read_from_its_file_without_comparing(tmp_path, demo_folder):
    """Excel's own Workbook.Saved decides where it can be asked: a value COM shows otherwise than the file reader
    (a time-only cell, a float's last digit) must never block 合并市州汇总 as an "unsaved edit" that saving cannot
    clear. Without that flag (the remote engine, as here before the stand-in) the cells are compared."""
    path = tmp_path / "贵阳市项目汇总表.xlsx"
    refresh(path, demo_folder / "申报表", city="贵阳市", now=NOW)
    data = payload(path, name=str(path))
    values = data["sheets"][0]["values"]
    values[3][values[2].index("市州评分")] = 91             # shown, not in the file
    view = OpenBook(xw.Book(json=data))
    assert view.saved_as_is() is False
    with pytest.raises(A.WrongKind, match="未保存的修改"):
        A.saved_as_shown(view, "合并市州汇总")

    view.book = WithCom(view.book, Saved=True)     # Excel's Workbook.Saved (no Excel here: a stand-in)
    assert view.saved_as_is() is True
    assert A.saved_as_shown(view, "合并市州汇总") == path


def test_an_incomplete_refresh_is_a_critical_alert_a_complete_one_is_not(tmp_path, demo_folder):
    """A total is right or loudly incomplete: a refresh that could not read an application says so in the
    alert's text and shows it as Excel's critical message, not the routine info box of a complete refresh."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    a, _ = _summary_pair(tmp_path)
    book = open_remote(a)
    R.dispatch("sb_refresh", book)
    modes = [x["args"][3] for x in book.json()["actions"] if x["func"] == "alert"]
    assert modes == ["info"]
    (tmp_path / "申报表" / "复制中断.xlsx").write_bytes(b"PK\x03\x04 cut off while copying")
    book = open_remote(a)
    R.dispatch("sb_refresh", book)
    alerts = [x["args"] for x in book.json()["actions"] if x["func"] == "alert"]
    assert len(alerts) == 1 and "复制中断.xlsx" in alerts[0][0] and "汇总表不完整" in alerts[0][0]
    assert alerts[0][3] == "critical"


class ProtectedSheet:
    """What Excel's COM Worksheet says of its protection (审阅 → 保护工作表), and does on Unprotect/Protect."""

    def __init__(self, password: str | None = None) -> None:
        self.password, self.ProtectContents, self.ProtectDrawingObjects, self.ProtectScenarios = password, True, False, True
        self.Protection = type("Protection", (), {"AllowFormattingColumns": True, "AllowFormattingRows": True,
                                                  "AllowSorting": True, "AllowFiltering": True})()
        self.calls: list[tuple] = []

    def Unprotect(self, password=""):   # noqa: N802 — COM's name
        self.calls.append(("Unprotect", password))
        if self.password and password != self.password:
            raise RuntimeError("The password you supplied is not correct.")
        self.ProtectContents = False

    def Protect(self, password="", **how):   # noqa: N802
        self.calls.append(("Protect", password, how))
        self.ProtectContents = True


def _with_protected(monkeypatch, protected: dict[str, ProtectedSheet]) -> None:
    real = OpenBook.sheet

    def sheet(self, name):
        s = real(self, name)
        if name in protected:
            s = WithCom(s)
            s.api = protected[name]
        return s
    monkeypatch.setattr(OpenBook, "sheet", sheet)


def test_a_sheet_protected_without_a_password_is_written_and_protected_again_as_it_was(flawed_park, monkeypatch):
    """The templates protect their labels without a password (申报表, 补充信息, 评分): 检查本申报表 refused every
    application made from them (“工作表“评分”设置了保护”). Such a sheet is unprotected for the writes and protected
    again with the same allowances. (No Excel here: the protection is a stand-in for the COM object.)"""
    protected = {"评分": ProtectedSheet(), "申报表": ProtectedSheet()}
    _with_protected(monkeypatch, protected)
    book = open_remote(flawed_park)
    R.dispatch("sb_check", book)
    actions = book.json()["actions"]
    assert [a for a in actions if a["func"] == "alert" and a["args"][3] == "critical"] == []
    assert any(a["func"] == "setValues" for a in actions)
    for sheet in protected.values():
        assert [c[0] for c in sheet.calls] == ["Unprotect", "Protect"] and sheet.ProtectContents is True
        how = sheet.calls[1][2]
        assert how["Scenarios"] is True and how["DrawingObjects"] is False and how["Contents"] is True
        assert how["AllowFormattingColumns"] and how["AllowSorting"] and not how["AllowFormattingCells"]


def test_a_sheet_protected_with_a_password_is_refused_in_excel_before_the_first_write(flawed_park, monkeypatch):
    """Excel refuses writes into a protected sheet: the check failed halfway as 程序内部错误, the workbook half
    written. A sheet a password protects is named before the first write and nothing changes; a sheet unprotected
    before it is protected again."""
    protected = {"申报表": ProtectedSheet(), "校验结果": ProtectedSheet(password="局里的密码")}
    _with_protected(monkeypatch, protected)
    book = open_remote(flawed_park)
    R.dispatch("sb_check", book)
    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"] and actions[0]["args"][3] == "critical"
    assert "工作表“校验结果”设置了带密码的保护" in actions[0]["args"][0] and "撤销工作表保护" in actions[0]["args"][0]
    assert all(s.ProtectContents is True for s in protected.values())


class ProtectedBook:
    """What Excel's COM Workbook says of 审阅 → 保护工作簿 (its structure: no sheet can be added), and does."""

    def __init__(self, password: str | None = None) -> None:
        self.password, self.ProtectStructure, self.ProtectWindows = password, True, False
        self.calls: list[tuple] = []

    def Unprotect(self, password=""):   # noqa: N802 — COM's name
        self.calls.append(("Unprotect", password))
        if self.password and password != self.password:
            raise RuntimeError("The password you supplied is not correct.")
        self.ProtectStructure = False

    def Protect(self, password="", Structure=False, Windows=False):   # noqa: N802, N803
        self.calls.append(("Protect", password, Structure, Windows))
        self.ProtectStructure = Structure


@pytest.mark.parametrize("password", [None, "局里的密码"])
def test_a_workbook_whose_structure_is_protected_is_said_before_a_sheet_is_added(tmp_path, demo_folder, monkeypatch,
                                                                                 password):
    """刷新汇总表 adds the 问题文件 sheet when an application cannot be read; with the workbook's structure protected
    Excel refuses to add it and the button ended in 程序内部错误. Protected without a password: lifted for the
    edits and protected again; with one: said before the first write, nothing changed."""
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    (apps / "坏文件.xlsx").write_bytes(b"PK\x03\x04 cut off while copying")
    summary = tmp_path / "项目汇总表.xlsx"
    new_workbook("summary", summary)
    book = open_remote(summary)
    com = ProtectedBook(password)
    real = OpenBook.__init__

    def init(self, b):
        real(self, WithCom(b, ProtectStructure=None) if b is book else b)
        if b is book:
            self.book.api = com
    monkeypatch.setattr(OpenBook, "__init__", init)
    R.dispatch("sb_refresh", book)
    actions = book.json()["actions"]
    alerts = [a for a in actions if a["func"] == "alert"]
    if password:
        assert [a["func"] for a in actions] == ["alert"] and alerts[0]["args"][3] == "critical"
        assert "保护工作簿" in alerts[0]["args"][0] and "程序内部错误" not in alerts[0]["args"][0]
        assert com.ProtectStructure is True
    else:
        assert any(a["func"] == "addSheet" and a["args"][1] == "问题文件" for a in actions)
        assert "程序内部错误" not in alerts[-1]["args"][0]
        assert [c[0] for c in com.calls] == ["Unprotect", "Protect"] and com.ProtectStructure is True


@pytest.mark.parametrize("merged_column, rows", [("市（州）", None), ("问题", 2), ("更新时间", 2)])
def test_refresh_button_on_a_summary_with_cells_merged_over_project_rows_refuses_and_writes_nothing(
        tmp_path, demo_folder, monkeypatch, merged_column, rows):
    """A clerk merged the 市（州） column over the project rows (or a 备注 cell over two rows) in Excel: `shibai refresh`
    refuses the file, unchanged (取消合并 …); 刷新汇总表 on the open book wrote 贵阳市 into the merged cell's hidden part
    (Excel refuses a write into part of a merged cell, after the edits before it were made). Now it refuses the same,
    before anything is written."""
    apps, a, b = _refreshed_pair(tmp_path, demo_folder)
    wb = load_workbook(a)
    ws = wb.worksheets[0]
    header = {c.value: get_column_letter(c.column) for c in ws[3]}
    col = header[merged_column]
    ws.merge_cells(f"{col}4:{col}{ws.max_row - 1 if rows is None else 3 + rows}")
    wb.save(a)
    shutil.copy(a, b)
    next(apps.glob("*.xlsx")).unlink()      # a project withdrawn: the refresh writes into every project row
    with pytest.raises(ShibaiError) as cli:
        refresh(b, apps, now=NOW)
    assert "取消合并" in str(cli.value)
    merges = {ws.title: [str(r) for r in ws.merged_cells.ranges] for ws in load_workbook(a).worksheets}
    monkeypatch.setattr(OpenBook, "merged", lambda self, sheet: merges.get(sheet, []), raising=False)   # as COM tells
    book = open_remote(a)
    R.dispatch("sb_refresh", book)
    replay = Replay(book)
    assert not replay.written and not replay.inserted, replay.written
    assert replay.alerts == [str(cli.value)]


def test_merged_areas_are_read_from_excel_in_a_few_calls():
    """OpenBook.merged on Windows Excel: COM's Range.MergeCells (False: none in the range; True: all; None: some)
    over bands of rows, halved only where a merge is, then the cells of the rows holding one."""
    from shibai_xl.adapters.excel.book import _merged_in

    areas = [(1, 1, 1, 21), (2, 2, 2, 3), (4, 2, 300, 2)]   # title A1:U1, B2:C2, 市（州） B4:B300
    calls = {"n": 0}

    def area_of(r, c):
        return next(((r0, c0, r1, c1) for r0, c0, r1, c1 in areas if r0 <= r <= r1 and c0 <= c <= c1), None)

    class Rng:
        def __init__(self, r0, c0, r1, c1):
            self.Row, self.Column, self.box = r0, c0, (r0, c0, r1, c1)
            self.Rows, self.Columns = types.SimpleNamespace(Count=r1 - r0 + 1), types.SimpleNamespace(Count=c1 - c0 + 1)

        @property
        def MergeCells(self):
            calls["n"] += 1
            r0, c0, r1, c1 = self.box
            hit = {area_of(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
            return False if hit == {None} else (True if None not in hit and len(hit) == 1 else None)

        @property
        def MergeArea(self):
            r0, c0, r1, c1 = area_of(self.Row, self.Column)
            return Rng(r0, c0, r1, c1)

        @property
        def Address(self):
            r0, c0, r1, c1 = self.box
            return f"${get_column_letter(c0)}${r0}:${get_column_letter(c1)}${r1}"

    sheet = types.SimpleNamespace(Cells=lambda r, c: Rng(r, c, r, c), Range=lambda a, b: Rng(*a.box[:2], *b.box[:2]))
    found: set[str] = set()
    _merged_in(sheet, 1, 300, 1, 21, found)
    assert found == {"A1:U1", "B2:C2", "B4:B300"}
    assert calls["n"] < 500, calls      # 6300 cells: not one call each


def test_the_merge_button_takes_no_mac_companion_for_a_city_summary(tmp_path, demo_folder):
    """The cities' summaries were copied from a Mac drive (._贵阳市项目汇总表.xlsx beside each): the merge button
    took each companion for a city summary it could not read and called the province's total incomplete."""
    from tests.test_refresh import _apple_double

    refresh(tmp_path / "贵阳市项目汇总表.xlsx", demo_folder / "申报表", city="贵阳市", now=NOW)
    (tmp_path / "._贵阳市项目汇总表.xlsx").write_bytes(_apple_double())
    cities, provinces = R.summary_files(tmp_path)
    assert [p.name for p in cities] == ["贵阳市项目汇总表.xlsx"] and provinces == []


def test_an_open_workbook_says_the_hidden_rows_and_sheets_of_its_list_as_the_file_reader(make_workbook, monkeypatch):
    """“检查本申报表” in Excel on a park whose 附件3 list has a filter left on hiding two companies, and an old copy of
    the list on a hidden sheet: `shibai check` on the file counts them and says so (XC_RESIDENT_ROW); the open
    workbook, read from Excel, counted them without a word. Excel is asked a block of rows at a time (COM's
    EntireRow.Hidden: True, False, or None when mixed) and each sheet's Visible."""
    from tests.conftest import example
    from tests.test_resident_list_hidden_rows import hide

    path = hide(make_workbook("park", example("park")), [7, 8], filter_ref="A5:K17")
    wb = load_workbook(path)
    extra = wb.copy_worksheet(wb["入驻企业名单"])
    extra.title, extra.sheet_state = "名单（旧）", "hidden"
    wb.save(path)
    hidden = {ws.title: {r for r, d in ws.row_dimensions.items() if d.hidden} for ws in wb}
    asked = []

    class Rows:
        def __init__(self, sheet, r0, r1):
            self.sheet, self.r0, self.r1 = sheet, r0, r1

        @property
        def EntireRow(self):
            asked.append(self.sheet)
            said = {r in hidden[self.sheet] for r in range(self.r0, self.r1 + 1)}
            return types.SimpleNamespace(Hidden=said.pop() if len(said) == 1 else None)

    def com(name):
        ws = wb[name]
        sheet = WithCom(original(ob, name))
        sheet.api = types.SimpleNamespace(
            Visible=-1 if ws.sheet_state == "visible" else 0, Cells=lambda r, c: (r, c),
            UsedRange=types.SimpleNamespace(Row=1, Rows=types.SimpleNamespace(Count=ws.max_row)),
            Range=lambda a, b: Rows(name, a[0], b[0]))
        return sheet

    original = OpenBook.sheet
    ob = OpenBook(open_remote(path))
    monkeypatch.setattr(ob, "sheet", com)
    from_excel, from_file = ob.read_application(), read_application(path)
    said = [f.message for f in from_file.reader_findings if "隐藏的行" in f.message]
    assert len(said) == 1 and "第7、8行" in said[0], from_file.reader_findings
    assert from_excel.reader_findings == from_file.reader_findings
    assert check(from_excel).to_json() == check(from_file).to_json()
    assert 0 < asked.count("入驻企业名单") < 40, len(asked)


def test_a_clerks_moved_note_is_copied_whole_and_his_links_are_not_unlinked(make_workbook):
    """检查本申报表 in Excel moved a clerk's 通知函 under 已解决的问题 as its value only: its fill and number format stayed
    on the old cell, and the unlink of the whole result block deleted his web link. Now the cell is copied whole
    (Range.copy) to where its text goes, the cell it left loses its formats, and his cells are left out of the unlink."""
    from shibai_xl.adapters.xlsx.filler import named_cell

    from .conftest import example
    from .test_check_write_clerk_notes import _checked_with_notes

    path, count = _checked_with_notes(make_workbook)
    wb = load_workbook(path)
    ws = wb["校验结果"]
    uscc = next(r for r in range(5, 5 + count) if ws.cell(r, 2).value == "FIELD_USCC")
    ws.cell(uscc, 5).value = "通知函"
    named_cell(wb, "sb_uscc").value = example("team")["sb_uscc"]
    wb.save(path)
    book = open_remote(path)
    R.dispatch("sb_check", book)
    replay = Replay(book)
    at = next(f"E{r}" for (r, c), v in replay.cells["校验结果"].items() if c == 5 and v == "通知函")
    copies = [a for a in replay.actions if a["func"] == "copyRange"]
    copied = [(f"{get_column_letter(a['start_column'] + 1)}{a['start_row'] + 1}", a["args"][1].replace("$", ""))
              for a in copies]
    assert (f"E{uscc}", at) in copied       # with the finding's own cells kept under 已解决的问题, as the file writer
    cleared = {f"{get_column_letter(a['start_column'] + 1)}{a['start_row'] + 1}" for a in replay.actions
               if a["func"] == "rangeClearFormats"}
    assert f"E{uscc}" in cleared and not any(f"{c}{uscc}" in cleared for c in "ABCD")
    unlink = A.check(OpenBook(open_remote(path))).edits.unlink   # Hyperlinks.Delete is COM's: the ranges it gets
    ranges = [range_boundaries(r) for s, r in unlink if s == "校验结果"]
    assert ranges and not any(b[0] <= 5 <= b[2] and b[1] <= int(at[1:]) <= b[3] for b in ranges)
    assert any(b[0] <= 5 <= b[2] and b[1] <= uscc <= b[3] for b in ranges)   # the cell it left: unlinked
    assert replay.actions.index(copies[0]) < min(i for i, a in enumerate(replay.actions) if a["func"] == "setValues"
                                                 and a["sheet_position"] == replay.names.index("校验结果"))


def test_refresh_in_excel_of_a_city_summary_says_the_applications_of_other_cities(tmp_path, demo_folder):
    """A 贵阳市 summary (its title names the 市（州）) refreshed in Excel: the open book's copy had no title, so the
    refresh saw a summary of no 市（州） — the 问题 column's "所属市（州）不是本汇总表的贵阳市" notes the command line
    wrote were cleared (更新 3 行) and 不一致 0 处 said. The open book is checked against its title as the file is."""
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)
    cli = load_workbook(summary).worksheets[0]
    book = open_remote(summary)
    R.dispatch("sb_refresh", book)
    said = Replay(book).alerts[-1]
    assert "所属市（州）不是本汇总表的贵阳市" in said and "更新 0 行" in said, said
    assert_sheet_equal(Replay(book), cli)

    blank = tmp_path / "空白" / "项目汇总表.xlsx"     # the template's "XX市（州）…" title: the reminder to change it
    shutil.copytree(demo_folder / "申报表", blank.parent / "申报表")
    new_workbook("summary", blank)
    book = open_remote(blank)
    R.dispatch("sb_refresh", book)
    assert "标题中的“XX市（州）”改为本市（州）名称" in Replay(book).alerts[-1], Replay(book).alerts[-1]


def _may_then_august(tmp_path, make_workbook) -> Path:
    """A city's summary kept over the year (三、(三): reviews in 5月、8月、12月): a park and an enterprise in the 5月 batch,
    a base arrived for 8月; the file name has a space and full-width characters, as clerks name them."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("park", "enterprise"):
        shutil.move(make_workbook(t), apps / f"{t}.xlsx")
    summary = tmp_path / "贵阳市 项目汇总表（２０２４）.xlsx"
    refresh(summary, apps, batch="2024-05", city="贵阳市", now=NOW)
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    refresh(summary, apps, batch="2024-08", city="贵阳市", now=NOW)
    return summary


def _expert_rows(round_dir: Path) -> list[str]:
    from .test_merge_review_rounds import listed
    return listed(round_dir)


def test_review_make_lets_the_reviewer_choose_an_earlier_round(tmp_path, make_workbook, monkeypatch):
    """专家评分表 on a summary of two 批次 took the latest only: a reviewer making the 5月 round's books after the 8月
    files arrived got the 8月 project. The button asks the round (the latest offered), as it asks the experts."""
    summary = _may_then_august(tmp_path, make_workbook)
    asked = []

    def answer(with_round):
        def ask(self, prompt, default=""):
            asked.append((prompt, default))
            return "甲,乙" if "专家" in prompt else with_round(default)
        return ask

    monkeypatch.setattr(R.Context, "ask", answer(lambda default: "5月"))
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    alert = Replay(book).alerts[-1]
    assert "为 2 位专家生成评分表" in alert and "本轮只列入批次为“2024-05”" in alert, alert
    assert "shibai" not in alert and "--round" not in alert
    assert asked[-1][1] == "2024-08" and "2024-05、2024-08" in asked[-1][0]
    may = _expert_rows(tmp_path / R.REVIEW_FOLDER)
    assert len(may) == 2

    shutil.rmtree(tmp_path / R.REVIEW_FOLDER)
    monkeypatch.setattr(R.Context, "ask", answer(lambda default: default))    # 确定: the latest
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    assert "本轮只列入批次为“2024-08”" in Replay(book).alerts[-1]
    august = _expert_rows(tmp_path / R.REVIEW_FOLDER)
    assert len(august) == 1 and not set(august) & set(may)


def test_review_make_refuses_a_round_the_summary_has_not_and_a_cancel(tmp_path, make_workbook, monkeypatch):
    summary = _may_then_august(tmp_path, make_workbook)
    for typed, said in (("2024-12", "没有批次“2024-12”"), ("", "没有输入评审批次")):
        monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="", typed=typed:
                            "甲,乙" if "专家" in prompt else typed)
        book = open_remote(summary)
        R.dispatch("sb_review_make", book)
        alert = Replay(book).alerts[-1]
        assert said in alert and "未生成评分表" in alert, alert
        assert not (tmp_path / R.REVIEW_FOLDER).exists()


def test_review_make_of_another_round_keeps_the_round_already_in_the_review_folder(tmp_path, make_workbook, monkeypatch):
    """The ribbon writes every round into the one “专家评审” folder: the 5月 round's books made after the 8月 round's
    replaced 评审安排 and 专家评分表-甲/乙 of 8月 (maybe with the experts already), and its collect could no longer check
    the books they return. Refused, nothing changed, and the clerk told to rename the folder; then it is made."""
    summary = _may_then_august(tmp_path, make_workbook)
    rounds = iter(["2024-08", "5月", "5月"])
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙" if "专家" in prompt else next(rounds))
    R.dispatch("sb_review_make", open_remote(summary))
    folder = tmp_path / R.REVIEW_FOLDER
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    alert = Replay(book).alerts[-1]
    assert "评审轮次 2024-08" in alert and "未生成" in alert and "改名" in alert and "shibai" not in alert, alert
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    folder.rename(folder.with_name("专家评审-2024-08"))
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    assert "本轮只列入批次为“2024-05”" in Replay(book).alerts[-1] and len(_expert_rows(folder)) == 2


def test_collect_of_another_round_keeps_the_result_beside_the_summary(tmp_path, make_workbook, monkeypatch):
    """The ribbon writes every round's result into 专家评审结果.xlsx beside the summary: the 5月 round collected after
    the 8月 one replaced its result without a word (a .bak left). Refused, the result untouched; renamed, it is made."""
    summary = _may_then_august(tmp_path, make_workbook)
    rounds = iter(["2024-08", "5月"])
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲,乙" if "专家" in prompt else next(rounds))
    R.dispatch("sb_review_make", open_remote(summary))
    august = (tmp_path / R.REVIEW_FOLDER).rename(tmp_path / "专家评审-2024-08")
    R.dispatch("sb_review_collect", open_remote(next(august.glob("专家评分表-甲*.xlsx"))))
    result = tmp_path / "专家评审结果.xlsx"
    before = result.read_bytes()
    R.dispatch("sb_review_make", open_remote(summary))          # the 5月 round, into 专家评审
    book = open_remote(summary)
    R.dispatch("sb_review_collect", book)
    alert = Replay(book).alerts[-1]
    assert "评审轮次 2024-08 的评审结果" in alert and "未改动" in alert and "--out" not in alert, alert
    assert result.read_bytes() == before
    result.rename(tmp_path / "专家评审结果-2024-08.xlsx")
    book = open_remote(summary)
    R.dispatch("sb_review_collect", book)
    assert Replay(book).alerts[-1].startswith("评审结果：") and result.is_file()


def test_refresh_open_summary_whose_table_excel_extended_over_its_total_and_sign_off(tmp_path, make_workbook):
    """The 合计 and the 填报人 line under it typed right under the table (Excel extends it over each), then a project
    typed under them (the table extended again): the open workbook is refreshed as the file is — the new
    application's project above the 合计, the typed one left under the lines, the table ending at them."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, apps, now=NOW)
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    header = {c.value: c.column for c in ws[3]}
    k = get_column_letter(header["年度交易额（万元）"])
    ws["A5"].value, ws[f"{k}5"].value, ws["A6"].value = "合计", f"=SUM({k}4:{k}4)", "填报人：王五"
    ws.cell(7, header["企业名称"]).value, ws.cell(7, header[("年度交易额（万元）")]).value = "表下录入电子商务有限公司", 500
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "7"
    wb.save(summary)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    cli, replay, report = refreshed_both_ways(summary, apps, tmp_path)
    ws = load_workbook(cli).worksheets[0]
    assert ws["A6"].value == "合计" and ws[f"{k}6"].value == f"=SUM({k}4:{k}5)" and ws["A7"].value == "填报人：王五"
    assert ws.cell(5, header["企业名称"]).value and range_boundaries(ws.tables["sb_summary"].ref)[3] == 7
    assert "第8行 表下录入电子商务有限公司" in report.describe()
    for sheet in load_workbook(cli).worksheets:
        assert_sheet_equal(replay, sheet)
    assert replay.tables[ws.title] == ws.tables["sb_summary"].ref


def test_refresh_open_summary_says_a_file_read_with_another_form_in_it_as_it_is(tmp_path, make_workbook):
    """The 刷新汇总表 button's message (a critical box: the summary is incomplete) says the file was read and another
    form in it was not, not that the file could not be read."""
    from tests.test_several_forms_in_one_workbook import _copy_form

    apps = tmp_path / "申报表"
    apps.mkdir()
    _copy_form(make_workbook("enterprise")).rename(apps / "两家企业.xlsx")
    a, _b = _summary_pair(tmp_path)
    outcome = A.refresh_summary(OpenBook(open_remote(a)), apps, now=NOW)
    assert outcome.critical and "1 个文件中另有申报表未读取" in outcome.message, outcome.message
    assert "无法读取" not in outcome.message, outcome.message


def test_refresh_open_summary_keeps_the_clerks_own_stats_sheet_under_another_name(tmp_path, demo_folder):
    """A 统计 sheet the clerk made in the tool's new summary (before any refresh) is kept, with its formulas, under
    a name no sheet of the open workbook has (统计（原） is last year's here), and the message says so; the tool's
    counts go in as 统计."""
    folder = demo_folder / "申报表"
    a, b = _summary_pair(tmp_path)
    wb = load_workbook(a)
    own = wb.create_sheet("统计")
    own["A1"], own["B1"], own["A2"] = "我市自己的统计", "=1+1", "备注：按县区另报"
    wb.create_sheet("统计（原）")["A1"] = "去年的统计"
    wb.save(a)
    book = open_remote(a)
    outcome = A.refresh_summary(OpenBook(book), folder, now=NOW)
    A.apply_in_excel(OpenBook(book), outcome)
    assert "“统计（原2）”" in outcome.message
    replay = Replay(book)
    assert replay.cells["统计（原）"] == {(1, 1): "去年的统计"}
    kept = replay.cells["统计（原2）"]
    assert (kept[(1, 1)], kept[(2, 1)]) == ("我市自己的统计", "备注：按县区另报") and str(kept[(1, 2)]) == "=1+1"
    refresh(b, folder, now=NOW)
    assert_sheet_equal(replay, load_workbook(b)["统计"])


def test_refresh_open_summary_says_when_its_chart_no_longer_draws_the_counts(tmp_path, demo_folder):
    """The CLI refreshed the summary of four passing applications: its 统计 chart draws 达标 (row 3) alone. Two
    failing ones come in and the clerk refreshes in Excel: the count table now has 达标 and 不达标, its 合计 a row
    lower, but the button writes cells, never a chart, and the chart kept drawing 达标 alone without a word (QA).
    The message says so and gives the range to select; a refresh leaving the table's shape says nothing of it."""
    from tests.filled_cache import example_files

    apps, a, _ = _refreshed_pair(tmp_path, demo_folder)
    chart = load_workbook(a)["统计"]._charts[0]
    assert chart.series[0].val.numRef.f in ("'统计'!$B$3", "'统计'!$B$3:$B$3")
    same = A.refresh_summary(OpenBook(open_remote(a)), apps, now=NOW)
    assert "统计图" not in same.message
    for flawed in example_files(tmp_path / "更多", flawed=True):
        if "问题示例" in flawed.name:
            shutil.copy(flawed, apps / flawed.name)
    outcome = A.refresh_summary(OpenBook(open_remote(a)), apps, now=NOW)
    said = outcome.message
    assert "统计图" in said and "达标、不达标" in said and "=统计!$A$2:$E$4" in said, said
    refresh(a, apps, now=NOW)   # the CLI draws the chart anew: over the table as it is
    assert load_workbook(a)["统计"]._charts[0].series[0].val.numRef.f == "'统计'!$B$3:$B$4"


def test_refresh_open_summary_keeps_a_stats_sheet_typed_where_the_tools_was_renamed(tmp_path, demo_folder):
    """A summary the CLI refreshed (its 统计 marked as the tool's): the clerk renamed that 统计 in Excel to keep
    April's counts (its mark follows it) and typed a 统计 of their own; the ribbon's refresh keeps both."""
    from openpyxl.workbook.defined_name import DefinedName

    apps, a, _ = _refreshed_pair(tmp_path, demo_folder)
    wb = load_workbook(a)
    wb["统计"].title = "四月统计"
    wb.defined_names["sb_stats_sheet"] = DefinedName("sb_stats_sheet", attr_text="四月统计!$A$1")
    wb.create_sheet("统计")["A1"] = "我市自己的统计"
    wb.save(a)
    book = open_remote(a)
    outcome = A.refresh_summary(OpenBook(book), apps, now=NOW)
    A.apply_in_excel(OpenBook(book), outcome)
    assert "“统计（原）”" in outcome.message
    replay = Replay(book)
    assert replay.cells["统计（原）"] == {(1, 1): "我市自己的统计"} and "四月统计" in replay.names


def _may_then_corrected(tmp_path, make_workbook) -> tuple[Path, Path, Path]:
    """May: a park (达标) and an enterprise 不达标 (信用 否) refreshed with --batch 2024-05; then the enterprise sends a
    corrected form and a base arrives. (applications, the summary opened in "Excel", the same summary for the CLI)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("park"), apps / "park.xlsx")
    shutil.move(make_workbook("enterprise", example("enterprise", sb_credit_ok="否")), apps / "enterprise.xlsx")
    a, b = _summary_pair(tmp_path)
    for summary in (a, b):
        refresh(summary, apps, batch="2024-05", city="贵阳市", now=NOW)
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    return apps, a, b


def _batches(replay: Replay) -> dict[str, object]:
    sheet = replay.names[0]
    cells = replay.cells[sheet]
    header = next(r for (r, c), v in cells.items() if v == "批次")
    col = {v: c for (r, c), v in cells.items() if r == header}
    return {cells[(r, col["企业名称"])]: cells.get((r, col["批次"])) for r in range(header + 1, header + 40)
            if (r, col["企业名称"]) in cells}


def test_refresh_button_asks_this_rounds_batch_and_does_what_refresh_batch_does(tmp_path, make_workbook):
    """The button had no --batch: in August the new base got no 批次 (every later round would list it again, the May
    one too) and the enterprise corrected since May stayed in 2024-05 (no round would list it), only said. Where a
    refresh would leave such projects, the button asks this round's 批次 — offering the round of the month, 8月 — and
    the summary is what ``shibai refresh --batch 2024-08`` writes."""
    apps, a, b = _may_then_corrected(tmp_path, make_workbook)
    august = dt.datetime(2024, 8, 3, 9)
    asked = []

    def choose(prompt, choices, default):
        asked.append((prompt, choices, default))
        return default

    book = open_remote(a)
    report = refresh_open(OpenBook(book), apps, now=august, choose=choose)
    refresh(b, apps, batch="2024-08", now=august)
    assert len(asked) == 1
    prompt, choices, default = asked[0]
    assert default == "2024-08" and choices == ["2024-05"], asked
    assert "还没有批次" in prompt and "现已改正" in prompt and "2024-05" in prompt, prompt
    assert any("2024-05 → 2024-08" in n for n in report.update.notes), report.update.notes
    replay = Replay(book)
    for ws in load_workbook(b).worksheets:
        assert_sheet_equal(replay, ws)
    assert sorted(map(str, _batches(replay).values())) == ["2024-05", "2024-08", "2024-08"]


def test_refresh_button_asks_the_batch_only_when_a_project_would_be_left_without_it(tmp_path, make_workbook,
                                                                                   monkeypatch):
    """In Excel: a refresh with nothing to put into a batch asks nothing; cancelled (or nothing typed), the summary is
    not changed; a month outside 一、申报时间 is refused in Chinese; typed "8月", the projects go into 2024-08."""
    apps, a, b = _may_then_corrected(tmp_path, make_workbook)
    asked = []
    for typed in ("", "2023-08"):
        monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="", typed=typed: asked.append(default) or typed)
        book = open_remote(a)
        R.dispatch("sb_refresh", book)
        replay = Replay(book)
        assert not replay.written, replay.written
        said = replay.alerts[-1]
        assert ("没有输入批次" in said and "未刷新" in said) if not typed else ("2023-08" in said and "无效" in said), said
        assert "--batch" not in said and "Traceback" not in said
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": asked.append(default) or "8月")
    book = open_remote(a)
    R.dispatch("sb_refresh", book)
    replay = Replay(book)
    assert sorted(map(str, _batches(replay).values())) == ["2024-05", "2024-08", "2024-08"]
    assert len(asked) == 3
    refresh(b, apps, batch="2024-08", now=NOW)      # every project in a batch: nothing to ask, refreshed as before
    report = refresh_open(OpenBook(open_remote(b)), apps, now=NOW, choose=lambda *question: asked.append(question))
    assert len(asked) == 3 and report.files == 3, asked
