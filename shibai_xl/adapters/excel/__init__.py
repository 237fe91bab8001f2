"""The open workbook in Excel, through xlwings: the ribbon's adapter.

* :mod:`.book` reads everything once (defined names, tables, each needed sheet's
  used range in one bulk read) and builds the same :class:`Application` the
  file reader builds, by running the file reader's own logic on what it read.
* :mod:`.writer` applies the same :class:`~shibai_xl.engine.plan.WritePlan`
  as ``shibai check --write``, so both write the same cells and values.
* :mod:`.summary` refreshes / merges a 项目汇总表 that is open in Excel: the
  jobs' own update logic runs on an in-memory copy of its table, and the cells
  that changed are written back through xlwings.

Works with every xlwings engine (Windows/macOS Excel, and xlwings' remote
engine used by the tests): features an engine lacks (status bar, reading number
formats, note text) degrade to documented defaults, never to an error.
"""
from .book import OpenBook, open_book

__all__ = ["OpenBook", "open_book"]
