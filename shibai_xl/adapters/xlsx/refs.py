"""A1 cell references for the modules that read with calamine and never load openpyxl.

openpyxl's ``utils.cell`` gives the same answers (``tests/test_adapters_structure.py`` checks every
column), and every module that writes with openpyxl uses it. Here it is not imported: importing any
part of openpyxl imports openpyxl itself and numpy (about 0.25 s, more than a whole ``shibai check``
of a file, which reads through :mod:`.reader` and :mod:`.package` only), and ``check --write``
patches the file (:mod:`.patch`) without openpyxl too.

>>> col_index("AA"), col_letters(27), split_ref("$C$5")
(27, 'AA', (5, 3))
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384   # no Excel, WPS or LibreOffice sheet reaches further (XFD1048576)


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@lru_cache(maxsize=4096)
def split_ref(ref: str) -> tuple[int, int]:
    """'C5' → (row 5, column 3). Cached: every application of a template names the same cells."""
    m = _REF.match(ref.strip())
    if not m:
        raise ValueError(ref)
    return int(m.group(2)), col_index(m.group(1))


def corners(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """"B3:M20" → ((3, 2), (20, 13)); ValueError for what is not two cells ("A5", as a hand edit may leave a table)
    and for a range no sheet has: reversed ("M20:B3"), from row 0, or past XFD1048576 (a damaged or forged file).

    >>> corners("B3:M20")
    ((3, 2), (20, 13))
    >>> [_range_error(corners, ref) for ref in ("M20:B3", "A0:C3", "A1:XFE1", "A1:C1048577", "A1:XFD1048576")]
    [True, True, True, True, False]
    """
    first, last = ref.split(":")
    (r0, c0), (r1, c1) = split_ref(first), split_ref(last)
    if not (1 <= r0 <= r1 <= MAX_ROWS and 1 <= c0 <= c1 <= MAX_COLUMNS):
        raise ValueError(ref)
    return (r0, c0), (r1, c1)


def _range_error(read, ref: str) -> bool:
    try:
        read(ref)
    except ValueError:
        return True
    return False


def containing(ref: str, ranges: Iterable[str]) -> str | None:
    """The first of ``ranges`` ("G11:G12") that holds the cell ``ref``, or None.

    >>> containing("G12", ["A1:B2", "G11:G12"]), containing("H12", ["G11:G12"])
    ('G11:G12', None)
    """
    row, col = split_ref(ref)
    for rng in ranges:
        first, _, last = rng.partition(":")
        (r1, c1), (r2, c2) = split_ref(first), split_ref(last or first)
        if r1 <= row <= r2 and c1 <= col <= c2:
            return rng
    return None
