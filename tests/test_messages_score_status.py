"""What the 状态 of a reviewer's scores says of a score typed as text that is no number (“8（酌情）”, “Ｘ”, “约8”):
the 专家评分表's 小计 and an application's 评分 sheet said “有1项超出范围” of it, while ``review collect`` and
``check`` say “不是数字” (both leave it out). Now the formula says it as the tool does — “有N项不是数字”, beside the
scores out of range (“-1” typed as text is out of range, as collect says 不能为负数 of it) — in a book recalculated
by LibreOffice and in one saved as .xls."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from shibai_xl.jobs import review
from tests import libreoffice as lo

from .test_review import BASE_ZY, ENT_TR, NOW, SCORES_3, TEAM_AS, results, scored_round, sheet_values, type_scores

TYPED = {
    BASE_ZY: {"1.1.1": "8（酌情）", "1.1.2": "Ｘ"},              # two texts, no numbers
    ENT_TR: {"1.1.1": 20, "1.1.2": "约8"},                      # 20 of a 15-point item, and a text
    TEAM_AS: {"1.1.1": "-1"},                                   # a negative typed in a text cell
}
SAID = {BASE_ZY: "有2项不是数字", ENT_TR: "有1项超出范围、1项不是数字", TEAM_AS: "有1项超出范围"}


def _status(book) -> dict[str, str]:
    rows = sheet_values(book, "小计")
    return {r[1]: dict(zip(rows[2], r))["状态"] for r in rows[3:] if r[1] in SAID}


def test_the_review_books_小计_says_not_a_number_as_collect_does(tmp_path):
    rdir = scored_round(tmp_path)
    book = rdir / "专家评分表-丙.xlsx"
    type_scores(book, {**SCORES_3["丙"], **TYPED})
    out = tmp_path / "结果.xlsx"
    review.collect(rdir, out, now=NOW)
    got = results(out)
    said = got[BASE_ZY]["问题"]
    assert "“8（酌情）”不是数字" in said and "“Ｘ”不是数字" in said, said
    assert "超出0～15分" in got[ENT_TR]["问题"] and "“约8”不是数字" in got[ENT_TR]["问题"], got[ENT_TR]["问题"]
    assert "不能为负数" in got[TEAM_AS]["问题"], got[TEAM_AS]["问题"]
    if lo.SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    saved = lo.saved_as([book], ("xlsx", "xls"), tmp_path / "saved", back="xlsx:Calc MS Excel 2007 XML")
    assert _status(saved[(book, "xlsx")]) == SAID
    assert _status(saved[(book, "xls")]) == SAID                  # saved as .xls, opened and recalculated again


def test_the_application_评分_sheet_says_not_a_number_as_check_does(tmp_path, rules, make_workbook):
    full = {**{i.id: i.points for i in rules.rubric("park")}, "4.3": 0}
    cases = {"文字": ({**full, "1.1.2": "约8"}, "有1项不是数字"),
             "两样": ({**full, "1.1.1": 15, "1.1.2": "Ｘ"}, "有1项超出范围、1项不是数字"),
             "负数": ({**full, "1.1.1": "-1"}, "有1项超出范围")}
    paths = {}
    for label, (scores, _) in cases.items():
        path = make_workbook("park", name=f"园区-{label}.xlsx")
        wb = load_workbook(path)
        for iid, v in scores.items():
            named_cell(wb, f"sb_score_review_{iid.replace('.', '_')}").value = v
        wb.save(path)
        paths[label] = path
    details = [f.message for f in check(read_application(paths["文字"])).findings if f.code == "SCORE_RANGE"]
    assert any("“约8”不是数字" in d for d in details), details
    if lo.SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    copies = lo.convert_many(list(paths.values()), "xlsx:Calc MS Excel 2007 XML", tmp_path / "recalc")
    for label, (_, status) in cases.items():
        where = named_cell(load_workbook(paths[label]), "sb_score_status").coordinate
        assert load_workbook(copies[paths[label]], data_only=True)["评分"][where].value == status, label


def test_an_error_value_in_a_score_is_not_a_number_on_the_评分_sheet_as_check_says(tmp_path, rules, make_workbook):
    """#N/A in a 评审得分 cell (a score looked up with VLOOKUP that found nothing): check says “#N/A”不是数字 and
    counts the other items; the 评分 sheet showed #N/A as its 评审状态 and every total. Now it says 有1项不是数字
    and totals the rest, as a score typed “约8” does."""
    path = make_workbook("park")
    wb = load_workbook(path)
    for item in rules.rubric("park"):
        named_cell(wb, f"sb_score_review_{item.id.replace('.', '_')}").value = 0 if item.id == "4.3" else item.points
    cell = named_cell(wb, "sb_score_review_1_1_1")
    cell.value, cell.data_type = "#N/A", "e"
    wb.save(path)
    details = [f.message for f in check(read_application(path)).findings if f.code == "SCORE_RANGE"]
    assert any("“#N/A”不是数字" in d for d in details), details
    if lo.SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    shown = load_workbook(lo.convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "recalc"), data_only=True)["评分"]
    names = load_workbook(path)
    got = {n: shown[named_cell(names, n).coordinate].value for n in ("sb_score_status", "sb_score_base")}
    assert got == {"sb_score_status": "有1项不是数字", "sb_score_base": 95}, got
