"""The 申报表's head typed as a table, each answer BELOW its label, with the labels spread over merged cells as the
printed form spreads them ("名称" merged over A:C, "主管部门" over D:F, the answers merged the same way on the row
under them) or with blank cells between: the name and the authority are read under their labels — the name was
read as blank (no name in `check --json`, a summary row without its 企业名称)."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_layout import _supplementary, _team_items, put_rows

NAME, AUTHORITY = "安顺黔味文化传媒有限公司", "安顺市西秀区商务局"


def _team(path, head):
    wb = Workbook()
    put_rows(wb.active, [[("电商直播团队申报表", 8)], ["填表时间：2024年5月10日"], *head,
                         ["地址", "贵州省安顺市西秀区黄果树大街18号"], ["类型", "☑民营企业"],
                         ["主要负责人", "姓名", "王明", "职务", "总经理", "手机", "13908510001"],
                         ["前置条件", "(2023年1月-2023年12月)年度直播销售额", "500", "万元"], *_team_items("☑是 □否")])
    _supplementary(wb, "91520402MA6J8N5P2W", "2022年5月10日")
    wb.save(path)
    return path


@pytest.mark.parametrize("head", [
    [[("名称", 3), ("主管部门", 3)], [(NAME, 3), (AUTHORITY, 3)]],
    [["名称", None, None, "主管部门"], [NAME, None, None, AUTHORITY]],
], ids=["merged", "blank-between"])
def test_the_name_and_authority_below_their_spread_labels_are_read(tmp_path, head):
    app = read_application(_team(tmp_path / "团队.xlsx", head))
    assert (app.raw["sb_name"].cell, app.value("sb_name")) == ("A4", NAME)
    assert (app.raw["sb_authority"].cell, app.value("sb_authority")) == ("D4", AUTHORITY)
    result = check(app)
    assert not [f for f in result.findings if f.code == "FIELD_REQUIRED" and f.field in ("sb_name", "sb_authority")]


def test_check_json_names_the_applicant_typed_below_its_merged_label(tmp_path, capsys):
    from shibai_xl.faces.cli import main
    path = _team(tmp_path / "团队.xlsx", [[("名称", 3), ("主管部门", 3)], [(NAME, 3), (AUTHORITY, 3)]])
    assert main(["check", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == NAME


