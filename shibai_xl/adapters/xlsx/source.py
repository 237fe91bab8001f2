"""What the application reader needs from a workbook, wherever the workbook is: :class:`WorkbookSource`.

Three kinds of source implement it, so that "the same Application from a file and from Excel" is one
type and one reader (:func:`~shibai_xl.adapters.xlsx.reader.read_open`):

* :class:`~shibai_xl.adapters.xlsx.reader.OpenWorkbook` — a saved file, read with calamine;
* :class:`~shibai_xl.adapters.view.BookView` — the workbook open in Excel (xlwings,
  :class:`~shibai_xl.adapters.excel.book.OpenBook`), a saved file as the WPS add-in names it
  (:class:`~shibai_xl.adapters.view.FileBook`), and the add-in's snapshot of an unsaved one
  (:class:`~shibai_xl.adapters.view.SnapshotBook`).

``tests/test_workbook_source.py`` runs one suite against each.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any, Protocol, runtime_checkable

from ...engine.findings import Finding
from .defined_names import name_text
from .hidden_rows import hidden_columns, hidden_rows
from .labels import LabelIndex
from .legacy_merges import merged_ranges
from .package import Table, error_cells, parse_ref
from .struck_cells import struck_rows


@dataclass(frozen=True)
class CellInfo:
    """What a cell shows beyond its value."""
    percent: bool = False             # its number format shows a percentage
    formula: str | None = None        # formula text (without "=") when the cell holds one
    has_value: bool = True            # a value was saved for it (a formula written by a program may have none)
    error: str | None = None          # an Excel error value (#DIV/0!, #REF! …)
    date_shows: str | None = None     # "month"/"year": its date format shows no day (numfmt.date_shows)
    format_read: bool = False         # an .xls/.ods told its format (an .xlsx always does; .xlsb never)
    date_format: str | None = None    # an open workbook's number format shows a "date" or a "duration" (a file's
    #                                   number in one is read as a date: dated_figures.format_shows)
    unit_format: str | None = None    # its number format, where it shows an amount unit (format_units.unit_shown)
    assumed: bool = False             # the source could not tell its format: the template's is given (an open workbook)


class Grid:
    """A sheet's values from A1, addressed by 1-based row/column; "" and time-only values read as blank."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows

    def get(self, row: int, col: int) -> Any:
        if 1 <= row <= len(self.rows):
            r = self.rows[row - 1]
            if 1 <= col <= len(r):
                return _clean(r[col - 1])
        return None

    @property
    def height(self) -> int:
        return len(self.rows)


def _clean(value: Any) -> Any:
    """calamine gives '' for empty cells and timedelta/time for some date cells."""
    if value == "":
        return None
    if isinstance(value, timedelta):
        return None
    return value


@runtime_checkable
class WorkbookSource(Protocol):
    """A workbook as the application reader sees it."""

    #: the printed labels of its sheets, built once by the reader when names are missing
    labels: LabelIndex | None
    #: a number in a date format is given as the number, not as the date shown (PackageFacts)
    numbers_under_dates: bool

    @property
    def sheet_names(self) -> list[str]:
        """Sheet names, in workbook order."""

    @property
    def names(self) -> dict[str, str]:
        """Workbook-level defined names → refers-to text (``'申报表'!$C$5``, ``"park"``)."""

    @property
    def tables(self) -> dict[str, Table]:
        """Excel tables by lower-case name."""

    @property
    def fmt(self) -> str:
        """'xlsx', 'xls', 'ods' or 'xlsb' (the last three read by calamine; an .xls/.ods cell's number format is known
        where its CellInfo says ``format_read``, an .xlsb's never)."""

    def grid(self, sheet: str) -> Grid:
        """A sheet's values (read once)."""

    def cell_info(self, sheet: str, cells: Collection[str], formats: Collection[str] = ()) -> dict[str, CellInfo]:
        """Formula and saved value of the given cells of a sheet, and what the number formats of those of them
        in ``formats`` show: a percentage, a date without the day (a source may have to ask for each format,
        so only where it matters); a cell not in the answer is plain."""

    def macro_findings(self) -> list[Finding]:
        """FILE_MACRO findings for the macros the workbook carries."""

    def surely_blank(self, sheet: str, cells: Collection[str]) -> bool:
        """Whether these cells hold nothing, told without reading the sheet's values; False when that cannot be
        told cheaply (the reader then reads the sheet)."""

    def merged(self, sheet: str) -> list[str]:
        """The sheet's merged ranges ("G11:G12") as far as the source knows them."""

    def error_cells(self, sheet: str) -> dict[str, str]:
        """Cells holding an Excel error value, as far as the source knows them."""

    def hidden_rows(self, sheet: str) -> set[int]:
        """The sheet's hidden (or filtered out) rows, 1-based, as far as the source knows them."""

    def hidden_columns(self, sheet: str) -> set[int]:
        """The sheet's hidden columns, 1-based, as far as the source knows them."""

    def struck_rows(self, sheet: str, column: int) -> set[int]:
        """The rows whose cell in ``column`` (1-based) is struck through in full, as far as the source knows them."""

    def sheet_hidden(self, sheet: str) -> bool:
        """Whether the sheet is hidden (or very hidden), as far as the source knows."""

    def stored_date(self, sheet: str, ref: str, value: Any) -> Any:
        """A date field's value as the number its cell stores where the value read stands for no date the form shows
        (0, 0.5, the serial 60 Excel shows as 1900/2/29, a date in a duration format): as the file reader reads it."""

    def stored_figure(self, sheet: str, ref: str, value: Any) -> Any:
        """A figure's cell read as a date or time (a number in a date format), as the number it stores where the
        source can tell (a file: in the 1904 date system too); else as :meth:`stored_date`."""


def with_errors(infos: dict[str, CellInfo], cells: Collection[str], errors: dict[str, str]) -> dict[str, CellInfo]:
    """``infos`` (cell → CellInfo), with the error value of each of ``cells`` that holds one (``errors``): reported
    where the cell stands for an answer, not read as blank."""
    for cell in cells:
        if cell in errors:
            infos[cell] = replace(infos.get(cell, CellInfo()), error=errors[cell])
    return infos


def has_own_names(src: WorkbookSource) -> bool:
    """Whether the workbook defines any of the tool's names (``sb_…``, in any case): a form made by ``shibai new``,
    read by its names rather than its printed labels."""
    return any(n[:3].casefold() == "sb_" for n in src.names)


def named_cell(src: WorkbookSource, name: str) -> tuple[str, str] | None:
    """(sheet, cell) a defined name points at (in any case: :func:`name_text`), when it is one cell of a sheet the
    workbook has."""
    loc = parse_ref(name_text(src.names, name))
    return loc if loc and loc[0] in src.sheet_names else None


def constant(src: WorkbookSource, name: str) -> str | None:
    """The text of a defined name that is a constant (``sb_type`` = ``"park"``), in any case (:func:`name_text`)."""
    found = re.fullmatch(r'"(.*)"', name_text(src.names, name).strip())
    return found.group(1) if found else None


class PackageFacts:
    """The structure every source carries as ``self.pkg`` (a :class:`~.package.Package`): its defined names,
    tables and file format, for the file reader and the views of open workbooks alike."""

    #: a number in a date format is given as the number (WPS's Range.Value2), not as the date shown (a file, Excel):
    #: the reader asks the format of the cells of figures and dates (xlsx/reader.py _read_fields)
    numbers_under_dates = False

    @property
    def names(self) -> dict[str, str]:
        return self.pkg.names

    @property
    def tables(self) -> dict:
        return self.pkg.tables

    @property
    def fmt(self) -> str:
        return self.pkg.fmt

    def surely_blank(self, sheet: str, cells: Collection[str]) -> bool:
        return False

    def merged(self, sheet: str) -> list[str]:
        """The sheet's merged ranges ("G11:G12"), where the source knows them (a file); else none."""
        return merged_ranges(self.pkg, sheet)

    def error_cells(self, sheet: str) -> dict[str, str]:
        """Cells holding an Excel error value (ref → "#N/A"), where the source knows them (a file); else none."""
        return error_cells(self.pkg, sheet)

    def hidden_rows(self, sheet: str) -> set[int]:
        """The sheet's hidden or filtered-out rows (1-based), where the source knows them (a file); else none."""
        return hidden_rows(self.pkg, sheet)

    def hidden_columns(self, sheet: str) -> set[int]:
        """The sheet's hidden columns (1-based), where the source knows them (a file); else none."""
        return {c + 1 for c in hidden_columns(self.pkg, sheet)}

    def struck_rows(self, sheet: str, column: int) -> set[int]:
        """The rows whose cell in ``column`` (1-based) is struck through in full (删除线, :mod:`.struck_cells`), where
        the file tells it; else none."""
        return struck_rows(self.pkg, sheet, column - 1)[0]

    def sheet_hidden(self, sheet: str) -> bool:
        """Whether the sheet is hidden, where the source knows it (a file read with calamine); else not."""
        return False

    def stored_date(self, sheet: str, ref: str, value: Any) -> Any:
        """A date field's value, where the source holds nothing more than what it read."""
        return value

    def stored_figure(self, sheet: str, ref: str, value: Any) -> Any:
        return self.stored_date(sheet, ref, value)
