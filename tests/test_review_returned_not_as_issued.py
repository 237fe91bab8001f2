"""Expert workbooks returned otherwise than as issued — zipped (as a mail client or a chat tool packs an attachment),
copied into a Word document, renamed and unreadable: the real round, the file put in the round folder as the clerk
saves the attachment, the real ``shibai review collect``."""
from __future__ import annotations

import shutil
import zipfile

import pytest

from .test_review import scored_round, sheet_values


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    return scored_round(tmp_path_factory.mktemp("zipped"))


@pytest.mark.parametrize("archive", ["专家评分表-丙.zip", "丙-已评.rar"])
def test_a_workbook_returned_zipped_is_said_to_be_the_experts_not_a_stranger_file(issued, tmp_path, archive, capsys):
    """丙 sent his workbook inside a zip: collect listed it under “已忽略（不是本轮专家评分表）” — the clerk, holding
    丙's returned file, is told it is no 评分表 of this round. It is now said as 丙's, packed, to be unpacked (exit 1,
    his scores not counted, as for a PDF he sent)."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued, d)
    book = d / "专家评分表-丙.xlsx"
    with zipfile.ZipFile(d / archive, "w") as z:
        z.write(book, book.name)
    book.unlink()
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    said = capsys.readouterr().out.replace("\n", "")
    want = f"专家丙交回的“{archive}”是压缩包，其中的评分表没有读取，未计入。请解压到评审文件夹后重新汇总"
    assert want in said, said
    assert "不是本轮专家评分表" not in said, said
    notes = [str(v) for row in sheet_values(out, "评审说明") for v in row if v]
    assert any(want in n for n in notes), notes


@pytest.mark.parametrize("returned", ["专家评分表-丙.docx", "丙评分.wps"])
def test_scores_returned_in_a_word_document_are_said_to_be_the_experts(issued, tmp_path, returned, capsys):
    """丙 copied his scores into a Word (WPS 文字) document and sent that instead of the workbook: collect said
    “未提交：丙” and “已忽略（不是本轮专家评分表）：专家评分表-丙.docx”, as it did for a PDF before. It is now said as
    丙's document whose scores cannot be read, asking for the Excel workbook (exit 1)."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued, d)
    (d / "专家评分表-丙.xlsx").unlink()
    (d / returned).write_bytes(b"PK\x03\x04" + bytes(200))
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    said = capsys.readouterr().out.replace("\n", "")
    want = (f"专家丙交回的“{returned}”是 Word 文档，其中的评分无法读取，未计入。"
            "请让专家交回填好的 Excel 评分表（专家评分表-丙.xlsx）")
    assert want in said, said
    assert "不是本轮专家评分表" not in said, said
    notes = [str(v) for row in sheet_values(out, "评审说明") for v in row if v]
    assert any(want in n for n in notes), notes


@pytest.mark.parametrize("renamed", ["丙-已评.xlsx", "专家评分表-丙（已评）.xlsx"])
def test_a_renamed_workbook_that_cannot_be_read_is_said_unreadable_not_unreturned(issued, tmp_path, renamed, capsys):
    """丙 renamed his workbook “丙-已评.xlsx” and set a password on it: the file was listed as unreadable, yet 丙 was
    said “未提交” on the terminal and in every project's 问题 — the clerk, holding 丙's file, is told he sent nothing.
    Under its issued name the same file is said “评分表无法读取”; renamed it now is too."""
    from shibai_xl.faces.cli import main

    from .hostile.corpus import _encrypted
    from .test_review import PARK_BJ, results

    d = tmp_path / "第一轮"
    shutil.copytree(issued, d)
    _encrypted(d / "专家评分表-丙.xlsx", d / renamed)
    (d / "专家评分表-丙.xlsx").unlink()
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == 1
    said = capsys.readouterr().out.replace("\n", "")
    assert "评分表无法读取：丙" in said and "未提交：丙" not in said, said
    assert f"{renamed}：文件设置了打开密码" in said, said
    problem = results(out)[PARK_BJ]["问题"]
    assert "专家丙的评分表无法读取" in problem and "专家丙的评分表未提交" not in problem, problem
