"""SB_RESIDENTS on a 附件3 list whose 年度网络交易额 cells paint a unit (0.3 in the 万元 column painted 0.00"亿元" shows
0.30亿元): ``shibai check`` reads them as shown (3000万元) and says so (XC_RESIDENT_ROW); the formula summed 0.3万元
and said nothing. Excel hands a formula the values only: the wrapper asks the column's NumberFormat (a block of
rows at a time: one format, or Null when they differ), as it asks the rows' Hidden."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file

PAINTED = '0.00"亿元"'


def _painted_list(path, rows):
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    for r in rows:
        cell = ws[f"H{r}"]
        cell.value, cell.number_format = round(cell.value / 10000, 6), PAINTED
    wb.save(path)
    ws = load_workbook(path)["入驻企业名单"]
    ref = ws.tables["sb_residents"].ref
    values = [[float(v) if isinstance(v, int) else v for v in (c.value for c in row)] for row in ws[ref]]
    return ws, values


def _formats(ws, top, asked):
    """Excel's Range.NumberFormat of rows top+a-1 … top+b-1 of column c of the range (A is 1): the one format they
    share, None when they differ; each question counted."""
    def at(a, b, c):
        asked.append((a, b, c))
        codes = {ws.cell(r, c).number_format for r in range(top + a - 1, top + b)}
        return codes.pop() if len(codes) == 1 else None
    return at


def test_a_list_amount_painted_with_a_unit_is_summed_and_said_as_check_reads_it(make_workbook):
    park = make_workbook("park")
    ws, values = _painted_list(park, [7, 9])
    result = check_file(park)
    painted = [f for f in result.findings if f.code == "XC_RESIDENT_ROW" and "亿元" in f.message]
    assert len(painted) == 1 and result.residents.trade == 35000

    asked = []
    got = {label.split("（")[0].split("：")[0]: (label, value) for label, value in
           U.residents(values, U.RowsShown(lambda a, b: False, top=5, formats=_formats(ws, 5, asked)))}
    assert got["年度网络交易额合计"][1] == 35000
    label, count = got["数据有误"]
    assert count == 1 and "第7行、第9行" in label and "亿元" in label, label
    assert len(asked) < 20                      # a block at a time, not each of the rows
    # without formats (an array constant, a closed workbook) the values alone, as before
    plain = dict(U.residents(values))
    assert plain["年度网络交易额合计（万元）"] != 35000
