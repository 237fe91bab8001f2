"""The summary's very hidden ``_sb_state`` sheet: what the tool last wrote into each project's 附件4 columns, by
project key, so that a refresh tells a person's edit (kept, said) from its own earlier value (replaced)."""
from __future__ import annotations

import json
from typing import Any

from openpyxl import Workbook

from .cells import set_cell, xml_safe

STATE_SHEET = "_sb_state"


def read_state(wb: Workbook) -> dict[str, dict[str, Any]]:
    if STATE_SHEET not in wb.sheetnames:
        return {}
    out = {}
    for key, blob in wb[STATE_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
        if key and blob:
            try:
                out[str(key)] = json.loads(blob)
            except (TypeError, ValueError):
                continue
    return out


def write_state(wb: Workbook, state: dict[str, dict[str, Any]]) -> bool:
    """Write ``state``; whether the workbook changed. The same projects as before: only their changed rows."""
    # an applicant's name is part of a key and of the values: what no worksheet holds goes (cells.xml_safe)
    rows = [(xml_safe(key), xml_safe(json.dumps(values, ensure_ascii=False, sort_keys=True)))
            for key, values in sorted(state.items())]
    if STATE_SHEET in wb.sheetnames:
        ws = wb[STATE_SHEET]
        old = [(str(k), b) for k, b in ws.iter_rows(min_row=1, max_col=2, values_only=True) if k and b]
        if old == rows:
            return False
        if [k for k, _ in old] == [k for k, _ in rows] and ws.max_row == len(rows):
            for i, ((_, was), (_, blob)) in enumerate(zip(old, rows), 1):
                if was != blob:
                    ws.cell(i, 2).value = blob
                    ws.cell(i, 2).data_type = "s"
            return True
        del wb[STATE_SHEET]
    ws = wb.create_sheet(STATE_SHEET)
    ws.sheet_state = "veryHidden"
    for i, (key, blob) in enumerate(rows, 1):
        ws.cell(i, 1).value = key
        ws.cell(i, 2).value = blob
        ws.cell(i, 2).data_type = "s"
    return True


RESIDENTS_SHEET = "_sb_residents"
CELL_TEXT = 32_000   # a cell holds at most 32,767 characters: a long list's keys go on over the next cells


def read_residents(wb: Workbook) -> dict[str, tuple[list[str], str]]:
    """The very hidden ``_sb_residents`` sheet: project key → (its 入驻企业名单's resident keys, the digests of the
    names of the residents listed with their code), so that the province can tell a company two cities' parks
    and bases both list (:func:`residents_in_rows` reads it from a city summary's rows)."""
    if RESIDENTS_SHEET not in wb.sheetnames:
        return {}
    return residents_in_rows(wb[RESIDENTS_SHEET].iter_rows(values_only=True))


def residents_in_rows(rows) -> dict[str, tuple[list[str], str]]:
    """:func:`read_residents` from the sheet's rows (key, "keys" or "names", text, text …)."""
    out: dict[str, tuple[list[str], str]] = {}
    for row in rows:
        if len(row) < 3 or not isinstance(row[0], str) or row[1] not in ("keys", "names"):
            continue
        text = "".join(v for v in row[2:] if isinstance(v, str))
        keys, names = out.get(row[0], ([], ""))
        out[row[0]] = (text.split("\n") if row[1] == "keys" and text else keys, text if row[1] == "names" else names)
    return {k: v for k, v in out.items() if v[0]}


def write_residents(wb: Workbook, residents: dict[str, tuple[list[str], str]]) -> bool:
    """Write :func:`read_residents`'s map; whether the workbook changed (not when it holds the same)."""
    if read_residents(wb) == {k: v for k, v in residents.items() if v[0]}:
        return False
    if RESIDENTS_SHEET in wb.sheetnames:
        del wb[RESIDENTS_SHEET]
    if not any(keys for keys, _ in residents.values()):
        return True
    ws = wb.create_sheet(RESIDENTS_SHEET)
    ws.sheet_state = "veryHidden"
    row = 0
    for key, (keys, names) in sorted(residents.items()):
        if not keys:
            continue
        for kind, text in (("keys", "\n".join(keys)), ("names", names)):
            row += 1
            chunks = [text[i:i + CELL_TEXT] for i in range(0, len(text), CELL_TEXT)] or [""]
            for col, value in enumerate((key, kind, *chunks), 1):
                set_cell(ws.cell(row, col), value)   # text stays text (a name key may begin with "=")
    return True
