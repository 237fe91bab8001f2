"""A remark giving its figure in Chinese numerals, as people write in a sentence ("是，每年培训四次", "是（粉丝八十万）"):
the figure is the one "是，每年培训4次" gives (QA qa74b). Figures typed in a figure field are read in Chinese numerals
("十家", "伍拾万元"); in a remark they were not read at all, so a 是 whose remark says 四次 for 附件2 园区 item 10
"培训不少于 5 次" kept its points while "4次" lost them."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json

BLANK = {"sb_fans": ..., "sb_agri_sales": ...}


def _inconsistent(j: dict) -> list[dict]:
    return [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]


@pytest.mark.parametrize("app_type,field,typed,item_id,said", [
    ("park", "sb_talent_policy", "是，每年培训四次", "2.2.2", "4次，低于5次"),
    ("park", "sb_talent_policy", "是（单次四十人）", "2.2.2", "40人，低于50人"),
    ("park", "sb_finance_coop", "是（授信五万）", "2.2.1", "5万元，低于10万元"),
    ("park", "sb_bandwidth_100m", "是（五十兆）", "1.1.2", "50Mbps，低于100Mbps"),
    ("base", "sb_talent_policy", "是（每年一次）", "2.2.2", "1次，低于2次"),
    ("base", "sb_talent_policy", "是（单次十五人）", "2.2.2", "15人，低于20人"),
    ("team", "sb_experience_6m", "是（直播经验五个月）", "1.1.1", "5个月，低于6个月"),
    ("team", "sb_experience_6m", "是（直播经验不到半年）", "1.1.1", "不到6个月，低于6个月"),
    ("team", "sb_fans_1m", "是（粉丝八十万）", "2.1.2", "80万，低于100万"),
    ("team", "sb_agri_sales_50w", "是（带动销售三十万元）", "2.4.2", "30万元，低于50万元"),
    # a numeral before another word than the figure's unit stays as written: the clause is read past it, as before
    ("park", "sb_talent_policy", "是（一年培训4次）", "2.2.2", "4次，低于5次"),
    ("park", "sb_talent_policy", "是（与三家高校合作培训四次）", "2.2.2", "4次，低于5次"),
    ("team", "sb_agri_sales_50w", "是（一年带动销售三十万元）", "2.4.2", "30万元，低于50万元"),
])
def test_a_yes_whose_remark_says_a_lower_figure_in_chinese_numerals_earns_nothing(make_workbook, capsys, app_type,
                                                                                  field, typed, item_id, said):
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed}, **BLANK)), capsys)
    it = item(j, item_id)
    assert it["auto"] == 0 and said in it["reason"], it
    [f] = _inconsistent(j)
    assert f["severity"] == "warning" and said.split("，")[0] in f["message"], f


@pytest.mark.parametrize("app_type,field,typed,item_id", [
    ("park", "sb_talent_policy", "是，每年培训五次，单次五十人", "2.2.2"),
    ("park", "sb_bandwidth_100m", "是（千兆光纤）", "1.1.2"),
    ("park", "sb_finance_coop", "是（授信十万）", "2.2.1"),
    ("base", "sb_talent_policy", "是（每年两次，单次二十人）", "2.2.2"),
    ("team", "sb_fans_1m", "是（粉丝一百二十万）", "2.1.2"),
    ("team", "sb_agri_sales_50w", "是（带动销售五十万元）", "2.4.2"),
    ("team", "sb_experience_6m", "是（直播经验半年以上）", "1.1.1"),
    ("team", "sb_experience_6m", "是（2023年上半年开始直播，经验一年）", "1.1.1"),
    # words holding a numeral that are no count: 一次性 (at once), 园区二期 (the second phase), 统一, 数十人 (tens of)
    ("park", "sb_talent_policy", "是（与高校合作一次性签约，园区二期建有培训中心，统一组织，每次数十人）", "2.2.2"),
])
def test_a_remark_meeting_the_figure_in_chinese_numerals_keeps_the_points(make_workbook, capsys, app_type, field,
                                                                          typed, item_id):
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed}, **BLANK)), capsys)
    it = item(j, item_id)
    assert it["auto"] == it["max"], it
    assert not _inconsistent(j), j["findings"]


def test_a_no_whose_remark_meets_the_figure_in_chinese_numerals_is_warned(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_fans_1m="否（粉丝一百二十万）", **BLANK)), capsys)
    [f] = _inconsistent(j)
    assert "120万" in f["message"] and "已达到100万" in f["message"], f


@pytest.mark.parametrize("app_type,field,typed,item_id,points", [
    ("team", "sb_fans_1m", "一百八十五万", "2.1.2", 15),
    ("team", "sb_fans_1m", "八十万", "2.1.2", 0),
    ("team", "sb_agri_sales_50w", "三十万元", "2.4.2", 0),
    ("park", "sb_talent_policy", "每年四次，单次六十人", "2.2.2", 0),
])
def test_a_figure_typed_in_chinese_numerals_instead_of_the_answer_is_read(make_workbook, capsys, app_type, field,
                                                                           typed, item_id, points):
    """"185万" typed in the 是/否 cell of 团队 item 5 "粉丝数 100 万以上" answers it (engine/figure_answers.py); "一百八十五万"
    was "无法识别" and the item 数据缺失."""
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed}, **BLANK)), capsys)
    it = item(j, item_id)
    assert it["auto"] == points and "无法识别" not in it["reason"], it
