"""附件3 as the notice prints it: the "填报园区/基地：" line under the table names the list's park (a separate list
is matched by it as by its title), and a 合计 row under the companies is checked against them, never summed."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.faces.cli import main
from shibai_xl.jobs.check_file import check_file
from tests.conftest import example
from tests.libreoffice import convert

HEADER = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
          "(2023年1月-2023年12月)年度网络交易额(万元)", "(2023年1月-2023年12月)年度网络零售额(万元)", "备注"]
PARK_A, PARK_B = "贵阳黔货出山电子商务产业园", "贵阳第二电商产业园"
FIGURES = ("从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）")


def two_parks(folder: Path, make_workbook) -> None:
    """Two park applications made with the tool's template, neither with a list of its own."""
    folder.mkdir()
    for file, name, code in (("园区甲.xlsx", PARK_A, "MA6DKQ8X1"), ("园区乙.xlsx", PARK_B, "MA6JJJJJ1")):
        path = make_workbook("park", example("park", sb_name=name, sb_uscc=make_uscc("520102", code)), residents=None,
                             name=file)
        shutil.move(path, folder / file)


def residents(prefix: str) -> list[dict]:
    return [{**r, "企业名称": r["企业名称"].replace("贵州", prefix)} for r in example_residents("park")]


def printed_list(path: Path, rows: list[dict], owner_line: list, *, owner_above: bool = False,
                 notes: tuple[list, ...] = ()) -> Path:
    """A 附件3 workbook typed as the notice prints it: 附件3, the title, the header, the companies, a 合计 that
    agrees; then (or above the header) the owner line, and 填报人/填报时间/notes."""
    wb = Workbook()
    ws = wb.active
    ws.append(["附件3"])
    ws.append(["贵州省电商示范园区/直播示范基地入驻电商企业名单"])
    if owner_above:
        ws.append(owner_line)
    ws.append(HEADER)
    for r in rows:
        ws.append([r.get(h) for h in (*HEADER[:7], *FIGURES[1:], "备注")])
    ws.append(["合计", None, None, None, None, None, *(round(sum(r[h] for r in rows), 2) for h in FIGURES)])
    if not owner_above:
        if owner_line[0] == "填报园区/基地：":
            ws.append(owner_line)              # label and park in two cells, right under the table
        else:
            ws.append([])
            ws.append(owner_line)
    for line in (*notes, ["填报人：", "李红"], ["填报时间：2024年4月15日"]):
        ws.append(line)
    wb.save(path)
    return path


def check_json(path: Path, capsys) -> dict:
    capsys.readouterr()                       # what `shibai new` printed making the workbooks
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def codes(obj: dict) -> list[str]:
    return [f["code"] for f in obj["findings"]]


@pytest.mark.parametrize("owner_line", [[f"填报园区/基地：{PARK_A}"], ["填报园区/基地：", PARK_A]],
                         ids=["one-cell", "label-and-name"])
def test_the_owner_line_under_the_list_names_its_park(make_workbook, tmp_path, capsys, owner_line):
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    # a note naming the other park and the 填报人 line name no owner: 乙 would then see two lists
    printed_list(folder / "名单1.xlsx", residents("黔"), owner_line,
                 notes=([f"注：{PARK_B}的入驻企业另表填报"],))
    printed_list(folder / "名单2.xlsx", residents("筑"), [f"填报园区/基地：{PARK_B}"])
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    for app, listed in (("园区甲.xlsx", "名单1.xlsx"), ("园区乙.xlsx", "名单2.xlsx")):
        obj = check_json(folder / app, capsys)
        assert obj["eligible"] is True, [f["message"] for f in obj["findings"]]
        found = [f["message"] for f in obj["findings"] if f["code"].startswith("XC_RESIDENT")]
        assert len(found) == 1 and f"“{listed}”（12家" in found[0], found   # the owner line is no company
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert [ws.cell(r, header["前置条件"]).value for r in (4, 5)] == ["达标", "达标"]


@pytest.mark.parametrize("owner_above", [True, False], ids=["above", "below"])
def test_an_owner_line_naming_no_application_leaves_the_list_an_orphan(make_workbook, tmp_path, capsys, owner_above):
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    printed_list(folder / "名单.xlsx", residents("黔"), ["填报园区/基地：都匀毛尖电子商务产业园"], owner_above=owner_above)
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "名单.xlsx" in err and "找不到对应的园区/基地申报表" in err
    obj = check_json(folder / "园区甲.xlsx", capsys)
    assert obj["eligible"] is None and "ELIG_EVIDENCE" in codes(obj) and "XC_RESIDENT_FILE" not in codes(obj)


def test_two_lists_whose_owner_lines_name_one_park_are_both_refused(make_workbook, tmp_path, capsys):
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    printed_list(folder / "名单.xlsx", residents("黔")[:3], [f"填报园区/基地：{PARK_A}"])
    printed_list(folder / "名单（新）.xlsx", residents("黔"), [f"填报园区/基地：{PARK_A}"])
    obj = check_json(folder / "园区甲.xlsx", capsys)
    which = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(which) == 1 and "2份入驻企业名单" in which[0] and "都没有读取" in which[0]


# --- the 合计 row -------------------------------------------------------------------------------------------

def park_with_total(make_workbook, total: dict | None, name: str) -> Path:
    """The example park (12 companies: 111 人, 35000 / 4200 万元, as its form declares) with a 合计 row typed
    under them in the template's table (row 18)."""
    rows = example_residents("park")
    return make_workbook("park", residents=[*rows, {"序号": "合计", **total}] if total else rows, name=name)


def total_findings(obj: dict) -> list[dict]:
    return [f for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]


def test_a_total_row_that_disagrees_with_the_rows_is_said_at_its_cells(make_workbook, capsys):
    wrong = park_with_total(make_workbook, {"从业人数": 111, "年度网络交易额（万元）": 38000,
                                            "年度网络零售额（万元）": 5200}, "合计有误.xlsx")
    obj = check_json(wrong, capsys)
    said = {f["cell"]: f for f in total_findings(obj)}
    assert set(said) == {"H18", "I18"}, [f["message"] for f in obj["findings"]]
    trade, retail = said["H18"]["message"], said["I18"]["message"]
    assert "第18行合计行的年度网络交易额为38000万元" in trade and "名单各行之和为35000万元" in trade
    assert "年度网络零售额为5200万元" in retail and "名单各行之和为4200万元" in retail
    assert all(f["severity"] == "warning" and f["sheet"] == "入驻企业名单" for f in said.values())
    # the totals are the rows', as without the 合计 row: the form's 3.5亿 / 4200 agree with them
    assert not {"XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL", "XC_RESIDENT_COUNT"} & set(codes(obj))
    with_total, without = check_file(wrong), check_file(park_with_total(make_workbook, None, "无合计.xlsx"))
    assert with_total.residents == without.residents and with_total.residents.trade == 35000
    assert (with_total.status, with_total.score.auto) == (without.status, without.score.auto)


def test_a_staff_total_off_by_one_is_said(make_workbook, capsys):
    obj = check_json(park_with_total(make_workbook, {"从业人数": 112}, "人数.xlsx"), capsys)
    (f,) = total_findings(obj)
    assert f["cell"] == "G18" and "从业人数为112人" in f["message"] and "各行之和为111人" in f["message"]


def test_a_total_row_that_agrees_within_rounding_says_nothing(make_workbook, capsys):
    # the rows' 34999.99999999999 (floats) printed as 35000.4: within half a 万元 of rounding
    path = park_with_total(make_workbook, {"从业人数": 111, "年度网络交易额（万元）": 35000.4,
                                           "年度网络零售额（万元）": 4200}, "合计一致.xlsx")
    assert total_findings(check_json(path, capsys)) == []


@pytest.mark.parametrize("last, said", [(17, False), (16, True)], ids=["sums-all-rows", "leaves-a-row-out"])
def test_a_total_row_of_formulas_is_read_by_its_cached_values(make_workbook, tmp_path, capsys, last, said):
    typed = park_with_total(make_workbook, {"企业名称": "（12家）"}, "公式合计.xlsx")
    wb = load_workbook(typed)
    for c in "GHI":
        wb["入驻企业名单"][f"{c}18"] = f"=SUM({c}6:{c}{last})"
    wb.save(typed)
    saved = convert(typed, "xlsx", tmp_path / "saved")          # LibreOffice computes and stores the values
    cell = load_workbook(saved)["入驻企业名单"]["H18"]
    assert (cell.data_type, cell.value) == ("f", f"=SUM(H6:H{last})")
    found = total_findings(check_json(saved, capsys))
    assert {f["cell"] for f in found} == ({"G18", "H18", "I18"} if said else set()), [f["message"] for f in found]


def test_figures_typed_as_text_that_the_sum_row_leaves_out_are_named(make_workbook, tmp_path, capsys):
    """Figures typed as text ("2450.28" in a text cell, "519.96万"): the tool counts them, the list's =SUM 合计 row
    does not. The warning at the 合计 cell names those rows and says why, not only that the 合计 is wrong."""
    typed = park_with_total(make_workbook, {"企业名称": "（12家）"}, "文本数字.xlsx")
    wb = load_workbook(typed)
    ws = wb["入驻企业名单"]
    trade, retail = ws["H7"].value, ws["I8"].value
    ws["H7"], ws["I8"] = str(trade), f"{retail}万"
    for c in "GHI":
        ws[f"{c}18"] = f"=SUM({c}6:{c}17)"
    wb.save(typed)
    saved = convert(typed, "xlsx", tmp_path / "saved")          # LibreOffice computes the 合计 without the text
    obj = check_json(saved, capsys)
    said = {f["cell"]: f for f in total_findings(obj)}
    assert set(said) == {"H18", "I18"}, [f["message"] for f in obj["findings"]]
    assert all(f["severity"] == "warning" for f in said.values())
    assert "第7行" in said["H18"]["message"] and f"“{trade}”" in said["H18"]["message"]
    assert "文本" in said["H18"]["message"] and "第8行" not in said["H18"]["message"]
    assert "第8行" in said["I18"]["message"] and f"“{retail}万”" in said["I18"]["message"]
    # the totals keep the figures typed as text: the form's 3.5亿 / 4200 agree with the rows
    assert not {"XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL"} & set(codes(obj))
    assert obj["eligible"] is True


def test_figures_typed_as_text_that_the_forms_sum_leaves_out_are_named(make_workbook, tmp_path, capsys):
    """The form's 交易额/网络零售额 as =SUM of the list: short of the list by its figures typed as text. The
    XC_RESIDENT_TRADE/RETAIL warning names those rows, not only that the form and the list differ."""
    path = park_with_total(make_workbook, None, "公式引用名单.xlsx")
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    retail = ws["I8"].value
    ws["I8"] = str(retail)
    sheet, cell = next(iter(wb.defined_names["sb_online_retail"].destinations))
    wb[sheet][cell.replace("$", "")] = "=SUM(入驻企业名单!I6:I17)"
    wb.save(path)
    saved = convert(path, "xlsx", tmp_path / "saved")
    obj = check_json(saved, capsys)
    (said,) = [f for f in obj["findings"] if f["code"] == "XC_RESIDENT_RETAIL"]
    assert said["severity"] == "warning" and f"第8行“{retail}”" in said["message"] and "文本" in said["message"]
    assert obj["eligible"] is True


def test_a_list_sent_beside_a_park_with_its_own_list_is_its_list_not_an_orphan(make_workbook, tmp_path, capsys):
    """The applicant filled the template's 入驻企业名单 sheet and also sent the notice's 附件3 as a file of its own,
    naming the park: the file was read and belongs to the park. It is no unreadable input (exit 0, not 1 with
    "找不到对应的园区/基地申报表"), in a refresh whether the park was read before the list came or not, and in
    check FOLDER; a list that names other companies than the workbook's is said on the park."""
    folder = tmp_path / "申报"
    folder.mkdir()
    shutil.move(make_workbook("park", name="园区甲.xlsx"), folder / "园区甲.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0     # the park cached with its own list
    printed_list(folder / "附件3入驻企业名单.xlsx", residents("贵州"), [f"填报园区/基地：{PARK_A}"])
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0, capsys.readouterr().err
    (obj,) = json.loads(capsys.readouterr().out)
    assert obj["file"] == "园区甲.xlsx" and obj["eligible"] is True
    assert not [f for f in obj["findings"] if f["code"].startswith("XC_RESIDENT")], obj["findings"]

    printed_list(folder / "附件3入驻企业名单.xlsx", residents("黔")[:10], [f"填报园区/基地：{PARK_A}"])
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0, capsys.readouterr().err
    obj = check_json(folder / "园区甲.xlsx", capsys)
    said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(said) == 1 and "附件3入驻企业名单.xlsx" in said[0] and "12家" in said[0] and "10家" in said[0], said


def test_a_list_of_no_application_here_does_not_make_every_refresh_read_the_parks_again(make_workbook, tmp_path,
                                                                                          capsys):
    """A separate list naming a park whose application is not in the folder stays an orphan (exit 1, listed). When it
    came, the parks read before with lists of their own were read again to see whether it is theirs; it is not, so
    a later refresh with nothing new reads nothing (it read them all, every time, and rewrote nothing)."""
    folder = tmp_path / "申报"
    folder.mkdir()
    shutil.move(make_workbook("park", name="园区甲.xlsx"), folder / "园区甲.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0
    printed_list(folder / "附件3入驻企业名单.xlsx", residents("黔")[:10], ["填报园区/基地：铜仁某某电商产业园"])
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder)]) == 1
    assert "重新读取 2 份" in capsys.readouterr().out      # the list, and the park once: is it its list?
    assert main(["refresh", str(summary), "--from", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "重新读取 0 份" in out and "附件3入驻企业名单.xlsx" in out, out


@pytest.mark.parametrize("name_title, staff_title", [("企业名称（全称）", "从业人数"), ("企业名称", "从业人数（人）"),
                                                     ("企业名称(盖章)", "从业人员数"), ("入驻企业名称", "员工人数"),
                                                     ("单位名称", "从业人数（人）")])
def test_a_list_whose_titles_add_a_unit_or_a_note_is_read(make_workbook, tmp_path, capsys, name_title, staff_title):
    """附件3 typed by hand with “企业名称（全称）” or “从业人数（人）”: the same columns, read as such — not a
    list of no company (待定) nor one without its 从业人数."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    (folder / "园区乙.xlsx").unlink()
    rows = example_residents("park")
    path = printed_list(folder / f"{PARK_A}入驻企业名单.xlsx", rows, ["填报园区/基地：", PARK_A])
    wb = load_workbook(path)
    ws = wb.active
    for cell in ws[3]:
        cell.value = {"企业名称": name_title, "从业人数": staff_title}.get(cell.value, cell.value)
    wb.save(path)
    got = check_json(folder / "园区甲.xlsx", capsys)
    assert "XC_RESIDENT_FILE" in codes(got)
    assert not [f for f in got["findings"] if f["code"] in ("ELIG_EVIDENCE", "XC_RESIDENT_COUNT", "XC_RESIDENT_ROW",
                                                             "XC_RESIDENT_STAFF")], got["findings"]
    assert got["eligible"] is True


def test_a_list_in_yuan_said_by_a_unit_line_above_it_is_read_in_yuan(make_workbook, tmp_path, capsys):
    """A list typed with “金额单位：元” above it and amount titles without a unit (年度网络交易额): its amounts are 元,
    as a summary with such a line is read, in check as in SB_RESIDENTS — not 万元, ten thousand times over."""
    from shibai_xl.faces.udf_functions import residents as sb_residents

    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    (folder / "园区乙.xlsx").unlink()
    rows = [{**r, **{h: round(r[h] * 10000) for h in FIGURES[1:]}} for r in example_residents("park")]
    path = printed_list(folder / f"{PARK_A}入驻企业名单.xlsx", rows, ["填报园区/基地：", PARK_A])
    wb = load_workbook(path)
    ws = wb.active
    ws["A2"].value = ws["A2"].value + "（金额单位：元）"
    for cell in ws[3]:
        if isinstance(cell.value, str) and "额" in cell.value:
            cell.value = cell.value.removesuffix("(万元)")
    wb.save(path)
    got = check_json(folder / "园区甲.xlsx", capsys)
    assert "XC_RESIDENT_FILE" in codes(got)
    assert not [f for f in got["findings"] if f["code"] in ("XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL", "XC_RESIDENT_ROW")
                or f["code"].startswith("ELIG_")], got["findings"]
    table = [list(line) for line in load_workbook(path).active.iter_rows(values_only=True)]
    out = dict(map(tuple, sb_residents(table)))
    assert out["年度网络交易额合计（万元）"] == pytest.approx(sum(r[FIGURES[1]] for r in rows) / 10000)


def test_parks_with_lists_of_their_own_do_not_open_each_other(make_workbook, tmp_path, monkeypatch):
    """Each park with a list of its own looked at every other workbook of its folder for a separate list that may be
    its too: a refresh of 1000 applications opened a million workbooks (the 120-file benchmark's CPU went from 1.9 s
    to 3.2 s). Only a workbook whose file name says 名单/附件3 or names the park is looked at."""
    from shibai_xl.adapters.xlsx import resident_list

    folder = tmp_path / "申报"
    folder.mkdir()
    for i in range(5):
        shutil.move(make_workbook("park", name=f"园区{i}.xlsx"), folder / f"园区{i}.xlsx")
    opened: list[str] = []
    real = resident_list._classify
    monkeypatch.setattr(resident_list, "_classify", lambda path, rules: opened.append(path.name) or real(path, rules))
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 0
    assert opened == []
    printed_list(folder / "附件3入驻企业名单.xlsx", residents("贵州"), [f"填报园区/基地：{PARK_A}"])
    assert main(["check", str(folder / "园区0.xlsx"), "--json"]) == 0
    assert opened == ["附件3入驻企业名单.xlsx"]


NESTED_A, NESTED_B = "遵义电子商务产业园", "遵义电子商务产业园二期"


def test_a_list_naming_a_park_whose_name_holds_anothers_is_not_the_other_parks(make_workbook, tmp_path, capsys):
    """Two parks of a county, one's name inside the other's (遵义电子商务产业园 and 遵义电子商务产业园二期), each
    with its 附件3 naming it on the 填报园区/基地 line: 二期's list names the first park too, yet it is not its list.
    The first park took both as candidates and read neither (待定, its own list an orphan, exit 1)."""
    folder = tmp_path / "申报"
    folder.mkdir()
    for file, name, code in (("园区甲.xlsx", NESTED_A, "MA6DKQ8X1"), ("园区乙.xlsx", NESTED_B, "MA6JJJJJ1")):
        path = make_workbook("park", example("park", sb_name=name, sb_uscc=make_uscc("520302", code)),
                             residents=None, name=file)
        shutil.move(path, folder / file)
    printed_list(folder / "名单甲.xlsx", residents("黔"), [f"填报园区/基地：{NESTED_A}"])
    printed_list(folder / "名单乙.xlsx", residents("筑"), [f"填报园区/基地：{NESTED_B}"])
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    by_file = {o["file"]: o for o in json.loads(capsys.readouterr().out)}
    for app, listed in (("园区甲.xlsx", "名单甲.xlsx"), ("园区乙.xlsx", "名单乙.xlsx")):
        for obj in (by_file[app], check_json(folder / app, capsys)):
            said = [f["message"] for f in obj["findings"] if f["code"].startswith("XC_RESIDENT")]
            assert obj["eligible"] is True and len(said) == 1 and f"“{listed}”" in said[0], said


def test_a_park_with_its_own_list_is_not_said_to_differ_from_a_longer_named_parks_list(make_workbook, tmp_path,
                                                                                      capsys):
    """The first park filled its template's list; 二期 sent its 附件3 apart. The first park does not take 二期's
    list as its own second list (no “所列企业不同” warning on it), and 二期 takes it."""
    folder = tmp_path / "申报"
    folder.mkdir()
    shutil.move(make_workbook("park", example("park", sb_name=NESTED_A), name="园区甲.xlsx"), folder / "园区甲.xlsx")
    shutil.move(make_workbook("park", example("park", sb_name=NESTED_B, sb_uscc=make_uscc("520302", "MA6JJJJJ1")),
                              residents=None, name="园区乙.xlsx"), folder / "园区乙.xlsx")
    printed_list(folder / f"{NESTED_B}入驻企业名单.xlsx", residents("筑"), [f"填报园区/基地：{NESTED_B}"])
    obj = check_json(folder / "园区甲.xlsx", capsys)
    assert obj["eligible"] is True and not [f for f in obj["findings"] if f["code"].startswith("XC_RESIDENT")], \
        obj["findings"]
    obj = check_json(folder / "园区乙.xlsx", capsys)
    assert obj["eligible"] is True and "XC_RESIDENT_FILE" in codes(obj)


def test_a_list_sent_beside_naming_the_same_companies_with_other_figures_is_said(make_workbook, tmp_path, capsys):
    """The park filled its template's list and also sent 附件3 apart: the same 12 companies, but that file's 网络零售额
    are a third (1400 万元 in all, under the 3000 万元 threshold). The park is checked by its workbook's list as
    before, and the disagreement is said (it was silent: only lists of other companies were compared)."""
    folder = tmp_path / "申报"
    folder.mkdir()
    shutil.move(make_workbook("park", name="园区甲.xlsx"), folder / "园区甲.xlsx")
    rows = [{**r, "年度网络零售额（万元）": round(r["年度网络零售额（万元）"] / 3, 2)} for r in residents("贵州")]
    printed_list(folder / "附件3入驻企业名单.xlsx", rows, [f"填报园区/基地：{PARK_A}"])
    obj = check_json(folder / "园区甲.xlsx", capsys)
    said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert obj["eligible"] is True and len(said) == 1, obj["findings"]
    assert "所列企业相同" in said[0] and "年度网络零售额合计不同（申报表中4200万元，该文件中1399.99万元）" in said[0], said
    assert "从业人数" not in said[0] and "交易额" not in said[0]
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 0
    ws = load_workbook(tmp_path / "汇总表.xlsx")["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert "XC_RESIDENT_ROW" in ws.cell(4, header["问题"]).value


def test_a_park_finding_no_list_names_the_list_beside_it_that_names_no_park(make_workbook, tmp_path, capsys):
    """Two parks; one list names 乙, the other writes 甲 short (贵阳黔货出山电商园). 甲 is 待定 with “名单没有列出任何
    企业” — and now also says which list file beside it names no park here and how to make it its own (check FILE
    said nothing of it: only check FOLDER and refresh listed the orphan). 乙's list, naming 乙, is not said to 甲."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    printed_list(folder / "贵阳黔货出山电商园名单.xlsx", residents("黔"), ["填报园区/基地：贵阳黔货出山电商园"])
    printed_list(folder / "名单2.xlsx", residents("筑"), [f"填报园区/基地：{PARK_B}"])
    for obj in (check_json(folder / "园区甲.xlsx", capsys), ):
        said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
        assert obj["eligible"] is None and len(said) == 1, obj["findings"]
        assert "“贵阳黔货出山电商园名单.xlsx”" in said[0] and "名单2.xlsx" not in said[0] and PARK_A in said[0], said
    obj = check_json(folder / "园区乙.xlsx", capsys)
    assert obj["eligible"] is True and "XC_RESIDENT_ROW" not in codes(obj)
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 1
    by_file = {o["file"]: o for o in json.loads(capsys.readouterr().out)}
    assert "找不到对应的园区/基地申报表" in by_file["贵阳黔货出山电商园名单.xlsx"]["error"]
    assert "XC_RESIDENT_ROW" in codes(by_file["园区甲.xlsx"])


def test_a_total_row_of_formulas_saved_without_values_is_a_total_row_not_a_blank_one(make_workbook, tmp_path, capsys):
    """A list written by a program (or openpyxl) and never opened in Excel: its 合计 row's =SUM cells have no saved
    value. The row was taken for a blank one, the two companies typed under it left out with “名单在第18行空了一行”,
    though the same file saved by Excel/LibreOffice reads them: the label says it is a 合计 row, whose figures are
    unknown, so it says nothing and the list reads on as when its values are saved."""
    typed = park_with_total(make_workbook, None, "程序写的合计.xlsx")
    wb = load_workbook(typed)
    ws = wb["入驻企业名单"]
    ws.tables["sb_residents"].ref = "A5:K17"         # the program's table ends at its last company
    ws["A18"] = "合计"
    for c in "GHI":
        ws[f"{c}18"] = f"=SUM({c}6:{c}17)"
    for r, src in ((19, 6), (20, 7)):                 # two companies typed under it later
        for c in range(1, 12):
            ws.cell(r, c).value = ws.cell(src, c).value
        ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 11).value = r - 6, f"贵州补录{r}号电子商务有限公司", None
    wb.save(typed)
    unsaved, saved = check_json(typed, capsys), check_json(convert(typed, "xlsx", tmp_path / "saved"), capsys)
    assert not [f for f in unsaved["findings"] if "空了一行" in f["message"]], unsaved["findings"]
    assert check_file(typed).residents.companies == check_file(tmp_path / "saved" / typed.name).residents.companies == 14
    assert sorted(codes(unsaved)) == sorted(codes(saved)), (codes(unsaved), codes(saved))
