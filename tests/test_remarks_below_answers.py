"""A remark typed in a row inserted under a 是/否 answer ("是", then on the next row "2023年举办培训4次"): 附件2 prints
every item on a line of its own, its answer after its words, so a row under an answer holding no answer, no label, no
band heading of the form is that answer's remark, read as "是（2023年举办培训4次）" is (year file's remark_claims);
the next item's row (its label, its answer) never is."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine import fields as F
from tests.conftest import example
from tests.test_forms_as_filled import item, run_json
from tests.test_real_applications import values_only_copy


def _row_under(path: Path, label: str, text: str | None, col: int = 3) -> Path:
    """A row inserted under the answer of the item printed as ``label`` (its words start so), ``text`` typed in
    column ``col`` of it (B: the label column, C: under the answer, D: beside it)."""
    wb = load_workbook(path)
    ws = wb.active
    row = next(c.row for c in ws["B"] if str(c.value or "").startswith(label))
    ws.insert_rows(row + 1)
    if text is not None:
        ws.cell(row + 1, col, text)
    wb.save(path)
    return path


def _pasted(make_workbook, tmp_path: Path, app_type: str, **values) -> Path:
    """The form filled, then pasted as values into a new workbook: rows can be inserted (the names are gone)."""
    return values_only_copy(make_workbook(app_type, example(app_type, **values)), tmp_path / f"{app_type}粘贴.xlsx")


@pytest.mark.parametrize("col,text", [(2, "其中：2023年举办培训4次"), (3, "2023年举办培训4次"), (4, "2023年举办培训4次")])
def test_a_yes_whose_remark_in_the_row_below_gives_a_figure_below_the_question_earns_nothing(make_workbook, capsys,
                                                                                           tmp_path, col, text):
    """园区 item 10 "每年电商相关培训不少于5次" answered 是 with "2023年举办培训4次" on the row under it: it earned the
    full 5 points of 附件5 2.2.2 without a word; it earns 0, the reason and the warning quote the remark and its cell."""
    path = _row_under(_pasted(make_workbook, tmp_path, "park", sb_talent_policy="是"), "10. 建立", text, col)
    j = run_json(path, capsys)
    it = item(j, "2.2.2")
    assert it["auto"] == 0 and "4次" in it["reason"] and "答案下一行" in it["reason"] and text in it["reason"], it
    found = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert len(found) == 1 and f"{'BCD'[col - 2]}35" in found[0]["message"] and found[0]["cell"] == "C34", found


def test_a_no_whose_remark_in_the_row_below_meets_the_question_is_warned(make_workbook, capsys, tmp_path):
    path = _row_under(_pasted(make_workbook, tmp_path, "park", sb_talent_policy="否"), "10. 建立", "每年培训6次，每次60人")
    found = [f for f in run_json(path, capsys)["findings"] if f["code"] == "FIELD_INCONSISTENT"]
    assert len(found) == 1 and "已达到" in found[0]["message"], found


def test_a_count_whose_remark_in_the_row_below_gives_the_part_is_scored_on_the_part(make_workbook, capsys, tmp_path):
    """"12 间", then "其中公共直播间9间": 附件5 1.1.3 asks 公共直播间不少于10个."""
    path = _row_under(_pasted(make_workbook, tmp_path, "park", sb_live_rooms=12), "3. 有直播间", "其中公共直播间9间")
    it = item(run_json(path, capsys), "1.1.3")
    assert it["auto"] == 0 and "9间" in it["reason"], it


def test_a_teams_remark_in_the_row_below_is_read(make_workbook, capsys, tmp_path):
    path = _row_under(_pasted(make_workbook, tmp_path, "team", sb_fans_1m="是", sb_fans=...), "粉丝数", "抖音粉丝80万")
    it = item(run_json(path, capsys), "2.1.2")
    assert it["auto"] == 0 and "80万" in it["reason"], it


def test_an_ods_copy_reads_the_remark_in_the_row_below(make_workbook, tmp_path):
    from tests.libreoffice import convert, need_soffice

    need_soffice()
    path = _row_under(_pasted(make_workbook, tmp_path, "park", sb_talent_policy="是"), "10. 建立", "2023年举办培训4次")
    copy = convert(Path(shutil.copy(path, tmp_path / "园区.xlsx")), "ods", tmp_path / "out")
    assert read_application(copy).raw["sb_talent_policy"].remark == "2023年举办培训4次"


@pytest.mark.parametrize("app_type", ["park", "base", "enterprise", "team"])
def test_the_next_items_row_or_a_band_heading_under_an_answer_is_no_remark(make_workbook, rules, tmp_path, app_type):
    """Every 是/否 answered, in the template and pasted as values: the row under an answer is the next item's (its
    label and answer), a band heading ("企业运营", "发展潜力", "附加项") or the 审核意见 box, never a remark."""
    answered = {f.name: "是" for f in rules.fields_for(app_type) if f.kind == F.YESNO}
    path = make_workbook(app_type, example(app_type, **answered))
    for book in (path, values_only_copy(path, tmp_path / "粘贴.xlsx")):
        app = read_application(book)
        assert not [(n, f.remark_cell, f.remark) for n, f in app.raw.items() if f.remark is not None], book


def test_the_next_items_label_with_its_answer_blank_is_no_remark(make_workbook, capsys, tmp_path):
    """Item 11 "每年孵化电商企业____家" left blank under item 10's 是: its label is not item 10's remark."""
    path = _pasted(make_workbook, tmp_path, "park", sb_talent_policy="是", sb_incubated=..., sb_incubation_rate=...)
    assert read_application(path).raw["sb_talent_policy"].remark is None


def test_a_row_below_holding_more_than_one_cell_is_no_remark(make_workbook, tmp_path):
    """Two cells on the inserted row ("2023年培训4次" | "见附件"): not clearly this answer's, as beside it."""
    path = _row_under(_pasted(make_workbook, tmp_path, "park", sb_talent_policy="是"), "10. 建立", "2023年培训4次", 3)
    wb = load_workbook(path)
    wb.active["D35"] = "另一项"
    wb.save(path)
    assert read_application(path).raw["sb_talent_policy"].remark is None


def test_the_next_items_label_in_the_clerks_own_words_is_no_remark(make_workbook, tmp_path):
    """Item 10 retyped in a clerk's words ("10、人才政策和培训情况"), its answer left blank, under item 9's 是: no label
    of the form, yet numbered as the form numbers its items — the next item, not item 9's remark."""
    path = _pasted(make_workbook, tmp_path, "park", sb_finance_coop="是", sb_talent_policy=...)
    wb = load_workbook(path)
    ws = wb.active
    for text in ("10、人才政策和培训情况", "（10）人才政策", "10. 人才"):
        row = next(c.row for c in ws["B"] if str(c.value or "").startswith(("10", "（10")))
        ws.cell(row, 2, text)
        wb.save(path)
        assert read_application(path).raw["sb_finance_coop"].remark is None, text
