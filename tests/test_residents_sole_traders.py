"""A 个体工商户 among a park's or base's residents (附件3): since 2022 its registered name ends in “（个体工商户）”, which a
list copied from 企查查 keeps and one typed from an older licence leaves out, and its 92… code is often not typed at
all. “张三食品店（个体工商户）” and “张三食品店” are one resident: once in a list (XC_RESIDENT_DUP, counted once), and
in two parks' lists XC_CROSS_APP — both were taken for two businesses."""
from __future__ import annotations

import json

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.test_residents_names_with_codes import assert_listed_in_both

NAME, CODE = "企业名称", "统一社会信用代码"
SHOP = "贵阳市云岩区张三食品店"


def test_a_sole_trader_typed_with_and_without_its_form_is_one_resident_of_a_list(make_workbook, capsys):
    residents = example_residents("park")
    residents[2] = {**residents[2], NAME: f"{SHOP}（个体工商户）", CODE: None}
    residents.append({**residents[2], "序号": 13, NAME: SHOP})
    path = make_workbook("park", residents=residents)
    capsys.readouterr()
    main(["check", str(path), "--json"])
    said = {f["code"]: f["message"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "XC_RESIDENT_COUNT" not in said, said          # 12 家, as the form declares
    assert "XC_RESIDENT_DUP" in said and "出现2次" in said["XC_RESIDENT_DUP"], said


def test_a_sole_trader_in_two_parks_lists_is_said_in_both(tmp_path, make_workbook):
    folder = tmp_path / "申报表"
    folder.mkdir()
    park, base = example_residents("park"), example_residents("base")
    park[2] = {**park[2], NAME: f"{SHOP}（个体工商户）", CODE: None}
    base[5] = {**base[5], NAME: SHOP, CODE: "无"}
    assert_listed_in_both(folder, make_workbook, park, base)
