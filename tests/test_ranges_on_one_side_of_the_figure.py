"""A figure typed as a range ("50-80万", "20-40万美元", "300-400万"): it meets a criterion when all of it does (its lower
end, as before) and fails one when all of it fails, as its upper end says (QA qa74g). Before, a range was read as its
lower end alone, so one wholly under a 附件5 item or threshold left it 待定 ("下限未达到…，请核实后再评分") and a
range wholly under 50万美元 lost 4.3's 3分. A range across the figure ("80-120万" for 100万) still decides nothing."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json


@pytest.mark.parametrize("app_type,field,typed,item_id,said", [
    ("team", "sb_fans", "50-80万", "2.1.2", "粉丝总数800000人（填写为“50-80万”，按上限计） < 1000000人"),
    ("base", "sb_area_ecom", "300-400平方米", "1.1.1", "400平方米（填写为“300-400平方米”，按上限计） < 500平方米"),
    ("enterprise", "sb_online_share", "10-15%", "2.1.1", "15%（填写为“10-15%”，按上限计） < 20%"),
    ("park", "sb_crossborder_usd", "20-40万美元", "4.2", "400000美元（填写为“20-40万美元”，按上限计） ≤ 500000美元"),
])
def test_a_range_wholly_under_the_items_figure_is_not_met(make_workbook, capsys, app_type, field, typed, item_id, said):
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed})), capsys)
    it = item(j, item_id)
    assert it["auto"] == 0 and it["reason"].startswith("未达到：") and said in it["reason"], it


def test_a_range_wholly_under_500k_usd_earns_4_3(make_workbook, capsys):
    j = run_json(make_workbook("base", example("base", sb_crossborder_usd="20至40万美元")), capsys)
    it = item(j, "4.3")
    assert it["auto"] == 3 and "400000美元（填写为“20至40万美元”，按上限计） < 500000美元" in it["reason"], it


@pytest.mark.parametrize("app_type,field,typed,item_ids", [
    ("team", "sb_fans", "80-120万", ["2.1.2"]),
    ("team", "sb_fans", "80至120万", ["2.1.2"]),
    ("park", "sb_crossborder_usd", "40-60万美元", ["4.2", "4.3"]),
])
def test_a_range_across_the_items_figure_decides_nothing(make_workbook, capsys, app_type, field, typed, item_ids):
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed})), capsys)
    for item_id in item_ids:
        it = item(j, item_id)
        assert it["auto"] == 0 and it["reason"].startswith("数据缺失：") and "请核实后再评分" in it["reason"], it


@pytest.mark.parametrize("app_type,field,typed,code,said", [
    ("team", "sb_live_sales", "300-400万", "ELIG_LIVE_SALES", "400万元（填写为“300-400万”，按上限计），低于门槛500万元"),
    ("park", "sb_trade_total", "2-2.5亿", "ELIG_TRADE", "2.5亿元（25000万元）（填写为“2-2.5亿”，按上限计），低于门槛3亿元"),
])
def test_a_range_wholly_under_the_threshold_fails_it(make_workbook, capsys, app_type, field, typed, code, said):
    j = run_json(make_workbook(app_type, example(app_type, **{field: typed})), capsys)
    assert j["eligible"] is False, j["findings"]
    [f] = [f for f in j["findings"] if f["code"] == code]
    assert f["severity"] == "error" and said in f["message"], f


def test_a_range_across_the_threshold_decides_nothing(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_live_sales="400-600万")), capsys)
    assert j["eligible"] is None and not [f for f in j["findings"] if f["code"] == "ELIG_LIVE_SALES"], j["findings"]


def test_a_range_wholly_under_the_questions_figure_contradicts_its_yes(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_fans="50-80万", sb_fans_1m="是")), capsys)
    [f] = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert "勾选“粉丝数100万以上”为“是”，但粉丝总数为800000人（填写为“50-80万”，按上限计）" in f["message"], f
