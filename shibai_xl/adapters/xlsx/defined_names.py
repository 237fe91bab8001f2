"""Defined names as Excel takes them: whatever their case. A workbook re-made by another program, or a name typed by
hand, may spell the tool's names "SB_SUMMARY_TITLE" or "Sb_Stats_Sheet"; Excel finds them as ``sb_summary_title``
and ``sb_stats_sheet``, and so must the tool — an application's answers, a summary's title, the marks of its own
sheets — and a write reuses the name there is (two names differing only in case are a corrupt file to Excel)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:   # a check reads its file without openpyxl (start-up time): only a write below imports it
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.workbook.workbook import Workbook


def name_key(names: Mapping[str, Any], name: str) -> str | None:
    """The key of ``names`` that is ``name`` in any case, the exact one first; None when there is none.

    >>> name_key({"SB_STATS_SHEET": 1}, "sb_stats_sheet"), name_key({"sb_a": 1, "SB_A": 2}, "Sb_A"), name_key({}, "a")
    ('SB_STATS_SHEET', 'sb_a', None)
    """
    if name in names:   # the common case: the name as the tool wrote it
        return name
    folded = name.casefold()
    return next((n for n in names if n.casefold() == folded), None)


def name_text(names: Mapping[str, str], name: str) -> str:
    """What a defined name refers to, its case ignored as Excel ignores it; "" when the workbook has no such name.

    >>> name_text({"SB_NAME": "申报表!$C$3"}, "sb_name"), name_text({"sb_name": "x", "SB_NAME": "y"}, "sb_name")
    ('申报表!$C$3', 'x')
    """
    key = name_key(names, name)
    return "" if key is None else names[key]


def defined(wb: Workbook, name: str) -> DefinedName | None:
    """An openpyxl workbook's defined name ``name``, in any case."""
    key = name_key(wb.defined_names, name)
    return None if key is None else wb.defined_names[key]


def define(wb: Workbook, name: str, attr_text: str) -> None:
    """Set the workbook's name ``name`` to ``attr_text``, keeping the case of the one it has (never a second one)."""
    from openpyxl.workbook.defined_name import DefinedName

    key = name_key(wb.defined_names, name) or name
    wb.defined_names[key] = DefinedName(key, attr_text=attr_text)
