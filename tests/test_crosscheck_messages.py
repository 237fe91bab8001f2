"""How the cross-checks' XC_CROSS_APP reads to a clerk: a resident company two parks'/bases' 入驻企业名单 (附件3)
give is named by its name (a bare 18-character code tells a person nothing), the other application by its file
and applicant, and the message says what to do — in ``check FOLDER`` and in the summary's 问题 column alike."""
from __future__ import annotations

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.test_refresh import rows

CODE = "统一社会信用代码"
PARK, BASE = "贵阳黔货出山电子商务产业园", "遵义红色之旅直播电商基地"   # the example park's and base's 企业名称


def _folder(tmp_path, make_workbook):
    """A park and a base whose lists share two companies by their codes, as clerks copy lists from each other: one
    with the name as the park typed it, one whose name the base's clerk typed otherwise."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    park, base = example_residents("park"), example_residents("base")
    base[3] = {**park[2], "序号": 4}
    base[4] = {**park[7], "序号": 5, "企业名称": "贵州赵氏白酒电商有限公司"}
    make_workbook("park", residents=park).rename(folder / "黔南园区.xlsx")
    make_workbook("base", residents=base).rename(folder / "遵义基地.xlsx")
    return folder, park[2], park[7]


def test_a_resident_two_lists_share_is_named_with_the_other_application_and_what_to_do(tmp_path, make_workbook,
                                                                                        capsys):
    folder, shared, other = _folder(tmp_path, make_workbook)
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    said = {line.split("：")[1]: line for line in capsys.readouterr().err.splitlines() if line.startswith("重复申报：")}
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    cells = {r["来源文件"]: r["问题"] or "" for r in rows(summary)}
    for message in (*said.values(), *cells.values()):
        part = next(p for p in message.split("；") if "XC_CROSS_APP" in p or "同时出现" in p)
        assert f"“{shared['企业名称']}”（{CODE}{shared[CODE]}）" in part, part
        assert "核实" in part and "重复列入" in part, part
    park_said = said["黔南园区.xlsx"] + cells["黔南园区.xlsx"]
    base_said = said["遵义基地.xlsx"] + cells["遵义基地.xlsx"]
    assert f"遵义基地.xlsx（{BASE}）" in park_said and f"黔南园区.xlsx（{PARK}）" in base_said, (park_said, base_said)
    # each list's own spelling: the row the clerk finds in that file
    assert f"“{other['企业名称']}”（{CODE}{other[CODE]}）" in park_said, park_said
    assert f"“贵州赵氏白酒电商有限公司”（{CODE}{other[CODE]}）" in base_said, base_said


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
