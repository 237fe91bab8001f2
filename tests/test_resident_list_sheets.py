"""A 入驻企业名单 (附件3) too long for one sheet goes on over a second one (the header typed again, 序号 starting
at 1 again): every company of every sheet is the park's, counted and summed once; a copy of the list kept on
another sheet (an older version, a backup) is not read twice."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from openpyxl import Workbook, load_workbook

from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.faces.cli import main
from tests.conftest import example

HEADER = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
          "年度网络交易额（万元）", "年度网络零售额（万元）", "备注", "统一社会信用代码"]
XC = ("XC_RESIDENT_COUNT", "XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL", "XC_RESIDENT_STAFF", "ELIG_EVIDENCE")


def lines(rows: list[dict], restart: bool = True) -> list[list]:
    return [[i if restart else r["序号"], *(r.get(h) for h in HEADER[1:])] for i, r in enumerate(rows, 1)]


def check_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def codes(obj: dict) -> list[str]:
    return [f["code"] for f in obj["findings"]]


def _listed_over_two_sheets(make_workbook, edit=None):
    """A park whose 12 companies (what its form declares) are listed 7 on 入驻企业名单 and 5 on a second sheet under
    the 附件3 header again; ``edit(workbook)`` before it is saved."""
    companies = example_residents("park")
    path = make_workbook("park", example("park"), residents=companies[:7], name="园区.xlsx")
    wb = load_workbook(path)
    ws = wb.create_sheet("入驻企业名单（续）")
    ws.append(["贵州省电商示范园区/直播示范基地入驻电商企业名单（续）"])
    ws.append(HEADER)
    for line in lines(companies[7:]):
        ws.append(line)
    if edit:
        edit(wb)
    wb.save(path)
    return path


def test_a_list_going_on_over_a_second_sheet_is_read_whole(make_workbook, capsys):
    path = _listed_over_two_sheets(make_workbook)
    got = check_json(path, capsys)
    assert not [c for c in codes(got) if c in XC], got["findings"]
    assert got["eligible"] is True


def test_a_copy_of_the_list_on_another_sheet_is_not_counted_twice(make_workbook, capsys):
    companies = example_residents("park")
    path = make_workbook("park", example("park"), residents=companies, name="园区.xlsx")
    wb = load_workbook(path)
    ws = wb.create_sheet("名单（旧）")
    ws.append(HEADER)
    for line in lines(companies[:11], restart=False):
        ws.append(line)
    wb.save(path)
    got = check_json(path, capsys)
    assert not [c for c in codes(got) if c in XC or c == "XC_RESIDENT_DUP"], got["findings"]
    copy = [f for f in got["findings"] if f["code"] == "XC_RESIDENT_ROW" and "名单（旧）" in f["message"]]
    assert len(copy) == 1 and copy[0]["severity"] == "warning", got["findings"]


def park_beside_a_list_of_sheets(make_workbook, tmp_path: Path, sheets: list[tuple[str, list[dict], str | None]]
                                 ) -> Path:
    """A park application without a list of its own and, beside it, a 附件3 workbook of ``sheets`` (title, companies,
    the park its “填报园区/基地：” line names or None): the park's path."""
    folder = tmp_path / "申报"
    folder.mkdir()
    shutil.move(make_workbook("park", example("park"), residents=None, name="园区.xlsx"), folder / "园区.xlsx")
    wb = Workbook()
    for i, (title, part, park) in enumerate(sheets):
        sheet = wb.active if i == 0 else wb.create_sheet()
        sheet.title = title
        sheet.append(["附件3"])
        sheet.append(HEADER)
        for line in lines(part):
            sheet.append(line)
        if park:
            sheet.append([f"填报园区/基地：{park}"])
    wb.save(folder / "入驻企业名单.xlsx")
    return folder / "园区.xlsx"


def test_a_separate_list_file_over_two_sheets_is_read_whole(make_workbook, tmp_path, capsys):
    companies = example_residents("park")
    park = park_beside_a_list_of_sheets(make_workbook, tmp_path, [("第1页", companies[:5], None),
                                                                  ("第2页", companies[5:], None)])
    got = check_json(park, capsys)
    assert "XC_RESIDENT_FILE" in codes(got)
    assert not [c for c in codes(got) if c in XC], got["findings"]


def test_sheets_of_a_list_workbook_naming_two_parks_are_two_lists(make_workbook, tmp_path, capsys):
    """A county's one 附件3 workbook with a sheet per park, each sheet's “填报园区/基地：” line naming its park: the
    second sheet is the other park's list, not a continuation of the first."""
    companies = example_residents("park")
    other = [{**r, "企业名称": r["企业名称"].replace("贵州", "都匀"), "统一社会信用代码": None} for r in companies]
    park = park_beside_a_list_of_sheets(make_workbook, tmp_path, [("黔货出山园", companies, example("park")["sb_name"]),
                                                                  ("都匀园", other, "都匀毛尖电子商务产业园")])
    got = check_json(park, capsys)
    assert "XC_RESIDENT_FILE" in codes(got)
    assert not [c for c in codes(got) if c in XC], got["findings"]


def test_each_park_takes_its_own_sheet_of_a_county_list_workbook(make_workbook, tmp_path, capsys):
    """A county's one 附件3 workbook holding the lists of two parks, one sheet each with its “填报园区/基地：” line, beside
    both applications: each park takes its own sheet (the second park was given no list at all: 名单没有列出任何企业,
    待定), whichever sheet comes first."""
    companies, other, second = two_parks_companies()
    for first_sheet in ("黔货出山园", "都匀园"):
        folder = tmp_path / first_sheet
        folder.mkdir()
        park = park_beside_a_list_of_sheets(make_workbook, folder, [
            ("黔货出山园", companies, example("park")["sb_name"]), ("都匀园", other, second)][::1 if first_sheet ==
                                                                                               "黔货出山园" else -1])
        each_park_takes_its_own(make_workbook, park, second, capsys, name=f"都匀-{first_sheet}.xlsx", eligible=True)


def test_a_parks_list_going_on_over_a_sheet_without_its_line_stays_its_list(make_workbook, tmp_path, capsys):
    """The county's workbook: the first park's sheet, the second park's sheet with its “填报园区/基地：” line and a
    third sheet going on with the second park's companies (no line of its own): the third sheet is the second
    park's, not the first's (the first park was given 15 companies, the second 3)."""
    companies, other, second = two_parks_companies()
    park = park_beside_a_list_of_sheets(make_workbook, tmp_path, [
        ("黔货出山园", companies, example("park")["sb_name"]), ("都匀园", other[:3], second), ("都匀园（续）", other[3:], None)])
    each_park_takes_its_own(make_workbook, park, second, capsys)


def test_each_park_takes_the_sheet_titled_with_its_name(make_workbook, tmp_path, capsys):
    """The county's workbook with a sheet per park, each sheet titled with its park's name and no “填报园区/基地：”
    line, beside both applications: each park takes the sheet its name titles (both were given no list at all)."""
    companies, other, second = two_parks_companies()
    park = park_beside_a_list_of_sheets(make_workbook, tmp_path, [(example("park")["sb_name"], companies, None),
                                                                  (second, other, None)])
    each_park_takes_its_own(make_workbook, park, second, capsys)


def test_a_company_on_both_sheets_is_said_at_its_sheet_and_row(make_workbook, capsys):
    companies = example_residents("park")
    path = make_workbook("park", example("park"), residents=companies[:7], name="园区.xlsx")
    wb = load_workbook(path)
    ws = wb.create_sheet("续页")
    ws.append(HEADER)
    for line in lines([*companies[7:], companies[2]]):
        ws.append(line)
    wb.save(path)
    got = check_json(path, capsys)
    assert not [c for c in codes(got) if c in XC], got["findings"]
    dup = [f for f in got["findings"] if f["code"] == "XC_RESIDENT_DUP"]
    assert dup and all((f["sheet"], f["cell"][1:]) == ("续页", "7") for f in dup), dup
    assert "工作表“入驻企业名单”第8行、工作表“续页”第7行" in dup[0]["message"], dup


def test_the_separate_list_is_said_with_its_companies_not_its_rows(make_workbook, tmp_path, capsys):
    companies = example_residents("park")
    folder = tmp_path / "申报"
    folder.mkdir()
    shutil.move(make_workbook("park", example("park"), residents=None, name="园区.xlsx"), folder / "园区.xlsx")
    wb = Workbook()
    wb.active.append(HEADER)
    for line in lines([*companies, companies[0]]):       # one company copied under the list
        wb.active.append(line)
    wb.active.append([None, None, "张三", "13908510000"])  # a row without a company
    wb.save(folder / "入驻企业名单.xlsx")
    got = check_json(folder / "园区.xlsx", capsys)
    said = next(f["message"] for f in got["findings"] if f["code"] == "XC_RESIDENT_FILE")
    assert "13行、去掉重复后12家" in said, said


def two_parks_companies() -> tuple[list[dict], list[dict], str]:
    """The first park's 12 companies, 6 of a second park (都匀…), and the second park's name."""
    companies = example_residents("park")
    other = [{**r, "企业名称": r["企业名称"].replace("贵州", "都匀"), "统一社会信用代码": None,
              "年度网络交易额（万元）": 6000, "年度网络零售额（万元）": 600} for r in companies[:6]]
    return companies, other, "都匀毛尖电子商务产业园"


def each_park_takes_its_own(make_workbook, park: Path, second: str, capsys, name: str = "都匀.xlsx",
                            eligible: bool | None = None) -> None:
    """The second park's application put beside the first's: each is checked against its own companies alone."""
    shutil.move(make_workbook("park", example("park", sb_name=second, sb_operator_name="都匀园区运营有限公司",
                                              sb_uscc=make_uscc("522701", "MA6DKQ8X2"), sb_trade_total=3.6,
                                              sb_online_retail=3600, sb_resident_count=6),
                              residents=None, name=name), park.parent / "都匀园区.xlsx")
    for path, listed in ((park, "12家"), (park.parent / "都匀园区.xlsx", "6家")):
        got = check_json(path, capsys)
        assert not [c for c in codes(got) if c in XC], (path.name, got["findings"])
        said = [f["message"] for f in got["findings"] if f["code"] == "XC_RESIDENT_FILE"]
        assert len(said) == 1 and listed in said[0], (path.name, said)
        assert eligible is None or got["eligible"] is eligible, (path.name, got["eligible"])


def test_a_list_over_two_sheets_of_unsaved_formulas_is_not_said_to_have_no_retail(make_workbook, capsys):
    """The list going on over a second sheet, its 年度网络零售额 formulas (=H6*0.12) on both saved without results:
    the sheets were joined into one list and what the reader found of each sheet was lost, so ELIG_EVIDENCE and
    XC_RESIDENT_RETAIL said “没有填写年度网络零售额”. They say the figures are formulas without saved results."""
    def retail_as_formulas(wb):
        for sheet in (wb["入驻企业名单"], wb["入驻企业名单（续）"]):
            for r in range(1, sheet.max_row + 1):
                if isinstance(sheet.cell(r, 8).value, (int, float)):
                    sheet.cell(r, 9).value = f"=H{r}*0.12"

    path = _listed_over_two_sheets(make_workbook, retail_as_formulas)
    capsys.readouterr()
    main(["check", str(path), "--json"])
    got = json.loads(capsys.readouterr().out)
    said = {f["code"]: f["message"] for f in got["findings"]}
    for c in ("ELIG_EVIDENCE", "XC_RESIDENT_RETAIL"):
        assert "没有保存计算结果" in said.get(c, "") and "没有填写" not in said[c], said
