"""Expert workbooks as experts really return them: re-saved by WPS/LibreOffice in another format after changing
what an expert feels free to change (the sheet's name). Real round (``review make`` from a real summary), scores
typed with openpyxl, the file converted by LibreOffice headless, the real ``review collect``.
"""
from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import open_workbook, read_table
from shibai_xl.errors import WrongKind
from shibai_xl.jobs import review

from .test_review import NOW, results, scored_round, sheet_values, type_scores
from .zip_parts import rewrite


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    base = tmp_path_factory.mktemp("returned")
    rdir = scored_round(base)
    out = base / "评审结果.xlsx"
    review.collect(rdir, out, now=NOW)
    return rdir, out


def _returned(issued, tmp_path, expert, edit, fmt=None, saved=None):
    """The issued round copied, ``expert``'s workbook changed by ``edit(workbook)`` as the expert did (its file then
    changed by ``saved(path)``, and saved as ``fmt`` by LibreOffice), collected: the results by project."""
    rdir, _ = issued
    d = tmp_path / "第一轮"
    shutil.copytree(rdir, d)
    book = d / f"专家评分表-{expert}.xlsx"
    wb = load_workbook(book)
    edit(wb)
    wb.save(book)
    if saved:
        saved(book)
    if fmt:
        from tests.libreoffice import convert

        convert(book, fmt, d)
        book.unlink()
    out = tmp_path / "评审结果.xlsx"
    review.collect(d, out, now=NOW)
    return results(out)


def _collected_by_cli(issued, tmp_path, expert, edit, capsys):
    """The issued round copied, ``expert``'s workbook changed by ``edit(workbook)``, collected by ``shibai review
    collect``: (exit code, what it printed on one line, the result's path)."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    book = d / f"专家评分表-{expert}.xlsx"
    wb = load_workbook(book)
    edit(wb)
    wb.save(book)
    out = tmp_path / "评审结果.xlsx"
    code = main(["review", "collect", str(d), "--out", str(out)])
    return code, capsys.readouterr().out.replace("\n", ""), out


def _as_issued(got, issued, expert, *more):
    """Every project's figures as collected from the untouched round."""
    want = results(issued[1])
    assert list(got) == list(want)
    for name in want:
        for col in ("专家人数", f"专家{expert}", "平均分", "去极值平均分", "排名", *more):
            assert got[name][col] == want[name][col], (name, col)


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_renamed_score_sheet_saved_as_xls_or_ods_is_collected(issued, tmp_path, fmt):
    """乙 renamed the sheet 评分表 to 乙的评分 and saved as .xls (WPS's 97-2003 format): the table's name does not
    survive in .xls, the header was looked for on a sheet called 评分表 only, and the whole collection stopped
    saying the file “不是专家评分表” — though it is, and the same file as .xlsx or .ods is collected."""
    from tests.libreoffice import need_soffice

    need_soffice()

    def rename(wb):
        wb["评分表"].title = "乙的评分"

    got = _returned(issued, tmp_path, "乙", rename, fmt)
    _as_issued(got, issued, "乙")
    assert any("乙的评分!M26" in r["问题"] for r in got.values() if r["问题"])   # the cell named where it is


def test_an_error_value_in_a_score_cell_is_named_not_called_blank(issued, tmp_path):
    """丙's 1.1.1 of 园区01 shows #N/A (a score pasted from a lookup that failed): calamine reads an error value as
    blank, so the result said “指标1.1.1未评分” — the expert, looking at a filled cell, is asked to fill it. The
    error is now quoted as what is in the cell; the score is still not counted."""
    def pasted(wb):
        wb["评分表"]["M5"].value = "#N/A"          # openpyxl writes it as an error cell (t="e"), as Excel saves one
        assert wb["评分表"]["M5"].data_type == "e"

    got = _returned(issued, tmp_path, "丙", pasted)
    said = got["贵阳黔货出山电子商务产业园"]["问题"]
    assert "指标1.1.1评分“#N/A”不是数字" in said and "评分表!M5" in said
    assert "1.1.1未评分" not in said and "专家丙：" in said and got["贵阳黔货出山电子商务产业园"]["专家丙"] == "未计入"


def test_a_formula_saved_without_its_value_is_named_not_called_blank(issued, tmp_path):
    """丙's 1.1.1 of 园区01 is “=2+3”, saved by a program that computes nothing (an online editor, a script): no value
    was saved, calamine reads it as blank and the result said “指标1.1.1未评分” of a cell he filled. The formula is
    now quoted with what to do; the score is still not counted (the 小计 formulas have no value to count either)."""
    def formula(wb):
        wb["评分表"]["M5"].value = "=2+3"

    got = _returned(issued, tmp_path, "丙", formula)
    said = got["贵阳黔货出山电子商务产业园"]["问题"]
    assert "指标1.1.1评分“=2+3”是公式，没有保存计算结果" in said and "评分表!M5" in said, said
    assert "1.1.1未评分" not in said and got["贵阳黔货出山电子商务产业园"]["专家丙"] == "未计入"


def test_text_that_looks_like_a_formula_is_said_to_be_text_not_an_unsaved_formula(issued, tmp_path):
    """丙 typed “=5+5” into a score cell formatted as text (or with a leading '): Excel keeps it as text and shows
    “=5+5”. The result said “是公式，没有保存计算结果（请在 Excel/WPS 中打开评分表保存后交回…）” — advice that changes
    nothing. It is now said to be text that looks like a formula; the score is still not counted."""
    def text(wb):
        wb["评分表"]["M5"].value = "=5+5"
        wb["评分表"]["M5"].data_type = "s"

    got = _returned(issued, tmp_path, "丙", text)
    said = got["贵阳黔货出山电子商务产业园"]["问题"]
    assert "指标1.1.1评分“=5+5”是文字，看起来像公式但不会计算" in said and "评分表!M5" in said, said
    assert "没有保存计算结果" not in said and got["贵阳黔货出山电子商务产业园"]["专家丙"] == "未计入"


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _linked_to_another_book(cell: str, value: str, target: str):
    """The file as Excel saves a score cell holding ``=[1]评分表!<cell>`` — a formula reading the same cell of another
    workbook (``target``, a draft the expert scored in) — with the value it showed when saved."""
    import re

    parts = {
        "xl/externalLinks/externalLink1.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml'
            f'/2006/main" xmlns:r="{_REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="评分表"/></sheetNames>'
            f'<sheetDataSet><sheetData sheetId="0"><row r="{cell[1:]}"><cell r="{cell}"><v>{value}</v></cell></row>'
            '</sheetData></sheetDataSet></externalBook></externalLink>'),
        "xl/externalLinks/_rels/externalLink1.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_REL}/externalLinkPath" Target="{target}" '
            'TargetMode="External"/></Relationships>')}

    def edit(name, data):
        if name == "xl/worksheets/sheet1.xml":
            data = re.sub(rb'(<c r="' + cell.encode() + rb'"[^>]*>)<f>(.*?)</f><v\s*/?>(</v>)?',
                          lambda m: m[1] + b"<f>" + m[2] + b"</f><v>" + value.encode() + b"</v>", data)
        elif name == "[Content_Types].xml":
            data = data.replace(b"</Types>", b'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType='
                                b'"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>')
        elif name == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", f'<Relationship Id="rIdX1" Type="{_REL}/externalLink" '
                                f'Target="externalLinks/externalLink1.xml"/></Relationships>'.encode())
        elif name == "xl/workbook.xml":
            data = data.replace(b"</sheets>", f'</sheets><externalReferences><externalReference xmlns:r="{_REL}" '
                                f'r:id="rIdX1"/></externalReferences>'.encode(), 1)
        return data

    def saved(book):
        rewrite(book, book, edit, extra=parts)
    return saved


def test_a_score_reading_another_workbook_is_counted_as_saved_and_said(issued, tmp_path):
    """丙 scored 园区01 in a draft workbook and made his 1.1.1 “=[1]评分表!M5”, a link to it: its saved value was
    counted like a typed score and nothing said — a value Excel replaces from the draft (or cannot find) when the
    book is next opened. It is still counted as saved, and the result names the cell and the workbook it reads."""
    def linked(wb):
        wb["评分表"]["M5"].value = "=[1]评分表!M5"

    got = _returned(issued, tmp_path, "丙", linked, saved=_linked_to_another_book("M5", "5", "file:///D:/评审/草稿.xlsx"))
    _as_issued(got, issued, "丙")
    said = got["贵阳黔货出山电子商务产业园"]["问题"]
    assert "专家丙：指标1.1.1的评分是引用其他工作簿的公式（评分表!M5" in said and "草稿.xlsx" in said, said
    assert "按评分表中保存的值计入" in said and "请与专家核实" in said


def test_scores_copied_into_a_new_workbook_are_said_to_have_lost_the_round_not_taken_for_a_stranger_file(
        issued, tmp_path, capsys):
    """丙 copied the whole 评分表 sheet into a new workbook of his own and returned it as 张三评分.xlsx: the hidden
    round information stayed behind, so the file cannot be told to be 丙's. The collection said only “已忽略（不是本轮
    专家评分表）：张三评分.xlsx” next to “丙未提交” — the clerk holding 丙's filled file is not told why it does not
    count. It is now listed as a score sheet that cannot be read, saying what happened and what to do, and the
    result stays incomplete (exit 1)."""
    from openpyxl import Workbook

    from shibai_xl.faces.cli import main

    rdir, _ = issued
    d = tmp_path / "第一轮"
    shutil.copytree(rdir, d)
    src = d / "专家评分表-丙.xlsx"
    ws = load_workbook(src)["评分表"]
    new = Workbook()
    copy = new.active
    copy.title = "评分表"
    for row in ws.iter_rows():
        for c in row:
            copy.cell(c.row, c.column).value = c.value
    new.save(d / "张三评分.xlsx")
    src.unlink()
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    said = capsys.readouterr()
    text = said.out + said.err
    assert "张三评分.xlsx" in text
    assert "已忽略（不是本轮专家评分表）：张三评分.xlsx" not in text
    assert "无法读取的文件" in text and "缺少本工具记录的评审信息" in text and "原始评分表" in text
    got = results(out)
    assert all(r["专家丙"] in (None, "", "未提交", "无法读取") for r in got.values())


def _team_with_bings_2_4_1(issued, tmp_path, typed):
    """The result row of 团队01 once 丙 has scored it with ``typed`` in 2.4.1 (his other items of it 0 / 0 / 0.5)."""
    rdir, _ = issued
    d = tmp_path / "第一轮"
    shutil.copytree(rdir, d)
    type_scores(d / "专家评分表-丙.xlsx", {"安顺黔味直播团队（安顺黔味文化传媒有限公司）": {
        "1.1.1": 0, "2.1.2": 0, "2.2.1": 0.5, "2.4.1": typed}})
    out = tmp_path / "评审结果.xlsx"
    review.collect(d, out, now=NOW)
    return results(out)["安顺黔味直播团队（安顺黔味文化传媒有限公司）"]


def test_a_negative_score_typed_as_text_is_called_negative_not_not_a_number(issued, tmp_path):
    """丙 typed −1 into a text-formatted cell (团队01 2.4.1): the cell holds the text "-1", and the result told him
    “评分“-1”不是数字（请填写数字，如 8 或 8.5）” — he did type a number. The same −1 in a number cell is said to be
    negative; the text is now said the same way. Either way the score is not counted, as the 小计 formulas agree."""
    team = _team_with_bings_2_4_1(issued, tmp_path, "-1")
    assert team["专家丙"] == "未计入" and team["专家人数"] == 2
    assert "指标2.4.1评分“-1”不能为负数" in team["问题"] and "不是数字" not in team["问题"]


def test_a_score_pasted_with_a_no_break_space_is_said_to_hold_one(issued, tmp_path):
    """丙 pasted “8\u00a0” (a no-break space, from a web page or Word) into 团队01 2.4.1: no score on either side (the
    小计 formulas agree), but the result said “评分“8 ”不是数字（请填写数字，如 8 或 8.5）” — to him it is a number.
    It now says the cell holds a special space to delete."""
    team = _team_with_bings_2_4_1(issued, tmp_path, "8\u00a0")
    assert team["专家丙"] == "未计入" and "不是数字" not in team["问题"]
    assert "含有看不见的特殊空格" in team["问题"] and "请删去后重新填写" in team["问题"], team["问题"]


def test_a_blank_row_an_expert_inserted_between_projects_does_not_stop_the_collection(issued, tmp_path):
    """丙 inserted an empty row between two projects to see them apart (Excel moves the rows below and their 小计
    formulas with them). The collection stopped for the whole round, saying row 20 “现为空行（行或项目被删除）”
    — nothing was deleted. An empty row is now passed over: every score still follows its project, the figures
    are those of the same sheet without the empty row."""
    got = _returned(issued, tmp_path, "丙", lambda wb: wb["评分表"].insert_rows(26))   # after 园区01's last item
    _as_issued(got, issued, "丙")
    # 丙's 15 for 园区02's 1.2.2 is named where it now is: one row further down (M30 → M31)
    assert "指标1.2.2评分15超出0～10分（评分表!M31）" in got["毕节智慧电商产业园"]["问题"]


def test_a_comment_column_an_expert_inserted_in_the_score_table_does_not_stop_the_collection(issued, tmp_path):
    """丙 inserted a column 评语 between 专家评分 and 备注 and wrote his remarks in it. The collection stopped for the
    whole round (“表头应为“备注”，现为“评语”（列被插入、删除或移动）”), though every column it reads is still
    there under its own header. Columns are now found by their headers: the same figures as without the column."""
    _as_issued(_returned(issued, tmp_path, "丙", _comment_column), issued, "丙", "问题")


def _comment_column(wb):
    ws = wb["评分表"]
    ws.insert_cols(14)                    # N: 备注 and what follows move one column right
    ws["N4"], ws["N10"] = "评语", "材料不全，建议核实"


def test_a_comment_column_in_a_score_sheet_saved_as_xls_is_collected(issued, tmp_path):
    """The same 评语 column, and the workbook then saved as .xls (the table's name does not survive there, so its
    header row is looked for): the header was recognised only with its columns side by side, and the whole
    collection stopped with “专家评分表-丙.xls”不是专家评分表. Same figures as without the column."""
    from tests.libreoffice import need_soffice

    need_soffice()
    _as_issued(_returned(issued, tmp_path, "丙", _comment_column, "xls"), issued, "丙")


def test_the_rows_of_a_project_an_expert_recused_from_may_be_deleted(issued, tmp_path):
    """甲 (贵阳市) must recuse himself from 园区01 and deleted its grey rows, which are not his to score. The
    collection stopped for the whole round: “评分表!A5 应为项目 园区01 … 现为“园区02”（项目被删除、增加，或行的顺序
    被调整）”. Those rows' scores are never counted; their absence now changes nothing: the same figures, 甲 still
    shown as 回避 on 园区01."""
    def delete_recused(wb):
        ws = wb["评分表"]
        grey = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 6).value == "回避"]
        assert grey == list(range(5, 26))          # 园区01's 21 items
        ws.delete_rows(5, len(grey))

    got = _returned(issued, tmp_path, "甲", delete_recused)
    _as_issued(got, issued, "甲")
    assert got["贵阳黔货出山电子商务产业园"]["专家甲"] == "回避"


def test_a_score_sheet_saved_as_xls_and_back_as_xlsx_is_collected(issued, tmp_path):
    """丙's WPS saved his workbook as .xls (97-2003), and whoever received it opened that and saved it again as .xlsx,
    renaming it “丙-评分表-修改版.xlsx”: the .xls step dropped the table's name, and an .xlsx was only ever read by its
    table, so the whole collection stopped with “不是专家评分表（没有 sb_expert_scores 表格）” — although its hidden round
    information is intact. Its header row is now looked for as in the .xls itself: the same figures."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    rdir, _ = issued
    d = tmp_path / "第一轮"
    shutil.copytree(rdir, d)
    book = d / "专家评分表-丙.xlsx"
    xls = convert(book, "xls", tmp_path / "xls")
    back = convert(xls, "xlsx", tmp_path / "back")
    book.unlink()
    shutil.move(back, d / "丙-评分表-修改版.xlsx")
    out = tmp_path / "评审结果.xlsx"
    review.collect(d, out, now=NOW)
    _as_issued(results(out), issued, "丙", "问题")


def _signed(wb):
    ws = wb["评分表"]
    ws["B93"], ws["M93"] = "合计", "=SUM(M5:M92)"            # his own column total, right below the table
    ws["A95"], ws["I95"] = "专家签名：丙", "日期：2024年5月20日"   # and his signature, as on a paper score sheet


def test_a_total_row_and_a_signature_below_the_score_table_do_not_stop_the_collection(issued, tmp_path):
    """丙 added a 合计 row under his scores and signed below it (“专家签名：丙”, the date), as on a paper score sheet. The
    collection stopped for the whole round — every expert's scores — with “评分表!A93 多出一行内容“合计”（增加了项目或
    行）”: neither row names a project or an item, so neither holds a score. They are now passed over (a row adding a
    project is still refused): the same figures as without them."""
    _as_issued(_returned(issued, tmp_path, "丙", _signed), issued, "丙", "问题")


def test_a_subtotal_row_an_expert_inserted_after_a_project_does_not_stop_the_collection(issued, tmp_path):
    """丙 inserted a row after 园区01's last item and summed its scores there (“小计”, =SUM), to see each project's total
    where he scores it: an empty inserted row was passed over, but this one stopped the whole round (“现为“小计”（项目被
    删除、增加，或行的顺序被调整）”). It names no project and no item, so it holds no score: the same figures."""
    def subtotal(wb):
        ws = wb["评分表"]
        ws.insert_rows(26)                             # after 园区01's 21 items (rows 5–25)
        ws["B26"], ws["M26"] = "小计", "=SUM(M5:M25)"

    got = _returned(issued, tmp_path, "丙", subtotal)
    _as_issued(got, issued, "丙")
    assert "指标1.2.2评分15超出0～10分（评分表!M31）" in got["毕节智慧电商产业园"]["问题"]


def _scores_in_remarks(wb):
    """丙 typed 企业02's scores into the 备注 column next to the yellow 专家评分 one, left blank."""
    ws = wb["评分表"]
    rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "企业02"]
    for r in rows:
        ws.cell(r, 14).value, ws.cell(r, 13).value = ws.cell(r, 13).value, None
    ws.cell(rows[2], 14).value = "材料齐全"     # one remark that is no score


def test_scores_typed_in_the_remarks_column_are_pointed_to_not_only_called_blank(issued, tmp_path):
    """丙 typed 企业02's scores one column too far right, into 备注. The result said only “专家丙未对本项目评分”: the
    clerk phoning him is told he scored nothing, while his sheet is full of numbers. The numbers in 备注 are now named
    with their cells (still not counted: which column the expert meant is his to say)."""
    got = _returned(issued, tmp_path, "丙", _scores_in_remarks)
    said = got["铜仁梵净山珍电子商务有限公司"]["问题"]
    assert got["铜仁梵净山珍电子商务有限公司"]["专家丙"] == "未计入" and got["铜仁梵净山珍电子商务有限公司"]["专家人数"] == 2
    assert "专家丙未对本项目评分" in said and "“备注”列中指标1.1.1" in said and "评分表!N71" in said, said
    assert "“专家评分”列" in said and "材料齐全" not in said


def test_the_remarks_experts_write_are_carried_into_the_result_as_text(issued, tmp_path):
    """丙 wrote in 备注 why he docked points (“材料不全，建议核实”) and a remark that looks like a formula, typed as text.
    The result had no trace of any 备注: what the experts wrote for the panel was silently dropped. Every remark is now
    listed on the result's “专家备注” sheet (table sb_review_remarks) with project, item, expert and cell — as text,
    never a formula."""
    def remarks(wb):
        ws = wb["评分表"]
        ws["N5"] = "材料不全，建议核实"                  # 园区01 1.1.1
        ws["N64"] = "=HYPERLINK(\"http://x\",\"8\")"   # 企业01 1.1.1, typed after an apostrophe
        ws["N64"].data_type = "s"

    _returned(issued, tmp_path, "丙", remarks)
    out = tmp_path / "评审结果.xlsx"
    wb = open_workbook(out)
    try:
        _, rows, _ = read_table(wb, "sb_review_remarks")
    finally:
        wb.close()
    got = {(r["项目编号"], r["指标编号"], r["专家"]): r for r in rows}
    assert got[("园区01", "1.1.1", "丙")]["备注"] == "材料不全，建议核实"
    assert got[("园区01", "1.1.1", "丙")]["项目名称"] == "贵阳黔货出山电子商务产业园"
    assert got[("园区01", "1.1.1", "丙")]["单元格"] == "评分表!N5"
    assert got[("企业01", "1.1.1", "丙")]["备注"] == "=HYPERLINK(\"http://x\",\"8\")"
    ws = load_workbook(out)["专家备注"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_remarks_in_a_column_an_expert_inserted_are_carried_into_the_result(issued, tmp_path):
    """丙 inserted a column 评语 (collected since, README) and wrote “材料不全，建议核实” in it for 园区01 1.2.3: the
    collection went on, but the remark was dropped. It is now on the “专家备注” sheet too, under its header."""
    _returned(issued, tmp_path, "丙", _comment_column)
    wb = open_workbook(tmp_path / "评审结果.xlsx")
    try:
        _, rows, _ = read_table(wb, "sb_review_remarks")
    finally:
        wb.close()
    assert [(r["项目编号"], r["指标编号"], r["专家"], r["备注"], r["单元格"]) for r in rows] == [
        ("园区01", "1.2.3", "丙", "评语：材料不全，建议核实", "评分表!N10")]


def test_a_remarks_header_typed_in_the_blank_column_after_the_table_takes_no_helper_column_for_remarks(issued, tmp_path):
    """丙 headed the blank column after 备注 “意见” and wrote in it; LibreOffice saved the book, computing the hidden
    columns of the 小计 formulas right of it. Those are the tool's, not remarks: only his own text is listed."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    book = d / "专家评分表-丙.xlsx"
    wb = load_workbook(book)
    wb["评分表"]["O4"], wb["评分表"]["O6"] = "意见", "带宽证明缺失"
    wb.save(book)
    shutil.move(convert(book, "xlsx", tmp_path / "lo"), book)
    review.collect(d, tmp_path / "评审结果.xlsx", now=NOW)
    wb = open_workbook(tmp_path / "评审结果.xlsx")
    try:
        _, rows, _ = read_table(wb, "sb_review_remarks")
    finally:
        wb.close()
    assert [(r["项目编号"], r["指标编号"], r["专家"], r["备注"], r["单元格"]) for r in rows] == [
        ("园区01", "1.1.2", "丙", "意见：带宽证明缺失", "评分表!O6")]


def _blank_copy(src, dst):
    """``src`` with every 专家评分 cleared: the workbook as issued, never filled."""
    wb = load_workbook(src)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        ws.cell(r, 13).value = None
    wb.save(dst)


def test_an_issued_blank_book_beside_the_one_the_expert_returned_is_set_aside(issued, tmp_path, capsys):
    """The clerk saved 丙's returned book as “张三评分-最终.xlsx” into the round folder, where the blank 专家评分表-丙.xlsx
    issued to him still lies. The whole collection stopped: “专家丙有两份评分表…请只保留一份”. A copy without a single
    score is the issued book, not a second version: it is set aside, named, and 丙's filled book counted."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    shutil.move(d / "专家评分表-丙.xlsx", d / "张三评分-最终.xlsx")
    _blank_copy(d / "张三评分-最终.xlsx", d / "专家评分表-丙.xlsx")
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1     # 1 as issued: 乙 left one score blank
    said = capsys.readouterr().out.replace("\n", "")
    assert "专家评分表-丙.xlsx" in said and "张三评分-最终.xlsx" in said and "没有填写任何评分" in said, said
    _as_issued(results(out), issued, "丙", "问题")


def test_a_returned_book_with_scores_only_in_the_remarks_is_not_taken_for_the_blank_one_issued(issued, tmp_path, capsys):
    """丙 typed every score into 备注 (one column too far right) and returned his book as “丙-已评.xlsx”; the blank
    专家评分表-丙.xlsx issued to him still lies in the folder. His book, with no 专家评分, was set aside as “没有填写任何评分
    （应是发出的空白评分表）” and the blank one collected: every project said “专家丙未对本项目评分” and nothing pointed to the
    scores in his 备注, nor carried his remarks. A copy with nothing typed at all is the blank one; his is collected,
    its scores in 备注 named (still not counted), the blank one set aside."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    book = d / "专家评分表-丙.xlsx"
    wb = load_workbook(book)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        ws.cell(r, 14).value, ws.cell(r, 13).value = ws.cell(r, 13).value, None
    wb.save(d / "丙-已评.xlsx")
    _blank_copy(d / "丙-已评.xlsx", book)
    wb = load_workbook(book)
    for r in range(5, wb["评分表"].max_row + 1):
        wb["评分表"].cell(r, 14).value = None
    wb.save(book)
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    printed = capsys.readouterr().out.replace("\n", "")
    assert "已忽略“专家评分表-丙.xlsx”" in printed and "已按“丙-已评.xlsx”汇总" in printed, printed
    said = results(out)["铜仁梵净山珍电子商务有限公司"]["问题"]
    assert "“备注”列中指标1.1.1" in said and "评分表!N71" in said, said


def test_a_book_returned_without_a_single_score_is_said_to_be_blank(issued, tmp_path, capsys):
    """The clerk put the blank book issued to 丙 in the round folder (丙's filled one still in his mail). The report said
    “已汇总 3 位专家的评分表：甲、乙、丙” and then, project by project, “专家丙未对本项目评分” — 7 lines here, 120 in a real
    round — and the sheets “有专家的评分无效未计入”: the cause, a blank book, was said nowhere. It is now said once, on
    the terminal and at the top of the sheets."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    _blank_copy(d / "专家评分表-丙.xlsx", d / "专家评分表-丙.xlsx")
    out = tmp_path / "评审结果.xlsx"
    capsys.readouterr()
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    said = "专家丙的评分表（专家评分表-丙.xlsx）中一个评分都没有"
    assert said in printed, printed
    wb = load_workbook(out)
    assert said in wb["评审结果"]["A2"].value


def _scores_over_the_suggestions(wb):
    """丙 typed his scores into the 建议分 column (over the tool's suggestions) and left 专家评分 blank."""
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 13).value is not None:
            ws.cell(r, 11).value, ws.cell(r, 13).value = ws.cell(r, 13).value, None


def test_scores_typed_over_the_suggested_scores_are_pointed_to_not_called_a_blank_book(issued, tmp_path, capsys):
    """丙 typed every score into 建议分 (the column beside 满分, over the tool's suggestions), 专家评分 left blank. The
    report said “专家丙的评分表…中一个评分都没有（可能是发出的空白评分表，或专家填写后没有保存）”: the clerk is sent after
    a blank book while the expert's sheet is full of numbers. The tool writes 0, the 满分 or nothing in 建议分 (CONTRACT
    §6), so a 2 of 10 there is the expert's: named with its cell as a score typed in the wrong column (not counted:
    which column he meant is his to say), as for scores typed in 备注."""
    code, printed, out = _collected_by_cli(issued, tmp_path, "丙", _scores_over_the_suggestions, capsys)
    assert code == 1 and "一个评分都没有" not in printed, printed
    got = results(out)
    park = got["贵阳黔货出山电子商务产业园"]      # 丙: 2.3.2 = 2 and 4.1 = 3 of 10, the rest 0 or full marks
    assert park["专家丙"] == "未计入" and park["专家人数"] == 1          # 甲 recused, 乙 counted
    said = park["问题"]
    assert "专家丙未对本项目评分" in said and "“建议分”列中指标2.3.2、4.1填的是分数" in said, said
    assert "评分表!K18" in said and "“专家评分”列" in said, said
    assert "“建议分”列中指标2.2.1" in got["安顺黔味直播团队（安顺黔味文化传媒有限公司）"]["问题"]   # 0.5 of 10


def test_the_same_book_returned_twice_is_counted_once(issued, tmp_path, capsys):
    """丙's book downloaded twice from a chat (“专家评分表-丙(1).xlsx”): the same scores twice stopped the collection.
    One is counted, the other named as the same; two copies with different scores are still refused."""
    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    shutil.copy(d / "专家评分表-丙.xlsx", d / "专家评分表-丙(1).xlsx")
    out = tmp_path / "评审结果.xlsx"
    report = review.collect(d, out, now=NOW)
    assert "专家评分表-丙(1).xlsx" in report.describe() and "相同" in report.describe()
    _as_issued(results(out), issued, "丙", "问题")
    type_scores(d / "专家评分表-丙(1).xlsx", {"贵阳黔货出山电子商务产业园": {"1.1.1": 1}})
    _one_date(d / "专家评分表-丙.xlsx", d / "专家评分表-丙(1).xlsx")   # nothing tells which is later: refused
    with pytest.raises(WrongKind, match="专家丙有两份评分表"):
        review.collect(d, out, now=NOW)


def _one_date(*paths):
    """The workbooks recording one save time and carrying one date on disk (unzipped together): nothing but their
    content tells which is the later."""
    from tests.zip_parts import saved_at

    for p in paths:
        saved_at(p, "2024-05-21T02:00:00Z")
    _same_mtime(*paths)



def _two_versions(issued, tmp_path, later: str, earlier_saved: str, later_saved: str):
    """丙 returned his book half scored (专家评分表-丙.xlsx, saved ``earlier_saved``), then finished it and sent it again
    as ``later`` (saved ``later_saved``): the round folder holding both, as the clerk saved them."""
    from tests.zip_parts import saved_at

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    book = d / "专家评分表-丙.xlsx"
    shutil.copy(book, d / later)
    wb = load_workbook(book)
    ws = wb["评分表"]
    for r in range(40, ws.max_row + 1):
        ws.cell(r, 13).value = None
    wb.save(book)
    saved_at(book, earlier_saved)
    saved_at(d / later, later_saved)
    return d


@pytest.mark.parametrize("later", ["专家评分表-丙 (1).xlsx", "专家评分表-丙-修改.xlsx"])
def test_the_later_saved_version_holding_every_earlier_score_is_collected_and_said(issued, tmp_path, later, capsys):
    """丙 sent his half-scored book on 21 May and the finished one (every score of the first unchanged, more added) on
    22 May; both lie in the round folder. The collection stopped: “专家丙有两份评分表…内容不同，无法判断以哪份为准”.
    The later saved version (by the save time the workbooks record, never the files' dates) that holds every score and
    remark of the earlier one is plainly his later work: it is collected, both files named and which one was taken."""
    from shibai_xl.faces.cli import main

    d = _two_versions(issued, tmp_path, later, "2024-05-21T02:00:00Z", "2024-05-22T03:00:00Z")
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1     # 1 as issued: 乙 left one score blank
    said = capsys.readouterr().out.replace("\n", "")
    assert f"已按较晚保存的“{later}”（填写88个评分，2024-05-22 11:00 保存）汇总" in said, said
    assert "已忽略“专家评分表-丙.xlsx”（填写35个评分，2024-05-21 10:00 保存）：专家丙较早的一份评分表" in said, said
    _as_issued(results(out), issued, "丙", "问题")
    notes = [str(v) for row in sheet_values(out, "评审说明") for v in row if v]
    assert any(f"已按较晚保存的“{later}”" in n for n in notes), notes



def test_a_later_saved_version_adding_only_a_remark_is_collected_and_said(issued, tmp_path):
    """丙 reopened his finished book to add a remark for the panel and sent it again: the same scores, one remark more,
    saved later. It is his later version as plainly: collected with the remark, both files named."""
    from tests.zip_parts import saved_at

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    later = d / "专家评分表-丙-补备注.xlsx"
    wb = load_workbook(d / "专家评分表-丙.xlsx")
    wb["评分表"]["N5"] = "材料不全，建议核实"
    wb.save(later)
    saved_at(d / "专家评分表-丙.xlsx", "2024-05-21T02:00:00Z")
    saved_at(later, "2024-05-21T03:00:00Z")
    out = tmp_path / "评审结果.xlsx"
    said = review.collect(d, out, now=NOW).describe().replace("\n", "")
    assert "已按较晚保存的“专家评分表-丙-补备注.xlsx”" in said and "已忽略“专家评分表-丙.xlsx”" in said, said
    _as_issued(results(out), issued, "丙")
    assert ("园区01", "1.1.1", "丙", "材料不全，建议核实", "评分表!N5") in _remarks(out)

def test_two_versions_where_the_later_saved_holds_fewer_scores_take_the_later_saying_what_it_lacks(issued, tmp_path):
    """The half-scored book is the later saved (丙 reopened the old file and saved it again). It was refused; merge
    and refresh take the later saved version of a file, and collect now does too, saying which, why and the scores
    of the other it lacks (left blank: missing scores, the result incomplete, never the other file's taken silently)."""
    d = _two_versions(issued, tmp_path, "专家评分表-丙-修改.xlsx", "2024-05-23T02:00:00Z", "2024-05-22T03:00:00Z")
    out = tmp_path / "评审结果.xlsx"
    said = review.collect(d, out, now=NOW).describe().replace("\n", "")
    assert ("已忽略“专家评分表-丙-修改.xlsx”（填写88个评分，2024-05-22 11:00 保存）：专家丙较早的一份评分表，已按较晚保存的"
            "“专家评分表-丙.xlsx”（填写35个评分，2024-05-23 10:00 保存）汇总（工作簿记录的保存时间较晚）") in said, said
    assert "较晚的一份没有较早一份的53个评分" in said, said
    assert "文件名注明“修改”的“专家评分表-丙-修改.xlsx”保存时间反而较早" in said, said
    assert "评审结果不完整" in said, said

def test_scores_typed_in_a_column_the_expert_inserted_are_pointed_to(issued, tmp_path):
    """丙 inserted his own column “得分” left of 专家评分 and typed 企业02's scores there: the result called them 未评分
    only. The column and its cells are now named, as for scores typed into 备注."""
    def own_column(wb):
        ws = wb["评分表"]
        ws.insert_cols(13)
        ws["M4"] = "得分"
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value == "企业02":
                ws.cell(r, 13).value, ws.cell(r, 14).value = ws.cell(r, 14).value, None

    said = _returned(issued, tmp_path, "丙", own_column)["铜仁梵净山珍电子商务有限公司"]["问题"]
    assert "专家丙未对本项目评分" in said and "“得分”列中指标1.1.1" in said and "评分表!M71" in said, said


def test_scores_typed_on_a_copy_of_the_score_sheet_are_pointed_to(issued, tmp_path):
    """丙 copied the sheet 评分表 (“评分表 (2)”, to keep the original clean) and scored 企业02 on the copy only. The
    result said “专家丙未对本项目评分” — the clerk is told he scored nothing. The copy and how many scores it holds are
    now named; they are still not counted (the original is what was issued)."""
    def copy_sheet(wb):
        ws = wb["评分表"]
        ws.protection.sheet = False
        copy = wb.copy_worksheet(ws)
        copy.title = "评分表 (2)"
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value == "企业02":
                ws.cell(r, 13).value = None

    said = _returned(issued, tmp_path, "丙", copy_sheet)["铜仁梵净山珍电子商务有限公司"]["问题"]
    assert "专家丙未对本项目评分" in said and "工作表“评分表 (2)”" in said and "7个" in said, said


def test_a_score_sheet_returned_zipped_is_said_to_be_unzipped_not_called_a_stranger_file(issued, tmp_path):
    """丙 mailed his book zipped (丙的评分.zip) and the clerk put the zip into the round folder. The report said
    “已忽略（不是本轮专家评分表）：丙的评分.zip” next to “未提交：丙”: nothing says the zip is not opened. It is now said to be
    丙's archive whose contents were not read, to be unzipped into the folder."""
    import zipfile

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    with zipfile.ZipFile(d / "丙的评分.zip", "w") as z:
        z.write(d / "专家评分表-丙.xlsx", "专家评分表-丙.xlsx")
    (d / "专家评分表-丙.xlsx").unlink()
    said = review.collect(d, tmp_path / "评审结果.xlsx", now=NOW).describe()
    assert "专家丙交回的“丙的评分.zip”是压缩包，其中的评分表没有读取，未计入。请解压到评审文件夹后重新汇总" in said, said
    assert "不是本轮专家评分表" not in said, said     # his, not a stranger file (test_review_returned_not_as_issued.py)


def test_a_link_in_the_round_folder_to_a_workbook_elsewhere_is_said_not_read(issued, tmp_path, capsys):
    """A round folder unzipped on 统信 UOS/麒麟 keeps a zip's links: 专家评分表-丙.xlsx linking to a file elsewhere on
    the computer was read as 丙's scores, where a link out of an application folder is said and not read."""
    from shibai_xl.faces.cli import main

    rdir, _ = issued
    d = tmp_path / "第一轮"
    shutil.copytree(rdir, d)
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    (d / "专家评分表-丙.xlsx").rename(elsewhere / "某文件.xlsx")
    (d / "专家评分表-丙.xlsx").symlink_to(elsewhere / "某文件.xlsx")
    assert main(["review", "collect", str(d), "--out", str(tmp_path / "结果.xlsx")]) == 1
    out = capsys.readouterr().out
    assert "专家评分表-丙.xlsx" in out and "链接" in out and "没有读取" in out
    assert "甲、乙。" in out or "：甲、乙" in out, out


def _typed_again_in_an_inserted_row(issued, tmp_path, deleted: int, item: str, typed):
    """丙's book with 园区02's row of ``item`` (row ``deleted``) deleted and typed again as ``typed`` in a whole row he
    inserted, edited and recalculated by LibreOffice: his 小计 shows what the untouched book shows; collected, the
    result's path."""
    from tests.libreoffice import convert, edit_rows, need_soffice

    need_soffice()
    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    book = d / "专家评分表-丙.xlsx"
    untouched = _subtotals(convert(book, "xlsx", tmp_path / "untouched"))
    ws = load_workbook(book)["评分表"]
    assert (ws[f"A{deleted}"].value, ws[f"H{deleted}"].value, ws[f"M{deleted}"].value) == ("园区02", item, 5)
    edit_rows(book, "评分表", {"A30": "园区02", "B30": "毕节智慧电商产业园", "H30": item, "J30": 5, "M30": typed},
              delete=deleted, insert=30)
    assert _subtotals(book) == untouched
    out = tmp_path / "评审结果.xlsx"
    review.collect(d, out, now=NOW)
    return out


def test_a_score_typed_in_a_row_the_expert_inserted_counts_in_his_subtotal(issued, tmp_path):
    """丙 deleted 园区02's row of 1.1.2 by mistake, then inserted a whole row in the middle of 园区02's rows (插入 → 整行,
    the sheet's protection taken off) and typed the item again: 项目编号, 项目名称, 指标编号, 满分 and his 5. collect counted
    it; his 小计 did not (已评项数 20/21, the 5 missing from 基础分): the hidden cells that read each score were not in
    the new row. LibreOffice edits and recalculates the book as a real client: his 小计 shows what the untouched book
    shows, and collect the same figures."""
    _as_issued(results(_typed_again_in_an_inserted_row(issued, tmp_path, 27, "1.1.2", 5)), issued, "丙")


def test_a_score_typed_as_text_in_a_row_the_expert_inserted_is_said_on_his_subtotal(issued, tmp_path):
    """As above, but 丙 typed his 1.1.2 of 园区02 in the inserted row as “5分”: collect reads it as 5 (the figures of
    the untouched book), while his 小计 said only “未评完（20/21）” — he looks at a filled cell and is told to fill it,
    or thinks collect will lose it. A whole row inserted has no hidden reading cell, so the 小计 cannot read text
    there: its 状态 now says the difference (a score typed as text in an inserted row, left out of this 小计, read by
    the collection) and asks for a number."""
    from tests.libreoffice import edit_rows, need_soffice

    need_soffice()
    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    book = d / "专家评分表-丙.xlsx"
    edit_rows(book, "评分表", {"A30": "园区02", "B30": "毕节智慧电商产业园", "H30": "1.1.2", "J30": 5, "M30": "5分"},
              delete=27, insert=30)
    shown = _subtotals(book)["毕节智慧电商产业园"]
    assert shown[5] == "插入的行中有1项评分是文字，本表未计入，汇总时照常读取；请改填数字", shown
    out = tmp_path / "评审结果.xlsx"
    review.collect(d, out, now=NOW)
    _as_issued(results(out), issued, "丙")


def test_a_percentage_typed_in_a_row_the_expert_inserted_counts_as_it_shows_in_his_subtotal(issued, tmp_path):
    """As above, but the row 丙 deleted and typed again in an inserted row is 园区02's 10-point 1.1.1, and he typed
    “10%” (Excel, WPS and LibreOffice store 0.1 shown as 10%). collect counts 10 (a number shown as a percentage is
    what it shows, README); his own 小计 counted 0.1 — 园区02's 专家总分 9.9 short yet “已评完” — and collect said
    his 小计 differs. The 小计 now counts it as it shows, as for a row issued with the book."""
    got = results(_typed_again_in_an_inserted_row(issued, tmp_path, 26, "1.1.1", "5%"))
    _as_issued(got, issued, "丙")
    assert "小计" not in (got["毕节智慧电商产业园"]["问题"] or ""), got["毕节智慧电商产业园"]["问题"]


def _subtotals(book):
    """What the 小计 sheet of a book as saved shows: 项目名称 → (已评项数, 超范围项数, 基础分, 开放创新加分, 专家总分, 状态)."""
    from .test_review import sheet_values

    rows = sheet_values(book, "小计")
    head = rows[2]
    return {r[1]: tuple(dict(zip(head, r))[c] for c in ("已评项数", "超范围项数", "基础分", "开放创新加分", "专家总分", "状态"))
            for r in rows[3:] if r[1]}


@pytest.mark.parametrize("columns", [(12,), (9, 11, 12)])   # 建议理由; 指标, 建议分 and 建议理由
def test_a_column_no_score_needs_deleted_to_fit_the_page_is_said_and_collected(issued, tmp_path, columns, capsys):
    """丙 deleted the 建议理由 column (and, in another book, 指标 and 建议分 too) to print his sheet on one page: the
    whole round stopped (exit 2, “表头应为“建议理由”…（列被插入、删除或移动）”), though an inserted column is
    accepted. Columns are read by their headers: the same figures, the deletion said on the terminal and in 评审说明."""

    def delete(wb):
        for c in sorted(columns, reverse=True):
            wb["评分表"].delete_cols(c)

    code, said, out = _collected_by_cli(issued, tmp_path, "丙", delete, capsys)
    assert code == 1      # as the untouched round (乙's blank)
    gone = {9: "指标", 11: "建议分", 12: "建议理由"}
    named = "“" + "”“".join(gone[c] for c in columns) + "”"
    assert f"专家丙的评分表中删除了{named}列" in said and "已照常汇总" in said, said
    _as_issued(results(out), issued, "丙")
    notes = [str(v) for row in sheet_values(out, "评审说明") for v in row if v]
    assert any(f"专家丙的评分表中删除了{named}列" in n for n in notes)


@pytest.mark.parametrize("column, name", [(13, "专家评分"), (1, "项目编号")])
def test_a_deleted_column_the_scores_need_still_refuses_naming_it(issued, tmp_path, column, name):
    """Without its 专家评分 (or 项目编号, 指标编号) column no score can be read: still refused, naming the column."""
    from shibai_xl.adapters.xlsx.review_read import Tampered

    def delete(wb):
        wb["评分表"].delete_cols(column)

    with pytest.raises(Tampered, match=f"表头中没有“{name}”列（被删除或改名）"):
        _returned(issued, tmp_path, "丙", delete)


@pytest.mark.parametrize("suffix", [".pdf", ".jpg"])
def test_a_book_returned_as_a_pdf_or_a_photo_is_said_to_hold_no_readable_scores(issued, tmp_path, suffix, capsys):
    """丙 printed his filled sheet to PDF (or photographed the signed printout) and sent that back instead of the
    workbook: collect said “未提交：丙” and, separately, “已忽略（不是本轮专家评分表）：专家评分表-丙.pdf” — the clerk,
    holding 丙's returned file, is told 丙 sent nothing. It now says 丙 returned a PDF/picture whose scores cannot be
    read, and asks for the Excel workbook (the signed PDF kept as a record)."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    (d / "专家评分表-丙.xlsx").unlink()
    (d / f"专家评分表-丙{suffix}").write_bytes(b"%PDF-1.4\n%%EOF\n" if suffix == ".pdf" else b"\xff\xd8\xff\xe0JFIF")
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    said = capsys.readouterr().out.replace("\n", "")
    kind = "PDF" if suffix == ".pdf" else "图片"
    want = f"专家丙交回的“专家评分表-丙{suffix}”是{kind}"
    assert want in said and "其中的评分无法读取" in said and "专家评分表-丙.xlsx" in said, said
    assert "已忽略（不是本轮专家评分表）" not in said, said
    notes = [str(v) for row in sheet_values(out, "评审说明") for v in row if v]
    assert any(want in n for n in notes), notes


def test_totals_typed_on_the_subtotal_sheet_instead_of_the_items_are_said_as_such(issued, tmp_path, capsys):
    """丙 typed one total per project on the 小计 sheet (over its 专家总分 formulas) and no item score on 评分表: the
    terminal and the top of every sheet said his book holds no score at all (“可能是发出的空白评分表，或专家填写后没有
    保存”) — the clerk, seeing 丙's totals on screen, is sent to look for another file. It now says he typed totals on
    小计 only, and that each item is to be scored on 评分表 (a total replaces no item score: never counted)."""

    def on_subtotals(wb):
        ws = wb["评分表"]
        for r in range(5, ws.max_row + 1):
            ws.cell(r, 13).value = None
        for r in range(4, 11):
            wb["小计"].cell(r, 12).value = 80 + r

    code, printed, out = _collected_by_cli(issued, tmp_path, "丙", on_subtotals, capsys)
    assert code == 1
    said = "专家丙的评分表（专家评分表-丙.xlsx）只在“小计”表填了总分（小计!L4、小计!L5、小计!L6等）"
    assert said in printed and "可能是发出的空白评分表" not in printed, printed
    assert "在“评分表”的“专家评分”列逐项评分" in printed, printed
    assert said in load_workbook(out)["评审结果"]["A2"].value
    assert results(out)["毕节智慧电商产业园"]["专家丙"] != 85


def test_a_column_deleted_in_a_spreadsheet_program_keeps_the_subtotals_and_the_figures(issued, tmp_path):
    """The same deletion of 建议理由 done as an expert does it, in LibreOffice (the columns after it and the 小计
    formulas move): his 小计 shows what the untouched book shows, collect gives the same figures and problems."""
    from tests.libreoffice import convert, edit_rows, need_soffice

    need_soffice()
    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    book = d / "专家评分表-丙.xlsx"
    untouched = _subtotals(convert(book, "xlsx", tmp_path / "untouched"))
    edit_rows(book, "评分表", {}, delete_column=12)
    assert load_workbook(book)["评分表"]["L4"].value == "专家评分"
    assert _subtotals(book) == untouched
    out = tmp_path / "评审结果.xlsx"
    review.collect(d, out, now=NOW)
    got, want = results(out), results(issued[1])
    _as_issued(got, issued, "丙")
    for name in want:      # the same problems, 丙's cells named where they now are (专家评分 moved from M to L)
        assert got[name]["问题"] == ((want[name]["问题"] or "").replace("评分表!M30", "评分表!L30") or None), name


def test_a_header_renamed_where_its_column_was_is_still_refused_never_taken_for_remarks(issued, tmp_path):
    """丙 retyped the header 建议理由 as 理由: read as a deleted column, the tool's reasons under it were carried into
    the result's 专家备注 as 丙's remarks (one per row) and 评审说明 said he deleted the column. A header changed in
    place is still refused, as before columns were read by their headers, naming the cell and what it should say."""
    from shibai_xl.adapters.xlsx.review_read import Tampered

    def renamed(wb):
        wb["评分表"]["L4"].value = "理由"

    with pytest.raises(Tampered, match="评分表!L4 表头应为“建议理由”，现为“理由”"):
        _returned(issued, tmp_path, "丙", renamed)


@pytest.mark.parametrize("cell, typed, fmt", [
    ("M4", "专家\n评分", None), ("M4", "专家 评分", None), ("M4", "专家评分（分）", None), ("M4", "专家评分（0～满分）", None),
    ("H4", "指标\n编号", None),
    ("J4", "满分\n（分）", None), ("N4", "备　注", None), ("A4", "项目\n编号", "xls")])
def test_a_header_retyped_with_a_line_break_spaces_or_its_unit_is_read_as_its_column(issued, tmp_path, cell, typed, fmt):
    """丙 retyped a header to fit his printout: “专家\\n评分” (Alt+Enter), “专家 评分”, “专家评分（分）”, “指标\\n编号”,
    “满分\\n（分）”, “备　注” (a full-width space). The whole round stopped (exit 2, “表头中没有“专家评分”列（被删除或
    改名）” or “表头被改”) though the column is plainly the one issued. A header is read as the column it names,
    whatever white space or “（分）” it carries, in .xlsx as in a book saved as .xls (which has lost its table):
    the same figures as the untouched round."""
    if fmt:
        from tests.libreoffice import need_soffice

        need_soffice()

    def retyped(wb):
        wb["评分表"][cell].value = typed

    _as_issued(_returned(issued, tmp_path, "丙", retyped, fmt), issued, "丙")


def _remarks(out):
    wb = open_workbook(out)
    try:
        _, rows, _ = read_table(wb, "sb_review_remarks")
    finally:
        wb.close()
    return [(r["项目编号"], r["指标编号"], r["专家"], r["备注"], r["单元格"]) for r in rows]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_books_opened_and_saved_by_libreoffice_keep_scores_recusals_and_remarks(issued, tmp_path, fmt):
    """Every expert opened his book in LibreOffice and saved it (as .xlsx, or as .xls/.ods): 丙's remarks (one over two
    lines, one that looks like a formula), his “4分”, 甲's remark on the project he is recused from and his scores
    there (not counted) read as from the books as issued: the same figures, problems and 专家备注."""
    from tests.libreoffice import convert_many, need_soffice

    need_soffice()

    def filled(d):
        shutil.copytree(issued[0], d)
        wb = load_workbook(d / "专家评分表-丙.xlsx")
        ws = wb["评分表"]
        ws["N5"], ws["N6"], ws["N64"], ws["M7"] = "材料不全，\n建议核实", "０８分？", "=1+1", "4分"
        ws["N64"].data_type = "s"
        wb.save(d / "专家评分表-丙.xlsx")
        wb = load_workbook(d / "专家评分表-甲.xlsx")
        wb["评分表"]["N5"] = "回避项目也写了备注"
        wb.save(d / "专家评分表-甲.xlsx")
        return d

    as_issued, saved = filled(tmp_path / "原样"), filled(tmp_path / "另存")
    books = sorted(saved.glob("专家评分表-*.xlsx"))
    for book, copy in convert_many(books, fmt, tmp_path / "转换").items():
        book.unlink()
        shutil.copy(copy, saved / copy.name)
    review.collect(as_issued, tmp_path / "原样结果.xlsx", now=NOW)
    review.collect(saved, tmp_path / "另存结果.xlsx", now=NOW)
    assert results(tmp_path / "另存结果.xlsx") == results(tmp_path / "原样结果.xlsx")
    said = _remarks(tmp_path / "另存结果.xlsx")
    assert said == _remarks(tmp_path / "原样结果.xlsx")
    assert ("园区01", "1.1.1", "甲", "回避项目也写了备注", "评分表!N5") in said
    assert ("园区01", "1.1.1", "丙", "材料不全，\n建议核实", "评分表!N5") in said


@pytest.mark.parametrize("own_too", [False, True])
def test_a_book_named_for_another_expert_is_not_counted_as_the_one_it_was_issued_to(issued, tmp_path, capsys, own_too):
    """The clerk mailed 甲's book to 乙 by mistake; 乙 scored it and sent it back, saved as “乙评分.xlsx”. Its hidden
    information says 甲 (and 甲's 回避: 贵阳's park, where 乙 of 遵义 must recuse from 遵义's base and scored it). collect
    counted it as 甲's — 乙's scores under 甲's name, 甲's own book still to come, the 评分校准 blaming 甲 — or, with
    甲's own book there too, stopped with “专家甲有两份评分表”, though 甲 sent one. A book whose file name names another
    expert of the round, not its own, is now set aside and said (who it was issued to, whose name it bears, what to
    do either way); the rest is collected, the result incomplete."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    wb = load_workbook(d / "专家评分表-甲.xlsx")
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 13).value not in (None, ""):
            ws.cell(r, 13).value = 0          # 乙's scores: other than 甲's
    wb.save(d / "乙评分.xlsx")
    (d / "专家评分表-乙.xlsx").unlink()
    if not own_too:
        (d / "专家评分表-甲.xlsx").unlink()
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    said = capsys.readouterr().out.replace("\n", "")
    assert "“乙评分.xlsx”" in said and "发给专家甲的评分表" in said and "文件名中是专家乙" in said, said
    assert "专家评分表-甲.xlsx" in said and "专家评分表-乙.xlsx" in said, said
    got = results(out)
    want = results(issued[1])
    for name, row in got.items():
        # a book not returned: 未提交, but on a project its expert recuses from 回避, as on his book (qa81d)
        assert row["专家乙"] == ("回避" if want[name]["专家乙"] == "回避" else "未提交"), row
        assert row["专家甲"] == (want[name]["专家甲"] if own_too or want[name]["专家甲"] == "回避" else "未提交"), (name, row)
    notes = " ".join(str(v) for row in sheet_values(out, "评审说明") for v in row if v)
    assert "乙评分.xlsx" in notes


def test_scores_on_another_sheet_of_a_fully_scored_book_are_said(issued, tmp_path, capsys):
    """A sheet of other scores was copied into 丙's fully scored book (“乙的评分”: the clerk keeping two experts' sheets
    in one file, 乙's own file then easily left out): the result said nothing of it — were 乙's file missing, only
    “专家乙的评分表未提交”, his scores in the folder never mentioned. A copied sheet was looked at only when the
    issued sheet had blanks. A sheet with the score table's header and
    scores, in a book whose own sheet is fully scored, is now said (book, sheet, how many scores), never counted."""
    def copied(wb):
        src, dst = wb["评分表"], wb.create_sheet("乙的评分")
        for row in src.iter_rows():
            for c in row:
                dst.cell(c.row, c.column).value = c.value
        for r in range(5, dst.max_row + 1):
            if dst.cell(r, 13).value not in (None, ""):
                dst.cell(r, 13).value = 1

    code, said, out = _collected_by_cli(issued, tmp_path, "丙", copied, capsys)
    assert code == 1                                     # as the untouched round (乙's blank)
    assert "工作表“乙的评分”" in said and "专家评分表-丙.xlsx" in said and "未计入" in said, said
    notes = " ".join(str(v) for row in sheet_values(out, "评审说明") for v in row if v)
    assert "乙的评分" in notes
    _as_issued(results(out), issued, "丙")


@pytest.mark.parametrize("saved", [None, "2024-05-22T03:00:00Z"])
def test_two_versions_no_save_time_tells_apart_the_one_holding_every_score_of_the_other_is_collected(
        issued, tmp_path, saved):
    """丙's half-scored book and his finished one (every score of the first unchanged, more added), neither recording a
    save time (or both one): the collection stopped, “无法判断以哪份为准”, though one plainly continues the other —
    as the merge takes the city summary holding every project of the other when no date tells. The one holding every
    score and remark of the other is collected, both named and why; two that each hold scores the other lacks are
    still refused."""
    from tests.zip_parts import saved_at

    d = _two_versions(issued, tmp_path, "专家评分表-丙 (1).xlsx", saved, saved)
    _same_mtime(d / "专家评分表-丙 (1).xlsx", d / "专家评分表-丙.xlsx")    # unzipped together: nor does the date
    out = tmp_path / "评审结果.xlsx"
    said = review.collect(d, out, now=NOW).describe().replace("\n", "")
    assert "已按“专家评分表-丙 (1).xlsx”（填写88个评分" in said and "已忽略“专家评分表-丙.xlsx”（填写35个评分" in said, said
    assert "包含另一份的全部评分和备注" in said, said
    _as_issued(results(out), issued, "丙", "问题")
    type_scores(d / "专家评分表-丙.xlsx", {"贵阳黔货出山电子商务产业园": {"1.1.1": 1}})
    saved_at(d / "专家评分表-丙.xlsx", saved)
    _same_mtime(d / "专家评分表-丙 (1).xlsx", d / "专家评分表-丙.xlsx")
    with pytest.raises(WrongKind, match="专家丙有两份评分表.*无法判断以哪份为准"):
        review.collect(d, out, now=NOW)


def _same_mtime(first, *others):
    import os

    for p in others:
        os.utime(p, (first.stat().st_mtime, first.stat().st_mtime))


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_the_name_a_misnamed_book_is_to_take_is_free_and_keeps_its_format(issued, tmp_path, capsys, suffix):
    """“乙评分” holds 甲's book; 甲's blank book issued to him is still in the folder. The advice “是专家甲评的，把文件名改为
    “专家评分表-甲.xlsx”” named that file: Windows refuses the rename (or replaces the blank book, the one the clerk
    may still need). Saved as .xls, the advice named an .xlsx, a rename that leaves Excel unable to open it. It names
    a free name now, with the file's own format."""
    from shibai_xl.faces.cli import main

    from .libreoffice import convert_many

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    misnamed = d / "乙评分.xlsx"
    shutil.copy(d / "专家评分表-甲.xlsx", misnamed)
    wb = load_workbook(misnamed)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        ws.cell(r, 13).value = 0 if ws.cell(r, 13).value not in (None, "") else ws.cell(r, 13).value
    wb.save(misnamed)
    wb = load_workbook(d / "专家评分表-甲.xlsx")
    for r in range(5, wb["评分表"].max_row + 1):
        wb["评分表"].cell(r, 13).value = None            # the blank book issued to 甲
    wb.save(d / "专家评分表-甲.xlsx")
    if suffix != ".xlsx":
        copy = convert_many([misnamed], suffix.lstrip("."), tmp_path / "转换")[misnamed]
        misnamed.unlink()
        shutil.copy(copy, d / f"乙评分{suffix}")
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    said = capsys.readouterr().out.replace("\n", "")
    assert f"“乙评分{suffix}”" in said and "发给专家甲的评分表" in said, said
    assert f"把文件名改为“专家评分表-甲-2{suffix}”（“专家评分表-甲.xlsx”已在文件夹中）" in said, said


@pytest.mark.parametrize("told", ["saved", "name"])
def test_two_versions_the_later_changing_a_score_is_collected_saying_which_and_why(issued, tmp_path, capsys, told):
    """丙 returned “专家评分表-丙 v1.xlsx”, then “专家评分表-丙（修改版）.xlsx” changing one score (2.1.1 of a company from
    0 to 10). The collection stopped (exit 2, “无法判断以哪份为准”), while merge and refresh take the later of two
    versions by the save time recorded, then the file's date, then a name saying 修改版. It now does the same: the
    later one is collected, the terminal and 评审说明 naming both, why and the score it changed; exit as issued."""
    import os

    from shibai_xl.faces.cli import main
    from tests.zip_parts import saved_at

    from .test_review import ENT_SZ

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    first, later = d / "专家评分表-丙 v1.xlsx", d / "专家评分表-丙（修改版）.xlsx"
    (d / "专家评分表-丙.xlsx").rename(first)
    shutil.copy(first, later)
    type_scores(later, {ENT_SZ: {"2.1.1": 10, "2.2.1": 5}})
    saved_at(first, "2024-05-21T02:00:00Z")
    saved_at(later, "2024-05-22T03:00:00Z" if told == "saved" else "2024-05-21T02:00:00Z")
    if told == "name":      # unzipped together: one date on disk, one save time; only the name tells
        os.utime(later, (first.stat().st_mtime, first.stat().st_mtime))
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1     # 1 as issued: 乙 left one score blank
    said = capsys.readouterr().out.replace("\n", "")
    lead = "已按较晚保存的" if told == "saved" else "已按较晚的"
    assert f"{lead}“专家评分表-丙（修改版）.xlsx”（填写88个评分" in said, said
    assert "已忽略“专家评分表-丙 v1.xlsx”（填写88个评分" in said, said
    why = "工作簿记录的保存时间较晚" if told == "saved" else "文件名注明“修改”"
    assert why in said and "改动了较早一份的1个评分（" in said and "指标2.1.1：0 改为 10）" in said, said
    got, want = results(out), results(issued[1])
    assert got[ENT_SZ]["专家丙"] == 90 and want[ENT_SZ]["专家丙"] == 80
    notes = [str(v) for row in sheet_values(out, "评审说明") for v in row if v]
    assert any("改动了较早一份的1个评分" in n for n in notes), notes
