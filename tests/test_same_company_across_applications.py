"""One company in two applications of a folder (CONTRACT §5 XC_CROSS_APP), as the files really arrive: its
统一社会信用代码 typed differently in each, its name spelled differently. ``check FOLDER`` and ``refresh`` say it
on both applications, each naming the other; different companies are never paired."""
from __future__ import annotations

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import rows


def _said(capsys, folder) -> dict[str, str]:
    """The 重复申报 lines ``check FOLDER --json`` writes on stderr, by file."""
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    err = capsys.readouterr().err
    return {line.split("：")[1]: line for line in err.splitlines() if line.startswith("重复申报：")}


def test_a_code_typed_with_the_letter_o_for_the_digit_0_is_still_the_same_company(tmp_path, make_workbook, capsys):
    """The company applied as an enterprise with its code, and (its clerk typing the code again) as a team with the
    letter O for the digit 0 (FIELD_USCC says so, and says the right code). The invalid code was dropped and the
    team matched by its name only, which differs: the pair was missed. The code it stands for, valid check digit
    and all, is the same company's."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    code = example("enterprise")["sb_uscc"]
    assert "0" in code
    make_workbook("enterprise").rename(folder / "企业.xlsx")
    make_workbook("team", example("team", sb_uscc=code.replace("0", "O"), sb_name="山珍优品直播团队")
                  ).rename(folder / "团队.xlsx")
    make_workbook("team", example("team", sb_name="另一家直播团队")).rename(folder / "其他.xlsx")
    said = _said(capsys, folder)
    assert set(said) == {"企业.xlsx", "团队.xlsx"}, said
    assert "团队.xlsx" in said["企业.xlsx"] and "企业.xlsx" in said["团队.xlsx"], said
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    problems = {r["来源文件"]: r["问题"] or "" for r in rows(summary)}
    assert "XC_CROSS_APP" in problems["企业.xlsx"] and "XC_CROSS_APP" in problems["团队.xlsx"], problems
    assert "XC_CROSS_APP" not in problems["其他.xlsx"], problems


def test_each_application_of_one_company_names_the_other_in_the_summary_and_the_terminal(tmp_path, make_workbook,
                                                                                           capsys):
    """Two companies each applying twice (as an enterprise and as a team), one team form under another name. The
    summary's 问题 column said “XC_CROSS_APP 重复申报” on all four rows and the refresh said nothing more: the clerk
    could not tell which row repeats which. Each row now names the other file (its type, and its name where it is
    spelled otherwise), and the terminal lists each company's applications; check FOLDER names the other name too."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    first, second = example("enterprise"), example("team")
    make_workbook("enterprise").rename(folder / "甲企业.xlsx")
    make_workbook("team", example("team", sb_uscc=first["sb_uscc"], sb_name="山珍优品直播团队")).rename(folder / "甲团队.xlsx")
    make_workbook("team").rename(folder / "乙团队.xlsx")
    make_workbook("enterprise", example("enterprise", sb_uscc=second["sb_uscc"], sb_name=second["sb_name"])
                  ).rename(folder / "乙企业.xlsx")
    said = _said(capsys, folder)
    assert "山珍优品直播团队" in said["甲企业.xlsx"] and first["sb_name"] in said["甲团队.xlsx"], said
    assert "统一社会信用代码相同" in said["甲企业.xlsx"], said
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    out = capsys.readouterr().out
    problems = {r["来源文件"]: r["问题"] or "" for r in rows(summary)}
    for file, other, stranger in (("甲企业.xlsx", "甲团队.xlsx", "乙"), ("甲团队.xlsx", "甲企业.xlsx", "乙"),
                                  ("乙企业.xlsx", "乙团队.xlsx", "甲"), ("乙团队.xlsx", "乙企业.xlsx", "甲")):
        assert "XC_CROSS_APP 重复申报" in problems[file] and other in problems[file], problems
        assert f"{stranger}企业.xlsx" not in problems[file] and f"{stranger}团队.xlsx" not in problems[file], problems
    line = next((x for x in out.splitlines() if "甲企业.xlsx" in x), "")
    assert "甲团队.xlsx" in line, out
    assert "2 家企业" in out, out


def test_a_park_s_operator_applying_as_an_enterprise_without_its_code_is_found(tmp_path, make_workbook, capsys):
    """The company that operates a park (the park's 申报主体, its code the park form's) also applies as an enterprise,
    its form without the code. The park's row is named after the park, so matching by name missed it; the park's
    运营机构 is that company."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    park = example("park")
    make_workbook("park").rename(folder / "园区.xlsx")
    make_workbook("enterprise", example("enterprise", sb_uscc=..., sb_name=park["sb_operator_name"] + " ")
                  ).rename(folder / "企业.xlsx")
    make_workbook("enterprise").rename(folder / "其他.xlsx")
    said = _said(capsys, folder)
    assert set(said) == {"园区.xlsx", "企业.xlsx"}, said
    assert "企业.xlsx" in said["园区.xlsx"] and "园区.xlsx" in said["企业.xlsx"], said
