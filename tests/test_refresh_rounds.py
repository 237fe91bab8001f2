"""A city's 项目汇总表 through the year's review rounds (notice: 5月、8月、12月前报送一次推荐项目汇总表)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.examples import make_uscc
from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import by_name, rows

TRADE, RETAIL = "年度交易额（万元）", "年度网络零售额（万元）"


def test_an_application_moved_into_a_county_folder_and_unreadable_there_keeps_its_row(tmp_path, make_workbook):
    """The clerk sorts the applications into one folder per county; the park's file is still there, only this
    time it cannot be opened (a copy cut short): its row keeps the last data, it is not 已撤回 (README: only a
    deleted application is marked 已撤回)."""
    apps, summary = _may_two(tmp_path, make_workbook)
    (apps / "南明区").mkdir()
    (apps / "花溪区").mkdir()
    data = (apps / "park.xlsx").read_bytes()
    (apps / "park.xlsx").unlink()
    (apps / "南明区" / "park.xlsx").write_bytes(data[: len(data) // 2])
    shutil.move(apps / "enterprise.xlsx", apps / "花溪区" / "enterprise.xlsx")
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08", "--city", "贵阳市"]) == 1
    got = by_name(summary)
    park = got["贵阳黔货出山电子商务产业园"]
    assert park["状态"] == "有效" and park["问题"].startswith("本次无法读取，保留上次数据")
    assert park["批次"] == "2024-05" and park["年度交易额（万元）"] == 35000
    enterprise = got["贵州山珍优品电子商务有限公司"]
    assert enterprise["来源文件"] == "花溪区/enterprise.xlsx" and enterprise["批次"] == "2024-05"


def _may(tmp_path, make_workbook, total_at: int, totals: dict[str, object]) -> tuple[Path, Path, dict[str, int]]:
    """May: park, enterprise and team refreshed into 贵阳's summary; the clerk types the 合计 row ``total_at`` rows
    under the last project with ``totals`` (column → value or formula, "{K}"/"{L}"/"{last}" filled in)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("park", "enterprise", "team"):
        shutil.move(make_workbook(t), apps / f"{t}.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05", "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    last = max(r["_row"] for r in rows(summary))
    letters = {"K": ws.cell(3, header[TRADE]).column_letter, "L": ws.cell(3, header[RETAIL]).column_letter,
               "last": last + total_at - 1}
    ws.cell(last + total_at, 1).value = "合计"
    for column, value in totals.items():
        ws.cell(last + total_at, header[column]).value = value.format(**letters) if isinstance(value, str) else value
    wb.save(summary)
    return apps, summary, header


def _august(apps: Path, summary: Path, make_workbook, capsys) -> tuple[str, object, int]:
    """August: the team withdraws, a base arrives, the summary is refreshed: (what the terminal said, the sheet,
    the 合计 row)."""
    (apps / "team.xlsx").unlink()
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08", "--city", "贵阳市"]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    return capsys.readouterr().out, ws, next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "合计")


def test_a_typed_total_is_recomputed_without_the_withdrawn_project(tmp_path, make_workbook, capsys):
    """May: three applications, the clerk types the 合计 row under the table. August: the team withdraws and a
    base arrives. The recomputed 合计 leaves the withdrawn team out, as 统计 and merge do."""
    apps, summary, header = _may(tmp_path, make_workbook, 1, {TRADE: 35000 + 2600 + 780})
    out, ws, total = _august(apps, summary, make_workbook, capsys)
    assert "不含已撤回的项目" in out
    got = by_name(summary)
    assert got["安顺黔味直播团队（安顺黔味文化传媒有限公司）"]["状态"] == "已撤回"
    assert got["遵义红色之旅直播电商基地"]["批次"] == "2024-08" and got["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05"
    assert ws.cell(total, header[TRADE]).value == 35000 + 2600 + 8000


def test_a_total_formula_leaves_the_withdrawn_project_out(tmp_path, make_workbook, capsys):
    """The same rounds with the 合计 a formula: =SUM over 交易额 becomes a SUMIFS that leaves 已撤回 rows out (what
    LibreOffice computes from it is the total of the projects still there); a formula of another shape is kept
    and the report asks the clerk to check it. A later refresh keeps the SUMIFS and says nothing more."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    apps, summary, header = _may(tmp_path, make_workbook, 1, {TRADE: "=SUM({K}4:{K}{last})",
                                                              RETAIL: "=SUM({L}4:{L}{last})+0"})
    out, ws, total = _august(apps, summary, make_workbook, capsys)
    trade = ws.cell(3, header[TRADE]).column_letter
    assert "交易额（万元）公式已改为不计已撤回的项目" in out
    assert "网络零售额（万元）是自己写的公式，表中有已撤回的项目，请核对" in out
    state = ws.cell(3, header["状态"]).column_letter
    assert ws.cell(total, header["年度交易额（万元）"]).value == (
        f'=SUMIFS({trade}4:{trade}{total - 1},${state}$4:${state}${total - 1},"<>已撤回")')
    calc = load_workbook(convert(summary, "xlsx", tmp_path / "calc"), data_only=True)["项目汇总表"]
    assert calc.cell(total, header["年度交易额（万元）"]).value == 35000 + 2600 + 8000     # without the team's 780
    capsys.readouterr()
    another = example("enterprise", sb_name="贵州另一家电子商务有限公司", sb_uscc=make_uscc("520102", "MA6DKQ8X2"))
    shutil.move(make_workbook("enterprise", another), apps / "another.xlsx")
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08"]) == 0
    out = capsys.readouterr().out
    assert "新增 1 行" in out and "交易额（万元）公式" not in out and "网络零售额（万元）是自己写的公式" in out
    ws = load_workbook(summary)["项目汇总表"]
    assert ws.cell(total + 1, header["年度交易额（万元）"]).value == (
        f'=SUMIFS({trade}4:{trade}{total},${state}$4:${state}${total},"<>已撤回")')


def test_a_total_typed_as_cell_sums_keeps_its_first_row_when_a_project_is_added(tmp_path, make_workbook, capsys):
    """A clerk's 合计 =K4+K5+K6 (and =SUM(K4:L6) over both amounts): a new project is inserted above the 合计 row
    as Excel inserts a row, so no formula loses its first project (openpyxl's translate made it =K5+K6+K7); the
    range over two columns is extended to the new row, and a formula that misses the new row is reported."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for i, t in enumerate((1000, 2000, 4000)):
        values = example("enterprise", sb_name=f"贵州合计{i}电子商务有限公司", sb_uscc=make_uscc("520102", f"MA6DKQ{i}W1"),
                         sb_trade_total=t)
        shutil.move(make_workbook("enterprise", values), apps / f"e{i}.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column_letter for c in ws[3]}
    k, r = header["年度交易额（万元）"], header["年度网络零售额（万元）"]
    assert ws.max_row == 6
    ws["A7"], ws[f"{k}7"], ws[f"{r}7"] = "合计", f"={k}4+{k}5+{k}6", f"=SUM({k}4:{r}6)"
    wb.save(summary)
    values = example("enterprise", sb_name="贵州合计3电子商务有限公司", sb_uscc=make_uscc("520102", "MA6DKQ3W1"))
    shutil.move(make_workbook("enterprise", values), apps / "e3.xlsx")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    out = capsys.readouterr().out
    ws = load_workbook(summary)["项目汇总表"]
    assert ws["A8"].value == "合计"
    assert ws[f"{k}8"].value == f"={k}4+{k}5+{k}6"
    assert ws[f"{r}8"].value == f"=SUM({k}4:{r}7)"
    assert "合计行（第8行）的年度交易额（万元）公式没有算到表格的最后一行（第7行），请核对" in out


def test_a_total_typed_under_a_blank_row_is_still_the_total(tmp_path, make_workbook, capsys):
    """A clerk leaves a blank row between the table and the 合计 he types under it. It is still the 合计: with a
    project withdrawn its =SUM leaves that project out, and a project added later is inside its range."""
    apps, summary, header = _may(tmp_path, make_workbook, 2, {TRADE: "=SUM({K}4:{K}{last})"})   # a blank row above
    out, ws, total = _august(apps, summary, make_workbook, capsys)
    assert "交易额（万元）公式已改为不计已撤回的项目" in out
    trade = ws.cell(3, header[TRADE]).column_letter
    formula = ws.cell(total, header["年度交易额（万元）"]).value
    assert formula.startswith(f"=SUMIFS({trade}4:{trade}{total - 1},")
    assert {ws.cell(r, header["企业名称"]).value for r in range(4, total)} >= {"遵义红色之旅直播电商基地"}



def test_a_total_formula_that_leaves_out_amounts_typed_as_text_is_said(tmp_path, make_workbook, capsys):
    """The clerk pastes a project from a web form into the table (its 交易额 the text “8,000”, its 零售额 “1200万元”)
    above his =SUM 合计. Excel's, WPS's and LibreOffice's SUM leave text out: the printed 合计 was short by 8,000 万元
    while the refresh said nothing, and the province merge counts that row's 8000 (QA). The refresh now names the
    cells the 合计 formula does not count, as it does of a 附件3 list's 合计 row."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    apps, summary, header = _may(tmp_path, make_workbook, 2, {TRADE: "=SUM({K}4:{K}{last})",
                                                              RETAIL: "=SUM({L}4:{L}{last})"})
    pasted = _paste_row(summary, header, "示范企业", "8,000", "1200万元")   # between the table and the 合计
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    out = capsys.readouterr().out
    assert f"第{pasted}行“8,000”" in out and f"第{pasted}行“1200万元”" in out and "以文本形式填写" in out
    calc = load_workbook(convert(summary, "xlsx", tmp_path / "calc"), data_only=True)["项目汇总表"]
    total = next(r for r in range(4, calc.max_row + 1) if calc.cell(r, 1).value == "合计")
    assert calc.cell(total, header[TRADE]).value == 35000 + 2600 + 780          # what the note explains: no 8000



def _paste_row(summary: Path, header: dict, kind: str, trade: str, retail: str) -> int:
    """A clerk pastes a project with amounts typed as text on the blank line under the table, and stretches the
    table over it: the row."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    pasted = max(r["_row"] for r in rows(summary)) + 1
    for column, value in (("市（州）", "贵阳市"), ("企业名称", "贵阳手工补录电子商务有限公司"), ("项目类型", kind),
                          (TRADE, trade), (RETAIL, retail)):
        ws.cell(pasted, header[column]).value = value
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + str(pasted)
    wb.save(summary)
    return pasted


def test_a_typed_total_counts_an_amount_typed_with_its_unit_as_the_statistics_do(tmp_path, make_workbook, capsys):
    """A project pasted into the table with its amounts as “1200万元” and “0.3亿元” (text with the unit), and the 合计
    the clerk typed under the table right: 35000 + 2600 + 780 + 3000 and 4200 + 900 + 1200. The refresh "recomputed"
    the 合计 leaving those two cells out (only plain numbers like “8,000” counted) and wrote the short sum over the
    clerk's right one, with a comment, while 统计 and the province merge count 1200 and 3000 (QA). The recomputed 合计
    reads every amount as those totals do: the clerk's figure stands."""
    apps, summary, header = _may(tmp_path, make_workbook, 2, {TRADE: 35000 + 2600 + 780 + 3000,
                                                              RETAIL: 4200 + 900 + 1200})
    _paste_row(summary, header, "企业", "0.3亿元", "1200万元")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    out = capsys.readouterr().out
    ws = load_workbook(summary)["项目汇总表"]
    total = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    assert ws.cell(total, header[TRADE]).value == 35000 + 2600 + 780 + 3000
    assert ws.cell(total, header[RETAIL]).value == 4200 + 900 + 1200
    assert "重新计算" not in out and ws.cell(total, header[TRADE]).comment is None



def test_a_typed_total_over_a_column_no_project_fills_is_kept(tmp_path, make_workbook, capsys):
    """A county's summary of live-streaming teams only: no team has a 年度网络零售额 (附件4 has it, the team form does
    not), and the clerk typed 0 in the 合计 row under it. The refresh stopped with an internal error ('int' object has
    no attribute 'to_integral_value') — the sum of no amounts was not a number it could round (QA). The 合计 of no
    amounts is 0: the clerk's 0 stands, the refresh goes through."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for i in range(2):
        values = example("team", sb_name=f"安顺第{i}直播团队", sb_uscc=make_uscc("520402", f"MA6J8N{i}P2"))
        shutil.move(make_workbook("team", values), apps / f"team{i}.xlsx")
    summary = tmp_path / "安顺市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    last = max(r["_row"] for r in rows(summary))
    assert all(ws.cell(r, header[RETAIL]).value is None for r in range(4, last + 1))
    ws.cell(last + 1, 1).value = "合计"
    ws.cell(last + 1, header[TRADE]).value, ws.cell(last + 1, header[RETAIL]).value = 780 * 2, 0
    wb.save(summary)
    values = example("team", sb_name="安顺第2直播团队", sb_uscc=make_uscc("520402", "MA6J8N2P2"))
    shutil.move(make_workbook("team", values), apps / "team2.xlsx")
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    assert ws.cell(last + 2, 1).value == "合计"
    assert ws.cell(last + 2, header[TRADE]).value == 780 * 3 and ws.cell(last + 2, header[RETAIL]).value == 0



def test_a_typed_total_leaves_out_a_hand_typed_project_the_clerk_withdrew(tmp_path, make_workbook, capsys):
    """A project the clerk typed by hand (no application) and later withdrew in its 状态 (“企业申请撤回（5月8日来函）”):
    merge leaves it out of the province totals, the typed 合计 kept its 5000 in (only a 状态 of exactly 已撤回 was
    read) (QA). The 合计 is recomputed without it, as merge and 统计 read the row."""
    apps, summary, header = _may(tmp_path, make_workbook, 2, {TRADE: 35000 + 2600 + 780 + 5000})
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    typed = max(r["_row"] for r in rows(summary)) + 1
    for column, value in (("企业名称", "贵阳手工补录电子商务有限公司"), ("项目类型", "企业"), (TRADE, 5000),
                          ("状态", "企业申请撤回（5月8日来函）")):
        ws.cell(typed, header[column]).value = value
    table = ws.tables["sb_summary"]
    table.ref = table.ref.rstrip("0123456789") + str(typed)
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    total = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    assert ws.cell(total, header[TRADE]).value == 35000 + 2600 + 780


# --- what a person typed or merged under and in the table ----------------------------------------------------

def _city_with_two(tmp_path, make_workbook) -> tuple[Path, Path, int]:
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("team").rename(apps / "团队.xlsx")
    make_workbook("enterprise").rename(apps / "企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary).worksheets[0]
    last = int(next(iter(ws.tables.values())).ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return apps, summary, last


def _third(apps: Path, make_workbook) -> None:
    make_workbook("enterprise", example("enterprise", sb_name="贵州第三电商有限公司",
                                        sb_uscc=make_uscc("520102", "MA6C33333"))).rename(apps / "企业3.xlsx")


def test_a_filler_line_typed_right_under_the_table_moves_down_when_a_project_is_added(tmp_path, make_workbook):
    apps, summary, last = _city_with_two(tmp_path, make_workbook)
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    ws.cell(last + 1, 1).value = "填报人：张三；联系方式：0851-1234567"
    ws.merge_cells(start_row=last + 2, start_column=1, end_row=last + 2, end_column=6)
    ws.cell(last + 2, 1).value = "审核人：李四"
    wb.save(summary)
    _third(apps, make_workbook)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary).worksheets[0]
    names = [ws.cell(r, 4).value for r in range(4, last + 2)]
    assert "贵州第三电商有限公司" in names
    assert ws.cell(last + 2, 1).value == "填报人：张三；联系方式：0851-1234567"
    assert ws.cell(last + 3, 1).value == "审核人：李四" and f"A{last + 3}:F{last + 3}" in ws.merged_cells


def test_cells_merged_across_project_rows_are_refused_with_what_to_do(tmp_path, make_workbook, capsys):
    apps, summary, last = _city_with_two(tmp_path, make_workbook)
    wb = load_workbook(summary)
    wb.worksheets[0].merge_cells(f"E{last - 1}:E{last}")   # one 企业地址 for two projects
    wb.save(summary)
    before = summary.read_bytes()
    for path in apps.iterdir():                              # both applications change: both rows are written
        wb = load_workbook(path)
        named_cell(wb, "sb_address").value = "贵州省贵阳市观山湖区新地址1号"
        wb.save(path)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 2
    err = capsys.readouterr().err
    assert "合并" in err and "取消" in err and "Traceback" not in err and "Error" not in err
    assert summary.read_bytes() == before


def test_a_company_name_merged_over_two_projects_is_refused_not_added_twice(tmp_path, make_workbook, capsys):
    """企业名称 merged over two project rows (nothing to write there): the second project lost its name, found no
    row, and was added again while its old row stayed 有效 — the project twice in 附件4, exit 0 (QA)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for kind in ("team", "enterprise"):      # applications without a code: their rows are found by name
        make_workbook(kind, example(kind, sb_uscc=...)).rename(apps / f"{kind}.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    wb = load_workbook(summary)
    last = 5
    assert wb.worksheets[0].cell(last, 4).value and not wb.worksheets[0].cell(last + 1, 4).value
    wb.worksheets[0].merge_cells(f"D{last - 1}:D{last}")
    wb.save(summary)
    before = summary.read_bytes()
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 2
    err = capsys.readouterr().err
    assert f"D{last - 1}:D{last}" in err and "取消" in err and "Traceback" not in err
    assert summary.read_bytes() == before


@pytest.mark.parametrize("merged", ["K3:L3", "M2:M3"])
def test_header_cells_merged_are_refused_not_given_a_second_column(tmp_path, make_workbook, capsys, merged):
    """K3:L3 merged: the table got a second 年度网络零售额（万元） column (a file Excel repairs) and new projects'
    figures went there, not under the printed header. M2:M3 merged (the clerk made 市州评分's title two rows high):
    the header row's cell is blank, so the refresh added a second 市州评分 column at the end, and the scores typed
    under M were in a column with no title, which merge never reads (QA). Both are refused, nothing written."""
    apps, summary, _ = _city_with_two(tmp_path, make_workbook)
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    if merged == "M2:M3":
        ws["M2"].value = "市州评分"
        ws["M4"].value = 90
    ws.merge_cells(merged)
    wb.save(summary)
    before = summary.read_bytes()
    _third(apps, make_workbook)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 2
    err = capsys.readouterr().err
    assert merged in err and "取消" in err and "Traceback" not in err
    assert summary.read_bytes() == before


# --- a row deleted by hand, its application still in the folder -------------------------------------------------

ENTERPRISE = "贵州山珍优品电子商务有限公司"


def _delete_row(summary: Path, name: str) -> None:
    """The clerk deletes a project's row in Excel: the rows below move up, the table ends a row higher."""
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    table = next(iter(ws.tables.values()))
    ws.delete_rows(next(r["_row"] for r in rows(summary) if r["企业名称"] == name))
    first, last = table.ref.split(":")
    end = int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    table.ref = f"{first}:{last[: -len(str(end))]}{end - 1}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
    wb.save(summary)


def _may_two(tmp_path, make_workbook) -> tuple[Path, Path]:
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("park", "enterprise"):
        shutil.move(make_workbook(t), apps / f"{t}.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05", "--city", "贵阳市"]) == 0
    return apps, summary


def _may_failing(tmp_path, make_workbook) -> tuple[Path, Path]:
    """May's summary of a park (达标) and an enterprise 不达标 (信用 否)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("park"), apps / "park.xlsx")
    shutil.move(make_workbook("enterprise", example("enterprise", sb_credit_ok="否")), apps / "enterprise.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05", "--city", "贵阳市"]) == 0
    return apps, summary


def _refresh(apps: Path, summary: Path, batch: str, capsys) -> str:
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", batch, "--city", "贵阳市"]) == 0
    return capsys.readouterr().out


def test_a_row_deleted_by_hand_comes_back_in_its_first_batch_and_is_said(tmp_path, make_workbook, capsys):
    """May: park and enterprise. The clerk deletes the enterprise's row, its application stays in the folder.
    August: a base arrives. The enterprise's row comes back with 批次 2024-05 (the August review round would
    send it to the experts again), the terminal names it and says how a project is taken out; the base, new,
    gets 2024-08."""
    apps, summary = _may_two(tmp_path, make_workbook)
    _delete_row(summary, ENTERPRISE)
    assert ENTERPRISE not in by_name(summary)
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    out = _refresh(apps, summary, "2024-08", capsys)
    got = by_name(summary)
    assert got[ENTERPRISE]["批次"] == "2024-05" and got[ENTERPRISE]["状态"] == "有效"
    assert got["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05"
    assert [r["批次"] for n, r in got.items() if n not in (ENTERPRISE, "贵阳黔货出山电子商务产业园")] == ["2024-08"]
    said = next(line for line in out.splitlines() if "手工删除" in line)
    assert f"{ENTERPRISE}（批次 2024-05）" in said and "删除或移走" in said and "已撤回" in said
    assert "手工删除" not in _refresh(apps, summary, "2024-08", capsys)   # said once: the row is there again


def test_a_row_deleted_by_hand_in_a_summary_kept_without_batches_is_said_when_it_comes_back(tmp_path, make_workbook,
                                                                                           capsys):
    """A city that never gives --batch: the clerk deletes the enterprise's row to drop the project, its application
    stays in the folder. The next refresh added the row back saying only 新增 1 行 (the reminder was given only for
    a row with a 批次); it now names the project and says how a project is taken out, as with a batch — without a
    batch it does not have, and once only."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("park", "enterprise"):
        shutil.move(make_workbook(t), apps / f"{t}.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    _delete_row(summary, ENTERPRISE)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    out = capsys.readouterr().out
    assert by_name(summary)[ENTERPRISE]["状态"] == "有效"
    said = next((line for line in out.splitlines() if "手工删除" in line), out)
    assert f"{ENTERPRISE}。" in said and "删除或移走" in said and "已撤回" in said and "批次" not in said, said
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    assert "手工删除" not in capsys.readouterr().out


def _withdrawn_then_back(apps: Path, summary: Path, capsys, gone: str, back: str) -> str:
    """The enterprise's application taken out of the folder at the refresh of batch ``gone`` (its row 已撤回), put
    back at the refresh of batch ``back``; that refresh's terminal output."""
    data = (apps / "enterprise.xlsx").read_bytes()
    (apps / "enterprise.xlsx").unlink()
    _refresh(apps, summary, gone, capsys)
    assert by_name(summary)[ENTERPRISE]["状态"] == "已撤回"
    (apps / "enterprise.xlsx").write_bytes(data)
    return _refresh(apps, summary, back, capsys)


def test_a_withdrawn_application_put_back_keeps_its_row_and_batch(tmp_path, make_workbook, capsys):
    """The enterprise's application leaves the folder in August (已撤回) and comes back in December: its row is
    有效 again, still of 2024-05, and nothing is said of a row deleted by hand (README)."""
    apps, summary = _may_two(tmp_path, make_workbook)
    out = _withdrawn_then_back(apps, summary, capsys, "2024-08", "2024-12")
    got = by_name(summary)[ENTERPRISE]
    assert got["状态"] == "有效" and got["批次"] == "2024-05" and "手工删除" not in out


def test_a_row_deleted_under_an_older_state_without_batches_is_added_as_before(tmp_path, make_workbook, capsys):
    """A summary whose _sb_state an older version wrote (no 批次 in it): the row deleted by hand is added with
    this refresh's batch, as that version did; nothing to say of a batch it does not know."""
    apps, summary = _may_two(tmp_path, make_workbook)
    wb = load_workbook(summary)
    for cell in wb["_sb_state"]["B"]:
        cell.value = json.dumps({k: v for k, v in json.loads(cell.value).items() if k != "批次"}, ensure_ascii=False)
    wb.save(summary)
    _delete_row(summary, ENTERPRISE)
    out = _refresh(apps, summary, "2024-08", capsys)
    assert by_name(summary)[ENTERPRISE]["批次"] == "2024-08" and "手工删除" not in out


def test_a_province_row_deleted_by_hand_comes_back_with_the_citys_batch(tmp_path, make_workbook, capsys):
    """The province deletes a project's row by hand; the next merge takes it again from the city's summary with
    the city's 批次 (2024-05), and the city's new project of August with 2024-08, and says the row came back."""
    apps, summary = _may_two(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    _delete_row(province, ENTERPRISE)
    assert ENTERPRISE not in by_name(province)
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    _refresh(apps, summary, "2024-08", capsys)
    assert main(["merge", str(province), str(summary)]) == 0
    said = capsys.readouterr().out   # the province's deletion undone: said, not silent (test_merge_deleted_province_row)
    assert f"全省表中手工删除的 1 行已按市（州）汇总表重新加入：{ENTERPRISE}" in said, said
    got = by_name(province)
    assert got[ENTERPRISE]["批次"] == "2024-05" and got["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05"
    assert sorted(r["批次"] for r in got.values()) == ["2024-05", "2024-05", "2024-08"]


def test_a_project_not_eligible_in_its_batch_and_eligible_later_goes_into_the_later_batch(tmp_path, make_workbook,
                                                                                          capsys):
    """May: the enterprise is 不达标 (信用 否), so the May round (达标/待定 only) leaves it out. August: corrected, 达标:
    its row goes into 2024-08 and the terminal says so — kept in 2024-05, no round would have reviewed it (QA).
    The park, 达标 in May, stays in 2024-05; a project still 不达标 stays where it was."""
    apps, summary = _may_failing(tmp_path, make_workbook)
    assert by_name(summary)[ENTERPRISE]["前置条件"] == "不达标"
    assert "不达标" not in _refresh(apps, summary, "2024-08", capsys)       # still 不达标: stays, nothing said
    assert by_name(summary)[ENTERPRISE]["批次"] == "2024-05"
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")      # corrected: 信用 是
    out = _refresh(apps, summary, "2024-12", capsys)
    got = by_name(summary)
    assert got[ENTERPRISE]["前置条件"] == "达标" and got[ENTERPRISE]["批次"] == "2024-12"
    assert got["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05"
    said = next(line for line in out.splitlines() if "批次改为本批次" in line)
    assert f"{ENTERPRISE}（2024-05 → 2024-12）" in said
    assert "批次改为本批次" not in _refresh(apps, summary, "2024-12", capsys)


@pytest.mark.parametrize("corrected_at", ["no-batch", "same-month-typed"])
def test_a_project_corrected_at_a_refresh_without_a_batch_moves_at_the_next_with_one(tmp_path, make_workbook, capsys,
                                                                                     corrected_at):
    """May: the enterprise is 不达标. Corrected, the city refreshes without --batch (or the open book's refresh):
    no batch to move it into, its 批次 stays 2024-05 — and the August refresh (was 达标 already) left it there, so
    no round reviewed it. Typed by hand as "5月", the May batch is the May batch: nothing moves, nothing is said."""
    apps, summary = _may_failing(tmp_path, make_workbook)
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")      # corrected: 信用 是
    if corrected_at == "same-month-typed":
        wb = load_workbook(summary)
        ws = wb.worksheets[0]
        header = {c.value: c.column for c in ws[3]}
        ws.cell(by_name(summary)[ENTERPRISE]["_row"], header["批次"]).value = "5月"
        wb.save(summary)
        assert "批次改为本批次" not in _refresh(apps, summary, "2024-05", capsys)
        assert by_name(summary)[ENTERPRISE]["批次"] == "5月"
        return
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    assert "批次改为本批次" not in capsys.readouterr().out
    assert by_name(summary)[ENTERPRISE]["前置条件"] == "达标" and by_name(summary)[ENTERPRISE]["批次"] == "2024-05"
    out = _refresh(apps, summary, "2024-08", capsys)
    assert by_name(summary)[ENTERPRISE]["批次"] == "2024-08"
    assert f"{ENTERPRISE}（2024-05 → 2024-08）" in next(line for line in out.splitlines() if "批次改为本批次" in line)
    assert by_name(summary)["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05"
    assert "批次改为本批次" not in _refresh(apps, summary, "2024-12", capsys)   # moved once: it stays in 2024-08
    assert by_name(summary)[ENTERPRISE]["批次"] == "2024-08"


def test_a_project_corrected_at_a_refresh_without_a_batch_is_said_to_wait(tmp_path, make_workbook, capsys):
    """May: the enterprise is 不达标. Corrected, the clerk refreshes without --batch and sends the table: its 批次 stays
    2024-05, so the August round (its 批次 only) would not review it — and the refresh said nothing. It now names
    the project and its batch, and says to refresh with this round's --batch (or type the 批次)."""
    apps, summary = _may_failing(tmp_path, make_workbook)
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")      # corrected: 信用 是
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    said = next((line for line in capsys.readouterr().out.splitlines() if ENTERPRISE in line), "")
    assert f"{ENTERPRISE}（2024-05）" in said and "--batch" in said, said
    assert "批次改为本批次" not in said
    wb = load_workbook(summary)        # the clerk types this round's 批次 himself: nothing left to say
    header = {c.value: c.column for c in wb.worksheets[0][3]}
    wb.worksheets[0].cell(by_name(summary)[ENTERPRISE]["_row"], header["批次"]).value = "2024-08"
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    assert ENTERPRISE not in capsys.readouterr().out
    assert by_name(summary)[ENTERPRISE]["批次"] == "2024-08"


def test_new_projects_given_a_batch_earlier_than_the_tables_latest_are_said(tmp_path, make_workbook, capsys):
    """May: park and enterprise. August: a base, refreshed with --batch 2024-08. December: a team arrives and the
    clerk re-runs May's command from his history, --batch 2024-05: the team silently got 2024-05, a round already
    reviewed, so no later round (its 批次 only) would review it. The refresh now names it and says what to do;
    a refresh giving the latest batch says nothing of it."""
    apps, summary = _may_two(tmp_path, make_workbook)
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    assert "早于" not in _refresh(apps, summary, "2024-08", capsys)
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    out = _refresh(apps, summary, "2024-05", capsys)
    team = next(n for n, r in by_name(summary).items() if r["项目类型"] == "团队")
    said = next((line for line in out.splitlines() if "早于" in line), "")
    assert team.split("（")[0] in said and "2024-08" in said and "批次" in said, out
    assert by_name(summary)[team]["批次"] == "2024-05"     # as given: the clerk decides, told


def test_a_row_not_eligible_deleted_by_hand_and_corrected_comes_back_in_the_later_batch(tmp_path, make_workbook,
                                                                                        capsys):
    """May: the enterprise is 不达标; the clerk deletes its row. August: corrected, 达标: the row comes back (said)
    and, as a 不达标 project that is 达标 now, in August's batch — back in May's, no round would review it (QA)."""
    apps, summary = _may_failing(tmp_path, make_workbook)
    _delete_row(summary, ENTERPRISE)
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")
    out = _refresh(apps, summary, "2024-08", capsys)
    assert by_name(summary)[ENTERPRISE]["批次"] == "2024-08"
    assert f"{ENTERPRISE}（2024-05 → 2024-08）" in out and "手工删除" in out


def test_a_project_withdrawn_in_its_own_batch_and_put_back_later_goes_into_the_later_batch(tmp_path, make_workbook,
                                                                                           capsys):
    """May: the enterprise's application is taken out of the folder before the May summary is sent (a second
    May refresh marks it 已撤回), so the May round does not review it. August: put back: kept in 2024-05, no
    round would review it (QA, a year end to end) — it goes into 2024-08 and the terminal says so."""
    apps, summary = _may_two(tmp_path, make_workbook)
    out = _withdrawn_then_back(apps, summary, capsys, "2024-05", "2024-08")
    got = by_name(summary)
    assert got[ENTERPRISE]["状态"] == "有效" and got[ENTERPRISE]["批次"] == "2024-08"
    assert got["贵阳黔货出山电子商务产业园"]["批次"] == "2024-05"
    said = next(line for line in out.splitlines() if "批次改为本批次" in line)
    assert f"{ENTERPRISE}（2024-05 → 2024-08）" in said and "已撤回" in said


def test_a_project_eligible_in_its_batch_not_eligible_later_and_corrected_stays_in_its_batch(tmp_path, make_workbook,
                                                                                             capsys):
    """May: the enterprise is 达标, the May round reviews it. August: a new version is 不达标 (信用 否); December:
    corrected again, 达标. It was reviewed in May: its 批次 stays 2024-05 (moved to 2024-12, the December round
    would review it a second time), nothing is said of a move."""
    apps, summary = _may_two(tmp_path, make_workbook)
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_credit_ok="否")), apps / "enterprise.xlsx")
    _refresh(apps, summary, "2024-08", capsys)
    assert by_name(summary)[ENTERPRISE]["前置条件"] == "不达标"
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")
    out = _refresh(apps, summary, "2024-12", capsys)
    got = by_name(summary)[ENTERPRISE]
    assert got["前置条件"] == "达标" and got["批次"] == "2024-05" and "批次改为本批次" not in out


def test_a_city_summary_of_an_earlier_batch_merged_late_is_said(tmp_path, make_workbook, capsys):
    """May: 贵阳市's summary (2024-05) is merged. August: 贵阳市's summary with a base of 2024-08, and 六盘水市's
    summary, refreshed in May with --batch 2024-05 but sent only now. Its project comes into the province table
    after the May round: the August round (``--round 2024-08``) leaves it out as another batch's, the May round
    never saw it — no round would review it (QA, a year end to end). The merge says so, naming the project and
    its 批次; a province row deleted by hand and taken again is not named (the province had it)."""
    apps, summary = _may_two(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    _delete_row(province, ENTERPRISE)
    lps = tmp_path / "六盘水"
    lps.mkdir()
    team = example("team", sb_name="六盘水凉都直播团队", sb_city="六盘水市", sb_county="钟山区",
                   sb_uscc=make_uscc("520201", "MA6LP20T1"))
    shutil.move(make_workbook("team", team), lps / "team.xlsx")
    lps_summary = tmp_path / "六盘水市汇总表.xlsx"
    assert main(["refresh", str(lps_summary), "--from", str(lps), "--batch", "2024-05", "--city", "六盘水市"]) == 0
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    _refresh(apps, summary, "2024-08", capsys)
    assert main(["merge", str(province), str(summary), str(lps_summary)]) == 0
    out = capsys.readouterr().out
    said = next(line for line in out.splitlines() if "六盘水凉都直播团队" in line)
    assert "2024-05" in said and "2024-08" in said and "评审" in said
    assert ENTERPRISE not in said and "遵义红色之旅直播电商基地" not in said
    assert by_name(province)["六盘水凉都直播团队"]["批次"] == "2024-05"       # the city's, as it was
    assert main(["merge", str(province), str(summary), str(lps_summary)]) == 0
    assert "六盘水凉都直播团队" not in capsys.readouterr().out                  # said once: the province has it now
