"""附件3 rows a park crossed out (企业名称 struck through, 删除线: the company has left) are no residents, as a city's
struck 附件4 row is a withdrawn project: left out of 家数 and the sums and said once, not counted without a word."""
from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.styles import Font

from shibai_xl.examples import example_residents
from tests.conftest import checked_json

GONE = "贵州已迁出电子商务有限公司"


def test_a_struck_company_is_left_out_and_said(make_workbook, capsys):
    rows = example_residents("park")        # 12 companies, as the form declares
    rows.append({**rows[0], "序号": 13, "企业名称": GONE, "统一社会信用代码": None})
    path = make_workbook("park", residents=rows)
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    row = next(r for r in ws.iter_rows() if r[1].value == GONE)
    for cell in row:
        cell.font = Font(strike=True)
    wb.save(path)
    findings = checked_json(path, capsys)["findings"]
    assert not [f for f in findings if f["code"] in ("XC_RESIDENT_COUNT", "XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL")]
    said = [f for f in findings if f["code"] == "XC_RESIDENT_ROW"]
    assert len(said) == 1 and "删除线" in said[0]["message"] and said[0]["cell"] == f"B{row[1].row}", said
