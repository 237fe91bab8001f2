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
    other_notes = _rows("park", 备注="2023年入驻")             # marks companies, none of them qualified
    r = _check(make_workbook, "park", other_notes)
    assert _item(r, "2.1.2").auto == 0 and "以名单为准" in _item(r, "2.1.2").reason
    rows = example_residents("base")
    zero = dict(sb_demo_enterprises=0, sb_survey_enterprises=0, sb_listed_enterprises=0, sb_authorized_enterprises=0)
    r = _check(make_workbook, "base", rows, **zero)           # the list marks 2 qualified companies
    assert _item(r, "2.1.2").auto == 5 and "备注" in _item(r, "2.1.2").reason
