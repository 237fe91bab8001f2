"""运营机构类型 / 企业性质 as applicants type them instead of picking from the drop-down: the obvious words are the
canonical choices (国有独资 is 国有或国有控股企业, 私企 民营企业); what the form's "其他____" box holds (外资, 中外合资,
个体工商户) is 其他 with those words, as 附件4's 企业性质 then shows it; neither is an invalid choice."""
from __future__ import annotations

import pytest

from shibai_xl.engine.summary import nature
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example


@pytest.mark.parametrize(("app_type", "field", "typed", "shown"), [
    ("park", "sb_operator_type", "国有独资", "国企"),
    ("park", "sb_operator_type", "国有控股", "国企"),
    ("base", "sb_operator_type", "私企", "民企"),
    ("enterprise", "sb_org_type", "私营企业", "民企"),
    ("enterprise", "sb_org_type", "私营", "民企"),
    ("team", "sb_org_type", "国有独资公司", "国企"),
    ("enterprise", "sb_org_type", "外资", "其他（外资）"),
    ("enterprise", "sb_org_type", "中外合资", "其他（中外合资）"),
    ("team", "sb_org_type", "个体工商户", "其他（个体工商户）"),
])
def test_an_organisation_type_typed_in_common_words_is_read_as_the_forms_choice(make_workbook, app_type, field,
                                                                                  typed, shown):
    path = make_workbook(app_type, example(app_type, **{field: typed}))
    result = check_file(path)
    said = [f for f in result.findings if f.field in (field, f"{field}_other")]
    assert not said, said
    assert nature(result) == shown


def test_a_type_the_form_has_no_box_for_and_no_other_text_is_still_said(make_workbook):
    path = make_workbook("enterprise", example("enterprise", sb_org_type="是"))
    assert "FIELD_CHOICE" in [f.code for f in check_file(path).findings]
