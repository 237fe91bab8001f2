"""The readings added to the reader and engine, through every face (the sibling of test_faces_agree.py, whose helpers
it uses): a unit typed in the cell beside an amount, bounds and caps in a remark, 粉丝总数 typed bare and small, the
figure after its own label, dates typed with a weekday, 成立日期 after 填表时间, a team's 否 to 2.1.3, an enterprise
ticking both kinds, a percent typed for a count or a rate (as text, or stored 0.15 in a 0% cell), and date cells
holding 0, 0.5, the serial 60 or a date in a duration format ([h]:mm).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.faces import udf_functions as U

from ..conftest import example
from ..test_forms_as_filled import run_json
from ..test_negative_dates import _typed
from ..test_percent_in_counts_formatted import shown_as_percent, staff_shown_as_percent
from ..test_reading_percent_amounts import list_trade_shown_as_percent
from ..test_real_applications import values_only_copy
from ..test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine fixture)
from ..test_units_typed_beside_amounts import _unit_beside
from .conftest import fake_book, needs_node, run_js
from .test_faces_agree import STATUS, _findings, faces_agree

pytestmark = needs_node


def _beside(field: str, text: str):
    """``text`` typed in the cell right of ``field``'s answer (the printed unit's place), the sheet unprotected."""
    def done(path):
        wb = load_workbook(path)
        cell = named_cell(wb, field)
        cell.parent.protection.sheet = False
        cell.parent.cell(cell.row, cell.column + 1).value = text
        wb.save(path)
    return done


def _labelled(field: str, label: str, names: bool = True):
    """The label left of ``field``'s answer retyped ``label`` ("粉丝数（万）"); ``names`` False: the form pasted as
    values into a new workbook first (read by its printed labels)."""
    def done(path):
        wb = load_workbook(path)
        cell = named_cell(wb, field)
        index, row, col = [ws.title for ws in wb.worksheets].index(cell.parent.title), cell.row, cell.column
        if not names:
            path = values_only_copy(path, path.with_name(path.stem + "-粘贴.xlsx"))
            wb = load_workbook(path)
        ws = wb.worksheets[index]
        ws.protection.sheet = False
        label = next(c for c in range(col - 1, 0, -1) if ws.cell(row, c).value not in (None, ""))
        ws.cell(row, label).value = label_text
        wb.save(path)
        return path
    label_text = label
    return done


def _formatted(values: dict, code: str):
    """Numbers stored in date cells painted with the number format ``code``."""
    return lambda path: _typed(path, values, code)


def _pasted(path, values: dict):
    """The form pasted as values into a new workbook (read by its printed labels), then ``values`` typed in, a number
    in a date format."""
    wb = load_workbook(path)
    shown = [ws.title for ws in wb.worksheets if ws.title not in ("评分", "校验结果")]
    refs = {name: (shown.index(named_cell(wb, name).parent.title), named_cell(wb, name).coordinate) for name in values}
    copy = values_only_copy(path, path.with_name(path.stem + "-粘贴.xlsx"))
    wb = load_workbook(copy)
    for name, (index, ref) in refs.items():
        cell = wb.worksheets[index][ref]
        cell.value = values[name]
        if isinstance(values[name], int):
            cell.number_format = "yyyy-mm-dd"
    wb.save(copy)
    return copy


CASES = {   # name → (type, values changed, what is done to the saved workbook, faces that cannot know it)
    # a formula is given the figure alone, not the unit typed beside it: 0.8 in a base's 万元 is a doubt (待定)
    "unit beside": ("base", {"sb_trade_total": 0.8}, _beside("sb_trade_total", "亿元"), ("formula",)),
    "share under a cap": ("enterprise", {"sb_online_share": ..., "sb_online_share_50": "是（不到30%）"}, None, ()),
    "fans bare and small": ("team", {"sb_fans": 120}, None, ()),
    "fans 过百万": ("team", {"sb_fans": "过百万"}, None, ()),
    "fans 近100万": ("team", {"sb_fans": "近100万"}, None, ()),
    "fans bare 百万": ("team", {"sb_fans": "百万"}, None, ()),
    # "粉丝数（万） | 150": 150万人 (a formula is given the figure alone, not its label)
    "fans labelled in 万": ("team", {"sb_fans": 150}, _labelled("sb_fans", "粉丝数（万）"), ("formula",)),
    "fans labelled in 万, pasted": ("team", {"sb_fans": 150}, _labelled("sb_fans", "粉丝总数（万人）", names=False),
                                    ("formula",)),
    # a form pasted without its names: a formula is given cells, not names (_formulas finds none)
    "unit beside, pasted": ("base", {}, lambda p: _unit_beside(p, "sb_trade_total", 0.8, "亿元", names=False),
                            ("formula",)),
    "weekday date, pasted": ("enterprise", {}, lambda p: _pasted(p, {"sb_fill_date": "2024年4月15日星期一"}),
                             ("formula",)),
    "serial 60, pasted": ("enterprise", {}, lambda p: _pasted(p, {"sb_established": 60}), ("formula",)),
    "park's unit beside": ("park", {"sb_trade_total": 35000}, _beside("sb_trade_total", "（万元）"), ("formula",)),
    "team founded after filled": ("team", {"sb_established": date(2023, 8, 1), "sb_fill_date": date(2023, 5, 10),
                                           "sb_period_start": date(2022, 1, 1), "sb_period_end": date(2022, 12, 1)},
                                  None, ()),
    "team too young by the deadline": ("team", {"sb_established": date(2025, 3, 1)}, None, ()),
    "figure after its label": ("team", {"sb_live_sales": "年度直播销售额520万元"}, None, ()),
    "weekday date": ("enterprise", {"sb_fill_date": "2024年4月15日星期一"}, None, ()),
    "founded after filled": ("enterprise", {"sb_established": date(2023, 8, 1), "sb_fill_date": date(2023, 5, 10),
                                            "sb_period_start": date(2022, 1, 1), "sb_period_end": date(2022, 12, 1)},
                             None, ()),
    "team 2.1.3 否": ("team", {"sb_brand_case": "否"}, None, ()),
    "both kinds": ("enterprise", {"sb_enterprise_kind": "☑平台类 ☑服务类"}, None, ()),
    # a figure typed in a 是/否 cell of a question printing its figure, and 是 typed where a figure is asked
    "fans typed in the 是/否 cell": ("team", {"sb_fans": ..., "sb_fans_1m": "185万"}, None, ()),
    "fans typed bare below": ("team", {"sb_fans": ..., "sb_fans_1m": 80}, None, ()),
    # (SB_ELIGIBLE says check's FIELD_AMOUNT message where check says 待定: udf_functions' design, not compared here)
    "yes typed for the live sales": ("team", {"sb_live_sales": "是"}, None, ("formula",)),
    # a percent typed for a count is no count (said at the cell, 15 not taken); for a rate it is the rate
    "anchors typed as a percent": ("base", {"sb_anchors": "15%"}, None, ()),
    "fans typed as a percent": ("team", {"sb_fans": "15％"}, None, ()),
    "rate typed as a percent": ("park", {"sb_incubation_rate": "60%"}, None, ()),
    # "15%" typed into a count's General cell: Excel and WPS store 0.15 and paint it 0% (the remote engine cannot ask
    # formats, a formula given the values alone neither: test_percent_in_counts_formatted gives SB_SCORE the formats)
    "anchors stored as a percent": ("base", {}, lambda p: shown_as_percent(p, "sb_anchors", 0.15), ("excel", "formula")),
    "fans stored as a percent": ("team", {}, lambda p: shown_as_percent(p, "sb_fans", 0.15), ("excel", "formula")),
    "share stored as a percent in a 是/否 cell": ("enterprise", {"sb_online_share": None},
                                                  lambda p: shown_as_percent(p, "sb_online_share_50", 0.6),
                                                  ("excel", "formula")),
    "resident's staff stored as a percent": ("park", {}, staff_shown_as_percent, ("excel", "formula")),
    "live sales stored as a percent": ("team", {}, lambda p: shown_as_percent(p, "sb_live_sales", 0.15),
                                       ("excel", "formula")),
    "resident's trade stored as a percent": ("park", {}, list_trade_shown_as_percent, ("excel", "formula")),
    # a requirement answered as one (符合 / 不达标) in a 是/否 cell, and a hedged one (said, not read)
    "requirements answered in words": ("enterprise", {"sb_logistics_coop": "符合", "sb_credit_ok": "满足",
                                                      "sb_icp": "不达标"}, None, ()),
    "a requirement answered with a hedge": ("enterprise", {"sb_logistics_coop": "基本符合"}, None, ()),
}
DATE_CELLS = {   # name → the numbers stored in 填表时间 and 成立日期, and the date or time format they are shown in
    "duration-formatted dates": ({"sb_fill_date": 45397, "sb_established": 0.5}, "[h]:mm"),
    "serial 60": ({"sb_established": 60}, "yyyy-mm-dd"),
    "zero date": ({"sb_established": 0}, "yyyy-mm-dd"),
    "yyyymmdd typed in a date cell": ({"sb_fill_date": 20240415}, "yyyy-mm-dd"),   # Excel shows ########
}
# a formula is given the date cells' values alone (below); SB_SCORE needs none of them
CASES.update({name: ("enterprise", {}, _formatted(*cells), ("formula",)) for name, cells in DATE_CELLS.items()})


@pytest.mark.parametrize("case", list(CASES))
def test_every_face_gives_the_same_answer(case, make_workbook, tmp_path, capsys, service):
    # an answer that cannot be read is said by a formula instead of a number, as check says it
    faces_agree(case, CASES[case], make_workbook, tmp_path, capsys, service, formula_may_say_errors=True)


@pytest.mark.parametrize("case", list(DATE_CELLS))
def test_a_formula_reads_a_date_cell_as_check_reads_it(case, make_workbook, capsys):
    """SB_ELIGIBLE's 成立日期 and 填表时间 as xlwings hands them from Excel (COM's date of the number stored, counted
    from 1899-12-30, through the AsShown wrapper with the cell's format): 0, 0.5 and 60 were quoted as 1899-12-30 or
    1900-02-28 and said to be of an unreasonable year, where check quotes the number and says it is no date."""
    stored, code = DATE_CELLS[case]
    path = make_workbook("enterprise")
    _formatted(stored, code)(path)
    command = run_json(path, capsys)
    wb = load_workbook(path)

    def argument(name):
        if name in stored:    # COM gives a number past 9999-12-31 (serial 2958465) as the number
            number = stored[name]
            return U.as_shown(datetime(1899, 12, 30) + timedelta(days=number) if number < 2958466 else number, code)
        return named_cell(wb, name).value
    values = {n: argument(n) for n in ("sb_established", "sb_fill_date", "sb_trade_total", "sb_online_retail")}
    said = U.eligible("enterprise", values["sb_established"], values["sb_fill_date"], values["sb_trade_total"],
                      values["sb_online_retail"], named_cell(wb, "sb_enterprise_kind").value)
    errors = [f["message"] for f in command["findings"] if f["code"] == "FIELD_DATE" and f["severity"] == "error"]
    assert said == (U.pending_because(errors[0]) if errors else STATUS[command["eligible"]]), (said, command["findings"])


@pytest.mark.parametrize("case", list(DATE_CELLS))
def test_a_saved_workbook_in_wps_reads_a_date_cell_as_check(case, make_workbook, tmp_path, capsys, service):
    """A saved workbook: the add-in sends its path and the service reads the file (FileBook), which read 0, 0.5, 60 and
    a date in [h]:mm as calamine's time of day or duration — 必填项为空, 1900-02-28 — where check reads the number."""
    path = make_workbook("enterprise")
    _formatted(*DATE_CELLS[case])(path)
    command = run_json(path, capsys)
    clicked = run_js(tmp_path, fake_book(path, saved=True), "sb_check", service)
    assert clicked["error"] is None, clicked["error"]
    assert _findings(clicked["outcome"]["findings"]) == _findings(command["findings"])


def test_an_unsaved_workbook_of_the_1904_date_system_in_wps(make_workbook, tmp_path, capsys, service):
    """A form kept in a workbook of the 1904 date system (Excel for Mac's, which WPS opens as it is): Range.Value2 gives
    the days since 1904-01-01, which the service read as days since 1900 — 成立日期 and 填表时间 four years and a day
    early, 填表时间 2020 said to be outside 一、申报时间 while check reads the file's dates. The add-in says the date
    system (Workbook.Date1904) and the service counts the dates from it."""
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    wb.epoch = CALENDAR_MAC_1904
    wb.save(path)
    command = run_json(path, capsys)
    book = fake_book(path, saved=False)
    assert book["date1904"] is True
    clicked = run_js(tmp_path, book, "sb_check", service)
    assert clicked["error"] is None, clicked["error"]
    assert f"前置条件：{STATUS[command['eligible']]}\n" in clicked["outcome"]["message"], clicked["outcome"]["message"]
    assert _findings(clicked["outcome"]["findings"]) == _findings(command["findings"])


@pytest.mark.parametrize("case", ["fans labelled in 万", "fans labelled in 万, pasted"])
def test_fans_labelled_in_wan_meet_2_1_2(case, make_workbook, capsys):
    """"粉丝数（万） | 150" is 150万人: 附件5 团队 2.1.2 粉丝总数达100万以上 is met (15分), and a warning at the cell
    names the label."""
    app_type, changes, done_to_it, _ = CASES[case]
    path = make_workbook(app_type, example(app_type, **changes))
    command = run_json(done_to_it(path) or path, capsys)
    item = next(i for i in command["score"]["items"] if i["id"] == "2.1.2")
    assert item["auto"] == item["max"] == 15, item
    assert any(f["code"] == "FIELD_AMOUNT" and "标签单元格" in f["message"] and "1500000人" in f["message"]
               for f in command["findings"]), command["findings"]
