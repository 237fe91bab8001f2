"""A city's own withdrawal marks in its hand-typed 附件4 — 序号 “撤回”, “某公司（已撤回）”, 市州评分 “已撤回”, a 问题 or
业绩 cell saying so, 企业名称 struck through — read by ``shibai refresh`` (taking the table over, and at every later
refresh) as merge reads them (``withdrawn_where``): the row 已撤回 by hand, not in the city's 统计, merged as
withdrawn; the mark taken away, the row is a project again (QA, qa55x)."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, application, example, province_rows, stats, table_rows

BASE = example("base")["sb_name"]   # 遵义市's base: its application in the folder


def _typed(path: Path, column: int | str | None, typed: str | None, name: str = "遵义乙电商有限公司",
           kind: str = "企业") -> Path:
    """遵义市's 附件4 typed by hand (a 问题 column of the clerk's own), 遵义乙's row marked withdrawn in ``column`` (its
    index, or "strike": its 企业名称 struck through; "strike-text": its text struck while the cell was edited, a
    rich-text run)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append([*PRINTED, "问题"])
    ws.append([1, "遵义市", "红花岗区", "遵义甲电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 1200, 800, 85])
    row = [2, "遵义市", "汇川区", name, "地址", kind, "民企", "业绩", "李四", "0851-2", 900, 300, 80, None]
    if isinstance(column, int):
        row[column] = typed
    ws.append(row)
    if column == "strike":
        ws["D4"].font = Font(strike=True)
    elif column == "strike-text":
        ws["D4"] = CellRichText(TextBlock(InlineFont(strike=True), name))
    wb.save(path)
    return path


def _refresh(city: Path, apps: Path, capsys) -> str:
    assert main(["refresh", str(city), "--from", str(apps)]) == 0
    return capsys.readouterr().out


MARKS = [(0, "撤回"), (3, "遵义乙电商有限公司（已撤回）"), (12, "已撤回"), (13, "已撤回"), (7, "已撤回"), ("strike", None),
         ("strike-text", None)]
MARK_IDS = ["serial", "after-the-name", "city-score", "problem-column", "record", "struck-through", "text-struck-through"]


@pytest.mark.parametrize("column, typed", MARKS, ids=MARK_IDS)
def test_refresh_reads_a_typed_withdrawal_as_merge_does(tmp_path, capsys, column, typed):
    """遵义市 first ran ``shibai refresh`` on its hand-typed 附件4: the row it marked withdrawn was taken over as a
    project, counted in its 统计 (未检查 2 for 1), and — the tool's 状态 deciding in a tool-made table — in the
    province's total too, while merging the same file untouched leaves it out. It is now 已撤回 by hand, saying where
    and how to take it back, at this refresh and the next, left out of 统计, and merged as withdrawn."""
    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = _typed(tmp_path / "遵义市汇总表.xlsx", column, typed)
    where = "删除线" if str(column).startswith("strike") else f"写明“{typed}”"
    said = []
    for _ in range(2):   # taking it over, then a later refresh of the tool's table
        said.append(_refresh(city, apps, capsys))
        rows = {n: r for n, r in table_rows(city).items() if n.startswith("遵义乙")}
        (row,) = rows.values()
        assert row["状态"] == "已撤回", row
        assert row["问题"].startswith("已撤回（汇总表中手工标注") and where in row["问题"] and "要恢复" in row["问题"], row
        assert stats(city) == {"达标": 1, "未检查": 1}, stats(city)
    assert "遵义乙" in said[0] and where in said[0] and "不计入统计" in said[0], said[0]
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    merged = {r["企业名称"]: r["状态"] for r in province_rows(province)}
    assert sorted(n for n, s in merged.items() if s == "有效") == sorted([BASE, "遵义甲电商有限公司"]), merged
    assert [s for n, s in merged.items() if n.startswith("遵义乙")] == ["已撤回"], merged


def _row_of_yi(city):
    """The city's summary as saved (workbook, the tool's table's sheet) and the row of 遵义乙 in it."""
    wb = load_workbook(city)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    return wb, ws, next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 4).value or "").startswith("遵义乙"))


@pytest.mark.parametrize("column, typed", MARKS, ids=MARK_IDS)
def test_a_typed_withdrawal_taken_away_brings_the_row_back(tmp_path, capsys, column, typed):
    """The clerk deletes the mark (the cell, the bracket, the strike) as the note tells: the next refresh counts the
    row again as 有效 — it stayed 已撤回 for good."""
    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = _typed(tmp_path / "遵义市汇总表.xlsx", column, typed)
    _refresh(city, apps, capsys)
    wb, ws, r = _row_of_yi(city)
    if str(column).startswith("strike"):   # the text's strike kept as the cell's by the refresh: taken off there
        assert ws.cell(r, 4).font.strike, column
        ws.cell(r, 4).font = Font(strike=False)
    elif column == 3:
        ws.cell(r, 4).value = "遵义乙电商有限公司"
    elif column == 0:
        ws.cell(r, 1).value = 2
    elif column == 12:
        ws.cell(r, 13).value = 80
    elif column == 13:
        ws.cell(r, 14).value = None    # the 问题 cell, holding the tool's note of the mark, and 状态 as it says
        assert ws.cell(2, 21).value == "状态"
        ws.cell(r, 21).value = "有效"
    else:
        ws.cell(r, column + 1).value = "业绩"
    wb.save(city)
    _refresh(city, apps, capsys)
    row = table_rows(city)["遵义乙电商有限公司"]
    assert row["状态"] == "有效" and "已撤回" not in str(row["问题"] or ""), row
    assert stats(city) == {"达标": 1, "未检查": 2}, stats(city)


@pytest.mark.parametrize("column, typed", [(12, "已撤回"), (5, "基地（已撤回）")], ids=["city-score", "after-the-type"])
def test_a_typed_withdrawal_on_the_row_of_an_application_is_read_too(tmp_path, capsys, column, typed):
    """The row the clerk typed for a project whose application is in the folder, its 市州评分 “已撤回”: refresh
    matched it to the application and wrote 状态 有效 over the city's withdrawal — counted by the city and the
    province. “基地（已撤回）” under 项目类型 was made “基地” when the table was taken over: the mark was gone. Both
    stay, the row 已撤回 by hand, at this refresh and the next."""
    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = _typed(tmp_path / "遵义市汇总表.xlsx", column, typed, name=BASE, kind="基地")
    for _ in range(2):
        out = _refresh(city, apps, capsys)
        row = table_rows(city)[BASE]
        assert row["来源文件"] == "基地.xlsx" and row["状态"] == "已撤回" and f"写明“{typed}”" in row["问题"], row
        assert BASE in out, out
        assert stats(city) == {"未检查": 1}, stats(city)


@pytest.mark.parametrize("name", ["遵义撤县设区电商有限公司", "遵义乙电商有限公司（撤回后重新申报）"])
def test_a_name_merely_holding_a_withdrawal_word_is_a_project(tmp_path, capsys, name):
    """A company named after the 撤县设区 of its county, or a bracket saying it applies again after a withdrawal: a
    project, counted by refresh and merge alike."""
    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = _typed(tmp_path / "遵义市汇总表.xlsx", None, None, name=name)
    _refresh(city, apps, capsys)
    assert table_rows(city)[name]["状态"] in ("有效", None)
    assert stats(city) == {"达标": 1, "未检查": 2}, stats(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    assert all(r["状态"] == "有效" for r in province_rows(province))


def test_the_open_workbook_refresh_sees_the_strike_too(tmp_path, capsys):
    """刷新汇总表 in WPS or Excel on the table the file refresh took over: the job works on a copy of the open book's
    values, which had no strike — 遵义乙, crossed out by the city, came back 有效 and counted, while merge of the saved
    file still left it out. The copy carries the strike of the 企业名称 cells as the saved file has it."""
    from shibai_xl.adapters.view import FileBook
    from shibai_xl.jobs import actions as A

    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = _typed(tmp_path / "遵义市汇总表.xlsx", "strike", None)
    _refresh(city, apps, capsys)
    with FileBook(city) as view:     # what the WPS add-in's service reads of a saved workbook
        outcome = A.refresh_summary(view, apps)
    assert "遵义乙电商有限公司（企业名称划了删除线）" in outcome.message, outcome.message
    written = [v for b in outcome.edits.blocks for row in b.values for v in row]
    assert "有效" not in written or written.count("有效") == 1, written   # the base's own row only


def test_a_project_withdrawn_after_its_name_is_the_row_of_its_application(tmp_path, capsys):
    """The clerk wrote “（已撤回）” after the name of a project whose application is still in the folder: the refresh
    no longer took the row for the application's (another name), kept it 已撤回 and added the application as a new row,
    有效 — the project the city withdrew counted all the same, by the city and by the province. The row is the
    application's, 已撤回 by hand; no second row."""
    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = _typed(tmp_path / "遵义市汇总表.xlsx", 3, f"{BASE}（已撤回）", name=BASE, kind="基地")
    for _ in range(2):
        _refresh(city, apps, capsys)
        rows = {n: r for n, r in table_rows(city).items() if n.startswith(BASE)}
        assert [(r["状态"], r["来源文件"]) for r in rows.values()] == [("已撤回", "基地.xlsx")], rows
        assert stats(city) == {"未检查": 1}, stats(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    assert {r["企业名称"]: r["状态"] for r in province_rows(province)} == {
        "遵义甲电商有限公司": "有效", f"{BASE}（已撤回）": "已撤回"}


def test_a_withdrawal_typed_in_the_tools_problem_column_is_not_said_as_typed_over(tmp_path, capsys):
    """In the tool's own table the clerk typed “已撤回” in the 问题 of a project: the refresh kept the row 已撤回 by hand
    and said so — and in the same breath that the 问题 typed by hand was written over and is never kept (请改申报表):
    two answers to one keystroke. Only the withdrawal is said."""
    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = tmp_path / "遵义市汇总表.xlsx"
    _refresh(city, apps, capsys)
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    problem = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "问题")
    ws.cell(4, problem).value = "已撤回"
    wb.save(city)
    out = _refresh(city, apps, capsys)
    assert table_rows(city)[BASE]["状态"] == "已撤回"
    assert "“问题”写明“已撤回”" in out and "被手工改过" not in out, out


def test_the_open_workbook_refresh_sees_a_name_struck_while_edited(tmp_path, capsys):
    """In WPS the clerk double-clicked 遵义乙's name in the tool's table, selected it, struck it through and saved: the
    strike is on the text's run. 刷新汇总表 on the open book read no strike and kept 遵义乙 有效; the copy now carries it
    as the saved file has it, as a file refresh and merge read it."""
    from shibai_xl.adapters.view import FileBook
    from shibai_xl.jobs import actions as A

    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = _typed(tmp_path / "遵义市汇总表.xlsx", None, None)
    _refresh(city, apps, capsys)
    wb, ws, r = _row_of_yi(city)
    ws.cell(r, 4).value = CellRichText(TextBlock(InlineFont(strike=True), "遵义乙电商有限公司"))
    wb.save(city)
    with FileBook(city) as view:
        outcome = A.refresh_summary(view, apps)
    assert "遵义乙电商有限公司（企业名称划了删除线）" in outcome.message, outcome.message


def test_refresh_points_out_a_name_struck_through_in_part(tmp_path, capsys):
    """遵义市 crossed out 遵义乙's former name beside its new one (a strike over part of the text) in its hand-typed
    附件4: the refresh counted it (as documented: no withdrawal) and never said so. Its notes name the row, once."""
    from shibai_xl.engine.row_marks import PART_STRUCK_NOTE

    apps = tmp_path / "申报表"
    application(apps, "base", "基地.xlsx")
    city = _typed(tmp_path / "遵义市汇总表.xlsx", None, None, name="遵义乙电商有限公司（原名遵义丙商贸）")
    wb = load_workbook(city)
    runs = ("遵义乙电商有限公司", "（", "原名遵义丙商贸", "）")
    wb.active["D4"] = CellRichText(*[TextBlock(InlineFont(strike=t == runs[2]), t) for t in runs])
    wb.save(city)
    said = _refresh(city, apps, capsys)
    assert said.count(PART_STRUCK_NOTE) == 1 and "遵义乙电商有限公司(原名遵义丙商贸)（第4行）" in said, said
    rows = {n: r for n, r in table_rows(city).items() if n.startswith("遵义乙")}
    assert [r["状态"] for r in rows.values()] != ["已撤回"], rows
