"""统一社会信用代码 in a park's 入驻企业名单 (附件3) typed wrong — a slip of the check digit, the old 15-digit 注册号, a
digit short: `shibai check` said nothing of them (the bureau's clerk, looking the companies up on 信用中国, found out
alone), while a code Excel made a number of is said. One XC_RESIDENT_ROW warning names the rows and what is wrong;
SB_RESIDENTS counts it as one 数据有误, as check does. Codes typed with spaces, lower case or the letter O for the
digit 0 that read as a valid code are no error."""
from __future__ import annotations

import json

from openpyxl import load_workbook

from shibai_xl.engine.parse.uscc import all_valid, check_digit, parse
from shibai_xl.examples import example_residents
from shibai_xl.faces import udf_functions as U
from shibai_xl.faces.cli import main

CODE = "统一社会信用代码"


def _slip(code: str) -> str:
    return code[:17] + ("1" if check_digit(code[:17]) != "1" else "2")


def _check(path, capsys) -> dict:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def test_wrong_codes_in_the_list_are_said_in_one_warning_and_counted_by_sb_residents(make_workbook, capsys):
    rows = example_residents("park")
    good = rows[4][CODE]
    rows[1][CODE] = _slip(rows[1][CODE])                       # row 7
    rows[3][CODE] = "520102000123456"                         # row 9: the old 注册号
    rows[4][CODE] = " " + good[:8].lower() + " " + good[8:].replace("0", "O")   # as typed, still the code
    rows[6][CODE] = rows[6][CODE][:-1]                         # row 12: a character short
    path = make_workbook("park", residents=rows)
    got = _check(path, capsys)
    said = [f for f in got["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(said) == 1, got["findings"]
    (f,) = said
    assert f["severity"] == "warning" and (f["sheet"], f["cell"]) == ("入驻企业名单", "K7"), f
    assert "第7、9、12行" in f["message"] and "3家企业的统一社会信用代码有误" in f["message"], f["message"]
    assert "校验位错误" in f["message"] and "应为18位，现为15位" in f["message"], f["message"]
    assert "第10行" not in f["message"], f["message"]
    assert got["eligible"] is True                              # a warning: the park's verdict stands
    ws = load_workbook(path)["入驻企业名单"]
    values = [[c.value for c in row] for row in ws["A5:K35"]]
    assert dict(map(tuple, U.residents(values)))["数据有误（处）"] == 1


def test_a_list_of_valid_codes_says_nothing_of_them(make_workbook, capsys):
    got = _check(make_workbook("park"), capsys)
    assert not [f for f in got["findings"] if f["code"].startswith("XC_")], got["findings"]


def test_all_valid_agrees_with_parse_code_by_code():
    codes = [r[CODE] for r in example_residents("park", 300)]
    assert all_valid(codes)
    for wrong in (_slip(codes[5]), codes[5][:-1], "0" + codes[5][1:], codes[5][:4] + "X" + codes[5][5:],
                  codes[5][:10] + "贵" + codes[5][11:], codes[5][:10] + "O" + codes[5][11:]):
        assert not parse(wrong).ok, wrong
        assert not all_valid([*codes[:5], wrong, *codes[6:]]), wrong
    assert all_valid([]) and all_valid(["N2520100MA6DKQ8X1T", "91520102MA6DKQ8X18"])
