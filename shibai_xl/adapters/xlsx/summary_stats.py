"""The 统计 sheet of a 项目汇总表 (a city's or the province's): project counts per group and 项目类型 with their bar
chart, the figures block (amounts and mean scores per 市（州） × 项目类型), and the inputs that made the totals
incomplete listed beside them."""
from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.utils.cell import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.parse.text import PICTURE_SAID
from ...engine.province_rows import unreported_said
from ...engine.summary import not_read
from ...engine.summary_table import nameless_project, type_short
from . import styles as S
from .cells import last_value_row, set_cell
from .layout import SUMMARY_PRINTED
from .own_sheets import mark_own
from .summary_book import STATS_SHEET, TYPE_ORDER, SummaryBook, title_cells
from .summary_bounds import AT_LEAST
from .summary_rows import row_values
from .text_fit import DEFAULT_WIDTH, fit_row, row_height, tallest, text_lines
from .whole_ranges import MAX_ROW

UNKNOWN_TYPE = "类型未识别"
INCOMPLETE = "——合计不完整"   # what the sheet's titles carry when some input is not in its totals


def chart_title(by: str, incomplete: bool = False) -> str:
    """The count chart's title: it is copied into reports on its own, so it says itself that its totals are short."""
    return f"各{by}示范项目申报数量" + ("（合计不完整）" if incomplete else "")


def stats_sheet(wb: Workbook, rows: Iterable[tuple[str, str, str]], by: str = "前置条件",
                order: Sequence[str] = (), always: Iterable[str] = ()) -> None:
    """Counts per (group, 项目类型) and a bar chart; ``rows`` are (group, 项目类型, status). A type is counted by
    its short form (示范园区 and 园区 alike), as everywhere totals are made. Groups in ``order`` (the notice's
    市（州）) come first in that order, as the figures block beside lists them; others after, sorted. Groups in
    ``always`` (the cities that reported) have a row even with nothing to count."""
    rows = list(rows)
    theirs, old = [], None
    if STATS_SHEET in wb.sheetnames:
        old = wb[STATS_SHEET]
        theirs = _their_charts(old)
        del wb[STATS_SHEET]
    ws = wb.create_sheet(STATS_SHEET)
    mark_own(wb, ws)   # a person's own 统计 was moved aside before (own_sheets.keep_foreign)
    # a few dozen cells: a Counter, not pandas (whose import alone takes longer than a whole refresh)
    pivot = Counter((g, type_short(t) or UNKNOWN_TYPE) for g, t, _ in rows if g)   # type_short: one of TYPE_ORDER
    named = {g for g, _ in pivot} | {g for g in always if g}
    groups = sorted(named, key=lambda g: (order.index(g) if g in order else len(order), g)) or ["（无）"]
    ws["A1"].value, ws["A1"].font = f"按{by}和项目类型统计（有效项目）", S.SUBTITLE
    # a project whose 项目类型 is blank or unreadable is counted in a column of its own, never left out of the 合计
    types = [*TYPE_ORDER, *([UNKNOWN_TYPE] if any(t == UNKNOWN_TYPE for _, t in pivot) else [])]
    header = [by, *types, "合计"]
    for i, h in enumerate(header, 1):
        c = ws.cell(2, i, h)
        c.font, c.fill, c.border, c.alignment = S.HEADER, S.HEADER_FILL, S.BOX, S.CENTER
    for r, g in enumerate(groups, 3):
        set_cell(ws.cell(r, 1), g)
        for i, t in enumerate(types, 2):
            ws.cell(r, i).value = pivot[(g, t)]
        ws.cell(r, len(header)).value = f"=SUM(B{r}:{get_column_letter(len(types) + 1)}{r})"
        for i in range(1, len(header) + 1):
            ws.cell(r, i).border = S.BOX
    last = 2 + len(groups)
    ws.cell(last + 1, 1).value = "合计"
    for i in range(2, len(header) + 1):
        col = get_column_letter(i)
        ws.cell(last + 1, i).value = f"=SUM({col}3:{col}{last})"
        ws.cell(last + 1, i).font = S.BOLD
    ws.column_dimensions["A"].width = 16
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = chart_title(by)
    chart.y_axis.title = "项目数"
    # openpyxl 3.1 writes no <c:delete> unless told, which Excel and WPS read as hidden axes (LibreOffice draws them)
    chart.x_axis.delete = chart.y_axis.delete = False
    data = Reference(ws, min_col=2, max_col=1 + len(types), min_row=2, max_row=last)
    cats = Reference(ws, min_col=1, min_row=3, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height, chart.width = 9, 18
    ws.add_chart(chart, f"A{last + 3}")   # first: the chart _say_incomplete retitles
    for kept in theirs:     # where they were, drawing the cells they drew
        ws.add_chart(kept)
    # the title and header rows on every printed page: a province's figures block beside (all ten 市（州） × four
    # 项目类型) runs over one page, and its second page was numbers without the header saying which is which
    S.setup_print(ws, landscape=True, title_rows="1:2")
    if old is not None:     # made again at each refresh and merge: the page settings a person chose for it stay
        S.keep_print(old, ws)
    _fit_titles(ws)


def _title_text(chart: Any) -> str:
    title = chart.title
    rich = title.tx.rich if title is not None and title.tx is not None else None
    return "".join(r.t or "" for p in rich.p for r in (p.r or [])) if rich is not None else ""


def _their_charts(ws: Worksheet) -> list[Any]:
    """The charts a person drew on the tool's 统计 sheet (a pie of its counts): all but the tool's count chart (the
    first one titled as it titles it; a copy the person made of it is theirs). The sheet is written anew at every
    refresh and merge, and they were deleted with it without a word."""
    charts = list(ws._charts)
    own = next((c for c in charts if _title_text(c).startswith("各") and "示范项目申报数量" in _title_text(c)), None)
    return [c for c in charts if c is not own]


def count_table(rows: Sequence[Sequence[Any]]) -> tuple[list[str], list[str]]:
    """(groups, 项目类型 columns) of the count table in the 统计 sheet's values (row 1 first), as its chart draws
    them; none when the sheet is not the tool's count table (a person's own 统计)."""
    head = list(rows[1]) if len(rows) > 1 else []
    title = str((rows[0][0] if rows and rows[0] else None) or "")
    if not (title.startswith("按") and "统计" in title and head and head[0]):
        return [], []
    types = [str(v) for v in itertools.takewhile(lambda v: v not in (None, "", "合计"), head[1:])]
    groups = [str(v) for v in itertools.takewhile(lambda v: v not in (None, "", "合计"),
                                                   (r[0] if r else None for r in rows[2:]))]
    return groups, types


def chart_left_behind(before: Sequence[Sequence[Any]], wb: Workbook) -> str:
    """What an open workbook's edits leave out (none: ""): its 统计 sheet (``before``: its values), whose chart a file
    refresh or merge drew over the count table's cells, gets a table of other groups or 项目类型; the edits write
    cells, never a chart, which keeps drawing the cells it drew — a group short, or the 合计 row drawn as one."""
    if STATS_SHEET not in wb.sheetnames:
        return ""
    old = count_table(before)
    new = count_table(list(wb[STATS_SHEET].iter_rows(values_only=True)))
    if not old[0] or not new[0] or (len(old[0]), len(old[1])) == (len(new[0]), len(new[1])):
        return ""
    corner = f"${get_column_letter(1 + len(new[1]))}${2 + len(new[0])}"
    return (f"“统计”表的分组由 {len(old[0])} 组变为 {len(new[0])} 组（{'、'.join(new[0])}）"
            + (f"、项目类型由 {len(old[1])} 列变为 {len(new[1])} 列" if len(old[1]) != len(new[1]) else "")
            + "：表上的统计图仍按原来的单元格作图（按钮只改写单元格，不改图），图中的组与表不符"
            + f"。请右键统计图，点“选择数据”，把图表数据区域改为 ={STATS_SHEET}!$A$2:{corner}")


FIGURE_AMOUNTS = ("年度交易额合计（万元）", "年度网络零售额合计（万元）")
FIGURE_MEANS = ("自动评分平均", "市州评分平均")
FIGURE_GAP = 6   # empty columns between the count table and the figures: the count chart is 18 cm wide
CHART_ROWS = 21  # rows below the count table that its chart (9 cm high, two rows down) covers
FIGURE_WIDTH = 12


def _amount_width(value: Any, bound: bool) -> float:
    """The width an amount needs as the sheet shows it (“≥1,335,678.50”, bold on a 小计 row): a province's sums of
    parks' 年度交易额 (each 3 亿元 and more) run to seven digits of 万元, shown as ### in a column too narrow."""
    if not isinstance(value, (int, float)):
        return FIGURE_WIDTH
    return len(("≥" if bound else "") + f"{value:,.2f}") * 1.15 + 2


def figures_block(wb: Workbook, columns: Iterable[str], rows: Iterable[Iterable[Any]],
                  bounded: Collection[tuple[int, str]] = (), bounds: int = 0, doubted: int = 0) -> None:
    """Amounts, 前置条件 split and mean scores (``engine.province_stats``) beside the 统计 sheet's count
    table, clear of its chart; the count table's rows and columns stay as ``stats_sheet`` wrote them. ``bounded``:
    (row index, column) of the sums that add a lower bound, shown "≥"; ``bounds``: how many projects have one;
    ``doubted``: how many have an amount in doubt (a 元 figure, a mobile number …), summed as typed."""
    ws = wb[STATS_SHEET]
    columns = list(columns)
    left = ws.max_column + FIGURE_GAP
    counts_end = ws.max_row + CHART_ROWS
    title = ws.cell(1, left, "按市（州）和项目类型的金额、前置条件和评分（有效项目；空白或无法识别的数不计入）")
    if INCOMPLETE in str(ws["A1"].value or ""):   # printed as a page of its own: it says so itself (QA)
        title.value += f"{INCOMPLETE}（原因见本表左侧的标题）"
    if bounds:
        title.value += f"；其中 {bounds} 项金额为下限数字（如“3000万以上”），含它们的合计标为“≥”，实际不低于所示"
    if doubted:   # printed on its own, its 合计 read as the province's: it says what its rows' 问题 ask (QA)
        title.value += (f"；其中 {doubted} 项金额存疑（如像是按元填写、手机号码，见全省表“问题”列），已按所填计入合计，"
                        "请市（州）核实")
    title.font = S.SUBTITLE
    for i, h in enumerate(columns):
        c = ws.cell(2, left + i, h)
        c.font, c.fill, c.border, c.alignment = S.HEADER, S.HEADER_FILL, S.BOX, S.CENTER
    ws.row_dimensions[2].height = 30
    widths = [FIGURE_WIDTH] * len(columns)
    for r, values in enumerate(rows, 3):
        values, at = list(values), r - 3
        total = values[1] in ("小计", "")
        for i, v in enumerate(values):
            c = ws.cell(r, left + i)
            set_cell(c, v)
            c.border = S.BOX
            if columns[i] in FIGURE_MEANS:
                c.number_format = "0.00"
            elif columns[i] in FIGURE_AMOUNTS:
                c.number_format = (AT_LEAST if (at, columns[i]) in bounded else "") + "#,##0.00"
                widths[i] = max(widths[i], _amount_width(v, (at, columns[i]) in bounded))
            if total:
                c.font = S.BOLD
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(left + i)].width = width
    # two print ranges, two pages: the counts with their chart, then these figures
    ws.print_area = [f"A1:{get_column_letter(left - 2)}{counts_end}",
                     f"{get_column_letter(left)}1:{get_column_letter(left + len(columns) - 1)}{ws.max_row}"]
    _fit_titles(ws)


UNREAD_HEADS = ("未能读取的文件", "未能读取或计入的文件、行")
OWN_TABLE = "全省表"   # a row of the province table itself among those listed: "全省表（第11行）" (a city's: its file)


def listed_unreadable(wb: Workbook) -> list[tuple[str, str]]:
    """(file or "文件（第N行）", reason) as :func:`mark_unreadable` listed them on the 统计 sheet (none when it did not)."""
    if STATS_SHEET not in wb.sheetnames:
        return []
    return unread_in_rows(list(wb[STATS_SHEET].iter_rows(values_only=True)))


def unread_in_rows(rows: list[Sequence[Any]]) -> list[tuple[str, str]]:
    """:func:`listed_unreadable` of the 统计 sheet's values (row 1 first), however the workbook was opened."""
    head = list(rows[1]) if len(rows) > 1 else []
    col = next((i for i, v in enumerate(head) if v in UNREAD_HEADS), None)
    if col is None:
        return []
    cells = [(list(r)[col:col + 2] + [None, None])[:2] for r in rows[2:]]
    return [(str(a), str(b or "")) for a, b in cells if a not in (None, "")]


def mark_unreadable(wb: Workbook, unreadable: list[tuple[str, str]], kept: int = 0, rows: int = 0, gaps: int = 0,
                    forms: list[tuple[str, str]] = ()) -> None:
    """List the inputs that could not be read beside the 统计 counts, whose totals therefore are incomplete;
    ``kept``: rows of those inputs that keep (and count) their last data; ``rows``: how many of the entries are
    rows typed without 企业名称 (“文件（第N行）”), not files; ``gaps``: how many are applications a city summary
    itself could not include (a province's); ``forms``: (file, why) of another applicant's form in a file read, not
    read (listed after ``unreadable``)."""
    unreadable = [*unreadable, *forms]
    if not unreadable or STATS_SHEET not in wb.sheetnames:
        return
    ws = wb[STATS_SHEET]
    col = ws.max_column + FIGURE_GAP   # clear of the count chart: from row 3 down, a long list ran under it (QA)
    held = f"，其中 {kept} 行保留上次的数据并计入" if kept else "，其中的项目未计入"
    files = len(unreadable) - rows - gaps - len(forms)
    _say_incomplete(ws, f"{not_read(files, rows, gaps=gaps, forms=len({f for f, _ in forms}))}（见右侧）{held}")
    head = ws.cell(2, col, UNREAD_HEADS[bool(rows or gaps)])
    head.font, head.fill, head.border = S.HEADER, S.HEADER_FILL, S.BOX
    reason = ws.cell(2, col + 1, "原因")
    reason.font, reason.fill, reason.border = S.HEADER, S.HEADER_FILL, S.BOX
    widths = (28, 60)
    for i, (file, why) in enumerate(unreadable, 3):
        set_cell(ws.cell(i, col), file)
        set_cell(ws.cell(i, col + 1), why)
        ws.cell(i, col).alignment = ws.cell(i, col + 1).alignment = S.WRAP
        fit_row(ws, i, zip((file, why), widths))
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(col + i)].width = width
    _fit_titles(ws)   # the title over the list too


def mark_outside(wb: Workbook, outside: list[str]) -> None:
    """Say on the 统计 sheet and its chart that the projects typed under the 合计 or 填报人 row ("第20行 某公司"),
    outside the table, are not in its counts."""
    if outside and STATS_SHEET in wb.sheetnames:
        _say_incomplete(wb[STATS_SHEET], f"{len(outside)} 行项目在表格下方的合计行、填报人行之下，未计入："
                                         f"{'、'.join(outside)}；请移到合计行上方（表格内）后再刷新")


def nameless_rows(book: SummaryBook) -> list[int]:
    """The table's rows typed as a project (an amount and a 项目类型, 县区 …) without its 企业名称: no count or total holds
    them, so they are said as a city summary's rows typed so are at the merge (``nameless_project``, one reading of
    both); a withdrawn one is no project. Rows typed under the table too (a count =COUNTA(D4:D9) typed as the name of a
    project's row under the 合计): the merge reads them and says them."""
    counted = set(book.project_rows())
    return [r for r in range(book.data_rows().start, max(book.last_filled_row(), book.r1) + 1) if r not in counted
            and not book.withdrawn(r) and nameless_project(row_values(book, r))]


def mark_nameless(wb: Workbook, rows: list[str], pictured: list[str] | None = None) -> None:
    """Say on the 统计 sheet and its chart that the rows typed without 企业名称 ("第12行"), and those whose 企业名称 is a
    picture placed in the cell (``pictured``), are not in its counts."""
    said = ([f"{'、'.join(rows)}有金额等数据但没有企业名称"] if rows else []) + (
        [f"{'、'.join(pictured)}的企业名称{PICTURE_SAID}"] if pictured else [])
    if said and STATS_SHEET in wb.sheetnames:
        _say_incomplete(wb[STATS_SHEET], f"{'，'.join(said)}，未计入；请补上企业名称后再刷新")


def mark_unreported(wb: Workbook, cities: Sequence[str]) -> None:
    """Name on the 统计 sheet's title the 市（州） no summary has come from yet: its counts list those that sent, and a
    city missing from them reads as one with nothing to count. Every file given was read: the totals are not said
    incomplete for it."""
    if cities and STATS_SHEET in wb.sheetnames:
        ws = wb[STATS_SHEET]
        ws["A1"].value = f"{ws['A1'].value}；{unreported_said(cities)}"
        _fit_titles(ws)


def mark_passed_over(wb: Workbook, said: Sequence[str]) -> None:
    """Name on the 统计 sheet's title the hidden sheets of a city summary holding another 附件4 (last round's copy),
    not read beside the shown one: its counts are the sheet sent, and nothing read is left out (not incomplete)."""
    if said and STATS_SHEET in wb.sheetnames:
        ws = wb[STATS_SHEET]
        ws["A1"].value = f"{ws['A1'].value}；" + "；".join(said)
        _fit_titles(ws)


def stats_snapshot(wb: Workbook) -> tuple:
    """What the 统计 sheet shows (its cells; its chart's title follows its own title): a refresh rewrites the sheet
    when this changes, even with no row written (a project typed by hand, a mark of incomplete totals to add or
    take away)."""
    return tuple(wb[STATS_SHEET].iter_rows(values_only=True)) if STATS_SHEET in wb.sheetnames else ()


def mark_unsure(wb: Workbook, why: str) -> None:
    """Say on the 统计 sheet's title that its amounts are incomplete for a reason no list of files gives (a project a
    city typed twice with two amounts, an amount nobody can read): the project counts and their chart are whole."""
    if STATS_SHEET in wb.sheetnames:
        _say_incomplete(wb[STATS_SHEET], why, counts=False)


def _say_incomplete(ws: Worksheet, why: str, counts: bool = True) -> None:
    """The sheet's title says why its totals are short; the count chart's title says so when its counts are."""
    ws["A1"].value = f"{ws['A1'].value}{INCOMPLETE}：{why}"
    ws["A1"].font = S.SUBTITLE
    for chart in ws._charts[:1] if counts else ():   # the tool's, not a person's kept after it
        chart.title = chart_title(ws.cell(2, 1).value, incomplete=True)
    _fit_titles(ws)


TITLE_SIZE = 12   # points: S.SUBTITLE's


def _fit_titles(ws: Worksheet) -> None:
    """Each title in row 1 (the counts', the figures') wrapped over the columns of its block, the row as tall as the
    longest needs: one line of one cell ran past the printed columns, and a page ended mid-sentence (QA: the figures
    page lost “实际不低于所示”, the counts' page the reasons its totals are incomplete)."""
    titles = [c for c in ws[1] if c.value]
    lines = 1
    for i, cell in enumerate(titles):
        end = titles[i + 1].column - 2 if i + 1 < len(titles) else ws.max_column
        last = max((c.column for c in ws[2] if c.value is not None and cell.column <= c.column <= end),
                   default=cell.column)
        for merged in [m for m in ws.merged_cells.ranges if m.min_row == 1 and m.min_col == cell.column]:
            ws.unmerge_cells(merged.coord)
        if last > cell.column:
            ws.merge_cells(start_row=1, start_column=cell.column, end_row=1, end_column=last)
        cell.alignment = S.WRAP
        width = sum(_width(ws, c) for c in range(cell.column, last + 1))
        lines = max(lines, text_lines(str(cell.value), width * 11 / TITLE_SIZE))
    ws.row_dimensions[1].height = tallest(row_height(lines, TITLE_SIZE))


def print_summary_columns(wb: Workbook, book: SummaryBook | None = None) -> None:
    """Print the thirteen 附件4 columns and 前置条件/自动评分/问题 on A4 landscape (a city's
    refreshed table and the merged 全省 table alike); the rest is for screens. ``book``: the table as read already
    (a refresh's, its rows and columns as they are now)."""
    book = book or SummaryBook(wb)
    ws = book.ws
    last = max(book.cols[c] for c in SUMMARY_PRINTED)
    end = max(book.r1, book.total_row or 0, last_value_row(ws))   # not a border run down to row 200000: pages of it
    own = _own_print_columns(ws, last)
    if own is None:
        # whole columns, as the blank template's: the 合计, 填报人 and 盖章 lines a bureau types under the table after
        # the refresh print too (a print area ending at the table's last row left them off the stamped copy)
        ws.print_area = f"A1:{get_column_letter(last)}{MAX_ROW}"
        _title_over_printed_columns(wb, ws, last)
    elif own:     # the person's columns kept (README: 打印设置 are kept), its rows down to the table's last row
        first, top, right, bottom = own
        ws.print_area = f"{get_column_letter(first)}{top}:{get_column_letter(right)}{max(bottom, end)}"
    else:         # several ranges (附件4's columns and 问题): each over the table down to its last row, not the new ones
        ws.print_area = [f"{get_column_letter(r.min_col)}{r.min_row}:{get_column_letter(r.max_col)}"
                         f"{max(r.max_row, end) if r.max_row >= book.r0 else r.max_row}" for r in ws._print_area.ranges]


def _own_print_columns(ws: Worksheet, last: int) -> tuple[int, int, int, int] | tuple[()] | None:
    """The print area a person set: (first column, top row, last column, bottom row) of one range whose columns are
    not the tool's A … ``last``; () for several ranges; None for none or the tool's own."""
    area = ws._print_area
    ranges = list(area.ranges) if area is not None else []
    if not ranges:
        return None
    if len(ranges) > 1:
        return ()
    r = ranges[0]
    if r.min_col == 1 and r.max_col == last:
        return None
    return r.min_col, r.min_row, r.max_col, r.max_row


def _title_over_printed_columns(wb: Workbook, ws: Worksheet, last: int) -> None:
    """A title merged across the screen-only columns too (来源文件 … 状态: the template's, the 全省 table's) is
    printed centred over all of them, far right of the printed page's middle: merge it over the printed ones."""
    for cell in title_cells(wb):
        if cell.parent is not ws:
            continue
        merged = next((m for m in ws.merged_cells.ranges if m.min_row == m.max_row == cell.row
                       and m.min_col == cell.column), None)
        if merged is not None and merged.min_col < last < merged.max_col:
            ws.unmerge_cells(merged.coord)
            ws.merge_cells(start_row=cell.row, start_column=cell.column, end_row=cell.row, end_column=last)


def _width(ws: Worksheet, column: int) -> float:
    """A column's width as shown (Excel's default where none was set; asking openpyxl for it would add one of 13)."""
    dim = ws.column_dimensions.get(get_column_letter(column))
    return dim.width if dim is not None and dim.width else DEFAULT_WIDTH
