"""Apply a :class:`~shibai_xl.engine.plan.WritePlan` to a closed workbook file.

Works on the OOXML package through :class:`XlsxPatch`, so every part the plan does
not touch (other sheets, images, charts, validation, print settings, macros)
survives byte for byte. Marks from the previous run are cleared first.
"""
from __future__ import annotations

from pathlib import Path

from ...engine.plan import RESULT_FIRST_ROW, WritePlan
from .package import parse_ref
from .patch import XlsxPatch


def apply_plan(source: Path, plan: WritePlan, out: Path) -> None:
    """Write ``source`` with the plan applied to ``out``: the temp file of the job's
    :func:`~shibai_xl.adapters.files.write_atomic`, which checks and renames it."""
    p = XlsxPatch(str(source))
    p.clear_marks()
    for name, value in plan.values:
        loc = parse_ref(p.defined_name(name) or "")
        if loc and loc[0] in p.sheet_names():
            p.set_value(loc[0], loc[1], value)
    status = parse_ref(p.defined_name("sb_result_status") or "")
    if status and status[0] in p.sheet_names():
        sheet = status[0]
        p.clear_rows(sheet, RESULT_FIRST_ROW)
        for i, (row, link) in enumerate(zip(plan.result_rows, plan.links)):
            r = RESULT_FIRST_ROW + i
            for col, value in zip("ABCD", row):
                p.set_value(sheet, f"{col}{r}", value)
            if link:
                p.set_hyperlink(sheet, f"D{r}", location=link.lstrip("#"))
    names = set(p.sheet_names())
    for m in plan.marks:
        if m.sheet in names:
            p.mark(m.sheet, m.cell, m.severity, m.comment)
    Path(out).write_bytes(p.to_bytes())
