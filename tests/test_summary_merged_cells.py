"""A city's 附件4 with cells merged over rows (市（州）, 县区, 项目类型, 企业性质 typed once for the rows they cover), in
every format a city sends it in: `shibai merge` reads the same projects from the .xlsx, the .xls and .ods LibreOffice
or WPS re-saves it as, and the .xlsb Excel saves."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.libreoffice import convert
from tests.test_summaries_real_world import PRINTED, TRADE, province_rows
from tests.test_xlsb_files import as_xlsb

KEEP = ("市（州）", "县区", "企业名称", "项目类型", "企业性质", TRADE, "年度网络零售额（万元）", "市州评分", "状态", "问题")
# (县区, 企业名称, 项目类型, 企业性质, 年度交易额, 年度网络零售额, 市州评分); None: under a cell merged over it
ZUNYI = [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, 90),
         (None, "遵义乙电商有限公司", None, None, 1500, 900, 88),
         ("汇川区", "遵义丙电商产业园", "园区", "国企", 40000, 5000, 92),
         (None, "遵义丁电商基地", "基地", "民企", 9000, 2000, 85)]


def clerks_summary(path: Path, projects=ZUNYI, merges=("B3:B6", "C3:C4", "C5:C6", "F3:F4", "G3:G4")) -> Path:
    """The 附件4 as a clerk types it in Excel: a merged title, the printed header, the values typed once and their
    cells merged over the rows they cover, a 合计 row and the 填报人 line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "遵义市2024年电商“十百千万”工程示范项目汇总表"
    ws.merge_cells("A1:M1")
    ws.append(PRINTED)
    for i, (county, name, kind, nature, trade, retail, score) in enumerate(projects, 1):
        ws.append([i, "遵义市" if i == 1 else None, county, name, "遵义市某路1号", kind, nature, "主要业绩" * 40, "张三",
                   "0851-88550000", trade, retail, score])
    for ref in merges:
        ws.merge_cells(ref)
    last = 2 + len(projects)
    ws.append(["合计", *[None] * 9, f"=SUM(K3:K{last})", f"=SUM(L3:L{last})", None])
    ws.merge_cells(f"A{last + 1}:J{last + 1}")
    ws.append([])
    ws.append(["填报人：张三；联系方式：0851-88551234。"])
    ws.merge_cells(f"A{last + 3}:M{last + 3}")
    wb.save(path)
    return path


def as_sent(xlsx: Path, fmt: str, folder: Path) -> Path:
    if fmt == "xlsx":
        return xlsx
    if fmt == "xlsb":
        return as_xlsb(convert(xlsx, "xlsx", folder / "lo"), folder / fmt / (xlsx.stem + ".xlsb"), data_only=True)
    return convert(xlsx, fmt, folder / fmt)


def merged(tmp_path: Path, city: Path, capsys) -> tuple[int, list[dict], str]:
    province = tmp_path / f"全省-{city.suffix[1:]}.xlsx"
    capsys.readouterr()
    rc = main(["merge", str(province), str(city)])
    return rc, [{k: r.get(k) for k in KEEP} for r in province_rows(province)], capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["xls", "ods", "xlsb"])
def test_cells_merged_over_rows_are_read_alike_in_every_format(tmp_path, capsys, fmt):
    """县区, 项目类型 and 企业性质 merged over a county's rows: the .xlsx gives every row its values; the .ods gave the
    rows under the first 县区未填写 and 项目类型未填写 (FIELD_CHOICE), and left them out of the city's count by type."""
    x = clerks_summary(tmp_path / "遵义市汇总表.xlsx")
    rc_x, rows_x, out_x = merged(tmp_path, x, capsys)
    assert rc_x == 0 and [r["县区"] for r in rows_x] == ["红花岗区", "红花岗区", "汇川区", "汇川区"]
    assert [r["项目类型"] for r in rows_x] == ["企业", "企业", "园区", "基地"] and not any(r["问题"] for r in rows_x)
    rc, rows, out = merged(tmp_path, as_sent(x, fmt, tmp_path), capsys)
    assert rows == rows_x
    assert rc == rc_x and "51700 万元" in out and "有效项目 4 项" in out


def test_a_city_cell_merged_over_another_citys_counties_is_said_on_the_rows(tmp_path, capsys):
    """遵义市 merged down over two rows of 贵阳市's counties (南明区, 云岩区) pasted under its own: every row showed
    遵义市 and the province counted them for 遵义 without a word. Each says its 县区 is another 市（州）'s, and the
    report names them; they are still counted as the city sent them."""
    rows = [ZUNYI[0], ("红花岗区", *ZUNYI[1][1:]), ("南明区", "贵阳丙电商产业园", "园区", "国企", 40000, 5000, 92),
            ("云岩区", "贵阳丁电商基地", "基地", "民企", 9000, 2000, 85)]
    x = clerks_summary(tmp_path / "遵义市汇总表.xlsx", rows, merges=("B3:B6",))
    rc, got, out = merged(tmp_path, x, capsys)
    assert [r["市（州）"] for r in got] == ["遵义市"] * 4 and "51700 万元" in out
    assert [("XC_SUMMARY_MISMATCH" in (r["问题"] or "")) for r in got] == [False, False, True, True]
    assert "“南明区”属于贵阳市" in got[2]["问题"] and "“云岩区”属于贵阳市" in got[3]["问题"]
    assert "2 行的县区属于其他市（州）" in out and "第5行 南明区（贵阳市）" in out, out


def test_many_rows_of_another_citys_counties_are_named_ten_on_the_terminal_line(tmp_path, capsys):
    """Twelve rows of 贵阳市's counties under 遵义市: the terminal line names the first ten and says 等 (each row's
    问题 names its own), not a line as long as the table."""
    pasted = [("南明区", f"贵阳第{i}号电商企业有限公司", "企业", "民企", 1000 + i, 100, 80) for i in range(12)]
    x = clerks_summary(tmp_path / "遵义市汇总表.xlsx", [ZUNYI[0], *pasted], merges=(f"B3:B{3 + len(pasted)}",))
    rc, got, out = merged(tmp_path, x, capsys)
    assert sum("XC_SUMMARY_MISMATCH" in (r["问题"] or "") for r in got) == 12
    line = next(s for s in out.splitlines() if "行的县区属于其他市（州）" in s)
    assert "12 行的县区属于其他市（州）" in line and line.count("南明区（贵阳市）") == 10 and "等）" in line, line
