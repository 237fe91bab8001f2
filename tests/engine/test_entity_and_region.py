"""共性条件 2 to the letter: 独立法人企业 from the USCC's first two characters (GB 32100-2015)
and the name; 贵州省内注册 from a Guizhou division code. Real workbooks made by ``shibai new``."""
from __future__ import annotations

import pytest

from shibai_xl.engine.parse import uscc
from shibai_xl.examples import make_uscc
from shibai_xl.jobs.check_file import check_file
from tests.conftest import TYPES, example


def _check(make_workbook, app_type, **changes):
    return check_file(make_workbook(app_type, example(app_type, **changes)))


def _entity(r):
    return next(c for c in r.eligibility.conditions if c.label == "独立法人企业")


@pytest.mark.parametrize("app_type", TYPES)
def test_individual_business_is_no_legal_person_for_every_type(make_workbook, app_type):
    r = _check(make_workbook, app_type, sb_uscc=make_uscc("520102", head="92"))
    assert r.eligible is False and _entity(r).status == "不达标"
    f = next(f for f in r.findings if f.code == "ELIG_ENTITY")
    assert f.severity == "error" and "个体工商户" in f.message and "92" in f.message
    assert f.sheet == "补充信息" and f.cell


@pytest.mark.parametrize("head,what", [("93", "农民专业合作社"), ("12", "事业单位"), ("51", "社会团体"),
                                       ("N2", "村级集体经济组织")])
def test_other_legal_persons(make_workbook, head, what):
    code = make_uscc("520102", head=head)
    for app_type in ("enterprise", "team"):
        r = _check(make_workbook, app_type, sb_uscc=code)
        assert r.eligible is False, app_type
        f = next(f for f in r.findings if f.code == "ELIG_ENTITY")
        assert f.severity == "error" and what in f.message
        assert not [g for g in r.findings if g.code == "RULE_GAP" and "独立法人" in g.message]
    for app_type in ("park", "base"):
        # the form itself offers 政府部门/事业单位 as 运营机构类型: 待定, one RULE_GAP naming the contradiction
        r = _check(make_workbook, app_type, sb_uscc=code, sb_operator_type="事业单位")
        assert r.eligible is None and _entity(r).status == "待定"
        assert next(f for f in r.findings if f.code == "ELIG_ENTITY").severity == "warning"
        gaps = [g for g in r.findings if g.code == "RULE_GAP" and "独立法人企业" in g.message]
        assert len(gaps) == 1 and "事业单位" in gaps[0].message and what in gaps[0].message


def test_enterprise_code_passes_and_operator_type_alone_is_one_gap(make_workbook):
    r = _check(make_workbook, "park")
    assert r.eligible is True and _entity(r).status == "达标"
    assert not [f for f in r.findings if f.code == "RULE_GAP" and "独立法人企业" in f.message]
    r = _check(make_workbook, "base", sb_operator_type="政府部门")
    gaps = [g for g in r.findings if g.code == "RULE_GAP" and "独立法人企业" in g.message]
    assert len(gaps) == 1 and "政府部门" in gaps[0].message
    assert r.eligible is True  # a 91 code: the operator type alone is a question for the bureau, not a verdict


@pytest.mark.parametrize("word", ["分公司", "分店", "分厂", "个人独资", "普通合伙", "有限合伙"])
def test_enterprise_names_that_are_no_legal_person(make_workbook, word):
    # a branch's name ends in 分公司, 分厂 or 分店 (企业名称登记管理实施办法): each is no legal person
    name = {"分公司": "贵州山珍优品电子商务有限公司凯里分公司", "分店": "贵州山珍优品超市有限公司凯里分店",
            "分厂": "贵州山珍食品有限公司凯里分厂", "个人独资": "凯里市山珍电子商务（个人独资）",
            "普通合伙": "贵州山珍电子商务中心（普通合伙）", "有限合伙": "贵州山珍电子商务中心（有限合伙）"}[word]
    r = _check(make_workbook, "enterprise", sb_name=name)
    assert r.eligible is None and _entity(r).status == "待定"
    f = next(f for f in r.findings if f.code == "ELIG_ENTITY")
    assert f.severity == "warning" and word in f.message and "民法典" in f.message


def test_park_operator_name_is_read_too(make_workbook):
    r = _check(make_workbook, "park", sb_operator_name="贵州黔货出山园区运营管理有限公司南明分公司")
    assert r.eligible is None and "分公司" in next(f for f in r.findings if f.code == "ELIG_ENTITY").message


def test_entity_table_is_data_cited_to_the_standard():
    from importlib import resources
    text = resources.files("shibai_xl.rules").joinpath("gb32100.toml").read_text("utf-8")
    assert "GB 32100-2015" in text
    assert uscc.entity(make_uscc(head="91")) == "企业" and uscc.entity(make_uscc(head="Y1")) == "其他"
    assert uscc.entity("X1520102") == ""


@pytest.mark.parametrize("region,ok", [("529999", False), ("520150", False), ("522999", False),
                                       ("520190", True), ("520100", True), ("520900", True), ("520221", True),
                                       # the counties of 铜仁地区/毕节地区 before 2011 (CONTRACT §5: 含已撤销的旧代码)
                                       ("522422", True), ("522230", True), ("522222", True), ("522428", True),
                                       ("522429", False), ("522231", False),
                                       # the counties of 遵义地区 before 1997 and 安顺地区 before 2000 (QA qa37c): the
                                       # table named the two 地区 but called their counties' codes "not Guizhou"
                                       ("522101", True), ("522121", True), ("522132", True), ("522501", True),
                                       ("522522", True), ("522530", True), ("522140", False), ("522540", False)])
def test_guizhou_region_codes(make_workbook, region, ok):
    r = _check(make_workbook, "enterprise", sb_uscc=make_uscc(region))
    region_condition = next(c for c in r.eligibility.conditions if c.label == "贵州省内注册")
    assert (region_condition.status == "达标") is ok
    assert ("ELIG_REGION" in r.codes()) is not ok
    if not ok:
        assert r.eligible is False
        assert region in next(f for f in r.findings if f.code == "ELIG_REGION").message


def test_old_counties_keep_the_city_they_belong_to_now():
    """An old code names the 市（州） the county is in today (开阳县 was in 安顺地区 until 1996, now 贵阳市), so a
    county's name still says one 市（州） (QA qa37c)."""
    assert uscc.region(make_uscc("522522"))[1:] == ("开阳县", "贵阳市")
    assert uscc.region(make_uscc("522121"))[2] == "遵义市" and uscc.region(make_uscc("522526"))[2] == "安顺市"
    assert uscc.division_city("开阳县") == "贵阳市" and uscc.division_city("平坝县") == "安顺市"
    assert uscc.division_city("清镇市") == "贵阳市" and uscc.division_city("仁怀县") == "遵义市"


def _county_said(make_workbook, city, county, said):
    """A team's 补充信息 with this 所属市（州） and 县（区）: one FIELD_INCONSISTENT warning on sb_city naming both and the
    市（州） the county belongs to (``said``), or none when ``said`` is None."""
    r = _check(make_workbook, "team", sb_city=city, sb_county=county)
    hits = [f for f in r.findings if f.code == "FIELD_INCONSISTENT" and "县（区）" in f.message]
    if said is None:
        assert not hits, [f.message for f in hits]
    else:
        (f,) = hits
        assert city in f.message and county in f.message and said in f.message, f.message
        assert f.severity == "warning" and f.field == "sb_city"


@pytest.mark.parametrize("city, county, said", [
    ("遵义市", "都匀市", "黔南州"),        # the wrong 市（州） picked from the list: the summary counts it for 遵义市
    ("贵阳市", "威宁县", "毕节市"),
    ("黔南州", "都匀市", None), ("黔南州", "三都", None), ("遵义市", "某某镇", None),
    ("贵安新区", "花溪区", None),          # 贵安新区 lies in counties of 贵阳市 and 安顺市
])
def test_city_that_the_county_contradicts_is_said(make_workbook, city, county, said):
    """补充信息 所属市（州） and 县（区） of two different 市（州）: the summary (附件4 市（州）) and the province's
    count by 市（州） take the 市（州） as typed, with nothing saying it contradicts the county (QA qa37c)."""
    _county_said(make_workbook, city, county, said)


@pytest.mark.parametrize("city, county, said", [
    ("贵阳市", "遵义市汇川区", "遵义市"),    # the county typed with its 市（州）, as on a letterhead
    ("遵义市", "贵州省黔南州都匀市", "黔南州"),
    ("遵义市", "遵义市汇川区", None), ("黔南州", "黔南布依族苗族自治州都匀市", None),
    ("贵阳市", "贵安新区", None), ("安顺市", "贵安新区直管区", None),   # 贵安新区 spans both
])
def test_a_county_typed_with_its_city_is_compared_too(make_workbook, city, county, said):
    """县（区） typed with its 市（州） before it ("遵义市汇川区") named no county the division table knows: a wrong
    所属市（州） beside it went unsaid; the 市（州） the county names is compared as a county's is."""
    _county_said(make_workbook, city, county, said)


@pytest.mark.parametrize("typed", ["91250102MA6DKQ8X18",    # 52 typed 25: 贵阳市南明区's code with two digits swapped
                                   "91510102MA6DKQ8X18"])   # 2 typed 1
def test_a_guizhou_code_with_a_slip_in_its_region_is_not_said_registered_elsewhere(make_workbook, typed):
    """A code with a wrong check digit has a character wrong, which may be one of positions 3-4: "9125…" is
    "9152…" with two digits swapped, its check digit right again once they are put back. It was 不达标 with
    ELIG_REGION (非贵州省内注册); the 待定 of any code that fails its check now says the Guizhou code it may be, and a
    code no one slip makes a Guizhou one still fails."""
    r = _check(make_workbook, "enterprise", sb_uscc=typed)
    region = next(c for c in r.eligibility.conditions if c.label == "贵州省内注册")
    assert r.eligible is None and region.status == "待定", region
    assert "ELIG_REGION" not in r.codes() and "91520102MA6DKQ8X18" in region.reason, region.reason
    other = make_uscc("510104")
    elsewhere = _check(make_workbook, "enterprise", sb_uscc=other[:17] + ("0" if other[17] != "0" else "1"))
    assert elsewhere.eligible is False and "ELIG_REGION" in elsewhere.codes()


@pytest.mark.parametrize("typed,said", [(None, "未填写"), ("91520102MA6DKQ8X10", "有误")])
def test_the_legal_person_condition_is_listed_when_the_code_cannot_tell_it(make_workbook, typed, said):
    """The 前置条件 table (terminal, add-in) dropped its 独立法人企业 line when the 统一社会信用代码 was blank or failed
    its check, so the officer saw 贵州省内注册 待定 as the only thing the code decides; the line is there, 待定, and the
    ELIG_MISSING of a blank code names both conditions it is needed for."""
    r = _check(make_workbook, "team", sb_uscc=typed)
    entity = _entity(r)
    assert r.eligible is None and entity.status == "待定" and said in entity.reason, entity
    if typed is None:
        missing = next(f.message for f in r.findings if f.code == "ELIG_MISSING" and f.field == "sb_uscc")
        assert "贵州省内注册" in missing and "独立法人企业" in missing, missing


@pytest.mark.parametrize("typed", ["统一社会信用代码：{code}", "{code}（营业执照）", "信用代码: {code} (已变更)"])
def test_a_code_typed_with_its_label_or_a_note_decides_the_conditions(make_workbook, typed):
    """A code copied with its label from the licence or the 公示系统 ("统一社会信用代码：9152…"), or with a note in
    brackets, was FIELD_USCC 应为18位，现为27位 and 贵州省内注册/独立法人企业 待定, though the same cell names the company
    for XC_CROSS_APP (uscc.key reads past both); the code is now read, the conditions decided, and a warning asks to
    keep the cell to the 18 characters."""
    code = make_uscc("520102")
    r = _check(make_workbook, "team", sb_uscc=typed.format(code=code))
    assert r.eligible is True, [(c.label, c.reason) for c in r.eligibility.conditions]
    [f] = [f for f in r.findings if f.code == "FIELD_USCC"]
    assert f.severity == "warning" and code in f.message, f.message
    other = make_uscc("510104")
    assert _check(make_workbook, "team", sb_uscc=f"统一社会信用代码：{other}").eligible is False
