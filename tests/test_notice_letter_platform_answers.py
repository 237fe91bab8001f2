"""附件5 园区 1.2.2/1.2.3 and 基地 1.2.2 score what a 管理中台 can do (“管理中台可实现……”): a form answering “有管理中台”
否 has no 中台 to do it, so its 是 on them earns nothing until a reviewer settles which answer is true (数据缺失, 0 分,
the reason naming the contradiction) — as the FIELD_INCONSISTENT warning on the form already says."""
import json

import pytest

from shibai_xl.faces.cli import main
from tests.conftest import example


def _items(path, capsys):
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    return {i["id"]: i for i in out["score"]["items"]}, out


@pytest.mark.parametrize("app_type, ids, total", [("park", ("1.2.2", "1.2.3"), 100), ("base", ("1.2.2",), 78)])
def test_platform_functions_without_a_platform_earn_nothing(make_workbook, capsys, app_type, ids, total):
    items, out = _items(make_workbook(app_type, example(app_type, sb_has_platform="否")), capsys)
    assert items["1.2.1"]["auto"] == 0
    for i in ids:
        assert items[i]["auto"] == 0, items[i]
        assert items[i]["reason"].startswith("数据缺失："), items[i]
        assert "“有管理中台”为“否”" in items[i]["reason"] and "请核实后再评分" in items[i]["reason"], items[i]
    assert out["score"]["auto"] == total
    assert any(f["code"] == "FIELD_INCONSISTENT" and "有管理中台" in f["message"] for f in out["findings"])


def test_platform_functions_with_the_platform_unanswered_still_count(make_workbook, capsys):
    items, _ = _items(make_workbook("park", example("park", sb_has_platform=...)), capsys)
    assert items["1.2.2"]["auto"] == 10 and items["1.2.3"]["auto"] == 5


def test_supplementary_yes_still_decides_over_the_forms_no(make_workbook, capsys):
    """README: 补充信息填“是”、申报表对应的题却勾“否”时仍按补充信息评分 (团队 运营良好的APP或小程序)."""
    items, _ = _items(make_workbook("team", example("team", sb_has_app="否", sb_app_running="是")), capsys)
    assert items["1.1.1"]["auto"] == 15
