"""``shibai review make`` / ``shibai review collect``: the 省级评审 (notice 三、(三)).

make: the round's eligible projects from a 项目汇总表 (市州 or 全省) → one 专家评分表 per
expert (with the tool's suggested score per item, re-checked from the application
workbook when the summary's 来源文件 is found next to it) and a 评审安排 workbook.

collect: every 专家评分表 in the round folder → 评审结果 (ranking per type, 拟认定名单,
公示). A workbook changed where it must not be, or from another round, stops the
collection with a message naming the expert and the cell; a missing or out-of-range
score only removes that expert's total for that project, and the 问题 column says so.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import chain
from pathlib import Path

from ..adapters.file_names import file_label, find_labelled, locate_label, network_path, path_label
from ..adapters.files import ensure_writable, note_written, remove_stale_temps, write_atomic
from ..adapters.xlsx import review_book as B
from ..adapters.xlsx.package import NOT_A_FILE, UnreadableFile
from ..engine import fields as F
from ..engine import review as R
from ..engine.parse.text import company_key
from ..engine.review_changes import table_changes
from ..engine.summary_table import city_in, source_label
from ..errors import BadOption, Interrupted, RefusedWrite, ShibaiError, UnreadableInput, WrongKind, not_xlsx, why
from ..rules import Rules, load
from .check_file import check_near, folder_workbooks
from .in_processes import helpers_here, map_runs, split
from .next_steps import COMMAND_LINE, NextSteps
from .review_make_notes import (
    SUFFIXES,
    lost_codes,
    refuse_if_scored,
    returned_books,
    round_files,
    strangers,
    unfound_applications,
    unplaced,
    unread_verdicts,
    unscorable,
)
from .review_report import CollectReport
from .review_round import (
    PLAN_FILE,
    check_round_id,
    checked_books,
    folder_round,
    named_for_others,
    one_plan,
    printed_books,
    printed_by,
    read_summary,
    read_summary_said,
    reference_round,
    refuse_other_round,
    refuse_other_round_result,
    round_note,
    round_of,
    said_files,
    totals_typed,
    typed_in,
    unread_books,
    unread_note,
)
from .workbook_files import (
    ARCHIVES,
    LOCK_PREFIXES,
    QUIET_SUFFIXES,
    is_left_by_system,
    is_locked,
    is_skipped,
    link_outside,
    opened_line,
)


def expert_file(expert: str) -> str:
    return f"专家评分表-{expert}.xlsx"


# --- make ---------------------------------------------------------------------------------------------

@dataclass
class MakeReport:
    round_dir: Path
    round_id: str
    experts: list[tuple[str, str, int, int, str]] = field(default_factory=list)   # name, city, projects, recused, file
    projects: list[R.Project] = field(default_factory=list)
    skipped: list[R.Skipped] = field(default_factory=list)
    with_suggestion: int = 0
    notes: list[str] = field(default_factory=list)
    steps: NextSteps = COMMAND_LINE
    kept: list[str] = field(default_factory=list)   # experts whose workbook, already scored, was left as it was

    def describe(self) -> str:
        counts = Counter(p.type for p in self.projects)
        shorts = {t: pt.short for t, pt in load().types.items()}
        lines = [f"评审轮次 {self.round_id}：已在 {self.round_dir} 为 {len(self.experts) - len(self.kept)} 位专家生成评分表"
                 + (f"（另有 {len(self.kept)} 位专家的评分表已有评分，未改动）" if self.kept else "") + "："]
        for name, city, n, rec, file in self.experts:
            lines.append(f"  • {name}{f'（{city}）' if city else ''}：{file}，评审 {n} 个项目"
                         + (f"，回避 {rec} 个" + "（全部回避，评分表无需发出）" * (not n) if rec else "")
                         + ("（已有专家评分，未改动）" if name in self.kept else ""))
        pending = sum(1 for p in self.projects if p.pending)
        lines.append(f"评审项目 {len(self.projects)} 个（"
                     + "、".join(f"{shorts[t]} {counts[t]}" for t in R.TYPE_ORDER if counts[t]) + "）"
                     + (f"；其中前置条件待定 {pending} 个，已在评分表中标黄，认定前须核实" if pending else "") + "。")
        if self.skipped:
            reasons = Counter(s.reason if not s.reason.startswith("与") else "重复" for s in self.skipped)
            lines.append(f"未列入评审 {len(self.skipped)} 个：" + "，".join(f"{k} {v} 个" for k, v in reasons.items()) + "。")
            twins = [f"  • {s.name}：{s.reason}" for s in self.skipped if s.reason.startswith("与")]   # which row is scored
            lines += twins[:10] + ([f"  …… 共 {len(twins)} 个，见{PLAN_FILE}"] if len(twins) > 10 else [])
            if unnamed := [s.where for s in self.skipped if s.reason in (R.NAMELESS, R.PICTURED)]:
                at = "、".join(w for w in unnamed[:10] if w) + ("等" if len(unnamed) > 10 else "")
                lines.append(f"注意：汇总表中有 {len(unnamed)} 行项目{f'（{at}）' if at else ''}{R.UNNAMED}")
        missing = len(self.projects) - self.with_suggestion
        lines.append(f"建议分：{self.with_suggestion} 个项目取自申报表"
                     + (f"，{missing} 个项目未找到或无法读取申报表（建议分留空）" if missing else "") + "。")
        lines.append(f"评审安排：{PLAN_FILE}（汇总时用于核对，请勿修改）。"
                     f"专家填完后把评分表放回本文件夹，{self.steps.collect}。")
        lines += self.notes
        return "\n".join(lines)


def _application_path(summary: Path, source: str, city: str = "") -> Path | None:
    """The summary's 来源文件, next to the summary or in its 申报表 subfolder — for a provincial summary, whose
    来源文件 reads "遵义市汇总表.xlsx/园区.xlsx", also in a folder of the reporting city or of the row's 市（州）
    (申报表/遵义市/园区.xlsx, 遵义市/园区.xlsx, or by the city's short name: 申报表/遵义/园区.xlsx), as the province files
    what each city sends, and then as the city's own name for it next to the summary or in 申报表 (one folder for all)
    — never outside the summary's folder."""
    if not source:
        return None
    source = source_label(source)   # written on Windows by an earlier version (申报表\\园区.xlsx)
    base = summary.resolve().parent
    candidates = [base / source, base / "申报表" / source]
    head, _, rest = source.partition("/")
    if rest and Path(head).suffix.lower() in SUFFIXES:      # a provincial row: the city's summary / its label
        folders = {city_in(Path(head).stem), Path(head).stem, city} - {"", None}
        folders |= {f.rstrip("市州").removesuffix("新区") for f in folders if f in F.CITIES}   # 申报表/贵阳, 黔东南
        candidates += [base / sub / folder / rest for folder in sorted(folders) for sub in ("申报表", ".")]
        candidates += [base / "申报表" / rest, base / rest]     # kept in one folder: the name and type are checked
    elif city:
        candidates += [base / "申报表" / city / source, base / city / source]
    # a name that leaves the folder by itself (absolute, another drive, a UNC path, ..) is never asked of the file
    # system: resolve() would open it (on Windows an SMB connection) before the check below
    inside = [c for c in candidates if Path(os.path.normpath(c)).is_relative_to(base)]
    # then as refresh named it: a name in GBK (a Windows zip unzipped on 统信 UOS/麒麟) as Windows showed it
    labelled = (found for c in inside if (found := find_labelled(base, c.relative_to(base))) is not None)
    for candidate in chain(inside, labelled):
        try:
            path = candidate.resolve()
        except (OSError, RuntimeError):
            continue
        if path.is_file() and path.is_relative_to(base) and path.suffix.lower() in SUFFIXES:
            return path
    return None


Suggested = tuple[dict[str, R.Suggestion], float | None, str]   # item id → suggestion, total, file shown


def _all_suggestions(summary: Path, projects: list[R.Project]) -> list[Suggested]:
    """Every project's suggested scores, re-checked from its application (side by side on a machine with
    several cores); each folder's workbooks are listed once, not once for every application in it."""
    paths = [_application_path(summary, p.source, p.city) for p in projects]
    near = {path.parent: folder_workbooks(path) for path in {p for p in paths if p is not None}}
    pieces = list(zip(projects, paths))
    return map_runs(_suggestion_run, split(pieces, 4 * helpers_here()), (summary, near))


def _suggestion_run(pieces: list[tuple[R.Project, Path | None]], shared: tuple[Path, dict]) -> list[Suggested]:
    summary, near = shared
    return [_suggestions(summary, project, path, near[path.parent] if path else []) for project, path in pieces]


def _suggestions(summary: Path, project: R.Project, path: Path | None, siblings: list[Path]) -> Suggested:
    """(item id → suggestion, suggested total, application file shown in the plan)."""
    rules = load()

    def blank(reason: str) -> dict[str, R.Suggestion]:
        return {i.id: R.Suggestion(None, reason) for i in rules.rubric(project.type)}

    if path is None:
        return blank(R.NO_APPLICATION), None, ""
    shown = file_label(path, summary.resolve().parent)   # a name in GBK as Windows showed it: a cell cannot hold it
    try:
        result = check_near(path, siblings)
    except ShibaiError as e:   # unreadable or not an application: this project gets no suggestion
        return blank(f"申报表无法读取：{str(e)[:60]}"), None, shown
    except Exception as e:  # a file that breaks the engine must not stop the round
        return blank(f"申报表处理出错（{why(e)}）"), None, shown
    if result.app.type != project.type:
        return blank(f"申报表类型为{rules.types[result.app.type].short}，与汇总表（{rules.types[project.type].short}）不一致"), \
            None, shown
    if result.name and company_key(result.name) != company_key(project.name):
        return blank(f"申报表名称“{result.name}”与汇总表不一致"), None, shown
    items = {it.id: R.Suggestion(float(it.auto), it.reason) for it in result.score.items}
    return items, float(result.score.auto), shown


def make(round_dir: str | Path, source: str | Path, experts: Sequence[str], expert_cities: str | dict | None = None,
         round_id: str | None = None, now: datetime | None = None, steps: NextSteps = COMMAND_LINE) -> MakeReport:
    """One 专家评分表 per expert and the round's 评审安排 (CONTRACT §5b); refuses, writing nothing, on bad
    options, a source without projects to review, or an expert workbook already scored. ``steps``: how the report
    words what to do next (the face's)."""
    rules = load()
    round_dir, source = Path(round_dir), Path(source)
    now = (now or datetime.now()).replace(microsecond=0)
    names = R.parse_experts(experts)                       # R.ReviewError is a BadOption
    cities = R.parse_expert_cities(expert_cities, names)
    if round_dir.exists() and not round_dir.is_dir():
        raise BadOption(f"{round_dir} 是文件，不是文件夹；请指定存放专家评分表的文件夹")
    rows, said_of_source = read_summary_said(source, steps)
    given = round_id is not None
    round_id = R.round_option(round_id, rules) if given else round_of(rows, now, folder_round(round_dir, rules))
    projects, skipped = R.select_projects(rows, rules, round_id)
    if not projects:
        raise WrongKind(f"项目汇总表“{file_label(source)}”中没有可评审的项目（前置条件达标或待定、且未撤回的项目）")
    said_of_rounds = round_note(rows, round_id, given, steps)
    round_id = check_round_id(round_id, rules)
    refuse_other_round(round_dir, round_id, rules, steps)
    round_dir.mkdir(parents=True, exist_ok=True)
    targets = {n: round_dir / expert_file(n) for n in names}
    fp = R.round_fingerprint(round_id, projects, rules)
    recusals = {name: R.conflicts(cities.get(name, ""), projects) for name in names}
    others = returned_books(round_dir, targets, rules)
    kept = _refuse_overwrites(targets, round_dir, rules, (round_id, fp, cities, recusals, projects), others)
    suggestions, totals, app_files = {}, {}, {}
    for p, suggested in zip(projects, _all_suggestions(source, projects)):
        suggestions[p.no], totals[p.no], app_files[p.no] = suggested
    report = MakeReport(round_dir=round_dir, round_id=round_id, projects=projects, skipped=skipped, steps=steps,
                        with_suggestion=sum(1 for p in projects if totals[p.no] is not None))
    spec = B.ExpertBookSpec(round_id=round_id, expert="", city="", projects=projects, recused=set(),
                            suggestions=suggestions, round_fp=fp, created=now)
    plan_experts = [(name, cities.get(name, ""), recusals[name], file_label(kept[name]) if name in kept else targets[name].name)
                    for name in names]
    plan = B.PlanSpec(round_id=round_id, source=file_label(source), projects=projects, experts=plan_experts,
                      suggested_totals=totals, application_files=app_files, round_fp=fp, created=now, skipped=skipped,
                      source_path=_source_path(source, round_dir))
    issued = {n: path for n, path in targets.items() if n not in kept}
    outputs = [*issued.values(), round_dir / PLAN_FILE]
    before = {p: _stat_of(p) for p in outputs}
    try:
        _write_expert_books(spec, issued, cities, recusals)
        wb = B.build_plan_book(plan, rules)
        write_atomic(round_dir / PLAN_FILE, lambda tmp: wb.save(tmp), verify=lambda tmp: B.read_plan_book(tmp, rules))
    except (Exception, KeyboardInterrupt) as e:   # a disk found full, a book opened in Excel meanwhile, Ctrl+C:
        written = [p for p in outputs if _stat_of(p) != before[p]]   # say what is there now
        remove_stale_temps(round_dir)   # a helper stopped by Ctrl+C leaves its temp file
        if not written:
            raise
        note_written(written)
        if not isinstance(e, (ShibaiError, KeyboardInterrupt)):
            raise     # a bug: the command's message names the books written (never "文件未改动")
        missing = [p.name for p in outputs if p not in written]
        incomplete = (f"本轮未生成完整：已写入 {'、'.join(p.name for p in written)}，未写入 {'、'.join(missing)}；"
                      "这些文件还不能发给专家，")
        if isinstance(e, KeyboardInterrupt):
            raise Interrupted(f"{incomplete}请重新生成专家评分表（会重新生成全部文件）") from None
        raise RefusedWrite(f"{str(e).rstrip('。')}。{incomplete}解决上述问题后请重新生成专家评分表（会重新生成全部文件）"
                           ) from None
    report.experts = [(name, city, len(projects) - len(rec), len(rec), file) for name, city, rec, file in plan_experts]
    report.notes += said_of_source + said_of_rounds + unscorable(projects, plan_experts) + unplaced(projects, cities)
    report.notes += unread_verdicts(rows, projects) + lost_codes(rows, projects)
    report.notes += unfound_applications(projects, app_files, source) + strangers(others, targets, fp)
    report.kept = [n for n in names if n in kept]
    return report


def _source_path(source: Path, round_dir: Path) -> str:
    """Where ``collect`` finds the summary again: relative to the round folder (the two moved together stay
    found), absolute when it is on another drive."""
    try:
        return Path(path_label(Path(os.path.relpath(source.resolve(), round_dir.resolve())))).as_posix()
    except ValueError:
        return path_label(source.resolve())


def _stat_of(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _refuse_overwrites(targets: dict[str, Path], round_dir: Path, rules: Rules, issue: tuple,
                       others: list[tuple[Path, B.ExpertBook | None]]) -> dict[str, Path]:
    """Every file ``make`` writes must be writable, and no expert's scores may be overwritten; → the experts whose
    workbook already holds scores and is the one ``issue`` (round, fingerprint, cities, 回避) would write again, and
    that workbook: kept as they are (an expert added to a round already scored — to score a project all others recused
    from). An expert's scored book under another name or format (``others``: “乙-已评完.xls”) is his returned book:
    no blank one is issued beside it."""
    kept = {name: path for name, path in targets.items() if path.exists() and refuse_if_scored(path, rules, name, issue)}
    for path, book in others:
        if book and book.expert in targets and book.expert not in kept and typed_in(book) \
                and refuse_if_scored(path, rules, book.expert, issue, book):
            kept[book.expert] = path
    for path in (*(p for n, p in targets.items() if n not in kept), round_dir / PLAN_FILE):   # a kept one may be open
        ensure_writable(path)
    return kept


def _write_expert_books(spec: B.ExpertBookSpec, targets: dict[str, Path], cities: dict[str, str],
                        recusals: dict[str, set[str]]) -> None:
    """One workbook per expert, side by side on a machine with several cores. Experts with the same 回避
    projects get the same book but for their names: each helper builds it once and retargets it."""
    names = sorted(targets, key=lambda n: sorted(recusals[n]))
    map_runs(_write_books_run, _book_runs(names, recusals, helpers_here()), (spec, targets, cities, recusals))


BUILD_COST, WRITE_COST = 5, 6   # building a book takes about 5/6 of saving and verifying it (bench_review.py)


def _book_runs(names: list[str], recusals: dict[str, set[str]], parts: int) -> list[list[str]]:
    """``names`` (sorted by 回避 projects) in at most ``parts`` runs of about equal work: a run builds one book
    for each 回避 set it holds and writes one per expert.

    >>> _book_runs(["a", "b", "c", "d", "e", "f", "x", "y"], dict.fromkeys("abcdef", set()) | {"x": {"1"}, "y": {"2"}}, 2)
    [['a', 'b', 'c', 'd', 'e'], ['f', 'x', 'y']]
    """
    def runs_within(limit: int) -> list[list[str]]:
        runs: list[list[str]] = []
        cost = 0
        for name in names:
            step = WRITE_COST + (BUILD_COST if not runs or recusals[runs[-1][-1]] != recusals[name] else 0)
            if runs and cost + step <= limit:
                runs[-1].append(name)
                cost += step
            else:
                runs.append([name])
                cost = BUILD_COST + WRITE_COST
        return runs

    low, high = BUILD_COST + WRITE_COST, len(names) * (BUILD_COST + WRITE_COST)
    while low < high:               # the least work of the busiest run that needs no more than ``parts`` runs
        mid = (low + high) // 2
        if len(runs_within(mid)) <= parts:
            high = mid
        else:
            low = mid + 1
    return runs_within(low) if names else []


def _write_books_run(names: list[str], shared: tuple) -> list[str]:
    spec, targets, cities, recusals = shared
    rules = load()
    book, book_for = None, None
    for name in names:
        mine = replace(spec, expert=name, city=cities.get(name, ""), recused=recusals[name])
        if book is not None and book_for == recusals[name]:
            book = B.retarget_expert_book(book, mine, rules)
        else:
            book, book_for = None, recusals[name]   # one book in memory at a time
            book = B.build_expert_book(mine, rules)
        write_atomic(targets[name], lambda tmp, wb=book: wb.save(tmp), verify=lambda tmp: B.read_expert_book(tmp, rules))
    return names


# --- collect ------------------------------------------------------------------------------------------

def _table_changes(plan: B.Plan | None, table: str | Path | None, round_dir: Path, round_id: str,
                   projects: list[R.Project], rules: Rules,
                   steps: NextSteps = COMMAND_LINE) -> tuple[R.TableChanges | None, str]:
    """The 项目汇总表 read again (``--from``, else the one the round was made from): what changed since ``make``."""
    if table is None:
        if plan is None or not plan.source:
            return None, ("未核对项目汇总表：生成评分表之后撤回或新增的项目无从发现；"
                          f"如有变动，{steps.summary_again}。")
        table = round_dir / plan.source
        # a network path (a round folder from elsewhere, its plan changed) is never opened: see network_path
        remote = network_path(plan.source)
        if not remote and not table.is_file():   # a name in GBK (unzipped on UOS/麒麟) as Windows showed it
            table = locate_label(round_dir, plan.source) or table
        if remote or not table.is_file():
            return None, (f"未找到生成评分表时的项目汇总表（{plan.source}），生成评分表之后撤回或新增的项目无从发现；"
                          f"如有变动，{steps.summary_again}。")
        try:
            rows = read_summary(Path(table))
        except (ShibaiError, UnreadableFile) as e:
            return None, f"项目汇总表“{file_label(Path(table))}”无法读取（{e}），没有核对生成评分表之后撤回或新增的项目。"
    else:
        rows = read_summary(Path(table))
    changes = table_changes(projects, rows, rules, round_id, file_label(Path(table)))
    unnamed = [f"注意：项目汇总表“{changes.table}”中有 {changes.unnamed} 行项目没有文字的企业名称（留空或是嵌入单元格的"
               "图片），评分表中没有这些项目，未经评审：请在汇总表中填写企业名称，在下一轮评审（或把它们的批次改为下一轮）"]
    unnamed = unnamed if changes.unnamed else []
    return changes, "".join(unread_note(Path(table)) + unnamed)


def collect(round_dir: str | Path, out: str | Path, pass_line: float | None = None, trim_min: int | None = None,
            now: datetime | None = None, table: str | Path | None = None,
            steps: NextSteps = COMMAND_LINE) -> CollectReport:
    """Every 专家评分表 of the round folder → the 评审结果 workbook (CONTRACT §5b); refuses, writing nothing,
    on bad options or a workbook changed where it must not be, or from another round. ``steps``: how the report
    and the result's 评审说明 word what to do next (the face's)."""
    rules = load()
    round_dir, out = Path(round_dir), Path(out)
    pass_line = rules.review_pass_line if pass_line is None else pass_line   # the year file's unless the round's own
    trim_min = rules.review_trim_min if trim_min is None else trim_min
    now = (now or datetime.now()).replace(microsecond=0)
    _check_collect_options(round_dir, out, pass_line, trim_min, rules, steps)
    ensure_writable(out)
    plan, books, ignored, unreadable, plan_copies = _read_round(round_dir, out, rules)
    books, set_aside = named_for_others(books, list(plan.experts) if plan else [b.expert for b in books],
                                        expert_file("{}"))
    set_aside[:0] = plan_copies
    round_id, round_fp = reference_round(plan, books)
    refuse_other_round_result(out, round_id, steps)
    seen = checked_books(plan, books, round_id, round_fp, set_aside)
    projects = plan.projects if plan else books[0].projects
    order = list(plan.experts) if plan else [b.expert for b in books]
    sheets = [seen[e].sheet for e in order if e in seen]
    idle = [e for e in order if e not in seen and plan and {p.no for p in projects} <= plan.experts[e][1]]   # none to score
    missing = [e for e in order if e not in seen and e not in idle]
    unread_files = unread_books([file for file, _ in unreadable], expert_file("{}"), order, missing)
    unread = list(unread_files)
    printed = printed_books(round_dir, [e for e in missing if e not in unread], expert_file("{}"), order)
    # his PDF, photo or archive is his book returned, unreadable: never said “未提交” of him (said_files: his file)
    unread += list(dict.fromkeys(e for _label, e in printed_by(printed, order)))
    ignored = [x for x in ignored if x.split("（压缩包")[0] not in printed]   # an archive's label carries its advice
    changes, table_note = _table_changes(plan, table, round_dir, round_id, projects, rules, steps)
    results = R.aggregate(projects, sheets, rules, experts=order, trim_min=trim_min, pass_line=pass_line, unreadable=unread,
                          changes=changes, recused={e: v[1] for e, v in (plan.experts if plan else {}).items()})
    cities = {e: (plan.experts[e][0] if plan else seen[e].city) for e in order}
    from ..engine.calibration import calibrate  # start-up: pandas, imported by collect only (never check/refresh/new)

    calibration = calibrate([r for r in results if not r.gone], rules, order, cities, unread)
    untyped = [e for e in order if e in seen and not typed_in(seen[e])]     # nothing typed on 评分表
    report = CollectReport(out=out, round_id=round_id, experts=[e for e in order if e in seen], missing=missing,
                           ignored=ignored, set_aside=set_aside, unreadable=unreadable, unread_experts=unread,
                           results=results, pass_line=pass_line, trim_min=trim_min,
                           plan_used=plan is not None, calibration=calibration, changes=changes, table_note=table_note,
                           stray=[f"专家{e}：{x}" for e in order if e in seen for x in seen[e].sheet.stray],
                           blank={e: file_label(seen[e].path) for e in untyped
                                  if len(seen[e].sheet.recused) < len(projects)},   # he had a project to score
                           totals_only={e: cells for e in untyped if (cells := totals_typed(seen[e]))},
                           book_notes=[f"专家{e}的评分表中删除了“{'”“'.join(seen[e].sheet.columns_gone)}”列，"
                                       "汇总不需要这些列，已照常汇总。" for e in order if e in seen
                                       and seen[e].sheet.columns_gone] + [f"{x}。" for x in printed.values()]
                           + [_extra_sheet(e, seen[e], name, n) for e in order if e in seen
                              for name, n in seen[e].sheet.extra_sheets.items()] + _opened(round_dir, books)
                           + [f"专家{'、'.join(idle)}本轮的项目全部回避，没有要评分的项目，评分表无需交回。"] * bool(idle))
    spec = B.ResultSpec(round_id=round_id, experts=order, expert_cities={e: c for e, c in cities.items() if c},
                        expert_files=said_files(seen, unread_files, printed, order), results=results, pass_line=pass_line,
                        trim_min=trim_min, created=now,
                        notes=_collect_notes(report.absent, ignored, plan, unreadable) + set_aside + report.book_notes
                        + report.table_notes() + _row_notes(seen, order, projects, rules),
                        raw_scores={e: seen[e].sheet.scores for e in seen},
                        remarks={e: seen[e].sheet.remarks for e in seen}, calibration=calibration,
                        incomplete=report.incomplete_text())
    wb = B.build_result_book(spec, rules)
    write_atomic(out, lambda tmp: wb.save(tmp))
    return report


def _opened(round_dir: Path, books: list[B.ExpertBook]) -> list[str]:
    """The line on the experts' workbooks another program has open (its lock file beside them: the office's clerk
    looking at one in WPS, an expert still typing into it on a shared folder): what is saved is what was collected."""
    names = {p.name for p in round_dir.iterdir()}
    locks = {n for n in names if n.startswith(LOCK_PREFIXES)}   # mostly none: nothing more to do
    opened = [file_label(b.path) for b in books if locks and is_locked(b.path, locks, names)]
    return [opened_line(opened, then="汇总", what="专家评分表") + "。"] if opened else []


def _extra_sheet(expert: str, book: B.ExpertBook, sheet: str, n: int) -> str:
    """What to say of a sheet with scores besides the issued one in a fully scored book: never counted."""
    return (f"专家{expert}的评分表“{file_label(book.path)}”中另有工作表“{sheet}”填有{n}个评分，未计入（汇总只读发给专家{expert}的"
            "“评分表”）；如是其他专家的评分（复制进来的），请该专家在发给他的评分表上评分后交回。")


def _check_collect_options(round_dir: Path, out: Path, pass_line: float, trim_min: int, rules: Rules,
                           steps: NextSteps = COMMAND_LINE) -> None:
    if not round_dir.is_dir():
        raise UnreadableInput(f"找不到评审文件夹：{round_dir}")
    if out.suffix.lower() != ".xlsx":
        raise not_xlsx(out, "评审结果")
    if out.is_file():   # only an earlier result is replaced: never an expert's scores, the 评审安排, another table
        try:
            kind = B.book_kind(out)
        except UnreadableFile:
            kind = None
        if kind != B.RESULT_KIND:
            raise BadOption(f"“{out.name}”已存在，但不是本工具生成的评审结果（可能是专家评分表、评审安排或其他表格），未改动。"
                            + steps.other_result)
    R.aggregate([], [], rules, trim_min=trim_min, pass_line=pass_line)   # validates the options (R.ReviewError)


def _read_round(round_dir: Path, out: Path, rules: Rules
                ) -> tuple[B.Plan | None, list[B.ExpertBook], list[str], list[tuple[str, str]], list[str]]:
    """(the round's 评审安排 or None, the expert workbooks, names of the other files, (file, why) of the files
    that cannot be read, what to say of a copy of the 评审安排 read once) in ``round_dir``. An unreadable file is
    listed and the collection goes on without it, like ``refresh`` (README: exit 1); a workbook changed where it must
    not be (``Tampered``) still stops it."""
    plans, books, ignored, changed = [], [], [], []
    paths, unreadable = _round_books(round_dir, out)
    for path in paths:
        try:
            kind = B.book_kind(path)
            if kind == B.PLAN_KIND:
                plans.append(B.read_plan_book(path, rules))
            elif kind == B.EXPERT_KIND:
                books.append(B.read_expert_book(path, rules))
            elif kind != B.RESULT_KIND:
                if kind is None and B.looks_like_scores(path):   # scores copied out of the issued workbook
                    raise UnreadableFile(B.COPIED_SCORES)
                ignored.append(file_label(path))
        except B.Tampered as e:   # every one named at once: each is an expert to call
            changed.append(str(e))
        except UnreadableFile as e:
            unreadable.append((file_label(path), str(e)))
        except OSError as e:   # closed to this account (a share's ACL), gone meanwhile: listed as refresh lists it
            unreadable.append((file_label(path), f"无法打开文件（{why(e)}）"))
    if changed:
        raise B.Tampered("\n".join(changed) if len(changed) == 1 else
                         f"{len(changed)} 份评审文件被改动，无法汇总：\n" + "\n".join(f"  • {x}" for x in changed))
    ignored += _not_read(round_dir)
    if not books:
        if unreadable:
            raise UnreadableInput(f"评审文件夹 {round_dir} 中的专家评分表都无法读取：" + "；".join(
                f"“{file}”：{why}" for file, why in unreadable) + "。请让专家重新保存后交回")
        raise UnreadableInput(f"评审文件夹 {round_dir} 中没有专家评分表（专家评分表-*.xlsx）")
    plan, copies = one_plan(plans, books)
    return plan, books, ignored, unreadable, copies


def _not_read(round_dir: Path) -> list[str]:
    """What is not read at all, said too: a 评分表 put in a sub-folder, an archive, a document."""
    ignored = []
    for entry in sorted(round_dir.iterdir()):
        if entry.is_dir() and not entry.name.startswith(".") and entry.name != "__MACOSX":   # a Mac zip's: ._ files
            ignored.append(f"{file_label(entry)}（子文件夹，其中的文件没有读取）")
        elif entry.is_file() and not is_left_by_system(entry) and entry.suffix.lower() not in SUFFIXES + QUIET_SUFFIXES:
            ignored.append(file_label(entry) + ("（压缩包，其中的文件没有读取，请解压到评审文件夹后重新汇总）"
                                                if entry.suffix.lower() in ARCHIVES else ""))
    return ignored


def _round_books(round_dir: Path, out: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The round folder's workbooks to read but ``out``, and (file, why) of its links to files elsewhere (a zip's
    links kept by unzip on 统信 UOS/麒麟): never read, as a link out of an application folder."""
    paths, links = [], []
    out_resolved, inside = out.resolve(), os.path.realpath(round_dir)
    for path in round_files(round_dir):
        if path.resolve() == out_resolved:
            continue
        outside = link_outside(path, inside, "评分表")
        if outside:
            links.append((file_label(path), outside))
        else:
            paths.append(path)
    for entry in sorted(round_dir.iterdir()):   # a pipe or device named like a 评分表: said, never opened (a pipe hangs)
        if entry.suffix.lower() in SUFFIXES and not entry.is_file() and not entry.is_dir() and not is_skipped(entry.name):
            links.append((file_label(entry), link_outside(entry, inside, "评分表")
                          or NOT_A_FILE.format(name=file_label(entry))))
    return paths, links


def _collect_notes(missing: list[str], ignored: list[str], plan: B.Plan | None,
                   unreadable: list[tuple[str, str]]) -> list[str]:
    notes = []
    if missing:
        notes.append(f"未提交评分表的专家：{'、'.join(missing)}，其评分未计入。")
    notes += [f"无法读取的文件“{file}”：{why}。其中的评分未计入，评审结果不完整。" for file, why in unreadable]
    if ignored:
        notes.append("评审文件夹中已忽略的文件：" + "、".join(ignored))
    if plan is None:
        notes.append(f"未找到{PLAN_FILE}，按专家评分表自身记录的项目名单核对；本轮安排了哪些专家无从核对，"
                     "没有交回评分表的专家不会被发现，评审结果不完整。")
    return notes


def _row_notes(seen: dict[str, B.ExpertBook], order: list[str], projects: list[R.Project], rules: Rules
               ) -> list[str]:
    """What the 评审说明 says of experts' tables whose rows were sorted or moved (harmless: read by their keys) and of
    rows naming no project of the round."""
    notes = []
    for e in [e for e in order if e in seen and seen[e].sheet.moved]:
        astray = R.totals_astray(seen[e].sheet, projects, rules)
        notes.append(f"专家{e}的评分表中行的顺序被调整过（排序或移动），已按每行的项目编号和指标编号汇总，不受影响。" + (
            f"“小计”表的公式仍按原来的行计算，其中{len(astray)}个项目（{'、'.join(astray[:5])}{'等' if len(astray) > 5 else ''}）"
            "的专家总分已与其各项评分不符，请以评审结果为准（未逐项提示）。" if astray else ""))
    return notes + [f"专家{e}的评分表中{x}。" for e in order if e in seen for x in seen[e].sheet.stray]
