"""``check --write`` of an application with thousands of findings (a list of 5000 rows repeating each company): each
finding's row in 校验结果 gets a link to its cell, and each link written looked at every link already there for one
on its cell — quadratic: 2500 links took 5 of the write's 6.9 s of CPU. The links of a sheet are now looked up by
their cell (the same 2511 links, in 3.2 s for the whole ``check --write``).
"""
from __future__ import annotations

import time
import zipfile

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.patch import XlsxPatch
from shibai_xl.faces.cli import main

LINKS = 2000


def test_thousands_of_links_are_written_in_time_linear_in_their_number(make_workbook, tmp_path):
    """In one process, 2000 links set and half of them set again: 3.5 s of CPU before, 0.036 s now (bound 1 s)."""
    path = make_workbook("team")
    assert main(["check", str(path), "--write"]) == 0       # the 校验结果 sheet, as a check writes it
    p = XlsxPatch(str(path))
    start = time.process_time()
    for r in range(5, 5 + LINKS):
        p.set_hyperlink("校验结果", f"D{r}", location=f"'申报表'!C{r}")
    for r in range(5, 5 + LINKS, 2):            # a cell's link replaced, not doubled
        p.set_hyperlink("校验结果", f"D{r}", location="'申报表'!A1")
    p.set_hyperlink("校验结果", "D6", location=None)   # and removed
    spent = time.process_time() - start
    out = tmp_path / "out.xlsx"
    out.write_bytes(p.to_bytes())
    ws = load_workbook(out)["校验结果"]
    links = {c.coordinate: c.hyperlink.location for r in ws.iter_rows(min_row=5) for c in r if c.hyperlink}
    assert len(links) == LINKS - 1 and "D6" not in links
    assert links["D5"] == "'申报表'!A1" and links["D8"] == "'申报表'!C8"
    assert spent < 1.0, spent


def test_a_link_typed_with_dollars_or_in_lower_case_is_the_cells_link(tmp_path):
    """A link whose reference is "$B$3" or "b3" (written so by other programs) is replaced, not doubled."""
    from openpyxl import Workbook
    from openpyxl.worksheet.hyperlink import Hyperlink

    wb = Workbook()
    ws = wb.active
    ws.title = "表"
    ws["B3"], ws["C4"] = "甲", "乙"
    ws._hyperlinks = [Hyperlink(ref="$B$3", location="'表'!A1"), Hyperlink(ref="c4", location="'表'!A2")]
    path = tmp_path / "links.xlsx"
    wb.save(path)
    p = XlsxPatch(str(path))
    p.set_hyperlink("表", "B3", location="'表'!A9")
    p.set_hyperlink("表", "C4", location=None)
    out = tmp_path / "out.xlsx"
    out.write_bytes(p.to_bytes())
    data = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert data.count("<hyperlink ") == 1 and "A9" in data and "c4" not in data
