"""Issue 3: "every 是/否, number and date cell has data validation with a Chinese prompt and error text". The 入驻企业名单
(附件3) of a park's or base's workbook had none at all: its 填报时间 (sb_res_date, a date) and the table's 从业人数 and
年度网络交易额/零售额 columns took anything without a hint, while every number and date of the 申报表 had one. The
figures' check only warns (a park writes “—” or 不涉及 for a company with no such figure: the checker reads that as
blank), so a mark typed there is still accepted."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from shibai_xl.adapters.xlsx.package import parse_ref
from shibai_xl.faces.cli import main


def _validation(ws, coord):
    hits = [dv for dv in ws.data_validations.dataValidation if coord in dv.sqref]
    assert len(hits) == 1, (ws.title, coord, hits)
    return hits[0]


@pytest.mark.parametrize("kind", ["园区", "直播基地"])
def test_resident_sheet_date_and_figures_are_validated(tmp_path, kind):
    path = tmp_path / "申报表.xlsx"
    assert main(["new", kind, "--out", str(path)]) == 0
    wb = load_workbook(path)
    sheet, ref = parse_ref(wb.defined_names["sb_res_date"].attr_text)
    ws = wb[sheet]
    dv = _validation(ws, ref)
    assert dv.type == "date" and dv.showErrorMessage and dv.showInputMessage
    assert "日期" in dv.prompt and "日期" in dv.error
    for name in ("sb_res_org", "sb_res_filler", "sb_res_date"):
        sheet, ref = parse_ref(wb.defined_names[name].attr_text)
        assert wb[sheet][ref].protection.locked is False, name
    c1, r1, c2, r2 = range_boundaries(ws.tables["sb_residents"].ref)
    header = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    for title, kind_ in (("从业人数", "whole"), ("年度网络交易额（万元）", "decimal"), ("年度网络零售额（万元）", "decimal")):
        col = c1 + header.index(title)
        for row in (r1 + 1, r2):
            dv = _validation(ws, ws.cell(row, col).coordinate)
            assert dv.type == kind_ and dv.prompt and dv.error and dv.showErrorMessage, title
            assert dv.errorStyle == "warning", title   # “—”/不涉及 stays possible
    # no validation on the header or the 合计 row above it
    assert not [dv for dv in ws.data_validations.dataValidation
                if any(ws.cell(r, c1 + header.index("从业人数")).coordinate in dv.sqref for r in (r1, r1 - 1))]
