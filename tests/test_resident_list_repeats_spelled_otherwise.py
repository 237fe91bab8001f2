"""A company listed twice in one 附件3 under two spellings (有限责任公司 and 有限公司, full-width and half-width brackets) is
one resident (XC_RESIDENT_DUP); the message now gives each row's name as written — it gave the first spelling alone,
which the park searching its list for the second row's name does not find."""
from __future__ import annotations

from shibai_xl.examples import example_residents
from tests.conftest import checked_json, example

NAME, CODE = "企业名称", "统一社会信用代码"


def test_a_repeat_spelled_otherwise_is_said_with_both_spellings(make_workbook, capsys):
    rows = example_residents("park")        # 12 companies
    rows[4][NAME] = "贵州(黔东)物流电子商务有限责任公司"
    rows.append({**rows[4], "序号": 13, NAME: "贵州（黔东）物流电子商务有限公司", CODE: None})
    path = make_workbook("park", example("park"), residents=rows)
    said = [f for f in checked_json(path, capsys)["findings"] if f["code"] == "XC_RESIDENT_DUP"]
    assert len(said) == 1, said
    assert "第10行“贵州(黔东)物流电子商务有限责任公司”、第18行“贵州(黔东)物流电子商务有限公司”" in said[0]["message"], said


def test_a_repeat_spelled_alike_is_said_by_its_rows_alone(make_workbook, capsys):
    rows = example_residents("park")
    rows.append({**rows[4], "序号": 13})
    path = make_workbook("park", example("park"), residents=rows)
    [said] = [f for f in checked_json(path, capsys)["findings"] if f["code"] == "XC_RESIDENT_DUP"]
    assert "出现2次（第10、18行）" in said["message"], said
