"""Several applications in one workbook: a county clerk copies the 申报表 sheet ("申报表(2)") and fills it for a
second enterprise, or an applicant keeps an older copy of its form on another sheet ("申报表（旧）"). The tool reads
one form per file; the other form was silently ignored (one summary row, exit 0). Now ``check`` reports it on
that sheet (FILE_OTHER_FORM: an error for another applicant, a warning for an old copy of the same one), and
``refresh`` lists the other applicant's form as not read (问题文件, exit 1: the summary is incomplete)."""
from __future__ import annotations

import datetime
import json

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.libreoffice import convert, need_soffice
from tests.test_refresh import rows

SECOND = "贵州第二家电子商务有限公司"
SECOND_USCC = "91520102MA6DKQ8X1B"


def _copy_form(path, title="申报表(2)", name=SECOND, uscc=SECOND_USCC, hidden=False):
    """The 申报表 sheet copied (as Excel's 移动或复制 does) and filled for ``name`` by hand."""
    wb = load_workbook(path)
    ws = wb.copy_worksheet(wb["申报表"])
    ws.title = title
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == example("enterprise")["sb_name"]:
                cell.value = name
            elif cell.value == example("enterprise")["sb_uscc"]:
                cell.value = uscc
    if hidden:
        ws.sheet_state = "hidden"
    wb.save(path)
    return path


def _check(path, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["check", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def _other_forms(result: dict) -> list[dict]:
    return [f for f in result["findings"] if f["code"] == "FILE_OTHER_FORM"]


def test_a_second_enterprise_on_a_copied_sheet_is_an_error_naming_sheet_and_applicant(make_workbook, capsys):
    path = _copy_form(make_workbook("enterprise"))
    code, result = _check(path, capsys)
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and (found["sheet"], found["cell"]) == ("申报表(2)", "C3"), found
    assert SECOND in found["message"] and "申报表(2)" in found["message"], found
    assert "单独保存为一个文件" in found["message"] and example("enterprise")["sb_name"] in found["message"], found
    assert code == 0      # CONTRACT: check exits 0 whatever it finds in a readable file
    # the terminal says it too
    main(["check", str(path)])
    assert "申报表(2)" in capsys.readouterr().out


def test_an_old_copy_of_the_same_applicants_form_is_a_warning_saying_which_sheet_was_read(make_workbook, capsys):
    path = _copy_form(make_workbook("enterprise"), title="申报表（旧）", name=example("enterprise")["sb_name"],
                      uscc=example("enterprise")["sb_uscc"], hidden=True)
    _code, result = _check(path, capsys)
    (found,) = _other_forms(result)
    assert found["severity"] == "warning" and found["sheet"] == "申报表（旧）", found
    assert "“申报表”" in found["message"] and "未读取" in found["message"], found


def test_the_same_company_applying_as_a_team_on_another_sheet_is_an_error(make_workbook, capsys):
    """The same company's 团队 application pasted onto a sheet of its 企业 form: a second application, not read."""
    path = make_workbook("enterprise")
    team = make_workbook("team", example("team", sb_name=example("enterprise")["sb_name"],
                                          sb_uscc=example("enterprise")["sb_uscc"]))
    wb = load_workbook(path)
    ws = wb.create_sheet("团队申报")
    for row in load_workbook(team)["申报表"].iter_rows():
        for cell in row:
            ws.cell(cell.row, cell.column).value = cell.value
    wb.save(path)
    _code, result = _check(path, capsys)
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and "团队" in found["message"], found


def test_a_blank_copy_of_the_form_is_no_second_application(tmp_path, make_workbook, capsys):
    """A blank form (from ``shibai new``) pasted onto a sheet of a filled one: nobody's application."""
    path = make_workbook("enterprise")
    blank = tmp_path / "空白.xlsx"
    assert main(["new", "enterprise", "--out", str(blank)]) == 0
    wb = load_workbook(path)
    ws = wb.create_sheet("空表")
    for row in load_workbook(blank)["申报表"].iter_rows():
        for cell in row:
            ws.cell(cell.row, cell.column).value = cell.value
    wb.save(path)
    _code, result = _check(path, capsys)
    assert not _other_forms(result), result["findings"]


def test_the_demo_enterprise_has_no_such_finding(demo_folder, capsys):
    path = next(demo_folder.glob("申报表/示范企业-贵州山珍*.xlsx"))
    _code, result = _check(path, capsys)
    assert not _other_forms(result)


def _refresh(tmp_path, apps, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(apps), "--batch", "2024-05"])
    return code, capsys.readouterr().out


def test_refresh_lists_the_second_enterprise_as_not_read_and_is_incomplete(tmp_path, make_workbook, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    _copy_form(make_workbook("enterprise")).rename(apps / "两家企业.xlsx")
    code, said = _refresh(tmp_path, apps, capsys)
    assert code == 1, said
    assert "两家企业.xlsx" in said and SECOND in said and "申报表(2)" in said, said
    assert "申报表 1 份" in said, said
    (row,) = rows(tmp_path / "汇总表.xlsx")
    assert row["企业名称"] == example("enterprise")["sb_name"]
    problems = load_workbook(tmp_path / "汇总表.xlsx")["问题文件"]
    listed = [(a, b) for a, b in problems.iter_rows(min_row=3, max_col=2, values_only=True) if a]
    assert listed and listed[0][0] == "两家企业.xlsx" and SECOND in listed[0][1], listed
    # nothing changed: the cached record still says it, and the result is still incomplete
    code, said = _refresh(tmp_path, apps, capsys)
    assert code == 1 and SECOND in said and "未改动跳过 1 份" in said, said


def test_refresh_takes_an_old_copy_of_the_same_applicant_as_complete(tmp_path, make_workbook, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    _copy_form(make_workbook("enterprise"), title="申报表（旧）", name=example("enterprise")["sb_name"],
               uscc=example("enterprise")["sb_uscc"]).rename(apps / "企业.xlsx")
    code, said = _refresh(tmp_path, apps, capsys)
    assert code == 0, said


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_copied_sheet_survives_a_libreoffice_round_trip(tmp_path, make_workbook, capsys, fmt):
    need_soffice()
    path = _copy_form(make_workbook("enterprise"), title="贵州第二家")
    converted = convert(path, fmt, tmp_path / "out")
    _code, result = _check(converted, capsys)
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and found["sheet"] == "贵州第二家" and SECOND in found["message"], found


def test_a_copy_given_another_name_but_the_first_ones_code_is_another_applicant(make_workbook, capsys, tmp_path):
    """The clerk typed the second company's name over the copy and has not yet changed the 统一社会信用代码: still
    another applicant's form (a warning would let a refresh leave it out without a word)."""
    path = _copy_form(make_workbook("enterprise"), uscc=example("enterprise")["sb_uscc"])
    _code, result = _check(path, capsys)
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and SECOND in found["message"], found


def test_forms_filled_only_on_copies_of_the_sheet_are_said_by_refresh(tmp_path, capsys):
    """The template's own 申报表 sheet left blank, two copies of it filled for two companies: the file is not
    summarised (no 名称 where the names point) and the reason names the forms on the other sheets."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    path = apps / "县里两家.xlsx"
    assert main(["new", "enterprise", "--out", str(path)]) == 0
    wb = load_workbook(path)
    labels = [(c.row, c.column, c.value) for row in wb["申报表"].iter_rows() for c in row if c.value is not None]
    for title, name in (("贵州甲", "贵州甲电子商务有限公司"), ("贵州乙", "贵州乙电子商务有限公司")):
        ws = wb.create_sheet(title)
        for r, c, v in labels:
            ws.cell(r, c).value = v
        ws["C3"] = name
        ws["C4"] = "凯里市商务局"
    wb.save(path)
    capsys.readouterr()
    code = main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(apps)])
    said = capsys.readouterr().err
    assert code == 2, said     # nothing readable to summarise: refused, the reason names both forms
    assert "贵州甲电子商务有限公司" in said and "贵州乙电子商务有限公司" in said, said


def _pasted_apart(make_workbook, sheets, typed=lambda title, cell: cell.value):
    """A workbook of the clerk's own, without defined names (read by printed labels): each of ``sheets`` ((title,
    source sheet)) pasted as values onto a sheet of that title, each cell as ``typed`` gives it."""
    wb = load_workbook(make_workbook("enterprise"))
    for ws in list(wb.worksheets):
        wb.remove(ws)
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    for title, sheet in sheets:
        ws = wb.create_sheet(title)
        for row in sheet.iter_rows():
            for cell in row:
                value = typed(title, cell)
                if value is not None:
                    ws.cell(cell.row, cell.column).value = value
    return wb


def test_forms_typed_on_sheets_named_after_the_companies_without_names(make_workbook, tmp_path, capsys):
    """A county clerk's own workbook: each company's form pasted as values onto a sheet named after it (no defined
    names: the form is read by its printed labels). The first is read; the second is said, on its sheet."""
    first = load_workbook(make_workbook("enterprise"))
    second = load_workbook(_copy_form(make_workbook("enterprise")))
    wb = _pasted_apart(make_workbook, (("山珍优品", first["申报表"]), ("第二家", second["申报表(2)"]),
                                       ("补充信息", first["补充信息"])))
    path = tmp_path / "县汇总的申报表.xlsx"
    wb.save(path)
    _code, result = _check(path, capsys)
    assert result["name"] == example("enterprise")["sb_name"], result["name"]
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and found["sheet"] == "第二家" and SECOND in found["message"], found


def test_a_sheet_copied_by_excel_with_its_names_made_local_is_said(make_workbook, capsys):
    """Excel's 移动或复制 → 建立副本 gives the copy sheet-level copies of the workbook's names (sb_name on
    '申报表 (2)'!$C$3): the form read is still the one the workbook's names point at; the copy is said."""
    from openpyxl.workbook.defined_name import DefinedName

    path = _copy_form(make_workbook("enterprise"), title="申报表 (2)")
    wb = load_workbook(path)
    ws = wb["申报表 (2)"]
    for name, dn in list(wb.defined_names.items()):
        if dn.attr_text.startswith("'申报表'!"):
            ws.defined_names[name] = DefinedName(name, attr_text=dn.attr_text.replace("'申报表'!", "'申报表 (2)'!"))
    wb.save(path)
    _code, result = _check(path, capsys)
    assert result["name"] == example("enterprise")["sb_name"]
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and found["sheet"] == "申报表 (2)" and SECOND in found["message"], found


def test_a_far_reaching_extra_sheet_does_not_make_the_form_unreadable(make_workbook, capsys):
    """An extra sheet with a stray entry in XFD1048576 was never read; looking at it for another form must not
    refuse the whole application (it was read before)."""
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    ws = wb.create_sheet("Sheet1")
    ws["A1"], ws["XFD1048576"] = "备注", "x"
    wb.save(path)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == example("enterprise")["sb_name"]


def test_refresh_says_the_file_was_read_and_only_its_other_form_was_not(tmp_path, make_workbook, capsys):
    """The file itself was read (its first form is in the summary): the terminal, the 问题文件 sheet and the 统计
    sheet say that another form in it was not read, not that the file could not be read; still exit 1."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    _copy_form(make_workbook("enterprise")).rename(apps / "两家企业.xlsx")
    capsys.readouterr()
    code = main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(apps), "--batch", "2024-05"])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "1 个文件中另有申报表未读取" in out and "1 个文件中另有申报表未读取" in err, out + err
    assert "无法读取" not in out and "未能读取" not in err, out + err
    book = load_workbook(tmp_path / "汇总表.xlsx")
    assert "无法读取的文件" not in book["问题文件"]["A1"].value, book["问题文件"]["A1"].value
    assert "另有申报表未读取" in book["统计"]["A1"].value and "未能读取" not in book["统计"]["A1"].value


def test_refresh_says_an_unreadable_file_and_another_form_apart(tmp_path, make_workbook, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    _copy_form(make_workbook("enterprise")).rename(apps / "两家企业.xlsx")
    (apps / "坏文件.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    capsys.readouterr()
    code = main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(apps), "--batch", "2024-05"])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "无法读取 1 份" in out and "1 个文件中另有申报表未读取" in out, out
    assert "1 个文件未能读取" in err and "1 个文件中另有申报表未读取" in err, err


def test_a_field_missing_on_the_forms_sheet_is_not_taken_from_another_applicants_form(make_workbook, tmp_path,
                                                                                       capsys):
    """Forms pasted as values (no defined names) onto sheets named after the companies; the first one's 地址 row left
    out when the clerk pasted it. Its 地址 is not the second company's (two applicants mixed), and the second form
    is still said, on its sheet. (The second form's 主管部门 row is left out too: each sheet shows as many labels.)"""
    first = load_workbook(make_workbook("enterprise"))
    second = load_workbook(_copy_form(make_workbook("enterprise")))
    other_address = "贵州省贵阳市云岩区中华北路1号"

    def typed(title, cell):
        value = cell.value
        if value == example("enterprise")["sb_address"]:
            return None if title == "山珍优品" else other_address
        if (value, title) in (("地址", "山珍优品"), ("主管部门", "第二家"), (example("enterprise")["sb_authority"], "第二家")):
            return None
        return value

    wb = _pasted_apart(make_workbook, (("山珍优品", first["申报表"]), ("第二家", second["申报表(2)"]),
                                       ("补充信息", first["补充信息"])), typed)
    apps = tmp_path / "申报表"
    apps.mkdir()
    path = apps / "县汇总的申报表.xlsx"
    wb.save(path)
    _code, result = _check(path, capsys)
    assert result["name"] == example("enterprise")["sb_name"], result["name"]
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and found["sheet"] == "第二家" and SECOND in found["message"], found
    code, said = _refresh(tmp_path, apps, capsys)
    (row,) = rows(tmp_path / "汇总表.xlsx")
    assert row["企业名称"] == example("enterprise")["sb_name"] and row["企业地址"] != other_address, row
    assert code == 1 and "第二家" in said, said


def test_a_form_continued_on_a_second_sheet_is_still_read_whole(make_workbook, tmp_path, capsys):
    """One form pasted as values over two sheets (its lower half on "申报表（续）"): the continuation shows no 名称, it
    is no other form: its fields are read, and nothing is said of another form."""
    form = load_workbook(make_workbook("enterprise"))["申报表"]
    wb = load_workbook(make_workbook("enterprise"))
    for ws in list(wb.worksheets):
        wb.remove(ws)
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    top, rest = wb.create_sheet("申报表"), wb.create_sheet("申报表（续）")
    for row in form.iter_rows():
        for cell in row:
            if cell.value is not None:
                (top if cell.row <= 6 else rest).cell(cell.row, cell.column).value = cell.value
    apps = tmp_path / "申报表"
    apps.mkdir()
    wb.save(apps / "两页.xlsx")
    _code, result = _check(apps / "两页.xlsx", capsys)
    assert result["name"] == example("enterprise")["sb_name"] and not _other_forms(result), result["findings"]
    assert _refresh(tmp_path, apps, capsys)[0] == 0
    (row,) = rows(tmp_path / "汇总表.xlsx")
    assert row["联系人"] == example("enterprise")["sb_leader_name"], row


def test_a_corrected_version_beside_a_file_read_with_another_form_in_it_updates_the_row(tmp_path, make_workbook,
                                                                                         capsys):
    """The file was read (only its other form was not): a corrected version of its application put beside it (a later
    填表时间) updates its row as beside any file read — not "kept" as if that file could not be read."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    _copy_form(make_workbook("enterprise")).rename(apps / "两家企业.xlsx")
    assert _refresh(tmp_path, apps, capsys)[0] == 1
    corrected = make_workbook("enterprise", example("enterprise", sb_address="贵州省黔东南州凯里市韶山南路2号"))
    wb = load_workbook(corrected)
    sheet, cell = next(iter(wb.defined_names["sb_fill_date"].destinations))
    wb[sheet][cell.replace("$", "")] = datetime.date(2024, 5, 6)   # the corrected one is filled later
    wb.save(apps / "两家企业-修改.xlsx")
    code, said = _refresh(tmp_path, apps, capsys)
    assert "无法读取" not in said and "保留上次" not in said, said
    (row,) = rows(tmp_path / "汇总表.xlsx")
    assert row["企业地址"] == "贵州省黔东南州凯里市韶山南路2号" and row["来源文件"] == "两家企业-修改.xlsx", row


def test_a_sheet_name_holding_a_line_break_is_shown_on_one_line(make_workbook, capsys):
    """A crafted workbook names the copied sheet "申报表(2)⏎注意：全部通过" (a line break, a tab in the sheet name, which
    the file format allows): the message printed it as is, forging a line of the report. The message shows each
    control character as its picture, as file names are shown; the finding's sheet still addresses the sheet."""
    title = "申报表(2)\n注意：全部通过\t"
    path = _copy_form(make_workbook("enterprise"), title=title)
    _code, result = _check(path, capsys)
    (found,) = _other_forms(result)
    assert found["sheet"] == title
    assert "\n" not in found["message"] and "\t" not in found["message"]
    assert "申报表(2)␊注意：全部通过␉" in found["message"], found
    main(["check", str(path)])
    assert not any(line.startswith("注意：全部通过") for line in capsys.readouterr().out.splitlines())


def _team_form(name, live="500万元", address="贵州省安顺市西秀区黄果树大街18号"):
    """A 直播团队 form retyped in the printed layout (no defined names), as rows for test_printed_layout's _sheet."""
    from tests.test_printed_layout import _team_items
    return [[("电商直播团队申报表", 8)], ["填表时间：", "2024年5月10日"],
            ["名称", (name, 3), "主管部门", ("安顺市西秀区商务局", 3)], ["地址", (address, 7)],
            ["类型", ("□国有或国有控股企业 ☑民营企业 □其他_____", 7)],
            ["主要负责人", "姓名", "王明", "职务", "总经理", "手机", "13908510001"],
            ["前置条件", "(2023年1月-2023年12月)年度直播销售额", live, "万元"], *_team_items("☑是 □否")]


def _forms_on_one_sheet(path, *forms):
    """Forms typed one under the other on one sheet (two blank rows between), with a 补充信息 sheet."""
    from openpyxl import Workbook

    from tests.test_printed_layout import _supplementary, put_rows
    wb = Workbook()
    wb.active.title = "申报表"
    rows = []
    for form in forms:
        rows += [*([[None], [None]] if rows else []), *form]
    put_rows(wb.active, rows)
    _supplementary(wb, "91520402MA6J8N5P2W", "2022年5月10日")
    wb.save(path)
    return path


def _two_teams_on_one_sheet(path, second="安顺黔韵直播有限公司"):
    """Two 直播团队 forms retyped in the printed layout (no defined names), the second typed under the first on the
    same sheet, as a county clerk collects what two teams sent."""
    return _forms_on_one_sheet(path, _team_form("安顺黔味文化传媒有限公司"),
                               _team_form(second, "600万元", "贵州省安顺市平坝区安平大道1号"))


def test_a_second_application_typed_under_the_form_on_its_sheet_is_not_read_and_said_as_such(tmp_path, capsys):
    """Two teams' forms typed one under the other on one sheet: the first was read and the second was named only
    inside the FILE_LABELS note (an info), so ``refresh`` summarised one team with exit 0 and no word on the
    问题文件 sheet — the second team dropped from the city's summary. It is another applicant's form not read, as
    on another sheet: FILE_OTHER_FORM (an error at its name), listed by refresh, exit 1."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    path = _two_teams_on_one_sheet(apps / "两个团队.xlsx")
    _code, result = _check(path, capsys)
    assert result["name"] == "安顺黔味文化传媒有限公司"
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and found["sheet"] == "申报表", found
    assert "安顺黔韵直播有限公司" in found["message"] and "单独保存为一个文件" in found["message"], found
    code, said = _refresh(tmp_path, apps, capsys)
    assert code == 1 and "安顺黔韵直播有限公司" in said, said
    problems = load_workbook(tmp_path / "汇总表.xlsx")["问题文件"]
    listed = [(a, b) for a, b in problems.iter_rows(min_row=3, max_col=2, values_only=True) if a]
    assert listed and listed[0][0] == "两个团队.xlsx" and "安顺黔韵直播有限公司" in listed[0][1], listed


@pytest.mark.parametrize("operator", ["运营单位", "运营主体"])
def test_a_parks_operator_under_another_heading_is_no_second_application(tmp_path, capsys, operator):
    """A park form retyped with its 运营机构 heading written 运营单位: the operator's “名称” row is no longer under the
    printed heading, and its name (贵州黔货出山园区运营管理有限公司) was taken for another applicant's form on the sheet.
    One form on a sheet shows its other labels (地址, 主管部门…) once: no second application."""
    from openpyxl import load_workbook as load

    from tests.test_printed_layout import printed_park
    apps = tmp_path / "申报表"
    apps.mkdir()
    path = printed_park(apps / "园区.xlsx")
    wb = load(path)
    wb["申报表"]["A5"] = operator
    wb.save(path)
    _code, result = _check(path, capsys)
    assert not _other_forms(result), _other_forms(result)
    assert not [f for f in result["findings"] if "另一份申报内容" in f["message"]]
    assert _refresh(tmp_path, apps, capsys)[0] == 0


def test_the_same_companys_team_form_typed_under_its_enterprise_form_is_said(tmp_path, capsys):
    """One company's 企业 and 团队 forms typed one under the other on one sheet: the enterprise was read and the team
    application (the same 名称) dropped without a word, as a second name was looked for only when it differs. The
    same applicant's form of another type is not read: a FILE_OTHER_FORM error naming the type."""
    enterprise = [[("电商示范企业申报表", 8)], [("填表时间：2024年4月15日", 8)],
                  ["名称", ("安顺黔味文化传媒有限公司", 2), "主管部门", ("安顺市西秀区商务局", 4)],
                  ["地址", ("贵州省安顺市西秀区黄果树大街18号", 7)], ["类型", ("□国有或国有控股企业 ☑民营企业 □其他_____", 7)],
                  ["主要负责人", "姓名", "王明", "职务", "总经理", "手机", ("13985012345", 2)],
                  ["前置条件", "(平台型企业) (2023年1月-2023年12月) 年度交易额", "2600",
                   "万元, (服务类企业) (2023年1月-2023年12月) 年度销售额", None, "万元, (平台型/服务类企业) 年度网络零售额达",
                   "900", "万元"],
                  ["软件及配套", "1. 有小程序、APP 或自媒体公众号", "☑是 □否", "2. 与物流、供应链形成良好合作关系", "☑是 □否"],
                  ["融合发展", "3 线上交易占营业收入 50%以上", "☑是 □否"]]
    path = _forms_on_one_sheet(tmp_path / "两份.xlsx", enterprise, _team_form("安顺黔味文化传媒有限公司"))
    _code, result = _check(path, capsys)
    assert result["type"] == "enterprise", result["type"]
    (found,) = _other_forms(result)
    assert found["severity"] == "error" and "电商直播团队申报表" in found["message"], found
    # one form of one applicant on its sheet is no second application
    assert not _other_forms(_check(_forms_on_one_sheet(tmp_path / "一份.xlsx", _team_form("甲")), capsys)[1])
