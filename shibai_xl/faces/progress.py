"""Progress for long commands: a bar in the terminal; the add-in passes its own callback
(Excel's status bar) to the same jobs."""
from __future__ import annotations

import time
from typing import Any

from ..engine.parse.text import one_line

DELAY = 0.3  # seconds before a bar appears: a quick command shows none and never imports rich (30 ms)


def progress_text(what: str, i: int, n: int, name: str) -> str:
    """A job's progress as the add-ins show it in the status bar (Excel's; WPS's through ``shibai serve``)."""
    return f"{what}：{i}/{n} {one_line(name)}"   # a file's name as the report says it: one line, never reversed


class TerminalProgress:
    """A context manager that is also the ``progress(i, n, name)`` callback the jobs take."""

    def __init__(self, console: Any, title: str) -> None:
        self.console, self.title = console, title
        isatty = getattr(console, "isatty", None)
        self._enabled = isatty() if callable(isatty) else bool(getattr(console, "is_terminal", False))
        self._progress = None
        self._task = None
        self._start = 0.0

    def __enter__(self) -> TerminalProgress:
        self._start = time.monotonic()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def _begin(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  # the file being read, as named: "[/red]" or "[link=…]" in it is no markup
                                  TextColumn("{task.fields[current]}", markup=False), TimeElapsedColumn(),
                                  console=getattr(self.console, "rich", self.console), transient=True,
                                  # no refresh thread: the refresh job forks worker processes, and forking
                                  # while another thread holds a lock can hang the children
                                  auto_refresh=False)
        self._progress.__enter__()
        self._task = self._progress.add_task(self.title, total=None, current="")

    def __call__(self, i: int, n: int, name: str) -> None:
        if not self._enabled:
            return
        if self._progress is None:
            if time.monotonic() - self._start < DELAY:
                return
            self._begin()
        self._progress.update(self._task, completed=i, total=n, current=name[-40:])
        self._progress.refresh()
