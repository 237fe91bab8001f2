"""Look and print settings shared by every workbook the tool writes.

Fonts are those of Chinese Windows (宋体 body, 黑体 titles); LibreOffice and WPS
substitute their own CJK fonts where these are missing.
"""
from __future__ import annotations

from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import fast_cells, fast_rows

fast_rows.install()   # every workbook this tool saves: plain rows the short way (fast_rows.py)
fast_cells.install()  # and every one it opens to change: plain cells the short way (fast_cells.py)

BODY_FONT = "宋体"
TITLE_FONT = "黑体"

TITLE = Font(name=TITLE_FONT, size=16, bold=True)
SUBTITLE = Font(name=TITLE_FONT, size=12, bold=True)
BODY = Font(name=BODY_FONT, size=11)
SMALL = Font(name=BODY_FONT, size=9, color="666666")
BOLD = Font(name=BODY_FONT, size=11, bold=True)
HEADER = Font(name=TITLE_FONT, size=10, bold=True)

INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")     # pale yellow: type here
SECTION_FILL = PatternFill("solid", fgColor="D9E1F2")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOOL_FILL = PatternFill("solid", fgColor="EDEDED")       # columns the tool owns
FINDING_FILL = PatternFill("solid", fgColor="FFC7CE")    # a cell with a finding
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")

_thin = Side(style="thin", color="808080")
BOX = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
MIDDLE = Alignment(vertical="center")
SHRINK = Alignment(vertical="center", shrink_to_fit=True)   # a long name printed whole, in a smaller font
UNLOCKED = Protection(locked=False)

PAGE_FOOTER = "第 &P 页，共 &N 页"


def new_workbook() -> Workbook:
    """A blank workbook whose default font (font 0 and the 常规/Normal style) is BODY, as in a workbook WPS
    creates: a cell the tool fills later without a font of its own — a 项目汇总表 row, a 校验结果 row, the 统计
    and 问题文件 sheets — prints in 宋体, not in openpyxl's Calibri, which has no Chinese glyphs.

    >>> wb = new_workbook()
    >>> wb.active["A1"].font.name, wb._named_styles["Normal"].font.name
    ('宋体', '宋体')
    """
    wb = Workbook()
    wb._fonts = IndexedList([copy(BODY)])
    normal = wb._named_styles["Normal"]
    normal.font = copy(BODY)
    normal.bind(wb)       # the style's font id, written as the 常规 style Excel measures column widths by
    return wb


def setup_print(ws: Worksheet, landscape: bool = False, title_rows: str | None = None) -> None:
    """A4, fit to one page wide, header rows repeated, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    fit_to_width(ws)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    # the 9-pt page number sits between the footer and the bottom margin: at openpyxl's 0.5 in only 0.1 in is
    # left and LibreOffice prints the lower half of it cut away
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    page_numbers(ws)


_PAGE_SETUP = ("orientation", "paperSize", "scale", "fitToHeight", "fitToWidth", "firstPageNumber", "useFirstPageNumber",
               "pageOrder", "blackAndWhite", "draft")


def keep_print(old: Worksheet, ws: Worksheet) -> None:
    """The page settings of ``old`` — paper, orientation, scale or fit, margins, centring, header and footer — on
    ``ws``, the sheet made again in its place: a person's A3 or 纵向 stays; the print area and title rows are ``ws``'s."""
    for name in _PAGE_SETUP:
        setattr(ws.page_setup, name, getattr(old.page_setup, name))
    ws.sheet_properties.pageSetUpPr = copy(old.sheet_properties.pageSetUpPr)
    ws.page_margins, ws.print_options = copy(old.page_margins), copy(old.print_options)
    ws.HeaderFooter = copy(old.HeaderFooter)


def fit_to_width(ws: Worksheet) -> None:
    """Every printed column on the page's width, as many pages down as the rows need."""
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def signed_pages(ws: Worksheet, who: str) -> None:
    """A line for ``who`` to sign and date at the foot of every printed page, either side of the page number: a
    paper that is signed has each of its pages signed, so no page of it can be swapped."""
    for footer in (ws.oddFooter, ws.evenFooter):
        footer.left.text = f"{who}签名：______________"
        footer.right.text = "日期：______年____月____日"
        footer.left.size = footer.right.size = 10


def page_numbers(ws: Worksheet) -> None:
    """“第 1 页，共 N 页” centred in the footer."""
    ws.oddFooter.center.text = PAGE_FOOTER
    ws.oddFooter.center.size = 9
    ws.evenFooter.center.text = PAGE_FOOTER


def protect(ws: Worksheet) -> None:
    """Protect labels from accidental edits; no password (anyone can unprotect from the ribbon)."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def validation(kind: str, *, choices: tuple[str, ...] = (), maximum: float | None = None,
               year: int | None = None, warn: bool = False) -> DataValidation:
    """Data validation with a Chinese prompt and error text for one kind of input; a date's example is of the notice's
    ``year`` (填表时间 in its 一、申报时间), a month's of the year before (the 统计期). ``warn``: Excel asks instead of
    refusing (a mark such as “—” or 不涉及 stays possible)."""
    if kind == "list":
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        prompt, error = "请从下拉列表选择：" + "、".join(choices), "只能选择：" + "、".join(choices)
    elif kind == "whole":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        prompt, error = "请填写不小于0的整数", "这里应填写不小于0的整数"
    elif kind == "decimal":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        prompt, error = "请填写不小于0的数字（不要带单位）", "这里应填写不小于0的数字"
    elif kind == "percent":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True)
        prompt, error = "请填写百分比，例如输入 60% ", "百分比应在0%到100%之间"
    elif kind == "score":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(maximum), allow_blank=True)
        prompt, error = f"评分应在0到{maximum:g}分之间", f"评分只能在0到{maximum:g}分之间"
    elif kind in ("date", "month") and year:
        dv = DataValidation(type="date", operator="between", formula1="17533", formula2="73051", allow_blank=True)
        example = f"{year}-04-15" if kind == "date" else f"{year - 1}-04 或 {year - 1}年4月"
        what = "日期" if kind == "date" else "年月"
        prompt, error = f"请填写{what}，例如 {example}", f"这里应填写1948年以后的{what}，例如 {example}"
    else:
        raise ValueError(kind)
    dv.showInputMessage = dv.showErrorMessage = True
    dv.promptTitle, dv.prompt = "填写提示", prompt
    dv.errorTitle, dv.error = "输入有误", error
    dv.errorStyle = "warning" if warn else "stop"
    return dv


class Styler:
    """Styles fresh cells through one shared style record per combination of font, border, fill …

    Assigning them one by one makes openpyxl hash every style object again for every cell, most of the
    time of writing a sheet of tens of thousands of cells. Style a cell before writing its value (the
    value may add a quote prefix, which is part of the style).
    """

    def __init__(self) -> None:
        self._known: dict[tuple, tuple[dict[str, Any], Any]] = {}

    def __call__(self, cell, **style: Any) -> None:
        self.keyed(cell, tuple((k, v if isinstance(v, (str, int, float)) else id(v)) for k, v in style.items()), style)

    def keyed(self, cell, key: tuple, style: dict[str, Any]) -> None:
        """Style ``cell`` as ``style``, which the caller knows by ``key`` (a tuple whose first item is a string, the
        same for the same style wherever it is used): no key worked out from the style for each cell."""
        known = self._known.get(key)
        if known is None:
            for k, v in style.items():
                setattr(cell, k, v)
            self._known[key] = (style, copy(cell._style))   # the style objects kept: their ids stay unique
        else:
            cell._style = copy(known[1])
