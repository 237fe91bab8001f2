"""Adopt an official 附件4 made by hand as a tool summary, in place.

A city that typed the 项目汇总表 in Excel has no ``sb_summary`` table. ``refresh`` given such a workbook
finds its header row (the 附件4 titles as people type them), and turns the rows under it into the table
summaries the tool creates, on the workbook's first sheet: every existing row, its 市州评分 and any
column a person added are kept; merged cells in the table are unmerged (a merged 市（州） is written into
each of its rows); numbers typed as text become numbers; 项目类型 typed the official way (示范园区, 电商直播基地 …)
becomes the contract's short form (园区/基地/企业/团队); a 合计 row stays the table's last row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.city_county import city_and_county_cell, county_titled, guessed_city_and_county
from ...engine.contact_phone import listed, said_title, split_contacts
from ...engine.parse.text import one_line
from ...engine.row_marks import bracketed_withdrawal
from ...engine.summary_amounts import number_value
from ...engine.summary_sheets import shown_over_hidden
from ...engine.summary_table import (
    HEADER_SCAN,
    NUMBER_COLUMNS,
    find_header,
    header_columns,
    nature_short,
    row_kind,
    short_header,
    short_header_said,
    sub_titles,
    type_short,
    unnamed_header,
)
from ...engine.summary_units import amount_units, in_wan, unit_cell, unit_conflicts
from . import styles as S
from .book_kinds import titles_filled_down
from .cells import last_value_row, set_cell
from .defined_names import name_key
from .layout import SUMMARY_TOOL_COLUMNS, SUMMARY_WIDTHS
from .shown_columns import give_width, sheet_hidden_columns
from .summary_book import NotASummary
from .summary_formats import painted_in_wan
from .summary_order import shared_contact_column
from .templates import _name

# a line above the title as the notice prints its attachments ("附件4"): not the title
_ATTACHMENT_LINE = re.compile(r"^\s*附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?\s*$")

NOT_A_SUMMARY = ("“{name}”不是项目汇总表：没有名为 sb_summary 的汇总表表格，也没有找到附件4的表头行（序号、市（州）、县区、"
                 "企业名称……市州评分）。请换一个文件名，让 shibai refresh 新建汇总表。")

NO_NAME_COLUMN = ("“{name}”的“{sheet}”表第{row}行是附件4的表头，但其中没有“企业名称”一栏（也可写作单位名称、申报单位），"
                  "无法接手其中的项目，文件未改动。请把企业（单位）名称一栏的表头改为“企业名称”后再刷新。")


@dataclass
class Adopted:
    rows: list[int]                                      # the sheet rows holding projects
    notes: list[str] = field(default_factory=list)       # what was changed that a person should know


def adopt(wb: Workbook, name: str) -> Adopted:
    """Make the hand-made 附件4 in ``wb`` a tool summary."""
    ws, header, cols, passed = _header_row(wb, name)
    header, cols = _one_header_row(ws, header, cols)
    # the rows down to the last holding a value in the 附件4 columns, not ws.max_row: a border painted down to row
    # 200000 made each of its empty rows be read (and a cell made for each of its columns: four million, minutes)
    filled = range(header + 1, last_value_row(ws, min(cols), max(cols), default=header) + 1)
    units, conflicts = _in_wan(ws, header, cols, filled)
    c0 = min(cols)

    def kind(r: int) -> str:
        return row_kind({n: ws.cell(r, c).value for c, n in cols.items()})

    kinds = {r: kind(r) for r in filled}
    last = max([r for r, k in kinds.items() if k in ("project", "total")] or [header + 1])
    c1 = _last_column(ws, header, last, max(cols))
    listed = [r for r, k in kinds.items() if k == "project"]
    both = _phone_column(ws, header, cols, c1, listed)
    c1 += bool(both)
    place = _county_column(ws, header, cols, c1, listed)
    c1 += bool(place)
    _unmerge(ws, header, last, c0, c1)
    names = _column_names(ws, header, c0, c1, cols)
    _numbers_as_numbers(ws, header, last, cols)
    projects = [r for r in range(header + 1, last + 1) if kind(r) == "project"]
    _types_short(ws, projects, cols)
    phone_said = _split_contacts(ws, projects, cols, both) if both else []
    phone_said += _split_places(ws, projects, cols, place) if place else []
    # the closing 合计 row stays just under the table, as under the tables the tool makes: the table's rows are
    # projects (a 小计 between them stays where it is, and no reader counts it)
    end = max(projects) if projects else header + 1
    ref = f"{get_column_letter(c0)}{header}:{get_column_letter(c1)}{end}"
    style, filters = _replaced_tables(ws, ref)
    table = Table(displayName="sb_summary", ref=ref)
    table.tableColumns = [TableColumn(id=i, name=n) for i, n in enumerate(names, 1)]
    table.tableStyleInfo = style or TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    _filter_into_table(ws, table, filters)
    ws.add_table(table)
    _print_as_the_tools(ws, header, cols)
    wb.move_sheet(ws, -wb.index(ws))
    wb.active = 0
    # the title above the header: as the notice prints it, an "附件4" line may come first — that is not the title
    above = [c for row in ws.iter_rows(min_row=1, max_row=header - 1) for c in row if c.value not in (None, "")]
    title = next((c for c in above if "汇总表" in str(c.value)),
                 next((c for c in above if not _ATTACHMENT_LINE.match(str(c.value))), None))
    if title is not None and name_key(wb.defined_names, "sb_summary_title") is None:
        _name(wb, "sb_summary_title", ws, title.coordinate)
    return Adopted(projects, [f"“{t}”一栏原按{u}填写，已换算为万元" for t, u in units] + conflicts + phone_said + passed)


def _phone_column(ws: Worksheet, header: int, cols: dict[int, str], c1: int, projects: list[int]) -> str | None:
    """A 附件4 whose 联系人 and 电话 share one column ("联系人及电话", a 电话 titled “联系人\n电话” holding the names
    too): it is the 联系人 column, and the 电话 one is added right of the table's last column (``cols`` gets it),
    where the phones typed with the names and the applications' phones go; the shared column's title as said (None:
    no such column)."""
    at = {n: c for c, n in cols.items() if n in ("联系人", "电话")}
    shared = shared_contact_column({n: ws.cell(header, c).value for n, c in at.items()},
                                   [ws.cell(r, at["电话"]).value for r in projects] if "电话" in at else [])
    if not shared:
        return None
    both, in_phone = shared
    contact = at["电话" if in_phone else "联系人"]
    cols[contact] = "联系人"     # “联系人\n电话”: the names with the phones
    cols[c1 + 1] = "电话"
    ws.cell(header, c1 + 1)._style = ws.cell(header, contact)._style
    return both


def _county_column(ws: Worksheet, header: int, cols: dict[int, str], c1: int, projects: list[int]) -> str | None:
    """A 附件4 whose 市（州） and 县区 share one column (titled “市（州）/县区”, “所在地（市州/区县）”, or “地区” holding
    “遵义市红花岗区”), there being no 县区 one: it is the 市（州） column, and the 县区 one is added right of the table's
    last column (``cols`` gets it), where the counties typed with the cities and the applications' go; the shared
    column's title as said (None: no such column)."""
    at = {n: c for c, n in cols.items()}
    city = at.get("市（州）")
    if not city or "县区" in at:
        return None
    title = ws.cell(header, city).value
    if not county_titled(title) and not any(city_and_county_cell(ws.cell(r, city).value) for r in projects):
        return None
    cols[c1 + 1] = "县区"
    ws.cell(header, c1 + 1)._style = ws.cell(header, city)._style
    return said_title(title)


def _split_places(ws: Worksheet, projects: list[int], cols: dict[int, str], both: str) -> list[str]:
    """Each project's “市（州）/县区” cell naming a county cut in two (:func:`city_and_county_cell`): the 市（州） stays
    in it, the county goes into the 县区 column :func:`_county_column` added; what follows the 市（州） that is no county
    of it ("遵义市新蒲新区", "遵义市云岩区") goes there as typed, said (QA qa67b); a cell naming no county stays as typed.
    What to say of it."""
    at = {n: c for c, n in cols.items()}
    cut, unsure = 0, []
    for r in projects:
        city, county = ws.cell(r, at["市（州）"]), ws.cell(r, at["县区"])
        guess = None if (got := city_and_county_cell(city.value)) else guessed_city_and_county(city.value)
        if got := got or guess:
            unsure += [f"第{r}行“{one_line(str(city.value).strip())}”"] if guess else []
            set_cell(city, got[0])
            set_cell(county, got[1])
            county._style = city._style
            cut += 1
    letter = get_column_letter(at["县区"])
    if cut:
        return [f"市（州）和县区写在同一栏“{both}”，已分开：表头改为“市（州）”，市（州）留在这一栏，县区写入加在表格末尾的"
                f"“县区”一栏（{letter}列），申报表的县（区）也写在这一列"
                + (f"；其中 {len(unsure)} 行在市（州）之后写的不是它的县（区）名称（{'、'.join(unsure)}），按所填写入县区，"
                   "请核实" if unsure else "")]
    return [f"“{both}”一栏只填了市（州），表头改为“市（州）”，“县区”一栏加在表格末尾（{letter}列），申报表的县（区）写在这一列"]


def _split_contacts(ws: Worksheet, projects: list[int], cols: dict[int, str], both: str) -> list[str]:
    """Each project's “联系人及电话” cell cut in two (:func:`name_and_phone`): the name stays in it, the phone goes
    into the 电话 column :func:`_phone_column` added; a cell that is not one name and one phone stays as typed.
    What to say of it."""
    at = {n: c for c, n in cols.items()}
    values = [{"_row": r, "联系人": ws.cell(r, at["联系人"]).value} for r in projects]
    kept = split_contacts(values)
    for v in (v for v in values if v.get("电话")):
        contact, phone = ws.cell(v["_row"], at["联系人"]), ws.cell(v["_row"], at["电话"])
        set_cell(contact, v["联系人"])
        set_cell(phone, v["电话"])
        phone._style = contact._style
    letter = get_column_letter(at["电话"])
    if any(v.get("电话") for v in values):
        said = [f"联系人和电话写在同一栏“{both}”，已分开：表头改为“联系人”，姓名留在这一栏，电话写入加在表格末尾的"
                f"“电话”一栏（{letter}列），申报表的电话也写在这一列"]
    else:    # names only (or none that could be cut): nothing was cut, the 电话 column is added all the same
        said = [f"“{both}”一栏{'' if kept else '只填了姓名，'}表头改为“联系人”，“电话”一栏加在表格末尾（{letter}列），"
                "申报表的电话写在这一列"]
    if kept:
        rows = listed([f"第{r}行" for r in kept])
        said.append(f"{rows}的“{both}”未能分成一个联系人和一个电话（如写了两个电话），按所填留在“联系人”栏，请核对后分开填写")
    return said


def _print_as_the_tools(ws: Worksheet, header: int, cols: dict[int, str]) -> None:
    """A 附件4 typed without print settings prints as the tool's summaries do: A4 landscape, one page wide, its header
    on every page, and the 附件4 columns a clerk left at Excel's default width as wide as the tool's (taken over, it
    printed in portrait over two pages, its columns split between them, 业绩 in 409-point rows — QA). A person's
    own settings and widths stay; what it left unset is the tool's. A clerk who only chose landscape had her thirteen
    columns on one page at 100 %: the tool's 前置条件, 自动评分 and 问题, printed too, went to a page of their own, and
    every later page had no header and no page number (QA) — so one page wide unless she set a scale, her header row
    repeated unless she chose rows, page numbers unless she wrote a footer."""
    for c, name in cols.items():
        if name in SUMMARY_WIDTHS:
            give_width(ws, c, SUMMARY_WIDTHS[name])
    fit = getattr(ws.sheet_properties.pageSetUpPr, "fitToPage", None)
    if ws.page_setup.orientation is None and not ws.print_title_rows and not fit:
        S.setup_print(ws, landscape=True, title_rows=f"{header}:{header}")
        return
    if not fit and ws.page_setup.scale in (None, 100):
        S.fit_to_width(ws)
    if not ws.print_title_rows:
        ws.print_title_rows = f"{header}:{header}"
    if not any(part.text for footer in (ws.oddFooter, ws.evenFooter) for part in (footer.left, footer.center, footer.right)):
        S.page_numbers(ws)


def _replaced_tables(ws: Worksheet, ref: str) -> tuple[TableStyleInfo | None, list[AutoFilter]]:
    """The sheet's own tables over the cells sb_summary takes (the 附件4 formatted as a table, 表1; the tool's table
    renamed) are removed — two tables on one cell is a file Excel "repairs" by deleting one; the style of the
    first is kept (the clerk's look), and their filters (with the table's range) for :func:`_filter_into_table`."""
    c0, r0, c1, r1 = range_boundaries(ref)
    style, filters = None, []
    for key in list(ws.tables):
        table = ws.tables[key]
        t0, s0, t1, s1 = range_boundaries(table.ref)
        if t0 <= c1 and c0 <= t1 and s0 <= r1 and r0 <= s1:
            style = style or table.tableStyleInfo
            if table.autoFilter is not None:
                filters.append(AutoFilter(ref=table.ref, filterColumn=list(table.autoFilter.filterColumn)))
            del ws.tables[key]
    return style, filters


def _filter_into_table(ws: Worksheet, table: Table, replaced: list[AutoFilter]) -> None:
    """The clerk's 筛选 over the cells the table takes — the sheet's AutoFilter, or the filter of the clerk's own
    table it replaces — becomes the table's own filter, its criteria kept on their columns (rows it hides stay
    hidden, with the filter that says why): a sheet filter over a table's cells is a file Excel "repairs" on opening
    by deleting the table, and Excel itself moves the filter into a table made over it. The recorded sort order is
    not kept: the rows are already in it, and its ranges are the sheet's."""
    t0, s0, t1, s1 = range_boundaries(table.ref)
    sheet = ws.auto_filter
    if sheet.ref:
        f0, r0, f1, r1 = range_boundaries(sheet.ref)
        if f0 <= t1 and t0 <= f1 and r0 <= s1 and s0 <= r1:   # a filter elsewhere on the sheet does not touch it
            replaced = [*replaced, AutoFilter(ref=sheet.ref, filterColumn=list(sheet.filterColumn))]
            ws.auto_filter = AutoFilter()
    if not replaced:
        return
    kept = []
    for own in replaced:
        f0 = range_boundaries(own.ref)[0]
        for column in own.filterColumn:
            if t0 <= f0 + column.colId <= t1 and f0 + column.colId - t0 not in {k.colId for k in kept}:
                column.colId = f0 + column.colId - t0
                kept.append(column)
    table.autoFilter = AutoFilter(ref=table.ref, filterColumn=kept)


def _last_column(ws: Worksheet, header: int, last: int, c1: int) -> int:
    """The table's last column: the columns a person added after the 附件4 ones are the table's too, also past an
    empty column ("备注" typed a column to the right of 市州评分, a remark under no title) — the tool's columns,
    written right after the table, would cover them. What lies further right than the tool's columns reach stays
    outside the table, where nothing is written (a stray far cell does not stretch the table across the sheet)."""
    reach = len(SUMMARY_TOOL_COLUMNS)
    while True:
        used = [c for row in ws.iter_rows(min_row=header, max_row=last, min_col=c1 + 1, max_col=c1 + reach)
                for c, cell in enumerate(row, c1 + 1) if cell.value not in (None, "")]
        if not used:
            return c1
        c1 = max(used)


def _in_wan(ws: Worksheet, header: int, cols: dict[int, str], filled: range
            ) -> tuple[list[tuple[str, str]], list[str]]:
    """Amounts typed in 元 or 亿元 (as the column's title or a 金额单位 line above the table says) in 万元, the unit
    the table's title will say: ((title as typed, unit) of each column converted, what to say of a 金额单位 line
    its columns' titles contradict). ``filled``: the rows under the header to the last holding a value."""
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=header + 1)]   # and a units row under it
    units = amount_units(rows, header - 1, {c - 1: n for c, n in cols.items()})
    conflicts = unit_conflicts(rows, header - 1, {c - 1: n for c, n in cols.items()})
    conflicts += painted_in_wan(ws, filled, {c - 1: n for c, n in cols.items()}, units)
    for c, (_title, unit) in units.items():
        for r in filled:
            cell = ws.cell(r, c + 1)
            if r == header + 1 and unit_cell(cell.value):    # a units row under the titles: 万元 now
                set_cell(cell, "万元")
            elif cell.data_type != "f":     # a 合计 formula sums the converted amounts
                set_cell(cell, in_wan(cell.value, unit))
    return list(units.values()), conflicts


def _header_row(wb: Workbook, name: str) -> tuple[Worksheet, int, dict[int, str], list[str]]:
    """(sheet, header row, column → 附件4 name, what to say) of the sheet showing the 附件4 header row. A workbook
    whose projects are on several such sheets (one per 项目类型) is refused: one table cannot hold them where they
    are, and taking one sheet would leave the others' projects out of every total (and add them again from their
    files) — but for last round's copy hidden beside the shown sheet, not taken and said
    (:func:`.summary_sheets.shown_over_hidden`)."""
    found, unnamed = [], []
    for ws in wb.worksheets:
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=HEADER_SCAN)]
        rows = titles_filled_down(rows, [str(m) for m in ws.merged_cells.ranges])   # titles under group titles
        hit = find_header(rows, hidden={c - 1 for c in sheet_hidden_columns(ws)})   # a column shown wins
        if hit:
            found.append((ws, hit[0] + 1, {c + 1: n for c, n in hit[1].items()}))
        elif bad := unnamed_header([list(row) for row in ws.iter_rows(max_row=max(1, last_value_row(ws)),
                                                                       values_only=True)]):
            unnamed.append((ws.title, bad[0] + 1, bad[1]))
    typed = [u for u in unnamed if u[2]]
    if typed or (unnamed and not found):   # its projects could be read by no total: refused, not left out
        sheet, row, _typed = (typed or unnamed)[0]
        raise NotASummary(NO_NAME_COLUMN.format(name=name, sheet=one_line(sheet), row=row))
    if not found:
        for ws in wb.worksheets:   # a table of the city's own with a few of the 附件4's columns: say which it lacks
            if short := short_header([[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=HEADER_SCAN)]):
                raise NotASummary(short_header_said(name, one_line(ws.title), short[0] + 1, short[1]))
        raise NotASummary(NOT_A_SUMMARY.format(name=name))
    # last round's copy hidden beside the sheet sent: the shown one taken, the other said (merge reads it so too)
    counts = {ws.title: _projects(ws, h, c) for ws, h, c in found}
    read, said = shown_over_hidden([(ws.title, ws.sheet_state != "visible", counts[ws.title]) for ws, _h, _c in found])
    found = [f for f in found if f[0].title in read]
    with_projects = [f for f in found if counts[f[0].title]]
    if len(with_projects) > 1:
        sheets = "、".join(f"“{one_line(ws.title)}”" for ws, _h, _c in with_projects)
        raise SeveralSheets(SEVERAL_SHEETS.format(name=name, sheets=sheets))
    return (*(with_projects or found)[0], said)


SEVERAL_SHEETS = ("“{name}”的项目分在几个工作表中（{sheets}），一键刷新只能接手放在一个工作表里的汇总表，文件未改动。"
                  "请把各表的项目行复制到同一个工作表的表头下（可以按项目类型排列），删去或另存其余的表后再刷新。")


class SeveralSheets(NotASummary):
    """A 附件4 by hand with its projects on several sheets: the face adds its other way (NextSteps.several_sheets)."""


def _projects(ws: Worksheet, header: int, cols: dict[int, str]) -> int:
    """How many projects the sheet holds under its header."""
    end = max(header + 1, last_value_row(ws, min(cols), max(cols)))   # not down the empty rows of a painted border
    return sum(row_kind({n: row[c - 1] for c, n in cols.items() if c <= len(row)}) == "project"
               for row in ws.iter_rows(min_row=header + 1, max_row=end, values_only=True))


def _one_header_row(ws: Worksheet, header: int, cols: dict[int, str]) -> tuple[int, dict[int, str]]:
    """A header over two rows (年度交易额 and 年度网络零售额 under a merged “（2023年1月-2023年12月）”, the other titles
    merged down over both rows) made one: the titles of the first row move down beside the second row's, which
    becomes the table's header row; a title merged across the sub-titled columns stays above them. Returns the
    (header row, column → 附件4 name) to use; a one-row header is returned unchanged. ``header`` may be the second
    row already (found with the titles merged down over it, :func:`.book_kinds.titles_filled_down`): the first row's titles
    move down the same way."""
    last = max(ws.max_column, max(cols))
    hidden = {c - 1 for c in sheet_hidden_columns(ws)}
    if any(m.min_row == header - 1 and m.max_row >= header for m in ws.merged_cells.ranges):
        _titles_down(ws, header - 1, last)   # with a title the clerk typed above and did not merge down (序号)
        titles = [ws.cell(header, c).value for c in range(1, last + 1)]
        return header, {c + 1: n for c, n in header_columns(titles, hidden).items()}
    below = [ws.cell(header + 1, c).value for c in range(1, last + 1)]
    sub = {c + 1: n for c, n in sub_titles(below, {c - 1: n for c, n in cols.items()}, hidden).items()}
    if not sub and all(v in (None, "") for v in below) and any(
            m.min_row == header < m.max_row for m in ws.merged_cells.ranges):
        _titles_down(ws, header, last)   # each title merged over two rows for height: the lower row heads the table
        return header + 1, cols
    if not sub:
        return header, cols
    _titles_down(ws, header, last)
    return header + 1, {**cols, **sub}


def _titles_down(ws: Worksheet, top: int, last: int) -> None:
    """The titles of header row ``top`` moved down into the row under it where that row has none; a title merged
    across columns titled under it (the 统计期, 申报主体信息) stays above them."""
    across = set()
    for merged in list(ws.merged_cells.ranges):
        if merged.min_row != top:
            continue
        if merged.max_col > merged.min_col and merged.max_row == top:
            across.update(range(merged.min_col, merged.max_col + 1))    # the 统计期 over the amounts: stays
        elif merged.max_row > top:
            ws.unmerge_cells(str(merged))                                # a title merged down: moved below
    for c in range(1, last + 1):
        high, low = ws.cell(top, c), ws.cell(top + 1, c)
        if c not in across and high.value not in (None, "") and low.value in (None, ""):
            _move(high, low)


def _unmerge(ws: Worksheet, header: int, last: int, c0: int, c1: int) -> None:
    """Merged cells in the table are unmerged; a 市（州） merged over its rows is written into each."""
    for merged in list(ws.merged_cells.ranges):
        if merged.max_row < header or merged.min_row > last or merged.max_col < c0 or merged.min_col > c1:
            continue
        first = ws.cell(merged.min_row, merged.min_col)
        ws.unmerge_cells(str(merged))
        for r in range(merged.min_row + 1, merged.max_row + 1):
            _copy(first, ws.cell(r, merged.min_col))


def _copy(source: Cell, target: Cell) -> None:
    """``source``'s value into ``target``: the city's own formula as a formula, a text typed '=… as that text."""
    if source.data_type == "f":
        target.value = source.value
    else:
        set_cell(target, source.value)


def _move(source: Cell, target: Cell) -> None:
    _copy(source, target)
    source.value = None


def _column_names(ws: Worksheet, header: int, c0: int, c1: int, cols: dict[int, str]) -> list[str]:
    """The table's column names: the 附件4 names, then the added columns' headers (made unique: a hidden column
    titled as a shown one's 附件4 name, last year's 年度交易额 left of this year's, is the one renamed)."""
    names, used = [], set(cols.values())
    for c in range(c0, c1 + 1):
        cell = ws.cell(header, c)
        text = cols.get(c) or " ".join(str(cell.value or "").split()) or f"列{get_column_letter(c)}"
        while text in used and text != cols.get(c):
            text += "_2"
        used.add(text)
        set_cell(cell, text)
        names.append(text)
    return names


def _numbers_as_numbers(ws: Worksheet, header: int, last: int, cols: dict[int, str]) -> None:
    """Amounts typed as text ("8,000") become numbers, so the table's sums count them."""
    for r in range(header + 1, last + 1):
        for c, n in cols.items():
            if n in NUMBER_COLUMNS:
                value = number_value(ws.cell(r, c).value)
                if isinstance(value, (int, float)):
                    ws.cell(r, c).value = value


def _types_short(ws: Worksheet, projects: list[int], cols: dict[int, str]) -> None:
    """项目类型 and 企业性质 as CONTRACT §3 writes them (园区/基地/企业/团队, 国企/民企): “电商企业”, “民营企业” are the
    same answers, not a difference from the application; what nobody can read is left as typed."""
    for name, short_of in (("项目类型", type_short), ("企业性质", nature_short)):
        col = next((c for c, n in cols.items() if n == name), None)
        for r in projects if col else ():
            short = short_of(ws.cell(r, col).value)
            if short and not bracketed_withdrawal(ws.cell(r, col).value):   # “基地（已撤回）”: the city's mark
                ws.cell(r, col).value = short
