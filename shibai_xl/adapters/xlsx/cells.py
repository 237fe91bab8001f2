"""Writing a value into an openpyxl cell so that text is always text.

openpyxl turns any string starting with "=" into a formula; applicant text must
never become one (a company called "=HYPERLINK(…)" stays that text). Text that
starts like a formula (= + - @ tab CR) is stored as a string with Excel's
quote prefix, so editing the cell later does not turn it into a formula either.
Control characters a worksheet cannot hold (Excel keeps a pasted one as ``_x0001_``, which calamine
reads back as the character) are dropped: openpyxl refuses them, and the whole output with them.
"""
from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

from ...engine.parse.text import FORMULA_LEAD


def set_cell(cell: Cell, value: Any) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if value.startswith(FORMULA_LEAD):
            cell.data_type = "s"
            cell.quotePrefix = True
        return
    cell.value = value
