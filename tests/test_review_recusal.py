"""回避 as it happens in a real round: a project whose 市（州） the summary does not say in a way the tool reads
cannot be checked against the experts' cities, and a project every expert had to recuse from has no score at all.
Real summaries (``refresh`` of the example applications plus rows typed by hand), real expert workbooks typed with
openpyxl, the real ``review make`` / ``review collect`` and the CLI's exit code.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs import review

from .test_review import (
    BASE_ZY,
    ENT_ITEMS,
    ENT_LPS,
    ENT_SZ,
    ENT_TR,
    NOW,
    PARK_BJ,
    PARK_GY,
    TEAM_AS,
    build_summary,
    results,
    sheet_values,
    type_scores,
)


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return build_summary(tmp_path_factory.mktemp("recusal") / "汇总")


def _with_city(summary: Path, name: str, city: str | None, dest: Path) -> Path:
    """The summary with one row's 市（州） as a person left it."""
    wb = load_workbook(summary)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value}
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, cols["企业名称"]).value == name:
            ws.cell(r, cols["市（州）"]).value = city
    wb.save(dest)
    return dest


@pytest.mark.parametrize("city", [None, "铜仁区"])
def test_a_project_whose_city_is_not_read_is_said_when_experts_have_cities(summary, tmp_path, city):
    """铜仁's row with its 市（州） left blank, or written as no 市（州） is called: with 甲 from 铜仁市, nobody could
    tell whether 甲 must recuse — make said nothing and 甲 scored it as any other project."""
    src = _with_city(summary, ENT_TR, city, tmp_path / "汇总表.xlsx")
    report = review.make(tmp_path / "轮", src, ["甲", "乙"], expert_cities="甲=铜仁市", round_id="2024-05", now=NOW)
    text = report.describe()
    assert ENT_TR in text and "无法判断" in text and "回避" in text
    assert ("市（州）为空" if city is None else "“铜仁区”") in text
    # without expert cities there is nothing to check: no such note
    quiet = review.make(tmp_path / "轮2", src, ["甲", "乙"], round_id="2024-05", now=NOW).describe()
    assert "无法判断" not in quiet


def test_a_project_under_the_old_name_of_its_city_is_recused_by_that_citys_expert(summary, tmp_path):
    """铜仁地区 and 毕节地区 (renamed 铜仁市/毕节市 in 2011, still on old letterheads) are those cities: 甲 from 铜仁市
    recuses from the project written 铜仁地区, and nothing says its city is unknown."""
    src = _with_city(summary, ENT_TR, "铜仁地区", tmp_path / "汇总表.xlsx")
    report = review.make(tmp_path / "轮", src, ["甲", "乙"], expert_cities="甲=铜仁市", round_id="2024-05", now=NOW)
    assert "无法判断" not in report.describe()
    book = load_workbook(tmp_path / "轮" / "专家评分表-甲.xlsx")
    seen = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True) if ENT_TR in row for v in row]
    assert "回避" in seen, seen[:20]
ALL = (PARK_GY, PARK_BJ, BASE_ZY, ENT_SZ, ENT_LPS, ENT_TR, TEAM_AS)


def test_a_project_every_expert_recused_from_leaves_the_result_incomplete(summary, tmp_path, capsys):
    """Both experts from 贵阳市: 园区01 (贵阳) has no score. collect ranked the rest, left 园区01 out of the 拟认定名单
    and 公示 and exited 0 with titles saying nothing — a 公示 list that looks final without one of the projects."""
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "乙"], expert_cities="甲=贵阳市,乙=贵阳市", round_id="2024-05", now=NOW)
    for e in "甲乙":
        type_scores(rdir / f"专家评分表-{e}.xlsx", {n: {} for n in ALL if n != PARK_GY})
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    said = capsys.readouterr().out.replace("\n", "")
    assert PARK_GY in said and "全部专家回避" in said and "评审结果不完整" in said
    res = results(out)
    assert res[PARK_GY]["专家人数"] == 0 and res[PARK_GY]["排名"] is None
    assert "全部专家回避" in res[PARK_GY]["问题"]
    assert "请勿公示" in sheet_values(out, "公示")[0][0]
    top = " ".join(str(v) for row in sheet_values(out, "评审结果")[:2] for v in row if v)
    assert "请勿公示" in top and "全部专家回避" in top and PARK_GY in top


def test_an_expert_added_to_a_round_already_scored_is_issued_a_book_and_the_scores_kept(summary, tmp_path, capsys):
    """Both experts from 贵阳市 scored; 园区01 (贵阳) has nobody, and make and collect said “请增加其他市（州）的专家” /
    “请其他市（州）的专家补评”. There was no way to: make with 甲,乙,丙 refused (“专家甲已填写…评分，不能覆盖”), make with 丙
    alone replaced the 评审安排 by one listing 丙 only and told to move 甲's and 乙's books away — then collect refused
    them (“不在本轮评审安排的专家名单”). A book already scored, of this round and as make would write it again (same
    expert, same 回避), is now kept untouched and said; the new expert's book is written and the plan lists all three."""
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "乙"], expert_cities="甲=贵阳市,乙=贵阳市", round_id="2024-05", now=NOW)
    for e in "甲乙":
        type_scores(rdir / f"专家评分表-{e}.xlsx", {n: {} for n in ALL if n != PARK_GY})
    scored = {e: (rdir / f"专家评分表-{e}.xlsx").read_bytes() for e in "甲乙"}
    (rdir / "~$专家评分表-甲.xlsx").write_bytes(b"clerk")   # 甲's book open in Excel meanwhile: kept, so not in the way
    capsys.readouterr()
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙,丙",
                 "--expert-cities", "甲=贵阳市,乙=贵阳市,丙=遵义市", "--round", "2024-05"]) == 0
    said = capsys.readouterr().out.replace("\n", "")
    assert "专家评分表-甲.xlsx" in said and "已有专家评分" in said and "未改动" in said, said
    assert all((rdir / f"专家评分表-{e}.xlsx").read_bytes() == scored[e] for e in "甲乙")
    type_scores(rdir / "专家评分表-丙.xlsx", {n: {} for n in ALL if n != BASE_ZY})
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0
    gy = results(out)[PARK_GY]
    assert (gy["专家人数"], gy["专家丙"], gy["排名"]) == (1, 120, 1), gy
    # a scored book make would write otherwise (another 回避: 乙 now said to be of 遵义市) is still never overwritten
    with pytest.raises(Exception, match="专家乙已填写 .* 项评分，不能覆盖（其所属市（州）在评分表中为“贵阳市”，本次为“遵义市”"):
        review.make(rdir, summary, ["甲", "乙", "丙"], expert_cities="甲=贵阳市,乙=遵义市,丙=遵义市",
                    round_id="2024-05", now=NOW)
    assert all((rdir / f"专家评分表-{e}.xlsx").read_bytes() == scored[e] for e in "甲乙")


def test_making_only_the_added_expert_says_to_list_the_experts_already_issued(summary, tmp_path, capsys):
    """The clerk added 丙 by making the round again with 丙 alone: the new 评审安排 lists 丙 only, and make told him to move
    甲's and 乙's scored books away (“汇总前请移走”) — their scores would be lost to the round. It now says these are
    this round's books and to make the round again with every expert listed, which keeps them (see above)."""
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "乙"], expert_cities="甲=贵阳市,乙=贵阳市", round_id="2024-05", now=NOW)
    for e in "甲乙":
        type_scores(rdir / f"专家评分表-{e}.xlsx", {n: {} for n in ALL if n != PARK_GY})
    said = review.make(rdir, summary, ["丙"], expert_cities="丙=遵义市", round_id="2024-05", now=NOW).describe()
    assert "专家评分表-甲.xlsx" in said and "不属于本次名单" not in said, said
    listed = said.split("专家：")[1].split("，")[0]
    assert "本轮已发出" in said and "连同原来的专家" in said and set(listed.split("、")) == set("甲乙丙"), said


@pytest.mark.parametrize("typed, city", [("铜仁市碧江区", "铜仁市"), ("铜仁市 碧江区", "铜仁市"), ("铜仁 碧江区", "铜仁市"),
                                         ("贵州省铜仁市碧江区", "铜仁市"), ("碧江区", "铜仁市")])
def test_a_city_typed_with_its_county_is_read_and_its_expert_recused(summary, tmp_path, typed, city):
    """The summary said “铜仁市碧江区” (the 市（州） typed with its county, as on a letterhead): the tool read no 市（州）
    in it, so 甲 of 铜仁市 was recused from nothing and scored his own city's project (make only said it could not
    tell). The 市（州） is now read from such text (the county checked to lie in it): 甲 recuses, nothing is said."""
    src = _with_city(summary, ENT_TR, typed, tmp_path / "汇总表.xlsx")
    report = review.make(tmp_path / "轮", src, ["甲", "乙"], expert_cities=f"甲={city}", round_id="2024-05", now=NOW)
    assert "无法判断" not in report.describe()
    book = load_workbook(tmp_path / "轮" / "专家评分表-甲.xlsx")
    seen = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True) if ENT_TR in row for v in row]
    assert "回避" in seen and city in seen, seen[:20]


@pytest.mark.parametrize("typed", ["铜仁市南明区", "铜仁区"])
def test_a_city_with_a_county_of_another_city_is_not_guessed(summary, tmp_path, typed):
    """“铜仁市南明区” (南明区 lies in 贵阳市) cannot be told: it is said, as before, never guessed either way."""
    src = _with_city(summary, ENT_TR, typed, tmp_path / "汇总表.xlsx")
    report = review.make(tmp_path / "轮", src, ["甲", "乙"], expert_cities="甲=铜仁市", round_id="2024-05", now=NOW)
    assert f"“{typed}”无法识别" in report.describe()


def test_the_official_names_of_the_autonomous_prefectures_and_counties_after_them_are_read():
    from shibai_xl.engine.review import project_city

    assert [project_city(t) for t in ("贵阳市南明区", "遵义市 汇川区", "黔南州都匀市", "黔东南苗族侗族自治州",
                                      "黔南布依族苗族自治州都匀市", "黔西南布依族苗族自治州", "凯里市", "贵阳", "遵义市南明区",
                                      "铜仁区", "北京市朝阳区", "", None)] == [
        "贵阳市", "遵义市", "黔南州", "黔东南州", "黔南州", "黔西南州", "黔东南州", "贵阳市", None, None, None, None, None]
    # an expert's 所属市（州） typed so is read the same way
    from shibai_xl.engine.review import parse_expert_cities

    typed = "甲=遵义市汇川区,乙=黔东南苗族侗族自治州凯里市"
    assert parse_expert_cities(typed, ["甲", "乙"]) == {"甲": "遵义市", "乙": "黔东南州"}


def test_a_book_issued_before_the_round_was_made_again_with_another_city_says_so(summary, tmp_path, capsys):
    """乙 was first said to be of 贵阳市, and the round made again with 乙 of 遵义市 before anybody scored; 乙 scored the
    book first sent to him and returned it. collect stopped with “回避项目与评审安排不一致，文件可能被改动” — nothing was
    changed by anybody. It now says what differs (the 所属市（州） and so the 回避 of 乙) and what to do either way."""
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "乙"], expert_cities="甲=贵阳市,乙=贵阳市", round_id="2024-05", now=NOW)
    first = tmp_path / "乙收到的.xlsx"
    first.write_bytes((rdir / "专家评分表-乙.xlsx").read_bytes())
    review.make(rdir, summary, ["甲", "乙"], expert_cities="甲=贵阳市,乙=遵义市", round_id="2024-05", now=NOW)
    type_scores(first, {n: {} for n in ALL if n != PARK_GY})
    type_scores(rdir / "专家评分表-甲.xlsx", {n: {} for n in ALL if n != PARK_GY})
    (rdir / "专家评分表-乙.xlsx").write_bytes(first.read_bytes())
    assert main(["review", "collect", str(rdir), "--out", str(tmp_path / "评审结果.xlsx")]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "可能被改动" not in err, err
    assert "所属市（州）为“贵阳市”" in err and "评审安排中为“遵义市”" in err, err
    assert f"回避：园区01“{PARK_GY}”" in err and f"回避：基地01“{BASE_ZY}”" in err, err
    assert "重新生成" in err and "不会被覆盖" in err, err
    # either way works as said: 乙 of 贵阳市 after all — made again so, his scored book kept, the round collected
    review.make(rdir, summary, ["甲", "乙"], expert_cities="甲=贵阳市,乙=贵阳市", round_id="2024-05", now=NOW)
    assert (rdir / "专家评分表-乙.xlsx").read_bytes() == first.read_bytes()
    assert main(["review", "collect", str(rdir), "--out", str(tmp_path / "评审结果.xlsx")]) == 1   # 园区01: all recused
    # 乙 of 遵义市: his old book moved away, made again so, a new book for him only (甲's scores kept)
    scored = (rdir / "专家评分表-甲.xlsx").read_bytes()
    (rdir / "专家评分表-乙.xlsx").replace(tmp_path / "乙的旧表.xlsx")
    review.make(rdir, summary, ["甲", "乙"], expert_cities="甲=贵阳市,乙=遵义市", round_id="2024-05", now=NOW)
    assert (rdir / "专家评分表-甲.xlsx").read_bytes() == scored
    type_scores(rdir / "专家评分表-乙.xlsx", {n: {} for n in ALL if n != BASE_ZY})
    assert main(["review", "collect", str(rdir), "--out", str(tmp_path / "评审结果.xlsx")]) == 0


def _declare_recusal(book: Path, name: str, rows: str = "all") -> None:
    """The expert types “回避” into the 回避 column of ``name``'s rows (all of them, or only the first), as he would on
    finding he knows the company; his 专家评分 of it left as it is."""
    wb = load_workbook(book)
    ws = wb["评分表"]
    mine = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value == name]
    for r in mine if rows == "all" else mine[:1]:
        ws.cell(r, 6).value = "回避"
    wb.save(book)


FIVE = {"甲": {ENT_SZ: {"1.1.1": 5}}, "乙": {ENT_SZ: {"1.1.2": 0}}, "丙": {ENT_SZ: {"2.1.1": 0, "2.2.1": 5}},
        "丁": {ENT_SZ: {"1.1.1": 0, "1.1.2": 0}}}      # 企业03: 90, 85, 80, 70; 戊 declares a recusal


@pytest.mark.parametrize("rows", ["all", "first"])
def test_a_recusal_an_expert_declares_himself_without_scoring_stands(summary, tmp_path, capsys, rows):
    """戊 knows 企业03's company: he typed “回避” on its rows (or on its first row only) and scored none of its items,
    as the 填写说明 lets an expert do for a project of his own city. The round's plan did not recuse him, so collect
    left his 企业03 “未计入” and the whole result 不完整 — “请勿公示” on every title, exit 1 — though nothing was
    missing and the message itself said the project is scored by the other experts. The notice (三（三）) sets no
    rule on who scores a project; the tool recuses an expert from his city's projects and scores such a project by
    the others (去极值 only with 5 counted). A recusal declared with no score is now that: 戊 回避 on 企业03, its figures
    from 甲乙丙丁 (81.25, not trimmed: 4 experts), said on sb_review; the result complete."""
    rdir = tmp_path / "轮"
    experts = ["甲", "乙", "丙", "丁", "戊"]
    review.make(rdir, summary, experts, round_id="2024-05", now=NOW)
    for e in experts:
        plan = {n: dict(FIVE.get(e, {}).get(n, {})) for n in ALL}
        if e == "戊":
            plan[ENT_SZ] = dict.fromkeys(ENT_ITEMS)
        type_scores(rdir / f"专家评分表-{e}.xlsx", plan)
    _declare_recusal(rdir / "专家评分表-戊.xlsx", ENT_SZ, rows)
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0
    said = capsys.readouterr().out.replace("\n", "")
    res = results(out)
    sz = res[ENT_SZ]
    assert (sz["专家人数"], sz["专家戊"], sz["平均分"], sz["去极值平均分"], sz["最高分"], sz["最低分"]) == (
        4, "回避", 81.25, 81.25, 90, 70), sz
    assert "戊" in sz["问题"] and "自行填写了回避" in sz["问题"] and "按其他专家的评分计算" in sz["问题"], sz["问题"]
    assert "不足5人" in sz["问题"], sz["问题"]
    assert "自行填写了回避" in said and "不完整" not in said, said
    assert "请勿公示" not in sheet_values(out, "公示")[0][0]
    assert res[PARK_GY]["专家人数"] == 5 and res[PARK_GY]["去极值平均分"] == 120   # the other projects as before


def test_a_recusal_an_expert_typed_over_his_scores_is_still_his_to_settle(summary, tmp_path, capsys):
    """戊 typed “回避” on 企业03's rows but scored them too: whether he recuses or scores is unclear — not counted and
    the result incomplete, as before, saying what to do either way."""
    rdir = tmp_path / "轮"
    experts = ["甲", "乙", "丙", "丁", "戊"]
    review.make(rdir, summary, experts, round_id="2024-05", now=NOW)
    for e in experts:
        type_scores(rdir / f"专家评分表-{e}.xlsx", {n: dict(FIVE.get(e, {}).get(n, {})) for n in ALL})
    _declare_recusal(rdir / "专家评分表-戊.xlsx", ENT_SZ)
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    sz = results(out)[ENT_SZ]
    assert sz["专家戊"] == "未计入" and "确需回避的，本项目按其他专家的评分计算" in sz["问题"], sz["问题"]


@pytest.mark.parametrize("scored", [False, True])
def test_a_recusal_an_expert_declares_is_shown_on_his_subtotal(summary, tmp_path, scored):
    """戊 typed “回避” on 企业03's rows: his own 小计 said “未评完（0/7）” — as if he still had to score it — though
    collect takes it as his recusal (or, scored as well, asks him to settle it). His 小计 now says what collect will
    make of it (LibreOffice recalculates the book as an expert's spreadsheet does)."""
    from tests.libreoffice import need_soffice

    from .test_review import recalculated_totals

    need_soffice()
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "戊"], round_id="2024-05", now=NOW)
    book = rdir / "专家评分表-戊.xlsx"
    plan = {n: {} for n in ALL}
    if not scored:
        plan[ENT_SZ] = dict.fromkeys(ENT_ITEMS)
    type_scores(book, plan)
    _declare_recusal(book, ENT_SZ)
    got = recalculated_totals(book, tmp_path)
    assert got[ENT_SZ]["状态"] == ("回避与评分都填了：需回避的请删去评分，不需回避的请删去“回避”" if scored
                                  else "自行填写了回避（不评分）"), got[ENT_SZ]
    assert got[ENT_LPS]["状态"] == "已评完", got[ENT_LPS]


def test_a_book_of_an_expert_the_arrangement_does_not_list_says_how_to_add_him(summary, tmp_path, capsys):
    """The clerk made 丙's book in another folder (甲,乙,丙 there) and dropped it into the round's folder, where the
    评审安排 lists 甲 and 乙. Collect refused saying only “专家丙不在本轮评审安排的专家名单（甲、乙）中” — not what to do.
    It now says to make the round again with every expert listed (which keeps the scored books) or to move the file
    away; doing the first, the same folder collects with 丙 counted."""
    rdir, elsewhere = tmp_path / "轮", tmp_path / "另生成"
    review.make(rdir, summary, ["甲", "乙"], round_id="2024-05", now=NOW)
    review.make(elsewhere, summary, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    for e in "甲乙":
        type_scores(rdir / f"专家评分表-{e}.xlsx", {n: {} for n in ALL})
    type_scores(elsewhere / "专家评分表-丙.xlsx", {n: {} for n in ALL})
    (rdir / "专家评分表-丙.xlsx").write_bytes((elsewhere / "专家评分表-丙.xlsx").read_bytes())
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 2
    said = "".join(capsys.readouterr()).replace("\n", "")
    assert "专家丙不在本轮评审安排的专家名单（甲、乙）中" in said, said
    assert "连同原来的专家一起重新生成评分表（shibai review make 或“专家评分表”按钮，专家：甲、乙、丙" in said, said
    assert "移出评审文件夹" in said, said
    assert not out.exists()
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙,丙", "--round", "2024-05"]) == 0
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0
    assert results(out)[ENT_SZ]["专家人数"] == 3


def test_a_book_holding_scores_only_beside_the_score_column_is_kept_when_an_expert_is_added(summary, tmp_path, capsys):
    """乙 typed his scores into 备注 (one column too far right), 专家评分 left blank, and returned the book; the clerk
    then added 丙 to the round the documented way (make again with every expert). Make counted only 专家评分 as the
    expert's work and wrote a blank book over 乙's: his scores were gone without a word. His book is now kept as any
    scored one (and with another 回避 it is refused, not overwritten)."""
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "乙"], expert_cities="甲=贵阳市", round_id="2024-05", now=NOW)
    book = rdir / "专家评分表-乙.xlsx"
    type_scores(book, {n: {} for n in ALL})
    wb = load_workbook(book)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        ws.cell(r, 14).value, ws.cell(r, 13).value = ws.cell(r, 13).value, None
    wb.save(book)
    returned = book.read_bytes()
    review.make(rdir, summary, ["甲", "乙", "丙"], expert_cities="甲=贵阳市", round_id="2024-05", now=NOW)
    assert book.read_bytes() == returned
    with pytest.raises(Exception, match="专家乙已填写了内容（备注、建议分列或复制出的工作表中的评分），不能覆盖"):
        review.make(rdir, summary, ["甲", "乙", "丙"], expert_cities="甲=贵阳市,乙=遵义市", round_id="2024-05", now=NOW)
    assert book.read_bytes() == returned
