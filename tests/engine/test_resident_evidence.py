"""The 入驻企业名单 (附件3) as evidence for a park's or base's figures: the verdict (网络零售额)
and the scores that rest on a figure the list also states. Real workbooks made by ``shibai new``."""
from __future__ import annotations

import pytest

from shibai_xl.examples import example_residents
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example


def _rows(app_type, retail_total=None, **per_row):
    rows = example_residents(app_type)
    if retail_total is not None:
        share = round(retail_total / len(rows), 2)
        for r in rows:
            r["年度网络零售额（万元）"] = share
        rows[-1]["年度网络零售额（万元）"] = round(retail_total - share * (len(rows) - 1), 2)
    for r in rows:
        r.update(per_row)
    return rows


def _check(make_workbook, app_type, rows="default", **changes):
    return check_file(make_workbook(app_type, example(app_type, **changes), residents=rows))


def _item(r, item_id):
    return next(i for i in r.score.items if i.id == item_id)


@pytest.mark.parametrize("app_type,form,below,at", [("park", 3600, 2999.99, 3000), ("base", 1500, 999.99, 1000)])
def test_list_retail_below_threshold_makes_the_verdict_undecided(make_workbook, app_type, form, below, at):
    short = _check(make_workbook, app_type, _rows(app_type, below), sb_online_retail=form)
    assert short.eligible is None
    f = next(f for f in short.findings if f.code == "ELIG_EVIDENCE")
    assert f.severity == "error" and f"{form}万元" in f.message and f"{below}万元" in f.message
    assert "商务大数据服务平台" in f.message
    enough = _check(make_workbook, app_type, _rows(app_type, at), sb_online_retail=form)
    assert enough.eligible is True and "ELIG_EVIDENCE" not in enough.codes()
    assert short.score.auto == enough.score.auto        # the suggested score is not touched


def test_list_below_while_the_form_fails_too_stays_failed(make_workbook):
    r = _check(make_workbook, "park", _rows("park", 2000), sb_online_retail=2500)
    assert r.eligible is False and "ELIG_RETAIL" in r.codes() and "ELIG_EVIDENCE" not in r.codes()


def test_list_trade_shortfall_is_only_a_warning(make_workbook):
    rows = example_residents("base")
    for row in rows:
        row["年度网络交易额（万元）"] = row["年度网络零售额（万元）"]   # 2600万 of online trade against 5000万
    r = _check(make_workbook, "base", rows)
    assert r.eligible is True
    f = next(f for f in r.findings if f.code == "ELIG_EVIDENCE")
    assert f.severity == "warning" and "不是同一口径" in f.message


@pytest.mark.parametrize("app_type", ["park", "base"])
def test_no_list_rows_is_undecided(make_workbook, app_type):
    r = _check(make_workbook, app_type, [])
    assert r.eligible is None
    f = next(f for f in r.findings if f.code == "ELIG_EVIDENCE")
    assert "没有列出任何企业" in f.message


def test_resident_count_score_uses_the_list_when_they_disagree(make_workbook):
    rows = example_residents("park")[:9]                  # 9 rows; the form says 12 (≥ 10 earns 5)
    r = _check(make_workbook, "park", rows)
    item = _item(r, "2.1.1")
    assert item.auto == 0 and "名单9家" in item.reason and "申报表填报12家" in item.reason
    agree = _check(make_workbook, "park")
    assert _item(agree, "2.1.1").auto == 5 and "名单" not in _item(agree, "2.1.1").reason
    # the other way: the form says 4 (< 5 for a base), the list has 6 companies
    r = _check(make_workbook, "base", sb_resident_count=4)
    assert _item(r, "2.1.1").auto == 10 and "名单6家" in _item(r, "2.1.1").reason


def test_staff_score_uses_the_sum_of_the_list(make_workbook):
    few = _check(make_workbook, "park", _rows("park", 从业人数=3))          # 12 × 3 = 36 < 50
    item = _item(few, "2.4.1")
    assert item.auto == 0 and "36人" in item.reason
    many = _check(make_workbook, "park", sb_staff_50="否")                  # the list has ≥ 50
    assert _item(many, "2.4.1").auto == 5 and "以名单为准" in _item(many, "2.4.1").reason
    assert _item(_check(make_workbook, "park"), "2.4.1").auto == 5


def test_qualified_counts_use_the_list_only_when_its_notes_mark_companies(make_workbook):
    blank_notes = _rows("park", 备注="")
    r = _check(make_workbook, "park", blank_notes)            # an empty 备注 column proves nothing
    assert _item(r, "2.1.2").auto == 5 and "名单" not in _item(r, "2.1.2").reason
    other_notes = _rows("park", 备注="2023年入驻")             # remarks, none about the qualified counts
    r = _check(make_workbook, "park", other_notes)
    assert _item(r, "2.1.2").auto == 5 and "名单" not in _item(r, "2.1.2").reason
    marked = _rows("park", 备注="2023年入驻")
    marked[0]["备注"] = "省级电商示范企业"                        # one qualified company: the list decides
    r = _check(make_workbook, "park", marked, sb_demo_enterprises=0, sb_survey_enterprises=0,
               sb_listed_enterprises=0, sb_authorized_enterprises=0)
    assert _item(r, "2.1.2").auto == 5 and "示范企业1家" in _item(r, "2.1.2").reason
    rows = example_residents("base")
    zero = dict(sb_demo_enterprises=0, sb_survey_enterprises=0, sb_listed_enterprises=0, sb_authorized_enterprises=0)
    r = _check(make_workbook, "base", rows, **zero)           # the list marks 2 qualified companies
    assert _item(r, "2.1.2").auto == 5 and "备注" in _item(r, "2.1.2").reason


# --- QA defects: a repeated company, a list with blank 从业人数, remarks that mark nothing ---------------

def _park_with_copy(n=10, **per_row):
    """10 rows, 年度网络零售额 300万 each, the last one a copy of the first: 9 companies."""
    rows = example_residents("park", n=n)
    for r in rows:
        r["年度网络零售额（万元）"] = 300
        r.update(per_row)
    rows[-1] = dict(rows[0])
    return rows


def test_a_copied_row_is_one_company_in_the_count_the_score_and_the_evidence(make_workbook):
    r = _check(make_workbook, "park", _park_with_copy(), sb_resident_count=10, sb_online_retail=3000)
    first = example_residents("park", n=10)[0]["企业名称"]
    assert "XC_RESIDENT_DUP" in r.codes()
    dup = next(f for f in r.findings if f.code == "XC_RESIDENT_DUP")
    assert "第6、15行" in dup.message and "按一家企业计" in dup.message
    count = next(f for f in r.findings if f.code == "XC_RESIDENT_COUNT")
    assert "填报已入驻电商企业10家" in count.message and "10行、去掉重复后9家" in count.message
    item = _item(r, "2.1.1")
    assert item.auto == 0 and "名单9家" in item.reason and f"“{first}”重复列出" in item.reason
    assert r.residents.companies == 9 and r.residents.listed == 10 and r.residents.retail == 2700
    assert r.eligible is None                           # 2700万 listed against the 3000万 threshold
    evidence = next(f for f in r.findings if f.code == "ELIG_EVIDENCE")
    assert "名单9家年度网络零售额合计2700万元（重复列出的企业只计一次）" in evidence.message
    assert "XC_RESIDENT_RETAIL" in r.codes()
    assert r.residents.notes["sb_demo_enterprises"] == 2   # the copied 示范 row is not a third one


def test_a_company_listed_twice_with_other_figures_counts_with_its_first_row(make_workbook):
    rows = _park_with_copy()
    rows[-1]["年度网络零售额（万元）"], rows[-1]["从业人数"] = 900, 40
    r = _check(make_workbook, "park", rows, sb_resident_count=9, sb_online_retail=3000)
    assert r.residents.retail == 2700 and r.residents.staff == sum(x["从业人数"] for x in rows[:9])
    assert "XC_RESIDENT_COUNT" not in r.codes() and _item(r, "2.1.1").auto == 0
    assert "只取它第一次出现的那一行" in next(f for f in r.findings if f.code == "XC_RESIDENT_DUP").message


def test_the_same_credit_code_under_two_names_is_one_company(make_workbook):
    rows = example_residents("base")                                  # 6 companies, the form says 6
    rows[5]["统一社会信用代码"] = rows[0]["统一社会信用代码"]
    r = _check(make_workbook, "base", rows)
    assert r.residents.companies == 5 and "XC_RESIDENT_COUNT" in r.codes()
    assert any(f.code == "XC_RESIDENT_DUP" and "按一家企业计" in f.message for f in r.findings)


def test_a_copied_row_in_a_base_list(make_workbook):
    rows = example_residents("base", n=5)
    rows[-1] = dict(rows[0])                                          # 4 companies; a base needs 5
    r = _check(make_workbook, "base", rows, sb_resident_count=5)
    item = _item(r, "2.1.1")
    assert item.auto == 0 and "名单4家" in item.reason and "重复列出" in item.reason
    assert "5行、去掉重复后4家" in next(f for f in r.findings if f.code == "XC_RESIDENT_COUNT").message


def test_blank_staff_cannot_overturn_yes_but_a_full_sum_overturns_no(make_workbook):
    rows = _rows("park", 从业人数=5)[:10]                     # 10 companies, 5 each …
    rows[3]["从业人数"] = None                                # … one left blank: 45 known
    r = _check(make_workbook, "park", rows, sb_resident_count=10)
    item = _item(r, "2.4.1")
    assert item.auto == 5 and "名单" not in item.reason
    staff = [f for f in r.findings if f.code == "XC_RESIDENT_STAFF"]
    assert [f.severity for f in staff] == ["info"] and "9家（共10家）" in staff[0].message
    assert "不完整" in staff[0].message
    rows = _rows("park", 从业人数=6)[:10]                     # 54 known with one blank: already ≥ 50
    rows[3]["从业人数"] = None
    r = _check(make_workbook, "park", rows, sb_resident_count=10, sb_staff_50="否")
    assert _item(r, "2.4.1").auto == 5 and "以名单为准" in _item(r, "2.4.1").reason
    assert next(f for f in r.findings if f.code == "XC_RESIDENT_STAFF").severity == "warning"
    rows = _rows("park", 从业人数=4)[:10]                     # every company filled: 40 < 50 decides
    r = _check(make_workbook, "park", rows, sb_resident_count=10)
    assert _item(r, "2.4.1").auto == 0 and "40人" in _item(r, "2.4.1").reason
    assert next(f for f in r.findings if f.code == "XC_RESIDENT_STAFF").severity == "warning"


def test_a_remark_that_marks_no_qualified_company_leaves_the_form_counts(make_workbook):
    rows = _rows("park", 备注="")
    rows[0]["备注"] = "新入驻"
    r = _check(make_workbook, "park", rows, sb_demo_enterprises=2)
    item = _item(r, "2.1.2")
    assert item.auto == 5 and "名单" not in item.reason
    note = next(f for f in r.findings if f.code == "XC_RESIDENT_NOTE" and f.field == "sb_demo_enterprises")
    assert "没有标注" in note.message and "只标注了0家" not in note.message


def test_negated_or_planned_remarks_claim_nothing(make_workbook):
    """非示范企业 / 未上市 / 拟上市 / 无授权 say a company is NOT (yet) one: they support no claim, so the form's
    zero counts stand and item 2.1.2 gets nothing from them (it got 5 when any mention counted)."""
    rows = _rows("park", 备注="")
    for row, note in zip(rows, ("非示范企业", "未上市", "拟上市", "无授权")):
        row["备注"] = note
    r = _check(make_workbook, "park", rows, sb_demo_enterprises=0, sb_survey_enterprises=0,
               sb_listed_enterprises=0, sb_authorized_enterprises=0)
    assert _item(r, "2.1.2").auto == 0
    assert r.residents.notes == {}


def test_a_total_row_written_with_a_colon_or_a_note_is_no_company(make_workbook):
    """“合计：” or “合计（12家）” under the list sums the rows above; it is not a 13th company."""
    rows = _rows("park")
    companies = len(rows)
    for label in ("合计：", "合计（12家）"):
        total = dict(rows[0], 企业名称=label, 统一社会信用代码=None)
        r = _check(make_workbook, "park", [*rows, total])
        assert r.residents.companies == companies and not [f for f in r.findings if f.code == "XC_RESIDENT_DUP"]


@pytest.mark.parametrize("app_type,at", [("park", 3000), ("base", 1000)])
def test_a_list_short_of_the_threshold_by_rounding_alone_supports_the_form(make_workbook, app_type, at):
    """The form declares the threshold (3000万元), the list's 12 companies sum 2999.6万元 — the form's figure rounded:
    no XC_RESIDENT_RETAIL says they disagree, and the list supports the form (it was 待定, an ELIG_EVIDENCE error
    saying the list did not reach the threshold). A list short of it by more than rounding stays 待定."""
    rounded = _check(make_workbook, app_type, _rows(app_type, at - 0.4), sb_online_retail=at)
    assert rounded.eligible is True, [f.message for f in rounded.findings if f.severity == "error"]
    assert not {"ELIG_EVIDENCE", "XC_RESIDENT_RETAIL"} & set(rounded.codes())
    short = _check(make_workbook, app_type, _rows(app_type, at - 1), sb_online_retail=at)
    assert short.eligible is None and {"ELIG_EVIDENCE", "XC_RESIDENT_RETAIL"} <= set(short.codes())


def test_a_list_short_of_the_trade_threshold_by_rounding_alone_draws_no_warning(make_workbook):
    rows = example_residents("base")             # 12 companies; the base's 年度交易额 threshold is 5000万元
    share = round(4999.6 / len(rows), 2)
    for r in rows:
        r["年度网络交易额（万元）"] = share
    rows[-1]["年度网络交易额（万元）"] = round(4999.6 - share * (len(rows) - 1), 2)
    r = _check(make_workbook, "base", rows, sb_trade_total=5000)
    assert not {"ELIG_EVIDENCE", "XC_RESIDENT_TRADE"} & set(r.codes()), [f.message for f in r.findings]
