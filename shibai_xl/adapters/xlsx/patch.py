"""Write check results into a user's workbook by patching its OOXML package.

openpyxl's load/save round-trip drops images, charts, form controls and more,
so ``shibai check FILE --write`` never re-saves the user's workbook through it.
:class:`XlsxPatch` reads the zip into memory, parses only the parts it changes
(with lxml and a parser that refuses DTDs and never resolves entities; lxml
keeps namespace prefixes, ``mc:Ignorable`` declarations and unknown extension
elements, and the root start tag of a changed part is written back verbatim),
edits legacy VML drawings as text (Excel's VML is not always well-formed XML),
and writes a new zip in which every part it did not touch is byte-identical,
in the original order, with the original compression::

    p = XlsxPatch("申报表.xlsx")
    p.clear_marks()                       # earlier fills/comments of this tool
    p.set_value("评分", "F5", 87.5)
    p.mark("申报表", "C7", "error", "统一社会信用代码校验位错误")
    p.save("申报表.xlsx")

Marks are reversible: a marked cell gets a copy of its ``cellXfs`` entry with
a new fill (appended, so existing style indices never change) and a legacy
comment authored ``shibai-xl``; the mapping marked-style → original-style is
kept in the hidden workbook name ``sb_marks_styles`` so that a later
:meth:`XlsxPatch.clear_marks` (another process) restores the original styles.

When cell values changed, ``fullCalcOnLoad`` is set on ``<calcPr>`` so Excel
recomputes formulas that depend on them (``recalc_on_open = False`` turns
that off); when a formula was removed, ``calcChain.xml`` is dropped (Excel
rebuilds it).

Every refusal is a :class:`PatchError` (a ``ValueError``) with a Chinese message.
"""
from __future__ import annotations

import copy
import datetime as _dt
import decimal
import io
import math
import numbers
import os
import posixpath
import re
import tempfile
import zipfile
from bisect import bisect_right
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ...errors import RefusedWrite
from .package import UnreadableFile, check_sizes
from .refs import col_index, col_letters

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
X_NS = "urn:schemas-microsoft-com:office:excel"

RT_OFFICE_DOC = R_NS + "/officeDocument"
RT_WORKSHEET = R_NS + "/worksheet"
RT_COMMENTS = R_NS + "/comments"
RT_VML = R_NS + "/vmlDrawing"
RT_STYLES = R_NS + "/styles"
RT_CALC_CHAIN = R_NS + "/calcChain"

CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"

AUTHOR = "shibai-xl"
# A note the Excel add-in wrote starts with the finding code in brackets, e.g. "[ELIG_TRADE] …".
_RIBBON_NOTE = re.compile(r"^\s*\[(?:ELIG|FIELD|XC|MAT|FILE|RULE|SCORE)_[A-Z_]+\] ")


_RIBBON_NOTE_BYTES = re.compile(rb">\s*\[(?:ELIG|FIELD|XC|MAT|FILE|RULE|SCORE)_[A-Z_]+\] ")


def _comment_text(cm) -> str:
    return "".join(t.text or "" for t in cm.iter() if _local(t) == "t")
MARKS_NAME = "sb_marks_styles"
MARK_FILLS = {"error": "FFFFC7CE", "warning": "FFFFEB9C"}

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_CELL_CHARS = 32767
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
STANDARD_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

# Child order of the elements this module inserts into (ECMA-376 schemas).
WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
    "tableParts", "extLst",
)
WORKBOOK_ORDER = (
    "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
    "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews",
    "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr",
    "webPublishObjects", "extLst",
)
STYLES_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
                "dxfs", "tableStyles", "colors", "extLst")
COMMENTS_ORDER = ("authors", "commentList", "extLst")
CELL_ORDER = ("f", "v", "is", "extLst")
ROW_ORDER = ("c", "extLst")

MAX_ROW = 1048576
MAX_COL = 16384


class PatchError(RefusedWrite, ValueError):
    """The workbook cannot be patched; ``str(e)`` is the Chinese message for the user."""


def _m(tag: str) -> str:
    return f"{{{MAIN}}}{tag}"


_R_ID = f"{{{R_NS}}}id"
_XML_SPACE = f"{{{XML_NS}}}space"


# --------------------------------------------------------------------------- cell references

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


_col_num = col_index
_col_letters = col_letters


def _cell_name(row: int, col: int) -> str:
    return f"{_col_letters(col)}{row}"


def _parse_cell(ref: str) -> tuple[int, int]:
    """'F5' / '$F$5' → (row 5, column 6)."""
    m = _CELL.match(str(ref).strip())
    if not m:
        raise PatchError(f"单元格地址“{ref}”无效，应为 A1 形式")
    row, col = int(m.group(2)), _col_num(m.group(1))
    if not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COL):
        raise PatchError(f"单元格地址“{ref}”超出工作表范围")
    return row, col


def _parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """'A1:B3' or 'A1' → (row1, col1, row2, col2); None when unreadable."""
    try:
        parts = (ref or "").split(" ")[0].split(":")
        r1, c1 = _parse_cell(parts[0])
        r2, c2 = _parse_cell(parts[-1])
    except PatchError:
        return None
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _range_name(r1: int, c1: int, r2: int, c2: int) -> str:
    a, b = _cell_name(r1, c1), _cell_name(r2, c2)
    return a if a == b else f"{a}:{b}"


# --------------------------------------------------------------------------- formula shifting

_FORMULA_REF = re.compile(
    r"(?<![A-Za-z0-9_.\\$])(?:"
    r"(?P<cc>\$?)(?P<c>[A-Za-z]{1,3})(?P<rr>\$?)(?P<r>\d+)(?![A-Za-z0-9_(.!])"
    r"|(?P<ca>\$?)(?P<c1>[A-Za-z]{1,3}):(?P<cb>\$?)(?P<c2>[A-Za-z]{1,3})(?![A-Za-z0-9_(.!])"
    r"|(?P<ra>\$?)(?P<r1>\d+):(?P<rb>\$?)(?P<r2>\d+)(?![A-Za-z0-9_(.!])"
    r")"
)


def _shift_plain(text: str, drow: int, dcol: int) -> str:
    def col(absolute: str, letters: str) -> str | None:
        n = _col_num(letters)
        if n > MAX_COL:
            return None
        if not absolute:
            n += dcol
        return absolute + _col_letters(n) if 1 <= n <= MAX_COL else "#REF!"

    def row(absolute: str, digits: str) -> str | None:
        n = int(digits)
        if n > MAX_ROW:
            return None
        if not absolute:
            n += drow
        return absolute + str(n) if 1 <= n <= MAX_ROW else "#REF!"

    def sub(m: re.Match) -> str:
        if m.group("c") is not None:
            c, r = col(m.group("cc"), m.group("c")), row(m.group("rr"), m.group("r"))
            if c is None or r is None:
                return m.group(0)
            return "#REF!" if "#REF!" in (c, r) else c + r
        if m.group("c1") is not None:
            a, b = col(m.group("ca"), m.group("c1")), col(m.group("cb"), m.group("c2"))
        else:
            a, b = row(m.group("ra"), m.group("r1")), row(m.group("rb"), m.group("r2"))
        if a is None or b is None:
            return m.group(0)
        return "#REF!" if "#REF!" in (a, b) else f"{a}:{b}"

    return _FORMULA_REF.sub(sub, text)


def shift_formula(formula: str, drow: int, dcol: int) -> str:
    """Move the relative A1 references of a formula by (drow, dcol), as Excel does when copying.

    String literals, quoted sheet names and bracketed parts (structured and
    external references) are left alone.

    >>> print(shift_formula("SUM(A1:B$2)+$C3+'x y'!D4&\\"A1\\"", 2, 1))
    SUM(B3:C$2)+$C5+'x y'!E6&"A1"
    """
    out, plain, i, n = [], [], 0, len(formula)

    def flush() -> None:
        if plain:
            out.append(_shift_plain("".join(plain), drow, dcol))
            plain.clear()

    while i < n:
        ch = formula[i]
        if ch in "\"'":
            flush()
            j = i + 1
            while j < n:
                if formula[j] == ch:
                    if j + 1 < n and formula[j + 1] == ch:
                        j += 2
                        continue
                    break
                j += 1
            out.append(formula[i:j + 1])
            i = j + 1
        elif ch == "[":
            flush()
            depth, j = 0, i
            while j < n:
                if formula[j] == "[":
                    depth += 1
                elif formula[j] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(formula[i:j + 1])
            i = j + 1
        else:
            plain.append(ch)
            i += 1
    flush()
    return "".join(out)


# --------------------------------------------------------------------------- values

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _xml_text(text: str) -> str:
    """Excel's escaping of characters XML cannot carry (``_x000B_``)."""
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _ILLEGAL_XML.sub(lambda m: "_x%04X_" % ord(m.group()), text)


def _needs_preserve(text: str) -> bool:
    return bool(text) and (text[0].isspace() or text[-1].isspace() or "\n" in text or "\t" in text or "  " in text)


def _number_text(value: float) -> str:
    if not math.isfinite(value):
        raise PatchError("不能写入无穷大或非数字（NaN）")
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _serial(value, date1904: bool) -> float:
    if isinstance(value, _dt.timedelta):
        return value.total_seconds() / 86400
    if isinstance(value, _dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime.combine(value, _dt.time())
    value = value.replace(tzinfo=None)
    epoch = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
    delta = value - epoch
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    if not date1904 and serial < 61:
        serial -= 1                      # Excel's fictitious 1900-02-29
    if serial < (0 if date1904 else 1):
        raise PatchError(f"日期 {value:%Y-%m-%d} 早于 Excel 能表示的最早日期")
    return serial


# --------------------------------------------------------------------------- XML helpers

_DECL = re.compile(rb"^(\xef\xbb\xbf)?(<\?xml[^>]*\?>)?[ \t\r\n]*")


def _order_index(el, order: tuple[str, ...]) -> int | None:
    if not isinstance(el.tag, str):
        return None
    q = etree.QName(el)
    if q.namespace == MC_NS and q.localname == "AlternateContent":
        for branch in el:
            for inner in branch:
                if isinstance(inner.tag, str):
                    return _order_index(inner, order)
        return None
    if q.namespace != MAIN or q.localname not in order:
        return None
    return order.index(q.localname)


def _insert_ordered(parent, new, order: tuple[str, ...]):
    """Insert ``new`` before the first child that the schema puts after it."""
    k = order.index(etree.QName(new).localname)
    for child in parent:
        i = _order_index(child, order)
        if i is not None and i > k:
            child.addprevious(new)
            return new
    parent.append(new)
    return new


def _remove(el) -> None:
    """Remove an element, keeping the whitespace that followed it."""
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _start_tag(data: bytes) -> tuple[int, int] | None:
    """Byte span of the first element start tag (the root's) in an XML document."""
    i, n = 0, len(data)
    while True:
        i = data.find(b"<", i)
        if i < 0:
            return None
        if data.startswith(b"<?", i):
            end, skip = data.find(b"?>", i), 2
        elif data.startswith(b"<!--", i):
            end, skip = data.find(b"-->", i), 3
        elif data.startswith(b"<!", i):
            end, skip = data.find(b">", i), 1
        else:
            break
        if end < 0:
            return None
        i = end + skip
    quote = 0
    for j in range(i + 1, n):
        ch = data[j]
        if quote:
            if ch == quote:
                quote = 0
        elif ch in (34, 39):
            quote = ch
        elif ch == 62:
            return i, j + 1
    return None


def _signature(root) -> tuple:
    return root.tag, tuple(root.attrib.items()), tuple(sorted((k or "", v) for k, v in root.nsmap.items()))


class _Xml:
    """A parsed part. The root's start tag is written back verbatim when its attributes and
    namespaces did not change (libxml2 would list ``xmlns:*`` before ``mc:Ignorable``)."""

    __slots__ = ("root", "prolog", "root_tag", "root_sig", "encoding")

    def __init__(self, root, prolog: bytes, root_tag: bytes | None = None, ascii_only: bool = False):
        self.root = root
        self.prolog = prolog
        self.root_tag = root_tag
        self.root_sig = _signature(root) if root_tag else None
        # a part written with character references only (openpyxl does that) stays that way
        self.encoding = "ASCII" if ascii_only else "UTF-8"

    def serialize(self) -> bytes:
        body = etree.tostring(self.root, encoding=self.encoding)
        if self.root_tag and _signature(self.root) == self.root_sig:
            span = _start_tag(body)
            if span and not body[span[1] - 2:span[1]] == b"/>" and not self.root_tag.endswith(b"/>"):
                body = self.root_tag + body[span[1]:]
        before = [etree.tostring(s, encoding=self.encoding)
                  for s in reversed(list(self.root.itersiblings(preceding=True)))]
        after = [etree.tostring(s, encoding=self.encoding) for s in self.root.itersiblings()]
        return self.prolog + b"".join(before) + body + b"".join(after)


_EMPTY_PAIR = re.compile(rb"<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?(?<!/)></\1>")


def _keep_empty_pairs(root, data: bytes) -> None:
    """Elements written ``<row r="3"></row>`` (openpyxl does) are written back that way, not as ``<row/>``."""
    import xml.parsers.expat

    pairs: list[bool] = []
    stack: list[int] = []
    parser = xml.parsers.expat.ParserCreate()

    def start(name, attrs):
        stack.append(len(pairs))
        pairs.append(False)

    def end(name):
        i = parser.CurrentByteIndex
        pairs[stack.pop()] = data[i - 2:i] != b"/>"

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    if len(elements) != len(pairs):
        return
    for el, pair in zip(elements, pairs):
        if pair and el.text is None and len(el) == 0:
            el.text = ""


def _parse_xml(part: str, data: bytes) -> _Xml:
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        probe = data.decode("utf-16", errors="replace").encode("utf-8")
    if b"<!DOCTYPE" in probe or b"<!ENTITY" in probe:
        raise PatchError(f"工作簿部件 {part} 含有 DTD/实体定义（可能是恶意文件），已拒绝处理")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False,
                             load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise PatchError(f"工作簿部件 {part} 的 XML 已损坏，无法写入（{e.msg}）") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise PatchError(f"工作簿部件 {part} 含有 DTD/实体定义（可能是恶意文件），已拒绝处理")
    m = _DECL.match(data)
    prolog = m.group(0) if m else b""
    decl = (m.group(2) or b"") if m else b""
    enc = re.search(rb"encoding\s*=\s*[\"']([^\"']+)", decl)
    if probe is not data or (enc and enc.group(1).lower().replace(b"-", b"") != b"utf8"):
        return _Xml(root, STANDARD_DECL)
    if _EMPTY_PAIR.search(data):
        _keep_empty_pairs(root, data)
    span = _start_tag(data)
    return _Xml(root, prolog, data[span[0]:span[1]] if span else None, ascii_only=data.isascii())


# --------------------------------------------------------------------------- VML (legacy drawings)

_SHAPETYPE = (
    f'<v:shapetype xmlns:v="{V_NS}" xmlns:o="{O_NS}" id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')
_VML_IDMAP = re.compile(rb"""<(?:[\w.-]+:)?idmap\b[^>]*?\bdata\s*=\s*["']([^"']*)["']""")
_VML_SHAPE = re.compile(rb"<([\w.-]+:)?shape\b[^>]*?(?<!/)>.*?</\1?shape\s*>", re.S)
_VML_DRAWN = re.compile(rb"<(?:[\w.-]+:)?(?:shape|rect|roundrect|oval|line|polyline|curve|arc|image|group)\b")
_VML_NOTE = re.compile(rb"""ObjectType\s*=\s*["']Note["']""")
_VML_ROW = re.compile(rb"<(?:[\w.-]+:)?Row\s*>\s*(\d+)\s*<")
_VML_COL = re.compile(rb"<(?:[\w.-]+:)?Column\s*>\s*(\d+)\s*<")


def _note_shapes(data: bytes) -> list[tuple[int, int, int, int]]:
    """(row0, col0, start, end) of every comment (Note) shape in VML text."""
    out = []
    for m in _VML_SHAPE.finditer(data):
        body = m.group(0)
        r, c = _VML_ROW.search(body), _VML_COL.search(body)
        if _VML_NOTE.search(body) and r and c:
            out.append((int(r.group(1)), int(c.group(1)), m.start(), m.end()))
    return out


class _Vml:
    """A legacy VML drawing edited as text.

    VML written by Excel is not always well-formed XML, so it is never parsed:
    new comment boxes carry their own namespace declarations and go in just
    before the closing ``</xml>``; removed ones are cut out by byte span.
    """

    def __init__(self, part: str, data: bytes):
        end = data.rfind(b"</xml>")
        if end < 0:
            raise PatchError(f"批注绘图 {part} 已损坏，无法添加批注")
        self.data = data
        self.pending: list[bytes] = []
        self._scan()

    def _scan(self) -> None:
        data = self.data
        self.cells = {(r, c) for r, c, _, _ in _note_shapes(data)}
        block = _VML_IDMAP.search(data)
        nums = re.findall(rb"\d+", block.group(1)) if block else []
        self.next_id = max([int(nums[0]) * 1024 if nums else 1024]
                           + [int(x) for x in re.findall(rb"_x0000_s(\d+)", data)]) + 1
        self.z = len(re.findall(rb"<(?:[\w.-]+:)?shape\b", data)) + 1
        self.has_type = bool(re.search(rb"""id\s*=\s*["']_x0000_t202["']""", data))

    def add_note(self, row0: int, col0: int) -> bool:
        if (row0, col0) in self.cells:
            return False
        top = max(row0 - 1, 0)
        shape = (
            f'<v:shape xmlns:v="{V_NS}" xmlns:o="{O_NS}" xmlns:x="{X_NS}" id="_x0000_s{self.next_id}" '
            f'type="#_x0000_t202" style="position:absolute;margin-left:{(col0 + 1) * 48 + 11.25:g}pt;'
            f'margin-top:{top * 15 + 1.5:g}pt;width:108pt;height:59.25pt;z-index:{self.z};visibility:hidden" '
            'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
            '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
            '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f'<x:Anchor>{col0 + 1}, 15, {top}, 10, {col0 + 3}, 15, {top + 4}, 4</x:Anchor>'
            f'<x:AutoFill>False</x:AutoFill><x:Row>{row0}</x:Row><x:Column>{col0}</x:Column>'
            '</x:ClientData></v:shape>')
        if not self.has_type:
            shape = _SHAPETYPE + shape
            self.has_type = True
        self.pending.append(shape.encode())
        self.cells.add((row0, col0))
        self.next_id += 1
        self.z += 1
        return True

    def text(self) -> bytes:
        if self.pending:
            end = self.data.rfind(b"</xml>")
            self.data = self.data[:end] + b"".join(self.pending) + self.data[end:]
            self.pending = []
        return self.data

    def remove_notes(self, cells: set[tuple[int, int]]) -> bool:
        """Cut the comment boxes of ``cells``; True when something was cut."""
        data = self.text()
        spans = [(a, b) for r, c, a, b in _note_shapes(data) if (r, c) in cells]
        for a, b in reversed(spans):
            data = data[:a] + data[b:]
        if spans:
            self.data = data
            self._scan()
        return bool(spans)

    def empty(self) -> bool:
        return not self.pending and not _VML_DRAWN.search(self.data)


# --------------------------------------------------------------------------- sheet access


class _Sheet:
    """Row/cell lookup and insertion in one worksheet's ``<sheetData>``."""

    def __init__(self, part: str, root):
        self.part = part
        self.root = root
        data = root.find(_m("sheetData"))
        if data is None:
            data = _insert_ordered(root, etree.Element(_m("sheetData")), WORKSHEET_ORDER)
        self.data = data
        self._rows: dict[int, object] | None = None
        self._nums: list[int] = []
        self._col_styles: list[tuple[int, int, int]] | None = None

    # rows
    def _index(self) -> dict[int, object]:
        if self._rows is None:
            rows, prev = {}, 0
            for row in self.data.iterchildren(_m("row")):
                r = row.get("r")
                n = int(r) if r and r.isdigit() else prev + 1
                if r is None or not r.isdigit():
                    row.set("r", str(n))
                rows.setdefault(n, row)
                prev = n
            self._rows = rows
            self._nums = sorted(rows)
        return self._rows

    def rows_from(self, first: int) -> list[tuple[int, object]]:
        rows = self._index()
        return [(n, rows[n]) for n in self._nums[bisect_right(self._nums, first - 1):]]

    def all_rows(self) -> list[tuple[int, object]]:
        rows = self._index()
        return [(n, rows[n]) for n in self._nums]

    def row(self, r: int, create: bool):
        rows = self._index()
        row = rows.get(r)
        if row is not None or not create:
            return row
        row = etree.Element(_m("row"))
        row.set("r", str(r))
        i = bisect_right(self._nums, r)
        if i < len(self._nums):
            rows[self._nums[i]].addprevious(row)
        else:
            self.data.append(row)
        rows[r] = row
        self._nums.insert(i, r)
        return row

    def drop_row(self, r: int) -> None:
        rows = self._index()
        row = rows.pop(r, None)
        if row is not None:
            _remove(row)
            i = bisect_right(self._nums, r) - 1
            if i >= 0 and self._nums[i] == r:
                del self._nums[i]

    # cells
    @staticmethod
    def cells(row) -> list[tuple[int, object]]:
        out, prev, rnum = [], 0, row.get("r")
        for c in row.iterchildren(_m("c")):
            ref = c.get("r")
            m = _CELL.match(ref or "")
            n = _col_num(m.group(1)) if m else prev + 1
            if not m:
                c.set("r", _cell_name(int(rnum), n))
            out.append((n, c))
            prev = n
        return out

    def cell(self, r: int, col: int, create: bool):
        row = self.row(r, create)
        if row is None:
            return None
        for n, c in self.cells(row):
            if n == col:
                return c
            if n > col:
                if not create:
                    return None
                new = self._new_cell(row, r, col)
                c.addprevious(new)
                return new
        if not create:
            return None
        return _insert_ordered(row, self._new_cell(row, r, col), ROW_ORDER)

    def _new_cell(self, row, r: int, col: int):
        new = etree.Element(_m("c"))
        new.set("r", _cell_name(r, col))
        style = self.inherited_style(row, col)
        if style:
            new.set("s", str(style))
        spans = row.get("spans")
        if spans:
            groups = [g.split(":") for g in spans.split()]
            if not any(len(g) == 2 and g[0].isdigit() and g[1].isdigit() and int(g[0]) <= col <= int(g[1])
                       for g in groups):
                g = groups[0] if len(groups) == 1 else None
                if g and len(g) == 2 and g[0].isdigit() and g[1].isdigit():
                    row.set("spans", f"{min(int(g[0]), col)}:{max(int(g[1]), col)}")
                else:
                    del row.attrib["spans"]
        return new

    def inherited_style(self, row, col: int) -> int:
        """Style an absent cell shows: the row's (customFormat) or else the column's."""
        if row is not None and row.get("customFormat") in ("1", "true") and (row.get("s") or "").isdigit():
            return int(row.get("s"))
        if self._col_styles is None:
            self._col_styles = []
            cols = self.root.find(_m("cols"))
            for c in (cols if cols is not None else []):
                if _local(c) == "col" and (c.get("style") or "").isdigit():
                    try:
                        self._col_styles.append((int(c.get("min")), int(c.get("max")), int(c.get("style"))))
                    except (TypeError, ValueError):
                        pass
        for lo, hi, style in self._col_styles:
            if lo <= col <= hi:
                return style
        return 0

    def widen_dimension(self, r: int, col: int) -> None:
        dim = self.root.find(_m("dimension"))
        if dim is None:
            return
        cur = _parse_range(dim.get("ref", ""))
        if cur is None or (dim.get("ref") == "A1" and self.cell(1, 1, create=False) is None):
            dim.set("ref", _cell_name(r, col))
            return
        r1, c1, r2, c2 = cur
        new = _range_name(min(r1, r), min(c1, col), max(r2, r), max(c2, col))
        if new != dim.get("ref"):
            dim.set("ref", new)


# --------------------------------------------------------------------------- the patch


class XlsxPatch:
    """Patch one .xlsx/.xlsm package at the XML level; see the module docstring.

    The input file is read once, completely, when the object is created and is
    never written to except by an explicit :meth:`save` to the same path.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        #: set ``fullCalcOnLoad`` when values changed, so Excel recomputes dependent formulas
        self.recalc_on_open = True
        try:
            size = self.path.stat().st_size
        except OSError:
            raise PatchError(f"找不到文件：{self.path}") from None
        if size > MAX_FILE_BYTES:
            raise PatchError(f"文件过大（{size // 1024 // 1024} MB），已拒绝处理")
        raw = self.path.read_bytes()
        try:
            zf = zipfile.ZipFile(io.BytesIO(raw))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise PatchError("不是有效的 .xlsx/.xlsm 工作簿（文件不是 zip 包、已损坏或设置了打开密码）") from None
        with zf:
            infos = zf.infolist()
            self._check_members(infos)
            self._infos = {i.filename: i for i in infos}
            self._comment = zf.comment
            try:
                self._orig = {i.filename: zf.read(i) for i in infos}
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
                raise PatchError("工作簿文件已损坏（zip 校验失败），请重新获取原文件") from None
        self._names: list[str] = [i.filename for i in infos]   # current parts, output order
        self._lower = {n.lower(): n for n in self._names}
        self._xml: dict[str, _Xml] = {}
        self._dirty: set[str] = set()
        self._vml: dict[str, _Vml] = {}               # VML drawings, edited as text
        self._changed_vml: set[str] = set()
        self._comment_index: dict[str, dict[str, object]] = {}
        self._sheets_cache: dict[str, _Sheet] = {}
        self._values_changed = False
        self._formulas_removed = False
        self._mark_map: dict[int, int] | None = None
        self._mark_cache: dict[tuple[int, str], int] = {}
        self._marks_changed = False
        self._fill_ids: dict[str, int] = {}

        ct = self._find("[Content_Types].xml")
        if ct is None:
            raise PatchError("不是有效的 Excel 工作簿（缺少 [Content_Types].xml）")
        self._ct_part = ct
        self._wb_part = self._workbook_part()
        wb = self._doc(self._wb_part).root
        ns = etree.QName(wb).namespace
        if ns == STRICT_MAIN:
            raise PatchError("工作簿是“Strict Open XML”格式，暂不支持写入。请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再试")
        if ns != MAIN or etree.QName(wb).localname != "workbook":
            raise PatchError("不是有效的 Excel 工作簿（workbook.xml 内容不对）")
        self._sheets: list[tuple[str, str | None, str]] = []
        rels = {rid: (rtype, target) for rid, rtype, target, _ in self._rels(self._wb_part)}
        sheets = wb.find(_m("sheets"))
        for s in (sheets if sheets is not None else []):
            if _local(s) != "sheet":
                continue
            rtype, target = rels.get(s.get(_R_ID, ""), ("", None))
            self._sheets.append((s.get("name", ""), target, rtype))

    # ------------------------------------------------------------------ package plumbing

    @staticmethod
    def _check_members(infos: list[zipfile.ZipInfo]) -> None:
        seen = set()
        for i in infos:
            if i.filename.lower() in seen:
                raise PatchError("工作簿 zip 包内有重复的部件名，已拒绝处理")
            seen.add(i.filename.lower())
        try:
            check_sizes(infos)
        except UnreadableFile as e:
            raise PatchError(str(e)) from None

    def _find(self, name: str) -> str | None:
        return self._lower.get(name.lower())

    def _exists(self, name: str) -> bool:
        return name.lower() in self._lower

    def _doc(self, part: str) -> _Xml:
        doc = self._xml.get(part)
        if doc is None:
            doc = self._xml[part] = _parse_xml(part, self._orig[part])
        return doc

    def _touch(self, part: str) -> None:
        self._dirty.add(part)

    def _add_part(self, part: str, root, prolog: bytes = STANDARD_DECL) -> None:
        self._xml[part] = _Xml(root, prolog)
        self._names.append(part)
        self._lower[part.lower()] = part
        self._dirty.add(part)

    def _add_vml(self, part: str, data: bytes) -> None:
        self._names.append(part)
        self._lower[part.lower()] = part
        self._vml[part] = _Vml(part, data)
        self._changed_vml.add(part)

    def _delete_part(self, part: str) -> None:
        if part in self._names:
            self._names.remove(part)
        self._lower.pop(part.lower(), None)
        self._vml.pop(part, None)
        self._changed_vml.discard(part)
        self._xml.pop(part, None)
        self._dirty.discard(part)
        self._sheets_cache.pop(part, None)

    def _unique_name(self, pattern: str) -> str:
        n = 1
        while self._exists(pattern.format(n)):
            n += 1
        return pattern.format(n)

    def _resolve(self, source: str, target: str) -> str:
        target = unquote(target.split("#")[0])
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        return self._find(path) or path

    @staticmethod
    def _rels_name(part: str) -> str:
        folder, name = posixpath.split(part)
        return posixpath.join(folder, "_rels", name + ".rels")

    def _rels(self, part: str) -> list[tuple[str, str, str | None, object]]:
        """(Id, Type, resolved target part or None for external, element) of a part's relationships."""
        name = self._find(self._rels_name(part))
        if name is None:
            return []
        out = []
        for rel in self._doc(name).root:
            if _local(rel) != "Relationship":
                continue
            external = rel.get("TargetMode") == "External"
            target = None if external else self._resolve(part, rel.get("Target", ""))
            out.append((rel.get("Id", ""), rel.get("Type", ""), target, rel))
        return out

    def _add_rel(self, source: str, rtype: str, target: str) -> str:
        rels_name = self._rels_name(source)
        existing = self._find(rels_name)
        if existing is None:
            root = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
            self._add_part(rels_name, root)
            existing = rels_name
        root = self._doc(existing).root
        ids = {r.get("Id") for r in root if _local(r) == "Relationship"}
        nums = [int(i[3:]) for i in ids if i and i.startswith("rId") and i[3:].isdigit()]
        n = max(nums, default=0) + 1
        while f"rId{n}" in ids:
            n += 1
        rel = etree.SubElement(root, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", rtype)
        rel.set("Target", posixpath.relpath(target, posixpath.dirname(source) or "."))
        self._touch(existing)
        return f"rId{n}"

    def _remove_rel(self, source: str, rid: str) -> None:
        name = self._find(self._rels_name(source))
        if name is None:
            return
        root = self._doc(name).root
        for rel in list(root):
            if _local(rel) == "Relationship" and rel.get("Id") == rid:
                _remove(rel)
                self._touch(name)
        if not any(_local(r) == "Relationship" for r in root):
            self._delete_part(name)

    def _ct_root(self):
        return self._doc(self._ct_part).root

    def _ct_override(self, part: str, ctype: str | None) -> None:
        """Add (ctype given) or remove (None) the Override of a part."""
        root = self._ct_root()
        name = "/" + part
        for el in list(root):
            if _local(el) == "Override" and el.get("PartName", "").lower() == name.lower():
                if ctype is None:
                    _remove(el)
                    self._touch(self._ct_part)
                return
        if ctype is not None:
            el = etree.SubElement(root, f"{{{CT_NS}}}Override")
            el.set("PartName", name)
            el.set("ContentType", ctype)
            self._touch(self._ct_part)

    def _ct_default(self, ext: str, ctype: str | None) -> None:
        root = self._ct_root()
        defaults = [el for el in root if _local(el) == "Default"]
        for el in defaults:
            if el.get("Extension", "").lower() == ext:
                if ctype is None:
                    _remove(el)
                    self._touch(self._ct_part)
                return
        if ctype is None:
            return
        el = etree.Element(f"{{{CT_NS}}}Default")
        el.set("Extension", ext)
        el.set("ContentType", ctype)
        if defaults:
            defaults[-1].addnext(el)
        else:
            root.insert(0, el)
        self._touch(self._ct_part)

    def _workbook_part(self) -> str:
        root_rels = self._find("_rels/.rels")
        if root_rels is not None:
            for rel in self._doc(root_rels).root:
                if _local(rel) == "Relationship" and rel.get("Type") == RT_OFFICE_DOC:
                    part = self._resolve("", rel.get("Target", ""))
                    if self._exists(part):
                        return self._find(part)
                if _local(rel) == "Relationship" and "purl.oclc.org" in rel.get("Type", ""):
                    raise PatchError("工作簿是“Strict Open XML”格式，暂不支持写入。请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再试")
        part = self._find("xl/workbook.xml")
        if part is None:
            raise PatchError("不是 Excel 工作簿（缺少 workbook.xml）")
        return part

    # ------------------------------------------------------------------ workbook structure

    def sheet_names(self) -> list[str]:
        """Sheet names in workbook order (worksheets and chart sheets)."""
        return [name for name, _, _ in self._sheets]

    def defined_name(self, name: str) -> str | None:
        """Refers-to text of a workbook-scoped defined name (case-insensitive), e.g. ``'评分'!$F$5``."""
        el = self._defined_name_el(name)
        return None if el is None else (el.text or "")

    def _defined_name_el(self, name: str):
        names = self._doc(self._wb_part).root.find(_m("definedNames"))
        for dn in (names if names is not None else []):
            if _local(dn) == "definedName" and dn.get("localSheetId") is None \
                    and dn.get("name", "").casefold() == name.casefold():
                return dn
        return None

    def _sheet_part(self, sheet: str) -> str:
        match = [s for s in self._sheets if s[0] == sheet] or \
                [s for s in self._sheets if s[0].casefold() == str(sheet).casefold()]
        if not match:
            raise PatchError(f"工作簿中没有名为“{sheet}”的工作表")
        name, part, rtype = match[0]
        if rtype != RT_WORKSHEET:
            raise PatchError(f"“{name}”不是普通工作表（可能是图表工作表），不能写入单元格")
        if part is None or not self._exists(part):
            raise PatchError(f"工作表“{name}”的内容缺失，工作簿已损坏")
        return self._find(part)

    def _sheet(self, sheet_or_part: str, by_part: bool = False) -> _Sheet:
        part = sheet_or_part if by_part else self._sheet_part(sheet_or_part)
        doc = self._sheets_cache.get(part)
        if doc is None:
            root = self._doc(part).root
            if etree.QName(root).namespace != MAIN:
                raise PatchError(f"工作表部件 {part} 不是受支持的格式")
            doc = self._sheets_cache[part] = _Sheet(part, root)
        return doc

    def _worksheet_parts(self) -> list[str]:
        return [self._find(p) for _, p, t in self._sheets if t == RT_WORKSHEET and p and self._exists(p)]

    def _date1904(self) -> bool:
        pr = self._doc(self._wb_part).root.find(_m("workbookPr"))
        return pr is not None and pr.get("date1904") in ("1", "true")

    # ------------------------------------------------------------------ values

    def _convert(self, value) -> tuple[str | None, str | None]:
        if value is None:
            return None, None
        if isinstance(value, bool):
            return "b", "1" if value else "0"
        if isinstance(value, (_dt.datetime, _dt.date, _dt.time, _dt.timedelta)):
            return "n", _number_text(_serial(value, self._date1904()))
        if isinstance(value, numbers.Integral):
            return "n", str(int(value))
        if isinstance(value, decimal.Decimal):
            if not value.is_finite():
                raise PatchError("不能写入无穷大或非数字（NaN）")
            return "n", _number_text(float(value))
        if isinstance(value, numbers.Real):
            return "n", _number_text(float(value))
        if isinstance(value, str):
            if len(value) > MAX_CELL_CHARS:
                raise PatchError(f"文字过长（{len(value)} 字），Excel 单元格最多 {MAX_CELL_CHARS} 字")
            return "s", value
        raise PatchError(f"不支持写入 {type(value).__name__} 类型的值")

    def _clear_cell_value(self, sheet: _Sheet, cell, promote: bool = True) -> bool:
        """Remove value, formula and type of a cell; True when something was removed."""
        changed = False
        f = cell.find(_m("f"))
        if f is not None:
            self._formulas_removed = True
            if promote and f.get("t") == "shared" and f.get("ref") and (f.text or "").strip():
                self._promote_shared(sheet, cell, f)
        for child in list(cell):
            if _local(child) in ("f", "v", "is"):
                _remove(child)
                changed = True
        for attr in ("t", "cm", "vm"):
            if attr in cell.attrib:
                del cell.attrib[attr]
                changed = True
        return changed

    def _promote_shared(self, sheet: _Sheet, master, f) -> None:
        """The master of a shared formula loses its formula: the next cell of the group becomes master."""
        box = _parse_range(f.get("ref", ""))
        si = f.get("si")
        if box is None or si is None:
            return
        r1, c1, r2, c2 = box
        mr, mc = _parse_cell(master.get("r"))
        members = []
        for rn, row in sheet.rows_from(r1):
            if rn > r2:
                break
            for cn, c in sheet.cells(row):
                if c is master or not (c1 <= cn <= c2):
                    continue
                g = c.find(_m("f"))
                if g is not None and g.get("t") == "shared" and g.get("si") == si and not (g.text or "").strip():
                    members.append((rn, cn, g))
        if not members:
            return
        rn, cn, g = members[0]
        for k, v in f.attrib.items():
            if k not in ("ref", "si", "t"):
                g.set(k, v)
        g.text = shift_formula(f.text, rn - mr, cn - mc)
        g.set("ref", _range_name(min(x[0] for x in members), min(x[1] for x in members),
                                 max(x[0] for x in members), max(x[1] for x in members)))

    def set_value(self, sheet: str, ref: str, value) -> None:
        """Write one cell. ``None`` clears it; str is always text (inline string, never a formula).

        int/float/Decimal → number, bool → boolean, date/datetime/time → serial
        number (the cell keeps its style, so format it as a date in the template).
        An existing formula is removed (a shared-formula master hands over to the
        next cell of its group).
        """
        doc = self._sheet(sheet)
        r, c = _parse_cell(ref)
        kind, text = self._convert(value)
        if kind is None:
            cell = doc.cell(r, c, create=False)
            if cell is not None and self._clear_cell_value(doc, cell):
                self._values_changed = True
                if len(cell) == 0 and set(cell.attrib) <= {"r"}:
                    _remove(cell)
                self._touch(doc.part)
            return
        cell = doc.cell(r, c, create=True)
        self._clear_cell_value(doc, cell)
        if kind == "s":
            cell.set("t", "inlineStr")
            is_ = _insert_ordered(cell, etree.Element(_m("is")), CELL_ORDER)
            t = etree.SubElement(is_, _m("t"))
            t.text = _xml_text(text)
            if _needs_preserve(text):
                t.set(_XML_SPACE, "preserve")
        else:
            if kind == "b":
                cell.set("t", "b")
            v = _insert_ordered(cell, etree.Element(_m("v")), CELL_ORDER)
            v.text = text
        doc.widen_dimension(r, c)
        self._values_changed = True
        self._touch(doc.part)

    def clear_rows(self, sheet: str, from_row: int) -> None:
        """Clear the contents (values, formulas) of every cell from ``from_row`` down, like Excel's Delete key.

        Cell and row formatting stays; cells and rows left without anything are
        removed; hyperlinks in that range are removed (ranges reaching into it are cut).
        """
        if not isinstance(from_row, int) or isinstance(from_row, bool) or not 1 <= from_row <= MAX_ROW:
            raise PatchError(f"起始行号 {from_row!r} 无效")
        doc = self._sheet(sheet)
        changed = False
        for rn, row in doc.rows_from(from_row):
            for _, cell in doc.cells(row):
                # a shared formula's group lies below its master: all of it is cleared too
                if self._clear_cell_value(doc, cell, promote=False):
                    changed = True
                    self._values_changed = True
                if len(cell) == 0 and set(cell.attrib) <= {"r"}:
                    _remove(cell)
                    changed = True
            if not any(_local(ch) == "c" for ch in row) and set(row.attrib) <= {"r", "spans"}:
                doc.drop_row(rn)
                changed = True
        links = doc.root.find(_m("hyperlinks"))
        if links is not None:
            for h in list(links):
                box = _parse_range(h.get("ref", "")) if _local(h) == "hyperlink" else None
                if box is None:
                    continue
                r1, c1, r2, c2 = box
                if r1 >= from_row:
                    self._drop_hyperlink(doc, h)
                    changed = True
                elif r2 >= from_row:
                    h.set("ref", _range_name(r1, c1, from_row - 1, c2))
                    changed = True
            if not any(_local(h) == "hyperlink" for h in links):
                _remove(links)
        if changed:
            self._touch(doc.part)

    # ------------------------------------------------------------------ hyperlinks

    def _drop_hyperlink(self, doc: _Sheet, h) -> None:
        rid = h.get(_R_ID)
        _remove(h)
        if rid:
            self._drop_rel_if_unused(doc, rid)

    def _drop_rel_if_unused(self, doc: _Sheet, rid: str) -> None:
        for el in doc.root.iter():
            if isinstance(el.tag, str) and el.get(_R_ID) == rid:
                return
        self._remove_rel(doc.part, rid)

    def set_hyperlink(self, sheet: str, ref: str, location: str | None, tooltip: str | None = None,
                      display: str | None = None) -> None:
        """Link a cell to a place in the workbook (``location="'申报表'!C7"``); ``None`` removes the cell's link."""
        doc = self._sheet(sheet)
        r, c = _parse_cell(ref)
        name = _cell_name(r, c)
        links = doc.root.find(_m("hyperlinks"))
        old = None
        for h in (links if links is not None else []):
            if _local(h) == "hyperlink" and (h.get("ref") or "").replace("$", "").upper() == name:
                old = h
                break
        if location is None:
            if old is not None:
                self._drop_hyperlink(doc, old)
                if not any(_local(h) == "hyperlink" for h in links):
                    _remove(links)
                self._touch(doc.part)
            return
        if links is None:
            links = _insert_ordered(doc.root, etree.Element(_m("hyperlinks")), WORKSHEET_ORDER)
        new = etree.Element(_m("hyperlink"))
        new.set("ref", name)
        new.set("location", str(location))
        if tooltip is not None:
            new.set("tooltip", str(tooltip))
        if display is not None:
            new.set("display", str(display))
        if old is not None:
            old.addprevious(new)
            self._drop_hyperlink(doc, old)
        else:
            links.append(new)
        self._touch(doc.part)

    # ------------------------------------------------------------------ styles

    def _styles_part(self) -> str:
        for _, rtype, target, _ in self._rels(self._wb_part):
            if rtype == RT_STYLES and target and self._exists(target):
                return self._find(target)
        part = "xl/styles.xml" if not self._exists("xl/styles.xml") else self._unique_name("xl/styles{}.xml")
        root = etree.fromstring(
            f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
            '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
        self._add_part(part, root)
        self._add_rel(self._wb_part, RT_STYLES, part)
        self._ct_override(part, CT_STYLES)
        return part

    def _styles_list(self, tag: str, item: str, create: bool = True):
        root = self._doc(self._styles_part()).root
        el = root.find(_m(tag))
        if el is None and create:
            el = _insert_ordered(root, etree.Element(_m(tag)), STYLES_ORDER)
            if tag == "fills":
                for pattern in ("none", "gray125"):
                    etree.SubElement(etree.SubElement(el, _m("fill")), _m("patternFill"), patternType=pattern)
            if tag == "cellXfs":
                etree.SubElement(el, _m("xf"), numFmtId="0", fontId="0", fillId="0", borderId="0", xfId="0")
        items = [] if el is None else [x for x in el if _local(x) == item]
        return el, items

    @staticmethod
    def _fill_severity(fill) -> str | None:
        """'error'/'warning' when ``fill`` is exactly one of this tool's mark fills."""
        pf = [x for x in fill if isinstance(x.tag, str)]
        if len(pf) != 1 or _local(pf[0]) != "patternFill" or pf[0].get("patternType") != "solid":
            return None
        fg = pf[0].find(_m("fgColor"))
        if fg is None or set(fg.attrib) != {"rgb"}:
            return None
        for sev, rgb in MARK_FILLS.items():
            if fg.get("rgb", "").upper() == rgb:
                return sev
        return None

    def _fill_id(self, severity: str) -> int:
        if severity in self._fill_ids:
            return self._fill_ids[severity]
        fills, items = self._styles_list("fills", "fill")
        for i, fill in enumerate(items):
            if self._fill_severity(fill) == severity:
                self._fill_ids[severity] = i
                return i
        fill = etree.SubElement(fills, _m("fill"))
        pf = etree.SubElement(fill, _m("patternFill"), patternType="solid")
        etree.SubElement(pf, _m("fgColor"), rgb=MARK_FILLS[severity])
        etree.SubElement(pf, _m("bgColor"), indexed="64")
        fills.set("count", str(len(items) + 1))
        self._touch(self._styles_part())
        self._fill_ids[severity] = len(items)
        return len(items)

    @staticmethod
    def _xf_key(xf) -> tuple:
        attrs = tuple(sorted((k, v) for k, v in xf.attrib.items() if k not in ("fillId", "applyFill")))
        return attrs, tuple(etree.tostring(ch, with_tail=False) for ch in xf if isinstance(ch.tag, str))

    def _marks(self) -> dict[int, int]:
        """marked-xf → original-xf, from the hidden name, keeping only pairs that still check out."""
        if self._mark_map is not None:
            return self._mark_map
        self._mark_map = {}
        el = self._defined_name_el(MARKS_NAME)
        text = "".join(s.replace('""', '"') for s in re.findall(r'"((?:[^"]|"")*)"', el.text or "")) \
            if el is not None else ""
        pairs = []
        for item in text.split(","):
            m = re.fullmatch(r"\s*(\d+):(\d+)\s*", item)
            if m:
                pairs.append((int(m.group(1)), int(m.group(2))))
        if not pairs:
            return self._mark_map
        _, xfs = self._styles_list("cellXfs", "xf", create=False)
        _, fills = self._styles_list("fills", "fill", create=False)
        for marked, orig in pairs:
            if marked == orig or marked >= len(xfs) or orig >= len(xfs):
                continue
            xf = xfs[marked]
            fid = xf.get("fillId", "0")
            sev = self._fill_severity(fills[int(fid)]) if fid.isdigit() and int(fid) < len(fills) else None
            if sev is None or self._xf_key(xf) != self._xf_key(xfs[orig]):
                self._marks_changed = True          # stale pair (e.g. styles renumbered by Excel): dropped
                continue
            self._mark_map[marked] = orig
            self._mark_cache.setdefault((orig, sev), marked)
        return self._mark_map

    def _marked_xf(self, orig: int, severity: str) -> int:
        key = (orig, severity)
        if key in self._mark_cache:
            return self._mark_cache[key]
        fill_id = self._fill_id(severity)
        cell_xfs, xfs = self._styles_list("cellXfs", "xf")
        base = xfs[orig] if orig < len(xfs) else xfs[0]
        clone = copy.deepcopy(base)
        clone.tail = None
        clone.set("fillId", str(fill_id))
        clone.set("applyFill", "1")
        cell_xfs.append(clone)
        cell_xfs.set("count", str(len(xfs) + 1))
        self._touch(self._styles_part())
        new = len(xfs)
        self._mark_cache[key] = new
        self._mark_map[new] = orig
        self._marks_changed = True
        return new

    def _write_marks_name(self) -> None:
        wb = self._doc(self._wb_part).root
        pairs = [f"{k}:{v}" for k, v in sorted(self._mark_map.items())]
        chunks, cur = [], ""
        for p in pairs:                       # Excel limits a text constant to 255 characters
            if cur and len(cur) + 1 + len(p) > 250:
                chunks.append(cur)
                cur = p
            else:
                cur = f"{cur},{p}" if cur else p
        chunks.append(cur)
        text = "&".join(f'"{c}"' for c in chunks)
        el = self._defined_name_el(MARKS_NAME)
        if el is None:
            names = wb.find(_m("definedNames"))
            if names is None:
                names = _insert_ordered(wb, etree.Element(_m("definedNames")), WORKBOOK_ORDER)
            el = etree.SubElement(names, _m("definedName"))
            el.set("name", MARKS_NAME)
            el.set("hidden", "1")
        if el.text != text:
            el.text = text
            self._touch(self._wb_part)

    # ------------------------------------------------------------------ comments

    def _comments_part(self, sheet_part: str) -> tuple[str | None, str | None]:
        for rid, rtype, target, _ in self._rels(sheet_part):
            if rtype == RT_COMMENTS and target and self._exists(target):
                return self._find(target), rid
        return None, None

    def _vml_part(self, doc: _Sheet, create: bool) -> str | None:
        legacy = doc.root.find(_m("legacyDrawing"))
        if legacy is not None:
            rid = legacy.get(_R_ID)
            for r, rtype, target, _ in self._rels(doc.part):
                if r == rid and target and self._exists(target):
                    return self._find(target)
            if not create:
                return None
            raise PatchError(f"工作表部件 {doc.part} 的批注绘图缺失，工作簿已损坏")
        if not create:
            return None
        part = self._unique_name("xl/drawings/vmlDrawing{}.vml")
        self._add_vml(part, (
            f'<xml xmlns:v="{V_NS}" xmlns:o="{O_NS}" xmlns:x="{X_NS}">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{self._next_vml_block()}"/></o:shapelayout>'
            f'{_SHAPETYPE}</xml>').encode())
        rid = self._add_rel(doc.part, RT_VML, part)
        self._ct_default("vml", CT_VML)
        legacy = etree.Element(_m("legacyDrawing"), nsmap={"r": R_NS})
        legacy.set(_R_ID, rid)
        _insert_ordered(doc.root, legacy, WORKSHEET_ORDER)
        self._touch(doc.part)
        return part

    def _vml_state(self, part: str) -> _Vml:
        vml = self._vml.get(part)
        if vml is None:
            data = self._orig[part]
            if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise PatchError(f"批注绘图 {part} 的格式不受支持（UTF-16 或含 DTD），已拒绝处理")
            vml = self._vml[part] = _Vml(part, data)
        return vml

    def _next_vml_block(self) -> int:
        used = [0]
        for name in self._names:
            if name.lower().endswith(".vml"):
                data = self._vml[name].data if name in self._vml else self._orig.get(name, b"")
                for m in _VML_IDMAP.finditer(data):
                    used += [int(x) for x in re.findall(rb"\d+", m.group(1))]
        return max(used) + 1

    def _ensure_note_shape(self, vml_part: str, row0: int, col0: int) -> None:
        """A hidden comment box for (row0, col0) in the sheet's VML drawing."""
        if self._vml_state(vml_part).add_note(row0, col0):
            self._changed_vml.add(vml_part)

    @staticmethod
    def _comment_text(text: str):
        el = etree.Element(_m("text"))
        run = etree.SubElement(el, _m("r"))
        rpr = etree.SubElement(run, _m("rPr"))
        etree.SubElement(rpr, _m("sz"), val="9")
        etree.SubElement(rpr, _m("rFont"), val="宋体")
        etree.SubElement(rpr, _m("charset"), val="134")
        t = etree.SubElement(run, _m("t"))
        t.text = _xml_text(text)
        if _needs_preserve(text):
            t.set(_XML_SPACE, "preserve")
        return el

    def _comments_by_ref(self, cpart: str) -> dict[str, object]:
        index = self._comment_index.get(cpart)
        if index is None:
            index = {}
            clist = self._doc(cpart).root.find(_m("commentList"))
            for cm in (clist if clist is not None else []):
                if _local(cm) == "comment":
                    index.setdefault((cm.get("ref") or "").replace("$", "").upper(), cm)
            self._comment_index[cpart] = index
        return index

    def _put_comment(self, doc: _Sheet, r: int, c: int, text: str) -> bool:
        name = _cell_name(r, c)
        cpart, _ = self._comments_part(doc.part)
        if cpart is None:
            cpart = self._unique_name("xl/comments{}.xml")
            root = etree.Element(_m("comments"), nsmap={None: MAIN})
            etree.SubElement(root, _m("authors"))
            etree.SubElement(root, _m("commentList"))
            self._add_part(cpart, root)
            self._add_rel(doc.part, RT_COMMENTS, cpart)
            self._ct_override(cpart, CT_COMMENTS)
        root = self._doc(cpart).root
        authors_el = root.find(_m("authors"))
        if authors_el is None:
            authors_el = _insert_ordered(root, etree.Element(_m("authors")), COMMENTS_ORDER)
        authors = [a.text or "" for a in authors_el if _local(a) == "author"]
        index = self._comments_by_ref(cpart)
        cm = index.get(name)
        if cm is not None:
            aid = cm.get("authorId", "")
            if not (aid.isdigit() and int(aid) < len(authors) and authors[int(aid)] == AUTHOR):
                return False                      # the user's own comment: leave it alone
            old = cm.find(_m("text"))
            new = self._comment_text(text)
            if old is None or etree.tostring(old) != etree.tostring(new):
                if old is not None:
                    old.addprevious(new)
                    _remove(old)
                else:
                    cm.insert(0, new)
                self._touch(cpart)
            self._ensure_note_shape(self._vml_part(doc, create=True), r - 1, c - 1)
            return True
        if AUTHOR in authors:
            aid = authors.index(AUTHOR)
        else:
            etree.SubElement(authors_el, _m("author")).text = AUTHOR
            aid = len(authors)
        clist = root.find(_m("commentList"))
        if clist is None:
            clist = _insert_ordered(root, etree.Element(_m("commentList")), COMMENTS_ORDER)
        cm = etree.Element(_m("comment"))
        cm.set("ref", name)
        cm.set("authorId", str(aid))
        cm.set("shapeId", "0")
        cm.append(self._comment_text(text))
        last = next((x for x in reversed(clist) if _local(x) == "comment"), None)
        pos = _parse_range(last.get("ref", "")) if last is not None else None
        after = None
        if pos is not None and (pos[0], pos[1]) > (r, c):           # keep row-major order
            for other in clist:
                pos = _parse_range(other.get("ref", "")) if _local(other) == "comment" else None
                if pos is not None and (pos[0], pos[1]) > (r, c):
                    after = other
                    break
        if after is not None:
            after.addprevious(cm)
        else:
            clist.append(cm)
        index[name] = cm
        self._touch(cpart)
        self._ensure_note_shape(self._vml_part(doc, create=True), r - 1, c - 1)
        return True

    def _remove_our_comments(self, part: str) -> None:
        cpart, crid = self._comments_part(part)
        original = self._orig.get(cpart, b"") if cpart else b""
        if cpart is None or (cpart not in self._xml and AUTHOR.encode() not in original
                             and not _RIBBON_NOTE_BYTES.search(original)):
            return
        self._comment_index.pop(cpart, None)
        root = self._doc(cpart).root
        authors_el = root.find(_m("authors"))
        authors = [a for a in (authors_el if authors_el is not None else []) if _local(a) == "author"]
        aid = next((i for i, a in enumerate(authors) if (a.text or "") == AUTHOR), None)
        clist = root.find(_m("commentList"))
        removed, remaining = set(), set()
        for cm in list(clist if clist is not None else []):
            if _local(cm) != "comment":
                continue
            pos = _parse_range(cm.get("ref", ""))
            # ours: authored shibai-xl here, or written by the Excel add-in (Excel records the user as author)
            if (aid is not None and cm.get("authorId") == str(aid)) or _RIBBON_NOTE.match(_comment_text(cm)):
                _remove(cm)
                if pos:
                    removed.add((pos[0] - 1, pos[1] - 1))
            elif pos:
                remaining.add((pos[0] - 1, pos[1] - 1))
        if not removed:
            return
        if aid is not None:
            _remove(authors[aid])
            for cm in root.iter(_m("comment")):
                a = cm.get("authorId", "")
                if a.isdigit() and int(a) > aid:
                    cm.set("authorId", str(int(a) - 1))
        self._touch(cpart)
        doc = self._sheet(part, by_part=True)
        if not any(_local(cm) == "comment" for cm in (clist if clist is not None else [])):
            self._delete_part(cpart)
            self._remove_rel(part, crid)
            self._ct_override(cpart, None)
        vml = self._vml_part(doc, create=False)
        if vml is None:
            return
        state = self._vml_state(vml)
        if state.remove_notes(removed - remaining):
            self._changed_vml.add(vml)
        if state.empty():
            legacy = doc.root.find(_m("legacyDrawing"))
            rid = legacy.get(_R_ID)
            _remove(legacy)
            self._touch(part)
            self._delete_part(vml)
            self._remove_rel(part, rid)
            self._ct_override(vml, None)
            if not any(n.lower().endswith(".vml") for n in self._names):
                self._ct_default("vml", None)

    # ------------------------------------------------------------------ marks

    def mark(self, sheet: str, ref: str, severity: str, comment_text: str) -> bool:
        """Fill a cell (error → FFC7CE, warning → FFEB9C) and attach a comment authored ``shibai-xl``.

        Marking a marked cell replaces the earlier mark. Returns False when the
        cell already carries a comment of the user's (that comment is kept and no
        comment is added; the fill is still applied).
        """
        if severity not in MARK_FILLS:
            raise PatchError(f"标记级别“{severity}”无效，应为 error 或 warning")
        doc = self._sheet(sheet)
        r, c = _parse_cell(ref)
        cell = doc.cell(r, c, create=True)
        s = cell.get("s", "0")
        current = int(s) if s.isdigit() else 0
        marks = self._marks()
        orig = marks.get(current, current)
        new = self._marked_xf(orig, severity)
        if cell.get("s") != str(new):
            cell.set("s", str(new))
        self._touch(doc.part)
        return self._put_comment(doc, r, c, str(comment_text))

    def clear_marks(self) -> None:
        """Remove every fill and comment this tool added (all sheets); the user's comments stay."""
        marks = self._marks()
        pattern = re.compile(rb'\ss="(' + b"|".join(str(k).encode() for k in marks) + rb')"') if marks else None
        for part in self._worksheet_parts():
            if pattern is not None and (part in self._xml or pattern.search(self._orig.get(part, b""))):
                self._restore_styles(part, marks)
            self._remove_our_comments(part)

    def _restore_styles(self, part: str, marks: dict[int, int]) -> None:
        doc = self._sheet(part, by_part=True)
        doc.all_rows()                                  # row numbers made explicit
        emptied = []
        for cell in list(doc.data.iter(_m("c"))):
            s = cell.get("s", "")
            if not s.isdigit() or int(s) not in marks:
                continue
            row = cell.getparent()
            if cell.get("r") is None:
                doc.cells(row)
            rn, cn = _parse_cell(cell.get("r"))
            orig = marks[int(s)]
            if orig:
                cell.set("s", str(orig))
            else:
                del cell.attrib["s"]
            self._touch(part)
            if len(cell) == 0 and set(cell.attrib) <= {"r", "s"} and orig == doc.inherited_style(row, cn):
                _remove(cell)                   # an empty cell the mark created
                emptied.append((rn, row))
        for rn, row in emptied:
            if row.getparent() is not None and not any(_local(ch) == "c" for ch in row) \
                    and set(row.attrib) <= {"r"}:
                doc.drop_row(rn)

    # ------------------------------------------------------------------ saving

    def _finalize(self) -> None:
        if self._marks_changed and self._mark_map is not None:
            self._write_marks_name()
        wb = self._doc(self._wb_part).root
        if self._formulas_removed:
            for rid, rtype, target, _ in self._rels(self._wb_part):
                if rtype == RT_CALC_CHAIN:
                    if target and self._exists(target):
                        self._ct_override(self._find(target), None)
                        self._delete_part(self._find(target))
                    self._remove_rel(self._wb_part, rid)
        if self._values_changed and self.recalc_on_open:
            calc = wb.find(_m("calcPr"))
            if calc is None:
                calc = _insert_ordered(wb, etree.Element(_m("calcPr")), WORKBOOK_ORDER)
            if calc.get("fullCalcOnLoad") not in ("1", "true"):
                calc.set("fullCalcOnLoad", "1")
                self._touch(self._wb_part)

    def to_bytes(self) -> bytes:
        """The patched package as bytes (what :meth:`save` writes)."""
        self._finalize()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name in self._names:
                if name in self._changed_vml:
                    data = self._vml[name].text()
                elif name in self._dirty:
                    data = self._xml[name].serialize()
                else:
                    data = self._orig[name]
                info = self._infos.get(name)
                if info is not None:
                    zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                    zi.compress_type = info.compress_type
                    zi.external_attr = info.external_attr
                    zi.create_system = info.create_system
                    zi.comment = info.comment
                else:
                    zi = zipfile.ZipInfo(name, date_time=FIXED_DATE)
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    zi.create_system = 0
                zf.writestr(zi, data)
            zf.comment = self._comment
        return buf.getvalue()

    def save(self, path: str | os.PathLike) -> None:
        """Write the patched workbook (atomically: a temporary file in the same folder, then renamed)."""
        out = Path(path)
        data = self.to_bytes()
        try:
            mode = out.stat().st_mode & 0o7777
        except OSError:
            mode = 0o644
        fd, tmp = tempfile.mkstemp(prefix=".~shibai-", suffix=out.suffix, dir=out.parent or ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, mode)
            os.replace(tmp, out)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
