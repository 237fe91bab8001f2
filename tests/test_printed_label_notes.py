"""The 申报表 retyped with the labels people write: a note in brackets after the printed words ("名称（全称）",
"企业名称（盖章）", "统一社会信用代码（18位）"), the phone asked for as "手机号码" or "联系人电话". No defined names."""
from __future__ import annotations

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_inline_answers import _book, _team


def _rows(**relabel):
    """The team form of test_printed_inline_answers with some labels (first cells) retyped, and their answers."""
    rows = []
    for row in _team({}, ["成立日期", "2022年6月1日"]):
        new = relabel.get(row[0]) if row else None
        rows.append(new(list(row)) if callable(new) else [new, *row[1:]] if new else row)
    return rows


def test_a_label_with_a_note_in_brackets_is_its_label(tmp_path):
    for label in ("名称（全称）", "名称(全称)：", "单位名称（盖章）", "名称（加盖公章）"):
        rows = _rows(**{"名称": label, "统一社会信用代码": "统一社会信用代码（18位）"})
        result = check(read_application(_book(tmp_path / "团队.xlsx", rows)))
        assert result.values["sb_name"] == "安顺黔味文化传媒有限公司", label
        assert result.values["sb_uscc"] == "91520402MA6J8N5P2W"
        assert not [f for f in result.findings if f.code == "FIELD_REQUIRED"], label


def test_the_name_with_a_note_answered_after_its_colon(tmp_path):
    rows = _rows(名称=lambda r: ["名称（全称）：安顺黔味文化传媒有限公司", None, *r[2:]])
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert app.value("sb_name") == "安顺黔味文化传媒有限公司"


def test_the_contacts_phone_under_the_words_people_label_it_with(tmp_path):
    for label in ("手机号码", "手机", "联系人手机", "联系人电话", "联系手机", "电话"):
        rows = _rows(联系电话=lambda r, lab=label: [lab, "+86 139-0851-0002"])
        app = read_application(_book(tmp_path / "团队.xlsx", rows))
        assert app.value("sb_contact_phone") == "+86 139-0851-0002", label
        assert check(app).values["sb_contact_phone"] == "13908510002", label
        assert app.value("sb_leader_mobile") == "13908510001", label   # the leader's 手机 stays his


def test_the_leaders_mobile_labelled_as_people_do_and_a_blank_title_before_it(tmp_path):
    for label in ("手机号码", "移动电话", "联系电话"):
        rows = _rows(主要负责人=lambda r, lab=label: [*r[:5], lab, "139 0851 0001"])
        app = read_application(_book(tmp_path / "团队.xlsx", rows))
        assert app.value("sb_leader_mobile") == "139 0851 0001", label
        assert app.value("sb_contact_phone") == "0851-88552573", label    # the 补充信息's own 联系电话
        blank = _rows(主要负责人=lambda r, lab=label: [*r[:3], "职务", None, lab, "13908510001"])
        app = read_application(_book(tmp_path / "团队.xlsx", blank))
        assert app.value("sb_leader_title") is None and app.value("sb_leader_mobile") == "13908510001", label


def test_a_mobile_label_elsewhere_is_not_the_contacts_phone(tmp_path):
    """No phone under 联系人: the leader's 手机 on the form is not taken for it."""
    rows = [r for r in _rows() if not (r and r[0] == "联系电话")]
    app = read_application(_book(tmp_path / "团队.xlsx", rows))
    assert app.value("sb_contact_phone") is None and app.value("sb_leader_mobile") == "13908510001"


def test_the_form_behind_an_instructions_sheet_is_read_from_the_form(tmp_path):
    """A 填表说明 sheet first, naming the labels with what to write ("填表时间：填写提交日期", "名称 | 填写营业执照上
    的全称"): the answers are the form's, not the instructions."""
    for notes in ([["填表说明"], ["1. 填表时间：填写提交日期"], ["2. 名称：填写营业执照上的全称"]],
                  [["填表说明"], ["填表时间", "填写提交日期"], ["名称", "填写营业执照上的全称"], ["主管部门", "填写县级商务部门"],
                   ["成立日期", "按营业执照填写"]]):
        path = _book(tmp_path / "团队.xlsx", [], [("申报表", _rows())])
        from openpyxl import load_workbook
        wb = load_workbook(path)
        wb.active.title = "填表说明"
        for row in notes:
            wb.active.append(row)
        wb.save(path)
        result = check(read_application(path))
        assert result.values["sb_fill_date"].isoformat() == "2024-04-15", notes
        assert result.values["sb_name"] == "安顺黔味文化传媒有限公司" and result.values["sb_authority"] == "安顺市西秀区商务局"
        assert result.values["sb_established"].isoformat() == "2022-06-01" and result.eligible is True


def test_a_second_application_copied_beside_the_form_is_said(tmp_path):
    """A clerk pasted two applications side by side into one sheet: the left one is read, and the message says the
    other one is there and was not read (it was dropped without a word)."""
    rows = _rows()
    other = [["安顺另一家传媒有限公司" if v == "安顺黔味文化传媒有限公司" else v for v in r] for r in rows]
    path = _book(tmp_path / "团队.xlsx", [[*a, *[None] * (10 - len(a)), *b] for a, b in zip(rows, other)])
    result = check(read_application(path))
    assert result.values["sb_name"] == "安顺黔味文化传媒有限公司"
    said = next(f.message for f in result.findings if f.code == "FILE_LABELS")
    assert "安顺另一家传媒有限公司" in said and "未读取" in said and "L3" in said, said
    alone = check(read_application(_book(tmp_path / "一份.xlsx", rows)))
    assert "未读取" not in next(f.message for f in alone.findings if f.code == "FILE_LABELS")
