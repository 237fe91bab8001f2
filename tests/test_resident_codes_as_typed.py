"""A resident's 统一社会信用代码 as clerks type it into 附件3 — the letter O for the digit 0 (I for 1), a dash or the
apostrophe of a text cell, lower case — is the same code: one company within a list (XC_RESIDENT_DUP) and across two
parks'/bases' lists (XC_CROSS_APP), as the applicant's own code is read (parse.uscc.compact, GB 32100 letters)."""
from __future__ import annotations

import pytest

from shibai_xl.engine.application import RESIDENT_USCC, ResidentRow
from shibai_xl.engine.residents import NAME, STAFF, TRADE, totals
from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.faces.cli import main
from tests.conftest import example

CODE = "91520102MA6DKQ8X18"


@pytest.mark.parametrize("typed", ["9152O1O2MA6DKQ8X18", "9152o1o2ma6dkq8x18", "915201-02MA6DKQ8X18",
                                   "'91520102MA6DKQ8X18", "９１５２０１０２ＭＡ６ＤＫＱ８Ｘ１８", "91520102MA6DKQ8XI8"])
def test_a_code_typed_with_lookalike_letters_dashes_or_an_apostrophe_is_the_same_company(typed):
    rows = [ResidentRow({NAME: "贵州黔货电子商务有限公司", RESIDENT_USCC: CODE, STAFF: 5, TRADE: 100.0}, "名单", 4),
            ResidentRow({NAME: "黔货电商", RESIDENT_USCC: typed, STAFF: 5, TRADE: 100.0}, "名单", 5)]
    t, findings = totals(rows)
    assert (t.companies, t.listed, t.trade, t.keys) == (1, 2, 100, [CODE, CODE])
    assert [f.code for f in findings] == ["XC_RESIDENT_DUP"]


def test_a_code_that_is_no_lookalike_typo_is_kept_as_typed():
    # O where the digit 0 still fails the check digit: not this code, kept as typed (two companies)
    rows = [ResidentRow({NAME: "甲公司", RESIDENT_USCC: CODE}, "名单", 4),
            ResidentRow({NAME: "乙公司", RESIDENT_USCC: "9152O1O2MA6DKQ8X19"}, "名单", 5)]
    t, findings = totals(rows)
    assert (t.companies, t.keys) == (2, [CODE, "9152O1O2MA6DKQ8X19"])
    # no repeat; the code that is none is said (XC_RESIDENT_ROW), as a code with a wrong check digit is
    assert [(f.code, f.cell) for f in findings] == [("XC_RESIDENT_ROW", None)] and "第5行" in findings[0].message


def test_a_company_in_two_parks_lists_with_o_for_0_in_one_code_is_found_by_check_folder(tmp_path, make_workbook,
                                                                                         capsys):
    a = example_residents("park")
    b = example_residents("park", seed=9)
    for i, r in enumerate(b):
        r["企业名称"] = r["企业名称"].replace("电子商务", "电商")
        r["统一社会信用代码"] = r["统一社会信用代码"][:-3] + f"X{i:02d}"
    b[0] = dict(b[0], **{NAME: a[0][NAME], RESIDENT_USCC: a[0][RESIDENT_USCC].replace("0", "O")})
    assert b[0][RESIDENT_USCC] != a[0][RESIDENT_USCC] and "O" in b[0][RESIDENT_USCC]
    make_workbook("park", example("park", sb_name="甲园区运营公司"), residents=a, name="甲.xlsx")
    other_park = example("park", sb_name="乙园区运营公司", sb_uscc=make_uscc("520102", "MA6DKQ8Y1"))
    make_workbook("park", other_park, residents=b, name="乙.xlsx")
    capsys.readouterr()
    assert main(["check", str(tmp_path), "--json"]) == 0
    said = capsys.readouterr().err     # check FOLDER says XC_CROSS_APP after the files' own objects
    for file, other in (("甲.xlsx", "乙.xlsx"), ("乙.xlsx", "甲.xlsx")):
        line = next((x for x in said.splitlines() if x.startswith(f"重复申报：{file}：")), "")
        assert other in line and a[0][RESIDENT_USCC] in line, said


@pytest.mark.parametrize("typed", ["无", "/", "—", "暂无", "不涉及", "－", "暂无代码", "无代码", "未办理", "个体户", "N/A", "NA",
                                   "待补充"])
def test_a_code_cell_saying_none_is_no_code_and_no_repeat(typed):
    # 个体户 and companies whose clerk did not have the code: “无” in each, three companies, no “代码无出现3次”
    rows = [ResidentRow({NAME: f"贵州{i}号电商有限公司", RESIDENT_USCC: typed, STAFF: 5, TRADE: 10.0}, "名单", i + 4)
            for i in range(3)]
    t, findings = totals(rows)
    assert (t.companies, t.trade) == (3, 30) and not findings, [f.message for f in findings]
    assert t.keys == [f"名称:贵州{i}号电商有限公司" for i in range(3)]


@pytest.mark.parametrize("typed", ["915201001234568000", "9152 0100 1234 5680 00", 915201001234567891, "9.15201E+17"])
def test_a_code_excel_made_a_number_of_is_no_repeat_and_is_said(typed):
    """Two companies' all-digit codes a General cell rounded to 15 digits (a number, its scientific form or the number
    copied out as text, “915201001234568000”: the last digits 0, the check digit wrong): the text ones read alike, and
    the list counted the two companies as one (XC_RESIDENT_DUP); none was said. Such a code is no code: each row is
    its own company, by its name, and one warning names the rows whose code Excel made a number of."""
    rows = [ResidentRow({NAME: name, RESIDENT_USCC: typed, STAFF: 5, TRADE: 10.0}, "名单", i + 4)
            for i, name in enumerate(("甲公司", "乙公司"))]
    t, findings = totals(rows)
    assert (t.companies, t.trade, t.keys) == (2, 20, ["名称:甲公司", "名称:乙公司"])
    assert [f.code for f in findings] == ["XC_RESIDENT_ROW"], findings
    said = findings[0].message
    assert "2家企业的统一社会信用代码是数字而不是文本" in said and "第4、5行" in said and "未按代码判断" in said, said
