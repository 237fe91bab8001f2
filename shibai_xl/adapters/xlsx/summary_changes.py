"""What a city changed in a project the province table had from it (a corrected amount, a new 联系人), or an applicant
in the form a city's summary had: said at the merge or refresh, so that a clerk who read, reviewed, scored or printed
the earlier figures knows which rows now say otherwise."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...engine.fmt import fmt
from ...engine.parse.text import one_line, said_name
from ...engine.summary import SummaryRecord
from ...engine.summary_table import SCOPE_COLUMN
from ...rules import Status
from .summary_rows import same_in

# the 附件4 columns whose change is said with its values; 业绩, a paragraph, is said changed without them
SHOWN = ("县区", "企业地址", "项目类型", "企业性质", "联系人", "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分")
LONG = "企业运营情况及主要业绩"
STATUS = "前置条件"   # the tool's verdict, recorded by the state of a city's summary


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


def row_changes(rec: SummaryRecord, scope: str, last: Mapping[str, Any], cells: Mapping[str, Any],
                columns: tuple[str, ...]) -> str:
    """“企业名称（where：what changed）” of a row whose record now gives other data than the tool wrote from it last time
    (:func:`city_changes`), '' when none. ``columns``: the data columns — with 报送市州, the province's row, where is its
    city; else a city's row (``cells``: its values before this refresh), where is its application's file: a column a
    person typed over since is kept, not updated, so not said; its 前置条件 said too when it changed, and the 市州评分
    typed on it was given on the figures before the change: said, to be looked at again.

    >>> rec = SummaryRecord("team.xlsx", "k", "team", {"企业名称": "甲", "年度交易额（万元）": 950}, "达标", 90, [])
    >>> row_changes(rec, "", {"年度交易额（万元）": 800}, {"年度交易额（万元）": 800, "市州评分": 85}, ())
    '甲（team.xlsx：年度交易额（万元）800→950；这一行已填的市州评分85是按改动前的数据填写的，请复核）'
    >>> row_changes(rec, "遵义市", {"年度交易额（万元）": 800}, {"年度交易额（万元）": 800}, (SCOPE_COLUMN,))
    '甲（遵义市：年度交易额（万元）800→950）'
    >>> row_changes(rec, "", {"年度交易额（万元）": 800}, {"年度交易额（万元）": 1000}, ())   # typed over: kept
    ''
    >>> row_changes(rec, "", {"年度交易额（万元）": 950, "前置条件": "待定"}, {}, ())
    '甲（team.xlsx：前置条件待定→达标）'
    >>> row_changes(rec, "", {"年度交易额（万元）": 950, "前置条件": "已撤回"}, {}, ())   # a person's mark taken off
    ''
    """
    if SCOPE_COLUMN in columns:
        changed = city_changes(rec.columns, last)
        return f"{said_name(rec.columns.get('企业名称'))}（{scope or '未识别市州'}：{changed}）" if changed else ""
    changed = city_changes(rec.columns, {c: v for c, v in last.items() if c not in cells or same_in(c, cells[c], v)})
    was, now = last.get(STATUS), str.__str__(rec.status)   # the verdict at the last refresh (its state; not 已撤回)
    flipped = was in Status.verdicts() and now in Status.verdicts() and was != now
    changed = "，".join(x for x in ([f"{STATUS}{was}→{now}"] if flipped else []) + [changed] if x)
    if not changed:
        return ""
    score = cells.get("市州评分")
    typed = "" if score in (None, "") else f"；这一行已填的市州评分{_shown(score).strip('“”')}是按改动前的数据填写的，请复核"
    return f"{said_name(rec.columns.get('企业名称')) or rec.file}（{rec.file}：{changed}{typed}）"
