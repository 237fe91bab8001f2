"""The 入驻企业名单 against the 申报表, and the 申报表 against itself."""
from datetime import date

import pytest

from shibai_xl.engine.check import check
from shibai_xl.examples import example_residents
from tests.conftest import example_app


def residents(app_type="park", n=None):
    return example_residents(app_type, n)


def codes(app):
    return check(app, today=date(2024, 12, 31)).codes()


@pytest.mark.parametrize("app_type", ["park", "base"])
def test_consistent_list_gives_no_crosscheck_findings(app_type):
    r = check(example_app(app_type))
    assert not {c for c in r.codes() if c.startswith("XC_")}, [f.message for f in r.findings]
    assert r.residents.companies == len(residents(app_type))


def test_count_mismatch():
    rows = residents()[:-1]
    app = example_app("park", residents=rows)
    r = check(app)
    f = next(f for f in r.findings if f.code == "XC_RESIDENT_COUNT")
    assert "12家" in f.message and "11家" in f.message


def test_trade_sum_in_yi_is_compared_in_wan():
    # declared 3.5亿 = 35000万; the list sums to 35000万 — consistent despite the units
    assert "XC_RESIDENT_TRADE" not in codes(example_app("park"))
    # within rounding of the typed precision: 3.5亿 vs 34990万 (0.03% off)
    rows = residents()
    rows[0]["年度网络交易额（万元）"] -= 10
    assert "XC_RESIDENT_TRADE" not in codes(example_app("park", residents=rows))
    for row in rows[:6]:
        row["年度网络交易额（万元）"] = row["年度网络零售额（万元）"]     # the list now sums well below 3.5亿
    total = sum(row["年度网络交易额（万元）"] for row in rows)
    r = check(example_app("park", residents=rows))
    f = next(f for f in r.findings if f.code == "XC_RESIDENT_TRADE")
    assert "3.5亿元（35000万元）" in f.message and f"合计{total:.2f}万元" in f.message


def test_retail_sum_mismatch_and_row_contradictions():
    rows = residents("base")
    rows[1]["年度网络零售额（万元）"] = rows[1]["年度网络交易额（万元）"] + 100
    r = check(example_app("base", residents=rows))
    assert {"XC_RESIDENT_RETAIL", "XC_RESIDENT_ROW"} <= r.codes()
    row = next(f for f in r.findings if f.code == "XC_RESIDENT_ROW")
    assert "零售额" in row.message and "大于" in row.message


def test_negative_and_unreadable_and_nameless_rows():
    rows = residents()
    rows[0]["从业人数"] = -3
    rows[1]["年度网络交易额（万元）"] = "很多"
    rows.append({"企业名称": "", "年度网络交易额（万元）": 50})
    r = check(example_app("park", residents=rows))
    msgs = [f.message for f in r.findings if f.code == "XC_RESIDENT_ROW"]
    assert any("负数" in m for m in msgs) and any("很多" in m for m in msgs) and any("企业名称为空" in m for m in msgs)


def test_duplicates_after_normalising_names():
    rows = residents()
    rows[3]["企业名称"] = "贵州 黔货（贵阳）电子商务有限责任公司"
    rows[7]["企业名称"] = "贵州黔货(贵阳)电子商务有限公司"
    r = check(example_app("park", residents=rows))
    dup = [f for f in r.findings if f.code == "XC_RESIDENT_DUP"]
    assert dup and "2次" in dup[0].message


def test_staff_sum_against_the_fifty_box():
    rows = residents()
    for row in rows:
        row["从业人数"] = 3                                 # 12 × 3 = 36 < 50
    r = check(example_app("park", residents=rows))
    assert "XC_RESIDENT_STAFF" in r.codes()
    r = check(example_app("park", sb_staff_50="否"))     # the list has ≥ 50 staff
    assert "XC_RESIDENT_STAFF" in r.codes()
    assert "XC_RESIDENT_STAFF" not in check(example_app("park")).codes()


def test_qualified_counts_against_notes():
    r = check(example_app("park", sb_demo_enterprises=5))
    f = next(f for f in r.findings if f.code == "XC_RESIDENT_NOTE")
    assert "5家" in f.message and "2家" in f.message


def test_no_list_no_crosscheck_and_enterprise_has_none():
    r = check(example_app("park", residents=None))
    assert not {c for c in r.codes() if c.startswith("XC_")}
    assert check(example_app("enterprise")).residents is None


def test_empty_list_with_declared_residents():
    r = check(example_app("park", residents=[]))
    assert "XC_RESIDENT_COUNT" in r.codes()


def test_form_contradicts_itself():
    assert "FIELD_INCONSISTENT" in codes(example_app("park", sb_has_platform="否"))
    assert "FIELD_INCONSISTENT" in codes(example_app("enterprise", sb_online_share=30, sb_online_share_50="是"))
    assert "FIELD_INCONSISTENT" in codes(example_app("team", sb_fans=500000, sb_fans_1m="是"))
    assert "FIELD_INCONSISTENT" in codes(example_app("park", sb_demo_enterprises=20))
    assert "FIELD_INCONSISTENT" in codes(example_app("base", sb_online_retail=9000))
    assert "FIELD_INCONSISTENT" not in codes(example_app("park"))


def test_fill_date_in_the_future():
    r = check(example_app("team", sb_fill_date=date(2030, 1, 1)), today=date(2024, 5, 1))
    assert any(f.code == "FIELD_DATE" and "晚于今天" in f.message for f in r.findings)


def test_required_fields_and_short_text():
    r = check(example_app("team", sb_name=None, sb_performance="业绩很好"))
    assert any(f.code == "FIELD_REQUIRED" and f.field == "sb_name" and f.severity == "error" for f in r.findings)
    f = next(f for f in r.findings if f.code == "FIELD_TEXT_SHORT")
    assert "4字" in f.message
    r = check(example_app("team", sb_performance="字" * 150))
    assert "FIELD_TEXT_SHORT" not in r.codes()
    r = check(example_app("team", sb_performance="字" * 149))
    assert "FIELD_TEXT_SHORT" in r.codes()


def test_mobile_and_phone():
    r = check(example_app("park", sb_leader_mobile="0851-1234567"))
    assert any(f.code == "FIELD_MOBILE" and f.field == "sb_leader_mobile" for f in r.findings)
    assert "FIELD_MOBILE" not in check(example_app("park")).codes()


def test_materials():
    from shibai_xl.engine.application import RawField
    app = example_app("team")
    app.materials = {"sb_mat_icp": RawField("否", "材料清单", "C13")}
    r = check(app)
    missing = [f for f in r.findings if f.code == "MAT_MISSING" and f.severity == "warning"]
    assert missing and "ICP" in missing[0].message and missing[0].cell == "C13"


def listing_park(file: str, residents: list[str], coded_names: list[str]):
    """A park's summary record listing ``residents`` (codes, or 名称:key), ``coded_names`` the names of its coded ones."""
    from shibai_xl.engine.parse.text import name_digests
    from shibai_xl.engine.parse.uscc import parse
    from shibai_xl.engine.summary import SummaryRecord

    wrong = sum(not k.startswith("名称:") and not parse(k).ok for k in residents)   # as the list's reading counts them
    return SummaryRecord(file=file, key=f"名称:{file}", type="park", columns={"企业名称": file}, status="达标",
                         score=0.0, problems=[], residents=residents, resident_names=name_digests(coded_names),
                         resident_codes_wrong=wrong)


def test_a_resident_two_lists_give_with_its_code_and_a_third_by_name_is_said_once():
    """Parks 1 and 2 list a company with its code, park 3 by its name only: every park's XC_CROSS_APP names the
    company once (it named it twice, by its code and by its name, in the coded parks' findings)."""
    from shibai_xl.engine.parse.text import company_key
    from shibai_xl.engine.summary import cross_application

    name, code = "贵州黔东农业科技有限公司", "91520102MA0000000J"
    key = company_key(name)
    park = listing_park

    records = [park("园区1.xlsx", [code, "91520102MA0000001M"], [key, company_key("贵州别家有限公司")]),
               park("园区2.xlsx", [code], [key]),
               park("园区3.xlsx", ["名称:" + key, "名称:贵州第三家有限公司"], [])]
    said = {f: [x.message for x in found] for f, found in cross_application(records).items()}
    said_of = f"同一企业出现在多份申报中：入驻企业{key}同时出现在其他园区/基地的入驻企业名单中（{{}}）".format
    assert said == {"园区1.xlsx": [said_of("园区2.xlsx、园区3.xlsx")], "园区2.xlsx": [said_of("园区1.xlsx、园区3.xlsx")],
                    "园区3.xlsx": [said_of("园区1.xlsx、园区2.xlsx")]}


@pytest.mark.parametrize("established,contradicts", [
    (date(2023, 4, 10), False),   # full on 2024-04-10: some days of April 2024 are, some are not — 待定
    (date(2023, 4, 30), False),
    (date(2023, 5, 2), True),     # full only on 2024-05-02: no day of April 2024 is
])
def test_a_fill_date_typed_to_the_month_contradicts_the_age_box_only_when_every_day_does(
        make_workbook, established, contradicts):
    """填表时间 “2024年4月” stands for every day of April (as for 成立年限, README 前置条件怎么读): the team's 是 on
    “成立时间1年以上” is a contradiction only when no day of the month makes it true, not when the 前置条件 itself
    is 待定 for want of the day."""
    from shibai_xl.jobs.check_file import check_file
    from tests.conftest import example

    path = make_workbook("team", example("team", sb_fill_date="2024年4月", sb_established=established,
                                         sb_period_start=date(2023, 4, 1), sb_period_end=date(2024, 3, 1)))
    r = check_file(path)
    found = [f.message for f in r.findings if f.code == "FIELD_INCONSISTENT" and f.field == "sb_experience_6m"]
    assert bool(found) == contradicts, found
    assert r.eligibility.eligible is (False if contradicts else None)
    assert not [f.message for f in r.findings if f.code == "FIELD_DATE" and f.field == "sb_established"]


def test_a_fill_date_after_the_application_window_does_not_back_the_age_box():
    """填表时间 2030 (一、申报时间 is 2024年4月-12月): the team's 是 on “成立时间1年以上” with 成立日期 2024-06-01 is not
    backed by the typo; the age is counted to 2024年12月31日, as for 成立年限."""
    r = check(example_app("team", sb_fill_date=date(2030, 4, 15), sb_established=date(2024, 6, 1)),
              today=date(2030, 12, 31))
    assert [f.field for f in r.findings if f.code == "FIELD_INCONSISTENT"] == ["sb_experience_6m"]
    assert r.eligible is False and "ELIG_AGE" in r.codes()


def test_a_company_founded_in_the_month_typed_as_the_fill_date_is_not_founded_after_it(make_workbook):
    """成立日期 2024-04-10 and 填表时间 “2024年4月”: the form may well have been filled on the 20th."""
    from shibai_xl.jobs.check_file import check_file
    from tests.conftest import example

    path = make_workbook("team", example("team", sb_fill_date="2024年4月", sb_established=date(2024, 4, 10)))
    r = check_file(path)
    assert not [f.message for f in r.findings if f.code == "FIELD_DATE" and f.field == "sb_established"]
    assert r.eligibility.eligible is False     # less than 1 year on every day of April 2024
    path = make_workbook("team", example("team", sb_fill_date="2024年4月", sb_established=date(2024, 5, 2)))
    assert [f for f in check_file(path).findings if f.code == "FIELD_DATE" and f.field == "sb_established"]


@pytest.mark.parametrize("column, code", [("年度网络交易额（万元）", "XC_RESIDENT_TRADE"),
                                          ("年度网络零售额（万元）", "XC_RESIDENT_RETAIL")])
def test_a_list_column_nobody_filled_is_said_unfilled_not_a_sum_of_0(make_workbook, column, code):
    """Every company left the list's 交易额 (or 零售额) blank: the list states no figure to disagree with the form —
    not “名单0家合计0万元，相差35000万元”."""
    from shibai_xl.jobs.check_file import check_file

    rows = [{**r, column: None} for r in residents()]
    got = check_file(make_workbook("park", residents=rows))
    said = [f for f in got.findings if f.code == code]
    assert len(said) == 1 and "0家合计" not in said[0].message, said
    assert "都没有填写" in said[0].message and said[0].severity == "warning"
