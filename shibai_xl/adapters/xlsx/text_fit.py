"""How tall a row must be for its wrapped text: LibreOffice and WPS print a row at its stored height, so a
long wrapped message in a row of one line's height runs over the rows below it."""
from __future__ import annotations

import re
from functools import lru_cache

DEFAULT_WIDTH, LINE_HEIGHT = 8.43, 14.5   # Excel's default column width; one line of 11-point CJK text
BODY_SIZE = 11
MAX_ROW_HEIGHT = 409.0   # points: Excel's and WPS's tallest row; a taller one is cut there, on screen and on paper
SMALL_SIZE = 8           # the type a text too long for that row is set in: about twice as much shows, still readable

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


def row_height(lines: int, size: float = BODY_SIZE) -> float:
    """The height (points) of a row showing ``lines`` lines of wrapped text in ``size``-point type."""
    return lines * LINE_HEIGHT * size / BODY_SIZE + 3


def tallest(points: float) -> float:
    """A row height no taller than Excel and WPS allow: a taller stored height is cut there anyway, and Excel
    may refuse the part that holds it.

    >>> tallest(30), tallest(2000)
    (30, 409.0)
    """
    return min(points, MAX_ROW_HEIGHT)


def shown_in_tallest_row(text: str, width: float, size: float = SMALL_SIZE) -> int:
    """About how many characters of ``text`` (at most all) a row of MAX_ROW_HEIGHT shows, rounded down to tens.

    >>> shown_in_tallest_row("业" * 100, 40), shown_in_tallest_row("业" * 5000, 40)
    (100, 1020)
    """
    lines = int((MAX_ROW_HEIGHT - 3) / (LINE_HEIGHT * size / BODY_SIZE))
    units = len(text) + len(_NARROW.sub("", text))
    per_line = max(1.0, width * BODY_SIZE / size - 1)
    if units <= lines * per_line:
        return len(text)
    return int(lines * per_line * len(text) / units) // 10 * 10
