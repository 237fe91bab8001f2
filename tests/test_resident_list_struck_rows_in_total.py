"""A park's own 合计 row under its 附件3 list sums every row, a company it crossed out (企业名称 struck through) too — as
=SUM does. The struck company is left out of the sums and said once; its figures are no slip of the 合计 row: before,
each of 从业人数, 交易额, 零售额 of that row drew a warning "请核对合计行" for the crossed-out company's figures, and
SB_RESIDENTS counted them as three more 数据有误."""
from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.styles import Font

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.examples import example_residents
from shibai_xl.faces import udf_functions as U
from tests.conftest import checked_json
from tests.test_udf_residents_struck_rows import _asker

GONE = "贵州已迁出电子商务有限公司"
FIGURES = ("从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）")


def _list(make_workbook, total_of):
    rows = example_residents("park")          # 12 companies, as the form declares
    gone = {**rows[0], "序号": 13, "企业名称": GONE, "统一社会信用代码": None}
    kept = rows + [gone]
    total = {h: round(sum(r[h] for r in (kept if total_of == "every row" else rows)), 2) for h in FIGURES}
    path = make_workbook("park", residents=[*kept, {"企业名称": "合计", **total}])
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    row = next(r for r in ws.iter_rows() if r[1].value == GONE)[1].row
    ws.cell(row, 2).font = Font(strike=True)
    wb.save(path)
    return path, ws, row


def test_a_total_row_summing_a_struck_company_too_is_right(make_workbook, capsys):
    path, ws, row = _list(make_workbook, "every row")
    said = [f for f in checked_json(path, capsys)["findings"] if f["code"].startswith("XC_RESIDENT")]
    assert [(f["code"], f["cell"]) for f in said] == [("XC_RESIDENT_ROW", f"B{row}")], said
    assert "删除线" in said[0]["message"]
    ref = ws.tables["sb_residents"].ref
    top = ws[ref][0][0].row
    values = [[float(v) if isinstance(v, int) else v for v in (c.value for c in r)] for r in ws[ref]]
    got = dict(map(tuple, U.residents(values, U.RowsShown(lambda a, b: False, top=top, struck=_asker(ws, top, [])))))
    assert got["家数"] == 12 and next(v for k, v in got.items() if k.startswith("数据有误")) == 1, got


def test_a_total_row_without_the_struck_company_is_right_too(make_workbook, capsys):
    path, _ws, row = _list(make_workbook, "the rows kept")
    said = [f for f in checked_json(path, capsys)["findings"] if f["code"].startswith("XC_RESIDENT")]
    assert [(f["code"], f["cell"]) for f in said] == [("XC_RESIDENT_ROW", f"B{row}")], said


def test_the_form_counting_the_struck_company_is_told_why_the_list_differs(make_workbook, capsys):
    path, _ws, row = _list(make_workbook, "every row")
    wb = load_workbook(path)
    named_cell(wb, "sb_resident_count").value = 13          # the form counts the company the list crosses out
    wb.save(path)
    said = {f["code"]: f["message"] for f in checked_json(path, capsys)["findings"]}
    assert "列出12家（另有1行企业名称有删除线，未计入，见名单的提示）" in said["XC_RESIDENT_COUNT"], said


def _filtered_with_subtotal(make_workbook, capsys):
    """A park's 12 companies (as the form declares), the last one hidden by a filter and a 合计 row of the 11 shown
    (a SUBTOTAL's saved value): (check's XC_RESIDENT findings, the list sheet, the hidden row)."""
    rows = example_residents("park")
    total = {h: round(sum(r[h] for r in rows[:11]), 2) for h in FIGURES}
    path = make_workbook("park", residents=[*rows, {"企业名称": "合计", **total}])
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    hidden = next(r for r in ws.iter_rows() if r[1].value == rows[11]["企业名称"])[1].row
    ws.row_dimensions[hidden].hidden = True
    wb.save(path)
    return [f for f in checked_json(path, capsys)["findings"] if f["code"].startswith("XC_RESIDENT")], ws, hidden


def test_a_subtotal_row_leaving_out_the_hidden_rows_is_right(make_workbook, capsys):
    """A filter left on hides a company; the park's AutoSum under a filtered list is =SUBTOTAL(9, …), whose saved
    value leaves the hidden row out: the hidden row is said (counted), and the 合计 row is no slip (it drew three
    请核对合计行 warnings)."""
    said, _ws, hidden = _filtered_with_subtotal(make_workbook, capsys)
    assert [(f["code"], f["cell"]) for f in said] == [("XC_RESIDENT_ROW", f"B{hidden}")], said
    assert "隐藏的行" in said[0]["message"]


def test_sb_residents_takes_a_subtotal_row_leaving_out_the_hidden_rows_as_check_does(make_workbook, capsys):
    """The same list through SB_RESIDENTS (Excel tells the wrapper which rows are hidden): 1 数据有误, the hidden row,
    as check says; the SUBTOTAL 合计 row was three more (请核对合计行 for each figure)."""
    said, ws, hidden = _filtered_with_subtotal(make_workbook, capsys)
    ref = ws.tables["sb_residents"].ref
    top = ws[ref][0][0].row

    def hid(a, b):   # Excel's answer: rows a…b of the range all hidden, none, or mixed (None)
        seen = {bool(ws.row_dimensions[r].hidden) for r in range(top + a - 1, top + b)}
        return seen.pop() if len(seen) == 1 else None
    values = [[float(v) if isinstance(v, int) else v for v in (c.value for c in row)] for row in ws[ref]]
    label, count = U.residents(values, U.RowsShown(hid, top=top))[-1]
    assert count == len(said) == 1 and f"第{hidden}行（1行）是隐藏的行" in label, (label, said)
    # a 合计 row wrong beyond the hidden row's figures is said still
    values[-1 if values[-1][1] == "合计" else next(i for i, r in enumerate(values) if r[1] == "合计")][6] += 1
    assert U.residents(values, U.RowsShown(hid, top=top))[-1][1] == 2
