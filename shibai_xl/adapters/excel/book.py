"""Read an open workbook (an ``xlwings.Book``) once, the way the file reader reads a file.

Everything is read up front, in bulk: the workbook-level defined names, the
tables (``sb_residents``, ``sb_summary``) and, per sheet that is needed, its
used range from A1 in ONE range read. The :class:`Application` is then built by
the file reader's own code (:func:`shibai_xl.adapters.xlsx.reader.read_open`) running
on what was read (:class:`~shibai_xl.adapters.view.BookView`), so the ribbon and
``shibai check`` see the same application.

Differences to a closed file, all on purpose:

* values are what Excel shows now (formulas are computed), so there is no
  "formula without a cached value";
* a percentage cell's number format is read from Excel where the engine can
  (Windows/macOS); where it cannot (xlwings' remote engine) the cell is taken
  to be %-formatted, as every template made by ``shibai new`` formats it.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ...engine.parse import dates
from ...engine.parse.dated_figures import as_listed
from ...engine.parse.text import EXCEL_ERRORS as _EXCEL_ERRORS
from ...engine.parse.text import NAME_ERROR, is_picture
from ...engine.plan import note_owner
from ...engine.residents import hidden_among
from ..view import (  # noqa: F401
    APPLICATION,
    MAX_COLUMNS,
    MAX_ROWS,
    OTHER,
    PROVINCE,
    PROVINCE_MARK,
    RUBRIC,
    SUMMARY,
    BookView,
    FileBook,
    cell_value,
    strip_dollars,
    without_errors,
)
from ..xlsx.package import Package, Table, UnreadableFile
from ..xlsx.refs import col_letters
from ..xlsx.source import Grid

# what Excel's error values read as with err_to_str (COM and the remote engine alike; xlwings' default is None)
EXCEL_ERRORS = _EXCEL_ERRORS
# a print area's range in A1 style: "$A$1:$P$33", "$A:$P" (R1C1 or a name: not taken)
_A1_AREA = re.compile(r"\$?[A-Z]{1,3}(\$?[0-9]{1,7})?:\$?[A-Z]{1,3}(\$?[0-9]{1,7})?")


class OpenBook(BookView):
    """An open workbook, read once: names, tables and (lazily, one bulk read each) sheets."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.errors: dict[str, dict[str, str]] = {}     # sheet → cell → the error value it holds
        sheet_names = [s.name for s in book.sheets]
        pkg = Package(path=Path(book.name), sheets={n: "" for n in sheet_names},
                      names=self._read_names(), tables=self._read_tables())
        super().__init__(book.name, pkg)

    # --- structure -----------------------------------------------------------------------------
    def _read_names(self) -> dict[str, str]:
        out = {}
        for n in self.book.names:
            try:
                name, refers = n.name, n.refers_to
            except Exception:  # a name an engine cannot describe (multi-area, external): not ours
                continue
            if not name or "!" in name or refers is None:
                continue   # sheet-scoped names (print areas …) are never contract names
            out[name] = refers[1:] if refers.startswith("=") else refers
        return out

    def _read_tables(self) -> dict[str, Table]:
        out = {}
        for sheet in self.book.sheets:
            try:
                tables = list(sheet.tables)
            except Exception:  # an engine/sheet type without tables (chart sheets)
                continue
            for t in tables:
                try:
                    ref = strip_dollars(t.range.address)
                except Exception:
                    continue
                out[t.name.lower()] = Table(t.name, sheet.name, ref, [], _shows_totals(t))
        return out

    @property
    def path(self) -> Path | None:
        """The workbook's file on disk, None for a new unsaved book (or the remote engine)."""
        try:
            full = Path(self.book.fullname)
        except Exception:
            return None
        return full if full.is_absolute() and full.exists() else None

    @property
    def address(self) -> str | None:
        """Excel's FullName where it is no file here: OneDrive/SharePoint give an address, which xlwings may refuse
        to turn into a path (then Excel's own is asked)."""
        if self.path is not None:
            return None
        for ask in (lambda: self.book.fullname, lambda: self.book.api.FullName):
            try:
                return str(ask())
            except Exception:   # xlwings' OneDrive mapping not set up; the remote engine has no COM
                continue
        return None

    def saved_as_is(self) -> bool:
        # Excel's own flag: comparing cells with the file could take a value COM shows differently (a time-only
        # cell) for an unsaved edit, and saving would never clear that; the flag is cleared by saving
        try:
            return self.book.api.Saved is True
        except Exception:  # the remote engine and others without COM: unknown
            return False

    def read_only(self) -> bool:
        try:
            return self.book.api.ReadOnly is True
        except Exception:  # the remote engine and others without COM: unknown
            return False

    def sheet(self, name: str) -> Any:
        return self.book.sheets[name]

    def print_area(self, name: str) -> list[str] | None:
        """The sheet's print area as Excel tells it (``PageSetup.PrintArea``: "$A$1:$M$20,$P$1:$P$20"); None without
        one, in another reference style, or on an engine that cannot tell."""
        try:
            area = self.sheet(name).page_setup.print_area
        except Exception:  # the remote engine and others: unknown
            return None
        parts = str(area).split(",") if area else []
        return parts if parts and all(_A1_AREA.fullmatch(p) for p in parts) else None

    def merged(self, name: str) -> list[str]:
        """The sheet's merged areas as Excel tells them (COM ``Range.MergeCells``: False for a band of rows without
        any, so only the bands holding one are looked into: a few calls for a sheet whose title alone is merged).
        None known on an engine without COM (xlwings' remote engine)."""
        try:
            used = self.sheet(name).api.UsedRange
            top, rows, cols = used.Row, used.Rows.Count, used.Columns.Count
            sheet = self.sheet(name).api
            found: set[str] = set()
            _merged_in(sheet, top, min(top + rows - 1, MAX_ROWS), used.Column, used.Column + cols - 1, found)
        except Exception:  # the remote engine, macOS: merged areas cannot be asked
            return []
        return sorted(found)

    def load_grid(self, name: str) -> Grid:
        """The sheet's values from A1 to the end of its used range: one read per sheet. An error value (#N/A) reads
        as blank, as the file reader reads it, and is kept in :attr:`errors`: the reader reports it where it stands
        for an answer or a resident's figure, as ``shibai check`` does (xlwings alone would make it a silent blank)."""
        sheet = self.sheet(name)
        last = sheet.used_range.last_cell
        rows, cols = min(last.row, MAX_ROWS), min(last.column, MAX_COLUMNS)
        values = sheet.range((1, 1), (rows, cols)).options(ndim=2, err_to_str=True).value or []
        self.errors[name] = {}
        grid = Grid(without_errors(values, self.errors[name]))
        for row in grid.rows:   # a moment before 1900-03-01 (COM's and Office.js's day 0 is 1899-12-30): as a file reads
            for c, v in enumerate(row):   # it — 35 in a date format is Excel's 1900-02-04, 0.5 a time of day, 60 itself
                if isinstance(v, date):
                    v = dates.open_book_serial(v)
                    row[c] = as_listed(v) if isinstance(v, float) and 0 <= v < 1 else v
        return grid

    def error_cells(self, sheet: str) -> dict[str, str]:
        self.grid(sheet)
        return self.errors.get(sheet, {})

    def hidden_rows(self, name: str) -> set[int]:
        """The sheet's rows hidden by hand or by a filter, as Excel tells them (COM ``EntireRow.Hidden`` of a block of
        rows: False when none is, halved where some are: a few calls for a list with a few hidden runs), which
        ``shibai check`` says of the saved file. None known on an engine without COM (xlwings' remote engine)."""
        try:
            sheet = self.sheet(name).api
            used = sheet.UsedRange
            last = min(used.Row + used.Rows.Count - 1, MAX_ROWS)
            return set(hidden_among(lambda a, b: sheet.Range(sheet.Cells(a, 1), sheet.Cells(b, 1)).EntireRow.Hidden,
                                    range(1, last + 1)))
        except Exception:  # the remote engine, macOS: rows' visibility cannot be asked
            return set()

    def hidden_columns(self, name: str) -> set[int]:
        """The sheet's hidden columns (COM ``EntireColumn.Hidden``, asked as :meth:`hidden_rows` asks rows); none known
        without COM (xlwings' remote engine)."""
        try:
            sheet = self.sheet(name).api
            used = sheet.UsedRange
            last = min(used.Column + used.Columns.Count - 1, MAX_COLUMNS)
            return set(hidden_among(lambda a, b: sheet.Range(sheet.Cells(1, a), sheet.Cells(1, b)).EntireColumn.Hidden,
                                    range(1, last + 1)))
        except Exception:  # the remote engine, macOS: columns' visibility cannot be asked
            return set()

    def sheet_hidden(self, name: str) -> bool:
        """Whether the sheet is hidden (COM ``Visible`` is not xlSheetVisible, very hidden too); elsewhere (xlwings'
        remote engine, macOS) xlwings' own ``Sheet.visible``, which the client tells: a hidden 入驻企业名单 is said
        there as ``shibai check`` and WPS say it."""
        sheet = self.sheet(name)
        try:
            return sheet.api.Visible not in (-1, True)
        except Exception:  # no COM object
            try:
                return not sheet.visible
            except Exception:  # an engine that cannot tell: as shown
                return False

    def formulas(self, sheet: str) -> dict[tuple[int, int], str]:
        """The formulas of the sheet's cells, in one read (Excel's ``Range.Formula``: a constant reads as itself, so
        a text that starts with "=" is no formula). An engine that cannot read formulas (xlwings' remote engine):
        the saved file's, where the open book still shows what the file saved (a refresh needs a saved book)."""
        grid = self.grid(sheet)
        width = max((len(r) for r in grid.rows), default=0)
        if not grid.height or not width:
            return {}
        try:
            got = self.sheet(sheet).range((1, 1), (grid.height, width)).formula
        except NotImplementedError:
            return self._saved_formulas(sheet, grid)
        rows = got if isinstance(got, (list, tuple)) else [[got]]
        out = {}
        for r, row in enumerate(rows, 1):
            for c, f in enumerate(row if isinstance(row, (list, tuple)) else [row], 1):
                if isinstance(f, str) and f.startswith("=") and f != grid.get(r, c):
                    out[(r, c)] = f
        return out

    def _saved_formulas(self, sheet: str, grid: Grid) -> dict[tuple[int, int], str]:
        path = self.path
        if path is None:
            return {}
        try:
            with FileBook(path) as saved:
                formulas, shown = saved.formulas(sheet), saved.grid(sheet)
        except (UnreadableFile, OSError):
            return {}
        errors = self.error_cells(sheet)

        def still_shown(at: tuple[int, int], formula: str) -> bool:
            if grid.get(*at) == cell_value(shown.get(*at)):
                return True
            # WPS's picture (DISPIMG), saved with its text, shows #NAME? in Excel: still the file's picture
            return errors.get(f"{col_letters(at[1])}{at[0]}") == NAME_ERROR and \
                is_picture(None, formula)
        return {k: f for k, f in formulas.items() if still_shown(k, f)}

    def number_format(self, sheet: str, cell: str) -> str | None:
        try:
            return self.sheet(sheet).range(cell).number_format or ""
        except NotImplementedError:   # xlwings' remote engine cannot read formats: the template's
            return None

    def reads_formats(self) -> bool:
        return bool(self.sheet_names) and self.number_format(self.sheet_names[0], "A1") is not None

    def notes(self, sheet: str) -> list[tuple[str, bool | str | None]]:
        try:
            notes = list(self.sheet(sheet).notes)
        except NotImplementedError:   # an engine/client without notes
            return []
        out = []
        for note in notes:
            ref = _note_address(note)
            if ref is not None:
                out.append((ref, _is_ours(note)))
        return out


def _merged_in(sheet: Any, r0: int, r1: int, c0: int, c1: int, found: set[str]) -> None:
    """The merged areas within rows r0..r1, columns c0..c1 of a COM worksheet: a block without any (MergeCells False)
    is left at once, one wholly inside a merged area is that area, any other is halved: its columns first (a summary
    has some twenty, a merge down a column is then one block), then its rows."""
    merged = sheet.Range(sheet.Cells(r0, c0), sheet.Cells(r1, c1)).MergeCells
    if merged is False:
        return
    if merged is True:
        area = sheet.Cells(r0, c0).MergeArea
        found.add(strip_dollars(area.Address))
        if area.Row + area.Rows.Count - 1 >= r1 and area.Column + area.Columns.Count - 1 >= c1:
            return
    if r0 == r1 and c0 == c1:
        return
    if c0 == c1:
        mid = (r0 + r1) // 2
        _merged_in(sheet, r0, mid, c0, c1, found)
        _merged_in(sheet, mid + 1, r1, c0, c1, found)
    else:
        mid = (c0 + c1) // 2
        _merged_in(sheet, r0, r1, c0, mid, found)
        _merged_in(sheet, r0, r1, mid + 1, c1, found)


def _shows_totals(table: Any) -> bool:
    """Whether the table's last row is Excel's 汇总行 (``ListObject.ShowTotals``); False where an engine cannot tell."""
    try:
        return table.show_totals is True
    except Exception:  # noqa: BLE001 — an engine without it: no totals row known, as before
        return False


def _is_ours(note: Any) -> bool | str | None:
    """None where the engine cannot tell (the remote engine sends neither author nor text)."""
    try:
        return note_owner(note.author, note.text)
    except Exception:   # remote engine: NotImplementedError
        return None


def _note_address(note: Any) -> str | None:
    try:
        return strip_dollars(note.location.address)
    except NotImplementedError:   # remote engine: the note's cell is known to its impl
        return strip_dollars(note.impl.range.address)
    except Exception:  # a note whose cell cannot be told: leave it alone
        return None


def open_book(book: Any) -> OpenBook:
    return OpenBook(book)


__all__ = ["OpenBook", "open_book", "cell_value", "strip_dollars", "APPLICATION", "SUMMARY", "PROVINCE", "RUBRIC",
           "OTHER"]
