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
