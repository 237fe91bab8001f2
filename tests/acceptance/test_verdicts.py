"""Every threshold of 二、申报条件 on both sides, 共性条件, 材料, 名单 as evidence, dates.

Each case is an application made by `shibai new`, filled by defined name, checked by the real CLI.
All cases are checked in one `shibai check FILE FILE … --json` run (CONTRACT §4: one array of the
per-file objects), and a few are checked alone to prove the two give the same object.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from .helpers import check_json, codes, finding, make_app, residents_for, uscc

# (id, kind, changes, residents or "default", expected eligible, codes that must appear, codes that must not)
T, F, N = True, False, None
CASES = [
    # ---- the good applications of each type (sanity: the examiner's baseline is accepted)
    ("good-park", "park", {}, "default", T, [], ["ELIG_AGE", "ELIG_TRADE", "ELIG_RETAIL", "ELIG_EVIDENCE"]),
    ("good-base", "base", {}, "default", T, [], ["ELIG_AGE", "ELIG_TRADE", "ELIG_RETAIL", "ELIG_EVIDENCE"]),
    ("good-enterprise", "enterprise", {}, None, T, [], ["ELIG_TRADE", "ELIG_RETAIL"]),
    ("good-team", "team", {}, None, T, [], ["ELIG_LIVE_SALES"]),
    # ---- 示范园区: 成立时间在2年以上 (inclusive, calendar years from 成立日期 to 填表时间)
    ("park-age-exact-2y", "park", {"sb_established": date(2022, 5, 10)}, "default", T, [], ["ELIG_AGE"]),
    ("park-age-2y-minus-1d", "park", {"sb_established": date(2022, 5, 11)}, "default", F, ["ELIG_AGE"], []),
    ("park-age-text-date", "park", {"sb_established": "2019年6月1日"}, "default", T, [], ["ELIG_AGE", "ELIG_MISSING"]),
    # 年度合计交易额在3亿元以上 — the park's form field is in 亿元
    ("park-trade-3yi", "park", {"sb_trade_total": 3}, residents_for("park", trade_total=30000), T, [], ["ELIG_TRADE"]),
    ("park-trade-2.99yi", "park", {"sb_trade_total": 2.99}, residents_for("park", trade_total=29900), F,
     ["ELIG_TRADE"], []),
    ("park-trade-text-3.6亿", "park", {"sb_trade_total": "3.6亿元"}, "default", T, [], ["ELIG_TRADE", "FIELD_AMOUNT"]),
    ("park-trade-wan-in-yi-field", "park", {"sb_trade_total": "36000万元"}, "default", T, [],
     ["ELIG_TRADE", "ELIG_MISSING"]),
    ("park-trade-叁亿陆仟万", "park", {"sb_trade_total": "叁亿陆仟万元"}, "default", T, [],
     ["ELIG_TRADE", "ELIG_MISSING"]),
    # 网络零售额3000万元以上
    ("park-retail-3000", "park", {"sb_online_retail": 3000}, residents_for("park", retail_total=3000), T, [],
     ["ELIG_RETAIL", "ELIG_EVIDENCE"]),
    ("park-retail-2999", "park", {"sb_online_retail": 2999}, residents_for("park", retail_total=2999), F,
     ["ELIG_RETAIL"], []),
    ("park-retail-text-3,600", "park", {"sb_online_retail": "3,600"}, "default", T, [], ["ELIG_RETAIL", "FIELD_AMOUNT"]),
    ("park-retail-yuan", "park", {"sb_online_retail": "36000000元"}, "default", T, [], ["ELIG_RETAIL", "ELIG_MISSING"]),
    ("park-retail-fullwidth", "park", {"sb_online_retail": "３６００"}, "default", T, [], ["ELIG_RETAIL", "ELIG_MISSING"]),
    ("park-retail-blank", "park", {"sb_online_retail": None}, "default", N, ["ELIG_MISSING"], []),
    ("park-retail-negative", "park", {"sb_online_retail": -3600}, "default", N, ["FIELD_AMOUNT"], []),
    # ---- 示范直播基地: 1年以上, 交易额5000万元以上, 网络零售额1000万元以上
    ("base-age-exact-1y", "base", {"sb_established": date(2023, 5, 10)}, "default", T, [], ["ELIG_AGE"]),
    ("base-age-1y-minus-1d", "base", {"sb_established": date(2023, 5, 11)}, "default", F, ["ELIG_AGE"], []),
    ("base-trade-5000", "base", {"sb_trade_total": 5000}, residents_for("base", trade_total=5000), T, [],
     ["ELIG_TRADE"]),
    ("base-trade-4999.9", "base", {"sb_trade_total": 4999.9}, residents_for("base", trade_total=4999.9), F,
     ["ELIG_TRADE"], []),
    ("base-trade-0.5亿", "base", {"sb_trade_total": "0.5亿元"}, residents_for("base", trade_total=5000), T, [],
     ["ELIG_TRADE", "ELIG_MISSING"]),
    ("base-retail-1000", "base", {"sb_online_retail": 1000}, residents_for("base", retail_total=1000), T, [],
     ["ELIG_RETAIL", "ELIG_EVIDENCE"]),
    ("base-retail-999", "base", {"sb_online_retail": 999}, residents_for("base", retail_total=999), F,
     ["ELIG_RETAIL"], []),
    # ---- 示范企业: 1年以上; 销售收入200万元以上 (平台类交易额1000万元以上); 网络零售额100万元以上
    ("ent-age-exact-1y", "enterprise", {"sb_established": date(2023, 5, 10)}, None, T, [], ["ELIG_AGE"]),
    ("ent-age-1y-minus-1d", "enterprise", {"sb_established": date(2023, 5, 11)}, None, F, ["ELIG_AGE"], []),
    ("ent-platform-1000", "enterprise", {"sb_trade_total": 1000}, None, T, [], ["ELIG_TRADE"]),
    ("ent-platform-999", "enterprise", {"sb_trade_total": 999}, None, F, ["ELIG_TRADE"], []),
    ("ent-platform-text-1,000万元", "enterprise", {"sb_trade_total": "1,000万元"}, None, T, [], ["ELIG_TRADE"]),
    ("ent-service-200", "enterprise", {"sb_enterprise_kind": "服务类", "sb_trade_total": None, "sb_sales": 200}, None,
     T, [], ["ELIG_TRADE"]),
    ("ent-service-199", "enterprise", {"sb_enterprise_kind": "服务类", "sb_trade_total": None, "sb_sales": 199}, None,
     F, ["ELIG_TRADE"], []),
    ("ent-service-贰佰万", "enterprise", {"sb_enterprise_kind": "服务类", "sb_trade_total": None, "sb_sales": "贰佰万元"},
     None, T, [], ["ELIG_TRADE"]),
    ("ent-retail-100", "enterprise", {"sb_online_retail": 100}, None, T, [], ["ELIG_RETAIL"]),
    # a currency sign is no unit: "￥900" in the 万元 cell is the 900万元 the column asks for (was 900元, 不达标)
    ("ent-retail-yen-sign", "enterprise", {"sb_online_retail": "￥900"}, None, T, [], ["ELIG_RETAIL"]),
    ("team-sales-人民币780", "team", {"sb_live_sales": "人民币780"}, None, T, [], ["ELIG_LIVE_SALES"]),
    ("ent-retail-99.99", "enterprise", {"sb_online_retail": 99.99}, None, F, ["ELIG_RETAIL"], []),
    # ---- 示范直播团队: 1年以上; 年度直播销售额达到500万以上
    ("team-age-exact-1y", "team", {"sb_established": date(2023, 5, 10)}, None, T, [], ["ELIG_AGE"]),
    ("team-age-1y-minus-1d", "team", {"sb_established": date(2023, 5, 11)}, None, F, ["ELIG_AGE"], []),
    ("team-sales-500", "team", {"sb_live_sales": 500}, None, T, [], ["ELIG_LIVE_SALES"]),
    ("team-sales-499", "team", {"sb_live_sales": 499}, None, F, ["ELIG_LIVE_SALES"], []),
    ("team-sales-text-500万", "team", {"sb_live_sales": "500万"}, None, T, [], ["ELIG_LIVE_SALES"]),
    ("team-sales-伍佰万元", "team", {"sb_live_sales": "伍佰万元"}, None, T, [], ["ELIG_LIVE_SALES"]),
    ("team-sales-500万元以上", "team", {"sb_live_sales": "5,000,000元"}, None, T, [], ["ELIG_LIVE_SALES"]),
    # ---- 共性条件: 信用记录良好, 财务制度健全
    ("credit-no", "enterprise", {"sb_credit_ok": "否"}, None, F, ["ELIG_CREDIT"], []),
    ("finance-no", "team", {"sb_finance_ok": "否"}, None, F, ["ELIG_CREDIT"], []),
    # ---- 贵州省内注册 (USCC positions 3–8)
    ("uscc-beijing", "enterprise", {"sb_uscc": uscc("91", "110105", "MA01AAAA1")}, None, F, ["ELIG_REGION"], []),
    ("uscc-529999", "enterprise", {"sb_uscc": uscc("91", "529999", "MA6AAAAA1")}, None, F, ["ELIG_REGION"], []),
    ("uscc-guian-520900", "enterprise", {"sb_uscc": uscc("91", "520900", "MA6AAAAA2")}, None, T, [],
     ["ELIG_REGION", "FIELD_USCC"]),
    ("uscc-old-520221", "team", {"sb_uscc": uscc("91", "520221", "MA6AAAAA3")}, None, T, [],
     ["ELIG_REGION", "FIELD_USCC"]),
    ("uscc-old-522200", "team", {"sb_uscc": uscc("91", "522200", "MA6AAAAA7")}, None, T, [],
     ["ELIG_REGION", "FIELD_USCC"]),
    ("uscc-city-dev-520190", "enterprise", {"sb_uscc": uscc("91", "520190", "MA6AAAAA4")}, None, T, [],
     ["ELIG_REGION", "FIELD_USCC"]),
    ("uscc-bad-check-digit", "enterprise", {"sb_uscc": uscc("91", "522701", "MA6AAAAA5")[:-1] + "Z"}, None, N,
     ["FIELD_USCC"], []),
    ("uscc-lowercase-with-spaces", "enterprise", {"sb_uscc": " " + uscc("91", "522701", "MA6AAAAA6").lower() + " "},
     None, T, [], ["FIELD_USCC", "ELIG_REGION"]),
    # ---- 独立法人企业 (ELIG_ENTITY, issue 13.1)
    ("entity-92-enterprise", "enterprise", {"sb_uscc": uscc("92", "522701", "MA6GET001")}, None, F, ["ELIG_ENTITY"], []),
    ("entity-92-team", "team", {"sb_uscc": uscc("92", "522701", "MA6GET002")}, None, F, ["ELIG_ENTITY"], []),
    ("entity-92-park", "park", {"sb_uscc": uscc("92", "522701", "MA6GET003")}, "default", F, ["ELIG_ENTITY"], []),
    ("entity-92-base", "base", {"sb_uscc": uscc("92", "522701", "MA6GET004")}, "default", F, ["ELIG_ENTITY"], []),
    ("entity-93-park", "park", {"sb_uscc": uscc("93", "522701", "MA6C00P01")}, "default", N,
     ["ELIG_ENTITY", "RULE_GAP"], []),
    ("entity-93-base", "base", {"sb_uscc": uscc("93", "522701", "MA6C00P02")}, "default", N,
     ["ELIG_ENTITY", "RULE_GAP"], []),
    ("entity-93-enterprise", "enterprise", {"sb_uscc": uscc("93", "522701", "MA6C00P03")}, None, F, ["ELIG_ENTITY"], []),
    ("entity-12-team", "team", {"sb_uscc": uscc("12", "522701", "MB1234567")}, None, F, ["ELIG_ENTITY"], []),
    ("entity-52-social-team", "team", {"sb_uscc": uscc("52", "522701", "MJ1234567")}, None, F, ["ELIG_ENTITY"], []),
    ("entity-branch", "enterprise", {"sb_name": "贵州都匀茶香电子商务有限公司凯里分公司"}, None, N, ["ELIG_ENTITY"], []),
    ("entity-sole-proprietor", "team", {"sb_name": "都匀市剑江直播个人独资企业"}, None, N, ["ELIG_ENTITY"], []),
    ("entity-lp", "enterprise", {"sb_name": "贵州都匀茶香电商合伙企业（有限合伙）"}, None, N, ["ELIG_ENTITY"], []),
    # ---- 材料 (三(三), 四; issue 13.3)
    ("mat-audit-no", "enterprise", {"sb_mat_audit": "否"}, None, F, ["ELIG_MATERIALS"], []),
    ("mat-proposal-no", "park", {"sb_mat_proposal": "否"}, "default", F, ["ELIG_MATERIALS"], []),
    ("mat-pbc-no", "team", {"sb_mat_pbc": "否"}, None, F, ["ELIG_MATERIALS"], []),
    ("mat-recommend-no", "team", {"sb_mat_recommend": "否"}, None, T, [], ["ELIG_MATERIALS"]),
    ("mat-form-no", "base", {"sb_mat_form": "否"}, "default", T, [], ["ELIG_MATERIALS"]),
    ("mat-icp-no", "enterprise", {"sb_mat_icp": "否"}, None, T, [], ["ELIG_MATERIALS"]),
    ("mat-permit-no", "enterprise", {"sb_mat_permit": "否"}, None, T, [], ["ELIG_MATERIALS"]),
    ("mat-license-unanswered", "enterprise", {"sb_mat_license": None}, None, T, [], ["ELIG_MATERIALS"]),
    # ---- 名单 is evidence (园区、基地; issue 13.2)
    ("evidence-park-list-2800", "park", {}, residents_for("park", retail_total=2800), N, ["ELIG_EVIDENCE"], []),
    ("evidence-park-list-3000", "park", {}, residents_for("park", retail_total=3000), T, [], ["ELIG_EVIDENCE"]),
    ("evidence-park-empty-list", "park", {}, [], N, ["ELIG_EVIDENCE"], []),
    ("evidence-base-list-900", "base", {}, residents_for("base", retail_total=900), N, ["ELIG_EVIDENCE"], []),
    ("evidence-base-empty-list", "base", {}, [], N, ["ELIG_EVIDENCE"], []),
    ("evidence-park-form-fails-too", "park", {"sb_online_retail": 2500}, residents_for("park", retail_total=2500),
     F, ["ELIG_RETAIL"], []),
    # ---- 申报时间 2024年4月-12月 (一): FIELD_DATE error that does not change the verdict
    ("fill-2024-03-31", "team", {"sb_fill_date": date(2024, 3, 31), "sb_period_end": date(2023, 12, 1)}, None, T,
     ["FIELD_DATE"], []),
    ("fill-2024-04-01", "team", {"sb_fill_date": date(2024, 4, 1)}, None, T, [], ["FIELD_DATE"]),
    ("fill-2024-12-31", "team", {"sb_fill_date": date(2024, 12, 31), "sb_period_start": date(2023, 11, 1),
                                 "sb_period_end": date(2024, 10, 1)}, None, T, [], ["FIELD_DATE", "FIELD_PERIOD"]),
    ("fill-2025-01-02", "team", {"sb_fill_date": date(2025, 1, 2), "sb_period_start": date(2023, 12, 1),
                                 "sb_period_end": date(2024, 11, 1)}, None, T, ["FIELD_DATE"], []),
    ("fill-text-date", "team", {"sb_fill_date": "2024年5月10日"}, None, T, [], ["FIELD_DATE", "ELIG_MISSING"]),
    ("fill-datetime", "team", {"sb_fill_date": datetime(2024, 5, 10, 0, 0)}, None, T, [], ["FIELD_DATE"]),
    # ---- 统计期 (202x年x月-202x年x月): 12 consecutive months, not after 填表时间
    ("period-6-months", "enterprise", {"sb_period_start": date(2023, 7, 1)}, None, None, ["FIELD_PERIOD"], []),
    ("period-after-fill", "enterprise", {"sb_period_start": date(2023, 8, 1), "sb_period_end": date(2024, 7, 1)}, None,
     None, ["FIELD_PERIOD"], []),
    ("period-ends-in-fill-month", "enterprise", {"sb_period_start": date(2023, 6, 1), "sb_period_end": date(2024, 5, 1)},
     None, T, ["FIELD_PERIOD"], []),
    ("period-older-than-12m", "enterprise", {"sb_period_start": date(2022, 1, 1), "sb_period_end": date(2022, 12, 1)},
     None, T, ["FIELD_PERIOD"], []),
    ("period-text-months", "enterprise", {"sb_period_start": "2023年1月", "sb_period_end": "2023年12月"}, None, T, [],
     ["FIELD_PERIOD", "FIELD_DATE"]),
    ("period-dotted-text", "enterprise", {"sb_period_start": "2023.05", "sb_period_end": "2024.04"}, None, T, [],
     ["FIELD_PERIOD", "FIELD_DATE"]),
]


def _residents(kind="park", **kw):
    return residents_for(kind, **kw)


def _dups():
    rows = _residents()
    rows[0]["企业名称"] = "贵州（都匀）茶业电子商务有限公司"
    rows[5]["企业名称"] = "贵州(都匀)茶业电子商务有限责任公司"       # same company: brackets and 有限责任公司
    rows[7]["企业名称"] = " 贵州（都匀）茶业 电子商务有限公司"
    return rows


def _row_contradictions():
    rows = _residents()
    rows[2]["年度网络零售额（万元）"], rows[2]["年度网络交易额（万元）"] = 500, 100      # retail above trade
    return rows


def _negative_row():
    rows = _residents()
    rows[3]["从业人数"] = -5
    return rows


def _with_total_row():
    rows = _residents()
    rows.append({"序号": "合计", "从业人数": 120, "年度网络交易额（万元）": 36000, "年度网络零售额（万元）": 3600})
    return rows


CASES += [
    # ---- 名单 cross-checks (CONTRACT §5 XC_RESIDENT_*; issue 4.2)
    ("xc-trade-shortfall-is-warning", "park", {}, _residents(trade_total=20000), T, ["XC_RESIDENT_TRADE"],
     ["ELIG_TRADE"]),
    ("xc-retail-list-above-form", "base", {}, _residents("base", retail_total=1500), T, ["XC_RESIDENT_RETAIL"],
     ["ELIG_EVIDENCE"]),
    ("xc-dup-names", "park", {}, _dups(), T, ["XC_RESIDENT_DUP"], []),
    ("xc-row-retail-above-trade", "park", {}, _row_contradictions(), "any", ["XC_RESIDENT_ROW"], []),
    ("xc-row-negative", "park", {}, _negative_row(), "any", ["XC_RESIDENT_ROW"], []),
    ("xc-total-row-not-a-company", "park", {}, _with_total_row(), T, [],
     ["XC_RESIDENT_COUNT", "XC_RESIDENT_DUP", "XC_RESIDENT_ROW", "XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL"]),
    ("xc-count-differs", "base", {"sb_resident_count": 20}, "default", T, ["XC_RESIDENT_COUNT"], []),
    # ---- missing data → 待定 (null), never 达标
    ("missing-established", "team", {"sb_established": None}, None, N, ["ELIG_MISSING"], []),
    ("missing-uscc", "enterprise", {"sb_uscc": None}, None, N, [], []),
    ("missing-live-sales", "team", {"sb_live_sales": None}, None, N, ["ELIG_MISSING"], []),
    ("ent-kind-inferred-from-sales", "enterprise", {"sb_enterprise_kind": None, "sb_trade_total": None, "sb_sales": 300},
     None, T, [], ["ELIG_TRADE"]),
    ("ent-kind-and-amounts-blank", "enterprise", {"sb_enterprise_kind": None, "sb_trade_total": None}, None, N,
     ["ELIG_MISSING"], []),
    ("established-after-fill-date", "team", {"sb_established": date(2024, 6, 1)}, None, F, ["ELIG_AGE"], []),
    ("leap-day-1-year", "base", {"sb_established": date(2023, 2, 28), "sb_fill_date": date(2024, 2, 29),
                                 "sb_period_start": date(2023, 1, 1), "sb_period_end": date(2023, 12, 1)},
     "default", T, ["FIELD_DATE"], ["ELIG_AGE"]),
    ("established-as-serial-number", "team", {"sb_established": 43617}, None, T, [], ["ELIG_AGE", "ELIG_MISSING"]),
    # 成立日期 to the year only: the whole year (1月1日-12月31日) decides when all its days agree (填表时间 2024-05-10)
    ("established-year-2020-team", "team", {"sb_established": "2020年"}, None, T, ["FIELD_DATE"],
     ["ELIG_AGE", "ELIG_MISSING"]),
    ("established-year-2023-team", "team", {"sb_established": "2023年"}, None, N, ["ELIG_MISSING"], ["ELIG_AGE"]),
    ("established-year-2022-park", "park", {"sb_established": "2022"}, "default", N, ["ELIG_MISSING"], ["ELIG_AGE"]),
    ("established-year-2023-park", "park", {"sb_established": "２０２３年"}, "default", F, ["ELIG_AGE"], []),
    ("established-year-in-date-cell", "enterprise", {"sb_established": 2020}, None, T, ["FIELD_DATE"],
     ["ELIG_AGE", "ELIG_MISSING"]),
    # ---- 政府部门/事业单位 as the park's operator: one RULE_GAP for the contradiction (issue 13.1)
    ("park-operator-public-institution", "park", {"sb_operator_type": "事业单位",
                                                  "sb_uscc": uscc("12", "522701", "MB0000001")}, "default", N,
     ["RULE_GAP", "ELIG_ENTITY"], []),
    ("text-short-150", "team", {"sb_performance": "业" * 150}, None, T, [], ["FIELD_TEXT_SHORT"]),
    ("text-short-149", "team", {"sb_performance": "业" * 149}, None, T, ["FIELD_TEXT_SHORT"], []),
    ("mobile-bad", "team", {"sb_leader_mobile": "1398540000"}, None, T, ["FIELD_MOBILE"], []),
    ("name-blank", "team", {"sb_name": None}, None, "any", ["FIELD_REQUIRED"], []),
    # formulas and Excel error values in amount cells (issue 3.4: "flag a formula without" a cached value)
    ("formula-without-cached-value", "enterprise", {"sb_online_retail": "=200+100"}, None, N, ["FIELD_FORMULA"], []),
    ("excel-error-value", "team", {"sb_live_sales": "#VALUE!"}, None, N, ["FIELD_AMOUNT"], []),
    ("period-reversed", "team", {"sb_period_start": date(2023, 12, 1), "sb_period_end": date(2023, 1, 1)}, None, N,
     ["FIELD_PERIOD"], []),
]
for _good in CASES[:4]:
    _good[6].extend(["XC_RESIDENT_COUNT", "XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL", "XC_RESIDENT_STAFF",
                     "XC_RESIDENT_DUP", "XC_RESIDENT_ROW", "FIELD_REQUIRED", "FIELD_AMOUNT", "FIELD_DATE",
                     "FIELD_PERIOD", "FIELD_USCC", "FIELD_MOBILE", "FIELD_TEXT_SHORT"])
IDS = [c[0] for c in CASES]
assert len(set(IDS)) == len(IDS)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("verdicts")
    paths = []
    for cid, kind, changes, residents, *_ in CASES:
        paths.append(make_app(tmp, kind, name=f"{cid}.xlsx", residents=residents, **changes))
    rc, data, err = check_json(*paths)
    assert rc == 0, err
    assert isinstance(data, list) and len(data) == len(paths)
    by_file = {}
    for path, obj in zip(paths, data, strict=True):
        assert "error" not in obj, obj
        by_file[path.stem] = obj
    return {"objects": by_file, "paths": {p.stem: p for p in paths}}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_verdict(results, case):
    cid, kind, changes, residents, eligible, must, must_not = case
    obj = results["objects"][cid]
    assert obj["type"] == kind
    got = codes(obj)
    msg = f"{cid}: eligible={obj['eligible']} findings={[(f['code'], f['severity'], f['message'][:90]) for f in obj['findings']]}"
    if eligible != "any":
        assert obj["eligible"] is eligible, msg
    for code in must:
        assert code in got, msg
    for code in must_not:
        assert code not in got, msg


# The brief's two example verdicts (issue 13, "Done when"): neither loses the suggested score.
def test_individual_business_keeps_its_score(results):
    obj = results["objects"]["entity-92-enterprise"]
    good = results["objects"]["good-enterprise"]
    assert obj["eligible"] is False
    assert obj["score"]["auto"] == good["score"]["auto"] > 0
    assert finding(obj, "ELIG_ENTITY")[0]["severity"] == "error"


def test_park_list_below_3000_keeps_score_and_gives_both_figures(results):
    obj = results["objects"]["evidence-park-list-2800"]
    assert obj["eligible"] is None
    assert obj["score"]["auto"] == results["objects"]["good-park"]["score"]["auto"]
    ev = finding(obj, "ELIG_EVIDENCE")
    assert ev and ev[0]["severity"] == "error"
    assert "2800" in ev[0]["message"] and "3600" in ev[0]["message"], ev[0]["message"]


@pytest.mark.parametrize("cid", ["entity-93-park", "park-operator-public-institution"])
def test_entity_park_has_one_rule_gap_for_the_contradiction(results, cid):
    obj = results["objects"][cid]
    gaps = [f for f in finding(obj, "RULE_GAP") if "法人" in f["message"]]
    assert len(gaps) == 1, [f["message"] for f in finding(obj, "RULE_GAP")]
    assert all(f["severity"] == "warning" for f in finding(obj, "ELIG_ENTITY"))


def test_fill_date_outside_window_is_an_error(results):
    for cid in ("fill-2024-03-31", "fill-2025-01-02"):
        sev = {f["severity"] for f in finding(results["objects"][cid], "FIELD_DATE")}
        assert "error" in sev, (cid, results["objects"][cid]["findings"])


def test_period_reading_is_a_warning_when_not_about_length(results):
    for cid in ("period-ends-in-fill-month", "period-older-than-12m"):
        sev = {f["severity"] for f in finding(results["objects"][cid], "FIELD_PERIOD")}
        assert sev == {"warning"}, (cid, results["objects"][cid]["findings"])


def test_elig_region_message_names_the_code(results):
    msg = " ".join(f["message"] for f in finding(results["objects"]["uscc-529999"], "ELIG_REGION"))
    assert "529999" in msg


@pytest.mark.parametrize("cid", ["good-park", "park-age-2y-minus-1d", "entity-93-park", "team-sales-499"])
def test_single_file_object_equals_folder_object(results, cid):
    rc, obj, err = check_json(results["paths"][cid])
    assert rc == 0, err
    assert isinstance(obj, dict)
    other = dict(results["objects"][cid])
    assert Path(obj.pop("file")).name == Path(other.pop("file")).name == f"{cid}.xlsx"
    assert obj == other


def test_file_field_is_the_same_in_single_and_batch_mode(results):
    path = results["paths"]["good-team"]
    _, single, _ = check_json(path)
    _, batch, _ = check_json(path, results["paths"]["good-park"])
    assert single["file"] == batch[0]["file"]


def test_list_trade_shortfall_stays_a_warning(results):
    """Issue 13.2: 年度网络交易额 in the list is not the form's 年度交易额: 'a shortfall there stays a warning'."""
    obj = results["objects"]["xc-trade-shortfall-is-warning"]
    assert obj["eligible"] is True
    assert all(f["severity"] != "error" for f in obj["findings"] if f["code"].startswith(("ELIG_", "XC_"))), \
        obj["findings"]
