"""WPS's 嵌入单元格图片 kept through a save by openpyxl (QA qa72a). WPS keeps the pictures placed in cells in a part of
its own, ``xl/cellimages.xml`` (``etc:cellImages``, namespace http://www.wps.cn/officeDocument/2017/etCustomData),
named by the workbook's relationship of type http://www.wps.cn/officeDocument/2020/cellImage, the images under
``xl/media`` through the part's own relationships; each cell says which one it shows, =DISPIMG("ID_…",1). openpyxl
keeps the cells' formulas and drops the part: a clerk's pictures in the summary a refresh saves were gone (only
said, with the ``.bak``). Read here from the file before openpyxl opens it, as it is, and put back into the package
openpyxl wrote: the part byte for byte, its images under names of their own (``xl/media/wps_cellimage1.png`` …:
openpyxl's pictures never take them), the workbook's relationship and the content types. Nothing of it is a path
outside the package: each target is a member of the zip, read only when it is one."""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from .opc import NS, UnreadableFile, declares_dtd, parse_xml, relationships, rels_name, resolve

CELL_IMAGE_REL = "http://www.wps.cn/officeDocument/2020/cellImage"
CELL_IMAGE_TYPE = "application/vnd.wps-officedocument.cellimage+xml"   # as WPS declares the part
CT = "[Content_Types].xml"
PART = "xl/cellimages.xml"                 # where openpyxl's workbook (xl/workbook.xml) finds it again
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
MEDIA = "xl/media/wps_cellimage{n}{ext}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_ID = re.compile(rb'\bId="([^"]*)"')


@dataclass
class CellImages:
    """WPS's part of pictures in cells as the file had it: ``parts`` name → bytes as they go back into the package
    (the part, its relationships pointing at the images renamed, the images), the part's content type and each
    image extension's."""
    parts: dict[str, bytes]
    content_type: str
    defaults: dict[str, str] = field(default_factory=dict)

    def added_to(self, members: list[tuple[zipfile.ZipInfo, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes]]:
        """``members`` (a package openpyxl wrote) with the part, its images, the workbook's relationship to it and
        their content types; a package already holding a part of these names is left as it is."""
        names = {info.filename for info, _data in members}
        if names & set(self.parts) or WORKBOOK_RELS not in names or CT not in names:
            return members
        out = [(info, self._edited(info.filename, data)) for info, data in members]
        for name, data in self.parts.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.append((info, data))
        return out

    def _edited(self, name: str, data: bytes) -> bytes:
        if name == WORKBOOK_RELS:
            taken = set(_ID.findall(data))
            rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}".encode() not in taken)
            return data.replace(b"</Relationships>", f'<Relationship Id="{rid}" Type="{CELL_IMAGE_REL}" Target='
                                f'"{posixpath.basename(PART)}"/></Relationships>'.encode())
        if name == CT:
            root = parse_xml(data, CT)
            have = {d.get("Extension", "").lower() for d in root.iter(f"{_CT_NS}Default")}
            for ext, kind in self.defaults.items():
                if ext.lower() not in have:
                    etree.SubElement(root, f"{_CT_NS}Default", Extension=ext, ContentType=kind)
            etree.SubElement(root, f"{_CT_NS}Override", PartName=f"/{PART}", ContentType=self.content_type)
            return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return data


def cell_images(zf: zipfile.ZipFile) -> CellImages | None:
    """WPS's part of pictures in cells in the package ``zf``, with what it needs to be shown again; None when the
    workbook names no such part, or it is not in the package (Excel, saving WPS's file, drops it), or it or its
    relationships are damaged or declare a DTD: not kept, their loss said as before (the job goes on)."""
    try:
        return _read(zf)
    except UnreadableFile:
        return None


def _read(zf: zipfile.ZipFile) -> CellImages | None:
    members = set(zf.NameToInfo)
    workbook = "xl/workbook.xml" if "xl/workbook.xml" in members else next(
        (p for p in relationships(zf, "", members).values() if p.endswith("workbook.xml")), "")
    part = next((p for p in _typed(zf, workbook, members, CELL_IMAGE_REL)), None)
    if part is None or part not in members or CT not in members:
        return None
    types = parse_xml(zf.read(CT), CT)
    kinds = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in types.iter(f"{_CT_NS}Override")}
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(f"{_CT_NS}Default")}
    parts = {PART: zf.read(part)}
    if declares_dtd(parts[PART]):
        return None   # copied as it is, never parsed here: no entity of it goes into the summary
    if rels_name(part) in members:
        rels = parse_xml(zf.read(rels_name(part)), rels_name(part))
        images: dict[str, str] = {}
        for n, rel in enumerate(rels.findall("rel:Relationship", NS), 1):
            target = resolve(part, rel.get("Target", ""))
            if rel.get("TargetMode") == "External" or target not in members:
                continue   # a picture linked to a file outside: no part to keep, its relationship as it was
            ext = posixpath.splitext(target)[1].lower()
            name = MEDIA.format(n=n, ext=ext)
            parts[name] = zf.read(target)
            rel.set("Target", posixpath.relpath(name, posixpath.dirname(PART)))
            if ext[1:] not in defaults and target in kinds:
                defaults[ext[1:]] = kinds[target]
            images[ext[1:]] = defaults.get(ext[1:], "application/octet-stream")
        parts[rels_name(PART)] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    else:
        images = {}
    return CellImages(parts, kinds.get(part) or CELL_IMAGE_TYPE, images)


def _typed(zf: zipfile.ZipFile, part: str, members: set[str], kind: str) -> list[str]:
    """The targets inside the package of ``part``'s relationships of type ``kind``."""
    name = rels_name(part)
    if not part or name not in members:
        return []
    return [resolve(part, r.get("Target", "")) for r in parse_xml(zf.read(name), name).findall("rel:Relationship", NS)
            if r.get("Type") == kind and r.get("TargetMode") != "External"]

