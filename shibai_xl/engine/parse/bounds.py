"""A figure typed as its lower bound, the way applicants say it: "100万以上", "超过500万元", "5000万元+", "≥3000万",
"1亿多", "300余家", "不少于50人", or a range, "100-200万" (its lower end). The notice's thresholds are all lower
bounds (二、申报条件: "以上", "不低于", "达到"; 以上 includes the number, CONTRACT.md section 5), so a lower bound that
reaches a threshold meets it; anything that may lie below the figure it names ("约", "近", "不到", "左右") is no bound.

>>> lower_bound("100万以上"), lower_bound("≥3000万"), lower_bound("1亿多元"), lower_bound("300余家")
(Bound(figure='100万', word='以上', upper=None), Bound(figure='3000万', word='≥', upper=None), \
Bound(figure='1亿元', word='多', upper=None), Bound(figure='300家', word='余', upper=None))
>>> lower_bound("500万及以上"), lower_bound("50人或以上")
(Bound(figure='500万', word='以上', upper=None), Bound(figure='50人', word='以上', upper=None))
>>> lower_bound("100-200万"), lower_bound("2000至3000万元"), lower_bound("逾千万")
(Bound(figure='100万', word='', upper='200万'), Bound(figure='2000万元', word='', upper='3000万元'), \
Bound(figure='一千万', word='逾', upper=None))
>>> lower_bound("过百万"), lower_bound("上百万"), lower_bound("上一年度500万")
(Bound(figure='一百万', word='过', upper=None), Bound(figure='一百万', word='上', upper=None), None)
>>> lower_bound("约100万以上"), lower_bound("近200万"), lower_bound("100万"), lower_bound("-5")
(None, None, None, None)
>>> lower_bound("2023-2024"), lower_bound("2023.1-2023.12"), lower_bound("0851-86812345"), lower_bound("2000-2500万")
(None, None, None, Bound(figure='2000万', word='', upper='2500万'))
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# the words of a lower bound (after NFKC: ＞ is >, ＋ is +); 超过/逾/多/余 say more than, read as at least, except
# against a criterion of more than that very figure (附件5 4.2 大于50万美金: "超过50万美元" states it)
_DIGIT = "[\\d零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]"
# "超百万", "突破100万", "破百万": as 直播 people say their fans (超 after 超过, 破 after 突破: the longer word first)
# ">=" and "大于等于" are "≥" typed without the symbol; "达" is the form's own "年度交易额达____万元", as 达到
_WORDS_BEFORE = ("不少于|不低于|不小于|至少|最少|多于|高于|大于或等于|大于等于|大于|超过|超|突破|破|达到|达|逾|≥|≧|>=|=>|>")
# "过百万", "上百万" (过 = 超过, 上 = reaching it), before a figure only: "上一年度", "经过5次" are no bounds
_BEFORE = re.compile(rf"^({_WORDS_BEFORE}|[上过](?=[\d百千万亿]))\s*(?={_DIGIT})")
# "5个及以上" (附件5 园区 1.1.3's own words), "5个或以上", "5个(含)以上" (含本数) are "5个以上"
_INCLUSIVE = r"(?:及|或|\(含(?:本数)?\))?\s*"
_AFTER = re.compile(rf"(?<=[\dwW万亿元家个间人名位户次十百千平米%])\s*{_INCLUSIVE}(以上|\+)$")
_ENDS_BEFORE = re.compile(rf"({_WORDS_BEFORE})\s*$")
_STARTS_AFTER = re.compile(r"^\s*(?:及|或)?(以上|\+)")
_MORE = re.compile(r"(?<=[\d十百千万亿])\s*([多余])(?=[万亿千百元家个间人名位户次平]|$)")
# a range: two figures, the first one's unit left to the second's ("100-200万", "2000至3000万元", "100万~200万")
_RANGE = re.compile(r"^([\d.,]+)([^\d\s.,\-—–~至到]*)\s*(?:-|—|–|~|至|到)\s*([\d.,]+)(\D*)$")
_MAGNITUDE_FIRST = re.compile(r"^[百千万亿]")
# what a range's ends are when they are no figures: years or months ("2023-2024", "2023.1-2023.12": the period the
# figure is for) and a leading zero ("0851-86812345": a phone number)
_YEAR = re.compile(r"^(19|20)\d\d(\.\d{1,2})?$")
_LEADING_ZERO = re.compile(r"^0\d")
# what may lie below the figure it names: never a lower bound, whatever else the cell says
_BELOW = ("约", "左右", "大约", "大概", "近", "接近", "将近", "不到", "不足", "以下", "以内", "上下", "≤", "<", "估", "预计")


# a figure's lower-bound words inside a sentence ("其中公共直播间8间以上", "其中签约主播不少于10人"): the words of
# :func:`lower_bound` beside a figure, wherever it stands
_IN_SENTENCE = re.compile(rf"(?:{_WORDS_BEFORE})\s*(?={_DIGIT})"
                          rf"|(?<=[\dwW万亿元家个间人名位户次十百千平米%])\s*{_INCLUSIVE}(?:以上|\+)|{_MORE.pattern}")


_FIGURE_START = re.compile(rf"^(?:(?:{_WORDS_BEFORE})\s*)?{_DIGIT}|{_BEFORE.pattern}")


def starts_a_figure(text: str) -> bool:
    """Whether ``text`` begins with a figure: a digit, a Chinese numeral, or a lower bound's word before one.

    >>> [starts_a_figure(t) for t in ("520万元", "大于50万美元", "过百万", "超百万", "抖音520万", "上一年度")]
    [True, True, True, True, False, False]
    """
    return bool(_FIGURE_START.match(text))


def without_bound_words(text: str) -> str:
    """``text`` without the words making a figure in it a lower bound: what else it says of its figures.

    >>> [without_bound_words(t) for t in ("其中公共直播间8间以上", "其中签约主播不少于10人", "约8间以上")]
    ['其中公共直播间8间', '其中签约主播10人', '约8间']
    """
    return _IN_SENTENCE.sub("", text)


ABOVE = ("多于", "高于", "大于", "超过", "超", "过", "逾", ">", "多", "余")   # more than the figure, not at least it


@dataclass(frozen=True)
class Bound:
    figure: str          # the text of the lower bound, to be read as any typed figure
    word: str            # the word that makes it a bound ("以上"), "" for a range
    upper: str | None    # a range's upper end, to be read the same way


def bound_words(before: str, after: str) -> tuple[str, str]:
    """The words making a figure inside a sentence a lower bound, as (before it, after it): "带宽超过" and "m" give
    ("超过", ""), "" and "以上，光纤" give ("", "以上") — "+" is said as 以上; ("", "") for an exact figure.

    >>> bound_words("带宽", "以上"), bound_words("超过", ""), bound_words("", "+"), bound_words("约", "")
    (('', '以上'), ('超过', ''), ('', '以上'), ('', ''))
    """
    word = _ENDS_BEFORE.search(before)
    return (word.group(1) if word else "", "以上" if _STARTS_AFTER.match(after) else "")


# the words of an upper bound beside a figure inside a sentence ("不到20%", "40万元以下"): the true figure is under it
# (or at most it: 以下/以内/不超过, 民法典 第一千二百五十九条), whatever it is; "近200万" is just under 200万, read as
# "约" is (an approximate figure) except that it never reaches its own figure
_NEAR = "接近|将近|(?<![最附])近"
_CAP_STRICT = "不到|不足|(?<!不)低于|(?<![不至])少于|(?<!不)小于|未达到|未达|<"   # 不低于/不少于 are lower bounds
_CAP_BEFORE = re.compile(rf"({_NEAR}|{_CAP_STRICT}|不超过|未超过|不高于|至多|最多|≤|≦)\s*$")
_CAP_AFTER = re.compile(r"^\s*(以下|以内|之内|不到)")
NEAR, UNDER, AT_MOST = "near", "under", "at_most"
# the words putting a figure inside a sentence under it ("其中公共直播间近10间", "其中签约主播不到10人"), as _IN_SENTENCE's
# (not 以下/以内/至多: at most the figure, which may be the figure itself)
_CAP_IN_SENTENCE = re.compile(rf"(?:{_NEAR}|{_CAP_STRICT})\s*(?={_DIGIT})|(?<=[\dwW万亿元家个间人名位户次十百千平米%])\s*不到")


def without_cap_words(text: str) -> str:
    """``text`` without the words putting a figure in it under that figure: what else it says of its figures.

    >>> [without_cap_words(t) for t in ("其中公共直播间近10间", "其中签约主播不到10人", "其中9间以下", "约8间")]
    ['其中公共直播间10间', '其中签约主播10人', '其中9间以下', '约8间']
    """
    return _CAP_IN_SENTENCE.sub("", text)


_CAPPED_CELL = re.compile(rf"^\s*({_NEAR}|{_CAP_STRICT}|不超过|未超过|不高于|至多|最多|≤|≦)\s*(?={_DIGIT})(.+?)\s*$"
                          r"|^\s*(.+?)\s*(以下|以内|之内|不到)\s*$")


def upper_bound(text: str) -> tuple[str, str] | None:
    """A cell's whole text typed as an upper bound: (its figure as typed, how: NEAR, UNDER or AT_MOST); None when it
    is none.

    >>> upper_bound("不到400万"), upper_bound("500万元以下"), upper_bound("近3亿"), upper_bound("400万")
    (('400万', 'under'), ('500万元', 'at_most'), ('3亿', 'near'), None)
    """
    m = _CAPPED_CELL.match(text)
    if m is None:
        return None
    word, figure = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    how = cap_words(word, "")[2] if m.group(1) else cap_words("", word)[2]
    return (figure, how) if how else None


def cap_words(before: str, after: str) -> tuple[str, str, str]:
    """The words making a figure inside a sentence an upper bound, as (before it, after it, how): NEAR (just under
    it), UNDER (under it) or AT_MOST; ("", "", "") for none.

    >>> cap_words("粉丝近", ""), cap_words("", "不到"), cap_words("带动", "以下"), cap_words("最近", "")
    (('近', '', 'near'), ('', '不到', 'under'), ('', '以下', 'at_most'), ('', '', ''))
    >>> cap_words("不低于", ""), cap_words("不少于", ""), cap_words("低于", "")
    (('', '', ''), ('', '', ''), ('低于', '', 'under'))
    """
    word, tail = _CAP_BEFORE.search(before), _CAP_AFTER.match(after)
    b, a = (word.group(1) if word else ""), (tail.group(1) if tail else "")
    if re.fullmatch(_NEAR, b):
        return b, a, NEAR
    if re.fullmatch(_CAP_STRICT, b) or a == "不到":
        return b, a, UNDER
    return b, a, AT_MOST if b or a else ""


def lower_bound(text: str) -> Bound | None:
    """The lower bound ``text`` states, or None (an exact figure, or one that may be below what it names)."""
    if any(w in text for w in _BELOW):
        return None
    rng = _RANGE.match(text)
    if rng:
        low, low_unit, high, high_unit = rng.groups()
        if _LEADING_ZERO.match(low) or (_YEAR.match(low) and _YEAR.match(high) and high_unit in ("", "年")):
            return None
        return Bound(low + (low_unit or high_unit), "", high + (high_unit or low_unit))
    figure, words = text, []
    for pattern in (_BEFORE, _AFTER, _MORE):
        m = pattern.search(figure)
        if m:
            words.append(m.group(1))
            figure = (figure[:m.start()] + figure[m.end():]).strip()
    if not words or not figure:
        return None
    if _MAGNITUDE_FIRST.match(figure):     # "逾千万": 一千万
        figure = "一" + figure
    return Bound(figure, words[0], None)
