"""Opening a workbook with openpyxl, its whole-column print areas kept.

Excel and WPS save a print area set on whole columns as ``'项目汇总表'!$A:$P`` (the blank 项目汇总表's own
A1:P1048576 comes back so once a bureau saves it): openpyxl takes no such range, drops the print area and prints an
English warning, so a refresh would replace a bureau's own print area (README: 打印设置 are kept). Here it is read
as the bounded range it means, which Excel and WPS show as whole columns again.
"""
from __future__ import annotations

import re
import warnings
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from .cell_images import CellImages, cell_images
from .dropped_drawings import CELL_PICTURE, dropped_note, dropped_on_sheet, extension_dropped
from .ext_validations import DROPPED as VALIDATIONS_DROPPED
from .ext_validations import ext_validations
from .opc import NS, parse_xml
from .package import UnreadableFile

DROPPED = "Print area cannot be set to Defined name: "
NAMES_OF_NO_SHEET = "Defined names for sheet index "
MAX_ROW, MAX_COL = 1048576, 16384
_PART = re.compile(r"(?:'((?:[^']|'')+)'|([^'!,]+))!([$A-Za-z0-9:]+)")
_COLS = re.compile(r"\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})")
_ROWS = re.compile(r"\$?(\d+):\$?(\d+)")


# openpyxl keeps every cell element of a sheet, values or none: a summary holds some ten thousand, a province's a
# few hundred thousand; a border run to the sheet's end (Ctrl+Shift+↓) makes millions, which take minutes and GBs
MAX_BOOK_CELLS = 1_000_000
TOO_MANY = ("工作表“{sheet}”有 {cells:,} 个单元格（多为带格式的空白单元格，例如边框或底色一直设置到表格最末一行），"
            "用本工具更新它会耗尽内存，已拒绝读取。请在 Excel/WPS 中选中数据下方的空行（Ctrl+Shift+↓）并删除，"
            "删除多余的列后保存，再处理")


def guard(path: Path | str) -> tuple[dict[str, list[DataValidation]], dict[str, Counter[str]], CellImages | None]:
    """What the readers refuse before a byte is parsed (a pipe, a zip or XML bomb, a password, a sheet reaching
    far beyond its data), and a sheet of more cells than openpyxl can hold: refused with a Chinese reason
    (:class:`.opc.UnreadableFile`) before openpyxl opens the workbook to update it. Returned: sheet → the
    validations of its extension list, which openpyxl drops (:mod:`.ext_validations`); sheet → the pictures and
    shapes openpyxl drops, by kind (:mod:`.dropped_drawings`); WPS's pictures in cells, put back into the package a
    save writes (:mod:`.cell_images`), their loss then no longer said."""
    from .opc import UnreadableFile
    from .package import open_package

    pkg = open_package(path)
    extended: dict[str, list[DataValidation]] = {}
    dropped: dict[str, Counter[str]] = {}
    try:
        for sheet, part in pkg.sheets.items():
            if pkg.zf is None or part not in pkg.zf.NameToInfo:
                continue
            pkg.check_extent(sheet)
            data = pkg.read(part)
            cells = data.count(b"<c ")
            if cells > MAX_BOOK_CELLS:
                raise UnreadableFile(TOO_MANY.format(sheet=sheet, cells=cells))
            if found := ext_validations(data, part):
                extended[sheet] = found
            if lost := dropped_on_sheet(pkg.zf, part, data):
                dropped[sheet] = lost
        kept = None
        if pkg.zf is not None and any(CELL_PICTURE in lost for lost in dropped.values()):
            kept = cell_images(pkg.zf)
        for lost in dropped.values() if kept else ():
            lost.pop(CELL_PICTURE, None)
    finally:
        pkg.close()
    return extended, {sheet: lost for sheet, lost in dropped.items() if lost}, kept


def load_book(path: Path | str, **options: Any) -> Workbook:
    """``load_workbook``; a print area of whole columns or rows kept, other warnings shown as before. What would
    hang, exhaust memory or expand an XML bomb is refused first (:func:`guard`). ``sb_dropped`` on the workbook:
    sheet → the pictures and shapes a save of it will not keep, by kind; ``sb_extensions``: the parts of Excel 2010
    and later openpyxl dropped, in the clerk's words (both said by :func:`dropped_said`, not warned in English);
    ``sb_cell_images``: WPS's pictures in cells, kept by the save."""
    extended, dropped, wb_images = guard(path)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        wb = load_workbook(path, **options)
    _unknown_formats_general(wb)
    wb.sb_dropped = dropped
    wb.sb_cell_images = wb_images   # put back by the save (formula_results.save_with_results)
    wb.sb_extensions = []
    for sheet, validations in extended.items():   # a clerk's dropdown listing another sheet: kept, not dropped
        if sheet in wb.sheetnames:
            for dv in validations:
                wb[sheet].add_data_validation(dv)
    for w in seen:
        text = str(w.message)
        if text.startswith(DROPPED) and _restore(wb, text[len(DROPPED):].rstrip(".")):
            continue
        if text == VALIDATIONS_DROPPED and extended:
            continue
        if (said := extension_dropped(text)) is not None:   # said in Chinese by the job that saves (dropped_said)
            wb.sb_extensions.append(said)
            continue
        if text.startswith(NAMES_OF_NO_SHEET):   # the names (a print area) of a sheet whose part the file lacks:
            continue                            # nothing there to keep, and no English for the clerk
        warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return wb


def _unknown_formats_general(wb: Workbook) -> None:
    """A style naming a number format the file does not define (numFmtId 176 with no such numFmt, as some
    exporters write): Excel and WPS show such cells as 常规; openpyxl fails on the cell's format ("list index out of
    range" — an internal error where the refresh or merge reads it). Such cells get 常规 (numFmtId 0), as shown.
    Only a workbook that has such a style pays for the pass over its cells."""
    known = BUILTIN_FORMATS_MAX_SIZE + len(wb._number_formats)
    if all(style.numFmtId < known for style in wb._cell_styles):
        return
    for style in wb._cell_styles:   # the styles the save writes back
        style.numFmtId = 0 if style.numFmtId >= known else style.numFmtId
    for ws in wb.worksheets:
        for cell in ws._cells.values():
            if cell._style.numFmtId >= known:
                cell._style.numFmtId = 0


def dropped_said(wb: Workbook, file: str, again: str) -> list[str]:
    """What a job saving ``wb`` (opened by :func:`load_book`) says of the pictures and shapes the save drops."""
    return dropped_note(getattr(wb, "sb_dropped", {}), file, again, getattr(wb, "sb_extensions", ()))


def bounded(ref: str) -> str:
    """``$A:$P`` → ``A1:P1048576``, ``$1:$3`` → ``A1:XFD3``; any other reference as it is."""
    if m := _COLS.fullmatch(ref):
        return f"{m[1].upper()}1:{m[2].upper()}{MAX_ROW}"
    if m := _ROWS.fullmatch(ref):
        return f"A{m[1]}:{get_column_letter(MAX_COL)}{m[2]}"
    return ref.replace("$", "")


def sheet_ranges(value: str) -> dict[str, list[str]]:
    """The ranges a name refers to, by sheet, as Excel and WPS give a print area's.

    >>> sheet_ranges("='项目汇总表'!$A$1:$M$20,'项目汇总表'!$P$1:$P$20")
    {'项目汇总表': ['$A$1:$M$20', '$P$1:$P$20']}
    >>> sheet_ranges("=Sheet1!$A:$P")
    {'Sheet1': ['$A:$P']}
    """
    out: dict[str, list[str]] = {}
    for quoted, plain, ref in _PART.findall(value):
        out.setdefault(quoted.replace("''", "'") if quoted else plain.strip().lstrip("=").strip(), []).append(ref)
    return out


def saved_print_areas(path: Path) -> dict[str, list[str]]:
    """Each sheet's print area as the saved workbook names it (``_xlnm.Print_Area`` scoped to the sheet); none for a
    file that is no .xlsx (an .xls, .ods) or cannot be read."""
    try:
        with zipfile.ZipFile(path) as zf:
            root = parse_xml(zf.read("xl/workbook.xml"), "xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile, UnreadableFile):
        return {}
    sheets = [s.get("name", "") for s in root.findall("m:sheets/m:sheet", NS)]
    out: dict[str, list[str]] = {}
    for dn in root.findall("m:definedNames/m:definedName", NS):
        at = dn.get("localSheetId", "")
        if dn.get("name", "").lower() == "_xlnm.print_area" and at.isdigit() and int(at) < len(sheets):
            out.update((title, refs) for title, refs in sheet_ranges(dn.text or "").items() if title == sheets[int(at)])
    return out


def _restore(wb: Workbook, value: str) -> bool:
    """Set the print area ``value`` names (one sheet's ranges) on its sheet; False when it is not that."""
    parts = sheet_ranges(value)
    if len(parts) != 1 or (title := next(iter(parts))) not in wb.sheetnames:
        return False
    try:
        wb[title].print_area = [bounded(ref) for ref in parts[title]]
    except (TypeError, ValueError):
        return False
    return True
