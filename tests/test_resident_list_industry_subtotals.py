"""附件3 as parks sum it by 行业: a 小计 row under each 行业's companies (“农产品小计” in 企业名称, or in 所属行业 with no
name beside it) is no company: check and SB_RESIDENTS count 12 家 with the form, not 22 with the sums doubled."""
from __future__ import annotations

import pytest

from shibai_xl.examples import example_residents
from shibai_xl.faces.udf_functions import residents as sb_residents
from tests.conftest import checked_json
from tests.test_resident_list_as_parks_fill_it import list_sheet_values

INDUSTRY, STAFF, TRADE, RETAIL = "所属行业（类型）", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"


def by_industry(label) -> list[dict]:
    """The example park's 12 companies grouped by 行业, each group followed by its subtotal row as ``label`` puts it."""
    groups: dict[str, list[dict]] = {}
    for row in example_residents("park"):
        groups.setdefault(row[INDUSTRY], []).append(row)
    rows = []
    for industry, members in groups.items():
        rows += members
        sums = {h: round(sum(m[h] for m in members), 2) for h in (STAFF, TRADE, RETAIL)}
        rows.append({**label(industry, len(members)), **sums})
    return rows


LABELS = {
    "name": lambda industry, n: {"企业名称": f"{industry}小计"},
    "name-counted": lambda industry, n: {"企业名称": f"{industry} 合计（{n}家）"},
    "industry": lambda industry, n: {INDUSTRY: f"{industry}小计"},
}


@pytest.mark.parametrize("where", LABELS)
def test_industry_subtotal_rows_are_no_companies(make_workbook, capsys, where):
    path = make_workbook("park", residents=by_industry(LABELS[where]))    # the form says 12 家, 35000 / 4200 万元
    said = [f for f in checked_json(path, capsys)["findings"] if f["code"].startswith(("XC_RESIDENT", "ELIG"))]
    assert not said, said
    summed = dict(map(tuple, sb_residents(list_sheet_values(path))))
    assert (summed["家数"], summed["从业人数合计"], summed["数据有误（处）"]) == (12, 111, 0)
    assert summed["年度网络零售额合计（万元）"] == pytest.approx(4200)
