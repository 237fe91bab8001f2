"""Issue 4: 示范/统计调查/上市/授权 counts declared vs what the 入驻企业名单's 备注 can support. A 备注 naming a designation
only applied or prepared for — "省级上市后备企业" (Guizhou's pre-IPO pipeline), "拟申报省级示范企业", "上市培育企业" —
was counted as a listed or demonstration company: the park's 附件5 2.1.2 got its 5 points from the list although
neither the form nor the list names one such company ("未上市", "拟上市" were already not counted)."""
from __future__ import annotations

import pytest

from tests.conftest import checked_json, example, example_residents

NONE_DECLARED = dict(sb_demo_enterprises=0, sb_survey_enterprises=0, sb_listed_enterprises=0, sb_authorized_enterprises=0)


def _checked(make_workbook, capsys, note, **values):
    residents = example_residents("park")
    for r in residents:
        r["备注"] = ""
    residents[0]["备注"] = note
    path = make_workbook("park", example("park", **values), residents=residents)
    got = checked_json(path, capsys)
    return got, next(i for i in got["score"]["items"] if i["id"] == "2.1.2")


@pytest.mark.parametrize("note", ["省级上市后备企业", "后备上市企业", "上市培育企业", "拟申报省级示范企业",
                                  "正在申请知名电商平台授权"])
def test_a_designation_only_sought_earns_nothing(make_workbook, capsys, note):
    got, item = _checked(make_workbook, capsys, note, **NONE_DECLARED)
    assert item["auto"] == 0, item


@pytest.mark.parametrize("note", ["已上市", "国家级电商示范企业", "已申报，获评省级示范企业", "天猫授权运营"])
def test_a_designation_held_still_counts(make_workbook, capsys, note):
    got, item = _checked(make_workbook, capsys, note, **NONE_DECLARED)
    assert item["auto"] == item["max"], item


def test_the_form_claiming_a_listed_company_the_list_only_prepares_is_said(make_workbook, capsys):
    got, _ = _checked(make_workbook, capsys, "省级上市后备企业", **{**NONE_DECLARED, "sb_listed_enterprises": 1,
                                                              "sb_demo_enterprises": 1})
    notes = [f["message"] for f in got["findings"] if f["code"] == "XC_RESIDENT_NOTE"]
    assert notes and "已上市企业填报1家" in " ".join(notes)
