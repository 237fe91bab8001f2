"""The 十百千万 ribbon in Excel: one action per button of :data:`shibai_xl.addin.ribbon.RIBBON_BUTTONS`.

Every button calls ``dispatch('<control id>')`` (VBA ``SbRibbonAction`` → RunPython);
an old copy of the retired fallback add-in is told to go (:func:`retired_fallback`). The actions themselves are
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlwings as xw

from ..addin.ribbon import RIBBON_BUTTONS
from ..engine.parse.text import said_safe
from ..errors import ShibaiError, WrongKind, environment_refusal, internal_error, why
from ..jobs import actions as A
from ..jobs.actions import (  # noqa: F401
    APPLICATION_FOLDER,
    HELP_TEXT,
    MAX_LISTED,
    PROVINCE_FILE,
    REVIEW_FOLDER,
    application_folder,
    documents_folder,
    summary_files,
)
from .progress import progress_text

TITLE = "十百千万"
NO_WORKBOOK = ("现在没有打开的工作簿。请先打开（并点一下）要处理的申报表或项目汇总表，再点此按钮。"
               "工作簿显示“受保护的视图”时，要先点“启用编辑”。")


class Context:
    """The workbook an action works on (``None``: none is open), with Excel's status bar, message box
    and input box."""

    def __init__(self, book: Any, app: Any = None) -> None:
        self.book = book
        self.app = app if app is not None else book.app
        self._view = None

    @property
    def ob(self):
        if self.book is None:
            raise WrongKind(NO_WORKBOOK)
        if self._view is None:
            self._view = A.excel_view(self.book)
        return self._view

    def status(self, text: str | bool) -> None:
        try:
            self.app.status_bar = text
        except Exception:  # the remote engine has no status bar; progress is a courtesy
            pass

    def progress(self, what: str) -> Callable[[int, int, str], None]:
        def report(i: int, n: int, name: str) -> None:
            self.status(progress_text(what, i, n, name))
        return report

    def alert(self, text: str, critical: bool = False) -> None:
        try:
            # an applicant's NUL would end the message there, a direction override reverse the rest of its line
            self.app.alert(said_safe(text), title=TITLE, mode="critical" if critical else "info")
        except Exception:  # no Excel to show it in: the console is the last place to say it
            print(text, file=sys.stderr)

    def ask(self, prompt: str, default: str = "") -> str | None:
        """A line of text from the user (Windows Excel's input box); None where there is none."""
        try:
            answer = self.app.api.InputBox(said_safe(prompt), TITLE, default)
        except Exception:  # remote engine / macOS: no input box
            return None
        return answer if isinstance(answer, str) else ""

    def unsaved(self) -> list[Path]:
        """The workbooks open in this Excel with unsaved changes (COM ``Workbook.Saved``); none known elsewhere."""
        out = []
        try:
            books = list(self.app.books)
        except Exception:  # an engine that cannot list them
            return []
        for b in books:
            try:
                if b.api.Saved is False:
                    out.append(Path(b.fullname))
            except Exception:  # the remote engine, a book being closed: not known
                continue
        return out

    def inputs(self) -> A.Inputs:
        return A.Inputs(status=self.status, progress=self.progress, ask=lambda prompt: self.ask(prompt),
                        choose=lambda prompt, choices, default: self.ask(prompt, default), unsaved=self.unsaved)

    def open(self, path) -> None:
        if self.app.engine.name != "excel":
            return
        try:
            self.app.books.open(str(path))
        except Exception:  # opening is a convenience; the file is written either way
            pass


def perform(job: Callable[[Any, A.Inputs], A.Outcome], needs_workbook: bool = True) -> Callable[[Context], None]:
    """A ribbon action: run the job on the open workbook (``None`` for the few that need none), make its
    edits, show its message."""
    def action(ctx: Context) -> None:
        view = ctx.ob if needs_workbook or ctx.book is not None else None
        outcome = job(view, ctx.inputs())
        if view is not None:
            A.apply_in_excel(view, outcome)
        if outcome.open_file:
            ctx.open(outcome.open_file)
        ctx.alert(outcome.message, critical=outcome.critical)
    action.__doc__ = job.__doc__
    return action


_NEEDS_WORKBOOK = {b.id: b.needs_workbook for b in RIBBON_BUTTONS}
ACTIONS: dict[str, Callable[[Context], None]] = {control: perform(job, _NEEDS_WORKBOOK.get(control, True))
                                                 for control, job in A.ACTIONS.items()}


def _context(book: Any, app: Any) -> Context:
    """The calling workbook (``xw.Book.caller()``) or, with none open, Excel itself."""
    if book is not None or app is not None:
        return Context(book, app)
    try:
        return Context(xw.Book.caller())
    except Exception:   # no workbook open (the add-in passes --wb=""): the Excel that called
        return Context(None, xw.apps.active)


def _run(action: Callable[[Context], None], book: Any, app: Any = None) -> None:
    try:
        ctx = _context(book, app)
    except Exception as e:  # not started from Excel: there is no message box to use
        print(f"无法连接到 Excel（{why(e)}）：请从 Excel 的“十百千万”选项卡运行。", file=sys.stderr)
        return
    try:
        action(ctx)
    except ShibaiError as e:  # every refusal: unreadable, open elsewhere, disk full, no permission
        ctx.alert(str(e), critical=True)
    except OSError as e:   # the machine's situation (a name too long, a folder gone), not a bug
        ctx.alert(str(environment_refusal(e)), critical=True)
    except Exception as e:  # last resort: a Chinese message, never a traceback
        if os.environ.get("SHIBAI_DEBUG"):
            traceback.print_exc()
        ctx.alert(internal_error(e), critical=True)
    finally:
        ctx.status(False)


def dispatch(control_id: str, book: Any = None, app: Any = None) -> None:
    """Run the action of one ribbon button (``control.Id``) on ``book`` (default: the calling workbook;
    ``app`` alone: Excel with no workbook open)."""
    action = ACTIONS.get(control_id)
    if action is None:
        _run(lambda ctx: ctx.alert(f"未知的按钮“{control_id}”。请重新安装加载项（shibai addin install）。",
                                   critical=True), book, app)
        return
    _run(action, book, app)


def run_main(book: Any = None) -> None:
    """Act on what the workbook is (an application is checked, a summary refreshed, the province merged)."""
    _run(perform(A.main), book)


RETIRED_FALLBACK = ("备用加载项 shibai_xl.xlam 已停止提供：它会读取所打开工作簿里的设置，不安全。"
                    "请在 Excel 的加载项中删除它，改用 shibai addin install 安装的 shibai.xlam（见 docs/addin.md）。")


def retired_fallback() -> None:
    """What the Run button of an old copy of the fallback add-in (``shibai_xl.main()``) now does."""
    _run(lambda ctx: ctx.alert(RETIRED_FALLBACK, critical=True), None)
