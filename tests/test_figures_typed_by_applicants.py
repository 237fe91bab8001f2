"""Figures as applicants type them into the four application forms (通知 附件2; units in the year file), read by
``shibai check --json`` on real workbooks made by ``shibai new`` (QA qa63e).

A park's 年度交易额 is asked in 亿元. Typed there in 元 as copied from a financial statement ("360,000,000", 3.6亿元),
the doubt asked only “是否误按万元填写” and told the applicant to type 36000 (亿元) instead; the resident list, whose
total matches the 元 reading, was said to match neither reading."""
from __future__ import annotations

import json

from shibai_xl.faces.cli import main
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
