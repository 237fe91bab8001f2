"""The 十百千万 ribbon in Excel: one action per button of :data:`shibai_xl.addin.ribbon.RIBBON_BUTTONS`.

Every button calls ``dispatch('<control id>')`` (VBA ``SbRibbonAction`` → RunPython);
the fallback add-in's one button calls :func:`run_main`. The actions themselves are
jobs (:mod:`shibai_xl.jobs.actions`, shared with ``shibai serve`` and the WPS add-in):
they read the open workbook once, compute with the same engine and jobs as the
command line and return the edits, which are made through xlwings. Progress goes
to Excel's status bar, every problem to a Chinese message box — never a
traceback. The caller's file is never opened with openpyxl: the open workbook is
changed through xlwings only.
"""
from __future__ import annotations

import os
import sys
import traceback
from typing import Any, Callable

from ..errors import ShibaiError
from ..jobs import actions as A
from ..jobs.actions import (APPLICATION_FOLDER, HELP_TEXT, MAX_LISTED, PROVINCE_FILE, REVIEW_FOLDER,  # noqa: F401
                            application_folder, summary_files)

TITLE = "十百千万"


class Context:
    """The workbook an action works on, with the status bar, the message box and the input box."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._view = None

    @property
    def ob(self):
        if self._view is None:
            self._view = A.excel_view(self.book)
        return self._view

    def status(self, text: str | bool) -> None:
        try:
            self.book.app.status_bar = text
        except Exception:  # the remote engine has no status bar; progress is a courtesy
            pass

    def progress(self, what: str) -> Callable[[int, int, str], None]:
        def report(i: int, n: int, name: str) -> None:
            self.status(f"{what}：{i}/{n} {name}")
        return report

    def alert(self, text: str, critical: bool = False) -> None:
        try:
            self.book.app.alert(text, title=TITLE, mode="critical" if critical else "info")
        except Exception:  # no Excel to show it in: the console is the last place to say it
            print(text, file=sys.stderr)

    def ask(self, prompt: str, default: str = "") -> str | None:
        """A line of text from the user (Windows Excel's input box); None where there is none."""
        try:
            answer = self.book.app.api.InputBox(prompt, TITLE, default)
        except Exception:  # remote engine / macOS: no input box
            return None
        return answer if isinstance(answer, str) else ""

    def inputs(self) -> A.Inputs:
        return A.Inputs(status=self.status, progress=self.progress, ask=lambda prompt: self.ask(prompt))

    def open(self, path) -> None:
        if self.book.app.engine.name != "excel":
            return
        try:
            self.book.app.books.open(str(path))
        except Exception:  # opening is a convenience; the file is written either way
            pass


def perform(job: Callable[[Any, A.Inputs], A.Outcome]) -> Callable[[Context], None]:
    """A ribbon action: run the job on the open workbook, make its edits, show its message."""
    def action(ctx: Context) -> None:
        outcome = job(ctx.ob, ctx.inputs())
        A.apply_in_excel(ctx.ob, outcome)
        if outcome.open_file:
            ctx.open(outcome.open_file)
        ctx.alert(outcome.message, critical=outcome.critical)
    action.__doc__ = job.__doc__
    return action


ACTIONS: dict[str, Callable[[Context], None]] = {control: perform(job) for control, job in A.ACTIONS.items()}


def _caller(book: Any) -> Any:
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


def _run(action: Callable[[Context], None], book: Any) -> None:
    try:
        ctx = Context(_caller(book))
    except Exception as e:  # not started from Excel: there is no message box to use
        print(f"无法连接到 Excel 工作簿（{type(e).__name__}）：请从 Excel 的“十百千万”选项卡运行。", file=sys.stderr)
        return
    try:
        action(ctx)
    except ShibaiError as e:
        ctx.alert(str(e), critical=True)
    except Exception as e:  # last resort: a Chinese message, never a traceback
        if os.environ.get("SHIBAI_DEBUG"):
            traceback.print_exc()
        ctx.alert(f"程序内部错误：{type(e).__name__}：{e}\n请把此信息和文件发给技术支持。", critical=True)
    finally:
        ctx.status(False)


def dispatch(control_id: str, book: Any = None) -> None:
    """Run the action of one ribbon button (``control.Id``) on ``book`` (default: the calling workbook)."""
    action = ACTIONS.get(control_id)
    if action is None:
        _run(lambda ctx: ctx.alert(f"未知的按钮“{control_id}”。请重新安装加载项（shibai addin install）。",
                                   critical=True), book)
        return
    _run(action, book)


def run_main(book: Any = None) -> None:
    """Entry of the fallback add-in's Run button (``shibai_xl.main()``): what the workbook is decides."""
    _run(perform(A.main), book)
