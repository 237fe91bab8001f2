"""The 小计 formulas of one project of a 专家评分表, finding its rows in the 评分表 by 项目编号 (and 指标编号) — never by
position: an expert may sort or filter his score table (``review collect`` reads rows by the same keys), and his
小计 still shows each project's own total. Plain SUMIFS, COUNTIFS and SUMPRODUCT over the issued rows: Excel 2010+,
WPS and LibreOffice all compute them (a row the expert inserts inside the table widens the ranges, as in Excel).

``review collect`` tells these books from those of earlier versions (fixed row ranges per project, wrong after a
sort) by the 基础分 formula: :func:`is_keyed`."""
from __future__ import annotations

from dataclasses import dataclass

from .score_reading import out_of_range


def quoted(text: str) -> str:
    return '"' + str(text).replace('"', '""') + '"'


@dataclass(frozen=True)
class ScoreRows:
    """The issued rows ``first``…``last`` of the score sheet ``src`` ("'评分表'"); ``key``, ``item``: the letters of
    the 项目编号 and 指标编号 columns."""

    src: str
    first: int
    last: int
    key: str
    item: str

    def column(self, col: str) -> str:
        return f"{self.src}!${col}${self.first}:${col}${self.last}"

    def total(self, col: str, no: str, items: tuple[str, ...] = ()) -> str:
        """The numbers of column ``col`` in project ``no``'s rows (of these 指标编号 only, when given)."""
        if not items:
            return f"SUMIFS({self.column(col)},{self.column(self.key)},{quoted(no)})"
        return "+".join(f"SUMIFS({self.column(col)},{self.column(self.key)},{quoted(no)},{self.column(self.item)},"
                        f"{quoted(i)})" for i in items)

    def scored(self, col: str, no: str) -> str:
        """How many of project ``no``'s rows hold a number in ``col``."""
        return f"SUMPRODUCT(({self.column(self.key)}={quoted(no)})*ISNUMBER({self.column(col)}))"

    def outside(self, no: str) -> str:
        """How many of project ``no``'s rows lie below ``last`` (pasted far under the table): not in these ranges."""
        return f"COUNTIF({self.src}!${self.key}:${self.key},{quoted(no)})-COUNTIF({self.column(self.key)},{quoted(no)})"

    def guarded(self, status: str, no: str, due: str) -> str:
        """The 状态 formula ``status`` ("=…") saying first that some of project ``no``'s rows are out of reach, then
        that it has more rows than its ``due`` items: an item on two rows, summed twice (or a blank copy, uncounted
        by collect too but in the way of a 已评完 that only counts scores)."""
        n, rows = self.outside(no), f"COUNTIF({self.column(self.key)},{quoted(no)})"
        return (f'=IF({n}>0,"评分表第{self.last}行以下有本项目的"&({n})&"行，未计入小计，请移回表格中",'
                f'IF({rows}>{due},"有指标重复（本项目"&{rows}&"行，应为"&{due}&"行），请删去多余的行",'
                f"{status.removeprefix('=')}))")

    def out_of_range(self, col: str, maxima: str, no: str) -> str:
        return out_of_range(self.column(col), self.column(maxima), (self.column(self.key), quoted(no)))

    def capped(self, col: str, no: str, bonus: tuple[str, ...], cap: str) -> tuple[str, str]:
        """(基础分, 开放创新加分 capped at ``cap``) of project ``no``: its rows' total but for the ``bonus`` items,
        and theirs; without bonus items, (its rows' total, None)."""
        if not bonus:
            return self.total(col, no), ""
        extra = self.total(col, no, bonus)
        return f"{self.total(col, no)}-({extra})", f"MIN({cap},{extra})"


def is_keyed(formula: str | None) -> bool:
    """Whether a 小计 基础分 formula finds the project's rows by 项目编号 (this version) rather than summing fixed rows."""
    return bool(formula) and "SUMIFS(" in formula.upper()
