"""Issue 13.2, the resident list as evidence, seen through 核对入驻名单 (the Excel ribbon and WPS's shibai serve share
jobs.actions.residents): a list whose 年度网络零售额 adds up below the park's 3000万 threshold while the form's 3000万
reaches it makes the verdict 待定 (ELIG_EVIDENCE error). The list's own check must say so — not “名单与申报表一致，
未发现问题” — even when the shortfall is within the rounding the XC_RESIDENT_RETAIL cross-check allows; and a list with
its header but no company is said to list none."""
from __future__ import annotations

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from shibai_xl.examples import example_residents
from shibai_xl.jobs import actions as A
from tests.conftest import example


def _list_summing_to(total: int) -> list[dict]:
    rows = example_residents("park")
    each = total // len(rows)
    for i, r in enumerate(rows):
        r["年度网络零售额（万元）"] = each if i < len(rows) - 1 else total - each * (len(rows) - 1)
    return rows


def test_a_list_below_the_threshold_is_said_by_the_list_button(make_workbook):
    path = make_workbook("park", example("park", sb_online_retail=3000), residents=_list_summing_to(2995))
    cli = check(read_application(path))
    assert cli.status == "待定" and "ELIG_EVIDENCE" in {f.code for f in cli.findings}
    with A.request_view(str(path)) as view:
        listed = A.residents(view)
    assert "ELIG_EVIDENCE" in {f["code"] for f in listed.findings}, listed.findings
    assert "未发现问题" not in listed.message, listed.message
    assert "2995万元" in listed.message and "低于门槛" in listed.message, listed.message


def test_a_list_with_its_header_only_is_said_to_list_no_company(make_workbook):
    path = make_workbook("park", example("park"), residents=[])
    with A.request_view(str(path)) as view:
        listed = A.residents(view)
    assert "未发现问题" not in listed.message, listed.message
    assert "没有列出任何企业" in listed.message or listed.critical, listed.message
