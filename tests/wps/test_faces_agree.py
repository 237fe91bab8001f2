"""One application, every face, one answer: ``shibai check --json``, the ribbon's 检查本申报表 on the workbook open in
Excel (xlwings' remote engine), the WPS add-in's 检查本申报表 on the same workbook NOT saved (its JavaScript in node
sending the snapshot to the running ``shibai serve``), and the formulas SB_ELIGIBLE / SB_SCORE on the form's values.

Applications made with ``shibai new`` and filled as applicants fill them: plainly; with a remark typed beside a 是
(and one merged over two answers' rows); a figure typed as a lower bound; a mobile number typed as a count; rows of
the 附件3 list hidden by a filter; a #N/A where a figure goes; a 备注 or an amount merged over two companies. Where a
face cannot know something, the test says why and leaves that face out of that case:

* the remote engine cannot ask Excel for merged cells or hidden rows (Windows Excel's COM can: tests/test_ribbon_actions
  covers OpenBook.merged and hidden_rows through COM stand-ins);
* a formula gets the values of its arguments only: a remark beside a cell, the 附件3 list and the materials are not
  among them (docs/addin.md), and an argument it cannot read is said as ``错误：…`` instead of a number (by design).
"""
from __future__ import annotations

import pytest
import xlwings as xw
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_to_tuple

from shibai_xl.adapters.excel.book import OpenBook
from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs import actions as A
from shibai_xl.rules import load

from ..conftest import example
from ..test_forms_as_filled import run_json
from ..test_resident_list_hidden_rows import hide
from ..test_resident_list_merged_cells import merged_over_first_two
from ..test_ribbon_actions import open_remote, payload, remote_engine  # noqa: F401  (the remote engine fixture)
from .conftest import fake_book, needs_node, run_js, sheet_of

pytestmark = needs_node

STATUS = {True: "达标", False: "不达标", None: "待定"}


def _remark(path, merged: bool):
    """"带宽50M" typed right of 2. 带宽不低于100Mbps's 是; ``merged``: over the rows of items 1 and 2 (neither one's)."""
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_bandwidth_100m")
    ws = cell.parent
    row = cell.row - 1 if merged else cell.row
    ws.cell(row, cell.column + 1, "带宽50M")
    if merged:
        ws.merge_cells(start_row=row, start_column=cell.column + 1, end_row=cell.row, end_column=cell.column + 1)
    wb.save(path)


def _error_values(path):
    """#N/A (a VLOOKUP that found nothing) in 已入驻电商企业 and in the first resident's 从业人数."""
    wb = load_workbook(path)
    for ref in _error_refs(wb):
        sheet, cell = ref
        wb[sheet][cell].value, wb[sheet][cell].data_type = "#N/A", "e"
    wb.save(path)


def _error_refs(wb) -> list[tuple[str, str]]:
    cell = named_cell(wb, "sb_resident_count")
    return [(cell.parent.title, cell.coordinate), ("入驻企业名单", "G6")]


CASES = {   # name → (type, values changed, what is done to the saved workbook, faces that cannot know it)
    "plain": ("park", {}, None, ()),
    "remark beside": ("park", {"sb_bandwidth_100m": "是"}, lambda p: _remark(p, False), ("formula",)),
    "remark merged over two answers": ("park", {"sb_bandwidth_100m": "是"}, lambda p: _remark(p, True),
                                       ("excel", "formula")),
    "fans as a bound": ("team", {"sb_fans": "100万以上"}, None, ()),
    "trade as a bound": ("enterprise", {"sb_trade_total": "超过3000万元"}, None, ()),
    "mobile as a count": ("park", {"sb_resident_count": 13812345678}, None, ()),
    "hidden list rows": ("park", {}, lambda p: hide(p, [7, 8], filter_ref="A5:K17"), ("excel",)),
    "error values": ("park", {}, _error_values, ("formula",)),
    "list note merged over two companies": ("park", {}, merged_over_first_two("备注"), ("excel",)),
    "list amount merged over two companies": ("park", {}, merged_over_first_two("年度网络交易额（万元）"), ("excel",)),
}


def _findings(rows) -> list[tuple]:
    return sorted((f["code"], f["severity"], f["message"], f["sheet"], f["cell"]) for f in rows)


def _excel(path, case):
    sent = payload(path, name=path.name)               # an unsaved change: the book is read, not its file
    if case == "error values":                          # Office.js sends an error cell as its text
        for sheet, cell in _error_refs(load_workbook(path)):
            row, col = coordinate_to_tuple(cell)
            next(s for s in sent["sheets"] if s["name"] == sheet)["values"][row - 1][col - 1] = "#N/A"
    return A.findings(OpenBook(xw.Book(json=sent)))


def _wps(path, case, tmp_path, service):
    book = fake_book(path, saved=False)
    if case == "error values":                          # WPS's Range.Value2 of an error cell (as text here)
        for sheet, cell in _error_refs(load_workbook(path)):
            sheet_of({"book": book}, sheet)["cells"][cell] = "#N/A"
    clicked = run_js(tmp_path, book, "sb_check", service)
    assert clicked["error"] is None and clicked["book"]["saves"] == 0, clicked["error"]
    return clicked["outcome"]


def _formulas(path, app_type):
    """SB_ELIGIBLE and SB_SCORE with the form's cells as their arguments (names | values, as docs/addin.md shows)."""
    rules, wb = load(), load_workbook(path)

    def value(name):
        cell = named_cell(wb, name)
        return None if cell is None else cell.value
    kind = value("sb_enterprise_kind") if app_type == "enterprise" else None
    trade = value("sb_live_sales") if app_type == "team" else value(rules.types[app_type].amount_fields(kind)[0])
    retail = value("sb_online_retail") if app_type != "team" else None
    eligible = U.eligible(app_type, value("sb_established"), value("sb_fill_date"), trade, retail, kind)
    names = sorted(n for n in rules.names_for(app_type) if named_cell(wb, n) is not None)
    return eligible, U.score(app_type, names, [value(n) for n in names])


@pytest.mark.parametrize("case", list(CASES))
def test_every_face_gives_the_same_answer(case, make_workbook, tmp_path, capsys, service):
    faces_agree(case, CASES[case], make_workbook, tmp_path, capsys, service)


def faces_agree(case, spec, make_workbook, tmp_path, capsys, service, formula_may_say_errors: bool = False) -> None:
    """One application (``spec``: type, changes, what is done to the file, the faces that cannot know) through check
    --json, WPS, the Excel remote engine and the formulas: the same verdict, score and findings. With
    ``formula_may_say_errors`` a formula may give check's error message instead of the score it cannot read."""
    app_type, changes, done_to_it, cannot_know = spec
    path = make_workbook(app_type, example(app_type, **changes))
    if done_to_it:
        path = done_to_it(path) or path      # a form pasted into a new workbook is another file
    command = run_json(path, capsys)
    status, score = STATUS[command["eligible"]], float(command["score"]["auto"])

    wps = _wps(path, case, tmp_path, service)
    assert f"前置条件：{status}\n" in wps["message"], wps["message"]
    assert f"建议得分：{command['score']['auto']:g} / " in wps["message"], wps["message"]
    assert _findings(wps["findings"]) == _findings(command["findings"])

    if "excel" not in cannot_know:
        excel = _excel(path, case)
        assert (excel["status"], excel["score"]) == (status, score)
        assert _findings(excel["findings"]) == _findings(command["findings"])

    if "formula" not in cannot_know:
        errors = [U.ERROR + f["message"] for f in command["findings"] if f["severity"] == "error"]
        eligible, scored = _formulas(path, app_type)
        # SB_ELIGIBLE's 待定 may carry the reason check gives for it (a figure read in doubt: 待定（…）)
        pending = {U.pending_because(f["message"]) for f in command["findings"]} if status == "待定" else set()
        assert (eligible == status or eligible in pending) and (
            scored == score or (formula_may_say_errors and scored in errors)), (eligible, scored, errors)


def test_a_formula_says_what_it_cannot_read_instead_of_a_number(make_workbook):
    """The error values case: SB_SCORE is given the #N/A (err_to_str) and says it, as check says it (FIELD_AMOUNT)."""
    path = make_workbook("park")
    _error_values(path)
    _, score = _formulas(path, "park")
    assert isinstance(score, str) and score.startswith(U.ERROR) and "#N/A" in score, score
