"""Figures as applicants type them into the four application forms (通知 附件2; units in the year file), read by
``shibai check --json`` on real workbooks made by ``shibai new`` (QA qa63e): 元 in the park's 亿元 cell, a date typed
where a figure is asked (as a date cell or as text), a figure pasted with its apostrophe, “3.6个亿”, “500万及以上”,
“不超过600”.

A park's 年度交易额 is asked in 亿元. Typed there in 元 as copied from a financial statement ("360,000,000", 3.6亿元),
the doubt asked only “是否误按万元填写” and told the applicant to type 36000 (亿元) instead; the resident list, whose
total matches the 元 reading, was said to match neither reading."""
from __future__ import annotations

import json

from shibai_xl.faces.cli import main
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example


def _check(make_workbook, capsys, app_type, **changes) -> dict:
    path = make_workbook(app_type, example(app_type, **changes))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _messages(data: dict, code: str) -> list[str]:
    return [f["message"] for f in data["findings"] if f["code"] == code]


def test_a_park_trade_typed_in_yuan_in_its_yi_cell_is_asked_as_yuan(make_workbook, capsys):
    trade_yuan = int(example("park")["sb_trade_total"] * 100000000)     # the example's 亿元 figure, typed in 元
    data = _check(make_workbook, capsys, "park", sb_trade_total=f"{trade_yuan:,}")
    assert data["eligible"] is None, data["findings"]          # a doubted figure decides nothing
    (said,) = [m for m in _messages(data, "FIELD_AMOUNT") if "年度交易额" in m]
    yi = example("park")["sb_trade_total"]
    assert "是否误按元填写" in said and f"应为{yi:g}亿元，请改填{yi:g}" in said, said
    assert "误按万元" not in said, said
    (listed,) = _messages(data, "XC_RESIDENT_TRADE")     # the list's total is the 元 reading: said so
    assert f"名单合计与误按元填写的读法（{yi:g}亿元" in listed and "不相符" not in listed, listed
    assert not any("误按万元" in f["message"] for f in data["findings"]), data["findings"]


def test_a_park_trade_typed_in_wan_in_its_yi_cell_is_still_asked_as_wan(make_workbook, capsys):
    data = _check(make_workbook, capsys, "park", sb_trade_total=36000)
    (said,) = [m for m in _messages(data, "FIELD_AMOUNT") if "年度交易额" in m]
    assert "是否误按万元填写" in said and "应为3.6亿元，请改填3.6" in said, said


def _typed_as_date(path, name, value, fmt="yyyy-mm-dd"):
    """What Excel stores when a person types "2023-05-01" into a figure's cell: the date, shown in a date format."""
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.filler import named_cell

    wb = load_workbook(path)
    cell = named_cell(wb, name)
    cell.value, cell.number_format = value, fmt
    wb.save(path)
    return path


def test_a_date_typed_into_the_live_sales_decides_nothing(make_workbook, capsys):
    """“2023-05-01” typed into 年度直播销售额（万元） is stored as 45047: it passed 500万元 (达标, a warning only asking to
    change the format — which would show 45047, a figure nobody wrote). The form shows and prints a date: 待定."""
    from datetime import datetime

    path = _typed_as_date(make_workbook("team"), "sb_live_sales", datetime(2023, 5, 1))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["eligible"] is None, data["findings"]
    (said,) = [m for m in _messages(data, "FIELD_AMOUNT")]
    assert "表上显示为日期2023-05-01，像是在此栏填写了日期" in said and "请在此栏填写确切数字" in said, said
    assert not _messages(data, "ELIG_LIVE_SALES"), data["findings"]


def test_a_date_typed_into_a_scored_count_earns_no_points_until_checked(make_workbook, capsys):
    """A base's 签约主播 typed as the 填表时间 (2024-04-15, stored 45397): 附件5 2.1.1 (签约主播不少于10人) was 符合."""
    from datetime import datetime

    path = _typed_as_date(make_workbook("base"), "sb_anchors", datetime(2024, 4, 15))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    item = next(i for i in data["score"]["items"] if i["id"] == "2.1.1")
    assert item["auto"] == 0 and "2024-04-15" in item["reason"] and "请核实后再评分" in item["reason"], item


def test_a_figure_in_a_date_formatted_cell_is_still_the_number_typed(make_workbook, capsys):
    """The documented case stays: 35 typed into a cell painted yyyy-mm-dd shows 1900-02-04 and is read as 35."""
    path = _typed_as_date(make_workbook("team"), "sb_live_sales", 600)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["eligible"] is True, data["findings"]
    (said,) = _messages(data, "FIELD_AMOUNT")
    assert "按单元格里的数字600读取" in said and "1901-08-22" in said, said


def test_a_figure_pasted_with_its_apostrophe_is_read(make_workbook, capsys):
    """“'6000” — a figure pasted from a system's export that keeps Excel's text prefix as a character (the form shows
    '6000): FIELD_AMOUNT “不是数字” and 前置条件待定; it is the number after the apostrophe, as a USCC's is."""
    data = _check(make_workbook, capsys, "base", sb_trade_total="'" + str(example("base")["sb_trade_total"]),
                  sb_anchors="'20")
    assert data["eligible"] is True, data["findings"]
    assert not _messages(data, "FIELD_AMOUNT"), data["findings"]
    item = next(i for i in data["score"]["items"] if i["id"] == "2.1.1")
    assert item["auto"] == item["max"] and "签约主播20" in item["reason"], item


def test_a_date_typed_as_text_in_a_figure_is_said_as_a_date_not_a_range(make_workbook, capsys):
    """“2023-05-01” typed into a text-formatted 年度直播销售额 cell (and 签约主播 “2023.5.1”): the message said “填写的是一个
    范围” — 2023 to 05 — which no applicant who typed a date understands."""
    data = _check(make_workbook, capsys, "team", sb_live_sales="2023-05-01")
    assert data["eligible"] is None
    (said,) = _messages(data, "FIELD_AMOUNT")
    assert said.endswith("填写为“2023-05-01”，是日期而不是数字"), said
    data = _check(make_workbook, capsys, "base", sb_anchors="2023.5.1")
    (said,) = _messages(data, "FIELD_AMOUNT")
    assert "是日期而不是数字" in said and "范围" not in said and "整数" not in said, said


def test_a_figure_said_as_people_say_it_with_ge_yi_is_read(make_workbook, capsys):
    """“3.6个亿” — how people say 3.6亿 — in the park's 年度交易额（亿元）: “不是数字” and 前置条件待定; “3个多亿” is a lower
    bound as “3亿多” is."""
    data = _check(make_workbook, capsys, "park", sb_trade_total="3.6个亿")
    assert data["eligible"] is True and not _messages(data, "FIELD_AMOUNT"), data["findings"]
    data = _check(make_workbook, capsys, "park", sb_trade_total="三个多亿")
    assert data["eligible"] is True, data["findings"]
    (said,) = _messages(data, "FIELD_AMOUNT")
    assert "不是确切数字（含“多”），按下限30000万元计" in said, said


def test_a_lower_bound_written_ji_yi_shang_is_read_as_yi_shang(make_workbook, capsys):
    """“500万及以上” (the formal way to write 500万以上) was “不是确切数字” and 前置条件待定, where “500万以上” is read as
    its lower bound (README: 下限达到门槛即达标, with a warning)."""
    for typed in ("500万及以上", "600万或以上"):
        data = _check(make_workbook, capsys, "team", sb_live_sales=typed)
        assert data["eligible"] is True, (typed, data["findings"])
        (said,) = _messages(data, "FIELD_AMOUNT")
        assert "不是确切数字（含“以上”），按下限" in said and said.startswith("请核对"), said


def test_an_upper_bound_is_quoted_as_written(make_workbook, capsys):
    """“不超过500” (at most 500) was said as “不是确切数字（含“超过”）” — the opposite of what the applicant wrote."""
    data = _check(make_workbook, capsys, "team", sb_live_sales="不超过600")
    assert data["eligible"] is None
    (said,) = _messages(data, "FIELD_AMOUNT")
    assert "不是确切数字（含“不超过”）" in said, said


def test_a_date_typed_into_a_rate_is_said_as_the_date_shown(make_workbook, capsys):
    """2024-04-15 typed into 线上交易占营业收入比例: the error quoted only 45397 (“比例不能超过100%”), a number the
    applicant never saw; it now says the cell shows that date."""
    from datetime import datetime

    path = _typed_as_date(make_workbook("enterprise"), "sb_online_share", datetime(2024, 4, 15))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    (said,) = _messages(json.loads(capsys.readouterr().out), "FIELD_AMOUNT")
    assert "表上显示为日期2024-04-15" in said and "比例不能超过100%" in said, said


def test_a_date_typed_into_the_park_trade_is_not_read_as_a_unit_slip(make_workbook, capsys):
    """“2024-05-01” typed into a park's 年度交易额（亿元） (stored 45413): the warning, after saying the number is no
    figure, asked whether 45413亿元 was typed in 万元 and told the park to type 4.5413 — a figure nobody wrote, over
    the 3亿元 threshold; the list's total was weighed against 45413亿元 and 4.5413亿元. The date is said, nothing else."""
    from datetime import datetime

    path = _typed_as_date(make_workbook("park"), "sb_trade_total", datetime(2024, 5, 1))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["eligible"] is None, data["findings"]
    (said,) = _messages(data, "FIELD_AMOUNT")
    assert "像是在此栏填写了日期" in said and "4.5413" not in said and "误按" not in said, said
    assert not any("4.5413" in f["message"] or "45413亿元" in f["message"] for f in data["findings"]), data["findings"]
    # the summary's 问题 column says the finding's brief
    assert not any("4.5413" in f.short or "误按" in f.short for f in check_file(path).findings)


def test_a_date_typed_into_the_retail_contradicts_nothing(make_workbook, capsys):
    """“2024-05-01” typed into an enterprise's 年度网络零售额: after “单元格里的数字45413不作为所填数字”, check said
    “年度网络零售额45413万元大于年度交易额2600万元” (FIELD_INCONSISTENT) — of the number it had just said is no figure."""
    from datetime import datetime

    path = _typed_as_date(make_workbook("enterprise"), "sb_online_retail", datetime(2024, 5, 1))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["eligible"] is None and len(_messages(data, "FIELD_AMOUNT")) == 1, data["findings"]
    assert not any("45413万元" in f["message"] for f in data["findings"]), data["findings"]
