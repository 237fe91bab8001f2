"""Comments (notes) this tool writes, and their boxes in the sheet's legacy VML drawing.

A comment is authored ``shibai-xl``; a user's own comment on a cell is never
replaced. Removing "ours" also removes notes the Excel add-in wrote (Excel records
the user as their author): those are recognised by
:data:`shibai_xl.engine.plan.OUR_NOTE`, the one place that says what our notes look like.

VML written by Excel is not always well-formed XML, so it is never parsed: new
comment boxes carry their own namespace declarations and go in just before the
closing ``</xml>``; removed ones are cut out by byte span.
"""
from __future__ import annotations

import re

from lxml import etree

from ....engine.plan import COMMENT_AUTHOR, OUR_NOTE, is_our_note
from ..opc import MAIN, R_ID, declares_dtd
from .parts import R_NS, Parts
from .sheet import Sheet, Sheets, cell_name, parse_range
from .values import text_element
from .xmlpart import COMMENTS_ORDER, WORKSHEET_ORDER, PatchError, insert_ordered, local, m, remove

AUTHOR = COMMENT_AUTHOR
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
X_NS = "urn:schemas-microsoft-com:office:excel"
RT_COMMENTS = R_NS + "/comments"
RT_VML = R_NS + "/vmlDrawing"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"

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
    for found in _VML_SHAPE.finditer(data):
        body = found.group(0)
        r, c = _VML_ROW.search(body), _VML_COL.search(body)
        if _VML_NOTE.search(body) and r and c:
            out.append((int(r.group(1)), int(c.group(1)), found.start(), found.end()))
    return out


def _note_box(shape_id: int, z: int, row0: int, col0: int) -> str:
    top = max(row0 - 1, 0)
    return (
        f'<v:shape xmlns:v="{V_NS}" xmlns:o="{O_NS}" xmlns:x="{X_NS}" id="_x0000_s{shape_id}" '
        f'type="#_x0000_t202" style="position:absolute;margin-left:{(col0 + 1) * 48 + 11.25:g}pt;'
        f'margin-top:{top * 15 + 1.5:g}pt;width:108pt;height:59.25pt;z-index:{z};visibility:hidden" '
        'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
        '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
        '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        f'<x:Anchor>{col0 + 1}, 15, {top}, 10, {col0 + 3}, 15, {top + 4}, 4</x:Anchor>'
        f'<x:AutoFill>False</x:AutoFill><x:Row>{row0}</x:Row><x:Column>{col0}</x:Column>'
        '</x:ClientData></v:shape>')


class Vml:
    """A legacy VML drawing edited as text."""

    def __init__(self, part: str, data: bytes):
        if data.rfind(b"</xml>") < 0:
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
        shape = _note_box(self.next_id, self.z, row0, col0)
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


def _comment_text(cm) -> str:
    return "".join(t.text or "" for t in cm.iter() if local(t) == "t")


def _author(cm, authors: list[str]) -> str:
    """The name of a comment's author ("" when its ``authorId`` names none)."""
    aid = cm.get("authorId", "")
    return authors[int(aid)] if aid.isdigit() and int(aid) < len(authors) else ""


def _rich_text(text: str):
    el = etree.Element(m("text"))
    run = etree.SubElement(el, m("r"))
    rpr = etree.SubElement(run, m("rPr"))
    etree.SubElement(rpr, m("sz"), val="9")
    etree.SubElement(rpr, m("rFont"), val="宋体")
    etree.SubElement(rpr, m("charset"), val="134")
    text_element(run, text)
    return el


class Notes:
    """The comments parts of the worksheets and their VML drawings."""

    def __init__(self, parts: Parts, sheets: Sheets):
        self.parts = parts
        self.sheets = sheets
        self._by_ref: dict[str, dict[str, object]] = {}   # comments part → cell → <comment>

    # --- parts ----------------------------------------------------------------------------------------
    def _comments_part(self, sheet_part: str) -> tuple[str | None, str | None]:
        for rid, rtype, target, _ in self.parts.rels(sheet_part):
            if rtype == RT_COMMENTS and target and self.parts.exists(target):
                return self.parts.find(target), rid
        return None, None

    def _new_comments_part(self, doc: Sheet) -> str:
        part = self.parts.unique_name("xl/comments{}.xml")
        root = etree.Element(m("comments"), nsmap={None: MAIN})
        etree.SubElement(root, m("authors"))
        etree.SubElement(root, m("commentList"))
        self.parts.add(part, root)
        self.parts.add_rel(doc.part, RT_COMMENTS, part)
        self.parts.content_type(part, CT_COMMENTS)
        return part

    def _vml_part(self, doc: Sheet, create: bool) -> str | None:
        legacy = doc.root.find(m("legacyDrawing"))
        if legacy is not None:
            rid = legacy.get(R_ID)
            for r, _, target, _ in self.parts.rels(doc.part):
                if r == rid and target and self.parts.exists(target):
                    return self.parts.find(target)
            if not create:
                return None
            raise PatchError(f"工作表部件 {doc.part} 的批注绘图缺失，工作簿已损坏")
        if not create:
            return None
        part = self.parts.unique_name("xl/drawings/vmlDrawing{}.vml")
        self.parts.add_text(part, Vml(part, (
            f'<xml xmlns:v="{V_NS}" xmlns:o="{O_NS}" xmlns:x="{X_NS}">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{self._next_vml_block()}"/></o:shapelayout>'
            f'{_SHAPETYPE}</xml>').encode()))
        rid = self.parts.add_rel(doc.part, RT_VML, part)
        self.parts.default_type("vml", CT_VML)
        legacy = etree.Element(m("legacyDrawing"), nsmap={"r": R_NS})
        legacy.set(R_ID, rid)
        insert_ordered(doc.root, legacy, WORKSHEET_ORDER)
        self.parts.touch(doc.part)
        return part

    def _vml(self, part: str) -> Vml:
        vml = self.parts.text.get(part)
        if vml is None:
            data = self.parts.orig[part]
            if data[:2] in (b"\xff\xfe", b"\xfe\xff") or declares_dtd(data):
                raise PatchError(f"批注绘图 {part} 的格式不受支持（UTF-16 或含 DTD），已拒绝处理")
            vml = self.parts.text[part] = Vml(part, data)
        return vml

    def _next_vml_block(self) -> int:
        used = [0]
        for name in self.parts.names:
            if name.lower().endswith(".vml"):
                data = self.parts.text[name].data if name in self.parts.text else self.parts.orig.get(name, b"")
                for found in _VML_IDMAP.finditer(data):
                    used += [int(x) for x in re.findall(rb"\d+", found.group(1))]
        return max(used) + 1

    def _show_box(self, doc: Sheet, r: int, c: int) -> None:
        """A hidden comment box for the cell in the sheet's VML drawing."""
        part = self._vml_part(doc, create=True)
        if self._vml(part).add_note(r - 1, c - 1):
            self.parts.changed_text.add(part)

    def _index(self, cpart: str) -> dict[str, object]:
        index = self._by_ref.get(cpart)
        if index is None:
            index = {}
            clist = self.parts.doc(cpart).root.find(m("commentList"))
            for cm in (clist if clist is not None else []):
                if local(cm) == "comment":
                    index.setdefault((cm.get("ref") or "").replace("$", "").upper(), cm)
            self._by_ref[cpart] = index
        return index

    # --- writing --------------------------------------------------------------------------------------
    def put(self, doc: Sheet, r: int, c: int, text: str) -> bool:
        """Our comment on a cell (replacing our earlier one); False when the cell has a comment of the user's."""
        cpart = self._comments_part(doc.part)[0] or self._new_comments_part(doc)
        root = self.parts.doc(cpart).root
        authors_el = root.find(m("authors"))
        if authors_el is None:
            authors_el = insert_ordered(root, etree.Element(m("authors")), COMMENTS_ORDER)
        authors = [a.text or "" for a in authors_el if local(a) == "author"]
        cm = self._index(cpart).get(cell_name(r, c))
        if cm is not None:
            if _author(cm, authors) != AUTHOR or not is_our_note(AUTHOR, _comment_text(cm)):
                return False                      # the user's own comment (or our note they wrote in): left alone
            self._replace_text(cpart, cm, text)
        else:
            if AUTHOR not in authors:
                etree.SubElement(authors_el, m("author")).text = AUTHOR
                authors.append(AUTHOR)
            self._add_comment(cpart, root, r, c, authors.index(AUTHOR), text)
        self._show_box(doc, r, c)
        return True

    def _replace_text(self, cpart: str, cm, text: str) -> None:
        old, new = cm.find(m("text")), _rich_text(text)
        if old is not None and etree.tostring(old) == etree.tostring(new):
            return
        if old is not None:
            old.addprevious(new)
            remove(old)
        else:
            cm.insert(0, new)
        self.parts.touch(cpart)

    def _add_comment(self, cpart: str, root, r: int, c: int, aid: int, text: str) -> None:
        clist = root.find(m("commentList"))
        if clist is None:
            clist = insert_ordered(root, etree.Element(m("commentList")), COMMENTS_ORDER)
        cm = etree.Element(m("comment"))
        cm.set("ref", cell_name(r, c))
        cm.set("authorId", str(aid))
        cm.set("shapeId", "0")
        cm.append(_rich_text(text))
        after = self._first_after(clist, r, c)
        if after is not None:
            after.addprevious(cm)
        else:
            clist.append(cm)
        self._index(cpart)[cell_name(r, c)] = cm
        self.parts.touch(cpart)

    @staticmethod
    def _first_after(clist, r: int, c: int):
        """The first comment placed after (r, c) in row-major order; None when the new one goes last."""
        last = next((x for x in reversed(clist) if local(x) == "comment"), None)
        pos = parse_range(last.get("ref", "")) if last is not None else None
        if pos is None or (pos[0], pos[1]) <= (r, c):
            return None
        for other in clist:
            pos = parse_range(other.get("ref", "")) if local(other) == "comment" else None
            if pos is not None and (pos[0], pos[1]) > (r, c):
                return other
        return None

    # --- removing ours --------------------------------------------------------------------------------
    def remove_ours(self, part: str) -> set[tuple[int, int]]:
        """Remove our comments from a worksheet (and their boxes; parts left empty go too); the cells (row,
        column; 1-based) whose comment went."""
        cpart, crid = self._comments_part(part)
        if cpart is None or not self._may_hold_ours(cpart):
            return set()
        self._by_ref.pop(cpart, None)
        root = self.parts.doc(cpart).root
        removed, remaining = self._cut_ours(root)
        if not removed:
            return set()
        self.parts.touch(cpart)
        doc = self.sheets.by_part(part)
        if next(root.iter(m("comment")), None) is None:
            self.parts.remove_part(part, cpart, crid)
        self._cut_boxes(doc, removed - remaining)
        return {(r + 1, c + 1) for r, c in removed - remaining}

    def _may_hold_ours(self, cpart: str) -> bool:
        """A quick look at the part's bytes before it is parsed: our author's name or one of our note texts."""
        if cpart in self.parts.xml:
            return True
        original = self.parts.orig.get(cpart, b"")
        return AUTHOR.encode() in original or bool(OUR_NOTE.search(original.decode("utf-8", "replace")))

    @staticmethod
    def _cut_ours(root) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        """Remove our comments (and our author); (cells whose comment went, cells whose comment stays), 0-based."""
        authors_el = root.find(m("authors"))
        authors = [a for a in (authors_el if authors_el is not None else []) if local(a) == "author"]
        aid = next((i for i, a in enumerate(authors) if (a.text or "") == AUTHOR), None)
        clist = root.find(m("commentList"))
        removed, remaining = set(), set()
        kept_author = False        # a note of ours a person wrote in stays, and with it our author
        for cm in list(clist if clist is not None else []):
            if local(cm) != "comment":
                continue
            pos = parse_range(cm.get("ref", ""))
            # ours: authored shibai-xl here, or written by the Excel add-in (Excel records the user as author)
            ours = is_our_note(_author(cm, [a.text or "" for a in authors]), _comment_text(cm))
            if ours:
                remove(cm)
            else:
                kept_author |= aid is not None and cm.get("authorId") == str(aid)
            if pos:
                (removed if ours else remaining).add((pos[0] - 1, pos[1] - 1))
        if removed and aid is not None and not kept_author:
            remove(authors[aid])
            for cm in root.iter(m("comment")):
                a = cm.get("authorId", "")
                if a.isdigit() and int(a) > aid:
                    cm.set("authorId", str(int(a) - 1))
        return removed, remaining

    def _cut_boxes(self, doc: Sheet, cells: set[tuple[int, int]]) -> None:
        vml = self._vml_part(doc, create=False)
        if vml is None:
            return
        state = self._vml(vml)
        if state.remove_notes(cells):
            self.parts.changed_text.add(vml)
        if not state.empty():
            return
        legacy = doc.root.find(m("legacyDrawing"))
        rid = legacy.get(R_ID)
        remove(legacy)
        self.parts.touch(doc.part)
        self.parts.remove_part(doc.part, vml, rid)
        if not any(n.lower().endswith(".vml") for n in self.parts.names):
            self.parts.default_type("vml", None)
