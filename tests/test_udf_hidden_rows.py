"""SB_RESIDENTS on a 附件3 list with rows nobody sees (a filter left on, rows hidden "because they are old"):
`shibai check` counts their companies and says the hidden rows (XC_RESIDENT_ROW, 入驻企业名单数据有误); the formula
counted them too but said 数据有误 0 — the two disagreed without a word. Excel hands a formula a range's values only;
the wrapper asks the range's rows' Hidden (a block at a time: all hidden, none, or mixed and split), and the formula
counts and says them as check does."""
from __future__ import annotations

import types

import pytest
import xlwings as xw
from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example
from tests.test_resident_list_hidden_rows import hide
from tests.test_udfs import windows_udf_module  # noqa: F401  (the fixture)

LABEL = U.RESIDENTS_LABELS[-1]


def _list(path):
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    ref = ws.tables["sb_residents"].ref
    values = [[float(v) if isinstance(v, int) else v for v in (c.value for c in row)] for row in ws[ref]]
    return ws, ref, values


def _asker(ws, top):
    """Rows top+a-1 … top+b-1 of the sheet: all hidden (True), none (False) or mixed (None), as Excel's
    Range.EntireRow.Hidden answers; each question counted."""
    asked = []

    def hidden(a, b):
        asked.append((a, b))
        said = {bool(ws.row_dimensions[r].hidden) for r in range(top + a - 1, top + b)}
        return said.pop() if len(said) == 1 else None
    return hidden, asked


def _said(got):
    return {label.split("（")[0]: (label, value) for label, value in got}


def test_hidden_rows_of_the_list_are_counted_and_said_as_check_says_them(make_workbook):
    park = hide(make_workbook("park", example("park")), [7, 8], filter_ref="A5:K17")
    result = check_file(park)
    said = [f for f in result.findings if f.code == "XC_RESIDENT_ROW"]
    assert len(said) == 1 and "隐藏的行" in said[0].message
    ws, ref, values = _list(park)
    hidden, asked = _asker(ws, 5)
    got = _said(U.residents(values, U.RowsShown(hidden, top=5)))
    assert got["家数"][1] == result.residents.companies == 12
    label, count = got["数据有误"]
    assert count == len(said) == 1
    assert "第7、8行" in label and "隐藏" in label and "已照样计入" in label, label
    assert len(asked) < 20                         # a block at a time, not each of the rows


def test_a_list_without_hidden_rows_is_asked_once_and_says_as_before(make_workbook):
    park = make_workbook("park", example("park"))
    ws, ref, values = _list(park)
    hidden, asked = _asker(ws, 5)
    got = U.residents(values, U.RowsShown(hidden, top=5))
    assert got == U.residents(values) and dict(map(tuple, got))[LABEL] == 0
    assert len(asked) == 1


def test_blank_hidden_rows_below_the_list_are_not_said(make_workbook):
    """Rows hidden under the last company (an empty area folded away): no company on them, nothing to say (check
    names only the rows holding companies)."""
    park = hide(make_workbook("park", example("park")), [30, 31])
    ws, _, _ = _list(park)
    values = [[c.value for c in row] for row in ws["A5:K40"]]
    hidden, _ = _asker(ws, 5)
    assert dict(map(tuple, U.residents(values, U.RowsShown(hidden, top=5))))[LABEL] == 0
    assert not [f for f in check_file(park).findings if f.code == "XC_RESIDENT_ROW"]


def test_a_list_on_a_hidden_sheet_is_said_as_check_says_it():
    head = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    values = [head, [1, "甲公司", 10, 100, 50], [2, "乙公司", 20, 200, 60]]
    got = _said(U.residents(values, U.RowsShown(lambda a, b: False, top=1, sheet_hidden=True)))
    label, count = got["数据有误"]
    assert count == 1 and "隐藏的工作表" in label, label
    assert got["家数"][1] == 2


def test_a_range_excel_cannot_tell_of_is_asked_nothing_more(make_workbook):
    """Whatever the question raises or answers (a closed workbook, an array constant): the list as its values say."""
    values = [["企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"], ["甲", 3, 10, 5]]

    def broken(a, b):
        raise RuntimeError("COM error")
    assert U.residents(values, U.RowsShown(broken)) == U.residents(values)
    assert U.residents(values, U.RowsShown(lambda a, b: "?")) == U.residents(values)


class _Range:
    """A range as Windows Excel hands it to xlwings: its values read through COM, its rows' Hidden asked of a block
    of it (rng[a:b, 0].api.EntireRow.Hidden), its sheet's Visible."""

    def __init__(self, ws, ref, top, visible=-1):
        engine = types.SimpleNamespace(impl=types.SimpleNamespace(clean_value_data=lambda data, *a: data))
        self.sheet = types.SimpleNamespace(book=types.SimpleNamespace(app=types.SimpleNamespace(engine=engine)),
                                           api=types.SimpleNamespace(Visible=visible))
        self.impl = types.SimpleNamespace(max_cells_per_read=None)
        self.sheet.range = lambda a, b: types.SimpleNamespace(options=lambda **o: types.SimpleNamespace(
            value=[[c.value for c in row] for row in ws.iter_rows(min_row=a[0], max_row=b[0], min_col=a[1],
                                                                   max_col=b[1])]))
        self.raw_value = [[float(v) if isinstance(v, int) else v for v in (c.value for c in row)] for row in ws[ref]]
        self.shape = (len(self.raw_value), len(self.raw_value[0]))
        self.row, self.column, self.ws = top, 1, ws

    def __getitem__(self, key):
        rows, _ = key
        said = {bool(self.ws.row_dimensions[r].hidden) for r in range(self.row + rows.start, self.row + rows.stop)}
        entire = types.SimpleNamespace(Hidden=said.pop() if len(said) == 1 else None)
        return types.SimpleNamespace(api=types.SimpleNamespace(EntireRow=entire))


def test_the_excel_formula_asks_the_rows_of_its_range(make_workbook, windows_udf_module):  # noqa: F811
    park = hide(make_workbook("park", example("park")), [7, 8], filter_ref="A5:K17")
    ws, ref, _ = _list(park)
    options = {a["name"]: a["options"] for a in windows_udf_module.SB_RESIDENTS.__xlfunc__["args"]}
    table = xw.conversion.read(_Range(ws, ref, 5), None, options["table"])
    got = _said(windows_udf_module.SB_RESIDENTS(table))
    assert got["数据有误"][1] == 1 and "第7、8行" in got["数据有误"][0], got
    hidden_sheet = xw.conversion.read(_Range(ws, "A5:K6", 5, visible=0), None, options["table"])
    assert "隐藏的工作表" in _said(windows_udf_module.SB_RESIDENTS(hidden_sheet))["数据有误"][0]
    plain = types.SimpleNamespace(range=None, value=[[c.value for c in row] for row in ws[ref]])   # not a range
    windows_udf_module.WithRowsShown.shown(plain)
    assert _said(windows_udf_module.SB_RESIDENTS(plain.value))["数据有误"] == (LABEL, 0)


@pytest.mark.parametrize("rows", [100_000])
def test_a_long_range_with_a_few_hidden_rows_asks_a_few_questions(rows):
    head = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    values = [head, *([i, f"公司{i}", 1, 2, 1] for i in range(1, rows + 1))]
    hidden_at = {500, 501, 70_000}
    asked = []

    def hidden(a, b):
        asked.append(1)
        said = {r in hidden_at for r in (a, b)} | ({True} if any(a < h < b for h in hidden_at) else set())
        return said.pop() if len(said) == 1 else None
    label, count = _said(U.residents(values, U.RowsShown(hidden)))["数据有误"]
    assert count == 1 and "第500、501、70000行" in label, label
    assert len(asked) < 200


def _in_yuan_under_a_unit_line(make_workbook):
    """The template's list with bare amount titles (年度网络交易额) and "金额单位：元" written above it, amounts in 元."""
    park = make_workbook("park", example("park"))
    wb = load_workbook(park)
    ws = wb["入驻企业名单"]
    ws["H5"], ws["I5"], ws["A3"] = "年度网络交易额", "年度网络零售额", "金额单位：元"
    for r in range(6, 18):
        ws[f"H{r}"], ws[f"I{r}"] = ws[f"H{r}"].value * 10_000, ws[f"I{r}"].value * 10_000
    wb.save(park)
    return park


def test_a_list_selected_from_its_header_reads_the_unit_line_above_it(make_workbook, windows_udf_module):  # noqa: F811
    """=SB_RESIDENTS(A5:K40), the range from the header row as docs/addin.md says: a "金额单位：元" line above the header
    is outside it, and the formula read the 元 as 万元 (零售额 10000 times too much, 交易额 0 with 12 数据有误) where
    `shibai check` reads the line (README 名单金额按表头的单位读: "SB_RESIDENTS 同样处理"). The Excel wrapper hands
    the formula the rows above its range, as the file reader looks above the header (QA)."""
    park = _in_yuan_under_a_unit_line(make_workbook)
    res = check_file(park).residents
    ws = load_workbook(park)["入驻企业名单"]
    values = [[float(v) if isinstance(v, int) else v for v in (c.value for c in row)] for row in ws["A5:K40"]]
    above = [[c.value for c in row] for row in ws["A1:K4"]]
    want = (res.companies, res.staff, float(res.trade), float(res.retail), 0)

    def figures(got):
        said = dict(map(tuple, got))
        return (said["家数"], said["从业人数合计"], said["年度网络交易额合计（万元）"], said["年度网络零售额合计（万元）"],
                said[LABEL])
    assert figures(U.residents(values, U.RowsShown(lambda a, b: False, top=5, above=above))) == want
    options = {a["name"]: a["options"] for a in windows_udf_module.SB_RESIDENTS.__xlfunc__["args"]}
    table = xw.conversion.read(_Range(ws, "A5:K40", 5), None, options["table"])
    assert figures(windows_udf_module.SB_RESIDENTS(table)) == want
    whole = [[c.value for c in row] for row in ws["A1:K40"]]     # the unit line inside the range: as before
    assert figures(U.residents(whole)) == want
