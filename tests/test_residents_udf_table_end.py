"""SB_RESIDENTS over the template's 入驻企业名单 (=SB_RESIDENTS(A5:K45), as docs/addin.md says to select it) with
companies typed under the sb_residents table after a blank row: `shibai check` counts the table's companies and says
the rows after the gap were not read (XC_RESIDENT_ROW); the formula counted them — 14 家 where check says 12, sums
to match, and no word. Excel knows where the table ends: the wrapper asks it, and the formula reads as check does."""
from __future__ import annotations

import types

import xlwings as xw
from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example
from tests.test_udf_hidden_rows import _Range
from tests.test_udfs import windows_udf_module  # noqa: F401  (the fixture)

LABEL = U.RESIDENTS_LABELS[-1]
LATER = [["", "贵州后补第一电子商务有限公司", "王女士", "13985000001", "", "农产品", 5, 100, 50, "", ""],
         ["", "贵州后补第二电子商务有限公司", "李先生", "13985000002", "", "农产品", 6, 120, 60, "", ""]]


def _park_with_rows_after_a_gap(make_workbook):
    park = make_workbook("park", example("park"))
    wb = load_workbook(park)
    ws = wb["入驻企业名单"]
    assert ws.tables["sb_residents"].ref == "A5:K35"   # the template's 30 rows, 12 filled
    for r, line in enumerate(LATER, 37):        # row 36, under the table, left blank
        for c, v in enumerate(line, 1):
            ws.cell(r, c).value = v if v != "" else None
    wb.save(park)
    return park, load_workbook(park)["入驻企业名单"]


def _figures(got):
    values = [value for _label, value in got]        # the last label says more when there is more to say
    return values[0], values[1], values[3], values[5]


def _ends(ws):
    """Excel's answer: the sheet row the table whose header is on ``row`` ends on, None where no table's header is."""
    def end(row):
        for t in ws.tables.values():
            top, bottom = t.ref.split(":")
            if int(top.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == row:
                return int(bottom.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        return None
    return end


def test_companies_under_the_table_after_a_blank_row_are_said_not_counted_as_check_does(make_workbook):
    park, ws = _park_with_rows_after_a_gap(make_workbook)
    result = check_file(park)
    later = [f.message for f in result.findings if f.code == "XC_RESIDENT_ROW"]
    assert len(later) == 1 and "空了一行" in later[0], later
    values = [[float(v) if isinstance(v, int) else v for v in (c.value for c in row)] for row in ws["A5:K45"]]
    got = U.residents(values, U.RowsShown(lambda a, b: False, top=5, table_end=_ends(ws)))
    companies, staff, retail, bad = _figures(got)
    assert (companies, staff, retail) == (result.residents.companies, result.residents.staff,
                                          float(result.residents.retail)) and companies == 12
    assert bad == 1
    label = got[-1][0]
    assert label.startswith(LABEL + "：含1处——")
    assert "第36行空了一行" in label and "第37行起还有2行" in label and "没有计入" in label, label
    # no table there (a list typed by hand, or Excel cannot tell): every company in the range, as check reads a list
    # without a table
    assert _figures(U.residents(values, U.RowsShown(lambda a, b: False, top=5)))[0] == 14
    assert _figures(U.residents(values))[0] == 14


class _TableRange(_Range):
    """The range, and its sheet's tables as COM lists them (ListObjects: Count, Item(i).HeaderRowRange / Range)."""

    def __init__(self, ws, ref, top):
        super().__init__(ws, ref, top)
        tables = []
        for t in ws.tables.values():
            top_ref, bottom_ref = t.ref.split(":")
            r0 = int(top_ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            r1 = int(bottom_ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            rows = types.SimpleNamespace(Count=r1 - r0 + 1)
            tables.append(types.SimpleNamespace(HeaderRowRange=types.SimpleNamespace(Row=r0),
                                                Range=types.SimpleNamespace(Row=r0, Rows=rows)))
        self.sheet.api.ListObjects = types.SimpleNamespace(Count=len(tables), Item=lambda i: tables[i - 1])


def test_the_excel_formula_asks_where_the_table_ends(make_workbook, windows_udf_module):  # noqa: F811
    park, ws = _park_with_rows_after_a_gap(make_workbook)
    options = {a["name"]: a["options"] for a in windows_udf_module.SB_RESIDENTS.__xlfunc__["args"]}
    table = xw.conversion.read(_TableRange(ws, "A5:K45", 5), None, options["table"])
    companies, _staff, _retail, bad = _figures(windows_udf_module.SB_RESIDENTS(table))
    assert (companies, bad) == (12, 1)
    # a sheet whose tables Excel cannot list (no ListObjects): the range as its values say, as before
    table = xw.conversion.read(_Range(ws, "A5:K45", 5), None, options["table"])
    assert _figures(windows_udf_module.SB_RESIDENTS(table))[0] == 14
