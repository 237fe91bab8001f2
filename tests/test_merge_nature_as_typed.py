"""附件4's 企业性质 (国企、民企) typed in a city's hand-made summary as something neither the 附件4 nor the forms' 运营机构
类型 offer ("名企" for 民企, "混合所有制", "股份制"): it went into the province table as typed, its 问题 empty. The forms' own
choices and words (民营企业, 政府部门, 外资企业 and 个体户 as 其他, the tool's "其他（外资）") pass as before. QA qa58d."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_sheets_and_repeats import HEAD

NATURES = ["名企", "混合所有制", "股份制", "民营企业", "个体户", "集体企业", "国有", "其他（外资）", "外资企业", "政府部门",
           "事业单位", None]


def test_a_nature_no_form_offers_is_said_on_its_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, nature in enumerate(NATURES, 1):
        ws.append([i, "遵义市", "汇川区", f"遵义{i}号电商有限公司", "地址", "企业", nature, "业绩", "张三", "0851-1", 520, 300,
                   85])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(tmp_path / "遵义市汇总表.xlsx")]) == 0
    sheet = load_workbook(out)["项目汇总表"]
    head = [c.value for c in sheet[3]]
    got = {r[head.index("企业名称")]: r for r in sheet.iter_rows(min_row=4, values_only=True) if r[3]}
    for i, nature in enumerate(NATURES, 1):
        row = got[f"遵义{i}号电商有限公司"]
        problems = row[head.index("问题")] or ""
        if i <= 3:
            assert row[head.index("企业性质")] == nature, row
            assert f"FIELD_CHOICE 企业性质“{nature}”" in problems and "国企、民企" in problems, (nature, problems)
        else:
            assert "企业性质" not in problems, (nature, problems)
