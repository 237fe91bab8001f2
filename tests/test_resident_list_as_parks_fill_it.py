"""附件3 as parks fill it: the lines a park types under its companies (以上数据属实, 法定代表人（签字）：, 单位（盖章）…)
are no companies, whether the list is read from the workbook (``shibai check``) or summed by SB_RESIDENTS."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from shibai_xl.faces.udf_functions import residents as sb_residents
from tests.conftest import example

NAME, STAFF, TRADE, RETAIL = "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"
# what parks type under the list, each a note or a signature line; a figure column sometimes holds a number
NOTE_LINES = [{NAME: "以上数据属实"}, {NAME: "　以上信息真实有效。"}, {NAME: "法定代表人（签字）：", TRADE: 0},
              {NAME: "单位（盖章）", STAFF: 1}, {NAME: "填报日期：2024年4月"}, {NAME: "联系人及电话：王红 13985012345"},
              {NAME: "申报单位（盖章）：", RETAIL: 2024}]


def check_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def list_sheet_values(path: Path) -> list[list]:
    """The sheet holding the sb_residents table, as SB_RESIDENTS receives a range of it (header row first)."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for t in ws.tables.values():
            if t.displayName == "sb_residents":
                top = int(t.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
                return [[c.value for c in row] for row in ws.iter_rows(min_row=top)]
    raise AssertionError("no sb_residents table")


@pytest.mark.parametrize("where", ["in-the-table", "under-the-table"])
def test_note_and_signature_lines_under_the_list_are_not_counted_as_companies(make_workbook, capsys, where):
    rows = example_residents("park")       # 12 companies: 111 人, 35000 / 4200 万元, as the form declares
    # a real company whose name merely holds such words counts, with its figures (the form says 13 家)
    rows.append({"序号": 13, NAME: "贵州签字笔厂", STAFF: 3, TRADE: 0.5, RETAIL: 0.5})
    path = make_workbook("park", example("park", sb_resident_count=13, sb_trade_total=3.50005, sb_online_retail=4200.5),
                         residents=[*rows, *NOTE_LINES] if where == "in-the-table" else rows)
    if where == "under-the-table":
        wb = load_workbook(path)
        ws = next(ws for ws in wb.worksheets if "sb_residents" in ws.tables)
        last = int(ws.tables["sb_residents"].ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        header = {ws.cell(int(ws.tables["sb_residents"].ref.split(":")[0][1:]), c).value: c
                  for c in range(1, ws.max_column + 1)}
        for i, line in enumerate(NOTE_LINES, last + 1):
            for key, value in line.items():
                ws.cell(i, next(c for h, c in header.items() if h and key in str(h))).value = value
        wb.save(path)
    obj = check_json(path, capsys)
    said = [f for f in obj["findings"] if f["code"].startswith("XC_RESIDENT")]
    assert not said, said                    # 13 家, sums as declared, no "bad row" either
    summed = dict(map(tuple, sb_residents(list_sheet_values(path))))
    assert summed["家数"] == 13
    assert summed["从业人数合计"] == 114
    assert summed["年度网络零售额合计（万元）"] == pytest.approx(4200.5)
    assert summed["数据有误（处）"] == 0


def typed_list(path: Path, lines: list[list], header: list[str] | None = None) -> Path:
    """A 附件3 typed by hand on a sheet of its own (no table): the title, the header (``header``: as a park titles
    its columns), then ``lines``."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "入驻企业名单"
    ws.append(["附件3"])
    ws.append(["贵州省电商示范园区/直播示范基地入驻电商企业名单"])
    ws.merge_cells("A2:J2")
    ws.append(header or HEADER)
    for line in lines:
        ws.append(line)
    wb.save(path)
    return path


HEADER = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
          "年度网络交易额（万元）", "年度网络零售额（万元）", "备注"]
THREE = [[i, f"贵州黔货{i}号电子商务有限公司", "张先生", "13908510000", None, "农产品", 5, 100, 10, None] for i in (1, 2, 3)]


def read_list(path: Path) -> tuple[dict, dict]:
    """(what the file reader gives: 家数 and sums; what SB_RESIDENTS gives over the same sheet)."""
    from shibai_xl.adapters.xlsx.reader import find_resident_header, open_workbook, resident_rows
    from shibai_xl.engine.residents import list_findings
    wb = open_workbook(path)
    sheet, r0, c0, c1 = find_resident_header(wb)
    grid = wb.grid(sheet)
    rows, _, said = resident_rows(grid, sheet, r0, c0, c1, r0)
    t, found = list_findings(rows)
    read = {"家数": t.companies, "从业人数合计": t.staff, "年度网络交易额合计（万元）": float(t.trade),
            "年度网络零售额合计（万元）": float(t.retail), "数据有误（处）": len(said) + len(found)}
    return read, dict(map(tuple, sb_residents([list(r) for r in grid.rows])))


THREE_SUMMED = {"家数": 3, "从业人数合计": 15, "年度网络交易额合计（万元）": 300.0, "年度网络零售额合计（万元）": 30.0,
                "数据有误（处）": 0}


@pytest.mark.parametrize("note", ["说明：以上数据来源于园区统计", "注：交易额为2023年全年合计", "以上数据经会计核算"])
def test_a_note_under_the_list_that_holds_the_character_ji_is_no_company(tmp_path, note):
    path = typed_list(tmp_path / "名单.xlsx", [*THREE, [None, note]])
    read, summed = read_list(path)
    assert read == THREE_SUMMED
    assert {k: summed[k] for k in THREE_SUMMED} == THREE_SUMMED
    # a company whose name holds 计 is a company still
    path = typed_list(tmp_path / "名单2.xlsx", [*THREE, [4, "贵州会计服务有限公司", None, None, None, None, 1, 2, 1],
                                                [None, note]])
    read, summed = read_list(path)
    assert read["家数"] == summed["家数"] == 4 and read["从业人数合计"] == summed["从业人数合计"] == 16


@pytest.mark.parametrize("numbers", [list(range(1, 11)), [str(i) for i in range(1, 11)], [None, *range(1, 10)]],
                         ids=["numbers", "typed-as-text", "from-the-name-column"])
def test_the_column_numbers_row_under_the_header_is_no_company(tmp_path, numbers):
    path = typed_list(tmp_path / "名单.xlsx", [numbers, *THREE])
    read, summed = read_list(path)
    assert read == THREE_SUMMED
    assert {k: summed[k] for k in THREE_SUMMED} == THREE_SUMMED


def test_a_units_row_typed_under_the_templates_header_does_not_lose_the_companies(make_workbook, capsys):
    units = {STAFF: "（人）", TRADE: "（万元）", RETAIL: "（万元）"}
    path = make_workbook("park", residents=[units, *example_residents("park")])
    obj = check_json(path, capsys)
    said = [f for f in obj["findings"] if f["code"].startswith(("XC_RESIDENT", "ELIG_EVIDENCE"))]
    assert not said, said                  # the 12 companies under it, as the form declares


@pytest.mark.parametrize("headings", [
    ([None, "一、电商企业"], [None, "二、服务机构"]),
    (["一", "电商企业"], ["二", "服务机构"]),
    ([None, "（一）农产品电商"], [None, "（二）直播机构"]),
], ids=["in-the-name-column", "numeral-in-the-number-column", "bracketed"])
def test_section_headings_between_the_companies_are_no_companies(tmp_path, headings):
    first, second = headings
    path = typed_list(tmp_path / "名单.xlsx", [first, *THREE[:2], second, THREE[2]])
    read, summed = read_list(path)
    assert read == THREE_SUMMED
    assert {k: summed[k] for k in THREE_SUMMED} == THREE_SUMMED


def test_a_company_typed_with_a_chinese_ordinal_and_its_figures_still_counts(tmp_path):
    path = typed_list(tmp_path / "名单.xlsx", [*THREE, [None, "四、贵州黔货4号电子商务有限公司", None, None, None, None,
                                                        1, 2, 1]])
    read, summed = read_list(path)
    assert read["家数"] == summed["家数"] == 4


@pytest.mark.parametrize("label", ["汇总", "汇 总：", "共3家", "共计3家"])
@pytest.mark.parametrize("column", ["序号", "企业名称"])
def test_a_total_row_labelled_huizong_or_by_its_count_is_no_company(tmp_path, label, column):
    line = [label, None] if column == "序号" else [None, label]
    path = typed_list(tmp_path / "名单.xlsx", [*THREE, [*line, None, None, None, None, 15, 300, 30]])
    read, summed = read_list(path)
    assert read == THREE_SUMMED
    assert {k: summed[k] for k in THREE_SUMMED} == THREE_SUMMED


def test_a_company_whose_name_begins_like_a_total_still_counts(tmp_path):
    path = typed_list(tmp_path / "名单.xlsx", [*THREE, [4, "汇通电子商务有限公司", None, None, None, None, 1, 2, 1],
                                                [5, "共享农业科技有限公司", None, None, None, None, 1, 2, 1]])
    read, summed = read_list(path)
    assert read["家数"] == summed["家数"] == 5


# the list's rows nobody used, struck through as Chinese forms are: “/” (or “—”, “无”) in the name and the figures
STRUCK_ROWS = [{"序号": 13, NAME: "/", STAFF: "/", TRADE: "/", RETAIL: "/"},
               {"序号": 14, NAME: "—", STAFF: "—", TRADE: "—", RETAIL: "—"},
               {"序号": 15, NAME: "无"}, {"序号": 16, NAME: "／", TRADE: "－"}]


def test_rows_struck_through_with_a_slash_are_no_companies(make_workbook, capsys):
    rows = example_residents("park")       # 12 companies, as the form declares
    path = make_workbook("park", example("park"), residents=[*rows, *STRUCK_ROWS])
    said = [f for f in check_json(path, capsys)["findings"] if f["code"].startswith("XC_RESIDENT")]
    assert not said, said                  # no 13th company “/”, no “不是数字”
    summed = dict(map(tuple, sb_residents(list_sheet_values(path))))
    assert (summed["家数"], summed["从业人数合计"], summed["数据有误（处）"]) == (12, 111, 0)


def test_a_row_with_figures_but_a_slash_for_its_name_is_said_and_not_counted(make_workbook, capsys):
    rows = example_residents("park")
    path = make_workbook("park", example("park"), residents=[*rows, {"序号": 13, NAME: "/", STAFF: 4, TRADE: 10}])
    said = [f["message"] for f in check_json(path, capsys)["findings"] if f["code"].startswith("XC_RESIDENT")]
    assert len(said) == 1 and "第18行" in said[0] and "企业名称" in said[0], said
    summed = dict(map(tuple, sb_residents(list_sheet_values(path))))
    assert (summed["家数"], summed["从业人数合计"], summed["数据有误（处）"]) == (12, 111, 1)


def test_two_parks_striking_their_unused_rows_share_no_resident(tmp_path, make_workbook, capsys):
    from shibai_xl.examples import make_uscc

    other = [dict(r, **{NAME: r[NAME].replace("电子商务", "电商"), "统一社会信用代码": make_uscc("520103", f"MA{i:07d}")})
             for i, r in enumerate(example_residents("park"))]
    make_workbook("park", example("park"), residents=[*example_residents("park"), *STRUCK_ROWS], name="甲.xlsx")
    make_workbook("park", example("park", sb_name="乙园区", sb_uscc=make_uscc("520103", "MA6DKQ8X1")),
                  residents=[*other, *STRUCK_ROWS], name="乙.xlsx")
    capsys.readouterr()
    assert main(["check", str(tmp_path), "--json"]) == 0
    assert "重复申报" not in capsys.readouterr().err      # no company “/” in both lists


@pytest.mark.parametrize("label", ["合计：12家企业", "合计（共12家企业）", "总计12家企业", "共计：12家公司", "汇总（12家企业）"])
def test_a_total_row_labelled_with_its_count_of_companies_is_no_company(make_workbook, capsys, label):
    rows = example_residents("park")       # 12 companies: 111 人, 35000 / 4200 万元, as the form declares
    path = make_workbook("park", example("park"), residents=[*rows, {NAME: label, STAFF: 111, TRADE: 35000, RETAIL: 4200}])
    said = [f for f in check_json(path, capsys)["findings"] if f["code"].startswith("XC_RESIDENT")]
    assert not said, said                  # not a 13th company, its sums not added twice
    summed = dict(map(tuple, sb_residents(list_sheet_values(path))))
    assert (summed["家数"], summed["年度网络交易额合计（万元）"], summed["数据有误（处）"]) == (12, 35000, 0)


def test_rows_a_park_prefilled_with_zeros_and_left_unused_are_no_data_without_a_name(tmp_path):
    """A list copied from the park's own sheet, whose unused rows hold 0 in every figure column (numbered, no name):
    each was said as “填了数据但企业名称为空” — 56 warnings for nothing. A nameless row with a figure is said still."""
    unused = [[i, None, None, None, None, None, 0, 0, 0] for i in range(4, 60)]
    read, summed = read_list(typed_list(tmp_path / "名单.xlsx", [*THREE, *unused]))
    assert read == THREE_SUMMED
    assert {k: summed[k] for k in THREE_SUMMED} == THREE_SUMMED
    read, _summed = read_list(typed_list(tmp_path / "名单2.xlsx", [*THREE, *unused, [60, None, None, None, None, None, 0, 5, 0]]))
    assert read["数据有误（处）"] == 1


@pytest.mark.parametrize("label", ["总数", "总和：", "总额"])
def test_a_total_row_labelled_zongshu_in_the_name_column_is_no_company(tmp_path, label):
    """“总数” under the companies, with the list's sums: it was read as a company named 总数 — 4 家, every sum doubled."""
    read, summed = read_list(typed_list(tmp_path / "名单.xlsx", [*THREE, [None, label, None, None, None, None, 15, 300, 30]]))
    assert read == THREE_SUMMED
    assert {k: summed[k] for k in THREE_SUMMED} == THREE_SUMMED
