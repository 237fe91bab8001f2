"""The result of a formula of numbers only (a clerk's 市州评分 =AVERAGE(90,80), an amount =1200+350): what Excel
computes for it, so that a summary a refresh or merge saves (openpyxl keeps a formula, not its result) carries its
result for the readers that compute nothing — the province's merge read such a cell as no figure till someone opened
and saved the summary in Excel/WPS.

Only numbers, + - * / ^ %, brackets and SUM, AVERAGE, MIN, MAX are computed, as Excel does; a formula with anything
else (a cell, a name, text, another function, a comparison) gets no result here, as before. Nothing is evaluated by
Python: the formula is parsed by the grammar below, nothing else.
"""
from __future__ import annotations

import math
import re

_TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<fn>(?:_xlfn\.)?[A-Za-z]+)\(|(?P<op>[-+*/^%(),]))")
_FUNCTIONS = {"SUM", "AVERAGE", "MIN", "MAX"}
MOST_TOKENS = 200
MOST_DEPTH = 20    # brackets and functions inside one another: a hand-typed formula has a few, a hostile one hundreds


class _NoResult(Exception):
    """The formula is not one of numbers only, or Excel gives an error value for it (#DIV/0!, #NUM!)."""


def constant_result(formula: object) -> float | None:
    """What Excel computes for ``formula`` (its text, "=" first) when it is made of numbers only; None otherwise.

    >>> constant_result("=AVERAGE(90,80)"), constant_result("=(90+80)/2"), constant_result("=-2^2"), constant_result("=50%")
    (85.0, 85.0, 4.0, 0.5)
    >>> constant_result("=AVERAGE(M4:M5)"), constant_result("=1/0"), constant_result('="85"'), constant_result("=TODAY()")
    (None, None, None, None)
    """
    if not isinstance(formula, str) or not formula.startswith("=") or len(formula) > 1000:
        return None
    tokens: list[tuple[str, str]] = []
    text, at = formula[1:], 0
    while at < len(text.rstrip()):
        m = _TOKEN.match(text, at)
        if m is None:
            return None
        kind = m.lastgroup or ""
        value = m.group(kind)
        if kind == "fn":
            value = value.upper().removeprefix("_XLFN.")
            if value not in _FUNCTIONS:
                return None
        tokens.append((kind, value))
        at = m.end()
    if not tokens or len(tokens) > MOST_TOKENS or _depth(tokens) > MOST_DEPTH:
        return None
    try:
        parser = _Parser(tokens)
        result = parser.expression()
        if parser.at != len(tokens) or not math.isfinite(result):
            return None
    except (_NoResult, IndexError, OverflowError, ZeroDivisionError):
        return None
    return result + 0.0


def _depth(tokens: list[tuple[str, str]]) -> int:
    """How deep brackets and functions stand inside one another (the parser recurses once per level, and a chain of
    signs once per sign)."""
    depth = most = signs = 0
    for kind, value in tokens:
        depth += kind == "fn" or value == "("
        depth -= value == ")"
        signs = signs + 1 if value in ("-", "+") else 0
        most = max(most, depth, signs)
    return most


class _Parser:
    """Excel's precedence, tightest first: %, a sign (=-2^2 is 4 in Excel), ^ (from the left), * /, + −."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.at = tokens, 0

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("", "")

    def _take(self, value: str) -> bool:
        if self._peek() == ("op", value):
            self.at += 1
            return True
        return False

    def expression(self) -> float:
        value = self._term()
        while self._peek()[1] in ("+", "-") and self._peek()[0] == "op":
            sign = self.tokens[self.at][1]
            self.at += 1
            value = value + self._term() if sign == "+" else value - self._term()
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
                raise _NoResult   # #DIV/0!, #NUM!
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
            return float(value)
        if (kind, value) == ("op", "("):
            inner = self.expression()
            if not self._take(")"):
                raise _NoResult
            return inner
        if kind == "fn":
            args = [self.expression()]
            while self._take(","):
                args.append(self.expression())
            if not self._take(")"):
                raise _NoResult
            if value == "SUM":
                return sum(args)
            if value == "AVERAGE":
                return sum(args) / len(args)
            return min(args) if value == "MIN" else max(args)
        raise _NoResult


def stored_text(value: float) -> str:
    """The number as a cell's saved value: 85.0 → "85", 0.5 → "0.5" (the shortest text that reads back the same).

    >>> stored_text(85.0), stored_text(0.1 + 0.2), stored_text(1e21)
    ('85', '0.30000000000000004', '1e+21')
    """
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
