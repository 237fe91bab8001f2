"""Dates and months as people type them.

Excel dates, Excel serial numbers, and text: 2020年5月, 2020年5月1日, 2020.05,
2020-05-01, 2020/5/1, 20200501, 202005, 二〇二〇年五月. A month without a day
has ``precision == "month"`` (the value is the first of that month). A year alone
(2020年, 2020) is refused unless the field accepts it (``coarsest="year"``); then
it has ``precision == "year"`` (the value is 1 January) and a note asking for the
full date.

>>> parse("2020年5月").value, parse("2020年5月").precision
(datetime.date(2020, 5, 1), 'month')
>>> parse("2020-05-01").value, parse(43952).value, parse("二〇二〇年五月十二日").value
(datetime.date(2020, 5, 1), datetime.date(2020, 5, 1), datetime.date(2020, 5, 12))
>>> parse("2020年").error, parse("2020年", coarsest="year").value
('只填了年份，请填写年月', datetime.date(2020, 1, 1))
>>> parse("2020年13月").error
'月份应为1-12'
>>> parse("去年春天").error
'无法识别的日期格式，请按“2024年4月15日”或“2024-04-15”填写'
>>> add_years(date(2020, 2, 29), 1), months_between(date(2023, 1, 1), date(2023, 12, 1))
(datetime.date(2021, 2, 28), 12)
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from .cn_digits import DIGIT_VALUE
from .result import BLANK, Parsed, fail, is_blank
from .text import normalize

MIN_YEAR, MAX_YEAR = 1949, 2100
_EXCEL_EPOCH = date(1899, 12, 30)  # serials above 60 (after Excel's phantom 1900-02-29)
_CN_DIGITS = {ch: str(n) for ch, n in DIGIT_VALUE.items()} | {"○": "0", "O": "0"}   # ○ and the letter O in a year
_EXAMPLE_YEAR = 2024   # the year of the dates the format hints show; parse(year=…) gives the year file's


def example(year: int = _EXAMPLE_YEAR) -> str:
    """The dates a format hint shows as the way to write one, in the notice's year."""
    return f"“{year}年4月15日”或“{year}-04-15”"


_FORMAT_HINT = f"无法识别的日期格式，请按{example()}填写"
_YEAR_ONLY = "只填了年份，请填写年月"
# Excel's dates begin in 1900 (serial 1): a negative number in a date-formatted cell shows as ##### there
# nor does a number below 1: 0 or 0.5 in a date-formatted cell shows as 1900/1/0 (a time of day in a time format)
BELOW_ONE = ("小于1的数不是日期（Excel 的日期从1900年1月1日（序号1）开始，日期格式的单元格显示为“1900/1/0”），"
             f"请按{example()}填写")
# Excel counts 1900 as a leap year (after Lotus 1-2-3): serial 60 shows as a day that never was
PHANTOM_DAY = f"Excel 把60显示为“1900年2月29日”，但1900年没有2月29日，这不是日期，请按{example()}填写"
NEGATIVE = f"负数不是日期（Excel 中没有负的日期，日期格式的单元格显示为“#####”），请按{example()}填写"
# what a number format shows literally: "text", \\x, [colour/locale], _x (a space), *x (fill)
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')

_PATTERNS = [
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]?)?$"),
    # spaces around the separators and a closing dot as typed: "2021. 3. 5", "2021 - 03", "2021.3.5."
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?\s*[.日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})?$"),
]

# a time after the date, as Excel or an export writes it: "2024/4/15 14:30", "2024/4/15 下午 2:30", "2024-04-15T09:30:00"
_TIME = re.compile(r"(?:\s+|(?<=\d)T)(?:[上下]午\s*)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
# the form's "    年  月  日" left in the cell, its last slots empty: "2024年4月  日" gives the month, "年 月 日" nothing
_EMPTY_SLOTS = re.compile(r"(?:^|(?<=[年月日号]))(?:\s*[年月日号])+\s*$")
# the weekday after it, its numeral already a digit (cn_to_digits): "星期1", "(周3)", "星期日"
_WEEKDAY = re.compile(r"\s*\(?(?:星期|周|礼拜)([1-6日天])\)?$")
_SHORT_YEAR = re.compile(r"^(\d{2})\s*年\s*\d{1,2}\s*月")
# words written around a date, as copied from a licence or said in a sentence: "成立于2023年4月15日", "成立日期：2023-04-15",
# "2023年4月15日成立", "2023年4月15日（营业执照）" (a remark in brackets without figures: one with a date is no remark);
# the form's printed line "填表时间：2024年4月15日" pasted whole into the answer cell; the dash of the form's
# "(202x年x月-202x年x月)" carried into the 统计期 cells: "2023年1月-" in the start cell, "至2023年12月" in the end cell;
# "自2023年1月至2023年12月止" said over the two: "自2023年1月" / "2023年1月起" and "至2023年12月止"
_AROUND = re.compile(r"^(?:(?:成立|注册|登记|填表)(?:时间|日期)?\s*:?\s*[为于是]?|于|至|到|自|从|[—–~]+)\s*"
                     r"|\s*(?:(?:注册)?成立|注册|登记)$|\s*\([^()\d]*\)$|\s*(?:-|[—–~]+|至|到|止|起)$"
                     r"|(?<=月)\s*[底末初]$")   # "2023年12月底": the month, as a 统计期's end is often said


def cn_to_digits(text: str) -> str:
    """二〇二〇年五月十二日 → 2020年5月12日 (years digit by digit, months/days as numbers)."""
    def small(m: re.Match) -> str:
        s = m.group(0)
        if s == "十":
            return "10"
        if s.startswith("十"):
            return "1" + _CN_DIGITS.get(s[1], s[1])
        if s.endswith("十"):
            return _CN_DIGITS.get(s[0], s[0]) + "0"
        if "十" in s:
            return _CN_DIGITS.get(s[0], s[0]) + _CN_DIGITS.get(s[2], s[2])
        return "".join(_CN_DIGITS.get(c, c) for c in s)

    def year(m: re.Match) -> str:
        return "".join(_CN_DIGITS.get(c, c) for c in m.group(1)) + "年"

    text = re.sub(r"([〇零○O一二三四五六七八九]{4})年", year, text)
    return re.sub(r"[一二两三四五六七八九]?十[一二三四五六七八九]?|[〇零一二两三四五六七八九]", small, text)


def from_serial(serial: float) -> date | None:
    """An Excel (1900 date system) serial number as a date."""
    if serial < 1 or serial >= 2958466 or math.isnan(serial):
        return None
    days = int(serial)
    if days < 60:
        return date(1899, 12, 31) + timedelta(days=days)
    return _EXCEL_EPOCH + timedelta(days=days)


# day 0 of the dates an open workbook hands a script: COM's (VariantTime) and JavaScript's (xlwings' Office.js client)
# alike, neither having Excel's 1900/2/29, so any moment before 1900-03-01 is the number the cell stores counted from it
_DAY0 = datetime(1899, 12, 30)
_SERIAL_61 = datetime(1900, 3, 1)


# xlwings' Office.js client sends a number in a date format as JavaScript's toISOString() of it, which writes a year past
# 9999 (or before 0) with a sign and six digits: 20240415 typed into a date cell (Excel shows ########) comes as
# "+057316-05-15T00:00:00.000Z", which xlwings leaves as text
_FAR_ISO = re.compile(r"([+-]\d{6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z")


def _far_serial(text: str) -> float | None:
    """The number a far date's ISO text stands for (days from 1899-12-30), counted on the proleptic Gregorian calendar
    JavaScript uses (days from civil, H. Hinnant)."""
    m = _FAR_ISO.fullmatch(text)
    if m is None:
        return None
    y, mo, d, hh, mm, ss = (int(g) for g in m.groups()[:6])
    y -= mo <= 2
    era, yoe = divmod(y, 400)
    doy = (153 * (mo - 3 if mo > 2 else mo + 9) + 2) // 5 + d - 1
    days = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 693899     # 719468 to 1970, 25569 back to 1899
    return days + (hh * 3600 + mm * 60 + ss + int((m.group(7) or "0").ljust(3, "0")) / 1000) / 86400


def open_book_serial(value: Any) -> Any:
    """A date cell's value as an open workbook gives it (Excel's COM, xlwings' Office.js client), read as a saved
    file's reader reads the cell: a moment before 1900-03-01 was a number below 61 in a date or time format. 0 and 0.5
    (shown as 1900/1/0) and 60 (the 1900/2/29 that never was) are given as that number, which ``shibai check`` quotes
    and says is no date; 1 to 59 as the day Excel shows, one later than COM's and JavaScript's; a number past the last
    date (20240415: yyyymmdd typed) as that number. Any other value is itself."""
    if isinstance(value, str):
        far = _far_serial(value)
        return value if far is None else far
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=None)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        return value
    if moment >= _SERIAL_61:
        return value
    serial = (moment - _DAY0) / timedelta(days=1)
    if serial < 1 or serial >= 60:
        return serial
    shown = moment + timedelta(days=1)
    return shown.date() if shown.time() == time(0) else shown


def _make(y: int, m: int, d: int | None) -> Parsed:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return fail(f"年份{y}不合理")
    if not 1 <= m <= 12:
        return fail("月份应为1-12")
    if d is None:
        return Parsed(value=date(y, m, 1), precision="month")
    if not 1 <= d <= days_in_month(y, m):
        return fail(f"{y}年{m}月没有{d}日")
    return Parsed(value=date(y, m, d), precision="day")


def parse(raw: Any, coarsest: str = "month", year: int | None = None) -> Parsed:
    """A date (day or month precision, or year precision when ``coarsest == "year"``) from a cell value; an error's
    hint shows dates of ``year`` (the year file's) as the way to write one."""
    p = _parse(raw)
    if p.error and year and year != _EXAMPLE_YEAR:
        return replace(p, error=p.error.replace(example(), example(year)))
    if p.precision != "year":
        return p
    shows = f"{p.note}；" if p.note else ""
    if coarsest != "year":
        return fail(shows + _YEAR_ONLY)
    y = p.value.year
    return replace(p, note=f"{shows}只填了年份，按{y}年全年（1月1日至12月31日）判断，请填写完整的年月日")


def _parse(raw: Any) -> Parsed:
    if is_blank(raw):
        return BLANK
    if isinstance(raw, bool):
        return fail(_FORMAT_HINT)
    if isinstance(raw, date):      # datetime too
        return _from_date(raw)
    if isinstance(raw, (int, float)):
        return _from_number(raw)
    if isinstance(raw, str):
        return _from_text(raw)
    return fail(_FORMAT_HINT)


def _year(y: int) -> Parsed:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return fail(f"年份{y}不合理")
    return Parsed(value=date(y, 1, 1), precision="year")


def _from_date(d: date) -> Parsed:
    """A date cell; 2020 typed into a date-formatted cell is serial 2020 and shows as 1905年7月12日
    (2022.3 typed there is serial 2022 at 07:12, shown as 1905年7月14日: the month is in the time of day)."""
    serial = (date(d.year, d.month, d.day) - _EXCEL_EPOCH).days
    seconds = d.hour * 3600 + d.minute * 60 + d.second + d.microsecond / 1e6 if isinstance(d, datetime) else 0
    if d.year < MIN_YEAR and MIN_YEAR <= serial <= MAX_YEAR and seconds:
        typed = round(serial + seconds / 86400, 6)
        p = _year_dot_month(typed)
        if p is not None:
            shows = f"单元格显示为{d.year}年{d.month}月{d.day}日，应是把{typed:g}填进了日期格式的单元格"
            return replace(p, note=shows) if p.ok else fail(f"{shows}；{p.error}")
    if d.year < MIN_YEAR and MIN_YEAR <= serial <= MAX_YEAR:
        shows = f"单元格显示为{d.year}年{d.month}月{d.day}日，应是把年份{serial}填进了日期格式的单元格"
        return replace(_year(serial), note=shows)
    if d.year > MAX_YEAR and not seconds and MIN_YEAR * 100 < serial <= MAX_YEAR * 100 + 12 and 1 <= serial % 100 <= 12:
        # 202301 typed into a month cell (yyyy"年"m"月") shows 2453年11月: the month 2023年1月, as typed in text
        shows = f"单元格显示为{d.year}年{d.month}月{d.day}日，应是把{serial}填进了日期格式的单元格"
        return replace(_make(serial // 100, serial % 100, None), note=shows)
    return _make(d.year, d.month, d.day)


def _from_number(raw: int | float) -> Parsed:
    """20240415, 202404, or an Excel serial date."""
    if isinstance(raw, float) and (math.isnan(raw) or math.isinf(raw)):
        return fail(_FORMAT_HINT)
    if raw < 0:
        return fail(NEGATIVE)
    if raw < 1:
        return fail(BELOW_ONE)
    if 60 <= raw < 61:
        return fail(PHANTOM_DAY)
    if not float(raw).is_integer():
        p = _year_dot_month(float(raw))
        if p is not None:
            return p
    if float(raw).is_integer():
        n = int(raw)
        if 19000101 <= n <= 21001231:
            return _make(n // 10000, n // 100 % 100, n % 100)
        if 190001 <= n <= 210012:
            return _make(n // 100, n % 100, None)
        if 1900 <= n <= 2100:
            return _year(n)
    d = from_serial(float(raw))
    if d is None:
        return fail(_FORMAT_HINT)
    return _make(d.year, d.month, d.day)


def _year_dot(number: float) -> tuple[str, str] | None:
    """("2022", "3") of 2022.3: the year and the one or two digits after the point, or None when it is not so."""
    y, _, frac = f"{number:.10g}".partition(".")
    ok = y.isdigit() and MIN_YEAR <= int(y) <= MAX_YEAR and frac.isdigit() and 1 <= len(frac) <= 2
    return (y, frac) if ok else None


def _year_dot_month(number: float) -> Parsed | None:
    """2022.3 (zh-CN Excel keeps "2022.3" typed into a cell as this number) is 2022年3月; 2022.1 may be what is
    left of "2022.10", so it is refused as ambiguous. None for a number that is not a year and a month."""
    parts = _year_dot(number)
    if parts is None:
        return None
    y, frac = parts
    if frac == "1":
        return fail(f"{y}.1可能是{y}年1月，也可能是{y}年10月（Excel 会把“{y}.10”存成{y}.1），"
                    f"请按“{y}年10月15日”或“{y}-10-15”填写")
    return _make(int(y), int(frac), None)


def year_dot_one(number: Any) -> int | None:
    """The year of a number refused as either January or October of it (2023.1: :func:`_year_dot_month`), or None.

    >>> year_dot_one(2023.1), year_dot_one(2023.12), year_dot_one("2023.1"), year_dot_one(True)
    (2023, None, None, None)
    """
    parts = _year_dot(number) if isinstance(number, float) else None
    return int(parts[0]) if parts and parts[1] == "1" else None


_FULL_STOP = re.compile(r"\s*[。.]+$")


def _from_text(raw: str) -> Parsed:
    """2024-04-15, 2024年4月15日, 二〇二四年四月, 2024.4 …; a time of day is ignored."""
    text = _EMPTY_SLOTS.sub("", _TIME.sub("", cn_to_digits(normalize(raw)))).strip()
    text = _FULL_STOP.sub("", text)   # "2024年4月15日。", copied from a sentence
    if not text:                                   # "    年  月  日" as printed: not filled in
        return BLANK
    week = _WEEKDAY.search(text)
    if week:          # "2024年4月15日星期一": Excel's long date format, copied as text
        p = _from_text(text[:week.start()])
        day = int(week.group(1)) - 1 if week.group(1).isdigit() else 6
        if p.ok and p.precision == "day" and p.value.weekday() != day:
            said = "一二三四五六日"[p.value.weekday()]
            return replace(p, note=f"{shown(p.value, 'day')}是星期{said}，与填写的星期{'一二三四五六日'[day]}不符，请核对日期")
        return p
    text = _AROUND.sub("", re.sub(r"月\s*份", "月", text))   # "2023年4月份": the month, as it is often said
    short = _SHORT_YEAR.match(text)
    if short:      # "23年4月": the century as Excel completes a two-digit year (00–29: 20xx, 30–99: 19xx)
        year = int(short.group(1)) + (2000 if int(short.group(1)) <= 29 else 1900)
        p = _from_text(f"{year}{text[short.end(1):]}")
        return replace(p, note=f"年份只写了两位，按{year}年计") if p.ok else p
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
            return _make(int(y), int(mo), int(d) if d else None)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):     # an Excel serial pasted as text: the form prints the number
        p = _from_number(float(text))
        return replace(p, note=f"按Excel日期序号读作{shown(p.value, 'day')}；单元格中是文字，表上显示的是数字{text}，"
                               f"请改填为“{p.value.year}年{p.value.month}月{p.value.day}日”") if p.ok else p
    if re.fullmatch(r"\d{4}\s*年?", text):
        return _year(int(text.rstrip("年 ")))
    return fail(_FORMAT_HINT)


def date_shows(code: str) -> str | None:
    """What an Excel number format ``code`` shows of a date: "month" for year and month but no day
    (yyyy"年"m"月", yyyy-mm, mmm-yy), "year" for the year alone, None for any other format (a day, a time, a
    number, text). Excel turns "2022年4月" typed into a cell into the date 2022-04-01 shown so: the person gave a
    month, not its first day."""
    section = _first_section(code)
    letters = _FORMAT_LITERALS.sub("", section).lower().replace("am/pm", "").replace("a/p", "")
    if "y" not in letters or any(c in letters for c in "dhs"):
        return None
    return "month" if "m" in letters else "year"


def _first_section(code: str) -> str:
    """The part of a format code before its first ';' outside quotes (the one positive numbers and dates use)."""
    quoted = False
    for i, c in enumerate(code):
        if c == '"':
            quoted = not quoted
        elif c == ";" and not quoted:
            return code[:i]
    return code


def as_shown(value: Any, shows: str | None) -> Any:
    """A date cell whose format shows no day (``date_shows``), as the text it shows: "2022年4月" typed into a cell
    became the date 2022-04-01 shown as 2022年4月; read as that text, it is the month the person gave. Any other
    value, or a format showing the day, is the value itself. The one rule for a file's cell (the reader) and a
    formula's argument (SB_ELIGIBLE). A number in such a cell is the date's serial number (``Range.Value2``, as the
    WPS add-in reads an unsaved workbook)."""
    if shows and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = from_serial(float(value)) or value
    if not shows or not isinstance(value, date) or not MIN_YEAR <= value.year <= MAX_YEAR:
        return value   # 202301 typed there shows 2453年11月, 2020 shows 1905年7月: the number typed (``_from_date``)
    return f"{value.year}年{value.month}月" if shows == "month" else f"{value.year}年"


def parse_month(raw: Any, year: int | None = None) -> Parsed:
    """A month (year and month); a full date is reduced to its month."""
    p = parse(raw, year=year)
    if not p.ok:
        return p
    return Parsed(value=p.value.replace(day=1), precision="month", note=p.note)


# a period as people write it, its two months captured: "2023年1月-2023年12月", "2023.01—2023.12", "2023-1-2023-12",
# "202301-202312", and the end month without its year: "2023年1-12月", "2023年1月至12月", "2023年1月1日-12月31日"
# each end may carry its day, as people write a period out in dates: "2023年4月1日-2024年3月31日", "2023.04.01-2024.03.31"
_YEAR_MONTH = (r"\d{4}\s*年\s*\d{1,2}\s*(?:月\s*份?(?:\s*\d{1,2}\s*[日号])?)?|\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?"
               r"|\d{8}|\d{6}")
PERIOD = rf"({_YEAR_MONTH})\s*(?:-|—|–|~|～|至|到)\s*({_YEAR_MONTH}|\d{{1,2}}\s*月(?:份|\s*\d{{1,2}}\s*[日号])?)(?![\d./-])"
_PERIOD_CELL = re.compile(f"^{PERIOD}$")
# a whole calendar year as a clerk writes the 统计期: "2023年度", "2023年全年", "2023全年" (January to December;
# a bare "2023年" is not one: it may be a date cut short)
WHOLE_YEAR = r"(\d{4})\s*(?:年\s*度(?:\s*全\s*年)?|年?\s*全\s*年)"
_WHOLE_YEAR_CELL = re.compile(f"^{WHOLE_YEAR}$")
# the end month alone after a dotted start, "2023.01-12", "2023/1~12": a period when the end month is after the start
# (no date mixes its separators so; "2023-01-12" stays the date)
DOTTED_SHORT = r"(\d{4})\s*[./]\s*(\d{1,2})\s*(?:-|—|–|~|～|至|到)\s*(\d{1,2})(?![\d./-])"
_DOTTED_SHORT = re.compile(f"^{DOTTED_SHORT}$")
# a year, then its months in brackets or after it: "2023年度（1-12月）", "2023年（1月至12月）", "2023年度1-12月",
# "2023年度（全年）" — the months as said, of that year ("2023年（1-6月）" is those six)
_YEAR_THEN_MONTHS = re.compile(r"^(\d{4})\s*年\s*度?\s*(?:\((.+)\)|(\d.*|全\s*年))$")
# …its months as a form's label holds them, normalised: "2023年度1-12月", "2023年度(1月-12月)", "2023年(1-12月)"
YEAR_THEN_MONTHS = (r"\d{4}\s*年\s*(?:度\s*\(?|\()\s*\d{1,2}\s*月?\s*(?:-|—|–|~|～|至|到)\s*\d{1,2}\s*月\s*份?"
                    r"(?:\s*\))?")


def parse_period(text: Any, days: bool = False) -> tuple[Parsed, Parsed] | None:
    """Both ends of a period typed into one cell ("2023年1月-2023年12月", "2023年度"), or None if it is not one;
    their months, or with ``days`` the ends as typed ("2023年1月15日-2024年1月14日": those days).

    >>> [p.value for p in parse_period("2023年度")], parse_period("2023年")
    ([datetime.date(2023, 1, 1), datetime.date(2023, 12, 1)], None)
    >>> [p.value.month for p in parse_period("2023.01-12")], parse_period("2023-01-12")
    ([1, 12], None)
    """
    if not isinstance(text, str):
        return None
    year, t = _months_of_a_year(cn_to_digits(normalize(text).strip()))   # as a month alone is read: "二〇二三年一月"
    span = _period_cell(re.sub(r"^[自从]\s*|\s*止$", "", t.strip("()（）").strip()), days)   # "自2023年4月至2024年3月止"
    if span and year is not None and span[0].ok and span[0].value.year != year:
        return None                                      # "2023年度（2022.1-2022.12）": which one is meant, unknown
    return span


def _months_of_a_year(t: str) -> tuple[int | None, str]:
    """(the year, the period) of a year with its months said after it, as the 统计期 is written: "2023年度（1-12月）"
    is "2023年1-12月", "2023年度（2023.1-2023.12）" is "2023.1-2023.12"; (None, t) for any other text.

    >>> _months_of_a_year("2023年度(1-12月)"), _months_of_a_year("2023年度")
    ((2023, '2023年1-12月'), (None, '2023年度'))
    """
    said = _YEAR_THEN_MONTHS.match(t)
    if not said:
        return None, t
    months = said.group(2) or said.group(3)
    return int(said.group(1)), months if re.match(r"\d{4}", months) else f"{said.group(1)}年{months}"


def _period_cell(t: str, days: bool) -> tuple[Parsed, Parsed] | None:
    """:func:`parse_period` of a cell's text made plain (no brackets, no "自…止", digits for Chinese numerals)."""
    whole = _WHOLE_YEAR_CELL.match(t)
    if whole:
        y = int(whole.group(1))
        return _make(y, 1, None), _make(y, 12, None)
    short = _DOTTED_SHORT.match(t)
    if short and 1 <= int(short.group(2)) < int(short.group(3)) <= 12:
        y = int(short.group(1))
        return _make(y, int(short.group(2)), None), _make(y, int(short.group(3)), None)
    m = _PERIOD_CELL.match(t)
    if not m:
        return None
    a, b = (s + "月" if re.fullmatch(r"\d{4}\s*年\s*\d{1,2}", s) else s for s in (m.group(1), m.group(2)))
    end = parse if days else parse_month
    # the end without its year, in the start's: "2023年1-12月", "2023年1月1日-12月31日"
    if re.fullmatch(r"\d{1,2}\s*月(?:份|\s*\d{1,2}\s*[日号])?", b):
        start = end(a)
        return start, (end(f"{start.value.year}年{b}") if start.ok else start)
    return end(a), end(b)


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later; a 29 February without its pair becomes the month's last day
    (民法典 第二百零二条: 没有对应日的，月末日为期间的最后一日)."""
    y = d.year + years
    return date(y, d.month, min(d.day, days_in_month(y, d.month)))


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later; a day its month lacks (31 January + 1) becomes the month's last day
    (民法典 第二百零二条)."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, days_in_month(y, m + 1)))


def months_between(start: date, end: date) -> int:
    """Number of calendar months from the month of ``start`` to the month of ``end``, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def days_in_month(y: int, m: int) -> int:
    """Days in month ``m`` of year ``y`` (Gregorian), as calendar.monthrange gives them — without importing
    calendar and locale into every run.

    >>> days_in_month(2024, 2), days_in_month(1900, 2), days_in_month(2000, 2), days_in_month(2023, 4)
    (29, 28, 29, 30)
    """
    if m == 2:
        return 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def month_end(d: date) -> date:
    return date(d.year, d.month, days_in_month(d.year, d.month))


def last_day(d: date, precision: str | None) -> date:
    """The last day a date of this precision may stand for (``d`` is its first)."""
    if precision == "year":
        return date(d.year, 12, 31)
    return month_end(d) if precision == "month" else d


def shown(d: date, precision: str | None) -> str:
    """A date as typed, to its precision: 2020年, 2020年05月, 2020年05月01日."""
    return f"{d:%Y年}" if precision == "year" else f"{d:%Y年%m月}" if precision == "month" else f"{d:%Y年%m月%d日}"


def is_valid(raw: Any) -> bool:
    return parse(raw).ok
