"""A city's own count line and 合计 row (“以上共4项”, “合计：4个项目”, 合计 with its sums) against the projects read
from its table: a row lost in reading or typed twice is said, never passed silently.

Pure rules on plain rows (each row's values by contract name, amounts in 万元 as the totals read them, "_row" its
1-based row), for the merge's reading of a city summary.

>>> stated_count({"序号": "以上共4项"}), stated_count({"企业名称": "合计（园区1个，企业2个）"}), stated_count({"序号": "合计"})
(4, 3, None)
>>> stated_count({"序号": "共3个项目，其中园区2个"}), stated_count({"序号": "合计：12家企业"})
(3, 12)
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from .fmt import fmt
from .row_marks import row_withdrawn
from .summary import AMOUNT_COLUMNS
from .summary_amounts import amount_in_wan, bound_in_wan, no_amount
from .summary_table import BARE, LABEL_COLUMNS, WHOLE, plain, total_reach

_COUNT = re.compile(r"(共)?(\d+)(?:家|个|户|项)")
TOLERANCE = 0.5   # 万元: a 合计 typed rounded to the 万元 still agrees; a lost project's amount does not


def stated_count(values: Mapping[str, Any]) -> int | None:
    """How many projects a total row's label cells say it sums: “共N…” first, else the counts it names added up
    (“园区1个，企业2个”); None when it names none."""
    counts = [m for c in LABEL_COLUMNS for m in _COUNT.finditer(plain(values.get(c)))]
    said = next((int(m.group(2)) for m in counts if m.group(1)), None)
    return said if said is not None or not counts else sum(int(m.group(2)) for m in counts)


def _label(values: Mapping[str, Any]) -> str:
    return "，".join(str(v).strip() for c in LABEL_COLUMNS if isinstance(v := values.get(c), str) and v.strip())


def count_doubts(projects: Sequence[Mapping[str, Any]], totals: Sequence[Mapping[str, Any]],
                 nameless: Sequence[int] = (), where: str = "", hidden: Collection[int] = ()
                 ) -> tuple[list[str], list[str]]:
    """What a city's whole-table total rows (``totals``: its 合计 and count lines; a bare 小计 where it has no 合计)
    say that the rows of one sheet read (``projects``, ``nameless``: the rows of projects typed without a name)
    contradict: the count, each amount. A total counts the rows above it (the rows under it when it stands over
    them); withdrawn rows may be in it or not, either agrees. ``where``: "“基地”表" when the city has several sheets.
    Returns (what contradicts the rows, what only a note says): a 合计 that is the sum of the amounts typed as numbers
    (its SUM leaves "1.5亿", "12,000.50" typed as text out, which every total here counts) is the second, and so is
    one that is the sum of the rows shown (``hidden``: the sheet's hidden rows, which a SUBTOTAL leaves out).

    >>> p = [{"_row": 3, "年度交易额（万元）": 2000}, {"_row": 4, "年度交易额（万元）": 1000}]
    >>> count_doubts(p, [{"_row": 5, "序号": "合计：3个项目", "年度交易额（万元）": 3000}])[0]
    ['第5行“合计：3个项目”写明共 3 项，本工具在表中读到 2 项']
    >>> count_doubts(p, [{"_row": 5, "序号": "合计", "年度交易额（万元）": 2500}])[0]
    ['第5行“合计”的年度交易额合计 2500 万元，本工具读到的各行之和 3000 万元']
    >>> count_doubts(p, [{"_row": 5, "序号": "合计", "年度交易额（万元）": 3000}, {"_row": 6, "序号": "以上共2项"}])
    ([], [])
    >>> count_doubts([*p, {"_row": 7, "年度交易额（万元）": 500}], [{"_row": 5, "序号": "小计", "年度交易额（万元）": 3000},
    ...                                                    {"_row": 8, "序号": "小计", "年度交易额（万元）": 500}])
    ([], [])
    >>> count_doubts(p, [{"_row": 5, "序号": "合计", "年度交易额（万元）": 2000}], hidden={4})[1]
    ['第5行“合计”的年度交易额合计 2000 万元不含隐藏的行（SUBTOTAL 不计隐藏行），各行之和 3000 万元已全部计入']
    >>> text = {"_row": 5, "年度交易额（万元）": "1.5亿"}
    >>> count_doubts([*p, text], [{"_row": 6, "序号": "合计", "年度交易额（万元）": 3000}])[1]
    ['第6行“合计”的年度交易额合计 3000 万元不含以文本形式填写的金额（SUM 公式不计入文本），各行之和 18000 万元已全部计入']
    """
    rows, bare = [p["_row"] for p in projects if not p.get("_below")], [t for t in totals if total_reach(t) == BARE]
    # bare 小计 rows between projects (a type's, the next type's rows under it) each sum a section, the last one too
    sections = any(min(rows) < t["_row"] < max(rows) for t in bare) if rows else False
    whole = [t for t in totals if total_reach(t) == WHOLE] or ([] if sections else bare)
    out: list[str] = []
    notes: list[str] = []
    for total in whole:
        row = total["_row"]
        above = [p for p in projects if p["_row"] < row and not p.get("_below")]
        covered = above or [p for p in projects if p["_row"] > row]
        unnamed = [r for r in nameless if (r < row) == bool(above)]
        live = [p for p in covered if not row_withdrawn(p)]
        label = f"{where}第{row}行“{_label(total)}”"
        said = stated_count(total)
        read = {n + k for n in (len(covered), len(live)) for k in {0, len(unnamed)}}   # a row without a name: said
        if said is not None and said not in read:
            out.append(f"{label}写明共 {said} 项，本工具在表中读到 {len(covered) + len(unnamed)} 项"
                       + (f"（其中已撤回 {len(covered) - len(live)} 项）" if len(live) < len(covered) else "")
                       + (f"（其中缺企业名称 {len(unnamed)} 项）" if unnamed else ""))
        for column in AMOUNT_COLUMNS:
            stated = amount_in_wan(total.get(column))
            sums = [_sum(covered, column), _sum(live, column)]
            if stated is None or None in sums or unnamed:
                continue    # an amount nobody can read, a row without its name: said already, no sum to compare
            if all(abs(stated - s) > TOLERANCE for s in sums):
                typed = f"{label}的{column[:-4]}合计 {fmt(stated)} 万元"
                shown = [p for p in live if p["_row"] not in hidden]
                if any(abs(stated - s) <= TOLERANCE for s in (_sum(covered, column, True), _sum(live, column, True))):
                    notes.append(f"{typed}不含以文本形式填写的金额（SUM 公式不计入文本），各行之和 {fmt(sums[1])} 万元已全部计入")
                elif hidden and abs(stated - (_sum(shown, column) or 0.0)) <= TOLERANCE:
                    notes.append(f"{typed}不含隐藏的行（SUBTOTAL 不计隐藏行），各行之和 {fmt(sums[1])} 万元已全部计入")
                else:
                    out.append(f"{typed}，本工具读到的各行之和 {fmt(sums[1])} 万元")
    return out, notes


def _sum(rows: Sequence[Mapping[str, Any]], column: str, numbers: bool = False) -> float | None:
    """The rows' amounts in ``column`` added up as the totals count them (a lower bound as its bound); None when one
    of them cannot be read. ``numbers``: only those typed as numbers, as a spreadsheet's SUM adds them."""
    total = 0.0
    for r in rows:
        raw = r.get(column)
        if no_amount(raw) or (numbers and isinstance(raw, str)):
            continue
        n = amount_in_wan(raw)
        n = bound_in_wan(raw) if n is None else n
        if n is None:
            return None
        total += n
    return total
