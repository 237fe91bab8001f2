"""The pictures and shapes a person put on a summary's sheets (a scanned seal, a logo, a text box, an arrow) that
openpyxl, which saves the summary a refresh or merge updates, does not keep: it keeps charts, pictures only with
Pillow (not installed: every picture is dropped) and never a shape, a text box or SmartArt. Counted from the file
before it is opened, so that the job says what is gone and where it still is (the ``.bak``) — it was lost without
a word."""
from __future__ import annotations

import re
import zipfile
from collections import Counter

from openpyxl.drawing.image import PILImage

from .opc import parse_xml, relationships

PICTURE, SHAPE, OTHER = "图片", "形状（文本框、箭头等）", "其他对象（SmartArt、墨迹等）"
_DRAWING = re.compile(rb"<(?:\w+:)?drawing\b[^>]*?\bid=\"([^\"]+)\"")
_CONTENT = {"pic": PICTURE, "sp": SHAPE, "grpSp": SHAPE, "cxnSp": SHAPE, "graphicFrame": OTHER, "contentPart": OTHER}
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def dropped_on_sheet(zf: zipfile.ZipFile, part: str, data: bytes) -> Counter[str]:
    """What of the drawing of the sheet ``part`` (its XML ``data``) openpyxl drops, by kind (none: empty)."""
    m = _DRAWING.search(data) if b"drawing" in data else None
    if m is None:
        return Counter()
    members = set(zf.NameToInfo)
    drawing = relationships(zf, part, members).get(m.group(1).decode())
    if drawing is None or drawing not in members:
        return Counter()
    found: Counter[str] = Counter()
    root = parse_xml(zf.read(drawing), drawing)
    for anchor in root:
        if not isinstance(anchor.tag, str) or not anchor.tag.endswith(("twoCellAnchor", "oneCellAnchor",
                                                                          "absoluteAnchor")):
            continue
        for el in anchor.iter():
            kind = _CONTENT.get(el.tag.rsplit("}", 1)[-1]) if isinstance(el.tag, str) else None
            if kind is None:
                continue
            if kind == OTHER and any(g.get("uri") == CHART_URI for g in el.iter("{*}graphicData")):
                break                                   # a chart: openpyxl keeps it
            if kind != PICTURE or not PILImage:
                found[kind] += 1
            break
    return found


def dropped_note(dropped: dict[str, Counter[str]], file: str, again: str) -> list[str]:
    """What a job that saved the workbook says of ``dropped`` (sheet → kinds): gone, where it still is, what to do.
    ``again``: the job's word (刷新, 合并)."""
    parts = [f"“{sheet}”表上的 " + "、".join(f"{n} 个{kind}" for kind, n in kinds.items())
             for sheet, kinds in dropped.items() if kinds]
    if not parts:
        return []
    return [f"{'，'.join(parts)}没有保留在{again}后的“{file}”中（本工具保存工作簿时只保留图表，不保留图片、形状）："
            f"{again}前的工作簿在备份“{file}.bak”中（下次{again}会替换这个备份，需要时请先另存一份），"
            "可从中复制回去；以后请把它们放在另一个文件中"]
