"""A park's 是/否 answers written with the figure behind them, as applicants fill the form (附件2 园区 items 2, 9, 10,
16 print their figure in the question: 带宽不低于100Mbps, 授信额不低于10万, 培训不少于5次、单次不少于50人, 员工总数
不低于50个), checked with ``shibai check --json``."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json

BELOW = [("sb_bandwidth_100m", "是（50M）", "1.1.2", "50Mbps"),
         ("sb_bandwidth_100m", "是，电信光纤50Mbps", "1.1.2", "50Mbps"),
         ("sb_finance_coop", "是（授信8万）", "2.2.1", "8万元"),
         ("sb_talent_policy", "是，每年培训4次", "2.2.2", "4次"),
         ("sb_talent_policy", "是（2023年度培训4次）", "2.2.2", "4次"),
         ("sb_talent_policy", "是（每年6次，单次45人）", "2.2.2", "45人")]


@pytest.mark.parametrize("field,typed,item_id,said", BELOW)
def test_a_yes_whose_own_remark_gives_a_figure_below_the_question_earns_nothing(make_workbook, capsys, field, typed,
                                                                                 item_id, said):
    """"是（50M）" answers 带宽不低于100Mbps with 50Mbps: the applicant's own figure does not meet the question (附件5
    1.1.2 平均网络带宽不低于100Mbps), so the item earns 0 and the reason and a FIELD_INCONSISTENT warning at the cell
    say which figure. It earned the full points without a word."""
    j = run_json(make_workbook("park", example("park", **{field: typed})), capsys)
    it = item(j, item_id)
    assert it["auto"] == 0 and said in it["reason"] and typed in it["reason"], it
    found = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert len(found) == 1 and said in found[0]["message"] and found[0]["severity"] == "warning", j["findings"]
    assert found[0]["cell"], found


@pytest.mark.parametrize("field,typed,item_id", [("sb_bandwidth_100m", "是（1000M光纤）", "1.1.2"),
                                                 ("sb_bandwidth_100m", "是（1G）", "1.1.2"),
                                                 ("sb_bandwidth_100m", "是（5G基站全覆盖，光纤1000M）", "1.1.2"),
                                                 ("sb_finance_coop", "是（授信额度200万元）", "2.2.1"),
                                                 ("sb_talent_policy", "是（每年6次，单次60人）", "2.2.2"),
                                                 ("sb_talent_policy", "是（见印证材料）", "2.2.2"),
                                                 ("sb_talent_policy", "是（专职讲师8人）", "2.2.2")])
def test_a_yes_whose_remark_meets_the_question_or_says_no_such_figure_keeps_its_points(make_workbook, capsys, field,
                                                                                      typed, item_id):
    j = run_json(make_workbook("park", example("park", **{field: typed})), capsys)
    assert item(j, item_id)["auto"] == item(j, item_id)["max"], item(j, item_id)
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_INCONSISTENT", "FIELD_CHOICE")], j["findings"]


def test_the_base_asks_its_own_training_figures(make_workbook, capsys):
    """The base's item 8 asks 培训不少于2次、单次不少于20人 (附件5 基地): 3次 meets it, though it is below the park's 5次."""
    j = run_json(make_workbook("base", example("base", sb_talent_policy="是（每年3次，单次30人）")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]
    j = run_json(make_workbook("base", example("base", sb_talent_policy="是（每年1次）")), capsys)
    assert [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


@pytest.mark.parametrize("typed", [0.36, "0.36", 0.5])
def test_a_parks_online_retail_typed_in_yi_like_the_trade_beside_it_is_undecided(make_workbook, capsys, typed):
    """附件2 园区 prints "年度交易额达 ___亿元；年度网络零售额达 ___万元": a clerk who typed 3.6 (亿元) in the first
    blank typed 0.36 (亿元, 3600万元) in the second. Read as 0.36万元 it failed 网络零售额3000万元以上 (通知 二（二）1)
    with an ELIG_RETAIL error; it is a figure to confirm, as 万元 typed in the 亿元 cell is: 待定, and said."""
    j = run_json(make_workbook("park", example("park", sb_online_retail=typed)), capsys)
    assert j["eligible"] is None, j["findings"]
    assert not [f for f in j["findings"] if f["code"] == "ELIG_RETAIL"], j["findings"]
    f = next(f for f in j["findings"] if f["code"] == "FIELD_AMOUNT")
    assert f["severity"] == "warning" and "是否误按亿元填写" in f["message"] and f["cell"], f


@pytest.mark.parametrize("typed,eligible", [("0.36万元", False), (2999, False), (3600, True)])
def test_a_parks_online_retail_with_its_unit_or_of_wan_size_is_read_as_typed(make_workbook, capsys, typed, eligible):
    j = run_json(make_workbook("park", example("park", sb_online_retail=typed)), capsys)
    assert j["eligible"] is eligible, j["findings"]
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"], j["findings"]


def test_item_8_left_blank_is_said_blank_where_the_resident_list_decides(make_workbook, capsys):
    """附件2 园区 item 8 (示范/统计调查/上市/授权 企业家数) left blank, the list's 备注 marking such companies: 2.1.2
    is scored from the list, and its reason said the form had "填报合计0家" — the applicant wrote nothing."""
    blank = {f: None for f in ("sb_demo_enterprises", "sb_survey_enterprises", "sb_listed_enterprises",
                               "sb_authorized_enterprises")}
    j = run_json(make_workbook("park", example("park", **blank)), capsys)
    it = item(j, "2.1.2")
    assert it["auto"] == 5 and "申报表未填写" in it["reason"] and "填报合计0家" not in it["reason"], it


@pytest.mark.parametrize("typed,points", [("12间（其中公共直播间9间）", 0), ("12（公共8）", 0), ("12间（公共直播间10间）", 5),
                                          ("12间（见照片）", 5)])
def test_live_rooms_with_the_public_ones_in_a_remark_are_scored_on_the_public_ones(make_workbook, capsys, typed,
                                                                                   points):
    """附件5 1.1.3 asks 公共直播间不少于10个; the form's item 3 asks 有直播间___间. "12间（其中公共直播间9间）" says
    in the applicant's own words that 9 are public: the item earned 5 on the 12."""
    j = run_json(make_workbook("park", example("park", sb_live_rooms=typed, sb_public_areas=6)), capsys)
    it = item(j, "1.1.3")
    assert it["auto"] == points, it
    if points == 0:
        assert typed in it["reason"] and "< 10" in it["reason"], it


def test_a_bases_anchors_with_the_signed_ones_in_a_remark_are_scored_on_the_signed_ones(make_workbook, capsys):
    """附件2 直播基地 item 5 asks 签约主播 ___个, 附件5 基地 2.1.1 签约主播不少于10人: "25人（其中签约主播8人）"
    counts the 8 signed ones, as the park's 直播间 are counted on the 公共 ones; it earned the 10 points on the 25."""
    j = run_json(make_workbook("base", example("base", sb_anchors="25人（其中签约主播8人）")), capsys)
    it = item(j, "2.1.1")
    assert it["auto"] == 0 and "8人" in it["reason"], it
    j = run_json(make_workbook("base", example("base", sb_anchors="25人（其中签约主播12人）")), capsys)
    assert item(j, "2.1.1")["auto"] == 10, item(j, "2.1.1")


@pytest.mark.parametrize("typed,warned", [("否（每年6次）", False), ("否（每年6次，单次30人）", False),
                                          ("否（每年6次，单次60人）", True)])
def test_a_no_is_warned_only_when_its_remark_meets_every_figure_of_its_question(make_workbook, capsys, typed, warned):
    """园区 item 10 asks 培训不少于5次 and 单次人数不少于50人: "否（每年6次，单次30人）" is a right 否 (30人), it was
    warned "已达到5次"."""
    j = run_json(make_workbook("park", example("park", sb_talent_policy=typed)), capsys)
    assert bool([f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]) is warned, j["findings"]


@pytest.mark.parametrize("typed", ["12（另有公共区域6个）", "12间（公共会议室6个）", "12间（公共培训室2间）"])
def test_live_rooms_whose_remark_counts_other_public_rooms_keep_their_count(make_workbook, capsys, typed):
    """"12（另有公共区域6个）" speaks of 附件5 1.1.3's other figure (公共区域5个及以上), not of 公共直播间: the 12 were
    scored as 6 直播间 and the item lost its 5 points."""
    j = run_json(make_workbook("park", example("park", sb_live_rooms=typed, sb_public_areas=6)), capsys)
    assert item(j, "1.1.3")["auto"] == 5, item(j, "1.1.3")


@pytest.mark.parametrize("typed", ["25人（签约MCN机构2个）", "25人（签约合作平台3个）"])
def test_a_bases_anchors_whose_remark_counts_signed_agencies_keep_their_count(make_workbook, capsys, typed):
    """"25人（签约MCN机构2个）" counts agencies, not 签约主播: the 25 were scored as 2 and lost 2.1.1's 10 points."""
    j = run_json(make_workbook("base", example("base", sb_anchors=typed)), capsys)
    assert item(j, "2.1.1")["auto"] == 10, item(j, "2.1.1")


@pytest.mark.parametrize("app_type,typed", [("park", "是（每月1次，每次60人）"), ("park", "是（每季度2次，单次60人）"),
                                            ("park", "是（每月培训1次）"), ("base", "是（每月1次，每次30人）")])
def test_training_counted_per_month_or_quarter_is_not_a_yearly_count(make_workbook, capsys, app_type, typed):
    """附件2 asks 每年电商相关培训不少于5次 (基地 2次): "每月1次" is 12 a year, it was read as 1次 and the 是 lost its
    points with a FIELD_INCONSISTENT warning."""
    j = run_json(make_workbook(app_type, example(app_type, sb_talent_policy=typed)), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]
    assert all("按同一格的备注计" not in i["reason"] for i in j["score"]["items"]), j["score"]["items"]


def test_a_no_naming_the_5g_network_is_no_bandwidth_figure(make_workbook, capsys):
    """“否（仅5G网络覆盖）”: 5G is the mobile network, not 5 Gbps — no “已达到100Mbps” warning against the 否."""
    j = run_json(make_workbook("park", example("park", sb_bandwidth_100m="否（仅5G网络覆盖）")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


@pytest.mark.parametrize("typed, said", [("是（50M以上）", "写明50Mbps以上"), ("否（带宽100M以上）", "写明100Mbps以上"),
                                         ("是（超过50M）", "写明超过50Mbps"), ("是（50M+）", "写明50Mbps以上"),
                                         ("是（50M）", "写明50Mbps，")])
def test_a_remark_giving_a_lower_bound_is_quoted_as_one(make_workbook, capsys, typed, said):
    """"是（50M以上）" says at least 50Mbps: quoting it to the reviewer as "写明50Mbps" drops the 以上 the applicant
    wrote; the reason and the warning say "写明50Mbps以上" (an exact "50M" stays "写明50Mbps")."""
    j = run_json(make_workbook("park", example("park", sb_bandwidth_100m=typed)), capsys)
    found = [f["message"] for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert said in (found or [""])[0] or said in item(j, "1.1.2")["reason"], (found, item(j, "1.1.2"))


@pytest.mark.parametrize("app_type,field,typed,said", [
    ("park", "sb_trade_total", 12000, "若误按万元填写，即1.2亿元（12000万元），低于门槛3亿元（30000万元）"),
    ("park", "sb_trade_total", 35000, "若误按万元填写，即3.5亿元（35000万元），达到门槛3亿元（30000万元）"),
    ("park", "sb_online_retail", 0.36, "若误按亿元填写，即3600万元，达到门槛3000万元"),
    ("base", "sb_trade_total", 49990000, "若误按元填写，即4999万元，低于门槛5000万元")])
def test_a_threshold_on_a_figure_in_the_wrong_unit_says_what_the_other_reading_decides(app_type, field, typed, said):
    """A park's 12000 in the 亿元 cell (通知 二（二）1: 3亿元以上) is 待定: the reviewer who asks the applicant needs to know
    what each reading decides — 12000万元 is 1.2亿元 and fails, 35000万元 passes — not only that the unit is in doubt."""
    from shibai_xl.engine.check import check
    from tests.conftest import example_app

    r = check(example_app(app_type, **{field: typed}))
    cond = next(c for c in r.eligibility.conditions if c.topic == "threshold" and c.status == "待定")
    assert said in cond.reason, cond


@pytest.mark.parametrize("typed", ["12间（其中公共直播间10间）", "12（公共直播间11间）"])
def test_live_rooms_whose_remark_gives_enough_public_ones_leave_nothing_to_verify(make_workbook, capsys, typed):
    """"12间（其中公共直播间10间）" answers what 附件5 1.1.3 asks beyond the form's item 3 (公共直播间不少于10个): the item
    is scored on the public ones, its reason says so, and neither it nor the RULE_GAP of partly covered items asks the
    reviewer to verify that the rooms are public — the applicant said how many are."""
    j = run_json(make_workbook("park", example("park", sb_live_rooms=typed, sb_public_areas=6)), capsys)
    it = item(j, "1.1.3")
    assert it["auto"] == 5 and "公共直播间" in it["reason"] and "备注" in it["reason"], it
    assert "需核实" not in it["reason"], it
    gap = next(f for f in j["findings"] if f["code"] == "RULE_GAP" and "只覆盖" in f["message"])
    assert "1.1.3" not in gap["message"], gap


def test_the_other_reading_of_a_lower_bound_below_the_threshold_is_no_failure():
    """"25000以上" in the park's 亿元 cell: as 万元 it is at least 2.5亿元, which may still reach 3亿元."""
    from shibai_xl.engine.check import check
    from tests.conftest import example_app

    cond = next(c for c in check(example_app("park", sb_trade_total="25000以上")).eligibility.conditions
                if c.topic == "threshold" and c.status == "待定")
    assert "即2.5亿元（25000万元），下限低于门槛3亿元" in cond.reason, cond


@pytest.mark.parametrize("typed", ["12间（其中公共直播间近10间）", "12间（其中公共直播间不到10间）",
                                   "12间（其中公共直播间10间以下）"])
def test_live_rooms_whose_remark_caps_the_public_ones_at_the_figure_earn_nothing_for_them(make_workbook, capsys, typed):
    """A remark whose part is under (or at most) 附件5 1.1.3's 10 公共直播间 gives no part meeting it: never scored as
    if it did."""
    j = run_json(make_workbook("park", example("park", sb_live_rooms=typed, sb_public_areas=6)), capsys)
    it = item(j, "1.1.3")
    assert it["auto"] == 0 and "达到10间" not in it["reason"], it


@pytest.mark.parametrize("field,typed,item_id,points,said", [
    ("sb_area_ecom", "2亩", "1.1.1", 5, "1333.33平方米 ≥ 1000"),          # 1亩 = 10000/15 平方米 (666.67)
    ("sb_area_ecom", "1.5亩", "1.1.1", 5, "1000平方米 ≥ 1000"),     # exactly 1000: 不低于 is met
    ("sb_area_ecom", "1.4亩", "1.1.1", 0, "933.33平方米 < 1000"),
    ("sb_area_service", "0.6公顷", "1.1.1", 5, "6000平方米 ≥ 5000"),
    ("sb_area_service", "0.4公顷", "1.1.1", 0, "4000平方米 < 5000"),
    ("sb_area_park", "500亩", None, None, None),
    ("sb_area_park", "0.2平方公里", None, None, None),
])
def test_an_area_typed_in_mu_or_hectares_is_read_in_square_metres(make_workbook, capsys, field, typed, item_id,
                                                                   points, said):
    """Guizhou parks state their land in 亩 ("园区面积500亩") and in 公顷 or 平方公里; 附件2 asks 平方米. "500亩" was an
    error-level FIELD_AMOUNT saying “不是数字” and 附件5 1.1.1 数据缺失 for "2亩" of 电商业务区域. They are legal units
    of area with fixed factors (1亩 = 10000/15 平方米, 1公顷 = 10000 平方米, 1平方公里 = 1000000 平方米): read and
    converted, no error, the reason in 平方米."""
    j = run_json(make_workbook("park", example("park", **{field: typed})), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] != "info"], j["findings"]
    if item_id:
        it = item(j, item_id)
        assert it["auto"] == points and said in it["reason"], it
