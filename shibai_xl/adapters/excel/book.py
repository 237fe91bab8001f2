"""Read an open workbook (an ``xlwings.Book``) once, the way the file reader reads a file.

Everything is read up front, in bulk: the workbook-level defined names, the
tables (``sb_residents``, ``sb_summary``) and, per sheet that is needed, its
used range from A1 in ONE range read. The :class:`Application` is then built by
the file reader's own code (:func:`shibai_xl.adapters.xlsx.reader.read_open`) running
on what was read, so the ribbon and ``shibai check`` see the same application.

Differences to a closed file, all on purpose:

* values are what Excel shows now (formulas are computed), so there is no
  "formula without a cached value";
* a percentage cell's number format is read from Excel where the engine can
  (Windows/macOS); where it cannot (xlwings' remote engine) the cell is taken
  to be %-formatted, as every template made by ``shibai new`` formats it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ...engine import fields as F
from ...engine.application import Application
from ...engine.parse.text import normalize
from ...rules import Rules, load
from ..xlsx.package import Package, Table, UnreadableFile, open_package
from ..xlsx.reader import Grid, MAX_RESIDENT_ROWS, OpenWorkbook, read_open, detect_type, macro_finding, split_ref

APPLICATION, SUMMARY, PROVINCE, RUBRIC, OTHER = "application", "summary", "province", "rubric", "other"
MAX_ROWS = MAX_RESIDENT_ROWS + 5000   # a used range stretched by formatting to row 1048576 is cut here
MAX_COLUMNS = 200
PROVINCE_MARK = "全省"                 # the title merge gives the provincial 项目汇总表


def cell_value(value: Any) -> Any:
    """Excel's value as the file reader (calamine) gives it: a date without a time is a ``date``."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    return value


def strip_dollars(address: str) -> str:
    return (address or "").replace("$", "").upper()


class OpenBook:
    """An open workbook, read once: names, tables and (lazily, one bulk read each) sheets."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.name: str = book.name
        self.sheet_names: list[str] = [s.name for s in book.sheets]
        self.pkg = Package(path=Path(self.name), sheets={n: "" for n in self.sheet_names},
                           names=self._read_names(), tables=self._read_tables())
        self.grids: dict[str, Grid] = {}

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
                out[t.name.lower()] = Table(t.name, sheet.name, ref, [])
        return out

    @property
    def path(self) -> Path | None:
        """The workbook's file on disk, None for a new unsaved book (or the remote engine)."""
        try:
            full = Path(self.book.fullname)
        except Exception:
            return None
        return full if full.is_absolute() and full.exists() else None

    def named_cell(self, name: str) -> tuple[str, str] | None:
        loc = self.pkg.named_cell(name)
        return loc if loc and loc[0] in self.pkg.sheets else None

    def constant(self, name: str) -> str | None:
        return self.pkg.constant(name)

    def sheet(self, name: str) -> Any:
        return self.book.sheets[name]

    def grid(self, name: str) -> Grid:
        """The sheet's values from A1 to the end of its used range: one read per sheet."""
        if name not in self.grids:
            sheet = self.sheet(name)
            last = sheet.used_range.last_cell
            rows, cols = min(last.row, MAX_ROWS), min(last.column, MAX_COLUMNS)
            values = sheet.range((1, 1), (rows, cols)).options(ndim=2).value or []
            self.grids[name] = Grid([[cell_value(v) for v in row] for row in values])
        return self.grids[name]

    def value(self, name: str) -> Any:
        loc = self.named_cell(name)
        if not loc:
            return None
        row, col = split_ref(loc[1])
        return self.grid(loc[0]).get(row, col)

    # --- what this workbook is -------------------------------------------------------------------
    def kind(self, rules: Rules | None = None) -> str:
        rules = rules or load()
        declared = (self.constant("sb_type") or "").strip()
        if declared.startswith("rubric"):
            return RUBRIC
        if declared == "summary" or (not declared and "sb_summary" in self.pkg.tables):
            return PROVINCE if PROVINCE_MARK in normalize(self.value("sb_summary_title")) else SUMMARY
        if (declared and rules.type_id(declared)) or detect_type(self.pkg, rules):
            return APPLICATION
        return OTHER

    # --- the application ---------------------------------------------------------------------------
    def read_application(self, rules: Rules | None = None) -> Application:
        """The same :class:`Application` ``read_application(path)`` builds from the saved file."""
        rules = rules or load()
        app = read_open(_XwWorkbook(self), Path(self.name), rules)
        for name, raw in app.raw.items():
            if F.FIELDS[name].kind == F.PERCENT and raw.sheet and raw.cell:
                raw.percent_format = self._percent_format(raw.sheet, raw.cell)
        path = self.path
        if path is not None and path.suffix.lower() == ".xlsm":
            app.reader_findings.extend(self._macro_findings(path))
        return app

    def _percent_format(self, sheet: str, cell: str) -> bool:
        try:
            return "%" in (self.sheet(sheet).range(cell).number_format or "")
        except NotImplementedError:   # xlwings' remote engine cannot read formats: the template's %
            return True

    @staticmethod
    def _macro_findings(path: Path) -> list:
        try:
            pkg = open_package(path)
        except UnreadableFile:
            return []
        try:
            return [macro_finding(pkg)] if pkg.has_macros else []
        finally:
            pkg.close()


class _XwWorkbook(OpenWorkbook):
    """What the file reader's ``read_open`` needs, served from an :class:`OpenBook`."""

    def __init__(self, ob: OpenBook) -> None:
        super().__init__(ob.pkg, None, ob.grids)
        self.ob = ob

    def grid(self, sheet: str) -> Grid:
        return self.ob.grid(sheet)

    def close(self) -> None:
        pass


def open_book(book: Any) -> OpenBook:
    return OpenBook(book)


__all__ = ["OpenBook", "open_book", "cell_value", "strip_dollars", "APPLICATION", "SUMMARY", "PROVINCE", "RUBRIC",
           "OTHER"]
