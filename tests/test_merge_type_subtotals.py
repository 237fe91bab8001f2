"""A city types its 附件4 by 项目类型, as many bureaus print it: a heading per type, each type closed by a “小计” row with
its count (“2个”) and sums, a blank line, and a “总计” at the end. The merge took the last type's “小计 1个” for the
whole table's 合计: “写明共 1 项，本工具在表中读到 3 项”, 合计不完整 on every row, exit 1 — though every row was read and
the 总计 agreed (QA qa76c)."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, province_rows

PARKS = [("凯里市", "凯里甲电商产业园", "园区", 15000, 3000), ("黎平县", "黎平乙电商产业园", "园区", 9000, 2000)]
FIRMS = [("雷山县", "雷山丙商贸有限公司", "企业", 2000, 1500)]


def _by_type(path, grand_total=True, first_count="2个"):
    wb = Workbook()
    ws = wb.active
    ws.append(["黔东南州2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    for heading, projects in (("一、示范园区", PARKS), ("二、示范企业", FIRMS)):
        ws.append([heading])
        for i, (county, name, kind, trade, retail) in enumerate(projects, 1):   # 序号 restarted per type
            ws.append([i, "黔东南州", county, name, f"{county}某路", kind, "民企", "业绩" * 80, "张三", "13800000001",
                       trade, retail, 85])
        ws.append(["小计", None, None, first_count if projects is PARKS else f"{len(projects)}个", None, None, None,
                   None, None, None, sum(p[3] for p in projects), sum(p[4] for p in projects)])
        ws.append([])
    if grand_total:
        ws.append(["总计", None, None, "3个", None, None, None, None, None, None, 26000, 6500])
    wb.save(path)
    return path


def test_a_subtotal_per_type_with_its_count_is_not_the_tables_total(tmp_path, capsys):
    city = _by_type(tmp_path / "黔东南州汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 3 项，年度交易额合计 26000 万元\n" in out and "不一致" not in out, out
    assert all(not r["问题"] for r in province_rows(province))


def test_subtotals_per_type_without_a_grand_total_are_not_compared_with_the_whole_table(tmp_path, capsys):
    city = _by_type(tmp_path / "黔东南州汇总表.xlsx", grand_total=False)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 26000 万元\n" in out and "不一致" not in out, out


def test_a_grand_total_that_disagrees_is_still_said(tmp_path, capsys):
    """The 总计 says 3 projects; the park section's own 小计 says 3 where 2 are typed: the 总计 is what is checked, and
    it agrees — but a 总计 typed wrong is still said."""
    city = _by_type(tmp_path / "黔东南州汇总表.xlsx")
    wb = load_workbook(city)
    ws = wb.active
    ws.cell(ws.max_row, 11, 25000)
    wb.save(city)
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 1
    out = capsys.readouterr().out
    assert "“总计，3个”的年度交易额合计 25000 万元，本工具读到的各行之和 26000 万元" in out, out
