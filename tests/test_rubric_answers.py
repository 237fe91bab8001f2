"""附件5 items on answers a person gives besides 是/否 and plain numbers: a blank, an answer that cannot be
read, a blank box the 入驻企业名单 settles. Real workbooks from ``shibai new``, scored by ``shibai check --json``."""
from __future__ import annotations

import json

import pytest

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.conftest import example

KINDS = ("sb_demo_enterprises", "sb_survey_enterprises", "sb_listed_enterprises", "sb_authorized_enterprises")
PARK_SERVICES = ("sb_svc_live", "sb_svc_crossborder", "sb_svc_collab", "sb_svc_logistics", "sb_svc_photo", "sb_svc_cs",
                 "sb_svc_agency", "sb_svc_accounting", "sb_svc_patent", "sb_svc_consulting", "sb_svc_legal")


def _item(make_workbook, capsys, app_type, item_id, residents="default", **changes):
    path = make_workbook(app_type, example(app_type, **changes), residents=residents)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    return next(i for i in data["score"]["items"] if i["id"] == item_id)


def _park_list(notes=True, staff=None):
    rows = example_residents("park")
    for r in rows:
        if not notes:
            r["备注"] = None
        if staff is not None:
            r["从业人数"] = staff
    return rows


# --- 2.1.2 示范/统计调查/上市/授权企业: a sum of four counts ------------------------------------------

def test_the_sum_reason_says_which_counts_it_added(make_workbook, capsys):
    it = _item(make_workbook, capsys, "park", "2.1.2")
    assert it["auto"] == 5
    assert it["reason"].startswith("符合：列为国家级或省级示范企业2家、列为商务部商贸流通典型统计调查企业1家、已上市企业0家、"
                                   "知名电商平台授权运营企业1家，合计4家 ≥ 1"), it["reason"]


@pytest.mark.parametrize("app_type", ["park", "base"])
def test_an_unreadable_count_is_no_zero_in_the_sum(make_workbook, capsys, app_type):
    """“若干” (several) cannot be read: the sum of the other three (0) is no reason to say 未达到."""
    rows = example_residents(app_type)
    for r in rows:
        r["备注"] = None       # the list says nothing about these companies: the form's counts stand
    zeros = dict.fromkeys(KINDS, 0)
    it = _item(make_workbook, capsys, app_type, "2.1.2", residents=rows, **{**zeros, "sb_demo_enterprises": "若干"})
    assert it["auto"] == 0
    assert it["reason"].startswith("数据缺失："), it["reason"]
    assert "“若干”" in it["reason"] and "合计0家 < 1" not in it["reason"], it["reason"]


def test_a_blank_count_beside_zeros_is_missing_not_zero(make_workbook, capsys):
    zeros = dict.fromkeys(KINDS, 0)
    it = _item(make_workbook, capsys, "park", "2.1.2", residents=_park_list(notes=False),
               **{**zeros, "sb_listed_enterprises": None})
    assert it["auto"] == 0
    assert it["reason"].startswith("数据缺失：") and "已上市企业未填写" in it["reason"], it["reason"]


def test_the_counts_that_were_read_can_already_meet_the_item(make_workbook, capsys):
    zeros = dict.fromkeys(KINDS, 0)
    it = _item(make_workbook, capsys, "park", "2.1.2", residents=_park_list(notes=False),
               **{**zeros, "sb_demo_enterprises": "若干", "sb_listed_enterprises": 1})
    assert it["auto"] == 5, it["reason"]
    assert it["reason"].startswith("符合：") and "已上市企业1家" in it["reason"], it["reason"]


# --- 园区 2.4.1 员工总数不低于50: the list decides a blank box as it decides 否 -------------------------

@pytest.mark.parametrize("answer", [None, "不涉及"])
def test_a_blank_staff_box_is_decided_by_the_list(make_workbook, capsys, answer):
    """The example list sums to 111 staff: 否 is overridden to 5 points, so a blank box is too."""
    it = _item(make_workbook, capsys, "park", "2.4.1", sb_staff_50=answer)
    assert it["auto"] == 5, it["reason"]
    assert "名单从业人数合计111人" in it["reason"], it["reason"]
    said = "未填写" if answer is None else "填写为“不涉及”"
    assert said in it["reason"], it["reason"]


def test_a_blank_staff_box_and_a_complete_list_below_50_is_not_met(make_workbook, capsys):
    it = _item(make_workbook, capsys, "park", "2.4.1", residents=_park_list(staff=3), sb_staff_50=None)
    assert it["auto"] == 0
    assert it["reason"].startswith("未达到：") and "名单从业人数合计36人" in it["reason"], it["reason"]


def test_a_blank_staff_box_and_an_incomplete_list_below_50_stays_missing(make_workbook, capsys):
    rows = _park_list(staff=3)
    rows[0]["从业人数"] = None
    it = _item(make_workbook, capsys, "park", "2.4.1", residents=rows, sb_staff_50=None)
    assert it["auto"] == 0
    assert it["reason"].startswith("数据缺失："), it["reason"]


# --- 园区 2.2.4 / 基地 2.2.3: ticked services --------------------------------------------------------

def test_an_unreadable_service_answer_is_not_read_as_unticked(make_workbook, capsys):
    answers = {**dict.fromkeys(PARK_SERVICES, "否"), "sb_svc_legal": "有偿"}
    it = _item(make_workbook, capsys, "park", "2.2.4", **answers)
    assert it["auto"] == 0
    assert it["reason"].startswith("数据缺失：") and "“有偿”" in it["reason"], it["reason"]


# --- a figure that decides before a box (企业 2.1.1 线上交易比例 → 第3项) --------------------------------

def test_the_unreadable_figure_is_said_before_the_box(make_workbook, capsys):
    it = _item(make_workbook, capsys, "enterprise", "2.1.1", sb_online_share="约30%", sb_online_share_50="否")
    assert it["auto"] == 0
    assert it["reason"].startswith("数据缺失：") and "“约30%”" in it["reason"], it["reason"]


# --- 基地 1.1.3: the form has no question, 补充信息 answered with something that cannot be read ----------

def test_the_reviewer_item_says_what_was_typed(make_workbook, capsys):
    """Blank, it is for the reviewer (申报表没有对应的填报项…未填写); filled, it is scored (y2024.toml "manual")."""
    it = _item(make_workbook, capsys, "base", "1.1.3", sb_base_functions="不涉及")
    assert it["auto"] == 0
    assert it["reason"].startswith("数据缺失：") and "“不涉及”" in it["reason"] and "未填写" not in it["reason"], it["reason"]


# --- the list replaces a form answer that cannot be read: the reason says what was typed -------------

def test_an_unreadable_resident_count_is_said_as_typed(make_workbook, capsys):
    it = _item(make_workbook, capsys, "park", "2.1.1", sb_resident_count="十余家")
    assert it["auto"] == 5
    assert "名单12家" in it["reason"] and "“十余家”" in it["reason"] and "未填写" not in it["reason"], it["reason"]


def test_an_unreadable_count_replaced_by_the_list_notes_is_said_as_typed(make_workbook, capsys):
    it = _item(make_workbook, capsys, "base", "2.1.2", **{**dict.fromkeys(KINDS, 0), "sb_demo_enterprises": "约3"})
    assert it["auto"] == 5
    assert "按入驻企业名单备注计" in it["reason"] and "“约3”" in it["reason"], it["reason"]
    assert "申报表填报合计0家" not in it["reason"], it["reason"]


# --- "无" typed in a number cell: none of it -----------------------------------------------------------

@pytest.mark.parametrize("typed", ["无", "暂无", "没有"])
def test_no_cross_border_business_typed_as_wu_scores_nothing_without_an_error(make_workbook, capsys, typed):
    """A park without cross-border sales writes "无" in 跨境电商年销售额: 4.2 and 4.3 give 0 points as for 0, and
    no FIELD_AMOUNT error asks for a figure the applicant does not have."""
    path = make_workbook("park", example("park", sb_crossborder_usd=typed))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    items = {i["id"]: i for i in data["score"]["items"]}
    assert items["4.2"]["auto"] == 0 and items["4.3"]["auto"] == 0
    assert "数据缺失" not in items["4.3"]["reason"]
    assert not [f for f in data["findings"] if f.get("field") == "sb_crossborder_usd"]


# --- 团队 2.4.2 农产品销售额 typed in 元 in the 万元 cell -------------------------------------------------

@pytest.mark.parametrize("box", ["否", None, "是"])
def test_an_agri_figure_that_looks_typed_in_yuan_earns_nothing_until_checked(make_workbook, capsys, box):
    """400000 in the 万元 cell reads 40亿元 and is flagged as probably 元 (40万元, under 附件5's 50万元): the
    threshold items of 前置条件 are 待定 on such a figure, and the score item must not give its 10 points on it
    either (nor let the box below decide, the figure being filled)."""
    it = _item(make_workbook, capsys, "team", "2.4.2", sb_agri_sales=400000, sb_agri_sales_50w=box)
    assert it["auto"] == 0, it["reason"]
    assert it["reason"].startswith("数据缺失：") and "误按元" in it["reason"] and "请核实" in it["reason"], it["reason"]


def test_an_agri_figure_with_its_unit_typed_is_no_doubt(make_workbook, capsys):
    it = _item(make_workbook, capsys, "team", "2.4.2", sb_agri_sales="600000元", sb_agri_sales_50w="是")
    assert it["auto"] == 10 and it["reason"].startswith("符合："), it["reason"]


def test_a_box_is_not_said_to_contradict_a_figure_that_looks_typed_in_yuan(make_workbook, capsys):
    """400000 (40万元 typed in 元) beside 否: the box agrees with what was meant; only the unit is asked about."""
    path = make_workbook("team", example("team", sb_agri_sales=400000, sb_agri_sales_50w="否"))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["findings"]
    assert not [f for f in found if f["code"] == "FIELD_INCONSISTENT"], found
    assert [f for f in found if f["code"] == "FIELD_AMOUNT" and "误按元" in f["message"]], found


# --- a rubric figure typed with the words 附件2 prints around its blank ---------------------------------------

@pytest.mark.parametrize("app_type,field,typed,item_id,points,said", [
    ("park", "sb_crossborder_usd", "跨境电商年销售额实现80万美元", "4.2", 10, "800000美元"),
    ("base", "sb_crossborder_usd", "跨境电商年销售额实现12万美元", "4.3", 3, "120000美元"),
    ("park", "sb_live_rooms", "有直播间12间", "1.1.3", 5, "直播间12间"),
    ("base", "sb_live_rooms", "有公共直播间6间", "1.1.2", 5, "公共直播间6间"),
    # 附件5 园区 1.1.3's own word for what 园区 item 3 counts
    ("park", "sb_live_rooms", "公共直播间10间", "1.1.3", 5, "直播间10间"),
])
def test_a_figure_typed_as_the_form_prints_its_line_is_read(make_workbook, capsys, app_type, field, typed, item_id,
                                                              points, said):
    """附件2 prints "跨境电商年销售额实现____美元" (园区 21, 基地 17), "有直播间____间" (园区 3) and "有公共直播间____间"
    (基地 2): a clerk who types the whole line got a FIELD_AMOUNT error, 数据缺失 and no points (a park with 80万美元
    lost its 10 bonus points), though the same line without the form's 实现/有 was read. The form's own words
    around the field's label are no remark: the figure is read; so is 附件5's own name of it ("公共直播间10间" for
    园区 item 3's 直播间: 附件5 1.1.3 asks 公共直播间)."""
    path = make_workbook(app_type, example(app_type, **{field: typed}))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    it = next(i for i in data["score"]["items"] if i["id"] == item_id)
    assert it["auto"] == points and said in it["reason"], it
    assert not [f for f in data["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "error"], data["findings"]


@pytest.mark.parametrize("app_type,field,typed", [("park", "sb_live_rooms", "有效直播间12间"),
                                                  ("park", "sb_crossborder_usd", "出口额实现80万美元")])
def test_other_words_before_a_rubric_figure_stay_unread(make_workbook, capsys, app_type, field, typed):
    """Only the form's own words around the label go: "有效直播间" is no 直播间 the form asks."""
    path = make_workbook(app_type, example(app_type, **{field: typed}))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f for f in data["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "error"], data["findings"]
