"""Figures no applicant of this programme can mean: a mobile number typed into a count or an amount (13985012345
粉丝), or a count far beyond any park, base or team (20亿粉丝, 5万间直播间). Such a figure is read, warned
(FIELD_AMOUNT) and decides nothing — the threshold is 待定, the 附件5 item earns no points until a person checks it —
rather than passing 附件5's 100万 fans or 前置条件's 500万元. Real workbooks from ``shibai new``, ``shibai check --json``."""
from __future__ import annotations

import json

import pytest

from shibai_xl.faces.cli import main
from tests.conftest import example

PHONE = 13985012345


def _check(make_workbook, capsys, app_type, **changes) -> dict:
    path = make_workbook(app_type, example(app_type, **changes))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _item(data: dict, item_id: str) -> dict:
    return next(i for i in data["score"]["items"] if i["id"] == item_id)


def _warned(data: dict, words: str) -> list[dict]:
    return [f for f in data["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "warning"
            and words in f["message"]]


@pytest.mark.parametrize("fans", [PHONE, str(PHONE), "13985012345人"])
def test_a_mobile_number_typed_as_the_fans_earns_no_points(make_workbook, capsys, fans):
    data = _check(make_workbook, capsys, "team", sb_fans=fans, sb_fans_1m="是")
    it = _item(data, "2.1.2")
    assert it["auto"] == 0 and "请核实后再评分" in it["reason"], it
    assert _warned(data, "手机号"), data["findings"]


def test_fans_beyond_any_team_earn_no_points(make_workbook, capsys):
    data = _check(make_workbook, capsys, "team", sb_fans="20亿", sb_fans_1m="是")
    assert _item(data, "2.1.2")["auto"] == 0
    assert _warned(data, "超出"), data["findings"]


@pytest.mark.parametrize("field, value, item_id", [
    ("sb_live_rooms", PHONE, "1.1.2"), ("sb_live_rooms", 50000, "1.1.2"), ("sb_anchors", PHONE, "2.1.1")])
def test_a_base_count_no_base_has_earns_no_points(make_workbook, capsys, field, value, item_id):
    data = _check(make_workbook, capsys, "base", **{field: value})
    it = _item(data, item_id)
    assert it["auto"] == 0 and "请核实后再评分" in it["reason"], it
    assert _warned(data, "手机号" if value == PHONE else "超出"), data["findings"]


def test_a_park_resident_count_typed_as_a_mobile_is_warned(make_workbook, capsys):
    data = _check(make_workbook, capsys, "park", sb_resident_count=PHONE)
    assert _warned(data, "手机号"), data["findings"]


@pytest.mark.parametrize("app_type, field, value", [
    ("base", "sb_trade_total", "13985012345万元"),     # with its unit: no 元-typed doubt of its own
    ("team", "sb_live_sales", "13985012345元"),        # 139亿元: a figure a team could only mean as a phone
    ("enterprise", "sb_trade_total", "2万亿元"),
])
def test_an_amount_no_applicant_has_leaves_the_threshold_undecided(make_workbook, capsys, app_type, field, value):
    data = _check(make_workbook, capsys, app_type, **{field: value})
    assert data["eligible"] is None, data
    assert _warned(data, "手机号" if "139" in value else "超出"), data["findings"]


@pytest.mark.parametrize("app_type, changes", [
    ("team", {"sb_fans": 185000000}),           # 1.85亿: the largest accounts have such
    ("base", {"sb_live_rooms": 300, "sb_anchors": 2000}),
    ("enterprise", {"sb_trade_total": "1200亿元"}),
])
def test_large_but_real_figures_stand(make_workbook, capsys, app_type, changes):
    data = _check(make_workbook, capsys, app_type, **changes)
    assert not [f for f in data["findings"] if f["code"] == "FIELD_AMOUNT"], data["findings"]


@pytest.mark.parametrize("column, typed", [("从业人数", PHONE), ("从业人数", "13985012345"),
                                           ("年度网络交易额（万元）", PHONE)])
def test_a_mobile_number_in_a_resident_row_is_no_figure_of_the_list(make_workbook, capsys, column, typed):
    """附件3 prints 联系方式 two columns left of 从业人数: a clerk whose paste slipped put a company's mobile there.
    Summed, it made the list's 从业人数 13985012450人 and gave 附件5 2.4.1 (员工总数不低于50) its points against the
    form's own 否; it is a row to correct (XC_RESIDENT_ROW), and not added to the list's totals."""
    from shibai_xl.examples import example_residents
    rows = example_residents("park")
    for r in rows:
        r["从业人数"] = 2                 # 24 people: under 50 without the mobile
    rows[0][column] = typed
    path = make_workbook("park", example("park", sb_staff_50="否"), residents=rows)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    said = [f["message"] for f in data["findings"] if f["code"] == "XC_RESIDENT_ROW" and "手机号码" in f["message"]]
    assert said and "13985012345" in said[0], data["findings"]
    assert not any("1398501" in i["reason"] for i in data["score"]["items"]), data["score"]["items"]
    if column == "从业人数":
        assert _item(data, "2.4.1")["auto"] == 0, _item(data, "2.4.1")


@pytest.mark.parametrize("typed", ["1" * 40, 1e300, "1" * 30 + "万元"])
def test_a_figure_of_more_digits_than_any_is_warned_not_a_crash(make_workbook, capsys, typed):
    """Forty digits pasted into 粉丝总数 (a code, a row of 1s held down), 1e300 from a formula: the note saying the
    figure is past any team's showed it rounded to 0.01 of 万亿, which a figure of 30 digits has too many digits for
    (decimal.InvalidOperation: a check of the workbook ended in 程序内部错误). Now warned, shown as Excel shows it."""
    data = _check(make_workbook, capsys, "team", sb_fans=typed, sb_fans_1m="是")
    assert _item(data, "2.1.2")["auto"] == 0
    assert _warned(data, "超出") or _warned(data, "科学计数法"), data["findings"]


@pytest.mark.parametrize("typed", [1e308, "1" * 320 + "万元"])
def test_an_amount_past_what_a_cell_holds_is_no_infinity_in_the_summary(tmp_path, make_workbook, capsys, typed):
    """A park's 年度交易额 of 1e308 (亿元, read as 1e312 万元) or of 320 digits went into the summary as float
    infinity: an empty number cell (<v></v>) the clerk saw as a blank amount with nothing said, and Infinity in
    the hidden cache. Now the cell is left blank and the row's 问题 says the figure is past any a cell can hold."""
    import shutil

    from openpyxl import load_workbook
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("park", example("park", sb_trade_total=typed)), apps / "park.xlsx")
    out = tmp_path / "汇总.xlsx"
    assert main(["refresh", str(out), "--from", str(apps)]) == 0
    capsys.readouterr()
    ws = load_workbook(out)["项目汇总表"]
    header = next(r for r in ws.iter_rows(values_only=True) if "年度交易额（万元）" in r)
    row = next(r for r in ws.iter_rows(values_only=True) if r[header.index("企业名称")] == example("park")["sb_name"])
    assert row[header.index("年度交易额（万元）")] is None
    said = " ".join(str(v) for v in row if isinstance(v, str))
    assert "年度交易额填写的数字过大" in said, row


def test_a_figure_of_hundreds_of_digits_is_said_as_excel_shows_it(make_workbook, capsys):
    """1e300 in a base's 年度交易额 and counts was quoted back as “1E+300” but its figure in the same message (and in
    the list's comparisons) as 300 zeros, hundreds of characters no one can read; now as Excel shows it, 1E+304."""
    data = _check(make_workbook, capsys, "base", sb_trade_total=1e300, sb_resident_count=1e300)
    said = [f["message"] for f in data["findings"]]
    assert not [m for m in said if "0" * 40 in m], said
    assert any("1E+300" in m for m in said), said


@pytest.mark.parametrize("fans", [120, "150", 120.0])
def test_fans_typed_bare_and_small_ask_whether_wan_was_meant(make_workbook, capsys, fans):
    """The team's form asks "粉丝数 100 万以上" (附件2 item 5) and people count fans in 万: a bare 120 in 粉丝总数 is 120万
    with 万 left out far likelier than 120 fans of a team selling 500万元 a year (二（二）4). It read as 120 people: 0
    points 未达到 and a FIELD_INCONSISTENT beside the 是, with no word of the unit. Now it is warned like an amount in the
    wrong unit ("是否按万填写"), and 附件5 团队 2.1.2 is 待定 (0, to verify) until a person checks it."""
    j = _check(make_workbook, capsys, "team", sb_fans=fans)
    said = _warned(j, "是否按万填写（120万人）" if fans != "150" else "是否按万填写（150万人）")
    assert len(said) == 1 and said[0]["cell"], j["findings"]
    it = _item(j, "2.1.2")
    assert it["auto"] == 0 and it["reason"].startswith("数据缺失") and "请核实后再评分" in it["reason"], it
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


@pytest.mark.parametrize("fans", ["120人", 0, 18500, "120万"])
def test_fans_with_their_unit_or_large_enough_are_no_doubt(make_workbook, capsys, fans):
    j = _check(make_workbook, capsys, "team", sb_fans=fans)
    assert not _warned(j, "是否按万填写"), j["findings"]
