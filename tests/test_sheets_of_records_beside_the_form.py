"""An application carrying a sheet of its own records (a 销售明细 of thousands of orders pasted in as 印证材料): the
check looks at every sheet no defined name points at for another filled form (FILE_OTHER_FORM). Each of a form's
labels looked at every distinct text of the sheet, and again for every long question retyped: a 20 000-row sheet
took 3.3 s of CPU to check (0.5 s without it). The texts beginning with a label's words are now found by bisecting
them sorted, and the sheet is indexed once for both looks: 1.0 s.
"""
from __future__ import annotations

import time

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.labels import LabelIndex, form_type
from shibai_xl.adapters.xlsx.other_forms import form_on
from shibai_xl.adapters.xlsx.reader import open_workbook
from shibai_xl.faces.cli import main
from shibai_xl.rules import load

RECORDS = 8000
SHEET = "销售明细"


def _with_records(path, rows: int = RECORDS):
    wb = load_workbook(path)
    ws = wb.create_sheet(SHEET)
    ws.append(["日期", "订单号", "商品名称", "买家", "金额"])
    for r in range(1, rows + 1):
        ws.append([f"2023-{r % 12 + 1}-{r % 28 + 1}", f"DD{r:08d}", f"贵州特产礼盒{r}号", f"买家{r}", r * 1.5])
    wb.save(path)
    return path


def test_a_sheet_of_thousands_of_records_is_no_form_and_is_looked_at_quickly(make_workbook):
    """In one process, the labels of the four forms looked for among the sheet's 24 000 texts: 0.73 s of CPU before,
    0.008 s now (bound 0.25 s; the whole `shibai check` of a form with 20 000 such rows: 3.3 s before, 1.0 s now)."""
    path = _with_records(make_workbook("park"))
    src = open_workbook(path)
    try:
        index = LabelIndex([(SHEET, src.grid(SHEET))])
        start = time.process_time()
        kind = form_type(index, load())
        spent = time.process_time() - start
        assert kind is None and form_on(src, SHEET, load()) is None
    finally:
        src.close()
    assert spent < 0.25, spent


def test_the_form_with_a_sheet_of_records_is_checked_as_without_it(make_workbook, capsys):
    plain = make_workbook("park", name="园区.xlsx")
    assert main(["check", "--json", str(plain)]) == 0
    alone = capsys.readouterr().out
    path = _with_records(make_workbook("park", name="园区-明细.xlsx"), rows=500)
    assert main(["check", "--json", str(path)]) == 0
    beside = capsys.readouterr().out
    assert "FILE_OTHER_FORM" not in beside
    assert beside.replace("园区-明细.xlsx", "园区.xlsx") == alone
