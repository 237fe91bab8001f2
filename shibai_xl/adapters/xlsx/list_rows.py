"""The rows of a 附件3 resident list under its header row, as parks fill it: blank rows, 合计 and 小计 rows, section
headings, 填报人 lines, a header over two rows, companies typed on under a table without extending it."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...engine.application import ResidentTable
from ...engine.findings import Finding, make
from ...engine.parse.result import is_blank
from ...engine.parse.text import one_line
from ...engine.resident_header import (
    HEADING_FIRST,
    RESIDENT_COLUMNS,
    UNIT_LINE_ROWS,
    column_numbers,
    columns_alike_said,
    header_continuation,
    header_key,
    in_unit,
    is_header_name,
    is_list_total,
    is_section_heading,
    list_amount_unit,
    list_end_said,
    repeats_header,
    title_year,
)
from ...engine.residents import closing_total
from ...engine.summary_table import FILLER_LEADS, is_filler_line
from ...engine.table_end import TOTAL_GAP
from ...rules import Severity
from .list_facts import FIGURE_COLUMNS
from .refs import col_letters
from .source import Grid

MAX_RESIDENT_ROWS = 20000
_YEAR = re.compile(r"20\d\d")   # an amount's header naming its 统计期 (附件3: "(202x年x月-202x年x月)年度网络交易额")


def resident_rows(grid: Grid, sheet: str, r0: int, c0: int, c1: int, r1: int, names: list[str] = (),
                  hidden: Callable[[], set[int]] = set) -> tuple[ResidentTable, str, list[Finding]]:
    """The rows under the header row ``r0`` (columns c0…c1); rows below ``r1`` are read while not blank. A list
    without a table (``r1 == r0``: typed, or its table lost) has no end but its last company: blank rows between
    companies are skipped. A header over two rows (年度网络交易额 merged above （万元）) is read as one. Of two columns
    titled alike (last year's 零售额 kept hidden beside this year's), the one shown is read: ``hidden`` gives the
    sheet's hidden columns (1-based), asked only then; of two shown (2022年 and 2023年网络零售额 side by side), the
    one naming no year or the later year, said."""
    titles = {c: grid.get(r0, c) or (names[c - c0] if c - c0 < len(names) else "") for c in range(c0, c1 + 1)}
    keys = {c: header_key(title) for c, title in titles.items()}
    listed = [k for k in keys.values() if k in RESIDENT_COLUMNS]
    twice = len(set(listed)) < len(listed)
    shut = hidden() if twice else set()
    headers = {}
    for c in sorted(keys, key=lambda c: (c in shut, -title_year(titles[c]) if twice else 0, c)):
        if keys[c] in RESIDENT_COLUMNS and keys[c] not in headers.values():
            headers[c] = keys[c]
    headers = dict(sorted(headers.items()))
    alike = _columns_alike(titles, keys, headers, shut, sheet, r0) if twice else []
    gaps = r1 == r0
    header_rows = [r0]
    below = _header_second_row(grid, r0, c0, headers)
    if below is not None:
        header_rows.append(r0 + 1)
        # each column with the title over it (2022年度 | 2023年度 merged above 网络零售额 twice): the later year's first
        titled = {c: f"{_title_above(grid, r0, c0, c)} {grid.get(r0 + 1, c) or ''}" for c in below}
        for c in sorted(below, key=lambda c: (-title_year(titled[c]), c)):
            if c not in headers and below[c] not in headers.values():
                headers[c] = below[c]
        alike += _columns_alike(titled, below, {c: k for c, k in headers.items() if c in below}, set(), sheet, r0 + 1)
        headers = dict(sorted(headers.items()))
        r0 += 1                  # companies start under it; a table's own last row stays its last row
        r1 = max(r1, r0)
    name_col = next((c for c, key in headers.items() if key == "企业名称"), None)
    if r0 < grid.height and column_numbers(grid.rows[r0], name_col - 1 if name_col else None, c0 - 1):
        r1 = max(r1, r0 + 1)     # the 栏次 row (1 2 3 …) under the header: no company
        r0 += 1
    findings = list(alike)
    lacking = [h for h in ("企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）")
               if h not in headers.values()]
    if lacking:
        findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, at=(sheet, f"{col_letters(c0)}{header_rows[0]}"),
                             detail=f"入驻企业名单缺少列：{'、'.join(lacking)}（附件3的表头有），名单的"
                                    f"{'这一项' if len(lacking) == 1 else '这几项'}无法与申报表核对，"
                                    "请在表头中补上并填写各企业的数字"))
    letters = {name: col_letters(c) for c, name in headers.items()}
    rows, r = _list_rows(grid.rows, sheet, r0, r1, [(c - 1, name) for c, name in headers.items()], letters, gaps)
    for c, name in headers.items():
        if "万元" in name and any(_YEAR.search(str(grid.get(h, c) or "")) for h in header_rows):
            rows.periods[name] = (" ".join(str(grid.get(h, c) or "") for h in header_rows), sheet,
                                  f"{col_letters(c)}{header_rows[0]}")
        unit = list_amount_unit(" ".join(str(grid.get(h, c) or "") for h in header_rows),
                                grid.rows[max(0, header_rows[0] - 1 - UNIT_LINE_ROWS):header_rows[0] - 1]) \
            if "万元" in name else "万元"
        if unit != "万元" and name in rows.columns:   # a list made with amounts in 元 (or 亿元): each figure says so
            rows.columns[name] = tuple(in_unit(v, unit) for v in rows.columns[name])
            if rows.total_row is not None and name in rows.total_row[1]:
                rows.total_row[1][name] = in_unit(rows.total_row[1][name], unit)
    if r - r0 > MAX_RESIDENT_ROWS:
        findings.append(make("XC_RESIDENT_ROW", Severity.WARNING,
                             detail=f"入驻企业名单超过{MAX_RESIDENT_ROWS}行，只读取了前{MAX_RESIDENT_ROWS}行"))
    name_col = next((c for c, name in headers.items() if name == "企业名称"), None)
    seq_col = next((c for c, name in headers.items() if name == "序号"), None)
    later = _companies_after_gap(grid.rows, r, name_col, seq_col) if name_col else []
    if later:
        closing = _closing_line(grid.rows, r, later[0], name_col, seq_col)
        findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, at=(sheet, f"{letters['企业名称']}{later[0]}"), detail=(
            f"{list_end_said(r, closing)}，下面第{later[0]}行起还有{len(later)}行像是入驻企业，没有读取。"
            "如果它们属于名单，请删去中间的空行（或把表格扩展到这些行）后重新检查")))
    return rows, sheet, findings


def _title_above(grid: Grid, r0: int, c0: int, c: int) -> str:
    """The first header row's title over column ``c``: its own, else the nearest to its left (a merged 2023年度)."""
    return next((str(v) for x in range(c, c0 - 1, -1) if not is_blank(v := grid.get(r0, x))), "")


def _columns_alike(titles: dict[int, Any], keys: dict[int, str], headers: dict[int, str], shut: set[int], sheet: str,
                   r0: int) -> list[Finding]:
    """An XC_RESIDENT_ROW for each 附件3 column given twice and shown both times (2022年 and 2023年网络零售额): which
    one the list is read by (the later year's), so that no year's figures are summed without a word."""
    out = []
    for c, key in headers.items():
        others = [o for o, k in keys.items() if k == key and o != c and o not in shut]
        if others:
            said = [f"{col_letters(o)}{r0}“{one_line(str(titles[o]))}”" for o in others]
            out.append(make("XC_RESIDENT_ROW", Severity.WARNING, at=(sheet, f"{col_letters(c)}{r0}"), detail=(
                columns_alike_said(key, f"{col_letters(c)}{r0}“{one_line(str(titles[c]))}”", said))))
    return out


GAP_LOOKAHEAD = 200   # rows searched below the blank row that ended the list


def _closing_line(data: list[list[Any]], stop: int, company: int, name_col: int, seq_col: int | None
                  ) -> tuple[int, Any] | None:
    """The line closing the list ("以上数据属实", "填报人：张三" in the 企业名称 or 序号 column) between the row reading
    stopped at and the first company under it: (its row, its text); None when only blank rows are between."""
    for r in range(stop, company):
        line = data[r - 1]
        for c in (name_col, seq_col):
            if c and len(line) >= c and is_filler_line(line[c - 1]):
                return r, line[c - 1]
    return None


def _header_second_row(grid: Grid, r0: int, c0: int, headers: dict[int, str]) -> dict[int, str] | None:
    """The second row of a header typed over two rows, as {column: 附件3 name} (empty where it only gives a unit:
    "（万元）" under a merged 年度网络交易额), or None when the row under the header is a company or blank."""
    if r0 >= grid.height:
        return None
    name_col = next((c for c, key in headers.items() if key == "企业名称"), None)
    found = header_continuation(grid.rows[r0], name_col - 1 if name_col is not None else None, c0 - 1)
    return None if found is None else {i + 1: key for i, key in found.items()}


def _companies_after_gap(data: list[list[Any]], stop: int, name_col: int, seq_col: int | None) -> list[int]:
    """Rows below the blank row ``stop`` (where reading ended) whose 企业名称 cell names a company: a list
    typed on after an empty row, which would otherwise be left out without a word. Looked for within
    GAP_LOOKAHEAD rows; a run of companies still going at its end is followed to its last row (their number is
    said: "还有197行" of 1000 was no count)."""
    labels = [seq_col - 1] if seq_col else []

    def company(r: int) -> bool:
        line = data[r - 1]
        return (_names_company(line[name_col - 1] if len(line) >= name_col else None)
                and not _filler_label(line, [i for i in labels if i < len(line)]))

    end = min(len(data), stop + GAP_LOOKAHEAD)
    out = [r for r in range(stop + 1, end + 1) if company(r)]
    if out and out[-1] == end:
        while end < len(data) and company(end + 1):
            end += 1
            out.append(end)
    return out


def _names_company(name: Any) -> bool:
    """A 企业名称 cell below a list's end that names a company (not 合计, not a 填报人/注 line, not blank)."""
    return (not is_blank(name) and isinstance(name, str) and not is_list_total(name) and not is_filler_line(name)
            and not is_header_name(name))


_TOTAL_LEADS = frozenset("汇共总")   # total labels without 计: 汇总, 共12家, 总数 (resident_header.SUM_WORDS)
_FILLER_FIRST = frozenset(lead[0] for lead in FILLER_LEADS)   # a name that cannot be a note line is not parsed


def _list_rows(data: list[list[Any]], sheet: str, r0: int, r1: int, cols: list[tuple[int, str]],
               letters: dict[str, str], gaps: bool = False) -> tuple[ResidentTable, int]:
    """(the list's rows, the row number reading stopped at): every row under the header row ``r0`` that is
    neither blank nor a 合计 row; below the table's last row ``r1`` (rows typed under the table without
    extending it), only while rows are not blank. On the refresh hot path (300 rows a park): one lean loop
    that keeps the sheet's own rows, turned into columns at the end."""
    tests = [i for i, name in cols if name != "序号"]            # what makes a row blank
    labels = [i for i, name in cols if name in ("序号", "企业名称")]  # where a 合计 row says so
    name_at = next((i for i, name in cols if name == "企业名称"), None)
    other_labels = [i for i in labels if i != name_at]
    seq_at = next((i for i, name in cols if name == "序号"), None)
    figures_at = [i for i, name in cols if name in FIGURE_COLUMNS]
    industry_at = next((i for i, name in cols if name == "所属行业（类型）"), None)
    width = max((i for i, _ in cols), default=-1) + 1
    kept: list[list[Any]] = []
    numbers: list[int] = []
    total_rows: list[tuple[int, list[Any]]] = []
    r, last = r0 + 1, min(len(data), r0 + MAX_RESIDENT_ROWS)
    while r <= last:
        line = data[r - 1]
        if len(line) < width:
            line = [*line, *[""] * (width - len(line))]
        name = line[name_at] if name_at is not None else None
        # a name holding 计 (合计, 会计), or beginning as 汇总 and 共12家 do, takes the way of rows that may be a total
        if name.__class__ is str and "计" not in name and not name.isspace() and name and name[0] not in _TOTAL_LEADS:
            if "称" in name and is_header_name(name):   # the 附件3 header again (pasted with the list): no company
                r += 1
                continue
            seq = line[seq_at] if seq_at is not None else None
            if (name[0] in HEADING_FIRST or (seq.__class__ is str and seq[:1] in HEADING_FIRST)) \
                    and is_section_heading(seq, name, [line[i] for i in figures_at]):   # 一、电商企业: no company
                r += 1
                continue
            if (name[0] in _FILLER_FIRST or name[0].isspace()) and is_filler_line(name):   # "填报人：张三", "　以上数据属实"
                if r > r1:
                    break
                r += 1
                continue
            # a company's name: the row is neither blank nor labelled 合计 there (its 序号 cell may still be, or
            # hold "填报园区/基地：" with the park typed beside it)
            for i in other_labels:
                label = line[i]
                if label.__class__ is str and label and (is_list_total(label) or _filler_label(line, [i])):
                    break
            else:
                kept.append(line)
                numbers.append(r)
                r += 1
                continue
            if is_list_total(line[i]):
                total_rows.append((r, line))
            elif r > r1:
                break
            r += 1
            continue
        # a 合计 row whose figures are unknown (=SUM cells a program saved without values) is no blank row
        blank = all(is_blank(line[i]) for i in tests) and not any(is_list_total(line[i]) for i in other_labels)
        if blank and r > r1:
            resume = _company_after_blank(data, r, name_at, tests, other_labels) if gaps else None
            if resume is None:
                break
            r = resume
            continue
        if not blank:
            _nameless_row(line, r, labels, (name_at, industry_at), (kept, numbers, total_rows))
        r += 1
    return ResidentTable(_columns(kept, cols), numbers, sheet, letters, _closing_total(total_rows, numbers, cols)), r


def _nameless_row(line: list[Any], r: int, labels: list[int], name_and_industry: tuple[int | None, int | None],
                  into: tuple[list[list[Any]], list[int], list[tuple[int, list[Any]]]]) -> None:
    """A row of the list that is not blank and names no company: a 合计 or 小计 row (kept apart; a 行业's 小计 may
    be labelled in 所属行业), the header again or a
    note whose words hold 计 (说明：…统计, left out), or a row with figures and no name (kept, to be reported). A
    name holding 计 comes here too (贵州会计服务有限公司): kept, a company."""
    kept, numbers, total_rows = into
    name_at, industry_at = name_and_industry
    if any(is_list_total(line[i]) for i in labels) or (    # a 行业's subtotal labelled in 所属行业, no name beside it
            industry_at is not None and is_list_total(line[industry_at])
            and (name_at is None or is_blank(line[name_at]))):
        total_rows.append((r, line))
    elif not repeats_header(line, name_at) and not _filler_label(line, labels):
        kept.append(line)
        numbers.append(r)


def _filler_label(line: list[Any], label_indices: list[int]) -> bool:
    """A row whose 序号 cell holds a line under the table ("填报园区/基地：" with the park typed beside it, in the
    企业名称 column): the row names no company."""
    for i in label_indices:
        label = line[i]
        if label.__class__ is str and label and (label[0] in _FILLER_FIRST or label[0].isspace()) and is_filler_line(label):
            return True
    return False


def _closing_total(total_rows: list[tuple[int, list[Any]]], numbers: list[int], cols: list[tuple[int, str]]
                   ) -> tuple[int, dict[str, Any]] | None:
    """The 合计 row under the last company, with its figures; None when there is none, or several (小计 rows
    between sections: which companies each sums cannot be told)."""
    closing = closing_total(total_rows, numbers)
    if closing is None:
        return None
    r, line = closing
    return r, {name: line[i] for i, name in cols if name in FIGURE_COLUMNS}


def _company_after_blank(data: list[list[Any]], blank: int, name_at: int | None, tests: list[int],
                         label_indices: list[int] = ()) -> int | None:
    """The row after the blank row ``blank`` (and any more blank rows) when it names a company, else None (a
    合计 or 填报人 line, a row without a name, or nothing within GAP_LOOKAHEAD rows: the list has ended). A 小计 or
    合计 row there (a 行业's subtotal left under a blank row) is where reading resumes when companies follow it
    (blank rows and more totals between): it is read as the total it is, and the 行业s under it are the list's; so is
    the list's own 合计 row left TOTAL_GAP blank rows at most under it, compared with its rows as SB_RESIDENTS does."""
    if name_at is None:
        return None
    total = None
    for r in range(blank + 1, min(len(data), blank + GAP_LOOKAHEAD) + 1):
        line = data[r - 1]
        name = line[name_at] if len(line) > name_at else None
        if isinstance(name, str) and not is_blank(name):
            labels = [i for i in label_indices if i < len(line)]
            if is_list_total(name) or any(is_list_total(line[i]) for i in labels):
                total = total or r
                continue
            if _names_company(name) and not _filler_label(line, labels):
                return total or r
            break
        if not all(is_blank(line[i]) for i in tests if i < len(line)):
            if any(isinstance(line[i], str) and is_list_total(line[i]) for i in tests if i < len(line)):
                total = total or r      # a 行业's 小计 labelled in 所属行业, no name beside it
                continue
            break
    return total if total is not None and total - blank <= TOTAL_GAP else None


def _columns(lines: list[list[Any]], cols: list[tuple[int, str]]) -> dict[str, tuple[Any, ...]]:
    """header → the column's values (None where a cell is missing), one transposition for all rows."""
    if not lines:
        return {name: () for _, name in cols}
    widest = max(map(len, lines))
    if any(len(line) != widest for line in lines):    # rows of different lengths (not calamine's): even them
        lines = [[*line, *[None] * (widest - len(line))] for line in lines]
    by_index = list(zip(*lines))
    return {name: by_index[i] for i, name in cols}
