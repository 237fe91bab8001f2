"""How tall a row must be for its wrapped text: LibreOffice and WPS print a row at its stored height, so a
long wrapped message in a row of one line's height runs over the rows below it."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

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


_RUNS = re.compile(r"([^\x00-\u2e80]+)|([!-~]+)|(\n)|(.)", re.S)   # wide runs | words | line break | one narrow
_WIDE_LATIN = re.compile(r"[A-Z0-9_]")
WIDE_LATIN = 1.3   # units of a capital, digit or "_": LibreOffice's and WPS's Linux fonts print them this wide


@lru_cache(maxsize=4096)
def printed_lines(text: str, width: float, small: bool = False) -> int:
    """:func:`text_lines`, or more where a printer takes more: it never breaks a word of Latin letters and digits
    (an 18-character credit code, XC_RESIDENT_RETAIL), moving it whole to the next line, and prints capitals and
    digits wider than half a Chinese character. A row as tall as ``text_lines`` alone printed a 问题 full of codes
    cut at its top and bottom (QA).

    >>> codes = "XC_RESIDENT_RETAIL 名单零售额不一致；" * 6
    >>> printed_lines(codes, 40), text_lines(codes, 40)
    (8, 6)
    """
    least = text_lines(text, width, small)
    if not text or not _WIDE_LATIN.search(text):
        return least
    per = max(2.0, width * (1.25 if small else 1.0) - 1)
    lines, used = 1, 0.0
    for wide, word, newline, narrow in _RUNS.findall(text):
        if newline:
            lines, used = lines + 1, 0.0
        elif wide:   # broken anywhere: the rest of this line, then whole lines
            room = int((per - used) // 2)
            if len(wide) <= room:
                used += 2 * len(wide)
                continue
            full = int(per // 2)
            rest = len(wide) - room
            lines += 1 + (rest - 1) // full
            used = 2 * ((rest - 1) % full + 1)
        else:
            w = len(word) + (WIDE_LATIN - 1) * len(_WIDE_LATIN.findall(word)) if word else 1.0
            if used + w <= per:
                used += w
            elif narrow == " ":
                continue   # a space at the end of a line takes no room on the next
            elif w <= per:
                lines, used = lines + 1, w
            else:        # a word longer than a line is broken where the line ends
                lines += int((used + w) // per)
                used = (used + w) % per
    return max(least, lines)


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


def fit_row(ws: Any, row: int, cells: Iterable[tuple[Any, float]]) -> None:
    """Make ``row`` of the worksheet ``ws`` tall enough for each (text, column width) wrapped in it, as
    :func:`printed_lines` counts: a list of files and reasons in rows of one line's height printed its lines over one
    another. A taller row (a person's, or made for another text) is left as it is."""
    need = tallest(max((row_height(printed_lines(str(t), w)) for t, w in cells if t not in (None, "")), default=0))
    if need > row_height(1) and (ws.row_dimensions[row].height or 0) < need:
        ws.row_dimensions[row].height = need


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
