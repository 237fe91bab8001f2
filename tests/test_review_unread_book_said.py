"""An expert's returned workbook that cannot be read (a download cut short): the terminal and the 问题 column said
“评分表无法读取”, but the result's 评审说明 listed that expert as “评分表未提交” — a secretary holding the file was told
it never came. It now names the file and says it could not be read."""
from __future__ import annotations

from shibai_xl.jobs import review

from .test_review import NOW, scored_round, sheet_values


def test_an_unreadable_returned_book_is_not_said_to_be_missing(tmp_path):
    rdir = scored_round(tmp_path)
    book = rdir / "专家评分表-丙.xlsx"
    book.write_bytes(book.read_bytes()[:30000])          # the mail's attachment saved before it finished
    out = tmp_path / "结果.xlsx"
    report = review.collect(rdir, out, now=NOW)
    assert report.unread_experts == ["丙"]
    notes = {row[0]: row[1] for row in sheet_values(out, "评审说明") if row[0]}
    assert notes["专家丙"] == "评分表：专家评分表-丙.xlsx（无法读取，评分未计入）", notes
    assert notes["专家甲"] == "所属市（州）：贵阳市；评分表：专家评分表-甲.xlsx", notes


def test_a_book_returned_as_a_pdf_is_not_said_to_be_missing(tmp_path):
    """丙 printed his filled book to PDF and sent only that: the notes said what the PDF is, the expert's own line in
    评审说明 still “评分表未提交”."""
    rdir = scored_round(tmp_path)
    (rdir / "专家评分表-丙.xlsx").unlink()
    (rdir / "丙-评分表（签字）.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    out = tmp_path / "结果.xlsx"
    review.collect(rdir, out, now=NOW)
    notes = {row[0]: row[1] for row in sheet_values(out, "评审说明") if row[0]}
    assert notes["专家丙"] == "评分表：丙-评分表（签字）.pdf（不是 Excel 评分表，其中的评分无法读取）", notes


def test_an_expert_who_returned_only_a_pdf_is_said_unreadable_everywhere(tmp_path):
    """The same 丙: the result's 结果状态, the terminal, each project's 问题 and the 专家评分偏差 said “未提交” of the
    expert whose PDF the secretary holds (only his line in 评审说明 said what he sent): now “无法读取” everywhere."""
    rdir = scored_round(tmp_path)
    (rdir / "专家评分表-丙.xlsx").unlink()
    (rdir / "丙-评分表（签字）.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    out = tmp_path / "结果.xlsx"
    report = review.collect(rdir, out, now=NOW)
    assert report.unread_experts == ["丙"] and report.absent == []
    said = report.describe() + report.incomplete_text()
    assert "未提交" not in said and "评分表无法读取：丙" in said, said
    problems = [str(row[-1]) for row in sheet_values(out, "评审结果")[3:] if row and row[-1]]
    assert problems and all("专家丙的评分表无法读取" in p for p in problems), problems
    assert not any("专家丙的评分表未提交" in str(c) for ws in ("评审结果", "评审说明") for row in sheet_values(out, ws)
                   for c in row), "未提交 said"
