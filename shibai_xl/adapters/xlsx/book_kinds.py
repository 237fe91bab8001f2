"""Workbooks that lie among the applications but are not applications: summaries and the tool's outputs.

Clerks keep summaries next to the applications (全省.xlsx, an older city summary) and the tool's own
outputs (评审结果, 专家评分表) end up there too; ``refresh`` and ``check FOLDER`` skip them with one line
instead of listing them as unreadable. The tool's own workbooks say what they are by their ``sb_type``
name or their tables; a 附件4 made by hand (or a tool summary that lost its table in an .xls round trip)
shows the 附件4 header row that :mod:`.summary_reader` finds. Any other workbook stays "not an application".
Only asked about a workbook the reader has already opened and found not to be an application.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ...engine.summary_table import HEADER_SCAN, find_header
from .legacy_merges import merged_ranges
from .reader import NotAnApplication
from .refs import corners
from .source import WorkbookSource, constant

# the sb_type names the tool writes into its own workbooks (templates.py, review_issue.py, review_result.py)
SUMMARY_KIND, RUBRIC_KIND = "summary", "rubric"          # rubric-park, rubric-base …
EXPERT_KIND, PLAN_KIND, RESULT_KIND = "review-expert", "review-plan", "review-result"
SUMMARY_TABLE, EXPERT_TABLE, RESULT_TABLE = "sb_summary", "sb_expert_scores", "sb_review"

SUMMARY, EXPERT, PLAN, RESULT, RUBRIC = "项目汇总表", "专家评分表", "评审安排", "评审结果", "评分表（附件5）"
DECLARED = {SUMMARY_KIND: SUMMARY, EXPERT_KIND: EXPERT, PLAN_KIND: PLAN, RESULT_KIND: RESULT}
BY_TABLE = {SUMMARY_TABLE: SUMMARY, EXPERT_TABLE: EXPERT, RESULT_TABLE: RESULT}


class OtherWorkbook(NotAnApplication):
    """A summary or an output of this tool where an application was expected; ``kind`` names it (Chinese)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"这是{kind}，不是申报表，不做检查。请选择申报表文件（检查文件夹、刷新汇总表时会自动跳过它）。")
        self.kind = kind


def other_kind(src: WorkbookSource) -> str | None:
    """项目汇总表, 专家评分表, 评审安排, 评审结果 or 评分表（附件5） when the workbook is one; else None."""
    declared = (constant(src, "sb_type") or "").strip()
    if declared.startswith(RUBRIC_KIND):
        return RUBRIC
    if declared in DECLARED:
        return DECLARED[declared]
    kind = next((kind for table, kind in BY_TABLE.items() if table in src.tables), None)
    if kind:
        return kind
    return SUMMARY if any(shows_summary_header(src, sheet) for sheet in src.sheet_names) else None


def shows_summary_header(src: Any, sheet: str) -> bool:
    """Whether ``sheet`` of a workbook (a reader's source, an open book's view) shows the 附件4 header row, also on a
    header's second row under group titles (申报主体信息, 联系方式) with the other titles merged down over both rows."""
    rows = src.grid(sheet).rows[:HEADER_SCAN]
    if find_header(rows):
        return True
    merged = src.merged(sheet) if hasattr(src, "merged") else merged_ranges(src.pkg, sheet) if hasattr(src, "pkg") else []
    return bool(merged) and find_header(titles_filled_down(rows, merged)) is not None


def titles_filled_down(rows: Sequence[Sequence[Any]], merged: Iterable[str]) -> list[list[Any]]:
    """A copy of ``rows`` with each value merged down over rows (``merged``: "A2:A3") filled into the empty cells it
    covers, as ``merge`` reads a 附件4: a header whose titles under group titles stand on its second row shows all
    the 附件4 titles there."""
    out = [list(r) for r in rows]
    for ref in merged:
        try:
            (r0, c0), (r1, _c1) = corners(ref)
        except ValueError:
            continue
        if r1 > r0 and r0 <= len(out) and c0 <= len(out[r0 - 1]):
            for r in range(r0 + 1, min(r1, len(out)) + 1):
                if c0 <= len(out[r - 1]) and out[r - 1][c0 - 1] in (None, ""):
                    out[r - 1][c0 - 1] = out[r0 - 1][c0 - 1]
    return out
