"""Read a filled application workbook into the engine's :class:`Application`.

Fields are found by their workbook-level defined names and the resident list by
its table name ``sb_residents`` — never by cell position — so moved cells,
renamed sheets and inserted rows do not matter. Values are the cached values
Excel/WPS saved (python-calamine reads them fast); a formula without a cached
value is flagged. Macros are never run; their presence is reported.

The reader works on a :class:`~.source.WorkbookSource`: :class:`OpenWorkbook` (a file) here, the
views of :mod:`shibai_xl.adapters.view` (Excel through xlwings, the WPS add-in) there — one reader.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from python_calamine import SheetVisibleEnum

from ...engine import fields as F
from ...engine.application import Application, RawField, ResidentRow, ResidentRows, ResidentTable
from ...engine.findings import Finding, make
from ...engine.materials import no_checklist
from ...engine.parse import dates
from ...engine.parse.dated_figures import DATE, DATE_LIKE, as_file_reads, serial
from ...engine.parse.result import is_blank
from ...engine.parse.text import PICTURE_SHOWN, CellPicture, ExcelError, as_picture, company_key, is_picture, normalize, one_line
from ...engine.parse.uscc import division_city, town_city
from ...engine.resident_header import (
    OWNER_LEADS,
    RESIDENT_COLUMNS,
    header_key,
    is_list_header,
)
from ...engine.summary_table import plain
from ...errors import WrongKind, why
from ...rules import Rules, Severity, load
from ..file_names import file_label
from .label_text import rubric_table
from .labels import (
    FILL_DATE_WORDS,
    MIN_LABELS,
    Found,
    LabelIndex,
    form_specs,
    form_type,
    locate,
    other_application,
    type_counts,
)
from .layout import SUPP_SHEET
from .list_facts import as_in_file
from .list_rows import resident_rows
from .negative_numbers import calamine_rows, read_plain, stored_back, stored_numbers
from .ods_text import tabs_back
from .other_forms import form_on, on_filled_copy, other_forms
from .package import (
    PLACED_PICTURE,
    Package,
    UnreadableFile,
    calamine_refusal,
    cell_styles,
    cells_surely_blank,
    is_calamine_error,
    legacy_formats,
    open_calamine,
    open_package,
    parse_ref,
)
from .refs import col_letters, corners, split_ref
from .remarks_beside import read_remarks_beside
from .result_place import RESULT_SHEET
from .security_findings import addin_settings_finding, package_findings
from .source import CellInfo, Grid, PackageFacts, WorkbookSource, constant, has_own_names, named_cell, with_errors
from .units_beside import read_units_beside
from .xls_numbers import read_as_time


class NotAnApplication(WrongKind):
    """A readable workbook that is not an application workbook of this tool."""




@dataclass
class OpenWorkbook(PackageFacts):
    """A workbook file opened for reading: its structure (:class:`Package`) and calamine's book.
    A :class:`~.source.WorkbookSource`."""
    pkg: Package
    book: Any
    grids: dict[str, Grid]
    labels: LabelIndex | None = None
    hidden_sheets: frozenset[str] | None = None   # calamine makes its list of sheets anew at each asking: once here

    @property
    def sheet_names(self) -> list[str]:
        return list(self.pkg.sheets)

    def grid(self, sheet: str) -> Grid:
        if sheet not in self.grids:
            self.pkg.check_extent(sheet)
            try:
                rows = calamine_rows(self.book, sheet)
            except BaseException as e:  # calamine's own error types for broken sheets, or a Rust panic
                if not is_calamine_error(e):
                    raise
                rows = read_plain(self.pkg, sheet)
                if rows is None:
                    raise UnreadableFile(calamine_refusal(e) or f"工作表“{one_line(sheet)}”无法读取（{why(e)}），文件可能已损坏"
                                         ) from None
            rows = tabs_back(self.pkg, sheet, stored_back(self.pkg, sheet, rows))
            self.grids[sheet] = Grid(rows)
        return self.grids[sheet]

    def cell_info(self, sheet: str, cells: Collection[str], formats: Collection[str] = ()) -> dict[str, CellInfo]:
        """From the sheet's XML (.xlsx/.xlsm); for .xls/.ods the number formats of ``formats`` and the error values
        of ``cells``; for .xlsb the error values alone (its number formats stay unknown)."""
        if self.pkg.fmt in ("xls", "ods", "xlsb"):
            shown = {ref: CellInfo(percent=pct, date_shows=shows, format_read=True, unit_format=unit)
                     for ref, (pct, shows, unit) in legacy_formats(self.pkg, sheet, formats).items()}
            # asked after the formats: a file holding an error value had the sheet's read in that same pass
            return with_errors(shown, cells, self.error_cells(sheet))
        return {ref: CellInfo(pct, formula, saved, error, date, unit_format=unit)
                for ref, (pct, formula, saved, error, date, unit) in cell_styles(self.pkg, sheet, set(cells),
                                                                                 formats).items()}

    def stored_date(self, sheet: str, ref: str, value: Any) -> Any:
        """A date field's value, or the number its cell stores where calamine read a time of day or a duration (0 or
        0.5 in a date format, a date in [h]:mm, which the grid reads as blank), or where it read 1900-02-28 for the
        serial 60, which Excel shows as the 1900/2/29 that never was: :func:`.negative_numbers.stored_numbers`."""
        row, col = split_ref(ref)
        rows = self.grid(sheet).rows
        raw = rows[row - 1][col - 1] if row <= len(rows) and col <= len(rows[row - 1]) else None
        if read_as_time(raw):   # an .ods stores no number apart: its duration is the number (serial)
            return stored_numbers(self.pkg, sheet, {ref}).get(ref, serial(raw) if self.pkg.fmt == "ods" else value)
        if isinstance(raw, date) and (raw.year, raw.month, raw.day) == (1900, 2, 28):   # 59, or Excel's 1900/2/29
            stored = stored_numbers(self.pkg, sheet, {ref}).get(ref)
            return stored if stored is not None and 60 <= stored < 61 else value
        return value

    def stored_figure(self, sheet: str, ref: str, value: Any) -> Any:
        """The number an .xlsx or .xls cell stores (35 in a date format of the 1904 date system is 35, not the 1497
        of the date shown in the 1900 one); else as :meth:`stored_date`."""
        if value is None:            # blank, or a time or a duration the grid reads as blank: as a date field's
            return self.stored_date(sheet, ref, value)
        if self.pkg.fmt in ("xlsx", "xls"):
            stored = stored_numbers(self.pkg, sheet, {ref}).get(ref)
            if stored is not None:
                return int(stored) if stored.is_integer() else stored
        return self.stored_date(sheet, ref, value)

    def macro_findings(self) -> list[Finding]:
        return package_findings(self.pkg)

    def sheet_hidden(self, sheet: str) -> bool:
        if self.hidden_sheets is None:   # asked of each sheet: a workbook of 3000 sheets asked 9 million otherwise
            self.hidden_sheets = frozenset(m.name for m in self.book.sheets_metadata
                                           if m.visible != SheetVisibleEnum.Visible)
        return sheet in self.hidden_sheets

    def surely_blank(self, sheet: str, cells: Collection[str]) -> bool:
        return sheet not in self.grids and cells_surely_blank(self.pkg, sheet, set(cells))

    def close(self) -> None:
        self.pkg.close()
        try:
            self.book.close()
        except Exception:  # closing twice or a book calamine already released
            pass


def open_workbook(path: str | Path, pkg: Package | None = None) -> OpenWorkbook:
    """The workbook opened for reading; ``pkg``: its package already open (its structure read once), then owned."""
    pkg = open_package(path) if pkg is None else pkg
    try:
        book = open_calamine(Path(path), pkg.fmt, pkg)
    except BaseException as e:  # calamine's own error classes, or a Rust panic
        pkg.close()
        if not is_calamine_error(e):
            raise
        raise UnreadableFile(calamine_refusal(e, pkg)
                             or f"工作簿内容无法读取（{why(e)}），文件可能已损坏或不是 Excel 格式") from None
    return OpenWorkbook(pkg, book, {})


def detect_type(src: WorkbookSource, rules: Rules, by_content: bool = True) -> str | None:
    """The project type: the ``sb_type`` name, else the names only one type has, else (``by_content``)
    the form's printed title or labels."""
    declared = constant(src, "sb_type")
    if declared and rules.type_id(declared):
        return rules.type_id(declared)
    present = {n.lower() for n in src.names}
    scores = sorted(((len({x.lower() for x in F.signature_names(t)} & present), t) for t in F.TYPES), reverse=True)
    if scores[0][0] > scores[1][0]:
        return scores[0][1]
    if not by_content:
        return None
    return type_by_title(src, rules) or type_by_labels(src, rules)


def type_by_title(src: WorkbookSource, rules: Rules) -> str | None:
    """The type whose form title stands in the top-left corner of a sheet; of sheets titled with several types (the
    whole 附件2 — all four forms — copied into the workbook, one of them filled), the first one filled in."""
    titled = [(sheet, tid) for sheet in src.sheet_names if (tid := _title_on(src, sheet, rules)) is not None]
    if len({tid for _s, tid in titled}) > 1:
        return next((tid for sheet, tid in titled if form_on(src, sheet, rules) is not None), titled[0][1])
    return titled[0][1] if titled else None


def _title_on(src: WorkbookSource, sheet: str, rules: Rules) -> str | None:
    titles = {re.sub(r"\s+", "", t.form_title): t.id for t in rules.types.values()}
    grid = src.grid(sheet)
    for r in range(1, min(grid.height, 5) + 1):
        for c in range(1, 9):
            text = re.sub(r"\s+", "", str(grid.get(r, c) or ""))
            for title, tid in titles.items():
                if title in text:
                    return tid
    return None


def label_index(src: WorkbookSource) -> LabelIndex:
    """The printed labels of every sheet except the tool's own result sheet and a 附件5 rubric (the 评分 sheet)
    (built once per workbook)."""
    if src.labels is None:
        blank = _blank_copies(src)
        src.labels = LabelIndex(((s, g) for s in src.sheet_names if s != RESULT_SHEET and s not in blank
                                 and not rubric_table(g := src.grid(s))), src.hidden_columns, src.hidden_rows,
                                src.sheet_hidden)
    return src.labels


def _blank_copies(src: WorkbookSource) -> set[str]:
    """The sheets showing a form's title but nothing filled in, beside another titled sheet filled in (a blank copy of
    the form kept before the one filled, the notice's four forms copied in): no labels of the application."""
    if has_own_names(src):
        return set()
    rules = load()
    titled = [s for s in src.sheet_names if _title_on(src, s, rules) is not None]
    if len(titled) < 2:
        return set()
    blank = {s for s in titled if form_on(src, s, rules) is None and _shows_name_label(src, s, rules)}
    return blank if len(blank) < len(titled) else set()


def _shows_name_label(src: WorkbookSource, sheet: str, rules: Rules) -> bool:
    """Whether a titled sheet shows the form's head (its 名称 label): a blank copy of the form does; a sheet continuing
    the form under its title repeated ("电商直播团队申报表（续）" over items 4–8) does not, and its items are read."""
    index = LabelIndex([(sheet, src.grid(sheet))])
    app_type = _title_on(src, sheet, rules)
    return app_type is None or any(index.cells.get(key) for block in form_specs(app_type, rules) for spec in block
                                   if spec.name == "sb_name" for key in spec.keys)


TITLE_MARGIN = 5    # more labels of another type's form than of the title's: the items typed are that form's


def _title_against_items(src: WorkbookSource, app_type: str, rules: Rules) -> None:
    """A form typed by hand (no defined names) whose title names one type and whose items are another type's form
    (the base's 17 items under "电商示范园区申报表", an older or other copy's title kept): the type decides the
    thresholds and the rubric, and neither the title nor the items can be taken for it — refused, saying both."""
    if has_own_names(src) or type_by_title(src, rules) != app_type:
        return
    sheets = [s for s in src.sheet_names if _title_on(src, s, rules) == app_type]
    sheet = sheets[0] if len(sheets) == 1 else next((s for s in sheets if form_on(src, s, rules) is not None), sheets[0])
    counts = type_counts(LabelIndex([(sheet, src.grid(sheet))]), rules)   # the titled sheet's items, not the others'
    items = max(counts, key=counts.get)
    if items == app_type or counts[items] < MIN_LABELS or counts[items] < counts[app_type] + TITLE_MARGIN:
        return
    title, other = rules.types[app_type].form_title, rules.types[items].form_title
    raise NotAnApplication(
        f"申报类型不明：标题是“{title}”，填写的却是“{other}”的项目（按附件2印出的项目名称，找到{other}的{counts[items]}项、"
        f"{title}的{counts[app_type]}项）。请确认申报类型：申报{rules.types[items].label}的，把标题改为“{other}”；"
        f"申报{rules.types[app_type].label}的，请按“{title}”（附件2）的项目填写。")


def type_by_labels(src: WorkbookSource, rules: Rules) -> str | None:
    """The type whose 申报表 labels the workbook shows most of (a form pasted or retyped without its title)."""
    return form_type(label_index(src), rules)


def read_application(path: str | Path, rules: Rules | None = None) -> Application:
    """The application in a workbook file; raises UnreadableFile/NotAnApplication with a Chinese message."""
    rules = rules or load()
    wb = open_workbook(path)
    try:
        return read_open(wb, Path(path), rules)
    finally:
        wb.close()


def read_open(src: WorkbookSource, path: Path, rules: Rules) -> Application:
    """The application in an opened workbook: a file (:class:`OpenWorkbook`), or a view of one open in
    Excel or WPS (:class:`~shibai_xl.adapters.view.BookView`) — the same reader for every source."""
    app_type = detect_type(src, rules)
    if app_type is None:
        raise NotAnApplication(_not_application_message(src))
    _title_against_items(src, app_type, rules)
    wanted = [f.name for f in F.fields_for(app_type)]
    located, by_label, missing, other = _locate(src, app_type, wanted, rules)
    app = Application(type=app_type, source=file_label(path), year=rules.year,
                      supplementary_sheet=SUPP_SHEET in src.sheet_names)
    _read_fields(src, app, [n for n in wanted if n in located], located, by_label)
    _answers_in_label_cells(src, app)
    for n, value in by_label.items():   # the label reader's reading where it differs from the cell: a label's
        if n in app.raw and value != _value(src, located[n]):   # text is no answer; a period typed into a label
            app.raw[n] = replace(app.raw[n], value=value)
    # an optional 补充信息 question that a template of an earlier release does not have is simply not answered
    missing = [n for n in missing if not (F.FIELDS[n].supplementary and F.FIELDS[n].required is None)]
    if "sb_period_end" in missing and dates.parse_period(by_label.get("sb_period_start")) is not None:
        missing.remove("sb_period_end")      # both months came in the label's "(2023年1月-2023年12月)"
    read_by_label = [n for n in wanted if n in by_label]
    if read_by_label or missing:
        app.reader_findings.append(labels_finding(app_type, src.fmt, read_by_label, missing, other))
    app.materials.update(_materials(src, {m.name: located[m.name] for m in rules.materials if m.name in located}))
    if not app.materials:
        app.reader_findings.append(no_checklist(rules))
    read_remarks_beside(src, app, rules)   # "是 | 带宽50M": the remark typed right of a 是/否 answer
    read_units_beside(src, app, rules)     # "0.8 | 亿元" on a form printing 万元 there
    _read_reviewer_scores(src, app, rules)
    if rules.has_resident_list(app_type):
        app.residents, app.residents_sheet, more = read_residents(src)
        app.reader_findings.extend(more)
    # "申报表(2)" filled for another applicant, or a second form typed under this one on its sheet: not read
    app.reader_findings.extend(other_forms(src, app, rules, beside=other))
    app.reader_findings.extend(src.macro_findings())
    settings = addin_settings_finding(src)
    if settings:
        app.reader_findings.append(settings)
    return app


# lines the form prints as "填表时间： 年 月 日": the answer written into the label's own cell, the one beside it empty
_LINE_LABELS = {"sb_fill_date": FILL_DATE_WORDS}
_PRINTED_BLANKS = re.compile(r"[\s年月日_:：]")


def _answers_in_label_cells(src: WorkbookSource, app: Application) -> None:
    for name, words in _LINE_LABELS.items():
        raw = app.raw.get(name)
        if raw is None or not is_blank(raw.value):
            continue
        row, col = split_ref(raw.cell)
        grid = src.grid(raw.sheet)
        for c in range(1, col):
            text = grid.get(row, c)
            if not isinstance(text, str):
                continue
            text = normalize(text)
            word = next((w for w in words if text.startswith(w)), None)
            if word is None:
                continue
            tail = text[len(word):].lstrip(" ：:")
            if _PRINTED_BLANKS.sub("", tail):    # more than the printed "年 月 日"
                app.raw[name] = replace(raw, value=tail, cell=f"{col_letters(c)}{row}")
            break


def _materials(src: WorkbookSource, located: dict[str, tuple[str, str]]) -> dict[str, RawField]:
    """The 材料清单 answers (material → its (sheet, cell)); a blank one that is a picture in the cell (a screenshot) as
    that picture: Excel's placed in the cell (#VALUE! read as blank), or WPS's DISPIMG formula whose cell shows
    #NAME? (Excel opened or saved it) or nothing (WPS's Value2), told by the cell's formula as an answer's is."""
    values = {name: _value(src, loc) for name, loc in located.items()}
    blank = [name for name, value in values.items() if value is None or value == ""]
    for sheet in {located[name][0] for name in blank}:
        here = {located[name][1]: name for name in blank if located[name][0] == sheet}
        errors, infos = src.error_cells(sheet), src.cell_info(sheet, here)
        for ref, name in here.items():
            formula = infos[ref].formula if ref in infos else None
            if errors.get(ref) == PLACED_PICTURE or is_picture(None, formula):
                values[name] = CellPicture(PICTURE_SHOWN)
    return {name: RawField(values[name], *loc) for name, loc in located.items()}


def _a_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _value(src: WorkbookSource, loc: tuple[str, str]) -> Any:
    row, col = split_ref(loc[1])
    return src.grid(loc[0]).get(row, col)


def _locate(src: WorkbookSource, app_type: str, wanted: list[str], rules: Rules
            ) -> tuple[dict[str, tuple[str, str]], dict[str, Any], list[str], Found | None]:
    """(field/material → (sheet, cell), the fields found by their printed labels with the value seen there,
    the fields found neither way, another application's name found on the form's sheet).

    Defined names first; the labels only when names are missing. A workbook showing fewer than half the
    fields is not taken for an application of this type."""
    located = {n: loc for n in wanted + [m.name for m in rules.materials] if (loc := named_cell(src, n)) is not None}
    located = on_filled_copy(src, located, app_type, rules)   # the template's 申报表 left blank, a copy of it filled
    by_label: dict[str, tuple[str, str]] = {}
    seen: dict[str, Any] = {}
    other = None
    if any(n not in located for n in wanted):
        specs = form_specs(app_type, rules)
        found = locate(label_index(src), specs)
        other = other_application(label_index(src), specs, found) if "sb_name" not in located else None
        by_label = {n: (f.sheet, f.ref) for n, f in found.items() if n not in located}
        seen = {n: found[n].value for n in by_label}
        if "sb_city" in by_label and "sb_county" in wanted and "sb_county" not in located and "sb_county" not in by_label:
            _county_beside_city(src, by_label, seen)
    missing = [n for n in wanted if n not in located and n not in by_label]
    if len(missing) > len(wanted) // 2:
        raise NotAnApplication(_not_application_message(src, app_type, list(by_label), missing))
    located.update(by_label)
    return located, seen, missing, other


def _county_beside_city(src: WorkbookSource, by_label: dict[str, tuple[str, str]], seen: dict[str, Any]) -> None:
    """"所在地区 | 安顺市 | 西秀区": one label for 所属市（州） and 县（区）, or the county typed on past the city's answer,
    under no label of its own — the county-level division (or a town 贵安新区 manages) in the next filled cell right of
    the city's answer is the 县（区）."""
    sheet, ref = by_label["sb_city"]
    row, col = split_ref(ref)
    grid = src.grid(sheet)
    for c in range(col + 1, col + 4):
        value = grid.get(row, c)
        if is_blank(value):
            continue
        if isinstance(value, str) and (division_city(value) or town_city(value)):
            by_label["sb_county"], seen["sb_county"] = (sheet, f"{col_letters(c)}{row}"), value
        return


def _read_fields(src: WorkbookSource, app: Application, names: list[str], located: dict[str, tuple[str, str]],
                 by_label: set[str]) -> None:
    """Each field's value and what its cell shows (percent format, a date without its day, formula without a
    saved value, error)."""
    specs = F.FIELDS
    by_sheet: dict[str, set[str]] = {}
    formats: set[str] = set()           # number formats matter for percentages, dates and amounts (a unit shown)
    shown = (F.PERCENT, F.DATE, F.AMOUNT, F.USD, *((F.MONTH, *F.NUMERIC_KINDS) if src.numbers_under_dates else ()))
    for n in names:
        sheet, ref = located[n]
        by_sheet.setdefault(sheet, set()).add(ref)
        if specs[n].kind in shown or (specs[n].kind in F.TYPED_PERCENT and _a_number(_value(src, located[n]))):
            formats.add(f"{sheet}!{ref}")   # (and all figures', where a number in a date format is given as one;
            #                                 a count's or 是/否 cell's number only: "15%" typed is 0.15 painted 0%)
    infos = {sheet: src.cell_info(sheet, refs, {r for r in refs if f"{sheet}!{r}" in formats})
             for sheet, refs in by_sheet.items()}
    plain = CellInfo()
    for n in names:
        sheet, ref = located[n]
        value = _value(src, located[n])
        info = infos[sheet].get(ref, plain)
        kind = specs[n].kind
        percent_field = kind == F.PERCENT
        pct = percent_field and info.percent
        if kind in F.TYPED_PERCENT:   # "15%" typed into a count's cell: 0.15 painted 0% (a format told, not assumed)
            pct = info.percent and not info.assumed
        if (n in by_label or not (src.fmt == "xlsx" or info.format_read)) and percent_field and not pct:
            # the number format is unknown (.xlsb, an .xls/.ods whose formats could not be read) or was lost with
            # the names (values pasted): 0.6 is then the 60% a %-formatted cell showed, as in Excel
            pct = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 1
        if kind in (F.DATE, F.MONTH):
            value = src.stored_date(sheet, ref, value)
            if info.date_format == DATE:     # an open workbook's number in a date format: the date a file gives
                value = as_file_reads(value)
        dated = info.date_format is not None
        if kind in F.NUMERIC_KINDS and (value is None or isinstance(value, DATE_LIKE)):
            stored = src.stored_figure(sheet, ref, value)    # a figure read as a date: the number its cell stores
            value, dated = stored, dated or stored is not value
        if kind == F.DATE:
            value = dates.as_shown(value, info.date_shows)
        no_value = info.formula is not None and not info.has_value
        if info.error:                      # an Excel error value (#DIV/0!, #REF!…) is reported, not read as blank
            value = CellPicture(PICTURE_SHOWN) if info.error == PLACED_PICTURE else ExcelError(info.error)
        if info.formula:                    # WPS's picture in the cell (#NAME? once Excel saved it): a picture
            value = as_picture(value, info.formula)
        if no_value and kind in (F.TEXT, F.LONGTEXT):
            value = "=" + info.formula  # text that a program wrote as a formula: keep it, as text
        app.raw[n] = RawField(value=value, sheet=sheet, cell=ref, percent_format=pct, formula_without_value=no_value,
                             date_format=dated, unit_format=info.unit_format)


def _read_reviewer_scores(src: WorkbookSource, app: Application, rules: Rules) -> None:
    """A reviewer's own scores on the 评分 sheet (not read at all when the file shows those cells empty, as
    every application comes in: the sheet is the largest after the resident list)."""
    located = [(item, loc) for item in rules.rubric(app.type)
               if (loc := named_cell(src, f"sb_score_review_{item.id.replace('.', '_')}"))]
    sheets = {loc[0] for _, loc in located}
    if all(src.surely_blank(sheet, {loc[1] for _, loc in located if loc[0] == sheet}) for sheet in sheets):
        return
    from .score_reading import percent_scores  # a reviewer's scores are rare: their reading only then
    for sheet in sheets:
        typed = {loc[1]: _value(src, loc) for _, loc in located if loc[0] == sheet}
        errors = src.error_cells(sheet)   # #N/A (read as blank): no score, said as collect says it, not 未评
        typed |= {ref: ExcelError(errors[ref]) for ref, v in typed.items() if v is None and ref in errors}
        typed |= percent_scores(src, sheet, typed)   # “10%” typed into a number cell counts 10, as in review books
        app.reviewer.update({item.id: RawField(typed[loc[1]], *loc) for item, loc in located
                             if loc[0] == sheet and typed[loc[1]] not in (None, "")})


def labels_finding(app_type: str, fmt: str, read: list[str], missing: list[str], other: Found | None = None
                   ) -> Finding:
    """FILE_LABELS: which fields were read by their printed labels, and which were found neither way (and another
    application's name on the form's sheet, not read)."""
    shown = [F.FIELDS[n].display(app_type) for n in missing]
    listed = "、".join(shown[:12]) + ("等" if len(shown) > 12 else "")
    if not read:   # every other answer found by its name: only these cells have none (nothing was pasted)
        return make("FILE_LABELS", detail=f"工作簿中没有{len(missing)}项的定义名称，表格中也找不到印出的项目名称，"
                                          f"按未填写处理：{listed}。如需填写，请为其加上定义名称，或使用 shibai new 生成的模板")
    why = {"xlsx": "工作簿中没有这些项的定义名称（可能是粘贴或重新录入的表格）",
           "xlsb": "工作簿为 .xlsb 格式，不读取其中的定义名称"}.get(fmt, "工作簿中没有这些项的定义名称")
    detail = f"按项目名称读取：{why}，{len(read)}项按表格中印出的项目名称读取了旁边单元格的内容，请核对"
    if missing:
        detail += f"；{len(missing)}项未找到，按未填写处理：{listed}"
    if other is not None:
        detail += (f"；“{one_line(other.sheet)}”表{other.ref}还有另一份申报内容（名称“{str(other.value).strip()}”），未读取，"
                   "每个申报单位的申报表请单独保存为一个文件")
    return make("FILE_LABELS", detail=detail + "。建议使用 shibai new 生成的模板")


def read_residents(src: WorkbookSource) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The 附件3 list of this workbook: the ``sb_residents`` table, else a sheet showing the 附件3 header row
    (an .xls round trip or a copied sheet loses the table, not the header)."""
    return with_further_sheets(src, as_in_file(src, _read_residents(src)))


NO_LIST = "工作簿中没有入驻企业名单（sb_residents 表格或附件3表头）"


def _read_residents(src: WorkbookSource) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    table = src.tables.get("sb_residents")
    if table is None:
        found = find_resident_header(src)
        if found is None:
            return None, None, [make("XC_RESIDENT_ROW", Severity.WARNING, detail=NO_LIST + "，无法核对名单")]
        sheet, r0, c0, c1 = found
        return resident_rows(src.grid(sheet), sheet, r0, c0, c1, r0, hidden=lambda: src.hidden_columns(sheet))
    try:
        (r0, c0), (r1, c1) = corners(table.ref)
    except ValueError:
        return None, table.sheet, [make("XC_RESIDENT_ROW", Severity.WARNING, detail=f"入驻企业名单表格范围“{table.ref}”无法识别")]
    grid = src.grid(table.sheet)
    read = resident_rows(grid, table.sheet, r0, c0, _columns_beside(grid, r0, c1), r1, table.columns,
                         lambda: src.hidden_columns(table.sheet))
    if len(read[0]) == 0 and (found := find_resident_header(src, skip=table.sheet)) is not None:
        # the template's table left empty, the list typed or pasted on a sheet of its own
        sheet, r0, c0, c1 = found
        typed = resident_rows(src.grid(sheet), sheet, r0, c0, c1, r0, hidden=lambda: src.hidden_columns(sheet))
        if len(typed[0]):
            return typed
    return read


def _columns_beside(grid: Grid, r0: int, c1: int) -> int:
    """The table's last column, or the last of the 附件3 columns typed right beside it: the 登记状态 a park pasted
    from 企查查 next to the template's table is the list's (Excel widens a table over a column typed beside it;
    LibreOffice and WPS do not). One header cell looked at for a list without one."""
    while isinstance(title := grid.get(r0, c1 + 1), str) and header_key(title) in RESIDENT_COLUMNS:
        c1 += 1
    return c1


def find_resident_header(src: WorkbookSource, skip: str | None = None) -> tuple[str, int, int, int] | None:
    """(sheet, header row, first column, last column) of the first 附件3 header row in the workbook (not on the
    sheet ``skip``)."""
    for sheet in src.sheet_names:
        if sheet in (RESULT_SHEET, skip):
            continue
        found = header_on(src.grid(sheet))
        if found is not None:
            return sheet, *found
    return None


def header_on(grid: Grid) -> tuple[int, int, int] | None:
    """(header row, first column, last column) of the first 附件3 header row of a sheet."""
    for r in range(1, grid.height + 1):
        line = grid.rows[r - 1]
        if is_list_header(line):
            cols = [c for c, v in enumerate(line, 1) if isinstance(v, str) and header_key(v) in RESIDENT_COLUMNS]
            return r, cols[0], cols[-1]
    return None


def with_further_sheets(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]],
                        elsewhere: list[tuple[str, str, Sequence[ResidentRow], list[Finding]]] | None = None
                        ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read from its sheet, and the companies of every other sheet showing the 附件3 header: a list
    too long for one sheet goes on over another (第2页, 名单（续）, the header typed again), and each of its
    companies is a resident. A sheet listing mostly companies already read is a copy of the list (an older
    version, a backup): it is said, not read twice. A sheet whose “填报园区/基地：” line names another park is that
    park's list: left out, and put in ``elsewhere`` (sheet, the park's key, its rows, what was said of them)."""
    rows, sheet, findings = read
    if rows is None or sheet is None or not len(rows):
        return read
    form = _form_sheets(src)
    further = [(other, found) for other in src.sheet_names if other not in (sheet, RESULT_SHEET) and other not in form
               and (found := header_on(src.grid(other))) is not None]
    if not further:    # the common case: one sheet holds the list (nothing keyed, nothing searched for its owner)
        return read
    parts, seen, findings = [rows], listed_keys(rows), list(findings)
    owner = _owner(src.grid(sheet), rows)
    last = owner
    for other, found in further:
        part, _, said = as_in_file(src, resident_rows(src.grid(other), other, *found, found[0],
                                                      hidden=lambda o=other: src.hidden_columns(o)))
        keys = listed_keys(part)
        # a sheet without the line goes on with the list of the sheet before it (a park's 第2页 after its own)
        its_owner = (_owner(src.grid(other), part) or last) if keys else ""
        last = its_owner or last
        if not keys or (owner and its_owner and its_owner != owner):   # another park's list (a sheet per park)
            if keys and elsewhere is not None:
                elsewhere.append((other, its_owner, part, said))
            continue
        shared = len(keys & seen)
        if shared * 2 > len(keys):
            findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, detail=(
                f"工作表“{one_line(other)}”也列有入驻企业（{len(keys)}家，其中{shared}家已在工作表“{one_line(sheet)}”的名单中），像是名单的副本"
                f"或旧版本，没有读取；如果它是名单的续页，请删去重复列出的企业后重新检查")))
            continue
        parts.append(part)
        seen |= keys
        findings.extend(said)
    if len(parts) == 1:
        return rows, sheet, findings
    return ResidentRows((r for part in parts for r in part), parts), sheet, findings


def _form_sheets(src: WorkbookSource) -> set[str]:
    """The sheets the form's fields are named on (申报表, 补充信息, 材料清单, 评分 of a template): no list goes on
    there, and their grids are not read for one (a refresh reads the four sheets it needs, not every sheet)."""
    return {ref[0] for name, text in src.names.items()
            if name.casefold().startswith("sb_") and (ref := parse_ref(text)) is not None}


OWNER_ROWS = 6   # rows above a list's first company or under its last searched for its "填报园区/基地：" line


def _owner(grid: Grid, rows: Sequence[ResidentRow]) -> str:
    """The park/base a sheet's "填报园区/基地：" line names (its key; "" when the sheet has no such line)."""
    numbers = [r.row for r in rows if r.row]
    if not numbers:
        return ""
    near = [*range(max(1, min(numbers) - OWNER_ROWS), min(numbers)),
            *range(max(numbers) + 1, min(grid.height, max(numbers) + OWNER_ROWS) + 1)]
    for r in near:
        texts = [v for v in grid.rows[r - 1] if isinstance(v, str) and v.strip()]
        if texts and plain(texts[0]).startswith(OWNER_LEADS):
            named = company_key("".join(texts).split("：", 1)[-1].split(":", 1)[-1])
            if named:
                return named
    return ""


def listed_keys(rows: Sequence[ResidentRow]) -> set[str]:
    """The companies a list names (keys under which spellings of one name compare equal)."""
    names = rows.column("企业名称") if isinstance(rows, ResidentTable) else [r.get("企业名称") for r in rows]
    return {key for key in (company_key(v) for v in names if not is_blank(v)) if key}


def _not_application_message(src: WorkbookSource, app_type: str | None = None, by_label: Sequence[str] = (),
                             missing: Sequence[str] = ()) -> str:
    sb = sorted(n for n in src.names if n[:3].casefold() == "sb_")
    sheets = "、".join(list(src.sheet_names)[:6])
    if app_type is None:
        if "sb_summary" in src.tables:
            return "这是项目汇总表，不是申报表。检查汇总表请用 shibai refresh。"
        titles = "".join(f"“{t.form_title}”" for t in load().types.values())
        return (f"不是申报表：工作簿（工作表：{sheets}）中找不到通知附件2的申报表（{titles}）的标题和填报项目。"
                "请用 shibai new 生成的申报表模板填写（或按附件2的样式录入表名和全部项目）后再检查。")
    if "sb_period_end" in missing and "sb_period_start" in by_label:
        missing = [n for n in missing if n != "sb_period_end"]   # both months in "(2023年1月-2023年12月)"
    shown = [F.FIELDS[n].display(app_type) for n in sorted(missing, key=lambda n: F.FIELDS[n].supplementary)]
    lacking = f"缺少大部分项目（{len(shown)}项未找到：{'、'.join(shown[:10])}{'等' if len(shown) > 10 else ''}）"
    if by_label or not sb:   # a form typed by hand, read by its printed labels: what was found, what not
        return (f"不是完整的申报表：按“{load().types[app_type].form_title}”（附件2）印出的项目名称只找到{len(by_label)}项，"
                f"{lacking}。请按附件2申报表的全部项目填写，或使用 shibai new 生成的模板。")
    gone = sorted({ref[0] for n in sb if (ref := parse_ref(src.names[n])) and ref[0] not in src.sheet_names})
    if gone:   # the 申报表 sheet deleted (Excel leaves its names as "#REF!$C$3"), or a name left to a sheet not there
        named = "”“".join(g for g in gone if g != "#REF")
        lost = f"“{named}”不在工作簿中" if named else "已被删除（名称显示为 #REF!）"
        return (f"不是完整的申报表：模板中各项的定义名称指向的工作表{lost}，{lacking}。"
                "如果是误删了工作表，请从原文件恢复后再检查，或使用 shibai new 生成的模板重新填写。")
    return f"不是完整的申报表：{lacking}。请使用 shibai new 生成的模板。"


def read_table(src: WorkbookSource, name: str) -> tuple[list[str], list[dict[str, Any]], str]:
    """(header texts, rows as header → value, sheet) of an Excel table; blank rows skipped."""
    table = src.tables.get(name.lower())
    if table is None:
        raise NotAnApplication(f"工作簿中没有名为 {name} 的表格")
    try:
        (r0, c0), (r1, c1) = corners(table.ref)
    except ValueError:
        raise UnreadableFile(f"工作簿中 {name} 表格的范围“{table.ref}”无法识别，文件可能已被其他程序改动。"
                             "请用 Excel/WPS 打开后重新保存，或重新生成该表格。") from None
    grid = src.grid(table.sheet)
    headers = [normalize(grid.get(r0, c) or "").replace("\n", "").replace(" ", "").replace("(", "（").replace(")", "）")
               for c in range(c0, c1 + 1)]
    rows = []
    for r in range(r0 + 1, r1 + 1):
        values = {h: grid.get(r, c0 + i) for i, h in enumerate(headers) if h}
        if any(v not in (None, "") for v in values.values()):
            rows.append(values)
    return headers, rows, table.sheet
