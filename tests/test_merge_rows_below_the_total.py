"""A project typed below a city's 合计 / 填报人 lines: the city's printed 合计 and its refresh's 统计 leave it out
(refresh: 未计入统计, exit 1, warning that merge counts it). The merge counted it without a word, its total then
differing from the city's printed one with nothing saying why (QA). It still counts it (the city reported it), and now
names the row in the terminal and on the province row's 问题. A 小计 per county is no end of the table."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import HEAD, _city, _figures


def _row(i, city, name, trade):
    return [i, city, "某县", name, "地址", "企业", "民企", "业绩", "张三", "0851-1", trade, trade / 2, 80, ""]


def test_a_project_typed_below_the_total_and_filler_lines_is_counted_and_named(tmp_path, capsys):
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, "")])
    wb = load_workbook(zunyi)
    wb.active.append(_row(3, "遵义市", "遵义补录丙公司", 500))    # row 7: under 合计 (5) and 填报人 (6)
    wb.save(zunyi)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    said = capsys.readouterr().out
    assert "全省汇总表有效项目 3 项，年度交易额合计 3500 万元" in said
    assert "第7行 遵义补录丙公司" in said and "合计行、填报人行之下" in said and "合计不含它们" in said
    assert _figures(out)[("全省合计", None)] == (3, 3500, 1750)
    ws = load_workbook(out)["项目汇总表"]
    notes = {r[3].value: r[15].value for r in ws.iter_rows(min_row=4) if r[3].value}
    assert "合计行、填报人行之下" in notes["遵义补录丙公司"] and not notes["遵义甲公司"]
    # the city moves it above its 合计: counted as before, nothing said, the note gone
    _city(zunyi, "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, ""),
                         ("遵义补录丙公司", "企业", 500, "")])
    capsys.readouterr()
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert "合计行、填报人行之下" not in capsys.readouterr().out
    assert _figures(out)[("全省合计", None)] == (3, 3500, 1750)
    ws = load_workbook(out)["项目汇总表"]
    assert not any(r[15].value for r in ws.iter_rows(min_row=4) if r[3].value == "遵义补录丙公司")


def test_county_subtotals_above_the_citys_total_leave_every_project_counted(tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    ws.append(_row(1, "遵义市", "红花岗甲公司", 2000))
    ws.append(["小计", None, "红花岗区", None, None, None, None, None, None, None, 2000])
    ws.append(_row(2, "遵义市", "汇川乙公司", 1000))
    ws.append(["汇川区合计", None, None, None, None, None, None, None, None, None, 1000])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, 3000])
    ws.append(["填报人：李四；联系方式：0851-2"])
    path = tmp_path / "遵义市汇总表.xlsx"
    wb.save(path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(path)]) == 0
    assert _figures(out)[("全省合计", None)] == (2, 3000, 1500)


def test_a_total_typed_over_the_projects_makes_no_row_below_it(tmp_path, capsys):
    """合计 right under the header and a 小计 heading each county's rows, as many printed forms have them: the projects
    under them are the table's, no row is said to stand below its 合计."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    ws.append(["合计", None, None, None, None, None, None, None, None, None, 3000])
    ws.append(["红花岗区小计", None, None, None, None, None, None, None, None, None, 2000])
    ws.append(_row(1, "遵义市", "红花岗甲公司", 2000))
    ws.append(["汇川区小计", None, None, None, None, None, None, None, None, None, 1000])
    ws.append(_row(2, "遵义市", "汇川乙公司", 1000))
    path = tmp_path / "遵义市汇总表.xlsx"
    wb.save(path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(path)]) == 0
    assert "合计行、填报人行之下" not in capsys.readouterr().out
    assert _figures(out)[("全省合计", None)] == (2, 3000, 1500)


def test_a_project_under_the_tools_table_is_read_as_its_refresh_reads_it(tmp_path, capsys):
    """The tool's own summary, a project typed under a 小计 line under its table (no 合计 under them): the city's
    refresh leaves it out of the table (未计入统计, exit 1, saying the merge counts it), the merge counted it without a
    word, as the 小计 had a total under it nowhere (QA). Under the tool's table the merge reads as the refresh does."""
    from tests.test_province_stats import city_summary

    path = city_summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, 1000)])
    wb = load_workbook(path)
    ws = wb["项目汇总表"]
    ws["A5"], ws["K5"] = "小计", 2000
    ws["B6"], ws["D6"], ws["F6"], ws["K6"], ws["L6"] = "遵义市", "遵义补录乙公司", "企业", 500, 200
    ws["A7"], ws["K7"] = "合计", "=K4+K6"
    ws["B9"], ws["D9"], ws["F9"], ws["K9"], ws["L9"] = "遵义市", "遵义补录丙公司", "企业", 300, 100
    wb.save(path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(path)]) == 0
    said = capsys.readouterr().out
    assert "2 行项目填在表格下方的合计行、填报人行之下（第6行 遵义补录乙公司、第9行 遵义补录丙公司）" in said
    assert _figures(out)[("全省合计", None)] == (3, 2800, 1300)


def _own_column(ws, title):
    """A column the city titled right of the tool's table, Excel extending the table over it: its letter."""
    from openpyxl.utils import get_column_letter, range_boundaries
    from openpyxl.worksheet.table import TableColumn

    table = ws.tables["sb_summary"]
    c0, r0, c1, r1 = range_boundaries(table.ref)
    letter = get_column_letter(c1 + 1)
    ws[f"{letter}{r0}"] = title
    table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name=title))
    table.ref = f"{get_column_letter(c0)}{r0}:{letter}{r1}"
    return letter


def test_a_project_under_a_remark_typed_under_the_tools_table_is_named_as_its_refresh_names_it(tmp_path, capsys):
    """A remark typed in the city's own 备注 column under the tool's table (“以下为5月补报”), a project under it: the
    city's refresh leaves the project out of its table (未计入统计, exit 1, saying the merge counts it), while the merge
    took it as one of the table's rows without a word — its total then differing from the city's 统计 with nothing
    saying why (QA: refresh and merge decided the rows under the table each by a rule of their own)."""
    from tests.test_province_stats import city_summary

    path = city_summary(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, 1000)])
    wb = load_workbook(path)
    ws = wb["项目汇总表"]
    remark = _own_column(ws, "备注")
    ws[f"{remark}5"] = "以下为5月补报项目"
    ws["B6"], ws["D6"], ws["F6"], ws["K6"], ws["L6"] = "遵义市", "遵义补录乙公司", "企业", 500, 200
    wb.save(path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(path)]) == 0
    said = capsys.readouterr().out
    assert "1 行项目填在表格下方的合计行、填报人行之下（第6行 遵义补录乙公司）" in said
    assert _figures(out)[("全省合计", None)] == (2, 2500, 1200)
