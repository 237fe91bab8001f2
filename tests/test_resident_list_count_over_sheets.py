"""A park's 附件3 going on over a second sheet of the application workbook (入驻企业名单, then 新入驻 for the companies
that came this year): both sheets' companies are counted, and XC_RESIDENT_COUNT names both sheets — it named the
first alone ("入驻企业名单列出40家"), which lists 30 of them."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.examples import example_residents
from tests.conftest import checked_json, example

HEADER = ["序号", "企业名称", "所属行业（类型）", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]


def test_the_count_of_a_list_over_two_sheets_names_both(make_workbook, capsys):
    rows = example_residents("park")                   # 12 companies on the template's sheet
    path = make_workbook("park", example("park", sb_resident_count=16), residents=rows)
    wb = load_workbook(path)
    ws = wb.create_sheet("新入驻")
    ws.append(HEADER)
    for i in range(1, 4):                               # 3 more: 15, not the 16 the form declares
        ws.append([i, f"贵州新入驻{i}号电子商务有限公司", "农产品", 5, 10, 1])
    wb.save(path)
    said = {f["code"]: f["message"] for f in checked_json(path, capsys)["findings"]}
    assert "入驻企业名单（入驻企业名单、新入驻）列出15家" in said["XC_RESIDENT_COUNT"], said
