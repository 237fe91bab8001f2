"""A resident with no 网络零售额 (it sells to businesses) or no figure to give: parks write “—”, “/” or 不涉及 in its cell
of the 入驻企业名单 (附件3), as the printed forms are filled. `shibai check` said “…“—”不是数字” of each — a warning asking
the park to fix what is no mistake — while “无” read as none without a word. The mark now reads as a blank cell:
nothing added, nothing said; the list's own 合计 row is still checked against the rows."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from shibai_xl.examples import example_residents
from shibai_xl.faces import udf_functions as U
from shibai_xl.faces.cli import main
from tests.conftest import example

STAFF, RETAIL = "从业人数", "年度网络零售额（万元）"


@pytest.mark.parametrize("mark", ["—", "/", "不涉及", "--"])
def test_a_resident_figure_marked_not_applicable_is_no_error(make_workbook, capsys, mark):
    rows = example_residents("park")
    left = sum(r[RETAIL] for r in rows[3:5])
    rows[3][RETAIL] = rows[4][RETAIL] = mark
    rows[6][STAFF] = mark
    values = example("park")
    values["sb_online_retail"] -= left
    path = make_workbook("park", values, residents=rows)
    capsys.readouterr()
    main(["check", str(path), "--json"])
    got = json.loads(capsys.readouterr().out)
    said = [f for f in got["findings"] if f["code"] in ("XC_RESIDENT_ROW", "XC_RESIDENT_RETAIL")]
    assert not said, said
    ws = load_workbook(path)["入驻企业名单"]
    summed = dict(map(tuple, U.residents([[c.value for c in row] for row in ws["A5:K35"]])))
    assert summed["数据有误（处）"] == 0 and summed["家数"] == 12, summed
    assert summed["年度网络零售额合计（万元）"] == pytest.approx(values["sb_online_retail"]), summed
