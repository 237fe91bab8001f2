"""Ribbon definition of the shibai-xl Excel add-in, and its customUI XML.

The buttons live here, in Python.  ``customUI/customUI14.xml`` is generated
from :data:`RIBBON_BUTTONS`; every button calls the single VBA callback
``SbRibbonAction``, which hands ``control.Id`` to
``shibai_xl.faces.ribbon_actions.dispatch``.  Adding a button therefore means:
add a :class:`RibbonButton` here, handle its id in ``dispatch`` and rebuild
the add-in; the VBA never changes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

__all__ = [
    "RibbonGroup",
    "RibbonButton",
    "RIBBON_TAB_ID",
    "RIBBON_TAB_LABEL",
    "RIBBON_GROUPS",
    "RIBBON_BUTTONS",
    "RIBBON_CALLBACK",
    "CUSTOMUI14_NS",
    "CUSTOMUI_NS",
    "customui_xml",
]

#: Namespace of Office 2010+ ribbon XML (part ``customUI/customUI14.xml``).
CUSTOMUI14_NS = "http://schemas.microsoft.com/office/2009/07/customui"
#: Namespace of Office 2007 ribbon XML (part ``customUI/customUI.xml``).  Office
#: 2010+ ignores this part when ``customUI14.xml`` exists; it is written as
#: well for hosts that only read the 2007 part.
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
#: The one VBA macro every button calls (defined in ``ShibaiRibbon.bas``).
RIBBON_CALLBACK = "SbRibbonAction"

RIBBON_TAB_ID = "sb_tab"
RIBBON_TAB_LABEL = "十百千万"

_ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


@dataclass(frozen=True)
class RibbonGroup:
    id: str
    label: str


@dataclass(frozen=True)
class RibbonButton:
    """One ribbon button.

    ``id`` is what ``dispatch`` receives; ``image_mso`` is a built-in Office
    icon name; ``screentip`` is the bold tooltip title and ``supertip`` the
    longer explanation under it; ``group`` is a :class:`RibbonGroup` id.
    """

    id: str
    label: str
    image_mso: str
    screentip: str
    supertip: str
    group: str
    size: str = "large"

    def __post_init__(self) -> None:
        if not _ID_RE.match(self.id):
            raise ValueError(f"ribbon id must be an identifier: {self.id!r}")
        if self.size not in ("large", "normal"):
            raise ValueError(f"button size must be large or normal: {self.size!r}")
        for name in ("label", "screentip", "supertip"):
            if not 1 <= len(getattr(self, name)) <= 1024:
                raise ValueError(f"{name} of {self.id} must be 1..1024 characters")


RIBBON_GROUPS: tuple[RibbonGroup, ...] = (
    RibbonGroup("sb_grp_form", "申报表"),
    RibbonGroup("sb_grp_summary", "汇总表"),
    RibbonGroup("sb_grp_review", "评审"),
    RibbonGroup("sb_grp_help", "帮助"),
)

RIBBON_BUTTONS: tuple[RibbonButton, ...] = (
    RibbonButton(
        "sb_check", "检查本申报表", "AcceptInvitation",
        "检查本申报表",
        "逐项检查当前申报表的必填项、格式和逻辑关系，并在表中标出需要修改的单元格。",
        "sb_grp_form",
    ),
    RibbonButton(
        "sb_score", "自动评分", "AutoSum",
        "自动评分",
        "按评分细则对当前申报表自动打分，给出各项得分和扣分原因。",
        "sb_grp_form",
    ),
    RibbonButton(
        "sb_residents", "核对入驻名单", "CreateTable",
        "核对入驻名单",
        "核对申报表中的入驻企业名单，找出重复、缺失或信息不一致的企业。",
        "sb_grp_form",
    ),
    RibbonButton(
        "sb_new", "新建申报表", "FileNew",
        "新建申报表",
        "按最新模板新建一份空白申报表。",
        "sb_grp_form",
    ),
    RibbonButton(
        "sb_upload_name", "生成上传文件名", "FileSaveAsExcelXlsx",
        "生成上传文件名",
        "按上报要求生成规范的上传文件名，可直接用于另存和上传。",
        "sb_grp_form",
    ),
    RibbonButton(
        "sb_refresh", "刷新汇总表", "RefreshAll",
        "刷新汇总表",
        "重新读取各申报表，一键刷新当前汇总表。",
        "sb_grp_summary",
    ),
    RibbonButton(
        "sb_merge", "合并市州汇总", "PivotTableInsert",
        "合并市州汇总",
        "把各市（州）报来的汇总表合并成全省汇总表。",
        "sb_grp_summary",
    ),
    RibbonButton(
        "sb_review_make", "专家评分表", "ReviewNewComment",
        "专家评分表",
        "为评审专家生成评分表。",
        "sb_grp_review",
    ),
    RibbonButton(
        "sb_review_collect", "汇总专家评分", "QueryBuilder",
        "汇总专家评分",
        "收集各位专家的评分表，计算每个项目的汇总得分。",
        "sb_grp_review",
    ),
    RibbonButton(
        "sb_help", "帮助", "Help",
        "帮助",
        "查看使用说明和常见问题。",
        "sb_grp_help",
    ),
)


def customui_xml(
    buttons: tuple[RibbonButton, ...] = RIBBON_BUTTONS,
    groups: tuple[RibbonGroup, ...] = RIBBON_GROUPS,
    tab_label: str = RIBBON_TAB_LABEL,
    namespace: str = CUSTOMUI14_NS,
) -> bytes:
    """Return ``customUI14.xml`` (UTF-8 bytes) for ``buttons``.

    ``namespace=CUSTOMUI_NS`` gives the same ribbon as Office 2007
    ``customUI.xml``; every attribute used exists in both schemas.

    Groups appear in ``groups`` order, buttons in list order; a group without
    buttons is left out.  Raises :class:`ValueError` for duplicate ids or a
    button whose group is unknown.
    """
    ids = [b.id for b in buttons] + [g.id for g in groups] + [RIBBON_TAB_ID]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"duplicate ribbon ids: {dup}")
    known = {g.id for g in groups}
    for b in buttons:
        if b.group not in known:
            raise ValueError(f"button {b.id} refers to unknown group {b.group!r}")

    if namespace not in (CUSTOMUI14_NS, CUSTOMUI_NS):
        raise ValueError(f"unknown customUI namespace {namespace!r}")
    ET.register_namespace("", namespace)
    q = lambda tag: f"{{{namespace}}}{tag}"  # noqa: E731
    root = ET.Element(q("customUI"))
    tabs = ET.SubElement(ET.SubElement(root, q("ribbon")), q("tabs"))
    tab = ET.SubElement(tabs, q("tab"), {"id": RIBBON_TAB_ID, "label": tab_label})
    for g in groups:
        members = [b for b in buttons if b.group == g.id]
        if not members:
            continue
        group = ET.SubElement(tab, q("group"), {"id": g.id, "label": g.label})
        for b in members:
            ET.SubElement(
                group,
                q("button"),
                {
                    "id": b.id,
                    "label": b.label,
                    "size": b.size,
                    "imageMso": b.image_mso,
                    "screentip": b.screentip,
                    "supertip": b.supertip,
                    "onAction": RIBBON_CALLBACK,
                },
            )
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body + "\n").encode("utf-8")
