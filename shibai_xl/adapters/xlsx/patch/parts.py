"""The package being patched: its parts in memory, their relationships and content types.

The zip is read once through the package layer (:func:`~shibai_xl.adapters.xlsx.opc.open_zip`,
the same directory checks as every reader) and kept as bytes; a part is parsed only
when something changes in it. :meth:`Parts.to_bytes` writes every untouched part
byte-identical, in the original order, with the original compression.
"""
from __future__ import annotations

import io
import os
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ..opc import INFLATE_ERRORS, MAIN, MAX_FILE_BYTES, PKG_REL, R_ID, UnreadableFile, open_zip, rels_name, resolve
from .xmlpart import STANDARD_DECL, STRICT_MAIN, PatchError, XmlPart, local, m, parse_part, remove

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_OFFICE_DOC = R_NS + "/officeDocument"
RT_WORKSHEET = R_NS + "/worksheet"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
STRICT = "工作簿是“Strict Open XML”格式，暂不支持写入。请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再试"


class Parts:
    """Every part of one .xlsx/.xlsm package, by name; XML parts parsed on first use."""

    def __init__(self, path: str | os.PathLike):
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError:
            raise PatchError(f"找不到文件：{path}") from None
        if size > MAX_FILE_BYTES:
            raise PatchError(f"文件过大（{size // 1024 // 1024} MB），已拒绝处理")
        try:
            with open_zip(path.read_bytes(), prologs=False) as zf:
                infos = zf.infolist()
                self.comment = zf.comment
                self.orig = {i.filename: zf.read(i) for i in infos}
        except UnreadableFile as e:
            raise PatchError(str(e)) from None
        except INFLATE_ERRORS:
            raise PatchError("工作簿文件已损坏（zip 校验失败），请重新获取原文件") from None
        self.infos = {i.filename: i for i in infos}
        self.names: list[str] = [i.filename for i in infos]   # current parts, output order
        self._lower = {n.lower(): n for n in self.names}
        self.xml: dict[str, XmlPart] = {}
        self.dirty: set[str] = set()
        self.text: dict[str, object] = {}        # parts edited as text (VML), by name: an object with .text()
        self.changed_text: set[str] = set()
        ct = self.find("[Content_Types].xml")
        if ct is None:
            raise PatchError("不是有效的 Excel 工作簿（缺少 [Content_Types].xml）")
        self.ct_part = ct
        self.workbook = self._workbook_part()
        root = self.doc(self.workbook).root
        ns = etree.QName(root).namespace
        if ns == STRICT_MAIN:
            raise PatchError(STRICT)
        if ns != MAIN or etree.QName(root).localname != "workbook":
            raise PatchError("不是有效的 Excel 工作簿（workbook.xml 内容不对）")

    # ------------------------------------------------------------------ parts
    def find(self, name: str) -> str | None:
        return self._lower.get(name.lower())

    def exists(self, name: str) -> bool:
        return name.lower() in self._lower

    def doc(self, part: str) -> XmlPart:
        doc = self.xml.get(part)
        if doc is None:
            doc = self.xml[part] = parse_part(part, self.orig[part])
        return doc

    def touch(self, part: str) -> None:
        self.dirty.add(part)

    def add(self, part: str, root, prolog: bytes = STANDARD_DECL) -> None:
        self.xml[part] = XmlPart(root, prolog)
        self._name(part)
        self.dirty.add(part)

    def add_text(self, part: str, editor) -> None:
        """A new part edited as text (``editor.text()`` gives its bytes)."""
        self._name(part)
        self.text[part] = editor
        self.changed_text.add(part)

    def _name(self, part: str) -> None:
        self.names.append(part)
        self._lower[part.lower()] = part

    def delete(self, part: str) -> None:
        if part in self.names:
            self.names.remove(part)
        self._lower.pop(part.lower(), None)
        self.text.pop(part, None)
        self.changed_text.discard(part)
        self.xml.pop(part, None)
        self.dirty.discard(part)

    def unique_name(self, pattern: str) -> str:
        n = 1
        while self.exists(pattern.format(n)):
            n += 1
        return pattern.format(n)

    # ------------------------------------------------------------------ relationships
    def rels(self, part: str) -> list[tuple[str, str, str | None, object]]:
        """(Id, Type, resolved target part or None for external, element) of a part's relationships."""
        name = self.find(rels_name(part))
        if name is None:
            return []
        out = []
        for rel in self.doc(name).root:
            if local(rel) != "Relationship":
                continue
            external = rel.get("TargetMode") == "External"
            target = None if external else self._resolve(part, rel.get("Target", ""))
            out.append((rel.get("Id", ""), rel.get("Type", ""), target, rel))
        return out

    def _resolve(self, source: str, target: str) -> str:
        path = resolve(source, target)
        return self.find(path) or path

    def target(self, source: str, rtype: str) -> str | None:
        """The existing part that ``source``'s first relationship of ``rtype`` points at."""
        for _, t, target, _ in self.rels(source):
            if t == rtype and target and self.exists(target):
                return self.find(target)
        return None

    def add_rel(self, source: str, rtype: str, target: str) -> str:
        name = rels_name(source)
        existing = self.find(name)
        if existing is None:
            self.add(name, etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL}))
            existing = name
        root = self.doc(existing).root
        ids = {r.get("Id") for r in root if local(r) == "Relationship"}
        nums = [int(i[3:]) for i in ids if i and i.startswith("rId") and i[3:].isdigit()]
        n = max(nums, default=0) + 1
        while f"rId{n}" in ids:
            n += 1
        rel = etree.SubElement(root, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", rtype)
        rel.set("Target", posixpath.relpath(target, posixpath.dirname(source) or "."))
        self.touch(existing)
        return f"rId{n}"

    def remove_rel(self, source: str, rid: str) -> None:
        name = self.find(rels_name(source))
        if name is None:
            return
        root = self.doc(name).root
        for rel in list(root):
            if local(rel) == "Relationship" and rel.get("Id") == rid:
                remove(rel)
                self.touch(name)
        if not any(local(r) == "Relationship" for r in root):
            self.delete(name)

    def drop_rel_if_unused(self, part: str, root, rid: str) -> None:
        """Remove relationship ``rid`` of ``part`` unless an element of ``root`` still refers to it."""
        for el in root.iter():
            if isinstance(el.tag, str) and el.get(R_ID) == rid:
                return
        self.remove_rel(part, rid)

    # ------------------------------------------------------------------ content types
    def content_type(self, part: str, ctype: str | None) -> None:
        """Add (ctype given) or remove (None) the Override of a part."""
        root = self.doc(self.ct_part).root
        name = "/" + part
        for el in list(root):
            if local(el) == "Override" and el.get("PartName", "").lower() == name.lower():
                if ctype is None:
                    remove(el)
                    self.touch(self.ct_part)
                return
        if ctype is not None:
            el = etree.SubElement(root, f"{{{CT_NS}}}Override")
            el.set("PartName", name)
            el.set("ContentType", ctype)
            self.touch(self.ct_part)

    def default_type(self, ext: str, ctype: str | None) -> None:
        """Add (ctype given) or remove (None) the Default content type of an extension."""
        root = self.doc(self.ct_part).root
        defaults = [el for el in root if local(el) == "Default"]
        for el in defaults:
            if el.get("Extension", "").lower() == ext:
                if ctype is None:
                    remove(el)
                    self.touch(self.ct_part)
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
        self.touch(self.ct_part)

    def remove_part(self, source: str, part: str, rid: str | None) -> None:
        """Delete ``part``, the relationship of ``source`` to it and its content-type override."""
        self.delete(part)
        if rid:
            self.remove_rel(source, rid)
        self.content_type(part, None)

    # ------------------------------------------------------------------ the workbook
    def _workbook_part(self) -> str:
        root_rels = self.find("_rels/.rels")
        if root_rels is not None:
            for rel in self.doc(root_rels).root:
                if local(rel) == "Relationship" and rel.get("Type") == RT_OFFICE_DOC:
                    part = self._resolve("", rel.get("Target", ""))
                    if self.exists(part):
                        return self.find(part)
                if local(rel) == "Relationship" and "purl.oclc.org" in rel.get("Type", ""):
                    raise PatchError(STRICT)
        part = self.find("xl/workbook.xml")
        if part is None:
            raise PatchError("不是 Excel 工作簿（缺少 workbook.xml）")
        return part

    def sheets(self) -> list[tuple[str, str | None, str]]:
        """(name, part or None, relationship type) of every sheet, in workbook order."""
        rels = {rid: (rtype, target) for rid, rtype, target, _ in self.rels(self.workbook)}
        sheets = self.doc(self.workbook).root.find(m("sheets"))
        out = []
        for s in (sheets if sheets is not None else []):
            if local(s) == "sheet":
                rtype, target = rels.get(s.get(R_ID, ""), ("", None))
                out.append((s.get("name", ""), target, rtype))
        return out

    def defined_name_el(self, name: str):
        names = self.doc(self.workbook).root.find(m("definedNames"))
        for dn in (names if names is not None else []):
            if local(dn) == "definedName" and dn.get("localSheetId") is None \
                    and dn.get("name", "").casefold() == name.casefold():
                return dn
        return None

    # ------------------------------------------------------------------ output
    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name in self.names:
                if name in self.changed_text:
                    data = self.text[name].text()
                elif name in self.dirty:
                    data = self.xml[name].serialize()
                else:
                    data = self.orig[name]
                zf.writestr(self._info(name), data)
            zf.comment = self.comment
        return buf.getvalue()

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self.infos.get(name)
        if info is None:
            zi = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            return zi
        zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
        zi.compress_type = info.compress_type
        zi.external_attr = info.external_attr
        zi.create_system = info.create_system
        zi.comment = info.comment
        return zi
