"""Issue 13.3, materials as applicants answer them: "暂缺" (missing for now) is a material not yet at hand, like "后补"
and "待补" (MAT_MISSING warning saying 尚未提供, the verdict as for an unticked item), not a FIELD_CHOICE "无法识别";
"缺"/"缺失"/"缺少" say it is not provided: 否, so a material the applicant must supply makes the verdict 不达标
(ELIG_MATERIALS), as "无" and "未提供" already do."""
from __future__ import annotations

import json

import pytest

from shibai_xl.faces.cli import main
from tests.conftest import all_materials, example


def _checked(make_workbook, rules, capsys, answer: str) -> dict:
    materials = dict(all_materials(rules), sb_mat_audit=answer)
    path = make_workbook("enterprise", example("enterprise"), materials=materials)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("answer", ["暂缺", "暂缺，后补"])
def test_missing_for_now_is_said_not_yet_provided(make_workbook, rules, capsys, answer):
    result = _checked(make_workbook, rules, capsys, answer)
    codes = {f["code"]: f for f in result["findings"]}
    assert "FIELD_CHOICE" not in codes and "ELIG_MATERIALS" not in codes, codes
    assert codes["MAT_MISSING"]["severity"] == "warning" and "尚未提供" in codes["MAT_MISSING"]["message"]
    assert result["eligible"] is True


@pytest.mark.parametrize("answer", ["缺", "缺失", "缺少"])
def test_missing_is_no(make_workbook, rules, capsys, answer):
    result = _checked(make_workbook, rules, capsys, answer)
    found = [f for f in result["findings"] if f["code"] == "ELIG_MATERIALS"]
    assert result["eligible"] is False and len(found) == 1 and f"“{answer}”" in found[0]["message"], result["findings"]
    assert "FIELD_CHOICE" not in {f["code"] for f in result["findings"]}
