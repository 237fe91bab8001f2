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
    "HELP_BUTTON",
    "RIBBON_HELP",
    "customui_xml",
    "vba_helpers",
]

#: Namespace of Office 2010+ ribbon XML (part ``customUI/customUI14.xml``).
CUSTOMUI14_NS = "http://schemas.microsoft.com/office/2009/07/customui"
#: Namespace of Office 2007 ribbon XML (part ``customUI/customUI.xml``).  Office
#: 2010+ ignores this part when ``customUI14.xml`` exists; it is written as
#: well for hosts that only read the 2007 part.
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
#: The one VBA macro every button calls (defined in ``ShibaiRibbon.bas``).
RIBBON_CALLBACK = "SbRibbonAction"

#: The button whose text (:data:`RIBBON_HELP`) the add-in shows itself, without Python.
HELP_BUTTON = "sb_help"

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

    ``id`` is what ``dispatch`` receives; ``image_mso`` is the icon of a
    control in Excel's own control list (Microsoft's "Office Fluent UI command
    identifiers", ``excelcontrols.xlsx``); ``screentip`` is the bold tooltip
    title and ``supertip`` the longer explanation under it; ``group`` is a
    :class:`RibbonGroup` id.  ``needs_workbook``: with no workbook open the
    add-in says so in a message box instead of calling Python.
    """

    id: str
    label: str
    image_mso: str
    screentip: str
    supertip: str
    group: str
    size: str = "large"
    needs_workbook: bool = True

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
        "sb_check", "检查本申报表", "ErrorChecking",
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
        "sb_residents", "核对入驻名单", "DataValidation",
        "核对入驻名单",
        "核对申报表中的入驻企业名单，找出重复、缺失或信息不一致的企业。",
        "sb_grp_form",
    ),
    RibbonButton(
        "sb_new", "新建申报表", "FileNew",
        "新建申报表",
        "按最新模板新建一份空白申报表。",
        "sb_grp_form",
        needs_workbook=False,
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
        "sb_review_collect", "汇总专家评分", "Consolidate",
        "汇总专家评分",
        "收集各位专家的评分表，计算每个项目的汇总得分。",
        "sb_grp_review",
    ),
    RibbonButton(
        "sb_help", "帮助", "Help",
        "帮助",
        "查看使用说明和常见问题。",
        "sb_grp_help",
        needs_workbook=False,
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


#: What 帮助 shows (a VBA message box holds at most 1024 characters).
RIBBON_HELP = """贵州省电子商务“十百千万”工程示范项目申报工具

申报表
• 检查本申报表：检查必填项、格式、前置条件和入驻企业名单，结果写入“校验结果”表，有问题的单元格标色并加批注；建议得分写入“评分”表。
• 自动评分：只按评选指标体系（附件5）计算“评分”表的建议分和理由，评审得分列不改动。
• 核对入驻名单：核对入驻企业名单的家数、交易额、零售额、从业人数和重复企业。
• 新建申报表：在当前文件旁生成一份空白申报表（没有打开的文件时，生成在“文档”文件夹）。
• 生成上传文件名：按通知要求生成扫描件 PDF 的文件名。

汇总表
• 刷新汇总表：从汇总表所在文件夹（有“申报表”子文件夹时用它）的全部申报表刷新项目汇总表，市州评分和人工添加的列保留不变。
• 合并市州汇总：把同一文件夹中各市（州）的项目汇总表合并为全省汇总表。

评审
• 专家评分表 / 汇总专家评分：生成每位专家的评分工作簿，汇总专家评分并排名。

建议分只是评审参考，以评审专家的评分为准。命令行用法：shibai -h"""


def vba_helpers(buttons: tuple[RibbonButton, ...] = RIBBON_BUTTONS, help_text: str = RIBBON_HELP) -> str:
    """The generated end of the VBA module ``ShibaiRibbon``: which button shows the help
    (``SbShowsHelp``), its text (``SbHelpText``) and which buttons need an open workbook
    (``SbNeedsWorkbook``), all from ``buttons``."""
    from .udf_module import vba_string

    if len(help_text) > 1024:
        raise ValueError("the help text must fit a VBA message box (1024 characters)")
    free = [b.id for b in buttons if not b.needs_workbook]
    lines = [
        "",
        "' --- generated from shibai_xl/addin/ribbon.py ---",
        "",
        "Private Function SbShowsHelp(ByVal controlId As String) As Boolean",
        f'    SbShowsHelp = (controlId = "{HELP_BUTTON}")',
        "End Function",
        "",
        "Private Function SbNeedsWorkbook(ByVal controlId As String) As Boolean",
        "    Select Case controlId",
    ]
    if free:
        lines += ["        Case " + ", ".join(f'"{i}"' for i in free), "            SbNeedsWorkbook = False"]
    lines += ["        Case Else", "            SbNeedsWorkbook = True", "    End Select", "End Function", "",
              "Private Function SbHelpText() As String", "    Dim s As String"]
    for i, line in enumerate(help_text.split("\n")):
        lines.append(f"    s = {vba_string(line)}" if i == 0 else f"    s = s & vbLf & {vba_string(line)}")
    lines += ["    SbHelpText = s", "End Function"]
    return "\n".join(lines) + "\n"
