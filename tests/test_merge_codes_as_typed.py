"""统一社会信用代码 as city clerks type them in a 项目汇总表 (附件4 has no code column; a city adds one): with dashes
or spaces, full-width digits, lower case, the letter O for the digit 0, a label ("代码：") before it, a trailing
space. The merge reads a code the one way every reader does (engine.parse.uscc.key): one project two cities report
is one project (XC_CROSS_APP), and one code on rows naming different companies is said, never two projects made
one silently."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main

from .test_merge_counts_a_project_once import ZUNYI_CODE, _city, _figures

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _rows(path):
    ws = load_workbook(path)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=4, values_only=True) if r[3]]


def test_a_code_typed_with_dashes_lower_case_and_an_o_for_zero_is_the_same_project(tmp_path, capsys):
    typed = "代码：" + ZUNYI_CODE[:4].translate(FULL_WIDTH) + "-" + ZUNYI_CODE[4:8].replace("0", "O") + " " \
        + ZUNYI_CODE[8:].lower() + " "
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义红色之旅直播电商基地", "基地", 8000, ZUNYI_CODE),
                                                      ("遵义甲公司", "企业", 2000, "")])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("遵义红色之旅直播电商基地", "示范直播基地", 8000, typed),
                                                      ("安顺乙公司", "企业", 3000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    assert "全省汇总表有效项目 3 项，年度交易额合计 13000 万元" in capsys.readouterr().out
    assert _figures(out)[("全省合计", None)] == (3, 13000, 6500)
    rows = [r for r in _rows(out) if "红色" in r["企业名称"]]
    assert len(rows) == 2 and all("XC_CROSS_APP" in r["问题"] for r in rows)
    assert {r["统一社会信用代码"] for r in rows} == {ZUNYI_CODE}


def test_one_code_on_rows_naming_different_companies_is_said_not_merged_silently(tmp_path, capsys):
    """安顺市 copied 遵义市's code onto a project of its own: the province counts the rows once by their code — and
    says on each row and in the terminal that the names differ, for the cities to check the code."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义红色之旅直播电商基地", "基地", 8000, ZUNYI_CODE)])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("安顺黄果树直播基地", "基地", 6000, ZUNYI_CODE.lower())])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    printed = capsys.readouterr().out
    assert "企业名称不同" in printed and "安顺黄果树直播基地" in printed and ZUNYI_CODE in printed
    for row in _rows(out):
        assert "企业名称不同" in row["问题"] and "“安顺黄果树直播基地”" in row["问题"] and "请核对代码" in row["问题"]
    # merged again: the same notes, not repeated
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    assert all(r["问题"].count("企业名称不同") == 1 for r in _rows(out))


def test_a_name_written_short_under_one_code_is_no_clash(tmp_path, capsys):
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义红色之旅直播电商基地有限公司", "基地", 8000, ZUNYI_CODE)])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("遵义红色之旅直播电商基地", "基地", 8000, ZUNYI_CODE)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    assert "企业名称不同" not in capsys.readouterr().out
    assert not any("企业名称不同" in r["问题"] for r in _rows(out))


def test_a_park_and_its_operator_company_under_one_code_are_no_clash(tmp_path, capsys):
    """A park applies under its operator's code, and the operator applies as 企业 too: two projects, named apart as
    they should be — no "请核对代码"."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义红色电商产业园", "园区", 40000, ZUNYI_CODE),
                                                      ("遵义红色商贸有限公司", "企业", 2000, ZUNYI_CODE)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert "企业名称不同" not in capsys.readouterr().out
    assert _figures(out)[("全省合计", None)] == (2, 42000, 21000)
    assert not any("企业名称不同" in (r["问题"] or "") for r in _rows(out))


@pytest.mark.parametrize("typed", ["无", "/", "暂无", "待补"])
def test_a_code_cell_saying_there_is_none_makes_no_two_companies_one(tmp_path, capsys, typed):
    """A city wrote “无” (or “/”, “暂无”, “待补”) in the code column of companies it had no code for: every such row
    was one project by that “code” — three companies of two cities counted as one, 2000 万元 for 9000."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, typed),
                                                      ("遵义乙公司", "企业", 3000, typed)])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("安顺丙公司", "企业", 4000, typed)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    assert "全省汇总表有效项目 3 项，年度交易额合计 9000 万元" in capsys.readouterr().out
    assert not any("XC_CROSS_APP" in (r["问题"] or "") for r in _rows(out))


def test_review_make_takes_companies_whose_code_cell_says_there_is_none_as_several(rules):
    from shibai_xl.engine.review import select_projects

    rows = [{"企业名称": name, "项目类型": "企业", "前置条件": "达标", "市（州）": "遵义市", "统一社会信用代码": "无"}
            for name in ("遵义甲公司", "遵义乙公司")]
    projects, skipped = select_projects(rows, rules)
    assert [p.name for p in projects] == ["遵义甲公司", "遵义乙公司"] and not skipped


# two companies' all-digit codes a General cell made numbers of: both 9.15201001234568E+17, their last digits lost
ROUNDED = (915201001234567891, 915201001234567812)


def test_codes_excel_made_numbers_of_match_no_two_companies_and_are_said(tmp_path, capsys):
    """A city typed all-digit codes into General cells: Excel kept 15 digits of each (9.15201001234568E+17), so two
    companies' codes read alike and the merge took them for one code on rows naming different companies. A number
    is no code: the rows are two projects, each row's 问题 saying that Excel made a number of it and lost its last
    digits."""
    for row in _two_projects_said(tmp_path, capsys, ROUNDED[0], float(ROUNDED[1])):
        assert "FIELD_USCC" in row["问题"]


def test_codes_excel_rounded_then_copied_as_text_match_no_two_companies_and_are_said(tmp_path, capsys):
    """The same codes copied out of the General cells as text ("915201001234568000": 15 digits, then 0s): the merge
    took them for one code (XC_CROSS_APP, 企业名称不同) and said only that the check digit is wrong. They are what the
    numbers are: two projects, each row's 问题 saying that Excel made a number of its code."""
    _two_projects_said(tmp_path, capsys, "915201001234568000", "915201001234568000")


def _two_projects_said(tmp_path, capsys, zunyi_code, anshun_code) -> list[dict]:
    """The province rows of two cities' companies whose codes Excel rounded alike: two projects, not one, each row
    saying that Excel made a number of its code and lost its last digits."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, zunyi_code)])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("安顺乙公司", "企业", 3000, anshun_code)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    printed = capsys.readouterr().out
    assert "全省汇总表有效项目 2 项，年度交易额合计 5000 万元" in printed and "企业名称不同" not in printed
    rows = _rows(out)
    assert len(rows) == 2
    for row in rows:
        assert "XC_CROSS_APP" not in row["问题"] and "企业名称不同" not in row["问题"]
        assert "存成了数字" in row["问题"] and "最后几位已经丢失" in row["问题"], row["问题"]
    return rows


def test_review_make_takes_companies_whose_codes_excel_made_numbers_of_as_several(rules):
    from shibai_xl.engine.review import select_projects

    rows = [{"企业名称": name, "项目类型": "企业", "前置条件": "达标", "市（州）": "遵义市", "统一社会信用代码": code}
            for name, code in (("遵义甲公司", ROUNDED[0]), ("遵义乙公司", 9.15201001234568e17),
                               ("遵义丙公司", "9.15201E+17"), ("遵义丁公司", "915201001234568000"),
                               ("遵义戊公司", "915201001234568000"))]
    projects, skipped = select_projects(rows, rules)
    assert [p.name for p in projects] == ["遵义甲公司", "遵义乙公司", "遵义丙公司", "遵义丁公司", "遵义戊公司"] and not skipped


def test_review_make_from_a_summary_holding_codes_excel_made_numbers_of_says_so(tmp_path, capsys):
    """Two companies whose codes a General cell rounded alike: both reviewed (not one taken for the other's
    repeat), and the report says the codes are numbers with their last digits lost. (The province's merge leaves
    the column blank for such a code, its 问题 quoting it: here the province's clerk pasted the codes in.)"""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 3000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    wb = load_workbook(out)
    ws = wb["项目汇总表"]
    col = next(c.column for c in ws[3] if c.value == "统一社会信用代码")
    for r, code in zip((4, 5), ROUNDED):
        ws.cell(r, col).value = float(code)
    wb.save(out)
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "评审"), "--from", str(out), "--experts", "甲,乙"]) == 0
    said = capsys.readouterr().out
    assert "评审项目 2 个" in said and "2 个项目的统一社会信用代码是数字而不是文本" in said, said


@pytest.mark.parametrize("note", ["（已变更）", " (原代码：52520303MA6H3B2K7X)", "（备注"])
def test_a_code_typed_with_a_note_in_brackets_is_the_same_project(tmp_path, capsys, note):
    """安顺市 typed the code with a note after it ("…（已变更）"): the note became part of the code, so the project both
    cities report was two projects, counted twice (no XC_CROSS_APP). The code is read without its note."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义红色之旅直播电商基地", "基地", 8000, ZUNYI_CODE)])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("遵义红色之旅直播电商基地有限公司", "基地", 8000,
                                                          ZUNYI_CODE + note)])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(anshun), str(zunyi)]) == 0
    assert "全省汇总表有效项目 1 项，年度交易额合计 8000 万元" in capsys.readouterr().out
    rows = _rows(out)
    assert all("XC_CROSS_APP" in r["问题"] for r in rows) and {r["统一社会信用代码"] for r in rows} == {ZUNYI_CODE}
    assert note.strip()[:3] in next(r["问题"] for r in rows if r["市（州）"] == "安顺市")   # the city's note kept


def test_review_make_takes_a_code_with_a_note_as_the_code(rules):
    from shibai_xl.engine.review import select_projects

    rows = [{"企业名称": name, "项目类型": "基地", "前置条件": "达标", "市（州）": city, "统一社会信用代码": code}
            for name, city, code in (("遵义红色之旅直播电商基地", "遵义市", ZUNYI_CODE),
                                     ("遵义红色之旅直播电商基地有限公司", "安顺市", ZUNYI_CODE + "（已变更）"))]
    projects, skipped = select_projects(rows, rules)
    assert [p.name for p in projects] == ["遵义红色之旅直播电商基地"] and len(skipped) == 1
