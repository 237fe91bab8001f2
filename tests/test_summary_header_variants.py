"""City 项目汇总表 (附件4) typed by hand with the header titled in the clerks' own words (QA, qa34b): each column
read as what it is, every amount in 万元, or the total said incomplete — never a silently wrong total."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, province_rows, stats

PROJECTS = [[1, "遵义市", "红花岗区", "遵义甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1", 35000, 3000, 88],
            [2, "遵义市", "汇川区", "遵义乙电商有限公司", "地址", "企业", "民企", "业绩", "李四", "0851-2", 1200, 800, 80]]


def _summary(path, header, projects=PROJECTS, units=None):
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(list(header))
    if units:
        ws.append(list(units))
    for p in projects:
        ws.append(list(p))
    wb.save(path)
    return path


@pytest.mark.parametrize("title", ["类别", "项目类别", "申报类别（园区、基地、企业、团队）"])
def test_a_type_column_titled_category_is_read_as_the_project_type(tmp_path, capsys, title):
    """附件4's 项目类型 titled 类别 or 项目类别: the column was not recognised, every project merged with a blank
    项目类型 (FIELD_CHOICE 项目类型未填写) and the province's count by type lost them, the city's 园区/企业 moved
    into 市州备注. It is read as the 项目类型."""
    city = _summary(tmp_path / "遵义市汇总表.xlsx", [title if h.startswith("项目类型") else h for h in PRINTED])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    got = {r["企业名称"]: r for r in province_rows(province)}
    assert got["遵义甲电商产业园"]["项目类型"] == "园区" and got["遵义乙电商有限公司"]["项目类型"] == "企业"
    assert not any(r["问题"] or r["市州备注"] for r in got.values()), got
    assert stats(province) == {"遵义市": 2}
