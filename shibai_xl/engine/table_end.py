"""Where the tool's own summary table (sb_summary) ends, as its refresh and the province's merge both read it: its
合计 / 填报人 lines, the projects typed under them, the rows Excel took into it over them.

Pure rules on plain rows (each row's values in the table's columns by title), shared by
:class:`~shibai_xl.adapters.xlsx.summary_book.SummaryBook` and the merge's summary reader.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .summary_table import FILLER_LEADS, LABEL_COLUMNS, is_filler_line, plain, row_kind


def beyond_the_end(rows: list[dict[str, Any]]) -> set[int]:
    """The indexes of the projects among a table's rows (in sheet order) typed below its end: under a 合计 row or a
    填报人 / 注 line that follows projects, with no total under them — the city's printed 合计 and its refresh's 统计
    leave them out (:meth:`SummaryBook.outside_projects`, refresh exits 1 saying the merge counts them), so the
    province's merge, counting them, says so. A 小计 per county ("红花岗区合计") has projects and a total under it:
    no end; nor are totals typed over their projects (合计 under the header, 小计 heading each county's rows).

    >>> p, t, f = {"企业名称": "甲公司"}, {"序号": "小计"}, {"序号": "填报人：张三"}
    >>> sorted(beyond_the_end([p, t, p, {"序号": "合计"}, f, p])), sorted(beyond_the_end([p, t, p, t, {"序号": "合计"}]))
    ([5], [])
    >>> sorted(beyond_the_end([p, f, p, p])), sorted(beyond_the_end([f, p])), sorted(beyond_the_end([t, p, t, p, f, p]))
    ([2, 3], [], [5])
    """
    kinds = [row_kind(v) for v in rows]
    heads = next((k for k in kinds if k in ("project", "total")), "") == "total"    # totals over their projects
    last_total = -1 if heads else max((i for i, k in enumerate(kinds) if k == "total"), default=-1)
    out: set[int] = set()
    ended = projects = False
    for i, (kind, values) in enumerate(zip(kinds, rows)):
        if kind == "project":
            if ended and i > last_total:
                out.add(i)
            projects = True
        elif projects and ((kind == "total" and not heads) or any(isinstance(values.get(c), str) and plain(values[c]).startswith(
                FILLER_LEADS) for c in LABEL_COLUMNS)):
            ended = True
    return out


TOTAL_GAP = 2   # blank rows a clerk may leave between a table and the 合计 row or a project typed under it


def _typed(values: Mapping[str, Any]) -> bool:
    return any(v not in (None, "") for v in values.values())


def under_the_table(rows: Sequence[Mapping[str, Any]], end: int, totals_row: bool = False) -> tuple[int, list[int]]:
    """Where the tool's own table (sb_summary) ends, as its refresh and the province's merge both read it, and the
    projects typed further down. ``rows``: the sheet's rows from the first under the table's header, each its values
    in the table's columns by title; ``end``: the index of the table's last row by its range.

    A range reaching below its last filled row ends there; projects typed right under the table, or under a blank row
    or two (TOTAL_GAP) left between, are the table's (Excel did not extend it: a paste, LibreOffice) — not under a table
    whose last row is its 合计 (Excel extends the table over a 合计 typed under it; ``totals_row``: its own 汇总行) or a
    填报人 line, nor under a 合计 / 填报人 line the range reaches over (Excel extended it over each row typed under it):
    the printed 合计 leaves them out (README: 合计行或“填报人”行下面又手工录入的项目不在表格内). Returns the index
    of its last row so read and :func:`projects_under` it: under its 合计, a 填报人 line or any other row (a note in a
    column of the city's own), which neither the city's printed 合计 nor its refresh's 统计 counts — the refresh says
    them and exits 1, the merge counts them and says so; never a project left out silently.

    >>> p, t, f, b = {"企业名称": "甲公司"}, {"序号": "合计", "年度交易额（万元）": 9}, {"序号": "填报人：张三"}, {}
    >>> under_the_table([p, p, b, p, t, p], 1), under_the_table([p, b, b, b, p], 0), under_the_table([p, f, p], 0)
    ((3, [5]), (0, [4]), (0, [2]))
    >>> under_the_table([p, b, {"备注": "以下为补报"}, p], 0), under_the_table([p, p, b, b], 999)
    ((0, [3]), (1, []))
    >>> under_the_table([p, t, p], 1), under_the_table([p, f, b, p], 1), under_the_table([p, p, p], 1, totals_row=True)
    ((1, [2]), (1, [3]), (1, [2]))

    Excel extends a table over the row typed right under it: over the 合计, then over a project typed under that one.
    The range reaching over them, the table still ends at its 合计 (or 填报人) lines; a 小计 with projects and a
    合计 under it is no end, nor are lines with an application's row under them (:func:`stranded`):

    >>> under_the_table([p, t, p], 2), under_the_table([p, t, f, b, p, p], 5), under_the_table([p, t, p, t], 3)
    ((1, [2]), (2, [4, 5]), (3, []))
    >>> under_the_table([p, t, {"企业名称": "乙公司", "来源文件": "乙.xlsx"}], 2)
    (2, [])
    """
    typed = [_typed(r) for r in rows]
    end = min(end, max((i for i, t in enumerate(typed) if t), default=0))
    if totals_row or (end > 0 and _closing(rows[end])):
        return end, projects_under(rows, end)
    inside = stranded(rows, end)   # Excel extended the table over a 合计, then over a project typed under it
    if inside and not any(rows[i].get("来源文件") for i in inside):
        end = max(i for i in range(min(inside)) if typed[i])    # the 合计 / 填报人 lines: the table's end
        return end, projects_under(rows, end)
    i = end + 1
    while i < len(rows) and i - end <= TOTAL_GAP + 1:
        if typed[i]:
            if row_kind(rows[i]) != "project":
                break
            end = i
        i += 1
    return end, projects_under(rows, end)


def stranded(rows: Sequence[Mapping[str, Any]], end: int) -> set[int]:
    """The projects among a table's rows ``rows[:end + 1]`` under a 合计 / 填报人 line of the table with no total under
    them (:func:`beyond_the_end`): typed by hand, they are out of the table (:func:`under_the_table`); an application's
    (a 来源文件: an earlier version's refresh put new rows under a 填报人 line the table ended with) stay in it, counted,
    and the refresh says the 合计 above leaves them out. A 合计 right under the table (typed where Excel did not
    extend it, TOTAL_GAP blank rows at most between) sums the rows over it: a 注 / 说明 line a clerk inserted among the
    projects ends nothing then.

    >>> p, n, t = {"企业名称": "甲公司"}, {"企业名称": "注：以下为补报项目"}, {"序号": "合计"}
    >>> sorted(stranded([p, n, p], 2)), sorted(stranded([p, n, p, {}, t], 2)), sorted(stranded([p, n, p, p, t], 2))
    ([2], [], [2])
    """
    below = next((i for i in range(end + 1, min(len(rows), end + TOTAL_GAP + 2)) if _typed(rows[i])), None)
    last = below if below is not None and row_kind(rows[below]) == "total" else end
    return {i for i in beyond_the_end(list(rows[:last + 1])) if i <= end}


def _closing(values: Mapping[str, Any]) -> bool:
    """A 合计 row or a 填报人 / 注 line: a table's end, nothing typed under it is its row."""
    return row_kind(values) == "total" or any(is_filler_line(values.get(c)) for c in LABEL_COLUMNS)


def table_foot(rows: Sequence[Mapping[str, Any]], end: int) -> int | None:
    """The index of the first of the 合计 / 填报人 / 其中 lines that close a table's rows ``rows[:end + 1]`` (its last
    rows: no project under them), where new projects go, the lines staying last; None when its last row is a project
    or the lines stand first (a 合计 over the projects, or a table with no project yet).

    >>> p, t, f, b = {"企业名称": "甲公司"}, {"序号": "合计"}, {"序号": "填报人：张三"}, {}
    >>> table_foot([p, t, f], 2), table_foot([p, b, f, b], 3), table_foot([p, t, p], 2), table_foot([t, f], 1)
    (1, 2, None, None)
    """
    foot = None
    for i in range(min(end, len(rows) - 1), -1, -1):
        if _typed(rows[i]) and row_kind(rows[i]) == "project":
            return foot
        if _typed(rows[i]) and _closing(rows[i]):
            foot = i
    return None   # no project above the lines


def projects_under(rows: Sequence[Mapping[str, Any]], end: int) -> list[int]:
    """The indexes of the projects among ``rows`` below the one at ``end`` (the table's last row, or its 合计 row)."""
    return [i for i in range(end + 1, len(rows)) if _typed(rows[i]) and row_kind(rows[i]) == "project"]
