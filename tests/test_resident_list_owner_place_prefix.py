"""A park whose 申报表 gives its name with the province or 市（州） before it (“贵州省都匀毛尖电子商务产业园”, as on its
seal), its separate 入驻企业名单 (附件3) naming it as people say it (“填报园区/基地：都匀毛尖电子商务产业园”), another
park's application and list in the same folder: the list was nobody's — the park got “名单没有列出任何企业” (ELIG_EVIDENCE,
XC_RESIDENT_COUNT 0家) and the list was said as a file without its application. The name without the places typed
before it names the park, when what is left still begins with a place (a generic “电子商务产业园” names no one)."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.conftest import example

HEADER = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数", "年度网络交易额（万元）",
          "年度网络零售额（万元）", "备注", "统一社会信用代码"]
OTHER = "都匀经济开发区电商物流园"


def _list(path, owner: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["贵州省电商示范园区/直播示范基地入驻电商企业名单"])
    ws.append([f"填报园区/基地：{owner}"])
    ws.append(HEADER)
    for r in example_residents("park"):
        ws.append([r.get(h) for h in HEADER])
    wb.save(path)


@pytest.mark.parametrize("prefix", ["贵州省", "黔南州", "贵州省黔南布依族苗族自治州"])
def test_a_list_naming_the_park_without_the_places_before_its_name_is_its_list(tmp_path, make_workbook, capsys, prefix):
    folder = tmp_path / "申报表"
    folder.mkdir()
    mine = example("park")
    plain = mine["sb_name"]                       # 都匀毛尖电子商务产业园
    mine["sb_name"] = prefix + plain
    make_workbook("park", mine, residents=[]).rename(folder / "甲园区.xlsx")
    make_workbook("park", example("park", sb_name=OTHER, sb_uscc="91522701MA6DUY002D"),
                  residents=[]).rename(folder / "乙园区.xlsx")
    _list(folder / "名单1.xlsx", plain)
    _list(folder / "名单2.xlsx", OTHER)
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    got = {o["file"]: o for o in json.loads(capsys.readouterr().out)}
    assert set(got) == {"甲园区.xlsx", "乙园区.xlsx"}, got          # no list left without its application
    codes = [f["code"] for f in got["甲园区.xlsx"]["findings"]]
    assert "ELIG_EVIDENCE" not in codes and "XC_RESIDENT_COUNT" not in codes, got["甲园区.xlsx"]["findings"]
    said = [f["message"] for f in got["甲园区.xlsx"]["findings"] if f["code"] == "XC_RESIDENT_FILE"]
    assert said and "名单1.xlsx" in said[0], said


def test_a_name_left_generic_without_its_places_names_no_park(tmp_path, make_workbook, capsys):
    """“贵州省电子商务产业园” without 贵州省 is any park's words: the list of “遵义电子商务产业园” is not its list."""
    from shibai_xl.adapters.xlsx.resident_list import ResidentList
    listed = ResidentList(tmp_path / "名单.xlsx", "填报园区/基地：遵义电子商务产业园")
    assert not listed.names("贵州省电子商务产业园")
    assert listed.names("贵州省遵义电子商务产业园")


def test_the_count_names_the_separate_list_by_its_file(tmp_path, make_workbook, capsys):
    """The list read from a workbook of its own: XC_RESIDENT_COUNT named its sheet alone, “入驻企业名单（Sheet）”, a
    sheet the application does not have; it names it as Excel names another workbook's sheet, “[名单1.xlsx]Sheet”."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    make_workbook("park", example("park", sb_resident_count=13), residents=[]).rename(folder / "甲园区.xlsx")
    _list(folder / "名单1.xlsx", example("park")["sb_name"])
    capsys.readouterr()
    assert main(["check", str(folder / "甲园区.xlsx"), "--json"]) == 0
    said = [f["message"] for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "XC_RESIDENT_COUNT"]
    assert said and "入驻企业名单（[名单1.xlsx]Sheet）列出12家" in said[0], said
