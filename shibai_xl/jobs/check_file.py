"""Check application workbook files: one (optionally writing the result into it), or a folder/several."""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from ..adapters.file_names import file_label
from ..adapters.files import held_lock, write_atomic
from ..adapters.xlsx.book_kinds import OtherWorkbook
from ..adapters.xlsx.reader import NotAnApplication, read_application
from ..adapters.xlsx.renamed import refuse_renamed
from ..adapters.xlsx.resident_list import (
    LIST_NOT_FORM,
    ORPHAN_LIST,
    is_resident_list,
    list_not_form,
    list_owner,
    read_with_residents,
    text_table_problems,
)
from ..engine.check import CheckResult, check
from ..engine.plan import plan_check
from ..engine.residents import names_of
from ..errors import BadOption, RefusedWrite, ShibaiError, why
from ..rules import Rules, load
from .resident_names import from_lists
from .workbook_files import (
    ODD_TAIL,
    application_files,
    file_times,
    folder_files,
    odd_tail_line,
    odd_tail_said,
    opened_line,
    others_line,
    skipped_line,
    without_owned_locks,
)

WRITABLE = (".xlsx", ".xlsm")


def check_file(path: str | Path, write: bool = False) -> CheckResult:
    """Read, check and (with ``write``) write the result into the workbook itself.

    A park/base application's separate resident list is looked for next to the file exactly as
    ``refresh`` looks for it in the folder (:func:`read_with_residents`).
    """
    if write:
        return check_and_write(path)[0]
    return _check(Path(path))


def check_and_write(path: str | Path) -> tuple[CheckResult, Written]:
    """``check --write``: the result, and where in the workbook it was written."""
    path = Path(path)
    if path.suffix.lower() not in WRITABLE and path.exists():
        if (tail := odd_tail_said(path.name)) and Path(path.name.rstrip(ODD_TAIL)).suffix.lower() in WRITABLE:
            raise RefusedWrite(f"“{path.name}”的文件名末尾有{tail}，结果无法写回：请把文件名末尾的{tail}删去"
                               "（Windows 资源管理器中常无法打开或改名这样的文件：可用 WPS/Excel 打开后另存为 .xlsx），"
                               "再对改名后的文件使用 --write；不加 --write 可以直接在终端查看检查结果")
        raise RefusedWrite(f"“{path.name}”不是 .xlsx 工作簿，结果无法写回（本工具只写 .xlsx，不改动其他格式的原文件）。"
                           "请用 Excel/WPS 打开它，“另存为 Excel 工作簿（*.xlsx）”，再对新文件使用 --write；"
                           "不加 --write 可以直接在终端查看检查结果")
    if path.suffix.lower() in WRITABLE:
        refuse_renamed(path)
    # two at once (a double click, two windows): the later would back up the earlier's result as the user's file
    with held_lock(path, "检查并写入结果", "申报表") if path.exists() else nullcontext():   # none: "找不到" follows
        result = _check(path)
        return result, write_result(path, result)


def _check(path: Path, siblings: list[Path] | None = None) -> CheckResult:
    rules = load()
    near = folder_workbooks(path) if siblings is None else siblings
    try:
        return check(read_with_residents(path, rules, near), rules)
    except NotAnApplication as e:
        if str(e) == LIST_NOT_FORM:   # a separate list given alone: the park beside it that reads it is named
            raise NotAnApplication(list_not_form(path, rules, near)) from None
        raise


def folder_workbooks(path: Path) -> list[Path]:
    """The workbooks next to ``path``, where a park/base application's separate resident list may be."""
    return application_files(path.parent, recursive=False) if path.parent.is_dir() else []


def check_near(path: Path, siblings: list[Path]) -> CheckResult:
    """:func:`check_file` of one of many files whose folder's workbooks (``siblings``) are already listed."""
    return _check(path, siblings)


@dataclass
class Written:
    """Where ``check --write`` put the result (Chinese, for the user's message)."""
    path: Path
    sheets: list[str]         # “校验结果”表, “评分”表（新增）
    unwritten: list[str]      # what could not be written, and why
    moved: list[str] = field(default_factory=list)   # a person's text on the result sheet moved (said, never silent)

    def message(self) -> str:
        backup = f"原文件备份为 {self.path.name}.bak"
        if not self.sheets:
            return (f"检查结果未能写入 {self.path}：{'；'.join(self.unwritten)}。只在有问题的单元格上标色并加了批注，"
                    f"{backup}")
        line = f"结果已写入 {self.path}（{'、'.join(self.sheets)}），{backup}"
        if self.unwritten:
            line += f"。未写入：{'；'.join(self.unwritten)}"
        if self.moved:
            line += f"。{'；'.join(self.moved)}"
        return line


def write_result(path: Path, result: CheckResult) -> Written:
    from ..adapters.xlsx.result_writer import apply_plan  # start-up: the XML patcher (lxml), for --write only

    plan = plan_check(result)
    where = []
    write_atomic(path, lambda tmp: where.append(apply_plan(path, plan, tmp)), verify=lambda tmp: read_application(tmp))
    return Written(path, where[-1].written(), where[-1].unwritten, where[-1].moved)


@dataclass
class Checked:
    label: str                       # JSON "file": the file name, or the path relative to the folder given
    result: CheckResult | None = None
    error: str | None = None         # why it could not be read (Chinese)
    skipped: str = ""                # not an application but a summary or the tool's output: what it is

    def to_json(self) -> dict:
        if self.result is None:
            return {"file": self.label, "error": self.error}
        return {**self.result.to_json(), "file": self.label}


@dataclass
class CheckedMany:
    items: list[Checked] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)   # separate resident lists (read with their applications)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (file, kind): summaries, the tool's outputs
    others: list[str] = field(default_factory=list)   # files of the folders that are no workbook, not read
    archives: list[Checked] = field(default_factory=list)   # the folders' archives: unreadable, listed after the rest
    # (file, XC_CROSS_APP message) of the applications of one company among those checked: said after the results,
    # each file's own result staying what ``check FILE`` gives (CONTRACT §4: the folder's array holds those objects)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)   # folders given that hold no workbook: said, never passed over
    other_files: dict[str, Path] = field(default_factory=dict)   # label → path of ``others``
    opened: list[str] = field(default_factory=list)   # workbooks of the folders another program has open (a lock)

    def skipped_line(self) -> str:
        empty = f"文件夹 {'、'.join(self.empty)} 中没有申报表工作簿（.xlsx/.xlsm/.xls/.xlsb/.ods/.et），未检查任何文件" \
            if self.empty else ""
        kinds = {f for f, _ in self.skipped}
        opened = opened_line([x for x in self.opened if x not in kinds], then="检查")
        return "\n".join(x for x in (empty, skipped_line(self.skipped), others_line(self.others),
                                      odd_tail_line(c.label for c in self.items if c.result), opened) if x)

    @property
    def unreadable(self) -> int:
        return sum(1 for c in self.items if c.result is None)

    def exit_code(self) -> int:
        """0 every application was read, 1 some could not be, 2 none could (CONTRACT section 4)."""
        if not self.items or self.unreadable == len(self.items):
            return 2
        return 1 if self.unreadable else 0


def check_many(paths: list[str | Path], progress: Callable[[int, int, str], None] | None = None) -> CheckedMany:
    """Every application in the given folders (recursively) and files, each read as ``check FILE`` reads it;
    ``progress(done, total, file being read)`` before each file (a bar on the terminal), and once all are read."""
    rules = load()
    out = CheckedMany()
    targets = _targets(paths, out)
    if not targets and not out.archives:   # a folder it could not open is listed, not called empty
        raise BadOption("没有找到要检查的申报表：文件夹 " + "、".join(map(str, paths))
                        + " 中没有 .xlsx/.xlsm/.xls/.xlsb/.ods/.et 工作簿"
                        + (f"。{others_line(out.others)}" if out.others else ""))
    near: dict[Path, list[Path]] = {}
    paths: dict[str, Path] = {}
    lists: list[tuple[Path, str]] = []
    used: set[tuple[Path, str]] = set()   # (folder, file name) of the separate resident lists applications took
    for done, (path, label) in enumerate(targets):
        if progress:
            progress(done, len(targets), label)
        if path.parent not in near:
            near[path.parent] = folder_workbooks(path)
        item = _check_one(path, label, near[path.parent], rules)
        if item is None:
            lists.append((path, label))
        elif item.skipped:
            out.skipped.append((label, item.skipped))
        else:
            out.items.append(item)
            paths[label] = path
            if item.result is not None:
                app = item.result.app
                used.update((path.parent.resolve(), name) for name in [app.residents_file, *app.lists_beside] if name)
    if progress:
        progress(len(targets), len(targets), "")
    # a list exported as CSV that an application read is no file left unread; one none read is a problem file
    out.others = [x for x in out.others if (p := out.other_files.get(x)) is None or (p.parent.resolve(), p.name) not in used]
    labels = {p: x for x in out.others if (p := out.other_files.get(x)) is not None}
    problems = {labels[p]: said for p, said in text_table_problems(list(labels), rules).items()}
    out.items += [Checked(label, error=said) for label, said in problems.items()]
    out.others = [x for x in out.others if x not in problems]
    for path, label in lists:   # a list no application took is a problem, as in refresh
        if (path.parent.resolve(), path.name) in used:
            out.lists.append(label)
        elif owner := list_owner(path, rules, near[path.parent]):   # given without its application, lying beside it
            out.skipped.append((label, f"入驻企业名单（附件3，随申报表“{owner}”读取）"))
        else:
            out.items.append(Checked(label, error=ORPHAN_LIST))
    out.duplicates = _duplicates(out.items, paths)
    out.items += out.archives
    if not out.items:   # summaries and the tool's outputs only: nothing checked, said as for an empty folder
        raise BadOption(f"没有找到要检查的申报表：{out.skipped_line()}")
    return out


def _duplicates(items: list[Checked], paths: dict[str, Path]) -> list[tuple[str, str]]:
    """(file, XC_CROSS_APP message) of the applications of one company (CONTRACT §5), as a refresh of these files
    would say it: another type, another park's list, or two versions of one application."""
    from ..engine.summary import folder_duplicates, record_from_result

    records = [record_from_result(c.result, c.label) for c in items if c.result is not None]
    results = {c.label: c.result for c in items if c.result is not None}

    def names(wanted: dict[str, list[str]]) -> dict[str, str]:
        """The shared residents' names, as a refresh finds them, from the lists in memory (nothing read again)."""
        return from_lists(wanted, lambda file, codes: names_of(results[file].app.residents or [], codes))

    found = folder_duplicates(records, file_times(paths.__getitem__), names)
    return [(c.label, f.message) for c in items if c.label in found for f in found[c.label]]


def _targets(paths: list[str | Path], out: CheckedMany) -> list[tuple[Path, str]]:
    """(path, label) of each workbook to check. The label is JSON's ``file``, the same however the file was
    given (CONTRACT §4): its name when given directly, its path relative to the folder when found in one — and
    the path as given where two inputs would have one label. The folders' archives (unreadable) and other files
    (named in one line) go into ``out``."""
    found: list[tuple[Path, str, str]] = []     # (path, label, the path as given: the label of two files alike)
    archives: list[tuple[str, str, str]] = []
    for given in without_owned_locks(list(map(Path, paths))):
        if given.is_dir():
            listing = folder_files(given)
            found += [(p, file_label(p, given), str(p)) for p in listing.workbooks]
            archives += [(label, str(p), reason) for p, label, reason in listing.unread_labelled(given)]
            out.others += [file_label(p, given) for p in listing.others]
            out.other_files.update((file_label(p, given), p) for p in listing.others)
            out.opened += [file_label(p, given) for p in listing.opened]
            if not listing.workbooks and not listing.unread():
                out.empty.append(str(given))
        elif is_unmatched_pattern(given):   # a wildcard among several inputs that matched no file (cli._expanded)
            archives.append((str(given), str(given), f"没有与“{given}”匹配的文件"))
        else:
            found.append((given, file_label(given), str(given)))
    # two inputs of one name (贵阳/企业.xlsx and 遵义/企业.xlsx): each labelled by its path as given, so that a program
    # reading the JSON tells which result is whose
    first: dict[str, tuple[Path, str, str]] = {}   # a file given twice (or a folder and a file in it): checked once
    for f in found:   # realpath: a link loop among the files is said when read (Path.resolve raises on it)
        first.setdefault(os.path.realpath(f[0]), f)
    found = list(first.values())
    seen = Counter([label for _, label, _ in found] + [label for label, _, _ in archives])
    out.archives += [Checked(full if seen[label] > 1 else label, error=reason) for label, full, reason in archives]
    return [(p, full if seen[label] > 1 else label) for p, label, full in found]


def is_unmatched_pattern(given: Path) -> bool:
    return any(c in str(given) for c in "*?[") and not os.path.lexists(given)


def _check_one(path: Path, label: str, siblings: list[Path], rules: Rules) -> Checked | None:
    try:
        return Checked(label, check(read_with_residents(path, rules, siblings), rules))
    except OtherWorkbook as e:
        return Checked(label, skipped=e.kind)
    except NotAnApplication as e:
        if is_resident_list(path, rules):
            return None
        return Checked(label, error=str(e))
    except ShibaiError as e:   # unreadable (or any other refusal): listed, the others go on
        return Checked(label, error=str(e))
    except OSError as e:   # the account may not open it, or it went away meanwhile: said as refresh says it
        return Checked(label, error=f"无法打开文件（{why(e)}）")
    except Exception as e:  # one file that breaks the engine must not stop the others
        return Checked(label, error=f"处理时出错（{why(e)}），请检查该文件")
