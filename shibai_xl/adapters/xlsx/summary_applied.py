"""The summary's table as a refresh has applied its records, read by the looks that follow (rows typed by hand,
batches, doubtful amounts, bounds, the 统计 sheet, rows without a name): each of them asks for the table's project
rows, a scan of every row's label cells (a dozen scans at 1000 rows, ~5 ms each)."""
from __future__ import annotations

from typing import Any

from ...engine.parse.text import is_picture
from .summary_book import SummaryBook


class AppliedBook(SummaryBook):
    """A :class:`SummaryBook` whose project rows are found once: the looks after an update write amounts, formats
    and notes, never a row's 序号, 市（州）, 县区, 企业名称 or code, which make a row a project. A value written through
    :meth:`put` or :meth:`put_cell`, or the table's rows or columns changed, finds them again all the same."""

    # (the table's rows and columns, its project rows, those of them whose 企业名称 is a picture)
    _rows: tuple[tuple, list[int], set[int]] | None = None

    def project_rows(self) -> list[int]:
        """The rows counted as projects: a row whose 企业名称 is WPS's picture placed in the cell (its saved text
        "=DISPIMG(…)") names no project, as the province's merge reads it (:meth:`pictured_rows`)."""
        rows, pictured = self._found()
        return [r for r in rows if r not in pictured] if pictured else list(rows)

    def pictured_rows(self) -> list[int]:
        """The rows whose 企业名称 is a picture in the cell, not withdrawn: said, never counted under "=DISPIMG(…)"."""
        rows, pictured = self._found()
        return [r for r in rows if r in pictured and not self.withdrawn(r)]

    def _found(self) -> tuple[list[int], set[int]]:
        shape = (self.data_rows(), tuple(self.cols.items()))
        if self._rows is None or self._rows[0] != shape:
            rows = super().project_rows()
            self._rows = (shape, rows, {r for r in rows if is_picture(self.get(r, "企业名称"))})
        return self._rows[1], self._rows[2]

    def put(self, row: int, name: str, value: Any) -> bool:
        self._rows = None
        return super().put(row, name, value)

    def put_cell(self, cell, value: Any) -> None:
        self._rows = None
        super().put_cell(cell, value)
