"""Which of a workbook's sheets holding the 附件4 table are the city's summary.

Clerks keep last round's 附件4 in the same workbook: the sheet copied ("项目汇总表 (2)", "5月") and hidden, the
shown one printed, stamped and sent. As for an application (a hidden “申报表（旧）” beside the shown one), the shown
sheet is the summary: a hidden (or very hidden) sheet holding the table beside a shown one with projects is not
read, and said with its projects' count (a hidden blank one needs no word) — never dropped unsaid. Only hidden
sheets holding it: all are read (the reader says they are hidden). Two shown sheets: both read (one per 项目类型).
"""
from __future__ import annotations

from collections.abc import Sequence

from .parse.text import one_line


def shown_over_hidden(sheets: Sequence[tuple[str, bool, int]]) -> tuple[list[str], list[str]]:
    """(the sheets to read, what to say of those not read), of ``sheets`` as (name, hidden, projects on it).

    >>> shown_over_hidden([("Sheet1", False, 2), ("5月", True, 3)])[0]
    ['Sheet1']
    >>> print(shown_over_hidden([("Sheet1", False, 2), ("5月", True, 3)])[1][0])  # doctest: +ELLIPSIS
    工作表“5月”（隐藏）是另一份项目汇总表，其中 3 个项目未读取；本次读取的是“Sheet1”表（显示、打印报送的那张）。...
    >>> shown_over_hidden([("封面", False, 0), ("Sheet1", True, 3)])
    (['封面', 'Sheet1'], [])
    """
    shown = [name for name, hidden, projects in sheets if not hidden and projects]
    if not shown or all(not hidden for _n, hidden, _p in sheets):
        return [name for name, *_ in sheets], []
    read = "、".join(f"“{one_line(s)}”" for s in shown)
    return [name for name, hidden, _p in sheets if not hidden], [
        f"工作表“{one_line(name)}”（隐藏）是另一份项目汇总表，其中 {projects} 个项目未读取；本次读取的是{read}表"
        f"（显示、打印报送的那张）。如果“{one_line(name)}”才是要报送的版本，请把它的内容改到{read}表，"
        "或删去不用的那张表" for name, hidden, projects in sheets if hidden and projects]
