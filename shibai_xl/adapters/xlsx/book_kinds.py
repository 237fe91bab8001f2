"""Workbooks that lie among the applications but are not applications: summaries and the tool's outputs.

Clerks keep summaries next to the applications (全省.xlsx, an older city summary) and the tool's own
outputs (评审结果, 专家评分表) end up there too; ``refresh`` and ``check FOLDER`` skip them with one line
instead of listing them as unreadable. The tool's own workbooks say what they are by their ``sb_type``
name or their tables; a 附件4 made by hand (or a tool summary that lost its table in an .xls round trip)
shows the 附件4 header row that :mod:`.summary_reader` finds. Any other workbook stays "not an application".
Only asked about a workbook the reader has already opened and found not to be an application.
"""
from __future__ import annotations

from ...engine.summary_table import find_header
from .reader import NotAnApplication
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
    return SUMMARY if any(find_header(src.grid(sheet).rows) for sheet in src.sheet_names) else None
