"""calamine's book of an .xls opened only when first used, for a workbook one of whose sheets reaches too far.

calamine builds every sheet's whole grid as it opens an .xls: one stray value typed in IV65536 costs 536 MB
before anything is asked. Such a sheet is refused unread (:meth:`.package.Package.check_extent`), so the book
is opened only if another sheet is read; its names come from the BOUNDSHEET records
(:func:`.legacy.xls_sheet_names`).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .opc import MAX_GRID_CELLS


def reaches_far(extents: dict[str, tuple[int, int]]) -> bool:
    """Whether a sheet's (last row, last column) make a grid calamine should not build.

    >>> reaches_far({"申报表": (60, 12)}), reaches_far({"申报表": (60, 12), "Sheet3": (65536, 256)})
    (False, True)
    """
    return any(rows * cols > MAX_GRID_CELLS for rows, cols in extents.values())


class DeferredBook:
    """Stands for calamine's book: opened at the first attribute asked (a sheet read), never if none is; its sheet
    names are known without it."""

    def __init__(self, opener: Callable[[], Any], sheet_names: list[str]) -> None:
        self._opener, self._book = opener, None
        self.sheet_names = sheet_names

    def __getattr__(self, name: str) -> Any:
        if self._book is None:
            self._book = self._opener()
        return getattr(self._book, name)

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
