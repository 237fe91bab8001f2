"""A workbook as the ribbon actions see it, read once: names, tables, sheet values, notes.

Three sources give the same view, so one job serves every face:

* :class:`~shibai_xl.adapters.excel.book.OpenBook` — the workbook open in Excel (xlwings);
* :class:`FileBook` — a saved workbook file (what the WPS add-in sends for a saved
  workbook: its path), read with the same reader as ``shibai check``;
* :class:`SnapshotBook` — the values the WPS add-in read from an unsaved workbook
  (``Range.Value2`` of each sheet, the defined names, the tables and the notes).

Every view is a :class:`~shibai_xl.adapters.xlsx.source.WorkbookSource`, so an application is
always built by the one reader (:func:`~shibai_xl.adapters.xlsx.reader.read_open`), whatever
the source.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..engine.application import Application
from ..engine.findings import Finding
from ..engine.parse import dated_figures, dates, format_units
from ..engine.parse.text import EXCEL_ERRORS, NAME_ERROR, is_picture
from ..engine.plan import note_owner
from ..engine.summary_table import PROVINCE_MARK, province_titled  # noqa: F401  (PROVINCE_MARK: given to excel/book.py)
from ..errors import UnreadableInput
from ..rules import Rules, load
from .xlsx.labels import LabelIndex
from .xlsx.legacy_merges import merged_ranges
from .xlsx.list_rows import MAX_RESIDENT_ROWS
from .xlsx.numfmt import date_shows
from .xlsx.opc import NS, parse_xml, relationships
from .xlsx.package import Package, Table, UnreadableFile, open_package
from .xlsx.reader import detect_type, open_workbook, read_open
from .xlsx.refs import col_letters, split_ref
from .xlsx.security_findings import package_findings
from .xlsx.source import CellInfo, Grid, PackageFacts, constant, has_own_names, named_cell, with_errors
from .xlsx.struck_cells import struck_rows
from .xlsx.text_table import open_text_table, sent_as_text, text_book_package
from .xlsx.whole_ranges import saved_print_areas

APPLICATION, SUMMARY, PROVINCE, RUBRIC, OTHER = "application", "summary", "province", "rubric", "other"
MAX_ROWS = MAX_RESIDENT_ROWS + 5000   # a used range stretched by formatting to row 1048576 is cut here
MAX_COLUMNS = 200
MAX_FORMULA = 8192                    # Excel's longest formula, in characters
MAX_MERGES = 10_000                   # merged ranges of one sheet the add-in sends (shibai.js MAX_MERGES)
DAYS_1900_TO_1904 = 1462            # 1904-01-01 is day 1462 of the 1900 date system, day 0 of the 1904 one
_RANGE = re.compile(r"([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})")


def cell_value(value: Any) -> Any:
    """A value as the file reader (calamine) gives it: a date without a time is a ``date``."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    return value


def strip_dollars(address: str) -> str:
    return (address or "").replace("$", "").upper()


# an error value as COM hands it to a script (VT_ERROR: 0x800A0000 + XlCVError), the way WPS may give Range.Value2
COM_ERRORS = {-2146828288 + code: text for code, text in (
    (2000, "#NULL!"), (2007, "#DIV/0!"), (2015, "#VALUE!"), (2023, "#REF!"), (2029, "#NAME?"), (2036, "#NUM!"),
    (2042, "#N/A"), (2043, "#GETTING_DATA"), (2045, "#SPILL!"), (2046, "#CONNECT!"), (2047, "#BLOCKED!"),
    (2048, "#UNKNOWN!"), (2049, "#FIELD!"), (2050, "#CALC!"))}


def error_text(value: Any) -> str | None:
    """The error value (#N/A …) a cell of an open workbook shows, read as text (xlwings' err_to_str, Office.js) or
    as its COM code; None for any other value."""
    if value.__class__ is str:
        return value if value in EXCEL_ERRORS else None
    return COM_ERRORS.get(value) if value.__class__ is int else None


def without_errors(rows: Iterable[list[Any]], errors: dict[str, str]) -> list[list[Any]]:
    """Rows of an open workbook's values from A1 as the file reader gives them: an error value (#N/A) is blank —
    and kept in ``errors`` (cell → "#N/A"), for the reader to say it where it stands for an answer or a resident's
    figure, as ``shibai check`` does — and a date without a time a ``date``."""
    grid = []
    for r, row in enumerate(rows, 1):
        shown = [error_text(v) for v in row]
        if any(shown):
            errors.update({f"{col_letters(c)}{r}": e for c, e in enumerate(shown, 1) if e})
            row = [None if e else v for v, e in zip(row, shown)]
        grid.append([cell_value(v) for v in row])
    return grid


class BookView(PackageFacts):
    """What every source shares: structure in a :class:`Package` (names, tables, sheet names; no parts),
    sheets read lazily, one read each. A :class:`~shibai_xl.adapters.xlsx.source.WorkbookSource`."""

    name: str

    def __init__(self, name: str, pkg: Package) -> None:
        self.name = name
        self.pkg = pkg
        self.sheet_names: list[str] = list(pkg.sheets)
        self.grids: dict[str, Grid] = {}
        self.labels: LabelIndex | None = None

    # --- what a source provides --------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The workbook's file on disk; None for an unsaved workbook."""
        return None

    @property
    def address(self) -> str | None:
        """The full name the program holding the workbook gives it when there is no file on disk for it (a cloud
        document's ``https://…``); None where there is none or the source cannot tell."""
        return None

    def load_grid(self, sheet: str) -> Grid:
        raise NotImplementedError

    def notes(self, sheet: str) -> list[tuple[str, bool | str | None]]:
        """(cell, written by this tool: :func:`~shibai_xl.engine.plan.note_owner`) for each note on ``sheet``; None
        where the source cannot tell."""
        return []

    def number_format(self, sheet: str, cell: str) -> str | None:
        """A cell's number format code; None where a source cannot tell."""
        return None

    def reads_formats(self) -> bool:
        """Whether the source tells cells' number formats (:meth:`cell_info`); False where every one is the
        template's (xlwings' remote engine)."""
        return True

    def print_area(self, sheet: str) -> list[str] | None:
        """The print area a person set on ``sheet``, its ranges as Excel writes them ("$A$1:$P$33", "$A:$P"); None
        where there is none or the source cannot tell."""
        return None

    def merged(self, sheet: str) -> list[str]:
        """The merged ranges of ``sheet`` ("B4:B9"), as a file refresh meets them; none where a source cannot tell."""
        return merged_ranges(self.pkg, sheet)

    def struck_rows(self, sheet: str, column: int) -> set[int]:
        """The rows of ``sheet`` whose cell in ``column`` (1-based) is struck through (删除线: a project a clerk crossed
        out, :mod:`.xlsx.struck_cells`), as the saved file has them (a refresh of the open book needs it saved); none
        where there is no file, or it tells none."""
        path = self.path
        if path is None:
            return set()
        try:
            pkg = open_package(path)
        except UnreadableFile:
            return set()
        try:
            return struck_rows(pkg, sheet, column - 1)[0]
        finally:
            pkg.close()

    def saved_as_is(self) -> bool:
        """Whether the program holding this workbook says it has no unsaved change (Excel's ``Workbook.Saved``);
        False where that cannot be told (then a job compares what is shown with the saved file)."""
        return False

    def read_only(self) -> bool:
        """Whether the program holding this workbook opened it read-only (Excel's ``Workbook.ReadOnly``: a file open
        elsewhere, read-only on disk): its changes cannot be saved to its file. False where that cannot be told."""
        return False

    def formulas(self, sheet: str) -> dict[tuple[int, int], str]:
        """(row, column) → the formula (``"=SUM(K4:K9)"``) of each cell of ``sheet`` that holds one; its
        :meth:`grid` has the value the formula shows. {} where a source cannot tell."""
        return {}

    def macro_findings(self) -> list[Finding]:
        """The saved file's macros, external links and data connections (a workbook open in Excel: its file is
        read for them)."""
        path = self.path
        return _macro_findings(path) if path is not None and path.suffix.lower() in (".xlsm", ".xlsx") else []

    def close(self) -> None:
        pass

    def __enter__(self) -> BookView:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- shared ------------------------------------------------------------------------------------
    def cell_info(self, sheet: str, cells: Collection[str], formats: Collection[str] = ()) -> dict[str, CellInfo]:
        """Number formats, asked cell by cell (values are what the book shows: computed); where a source cannot tell
        a format, the template's: a percentage field is %-formatted, a date shows its day. And the error values
        (#N/A) the source knows of, reported instead of read as blank."""
        out = {}
        for cell in formats:
            code = self.number_format(sheet, cell)
            out[cell] = CellInfo(percent=code is None or "%" in code, date_shows=date_shows(code) if code else None,
                                 date_format=dated_figures.format_shows(code),
                                 unit_format=code if format_units.unit_shown(code) else None, assumed=code is None)
        return self._with_pictures(sheet, cells, with_errors(out, cells, self.error_cells(sheet)))

    def _with_pictures(self, sheet: str, cells: Collection[str], infos: dict[str, CellInfo]) -> dict[str, CellInfo]:
        """``infos``, and each of ``cells`` whose formula is WPS's picture (DISPIMG) told: what the book shows for it
        (Excel's #NAME?, WPS's saved text or nothing) is no answer, as a file's cell is said a picture."""
        if not self._may_hold_pictures(infos):
            return infos
        for (r, c), f in self.formulas(sheet).items():
            cell = f"{col_letters(c)}{r}"
            if cell in cells and is_picture(None, f):   # the engine's one recogniser
                infos[cell] = replace(infos.get(cell, CellInfo()), formula=f.removeprefix("="))
        return infos

    @staticmethod
    def _may_hold_pictures(infos: dict[str, CellInfo]) -> bool:
        """Whether the formulas are worth asking for (a read of the whole sheet in Excel): a picture shows #NAME?
        where the application does not know DISPIMG (Excel)."""
        return any(info.error == NAME_ERROR for info in infos.values())

    def stored_date(self, sheet: str, ref: str, value: Any) -> Any:
        """An open workbook's date cell: its grid holds the moments before 1900-03-01 as a file reads them already
        (OpenBook.load_grid), a time of day the number stored (0.5), as a file's date cell is read; a far date
        Office.js sends as text is the number it stands for."""
        if isinstance(value, dt.time):
            return dated_figures.serial(value)
        return dates.open_book_serial(value) if isinstance(value, str) else value

    def grid(self, sheet: str) -> Grid:
        if sheet not in self.grids:
            self.grids[sheet] = self.load_grid(sheet)
        return self.grids[sheet]

    def named_cell(self, name: str) -> tuple[str, str] | None:
        return named_cell(self, name)

    def constant(self, name: str) -> str | None:
        return constant(self, name)

    def value(self, name: str) -> Any:
        loc = self.named_cell(name)
        if not loc:
            return None
        row, col = split_ref(loc[1])
        return self.grid(loc[0]).get(row, col)

    def kind(self, rules: Rules | None = None) -> str:
        rules = rules or load()
        declared = (self.constant("sb_type") or "").strip()
        if declared.startswith("rubric"):
            return RUBRIC
        if declared == "summary" or (not declared and "sb_summary" in self.pkg.tables):
            return PROVINCE if province_titled(self.value("sb_summary_title"), rules) else SUMMARY
        if (declared and rules.type_id(declared)) or detect_type(self, rules, by_content=False):
            return APPLICATION
        if not has_own_names(self) and detect_type(self, rules):
            return APPLICATION    # a form pasted or retyped without its names: its title and labels, as `check` reads it
        return OTHER

    def read_application(self, rules: Rules | None = None) -> Application:
        """The same :class:`Application` ``read_application(path)`` builds from the saved file."""
        return read_open(self, Path(self.name), rules or load())


def _macro_findings(path: Path) -> list:
    try:
        pkg = open_package(path)
    except UnreadableFile:
        return []
    try:
        return package_findings(pkg)
    finally:
        pkg.close()


# --- a saved file -----------------------------------------------------------------------------------

_COMMENTS_PART = re.compile(r"(^|/)comments?\d*\.xml$", re.I)   # Excel: comments1.xml, openpyxl: comment1.xml


class FileBook(BookView):
    """A saved workbook file, read like ``shibai check`` reads it (never written here); a table saved as text (a
    city's 附件4 as CSV open in WPS) as merge reads it: its one sheet."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._formulas: dict[str, dict[tuple[int, int], str]] = {}
        if sent_as_text(self._path):
            self._wb: Any = open_text_table(self._path)
            super().__init__(self._path.name, text_book_package(self._wb))
            return
        self._wb = open_workbook(self._path)
        super().__init__(self._path.name, self._wb.pkg)

    @property
    def path(self) -> Path:
        return self._path

    def load_grid(self, sheet: str) -> Grid:
        return self._wb.grid(sheet)

    def print_area(self, sheet: str) -> list[str] | None:
        return saved_print_areas(self._path).get(sheet)

    def formulas(self, sheet: str) -> dict[tuple[int, int], str]:
        if sheet not in self._formulas:
            self._formulas[sheet] = saved_formulas(self._path, sheet)
        return self._formulas[sheet]

    def cell_info(self, sheet: str, cells: Collection[str], formats: Collection[str] = ()) -> dict[str, CellInfo]:
        return self._wb.cell_info(sheet, cells, formats)

    def macro_findings(self) -> list[Finding]:
        return self._wb.macro_findings()

    def stored_date(self, sheet: str, ref: str, value: Any) -> Any:
        return self._wb.stored_date(sheet, ref, value)

    def stored_figure(self, sheet: str, ref: str, value: Any) -> Any:
        return self._wb.stored_figure(sheet, ref, value)

    def sheet_hidden(self, sheet: str) -> bool:
        return self._wb.sheet_hidden(sheet)

    def struck_rows(self, sheet: str, column: int) -> set[int]:
        return struck_rows(self.pkg, sheet, column - 1)[0]

    @property
    def fmt(self) -> str:
        return self._wb.fmt

    def notes(self, sheet: str) -> list[tuple[str, bool]]:
        zf, part = self.pkg.zf, self.pkg.sheets.get(sheet)
        if zf is None or not part:
            return []
        members = set(zf.namelist())
        out = []
        for target in relationships(zf, part, members).values():
            if not _COMMENTS_PART.search(target) or target not in members:
                continue
            root = parse_xml(zf.read(target), target)
            authors = [a.text or "" for a in root.findall("m:authors/m:author", NS)]
            for cm in root.findall("m:commentList/m:comment", NS):
                author_id = int(cm.get("authorId") or 0)
                author = authors[author_id] if 0 <= author_id < len(authors) else ""
                text = "".join(t.text or "" for t in cm.iter(f"{{{NS['m']}}}t"))
                out.append((strip_dollars(cm.get("ref") or ""), note_owner(author, text)))
        return out

    def close(self) -> None:
        self._wb.close()


def saved_formulas(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """The formulas of ``sheet`` in a saved .xlsx/.xlsm, read as a file refresh reads them (openpyxl); {} for
    another format or a sheet openpyxl cannot read (its values are then all there is, as before)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    from openpyxl import load_workbook  # here: what reads a view for a check never needs openpyxl

    try:
        wb = load_workbook(path, read_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 — openpyxl's many ways to fail on a file calamine read: no formulas known
        return {}
    try:
        if sheet not in wb.sheetnames:
            return {}
        return {(c.row, c.column): c.value for row in wb[sheet].iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS)
                for c in row if c.data_type == "f" and isinstance(c.value, str)}
    except Exception:  # noqa: BLE001 — as above
        return {}
    finally:
        wb.close()


# --- what the WPS add-in read from an unsaved workbook ---------------------------------------------

MAX_FULL_NAME = 2000   # a snapshot's FullName, shown in a message: an address, never a page of text


class BadSnapshot(UnreadableInput):
    """The add-in sent something that is not a workbook snapshot."""


class SnapshotBook(BookView):
    """The add-in's snapshot: ``{"name", "sheets": [{"name", "values", "notes"}], "names", "tables"}``.

    ``values`` are a sheet's ``Range.Value2`` from A1 (dates as serial numbers, which the
    parsers read as dates), ``formulas`` its cells holding a formula (``{"G5": "=LEN(C5)"}``, ``Range.Formula``);
    ``names`` are ``{"name", "refers_to"}`` and, for a name of one cell, that cell's
    ``"format"`` (``Range.NumberFormat``: a date shown as a month, a rate without %); ``tables``
    ``{"name", "sheet", "ref"}``, the ``sb_residents`` table with its cells' ``formats`` (``[{"ref", "format"}]``:
    a figure in a date format is read as the date a saved file's reader gives, the engine reads its number);
    a sheet's ``formats`` (the same blocks, of every cell: a form without names, read by its labels);
    ``notes`` ``{"cell", "author", "text"}``; a sheet's ``hidden_rows`` (1-based: a filter left on, rows hidden by
    hand) and ``hidden`` (the sheet is hidden), which `check` says of a saved file;
    its ``hidden_columns`` (1-based), where a refresh reads the shown one of two columns titled alike;
    its ``merged`` ranges (``["D33:D34"]``, Range.MergeArea), which a saved file lists as mergeCells; ``date1904``
    (Workbook.Date1904): its Value2 dates count from 1904-01-01; ``full_name`` (Workbook.FullName: a 云文档's address).
    Everything is checked for type and size: it comes from a workbook someone sent.
    """

    numbers_under_dates = True     # Range.Value2

    def __init__(self, data: Any) -> None:
        if not isinstance(data, dict) or not isinstance(data.get("sheets"), list):
            raise BadSnapshot("加载项发送的工作簿内容无法识别。请重新安装 WPS 加载项（shibai wps install）后再试。")
        sheets = [s for s in data["sheets"] if isinstance(s, dict) and isinstance(s.get("name"), str)]
        self._sheets = {s["name"]: s for s in sheets}
        names, self._name_formats = {}, {}
        for n in _dicts(data.get("names")):
            name, refers = n.get("name"), n.get("refers_to")
            if isinstance(name, str) and isinstance(refers, str) and "!" not in name:
                names[name] = refers[1:] if refers.startswith("=") else refers
                if isinstance(n.get("format"), str):
                    self._name_formats[name] = n["format"]
        self._cell_formats: dict[tuple[str, str], str] | None = None
        self._sheet_formats: dict[str, list[tuple[int, int, int, int, str]]] = {}
        self._table_formats: dict[str, list[tuple[int, int, int, int, str]]] = {}   # a table's cells' blocks
        self._errors: dict[str, dict[str, str]] = {}
        self._date1904 = data.get("date1904") is True
        tables = {}
        self._dated: dict[str, list[tuple[int, int, int, int]]] = {}
        for t in _dicts(data.get("tables")):
            if all(isinstance(t.get(k), str) for k in ("name", "sheet", "ref")) and t["sheet"] in self._sheets:
                tables[t["name"].lower()] = Table(t["name"], t["sheet"], strip_dollars(t["ref"]), [])
                blocks = _format_blocks(t.get("formats"))
                self._table_formats.setdefault(t["sheet"], []).extend(blocks)
                self._dated.setdefault(t["sheet"], []).extend(_dated_blocks(blocks))
        for s in sheets:    # a form without names: its sheets' formats (a list without its table is among them)
            self._dated.setdefault(s["name"], []).extend(_dated_blocks(_format_blocks(s.get("formats"))))
        self._stored: dict[str, dict[str, float]] = {}     # the numbers load_grid gave as dates, as Value2 held them
        name = data.get("name") if isinstance(data.get("name"), str) else "工作簿"
        pkg = Package(path=Path(name), sheets={s: "" for s in self._sheets}, names=names, tables=tables)
        super().__init__(name, pkg)
        full = data.get("full_name")
        self._full_name = full[:MAX_FULL_NAME] if isinstance(full, str) else None

    @property
    def address(self) -> str | None:
        """WPS's FullName (a 云文档's address; the name of a workbook never saved)."""
        return self._full_name

    def load_grid(self, sheet: str) -> Grid:
        rows = self._sheets[sheet].get("values")
        errors = self._errors[sheet] = {}
        if not isinstance(rows, list):
            return Grid([])
        grid = Grid(without_errors(([_scalar(v) for v in (row if isinstance(row, list) else [row])[:MAX_COLUMNS]]
                                    for row in rows[:MAX_ROWS]), errors))
        shift = DAYS_1900_TO_1904 if self._date1904 else 0
        stored = self._stored[sheet] = {}
        for top, left, bottom, right in self._dated.get(sheet, ()):   # numbers in a date format: as a file gives them
            for r, row in enumerate(grid.rows[top - 1:bottom], top):
                for c in range(left - 1, min(right, len(row))):
                    if isinstance(row[c], (int, float)) and not isinstance(row[c], bool):
                        stored[f"{col_letters(c + 1)}{r}"] = row[c] + shift
                        row[c] = cell_value(dated_figures.as_listed(row[c] + shift))
        return grid

    def stored_date(self, sheet: str, ref: str, value: Any) -> Any:
        """A date field's Range.Value2. In a workbook of the 1904 date system (the add-in sends Workbook.Date1904) it
        counts days from 1904-01-01: given as the 1900 system's number of that day, which the parsers and ``shibai
        check`` (the file's dates) read."""
        self.grid(sheet)
        ref = strip_dollars(ref)
        if ref in self._stored.get(sheet, {}):    # a number given as a date (a sheet's formats): the number, as a file
            return self._stored[sheet][ref]
        if self._date1904 and isinstance(value, (int, float)) and not isinstance(value, bool):
            return value + DAYS_1900_TO_1904
        return value

    def error_cells(self, sheet: str) -> dict[str, str]:
        """The cells showing an error value (#N/A), as WPS gave them in Range.Value2: said, as a saved file's are."""
        self.grid(sheet)
        return self._errors.get(sheet, {})

    @staticmethod
    def _may_hold_pictures(infos: dict[str, CellInfo]) -> bool:
        """Always: the formulas came with the snapshot, and WPS's Value2 of a picture may be its saved text or blank."""
        return True

    def formulas(self, sheet: str) -> dict[tuple[int, int], str]:
        """The formulas the add-in read (an older add-in sent none): a text typed as '=abc shows itself, no formula."""
        got = self._sheets.get(sheet, {}).get("formulas")
        if not isinstance(got, dict):
            return {}
        grid, out = self.grid(sheet), {}
        for ref, f in got.items():
            try:
                r, c = split_ref(strip_dollars(ref)) if isinstance(ref, str) else (0, 0)
            except ValueError:
                continue
            if isinstance(f, str) and f.startswith("=") and len(f) <= MAX_FORMULA and 0 < r <= MAX_ROWS \
                    and 0 < c <= MAX_COLUMNS and f != grid.get(r, c):
                out[(r, c)] = f
        return out

    def number_format(self, sheet: str, cell: str) -> str | None:
        """The format the add-in read for a named cell, for a cell of a table whose cells' formats it sent (the
        入驻企业名单's: a figure painted 0.00"亿元" is read as shown, as a file's is), or for any cell of a sheet whose
        formats it sent (a form without names, read by its labels: a cell in none of the blocks is in the General
        format); None (the template's) for any other or an older add-in."""
        if self._cell_formats is None:
            self._cell_formats = {}
            for name, code in self._name_formats.items():
                loc = self.named_cell(name)
                if loc:
                    self._cell_formats[(loc[0], strip_dollars(loc[1]))] = code
        code = self._cell_formats.get((sheet, strip_dollars(cell)))
        if code is not None:
            return code
        try:
            r, c = split_ref(strip_dollars(cell))
        except ValueError:
            return None
        code = _block_format(self._table_formats.get(sheet, ()), r, c)
        sent = self._sheets.get(sheet, {}).get("formats")
        if code is not None or not isinstance(sent, list):
            return code
        if sheet not in self._sheet_formats:
            self._sheet_formats[sheet] = _format_blocks(sent)
        return _block_format(self._sheet_formats[sheet], r, c) or "General"

    def hidden_rows(self, sheet: str) -> set[int]:
        rows = self._sheets.get(sheet, {}).get("hidden_rows")
        if not isinstance(rows, list):
            return set()
        return {r for r in rows[:MAX_ROWS] if isinstance(r, int) and not isinstance(r, bool) and 0 < r <= MAX_ROWS}

    def sheet_hidden(self, sheet: str) -> bool:
        return self._sheets.get(sheet, {}).get("hidden") is True

    def hidden_columns(self, sheet: str) -> set[int]:
        """The columns the add-in says are hidden (1-based; an older add-in sends none)."""
        cols = self._sheets.get(sheet, {}).get("hidden_columns")
        if not isinstance(cols, list):
            return set()
        return {c for c in cols[:MAX_COLUMNS] if isinstance(c, int) and not isinstance(c, bool) and 0 < c <= MAX_COLUMNS}

    def merged(self, sheet: str) -> list[str]:
        """The merged ranges the add-in read ("D33:D34", as a saved file's mergeCells): a remark merged over two answers'
        rows is neither's (xlsx/remarks_beside.py), a header merged into the row above refused. Only A1 ranges of two
        cells or more within the rows and columns read, each once, at most :data:`MAX_MERGES`; none from an older add-in."""
        got = self._sheets.get(sheet, {}).get("merged")
        out: dict[str, None] = {}
        for ref in got[:MAX_MERGES] if isinstance(got, list) else []:
            m = _RANGE.fullmatch(strip_dollars(ref).strip()) if isinstance(ref, str) else None
            if not m:
                continue
            (r1, c1), (r2, c2) = split_ref(m.group(1)), split_ref(m.group(2))
            top, left, bottom, right = min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)
            if (top, left) != (bottom, right) and 0 < top and bottom <= MAX_ROWS and 0 < left and right <= MAX_COLUMNS:
                out[f"{col_letters(left)}{top}:{col_letters(right)}{bottom}"] = None
        return list(out)

    def notes(self, sheet: str) -> list[tuple[str, bool]]:
        out = []
        for n in _dicts(self._sheets.get(sheet, {}).get("notes")):
            cell = n.get("cell")
            if isinstance(cell, str):
                out.append((strip_dollars(cell), note_owner(_text(n.get("author")), _text(n.get("text")))))
        return out


def _block_format(blocks: Iterable[tuple[int, int, int, int, str]], r: int, c: int) -> str | None:
    """The format of the first block holding row ``r``, column ``c`` (1-based), None where none holds it."""
    return next((code for top, left, bottom, right, code in blocks if top <= r <= bottom and left <= c <= right), None)


def _dated_blocks(blocks: list[tuple[int, int, int, int, str]]) -> list[tuple[int, int, int, int]]:
    """(top, left, bottom, right) of each of the blocks the add-in sent (:func:`_format_blocks`) painted with a date
    or time format ("yyyy-mm-dd", or "[h]:mm")."""
    return [b[:4] for b in blocks if dated_figures.format_shows(b[4]) is not None]


def _format_blocks(formats: Any) -> list[tuple[int, int, int, int, str]]:
    """(top, left, bottom, right, format) of each block of one number format the add-in sent (``[{"ref": "H6:H17",
    "format": "yyyy-mm-dd"}]``); at most :data:`MAX_MERGES` blocks."""
    out = []
    for block in _dicts(formats)[:MAX_MERGES]:
        ref, code = block.get("ref"), block.get("format")
        if not isinstance(ref, str) or not isinstance(code, str):
            continue
        ref = strip_dollars(ref).strip()
        m = _RANGE.fullmatch(ref) or _RANGE.fullmatch(f"{ref}:{ref}")
        if m:
            (r1, c1), (r2, c2) = split_ref(m.group(1)), split_ref(m.group(2))
            out.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2), code))
    return out


def _dicts(items: Any) -> Iterable[dict]:
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _text(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _scalar(v: Any) -> Any:
    if v is None or v == "" or isinstance(v, (bool, int, float)):
        return None if v == "" else v
    return v if isinstance(v, str) else str(v)

