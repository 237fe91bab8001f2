"""A city's 附件4 typed by hand whose amount cells paint a unit into their number format (QA qa56u): 0.5 under the
（万元） title painted 0.00"亿元" shows 0.50亿元, 8000000 painted 0"元" shows 8000000元. Merge counted the bare numbers
as 万元 (0.5万元 and 8000000万元: 全省合计 off ×10000), nothing said. Each is read as the sheet shows it (CONTRACT §2:
amounts in 万元), said on its row's 问题 and in the merge's report, in .xlsx, .xls and .ods alike (one rule:
engine/parse/format_units.py); a unit the figure cannot be turned into (万美元 in a 万元 column) is counted as typed
and asked. ``refresh`` taking such a table over writes the figure in 万元 with a plain format."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.libreoffice import convert
from tests.test_summaries_real_world import PRINTED, TRADE, application, province_rows, table_rows

RETAIL = "年度网络零售额（万元）"
PROJECTS = [[1, "遵义市", "红花岗区", "遵义甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1", 3.5, 4200, 88],
            [2, "遵义市", "汇川区", "遵义乙电商有限公司", "地址", "企业", "民企", "业绩", "李四", "0851-2", 1200, 8000000, 80],
            [3, "遵义市", "汇川区", "遵义丙电商有限公司", "地址", "企业", "民企", "业绩", "王五", "0851-3", 1500, 300, 81]]


def _typed(path, formats, total=None):
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    for p in PROJECTS:
        ws.append(list(p))
    if total:
        ws.append(["合计", None, None, None, None, None, None, None, None, None, *total, None])
    for ref, code in formats.items():
        ws[ref].number_format = code
    wb.save(path)
    return path


FORMATS = {"K3": '0.00"亿元"', "L4": '0"元"'}   # 3.5 shows 3.50亿元; 8000000 shows 8000000元


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_amounts_whose_format_paints_another_unit_are_merged_as_shown_and_said(tmp_path, capsys, fmt):
    # the city's 合计 typed as shown too: 3.77亿元, 5300000元 (35000 + 1200 + 1500 万元, 4200 + 800 + 300 万元)
    typed = _typed(tmp_path / "遵义市汇总表.xlsx", {**FORMATS, "K6": '0.00"亿元"', "L6": '0"元"'}, total=(3.77, 53000000))
    city = typed if fmt == "xlsx" else convert(typed, fmt, tmp_path / fmt)
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    got = {r["企业名称"]: (r[TRADE], r[RETAIL], r["问题"] or "") for r in province_rows(province)}
    assert got["遵义甲电商产业园"][:2] == (35000, 4200), got
    assert got["遵义乙电商有限公司"][:2] == (1200, 800), got
    assert got["遵义丙电商有限公司"] == (1500, 300, ""), got
    assert "单元格K3的数字格式" in got["遵义甲电商产业园"][2], got
    assert "显示的单位是亿元（汇总表此栏的单位是万元），已按表上显示的3.5亿元读取" in got["遵义甲电商产业园"][2], got
    assert "单元格L4的数字格式" in got["遵义乙电商有限公司"][2] and "显示的单位是元（" in got["遵义乙电商有限公司"][2], got
    assert "年度交易额合计 37700 万元" in out and "不完整" not in out, out
    assert "“年度交易额（万元）”一栏第3、6行的数字格式" in out and "显示亿元，与此栏的单位万元不同" in out, out
    assert "“年度网络零售额（万元）”一栏第4、6行的数字格式" in out and "显示元，与此栏的单位万元不同" in out, out


def test_a_unit_the_figure_cannot_be_turned_into_is_counted_as_typed_and_asked(tmp_path, capsys):
    city = _typed(tmp_path / "遵义市汇总表.xlsx", {"K4": '0"万美元"'})
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    got = {r["企业名称"]: (r[TRADE], r["问题"] or "") for r in province_rows(province)}
    assert got["遵义乙电商有限公司"][0] == 1200, got
    assert "FIELD_AMOUNT" in got["遵义乙电商有限公司"][1] and "万美元" in got["遵义乙电商有限公司"][1], got


def test_a_format_showing_the_columns_own_unit_says_nothing(tmp_path, capsys):
    city = _typed(tmp_path / "遵义市汇总表.xlsx", {"K3": '#,##0"万元"', "L3": '0"万"'})
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    got = {r["企业名称"]: (r[TRADE], r["问题"] or "") for r in province_rows(province)}
    assert got["遵义甲电商产业园"][0] == 3.5 and "数字格式" not in out, (got, out)


def test_refresh_takes_such_a_table_over_in_wan_with_a_plain_format(tmp_path, capsys):
    summary = _typed(tmp_path / "遵义市汇总表.xlsx", FORMATS)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市", sb_trade_total=1234.5)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    out = capsys.readouterr().out
    got = table_rows(summary)
    assert got["遵义甲电商产业园"][TRADE] == 35000 and got["遵义乙电商有限公司"][RETAIL] == 800, got
    ws = load_workbook(summary).active
    assert "亿元" not in ws["K3"].number_format and "元" not in ws["L4"].number_format
    assert '数字格式“0.00"亿元"”' in out, out
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0   # once: 35000, not 35000 ×10000
    assert table_rows(summary)["遵义甲电商产业园"][TRADE] == 35000
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(summary)]) == 0
    assert sum(r[TRADE] for r in province_rows(tmp_path / "全省.xlsx")) == 35000 + 1200 + 1500 + 1234.5


def _a_park_typed_painted(tmp_path, application_painted=False):
    """A city's summary made by refresh from one enterprise, a clerk then typing a park under it, its 3.5 painted
    0.00"亿元" (with ``application_painted``, the enterprise's own 1234.5 painted so too)."""
    summary = tmp_path / "遵义市汇总表.xlsx"
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市", sb_trade_total=1234.5)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    wb = load_workbook(summary)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    row = table_rows(summary)["贵州山珍优品电子商务有限公司"]["_row"]
    header = {c.value: c.column for c in ws[int(ws.tables["sb_summary"].ref.split(":")[0][1:])]}
    if application_painted:
        ws.cell(row, header[TRADE]).number_format = '0.00"亿元"'
    typed = row + 1
    ws.insert_rows(typed)
    for name, value in (("企业名称", "遵义甲电商产业园"), ("市（州）", "遵义市"), ("项目类型", "园区"), (TRADE, 3.5),
                        (RETAIL, 4200)):
        ws.cell(typed, header[name]).value = value
    ws.cell(typed, header[TRADE]).number_format = '0.00"亿元"'
    first, last = ws.tables["sb_summary"].ref.split(":")
    ws.tables["sb_summary"].ref = f"{first}:{''.join(ch for ch in last if ch.isalpha())}{max(typed, int(last[1:]))}"
    wb.save(summary)
    return summary


def test_in_the_tools_own_table_only_rows_typed_by_hand_are_read_as_shown(tmp_path, capsys):
    """A clerk painted the 年度交易额 cells of the tool's table 0.00"亿元": an application's row holds the figure the
    refresh wrote in 万元 (its 来源文件 says so) and stays that figure; a project the clerk typed into the table
    (no 来源文件) is read as it shows."""
    summary = _a_park_typed_painted(tmp_path, application_painted=True)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    got = {r["企业名称"]: r[TRADE] for r in province_rows(province)}
    assert got == {"贵州山珍优品电子商务有限公司": 1234.5, "遵义甲电商产业园": 35000}, got


def test_refresh_reads_a_painted_row_typed_into_its_own_table_as_merge_does(tmp_path, capsys):
    """The same hand-typed row refreshed: it said “3.5万元…像是按园区申报表的亿元填写，已按万元计入统计” while merge
    counted 35000; the refresh now writes 35000 (万元) there with a plain format, says so, and asks nothing more."""
    summary = _a_park_typed_painted(tmp_path)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    out = capsys.readouterr().out
    assert "显示亿元，与此栏的单位万元不同：已按表上显示的亿元读取" in out and "像是按园区申报表的亿元填写" not in out, out
    assert table_rows(summary)["遵义甲电商产业园"][TRADE] == 35000
    ws = next(w for w in load_workbook(summary).worksheets if "sb_summary" in w.tables)
    header = {c.value: c.column for c in ws[int(ws.tables["sb_summary"].ref.split(":")[0][1:])]}
    cell = ws.cell(table_rows(summary)["遵义甲电商产业园"]["_row"], header[TRADE])
    assert "亿元" not in cell.number_format


def test_refresh_makes_plain_the_painted_format_of_an_applications_amount(tmp_path, capsys):
    """A clerk painted the 年度交易额 column of the tool's table 0.00"亿元": the application's 1234.5 (万元, as the
    refresh wrote it) showed 1234.50亿元 on the printed summary. Refresh puts the format back to plain and says so."""
    summary = tmp_path / "遵义市汇总表.xlsx"
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市", sb_trade_total=1234.5)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    wb = load_workbook(summary)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    header = {c.value: c.column for c in ws[int(ws.tables["sb_summary"].ref.split(":")[0][1:])]}
    row = table_rows(summary)["贵州山珍优品电子商务有限公司"]["_row"]
    ws.cell(row, header[TRADE]).number_format = '0.00"亿元"'
    wb.save(summary)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    out = capsys.readouterr().out
    cell = next(w for w in load_workbook(summary).worksheets if "sb_summary" in w.tables).cell(row, header[TRADE])
    assert cell.value == 1234.5 and "亿元" not in cell.number_format, cell.number_format
    assert "显示亿元" in out and "已改为常规格式" in out, out
