"""A park's own 附件3 carrying two years' amounts side by side, both shown (2022年网络零售额 and 2023年网络零售额): the
first column was read without a word — last year's, when it came first — and the list's sums compared with the form's
were another year's. The later year's is read (a column naming no year, the template's own, before one naming a
year), and an XC_RESIDENT_ROW says which column was read and which was not."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from tests.test_resident_list_as_parks_fill_it import HEADER, read_list, typed_list

AMOUNTS = HEADER.index("年度网络交易额（万元）")


def _list(tmp_path, titles: list[str], figures: dict[str, tuple[int, int]]):
    header = [*HEADER[:AMOUNTS], *titles, "备注"]
    lines = [[i, f"贵州黔货{i}号电子商务有限公司", "张先生", "139", None, "农产品", 5,
              *[figures[t.split("网络")[0]][0 if "交易" in t else 1] for t in titles]] for i in (1, 2, 3)]
    return typed_list(tmp_path / "名单.xlsx", lines, header)


@pytest.mark.parametrize("titles", [
    ["2022年网络交易额（万元）", "2022年网络零售额（万元）", "2023年网络交易额（万元）", "2023年网络零售额（万元）"],
    ["2023年网络交易额（万元）", "2023年网络零售额（万元）", "2022年网络交易额（万元）", "2022年网络零售额（万元）"],
    ["2022年网络交易额（万元）", "2022年网络零售额（万元）", "年度网络交易额（万元）", "年度网络零售额（万元）"],
], ids=["last-year-first", "this-year-first", "template-columns-after"])
def test_the_later_years_column_is_read_and_said(tmp_path, titles):
    now = "年度" if "年度网络交易额（万元）" in titles else "2023年"
    path = _list(tmp_path, titles, {"2022年": (70, 7), now: (100, 10)})
    read, _summed = read_list(path)
    assert (read["年度网络交易额合计（万元）"], read["年度网络零售额合计（万元）"]) == (300.0, 30.0), read
    assert read["数据有误（处）"] == 2                  # one line for each amount given twice


def test_years_over_a_header_on_two_rows_pick_the_later_years_columns(tmp_path):
    """2022年度 and 2023年度 merged over 网络交易额 | 网络零售额 each: check read 2022's (the first), SB_RESIDENTS
    2023's (the last); both read 2023's now, and check says which columns it read."""
    wb = Workbook()
    ws = wb.active
    ws.title = "入驻企业名单"
    ws.append(["入驻电商企业名单"])
    ws.append(["序号", "企业名称", "所属行业（类型）", "从业人数", "2022年度", None, "2023年度", None])
    ws.append([None, None, None, None, "网络交易额（万元）", "网络零售额（万元）", "网络交易额（万元）", "网络零售额（万元）"])
    for m in ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2", "G2:H2"]:
        ws.merge_cells(m)
    for i in (1, 2, 3):
        ws.append([i, f"贵州黔货{i}号电子商务有限公司", "农产品", 5, 70, 7, 100, 10])
    wb.save(tmp_path / "名单.xlsx")
    read, summed = read_list(tmp_path / "名单.xlsx")
    assert (read["年度网络交易额合计（万元）"], read["年度网络零售额合计（万元）"]) == (300.0, 30.0), read
    assert read["数据有误（处）"] == 2
    assert summed["年度网络零售额合计（万元）"] == 30.0


def test_sb_residents_reads_the_column_check_reads(tmp_path):
    """Two years' columns side by side, this year's first: SB_RESIDENTS read the last (2022's), check the later year's."""
    titles = ["2023年网络交易额（万元）", "2023年网络零售额（万元）", "2022年网络交易额（万元）", "2022年网络零售额（万元）"]
    read, summed = read_list(_list(tmp_path, titles, {"2022年": (70, 7), "2023年": (100, 10)}))
    assert summed["年度网络交易额合计（万元）"] == read["年度网络交易额合计（万元）"] == 300.0
    assert summed["年度网络零售额合计（万元）"] == read["年度网络零售额合计（万元）"] == 30.0


def _said(summed: dict) -> tuple[int, str]:
    """SB_RESIDENTS' 数据有误 count and its label (which says what it counts)."""
    [(label, count)] = [(k, v) for k, v in summed.items() if k.startswith("数据有误")]
    return count, label


@pytest.mark.parametrize("titles", [
    ["2022年网络交易额（万元）", "2022年网络零售额（万元）", "2023年网络交易额（万元）", "2023年网络零售额（万元）"],
    ["2023年网络交易额（万元）", "2023年网络零售额（万元）", "2022年网络交易额（万元）", "2022年网络零售额（万元）"],
], ids=["last-year-first", "this-year-first"])
def test_sb_residents_says_which_column_it_read_as_check_says_it(tmp_path, titles):
    """SB_RESIDENTS read the later year's columns as check does, but said nothing (数据有误 0 beside check's 2)."""
    read, summed = read_list(_list(tmp_path, titles, {"2022年": (70, 7), "2023年": (100, 10)}))
    count, label = _said(summed)
    assert count == read["数据有误（处）"] == 2, label
    assert "名单有2列年度网络零售额：按“2023年网络零售额（万元）”一列读取，未读取“2022年网络零售额（万元）”" in label, label


@pytest.mark.parametrize("first", ["2022年度", "2023年度"])
def test_sb_residents_reads_the_later_year_over_a_header_on_two_rows_whichever_comes_first(tmp_path, first):
    """2023年度 merged over the first pair of amounts, 2022年度 over the second: SB_RESIDENTS read the last pair
    (2022's) where check reads 2023's, and said neither."""
    later = first == "2022年度"
    wb = Workbook()
    ws = wb.active
    ws.title = "入驻企业名单"
    ws.append(["入驻电商企业名单"])
    ws.append(["序号", "企业名称", "所属行业（类型）", "从业人数", first, None, "2023年度" if later else "2022年度", None])
    ws.append([None, None, None, None, "网络交易额（万元）", "网络零售额（万元）", "网络交易额（万元）", "网络零售额（万元）"])
    for m in ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2", "G2:H2"]:
        ws.merge_cells(m)
    for i in (1, 2, 3):
        ws.append([i, f"贵州黔货{i}号电子商务有限公司", "农产品", 5, *((70, 7, 100, 10) if later else (100, 10, 70, 7))])
    wb.save(tmp_path / "名单.xlsx")
    read, summed = read_list(tmp_path / "名单.xlsx")
    assert read["年度网络零售额合计（万元）"] == summed["年度网络零售额合计（万元）"] == 30.0
    assert read["年度网络交易额合计（万元）"] == summed["年度网络交易额合计（万元）"] == 300.0
    count, label = _said(summed)
    assert count == read["数据有误（处）"] == 2 and "按“2023年度 网络零售额（万元）”一列读取" in label, label


@pytest.mark.parametrize("hidden_year", ["2022年", "2023年"])
def test_sb_residents_reads_the_shown_column_of_two_as_check_does(tmp_path, hidden_year):
    """One year's columns hidden beside the other's (Excel tells the wrapper which columns are hidden): check reads the
    shown one and says nothing of the hidden; SB_RESIDENTS read the later year's (hidden or not) and said both."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from shibai_xl.faces import udf_functions as U
    titles = ["2022年网络交易额（万元）", "2022年网络零售额（万元）", "2023年网络交易额（万元）", "2023年网络零售额（万元）"]
    path = _list(tmp_path, titles, {"2022年": (70, 7), "2023年": (100, 10)})
    wb = load_workbook(path)
    ws = wb.active
    shut = [AMOUNTS + 1 + i for i, t in enumerate(titles) if t.startswith(hidden_year)]
    for c in shut:
        ws.column_dimensions[get_column_letter(c)].hidden = True
    wb.save(path)
    from shibai_xl.adapters.xlsx.reader import find_resident_header, open_workbook, resident_rows
    src = open_workbook(path)
    sheet, r0, c0, c1 = find_resident_header(src)
    assert src.hidden_columns(sheet) == set(shut)       # as the file reader sees the sheet
    rows, _, said = resident_rows(src.grid(sheet), sheet, r0, c0, c1, r0, hidden=lambda: src.hidden_columns(sheet))
    read = {"年度网络交易额合计（万元）": float(sum(rows.columns["年度网络交易额（万元）"])), "数据有误（处）": len(said)}
    values = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    got = dict(map(tuple, U.residents(values, U.RowsShown(lambda a, b: False, top=3, hidden_column=lambda c: c in shut))))
    shown = 300.0 if hidden_year == "2022年" else 210.0
    assert read["年度网络交易额合计（万元）"] == got["年度网络交易额合计（万元）"] == shown, (read, got)
    assert read["数据有误（处）"] == got[U.RESIDENTS_LABELS[-1]] == 0, got
