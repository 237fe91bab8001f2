"""The sheets a refresh or merge writes whole (统计, 问题文件) are replaced only when the tool wrote them: each is
marked by a defined name (``sb_stats_sheet`` → '统计'!$A$1) that follows the sheet when Excel or WPS renames it and
breaks when it is deleted. A sheet of that name a person made (a city's own 统计 in a hand-typed 附件4, with its
formulas and notes) is kept under another name, "统计（原）", and said; it was deleted with only the .bak keeping it."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from openpyxl.chart.data_source import MultiLevelStrRef, NumRef, StrRef
from openpyxl.chart.series import Series, attribute_mapping
from openpyxl.descriptors.serialisable import Serialisable
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.summary_table import PROBLEM_SHEET, STATS_SHEET
from .defined_names import define, defined, name_key, name_text
from .layout import SUMMARY_SHEET
from .summary_formulas import with_sheet_references
from .summary_state import STATE_SHEET

MARKS = {STATS_SHEET: "sb_stats_sheet", PROBLEM_SHEET: "sb_problem_sheet"}   # ASCII: every spreadsheet takes them
KEPT = "（原）"
SERIES_PARTS = tuple(sorted({part for parts in attribute_mapping.values() for part in parts}))


def _marked(wb: Workbook, name: str) -> str | None:
    """The sheet the mark of ``name`` points to; "" when the mark is there but its sheet is gone; None for no mark."""
    mark = defined(wb, MARKS[name])
    if mark is None:
        return None
    return next((sheet for sheet, _ in name_places(mark)), "")


def name_places(name: DefinedName) -> list[tuple[str, str]]:
    """(sheet, reference) of each range a defined name points to; none for a name pointing nowhere: #REF! (Excel's
    word for the sheet deleted) or left empty (``<definedName name="sb_summary_title"/>``, a damaged file)."""
    try:
        return list(name.destinations) if name.value else []
    except (ValueError, TypeError):
        return []


def is_own(wb: Workbook, name: str) -> bool:
    """The sheet ``name`` is the tool's: its mark points to it; or the workbook has no mark at all and is a summary
    the tool refreshed before it marked its sheets (its hidden ``_sb_state``: that refresh wrote the sheet). A
    workbook with the marks and none for ``name`` never had the tool's: a 问题文件 a province added by hand to a
    table whose merges all read every file."""
    if _holds_table(wb[name]):   # the 附件4 itself is never the tool's 统计
        return False
    marked = _marked(wb, name)
    if marked is not None:
        return marked == name
    # no mark for it: the tool never wrote it, unless the workbook is from before the marks (none at all)
    return STATE_SHEET in wb.sheetnames and not any(name_key(wb.defined_names, m) for m in MARKS.values())


def _holds_table(ws: Worksheet) -> bool:
    return any(t.displayName.lower() == "sb_summary" for t in ws.tables.values())


def free_name(wb: Workbook, name: str) -> str:
    """"统计（原）", or "统计（原2）" … when the workbook (or the open one ``mirror`` copied, ``sb_taken``) has it."""
    taken = {s.lower() for s in (*wb.sheetnames, *getattr(wb, "sb_taken", ()))}
    n, candidate = 1, name + KEPT
    while candidate.lower() in taken:
        n += 1
        candidate = f"{name}（原{n}）"
    return candidate


def keep_foreign(wb: Workbook, names: Iterable[str]) -> list[str]:
    """Each sheet of ``names`` a person made renamed out of the tool's way; the notes saying so (none when none).
    Called before the job writes anything (a refresh's first write is the hidden ``_sb_state``)."""
    notes = []
    for name in names:
        if name in wb.sheetnames and not is_own(wb, name):
            ws = wb[name]
            if _holds_table(ws):   # the 附件4 typed on a sheet named “统计”
                kept = SUMMARY_SHEET if SUMMARY_SHEET not in wb.sheetnames else free_name(wb, SUMMARY_SHEET)
            else:
                kept = free_name(wb, name)
            _rename(wb, ws, kept)
            notes.append(f"工作簿中原有的“{name}”表不是本工具生成的，已改名为“{kept}”原样保留（引用它的公式随之改指"
                         f"“{kept}”）；“{name}”表今后只写本工具生成的内容")
    return notes


def _rename(wb: Workbook, ws: Worksheet, title: str) -> None:
    """``ws`` renamed and what reads it re-pointed there, as Excel does: the workbook's and the sheets' names (each
    area of one), formulas (a cover sheet's =统计!B1: a person's figures, not the tool's counts now in 统计), the
    dropdowns' lists and bounds, the conditional formats' formulas, the charts' series, the pivot tables' sources."""
    old, repoint = ws.title, _repointer(ws.title, title)

    def bare(text: str) -> str:   # a name's, a dropdown's, a rule's or a chart's reference: a formula without its "="
        return repoint("=" + text)[1:]

    ws.title = title
    for dn in [*wb.defined_names.values(), *(n for s in wb.worksheets for n in s.defined_names.values())]:
        if dn.attr_text:
            dn.attr_text = bare(dn.attr_text)
    for other in wb.worksheets:
        # the cells the sheet holds, not iter_rows: that makes a cell at each address to max_row × max_column, four
        # million for a border painted down to row 200000 (two minutes, 2 GB)
        for cell in other._cells.values():
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.value = repoint(cell.value)
            elif isinstance(cell.value, ArrayFormula):   # {=SUM(统计!B2:B9*2)}: Ctrl+Shift+Enter
                cell.value.text = repoint(cell.value.text)
        for dv in other.data_validations.dataValidation:   # a dropdown listing =统计!$A$1:$A$5
            dv.formula1, dv.formula2 = (f and bare(f) for f in (dv.formula1, dv.formula2))
        for rule in (r for cf in other.conditional_formatting for r in cf.rules):   # a highlight =B2>统计!$B$2
            rule.formula = [bare(f) for f in rule.formula]
    for pivot in (p for s in wb.worksheets for p in s._pivots):   # a pivot table of 统计!A1:B9, at its next 刷新
        source = pivot.cache and pivot.cache.cacheSource.worksheetSource
        if source and source.sheet == old:
            source.sheet = title
    every_chart_reference(wb, bare)   # a chart of 统计!$B$2:$B$9


def every_chart_reference(wb: Workbook, repoint: Callable[[str], str]) -> None:
    """Each cell reference of every chart of ``wb`` re-pointed (``repoint``: of a reference without "=")."""
    for chart in (c for s in (*wb.worksheets, *wb.chartsheets) for c in s._charts):
        for part in (*chart._charts, chart.title,   # a pie has no axes
                     *(getattr(chart, axis, None) for axis in ("x_axis", "y_axis", "z_axis"))):
            chart_references(part, repoint)


def chart_references(part: object, repoint: Callable[[str], str]) -> None:
    """Each cell reference of a chart's ``part`` (its series' names, values, categories; a title's cell) re-pointed
    (``repoint``: of a reference without "=")."""
    if isinstance(part, (NumRef, StrRef, MultiLevelStrRef)):
        if part.f:
            part.f = repoint(part.f)
    elif isinstance(part, (list, tuple)):
        for item in part:
            chart_references(item, repoint)
    elif isinstance(part, Serialisable):   # a series lists its parts by its chart's kind (error bars hold cells too)
        for name in part.__elements__ or (SERIES_PARTS if isinstance(part, Series) else ()):
            chart_references(getattr(part, name, None), repoint)


def _repointer(old: str, title: str) -> Callable[[str], str]:
    """A formula's references to sheet ``old`` made to sheet ``title``; as Excel, only its references: not another
    workbook's 统计 ([1]统计!B1), nor text in quotes (INDIRECT("统计!B1"))."""
    sheet = re.compile(rf"(?:^|(?<=:))(?:{re.escape(old)}|{re.escape(quote_sheetname(old))})!")   # 统计!$A$1 unquoted

    def repoint(formula: str) -> str:
        if old not in formula.replace("'", ""):
            return formula
        return with_sheet_references(formula, lambda ref: sheet.sub(lambda _: quote_sheetname(title) + "!", ref))
    return repoint


def mark_own(wb: Workbook, ws: Worksheet) -> None:
    """Mark ``ws`` as written by the tool (a refresh later replaces it)."""
    define(wb, MARKS[ws.title], f"{quote_sheetname(ws.title)}!$A$1")


def copy_marks(names: dict[str, str], sheets: Iterable[str], wb: Workbook) -> None:
    """The marks of an open workbook's ``names`` (name → refers-to text) into ``wb``, its in-memory copy, and its
    ``sheets`` as taken names: the copy holds only the sheets a refresh reads, yet tells the tool's 统计 from a
    person's and names the kept one as the open workbook has none."""
    wb.sb_taken = list(sheets)
    for mark in MARKS.values():
        if text := name_text(names, mark):   # in any case, as the open workbook's Excel finds it
            define(wb, mark, text.lstrip("="))
