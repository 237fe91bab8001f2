"""A park's 是/否 answers written with the figure behind them, as applicants fill the form (附件2 园区 items 2, 9, 10,
16 print their figure in the question: 带宽不低于100Mbps, 授信额不低于10万, 培训不少于5次、单次不少于50人, 员工总数
不低于50个), checked with ``shibai check --json``."""
from __future__ import annotations

import pytest

from tests.conftest import example
from tests.test_forms_as_filled import item, run_json

BELOW = [("sb_bandwidth_100m", "是（50M）", "1.1.2", "50Mbps"),
         ("sb_bandwidth_100m", "是，电信光纤50Mbps", "1.1.2", "50Mbps"),
         ("sb_finance_coop", "是（授信8万）", "2.2.1", "8万元"),
         ("sb_talent_policy", "是，每年培训4次", "2.2.2", "4次"),
         ("sb_talent_policy", "是（每年6次，单次45人）", "2.2.2", "45人")]


@pytest.mark.parametrize("field,typed,item_id,said", BELOW)
def test_a_yes_whose_own_remark_gives_a_figure_below_the_question_earns_nothing(make_workbook, capsys, field, typed,
                                                                                 item_id, said):
    """"是（50M）" answers 带宽不低于100Mbps with 50Mbps: the applicant's own figure does not meet the question (附件5
    1.1.2 平均网络带宽不低于100Mbps), so the item earns 0 and the reason and a FIELD_INCONSISTENT warning at the cell
    say which figure. It earned the full points without a word."""
    j = run_json(make_workbook("park", example("park", **{field: typed})), capsys)
    it = item(j, item_id)
    assert it["auto"] == 0 and said in it["reason"] and typed in it["reason"], it
    found = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert len(found) == 1 and said in found[0]["message"] and found[0]["severity"] == "warning", j["findings"]
    assert found[0]["cell"], found


@pytest.mark.parametrize("field,typed,item_id", [("sb_bandwidth_100m", "是（1000M光纤）", "1.1.2"),
                                                 ("sb_bandwidth_100m", "是（1G）", "1.1.2"),
                                                 ("sb_finance_coop", "是（授信额度200万元）", "2.2.1"),
                                                 ("sb_talent_policy", "是（每年6次，单次60人）", "2.2.2"),
                                                 ("sb_talent_policy", "是（见印证材料）", "2.2.2"),
                                                 ("sb_talent_policy", "是（专职讲师8人）", "2.2.2")])
def test_a_yes_whose_remark_meets_the_question_or_says_no_such_figure_keeps_its_points(make_workbook, capsys, field,
                                                                                      typed, item_id):
    j = run_json(make_workbook("park", example("park", **{field: typed})), capsys)
    assert item(j, item_id)["auto"] == item(j, item_id)["max"], item(j, item_id)
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_INCONSISTENT", "FIELD_CHOICE")], j["findings"]


def test_the_base_asks_its_own_training_figures(make_workbook, capsys):
    """The base's item 8 asks 培训不少于2次、单次不少于20人 (附件5 基地): 3次 meets it, though it is below the park's 5次."""
    j = run_json(make_workbook("base", example("base", sb_talent_policy="是（每年3次，单次30人）")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]
    j = run_json(make_workbook("base", example("base", sb_talent_policy="是（每年1次）")), capsys)
    assert [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]
