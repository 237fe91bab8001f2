"""The open workbook in Excel, through xlwings: the ribbon's adapter.

* :mod:`.book` reads everything once (defined names, tables, each needed sheet's
  used range in one bulk read) and builds the same :class:`Application` the
  file reader builds, by running the file reader's own logic on what it read.
* :mod:`.writer` makes the :class:`~shibai_xl.engine.plan.Edits` that
  :mod:`shibai_xl.adapters.edits` resolves from the plan ``shibai check --write``
  applies (the WPS add-in makes the same edits), so all write the same cells.
* a 项目汇总表 open in Excel is refreshed / merged by the jobs
  (:func:`shibai_xl.jobs.actions.refresh_summary`, ``merge_into``): their own
  update logic runs on an in-memory copy of its table, and the cells that
  changed come back as edits that :mod:`.writer` makes.

Works with every xlwings engine (Windows/macOS Excel, and xlwings' remote
engine used by the tests): features an engine lacks (status bar, reading number
formats, note text) degrade to documented defaults, never to an error.
"""
from .book import OpenBook, open_book

__all__ = ["OpenBook", "open_book"]
