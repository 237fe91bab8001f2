"""Issue 13.2: the 示范/统计调查/上市/授权 counts come from the list's 备注 when it marks companies. A 备注 saying a company
is only applying, or was not granted, marks none: "正在申报省级示范企业", "未获平台授权", "未被列为示范企业",
"计划明年申请上市" (as "拟上市" and "未上市" already were not). Read as claims, they gave 2.1.2 its 5 points on a form that
answered 0 of each."""
from __future__ import annotations

import json

import pytest

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.conftest import example

NONE_CLAIMED = dict(sb_demo_enterprises=0, sb_survey_enterprises=0, sb_listed_enterprises=0,
                    sb_authorized_enterprises=0)


def _item_212(make_workbook, capsys, note: str) -> dict:
    rows = example_residents("park")
    for r in rows:
        r["备注"] = None
    rows[0]["备注"] = note
    path = make_workbook("park", example("park", **NONE_CLAIMED), residents=rows)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    return next(i for i in result["score"]["items"] if i["id"] == "2.1.2")


@pytest.mark.parametrize("note", ["正在申报省级示范企业", "未获平台授权", "未获得天猫平台授权", "未被列为示范企业",
                                  "计划明年申请上市"])
def test_a_note_of_a_claim_pending_or_refused_marks_no_company(make_workbook, capsys, note):
    item = _item_212(make_workbook, capsys, note)
    assert item["auto"] == 0, item


@pytest.mark.parametrize("note", ["获天猫平台授权", "省级电子商务示范企业", "2023年已上市", "无线通信，已上市",
                                  "2023年申报并获评省级示范企业"])
def test_a_note_of_a_claim_granted_still_counts(make_workbook, capsys, note):
    item = _item_212(make_workbook, capsys, note)
    assert item["auto"] == item["max"] and "按入驻企业名单备注计" in item["reason"], item
