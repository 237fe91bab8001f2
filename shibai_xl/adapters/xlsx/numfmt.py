"""What a cell's number format shows of a date: a format without the day ("2022年4月") means the person typed
a month, and Excel turned it into the first of that month.

Excel turns "2022年4月" typed into a General cell into the date 2022-04-01 with the format yyyy"年"m"月" (built-in
57 in a Chinese Excel), "2022/4" into yyyy/m, "Apr-22" into mmm-yy (built-in 17). The reader takes such a cell
for the month it shows, as if the text had been typed (``engine/parse/dates.py``: month precision).
"""
from __future__ import annotations

import re

from ...engine.parse.dates import date_shows
from ...engine.parse.format_units import unit_shown

# built-in formats without a stored code: 17 mmm-yy everywhere; 27, 36, 50, 52, 57 are yyyy"年"m"月" in the
# zh-CN locale (ECMA-376 Part 1, 18.8.30), the locale every application of this project is filled in
BUILTIN_SHOWS = {17: "month", 27: "month", 36: "month", 50: "month", 52: "month", 57: "month"}
BUILTIN_PERCENT = frozenset((9, 10))    # 0%, 0.00%

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def shows(fid: int, code: str | None) -> tuple[bool, str | None, str | None]:
    """(a percentage?, what a date shows: numfmt.date_shows, the code where it shows an amount unit:
    format_units.unit_shown) of number format ``fid``, whose code is ``code`` when the file stores one (custom
    formats; LibreOffice stores none for the built-ins, none of which shows a unit). For .xlsx styles and .xls XF
    records alike."""
    if code is None:
        return fid in BUILTIN_PERCENT, BUILTIN_SHOWS.get(fid), None
    return fid in BUILTIN_PERCENT or "%" in _QUOTED.sub("", code), date_shows(code), code if unit_shown(code) else None


__all__ = ["BUILTIN_PERCENT", "BUILTIN_SHOWS", "date_shows", "shows"]
