"""Refresh or merge a 项目汇总表 that is open in Excel, without touching its file.

The work is the jobs' (:func:`shibai_xl.jobs.actions.refresh_summary` /
:func:`~shibai_xl.jobs.actions.merge_into`): the sheets a refresh reads and writes
are copied from the open book into an in-memory workbook, the summary jobs' own
code updates that copy, and every cell that differs afterwards becomes an edit
(:mod:`shibai_xl.adapters.edits`), made here through xlwings. People's work is kept
by the same rules as a file refresh, because it is the same code.

Not carried over: the 统计 sheet's chart (its figures are written, the chart is
only made by a file refresh) and cell styles of new rows (Excel's table style
formats them).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .book import OpenBook
from .writer import apply_edits

Progress = Callable[[int, int, str], None]


def refresh_open(ob: OpenBook, folder: Path, batch: str | None = None, progress: Progress | None = None,
                 now: datetime | None = None):
    """``shibai refresh`` for the open summary, written through xlwings; returns the refresh report."""
    from ...jobs.actions import refresh_summary

    outcome = refresh_summary(ob, folder, batch, progress, now)
    apply_edits(ob, outcome.edits)
    return outcome.report


def merge_open(ob: OpenBook, cities: list[Path], progress: Progress | None = None, now: datetime | None = None):
    """``shibai merge`` into the open provincial summary, written through xlwings; returns the merge report."""
    from ...jobs.actions import merge_into

    outcome = merge_into(ob, cities, progress, now)
    apply_edits(ob, outcome.edits)
    return outcome.report
