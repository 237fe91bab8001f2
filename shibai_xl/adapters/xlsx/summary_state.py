"""The summary's very hidden ``_sb_state`` sheet: what the tool last wrote into each project's 附件4 columns, by
project key, so that a refresh tells a person's edit (kept, said) from its own earlier value (replaced). The
province table's very hidden ``_sb_sent``, in the same form: which summary of each 市（州） its merges last took
(:mod:`...jobs.merge_sent`)."""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook

from ...engine.parse.text import normalize
from .cells import MAX_TEXT, xml_safe

STATE_SHEET = "_sb_state"
SENT_SHEET = "_sb_sent"
TOOL_WRITTEN = "工具列"   # in a project's state: a digest of each of the tool's columns a person might type into


def digest(value: Any, leave_out: tuple[str, ...] = ()) -> str:
    """A short digest of what a cell holds, as it reads back after Excel, WPS or LibreOffice saved it (100 and 100.0,
    full- and half-width the same); ``leave_out``: the "；"-separated parts beginning so (notes the tool adds to a
    row it keeps or withdraws) are not counted."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            value = format(Decimal(str(value)).normalize(), "f")
        except InvalidOperation:
            value = str(value)
    parts = [normalize(p) for p in str(value or "").split("；") if p.strip() and not p.strip().startswith(leave_out)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:10]


def read_state(wb: Workbook, sheet: str = STATE_SHEET) -> dict[str, dict[str, Any]]:
    if sheet not in wb.sheetnames:
        return {}
    out = {}
    for key, blob in _rows(wb[sheet]):
        try:
            out[key] = json.loads(blob)
        except (TypeError, ValueError):
            continue
    return out


def _rows(ws) -> list[tuple[str, str]]:
    """(key, JSON text) of each project: the text in column B and, when longer than a cell holds, C, D …"""
    return [(str(key), "".join(str(p) for p in parts if p)) for key, *parts in ws.iter_rows(min_row=1, values_only=True)
            if key and parts and parts[0]]


def _put(ws, row: int, blob: str, width: int = 0) -> None:
    """``blob`` into row ``row`` from column B, a cell's 32767 characters at a time (a project's 业绩 pasted up to a
    cell's limit makes it longer: cut there it read back as nothing, and the tool's own values as a clerk's edits);
    cells up to column ``width`` that an earlier, longer text used are emptied."""
    parts = [blob[i:i + MAX_TEXT] for i in range(0, len(blob), MAX_TEXT)] or [""]
    for col in range(2, max(width, len(parts) + 1) + 1):
        cell = ws.cell(row, col)
        cell.value = parts[col - 2] if col - 2 < len(parts) else None
        cell.data_type = "s" if cell.value is not None else "n"


def write_state(wb: Workbook, state: dict[str, dict[str, Any]], sheet: str = STATE_SHEET) -> bool:
    """Write ``state``; whether the workbook changed. The same projects as before: only their changed rows."""
    # an applicant's name is part of a key and of the values: what no worksheet holds goes (cells.xml_safe)
    rows = [(xml_safe(key), xml_safe(json.dumps(values, ensure_ascii=False, sort_keys=True)))
            for key, values in sorted(state.items())]
    if sheet in wb.sheetnames:
        ws = wb[sheet]
        # LibreOffice keeps a very hidden sheet only hidden: listed under 取消隐藏 for a person to open or delete
        hidden = ws.sheet_state != "veryHidden"
        ws.sheet_state = "veryHidden"
        old = _rows(ws)
        if old == rows:
            return hidden
        if [k for k, _ in old] == [k for k, _ in rows] and ws.max_row == len(rows):
            for i, ((_, was), (_, blob)) in enumerate(zip(old, rows), 1):
                if was != blob:
                    _put(ws, i, blob, ws.max_column)
            return True
        del wb[sheet]
    ws = wb.create_sheet(sheet)
    ws.sheet_state = "veryHidden"
    for i, (key, blob) in enumerate(rows, 1):
        ws.cell(i, 1).value = key
        _put(ws, i, blob)
    return True
