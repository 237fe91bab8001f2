"""Issue 13.1: "分公司, 个人独资企业 and 合伙企业 also carry 91 and are not legal persons (民法典 第一百零二条): when the
name says so … the verdict is 待定 with an ELIG_ENTITY warning". A name that says 合伙企业 without the bracketed
普通合伙/有限合伙 (“都匀茶香电商合伙企业”, as applicants shorten it on the form) says so too; a company whose name
merely holds 合伙人 is still a company."""
from __future__ import annotations

import json

import pytest

from shibai_xl.faces.cli import main
from tests.conftest import example


def _check(make_workbook, capsys, name: str) -> dict:
    path = make_workbook("enterprise", example("enterprise", sb_name=name))
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", ["都匀茶香电商合伙企业", "贵州茶香电子商务合伙企业（普通合伙）"])
def test_a_partnership_named_so_is_pending_with_a_warning(make_workbook, capsys, name):
    result = _check(make_workbook, capsys, name)
    assert result["eligible"] is None
    [entity] = [f for f in result["findings"] if f["code"] == "ELIG_ENTITY"]
    assert entity["severity"] == "warning" and "合伙" in entity["message"] and "民法典" in entity["message"]
    assert result["score"]["auto"] == 100           # the suggested score stays


@pytest.mark.parametrize("name", ["贵州好合伙人电子商务有限公司", "贵州众创合伙企业管理有限公司",
                                  "贵州分公司服务外包股份有限公司 "])
def test_a_company_named_for_its_partners_is_a_company(make_workbook, capsys, name):
    # the organisational form is the name's end (企业名称登记管理规定 第六条): 有限公司 is a legal person, whatever
    # words its trade name holds
    result = _check(make_workbook, capsys, name)
    assert result["eligible"] is True and not [f for f in result["findings"] if f["code"] == "ELIG_ENTITY"]
