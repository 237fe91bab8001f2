"""The 十百千万 ribbon's actions as jobs: one function per button, for every face.

Each action takes a view of the open workbook (:class:`~shibai_xl.adapters.view.BookView`:
the workbook in Excel through xlwings, or for WPS the saved file or the values the
add-in read) and returns an :class:`Outcome`: the message to show, the
:class:`~shibai_xl.engine.plan.Edits` to make in the open workbook, the findings for
the task pane. The Excel ribbon (``faces/ribbon_actions.py``) applies the edits
through xlwings, ``shibai serve`` sends them to the WPS add-in as JSON; the job never
writes the open workbook's file. Files an action makes (blank templates, the
provincial summary, expert workbooks) are written by the same jobs as the CLI's.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..adapters.edits import (
    COPIED_SHEETS,
    SUMMARY_TABLE,
    edits_json,
    formats_unread,
    mirror,
    plan_edits,
    summary_edits,
)
from ..adapters.excel.book import OpenBook
from ..adapters.excel.writer import apply_edits
from ..adapters.files import ensure_writable
from ..adapters.view import (
    APPLICATION,
    OTHER,
    PROVINCE,
    SUMMARY,
    BookView,
    FileBook,
    SnapshotBook,
    cell_value,
)
from ..adapters.xlsx.book_kinds import PLAN_KIND, shows_summary_header
from ..adapters.xlsx.package import UnreadableFile
from ..adapters.xlsx.reader import NO_LIST
from ..adapters.xlsx.renamed import OTHER_FORMATS
from ..adapters.xlsx.resident_list import what_it_is, with_separate_list
from ..adapters.xlsx.result_place import RESULT_SHEET, SCORE_SHEET
from ..adapters.xlsx.result_place import place as place_results
from ..adapters.xlsx.summary_reader import read_summary
from ..addin.ribbon import RIBBON_HELP
from ..engine.batches import batch_option, review_rounds_text, round_at
from ..engine.check import CheckResult
from ..engine.check import check as check_application
from ..engine.findings import SEVERITY_LABEL
from ..engine.fmt import fmt
from ..engine.parse.text import said_safe
from ..engine.plan import Edits, plan_check
from ..engine.review import split_panel
from ..engine.summary import TEXT_LISTS
from ..engine.summary_table import province_titled
from ..errors import BadOption, RefusedWrite, ShibaiError, WrongKind, why
from ..rules import Severity, load
from ..user_dirs import documents_dir
from . import review as review_job
from .book_place import cloud_place, is_address, kept_in_temp, refuse_cloud, refuse_temp, temp_folder, temp_place
from .check_file import folder_workbooks
from .merge import merge as merge_files
from .new_workbook import new_workbook
from .next_steps import ADDIN
from .refresh import gather, update_book
from .refresh import refresh as refresh_file
from .review_round import matching_round, summary_rounds
from .workbook_files import CONVERT_SUFFIXES, SUFFIXES, is_left_by_system

Progress = Callable[[int, int, str], None]
MAX_LISTED = 12
APPLICATION_FOLDER = "申报表"
REVIEW_FOLDER = "专家评审"
PROVINCE_FILE = "全省项目汇总表.xlsx"
REVIEW_RESULT_FILE = "专家评审结果.xlsx"
HANDMADE_SUFFIX = "十百千万汇总表"   # the tool summary made from a hand-made 附件4 open in Excel/WPS

HELP_TEXT = RIBBON_HELP   # the same text the Excel add-in shows without Python


@dataclass
class Inputs:
    """What a face can offer an action besides the workbook."""
    status: Callable[[str], None] = lambda text: None
    progress: Callable[[str], Progress | None] = lambda what: None
    ask: Callable[[str], str | None] = lambda prompt: None    # None: this face cannot ask
    # (prompt, choices, default) → the text typed, "" cancelled; None: this face cannot ask (the default is taken)
    choose: Callable[[str, list[str], str], str | None] = lambda prompt, choices, default: None
    unsaved: Callable[[], list[Path]] = lambda: []   # other workbooks open with unsaved changes (where the face knows)
    now: datetime | None = None


@dataclass
class Outcome:
    message: str
    critical: bool = False
    edits: Edits = field(default_factory=Edits)
    findings: list[dict[str, Any]] = field(default_factory=list)
    open_file: Path | None = None        # a workbook the action made, for the face to open
    report: Any = None                   # the job's report (refresh, merge)

    def to_json(self) -> dict[str, Any]:
        return {"message": said_safe(self.message), "critical": self.critical, "edits": edits_json(self.edits),
                "findings": self.findings, "open_file": str(self.open_file) if self.open_file else None}


# --- the workbook an action works on -----------------------------------------------------------------

def excel_view(book: Any) -> BookView:
    """The workbook open in Excel (an ``xlwings.Book``)."""
    return OpenBook(book)


def apply_in_excel(view: BookView, outcome: Outcome) -> None:
    """Make the outcome's edits in the workbook open in Excel."""
    if not outcome.edits.empty:
        apply_edits(view, outcome.edits)


def request_view(path: str | None = None, snapshot: Any = None) -> BookView:
    """For ``shibai serve``: the saved workbook at ``path``, else the add-in's snapshot of an unsaved one."""
    if path:
        if is_address(path):     # WPS 云文档/金山文档: its FullName is an address
            raise refuse_cloud(path)
        p = Path(path)
        if not p.is_absolute():
            raise BadOption("工作簿路径必须是完整路径。请重新安装 WPS 加载项（shibai wps install）。")
        if not p.exists():   # WPS still holds the path it was opened from: the file was moved, renamed or deleted
            raise WrongKind(f"找不到文件：{p}\n当前工作簿的文件已不在打开时的位置（可能被移动、改名或删除），"
                            "而本工具读取的是保存在磁盘上的文件。请用“文件 → 另存为”把工作簿保存到要用的文件夹，"
                            "再点此按钮。")
        return FileBook(p)
    if snapshot is not None:
        return SnapshotBook(snapshot)
    raise BadOption("没有收到工作簿：请先打开要处理的工作簿。")


def folder_of(view: BookView) -> Path:
    path = view.path
    if path is None and is_address(view.address):    # OneDrive/SharePoint, WPS 云文档: saved, but not here
        raise refuse_cloud(view.address)
    if path is None:
        raise WrongKind("当前工作簿还没有保存。请先保存（文件 → 另存为，保存为 .xlsx）后再操作。")
    if temp_folder(path.parent):    # a mail attachment's or a zip's: what is read or made there is lost
        raise refuse_temp(path.parent)
    return path.parent


# the open workbook's changes cannot be saved to its file (as the WPS add-in says it before sending a read-only one)
READ_ONLY = ("它是以只读方式打开的（可能正被别人打开，或文件是只读的），改动无法保存到原文件。请用“文件 → 另存为”"
             "保存为 Excel 工作簿（*.xlsx）到可以写入的文件夹，在另存的文件上再点“{button}”。")


def saved_as_shown(view: BookView, button: str, sheets: list[str] | None = None) -> Path:
    """The open workbook's saved file, for a job that reads the file (合并市州汇总 from a city's summary, 专家评分表,
    汇总专家评分 from an expert's workbook): refused while the workbook shows what its file does not hold (a 市州评分
    typed and not saved), or those edits would be left out without a word. ``sheets``: the ones the job reads
    (default: all). A cell whose saved content is a formula is not compared (the file may hold no value for it)."""
    path = view.path
    if path is None:
        folder_of(view)     # refuses: not saved at all
    if isinstance(view, FileBook) or view.saved_as_is():
        return path         # the file itself (the WPS add-in saved it before sending its path), or Excel says so
    with FileBook(path) as saved:
        for sheet in sheets if sheets is not None else view.sheet_names:
            if sheet not in saved.pkg.sheets or sheet not in view.pkg.sheets:
                continue
            here, there, formulas = view.grid(sheet), saved.grid(sheet), saved.formulas(sheet)
            for r in range(1, max(here.height, there.height) + 1):
                width = max(len(here.rows[r - 1]) if r <= here.height else 0,
                            len(there.rows[r - 1]) if r <= there.height else 0)
                for c in range(1, width + 1):
                    if (r, c) not in formulas and not _same_cell(here.get(r, c), there.get(r, c), saved.fmt == "csv"):
                        raise WrongKind(f"当前工作簿有未保存的修改（如“{sheet}”表 {get_column_letter(c)}{r}），"
                                        f"而“{button}”读取的是已保存的文件，这些修改不会计入。" + (
                                            READ_ONLY.format(button=button) if view.read_only()
                                            else f"请先保存（Ctrl+S），再点“{button}”。"))
    return path


def refuse_unsaved(view: BookView, inputs: Inputs, button: str, *within: Path) -> None:
    """Other workbooks open with unsaved changes whose files the job reads (an application corrected and not saved
    while its summary is refreshed): refused before anything is done, as :func:`saved_as_shown` refuses the open
    one, or their changes would be left out without a word."""
    own = view.path.resolve() if view.path else None
    found = []
    for p in inputs.unsaved():
        try:
            p = p.resolve()
        except (OSError, ValueError):   # a name Excel gives that is no path here (a cloud address)
            continue
        # a 附件3 CSV beside the form is read as a list too (text_table.py): one open and changed is asked about
        if p != own and p.suffix.lower() in SUFFIXES + CONVERT_SUFFIXES + TEXT_LISTS \
                and any(p.is_relative_to(w.resolve()) for w in within):   # a folder's, or the file itself
            found.append(p.name)
    if found:
        listed = "、".join(sorted(found)[:MAX_LISTED]) + ("等" if len(found) > MAX_LISTED else "")
        raise WrongKind(f"打开的工作簿{listed}有未保存的修改，而“{button}”读取的是已保存的文件，这些修改不会计入。"
                        f"请先保存（Ctrl+S），再点“{button}”。")


def _same_cell(a: Any, b: Any, text: bool = False) -> bool:
    """Whether the cell shown (``a``) is the one saved (``b``); ``text``: the saved file is a table saved as text,
    whose text Excel/WPS made a number or date of as it opened it (a 批次 “2024-05”, a 序号 “001”): not an edit."""
    a, b = cell_value(a), cell_value(b)
    if text and isinstance(b, str) and a not in (None, "") and not isinstance(a, str):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def require(view: BookView, *kinds: str) -> str:
    kind = view.kind()
    if kind not in kinds:
        if APPLICATION in kinds:
            other = what_it_is(view)    # as `shibai check` says it: 这是入驻企业名单（附件3）, 这是项目汇总表 …
            raise WrongKind(f"当前工作簿{'是' + other + '，' if other else ''}不是申报表。"
                            "请打开用 shibai new 或“新建申报表”生成并填好的申报表后再点此按钮。")
        raise WrongKind("当前工作簿不是本工具的项目汇总表（缺少 sb_summary 表格）。请打开项目汇总表后再点此按钮。")
    return kind


def finding_rows(findings, result: CheckResult | None = None) -> list[dict[str, Any]]:
    """The findings as the task pane lists them: each message as a message box shows it (:func:`said_safe`: it
    quotes what was typed, “138\u202e…” reversed the rest of its line), its sheet and cell kept to jump to — a cell
    of the separate 附件3 workbook the check of ``result`` read as ``check --json`` names it ("[名单.xlsx]Sheet1",
    :meth:`~shibai_xl.engine.check.CheckResult.sheet_of`), never as a sheet of the open workbook of the same name."""
    sheet_of = result.sheet_of if result is not None else (lambda f: f.sheet)
    return [{"code": f.code, "severity": f.severity, "label": SEVERITY_LABEL.get(f.severity, f.severity),
             "message": said_safe(f.message), "sheet": sheet_of(f), "cell": f.cell} for f in findings]


# --- 申报表 ----------------------------------------------------------------------------------------

def _checked(view: BookView, inputs: Inputs, button: str | None = None) -> CheckResult:
    """``button``: the one clicked, when it reads the list — a separate one open with unsaved changes is refused."""
    require(view, APPLICATION)
    rules = load()
    inputs.status("正在读取申报表…")
    app = view.read_application(rules)
    if view.path is not None:   # a separate 附件3 next to the saved file: found as `shibai check FILE` finds it
        app = with_separate_list(app, view.path, rules, folder_workbooks(view.path))
        if button:
            lists = [view.path.parent / n for n in (app.residents_file, *(app.lists_beside or ())) if n]
            refuse_unsaved(view, inputs, button, *lists)
    inputs.status("正在检查…")
    return check_application(app, rules)


def check(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """检查本申报表: the same result ``shibai check --write`` writes into the file."""
    result = _checked(view, inputs, "检查本申报表")
    inputs.status("正在写入检查结果…")
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in Severity}
    plan = plan_check(result)
    placed = place_results(view, plan)
    edits = plan_edits(view, plan, where=placed)    # first: what of a person's it cannot move is said too
    unwritten = placed.unwritten    # what the workbook has no place for is said, never claimed
    where = ("未写入：" + "；".join(unwritten) + "。有问题的单元格已标色并加批注。" if unwritten
             else f"详见“{placed.result_sheet or RESULT_SHEET}”表；有问题的单元格已标色并加批注。")   # as it is named
    where += "".join(f"\n{line}。" for line in placed.moved)    # a person's text moved on that sheet: said
    return Outcome(f"检查完成：{result.name or '（未填名称）'}\n前置条件：{result.status}\n"
                   f"建议得分：{fmt(result.score.auto)} / {fmt(result.score.max)}（仅供评审参考）\n"
                   f"错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项。\n" + where
                   + kept_in_temp(view.path),
                   edits=edits, findings=finding_rows(result.findings, result))


def score(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """自动评分: only the 评分 sheet's suggested scores and reasons."""
    result = _checked(view, inputs, "自动评分")
    inputs.status("正在写入建议分…")
    edits = plan_edits(view, plan_check(result), results=False, marks=False,
                       keep=lambda name: name.startswith(("sb_score_auto_", "sb_score_reason_")))
    zero = sum(1 for i in result.score.items if i.auto == 0)
    sheet = next((b.sheet for b in edits.blocks), SCORE_SHEET)    # as the workbook names it (评分表)
    return Outcome(f"建议得分：{fmt(result.score.auto)} / {fmt(result.score.max)}（仅供评审参考）\n"
                   f"已写入“{sheet}”表的建议分和建议理由列，{zero} 项为 0 分（见建议理由）；评审得分列未改动。"
                   + kept_in_temp(view.path),
                   edits=edits, findings=finding_rows(result.findings, result))


def residents(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """核对入驻名单: the resident list's totals and cross-check findings; its cells marked."""
    result = _checked(view, inputs, "核对入驻名单")
    if not result.rules.has_resident_list(result.app.type):
        return Outcome("示范企业和示范直播团队的申报表没有入驻企业名单，无需核对。")
    t = result.residents
    if t is None:
        return Outcome(f"{NO_LIST}，申报表旁边也没有它单独的名单工作簿，无法核对。请在“入驻企业名单”表按附件3的表头"
                       "填写名单，或把名单工作簿（文件名或标题写明申报单位名称）放在申报表旁边，保存后再点此按钮。",
                       critical=True)
    # the list's cross-checks, and what it fails to prove (ELIG_EVIDENCE: the verdict 待定 rests on the list)
    findings = [f for f in result.findings if f.code.startswith("XC_RESIDENT") or f.code == "ELIG_EVIDENCE"]
    # a list read from another workbook: its cells are not in this one, nothing here is marked
    sheet = None if result.app.residents_file else result.app.residents_sheet
    plan = plan_check(replace(result, findings=[f for f in findings if f.sheet == sheet]))
    edits = plan_edits(view, plan, values=False, results=False, mark_sheets=[sheet] if sheet else [])
    repeats = f"（共 {t.listed} 行，重复的只计一次）" if t.listed != t.companies else ""
    lines = [f"入驻企业名单：{t.companies} 家{repeats}，从业人数合计 {t.staff} 人，",
             f"年度网络交易额合计 {fmt(t.trade)} 万元，年度网络零售额合计 {fmt(t.retail)} 万元。"]
    if t.duplicates:
        lines.append("重复企业：" + "、".join(name for name, _ in t.duplicates))
    if findings:
        lines.append(f"\n发现 {len(findings)} 个问题：")
        lines += [f"• {f.message}" for f in findings[:MAX_LISTED]]
        if len(findings) > MAX_LISTED:
            lines.append(f"…… 其余 {len(findings) - MAX_LISTED} 个请点“检查本申报表”后在“校验结果”表查看。")
    else:
        lines.append("\n名单与申报表一致，未发现问题。")
    if sheet and (edits.colors or edits.notes):   # what the button changed is said
        lines.append(f"“{sheet}”表中有问题的单元格已标色并加批注。" + kept_in_temp(view.path))
    return Outcome("\n".join(lines), edits=edits, findings=finding_rows(findings, result))


def findings(view: BookView, inputs: Inputs = Inputs()) -> dict[str, Any]:
    """What the task pane lists: the check's verdict and every finding with its cell (nothing is written)."""
    result = _checked(view, inputs)
    return {"file": view.name, "name": said_safe(result.name), "status": result.status,
            "score": float(result.score.auto), "max": float(result.score.max),
            "upload_name": result.upload_name, "findings": finding_rows(result.findings, result)}


def new(view: BookView | None, inputs: Inputs = Inputs()) -> Outcome:
    """新建申报表: a blank template next to the open workbook (of its type; all four otherwise); with no workbook
    open, or one never saved (Excel's 工作簿1 just opened: it has no folder), kept in the cloud or opened from a mail's
    or a zip's temporary folder, in the user's documents, saying why. The open workbook is neither saved nor changed."""
    rules = load()
    declared, kind = (view.constant("sb_type") or "", view.kind(rules)) if view is not None else ("", None)
    elsewhere = None    # why the blanks do not go beside the open workbook
    if view is not None and view.path is None:
        elsewhere = cloud_place(view.address) if is_address(view.address) else "当前工作簿还没有保存（没有所在的文件夹）"
    elif view is not None and temp_folder(view.path.parent):
        elsewhere = temp_place(view.path.parent)
    folder = documents_folder() if view is None or elsewhere else folder_of(view)
    types = [rules.type_id(declared)] if kind == APPLICATION and rules.type_id(declared) else list(rules.types)
    written = [new_workbook(t, free_name(folder / f"{rules.types[t].form_title}（空白）.xlsx")) for t in types]
    where = f"{elsewhere}，空白申报表生成在“{folder}”，当前工作簿没有改动。\n" if elsewhere else ""
    return Outcome(where + "已生成空白申报表：\n" + "\n".join(str(p) for p in written),
                   open_file=written[0] if len(written) == 1 else None)


def documents_folder(home: Path | None = None) -> Path:
    """Where 新建申报表 writes when no workbook is open: the user's 文档 (Documents) folder (~/文档 on a Chinese Linux
    desktop, as its user-dirs file names it)."""
    return documents_dir(home=home)


def free_name(path: Path) -> Path:
    n, candidate = 1, path
    while candidate.exists() or candidate.is_symlink():   # a dangling link is taken too: writing through it lands elsewhere
        n += 1
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
    return candidate


def upload_name(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """生成上传文件名: the scanned PDF's name the notice asks for."""
    result = _checked(view, inputs)
    name = result.upload_name
    inputs.status(name)
    missing = [what for what, ok in (("所属市（州）", result.city), ("名称", result.company)) if not ok]
    hint = f"\n（{'、'.join(missing)}未填写，文件名中暂用占位文字，请填写后重新生成。）" if missing else ""
    return Outcome(f"申报材料扫描件（PDF）请命名为：\n{name}{hint}")


# --- 汇总表 -----------------------------------------------------------------------------------------

def application_folder(summary_folder: Path) -> Path:
    sub = summary_folder / APPLICATION_FOLDER
    return sub if sub.is_dir() else summary_folder


def refresh_summary(view: BookView, folder: Path, batch: str | None = None, progress: Progress | None = None,
                    now: datetime | None = None, choose: Callable[[str, list[str], str], str | None] | None = None
                    ) -> Outcome:
    """``shibai refresh`` for the open summary: the file job's sequence (:func:`~shibai_xl.jobs.refresh.gather`,
    then :func:`~shibai_xl.jobs.refresh.update_book`) on an in-memory copy of the sheets a refresh reads and writes;
    every cell that differs afterwards becomes an edit of the open book. People's work is kept by the same
    rules as a file refresh, because it is the same code. Not carried over: the 统计 sheet's chart (its
    figures are written; the chart is only made by a file refresh: when the count table changes shape the
    message says the range to re-point it to, ``summary_stats.chart_left_behind``) and cell styles of new rows
    (Excel's table style formats them).
    ``choose`` (the face's :attr:`Inputs.choose`): where the refresh would leave projects without a 批次 or in a past
    one, this round's 批次 is asked, and the refresh is ``shibai refresh --batch`` with it (:func:`_this_round`)."""
    folder = Path(folder)
    report, collected = gather(folder, view.path or folder / view.name, progress)
    collected.save_cache(None)  # the open book's bytes are the program's: no summary fingerprint to keep
    wb = mirror(view)
    update_book(report, wb, collected, folder, batch, now, steps=ADDIN)
    if batch is None and choose is not None:
        asked = _this_round(report.update, choose, now)
        if isinstance(asked, Outcome):
            return asked
        if asked is not None:   # the same job again, given the batch, on a fresh copy of the open book's sheets
            wb = mirror(view)
            update_book(report, wb, collected, folder, asked, now, steps=ADDIN)
    collected.save_cache(None)   # the names of shared residents it said, if any: the next refresh reads none again
    edits = summary_edits(view, wb) if report.update.changed else Edits()
    edits.said = "\n".join(x for x in (edits.said, formats_unread(wb)) if x)
    return Outcome(_with_said(report.describe(), edits), critical=report.incomplete, edits=edits, report=report)


def _this_round(update: Any, choose: Callable[[str, list[str], str], str | None],
                now: datetime | None) -> str | Outcome | None:
    """The 批次 for a refresh of the open summary, which has no --batch: asked where the table keeps batches and a
    refresh without one would leave projects without a 批次 (new ones: every later review round would list them
    again) or corrected ones in their past batch (no round would list them) — notice 三、(三): reviews in 5月、8月、
    12月. Offered: the round of today's month, else the table's latest. None: nothing to ask (a table kept without
    batches stays so, as ``shibai refresh`` without --batch keeps it), or a face that cannot ask (the refresh stays
    without a batch, and says so); an Outcome: the question was cancelled, nothing done."""
    if not update.batches or not (update.unbatched or update.waiting):
        return None
    default = round_at(now or datetime.now()) or update.batches[-1]
    typed = choose(_batch_prompt(update, default), update.batches, default)
    if typed is None:
        return None
    if not typed.strip():
        return Outcome("没有输入批次，汇总表未刷新。请再点“刷新汇总表”，输入本次报送的批次（如 "
                       f"{default}）。")
    return batch_option(typed, "批次")


def _batch_prompt(update: Any, default: str) -> str:
    def few(names: list[str]) -> str:   # Excel's input box shows a short question: the report lists them all
        text = "、".join(names[:3])
        return (text if len(text) <= 50 else text[:49] + "…") + ("等" if len(names) > 3 else "")
    lines = []
    if update.unbatched:
        lines.append(f"{len(update.unbatched)} 个项目还没有批次（{few(update.unbatched)}）")
    if update.waiting:
        lines.append(f"{len(update.waiting)} 个项目在原来的批次时前置条件不达标或已撤回、现已改正（{few(update.waiting)}），"
                     "将改为本次的批次")
    had = f"汇总表中已有的批次：{'、'.join(update.batches)}。\n"   # asked only where the table keeps batches
    rounds = review_rounds_text()
    return (f"{'；'.join(lines)}。\n{had}请输入本次报送的批次（省级评审在 {rounds}；写 {default} 或 "
            f"{int(default[5:])}月均可，直接点“确定”为 {default}）：")


def merge_into(view: BookView, cities: list[Path], progress: Progress | None = None,
               now: datetime | None = None) -> Outcome:
    """``shibai merge`` into the open provincial summary: the job runs on a temporary copy of its table."""
    with tempfile.TemporaryDirectory(prefix="shibai-merge-") as tmp:
        copy_path = Path(tmp) / "province.xlsx"
        mirror(view).save(copy_path)
        report = merge_files(copy_path, cities, progress=progress, now=now)
        wb = load_workbook(copy_path)
    report.province = view.path or Path(view.name)
    edits = summary_edits(view, wb)
    return Outcome(_with_said(report.describe(ADDIN), edits), critical=report.incomplete, edits=edits, report=report)


def _with_said(message: str, edits: Edits) -> str:
    return f"{message}\n{edits.said}" if edits.said else message


def refresh(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """刷新汇总表: the open summary from the application workbooks in its folder."""
    kind = view.kind()
    # a 附件4 by hand, or the tool's summary whose table was renamed (表1): `shibai refresh` takes either over
    if (kind == OTHER or (kind == SUMMARY and SUMMARY_TABLE not in view.pkg.tables)) and handmade_summary(view):
        return refresh_handmade(view, inputs)
    if require(view, SUMMARY, PROVINCE) == PROVINCE:
        return Outcome("这是全省汇总表，它的内容来自各市（州）的项目汇总表，请点“合并市州汇总”。")
    folder = application_folder(folder_of(view))
    require_xlsx_book(view, "刷新汇总表")
    refuse_unsaved(view, inputs, "刷新汇总表", folder)
    outcome = refresh_summary(view, folder, progress=inputs.progress("刷新汇总表"), now=inputs.now,
                              choose=inputs.choose)
    outcome.message = f"申报表文件夹：{folder}\n" + outcome.message
    return outcome


def require_xlsx_book(view: BookView, button: str) -> None:
    """A summary the button writes is an Excel workbook, as ``shibai refresh``/``merge`` refuse any other
    (``renamed.require_xlsx``): an .xls/.et open in Excel or WPS was written and saved back in the old format, where
    the command on the same file changes nothing. (.xlsm: Excel writes it itself, its macros kept and never run.)"""
    suffix = view.path.suffix.lower() if view.path is not None else ".xlsx"
    if suffix not in (".xlsx", ".xlsm"):
        raise WrongKind(f"当前工作簿“{view.path.name}”是{OTHER_FORMATS.get(suffix, suffix)}格式，本工具只写入 .xlsx "
                        f"工作簿，未改动它。请先“另存为”Excel 工作簿(*.xlsx)，再在新文件上点“{button}”。")


def handmade_summary(view: BookView) -> bool:
    """An official 附件4 typed by hand (its header row, no sb_summary table): what ``shibai refresh`` takes over."""
    return any(shows_summary_header(view, sheet) for sheet in view.sheet_names)


def refresh_handmade(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """刷新汇总表 on a 附件4 made by hand: the open workbook is left as it is (making it a tool summary would
    restructure it under the person's eyes); its saved file is copied next to it and ``shibai refresh`` takes
    the copy over (rows, 市州评分 and added columns kept, as for a file) and refreshes it; the face opens it."""
    folder = application_folder(folder_of(view))
    refuse_unsaved(view, inputs, "刷新汇总表", folder)
    require_xlsx_book(view, "刷新汇总表")    # the tool's summary saved as .xls/.et (its table not kept) as well
    source = saved_as_shown(view, "刷新汇总表")   # a 市州评分 typed and not saved: asked to save, not left out
    target = free_name(source.with_name(f"{source.stem}-{HANDMADE_SUFFIX}.xlsx"))
    ensure_writable(target)
    try:
        with open(source, "rb") as src, open(target, "xb") as dst:   # a new file, never through a link put there
            shutil.copyfileobj(src, dst)
        report = refresh_file(target, folder, progress=inputs.progress("刷新汇总表"), now=inputs.now, steps=ADDIN)
    except OSError as e:
        _remove_copy(target)
        raise RefusedWrite(f"无法在“{target.parent}”中另存汇总表（{why(e)}），"
                           "请检查文件夹是否可写、磁盘是否已满") from None
    except ShibaiError as e:
        _remove_copy(target)
        if e.args and isinstance(e.args[0], str) and target.name in e.args[0]:   # the copy is gone: name the open book
            e.args = (e.args[0].replace(target.name, source.name), *e.args[1:])
        raise
    what = (f"当前工作簿的汇总表表格已不叫 {SUMMARY_TABLE}（可能被改了名），本工具按手工制作的项目汇总表（附件4）处理"
            if view.kind() == SUMMARY else "当前工作簿是手工制作的项目汇总表（附件4）")
    return Outcome(f"{what}，本工具不直接改动它。已按它保存的内容"
                   f"另存为本工具的汇总表并刷新：{target}\n请在这个新文件上继续工作，以后也在它上面点“刷新汇总表”；"
                   f"当前工作簿没有改动。\n申报表文件夹：{folder}\n" + report.describe(),
                   critical=report.incomplete, open_file=target, report=report)


def _remove_copy(target: Path) -> None:
    for p in (target, target.with_name(target.name + ".bak")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


def _taken_over(path: Path) -> bool:
    """A hand-made 附件4 that 刷新汇总表 took over into the tool summary beside it: that one is the city's now."""
    return path.with_name(f"{path.stem}-{HANDMADE_SUFFIX}.xlsx").is_file()


def _summary_sheets(view: BookView) -> list[str]:
    """The sheets of a summary a merge or review reads: its table's (without it, table renamed: the one showing
    the 附件4 header, as the merge reads it) and the tool's own (问题文件 …)."""
    table = view.pkg.tables.get(SUMMARY_TABLE)
    rows = [table.sheet] if table else [s for s in view.sheet_names if shows_summary_header(view, s)]
    return rows + [s for s in COPIED_SHEETS if s in view.pkg.sheets]


def summary_files(folder: Path, exclude: Path | None = None, unreadable: bool = True) -> tuple[list[Path], list[Path]]:
    """(市州 summaries, provincial summaries) among the workbooks directly in ``folder``, told apart as the
    ribbon tells the open workbook's kind (:meth:`~shibai_xl.adapters.view.BookView.kind`). A city's summary is
    what ``shibai merge`` reads: the tool's (also saved as .xls/.ods, its table lost), a 附件4 made by hand (its
    header row); a workbook that cannot be read is given to the merge too (``unreadable``: in the province's
    folder of city summaries; a city's own folder may hold its applications), which lists it and calls the total
    incomplete — never left out without a word."""
    cities, provinces = [], []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES + CONVERT_SUFFIXES + TEXT_LISTS):
        if is_left_by_system(path) or not path.is_file() or (exclude and path.resolve() == exclude.resolve()):
            continue
        if path.suffix.lower() in TEXT_LISTS:   # a 附件4 sent as CSV, which `shibai merge` reads
            kind = _text_summary_kind(path, unreadable)
        else:
            kind = _workbook_kind(path, unreadable)
        if kind == PROVINCE:
            provinces.append(path)
        elif kind == SUMMARY:
            cities.append(path)
    return cities, provinces


def _text_summary_kind(path: Path, unreadable: bool) -> str:
    """A text table's kind as :func:`summary_files` tells a workbook's: a city's 附件4 when the merge reads it as one
    (a provincial one by its title), one that cannot be read as text given to the merge (``unreadable``), which
    lists it; a note or another table is none."""
    try:
        summary = read_summary(path)
    except UnreadableFile:
        return SUMMARY if unreadable else OTHER
    except (ShibaiError, OSError):     # no 附件4 header: a note, another table
        return OTHER
    return PROVINCE if province_titled(summary.title) else SUMMARY


def _workbook_kind(path: Path, unreadable: bool) -> str:
    """A workbook's kind for :func:`summary_files`."""
    try:
        with FileBook(path) as book:
            kind = book.kind()
            # a 附件4 by hand (or a summary whose table was renamed): the city's, unless taken over beside it
            if kind in (OTHER, SUMMARY) and SUMMARY_TABLE not in book.pkg.tables and handmade_summary(book):
                kind = OTHER if _taken_over(path) else SUMMARY
    except (UnreadableFile, OSError):
        kind = SUMMARY if unreadable else OTHER
    return kind


def merge(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """合并市州汇总: the cities' summaries in this folder into the provincial summary."""
    kind = require(view, SUMMARY, PROVINCE)
    folder = folder_of(view)
    refuse_unsaved(view, inputs, "合并市州汇总", folder)
    cities, _ = summary_files(folder, exclude=view.path, unreadable=kind == PROVINCE)
    progress = inputs.progress("合并市州汇总")
    if kind == PROVINCE:
        require_xlsx_book(view, "合并市州汇总")
        if not cities:
            return Outcome(f"文件夹 {folder} 中没有其他市（州）项目汇总表。"
                           "请把各市（州）报来的汇总表放到全省汇总表所在的文件夹。")
        return merge_into(view, cities, progress=progress, now=inputs.now)
    cities = sorted([saved_as_shown(view, "合并市州汇总", _summary_sheets(view)), *cities])
    report = merge_files(folder / PROVINCE_FILE, cities, progress=progress, now=inputs.now, steps=ADDIN)
    return Outcome(report.describe(ADDIN), critical=report.incomplete, report=report)


# --- 评审 -------------------------------------------------------------------------------------------

# the panel, as ``review make --experts`` and ``--expert-cities`` give it (the WPS add-in asks the same line itself)
EXPERTS_PROMPT = ("请输入评审专家姓名，用逗号或顿号分隔（例如：甲,乙,丙 或 甲、乙、丙）；"
                  "专家所属市（州）写在姓名后，用于回避本市（州）的项目（例如：甲=贵阳市、乙=遵义市、丙）：")


def review_make(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """专家评分表: one scoring workbook per expert, from the open summary."""
    _require_summary(view)
    source, folder = saved_as_shown(view, "专家评分表", _summary_sheets(view)), folder_of(view)
    review_folder(folder)
    refuse_unsaved(view, inputs, "专家评分表", folder)   # the applications' saved files give the suggested scores
    answer = inputs.ask(EXPERTS_PROMPT)
    experts, cities = split_panel(answer)
    if not experts:
        if answer is None:
            return Outcome("这里不能输入专家名单。请在命令行运行：\n"
                           f"shibai review make \"{folder / REVIEW_FOLDER}\" --from \"{source}\" --experts 甲,乙,丙")
        return Outcome("没有输入专家姓名，未生成评分表。")
    batches, latest = summary_rounds(source, inputs.now, steps=ADDIN)
    round_id = None     # one 批次 (or none): the round is the summary's; a face that cannot ask: the latest, as said
    if len(batches) > 1:    # 三、(三): reviews in 5月、8月、12月 — the 5月 round's books may be made after 8月's files came
        typed = inputs.choose(_round_prompt(batches, latest), batches, latest)
        if typed is not None:
            if not typed.strip():
                return Outcome("没有输入评审批次，未生成评分表。")
            round_id = matching_round(batches, typed)
            if round_id == latest:    # 确定 on the latest: the round make takes given none, and says so
                round_id = None
            elif round_id is None:
                return Outcome(f"汇总表中没有批次“{typed.strip()}”（汇总表的批次：{'、'.join(batches)}），未生成评分表。"
                               "请再点“专家评分表”，输入其中一个批次。", critical=True)
    report = review_job.make(review_folder(folder), source, experts, expert_cities=cities or None, round_id=round_id,
                             now=inputs.now, steps=ADDIN)
    return Outcome(report.describe(), report=report)


def review_folder(folder: Path) -> Path:
    """The round's folder beside the summary (:data:`REVIEW_FOLDER`), where 专家评分表 writes and 汇总专家评分 reads
    the experts' workbooks; refused when it is a link (symlink, junction) to a place outside ``folder``: that folder
    may hold what applicants sent (an archive unpacked beside the summary), and no path is taken from it — the
    workbooks, every project's data in them, would be written wherever the link points."""
    round_dir = folder / REVIEW_FOLDER
    if os.path.islink(round_dir) or (hasattr(os.path, "isjunction") and os.path.isjunction(round_dir)):
        real, inside = os.path.realpath(round_dir), os.path.realpath(folder)
        if not real.startswith(inside + os.sep):
            raise RefusedWrite(f"“{round_dir}”是指向本文件夹以外位置（{real}）的链接，为安全起见没有在其中生成或读取"
                               f"专家评分表。请把这个链接移出“{folder}”（或改名）后再点此按钮；要把评审工作簿放在别处，"
                               f"请在命令行运行 shibai review make 并写明文件夹。")
    return round_dir


def _require_summary(view: BookView) -> None:
    """专家评分表 reads what people have: the tool's summary, or a 附件4 typed by hand (its header row), as
    ``shibai review make --from`` reads it; any other workbook is refused."""
    if view.kind() != OTHER or not handmade_summary(view):
        require(view, SUMMARY, PROVINCE)


def _round_prompt(batches: list[str], latest: str) -> str:
    return (f"汇总表中有 {len(batches)} 个批次：{'、'.join(batches)}。\n请输入本轮评审的批次"
            f"（直接点“确定”为最新的批次 {latest}）：")


def review_round(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """专家评分表's question of the 批次, asked before the workbook is saved for the button (the WPS add-in asks it
    between requests, as it asks the experts: cancelled, nothing is saved): from the summary's saved file, nothing
    written. The button's own request asks again if the saved file's 批次 differ then."""
    _require_summary(view)
    folder_of(view)
    batches, latest = summary_rounds(view.path, inputs.now, steps=ADDIN)
    if len(batches) > 1:
        inputs.choose(_round_prompt(batches, latest), batches, latest)
    return Outcome("")


def review_collect(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """汇总专家评分: the experts' workbooks of the review folder into one result workbook."""
    folder, table = folder_of(view), None
    # an expert's workbook or the round's 评审安排 lie in the round's folder; their saved files are what collect reads
    in_round = "sb_expert_scores" in view.pkg.tables or (view.constant("sb_type") or "").strip() == PLAN_KIND
    if in_round:
        saved_as_shown(view, "汇总专家评分")
    elif "sb_summary" in view.pkg.tables:         # the summary: read again for the projects withdrawn since make —
        # this one, as `review collect --from` reads it (saved under a new name since, the one make recorded is gone)
        table = saved_as_shown(view, "汇总专家评分", _summary_sheets(view))
    round_dir = folder if in_round else review_folder(folder)
    out = round_dir.parent / REVIEW_RESULT_FILE
    if view.path is not None and view.path.resolve() == out.resolve():   # the file collect would write over
        raise WrongKind(f"当前打开的就是评审结果工作簿“{out.name}”，“汇总专家评分”要重新生成这个文件，不能在它打开时覆盖它。"
                        "请先关闭它，再打开项目汇总表或任一专家评分表点“汇总专家评分”，完成后重新打开它查看。")
    if not round_dir.is_dir():
        if not in_round and table is None and not handmade_summary(view):   # clicked in the wrong workbook
            said = "是申报表，" if view.kind() == APPLICATION else ""
            raise WrongKind(f"当前工作簿{said}不是项目汇总表、专家评分表或评审安排。“汇总专家评分”请在生成了专家评分表的"
                            "项目汇总表上点，或在“专家评审”文件夹里任一专家评分表上点。")
        return Outcome(f"找不到评审文件夹 {round_dir}。请先点“专家评分表”生成专家评分工作簿。")
    refuse_unsaved(view, inputs, "汇总专家评分", round_dir)    # an expert's scores typed in another open window
    report = review_job.collect(round_dir, out, table=table, steps=ADDIN)
    return Outcome(report.describe(), critical=report.incomplete, report=report)


def show_help(view: BookView | None = None, inputs: Inputs = Inputs()) -> Outcome:
    return Outcome(HELP_TEXT)


def main(view: BookView, inputs: Inputs = Inputs()) -> Outcome:
    """What the workbook is decides: an application is checked, a summary refreshed, the province merged."""
    kind = view.kind()
    if kind == APPLICATION:
        return check(view, inputs)
    if kind == SUMMARY:
        return refresh(view, inputs)
    if kind == PROVINCE:
        return merge(view, inputs)
    return Outcome("当前工作簿不是本工具的申报表或项目汇总表。请打开申报表（检查）或项目汇总表（刷新）后再运行。",
                   critical=True)


ACTIONS: dict[str, Callable[[BookView, Inputs], Outcome]] = {
    "sb_check": check,
    "sb_score": score,
    "sb_residents": residents,
    "sb_refresh": refresh,
    "sb_merge": merge,
    "sb_new": new,
    "sb_upload_name": upload_name,
    "sb_review_make": review_make,
    "sb_review_collect": review_collect,
    "sb_help": show_help,
}
ASK_FIRST: dict[str, Callable[[BookView, Inputs], Outcome]] = {"sb_review_make": review_round}   # see review_round
