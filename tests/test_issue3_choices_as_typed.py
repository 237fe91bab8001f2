"""Issue 3: drop-down answers typed as text are read. A choice typed with a full stop ("民营企业。"), a remark in
brackets ("民营企业（有限责任公司）", "政府部门（管委会）", "平台类（B2C）") or the words of the form's "□其他____" after it
("其他：集体企业") was FIELD_CHOICE 应为以下之一, the 企业性质 of the city's 项目汇总表 left blank."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from shibai_xl.engine.values import parse_choice
from shibai_xl.faces.cli import main
from shibai_xl.rules import load
from tests.conftest import example


@pytest.mark.parametrize(("field", "typed", "read"), [
    ("sb_operator_type", "民营企业。", "民营企业"),
    ("sb_operator_type", "民营企业（有限责任公司）", "民营企业"),
    ("sb_operator_type", "政府部门（管委会）", "政府部门"),
    ("sb_operator_type", "其他：集体企业", "其他"),
    ("sb_org_type", "其他-合伙企业", "其他"),
    ("sb_org_type", "国企（控股）", "国有或国有控股企业"),
    ("sb_enterprise_kind", "平台类（B2C）", "平台类"),
    ("sb_city", "安顺市。", "安顺市"),
])
def test_a_choice_with_what_is_said_after_it(field, typed, read):
    f = load().fields[field]
    assert parse_choice(typed, f.choices, f.aliases).value == read


@pytest.mark.parametrize("typed", ["民营企业、国有企业", "合伙（有限）", "股份制企业"])
def test_what_is_no_one_choice_stays_an_error(typed):
    f = load().fields["sb_operator_type"]
    assert parse_choice(typed, f.choices, f.aliases).error


def test_the_summary_writes_the_nature_of_an_operator_typed_with_a_remark(tmp_path, make_workbook, capsys):
    folder = tmp_path / "申报表"
    folder.mkdir()
    make_workbook("park", example("park", sb_operator_type="民营企业（有限责任公司）"), name="申报表/园区.xlsx")
    capsys.readouterr()
    assert main(["check", str(folder / "园区.xlsx"), "--json"]) == 0
    assert not [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "FIELD_CHOICE"]
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 0
    ws = load_workbook(tmp_path / "汇总表.xlsx").worksheets[0]
    header = [c.value for c in ws[3]]
    assert ws.cell(4, header.index("企业性质") + 1).value == "民企"
