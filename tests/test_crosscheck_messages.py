"""How the cross-checks read to a clerk: the companies of a list's repeated rows named with their codes, and what
to do said — in ``check FOLDER`` and in the summary's 问题 column alike."""
from __future__ import annotations

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.test_refresh import rows

CODE = "统一社会信用代码"
PARK, BASE = "贵阳黔货出山电子商务产业园", "遵义红色之旅直播电商基地"   # the example park's and base's 企业名称


def test_a_code_pasted_onto_another_companys_row_names_both_companies(tmp_path, make_workbook):
    """A clerk filling down the 统一社会信用代码 column gives row 11 the code of row 10: XC_RESIDENT_DUP said only the
    code and the rows — which two companies, and that their names differ (a code on the wrong row, most likely),
    was left to the reader."""
    from tests.acceptance.helpers import check_json

    park = example_residents("park")
    park[5] = {**park[5], CODE: park[4][CODE]}
    path = make_workbook("park", residents=park, name="园区.xlsx")
    rc, result, _err = check_json(path)
    assert rc == 0
    (dup,) = [f for f in result["findings"] if f["code"] == "XC_RESIDENT_DUP"]
    assert dup["severity"] == "warning" and dup["sheet"] == "入驻企业名单", dup
    message = dup["message"]
    assert f"第10行“{park[4]['企业名称']}”" in message and f"第11行“{park[5]['企业名称']}”" in message, message
    assert "企业名称不同" in message and "营业执照" in message, message


def test_a_company_applying_twice_is_said_with_what_to_do_in_the_problem_column(tmp_path, make_workbook):
    """One company as an enterprise and as a team: its rows' 问题 named the other file, but only the terminal (gone
    once the window closed) said what to do; the printed 附件4 left the clerk guessing whether it was allowed."""
    from tests.conftest import example

    folder = tmp_path / "申报表"
    folder.mkdir()
    make_workbook("enterprise").rename(folder / "企业.xlsx")
    make_workbook("team", example("team", sb_uscc=example("enterprise")["sb_uscc"])).rename(folder / "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    for r in rows(summary):
        part = next(p for p in r["问题"].split("；") if p.startswith("XC_CROSS_APP"))
        assert example("enterprise")["sb_name"] in part and "团队.xlsx" in part and "企业.xlsx" in part, part
        assert part.endswith("请核实是否重复申报"), part


def test_one_name_on_two_rows_with_two_codes_says_the_codes(tmp_path, make_workbook):
    """A base's clerk pasted a company from a park's list under its own row of that name: one name, two valid codes.
    XC_RESIDENT_DUP said the name was repeated and counted once, silent on the codes — which row's code is the
    company's was left for the clerk to find."""
    from tests.acceptance.helpers import check_json

    park, base = example_residents("park"), example_residents("base")
    base[3] = {**park[2], "序号": 4}          # the same name as base[2], the park's code for it
    path = make_workbook("base", residents=base, name="基地.xlsx")
    rc, result, _err = check_json(path)
    assert rc == 0
    (dup,) = [f for f in result["findings"] if f["code"] == "XC_RESIDENT_DUP"]
    message = dup["message"]
    assert f"“{base[2]['企业名称']}”在名单中出现2次" in message, message
    assert f"第8行{base[2][CODE]}" in message and f"第9行{park[2][CODE]}" in message, message
    assert "营业执照" in message, message
