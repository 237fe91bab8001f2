"""A city's hand-made 附件4 whose 市（州） and 县区 share one column (“所在地（市州/区县）”): ``shibai merge`` cuts
“遵义市红花岗区” into the two. Where the cut was no clean one it said nothing: “遵义市云岩区” (a 贵阳 county after 遵义)
lost its 云岩区 and counted as 遵义 without a word; “遵义市新蒲新区” and “遵义市红花岗区、汇川区” lost all after the
city; rows of another 市（州） (“云岩区”, “贵阳市/云岩区”, “黔东南州凯里市”) counted there, the terminal silent while it
said “合并：遵义市 N 项” (QA qa67b). Now the county is kept as typed and each doubtful row is said on its 问题 and on
the terminal; a clean cut stays quiet. Through the CLI."""
from __future__ import annotations

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, province_rows, stats
from tests.test_summary_header_variants import _summary

HEADER = ["序号", "所在地（市州/区县）", *(h for h in PRINTED if h not in ("序号", "市（州）", "县区"))]


def _merge(tmp_path, capsys, places):
    projects = [[i, place, f"遵义{i}号电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 1000, 800, 80]
                for i, place in enumerate(places, 1)]
    city = _summary(tmp_path / "遵义市汇总表.xlsx", HEADER, projects)
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr()
    said = out.out + out.err
    got = {r["企业名称"]: r for r in province_rows(province)}
    return said, [got[f"遵义{i}号电商有限公司"] for i in range(1, len(places) + 1)], province


def test_a_county_of_another_city_after_the_city_is_kept_and_said(tmp_path, capsys):
    said, (row,), _ = _merge(tmp_path, capsys, ["遵义市云岩区"])
    assert (row["市（州）"], row["县区"]) == ("遵义市", "云岩区"), row
    assert "县区“云岩区”属于贵阳市" in (row["问题"] or ""), row
    assert "县区属于其他市（州）（第3行 云岩区（贵阳市））" in said, said


def test_what_follows_the_city_that_is_no_county_is_kept_as_typed_and_said(tmp_path, capsys):
    said, (zone, two), _ = _merge(tmp_path, capsys, ["遵义市新蒲新区", "遵义市红花岗区、汇川区"])
    assert zone["县区"] == "新蒲新区" and two["县区"] == "红花岗区、汇川区", (zone, two)
    assert "“新蒲新区”不是遵义市的县（区）名称，按所填写入县区，请核实" in (zone["问题"] or ""), zone
    assert "2 行的“市（州）”一栏在市（州）之后写的不是它的县（区）名称（第3行“遵义市新蒲新区”、第4行“遵义市红花岗区、汇川区”）" \
        in said, said


def test_rows_of_another_city_are_said_on_the_terminal_as_counted_there(tmp_path, capsys):
    said, rows, province = _merge(tmp_path, capsys, ["遵义市红花岗区", "云岩区", "贵阳市/云岩区", "黔东南州凯里市"])
    assert [(r["市（州）"], r["县区"]) for r in rows] == [("遵义市", "红花岗区"), ("贵阳市", "云岩区"), ("贵阳市", "云岩区"),
                                                     ("黔东南州", "凯里市")]
    assert stats(province) == {"贵阳市": 2, "遵义市": 1, "黔东南州": 1}
    assert ("3 行的“市（州）”填写的是其他市（州）（第4行“云岩区”（贵阳市）、第5行“贵阳市/云岩区”（贵阳市）、"
            "第6行“黔东南州凯里市”（黔东南州）），全省表和统计按所填的市（州）计入，不计入报送的遵义市") in said, said


def test_a_clean_cut_stays_quiet(tmp_path, capsys):
    said, rows, _ = _merge(tmp_path, capsys, ["遵义市红花岗区", "遵义市 汇川区", "贵州省遵义市播州区", "仁怀市", "遵义市本级"])
    assert [r["县区"] for r in rows] == ["红花岗区", "汇川区", "播州区", "仁怀市", None], rows
    assert not any(r["问题"] for r in rows), rows
    assert "县（区）" not in said and "其他市（州）" not in said, said


def test_refresh_taking_the_summary_over_cuts_what_follows_the_city_and_says_it(tmp_path, capsys):
    """``shibai refresh`` taking such a 附件4 over said “一栏只填了市（州）” of cells holding “遵义市新蒲新区” and left them
    whole under the 市（州） title; it cuts them as merge reads them, and says which to check."""
    from tests.test_summaries_real_world import application, table_rows

    places = ["遵义市红花岗区", "遵义市新蒲新区", "遵义市云岩区"]
    projects = [[i, place, f"遵义{i}号电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 1000, 800, 80]
                for i, place in enumerate(places, 1)]
    summary = _summary(tmp_path / "遵义市汇总表.xlsx", HEADER, projects)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市", sb_county="播州区")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    assert "只填了市（州）" not in said, said
    assert ("其中 2 行在市（州）之后写的不是它的县（区）名称（第4行“遵义市新蒲新区”、第5行“遵义市云岩区”），按所填写入县区，"
            "请核实") in said, said
    rows = table_rows(summary)
    got = [(rows[f"遵义{i}号电商有限公司"]["市（州）"], rows[f"遵义{i}号电商有限公司"]["县区"]) for i in (1, 2, 3)]
    assert got == [("遵义市", "红花岗区"), ("遵义市", "新蒲新区"), ("遵义市", "云岩区")], got
