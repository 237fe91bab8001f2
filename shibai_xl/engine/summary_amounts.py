"""The amounts and numbers of a 项目汇总表 (附件4) as every total counts them: 万元 from what a clerk types ("8,000",
"3.5亿元", "3000万以上"), the marks of an amount a project does not have ("/", "—", 不涉及), numbers typed as text.

>>> number_value("8,000"), number_value("约8000")
(8000, '约8000')
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .findings import Finding, make
from .fmt import fmt
from .parse.number import parse_amount
from .summary import APPLICATION_SIDES, LEFT_BLANK, LEFT_BOUND, amount_figure
from .summary_table import plain

_PLAIN_NUMBER = re.compile(r"^[+]?[\d,，.\s]+$")


def amount_in_wan(raw: Any) -> float | None:
    """An amount cell of a summary as every total counts it, in 万元 ("8,000", "3.5亿元", 8000); None for a blank
    and for what cannot be read ("约六千万", a negative), which no total counts."""
    p = parse_amount(raw, "万元")
    wan = float(p.value) if p.ok and p.value is not None else None
    return wan if wan is None or math.isfinite(wan) else None   # 400 digits typed: past any float, no total counts it


# what a clerk types into an amount a project does not have (a team's 年度网络零售额): an empty cell, not an amount
# nobody can read (“约六千万”), which would leave a total incomplete until the city sent its table again
NO_AMOUNT_MARKS = frozenset({"/", "-", "—", "——", "–", "－", "不涉及", "不适用"})


# any run of dashes or slashes typed for “not applicable” (“--” in ASCII, “————”, “//”), as “—” and “/” are
_NO_AMOUNT_RUN = re.compile(r"[-—–－/／]+")


def no_amount(raw: Any) -> bool:
    """A blank amount cell of a summary, or one marked as not applicable (“/”, “—”, “--”).

    >>> [no_amount(v) for v in (None, "", " / ", "——", "－", "不涉及", "无", 0, "约六千万", "--", " — — ", "//", "-5")]
    [True, True, True, True, True, True, False, False, False, True, True, True, False]
    """
    if raw is None:
        return True
    return isinstance(raw, str) and (not raw.strip() or (t := plain(raw)) in NO_AMOUNT_MARKS
                                     or bool(_NO_AMOUNT_RUN.fullmatch(t)))


def bound_in_wan(raw: Any, unit: str = "万元") -> float | None:
    """An amount cell typed as its lower bound ("3000万以上", "超过3000万元") as that bound in 万元, which a total counts
    saying so (≥); None for any other cell. ``unit``: the column's (a bare "30000000以上" under a 元 title).

    >>> bound_in_wan("3000万以上"), bound_in_wan("0.3亿多"), bound_in_wan(3000), bound_in_wan("约3000万")
    (3000.0, 3000.0, None, None)
    >>> bound_in_wan("30000000以上", "元"), bound_in_wan("3000万以上", "元")
    (3000.0, 3000.0)
    """
    if not isinstance(raw, str):
        return None
    p = parse_amount(raw, unit, bounds=True)
    return float(p.value) if p.ok and p.bound else None


def bounds_in_wan(columns: dict[str, Any], where: str) -> list[str]:
    """The amounts of a row typed as lower bounds ("3000万以上" in a city's own 附件4) replaced by their bound in 万元,
    as refresh writes an application's; the notes saying so (:func:`engine.summary.bound_note`)."""
    from .summary import AMOUNT_COLUMNS, bound_note

    notes = []
    for c in AMOUNT_COLUMNS:
        low = bound_in_wan(columns.get(c))
        if low is not None:
            notes.append(bound_note(c, columns[c], where))
            columns[c] = int(low) if low.is_integer() else low
    return notes


def unreadable_amount(raw: Any) -> bool:
    """An amount cell no total can count: neither blank (nor marked not applicable) nor readable ("约六千万"), nor a
    lower bound ("3000万以上", counted as such)."""
    return not no_amount(raw) and amount_in_wan(raw) is None and bound_in_wan(raw) is None


def no_figure(value: Any) -> bool:
    """A number cell whose file says NaN or inf (no spreadsheet writes it, an export script may): no figure any total
    or mean counts, nor one a cell of the province table can hold; kept as its text."""
    return isinstance(value, float) and not math.isfinite(value)


def number_value(value: Any) -> Any:
    """A number typed as text ('8,000', ' 1 200 ') as a number; anything else unchanged (NaN, inf: as text)."""
    if no_figure(value):
        return str(value)
    if not isinstance(value, str) or not _PLAIN_NUMBER.match(value.strip()):
        return value
    p = parse_amount(value, "万元")
    if not p.ok or p.value is None or not math.isfinite(float(p.value)):   # 400 digits: no cell holds it, as typed
        return value
    return int(p.value) if p.value == p.value.to_integral_value() else float(p.value)


def typed_over_note(note: str, problems: Iterable[str], column: str, typed: Any, expected: Any,
                    sides: tuple[str, str]) -> tuple[set[str], Finding] | None:
    """A figure a person typed into the summary's amount, kept, that makes parts of the row's ``note`` or of its
    ``problems`` (their texts) untrue: the amount left blank (a date typed into the application, a number no cell
    holds: 未计入合计 — the totals count the figure now), the amount written as a lower bound (“3000万以上”: the exact
    figure typed as the note asked — no total is "≥" for it any more), or in the province's table a city's amount
    blank or typed as words (“约六千万”) said 未计入合计. Those parts, and the XC_SUMMARY_MISMATCH said instead; None
    when nothing of ``column`` is untrue (a mismatch of the usual kind). ``sides``: what the summary and its source
    are called.

    >>> from .summary import bound_note, date_note
    >>> ours, dated = ("汇总表", "申报表"), date_note("年度交易额（万元）", "2024-05-01")
    >>> typed_over_note(dated, [], "年度交易额（万元）", 52000, None, ours)[1].detail
    '年度交易额（万元）汇总表为52000，申报表填的是日期（2024-05-01），不是金额，合计按汇总表所填计入'
    >>> typed_over_note(dated, [], "年度网络零售额（万元）", 800, None, ours) is None
    True
    >>> typed_over_note(bound_note("年度交易额（万元）", "3000万以上"), [], "年度交易额（万元）", 3500, 3000, ours)[1].detail
    '年度交易额（万元）汇总表为3500，申报表填写“3000万以上”（下限数字），合计按汇总表所填计入'
    >>> [typed_over_note(bound_note("年度交易额（万元）", "3000万以上"), [], "年度交易额（万元）", t, 3000, ours)
    ...  for t in ("3000万以上", "3000", "超过3500万")]
    [None, None, None]
    >>> blank = "年度交易额（万元）空白，未计入合计（请市（州）补填后重新报送）"
    >>> parts, m = typed_over_note(dated, [blank], "年度交易额（万元）", 52000, None, ("全省表", "市（州）汇总表"))
    >>> parts == {dated, blank}
    True
    >>> m.detail
    '年度交易额（万元）全省表为52000，市（州）汇总表空白（申报表填的是日期（2024-05-01），不是金额），合计按全省表所填计入'
    """
    if typed in (None, ""):
        return None
    ours, theirs = sides
    p = parse_amount(typed, "万元", bounds=True)
    shown = fmt(p.value) if p.ok and not p.bound else f"“{typed}”"
    counted = f"合计按{ours}所填计入" if p.ok else "未计入合计"
    want = amount_figure(expected)
    parts, said = set(), ""
    if sides != APPLICATION_SIDES and want is None and p.ok:   # the city's blank or words: said 未计入合计
        parts = {t for t in problems if t.startswith(column) and "，未计入合计" in t}
        said = f"{theirs}空白" if expected in (None, "") else f"{theirs}为“{expected}”"
    for part in note.split("；"):
        found = LEFT_BLANK.match(part) or LEFT_BOUND.match(part)
        if not found or found.group(1) != column[:-4]:
            continue
        if found.re is LEFT_BLANK and want is None:
            said = f"{theirs}{found.group(2)}" if sides == APPLICATION_SIDES else f"{theirs}空白（申报表{found.group(2)}）"
        elif found.re is LEFT_BOUND and want is not None and p.ok and not p.bound and abs(p.value - want) > Decimal("0.5"):
            where, bound = found.group(2), found.group(3)
            said = f"{theirs}填写“{bound}”（下限数字）" if where == theirs else \
                f"{theirs}为{fmt(want)}（{where}填写“{bound}”，下限数字）"
        else:
            continue
        parts.add(part)
        break
    if not parts:
        return None
    return parts, make("XC_SUMMARY_MISMATCH", field=column, detail=f"{column}{ours}为{shown}，{said}，{counted}")

