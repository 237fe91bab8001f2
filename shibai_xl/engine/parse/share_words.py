"""A share as applicants type it: the question's words before it ("占比20%"), or in tenths ("三成", "两成半")."""
from __future__ import annotations

import re
from decimal import Decimal

from .cn_digits import CN_DIGITS

# the question's words before the share ("占比20%", "线上交易占营业收入的比例为35%"): dropped only before a figure
_SHARE_WORDS = re.compile(r"^(?:线上(?:交易)?)?(?:占比|所占比例|比例|比重|占营业收入(?:的)?(?:比例|比重)?|占)(?:为|达到?|是)?"
                          r"\s*(?=[\d一二两三四五六七八九百])")
_TENTHS = re.compile(r"^([1-9一二两三四五六七八九])成(半|[1-9一二三四五六七八九])?$")


def without_share_words(text: str) -> str:
    """The share without the question's words typed before it.

    >>> without_share_words("占比20%"), without_share_words("占比约60%"), without_share_words("比例百分之三十")
    ('20%', '占比约60%', '百分之三十')
    """
    return _SHARE_WORDS.sub("", text)


def in_tenths(text: str) -> Decimal | None:
    """The percentage of a share said in tenths (成), or None.

    >>> in_tenths("三成"), in_tenths("两成半"), in_tenths("二成五"), in_tenths("3成"), in_tenths("成")
    (Decimal('30'), Decimal('25'), Decimal('25'), Decimal('30'), None)
    """
    m = _TENTHS.match(text)
    return None if m is None else Decimal(_digit(m.group(1)) * 10 + _digit(m.group(2) or "零"))


def _digit(ch: str) -> int:
    return 5 if ch == "半" else int(ch) if ch.isdigit() else CN_DIGITS.index(ch.replace("两", "二"))
