"""The Chinese digits 零 to 九 as they are written, each at its value: the one table the readers of a number said
in words share (a share in tenths, "三成": share_words; an expert's score, "十五": number.CHINESE_SCORES).

>>> CN_DIGITS.index("七"), len(CN_DIGITS)
(7, 10)
"""
from __future__ import annotations

CN_DIGITS = ("零", "一", "二", "三", "四", "五", "六", "七", "八", "九")
