"""A city's 附件4 numbered by type, as clerks lay it out: a heading row over each type's projects (“一、示范园区（1个）”,
“二、示范企业（2个）”), the 市（州） merged down over all the rows, and the 项目类型 cells left blank under the headings
— the heading says it. Their projects were counted under 类型未识别 (“项目类型未填写”) and left out of the expert review
(“项目类型无法识别”); they are the heading's type, said on each row (QA, qa71b)."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.libreoffice import convert
from tests.test_summaries_real_world import PRINTED, official, province_rows


def _by_type(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["铜仁市2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.merge_cells("A1:M1")
    ws.append(["填报单位（盖章）：铜仁市商务局", *[None] * 9, "填报日期：2024年8月5日"])
    ws.append(PRINTED)
    rows = [["一、示范园区（1个）"],
            [1, "铜仁市", "碧江区", "铜仁甲电商产业园", "地址", None, "国企", "业绩", "张三", "0856-1", 20000, 3000, 90],
            ["二、示范企业（2个）"],
            [1, None, "万山区", "铜仁乙电子商务有限公司", "地址", None, "民企", "业绩", "李四", "0856-2", 1500, 800, 85],
            [2, None, "松桃县", "铜仁丙电子商务有限公司", "地址", None, "民企", "业绩", "王五", "0856-3", 900, 600, 80],
            ["三、示范直播团队（1个）"],
            [1, None, "江口县", "梵净山丁直播团队", "地址", "团队", "民企", "业绩", "赵六", "13800000000", 300, None, 75]]
    for row in rows:
        ws.append(row)
    ws.merge_cells("B4:B10")     # the 市（州） over every row of the city, its headings too
    ws.append(["合计", None, None, "4个", None, None, None, None, None, None, "=SUM(K4:K10)", "=SUM(L4:L10)"])
    ws.append(["填报人：张三", None, None, None, "审核人：李四"])
    wb.save(path)
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_type_left_blank_under_its_heading_is_the_headings(tmp_path, capsys, fmt):
    city = _by_type(tmp_path / "铜仁市汇总表.xlsx")
    city = convert(city, "ods", tmp_path / "ods") if fmt == "ods" else city
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    got = {r["企业名称"]: (r["项目类型"], r["问题"] or "") for r in province_rows(province)}
    assert {n: t for n, (t, _) in got.items()} == {"铜仁甲电商产业园": "园区", "铜仁乙电子商务有限公司": "企业",
                                                   "铜仁丙电子商务有限公司": "企业", "梵净山丁直播团队": "团队"}, got
    assert "按其上方的分组标题“二、示范企业（2个）”计为企业" in got["铜仁丙电子商务有限公司"][1], got
    assert "项目类型" not in got["梵净山丁直播团队"][1] and "FIELD_CHOICE" not in str(got), got
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "round"), "--from", str(province), "--experts", "甲,乙,丙"]) == 0
    said = capsys.readouterr().out
    assert "评审项目 4 个（园区 1、企业 2、团队 1）" in said and "无法识别" not in said, said


def test_a_type_typed_otherwise_under_a_heading_ends_it(tmp_path):
    """A row typing its own type under a heading (the clerk moved a project without moving its heading): the heading
    no longer says what the rows under it are — a blank 项目类型 after it is not guessed from it."""
    path = _by_type(tmp_path / "铜仁市汇总表.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    ws["F7"] = "基地"    # 铜仁乙, under 二、示范企业
    wb.save(path)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(path)])
    got = {r["企业名称"]: r["项目类型"] for r in province_rows(province)}
    assert got["铜仁乙电子商务有限公司"] == "基地" and got["铜仁丙电子商务有限公司"] in (None, ""), got


def test_a_project_whose_type_no_count_knows_is_said_on_the_terminal(tmp_path, capsys):
    """六盘水市 typed “服务类” (the 企业's sub-kind) as one project's 项目类型 and left another's blank: the 统计 sheet
    counted them under “类型未识别”, none of 园区、基地、企业、团队 — and the terminal said nothing, the per-type
    counts short without a word. Said, with the type as typed."""
    city = official(tmp_path / "六盘水市汇总表.xlsx", "六盘水市项目汇总表", "六盘水市",
                    [("钟山区", "六盘水甲电商有限公司", "服务类", "民企", 1200, 800, 85),
                     ("钟山区", "六盘水乙电商有限公司", None, "民企", 500, 100, 85),
                     ("钟山区", "六盘水丙电商有限公司", "企业", "民企", 500, 100, 85)])
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    out = capsys.readouterr().out
    assert "2 个项目的项目类型无法识别" in out and "六盘水甲电商有限公司（“服务类”）" in out, out
    assert "六盘水乙电商有限公司（未填写）" in out and "类型未识别" in out, out
