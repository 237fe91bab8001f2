"""A resident of a park's or base's 入驻企业名单 (附件3) whose 统一社会信用代码 the clerk typed into the 企业名称 cell,
as lists copied from a 企查查/天眼查 page or a WeChat message carry it ("贵州甲公司（91520102…）", "贵州甲公司 91520102…"):
the code is the company's, the name the rest. The same company given by name, or by its code in the code column, in
the same list is a repeat (XC_RESIDENT_DUP, one company), and in another park's list XC_CROSS_APP."""
from __future__ import annotations

import json

import pytest

from shibai_xl.engine.parse.uscc import named_code
from shibai_xl.examples import example_residents
from shibai_xl.faces import udf_functions as U
from shibai_xl.faces.cli import main
from tests.test_refresh import rows

NAME, CODE = "企业名称", "统一社会信用代码"


def _check(path, capsys) -> dict:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("typed", ["{name}（{code}）", "{name} {code}", "{name}(统一社会信用代码：{code})",
                                   "{name}，{code}", "{code} {name}", "{name}\n{code}", "{name}\n（{code}）"])
def test_a_name_carrying_its_code_is_the_name_and_the_code(typed):
    name, code = "贵州黔货出山供应链管理有限公司", example_residents("park")[0][CODE]
    assert named_code(typed.format(name=name, code=code)) == (name, code)


@pytest.mark.parametrize("typed", ["贵州黔货出山供应链管理有限公司", "贵州1234567890ABCDEFGH有限公司（旧）",
                                   "贵州黔货出山有限公司（91520102MA6DKQ8X19）"])   # no code, or no valid one
def test_a_name_without_a_valid_code_stays_as_typed(typed):
    assert named_code(typed) == (typed, "")


def test_a_company_typed_twice_once_with_its_code_in_the_name_is_one_company(make_workbook, capsys):
    rows_ = example_residents("park")          # 12 companies, as the form declares
    first = rows_[2]
    rows_.append({**first, "序号": 13, NAME: f"{first[NAME]}（{first[CODE]}）", CODE: None})
    path = make_workbook("park", residents=rows_)
    got = _check(path, capsys)
    said = {f["code"]: f["message"] for f in got["findings"] if f["code"].startswith("XC_")}
    assert "XC_RESIDENT_COUNT" not in said and "XC_RESIDENT_RETAIL" not in said, said
    assert "XC_RESIDENT_DUP" in said and f"“{first[NAME]}”在名单中出现2次" in said["XC_RESIDENT_DUP"], said
    from openpyxl import load_workbook
    ws = load_workbook(path)["入驻企业名单"]
    summed = dict(map(tuple, U.residents([[c.value for c in row] for row in ws["A5:K35"]])))
    assert summed["家数"] == 12, summed


@pytest.mark.parametrize("other", ["by-name", "by-code"])
def test_a_resident_one_list_gives_with_its_code_in_the_name_is_found_in_another_list(tmp_path, make_workbook,
                                                                                      capsys, other):
    folder = tmp_path / "申报表"
    folder.mkdir()
    park, base = example_residents("park"), example_residents("base")
    shared = {**park[2], NAME: "贵州黔货出山供应链管理有限公司"}
    park[2] = {**shared, NAME: f"{shared[NAME]}（{shared[CODE]}）", CODE: None}   # pasted from a 企查查 page
    if other == "by-name":
        base[5] = {**base[5], NAME: shared[NAME], CODE: None}
    else:      # the code, and the name as the base's clerk spells it
        base[5] = {**base[5], NAME: "黔货出山供应链管理有限公司", CODE: shared[CODE]}
    assert_listed_in_both(folder, make_workbook, park, base)


def assert_listed_in_both(folder, make_workbook, park: list[dict], base: list[dict]) -> None:
    """A park and a base with these resident lists, refreshed: each row's 问题 names the other (XC_CROSS_APP)."""
    make_workbook("park", residents=park).rename(folder / "园区.xlsx")
    make_workbook("base", residents=base).rename(folder / "基地.xlsx")
    summary = folder.parent / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    problems = {r["来源文件"]: r["问题"] or "" for r in rows(summary)}
    assert "XC_CROSS_APP" in problems["园区.xlsx"] and "基地.xlsx" in problems["园区.xlsx"], problems
    assert "XC_CROSS_APP" in problems["基地.xlsx"] and "园区.xlsx" in problems["基地.xlsx"], problems
