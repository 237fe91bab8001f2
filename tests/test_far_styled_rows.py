"""Sheets whose styled extent reaches far below their data: a clerk gives a column a border or a fill down to row
30000 (WPS 整列设置边框, a pasted format), so openpyxl's ``ws.max_row`` says 30000 while the values end a few rows
down. Loops bounded by ``ws.max_row`` walked (and made a cell at) every empty styled row; they stop at the last row
holding a value, and a value typed far below the table (row 5000) is still found."""
from __future__ import annotations

import shutil
from copy import copy
from pathlib import Path

from openpyxl import Workbook, load_workbook

from shibai_xl.adapters.xlsx import styles as S
from shibai_xl.adapters.xlsx.own_sheets import keep_foreign
from shibai_xl.adapters.xlsx.summary_adopt import HEADER_SCAN, adopt
from shibai_xl.adapters.xlsx.summary_book import SummaryBook
from shibai_xl.faces.cli import main
from tests.conftest import example

PAINTED = 30000


def _summary_with_total(make_workbook, tmp_path: Path) -> tuple[Path, Path]:
    """A city summary of one project, a 合计 row typed under it, a note far down in column X and a border run
    down column A to row 30000; and a folder holding that application and a second one."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    assert ws["D4"].value and ws["D5"].value is None
    ws["D5"], ws["K5"], ws["X5000"] = "合计", "=SUM(K4:K4)", "备注：已核对"
    ws["A6"].border = S.BOX
    for r in range(7, PAINTED + 1):   # the style given at once (setting .border looks it up 30000 times: 30 s)
        ws.cell(r, 1)._style = copy(ws["A6"]._style)
    wb.save(summary)
    values = example("enterprise", sb_name="贵州远处边框电子商务有限公司", sb_uscc="91520102MA6DKQ9X18")
    shutil.move(make_workbook("enterprise", values, name="企业.xlsx"), apps / "企业.xlsx")
    return summary, apps


def test_a_row_inserted_over_the_total_moves_only_the_rows_holding_values(make_workbook, tmp_path):
    """Inserting a project's row above the 合計 moved the range A5:U30000 down: openpyxl's move_range makes a cell
    of every address it moves (630 000 here; four million and a minute for a border to row 200000)."""
    summary, _apps = _summary_with_total(make_workbook, tmp_path)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    before = len(ws._cells)
    book = SummaryBook(wb)
    assert book.new_row() == 5
    assert len(ws._cells) < before + 200          # the moved rows' cells, not a cell for each styled empty row
    assert ws["D6"].value == "合计" and ws["X5001"].value == "备注：已核对" and ws["X5000"].value is None
    assert ws.cell(PAINTED, 1).border.left.style == S.BOX.left.style   # the painted rows stay as they were


def test_a_refresh_into_a_summary_painted_far_down_adds_the_project_above_the_total(make_workbook, tmp_path):
    summary, apps = _summary_with_total(make_workbook, tmp_path)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    names = [ws.cell(r, 4).value for r in range(4, 7)]
    assert sorted(names[:2]) == sorted([ws["D4"].value, "贵州远处边框电子商务有限公司"]) and names[2] == "合计"
    assert ws["K6"].value == "=SUM(K4:K5)" and ws["X5001"].value == "备注：已核对"


HAND_HEADER = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人",
               "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]


def _hand_typed(path: Path) -> Path:
    """A 附件4 typed by hand (no table): two projects, a third typed far down at row 5000, a border run down column
    A to row 30000."""
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HAND_HEADER)
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1", 35000, 4200, 90])
    ws.append([2, "贵阳市", "南明区", "贵阳乙电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 2600, 900])
    for c, value in enumerate([3, "贵阳市", "花溪区", "贵阳丙电子商务有限公司", "地址", "企业", "民企", "业绩", "李四", "0851-2",
                               1800, 700], 1):
        ws.cell(5000, c, value)
    ws["A5"].border = S.BOX
    for r in range(6, PAINTED + 1):
        ws.cell(r, 1)._style = copy(ws["A5"]._style)
    wb.save(path)
    return path


def test_taking_over_a_hand_typed_summary_reads_its_rows_to_the_last_value_only(tmp_path):
    """Each row to ws.max_row was read by making a cell in each 附件4 column: 390 000 here, four million and two
    minutes for a border to row 200000. The rows down to the last holding a value are read."""
    wb = load_workbook(_hand_typed(tmp_path / "贵阳市汇总表.xlsx"))
    ws = wb.active
    adopted = adopt(wb, ws.title)
    assert adopted.rows == [3, 4, 5000]                 # the project typed far down is found
    assert max(r for r, c in ws._cells if c > 1) == 5000   # no row under the last value visited (a cell made there)


def test_a_refresh_takes_over_a_hand_typed_summary_painted_far_down(tmp_path, make_workbook):
    summary = _hand_typed(tmp_path / "贵阳市汇总表.xlsx")
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_city="贵阳市")), apps / "企业.xlsx")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary).active
    names = {ws.cell(r, 4).value for r in range(3, ws.max_row + 1)} - {None}
    assert {"贵阳甲电商产业园", "贵阳乙电子商务有限公司", "贵阳丙电子商务有限公司"} < names and len(names) == 4


def test_a_clerks_own_print_area_grows_to_the_last_row_holding_a_value_not_to_the_painted_border(make_workbook, tmp_path):
    """The clerk's print area A1:R5 was stretched to the sheet's styled end, A1:R30000: hundreds of printed pages of
    empty ruled rows (thousands for a border to row 200000). It grows to the rows the refresh wrote and the 合计."""
    summary, apps = _summary_with_total(make_workbook, tmp_path)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    ws["X5000"], ws.print_area = None, "A1:R5"
    ws["B20"] = "填报人：张三"       # a line typed under the table prints with it
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert load_workbook(summary)["项目汇总表"].print_area == "'项目汇总表'!$A$1:$R$21"


def test_renaming_a_clerks_own_sheet_out_of_the_tools_way_makes_no_cell_in_the_painted_rows():
    """A person's own “统计” sheet is renamed “统计（原）” and each formula reading it re-pointed: every sheet was
    walked with iter_rows, which makes a cell at each address down to the painted end (four million for a border
    to row 200000 on the 附件4 sheet: two minutes, 2 GB). The cells the sheets hold are what is re-pointed."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目汇总表"
    ws["D3"], ws["F2"] = "企业名称", "=统计!B1"
    ws["A4"].border = S.BOX
    for r in range(5, PAINTED + 1):
        ws.cell(r, 1)._style = copy(ws["A4"]._style)
    ws.cell(5000, 6, "=统计!B2")                 # a formula far down is re-pointed too
    wb.create_sheet("统计")["B1"] = 3
    before = len(ws._cells)
    assert keep_foreign(wb, ["统计"])
    assert ws["F2"].value == "='统计（原）'!B1" and ws.cell(5000, 6).value == "='统计（原）'!B2"
    assert len(ws._cells) == before


def test_taking_over_a_blank_hand_typed_summary_painted_far_down_reads_no_row_under_its_values(tmp_path):
    """A bureau's own blank 附件4 (title and header, no project yet) ruled down to row 30000, with a 填表说明 sheet
    ruled alike: looking for its projects and for a header on the other sheet walked every styled empty row, a
    cell made in each column (27 s and 1.5 GB for borders to row 200000)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HAND_HEADER)
    wb.create_sheet("说明")["A1"] = "填表说明"
    for sheet in wb.worksheets:
        sheet["A3"].border = S.BOX
        for r in range(4, PAINTED + 1):
            sheet.cell(r, 1)._style = copy(sheet["A3"]._style)
    assert adopt(wb, "贵阳市汇总表.xlsx").rows == []
    for sheet in wb.worksheets:   # the first rows looked at for a header (HEADER_SCAN), none under them
        assert max((r for r, c in sheet._cells if c > 1), default=0) <= HEADER_SCAN
