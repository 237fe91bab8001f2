"""所属市（州）/县（区） as applicants type them: the 县（区） written in the 所属市（州） cell after its 市（州）
("六盘水市钟山区", "贵阳市（南明区）", "贵安新区湖潮乡") is the 县（区） too when that cell is blank — check, the summary
row and the upload name say the same. QA qa60b."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from shibai_xl.examples import make_uscc
from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.engine.test_entity_and_region import _county_said
from tests.test_merge_city_by_title_or_file import _rows
from tests.test_merge_sheets_and_repeats import HEAD
from tests.test_refresh import rows


def _check_json(path, capsys):
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) in (0, 1)
    return json.loads(capsys.readouterr().out)


def _region_codes(result):
    return [(f["code"], f["message"]) for f in result["findings"]
            if f["code"].startswith("FIELD_") and ("市（州）" in f["message"] or "县（区）" in f["message"])]


def _summary(path, rows_typed):
    """A city's 附件4 typed by hand: (市（州）, 县区, 企业名称) a row."""
    wb = Workbook()
    ws = wb.active
    ws.append([f"{path.stem[:3]}2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, (city, county, name) in enumerate(rows_typed, 1):
        ws.append([i, city, county, name, "地址", "企业", "民企", "业绩", "张三", "0856-1", 520, 300, 85])
    wb.save(path)
    return path


def _refreshed(tmp_path, path, city):
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(path.parent), "--city", city]) in (0, 1)
    return rows(summary)


@pytest.mark.parametrize("typed, city, county", [("六盘水市钟山区", "六盘水市", "钟山区"),
                                                 ("贵阳市 南明区", "贵阳市", "南明区"),
                                                 ("黔东南苗族侗族自治州凯里市", "黔东南州", "凯里市"),
                                                 ("贵阳市（南明区）", "贵阳市", "南明区"), ("贵阳市、南明区", "贵阳市", "南明区"),
                                                 ("遵义市－汇川区", "遵义市", "汇川区"), ("黔南州/都匀市", "黔南州", "都匀市"),
                                                 ("贵安新区湖潮乡", "贵安新区", "湖潮乡"), ("贵安马场镇", "贵安新区", "马场镇"),
                                                 ("贵州省六盘水市钟山区", "六盘水市", "钟山区"),
                                                 ("贵阳市\n南明区", "贵阳市", "南明区"),
                                                 ("黔东南州\t凯里市", "黔东南州", "凯里市")])
def test_a_county_typed_after_its_city_fills_a_blank_county(make_workbook, tmp_path, capsys, typed, city, county):
    path = make_workbook("enterprise", example("enterprise", sb_city=typed, sb_county=...), name="apps/企业.xlsx")
    result = _check_json(path, capsys)
    assert _region_codes(result) == [], result["findings"]
    row, = _refreshed(tmp_path, path, city)
    assert (row["市（州）"], row["县区"]) == (city, county), row
    assert "FIELD_REQUIRED" not in (row["问题"] or ""), row


@pytest.mark.parametrize("city, county, said", [
    ("遵义市", "贵安新区", "贵安新区"), ("毕节市", "贵安新区直管区", "贵安新区"),   # 贵安新区 lies in no county of these
    ("贵安新区", "汇川区", "遵义市"),
    ("贵阳市", "贵安新区", None), ("安顺市", "贵安新区", None), ("贵安新区", "平坝区", None), ("贵安新区", "湖潮乡", None),
])
def test_guian_and_a_city_it_does_not_span_are_compared(make_workbook, city, county, said):
    """贵安新区 was left out of every comparison: an applicant of 贵安新区 picking 遵义市 from the list went into 遵义市's
    count unsaid. It spans counties of 贵阳市 and 安顺市 only; with any other 市（州） it is said as another's county is."""
    _county_said(make_workbook, city, county, said)


def test_merge_says_a_row_of_guian_under_another_city(tmp_path, capsys):
    src = _summary(tmp_path / "遵义市汇总表.xlsx", [("遵义市", "贵安新区", "某甲电商有限公司"),
                                                   ("遵义市", "汇川区", "某乙电商有限公司")])
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    got = {r["企业名称"]: r["问题"] or "" for r in _rows(tmp_path / "全省.xlsx")}
    assert "XC_SUMMARY_MISMATCH 县区为“贵安新区”，与市（州）“遵义市”不一致" in got["某甲电商有限公司"], got
    assert "XC_SUMMARY_MISMATCH" not in got["某乙电商有限公司"], got


def test_merge_keeps_the_county_a_city_typed_in_the_city_column(tmp_path):
    """A hand-typed 附件4 with the 县（区） in the 市（州） column and 县区 blank ("凯里市", "黔东南州凯里市"): the province
    row's 市（州） became 黔东南州 and the 县（区） the city wrote was nowhere — read as an application's 所属市（州） is."""
    src = _summary(tmp_path / "黔东南州汇总表.xlsx", [("凯里市", None, "某甲电商有限公司"),
                                                     ("黔东南州凯里市", "", "某乙电商有限公司"),
                                                     ("黔东南州（黎平县）", None, "某丙电商有限公司"),
                                                     ("州本级", None, "某丁电商有限公司"),
                                                     ("凯里市", "凯里经济开发区", "某戊电商有限公司")])
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    got = {r["企业名称"]: (r["市（州）"], r["县区"]) for r in _rows(tmp_path / "全省.xlsx")}
    assert got == {"某甲电商有限公司": ("黔东南州", "凯里市"), "某乙电商有限公司": ("黔东南州", "凯里市"),
                   "某丙电商有限公司": ("黔东南州", "黎平县"), "某丁电商有限公司": ("黔东南州", None),
                   "某戊电商有限公司": ("黔东南州", "凯里经济开发区")}, got


@pytest.mark.parametrize("typed, city, county", [("黔南自治州", "黔南州", "都匀市"), ("黔东南自治州", "黔东南州", "凯里市"),
                                                 ("黔西南自治州", "黔西南州", "兴义市")])
def test_an_autonomous_prefecture_said_without_its_peoples(make_workbook, tmp_path, capsys, typed, city, county):
    """"黔南自治州" (the prefecture said without its peoples) was FIELD_CHOICE in check, its 市（州） taken from the credit
    code for the summary, and refused by refresh --city; it is the prefecture everywhere."""
    path = make_workbook("enterprise", example("enterprise", sb_city=typed, sb_county=county), name="apps/企业.xlsx")
    assert _region_codes(_check_json(path, capsys)) == []
    row, = _refreshed(tmp_path, path, typed)
    assert row["市（州）"] == city and "XC_SUMMARY_MISMATCH" not in (row["问题"] or ""), row


def test_a_blank_city_is_the_one_of_the_county_given_not_of_the_credit_code(make_workbook, tmp_path, capsys):
    """所属市（州） left blank, 县（区） 南明区, the company registered in 凯里市 (credit code 522601…): the summary row said
    黔东南州 | 南明区, and 贵阳市's refresh said “申报表的所属市（州）为黔东南州” though the form says no such thing. The
    county the applicant gave says where the project is; the credit code only where the company was registered."""
    values = example("enterprise", sb_city=..., sb_county="南明区", sb_uscc=make_uscc("522601", "MA6T0001X"))
    path = make_workbook("enterprise", values, name="apps/企业.xlsx")
    capsys.readouterr()
    row, = _refreshed(tmp_path, path, "贵阳市")
    assert (row["市（州）"], row["县区"]) == ("贵阳市", "南明区"), row
    assert "XC_SUMMARY_MISMATCH" not in (row["问题"] or "") and "FIELD_REQUIRED" in row["问题"], row


@pytest.mark.parametrize("typed, city", [("凯里市", "黔东南州"), ("仁怀市", "遵义市"), ("都匀", "黔南州")])
def test_a_county_level_city_typed_as_the_city_is_said_and_counted_where_it_lies(make_workbook, tmp_path, capsys,
                                                                                typed, city):
    """"仁怀市" typed as 所属市（州） (a 市, but a county-level one) with 县（区） blank: FIELD_CHOICE listed the ten names
    without saying which, and the summary took the 市（州） of the credit code (贵阳市 here) instead of the one the
    applicant named."""
    values = example("enterprise", sb_city=typed, sb_county=..., sb_uscc=make_uscc("520102", "MA6T0002X"))
    path = make_workbook("enterprise", values, name="apps/企业.xlsx")
    (code, message), = _region_codes(_check_json(path, capsys))[:1]
    assert code == "FIELD_CHOICE" and f"是{city}的县级区划，应填{city}" in message, message
    row, = _refreshed(tmp_path, path, city)
    assert row["市（州）"] == city and "XC_SUMMARY_MISMATCH" not in (row["问题"] or ""), row


def test_refresh_says_an_application_whose_county_lies_in_another_city(make_workbook, tmp_path, capsys):
    """所属市（州） 贵阳市, 县（区） 汇川区 (遵义市's): check warns, but refresh said nothing — the row's 问题 shows only
    “FIELD_INCONSISTENT 申报表自相矛盾” — and the province's merge was the first to name the county."""
    path = make_workbook("enterprise", example("enterprise", sb_city="贵阳市", sb_county="汇川区"), name="apps/企业.xlsx")
    capsys.readouterr()
    row, = _refreshed(tmp_path, path, "贵阳市")
    said = capsys.readouterr().out
    assert "1 份申报表的县（区）不属于所填的所属市（州）" in said, said
    assert "企业.xlsx（所属市（州）贵阳市，县（区）“汇川区”属于遵义市）" in said, said
    assert row["市（州）"] == "贵阳市" and "FIELD_INCONSISTENT" in row["问题"], row


def test_merge_points_a_refreshed_rows_county_at_its_application(make_workbook, tmp_path, capsys):
    """A row the city's refresh made from an application (贵阳市 / 汇川区): the merge asked whether a merged 市（州）
    cell covered another city's rows — a tool-made summary has none; the application says two things."""
    path = make_workbook("enterprise", example("enterprise", sb_city="贵阳市", sb_county="汇川区"), name="apps/企业.xlsx")
    _refreshed(tmp_path, path, "贵阳市")
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(tmp_path / "汇总表.xlsx")]) == 0
    said = capsys.readouterr().out
    assert "1 行的县区属于其他市（州）" in said and "请与申报单位核实" in said and "盖住" not in said, said
