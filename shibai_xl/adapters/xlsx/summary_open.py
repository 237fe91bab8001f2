"""Open a city's 项目汇总表 whatever it was saved as: .xlsx/.xlsm and .xls through the package (with every check
applications get), .ods and .xlsb straight to calamine after their own checks, a 附件4 saved as CSV/“Unicode 文本”
as its one sheet (``summary_reader.py`` then reads the table)."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from ...engine.parse.text import one_line
from ...errors import why
from . import package
from .file_kinds import ole_message, sniff
from .legacy import odf_spreadsheet
from .ods_formats import sheet_extents
from .opc import MAX_FILE_BYTES, MAX_GRID_CELLS, TOO_FAR, UnreadableFile, open_zip
from .package import Package, calamine_refusal, is_calamine_error, open_calamine, open_package
from .text_table import TextBook, open_text_table, sent_as_text, text_package


def _zip_kind(path: Path) -> str:
    """'ooxml' (.xlsx/.xlsm), 'other' (.ods/.xlsb) or 'unknown', after the zip-bomb and XML checks; an .ods saved
    with a password is refused as such (:func:`.legacy.odf_spreadsheet`), not left to calamine's "无法解析"."""
    try:
        with open_zip(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names:
                return "ooxml"
            if "xl/workbook.bin" in names or odf_spreadsheet(zf, names):
                return "other"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
        pass               # open_package then says what is wrong
    return "unknown"


def _is_xlsb(path: Path) -> bool:
    if _zip_kind(path) != "other":
        return False
    with open_zip(path) as zf:
        return "xl/workbook.bin" in zf.namelist()


def _excel_ole(path: Path) -> bool:
    """An .xls (BIFF) workbook that is not encrypted; anything else gets open_package's explanation."""
    import olefile  # only here: see file_kinds.ole_message

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s) for s in ole.listdir()}
    except Exception:  # olefile raises several kinds for a damaged container
        return False
    return bool({"Workbook", "Book"} & streams) and not {"EncryptionInfo", "EncryptedPackage"} & streams


def _check_ods_extent(path: Path) -> None:
    """Refuse an .ods whose sheet reaches beyond MAX_GRID_CELLS (.xlsx/.xls/.xlsb: Package.check_extent), with the
    Ctrl+End advice; a content.xml that cannot be walked is left for calamine to say what is wrong."""
    if not package._EXTENT_CHECKED:     # a reading process whose address space is capped instead
        return
    try:
        for sheet, rows, cols in sheet_extents(path):
            if rows * cols > MAX_GRID_CELLS:
                raise UnreadableFile(TOO_FAR.format(sheet=one_line(sheet), rows=rows, cols=cols))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError):
        return


def open_any(path: Path) -> tuple[Any, Package | None]:
    """(calamine workbook, package for .xlsx/.xlsm or None); raises UnreadableFile with a Chinese reason."""
    pkg = None
    if sent_as_text(path):   # a 附件4 saved as CSV/“Unicode 文本”: its one sheet
        return TextBook(open_text_table(path)), text_package(path)
    kind = sniff(path) if path.is_file() and 0 < path.stat().st_size <= MAX_FILE_BYTES else ""
    if kind == "ole" and _excel_ole(path):
        pkg = open_package(path)   # .xls: its names are not needed, its sheets' extents are (Package.check_extent)
    elif kind == "zip" and _zip_kind(path) == "other":
        if not _is_xlsb(path):
            _check_ods_extent(path)   # before calamine, which builds every sheet's grid as it opens an .ods
    else:
        if kind == "ole":
            raise UnreadableFile(ole_message(path))
        pkg = open_package(path)   # .xlsx/.xlsm with every check; refuses the rest with what to do
    try:
        # by content when the name says another format (an .xlsb or .xls renamed .xlsx): calamine goes by the name
        return open_calamine(path, pkg.fmt if pkg else "xlsb" if _is_xlsb(path) else "ods", pkg), pkg
    except BaseException as e:  # calamine's own error classes (damaged, password-protected .xls …), a Rust panic
        if pkg:
            pkg.close()
        if not is_calamine_error(e):
            raise
        raise UnreadableFile(calamine_refusal(e, pkg) or f"工作簿内容无法读取（{why(e)}），文件可能已损坏或设置了密码。"
                             "请用 Excel/WPS 打开后另存为 .xlsx 再试") from None


def source_of(path: Path, pkg: Package | None) -> Package:
    """What tells the file's merged cells, hidden rows, error values and sheets' reach, whatever its format: the
    package open for an .xlsx/.xlsm/.xls; for an .ods or .xlsb (none open) one reading them from the file."""
    return pkg or Package(path=path, sheets={}, fmt="xlsb" if _is_xlsb(path) else "ods")
