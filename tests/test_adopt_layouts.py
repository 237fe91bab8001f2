"""``refresh`` taking over a hand-typed 附件4 laid out as cities really type it: the amount titles on a second
header row under a merged 统计期 cell, and the projects on one sheet per 项目类型 — no amount lost, no project
added twice."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs import review
from shibai_xl.jobs.merge import merge
from tests.test_summaries_real_world import TRADE, application, official, sha, table_rows

UPPER = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人", "电话",
         "（2023年1月-2023年12月）", None, "市州评分", "推荐意见"]
LOWER = [None] * 10 + ["年度交易额（万元）", "年度网络零售额（万元）", None, None]


def _two_row_header(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(UPPER)
    ws.append(LOWER)
    for c in "ABCDEFGHIJMN":
        ws.merge_cells(f"{c}2:{c}3")
    ws.merge_cells("K2:L2")
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1", 35000, 4200, 90,
               "同意"])
    ws.append([2, "贵阳市", "南明区", "贵阳乙电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 2600, 900, 85,
               "同意"])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, "=SUM(K4:K5)", "=SUM(L4:L5)"])
    wb.save(path)
    return path


def test_a_header_over_two_rows_is_taken_over_with_the_citys_amounts_in_their_columns(tmp_path):
    summary = _two_row_header(tmp_path / "贵阳市汇总表.xlsx")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市", sb_trade_total=1234.5)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    ws = load_workbook(summary).active
    header = [c.value for c in ws[3]]
    assert header.count(TRADE) == 1 and header.count("年度网络零售额（万元）") == 1 and "推荐意见" in header
    assert ws["K2"].value == "（2023年1月-2023年12月）" and ws["A2"].value is None   # the 统计期 stays above its columns
    got = table_rows(summary)
    assert got["贵阳甲电商产业园"][TRADE] == 35000 and got["贵阳甲电商产业园"]["推荐意见"] == "同意"
    assert got["贵阳乙电子商务有限公司"]["年度网络零售额（万元）"] == 900
    assert len(got) == 3 and all(v.get("市州备注") in (None, "") for v in got.values())
    report = merge(tmp_path / "全省.xlsx", [summary])
    assert report.projects == 3 and report.trade == 35000 + 2600 + 1234.5 and not report.unreadable


def test_projects_on_one_sheet_per_type_are_refused_and_the_file_left_as_it_was(tmp_path, capsys):
    wb = Workbook()
    wb.remove(wb.active)
    for kind, name in (("园区", "遵义甲电商产业园"), ("基地", "遵义丙直播基地"), ("说明", None)):
        ws = wb.create_sheet(kind)
        if name is None:
            ws.append(["本表按项目类型分表填写"])
            continue
        ws.append([*UPPER[:10], "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
        ws.append([1, "遵义市", "汇川区", name, "地址", kind, "民企", "业绩", "张三", "0851-1", 1000, 100])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    before = sha(tmp_path / "遵义市汇总表.xlsx")
    application(tmp_path / "apps", "base", "基地.xlsx", sb_city="遵义市", sb_name="遵义丙直播基地")
    assert main(["refresh", str(tmp_path / "遵义市汇总表.xlsx"), "--from", str(tmp_path / "apps")]) == 2
    err = capsys.readouterr().err
    assert "项目分在几个工作表中（“园区”、“基地”）" in err and "文件未改动" in err and "Traceback" not in err
    assert sha(tmp_path / "遵义市汇总表.xlsx") == before


def test_a_second_sheet_with_the_header_but_no_project_does_not_stop_the_takeover(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append([*UPPER[:10], "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
    ws.append([1, "遵义市", "汇川区", "遵义甲电商产业园", "地址", "园区", "民企", "业绩", "张三", "0851-1", 1000, 100])
    blank = wb.create_sheet("空白表")
    blank.append([*UPPER[:10], "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市")
    assert main(["refresh", str(tmp_path / "遵义市汇总表.xlsx"), "--from", str(tmp_path / "apps")]) == 0
    assert len(table_rows(tmp_path / "遵义市汇总表.xlsx")) == 2


def test_a_hand_made_summary_in_yuan_is_taken_over_in_wan(tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(["安顺市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*UPPER[:10], "年度交易额（元）", "年度网络零售额（元）", "市州评分"])
    ws.append([1, "安顺市", "西秀区", "安顺甲电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 26_000_000,
               "9,000,000"])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, "=SUM(K3:K3)", "=SUM(L3:L3)"])
    wb.save(tmp_path / "安顺市汇总表.xlsx")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="安顺市", sb_trade_total=1234.5)
    assert main(["refresh", str(tmp_path / "安顺市汇总表.xlsx"), "--from", str(tmp_path / "apps")]) == 0
    assert "“年度交易额（元）”一栏原按元填写，已换算为万元" in capsys.readouterr().out
    got = table_rows(tmp_path / "安顺市汇总表.xlsx")
    assert got["安顺甲电子商务有限公司"][TRADE] == 2600 and got["安顺甲电子商务有限公司"]["年度网络零售额（万元）"] == 900
    report = merge(tmp_path / "全省.xlsx", [tmp_path / "安顺市汇总表.xlsx"])
    assert report.trade == 2600 + 1234.5


def test_an_application_of_another_city_is_flagged_in_the_citys_summary(tmp_path, capsys):
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市")
    application(tmp_path / "apps", "team", "团队.xlsx", sb_city="贵阳市")
    capsys.readouterr()
    assert main(["refresh", str(tmp_path / "贵阳市汇总表.xlsx"), "--from", str(tmp_path / "apps"), "--city", "贵阳市"]) == 0
    out = capsys.readouterr().out
    assert "1 份申报表所属市（州）不是本汇总表的贵阳市" in out and "企业.xlsx（遵义市）" in out
    got = {v["来源文件"]: v["问题"] or "" for v in table_rows(tmp_path / "贵阳市汇总表.xlsx").values()}
    assert "XC_SUMMARY_MISMATCH" in got["企业.xlsx"] and "XC_SUMMARY_MISMATCH" not in got["团队.xlsx"]
    # a summary whose title names no city (the template's "XX市（州）") flags nothing
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(tmp_path / "apps")]) == 0
    assert not any("XC_SUMMARY_MISMATCH" in (v["问题"] or "") for v in table_rows(tmp_path / "汇总表.xlsx").values())


def test_a_summary_table_reaching_the_last_row_of_the_sheet_takes_new_rows_under_its_projects(tmp_path):
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps"), "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    table = wb.active.tables["sb_summary"]
    table.ref = table.ref.split(":")[0] + ":U1048576"      # formatted over whole columns
    wb.save(summary)
    application(tmp_path / "apps", "team", "团队.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps"), "--city", "贵阳市"]) == 0
    ws = load_workbook(summary).active
    assert ws.tables["sb_summary"].ref == "A3:U5" and [ws.cell(r, 1).value for r in (4, 5)] == [1, 2]


def test_a_hand_made_summary_with_the_attachment_line_above_its_title_knows_its_city(tmp_path, capsys):
    """The notice prints 附件4 as "附件4" on one line and the title "XX市（州）2024年…汇总表" on the next: a clerk who
    typed it so has the title on the second line. The title (and so the city an application of another city is
    checked against) is that line, not "附件4"; a refresh with --city leaves the "附件4" line as it was."""
    wb = Workbook()
    ws = wb.active
    ws.append(["附件4"])
    ws.append(["安顺市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(UPPER[:10] + ["年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
    ws.append([1, "安顺市", "西秀区", "安顺甲电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 2600, 900])
    wb.save(tmp_path / "安顺市汇总表.xlsx")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市")
    capsys.readouterr()
    assert main(["refresh", str(tmp_path / "安顺市汇总表.xlsx"), "--from", str(tmp_path / "apps")]) == 0
    assert "1 份申报表所属市（州）不是本汇总表的安顺市" in capsys.readouterr().out
    got = {v["来源文件"]: v["问题"] or "" for v in table_rows(tmp_path / "安顺市汇总表.xlsx").values()}
    assert "XC_SUMMARY_MISMATCH" in got["企业.xlsx"]
    assert main(["refresh", str(tmp_path / "安顺市汇总表.xlsx"), "--from", str(tmp_path / "apps"), "--city", "安顺"]) == 0
    ws = load_workbook(tmp_path / "安顺市汇总表.xlsx").worksheets[0]
    assert ws["A1"].value == "附件4" and ws["A2"].value.startswith("安顺市2024年")


def test_a_nature_typed_in_full_is_taken_over_as_the_same_nature_not_a_mismatch(tmp_path):
    """A city types 企业性质 as it says it (“民营企业”, “国有企业”) and 项目类型 as “电商企业”: taking the summary over
    writes 民企 / 企业 as 附件4 asks, and flags no XC_SUMMARY_MISMATCH for a value that means what the form says."""
    wb = Workbook()
    ws = wb.active
    ws.append(["安顺市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*UPPER[:10], "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
    ws.append([1, "安顺市", None, "贵州山珍优品电子商务有限公司", None, "电商企业", "民营企业", None, None, None, 2600, 900])
    ws.append([2, "安顺市", None, "安顺乙电子商务有限公司", None, "示范企业", "国有企业", None, None, None, 1000, 100])
    wb.save(tmp_path / "安顺市汇总表.xlsx")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="安顺市")
    assert main(["refresh", str(tmp_path / "安顺市汇总表.xlsx"), "--from", str(tmp_path / "apps")]) == 0
    got = table_rows(tmp_path / "安顺市汇总表.xlsx")
    mine = got["贵州山珍优品电子商务有限公司"]
    assert mine["来源文件"] == "企业.xlsx"
    assert "XC_SUMMARY_MISMATCH" not in (mine["问题"] or ""), mine["问题"]
    assert mine["企业性质"] == "民企" and mine["项目类型"] == "企业"
    assert got["安顺乙电子商务有限公司"]["企业性质"] == "国企"      # a row without its application: 附件4's words too
    # a clerk types it in full again in the tool's summary: the same answer, still no mismatch
    wb = load_workbook(tmp_path / "安顺市汇总表.xlsx")
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    col = [c.value for c in ws[mine["_row"] - mine["序号"]]].index("企业性质") + 1
    ws.cell(mine["_row"], col).value = "民营企业"
    wb.save(tmp_path / "安顺市汇总表.xlsx")
    assert main(["refresh", str(tmp_path / "安顺市汇总表.xlsx"), "--from", str(tmp_path / "apps")]) == 0
    mine = table_rows(tmp_path / "安顺市汇总表.xlsx")["贵州山珍优品电子商务有限公司"]
    assert "XC_SUMMARY_MISMATCH" not in (mine["问题"] or ""), mine["问题"]


def _typed_as_text(ws, ref, value):
    """What Excel saves for a text typed after an apostrophe ('=…): a string cell with the quote prefix."""
    cell = ws[ref]
    cell.value, cell.data_type, cell.quotePrefix = value, "s", True


def test_text_a_city_typed_like_a_formula_stays_text_when_its_hand_made_table_is_taken_over(tmp_path):
    """A city's own column title and a 企业运营情况 merged over two rows, typed '=HYPERLINK(…): the takeover moves
    the title under the two-row header and writes the merged text into each row — as text, never as a formula."""
    evil_title, evil_text = '=HYPERLINK("http://evil.example","表头点我")', '=HYPERLINK("http://evil.example","业绩点我")'
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*UPPER, None])
    ws.append([*LOWER, None])
    for c in "ABCDEFGHIJMNO":
        ws.merge_cells(f"{c}2:{c}3")
    ws.merge_cells("K2:L2")
    _typed_as_text(ws, "O2", evil_title)
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电商产业园", "地址", "园区", "国企", None, "张三", "0851-1", 35000, 4200, 90,
               "同意"])
    ws.append([2, "贵阳市", "南明区", "贵阳乙电子商务有限公司", "地址", "企业", "民企", None, "张三", "0851-1", 2600, 900, 85,
               "同意"])
    _typed_as_text(ws, "H4", evil_text)
    ws.merge_cells("H4:H5")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    ws = load_workbook(summary).active
    assert not [(c.coordinate, c.value) for row in ws.iter_rows() for c in row
                if c.data_type == "f" and "HYPERLINK" in str(c.value)]
    texts = [c.value for row in ws.iter_rows() for c in row]
    assert evil_title in texts and texts.count(evil_text) == 2


def test_a_column_the_city_added_after_an_empty_column_is_kept_when_taken_over(tmp_path):
    """A city's 备注 column typed one column to the right of 市州评分, with an empty column between: the takeover
    wrote the tool's columns (前置条件, 自动评分 …) over it — the remarks were lost without a word. It is kept."""
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*UPPER[:10], "年度交易额（万元）", "年度网络零售额（万元）", "市州评分", None, "备注"])
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1", 35000, 4200, 90,
               None, "已实地核查"])
    ws.append([2, "贵阳市", "南明区", "贵阳乙电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 2600, 900, 85])
    ws["P3"] = "第2批再报"           # a remark typed further right, under no title
    wb.save(tmp_path / "贵阳市汇总表.xlsx")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(tmp_path / "贵阳市汇总表.xlsx"), "--from", str(tmp_path / "apps")]) == 0
    got = table_rows(tmp_path / "贵阳市汇总表.xlsx")
    assert got["贵阳甲电商产业园"]["备注"] == "已实地核查", got["贵阳甲电商产业园"]
    assert "第2批再报" in got["贵阳甲电商产业园"].values(), got["贵阳甲电商产业园"]
    assert got["贵阳甲电商产业园"]["市州评分"] == 90 and got["贵阳甲电商产业园"]["前置条件"] in (None, "")
    assert len(got) == 3


def _printed_form_with_blank_lines(path, projects: int, blank: int):
    """A 附件4 typed on a printed form: the city's projects, then empty ruled lines, then its 合计 row summing the
    whole form (=SUM(K3:K40) on a form of 38 lines), under its own titles (2023年交易额 …)."""
    from tests.test_summaries_real_world import PRINTED

    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*PRINTED[:10], "2023年交易额（万元）", "2023年网络零售额（万元）", "市州评分"])
    for i in range(1, projects + 1):
        ws.append([i, "遵义市", "汇川区", f"遵义{i}号电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1",
                   1000 * i, 100 * i, 80])
    total = 3 + projects + blank
    ws.cell(total, 1, "合计")
    ws.cell(total, 11, f"=SUM(K3:K{total - 1})")
    ws.cell(total, 12, f"=SUM(L3:L{total - 1})")
    wb.save(path)
    return path


def test_a_total_under_the_forms_empty_lines_sums_every_project_refresh_adds(tmp_path, capsys):
    """遵义市 typed 2 projects on its printed 附件4 of 6 lines, the 合计 row under 4 empty lines summing them all
    (=SUM(K3:K8)). Taken over, the 合计 row was not the table's (more than two blank rows above it): the 6 projects
    refresh added filled the empty lines and pushed the 合计 down with its =SUM(K3:K8) unchanged, two projects out
    of the printed total without a word. It is the table's 合计 now: it sums every row above it."""
    from shibai_xl.examples import make_uscc

    summary = _printed_form_with_blank_lines(tmp_path / "遵义市汇总表.xlsx", projects=2, blank=4)
    for i in range(6):
        application(tmp_path / "apps", "enterprise", f"企业{i}.xlsx", sb_city="遵义市", sb_trade_total=100 + i,
                    sb_name=f"遵义新{i}号电子商务有限公司", sb_uscc=make_uscc("520303", f"MA6H3B2{i}K"))
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    ws = load_workbook(summary).active
    total = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    assert total == 3 + 8 and ws.cell(total, 11).value == f"=SUM(K3:K{total - 1})"
    assert ws.cell(total, 12).value == f"=SUM(L3:L{total - 1})"
    assert [ws.cell(r, 4).value for r in range(3, total)].count(None) == 0
    # the rows filling the empty lines are the table's (its filter, banding and sorting take them), not left under it
    assert ws.tables["sb_summary"].ref.endswith(f"{total - 1}")


def _counted_city(path, label):
    from tests.test_merge_counts_a_project_once import HEAD

    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD[:13])
    for i, (name, trade) in enumerate((("遵义甲公司", 2000), ("遵义乙公司", 1000), ("遵义丙公司", 500)), 1):
        ws.append([i, "遵义市", "汇川区", name, "地址", "企业", "民企", "业绩" * 80, "张三", "0851-1", trade, trade / 2, 80])
    ws.append([label, None, None, None, None, None, None, None, None, None, 3500, 1750])
    ws.append(["填报人：李四"])
    wb.save(path)
    return path


def test_a_count_typed_in_the_total_row_that_no_longer_holds_is_said_by_refresh(tmp_path, capsys):
    """A hand-typed 附件4 closes with “合计：3个项目”: the refresh adds an application and recomputes the sums, but the
    label went on saying 3 projects over 4 with nothing said. The refresh says the count no longer holds."""
    summary = _counted_city(tmp_path / "遵义市汇总表.xlsx", "合计：3个项目")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市", sb_county="汇川区")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    assert "写明“合计：3个项目”，表中现有 4 个项目" in said, said
    # the count made right: nothing said
    wb = load_workbook(summary)
    ws = wb.active
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "合计：3个项目")
    ws.cell(row, 1).value = "合计：4个项目"
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    assert "写明“合计" not in capsys.readouterr().out


def test_a_hand_made_summary_filtered_by_the_city_keeps_its_filter_in_the_table_not_beside_it(tmp_path):
    """A hand-made 附件4 with Excel's 筛选 on (项目类型 filtered to 园区, the 企业 row hidden by it): taken over, the
    sheet's AutoFilter stayed over the cells of the new sb_summary table — a file Excel "repairs" on opening by
    deleting the table. The filter now is the table's own (same column, same criteria, the row still hidden)."""
    summary = _two_row_header(tmp_path / "贵阳市汇总表.xlsx")
    wb = load_workbook(summary)
    ws = wb.active
    ws.unmerge_cells("A2:A3")
    ws.auto_filter.ref = "A3:N5"
    ws.auto_filter.add_filter_column(5, ["园区"])
    ws.row_dimensions[5].hidden = True
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市", sb_trade_total=1234.5)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    ws = load_workbook(summary).active
    table = ws.tables["sb_summary"]
    assert not ws.auto_filter.ref, ws.auto_filter.ref
    assert table.autoFilter is not None and table.autoFilter.ref == table.ref
    assert [(f.colId, f.filters.filter) for f in table.autoFilter.filterColumn] == [(5, ["园区"])]
    assert ws.row_dimensions[5].hidden and len(table_rows(summary)) == 3


def _numbered_columns(path, total):
    """A hand-typed 附件4 with the 栏次 row printed forms have under the header (1, 2 … 13) and a 合计 row."""
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*UPPER[:10], "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
    ws.append(list(range(1, 14)))
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1", 35000, 4200, 90])
    ws.append([2, "贵阳市", "南明区", "贵阳乙电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 2600, 900, 85])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, *total])
    wb.save(path)
    return path


def test_the_column_numbers_row_under_the_header_is_never_added_into_the_total(tmp_path):
    """The 栏次 row (1, 2 … 13) under a hand-typed 附件4's header: a refresh re-pointed the total's =SUM(K4:K5) to
    =SUM(K3:K6) and recomputed the typed total 5100 as 5112 — the column numbers 11 and 12 added into the printed
    合计 — and review make listed it as a project left out ("项目类型“6”无法识别"). The total covers the projects
    only; the review does not take the row for a project."""
    summary = _numbered_columns(tmp_path / "贵阳市汇总表.xlsx", ["=SUM(K4:K5)", 5100])
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市", sb_trade_total=1234.5,
                sb_online_retail=300)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    ws = load_workbook(summary).active
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
    assert total[10:12] == ("=SUM(K4:K6)", 4200 + 900 + 300), total
    assert len(table_rows(summary)) == 4      # the 栏次 row stays where it was typed, counted as no project
    made = review.make(tmp_path / "评审", summary, ["甲", "乙", "丙"], round_id="2024-05")
    assert len(made.projects) == 3 and not made.skipped, made.skipped     # it was "项目类型“6”无法识别"


def test_a_total_typed_over_the_projects_is_made_to_sum_every_project_refresh_adds(tmp_path, capsys):
    """A hand-typed 附件4 with its 合计 as the first row under the header (as statistical tables put it), =SUM over
    the two projects under it and a typed 网络零售额 total: a refresh added a project under them and left the 合计
    short of it (=SUM(K4:K5), 5100), without a word. It now sums every project and says the stale count."""
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*UPPER[:10], "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
    ws.append(["合计", None, None, "2个项目", None, None, None, None, None, None, "=SUM(K4:K5)", 5100])
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1", 35000, 4200, 90])
    ws.append([2, "贵阳市", "南明区", "贵阳乙电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 2600, 900, 85])
    summary = tmp_path / "贵阳市汇总表.xlsx"
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市", sb_trade_total=1234.5,
                sb_online_retail=300)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    out = capsys.readouterr().out
    ws = load_workbook(summary).active
    assert [c.value for c in ws[3]][10:12] == ["=SUM(K4:K6)", 4200 + 900 + 300]
    assert ws["D6"].value not in (None, "贵阳甲电商产业园", "贵阳乙电子商务有限公司")   # the project added under them
    assert "第3行写明“合计，2个项目”，表中现有 3 个项目" in out, out


def test_a_hand_made_summary_formatted_as_a_filtered_table_keeps_its_filter_in_sb_summary(tmp_path):
    """A hand-made 附件4 formatted as an Excel table (表1) filtered on 项目类型, the 企业 row hidden by it: taken over,
    表1 was replaced by sb_summary without its filter, the row left hidden with no filter to say why or undo it.
    The filter is sb_summary's now, its criteria on the same column."""
    from openpyxl.worksheet.filters import AutoFilter, FilterColumn, Filters
    from openpyxl.worksheet.table import Table

    summary = _numbered_columns(tmp_path / "贵阳市汇总表.xlsx", ["=SUM(K4:K5)", 5100])
    wb = load_workbook(summary)
    ws = wb.active
    ws.delete_rows(3)      # no 栏次 row: the header on row 2, the projects on rows 3-4, the 合计 on row 5
    own = Table(displayName="表1", ref="A2:M4")
    own.autoFilter = AutoFilter(ref="A2:M4", filterColumn=[FilterColumn(colId=5, filters=Filters(filter=["园区"]))])
    ws.add_table(own)
    ws.row_dimensions[4].hidden = True
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市", sb_trade_total=1234.5)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    ws = load_workbook(summary).active
    assert list(ws.tables) == ["sb_summary"] and not ws.auto_filter.ref
    table = ws.tables["sb_summary"]
    assert table.autoFilter.ref == table.ref
    assert [(f.colId, f.filters.filter) for f in table.autoFilter.filterColumn] == [(5, ["园区"])]
    assert ws.row_dimensions[4].hidden


def _typed_without_print_settings(tmp_path, widths=None, portrait_titles=False):
    """贵阳市's 附件4 typed in Excel as a clerk leaves it: the official header, two projects with their 业绩 (no
    column widths, no print settings unless given), and an application in the folder."""
    path = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市2024年电商“十百千万”工程示范项目汇总表", "贵阳市",
                    [("南明区", "贵阳甲电子商务有限公司", "示范企业", "民营企业", 3000, 1000, 85),
                     ("云岩区", "贵阳乙直播团队", "示范直播团队", "民营企业", 800, None, 80)])
    wb = load_workbook(path)
    ws = wb.active
    for letter, width in (widths or {}).items():
        ws.column_dimensions[letter].width = width
    if portrait_titles:
        ws.page_setup.orientation, ws.print_title_rows = "portrait", "2:2"
    wb.save(path)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(path), "--from", str(tmp_path / "apps")]) == 0
    return path


def test_a_hand_made_summary_taken_over_prints_as_the_tools_on_a4_landscape(tmp_path):
    """A 附件4 typed without print settings, taken over: only the print area was set — it printed in portrait over
    two pages, the columns split between them, without the header on the second; the tool's columns (前置条件, 自动评分,
    问题) had Excel's narrow default width, the application's row stood 409 points tall in 8-point type (QA). It
    prints as the tool's own summary: A4 landscape, one page wide, the header row repeated, the tool's widths."""
    ws = load_workbook(_typed_without_print_settings(tmp_path)).active
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, ws.sheet_properties.pageSetUpPr.fitToPage) == ("landscape", 9, True)
    assert ws.print_title_rows == "$2:$2"
    head = {c.value: c.column_letter for c in ws[2] if c.value}
    assert ws.column_dimensions[head["问题"]].width == 40 and ws.column_dimensions[head["自动评分"]].width == 8
    assert ws.column_dimensions["H"].width == 40    # 业绩, the clerk gave no width: the tool's
    new = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 17).value == "企业.xlsx")
    assert ws.row_dimensions[new].height < 200


def test_a_hand_made_summary_keeps_the_print_settings_and_widths_its_clerk_set(tmp_path):
    ws = load_workbook(_typed_without_print_settings(tmp_path, {"H": 60, "D": 30}, portrait_titles=True)).active
    assert (ws.page_setup.orientation, ws.print_title_rows) == ("portrait", "$2:$2")
    assert (ws.column_dimensions["H"].width, ws.column_dimensions["D"].width) == (60, 30)
