"""Read a city's 项目汇总表 whoever made it and whatever it was saved as.

The tool's own summaries are read by their ``sb_summary`` table; anything else (the official 附件4 typed by
hand, a tool summary that lost its table in an .xls round trip) by its header row — the row showing the
附件4 column titles, as people type them. .xlsx/.xlsm, .xls, .xlsb and .ods are read with python-calamine;
the file is only read, nothing in it runs, and the same size, zip-bomb and XML checks apply as to
applications. Title, 填报人, blank, section and 合计 rows are not projects.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import coordinate_to_tuple

from ...engine.contact_phone import listed, split_contacts
from ...engine.parse.text import PICTURE_SHOWN, CellPicture, is_picture, one_line
from ...engine.parse.uscc import division_city
from ...engine.row_marks import PART_STRUCK, STRUCK
from ...engine.summary import AMOUNT_COLUMNS
from ...engine.summary_amounts import bounds_in_wan
from ...engine.summary_counts import count_doubts
from ...engine.summary_sheets import shown_over_hidden
from ...engine.summary_table import (
    NUMBER_COLUMNS,
    PROBLEM_SHEET,
    city_in,
    find_header,
    header_columns,
    nameless_project,
    passed_over,
    plain,
    row_kind,
    short_header,
    short_header_said,
    sub_titles,
    type_heading,
    type_short,
    unnamed_header,
)
from ...engine.summary_units import amount_units, in_wan, read_as_shown, unit_conflicts, unit_doubt
from ...engine.table_end import beyond_the_end, stranded, under_the_table
from ...errors import why
from ..file_names import file_label
from . import package
from .hidden_rows import hidden_columns, hidden_rows
from .legacy_merges import merged_ranges
from .negative_numbers import calamine_rows, read_plain, stored_back
from .ods_text import tabs_back
from .opc import UnreadableFile
from .package import (
    Package,
    calamine_refusal,
    error_cells,
    is_calamine_error,
    quiet_panics,
)
from .refs import col_letters, corners
from .struck_cells import struck_rows
from .summary_book import NotASummary
from .summary_formats import painted_amounts
from .summary_open import open_any, source_of
from .summary_order import shared_contact_column
from .summary_state import SENT_SHEET, STATE_SHEET
from .text_table import TextBook

NOT_A_SUMMARY = ("“{name}”不是项目汇总表：没有找到附件4的表头行（序号、市（州）、县区、企业名称……市州评分）。"
                 "请确认文件是市（州）项目汇总表（附件4）。")
NO_NAME_COLUMN = ("“{name}”的“{sheet}”表第{row}行是附件4的表头，但其中没有“企业名称”一栏（也可写作单位名称、申报单位），"
                  "无法读取其中的项目。请把企业（单位）名称一栏的表头改为“企业名称”后重新报送。")


@dataclass
class SummaryRows:
    path: Path
    sheet: str
    title: str                     # the text above the header row
    city: str                      # the 市（州） the summary reports for ('' when nothing says)
    made_by_tool: bool
    rows: list[dict[str, Any]] = field(default_factory=list)   # contract name → value, projects only
    nameless: list[str] = field(default_factory=list)   # where a project was typed without 企业名称: "第5行", or
    # "“基地”表第5行" when the projects are on several sheets (as each row's "_row")
    notes: list[str] = field(default_factory=list)              # what the reading did that a person should know
    unread: list[tuple[str, str]] = field(default_factory=list)  # (file, why) on its 问题文件 sheet: not in it
    missing: list[str] = field(default_factory=list)    # amount columns its header lacks: no total counts them
    outside: list[str] = field(default_factory=list)    # "第9行 某公司": projects typed below its 合计 / 填报人 lines
    # its own count line or 合计 row contradicting the rows read ("第9行“以上共4项”写明共 4 项，本工具在表中读到 3 项")
    miscounted: list[str] = field(default_factory=list)
    # why a row without its own 市（州） is counted under ``city``, where the title and the file name disagree
    city_said: str = ""
    pictured: list[str] = field(default_factory=list)   # those of ``nameless`` whose 企业名称 is a picture in the cell
    # last round's 附件4 on a hidden sheet beside the shown one: not read, said (also in ``notes``) with its projects
    passed_over: list[str] = field(default_factory=list)


def _sheet_rows(book: Any, name: str, pkg: Package
                ) -> tuple[list[list[Any]], dict[tuple[int, int], int], set[tuple[int, int]]]:
    """A sheet's values from A1, merged cells filled down (a 市（州）, 县区 or 项目类型 merged over several rows, in
    every format: :func:`.legacy_merges.merged_ranges`); the cells merged across columns, (row, column) → last
    column (0-based), which only the header's titles look at (a 填报人 line merged over the table says nothing
    about its columns); and the cells filled down, (row, column) 0-based (a 企业名称 merged over a project's two
    rows: one project, :func:`_projects`)."""
    spans: dict[tuple[int, int], int] = {}
    filled: set[tuple[int, int]] = set()
    pkg.check_extent(name)
    try:
        rows = [list(r) for r in calamine_rows(book, name)]
    except BaseException as e:  # calamine's errors for a broken sheet, a Rust panic
        if not is_calamine_error(e):
            raise
        rows = read_plain(pkg, name)      # a negative number in a date format past calamine's reach
        if rows is None:
            raise UnreadableFile(calamine_refusal(e) or f"工作表“{one_line(name)}”无法读取（{why(e)}），文件可能已损坏") from None
    # -5 there is -5, not the 00:00 calamine makes of it; a tab pasted into an .ods cell kept, as in .xlsx and .xls
    rows = tabs_back(pkg, name, stored_back(pkg, name, rows))
    for (r0, c0), (r1, c1) in _merges(pkg, name):
        if r1 > r0 and r0 < len(rows) and c0 < len(rows[r0]):
            for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
                if c0 < len(rows[r]) and rows[r][c0] in ("", None):
                    rows[r][c0] = rows[r0][c0]
                    filled.add((r, c0))
        if c1 > c0:
            spans[(r0, c0)] = c1
    return rows, spans, filled


def _merges(pkg: Package, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The sheet's merged ranges as ((first row, first column), (last row, last column)), 0-based."""
    out = []
    for ref in merged_ranges(pkg, sheet):
        if ends := _corners(ref):
            (r0, c0), (r1, c1) = ends
            out.append(((r0 - 1, c0 - 1), (r1 - 1, c1 - 1)))
    return out


def _value(v: Any) -> Any:
    if v == "" or v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _projects(rows: list[list[Any]], header: int, cols: dict[int, str], nameless: list[int] | None = None,
              extras: dict[int, str] | None = None, outside: list[tuple[int, str]] | None = None,
              table_end: tuple[int, range, bool] | None = None, filled: set[tuple[int, int]] | None = None,
              totals: list[dict] | None = None, pictured: list[int] | None = None) -> list[dict]:
    """The project rows under the header, to the sheet's end; with ``extras`` (column → title of a column the city
    added), each project's non-blank values of them under "_extras", as (title, value). A project typed below the
    table's 合计 / 填报人 lines (:func:`beyond_the_end`) is read too, marked "_below" and put in ``outside`` as
    (row, 企业名称): the city's printed 合计 and its refresh's 统计 leave it out, the merge counts it and says so.
    Under the tool's table (``table_end``: its last row, 0-based, and its columns) as its refresh reads it
    (:func:`_past_the_table`). A row whose 企业名称 is ``filled`` down from the project above (merged over both rows:
    its second contact, its 业绩's second paragraph) is that project, its own cells added to it
    (:func:`_continued`), not the same project typed twice. ``totals`` gets the 合计 and count lines, "_row" added.
    A row whose 企业名称 is WPS's picture placed in the cell (its saved text "=DISPIMG(…)") names no project: it is
    one of ``nameless``, and of ``pictured`` to be said as a picture, never merged under "=DISPIMG(…)" as its name."""
    out, city, section = [], None, None
    named = next((c for c, n in cols.items() if n == "企业名称"), None)
    read = ((r, {name: _value(rows[r][c]) if c < len(rows[r]) else None for c, name in cols.items()})
            for r in range(header + 1, len(rows)))
    typed = [(r, values) for r, values in read if any(v is not None for v in values.values())]
    beyond = ({typed[i][0] for i in beyond_the_end([v for _r, v in typed])} if table_end is None
              else _past_the_table(rows, header, cols, *table_end))
    for r, values in typed:
        cells = rows[r]
        if out and (r, named) in (filled or ()) and _continued(out[-1], values, {c for (x, c) in filled if x == r}, cols):
            continue
        if is_picture(values.get("企业名称")):
            for said in (nameless, pictured):
                if said is not None:
                    said.append(r + 1)
            continue
        if (kind := row_kind(values)) != "project":
            if nameless is not None and nameless_project(values):
                nameless.append(r + 1)
            if kind == "total" and totals is not None:
                totals.append(dict(values, _row=r + 1))
            section = _type_heading(values) or (None if kind == "total" else section)
            continue
        if values.get("市（州）") is None:   # merged or left blank under the first row of a city
            values["市（州）"] = city
        city = values.get("市（州）")
        if section and values.get("项目类型") is not None and type_short(values["项目类型"]) != section[0]:
            section = None   # a type of its own under the heading: not what the heading says, nor are the rows after it
        if values.get("项目类型") is None and section:   # left blank under “二、示范企业”: the heading's type, said
            values["项目类型"], values["_section"] = section
        values["_row"] = r + 1
        if r in beyond:
            values["_below"] = True
            if outside is not None:
                outside.append((r + 1, str(values.get("企业名称")).strip()))
        if extras:
            values["_extras"] = [(t, v) for c, t in extras.items()
                                 if c < len(cells) and (v := _value(cells[c])) is not None]
        out.append(values)
    return out


def _type_heading(values: dict[str, Any]) -> tuple[str, str] | None:
    """(the type, the heading as typed) of a row whose one text is a heading over the projects of a type (“二、示范企业
    （2个）”, a clerk numbering the 附件4 by type) — besides its 市（州）, merged over all the city's rows — None for any
    other row."""
    texts = [v for c, v in values.items() if c != "市（州）" and isinstance(v, str) and v.strip()]
    short = type_heading(plain(texts[0])) if len(texts) == 1 else ""
    return (short, one_line(texts[0].strip())) if short else None


_ONE_VALUE = frozenset({*NUMBER_COLUMNS, "项目类型", "统一社会信用代码"})   # what a project has one of


def _continued(project: dict, values: dict, filled: set[int], cols: dict[int, str]) -> bool:
    """Add to ``project`` a row of it under a 企业名称 merged over both: each cell of its own (not filled down) added
    to the project's text (“张三\n李四”), or taken where the project has none; False (nothing added) when it gives
    a number column, its 项目类型 or code another than the project's — two rows, to be said as such."""
    own = {n: v for c, n in cols.items() if c not in filled and (v := values.get(n)) is not None}
    if any(project.get(n) not in (None, v) for n in own if n in _ONE_VALUE):
        return False
    for n, v in own.items():
        had = project.get(n)
        project[n] = v if had is None or had == v else f"{had}\n{v}"
    return True


def _past_the_table(rows: list[list[Any]], header: int, cols: dict[int, str], end: int, span: range,
                    totals_row: bool) -> set[int]:
    """The rows (0-based) of the projects under the tool's table (its last row ``end``, its columns ``span``, whether
    that row is Excel's 汇总行) that its refresh leaves out of it (:func:`under_the_table`, the one rule for both), or
    keeps in it under the 合计 / 填报人 lines (:func:`stranded`): the city's printed 合计 leaves them out."""
    plain = [{cols.get(c) or str(c): _value(cells[c]) for c in span if c < len(cells)} for cells in rows[header + 1:]]
    # and an application's row its refresh keeps in the table under its 合计 / 填报人 lines: the printed 合计 misses it
    return {header + 1 + i for i in (*under_the_table(plain, end - header - 1, totals_row)[1],
                                     *stranded(plain, end - header - 1))}


def _text(v: Any) -> str:
    return str(v).strip() if v not in (None, "") else ""


def _extra_titles(rows: list[list[Any]], header: int, cols: dict[int, str], span: range,
                  spans: dict[tuple[int, int], int]) -> dict[int, str]:
    """Column → title of the columns a city added beside the 附件4 ones: the header row's text; under a title
    merged across columns (only its first cell holds it) the same title; with a second header row under it
    (推荐意见 over 县级意见 | 市级意见) both, "推荐意见/市级意见"; a column with no title at all by its letter."""
    titled = rows[header] if header < len(rows) else []
    below = rows[header + 1] if header + 1 < len(rows) else []
    sub = below if below and row_kind({n: below[c] for c, n in cols.items() if c < len(below)}) == "other" else []
    out: dict[int, str] = {}
    top, until = "", -1
    for c in span:
        own = _text(titled[c]) if c < len(titled) else ""
        if own or c > until:
            top, until = own, spans.get((header, c), c)    # a title merged across columns covers them all
        if c in cols:
            continue
        second = _text(sub[c]) if c < len(sub) else ""
        out[c] = "/".join(t for t in dict.fromkeys((top, second)) if t) or f"{col_letters(c + 1)}列"
    return out


_INDEX_TITLE = re.compile(r"^(?:Unnamed:\s*\d+|index|level_0)?$")   # as pandas titles its index: none, or read back


def _without_index(projects: list[dict], titles: list[Any], extras: dict[int, str], sheet: str) -> list[str]:
    """Take out of the projects' own columns ("_extras", the province's 市州备注) a pandas index written with the
    table (``df.to_excel``): a column titled as pandas titles it, blank (its numbers from 0) or "Unnamed: 0", numbering
    the rows in order (0, 1, 2 …; a filtered frame's 0, 3, 7 …) — no remark of the city's; what to say of it (once)."""
    said = []
    for c, title in extras.items():
        if not _INDEX_TITLE.match(_text(titles[c]) if c < len(titles) else ""):
            continue
        numbers = [dict(p.get("_extras", ())).get(title) for p in projects]
        if not numbers or not all(isinstance(n, (int, float)) and not isinstance(n, bool) and float(n).is_integer()
                                  and n >= 0 for n in numbers) or any(b <= a for a, b in zip(numbers, numbers[1:])):
            continue
        if not _text(titles[c]) and numbers[0] != 0:   # an untitled 1, 2, 3 … may be the city's own (a ranking)
            continue
        for p in projects:
            p["_extras"] = [(t, v) for t, v in p["_extras"] if t != title]
        said.append(f"{sheet}{col_letters(c + 1)}列（表头{'“' + _text(titles[c]) + '”' if _text(titles[c]) else '空白'}，"
                    f"依次为{'、'.join(str(int(n)) for n in numbers[:3])}…）是导出表格时带出的行号（pandas 索引列），不是市（州）"
                    "的备注，未写入市州备注")
    return said


def _contacts_with_phones(read: list[dict], titles: list[Any], cols: dict[int, str], sheet: str, several: bool
                          ) -> list[str]:
    """The 联系人 and 电话 of the projects whose 附件4 titles one column for both (“联系人及电话”), each cell cut in two
    (:func:`split_contacts`), a 电话 column of the sheet's own left to hold its phones; what to say of it."""
    shared = shared_contact_column({n: titles[c] for c, n in cols.items() if n in ("联系人", "电话")},
                                   [p.get("电话") for p in read])
    if not shared:
        return []
    both, in_phone = shared
    if in_phone:                                  # “联系人\n电话”: the names with the phones
        for p in read:
            p["联系人"] = p.pop("电话", None)
    kept = [_where(sheet, r, several) for r in split_contacts(read)]
    # said when a phone was cut from a name (a column of names only has nothing to say: its 电话 is blank as typed)
    said = [f"{_sheet(sheet, several)}联系人和电话写在同一栏“{both}”，已分开读取：姓名计入“联系人”，电话计入“电话”"
            ] if any(p.get("电话") for p in read) else []
    if kept:
        said.append(f"{listed(kept)}的“{both}”未能分成一个联系人和一个电话（如写了两个电话），按所填计入“联系人”，"
                    "“电话”留空，请核对")
    return said


def _sheet(name: str, several: bool = True) -> str:
    """A sheet as the notes name it, "“基地”表" on one line; "" when the projects are on one sheet only."""
    return f"“{one_line(name)}”表" if several else ""


def _where(sheet: str, row: int, several: bool) -> str:
    """A project's row as a person finds it: "第5行", with its sheet when the projects are on several."""
    return f"{_sheet(sheet, several)}第{row}行"


def _corners(ref: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A table's first and last cell as (row, column); None for a range that is not two cells."""
    try:
        return corners(ref)
    except ValueError:
        return None


def read_summary(path: str | Path) -> SummaryRows:
    """The projects of a city summary file; raises UnreadableFile, or NotASummary when it is no 附件4."""
    path = Path(path)
    book, pkg = open_any(path)
    # its merged cells, error values, hidden rows and sheets' reach, which calamine does not tell (.ods, .xlsb) or not all
    source = source_of(path, pkg)
    # (sheet, row, rows typed under it) of a 附件4 header without a 企业名称 column: its projects cannot be read — the
    # whole file is refused (its other sheets' projects alone would be a city total short of them, said nowhere)
    unnamed: list[tuple[str, int, bool]] = []
    shorts: list[tuple[str, int, list[str]]] = []   # (sheet, row, 附件4 columns lacking) of a table with too few
    passed: list[tuple[str, str]] = []   # (sheet, what) of columns titled as one read, not read (:func:`_hidden_passed`)
    try:
        found = None
        table = pkg.tables.get("sb_summary") if pkg else None
        table, old_copies = _table_beside_copies(book, source, table)   # a hidden copy of the table's sheet, or it hidden
        ends = _corners(table.ref) if table is not None else None
        if table is not None and ends is not None:
            (r0, c0), (r1, c1) = ends
            rows, spans, filled = _sheet_rows(book, table.sheet, pkg)
            titles = rows[r0 - 1] if r0 - 1 < len(rows) else []
            # the columns the city titled right of the table, which did not grow over them (LibreOffice), an empty
            # column left between them and the table too: their remarks (a 已撤回 among them) are the city's word
            own_c1 = c1   # the table's own columns: what its refresh reads a row under it by
            c1 = max([c1, *(c + 1 for c in range(c1, len(titles)) if isinstance(titles[c], str) and titles[c].strip())])
            header = titles[c0 - 1:c1]
            shut = hidden_columns(source, table.sheet)   # a column shown wins over a hidden one titled alike
            cols = {c0 - 1 + i: n for i, n in header_columns(header, {c - c0 + 1 for c in shut}).items()}
            passed += _hidden_passed(table.sheet, titles, cols, shut)
            # every row under the table too: a project typed under it (the table not extended, a blank row or a
            # row without 企业名称 left between) is merged, and one without 企业名称 is said, never dropped unseen;
            # blank, 合计 and 填报人 rows are skipped as in a hand-made 附件4
            found = [(table.sheet, rows, r0 - 1, cols, range(c0 - 1, c1), spans, filled)]
            table_end = {table.sheet: (r1 - 1, range(c0 - 1, own_c1), table.totals_row)}
        else:   # every sheet showing the 附件4 header: a city may type one sheet per 项目类型
            table, table_end = None, {}    # nor a table whose range no program writes ("A5"): read as a hand-made summary
            found = []
            for name in book.sheet_names:
                rows, spans, filled = _sheet_rows(book, name, source)
                shut = hidden_columns(source, name)   # a column shown wins over a hidden one titled alike
                hit = find_header(rows, hidden=shut)
                if not hit:
                    unnamed += _unnamed(name, rows)
                    if short := short_header(rows):
                        shorts.append((name, short[0] + 1, short[1]))
                else:
                    header, cols = hit
                    more = sub_titles(rows[header + 1], cols, shut) if header + 1 < len(rows) else {}
                    passed += _hidden_passed(name, rows[header], cols, shut)
                    if more:    # a header over two rows, the amounts titled on the second: the projects are under it
                        passed += _hidden_passed(name, rows[header + 1], {**cols, **more}, shut)
                        header, cols = header + 1, dict(sorted({**cols, **more}.items()))
                    found.append((name, rows, header, cols, range(len(rows[header])), spans, filled))
        found, hidden_copies = _shown_over_hidden(book, found)   # last round's copy hidden beside the sheet sent
        old_copies += hidden_copies
        for name, rows, header, cols, *_rest in found:
            errors = _error_cells(source, name)
            _show_errors(rows, header, cols, errors)
            _show_pictures(source, name, rows, header, cols, errors)
            _show_errors(rows, header, cols, _unsaved_formulas(source, name, rows, header, cols))
        # amount cells whose number format shows a unit (0.5 painted 0.00"亿元"): read as shown below, said
        painted = {name: painted_amounts(source, name, rows, header, cols) for name, rows, header, cols, *_ in found}
        hidden = _hidden(book, source, [f[0] for f in found])
        struck, partly = _struck(source, found)
        # the table is lost in a summary re-saved as .xls/.ods/.xlsb: its 问题文件 sheet, as the tool writes it, still
        # says which applications the city's total lacks
        unread = unread_files(book, printed=table is None, guard=source)
    finally:
        if pkg:
            pkg.close()
        try:
            book.close()
        except Exception:  # already released
            pass
    if not found or any(typed for *_at, typed in unnamed):
        raise NotASummary(_refusal(path.name, unnamed, shorts))
    sheet, rows, header = found[0][:3]
    title = " ".join(str(v) for r in rows[:header] for v in r if isinstance(v, str) and v.strip())
    nameless: list[str] = []
    pictured: list[str] = []
    outside: list[str] = []
    projects: list[dict] = []
    seen: dict[tuple, str] = {}
    repeated: Counter[tuple[str, str]] = Counter()
    notes: list[str] = []
    hidden_rows: list[str] = []
    on_hidden: dict[str, int] = {}
    miscounted: list[str] = []
    for name, rows, header, cols, span, spans, filled in found:
        missing: list[int] = []
        pictures: list[int] = []
        below: list[tuple[int, str]] = []
        typed_in = amount_units(rows, header, cols)
        notes += unit_conflicts(rows, header, cols)
        units = {cols[c]: unit for c, (_t, unit) in typed_in.items()}
        notes += [f"{_sheet(name, len(found) > 1)}“{t}”一栏按{u}填写，已换算为万元计入"
                  for t, u in typed_in.values()]
        shown, said_shown = read_as_shown(rows, painted[name], cols, typed_in, _sheet(name, len(found) > 1))
        notes += said_shown
        totals: list[dict] = []
        extras = _extra_titles(rows, header, cols, span, spans)
        read = _projects(rows, header, cols, missing, extras, below, table_end.get(name), filled, totals, pictures)
        notes += _contacts_with_phones(read, rows[header], cols, name, len(found) > 1)
        notes += _without_index(read, rows[header], extras, _sheet(name, len(found) > 1))
        _strike(read, struck.get(name, set()))
        _strike(read, partly.get(name, set()), PART_STRUCK)
        # the city's own count line and 合计 against the rows read, amounts in 万元 on both sides
        doubts, said = count_doubts(*([dict(x, **{c: in_wan(x.get(c), u) for c, u in units.items()}) for x in xs]
                                      for xs in (read, totals)), missing, _sheet(name, len(found) > 1),
                                    hidden.get(name, set()))
        miscounted += doubts
        notes += said
        for p in read:
            notes += _in_wan(p, units, _where(name, p["_row"], len(found) > 1), shown.get(p["_row"], ()))
            same = tuple(sorted((k, str(v)) for k, v in p.items() if k not in ("_row", "_extras", "_below", "序号")))
            if seen.setdefault(same, name) != name:   # a row another sheet has word for word (a printing copy, a
                repeated[(seen[same], name)] += 1     # 总表 beside per-type sheets): the same project, counted once
                continue
            p["_row"] = _where(name, p["_row"], len(found) > 1)
            _unseen(p["_row"], name, hidden, hidden_rows, on_hidden)
            projects.append(p)
        nameless += [_where(name, r, len(found) > 1) for r in missing]
        pictured += [_where(name, r, len(found) > 1) for r in pictures]
        outside += [f"{_where(name, r, len(found) > 1)} {company}" for r, company in below]
    missing = list(dict.fromkeys(c for _n, _r, _h, cols, *_ in found for c in AMOUNT_COLUMNS if c not in cols.values()))
    city, city_said = _city_of(path, title, projects, notes)
    notes += [f"{_sheet(b)}有 {n} 行与{_sheet(a)}的行完全相同，只计入一次" for (a, b), n in repeated.items()]
    notes += old_copies + _hidden_notes(hidden_rows, on_hidden) + [_sheet(s, len(found) > 1) + t for s, t in passed]
    if isinstance(book, TextBook) and any(p.get("来源文件") not in (None, "") for p in projects):
        notes.append(ONE_SHEET)   # a tool summary as CSV: whether its refresh read every application is not known
    return SummaryRows(path, sheet, title, city, table is not None, projects, nameless, notes, unread,
                       missing if projects else [], outside, miscounted, city_said, pictured, old_copies)


def _city_of(path: Path, title: str, projects: list[dict[str, Any]], notes: list[str]) -> tuple[str, str]:
    """The 市（州） a summary reports for, by its title, file name, 市（州） and 县区 columns, and what its rows say of it
    where the title decided it against the file name ('' else); what a person should know of it added to ``notes``."""
    counted = Counter(c for c in (city_in(p.get("市（州）")) for p in projects) if c)
    by_title, by_name = city_in(title), city_in(Path(file_label(path)).stem)
    # the 市（州） column left blank under a title left "XX市（州）": the counties the rows name say it (红花岗区 → 遵义市)
    counties = counted or Counter(c for c in (division_city(p.get("县区")) for p in projects) if c)
    # a neighbour's copy of the 附件4, its title left as it was, the file and every row's 市（州） naming the city — or,
    # the 市（州） column left blank, every row's 县区 lying in it
    copied = bool(by_title and by_name != by_title and set(counties) == {by_name})
    city = (by_name if copied else by_title) or by_name or (counties.most_common(1)[0][0] if counties else "")
    if projects and not city:   # counted under 未识别: the city's own count on the 统计 sheet short of them
        notes.append(f"标题、文件名、“市（州）”和“县区”两栏都看不出是哪个市（州）的汇总表，其中 {len(projects)} 项计入“未识别”"
                     "（各市（州）的统计不含它们）：请市（州）在标题中写明市州名称后重新报送，或把文件名改为“某某市汇总表”"
                     "再合并")
    if city and not (by_title or by_name or counted):
        notes.append(f"标题和文件名都没有写明市（州），“市（州）”一栏也没有填写：已按“县区”一栏作为{city}报送的汇总表计入，"
                     "请核实（请市（州）在标题中写明市州名称）")
    city_said = ""   # the rows whose blank 市（州） the title decided against the file name: said on each (merge)
    if by_title and by_name and by_title != by_name:   # a neighbour's copy of the 附件4, its title left as it was
        rows_say = "“市（州）”一栏都是" if counted else "“市（州）”一栏没有填写、各行的县区都在"
        notes.append(f"标题写的是{by_title}，文件名是{by_name}，{rows_say}{by_name}：已作为{by_name}报送的汇总表计入，请核实"
                     "（多是用别的市（州）的表格填写、标题没有改；请市（州）改正标题）" if copied else
                     f"标题写的是{by_title}，文件名是{by_name}" + ("" if counted else "，“市（州）”一栏没有填写")
                     + f"：已按标题作为{by_title}报送的汇总表计入，请核实是哪个市（州）的汇总表（标题有误的，改正后重新合并）")
        if not copied:
            city_said = (f"汇总表标题写的是{by_title}，文件名是{by_name}，本行“市（州）”没有填写：已按标题计入{by_title}，"
                         "请核实是哪个市（州）的项目")
    return city, city_said


def _struck(pkg: Package, found: list[tuple]) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Sheet → the rows whose 企业名称 is struck through: the city crossed the project out (``row_withdrawn``); and
    sheet → the rows whose 企业名称 is struck in part of its text only (said, never withdrawn)."""
    rows = {name: struck_rows(pkg, name, c) for name, _r, _h, cols, *_rest in found
            for c, n in cols.items() if n == "企业名称"}
    return {name: whole for name, (whole, _part) in rows.items()}, {name: part for name, (_whole, part) in rows.items()}


def _strike(projects: list[dict], struck: set[int], mark: str = STRUCK) -> None:
    """Mark the projects read from the rows whose 企业名称 is struck through (their "_row" still the sheet's number)."""
    for p in projects:
        if p["_row"] in struck:
            p[mark] = True


def _hidden_passed(sheet: str, titles: list[Any], cols: dict[int, str], hidden: set[int]) -> list[tuple[str, str]]:
    """What to say of the columns of a header not read though titled as one read: a hidden one (a column shown read
    instead), an amount's other (another year's, :func:`header_columns`); as (sheet, what)."""
    taken = {n: c for c, n in cols.items()}
    letter = {c: col_letters(c + 1) for c in (*cols, *range(len(titles)))}
    return [(sheet, f"有两栏“{n}”：按显示的{letter[taken[n]]}列计入，隐藏的{letter[c]}列未计入，请核实（隐藏列中的旧数据请"
            "市（州）删除）" if c in hidden else
            f"有两栏“{n}”：按{letter[taken[n]]}列“{_text(titles[taken[n]])}”计入，{letter[c]}列"
            f"“{_text(titles[c])}”未计入，请核实")
            for c, n in passed_over(titles, cols).items()
            if taken[n] not in hidden and (c in hidden or n in AMOUNT_COLUMNS)]


def _in_wan(project: dict[str, Any], units: dict[str, str], where: str,
            shown: Sequence[tuple[str, str]] = ()) -> list[str]:
    """A project's amounts typed in 元 or 亿元 (``units``: column → unit) in 万元; what to ask of a figure that looks
    typed in another unit (1200 under a 亿元 title: counted as 1200亿元, asked on its row and in the report). ``shown``:
    (column, what to say) of its amounts read as their number format shows them (:func:`read_as_shown`), on its row."""
    for column, note in shown:
        project["问题"] = "；".join(x for x in (project.get("问题"), f"FIELD_AMOUNT {column[:-4]}：{note}") if x)
    asked = []
    for column, unit in units.items():
        if doubt := unit_doubt(project.get(column), unit):
            project["问题"] = "；".join(x for x in (project.get("问题"), f"FIELD_AMOUNT {column[:-4]}：{doubt}") if x)
            asked.append(f"{where}“{project.get('企业名称')}”的{column[:-4]}：{doubt}")
        project[column] = in_wan(project.get(column), unit)
    # "3000万以上" typed by the city: its bound, as refresh writes an application's, the row's 问题 saying so
    if bounds := bounds_in_wan(project, "市（州）汇总表"):
        project["问题"] = "；".join(x for x in (project.get("问题"), *bounds) if x)
    return asked


def _unnamed(sheet: str, rows: list[list[Any]]) -> list[tuple[str, int, bool]]:
    """[(sheet, 1-based row, whether rows are typed under it)] of a 附件4 header on the sheet lacking only its 企业名称
    column, else []."""
    hit = unnamed_header(rows)
    return [] if hit is None else [(sheet, hit[0] + 1, hit[1])]


def _refusal(name: str, unnamed: list[tuple[str, int, bool]], shorts: list[tuple[str, int, list[str]]]) -> str:
    """Why a file is no summary this reading can take: a header's 企业名称 column is not known (the one with rows
    under it first), a table has too few of the 附件4 columns (which it lacks), or it has no 附件4 header at all."""
    if unnamed:
        sheet, row, _typed = max(unnamed, key=lambda u: u[2])
        return NO_NAME_COLUMN.format(name=name, sheet=one_line(sheet), row=row)
    if shorts:
        sheet, row, missing = min(shorts, key=lambda s: len(s[2]))
        return short_header_said(name, one_line(sheet), row, missing)
    return NOT_A_SUMMARY.format(name=name)


def _unseen(where: str, sheet: str, hidden: dict[str, set[Any]], rows: list[str], sheets: dict[str, int]) -> None:
    """A project counted from a hidden row (``where`` its "第5行") or a hidden sheet, put down to be said."""
    if int(re.findall(r"\d+", where)[-1]) in hidden.get(sheet, ()):
        rows.append(where)
    if sheet in hidden[""]:
        sheets[sheet] = sheets.get(sheet, 0) + 1


def _hidden_notes(rows: list[str], sheets: dict[str, int]) -> list[str]:
    """What the merge says of projects counted that nobody sees on screen: on hidden rows, on a hidden sheet."""
    out = [f"{_sheet(name)}是隐藏的工作表，其中 {n} 个项目已计入：如果是旧版本或参考数据，请市（州）删去后重新报送"
           for name, n in sheets.items()]
    if rows:
        out.append(f"{'、'.join(rows[:10])}{'等' if len(rows) > 10 else ''} {len(rows)} 个项目在隐藏的行中"
                   "（筛选或隐藏，屏幕上和 SUBTOTAL 合计中看不到），已照样计入：请市（州）核实")
    return out


def _shown_over_hidden(book: Any, found: list[tuple]) -> tuple[list[tuple], list[str]]:
    """The sheets to read of those holding the 附件4 table, and what to say of the others
    (:func:`.summary_sheets.shown_over_hidden`: last round's copy hidden beside the sheet sent is not read)."""
    if len(found) < 2:
        return found, []
    shut = _hidden(book, None, [f[0] for f in found])[""]
    read, said = shown_over_hidden([(f[0], f[0] in shut, len(_projects(*f[1:4]))) for f in found])
    return [f for f in found if f[0] in read], said


def _table_beside_copies(book: Any, source: Package, table: Any) -> tuple[Any, list[str]]:
    """The tool's table to read, and what to say of last round's 附件4 kept on a hidden sheet beside it
    (:func:`.summary_sheets.shown_over_hidden`): the table on a hidden sheet beside a shown one holding the 附件4 with
    projects (the clerk hid the tool's sheet and edited a copy) is None — every sheet then read by its header, the
    hidden one said; on a shown sheet, the hidden ones holding another 附件4 are said. No hidden sheet: nothing read."""
    shut = _hidden(book, None, list(book.sheet_names))[""] if table is not None else set()
    if not shut:
        return table, []
    others = [name for name in book.sheet_names if name not in (table.sheet, STATE_SHEET, SENT_SHEET)   # not the tool's own
              and (name in shut) != (table.sheet in shut)]
    counts = {name: n for name in others if (n := _header_projects(book, source, name))}
    if table.sheet in shut:
        return (None if counts else table), []
    return table, shown_over_hidden([(table.sheet, False, 1), *((n, True, c) for n, c in counts.items())])[1]


def _header_projects(book: Any, source: Package, name: str) -> int:
    """How many projects a sheet holds under a 附件4 header (0: none, no header, or a sheet that cannot be read — a
    sheet beside the tool's table, never read before either)."""
    try:
        rows = _sheet_rows(book, name, source)[0]
    except UnreadableFile:
        return 0
    hit = find_header(rows, hidden=hidden_columns(source, name))
    return len(_projects(rows, *hit)) if hit else 0


def _hidden(book: Any, pkg: Package | None, sheets: list[str]) -> dict[str, set[int]]:
    """{"": the hidden sheets among ``sheets``, sheet: its hidden rows (1-based)}: the rows as far as the file tells
    them (:mod:`.hidden_rows`: .xlsx/.xlsm, .xls, .ods; an .xlsb's from its walk, :mod:`.xlsb_cells`)."""
    from python_calamine import SheetVisibleEnum

    out: dict[str, set[Any]] = {"": {m.name for m in book.sheets_metadata
                                     if m.name in sheets and m.visible != SheetVisibleEnum.Visible}}
    out.update({name: hidden_rows(pkg, name) for name in sheets} if pkg is not None else {})
    return out


def _error_cells(pkg: Package, sheet: str) -> dict[str, str]:
    """The sheet's cells holding an Excel error value (calamine reads them as blank), as far as the file tells."""
    try:
        return error_cells(pkg, sheet)
    except Exception:  # a damaged file's parts: no error value known, as before
        return {}


def _unsaved_formulas(pkg: Package, sheet: str, rows: list[list[Any]], header: int, cols: dict[int, str]
                      ) -> dict[str, str]:
    """The amount and 市州评分 cells of an .xlsx that read blank but hold a formula saved without its result (a
    summary last saved by a program that computes none — this tool's refresh, a script — not yet opened and saved in
    Excel/WPS: a clerk's =AVERAGE(…) 市州评分, a =1000+500 交易额): ref → the formula, read as its text, so that the
    merge says on the row that it is not counted, instead of a total and a mean silently short of it."""
    # a workbook its writer marked to be computed on opening (fullCalcOnLoad) may hold 0 for every formula's result:
    # xlsxwriter's placeholder (pandas' writer where it is installed), no result either
    placeholder = (None, "", 0) if pkg.recalc_on_load else (None, "")
    shown = {f"{col_letters(c + 1)}{r + 1}": rows[r][c] if c < len(rows[r]) else None
             for r in range(header + 1, len(rows)) for c, name in cols.items() if name in NUMBER_COLUMNS}
    blank = {ref for ref, v in shown.items() if v in placeholder and not isinstance(v, bool)}
    if pkg.fmt != "xlsx" or not blank:
        return {}
    try:
        styles = package.cell_styles(pkg, sheet, blank)
    except Exception:  # a damaged file's parts: no formula known, as before
        return {}
    return {ref: formula if formula.startswith("=") else f"={formula}"
            for ref, (_pct, formula, saved, *_rest) in styles.items() if formula and (not saved or shown[ref] == 0)}


def _show_pictures(pkg: Package, sheet: str, rows: list[list[Any]], header: int, cols: dict[int, str],
                   errors: dict[str, str]) -> None:
    """A 企业名称 cell read blank whose formula is WPS's DISPIMG — a picture WPS placed, the file then saved by Excel
    (#NAME?) or by this tool's refresh (no saved result) — reads as the picture: said as one, not as a name left blank.
    Asked only of the error cells and of the blank names of rows with an amount typed."""
    named = next((c for c, n in cols.items() if n == "企业名称"), None)
    refs = {ref for ref in errors if (at := coordinate_to_tuple(ref))[1] - 1 == named and at[0] - 1 > header}
    amounts = [c for c, n in cols.items() if n in AMOUNT_COLUMNS]
    refs |= {f"{col_letters(named + 1)}{r + 1}" for r in range(header + 1, len(rows)) if named is not None
             and (named >= len(rows[r]) or rows[r][named] in (None, ""))
             and any(c < len(rows[r]) and rows[r][c] not in (None, "") for c in amounts)}
    try:
        formulas = package.cell_styles(pkg, sheet, refs) if refs else {}
    except Exception:  # a damaged file's parts: said as a name left blank, as before
        return
    for ref, (_pct, formula, *_rest) in formulas.items():
        r, c = coordinate_to_tuple(ref)
        if r - 1 < len(rows) and is_picture(None, formula):
            rows[r - 1].extend([None] * (c - len(rows[r - 1])))
            rows[r - 1][c - 1] = CellPicture(PICTURE_SHOWN)


def _show_errors(rows: list[list[Any]], header: int, cols: dict[int, str], errors: dict[str, str]) -> None:
    """An amount or 市州评分 cell holding an error value (#N/A, #DIV/0! …) reads as that error, not as blank: the
    merge then says on the row that it is not counted, instead of a total silently short of it."""
    for ref, error in errors.items():
        r, c = coordinate_to_tuple(ref)
        if r - 1 > header and cols.get(c - 1) in NUMBER_COLUMNS and r - 1 < len(rows):
            row = rows[r - 1]
            row.extend([None] * (c - len(row)))
            if row[c - 1] in (None, "") or (error.startswith("=") and row[c - 1] == 0):   # xlsxwriter's placeholder
                row[c - 1] = error



ONE_SHEET = ("是本工具刷新的汇总表另存的 CSV/文本文件，只有一张表：汇总表的“问题文件”表（刷新时未能汇总的申报表）不在其中，"
             "无法核对该市（州）汇总表是否完整，请市（州）报送汇总表的 Excel 工作簿（.xlsx）")


def unread_files(book: Any, printed: bool = False, guard: Package | None = None
                 ) -> list[tuple[str, str]]:
    """(file, why) on a tool summary's 问题文件 sheet: the applications its refresh could not read. ``printed``: the
    summary's table is gone (re-saved in another format): read only a sheet under the tool's header (文件, 原因)."""
    if PROBLEM_SHEET not in book.sheet_names:
        return []
    try:
        if guard is not None:
            guard.check_extent(PROBLEM_SHEET)
        with quiet_panics():
            rows = book.get_sheet_by_name(PROBLEM_SHEET).to_python()
    except BaseException as e:  # calamine's errors on a damaged sheet: the projects were read, this list is not known
        if not is_calamine_error(e):
            raise
        return [("问题文件", "汇总表的“问题文件”表无法读取")]
    if printed and not (len(rows) > 1 and [str(c).strip() for c in rows[1][:2]] == ["文件", "原因"]):
        return []
    return [(str(r[0]), str(r[1]) if len(r) > 1 and r[1] not in (None, "") else "")
            for r in rows[2:] if r and r[0] not in (None, "")]
