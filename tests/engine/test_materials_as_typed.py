"""The 材料清单 as applicants fill it (通知四、申报材料; 三（三）"对未严格按照要求提供相关资料的申报企业不纳入评审环节"):
ticks, words, page numbers, "后补", remarks. Real workbooks made by ``shibai new`` and filled by defined name."""
from __future__ import annotations

import pytest

from shibai_xl.jobs.check_file import check_file
from tests.conftest import all_materials
from tests.libreoffice import convert


def _with_materials(make_workbook, rules, app_type="team", **answers):
    mats = all_materials(rules)
    mats.update(answers)
    return check_file(make_workbook(app_type, materials=mats))


def _finding(r, code, name):
    return next(f for f in r.findings if f.code == code and f.field == name)


@pytest.mark.parametrize("typed,quoted", [("x", "x"), ("×", "×"), ("无", "无"), ("没有", "没有"), (False, "FALSE（否）"),
                                          (0, "0")])
def test_a_no_typed_otherwise_is_quoted_as_typed(make_workbook, rules, typed, quoted):
    """A clerk who marked the 征信 row "x" read "材料清单填写为“否”" — words he never typed: the message quotes what
    the cell holds, and says it was read as 否."""
    r = _with_materials(make_workbook, rules, sb_mat_pbc=typed)
    f = _finding(r, "ELIG_MATERIALS", "sb_mat_pbc")
    assert r.eligible is False
    assert f"填写为“{quoted}”" in f.message and "按“否”" in f.message, f.message


def test_a_plain_no_is_quoted_once(make_workbook, rules):
    f = _finding(_with_materials(make_workbook, rules, sb_mat_pbc="否"), "ELIG_MATERIALS", "sb_mat_pbc")
    assert "填写为“否”" in f.message and "按“否”" not in f.message, f.message


def test_the_message_separates_the_section_from_the_material(make_workbook, rules):
    """"（四）印证材料法人的中国人民银行征信中心查询结果" ran the section's and the material's words together."""
    f = _finding(_with_materials(make_workbook, rules, sb_mat_pbc="否"), "ELIG_MATERIALS", "sb_mat_pbc")
    assert "（四）印证材料“法人的中国人民银行征信中心查询结果”" in f.message, f.message


PAGES = ["见附件3", "详见附件", "见申报书第3页", "第12页", "第3-5页", "P12", "p.12", "P3-P5", "12页", "第12至15页",
         "已提供（盖章）", "已提供，见第5页", "已附，P12", "见PDF第8页", "已提供（加盖公章）"]


@pytest.mark.parametrize("typed", PAGES)
def test_a_page_or_attachment_said_instead_of_a_tick_is_provided(make_workbook, rules, typed):
    """Checklists are filled with where the material is in the bundle (三（一）: all scanned into one PDF in order):
    "第12页", "P12", "见附件3". Each was "无法识别，按未勾选处理" — a warning on every row of a well-kept checklist."""
    r = _with_materials(make_workbook, rules, sb_mat_audit=typed)
    assert r.eligible is True
    assert not [f.message for f in r.findings if f.field == "sb_mat_audit" or f.code == "MAT_MISSING"]


@pytest.mark.parametrize("typed", ["12", "见备注", "第", "已提供否"])
def test_a_bare_number_or_a_pointer_to_nothing_is_still_asked(make_workbook, rules, typed):
    r = _with_materials(make_workbook, rules, sb_mat_audit=typed)
    assert _finding(r, "FIELD_CHOICE", "sb_mat_audit").severity == "warning"


@pytest.mark.parametrize("typed", ["后补", "待补", "暂无", "暂未提供", "正在办理", "办理中", "后补（审计中）", "待提供"])
def test_a_material_said_to_come_later_is_named_not_unreadable(make_workbook, rules, typed):
    """"后补" was "无法识别，按未勾选处理": the tool understood nothing, the clerk understood less. It says the material
    is not yet provided and what 三（三） says happens if it is still missing when the project is recommended; the verdict
    is left as for an unticked item (the material may come before 推荐报送)."""
    r = _with_materials(make_workbook, rules, sb_mat_audit=typed)
    assert r.eligible is True and "FIELD_CHOICE" not in r.codes()
    f = _finding(r, "MAT_MISSING", "sb_mat_audit")
    assert f.severity == "warning" and f"“{typed}”" in f.message and "尚未提供" in f.message, f.message
    assert "三（三）" in f.message and f.cell, f.message
    assert not any("未勾选" in g.message for g in r.findings if g.code == "MAT_MISSING"), r.findings


def test_attached_behind_is_provided(make_workbook, rules):
    r = _with_materials(make_workbook, rules, sb_mat_audit="后附")
    assert not [f.message for f in r.findings if f.field == "sb_mat_audit" or f.code == "MAT_MISSING"]


def test_the_bureaus_paper_to_come_later_is_no_finding(make_workbook, rules):
    r = _with_materials(make_workbook, rules, sb_mat_recommend="后补")
    assert r.eligible is True and not [f.message for f in r.findings if f.field == "sb_mat_recommend"]


def test_words_of_the_credit_check_are_not_a_material_to_come(make_workbook, rules):
    """"暂无失信记录" typed for the 信用中国 screenshot speaks of the record, not of the material coming later."""
    r = _with_materials(make_workbook, rules, sb_mat_credit_china="暂无失信记录")
    assert not any(f.code == "MAT_MISSING" and f.field == "sb_mat_credit_china" for f in r.findings)


def _remarked(make_workbook, rules, name, answer, remark):
    from openpyxl import load_workbook
    path = make_workbook("team", materials={**all_materials(rules), name: answer})
    wb = load_workbook(path)
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    ws = wb[sheet]
    cell = ws[ref.replace("$", "")]
    ws.cell(cell.row, cell.column + 1).value = remark      # the 备注 column right of the answer
    wb.save(path)
    return check_file(path)


@pytest.mark.parametrize("remark", ["后补", "暂未提供", "正在办理中", "审计报告后补"])
def test_a_ticked_material_whose_remark_says_it_comes_later(make_workbook, rules, remark):
    """是 ticked and "后补" in the sheet's own 备注 column: the tick was taken at its word and the material counted as
    provided — the city recommended an application whose 审计报告 the applicant said was still to come."""
    r = _remarked(make_workbook, rules, "sb_mat_audit", "是", remark)
    f = _finding(r, "MAT_MISSING", "sb_mat_audit")
    assert f.severity == "warning" and f"“{remark}”" in f.message and "备注" in f.message, f.message
    assert "三（三）" in f.message and r.eligible is True


@pytest.mark.parametrize("answer", ["是（后补）", "已提供（后补）"])
def test_a_tick_with_to_come_later_in_the_same_cell(make_workbook, rules, answer):
    r = _with_materials(make_workbook, rules, sb_mat_audit=answer)
    assert _finding(r, "MAT_MISSING", "sb_mat_audit").severity == "warning"


@pytest.mark.parametrize("remark", ["见第5页", "原件备查", "2024年3月出具"])
def test_a_ticked_material_with_a_plain_remark_is_provided(make_workbook, rules, remark):
    r = _remarked(make_workbook, rules, "sb_mat_audit", "是", remark)
    assert not [f.message for f in r.findings if f.field == "sb_mat_audit" or f.code == "MAT_MISSING"]


def test_a_copy_said_unstamped_where_the_notice_asks_a_stamp(make_workbook, rules):
    """四（五）: "以上材料须加盖公司公章"; 四（四）: 查询结果 "并加盖公章". A licence copy said to be unstamped is not
    provided as the notice asks; the 申报书 (四（二）) asks no stamp."""
    r = _remarked(make_workbook, rules, "sb_mat_license", "是", "复印件未盖章")
    f = _finding(r, "MAT_MISSING", "sb_mat_license")
    assert f.severity == "warning" and "加盖公章" in f.message and "四（五）" in f.message, f.message
    r = _remarked(make_workbook, rules, "sb_mat_proposal", "是", "未盖章")
    assert not any(f.field == "sb_mat_proposal" for f in r.findings)


@pytest.mark.parametrize("app_type", ["park", "team"])
def test_the_checklist_says_what_the_notice_asks_of_the_papers(tmp_path, rules, app_type):
    """The 材料清单 sheet said only "按通知“四、申报材料”逐项核对": nothing of 四（四）"并加盖公章" and 四（五）"以上材料须加盖
    公司公章" — an applicant ticking every row still sent unstamped copies, which 三（三） keeps out of review — nor that
    the 推荐报告 and the stamped 推荐意见 are the bureaus' to supply."""
    from openpyxl import load_workbook

    from shibai_xl.faces.cli import main
    path = tmp_path / "a.xlsx"
    assert main(["new", app_type, "--out", str(path)]) == 0
    note = load_workbook(path)["材料清单"]["A2"].value
    assert "（四）印证材料、（五）资质类材料须加盖公章" in note, note
    assert "“申报表（市（州）商务主管部门出具明确推荐意见并盖章）”" in note and "申报单位可留空" in note, note
    assert "三（三）" in note, note


def test_a_workbook_without_its_checklist_says_materials_were_not_checked(make_workbook):
    """A form retyped without the 材料清单 sheet (or with it deleted) was 达标 with not a word on the materials, as if
    all were there: 三（三） keeps an application whose papers are missing out of review, so the officer is told
    the tool did not check them."""
    from openpyxl import load_workbook
    path = make_workbook("team")
    wb = load_workbook(path)
    del wb["材料清单"]
    wb.save(path)
    r = check_file(path)
    f = next(f for f in r.findings if f.code == "MAT_MISSING")
    assert f.severity == "info" and "材料清单" in f.message and "未核对" in f.message and "三（三）" in f.message
    assert r.eligible is True


def test_a_checklist_there_is_checked_not_called_missing(make_workbook):
    r = check_file(make_workbook("team"))
    assert not any(f.code == "MAT_MISSING" for f in r.findings)


NOTICE_WORDS = {   # 通知四、申报材料 as a clerk retypes the checklist from the notice
    "sb_mat_recommend": "推荐报告", "sb_mat_proposal": "示范项目申报书", "sb_mat_form": "示范项目申报表",
    "sb_mat_evidence": "印证材料", "sb_mat_credit_china": "信用中国查询结果截图",
    "sb_mat_zxgk": "中国执行信息公开网查询结果", "sb_mat_wenshu": "中国裁判文书网查询结果",
    "sb_mat_pbc": "中国人民银行征信中心查询结果", "sb_mat_license": "营业执照复印件", "sb_mat_icp": "ICP证",
    "sb_mat_audit": "年度电商交易额专项审计报告", "sb_mat_permit": "经营许可证"}


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_checklist_retyped_in_the_notices_words_is_read(make_workbook, rules, tmp_path, fmt):
    """A clerk who retyped the 材料清单 from the notice (四、申报材料: "营业执照", "ICP证", "专项审计报告") and saved it
    without the template's names had none of it read: the 审计报告 answered 否 went unseen."""

    from openpyxl import load_workbook
    path = make_workbook("team", materials={**all_materials(rules), "sb_mat_audit": "否"})
    wb = load_workbook(path)
    for n in list(wb.defined_names):
        del wb.defined_names[n]
    ws = wb["材料清单"]
    for row in range(4, 16):
        m = rules.materials[row - 4]
        ws.cell(row, 1).value = row - 3
        ws.cell(row, 2).value = NOTICE_WORDS[m.name]
    wb.save(path)
    if fmt == "xls":
        path = convert(path, "xls", tmp_path, recalc=False)
    r = check_file(path)
    assert _finding(r, "ELIG_MATERIALS", "sb_mat_audit").cell == "C14"
    assert r.eligible is False
    assert not any(f.code == "MAT_MISSING" for f in r.findings), [f.message for f in r.findings]


@pytest.mark.parametrize("typed", ["√（第5页）", "√ 第5页", "是 P12", "已提供 第3页", "✓见附件", "■", "已提交", "齐全",
                                   "OK", "☑ P8-P10"])
def test_a_tick_followed_by_its_page_is_provided(make_workbook, rules, typed):
    """The tick and the page in one cell, the way a checklist column is filled by hand: "√ 第5页", "是 P12". Each was
    "无法识别，按未勾选处理"."""
    r = _with_materials(make_workbook, rules, sb_mat_audit=typed)
    assert not [f.message for f in r.findings if f.field == "sb_mat_audit" or f.code == "MAT_MISSING"]


@pytest.mark.parametrize("typed", ["是否", "是/否", "√ 否"])
def test_both_answers_or_a_tick_on_no_are_not_provided(make_workbook, rules, typed):
    r = _with_materials(make_workbook, rules, sb_mat_audit=typed)
    assert r.eligible is False or "FIELD_CHOICE" in r.codes()


@pytest.mark.parametrize("typed", ["不 涉 及", "不涉及（无需许可）", "不涉及。", "无（不涉及）", "N/A",
                                   "不适用，本企业无许可类商品"])
def test_not_applicable_with_a_remark_on_the_permit_is_the_allowed_answer(make_workbook, rules, typed):
    """"不涉及（无需许可）" on the 行政许可 (the one material 不涉及 is allowed on, 四（五）"涉及行政许可的") was
    "无法识别，按未勾选处理", and "无（不涉及）" a warning that the licence was not provided."""
    r = _with_materials(make_workbook, rules, sb_mat_permit=typed)
    assert not [f.message for f in r.findings if f.field == "sb_mat_permit" or f.code == "MAT_MISSING"]


def test_not_applicable_with_a_remark_on_a_required_material_is_still_a_no(make_workbook, rules):
    r = _with_materials(make_workbook, rules, sb_mat_audit="不涉及（无电商交易）")
    assert r.eligible is False and "“不涉及（无电商交易）”" in _finding(r, "ELIG_MATERIALS", "sb_mat_audit").message


def test_a_no_with_to_come_later_beside_it_is_a_material_to_come(make_workbook, rules):
    """"否" with "后补" in its 备注 (or "否，后补" in one cell) says what "后补" alone says: not yet provided. It was
    不达标 (ELIG_MATERIALS) where "后补" alone is a warning."""
    r = _remarked(make_workbook, rules, "sb_mat_audit", "否", "审计报告后补")
    assert r.eligible is True and "ELIG_MATERIALS" not in r.codes()
    f = _finding(r, "MAT_MISSING", "sb_mat_audit")
    assert f.severity == "warning" and "尚未提供" in f.message and "“审计报告后补”" in f.message, f.message
    r = _with_materials(make_workbook, rules, sb_mat_audit="否，后补")
    assert r.eligible is True and _finding(r, "MAT_MISSING", "sb_mat_audit").severity == "warning"


def test_a_no_with_any_other_remark_is_still_a_no(make_workbook, rules):
    r = _remarked(make_workbook, rules, "sb_mat_audit", "否", "无法提供审计报告")
    assert r.eligible is False and _finding(r, "ELIG_MATERIALS", "sb_mat_audit")
