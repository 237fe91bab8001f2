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
from .summary_table import county_elsewhere, plain, row_city
from .values import after_city, city_and_county


def county_in_city_cell(typed: str, city: str) -> str:
    """The 县（区） of ``city`` a row's 市（州） cell names, alone ("凯里市") or after its 市（州） ("黔东南州凯里市", as
    an applicant's 所属市（州） is read): '' when it names none."""
    text = simplified_place(typed.replace(" ", ""))
    if division_city(text) == city:
        return text
    rules = load()
    split = city_and_county(text, rules.choices["cities"], rules.fields["sb_city"].aliases)
    return split[1] if split and split[0] == city else ""


def rest_of_city_cell(typed: str, city: str) -> str:
    """What a row's 市（州） cell names after ``city`` that is no county of it (:func:`county_in_city_cell`): a county of
    another 市（州） ("遵义市云岩区"), a 新区 or two counties ("遵义市新蒲新区", "遵义市红花岗区、汇川区"), as typed; ''
    when the cell names a county of ``city``, nothing after it or does not start with it.

    >>> [rest_of_city_cell(t, "遵义市") for t in ("遵义市云岩区", "遵义市 新蒲新区", "遵义市红花岗区", "遵义市", "云岩区",
    ...                                            "遵义市本级")]
    ['云岩区', '新蒲新区', '', '', '', '']
    """
    if county_in_city_cell(typed, city):
        return ""
    rules = load()
    found = after_city(normalize(typed), rules.choices["cities"], rules.fields["sb_city"].aliases)
    rest = next((rest for c, rest in found if c == city), "")
    return "" if "本级" in rest else rest   # "遵义市本级": the city itself


def county_of_city_cell(typed: str, city: str) -> tuple[str, str]:
    """The 县区 a row's 市（州） cell gives (its 县区 cell blank) and, where that is no county of ``city``, the row's
    note saying so: a 新区 or two counties after the city ("遵义市新蒲新区"), written into 县区 as typed — never dropped
    without a word (QA qa67b). A county of another 市（州） ("遵义市云岩区") is written, no note: its 市（州） is said
    by :func:`.summary_table.county_elsewhere`.

    >>> county_of_city_cell("黔东南州凯里市", "黔东南州"), county_of_city_cell("遵义市云岩区", "遵义市")
    (('凯里市', ''), ('云岩区', ''))
    >>> county_of_city_cell("遵义市新蒲新区", "遵义市")
    ('新蒲新区', '“市（州）”一栏填写“遵义市新蒲新区”，“新蒲新区”不是遵义市的县（区）名称，按所填写入县区，请核实')
    """
    county = county_in_city_cell(typed, city)
    rest = "" if county else rest_of_city_cell(typed, city)
    if not rest or county_elsewhere(city, rest):
        return county or rest, ""
    return rest, f"“市（州）”一栏填写“{typed}”，“{rest}”不是{city}的县（区）名称，按所填写入县区，请核实"


def guessed_city_and_county(raw: Any) -> tuple[str, str] | None:
    """(市（州）, what follows it as typed) of a 市（州） cell :func:`city_and_county_cell` does not cut, naming after its
    市（州） what is no county of it ("遵义市新蒲新区", "遵义市云岩区"); None for any other cell.

    >>> guessed_city_and_county("遵义市新蒲新区"), guessed_city_and_county("遵义市红花岗区"), guessed_city_and_county("遵义市")
    (('遵义市', '新蒲新区'), None, None)
    """
    typed = normalize(raw) if isinstance(raw, str) else ""
    own = row_city(typed) if typed else ""
    rest = rest_of_city_cell(typed, own) if own else ""
    return (own, rest) if rest else None


def city_and_county_cell(raw: Any) -> tuple[str, str] | None:
    """(市（州）, 县区) a 市（州） cell names with a county in it; None when it names no county (or is no text)."""
    typed = normalize(raw) if isinstance(raw, str) else ""
    own = row_city(typed) if typed else ""
    county = county_in_city_cell(typed, own) if own else ""
    return (own, county) if county else None


def county_titled(title: Any) -> bool:
    """Whether a 市（州） column's title names the 县区 too ("市（州）/县区", "市州县区", "所在地（市州/区县）")."""
    return "县" in plain(title)
