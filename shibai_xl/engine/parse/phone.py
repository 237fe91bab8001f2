"""Mobile (手机) and contact phone numbers.

>>> parse_mobile("138 0013 8000").value, parse_mobile(13800138000).value, parse_mobile("+86-13800138000").value
('13800138000', '13800138000', '13800138000')
>>> parse_mobile("12800138000").error
'不是11位手机号（1开头，第二位3-9）'
>>> parse_phone("0851-88552573").value, parse_phone("18285059471").value, parse_phone("（0851）88552573").value
('0851-88552573', '18285059471', '0851-88552573')
>>> parse_mobile("13908510001（微信同号）").value, parse_mobile("13908510001/13908510002").value
('13908510001', '13908510001、13908510002')
>>> parse_mobile("13908510001 王经理").value, parse_phone("张三 0851-88552573").value, parse_mobile("王经理").ok
('13908510001', '0851-88552573', False)
"""
from __future__ import annotations

import re
from typing import Any

from .result import BLANK, Parsed, fail, is_blank
from .text import normalize

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3})-?(\d{7,8})(-\d{1,6})?$")


def is_mobile(digits: str) -> bool:
    """Whether the digits are an 11-digit mainland mobile number (1, then 3-9, then nine digits)."""
    return bool(_MOBILE.match(digits))


def _digits_text(raw: Any) -> str | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else None
    text = _AREA_APART.sub(lambda m: f"{m.group(1) or m.group(2)}-", normalize(raw))
    return re.sub(r"[\s()（）]", "", text)


# the area code set apart from the number, in brackets or by a space: "(0851)86801234", "（0851）8680 1234",
# "0851 86801234" — read as 0851-86801234, the area code kept apart (not run into the number: 085186801234)
_AREA_APART = re.compile(r"^\s*\((0\d{2,3})\)\s*-?\s*|^\s*(0\d{2,3})\s+(?=\d)")


# a remark in brackets after a number ("（微信同号）", "(办公室)"): no digit in it, so no part of the number
_REMARK = re.compile(r"[(（][^()（）0-9０-９]*[)）]")
_LABEL = re.compile(r"^[^\d:+]{1,8}:\s*")   # the label copied with it: "手机：139…", "电话: 0851-…"
# the contact's name beside the number, apart by a space, as in a remark: "13908510001 王经理", "张三 13908510001"
_NAME_BESIDE = re.compile(r"^[\u4e00-\u9fff]{1,6}\s+(?=[\d+])|(?<=\d)\s+[\u4e00-\u9fff]{1,6}$")
# two numbers typed into one cell: 13908510001/13908510002, or on two lines of it (Alt+Enter)
_SEVERAL = re.compile(r"\s*(?:[/、,，;；]|[\r\n]+)\s*")


_FULL_STOP = re.compile(r"\s*[。.]+$")   # the end of the sentence it was copied from: "手机：13908510001。"


def _numbers(raw: Any) -> list[Any]:
    """The numbers one cell holds: itself, or the parts of a text listing several, remarks in brackets left out;
    numbers apart by a space are several when each is a whole number ("13908510001 13908510002"), one number
    spaced out otherwise ("139 0851 0001")."""
    if not isinstance(raw, str):
        return [raw]
    text = _FULL_STOP.sub("", _LABEL.sub("", _REMARK.sub("", normalize(raw)).strip()))
    parts: list[Any] = []
    for part in _SEVERAL.split(text):
        part = _NAME_BESIDE.sub("", part)
        pieces = part.split()
        parts.extend(pieces if len(pieces) > 1 and all(_whole_number(p) for p in pieces) else [part] if part else [])
    return parts or [text]


def _whole_number(text: str) -> bool:
    return _one_mobile(text) is not None or bool(_LANDLINE.match(_digits_text(text) or ""))


def _one_mobile(raw: Any) -> str | None:
    text = _digits_text(raw)
    if text is None:
        return None
    text = re.sub(r"^(\+?86|0086)-?", "", text).replace("-", "")   # +86, 8613…, the international 0086
    return text if _MOBILE.match(text) else None


def parse_mobile(raw: Any) -> Parsed:
    if is_blank(raw):
        return BLANK
    found = [_one_mobile(p) for p in _numbers(raw)]
    if not found or None in found:
        return fail("不是11位手机号（1开头，第二位3-9）")
    return Parsed(value="、".join(found))


def parse_phone(raw: Any) -> Parsed:
    """A mobile number or a landline with area code (0851-88552573); several such, as typed into one cell."""
    if is_blank(raw):
        return BLANK
    found = []
    for part in _numbers(raw):
        mobile = _one_mobile(part)
        text = _digits_text(part) or ""
        if mobile is None and not _LANDLINE.match(text):
            return fail("不是手机号或带区号的固定电话")
        found.append(mobile or text)
    return Parsed(value="、".join(found))


def is_valid(raw: Any) -> bool:
    return parse_mobile(raw).ok
