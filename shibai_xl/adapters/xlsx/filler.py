"""Fill an application workbook by defined names, the way a person types into it.

Used by ``shibai demo``, the tests and the benchmarks. A percentage typed as 60
into a %-formatted cell is stored as 0.6, as Excel does; text that would start a
formula is stored as text.
"""
from __future__ import annotations

from typing import Any

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table

from ...engine import fields as F
from .cells import set_cell
from .package import parse_ref
from .reader import RESIDENT_COLUMNS


def named_cell(wb: Workbook, name: str):
    dn = wb.defined_names.get(name)
    if dn is None:
        return None
    loc = parse_ref(dn.attr_text)
    if not loc or loc[0] not in wb.sheetnames:
        return None
    return wb[loc[0]][loc[1]]


def fill_values(wb: Workbook, values: dict[str, Any]) -> None:
    for name, value in values.items():
        cell = named_cell(wb, name)
        if cell is None:
            raise KeyError(f"工作簿中没有定义名称 {name}")
        f = F.FIELDS.get(name)
        if f is not None and f.kind == F.PERCENT and isinstance(value, (int, float)) and "%" in cell.number_format:
            value = value / 100
        set_cell(cell, value)


def residents_table(wb: Workbook) -> tuple[Any, Table] | tuple[None, None]:
    for ws in wb.worksheets:
        for t in ws.tables.values():
            if t.displayName == "sb_residents":
                return ws, t
    return None, None


def fill_residents(wb: Workbook, rows: list[dict[str, Any]]) -> None:
    ws, table = residents_table(wb)
    if table is None:
        raise KeyError("工作簿中没有入驻企业名单表格 sb_residents")
    first, last = table.ref.split(":")
    r0, c0 = coordinate_to_tuple(first)
    r1, c1 = coordinate_to_tuple(last)
    headers = {ws.cell(r0, c).value: c for c in range(c0, c1 + 1)}
    for i, row in enumerate(rows):
        for key, value in row.items():
            if key in headers:
                set_cell(ws.cell(r0 + 1 + i, headers[key]), value)
    end = max(r1, r0 + len(rows))
    table.ref = f"{first}:{last.rstrip('0123456789')}{end}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref


def fill(wb: Workbook, values: dict[str, Any], residents: list[dict[str, Any]] | None = None,
         materials: dict[str, Any] | None = None) -> Workbook:
    fill_values(wb, values)
    if residents is not None:
        fill_residents(wb, residents)
    if materials:
        fill_values(wb, materials)
    return wb


__all__ = ["fill", "fill_values", "fill_residents", "named_cell", "RESIDENT_COLUMNS"]
