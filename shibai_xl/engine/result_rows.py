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


def merge_rows(old: list[list[Any]], new: list[list[Any]]) -> ResultRows:
    """``new`` (the plan's rows) with what a person typed into and under ``old`` (the sheet from the first result
    row down, as it is now) kept: see the module's description."""
    n = 0
    while n < len(old) and is_result_row(old[n]):
        n += 1
    previous, under = old[:n], [list(r) for r in old[n:]]
    below = list(range(n, len(old)))
    while under and not any(map(_filled, under[-1])):
        under.pop()
        below.pop()
    rows = [list(r) for r in new]
    sources: list[int | None] = [None] * len(rows)
    taken: set[int] = set()       # the old rows found again
    done: set[int] = set()        # the new rows that found theirs
    for exact in (True, False):     # by 代码+位置; then a finding without a 位置 (a note typed there) by its 代码
        for i, row in enumerate(rows):
            if i in done:
                continue
            j = next((j for j, p in enumerate(previous) if j not in taken and _text(p[1]) == _text(row[1])
                      and (_text(p[3] if len(p) > 3 else None) == _text(row[3]) if exact else not _text(row[3]))),
                     None)
            if j is None:
                continue
            taken.add(j)
            done.add(i)
            old_row = previous[j]
            if not exact:           # the tool writes nothing in this 位置: what is there is the person's
                row[3] = old_row[3] if len(old_row) > 3 else None
            rows[i] = list(row) + _own(old_row)
            sources[i] = j
    gone = [j for j, p in enumerate(previous) if j not in taken and any(map(_filled, _own(p)))]
    out = ResultRows(rows, sources=sources)
    if gone:
        resolved = [list(previous[j]) for j in gone]
        title = next((k for k, r in enumerate(under) if r and _text(r[0]) == RESOLVED_TITLE), None)
        if title is None:
            under[:0], below[:0] = [[], [RESOLVED_TITLE]], [None, None]
            title = 1
        under[title + 1:title + 1], below[title + 1:title + 1] = resolved, gone
        out.said.append(f"上次检查列出的{len(resolved)}条问题本次已不再出现，你在其旁填写的内容已移到"
                        f"“已解决的问题”下")
    out.rows += under
    out.sources += below
    return out
