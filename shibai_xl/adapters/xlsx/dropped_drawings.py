"""The pictures and shapes a person put on a summary's sheets (a scanned seal, a logo, a text box, an arrow) that
openpyxl, which saves the summary a refresh or merge updates, does not keep: it keeps charts, pictures only with
Pillow (not installed: every picture is dropped) and never a shape, a text box or SmartArt. Counted from the file
before it is opened, so that the job says what is gone and where it still is (the ``.bak``) — it was lost without
a word. So are the parts of Excel 2010 and later openpyxl drops from a sheet's extension list (a highlight rule
comparing with another sheet, sparklines, slicers), which it warned of in English on the clerk's terminal."""
from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterable

from openpyxl.drawing.image import PILImage

from .opc import parse_xml, relationships

PICTURE, SHAPE, OTHER = "图片", "形状（文本框、箭头等）", "其他对象（SmartArt、墨迹等）"
CELL_PICTURE = "嵌入单元格的图片（WPS）"
# a cell holding WPS's 嵌入单元格图片: the formula DISPIMG("ID_…",1), the picture itself in xl/cellimages.xml (a part
# of WPS's own that openpyxl drops: put back by the save when whole, :mod:`.cell_images`; else the cell keeps a
# formula naming a picture that is no longer in the file, and this count says so)
_CELL_PICTURE = re.compile(rb"<(?:\w+:)?f\b[^>]*>\s*=?\s*@?(?:_xlfn\.)?DISPIMG\s*\(", re.IGNORECASE)
_DRAWING = re.compile(rb"<(?:\w+:)?drawing\b[^>]*?\bid=\"([^\"]+)\"")
# Microsoft 365's 批注 that take replies: the thread in an xl/threadedComments part, which openpyxl drops — it keeps the
# note written beside it for older programs, Excel's English "[Threaded comment] Your version of Excel…" heading its
# text, the replies run into it. Counted by their first comments (a reply names its parent)
THREADED = "新式批注（Microsoft 365 中可以回复的批注）"
_THREAD = re.compile(rb"<(?:\w+:)?threadedComment\b(?![^>]*\bparentId=)[^>]*>")
_CONTENT = {"pic": PICTURE, "sp": SHAPE, "grpSp": SHAPE, "cxnSp": SHAPE, "graphicFrame": OTHER, "contentPart": OTHER}
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def dropped_on_sheet(zf: zipfile.ZipFile, part: str, data: bytes) -> Counter[str]:
    """What of the drawing of the sheet ``part`` (its XML ``data``) openpyxl drops, by kind (none: empty); WPS's
    pictures placed in cells too."""
    found: Counter[str] = Counter()
    if b"DISPIMG" in data and (pictures := len(_CELL_PICTURE.findall(data))):
        found[CELL_PICTURE] = pictures
    if b"legacyDrawing" in data and (threads := _threads(zf, part)):
        found[THREADED] = threads
    m = _DRAWING.search(data) if b"drawing" in data else None
    if m is None:
        return found
    members = set(zf.NameToInfo)
    drawing = relationships(zf, part, members).get(m.group(1).decode())
    if drawing is None or drawing not in members:
        return found
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


def _threads(zf: zipfile.ZipFile, part: str) -> int:
    """The comment threads of Microsoft 365 on the sheet ``part`` (its legacy notes are their copies for older Excel)."""
    members = set(zf.NameToInfo)
    return sum(len(_THREAD.findall(zf.read(target))) for target in relationships(zf, part, members).values()
               if target.startswith("xl/threadedComments/") and target in members)


# openpyxl's warning for each extension it drops ("Conditional Formatting extension is not supported and will be
# removed"): what it is in the clerk's words; the ignored error checks (green triangles) are no one's content
EXTENSION_DROPPED = re.compile(r"(.+) extension is not supported and will be removed")
EXTENSIONS = {"Conditional Formatting": "条件格式中 Excel 2010 以后的部分（引用其他工作表的规则、图标集、数据条的新样式等）",
              "Data Validation": "数据验证中 Excel 2010 以后的部分", "Sparkline Group": "迷你图", "Slicer List": "切片器",
              "Protected Range": "“允许编辑区域”的设置", "Web Extension": "Office 加载项的内容", "Timeline Ref": "日程表",
              "Ignored Error": ""}


def extension_dropped(warning: str) -> str | None:
    """What openpyxl's ``warning`` says it drops, in the clerk's words ("" for nothing of theirs); None when it is
    no such warning."""
    m = EXTENSION_DROPPED.fullmatch(warning)
    return None if m is None else EXTENSIONS.get(m.group(1), "其他 Excel 扩展内容")


def dropped_note(dropped: dict[str, Counter[str]], file: str, again: str, extensions: Iterable[str] = ()) -> list[str]:
    """What a job that saved the workbook says of ``dropped`` (sheet → kinds) and of the ``extensions`` openpyxl
    dropped: gone, where it still is, what to do. ``again``: the job's word (刷新, 合并)."""
    still = (f"{again}前的工作簿在备份“{file}.bak”中（下次{again}会替换这个备份，需要时请先另存一份），可从中复制回去")
    parts = [f"“{sheet}”表上的 " + "、".join(f"{n} 个{kind}" for kind, n in kinds.items() if kind != THREADED)
             for sheet, kinds in dropped.items() if set(kinds) - {THREADED}]
    out = [f"{'，'.join(parts)}没有保留在{again}后的“{file}”中（本工具保存工作簿时只保留图表，不保留图片、形状）："
           f"{still}；以后请把它们放在另一个文件中"] if parts else []
    if threads := [f"“{sheet}”表上的 {kinds[THREADED]} 条" for sheet, kinds in dropped.items() if kinds.get(THREADED)]:
        out.append(f"{'，'.join(threads)}{THREADED}在{again}后的“{file}”中成了普通批注：文字保留，但前面多了 Excel 写的一段"
                   f"英文说明，回复并入了批注的文字、不能再回复：{still}")
    if said := [e for e in dict.fromkeys(extensions) if e]:
        out.append(f"“{file}”中的{'、'.join(said)}本工具保存工作簿时不能保留，{again}后已不在其中：{still}，"
                   "或在 Excel/WPS 中重新设置")
    return out
