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


@pytest.mark.parametrize("said", ["N", "no", 0, "0", "没有", "不涉及", "无回避", "—", "-", "Ｎ", " 否 ", "不 回避"])
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
