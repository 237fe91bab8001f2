"""CONTRACT §1 and §3 as another program relies on them, through the real command line in a subprocess: the type
names it takes, the values of the province table's columns."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import range_boundaries

from tests.acceptance.helpers import run

OFFICIAL = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人",
            "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]


def _province_rows(path: Path) -> dict[str, dict]:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if "sb_summary" in ws.tables:
            c1, r1, c2, r2 = range_boundaries(ws.tables["sb_summary"].ref)
            rows = [[c.value for c in r] for r in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2)]
            return {r[rows[0].index("企业名称")]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    raise AssertionError("no sb_summary")


@pytest.mark.parametrize("title", ["前置条件", "是否达标"])
def test_the_province_tables_verdict_is_one_of_the_three_the_contract_names(tmp_path, title):
    """A city's hand-typed 附件4 says its verdict in its own words (合格, 不符合, 同意推荐, 待定（补材料）, 是/否 under
    是否达标): merge reads them as 达标 / 不达标 / 待定 (README 市（州）自己写的审核结论) but wrote the words as typed into the
    province table's 前置条件, whose values CONTRACT §3 fixes as 达标 / 不达标 / 待定 — a program counting 达标 rows
    missed every 合格. The column says the verdict; the city's words stay on the row, in 市州备注."""
    said = {"甲": ("合格", "达标"), "乙": ("不符合", "不达标"), "丙": ("同意推荐", "达标"), "丁": ("待定（补材料）", "待定"),
            "戊": ("达标", "达标"), "己": ("不达标", "不达标")}
    if title == "是否达标":
        said = {"甲": ("是", "达标"), "乙": ("否，无审计报告", "不达标"), "戊": ("达标", "达标")}
    city = tmp_path / "遵义市汇总表.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*OFFICIAL, title])
    for i, (who, (typed, _)) in enumerate(said.items()):
        ws.append([i + 1, "遵义市", "汇川区", f"遵义{who}电子商务有限公司", "汇川区", "企业", "民企", "业绩", "王", "13985400009",
                   1000, 200, 88, typed])
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    p = run("merge", province, city)
    assert p.returncode == 0, p.stderr
    rows = _province_rows(province)
    for who, (typed, verdict) in said.items():
        row = rows[f"遵义{who}电子商务有限公司"]
        assert row["前置条件"] == verdict, (typed, row["前置条件"])
        if typed != verdict:
            assert typed in (row["市州备注"] or ""), (typed, row["市州备注"])
        else:
            assert row["市州备注"] is None


@pytest.mark.parametrize("typed, kind", [("电商产业示范园区", "park"), ("电商直播示范基地", "base"), ("直播示范基地", "base"),
                                         ("电商直播基地", "base"), ("电子商务示范企业", "enterprise"),
                                         ("电商直播示范团队", "team"), ("评分表-电商直播示范基地", None)])
def test_new_takes_the_type_as_the_notice_names_it(tmp_path, typed, kind):
    """CONTRACT §1: the command line takes a type's Chinese name. The notice names them also 电商产业示范园区 (附件1),
    电商直播示范基地 and 电商直播示范团队 (附件5's titles), 直播示范基地 (附件3), 电子商务示范企业 (附件5), and a
    summary's 项目类型 电商直播基地 — all read as their type in 项目类型, each refused by ``shibai new`` as 不认识的类型."""
    out = tmp_path / "新.xlsx"
    p = run("new", typed, "--out", out)
    assert p.returncode == 0, p.stderr
    if kind is None:
        assert "评分" in load_workbook(out).sheetnames
        return
    obj = json.loads(run("check", out, "--json").stdout)
    assert obj["type"] == kind
