"""SB_RESIDENTS on a 附件3 list with companies crossed out (企业名称 struck through, 删除线: the company has left):
``shibai check`` leaves them out of 家数 and the sums and says so (XC_RESIDENT_ROW); the formula, handed the values
alone, counted them — 14 家 beside check's 12, and the sums off by their figures. The wrapper now asks Excel the
企业名称 column's Font.Strikethrough (a block of rows at a time) and the formula reads the list as check does."""
from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.styles import Font

from shibai_xl.examples import example_residents
from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file

GONE = ("贵州已迁出电子商务有限公司", "贵州已注销电子商务有限公司")


def _asker(ws, top, asked):
    """Rows top+a-1 … top+b-1 of the sheet's column c (of a range starting in column A): all struck (True), none
    (False) or mixed (None), as Excel's Range.Font.Strikethrough answers."""
    def struck(a, b, c):
        asked.append((a, b))
        said = {bool(ws.cell(r, c).font.strike) for r in range(top + a - 1, top + b)}
        return said.pop() if len(said) == 1 else None
    return struck


def test_struck_companies_are_left_out_and_said_as_check_says_them(make_workbook):
    rows = example_residents("park")     # 12 companies, as the form declares
    rows += [{**rows[0], "序号": 13 + i, "企业名称": name, "统一社会信用代码": None} for i, name in enumerate(GONE)]
    path = make_workbook("park", residents=rows)
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    struck = [r[1].row for r in ws.iter_rows() if r[1].value in GONE]
    for r in struck:
        ws.cell(r, 2).font = Font(strike=True)
    wb.save(path)
    result = check_file(path)
    [said] = [f for f in result.findings if f.code == "XC_RESIDENT_ROW"]
    ref = ws.tables["sb_residents"].ref
    top = ws[ref][0][0].row
    values = [[float(v) if isinstance(v, int) else v for v in (c.value for c in row)] for row in ws[ref]]
    asked: list = []
    got = {label.split("（")[0].split("：")[0]: (label, value) for label, value in
           U.residents(values, U.RowsShown(lambda a, b: False, top=top, struck=_asker(ws, top, asked)))}
    assert got["家数"][1] == result.residents.companies == 12
    assert got["年度网络交易额合计"][1] == float(result.residents.trade)
    label, count = got["数据有误"]
    assert count == 1 and said.message.split("：", 1)[-1].split("（")[0] in label, (label, said.message)
    assert f"第{struck[0]}、{struck[1]}行（2行）的企业名称有删除线" in label, label
    assert len(asked) < 12                           # a block at a time, not each of the rows
    # the values alone (an array constant: nothing to ask) are read as before
    assert U.residents(values)[0][1] == 14
