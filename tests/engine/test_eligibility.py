"""前置条件 on both sides of every boundary (二、申报条件 and 附件5 前置条件)."""
from datetime import date

import pytest

from shibai_xl.engine.check import check
from shibai_xl.examples import make_uscc
from tests.conftest import TYPES, example_app


def run(app_type, **changes):
    return check(example_app(app_type, **changes), today=date(2024, 12, 31))


@pytest.mark.parametrize("app_type", TYPES)
def test_examples_are_eligible(app_type):
    r = run(app_type)
    assert r.eligible is True, [(c.label, c.reason) for c in r.eligibility.conditions]
    assert not [f for f in r.findings if f.severity == "error"], r.findings


BOUNDARIES = [
    # (type, field, value at the threshold, value just below, code)
    ("park", "sb_trade_total", 3, 2.9999, "ELIG_TRADE"),          # 亿元
    ("park", "sb_trade_total", "30000万", "29999.99万", "ELIG_TRADE"),
    ("park", "sb_online_retail", 3000, 2999.99, "ELIG_RETAIL"),
    ("base", "sb_trade_total", 5000, 4999.99, "ELIG_TRADE"),
    ("base", "sb_online_retail", 1000, 999.99, "ELIG_RETAIL"),
    ("enterprise", "sb_trade_total", 1000, 999.99, "ELIG_TRADE"),
    ("enterprise", "sb_online_retail", 100, 99.99, "ELIG_RETAIL"),
    ("team", "sb_live_sales", 500, 499.99, "ELIG_LIVE_SALES"),
]


@pytest.mark.parametrize("app_type,field,at,below,code", BOUNDARIES)
def test_thresholds_include_the_figure_itself(app_type, field, at, below, code):
    changes = {field: at}
    if field == "sb_trade_total" and app_type == "park":
        changes["sb_online_retail"] = 3000
    ok = run(app_type, **changes)
    assert ok.eligible is True and code not in ok.codes()
    changes[field] = below
    bad = run(app_type, **changes)
    assert bad.eligible is False and code in bad.codes()
    f = next(f for f in bad.findings if f.code == code)
    assert f.field == field and f.severity == "error" and "低于门槛" in f.message


def test_service_enterprise_uses_sales_threshold():
    ok = run("enterprise", sb_enterprise_kind="服务类", sb_trade_total=None, sb_sales=200)
    assert ok.eligible is True
    bad = run("enterprise", sb_enterprise_kind="服务类", sb_trade_total=None, sb_sales=199.99)
    assert bad.eligible is False and "ELIG_TRADE" in bad.codes()
    # a platform enterprise with sales of 500万 but trade below 1000万 fails
    bad = run("enterprise", sb_enterprise_kind="平台类", sb_trade_total=800, sb_sales=500)
    assert bad.eligible is False


@pytest.mark.parametrize("kind,trade,sales,severity", [("平台类", 500, 3000, "warning"), ("平台类", 2000, 100, "info"),
                                                     ("服务类", 2600, 100, "warning")])
def test_the_other_kinds_amount_filled_too_is_said_not_silently_dropped(kind, trade, sales, severity):
    """二（二）3: 平台类 is judged by its 交易额, 服务类 by its 销售额; the other line filled as well is named, and where it
    would meet its own threshold the 企业类别 is asked to be checked (the verdict stays the chosen kind's)."""
    r = run("enterprise", sb_enterprise_kind=kind, sb_trade_total=trade, sb_sales=sales)
    other = "sb_sales" if kind == "平台类" else "sb_trade_total"
    said = [f for f in r.findings if f.code == "FIELD_INCONSISTENT" and f.field == other]
    assert len(said) == 1 and said[0].severity == severity, [f.message for f in r.findings]
    assert f"企业类别为“{kind}”" in said[0].message and "不使用该金额" in said[0].message
    assert ("请更正企业类别" in said[0].message) is (severity == "warning")
    assert r.eligible is (severity == "info")


def test_enterprise_without_kind():
    both_pass = run("enterprise", sb_enterprise_kind=None, sb_trade_total=2000, sb_sales=300)
    assert both_pass.eligible is True
    both_fail = run("enterprise", sb_enterprise_kind=None, sb_trade_total=500, sb_sales=100)
    assert both_fail.eligible is False
    unclear = run("enterprise", sb_enterprise_kind=None, sb_trade_total=500, sb_sales=300)
    assert unclear.eligible is None and "ELIG_MISSING" in unclear.codes()
    # only one of the two amounts filled: it says which kind the enterprise is
    platform = run("enterprise", sb_enterprise_kind=None, sb_trade_total=1500, sb_sales=None)
    assert platform.eligible is True and any("按平台类" in f.message for f in platform.findings)
    service = run("enterprise", sb_enterprise_kind=None, sb_trade_total=None, sb_sales=150)
    assert service.eligible is False and "ELIG_TRADE" in service.codes()


def test_enterprise_kind_is_not_asked_for_when_the_one_amount_line_filled_says_it():
    """The official 电商示范企业申报表 has no 企业类别 line: the applicant fills the 平台型 交易额 line or the 服务类 销售额
    line. A hand-typed form doing so is not told to fill a line it does not have (QA); with neither or both amounts
    the kind decides the threshold and is asked for."""
    def asked(**changes):
        return any(f.code == "FIELD_REQUIRED" and f.field == "sb_enterprise_kind"
                   for f in run("enterprise", sb_enterprise_kind=None, **changes).findings)

    assert not asked(sb_trade_total=1500, sb_sales=None)
    assert not asked(sb_trade_total=None, sb_sales=300)
    assert asked(sb_trade_total=500, sb_sales=300)
    assert asked(sb_trade_total=None, sb_sales=None)


@pytest.mark.parametrize("app_type,years", [("park", 2), ("base", 1), ("enterprise", 1), ("team", 1)])
def test_age_counts_calendar_years(app_type, years):
    fill = date(2024, 4, 15)
    exact = run(app_type, sb_established=date(2024 - years, 4, 15), sb_fill_date=fill)
    assert exact.eligible is True and "ELIG_AGE" not in exact.codes()
    short = run(app_type, sb_established=date(2024 - years, 4, 16), sb_fill_date=fill)
    assert short.eligible is False and "ELIG_AGE" in short.codes()


def test_age_with_month_only_established():
    assert run("park", sb_established="2022年3月", sb_fill_date=date(2024, 4, 15)).eligible is True
    assert run("park", sb_established="2022年5月", sb_fill_date=date(2024, 4, 15)).eligible is False
    undecided = run("park", sb_established="2022年4月", sb_fill_date=date(2024, 4, 15))
    assert undecided.eligible is None and "ELIG_MISSING" in undecided.codes()


@pytest.mark.parametrize("fill", [date(2030, 4, 15), "2030年4月", date(2025, 1, 5)])
def test_age_is_not_counted_past_the_application_window(fill):
    """一、申报时间 2024年4月-12月: a 填表时间 typed after it (2030) cannot make a company old enough; its age is
    counted to 2024年12月31日 at the latest."""
    period = dict(sb_period_start=date(2023, 1, 1), sb_period_end=date(2023, 12, 1))
    young = run("park", sb_established=date(2023, 6, 1), sb_fill_date=fill, **period)
    assert young.eligible is False and "ELIG_AGE" in young.codes()
    age = next(c for c in young.eligibility.conditions if c.topic == "age")
    assert "申报时间" in age.reason and "2024年12月31日" in age.reason
    old = run("park", sb_established=date(2022, 12, 31), sb_fill_date=fill, **period)
    assert old.eligible is True and "ELIG_AGE" not in old.codes()


def test_leap_day_anniversary():
    """Counted to a 填表时间 inside 一、申报时间: a year file whose window covers February 2021 (as a 2021 notice's
    could); 2024's window (4月-12月) has no February 28 to fill a form on."""
    from dataclasses import replace

    from shibai_xl.rules import load
    rules = load()
    rules = replace(rules, common=replace(rules.common, application_window=("2021-01", "2021-12")))
    period = dict(sb_period_start=date(2020, 1, 1), sb_period_end=date(2020, 12, 1))

    def on(fill):
        app = example_app("team", sb_established=date(2020, 2, 29), sb_fill_date=fill, **period)
        return check(app, rules, today=date(2024, 12, 31)).eligible
    assert on(date(2021, 2, 28)) is True
    assert on(date(2021, 2, 27)) is False


@pytest.mark.parametrize("region", ["520102", "520221", "520222", "520321", "522200", "522400", "520900", "520000"])
def test_guizhou_codes_pass(region):
    r = run("enterprise", sb_uscc=make_uscc(region))
    assert r.eligible is True and "ELIG_REGION" not in r.codes()


@pytest.mark.parametrize("region", ["110000", "510104", "530102", "500101"])
def test_other_provinces_fail(region):
    r = run("enterprise", sb_uscc=make_uscc(region))
    assert r.eligible is False and "ELIG_REGION" in r.codes()
    f = next(f for f in r.findings if f.code == "ELIG_REGION")
    assert region in f.message and f.field == "sb_uscc"


def test_bad_uscc_is_a_field_finding_and_undecided():
    good = make_uscc("520102")
    r = run("park", sb_uscc=good[:17] + ("0" if good[17] != "0" else "1"))
    assert "FIELD_USCC" in r.codes() and r.eligible is None
    r = run("park", sb_uscc=make_uscc("110000")[:17] + "0")
    assert "ELIG_REGION" in r.codes() or r.eligible is None


@pytest.mark.parametrize("field", ["sb_credit_ok", "sb_finance_ok"])
def test_credit_and_finance(field):
    r = run("base", **{field: "否"})
    assert r.eligible is False and "ELIG_CREDIT" in r.codes()
    r = run("base", **{field: None})
    assert r.eligible is None and {"ELIG_CREDIT", "ELIG_MISSING"} <= r.codes()
    for said in ("是的", "良好", "无失信记录", "健全", "已健全"):      # what people write instead of 是
        assert run("base", **{field: said}).eligible is True, said
    assert run("base", **{field: "未健全"}).eligible is False
    r = run("base", **{field: "待查"})
    said = next(f.message for f in r.findings if f.code == "ELIG_CREDIT")
    assert r.eligible is None and "无法识别" in said and "未填写" not in said


def test_period_must_be_twelve_months_not_after_fill_date():
    ok = run("team", sb_period_start=date(2023, 4, 1), sb_period_end=date(2024, 3, 1), sb_fill_date=date(2024, 4, 15))
    assert ok.eligible is True
    eleven = run("team", sb_period_start=date(2023, 1, 1), sb_period_end=date(2023, 11, 1))
    assert "FIELD_PERIOD" in eleven.codes() and eleven.eligible is None
    later = run("team", sb_period_start=date(2023, 7, 1), sb_period_end=date(2024, 6, 1), sb_fill_date=date(2024, 4, 15))
    assert "FIELD_PERIOD" in later.codes() and later.eligible is None
    backwards = run("team", sb_period_start=date(2023, 12, 1), sb_period_end=date(2023, 1, 1))
    assert "FIELD_PERIOD" in backwards.codes()
    one_cell = run("team", sb_period_start="2023年1月-2023年12月", sb_period_end=None)
    assert one_cell.eligible is True


@pytest.mark.parametrize("fill", [None, "    年  月  日", date(2030, 4, 15)])
def test_a_period_ending_after_the_application_window_is_said_whatever_the_fill_date(fill):
    """一、申报时间 2024年4月-12月: a 统计期 ending in 2025 ends after any day the form can be filled, as one ending after
    its 填表时间 does; with 填表时间 left blank (or typed after the window, counted to its close as the age is) it
    passed as a full year of figures."""
    r = run("enterprise", sb_period_start="2024.3", sb_period_end="2025.2", sb_fill_date=fill)
    assert r.eligible is None, [(c.label, c.reason) for c in r.eligibility.conditions]
    f = next(f for f in r.findings if f.code == "FIELD_PERIOD")
    assert f.severity == "error" and "2025年02月" in f.message and "2024年4月-12月" in f.message, f.message
    inside = run("enterprise", sb_period_start="2023.12", sb_period_end="2024.11", sb_fill_date=None)
    assert "FIELD_PERIOD" not in inside.codes() and inside.eligible is True


@pytest.mark.parametrize("topic,changes,said", [
    # 2023年1月 or 10月? neither makes 12 months with 2024年12月 (24 or 15): refused
    ("period", {"sb_period_start": 2023.1, "sb_period_end": 2024.12}, "统计期起（年月）无法识别"),
    ("period", {"sb_period_start": "上年度", "sb_period_end": None}, "统计期起（年月）无法识别、统计期止（年月）未填写"),
    ("age", {"sb_established": "去年三月"}, "成立日期无法识别"),
])
def test_a_date_typed_but_unreadable_is_not_said_unfilled_in_the_verdict(topic, changes, said):
    """The 前置条件 table (terminal, 汇总表's reasons) said 未填写统计期 / 缺少成立日期或填表时间 of a date that was typed
    but could not be read, sending the clerk to look for an empty cell beside the FIELD_DATE error on the filled one."""
    r = run("enterprise", **changes)
    c = next(c for c in r.eligibility.conditions if c.topic == topic)
    assert r.eligible is None and c.reason == said, c.reason
    blank = next(c for c in run("enterprise", sb_period_start=None, sb_period_end=None).eligibility.conditions
                 if c.topic == "period")
    assert blank.reason == "未填写统计期"


@pytest.mark.parametrize("start,end,read", [
    (2023.1, 2023.12, ("sb_period_start", date(2023, 1, 1))),     # only 2023年1月 makes 2023年1月-12月
    (2022.11, 2023.1, ("sb_period_end", date(2023, 10, 1))),      # only 2023年10月 makes 12 months from 2022年11月
    (2023.2, 2024.1, ("sb_period_end", date(2024, 1, 1))),
])
def test_a_year_dot_one_in_the_period_is_the_month_that_makes_it_whole(start, end, read):
    """统计期起 typed 2023.1 beside 统计期止 2023.12 was refused as “2023年1月 or 10月”, though only January makes the
    连续12个月 of the form's 统计期 (通知 附件2 前置条件统计期) with the other end: read as that month, with a warning."""
    r = run("enterprise", sb_period_start=start, sb_period_end=end)
    name, month = read
    assert r.values[name] == month and r.eligible is True, [(f.code, f.message) for f in r.findings]
    said = [f for f in r.findings if f.field == name]
    assert len(said) == 1 and said[0].severity == "warning" and said[0].code == "FIELD_DATE", said
    assert f"{month.year}年{month.month}月" in said[0].message and "12个月" in said[0].message, said[0].message


@pytest.mark.parametrize("end,months", [("12月", 12), ("12月份", 12), (" １２月 ", 12), ("11月", 11)])
def test_a_period_end_typed_as_a_month_alone_is_in_the_start_year(end, months):
    """统计期 “2023年1月” | “12月” in its two cells reads as “2023年1-12月” typed in one cell does."""
    r = run("enterprise", sb_period_start="2023年1月", sb_period_end=end)
    assert "FIELD_DATE" not in r.codes(), [f.message for f in r.findings]
    assert r.eligible is (True if months == 12 else None)
    if months != 12:
        assert "为11个月" in next(f.message for f in r.findings if f.code == "FIELD_PERIOD")


def test_missing_data_is_undecided_not_failed():
    r = run("park", sb_trade_total=None)
    assert r.eligible is None and "ELIG_MISSING" in r.codes() and "FIELD_REQUIRED" in r.codes()
    r = run("park", sb_trade_total=None, sb_online_retail=100)
    assert r.eligible is False  # a condition that fails decides


def test_unreadable_amount_is_a_finding_not_a_guess():
    r = run("base", sb_trade_total="约五千万左右")
    assert "FIELD_AMOUNT" in r.codes() and r.eligible is None
    f = next(f for f in r.findings if f.code == "FIELD_AMOUNT")
    assert f.field == "sb_trade_total" and "约五千万左右" in f.message


@pytest.mark.parametrize("app_type,field,raw", [
    ("team", "sb_live_sales", 4990000),        # 499万元 typed in 元: would read 499亿元
    ("team", "sb_live_sales", 500000),         # 50万元 typed in 元: 50亿元, far over the 500万 threshold
    ("enterprise", "sb_trade_total", 8000000),  # 800万元 typed in 元
    ("base", "sb_trade_total", "40,000,000"),   # text in a text-formatted cell
    ("park", "sb_trade_total", "25000"),        # 2.5亿元 typed in 万元 into the park's 亿元 cell
    # an enterprise's 网络零售额 (100万元) just under its threshold, typed in 元
    ("enterprise", "sb_online_retail", 950000),   # 95万元 read as 95亿元
    ("park", "sb_trade_total", 500),            # 500万元 typed into the 亿元 cell: 500亿元, no Guizhou park's figure
    ("park", "sb_trade_total", 100),            # 100亿元: the ceiling every other 年度交易额 has (1000000万元)
])
def test_a_figure_typed_in_the_unit_below_is_undecided_and_said(app_type, field, raw):
    r = run(app_type, **{field: raw})
    assert r.eligible is None
    f = next(f for f in r.findings if f.code == "FIELD_AMOUNT" and f.field == field)
    assert f.severity == "warning" and f.message.startswith("请核对") and "是否误按" in f.message
    assert "无法识别" not in f.message


def test_a_service_enterprise_sales_typed_in_yuan_is_undecided():
    """服务类 销售额 90万元 typed in 元 (900000) read 90亿元 and passed the 200万元 threshold without a word."""
    r = run("enterprise", sb_enterprise_kind="服务类", sb_trade_total=None, sb_sales=900000)
    assert r.eligible is None
    f = next(f for f in r.findings if f.code == "FIELD_AMOUNT" and f.field == "sb_sales")
    assert f.severity == "warning" and "是否误按元填写" in f.message


@pytest.mark.parametrize("app_type,field,raw", [
    ("team", "sb_live_sales", 90000),           # 9亿元 of live sales: large, read as typed
    ("base", "sb_trade_total", 500000),         # 50亿元
    ("park", "sb_trade_total", 99),             # 99亿元, just under the doubt
    ("team", "sb_live_sales", "5000000元"),     # a unit of its own: no doubt (500万元, at the threshold)
])
def test_large_figures_below_the_doubt_or_with_their_unit_decide(app_type, field, raw):
    r = run(app_type, **{field: raw})
    assert r.eligible is True and not any(f.code == "FIELD_AMOUNT" for f in r.findings)


def test_government_operator_is_a_rule_gap():
    r = run("park", sb_operator_type="事业单位")
    assert "RULE_GAP" in r.codes()


def test_a_period_typed_to_the_day_is_twelve_months_from_its_first_day():
    r = run("enterprise", sb_period_start="2023.1.15", sb_period_end="2024.1.14")
    assert r.eligible is True and "FIELD_PERIOD" not in r.codes()
    r = run("enterprise", sb_period_start="2023.1.15", sb_period_end="2024.1.20")
    assert r.eligible is None and "FIELD_PERIOD" in r.codes()


@pytest.mark.parametrize("founded", [date(2023, 3, 1), "2023年3月", "2023年"])
def test_a_period_ending_before_the_company_was_founded_is_no_year_of_its_own(founded):
    """统计期 2022年1-12月 of a team founded in 2023 (a year typed wrong, or another company's figures): it passed 达标
    with the warning that "有几个月企业尚未成立", though no month of it was the applicant's; the figures cannot decide
    the thresholds, as a 统计期 ending after 填表时间 cannot: 待定 with a FIELD_PERIOD error saying so."""
    r = run("team", sb_period_start="2022年1月", sb_period_end="2022年12月", sb_established=founded,
            sb_fill_date=date(2024, 4, 15))
    assert r.eligible is None, [(c.label, c.reason) for c in r.eligibility.conditions]
    [f] = [f for f in r.findings if f.code == "FIELD_PERIOD"]
    assert f.severity == "error" and "2022年12月" in f.message and "整个统计期" in f.message, f.message
    partly = run("team", sb_period_start="2023年1月", sb_period_end="2023年12月", sb_established=founded,
                 sb_fill_date=date(2024, 4, 15))
    assert "整个统计期" not in " ".join(f.message for f in partly.findings)


def test_a_period_beginning_before_the_company_was_founded_is_said():
    r = run("enterprise", sb_period_start="2023年1月", sb_period_end="2023年12月", sb_established=date(2023, 3, 1),
            sb_fill_date=date(2024, 4, 15))
    f = next(f for f in r.findings if f.code == "FIELD_PERIOD")
    assert f.severity == "warning" and "早于成立日期2023年03月01日" in f.message
    assert not any(f.code == "FIELD_PERIOD" for f in run("enterprise").findings)
    # founded given to the month: said as typed, no first day the applicant never wrote (QA)
    r = run("enterprise", sb_period_start="2023年1月", sb_period_end="2023年12月", sb_established="2023年3月",
            sb_fill_date=date(2024, 4, 15))
    f = next(f for f in r.findings if f.code == "FIELD_PERIOD")
    assert "早于成立日期2023年03月，" in f.message, f.message


def test_a_figure_just_under_a_threshold_is_not_shown_rounded_onto_it():
    r = run("park", sb_trade_total=2.9999999)
    f = next(f for f in r.findings if f.code == "ELIG_TRADE")
    assert r.eligible is False and "为2.9999999亿元" in f.message


@pytest.mark.parametrize("said", ["无", "没有", "暂无"])
def test_none_answering_the_credit_question_is_no_refusal(said):
    """The 信用记录 question reads “信用记录良好（信用中国等查询无失信记录）”, its hint “…等无失信记录”: “无” there may
    mean 无失信记录 (是) as well as 否. It was read as 否 and made the application 不达标; it is now 待定, asking for
    是 or 否. On 财务制度健全, “无” stays a plain 否."""
    r = run("base", sb_credit_ok=said)
    assert r.eligible is None, [(c.label, c.reason) for c in r.eligibility.conditions]
    f = next(f for f in r.findings if f.code == "ELIG_CREDIT")
    assert f.severity == "warning" and f"“{said}”" in f.message and "无失信记录" in f.message, f.message
    if said != "暂无":     # read as 否 on any other question ("暂无" is not: it stays unreadable there)
        assert run("base", sb_finance_ok=said).eligible is False
