"""A city's hand-made 附件4 titling its 市（州） and 县区 as one column ("所在地（市州/区县）", "市（州）/县区",
"市州县区", "市（州）、县（区）") holding "遵义市红花岗区": the column was not recognised — every project merged
with a blank 县区 and the city of the title (a row in a neighbour's county counted as the city, said nowhere),
the place only in 市州备注. It is read as the 市（州） column, whose county-level names give the 县区. QA qa65b."""
from __future__ import annotations

import pytest

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, application, province_rows, stats, table_rows
from tests.test_summary_header_variants import _summary

PLACES = {"遵义甲电商产业园": "遵义市红花岗区", "遵义乙电商有限公司": "遵义市汇川区"}
TITLES = ("所在地（市州/区县）", "市（州）/县区", "市州县区", "市（州）、县（区）", "所属市州及区县", "市州/县（市、区）")


def _projects(places):
    return [[i, places[name], name, "地址", kind, "国企", "业绩", "张三", "0851-1", trade, 800, 80]
            for i, (name, kind, trade) in enumerate([("遵义甲电商产业园", "园区", 35000),
                                                     ("遵义乙电商有限公司", "企业", 1200)], 1)]


@pytest.mark.parametrize("title", TITLES)
def test_merge_reads_a_city_and_county_column_as_both(tmp_path, capsys, title):
    header = [title, *(h for h in PRINTED if h not in ("市（州）", "县区"))]
    header.insert(0, header.pop(1))    # 序号 first, as typed
    city = _summary(tmp_path / "遵义市汇总表.xlsx", header, _projects(PLACES))
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    got = {r["企业名称"]: (r["市（州）"], r["县区"], r["市州备注"]) for r in province_rows(province)}
    assert got == {"遵义甲电商产业园": ("遵义市", "红花岗区", None), "遵义乙电商有限公司": ("遵义市", "汇川区", None)}
    assert stats(province) == {"遵义市": 2}


def test_a_row_in_a_neighbours_county_is_said_not_counted_as_the_city_silently(tmp_path, capsys):
    header = ["序号", "所在地（市州/区县）", *(h for h in PRINTED if h not in ("序号", "市（州）", "县区"))]
    places = {**PLACES, "遵义乙电商有限公司": "贵阳市南明区"}
    city = _summary(tmp_path / "遵义市汇总表.xlsx", header, _projects(places))
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    got = {r["企业名称"]: r for r in province_rows(province)}
    assert (got["遵义乙电商有限公司"]["市（州）"], got["遵义乙电商有限公司"]["县区"]) == ("贵阳市", "南明区")
    assert "XC_SUMMARY_MISMATCH" in (got["遵义乙电商有限公司"]["问题"] or ""), got["遵义乙电商有限公司"]


# refresh taking such a summary over (QA qa65e): the 市（州） stayed "遵义市红花岗区" under the 市（州） header and a BLANK
# 县区 column was added at the end, said as "曾被删除"; now the 市（州） keeps the city, the added 县区 the county. A
# column titled 地区 holding "遵义市红花岗区" is the same column.
@pytest.mark.parametrize("title", (*TITLES[:3], "地区"))
def test_refresh_takeover_cuts_the_city_and_county_column_into_both(tmp_path, capsys, title):
    header = ["序号", title, *(h for h in PRINTED if h not in ("序号", "市（州）", "县区"))]
    places = {**PLACES, "遵义乙电商有限公司": "汇川区"}     # a county alone: its 市（州） from it
    summary = _summary(tmp_path / "遵义市汇总表.xlsx", header, _projects(places))
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市", sb_county="播州区")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    assert "“县区”列曾被删除" not in said, said
    assert f"市（州）和县区写在同一栏“{title}”，已分开" in said, said
    rows = table_rows(summary)
    got = {name: (rows[name]["市（州）"], rows[name]["县区"]) for name in places}
    assert got == {"遵义甲电商产业园": ("遵义市", "红花岗区"), "遵义乙电商有限公司": ("遵义市", "汇川区")}, got
    app = rows["贵州山珍优品电子商务有限公司"]
    assert (app["市（州）"], app["县区"]) == ("遵义市", "播州区"), app
    assert title not in rows["遵义甲电商产业园"], rows["遵义甲电商产业园"]


def test_refresh_takeover_leaves_a_city_alone_and_says_the_county_column_added(tmp_path, capsys):
    header = ["序号", "市（州）/县区", *(h for h in PRINTED if h not in ("序号", "市（州）", "县区"))]
    places = {"遵义甲电商产业园": "遵义市", "遵义乙电商有限公司": "市本级"}
    summary = _summary(tmp_path / "遵义市汇总表.xlsx", header, _projects(places))
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市", sb_county="播州区")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    assert "“县区”列曾被删除" not in said and "已分开" not in said, said
    assert "“市（州）/县区”一栏只填了市（州），表头改为“市（州）”，“县区”一栏加在表格末尾" in said, said
    rows = table_rows(summary)
    got = {name: (rows[name]["市（州）"], rows[name]["县区"]) for name in places}
    assert got == {"遵义甲电商产业园": ("遵义市", None), "遵义乙电商有限公司": ("市本级", None)}, got
    assert rows["贵州山珍优品电子商务有限公司"]["县区"] == "播州区"
