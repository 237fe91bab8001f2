"""Writing a value into an openpyxl cell so that text is always text.

openpyxl turns any string starting with "=" into a formula; applicant text must
never become one (a company called "=HYPERLINK(…)" stays that text). Text that
starts like a formula (= + - @ tab CR) is stored as a string with Excel's
quote prefix, so editing the cell later does not turn it into a formula either.
Characters a worksheet cannot hold are dropped: control characters (Excel keeps a pasted one as ``_x0001_``,
which calamine reads back as the character), U+FFFE/U+FFFF (a LibreOffice file may hold them) and half a
surrogate pair — openpyxl and lxml refuse them, and with them the whole output (a city's summary, the
province's table).
"""
from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import ERROR_CODES, Cell, MergedCell

from ...engine.parse.text import FORMULA_LEAD, MAX_TEXT, one_line, within_a_cell
from ...errors import RefusedWrite

# what XML 1.0 forbids in a text: openpyxl's ILLEGAL_CHARACTERS_RE (the controls) and what lxml refuses besides
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    r"""``text`` without the characters no worksheet can hold.

    >>> xml_safe("贵州\x01甲\ufffe公司\ud800")
    '贵州甲公司'
    """
    return NOT_XML.sub("", text)


def set_cell(cell: Cell, value: Any) -> None:
    """Write a value; a text is always text: never a formula, never an Excel error value ("#N/A" an applicant
    typed as a name stays those four characters, as Excel keeps text typed after an apostrophe). A cell a
    person merged into another is refused with what to do (the file being written is then left as it was)."""
    if cell.__class__ is MergedCell:
        raise merged_refusal(cell)
    if isinstance(value, str):
        value = xml_safe(value)
        if value.__class__ is str and len(value) <= MAX_TEXT and value not in ERROR_CODES \
                and not value.startswith(FORMULA_LEAD):
            cell._value, cell.data_type = value, "s"   # what openpyxl's binding gives plain text, without its checks
            return
        value = within_a_cell(value)
        cell.value = value
        if value.startswith(FORMULA_LEAD) or value in ERROR_CODES:
            cell.data_type = "s"
            cell.quotePrefix = True
        return
    if value is None or value.__class__ in (int, float):
        cell._value, cell.data_type = value, "n"       # as openpyxl binds them (tests/test_summary_fresh_rows.py)
        return
    cell.value = value


def merged_refusal(cell: MergedCell) -> RefusedWrite:
    """A row-by-row write that meets a cell a person merged (two rows of one 企业地址, a blank row under the table)."""
    ws = cell.parent
    where = next((str(r) for r in ws.merged_cells.ranges if cell.coordinate in r), cell.coordinate)
    return RefusedWrite(f"工作表“{one_line(ws.title)}”的 {where} 是合并的单元格，本工具需要逐行写入其中的 {cell.coordinate}，"
                        "无法写入，文件未改动。请在 Excel/WPS 中选中这些单元格，"
                        "取消合并（开始 → 合并 → 取消单元格合并）后重新运行")


def last_value_row(ws: Any, first_col: int = 1, last_col: int | None = None, default: int = 0) -> int:
    """The last row of ``ws`` holding a value (in columns ``first_col``…``last_col``), ``default`` for none: from
    the cells openpyxl loaded, not ``ws.max_row`` — a border or fill painted down to row 200000 (WPS 整列设置边框,
    a pasted format) makes that many empty styled rows, which a loop to ``ws.max_row`` walks one by one."""
    last = last_col if last_col is not None else 1 << 20
    return max((r for (r, c), cell in ws._cells.items() if first_col <= c <= last and cell.value not in (None, "")),
               default=default)
