"""The columns of an openpyxl sheet a person hid, where two bear one title: last year's 年度交易额（万元） kept hidden
left of this year's. The column shown is the one read and written, as merge reads a file
(:func:`~shibai_xl.adapters.xlsx.hidden_rows.hidden_columns`, :func:`~shibai_xl.engine.summary_table.header_columns`)."""
from __future__ import annotations

from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.summary_table import header_columns, passed_over
from .hidden_rows import MAX_COLUMNS


def sheet_hidden_columns(ws: Worksheet) -> set[int]:
    """The 1-based numbers of the hidden columns of an openpyxl sheet (its ``<col hidden>`` spans, as loaded, or as
    the open workbook's mirror was told them: adapters/edits.mirror)."""
    out: set[int] = set()
    for letter, dim in ws.column_dimensions.items():
        if dim.hidden:   # a span loaded from a file has its min and max; one set in code only its letter
            first = dim.min or column_index_from_string(letter)
            out.update(range(first, min(dim.max or first, MAX_COLUMNS) + 1))
    return out


def give_width(ws: Worksheet, column: int, width: float) -> None:
    """The 1-based ``column`` ``width`` characters wide where no ``<col>`` span of the sheet covers it: a width a person
    gave (to it, or to a span of columns over it) stays, and no second span is laid over one (Excel repairs that)."""
    for letter, dim in ws.column_dimensions.items():
        first = dim.min or column_index_from_string(letter)
        if first <= column <= (dim.max or first):
            return
    ws.column_dimensions[get_column_letter(column)].width = width


def shown_header(ws: Worksheet, row: int, c0: int, c1: int) -> tuple[dict[str, int], list[str]]:
    """(title → 1-based column, what to say) of an openpyxl sheet's header ``row`` over columns ``c0``-``c1``: a column
    shown wins over a hidden one titled alike (last year's 年度交易额 kept hidden beside this year's, as merge reads
    it: header_columns); the hidden one is said, never read nor written."""
    titles = [ws.cell(row, c).value for c in range(c0, c1 + 1)]
    hidden = {c - c0 for c in sheet_hidden_columns(ws) if c0 <= c <= c1}
    found = header_columns(titles, hidden)
    cols = {name: c0 + i for i, name in found.items()}
    return cols, [f"有两栏“{n}”：按显示的{get_column_letter(cols[n])}列读写，隐藏的{get_column_letter(c0 + i)}列"
                  "未读取、未改动，请核实（隐藏列中的旧数据可删除）"
                  for i, n in passed_over(titles, found).items() if i in hidden and cols[n] - c0 not in hidden]
