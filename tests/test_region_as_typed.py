"""所属市（州）/县（区） as applicants type them: the 县（区） written in the 所属市（州） cell after its 市（州）
("六盘水市钟山区", "贵阳市（南明区）", "贵安新区湖潮乡") is the 县（区） too when that cell is blank — check, the summary
row and the upload name say the same. QA qa60b."""
from __future__ import annotations

import json

import pytest

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import rows


def _check_json(path, capsys):
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) in (0, 1)
    return json.loads(capsys.readouterr().out)


def _region_codes(result):
    return [(f["code"], f["message"]) for f in result["findings"]
            if f["code"].startswith("FIELD_") and ("市（州）" in f["message"] or "县（区）" in f["message"])]


def _refreshed(tmp_path, path, city):
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(path.parent), "--city", city]) in (0, 1)
    return rows(summary)


@pytest.mark.parametrize("typed, city, county", [("六盘水市钟山区", "六盘水市", "钟山区"),
                                                 ("贵阳市 南明区", "贵阳市", "南明区"),
                                                 ("黔东南苗族侗族自治州凯里市", "黔东南州", "凯里市"),
                                                 ("贵阳市（南明区）", "贵阳市", "南明区"), ("贵阳市、南明区", "贵阳市", "南明区"),
                                                 ("遵义市－汇川区", "遵义市", "汇川区"), ("黔南州/都匀市", "黔南州", "都匀市"),
                                                 ("贵安新区湖潮乡", "贵安新区", "湖潮乡"), ("贵安马场镇", "贵安新区", "马场镇")])
def test_a_county_typed_after_its_city_fills_a_blank_county(make_workbook, tmp_path, capsys, typed, city, county):
    path = make_workbook("enterprise", example("enterprise", sb_city=typed, sb_county=...), name="apps/企业.xlsx")
    result = _check_json(path, capsys)
    assert _region_codes(result) == [], result["findings"]
    row, = _refreshed(tmp_path, path, city)
    assert (row["市（州）"], row["县区"]) == (city, county), row
    assert "FIELD_REQUIRED" not in (row["问题"] or ""), row
