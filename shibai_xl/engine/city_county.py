"""A 附件4's 市（州） and 县区 typed in one cell ("遵义市红花岗区", "黔东南州凯里市", a county alone: "凯里市"), under a
hand-made title of both ("市（州）/县区", "所在地（市州/区县）") or one of the city's ("地区"): the 市（州） and the 县区,
as the official columns hold them. A cell naming no county ("遵义市", "州本级") is not cut.

>>> city_and_county_cell("遵义市红花岗区"), city_and_county_cell("凯里市"), city_and_county_cell("贵阳市 云岩区")
(('遵义市', '红花岗区'), ('黔东南州', '凯里市'), ('贵阳市', '云岩区'))
>>> city_and_county_cell("遵义市"), city_and_county_cell("市本级"), city_and_county_cell(None)
(None, None, None)
"""
from __future__ import annotations

from typing import Any

from ..rules import load
from .parse.text import normalize, simplified_place
from .parse.uscc import division_city
from .summary_table import plain, row_city
from .values import city_and_county


def county_in_city_cell(typed: str, city: str) -> str:
    """The 县（区） of ``city`` a row's 市（州） cell names, alone ("凯里市") or after its 市（州） ("黔东南州凯里市", as
    an applicant's 所属市（州） is read): '' when it names none."""
    text = simplified_place(typed.replace(" ", ""))
    if division_city(text) == city:
        return text
    rules = load()
    split = city_and_county(text, rules.choices["cities"], rules.fields["sb_city"].aliases)
    return split[1] if split and split[0] == city else ""


def city_and_county_cell(raw: Any) -> tuple[str, str] | None:
    """(市（州）, 县区) a 市（州） cell names with a county in it; None when it names no county (or is no text)."""
    typed = normalize(raw) if isinstance(raw, str) else ""
    own = row_city(typed) if typed else ""
    county = county_in_city_cell(typed, own) if own else ""
    return (own, county) if county else None


def county_titled(title: Any) -> bool:
    """Whether a 市（州） column's title names the 县区 too ("市（州）/县区", "市州县区", "所在地（市州/区县）")."""
    return "县" in plain(title)
