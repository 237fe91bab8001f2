"""The package layer: a workbook's zip container and its XML parts, opened without trusting them.

One path for every reader and writer of a package (``package.py`` reads one, ``patch.py`` rewrites
one, ``summary_reader.py`` sniffs one):

* :func:`open_zip` opens the zip and checks its directory before anything is inflated — member
  count, inflated sizes and compression ratio ("压缩炸弹"), sizes that lie, encrypted members and,
  when asked, duplicate part names;
* :func:`check_prologs` refuses any XML part whose first bytes declare a DTD (entity expansion,
  "billion laughs") before anything parses it;
* :func:`parse_xml` parses a part with lxml and a parser that loads no DTD, resolves no entity and
  reaches no network — and refuses a part that declares a DTD all the same;
* :func:`relationships` reads a part's ``_rels`` and resolves their targets;
* :class:`CheckedZip` inflates a member no further than the size the directory declares;
* :func:`check_extent` refuses a sheet whose values reach so far that a grid of it would not fit in memory.

Every refusal is an :class:`UnreadableFile` with a Chinese message saying what to do.
"""
from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ...engine.parse.text import one_line
from ...errors import UnreadableInput, why

MAX_MEMBER_BYTES = 100 * 1024 * 1024     # one inflated part
MAX_TOTAL_BYTES = 300 * 1024 * 1024      # the whole inflated package
MAX_RATIO = 200                          # inflated / compressed, for parts above 1 MB
MAX_MEMBERS = 5000
MAX_FILE_BYTES = 200 * 1024 * 1024
# cells of the dense grid calamine builds for a sheet (32 bytes each): one value typed into XFD1048576 asks
# for 17 billion (550 GB) and aborts the process; the largest real sheet (a 20,000-row resident list) needs ~0.3 M
MAX_GRID_CELLS = 3_000_000
PROLOG_BYTES = 16 * 1024
SHORT_PROLOG = 512                       # enough for the XML declaration of every part Office writes
XML_SUFFIXES = (".xml", ".rels", ".vml")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"   # Excel's "Strict Open XML 电子表格"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"m": MAIN, "r": R_NS, "rel": PKG_REL}
R_ID = f"{{{R_NS}}}id"

UNSAFE_XML = "工作簿部件 {part} 含有 DTD/实体定义（不安全的 XML 内容，可能是“XML 炸弹”），已拒绝处理"
# what reading a damaged member raises (bad CRC or stream, an unsupported method, a password)
INFLATE_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, NotImplementedError, RuntimeError)
BROKEN_ZIP = "文件已损坏或不完整（{why}），可能下载或拷贝未完成，请重新获取原文件"


class UnreadableFile(UnreadableInput):
    """The file cannot be read as a workbook; ``str(e)`` is the Chinese message for the user."""


class CheckedZip(zipfile.ZipFile):
    """A zip whose members are inflated no further than the size the directory declares (and
    :func:`check_members` bounded): ``ZipFile.read`` inflates a member's whole stream at once, so a member
    declaring 2 MB whose stream inflates to 2 GB took 2 GB of memory before its CRC failed."""

    def read(self, name, pwd=None) -> bytes:
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        data = _member_bytes(self, info)
        if data is not None:
            return data
        try:
            with self.open(info, "r", pwd) as fh:
                return fh.read(info.file_size)   # at the declared size the CRC is checked: more data fails it
        except INFLATE_ERRORS as e:
            raise UnreadableFile(BROKEN_ZIP.format(why=why(e))) from None


def check_members(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip directory no workbook has: too many members, two parts of the same name (which one a reader
    takes is undefined: zipfile the later, calamine the earlier; Excel calls the file damaged), bombs, lying sizes,
    encryption."""
    if len(infos) > MAX_MEMBERS:
        raise UnreadableFile("文件内部条目过多，不像正常的工作簿，已拒绝读取")
    total, seen = 0, set()
    for i in infos:
        if i.filename.lower() in seen:
            raise UnreadableFile(f"文件已损坏：内部有两个同名的部件“{i.filename}”，无法确定该读哪一个。"
                                 "请重新获取原文件，或在 Excel/WPS 中打开、修复后另存为 .xlsx 再处理")
        seen.add(i.filename.lower())
        total += i.file_size
        if i.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES or (
                i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(1, i.compress_size)):
            raise UnreadableFile("文件解压后体积异常巨大（可能是“压缩炸弹”），为保护电脑已拒绝读取")
        if i.flag_bits & 0x1:
            raise UnreadableFile("文件内容已加密，无法读取。请去掉密码后另存为 .xlsx 再处理")
        if i.compress_size > i.file_size + i.file_size // 10 + 1024:
            # deflate never grows data by more than a few bytes: the declared size is a lie (a disguised bomb)
            raise UnreadableFile("文件内部记录的大小与实际内容不符（文件损坏或是“压缩炸弹”），已拒绝读取")


def check_prologs(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse any XML part that declares a DTD before anything parses it.

    A DTD can only stand in the prolog, before the root element, so the first bytes of each part tell.
    """
    for i in infos:
        if not i.filename.lower().endswith(XML_SUFFIXES):
            continue
        if _plain_prolog(_member_head(zf, i)):
            continue
        with zf.open(i) as fh:           # a comment, a DTD or a long prolog: the first 16 KB as a whole
            head = fh.read(PROLOG_BYTES)
        if declares_dtd(head):
            raise UnreadableFile(UNSAFE_XML.format(part=i.filename))


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


def _member_data(zf: zipfile.ZipFile, info: zipfile.ZipInfo, most: int) -> bytes | None:
    """The first ``most`` stored bytes of a member, read straight from the zip after its local header; None when
    anything is unusual (another compression, a local header that disagrees with the directory), which sends
    the part to ``ZipFile.open``. For a workbook's small parts, ``ZipFile.open`` costs more than inflating them."""
    fp = zf.fp
    if fp is None or info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        return None
    fp.seek(info.header_offset)
    header = fp.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size:
        return None
    magic, _, _, flags, _, _, _, _, _, _, name_len, extra_len = _LOCAL_HEADER.unpack(header)
    name = fp.read(name_len)
    if magic != b"PK\x03\x04" or name.decode("utf-8" if flags & 0x800 else "cp437") != info.orig_filename:
        return None
    fp.seek(extra_len, io.SEEK_CUR)
    return fp.read(min(info.compress_size, most))


def _member_head(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The first inflated bytes of a member (b"" when they cannot be read straight: then ``ZipFile.open``)."""
    try:
        data = _member_data(zf, info, 4 * SHORT_PROLOG)
        if data is None:
            return b""
        if info.compress_type == zipfile.ZIP_STORED:
            return data[:SHORT_PROLOG]
        return zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, SHORT_PROLOG)
    except (OSError, ValueError, UnicodeDecodeError, zlib.error):
        return b""


# directory flags ZipFile.open will not read past: encrypted (0x1), compressed patched data (0x20), strong encryption (0x40)
_ZIPFILE_REFUSES = 0x1 | 0x20 | 0x40


def _member_bytes(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """A whole member, inflated no further than its declared size, when it reads straight and whole and its
    CRC matches; else None, and ``ZipFile.open`` reads it (and says what is wrong)."""
    if info.flag_bits & _ZIPFILE_REFUSES:   # ZipFile.open refuses these (NotImplementedError, a password): so do we
        return None
    try:
        data = _member_data(zf, info, info.compress_size)
        if data is None or len(data) != info.compress_size:
            return None
        if info.compress_type == zipfile.ZIP_DEFLATED:
            data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, info.file_size)
    except (OSError, ValueError, UnicodeDecodeError, zlib.error):
        return None
    return data if len(data) == info.file_size and zlib.crc32(data) == info.CRC else None


_ROOT = re.compile(rb"<[A-Za-z_]")
_PLAIN_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^<>]*\?>)?\s*")


def _plain_prolog(head: bytes) -> bool:
    """Whether these first bytes of an XML part reach its root element with nothing but an XML declaration
    and white space before it: then no DTD can follow (one stands only before the root element), and the
    rest need not be inflated. Anything else before the root (a comment, a DTD, UTF-16) gets the full check."""
    root = _ROOT.search(head)
    return root is not None and _PLAIN_PROLOG.fullmatch(head, 0, root.start()) is not None


def open_zip(source: Path | bytes, *, prologs: bool = True) -> zipfile.ZipFile:
    """The checked zip of a workbook file (or of its bytes, read once by a writer).

    ``prologs=False`` leaves the DTD check to :func:`parse_xml`, for a writer that parses only the
    parts it changes; the directory checks always run."""
    try:
        zf = CheckedZip(io.BytesIO(source) if isinstance(source, bytes) else source)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise UnreadableFile(BROKEN_ZIP.format(why=why(e))) from None
    try:
        check_members(infos)
        if prologs:
            check_prologs(zf, infos)
    except UnreadableFile:
        zf.close()
        raise
    except INFLATE_ERRORS as e:   # a member that does not inflate
        zf.close()
        raise UnreadableFile(BROKEN_ZIP.format(why=why(e))) from None
    return zf


def declares_dtd(data: bytes) -> bool:
    """Whether XML bytes (UTF-8 or UTF-16) carry a DTD or an entity declaration."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    return holds(data, b"<!DOCTYPE") or holds(data, b"<!ENTITY")


def holds(data: bytes, needle: bytes) -> bool:
    """``needle in data``, for a search of a large part's XML on the reading path (a 300-company list is 200 KB):
    bytes' forward search runs about a byte a nanosecond there (0.1–0.3 ms for "hidden=" or "strike"), its reverse
    search, which skips by the needle's bytes, in a third of that or less — the same answer. A needle holding a byte
    a part's XML seldom has (:data:`_RARE`: "k" of "strike", "!" of "<!DOCTYPE") is looked for from one such byte to
    the next (memchr's speed): the reverse search's skip table takes the digits 0–9 for the letters p–y (the same
    low six bits), so "strike" crawled through a list's numbers (0.1–0.26 ms a 300-company list, now about 0.01 ms).

    >>> holds(b'<row r="7" hidden="1">', b"hidden="), holds(b"<c/>", b"strike"), holds(b"<k/><strike/>", b"strike")
    (True, False, True)
    >>> holds(b"k" * 100 + b"strike", b"strike"), holds(b"!" * 100, b"<!ENTITY"), holds(b"<!ENTITY", b"<!ENTITY")
    (True, False, True)
    >>> holds(b"k" * 64, b"strike"), holds(b"k" * 63 + b"strike", b"strike"), holds(b"k" * 65 + b"strike", b"strike")
    (False, True, True)
    """
    at = _anchor(needle)
    if at < 0:
        return data.rfind(needle) >= 0
    byte = needle[at:at + 1]
    i = data.find(byte, at)
    for _ in range(_MOST_ANCHORS):
        if i < 0:
            return False
        if data.startswith(needle, i - at):
            return True
        i = data.find(byte, i + 1)
    return i >= 0 and data.rfind(needle, i - at) >= 0     # a part full of them: the reverse search over the rest


# bytes a part's XML seldom holds (no element or attribute Office writes has a "k" but workbookViewId's; "!" stands in
# a formula's sheet reference, a comment, a DTD); past this many of them in a part, the reverse search is quicker
_RARE = b"!k"
_MOST_ANCHORS = 64


@lru_cache(maxsize=32)
def _anchor(needle: bytes) -> int:
    """Where the needle holds a byte of :data:`_RARE` (-1: none)."""
    return next((i for i, b in enumerate(needle) if b in _RARE), -1)


def safe_parser() -> etree.XMLParser:
    """lxml's parser with everything that reaches outside the bytes turned off."""
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False, load_dtd=False,
                           huge_tree=False)


def parse_xml(data: bytes, part: str):
    """The root element of an XML part; refuses a DTD, and says which part is damaged."""
    if declares_dtd(data):
        raise UnreadableFile(UNSAFE_XML.format(part=part))
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as e:
        # lxml's text is English ("Start tag expected"): where, not what, is said
        at = f"第 {e.lineno} 行第 {e.offset} 个字符处" if e.lineno else "无法解析"
        raise UnreadableFile(f"工作簿部件 {part} 的 XML 已损坏（{at}），文件可能不完整，请重新获取原文件") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise UnreadableFile(UNSAFE_XML.format(part=part))
    return root


def iterparse(fh, events: tuple[str, ...], tag: Sequence[str] | None = None):
    """Streaming parse of a large part (an .ods content.xml) with the same safe settings as :func:`parse_xml`;
    events for the elements ``tag`` names alone, when given."""
    return etree.iterparse(fh, events=events, tag=tag, resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False)


def rels_name(part: str) -> str:
    """'xl/workbook.xml' → 'xl/_rels/workbook.xml.rels'."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    """The part a relationship of ``source`` points at (relative, or absolute from the package root)."""
    target = unquote(target.split("#")[0])
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relationships(zf: zipfile.ZipFile, part: str, members: set[str]) -> dict[str, str]:
    """Id → target part of the internal relationships of ``part`` (external ones are not parts)."""
    name = rels_name(part)
    if name not in members:
        return {}
    return relationships_in(zf.read(name), part)


def relationships_in(data: bytes, part: str) -> dict[str, str]:
    """:func:`relationships` from the bytes of the ``_rels`` part of ``part`` (each caller its own dict)."""
    return dict(_relationships_in(data, part))


@lru_cache(maxsize=64)
def _relationships_in(data: bytes, part: str) -> tuple[tuple[str, str], ...]:
    """The internal relationships of these ``_rels`` bytes: the same for every application made from one template
    (its list sheet's link to its table), so parsed once a process, keyed by the bytes themselves."""
    return tuple((rel.get("Id", ""), resolve(part, rel.get("Target", "")))
                 for rel in parse_xml(data, rels_name(part)).findall("rel:Relationship", NS)
                 if rel.get("TargetMode") != "External")


# the types of a workbook's relationship to an Excel 4.0 macro sheet (宏表), and to an international one
_MACRO_SHEET_RELS = ("/xlMacrosheet", "/xlIntlMacrosheet")


def macro_sheet_ids(data: bytes, part: str) -> set[str]:
    """The ids of the workbook's relationships (its ``_rels`` bytes) to Excel 4.0 macro sheets."""
    return {rel.get("Id", "") for rel in parse_xml(data, rels_name(part)).findall("rel:Relationship", NS)
            if rel.get("Type", "").endswith(_MACRO_SHEET_RELS)}


def external_targets(zf: zipfile.ZipFile, part: str, members: set[str]) -> list[str]:
    """The targets outside the package (a file, a share, a web address) that ``part``'s relationships name."""
    name = rels_name(part)
    if name not in members:
        return []
    return [unquote(rel.get("Target", "")) for rel in parse_xml(zf.read(name), name).findall("rel:Relationship", NS)
            if rel.get("TargetMode") == "External"]


FAR_ADVICE = "可能是在很远的单元格里误输入了内容：请在 Excel/WPS 中按 Ctrl+End 找到它，删除多余的行和列后保存，再处理"
TOO_FAR = ("工作表“{sheet}”的内容一直延伸到第 {rows} 行、第 {cols} 列，远超申报表、汇总表的正常范围，为保护电脑已拒绝读取。"
           + FAR_ADVICE)
# a cell that does not begin <c r="A1"…<c r="Z99999"> (its own reference, in the columns A–Z, below row 100,000):
# one search, prefixed by the literal "<c" (a translate and four byte counts cost three times as much)
_ODD_CELL = re.compile(rb'<c(?! r="[A-Z][1-9][0-9]{0,4}")')
_PREFIXED_CELL = re.compile(rb":c")     # <x:c …>: calamine reads elements by their local name
# a cell of row 100,000 or below (a ledger of 120,000 rows): the last of them bounds a longer sheet's rows
_LONG_ROW = re.compile(rb'<c r="[A-Z]([1-9][0-9]{5,6})"')


def check_extent(data: bytes, sheet: str) -> None:
    """Refuse a sheet whose values reach beyond :data:`MAX_GRID_CELLS` cells from A1 (rows × columns), before
    calamine builds its grid. A sheet whose cells all begin with their own ``r`` (as every spreadsheet program
    writes them) in one of the columns A–Z, below row 100,000 — all the forms and resident lists people fill —
    is bounded by two searches; anything else (far references, cells without ``r``, prefixed elements)
    is measured exactly as calamine places values."""
    start, end = data.find(b"<sheetData"), data.rfind(b"</sheetData>")
    if 0 <= start < end and _PREFIXED_CELL.search(data, start, end) is None and (
            _ODD_CELL.search(data, start, end) is None or _long_within(data, start, end)):
        return
    rows, cols = _values_extent(data, start, end) if 0 <= start < end else _extent(data)
    if rows * cols > MAX_GRID_CELLS:
        raise UnreadableFile(TOO_FAR.format(sheet=one_line(sheet), rows=rows, cols=cols))


_CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
_VALUE = re.compile(rb"<(?:v|is)[\s/>]")
# what byte searches cannot place: prefixed elements, comments, CDATA, processing instructions
_UNPLAIN = re.compile(rb"</?[^\s/>:]+:|<!|<\?")


def _long_within(data: bytes, start: int, end: int) -> bool:
    """Whether every cell of ``data[start:end]`` begins with its own ``r`` (below row 10,000,000; Excel's last is
    1,048,576) in as many of the columns A–Z as keep the last row of any cell within :data:`MAX_GRID_CELLS`: the
    values' extent is no larger. Two searches, where placing each value took longer than calamine reading them."""
    rows = max(map(int, _LONG_ROW.findall(data, start, end)), default=99_999)
    cols = min(26, MAX_GRID_CELLS // rows)
    return cols > 0 and _cell_beyond(cols).search(data, start, end) is None


@lru_cache(maxsize=26)
def _cell_beyond(cols: int) -> re.Pattern[bytes]:
    """A cell that does not begin with its own ``r`` in the first ``cols`` columns, below row 10,000,000."""
    return re.compile(rb'<c(?! r="[A-%c][1-9][0-9]{0,6}")' % (64 + cols))


def _values_extent(data: bytes, start: int, end: int) -> tuple[int, int]:
    """:func:`_extent` by byte searches where every cell of ``data[start:end]`` (its sheetData) begins with its own
    ``r`` and nothing hides an element: each value's cell is the ``<c r="…"`` before it. A sheet of a million
    styled empty rows (a border run to the sheet's end) holds few values: the cells without one cost nothing."""
    body = data[start:end]
    if body.count(b"<c") != body.count(b'<c r="') or _UNPLAIN.search(body):   # no other element begins "<c"
        return _extent(data)
    rows = cols = 0
    for m in _VALUE.finditer(body):
        at = body.rfind(b'<c r="', 0, m.start()) + 6
        ref = _CELL_REF.fullmatch(body[at:body.find(b'"', at)].decode("ascii", "replace")) if at > 5 else None
        if ref is None:
            return _extent(data)
        col = 0
        for ch in ref.group(1):
            col = col * 26 + ord(ch) - 64
        rows, cols = max(rows, int(ref.group(2))), max(cols, col)
    return rows, cols


def _extent(data: bytes) -> tuple[int, int]:
    """(last row, last column) holding a value, placing cells as calamine does: a cell's ``r``, else the
    next column of its row; a row's ``r``, else the next row."""
    rows = cols = row = col = 0
    try:
        for event, el in iterparse(io.BytesIO(data), ("start", "end")):
            tag = el.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "row":
                    r = el.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                    col = 0
                continue
            if tag == "c":
                m = _CELL_REF.fullmatch(el.get("r") or "")
                if m:
                    col = 0
                    for ch in m.group(1):
                        col = col * 26 + ord(ch) - 64
                    row = int(m.group(2))
                else:
                    col += 1
                # a comment or processing instruction inside the cell is no element: its tag is no name
                if any(isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in ("v", "is") for child in el):
                    rows, cols = max(rows, row), max(cols, col)
                el.clear()
            elif tag == "row":
                el.clear()
    except etree.XMLSyntaxError:
        pass      # calamine says what is wrong with a broken sheet
    return rows, cols
