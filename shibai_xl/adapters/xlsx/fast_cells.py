"""openpyxl's worksheet reader, taking the short way for plain cells.

Loading a 1000-row 项目汇总表 to refresh it (about 21 000 cells, most of them text the tool wrote inline, and its
hidden state sheet) spends a third of its time building each inline text cell through openpyxl's ``Text``
model and a dict per cell. A cell here that is plain — inline text in one ``<t>``, a shared string, a number not
formatted as a date, a truth value, or nothing, with its reference and no formula — is read straight from its
element; any other cell (a formula, rich text, a date, an error, a cell without its reference) and any row whose
number is not plain digits go through openpyxl's own ``parse_cell`` / ``parse_row``, so what a workbook loads
as is the same (``tests/test_fast_cells.py`` compares every cell openpyxl loads, on real and hostile workbooks).

Installed with :mod:`.fast_rows` when :mod:`.styles` is imported: every workbook this tool opens to change it.
"""
from __future__ import annotations

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet import _reader
from openpyxl.xml.constants import SHEET_MAIN_NS

_IS, _T, _V = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("is", "t", "v"))
_original_parse_row = _reader.WorkSheetParser.parse_row
_COLUMNS: dict[str, int] = {}   # a column's letters → its number, as cells name them (openpyxl's way once each)


def _plain_cell(parser, el, row_number: str = "") -> dict | None:
    """What ``parse_cell`` gives for a plain cell (module doc) in the row numbered ``row_number``; None for any other."""
    a = el.attrib
    ref = a.get("r")
    if not ref or len(el) > 1:
        return None
    kind, s = a.get("t", "n"), a.get("s")
    if s == "":
        return None
    style = int(s) if s else 0
    child = el[0] if len(el) else None
    if kind == "inlineStr":
        if child is None or child.tag != _IS or len(child) != 1 or child[0].tag != _T or parser.rich_text:
            return None
        value, kind = child[0].text or "", "s"
    elif child is None:
        if kind not in ("n", "s", "b"):
            return None
        value = None
    elif child.tag != _V:
        return None       # a formula (its cached value beside it is a second child), rich text …
    else:
        text = child.text
        if not text:
            value = None
        elif kind == "s":
            value = parser.shared_strings[int(text)]
        elif kind == "n" and style not in parser.date_formats:
            value = _reader._cast_number(text)
        elif kind == "b":
            value = bool(int(text))
        else:
            return None
    letters = ref[:-len(row_number)] if row_number and ref.endswith(row_number) else ""
    column = _COLUMNS.get(letters)
    if column is None:
        row, column = coordinate_to_tuple(ref)
        if letters.isascii() and letters.isalpha() and str(row) == row_number:
            _COLUMNS[letters] = column
    else:
        row = parser.row_counter
    parser.col_counter = column
    return {"row": row, "column": column, "value": value, "data_type": kind, "style_id": style}


def parse_row(self, row):
    """``WorkSheetParser.parse_row``, plain cells the short way."""
    r = row.get("r")
    if r is None or not (r.isascii() and r.isdigit()):
        return _original_parse_row(self, row)
    self.row_counter, self.col_counter = int(r), 0
    attrs = row.attrib
    if any(k not in ("r", "spans") and not k.startswith("{") for k in attrs):
        # no dimension object unless it says something (as openpyxl)
        self.row_dimensions[str(self.row_counter)] = dict(attrs)
    return self.row_counter, [_plain_cell(self, el, r) or self.parse_cell(el) for el in row]


def install(on: bool = True) -> None:
    """Every openpyxl load of this process reads plain cells the short way (``on=False``: openpyxl's own again)."""
    _reader.WorkSheetParser.parse_row = parse_row if on else _original_parse_row
