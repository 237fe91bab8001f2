"""A differential test of the three faces on applications as clerks leave them (the sibling of test_faces_agree.py,
whose helpers it uses): each of the four types made with ``shibai new``, filled with its example, then given a clerk's
slips — a blank answer, full-width digits, 万元 typed in a cell, a month typed as text, a merged answer, a row inserted
into the 附件3 list, a formula (with the result Excel saves beside it), a wrong check digit in a 统一社会信用代码, a name
with trailing spaces, a hidden row, a count typed as text — one at a time, and a few drawn together from fixed seeds.

``shibai check --json`` (the file), the WPS add-in's 检查本申报表 on the workbook NOT saved (its JavaScript in node
against the fake WPS, sending what the task pane sends: values, formulas, the named cells' and the list's number
formats, hidden rows, merged ranges, to the running ``shibai serve``) and the Excel ribbon on the same workbook open in
Excel (xlwings' remote engine) must give the same verdict, score and findings.

The remote engine's limits are the documented ones (docs/addin.md, test_faces_agree.py): it cannot ask Excel for
merged cells, hidden rows or number formats — a slip that only those show leaves the Excel face out of that case.
``SHIBAI_MUTATIONS=N`` tries each slip on every type it applies to and draws N combinations per type (and N/4 folders
for 刷新汇总表) instead of the default few.
"""
from __future__ import annotations

import os
import random
import re
import shutil

import pytest
import xlwings as xw
from openpyxl import load_workbook

from shibai_xl.adapters.excel.book import OpenBook
from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.jobs import actions as A

from ..conftest import TYPES, example
from ..test_forms_as_filled import run_json
from ..test_ribbon_actions import payload, remote_engine  # noqa: F401  (the remote engine fixture)
from ..zip_parts import formula_results
from .conftest import fake_book, needs_node, run_js
from .test_faces_agree import STATUS, _findings

pytestmark = needs_node

FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")
AMOUNTS = {"park": ["sb_trade_total", "sb_online_retail"], "base": ["sb_trade_total", "sb_online_retail"],
           "enterprise": ["sb_trade_total", "sb_online_retail"], "team": ["sb_live_sales", "sb_agri_sales"]}
COUNTS = {"park": ["sb_live_rooms", "sb_public_areas", "sb_resident_count"],
          "base": ["sb_live_rooms", "sb_anchors", "sb_resident_count"],
          "enterprise": ["sb_online_share"], "team": ["sb_fans"]}
UNITS = {"sb_live_rooms": "间", "sb_public_areas": "个", "sb_resident_count": "家", "sb_anchors": "人",
         "sb_online_share": "%", "sb_fans": "人"}
LIST = "入驻企业名单"          # 附件3, of a park and a base: header on row 5, the example's companies from row 6


def _cell(wb, name):
    cell = named_cell(wb, name)
    cell.parent.protection.sheet = False          # a clerk's edit: the template protects its labels only
    return cell


def _shown(value):
    """A figure as a person types it: 3.5 not 3.5000000001, 4200 not 4200.0."""
    return f"{value:g}" if isinstance(value, float) else str(value)


# --- the slips: (wb, type, rng) → None; each keeps to what a clerk does in Excel or WPS -------------------------------

def blank(wb, t, rng):
    _cell(wb, rng.choice(["sb_name", "sb_fill_date", "sb_leader_mobile", *AMOUNTS[t]])).value = None


def full_width(wb, t, rng):
    cell = _cell(wb, rng.choice(AMOUNTS[t] + COUNTS[t]))
    cell.value = _shown(cell.value).translate(FULL)


def wan_typed(wb, t, rng):
    name = rng.choice(AMOUNTS[t])
    cell = _cell(wb, name)
    # the park's 年度交易额 is printed in 亿元: typed as 35000万元 the unit is the clerk's own
    cell.value = f"{_shown(cell.value * 10000 if (t, name) == ('park', 'sb_trade_total') else cell.value)}万元"


def month_text(wb, t, rng):
    name = rng.choice(["sb_period_start", "sb_period_end", "sb_established"])
    _cell(wb, name).value = {"sb_period_start": "2023年1月", "sb_period_end": "2023年12月"}.get(name, "2020年3月")


def merged(wb, t, rng):
    """An answer merged with the printed unit beside it (the unit then gone), as a clerk widens a cell."""
    cell = _cell(wb, rng.choice(AMOUNTS[t] + COUNTS[t]))
    cell.parent.merge_cells(start_row=cell.row, start_column=cell.column, end_row=cell.row, end_column=cell.column + 1)


def list_row(wb, t, rng):
    """A company inserted between two of the list's rows (Excel's 插入 → 整行: the rows below move down, the table
    grows), its 统一社会信用代码 a valid one; the form's 已入驻电商企业 count left as it was."""
    ws = wb[LIST]
    last = max(r for r in range(6, ws.max_row + 1) if ws.cell(r, 2).value)
    at = rng.randint(7, last)
    for r in range(last, at - 1, -1):
        for c in range(1, 12):
            ws.cell(r + 1, c).value = ws.cell(r, c).value
    row = ["", "贵州插入行电子商务有限公司", "张先生", "13908519999", "", "农产品", 3, 100, 20, "", "91520102MA0000000J"]
    for c, v in enumerate(row, 1):
        ws.cell(at, c).value = v if v != "" else None
    for r in range(at + 1, last + 2):            # the 序号 column renumbered as a clerk drags it down
        if isinstance(ws.cell(r, 1).value, int):
            ws.cell(r, 1).value = r - 5
    ws.cell(at, 1).value = at - 5


def list_slip(wb, t, rng):
    """One figure or name of the list typed with full-width digits, 万元 or trailing spaces."""
    ws = wb[LIST]
    r = rng.randint(6, 9)
    kind = rng.choice(["full", "wan", "space", "blank"])
    col = rng.choice([7, 8, 9]) if kind != "space" else 2
    v = ws.cell(r, col).value
    ws.cell(r, col).value = {"full": lambda: _shown(v).translate(FULL), "wan": lambda: f"{_shown(v)}万元",
                             "space": lambda: f"{v}　 ", "blank": lambda: None}[kind]()


def formula(wb, t, rng):
    """An amount computed in its cell (=a+b), saved by Excel with its result beside it (see formula_results)."""
    cell = _cell(wb, rng.choice(AMOUNTS[t]))
    whole = cell.value
    if not isinstance(whole, (int, float)):      # an earlier slip made it text or blank: nothing to compute
        return
    part = round(whole / 3, 2) if isinstance(whole, float) else whole // 3
    cell.value = f"={_shown(part)}+{_shown(round(whole - part, 4))}"
    wb._results.append((cell, whole))


def bad_check_digit(wb, t, rng):
    if t in ("park", "base") and rng.random() < 0.5:
        cell = wb[LIST].cell(rng.randint(6, 9), 11)
    else:
        cell = _cell(wb, "sb_uscc")
    code = cell.value
    cell.value = code[:-1] + ("0" if code[-1] != "0" else "1")


def trailing_spaces(wb, t, rng):
    name = rng.choice(["sb_name", "sb_leader_name", "sb_contact", "sb_authority"])
    cell = _cell(wb, name)
    cell.value = f"{cell.value}{rng.choice(['  ', '　', ' 　 '])}"


def hidden_row(wb, t, rng):
    if t in ("park", "base") and rng.random() < 0.6:
        wb[LIST].row_dimensions[rng.randint(6, 9)].hidden = True
    else:
        cell = _cell(wb, rng.choice(AMOUNTS[t] + COUNTS[t] + ["sb_leader_mobile"]))
        cell.parent.row_dimensions[cell.row].hidden = True


def text_score(wb, t, rng):
    """A scored count typed with its unit, or in words."""
    name = rng.choice(COUNTS[t])
    cell = _cell(wb, name)
    cell.value = rng.choice([f"{_shown(cell.value)}{UNITS[name]}", f"约{_shown(cell.value)}", f" {_shown(cell.value)} "])


def yes_spaced(wb, t, rng):
    """A 是 typed with spaces around it, or ticked as ☑是."""
    names = [n for n in ("sb_credit_ok", "sb_finance_ok", "sb_has_app", "sb_has_platform") if named_cell(wb, n)]
    _cell(wb, rng.choice(names)).value = rng.choice([" 是 ", "是　", "☑是 □否"])


def review_score(wb, t, rng):
    """A reviewer's 评审得分 typed in the 评分 sheet: "4分", full-width, in words, over the item's 满分, or 10% (0.1
    shown in a percent format)."""
    ws = wb["评分"]
    ws.protection.sheet = False
    for r in rng.sample(range(4, 12), 3):
        cell = ws.cell(r, 8)
        typed = rng.choice(["4分", "４", "三", " 5 ", 9, "10%", 0.1])
        cell.value = typed
        if typed == 0.1:
            cell.number_format = "0%"


def list_merged(wb, t, rng):
    """The list's 所属行业 (or 备注) of two or three companies merged into one cell, the value in the first."""
    ws = wb[LIST]
    r = rng.randint(6, 9)
    col = rng.choice([6, 10])
    ws.merge_cells(start_row=r, start_column=col, end_row=r + rng.randint(1, 2), end_column=col)


def list_total(wb, t, rng):
    """A 合计 row typed under the list's last company, with its sums."""
    ws = wb[LIST]
    last = max(r for r in range(6, ws.max_row + 1) if ws.cell(r, 2).value)
    ws.cell(last + 1, 1).value = rng.choice(["合计", "合 计", "总计"])
    for c in (7, 8, 9):
        ws.cell(last + 1, c).value = round(sum(v for r in range(6, last + 1)
                                                if isinstance(v := ws.cell(r, c).value, (int, float))), 2)


def list_sheet_hidden(wb, t, rng):
    wb[LIST].sheet_state = "hidden"


def list_column_hidden(wb, t, rng):
    wb[LIST].column_dimensions[rng.choice("CDEJ")].hidden = True


def list_untabled(wb, t, rng):
    """The list's table turned into a plain range (表格 → 转换为区域), a figure in a date or time format."""
    ws = wb[LIST]
    for table in list(ws.tables):
        del ws.tables[table]
    if rng.random() < 0.7:
        ws.cell(rng.randint(6, 9), rng.choice([7, 8, 9])).number_format = rng.choice(["yyyy-mm-dd", "[h]:mm", "0.00"])


def list_beyond_table(wb, t, rng):
    """Companies pasted under the list's table (its last row left as the template made it)."""
    ws = wb[LIST]
    end = int(next(iter(ws.tables.values())).ref.split(":")[1][1:]) if ws.tables else 35   # the template's last row
    at = end + rng.randint(1, 3)
    for i in range(2):
        row = [None, f"贵州表外{i}号电子商务有限公司", "张先生", "13908519999", None, "农产品", 3, 100, 20, None, None]
        for c, v in enumerate(row, 1):
            ws.cell(at + i, c).value = v


def _insert_row(wb, ws, at: int) -> None:
    """Excel's 插入 → 整行 above row ``at``: the cells, merged ranges, tables and defined names below move down."""
    from openpyxl.worksheet.cell_range import CellRange

    ws.protection.sheet = False
    merged = [CellRange(str(m)) for m in ws.merged_cells.ranges]
    for m in merged:
        ws.unmerge_cells(str(m))
    ws.insert_rows(at)
    for m in merged:
        if m.min_row >= at:
            m.shift(row_shift=1)
        elif m.max_row >= at:
            m.expand(down=1)
        ws.merge_cells(m.coord)
    for table in ws.tables.values():
        ref = CellRange(table.ref)
        if ref.min_row >= at:
            ref.shift(row_shift=1)
        elif ref.max_row >= at:
            ref.expand(down=1)
        table.ref = ref.coord
        if table.autoFilter is not None:
            table.autoFilter.ref = ref.coord
    quoted = f"'{ws.title}'!"
    for dn in wb.defined_names.values():
        m = re.fullmatch(r"(.+!)\$([A-Z]+)\$(\d+)", dn.attr_text or "")
        if m and m.group(1) in (quoted, f"{ws.title}!") and int(m.group(3)) >= at:
            dn.attr_text = f"{m.group(1)}${m.group(2)}${int(m.group(3)) + 1}"


def row_inserted(wb, t, rng):
    """A row inserted in the form (for a note) or above the 附件3 list's header (for the park's own title)."""
    if t in ("park", "base") and rng.random() < 0.5:
        _insert_row(wb, wb[LIST], rng.randint(2, 5))
    else:
        ws = named_cell(wb, "sb_name").parent
        _insert_row(wb, ws, rng.randint(8, 30))


RATES = {"park": "sb_incubation_rate", "enterprise": "sb_online_share"}


def percent_typed(wb, t, rng):
    """A rate typed as "60%" text, as 0.6 in the General format, or as 60 in the template's 0% cell (shown 6000%)."""
    cell = _cell(wb, RATES[t])
    v = cell.value if isinstance(cell.value, (int, float)) else 0.6
    whole = v * 100 if v <= 1 else v
    kind = rng.choice(["text", "general", "whole"])
    if kind == "text":
        cell.value = f"{_shown(whole)}%"
    elif kind == "general":
        cell.value, cell.number_format = whole / 100, "General"
    else:
        cell.value = whole


def error_result(wb, t, rng):
    """A VLOOKUP that found nothing: #N/A saved as the formula's result, in an amount or a list figure."""
    if t in ("park", "base") and rng.random() < 0.5:
        cell = wb[LIST].cell(rng.randint(6, 9), rng.choice([7, 8, 9]))
    else:
        cell = _cell(wb, rng.choice(AMOUNTS[t]))
    cell.value = '=VLOOKUP("甲",A1:B2,2,FALSE)'
    wb._results.append((cell, "#N/A"))


def mac_dates(wb, t, rng):
    """The workbook kept in the 1904 date system (Excel for Mac's)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb.epoch = CALENDAR_MAC_1904


def sheet_renamed(wb, t, rng):
    """A sheet renamed (the form for the applicant, the list for the park) as Excel renames it: the names that point
    into it follow, quoted as Excel quotes them (an apostrophe doubled)."""
    ws = rng.choice([named_cell(wb, "sb_name").parent] + ([wb[LIST]] if t in ("park", "base") else []))
    new = rng.choice(["申报表 (2)", "贵阳 园区's 表", "表-2024.04", "Sheet1"])
    new = new if new not in wb.sheetnames else new + "x"
    old = ws.title
    ws.title = new
    quoted = "'" + new.replace("'", "''") + "'"
    for dn in wb.defined_names.values():
        for form in (f"'{old}'!", f"{old}!"):
            if dn.attr_text and dn.attr_text.startswith(form):
                dn.attr_text = quoted + "!" + dn.attr_text[len(form):]
                break


def names_lost(wb, t, rng):
    """The form's sb_ names deleted (a form copied without them: read by its printed labels), and at times the list's
    table too. Done after the other slips, which find their cells by the names."""
    for name in [n for n in wb.defined_names if n.startswith("sb_")]:
        del wb.defined_names[name]
    if rng.random() < 0.5:
        for ws in wb.worksheets:
            for table in list(ws.tables):
                del ws.tables[table]


def formula_text(wb, t, rng):
    """Names typed starting as a formula would ('=HYPERLINK(…)', +86…, @…, -…), entered as text ('= in Excel): read as
    the text they are by every face (WPS's Range.Formula of such a cell is its text, no formula)."""
    for name, typed in (("sb_name", '=HYPERLINK("http://x.cn","点此")'), ("sb_leader_name", "+8613800000000"),
                        ("sb_operator_name", "@SUM(1,2)")):
        if name != "sb_operator_name" or t in ("park", "base"):
            cell = _cell(wb, name)
            cell.value, cell.data_type = typed, "s"
    if t in ("park", "base"):
        wb[LIST].cell(6, 2).value, wb[LIST].cell(6, 2).data_type = "=cmd|' /C calc'!A0", "s"
        wb[LIST].cell(7, 3).value = "-张三"


# slip → (the types it applies to, the faces that cannot know it: the remote engine reads no merge, hidden row or
# number format)
SLIPS = {
    "blank": (blank, TYPES, ()),
    "full-width digits": (full_width, TYPES, ()),
    "万元 typed": (wan_typed, TYPES, ()),
    "month as text": (month_text, TYPES, ()),
    "merged answer": (merged, TYPES, ("excel",)),
    "inserted list row": (list_row, ("park", "base"), ()),
    "list cell slip": (list_slip, ("park", "base"), ()),
    "formula": (formula, TYPES, ()),
    "wrong check digit": (bad_check_digit, TYPES, ()),
    "trailing spaces": (trailing_spaces, TYPES, ()),
    "hidden row": (hidden_row, TYPES, ("excel",)),
    "count as text": (text_score, TYPES, ()),
    "是 spaced": (yes_spaced, TYPES, ()),
    # the remote engine reads no number format: 10% typed (0.1 in a percent format) is 0.1 there
    "review score typed": (review_score, TYPES, ("excel",)),
    "list cells merged": (list_merged, ("park", "base"), ("excel",)),
    "list 合计 row": (list_total, ("park", "base"), ()),
    "list sheet hidden": (list_sheet_hidden, ("park", "base"), ()),
    "list column hidden": (list_column_hidden, ("park", "base"), ()),
    "list beyond its table": (list_beyond_table, ("park", "base"), ()),
    "list untabled": (list_untabled, ("park", "base"), ("excel",)),
    "list on a second sheet": (lambda wb, t, rng: _list_going_on(wb, rng.choice(["续页", "入驻企业名单 (2)"])),
                               ("park", "base"), ("excel",)),
    "row inserted": (row_inserted, TYPES, ()),
    "percent typed": (percent_typed, tuple(RATES), ("excel",)),
    "error result": (error_result, TYPES, ()),
    # xlwings' Office.js client turns a date cell's number into a date counting from 1899-12-30 whatever the
    # workbook's date system, and tells no Date1904: a remote-engine limit (COM gives Excel's own dates)
    "1904 dates": (mac_dates, TYPES, ("excel",)),
    "sheet renamed": (sheet_renamed, TYPES, ()),
    "names lost": (names_lost, TYPES, ()),
    "formula-like text": (formula_text, TYPES, ()),
}
# slips done after the others: merges (a merged cell takes no typing), then what the others find their cells by
LAST = ("merged answer", "list cells merged", "row inserted", "sheet renamed", "names lost")


def slipped(make_workbook, app_type: str, slips: list[str], seed: int):
    """The example ``app_type`` made and filled, ``slips`` done to it with ``random.Random(seed)``: (path, faces that
    cannot know it)."""
    path = make_workbook(app_type, example(app_type))
    rng = random.Random(seed)
    wb = load_workbook(path)
    wb._results = []      # (cell, the result Excel saves beside its formula): the cell moves with an inserted row
    for slip in sorted(slips, key=lambda s: LAST.index(s) + 1 if s in LAST else 0):
        SLIPS[slip][0](wb, app_type, rng)
    results = {(c.parent.title, c.coordinate): v for c, v in wb._results   # a later slip may have typed over it
               if str(c.value or "").startswith("=")}
    del wb._results
    wb.save(path)
    formula_results(path, {at: _shown(v) for at, v in results.items()})
    ERRORS[path] = {at: v for at, v in results.items() if isinstance(v, str)}
    return path, {face for slip in slips for face in SLIPS[slip][2]}


ERRORS: dict = {}     # path → {(sheet, cell): "#N/A"}: the error values its formulas show


def _wps(path, tmp_path, service):
    book = fake_book(path, saved=False, formulas=True)
    for (sheet, ref), error in ERRORS.get(path, {}).items():    # WPS's Range.Value2 of an error cell (as text here,
        next(s for s in book["sheets"] if s["name"] == sheet)["shown"][ref] = error    # as test_faces_agree sends it)
    clicked = run_js(tmp_path, book, "sb_check", service)
    assert clicked["error"] is None and clicked["book"]["saves"] == 0, clicked["error"]
    return clicked["outcome"]


def _excel(path):
    """The ribbon's 检查本申报表 on the workbook open in Excel, not saved (the remote engine), each error value sent as
    Office.js sends it: its text."""
    from openpyxl.utils.cell import coordinate_to_tuple

    sent = payload(path, name=path.name)
    for (sheet, ref), error in ERRORS.get(path, {}).items():
        row, col = coordinate_to_tuple(ref)
        next(s for s in sent["sheets"] if s["name"] == sheet)["values"][row - 1][col - 1] = error
    return A.findings(OpenBook(xw.Book(json=sent)))


def _diff(want: list[tuple], got: list[tuple]) -> str:
    return f"\n only check: {sorted(set(want) - set(got))}\n only this face: {sorted(set(got) - set(want))}"


def faces_agree_on(path, cannot_know, tmp_path, capsys, service) -> dict:
    command = run_json(path, capsys)
    status = STATUS[command["eligible"]]
    want = _findings(command["findings"])

    wps = _wps(path, tmp_path, service)
    assert f"前置条件：{status}\n" in wps["message"], wps["message"]
    assert f"建议得分：{command['score']['auto']:g} / " in wps["message"], wps["message"]
    got = _findings(wps["findings"])
    assert got == want, "WPS:" + _diff(want, got)

    if "excel" not in cannot_know:
        excel = _excel(path)
        got = _findings(excel["findings"])
        assert got == want, "Excel:" + _diff(want, got)
        assert (excel["status"], excel["score"]) == (status, float(command["score"]["auto"]))
    return command


MORE = os.environ.get("SHIBAI_MUTATIONS")       # more cases than the suite's few (fast enough for every run)
# each slip alone: on one type in turn (every type it applies to with SHIBAI_MUTATIONS)
SINGLE = [(t, slip, seed) for seed, (slip, (_, types, _)) in enumerate(SLIPS.items())
          for t in (types if MORE else types[seed % len(types):][:1])]


@pytest.mark.parametrize("app_type,slip,seed", SINGLE, ids=[f"{t}-{s}" for t, s, _ in SINGLE])
def test_one_slip_every_face_gives_the_same_answer(app_type, slip, seed, make_workbook, tmp_path, capsys, service):
    path, cannot_know = slipped(make_workbook, app_type, [slip], seed)
    faces_agree_on(path, cannot_know, tmp_path, capsys, service)


def _draws(app_type: str, n: int) -> list[tuple[int, list[str]]]:
    own = [s for s, (_, types, _) in SLIPS.items() if app_type in types]
    out = []
    for seed in range(n):
        rng = random.Random(f"{app_type}-{seed}")
        out.append((seed, rng.sample(own, rng.randint(2, 4))))
    return out


DRAWS = [(t, seed, slips) for t in TYPES for seed, slips in _draws(t, int(MORE or 1))]


@pytest.mark.parametrize("app_type,seed,slips", DRAWS, ids=[f"{t}-{s}-{'+'.join(x)}" for t, s, x in DRAWS])
def test_slips_together_every_face_gives_the_same_answer(app_type, seed, slips, make_workbook, tmp_path, capsys,
                                                        service):
    path, cannot_know = slipped(make_workbook, app_type, slips, 1000 + seed)
    faces_agree_on(path, cannot_know, tmp_path, capsys, service)


# --- 刷新汇总表: the same folder of slipped applications, summarised by `shibai refresh` and by the WPS button ----------

def _folder(make_workbook, tmp_path, seed: int) -> list:
    """Two applications of each type, each with 1–3 slips drawn from ``seed``, each its own applicant (名称, 代码)."""
    from ..acceptance.helpers import uscc

    rng = random.Random(f"refresh-{seed}")
    made = []
    for i, app_type in enumerate(TYPES * 2):
        own = [s for s, (_, types, _) in SLIPS.items() if app_type in types]
        path, _ = slipped(make_workbook, app_type, rng.sample(own, rng.randint(1, 3)), rng.randrange(10 ** 6))
        wb = load_workbook(path)
        name, code = named_cell(wb, "sb_name"), named_cell(wb, "sb_uscc")
        if name is not None and code is not None:        # the names survive: a distinct applicant
            name.value, code.value = f"贵州第{i}号申报单位", uscc(serial=f"MA6D{seed % 100:02d}{i:03d}")
            wb.save(path)
        made.append(path)
    return made


def _summary_cells(book_sheets, sheet="项目汇总表") -> dict:
    return next(s for s in book_sheets if s["name"] == sheet)["cells"]


@pytest.mark.parametrize("seed", range(max(1, int(MORE or 1) // 4)))
def test_refresh_in_every_face_writes_the_rows_refresh_writes(seed, make_workbook, tmp_path, service):
    """刷新汇总表 in WPS and in Excel (the remote engine) on a blank 项目汇总表 beside a 申报表 folder, and ``shibai
    refresh`` of the same folder: the same cells in the summary sheet (but 更新时间, the moment of each)."""
    from openpyxl.utils import get_column_letter

    from shibai_xl.faces import ribbon_actions as R
    from shibai_xl.faces.cli import main

    from ..test_ribbon_actions import Replay, open_remote

    apps = _folder(make_workbook, tmp_path, seed)
    for side in ("cli", "wps", "excel"):
        folder = tmp_path / side / "申报表"
        folder.mkdir(parents=True)
        for p in apps:
            shutil.copy(p, folder / p.name)
    cli = tmp_path / "cli" / "项目汇总表.xlsx"
    assert main(["refresh", str(cli), "--from", str(tmp_path / "cli" / "申报表")]) in (0, 1)
    want = _summary_cells(fake_book(cli)["sheets"])
    assert sum(isinstance(v, str) and v.endswith(".xlsx") for v in want.values()) == len(apps), want   # 来源文件
    when = next(ref for ref, v in want.items() if v == "更新时间")[:-1].rstrip("0123456789")

    def same(got: dict, face: str) -> None:
        drop = {ref for ref in set(want) | set(got) if re.fullmatch(when + r"\d+", ref) and ref[len(when):] != "3"}
        w, g = ({k: v for k, v in d.items() if k not in drop} for d in (want, got))
        assert g == w, (face, {k: (w.get(k), g.get(k)) for k in set(w) | set(g) if w.get(k) != g.get(k)})

    wps = tmp_path / "wps" / "项目汇总表.xlsx"
    assert main(["new", "summary", "--out", str(wps)]) == 0
    clicked = run_js(tmp_path, fake_book(wps), "sb_refresh", service)
    assert clicked["error"] is None, clicked["error"]
    same(_summary_cells(clicked["book"]["sheets"]), "WPS")

    excel = tmp_path / "excel" / "项目汇总表.xlsx"
    assert main(["new", "summary", "--out", str(excel)]) == 0
    book = open_remote(excel)
    R.dispatch("sb_refresh", book)
    replay = Replay(book)
    same({f"{get_column_letter(c)}{r}": v for (r, c), v in replay.cells["项目汇总表"].items()}, "Excel")


def _list_past_its_table(wb, t, rng):
    """32 companies in the template's list, whose table ends on row 35: the last two typed under it (the table not
    grown, as a paste leaves it), the 36th row's 交易额 in a cell painted yyyy-mm-dd."""
    from ..acceptance.helpers import uscc

    ws = wb[LIST]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6, max_row=17)]
    for k in range(32):
        for c, v in enumerate(rows[k % 12], 1):
            ws.cell(6 + k, c).value = v
        ws.cell(6 + k, 1).value, ws.cell(6 + k, 2).value = k + 1, f"贵州第{k}号电子商务有限公司"
        ws.cell(6 + k, 11).value = uscc(serial=f"MA6D{k:05d}")
    ws.cell(36, 8).number_format = "yyyy-mm-dd"
    _cell(wb, "sb_resident_count").value = 32


def test_a_list_figure_in_a_date_format_under_the_lists_table(make_workbook, tmp_path, capsys, service):
    """The 36th company's 交易额 (under the sb_residents table, which check reads on to) in a date-formatted cell: check
    said the format and read the number; WPS was sent the formats of the table's cells only and said nothing."""
    path = make_workbook("park", example("park"))
    wb = load_workbook(path)
    _list_past_its_table(wb, "park", None)
    wb.save(path)
    command = faces_agree_on(path, ("excel",), tmp_path, capsys, service)   # the remote engine reads no format
    assert any(f["cell"] == "H36" and "日期格式" in f["message"] for f in command["findings"]), command["findings"]


# --- 检查本申报表 writes what ``shibai check --write`` writes ---------------------------------------------------------

LAYOUT = ("merged answer", "row inserted", "names lost", "hidden row", "list cells merged", "inserted list row",
          "review score typed", "formula")
WRITES = [(t, slip) for i, slip in enumerate(LAYOUT)
          for t in (SLIPS[slip][1] if MORE else [SLIPS[slip][1][i % len(SLIPS[slip][1])]])]


@pytest.mark.parametrize("app_type,slip", WRITES, ids=[f"{t}-{s}" for t, s in WRITES])
def test_check_in_wps_writes_what_check_write_writes(app_type, slip, make_workbook, tmp_path, service):
    """The unsaved workbook checked in WPS and the saved file by ``check --write``: the same cells written (校验结果,
    建议分 and 理由), the same notes and fills on the same cells."""
    from .test_wps_js import assert_writes_as_check_write

    path, _ = slipped(make_workbook, app_type, [slip], 7 + LAYOUT.index(slip))
    assert_writes_as_check_write(path, tmp_path, service)


@pytest.mark.parametrize("code", ["yyyy-mm-dd", "[h]:mm"])
def test_a_list_figure_in_a_date_format_in_a_list_without_its_table(code, make_workbook, tmp_path, capsys, service):
    """A park's form with its names, its 入驻企业名单 no longer a table (表格 → 转换为区域): check read 交易额 2450.28 in
    a date-formatted cell and said the format; WPS was sent the formats of named cells only and said nothing."""
    path = make_workbook("park", example("park"))
    wb = load_workbook(path)
    ws = wb[LIST]
    for table in list(ws.tables):
        del ws.tables[table]
    ws["H7"].number_format = code
    wb.save(path)
    command = faces_agree_on(path, ("excel",), tmp_path, capsys, service)   # the remote engine reads no format
    assert any(f["cell"] == "H7" and "格式" in f["message"] for f in command["findings"]), command["findings"]


def _list_going_on(wb, title: str) -> None:
    """The 入驻企业名单 going on over a sheet of its own after the template's (``title``): its header and three more
    companies, the second one's 交易额 in a date-formatted cell; the form's 已入驻电商企业 counts them."""
    from ..acceptance.helpers import uscc

    src = wb[LIST]
    ws = wb.create_sheet(title, wb.sheetnames.index(LIST) + 1)
    for c in range(1, 12):
        ws.cell(1, c).value = src.cell(5, c).value
    for k in range(3):
        for c in range(1, 12):
            ws.cell(2 + k, c).value = src.cell(6 + k, c).value
        ws.cell(2 + k, 1).value, ws.cell(2 + k, 2).value = 13 + k, f"贵州续页{k}号电子商务有限公司"
        ws.cell(2 + k, 11).value = uscc(serial=f"MA6D{k:05d}")
    ws["H3"].number_format = "yyyy-mm-dd"
    _cell(wb, "sb_resident_count").value = 15


@pytest.mark.parametrize("title", ["入驻企业名单(2)", "续页", "张三's 续表"])
def test_a_list_figure_in_a_date_format_on_the_lists_next_sheet(title, make_workbook, tmp_path, capsys, service):
    """A park's list going on over a second sheet (no table there): check read 交易额 2450.28 in a date-formatted cell
    of it and said the format; WPS was sent the formats of named cells and of the sb_residents table only."""
    path = make_workbook("park", example("park"))
    wb = load_workbook(path)
    _list_going_on(wb, title)
    wb.save(path)
    command = faces_agree_on(path, ("excel",), tmp_path, capsys, service)   # the remote engine reads no format
    assert any(f["sheet"] == title and f["cell"] == "H3" and "日期格式" in f["message"]
               for f in command["findings"]), command["findings"]
