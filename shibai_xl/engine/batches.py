"""A 批次 (a summary row's review batch) and a review round as people type them: one month, "2024-05".

The notice (一、申报时间 2024年4月-12月; 三、(三) 省级评审 5月、8月、12月) names the months; "2024年5月", "5月", "2024.5",
"202405" and "第一批" are one batch. Kept apart from :mod:`.review` so that a refresh given ``--batch`` reads it
without loading the review's engine.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..errors import BadOption
from ..rules import Rules, load
from .parse.dates import cn_to_digits, parse_month
from .parse.text import normalize

_CANONICAL = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")
_NTH_BATCH = re.compile(r"(?:(\d{4})\s*年度?\s*)?第\s*(\d{1,2})\s*(?:批次?|轮)")   # 第二批, 2024年第2批次, 第三轮


def batch_month(raw: Any) -> str:
    """A 批次 or round id as a month ("2024-05", "2024年5月", "2024.5", a date cell → "2024-05"; "第二批" the year
    file's second review month, "8月"); other text as typed (normalised), "" when blank.

    >>> batch_month("2024-05"), batch_month("２０２４-05"), batch_month("2024-13"), batch_month("2024年5月"), batch_month(None)
    ('2024-05', '2024-05', '2024-13', '2024-05', '')
    """
    if isinstance(raw, str) and _CANONICAL.fullmatch(raw):
        return raw                 # as the tool writes it (every row of a refreshed summary): nothing to read
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)             # 202405 typed into a cell is the number 202405.0
    text = normalize(raw).strip() if not isinstance(raw, (date, datetime)) else raw
    if text in ("", None):
        return ""
    if isinstance(text, str):
        text = cn_to_digits(text)      # 五月, 二〇二四年五月, 十二月份
        if (nth := _NTH_BATCH.fullmatch(text)) and 1 <= int(nth.group(2)) <= len(months := load().review_months):
            month = months[int(nth.group(2)) - 1]     # 第二批: the year's second review month (8月)
            return f"{nth.group(1)}-{month:02d}" if nth.group(1) else f"{month}月"
    p = parse_month(text)
    return f"{p.value:%Y-%m}" if p.ok else str(text)


_WHOLE_MONTH = re.compile(r"\d{4}-\d{2}")


def is_month(batch: str) -> bool:
    """A 批次 as :func:`batch_month` gives it that is a month of a year ("2024-05"): such batches compare as text.

    >>> is_month("2024-05"), is_month("5月"), is_month("")
    (True, False, False)
    """
    return _WHOLE_MONTH.fullmatch(batch) is not None


def same_batch(batch: str, wanted: str) -> bool:
    """A row's 批次 (as :func:`batch_month` gives it) is the round's: the same month, or one of the two written
    without its year ("5月" in a summary of one year, or ``--round 五月`` for the summary's 2024-05)."""
    if batch == wanted:
        return True
    return month_of(batch, wanted) or month_of(wanted, batch)


_BARE_MONTH = re.compile(r"(\d{1,2})\s*月(?:份)?")    # a 批次 written without its year


def in_year(batch: str, year: str) -> str:
    """A 批次 (as :func:`batch_month` gives it) as a month of ``year`` ("2024") when it is written without one:
    "5月" → "2024-05"; any other as it is."""
    m = _BARE_MONTH.fullmatch(batch)
    return f"{year}-{int(m.group(1)):02d}" if m and year and 1 <= int(m.group(1)) <= 12 else batch


# a round id written as a month (checked as a batch); any other text ("2024-05-七人", "第一轮复评") is a label
_MONTH_LIKE = re.compile(r"\d{4}\s*[-./年]\s*\d{1,2}(?:\s*月份?)?|\d{6}|\d{1,2}\s*月份?"
                         r"|(?:\d{4}\s*年度?\s*)?第\s*\d{1,2}\s*(?:批次?|轮)")


def batch_option(typed: str, option: str = "--batch", rules: Rules | None = None) -> str:
    """``--batch`` (or a ``--round`` written as a month) as typed → its month, "2024-05": "2024年5月", "5月", "2024.5",
    "202405", "第一批" are one batch. A month outside 一、申报时间 (2024年4月-12月) — "2024-13", last year's "2023-05" —
    or text that is no month at all is refused: it would become a 批次 no review round (三、(三), 5月、8月、12月)
    ever takes. A month between the review months ("2024-06") is taken as typed: its projects are the next round's
    (:func:`round_of_batch`, 三、(二) "在 5 月、8 月、12 月前报送").

    >>> batch_option("2024年5月"), batch_option("5月"), batch_option("第二批")
    ('2024-05', '2024-05', '2024-08')
    """
    rules = rules or load()
    month = in_year(batch_month(typed), str(rules.year))
    first, last = rules.common.application_window
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month) and first <= month <= last:
        return month     # a month between the review months (2024-06) is the next round's (round_of_batch)
    rounds = review_rounds_text(rules)
    example = first_batch(rules)    # a month the window takes: the first review round (2024-05)
    year, n = example.split("-")
    raise BadOption(f"{option} 的值“{typed}”无效：应为通知规定的申报时间（{rules.common.application_window_text}）内的月份，"
                    f"写成 {example}、{year}年{int(n)}月 或 {int(n)}月（省级评审在 {rounds}）")


def _round_months(rules: Rules) -> list[str]:
    """The year file's review rounds as months (三、(三) 5月、8月、12月 → "2024-05", "2024-08", "2024-12")."""
    return [f"{rules.year}-{n:02d}" for n in rules.review_months]


def review_rounds_text(rules: Rules | None = None) -> str:
    """The review rounds as people say them: "5月、8月、12月" (三、(三))."""
    return "、".join(f"{m}月" for m in (rules or load()).review_months)


def first_batch(rules: Rules | None = None) -> str:
    """The year file's first review round inside 一、申报时间 ("2024-05": 三、(三) 5月), else the window's first month."""
    rules = rules or load()
    first, last = rules.common.application_window
    return next((m for m in _round_months(rules) if first <= m <= last), first)


def round_at(now: date, rules: Rules | None = None) -> str | None:
    """The review round a summary sent at ``now`` goes to: the year file's first review month (三、(三) 5月、8月、12月)
    not before ``now``'s month, inside 一、申报时间 ("2024-06" → "2024-08"); None outside the year's window.

    >>> round_at(date(2024, 6, 3)), round_at(date(2024, 5, 20)), round_at(date(2025, 1, 2))
    ('2024-08', '2024-05', None)
    """
    rules = rules or load()
    first, last = rules.common.application_window
    month = f"{now:%Y-%m}"
    if not first <= month <= last:
        return None
    return next((m for m in _round_months(rules) if month <= m <= last), None)


def filled_after(filled: str, batch: str, rules: Rules | None = None) -> str:
    """"（填表时间2024年09月10日，属于 2024-12 的评审）" for an application filled (ISO text, to the day or the month)
    in a month after ``batch``, the review month its projects go to (notice 三、(三): 5月、8月、12月): that round was
    past when it was filled, and later rounds take their own 批次 only; "" otherwise.

    >>> filled_after("2024-09-10", "2024-05"), filled_after("2024-05-20", "2024-05"), filled_after("2024", "2024-05")
    ('（填表时间2024年09月10日，属于 2024-12 的评审）', '', '')
    """
    if len(filled or "") < 7 or not is_month(batch) or filled[:7] <= batch:
        return ""
    year, month = int(filled[:4]), int(filled[5:7])
    shown = f"{year}年{month:02d}月" + (f"{int(filled[8:10]):02d}日" if len(filled) >= 10 else "")
    goes_to = round_at(date(year, month, 1), rules)
    return f"（填表时间{shown}" + (f"，属于 {goes_to} 的评审）" if goes_to else "）")


def round_of_batch(batch: str, rules: Rules | None = None) -> str:
    """A 批次 (as :func:`batch_month` gives it) that is a month between the review months → the round its projects go
    to (三、(二) "在 5 月、8 月、12 月前报送": a June report is the August round's, "2024-06" → "2024-08"); any other as
    it is.

    >>> round_of_batch("2024-06"), round_of_batch("2024-05"), round_of_batch("2023-06"), round_of_batch("5月")
    ('2024-08', '2024-05', '2023-06', '5月')
    """
    if not is_month(batch):
        return batch
    return round_at(date(int(batch[:4]), int(batch[5:]), 1), rules) or batch


def round_option(typed: str, rules: Rules | None = None) -> str:
    """``--round`` as typed: written as a month, that month as :func:`batch_option` reads it ("5月" and "2024-05" are
    one round); any other text is the round's label, as typed."""
    text = cn_to_digits(normalize(typed).strip())
    return batch_option(typed, "--round", rules) if _MONTH_LIKE.fullmatch(text) else typed


def month_of(bare: str, dated: str) -> bool:
    """``bare`` is a month without its year ("5月") and ``dated`` that month of some year ("2024-05")."""
    m = _BARE_MONTH.fullmatch(bare)
    return bool(m) and len(dated) == 7 and dated[4] == "-" and int(m.group(1)) == int(dated[5:])
