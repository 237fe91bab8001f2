"""What the review workbooks share: sheet and column names, fonts, fills, and small sheet helpers.

The review workbooks (专家评分表, 评审安排, 评审结果) are written by :mod:`.review_issue` and
:mod:`.review_result` and read back by :mod:`.review_read`; :mod:`.review_book` is their one import path.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ...engine import review as R
from ...rules import Rules
from . import styles as S
from .book_kinds import EXPERT_KIND, EXPERT_TABLE, PLAN_KIND, RESULT_KIND  # noqa: F401 (re-exported)
from .cells import set_cell

SCORE_SHEET, TOTAL_SHEET, STATE_SHEET, EXPERTS_SHEET = "评分表", "小计", "_sb_review", "_sb_experts"
PERCENT_SHEET = "_sb_percent"    # very hidden: per 评分表 row, whether its score is shown as a percentage (review_issue)
TABLE = EXPERT_TABLE
HEADER_ROW = 4
EXPERT_COLUMNS = ("项目编号", "项目名称", "项目类型", "市（州）", "前置条件", "回避", "分项", "指标编号", "指标", "满分",
                  "建议分", "建议理由", "专家评分", "备注")
EXPERT_WIDTHS = (8, 20, 6, 8, 6, 5, 10, 6, 44, 5, 6, 30, 8, 14)
# columns compared with what was issued when the workbook comes back
KEY_COLUMNS = ("项目编号", "项目名称", "项目类型", "回避", "指标编号", "满分")
STATE_COLUMNS = ("项目编号", "项目名称", "项目类型", "市（州）", "县区", "前置条件", "回避", "统一社会信用代码", "来源文件")
RECUSED_MARK = "回避"
RECUSED_FILL = PatternFill("solid", fgColor="D9D9D9")
RECUSED_FONT = Font(name=S.BODY_FONT, size=10, color="808080")
SMALL_BODY = Font(name=S.BODY_FONT, size=10)
_medium = Side(style="medium", color="404040")
_thin = Side(style="thin", color="808080")
FIRST_ROW_BORDER = Border(left=_thin, right=_thin, top=_medium, bottom=_thin)


def column_letter(name: str, columns: Sequence[str] = EXPERT_COLUMNS) -> str:
    return get_column_letter(columns.index(name) + 1)


def put_constant(wb: Workbook, name: str, value: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text='"' + str(value).replace('"', '""') + '"')


def fixed_properties(wb: Workbook, when: datetime) -> None:
    wb.properties.creator = wb.properties.lastModifiedBy = "shibai-xl"
    wb.properties.created = wb.properties.modified = when


def column_runs(col: str, rows: Sequence[int]) -> list[str]:
    """The cells of ``col`` at ``rows`` (ascending) as ranges.

    >>> column_runs("P", [5, 6, 7, 9, 12, 13])
    ['P5:P7', 'P9', 'P12:P13']
    """
    out: list[str] = []
    start = prev = None
    for r in [*rows, None]:
        if start is not None and (r is None or r != prev + 1):
            out.append(f"{col}{start}" if start == prev else f"{col}{start}:{col}{prev}")
            start = None
        if r is not None and start is None:
            start = r
        prev = r
    return out


def put_title(ws: Worksheet, text: str, last_col: str, row: int = 1, font=S.TITLE, height: float = 30) -> None:
    ws.merge_cells(f"A{row}:{last_col}{row}")
    c = ws[f"A{row}"]
    c.value, c.font, c.alignment = text, font, S.CENTER
    ws.row_dimensions[row].height = height


def put_note(ws: Worksheet, text: str, last_col: str, row: int, height: float = 18) -> None:
    ws.merge_cells(f"A{row}:{last_col}{row}")
    c = ws[f"A{row}"]
    c.value, c.font, c.alignment = text, S.BODY, S.WRAP
    ws.row_dimensions[row].height = height


def put_header(ws: Worksheet, row: int, columns: Sequence[str], widths: Sequence[float] | None = None) -> None:
    for i, h in enumerate(columns, 1):
        c = ws.cell(row, i, h)
        c.font, c.alignment, c.border, c.fill = S.HEADER, S.CENTER, S.BOX, S.HEADER_FILL
        if widths:
            ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
    ws.row_dimensions[row].height = 30


def state_sheet(wb: Workbook, projects: Sequence[R.Project], recused: set[str], rules: Rules) -> None:
    ws = wb.create_sheet(STATE_SHEET)
    ws.append(list(STATE_COLUMNS))
    for r, p in enumerate(projects, 2):
        row = [p.no, p.name, p.type, p.city, p.county, p.status, "是" if p.no in recused else "", p.uscc, p.source]
        for i, v in enumerate(row, 1):
            set_cell(ws.cell(r, i), v)
    ws.sheet_state = "veryHidden"
    S.protect(ws)



def add_table(ws: Worksheet, name: str, header_row: int, ncols: int, last_row: int, style: str = "TableStyleLight9") -> None:
    t = Table(displayName=name, ref=f"A{header_row}:{get_column_letter(ncols)}{max(last_row, header_row + 1)}")
    t.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    ws.add_table(t)


def put_cell(ws: Worksheet, row: int, col: int, value: Any, *, align=S.CENTER, fmt_: str | None = None, font=SMALL_BODY):
    """A fresh cell of a result table: ``value`` (text, a number or nothing), boxed, aligned, in ``font`` and shown
    as ``fmt_``; styled through the workbook's one Styler (one shared style record per combination)."""
    cell = ws.cell(row, col)
    styler = _stylers.get(ws.parent)
    if styler is None:
        styler = _stylers[ws.parent] = S.Styler()
    if fmt_:
        styler(cell, border=S.BOX, alignment=align, font=font, number_format=fmt_)
    else:
        styler(cell, border=S.BOX, alignment=align, font=font)
    set_cell(cell, value)     # after the style: text that looks like a formula adds its quote prefix to it
    return cell


_stylers: WeakKeyDictionary[Workbook, S.Styler] = WeakKeyDictionary()   # a Styler's records are one workbook's

