"""A workbook given WPS's 嵌入单元格图片 as WPS saves it: the cell's formula DISPIMG("ID_…",1) with its saved text,
the picture in WPS's own part ``xl/cellimages.xml`` (an ``etc:cellImage`` holding a DrawingML picture named by the
ID), that part's relationship to the image under ``xl/media``, the workbook's relationship of WPS's type to the part,
and the part's content type."""
from __future__ import annotations

import base64
import re
from pathlib import Path

from openpyxl import load_workbook

from tests.zip_parts import rewrite

ETC = "http://www.wps.cn/officeDocument/2017/etCustomData"
CELL_IMAGE_REL = "http://www.wps.cn/officeDocument/2020/cellImage"
CELL_IMAGE_TYPE = "application/vnd.wps-officedocument.cellimage+xml"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
# a 1×1 PNG: the screenshot a clerk pastes
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def _picture(n: int, ident: str) -> str:
    return (f'<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="{n + 1}" name="{ident}" descr="营业执照截图"/>'
            '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill>'
            f'<a:blip r:embed="rId{n}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm>'
            '<a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            '</a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage>')


def wps_parts(idents: list[str]) -> dict[str, bytes]:
    """The parts WPS writes for the pictures ``idents`` (besides the workbook's relationship and content type)."""
    images = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<etc:cellImages '
              'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              f'xmlns:etc="{ETC}">' + "".join(_picture(n, i) for n, i in enumerate(idents, 1)) + "</etc:cellImages>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{n}" Type="{IMAGE_REL}" Target="media/image{n}.png"/>'
                      for n in range(1, len(idents) + 1)) + "</Relationships>")
    parts = {"xl/cellimages.xml": images.encode(), "xl/_rels/cellimages.xml.rels": rels.encode()}
    parts.update({f"xl/media/image{n}.png": PNG for n in range(1, len(idents) + 1)})
    return parts


def with_wps_pictures(path: Path, sheet: str, refs: list[str]) -> Path:
    """``path`` with a WPS picture placed in each cell of ``refs`` on ``sheet``, its parts as WPS writes them."""
    index = load_workbook(path).sheetnames.index(sheet) + 1
    idents = [f"ID_{n:02d}6F2A4B9C8D7E4F0A8B1C2D3E4F5A6B" for n in range(len(refs))]

    def edit(name: str, data: bytes) -> bytes:
        if name == f"xl/worksheets/sheet{index}.xml":
            for ref, ident in zip(refs, idents):
                cell = (f'<c r="{ref}" t="str"><f>_xlfn.DISPIMG("{ident}",1)</f>'
                        f'<v>=DISPIMG("{ident}",1)</v></c>').encode()
                pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)
                data, n = pattern.subn(cell, data)
                if not n:    # a cell never typed: put in its row
                    row = re.search(r"\d+", ref).group(0)
                    data, n = re.subn(rb'(<row r="' + row.encode() + rb'"[^>]*>)', lambda m, c=cell: m.group(1) + c, data)
                assert n == 1, ref
        elif name == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", f'<Relationship Id="rIdWps1" Type="{CELL_IMAGE_REL}" '
                                f'Target="cellimages.xml"/></Relationships>'.encode())
        elif name == "[Content_Types].xml":
            png = b"" if b'Extension="png"' in data else b'<Default Extension="png" ContentType="image/png"/>'
            data = data.replace(b"</Types>", png + f'<Override PartName="/xl/cellimages.xml" '
                                f'ContentType="{CELL_IMAGE_TYPE}"/></Types>'.encode())
        return data

    rewrite(path, path, edit, extra=wps_parts(idents))
    return path
