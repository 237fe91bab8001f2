"""Figures typed as applicants say them, as a lower bound: 粉丝 "100万以上", 交易额 "超过3000万元", "5000万元+", "1亿多",
"300余家", a range "100-200万". The notice's thresholds are lower bounds (二、申报条件: 以上, 不低于, 达到; 以上 includes
the number, CONTRACT.md section 5): a bound that reaches one meets it; a bound below it decides nothing (待定, 0 with
a reason to verify); "近"/"不到"/"约" never meet. Each is said as no exact figure, a warning at the cell, and the
summary shows the bound. Checked with ``shibai check --json`` and ``shibai refresh`` on workbooks made by
``shibai new`` (QA qa41a)."""
from __future__ import annotations

import shutil

import pytest

from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.jobs.refresh import refresh
from tests.conftest import example
from tests.test_forms_as_filled import item, run_json
from tests.test_refresh import T0, rows


def _amount_warnings(j: dict, cell: str) -> list[dict]:
    return [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and f["cell"] == cell]


@pytest.mark.parametrize("fans", ["100万以上", "200万+", "≥100万", "≧100万", "一百万以上", "超过150万", "1百万以上",
                                  "185w+", "100余万"])
def test_a_teams_fans_typed_as_a_bound_reaching_a_million_earn_the_item(make_workbook, capsys, fans):
    """附件5 团队 2.1.2 粉丝总数达100万以上: "100万以上" in 粉丝总数 states the criterion. It was unreadable, and the
    filled 补充信息 field decides (CONTRACT §6): 0 points, 数据缺失, an error to correct."""
    j = run_json(make_workbook("team", example("team", sb_fans=fans)), capsys)
    it = item(j, "2.1.2")
    assert it["auto"] == 15 and f"“{fans}”" in it["reason"] and "按下限" in it["reason"], it
    said = _amount_warnings(j, "B13")
    assert len(said) == 1 and said[0]["severity"] == "warning" and "不是确切数字" in said[0]["message"], j["findings"]
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


@pytest.mark.parametrize("fans", ["超百万", "超100万", "超1百万", "突破100万", "破百万"])
def test_a_teams_fans_said_as_over_or_past_a_million_earn_the_item(make_workbook, capsys, fans):
    """"超百万", "突破100万" say 粉丝总数达100万以上 (附件5 团队 2.1.2) as plainly as "超过100万", which was read as its
    lower bound: they were "无法识别" (FIELD_AMOUNT error) and the item lost its 15 points though the form said 是."""
    j = run_json(make_workbook("team", example("team", sb_fans=fans)), capsys)
    it = item(j, "2.1.2")
    assert it["auto"] == 15 and "按下限" in it["reason"], it
    said = _amount_warnings(j, "B13")
    assert len(said) == 1 and said[0]["severity"] == "warning" and "不是确切数字" in said[0]["message"], j["findings"]


@pytest.mark.parametrize("fans", ["过百万", "上百万", "粉丝总数超百万", "粉丝总数过百万", "粉丝总数上百万", "过100万"])
def test_a_teams_fans_said_as_reaching_a_million_earn_the_item(make_workbook, capsys, fans):
    """"过百万" and "上百万" say 粉丝总数达100万以上 (附件5 团队 2.1.2) as "超百万" does, with or without the field's label
    before them: they were "无法识别" and the item lost its 15 points. Read as the bound they say (at least 100万)."""
    j = run_json(make_workbook("team", example("team", sb_fans=fans)), capsys)
    it = item(j, "2.1.2")
    assert it["auto"] == 15 and "按下限" in it["reason"] and "1000000人" in it["reason"], it
    said = _amount_warnings(j, "B13")
    assert len(said) == 1 and said[0]["severity"] == "warning" and "不是确切数字" in said[0]["message"], j["findings"]


def test_a_teams_fans_said_as_a_bare_million(make_workbook, capsys):
    """"百万" in 粉丝总数 is 一百万, as "逾千万" is over 一千万 (parse/bounds.py): it meets 100万, no longer 无法识别."""
    j = run_json(make_workbook("team", example("team", sb_fans="百万")), capsys)
    it = item(j, "2.1.2")
    assert it["auto"] == 15 and "1000000人" in it["reason"], it
    assert not [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and f["severity"] == "error"], j["findings"]


@pytest.mark.parametrize("usd,above", [("超50万美元", 10), ("突破50万美元", 0)])
def test_cross_border_sales_said_as_over_or_past_fifty_thousand(make_workbook, capsys, usd, above):
    """附件5 4.2 大于50万美金: "超50万美元" is more than 50万 (as "超过"); "突破50万美元" only says it reached it."""
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd=usd)), capsys)
    assert item(j, "4.2")["auto"] == above and item(j, "4.3")["auto"] == 0, (item(j, "4.2"), item(j, "4.3"))


@pytest.mark.parametrize("fans", ["80万以上", "50-200万", "近120万", "不到120万", "约120万"])
def test_fans_that_may_be_below_a_million_earn_nothing_and_contradict_nothing(make_workbook, capsys, fans):
    """"80万以上" may be 100万 or not: no points (the reviewer verifies), and no 是-but-80万 contradiction either."""
    j = run_json(make_workbook("team", example("team", sb_fans=fans)), capsys)
    assert item(j, "2.1.2")["auto"] == 0, item(j, "2.1.2")
    assert len(_amount_warnings(j, "B13")) == 1, j["findings"]
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


def test_no_for_a_million_fans_beside_more_than_a_million_is_a_contradiction(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_fans="120万以上", sb_fans_1m="否")), capsys)
    found = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert len(found) == 1 and "否" in found[0]["message"], j["findings"]


@pytest.mark.parametrize("trade,eligible", [("超过3000万元", True), ("1000万以上", True), ("5000万元+", True),
                                            ("1亿多", True), ("≥3000万", True), ("２０００万以上", True),
                                            ("一千万元以上", True), ("1000-2000万", True), ("500万以上", None),
                                            ("800-1200万", None), ("近1200万", None)])
def test_an_enterprises_sales_typed_as_a_bound(make_workbook, capsys, trade, eligible):
    """A platform enterprise's 交易额在1000万元以上 (二（二）3): "超过3000万元" meets it (it was 待定 with an error, the
    clerk chasing a figure that already proves the threshold); "500万以上" decides nothing (待定, not 不达标)."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_trade_total=trade)), capsys)
    assert j["eligible"] is eligible, j["findings"]
    said = _amount_warnings(j, "C14")
    assert len(said) == 1 and "不是确切数字" in said[0]["message"], j["findings"]
    assert not [f for f in j["findings"] if f["code"] in ("ELIG_TRADE", "FIELD_INCONSISTENT")], j["findings"]


def test_a_parks_counts_typed_as_bounds(make_workbook, capsys):
    """"10家以上" beside a list of 12 companies is no XC_RESIDENT_COUNT mismatch; "20余家" beside 12 is; "10间以上"
    直播间 meets 附件5 1.1.3's 10 (it was unreadable: 0 points)."""
    j = run_json(make_workbook("park", example("park", sb_resident_count="10家以上", sb_live_rooms="10间以上")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "XC_RESIDENT_COUNT"], j["findings"]
    assert item(j, "1.1.3")["auto"] == item(j, "1.1.3")["max"], item(j, "1.1.3")
    listed = item(j, "2.1.1")["reason"]
    assert "名单12家" in listed and "按下限计）" not in listed.partition("；")[0], listed   # the list's 12 is exact
    j = run_json(make_workbook("park", example("park", sb_resident_count="20余家")), capsys)
    found = [f for f in j["findings"] if f["code"] == "XC_RESIDENT_COUNT"]
    assert len(found) == 1 and "“20余家”" in found[0]["message"], j["findings"]


def test_a_parks_retail_typed_as_a_bound_the_list_reaches_is_no_mismatch(make_workbook, capsys):
    """The list's 年度网络零售额 adds up to 4200万元: "4000万以上" agrees with it, "5000万以上" does not."""
    j = run_json(make_workbook("park", example("park", sb_online_retail="4000万以上")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "XC_RESIDENT_RETAIL"], j["findings"]
    j = run_json(make_workbook("park", example("park", sb_online_retail="5000万以上")), capsys)
    found = [f for f in j["findings"] if f["code"] == "XC_RESIDENT_RETAIL"]
    assert len(found) == 1 and "“5000万以上”" in found[0]["message"], j["findings"]


def test_a_retail_figure_above_a_bound_of_the_trade_is_no_contradiction(make_workbook, capsys):
    """900万元 网络零售额 beside "500万以上" 交易额 may well be part of it."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_trade_total="500万以上")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


def test_the_summary_shows_the_bound_and_says_it_is_no_exact_figure(tmp_path, make_workbook):
    folder = tmp_path / "申报表"
    folder.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total="超过3000万元")), folder / "企业.xlsx")
    shutil.move(make_workbook("park", example("park", sb_trade_total="3.5亿以上"), residents=example_residents("park")),
                folder / "园区.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, now=T0)
    got = {r["项目类型"]: r for r in rows(summary)}
    assert got["企业"]["年度交易额（万元）"] == 3000 and got["企业"]["前置条件"] == "达标", got["企业"]
    assert got["园区"]["年度交易额（万元）"] == 35000 and got["园区"]["前置条件"] == "达标", got["园区"]
    for row in got.values():   # read, to be checked: not "金额无法识别", as an unreadable amount is said
        assert "FIELD_AMOUNT 金额请核对" in row["问题"] and "无法识别" not in row["问题"], row["问题"]


def test_the_summary_says_an_unreadable_amount_and_one_to_check_apart(tmp_path, make_workbook):
    """"约3000万" cannot be read (金额无法识别); 4990000 in the 万元 cell is read but looks typed in 元 (金额请核对)."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    for name, trade, code in (("甲", "约3000万", "MA6XXXXA1"), ("乙", 4990000, "MA6XXXXB2")):
        path = make_workbook("enterprise", example("enterprise", sb_trade_total=trade, sb_name=f"贵州{name}电商有限公司",
                                                   sb_uscc=make_uscc("520102", code)))
        shutil.move(path, folder / f"{name}.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, now=T0)
    got = {r["企业名称"]: r["问题"] for r in rows(summary)}
    assert "FIELD_AMOUNT 金额无法识别" in got["贵州甲电商有限公司"], got
    assert "FIELD_AMOUNT 金额请核对" in got["贵州乙电商有限公司"] and "无法识别" not in got["贵州乙电商有限公司"], got


def test_a_parks_trade_typed_as_a_bare_bound_in_wan_is_doubted_not_passed(make_workbook, capsys):
    """"25000以上" in the park's 亿元 cell is 2.5亿元 typed in 万元, as a bare 25000 is: not 25000亿元 passing 3亿元."""
    j = run_json(make_workbook("park", example("park", sb_trade_total="25000以上")), capsys)
    assert j["eligible"] is None, j["findings"]
    said = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT"]
    assert len(said) == 1 and "误按万元" in said[0]["message"] and "按下限" in said[0]["message"], said


def test_cross_border_sales_typed_as_a_bound(make_workbook, capsys):
    """附件5 4.2 (大于50万美金, 10) and 4.3 (小于50万美金, 3): "80万美元以上" is above 50万 whatever it is exactly (4.2
    earns, 4.3 does not: it was said as a lower bound 未达到50万); "30万美元以上" may be on either side (neither)."""
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd="80万美元以上")), capsys)
    assert item(j, "4.2")["auto"] == 10 and item(j, "4.3")["auto"] == 0, (item(j, "4.2"), item(j, "4.3"))
    assert "下限未达到" not in item(j, "4.3")["reason"] and "数据缺失" not in item(j, "4.3")["reason"], item(j, "4.3")
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd="30万美元以上")), capsys)
    assert item(j, "4.2")["auto"] == 0 and item(j, "4.3")["auto"] == 0, (item(j, "4.2"), item(j, "4.3"))
    assert "无法判断是否 < 500000美元" in item(j, "4.3")["reason"], item(j, "4.3")


@pytest.mark.parametrize("usd,above", [("超过50万美元", 10), ("大于50万美元", 10), ("50多万美元", 10),
                                       ("50万美元以上", 0), ("不少于50万美元", 0), ("≥50万美元", 0)])
def test_cross_border_sales_typed_as_a_bound_at_fifty_thousand_is_not_exactly_fifty_thousand(make_workbook, capsys,
                                                                                               usd, above):
    """附件5 4.2 is 大于50万美金: "超过50万美元" says just that, yet it earned 0 and two RULE_GAP said the figure was
    恰好50万美元 (需评审人判断). A bound on 50万 is no exact 50万: "超过/大于/多" are above it (4.2 earns), "以上/不少于"
    may be 50万 or more (4.2 to verify, 4.3 not met); no RULE_GAP of an exact 50万 either way."""
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd=usd)), capsys)
    it42, it43 = item(j, "4.2"), item(j, "4.3")
    assert it42["auto"] == above and it43["auto"] == 0, (it42, it43)
    assert "未规定此情形" not in it42["reason"] + it43["reason"], (it42, it43)
    assert "按下限" in it42["reason"] and it43["reason"].startswith("未达到"), (it42, it43)
    assert not [f for f in j["findings"] if f["code"] == "RULE_GAP" and "恰好50万" in f["message"]], j["findings"]


@pytest.mark.parametrize("usd,above", [("跨境电商年销售额超过50万美元", 10), ("跨境电商年销售额实现超过50万美元", 10),
                                       ("跨境电商年销售额大于50万美元", 10), ("跨境电商年销售额50万美元以上", 0)])
def test_cross_border_sales_typed_as_a_bound_after_the_forms_label(make_workbook, capsys, usd, above):
    """The same bounds typed after the form's own label (附件2 园区 21 "跨境电商年销售额实现____美元"): the label was
    read past, but "跨境电商年销售额超过50万美元" was then taken for "50万美元以上" (4.2 0分, "下限未超过500000美元",
    请核实) while "超过50万美元" alone earned 10. The label changes nothing of what the bound says."""
    j = run_json(make_workbook("park", example("park", sb_crossborder_usd=usd)), capsys)
    it42, it43 = item(j, "4.2"), item(j, "4.3")
    assert it42["auto"] == above and it43["auto"] == 0, (it42, it43)
    assert "按下限" in it42["reason"] and it43["reason"].startswith("未达到"), (it42, it43)


@pytest.mark.parametrize("typed", ["2023-2024", "2022—2023", "2023.1-2023.12", "2023.01-2024.06", "2023-2024年",
                                   "0851-86812345", "0851-8681234"])
def test_a_year_span_or_a_phone_typed_in_an_amount_is_no_range(make_workbook, capsys, typed):
    """"2023-2024" (the period the figure is for) or "0851-86812345" (the contact's phone, typed a cell too far) in
    交易额 is no range 2023万元–2024万元 whose lower end passes 二（二）3's 1000万元 with a mere warning: it is no
    figure, an error to correct, the verdict 待定 as before lower bounds were read."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_trade_total=typed)), capsys)
    assert j["eligible"] is None, j["findings"]
    said = _amount_warnings(j, "C14")
    assert len(said) == 1 and said[0]["severity"] == "error" and "按下限" not in said[0]["message"], said


@pytest.mark.parametrize("trade", ["3000万以上（抖音）", "超过3000万元(全网)", "3000万元以上【天猫、京东合计】",
                                   "2000-3000万（抖音）"])
def test_a_bound_followed_by_a_remark_in_brackets_is_read_as_the_bound(make_workbook, capsys, trade):
    """"3000万以上（抖音）": a lower bound with a remark of words after it, as "3000万元（抖音）" is a figure with one; it
    was an error (不是确切数字, 待定) while the same bound without the remark met 二（二）3's 1000万元."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_trade_total=trade)), capsys)
    assert j["eligible"] is True, j["findings"]
    said = _amount_warnings(j, "C14")
    assert len(said) == 1 and said[0]["severity"] == "warning", j["findings"]
    assert "不是确切数字" in said[0]["message"] and "备注" in said[0]["message"], said


def test_fans_typed_as_a_bound_with_a_remark_earn_the_item(make_workbook, capsys):
    j = run_json(make_workbook("team", example("team", sb_fans="100万以上(全网)")), capsys)
    assert item(j, "2.1.2")["auto"] == 15, item(j, "2.1.2")


@pytest.mark.parametrize("trade", ["3000万以上（其中抖音2000万）", "3000万以上(2023年2000万)", "超过3000万（一千万为线下）"])
def test_a_bound_with_another_figure_in_brackets_is_refused(make_workbook, capsys, trade):
    """A bracket that holds another figure: which one is the bound is not for the tool to guess."""
    j = run_json(make_workbook("enterprise", example("enterprise", sb_trade_total=trade)), capsys)
    assert j["eligible"] is None, j["findings"]
    said = _amount_warnings(j, "C14")
    assert len(said) == 1 and said[0]["severity"] == "error", j["findings"]
    assert "括号" in said[0]["message"], said


@pytest.mark.parametrize("retyped", ["3000万以上", "超过3000万元", "≥3000万"])
def test_a_clerk_retyping_the_bound_into_the_summary_is_no_mismatch(tmp_path, make_workbook, capsys, retyped):
    """The summary holds 3000 for an application's "3000万以上"; a clerk who types the application's words back into
    the cell said the same figure: no XC_SUMMARY_MISMATCH (汇总表与申报表数据不一致). "4000万以上" is another."""
    from openpyxl import load_workbook

    from shibai_xl.faces.cli import main
    folder = tmp_path / "申报表"
    folder.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total="3000万以上")), folder / "企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    for typed, mismatch in ((retyped, False), ("4000万以上", True)):
        assert main(["refresh", str(summary), "--from", str(folder)]) == 0
        wb = load_workbook(summary)
        row = rows(summary)[0]["_row"]
        header = {c.value: c.column for c in wb["项目汇总表"][3]}
        wb["项目汇总表"].cell(row, header["年度交易额（万元）"]).value = typed
        wb.save(summary)
        capsys.readouterr()
        assert main(["refresh", str(summary), "--from", str(folder)]) == 0
        out = capsys.readouterr().out
        got = rows(summary)[0]
        assert got["年度交易额（万元）"] == typed, got
        assert ("XC_SUMMARY_MISMATCH" in (got["问题"] or "")) is mismatch, (got["问题"], out)
