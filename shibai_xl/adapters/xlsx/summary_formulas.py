"""References to the summary's own sheet in its formulas (a 合计 row's =SUM(K4:K9)), moved as Excel moves them."""
from __future__ import annotations

import re
from collections.abc import Callable

from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError

_CELL_REF = re.compile(r"(\$?[A-Za-z]{1,3}\$?)(\d+)(?![\d(])")


def references(formula: str) -> list[Token] | None:
    """A formula's tokens (openpyxl's tokenizer: text in quotes is no reference), None when it does not parse."""
    try:
        return Tokenizer(formula).items
    except TokenizerError:
        return None


def is_reference(t: Token) -> bool:
    """A reference to this sheet (another sheet's ranges are left alone)."""
    return t.type == Token.OPERAND and t.subtype == Token.RANGE and "!" not in t.value


def with_references(formula: str, change: Callable[[str], str]) -> str:
    """The formula with each reference to this sheet passed through ``change``; unchanged when it does not parse."""
    return _changed(formula, change, is_reference)


def with_sheet_references(formula: str, change: Callable[[str], str]) -> str:
    """The formula with each of its references (any sheet's, another workbook's) passed through ``change``; text in
    quotes stays; unchanged when it does not parse (a DDE link's =cmd|' /c calc'!A1).

    >>> with_sheet_references('=INDIRECT("B1")&B1', str.lower)
    '=INDIRECT("B1")&b1'
    """
    return _changed(formula, change, lambda t: t.type == Token.OPERAND and t.subtype == Token.RANGE)


def on_sheet(ref: str, title: str) -> bool:
    """Whether a reference names sheet ``title`` (quoted or not, in any case): 'My ''s'!A1 names “My 's”.

    >>> on_sheet("'项目 汇总表'!K6", "项目 汇总表"), on_sheet("项目汇总表!K6", "统计"), on_sheet("K6", "统计")
    (True, False, False)
    """
    sheet, bang, _address = ref.rpartition("!")
    name = sheet[1:-1].replace("''", "'") if len(sheet) > 1 and sheet[0] == sheet[-1] == "'" else sheet
    return bool(bang) and name.lower() == title.lower()


def _changed(formula: str, change: Callable[[str], str], which: Callable[[Token], bool]) -> str:
    tokens = references(formula)
    if tokens is None:
        return formula
    return "=" + "".join(change(t.value) if which(t) else t.value for t in tokens)


# functions that fetch from the network or call another program (Excel's and WPS's), as openpyxl stores them
OUTSIDE_FUNCTIONS = frozenset({"WEBSERVICE", "RTD", "CALL", "REGISTER.ID", "IMAGE", "DDE", "DDEAUTO"})


def reaches_outside(formula: str) -> bool:
    """The formula reads another workbook ([1]统计!B1; a sheet name holds no "["), a program (DDE: =cmd|' /c calc'!A1)
    or the network (WEBSERVICE), or it cannot be parsed (then nobody can tell what it reaches).

    >>> [reaches_outside(f) for f in ("=SUM(sb_summary[交易额])", "='统计'!B1", "=[1]统计!B1", "=cmd|' /c calc'!A1",
    ...                               '=_xlfn.WEBSERVICE("http://x")', '="[1]统计!B1"', "=REGISTER.ID(1)")]
    [False, False, True, True, True, False, True]
    """
    tokens = references(formula)
    if tokens is None:
        return True
    for t in tokens:
        if t.type == Token.OPERAND and t.subtype == Token.RANGE and ("|" in t.value or "[" in t.value.split("!")[0]
                                                                     and "!" in t.value):
            return True
        if t.type == Token.FUNC and t.subtype == Token.OPEN and _function(t.value) in OUTSIDE_FUNCTIONS:
            return True
    return False


def _function(opening: str) -> str:
    """A function token's name as Excel shows it: "_xlfn.WEBSERVICE(" → "WEBSERVICE"."""
    name = opening[:-1].upper()
    while name.startswith(("_XLFN.", "_XLWS.")):
        name = name[6:]
    return name


def inserted_row(formula: str, row: int) -> str:
    """A formula after a row was inserted at ``row``: its references (relative or absolute) to ``row`` or below
    move down one; references above it, text in quotes and other sheets' ranges stay.

    >>> inserted_row('=K4+K5+K6', 7), inserted_row('=SUM($K$4:K7)+K9', 7), inserted_row('=SUM(Sheet2!K9)', 7)
    ('=K4+K5+K6', '=SUM($K$4:K8)+K10', '=SUM(Sheet2!K9)')
    """
    return with_references(formula, lambda ref: _CELL_REF.sub(
        lambda m: m.group(1) + str(int(m.group(2)) + (int(m.group(2)) >= row)), ref))


def rows_taken_in(formula: str, column: int, rows: list[int], subtotals: bool = True) -> list[int]:
    """Those of ``rows`` whose cell in ``column`` a formula adds up: in a reference of it to this sheet, and, for
    ``subtotals`` (rows of 小计), not under SUBTOTAL or AGGREGATE (which leave out the SUBTOTALs in their range); none where the
    formula subtracts or divides (=SUM(K4:K9)-K6, =SUM(K4:K9)/2: a clerk's own way of leaving the 小计 out).

    >>> rows_taken_in("=SUM(K4:K9)", 11, [6, 12]), rows_taken_in("=K4+K6", 11, [6]), rows_taken_in("=SUM(L4:L9)", 11, [6])
    ([6], [6], [])
    >>> rows_taken_in("=SUBTOTAL(9,K4:K9)", 11, [6]), rows_taken_in('=SUMIFS(K4:K9,U4:U9,"<>已撤回")', 11, [6])
    ([], [6])
    >>> rows_taken_in("=SUBTOTAL(9,K4:K9)", 11, [6], subtotals=False)
    [6]
    >>> rows_taken_in("=SUM(K4:K9)-K6", 11, [6]), rows_taken_in("=SUM(K4:K9)/2", 11, [6])
    ([], [])
    """
    from openpyxl.utils.cell import range_boundaries

    tokens = references(formula) or []
    if subtotals and any(t.type == Token.FUNC and t.subtype == Token.OPEN and _function(t.value) in ("SUBTOTAL", "AGGREGATE")
                         for t in tokens) or any(t.type == Token.OP_IN and t.value in "-/" for t in tokens):
        return []
    spans = []
    for t in tokens:
        if is_reference(t):
            try:
                spans.append(range_boundaries(t.value.replace("$", "")))
            except ValueError:
                continue
    return [r for r in rows if any(None not in s and s[0] <= column <= s[2] and s[1] <= r <= s[3] for s in spans)]
