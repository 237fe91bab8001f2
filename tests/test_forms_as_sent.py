"""Application forms as applicants really fill and send them (the official 申报表 in Excel or WPS), checked the way
a city clerk receives them: ``shibai check FILE --json``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import TYPE_ERROR

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import rows


def run_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("typed", ["#REF!", "=C16*2", "约三千万"])
def test_an_unreadable_platform_amount_says_the_kind_and_asks_for_no_kind_line(make_workbook, capsys, typed):
    """An enterprise left 企业类别 blank, as the official form has no such line, and filled only the (平台型企业)
    年度交易额 line — but it holds #REF! (pasted from another workbook), a formula saved without its result, or
    "约三千万". The tool said 必填项为空：企业类别 "请在申报表填写" and 企业类别 was missing for the threshold, as if
    neither amount line were filled: the applicant was asked for a line the notice's form does not have instead of
    the figure. The filled line says the kind (平台类), as a readable figure there does: only the figure is asked for."""
    path = make_workbook("enterprise", example("enterprise", sb_enterprise_kind=None))
    wb = load_workbook(path)
    cell = wb["申报表"]["C14"]
    cell.value = typed
    if typed.startswith("#"):
        cell.data_type = TYPE_ERROR
    wb.save(path)
    j = run_json(path, capsys)
    assert j["eligible"] is None
    assert not [f for f in j["findings"] if f["cell"] == "C13" and f["severity"] != "info"], j["findings"]
    assert [f["code"] for f in j["findings"] if f["cell"] == "C13"] == ["ELIG_MISSING"]
    assert "按平台类企业的门槛判断" in next(f["message"] for f in j["findings"] if f["cell"] == "C13")
    assert {"ELIG_MISSING", "FIELD_FORMULA" if typed.startswith("=") else "FIELD_AMOUNT"} <= {
        f["code"] for f in j["findings"] if f["cell"] == "C14"}, j["findings"]


def test_a_slash_in_the_platform_amount_line_says_no_kind(make_workbook, capsys):
    """"/" in the (平台型企业) line, the (服务类企业) line blank: the "/" says the line does not apply, not that the
    enterprise is 平台类 — 企业类别 is still asked for."""
    path = make_workbook("enterprise", example("enterprise", sb_enterprise_kind=None, sb_trade_total="/"))
    j = run_json(path, capsys)
    assert "FIELD_REQUIRED" in {f["code"] for f in j["findings"] if f["cell"] == "C13"}, j["findings"]


def test_a_form_saved_under_another_companys_name_is_said(make_workbook, tmp_path, capsys):
    """The clerk's folder holds “贵州黔东南某某传媒有限公司-直播团队申报表.xlsx”, but the form in it is 安顺黔味直播团队's
    (an agent filling in for several teams saved one over the other's file). check and refresh said nothing of it: the
    summary showed 安顺黔味 as if all were well and 某某传媒's form, never received, was missed by everyone. A warning at
    名称 names both, in the check and in the summary's 问题; a file named after the form's own company (written short,
    or with the city before it, as the notice's upload name has it) says nothing."""
    form = make_workbook("team")
    name = example("team")["sb_name"]
    apps = tmp_path / "申报表"
    apps.mkdir()
    wrong = form.rename(apps / "贵州黔东南某某传媒有限公司-直播团队申报表.xlsx")
    j = run_json(wrong, capsys)
    (said,) = [f for f in j["findings"] if "文件名" in f["message"]]
    assert (said["code"], said["severity"], said["sheet"], said["cell"]) == (
        "FIELD_INCONSISTENT", "warning", "申报表", "C3"), said
    assert "“贵州黔东南某某传媒有限公司”" in said["message"] and name in said["message"], said
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    (row,) = rows(summary)
    assert "FIELD_INCONSISTENT 文件名与申报表名称不符" in row["问题"], row["问题"]
    for fine in ("安顺市安顺黔味文化传媒有限公司2024年十百千万工程示范项目示范直播团队申报资料.xlsx",
                 "安顺黔味传媒有限公司申报表(1).xlsx", "直播团队申报表最终版.xlsx"):
        wrong = wrong.rename(apps / fine)
        assert not [f for f in run_json(wrong, capsys)["findings"] if "文件名" in f["message"]], fine


def test_a_team_named_by_its_brand_in_a_file_named_after_its_company_is_not_said(make_workbook, tmp_path, capsys):
    """A team's 名称 is often its brand, with no company in it; its file named after the company that runs it says
    nothing the form could contradict."""
    form = make_workbook("team", example("team", sb_name="黔味直播团队"))
    path = form.rename(tmp_path / "安顺黔味文化传媒有限公司申报表.xlsx")
    assert not [f for f in run_json(path, capsys)["findings"] if "文件名" in f["message"]]


def test_a_form_saved_as_csv_is_an_application_not_read_not_a_note_left_aside(make_workbook, tmp_path, capsys):
    """企业乙 sent its 申报表 saved by WPS as “CSV（逗号分隔）” (GBK, the 申报表 sheet only). refresh listed it among
    “另有 N 个文件不是 Excel 工作簿，未读取” beside the PDFs, exit 0, the summary looking complete without 企业乙; check
    FOLDER the same. It is an application that cannot be read: a problem file saying why and what to ask for, exit 1."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise").rename(apps / "企业甲.xlsx")
    sheet = load_workbook(make_workbook("enterprise", example("enterprise", sb_name="贵州企业乙电子商务有限公司")),
                          data_only=True)["申报表"]
    lines = [",".join("" if v is None else str(v).replace(",", "，").replace("\n", " ") for v in row)
             for row in sheet.iter_rows(values_only=True)]
    (apps / "企业乙申报表.csv").write_bytes("\r\n".join(lines).encode("gbk"))
    (apps / "企业甲申报书.pdf").write_bytes(b"%PDF-1.4\n")
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 1
    said = capsys.readouterr()
    assert "企业乙申报表.csv：这是电商示范企业申报表另存成的文本文件" in said.out + said.err, said
    problems = [[c.value for c in r] for r in load_workbook(summary)["问题文件"].iter_rows()]
    assert any("企业乙申报表.csv" in str(r) and "另存为 Excel 工作簿" in str(r) for r in problems), problems
    assert main(["check", str(apps), "--json"]) == 1
    got = {x["file"]: x for x in json.loads(capsys.readouterr().out)}
    assert "电商示范企业申报表另存成的文本文件" in got["企业乙申报表.csv"]["error"], got
    assert got["企业甲.xlsx"]["eligible"] is True


def test_the_shown_copy_is_read_when_the_applicant_hid_the_old_form_sheet(make_workbook, tmp_path, capsys):
    """The applicant copied the 申报表 sheet, corrected the copy (“申报表（修改）”: 交易额 3100, 网络零售额 1200) and hid
    the old one. Everyone who opens or prints the file sees the copy only; the tool read the hidden old sheet (2600)
    and said “本次读取的是“申报表”表” — a sheet the clerk cannot see. The shown copy is read, and the hidden one is
    said (FILE_OTHER_FORM, a warning for the same applicant) with 隐藏 in its words."""
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    copy = wb.copy_worksheet(wb["申报表"])
    copy.title = "申报表（修改）"
    copy["C14"], copy["C16"] = 3100, 1200
    wb.move_sheet(copy, -(len(wb.sheetnames) - 1))
    wb.active = wb.sheetnames.index("申报表（修改）")
    wb["申报表"].sheet_state = "hidden"
    apps = tmp_path / "申报表"
    apps.mkdir()
    wb.save(apps / "企业.xlsx")
    j = run_json(apps / "企业.xlsx", capsys)
    (said,) = [f for f in j["findings"] if f["code"] == "FILE_OTHER_FORM"]
    assert (said["severity"], said["sheet"]) == ("warning", "申报表"), said
    assert "“申报表”（隐藏）" in said["message"] and "本次读取的是“申报表（修改）”表" in said["message"], said
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    (row,) = rows(summary)
    assert (row["年度交易额（万元）"], row["年度网络零售额（万元）"]) == (3100, 1200), row


@pytest.mark.parametrize("typed", ["是 见附件", "☑是 □否（见附件）", "有 见合作协议"])
def test_a_yes_with_a_remark_after_a_space_or_after_the_boxes_is_a_yes(make_workbook, capsys, typed):
    """“是 见附件” (the remark after a space, as “是，见附件” was read), “☑是 □否（见附件）” (the printed boxes with a remark
    in brackets after them): FIELD_CHOICE error “应填“是”或“否”” and 0 of the item's 15 points, where a reviewer reads
    是. Read as 是 with its remark; “是 否” and both boxes ticked stay no answer."""
    path = make_workbook("enterprise", example("enterprise", sb_logistics_coop=typed))
    j = run_json(path, capsys)
    assert not [f for f in j["findings"] if f["cell"] == "C19"], j["findings"]
    assert next(i for i in j["score"]["items"] if i["id"] == "1.1.2")["auto"] == 15


@pytest.mark.parametrize("typed,said", [("是 否", "应填“是”或“否”"), ("☑是 ☑否（见附件）", "都勾选了")])
def test_both_answers_with_a_remark_stay_no_answer(make_workbook, capsys, typed, said):
    path = make_workbook("enterprise", example("enterprise", sb_logistics_coop=typed))
    (f,) = [f for f in run_json(path, capsys)["findings"] if f["cell"] == "C19"]
    assert f["code"] == "FIELD_CHOICE" and said in f["message"], f


@pytest.mark.parametrize("start,end", [("2023年1月初", "2023年12月底"), ("2023年1月", "2023年12月末")])
def test_a_period_ending_at_the_months_end_in_words_is_that_month(make_workbook, capsys, start, end):
    """统计期止 typed “2023年12月底” (the period's end as people say it): FIELD_DATE error “无法识别的日期格式” and
    前置条件 待定 for want of a 统计期, where a reviewer reads December 2023."""
    path = make_workbook("enterprise", example("enterprise", sb_period_start=start, sb_period_end=end))
    j = run_json(path, capsys)
    assert not [f for f in j["findings"] if f["cell"] in ("C11", "C12")], j["findings"]
    assert j["eligible"] is True


def test_a_material_left_unticked_whose_remark_says_provided_is_provided_and_said_at_its_cell(make_workbook, rules,
                                                                                              capsys):
    """The 审计报告 line of the 材料清单: “是否提供” left blank, the 备注 beside it “已提供，见第12页”. The tool said
    “材料清单有1项未勾选” with no cell, as if nothing were written. Read as a reviewer reads it — provided — and said at
    the cell, asking for the 是; a 备注 without that (“无”) leaves the line unticked, said at its cell now too."""
    for remark, provided in (("已提供，见第12页", True), ("无", False)):
        materials = {m.name: ("不涉及" if m.not_applicable else "是") for m in rules.materials}
        materials["sb_mat_audit"] = None
        path = make_workbook("enterprise", materials=materials)
        wb = load_workbook(path)
        sheet, ref = next(iter(wb.defined_names["sb_mat_audit"].destinations))
        cell = wb[sheet][ref.replace("$", "")]
        wb[sheet].cell(cell.row, cell.column + 1).value = remark
        wb.save(path)
        said = [f for f in run_json(path, capsys)["findings"] if f["code"] == "MAT_MISSING"]
        assert len(said) == 1, said
        if provided:
            assert (said[0]["sheet"], said[0]["cell"]) == (sheet, cell.coordinate), said
            assert "备注写“已提供，见第12页”，按已提供处理" in said[0]["message"], said
        else:   # one line unticked: said at its cell too (it had none)
            assert "未勾选" in said[0]["message"] and said[0]["cell"] == cell.coordinate, said


def test_the_performance_text_typed_under_its_label_is_read(tmp_path, capsys):
    """A form retyped by hand with the 补充信息 items as label, then answer on the next row: every item was read but
    企业运营情况及主要业绩 — labelled as 附件4 heads it, without the form's “（不少于150字）” — said 必填项为空 though
    its text stood right under it. That label is the item's as well."""
    from tests.test_handtyped_forms import typed_base

    text = "本基地依托红色文化资源，" * 15
    path = typed_base(tmp_path / "基地.xlsx", extra=[["企业运营情况及主要业绩"], [text]])
    j = run_json(path, capsys)
    said = [f for f in j["findings"] if "运营情况" in f["message"]]
    assert not said, said


def test_supplementary_items_asked_as_questions_or_with_their_word_count_are_read(tmp_path, capsys):
    """The 补充信息 items retyped as questions — “信用记录是否良好”, “财务制度是否健全” — and the performance text labelled
    “运营情况及主要业绩（不少于150字）”, each answered on the row under: none was found (ELIG_CREDIT 未确认, 必填项为空),
    though the applicant had answered all three."""
    from tests.test_handtyped_forms import typed_base

    extra = [["信用记录是否良好"], ["是"], ["财务制度是否健全"], ["是"], ["运营情况及主要业绩（不少于150字）"],
             ["本基地依托红色文化资源，" * 15]]
    j = run_json(typed_base(tmp_path / "基地.xlsx", extra=extra), capsys)
    said = [f for f in j["findings"] if f["code"] in ("ELIG_CREDIT", "FIELD_REQUIRED")
            and any(w in f["message"] for w in ("信用记录", "财务制度", "运营情况"))]
    assert not said, said
