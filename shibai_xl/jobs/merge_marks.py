"""Which rows of the province table its totals count: a project two cities reported (or one city twice) is counted
once, the others marked 统计中未计入 with why, and each row of a project two rows report flagged (XC_CROSS_APP)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..adapters.xlsx.summary_apply import STATE_NOTES
from ..adapters.xlsx.summary_book import SummaryBook
from ..engine.fmt import fmt
from ..engine.parse.text import normalize, said_name
from ..engine.parse.uscc import region
from ..engine.province_rows import Row, cross_notes, merge_cross, project_keys
from ..engine.row_marks import withdrawn_mark
from ..engine.summary import (
    AMOUNT_COLUMNS,
    CODED_PART,
    SummaryRecord,
)
from ..engine.summary_amounts import amount_in_wan
from ..engine.summary_table import ONCE, SCOPE_COLUMN, city_in, city_rank, row_city, type_short

if TYPE_CHECKING:
    from .merge import MergeReport


@dataclass(frozen=True)
class _Report:
    """One row (or record) of a project, as the choice of the row to count sees it."""

    token: int         # the row number, or the record's index
    key: str           # 统一社会信用代码, or "名称:…"
    kind: str          # 园区/基地/企业/团队
    city: str          # its 市（州） column
    reporter: str      # the city whose summary reported it (报送市州)
    amounts: tuple = ()   # (年度交易额, 年度网络零售额) in 万元 as the totals read them (None: blank or unreadable)


def _once(reports: list[_Report]) -> dict[int, tuple[_Report, str]]:
    """A project (one 统一社会信用代码, or one name where no code is known, and one 项目类型) that two cities
    reported is counted once. The notice has each project recommended by its own 市（州）: the row counted is the one
    of the 市（州） where the code's registration authority is, else the first 市（州） in the official order. A
    project one city's summary has on two rows (a row pasted twice) is counted once too, as its first row (in the
    order the rows are given: the province table's, or the records' as they will be written); when those rows'
    amounts differ the note names them (:data:`REPEATED_DIFFER`). → {token left out: (counted, why)}."""
    groups: dict[tuple[str, str], list[_Report]] = {}
    order = {x.token: i for i, x in enumerate(reports)}     # a group's rows in the order given: its first is first
    for x in reports:
        if x.key:
            groups.setdefault((x.key, x.kind), []).append(x)
    kinds: dict[str, list[str]] = {}
    for key, kind in groups:
        if kind:
            kinds.setdefault(key, []).append(kind)
    for key, kind in [k for k in groups if not k[1] and len(kinds.get(k[0], ())) == 1]:
        # a row whose 项目类型 is blank (lost when pasted) is the project its code or name has under its one type
        typed = groups[(key, kinds[key][0])]
        typed += groups.pop((key, kind))
        typed.sort(key=lambda x: order[x.token])
    out: dict[int, tuple[_Report, str]] = {}
    for (key, _kind), group in groups.items():
        if len(group) < 2:
            continue
        if len({x.reporter for x in group}) < 2:
            out.update({x.token: (group[0], _repeated_why(group)) for x in group[1:]})
            continue
        home = region(key)[2] if not key.startswith("名称:") else ""
        keep = min(group, key=lambda x: (x.city != home, city_rank(x.city), x.reporter != x.city, x.token))
        why = (f"统一社会信用代码的登记机关在{home}" if keep.city == home else
               f"统一社会信用代码的登记机关在{home}，不是报送的市（州），按市（州）顺序计入，请核实" if home else
               "无法按统一社会信用代码判断项目所属市（州），按市（州）顺序计入，请核实")
        differ = _differ(group, by_city=True)
        if differ:   # the tables disagree: the code's city decides (属地, 通知一、(一)); else nobody here can
            why += f"，各市州报送的{REPEATED_DIFFER}（{differ}）" + ("" if keep.city == home else f"，{CROSS_UNSURE}")
        out.update({x.token: (keep, why) for x in group if x is not keep})
    return out


REPEATED = "同一项目在"        # the why of a row repeating another row of the same city's summary
REPEATED_DIFFER = "金额不一致"   # ... whose amounts differ from it: which row is right nobody here can know
# two cities' rows of a project whose amounts differ, no code telling whose project it is: the total is unsure
CROSS_UNSURE = "无法判断哪个市（州）的金额正确，合计不完整：请相关市（州）核实，不属于本市（州）的删去这一行后重新报送"


def _repeated_why(group: list[_Report]) -> str:
    """Why a row one city's summary repeats is left out: its rows' amounts, when they differ, named."""
    reporter = group[0].reporter or "未识别市州"
    said = f"{REPEATED}{reporter}汇总表中重复填写了{len(group)}行"
    differ = _differ(group)
    if not differ:
        return said + "，全省统计只计一次，计入其中的另一行"
    return (f"{said}，{REPEATED_DIFFER}（{differ}），无法判断哪一行正确，全省统计暂只计入另一行，合计不完整："
            f"请{reporter}核实、删去多余的行后重新报送")


def _differ(group: list[_Report], by_city: bool = False) -> str:
    """The amounts the rows of one project give, where they differ: "年度交易额分别为2000、2500万元" (``by_city``:
    "…分别为8000（遵义市）、9000（安顺市）万元"); "" if none."""
    amounts = [x.amounts for x in group]
    if len(set(amounts)) < 2:
        return ""
    differ = []
    for i, column in enumerate(AMOUNT_COLUMNS):
        values = [a[i] if i < len(a) else None for a in amounts]
        if len(set(values)) > 1:
            differ.append(f"{column[:-4]}分别为" + "、".join(
                ("空白" if v is None else fmt(v)) + (f"（{x.reporter or '未识别市州'}）" if by_city else "")
                for v, x in zip(values, group)) + "万元")
    return "，".join(differ)


def _once_note(keep: _Report, why: str) -> str:
    if why.startswith(REPEATED):
        return f"{ONCE}：{why}"
    where = keep.city or "未识别市州"
    return f"{ONCE}：{keep.reporter or '另一'}汇总表也报送了这一项目，全省统计只计一次，计入{where}（{why}）"


def _left_out(rows: list[Row]) -> dict[int, tuple[_Report, str]]:
    """:func:`_once` of rows given as (token, code, 企业名称, 项目类型, 市（州）, 报送市州, amounts) — records before they
    are written, or the province table's rows after."""
    keys = project_keys([(code, name) for _, code, name, *_ in rows])
    return _once([_Report(token, key, type_short(kind), row_city(city), normalize(scope), amounts)
                  for (token, _, _, kind, city, scope, amounts), key in zip(rows, keys)])


class _Marks(NamedTuple):
    notes: dict[int, list[str]]              # {token: the notes of its row}; a token without a note is not a key
    twice: list[str]                         # the projects two rows report, as the terminal names them
    clashes: list[str]                       # codes that rows naming different companies share, as said
    left_out: dict[int, tuple[_Report, str]]  # :func:`_once`


def _marks(rows: list[Row]) -> _Marks:
    """What the province table says of its rows: XC_CROSS_APP on each row of a project two rows report, and
    统计中未计入 on the rows its totals leave out."""
    (cross, twice, clashes), left_out = cross_notes(rows), _left_out(rows)
    out: dict[int, list[str]] = {}
    for token, *_ in rows:
        notes = ([cross[token]] if token in cross else []) + (
            [_once_note(*left_out[token])] if token in left_out else [])
        if notes:
            out[token] = notes
    return _Marks(out, twice, clashes, left_out)


def _table_row(book: SummaryBook, r: int) -> Row:
    return (r, book.code(r), book.get(r, "企业名称"), book.get(r, "项目类型"), book.get(r, "市（州）"), book.get(r, SCOPE_COLUMN),
            tuple(amount_in_wan(book.get(r, c)) for c in AMOUNT_COLUMNS))


def mark_records(records: list[SummaryRecord], book: SummaryBook | None, read_cities: set[str]) -> None:
    """Before the rows are written: the notes of the records, decided with the rows of the cities not merged this
    time, so that merging the same files again changes no row (:func:`mark_rows` then finds them right)."""
    others = [] if book is None else [
        _table_row(book, r) for r in book.project_rows()
        if not withdrawn_mark(book.get(r, "状态"))
        and city_in(book.get(r, SCOPE_COLUMN) or book.get(r, "市（州）")) not in read_cities]
    n = len(records)
    # in the order apply_records writes them (as given), so that the first of a city's repeated rows here is the
    # first in the table too and mark_rows finds the same row counted
    rows = [(i, r.uscc, r.columns.get("企业名称"), r.columns.get("项目类型"), r.columns.get("市（州）"),
             r.columns.get(SCOPE_COLUMN), tuple(amount_in_wan(r.columns.get(c)) for c in AMOUNT_COLUMNS))
            for i, r in enumerate(records)]
    notes = _marks(rows + [(n + k, *row[1:]) for k, row in enumerate(others)]).notes
    for i, rec in enumerate(records):
        if i in notes:
            rec.note = "；".join(x for x in (rec.note, *notes[i]) if x)


def _merge_note(part: str) -> bool:
    """A part of a province row's 问题 this merge writes from the rows of the table (:func:`mark_rows`): its
    XC_CROSS_APP note, not the city's own (one company's two applications, which the row keeps), or its 统计中未计入."""
    return merge_cross(part) or part.startswith(ONCE)


def _with_notes(kept: list[str], want: list[str]) -> list[str]:
    """The parts of a 问题 cell with the merge's notes put back where a refresh puts them (:func:`arrange`): its
    XC_CROSS_APP after the last finding, its 统计中未计入 at the end."""
    at = max((i + 1 for i, p in enumerate(kept) if CODED_PART.match(p)),
             default=next((i for i, p in enumerate(kept) if not p.startswith(STATE_NOTES)), len(kept)))
    return kept[:at] + [w for w in want if CODED_PART.match(w)] + kept[at:] + [w for w in want if not CODED_PART.match(w)]


def mark_rows(book: SummaryBook, report: MergeReport, stamp: str) -> list[int]:
    """The rows the totals count, decided on the province table as it now is (rows of cities not merged this time
    included): a project two rows report is flagged on each (XC_CROSS_APP) and counted once (``_once``); the
    other rows stay in the table (nothing dropped) with a note saying where the project is counted. A row no longer
    reported twice, or withdrawn, loses those notes."""
    active = [r for r in book.project_rows() if not withdrawn_mark(book.get(r, "状态"))]
    marks = _marks([_table_row(book, r) for r in active])
    report.duplicates, report.clashes = marks.twice, marks.clashes
    for r in book.project_rows():
        old = str(book.get(r, "问题") or "")
        want = marks.notes.get(r, [])
        if [p for p in old.split("；") if _merge_note(p)] == want:
            continue     # as this merge's record wrote it
        if book.put(r, "问题", "；".join(_with_notes([p for p in old.split("；") if p and not _merge_note(p)], want)) or None):
            book.put(r, "更新时间", stamp)
    counted = {keep.token: (keep, reason) for keep, reason in marks.left_out.values()}
    report.once += [f"{book.get(r, '企业名称')}计入{keep.city or '未识别市州'}（{reason}）"
                    for r, (keep, reason) in counted.items() if not reason.startswith(REPEATED)]
    report.disputed += [said_name(book.get(r, "企业名称")) for r, (_k, reason) in counted.items() if CROSS_UNSURE in reason]
    for r, (_keep, reason) in counted.items():
        if reason.startswith(REPEATED):
            said = f"{book.get(r, '企业名称')}（{reason.removeprefix(REPEATED).split('，全省统计', 1)[0]}）"
            (report.differing if REPEATED_DIFFER in reason else report.repeated).append(said)
    return [r for r in active if r not in marks.left_out]
