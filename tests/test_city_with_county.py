"""所属市（州） typed with its county, as an address is ("六盘水市钟山区", "贵阳市 南明区"): the 市（州） is read, so
the upload name is the same on every face (SB_UPLOAD_NAME, check's 上传文件名) — other text stays FIELD_CHOICE."""
from __future__ import annotations

import pytest

from shibai_xl.engine.application import Application
from shibai_xl.engine.check import check
from shibai_xl.examples import EXAMPLES
from shibai_xl.faces import udf_functions as U


def _checked(city):
    county = city.replace(" ", "")[-3:]   # 县（区） typed again on its own line, as the form asks
    return check(Application.from_values("enterprise", {**EXAMPLES["enterprise"], "sb_city": city, "sb_county": county}))


@pytest.mark.parametrize("typed, city", [("六盘水市钟山区", "六盘水市"), ("遵义市红花岗区", "遵义市"),
                                         ("贵阳市 南明区", "贵阳市"), ("贵州省黔东南州凯里市", "黔东南州"),
                                         ("黔南布依族苗族自治州都匀市", "黔南州"), ("六盘水钟山区", "六盘水市"),
                                         ("贵阳市（南明区）", "贵阳市"), ("贵阳市、南明区", "贵阳市"),
                                         ("遵义市-红花岗区", "遵义市"), ("贵安新区党武镇", "贵安新区")])
def test_a_city_typed_with_its_county_is_the_city_on_every_face(typed, city):
    result = _checked(typed)
    assert not [f for f in result.findings if f.field == "sb_city"]
    assert result.city == city
    assert result.upload_name.startswith(city)
    assert U.upload_name(typed, result.company, "企业") == result.upload_name


@pytest.mark.parametrize("typed", ["遵义市钟山区", "六盘水市钟山镇", "六盘水市钟山区大河镇", "遵义市（钟山区）",
                                   "贵阳市（高新区）", "遵义市马场镇"])
def test_a_city_with_another_citys_county_or_other_words_stays_a_choice_error(typed):
    result = _checked(typed)
    assert [f.code for f in result.findings if f.field == "sb_city"] == ["FIELD_CHOICE"]
    assert U.upload_name(typed, "某公司", "企业").startswith(U.ERROR)
