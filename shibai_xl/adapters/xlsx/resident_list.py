"""The 入驻企业名单 (附件3) where people put it: in the application workbook, or a workbook of its own next to it.

A separate list belongs to a park/base application when its file name, the words above its header row
(title, 填报园区/基地) or the 填报园区/基地 line under the list (where the notice prints it) name the applicant
or its 运营机构, or when it is the only 附件3 workbook and the application the only park/base application in
the folder. :func:`read_with_residents` is the one way ``check FILE`` and ``refresh`` read an application, so
both give the same verdict.
"""
from __future__ import annotations

import os
import re
import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path

from ...engine.application import Application, ResidentRow, ResidentRows, ResidentTable
from ...engine.findings import Finding, make
from ...engine.fmt import fmt
from ...engine.parse.number import parse_count
from ...engine.parse.result import is_blank
from ...engine.parse.text import company_key, normalize, one_line
from ...engine.parse.uscc import place_names
from ...engine.resident_header import OWNER_LEADS, is_list_header
from ...engine.residents import ResidentTotals, listed_companies, printed_total, totals
from ...engine.summary import TEXT_LISTS
from ...engine.summary_table import plain
from ...engine.versions import without_copies
from ...errors import ShibaiError, why
from ...rules import Rules, Severity
from .book_kinds import OtherWorkbook, other_kind
from .list_facts import as_in_file
from .package import UnreadableFile, open_package
from .reader import (
    NotAnApplication,
    OpenWorkbook,
    detect_type,
    find_resident_header,
    header_on,
    listed_keys,
    open_workbook,
    read_open,
    resident_rows,
    with_further_sheets,
)
from .source import Grid, WorkbookSource
from .text_table import TextUnopened, TextWorkbook, form_as_text, head_rows, is_text_table, table_rows, table_text

ORPHAN_LIST = ("这是入驻企业名单（附件3），但同一文件夹中找不到对应的园区/基地申报表（或有几份名单都可能属于同一份申报表、"
               "一份名单写明了几个申报单位，无法判断用哪一份）。请让名单的文件名、标题或“填报园区/基地：”一行写明申报单位名称，每份申报表旁只放一份名单，并和申报表放在同一文件夹中")
TITLE_ROWS = 6        # rows above the header, or under the list, that may name the applicant


@dataclass
class ResidentList:
    path: Path
    words: str                # file name, the text above the header row and the 填报园区/基地 line under the list
    rows: list[ResidentRow] = field(default_factory=list)
    sheet: str = ""
    findings: list[Finding] = field(default_factory=list)
    # the lists of other parks in the same workbook (a county's one 附件3 workbook, a sheet per park, each sheet's
    # “填报园区/基地：” line naming its park): each a list of its own, named by that line only
    others: list[ResidentList] = field(default_factory=list)
    shared: bool = False      # one of several parks' lists in its workbook: said with its sheet
    # the list's sheets when it goes on over several, each titled as typed: a sheet titled with a park's name is
    # that park's list where nothing else names one (a county's workbook, a sheet per park, no 填报园区/基地 line)
    sheets: list[ResidentList] = field(default_factory=list)
    owner: str = ""           # the text of its "填报园区/基地：" line ("" when it has none)

    def parts(self) -> list[ResidentList]:
        return [self, *self.others]

    def names(self, *applicants: str | None) -> bool:
        """Does the list's file name or title name one of these applicants (as :func:`spellings` gives its name)?"""
        words = company_key(self.words)
        return any(len(k) >= 2 and k in words for a in applicants if a for k in spellings(company_key(a)))

    def numbers(self) -> tuple[int | None, int | None]:
        """The 序号 of its first and last company, as typed (None where it is no whole number)."""
        return (_number(self.rows[0].get("序号")), _number(self.rows[-1].get("序号"))) if self.rows else (None, None)


def spellings(key: str) -> list[str]:
    """A unit's company key, and the same without the places typed before it (贵州省, 黔南州 …) where what is left still
    begins with a place: “贵州省都匀毛尖电子商务产业园” is named “都匀毛尖电子商务产业园” too, as people say it; “贵州省电子
    商务产业园” is not named “电子商务产业园” (any park's words).

    >>> spellings("贵州省黔南州都匀毛尖电子商务产业园"), spellings("贵州省电子商务产业园")
    (['贵州省黔南州都匀毛尖电子商务产业园', '黔南州都匀毛尖电子商务产业园', '都匀毛尖电子商务产业园'], ['贵州省电子商务产业园'])
    """
    out, rest = [key], key
    places = place_names()
    while (place := next((p for p in places if rest.startswith(p)), None)) is not None:
        rest = rest[len(place):]
        if len(rest) < 4 or not rest.startswith(places):
            break
        out.append(rest)
    return out


def _number(typed) -> int | None:
    try:
        value = float(str(typed).strip())
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


@dataclass
class UnreadableBook:
    """A workbook beside the application that could not be opened (cut off, encrypted …): maybe its list."""
    path: Path
    reason: str
    passing: bool = False   # not opened for the account's rights or a lock: may open later, unchanged (not cached)


class Recent(OrderedDict):
    """Answers about workbooks by (path, size, mtime), the ``size`` used last kept: ``shibai serve`` runs for weeks,
    and each save of a workbook is a new key. The bound holds a province's folder, which a refresh asks of again
    for every application's neighbours."""

    def __init__(self, size: int = 4096) -> None:
        super().__init__()
        self.size = size

    def get_or(self, key: tuple[str, int, int], compute: Callable[[], object]) -> object:
        if key in self:
            self.move_to_end(key)
            return self[key]
        self[key] = out = compute()
        while len(self) > self.size:
            self.popitem(last=False)
        return out


_KIND_CACHE = Recent()   # path → str | ResidentList | UnreadableBook | None
_REAL: dict[str, tuple[float, str]] = {}   # path → (when resolved, the path resolved)


def _real(path: Path) -> str:
    """``path`` resolved, kept :data:`TEXTS_FRESH` seconds: each application is compared with each neighbour several
    times (a folder of 400 parks without their lists: 560,000 resolutions, a system call per folder of the path)."""
    kept = _REAL.get(key := str(path))
    if kept is None or time.monotonic() - kept[0] >= TEXTS_FRESH:
        if len(_REAL) > 8192:
            _REAL.clear()
        _REAL[key] = kept = (time.monotonic(), str(path.resolve()))
    return kept[1]


# a file name that says it is a 附件3 list, in plain() form
LIST_WORDS = ("名单", "附件3", "入驻企业")
LIST_COLUMNS = ("网络零售额", "网络交易额", "从业人数", "所属行业")   # 附件3's own titles beside 企业名称


def classify(path: Path, rules: Rules) -> str | ResidentList | UnreadableBook | None:
    """A park/base application ("park"/"base"), a separate resident list, a workbook that cannot be read, or
    None (anything else)."""
    try:
        st = path.stat()
    except OSError:
        return None
    key = (_real(path), st.st_size, st.st_mtime_ns)
    kind = _KIND_CACHE.get_or(key, lambda: _classify(path, rules))
    if isinstance(kind, UnreadableBook) and kind.passing:   # the rights given, the same file opens (shibai serve)
        _KIND_CACHE.pop(key, None)
    return kind


def _classify(path: Path, rules: Rules) -> str | ResidentList | UnreadableBook | None:
    if is_text_table(path):    # a list exported as CSV/text: read as the same grid, never an application
        try:
            text = table_text(path)
            if not _may_be_list(text):   # a 申报表 saved as CSV is an application that cannot be read, not a note
                said = form_as_text(text, [t.form_title for t in rules.types.values()])
                return UnreadableBook(path, said) if said else None
            return _as_list(TextWorkbook(path, table_rows(text)), path)
        except UnreadableFile as e:   # not opened for the account's rights: may open later, unchanged (not cached)
            return UnreadableBook(path, str(e), passing=isinstance(e, TextUnopened))
    try:
        pkg = open_package(path)          # the workbook's structure is enough for the tool's own applications
        declared = rules.type_id(pkg.constant("sb_type") or "")
        if declared:
            pkg.close()
            return declared
        wb = open_workbook(path, pkg)     # not opened again: an .xls's records walked and its sheets named once
        try:
            kind = detect_type(wb, rules)
            return kind if kind is not None else _as_list(wb, path)
        finally:
            wb.close()
    except UnreadableFile as e:
        return UnreadableBook(path, str(e))
    except OSError as e:   # a neighbour the account may not open (a colleague's file on a share), or one gone or cut
        # off on the share while read: that file's problem, not the application's
        return UnreadableBook(path, f"无法打开文件（{why(e)}）", passing=True)


# rows of a text file searched for the 附件3 header before the whole file is read as a table: a list's header is
# under a few title lines; a neighbour without one (a note, a log, an export of 100 MB) costs no more than this
HEADER_SEARCH_ROWS = 200


def _may_be_list(text: str) -> bool:
    """Whether a text file beside an application may be a 附件3 list: its first rows hold the header."""
    if "称" not in text:   # no 企业名称 title at all (is_list_header's own first test)
        return False
    head = head_rows(text, HEADER_SEARCH_ROWS)
    return head is None or any(is_list_header(row) for row in head)


def what_it_is(src: WorkbookSource) -> str | None:
    """What a workbook that is no application is, in the words the checks use: 入驻企业名单（附件3）, 项目汇总表,
    专家评分表 …; None when it is none of the tool's kinds."""
    return "入驻企业名单（附件3）" if find_resident_header(src) is not None else other_kind(src)


def _as_list(wb: OpenWorkbook, path: Path) -> ResidentList | None:
    found = find_resident_header(wb)
    if found is None:
        return None
    sheet, r0, c0, c1 = found
    grid = wb.grid(sheet)
    above = [normalize(v) for r in range(max(1, r0 - TITLE_ROWS), r0) for v in grid.rows[r - 1] if isinstance(v, str)]
    rows, sheet, findings = as_in_file(wb, resident_rows(grid, sheet, r0, c0, c1, r0,
                                                         hidden=lambda: wb.hidden_columns(sheet)))
    last = rows.row_numbers[-1] if len(rows) else r0
    below = _owner_lines(grid, range(last + 1, min(grid.height, last + TITLE_ROWS) + 1))
    owner = " ".join(below or _owner_lines(grid, range(max(1, r0 - TITLE_ROWS), r0)))
    blocks = _blocks_below(wb, path, grid, sheet, last, owner)
    if blocks:       # what the first list said of the rows under it (“空了一行…没有读取”) is said of the blocks
        start = blocks[0].rows[0].row or 0
        findings = [f for f in findings if f.sheet != sheet or not f.cell or _row_of(f.cell) < start]
    elsewhere: list[tuple[str, str, Sequence[ResidentRow], list[Finding]]] = []
    rows, sheet, findings = with_further_sheets(wb, (rows, sheet, findings), elsewhere)
    found = ResidentList(path, " ".join([path.stem, *above, *below]), rows, sheet, findings, owner=owner)
    by_park: dict[str, ResidentList] = {}
    for other, park, part, said in elsewhere:
        if park not in by_park:
            by_park[park] = ResidentList(path, park, [], other, [], shared=True)
        by_park[park].rows.extend(part)
        by_park[park].findings.extend(said)
    found.others = [*blocks, *by_park.values()]
    found.shared = bool(found.others)
    if not isinstance(rows, ResidentTable):      # companies of several sheets (a ResidentTable is one sheet's)
        by_sheet: dict[str | None, ResidentList] = {}
        for r in rows:
            if r.sheet not in by_sheet:
                by_sheet[r.sheet] = ResidentList(path, r.sheet or "", [], r.sheet or "", [], shared=True)
            by_sheet[r.sheet].rows.append(r)
        for part in by_sheet.values():
            part.findings = [f for f in findings if f.sheet == part.sheet]
        found.sheets = list(by_sheet.values()) if len(by_sheet) > 1 else []
    return found


def _blocks_below(wb: OpenWorkbook, path: Path, grid: Grid, sheet: str, last: int, owner: str) -> list[ResidentList]:
    """The lists typed under the list ending at row ``last`` on its sheet, each with its header typed again and a
    “填报园区/基地：” line under it naming another park than ``owner`` (a county's one sheet, a block per park):
    each that park's list, named by its line only."""
    out = []
    while owner and (at := header_on(Grid(grid.rows[last:]))) is not None:
        top = at[0] + last
        part, _, said = as_in_file(wb, resident_rows(grid, sheet, top, at[1], at[2], top,
                                                     hidden=lambda: wb.hidden_columns(sheet)))
        end = part.row_numbers[-1] if len(part) else top
        its = " ".join(_owner_lines(grid, range(end + 1, min(grid.height, end + TITLE_ROWS) + 1)))
        if not len(part) or not its or company_key(its) == company_key(owner):
            break
        out.append(ResidentList(path, its, part, sheet, said, shared=True, owner=its))
        last, owner = end, its
    return out


def _row_of(cell: str) -> int:
    return int("".join(ch for ch in cell if ch.isdigit()) or 0)


def _owner_lines(grid: Grid, rows: range) -> list[str]:
    """The "填报园区/基地：…" lines among ``rows`` (under the list's last row, where the notice's 附件3 prints it,
    or above its header), the park typed in the same cell or beside it. Only such a line: a company typed
    after a gap, or a 填报人/注 line, names no owner."""
    out = []
    for r in rows:
        texts = [v for v in grid.rows[r - 1] if not is_blank(v)]
        if texts and isinstance(texts[0], str) and plain(texts[0]).startswith(OWNER_LEADS):
            out.append(_owner_only([normalize(v) for v in texts if isinstance(v, str)]))
    return out


# the label of another of the 附件3's lines typed on the park's row, after the park: " 填报人：", " 填报时间：", " 联系电话："
_NEXT_LABEL = re.compile(r"\s+[^\s:：]{1,8}[:：]")


def _owner_only(texts: list[str]) -> str:
    """The “填报园区/基地：” line of a row's texts, without the 填报人/填报时间 typed after the park on the same row
    (in cells of their own, or in its cell after spaces): the filler's name and the date name no other unit."""
    colon = re.search(r"[:：]", texts[0])
    line = " ".join(texts)
    cut = _NEXT_LABEL.search(line, colon.end() if colon else len(texts[0]))
    return line[:cut.start()] if cut else line


def candidate_lists(app: Application, path: Path, siblings: list[Path], rules: Rules) -> list[ResidentList]:
    """The separate 附件3 workbooks that may be this application's: those naming it, else (no other park/base
    application in the folder) every list there. More than one: the tool cannot tell which to read."""
    others = [p for p in siblings if p.parent == path.parent and _real(p) != _real(path)]
    kinds = {p: classify(p, rules) for p in others}
    lists = [k for k in kinds.values() if isinstance(k, ResidentList)]
    named = [rl for k in lists for rl in k.parts() if rl.names(app.value("sb_name"), app.value("sb_operator_name"))]
    if len(named) > 1:
        named = not_of_others(named, app, path, siblings, rules)
    if named:
        return [*named, *(k for k in going_on(named, lists) if not k.owner)]
    applications = [p for p, k in kinds.items() if k in rules.list_types()]
    if not applications:
        return lists
    # other parks here, no list naming this one: the sheets titled with its name, of one workbook, are its list
    titled = [(k, [part for part in k.sheets if part.names(app.value("sb_name"), app.value("sb_operator_name"))])
              for k in lists]
    return [parts[0] if len(parts) == 1 else
            ResidentList(k.path, k.words, [r for part in parts for r in part.rows], parts[0].sheet,
                         [f for part in parts for f in part.findings], shared=True)
            for k, parts in titled if parts]


def going_on(named: Sequence[ResidentList], lists: Sequence[ResidentList]) -> list[ResidentList]:
    """The lists (of ``lists``, not ``named``) whose 序号 go on from the last of a list in ``named``: 园区名单2.xlsx
    starting at 301 where 园区名单1.xlsx ends at 300 is the rest of that list, though it names no park."""
    ends = {last + 1 for rl in named for _, last in [rl.numbers()] if last is not None}
    return [k for k in lists if all(k is not rl for rl in named) and k.numbers()[0] in ends and len(k.rows)
            and k.numbers()[0] > 1]


def _going_on_elsewhere(found: list[ResidentList], app: Application, path: Path, siblings: Sequence[Path],
                        rules: Rules) -> list[ResidentList]:
    """The lists beside ``path`` whose 序号 go on from this application's list but whose “填报园区/基地：” line names
    someone else: the two files disagree, said rather than merged or left unsaid."""
    if not found:
        return []
    lists = [k for p in siblings if p.parent == path.parent and _real(p) != _real(path)
             and isinstance(k := classify(p, rules), ResidentList)]
    return [k for k in going_on(found, lists) if k.owner and all(k is not rl for rl in found)
            and not k.names(app.value("sb_name"), app.value("sb_operator_name"))]


def one_list_in_parts(found: Sequence[ResidentList], rules: Rules) -> tuple[ResidentList, list[ResidentList]] | None:
    """Several lists naming one applicant that are one list sent in several files (园区名单1.xlsx, 园区名单2.xlsx): no
    two share most of their companies (those are versions of one list, the tool cannot tell which to read). Joined
    in the order of their 序号, each row's sheet said with its file ("[园区名单2.xlsx]Sheet1", as Excel writes a
    cell of another workbook): a company in two files is a repeat said with both. The list and its parts in order;
    None when they are versions."""
    keys = [listed_keys(rl.rows) for rl in found]
    if not all(keys) or any(len(a & b) * 2 > min(len(a), len(b)) for i, a in enumerate(keys) for b in keys[i + 1:]):
        return None
    parts = sorted(found, key=lambda rl: (rl.numbers()[0] is None, rl.numbers()[0] or 0, rl.path.name))
    rows: list[ResidentRow] = []
    findings: list[Finding] = []
    for rl in parts:
        def label(sheet: str | None, rl: ResidentList = rl) -> str:
            return f"[{rl.path.name}]{sheet or ''}"
        rows += [replace(r, sheet=label(r.sheet)) for r in rl.rows]
        own = [*rl.findings, *printed_total(rl.rows, rules)]    # a file's 合计 row sums its own rows
        findings += [replace(f, sheet=label(f.sheet)) if f.sheet else f for f in own]
    whole = ResidentRows(rows, [rl.rows for rl in parts])   # what the reader found of each part, kept
    return ResidentList(parts[0].path, parts[0].words, whole, rows[0].sheet or "", findings), parts


def _not_shared(found: list[ResidentList], app: Application, path: Path, siblings: Sequence[Path], rules: Rules
                ) -> tuple[list[ResidentList], list[tuple[ResidentList, list[str]]]]:
    """Of the lists found for this application, those whose “填报园区/基地：” line names no other park/base application
    of the folder; and the others, each with the names of those parks (甲园区、乙园区: the list is ambiguous, and
    each park taking it would count the other's companies). The other applications are read only for a line holding
    more than this applicant's names."""
    mine = _applicant_keys(app)
    suspect = [rl for rl in found if rl.owner and len(_rest(rl.owner, mine)) >= 4]
    if not suspect:
        return found, []
    others = [p for p in siblings if p.parent == path.parent and _real(p) != _real(path)
              and classify(p, rules) in rules.list_types()]
    shared = []
    for rl in suspect:
        words = company_key(rl.owner)
        parks = [names[0] for p in others if (names := _applicants_of(p, rules))
                 and any(k in words and not any(k in m or m in k for m in mine) for k in map(company_key, names)
                         if len(k) >= 2)]
        if parks:
            shared.append((rl, sorted(set(parks))))
    return [rl for rl in found if all(rl is not s for s, _ in shared)], shared


def _naming_others(found: Sequence[ResidentList], app: Application) -> list[ResidentList]:
    """The lists of ``found`` whose “填报园区/基地：” line holds another unit's name besides this applicant's (甲园区、
    乙园区, 乙's application not in the folder): read, as nothing tells which companies are whose, and said."""
    mine = _applicant_keys(app)
    return [rl for rl in found if rl.owner and any(k in company_key(rl.owner) for k in mine)
            and len(_rest(rl.owner, mine)) >= 4]


# words naming the applicant's own part on the line: its seal, its 运营单位 ("甲园区（运营单位：乙公司）")
_ROLE_WORDS = re.compile(r"盖章|运营(?:单位|机构|主体|公司|方)")


def _rest(owner: str, keys: Sequence[str]) -> str:
    """What a “填报园区/基地：” line holds besides its label and the applicant's names."""
    text = normalize(owner)
    for colon in "：:":
        if colon in text:
            text = text.split(colon, 1)[1]
            break
    text = company_key(text)
    places = "|".join(map(re.escape, place_names()))
    for k in sorted(keys, key=len, reverse=True):   # with the places typed before it: "贵州省贵阳市甲园区"
        text = re.sub(f"(?:{places})*{re.escape(k)}", "", text)
    return "".join(ch for ch in _ROLE_WORDS.sub("", text) if ch.isalnum())


def _lists_naming_no_one(path: Path, siblings: list[Path], rules: Rules) -> list[str]:
    """The file names of the separate lists beside ``path`` that name none of the folder's park/base applications
    (a park written short, 贵阳综保区电商园 for 贵阳综合保税区电子商务产业园): an application that found no list
    says them, not only "名单没有列出任何企业" (each is listed as an orphan in check FOLDER and refresh too)."""
    kinds = {p: classify(p, rules) for p in siblings if p.parent == path.parent}
    left = [k for k in kinds.values() if isinstance(k, ResidentList)]
    for p in (p for p, kind in kinds.items() if kind in rules.list_types()):
        if not left:          # every list names an application: the others' names are not read
            break
        keys = _names_of(p, rules)
        left = [k for k in left if not any(rl.names(*keys) for rl in [*k.parts(), *k.sheets])]
    return sorted({k.path.name for k in left})


def not_of_others(found: list[ResidentList], app: Application, path: Path, siblings: Sequence[Path], rules: Rules
                  ) -> list[ResidentList]:
    """Of the lists naming this applicant, those not naming another park/base application of the folder whose
    name holds this one's: 遵义电子商务产业园二期's list names 遵义电子商务产业园 too, and is not its list. Only
    asked where it matters (several lists, or one listing other companies): it reads the other applications."""
    mine = _applicant_keys(app)
    longer = [k for p in siblings if p.parent == path.parent and _real(p) != _real(path)
              and classify(p, rules) in rules.list_types()
              for k in _names_of(p, rules) if any(m in k and m != k for m in mine)]
    return [rl for rl in found if not rl.names(*longer)] if longer else found


_NAMES_CACHE = Recent()   # path → its application's 名称 and 运营机构


def _names_of(path: Path, rules: Rules) -> list[str]:
    """The company keys of an application's 名称 and 运营机构 (none when it cannot be read)."""
    return [k for k in map(company_key, _applicants_of(path, rules)) if len(k) >= 2]


def _applicants_of(path: Path, rules: Rules) -> list[str]:
    """An application's 名称 and 运营机构 as typed, those filled (none when it cannot be read)."""
    try:
        st = path.stat()
    except OSError:
        return []
    return _NAMES_CACHE.get_or((_real(path), st.st_size, st.st_mtime_ns), lambda: _read_names(path, rules))


def _read_names(path: Path, rules: Rules) -> list[str]:
    try:
        wb = open_workbook(path)
        try:
            app = read_open(wb, path, rules)
            return [str(a) for a in (app.value("sb_name"), app.value("sb_operator_name")) if a]
        finally:
            wb.close()
    except (UnreadableFile, NotAnApplication, OSError):
        return []


def unreadable_lists(app: Application, path: Path, siblings: list[Path], rules: Rules) -> list[UnreadableBook]:
    """The workbooks beside ``path`` that cannot be read and may be this application's separate list: their
    file names name it (or its 运营机构), or, when it is the folder's only park/base application, say 名单/附件3."""
    others = [p for p in siblings if p.parent == path.parent and _real(p) != _real(path)]
    kinds = {p: classify(p, rules) for p in others}
    bad = [k for k in kinds.values() if isinstance(k, UnreadableBook)]
    keys = _applicant_keys(app)
    said = [b for b in bad if any(w in plain(b.path.stem) for w in LIST_WORDS)]
    # named after it but saying 申报表 (an older copy of the form itself) is no list
    named = [b for b in bad if any(k in company_key(b.path.stem) for k in keys)
             and (b in said or "申报" not in plain(b.path.stem))]
    if named or any(k in rules.list_types() for k in kinds.values()):
        return named
    return said


def text_table_problems(paths: Sequence[Path], rules: Rules) -> dict[Path, str]:
    """Of tables saved as text that no application read (``paths``), the problem files, each with why: a 附件3 list
    (:data:`ORPHAN_LIST`, as a list workbook no application took), or one that cannot be read as a table (its
    encoding, binary junk: maybe a park's list, whose row then says “无法读取（原因见“问题文件”表）”, as of a
    workbook that cannot be opened); other text files (a note, a table of something else) are no input."""
    out = {}
    for p in paths:
        kind = classify(p, rules) if is_text_table(p) else None
        if isinstance(kind, ResidentList):
            out[p] = ORPHAN_LIST
        elif isinstance(kind, UnreadableBook):
            out[p] = kind.reason
    return out


_TEXTS_LAST: list = [None, None]   # the siblings given last, and those with their folders' text tables
_TEXTS_SEEN: dict[str, tuple[int, float, list[Path]]] = {}   # folder → (its mtime, when listed, its text tables)
TEXTS_FRESH = 5.0   # seconds a folder's listing is kept while its mtime is unchanged (a refresh asks for each file)


def with_text_tables(siblings: Sequence[Path], path: Path) -> list[Path]:
    """``siblings`` (the workbooks beside ``path``) and the tables saved as text (.csv/.tsv/.txt) in ``path``'s folder,
    where a park's list exported by its own system may be. The same list object for the same ``siblings`` (a refresh
    asks for each application of a folder: its names are judged once, :class:`_FolderNames`)."""
    if _TEXTS_LAST[0] is siblings:
        return _TEXTS_LAST[1]
    texts = _text_tables_in(path.parent)
    known = set(siblings) if texts else set()
    out = [*siblings, *(p for p in texts if p not in known)] if texts else list(siblings)
    _TEXTS_LAST[:] = [siblings, out]
    return out


def _text_tables_in(folder: Path) -> list[Path]:
    """The text tables of ``folder``, listed again once its mtime changes (a file added, removed or renamed) or the
    listing is :data:`TEXTS_FRESH` seconds old (a file system that keeps no folder mtime): a folder of 1000 applications
    is not listed 1000 times in one refresh."""
    try:
        mtime = folder.stat().st_mtime_ns
        seen = _TEXTS_SEEN.get(str(folder))
        if seen is not None and seen[0] == mtime and time.monotonic() - seen[1] < TEXTS_FRESH:
            return seen[2]
        with os.scandir(folder) as entries:   # names only: a Path is made of a text table's name alone
            texts = sorted(folder / e.name for e in entries if e.name.lower().endswith(TEXT_LISTS) and e.is_file())
    except OSError:
        return []
    if len(_TEXTS_SEEN) > 256:
        _TEXTS_SEEN.clear()
    _TEXTS_SEEN[str(folder)] = (mtime, time.monotonic(), texts)
    return texts


def _applicant_keys(app: Application) -> list[str]:
    """The company keys of the applicant's 名称 and 运营机构 (two characters at least), as a list's file name names it."""
    return [k for k in (company_key(a) for a in (app.value("sb_name"), app.value("sb_operator_name")) if a)
            if len(k) >= 2]


def read_with_residents(path: str | Path, rules: Rules, siblings: list[Path] = ()) -> Application:
    """The application in ``path``; a park/base application without a filled list of its own takes the
    separate list next to it, and says so."""
    path = Path(path)
    if is_text_table(path) and isinstance(classify(path, rules), ResidentList):   # a 附件3 CSV checked by itself
        raise NotAnApplication(LIST_NOT_FORM)
    wb = open_workbook(path)
    try:
        try:
            app = read_open(wb, path, rules)
        except NotAnApplication:
            # a list alone (no form's title or labels beside it): its park is named where one list is checked
            # (not_a_form); a form that could not be read keeps its own reason, though its list is beside it
            if detect_type(wb, rules) is None and _as_list(wb, path) is not None:
                raise NotAnApplication(LIST_NOT_FORM) from None
            kind = other_kind(wb)
            if kind:
                raise OtherWorkbook(kind) from None   # a summary or the tool's output: skipped, not unreadable
            raise
    finally:
        wb.close()
    return with_separate_list(app, path, rules, siblings)


LIST_NOT_FORM = ("这是入驻企业名单（附件3），不是申报表。请把它和对应的园区/基地申报表放在同一文件夹中，"
                 "检查或汇总申报表时会自动读取")


def list_not_form(path: Path, rules: Rules, siblings: Sequence[Path]) -> str:
    """What to say of a separate 附件3 list given as an application: the park/base application beside it that reads
    it, when one does (:func:`list_owner`: it reads each of them, so only where one list is checked — a refresh or a
    folder's check reads every application anyway and tells the lists it took by what they read)."""
    owner = list_owner(path, rules, siblings)
    return f"这是“{owner}”的入驻企业名单（附件3），不是申报表：请检查申报表“{owner}”，名单随它一起读取" if owner \
        else LIST_NOT_FORM


def list_owner(path: Path, rules: Rules, siblings: Sequence[Path]) -> str | None:
    """The file name of the park/base application among ``siblings`` (beside ``path``) that reads the separate list
    ``path`` as its own, found as that application's check finds it; None when none does."""
    me = _real(path)
    for p in siblings:
        if p.parent != path.parent or _real(p) == me or classify(p, rules) not in rules.list_types():
            continue
        try:
            app = read_with_residents(p, rules, list(siblings))
        except (ShibaiError, OSError):   # an application that cannot be read takes no list
            continue
        if path.name in (app.residents_file, *app.lists_beside):
            return p.name
    return None


def with_separate_list(app: Application, path: Path, rules: Rules, siblings: list[Path] = ()) -> Application:
    """A park/base application without a filled list of its own (read from ``path``, a file or the workbook
    open in Excel/WPS) takes the separate list among ``siblings``, and says so."""
    path = Path(path)
    if not (rules.has_resident_list(app.type) and siblings):
        return app
    siblings = with_text_tables(siblings, path)
    if app.residents:
        _lists_beside(app, path, siblings, rules)
        return app
    found = candidate_lists(app, path, list(siblings), rules)
    found, shared = _not_shared(found, app, path, siblings, rules)
    # the rest of a list naming two parks (its 序号 going on, no park named) is neither's alone either
    shared = [(rl, parks, [k for k in going_on([rl], found) if not k.owner]) for rl, parks in shared]
    found = [k for k in found if all(k is not t for _, _, tails in shared for t in tails)]
    found, copies = _without_copies(found)
    # a separate list (or the choice between several) replaces what was said of the workbook's own list
    own = [f for f in app.reader_findings if f.code != "XC_RESIDENT_ROW"]
    joined = one_list_in_parts(found, rules) if len(found) > 1 else None
    if joined is not None:       # one list sent in several files: all read, summed once
        whole, parts = joined
        app.residents, app.residents_sheet = whole.rows, whole.sheet
        app.residents_file = parts[0].path.name
        app.lists_beside = [rl.path.name for rl in parts[1:]] + [c.path.name for c, _k in copies]
        each = "、".join(f"{_where(rl)}（{_listed(rl.rows, rules)}）" for rl in parts)
        app.reader_findings = [*own, *whole.findings, make("XC_RESIDENT_FILE", detail=(
            f"名单分在{len(parts)}个文件中：{each}，合起来读取（共{_listed(whole.rows, rules)}；"
            "名单问题所指的是“[文件名]工作表”中的行号）" + _copies_said(copies)))]
    elif len(found) > 1:
        shown = "、".join(f"“{name}”" for name in sorted([c.path.name for c in found] + [c.path.name for c, _k in copies]))
        app.reader_findings = [*own, make("XC_RESIDENT_ROW", Severity.WARNING, detail=(
            f"同一文件夹中有{len(found)}份入驻企业名单可能属于本申报表：{shown}，无法判断用哪一份，都没有读取。"
            "请只保留一份（或让要用的那份的文件名、标题或“填报园区/基地：”一行写明申报单位名称）后重新检查"))]
    elif found:
        rl = found[0]
        app.residents, app.residents_sheet = rl.rows, rl.sheet
        app.residents_file, app.lists_beside = rl.path.name, [c.path.name for c, _k in copies]
        app.reader_findings = [*own, *rl.findings, make("XC_RESIDENT_FILE", detail=(
            f"{_where(rl)}（{_listed(rl.rows, rules)}；名单问题所指的行号是该文件中的行号）" + _copies_said(copies)))]
    else:
        bad = sorted(unreadable_lists(app, path, list(siblings), rules), key=lambda b: b.path.name)
        if bad:    # the list was sent but cannot be opened: said so, not "名单没有列出任何企业"
            app.residents_unreadable = [(b.path.name, b.reason) for b in bad]
        else:
            _say_unnamed(app, path, siblings, rules, [t for _, _, tails in shared for t in tails])
    for rl in _naming_others(found, app) if app.residents_file else ():
        app.reader_findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, detail=(
            f"入驻企业名单{_where(rl)}的“{rl.owner}”除本申报单位“{app.value('sb_name') or ''}”外还写有别的单位，"
            "已按本申报单位的名单读取；如果其中也列有别的园区/基地的企业，家数和各项合计会多算。"
            "请每个园区/基地各交一份只写明自己名称的名单后重新检查")))
    elsewhere = _going_on_elsewhere(found, app, path, siblings, rules)
    if app.residents_file and _short(app, rules):   # the rest may be in a list naming no one: said with its name
        _say_unnamed(app, path, siblings, rules, [*found, *elsewhere], "的一部分")
    for rl in elsewhere:
        app.reader_findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, detail=(
            f"同一文件夹中的入驻企业名单“{rl.path.name}”的序号接着本申报表的名单往下编（从{rl.numbers()[0]}起），像是名单的"
            f"后一部分，但它的“{rl.owner}”写的不是本申报单位，没有计入。如果它是本申报表名单的一部分，"
            "请改正这一行后重新检查")))
    for rl, parks, tails in shared:       # one list naming two parks: neither's, said to each
        shown = "、".join(f"“{p}”" for p in parks)
        rest = "、".join(f"“{t.path.name}”" for t in tails)
        rest = f"；序号接着它往下编的{rest}是它的后一部分，同样没有读取" if rest else ""
        app.reader_findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, detail=(
            f"同一文件夹中的入驻企业名单{_where(rl)}的“{rl.owner}”同时写明了本申报单位“{app.value('sb_name') or ''}”"
            f"和同一文件夹中另一份申报表的{shown}，无法判断哪些企业是本申报单位的，没有读取（也没有计入那份申报表）"
            f"{rest}。请每个园区/基地各交一份只写明自己名称的名单后重新检查")))
    return app


def _short(app: Application, rules: Rules) -> bool:
    """The list read lists fewer companies than the form's 已入驻电商企业 says."""
    declared = parse_count(app.value("sb_resident_count")).value if app.value("sb_resident_count") else None
    return declared is not None and totals(app.residents, rules)[0].companies < declared


def _say_unnamed(app: Application, path: Path, siblings: Sequence[Path], rules: Rules,
                 taken: Sequence[ResidentList], part: str = "") -> None:
    """XC_RESIDENT_ROW naming the lists beside ``path`` that name no application of the folder (not ``taken``):
    not read, and maybe this application's list (``part``: "的一部分", when its list read is short)."""
    unnamed = [n for n in _lists_naming_no_one(path, list(siblings), rules) if all(n != t.path.name for t in taken)]
    if not unnamed:
        return
    shown = "、".join(f"“{name}”" for name in unnamed)
    app.reader_findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, detail=(
        f"同一文件夹中的入驻企业名单{shown}的文件名、标题和“填报园区/基地：”一行都没有写明本申报单位"
        f"“{app.value('sb_name') or ''}”（或文件夹中其他申报单位）的名称，无法判断是哪份申报表的名单，没有读取。"
        f"如果是本申报表的名单{part}，请在其文件名或“填报园区/基地：”一行写明申报单位全称后重新检查")))


def _lists_beside(app: Application, path: Path, siblings: list[Path], rules: Rules) -> None:
    """The separate 附件3 workbooks that are the list of an application with a list of its own (the template's
    sheet filled and the notice's 附件3 sent as well), naming it: theirs, not orphans; the workbook's own list is
    checked, and a separate one listing other companies is said. (One naming no applicant stays an orphan: it may
    be another park's, whose application is missing.) Only the workbooks whose file name says 名单/附件3 or names
    the applicant are opened: every park of a folder of 1000 opening the 999 others made a refresh quadratic."""
    hinted = [p for p in _FolderNames.of(siblings).hinted(_applicant_keys(app)) if p != path]
    found = [rl for rl in candidate_lists(app, path, hinted, rules)
             if rl.names(app.value("sb_name"), app.value("sb_operator_name"))] if hinted else []
    own = _company_keys(app.residents) if found else []
    if any(_company_keys(rl.rows) != own for rl in found):    # another park's list naming this one in its name?
        found = not_of_others(found, app, path, siblings, rules)
    app.lists_beside = sorted(rl.path.name for rl in found)
    mine = totals(app.residents, rules)[0] if found else None
    for rl in sorted(found, key=lambda rl: rl.path.name):
        if _company_keys(rl.rows) != own:
            app.reader_findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, detail=(
                f"申报表中的入驻企业名单（{_listed(app.residents, rules)}）与同一文件夹中的入驻企业名单“{rl.path.name}”"
                f"（{_listed(rl.rows, rules)}）所列企业不同；按申报表中的名单检查，请核对哪一份是正确的名单")))
        elif differ := _figures_differ(mine, totals(rl.rows, rules)[0]):
            app.reader_findings.append(make("XC_RESIDENT_ROW", Severity.WARNING, detail=(
                f"申报表中的入驻企业名单与同一文件夹中的入驻企业名单“{rl.path.name}”所列企业相同，但{differ}；"
                "按申报表中的名单检查，请核对哪一份是正确的名单")))


def _without_copies(found: list[ResidentList]) -> tuple[list[ResidentList], list[tuple[ResidentList, ResidentList]]]:
    """The lists found, each copy of another (the same rows: “名单 - 副本.xlsx”, the same list saved as .xls) set
    aside for the one of the shorter name: (the lists to read, (copy, the list it copies) each). Two versions of one
    list that differ stay (refused by the caller as before: which one is the applicant's is not the tool's to say)."""
    values = {id(k): [r.values for r in k.rows] for k in found}
    kept, copies = without_copies(sorted(found, key=lambda k: (len(k.path.name), k.path.name)),
                                  lambda a, b: a.path != b.path and values[id(a)] == values[id(b)])
    return [k for k in found if any(k is x for x in kept)], copies


def _copies_said(copies: list[tuple[ResidentList, ResidentList]]) -> str:
    """"；“名单 - 副本.xlsx”与“名单.xlsx”内容相同，只读取一次" for the copies set aside, "" for none."""
    return "".join(f"；{_where(c)}与{_where(k)}内容相同（同一份名单的副本），只读取一次" for c, k in copies)


def _where(rl: ResidentList) -> str:
    """“名单.xlsx”, or “县名单.xlsx”的工作表“甲园区” for one park's sheet of a workbook of several."""
    return f"“{rl.path.name}”的工作表“{one_line(rl.sheet)}”" if rl.shared else f"“{rl.path.name}”"


def _figures_differ(mine: ResidentTotals, theirs: ResidentTotals) -> str:
    """"年度网络零售额合计不同（申报表中4200万元，该文件中1400万元）" for each sum two lists of the same companies
    disagree on (the figures the checks use: a list's 从业人数, 交易额, 零售额); "" when they agree."""
    said = [f"{label}合计不同（申报表中{fmt(a)}{unit}，该文件中{fmt(b)}{unit}）"
            for label, unit, a, b in (("从业人数", "人", mine.staff, theirs.staff),
                                      ("年度网络交易额", "万元", mine.trade, theirs.trade),
                                      ("年度网络零售额", "万元", mine.retail, theirs.retail))
            if round(a, 2) != round(b, 2)]
    return "，".join(said)


def _listed(rows, rules: Rules) -> str:
    """"12家" or "13行、去掉重复后12家": the companies a list names, as its checks count them (not its rows)."""
    return listed_companies(totals(rows, rules)[0])


class _FolderNames:
    """The file names of a folder's workbooks, judged once for all its applications: which say 名单/附件3, and
    their company keys in one text, so that finding the names holding an applicant's key is a few substring
    searches, not a loop over the folder for each application (quadratic at 1000 files: seconds)."""
    _last: tuple[Sequence[Path], _FolderNames] | None = None   # the folder of the file read before this one

    def __init__(self, siblings: Sequence[Path]) -> None:
        self.paths = list(siblings)
        stems = [p.stem for p in self.paths]
        self.said = [i for i, stem in enumerate(stems) if any(w in plain(stem) for w in LIST_WORDS)]
        keys = [company_key(stem).replace(_SEP, "") for stem in stems]
        self.text = _SEP.join(keys)
        self.starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=0))

    @classmethod
    def of(cls, siblings: Sequence[Path]) -> _FolderNames:
        last = cls._last
        if last is None or last[0] is not siblings:    # one list object per folder (refresh, the helpers)
            cls._last = last = (siblings, cls(siblings))
        return last[1]

    def hinted(self, keys: Sequence[str]) -> list[Path]:
        """The workbooks whose name says 名单/附件3 or holds one of ``keys``, in folder order."""
        found = set(self.said)
        for k in keys:
            at = self.text.find(k)
            while at >= 0:
                found.add(bisect_right(self.starts, at) - 1)
                at = self.text.find(k, at + 1)
        return [self.paths[i] for i in sorted(found)]


_SEP = "\n"   # never in a key of a file name (keys hold no white space)


def _company_keys(rows) -> list[str]:
    return sorted(company_key(normalize(r.get("企业名称") or "")) for r in rows)


def is_resident_list(path: Path, rules: Rules) -> bool:
    return isinstance(classify(path, rules), ResidentList)
