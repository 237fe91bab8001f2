"""What a city changed in a project the province table had from it (a corrected amount, a new 联系人): said at the
merge, so that a clerk who read, reviewed or printed the earlier figures knows which rows now say otherwise."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...engine.fmt import fmt
from ...engine.parse.text import one_line
from .summary_rows import same_in

# the 附件4 columns whose change is said with its values; 业绩, a paragraph, is said changed without them
SHOWN = ("县区", "企业地址", "项目类型", "企业性质", "联系人", "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分")
LONG = "企业运营情况及主要业绩"


def _shown(value: Any) -> str:
    """A number as typed, a text quoted on one line (“空白” for none)."""
    return fmt(value) if isinstance(value, (int, float)) else f"“{one_line(str(value or '')) or '空白'}”"


def city_changes(now: Mapping[str, Any], last: Mapping[str, Any]) -> str:
    """The columns of a city's row that differ from what the tool wrote from it last time (``last``, the state; a
    column it has not recorded is not compared), as “联系人“张三”→“王五”，年度交易额（万元）8000→8500”; '' when none.

    >>> city_changes({"年度交易额（万元）": 8500, "联系人": "王五", "电话": "1"}, {"年度交易额（万元）": 8000, "联系人": "张三"})
    '联系人“张三”→“王五”，年度交易额（万元）8000→8500'
    >>> city_changes({"年度交易额（万元）": "8,000", LONG: "新"}, {"年度交易额（万元）": 8000, LONG: "旧"})
    '企业运营情况及主要业绩有修改'
    """
    said = [f"{c}{_shown(last[c])}→{_shown(now.get(c))}" for c in SHOWN
            if c in last and not same_in(c, now.get(c), last[c])]
    return "，".join(said + [f"{LONG}有修改"] * (LONG in last and not same_in(LONG, now.get(LONG), last[LONG])))
