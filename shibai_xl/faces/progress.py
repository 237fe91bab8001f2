"""Progress for long commands: a bar in the terminal; the add-in passes its own callback
(Excel's status bar) to the same jobs."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class TerminalProgress:
    """A context manager that is also the ``progress(i, n, name)`` callback the jobs take."""

    def __init__(self, console: Console, title: str) -> None:
        self.console, self.title = console, title
        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[current]}"), TimeElapsedColumn(), console=console,
                                  transient=True, disable=not console.is_terminal,
                                  # no refresh thread: the refresh job forks worker processes, and forking
                                  # while another thread holds a lock can hang the children
                                  auto_refresh=False)
        self._task = None

    def __enter__(self) -> "TerminalProgress":
        self._progress.__enter__()
        self._task = self._progress.add_task(self.title, total=None, current="")
        return self

    def __exit__(self, *exc) -> None:
        self._progress.__exit__(*exc)

    def __call__(self, i: int, n: int, name: str) -> None:
        self._progress.update(self._task, completed=i, total=n, current=name[-40:])
        self._progress.refresh()
