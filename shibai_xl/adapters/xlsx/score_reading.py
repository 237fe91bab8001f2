"""A score typed on a 评分 sheet, read by native formulas as ``engine.parse.number.parse_expert_score`` reads it, and
the sheet's state said the way the tool says it — shared by the 专家评分表 (``review make``) and the 评分 sheet of an
application and of the 附件5 评分表 (``shibai new``), so that what a reviewer sees totalled in Excel, WPS or
LibreOffice is what the tool counts.

A number is itself; text such as "10分", " 9 ", "１０", "8.5", "10%", "八", "十五" is its number; blank stays blank;
"-1" is NEGATIVE (collect: 不能为负数, as of the number −1); anything else is INVALID. Plain functions only (ASC,
SUBSTITUTE, MATCH on an array constant)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...engine.parse.number import CHINESE_SCORES
from ...rules import Rules
from .fast_rows import ROW_MARK, hold_formulas
from .package import may_show_percent

HELPER_HEADS = ("去空格", "去“分”", "去“%”", "计分（汇总读法）")
INVALID = "无效"
NEGATIVE = "负数"     # "-1" typed as text: no score, out of range as the number -1 is (not “不是数字”)


def _strip(text: str, chars: str) -> str:
    for ch in chars:
        text = f'SUBSTITUTE({text},"{ch}","")'
    return text


def _chars_out(text: str, codes: tuple[int, ...]) -> str:
    for code in codes:     # tab, and the line breaks of Alt+Enter or a paste; CHAR(1): LibreOffice holds the tab
        # of a cell that also has a line break ("\t9\n", a paste) as its field character U+0001, not as CHAR(9)
        text = f'SUBSTITUTE({text},CHAR({code}),"")'
    return text


def reading_formulas(ref: str, r: int | str, first_helper: int, percent: bool = False) -> list[str]:
    """The helper cells (from column ``first_helper``) of row ``r`` whose score is in ``ref``: no spaces; one 分 off
    the end; one % off the end; the number (or "", NEGATIVE or INVALID: an error value such as #N/A, not a number to
    collect either, is INVALID rather than an error in every total). ``percent``: a number shown as a percentage (“10%”
    typed into a number cell, stored 0.1) is the number it shows, as the text “10%” is (CELL's format code "P…")."""
    bare, unit, text = (f"{get_column_letter(first_helper + k)}{r}" for k in range(3))
    number = f'IF(LEFT(CELL("format",{ref}),1)="P",ROUND({ref}*100,9),{ref})' if percent else ref
    chinese = "{" + ",".join(f'"{c}"' for c in CHINESE_SCORES) + "}"
    as_chinese = f'MATCH(SUBSTITUTE(SUBSTITUTE({text},"〇","零"),"两","二"),{chinese},0)'
    return [
        f'=IF(ISNUMBER({ref}),"",{_strip(_chars_out(f"ASC({ref})", (9, 10, 13, 1)), chr(0x3000) + " ")})',
        f'=IF(RIGHT({bare},1)="分",LEFT({bare},LEN({bare})-1),{bare})',
        f'=IF(RIGHT({unit},1)="%",LEFT({unit},LEN({unit})-1),{unit})',
        f'=IF(ISERROR({ref}),"{INVALID}",IF(ISNUMBER({ref}),{number},IF({bare}="","",'
        f'IF(AND({_strip(text, "0123456789.+")}="",ISNUMBER(-{text})),VALUE({text}),'
        f'IFERROR({as_chinese}-1,IF({_negative(text)},"{NEGATIVE}","{INVALID}"))))))',
    ]


def _negative(text: str) -> str:
    """Whether the cell ``text`` (no spaces, 分 and % off) is a minus and digits ("-1", "-8.5"), as
    parse_expert_score tells 不能为负数 from 不是数字."""
    rest = f"MID({text},2,LEN({text}))"
    return (f'AND(LEFT({text},1)="-",LEN({text})>1,{_strip(rest, "0123456789.+")}="",'
            f'LEN({_strip(rest, "0123456789")})<LEN({rest}))')


def reading_column(ws: Worksheet, score_col: str, header_row: int, rows: range, first_helper: int,
                   own_row: bool = False, percent: bool = False, hold: bool = False) -> str:
    """Hidden helper columns from ``first_helper`` reading each score of ``score_col`` in ``rows``; returns the
    letter of the last of them, the score as the tool reads it. ``own_row``: each reads the score of its own row
    (INDEX by ROW()) rather than a cell reference, which Excel and LibreOffice move with the score when the reviewer
    drags rows of his table (cut and insert): the 专家评分表's 小计 pairs each score with its row's 项目编号.
    ``hold``: the formulas are held for the save, never openpyxl cells (fast_rows.hold_formulas; the rows' other
    cells lie left of them): the 专家评分表's, a thousand spare rows under the table among them."""
    for k, head in enumerate(HELPER_HEADS):
        ws.cell(header_row, first_helper + k).value = head
        ws.column_dimensions[get_column_letter(first_helper + k)].hidden = True
    own = f"INDEX(${score_col}:${score_col},ROW())"
    formulas = reading_formulas(own if own_row else f"{score_col}{ROW_MARK}", ROW_MARK, first_helper, percent)
    if hold:
        hold_formulas(ws, rows, [(first_helper + k, f) for k, f in enumerate(formulas)])
    else:
        pattern = [f.split(ROW_MARK) for f in formulas]    # one row's formulas, its number put in
        for r in rows:
            for k, parts in enumerate(pattern):
                ws.cell(r, first_helper + k).value = str(r).join(parts)
    return get_column_letter(first_helper + len(HELPER_HEADS) - 1)


def percent_scores(source: Any, sheet: str, scores: Mapping[str, Any]) -> dict[str, str]:
    """{cell: "10%"} of the ``scores`` (cell → value read) typed “10%” into a number cell, which Excel/WPS store as
    0.1 shown as 10%: each as the text it shows, read as the text “10%” is (10), as the sheet's own formulas read
    it (:func:`reading_formulas`, ``percent``). Only numbers a percentage of a score can be (0 < |x| ≤ 1) are asked
    about; ``source`` tells the cells' formats (``cell_info``). The one reading of the 专家评分表 and of an
    application's 评分 sheet."""
    maybe = {ref: v for ref, v in scores.items()
             if isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < abs(v) <= 1}
    if not maybe or not may_show_percent(source):    # no format of the file shows a percentage: none to ask about
        return {}
    return {ref: f"{(Decimal(repr(float(maybe[ref]))) * 100).normalize():f}%"
            for ref, info in source.cell_info(sheet, list(maybe), formats=list(maybe)).items()
            if info.percent and ref in maybe}


def out_of_range(scores: str, maxima: str, key: tuple[str, str] | None = None) -> str:
    """How many of the read ``scores`` (a range of the reading column) lie outside 0…their ``maxima`` (a range as
    long), are NEGATIVE or INVALID; with ``key`` (a range as long, a quoted value) only those of the rows whose key
    it is."""
    if key is None:
        return (f"SUMPRODUCT(ISNUMBER({scores})*(({scores}<0)+({scores}>{maxima})))"
                f'+COUNTIF({scores},"{NEGATIVE}")+{not_numbers(scores)}')
    where, value = key
    return (f"SUMPRODUCT(({where}={value})*ISNUMBER({scores})*(({scores}<0)+({scores}>{maxima})))"
            f'+COUNTIFS({where},{value},{scores},"{NEGATIVE}")+{not_numbers(scores, key)}')


def not_numbers(scores: str, key: tuple[str, str] | None = None) -> str:
    """How many of the read ``scores`` are INVALID — text that is no number, “不是数字” to collect and check (of
    the rows whose ``key`` it is, when given): the part of :func:`out_of_range` that the 状态 names apart."""
    if key is None:
        return f'COUNTIF({scores},"{INVALID}")'
    return f'COUNTIFS({key[0]},{key[1]},{scores},"{INVALID}")'


def exclusive_groups(rules: Rules, app_type: str) -> list:
    """The year file's groups of items a project earns one of, as far as they name two items of this rubric (an
    edited year file naming an item it does not have makes no broken formula)."""
    ids = {i.id for i in rules.rubric(app_type)}
    groups = [replace(g, items=tuple(i for i in g.items if i in ids)) for g in rules.rubric_info(app_type).exclusive]
    return [g for g in groups if len(g.items) > 1]


def done_status(rules: Rules, app_type: str, src: str, col: str, first: int) -> str:
    """The 状态 expression of a project scored in full and in range: "已评完", or "4.2与4.3只能给其一" while the reviewer
    has scored two items of which a project earns one (附件5's 跨境电商 大于/小于50万美金) — a hint only (the tool
    counts every score within 0…满分, the bonus capped, CONTRACT §6, and says so). It comes after 超出范围 and 未评完,
    which it would otherwise hide. ``src``: the sheet prefix of the reading column ``col`` ("'评分表'!", or "")."""
    ids = [i.id for i in rules.rubric(app_type)]
    return keyed_done_status(rules, app_type, lambda item: f"N({src}{col}{first + ids.index(item)})")


def keyed_done_status(rules: Rules, app_type: str, score_of) -> str:
    """:func:`done_status` with each item's read score given by ``score_of(指标编号)`` (an expression): the 专家评分表
    finds it by 项目编号 and 指标编号 (SUMIFS), so that a sorted score table still says the right thing."""
    status = '"已评完"'
    for group in reversed(exclusive_groups(rules, app_type)):
        scored = "+".join(f"({score_of(i)}>0)" for i in group.items)
        status = f'IF(({scored})>1,"{"与".join(group.items)}只能给其一",{status})'
    return status


def status_formula(done: str, out: str, scored: str, due: str, invalid: str) -> str:
    """The 状态 of a reviewer's scores: "有N项超出范围", "有N项不是数字" or "有N项超出范围、M项不是数字" (as collect and
    check say of them), else "未评完（k/n）", else ``done``; ``out``, ``scored``, ``due`` and ``invalid`` are
    expressions (out-of-range count with the scores that are no number, items scored, items to score, those of the
    out-of-range that are no number: :func:`not_numbers`)."""
    beyond = f'IF({out}>{invalid},({out}-{invalid})&"项超出范围"&IF({invalid}>0,"、",""),"")'
    return (f'=IF({out}>0,"有"&{beyond}&IF({invalid}>0,{invalid}&"项不是数字",""),'
            f'IF({scored}<{due},"未评完（"&{scored}&"/"&{due}&"）",{done}))')
