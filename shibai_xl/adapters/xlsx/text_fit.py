"""How tall a row must be for its wrapped text: LibreOffice and WPS print a row at its stored height, so a
long wrapped message in a row of one line's height runs over the rows below it."""
from __future__ import annotations

import re
from functools import lru_cache

DEFAULT_WIDTH, LINE_HEIGHT = 8.43, 14.5   # Excel's default column width; one line of 11-point CJK text

_NARROW = re.compile("[\x00-\u2e80]+")   # characters a line holds two of for each CJK one


@lru_cache(maxsize=4096)   # the same 指标 and 理由 texts recur for every project and expert
def text_lines(text: str, width: float, small: bool = False) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (CJK characters count double).

    >>> text_lines("贵州甲公司 Ltd", 10), text_lines("a" * 18, 10), text_lines("", 10)
    (2, 2, 1)
    """
    text = text or ""
    units = len(text) + len(_NARROW.sub("", text))   # a wide character once more: counted in C, not per character
    per_line = max(1.0, width * (1.25 if small else 1.0) - 1)
    return max(1, int(-(-units // per_line)))


def row_height(lines: int) -> float:
    """The height (points) of a row showing ``lines`` lines of wrapped text."""
    return lines * LINE_HEIGHT + 3
