"""A 附件5 item's figure typed as an upper bound ("不足50万美元", "不到90万", "不足1000平方米", "少于5家"): the figure
stays unread (its FIELD_AMOUNT error asks for the exact one), but the item is decided as the thresholds decide it (QA
qa74g). Before, every such item was 数据缺失 "无法识别": 4.3's 3分 for 跨境电商 under 50万美金 ("有跨境电商业务版块且
年销售额小于50万美金的") was lost, and an item the bound cannot reach gave no 未达到 reason. A bound that may reach the
figure ("50万美元以下" may be 50万美元: 以下 includes it, 民法典 第一千二百五十九条) is checked by a person; a bound in
人民币 for the 美元 field stays unread, as an exact figure in 人民币 does."""
from __future__ import annotations

import pytest

from tests.conftest import example, example_residents
from tests.test_forms_as_filled import item, run_json


@pytest.mark.parametrize("app_type,typed,said", [
    ("park", "不足50万美元", "即少于500000美元，低于500000美元"),
    ("park", "不到50万美金", "即少于500000美元"),
    ("base", "30万美元以下", "即至多300000美元，低于500000美元"),
    ("base", "低于50万美元", "即少于500000美元"),
])
def test_cross_border_sales_under_500k_usd_earn_4_3(make_workbook, capsys, app_type, typed, said):
    j = run_json(make_workbook(app_type, example(app_type, sb_crossborder_usd=typed)), capsys)
    over, under = item(j, "4.2"), item(j, "4.3")
    assert under["auto"] == 3 and under["reason"].startswith("符合：") and said in under["reason"], under
    assert under["reason"].count(typed) == 1, under    # said once, not once per criterion (有业务, 小于50万美金)
    assert over["auto"] == 0 and over["reason"].startswith("未达到：") and typed in over["reason"], over
    [f] = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"]    # the exact figure is still asked
    assert typed in f["message"] and "请填写确切金额" in f["message"] and f["severity"] == "error", f


def test_cross_border_sales_at_most_500k_usd_may_be_exactly_500k(make_workbook, capsys):
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd="50万美元以下")), capsys)
    over, under = item(j, "4.2"), item(j, "4.3")
    assert over["auto"] == 0 and over["reason"].startswith("未达到：") and "不超过500000美元" in over["reason"], over
    assert under["auto"] == 0 and "无法判断是否 < 500000美元，请核实后再评分" in under["reason"], under


def test_cross_border_sales_under_a_bound_in_rmb_stay_unread(make_workbook, capsys):
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd="不到300万元")), capsys)
    assert item(j, "4.3")["reason"] == "数据缺失：跨境电商年销售额填写为“不到300万元”，无法识别"


@pytest.mark.parametrize("app_type,field,typed,item_id,said", [
    ("team", "sb_fans", "不到90万", "2.1.2", "粉丝总数填写为“不到90万”，即少于900000人，低于1000000人"),
    ("team", "sb_agri_sales", "不足30万元", "2.4.2", "即少于30万元，低于50万元"),
    ("park", "sb_area_ecom", "不足1000平方米", "1.1.1", "即少于1000平方米，低于1000平方米"),
    ("base", "sb_area_ecom", "400平方米以下", "1.1.1", "即至多400平方米，低于500平方米"),
    ("park", "sb_incubated", "少于5家", "2.2.3", "即少于5家，低于10家"),
    ("enterprise", "sb_online_share", "不到15%", "2.1.1", "即少于15%，低于20%"),
])
def test_an_upper_bound_under_the_items_figure_is_not_met(make_workbook, capsys, app_type, field, typed, item_id, said):
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed})), capsys)
    it = item(j, item_id)
    assert it["auto"] == 0 and it["reason"].startswith("未达到：") and said in it["reason"], it


def test_an_upper_bound_that_may_reach_the_items_figure_is_checked(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_fans="100万以下")), capsys)
    it = item(j, "2.1.2")
    assert it["auto"] == 0 and "即至多1000000人，无法判断是否 ≥ 1000000人，请核实后再评分" in it["reason"], it


@pytest.mark.parametrize("app_type,field,typed,item_id,said", [
    ("park", "sb_crossborder_usd", "跨境电商年销售额不足50万美元", "4.3", "即少于500000美元，低于500000美元"),
    ("base", "sb_crossborder_usd", "跨境电商年销售额实现不到30万美元", "4.3", "即少于300000美元，低于500000美元"),
])
def test_an_upper_bound_after_the_forms_own_label_is_read(make_workbook, capsys, app_type, field, typed, item_id, said):
    """The form prints "跨境电商年销售额实现____美元" (园区 21, 基地 17): the line copied with its figure under a bound
    is read as the bound, as an exact figure after the label is."""
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed})), capsys)
    it = item(j, item_id)
    assert it["auto"] == 3 and said in it["reason"], it


def test_a_thresholds_upper_bound_after_the_forms_own_label_fails_it(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_live_sales="年度直播销售额不到500万元")), capsys)
    assert j["eligible"] is False, j["findings"]
    [f] = [f for f in j["findings"] if f["code"] == "ELIG_LIVE_SALES"]
    assert "即少于500万元，低于门槛500万元" in f["message"], f


@pytest.mark.parametrize("field,typed,claim", [("sb_fans", "不到90万", "粉丝数100万以上"),
                                               ("sb_agri_sales", "不足30万元", "年度带动贵州农产品销售50万元以上")])
def test_an_upper_bound_under_the_questions_figure_contradicts_its_yes(make_workbook, capsys, field, typed, claim):
    """The 是 of "粉丝数100万以上" beside 粉丝总数 "不到90万" is said as a contradiction, as beside 80万 it is: the
    item is scored on the figure, and the applicant learns why its 是 earned nothing."""
    j = run_json(make_workbook("team", example("team", **{field: typed})), capsys)
    [f] = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert f"勾选“{claim}”为“是”，但" in f["message"] and f"填写为“{typed}”" in f["message"], f


def test_an_upper_bound_that_may_reach_the_questions_figure_contradicts_nothing(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_fans="100万以下")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


def test_an_upper_bound_with_its_figure_at_a_rate_in_brackets_is_read(make_workbook, capsys):
    """"30万美元（约合人民币210万元）" is read as 30万美元, the bracket a remark: so is the bound "不足50万美元（约合人民币
    350万元）"; a bracket with another figure of the field ("其中欧洲30万美元") leaves it unknown what the bound is of."""
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd="不足50万美元（约合人民币350万元）")), capsys)
    assert item(j, "4.3")["auto"] == 3, item(j, "4.3")
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd="不足50万美元（其中欧洲30万美元）")), capsys)
    assert item(j, "4.3")["auto"] == 0 and "无法识别" in item(j, "4.3")["reason"], item(j, "4.3")


@pytest.mark.parametrize("app_type", ["park", "base"])
@pytest.mark.parametrize("typed,status,said", [
    # 附件5 2.1.2 sums the four counts (示范、统计调查、上市、授权运营企业) against 1家: a bound wholly under it is
    # 未达到 with the bound said, as one figure's is; a bound or a range that may reach it is checked by a person
    ("不足1家", "未达到：", "填写为“不足1家”，即少于1家、"),
    ("近1家", "未达到：", "合计少于1家，低于1家"),
    ("0-0家", "未达到：", "合计至多0家，低于1家"),
    ("不足3家", "数据缺失：", "合计少于3家，无法判断是否 ≥ 1家，请核实后再评分"),
    ("1家以下", "数据缺失：", "合计至多1家，无法判断是否 ≥ 1家，请核实后再评分"),
])
def test_a_sum_items_count_typed_as_an_upper_bound_decides_as_one_figures(make_workbook, capsys, app_type, typed,
                                                                            status, said):
    zeros = dict.fromkeys(("sb_survey_enterprises", "sb_listed_enterprises", "sb_authorized_enterprises"), 0)
    path = make_workbook(app_type, example(app_type, sb_demo_enterprises=typed, **zeros), residents=_unmarked(app_type))
    it = item(run_json(path, capsys), "2.1.2")
    assert it["auto"] == 0 and it["reason"].startswith(status) and said in it["reason"], it
    assert "无法识别" not in it["reason"], it


def test_a_sum_items_bound_beside_a_count_that_reaches_it_is_met(make_workbook, capsys):
    changes = dict(sb_demo_enterprises="不到2家", sb_survey_enterprises=1)
    it = item(run_json(make_workbook("park", example("park", **changes), residents=_unmarked("park")), capsys), "2.1.2")
    assert it["auto"] == 5 and "即少于2家" in it["reason"] and "合计2家 ≥ 1家" in it["reason"], it


def _unmarked(app_type):
    """The example 附件3 list with no company marked in 备注 (示范企业 …): the form's counts decide 2.1.2."""
    return [dict(r, 备注="") for r in example_residents(app_type)]
