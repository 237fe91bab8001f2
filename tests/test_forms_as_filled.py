"""Enterprise and team forms filled the way applicants fill the paper form (附件2), checked with ``shibai check``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from shibai_xl.faces.cli import main
from tests.conftest import example


def run_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def item(j: dict, item_id: str) -> dict:
    return next(i for i in j["score"]["items"] if i["id"] == item_id)


@pytest.mark.parametrize("typed,answer", [("☑是 □否", "是"), ("■是□否", "是"), ("是☑ 否□", "是"), ("√是 □否", "是"),
                                          ("□是 ☑否", "否"), ("□ 是 ■ 否", "否")])
def test_the_forms_tick_boxes_are_read(make_workbook, capsys, typed, answer):
    # 附件2 prints "□ 是 □ 否": a person ticks one box of the two
    path = make_workbook("enterprise", example("enterprise", sb_logistics_coop=typed))
    j = run_json(path, capsys)
    assert not [f for f in j["findings"] if f["cell"] == "C19"], j["findings"]
    assert item(j, "1.1.2")["auto"] == (15 if answer == "是" else 0)


@pytest.mark.parametrize("typed,answer", [("是 ✓", "是"), ("是■", "是"), ("✔ 是", "是"), ("否 ✓", "否"), ("●否", "否"),
                                          ("是√ 否", "是"), ("√是  否", "是"), ("是 否√", "否"), ("是 ✔否", "否")])
def test_one_tick_typed_beside_the_answer_without_boxes_is_that_answer(make_workbook, capsys, typed, answer):
    """Without the printed boxes people put the tick right after or before the word they choose, "是■", "是 ✓", or
    write both words and tick one, "是√ 否": "是√" was read but "是 ✓", "是■" and "是√ 否" were FIELD_CHOICE errors
    and 0 points. One tick beside one of the two words (a space telling which when both are written) is it."""
    path = make_workbook("enterprise", example("enterprise", sb_logistics_coop=typed))
    j = run_json(path, capsys)
    assert not [f for f in j["findings"] if f["cell"] == "C19"], j["findings"]
    assert item(j, "1.1.2")["auto"] == (15 if answer == "是" else 0)


@pytest.mark.parametrize("typed", ["是√否", "是√ 否√"])
def test_a_tick_between_the_two_words_or_on_both_is_no_answer(make_workbook, capsys, typed):
    j = run_json(make_workbook("enterprise", example("enterprise", sb_logistics_coop=typed)), capsys)
    assert [f for f in j["findings"] if f["code"] == "FIELD_CHOICE" and f["cell"] == "C19"], j["findings"]
    assert item(j, "1.1.2")["auto"] == 0


@pytest.mark.parametrize("typed,why", [("☑是 ☑否", "都勾选了"), ("□ 是 □ 否", "都没有勾选")])
def test_both_or_no_boxes_ticked_is_no_answer(make_workbook, capsys, typed, why):
    path = make_workbook("team", example("team", sb_in_park=typed))
    j = run_json(path, capsys)
    found = [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"]
    assert len(found) == 1 and why in found[0]["message"] and found[0]["severity"] == "error", found
    assert item(j, "2.1.1")["auto"] == 0


@pytest.mark.parametrize("kind", ["电商平台类企业", "电商平台类", "平台型企业"])
def test_the_notices_words_for_a_platform(make_workbook, capsys, kind):
    # 通知 二（二）3: "电商平台类企业交易额在1000万元以上"; a platform that typed the notice's words
    path = make_workbook("enterprise", example("enterprise", sb_enterprise_kind=kind, sb_trade_total=999))
    j = run_json(path, capsys)
    assert j["eligible"] is False
    assert [f["code"] for f in j["findings"] if f["severity"] == "error"] == ["ELIG_TRADE"], j["findings"]


@pytest.mark.parametrize("typed,city", [("贵州省毕节市", "毕节市"), ("贵州省黔东南苗族侗族自治州", "黔东南州"),
                                        ("贵州毕节", "毕节市"), ("铜仁地区", "铜仁市"), ("贵州省毕节地区", "毕节市")])
def test_a_city_typed_with_its_province_is_that_city(make_workbook, capsys, tmp_path, typed, city):
    """所属市（州） typed over the drop-down as people write an address, "贵州省毕节市": it is 毕节市, not an invalid
    choice whose summary row then takes the city of the 信用代码's registration office (贵阳市 for 520102)."""
    folder = tmp_path / "申报"
    folder.mkdir()
    path = make_workbook("team", example("team", sb_city=typed, sb_uscc="91520102MA6DKQ8X18"))
    path = path.rename(folder / "团队.xlsx")
    j = run_json(path, capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"], j["findings"]
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    from openpyxl import load_workbook
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert ws.cell(4, header["市（州）"]).value == city


def test_a_credit_code_one_character_short_or_long_is_said_wrong_not_outside_guizhou(make_workbook, capsys):
    """A 信用代码 with a character missed or doubled (17 or 19 characters): its positions 3-8 are no region code, so
    the verdict waits for the corrected code instead of failing the application as registered outside Guizhou."""
    from shibai_xl.examples import make_uscc
    good = make_uscc("522601", "MA6GQW4T3")
    for typed in (good[1:], "9" + good):
        j = run_json(make_workbook("enterprise", example("enterprise", sb_uscc=typed)), capsys)
        assert j["eligible"] is None, (typed, j["findings"])
        assert [f["code"] for f in j["findings"] if f["severity"] == "error"] == ["FIELD_USCC"], j["findings"]


def test_a_credit_code_typed_with_the_apostrophe_people_put_before_long_numbers_is_read(make_workbook, capsys):
    """The 信用代码 cell is formatted as text, where Excel keeps the apostrophe people habitually type before a long
    number ('91522601…) as part of the value: the code is still the code, not 19 characters failing 贵州省内注册."""
    from shibai_xl.examples import make_uscc
    good = make_uscc("522601", "MA6GQW4T3")
    for typed in ("'" + good, "’" + good):
        j = run_json(make_workbook("enterprise", example("enterprise", sb_uscc=typed)), capsys)
        assert j["eligible"] is True, (typed, j["findings"])
        assert not [f for f in j["findings"] if f["code"] in ("FIELD_USCC", "ELIG_REGION")], j["findings"]


@pytest.mark.parametrize("typed", [915201001234567891, 9.15201001234568e17, "9.15201E+17", "915201001234568000"])
def test_a_credit_code_excel_made_a_number_of_says_its_last_digits_are_lost(make_workbook, capsys, typed):
    """An all-digit code typed into a General cell: Excel keeps 15 of its 18 digits (9.15201001234568E+17). The
    finding said only that Excel "may have" rewritten it; it now says the last digits are lost and to retype the
    code in a 文本 cell, the value shown as Excel's formula bar shows it. The number copied out as text
    ("915201001234568000": the 15 digits kept, then 0s) said only that the check digit is wrong: it says the same."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_uscc=typed)), capsys)
    found = [f for f in j["findings"] if f["code"] == "FIELD_USCC"]
    assert len(found) == 1 and "最后几位已经丢失" in found[0]["message"] and "文本" in found[0]["message"], found
    assert "915201001234568000" in found[0]["message"] or "9.15201E+17" in found[0]["message"]
    assert not [f for f in j["findings"] if f["code"] in ("ELIG_REGION", "ELIG_ENTITY")], j["findings"]


@pytest.mark.parametrize("typed,eligible", [("(服务类企业)", True), ("（平台型企业）", False),
                                            ("■(平台型企业) / □(服务类企业)", False),
                                            ("□（平台型企业）/ ☑（服务类企业）", True)])
def test_the_enterprise_kind_copied_from_the_forms_label_with_its_brackets_is_read(make_workbook, capsys, typed,
                                                                                   eligible):
    """附件2 prints the kinds in brackets, "(平台型企业) … (服务类企业)": typed or ticked as printed, the kind decides
    which threshold applies (交易额999万元 fails 平台类's 1000万元, 销售额300万元 passes 服务类's 200万元)."""
    path = make_workbook("enterprise", example("enterprise", sb_enterprise_kind=typed, sb_trade_total=999,
                                               sb_sales=300, sb_online_retail=150))
    j = run_json(path, capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"], j["findings"]
    assert j["eligible"] is eligible, j["findings"]


@pytest.mark.parametrize("typed,sales", [("☑平台类 ☑服务类", None), ("平台类、服务类", None), ("☑平台类 ☑服务类", 150)])
def test_an_enterprise_ticking_both_kinds_is_not_told_it_chose_none(make_workbook, capsys, typed, sales):
    """Both boxes of 附件2's "(平台型企业) … (服务类企业)" ticked is a FIELD_CHOICE error; the threshold findings said
    "未选择企业类别" (no kind chosen) beside it, which the applicant had not done: they say what was typed."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_enterprise_kind=typed, sb_sales=sales)), capsys)
    said = [f["message"] for f in j["findings"] if f["code"] in ("ELIG_MISSING", "ELIG_TRADE")]
    assert said and not [m for m in said if "未选择" in m], said
    assert any(f"企业类别填写为“{typed}”" in m for m in said), said


@pytest.mark.parametrize("typed,points", [("是。", 15), ("是（见印证材料）", 15), ("是，合作品牌3个", 15), ("有（见附件）", 15),
                                          ("否（正在洽谈）", 0), ("无。", 0), ("否，但是正在洽谈", None),
                                          ("是（ ）", None), ("是（×）", None)])
def test_a_yes_or_no_followed_by_a_remark_is_that_answer(make_workbook, capsys, typed, points):
    """Applicants write a remark after their 是/否 ("是（见印证材料）", "是。"): the answer is the first word, not an
    unreadable cell worth 0 points; a remark holding the other answer as well stays for the applicant to correct."""
    j = run_json(make_workbook("team", example("team", sb_brand_case=typed)), capsys)
    wrong = [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"]
    assert item(j, "2.1.3")["auto"] == (points or 0)
    assert bool(wrong) is (points is None), j["findings"]


@pytest.mark.parametrize("typed", ["填表时间：2024年4月15日", "填表时间： 2024 年 4 月 15 日"])
def test_the_fill_date_written_after_its_printed_label_is_read(make_workbook, capsys, typed):
    """附件2 prints "填表时间： 年 月 日" on one line: an applicant writes the date into that line's cell (the label's)
    and leaves the cell beside it empty. The date is read from there, not said to be empty (成立年限 undecided)."""
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.filler import named_cell

    path = make_workbook("team", example("team", sb_fill_date=None))
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_fill_date")
    label = cell.parent.cell(cell.row, 1)
    assert label.value == "填表时间："
    label.value = typed
    wb.save(path)
    j = run_json(path, capsys)
    assert j["eligible"] is True, j["findings"]
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_REQUIRED", "ELIG_MISSING")], j["findings"]


@pytest.mark.parametrize("typed", ["填表时间：2024年4月15日", "填表日期：2024-04-15", "填表时间: 2024.4.15"])
def test_the_fill_date_pasted_with_its_printed_label_into_the_answer_cell_is_read(make_workbook, capsys, typed):
    """The whole printed line "填表时间：2024年4月15日" pasted into the yellow answer cell (copied from the Word form):
    the date is read, as "成立日期：2023-04-15" is, not an unreadable 填表时间 (a FIELD_DATE error, 成立年限 undecided)."""
    j = run_json(make_workbook("team", example("team", sb_fill_date=typed)), capsys)
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_DATE", "ELIG_MISSING")], j["findings"]
    assert j["eligible"] is True, j["findings"]


def test_the_printed_blanks_of_the_fill_date_line_left_unfilled_are_no_date(make_workbook, capsys):
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.filler import named_cell

    path = make_workbook("team", example("team", sb_fill_date=None))
    wb = load_workbook(path)
    cell = named_cell(wb, "sb_fill_date")
    cell.parent.cell(cell.row, 1).value = "填表时间：    年   月   日"
    wb.save(path)
    j = run_json(path, capsys)
    assert [f["code"] for f in j["findings"] if f["severity"] == "error"] == ["FIELD_REQUIRED"], j["findings"]


@pytest.mark.parametrize("typed", ["成立于2023年4月15日", "2023年04月15日成立", "2023年4月15日（营业执照）", "2023.4.15日",
                                   "成立日期：2023-04-15"])
def test_a_founding_date_typed_with_words_around_it_is_read(make_workbook, capsys, typed):
    """成立日期 as applicants copy it from their licence or write it in a sentence: the date, exactly one year
    before the 填表时间 2024年4月15日, meets "成立时间在1年以上" instead of being an unreadable date."""
    j = run_json(make_workbook("team", example("team", sb_established=typed)), capsys)
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_DATE", "ELIG_MISSING")], j["findings"]
    assert j["eligible"] is True, j["findings"]


def test_a_date_with_a_remark_holding_another_date_is_not_guessed(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_established="2023年4月15日（2020年变更）")), capsys)
    assert j["eligible"] is None and [f for f in j["findings"] if f["code"] == "FIELD_DATE"], j["findings"]


@pytest.mark.parametrize("typed", ["520万元。", "520万元；", "520，", "5200000元。"])
def test_an_amount_ending_with_a_full_stop_or_semicolon_is_read(make_workbook, capsys, typed):
    """年度直播销售额 written as the end of a sentence ("520万元。"): the figure meets 500万, not "不是数字"."""
    j = run_json(make_workbook("team", example("team", sb_live_sales=typed)), capsys)
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_AMOUNT", "ELIG_MISSING")], j["findings"]
    assert j["eligible"] is True


def test_the_live_streaming_shorthand_w_for_wan_is_read(make_workbook, capsys):
    """直播 people write 万 as w ("520w", fans "185W"): 年度直播销售额520w is 520万元 and meets 500万, and 185W fans
    meet 100万 (item 2.1.2), instead of both being unreadable."""
    j = run_json(make_workbook("team", example("team", sb_live_sales="520w", sb_fans="185W")), capsys)
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_AMOUNT", "ELIG_MISSING")], j["findings"]
    assert j["eligible"] is True and item(j, "2.1.2")["auto"] == 15


@pytest.mark.parametrize("typed", ["未提供", "没有提供", "不提供"])
def test_a_material_the_applicant_must_supply_answered_not_provided_is_a_no(make_workbook, capsys, rules, typed):
    """材料清单 "是否提供" answered in words: 未提供 says the 审计报告 will not come, as 否 does (三（三）: 不纳入评审环节),
    not an unreadable cell counted as unticked that leaves the verdict 达标."""
    from tests.conftest import all_materials

    mats = dict(all_materials(rules), sb_mat_audit=typed)
    j = run_json(make_workbook("enterprise", example("enterprise"), materials=mats), capsys)
    assert j["eligible"] is False, j["findings"]
    assert [f["code"] for f in j["findings"] if f["severity"] == "error"] == ["ELIG_MATERIALS"], j["findings"]
    assert not [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"], j["findings"]


@pytest.mark.parametrize("typed,points", [("已取得", 10), ("已备案", 10), ("已获得", 10), ("未取得", 0), ("未备案", 0)])
def test_the_licence_item_answered_with_the_verb_of_its_question_is_read(make_workbook, capsys, typed, points):
    """Item 5 asks whether the enterprise 取得…ICP证号 / 已通过备案: "已取得" or "已备案" answers 是 (item 2.2.1's 10
    points), "未取得" answers 否, instead of an unreadable cell."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_icp=typed)), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"], j["findings"]
    assert item(j, "2.2.1")["auto"] == points


def test_invisible_characters_pasted_from_a_web_page_or_wechat_are_not_part_of_a_value(make_workbook, capsys):
    """A 统一社会信用代码 copied from the credit website and figures pasted from a WeChat message carry zero-width
    spaces, a byte-order mark or a direction mark: the code was "应为18位" (FIELD_USCC) and the amount "不是数字",
    leaving the verdict 待定 though every value is right."""
    from shibai_xl.examples import make_uscc

    code = make_uscc("520303", "MA6H3B2K7")
    j = run_json(make_workbook("team", example("team", sb_uscc="\u200b" + code[:9] + "\u200b" + code[9:] + "\ufeff",
                                               sb_live_sales="520\u200b万元\u200e")), capsys)
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_USCC", "FIELD_AMOUNT", "ELIG_MISSING")], j["findings"]
    assert j["eligible"] is True


def test_a_name_holding_invisible_characters_is_the_same_company():
    """A resident company's name pasted with a zero-width space is the same company as the one typed plainly (the
    cross-check of two parks' lists and of a list with its summary compare these keys)."""
    from shibai_xl.engine.parse.text import company_key

    assert company_key("贵州\u200b甲电子商务有限公司\u2060") == company_key("贵州甲电子商务有限公司")
    assert company_key("\u202e贵州甲电子商务有限公司") == company_key("贵州甲电子商务有限公司")


@pytest.mark.parametrize("typed,eligible", [("520万元（抖音、快手合计）", True), ("520（经审计）", True),
                                            ("480万元（含直播带货）", False), ("5200000（单位：元）", None),
                                            ("520（万元，含税）", None), ("(520)", None)])
def test_an_amount_followed_by_a_remark_in_brackets_is_its_figure_with_the_remark_shown(make_workbook, capsys, typed,
                                                                                         eligible):
    """Applicants write where a figure comes from after it, "520万元（抖音、快手合计）": the figure decides the
    threshold (通知 二（二）4: 年度直播销售额500万元以上) and the remark is said at its cell, not refused as unreadable.
    A bracket naming a unit after a bare number ("（单位：元）") may change the figure 10,000-fold, and one of
    figures only ("(520)") may be a negative number: those stay unreadable, so no verdict is given on them."""
    j = run_json(make_workbook("team", example("team", sb_live_sales=typed)), capsys)
    assert j["eligible"] is eligible, j["findings"]
    at_cell = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"]
    assert len(at_cell) == 1 and at_cell[0]["cell"], j["findings"]
    if eligible is None:
        assert at_cell[0]["severity"] == "error", at_cell
    else:
        remark = typed[typed.index("（") + 1:-1]
        assert at_cell[0]["severity"] == "warning" and f"“{remark}”是备注" in at_cell[0]["message"], at_cell


@pytest.mark.parametrize("typed,eligible", [("500万+", True), ("不少于500万", True), ("≥500万元", True), ("至少500万", True),
                                            ("300万以上", None), ("300-800万", None), ("近600万", None)])
def test_a_sales_figure_written_as_a_bound_is_said_to_be_no_exact_figure(make_workbook, capsys, typed, eligible):
    """The applicant is told the cell holds no exact figure (it was told 不是数字, as if the figure were missing). A
    lower bound reaching 年度直播销售额达到500万以上 meets it (以上 includes the number, CONTRACT §5: "不少于500万" is
    500万以上 whatever the exact figure; it was 待定, QA qa41a); one below it, or "近600万", decides nothing."""
    j = run_json(make_workbook("team", example("team", sb_live_sales=typed)), capsys)
    assert j["eligible"] is eligible, j["findings"]
    found = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"]
    assert len(found) == 1 and "不是确切数字" in found[0]["message"] and found[0]["cell"], found
    assert found[0]["severity"] == ("error" if typed.startswith("近") else "warning"), found


def test_the_parks_trade_typed_with_the_chinese_full_stop_as_its_point_is_read(make_workbook, capsys):
    """"3。5" in the park's 亿元 cell (the Chinese input method's point) is 3.5亿元 = 35000万元, not unreadable."""
    j = run_json(make_workbook("park", example("park", sb_trade_total="3。5")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"], j["findings"]
    assert j["eligible"] is True, j["findings"]


@pytest.mark.parametrize("start,end", [("2023年4月1日-2024年3月31日", None), ("2023.04.01-2024.03.31", None),
                                       ("2023年3月15日-2024年3月14日", None), ("2023年4月份", "2024年3月份")])
def test_a_period_written_out_in_dates_or_months_is_twelve_months(make_workbook, capsys, start, end):
    """The 统计期 written out in dates in one cell ("2023年4月1日-2024年3月31日", the other blank), or as "2023年4月份":
    twelve months, as when typed as months; it was 日期有误 and the verdict withheld. Typed to the day, the twelve
    months run from the first day to the day before it a year on, as for two cells typed to the day."""
    j = run_json(make_workbook("team", example("team", sb_period_start=start, sb_period_end=end)), capsys)
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_DATE", "FIELD_PERIOD", "FIELD_REQUIRED")], j["findings"]
    assert j["eligible"] is True, j["findings"]


@pytest.mark.parametrize("typed,points", [("✔️", 15), ("☑️", 15), ("✅", 15), ("V", 15), ("❌", 0), ("✖️", 0), ("✕", 0),
                                          ("X", 0), ("☑️是 □否", 15)])
def test_a_tick_or_cross_copied_from_wechat_or_typed_as_a_letter_is_the_answer(make_workbook, capsys, typed, points):
    """Ticks copied from WeChat carry an invisible emoji selector ("✔️" is ✔ + U+FE0F), and many type V for √ and X
    for ×: each is the answer it marks, not an unreadable cell scored 0 (a ✔️ lost its 15 points)."""
    j = run_json(make_workbook("team", example("team", sb_brand_case=typed)), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_CHOICE"], j["findings"]
    assert item(j, "2.1.3")["auto"] == points


def test_a_credit_code_typed_with_the_letter_o_for_zero_names_the_code_that_checks(make_workbook, capsys):
    """"9152O1O2…" (the letter O for the digit 0, lower case too): the code is still refused — it is the applicant's
    identity — but the message gives the code whose check digit is right, instead of "第3-8位应为数字" only."""
    from shibai_xl.examples import make_uscc
    good = make_uscc("522601", "MA6G0W4T3")
    for typed in (good.replace("0", "O"), good.replace("0", "o").replace("1", "I")):
        j = run_json(make_workbook("enterprise", example("enterprise", sb_uscc=typed)), capsys)
        found = [f for f in j["findings"] if f["code"] == "FIELD_USCC"]
        assert len(found) == 1 and f"改为“{good}”后校验位正确" in found[0]["message"] and found[0]["cell"], found


@pytest.mark.parametrize("field,typed", [("sb_established", "22年6月1日"), ("sb_period_start", "23年1月"),
                                         ("sb_fill_date", "24年4月15日")])
def test_a_date_with_a_two_digit_year_is_read_and_the_year_said(make_workbook, capsys, field, typed):
    """"22年6月1日", as dates are written in messages: the year as Excel completes two digits (2022), said at the cell
    so that a wrong century is seen; it was 日期有误 and the verdict withheld."""
    j = run_json(make_workbook("team", example("team", **{field: typed})), capsys)
    assert j["eligible"] is True, j["findings"]
    said = [f for f in j["findings"] if f["code"] == "FIELD_DATE"]
    assert len(said) == 1 and said[0]["severity"] == "warning" and "按20" in said[0]["message"], said


def test_counts_and_areas_written_with_the_noun_they_count_are_read(make_workbook, capsys):
    """附件2 asks "电商区域面积 ___平方米", "入驻电商企业 ___家", "签约主播 ___个": applicants write "1200平", "6家企业",
    "25名主播" as they would say them; each is its number, not 不是数字 (the items scored 0 for it)."""
    j = run_json(make_workbook("base", example("base", sb_area_ecom="1200平", sb_resident_count="6家企业",
                                               sb_anchors="25名主播")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"], j["findings"]
    assert (item(j, "1.1.1")["auto"], item(j, "2.1.1")["auto"]) == (10, 10)   # 面积≥500; 入驻≥5家、主播≥10人


def test_amounts_copied_with_the_forms_label_or_per_year_are_read(make_workbook, capsys):
    """An applicant pastes from the Word application "年度交易额：2600万元" and writes "900万元/年": each is its figure
    for the thresholds (通知 二（二）3), not 不是数字 with the verdict withheld."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_trade_total="年度交易额：2600万元",
                                                     sb_online_retail="900万元/年")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"], j["findings"]
    assert j["eligible"] is True, j["findings"]


def test_a_mobile_copied_with_its_label_or_the_international_prefix_is_read(make_workbook, capsys):
    """"手机：139 0851 0001" pasted from a business card, "0086 139…" from a contact list: the number, not 手机号码格式错误."""
    j = run_json(make_workbook("team", example("team", sb_leader_mobile="手机：139 0851 0001",
                                               sb_contact_phone="0086 13908510002")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_MOBILE"], j["findings"]


@pytest.mark.parametrize("app_type,field,typed,eligible", [
    ("team", "sb_live_sales", "年度直播销售额520万元", True), ("team", "sb_live_sales", "直播销售额达520万", True),
    ("team", "sb_live_sales", "年度直播销售额超过520万元", True),
    ("team", "sb_live_sales", "年度直播销售额为480万元", False), ("enterprise", "sb_trade_total", "年度交易额2600万元", True),
    ("team", "sb_live_sales", "抖音直播销售额520万", None)])
def test_a_threshold_figure_typed_after_its_own_label_is_read(make_workbook, capsys, app_type, field, typed, eligible):
    """附件2 prints "年度直播销售额_____万元": a clerk types the whole line, "年度直播销售额520万元". With a colon after the
    label it was read; without, 无法识别 and 待定 with an error. The field's own label before the figure is no remark;
    another platform's or channel's words ("抖音直播销售额") are, and stay unread."""
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed})), capsys)
    assert j["eligible"] is eligible, j["findings"]
    unread = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "error"]
    assert bool(unread) is (eligible is None), j["findings"]
