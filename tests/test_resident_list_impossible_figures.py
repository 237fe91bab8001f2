"""附件3 figures no company of a park can have (从业人数 50万人, 年度网络交易额 99999999万元 — a slip of the keyboard,
a 元 figure pasted into the 万元 column): said on the row and left out of the list's sums, as a mobile number pasted
there is, by the file reader, SB_RESIDENTS and both ways of summing the list alike (the year file's
``[residents] plausible_max``)."""
from __future__ import annotations

import json

from shibai_xl.engine.residents import NAME, RETAIL, STAFF, TRADE, _column_totals, totals
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from shibai_xl.rules import load
from tests.conftest import example
from tests.engine.test_resident_columns import KEYWORDS, _both, _same, _slow
from tests.test_resident_list_as_parks_fill_it import THREE, read_list, typed_list


def test_a_hand_typed_list_leaves_impossible_figures_out_of_its_sums(tmp_path):
    lines = [list(line) for line in THREE]
    lines[1][6] = 500000            # 从业人数 50万人
    lines[2][7] = 99999999          # 年度网络交易额 99999999万元 (近1万亿元)
    read, summed = read_list(typed_list(tmp_path / "名单.xlsx", lines))
    expected = {"家数": 3, "从业人数合计": 10, "年度网络交易额合计（万元）": 200.0, "年度网络零售额合计（万元）": 30.0,
                "数据有误（处）": 2}
    assert read == expected
    assert {k: summed[k] for k in expected} == expected


def test_check_says_the_impossible_figure_on_its_row(make_workbook, tmp_path, capsys):
    rows = example_residents("park")
    rows[2][STAFF] = 500000
    rows[3][TRADE] = "99999999"
    path = make_workbook("park", example("park"), residents=rows)
    capsys.readouterr()
    main(["check", str(path), "--json"])
    said = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    staff = next(f for f in said if f"的{STAFF}“" in f["message"])
    trade = next(f for f in said if f"的{TRADE}“" in f["message"])
    assert rows[2][NAME] in staff["message"] and "500000" in staff["message"] and "未计入合计" in staff["message"]
    assert rows[3][NAME] in trade["message"] and "99999999" in trade["message"] and "未计入合计" in trade["message"]
    assert staff["cell"] and trade["cell"]


def test_the_column_way_and_the_row_way_agree_on_impossible_figures():
    limits = load().residents.plausible_max
    assert limits[STAFF] < 10 ** 9 and limits[TRADE] < 99999999 and limits[RETAIL] < 99999999
    for staff, trade, retail in ((500000, 100.0, 10.0), (5.0, 99999999.0, 10.0), (5, 99999999, 99999999),
                                 (limits[STAFF], limits[TRADE], limits[RETAIL])):
        lines = [("贵州黔货一号电子商务有限公司", "", 5.0, 100.0, 10.0, ""),
                 ("贵州黔货二号电子商务有限公司", "", staff, trade, retail, "")]
        table, rows = _both(lines)
        slow = _slow(rows)
        _same(totals(table), slow)
        at_limit = staff == limits[STAFF]
        assert (_column_totals(table, KEYWORDS) is not None) == at_limit
        assert bool(slow[1]) != at_limit
