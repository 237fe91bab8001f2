"""SB_RESIDENTS on a list with rows whose 企业名称 is struck through (删除线: a company the park crossed out): Excel
hands a formula the values alone. The wrapper asks Excel the font of the 企业名称 column (Range.Font.Strikethrough, a
block of rows at a time: True, False, or Null when mixed — a name struck in part of its text is Null, not struck), and
the list is read as ``shibai check`` reads the file (adapters/xlsx/list_facts.without_struck_rows): those rows are
no companies, left out of 家数 and the sums and said in the same words."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..engine.residents import hidden_among, struck_said

STRUCK_ASKS = 64   # questions at most (a list with a strike every other row is read as far as that goes)


def struck_rows(struck: Callable[[int, int, int], Any] | None, numbers: list[int], skipped: int, name_col: int,
                top: int) -> tuple[set[int], str]:
    """(the list's rows — ``numbers``, 1-based in the range without its ``skipped`` title rows — whose 企业名称 in the
    range's column ``name_col`` (1-based) is struck through in full, what check says of them); none where Excel cannot
    tell. ``struck(a, b, c)``: Range.Font.Strikethrough of rows a…b of the range's column c; ``top``: the sheet row of
    the range's first row."""
    if struck is None or not numbers:
        return set(), ""
    try:
        gone = hidden_among(lambda a, b: struck(a, b, name_col), [n + skipped for n in numbers], STRUCK_ASKS)
    except Exception:   # a question Excel cannot answer: the list as its values say
        return set(), ""
    if not gone:
        return set(), ""
    return {r - skipped for r in gone}, struck_said([r + top - 1 for r in gone])
