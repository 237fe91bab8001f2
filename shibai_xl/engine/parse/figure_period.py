"""The 统计期 typed with a figure, in brackets after or before it or as its label: "1200万元（2023.1-2023.12）",
"(2023.1-2023.12)1200万元", "2023年：1200万元". The figure is read without it (number.py) and the period compared with
the form's (eligibility.py, FIELD_PERIOD).

>>> without_period("1200万元(2023.1-2023.12)"), without_period("2023年度1000万元"), without_period("520万元(抖音)")
(('1200万元', '2023.1-2023.12'), ('1000万元', '2023年度'), ('520万元(抖音)', ''))
>>> months_of("2022年"), months_of("统计期2023.4-2024.3")[1], months_of("抖音"), months_of("")
((datetime.date(2022, 1, 1), datetime.date(2022, 12, 1)), datetime.date(2024, 3, 1), None, None)
"""
from __future__ import annotations

import re
from datetime import date

from .dates import parse_period

# the 统计期 the figure is for, typed in brackets after or before it or as its label ("1200万元（2023.1-2023.12）",
# "(2023.1-2023.12)1200万元", "2023年1月-2023年12月：1200万元"), as the form prints "(202x年x月-202x年x月)年度交易额":
# a remark, no range of figures (a period of words, "（2023年1月-2023年12月）", is a remark of words anyway)
# the period may hold brackets of its own, one level ("（2023年度（1-12月））": the months the year is)
_IN = r"[^()\[\]【】]*"
_SAID = rf"((?=[^)\]】]*\d){_IN}(?:[(\[【]{_IN}[)\]】]{_IN})?)"   # with a digit before its first closing bracket
_PERIOD_AFTER = re.compile(rf"^(.*[^\s(\[【])\s*[(\[【]{_SAID}[)\]】]$")
_PERIOD_BEFORE = re.compile(rf"^[(\[【]{_SAID}[)\]】]\s*(.*\S)$")
_PERIOD_LABEL = re.compile(r"^([^:]*\d[^:]*):\s*(.*\S)$")
_PERIOD_WORDS = re.compile(r"^(?:统计期间?|统计周期|统计时间|期间)\s*:?\s*")
# the year alone a figure is for, as its label, right before it or in brackets after it ("2023年：1000万元",
# "2023年度1000万元", "1000万元（2023年）"): a bare "2023年" is no 统计期 of its own (dates.WHOLE_YEAR), but with a
# figure it names the year the figure is for (no second figure: "3000万以上(2023年)" is the bound of 2023)
_YEAR_LABEL = re.compile(r"^(?:19|20)\d\d\s*(?:年\s*度?)?$")
_YEAR_BEFORE = re.compile(r"^((?:19|20)\d\d\s*年\s*度?)\s*(\d.*)$")


def without_period(text: str) -> tuple[str, str]:
    """(the figure's text, the statistics period typed with it or "")."""
    for pattern, figure, said in ((_PERIOD_AFTER, 1, 2), (_PERIOD_BEFORE, 2, 1), (_PERIOD_LABEL, 2, 1),
                                  (_YEAR_BEFORE, 2, 1)):
        m = pattern.match(text)
        period = _PERIOD_WORDS.sub("", m.group(said).strip()) if m else ""
        if m and _YEAR_LABEL.match(period):
            return m.group(figure).strip(), m.group(said).strip()
        ends = parse_period(period) if m else None
        if ends and all(end.ok for end in ends):
            return m.group(figure).strip(), m.group(said).strip()
    return text, ""


def months_of(said: str) -> tuple[date, date] | None:
    """The first and last months of a period typed with a figure (:func:`without_period`'s second part), or None
    (none typed, or words no months can be read from)."""
    said = _PERIOD_WORDS.sub("", said)
    if _YEAR_LABEL.match(said):
        return date(int(said[:4]), 1, 1), date(int(said[:4]), 12, 1)
    ends = parse_period(said) if said else None
    return (ends[0].value, ends[1].value) if ends and all(end.ok for end in ends) else None
