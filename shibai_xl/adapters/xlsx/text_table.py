"""A table that arrived as text — a 入驻企业名单 (附件3) or a city's 项目汇总表 (附件4) exported as CSV by a park's own
system, WPS or Excel ("CSV UTF-8", "CSV（逗号分隔）" in GBK on Chinese Windows, "Unicode 文本" in UTF-16 with tabs) —
read into the same cell grid the .xlsx/.xls readers give (:class:`TextWorkbook`, a
:class:`~.source.WorkbookSource` of one sheet), so that one reader finds the table's meaning, never a second parser.

Each record is a row, numbered as Excel numbers the rows of the file it opens (a quoted line break stays in its cell;
a blank line is a blank row). A plain number Excel would make a number of (12, 800.5) is read as one; everything else
stays the text it is: a code of 18 digits, a 序号 "001", a figure "1,200" or "9.15E+17" (what Excel made of a code
before it was exported: its digits are lost, and the checks say so of that row). Nothing in the text ever becomes a
formula: "=HYPERLINK(…)" is a text like any other here, and every writer neutralises text before it writes it.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Collection
from itertools import islice
from pathlib import Path
from typing import Any

from ...engine.findings import Finding
from ...engine.summary import TEXT_LISTS
from ...errors import why
from .file_kinds import looks_binary
from .opc import MAX_FILE_BYTES, UnreadableFile
from .package import Package
from .source import CellInfo, Grid

DELIMITERS = ("\t", ",", "；", ";")     # in this order where two are as frequent
_NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:\.\d+)?")   # at most 15 digits before the point: Excel's precision
_SAMPLE_LINES = 30
_HEAD_CHARS = 1 << 20   # the text a file's first lines are looked for in (not the whole of a file of 100 MB)
UNCLOSED_WHAT = "：可能有一个没有配对的英文引号（\"），请在 Excel/WPS 中检查后重新导出，或另存为 Excel 工作簿（*.xlsx）"
UNCLOSED = ("文本表格的第{row}行有一个没有配对的英文引号（\"），从它到文件末尾都成了一个单元格，后面的行无法读取，"
            "没有读取这个文件。请在 Excel/WPS 中检查这一行（如企业名称前多了一个引号），改正后重新导出，"
            "或另存为 Excel 工作簿（*.xlsx）")
FORM_AS_TEXT = ("这是{title}另存成的文本文件（CSV 等），只保存了一张表的文字：补充信息、材料清单等其他工作表和定义名称都已丢失，"
                "本工具不能把它作为申报表读取。请申报单位交来 Excel 工作簿（.xlsx，或用 WPS/Excel 打开原来的"
                "申报表“另存为 Excel 工作簿（*.xlsx）”），放入文件夹后再运行")
_FORM_TITLE_ROWS = 6    # rows a form's title is looked for in (附件2's title is its first row)
UNREADABLE = ("“{name}”不是能读取的文本表格（{what}）。如果它是从业务系统或 WPS/Excel 导出的表格，请用 Excel/WPS 打开它，"
              "“另存为 Excel 工作簿（*.xlsx）”后再放入；否则请确认文件没有损坏")


def is_text_table(path: Path) -> bool:
    """Whether ``path`` is named as a table saved as text (.csv, .tsv, .txt)."""
    return path.name.lower().endswith(TEXT_LISTS)


READ_ENCODINGS = " UTF-8、GBK/GB18030 或 UTF-16（Unicode 文本）"   # what decode reads, as the messages name them
_UTF8_SURE = 20   # characters beyond ASCII read as UTF-8 before a bad byte: the file is UTF-8, not GBK (whose
#                   two-byte characters are seldom valid UTF-8 for long)
DAMAGED_UTF8 = ("“{name}”是 UTF-8 编码的文本，但在第{line}行附近有不是 UTF-8 的字节（文件不完整，复制、下载时中断，或已损坏），"
                "没有读取：请重新导出或重新获取这个文件")


def decode(data: bytes, name: str) -> str:
    """The text of a table file as it arrives in China: UTF-8 with or without BOM, UTF-16 with BOM (Excel's
    “Unicode 文本”) or without (:func:`_utf16_without_bom`), else GBK/GB18030 (Excel and WPS on Chinese Windows).
    Raises :class:`UnreadableFile` for anything else (another encoding — Big5 said as such —, a binary file named
    .csv), and for UTF-8
    text cut off or damaged on the way (said so, never tried as GB18030 past a long run of UTF-8: that encoding takes
    nearly any bytes)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif bomless := _utf16_without_bom(data):
        encodings = (bomless,)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            if encoding.startswith("utf-8"):
                _damaged_utf8(data[:e.start], name, sure=encoding == "utf-8-sig")
            continue
        if looks_binary(text):     # decodes, but holds what no table's text does: binary
            break
        if encoding == "gb18030" and _big5_as_gbk(text):
            raise UnreadableFile(UNREADABLE.format(name=name, what=f"看起来是繁体中文 Big5 编码，本工具读取{READ_ENCODINGS}"
                                                   "的文本"))
        return text
    raise UnreadableFile(UNREADABLE.format(name=name, what=f"编码无法识别，不是{READ_ENCODINGS}的文本，或者根本不是文本"))


_UTF16_SAMPLE = 4096      # bytes looked at for UTF-16 without its BOM


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for “Unicode 文本” written without its BOM (some WPS exports, a park's system), else
    None. A table's text always holds ASCII (tabs or commas, line breaks, digits), in UTF-16 each beside a zero byte
    on the same side of its pair; UTF-8 and GBK text holds no zero byte at all. A CJK character with a zero byte
    (一: U+4E00) puts it on the other side, so one side must hold nearly all of them."""
    sample = data[:_UTF16_SAMPLE]
    if len(data) % 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd >= pairs // 20 and even * 10 <= odd:
        return "utf-16-le"
    if even >= pairs // 20 and odd * 10 <= even:
        return "utf-16-be"
    return None


# what Big5's common characters (lead bytes A4–C6…) become read as GBK: kana, Greek, Cyrillic, bopomofo, box drawing,
# the private use area — which a Chinese table's text in GBK holds almost none of
_BIG5_AS_GBK = re.compile(r"[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\u3100-\u312f\ue000-\uf8ff]")
_BIG5_SHARE = 5     # one in five of the characters beyond ASCII


def _big5_as_gbk(text: str) -> bool:
    """Whether ``text`` (decoded as GB18030) is Big5 text read as GBK: gibberish, never a table to read."""
    sample = text[:_UTF16_SAMPLE]
    wide = sum(1 for ch in sample if ord(ch) > 127)
    odd = len(_BIG5_AS_GBK.findall(sample))
    return odd >= 5 and odd * _BIG5_SHARE >= wide


def _damaged_utf8(before: bytes, name: str, sure: bool) -> None:
    """Raise :data:`DAMAGED_UTF8` where the bytes ``before`` the first bad one are UTF-8 text (its BOM said so, or
    many characters beyond ASCII read as UTF-8 up to there)."""
    try:
        text = before.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    if sure or len(text) - len(text.encode("ascii", "ignore")) >= _UTF8_SURE:   # characters beyond ASCII
        raise UnreadableFile(DAMAGED_UTF8.format(name=name, line=text.count("\n") + 1))


def delimiter(text: str) -> str:
    """The separator of the table's fields: of tab, comma and semicolon (full-width or not), the one splitting most of
    its first records into the same number (two at least) of fields — not the most frequent: a paragraph of Chinese
    text in a comma-separated 附件4 holds more “；” than the line has commas, but a different number in each line."""
    sample = "".join(islice(_lines(text[:_HEAD_CHARS]), _SAMPLE_LINES))

    def alike(d: str) -> tuple[int, int]:
        try:
            counts = Counter(len(r) for r in csv.reader(_lines(sample), delimiter=d) if len(r) > 1)
        except csv.Error:
            return 0, 0
        width, rows = max(counts.items(), key=lambda x: (x[1], x[0]), default=(0, 0))
        return rows, width

    best = max(DELIMITERS, key=alike)     # max keeps the first of equals: tab, then comma
    return best if alike(best)[0] else ","


def cell_value(field: str) -> Any:
    """A field as the cell Excel makes of it: a plain number of at most 15 digits before the point is a number
    (what calamine reads of a number cell: a float), anything else the text it is, "" blank."""
    text = field.strip()
    if not text:
        return ""
    if _NUMBER.fullmatch(text):
        return float(text)
    return field


def table_rows(text: str) -> list[list[Any]]:
    """The rows of a table's text, a record each (Excel's row numbers), trailing blank rows dropped."""
    sep = delimiter(text)
    reader = csv.reader(_lines(text), delimiter=sep)
    try:
        rows = [[cell_value(f) for f in record] for record in reader]
    except csv.Error as e:   # a field past the csv module's limit (a quote never closed, in a long file)
        raise UnreadableFile(f"文本表格无法读取（{why(e)}）{UNCLOSED_WHAT}") from None
    # a quote opening a field that never closes runs to the end of the file: the rows after it are one cell
    if rows and any(isinstance(v, str) and ("\n" in v or "\r" in v) for v in rows[-1]) and _ends_quoted(text, sep):
        raise UnreadableFile(UNCLOSED.format(row=len(rows)))
    while rows and not any(v != "" for v in rows[-1]):
        rows.pop()
    return rows


def head_rows(text: str, count: int) -> list[list[Any]] | None:
    """The first ``count`` rows of a table's text (in its first megabyte) as :func:`table_rows` reads them (nothing
    of the rest read or checked), or None when those cannot be read (the whole file then says why)."""
    reader = csv.reader(_lines(text[:_HEAD_CHARS]), delimiter=delimiter(text))
    try:
        return [[cell_value(f) for f in record] for record in islice(reader, count)]
    except csv.Error:
        return None


def form_as_text(text: str, titles: Collection[str]) -> str | None:
    r"""Why a table is no application that can be read when its first rows hold a 申报表 title of ``titles`` (附件2's,
    as printed; spaces aside): the text of a form saved as CSV. None for any other table.

    >>> form_as_text("附件2\n电商示范企业申报表,,,\n填表时间：,2024年4月15日\n", ["电商示范企业申报表"])[:19]
    '这是电商示范企业申报表另存成的文本文件'
    >>> form_as_text("序号,企业名称\n1,贵州甲电子商务有限公司\n", ["电商示范企业申报表"]) is None
    True
    """
    plain = {re.sub(r"\s+", "", t): t for t in titles}
    for row in head_rows(text, _FORM_TITLE_ROWS) or []:
        for cell in row:
            said = re.sub(r"\s+", "", str(cell or ""))
            if found := next((t for key, t in plain.items() if key in said), None):
                return FORM_AS_TEXT.format(title=found)
    return None


def _ends_quoted(text: str, sep: str) -> bool:
    """Whether the text ends inside a quoted field, as the csv module (and Excel) reads it: a quote opens one only at
    a field's start, "" inside it is a quote, a lone " closes it."""
    quoted = False
    start = True          # at a field's start
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 1
                else:
                    quoted = False
        elif ch == '"' and start:
            quoted = True
        start = not quoted and ch in (sep, "\n", "\r")
        i += 1
    return quoted


def _lines(text: str) -> io.StringIO:
    """The text's lines as Excel breaks records: at CR, LF or CR LF only (str.splitlines also breaks at U+2028, NEL,
    form feeds and record separators, which a pasted name may hold)."""
    return io.StringIO(text, newline="")


def sheet_name(path: Path) -> str:
    """The sheet Excel shows a text table on: the file name without its extension, at most 31 characters."""
    return (path.stem.strip() or "Sheet1")[:31]


class TextUnopened(UnreadableFile):
    """The file could not be opened (the account's rights, a share gone): it may open later, unchanged."""


class TextWorkbook:
    """A table saved as text, as a :class:`~.source.WorkbookSource` of one sheet: values only (no defined names, tables,
    formulas, formats, merged, hidden or error cells: a text file holds none)."""
    labels = None
    numbers_under_dates = False
    names: dict[str, str] = {}
    tables: dict = {}
    fmt = "csv"

    def __init__(self, path: Path, rows: list[list[Any]]) -> None:
        self.path = path
        self.sheet = sheet_name(path)
        self._grid = Grid(rows)

    @property
    def sheet_names(self) -> list[str]:
        return [self.sheet]

    def grid(self, sheet: str) -> Grid:
        return self._grid if sheet == self.sheet else Grid([])

    def cell_info(self, sheet: str, cells: Collection[str], formats: Collection[str] = ()) -> dict[str, CellInfo]:
        return {}

    def macro_findings(self) -> list[Finding]:
        return []

    def surely_blank(self, sheet: str, cells: Collection[str]) -> bool:
        return False

    def merged(self, sheet: str) -> list[str]:
        return []

    def error_cells(self, sheet: str) -> dict[str, str]:
        return {}

    def hidden_rows(self, sheet: str) -> set[int]:
        return set()

    def hidden_columns(self, sheet: str) -> set[int]:
        return set()

    def struck_rows(self, sheet: str, column: int) -> set[int]:
        return set()

    def sheet_hidden(self, sheet: str) -> bool:
        return False

    def stored_date(self, sheet: str, ref: str, value: Any) -> Any:
        return value

    def stored_figure(self, sheet: str, ref: str, value: Any) -> Any:
        return value

    def close(self) -> None:
        pass


class _Sheet:
    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows

    def to_python(self, skip_empty_area: bool = True) -> list[list[Any]]:
        return [list(r) for r in self.rows]


class _Shown:
    """A sheet's metadata as calamine gives it: its name, shown."""
    def __init__(self, name: str) -> None:
        from python_calamine import SheetVisibleEnum

        self.name, self.visible = name, SheetVisibleEnum.Visible


class TextBook:
    """A text table as calamine's book of it (its one sheet), for the readers that walk calamine's sheets (a city's
    项目汇总表, ``summary_reader.py``); with :func:`text_package` as the file's structure (none: no merged, hidden or
    error cells, no table)."""

    def __init__(self, table: TextWorkbook) -> None:
        self.sheet_names = [table.sheet]
        self.sheets_metadata = [_Shown(table.sheet)]
        self._rows = table.grid(table.sheet).rows

    def get_sheet_by_name(self, name: str) -> _Sheet:
        if name not in self.sheet_names:
            raise KeyError(name)
        return _Sheet(self._rows)

    def close(self) -> None:
        pass


def text_package(path: Path) -> Package:
    """The structure of a text table's file, as a workbook's package says it: one sheet, nothing more."""
    return Package(path=path, sheets={}, fmt="csv")


def sent_as_text(path: Path) -> bool:
    """Whether ``path`` is a table saved as text, by its name and its content (a workbook renamed .csv is not): what
    every reader of a city's 附件4 opens with :func:`open_text_table`."""
    from .file_kinds import sniff

    try:
        return is_text_table(path) and path.is_file() and 0 < path.stat().st_size <= MAX_FILE_BYTES \
            and sniff(path) in ("text", "binary")
    except OSError:
        return False


def text_book_package(table: TextWorkbook) -> Package:
    """The structure of a text table's file as a :class:`~shibai_xl.adapters.view.FileBook` needs it: its one
    sheet, nothing more (no defined names, tables, styles)."""
    return Package(path=table.path, sheets={table.sheet: ""}, fmt="csv")


def open_text_table(path: Path) -> TextWorkbook:
    """The table in a text file; raises :class:`UnreadableFile` (Chinese) when it cannot be read as one."""
    return TextWorkbook(path, table_rows(table_text(path)))


def table_text(path: Path) -> str:
    """The text of a table's file, decoded; raises :class:`UnreadableFile` (Chinese) when it is none."""
    try:
        if path.exists() and not path.is_file():   # a named pipe's read waits for a writer: the run never ended
            raise UnreadableFile(f"{path.name} 不是普通文件（是管道、设备或其他特殊文件），不是表格，已拒绝读取")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(f"文件过大（{size // 1024 // 1024} MB），超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限")
        data = path.read_bytes()
    except OSError as e:
        raise TextUnopened(f"无法打开文件（{why(e)}）") from None
    if not data or data.isspace():   # (not data.strip(): a copy of the whole file)
        raise UnreadableFile("文件是空的，可能导出或复制时出错，请重新获取")
    return decode(data, path.name)
