"""A company two parks or bases of two 市（州） both list as a resident (附件3) is one company in two applications
(CONTRACT §5 XC_CROSS_APP): the province sees it although each city refreshed only its own folder. The city summary
keeps its parks' and bases' list keys in a very hidden sheet; the province keeps them for the rows of cities not
merged this time, so merging one city at a time says the same as merging them together (QA: never said)."""
from __future__ import annotations

import shutil
from datetime import datetime

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.summary_state import RESIDENTS_SHEET
from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.jobs.merge import merge
from shibai_xl.jobs.refresh import refresh
from tests.conftest import example

SHARED = "黔东南共同入驻电子商务有限公司"
CITY_CODE = {"贵阳市": "520102", "遵义市": "520302"}


def _city_summary(tmp_path, make_workbook, city, *applications):
    """A city's folder of park or base applications ``(type, name, code)``, refreshed into the city's summary: each
    list (附件3) includes the shared company, with ``code`` as its 统一社会信用代码 (None: by name only, as the printed
    附件3 has no code column; False: the list does not include it)."""
    folder = tmp_path / city
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for i, (app_type, park_name, shared_code) in enumerate(applications):
        rows = [{**row, "企业名称": f"{park_name}入驻企业{k}号", "统一社会信用代码": make_uscc(CITY_CODE[city], f"MB{i}{k:06d}")}
                for k, row in enumerate(example_residents(app_type))]     # each park lists its own companies
        if shared_code is not False:
            rows[0] = {**rows[0], "企业名称": SHARED, "统一社会信用代码": shared_code or None}
        values = example(app_type, sb_name=park_name, sb_city=city,
                         sb_uscc=make_uscc(CITY_CODE[city], f"MA6DKQ8X{i}"))
        shutil.move(make_workbook(app_type, values, residents=rows), folder / f"{park_name}.xlsx")
    summary = tmp_path / f"{city}汇总表.xlsx"
    summary.unlink(missing_ok=True)
    refresh(summary, folder, city=city, now=datetime(2024, 5, 1), workers=1)
    return summary


def _notes(province):
    ws = load_workbook(province)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return {r[head.index("企业名称")]: r[head.index("问题")] or "" for r in ws.iter_rows(min_row=4, values_only=True)
            if r[head.index("企业名称")]}


def test_a_company_two_cities_parks_list_is_said_on_both_whichever_cities_are_merged_together(tmp_path, make_workbook):
    code = make_uscc("520102", "MA6HARE1X")
    guiyang = _city_summary(tmp_path, make_workbook, "贵阳市", ("park", "贵阳甲电商产业园", code))
    zunyi = _city_summary(tmp_path, make_workbook, "遵义市", ("base", "遵义乙直播基地", code))
    assert RESIDENTS_SHEET in load_workbook(guiyang).sheetnames
    together, apart = tmp_path / "全省-一起.xlsx", tmp_path / "全省-分别.xlsx"
    report = merge(together, [guiyang, zunyi])
    assert report.shared == 2
    merge(apart, [guiyang])
    assert "XC_CROSS_APP" not in "".join(_notes(apart).values())
    merge(apart, [zunyi])
    notes = _notes(together)
    assert _notes(apart) == notes
    said = f"入驻企业统一社会信用代码{code}同时出现在其他市（州）园区/基地的入驻企业名单中（遵义市：遵义乙直播基地）"
    assert said in notes["贵阳甲电商产业园"]
    assert "（贵阳市：贵阳甲电商产业园）" in notes["遵义乙直播基地"]


def test_a_company_named_in_one_list_and_coded_in_the_other_is_one_company(tmp_path, make_workbook):
    guiyang = _city_summary(tmp_path, make_workbook, "贵阳市", ("park", "贵阳甲电商产业园", make_uscc("520102", "MA6HARE1X")))
    zunyi = _city_summary(tmp_path, make_workbook, "遵义市", ("park", "遵义丙电商产业园", None))   # 附件3 as printed: no code
    province = tmp_path / "全省.xlsx"
    merge(province, [guiyang, zunyi])
    notes = _notes(province)
    assert SHARED in notes["贵阳甲电商产业园"] and SHARED in notes["遵义丙电商产业园"]


def test_lists_of_one_city_are_not_said_again_and_a_list_no_longer_shared_loses_the_note(tmp_path, make_workbook):
    """Two parks of one city sharing a resident: the city's refresh said it (its 问题 is carried), the province adds
    nothing of its own. When the other city's base drops the company, the province's note leaves the row."""
    code = make_uscc("520102", "MA6HARE1X")
    guiyang = _city_summary(tmp_path, make_workbook, "贵阳市", ("park", "贵阳甲电商产业园", code),
                            ("park", "贵阳丁电商产业园", code))
    province = tmp_path / "全省.xlsx"
    merge(province, [guiyang])
    notes = _notes(province)
    assert "XC_CROSS_APP" in notes["贵阳甲电商产业园"] and "其他市（州）" not in notes["贵阳甲电商产业园"]
    zunyi = _city_summary(tmp_path, make_workbook, "遵义市", ("base", "遵义乙直播基地", code))
    merge(province, [zunyi], now=datetime(2030, 1, 1))
    assert "（遵义市：遵义乙直播基地）" in _notes(province)["贵阳丁电商产业园"]
    zunyi = _city_summary(tmp_path, make_workbook, "遵义市", ("base", "遵义乙直播基地", False))
    merge(province, [zunyi], now=datetime(2030, 1, 2))
    notes = _notes(province)
    assert not any("其他市（州）" in n for n in notes.values()), notes
    assert "XC_CROSS_APP" in notes["贵阳甲电商产业园"]     # the city's own finding stays
