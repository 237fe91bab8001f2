"""A figure doubted for its unit (“是否误按元填写？… 请改填50”) decides nothing: the item's reason and the 前置条件's say
the doubt, then ask to check it — as two sentences, never run together (“请改填50请核实后再评分” reads as one number)."""
import json

from shibai_xl.faces.cli import main
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example


def _json(path, capsys):
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_item_reason_of_a_yuan_figure_ends_the_doubt_before_asking(make_workbook, capsys):
    path = make_workbook("team", example("team", sb_agri_sales=500000))
    it = next(i for i in _json(path, capsys)["score"]["items"] if i["id"] == "2.4.2")
    assert it["auto"] == 0
    assert it["reason"].endswith("是按元填写的，应为50万元，请改填50。请核实后再评分"), it["reason"]


def test_item_reason_of_fans_without_wan_ends_the_doubt_before_asking(make_workbook, capsys):
    path = make_workbook("team", example("team", sb_fans=120))
    it = next(i for i in _json(path, capsys)["score"]["items"] if i["id"] == "2.1.2")
    assert it["reason"].endswith("请连同单位填写（“120人”）。请核实后再评分"), it["reason"]


def test_threshold_reason_of_a_doubted_figure_says_each_clause_once(make_workbook):
    """“年度直播销售额达到 500 万以上” 待定 on a figure past what any applicant reaches: the doubt, then the other reading,
    then the request — with no “。；” between them."""
    result = check_file(make_workbook("team", example("team", sb_live_sales="200000000万元")))
    cond = next(c for c in result.eligibility.conditions if "直播销售额" in c.label)
    assert result.eligible is None and cond.reason.endswith("请核实后再判断"), cond.reason
    assert "。；" not in cond.reason and "可能是输入错误；若误按元填写" in cond.reason, cond.reason
    result = check_file(make_workbook("team", example("team", sb_live_sales=13985012345)))
    cond = next(c for c in result.eligibility.conditions if "直播销售额" in c.label)
    assert cond.reason.endswith("不是年度直播销售额的数字。请核实后再判断"), cond.reason
