"""A county's 小计 a clerk typed right under the tool's table (“西秀区 小计” with =SUM or a typed figure), the city's
合计 under it: the refresh took the 小计 as the table's 合计 and wrote the whole table's total into it, the real 合计
below left unchecked (QA). A 小计 of a county or a type is no table total (README: 合计 is right or said incomplete,
never a person's figure lost): the 合计 under it is the one recomputed, a new project goes above the 小计, and with
only 小计 rows under the table none is touched and the terminal says the table has no 合计 of its own. The merge
counts the same projects."""
from __future__ import annotations

import shutil

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import _figures
from tests.test_summaries_real_world import TRADE, _anshun_city


def _clerk_types(tmp_path, make_workbook, lines):
    """安顺市's summary (row 4: the team, 780 万元) with ``lines`` typed under it from row 5 (序号 column, 年度交易额);
    then an enterprise applies: (folder, summary, column letter of 年度交易额)."""
    apps, city, wb, ws, header = _anshun_city(tmp_path, make_workbook)
    k = ws.cell(4, header[TRADE]).column_letter
    for i, (label, trade) in enumerate(lines):
        ws.cell(5 + i, 1).value, ws.cell(5 + i, header[TRADE]).value = label, trade
    wb.save(city)
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    return apps, city, k


def _rows(city, k):
    ws = load_workbook(city)["项目汇总表"]
    return [(ws.cell(r, 1).value, ws.cell(r, 4).value, ws[f"{k}{r}"].value) for r in range(4, 8)]


def _merged_total(tmp_path, city, capsys):
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    said = capsys.readouterr().out
    assert "合计行、填报人行之下" not in said, said
    return _figures(out)[("全省合计", None)]


def test_a_county_subtotal_over_the_total_is_kept_and_the_total_recomputed(tmp_path, make_workbook, capsys):
    apps, city, k = _clerk_types(tmp_path, make_workbook, [("西秀区 小计", 2600), ("合计", 9999)])
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    said = capsys.readouterr().out
    rows = _rows(city, k)
    trade = rows[1][2]
    assert rows[2] == ("西秀区 小计", None, 2600) and rows[3] == ("合计", None, 780 + trade), rows
    assert rows[1][1] and rows[1][0] == 2      # the new project above the 小计, in the table
    assert "第5行" not in said and "合计行（第7行）的年度交易额（万元）原为手填的 9999" in said, said
    assert _merged_total(tmp_path, city, capsys)[:2] == (2, 780 + trade)


def test_formulas_of_a_subtotal_and_the_total_in_a_libreoffice_saved_summary(tmp_path, make_workbook, capsys):
    from tests.acceptance.helpers import soffice_convert

    apps, city, k = _clerk_types(tmp_path, make_workbook, [("凯里市 小计", "=SUM(K4:K4)"), ("全市合计", "=SUM(K4:K4)")])
    saved = soffice_convert([city], "xlsx", tmp_path / "lo")[0]
    city.unlink()
    saved.rename(city)
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    capsys.readouterr()
    rows = _rows(city, k)
    assert rows[2] == ("凯里市 小计", None, "=SUM(K4:K4)"), rows       # the clerk's own, as typed
    assert rows[3] == ("全市合计", None, "=SUM(K4:K5)"), rows          # the new project's row in, not the 小计
    assert _merged_total(tmp_path, city, capsys)[0] == 2


def test_only_subtotals_under_the_table_are_left_as_typed_and_said(tmp_path, make_workbook, capsys):
    apps, city, k = _clerk_types(tmp_path, make_workbook, [("西秀区小计", 2600), ("园区小计", 100)])
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    said = capsys.readouterr().out
    rows = _rows(city, k)
    assert rows[2:] == [("西秀区小计", None, 2600), ("园区小计", None, 100)], rows
    assert "第6行“西秀区小计”、第7行“园区小计”是县（区）或类型的小计" in said and "它下面没有紧接着的全表合计行" in said, said
    assert "重新计算" not in said
    assert _merged_total(tmp_path, city, capsys)[0] == 2


def test_a_subtotal_and_the_total_excel_took_into_the_table(tmp_path, make_workbook, capsys):
    """Typed in Excel, the table is extended over each line typed right under it: the 小计 (“小计” in 序号, the county
    in 县区) and the 合计 are its last rows, the new project still goes above the 小计."""
    apps, city, k = _clerk_types(tmp_path, make_workbook, [("小计", 2600), ("合计", "=SUM(K4:K4)")])
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    ws["C5"] = "西秀区"
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + "6"
    wb.save(city)
    assert main(["refresh", str(city), "--from", str(apps), "--city", "安顺市"]) == 0
    capsys.readouterr()
    rows = _rows(city, k)
    assert rows[2:] == [("小计", None, 2600), ("合计", None, "=SUM(K4:K5)")], rows
    assert load_workbook(city)["项目汇总表"].tables["sb_summary"].ref.endswith("7")
    assert _merged_total(tmp_path, city, capsys)[0] == 2
