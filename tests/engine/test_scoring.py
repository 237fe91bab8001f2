"""Suggested scores: every 附件5 item's full and zero case, the bonus cap, every RULE_GAP."""
from datetime import date
from decimal import Decimal

import pytest

from shibai_xl.engine.check import check
from shibai_xl.engine.scoring import reviewer_total
from tests.conftest import TYPES, example_app


def _fields(c):
    if c.prefer:
        return [f for sub in c.prefer for f in _fields(sub)]
    for key in ("sum", "any_yes", "all_yes"):
        if getattr(c, key):
            return list(getattr(c, key)) + ([c.or_text] if c.or_text else [])
    return [c.field]


def _make(c, meet: bool) -> dict:
    """Answers that meet (or miss) one criterion, written as a person would type them."""
    if c.prefer:
        first = c.prefer[0]
        return _make(first, meet)
    if c.sum:
        n = c.value if meet else c.value - 1
        return {f: (n if i == 0 else 0) for i, f in enumerate(c.sum)}
    if c.any_yes:
        out = {f: "否" for f in c.any_yes}
        out[c.or_text] = None
        if meet:
            out[c.any_yes[-1]] = "是"
        return out
    if c.all_yes:
        out = {f: "是" for f in c.all_yes}
        if not meet:
            out[c.all_yes[0]] = "否"
        return out
    if c.yes:
        return {c.field: "是" if meet else "否"}
    v, op = Decimal(str(c.value)), c.op
    if op == ">=":
        x = v if meet else v - Decimal("0.01")
    elif op == ">":
        x = v + 1 if meet else v
    elif op == "<":
        x = v - 1 if meet else v
    if c.field in ("sb_live_rooms", "sb_public_areas", "sb_resident_count", "sb_anchors", "sb_incubated",
                      "sb_brands", "sb_fans"):
        x = int(x) if meet else int(v) - 1 if op == ">=" else int(x)
    return {c.field: float(x)}


def _item_cases(rules):
    for t in TYPES:
        for item in rules.rubric(t):
            if not item.manual:
                yield t, item.id


@pytest.fixture(scope="module")
def cases(request):
    from shibai_xl.rules import load
    return list(_item_cases(load()))


def _score(app_type, item_id, residents="default", **changes):
    r = check(example_app(app_type, residents, **changes), today=date(2024, 12, 31))
    return next(i for i in r.score.items if i.id == item_id), r


def test_every_item_full_and_zero(rules):
    """The form's answers alone (no resident list, whose figures would replace the form's)."""
    checked = 0
    for app_type, item_id in _item_cases(rules):
        item = rules.item(app_type, item_id)
        # cross-border items exclude each other; start from no cross-border sales
        base = {"sb_crossborder_usd": 0} if "跨境" in item.text else {}
        full = dict(base)
        for c in item.criteria:
            full.update(_make(c, True))
        got, _ = _score(app_type, item_id, None, **full)
        assert got.auto == item.points, (app_type, item_id, got.reason)
        for k, c in enumerate(item.criteria):
            zero = dict(full)
            zero.update(_make(c, False))
            got, _ = _score(app_type, item_id, None, **zero)
            assert got.auto == 0, (app_type, item_id, k, got.reason)
            assert got.reason.startswith(("未达到", "数据缺失", "需评审人判断")) or "无法判断" in got.reason
        blank = {f: None for c in item.criteria for f in _fields(c)}
        got, _ = _score(app_type, item_id, None, **blank)
        assert got.auto == 0 and ("缺失" in got.reason or "未填写" in got.reason), (app_type, item_id, got.reason)
        checked += 1
    assert checked == sum(len(rules.rubric(t)) for t in TYPES) - 1  # the base's 1.1.3 is 需评审人判断


def test_example_scores(rules):
    # park: everything met, cross-border 80万美元 → 100 + min(20, 10 + 10)
    assert check(example_app("park")).score.auto == 120
    # base: 1.1.3 needs a reviewer (0), 提质增效 否, cross-border 12万美元 → 3
    base = check(example_app("base")).score
    assert base.auto == 100 - 5 + 3
    assert check(example_app("enterprise")).score.auto == 100
    assert check(example_app("team")).score.auto == 100


def test_base_item_the_form_does_not_ask_is_for_the_reviewer():
    item, _ = _score("base", "1.1.3")
    assert item.auto == 0 and item.reason.startswith("需评审人判断")


@pytest.mark.parametrize("usd,b2,b3,gap", [(0, 0, 0, False), (1, 0, 3, False), (499999, 0, 3, False),
                                           (500000, 0, 0, True), (500001, 10, 0, False), ("50万美元", 0, 0, True),
                                           (None, 0, 0, False)])
def test_cross_border_bonus(usd, b2, b3, gap):
    r = check(example_app("park", sb_crossborder_usd=usd))
    got = {i.id: i.auto for i in r.score.items}
    assert (got["4.2"], got["4.3"]) == (b2, b3)
    gaps = [f for f in r.findings if f.code == "RULE_GAP" and "50万美元" in f.message]
    assert bool(gaps) == gap
    if gap:
        assert "需评审人判断" in next(i for i in r.score.items if i.id == "4.2").reason


def test_bonus_cap_and_totals():
    r = check(example_app("park", sb_crossborder_usd=900000, sb_quality_plan="是"))
    assert r.score.bonus == 20 and r.score.auto == 120 and r.score.max == 120
    subtotals = {name: (got, mx) for name, got, mx in r.score.subtotals()}
    assert subtotals["开放创新(加分项)"] == (20, 20)
    r = check(example_app("park", sb_crossborder_usd=0, sb_quality_plan="否"))
    assert r.score.auto == 100


def test_enterprise_online_share_follows_annex5():
    item, r = _score("enterprise", "2.1.1", sb_online_share=25, sb_online_share_50="否")
    assert item.auto == 15                                    # 附件5: 20%以上
    assert any(f.code == "RULE_GAP" and "20%" in f.message for f in r.findings)
    item, _ = _score("enterprise", "2.1.1", sb_online_share=20, sb_online_share_50="否")
    assert item.auto == 15
    item, _ = _score("enterprise", "2.1.1", sb_online_share=19.99, sb_online_share_50="否")
    assert item.auto == 0
    item, _ = _score("enterprise", "2.1.1", sb_online_share=None, sb_online_share_50="是")
    assert item.auto == 15
    item, _ = _score("enterprise", "2.1.1", sb_online_share=None, sb_online_share_50="否")
    assert item.auto == 0 and "无法判断" in item.reason


def test_team_rule_gaps_and_points():
    r = check(example_app("team"))
    gaps = [f.message for f in r.findings if f.code == "RULE_GAP"]
    assert any("签约主播" in g for g in gaps) and any("编号重复" in g for g in gaps)
    item, _ = _score("team", "2.1.2", sb_fans=999999, sb_fans_1m="是")
    assert item.auto == 0                                      # the figure decides over the box
    item, _ = _score("team", "2.1.2", sb_fans=None, sb_fans_1m="是")
    assert item.auto == 15
    item, _ = _score("team", "2.4.2", sb_agri_sales="50万", sb_agri_sales_50w="否")
    assert item.auto == 10


def test_park_business_and_administrative_services():
    svc_no = {f: "否" for f in ("sb_svc_live", "sb_svc_crossborder", "sb_svc_collab", "sb_svc_logistics", "sb_svc_photo",
                                "sb_svc_cs", "sb_svc_agency", "sb_svc_accounting", "sb_svc_patent",
                                "sb_svc_consulting", "sb_svc_legal")}
    item, _ = _score("park", "2.2.4", **svc_no, sb_svc_other="代办宽带入户")
    assert item.auto == 5
    item, _ = _score("park", "2.2.4", **svc_no)
    assert item.auto == 0
    # "其他_____" answered with a word for nothing (or the 0 a LibreOffice .ods gives for an unticked linked box) names
    # no service: it was picked as one ("至少一项专业（商务）服务：无") and gave the 5 points
    for nothing in ("无", "暂无", "没有", "否", "/", "——", "0", 0.0, "不涉及", "N/A"):
        item, _ = _score("park", "2.2.4", **svc_no, sb_svc_other=nothing)
        assert item.auto == 0 and "没有至少一项专业" in item.reason, (nothing, item.reason)
    item, _ = _score("park", "2.2.4", sb_adm_registration="否", sb_adm_annual="否", sb_adm_tax="否",
                     sb_adm_project="否", sb_adm_other="无")
    assert item.auto == 0, item.reason
    # the boxes as checkbox-linked cells (or TRUE/FALSE typed): the 其他 box's FALSE is no other service — it read as
    # the text "False" and gave the 5 points ("至少一项专业（商务）服务：False")
    item, _ = _score("park", "2.2.4", **{f: False for f in svc_no}, sb_svc_other=False)
    assert item.auto == 0 and "False" not in item.reason
    item, _ = _score("park", "2.2.4", **{**svc_no, "sb_svc_live": True}, sb_svc_other=False, sb_adm_other=False)
    assert item.auto == 5 and "False" not in item.reason and "：直播电商；" in item.reason
    # 行政服务 read like 商务服务 (both lists of 附件5 end in 等): one of the four, or the 其他 text, is enough
    item, _ = _score("park", "2.2.4", sb_adm_tax="否")
    ticked = item.reason.split("行政服务：")[1].split("；")[0]
    assert item.auto == 5 and ticked == "工商注册、年审年检、项目申报"


def test_reviewer_scores_are_validated(rules):
    scores = {i.id: i.points for i in rules.rubric("park")}
    scores["4.3"] = 0
    total, findings = reviewer_total("park", scores, rules)
    assert total == 120 and not findings
    scores["1.1.1"] = 6
    total, findings = reviewer_total("park", scores, rules)
    assert total is None and findings[0].code == "SCORE_RANGE"
    scores["1.1.1"] = -1
    assert reviewer_total("park", scores, rules)[1][0].code == "SCORE_RANGE"
    scores["1.1.1"] = "五"
    assert reviewer_total("park", scores, rules)[0] == 120
    scores["1.1.1"] = "5分"      # as experts type it
    assert reviewer_total("park", scores, rules)[0] == 120
    scores["1.1.1"] = "很好"
    assert reviewer_total("park", scores, rules)[1][0].code == "SCORE_RANGE"
    scores["1.1.1"] = 5.0000001   # just over the item's 5 points: said as typed, not rounded to 5
    assert "评分5.0000001超出0～5分" in reviewer_total("park", scores, rules)[1][0].message
    del scores["1.1.1"]
    assert reviewer_total("park", scores, rules)[0] is None


def test_json_matches_the_contract():
    r = check(example_app("park"))
    j = r.to_json()
    assert set(j) == {"file", "type", "name", "eligible", "score", "findings"}
    assert set(j["score"]) == {"auto", "max", "items"}
    assert j["score"]["max"] == 120 and j["score"]["auto"] == 120
    for it in j["score"]["items"]:
        assert set(it) == {"id", "label", "max", "auto", "reason"}
        assert 0 <= it["auto"] <= it["max"]
    for f in j["findings"]:
        assert set(f) == {"code", "severity", "message", "sheet", "cell"}
        assert f["severity"] in ("error", "warning", "info")


@pytest.mark.parametrize("app_type,item_id,changes", [
    ("team", "2.1.2", {"sb_fans": "约80万", "sb_fans_1m": "是"}),
    ("team", "2.4.2", {"sb_agri_sales": "30万左右", "sb_agri_sales_50w": "是"}),
    ("enterprise", "2.1.1", {"sb_online_share": "约10%", "sb_online_share_50": "是"}),
])
def test_a_supplementary_figure_filled_but_unreadable_is_not_passed_over_for_the_forms_box(app_type, item_id, changes):
    """CONTRACT §6: the supplementary field decides when it is filled; the form's 是 decides only when it is empty."""
    item, _ = _score(app_type, item_id, **changes)
    assert item.auto == 0 and item.reason.startswith("数据缺失") and "无法识别" in item.reason, item.reason


@pytest.mark.parametrize("coop, credit, points", [
    ("否", "是", 0),    # no cooperation with a financial institution: 附件5 2.2.1 asks for it as well as the credit
    ("是", "否", 0),    # the supplementary question decides 纯信用授信
    ("是", "是", 5),
    ("是", None, 5),    # the form's 是 alone: the points, and the reviewer verifies 纯信用
])
def test_park_finance_item_needs_the_forms_cooperation_and_the_credit(coop, credit, points):
    """附件5 园区 2.2.1: 与相关金融机构建立合作关系, 给入驻企业提供供应链金融纯信用授信 — the supplementary question
    answers the credit only, so a form saying 否 to item 9 (与金融机构建立合作关系) earns nothing (QA: it earned 5)."""
    item, _ = _score("park", "2.2.1", sb_finance_coop=coop, sb_finance_credit=credit)
    assert item.auto == points, item.reason


def test_base_brands_item_is_said_to_score_nothing():
    """The base's 申报表 item 12 asks 入驻企业拥有或创建品牌数, which 附件5 scores for the park (3.1.2) but not for the
    base: said, as the team's 签约主播 is, instead of a figure the applicant typed counting for nothing unseen."""
    r = check(example_app("base"))
    gaps = [f for f in r.findings if f.code == "RULE_GAP" and "品牌数" in f.message]
    assert len(gaps) == 1 and gaps[0].field == "sb_brands" and gaps[0].severity == "info"
    assert not any("品牌数" in f.message for f in check(example_app("park")).findings if f.code == "RULE_GAP")


@pytest.mark.parametrize("app_type,item_id,blank,said", [
    ("enterprise", "1.1.1", ("sb_store_qianhuo", "sb_has_app"),
     "未填写“有在运营中、以黔货出山为主要业务的小程序商城、APP商城或网店，或对助力贵州宣传起到重要作用的自媒体大号”"
     "或“有小程序、APP 或自媒体公众号”"),
    ("team", "2.1.2", ("sb_fans", "sb_fans_1m"), "未填写“粉丝总数”或“粉丝数100万以上”"),
    ("park", "2.1.2", ("sb_demo_enterprises", "sb_survey_enterprises", "sb_listed_enterprises",
                       "sb_authorized_enterprises"),
     "未填写“列为国家级或省级示范企业”、“列为商务部商贸流通典型统计调查企业”、“已上市企业”、“知名电商平台授权运营企业”"),
])
def test_the_answers_left_blank_are_each_quoted(app_type, item_id, blank, said):
    """The reason of an item whose answers are all blank lists them joined by 或 or 、, and the labels hold 或 and 、
    themselves ("…小程序商城、APP商城或网店，或…自媒体大号或有小程序、APP 或自媒体公众号"): a reader could not tell
    where one question ends and the next begins. Each label is quoted, as a single 是/否 question's is."""
    r = check(example_app(app_type, residents=[] if app_type == "park" else None, **dict.fromkeys(blank)))
    it = next(i for i in r.score.items if i.id == item_id)
    assert it.reason == f"数据缺失：{said}", it.reason


@pytest.mark.parametrize("typed, said", [
    ("8,5", "评分“8,5”的小数点写成了逗号（应写作 8.5），不算分数"),
    ("４，５分", "评分“４，５分”的小数点写成了逗号（应写作 4.5），不算分数"),
    ("4。5", "评分“4。5”的小数点写成了句号（应写作 4.5），不算分数"),     # a Chinese input method's full stop
    ("４。５分", "评分“４。５分”的小数点写成了句号（应写作 4.5），不算分数"),
    ("满分", "评分“满分”不是数字：给满分的请填写本项满分 5"),
    ("满", "评分“满”不是数字：给满分的请填写本项满分 5"),
    ("满分5", "评分“满分5”不是数字：给满分的请填写本项满分 5"),     # with its points: still the helpful message
    ("5分满分", "评分“5分满分”不是数字：给满分的请填写本项满分 5"),
    ("满5分", "评分“满5分”不是数字：给满分的请填写本项满分 5"),
    ("满分（5）", "评分“满分（5）”不是数字：给满分的请填写本项满分 5"),
    ("=5+5", "评分“=5+5”是文字，看起来像公式但不会计算"),          # text typed, not a formula saved without value
])
def test_a_score_typed_with_a_decimal_comma_or_as_full_marks_is_said_so(rules, typed, said):
    """An expert typed “8,5” (a decimal comma) or “满分” for 1.1.1 (5 points): the result said only “不是数字（请填写
    数字，如 8 或 8.5）”, which he reads as wrong about a number he typed or a word that plainly means the full 5.
    Neither is counted (the 小计 formulas do not read them either), and the message now says what to type. “4。5”, the
    full stop a Chinese input method types for “.”, said only “不是数字” too: it is said as the comma is."""
    scores = {i.id: i.points for i in rules.rubric("park")}
    scores["4.3"] = 0
    scores["1.1.1"] = typed
    total, findings = reviewer_total("park", scores, rules)
    assert total is None and findings[0].code == "SCORE_RANGE"
    assert said in findings[0].message, findings[0].message
