"""An expert's 评分表 returned saved as text (WPS/Excel 另存为 “CSV（逗号分隔）”, LibreOffice's Text CSV): one sheet's
values, no hidden review information — said as his file whose scores cannot be read, never as a stranger's file next
to “未提交”."""
from __future__ import annotations

import shutil

import pytest

from shibai_xl.faces.cli import main

from .test_review import sheet_values
from .test_review_returned_books import issued  # noqa: F401 (the fixture)


@pytest.mark.parametrize("suffix", [".csv", ".txt"])
def test_a_book_returned_saved_as_csv_is_said_to_be_his_and_unreadable(issued, tmp_path, capsys, suffix):  # noqa: F811
    """丙 saved his filled book as CSV and mailed that: collect said “未提交：丙” and, apart, “已忽略（不是本轮专家评分表）：
    专家评分表-丙.csv” — the clerk holding 丙's returned file is told he sent nothing. It now says 丙 returned a text
    file whose scores cannot be read (saved as text, the review information is gone) and asks for the workbook."""
    from tests.libreoffice import convert

    d = tmp_path / "第一轮"
    shutil.copytree(issued[0], d)
    text = convert(d / "专家评分表-丙.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv")
    (d / "专家评分表-丙.xlsx").unlink()
    shutil.copy(text, d / f"专家评分表-丙{suffix}")
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    said = capsys.readouterr().out.replace("\n", "")
    want = f"专家丙交回的“专家评分表-丙{suffix}”是文本文件"
    assert want in said and "其中的评分无法读取" in said and "专家评分表-丙.xlsx" in said, said
    assert "已忽略（不是本轮专家评分表）" not in said, said
    notes = [str(v) for row in sheet_values(out, "评审说明") for v in row if v]
    assert any(want in n for n in notes), notes
