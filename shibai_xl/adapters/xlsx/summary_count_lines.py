"""The number of projects a clerk typed on the 合计 row or a line under it (“合计：3个项目”, “以上共3项”), against the
projects the table holds: a refresh adds and withdraws rows, never the clerk's words — a count left behind is said."""
from __future__ import annotations

from ...engine.summary_counts import stated_count
from ...engine.summary_table import LABEL_COLUMNS, WHOLE, total_reach
from .summary_book import UNDER_TOTAL_LINES, SummaryBook


def stale_counts(book: SummaryBook) -> list[str]:
    """The count a 合计 row or a line under it states (“合计：3个项目”, “以上共3项”, typed by hand) against the projects
    the table now holds above it (withdrawn ones either way): a project added or a row lost since it was typed is
    said, the label left as the clerk wrote it (the refresh recomputes the sums, not a person's words)."""
    start = book.subtotals or book.total_row or book.foot
    if start is not None:
        lines = range(start, min(start + UNDER_TOTAL_LINES, book.ws.max_row) + 1)
    elif (top := book.top_total()) is not None:   # the 合计 typed over the projects: its own line
        lines = range(top, top + 1)
    else:
        return []
    projects = book.project_rows()
    counts = {len(projects), sum(1 for r in projects if not book.withdrawn(r))}
    out = []
    for r in lines:
        labels = {c: book.get(r, c) for c in LABEL_COLUMNS}
        said = stated_count(labels) if total_reach(labels) == WHOLE else None
        if said is not None and said not in counts:
            out.append(f"第{r}行写明“{'，'.join(str(v).strip() for v in labels.values() if v not in (None, ''))}”，"
                       f"表中现有 {len(projects)} 个项目" + (f"（其中已撤回 {len(projects) - min(counts)} 个）"
                                                       if len(counts) > 1 else "")
                       + "：请核对是否漏填或重复填写了项目，并改正这一行的项目数")
    return out

