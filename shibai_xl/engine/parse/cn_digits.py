"""The Chinese digits 零 to 九 as they are written, each at its value: the one table the readers of a number said
in words share (a share in tenths, "三成": share_words; an expert's score, "十五": number.CHINESE_SCORES; a date
"二〇二三年五月": dates; a remark's figure "每年培训四次": claim_figures).

>>> CN_DIGITS.index("七"), len(CN_DIGITS), DIGIT_VALUE["两"], DIGIT_VALUE["〇"]
(7, 10, 2, 0)
"""
from __future__ import annotations

CN_DIGITS = ("零", "一", "二", "三", "四", "五", "六", "七", "八", "九")
# each digit at its value, with the ways it is also written: 〇 in a year (二〇二三), 两 before a unit (两期)
DIGIT_VALUE = {ch: i for i, ch in enumerate(CN_DIGITS)} | {"〇": 0, "两": 2}
TENS = {"十": 10, "百": 100, "千": 1000}


def cn_int(run: str) -> int | None:
    """A run of Chinese digits as one whole number under 十千: 一百二十 → 120, 十五 → 15, 千 → 1000, a year's digits
    二〇二三 → 2023; None for digits that make no one number (三五: three to five).

    >>> cn_int("一百二十"), cn_int("十五"), cn_int("千"), cn_int("二〇二三"), cn_int("四"), cn_int("三五"), cn_int("一百零五")
    (120, 15, 1000, 2023, 4, None, 105)
    """
    if not any(ch in TENS for ch in run):
        if len(run) in (1, 4):
            return int("".join(str(DIGIT_VALUE[ch]) for ch in run))
        return None
    total, digit = 0, None
    for ch in run:
        if ch in TENS:
            total += (1 if digit is None else digit) * TENS[ch]
            digit = None
        elif DIGIT_VALUE[ch] == 0:
            digit = None
        elif digit is not None:
            return None
        else:
            digit = DIGIT_VALUE[ch]
    return total + (digit or 0)
