"""Apply a :class:`~shibai_xl.engine.plan.WritePlan` to a closed workbook file.

Works on the OOXML package through :class:`XlsxPatch`, so every part the plan does
not touch (other sheets, images, charts, validation, print settings, macros)
survives byte for byte. Marks from the previous run are cleared first. The cells are
those of :func:`~.result_place.place` (by defined name, else the tool's sheets by their
names and labels, added when missing).
"""
from __future__ import annotations

from pathlib import Path

from ...engine.parse.text import within_a_cell
from ...engine.plan import RESULT_COLUMNS, WritePlan
from .package import sheet_formulas
from .patch import XlsxPatch
from .reader import open_workbook
from .refs import col_letters, split_ref
from .result_place import ADDED_COLUMNS, Placement, place
from .text_fit import row_height, tallest, text_lines


def apply_plan(source: Path, plan: WritePlan, out: Path) -> Placement:
    """Write ``source`` with the plan applied to ``out``: the temp file of the job's
    :func:`~shibai_xl.adapters.files.write_atomic`, which checks and renames it. Returns where it wrote."""
    wb = open_workbook(source)
    try:
        where = place(wb, plan, lambda sheet: sheet_formulas(wb.pkg, sheet))
    finally:
        wb.close()
    p = XlsxPatch(str(source))
    p.clear_marks()
    for sheet, rows in where.new_sheets.items():
        p.add_sheet(sheet, ADDED_COLUMNS.get(sheet, ()))
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    p.set_value(sheet, f"{col_letters(c)}{r}", _held(value))
                    _fit_row(p, sheet, f"{col_letters(c)}{r}", value)   # an added 评分 sheet's 三级指标
    for name, value in plan.values:
        loc = where.cells.get(name)
        if loc:
            p.set_value(loc[0], loc[1], _held(value))
            _fit_row(p, loc[0], loc[1], value)      # a long 建议理由 in the 评分 sheet
    if where.result_sheet:
        _write_results(p, plan, where)
    names = set(p.sheet_names())
    for m in plan.marks:
        if m.sheet in names:
            p.mark(m.sheet, m.cell, m.severity, m.comment)
    Path(out).write_bytes(p.to_bytes())
    return where


def _held(value):
    """A value as a cell holds it: a text longer than a cell is cut with a word that it was (:func:`within_a_cell`):
    one refused would leave the whole check unwritten."""
    return within_a_cell(value) if isinstance(value, str) else value


def _write_results(p: XlsxPatch, plan: WritePlan, where: Placement) -> None:
    """The finding rows under their header, with what a person typed beside and under the last ones (moved with
    their formats and links), and the hyperlinks of 位置."""
    sheet = where.result_sheet
    p.reset_row_heights(sheet, where.first_row)   # the last check's tall rows: before clear_rows drops them
    ours = set(where.result_at)
    persons = where.persons()    # a person's links (a 通知函's web address in their own column) go where their cell goes
    styles = {(i, c): p.cell_style(sheet, f"{col_letters(c)}{r}") for (r, c), i in persons.items()
              if where.first_row + i != r}   # a date typed under the results shows as a date where it moves to
    links = p.take_hyperlinks(sheet, set(persons))
    p.clear_rows(sheet, where.first_row)
    for i, row in enumerate(where.result_rows):   # the findings, then what a person typed between and under them
        r = where.first_row + i
        for c, value in enumerate(row, 1):
            if (c <= RESULT_COLUMNS and i in ours) or value not in (None, ""):
                p.set_value(sheet, f"{col_letters(c)}{r}", _held(value))
            if (i, c) in styles:
                p.set_cell_style(sheet, f"{col_letters(c)}{r}", styles[i, c])
    for i, row, link in zip(where.result_at, plan.result_rows, plan.links):
        r = where.first_row + i
        if link:
            p.set_hyperlink(sheet, f"D{r}", location=link.lstrip("#"))
        _fit_row(p, sheet, f"C{r}", row[2])      # 说明: a long message wraps (the template's format)
    for (r, c), link in links.items():
        p.put_hyperlink(sheet, f"{col_letters(c)}{where.first_row + persons[r, c]}", link)


def _fit_row(p: XlsxPatch, sheet: str, ref: str, value: object) -> None:
    """Make the row of a wrapping cell tall enough for the text written into it (never lower than it is):
    LibreOffice and WPS show a row at its stored height, and the wrapped lines would run over the next rows."""
    width = p.wrap_width(sheet, ref) if isinstance(value, str) else None
    if not width:
        return
    needed = row_height(text_lines(value, width))
    r = split_ref(ref)[0]
    if needed > (p.row_height(sheet, r) or row_height(1)):
        p.set_row_height(sheet, r, tallest(needed))
