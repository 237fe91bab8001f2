"""The 校验结果 rows a check writes, and what a person typed around the previous check's rows kept with them.

The tool owns the 级别/代码/说明/位置 cells of its own rows, nothing else. A column a clerk added beside the results
(处理意见：已电话通知补正) stays on the row of the finding it was typed next to, found again by 代码+位置 (a finding
without a 位置, by its 代码); the clerk's text of a finding no longer there goes under “已解决的问题”, and that is said;
the lines typed under the results (审核人：张三) stay under them, moved up or down with the number of findings.
Pure data: the file writer and the add-ins write these rows alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..rules import Severity

RESOLVED_TITLE = "已解决的问题（上次检查列出、本次检查已不再出现；保留你在其旁填写的内容）"
_LABELS = {s.label for s in Severity}
_CODE = re.compile(r"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")
_OURS = 4     # 级别, 代码, 说明, 位置 (plan.RESULT_COLUMNS)


@dataclass
class ResultRows:
    rows: list[list[Any]] = field(default_factory=list)   # from the first result row down, as the sheet will hold
    said: list[str] = field(default_factory=list)         # Chinese: what was moved where
    # per row of ``rows``: the index in ``old`` of the row its person's cells came from (None: nothing of theirs),
    # for a writer that moves their cells' formats (a date) with them
    sources: list[int | None] = field(default_factory=list)
    at: list[int] = field(default_factory=list)           # per row of ``new``: its index in ``rows``
    results: tuple[int, int] = (0, 0)   # (in old, in rows): the rows of the results, lines between them included


def _filled(v: Any) -> bool:
    return v is not None and v != ""


def _text(v: Any) -> str:
    return str(v).strip() if _filled(v) else ""


def is_result_row(row: list[Any]) -> bool:
    """A row the last check wrote: a 级别 and a finding's 代码 in its first two cells."""
    return len(row) >= 2 and _text(row[0]) in _LABELS and bool(_CODE.match(_text(row[1])))


def _own(row: list[Any]) -> list[Any]:
    """A result row's cells a person typed: those right of the tool's four columns."""
    return list(row[_OURS:])


def _result_block(old: list[list[Any]]) -> int:
    """How many of ``old``'s rows are the last check's results: down to its last result row reached without an empty
    row, lines a person typed between two results (a row inserted under a finding: 已电话通知) included."""
    n = 0
    for k, row in enumerate(old):
        if is_result_row(row):
            n = k + 1
        elif not any(map(_filled, row)) or _text(row[0]) == RESOLVED_TITLE:
            break
    return n


def merge_rows(old: list[list[Any]], new: list[list[Any]]) -> ResultRows:
    """``new`` (the plan's rows) with what a person typed into, between and under ``old`` (the sheet from the first
    result row down, as it is now) kept: see the module's description. A line typed between two results follows
    the finding above it (into “已解决的问题” with it when it is gone); one above the first result stays first."""
    n = _result_block(old)
    at = [k for k in range(n) if is_result_row(old[k])]          # the old results' rows
    previous = [old[k] for k in at]
    lines = [list(range(k + 1, nxt)) for k, nxt in zip(at, [*at[1:], n])]   # per old result: the lines under it
    lead = list(range(at[0])) if at else []
    under = [list(r) for r in old[n:]]
    below = list(range(n, len(old)))
    while under and not any(map(_filled, under[-1])):
        under.pop()
        below.pop()
    rows = [list(r) for r in new]
    sources: list[int | None] = [None] * len(rows)
    taken: dict[int, int] = {}    # new row → the old result found again
    for exact in (True, False):     # by 代码+位置; then a finding without a 位置 (a note typed there) by its 代码
        for i, row in enumerate(rows):
            if i in taken:
                continue
            j = next((j for j, p in enumerate(previous) if j not in taken.values() and _text(p[1]) == _text(row[1])
                      and (_text(p[3] if len(p) > 3 else None) == _text(row[3]) if exact else not _text(row[3]))),
                     None)
            if j is None:
                continue
            taken[i] = j
            old_row = previous[j]
            if not exact:           # the tool writes nothing in this 位置: what is there is the person's
                row[3] = old_row[3] if len(old_row) > 3 else None
            rows[i] = list(row) + _own(old_row)
            sources[i] = at[j]
    out = ResultRows([list(old[k]) for k in lead], sources=list(lead))
    for i, row in enumerate(rows):
        out.at.append(len(out.rows))
        out.rows.append(row)
        out.sources.append(sources[i])
        for k in lines[taken[i]] if i in taken else []:
            out.rows.append(list(old[k]))
            out.sources.append(k)
    gone = [j for j in range(len(previous)) if j not in taken.values() and (any(map(_filled, _own(previous[j])))
                                                                            or lines[j])]
    if gone:
        resolved = [list(old[k]) for j in gone for k in (at[j], *lines[j])]
        kept = [k for j in gone for k in (at[j], *lines[j])]
        title = next((k for k, r in enumerate(under) if r and _text(r[0]) == RESOLVED_TITLE), None)
        if title is None:
            under[:0], below[:0] = [[], [RESOLVED_TITLE]], [None, None]
            title = 1
        under[title + 1:title + 1], below[title + 1:title + 1] = resolved, kept
        out.said.append(f"上次检查列出的{len(gone)}条问题本次已不再出现，你在其旁填写的内容已移到"
                        f"“已解决的问题”下")
    out.results = (n, len(out.rows))
    out.rows += under
    out.sources += below
    return out
