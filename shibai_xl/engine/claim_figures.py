"""The figures a 是/否 question printing its own (带宽不低于100Mbps, 粉丝数100万以上) reads in what the applicant
wrote, as the year file's ``remark_claims`` say (pattern, units, the question's figure): in the remark after the
answer ("是（50M）", engine/remarks.py) or typed instead of the answer ("185万", engine/figure_answers.py). Each figure
with the words around it that make it a lower bound ("以上", "超过") or an upper one ("不到", "近").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from ..rules.model import RemarkClaim
from .parse.bounds import AT_MOST, NEAR, UNDER, bound_words, cap_words
from .parse.cn_digits import DIGIT_VALUE, TENS, cn_int
from .parse.summed import TOTAL_SAID

_YEAR = re.compile(r"20\d\d(?=年)")
_TOTAL_SAID = re.compile(TOTAL_SAID)


def per_remark(c: RemarkClaim, remark: str) -> RemarkClaim:
    """The claim as it reads this remark: one adding its figures up (``total``: 粉丝总数, 农产品销售总额) does not where
    the remark gives them for different years ("是（2023年30万元，2022年25万元）": two years' figures are no total).
    (A remark stating the total itself, "抖音50万，快手30万，合计80万", is read from it on: :func:`_text`.)

    >>> from ..rules import load
    >>> c = next(c for c in load().consistency.remark_claims if c.answer == "sb_agri_sales_50w")
    >>> per_remark(c, "茶叶30万元，辣椒25万元").total, per_remark(c, "2023年30万元，2022年25万元").total
    (True, False)
    """
    return replace(c, total=False) if c.total and len(set(_YEAR.findall(remark))) > 1 else c


def all_meet(c: RemarkClaim, figures: list[Decimal], caps: list[tuple[str, str, str]]) -> bool:
    """Whether the figures (or their total, for a claim adding them up) meet the question's."""
    met = meets(c, figures, caps)
    return bool(figures) and (all(met[:len(figures)]) or (len(met) > len(figures) and met[-1]))


def reaches(f: Decimal, how: str, value: Decimal) -> bool:
    """Whether a figure, as its cap words say it ("" exact, NEAR just under it, UNDER/AT_MOST a cap), meets value."""
    return f >= value if not how else f > value if how in (NEAR, ABOUT) else False


def meets(c: RemarkClaim, figures: list[Decimal], caps: list[tuple[str, str, str]]) -> list[bool]:
    """Whether each figure (and their total, for a claim adding them up) meets the question's: none under a cap."""
    value = Decimal(str(c.value))
    out = [reaches(f, how, value) for f, (_, _, how) in zip(figures, caps, strict=True)]
    if c.total and len(figures) > 1:
        hows = {how for _, _, how in caps}
        out.append(not hows & {UNDER, AT_MOST} and reaches(sum(figures), NEAR if hows & {NEAR, ABOUT} else "", value))
    return out


def under(c: RemarkClaim, figures: list[Decimal], caps: list[tuple[str, str, str]]) -> bool:
    """Whether figures meeting nothing are surely below the question's: exact ones are; one under a cap is when the
    cap is the question's figure or less ("近100万" for 100万以上; "不到150万" may be either side of it)."""
    value = Decimal(str(c.value))
    if c.total and len(figures) > 1:
        total, hows = sum(figures), {how for _, _, how in caps}
        return total < value or (total == value and bool(hows & {NEAR, UNDER}))
    return all(f < value or (how in (NEAR, UNDER) and f <= value) for f, (_, _, how) in zip(figures, caps, strict=True))


# a figure said to be about what it is ("约20%", "100万左右"): either side of it, so at the question's own figure it
# decides nothing; clear of it, it decides as the figure does
ABOUT = "about"
_ABOUT_BEFORE = re.compile(r"(大约|大概|估计|预计|(?<![签合预特续履集])约|≈)\s*$")   # not 签约5人
_ABOUT_AFTER = re.compile(r"^\s*(左右|上下)(?!游)")


def caps(c: RemarkClaim, remark: str) -> list[tuple[str, str, str]]:
    """For each figure of :func:`figures`, the words around it that make it an upper bound ("不到", "近", "以下"), or
    say it is about that figure (ABOUT: "约", "左右")."""
    return around(c, remark, _cap_or_about)


def _cap_or_about(before: str, after: str) -> tuple[str, str, str]:
    said = cap_words(before, after)
    if said[2]:
        return said
    b, a = _ABOUT_BEFORE.search(before), _ABOUT_AFTER.match(after)
    return (b.group(1) if b else "", a.group(1) if a else "", ABOUT) if b or a else said


def bounds(c: RemarkClaim, remark: str) -> list[tuple[str, str]]:
    """For each figure of :func:`figures`, the words around it that make it a lower bound ("超过", "以上"): those
    before its number, even inside the match ("销售额超过30万元"), and those after its unit (the claim's own unit
    when the pattern reads none: "公共直播间8间以上")."""
    return around(c, remark, bound_words)


def around(c: RemarkClaim, remark: str, words: Callable[[str, str], tuple]) -> list[tuple]:
    """``words`` of the text before each figure's number and after its unit (the claim's own, when the pattern reads
    none)."""
    remark = _text(c, remark)
    return [words(remark[:m.start(1)], remark[m.end():].removeprefix(c.unit if m.re.groups < 2 else ""))
            for m in re.finditer(c.pattern, remark)]


def figures(c: RemarkClaim, remark: str) -> list[Decimal]:
    """
    >>> from ..rules import load
    >>> c = next(c for c in load().consistency.remark_claims if c.answer == "sb_fans_1m")
    >>> figures(c, "抖音50万，快手30万，合计80万"), figures(c, "抖音50万，快手30万")
    ([Decimal('80')], [Decimal('50'), Decimal('30')])
    """
    found = re.finditer(c.pattern, _text(c, remark))
    return [Decimal(m.group(1)) * Decimal(str(c.units.get(m.group(2), 1) if m.re.groups > 1 else 1)) for m in found]


def _text(c: RemarkClaim, remark: str) -> str:
    """The remark as the claim reads it: figures in digits; for a claim adding its figures up (``total``), from the
    total it states on, where it states one with a figure ("抖音50万，快手30万，合计80万": 80万, not 160万)."""
    text = arabic(remark, units_of(c))
    said = _TOTAL_SAID.search(text) if c.total else None
    return text[said.start():] if said and re.search(c.pattern, text[said.start():]) else text


# A figure in Chinese numerals before its unit, as a sentence writes it ("每年培训四次", "粉丝八十万", "五十兆", "经验五个
# 月"): the digits it stands for, so the year file's patterns read it as "4次". Only before the claim's own units: a
# numeral before another word stays as written ("一年培训6次", "与三家高校合作培训6次" keep their 6次 the patterns read
# after words). Not an ordinal (第一次), tens of (数十人, 几十人), a word holding a numeral (统一, 唯一, 之一, 一次性) or
# a park's phase (园区二期, 二期工程); several digits without 十/百/千 are a year (二〇二三) or a range (三五人: three to
# five), only the first read.
_ANY_UNIT = ("万", "亿", "次", "场", "期", "人", "名", "个", "位", "间", "家", "项", "例", "兆", "元", "g", "m")
_PHASE = re.compile(r"(?:园区|基地|项目|工程|厂区)$|^期(?:工程|项目|建设|改造)")


@lru_cache(maxsize=64)
def _cn_figure(units: tuple[str, ...]) -> re.Pattern:
    ahead = "|".join(re.escape(u) + ("(?!性)" if u == "次" else "") for u in sorted(units, key=len, reverse=True))
    return re.compile(rf"(?<![第数几统唯之万])([零〇一二两三四五六七八九十百千]+)(?={ahead})")


def units_of(c: RemarkClaim) -> tuple[str, ...]:
    """The units a claim's figures are written with (its pattern's, or its own unit when the pattern reads none)."""
    return tuple(c.units) or (c.unit.lower(),)


def arabic(text: str, units: tuple[str, ...] = _ANY_UNIT) -> str:
    """``text`` with each figure in Chinese numerals before one of ``units`` written in digits.

    >>> arabic("每年培训四次，单次五十人"), arabic("粉丝一百二十万"), arabic("千兆光纤"), arabic("培训两期", ("期",))
    ('每年培训4次，单次50人', '粉丝120万', '1000兆光纤', '培训2期')
    >>> arabic("第一次"), arabic("一次性"), arabic("每次数十人"), arabic("园区二期"), arabic("二期工程"), arabic("三五人")
    ('第一次', '一次性', '每次数十人', '园区二期', '二期工程', '三五人')
    >>> arabic("一年内与三家高校合作培训四次", ("次", "场", "期")), arabic("直播经验不到半年，上半年开播", ("个月", "年"))
    ('一年内与三家高校合作培训4次', '直播经验不到6个月，上半年开播')
    """
    if "个月" in units and "半年" in text:   # 半年 of 经验 is 6个月 ("不到半年"); 上半年, 下半年 are halves of a year
        text = _HALF_YEAR.sub("6个月", text)
    if not any(ch in DIGIT_VALUE or ch in TENS for ch in text):
        return text
    return _cn_figure(units).sub(lambda m: _digits(m, text), text)


_HALF_YEAR = re.compile(r"(?<![上下前后多])半年")


def _digits(m: re.Match, text: str) -> str:
    run = m.group(1)
    if text[m.end():].startswith("期") and (_PHASE.search(text[:m.start()]) or _PHASE.match(text[m.end():])):
        return run
    value = cn_int(run)
    return run if value is None else str(value)
