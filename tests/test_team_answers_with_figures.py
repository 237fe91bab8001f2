"""A team's 是/否 answers written with the figure behind them (附件2 直播团队 items 2, 5, 8 print their figure in the
question: 直播电商业务经验6个月以上, 签约主播、直播艺人5人以上, 粉丝数100万以上, 带动贵州农产品销售50万元以上),
checked with ``shibai check --json``, as the park's are (tests/test_park_answers_with_figures.py)."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json

# the 补充信息 figures left blank, as most applicants leave them: the form's answer decides (CONTRACT.md section 6)
BLANK = {"sb_fans": ..., "sb_agri_sales": ...}

BELOW = [("sb_fans_1m", "是（粉丝80万）", "2.1.2", "80万"),
         ("sb_fans_1m", "是，抖音粉丝约85.5万", "2.1.2", "85.5万"),
         ("sb_fans_1m", "是（抖音50万、快手30万）", "2.1.2", "80万"),
         ("sb_agri_sales_50w", "是（带动农产品销售30万元）", "2.4.2", "30万元"),
         ("sb_agri_sales_50w", "是（2023年带动农产品销售30万元）", "2.4.2", "30万元"),   # the year before it
         ("sb_experience_6m", "是（直播经验4个月）", "1.1.1", "4个月")]


def _inconsistent(j: dict) -> list[dict]:
    return [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]


@pytest.mark.parametrize("field,typed,item_id,said", BELOW)
def test_a_teams_yes_whose_own_remark_gives_a_figure_below_the_question_earns_nothing(make_workbook, capsys, field,
                                                                                       typed, item_id, said):
    """"是（粉丝80万）" answers 粉丝数100万以上 with 80万 (附件5 团队 2.1.2 粉丝总数达100万以上): the item earned its
    15 points without a word; it earns 0, the reason and a FIELD_INCONSISTENT warning at the cell say which figure.
    Several accounts' fans add up to the 粉丝总数 (50万 + 30万 is 80万)."""
    j = run_json(make_workbook("team", example("team", **BLANK, **{field: typed})), capsys)
    it = item(j, item_id)
    assert it["auto"] == 0 and said in it["reason"] and typed in it["reason"], it
    found = _inconsistent(j)
    assert len(found) == 1 and said in found[0]["message"] and found[0]["severity"] == "warning", j["findings"]
    assert found[0]["cell"], found


@pytest.mark.parametrize("field,typed,item_id", [("sb_fans_1m", "是，粉丝约120万", "2.1.2"),
                                                 ("sb_fans_1m", "是（抖音80万，快手30万）", "2.1.2"),
                                                 ("sb_fans_1m", "是（2023年起运营3个账号）", "2.1.2"),
                                                 ("sb_fans_1m", "是（联系电话13812345678）", "2.1.2"),
                                                 ("sb_agri_sales_50w", "是（带动农户200户，销售80万元）", "2.4.2"),
                                                 ("sb_agri_sales_50w", "是（2023年1月至12月）", "2.4.2"),
                                                 ("sb_agri_sales_50w", "是（月均销售5万元）", "2.4.2"),
                                                 ("sb_agri_sales_50w", "是，每月带动销售6万元", "2.4.2"),
                                                 ("sb_experience_6m", "是（2023年3月开始直播）", "1.1.1"),
                                                 ("sb_experience_6m", "是（成立3年，直播经验2年）", "1.1.1"),
                                                 ("sb_anchors_5", "是（签约主播8人）", "1.1.1")])
def test_a_teams_yes_whose_remark_meets_the_question_or_gives_no_such_figure_keeps_its_points(make_workbook, capsys,
                                                                                            field, typed, item_id):
    """A year, a date, a phone number or a count of something else is not the question's figure."""
    j = run_json(make_workbook("team", example("team", **BLANK, **{field: typed})), capsys)
    assert item(j, item_id)["auto"] == item(j, item_id)["max"], item(j, item_id)
    assert not _inconsistent(j), j["findings"]


@pytest.mark.parametrize("field,typed", [("sb_anchors_5", "否（目前6人）"), ("sb_fans_1m", "否（粉丝约120万）"),
                                         ("sb_agri_sales_50w", "否（带动销售60万元）")])
def test_a_teams_no_whose_own_remark_meets_the_question_is_warned(make_workbook, capsys, field, typed):
    j = run_json(make_workbook("team", example("team", **BLANK, **{field: typed})), capsys)
    found = _inconsistent(j)
    assert len(found) == 1 and "已达到" in found[0]["message"] and typed in found[0]["message"], j["findings"]


def test_a_teams_yes_for_5_anchors_with_3_in_its_remark_is_warned(make_workbook, capsys):
    """签约主播、直播艺人5人以上 has no points in 附件5 团队 (RULE_GAP), but "是（签约主播3人）" still contradicts itself."""
    j = run_json(make_workbook("team", example("team", **BLANK, sb_anchors_5="是（签约主播3人）")), capsys)
    found = _inconsistent(j)
    assert len(found) == 1 and "3人" in found[0]["message"] and "低于5人" in found[0]["message"], j["findings"]


def test_the_supplementary_fans_figure_still_decides_when_given(make_workbook, capsys):
    """补充信息 粉丝总数 1,850,000 decides 2.1.2 (CONTRACT.md section 6), whatever the remark says."""
    j = run_json(make_workbook("team", example("team", sb_fans_1m="是（抖音80万）")), capsys)
    assert item(j, "2.1.2")["auto"] == 15, item(j, "2.1.2")


def test_a_no_whose_remark_meets_both_figures_of_its_question_is_one_warning(make_workbook, capsys):
    """附件2 团队 item 2 prints two figures (成立1年以上, 经验6个月以上): "否（成立3年，直播经验2年）" meets both and
    was warned twice on the one cell; one warning names both figures."""
    j = run_json(make_workbook("team", example("team", **BLANK, sb_experience_6m="否（成立3年，直播经验2年）")), capsys)
    found = _inconsistent(j)
    assert len(found) == 1, j["findings"]
    assert "6个月" in found[0]["message"] and "12个月" in found[0]["message"], found[0]["message"]


@pytest.mark.parametrize("field,typed,item_id", [("sb_fans_1m", "是（粉丝近100万）", "2.1.2"),
                                                 ("sb_fans_1m", "是（粉丝不到100万）", "2.1.2"),
                                                 ("sb_agri_sales_50w", "是（带动农产品销售不足50万元）", "2.4.2"),
                                                 ("sb_agri_sales_50w", "是（带动销售40万元以下）", "2.4.2")])
def test_a_teams_yes_whose_remark_stays_under_the_questions_figure_earns_nothing(make_workbook, capsys, field, typed,
                                                                                   item_id):
    """"是（粉丝近100万）" says fewer than 100万 fans (附件5 团队 2.1.2 粉丝总数达100万以上): it was read as 100万 and
    earned the 15 points without a word; it earns 0 with the FIELD_INCONSISTENT warning "是（粉丝80万）" gets."""
    j = run_json(make_workbook("team", example("team", **BLANK, **{field: typed})), capsys)
    it = item(j, item_id)
    assert it["auto"] == 0 and typed in it["reason"], it
    found = _inconsistent(j)
    assert len(found) == 1 and typed in found[0]["message"], j["findings"]


@pytest.mark.parametrize("typed", ["是（粉丝不到150万）", "是（粉丝150万以内）"])
def test_a_teams_yes_whose_remark_gives_only_a_cap_above_the_figure_is_for_the_reviewer(make_workbook, capsys, typed):
    """"不到150万" may be 100万 or more, or not: no points and no contradiction, the reason says to verify."""
    j = run_json(make_workbook("team", example("team", **BLANK, sb_fans_1m=typed)), capsys)
    it = item(j, "2.1.2")
    assert it["auto"] == 0 and "核实" in it["reason"], it
    assert not _inconsistent(j), j["findings"]


@pytest.mark.parametrize("field,typed,item_id", [("sb_fans_1m", "是（粉丝近200万）", "2.1.2"),
                                                 ("sb_fans_1m", "是（粉丝不少于120万）", "2.1.2"),
                                                 ("sb_fans_1m", "是（粉丝不低于120万）", "2.1.2"),
                                                 ("sb_experience_6m", "是（直播经验近2年）", "1.1.1")])
def test_a_teams_yes_whose_remark_is_just_under_a_figure_well_above_the_question_keeps_its_points(
        make_workbook, capsys, field, typed, item_id):
    """"近200万" is just under 200万, as "约200万" is about it: it meets 100万以上 (only "近100万" does not)."""
    j = run_json(make_workbook("team", example("team", **BLANK, **{field: typed})), capsys)
    assert item(j, item_id)["auto"] == item(j, item_id)["max"], item(j, item_id)
    assert not _inconsistent(j), j["findings"]


@pytest.mark.parametrize("fans", ["粉丝总数120万", "粉丝数120万", "全网粉丝120万", "全网粉丝数1200000"])
def test_the_fans_figure_typed_after_the_questions_own_words_is_read(make_workbook, capsys, fans):
    """"粉丝总数：120万" was read, "粉丝总数120万" (the 补充信息 label typed before the figure without the colon), "粉丝数
    120万" (附件2 item 5's words) and "全网粉丝120万" (every platform's, the 粉丝总数 附件5 团队 2.1.2 asks) were
    "无法识别": a FIELD_AMOUNT error and 0 of the 15 points though the form said 是."""
    j = run_json(make_workbook("team", example("team", sb_fans=fans)), capsys)
    assert item(j, "2.1.2")["auto"] == 15, item(j, "2.1.2")
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "error"], j["findings"]
