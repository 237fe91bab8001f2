"""Cross-checks of the 入驻企业名单 (附件3) against the 申报表 (park and base).

The list's companies are the park's/base's residents: their count is the declared
已入驻电商企业家数, their 年度网络交易额 and 年度网络零售额 add up to the declared
figures (a park's 年度交易额 is printed in 亿元), their 从业人数 support the
"入驻企业员工总数不低于50个" answer.

A company listed twice (same name once normalised, or same 18-character 统一社会信用代码) is one
company: counts, sums and 备注 take each company once, from the first row it appears on (a repeated
row cannot tell which of two figures is right; the first is the one the applicant wrote first, and
XC_RESIDENT_DUP names both rows for the applicant to fix).
"""
from __future__ import annotations

import math
import operator
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..rules import Rules, Severity, load
from .application import RESIDENT_STATUS, RESIDENT_USCC, ResidentRow, ResidentTable
from .findings import Finding, make
from .fmt import fmt, typed
from .note_words import says
from .parse import number, plausible
from .parse.dated_figures import DATE_LIKE, dated_figure, typed_date
from .parse.result import Parsed
from .parse.text import KEY_STRIP, key_of_normalized, name_digests, normalize, one_line
from .parse.uscc import LOST, all_valid, lost_digits, named_code, rounded
from .parse.uscc import key as uscc_key
from .parse.uscc import parse as parse_code
from .summary_amounts import NO_AMOUNT_MARKS, no_amount
from .values import UNSAVED

NAME, STAFF, TRADE, RETAIL, NOTE = "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）", "备注"
CONTACT = "联系方式"
# a number as Excel shows it in a narrow General cell, copied or exported as text (a mobile 13908510037 made a
# number, shown 1.39085E+10): its last digits are gone
_SHOWN_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+\d+", re.IGNORECASE)
LOST_PHONE = ("是 Excel 显示的科学计数法（号码存成了数字，显示为“1.39085E+10”这样，复制或导出时只留下了这几位），"
              "号码的后几位已经丢失，请填写完整的号码")
LIST_SHEET = "入驻企业名单"
# a 企业名称 (or 统一社会信用代码) that names nothing: a row of the printed form struck through (“/”, “—”), or 无
NO_NAMES = NO_AMOUNT_MARKS | {"无", "暂无"}
# the form a 个体工商户's registered name ends in since 2022 (市场主体登记管理条例实施细则), which lists typed from an older
# licence or by hand leave out: "张三食品店（个体工商户）" and "张三食品店" are one resident
SOLE_TRADER = "(个体工商户)"
_CODE_RUN = re.compile(r"[0-9A-Za-z]{18}")   # what a 统一社会信用代码 typed into a 企业名称 looks like (named_code)
_INF = float("inf")


@dataclass
class ResidentTotals:
    companies: int = 0      # distinct companies
    listed: int = 0         # rows naming a company, repeats included
    staff: int = 0
    staff_rows: int = 0
    trade: Decimal = Decimal(0)
    retail: Decimal = Decimal(0)
    trade_rows: int = 0
    retail_rows: int = 0
    duplicates: list[tuple[str, list[int]]] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)   # claim field → companies whose 备注 mention it
    decimals: int = 0
    keys: list[str] = field(default_factory=list)   # per row: its code, or "名称:" + normalised name
    name_digests: str = ""   # parse.text.name_digests of the names of the rows whose key is their code
    wrong_codes: int = 0     # rows keyed by a code that is no valid code (said: XC_RESIDENT_ROW)
    unsaved: dict[str, int] = field(default_factory=dict)   # column → cells holding formulas without saved results
    refused: dict[str, int] = field(default_factory=dict)   # column → figures filled but not added (each said)

    @property
    def staff_complete(self) -> bool:
        """Every company has its 从业人数 filled: only then can a sum below the minimum contradict 是."""
        return self.staff_rows == self.companies

    @property
    def annotated(self) -> bool:
        """Some 备注 marks a company as 示范/统计调查/上市/授权 (other remarks say nothing about those counts)."""
        return bool(self.notes)


def _where(r: ResidentRow, header: str) -> tuple[str | None, str | None]:
    return r.sheet, r.cell(header) or r.cell(NAME)


def _row_finding(code: str, r: ResidentRow, header: str, detail: str) -> Finding:
    return make(code, field=header, detail=detail, at=_where(r, header))


def _row_label(r: ResidentRow) -> str:
    return f"第{r.row}行" if r.row else ""


def totals(rows: Sequence[ResidentRow], rules: Rules | None = None) -> tuple[ResidentTotals, list[Finding]]:
    """Sum the list and report rows that contradict themselves and duplicates."""
    rule = (rules or load()).residents
    keywords, limits = rule.note_keywords, rule.plausible_max
    fast = _column_totals(rows, keywords, limits) if rows else None
    if fast is not None:
        t, findings = fast, []
    else:
        tally = _Tally(keywords, limits, getattr(rows, "said_names", ()))
        add = tally.add
        for r in rows:
            add(r)
        t, findings = tally.finish(rows)
    t.unsaved = dict(getattr(rows, "unsaved", {}))   # a ResidentTable's formulas without results (the reader's)
    return t, findings


def unsaved_left_out(t: ResidentTotals, column: str) -> str:
    """"（另有12行的年度网络零售额是公式但没有保存计算结果，未计入）" for a column the reader found formulas without
    saved results in (read as blank: the figures are there, not read), else ""; and the figures filled in but said
    and not added ("（另有3处年度网络零售额数据有误，未计入，见名单的提示）")."""
    n, bad, label = t.unsaved.get(column), t.refused.get(column), column.split('（')[0]
    return (f"（另有{n}行的{label}{UNSAVED}，未计入）" if n else "") + (
        f"（另有{bad}处{label}数据有误，未计入，见名单的提示）" if bad else "")


def _column_totals(rows: Sequence[ResidentRow], note_keywords: dict[str, tuple[str, ...]],
                   limits: dict[str, float] | None = None) -> ResidentTotals | None:
    """What :class:`_Tally` gives for a list with nothing to report, column by column (the refresh hot path: 300
    companies a park, 300 000 a province); None as soon as a row needs the row-by-row way (a row without a
    name, a company or code listed twice, a number that is not a plain one or past ``limits`` — the year file's
    ``[residents] plausible_max`` —, 零售额 above 交易额), which then reads the whole list and reports it.
    ``tests/engine/test_resident_columns.py`` holds the two ways equal."""
    limits = load().residents.plausible_max if limits is None else limits
    column = rows.column if isinstance(rows, ResidentTable) else (lambda h: [r.values.get(h) for r in rows])
    n = len(rows)
    names = column(NAME)
    if set(map(type, names)) != {str} or not unicodedata.is_normalized("NFKC", "\n".join(names)):
        return None
    names = [v.strip() for v in names]               # normalize() of text already in NFKC form
    joined = "\n".join(names)
    if not all(names) or joined.count("\n") != n - 1 or " " in joined or not joined.replace("\n", "").isprintable():
        return None                                  # key_of_normalized() would take the long way: so do we
    if not NO_NAMES.isdisjoint(names):               # a row struck through with “/”: no company, said or not
        return None
    if _CODE_RUN.search(joined):                     # a code typed into a name (named_code): the row way reads it
        return None
    joined = joined.lower().replace("有限责任公司", "有限公司").replace("股份有限公司", "股份公司").replace(SOLE_TRADER, "")
    keys = joined.split("\n")
    if any(mark in joined for mark in KEY_STRIP):    # a name ending in punctuation (rare): each key trimmed
        keys = [k.strip(KEY_STRIP) for k in keys]
    typed_codes = column(RESIDENT_USCC)
    codes = _codes(typed_codes, n)
    filled = [c for c in codes if c]
    if len(set(keys)) != n or len(set(filled)) != len(filled) or not all_valid(filled):   # a wrong code: said
        return None
    # a code Excel made a number of (no code to _codes, as to uscc.key): said row by row; so is a mobile
    if len(filled) < n and any(lost_digits(raw) for raw, c in zip(typed_codes, codes) if not c):
        return None
    contacts = column(CONTACT)   # a number shown as 1.39085E+10 has a "+": a list with none is looked at once
    if "+" in "".join(v for v in contacts if isinstance(v, str)) and any(map(lost_phone, contacts)):
        return None
    if any(map(closed_status, set(column(RESIDENT_STATUS)))) or any(map(closed_note, set(column(NOTE)))):
        return None                                  # a company 注销 or 迁出: said row by row
    t = ResidentTotals(companies=n, listed=n, keys=[c if len(c) == 18 else "名称:" + k for c, k in zip(codes, keys)],
                       name_digests=name_digests([k for c, k in zip(codes, keys) if len(c) == 18 and k]))
    staff = [v for v in column(STAFF) if v is not None and v != ""]
    if not _whole_counts(staff) or (staff and max(staff) > _cap(limits, STAFF)):   # a mobile pasted: reported
        return None
    t.staff, t.staff_rows = sum(map(int, staff)), len(staff)
    trade_column, retail_column = column(TRADE), column(RETAIL)
    trade, retail = _amount_column(trade_column, t, _cap(limits, TRADE)), _amount_column(retail_column, t,
                                                                                       _cap(limits, RETAIL))
    if trade is None or retail is None or _retail_above_trade(trade_column, retail_column):
        return None
    (t.trade, t.trade_rows), (t.retail, t.retail_rows) = trade, retail
    for note, times in Counter(column(NOTE)).items():   # a list repeats a few 备注 (示范企业, 规上企业 …)
        if note is not None and note != "":
            _count_note(t, normalize(note), note_keywords, times)
    return t


def _cap(limits: dict[str, float], header: str) -> float:
    """The largest figure of a column the column way sums: the year file's ceiling, and always below a mobile number."""
    return min(limits.get(header, _INF), plausible.PHONE_LOW - 1)


def _codes(raw: Sequence[Any], n: int) -> list[str]:
    """The 统一社会信用代码 column as :func:`_code` gives each (a column of plain ASCII text: in one go)."""
    if set(map(type, raw)) == {str}:
        joined = "\n".join(raw)
        upper = joined.upper()
        if upper.isascii() and upper.count("\n") == n - 1 and not any(c in upper for c in _NOT_PLAIN):
            codes = upper.replace(" ", "").split("\n")   # strip() would only take spaces, gone already
            return ["" if c.endswith("000") and rounded(c) else c for c in codes]   # no code: as uscc.key says
    return [_code(c) for c in raw]


# ASCII white space besides " " and the separator "\n"; what uscc.key drops or reads as a digit (- ' ` O I); “/”;
# "+" of a code Excel made a number of, copied as text (9.15201E+17: no code, uscc.lost_digits); a note's brackets
_NOT_PLAIN = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f-'`OI/+([:"


def _whole_counts(values: list[Any]) -> bool:
    """Every value a whole, finite, non-negative number (int or float, not bool)."""
    kinds = set(map(type, values))
    if not kinds <= {int, float} or (values and (min(values) < 0 or max(values) == _INF)):
        return False
    return float not in kinds or all(map(float.is_integer, (v for v in values if v.__class__ is float)))


def _retail_above_trade(trade: Sequence[Any], retail: Sequence[Any]) -> bool:
    """A row whose 零售额 is above its 交易额 (numbers only: the columns passed :func:`_amount_column`)."""
    if None in trade or "" in trade or None in retail or "" in retail:
        return any(b > a for a, b in zip(trade, retail) if a is not None and a != "" and b is not None and b != "")
    return any(map(operator.gt, retail, trade))


def _code(raw: Any) -> str:
    """A resident's 统一社会信用代码 as the list's keys use it ("" when blank, or no digit in it — “无”, “/”, “暂无代码”,
    “个体户”, “N/A”: no code, nothing repeated): as typed, O for 0 and all."""
    return "" if raw is None or raw == "" else uscc_key(raw)


AMOUNT_RANGE = (1e-4, 1e9)   # plain amounts: repr() writes them without an exponent, and no two decimals of
MAX_PLACES = 6               # up to six places share one float (its spacing stays below 1e-6 under 1e9)


def _amount_column(values: Sequence[Any], t: ResidentTotals, cap: float = _INF) -> tuple[Decimal, int] | None:
    """A 交易额/零售额 column as :meth:`_Tally._number` reads it: (the exact decimal sum of its numbers, as
    Decimal(repr(v)) added one by one gives it; how many cells are filled), the decimals typed going into
    ``t``. None when a cell needs the parser or its own look (text, a negative, 5e-05, 1e+16, seven places, a
    figure past ``cap``).

    The sum is taken on integers: with ``p`` the fewest places that give every float back, each float is
    ``round(v * 10**p) / 10**p`` exactly — what Decimal(repr(v)) would take six times as long to find."""
    present = [v for v in values if v is not None and v != ""] if None in values or "" in values else values
    kinds = set(map(type, present))
    if not kinds <= {float, int}:
        return None
    floats = list(present) if kinds == {float} else [v for v in present if v.__class__ is float]
    ints = [v for v in present if v.__class__ is int] if int in kinds else []
    if present and (not _plain_amounts(present, floats) or max(present) > cap):
        return None
    places, scaled = 0, []
    if floats:
        probe = floats[:8]
        for places in range(MAX_PLACES + 1):
            unit = 10 ** places
            if not all(round(v * unit) / unit == v for v in probe):   # most wrong places show in a few cells
                continue
            scaled = [round(v * unit) for v in floats]
            if [i / unit for i in scaled] == floats:
                break
        else:
            return None
    exponent = max(1, places) if floats else 0    # repr() writes 6.0 for a whole float: one place
    total = sum(scaled) * 10 ** (exponent - places) + sum(ints) * 10 ** exponent
    t.decimals = max(t.decimals, places)
    return Decimal(total).scaleb(-exponent), len(present)


def _plain_amounts(present: Sequence[Any], floats: Sequence[float]) -> bool:
    """No NaN or infinity, nothing negative, nothing repr() writes with an exponent (under 1e-4 or from 1e16)."""
    try:
        if not math.isfinite(math.fsum(floats)):
            return False
    except (OverflowError, ValueError):      # inf - inf
        return False
    low, high = AMOUNT_RANGE
    least, most = min(present), max(present)
    if least < 0 or most >= high:
        return False
    if least < low:
        least = min((v for v in present if v > 0), default=low)
    return least >= low


class _Tally:
    """The list's sums, company keys and findings, one row at a time (on the refresh hot path, 300 rows a
    park: plain numbers and names take the short way, anything else the parsers)."""

    def __init__(self, note_keywords: dict[str, tuple[str, ...]], limits: dict[str, float] | None = None,
                 said_names: Collection[int] = ()) -> None:
        self.t, self.findings = ResidentTotals(), []
        self.said_names = said_names   # rows whose blank 企业名称 the reader already said (an error value, a picture)
        self.note_keywords = note_keywords
        self.limits = load().residents.plausible_max if limits is None else limits
        self.seen: dict[str, list[int]] = {}        # company key → rows
        self.seen_uscc: dict[str, list[int]] = {}   # code → rows
        self.display: dict[str, str] = {}           # company key → the name as first written
        self.coded_names: list[str] = []            # company keys of the rows keyed by their code
        self.code_name: dict[str, str] = {}         # code → the name of its first row
        self.rows_of: dict[str, list[ResidentRow]] = {}        # company key → its rows (where to say a repeat)
        self.rows_of_code: dict[str, list[ResidentRow]] = {}   # code → its rows
        self.lost_codes: list[ResidentRow] = []     # rows whose code Excel made a number of (uscc.lost_digits)
        self.wrong_codes: list[tuple[ResidentRow, str]] = []   # rows whose code is no valid code, and why
        self.lost_phones: list[ResidentRow] = []    # rows whose 联系方式 is a number as Excel showed it (lost_phone)
        self.closed: list[tuple[ResidentRow, str]] = []   # rows of a company 注销, 吊销, 迁出 …, and what says so

    def add(self, r: ResidentRow) -> None:
        get = r.values.get
        name = normalize(get(NAME))
        struck = name in NO_NAMES
        if struck:                   # a row nobody used, struck through: no company, its “/” figures no figures
            if all(no_amount(get(h)) for h in (STAFF, TRADE, RETAIL)):
                return
            name = ""
        name, code_in_name = named_code(name)   # "贵州甲公司（91520102…）": the name, and the company's code
        staff, trade, retail = self._number(r, STAFF, get(STAFF), name), self._number(r, TRADE, get(TRADE), name), \
            self._number(r, RETAIL, get(RETAIL), name)
        if not name:
            if any(v not in (None, 0) for v in (staff, trade, retail)) and r.row not in self.said_names:   # 0s: unused
                said = f"为“{normalize(get(NAME))}”" if struck else "为空"
                self.findings.append(_row_finding("XC_RESIDENT_ROW", r, NAME, f"{_row_label(r)}填了数据但企业名称{said}"))
            return
        t = self.t
        t.listed += 1
        key = key_of_normalized(name).replace(SOLE_TRADER, "")
        row = r.row or 0
        at = self.seen.get(key)
        repeat = at is not None
        self.rows_of.setdefault(key, []).append(r)
        if at is None:
            self.seen[key] = [row]
            self.display[key] = name
        else:
            at.append(row)
        code, again = self._code(r, row, name, code_in_name)
        repeat = repeat or again
        if lost_phone(get(CONTACT)):
            self.lost_phones.append(r)
        self._closed(r)
        if code and len(code) == 18:
            t.keys.append(code)
            if key:
                self.coded_names.append(key)
        else:
            t.keys.append("名称:" + key)
        if retail is not None and trade is not None and retail > trade:
            self.findings.append(_row_finding(
                "XC_RESIDENT_ROW", r, RETAIL, f"{_row_label(r)}{name}的年度网络零售额{fmt(retail)}万元大于年度网络交易额"
                                              f"{fmt(trade)}万元（零售额是交易额的一部分）"))
        if repeat:                   # the company counts once, with its first row's figures
            return
        t.companies += 1
        if staff is not None:
            t.staff += staff
            t.staff_rows += 1
        if trade is not None:
            t.trade += trade
            t.trade_rows += 1
        if retail is not None:
            t.retail += retail
            t.retail_rows += 1
        note = get(NOTE)
        if note is not None:
            self._note(normalize(note))

    def _closed(self, r: ResidentRow) -> None:
        """Remember a row whose 登记状态 or 备注 says the company is closed or gone (注销, 迁出 …)."""
        if (status := r.values.get(RESIDENT_STATUS)) and closed_status(status):
            self.closed.append((r, f"登记状态“{one_line(str(status).strip())}”"))
        elif (note := r.values.get(NOTE)) and closed_note(note):
            self.closed.append((r, f"备注“{one_line(str(note).strip())}”"))

    def _code(self, r: ResidentRow, row: int, name: str, code_in_name: str = "") -> tuple[str, bool]:
        """The row's code as the list's keys use it (the code column's, else one typed into the 企业名称), and whether
        an earlier row has it (a repeat)."""
        raw = r.values.get(RESIDENT_USCC)
        code = _code(raw) or code_in_name
        if not code:
            if lost_digits(raw):
                self.lost_codes.append(r)
            return code, False
        if not (p := parse_code(code)).ok:
            self.wrong_codes.append((r, f"“{code}”{p.error.split('，请')[0]}"))
        rows_of_code = self.seen_uscc.setdefault(code, [])
        # only a real-looking code makes two names one company (“无”, “/” are no code at all: see _code)
        again = bool(rows_of_code) and len(code) == 18
        rows_of_code.append(row)
        self.rows_of_code.setdefault(code, []).append(r)
        self.code_name.setdefault(code, name)
        return code, again

    def _number(self, r: ResidentRow, header: str, raw: Any, name: str) -> Any:
        """从业人数 (a whole number), 交易额 or 零售额 of one row (None when blank); one that cannot be read, a
        mobile number and a figure past the year file's ``[residents] plausible_max`` are reported and add
        nothing. The decimals typed are remembered for the rounding tolerance."""
        if raw is None or no_amount(raw):   # blank, or “/”, “—”, 不涉及 (a B2B resident's 零售额): nothing to add or say
            return None
        if plausible.typed_phone(raw) is not None:   # 联系方式 pasted a column off: no figure to add
            self.findings.append(_row_finding("XC_RESIDENT_ROW", r, header, f"{_row_label(r)}{name or ''}的{header}"
                                              f"“{typed(raw)}”像是手机号码，不是{header}，未计入合计，请改正"))
            return self._refused(header)
        value = self._read(r, header, raw, name)
        if value is None:        # not a number, or a date typed: said, nothing added
            return self._refused(header)
        limit = self.limits.get(header)
        if limit is None or value <= limit:
            return value
        label, unit = header.removesuffix("（万元）"), "人" if header == STAFF else "万元"
        note = plausible.checked(Parsed(value=value), raw, label, unit, limit, who="一家入驻企业").note or ""
        self.findings.append(_row_finding("XC_RESIDENT_ROW", r, header, f"{_row_label(r)}{name or ''}的{header}"
                                          f"“{typed(raw)}”：{note.removesuffix('。')}，未计入合计，请改正"))
        return self._refused(header)

    def _refused(self, header: str) -> None:
        """A filled figure said and added to no total: counted, so the list is not called blank in that column."""
        self.t.refused[header] = self.t.refused.get(header, 0) + 1

    def _read(self, r: ResidentRow, header: str, raw: Any, name: str) -> Any:
        """A filled figure as :meth:`_number` reads it, before its ceiling."""
        if isinstance(raw, DATE_LIKE):   # typed into a cell painted with a date format: the number typed, said
            raw, dated = dated_figure(raw, False)
            self.findings.append(_row_finding("XC_RESIDENT_ROW", r, header,
                                              f"{_row_label(r)}{name or ''}的{header}{dated}"))
            if typed_date(raw):   # a date typed (2024/5/1 is 45413): no figure anybody wrote, added to no total
                return None
        kind = type(raw)
        if kind is float and raw >= 0 and raw != _INF:   # calamine's numbers (not NaN: NaN >= 0 is False)
            if header == STAFF:
                if raw.is_integer():
                    return int(raw)
            else:
                text = repr(raw)
                if "e" not in text:          # 1e+21 and 1e-07 go to the full parser
                    if not raw.is_integer():
                        places = len(text) - text.index(".") - 1
                        if places > self.t.decimals:
                            self.t.decimals = places
                    return Decimal(text)
        elif kind is int and raw >= 0:
            return raw
        p = number.parse_count(raw, field_unit="人") if header == STAFF else number.parse_amount(raw)
        if p.error:
            self.findings.append(_row_finding("XC_RESIDENT_ROW", r, header,
                                              f"{_row_label(r)}{name or ''}的{header}“{typed(raw)}”{p.error}"))
        if p.ok and header != STAFF:
            self.t.decimals = max(self.t.decimals, _decimals(raw))
        return p.value

    def _note(self, note: str) -> None:
        _count_note(self.t, note, self.note_keywords)

    def finish(self, rows: list[ResidentRow]) -> tuple[ResidentTotals, list[Finding]]:
        """The totals, with one finding per company or code listed twice."""
        t, findings = self.t, self.findings
        t.name_digests, t.wrong_codes = name_digests(self.coded_names), len(self.wrong_codes)
        for key, at in self.seen.items():
            if len(at) > 1:
                shown = self.display[key]
                t.duplicates.append((shown, at))
                listed = self.rows_of[key]
                findings.append(make("XC_RESIDENT_DUP", field=NAME, at=_where(listed[1], NAME),
                                     detail=f"“{shown}”在名单中出现{len(at)}次（{_rows_named(listed, True)}）{_ONCE}"
                                            f"{_codes_differ(listed)}"))
        by_name = list(t.duplicates)
        for code, at in self.seen_uscc.items():
            if len(at) > 1 and not any(set(at) == set(d[1]) for d in by_name):
                once = _ONCE if len(code) == 18 else ""
                if once and all(self.code_name[code] != d[0] for d in by_name):
                    t.duplicates.append((self.code_name[code], at))
                listed = self.rows_of_code[code]
                second = listed[1]
                where = (second.sheet, second.cell(RESIDENT_USCC) or second.cell(NAME))
                findings.append(make("XC_RESIDENT_DUP", field=RESIDENT_USCC, at=where, detail=(
                    f"统一社会信用代码{code}在名单中出现{len(at)}次（{_rows_named(listed)}）{once}"
                    + _NAMES_DIFFER * _names_differ(listed))))
        if lost := self.lost_codes:   # one finding for the column: a whole column typed into General cells is common
            more = "等" if len(lost) > SAID_ROWS else ""
            findings.append(make("XC_RESIDENT_ROW", field=RESIDENT_USCC, at=_where(lost[0], RESIDENT_USCC), detail=(
                f"{_rows_said(lost[:SAID_ROWS])}{more}{len(lost)}家企业的统一社会信用代码{LOST}；"
                "本工具未按代码判断这些企业是否重复")))
        if wrong := self.wrong_codes:   # as for codes made numbers: one finding for the column
            more = "等" if len(wrong) > SAID_ROWS else ""
            first = [r for r, _why in wrong[:SAID_ROWS]]
            findings.append(make("XC_RESIDENT_ROW", field=RESIDENT_USCC, at=_where(first[0], RESIDENT_USCC), detail=(
                f"{_rows_said(first)}{more}{len(wrong)}家企业的统一社会信用代码有误（"
                + "；".join(f"第{r.row or 0}行{why}" for r, why in wrong[:SAID_ROWS])
                + "），请对照营业执照核对后改正（与其他园区、基地的名单核对时，有误的代码不作依据，按企业名称认）")))
        if lost := self.lost_phones:  # as for codes: one finding for the column
            more = "等" if len(lost) > SAID_ROWS else ""
            findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, field=CONTACT, at=_where(lost[0], CONTACT),
                                 detail=f"{_rows_said(lost[:SAID_ROWS])}{more}{len(lost)}家企业的联系方式"
                                        f"“{typed(lost[0].values.get(CONTACT))}”{LOST_PHONE}"))
        if closed := self.closed:   # one finding for the column, as for codes
            more = "等" if len(closed) > SAID_ROWS else ""
            first = [r for r, _why in closed[:SAID_ROWS]]
            findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, field=NAME, at=_where(first[0], RESIDENT_STATUS),
                                 detail=(f"名单中{len(closed)}家企业已注销、吊销、停业或迁出（"
                                         + "；".join(f"第{r.row or 0}行{why}" for r, why in closed[:SAID_ROWS])
                                         + f"{more}），不再是入驻企业；家数和各项合计仍计入了它们，请核实后从名单中删去"
                                           "（申报表的入驻企业家数、交易额、零售额随之更正）")))
        return t, findings


# 登记状态 of a company no longer in business (国家企业信用信息公示系统 as 企查查/天眼查 export it: 存续、在业 are not)
CLOSED = ("注销", "吊销", "撤销", "停业", "歇业", "清算", "责令关闭", "迁出")
# a 备注 saying so: the word said of the company ("已注销", "注销", "已迁出", "已退园"), not of a service it offers
_CLOSED_NOTE = re.compile(r"(?:^|已|被|[,，;；、(])(?:注销|吊销|撤销|停业|歇业|迁出|退园|搬离)")


def closed_status(raw: Any) -> bool:
    """A 登记状态 (经营状态) of a company no longer in business: 注销, 吊销, “吊销，未注销”, 迁出 … (not “存续”, “在业”).

    >>> [closed_status(v) for v in ("注销", "吊销，未注销", "存续（在营、开业、在册）", "在业", None, "迁出")]
    [True, True, False, False, False, True]
    """
    if not isinstance(raw, str) or not raw:   # a list without the column: "" in every row (the refresh hot path)
        return False
    text = normalize(raw)
    return any(says(text, w) for w in CLOSED)


def closed_note(raw: Any) -> bool:
    """A 备注 saying the company is closed or gone ("已注销", "2023年已迁出", "已退园"), not "未注销" or a service.

    >>> [closed_note(v) for v in ("已注销", "2023年12月已迁出", "已退园", "未注销", "提供注销代办服务", None, "示范企业")]
    [True, True, True, False, False, False, False]
    """
    return isinstance(raw, str) and bool(_CLOSED_NOTE.search(normalize(raw)))


def lost_phone(raw: Any) -> bool:
    """A 联系方式 that is a number as Excel showed it in scientific notation ("1.39085E+10"), copied or exported as text:
    its last digits are lost (a number cell holds the whole mobile, and is no such text)."""
    return isinstance(raw, str) and _SHOWN_SCIENTIFIC.fullmatch(raw.strip()) is not None


def _rows_said(rows: list[ResidentRow]) -> str:
    """"第7、10行", or, for a list going on over several sheets, "工作表“名单”第7行、工作表“续页”第6行"; the first
    SAID_ROWS of them, then how many in all (a company listed 3000 times is no 15 000-character message)."""
    more = f"等{len(rows)}行" if len(rows) > SAID_ROWS else ""
    if len({r.sheet for r in rows}) > 1:
        return "、".join(f"工作表“{one_line(r.sheet)}”第{r.row or 0}行" for r in rows[:SAID_ROWS]) + more
    return f"第{'、'.join(str(r.row or 0) for r in rows[:SAID_ROWS])}行{more}"


SAID_ROWS = 10   # hidden rows of a list named one by one; more are counted
# one code on rows of companies named otherwise: a code filled down or pasted onto the wrong row, most likely
_NAMES_DIFFER = "。这几行的企业名称不同，可能是把代码填到了别的企业的行上，请对照营业执照核对各行的统一社会信用代码"


def _codes_differ(rows: list[ResidentRow]) -> str:
    """"。这几行的统一社会信用代码不同（第8行9152…、第9行9152…）…" for rows of one name giving two codes, else ""."""
    codes = [(r, _code(r.values.get(RESIDENT_USCC))) for r in rows]
    if len({c for _r, c in codes if c}) < 2:
        return ""
    sheets = len({r.sheet for r in rows}) > 1
    said = "、".join(f"{f'工作表“{one_line(r.sheet)}”' if sheets else ''}第{r.row or 0}行{c or '未填'}"
                    for r, c in codes[:SAID_ROWS])
    return (f"。这几行的统一社会信用代码不同（{said}{'等' if len(codes) > SAID_ROWS else ''}），请对照营业执照核对："
            "是同一企业的删去多余的行，是两家企业的写明各自的全称")


def _row_name(r: ResidentRow) -> str:
    return one_line(normalize(r.values.get(NAME)))


def _names_differ(rows: list[ResidentRow]) -> bool:
    return len({key_of_normalized(normalize(r.values.get(NAME))) for r in rows}) > 1


def _rows_named(rows: list[ResidentRow], spelled: bool = False) -> str:
    """"第10行“贵州甲公司”、第11行“贵州乙公司”" (:func:`_rows_said` with each row's 企业名称) for rows of one code
    whose names differ (``spelled``: written differently, 有限公司/有限责任公司); the first SAID_ROWS, then how many more."""
    if not (_names_differ(rows) or spelled and len({_row_name(r) for r in rows}) > 1):
        return _rows_said(rows)
    sheets = len({r.sheet for r in rows}) > 1
    said = [f"{f'工作表“{one_line(r.sheet)}”' if sheets else ''}第{r.row or 0}行“{_row_name(r)}”" for r in rows[:SAID_ROWS]]
    return "、".join(said) + (f"等{len(rows)}行" if len(rows) > SAID_ROWS else "")


HIDDEN_ASKS = 400   # questions about blocks of rows: a few hidden runs in 100,000 rows take a few dozen


def hidden_among(hidden: Callable[[int, int], Any], rows: Sequence[int], most: int = HIDDEN_ASKS) -> list[int]:
    """Of ``rows`` (ascending), those a spreadsheet program says are hidden (a filter left on, hidden by hand), asking
    ``hidden(a, b)`` of blocks as Excel answers Range.EntireRow.Hidden: True when all of rows a…b are hidden, False
    when none is, anything else when mixed (the block is halved). One question when none is hidden; a block holding
    none of ``rows`` is not asked about; at most ``most`` questions."""
    out: list[int] = []
    todo, asked = ([(rows[0], rows[-1])] if rows else []), 0
    while todo and asked < most:
        a, b = todo.pop()
        lo = bisect_left(rows, a)
        if lo == len(rows) or rows[lo] > b:
            continue
        asked += 1
        said = hidden(a, b)
        if said is True:
            out += rows[lo:bisect_left(rows, b + 1)]
        elif said is not False and a < b:
            mid = (a + b) // 2
            todo += [(mid + 1, b), (a, mid)]
    return sorted(out)


def hidden_rows_named(rows: Sequence[int]) -> str:
    """"7、8" — a list's hidden rows as `check` and SB_RESIDENTS name them (the first ten, then 等)."""
    return "、".join(str(r) for r in rows[:SAID_ROWS]) + ("等" if len(rows) > SAID_ROWS else "")


def struck_said(rows: Sequence[int]) -> str:
    """What check and SB_RESIDENTS say of a list's ``rows`` whose 企业名称 is struck through (删除线): left out."""
    return (f"第{hidden_rows_named(rows)}行（{len(rows)}行）的企业名称有删除线，按已划去的企业处理，未计入家数和各项合计；"
            "如果这些企业仍在本园区/基地，请取消删除线后重新检查，如果已不在，请删去这些行")


# How a repeated company is counted, said wherever a repeat is reported.
_ONCE = "，按一家企业计，家数和各项合计只取它第一次出现的那一行"


def _count_note(t: ResidentTotals, note: str, note_keywords: dict[str, tuple[str, ...]], times: int = 1) -> None:
    """One 备注 (normalised), written ``times`` times: which claims (示范/统计调查/上市/授权) it supports."""
    if not note:
        return
    for fname, words in note_keywords.items():
        if any(says(note, w) for w in words):
            t.notes[fname] = t.notes.get(fname, 0) + times


_NUMERAL = re.compile(r"\d+(?:\.(\d+))?")
_WAN_PER = {"亿元": Decimal(10000), "万元": Decimal(1), "元": Decimal("0.0001")}


def typed_step(raw: Any, unit: str = "万元") -> Decimal:
    """The value of one unit of the last digit typed, in 万元, in a cell whose printed unit is ``unit``: 3.25 in a
    亿元 cell or "3.25亿" anywhere is 0.01亿 (100万), "1,234.5" 0.1万, "125000元" 1元 (0.0001万). The unit the text
    itself names counts, never its letters as digits ("3.5亿元" has one decimal, not three).

    >>> [float(typed_step(v, u)) for v, u in ((3.25, "亿元"), ("3.25亿", "万元"), ("3.5亿元", "亿元"), ("3.5", "亿元"))]
    [100.0, 100.0, 1000.0, 1000.0]
    >>> [float(typed_step(v)) for v in ("1,234.5", "125000元", "12.5万元", 30000, 12.34)]
    [0.1, 0.0001, 0.1, 1.0, 0.01]
    """
    per = _WAN_PER.get(unit, Decimal(1))
    if not isinstance(raw, str):
        text = fmt(raw)
        return Decimal(1).scaleb(-(len(text.split(".")[1]) if "." in text else 0)) * per
    text = normalize(raw).replace(",", "")
    numerals = _NUMERAL.findall(text)
    found = _NUMERAL.search(text)
    p = number.parse_amount(raw, unit) if len(numerals) == 1 else None
    if p is None or not p.ok or p.value is None or found is None or not Decimal(found.group()):
        places = len(text.split(".")[1]) if "." in text else 0   # 叁亿, 1万2千: the digits after a point, if any
        return Decimal(1).scaleb(-places) * per
    places = len(numerals[0])
    return (Decimal(p.value) / Decimal(found.group())) * Decimal(1).scaleb(-places)


def _decimals(raw: Any) -> int:
    """The decimal places in 万元 of a list's figure as typed (0 for a figure typed in 亿元)."""
    return max(0, -typed_step(raw).normalize().as_tuple().exponent)


def tolerance(declared_half_unit: Decimal, declared: Decimal, rows: int, row_decimals: int) -> Decimal:
    """How far the list's sum may be from the declared figure because of rounding, in 万元.

    Each side may be rounded to the last digit typed (half a unit each, per row for the list), but never
    more than 1% of the declared figure is excused, and at least 0.5万元 is.

    >>> tolerance(Decimal("0.005") * 10000, Decimal(32500), 300, 2)
    Decimal('51.500')
    >>> tolerance(Decimal("5000"), Decimal(30000), 10, 0)
    Decimal('300.00')
    """
    rows_rounding = Decimal("0.5").scaleb(-row_decimals) * rows
    return max(Decimal("0.5"), min(declared_half_unit + rows_rounding, declared * Decimal("0.01")))


def names_of(rows: Sequence[ResidentRow], keys: set[str]) -> dict[str, str]:
    """{key: the 企业名称 of its first row, as written} of the list's residents of these keys (a code — the code column's,
    else one typed into the name — or "名称:" and the name compared, as the list's keys take them): the companies an
    XC_CROSS_APP gives by their code or by the name it compares (lower case, 有限责任公司 as 有限公司)."""
    if isinstance(rows, ResidentTable):   # by column: no row objects made for a 300-company list
        pairs = zip(rows.column(NAME), rows.column(RESIDENT_USCC))
    else:
        pairs = ((r.values.get(NAME), r.values.get(RESIDENT_USCC)) for r in rows)
    by_name = any(k.startswith("名称:") for k in keys)
    out: dict[str, str] = {}
    for raw_name, raw_code in pairs:
        name, code_in_name = named_code(normalize(raw_name))
        if not name or name in NO_NAMES:
            continue
        for key in (_code(raw_code) or code_in_name,
                    "名称:" + key_of_normalized(name).replace(SOLE_TRADER, "") if by_name else ""):
            if key in keys and key not in out:
                out[key] = name
    return out


def list_findings(rows: Sequence[ResidentRow], rules: Rules | None = None) -> tuple[ResidentTotals, list[Finding]]:
    """The list's totals and what is wrong inside the list itself (a row's figures, repeats, its own 合计 row
    disagreeing with its rows): what ``shibai check`` and SB_RESIDENTS say of the list without the form."""
    t, findings = totals(rows, rules)
    return t, [*findings, *_printed_total(rows, t)]


def closing_total(total_rows: Sequence[tuple[int, Any]], numbers: Sequence[int]) -> tuple[int, Any] | None:
    """The 合计 row under the last company ((row, what was read of it)); None when there is none, or several
    (小计 rows between sections: which companies each sums cannot be told). The file reader and SB_RESIDENTS."""
    if len(total_rows) != 1 or not numbers or total_rows[0][0] < numbers[-1]:
        return None
    return total_rows[0]


def printed_total(rows: Sequence[ResidentRow], rules: Rules | None = None) -> list[Finding]:
    """Only the 合计 row check of ``rows``: one file of a list sent in several files, whose 合计 sums its own rows."""
    return _printed_total(rows, totals(rows, rules)[0]) if getattr(rows, "total_row", None) is not None else []


def _printed_total(rows: Sequence[ResidentRow], t: ResidentTotals) -> list[Finding]:
    """The list's own 合计 row (left out of the sums) against the sums of the rows above it: a printed figure
    that disagrees beyond rounding (the list-vs-form tolerance) is said at its cell. Every row counts here, repeats
    too, and struck or hidden rows may (SUM, SUBTOTAL): no slip. Only a list with a 合计 row does this work."""
    total_row = getattr(rows, "total_row", None)
    if total_row is None:
        return []
    r, printed = total_row
    out = []
    for header, unit in ((STAFF, "人"), (TRADE, "万元"), (RETAIL, "万元")):
        shown = _figure(printed.get(header), header)
        summed = _column_sum(rows.column(header), header)
        if shown is None or summed is None:
            continue
        total, filled = summed
        if header == STAFF:
            allowed = Decimal(0)
        else:
            half_unit = typed_step(printed[header]) / 2
            allowed = tolerance(half_unit, Decimal(shown), filled, t.decimals)
        struck, unseen = (_column_sum(getattr(rows, a, {}).get(header, ()), header) or (0, 0) for a in ("struck", "unseen"))
        if all(abs(shown - total - s + u) > allowed for s in (0, struck[0]) for u in (0, unseen[0])):   # SUM, SUBTOTAL
            margin = f"，超出四舍五入允许的±{fmt(allowed)}{unit}" if allowed else ""
            letter = rows.letters.get(header)   # none for a range handed to SB_RESIDENTS
            out.append(make("XC_RESIDENT_ROW", field=header, at=(rows.sheet, f"{letter}{r}" if letter else None), detail=(
                f"第{r}行合计行的{header.removesuffix('（万元）')}为{fmt(shown)}{unit}，但名单各行之和为{fmt(total)}{unit}，"
                f"相差{fmt(abs(shown - total))}{unit}{margin}。"
                + (_typed_as_text(rows, header, shown, allowed, "合计行", "重新计算合计行")
                   or "各项合计按名单各行计算，未采用合计行，请核对合计行"))))
    return out


def _typed_as_text(rows: Sequence[ResidentRow], header: str, shown: Any, allowed: Any, summed: str, redo: str
                   ) -> str | None:
    """Why a figure summing the list (its 合计 row, the form's =SUM of it) is short, when it is: figures typed as
    text ("12.5" in a text cell, "12.5万"), which the tool counts and a spreadsheet's SUM leaves out — the rows
    named; None when the figure is not the sum without them."""
    texts, numbers = [], 0
    pairs = zip(rows.row_numbers, rows.column(header)) if isinstance(rows, ResidentTable) else \
        ((r.row, r.get(header)) for r in rows)
    for row, raw in pairs:
        v = _figure(raw, header)
        if v is None:
            continue
        if isinstance(raw, str):
            texts.append(f"第{row}行“{raw}”" if row else f"“{raw}”")
        else:
            numbers += v
    if not texts or abs(shown - numbers) > allowed:
        return None
    more = f"等{len(texts)}行" if len(texts) > _NAMED_TEXTS else ""
    return (f"{'、'.join(texts[:_NAMED_TEXTS])}{more}是以文本形式填写的数字，{summed}恰好是不含这些行的合计"
            f"（SUM公式不计入文本），本工具已按数字计入名单各项合计；请把这些单元格改为数字后{redo}")


_NAMED_TEXTS = 10


def _figure(raw: Any, header: str) -> Any:
    """A figure of the 从业人数/交易额/零售额 columns as :class:`_Tally` reads it; None when blank or unreadable."""
    if raw is None or raw == "":
        return None
    raw, dated = dated_figure(raw, False)
    if dated and typed_date(raw):   # a date typed, which the row's reading adds to no total either
        return None
    p = (number.parse_count if header == STAFF else number.parse_amount)(raw)
    return p.value if p.ok else None


def _column_sum(values: Sequence[Any], header: str) -> tuple[Any, int] | None:
    """(the sum of a column's figures, how many rows have one); None when a figure cannot be read (its row is
    reported already, and what the 合计 should be is unknown)."""
    total, filled = 0, 0
    for raw in values:
        if raw is None or no_amount(raw):
            continue
        v = _figure(raw, header)
        if v is None:
            return None
        total += v
        filled += 1
    return total, filled


def listed_companies(t: ResidentTotals) -> str:
    """"9家" or, when companies are listed twice, "10行、去掉重复后9家"."""
    return f"{t.listed}行、去掉重复后{t.companies}家" if t.listed != t.companies else f"{t.companies}家"
