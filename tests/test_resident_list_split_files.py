"""A park's 入驻企业名单 (附件3) sent as two workbooks beside its application (园区名单1.xlsx, 园区名单2.xlsx: the
list too long for one file, both naming the park, or the second only going on with the 序号): both are its list,
read and summed once, and said with both files named; a company in both files is XC_RESIDENT_DUP. Two versions of
one list (most companies in both) are still refused, as before. check FILE, check FOLDER and refresh agree."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_resident_list_as_printed import PARK_A, PARK_B, printed_list, residents, two_parks


def checked(path: Path, capsys) -> dict:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def in_folder(folder: Path, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    rc = main(["check", str(folder), "--json"])
    return rc, {obj["file"]: obj for obj in json.loads(capsys.readouterr().out)}


def codes(obj: dict) -> list[str]:
    return [f["code"] for f in obj["findings"]]


def split_folder(tmp_path: Path, make_workbook, second_owner: list | None, *, overlap: int = 0) -> Path:
    """Two parks; 甲's 12 companies in 园区名单1.xlsx (6) and 园区名单2.xlsx (the other 6, and ``overlap`` of the
    first file's again), 乙's list in 乙名单.xlsx."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    rows = residents("黔")
    printed_list(folder / "园区名单1.xlsx", rows[:6], [f"填报园区/基地：{PARK_A}"])
    printed_list(folder / "园区名单2.xlsx", rows[6:] + rows[:overlap], second_owner or [""])
    printed_list(folder / "乙名单.xlsx", residents("筑"), [f"填报园区/基地：{PARK_B}"])
    return folder


def agree(folder: Path, tmp_path: Path, capsys) -> dict:
    """check FILE and check FOLDER say the same of 园区甲; refresh reads both lists (no problem file)."""
    alone = checked(folder / "园区甲.xlsx", capsys)
    rc, many = in_folder(folder, capsys)
    assert rc == 0 and sorted(many) == ["园区乙.xlsx", "园区甲.xlsx"], many
    assert many["园区甲.xlsx"]["findings"] == alone["findings"]
    assert many["园区甲.xlsx"]["eligible"] == alone["eligible"]
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 0, capsys.readouterr().err
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, header["企业名称"]).value == PARK_A)
    said = str(ws.cell(row, header["问题"]).value or "")
    assert ws.cell(row, header["前置条件"]).value == {True: "达标", None: "待定", False: "不达标"}[alone["eligible"]]
    assert all((c in said) == (c in codes(alone)) for c in ("XC_RESIDENT_COUNT", "XC_RESIDENT_DUP", "XC_RESIDENT_ROW"))
    return alone


def test_a_list_split_over_two_files_naming_the_park_is_read_whole(make_workbook, tmp_path, capsys):
    folder = split_folder(tmp_path, make_workbook, [f"填报园区/基地：{PARK_A}"])
    obj = agree(folder, tmp_path, capsys)
    assert obj["eligible"] is True, [f["message"] for f in obj["findings"]]
    assert not {"XC_RESIDENT_COUNT", "XC_RESIDENT_RETAIL", "XC_RESIDENT_ROW", "ELIG_EVIDENCE"} & set(codes(obj))
    said = [f for f in obj["findings"] if f["code"] == "XC_RESIDENT_FILE"]
    assert len(said) == 1 and said[0]["severity"] == "info", said
    assert "“园区名单1.xlsx”" in said[0]["message"] and "“园区名单2.xlsx”" in said[0]["message"], said
    assert "12家" in said[0]["message"]


def test_a_second_file_going_on_with_the_numbering_is_part_of_the_list(make_workbook, tmp_path, capsys):
    """园区名单2.xlsx names no park, its 序号 go on from the first file's last: the rest of the list."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    rows = [{**r, "序号": i} for i, r in enumerate(residents("黔"), 1)]
    printed_list(folder / "园区名单1.xlsx", rows[:6], [f"填报园区/基地：{PARK_A}"])
    printed_list(folder / "园区名单2.xlsx", rows[6:], [""])
    printed_list(folder / "乙名单.xlsx", residents("筑"), [f"填报园区/基地：{PARK_B}"])
    obj = agree(folder, tmp_path, capsys)
    assert obj["eligible"] is True, [f["message"] for f in obj["findings"]]
    assert "XC_RESIDENT_COUNT" not in codes(obj)
    said = next(f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_FILE")
    assert "“园区名单2.xlsx”" in said and "12家" in said


def test_a_company_in_both_files_is_a_repeat_counted_once(make_workbook, tmp_path, capsys):
    folder = split_folder(tmp_path, make_workbook, [f"填报园区/基地：{PARK_A}"], overlap=1)
    obj = checked(folder / "园区甲.xlsx", capsys)
    dup = [f for f in obj["findings"] if f["code"] == "XC_RESIDENT_DUP"]
    assert len(dup) == 1 and "园区名单1.xlsx" in dup[0]["message"] and "园区名单2.xlsx" in dup[0]["message"], dup
    # 13 rows, 12 companies: the form's 12 agree, and the repeated company's figures are summed once
    assert not {"XC_RESIDENT_COUNT", "XC_RESIDENT_RETAIL", "XC_RESIDENT_TRADE"} & set(codes(obj)), obj["findings"]
    said = next(f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_FILE")
    assert "13行、去掉重复后12家" in said, said


def test_two_versions_of_one_list_are_still_refused(make_workbook, tmp_path, capsys):
    folder = split_folder(tmp_path, make_workbook, [f"填报园区/基地：{PARK_A}"], overlap=6)
    obj = checked(folder / "园区甲.xlsx", capsys)
    which = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(which) == 1 and "2份入驻企业名单" in which[0] and "都没有读取" in which[0], which
def test_a_list_naming_two_parks_is_said_and_counted_for_neither(make_workbook, tmp_path, capsys):
    """One 附件3 whose 填报园区 line names 甲 and 乙: each park's totals would hold the other's companies."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    printed_list(folder / "名单.xlsx", residents("黔")[:6] + residents("筑")[:6],
                 [f"填报园区/基地：{PARK_A}、{PARK_B}"])
    for app in ("园区甲.xlsx", "园区乙.xlsx"):
        obj = checked(folder / app, capsys)
        assert "XC_RESIDENT_FILE" not in codes(obj), obj["findings"]
        said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
        assert len(said) == 1 and "“名单.xlsx”" in said[0] and PARK_A in said[0] and PARK_B in said[0], said
        assert obj["eligible"] is None
    rc, many = in_folder(folder, capsys)
    for app in ("园区甲.xlsx", "园区乙.xlsx"):
        assert many[app]["findings"] == checked(folder / app, capsys)["findings"]
    # the list itself is a problem file in both, as a list no application could take
    assert rc == 1 and "一份名单写明了几个申报单位" in many["名单.xlsx"]["error"], many.get("名单.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder)]) == 1
    assert "名单.xlsx" in capsys.readouterr().err
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert [ws.cell(r, header["前置条件"]).value for r in (4, 5)] == ["待定", "待定"]
    assert all("XC_RESIDENT_ROW" in str(ws.cell(r, header["问题"]).value) for r in (4, 5))


def test_the_rest_of_a_list_naming_two_parks_is_taken_by_neither(make_workbook, tmp_path, capsys):
    """名单1.xlsx names 甲 and 乙, 名单2.xlsx names no park and its 序号 go on from 名单1's: the rest of a list that is
    neither's alone. Each park took 名单2.xlsx as its whole list (6 companies counted twice, no file said)."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    rows = [{**r, "序号": i} for i, r in enumerate(residents("黔"), 1)]
    printed_list(folder / "名单1.xlsx", rows[:6], [f"填报园区/基地：{PARK_A}、{PARK_B}"])
    printed_list(folder / "名单2.xlsx", rows[6:], [""])
    for app in ("园区甲.xlsx", "园区乙.xlsx"):
        obj = checked(folder / app, capsys)
        assert "XC_RESIDENT_FILE" not in codes(obj), obj["findings"]
        said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
        assert len(said) == 1 and "“名单1.xlsx”" in said[0] and "“名单2.xlsx”" in said[0], said
        assert obj["eligible"] is None
    rc, many = in_folder(folder, capsys)
    assert rc == 1 and "error" in many["名单1.xlsx"] and "error" in many["名单2.xlsx"], many
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "名单1.xlsx" in err and "名单2.xlsx" in err, err


def test_a_second_file_restarting_at_1_beside_a_list_naming_two_parks_is_said(make_workbook, tmp_path, capsys):
    """名单2.xlsx names no park and starts again at 序号 1: nobody's, and said with its name (never silently left)."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    rows = residents("黔")
    printed_list(folder / "名单1.xlsx", rows[:6], [f"填报园区/基地：{PARK_A}、{PARK_B}"])
    printed_list(folder / "名单2.xlsx", [{**r, "序号": i} for i, r in enumerate(rows[6:], 1)], [""])
    for app in ("园区甲.xlsx", "园区乙.xlsx"):
        obj = checked(folder / app, capsys)
        assert "XC_RESIDENT_FILE" not in codes(obj) and obj["eligible"] is None, obj["findings"]
        said = " ".join(f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW")
        assert "“名单1.xlsx”" in said and "“名单2.xlsx”" in said, said
    rc, many = in_folder(folder, capsys)
    assert rc == 1 and "error" in many["名单1.xlsx"] and "error" in many["名单2.xlsx"], many


def test_a_second_file_restarting_at_1_and_naming_no_park_is_named_by_the_short_list(make_workbook, tmp_path,
                                                                                        capsys):
    """甲's 园区名单1.xlsx (6 of its 12 companies) names it, 园区名单2.xlsx (the other 6) names no park and starts
    again at 序号 1: nobody's (乙 has its own list). check FOLDER and refresh list it as a problem file, but check FILE
    of 甲 only said "12家 … 列出6家", without the file that may hold the rest."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    rows = residents("黔")
    printed_list(folder / "园区名单1.xlsx", rows[:6], [f"填报园区/基地：{PARK_A}"])
    printed_list(folder / "园区名单2.xlsx", [{**r, "序号": i} for i, r in enumerate(rows[6:], 1)], [""])
    printed_list(folder / "乙名单.xlsx", residents("筑"), [f"填报园区/基地：{PARK_B}"])
    obj = checked(folder / "园区甲.xlsx", capsys)
    said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(said) == 1 and "“园区名单2.xlsx”" in said[0] and "没有读取" in said[0], said
    assert "XC_RESIDENT_COUNT" in codes(obj)
    rc, many = in_folder(folder, capsys)
    assert rc == 1 and many["园区甲.xlsx"]["findings"] == obj["findings"] and "error" in many["园区名单2.xlsx"]
    # 乙's list is whole: nothing said of a file that cannot be its
    assert not [f for f in many["园区乙.xlsx"]["findings"] if f["code"] == "XC_RESIDENT_ROW"]


def test_a_list_naming_another_unit_whose_application_is_not_here_is_said(make_workbook, tmp_path, capsys):
    """名单.xlsx's 填报园区 line names 甲 and 乙, and 乙's application is not in the folder (sent on its own, or to
    another county): 甲 took all 12 companies, 乙's 6 in its totals, 达标 and nothing said beyond "取自…名单.xlsx"."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    (folder / "园区乙.xlsx").unlink()
    printed_list(folder / "名单.xlsx", residents("黔")[:6] + residents("筑")[:6], [f"填报园区/基地：{PARK_A}、{PARK_B}"])
    obj = checked(folder / "园区甲.xlsx", capsys)
    said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(said) == 1 and "“名单.xlsx”" in said[0] and PARK_B in said[0], said
    rc, many = in_folder(folder, capsys)
    assert many["园区甲.xlsx"]["findings"] == obj["findings"]


def test_the_park_line_typed_on_one_row_with_its_filler_and_date_names_no_other_unit(make_workbook, tmp_path, capsys):
    """The 附件3's three lines under the table typed on one row (填报园区/基地：甲 | 填报人：李红 | 填报时间：…), or in
    one cell with spaces, or with a phone beside the park: 甲's own list, nothing said of “别的单位” (the filler's
    name and the date were read as another unit's, XC_RESIDENT_ROW on a park whose list is whole)."""
    for i, line in enumerate(([f"填报园区/基地：{PARK_A}", None, None, None, "填报人：李红", None, None,
                               "填报时间：2024年4月15日"],
                              [f"填报园区/基地：{PARK_A}    填报人：李红    填报时间：2024.4.15"],
                              ["填报园区/基地：", PARK_A, "联系电话：13908510000"])):
        folder = tmp_path / f"申报{i}"
        two_parks(folder, make_workbook)
        (folder / "园区乙.xlsx").unlink()
        printed_list(folder / "名单.xlsx", residents("黔"), line)
        obj = checked(folder / "园区甲.xlsx", capsys)
        assert obj["eligible"] is True, line
        assert not [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"], line


def test_the_park_named_with_its_province_city_and_county_names_no_other_unit(make_workbook, tmp_path, capsys):
    """“填报园区/基地：贵州省贵阳市南明区甲” names 甲 where it is: its own list, nothing said of “别的单位” (the place
    before the name was read as another unit's); a second park after it still is."""
    for i, (owner, other) in enumerate(((f"贵州省贵阳市{PARK_A}", False), (f"贵阳市南明区{PARK_A}", False),
                                        (f"黔南布依族苗族自治州{PARK_A}", False), (f"{PARK_A}、{PARK_B}", True))):
        folder = tmp_path / f"申报{i}"
        two_parks(folder, make_workbook)
        (folder / "园区乙.xlsx").unlink()
        printed_list(folder / "名单.xlsx", residents("黔"), [f"填报园区/基地：{owner}"])
        obj = checked(folder / "园区甲.xlsx", capsys)
        said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
        assert bool(said) == other, (owner, said)


def test_the_park_written_short_on_the_line_of_its_own_named_list_is_no_other_unit(make_workbook, tmp_path, capsys):
    """甲's list, its file named with 甲's full name, its 填报园区 line writing 甲 short (电商 for 电子商务), or with its
    运营单位 named: 甲's, nothing said of “别的单位” (the line does not name another unit beside 甲)."""
    short = PARK_A.replace("电子商务", "电商")
    for i, owner in enumerate((short, f"{PARK_A}（运营单位：贵州黔货出山园区运营管理有限公司）")):
        folder = tmp_path / f"申报{i}"
        two_parks(folder, make_workbook)
        (folder / "园区乙.xlsx").unlink()
        printed_list(folder / f"{PARK_A}入驻企业名单.xlsx", residents("黔"), [f"填报园区/基地：{owner}"])
        obj = checked(folder / "园区甲.xlsx", capsys)
        said = [f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
        assert obj["eligible"] is True and not said, (owner, said)


def test_a_file_going_on_with_the_numbering_but_naming_another_park_is_said(make_workbook, tmp_path, capsys):
    """园区名单2.xlsx's 序号 go on from 园区名单1.xlsx's, but its 填报园区 line names a park that is not 甲 (nor any
    application of the folder): not merged, and 甲's check says it, not only the orphan list in refresh."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    rows = [{**r, "序号": i} for i, r in enumerate(residents("黔"), 1)]
    printed_list(folder / "园区名单1.xlsx", rows[:6], [f"填报园区/基地：{PARK_A}"])
    printed_list(folder / "园区名单2.xlsx", rows[6:], ["填报园区/基地：黔货出山园"])
    printed_list(folder / "乙名单.xlsx", residents("筑"), [f"填报园区/基地：{PARK_B}"])
    obj = checked(folder / "园区甲.xlsx", capsys)
    said = [f for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(said) == 1 and "“园区名单2.xlsx”" in said[0]["message"] and "黔货出山园" in said[0]["message"], said
    assert "从7起" in said[0]["message"] and "XC_RESIDENT_COUNT" in codes(obj)      # 6 companies read, not 12
    rc, many = in_folder(folder, capsys)
    assert many["园区甲.xlsx"]["findings"] == obj["findings"] and "园区名单2.xlsx" in many


def test_a_list_workbook_with_a_block_per_park_gives_each_park_its_block(make_workbook, tmp_path, capsys):
    """One sheet holding 甲's list (its 填报园区 line under it), a blank row, then 乙's list with its header and line:
    甲 took the first block (and warned of "rows after a gap"), 乙 found no list at all ("没有列出任何企业")."""
    from openpyxl import Workbook

    from tests.test_resident_list_as_printed import FIGURES, HEADER

    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    wb = Workbook()
    ws = wb.active
    ws.append(["附件3"])
    ws.append(["贵州省电商示范园区/直播示范基地入驻电商企业名单"])
    for park, prefix in ((PARK_A, "黔"), (PARK_B, "筑")):
        ws.append(HEADER)
        for r in residents(prefix)[:6]:
            ws.append([r.get(h) for h in (*HEADER[:7], *FIGURES[1:], "备注")])
        ws.append([f"填报园区/基地：{park}"])
        ws.append([])
    wb.save(folder / "县名单.xlsx")
    for app in ("园区甲.xlsx", "园区乙.xlsx"):
        obj = checked(folder / app, capsys)
        said = [f["message"] for f in obj["findings"] if f["code"] in ("XC_RESIDENT_FILE", "XC_RESIDENT_ROW")]
        assert len(said) == 1 and "“县名单.xlsx”" in said[0] and "（6家" in said[0], said
        count = next(f["message"] for f in obj["findings"] if f["code"] == "XC_RESIDENT_COUNT")
        assert "列出6家" in count, count
    rc, many = in_folder(folder, capsys)
    assert rc == 0 and "县名单.xlsx" not in many, many.get("县名单.xlsx")
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 0, capsys.readouterr().err


def test_each_files_total_row_is_checked_against_its_own_rows(make_workbook, tmp_path, capsys):
    folder = split_folder(tmp_path, make_workbook, [f"填报园区/基地：{PARK_A}"])
    wb = load_workbook(folder / "园区名单2.xlsx")
    ws = wb.active
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    ws.cell(total, 9).value = 99999
    wb.save(folder / "园区名单2.xlsx")
    obj = checked(folder / "园区甲.xlsx", capsys)
    said = [f for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(said) == 1 and said[0]["sheet"] == "[园区名单2.xlsx]Sheet" and said[0]["cell"] == f"I{total}", said
    assert "99999" in said[0]["message"] and obj["eligible"] is True


def test_a_list_given_without_its_park_names_the_park_beside_it(make_workbook, tmp_path, capsys):
    """`check 园区名单.xlsx 企业.xlsx` (files picked by hand, or a wildcard matching the list), the park whose list it
    is lying beside it: the list was called unreadable, “同一文件夹中找不到对应的园区/基地申报表” (exit 1), and
    `check 园区名单.xlsx` told the clerk to put it beside its park — where it was. Both now name the park that takes it
    (the list is read with that application): check FILE FILE skips it as no application, exit 0; check of the list
    alone says which application to check, exit 2 as for any workbook that is no application."""
    folder = split_folder(tmp_path, make_workbook, [f"填报园区/基地：{PARK_A}"])
    enterprise = make_workbook("enterprise")
    capsys.readouterr()
    assert main(["check", str(folder / "乙名单.xlsx"), str(enterprise), "--json"]) == 0
    said = capsys.readouterr()
    assert [o["file"] for o in json.loads(said.out)] == [enterprise.name], said.out
    assert "乙名单.xlsx" in said.err and "园区乙.xlsx" in said.err and "找不到" not in said.err, said.err
    assert main(["check", str(folder / "乙名单.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "园区乙.xlsx" in err and "放在同一文件夹" not in err, err
    orphan = tmp_path / "别处"
    orphan.mkdir()
    shutil.copy(folder / "乙名单.xlsx", orphan / "乙名单.xlsx")
    assert main(["check", str(orphan / "乙名单.xlsx"), str(enterprise), "--json"]) == 1   # no park beside it: as before
    assert "找不到对应的园区/基地申报表" in json.loads(capsys.readouterr().out)[1]["error"]


def test_a_list_beside_its_plain_copy_is_read_once_and_said(make_workbook, tmp_path, capsys):
    """园区名单.xlsx and “园区名单 - 副本.xlsx” (a copy the clerk made before editing, never edited): the same rows.
    The park was told “2份入驻企业名单…无法判断用哪一份，都没有读取” and its list went unread, though either copy
    gives the same list. A copy is read once and said; check FILE, check FOLDER and refresh agree."""
    folder = tmp_path / "申报"
    two_parks(folder, make_workbook)
    printed_list(folder / "园区名单.xlsx", residents("黔"), [f"填报园区/基地：{PARK_A}"])
    shutil.copy(folder / "园区名单.xlsx", folder / "园区名单 - 副本.xlsx")
    printed_list(folder / "乙名单.xlsx", residents("筑"), [f"填报园区/基地：{PARK_B}"])
    alone = agree(folder, tmp_path, capsys)
    assert "XC_RESIDENT_ROW" not in codes(alone), alone["findings"]
    said = next(f["message"] for f in alone["findings"] if f["code"] == "XC_RESIDENT_FILE")
    assert "园区名单 - 副本.xlsx" in said and "内容相同" in said, said
