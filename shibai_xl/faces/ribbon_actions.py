"""The 十百千万 ribbon: one action per button of :data:`shibai_xl.addin.ribbon.RIBBON_BUTTONS`.

Every button calls ``dispatch('<control id>')`` (VBA ``SbRibbonAction`` → RunPython);
the fallback add-in's one button calls :func:`run_main`. Each action reads the
open workbook once (:class:`~shibai_xl.adapters.excel.OpenBook`), computes with the
same engine and jobs as the command line, then writes everything back. Progress
goes to Excel's status bar, every problem to a Chinese message box — never a
traceback. The caller's file is never opened with openpyxl: the open workbook is
changed through xlwings only.
"""
from __future__ import annotations

import os
import sys
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from ..adapters.excel.book import APPLICATION, PROVINCE, SUMMARY, OpenBook
from ..adapters.xlsx.package import UnreadableFile
from ..engine.fmt import fmt
from ..errors import ShibaiError

TITLE = "十百千万"
MAX_LISTED = 12
APPLICATION_FOLDER = "申报表"
REVIEW_FOLDER = "专家评审"
PROVINCE_FILE = "全省项目汇总表.xlsx"

HELP_TEXT = """贵州省电子商务“十百千万”工程示范项目申报工具

申报表
• 检查本申报表：检查必填项、格式、前置条件和入驻企业名单，结果写入“校验结果”表，有问题的单元格标色并加批注；建议得分写入“评分”表。
• 自动评分：只按评选指标体系（附件5）计算“评分”表的建议分和理由，评审得分列不改动。
• 核对入驻名单：核对入驻企业名单的家数、交易额、零售额、从业人数和重复企业。
• 新建申报表：在当前文件旁生成一份空白申报表。
• 生成上传文件名：按通知要求生成扫描件 PDF 的文件名。

汇总表
• 刷新汇总表：从汇总表所在文件夹（有“申报表”子文件夹时用它）的全部申报表刷新项目汇总表，市州评分和人工添加的列保留不变。
• 合并市州汇总：把同一文件夹中各市（州）的项目汇总表合并为全省汇总表。

评审
• 专家评分表 / 汇总专家评分：生成每位专家的评分工作簿，汇总专家评分并排名。

建议分只是评审参考，以评审专家的评分为准。命令行用法：shibai -h"""


class Context:
    """The workbook an action works on, with the status bar and the message box."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._ob: OpenBook | None = None

    @property
    def ob(self) -> OpenBook:
        if self._ob is None:
            self._ob = OpenBook(self.book)
        return self._ob

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

    def folder(self) -> Path:
        path = self.ob.path
        if path is None:
            raise UnreadableFile("当前工作簿还没有保存。请先保存（文件 → 另存为，保存为 .xlsx）后再操作。")
        return path.parent


# --- 申报表 ----------------------------------------------------------------------------------------

def _require(ctx: Context, *kinds: str) -> str:
    kind = ctx.ob.kind()
    if kind not in kinds:
        if APPLICATION in kinds:
            raise UnreadableFile("当前工作簿不是申报表。请打开用 shibai new 或“新建申报表”生成并填好的申报表后再点此按钮。")
        raise UnreadableFile("当前工作簿不是本工具的项目汇总表（缺少 sb_summary 表格）。请打开项目汇总表后再点此按钮。")
    return kind


def _check(ctx: Context):
    from ..engine.check import check
    from ..rules import load

    _require(ctx, APPLICATION)
    rules = load()
    ctx.status("正在读取申报表…")
    app = ctx.ob.read_application(rules)
    ctx.status("正在检查…")
    return check(app, rules)


def check_action(ctx: Context) -> None:
    """检查本申报表: the same result ``shibai check --write`` writes into the file."""
    from ..adapters.excel.writer import apply_plan
    from ..adapters.plan import plan_check

    result = _check(ctx)
    ctx.status("正在写入检查结果…")
    apply_plan(ctx.ob, plan_check(result))
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
    ctx.alert(f"检查完成：{result.name or '（未填名称）'}\n前置条件：{result.status}\n"
              f"建议得分：{fmt(result.score.auto)} / {fmt(result.score.max)}（仅供评审参考）\n"
              f"错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项。\n"
              "详见“校验结果”表；有问题的单元格已标色并加批注。")


def score_action(ctx: Context) -> None:
    """自动评分: only the 评分 sheet's suggested scores and reasons."""
    from ..adapters.excel.writer import apply_plan
    from ..adapters.plan import plan_check

    result = _check(ctx)
    ctx.status("正在写入建议分…")
    apply_plan(ctx.ob, plan_check(result), results=False, marks=False,
               keep=lambda name: name.startswith(("sb_score_auto_", "sb_score_reason_")))
    zero = sum(1 for i in result.score.items if i.auto == 0)
    ctx.alert(f"建议得分：{fmt(result.score.auto)} / {fmt(result.score.max)}（仅供评审参考）\n"
              f"已写入“评分”表的建议分和建议理由列，{zero} 项为 0 分（见建议理由）；评审得分列未改动。")


def residents_action(ctx: Context) -> None:
    """核对入驻名单: the resident list's totals and cross-check findings; its cells marked."""
    from ..adapters.excel.writer import apply_plan
    from ..adapters.plan import plan_check

    result = _check(ctx)
    if result.app.type not in ("park", "base"):
        ctx.alert("示范企业和示范直播团队的申报表没有入驻企业名单，无需核对。")
        return
    t = result.residents
    if t is None:
        ctx.alert("工作簿中没有名为 sb_residents 的入驻企业名单表格，无法核对。请使用 shibai new 生成的申报表模板。",
                  critical=True)
        return
    findings = [f for f in result.findings if f.code.startswith("XC_RESIDENT")]
    sheet = result.app.residents_sheet
    plan = plan_check(replace(result, findings=[f for f in findings if f.sheet == sheet]))
    apply_plan(ctx.ob, plan, values=False, results=False, mark_sheets=[sheet] if sheet else [])
    lines = [f"入驻企业名单：{t.companies} 家，从业人数合计 {t.staff} 人，",
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
    ctx.alert("\n".join(lines))


def new_action(ctx: Context) -> None:
    """新建申报表: a blank template next to the open workbook (of its type; all four otherwise)."""
    from ..jobs.new_workbook import new_workbook
    from ..rules import load

    rules = load()
    folder = ctx.folder()
    kind = ctx.ob.kind(rules)
    declared = ctx.ob.constant("sb_type") or ""
    types = [rules.type_id(declared)] if kind == APPLICATION and rules.type_id(declared) else list(rules.types)
    written = []
    for t in types:
        out = _free_name(folder / f"{rules.types[t].form_title}（空白）.xlsx")
        written.append(new_workbook(t, out))
    if len(written) == 1 and ctx.book.app.engine.name == "excel":
        try:
            ctx.book.app.books.open(str(written[0]))
        except Exception:  # opening is a convenience; the file is written either way
            pass
    ctx.alert("已生成空白申报表：\n" + "\n".join(str(p) for p in written))


def _free_name(path: Path) -> Path:
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
    return candidate


def upload_name_action(ctx: Context) -> None:
    """生成上传文件名: the scanned PDF's name the notice asks for."""
    result = _check(ctx)
    name = result.upload_name
    ctx.status(name)
    missing = [what for what, ok in (("所属市（州）", result.city), ("名称", result.name)) if not ok]
    hint = f"\n（{'、'.join(missing)}未填写，文件名中暂用占位文字，请填写后重新生成。）" if missing else ""
    ctx.alert(f"申报材料扫描件（PDF）请命名为：\n{name}{hint}")


# --- 汇总表 -----------------------------------------------------------------------------------------

def application_folder(summary_folder: Path) -> Path:
    sub = summary_folder / APPLICATION_FOLDER
    return sub if sub.is_dir() else summary_folder


def refresh_action(ctx: Context) -> None:
    """刷新汇总表: the open summary from the application workbooks in its folder."""
    from ..adapters.excel.summary import refresh_open

    if _require(ctx, SUMMARY, PROVINCE) == PROVINCE:
        ctx.alert("这是全省汇总表，它的内容来自各市（州）的项目汇总表，请点“合并市州汇总”。")
        return
    folder = application_folder(ctx.folder())
    report = refresh_open(ctx.ob, folder, progress=ctx.progress("刷新汇总表"))
    ctx.alert(f"申报表文件夹：{folder}\n" + report.describe())


def summary_files(folder: Path, exclude: Path | None = None) -> tuple[list[Path], list[Path]]:
    """(市州 summaries, provincial summaries) among the workbooks directly in ``folder``."""
    from ..adapters.xlsx.package import open_package
    from ..adapters.xlsx.reader import open_workbook
    from ..jobs.refresh import SKIP_PREFIXES

    cities, provinces = [], []
    for path in sorted(folder.glob("*.xlsx")):
        if path.name.startswith(SKIP_PREFIXES) or (exclude and path.resolve() == exclude.resolve()):
            continue
        try:
            pkg = open_package(path)
            is_summary = "sb_summary" in pkg.tables
            pkg.close()
            if not is_summary:
                continue
            wb = open_workbook(path)
            try:
                loc = wb.pkg.named_cell("sb_summary_title")
                title = str(wb.grid(loc[0]).get(1, 1) or "") if loc else ""
            finally:
                wb.close()
        except UnreadableFile:
            continue
        (provinces if "全省" in title else cities).append(path)
    return cities, provinces


def merge_action(ctx: Context) -> None:
    """合并市州汇总: the cities' summaries in this folder into the provincial summary."""
    from ..adapters.excel.summary import merge_open
    from ..jobs.merge import merge

    kind = _require(ctx, SUMMARY, PROVINCE)
    folder = ctx.folder()
    cities, _ = summary_files(folder, exclude=ctx.ob.path)
    progress = ctx.progress("合并市州汇总")
    if kind == PROVINCE:
        if not cities:
            ctx.alert(f"文件夹 {folder} 中没有其他市（州）项目汇总表。请把各市（州）报来的汇总表放到全省汇总表所在的文件夹。")
            return
        report = merge_open(ctx.ob, cities, progress=progress)
    else:
        cities = sorted([ctx.ob.path, *cities])
        report = merge(folder / PROVINCE_FILE, cities, progress=progress)
    ctx.alert(report.describe())


# --- 评审 -------------------------------------------------------------------------------------------

def _review_module():
    try:
        from ..jobs import review
    except ImportError:
        raise UnreadableFile("专家评审功能未安装完整，请更新本工具后再试。") from None
    return review


def review_make_action(ctx: Context) -> None:
    """专家评分表: one scoring workbook per expert, from the open summary."""
    review = _review_module()
    _require(ctx, SUMMARY, PROVINCE)
    source, folder = ctx.ob.path, ctx.folder()
    answer = ctx.ask("请输入评审专家姓名，用逗号分隔（例如：甲,乙,丙）：")
    experts = [e.strip() for e in (answer or "").replace("，", ",").split(",") if e.strip()]
    if not experts:
        if answer is None:
            ctx.alert("此版本的 Excel 不能在这里输入专家名单。请在命令行运行：\n"
                      f"shibai review make \"{folder / REVIEW_FOLDER}\" --from \"{source}\" --experts 甲,乙,丙")
        return
    report = review.make(folder / REVIEW_FOLDER, source, experts)
    ctx.alert(report.describe())


def review_collect_action(ctx: Context) -> None:
    """汇总专家评分: the experts' workbooks of the review folder into one result workbook."""
    review = _review_module()
    folder = ctx.folder()
    round_dir = folder if "sb_expert_scores" in ctx.ob.pkg.tables else folder / REVIEW_FOLDER
    if not round_dir.is_dir():
        ctx.alert(f"找不到评审文件夹 {round_dir}。请先点“专家评分表”生成专家评分工作簿。")
        return
    report = review.collect(round_dir, round_dir.parent / "专家评审结果.xlsx")
    ctx.alert(report.describe())


def help_action(ctx: Context) -> None:
    ctx.alert(HELP_TEXT)


ACTIONS: dict[str, Callable[[Context], None]] = {
    "sb_check": check_action,
    "sb_score": score_action,
    "sb_residents": residents_action,
    "sb_refresh": refresh_action,
    "sb_merge": merge_action,
    "sb_new": new_action,
    "sb_upload_name": upload_name_action,
    "sb_review_make": review_make_action,
    "sb_review_collect": review_collect_action,
    "sb_help": help_action,
}


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
    except ShibaiError as e:  # every refusal: unreadable, open elsewhere, disk full, no permission
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


def main_action(ctx: Context) -> None:
    """What the active workbook is decides: an application is checked, a summary refreshed,
    the provincial summary merged."""
    kind = ctx.ob.kind()
    if kind == APPLICATION:
        check_action(ctx)
    elif kind == SUMMARY:
        refresh_action(ctx)
    elif kind == PROVINCE:
        merge_action(ctx)
    else:
        ctx.alert("当前工作簿不是本工具的申报表或项目汇总表。请打开申报表（检查）或项目汇总表（刷新）后再运行。",
                  critical=True)


def run_main(book: Any = None) -> None:
    """Entry of the fallback add-in's Run button (``shibai_xl.main()``)."""
    _run(main_action, book)
