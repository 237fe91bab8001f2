"""Open a workbook file safely and read its structure (sheets, defined names, tables).

Nothing here executes or trusts the file: the format is sniffed from its bytes, the
zip is opened and its XML parsed by the package layer (:mod:`.opc`: sizes checked
from the zip directory before anything is inflated, no DTD, no entity expansion),
encrypted files are recognised. Every refusal is an :class:`UnreadableFile` with a
Chinese message saying what to do.
"""
from __future__ import annotations

import html
import io
import os
import re
import sys
import threading
import zipfile
import zlib
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import python_calamine

from ...engine.parse.text import one_line
from ...errors import why
from ..file_names import utf8_name
from .deferred_book import DeferredBook, reaches_far
from .defined_names import name_text
from .file_kinds import NATURAL_SUFFIXES, TABLE_SUFFIXES, other_kind, sniff, text_said
from .legacy import MAX_COLUMNS, MAX_ROWS, odf_spreadsheet, ods_structure
from .numfmt import shows as format_shows
from .ods_formats import OdsFormats
from .opc import (
    FAR_ADVICE,
    MAX_FILE_BYTES,
    MAX_GRID_CELLS,
    NS,
    R_ID,
    STRICT_MAIN,
    TOO_FAR,
    UnreadableFile,
    check_extent,
    declares_dtd,
    external_targets,
    macro_sheet_ids,
    open_zip,
    parse_xml,
    relationships,
    relationships_in,
    rels_name,
)
from .refs import col_index, split_ref
from .xls_formats import UNKNOWN_ERROR, XlsFormats
from .xls_open import open_ole
from .xlsb_cells import XlsbCells

__all__ = ["NS", "MAX_FILE_BYTES", "Package", "Table", "UnreadableFile", "cell_styles", "is_calamine_error",
           "quiet_panics", "open_package", "parse_ref"]


@dataclass
class Table:
    name: str
    sheet: str
    ref: str
    columns: list[str]
    totals_row: bool = False     # the table's last row is Excel's own 汇总行 (表设计 → 汇总行), not a data row


@dataclass
class Package:
    path: Path
    sheets: dict[str, str]                       # sheet name → part path inside the zip
    names: dict[str, str] = field(default_factory=dict)   # defined name → refers-to text
    tables: dict[str, Table] = field(default_factory=dict)
    has_macros: bool = False
    vba_part: str | None = None
    links: list[str] = field(default_factory=list)   # external links and data connections, as said to people
    zf: zipfile.ZipFile | None = None
    _styles: Shows | None = None
    fmt: str = "xlsx"                            # "xlsx", or "xls"/"ods"/"xlsb": calamine reads them, no styles known
    _parts: dict[str, bytes] = field(default_factory=dict, repr=False)
    extents: dict[str, tuple[int, int]] = field(default_factory=dict)   # .xls: sheet → (last row, last column)
    biff: bytes | None = field(default=None, repr=False)   # .xls: the Workbook stream (cell formats, when asked)
    _formats: XlsFormats | OdsFormats | XlsbCells | None = field(default=None, repr=False)   # .xls/.ods/.xlsb
    recalc_on_load: bool = False   # workbook.xml asks for every formula to be computed on opening (fullCalcOnLoad)
    macro_sheets: list[str] = field(default_factory=list)   # Excel 4.0 macro sheets (宏表): FILE_MACRO
    clear: bytes | None = field(default=None, repr=False)   # an .xls decrypted with Excel's default password: read

    def close(self) -> None:
        self.biff = self._formats = self.clear = None
        self._parts.clear()
        if self.zf:
            self.zf.close()
            self.zf = None

    def read(self, part: str) -> bytes:
        """A part's bytes; a sheet's and the styles' are kept while the package is open (the extent check, the
        formats and calamine's caller all look at the same few sheets; the formats shown and the struck cells both
        read the styles)."""
        assert self.zf is not None
        data = self._parts.get(part)
        if data is None:
            data = self.zf.read(part)
            if part.startswith("xl/worksheets/") or part == "xl/styles.xml":
                self._parts[part] = data
        return data

    def check_extent(self, sheet: str) -> None:
        """Refuse a sheet too far-reaching for calamine's grid (:func:`.opc.check_extent`); .xlsx/.xlsm/.xlsb —
        except in a reading process whose address space is capped instead (``isolation.py``)."""
        part = self.sheets.get(sheet)
        if _EXTENT_CHECKED and self.zf is not None and part and part in self.zf.NameToInfo:
            check_extent(self.read(part), sheet)
        if _EXTENT_CHECKED and self.fmt == "xlsb":
            xlsb = _legacy(self)
            if xlsb is not None:
                xlsb.check_extent(sheet)
        rows, cols = self.extents.get(sheet, (0, 0))   # .xls: calamine does not abort, but 1 GB for IV65536
        if rows * cols > MAX_GRID_CELLS:
            raise UnreadableFile(TOO_FAR.format(sheet=one_line(sheet), rows=rows, cols=cols))

    def named_cell(self, name: str) -> tuple[str, str] | None:
        """(sheet, cell) a defined name (in any case: :func:`.defined_names.name_text`) points at, if it is one cell."""
        return parse_ref(name_text(self.names, name))

    def constant(self, name: str) -> str | None:
        text = name_text(self.names, name)
        m = re.fullmatch(r'"(.*)"', text.strip())
        return m.group(1) if m else None


_REF = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


@lru_cache(maxsize=4096)
def parse_ref(text: str) -> tuple[str, str] | None:
    """'申报表'!$C$5 → ("申报表", "C5"); the top-left cell of a range; None when not a reference.
    Cached: every application of a template has the same defined names."""
    m = _REF.match((text or "").strip())
    if not m or not 1 <= int(m.group(4)) <= MAX_ROWS or col_index(m.group(3)) > MAX_COLUMNS:
        return None   # past XFD1048576 (or row 0): no cell of any sheet, only a damaged or forged file says so
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    return sheet, f"{m.group(3)}{m.group(4)}"


_EXTENT_CHECKED = True


def skip_extent_check() -> None:
    """For a forked reading process with a capped address space (:func:`.isolation.isolate_reader`) only."""
    global _EXTENT_CHECKED
    _EXTENT_CHECKED = False


NOT_A_FILE = "{name} 不是普通文件（是管道、设备或其他特殊文件），不是工作簿，已拒绝读取"


def refusal_of(path: Path) -> str | None:
    """What the reader says of a file another library could not open (a CSV saved as .xlsx, an empty file, a PDF),
    in Chinese; None when the reader opens it (that library's own reason stands)."""
    try:
        open_package(path).close()
    except UnreadableFile as said:
        return str(said)
    except Exception:  # noqa: S110 — any other failure: the caller's library said why
        pass
    return None


def open_package(path: str | Path) -> Package:
    """Open and check a workbook package; raises :class:`UnreadableFile` with a Chinese reason."""
    path = Path(path)
    if not path.exists():
        if path.is_symlink():   # a link (unpacked from a zip, say) to nothing, or to itself round a loop
            raise UnreadableFile(f"{path.name} 是一个链接（快捷方式），它指向的文件不存在或链接循环，无法打开："
                                 "请提供申报表文件本身")
        raise UnreadableFile(f"找不到文件：{path}")
    if path.is_dir():
        raise UnreadableFile(f"{path} 是文件夹，不是工作簿文件")
    if not path.is_file():   # opening a named pipe waits for a writer forever; /dev/zero never ends
        raise UnreadableFile(NOT_A_FILE.format(name=path.name))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"文件过大（{size // 1024 // 1024} MB），超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限，"
                             "请检查是否为正确的申报表")
    kind = sniff(path)
    if kind == "empty":
        raise UnreadableFile("文件是空的（0 字节），可能复制或下载时出错，请重新获取")
    if kind == "ole":
        return open_ole(path)
    other = other_kind(path) if kind in ("text", "binary") else None
    if other:
        raise UnreadableFile(other)
    if kind == "text":
        raise UnreadableFile(text_said(path))
    if kind != "zip":
        raise UnreadableFile("不是 Excel 工作簿（文件内容无法识别），请确认文件没有损坏")
    zf = open_zip(path)
    try:
        return _read_structure(path, zf, set(zf.namelist()))
    except UnreadableFile:
        zf.close()
        raise
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, SyntaxError, zlib.error) as e:
        zf.close()
        raise UnreadableFile(f"文件已损坏或不完整，无法读取工作簿结构（{why(e)}）") from None


STRICT = ("这是“Strict Open XML 电子表格”格式的工作簿，本工具读不了这种格式。请用 Excel 打开它，“另存为”时保存类型选"
          "“Excel 工作簿(*.xlsx)”，再处理新保存的文件。")
OTHER_FORMATS = {"xls": "Excel 97-2003 工作簿（.xls）", "ods": "OpenDocument 表格（.ods）", "xlsb": "Excel 二进制工作簿（.xlsb）"}


def open_calamine(path: Path, fmt: str, pkg: Package | None = None):
    """calamine's book of a file: by its path when its extension is its format's (calamine picks its reader by
    extension, and says what is wrong in that reader's words), else by its content (.et, an .xlsx called .xls,
    a name not in UTF-8); for an .xls reaching too far, opened only if a sheet is read (:mod:`.deferred_book`)."""
    clear = pkg.clear if pkg is not None else None
    if pkg is not None and pkg.fmt == "xls" and reaches_far(pkg.extents):
        return DeferredBook(lambda: _calamine_book(path, fmt, clear), list(pkg.sheets))
    return _calamine_book(path, fmt, clear)


def _calamine_book(path: Path, fmt: str, clear: bytes | None = None):
    """calamine's book of the file, or of ``clear``: its bytes decrypted with Excel's default password (xls_open.py)."""
    with quiet_panics():
        if clear is not None:
            return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(clear))
        if path.suffix.lower() in NATURAL_SUFFIXES[fmt] and utf8_name(path):
            return python_calamine.CalamineWorkbook.from_path(str(path))
        with open(path, "rb") as fh:
            return python_calamine.CalamineWorkbook.from_filelike(fh)


_QUIET = threading.Lock()
_quiet_depth = 0
_saved_stderr: int | None = None


@contextmanager
def quiet_panics() -> Iterator[None]:
    """While calamine reads: on some damaged files it panics, and Rust prints "thread '<unnamed>' panicked at …
    RUST_BACKTRACE …" (English, for a developer) straight to the process's stderr before the panic reaches Python
    as an exception, which the caller turns into a Chinese refusal. Meanwhile fd 2 goes to the null device;
    nothing changes where it cannot be redirected (no console: Excel's Python under pythonw). Nested and
    concurrent readers (the local service's threads) share one redirection: the last to finish puts stderr back,
    so one thread can never restore another's null device for good."""
    global _quiet_depth, _saved_stderr
    with _QUIET:
        if _quiet_depth == 0:
            _saved_stderr = _to_null(2)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _QUIET:
            _quiet_depth -= 1
            if _quiet_depth == 0 and _saved_stderr is not None:
                os.dup2(_saved_stderr, 2)
                os.close(_saved_stderr)
                _saved_stderr = None

def stay_quiet() -> None:
    """For a process whose stderr already goes nowhere (a reading helper, ``isolation.py``): one redirection held
    for its life, so that :func:`quiet_panics` no longer costs seven system calls for each sheet read."""
    global _quiet_depth
    with _QUIET:
        _quiet_depth += 1


def _to_null(fd: int) -> int | None:
    """Point ``fd`` at the null device; a duplicate of what it was (None when that cannot be done)."""
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
        saved = os.dup(fd)
    except (OSError, ValueError):
        return None
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)
    except OSError:
        os.close(saved)
        return None
    return saved


def _sheet_names(path: Path, fmt: str, clear: bytes | None = None) -> list[str]:
    try:
        book = _calamine_book(path, fmt, clear)
        names = list(book.sheet_names)
        book.close()
        return names
    except BaseException as e:  # calamine's own error classes, and a Rust panic on damaged files
        if not is_calamine_error(e):
            raise
        raise UnreadableFile(_damaged(path, fmt, e)) from None


def is_calamine_error(e: BaseException) -> bool:
    """calamine raises its own errors, and on some damaged files a Rust panic (a BaseException): both mean
    "cannot read this file"; KeyboardInterrupt and SystemExit are not swallowed."""
    return isinstance(e, Exception) or type(e).__name__ == "PanicException"


TOO_MANY_CELLS = "工作簿中有工作表的内容延伸得太远（一张表超过一亿个单元格），为保护电脑已拒绝读取。" + FAR_ADVICE


def calamine_refusal(e: BaseException, pkg: Package | None = None) -> str | None:
    """calamine's own refusal of a sheet too large for it (an .ods value in the last column of the last row), or of
    an .xlsm carrying an Excel 4.0 macro sheet (it knows no such sheet, and so no sheet of the workbook), said as
    what it is rather than as a damaged file."""
    if pkg is not None and pkg.macro_sheets and pkg.fmt != "xls":
        return (f"工作簿含有 Excel 4.0 宏表（{macro_sheets_named(pkg)}），本工具读不了含宏表的工作簿。宏表里的宏可能在打开"
                "文件时自动运行：请勿在 Excel/WPS 中启用宏；请删去宏表（或把其余工作表复制到新工作簿）后另存为 .xlsx 再处理")
    return TOO_MANY_CELLS if "cell limit exceeded" in str(e).lower() else None


def macro_sheets_named(pkg: Package) -> str:
    """“工作表“宏1”，可能是隐藏的”: the package's Excel 4.0 macro sheets, as said to people."""
    return f"工作表{'、'.join(f'“{one_line(n)}”' for n in pkg.macro_sheets if n) or '（名称无法读取）'}，可能是隐藏的"


def _damaged(path: Path, fmt: str, e: BaseException | None = None, reason: str = "") -> str:
    if e is not None and calamine_refusal(e):
        return TOO_MANY_CELLS
    what = "WPS 表格旧格式（.et）" if path.suffix.lower() in (".et", ".ett") else OTHER_FORMATS[fmt]
    because = f"（{why(e)}）" if e is not None else f"（{reason}）" if reason else ""
    return (f"这个{what}无法读取{because}，文件可能已损坏或设置了密码。"
            "请用 Excel/WPS 打开后“另存为 Excel 工作簿（*.xlsx）”，再处理")


def _other_package(path: Path, zf: zipfile.ZipFile, fmt: str) -> Package:
    """.ods / .xlsb in a zip: sheets from calamine, names and tables from content.xml (.ods only)."""
    names, tables = ods_structure(zf) if fmt == "ods" else ({}, [])
    zf.close()
    pkg = Package(path=path, sheets={name: "" for name in _sheet_names(path, fmt)}, names=names, fmt=fmt)
    for name, sheet, ref in tables:
        pkg.tables[name.lower()] = Table(name, sheet, ref, [])
    return pkg


def _archive_said(members: set[str]) -> str:
    """A zip that is no workbook: the applications a county zipped (to unzip first), or the wrong file."""
    inside = sum(1 for m in members if os.path.splitext(m)[1].lower() in TABLE_SUFFIXES)
    if inside:
        return (f"这是压缩包，不是 Excel 工作簿，其中有 {inside} 个工作簿：本工具不读取压缩包里的文件，请先解压，"
                "再对解压出的工作簿（或解压出的文件夹）重新运行")
    return "这是压缩包，不是 Excel 工作簿，其中也没有工作簿：请确认文件是否选错"


def _read_structure(path: Path, zf: zipfile.ZipFile, members: set[str]) -> Package:
    wb_part = "xl/workbook.xml"
    if wb_part not in members:
        root_rels = relationships(zf, "", members) if "_rels/.rels" in members else {}
        wb_part = next((p for p in root_rels.values() if p.endswith("workbook.xml")), "")
        if wb_part not in members:
            if "word/document.xml" in members:
                raise UnreadableFile("这是 Word 文档（.docx），不是 Excel 工作簿")
            if "xl/workbook.bin" in members:
                return _other_package(path, zf, "xlsb")
            if odf_spreadsheet(zf, members):
                return _other_package(path, zf, "ods")
            raise UnreadableFile(_archive_said(members))
    wb_data = zf.read(wb_part)
    sheets, names, macro_sheets = _workbook_part(wb_data, wb_part, _part_or_empty(zf, rels_name(wb_part), members))
    pkg = Package(path=path, sheets=dict(sheets), names=dict(names), zf=zf, macro_sheets=list(macro_sheets),
                  recalc_on_load=_FULL_CALC.search(wb_data) is not None)
    vba = [m for m in members if m.lower().endswith("vbaproject.bin")]
    pkg.has_macros, pkg.vba_part = bool(vba), (vba[0] if vba else None)
    pkg.links = _links(zf, members)
    for sheet_name, part in sheets.items():
        if part not in members:
            continue
        for target in relationships(zf, part, members).values():
            if "/tables/" in target and target in members:
                name, ref, cols, totals = _table_part(zf.read(target), target)
                pkg.tables[name.lower()] = Table(name, sheet_name, ref, list(cols), totals)
    return pkg


_FULL_CALC = re.compile(rb'<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')
_EXTERNAL_LINK = re.compile(r"xl/externalLinks/externalLink\d+\.xml")


def _links(zf: zipfile.ZipFile, members: set[str]) -> list[str]:
    """What Excel would open or fetch from elsewhere when the workbook is opened: the workbooks its formulas or
    names link to (another company's file, a share \\\\server\\…, a web address) and its data connections."""
    parts = [m for m in sorted(members) if _EXTERNAL_LINK.fullmatch(m)]
    books = [t for m in parts for t in external_targets(zf, m, members)]
    said = [f"链接到其他工作簿“{t[:80]}”" for t in dict.fromkeys(books)]
    said += [f"DDE 链接（打开时会请求启动程序“{one_line(service)[:40]}”，参数“{one_line(topic)[:80]}”）"
             for service, topic in dict.fromkeys(dde for m in parts for dde in _dde_links(zf.read(m), m))]
    if "xl/connections.xml" in members:
        said.append("数据连接（打开或刷新时从外部取数）")
    return said


def _dde_links(data: bytes, part: str) -> list[tuple[str, str]]:
    """(program, what it is given) of each DDE link of an external link part (``=cmd|' /C calc'!A0`` typed in a
    cell): no relationship names it, the part's attributes do."""
    return [((dde.get("ddeService") or "").strip(), (dde.get("ddeTopic") or "").strip())
            for dde in parse_xml(data, part).findall("m:ddeLink", NS)]


def _part_or_empty(zf: zipfile.ZipFile, part: str, members: set[str]) -> bytes:
    return zf.read(part) if part in members else b""


# The structure parts of every application made from one template are the same bytes: each is parsed
# once per process, keyed by its bytes (not by anything the zip directory claims).

@lru_cache(maxsize=16)
def _workbook_part(data: bytes, part: str, rels_data: bytes
                   ) -> tuple[dict[str, str], dict[str, str], tuple[str, ...]]:
    """(sheet name → its part, in workbook order; workbook-level defined name → refers-to text; the Excel 4.0 macro
    sheets among the sheets)."""
    root = parse_xml(data, part)
    if root.tag.startswith(f"{{{STRICT_MAIN}}}"):
        raise UnreadableFile(STRICT)   # its parts would read as empty: "not an application" would mislead
    rels = relationships_in(rels_data, part) if rels_data else {}
    sheets = {s.get("name", ""): rels.get(s.get(R_ID, ""), "") for s in root.findall("m:sheets/m:sheet", NS)}
    names = {dn.get("name", ""): (dn.text or "").strip() for dn in root.findall("m:definedNames/m:definedName", NS)
             if dn.get("localSheetId") is None}
    macro = macro_sheet_ids(rels_data, part) if b"acrosheet" in rels_data else set()
    return sheets, names, tuple(s.get("name", "") for s in root.findall("m:sheets/m:sheet", NS) if s.get(R_ID) in macro)


@lru_cache(maxsize=16)
def _table_part(data: bytes, part: str) -> tuple[str, str, tuple[str, ...], bool]:
    """(name, range, column names, whether its last row is a totals row) of a table part."""
    t = parse_xml(data, part)
    cols = tuple(c.get("name", "") for c in t.findall("m:tableColumns/m:tableColumn", NS))
    totals = (t.get("totalsRowCount") or "0").strip() not in ("", "0")
    return t.get("displayName") or t.get("name", ""), t.get("ref", ""), cols, totals


_C_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR = re.compile(rb'\b(r|s|t|vm)="([^"]*)"')
_V_TEXT = re.compile(rb"<(?:\w+:)?v\b[^>]*>([^<]*)<")
_F_TAG = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_F_SHARED = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_F_ATTR = re.compile(rb'\b(t|si)="([^"]*)"')
_V_TAG = re.compile(rb"<(?:\w+:)?v\b[^>]*>[^<]+<|<(?:\w+:)?is\b")


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}[0-9]{1,7}:[A-Za-z]{1,3}[0-9]{1,7})"')


def merged_ranges(pkg: Package, sheet: str) -> list[str]:
    """The merged ranges of one sheet ("G11:G12"); none for a package without parts (a workbook open in Excel)."""
    part = pkg.sheets.get(sheet)
    if not part or pkg.zf is None:
        return []
    data = pkg.read(part)
    _guard(data)
    # the list stands after the sheet's cells, its "</mergeCells>" last: searched backwards (a 300-company list's
    # 200 KB are not walked), from the "<mergeCells" before it; else from the first "mergeCell" (a file unlike that)
    last = data.rfind(b"mergeCell")
    if last < 0:
        return []
    opening = data.rfind(b"mergeCells", 0, last)
    first = opening if opening >= 0 else data.find(b"mergeCell")
    return [m.group(1).decode().upper() for m in _MERGE.finditer(data, data.rfind(b"<", 0, first))]


def error_cells(pkg: Package, sheet: str) -> dict[str, str]:
    """Cells of one sheet holding an Excel error value (#N/A, #VALUE! …): ref → the error; calamine reads them as
    blank. A plain search first: a sheet without ``t="e"`` (nearly every one) is not scanned; nor is an .xls/.ods
    that holds no error value (:mod:`.xls_formats`, :mod:`.ods_formats`); an .xlsb's records (:mod:`.xlsb_cells`)."""
    if pkg.fmt in ("xls", "ods", "xlsb"):
        return _legacy_errors(pkg, sheet)
    part = pkg.sheets.get(sheet)
    if not part or pkg.zf is None:
        return {}
    data = pkg.read(part)
    if b't="e"' not in data:
        return {}
    _guard(data)
    out = {}
    for m in _C_TAG.finditer(data):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get(b"t") == b"e" and attrs.get(b"r"):
            out[attrs[b"r"].decode()] = _error_shown(attrs, m.group(3) or b"")
    return out


PLACED_PICTURE = "#VALUE!（单元格内嵌图片）"


def _error_shown(attrs: dict[bytes, bytes], body: bytes) -> str:
    """The error value a t="e" cell shows; a picture Excel placed in the cell (插入 → 图片 → 放置在单元格中) is
    #VALUE! with its rich value's metadata (vm="…"): said as the picture it is."""
    if b"vm" in attrs:
        return PLACED_PICTURE
    v = _V_TEXT.search(body)
    return v.group(1).decode("utf-8", "replace") if v else UNKNOWN_ERROR


def _guard(data: bytes) -> None:
    if declares_dtd(data):
        raise UnreadableFile("文件含有不安全的 XML 内容（实体定义），已拒绝读取")


def sheet_formulas(pkg: Package, sheet: str) -> dict[tuple[int, int], str]:
    """(row, column) → "=formula" of each cell of an .xlsx sheet holding a formula, by the scan of
    :func:`cell_styles`; {} for another format. A formula filled down in Excel is stored once (``<f t="shared"
    si="0" ref="G5:G9">LEN(C5)</f>``, the cells under it ``<f t="shared" si="0"/>``): each of those cells gets it
    moved to itself (=LEN(C6)), as Excel shows it."""
    part = pkg.sheets.get(sheet)
    if pkg.fmt != "xlsx" or not part or pkg.zf is None:
        return {}
    data = pkg.read(part)
    _guard(data)
    out: dict[tuple[int, int], str] = {}
    shared: dict[bytes, Any] = {}      # si → the formula as typed in its first cell
    for m in _C_TAG.finditer(data):
        f = _F_SHARED.search(m.group(3) or b"")
        ref = dict(_ATTR.findall(m.group(1))).get(b"r")
        if f is None or not ref:
            continue
        text = "=" + html.unescape(f.group(2).decode("utf-8", "replace")) if f.group(2) else None
        attrs = dict(_F_ATTR.findall(f.group(1)))
        si = attrs.get(b"si") if attrs.get(b"t") == b"shared" else None
        if text and si is not None:
            from openpyxl.formula.translate import Translator  # here: only a sheet with a filled-down formula

            shared[si] = Translator(text, ref.decode())
        elif not text and si in shared:
            text = shared[si].translate_formula(ref.decode())
        if text:
            out[split_ref(ref.decode())] = text
    return out


def cell_styles(pkg: Package, sheet: str, cells: set[str], formats: Collection[str] | None = None
                ) -> dict[str, tuple[bool, str | None, bool, str | None, str | None, str | None]]:
    """For the given cells of one sheet: (percent format?, formula text or None, has cached value?, error value,
    "month"/"year" for a date format without the day, the format code where it shows an amount unit).

    A regular-expression scan of the sheet XML (refused if it declares a DTD): the same answer as a full
    parse for the few cells asked about, at a fraction of the cost. With ``formats``, only those cells'
    number formats are asked about; then a sheet without any formula or error value (an application as
    people fill it) answers for those cells alone, and every other cell is plain.
    """
    part = pkg.sheets.get(sheet)
    if not part or not cells or pkg.zf is None:
        return {}
    data = pkg.read(part)
    _guard(data)
    if formats is not None and not _formula_or_error(data):
        return _formats_only(pkg, data, cells & set(formats))
    shows = _styles_shown(pkg)
    wanted = {c.encode() for c in cells}
    out = {}
    for m in _C_TAG.finditer(data):
        attrs = dict(_ATTR.findall(m.group(1)))
        ref = attrs.get(b"r")
        if ref not in wanted:
            continue
        body = m.group(3) or b""
        f = _F_TAG.search(body)
        formula = None
        if f is not None:
            formula = html.unescape((f.group(1) or b"").decode("utf-8", "replace"))
        error = None
        if attrs.get(b"t") == b"e":
            error = _error_shown(attrs, body)
        pct, date, unit = shows.of(attrs)
        # a formula whose result is the empty text (=IF(B5="","",B5)) is saved by Excel and WPS as <v></v> in a
        # t="str" cell: a saved result, blank; a program that does not calculate writes no t="str"
        saved = bool(_V_TAG.search(body)) or (attrs.get(b"t") == b"str" and _V_TEXT.search(body) is not None)
        out[ref.decode()] = (pct, formula, saved, error, date, unit)
    return out


def legacy_formats(pkg: Package, sheet: str, cells: Collection[str]) -> dict[str, tuple[bool, str | None, str | None]]:
    """.xls/.ods: (percent?, "month"/"year" for a date without its day, a format code showing an amount unit) of
    those of these cells the file lists;
    nothing when the file's formats cannot be read (a damaged or unusual file: its formats stay unknown)."""
    try:
        legacy = _legacy(pkg)
        return legacy.cells(sheet, cells) if legacy is not None else {}
    except Exception:  # whatever a damaged .xls/.ods makes the parsers raise: the formats are unknown, as before
        return {}


def may_show_units(src: Any) -> bool:
    """Whether a workbook source may hold a cell whose number format shows an amount unit (0"元"): an .xlsx file's
    styles say it at once (nearly every one: none); an .xls, .ods or an open workbook is asked cell by cell. ``src``:
    a workbook source or its :class:`Package`."""
    return _may_show(src, "units")


def may_show_percent(src: Any) -> bool:
    """Whether a workbook source may hold a cell shown as a percentage, as :func:`may_show_units` tells a unit: an
    expert's 评分表 nobody typed “10%” into has no such format, and its 1.9 MB sheet need not be scanned for one."""
    return _may_show(src, "percent")


def _may_show(src: Any, what: str) -> bool:
    pkg = src if isinstance(src, Package) else getattr(src, "pkg", None)
    if not isinstance(pkg, Package) or pkg.fmt != "xlsx" or pkg.zf is None:
        return getattr(pkg, "fmt", "") != "xlsb"
    return bool(getattr(_styles_shown(pkg), what))


def _legacy_errors(pkg: Package, sheet: str) -> dict[str, str]:
    """.xls/.ods/.xlsb: the cells of a sheet holding an error value, as far as the file can be read (read in the same pass
    as the formats of that sheet when those were asked first)."""
    try:
        legacy = _legacy(pkg)
        return legacy.errors(sheet) if legacy is not None else {}
    except Exception:  # whatever a damaged .xls/.ods makes the parsers raise: no error value known, as before
        return {}


def _legacy(pkg: Package) -> XlsFormats | OdsFormats | XlsbCells | None:
    if pkg._formats is None:
        if pkg.fmt == "xls" and pkg.biff is not None:
            pkg._formats = XlsFormats(pkg.biff)
        elif pkg.fmt == "ods":
            pkg._formats = OdsFormats(pkg.path)
        elif pkg.fmt == "xlsb":
            pkg._formats = XlsbCells(pkg.path)
    return pkg._formats


_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def _formula_or_error(data: bytes) -> bool:
    """Whether a sheet may hold a formula (an ``<f>`` element, with or without a namespace prefix) or an error
    value (``t="e"``): what the full scan looks for, found with plain byte searches (a regular expression
    costs more than the rest of the reading). "May": ``<formula1>`` and such are told apart, a stray match
    only costs the full scan. Cells stand in ``sheetData`` alone: the data validations' ``<formula1>`` after it
    are not looked through."""
    start, end = data.find(b"sheetData"), data.rfind(b"sheetData")
    if start < 0 or end == start:
        start, end = 0, len(data)
    if data.find(b't="e"', start, end) >= 0:
        return True
    for marker in (b"<f", b":f"):
        i = data.find(marker, start, end)
        while i >= 0:
            after = data[i + 2:i + 3]
            if not after or after[0] not in _WORD:
                return True
            i = data.find(marker, i + 2, end)
    return False


def _formats_only(pkg: Package, data: bytes, cells: set[str]
                  ) -> dict[str, tuple[bool, None, bool, None, str | None, str | None]]:
    """What the number formats of these cells show, on a sheet that has no formula and no error value."""
    if not cells:
        return {}
    shows = _styles_shown(pkg)
    out = {}
    for tag in cell_tags(data, cells):
        if tag is None:
            continue
        attrs = dict(_ATTR.findall(tag.group(1)))
        pct, date, unit = shows.of(attrs)
        out[attrs[b"r"].decode()] = (pct, None, True, None, date, unit)
    return out


_CELL_START = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_CELL_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b")


def cells_surely_blank(pkg: Package, sheet: str, cells: set[str]) -> bool:
    """Whether none of these cells of an .xlsx sheet holds a value (a ``<v>`` or an inline string) in the sheet's
    XML; a cell the XML does not list is blank. False whenever that cannot be told (another format, no such
    sheet, a cell written in an unexpected way): the sheet is then read."""
    part = pkg.sheets.get(sheet)
    if not part or not cells or pkg.zf is None:
        return False
    data = pkg.read(part)
    _guard(data)
    for tag in cell_tags(data, cells):
        if tag is None:
            return False
        if tag.group(1).rstrip().endswith(b"/"):      # <c r="D5" s="3"/>: formatted, empty
            continue
        end = _CELL_END.search(data, tag.end())
        if end is None or _CELL_VALUE.search(data, tag.end(), end.start()):
            return False
    return True


def cell_tags(data: bytes, cells: set[str]) -> Iterator[re.Match[bytes] | None]:
    """For each r="…" of these cells in a sheet's XML: the start tag holding it when that is a cell's (<c …>),
    else None (the reference stands somewhere unexpected)."""
    for m in _ref_attributes(frozenset(cells)).finditer(data):
        at = m.start()
        if at and data[at - 1] in _WORD:      # an attribute whose name ends in r (header="…"), not r="…" itself
            continue
        start = data.rfind(b"<", 0, at)
        yield _CELL_START.match(data, start) if start >= 0 and data.find(b">", start, at) < 0 else None


@lru_cache(maxsize=64)
def _ref_attributes(cells: frozenset[str]) -> re.Pattern[bytes]:
    """r="…" of these cells (the same few for every application of a type: compiled once; a literal start,
    which the regular expression engine finds fast)."""
    refs = b"|".join(re.escape(c.encode()) for c in sorted(cells))
    return re.compile(rb'r="(?:' + refs + rb')"')


_NUMFMT = re.compile(rb'<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_CELLXFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)")
_NUMFMT_ID = re.compile(rb'numFmtId="(\d+)"')


@dataclass(frozen=True)
class Shows:
    """What the cell formats (xf indexes) of a styles part show: a percentage; a date without its day."""
    percent: frozenset[int] = frozenset()
    date: dict[int, str] = field(default_factory=dict)     # xf → "month"/"year" (numfmt.date_shows)
    units: dict[int, str] = field(default_factory=dict)    # xf → its format code showing an amount unit (0"万美元")

    def of(self, attrs: dict[bytes, bytes]) -> tuple[bool, str | None, str | None]:
        xf = int(attrs.get(b"s", b"0") or 0)
        return xf in self.percent, self.date.get(xf), self.units.get(xf)


def _styles_shown(pkg: Package) -> Shows:
    if pkg._styles is not None:
        return pkg._styles
    try:
        data = pkg.read("xl/styles.xml")
    except KeyError:
        data = b""
    out = _SHOWS_BY_STYLES.get(data)
    if out is None:
        _guard(data)
        out = _shows(data)
        if len(_SHOWS_BY_STYLES) < 32:
            _SHOWS_BY_STYLES[data] = out
    pkg._styles = out
    return out


# the same styles part → the same answer: applications made from one template share it (a 1000-file refresh
# parsed it 1000 times); keyed by the bytes themselves, so a file only ever gets the answer for its own part
_SHOWS_BY_STYLES: dict[bytes, Shows] = {}


def _shows(data: bytes) -> Shows:
    """What the cell formats of a styles part show."""
    custom = {int(i): html.unescape(code.decode("utf-8", "replace")) for i, code in _NUMFMT.findall(data)}
    percent, dated, units = set(), {}, {}
    block = _CELLXFS.search(data)
    for i, attrs in enumerate(_XF.findall(block.group(1)) if block else []):
        m = _NUMFMT_ID.search(attrs)
        fid = int(m.group(1)) if m else 0
        pct, date, unit = format_shows(fid, custom.get(fid))
        if pct:
            percent.add(i)
        if date:
            dated[i] = date
        if unit:
            units[i] = unit
    return Shows(frozenset(percent), dated, units)
