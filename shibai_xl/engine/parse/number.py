"""Numbers as people type them: amounts, counts, areas, percentages, US dollars.

Amounts are returned in 万元 whatever the field's printed unit (元, 万元 or 亿元),
US dollars in 美元, counts as integers, areas in 平方米, percentages in points
(60 means 60%). Text may carry commas, full-width digits, Chinese numerals
(叁亿, 三千万, 1万2千) and its own unit ("35000万" in the park's 亿元 field is 3.5
亿). Anything approximate or ambiguous is an error, never a guess; a lower bound ("100万以上", "100-200万":
parse/bounds.py) is read as that bound where a form's field asks (``bounds``), marked ``bound`` and said in a note.

>>> parse_amount("3亿", "亿元").value, parse_amount(3, "亿元").value, parse_amount("35000万", "亿元").value
(Decimal('30000'), Decimal('30000'), Decimal('35000'))
>>> parse_amount("１，２３４.５", "万元").value, parse_amount("叁亿", "万元").value, parse_amount("500000元", "万元").value
(Decimal('1234.5'), Decimal('30000'), Decimal('50'))
>>> parse_amount("叁仟伍佰万元整", "万元").value, parse_percent(0.65 / 100, percent_format=True).value
(Decimal('3500'), Decimal('0.65'))
>>> parse_amount("约三千万左右", "万元").error
'不是确切数字（含“约”），请填写确切金额'
>>> parse_amount(-5, "万元").error
'不能为负数'
>>> parse_count("12家").value, parse_count("120万").value, parse_count(3.5).error
(12, 1200000, '应为整数')
>>> parse_percent(0.6, percent_format=True).value, parse_percent(60).value, parse_percent("55%").value
(Decimal('60'), Decimal('60'), Decimal('55'))
>>> parse_usd("50万美元").value, parse_usd("50万元").error
(Decimal('500000'), '币种不符：此项以美元填写')
>>> parse_usd("无").value, parse_count("暂无").value, parse_amount("无", "万元").value, parse_amount("/").error
(Decimal('0'), 0, Decimal('0'), '不是数字')
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from ..fmt import fmt, typed
from .bounds import ABOVE, Bound, lower_bound, without_bound_words, without_cap_words
from .cn_digits import CN_DIGITS
from .figure_period import months_of, without_period
from .result import BLANK, Parsed, fail, is_blank
from .share_words import in_tenths, without_share_words
from .text import normalize

WAN = Decimal(10000)
YI = Decimal(100000000)
NONE_WORDS = ("无", "没有", "暂无", "尚无")   # "不涉及" and "/" say nothing of the figure: they stay unreadable
_UNIT_FACTOR_TO_YUAN = {"元": Decimal(1), "万元": WAN, "亿元": YI, "美元": Decimal(1)}

_APPROX = ("约", "左右", "大约", "大概", "近", "超过", "不超过", "以上", "以下", "多万", "余", "上下", "~", "～", "至", "不到",
           "估", "预计", "左",
           # a bound, not a figure: "不少于500万", "≥500万", "逾千万"
           "不少于", "不低于", "至少", "最少", "多于", "高于", "逾", "≥", "≤", "≈", ">", "<")
# words that only contain such a character: 签约主播 (附件2 直播基地 item 5), 合约, 其余, 至今
# 截至: as of a date; 评估: assessed; 上下游: the supply chain; 以上数据: the data above; 近一年: the last year
_NOT_APPROX = re.compile(r"签约|合约|预约|特约|续约|履约|约定|集约|其余|剩余|业余|余额|至今|截至|最近|附近|评估|上下游"
                         r"|以上(?:数据|信息|内容|金额|数字|均|为|所)|近[一二两三四五六七八九十\d]+(?:个?月|年)")
_PLUS_AFTER = re.compile(r"[\d万亿千百十]\s*\+(?!\s*\d)")   # "100万+", "1000+家": more than, not a sum
_SENTENCE_END = "。;,、 "   # after NFKC: 。；，、
_CN_POINT = re.compile(r"(?<=\d)。(?=\d)")
# the form's label copied with the figure, "年度交易额：1200万元", and the year the field already means, "1200万元/年"
# (a label naming a unit, "亿元：3", may change the figure: it stays)
_LABEL = re.compile(r"^[^\d:()\[\]【】元万亿美$￥¥]{1,20}:\s*(?=\S)")
_PER_YEAR = re.compile(r"\s*(?:/|每)\s*年度?$")
_RANGE = re.compile(r"\d\s*[-—–]\s*\d")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# 千万/百万/十万 as people write large amounts ("1.2千万"): with 万 in them they are amounts in 元, as "三千万" is
_MAG_WORDS = "万亿|千万|百万|十万|亿|万|萬|w|W"   # w: 万 as 直播 people write it ("520w", "粉丝185W")
_WITH_MAG = re.compile(rf"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))({_MAG_WORDS})$")
# a grouped number before a magnitude word, 千元 ("12,000千元", as financial statements write) among them
_GROUPED_MAG = re.compile(rf"^([+-]?\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?)({_MAG_WORDS}|千|百)$")
_CN_NUM_CHARS = set("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬點点负")
# a unit in brackets after the figure is its unit: "0.8（亿元）", "0.8（亿）", "8000（万）", "12（家）"
_UNIT_IN_BRACKETS = re.compile(r"[(\[【]\s*((?:万|亿)?(?:元|美元)|万|亿|平方米|家|个|间|人)\s*[)\]】]")
_BARE_MAGNITUDE = re.compile(r"^[百千](?:万|亿)$")
_CN_DECIMAL_MAG = re.compile(r"^([^点万萬亿]+点[^点万萬亿]+)(万亿|亿|万|萬)$")
_MAGNITUDE = {"万": WAN, "萬": WAN, "亿": YI, "万亿": WAN * YI, "千万": 1000 * WAN, "百万": 100 * WAN, "十万": 10 * WAN,
              "w": WAN, "W": WAN}


def _to_decimal_number(raw: Any) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            return None
        # the 15 significant digits Excel keeps and shows: a formula's 499.99999999999994 is the 500 in the cell
        return Decimal(f"{raw:.15g}")
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    return None


def _strip_words(text: str, words: tuple[str, ...]) -> tuple[str, list[str]]:
    found = []
    for w in sorted(words, key=len, reverse=True):
        if w in text:
            found.append(w)
            text = text.replace(w, "")
    return text, found


def _several(text: str) -> bool:
    """Several figures in one cell ("抖音80万，快手30万", "80万、30万"): parts with digits, separated, where a part
    before the last holds more than digits (a misplaced thousands separator, "1,2345", holds only digits)."""
    parts = re.split(r"[,、;]", text)
    figures = [p for p in parts if re.search(r"\d", p)]
    return len(figures) >= 2 and any(re.search(r"\D", p) for p in parts[:-1] if p)


def _read_number(text: str) -> tuple[Decimal | None, bool, str | None]:
    """(number, has_magnitude, error) for text without currency/unit words."""
    text = text.replace(" ", "")
    if not text:
        return None, False, "没有数字"
    if _PLAIN.match(text):
        return Decimal(text), False, None
    if _GROUPED.match(text):
        return Decimal(text.replace(",", "")), False, None
    if _several(text):
        return None, False, "填写了多个数字，请只填写一个数字（如各项的合计数）"
    grouped_mag = _GROUPED_MAG.match(text)
    if grouped_mag:
        text = grouped_mag.group(1).replace(",", "") + grouped_mag.group(2)
    if "," in text:
        # a comma is a misplaced thousands separator only among digits: "很好，材料齐全" is words, no number
        if not any(ch.isdigit() or ch in _CN_NUM_CHARS for ch in text.replace(",", "")):
            return None, False, "不是数字"
        return None, False, "千分位逗号位置不对，无法确定数值"
    m = _WITH_MAG.match(text)
    if m:
        return Decimal(m.group(1)) * _MAGNITUDE[m.group(2)], True, None
    if re.search(r"[eE]", text) and re.match(r"^[0-9.eE+-]+$", text):
        return None, False, "请不要使用科学计数法"
    if _BARE_MAGNITUDE.match(text):   # "百万" as people say 一百万 (as "逾千万" is over 一千万, parse/bounds.py)
        text = "一" + text
    if any(ch in _CN_NUM_CHARS for ch in text) and all(ch in _CN_NUM_CHARS or ch.isdigit() or ch == "." for ch in text):
        import cn2an  # only for text in Chinese numerals: its import (0.1–0.2 s) would slow every command

        text = text.replace("點", "点")
        # a decimal before its magnitude, "三点五亿", "二点五万": cn2an reads 三点五 but not with 亿 after it
        decimal = _CN_DECIMAL_MAG.match(text)
        try:
            if decimal:
                value = Decimal(str(cn2an.cn2an(decimal.group(1), "smart"))) * _MAGNITUDE[decimal.group(2)]
            else:
                value = cn2an.cn2an(text, "smart")
            # str() of an int of more than 4300 digits ("一一一…" typed thousands of times) raises ValueError too
            number = Decimal(str(value))
        except Exception:  # cn2an raises plain ValueError/KeyError for text it cannot read
            return None, False, "中文数字无法识别"
        has_mag = any(ch in text for ch in "万萬亿")
        return number, has_mag, None
    return None, False, "不是数字"


def _parse_quantity(raw: Any, field_unit: str, currency: str | None, bounds: bool = False) -> Parsed:
    """Value in the field's base: 元 for CNY amounts, 美元 for USD, plain for the rest; with ``bounds``, a lower bound
    typed for it ("100万以上") is read as that bound, otherwise it is no exact figure (a total of such is no total)."""
    if is_blank(raw):
        return BLANK
    if isinstance(raw, (datetime, date, time)):
        return fail("是日期而不是数字")
    number = _to_decimal_number(raw)
    if number is None and not isinstance(raw, str):
        return fail("不是数字")
    absolute, remark, bound = False, "", None
    if number is None:
        text = _typed_figure(raw, currency)
        if _TYPED_DATE.match(text):    # "2023-05-01" typed as text: no range 2023 to 5, and no figure
            return fail("是日期而不是数字")
        period = _typed_period(raw, currency)
        bound, remark, err = _bound_of(text) if bounds else (None, "", None)
        if err:
            return fail(err)
        if bound and bound.upper is not None:
            return _range(bound, field_unit, currency, "；".join(r for r in (remark, period) if r))
        head, remark, err = _split_remark(bound.figure if bound else text, currency)
        if err:
            return fail(err)
        remark = "；".join(r for r in (remark, period) if r)
        number, absolute, err = _from_text(head, currency)
        if err:
            return fail(_capped(head, currency) if err == "不是数字" else err)
    if number < 0:
        return fail("不能为负数")
    note = _remark_said(remark, raw) if remark else None
    if currency == "CNY":
        factor = Decimal(1) if absolute else _UNIT_FACTOR_TO_YUAN.get(field_unit, WAN)
        number = number * factor / WAN
    value = number.normalize() + 0
    if bound:
        note = "；".join(n for n in (_bound_note(bound, value, currency, field_unit), note) if n)
    return Parsed(value=value, note=note, remark=remark or None, bound=bound is not None)


# the words before a figure making it an upper bound ("小于50万美元", 附件5 4.3's own words): no exact figure, as 不到
_CAPPED = re.compile(r"^(不足|低于|少于|小于|未达到|未达|未满)\s*[\d零〇一二两三四五六七八九十百千]")


def _capped(text: str, currency: str | None) -> str:
    """Why a text that is no number fails: "不是确切数字（含“小于”）…" when an upper-bound word stands before its figure."""
    m = _CAPPED.match(text)
    return f"不是确切数字（含“{m.group(1)}”），请填写确切{'金额' if currency else '数值'}" if m else "不是数字"


def _bound_note(bound: Bound, value: Decimal, currency: str | None, field_unit: str) -> str:
    """What the warning says of a lower bound: that it is no exact figure, and the figure it is read as."""
    shown = f"{fmt(value)}{'万元' if currency == 'CNY' else '美元' if currency else field_unit}"
    what = f"含“{bound.word}”" if bound.word else "填写的是一个范围"
    return f"不是确切数字（{what}），按下限{shown}计，请填写确切{'金额' if currency else '数值'}"


def _remark_said(remark: str, raw: Any) -> str:
    """The note of a remark typed with a figure: in brackets, or a period as its label ("2023年：1000万元")."""
    where = "括号内的" if isinstance(raw, str) and any(b in normalize(raw) for b in "([【") else ""
    return f"{where}“{remark}”是备注，未计入数字"


def _range(bound: Bound, field_unit: str, currency: str | None, remark: str = "") -> Parsed:
    """A range typed for the figure ("100-200万", "100-200万（全网）"): its lower end, as a lower bound."""
    low, high = (_parse_quantity(end, field_unit, currency) for end in (bound.figure, bound.upper))
    if not (low.ok and high.ok) or low.remark or high.remark or low.value > high.value:
        return fail("填写的是一个范围，无法确定下限，请填写确切数值")
    note = "；".join(n for n in (_bound_note(bound, low.value, currency, field_unit),
                                 f"括号内的“{remark}”是备注，未计入数字" if remark else "") if n)
    return Parsed(value=low.value, note=note, remark=remark or None, bound=True, upper=high.value)


# a figure in a remark after a lower bound ("3000万以上（其中抖音2000万）"): digits, or Chinese numerals with a unit
_FIGURE_IN_REMARK = re.compile(r"\d|[零〇一二两三四五六七八九十百千][万亿千百十]*[万亿元家个间人名户]")


def _bound_of(text: str) -> tuple[Bound | None, str, str | None]:
    """(the lower bound typed, a range's remark, error): a remark of words in brackets after the bound is the
    applicant's note, as after an exact figure ("3000万以上（抖音）" is 3000万以上, the remark left to
    :func:`_split_remark`); a bracket holding another figure leaves it unknown which figure is the bound."""
    m = _REMARK.match(text)
    words = m.group(2).strip() if m and re.search(r"[^\W\d_]", m.group(2)) else ""
    bound = lower_bound(m.group(1)) if words else None
    if bound is not None and bound.upper is None:
        bound = Bound(f"{bound.figure}({words})", bound.word, None)
    bound = bound or lower_bound(text)
    if bound is None or not words:
        return bound, "", None
    if _FIGURE_IN_REMARK.search(words) and not (bound.upper is None and conversion(m.group(1), words)):
        return None, "", f"括号内的“{words}”另有数字，无法确定下限是哪个数字，请只填写一个数字"
    if bound.upper is not None and (err := _vague(words, "CNY")):
        return None, "", err
    return bound, words if bound.upper is not None else "", None


def above_bound(raw: Any, currency: str | None = None) -> bool:
    """Whether a figure typed as a lower bound says more than its figure ("超过50万美元", "50多万"), not only at least
    it ("50万以上", "不少于50万", a range): the bound then meets a criterion of more than that very figure.

    >>> above_bound("超过50万美元"), above_bound("50多万"), above_bound("50万美元以上"), above_bound("50-60万")
    (True, True, False, False)
    """
    if not isinstance(raw, str):
        return False
    bound = _bound_of(_typed_figure(raw, currency))[0]
    return bound is not None and bound.upper is None and bound.word in ABOVE


# a date typed as text where a figure is asked: "2023-05-01", "2023/5/1", "2023.5.1", "2023年5月", "2023年5月1日"
_TYPED_DATE = re.compile(r"^(?:19|20)\d\d\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)$")


# the units and financial digits of an amount typed in traditional characters ("1200萬元", "3.5億元", "參億", "伍佰圓"):
# the simplified ones read below (壹伍柒捌玖拾佰仟肆 are the same in both); nothing else of the text is changed
_TRADITIONAL_FIGURE = str.maketrans("萬億圓貳參叄陸兩", "万亿元贰叁叁陆两")
_GE_YI = re.compile(r"(?<=[\d零〇一二两三四五六七八九十])\s*个\s*(多)?\s*亿")


def _typed_figure(raw: str, currency: str | None) -> str:
    """The text of a typed figure without what people write around it: a full stop ending the sentence ("520万元。"),
    the form's label before it ("年度交易额：1200万元"), the year it is for ("1200万元/年"); the Chinese input
    method's point as a decimal point ("1234。5"); the apostrophe a number pasted as text carries before it ("'1234":
    Excel's text prefix, kept as a character where the text came from another program's export).

    >>> _typed_figure("'1234", None), _typed_figure("＇1,234万元", "CNY"), _typed_figure("3个多亿", "CNY")
    ('1234', '1,234万元', '3亿多')
    """
    text = normalize(raw).translate(_TRADITIONAL_FIGURE).replace("\u00a0", "").rstrip(_SENTENCE_END)
    if text.endswith(".") and text[:-1].rstrip(".")[-1:] in "元万亿家个间人":   # "520万元.": a full stop, no point
        text = text.rstrip(".")
    if text.startswith("'"):
        text = text[1:].lstrip()
    if "个" in text:      # "3.6个亿" as people say 3.6亿, "3个多亿" as "3亿多"
        text = _GE_YI.sub(lambda m: "亿" + (m.group(1) or ""), text)
    if text.count("。") == 1 and "." not in text:
        text = _CN_POINT.sub(".", text)
    label = _LABEL.match(text) or _TOTAL.match(text)
    if label and not _vague(label.group(), currency):    # "约：1200万" stays no exact figure
        text = text[label.end():]
    return without_period(_PER_YEAR.sub("", text))[0]


# the word of a total or of the whole year before its figure, without a colon: "合计1000万元", "全年1000万元"
_TOTAL = re.compile(r"^(?:合计|共计|总计|全年)\s*(?=[\d零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖])")


def period_typed_with(raw: Any) -> tuple[date, date] | None:
    """The first and last months of the 统计期 typed with a figure ("1200万元（2022.1-2022.12）", "2022年：1200万元"),
    or None (none typed, or words no months can be read from).

    >>> period_typed_with("2022年：1200万元"), period_typed_with("1200万元（2023.4-2024.3）")[1], period_typed_with(12)
    ((datetime.date(2022, 1, 1), datetime.date(2022, 12, 1)), datetime.date(2024, 3, 1), None)
    """
    return months_of(_typed_period(raw, None)) if isinstance(raw, str) else None


def _typed_period(raw: str, currency: str | None) -> str:
    """The statistics period typed with a figure (:func:`_without_period`), "" when none."""
    text = normalize(raw).translate(_TRADITIONAL_FIGURE).replace("\u00a0", "").rstrip(_SENTENCE_END)
    return without_period(_PER_YEAR.sub("", text))[1]


# a figure followed by a remark of words in brackets: "520万元（抖音、快手合计）", "1200（经审计）", "12家（含分公司）"
_REMARK = re.compile(r"^([^()\[\]【】]*[^()\[\]【】\s])\s*[(\[【]([^()\[\]【】]*)[)\]】]$")
_UNIT_MARKS = ("元", "万", "萬", "亿", "千", "百", "美金", "USD", "$", "%", "平方", "平米", "㎡")


def _split_remark(text: str, currency: str | None) -> tuple[str, str, str | None]:
    """(the figure's text, the remark in brackets after it or "", error) of a typed quantity. Anything approximate
    anywhere (约, 以上 — in the remark too) is no exact figure, except a lower bound of the remark's own figure, a part
    ("12（其中公共直播间8间以上）": remarks.py reads it as it reads the remark typed beside); a remark naming a unit
    after a bare number ("5200000（单位：元）") may change the figure's unit, and a bracket of figures only ("(3000)")
    may be a negative number: both are refused."""
    err = _vague(text, currency)
    part = _REMARK.match(text)
    if err and part and _FIGURE_IN_REMARK.search(part.group(2)) and not _vague(part.group(1), currency) \
            and not _vague(without_cap_words(without_bound_words(part.group(2))), currency):
        err = None
    if err and part and not _vague(part.group(1), currency) and conversion(part.group(1), part.group(2)):
        err = None
    if err:
        return text, "", err
    text = _UNIT_IN_BRACKETS.sub(r"\1", text)
    remark = _REMARK.match(text)
    if remark and re.search(r"[^\W\d_]", remark.group(2)):   # words in it, not only figures
        head, words = remark.group(1), remark.group(2).strip()
        if bare_number(head) and any(u in words for u in _UNIT_MARKS):
            return text, "", f"括号内的“{words}”写有单位，无法确定数字的单位，请只填写数字和单位"
        return head, words, None
    if re.search(r"[()\[\]【】]", text):
        return text, "", "含括号，无法确定是负数还是备注，请只填写数字"
    return text, "", None


_USD_WORDS = ("美元", "美金", "USD", "US$", "$")
# the words of a conversion at a rate, before or after its figure: "约合人民币576万元", "折合约576万元", "≈576万元"
_CONVERTED = re.compile(r"^(?:约合|约折合|折合|约|合|相当于|≈)?(?:人民币|美元|美金)?(?:约|≈)?"
                        r"[\d.,]+(?:万|亿)?(?:元|美元|美金)?(?:人民币)?$")


def _currency_of(text: str) -> str | None:
    """The currency a figure's own words name: "80万美元" USD, "576万元"/"人民币576万" CNY, a bare figure none."""
    if any(w in text for w in _USD_WORDS):
        return "USD"
    if "元" in text or any(w in text for w in _CNY_MARKS):
        return "CNY"
    return None


def conversion(head: str, remark: str) -> bool:
    """Whether a remark in brackets only restates the figure before it in the other currency, at a rate ("80万美元
    （约合人民币576万元）"): its "约" is the rate's, not the figure's, which names its own currency.

    >>> conversion("80万美元", "约合人民币576万元"), conversion("80", "约合人民币576万元"), conversion("80万美元", "约")
    (True, False, False)
    """
    ours, theirs = _currency_of(head), _currency_of(remark)
    words = remark.replace(" ", "").replace("¥", "人民币").replace("￥", "人民币")
    return ours is not None and theirs is not None and ours != theirs and bool(_CONVERTED.match(words))


def _from_text(text: str, currency: str | None) -> tuple[Decimal | None, bool, str | None]:
    """(number, absolute — in 元/美元 rather than the field's unit, error) of a typed quantity without a remark."""
    text, absolute, err = _strip_units(text, currency)
    if err:
        return None, False, err
    # a space between digits is a thousands separator ("4 200") only where a comma would be one: "2 9" is no 29
    spaced = re.search(r"\d\s+\d", text) is not None
    if spaced:
        text = re.sub(r"(?<=\d)\s+(?=\d)", ",", text)
    text = text.replace(" ", "")
    if text.startswith("负"):
        return None, False, "不能为负数"
    if text in NONE_WORDS:     # "无" in a number cell: the applicant has none of it (no cross-border sales …)
        return Decimal(0), False, None
    number, has_mag, err = _read_number(text)
    if spaced and err:
        err = "数字中间有空格，无法确定数值"
    return number, absolute or has_mag, err


def _vague(text: str, currency: str | None) -> str | None:
    """Why the text is no exact figure (约, 左右, a range), or None."""
    text = _NOT_APPROX.sub("", text)
    found = [(text.find(w), -len(w), w) for w in _APPROX if w in text]
    if found:      # the word as written first, whole: "至少" rather than its "至"
        w = min(found)[2]
        return f"不是确切数字（含“{w}”），请填写确切金额" if currency else f"不是确切数字（含“{w}”），请填写确切数值"
    if _PLUS_AFTER.search(text):
        return f"不是确切数字（含“+”），请填写确切{'金额' if currency else '数值'}"
    if _RANGE.search(text):
        return "填写的是一个范围，请填写确切数值"
    return None


def _strip_units(text: str, currency: str | None) -> tuple[str, bool, str | None]:
    """The text without currency and unit words, whether a currency word made it absolute, error (wrong currency)."""
    if currency and text.endswith("元整"):     # 叁仟伍佰万元整: how amounts are written out in words
        text = text[:-1]
    text, cny_marks = _strip_words(text, _CNY_MARKS)
    text, usd = _strip_words(text, ("美元", "美金", "USD", "US$", "$"))
    if currency == "USD" and cny_marks:
        return text, False, "币种不符：此项以美元填写"
    if currency == "CNY" and usd:
        return text, False, "币种不符：此项以人民币填写，不是美元"
    text, yuan = _strip_words(text, ("元",))
    if currency == "USD" and yuan and not usd:
        return text, False, "币种不符：此项以美元填写"
    if currency is None:
        text, _ = _strip_words(text, _COUNT_WORDS)
        return text, False, None
    # a currency sign or word (￥, 人民币) is no unit: "￥1200" in a 万元 cell is the 1200万元 the column asks for, as a
    # cell formatted ￥#,##0 holding 1200 shows; only 元 written out makes the figure one in 元
    return text, bool(yuan or usd), None


_CNY_MARKS = ("人民币", "RMB", "CNY", "￥", "¥")
# the units of areas and counts, and the nouns people write after a count as they would say it: "5000平", "12家企业",
# "3个品牌", "185w粉丝", "5名主播"; before it, the question's own words: "粉丝总数120万", "全网粉丝120万" (every
# platform's: the 粉丝总数 附件5 团队 2.1.2 asks; "抖音粉丝120万" is one platform's and stays unread)
_COUNT_WORDS = ("平方米", "平米", "平方", "平", "㎡", "m²", "m2", "M2", "家", "个", "间", "人", "名", "位", "户", "次", "%",
                "企业", "品牌", "粉丝", "主播", "直播间", "粉丝总数", "粉丝数", "全网粉丝数", "全网粉丝")
DOUBT_ABOVE = {"亿元": 1000}   # a bare number this large in a 亿元 cell is 万元 typed there, where no field says more


def parse_amount(raw: Any, field_unit: str = "万元", doubt_above: float | None = None,
                 doubt_below: float | None = None, bounds: bool = False) -> Parsed:
    """A CNY amount, returned in 万元. ``field_unit`` is the unit printed on the form; a bare number of at least
    ``doubt_above`` (in that unit; the year file's, per field) is read but marked a doubt: 万元 typed in a 亿元 cell,
    元 typed in a 万元 cell; so is one above 0 and below ``doubt_below``: 亿元 typed in a 万元 cell.

    >>> p = parse_amount(4990000, "万元", doubt_above=100000); p.value, p.doubt
    (Decimal('4990000'), True)
    >>> print(*p.note.split("；"), sep="\\n")
    该栏单位是万元，4990000万元即499亿元，是否误按元填写？确是这个数的，请连同单位填写（“4990000万元”）
    是按元填写的，应为499万元，请改填499
    >>> parse_amount("499万元", "万元", doubt_above=100000).doubt, parse_amount(25000, "亿元").doubt
    (False, True)
    >>> print(*parse_amount(0.36, "万元", doubt_above=1000000, doubt_below=1).note.split("；"), sep="\\n")
    该栏单位是万元，0.36万元即3600元，是否误按亿元填写？确是这个数的，请连同单位填写（“0.36万元”）
    是按亿元填写的，应为3600万元，请改填3600
    >>> parse_amount(30000, "亿元", doubt_above=100).note.split("；")[1]
    '是按万元填写的，应为3亿元，请改填3'
    """
    p = _parse_quantity(raw, field_unit, "CNY", bounds)
    if not p.ok and _typed_as_percent(raw):
        return _percent_no_amount(field_unit)
    figure = without_remark(raw)    # "35000（抖音合计）" in a 亿元 cell is the bare 35000 it holds
    if p.bound:                      # and "25000以上" the bare 25000, "25000以上（全网）" too
        figure = without_remark(_bound_of(_typed_figure(raw, "CNY"))[0].figure)
    if not p.ok or not bare_number(figure):
        return p
    unit = doubted_unit(p.value, field_unit, doubt_above, doubt_below)
    if unit is None:
        return p
    if unit == "亿元":
        note = f"该栏单位是{field_unit}，{typed(figure)}{field_unit}即{fmt(p.value * WAN)}元，是否误按亿元填写？"
    elif field_unit == "亿元":     # 万元 or 元 typed in a 亿元 cell
        note = f"该栏单位是亿元，{typed(figure)}亿元即{fmt(p.value)}万元，是否误按{unit}填写？"
    else:
        note = f"该栏单位是{field_unit}，{typed(figure)}{field_unit}即{fmt(p.value * WAN / YI)}亿元，是否误按元填写？"
    # a figure that is right as typed is confirmed by typing its unit with it ("120亿元" is no doubt); one typed in
    # the unit doubted is corrected to the figure it then is (30000 in a 亿元 cell meant as 万元: 3)
    meant = _typed_in(p.value, unit, field_unit) / in_wan(field_unit)
    note += (f"确是这个数的，请连同单位填写（“{typed(figure)}{field_unit}”）；是按{unit}填写的，应为{fmt(meant)}{field_unit}，"
             f"请改填{fmt(meant)}")
    return Parsed(value=p.value, note="；".join(n for n in (note, p.note) if n), doubt=True, bound=p.bound)


def wrong_unit_reading(value: Decimal, field_unit: str, doubt_above: float | None,
                       doubt_below: float | None) -> tuple[Decimal, str] | None:
    """What a doubted amount (in 万元) is if typed in the unit its doubt names (parse_amount), and that unit's word:
    12000 in a park's 亿元 cell is 12000万元 typed as 万元; 0.36 in a 万元 cell is 3600万元 typed as 亿元; None when
    the figure is not in a doubted range.

    >>> wrong_unit_reading(Decimal(120000000), "亿元", 100, None), wrong_unit_reading(Decimal("0.36"), "万元", None, 1)
    ((Decimal('12000'), '万元'), (Decimal('3600.00'), '亿元'))
    >>> wrong_unit_reading(Decimal(3500000000000), "亿元", 100, None)     # 350,000,000 (元) in a 亿元 cell
    (Decimal('35000'), '元')
    """
    unit = doubted_unit(value, field_unit, doubt_above, doubt_below)
    if unit is None:
        return None
    return _typed_in(value, unit, field_unit), unit


def _typed_in(value: Decimal, unit: str, field_unit: str) -> Decimal:
    """An amount (in 万元) read anew as its figure typed in the unit its doubt names (:func:`doubted_unit`) instead of
    ``field_unit``, in 万元."""
    return value * _UNIT_FACTOR_TO_YUAN[unit] / _UNIT_FACTOR_TO_YUAN.get(field_unit, WAN)


def doubted_unit(value: Decimal, field_unit: str, doubt_above: float | None, doubt_below: float | None) -> str | None:
    """The unit an amount (in 万元) looks typed in instead of ``field_unit``: 亿元 for one above 0 and below
    ``doubt_below``, 万元 (in a 亿元 cell) or 元 for one of at least ``doubt_above`` (else :data:`DOUBT_ABOVE`), both in
    the field's unit; None for the rest. The one statement of the doubted ranges (parse_amount, wrong_unit_reading).

    >>> doubted_unit(Decimal(120000000), "亿元", 100, None), doubted_unit(Decimal("0.36"), "万元", None, 1)
    ('万元', '亿元')
    """
    in_unit = value / in_wan(field_unit)
    limit = doubt_above if doubt_above is not None else DOUBT_ABOVE.get(field_unit)
    if doubt_below is not None and 0 < in_unit < Decimal(str(doubt_below)):
        return "亿元"
    if limit is not None and in_unit >= Decimal(str(limit)):
        # in a 亿元 cell a figure whose 万元 reading is still past the limit is 元 (350,000,000 copied from a
        # financial statement is 3.5亿元, not 35000亿元)
        if field_unit == "亿元" and in_unit < Decimal(str(limit)) * WAN:
            return "万元"
        return "元"
    return None


def in_wan(field_unit: str) -> Decimal:
    """One of the amount's printed unit (元, 万元, 亿元) in 万元, the unit amounts are read in."""
    return _UNIT_FACTOR_TO_YUAN.get(field_unit, WAN) / WAN


def without_remark(raw: Any) -> Any:
    """A typed figure without the remark in brackets after it; any other value as it is."""
    if not isinstance(raw, str):
        return raw
    text = _typed_figure(raw, "CNY")
    remark = _REMARK.match(text)
    return remark.group(1) if remark else text


def bare_number(raw: Any) -> bool:
    """A number, or text that is only a number ("25000", "25,000" in a text-formatted cell): no unit of its own."""
    if not isinstance(raw, str):
        return True
    text, _ = _strip_words(normalize(raw).replace(" ", "").replace("\u00a0", ""), _CNY_MARKS)
    return bool(_PLAIN.match(text) or _GROUPED.match(text))


def parse_usd(raw: Any, bounds: bool = False) -> Parsed:
    """US dollars (the cross-border sales of 附件2), returned in 美元."""
    p = _parse_quantity(raw, "美元", "USD", bounds)
    return _percent_no_amount("美元") if not p.ok and _typed_as_percent(raw) else p


def _percent_no_amount(unit: str) -> Parsed:
    """"15%" typed in an amount's cell (or 0.15 stored and shown 15%, engine/values.py): no amount, said so."""
    return fail(f"是百分比，不是金额，请填写金额（{unit}）")


_COUNT_NOUNS = {"人": "人数", "家": "家数", "个": "个数", "间": "间数"}


def _typed_as_percent(raw: Any) -> bool:
    """Whether a figure typed for a count, an area or an amount is a percentage ("15%", "百分之15", "15%（线上）"): a count of
    people, companies or rooms is never one, and 15 read from it would meet a threshold of 10 people unseen. A % in the
    remark after the figure ("25人（占员工15%）") is the remark's.

    >>> _typed_as_percent("15％"), _typed_as_percent("百分之15"), _typed_as_percent("25人（占员工15%）"), _typed_as_percent(15)
    (True, True, False, False)
    """
    if not isinstance(raw, str):
        return False
    head = without_remark(raw)
    return "%" in head or head.startswith("百分之")


def parse_count(raw: Any, bounds: bool = False, doubt_below: float | None = None, field_unit: str = "") -> Parsed:
    """A whole number of companies, rooms, people, brands. A bare number above 0 and below ``doubt_below`` (the year
    file's, for a count the form asks in 万: 粉丝数 100 万以上) is read but marked a doubt: 万 left out.

    >>> p = parse_count(120, doubt_below=10000, field_unit="人"); p.value, p.doubt
    (120, True)
    >>> p.note
    '按所填即120人，是否按万填写（120万人）？确是这个数的，请连同单位填写（“120人”）'
    >>> parse_count("120人", doubt_below=10000, field_unit="人").doubt, parse_count(0, doubt_below=10000).doubt
    (False, False)
    """
    if _typed_as_percent(raw):
        noun = _COUNT_NOUNS.get(field_unit, "数量")
        return fail(f"是百分比，不是{noun}，请填写{noun}")
    p = _parse_quantity(raw, field_unit, None, bounds)
    if not p.ok:
        return p
    if p.value != p.value.to_integral_value():
        return fail("应为整数")
    if (doubt_below is None or p.bound or not 0 < p.value < Decimal(str(doubt_below))
            or not bare_number(without_remark(raw))):
        return Parsed(value=int(p.value), note=p.note, remark=p.remark, bound=p.bound, upper=p.upper)
    n = fmt(p.value)
    note = f"按所填即{n}{field_unit}，是否按万填写（{n}万{field_unit}）？确是这个数的，请连同单位填写（“{n}{field_unit}”）"
    return Parsed(value=int(p.value), note="；".join(x for x in (note, p.note) if x), remark=p.remark, doubt=True)


# legal units of area people give land in ("园区面积500亩"), in 平方米: 1亩 = 10000/15, 1公顷 = 10000, 1平方公里 = 1000000
_AREA_UNITS = {"平方公里": Decimal(1000000), "平方千米": Decimal(1000000), "公顷": Decimal(10000),
               "亩": Decimal(10000) / 15}


def parse_area(raw: Any, bounds: bool = False) -> Parsed:
    """An area in 平方米; one typed in 亩, 公顷 or 平方公里 is converted (to the 0.01平方米).

    >>> parse_area("2亩").value, parse_area("1.5亩").value, parse_area("0.6公顷").value, parse_area("1.2万平方米").value
    (Decimal('1333.33'), Decimal('1000'), Decimal('6000'), Decimal('12000'))
    >>> parse_area("6000平方米（合9亩）").value, parse_area("500亩（含规划用地）").value
    (Decimal('6000'), Decimal('333333.33'))
    """
    if _typed_as_percent(raw):
        return fail("是百分比，不是面积，请填写面积（平方米）")
    text = normalize(raw) if isinstance(raw, str) else ""
    head = re.split(r"[(\[【]", text, maxsplit=1)[0]    # the figure's own unit, not one in a remark ("6000（合9亩）")
    units = [u for u in _AREA_UNITS if u in head]
    if len(units) != 1 or text.count(units[0]) != 1:
        return _parse_quantity(raw, "平方米", None, bounds)
    p = _parse_quantity(text.replace(units[0], "", 1), "平方米", None, bounds)
    if not p.ok:
        return p
    value, upper = ((v * _AREA_UNITS[units[0]]).quantize(Decimal("0.01")).normalize() + 0 if v is not None else None
                    for v in (p.value, p.upper))
    note = p.note.replace(f"{fmt(p.value)}平方米", f"{fmt(value)}平方米") if p.note else p.note
    return replace(p, value=value, note=note, upper=upper)


def parse_percent(raw: Any, percent_format: bool = False, bounds: bool = False) -> Parsed:
    """A percentage in points. A %-formatted cell holding 0.6 is 60%; a plain number 60 is 60%.

    A %-formatted cell holding more than 1 (a program wrote 60 into it) is read as 60%, since no rate
    here can exceed 100%.
    """
    if is_blank(raw):
        return BLANK
    if isinstance(raw, str):
        text = without_share_words(normalize(raw))      # spaces stay: "5 0%" is no 50% (_from_text)
        tenths = in_tenths(text)
        if tenths is not None:
            return _check_pct(tenths)
        m = re.match(r"^百分之\s*(.+)$", text)
        if m:
            inner = _parse_quantity(m.group(1), "%", None, bounds)
            return inner if not inner.ok else _checked_pct(inner)
        p = _parse_quantity(text.rstrip("%").strip(), "%", None, bounds)
        if p.ok and "%" not in text and 0 < p.value < 1:
            return _fraction_note(p.value)     # "0.6" typed as text: the same doubt as the number 0.6
        if not p.ok:
            return p
        return _checked_pct(p)     # "60%（线上）": the remark's note stays, as "50%以上"'s bound does
    number = _to_decimal_number(raw)     # a rate a formula left as 0.006500000000000001 is 0.0065
    if number is None:
        return fail("不是数字")
    if number < 0:
        return fail("不能为负数")
    if percent_format and number <= 1:
        return _check_pct((number * 100).normalize() + 0)
    if 0 < number < 1:
        return _fraction_note(number)
    return _check_pct(number)


def _fraction_note(number: Decimal) -> Parsed:
    # read as Excel stores it (CONTRACT §2: a plain number is that many percent), but 0.5 in a cell not formatted
    # as % is most often the 50% someone meant: said, so that a rate scored 0 for it does not pass unseen
    shown = (number * 100).normalize() + 0
    return Parsed(value=number, note=f"单元格不是百分比格式，按{number}%计；如果是{shown}%，"
                                     f"请填写{shown}或把单元格设为百分比格式")


def _checked_pct(p: Parsed) -> Parsed:
    checked = _check_pct(p.value)
    return replace(checked, note=p.note, bound=p.bound, upper=p.upper) if checked.ok and p.note else checked


def _check_pct(value: Decimal) -> Parsed:
    if value > 100:
        return fail("比例不能超过100%")
    return Parsed(value=value)


def parse_number(raw: Any) -> Parsed:
    """A plain non-negative number (a score, a count with decimals)."""
    return _parse_quantity(raw, "", None)


def is_valid(raw: Any, field_unit: str = "万元") -> bool:
    return parse_amount(raw, field_unit).ok


# an expert's score in words, 零 to 二十 (附件5's largest item is 20 points): what the 评分表's 小计 formula reads too
CHINESE_SCORES = (*CN_DIGITS, "十", *(f"十{d}" for d in CN_DIGITS[1:]), "二十")
_SCORE_TEXT = re.compile(r"[0-9.+]+")
# "8,5" and "8。5" (the full stop a Chinese input method types for "."): a decimal point typed wrong, said, never read
_DECIMAL_COMMA = re.compile(r"([0-9]+)([,。])([0-9]{1,2})")
_DECIMAL_SIGN = {",": "逗号", "。": "句号"}
FULL_MARKS = "不是数字：给满分的请填写本项满分"
_FULL_TYPED = re.compile(r"(?:满分?|全分)[（(:：]?[0-9.]*[)）]?|[0-9.]+分?(?:满分?|全分)")   # 满分, 满分15, 15分满分, 满15分


class UnsavedFormula(str):
    """A score cell's formula saved without its value, as the reader passes it on: its text ("=2+3"); a text cell
    typed "=5+5" stays a plain str (text looking like a formula, said so)."""
# spaces the 小计 formulas keep (a score pasted with one is no score on both sides): said, as "8\xa0" looks like 8
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\ufeff]")
_ASC = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}   # Excel's ASC of full-width ASCII


def parse_expert_score(raw: Any) -> Parsed:
    """An expert's score for one item, read exactly as the 评分表's 小计 formulas read it (so that the total the
    expert sees is the one counted): a number; or text without spaces, one 分 and then one % off its end, that is
    digits (8, "8.5", "１０分") or a whole number in words from 零 to 二十 ("八", "十五"); anything else ("四点五",
    "无", "约8") is no score.

    >>> [parse_expert_score(v).value for v in (8, " １０ 分", "8.5", "十五", "两")]
    [Decimal('8'), Decimal('10'), Decimal('8.5'), Decimal('15'), Decimal('2')]
    >>> parse_expert_score("四点五").ok, parse_expert_score("无").ok, parse_expert_score("").blank
    (False, False, True)
    >>> parse_expert_score("满分15").error, parse_expert_score("15分满分").error == parse_expert_score("满").error
    ('不是数字：给满分的请填写本项满分', True)
    >>> parse_expert_score("8\xa0").error
    '含有看不见的特殊空格（从网页或 Word 复制来的不换行空格等），不算分数，请删去后重新填写数字'
    """
    if not isinstance(raw, str):
        return parse_number(raw)
    # the formulas' ASC (full-width → half-width) and SUBSTITUTE of tab, line breaks, space and U+3000 — no more,
    # so that a score pasted with a no-break space is no score on both sides rather than on one (U+0001: the
    # formulas drop it too, as LibreOffice turns the tab of a cell with a line break into it)
    text = re.sub("[\t\n\r\x01 ]", "", raw.translate(_ASC))
    if not text:
        return BLANK
    text = text[:-1] if text.endswith("分") else text
    text = text[:-1] if text.endswith("%") else text
    if _SCORE_TEXT.fullmatch(text):
        try:
            return Parsed(value=Decimal(text))
        except InvalidOperation:
            pass
    words = text.replace("〇", "零").replace("两", "二")
    if words in CHINESE_SCORES:
        return Parsed(value=Decimal(CHINESE_SCORES.index(words)))
    if text.startswith("="):    # a formula saved without its value (the reader passes it on), or text typed so
        return fail("是公式，没有保存计算结果（请在 Excel/WPS 中打开评分表保存后交回，或直接填写数字）"
                    if isinstance(raw, UnsavedFormula) else "是文字，看起来像公式但不会计算（单元格格式是“文本”），"
                    "不算分数，请改填数字")
    if text.startswith("-") and _SCORE_TEXT.fullmatch(text[1:]) and any(c.isdigit() for c in text):
        return fail("不能为负数")    # "-1" in a text cell: no score (as for the formulas), said as for the number −1
    if _ODD_SPACES.search(text) and _SCORE_TEXT.fullmatch(_ODD_SPACES.sub("", text)):   # not "8..5": a slip, no space
        return fail("含有看不见的特殊空格（从网页或 Word 复制来的不换行空格等），不算分数，请删去后重新填写数字")
    if m := _DECIMAL_COMMA.fullmatch(text):   # "8,5", "8。5": never guessed (the formulas do not read them)
        return fail(f"的小数点写成了{_DECIMAL_SIGN[m[2]]}（应写作 {m[1]}.{m[3]}），不算分数，请改填数字")
    if _FULL_TYPED.fullmatch(text):     # the item's 满分 is the caller's to name (scoring.reviewer_total)
        return fail(FULL_MARKS)
    return fail("不是数字（请填写数字，如 8 或 8.5）")


def parse_score(raw: Any) -> Parsed:
    """A score as people type it in a summary: 85, "85", "85分", "８５ 分"."""
    if isinstance(raw, str):
        text = normalize(raw).replace(" ", "")
        raw = text[:-1] if text.endswith("分") else text
    return parse_number(raw)
