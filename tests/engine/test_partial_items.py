"""Forms weaker than 附件5 (CONTRACT.md section 6): a 是 still earns the points, the reason says
what remains to verify, one RULE_GAP lists those items; a 补充信息 question settles an item when
filled. And one reading for both service lists of 附件5. Real workbooks made by ``shibai new``."""
from __future__ import annotations

import pytest

from shibai_xl.jobs.check_file import check_file
from tests.conftest import example

KNOWN = [("team", "1.1.1"), ("enterprise", "1.1.1"), ("enterprise", "2.1.1"), ("park", "2.2.1"), ("base", "2.3.1"),
         ("base", "1.1.1")]


def _check(make_workbook, app_type, **changes):
    return check_file(make_workbook(app_type, example(app_type, **changes)))


def _item(r, item_id):
    return next(i for i in r.score.items if i.id == item_id)


def _partial_gaps(r):
    return [f for f in r.findings if f.code == "RULE_GAP" and "只覆盖指标体系" in f.message]


@pytest.mark.parametrize("app_type", ["park", "base", "enterprise", "team"])
def test_a_yes_earns_the_points_and_one_gap_lists_what_to_verify(make_workbook, rules, app_type):
    r = _check(make_workbook, app_type)
    gaps = _partial_gaps(r)
    assert len(gaps) == 1
    partial = [i for i in rules.rubric(app_type) if i.verify]
    for item in partial:
        got = _item(r, item.id)
        assert got.auto == item.points and "需核实" in got.reason and item.verify.text in got.reason
        assert f"{item.id}（" in gaps[0].message
    for app, item_id in KNOWN:
        if app == app_type:
            assert rules.item(app, item_id).verify, (app, item_id)


def test_a_no_earns_nothing_and_is_not_listed(make_workbook):
    r = _check(make_workbook, "base", sb_platform_coop="否")
    assert _item(r, "2.3.1").auto == 0 and "需核实" not in _item(r, "2.3.1").reason
    assert "2.3.1（" not in _partial_gaps(r)[0].message


@pytest.mark.parametrize("app_type,item_id,form_field,supp", [
    ("enterprise", "1.1.1", "sb_has_app", "sb_store_qianhuo"),
    ("team", "1.1.1", "sb_has_app", "sb_app_running"),
    ("park", "2.2.1", "sb_finance_coop", "sb_finance_credit"),
])
def test_a_supplementary_answer_settles_the_item(make_workbook, rules, app_type, item_id, form_field, supp):
    points = rules.item(app_type, item_id).points
    settled_no = _check(make_workbook, app_type, **{supp: "否"})           # the form says 是
    assert _item(settled_no, item_id).auto == 0 and "需核实" not in _item(settled_no, item_id).reason
    settled_yes = _check(make_workbook, app_type, **{supp: "是", form_field: "否"})
    if app_type == "enterprise":    # a 网店 the form does not offer: the supplementary answer decides
        assert _item(settled_yes, item_id).auto == points
    settled_yes = _check(make_workbook, app_type, **{supp: "是"})
    assert _item(settled_yes, item_id).auto == points and "需核实" not in _item(settled_yes, item_id).reason
    gaps = _partial_gaps(settled_yes)
    assert not gaps or f"{item_id}（" not in gaps[0].message


def test_base_functions_settle_the_item_the_form_does_not_ask(make_workbook):
    assert _item(_check(make_workbook, "base"), "1.1.3").reason.startswith("需评审人判断")
    assert _item(_check(make_workbook, "base", sb_base_functions="是"), "1.1.3").auto == 5
    no = _item(_check(make_workbook, "base", sb_base_functions="否"), "1.1.3")
    assert no.auto == 0 and no.reason.startswith("未达到")


def test_supplementary_questions_are_on_the_sheet_with_their_names(make_workbook):
    from openpyxl import load_workbook
    for app_type, name in [("park", "sb_finance_credit"), ("base", "sb_base_functions"),
                           ("enterprise", "sb_store_qianhuo"), ("team", "sb_app_running")]:
        wb = load_workbook(make_workbook(app_type))
        assert wb.defined_names[name].attr_text.startswith("'补充信息'!") or \
            wb.defined_names[name].attr_text.startswith("补充信息!")


SVC = ["sb_svc_live", "sb_svc_crossborder", "sb_svc_logistics", "sb_svc_photo", "sb_svc_cs", "sb_svc_agency",
       "sb_svc_accounting", "sb_svc_patent", "sb_svc_consulting", "sb_svc_legal"]
ADM = ["sb_adm_registration", "sb_adm_annual", "sb_adm_tax", "sb_adm_project"]


@pytest.mark.parametrize("app_type,item_id,third,overlap", [("park", "2.2.4", "sb_svc_collab", "“会计事务”重合"),
                                                            ("base", "2.2.3", "sb_svc_event", "“会计事务”“活动策划”重合")])
def test_both_service_lists_need_one_ticked(make_workbook, app_type, item_id, third, overlap):
    none = {n: "否" for n in SVC + ADM + [third]}
    r = _check(make_workbook, app_type, **none)
    assert _item(r, item_id).auto == 0
    one_each = dict(none, sb_svc_accounting="是", sb_adm_tax="是")
    item = _item(_check(make_workbook, app_type, **one_each), item_id)
    assert item.auto > 0 and "会计事务" in item.reason and "税务登记" in item.reason and overlap in item.reason
    others = dict(none, sb_svc_other="代办宽带入户", sb_adm_other="代办营业执照变更")
    item = _item(_check(make_workbook, app_type, **others), item_id)
    assert item.auto > 0 and "代办宽带入户" in item.reason and "代办营业执照变更" in item.reason
    no_admin = dict(none, sb_svc_accounting="是")
    assert _item(_check(make_workbook, app_type, **no_admin), item_id).auto == 0


@pytest.mark.parametrize("app_type,form_field,supp,contradicts", [
    ("team", "sb_has_app", "sb_app_running", True),           # a well-run APP/小程序 is an APP/小程序
    ("park", "sb_finance_coop", "sb_finance_credit", True),   # 纯信用授信 ≥ 10万 is 供应链金融 ≥ 10万 (item 9)
    ("enterprise", "sb_has_app", "sb_store_qianhuo", False),  # a 网店 the form's item 1 does not offer
])
def test_a_supplementary_yes_the_form_answers_no_is_a_contradiction(make_workbook, app_type, form_field, supp,
                                                                      contradicts):
    """The 补充信息 answer decides the item, but a 是 there that the form's own 否 denies is the form contradicting
    itself: the reviewer is told, instead of the points going to one answer of two without a word."""
    r = _check(make_workbook, app_type, **{supp: "是", form_field: "否"})
    found = [f for f in r.findings if f.code == "FIELD_INCONSISTENT" and f.field == supp]
    assert bool(found) == contradicts, [f.message for f in r.findings]
    if contradicts:
        assert "为“否”" in found[0].message and "为“是”" in found[0].message


def test_the_enterprise_online_share_item_names_what_the_share_does_not_show(make_workbook):
    """附件5 企业 2.1.1 asks 线上线下深度融合发展、数据赋能供应链成效显著 and a 线上交易比例 of 20%: the form (item 3) and
    补充信息 ask only the share, so a share of 20% or more earns the points and the rest is named to verify, like the
    other items whose form asks only part of 附件5 (CONTRACT.md section 6)."""
    met = _check(make_workbook, "enterprise", sb_online_share=65)
    item = _item(met, "2.1.1")
    assert item.auto == 15 and "需核实" in item.reason and "数据赋能供应链" in item.reason, item.reason
    assert "2.1.1（" in _partial_gaps(met)[0].message
    below = _check(make_workbook, "enterprise", sb_online_share=10, sb_online_share_50="否")
    assert _item(below, "2.1.1").auto == 0 and "需核实" not in _item(below, "2.1.1").reason


@pytest.mark.parametrize("changes,item_id,names", [
    # 附件5 1.1.1 also counts a 网店 (黔货出山), which the form's item 1 (小程序、APP 或自媒体公众号) does not offer
    ({"sb_has_app": "否", "sb_store_qianhuo": None}, "1.1.1", ["网店", "sb_store_qianhuo"]),
    # 附件5 2.2.1 asks the ICP证号 only of a company running its own website; the form's item 5 asks it of everyone
    ({"sb_icp": "否"}, "2.2.1", ["经营独立网站", "经营批准证书"]),
    # 附件5 2.1.1 asks 20%, the form's item 3 asks 50%
    ({"sb_online_share_50": "否", "sb_online_share": None}, "2.1.1", ["20%", "线上交易占营业收入比例"]),
])
def test_a_no_to_a_stricter_form_question_is_left_to_the_reviewer(make_workbook, rules, changes, item_id, names):
    """A 否 to a form question asking more than 附件5 (or fewer alternatives) does not say 附件5 is unmet: the item
    gets 0 as data missing, and its reason names what the reviewer must verify, not 未达到."""
    item = _item(_check(make_workbook, "enterprise", **changes), item_id)
    assert item.auto == 0
    assert item.reason.startswith("数据缺失：") and "勾选“否”" in item.reason, item.reason
    for name in names:
        shown = rules.fields[name].label if name in rules.fields else name
        assert shown in item.reason, (name, item.reason)


def test_a_team_no_to_brand_and_industry_belt_cases_is_left_to_the_reviewer(make_workbook):
    """附件5 团队 2.1.3 asks "1个及以上品牌/产业带合作案例" (either one); the team's 申报表 item 6 asks "1个以上品牌及
    产业带合作案例" (both). A 否 may mean the team has one of the two: like enterprise 2.2.1 it decides nothing, the item
    gets 0 for the reviewer to judge, and the application's RULE_GAP of partly covered items names it."""
    r = _check(make_workbook, "team", sb_brand_case="否")
    item = _item(r, "2.1.3")
    assert item.auto == 0 and item.reason.startswith("数据缺失：") and "勾选“否”" in item.reason, item.reason
    assert "品牌或产业带" in item.reason and "需评审人判断" in item.reason, item.reason
    assert "2.1.3（" in _partial_gaps(r)[0].message, _partial_gaps(r)[0].message
    yes = _check(make_workbook, "team")
    assert _item(yes, "2.1.3").auto == 15 and "2.1.3（" not in _partial_gaps(yes)[0].message


def test_an_enterprise_no_left_to_the_reviewer_is_named_in_the_gap(make_workbook):
    r = _check(make_workbook, "enterprise", sb_icp="否")
    assert "2.2.1（" in _partial_gaps(r)[0].message


def test_the_gap_does_not_say_a_figure_was_a_yes(make_workbook):
    """园区 1.1.3 earns its points on the count 12 ≥ 10 (申报表第3项 asks 直播间___间, no 是/否), 基地 1.1.1 on an area,
    企业 2.1.1 on the 补充信息's 60%: the gap said they were given "按申报表的“是”", a 是 the reader looks for in vain.
    It says they were given on the form's answers."""
    for app_type, item_id in (("park", "1.1.3"), ("base", "1.1.1"), ("enterprise", "2.1.1")):
        gaps = _partial_gaps(_check(make_workbook, app_type))
        assert len(gaps) == 1 and f"{item_id}（" in gaps[0].message, [g.message for g in gaps]
        assert "“是”给了建议分" not in gaps[0].message and "按申报表的填报给了建议分" in gaps[0].message, gaps[0].message
