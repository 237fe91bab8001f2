"""The province merge as the province's clerk works with it (QA, qa32m): a city's rows in the city's own order,
a project two cities report with different amounts, the clerk's own edits kept, one batch however it is typed."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import _city, _figures
from tests.test_merge_sheets_and_repeats import HEAD


def _rows(path):
    ws = load_workbook(path)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=4, values_only=True) if r[3]]


def test_a_citys_rows_keep_the_citys_own_order(tmp_path):
    """遵义市 sent 12 projects: the province table had its rows 10 to 14 before rows 3 to 9 (the source "（第10行）"
    sorted as text before "（第3行）"); a city typing one sheet per type had them by the sheets' names."""
    rows = [(f"遵义{i:02d}号电子商务有限公司", "企业", 100 * i, "") for i in range(1, 13)]
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", rows)
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("安顺乙公司", "企业", 3000, "")])
    wb = Workbook()
    wb.remove(wb.active)
    for kind in ("园区", "基地", "企业", "团队"):
        ws = wb.create_sheet(kind)
        ws.append(HEAD)
        ws.append([1, "六盘水市", "钟山区", f"六盘水{kind}公司", "地址", kind, "民企", "业绩", "张三", "0858-1", 1000, 100])
    wb.save(tmp_path / "六盘水市汇总表.xlsx")
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi), str(anshun), str(tmp_path / "六盘水市汇总表.xlsx")]) == 0
    got = _rows(out)
    assert [r["企业名称"] for r in got if r["报送市州"] == "遵义市"] == [r[0] for r in rows]
    assert [r["企业名称"] for r in got if r["报送市州"] == "六盘水市"] == [
        "六盘水园区公司", "六盘水基地公司", "六盘水企业公司", "六盘水团队公司"]
    assert [r["序号"] for r in got] == list(range(1, len(got) + 1))


def test_the_cities_come_in_the_notices_order_whatever_their_files_are_named(tmp_path):
    """安顺市, 贵阳市, 黔东南州, 遵义市 sent their summaries: the province table had them in the order of the file
    names (安顺 first, as "安" sorts before "贵"); a reviewer reads Guizhou's 市（州） in their official order (the year
    file's list, as the 统计 sheet has them): 贵阳市, 遵义市, 安顺市, 黔东南州, each city's rows in its own order."""
    paths = [_city(tmp_path / f"{name}汇总表.xlsx", name, [(f"{name}{k}公司", "企业", 1000, "") for k in "乙甲"])
             for name in ("安顺市", "黔东南州", "遵义市", "贵阳市")]
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), *map(str, paths)]) == 0
    got = [r["企业名称"] for r in _rows(out)]
    assert got == [f"{c}{k}公司" for c in ("贵阳市", "遵义市", "安顺市", "黔东南州") for k in "乙甲"], got


def test_a_project_two_cities_report_with_different_amounts_is_said(tmp_path, capsys):
    """The notice has a project apply to its own 属地商务局 (一、(一)): 遵义市 and 安顺市 both sent it, with 8000 and
    9000 万元. It was counted once, but nobody was told the two tables disagree. Where the code's registration
    authority decides the city, the total counts that city's figures and the difference is named; where nothing
    decides (no code), the total is said to be incomplete (exit 1) until one city withdraws its row."""
    from tests.test_merge_counts_a_project_once import ZUNYI_CODE

    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义红色之旅直播电商基地", "基地", 8000, ZUNYI_CODE),
                                                      ("黔丙电子商务有限公司", "企业", 700, "")])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("遵义红色之旅直播电商基地", "基地", 9000, ""),
                                                      ("黔丙电子商务有限公司", "企业", 500, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi), str(anshun)]) == 1
    shown = capsys.readouterr()
    said = shown.out + shown.err
    assert "全省汇总表有效项目 2 项，年度交易额合计 8700 万元（不完整）" in said
    # the cities named in the notice's order of 市（州） (遵义市 before 安顺市), as the province table lists them
    assert "年度交易额分别为8000（遵义市）、9000（安顺市）万元" in said and "700（遵义市）、500（安顺市）" in said
    assert "不完整" in shown.err
    notes = {(r["报送市州"], r["企业名称"]): r["问题"] for r in _rows(out)}
    assert "金额不一致" in notes[("安顺市", "遵义红色之旅直播电商基地")]
    assert "合计不完整" not in notes[("安顺市", "遵义红色之旅直播电商基地")]     # the code decides: 遵义市's
    assert "金额不一致" in notes[("安顺市", "黔丙电子商务有限公司")] and "合计不完整" in notes[("安顺市", "黔丙电子商务有限公司")]
    assert "合计不完整" in load_workbook(out)["统计"]["A1"].value
    _city(anshun, "安顺市", [("遵义红色之旅直播电商基地", "基地", 9000, "")])      # 安顺市 withdraws its 黔丙 row
    capsys.readouterr()
    assert main(["merge", str(out), str(anshun)]) == 0
    assert "金额不一致" in capsys.readouterr().out


def test_a_clerks_correction_on_a_citys_repeated_row_survives_the_next_merge(tmp_path):
    """遵义市 typed 遵义甲公司 twice (2000 and 2500 万元). The province's clerk phoned and corrected the second row to
    2000 and its 县区; the next merge of the same file put 2500 and 某县 back without a word: both rows shared one
    memory of what the tool had written, so the clerk's figure looked like the tool's own."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, ""),
                                                      ("遵义甲公司", "企业", 2500, "")])
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(zunyi)])
    wb = load_workbook(out)
    ws = wb["项目汇总表"]
    head = [c.value for c in ws[3]]
    second = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value == "遵义甲公司"][1]
    ws.cell(second, head.index("年度交易额（万元）") + 1, 2000)
    ws.cell(second, head.index("县区") + 1, "红花岗区")
    wb.save(out)
    main(["merge", str(out), str(zunyi)])
    rows = [r for r in _rows(out) if r["企业名称"] == "遵义甲公司"]
    assert [(r["年度交易额（万元）"], r["县区"]) for r in rows] == [(2000, "某县"), (2000, "红花岗区")]
    assert "XC_SUMMARY_MISMATCH" in rows[1]["问题"] and "XC_SUMMARY_MISMATCH" not in rows[0]["问题"]
    _city(zunyi, "遵义市", [("遵义甲公司", "企业", 2100, ""), ("遵义乙公司", "企业", 1000, ""),
                          ("遵义甲公司", "企业", 2500, "")])      # the city corrects its first row: taken
    main(["merge", str(out), str(zunyi)])
    rows = [r for r in _rows(out) if r["企业名称"] == "遵义甲公司"]
    assert [r["年度交易额（万元）"] for r in rows] == [2100, 2000]


def test_one_batch_typed_as_2024_05_by_one_city_and_5yue_by_another_is_one_batch(tmp_path, capsys):
    """遵义市 wrote its 批次 "2024-05", 安顺市 "5月": the review of the merged table said "汇总表中有多个批次
    （2024-05、5月）…其他批次的项目已在其所属轮次评审" though both are the May round's and all were listed."""
    from tests.test_merge_review_rounds import ZUNYI_MAY, city, listed

    zunyi = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY)
    anshun = city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("西秀区", "安顺丙电商有限公司", "企业", 2500, "5月", "达标")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi), str(anshun)]) == 0
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "评审"), "--from", str(out), "--experts", "甲,乙"]) == 0
    said = capsys.readouterr().out
    assert "多个批次" not in said and "其他批次" not in said
    assert listed(tmp_path / "评审") == ["安顺丙电商有限公司", "遵义乙电商有限公司", "遵义甲电商有限公司"]


def test_a_title_naming_another_city_than_the_file_name_is_said(tmp_path, capsys):
    """黔南州's clerk filled 黔东南州's copy of the 附件4: its title names 黔东南州, the 市（州） column is blank, the file
    is 黔南州汇总表.xlsx. Its projects went under 黔东南州 without a word."""
    wb = Workbook()
    ws = wb.active
    ws.append(["黔东南州2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    ws.append([1, None, "都匀市", "都匀甲电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0854-1", 520, 300, 85])
    wb.save(tmp_path / "黔南州汇总表.xlsx")
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(tmp_path / "黔南州汇总表.xlsx")]) == 0
    said = capsys.readouterr().out
    assert "标题写的是黔东南州，文件名是黔南州" in said and "请核实" in said


def test_a_county_or_zhou_ben_ji_typed_in_the_city_column_is_counted_under_its_city(tmp_path, capsys):
    """黔东南州's clerk typed the county-level 凯里市 and "州本级" in the 市（州） column: the 统计 sheet counted them as
    two more 市（州）, 黔东南州's subtotal short by two projects, without a word."""
    wb = Workbook()
    ws = wb.active
    ws.append(["黔东南州2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, (city, name, trade) in enumerate([("凯里市", "凯里甲电商有限公司", 520), ("黔东南州", "丹寨乙电商有限公司", 600),
                                             ("州本级", "黔东南丙电商有限公司", 700)], 1):
        ws.append([i, city, "凯里市", name, "地址", "企业", "民企", "业绩", "张三", "0855-1", trade, trade / 2, 85])
    wb.save(tmp_path / "黔东南州汇总表.xlsx")
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(tmp_path / "黔东南州汇总表.xlsx")]) == 0
    said = capsys.readouterr().out
    assert "州本级" in said and "按报送的黔东南州计入" in said
    assert {r["市（州）"] for r in _rows(out)} == {"黔东南州"}
    figures = _figures(out)
    assert figures[("黔东南州", "小计")] == (3, 1820, 910) and figures[("全省合计", None)] == (3, 1820, 910)


def test_a_withdrawal_the_province_clerk_typed_in_the_status_survives_the_next_merge(tmp_path, capsys):
    """The province's clerk typed 企业申请撤回（5月8日来函） in the 状态 of 遵义甲公司 (review make leaves it out); 遵义市
    re-sent its table, still listing the project, and the next merge wrote 有效 over it: the project was back in the
    totals and the next round, the letter's date gone. The row stays withdrawn, the clerk's words said in 问题, until
    the clerk changes 状态 back."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0

    def status(text):
        wb = load_workbook(out)
        ws = wb["项目汇总表"]
        column = [c.value for c in ws[3]].index("状态") + 1
        ws.cell(next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value == "遵义甲公司"), column, text)
        wb.save(out)

    status("企业申请撤回（5月8日来函）")
    capsys.readouterr()
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert "全省汇总表有效项目 1 项，年度交易额合计 1000 万元" in capsys.readouterr().out
    row = next(r for r in _rows(out) if r["企业名称"] == "遵义甲公司")
    # 状态 is the tool's 已撤回 (the sheet's own SUMIFS leave out exactly that); what the clerk typed stays in 问题
    assert row["状态"] == "已撤回" and "企业申请撤回（5月8日来函）" in row["问题"] and "不计入统计" in row["问题"]
    assert _figures(out)[("全省合计", None)][:2] == (1, 1000)
    assert main(["merge", str(out), str(zunyi)]) == 0      # and at every merge after, the letter's date kept
    row = next(r for r in _rows(out) if r["企业名称"] == "遵义甲公司")
    assert row["状态"] == "已撤回" and "企业申请撤回（5月8日来函）" in row["问题"]
    status("有效")                     # the clerk takes it back
    assert main(["merge", str(out), str(zunyi)]) == 0
    row = next(r for r in _rows(out) if r["企业名称"] == "遵义甲公司")
    assert row["状态"] == "有效" and not row["问题"]
    assert _figures(out)[("全省合计", None)][:2] == (2, 3000)


def test_a_late_citys_projects_of_an_earlier_batch_typed_5yue_are_named(tmp_path, capsys):
    """The province had 遵义市's May projects (2024-05) and 贵阳市's August one (2024-08) when 安顺市 sent, late, a
    project of the May batch written "5月": the merge names late projects of an earlier batch (the August round will
    not list them) when the batch is written "2024-05", but said nothing of "5月"."""
    from tests.test_merge_review_rounds import ZUNYI_MAY, city

    out = tmp_path / "全省.xlsx"
    zunyi = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", ZUNYI_MAY)
    guiyang = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("花溪区", "贵阳甲电商有限公司", "企业", 1500, "2024-08", "达标")])
    assert main(["merge", str(out), str(zunyi), str(guiyang)]) == 0
    anshun = city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("西秀区", "安顺丙电商有限公司", "企业", 2500, "5月", "达标")])
    capsys.readouterr()
    assert main(["merge", str(out), str(anshun)]) == 0
    said = capsys.readouterr().out
    assert "批次却早于全省表中最新的批次 2024-08" in said and "安顺丙电商有限公司（安顺市，批次 5月）" in said


def test_a_below_blank_line_under_the_projects_is_not_a_project(tmp_path):
    """遵义市's clerk closed the table with "（以下空白）" in the 企业名称 column, as forms are closed in China: the
    province counted it as a fourth project (项目类型未填写)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    ws.append([1, "遵义市", "汇川区", "遵义甲电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 520, 300, 85])
    for closing in ("（以下空白）", "以下无内容", "【此页无正文】"):
        ws.append([None, None, None, closing])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(tmp_path / "遵义市汇总表.xlsx")]) == 0
    assert [r["企业名称"] for r in _rows(out)] == ["遵义甲电商有限公司"]


def test_a_withdrawal_the_province_clerk_typed_keeps_their_words_when_the_city_drops_the_row(tmp_path, capsys):
    """The province's clerk withdrew 遵义甲公司 (备注 of their own: 企业已撤回（5月8日来函）) and 遵义丙公司 (状态:
    企业申请撤回（5月9日来函）); at the next merge 遵义市 no longer listed them. 遵义甲公司's 问题 said only that the
    city's table no longer had the row, and the report asked the city to add it back if it was left out by mistake;
    遵义丙公司 kept its 状态 words with nothing in 问题 (printed beyond 状态) and a 状态 the sheet's SUMIFS count.
    Both are now withdrawn as a merge of a city still listing them makes them: 状态 已撤回, the clerk's words in 问题."""
    from tests.test_refresh_clerk_edits import _add_column

    rows = [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, ""), ("遵义丙公司", "企业", 500, "")]
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", rows)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    wb = load_workbook(out)
    ws = wb["项目汇总表"]
    head = [c.value for c in ws[3]]
    row_of = {ws.cell(r, 4).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value}
    note = _add_column(ws, ws.tables["sb_summary"], "备注")
    ws.cell(row_of["遵义甲公司"], note, "企业已撤回（5月8日来函）")
    ws.cell(row_of["遵义丙公司"], head.index("状态") + 1, "企业申请撤回（5月9日来函）")
    wb.save(out)
    _city(zunyi, "遵义市", rows[1:2])
    capsys.readouterr()
    for _ in range(2):     # and merged again: the same
        assert main(["merge", str(out), str(zunyi)]) == 0
        said = capsys.readouterr().out
        assert "全省汇总表有效项目 1 项，年度交易额合计 1000 万元" in said and "本次标为“已撤回”" not in said
        got = {r["企业名称"]: r for r in _rows(out)}
        assert got["遵义甲公司"]["状态"] == got["遵义丙公司"]["状态"] == "已撤回"
        assert "企业已撤回（5月8日来函）" in got["遵义甲公司"]["问题"] and got["遵义甲公司"]["备注"] == "企业已撤回（5月8日来函）"
        assert "企业申请撤回（5月9日来函）" in got["遵义丙公司"]["问题"]
        assert all("手工标注" in got[n]["问题"] and "不计入统计" in got[n]["问题"] for n in ("遵义甲公司", "遵义丙公司"))
    assert _figures(out)[("全省合计", None)][:2] == (1, 1000)


def test_a_city_merged_later_is_appended_and_the_terminal_says_why_not_in_order(tmp_path, capsys):
    """遵义市 merged in May, 贵阳市 in August: 贵阳市's rows were appended after 遵义市's without a word, though a new
    table follows the notice's order (QA). The rows already there stay put (the province's notes, 状态, own columns and
    the formulas pointing at them stay right); the terminal now names the rows out of order and says why and what to
    do. A city's project added later is said the same way; a merge adding rows in order says nothing."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 1000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert "末尾" not in capsys.readouterr().out
    guiyang = _city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("贵阳甲公司", "企业", 1000, "")])
    assert main(["merge", str(out), str(guiyang)]) == 0
    said = capsys.readouterr().out
    assert [r["企业名称"] for r in _rows(out)] == ["遵义甲公司", "贵阳甲公司"]
    assert "贵阳市 1 行" in said and "接在全省表末尾" in said and "“市（州）”列" in said
    _city(guiyang, "贵阳市", [("贵阳甲公司", "企业", 1000, ""), ("贵阳乙公司", "企业", 1000, "")])
    anshun = _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("安顺甲公司", "企业", 1000, "")])
    assert main(["merge", str(out), str(guiyang), str(anshun)]) == 0
    said = capsys.readouterr().out
    assert [r["企业名称"] for r in _rows(out)] == ["遵义甲公司", "贵阳甲公司", "贵阳乙公司", "安顺甲公司"]
    assert "贵阳市 1 行" in said and "安顺市 1 行" not in said


def test_a_province_clerks_figure_differing_from_the_citys_names_the_city_table_not_an_application(tmp_path):
    """The province's clerk corrected a city's row (年度交易额 2000 after a phone call, 市州评分 60); at the next merge
    the row's 问题 said “年度交易额（万元）汇总表为2000，申报表为2500”: the province reads no application, the 2500 is
    the city's table. It now names the province table and the city's table."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2500, "")])
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(zunyi)])
    wb = load_workbook(out)
    ws = wb["项目汇总表"]
    head = [c.value for c in ws[3]]
    ws.cell(4, head.index("年度交易额（万元）") + 1, 2000)
    wb.save(out)
    main(["merge", str(out), str(zunyi)])
    (row,) = _rows(out)
    assert row["年度交易额（万元）"] == 2000
    assert "XC_SUMMARY_MISMATCH" in row["问题"] and "申报表" not in row["问题"], row["问题"]
    assert "全省表为2000，市（州）汇总表为2500" in row["问题"], row["问题"]


def test_the_province_table_caught_by_the_clerks_wildcard_is_updated_not_refused(tmp_path, capsys):
    """The province keeps 全省.xlsx beside the cities' summaries and, when a late city's arrives, merges again with
    ``shibai merge 全省.xlsx *.xlsx``: the wildcard lists 全省.xlsx too. It was refused with “请给它另起一个文件名
    （本工具会新建）” — following that, a new province table without the province's own edits. An existing province
    table among the inputs is the one being updated: it is not read as a city's summary, the terminal says so, and
    the late city's rows are added to it; the province's own column stays."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    wb = load_workbook(out)
    ws = wb["项目汇总表"]
    ws.cell(4, ws.max_column + 1).value = "省厅已电话核实"
    wb.save(out)
    _city(tmp_path / "安顺市汇总表.xlsx", "安顺市", [("安顺乙公司", "企业", 3000, "")])
    capsys.readouterr()
    assert main(["merge", str(out), *sorted(map(str, tmp_path.glob("*.xlsx")))]) == 0
    said = capsys.readouterr().out
    assert "“全省.xlsx”是要更新的全省汇总表，不作为市（州）汇总表读取" in said, said
    got = _rows(out)
    assert sorted(r["企业名称"] for r in got) == ["安顺乙公司", "遵义甲公司"], got
    assert "省厅已电话核实" in [c.value for c in load_workbook(out)["项目汇总表"][4]]


def test_a_city_summary_given_as_the_province_table_is_still_refused(tmp_path, capsys):
    """``shibai merge 遵义市汇总表.xlsx 遵义市汇总表.xlsx …``: the first file is a city's summary, not a province table;
    writing the province over it would lose it. Still refused, untouched."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, "")])
    before = zunyi.read_bytes()
    assert main(["merge", str(zunyi), str(zunyi)]) == 2
    assert "也在要合并的市（州）汇总表中" in capsys.readouterr().err and zunyi.read_bytes() == before
