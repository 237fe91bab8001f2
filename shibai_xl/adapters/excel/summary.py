"""Refresh or merge a 项目汇总表 that is open in Excel, without touching its file.

The summary jobs update an openpyxl workbook and save it (``shibai refresh`` /
``shibai merge``); an open workbook's file cannot be replaced under Excel. So
the sheets a refresh reads and writes — the ``sb_summary`` table's sheet, the
hidden ``_sb_state`` sheet, ``问题文件`` and ``统计`` — are copied from the open
book into an in-memory workbook (same sheet names, same cells, same table
range), the jobs' own code updates that copy, and every cell that differs
afterwards is written back through xlwings (a run of changed cells in a row is
one write; the table is resized first when it grew). People's work is kept by
the same rules as a file refresh, because it is the same code.

Not carried over: the 统计 sheet's chart (its figures are written, the chart is
only made by a file refresh) and cell styles of new rows (Excel's table style
formats them).
"""
from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table

from ..xlsx.cells import set_cell
from ..xlsx.package import UnreadableFile
from ..xlsx.reader import Grid
from ..xlsx.summary_book import PROBLEM_SHEET, STATE_SHEET, STATS_SHEET, find_table
from .book import OpenBook, cell_value, strip_dollars
from .writer import Formula, write_cells

Progress = Callable[[int, int, str], None]
SUMMARY_TABLE = "sb_summary"
COPIED_SHEETS = (STATE_SHEET, PROBLEM_SHEET, STATS_SHEET)


def summary_table(ob: OpenBook):
    table = ob.pkg.tables.get(SUMMARY_TABLE)
    if table is None:
        raise UnreadableFile("当前工作簿中没有名为 sb_summary 的汇总表表格，不是本工具的项目汇总表。")
    return table


def mirror(ob: OpenBook) -> Workbook:
    """An in-memory copy of what a refresh reads and writes, at the same sheets and cells."""
    table = summary_table(ob)
    wb = Workbook()
    ws = wb.active
    ws.title = table.sheet
    _copy(ob, table.sheet, ws)
    ws.add_table(Table(displayName=SUMMARY_TABLE, ref=table.ref))
    for name in COPIED_SHEETS:
        if name in ob.pkg.sheets:
            _copy(ob, name, wb.create_sheet(name))
    return wb


def _copy(ob: OpenBook, sheet: str, ws: Any) -> None:
    for r, row in enumerate(ob.grid(sheet).rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None and value != "":
                set_cell(ws.cell(r, c), value)


def _cell(cell: Any) -> Any:
    return Formula(cell.value) if cell.data_type == "f" and isinstance(cell.value, str) else cell_value(cell.value)


def _equal(a: Any, b: Any) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, Formula) or isinstance(b, Formula):
        return False   # a formula always goes back as a formula
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        return float(a) == float(b)
    return a == b


def changed_cells(ob: OpenBook, wb: Workbook) -> dict[str, dict[tuple[str, str], Any]]:
    """Per sheet of ``wb``: the cells whose value differs from the open book (cleared cells included)."""
    out: dict[str, dict[tuple[str, str], Any]] = {}
    for ws in wb.worksheets:
        before = ob.grid(ws.title).rows if ws.title in ob.pkg.sheets else []
        height = max(ws.max_row, len(before))
        width = max(ws.max_column, max((len(r) for r in before), default=0))
        cells = {}
        for r in range(1, height + 1):
            old_row = before[r - 1] if r <= len(before) else []
            for c in range(1, width + 1):
                new = _cell(ws.cell(r, c)) if r <= ws.max_row and c <= ws.max_column else None
                old = old_row[c - 1] if c <= len(old_row) else None
                if not _equal(new, old):
                    cells[(ws.title, f"{get_column_letter(c)}{r}")] = new
        if cells:
            out[ws.title] = cells
    return out


def write_back(ob: OpenBook, wb: Workbook) -> int:
    """Write what the jobs changed in ``wb`` into the open book; returns the number of range writes."""
    table = summary_table(ob)
    _, new_table = find_table(wb)
    changes = changed_cells(ob, wb)
    writes = 0
    if strip_dollars(new_table.ref) != table.ref:
        sheet = ob.sheet(table.sheet)
        sheet.tables[table.name].resize(sheet.range(new_table.ref))
        writes += 1
    for name in (ws.title for ws in wb.worksheets):
        cells = changes.get(name)
        if not cells:
            continue
        if name not in ob.pkg.sheets:
            _add_sheet(ob, name)
        writes += write_cells(ob, cells, by="row")
    return writes


def _add_sheet(ob: OpenBook, name: str) -> None:
    last = ob.book.sheets[len(ob.sheet_names) - 1]
    sheet = ob.book.sheets.add(name, after=last)
    ob.sheet_names.append(name)
    ob.pkg.sheets[name] = ""
    ob.grids[name] = Grid([])
    if name == STATE_SHEET:
        sheet.visible = False
    try:
        ob.sheet(summary_table(ob).sheet).activate()   # adding a sheet activated it
    except Exception:  # activation is cosmetic
        pass


# --- the two jobs, on the open book ---------------------------------------------------------------

def refresh_open(ob: OpenBook, folder: Path, batch: str | None = None, progress: Progress | None = None,
                 now: datetime | None = None):
    """``shibai refresh`` for the open summary: same records, same update rules, written through xlwings."""
    from ...jobs.refresh import RefreshReport, collect_records, file_mtime, update_workbook

    folder = Path(folder)
    if not folder.is_dir():
        raise UnreadableFile(f"找不到申报表文件夹：{folder}")
    summary_path = ob.path or folder / ob.name
    report = RefreshReport(summary=summary_path)
    collected = collect_records(folder, summary_path, progress)
    collected.save_cache(None)  # the open book's bytes are Excel's: no summary fingerprint to keep
    records, report.read, report.cached = collected.records, collected.read, collected.cached
    report.files = len(records)
    report.unreadable = [(r.file, r.error) for r in records if r.error]
    wb = mirror(ob)
    report.update = update_workbook(wb, records, batch, now, mtime=file_mtime(folder))
    if report.update.changed:
        write_back(ob, wb)
    return report


def merge_open(ob: OpenBook, cities: list[Path], progress: Progress | None = None, now: datetime | None = None):
    """``shibai merge`` into the open provincial summary: the job runs on a temporary copy of its table."""
    from ...jobs.merge import merge

    with tempfile.TemporaryDirectory(prefix="shibai-merge-") as tmp:
        copy_path = Path(tmp) / "province.xlsx"
        mirror(ob).save(copy_path)
        report = merge(copy_path, cities, progress=progress, now=now)
        wb = load_workbook(copy_path)
    write_back(ob, wb)
    report.province = ob.path or Path(ob.name)
    return report
