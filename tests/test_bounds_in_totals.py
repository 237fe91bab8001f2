"""A figure typed as its lower bound ("3000万以上") is written to the 项目汇总表 as that bound; every total that adds it
up says so where the total stands (README/CONTRACT: a total is right or loudly incomplete): the province's 统计
figures ("≥" and "其中N项为下限数字"), the terminal of ``shibai merge`` and ``shibai refresh``, and a city's own 合计
row (its SUM formulas kept: Excel/WPS recalculate them; shown "≥"). Checked through the CLI with forms made by
``shibai new`` (QA qa42b)."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

from openpyxl import load_workbook

from shibai_xl.examples import make_uscc
from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.libreoffice import convert
from tests.test_merge_counts_a_project_once import _city, _figures
from tests.test_refresh import rows
from tests.test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine, for the ribbon's refresh)


def _folder(tmp_path, make_workbook, first="3000万以上"):
    folder = tmp_path / "申报表"
    folder.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total=first)), folder / "甲.xlsx")
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total=2000, sb_name="贵州乙电商有限公司",
                                                    sb_uscc=make_uscc("522601", "MA6XXXXB2"))), folder / "乙.xlsx")
    return folder


def _province_total_cell(path):
    ws = load_workbook(path)["统计"]
    head = next(c for c in ws[2] if c.value == "年度交易额合计（万元）")
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, head.column - 3).value == "全省合计")
    return ws, ws.cell(row, head.column)


def test_a_province_total_that_adds_a_bound_says_it_is_at_least(tmp_path, make_workbook, capsys):
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(_folder(tmp_path, make_workbook)), "--city", "黔东南州"]) == 0
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 ≥5000 万元（其中 1 项为下限数字" in out, out
    ws, total = _province_total_cell(province)
    assert total.value == 5000 and "≥" in total.number_format, (total.value, total.number_format)
    assert "其中 1 项金额为下限数字" in "".join(str(c.value or "") for c in ws[1]), [c.value for c in ws[1]]
    got = {r["企业名称"]: r["问题"] or "" for r in rows(province)}
    assert "年度交易额为下限数字" in got["贵州山珍优品电子商务有限公司"], got
    assert "下限" not in got["贵州乙电商有限公司"], got


def test_an_exact_total_is_shown_as_before(tmp_path, make_workbook, capsys):
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(_folder(tmp_path, make_workbook, 3000)), "--city", "黔东南州"]) == 0
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 5000 万元" in out and "下限" not in out, out
    ws, total = _province_total_cell(province)
    assert total.value == 5000 and "≥" not in total.number_format, total.number_format


def test_a_bound_a_city_typed_by_hand_counts_as_a_bound(tmp_path, capsys):
    """"3000万以上" typed in a city's own 附件4: counted as its bound, the total saying so — not left out as 金额无法识别
    (the total short by 3000 and marked incomplete, exit 1)."""
    city = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 3000, ""), ("遵义乙公司", "企业", 2000, "")])
    wb = load_workbook(city)
    wb.active["K3"].value = "3000万以上"
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 ≥5000 万元（其中 1 项为下限数字" in out and "无法识别" not in out, out
    assert _figures(province)[("全省合计", None)][:2] == (2, 5000)
    got = {r["企业名称"]: r["问题"] or "" for r in rows(province)}
    assert "年度交易额为下限数字" in got["遵义甲公司"] and "无法识别" not in got["遵义甲公司"], got


def test_a_citys_total_row_over_a_bound_shows_at_least_and_still_recalculates(tmp_path, make_workbook, capsys):
    """The clerk's 合计 row (=SUM) under the refreshed table: its formula stays (LibreOffice recalculates it to 5000)
    and it is shown "≥5,000"; the terminal says which project's figure is a lower bound."""
    folder, city, ref = _city_with_its_total(tmp_path, make_workbook)
    last = int(ref[1:]) - 1
    capsys.readouterr()
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    out = capsys.readouterr().out
    assert "下限数字" in out and "贵州山珍优品电子商务有限公司" in out, out
    cell = load_workbook(city)["项目汇总表"].cell(last + 1, 11)
    assert cell.value == f"=SUM(K4:K{last})" and "≥" in cell.number_format, (cell.value, cell.number_format)
    # UTF-8, each cell as shown (its number format applied), the formula recalculated by LibreOffice
    copy = convert(city, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', tmp_path / "lo")
    total = next(r for r in csv.reader(copy.open(encoding="utf-8")) if r and r[0] == "合计")
    assert total[10].replace(",", "") == "≥5000", total


def _bound_retyped_over_a_total(tmp_path, make_workbook, total) -> tuple[Path, Path, int]:
    """A city's table refreshed, then the clerk typed the application's "3000万以上" back into its 年度交易额 cell and a
    合计 row under the table (its 年度交易额 ``total(last row)``): (applications' folder, table, last project row)."""
    folder = _folder(tmp_path, make_workbook)
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    got = {r["企业名称"]: r["_row"] for r in rows(city)}
    last = max(got.values())
    ws.cell(got["贵州山珍优品电子商务有限公司"], 11).value = "3000万以上"
    ws.cell(last + 1, 1).value = "合计"
    ws.cell(last + 1, 11).value = total(last)
    wb.save(city)
    return folder, city, last


def test_a_bound_retyped_as_text_in_a_citys_table_is_said_left_out_of_its_total_row(tmp_path, make_workbook, capsys):
    """The clerk typed the application's "3000万以上" back into the cell: the 合计 row's SUM leaves text out (5000 →
    2000); that is said with the cell, as any amount typed as text is, not left silently short."""
    folder, city, last = _bound_retyped_over_a_total(tmp_path, make_workbook, lambda last: f"=SUM(K4:K{last})")
    capsys.readouterr()
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    out = capsys.readouterr().out
    assert "不计入以文本形式填写的金额" in out and "“3000万以上”" in out, out


def test_a_city_summary_saved_as_xls_keeps_its_bounds_in_the_province_total(tmp_path, make_workbook, capsys):
    """The city office saves its refreshed table as .xls (no number formats read back): the 问题 column still says
    which amount is a lower bound, and the province total says "≥"."""
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(_folder(tmp_path, make_workbook)), "--city", "黔东南州"]) == 0
    xls = convert(city, "xls", tmp_path / "xls")
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(xls)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 ≥5000 万元（其中 1 项为下限数字" in out, out
    _ws, total = _province_total_cell(province)
    assert total.value == 5000 and "≥" in total.number_format, (total.value, total.number_format)


def test_a_bound_typed_in_a_column_titled_in_yuan_is_read_in_yuan(tmp_path, capsys):
    """A city's 附件4 titled 年度交易额（元）: "30000000以上" is 3000万元 at least, as 30000000 there is 3000万元."""
    city = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 30000000, ""),
                                                      ("遵义乙公司", "企业", 20000000, "")])
    wb = load_workbook(city)
    wb.active["K2"].value, wb.active["L2"].value = "年度交易额（元）", "年度网络零售额（元）"
    wb.active["K3"].value = "30000000以上"
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 ≥5000 万元（其中 1 项为下限数字" in out, out


def test_a_typed_total_over_a_bound_typed_back_is_not_recomputed_without_it(tmp_path, make_workbook, capsys):
    """A 合计 typed by hand (5000) over a row where the clerk typed "3000万以上": recomputed as 统计 and merge count
    the rows, that is 5000 still (shown ≥), not 2000 "已按表中各行重新计算"."""
    folder, city, last = _bound_retyped_over_a_total(tmp_path, make_workbook, lambda last: 5000)
    capsys.readouterr()
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    out = capsys.readouterr().out
    cell = load_workbook(city)["项目汇总表"].cell(last + 1, 11)
    assert cell.value == 5000 and "≥" in cell.number_format and "重新计算" not in out, (cell.value, out)


def test_a_row_typed_by_hand_with_a_bound_makes_its_total_at_least(tmp_path, make_workbook, capsys):
    """A project the clerk typed into the table by hand, 年度交易额 "1000万以上": the typed 合计 counts it and is ≥."""
    folder = _folder(tmp_path, make_workbook, 3000)
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    last = max(r["_row"] for r in rows(city))
    for c, v in enumerate(["", "黔东南州", "凯里市", "贵州丙电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0855-1",
                           "1000万以上", 500], 1):
        ws.cell(last + 1, c).value = v or None
    ws.cell(last + 2, 1).value = "合计"
    ws.cell(last + 2, 11).value = 6000
    wb.save(city)
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    cell = load_workbook(city)["项目汇总表"].cell(last + 2, 11)
    assert cell.value == 6000 and "≥" in cell.number_format, (cell.value, cell.number_format)


def _city_with_its_total(tmp_path, make_workbook, first="3000万以上"):
    """黔东南州's summary refreshed, then the clerk's 合计 row (=SUM, #,##0) typed under the table: (folder, summary,
    the 合计's 年度交易额 cell)."""
    folder = _folder(tmp_path, make_workbook, first)
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--city", "黔东南州"]) == 0
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    last = max(r["_row"] for r in rows(city))
    ws.cell(last + 1, 1).value = "合计"
    ws.cell(last + 1, 11).value = f"=SUM(K4:K{last})"
    ws.cell(last + 1, 11).number_format = "#,##0"
    wb.save(city)
    return folder, city, f"K{last + 1}"


def test_the_ribbons_refresh_shows_the_citys_total_at_least_as_the_command_does(tmp_path, make_workbook):
    """刷新汇总表 in Excel said “合计行……已显示为“≥”” and left the 合计 as it was shown: the job's number format never
    reached the open workbook (its edits carried values only). Now it does, on the clerk's own format."""
    from shibai_xl.faces import ribbon_actions as R
    from tests.test_ribbon_actions import Replay, open_remote

    _, city, ref = _city_with_its_total(tmp_path, make_workbook)
    book = open_remote(city)
    R.dispatch("sb_refresh", book)
    assert "已显示为“≥”" in Replay(book).alerts[-1]
    formats = [(a["start_row"] + 1, a["start_column"] + 1, a["args"]) for a in book.json()["actions"]
               if a["func"] == "setNumberFormat"]
    row, col = int(ref[1:]), 11
    assert len(formats) == 1 and formats[0][:2] == (row, col) and "≥" in str(formats[0][2]), formats
