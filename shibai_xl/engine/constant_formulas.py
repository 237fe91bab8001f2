"""The result of a clerk's formula as Excel computes it, so that a summary a refresh or merge saves (openpyxl keeps a
formula, not its result) carries its result for the readers that compute nothing — the province's merge read such a
cell as no figure till someone opened and saved the summary in Excel/WPS: a 市州评分 =AVERAGE(90,80), an amount
=1200+350, and (given the values of the workbook's cells, :mod:`...adapters.xlsx.formula_results`) =K6/10000,
=SUM(K6:K20), =AVERAGE(W4:Y4), =项目汇总表!K21.

Only numbers, references to cells (A1, $K$6, K6:K20, 项目汇总表!K6, 'Sheet 2'!A1), + - * / ^ %, brackets and SUM,
AVERAGE, MIN, MAX, ROUND, COUNT, COUNTA (of references) and COUNTIF (of a reference, a plain text or number
criterion: "基地", "=基地", ">5", 5) are computed, as Excel does; a formula with anything else (a name, text, another function, a
comparison, a whole column, another workbook) gets no result here, and so does one that reads a cell holding text, a
date, TRUE/FALSE or an error (=K6+1 of a text K6: Excel's #VALUE!, or a conversion we do not guess) — in SUM,
AVERAGE, MIN, MAX a referenced cell holding text or nothing is left out, as Excel leaves it out. Nothing is evaluated by
Python: the formula is parsed by the grammar below, nothing else.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Protocol

_TOKEN = re.compile(r"""\s*(?:
    (?P<ref>(?:(?P<sheet>'(?:[^']|'')+'|[^\W\d][\w.]*)!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(!.:$'])
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<fn>(?:_xlfn\.)?[A-Za-z]+)\(
  | (?P<str>"(?:[^"]|"")*")
  | (?P<op>[-+*/^%(),]))""", re.X)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_FUNCTIONS = {"SUM", "AVERAGE", "MIN", "MAX", "ROUND", "COUNT", "COUNTA", "COUNTIF"}
MOST_TOKENS = 200
MOST_DEPTH = 20    # brackets and functions inside one another: a hand-typed formula has a few, a hostile one hundreds
MOST_COLUMN, MOST_ROW = 16384, 1048576

Area = tuple[str | None, int, int, int, int]
"""A reference: its sheet's title (None: the formula's own sheet), first row, first column, last row, last column."""


class Unknown(Exception):
    """No result: the formula is not one computed here, Excel gives an error value for it (#DIV/0!, #NUM!,
    #VALUE!), or a cell it reads has no value known (raised by a :class:`Cells`)."""



class Cells(Protocol):
    """The values of the workbook's cells, as a formula reads them: a number (float), None for an empty cell, or
    any other object for a cell holding text or TRUE/FALSE; raising :class:`Unknown` for a cell whose value is not
    known (an error value, a date, a formula without a result) or a sheet that is not there."""

    def value(self, sheet: str | None, row: int, column: int) -> object: ...

    def values(self, area: Area) -> Iterable[object]:
        """The area's cells that hold something, in Excel's order (row by row)."""
        ...


class Formula:
    """A formula parsed by the grammar: what it refers to (:attr:`areas`) and its result given the cells'."""

    def __init__(self, tokens: list[tuple[str, object]]) -> None:
        self.tokens = tokens
        self.areas: list[Area] = [value for kind, value in tokens if kind == "ref"]  # type: ignore[misc]

    def result(self, cells: Cells | None = None) -> float | None:
        """What Excel computes (None: no result, see :class:`Unknown`); without ``cells`` a reference has none."""
        try:
            parser = _Parser(self.tokens, cells)
            result = parser.expression(whole=True)
            if parser.at != len(self.tokens) or not math.isfinite(result):
                return None
        except (Unknown, IndexError, OverflowError, ZeroDivisionError):
            return None
        return result + 0.0


def parse(formula: object) -> Formula | None:
    """``formula`` (its text, "=" first) parsed, or None when it is not of the grammar (or too long, too deep).

    >>> parse("=SUM(K6:K8)/10000").areas, parse("='汇总 表'!$K$6+项目汇总表!A1").areas
    ([(None, 6, 11, 8, 11)], [('汇总 表', 6, 11, 6, 11), ('项目汇总表', 1, 1, 1, 1)])
    >>> parse("=SUM(K:K)"), parse("=[1]Sheet1!A1"), parse("=ROUNDUP(K6,2)"), parse("=XFE1"), parse("=A1 A2").result()
    (None, None, None, None, None)
    """
    if not isinstance(formula, str) or not formula.startswith("=") or len(formula) > 1000:
        return None
    tokens: list[tuple[str, object]] = []
    text, at = formula[1:], 0
    while at < len(text.rstrip()):
        m = _TOKEN.match(text, at)
        if m is None:
            return None
        kind = m.lastgroup or ""
        value: object = m.group(kind)
        if kind == "sheet":     # the last group closed is the reference's own
            kind, value = "ref", m.group("ref")
        if kind == "fn":
            value = str(value).upper().removeprefix("_XLFN.")
            if value not in _FUNCTIONS:
                return None
        if kind == "str":
            value = str(value)[1:-1].replace('""', '"')
        if kind == "ref":
            value = _area(str(value))
            if value is None:
                return None
        tokens.append((kind, value))
        at = m.end()
    if not tokens or len(tokens) > MOST_TOKENS or _depth(tokens) > MOST_DEPTH:
        return None
    return Formula(tokens)


def _area(text: str) -> Area | None:
    sheet: str | None = None
    if "!" in text:
        sheet, text = text.rsplit("!", 1)
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
    ends = []
    for part in text.split(":"):
        m = _CELL.fullmatch(part)
        if m is None:
            return None
        column = 0
        for letter in m.group(1).upper():
            column = column * 26 + ord(letter) - 64
        row = int(m.group(2))
        if not (1 <= row <= MOST_ROW and column <= MOST_COLUMN):
            return None     # a name such as ABC123 or XFE1, not a cell
        ends.append((row, column))
    (r0, c0), (r1, c1) = ends[0], ends[-1]
    return sheet, min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def constant_result(formula: object) -> float | None:
    """What Excel computes for ``formula`` (its text, "=" first) when it is made of numbers only; None otherwise.

    >>> constant_result("=AVERAGE(90,80)"), constant_result("=(90+80)/2"), constant_result("=-2^2"), constant_result("=50%")
    (85.0, 85.0, 4.0, 0.5)
    >>> constant_result("=AVERAGE(M4:M5)"), constant_result("=1/0"), constant_result('="85"'), constant_result("=TODAY()")
    (None, None, None, None)
    """
    parsed = parse(formula)
    return None if parsed is None else parsed.result()


def _depth(tokens: list[tuple[str, object]]) -> int:
    """How deep brackets and functions stand inside one another (the parser recurses once per level, and a chain of
    signs once per sign)."""
    depth = most = signs = 0
    for kind, value in tokens:
        depth += kind == "fn" or value == "("
        depth -= value == ")"
        signs = signs + 1 if value in ("-", "+") else 0
        most = max(most, depth, signs)
    return most


_SNAP, _NOISE = 2.0 ** -48, 2.0 ** -40


def _cancelled(left: float, right: float, last: bool) -> float:
    """``left + right`` as both spreadsheets give it where the two cancel to float noise (0.1+0.2-0.3 is 5.55e-17 in
    binary): 0 when it is the formula's last operation (Excel sets such a last sum to 0, LibreOffice every one);
    inside a formula the two part (=(0.1+0.2-0.3)*1: Excel's 5.55e-17, LibreOffice's 0), so no result."""
    total = left + right
    if total and abs(total) < max(abs(left), abs(right)) * _NOISE:
        if last and abs(total) < max(abs(left), abs(right)) * _SNAP:
            return 0.0
        raise Unknown
    return total


def _number(value: object) -> float:
    """A referenced cell's value in a sum: an empty cell is 0, text and TRUE/FALSE no result (Excel's #VALUE!, or a
    conversion of "1200" we do not guess)."""
    if value is None:
        return 0.0
    if isinstance(value, float):
        return value
    raise Unknown


class _Parser:
    """Excel's precedence, tightest first: %, a sign (=-2^2 is 4 in Excel), ^ (from the left), * /, + −."""

    def __init__(self, tokens: list[tuple[str, object]], cells: Cells | None) -> None:
        self.tokens, self.at, self.cells = tokens, 0, cells

    def _peek(self) -> tuple[str, object]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("", "")

    def _take(self, value: str) -> bool:
        if self._peek() == ("op", value):
            self.at += 1
            return True
        return False

    def expression(self, whole: bool = False) -> float:
        """A sum of terms; ``whole``: the formula's own (its last + or − is the formula's last operation)."""
        value = self._term()
        while self._peek()[1] in ("+", "-") and self._peek()[0] == "op":
            sign = self.tokens[self.at][1]
            self.at += 1
            right = self._term()
            value = _cancelled(value, right if sign == "+" else -right, last=whole and self.at == len(self.tokens))
        return value

    def _term(self) -> float:
        value = self._power()
        while self._peek()[1] in ("*", "/") and self._peek()[0] == "op":
            sign = self.tokens[self.at][1]
            self.at += 1
            right = self._power()
            value = value * right if sign == "*" else value / right
        return value

    def _power(self) -> float:
        value = self._signed()
        while self._take("^"):
            right = self._signed()
            if value == 0 and right <= 0 or value < 0 and right != int(right):
                raise Unknown   # #DIV/0!, #NUM!
            value = value ** right
        return value

    def _signed(self) -> float:
        if self._take("-"):
            return -self._signed()
        if self._take("+"):
            return self._signed()
        return self._percent()

    def _percent(self) -> float:
        value = self._atom()
        while self._take("%"):
            value /= 100
        return value

    def _atom(self) -> float:
        kind, value = self._peek()
        self.at += 1
        if kind == "num":
            return float(str(value))
        if kind == "ref":
            sheet, r0, c0, r1, c1 = value  # type: ignore[misc]
            if self.cells is None or (r0, c0) != (r1, c1):
                raise Unknown   # a range in a sum: Excel's implicit intersection, not computed here
            return _number(self.cells.value(sheet, r0, c0))
        if (kind, value) == ("op", "("):
            inner = self.expression()
            if not self._take(")"):
                raise Unknown
            return inner
        if kind == "fn" and value == "ROUND":
            args = [self.expression()]      # its number and digits, each one value (a blank cell 0)
            while self._take(","):
                args.append(self.expression())
            if not self._take(")") or len(args) != 2:
                raise Unknown
            return _round(*args)
        if kind == "fn":
            return self._function(str(value))
        raise Unknown

    def _function(self, value: str) -> float:
        """SUM, AVERAGE, MIN, MAX of their arguments; COUNT, COUNTA, COUNTIF (:meth:`_count`)."""
        if value in ("COUNT", "COUNTA", "COUNTIF"):
            return self._count(value)
        args = self._arguments()
        if not self._take(")"):
            raise Unknown
        if value in ("SUM", "AVERAGE"):
            total = sum(args)
            if total and abs(total) < max(map(abs, args)) * _NOISE:
                raise Unknown   # a sum cancelled to float noise: Excel keeps it, LibreOffice's exact sum not
            if value == "SUM":
                return total
            if not args:
                raise Unknown   # #DIV/0!: no number in its cells
            return total / len(args)
        return (min(args) if value == "MIN" else max(args)) if args else 0.0

    def _area_values(self) -> list[object]:
        """The values of the area a reference alone gives as a function's argument (:meth:`Cells.values`)."""
        kind, area = self._peek()
        if kind != "ref" or self.cells is None:
            raise Unknown
        self.at += 1
        return list(self.cells.values(area))  # type: ignore[arg-type]

    def _count(self, function: str) -> float:
        """COUNT, COUNTA of references (a typed number or text among them: not computed here) and COUNTIF of one
        with a criterion of plain text or a number ("基地", "=基地", ">5", 5), as Excel and LibreOffice count: text
        matched whole and regardless of case; a wildcard (* ? ~), <> or a blank criterion, a text compared by < or >,
        a TRUE/FALSE, "" or text that reads as a number among the cells: no result (their rules part or are not
        followed here)."""
        if function == "COUNTIF":
            values = self._area_values()
            if not self._take(","):
                raise Unknown
            match = _criterion(self._criterion_value())
            if not self._take(")"):
                raise Unknown
            return float(sum(match(v) for v in values if v is not None))
        values = []
        while True:
            values += self._area_values()
            if not self._take(","):
                break
        if not self._take(")"):
            raise Unknown
        if any(isinstance(v, bool) or v == "" for v in values):
            raise Unknown
        return float(sum(isinstance(v, float) if function == "COUNT" else v is not None for v in values))

    def _criterion_value(self) -> object:
        kind, value = self._peek()
        self.at += 1
        if kind == "str":
            return value
        if (kind, value) == ("op", "-") and self._peek()[0] == "num":
            self.at += 1
            return -float(str(self.tokens[self.at - 1][1]))
        if kind == "num":
            return float(str(value))
        raise Unknown

    def _arguments(self) -> list[float]:
        """A function's numbers: an argument that is a reference alone gives the numbers in its cells (empty cells
        and text left out, as Excel and LibreOffice leave them out); any other is an expression."""
        args: list[float] = []
        while True:
            kind, area = self._peek()
            if kind == "ref" and self.at + 1 < len(self.tokens) and self.tokens[self.at + 1] in (("op", ","), ("op", ")")):
                if self.cells is None:
                    raise Unknown
                self.at += 1
                for v in self.cells.values(area):  # type: ignore[arg-type]
                    if isinstance(v, bool):
                        raise Unknown   # Excel leaves TRUE out of a SUM, LibreOffice counts it 1: not guessed
                    if isinstance(v, float):
                        args.append(v)
            else:
                args.append(self.expression())
            if not self._take(","):
                return args


_COMPARE = {"<=": float.__le__, ">=": float.__ge__, "<": float.__lt__, ">": float.__gt__, "=": float.__eq__}
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _numeric_text(value: object) -> bool:
    return isinstance(value, str) and bool(_NUMBER.fullmatch(value.strip()))


def _criterion(criterion: object):  # noqa: ANN202 — a predicate on one cell's value
    """COUNTIF's test of a cell's value (:meth:`_Parser._count`); Unknown for a criterion not followed here."""
    if isinstance(criterion, float):
        operator, text = "=", None
        number: float | None = criterion
    else:
        text = str(criterion)
        operator = next((o for o in ("<=", ">=", "<>", "<", ">", "=") if text.startswith(o)), "")
        text = text[len(operator):]
        number = float(text) if _NUMBER.fullmatch(text) else None
        if not text or operator == "<>" or any(c in text for c in "*?~") or text.upper() in ("TRUE", "FALSE") \
                or text != text.strip():
            raise Unknown
    if number is None:
        if operator not in ("", "="):
            raise Unknown   # text ordered by < or >: collations part
        folded = str(text).casefold()

        def same_text(value: object) -> bool:
            if isinstance(value, bool) or _numeric_text(value):
                raise Unknown
            return isinstance(value, str) and value.casefold() == folded
        return same_text
    compare = _COMPARE[operator or "="]

    def by_number(value: object) -> bool:
        if isinstance(value, bool) or _numeric_text(value) or value == "":
            raise Unknown
        return isinstance(value, float) and compare(value, number)
    return by_number


def _round(number: float, digits: float) -> float:
    """Excel's ROUND: half away from zero, of the number as Excel shows it (ROUND(2.675,2) is 2.68 though 2.675 is
    stored a little below); where its 15 digits and the shortest exact text round apart (a number a hair off a
    half), no result rather than a guess."""
    places = int(digits)    # Excel cuts the digits' fraction off
    if abs(places) > 300:
        raise Unknown
    with localcontext() as context:
        context.prec = 700
        step = Decimal(1).scaleb(-places)
        exact = Decimal(repr(number)).quantize(step, ROUND_HALF_UP)
        if exact != Decimal(f"{number:.15g}").quantize(step, ROUND_HALF_UP):
            raise Unknown
    return float(exact)


def stored_text(value: float) -> str:
    """The number as a cell's saved value: 85.0 → "85", 0.5 → "0.5" (the shortest text that reads back the same).

    >>> stored_text(85.0), stored_text(0.1 + 0.2), stored_text(1e21)
    ('85', '0.30000000000000004', '1e+21')
    """
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
