"""An XML part parsed for editing and written back as close to its original bytes as lxml allows.

lxml keeps namespace prefixes, ``mc:Ignorable`` declarations and unknown extension
elements; on top of that the root's start tag is written back verbatim when its
attributes did not change (libxml2 would list ``xmlns:*`` before ``mc:Ignorable``),
the prolog is kept, a part written with character references only stays ASCII, and
``<row r="3"></row>`` stays a pair. Also here: the schema order in which the
patch inserts new elements, and the :class:`PatchError` every refusal raises.
"""
from __future__ import annotations

import re
import xml.parsers.expat

from lxml import etree

from ....errors import RefusedWrite
from ..opc import MAIN, STRICT_MAIN, UnreadableFile, parse_xml  # noqa: F401 (STRICT_MAIN re-exported)

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"
STANDARD_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

# Child order of the elements the patch inserts into (ECMA-376 schemas).
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


class PatchError(RefusedWrite):
    """The workbook cannot be patched; ``str(e)`` is the Chinese message for the user."""


def m(tag: str) -> str:
    """A tag of the SpreadsheetML main namespace."""
    return f"{{{MAIN}}}{tag}"


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


# --------------------------------------------------------------------------- editing in schema order

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


def insert_ordered(parent, new, order: tuple[str, ...]):
    """Insert ``new`` before the first child that the schema puts after it."""
    k = order.index(etree.QName(new).localname)
    for child in parent:
        i = _order_index(child, order)
        if i is not None and i > k:
            child.addprevious(new)
            return new
    parent.append(new)
    return new


def remove(el) -> None:
    """Remove an element, keeping the whitespace that followed it."""
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# --------------------------------------------------------------------------- faithful round trip

_DECL = re.compile(rb"^(\xef\xbb\xbf)?(<\?xml[^>]*\?>)?[ \t\r\n]*")
_EMPTY_PAIR = re.compile(rb"<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?(?<!/)></\1>")


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


class XmlPart:
    """A parsed part. The root's start tag is written back verbatim when its attributes and
    namespaces did not change."""

    __slots__ = ("root", "prolog", "root_tag", "root_sig", "encoding")

    def __init__(self, root, prolog: bytes = STANDARD_DECL, root_tag: bytes | None = None, ascii_only: bool = False):
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


def _keep_empty_pairs(root, data: bytes) -> None:
    """Elements written ``<row r="3"></row>`` (openpyxl does) are written back that way, not as ``<row/>``."""
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


def parse_part(part: str, data: bytes) -> XmlPart:
    """A part of the package, parsed by the package layer's safe parser, ready to be edited and written back."""
    try:
        root = parse_xml(data, part)
    except UnreadableFile as e:
        raise PatchError(str(e)) from None
    m_ = _DECL.match(data)
    prolog = m_.group(0) if m_ else b""
    decl = (m_.group(2) or b"") if m_ else b""
    enc = re.search(rb"encoding\s*=\s*[\"']([^\"']+)", decl)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (enc and enc.group(1).lower().replace(b"-", b"") != b"utf8"):
        return XmlPart(root, STANDARD_DECL)
    if _EMPTY_PAIR.search(data):
        _keep_empty_pairs(root, data)
    span = _start_tag(data)
    return XmlPart(root, prolog, data[span[0]:span[1]] if span else None, ascii_only=data.isascii())
