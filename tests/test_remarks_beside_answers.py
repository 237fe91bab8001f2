"""A remark typed in the cell right of a 是/否 answer instead of in brackets after it ("是 | 带宽50M" for 附件2 园区
item 2 "带宽不低于100Mbps"): the same remark as "是（带宽50M）" (year file's [consistency].remark_claims), its cell
quoted in the reason — and only a cell that is clearly that answer's remark (the template's own words, another
question's label or answer, a 填报说明 text, "/" or "无" are no remark)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.view import FileBook
from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine import fields as F
from shibai_xl.engine.check import check
from shibai_xl.engine.values import parse_values
from tests.conftest import example
from tests.test_forms_as_filled import item, run_json
from tests.test_real_applications import values_only_copy


def _beside(path: Path, remarks: dict[str, object], offset: int = 1) -> Path:
    """The template filled, then remarks typed ``offset`` cells right of the answers (the sheet unprotected)."""
    wb = load_workbook(path)
    for name, remark in remarks.items():
        cell = named_cell(wb, name)
        cell.parent.cell(cell.row, cell.column + offset, remark)
    wb.save(path)
    return path


def _park(make_workbook, remarks: dict[str, object], **values) -> Path:
    return _beside(make_workbook("park", example("park", **{"sb_bandwidth_100m": "是", **values})), remarks)


def test_a_yes_whose_remark_in_the_next_cell_gives_a_figure_below_the_question_earns_nothing(make_workbook, capsys):
    """"是 | 带宽50M": the applicant's own 50Mbps does not meet 带宽不低于100Mbps (附件5 1.1.2), exactly as "是（带宽50M）";
    it earned the full 5 points without a word. The reason and the warning quote the remark and its cell."""
    j = run_json(_park(make_workbook, {"sb_bandwidth_100m": "带宽50M"}), capsys)
    it = item(j, "1.1.2")
    assert it["auto"] == 0 and "50Mbps" in it["reason"] and "D21" in it["reason"] and "带宽50M" in it["reason"], it
    assert "同一格" not in it["reason"], it
    found = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert len(found) == 1 and found[0]["severity"] == "warning", j["findings"]
    assert "申报表!D21" in found[0]["message"] and "带宽50M" in found[0]["message"], found
    assert found[0]["cell"] == "C21", found


@pytest.mark.parametrize("field,remark", [("sb_finance_coop", "授信8万"), ("sb_talent_policy", "每年培训4次"),
                                          ("sb_staff_50", "员工共32人")])
def test_every_remark_claim_reads_the_remark_beside_its_answer(make_workbook, capsys, field, remark):
    j = run_json(_park(make_workbook, {field: remark}, **{field: "是"}), capsys)
    assert any(remark in f["message"] for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"), j["findings"]


@pytest.mark.parametrize("remark", ["/", "无", "／", "见附件", "带宽1000M", 100])
def test_an_empty_or_meeting_remark_beside_a_yes_keeps_its_points(make_workbook, capsys, remark):
    j = run_json(_park(make_workbook, {"sb_bandwidth_100m": remark}), capsys)
    assert item(j, "1.1.2")["auto"] == item(j, "1.1.2")["max"], item(j, "1.1.2")
    assert not [f for f in j["findings"] if f["code"] in ("FIELD_INCONSISTENT", "FIELD_CHOICE")], j["findings"]


def test_a_no_whose_remark_beside_it_meets_the_question_is_warned(make_workbook, capsys):
    j = run_json(_park(make_workbook, {"sb_bandwidth_100m": "光纤1000M"}, sb_bandwidth_100m="否"), capsys)
    found = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert len(found) == 1 and "已达到100Mbps" in found[0]["message"] and "D21" in found[0]["message"], found


@pytest.mark.parametrize("text", ["请填写“是”或“否”，带宽不低于100Mbps的填“是”", "注：带宽需达到100Mbps以上",
                                  "带宽不低于100Mbps", "填报说明：1000M以上填是"])
def test_an_instruction_or_the_questions_own_label_beside_a_no_is_no_remark(make_workbook, capsys, text):
    """A 填报说明 typed beside the answer, or the question's label repeated there, repeats the printed figure: no
    remark of the applicant's saying the 否 is wrong."""
    j = run_json(_park(make_workbook, {"sb_bandwidth_100m": text}, sb_bandwidth_100m="否"), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


@pytest.mark.parametrize("app_type", ["park", "base", "enterprise", "team"])
def test_the_templates_own_cells_are_never_read_as_a_remark(make_workbook, rules, app_type):
    """The template's units, hints (补充信息 "附件5评分项；填写后按此评分…") and labels beside its answers, every
    是/否 question answered."""
    answered = {f.name: "是" for f in rules.fields_for(app_type) if f.kind == F.YESNO}
    app = read_application(make_workbook(app_type, example(app_type, **answered)))
    assert not [(n, f.remark) for n, f in app.raw.items() if f.remark is not None]


def test_a_remark_beyond_another_cell_or_before_more_of_the_row_is_not_the_answers(make_workbook, capsys):
    """Only the cell right of the answer (past blanks) holding the last words of its row is the answer's remark: a
    remark followed by more cells on the row (another question typed beside it) is not clearly this answer's."""
    path = _park(make_workbook, {"sb_bandwidth_100m": "带宽50M"})
    wb = load_workbook(path)
    wb["申报表"]["E21"] = "2. 有公共直播间"
    wb.save(path)
    j = run_json(path, capsys)
    assert item(j, "1.1.2")["auto"] == item(j, "1.1.2")["max"], item(j, "1.1.2")


def test_a_remark_merged_over_the_rows_of_two_answers_is_neither_ones(make_workbook, capsys):
    path = _park(make_workbook, {"sb_bandwidth_100m": "带宽50M"})
    wb = load_workbook(path)
    ws = wb["申报表"]
    ws["D20"], ws["D21"] = "带宽50M", None
    ws.merge_cells("D20:D21")
    wb.save(path)
    j = run_json(path, capsys)
    assert item(j, "1.1.2")["auto"] == item(j, "1.1.2")["max"], item(j, "1.1.2")


def test_a_remark_beside_an_answer_with_its_own_remark_leaves_the_own_remark_deciding(make_workbook, capsys):
    j = run_json(_park(make_workbook, {"sb_bandwidth_100m": "带宽50M"}, sb_bandwidth_100m="是（1000M光纤）"), capsys)
    assert item(j, "1.1.2")["auto"] == item(j, "1.1.2")["max"], item(j, "1.1.2")


def test_a_form_pasted_as_values_reads_the_remark_beside_the_answer(make_workbook, tmp_path):
    """Values pasted into a new workbook: the answers found by their labels, the remark right of the answer."""
    path = values_only_copy(_park(make_workbook, {"sb_bandwidth_100m": "带宽50M"}), tmp_path / "粘贴.xlsx")
    app = read_application(path)
    assert app.raw["sb_bandwidth_100m"].remark == "带宽50M", app.raw["sb_bandwidth_100m"]
    score = check(app).score
    assert next(i for i in score.items if i.id == "1.1.2").auto == 0


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_an_xls_or_ods_copy_reads_the_remark_beside_the_answer(make_workbook, tmp_path, fmt):
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    path = _park(make_workbook, {"sb_bandwidth_100m": "带宽50M"})
    copy = convert(Path(shutil.copy(path, tmp_path / "园区.xlsx")), fmt, tmp_path / "out")
    app = read_application(copy)
    values = parse_values(app)
    assert values.remarks.get("sb_bandwidth_100m") == "带宽50m", app.raw["sb_bandwidth_100m"]
    assert next(i for i in check(app).score.items if i.id == "1.1.2").auto == 0



@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_an_xls_or_ods_copy_knows_a_remark_merged_over_two_answers_is_neither_ones(make_workbook, capsys, tmp_path,
                                                                                    rules, fmt):
    """"授信8万元" merged over the rows of items 9 and 10 (D33:D34) is neither answer's remark in the .xlsx; saved as
    .xls/.ods the merge is there still, so item 9 (授信额不低于10万, 附件5 1.2.1) keeps its points there too, rather
    than the top row's answer taking the remark."""
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    path = _park(make_workbook, {}, sb_finance_coop="是")
    wb = load_workbook(path)
    ws = wb["申报表"]
    ws["D33"] = "授信8万元"
    ws.merge_cells("D33:D34")
    wb.save(path)
    before = run_json(path, capsys)
    copy = convert(Path(shutil.copy(path, tmp_path / "园区.xlsx")), fmt, tmp_path / "out")
    j = run_json(copy, capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]
    assert j["score"]["auto"] == before["score"]["auto"], (j["score"], before["score"])
    assert read_application(copy).raw["sb_finance_coop"].remark is None
    with FileBook(copy) as view:   # the saved copy as the add-ins' 检查本申报表 reads it
        assert view.read_application(rules).raw["sb_finance_coop"].remark is None


@pytest.mark.parametrize("app_type,field,answer,remark,item_id,figure", [
    ("park", "sb_live_rooms", 12, "其中公共直播间9间", "1.1.3", "9间"),
    ("base", "sb_anchors", 25, "签约主播8人", "2.1.1", "8人")])
def test_a_count_whose_remark_past_its_unit_gives_the_part_is_scored_on_the_part(make_workbook, capsys, app_type, field,
                                                                                 answer, remark, item_id, figure):
    """"12 | 间 | 其中公共直播间9间" is "12（其中公共直播间9间）": 附件5 园区 1.1.3 asks 公共直播间不少于10个, 基地 2.1.1
    签约主播不少于10人; the remark typed past the printed unit was not read and the item earned its points on the whole."""
    path = _beside(make_workbook(app_type, example(app_type, **{field: answer})), {field: remark}, offset=2)
    j = run_json(path, capsys)
    it = item(j, item_id)
    assert it["auto"] == 0 and figure in it["reason"] and remark in it["reason"], it
    assert "答案右边" in it["reason"] or "格的备注" in it["reason"], it


@pytest.mark.parametrize("remark", ["见照片", "其中公共直播间12间", "/"])
def test_a_count_whose_remark_beside_it_gives_no_smaller_part_keeps_its_points(make_workbook, capsys, remark):
    path = _beside(make_workbook("park", example("park", sb_live_rooms=12)), {"sb_live_rooms": remark}, offset=2)
    j = run_json(path, capsys)
    assert item(j, "1.1.3")["auto"] == item(j, "1.1.3")["max"], item(j, "1.1.3")


def test_the_printed_unit_of_a_count_is_no_remark(make_workbook, rules):
    """Every count of every form answered: the unit the template prints beside it (间, 个, 家) is never its remark."""
    for app_type in ("park", "base", "enterprise", "team"):
        app = read_application(make_workbook(app_type, example(app_type)))
        assert not [(n, f.remark) for n, f in app.raw.items() if f.remark is not None], app_type


def test_a_comment_on_the_answer_cell_is_no_remark(make_workbook, capsys):
    """A 批注 on the answer cell is not the applicant's remark: the sealed paper form (通知 三（三）, 申报资料纸质版)
    does not print it, a 市（州） reviewer's or this tool's own 批注 (check --write) looks the same, and the add-ins
    do not send comments (README: 答案后面写了数字的). "是" with the comment "带宽50M" keeps 1.1.2's points."""
    from openpyxl.comments import Comment

    path = _park(make_workbook, {})
    wb = load_workbook(path)
    named_cell(wb, "sb_bandwidth_100m").comment = Comment("带宽50M", "张三")
    wb.save(path)
    j = run_json(path, capsys)
    assert item(j, "1.1.2")["auto"] == item(j, "1.1.2")["max"], item(j, "1.1.2")
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]


def test_a_count_typed_in_its_printed_line_reads_the_remark_past_the_unit(make_workbook, capsys, tmp_path):
    """Values pasted into a new workbook, "3. 有直播间 12 间" typed in the label cell (the answer cell left blank),
    the printed 间 kept, the remark after it: read as the remark of "12间", as "带宽不低于100Mbps 是 | 带宽50M" is for
    a 是/否 answer."""
    path = values_only_copy(make_workbook("park", example("park", sb_live_rooms=12)), tmp_path / "粘贴.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    row = next(c.row for c in ws["B"] if c.value == "3. 有直播间")
    ws.cell(row, 2, "3. 有直播间 12 间")
    ws.cell(row, 3).value = None
    ws.cell(row, 5, "其中公共直播间9间")
    wb.save(path)
    j = run_json(path, capsys)
    assert item(j, "1.1.3")["auto"] == 0 and "9间" in item(j, "1.1.3")["reason"], item(j, "1.1.3")


@pytest.mark.parametrize("text", ["8. 带动农产品销售额是否达50万元", "签约主播是否达5人？"])
def test_another_question_typed_beside_an_answer_is_no_remark(make_workbook, capsys, text):
    """A hand-typed form with two questions on a row, the second worded its own way ("…是否达50万元") and not yet
    answered: that question beside the 粉丝数100万以上 是 is no remark of the applicant's saying 50万 fans."""
    path = _beside(make_workbook("team", example("team", sb_fans_1m="是")), {"sb_fans_1m": text})
    j = run_json(path, capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"], j["findings"]
