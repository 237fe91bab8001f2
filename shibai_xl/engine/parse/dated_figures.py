"""A figure typed into a cell painted with a date format: the number the clerk typed, with a warning about the format.

35 typed into 年度交易额（亿元） whose cell carries a date format (the format painter, a row copied from a date column)
is stored as 35 and shown as 1900/2/4. A saved file's reader (calamine) and Excel (COM, Office.js) hand it over as the
date shown; WPS's ``Range.Value2`` as the number, with the cell's format beside it. Every face reads the number the cell
holds — what the clerk typed — and says that the cell shows a date, so that the format is put right.

>>> serial(date(1900, 2, 4)), serial(datetime(2023, 3, 15, 12)), serial(time(6)), serial(timedelta(days=1.5))
(35, 45000.5, 0.25, 1.5)
>>> format_shows('yyyy/m/d'), format_shows('[h]:mm'), format_shows('h:mm'), format_shows('0.00%'), format_shows('"m²"0')
('date', 'duration', 'date', None, None)
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from ..fmt import typed
from .dates import _DAY0, _FORMAT_LITERALS, _SERIAL_61, _first_section, from_serial

DATE_LIKE = (date, time, timedelta)       # datetime is a date
DATE, DURATION = "date", "duration"       # what a number format shows of a number (format_shows)
_LAST_SERIAL = 2958466                    # 9999-12-31 is the last date Excel shows
_BEFORE_MARCH_1900 = datetime(1899, 12, 31)   # day 0 before 1900-03-01 (dates._DAY0 after Excel's phantom 1900-02-29)


def serial(value: Any) -> int | float | None:
    """The number a cell of the 1900 date system stores for the date, time or duration a reader gave for it (the
    date Excel shows: 1900-02-04 for 35, a time of day for 0.5, a duration for a [h]:mm cell); None for other values."""
    if isinstance(value, timedelta):
        days = value / timedelta(days=1)
    elif isinstance(value, time):
        days = (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    elif isinstance(value, date):
        moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
        moment = moment.replace(tzinfo=None)
        days = (moment - (_DAY0 if moment >= _SERIAL_61 else _BEFORE_MARCH_1900)) / timedelta(days=1)
    else:
        return None
    return int(days) if float(days).is_integer() else round(days, 10)


def format_shows(code: Any) -> str | None:
    """What an Excel number format shows of a number (its first section outside quotes): "duration" ([h]:mm),
    "date" (a date or a time of day), None (a number, text, General)."""
    if not isinstance(code, str) or code.strip().lower() == "general":
        return None
    section = _first_section(code).lower()
    if re.search(r"\[(h+|m+|s+)\]", section):
        return DURATION
    letters = _FORMAT_LITERALS.sub("", section)
    return DATE if any(c in letters for c in "ydhs") or ("m" in letters and ":" in letters) else None


def as_file_reads(value: Any) -> Any:
    """A number in a date format as a saved file's reader (calamine) gives it: the date Excel shows (a ``datetime``
    where it has a time of day), or the number where Excel shows no date (below 1, the phantom 1900/2/29, past
    9999-12-31), which the file reader also gives as that number (xlsx/reader.py stored_date). Any other value is
    itself. What WPS's Range.Value2 of such a cell is read as, so that the date parsers say the same of it.

    >>> as_file_reads(45397), as_file_reads(2023.1), as_file_reads(35), as_file_reads(60), as_file_reads("x")
    (datetime.date(2024, 4, 15), datetime.datetime(1905, 7, 15, 2, 24), datetime.date(1900, 2, 4), 60, 'x')
    """
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 1 <= value < _LAST_SERIAL \
            or 60 <= value < 61:
        return value
    day = from_serial(float(value))
    ms = round((value - int(value)) * 86_400_000)
    if day is None or not ms:
        return day or value
    return datetime(day.year, day.month, day.day) + timedelta(milliseconds=ms)


def as_listed(value: Any) -> Any:
    """A number in a date format as the file reader gives a cell of the 入驻企业名单 (calamine's own reading, which no
    stored number corrects there): below 1 a time of day, 60 as 1900-02-28, any other as :func:`as_file_reads`.

    >>> as_listed(0.5), as_listed(60), as_listed(2500)
    (datetime.time(12, 0), datetime.date(1900, 2, 28), datetime.date(1906, 11, 4))
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1:
        moment = datetime(2000, 1, 1) + timedelta(milliseconds=round(value * 86_400_000))
        return moment.time()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 60 <= value < 61:
        return as_file_reads(59 + value - 60)
    return as_file_reads(value)


def dated_figure(raw: Any, date_format: bool) -> tuple[Any, str | None]:
    """(the number, what to say of the format) of a figure's cell that shows a date — the reader gave a date for it,
    or its number with a date format (``date_format``); (raw, None) for any other.

    >>> dated_figure(45413.395833333336, True)[0] == dated_figure(datetime(2024, 5, 1, 9, 30), False)[0] == 45413.3958333333
    True
    """
    if isinstance(raw, DATE_LIKE):
        number = serial(raw)
    elif date_format and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        # to the places :func:`serial` gives a moment's (45413.395833333336, 2024/5/1 9:30, is 45413.3958333333, as
        # Excel's formula bar shows it): a face handed the number and one handed the date quote one number
        number = raw if float(raw).is_integer() else round(raw, 10)
    else:
        return raw, None
    day = from_serial(float(number))
    if day is None or int(number) == 60:
        looks = "一个日期或时间"
    else:
        looks = f"日期{day.year}-{day.month:02d}-{day.day:02d}"
    if typed_date(number):
        return number, (f"表上显示为{looks}，像是在此栏填写了日期，不是数字；单元格里的数字{typed(number)}不作为所填数字，"
                        "请在此栏填写确切数字（单元格格式改为“常规”或“数值”）")
    return number, (f"单元格设置成了日期格式（表上显示为{looks}），按单元格里的数字{typed(number)}读取；"
                    "请把单元格格式改为“常规”或“数值”")


def typed_date(number: Any) -> bool:
    """Whether a figure's cell that shows a date shows one a person types as a date (2000 to 2099: "2023-05-01" typed
    into 年度直播销售额 is stored as 45047) rather than the odd date a figure typed into a date-formatted cell shows
    (35 as 1900-02-04): such a number is no figure anybody wrote, the form shows and prints a date, and it decides
    nothing (a doubt: the threshold 待定, the 附件5 item 0 until a person checks).

    >>> typed_date(45047), typed_date(35), typed_date(3000), typed_date(36526), typed_date(45047.5), typed_date("x")
    (True, False, False, True, True, False)
    """
    if not isinstance(number, (int, float)) or isinstance(number, bool):
        return False
    day = from_serial(float(number))
    return day is not None and 2000 <= day.year <= 2099
