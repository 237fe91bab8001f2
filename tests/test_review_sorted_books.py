"""Expert workbooks whose score rows an expert sorted, filtered, moved, duplicated or retyped, collected through the
CLI. Real round (``review make`` from a real summary), scores typed with openpyxl, rows changed as Excel's 排序 on
the table leaves them (the table's values move, the hidden 计分 columns and the 小计 formulas stay where they were),
LibreOffice headless recalculating the sorted book as a real client.

Every row carries its 项目编号 and 指标编号, so a row is found wherever it stands: sorting, filtering and moving are
harmless; a deleted row is an item not scored; an item typed twice with different scores, or a row whose keys no
longer match the round, leaves that expert's scores of the project uncounted, named with the cell.
"""
from __future__ import annotations

import re
import shutil

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main

from .test_review import (
    BASE_ZY,
    ENT_LPS,
    ENT_SZ,
    ENT_TR,
    PARK_BJ,
    PARK_GY,
    TEAM_AS,
    results,
    scored_round,
    sheet_values,
)

TABLE_COLS = 14          # 项目编号 … 备注 (A:N): what Excel sorts when the expert sorts the table
FIRST, LAST = 5, 92      # the issued score rows


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    base = tmp_path_factory.mktemp("sorted")
    rdir = scored_round(base)
    out = base / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1   # blanks and a 15 of 10 in SCORES_3
    return rdir, out


def _collect(issued, tmp_path, expert, edit, recalc=False):
    """The issued round copied, ``expert``'s workbook changed by ``edit(sheet)``, (recalculated and saved by
    LibreOffice), collected through the CLI: (exit code, results by project, 评审说明 notes, the book)."""
    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    shutil.copytree(issued[0].parent / "汇总", tmp_path / "汇总")    # the summary the round was made from
    book = d / f"专家评分表-{expert}.xlsx"
    wb = load_workbook(book)
    edit(wb["评分表"])
    wb.save(book)
    if recalc:
        from tests.libreoffice import convert

        shutil.move(convert(book, "xlsx", tmp_path / "lo"), book)
    out = tmp_path / "评审结果.xlsx"
    code = main(["review", "collect", str(d), "--out", str(out)])
    notes = [row[1] for row in sheet_values(out, "评审说明") if row and row[0] == "说明"] if out.exists() else []
    return code, (results(out) if out.exists() else {}), notes, book


def _table_rows(ws, first=FIRST, last=LAST):
    return [[ws.cell(r, c).value for c in range(1, TABLE_COLS + 1)] for r in range(first, last + 1)]


def _put_rows(ws, rows, first=FIRST):
    for k, values in enumerate(rows):
        for c, v in enumerate(values, 1):
            ws.cell(first + k, c).value = v


def _sort_by_score(ws):
    """Excel's 排序 on the table: 专家评分 descending, blanks last (values of the table's columns only)."""
    rows = _table_rows(ws)
    scored = sorted((r for r in rows if isinstance(r[12], (int, float))), key=lambda r: -r[12])
    _put_rows(ws, scored + [r for r in rows if not isinstance(r[12], (int, float))])


def _same_as_issued(got, issued, expert):
    """The figures of the untouched round; the 问题 too, but for where a moved score now stands (评分表!M75)."""
    want = results(issued[1])
    assert list(got) == list(want)
    for name in want:
        for col in ("专家人数", f"专家{expert}", "平均分", "去极值平均分", "排名", "问题"):
            a, b = (re.sub(r"评分表!M\d+", "评分表!M…", str(x[name][col])) for x in (got, want))
            assert a == b, (name, col, a, b)


def _shown(book):
    """The 小计 rows of a workbook as saved (项目名称 → column → value)."""
    rows = sheet_values(book, "小计")
    return {r[1]: dict(zip(rows[2], r)) for r in rows[3:] if r[1]}


def test_rows_sorted_by_score_and_recalculated_by_libreoffice_are_collected(issued, tmp_path):
    """乙 sorted his table by his own score to see them side by side, and LibreOffice recalculated the book: the whole
    round was refused (exit 2, “已被改动，无法汇总”). The same figures now; and his own 小计 sheet — whose formulas
    summed the rows where the items were issued, so that it showed 280 for his 120 of 园区01 — finds each project's
    rows by 项目编号 and 指标编号: every total and 状态 is right after the sort, so collect has nothing to say of it."""
    from tests.libreoffice import need_soffice

    need_soffice()
    code, got, notes, book = _collect(issued, tmp_path, "乙", _sort_by_score, recalc=True)
    assert code == 1            # as the round itself
    _same_as_issued(got, issued, "乙")
    assert any("专家乙" in n and "行的顺序被调整过" in n for n in notes)
    assert not any("小计" in n for n in notes), notes
    shown = _shown(book)
    assert {name: shown[name]["专家总分"] for name in (PARK_GY, ENT_SZ, ENT_LPS, ENT_TR, TEAM_AS)} == {
        PARK_GY: 120, ENT_SZ: 85, ENT_LPS: 85, ENT_TR: 75, TEAM_AS: 55}
    assert (shown[PARK_GY]["基础分"], shown[PARK_GY]["开放创新加分"], shown[PARK_GY]["状态"]) == (100, 20, "已评完")
    assert shown[PARK_BJ]["状态"] == "未评完（20/21）" and shown[BASE_ZY]["状态"] == "回避（不评分）"
    assert not any("小计" in str(row["问题"]) for row in got.values())


def test_a_total_typed_over_in_a_sorted_book_is_still_named(issued, tmp_path):
    """The 小计 of a sorted book is right, so it is compared project by project as any other: a 专家总分 乙 typed
    over the formula (88 for his 85 of 企业03) is named with its cell, the sort notwithstanding."""
    from tests.libreoffice import need_soffice

    need_soffice()
    d = tmp_path / "lo"
    code, _, _, book = _collect(issued, d, "乙", _sort_by_score, recalc=True)
    wb = load_workbook(book)
    tot = wb["小计"]
    r = next(r for r in range(4, tot.max_row + 1) if tot.cell(r, 2).value == ENT_SZ)
    tot.cell(r, 12).value = 88
    wb.save(book)
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d / "第一轮"), "--out", str(out)]) == 1
    sz = results(out)[ENT_SZ]
    assert sz["专家乙"] == 85
    assert f"专家乙：“小计”表中本项目的专家总分为88（小计!L{r}），与各项评分合计85不一致" in sz["问题"], sz["问题"]


def _as_previous_version(ws):
    """The 小计 formulas as versions before this one wrote them: each project's 基础分 and 开放创新加分 summing the
    fixed rows where its items were issued (the hidden 计分 column S)."""
    tot = ws.parent["小计"]
    for r in range(4, tot.max_row + 1):
        no = tot.cell(r, 1).value
        if not no or not str(tot.cell(r, 10).value or "").startswith("="):
            continue
        rows = [k for k in range(FIRST, LAST + 1) if ws.cell(k, 1).value == no]
        bonus = [k for k in rows if str(ws.cell(k, 8).value).startswith("4.")]
        base = [k for k in rows if k not in bonus]
        tot.cell(r, 10).value = f"=SUM('评分表'!S{base[0]}:S{base[-1]})"
        if bonus:
            tot.cell(r, 11).value = f"=MIN(20,SUM('评分表'!S{bonus[0]}:S{bonus[-1]}))"


def test_a_sorted_book_of_the_previous_version_is_told_apart_by_its_formulas(issued, tmp_path):
    """A book made by the previous version (fixed row ranges on its 小计 sheet), sorted and recalculated: its totals
    no longer belong to their projects, so they are not compared one by one (no “与各项评分合计不一致” for every
    project): one sentence in 评审说明 lists them. Told by the 基础分 formula, not guessed from the figures."""
    from tests.libreoffice import need_soffice

    need_soffice()

    def old_and_sorted(ws):
        _as_previous_version(ws)
        _sort_by_score(ws)

    code, got, notes, book = _collect(issued, tmp_path, "乙", old_and_sorted, recalc=True)
    assert code == 1
    _same_as_issued(got, issued, "乙")
    assert any("专家乙" in n and "行的顺序被调整过" in n and "专家总分已与其各项评分不符" in n for n in notes), notes
    assert _shown(book)[PARK_GY]["专家总分"] != 120      # the scenario is real


def test_hidden_rows_of_a_filter_change_nothing(issued, tmp_path):
    """丙 filtered his table to 企业 (the other rows hidden): nothing to say, the same figures."""
    def filtered(ws):
        for r in range(FIRST, LAST + 1):
            if ws.cell(r, 3).value != "企业":
                ws.row_dimensions[r].hidden = True

    code, got, notes, _ = _collect(issued, tmp_path, "丙", filtered)
    assert code == 1
    _same_as_issued(got, issued, "丙")
    assert not any("行的顺序" in n for n in notes)


def test_a_block_of_rows_moved_below_the_table_is_collected(issued, tmp_path):
    """甲 cut 企业03's rows and pasted them under 团队01, leaving their place empty: the same figures."""
    def moved(ws):
        rows = [r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_SZ]
        block = _table_rows(ws, rows[0], rows[-1])
        _put_rows(ws, [[None] * TABLE_COLS] * len(block), rows[0])
        _put_rows(ws, block, LAST + 1)

    code, got, notes, _ = _collect(issued, tmp_path, "甲", moved)
    assert code == 1
    _same_as_issued(got, issued, "甲")
    assert got[ENT_SZ]["专家甲"] == 90
    # no 小计 totals saved (openpyxl keeps none): nothing said of them
    assert any("专家甲" in n and "行的顺序被调整过" in n and "小计" not in n for n in notes)


def _drag_rows(ws, rows, to):
    """Excel's Shift-drag of table rows (cut, insert cut cells): the table's cells of ``rows`` (consecutive) go before
    row ``to`` (above them), the rows between move down, and every formula on the sheet that refers to a moved cell
    follows it — as Excel and LibreOffice adjust references when cells are cut and inserted."""
    a, b = rows[0], rows[-1]
    _move_cells(ws, {old: to + old - a for old in range(a, b + 1)} | {old: old + b - a + 1 for old in range(to, a)})


def _move_cells(ws, where):
    """The table's cells of the rows ``where`` maps moved to the rows it maps them to (rows left behind emptied), and
    every formula on the sheet that refers to a moved cell following it, as in Excel and LibreOffice."""
    block = {old: _table_rows(ws, old, old)[0] for old in where}
    for old in set(where) - set(where.values()):
        _put_rows(ws, [[None] * TABLE_COLS], old)
    for old, values in block.items():
        _put_rows(ws, [values], where[old])
    ref = re.compile(r"(?<![A-Za-z$])([A-N])(\d+)(?!\d)")
    for line in ws.iter_rows(min_col=TABLE_COLS + 1):
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.value = ref.sub(lambda m: f"{m[1]}{where.get(int(m[2]), int(m[2]))}", cell.value)


def test_rows_dragged_within_the_table_keep_the_小计_right(issued, tmp_path):
    """甲 Shift-dragged 企业03's rows to the top of his table (Excel moves the cells and every reference to them): the
    hidden 计分 cells beside the table followed the moved scores, so the 小计 — which finds rows by 项目编号 — paired
    another project's scores with 企业03's rows. Each 计分 cell reads the score of its own row, wherever the cells came
    from: his 小计, recalculated by LibreOffice, shows each project's total; collect says nothing of it."""
    from tests.libreoffice import need_soffice

    need_soffice()

    def dragged(ws):
        _drag_rows(ws, [r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_SZ], FIRST)

    code, got, notes, book = _collect(issued, tmp_path, "甲", dragged, recalc=True)
    assert code == 1
    _same_as_issued(got, issued, "甲")
    shown = _shown(book)
    assert {name: shown[name]["专家总分"] for name in (PARK_BJ, BASE_ZY, ENT_SZ, ENT_LPS, ENT_TR, TEAM_AS)} == {
        PARK_BJ: 110, BASE_ZY: 120, ENT_SZ: 90, ENT_LPS: 85, ENT_TR: 70, TEAM_AS: 50}
    assert not any("小计" in n for n in notes) and not any("小计" in str(row["问题"]) for row in got.values())


@pytest.mark.parametrize("below", [2, 300], ids=["under", "far-under"])
def test_rows_cut_and_pasted_under_the_table_keep_the_小计_right(issued, tmp_path, below):
    """甲 cut 企业03's rows and pasted them under the table (the references to the cut cells follow them, as in
    Excel): his 小计, recalculated by LibreOffice, still counts them — rows under the table have their 计分 cells and
    lie in the 小计's ranges — and collect says nothing of it. Pasted 300 rows down (he scrolled), the 小计 showed
    企业03 at 0 and “未评完” while its ranges reached 50 rows under the table, and collect counted his 90."""
    from tests.libreoffice import need_soffice

    need_soffice()

    def pasted_under(ws):
        rows = [r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_SZ]
        _move_cells(ws, {old: LAST + below + k for k, old in enumerate(rows)})

    code, got, notes, book = _collect(issued, tmp_path, "甲", pasted_under, recalc=True)
    assert code == 1
    _same_as_issued(got, issued, "甲")
    shown = _shown(book)
    assert (shown[ENT_SZ]["专家总分"], shown[ENT_SZ]["状态"], shown[TEAM_AS]["专家总分"]) == (90, "已评完", 50)
    assert not any("小计" in n for n in notes) and not any("小计" in str(row["问题"]) for row in got.values())


def test_rows_pasted_beyond_the_小计_ranges_are_said_on_the_小计(issued, tmp_path):
    """Rows pasted further down than the 小计's ranges reach are not counted there: its 状态 says so (never a
    silently short 专家总分), and collect, which reads every row, counts them and names the 小计 cell."""
    from shibai_xl.adapters.xlsx.review_issue import SPARE_ROWS
    from tests.libreoffice import need_soffice

    need_soffice()

    def pasted_beyond(ws):
        rows = [r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_SZ]
        _move_cells(ws, {old: LAST + SPARE_ROWS + 20 + k for k, old in enumerate(rows)})

    code, got, notes, book = _collect(issued, tmp_path, "甲", pasted_beyond, recalc=True)
    assert code == 1
    assert got[ENT_SZ]["专家甲"] == 90
    status = _shown(book)[ENT_SZ]["状态"]
    assert f"评分表第{LAST + SPARE_ROWS}行以下" in status and "未计入小计" in status, status
    assert "“小计”表中本项目的专家总分为" in got[ENT_SZ]["问题"]


def test_an_item_typed_twice_with_different_scores_is_named_not_guessed(issued, tmp_path):
    """丙 copied 企业02's 1.1.1 row under the table and typed 10 there (0 in the issued row): which one he meant is
    his to say. His 企业02 scores are not counted, both cells named; the round is collected. The same row copied with
    the same score changes nothing."""
    def twice(ws, score):
        r = next(r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_TR and ws.cell(r, 8).value == "1.1.1")
        _put_rows(ws, [_table_rows(ws, r, r)[0][:12] + [score, None]], LAST + 1)
        return r

    code, got, _, _ = _collect(issued, tmp_path, "丙", lambda ws: twice(ws, 10))
    assert code == 1
    tr = got[ENT_TR]
    assert (tr["专家丙"], tr["专家人数"]) == ("未计入", 2)
    assert "专家丙：指标 1.1.1 填了2行，评分不同（评分表!M" in tr["问题"] and "评分表!M93 为“10”" in tr["问题"]
    assert "该专家对本项目的评分未计入" in tr["问题"]
    assert got[ENT_SZ]["专家丙"] == 80          # his other projects count

    code, got, _, _ = _collect(issued, tmp_path / "same", "丙", lambda ws: twice(ws, 0))
    _same_as_issued(got, issued, "丙")


def test_an_item_typed_twice_is_said_on_the_小计_not_counted_twice(issued, tmp_path):
    """甲 copied 企业03's 1.1.1 row under the table (his 5 in both): collect counts it once (90), but his 小计,
    recalculated by LibreOffice, showed 95 — the row summed twice — as “已评完”. Its 状态 now says an item is on two
    rows (the project's rows more than its items), and collect names the 小计's other total."""
    from tests.libreoffice import need_soffice

    need_soffice()

    def twice(ws):
        r = next(r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_SZ and ws.cell(r, 8).value == "1.1.1")
        _put_rows(ws, [_table_rows(ws, r, r)[0]], LAST + 1)

    code, got, _, book = _collect(issued, tmp_path, "甲", twice, recalc=True)
    assert code == 1 and got[ENT_SZ]["专家甲"] == 90
    status = _shown(book)[ENT_SZ]["状态"]
    assert status == "有指标重复（本项目8行，应为7行），请删去多余的行", status
    assert "“小计”表中本项目的专家总分为95" in got[ENT_SZ]["问题"]


def test_a_row_whose_keys_no_longer_match_the_round_leaves_that_project_uncounted(issued, tmp_path):
    """甲 retyped 团队01's 指标编号 1.1.1 as “1.1.9”, the 项目名称 of 企业01's first row and the 项目编号 of 企业02's
    last row (“企业2”, which no project has): each row is named with its cell and 甲's scores of that project are
    not counted (never guessed); his other projects count."""
    def retyped(ws):
        for r in range(FIRST, LAST + 1):
            if ws.cell(r, 2).value == TEAM_AS and ws.cell(r, 8).value == "1.1.1":
                ws.cell(r, 8).value = "1.1.9"
        first = next(r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_LPS)
        ws.cell(first, 2).value = "别的企业"
        last = max(r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_TR)
        ws.cell(last, 1).value = "企业2"          # a 项目编号 no project has; the name still says which one

    code, got, _, _ = _collect(issued, tmp_path, "甲", retyped)
    assert code == 1
    team, lps = got[TEAM_AS], got[ENT_LPS]
    assert team["专家甲"] == "未计入" and "指标编号为“1.1.9”，不是本项目的指标" in team["问题"]
    assert lps["专家甲"] == "未计入" and "项目名称应为“" in lps["问题"] and "现为“别的企业”" in lps["问题"]
    tr = got[ENT_TR]
    assert tr["专家甲"] == "未计入" and "项目编号应为“企业02”，现为“企业2”" in tr["问题"] and "评分表!A" in tr["问题"]
    assert got[BASE_ZY]["专家甲"] == 120


def test_a_changed_full_mark_in_a_sorted_book_is_still_refused(issued, tmp_path, capsys):
    """满分 is the scale the score is checked against: a changed one is still refused, wherever the row stands."""
    def sorted_and_changed(ws):
        _sort_by_score(ws)
        ws.cell(FIRST, 10).value = 50

    code, _, _, _ = _collect(issued, tmp_path, "丙", sorted_and_changed)
    assert code == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "专家丙" in err and "评分表!J5" in err and "满分被修改" in err


def test_one_deleted_row_is_an_item_not_scored_and_a_remark_row_is_listed(issued, tmp_path, capsys):
    """丙 deleted the row of 企业03's 2.1.1 (Excel's 删除行) and typed a general remark on a row he inserted under the
    table: the round is collected; 企业03 lacks 丙's 2.1.1 — said as a deleted row, not counted, as a blank score —
    and the remark row is listed with what it holds."""
    def edited(ws):
        r = next(r for r in range(FIRST, LAST + 1) if ws.cell(r, 2).value == ENT_SZ and ws.cell(r, 8).value == "2.1.1")
        ws.delete_rows(r)
        ws.cell(LAST + 2, 14).value = "整体材料较规范"

    capsys.readouterr()
    code, got, notes, _ = _collect(issued, tmp_path, "丙", edited)
    assert code == 1
    sz = got[ENT_SZ]
    assert (sz["专家丙"], sz["专家人数"]) == ("未计入", 2)
    assert "专家丙：指标2.1.1的行已从评分表中删除（按未评分处理），该专家对本项目的评分未计入" in sz["问题"]
    assert got[ENT_TR]["专家丙"] == 50      # the rows below moved up one: still found
    said = "评分表!A94 这一行（备注“整体材料较规范”）没有本轮项目的项目编号或项目名称"
    assert said in capsys.readouterr().out and any(said in n for n in notes)


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_sorted_book_saved_by_libreoffice_as_xls_or_ods_is_collected(issued, tmp_path, fmt):
    """乙 sorted his table by score and LibreOffice saved it as .xls/.ods (the table's name lost, its header row
    looked for): the same figures."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    shutil.copytree(issued[0].parent / "汇总", tmp_path / "汇总")
    book = d / "专家评分表-乙.xlsx"
    wb = load_workbook(book)
    _sort_by_score(wb["评分表"])
    wb.save(book)
    convert(book, fmt, d)
    book.unlink()
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    _same_as_issued(results(out), issued, "乙")


def _typed_on_rows_of(project: str, cells: dict):
    """An edit of an expert's 评分表: on every row of ``project``, column → what he typed (None: he emptied it)."""
    def edit(ws):
        for r in range(FIRST, LAST + 1):
            if ws.cell(r, 2).value == project:
                for column, value in cells.items():
                    ws.cell(r, column).value = value
    return edit


def test_a_recusal_the_expert_typed_himself_is_named_and_not_counted(issued, tmp_path):
    """丙 typed “回避” into the 回避 column of 企业03's rows (he knows the company): the round's plan does not say so,
    and whether he scored it is his to say — named with the cell (回避应为空), his 企业03 scores not counted."""
    recused = _typed_on_rows_of(ENT_SZ, {6: "回避"})
    code, got, _, _ = _collect(issued, tmp_path, "丙", recused)
    assert code == 1
    assert got[ENT_SZ]["专家丙"] == "未计入" and "回避应为空，现为“回避”" in got[ENT_SZ]["问题"]


def test_a_recusal_the_expert_typed_on_every_row_of_a_project_is_said_once(issued, tmp_path):
    """The same, said in the result: one “回避应为空” per row (7 for 企业03, 21 for a park — 900 characters in one
    问题 cell) with a closing “请专家在评分表上改正” that reads as “undo the recusal”. It is now said once for the
    project, with its first cell and how many rows, and what to do either way."""
    recused = _typed_on_rows_of(ENT_SZ, {6: "回避"})
    _code, got, _, _ = _collect(issued, tmp_path, "丙", recused)
    said = got[ENT_SZ]["问题"]
    assert said.count("回避应为空") == 1 and "等7行 回避应为空，现为“回避”" in said, said
    assert "确需回避的，本项目按其他专家的评分计算" in said and "不需回避的，请专家删去“回避”并评分后交回" in said, said


def test_a_recusal_the_expert_typed_into_his_score_cells_is_said_once_as_a_recusal(issued, tmp_path):
    """丙 knows 企业03 and typed “回避” into the yellow 专家评分 cells of its rows (the cells he was told to fill; the
    回避 column is grey and locked-looking). The result listed every cell as “回避”不是数字（请填写数字，如 8 或 8.5）—
    asking him to score a company he recused from. It is a recusal the plan does not make, said once as the one typed
    into the 回避 column is: first cell, how many rows, what to do either way; nothing scored, his recusal stands."""
    recused = _typed_on_rows_of(ENT_SZ, {13: "回避"})
    code, got, _, _ = _collect(issued, tmp_path, "丙", recused)
    said = got[ENT_SZ]["问题"]
    # nothing scored: a recusal he declares, which stands (test_review_recusal), said with the score cell
    assert got[ENT_SZ]["专家丙"] == "回避", got[ENT_SZ]
    assert "不是数字" not in said and "自行填写了回避（评分表!M" in said and "等7行" in said, said
    # what to do is said either way; no closing “请专家在评分表上改正”, which reads as “undo the recusal”
    assert "请专家在评分表上改正" not in said, said
    assert "本项目按其他专家的评分计算" in said and "请专家删去“回避”并评分后交回" in said, said


def test_a_recusal_the_expert_wrote_in_his_remarks_with_no_scores_is_said_as_a_recusal(issued, tmp_path):
    """丙 left 企业03's scores blank and wrote “回避” in the 备注 of its rows: the result said only “专家丙未对本项目评分”,
    as if he had forgotten it. It is the recusal he typed, said as the one typed into the 回避 column."""
    recused = _typed_on_rows_of(ENT_SZ, {13: None, 14: "本人回避"})
    code, got, _, _ = _collect(issued, tmp_path, "丙", recused)
    said = got[ENT_SZ]["问题"]
    assert got[ENT_SZ]["专家丙"] == "回避", got[ENT_SZ]
    assert "自行填写了回避（评分表!N" in said and "等7行" in said and "未对本项目评分" not in said, said


@pytest.mark.parametrize("remark", ["不存在需要回避的情形", "无回避情形", "不需回避", "未发现应回避的情况", "是否回避：否"])
def test_a_remark_that_says_no_recusal_is_not_taken_for_one(issued, tmp_path, remark):
    """丙 left 企业03's scores blank and wrote “不存在需要回避的情形” in the 备注 of its rows (the declaration many
    review forms ask for): the result said he recused himself (“专家丙 回避”, the project scored by the others, the
    result complete) — the opposite of what he wrote. A negated 回避 is no recusal: his 企业03 is unscored, said so."""
    unscored = _typed_on_rows_of(ENT_SZ, {13: None, 14: remark})
    code, got, _, _ = _collect(issued, tmp_path, "丙", unscored)
    said = got[ENT_SZ]["问题"]
    assert code == 1
    assert got[ENT_SZ]["专家丙"] == "未计入" and "未对本项目评分" in said and "自行填写了回避" not in said, said


@pytest.mark.parametrize("remark", ["需回避", "本人回避，不参与评分"])
def test_a_remark_that_says_recusal_is_still_one(issued, tmp_path, remark):
    recused = _typed_on_rows_of(ENT_SZ, {13: None, 14: remark})
    _code, got, _, _ = _collect(issued, tmp_path, "丙", recused)
    assert got[ENT_SZ]["专家丙"] == "回避", got[ENT_SZ]
