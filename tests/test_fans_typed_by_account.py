"""The team's 补充信息 粉丝总数 (附件5 团队 2.1.2 "粉丝总数达100万以上", 15分) typed as each account's fans, as teams
count them ("抖音80万，快手30万"), checked with ``shibai check --json``. The same words beside the form's 是 were added
up (the year file's remark claim, ``total = true``) while in the 粉丝总数 cell they were "填写了多个数字" and the item
0 分 数据缺失 — the field decides when it is filled (CONTRACT.md section 6): it now decides on their sum, said."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json


def _check(make_workbook, capsys, fans, answer="是"):
    return run_json(make_workbook("team", example("team", sb_fans=fans, sb_fans_1m=answer)), capsys)


def _codes(j: dict, code: str) -> list[dict]:
    return [f for f in j["findings"] if f["code"] == code]


@pytest.mark.parametrize("fans,total,auto", [("抖音80万，快手30万", "1100000", 15),    # was 0, 数据缺失
                                             ("抖音粉丝80万、快手粉丝20万", "1000000", 15),   # 100万 exactly: 以上 includes it
                                             ("抖音：80万；快手：19万", "990000", 0),
                                             # one account a line (Alt+Enter in the cell), or spaces between them:
                                             # was “不是数字”, 0分 数据缺失
                                             ("抖音：80万\n快手：30万", "1100000", 15),
                                             ("抖音80万  快手30万", "1100000", 15)])
def test_the_accounts_fans_add_up_to_the_total(make_workbook, capsys, fans, total, auto):
    j = _check(make_workbook, capsys, fans)
    it = item(j, "2.1.2")
    assert it["auto"] == auto and total in it["reason"], it
    said = [f for f in _codes(j, "FIELD_AMOUNT") if f["severity"] == "warning"]
    assert said and f"按各项之和{total}人计" in said[0]["message"], j["findings"]
    assert not [f for f in _codes(j, "FIELD_AMOUNT") if f["severity"] == "error"], j["findings"]
    # the form's 是 against a sum under 100万 is the contradiction it is for any figure
    assert bool(_codes(j, "FIELD_INCONSISTENT")) is (auto == 0), j["findings"]


@pytest.mark.parametrize("fans", ["抖音约80万，快手30万", "120万，其中抖音80万", "2023年80万，2024年110万"])
def test_a_share_a_year_or_a_figure_not_exact_stays_unread(make_workbook, capsys, fans):
    """A share of another figure, two years' figures or a figure not exact: no sum is made, the cell is unreadable as
    before and the item waits for the applicant."""
    j = _check(make_workbook, capsys, fans)
    assert item(j, "2.1.2")["auto"] == 0 and "无法识别" in item(j, "2.1.2")["reason"], item(j, "2.1.2")
    assert [f for f in _codes(j, "FIELD_AMOUNT") if f["severity"] == "error"], j["findings"]


@pytest.mark.parametrize("typed,auto,total", [("茶叶30万元，辣椒25万元", 10, "55万元"),   # was 0, 数据缺失
                                              ("茶叶30万元、辣椒15万元", 0, "45万元")])
def test_each_products_sales_add_up_to_the_agricultural_total(make_workbook, capsys, typed, auto, total):
    """附件5 团队 2.4.2 "年度带动贵州农产品销售总额达50万元以上": the 补充信息 年度带动贵州农产品销售额 typed product by
    product is their sum, said in a warning."""
    j = run_json(make_workbook("team", example("team", sb_agri_sales=typed)), capsys)
    assert item(j, "2.4.2")["auto"] == auto and total in item(j, "2.4.2")["reason"], item(j, "2.4.2")
    assert [f for f in _codes(j, "FIELD_AMOUNT") if f["severity"] == "warning" and f"按各项之和{total}计" in f["message"]]


@pytest.mark.parametrize("remark,auto,contradiction", [("是（茶叶30万元，辣椒25万元）", 10, False),   # was 0 and "低于50万元"
                                                      ("否（茶叶30万元，辣椒25万元）", 0, True),   # 55万 meets it: 否 contradicts
                                                      ("是（2023年30万元，2022年25万元）", 0, True)])   # two years: no total
def test_the_products_in_the_remark_beside_the_answer_add_up(make_workbook, capsys, remark, auto, contradiction):
    """The same sales written beside the form's item 8 "年度带动贵州农产品销售 50 万元以上 □是□否" with the 补充信息
    blank: "是（茶叶30万元，辣椒25万元）" was 0 分 and a FIELD_INCONSISTENT "30万元、25万元，低于50万元"."""
    j = run_json(make_workbook("team", example("team", sb_agri_sales=None, sb_agri_sales_50w=remark)), capsys)
    assert item(j, "2.4.2")["auto"] == auto, item(j, "2.4.2")
    assert bool(_codes(j, "FIELD_INCONSISTENT")) is contradiction, j["findings"]


@pytest.mark.parametrize("answer,remark,item_id,auto", [
    ("sb_fans_1m", "是（抖音50万，快手30万，合计80万）", "2.1.2", 0),          # was 15: 50+30+80 = 160万
    ("sb_agri_sales_50w", "是（茶叶20万元，辣椒15万元，合计35万元）", "2.4.2", 0),
    ("sb_fans_1m", "是（抖音60万，快手50万，合计110万）", "2.1.2", 15),
    ("sb_fans_1m", "抖音50万，快手30万，合计80万", "2.1.2", 0),
    ("sb_fans_1m", "是（抖音50万，快手30万，共80万）", "2.1.2", 0)])        # typed for the answer: was 是, 15
def test_a_total_written_beside_its_parts_is_not_added_again(make_workbook, capsys, answer, remark, item_id, auto):
    """The accounts' or products' figures written with their own 合计 beside the answer: the 合计 is the total, not one
    more part to add (the 补充信息 left blank, so the remark decides)."""
    blank = "sb_fans" if answer == "sb_fans_1m" else "sb_agri_sales"
    j = run_json(make_workbook("team", example("team", **{answer: remark, blank: None})), capsys)
    assert item(j, item_id)["auto"] == auto, item(j, item_id)
    assert bool(_codes(j, "FIELD_INCONSISTENT")) is (auto == 0 and remark.startswith("是")), j["findings"]


@pytest.mark.parametrize("fans,auto,differs", [("抖音80万，快手30万，合计110万", 15, False),
                                               ("抖音60万，快手30万，合计90万", 0, False),
                                               ("抖音80万，快手30万，合计100万", 15, True)])
def test_the_total_typed_after_its_parts_is_the_figure(make_workbook, capsys, fans, auto, differs):
    """粉丝总数 typed with its 合计 after the accounts: the 合计 is the figure (adding it to its parts would count it
    twice); parts adding up to something else are said beside it."""
    j = _check(make_workbook, capsys, fans)
    assert item(j, "2.1.2")["auto"] == auto, item(j, "2.1.2")
    said = [f["message"] for f in _codes(j, "FIELD_AMOUNT")]
    assert said and "按所写合计" in said[0] and ("与合计不符" in said[0]) is differs, said


@pytest.mark.parametrize("typed,auto", [("培训室2个、会议室3个", 5), ("培训室2个、会议室2个", 0),
                                        ("会议室2个，培训室2个，共4个", 0)])   # its 共 is the total, not one more part
def test_the_parks_public_areas_typed_by_kind_add_up(make_workbook, capsys, typed, auto):
    """园区 item 3 "公共区域____个（含培训、会议室）" typed room kind by room kind: their sum is the count 附件5 1.1.3 asks
    (公共区域 5个及以上); was unreadable and 1.1.3 0 分 数据缺失."""
    j = run_json(make_workbook("park", example("park", sb_public_areas=typed)), capsys)
    assert item(j, "1.1.3")["auto"] == auto and "无法识别" not in item(j, "1.1.3")["reason"], item(j, "1.1.3")
