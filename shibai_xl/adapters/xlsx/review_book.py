"""Workbooks of the 省级评审: one 专家评分表 per expert, the round's 评审安排, the 评审结果.

The one import path for the jobs; the work is in four modules:

* :mod:`.review_issue` — what ``review make`` writes (专家评分表, 评审安排);
* :mod:`.review_read` — reading them back, refusing a workbook whose rows, 满分 or
  project list no longer match what was issued (naming the expert and the cell);
* :mod:`.review_result` — the 评审结果 workbook, with its 评分校准 sheet;
* :mod:`.review_layout` — sheet and column names, styles and helpers they share.
"""
from __future__ import annotations

from .review_issue import ExpertBookSpec, PlanSpec, build_expert_book, build_plan_book, retarget_expert_book
from .review_layout import (
    EXPERT_COLUMNS,
    EXPERT_KIND,
    PLAN_KIND,
    RESULT_KIND,
    SCORE_SHEET,
    STATE_SHEET,
    TABLE,
    TOTAL_SHEET,
    column_runs,
)
from .review_read import (
    COPIED_SCORES,
    ExpertBook,
    NotAReviewBook,
    Plan,
    Tampered,
    book_kind,
    book_round,
    looks_like_scores,
    read_expert_book,
    read_plan_book,
)
from .review_result import CALIBRATION_SHEET, ResultSpec, build_result_book, calibration_sheet, expert_column, result_columns

__all__ = [
    "CALIBRATION_SHEET", "COPIED_SCORES", "EXPERT_COLUMNS", "EXPERT_KIND",
    "PLAN_KIND", "RESULT_KIND", "SCORE_SHEET", "STATE_SHEET",
    "TABLE", "TOTAL_SHEET", "ExpertBook", "ExpertBookSpec", "NotAReviewBook", "Plan", "PlanSpec", "ResultSpec",
    "Tampered", "book_kind", "book_round", "build_expert_book", "build_plan_book", "build_result_book", "calibration_sheet",
    "column_runs", "expert_column",
    "looks_like_scores", "read_expert_book", "read_plan_book", "result_columns", "retarget_expert_book",
]
