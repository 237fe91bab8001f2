"""The 小计 formulas of one project of a 专家评分表, finding its rows in the 评分表 by 项目编号 (and 指标编号) — never by
position: an expert may sort or filter his score table (``review collect`` reads rows by the same keys), and his
小计 still shows each project's own total. Plain SUMIFS, COUNTIFS and SUMPRODUCT over the issued rows: Excel 2010+,
WPS and LibreOffice all compute them (a row the expert inserts inside the table widens the ranges, as in Excel).

A score is counted as the hidden reading cell of its row reads it (``read``, score_reading.reading_column). A whole
row the expert inserts has no reading cell (a spreadsheet copies no formula into it): its ``typed`` number is counted
as it is, as ``review collect`` counts it — a number shown as a percentage (“10%” typed, 0.1 stored) as the number it
shows, told by ``percent``: a hidden sheet whose row k says whether the score cell of the 评分表's row k is
percentage-formatted (its formulas find that row by number, so no insertion on the 评分表 moves them). A score typed
as text there, “10分”, stays unread in the 小计, whose 状态 says so: collect reads it.

``review collect`` tells these books from those of earlier versions (fixed row ranges per project, wrong after a
sort) by the 基础分 formula: :func:`is_keyed`."""
from __future__ import annotations

from dataclasses import dataclass

from .score_reading import not_numbers, out_of_range

# what an expert filling every column types in the 回避 column of a project he scores: no recusal. Read alike by
# collect (says_no_recusal) and by the 小计 formulas (ScoreRows.guarded): the cell as text without spaces and line
# breaks, the full-width forms of the letters and signs below made half-width (“Ｎ”), compared with each word regardless
# of case, a number as shown ("0"). Each word once: a cell matching two would be subtracted twice by the formula.
NO_RECUSAL = ("否", "无", "不", "没有", "N", "NO", "0", "不回避", "无回避", "无需回避", "不需回避", "不需要回避", "不需要",
              "无须回避", "不用回避", "不必回避", "不涉及", "/", "×", "-", "—")
_BLANKS = (" ", "\u3000", "\n")
EMPTY = '""'     # the empty text, in a formula
_HALF = {chr(ord(c) + 0xFEE0): c for c in "NnOo0/-"}     # “Ｎ” → “N”, as the formula SUBSTITUTEs them


def says_no_recusal(value: object) -> bool:
    """Whether the 回避 cell ``value`` of a project the expert scores says no (“否”, “N”, “0”, “ 否 ”), as his 小计
    formulas read it (a cell & "", spaces and line breaks taken out, “Ｎ” made “N”, case ignored)."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    for blank in _BLANKS:
        text = text.replace(blank, "")
    for wide, half in _HALF.items():
        text = text.replace(wide, half)
    return text.upper() in {w.upper() for w in NO_RECUSAL}


# a “回避” the expert writes in his 专家评分 cell, or in the 备注 of an item he leaves unscored, as his 小计 formulas see
# it: the cell holds 回避 and none of these (a figure, or a negation: “不需回避”“无回避情形”“是否回避：否”). collect
# reads such cells more closely (review_read._says_recusal) and says so where his 小计 cannot tell
_NOT_A_RECUSAL = tuple("不无未非没毋否0123456789")


def subtotal_sees_recusal(value: object) -> bool:
    """Whether the 小计 formulas take the score or remark cell ``value`` for a recusal the expert typed."""
    text = value if isinstance(value, str) else ""
    return "回避" in text and not any(ch in text for ch in _NOT_A_RECUSAL)


def _says_recusal(ref: str) -> str:
    """1 where the cell (or per cell of the range) ``ref`` holds a recusal as subtotal_sees_recusal reads it."""
    text = f'{ref}&""'
    bare = text
    for ch in _NOT_A_RECUSAL:
        bare = f"SUBSTITUTE({bare},{quoted(ch)},\"\")"
    return f'ISNUMBER(FIND("回避",{text}))*{safe(f"LEN({text})=LEN({bare})")}'


def safe(condition: str) -> str:
    """``condition`` (per cell of a range) as 1 or 0, and 0 where a cell holds an error value (#N/A pasted into a
    score or a remark): the bare comparison would be that error, and in a SUMPRODUCT it makes the whole sum the error
    — every project's 小计, not only the one whose row holds it. (No IFERROR: Excel before 365 evaluates it over a
    range inside SUMPRODUCT only when entered as an array formula.)"""
    return f"ISNUMBER(1/({condition}))"


def quoted(text: str) -> str:
    return '"' + str(text).replace('"', '""') + '"'


@dataclass(frozen=True)
class ScoreRows:
    """The issued rows ``first``…``last`` of the score sheet ``src`` ("'评分表'"); ``key``, ``item``: the letters of
    the 项目编号 and 指标编号 columns; ``read``, ``typed``: those of the scores as read and as typed."""

    src: str
    first: int
    last: int
    key: str
    item: str
    read: str
    typed: str
    percent: str = ""     # the hidden flags' whole column ("'_sb_percent'!$A:$A"), or "" (none: typed as it is)
    recuse: str = ""      # the letter of the 回避 column, or "" (a recusal the expert types is not looked for)
    remark: str = ""      # the letter of the 备注 column, where a recusal is looked for too (with ``recuse``)

    def column(self, col: str) -> str:
        return f"{self.src}!${col}${self.first}:${col}${self.last}"

    def _scale(self) -> str:
        """Per row of these ranges: 100 where the score cell is shown as a percentage, else 1 ("" without flags)."""
        flags = self._flags()
        return f"(1+99*({flags}=1))" if flags else ""

    def _flags(self) -> str:
        """The hidden percentage flags of the rows of these ranges ("" without flags)."""
        if not self.percent:
            return ""
        rows = self.column(self.key)
        top = f"MIN(ROW({rows}))"
        return f"INDEX({self.percent},{top}):INDEX({self.percent},{top}+ROWS({rows})-1)"

    def total(self, col: str, no: str, items: tuple[str, ...] = ()) -> str:
        """The numbers of column ``col`` in project ``no``'s rows (of these 指标编号 only, when given)."""
        if not items:
            return f"SUMIFS({self.column(col)},{self.column(self.key)},{quoted(no)})" + self._inserted(col, no)
        return "+".join(f"SUMIFS({self.column(col)},{self.column(self.key)},{quoted(no)},{self.column(self.item)},"
                        f"{quoted(i)})" + self._inserted(col, no, i) for i in items)

    def scored(self, col: str, no: str) -> str:
        """How many of project ``no``'s rows hold a number in ``col``."""
        if self._reads(col):
            return (f"SUMPRODUCT(({self.column(self.key)}={quoted(no)})*(ISNUMBER({self.column(col)})"
                    f"+{self._unread()}))")
        return f"SUMPRODUCT(({self.column(self.key)}={quoted(no)})*ISNUMBER({self.column(col)}))"

    def _reads(self, col: str) -> bool:
        return col == self.read

    def _unread(self) -> str:
        """Per row: 1 where a number is typed and no reading cell reads it (a row the expert inserted)."""
        return f'({self.column(self.read)}="")*ISNUMBER({self.column(self.typed)})'

    def _inserted(self, col: str, no: str, item: str = "") -> str:
        """"+" the typed numbers of project ``no``'s rows (of this 指标编号) that no reading cell reads, when ``col`` is
        the reading column; "" for any other column."""
        if not self._reads(col):
            return ""
        # SUMIFS, not a SUMPRODUCT over the typed column: a cell of it that is an error (#N/A in another row) is no
        # number the criteria pick, and leaves this sum alone
        rows = (f"{self.column(self.typed)},{self.column(self.key)},{quoted(no)}"
                + (f",{self.column(self.item)},{quoted(item)}" if item else "") + f',{self.column(self.read)},""')
        if not (flags := self._flags()):
            return f"+SUMIFS({rows})"
        return f'+ROUND(SUMIFS({rows},{flags},"<>1")+100*SUMIFS({rows},{flags},1),9)'

    def outside(self, no: str) -> str:
        """How many of project ``no``'s rows lie below ``last`` (pasted far under the table): not in these ranges."""
        return f"COUNTIF({self.src}!${self.key}:${self.key},{quoted(no)})-COUNTIF({self.column(self.key)},{quoted(no)})"

    def guarded(self, status: str, no: str, due: str, scored: str = "", own: tuple[str, ...] = ()) -> str:
        """The 状态 formula ``status`` ("=…") saying first that some of project ``no``'s rows are out of reach, then
        that it has more rows than its ``due`` items: an item on two rows, summed twice (or a blank copy, uncounted
        by collect too but in the way of a 已评完 that only counts scores), then that a row the expert inserted holds
        a score typed as text (“5分”): this 小计 cannot read it, collect does. With ``recuse`` and ``scored`` (how many
        items are scored), a 回避 the expert typed on the project's rows comes after the rows out of place: as collect
        takes it, his recusal when he scored none of it, else his to settle."""
        n, rows = self.outside(no), f"COUNTIF({self.column(self.key)},{quoted(no)})"
        texts = self._unread_text(no)
        rest = (f'IF({texts}>0,"插入的行中有"&{texts}&"项评分是文字，本表未计入，汇总时照常读取；请改填数字",'
                f"{status.removeprefix('=')})")
        if self.recuse and scored:
            typed = self._typed_recusal(no) + "".join(f"+{_says_recusal(cell)}" for cell in own)   # 小计 cells
            rest = (f'IF({typed}>0,IF({scored}>0,"回避与评分都填了：需回避的请删去评分，不需回避的请删去“回避”",'
                    f'"自行填写了回避（不评分）"),{rest})')
        return (f'=IF({n}>0,"评分表第{self.last}行以下有本项目的"&({n})&"行，未计入小计，请移回表格中",'
                f'IF({rows}>{due},"有指标重复（本项目"&{rows}&"行，应为"&{due}&"行），请删去多余的行",{rest}))')

    def _typed_recusal(self, no: str) -> str:
        """How many of project ``no``'s rows hold something in the 回避 column other than a no (says_no_recusal)."""
        text = f"{self.column(self.recuse)}&\"\""
        for blank in _BLANKS:
            text = f"SUBSTITUTE({text},{'CHAR(10)' if blank == chr(10) else quoted(blank)},\"\")"
        for wide, half in _HALF.items():
            text = f"SUBSTITUTE({text},{quoted(wide)},{quoted(half)})"
        mine = f"({self.column(self.key)}={quoted(no)})"
        words = "{" + ",".join(quoted(w) for w in NO_RECUSAL) + "}"
        column = (f'(SUMPRODUCT({mine}*{safe(f"{text}<>{EMPTY}")})'
                  f'-SUMPRODUCT({mine}*{safe(f"{text}={words}")}))')
        if not self.remark:
            return column
        score = self._said_recusal(self.typed)
        remark = f'{self._said_recusal(self.remark)}*{safe(f"TRIM({self.column(self.typed)}&{EMPTY})={EMPTY}")}'
        return f"({column}+SUMPRODUCT({mine}*({score}+{remark})))"

    def _said_recusal(self, col: str) -> str:
        """Per row: 1 where column ``col`` holds a recusal as subtotal_sees_recusal reads it."""
        return _says_recusal(self.column(col))

    def _unread_text(self, no: str) -> str:
        """How many of project ``no``'s rows hold a score typed as text that no reading cell reads (an inserted row)."""
        typed = self.column(self.typed)
        return (f'SUMPRODUCT(({self.column(self.key)}={quoted(no)})*({self.column(self.read)}="")*ISTEXT({typed})'
                f'*{safe(f"TRIM({typed})<>{EMPTY}")})')

    def out_of_range(self, col: str, maxima: str, no: str) -> str:
        said = out_of_range(self.column(col), self.column(maxima), (self.column(self.key), quoted(no)))
        if not self._reads(col):
            return said
        typed, top = self.column(self.typed), self.column(maxima)
        if scale := self._scale():      # a percentage over its item's max: the number shown is compared
            top = f"{top}/{scale}"
        return (f"{said}+SUMPRODUCT(({self.column(self.key)}={quoted(no)})*{self._unread()}"
                f"*({safe(f'{typed}<0')}+{safe(f'{typed}>{top}')}))")

    def not_numbers(self, col: str, no: str) -> str:
        """How many of project ``no``'s read scores in ``col`` are text that is no number (collect: 不是数字)."""
        return not_numbers(self.column(col), (self.column(self.key), quoted(no)))

    def capped(self, col: str, no: str, bonus: tuple[str, ...], cap: str) -> tuple[str, str]:
        """(基础分, 开放创新加分 capped at ``cap``) of project ``no``: its rows' total but for the ``bonus`` items,
        and theirs; without bonus items, (its rows' total, None)."""
        if not bonus:
            return self.total(col, no), ""
        extra = self.total(col, no, bonus)
        return f"{self.total(col, no)}-({extra})", f"MIN({cap},{extra})"


def percent_flag(score_sheet: str, score_col: str) -> str:
    """The hidden flag of row ROW() of ``score_sheet`` (quoted): 1 when its score cell in ``score_col`` is shown as a
    percentage, else 0 (CELL's format code "P…", as score_reading reads a percentage)."""
    return f'=IF(LEFT(CELL("format",INDEX({score_sheet}!${score_col}:${score_col},ROW())),1)="P",1,0)'


def is_keyed(formula: str | None) -> bool:
    """Whether a 小计 基础分 formula finds the project's rows by 项目编号 (this version) rather than summing fixed rows."""
    return bool(formula) and "SUMIFS(" in formula.upper()
