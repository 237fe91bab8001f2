"""A hand-typed 申报表 continued on a second sheet that repeats the form's title as printed forms do on each page
("电商直播团队申报表（续）", or the title itself): the items on that sheet are the form's items. They were taken for
a blank copy of the form and skipped — every item there said "必填项为空", the score 15 instead of 100."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.test_printed_layout import _supplementary, _team_items, put_rows

HEAD = [[("电商直播团队申报表", 8)], ["填表时间：", "2024年5月10日"],
        ["名称", ("安顺黔味文化传媒有限公司", 3), "主管部门", ("安顺市西秀区商务局", 3)],
        ["地址", ("贵州省安顺市西秀区黄果树大街18号", 7)], ["类型", ("□国有或国有控股企业 ☑民营企业 □其他_____", 7)],
        ["主要负责人", "姓名", "王明", "职务", "总经理", "手机", "13908510001"],
        ["前置条件", "(2023年1月-2023年12月)年度直播销售额", "500万元", "万元"]]


@pytest.mark.parametrize("title", ["电商直播团队申报表（续）", "电商直播团队申报表"])
def test_the_items_on_a_continuation_sheet_under_the_title_are_read(tmp_path, capsys, title):
    items = _team_items("☑是 □否")
    wb = Workbook()
    put_rows(wb.active, HEAD + items[:3])
    put_rows(wb.create_sheet("第2页"), [[(title, 8)], *items[3:]])
    _supplementary(wb, "91520402MA6J8N5P2W", "2022年5月10日")
    path = tmp_path / "团队.xlsx"
    wb.save(path)
    assert main(["check", str(path), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["score"]["auto"] == 100
    assert not [f for f in said["findings"] if f["code"] == "FIELD_REQUIRED" and "申报表填写" in f["message"]]
    assert not [f for f in said["findings"] if f["code"] == "FILE_OTHER_FORM"]


def test_a_short_continuation_under_the_title_is_read_too(tmp_path, capsys):
    """Only the last two items on the second sheet, under the title: still the form's items."""
    items = _team_items("☑是 □否")
    wb = Workbook()
    put_rows(wb.active, HEAD + items[:-2])
    put_rows(wb.create_sheet("第2页"), [[("电商直播团队申报表（续）", 8)], *items[-2:]])
    _supplementary(wb, "91520402MA6J8N5P2W", "2022年5月10日")
    path = tmp_path / "团队.xlsx"
    wb.save(path)
    assert main(["check", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["score"]["auto"] == 100
