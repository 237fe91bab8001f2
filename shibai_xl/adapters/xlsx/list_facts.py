"""What a resident list's file says beyond its values, said where the list is read (the template's table, a typed
list, a separate 附件3 workbook, each further list sheet): cells holding an Excel error value, rows and sheets
hidden from view. The file reader (``reader.py``, ``resident_list.py``) adds these to the list it read."""
from __future__ import annotations

from collections.abc import Sequence

from ...engine.application import RESIDENT_USCC, ResidentRow, ResidentTable
from ...engine.findings import Finding, make
from ...engine.merged_rows import FIGURE_COLUMNS
from ...engine.parse.text import PICTURE_SAID, is_picture, one_line
from ...engine.resident_header import figures_as_shown
from ...engine.residents import NAME, RETAIL, STAFF, TRADE, hidden_rows_named, struck_said
from ...engine.values import RESAVE_LIST, UNSAVED, as_percent_shown
from ...rules import Severity
from .list_merges import with_merged_cells
from .package import PLACED_PICTURE, may_show_units
from .refs import col_index, split_ref
from .source import WorkbookSource


def with_error_cells(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                     ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read, and an XC_RESIDENT_ROW for each of its cells holding an Excel error value (#N/A): calamine
    reads those as blank, and a total must not leave a company's figure out without a word."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or not len(rows) or sheet is None:
        return read
    # an error cell reads as blank: a list whose figures are all there has none among them (the common case, and
    # the sheet's XML is then not inflated again: half a millisecond a park)
    figures = [rows.columns[h] for h in (*FIGURE_COLUMNS, NAME) if h in rows.columns]
    if not any(None in column or "" in column for column in figures):
        return read
    errors = src.error_cells(sheet)
    if not errors:
        return read
    # the columns the list is counted and summed by (an error in its 网址 or 信用代码 leaves nothing out: keyed by name)
    where = {f"{letter}{r}": (r, header) for header, letter in rows.letters.items() if header in (NAME, *FIGURE_COLUMNS)
             for r in rows.row_numbers}
    errors = {ref: text for ref, text in errors.items() if ref in where}
    named = [ref for ref, text in errors.items() if text == "#NAME?"]   # WPS's picture once Excel saved the file
    info = src.cell_info(sheet, set(named)) if named else {}
    pictured = {ref for ref, text in errors.items() if text == PLACED_PICTURE
                or (ref in info and is_picture(None, info[ref].formula))}
    said = [make("XC_RESIDENT_ROW", field=where[ref][1], at=(sheet, ref),
                 detail=f"第{where[ref][0]}行{where[ref][1]}是错误值{text}，按空白处理，{_left_out(where[ref][1])}")
            for ref, text in errors.items() if ref not in pictured]
    rows.said_names.update(r for ref, (r, header) in where.items() if header == NAME and ref in errors)
    by_column: dict[str, list[str]] = {}
    for ref in pictured:
        by_column.setdefault(where[ref][1], []).append(ref)
    return rows, sheet, [*findings, *said, *(_pictures_said(sheet, header, sorted(refs, key=split_ref))
                                             for header, refs in by_column.items())]


def with_cell_pictures(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                       ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read, each cell holding WPS's picture (嵌入单元格图片: the saved text "=DISPIMG(…)") in a column the
    list is counted and keyed by (企业名称, 统一社会信用代码, 从业人数 and the amounts) read as blank and said, a column
    at a time: no company named "=DISPIMG(…)", no figure quoted as that text. A column is looked at cell by cell only
    when its text holds the word at all (one join of its text; a column of numbers has none). Every file is looked
    at: one saved again by LibreOffice keeps the text and drops WPS's part of the pictures."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or not len(rows) or sheet is None:
        return read
    said = []
    for header in (NAME, RESIDENT_USCC, *FIGURE_COLUMNS):
        column = rows.columns.get(header)
        if not column or not _mentions(column, "DISPIMG"):
            continue
        at = [i for i, v in enumerate(column) if is_picture(v)]
        if not at or header not in rows.letters:
            continue
        blanked = list(column)
        for i in at:
            blanked[i] = ""
        rows.set_column(header, blanked)
        if header == NAME:   # said here: the list's own "填了数据但企业名称为空" would say the row twice
            rows.said_names.update(rows.row_numbers[i] for i in at)
        said.append(_pictures_said(sheet, header, [f"{rows.letters[header]}{rows.row_numbers[i]}" for i in at]))
    return (rows, sheet, [*findings, *said]) if said else read


def _mentions(column: Sequence[object], word: str) -> bool:
    """Whether the text of a column holds ``word``: one join of a column of text (a list's names, codes), the text
    among a column of numbers (its figures) only when it holds any."""
    try:
        return word in "\n".join(column)
    except TypeError:   # numbers, or blanks, among it
        return str in set(map(type, column)) and word in "\n".join([v for v in column if v.__class__ is str])


# what a cell of the list read as blank leaves out, by its column (another column's cell is left unread)
_LEFT_OUT = {NAME: "未计入家数", **dict.fromkeys(FIGURE_COLUMNS, "未计入合计")}


def _left_out(header: str) -> str:
    """What a cell of the column ``header`` (企业名称 or a figure) read as blank leaves out, and what to type there."""
    return f"{_LEFT_OUT[header]}，请填写{'企业名称' if header == NAME else '数值'}"


def _pictures_said(sheet: str, header: str, refs: list[str]) -> Finding:
    """One XC_RESIDENT_ROW for the cells ``refs`` of the column ``header`` holding a picture placed in the cell."""
    left_out = _LEFT_OUT.get(header, "未读取")
    return make("XC_RESIDENT_ROW", Severity.WARNING, field=header, at=(sheet, refs[0]), detail=(
        f"“{header}”一栏有{len(refs)}个单元格（{_span(refs)}）{PICTURE_SAID}，没有文字或数字，"
        f"按空白处理，{left_out}：请在这些单元格填写{header.split('（')[0]}（图片作为印证材料另附）"))


def with_unsaved_formulas(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                          ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read, and an XC_RESIDENT_ROW for each figure column holding formulas without a saved result (a
    file written by a program that stores no results: a converter, a script): they read as blank, and the park must
    hear that its figures are formulas to be saved in Excel/WPS, not that it filled none in."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or not len(rows) or sheet is None:
        return read
    blank = {f"{rows.letters[h]}{r}": h for h in FIGURE_COLUMNS if h in rows.columns and h in rows.letters
             for r, v in zip(rows.row_numbers, rows.columns[h]) if v is None or v == ""}
    if not blank:
        return read
    info = src.cell_info(sheet, set(blank))
    unsaved: dict[str, list[str]] = {}
    for ref, header in blank.items():
        if ref in info and info[ref].formula is not None and not info[ref].has_value:
            unsaved.setdefault(header, []).append(ref)
    rows.unsaved = {header: len(refs) for header, refs in unsaved.items()}   # the engine's messages say so too
    said = [make("XC_RESIDENT_ROW", Severity.WARNING, field=header, at=(sheet, refs[0]), detail=(
        f"“{header}”一栏有{len(refs)}个单元格（{_span(refs)}）{UNSAVED}，按空白处理，未计入合计："
        f"{RESAVE_LIST}，或直接填写数值"))
        for header, refs in unsaved.items()]
    return rows, sheet, [*findings, *said]


def _span(refs: list[str]) -> str:
    """I6:I17 for consecutive cells of one column, else the first few named."""
    first, last = (split_ref(r)[0] for r in (refs[0], refs[-1]))
    if len(refs) > 1 and last - first + 1 == len(refs):
        return f"{refs[0]}:{refs[-1]}"
    return "、".join(refs[:3]) + ("等" if len(refs) > 3 else "")


def as_in_file(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
               ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list of one sheet as read, with what its file says beyond the values: error cells, formulas without
    results, hidden rows, cells merged over several companies."""
    return with_hidden_rows(src, with_unsaved_formulas(src, with_error_cells(src, with_unit_formats(src,
        with_percents_as_shown(src, with_cell_pictures(src, without_struck_rows(src, with_merged_cells(src, read))))))))


def without_struck_rows(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                        ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list without the rows whose 企业名称 is struck through in full (删除线: a company the park crossed out,
    as a city's struck 附件4 row is a withdrawn project), said in one warning; a file without a strike costs a byte
    search."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or not len(rows) or sheet is None or NAME not in rows.letters:
        return read
    letter = rows.letters[NAME]
    struck = src.struck_rows(sheet, col_index(letter))
    gone = [r for r in rows.row_numbers if r in struck] if struck else None
    if not gone:
        return read
    left = rows.without_rows(set(gone))
    said = make("XC_RESIDENT_ROW", Severity.WARNING, field=NAME, at=(sheet, f"{letter}{gone[0]}"), detail=struck_said(gone))
    return left, sheet, [*findings, said]


def with_percents_as_shown(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                        ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read, each 从业人数 or amount shown as a percentage ("15%" typed into Excel or WPS: 0.15 stored, the
    cell painted 0%) given as the percent shown, which the engine says is no count of people and no amount (as the text
    "15%"), not “0.15”应为整数 or 0.15万元. Only the cells that may be one are asked of the file: a count of people is
    whole, an amount of a company under 1万元 rare (nearly every list has none)."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or not len(rows) or sheet is None:
        return read
    at = {}
    for column in (STAFF, TRADE, RETAIL):
        if column in rows.letters and column in rows.columns:
            values = rows.columns[column]     # 300 cells a park, three columns: no call per cell
            maybe = [i for i, v in enumerate(values) if v.__class__ is float and not v.is_integer()] if column == STAFF \
                else [i for i, v in enumerate(values) if v.__class__ is float and 0 < v < 1]
            at.update({f"{rows.letters[column]}{rows.row_numbers[i]}": (column, i) for i in maybe})
    info = src.cell_info(sheet, set(at), set(at)) if at else {}
    shown = [at[ref] for ref in at if ref in info and info[ref].percent and not info[ref].assumed]
    for column in {c for c, _i in shown}:
        said = {i for c, i in shown if c == column}
        rows.set_column(column, [as_percent_shown(v) if i in said else v for i, v in enumerate(rows.columns[column])])
    return read



def with_unit_formats(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                      ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read, its figures whose number format shows a unit another than their column's 万元 (0.5 painted
    0.00"亿元") read as the sheet shows them (:func:`figures_as_shown`), its 合计 row's too, and an XC_RESIDENT_ROW
    for each column and format saying so. Only the formats are asked of the file; a file whose styles show no unit
    (nearly every one) is asked nothing."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or not len(rows) or sheet is None or not may_show_units(src):
        return read
    total = rows.total_row
    cells = {h: {f"{rows.letters[h]}{r}": v for r, v in [*zip(rows.row_numbers, rows.columns[h]),
                                                          *([(total[0], total[1].get(h))] if total else [])]
                 if isinstance(v, (int, float)) and not isinstance(v, bool)}
             for h in (TRADE, RETAIL) if h in rows.columns and h in rows.letters}
    asked = {ref for refs in cells.values() for ref in refs}
    info = src.cell_info(sheet, asked, asked) if asked else {}
    said = []
    for h, figures in cells.items():
        painted = {ref: (v, info[ref].unit_format) for ref, v in figures.items() if ref in info and info[ref].unit_format}
        if not painted:
            continue
        read_as, lines = figures_as_shown(h, painted)
        if read_as:
            at = {f"{rows.letters[h]}{r}": i for i, r in enumerate(rows.row_numbers)}
            column = list(rows.columns[h])
            for ref, value in read_as.items():
                if ref in at:
                    column[at[ref]] = value
                elif total:             # the 合计 row's own figure, as its companies'
                    total[1][h] = value
            rows.set_column(h, column)
        said += [make("XC_RESIDENT_ROW", Severity.WARNING, field=h, at=(sheet, next(iter(painted))), detail=line)
                 for line in lines]
    return rows, sheet, [*findings, *said]


def with_hidden_rows(src: WorkbookSource, read: tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]
                     ) -> tuple[Sequence[ResidentRow] | None, str | None, list[Finding]]:
    """The list as read, and one XC_RESIDENT_ROW naming its companies on hidden rows (a filter left on, rows hidden
    "because they are old"): they are counted, as the file holds them, but the applicant's screen, printout and
    SUBTOTAL leave them out — a count that is not what the park sees must say so (as the merge says of a city's
    projects on hidden rows). A sheet without hidden rows costs a byte search of its XML."""
    rows, sheet, findings = read
    if not isinstance(rows, ResidentTable) or not len(rows) or sheet is None:
        return read
    letter = rows.letters.get("企业名称") or next(iter(rows.letters.values()), "A")
    if src.sheet_hidden(sheet):    # a list's 续页 (or the whole list) on a sheet hidden from view: said as the merge says it
        return rows, sheet, [*findings, make("XC_RESIDENT_ROW", Severity.WARNING, field="企业名称",
                                             at=(sheet, f"{letter}{rows.row_numbers[0]}"), detail=(
            f"工作表“{one_line(sheet)}”是隐藏的工作表，其中{len(rows)}行入驻企业已照样计入家数和各项合计。"
            "如果它是旧版本或备份，请删去这张工作表；如果应当计入，请取消隐藏后重新检查"))]
    hidden = src.hidden_rows(sheet)
    unseen = [r for r in rows.row_numbers if r in hidden] if hidden else []
    if not unseen:
        return read
    named = hidden_rows_named(unseen)
    rows.hide(set(unseen))   # what a SUBTOTAL 合计 row leaves out
    said = make("XC_RESIDENT_ROW", Severity.WARNING, field="企业名称", at=(sheet, f"{letter}{unseen[0]}"), detail=(
        f"第{named}行（{len(unseen)}行）是隐藏的行（筛选或隐藏，屏幕上、打印出的名单和 SUBTOTAL 合计中都看不到），"
        "已照样计入家数和各项合计。如果这些企业已不在本园区/基地（旧数据），请删去这些行；"
        "如果应当计入，请取消隐藏（或清除筛选）后重新检查"))
    return rows, sheet, [*findings, said]
