"""Issue 5: the summary's 企业性质 is 国企/民企 "from the operator/organisation type" (附件4: 企业性质（国企/民企）). An
applicant who picks 其他 on the printed form's "□其他____" and writes 国有独资 or 民营 in its blank got
“其他（国有独资）” in the city's 项目汇总表, while the same words typed into the choice cell itself gave 国企 / 民企 (the
year file's words for the choices). Words that are no 国企/民企 (集体企业, 外资) still show as 其他（…）."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.conftest import example


@pytest.mark.parametrize(("app_type", "field", "other", "shown"), [
    ("park", "sb_operator_type", "国有独资", "国企"),
    ("base", "sb_operator_type", "民营", "民企"),
    ("enterprise", "sb_org_type", "国有控股公司", "国企"),
    ("team", "sb_org_type", "私营企业", "民企"),
    ("team", "sb_org_type", "集体企业", "其他（集体企业）"),
    ("enterprise", "sb_org_type", "外资", "其他（外资）"),
])
def test_other_box_naming_state_or_private_gives_guoqi_or_minqi(tmp_path, make_workbook, app_type, field, other,
                                                                 shown):
    path = make_workbook(app_type, example(app_type, **{field: "其他", f"{field}_other": other}))
    folder = tmp_path / "申报表"
    folder.mkdir()
    path.rename(folder / path.name)
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 0
    ws = load_workbook(tmp_path / "汇总表.xlsx").worksheets[0]
    header = [c.value for c in ws[3]]
    assert ws.cell(4, header.index("企业性质") + 1).value == shown
