"""A hand-typed 申报表 continued on a second sheet WITHOUT the form's title, whose first line repeats the applicant
("名称：安顺黔味文化传媒有限公司" or "企业名称：…", as people head each page so the pages can be told apart): the items
on it are the form's items when the 名称 is the first sheet's. They were taken for another applicant's form
(FILE_OTHER_FORM) and skipped — every item there 必填项为空. A second sheet naming another company is not read into
this form, and is said."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.adapters.xlsx.label_sheets import page_name
from shibai_xl.adapters.xlsx.labels import LabelIndex, form_specs
from shibai_xl.adapters.xlsx.source import Grid
from shibai_xl.faces.cli import main
from shibai_xl.rules import load
from tests.test_handtyped_continued_sheet import HEAD
from tests.test_printed_layout import _supplementary, _team_items, printed_park, put_rows


def _checked(tmp_path, capsys, first_line, cut=3, title=None):
    """check --json of a team's form typed over two sheets: the items before ``cut`` on the first, the rest on
    “第2页” under ``first_line`` (and a ``title`` line above it)."""
    items = _team_items("☑是 □否")
    wb = Workbook()
    put_rows(wb.active, HEAD + items[:cut])
    put_rows(wb.create_sheet("第2页"), [*([title] if title else []), first_line, *items[cut:]])
    _supplementary(wb, "91520402MA6J8N5P2W", "2022年5月10日")
    path = tmp_path / "团队.xlsx"
    wb.save(path)
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("first_line", [["名称：安顺黔味文化传媒有限公司"], ["企业名称：安顺黔味文化传媒有限公司"],
                                        ["名称", ("安顺黔味文化传媒有限公司", 3)], ["名称：安顺黔味文化传媒有限公司（续）"],
                                        ["企业名称：安顺黔味文化传媒有限公司 第2页"]])
def test_an_untitled_continuation_of_the_same_company_is_read(tmp_path, capsys, first_line):
    said = _checked(tmp_path, capsys, first_line)
    assert not [f for f in said["findings"] if f["code"] == "FILE_OTHER_FORM"], said["findings"]
    assert not [f for f in said["findings"] if f["code"] == "FIELD_REQUIRED" and "申报表填写" in f["message"]]
    assert said["score"]["auto"] == 100, said["score"]


@pytest.mark.parametrize("cut", [3, 6])
def test_a_continuation_naming_another_company_is_said_and_not_read(tmp_path, capsys, cut):
    """The page under "名称：遵义某某" is another applicant's: its items are not taken into 安顺黔味's form, and said —
    whether it holds most of the items (5) or only the last two."""
    said = _checked(tmp_path, capsys, ["名称：遵义红城直播科技有限公司"], cut)
    other = [f for f in said["findings"] if f["code"] == "FILE_OTHER_FORM"]
    assert len(other) == 1 and other[0]["severity"] == "error" and "遵义红城直播科技有限公司" in other[0]["message"] \
        and other[0]["sheet"] == "第2页", said["findings"]
    assert said["score"]["auto"] < 100, said["score"]


def test_a_continuation_under_the_title_and_the_name_is_read(tmp_path, capsys):
    """"电商直播团队申报表（续）" over "名称：安顺黔味…" over items 4–8: the same company's page, read."""
    said = _checked(tmp_path, capsys, ["名称：安顺黔味文化传媒有限公司"], title=[("电商直播团队申报表（续）", 8)])
    assert said["score"]["auto"] == 100 and not [f for f in said["findings"] if f["code"] == "FILE_OTHER_FORM"]


def test_a_short_page_under_the_title_naming_another_company_is_said(tmp_path, capsys):
    said = _checked(tmp_path, capsys, ["名称：遵义红城直播科技有限公司"], -2, title=[("电商直播团队申报表（续）", 8)])
    other = [f for f in said["findings"] if f["code"] == "FILE_OTHER_FORM"]
    assert len(other) == 1 and "遵义红城直播科技有限公司" in other[0]["message"], said["findings"]
    assert said["score"]["auto"] < 100


def test_a_parks_page_going_on_from_its_operator_is_read(tmp_path, capsys):
    """A park's form broken before its 运营机构 row: the second page begins "运营机构 | 名称 | 某某运营管理有限公司" —
    the operator's name, not another applicant's: the page is the form's, read."""
    path = printed_park(tmp_path / "园区.xlsx")
    wb = load_workbook(path)
    form = wb["申报表"]
    rows = [[c.value for c in line] for line in form.iter_rows(min_row=5)]
    form.delete_rows(5, form.max_row)
    form.merged_cells.ranges = set()
    page = wb.create_sheet("第2页", 1)
    for line in rows:
        page.append(line)
    wb.save(path)
    assert main(["check", str(path), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert not [f for f in said["findings"] if f["code"] == "FILE_OTHER_FORM"], said["findings"]
    assert said["eligible"] is True and said["score"]["auto"] >= 60, said["score"]


@pytest.mark.parametrize("first_line,name", [(["名称", "遵义红城直播科技有限公司"], "遵义红城直播科技有限公司"),
                                             (["运营机构", "名称", "贵州某某运营管理有限公司"], None),
                                             (["名称：填写营业执照上的全称"], None)])
def test_the_name_a_page_is_headed_with(first_line, name):
    """Only a 名称 standing first on a page's first lines heads it: not the 运营机构's, not a 填表说明's."""
    blocks = form_specs("team", load())
    index = LabelIndex([("第2页", Grid([first_line, ["7. 取得相应的经营批准证书，信息公开可查", "是"]]))])
    index.label_keys = {k for block in blocks for s in block for k in (*s.keys, *s.near)}
    index.spaced_answers()
    assert page_name(index, next(s for s in blocks[0] if s.name == "sb_name"), "第2页") == name
