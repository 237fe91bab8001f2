"""An expert's remark typed beside his scores but not in 备注: in the blank column right of it without a header, or in
a column he headed “评语” past the hidden columns of the 小计 formulas. Collect dropped both without a word (only
remarks under 备注 and headed columns before the hidden ones were read); they are listed with the other remarks."""
from __future__ import annotations

import shutil

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import open_workbook, read_table
from shibai_xl.jobs import review

from .test_review import NOW, scored_round


def test_remarks_beside_the_table_with_or_without_a_header_are_listed(tmp_path):
    rdir = scored_round(tmp_path / "评审")
    d = tmp_path / "第一轮"
    shutil.copytree(rdir, d)
    book = d / "专家评分表-丙.xlsx"
    wb = load_workbook(book)
    ws = wb["评分表"]
    assert [ws.cell(4, c).value for c in (14, 15, 16, 19)] == ["备注", None, "去空格", "计分（汇总读法）"]
    ws["O6"] = "材料不全，建议核实"                 # beside 备注, no header typed over it
    ws["T4"], ws["T7"] = "评语", "直播间数量存疑"      # his own column, right of the hidden ones
    wb.save(book)
    out = tmp_path / "结果.xlsx"
    review.collect(d, out, now=NOW)
    wb = open_workbook(out)
    try:
        _, rows, _ = read_table(wb, "sb_review_remarks")
    finally:
        wb.close()
    said = {(r["专家"], r["单元格"]): r["备注"] for r in rows}
    assert said[("丙", "评分表!O6")] == "O列：材料不全，建议核实", said
    assert said[("丙", "评分表!T7")] == "评语：直播间数量存疑", said
