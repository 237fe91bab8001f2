"""One company in two applications of a folder (CONTRACT §5 XC_CROSS_APP), as the files really arrive: its
统一社会信用代码 typed differently in each, its name spelled differently. ``check FOLDER`` and ``refresh`` say it
on both applications, each naming the other; different companies are never paired."""
from __future__ import annotations

import re

from shibai_xl.engine.findings import CODES, Severity
from shibai_xl.engine.parse.text import normalize
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


CODED = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+ ")


def _parts(cell: object) -> list[str]:
    return [p for p in str(cell or "").split("；") if p]


def test_the_problem_cell_gives_each_finding_its_code_once_in_its_place_with_its_detail(tmp_path, make_workbook):
    """CONTRACT §3: 问题 holds the finding codes, each followed by its short message. The refresh put the
    XC_CROSS_APP detail first, without its code (“同一企业出现在多份申报中：…（甲团队.xlsx…）”), and the code again
    later, bare (“XC_CROSS_APP 重复申报”): a program reading "CODE message；CODE message" took the detail for no
    finding. The part is now “XC_CROSS_APP 重复申报：<detail>” where its code sorts, the form the province merge uses;
    the notes without a code (which version was summarised) follow the coded parts. Merged into the province, the
    city's XC_CROSS_APP part stays on its row, once."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    first = example("enterprise")
    make_workbook("enterprise").rename(folder / "甲企业.xlsx")
    make_workbook("team", example("team", sb_uscc=first["sb_uscc"], sb_name="山珍优品直播团队")).rename(folder / "甲团队.xlsx")
    make_workbook("team").rename(folder / "乙团队.xlsx")
    make_workbook("team", example("team", sb_fill_date="2024-04-20")).rename(folder / "乙团队(修改版).xlsx")
    summary = tmp_path / "黔南州汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) in (0, 1)
    problems = {r["来源文件"]: r["问题"] for r in rows(summary)}
    for file, other in (("甲企业.xlsx", "甲团队.xlsx"), ("甲团队.xlsx", "甲企业.xlsx")):
        parts = _parts(problems[file])
        cross = [p for p in parts if "XC_CROSS_APP" in p or "多份申报" in p]
        assert len(cross) == 1 and cross[0].startswith("XC_CROSS_APP 重复申报：“") and other in cross[0], parts
        coded = [p.split(" ")[0] for p in parts if CODED.match(p)]
        assert parts[:len(coded)] == [p for p in parts if CODED.match(p)], parts    # coded parts first, together
        assert coded == sorted(coded, key=lambda c: (Severity.rank(CODES[c].severity), c)), parts
    versions = _parts(problems["乙团队(修改版).xlsx"])
    assert any(p.startswith("2个版本：采用") and "未采用“乙团队.xlsx”" in p for p in versions), versions
    province = tmp_path / "全省汇总表.xlsx"
    for _ in range(2):
        assert main(["merge", str(province), str(summary)]) in (0, 1)
        said = {normalize(r["企业名称"]) + r["项目类型"]: _parts(r["问题"]) for r in rows(province)}
        row = said[normalize(first["sb_name"]) + "企业"]
        city = [p for p in row if p.startswith("XC_CROSS_APP 重复申报：“") and "在2份申报中出现" in p]
        assert len(city) == 1 and "甲团队.xlsx" in city[0], row
        assert all(CODED.match(p) for p in row), row
