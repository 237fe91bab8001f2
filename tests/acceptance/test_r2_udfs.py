"""Round 2: the Excel formulas (README: "还有 SB_AMOUNT、SB_USCC … 等自定义函数", docs/addin.md §三) called
as plain Python functions, compared with `shibai check` on the same inputs.

The expectations are the notice's figures (二、申报条件) and CONTRACT §2/§5; where a formula and
`check` read the same input, they must give the same answer ("结果与命令行完全相同（同一套代码）").
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from shibai_xl.faces import udf_functions as U

from .helpers import GOOD, TYPES, check_json, codes, finding, make_app, run, uscc

# ------------------------------------------------------------------ SB_THRESHOLD: the notice's figures
# 二（二）: 园区 "年度合计交易额在 3 亿元以上，其中网络零售额 3000 万元以上"; 基地 "5000 万元以上 …
# 1000 万元以上"; 企业 平台类 "交易额在 1000 万元以上", 服务类 "年度销售收入在 200 万元以上"
# "其中网络零售额 100 万元以上"; 团队 "年度直播销售额达到 500 万以上"; 成立 园区 2 年, 其余 1 年.
NOTICE = [("园区", "交易额", 30000), ("园区", "网络零售额", 3000), ("园区", "成立年限", 2),
          ("直播基地", "交易额", 5000), ("直播基地", "网络零售额", 1000), ("直播基地", "成立年限", 1),
          ("企业", "交易额", 1000), ("企业", "销售额", 200), ("企业", "网络零售额", 100), ("企业", "成立年限", 1),
          ("直播团队", "直播销售额", 500), ("直播团队", "成立年限", 1),
          ("park", "交易额", 30000), ("team", "直播销售额", 500)]


@pytest.mark.parametrize("kind, metric, expected", NOTICE)
def test_threshold_is_the_notice_figure_in_wan_yuan(kind, metric, expected):
    assert U.threshold(kind, metric) == expected


# ------------------------------------------------------------------ SB_ELIGIBLE agrees with check
# (成立日期, 填表时间, 交易额 in the form's unit, 零售额); "以上" includes the figure (CONTRACT §5 last line),
# 成立年限 by calendar years (README: 2022-04-15 到 2024-04-15 正好满 2 年).
ELIGIBLE_CASES = [
    ("park", date(2022, 4, 15), 3, 3000, "达标"),          # 3 亿元 exactly, 2 years exactly
    ("park", date(2022, 4, 16), 3, 3000, "不达标"),        # one day short of 2 years
    ("park", date(2020, 1, 1), 2.99, 3000, "不达标"),      # 亿元: 2.99 亿 < 3 亿
    ("park", date(2020, 1, 1), 3.5, 2999, "不达标"),
    ("base", date(2023, 4, 15), 5000, 1000, "达标"),
    ("base", date(2020, 1, 1), 4999, 1000, "不达标"),
    ("enterprise", date(2023, 4, 15), 1000, 100, "达标"),
    ("enterprise", date(2020, 1, 1), 1000, 99.99, "不达标"),
    ("team", date(2023, 4, 15), 500, None, "达标"),
    ("team", date(2020, 1, 1), 499.99, None, "不达标"),
]
FILL = date(2024, 4, 15)
AMOUNT_FIELD = {"park": "sb_trade_total", "base": "sb_trade_total", "enterprise": "sb_trade_total",
                "team": "sb_live_sales"}
VERDICT = {True: "达标", False: "不达标", None: "待定"}


@pytest.mark.parametrize("kind, est, trade, retail, expected", ELIGIBLE_CASES)
def test_eligible_formula_agrees_with_check(tmp_path, kind, est, trade, retail, expected):
    kinds = {"enterprise": "平台类"}
    assert U.eligible(kind, est, FILL, trade, retail, kinds.get(kind)) == expected
    changes = {"sb_established": est, "sb_fill_date": FILL, AMOUNT_FIELD[kind]: trade,
               "sb_period_start": date(2023, 1, 1), "sb_period_end": date(2023, 12, 1)}
    if retail is not None:
        changes["sb_online_retail"] = retail
    residents = "default"
    if kind in ("park", "base"):
        from .helpers import residents_for
        total = trade * (10000 if kind == "park" else 1)
        residents = residents_for(kind, trade_total=total, retail_total=retail)
    app = make_app(tmp_path, kind, name=f"{kind}.xlsx", residents=residents, **changes)
    rc, obj, err = check_json(app)
    assert rc == 0, err
    assert VERDICT[obj["eligible"]] == expected, [(f["code"], f["message"]) for f in obj["findings"]
                                                 if f["severity"] == "error"]


def test_eligible_service_enterprise_uses_the_sales_threshold():
    # 服务类 "年度销售收入在 200 万元以上": 200 is enough for 服务类, not for 平台类 (1000)
    assert U.eligible("企业", date(2020, 1, 1), FILL, 200, 100, "服务类") == "达标"
    assert U.eligible("企业", date(2020, 1, 1), FILL, 200, 100, "平台类") == "不达标"


def test_eligible_accepts_typed_chinese_amounts_and_dates():
    assert U.eligible("园区", "2022年4月15日", "2024年4月15日", "3亿元", "3000万") == "达标"


# ------------------------------------------------------------------ SB_AMOUNT units (CONTRACT §2: park 亿元)
@pytest.mark.parametrize("value, unit, expected", [
    (3.6, "亿元", 36000), ("3.6亿", "万元", 36000), ("3600万元", "万元", 3600), (36000000, "元", 3600),
    ("8,000", "万元", 8000)])
def test_amount_converts_to_wan_yuan(value, unit, expected):
    assert U.amount(value, unit) == pytest.approx(expected)


@pytest.mark.parametrize("value", ["约3000万", "3000万左右", -5, "三千万到四千万"])
def test_amount_refuses_inexact_or_negative_in_chinese(value):
    out = U.amount(value)
    assert isinstance(out, str) and out.startswith("错误：")


# ------------------------------------------------------------------ SB_USCC / SB_REGION agree with check
@pytest.mark.parametrize("region, city", [("520102", "贵阳市"), ("520900", "贵安新区"), ("520190", "贵阳市"),
                                          ("522701", "黔南州")])
def test_region_names_the_city_of_a_guizhou_code(region, city):
    assert U.region(uscc("91", region)) == city


def test_region_of_a_non_guizhou_code_is_an_error():
    assert U.region(uscc("91", "110101")).startswith("错误：")


def test_region_formula_agrees_with_check_on_an_unknown_52_code(tmp_path):
    # README 规则从哪里来: "52 开头但不是这些代码（如 529999）也不达标（ELIG_REGION…）";
    # udfs/shibai_udfs.py SB_REGION: "不是贵州的代码返回“错误：…”".
    code = uscc("91", "529999")
    app = make_app(tmp_path, "enterprise", name="e.xlsx", sb_uscc=code)
    rc, obj, _ = check_json(app)
    assert "ELIG_REGION" in codes(obj)
    assert U.region(code).startswith("错误：")


def test_uscc_formula_and_check_agree_on_a_wrong_check_digit(tmp_path):
    from .helpers import wrong_check_digit
    bad = wrong_check_digit(uscc("91", "520102"))
    assert U.uscc(bad).startswith("错误：")
    app = make_app(tmp_path, "enterprise", name="e.xlsx", sb_uscc=bad)
    rc, obj, _ = check_json(app)
    assert "FIELD_USCC" in codes(obj)
    # the formula names the right check digit, as the standard computes it
    right = uscc("91", "520102")[-1]
    assert f"“{right}”" in U.uscc(bad)


def test_uscc_formula_compacts_spaces_and_dashes():
    code = uscc("91", "520102")
    assert U.uscc(f" {code[:8]}-{code[8:]} ") == code


@pytest.mark.parametrize("text, ok", [("139 8540 0001", True), ("+86-13985400001", True), ("1398540000", False),
                                      ("12985400001", False)])
def test_mobile_formula_agrees_with_check(tmp_path, text, ok):
    out = U.mobile(text)
    assert (out == "13985400001") if ok else out.startswith("错误：")
    app = make_app(tmp_path, "team", name="t.xlsx", sb_leader_mobile=text)
    rc, obj, _ = check_json(app)
    assert ("FIELD_MOBILE" in codes(obj)) is (not ok)


# ------------------------------------------------------------------ SB_SCORE agrees with check's score.auto
def _form_values(kind: str, changes: dict) -> dict:
    values = {**GOOD[kind], **changes}
    return {k: v for k, v in values.items() if not k.startswith("sb_mat_")}


SCORE_CASES = [("park", {}), ("park", {"sb_live_rooms": 9, "sb_incubation_rate": 0.4, "sb_crossborder_usd": 500000}),
               ("base", {}), ("base", {"sb_crossborder_usd": 300000, "sb_brands": 4}),
               ("enterprise", {}), ("enterprise", {"sb_online_share": 0.19, "sb_icp": "否"}),
               ("team", {}), ("team", {"sb_fans": 990000, "sb_agri_sales": 49.9})]


@pytest.mark.parametrize("kind, changes", SCORE_CASES)
def test_score_formula_equals_check(tmp_path, kind, changes):
    app = make_app(tmp_path, kind, name=f"{kind}.xlsx", **changes)
    rc, obj, err = check_json(app)
    assert rc == 0, err
    values = _form_values(kind, changes)
    # Excel hands a %-formatted cell over as the fraction it stores
    pct = {k: (v / 100 if k in ("sb_incubation_rate", "sb_online_share") and v > 1 else v) for k, v in values.items()}
    assert U.score(kind, list(pct), list(pct.values())) == pytest.approx(obj["score"]["auto"])
    assert U.score(kind, [[k, v] for k, v in pct.items()]) == pytest.approx(obj["score"]["auto"])


def test_score_formula_accepts_every_defined_name_of_the_form():
    # CONTRACT §2: every input cell "carries a workbook-scoped defined name from this table", and the table
    # includes 材料清单 sb_mat_*; docs/addin.md: SB_SCORE's names are "申报表的定义名称".
    values = GOOD["enterprise"]
    out = U.score("企业", list(values), list(values.values()))
    assert not isinstance(out, str), out


def test_score_formula_refuses_a_foreign_name_in_chinese():
    out = U.score("企业", ["sb_no_such_name"], ["是"])
    assert isinstance(out, str) and out.startswith("错误：") and "sb_no_such_name" in out


# ------------------------------------------------------------------ SB_RESIDENTS agrees with check's cross-checks
def test_residents_formula_agrees_with_check(tmp_path):
    from .helpers import residents_for
    rows = residents_for("base", n=6, retail_total=1200, trade_total=6000)
    rows.append(dict(rows[0]))                      # a duplicate, typed twice
    rows[2]["年度网络零售额（万元）"] = rows[2]["年度网络交易额（万元）"] + 1      # retail above trade: a bad row
    app = make_app(tmp_path, "base", name="基地.xlsx", residents=rows)
    rc, obj, _ = check_json(app)
    assert finding(obj, "XC_RESIDENT_DUP") and finding(obj, "XC_RESIDENT_ROW")
    header = list(rows[0])
    table = [header] + [[r[h] for h in header] for r in rows]
    out = dict((label, value) for label, value in U.residents(table))
    assert out["家数"] in (6, 7)
    assert out["从业人数合计"] in (60, 70)
    assert rows[0]["企业名称"] in out["重复企业"]
    assert out["数据有误（处）"] >= 1
    count = finding(obj, "XC_RESIDENT_COUNT")
    # the form says 12 companies; the list names out["家数"]: check's message must name the same figure
    assert count and str(out["家数"]) in count[0]["message"]


# ------------------------------------------------------------------ SB_UPLOAD_NAME equals check's
@pytest.mark.parametrize("kind", TYPES)
def test_upload_name_formula_equals_checks(tmp_path, kind):
    app = make_app(tmp_path, kind, name=f"{kind}.xlsx")
    p = run("check", app)
    m = re.search(r"上传文件名：(\S+\.pdf)", p.stdout)
    assert m, p.stdout[-1500:]
    label = {"park": "园区", "base": "直播基地", "enterprise": "企业", "team": "直播团队"}[kind]
    company = GOOD[kind].get("sb_operator_name") or GOOD[kind]["sb_name"]   # a park's or base's 公司名称: its operator
    assert U.upload_name(GOOD[kind]["sb_city"], company, label) == m.group(1)


def test_formulas_never_raise_on_odd_inputs():
    odd = [None, "", 0, -1, 1e308, "=1+2", ["a"], [[None]], True]
    for fn in U.all_functions().values():
        for v in odd:
            try:
                fn(v, v, v) if fn not in (U.amount, U.uscc, U.region, U.mobile) else fn(v)
            except TypeError:
                continue              # wrong arity for a one-argument formula: Excel never calls it so
            except Exception as exc:  # pragma: no cover - the assertion reports it
                raise AssertionError(f"{fn.__name__}({v!r}) raised {exc!r}") from exc
