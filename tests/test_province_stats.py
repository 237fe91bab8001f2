"""``shibai merge``'s 统计 sheet: amounts, 前置条件 split and mean scores per 市（州） × 项目类型 (pandas),
beside the count table and its chart. The city summaries are typed by hand into blank templates made
by ``shibai new summary`` (as a bureau fills the official 附件4); every expected figure is worked out
in the comments from what was typed."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs.merge import merge

NOW = datetime(2024, 9, 1, 10, 0)
COLUMNS = ("企业名称", "项目类型", "年度交易额（万元）", "年度网络零售额（万元）", "前置条件", "自动评分", "市州评分", "状态")

GUIYANG = [
    ("贵阳甲产业园", "园区", 35000, 4200, "达标", 96, 90, None),
    ("贵阳乙产业园", "园区", 12000.5, 3000, "待定", 80, None, None),
    ("贵阳丙电子商务有限公司", "企业", "1,200", 600, "不达标", 55, 60, None),
    ("贵阳丁电子商务有限公司", "企业", 2600, "待补充", "达标", 88, 85, None),
    ("贵阳戊直播团队", "团队", 999, 999, "达标", 99, 99, "已撤回"),      # withdrawn: not merged, not counted
]
ZUNYI = [
    ("遵义甲直播电商基地", "基地", 8000, 2600, "达标", 100, 95, None),
    ("遵义乙电子商务有限公司", "企业", 500, 300, None, None, 70, None),    # never checked: 自动评分 not averaged
    ("遵义丙电子商务有限公司", "企业", None, None, "达标", 90, None, None),
]


def city_summary(path: Path, city: str, rows) -> Path:
    """A blank 附件4 from ``shibai new summary``, rows typed under its header (the table extended)."""
    assert main(["new", "summary", "--out", str(path), "--title", f"{city}2024年电商“十百千万”工程示范项目汇总表"]) == 0
    wb = load_workbook(path)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value}
    for n, values in enumerate(rows, 1):
        ws.cell(3 + n, cols["序号"]).value = n
        ws.cell(3 + n, cols["市（州）"]).value = city
        for name, v in zip(COLUMNS, values):
            ws.cell(3 + n, cols[name]).value = v
    table.ref = f"A3:{table.ref.split(':')[1].rstrip('0123456789')}{3 + len(rows)}"
    wb.save(path)
    return path


def figures(path: Path) -> tuple[list[str], dict[tuple[str, str], dict]]:
    """The figures block of the 统计 sheet: its header and rows keyed by (市（州）, 项目类型)."""
    ws = load_workbook(path)["统计"]
    left = next(c for c in range(2, ws.max_column + 1) if ws.cell(2, c).value == "市（州）")
    header = []
    for c in range(left, ws.max_column + 1):
        if ws.cell(2, c).value is None:
            break
        header.append(ws.cell(2, c).value)
    out = {}
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, left).value is None:
            break
        row = {h: ws.cell(r, left + i).value for i, h in enumerate(header)}
        out[(row["市（州）"], row["项目类型"])] = row
    return header, out


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    d = tmp_path_factory.mktemp("province")
    gy = city_summary(d / "贵阳市汇总表.xlsx", "贵阳市", GUIYANG)
    zy = city_summary(d / "遵义市汇总表.xlsx", "遵义市", ZUNYI)
    out = d / "全省.xlsx"
    merge(out, [gy, zy], now=NOW)
    return out


def test_figures_per_city_and_type_against_hand_sums(province):
    header, got = figures(province)
    assert header == ["市（州）", "项目类型", "项目数", "年度交易额合计（万元）", "年度网络零售额合计（万元）", "达标", "不达标",
                      "待定", "未检查", "自动评分平均", "市州评分平均", "市州已评分项目数"]
    assert list(got) == [("贵阳市", "园区"), ("贵阳市", "企业"), ("贵阳市", "小计"), ("遵义市", "基地"), ("遵义市", "企业"),
                         ("遵义市", "小计"), ("全省合计", None)]

    def figs(key):
        r = got[key]
        return tuple(r[h] for h in header[2:])

    # 园区: 35000 + 12000.5; 4200 + 3000; 达标 1, 待定 1; (96 + 80) / 2; only 甲 has a 市州评分
    assert figs(("贵阳市", "园区")) == (2, 47000.5, 7200, 1, 0, 1, 0, 88, 90, 1)
    # 企业: "1,200" + 2600; 600 ("待补充" is not a number); (55 + 88) / 2; (60 + 85) / 2
    assert figs(("贵阳市", "企业")) == (2, 3800, 600, 1, 1, 0, 0, 71.5, 72.5, 2)
    # the withdrawn team is in neither: 4 projects, (96 + 80 + 55 + 88) / 4, (90 + 60 + 85) / 3
    gy = figs(("贵阳市", "小计"))
    assert gy[:9] == (4, 50800.5, 7800, 2, 1, 1, 0, 79.75, pytest.approx(235 / 3)) and gy[9] == 3
    assert figs(("遵义市", "基地")) == (1, 8000, 2600, 1, 0, 0, 0, 100, 95, 1)
    # 乙 was never checked (前置条件 blank): 未检查, and its 自动评分 (left blank by merge) is not averaged;
    # 丙 left both amounts blank: the sums are 乙's alone
    assert figs(("遵义市", "企业")) == (2, 500, 300, 1, 0, 0, 1, 90, 70, 1)
    assert figs(("遵义市", "小计")) == (3, 8500, 2900, 2, 0, 0, 1, 95, 82.5, 2)
    # 7 projects; 47000.5 + 3800 + 8000 + 500; 7200 + 600 + 2600 + 300; (319 + 190) / 6; 400 / 5
    total = figs(("全省合计", None))
    assert total[:8] == (7, 59300.5, 10700, 4, 1, 1, 1, pytest.approx(509 / 6)) and total[8:] == (80, 5)


def test_counts_agree_with_the_count_table_and_the_chart_is_kept(province):
    wb = load_workbook(province)
    ws = wb["统计"]
    counts = {r[0]: r[1:5] for r in ws.iter_rows(min_row=3, max_col=5, values_only=True) if r[0]}
    _, got = figures(province)
    for city in ("贵阳市", "遵义市"):
        by_type = tuple(got[(city, t)]["项目数"] if (city, t) in got else 0 for t in ("园区", "基地", "企业", "团队"))
        assert counts[city] == by_type
    assert counts["贵阳市"] == (2, 0, 2, 0) and counts["遵义市"] == (0, 1, 2, 0)
    assert ws._charts and ws.cell(2, 1).value == "市（州）"
    # printed as two pages: the counts with their chart, then the figures
    assert [a.split("!")[1] for a in ws.print_area.split(",")] == ["$A$1:$J$26", "$L$1:$W$9"]


def test_merging_again_writes_the_same_figures(province, tmp_path):
    before = figures(province)
    d = province.parent
    merge(province, [d / "贵阳市汇总表.xlsx", d / "遵义市汇总表.xlsx"], now=datetime(2024, 10, 1))
    assert figures(province) == before


def _typed_into_province(province, tmp_path, rows):
    """A copy of the province table with ``rows`` ((column, value) pairs each) typed by a clerk under its projects,
    the table stretched over them; (its path, the header's columns)."""
    out = tmp_path / "全省.xlsx"
    out.write_bytes(province.read_bytes())
    wb = load_workbook(out)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value}
    last = int("".join(ch for ch in table.ref.split(":")[1] if ch.isdigit()))
    for i, row in enumerate(rows, 1):
        for name, value in row:
            ws.cell(last + i, cols[name]).value = value
    table.ref = table.ref.split(":")[0] + ":" + table.ref.split(":")[1].rstrip("0123456789") + str(last + len(rows))
    wb.save(out)
    return out, cols


def test_a_row_typed_the_official_way_is_counted_by_its_short_type(province, tmp_path):
    """A row the province typed into its own table as 示范园区 (not from any city file) is a 园区 in both the
    count table and the figures, and keeps its spelling (issue 12.5; CONTRACT §3 short forms)."""
    out, cols = _typed_into_province(province, tmp_path, [
        (("序号", 99), ("市（州）", "安顺市"), ("企业名称", "安顺某电商产业园"), ("项目类型", "示范园区"),
         ("年度交易额（万元）", 1000), ("前置条件", "达标"))])
    d = province.parent
    merge(out, [d / "贵阳市汇总表.xlsx"], now=datetime(2024, 10, 1))
    counts = {r[0]: r[1:5] for r in load_workbook(out)["统计"].iter_rows(min_row=3, max_col=5, values_only=True) if r[0]}
    assert counts["安顺市"] == (1, 0, 0, 0)
    _, got = figures(out)
    assert got[("安顺市", "园区")]["项目数"] == 1 and got[("安顺市", "园区")]["年度交易额合计（万元）"] == 1000
    ws = load_workbook(out)["项目汇总表"]
    assert any(ws.cell(r, cols["项目类型"]).value == "示范园区" for r in range(4, ws.max_row + 1))


def test_the_terminal_total_is_the_statistics_total_and_unreadable_amounts_are_said(tmp_path, capsys):
    """Amounts as clerks type them: the terminal's 年度交易额合计 is the 统计 sheet's 全省合计 (one reading of
    every cell); an amount no total can count is named on its row (FIELD_AMOUNT); a row without a score keeps
    its 自动评分 blank."""
    bj = city_summary(tmp_path / "毕节市汇总表.xlsx", "毕节市", [
        ("毕节甲产业园", "园区", "3.5亿元", 100, "达标", 90, None, None),      # 35000 万元
        ("毕节乙电子商务有限公司", "企业", "约六千万", 100, "达标", 80, None, None),   # cannot be counted
        ("毕节丙电子商务有限公司", "企业", -100, 100, "达标", 70, None, None),      # cannot be counted
        ("毕节丁电子商务有限公司", "企业", "５００", 100, None, None, None, None),   # 500; never checked
    ])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(bj)]) == 1        # amounts no total can count: written, incomplete (README)
    printed = capsys.readouterr().out
    _, got = figures(out)
    assert got[("全省合计", None)]["年度交易额合计（万元）"] == 35500
    assert "年度交易额合计 35500 万元" in printed
    wb = load_workbook(out)
    ws = wb["项目汇总表"]
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(r, cols["企业名称"]).value: r for r in range(4, ws.max_row + 1)}
    problems = {name: str(ws.cell(r, cols["问题"]).value or "") for name, r in rows.items() if name}
    assert "FIELD_AMOUNT" in problems["毕节乙电子商务有限公司"] and "约六千万" in problems["毕节乙电子商务有限公司"]
    assert "FIELD_AMOUNT" in problems["毕节丙电子商务有限公司"]
    assert "FIELD_AMOUNT" not in problems["毕节甲产业园"] + problems["毕节丁电子商务有限公司"]
    assert ws.cell(rows["毕节丁电子商务有限公司"], cols["自动评分"]).value is None
    assert ws.cell(rows["毕节甲产业园"], cols["自动评分"]).value == 90


def test_a_retail_amount_no_total_counts_does_not_mark_the_trade_total_incomplete(tmp_path, capsys):
    """Every 年度交易额 read (35000 + 1200.5), one 年度网络零售额 typed “约300”: the terminal said “年度交易额合计
    36200.5 万元（不完整）” (QA) — the trade total is whole; the line naming the retail amount left out says what is
    short, and the merge is still incomplete (exit 1). An unreadable 年度交易额 keeps its “（不完整）”."""
    lp = city_summary(tmp_path / "六盘水市汇总表.xlsx", "六盘水市", [
        ("六盘水甲产业园", "园区", "3.5亿元", 12000, "达标", 88, None, None),
        ("六盘水乙电子商务有限公司", "企业", "1,200.5", "约300", "达标", 70, None, None),
    ])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(lp)]) == 1
    printed = capsys.readouterr().out
    assert "年度交易额合计 36200.5 万元\n" in printed
    assert "乙电子商务有限公司（年度网络零售额（万元））" in printed
    lp = city_summary(tmp_path / "六盘水市汇总表（二）.xlsx", "六盘水市", [
        ("六盘水甲产业园", "园区", "3.5亿元", 12000, "达标", 88, None, None),
        ("六盘水乙电子商务有限公司", "企业", "约1200", 300, "达标", 70, None, None),
    ])
    assert main(["merge", str(tmp_path / "全省2.xlsx"), str(lp)]) == 1
    assert "年度交易额合计 35000 万元（不完整）" in capsys.readouterr().out


def test_a_sum_beyond_what_a_number_holds_is_left_blank_without_an_english_warning():
    """Two amounts typed absurdly large (1e308 each): numpy printed "RuntimeWarning: overflow encountered" on the
    clerk's screen and the sum was written as if it were a figure (QA)."""
    import warnings

    from shibai_xl.engine.province_stats import ProjectFigures, province_table

    projects = [ProjectFigures("贵阳市", "企业", "达标", 100, 1e308, 70, None),
                ProjectFigures("遵义市", "企业", "达标", 200, 1e308, 80, None)]
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        table = province_table(projects)
    assert seen == []
    total = table.rows[-1]
    assert total[3] == 300 and total[4] is None


def test_the_terminal_says_a_total_beyond_what_a_number_holds_was_not_computed():
    """Province amounts typed absurdly large (1e308 twice): the terminal printed "年度交易额合计 Infinity 万元" (English,
    and no figure at all) while the 统计 sheet left the total blank."""
    from pathlib import Path

    from shibai_xl.jobs.merge import MergeReport

    report = MergeReport(province=Path("全省.xlsx"), projects=2, trade=float("inf"))
    text = report.describe()
    assert "Infinity" not in text and "inf" not in text.lower() and "未计算" in text
    assert "年度交易额合计 300 万元" in MergeReport(province=Path("全省.xlsx"), projects=2, trade=300.0).describe()


def test_the_count_table_lists_the_cities_in_the_notices_order_as_the_figures_do(tmp_path):
    """Three cities' summaries merged: the count table of the 统计 sheet lists them in the notice's order of the
    市（州） (贵阳市, 遵义市, 六盘水市, 安顺市 …), as the figures block beside it does — not in the order of their
    characters' code points (六盘水市, 安顺市, 遵义市), which put the two tables of one page in different orders."""
    files = [city_summary(tmp_path / f"{city}汇总表.xlsx", city, [(f"{city[:2]}甲电子商务有限公司", "企业", 2600, 900,
                                                                "达标", 90, None, None)])
             for city in ("遵义市", "安顺市", "六盘水市")]
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), *map(str, files)]) == 0
    ws = load_workbook(out)["统计"]
    counted = [ws.cell(r, 1).value for r in range(3, 6)]
    assert counted == ["遵义市", "六盘水市", "安顺市"] and ws.cell(6, 1).value == "合计"
    _, got = figures(out)
    assert [c for c, t in got if t == "小计"] == counted


def chart_title(ws) -> str:
    """The text of the 统计 sheet's chart title as Excel shows it above the bars."""
    return "".join(run.t for p in ws._charts[0].title.tx.rich.p for run in (p.r or []))


def figures_title(ws) -> str:
    left = next(c for c in range(2, ws.max_column + 1) if ws.cell(2, c).value == "市（州）")
    return ws.cell(1, left).value


def test_an_incomplete_merge_says_so_on_the_chart_and_on_the_figures_page(tmp_path):
    """One city's summary cannot be read: the count table's title said 合计不完整, but the chart (copied into
    reports on its own) and the figures block (printed as a page of its own, with a 全省合计 row) showed the
    short totals as if they were the province's (QA)."""
    gy = city_summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", GUIYANG[:2])
    bj = tmp_path / "毕节市汇总表.xlsx"
    bj.write_bytes(b"not a workbook at all")
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy), str(bj)]) == 1
    ws = load_workbook(out)["统计"]
    assert "合计不完整" in ws["A1"].value
    assert chart_title(ws) == "各市（州）示范项目申报数量（合计不完整）"
    assert "合计不完整" in figures_title(ws)
    # once the city sends a readable summary, the titles are plain again
    bj.unlink()
    city_summary(bj, "毕节市", [("毕节甲电子商务有限公司", "企业", 800, 300, "达标", 80, None, None)])
    assert main(["merge", str(out), str(gy), str(bj)]) == 0
    ws = load_workbook(out)["统计"]
    assert "不完整" not in ws["A1"].value + chart_title(ws) + figures_title(ws)


def test_amounts_no_total_can_count_leave_the_statistics_marked_incomplete(tmp_path):
    """An amount nobody can read ("约六千万"): merge exits 1 and the terminal says the 年度交易额合计 is 不完整, yet the
    统计 sheet — where the province reads its totals — said nothing of it (QA). It now names the amount there."""
    gy = city_summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [
        ("贵阳乙电子商务有限公司", "企业", "约六千万", 600, "达标", 90, None, None),
        ("贵阳丙电子商务有限公司", "企业", 1000, 600, "达标", 80, None, None),
    ])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy)]) == 1
    ws = load_workbook(out)["统计"]
    assert "合计不完整" in ws["A1"].value and "贵阳乙电子商务有限公司（年度交易额（万元））" in ws["A1"].value
    assert "合计不完整" in figures_title(ws)
    assert chart_title(ws) == "各市（州）示范项目申报数量"     # the project counts are whole: 2 projects
    _, got = figures(out)
    assert got[("全省合计", None)]["年度交易额合计（万元）"] == 1000


def test_a_verdict_typed_with_a_note_is_counted_as_that_verdict(tmp_path):
    """前置条件 typed by hand with a note or a space (“不达标（无审计报告）”, “达 标”, “待定(补材料)”) was counted as
    未检查, and its 自动评分 left out of the mean (QA): each is counted under its verdict; other text (“已核”) says
    neither 达标 nor 不达标: merge writes it 待定 (CONTRACT §3), counted so, its 自动评分 averaged as a 待定's."""
    gy = city_summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [
        ("贵阳甲电子商务有限公司", "企业", 1000, 600, "不达标（无审计报告）", 50, None, None),
        ("贵阳乙电子商务有限公司", "企业", 1000, 600, "达 标", 90, None, None),
        ("贵阳丙电子商务有限公司", "企业", 1000, 600, "待定(补材料)", 70, None, None),
        ("贵阳丁电子商务有限公司", "企业", 1000, 600, "已核", 10, None, None),
    ])
    out = tmp_path / "全省.xlsx"
    merge(out, [gy], now=NOW)
    _, got = figures(out)
    row = got[("贵阳市", "企业")]
    assert (row["项目数"], row["达标"], row["不达标"], row["待定"], row.get("未检查")) == (4, 1, 1, 2, None)
    assert row["自动评分平均"] == 55          # (50 + 90 + 70 + 10) / 4


def test_rows_the_province_typed_with_a_short_or_official_city_name_are_counted_under_that_city(province, tmp_path):
    """Rows a province clerk added by hand with 市（州） typed 贵阳, “贵 阳 市” or 黔东南苗族侗族自治州 made groups of their
    own beside 贵阳市 in the count table, its chart and the figures (three bars for one city) (QA); they are the
    所属市（州） field's reading of the name, as everywhere a city is read. A name that is no city stays as typed."""
    added = (("贵阳", "贵阳己电子商务有限公司"), ("贵 阳 市", "贵阳庚电子商务有限公司"),
             ("黔东南苗族侗族自治州", "凯里甲电子商务有限公司"), ("北京市", "北京甲电子商务有限公司"))
    out, _ = _typed_into_province(province, tmp_path, [
        (("序号", 90 + i), ("市（州）", city), ("企业名称", name), ("项目类型", "企业"), ("年度交易额（万元）", 1000),
         ("前置条件", "达标")) for i, (city, name) in enumerate(added, 1)])
    d = province.parent
    merge(out, [d / "贵阳市汇总表.xlsx", d / "遵义市汇总表.xlsx"], now=datetime(2024, 10, 1))
    counts = {r[0]: r[1:5] for r in load_workbook(out)["统计"].iter_rows(min_row=3, max_col=5, values_only=True) if r[0]}
    # 贵阳市: 2 园区 and 2 企业 from its summary, and the two rows typed 贵阳 / 贵 阳 市
    assert counts == {"贵阳市": (2, 0, 4, 0), "遵义市": (0, 1, 2, 0), "黔东南州": (0, 0, 1, 0), "北京市": (0, 0, 1, 0),
                      "合计": counts["合计"]}
    _, got = figures(out)
    assert [c for c, t in got if t == "小计"] == ["贵阳市", "遵义市", "黔东南州", "北京市"]
    assert got[("贵阳市", "企业")]["项目数"] == 4 and got[("贵阳市", "企业")]["年度交易额合计（万元）"] == 3800 + 2000


def test_a_project_without_a_type_is_a_row_of_its_own_not_one_that_looks_like_a_subtotal(tmp_path):
    """A city left 项目类型 blank on one row: the figures block listed it as “贵阳市 | (blank) | 1 …” in bold, the look of
    a 小计 row, above the real 小计 (QA). It is labelled 类型未识别, as in the count table beside it, and not bold."""
    gy = city_summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [
        ("贵阳丙电子商务有限公司", "企业", 4000, 600, "达标", 96, None, None),
        ("贵阳丁电子商务有限公司", None, 1000, 600, "达标", 80, None, None),
    ])
    out = tmp_path / "全省.xlsx"
    merge(out, [gy], now=NOW)
    _, got = figures(out)
    assert list(got) == [("贵阳市", "企业"), ("贵阳市", "类型未识别"), ("贵阳市", "小计"), ("全省合计", None)]
    assert got[("贵阳市", "类型未识别")]["项目数"] == 1 and got[("贵阳市", "类型未识别")]["年度交易额合计（万元）"] == 1000
    ws = load_workbook(out)["统计"]
    left = next(c for c in range(2, ws.max_column + 1) if ws.cell(2, c).value == "市（州）")
    bold = {ws.cell(r, left + 1).value: bool(ws.cell(r, left).font.b) for r in range(3, 6)}
    assert bold == {"企业": False, "类型未识别": False, "小计": True}
    assert ws.cell(2, 6).value == "类型未识别" and ws.cell(3, 6).value == 1   # the count table's own column


def test_a_project_the_province_typed_without_a_name_is_said_not_dropped(province, tmp_path, capsys):
    """A clerk types a project into the province table (遵义市, 企业, 900 万元, 市州评分 80) but not its 企业名称: the
    statistics left it out with nothing said — the terminal's total, the 统计 sheet and the exit code all looked
    complete (QA). A city summary's row typed so is said (“行缺企业名称未能计入”); the province's own is too, on
    every merge until its name is filled in, and then counted."""
    out, cols = _typed_into_province(province, tmp_path, [
        (("序号", 8), ("市（州）", "遵义市"), ("项目类型", "企业"), ("年度交易额（万元）", 900), ("市州评分", 80))])
    d = province.parent
    cities = [str(d / "贵阳市汇总表.xlsx"), str(d / "遵义市汇总表.xlsx")]
    before = figures(province)[1][("全省合计", None)]
    ws = load_workbook(out)["项目汇总表"]    # the clerk's row: under the projects (the withdrawn team's row among them)
    at = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, cols["序号"]).value == 8
              and ws.cell(r, cols["企业名称"]).value is None)
    for _ in range(2):     # said again at the next merge, not twice
        assert main(["merge", str(out), *cities]) == 1     # incomplete (贵阳丁's “待补充” is, too)
        printed = capsys.readouterr()
        assert "1 行缺企业名称未能计入" in printed.out and f"全省表（第{at}行）" in printed.out
        assert printed.out.count(f"全省表（第{at}行）") == 1
        title = load_workbook(out)["统计"]["A1"].value
        assert "合计不完整" in title and "1 行缺企业名称未能计入" in title
        assert figures(out)[1][("全省合计", None)] == before
    wb = load_workbook(out)
    wb["项目汇总表"].cell(at, cols["企业名称"]).value = "遵义手工电子商务有限公司"
    wb.save(out)
    main(["merge", str(out), *cities])
    assert f"全省表（第{at}行）" not in capsys.readouterr().out
    assert "缺企业名称" not in load_workbook(out)["统计"]["A1"].value
    total = figures(out)[1][("全省合计", None)]
    assert (total["项目数"], total["年度交易额合计（万元）"]) == (before["项目数"] + 1, before["年度交易额合计（万元）"] + 900)


def test_rows_the_province_typed_with_a_county_are_counted_under_its_city(province, tmp_path):
    """A province clerk typed 市（州） as the county the project is in — 凯里市, 仁怀市, 威宁彝族回族苗族自治县 — on rows
    added by hand: the count table, its chart and the figures showed “凯里市” … as three more 市（州）, each a bar of its
    own, and 黔东南州, 遵义市, 毕节市 short of them (QA). A city summary's row typed so is merged under its 市（州）; the
    province's own rows are now counted the same way (the county's 市（州） by the division table)."""
    added = (("凯里市", "凯里乙电子商务有限公司", 1000.5), ("仁怀市", "仁怀甲电子商务有限公司", 2000),
             ("威宁彝族回族苗族自治县", "威宁甲电子商务有限公司", 300.25))
    out, _ = _typed_into_province(province, tmp_path, [
        (("序号", 80 + i), ("市（州）", city), ("企业名称", name), ("项目类型", "企业"), ("年度交易额（万元）", amount),
         ("前置条件", "达标")) for i, (city, name, amount) in enumerate(added, 1)])
    d = province.parent
    merge(out, [d / "贵阳市汇总表.xlsx", d / "遵义市汇总表.xlsx"], now=datetime(2024, 10, 1))
    counts = {r[0]: r[1:5] for r in load_workbook(out)["统计"].iter_rows(min_row=3, max_col=5, values_only=True) if r[0]}
    # 遵义市: its 1 基地 and 2 企业, and 仁怀市's 企业; 毕节市 (威宁), 黔东南州 (凯里) one 企业 each, in the notice's order
    assert list(counts) == ["贵阳市", "遵义市", "毕节市", "黔东南州", "合计"]
    assert counts["遵义市"] == (0, 1, 3, 0) and counts["毕节市"] == counts["黔东南州"] == (0, 0, 1, 0)
    _, got = figures(out)
    assert [c for c, t in got if t == "小计"] == ["贵阳市", "遵义市", "毕节市", "黔东南州"]
    assert got[("遵义市", "企业")]["年度交易额合计（万元）"] == 500 + 2000   # 遵义丙 has no amount
    assert got[("黔东南州", "企业")]["年度交易额合计（万元）"] == 1000.5
    assert got[("毕节市", "企业")]["年度交易额合计（万元）"] == 300.25
    assert got[("全省合计", None)]["项目数"] == 7 + 3


def test_a_city_that_reported_no_project_is_shown_with_zero(tmp_path):
    """六盘水市 sends its 附件4 with no project (none applied), 安顺市 one whose only project was withdrawn: the count
    table, its chart and the figures block listed 贵阳市 alone — a reader could not tell the cities that reported none
    from those that did not report (QA). Each city that reported has its row, with 0."""
    gy = city_summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", GUIYANG[:2])
    lps = city_summary(tmp_path / "六盘水市汇总表.xlsx", "六盘水市", [])
    an = city_summary(tmp_path / "安顺市汇总表.xlsx", "安顺市",
                      [("安顺甲电子商务有限公司", "企业", 800, 300, "达标", 80, None, "已撤回")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy), str(lps), str(an)]) == 0
    ws = load_workbook(out)["统计"]
    assert [ws.cell(r, 1).value for r in range(3, 7)] == ["贵阳市", "六盘水市", "安顺市", "合计"]
    assert [[ws.cell(r, c).value for c in range(2, 6)] for r in range(3, 6)] == [[2, 0, 0, 0], [0] * 4, [0] * 4]
    series = ws._charts[0].series[0]
    assert series.cat.numRef.f.endswith("$A$5")
    _, got = figures(out)
    assert got[("六盘水市", "小计")]["项目数"] == 0 and got[("安顺市", "小计")]["项目数"] == 0
    assert got[("贵阳市", "小计")]["项目数"] == 2 and got[("全省合计", None)]["项目数"] == 2


def test_the_figures_of_every_city_print_with_their_header_on_each_page(tmp_path):
    """All ten 市（州） reporting all four 项目类型 make the figures block 51 rows, longer than an A4 landscape page:
    its second printed page was a column of numbers without the header that says which is 交易额, 零售额, 达标 …
    (the 统计 sheet repeated no rows). The header rows now repeat on every page the sheet prints."""
    from shibai_xl.engine.fields import CITIES
    from tests import libreoffice as lo

    kinds = ("园区", "基地", "企业", "团队")
    files = [city_summary(tmp_path / f"{city}汇总表.xlsx", city,
                          [(f"{city}{k}{i}号", k, 2600, 900, "达标", 90, None, None) for i, k in enumerate(kinds)])
             for city in CITIES]
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), *map(str, files)]) == 0
    pdf = lo.convert(out, "pdf", tmp_path / "pdf")
    pages = [lo.pdf_text(pdf, p).replace(" ", "") for p in range(1, lo.pdf_pages(pdf) + 1)]
    figures_pages = [t for t in pages if "小计" in t]
    assert len(figures_pages) >= 2, len(figures_pages)   # the case: the block runs over a page
    assert all("项目类型" in t and "年度交易额合计" in t for t in figures_pages), figures_pages[-1][:300]


def test_a_provinces_amounts_in_the_millions_of_wan_print_as_numbers_not_hashes(tmp_path):
    """Parks each trade 3亿元 and more (附件2: 年度合计交易额在 3 亿元以上), so a 市（州）'s 小计 and the 全省合计 of
    年度交易额 run to seven digits of 万元: printed (and shown) in columns 12 wide, “≥1,335,678.50” came out as ###
    on the figures page (QA). Each amount column is now as wide as its widest figure as shown."""
    from tests import libreoffice as lo

    gy = city_summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [
        ("贵阳甲产业园", "园区", 260000, 35000, "达标", 96, 90, None),
        ("贵阳乙产业园", "园区", "300000万以上", 90000, "待定", 80, None, None),
        ("贵阳丙产业园", "园区", 245678.5, 12345.5, "达标", 88, None, None),
        ("贵阳丁产业园", "园区", 280000, 40000, "达标", 90, None, None),
        ("贵阳戊产业园", "园区", 250000, 30000, "达标", 91, None, None),
    ])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy)]) == 0
    pdf = lo.convert(out, "pdf", tmp_path / "pdf")
    text = " ".join(lo.pdf_text(pdf, p) for p in range(1, lo.pdf_pages(pdf) + 1))
    assert "###" not in text
    assert "≥1,335,678.50" in text.replace(" ", "")   # 260000 + 300000 (a lower bound) + 245678.5 + 280000 + 250000


def test_the_count_chart_shows_its_axes_in_excel(province):
    """openpyxl 3.1 writes no <c:delete> for an axis unless told, and Excel (WPS too) then hides both: the 统计 chart
    showed bars without the 市（州） under them or the 项目数 scale beside them — LibreOffice drew them, so the PDF
    looked right (QA). The axes are now written as shown, as the 评审结果 chart's are."""
    chart = load_workbook(province)["统计"]._charts[0]
    assert chart.x_axis.delete is False and chart.y_axis.delete is False


def test_the_figures_page_says_its_sums_count_doubted_amounts_as_typed(tmp_path):
    """A city typed 26000000 in the 万元 column (2600亿元: a 元 figure). The row's 问题 asks 是否误按元填写 and the
    terminal names it, but the figures page — printed on its own, its 全省合计 of 26,003,800.00 read as the province's
    trade — said nothing (QA). Its title now says how many of the projects it counts have an amount in doubt, counted as
    typed; a row not counted (withdrawn) is not among them."""
    gy = city_summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [
        ("贵阳丙电子商务有限公司", "企业", 1200, 600, "达标", 55, 60, None),
        ("贵阳丁电子商务有限公司", "企业", 26000000, 800, "达标", 88, 85, None),
        ("贵阳庚电子商务有限公司", "企业", 2600, 600, "达标", 80, None, None),
        ("贵阳戊直播团队", "团队", 13985012345, 999, "达标", 99, 99, "已撤回"),
    ])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy)]) == 0
    ws = load_workbook(out)["统计"]
    assert "其中 1 项金额存疑" in figures_title(ws), figures_title(ws)
    _, got = figures(out)
    assert got[("全省合计", None)]["年度交易额合计（万元）"] == 26003800
    gy.unlink()
    city_summary(gy, "贵阳市", [("贵阳丙电子商务有限公司", "企业", 1200, 600, "达标", 55, 60, None)])
    assert main(["merge", str(out), str(gy)]) == 0
    assert "存疑" not in figures_title(load_workbook(out)["统计"])


def test_the_figures_pages_title_prints_whole(tmp_path):
    """The figures page's title says what its sums hold: lower bounds shown “≥”, amounts in doubt counted as typed, the
    inputs left out. One cell of one line, it ran past the printed columns and the page ended mid-sentence (“含它们的合”)
    — the reader never saw “实际不低于所示” nor the doubt (QA). The title is now wrapped over the block's columns, its row
    as tall as the text."""
    from tests import libreoffice as lo

    gy = city_summary(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [
        ("贵阳乙产业园", "园区", "30000万以上", 3000, "待定", 80, None, None),
        ("贵阳丁电子商务有限公司", "企业", 26000000, 800, "达标", 88, 85, None),
    ])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(gy)]) == 0
    pdf = lo.convert(out, "pdf", tmp_path / "pdf")
    page = next(t for p in range(1, lo.pdf_pages(pdf) + 1) if "小计" in (t := lo.pdf_text(pdf, p)))
    flat = "".join(page.split())
    assert "实际不低于所示" in flat and "已按所填计入合计，请市（州）核实" in flat, page[:600]
