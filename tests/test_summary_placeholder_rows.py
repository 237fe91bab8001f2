"""Rows of a hand-typed 附件4 a city leaves for a type it has no project of, filled the way clerks fill them: "无" or
"/" in 企业名称 and "/" in every other cell, under a heading "二、示范直播基地". They were read as a project named
“无” (or “/”), the province's project count one too many, a 类型未识别 and an unreadable 市州评分 said on it, and
“/” reported as a 市（州） name. Such a row names no company; one with real figures and no name is still said
(nameless: the total loudly incomplete), never dropped."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, table_rows


def _city(path, placeholder, figures=("/", "/")):
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    ws.append(["一、示范园区"])
    ws.append([1, "遵义市", "红花岗区", "遵义甲电商产业园", "地址", "园区", "民企", "业绩" * 80, "张三", "0851-1",
               40000, 4000, 90])
    ws.append(["二、示范直播基地"])
    ws.append(["/", "/", "/", placeholder, "/", "/", "/", "/", "/", "/", *figures, "/"])
    ws.append(["三、示范企业"])
    ws.append([2, "遵义市", "汇川区", "遵义共创电商有限公司", "地址", "企业", "民企", "业绩" * 80, "张三", "0851-1",
               2000, 500, 80])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, 42000, 4500])
    ws.append(["填报人：李四；联系方式：0851-2"])
    wb.save(path)
    return path


@pytest.mark.parametrize("placeholder", ["无", "/", "——", "暂无", "（空）", "-"])
def test_a_row_left_for_a_type_without_projects_is_no_project(tmp_path, capsys, placeholder):
    city = _city(tmp_path / "遵义市汇总表.xlsx", placeholder)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    said = capsys.readouterr().out
    assert "全省汇总表有效项目 2 项，年度交易额合计 42000 万元" in said and "不是市（州）" not in said
    assert sorted(table_rows(out)) == ["遵义共创电商有限公司", "遵义甲电商产业园"]


def test_a_placeholder_name_beside_real_figures_is_said_not_dropped(tmp_path, capsys):
    city = _city(tmp_path / "遵义市汇总表.xlsx", "无", figures=(6000, 1200))
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 1
    said = capsys.readouterr()
    assert "没有企业名称" in said.out + said.err


def _by_county(path, headings):
    """遵义市's table grouped by county: each heading typed in the 企业名称 column (no 序号) over its projects."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    projects = (("红花岗区", "遵义甲电商产业园", "园区", 40000, 4000), ("仁怀市", "仁怀酱香电子商务有限公司", "企业", 2000, 500))
    for i, (heading, (county, name, kind, trade, retail)) in enumerate(zip(headings, projects), 1):
        ws.append([None, None, None, heading])
        ws.append([i, "遵义市", county, name, "地址", kind, "民企", "业绩" * 80, "张三", "0851-1", trade, retail, 80])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, 42000, 4500])
    wb.save(path)
    return path


@pytest.mark.parametrize("headings", [("红花岗区", "仁怀市"), ("一、红花岗区", "二、仁怀市（1个）")])
def test_a_county_heading_typed_in_the_name_column_is_no_project(tmp_path, capsys, headings):
    """A county typed alone in the 企业名称 column over its projects was merged as a project named 红花岗区 (类型未识别,
    one project too many)."""
    city = _by_county(tmp_path / "遵义市汇总表.xlsx", headings)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    assert "全省汇总表有效项目 2 项，年度交易额合计 42000 万元" in capsys.readouterr().out
    assert sorted(table_rows(out)) == ["仁怀酱香电子商务有限公司", "遵义甲电商产业园"]
