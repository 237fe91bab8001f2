"""A date typed where a figure goes ("2024/5/1" typed into 年度网络零售额: Excel stores 45413 and shows the date), through
every face (the sibling of test_faces_agree.py, whose harness it uses): ``shibai check --json``, the formulas SB_ELIGIBLE
/ SB_SCORE on the cells' values (as Excel's COM hands a date cell: a moment), the WPS add-in over real HTTP (Range.Value2
gives 45413 with the cell's format beside it) and SB_RESIDENTS on the 附件3 list. Such a number is no figure anybody
wrote: it decides nothing (前置条件 待定, an 附件5 item 0 until a person checks) and adds nothing to a total.
"""
from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.faces import udf_functions as U
from shibai_xl.rules import load

from ..test_forms_as_filled import run_json
from ..test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine fixture)
from .conftest import fake_book, needs_node, run_js
from .test_faces_agree import _formulas, faces_agree
from .test_faces_agree_value_kinds import _formatted, _list_cells

pytestmark = needs_node

TYPED = datetime(2024, 5, 1)        # what Excel stores for "2024/5/1" typed into a cell: 45413, shown 2024/5/1

CASES = {   # name → (type, values changed, what is done to the saved workbook, faces that cannot know it)
    # the 前置条件 amounts: 待定 (45413 万元 would pass every threshold)
    "retail typed as a date": ("enterprise", {}, _formatted({"sb_online_retail": TYPED}, "yyyy/m/d"), ()),
    "park trade typed as a date": ("park", {}, _formatted({"sb_trade_total": TYPED}, "yyyy-mm-dd"), ()),
    "live sales typed as a date": ("team", {}, _formatted({"sb_live_sales": TYPED}, "yyyy/m/d"), ()),
    # scored figures: the item 0 until checked (45413 签约主播, 45413 人 粉丝 would be 符合)
    "anchors typed as a date": ("base", {}, _formatted({"sb_anchors": TYPED}, "yyyy/m/d"), ()),
    "fans typed as a date": ("team", {}, _formatted({"sb_fans": TYPED}, "yyyy/m/d"), ()),
    "farm sales typed as a date": ("team", {}, _formatted({"sb_agri_sales": TYPED}, "yyyy/m/d"), ()),
    "rate typed as a date": ("park", {}, _formatted({"sb_incubation_rate": TYPED}, "yyyy/m/d"), ()),
    # a date and time (2024/5/1 9:30, stored 45413.395833333336): check and WPS quoted the file's number to 17 digits
    # (45413.39583333334), Excel's ribbon and the formulas — handed the moment — to 15 (45413.3958333333, as Excel's
    # formula bar shows it): every face quotes the 15
    "live rooms typed as a moment": ("park", {}, _formatted({"sb_live_rooms": datetime(2024, 5, 1, 9, 30)},
                                                           "yyyy/m/d h:mm"), ()),
    # a date typed into the 附件3 list's 零售额 (a formula is given the form's cells: SB_RESIDENTS below)
    "list retail typed as a date": ("park", {}, _list_cells({"I8": (TYPED, "yyyy/m/d")}), ()),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_face_gives_the_same_answer(case, make_workbook, tmp_path, capsys, service):
    faces_agree(case, CASES[case], make_workbook, tmp_path, capsys, service, formula_may_say_errors=True)


def test_a_date_typed_into_a_scored_figure_scores_as_check_scores_it(make_workbook, capsys):
    """签约主播 typed as 2024/5/1: check gives 2.1.1 (签约主播不少于10人) nothing until checked; SB_SCORE over the form's
    names and values, the date among them as Excel hands it, the same total — not the 45413 people's."""
    path = make_workbook("base")
    _formatted({"sb_anchors": TYPED}, "yyyy/m/d")(path)
    command = run_json(path, capsys)
    item = next(i for i in command["score"]["items"] if i["id"] == "2.1.1")
    assert item["auto"] == 0 and "2024-05-01" in item["reason"], item
    _, scored = _formulas(path, "base")
    wb = load_workbook(path)
    names = sorted(n for n in load().names_for("base") if named_cell(wb, n) is not None)

    def score_with(anchors):
        return U.score("base", names, [anchors if n == "sb_anchors" else named_cell(wb, n).value for n in names])
    assert scored == float(command["score"]["auto"]) == score_with(0) < score_with(45413), \
        (scored, command["score"]["auto"])


def _list_range(path):
    """The 附件3 list as SB_RESIDENTS is given it (=SB_RESIDENTS(A5:K45)): a date cell as Excel's COM hands it."""
    ws = load_workbook(path)["入驻企业名单"]
    return [[c.value for c in row] for row in ws["A5:K45"]]


def test_a_date_typed_into_the_list_adds_nothing_to_its_total(make_workbook, tmp_path, capsys, service):
    """2024/5/1 typed into a resident's 年度网络零售额: check said “单元格里的数字45413不作为所填数字” yet added 45413 万元
    to the list's total (名单12家合计49093.04万元) and called the row's 零售额 45413万元 greater than its 交易额;
    SB_RESIDENTS summed it too. The row now adds nothing (名单11家合计…), as a figure that cannot be read adds
    nothing, in check, in WPS and in the formula."""
    path = make_workbook("park")
    before = float(U.residents(_list_range(path))[3][1])
    _list_cells({"I8": (TYPED, "yyyy/m/d")})(path)
    command = run_json(path, capsys)
    said = [f["message"] for f in command["findings"] if f["cell"] == "I8"]
    assert len(said) == 1 and "像是在此栏填写了日期" in said[0] and "45413万元" not in said[0], said
    (total,) = [f["message"] for f in command["findings"] if f["code"] == "XC_RESIDENT_RETAIL"]
    assert "名单11家合计" in total and "49093.04" not in total, total

    got = dict(map(tuple, U.residents(_list_range(path))))
    row_retail = 519.96                       # the example's third company, whose 零售额 became the date
    assert got["年度网络零售额合计（万元）"] == pytest.approx(before - row_retail), got
    assert got[U.RESIDENTS_LABELS[-1]] == 1, got

    clicked = run_js(tmp_path, fake_book(path, saved=False), "sb_check", service)
    assert clicked["error"] is None, clicked["error"]
    assert sorted(f["message"] for f in clicked["outcome"]["findings"]) \
        == sorted(f["message"] for f in command["findings"])
