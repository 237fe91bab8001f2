"""Adopt an official 附件4 made by hand as a tool summary, in place.

A city that typed the 项目汇总表 in Excel has no ``sb_summary`` table. ``refresh`` given such a workbook
finds its header row (the 附件4 titles as people type them), and turns the rows under it into the table
summaries the tool creates, on the workbook's first sheet: every existing row, its 市州评分 and any
column a person added are kept; merged cells in the table are unmerged (a merged 市（州） is written into
each of its rows); numbers typed as text become numbers; 项目类型 typed the official way (示范园区, 电商直播基地 …)
becomes the contract's short form (园区/基地/企业/团队); a 合计 row stays the table's last row.
"""
from __future__ import annotations

from openpyxl.utils.cell import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.summary_table import HEADER_SCAN, NUMBER_COLUMNS, find_header, number_value, row_kind, type_short
from .summary_book import NotASummary
from .templates import _name

NOT_A_SUMMARY = ("“{name}”不是项目汇总表：没有名为 sb_summary 的汇总表表格，也没有找到附件4的表头行（序号、市（州）、县区、"
                 "企业名称……市州评分）。请换一个文件名，让 shibai refresh 新建汇总表。")


def adopt(wb: Workbook, name: str) -> list[int]:
    """Make the hand-made 附件4 in ``wb`` a tool summary; returns the sheet rows holding projects."""
    ws, header, cols = _header_row(wb, name)
    c0, c1 = min(cols), max(cols)
    while ws.cell(header, c1 + 1).value not in (None, ""):   # columns a person added after the 附件4 ones
        c1 += 1

    def kind(r: int) -> str:
        return row_kind({n: ws.cell(r, c).value for c, n in cols.items()})

    kinds = {r: kind(r) for r in range(header + 1, ws.max_row + 1)}
    last = max([r for r, k in kinds.items() if k in ("project", "total")] or [header + 1])
    _unmerge(ws, header, last, c0, c1)
    names = _column_names(ws, header, c0, c1, cols)
    _numbers_as_numbers(ws, header, last, cols)
    projects = [r for r in range(header + 1, last + 1) if kind(r) == "project"]
    _types_short(ws, projects, cols)
    # the closing 合计 row stays just under the table, as under the tables the tool makes: the table's rows are
    # projects (a 小计 between them stays where it is, and no reader counts it)
    end = max(projects) if projects else header + 1
    table = Table(displayName="sb_summary", ref=f"{get_column_letter(c0)}{header}:{get_column_letter(c1)}{end}")
    table.tableColumns = [TableColumn(id=i, name=n) for i, n in enumerate(names, 1)]
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ws.add_table(table)
    wb.move_sheet(ws, -wb.index(ws))
    wb.active = 0
    title = next((c for row in ws.iter_rows(min_row=1, max_row=header - 1) for c in row if c.value not in (None, "")), None)
    if title is not None and "sb_summary_title" not in wb.defined_names:
        _name(wb, "sb_summary_title", ws, title.coordinate)
    return projects


def _header_row(wb: Workbook, name: str) -> tuple[Worksheet, int, dict[int, str]]:
    """(sheet, header row, column → 附件4 name) of the first sheet showing the 附件4 header row."""
    for ws in wb.worksheets:
        hit = find_header([[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=HEADER_SCAN)])
        if hit:
            return ws, hit[0] + 1, {c + 1: n for c, n in hit[1].items()}
    raise NotASummary(NOT_A_SUMMARY.format(name=name))


def _unmerge(ws: Worksheet, header: int, last: int, c0: int, c1: int) -> None:
    """Merged cells in the table are unmerged; a 市（州） merged over its rows is written into each."""
    for merged in list(ws.merged_cells.ranges):
        if merged.max_row < header or merged.min_row > last or merged.max_col < c0 or merged.min_col > c1:
            continue
        value = ws.cell(merged.min_row, merged.min_col).value
        ws.unmerge_cells(str(merged))
        for r in range(merged.min_row + 1, merged.max_row + 1):
            ws.cell(r, merged.min_col).value = value


def _column_names(ws: Worksheet, header: int, c0: int, c1: int, cols: dict[int, str]) -> list[str]:
    """The table's column names: the 附件4 names, then the added columns' headers (made unique)."""
    names, used = [], set()
    for c in range(c0, c1 + 1):
        cell = ws.cell(header, c)
        text = cols.get(c) or " ".join(str(cell.value or "").split()) or f"列{get_column_letter(c)}"
        while text in used:
            text += "_2"
        used.add(text)
        cell.value = text
        names.append(text)
    return names


def _numbers_as_numbers(ws: Worksheet, header: int, last: int, cols: dict[int, str]) -> None:
    """Amounts typed as text ("8,000") become numbers, so the table's sums count them."""
    for r in range(header + 1, last + 1):
        for c, n in cols.items():
            if n in NUMBER_COLUMNS:
                value = number_value(ws.cell(r, c).value)
                if isinstance(value, (int, float)):
                    ws.cell(r, c).value = value


def _types_short(ws: Worksheet, projects: list[int], cols: dict[int, str]) -> None:
    """项目类型 as CONTRACT §3 writes it (园区/基地/企业/团队); a type nobody can read is left as typed."""
    col = next((c for c, n in cols.items() if n == "项目类型"), None)
    for r in projects if col else ():
        short = type_short(ws.cell(r, col).value)
        if short:
            ws.cell(r, col).value = short
