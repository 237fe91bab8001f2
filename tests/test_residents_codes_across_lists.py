"""One resident company in two parks' or bases' 入驻企业名单 (附件3) of one folder, its 统一社会信用代码 mistyped in
one of them, as clerks copy the lists: ``check FOLDER`` and ``refresh`` say XC_CROSS_APP on both applications
(README 第3步: 两边都有代码而代码不同则是两家企业 — a code failing GB 32100's check digit is no code of any company)."""
from __future__ import annotations

from shibai_xl.engine.parse.uscc import check_digit
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.engine.test_crosschecks import listing_park
from tests.test_refresh import rows

CODE = "统一社会信用代码"


def _mistyped(code: str) -> str:
    """The code with its last character (the check digit) mistyped: no valid code."""
    wrong = "1" if check_digit(code[:17]) != "1" else "2"
    return code[:17] + wrong


def _said(capsys, folder) -> dict[str, str]:
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    err = capsys.readouterr().err
    return {line.split("：")[1]: line for line in err.splitlines() if line.startswith("重复申报：")}


def _folder(tmp_path, make_workbook, both_valid: bool = False):
    folder = tmp_path / "申报表"
    folder.mkdir()
    park, base = example_residents("park"), example_residents("base")   # alike names, other codes: other companies
    park[2] = shared = {**park[2], "企业名称": "贵州黔货出山供应链管理有限公司"}
    # the base's clerk typed the park's company again, its name as registered, its code with a slip
    base[5] = {**base[5], "企业名称": shared["企业名称"], CODE: _mistyped(shared[CODE])}
    if both_valid:   # two valid codes: two companies of one name, as README says
        body = shared[CODE][:8] + "MAXYW0001"
        base[5][CODE] = body + check_digit(body)
    make_workbook("park", residents=park).rename(folder / "园区.xlsx")
    make_workbook("base", residents=base).rename(folder / "基地.xlsx")
    make_workbook("enterprise").rename(folder / "企业.xlsx")
    return folder, shared


def test_a_resident_whose_code_one_list_mistyped_is_said_in_both_applications(tmp_path, make_workbook, capsys):
    folder, shared = _folder(tmp_path, make_workbook)
    said = _said(capsys, folder)
    assert set(said) == {"园区.xlsx", "基地.xlsx"}, said
    assert "基地.xlsx" in said["园区.xlsx"] and "园区.xlsx" in said["基地.xlsx"], said
    assert "校验位错误" in said["基地.xlsx"] and shared[CODE] in said["基地.xlsx"], said
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    problems = {r["来源文件"]: r["问题"] or "" for r in rows(summary)}
    assert "XC_CROSS_APP" in problems["园区.xlsx"] and "基地.xlsx" in problems["园区.xlsx"], problems
    assert "XC_CROSS_APP" in problems["基地.xlsx"] and "园区.xlsx" in problems["基地.xlsx"], problems
    assert "XC_CROSS_APP" not in problems["企业.xlsx"], problems


def test_two_valid_codes_under_one_name_stay_two_companies(tmp_path, make_workbook, capsys):
    folder, _shared = _folder(tmp_path, make_workbook, both_valid=True)
    assert _said(capsys, folder) == {}


def test_a_company_two_lists_code_rightly_a_third_wrongly_and_a_fourth_names_is_said_once_in_each():
    """Parks 1 and 2 give the company with its code, park 3 with a slip in the check digit, park 4 by its name only:
    each coded park's XC_CROSS_APP names it once (not once by its code and again by its name) and all four files."""
    from shibai_xl.engine.parse.text import company_key
    from shibai_xl.engine.summary import cross_application

    name, code = "贵州黔东农业科技有限公司", "91520102MA0000000J"
    key = company_key(name)

    park = listing_park

    records = [park("园区1.xlsx", [code, "91520102MA0000001M"], [key, company_key("贵州别家有限公司")]),
               park("园区2.xlsx", [code], [key]), park("园区3.xlsx", [_mistyped(code)], [key]),
               park("园区4.xlsx", ["名称:" + key], [])]
    said = {f: [x.message for x in found] for f, found in cross_application(records).items()}
    assert set(said) == {f"园区{i}.xlsx" for i in range(1, 5)}, said
    for i in (1, 2, 3):
        (message,) = said[f"园区{i}.xlsx"]
        assert message.count(code) == 1 and message.count(_mistyped(code)) == 2, message   # once, the slip said
        assert "校验位错误" in message and key not in message, message
        assert all(f"园区{j}.xlsx" in message for j in range(1, 5) if j != i), message
    assert said["园区4.xlsx"] == [f"同一企业出现在多份申报中：入驻企业{key}同时出现在其他园区/基地的入驻企业名单中"
                                 "（园区1.xlsx、园区2.xlsx、园区3.xlsx）"]


def test_the_refresh_terminal_names_the_parks_whose_lists_share_a_company(tmp_path, make_workbook, capsys):
    """README 第3步: a resident two parks'/bases' lists give is XC_CROSS_APP in both rows' 问题 and 终端逐家列出. The
    refresh said nothing of it on the terminal (only of companies applying twice): the clerk, reading the terminal,
    saw a clean refresh."""
    folder, shared = _folder(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if "入驻企业名单" in x), "")
    assert "XC_CROSS_APP" in line and "园区.xlsx" in line and "基地.xlsx" in line, out
    assert "企业.xlsx（" not in line, line


def test_a_resident_whose_code_one_list_mistyped_is_named_once(tmp_path, make_workbook, capsys):
    """The company of a mistyped code is named, as one whose code both lists give alike is (贵州某某有限公司（9152…）):
    check FOLDER and the refresh said only its two codes, and the clerk had to search both lists for them."""
    folder, shared = _folder(tmp_path, make_workbook)
    said = _said(capsys, folder)
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    problems = {r["来源文件"]: r["问题"] or "" for r in rows(summary)}
    named = f"入驻企业{shared['企业名称']}（统一社会信用代码{shared[CODE]}、{_mistyped(shared[CODE])}：名称相同，"
    for text in (*said.values(), problems["园区.xlsx"], problems["基地.xlsx"]):
        assert named in text, text
        assert text.count(shared["企业名称"]) == 1 and text.count(shared[CODE]) == 1, text


def test_the_company_of_a_mistyped_code_is_asked_by_its_valid_code_of_the_lists_giving_it():
    """Parks 1 and 2 give the company's code, park 3 a slip: its name is asked once, by the valid code, of parks 1
    and 2 only (park 3's list does not give that code), and each coded park's finding names it once."""
    from shibai_xl.engine.parse.text import company_key
    from shibai_xl.engine.summary import cross_application

    name, code = "贵州黔东农业科技有限公司", "91520102MA0000000J"
    key = company_key(name)
    asked: list[dict[str, list[str]]] = []

    def names(wanted):
        asked.append(wanted)
        return {c: name for said in wanted.values() for c in said if c == code}

    records = [listing_park("园区1.xlsx", [code], [key]), listing_park("园区2.xlsx", [code], [key]),
               listing_park("园区3.xlsx", [_mistyped(code)], [key])]
    said = {f: [x.message for x in found] for f, found in cross_application(records, names=names).items()}
    assert asked == [{"园区1.xlsx": [code], "园区2.xlsx": [code]}], asked
    for i in (1, 2, 3):
        (message,) = said[f"园区{i}.xlsx"]
        assert f"入驻企业{name}（统一社会信用代码{code}、{_mistyped(code)}：名称相同，" in message, message
        assert message.count(name) == 1 and message.count(code) == 1, message
