"""Mobile (手机) and contact phone numbers.

>>> parse_mobile("138 0013 8000").value, parse_mobile(13800138000).value, parse_mobile("+86-13800138000").value
('13800138000', '13800138000', '13800138000')
>>> parse_mobile("12800138000").error
'不是11位手机号（1开头，第二位3-9）'
>>> parse_phone("0851-88552573").value, parse_phone("18285059471").value
('0851-88552573', '18285059471')
"""
from __future__ import annotations

import re
from typing import Any

from .result import BLANK, Parsed, fail, is_blank
from .text import normalize

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3})-?(\d{7,8})(-\d{1,6})?$")


def _digits_text(raw: Any) -> str | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else None
    text = normalize(raw)
    text = re.sub(r"[\s()（）]", "", text)
    return text


def parse_mobile(raw: Any) -> Parsed:
    if is_blank(raw):
        return BLANK
    text = _digits_text(raw)
    if text is None:
        return fail("不是11位手机号（1开头，第二位3-9）")
    text = re.sub(r"^(\+?86)-?", "", text).replace("-", "")
    if not _MOBILE.match(text):
        return fail("不是11位手机号（1开头，第二位3-9）")
    return Parsed(value=text)


def parse_phone(raw: Any) -> Parsed:
    """A mobile number or a landline with area code (0851-88552573)."""
    mobile = parse_mobile(raw)
    if mobile.ok or mobile.blank:
        return mobile
    text = _digits_text(raw) or ""
    m = _LANDLINE.match(text)
    if m:
        return Parsed(value=text)
    return fail("不是手机号或带区号的固定电话")


def is_valid(raw: Any) -> bool:
    return parse_mobile(raw).ok
