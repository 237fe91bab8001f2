"""Experts whose names lie within one another's (王明 and 王明华): a file an expert returned otherwise than as issued is
said as the expert its name names — the longer name wins, whether the file is a PDF (or a picture, a text file, an
archive) or an unreadable workbook. Real round (``review make`` from a real summary), the real ``review collect``."""
from __future__ import annotations

import shutil

import pytest

from .test_review import NOW, build_summary, type_scores


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    from shibai_xl.jobs import review

    base = tmp_path_factory.mktemp("names")
    rdir = base / "第一轮"
    review.make(rdir, build_summary(base / "汇总"), ["王明", "王明华", "丙"], round_id="2024-05", now=NOW)
    type_scores(rdir / "专家评分表-丙.xlsx", {})
    return rdir


def _collected(issued, tmp_path, capsys, keep=(), pdf="王明华-已评.pdf"):
    """The round copied, the experts' workbooks but ``keep``'s and 丙's removed, ``pdf`` put in the folder,
    collected by ``shibai review collect``: (exit code, what it printed on one line)."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued, d)
    for e in ("王明", "王明华"):
        if e not in keep:
            (d / f"专家评分表-{e}.xlsx").unlink()
    (d / pdf).write_bytes(b"%PDF-1.4\n%%EOF\n")
    code = main(["review", "collect", str(d), "--out", str(tmp_path / "评审结果.xlsx")])
    return code, capsys.readouterr().out.replace("\n", "")


def test_a_pdf_named_after_the_longer_name_is_his_when_both_are_missing(issued, tmp_path, capsys):
    """王明 and 王明华 both missing, 王明华 sent “王明华-已评.pdf”: collect said 王明 had returned it (the first missing
    expert whose name is in the file name) — the clerk chases 王明 for a workbook and never 王明华. It is now 王明华's,
    as an unreadable workbook of that name already was."""
    code, said = _collected(issued, tmp_path, capsys)
    assert code == 1
    assert "专家王明华交回的“王明华-已评.pdf”是PDF" in said and "专家评分表-王明华.xlsx" in said, said
    assert "专家王明交回" not in said, said


def test_a_pdf_named_after_an_expert_who_returned_his_workbook_is_not_said_as_anothers(issued, tmp_path, capsys):
    """王明华 returned his workbook and his signed “王明华-签字.pdf” beside it; 王明 sent nothing: the PDF was said to be
    王明's (his name is in it), and 王明 was not said “未提交”. It is not his."""
    code, said = _collected(issued, tmp_path, capsys, keep=("王明华",), pdf="王明华-签字.pdf")
    assert code == 1
    assert "专家王明交回" not in said, said
    assert "未提交：王明" in said, said


def test_a_book_named_after_the_longer_name_is_not_counted_as_the_shorter_ones(issued, tmp_path, capsys):
    """王明's workbook came back as “王明华-已评.xlsx” (sent to 王明华 by mistake, or renamed by the wrong hand) while
    王明华's is missing: collect counted it as 王明's without a word, 王明 being in the file name — though the name is
    王明华's. A book whose file names another expert of the round is set aside, said (as for 甲's book named 乙)."""
    from shibai_xl.faces.cli import main

    d = tmp_path / "第一轮"
    shutil.copytree(issued, d)
    (d / "专家评分表-王明.xlsx").rename(d / "王明华-已评.xlsx")
    (d / "专家评分表-王明华.xlsx").unlink()
    code = main(["review", "collect", str(d), "--out", str(tmp_path / "评审结果.xlsx")])
    said = capsys.readouterr().out.replace("\n", "")
    assert code == 1
    assert "“王明华-已评.xlsx”：文件名中是专家王明华，其中却是发给专家王明的评分表" in said, said
