"""Saving a summary a refresh or merge updated (openpyxl), each formula of numbers only saved with its result
(:mod:`...engine.constant_formulas`): openpyxl keeps a formula and no result, and a clerk's 市州评分 =AVERAGE(90,80)
was no figure to the province's merge (which reads results, computing nothing) until someone opened and saved the
summary in Excel/WPS. A formula reading a cell still gets none (nothing else is evaluated: its cells may change)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from ...engine.constant_formulas import constant_result, stored_text


def constant_cells(wb: Workbook) -> dict[str, dict[str, str]]:
    """Sheet title → cell → the saved text of the result of each formula of numbers only (none: {})."""
    out: dict[str, dict[str, str]] = {}
    for ws in wb.worksheets:
        for cell in ws._cells.values():
            if cell.data_type == "f" and isinstance(cell.value, str) \
                    and (result := constant_result(cell.value)) is not None:
                out.setdefault(ws.title, {})[cell.coordinate] = stored_text(result)
    return out


def save_with_results(wb: Workbook, path: Path) -> None:
    """``wb.save(path)``, the formulas of numbers only given their results in the saved sheets."""
    results = constant_cells(wb)
    wb.save(path)
    if not results:
        return
    parts = {wb[title].path.lstrip("/"): cells for title, cells in results.items()}
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename in parts:
                data = _with_values(data, parts[info.filename])
            z.writestr(info, data)


def _with_values(data: bytes, cells: dict[str, str]) -> bytes:
    """The sheet's XML (as openpyxl writes a formula cell: <c r="M4" s="3"><f>…</f><v></v></c>) with each of
    ``cells`` given its value."""
    def value(m: re.Match[bytes]) -> bytes:
        text = cells.get(m.group(2).decode())
        return m.group(0) if text is None else m.group(1) + b"<v>" + text.encode() + b"</v>"
    return _FORMULA_CELL.sub(value, data)


_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"(?: s="\d+")?><f>[^<]*</f>)<v(?:\s*/>|></v>)')
