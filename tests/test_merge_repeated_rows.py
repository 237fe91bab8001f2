"""The province merge of city summaries as cities really fill them (QA, qa31m): a row pasted twice, a 合计 row
labelled in another column, a row withdrawn in the city's 备注."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import _city, _figures, _problems


def test_a_row_a_city_pasted_twice_is_said_and_counted_once(tmp_path, capsys):
    """遵义市's clerk pasted 遵义甲公司's row twice (the serials differ): the province total counted it twice. Both rows
    stay (nothing dropped), both say XC_CROSS_APP, one says it is not counted, and merging again changes nothing."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, ""),
                                                      ("遵义甲公司", "企业", 2000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    said = capsys.readouterr().out
    assert "全省汇总表有效项目 2 项，年度交易额合计 3000 万元" in said
    assert "遵义甲公司" in said and "遵义市汇总表中重复填写" in said
    assert _figures(out)[("全省合计", None)] == (2, 3000, 1500)
    rows = [r for r in load_workbook(out)["项目汇总表"].iter_rows(min_row=4, values_only=True) if r[3] == "遵义甲公司"]
    assert len(rows) == 2
    assert all("XC_CROSS_APP" in r[15] for r in rows) and sum("统计中未计入" in r[15] for r in rows) == 1
    before = _problems(out)
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert _problems(out) == before and _figures(out)[("全省合计", None)] == (2, 3000, 1500)


def test_a_row_pasted_twice_with_different_amounts_leaves_the_total_loudly_incomplete(tmp_path, capsys):
    """The two rows of one project say 2000 and 2500 万元: no one can know which is right. The project is counted
    once, the two amounts are named, and the total is said to be incomplete (exit 1) until the city corrects it."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, ""),
                                                      ("遵义甲公司", "企业", 2500, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 1
    shown = capsys.readouterr()
    said = shown.out + shown.err
    assert "有效项目 2 项" in said and "不完整" in said
    assert "2000、2500" in said and "遵义甲公司" in said
    rows = [r for r in load_workbook(out)["项目汇总表"].iter_rows(min_row=4, values_only=True) if r[3] == "遵义甲公司"]
    assert sum("统计中未计入" in r[15] for r in rows) == 1 and all("2000、2500" in r[15] for r in rows
                                                                  if "统计中未计入" in r[15])
    assert _figures(out)[("全省合计", None)][0] == 2
    assert "合计不完整" in load_workbook(out)["统计"]["A1"].value      # the workbook says it too, not only the terminal


HEAD_NOTE = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人",
             "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分", "备注"]


def _noted_city(path, rows, below=()):
    """遵义市's 附件4 typed by hand with a 备注 column of its own; ``rows``: (企业名称, 年度交易额, 备注)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD_NOTE)
    for i, (name, trade, note) in enumerate(rows, 1):
        ws.append([i, "遵义市", "红花岗区", name, "地址", "企业", "民企", "业绩", "张三", "0851-1", trade, trade / 2, 80, note])
    for line in below:
        ws.append(line)
    wb.save(path)
    return path


def test_a_row_the_city_marked_withdrawn_in_its_remarks_is_not_counted_and_is_said(tmp_path, capsys):
    """遵义市 kept the row of a company that withdrew and wrote 已撤回 in its 备注 column: the province counted it.
    It is not counted, the terminal names it, and a row merged before it was withdrawn is marked 已撤回."""
    out = tmp_path / "全省.xlsx"
    path = tmp_path / "遵义市汇总表.xlsx"
    _noted_city(path, [("遵义甲公司", 2000, None), ("遵义乙公司", 1000, "已实地核查"), ("遵义丙公司", 500, None)])
    assert main(["merge", str(out), str(path)]) == 0
    _noted_city(path, [("遵义甲公司", 2000, "已撤回"), ("遵义乙公司", 1000, "已实地核查"),
                       ("遵义丙公司", 500, "企业申请撤回（5月8日来函）"), ("遵义丁公司", 300, "撤回后重新申报")])
    capsys.readouterr()
    assert main(["merge", str(out), str(path)]) == 0
    said = capsys.readouterr().out
    assert "有效项目 2 项，年度交易额合计 1300 万元" in said
    assert "遵义甲公司" in said and "遵义丙公司" in said and "撤回" in said
    assert _figures(out)[("全省合计", None)][:2] == (2, 1300)
    rows = {r[3]: r for r in load_workbook(out)["项目汇总表"].iter_rows(min_row=4, values_only=True) if r[3]}
    assert set(rows) == {"遵义甲公司", "遵义乙公司", "遵义丙公司", "遵义丁公司"}     # nothing dropped from the table
    assert all(str(rows[n][15]).startswith("已撤回") for n in ("遵义甲公司", "遵义丙公司"))


def test_a_total_row_labelled_in_another_column_is_no_project_without_a_name(tmp_path, capsys):
    """The clerk typed 合计 in the 企业地址 (or 项目类型, 电话) column of the total row: the merge called it a project
    typed without 企业名称 and said the province total was incomplete (exit 1) though every project was counted."""
    path = _noted_city(tmp_path / "遵义市汇总表.xlsx", [("遵义甲公司", 2000, None), ("遵义乙公司", 1000, None)], below=[
        [None, None, None, None, "合计", None, None, None, None, None, 3000, 1500],
        [None, None, None, None, None, "合 计：", None, None, None, None, 3000, 1500],
        [None, None, None, None, None, None, None, None, None, "总计", 3000, 1500]])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(path)]) == 0
    said = capsys.readouterr().out
    assert "有效项目 2 项，年度交易额合计 3000 万元" in said and "不完整" not in said


def test_a_repeated_row_whose_type_was_left_blank_is_the_same_project_counted_once(tmp_path, capsys):
    """The second copy of 遵义乙公司's row lost its 项目类型 when pasted: the province counted the company twice (once
    as 企业, once under 类型未识别). A row without a type is the project its name (or code) has under one type."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 100, ""),
                                                      ("遵义乙公司", None, 100, "")])
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(zunyi)])
    assert "有效项目 2 项，年度交易额合计 2100 万元" in capsys.readouterr().out
    assert _figures(out)[("全省合计", None)][:2] == (2, 2100)


def test_a_city_that_keeps_the_second_of_two_differing_rows_is_counted_with_its_amount(tmp_path, capsys):
    """Told its two rows of 遵义甲公司 differ (2000, 2500), 遵义市 deleted the 2000 one and sent the table again: the
    province matched the 2500 row to the 2000 row, took 2000 for a person's edit there (XC_SUMMARY_MISMATCH) and kept
    counting 2000, exit 0. The row the city kept is the one whose figures it has."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, ""),
                                                      ("遵义甲公司", "企业", 2500, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 1
    _city(zunyi, "遵义市", [("遵义乙公司", "企业", 1000, ""), ("遵义甲公司", "企业", 2500, "")])
    capsys.readouterr()
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert "有效项目 2 项，年度交易额合计 3500 万元" in capsys.readouterr().out
    assert _figures(out)[("全省合计", None)][:2] == (2, 3500)
    rows = [r for r in load_workbook(out)["项目汇总表"].iter_rows(min_row=4, values_only=True) if r[3] == "遵义甲公司"]
    assert sorted((r[10], str(r[15] or "")[:3]) for r in rows) == [(2000, "已撤回"), (2500, "")]



def test_review_make_leaves_out_a_row_whose_status_a_clerk_typed_as_withdrawn_in_words(tmp_path, capsys):
    """A province clerk typed 企业申请撤回（5月8日来函） into the 状态 of a project in the merged table: merge reads
    that as withdrawn, but review make listed the project for the experts to score. Both read it the same way."""
    city = _noted_city(tmp_path / "遵义市汇总表.xlsx", [("遵义甲公司", 2000, None), ("遵义乙公司", 1000, "已实地核查")])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    status = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "状态")
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value == "遵义甲公司")
    ws.cell(row, status).value = "企业申请撤回（5月8日来函）"
    wb.save(province)
    rdir = tmp_path / "五月"
    capsys.readouterr()
    assert main(["review", "make", str(rdir), "--from", str(province), "--experts", "甲,乙,丙"]) == 0
    assert "未列入评审 1 个：已撤回 1 个" in capsys.readouterr().out
    books = sorted(rdir.glob("专家评分表-*.xlsx"))
    assert books
    for book in books:
        listed = {v for row in load_workbook(book, read_only=True).worksheets[0].iter_rows(values_only=True)
                  for v in row if isinstance(v, str)}
        assert "遵义乙公司" in listed and "遵义甲公司" not in listed
