"""What an expert types in the 回避 column of a project he scores, read alike by ``review collect`` and by the 小计
formulas of his own book (LibreOffice recalculating it as his spreadsheet does). Real round (``review make`` from a
real summary), scores typed with openpyxl, the real ``review collect``.
"""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

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
    type_scores,
)
from .test_review_returned_books import _as_issued, _returned, issued  # noqa: F401 (the fixture)

ALL = (PARK_GY, PARK_BJ, BASE_ZY, ENT_SZ, ENT_LPS, ENT_TR, TEAM_AS)


def _typed_in_recusal_column(said):
    def edit(wb):
        ws = wb["评分表"]
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value and ws.cell(r, 10).value is not None and ws.cell(r, 6).value is None:
                ws.cell(r, 6).value = said
    return edit


@pytest.mark.parametrize("said", ["N", "no", 0, "0", "没有", "不涉及", "无回避", "—", "-", "Ｎ", "Ｎo", " 否 ", "不 回避"])
def test_a_no_written_another_common_way_in_the_recusal_column_is_no_recusal(issued, tmp_path, said):  # noqa: F811
    """丙 answered the 回避 column of each project he scores the way forms are answered: “N”, “0”, “没有”, “—”.
    Only the exact words “否”“无”“不回避”… were read as a no: these left every score of his uncounted as a recusal
    typed beside his scores (“回避与评分都填了”), the round incomplete for a “no”. The same figures as untouched."""
    _as_issued(_returned(issued, tmp_path, "丙", _typed_in_recusal_column(said)), issued, "丙", "问题")


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return build_summary(tmp_path_factory.mktemp("recusal-words") / "汇总")


def test_the_subtotal_sheet_reads_the_recusal_column_as_collect_does(summary, tmp_path):
    """Each project of 戊's book with another way of writing the 回避 column, recalculated by LibreOffice: “否 ” (a
    space typed after it) was no recusal for collect but 回避与评分都填了 on his 小计; “N”, “0”, “没有” were a recusal
    for both. Now the 小计 says 已评完 wherever collect counts his scores, and still asks him to settle a word that is
    neither (“否（非本市）”: collect leaves it uncounted and says so)."""
    from tests.libreoffice import need_soffice

    from .test_review import recalculated_totals

    need_soffice()
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "戊"], round_id="2024-05", now=NOW)
    book = rdir / "专家评分表-戊.xlsx"
    type_scores(book, {n: {} for n in ALL})
    typed = {PARK_GY: "否 ", PARK_BJ: "N", BASE_ZY: 0, ENT_SZ: "没有", ENT_LPS: "ｎｏ", ENT_TR: "—",
             TEAM_AS: "否（非本市）"}
    wb = load_workbook(book)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 2).value in typed:
            ws.cell(r, 6).value = typed[ws.cell(r, 2).value]
    wb.save(book)
    out = tmp_path / "评审结果.xlsx"
    review.collect(rdir, out, now=NOW)
    counted = {n: r["专家戊"] for n, r in results(out).items()}
    got = recalculated_totals(book, tmp_path)
    for name in ALL:
        assert (counted[name] == "未计入") == got[name]["状态"].startswith("回避与评分都填了"), (name, counted, got[name])
    assert counted[TEAM_AS] == "未计入" and all(counted[n] != "未计入" for n in ALL if n != TEAM_AS), counted


def test_a_recusal_typed_in_the_score_cells_or_remarks_is_shown_on_the_subtotal_as_collect_reads_it(summary, tmp_path):
    """戊 wrote his recusal where the 填写说明 points him — “回避” in the 专家评分 cells of 企业03, “回避” or
    “本人回避” in the 备注 of 企业02 and of 团队01's first item, scores left blank. collect takes each for his recusal
    (the project scored by the others); his own 小计 said “有7项超出范围” and “未评完（0/7）”, as if he still had to
    score them. It now says 自行填写了回避（不评分）; where it cannot tell (“本人回避，不参与评分”: a 不 in it), collect
    says so on the project."""
    from tests.libreoffice import need_soffice

    from .test_review import recalculated_totals

    need_soffice()
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "戊"], round_id="2024-05", now=NOW)
    book = rdir / "专家评分表-戊.xlsx"
    typed = {ENT_SZ: (13, "回避"), ENT_TR: (14, "回避"), TEAM_AS: (14, "本人回避"), ENT_LPS: (14, "本人回避，不参与评分")}
    type_scores(book, {n: ({} if n not in typed else {i: None for i in ("1.1.1", "1.1.2", "2.1.1", "2.1.2", "2.1.3",
                                                                          "2.2.1", "2.3.1", "2.4.1", "2.4.2")})
                       for n in ALL})
    wb = load_workbook(book)
    ws = wb["评分表"]
    first = set()
    for r in range(5, ws.max_row + 1):
        name = ws.cell(r, 2).value
        if name in typed and (name != TEAM_AS or name not in first):
            ws.cell(r, typed[name][0]).value = typed[name][1]
            first.add(name)
    wb.save(book)
    out = tmp_path / "评审结果.xlsx"
    review.collect(rdir, out, now=NOW)
    res = results(out)
    got = recalculated_totals(book, tmp_path)
    assert all(res[n]["专家戊"] == "回避" for n in typed), res
    assert {n: got[n]["状态"] for n in (ENT_SZ, ENT_TR, TEAM_AS)} == dict.fromkeys((ENT_SZ, ENT_TR, TEAM_AS),
                                                                                 "自行填写了回避（不评分）")
    assert got[ENT_LPS]["状态"] != "自行填写了回避（不评分）"
    assert "“小计”表中本项目未显示为回避" in res[ENT_LPS]["问题"], res[ENT_LPS]["问题"]
    assert all("未显示为回避" not in res[n]["问题"] for n in (ENT_SZ, ENT_TR, TEAM_AS))


def test_a_later_version_that_only_adds_a_recusal_in_the_recusal_column_is_the_one_collected(issued, tmp_path,  # noqa: F811
                                                                                              capsys):
    """丙 returned his book with 企业03 left unscored, then saw he knows the company and sent it again as
    “专家评分表-丙（改）.xlsx” with “回避” typed in 企业03's 回避 column, saved a day later. The scores and remarks of the
    two being the same, the later one was set aside as “同一份评分表（评分和备注完全相同）” — his recusal dropped
    unsaid, 企业03 未计入 and the round incomplete. The later version is collected: his recusal stands, said."""
    from shibai_xl.faces.cli import main

    d = _two_versions(issued, tmp_path, plain="专家评分表-丙.xlsx", marked="专家评分表-丙（改）.xlsx", marked_later=True)
    out = tmp_path / "评审结果.xlsx"
    main(["review", "collect", str(d), "--out", str(out)])
    said = capsys.readouterr().out.replace("\n", "")
    assert results(out)[ENT_SZ]["专家丙"] == "回避", results(out)[ENT_SZ]
    assert "已按较晚保存的“专家评分表-丙（改）.xlsx”" in said and "完全相同" not in said, said


def test_a_later_version_taking_back_a_recusal_typed_in_the_recusal_column_is_collected_saying_so(issued, tmp_path):  # noqa: F811
    """丙's book with 企业03 unscored and “回避” in its 回避 column, and a later saved copy with the “回避” deleted,
    企业03 still unscored. It was refused; the later version is taken, as merge and refresh take the later of two
    versions, and what it took back is said: 企业03 is his to score (not counted, the round incomplete), never his
    recusal dropped unsaid."""
    d = _two_versions(issued, tmp_path, plain="专家评分表-丙.xlsx", marked="专家评分表-丙（回避）.xlsx", marked_later=False)
    out = tmp_path / "评审结果.xlsx"
    report = review.collect(d, out, now=NOW)
    said = report.describe().replace("\n", "")
    assert "已按较晚保存的“专家评分表-丙.xlsx”" in said and "没有较早一份在企业03填写的“回避”" in said, said
    assert results(out)[ENT_SZ]["专家丙"] == "未计入" and "评审结果不完整" in said, results(out)[ENT_SZ]


@pytest.mark.parametrize("typed", [None, "否"])
def test_scores_of_a_recused_project_whose_recusal_mark_the_expert_cleared_are_said_not_counted(issued, tmp_path,  # noqa: F811
                                                                                                 typed):
    """甲 (贵阳市) is recused from 园区01 of his city; he unprotected the sheet, deleted the “回避” marks of its rows (or
    typed “否” over them) and scored it, believing he may. Left marked, his scores were said uncounted (“专家甲需回避
    （同为贵阳市），其填写的评分未计入”); cleared, they vanished without a word. They are said the same way."""
    def cleared(wb):
        ws = wb["评分表"]
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 2).value == PARK_GY:
                ws.cell(r, 6).value = typed
                ws.cell(r, 13).value = 5 if ws.cell(r, 10).value == 5 else 10
    got = _returned(issued, tmp_path, "甲", cleared)
    assert got[PARK_GY]["专家甲"] == "回避", got[PARK_GY]
    assert "专家甲需回避（同为贵阳市），其填写的评分未计入" in (got[PARK_GY]["问题"] or ""), got[PARK_GY]
    _as_issued(got, issued, "甲", "问题")


@pytest.mark.parametrize("column", ["回避", "专家总分"])
def test_a_recusal_typed_on_the_subtotal_sheet_with_nothing_scored_is_his_recusal(issued, tmp_path, column):  # noqa: F811
    """丙 left 团队01 unscored and wrote “回避” on its row of the 小计 sheet (the one-line-per-project overview he
    checks his totals on), in its 回避 or 专家总分 column. The result said only “专家丙未对本项目评分” — as if he had
    forgotten it — and the round incomplete. It is the recusal he typed, as on the 评分表: said with the cell."""
    def recused(wb):
        ws = wb["评分表"]
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 2).value == TEAM_AS:
                ws.cell(r, 13).value = None
        ws = wb["小计"]
        head = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
        for r in range(4, ws.max_row + 1):
            if ws.cell(r, 2).value == TEAM_AS:
                ws.cell(r, head[column]).value = "回避"
    got = _returned(issued, tmp_path, "丙", recused)
    assert got[TEAM_AS]["专家丙"] == "回避", got[TEAM_AS]
    assert "自行填写了回避（小计!" in got[TEAM_AS]["问题"], got[TEAM_AS]["问题"]


@pytest.mark.parametrize("scored", [False, True])
def test_a_recusal_typed_on_the_subtotal_sheet_shows_there_as_collect_reads_it(summary, tmp_path, scored):
    """“回避” typed in 企业03's 回避 cell of the 小计 sheet: its 状态 said 未评完（0/7） (or 已评完, scored) while collect
    takes it for his recusal (or, scored too, his to settle). The 状态 now says what collect makes of it."""
    from tests.libreoffice import need_soffice

    from .test_review import recalculated_totals

    need_soffice()
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "戊"], round_id="2024-05", now=NOW)
    book = rdir / "专家评分表-戊.xlsx"
    type_scores(book, {n: {} if scored or n != ENT_SZ else dict.fromkeys(ENT_ITEMS) for n in ALL})
    wb = load_workbook(book)
    ws = wb["小计"]
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, 2).value == ENT_SZ:
            ws.cell(r, 6).value = "回避"
    wb.save(book)
    out = tmp_path / "评审结果.xlsx"
    review.collect(rdir, out, now=NOW)
    got = recalculated_totals(book, tmp_path)[ENT_SZ]["状态"]
    counted = results(out)[ENT_SZ]["专家戊"]
    assert (counted, got) == (("未计入", "回避与评分都填了：需回避的请删去评分，不需回避的请删去“回避”") if scored
                              else ("回避", "自行填写了回避（不评分）")), (counted, got)


def test_the_recusal_the_subtotal_sees_survives_the_book_saved_as_xls(summary, tmp_path):
    """The same 小计 formulas after the expert saves his book as .xls (WPS's 97-2003 format, LibreOffice here): a
    formula the old format cannot hold (too many arguments) would come back empty, the 状态 blank."""
    from tests.libreoffice import convert, need_soffice

    from .test_review import sheet_values

    need_soffice()
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "戊"], round_id="2024-05", now=NOW)
    book = rdir / "专家评分表-戊.xlsx"
    type_scores(book, {n: {} if n != ENT_SZ else dict.fromkeys(ENT_ITEMS) for n in ALL})
    wb = load_workbook(book)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 2).value == ENT_SZ:
            ws.cell(r, 14).value = "回避"
        elif ws.cell(r, 2).value == ENT_TR:
            ws.cell(r, 6).value = "N"
    wb.save(book)
    again = convert(convert(book, "xls", tmp_path / "xls"), "xlsx", tmp_path / "again")   # opened again, recalculated
    rows = sheet_values(again, "小计")
    got = {r[1]: dict(zip(rows[2], r)) for r in rows[3:] if r[1]}
    assert (got[ENT_SZ]["状态"], got[ENT_TR]["状态"]) == ("自行填写了回避（不评分）", "已评完"), got


def _two_versions(round_made, tmp_path, plain: str, marked: str, marked_later: bool):
    """The issued round with two versions of 丙's book, 企业03 unscored in both and “回避” typed in its 回避 column of
    ``marked`` only, the later one (by its recorded save time) saved a day after the other: the round's folder."""
    import shutil

    from tests.zip_parts import saved_at

    d = tmp_path / "第一轮"
    shutil.copytree(round_made[0], d)
    type_scores(d / plain, {ENT_SZ: dict.fromkeys(ENT_ITEMS)})
    shutil.copy(d / plain, d / marked)
    wb = load_workbook(d / marked)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 2).value == ENT_SZ:
            ws.cell(r, 6).value = "回避"
    wb.save(d / marked)
    earlier, later = (plain, marked) if marked_later else (marked, plain)
    saved_at(d / earlier, "2024-05-21T02:00:00Z")
    saved_at(d / later, "2024-05-22T02:00:00Z")
    return d
