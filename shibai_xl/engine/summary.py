"""One application → one row of the 附件4 项目汇总表, and checks across applications.

Pure data: the workbook adapter decides where the row goes and keeps people's work.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import WrongKind
from ..rules import Severity
from .contact_phone import summary_contact
from .findings import Finding, make
from .fmt import fmt
from .nature import nature
from .parse.text import NAME_DIGEST_WIDTH, company_key, name_digests, normalize, one_line, said_name
from .versions import Ranked, Version, rank, why_later, without_copies

if TYPE_CHECKING:  # a refresh with nothing to read imports neither the checker nor the number parser
    from .check import CheckResult

MAX_LISTED = 5  # names or files quoted in one message
AMOUNT_COLUMNS = ("年度交易额（万元）", "年度网络零售额（万元）")
TEXT_LISTS = (".csv", ".tsv", ".txt")   # a table exported as text (a park's 附件3 beside its form): read as one
NAME_MARK = "名称:"      # how a key made of a name (no 统一社会信用代码) begins
KEY_SEPARATOR = "\x1f"   # between resident keys in a record's dict: no text of an .xlsx holds it (XML 1.0 forbids it)


@dataclass
class SummaryRecord:
    """What the summary needs from one application file (cached between refreshes)."""

    file: str
    key: str                                  # 统一社会信用代码, or "名称:" + normalised name
    type: str
    columns: dict[str, Any]                   # 附件4 columns (no 序号, no 市州评分)
    status: str                               # 达标 / 不达标 / 待定 (a Status), "" when unreadable
    score: float
    problems: list[tuple[str, str, str]]      # (code, severity, short message)
    uscc: str = ""
    residents: list[str] = field(default_factory=list)   # resident keys: code, or "名称:" + normalised name
    error: str | None = None                  # the file could not be read
    note: str = ""                            # problems already written as text (a city summary's 问题)
    resident_file: str = ""                   # the separate 附件3 workbook this application's list came from
    fill_date: str = ""                       # 填表时间 (ISO), to choose between two versions of one application
    resident_names: str = ""                  # digests of the names of the residents keyed by their code
    resident_codes_wrong: int = 0             # residents keyed by a code that is no valid code (a slip of a digit)
    lists_beside: list[str] = field(default_factory=list)   # separate 附件3 workbooks of an application with its own list
    # another applicant's form on another sheet of the file ("申报表(2)"), not read: why, as the 问题文件 sheet says it
    forms_unread: list[str] = field(default_factory=list)
    # the valid code an invalid 统一社会信用代码 stands for ("9152O1…", FIELD_USCC): the company, for XC_CROSS_APP
    code_meant: str = ""
    operator: str = ""     # a park's or base's 运营机构 (the company its code is): its name, for XC_CROSS_APP
    other_versions: list[str] = field(default_factory=list)   # the files of this application not taken (choose_versions)

    def to_dict(self) -> dict[str, Any]:
        """As the cache keeps it and the worker processes send it: the resident keys (300 a park, 300 000 a
        province) joined into one string, which JSON and pickle write and read several times faster than as
        many small strings (kept as a list when a key holds the separator)."""
        # shallow on purpose: dataclasses.asdict deep-copies the resident keys, the slowest step of a refresh
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        # the type, verdict and severities as plain texts (they are str enums): the cache's format takes no others
        d["type"], d["status"] = str.__str__(self.type), str.__str__(self.status)
        d["problems"] = [(code, str.__str__(severity), text) for code, severity, text in self.problems]
        keys = self.residents
        joined = KEY_SEPARATOR.join(keys)
        if joined.count(KEY_SEPARATOR) == max(len(keys) - 1, 0) and (len(keys) != 1 or keys[0]):
            d["residents"] = joined
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SummaryRecord:
        d = dict(d)
        d["problems"] = [tuple(p) for p in d.get("problems", [])]
        keys = d.get("residents") or []
        d["residents"] = (keys.split(KEY_SEPARATOR) if keys else []) if isinstance(keys, str) else list(keys)
        return cls(**d)


@dataclass
class SummaryUpdate:
    """What a refresh or merge did to the summary's rows."""

    changed: bool = False
    added: int = 0
    updated: int = 0
    withdrawn: int = 0
    gone: list[str] = field(default_factory=list)         # of them, "name（file）": the application gone from the folder
    back: list[str] = field(default_factory=list)         # rows 已撤回 made 有效 again by this update
    unchanged: int = 0
    mismatches: int = 0
    unreadable: int = 0
    kept: int = 0                                          # rows of unreadable inputs kept as they were
    not_resent: list[str] = field(default_factory=list)   # province rows counted still: their summary not re-sent
    city_changed: list[str] = field(default_factory=list)  # rows their city's summary or application now gives other data
    changed_rows: list[int] = field(default_factory=list)  # the rows of them, as numbered in the sheet
    notes: list[str] = field(default_factory=list)        # what the update did that a person should know
    standing: list[str] = field(default_factory=list)     # notes true while the summary stays as written
    outside: list[str] = field(default_factory=list)      # projects typed below the table, in no count
    nameless: list[str] = field(default_factory=list)     # "第12行": projects typed in it without 企业名称, in no count
    restored: list[str] = field(default_factory=list)     # projects whose row was deleted by hand, added back
    moved: list[str] = field(default_factory=list)        # projects 不达标 in an earlier batch, 达标/待定 in this one
    waiting: list[str] = field(default_factory=list)      # the same at a refresh without a batch: still in the old one
    stamped: list[str] = field(default_factory=list)      # projects given this refresh's batch (new, or 批次 empty)
    after_round: list[str] = field(default_factory=list)  # of them, filled after the batch's review month (said)
    unbatched: list[str] = field(default_factory=list)    # the same at a refresh without a batch: 批次 left empty
    batches: list[str] = field(default_factory=list)      # the months in the table's 批次 after the update, in order
    settled: dict[str, str] = field(default_factory=dict)   # a refresh's rows with nothing to say again: state key → mark
    left: int = 0        # of them, rows left as they were: found as that mark says, nothing to do


def applicant_key(uscc: str | None, name: str | None) -> str:
    if uscc:
        return uscc
    return "名称:" + company_key(name) if name else ""


def _amount(value: Decimal | None) -> float | None:
    """The figure as a cell holds it; None past what a cell can hold (1e308 亿元, 320 digits: said by :func:`too_big`)."""
    number = None if value is None else float(value)
    return number if number is None or math.isfinite(number) else None


def too_big(column: str, value: Decimal | None) -> str:
    """The 问题 note of an amount past what a cell can hold (the column is left blank), else ""."""
    if value is None or _amount(value) is not None:
        return ""
    return f"{column[:-4]}{TOO_BIG}，未写入汇总表，请核对申报表"


def date_note(column: str, day: str) -> str:
    """The 问题 note of an amount typed as a date (left blank in the summary)."""
    return f"{column[:-4]}填的是日期（{day}），不是金额，未计入合计，请核对申报表"


TOO_BIG = "填写的数字过大（超出 Excel 单元格能表示的范围）"
# the notes of an amount left blank (:func:`too_big`, :func:`date_note`): the column, what the application holds
LEFT_BLANK = re.compile(rf"^(年度交易额|年度网络零售额)(填的是日期（[^）]*），不是金额|{re.escape(TOO_BIG)})，"
                        r"(?:未计入合计|未写入汇总表)，请核对申报表$")


def trade_amount(result: CheckResult) -> Decimal | None:
    """附件4's 年度交易额: the amount of the type's threshold other than 网络零售额 (交易额, 销售额 or
    直播销售额); where the kind (平台类/服务类) names it, that one first, then the others as filled."""
    name = trade_field(result)
    return None if name is None else result.values.get(name)


def trade_field(result: CheckResult) -> str | None:
    """The field :func:`trade_amount` takes 附件4's 年度交易额 from, None when none is filled."""
    v, ptype = result.values, result.rules.types[result.app.type]
    kind = v.get(ptype.kind_field) if ptype.kind_field else None
    amounts = [t for t in ptype.thresholds if t.code != "ELIG_RETAIL"]
    ordered = [t.field for t in amounts if t.when == kind] + [t.field for t in amounts if t.when != kind]
    return next((n for n in dict.fromkeys(ordered) if v.get(n) is not None), None)


# the 问题 note of an amount of the summary that is a lower bound ("3000万以上" written as 3000): every total of it
# says so ("≥"), the province's too, which reads it in the city summary's 问题 (kept through .xls/.ods)
BOUND_MARK = "为下限数字"


def bound_note(column: str, typed: Any, where: str = "申报表") -> str:
    """"年度交易额为下限数字（申报表填写“3000万以上”，按下限计，合计实际不低于所示）"."""
    return f"{column[:-4]}{BOUND_MARK}（{where}填写“{typed}”，按下限计，合计实际不低于所示）"


# a bound_note: the column, where the bound was typed, the bound as typed
LEFT_BOUND = re.compile(rf"^(年度交易额|年度网络零售额){BOUND_MARK}（(.*?)填写“(.*)”，按下限计，合计实际不低于所示）$")


def marked_bound(column: str, note: Any) -> bool:
    """Whether a row's 问题 says its amount in ``column`` is a lower bound (:func:`bound_note`)."""
    return f"{column[:-4]}{BOUND_MARK}" in str(note or "")


NO_KEY = ("申报表的名称和统一社会信用代码都没有填写（空白的申报表？），无法对应到汇总表中的一行，未汇总。"
          "请填写后重新刷新；不需要汇总的空白表请移出文件夹")


def record_from_result(result: CheckResult, file: str) -> SummaryRecord:
    from .parse.uscc import meant  # loaded by the check already: a refresh with nothing to read never loads it
    from .values import date_typed

    v = result.values
    t = result.app.type
    trade_name = trade_field(result)
    # a date typed into an amount (2024/5/1, stored 45413): no figure of the summary, no total counts it (said below)
    dated = {c: date_typed(result.app, n) for c, n in zip(AMOUNT_COLUMNS, (trade_name, "sb_online_retail")) if n}
    trade = None if trade_name is None or dated.get(AMOUNT_COLUMNS[0]) else v.get(trade_name)
    retail = None if dated.get(AMOUNT_COLUMNS[1]) else v.get("sb_online_retail")
    columns = {
        "市（州）": result.city,
        "县区": v.get("sb_county") or "",
        "企业名称": result.name,
        "企业地址": v.get("sb_address") or "",
        "项目类型": result.rules.types[t].short,
        "企业性质": nature(result),
        "企业运营情况及主要业绩": v.get("sb_performance") or "",
        **dict(zip(("联系人", "电话"), summary_contact(v))),
        "年度交易额（万元）": _amount(trade),
        "年度网络零售额（万元）": _amount(retail),
    }
    uscc = v.get("sb_uscc") or ""
    code_meant = "" if uscc else meant(result.app.value("sb_uscc"))
    residents = list(result.residents.keys) if result.residents else []
    problems = [(f.code, f.severity, f.short) for f in result.findings]
    filled = v.get("sb_fill_date")
    key = applicant_key(uscc, result.name)
    # another applicant's form on another sheet ("申报表(2)"), not read: as the 问题文件 sheet says it
    forms_unread = [f.message for f in result.findings if f.code == "FILE_OTHER_FORM" and f.severity == Severity.ERROR]
    if not key:   # no row can be found or made for it: said as a file not summarised, never dropped silently
        return unreadable_record(file, "".join([NO_KEY, *(f"。另外，{m}" for m in forms_unread)]))
    return SummaryRecord(file=file, key=key, type=t, columns=columns,
                         status=result.status, score=result.score.auto, problems=problems, uscc=uscc,
                          residents=residents, resident_file=result.app.residents_file or "",
                          lists_beside=list(result.app.lists_beside),
                          forms_unread=forms_unread, code_meant=code_meant,
                          operator=normalize(v.get("sb_operator_name")),
                          resident_names=result.residents.name_digests if result.residents else "",
                          resident_codes_wrong=result.residents.wrong_codes if result.residents else 0,
                          fill_date=_as_typed(filled, v.precision.get("sb_fill_date")),
                          note="；".join(x for x in (
                              *(bound_note(c, v.bounds[n]) for c, n in zip(AMOUNT_COLUMNS, (trade_name, "sb_online_retail"))
                                if n in v.bounds),
                              too_big(AMOUNT_COLUMNS[0], trade), too_big(AMOUNT_COLUMNS[1], retail),
                              *(date_note(c, day) for c, day in dated.items() if day),
                              "、".join(f"入驻企业名单“{name}”无法读取（原因见“问题文件”表）"
                                       for name, _ in result.app.residents_unreadable)) if x))


def _as_typed(d: object, precision: str | None) -> str:
    """填表时间 as ISO text to its precision: "2024-04" for “2024年4月”, which stands for every day of April."""
    if not isinstance(d, date):
        return ""
    return d.isoformat()[:7] if precision == "month" else d.isoformat()[:4] if precision == "year" else d.isoformat()


def not_read(files: int, rows: int = 0, file_word: str = "个文件", gaps: int = 0, forms: int = 0) -> str:
    """What made a total incomplete: "2 个文件未能读取", "1 行缺企业名称未能计入", and (a province's) applications a
    city summary itself could not include; ``forms``: files read that hold another applicant's form, not read.

    >>> not_read(2), not_read(0, 1), not_read(1, 2, "个汇总表")
    ('2 个文件未能读取', '1 行缺企业名称未能计入', '1 个汇总表未能读取，2 行缺企业名称未能计入')
    >>> not_read(0, 0, gaps=1)
    '市（州）汇总表中有 1 份申报表未能汇总'
    >>> not_read(1, forms=1)
    '1 个文件未能读取，1 个文件中另有申报表未读取'
    """
    return "，".join(x for x in (f"{files} {file_word}未能读取" if files else "",
                                 f"{rows} 行缺企业名称未能计入" if rows else "",
                                 f"市（州）汇总表中有 {gaps} 份申报表未能汇总" if gaps else "",
                                 f"{forms} 个文件中另有申报表未读取" if forms else "") if x)


def unreadable_record(file: str, reason: str) -> SummaryRecord:
    return SummaryRecord(file=file, key="", type="", columns={}, status="", score=0.0, problems=[], error=reason)


# the type of a record listing another applicant's form on another sheet of a file read (FILE_OTHER_FORM): the file
# was read, its first form summarised; this form was not (said so, never as a file that could not be read)
FORM_UNREAD = "另有申报表"


def other_form_record(file: str, reason: str) -> SummaryRecord:
    return replace(unreadable_record(file, reason), type=FORM_UNREAD)


def left_out(records: list[SummaryRecord]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(file, why) of the files not read, and of the other forms not read in files read (:data:`FORM_UNREAD`)."""
    said = [(r, (r.file, r.error)) for r in records if r.error]
    return [p for r, p in said if r.type != FORM_UNREAD], [p for r, p in said if r.type == FORM_UNREAD]


Times = Callable[[str], tuple[float | None, float]]   # file → (save time the workbook records or None, file's date)


class VersionsUndecided(WrongKind):
    """Two versions of one application nothing tells apart (one 填表时间, save time, file date, no name saying which is
    later) and different in what they report: which one a refresh summarises is a person's to say."""

    def __init__(self, tied: list[SummaryRecord]):
        self.files = [g.file for g in tied]
        first = tied[0]
        self.short = ("内容不同，无法判断以哪份为准（填表时间分不出先后，工作簿内记录的保存时间相同或没有记录，"
                      "文件修改时间相同，文件名也看不出哪份是修改后的）")
        kind = normalize(first.columns.get("项目类型")) or first.type
        super().__init__(
            "、".join(f"“{f}”" for f in self.files) + f"是同一申报（{said_name(first.columns.get('企业名称')) or first.key}，"
            f"{kind}）的{len(tied)}个版本，{self.short}。请与申报主体确认以哪份为准，把其余的移出文件夹后重新刷新；汇总表未改动")


def _same_data(a: SummaryRecord, b: SummaryRecord) -> bool:
    """Whether two versions report the same: a copy of one form. Their findings count too (a 主要负责人手机 put right
    is in no column of 附件4, but its FIELD_MOBILE leaves the row's 问题), but for those of the file itself (FILE_MACRO
    of the .xlsm, not of the .xlsx it was also saved as)."""
    def data(r: SummaryRecord) -> tuple:
        answers = sorted(tuple(p) for p in r.problems if not p[0].startswith("FILE_"))
        return r.key, r.type, r.columns, r.status, r.score, r.uscc, r.residents, r.fill_date, answers

    return data(a) == data(b)


# the form's own format first: of copies of one form saved in several formats (企业甲.xlsx and the 企业甲.xls it was
# also saved as) the one a refresh names as its 来源文件, whichever is newer on disk
_FORMATS = {"xlsx": 0, "xlsm": 0, "xls": 1}


def _format(file: str) -> str:
    return file.rsplit(".", 1)[-1].lower() if "." in file.rsplit("/", 1)[-1] else ""


def pick_version(group: list[SummaryRecord], when: Times | None = None, summarised: Callable[[str], bool] | None = None
                 ) -> tuple[SummaryRecord, list[SummaryRecord], str]:
    """(the version of one application a refresh takes, the others, why): the later 填表时间; among equals (a date
    typed to the month or year cannot be ordered against a day within it: compared only as far as the coarsest goes)
    one copy when all report the same, else the later by :func:`.versions.rank` (the merge's rule for two summaries
    of one city: save time, file date, a name saying 终版/修改版). Raises :class:`VersionsUndecided` when nothing
    tells two different ones apart. Of copies of one form (the same data), the one ``summarised`` (a row's 来源文件
    already) is kept, else the one in the form's own format (.xlsx), else the later."""
    width = min((len(g.fill_date) for g in group if g.fill_date), default=10)
    top = max(g.fill_date[:width] for g in group)
    # a version without a 填表时间 (blank, or typed so it cannot be read) is not earlier than a dated one: the dates
    # cannot order it, the save time does
    dated = [g for g in group if g.fill_date[:width] == top or not g.fill_date]

    version = {id(g): Version(g.file, *(when(g.file) if when else (None, 0.0))) for g in dated}

    def ranked_of(some: list[SummaryRecord]) -> Ranked:
        return rank([version[id(g)] for g in some])

    # a copy of a form (the same data) set aside for the later of them
    order = ranked_of(dated).order
    if len({_format(g.file) for g in dated}) > 1:   # a form saved again in another format: the same one
        order = sorted(order, key=lambda i: (not (summarised and summarised(dated[i].file)),
                                             _FORMATS.get(_format(dated[i].file), 2), order.index(i)))
    distinct, copies = without_copies([dated[i] for i in order], _same_data)
    ranked = ranked_of(distinct)
    used = distinct[ranked.order[0]]
    if len(dated) == 1:
        why = "填表时间较晚"
    else:
        why = ("未填填表时间" if not any(g.fill_date for g in dated)
               else "有的版本未填填表时间或无法识别，分不出先后" if not all(g.fill_date for g in dated)
               else "填表时间相同" if all(g.fill_date == used.fill_date for g in dated) else "填表时间分不出先后") + "，"
        if len(distinct) == 1:
            why += "内容相同（汇总表各列、前置条件、得分和检查出的问题都相同，多是同一份申报表的副本），只汇总一次"
        elif ranked.tied:
            raise VersionsUndecided([distinct[i] for i in ranked.tied])
        else:
            why += why_later(ranked) + f"，{ranked.contrary}" * bool(ranked.contrary)
            why += "".join(f"，“{c.file}”与{'它' if k is used else f'“{k.file}”'}内容相同" for c, k in copies)
    place = {id(distinct[i]): n for n, i in enumerate(ranked.order)}
    others = sorted((g for g in group if g is not used), key=lambda g: (g.fill_date[:width], -place.get(id(g), 0), g.file),
                    reverse=True)
    return used, others, why


def choose_versions(records: list[SummaryRecord], when: Times | None = None, said: list[str] | None = None,
                    summarised: Callable[[str], bool] | None = None, copies: list[str] | None = None
                    ) -> list[SummaryRecord]:
    """One record per application. Two files with the same 统一社会信用代码 and project type are two versions
    of one application (a corrected form next to the original): :func:`pick_version` says which one is taken;
    the record used names the other files and why it was taken, and so does a line for the terminal in ``said``.
    The same code under two project types stays two applications (XC_CROSS_APP). A file without a code is a
    version of the one application of its type whose name it bears (申报表.xlsx left without its code beside
    申报表(修改版).xlsx that has it) — never two rows, two counts. The same form saved in another format as well
    (企业甲.xls beside 企业甲.xlsx, the same data) is no version: one line in ``copies``, nothing on the row.
    ``summarised``: whether a file is a row's 来源文件 already (:func:`pick_version`)."""
    chosen: dict[int, SummaryRecord] = {}
    for group in version_groups(records).values():
        if len(group) == 1:
            chosen[id(group[0])] = group[0]
            continue
        used, others, why = pick_version(group, when, summarised)
        saved_as = [g for g in others if _same_data(g, used) and _format(g.file) != _format(used.file)]
        if len(saved_as) == len(others):
            chosen[id(used)] = replace(used, other_versions=[g.file for g in others])
            if copies is not None:
                copies.append("、".join(f"“{g.file}”" for g in others) + f"与“{used.file}”内容相同")
            continue

        def shown(g: SummaryRecord, used: SummaryRecord = used) -> str:
            return f"“{g.file}”（{_other_name(g, used)}填表时间{g.fill_date or '未填'}）"

        note = (f"{len(group)}个版本：采用{shown(used)}，原因：{why}，未采用" + "、".join(shown(g) for g in others[:MAX_LISTED])
                + ("等" if len(others) > MAX_LISTED else "") + _NAMES_DIFFER * any(_other_name(g, used) for g in others))
        chosen[id(used)] = replace(used, note="；".join(x for x in (used.note, note) if x),
                                   other_versions=[g.file for g in others])
        if said is not None:
            said.append(f"{said_name(used.columns.get('企业名称')) or used.file}"
                        f"（{normalize(used.columns.get('项目类型')) or used.type}）：{note}")
    return [chosen.get(id(r), r) for r in records if r.error or not r.key or id(r) in chosen]


# versions whose names differ: a correction of the name, or two projects of one company under its code (two teams)
_NAMES_DIFFER = "。各版本的名称不同：如果不是同一申报的修改版，而是同一企业的不同项目，请核实"


def _other_name(g: SummaryRecord, used: SummaryRecord) -> str:
    """"“黔味一号直播团队”，" when a version's name is not the one taken's, else ""."""
    name = normalize(g.columns.get("企业名称"))
    return f"“{one_line(name)}”，" if company_key(name) != company_key(used.columns.get("企业名称")) else ""


def version_groups(records: list[SummaryRecord]) -> dict[tuple[str, str], list[SummaryRecord]]:
    """The readable records by application: (code, type) — a record without a code under the code of the one
    application of its type and name that has one, else under its name; one whose code has a lookalike letter
    under the code it stands for (:func:`choose_versions`)."""
    coded: dict[tuple[str, str], set[str]] = {}    # (type, name key) → the codes of the applications of that name
    for r in records:
        if not r.error and r.key and not r.key.startswith(NAME_MARK):
            coded.setdefault((r.type, applicant_key(None, r.columns.get("企业名称"))), set()).add(r.key)
    groups: dict[tuple[str, str], list[SummaryRecord]] = {}
    for r in records:
        if not r.error and r.key:
            codes = coded.get((r.type, r.key), ()) if r.key.startswith(NAME_MARK) else ()
            # a code typed with the letter O for 0 (FIELD_USCC) is the code it stands for: the corrected form's
            key = r.code_meant or (next(iter(codes)) if len(codes) == 1 else r.key)
            groups.setdefault((key, r.type), []).append(r)
    return groups


def problem_parts(problems: list[tuple[str, str, str]], extra: list[Finding] = ()) -> list[str]:
    """The findings' parts of a 问题 cell, errors first, then warnings, then infos, each by code (CONTRACT §3: each
    code followed by its short message). A finding of the summary itself (``extra``: another application of the
    company, a figure typed apart) says its detail after the short message, in the part of its code (:func:`coded`),
    as the province's XC_CROSS_APP notes do."""
    counted: dict[tuple[str, str, str], list] = {}
    for code, severity, short, detail in [*((*p, "") for p in problems),
                                          *((f.code, f.severity, f.short, f.detail or "") for f in extra)]:
        entry = counted.setdefault((code, short, detail), [Severity.rank(severity), 0])
        entry[0] = min(entry[0], Severity.rank(severity))
        entry[1] += 1
    parts = sorted(counted.items(), key=lambda kv: (kv[1][0], kv[0][0]))
    return [coded(code, short, detail) + (f"（{n}处）" if n > 1 else "") for (code, short, detail), (_, n) in parts]


def coded(code: str, short: str, detail: str = "") -> str:
    """One finding's part of a 问题 cell: 'XC_CROSS_APP 重复申报：<detail>' ("；" separates the parts: none inside)."""
    return (f"{code} {short}" + (f"：{detail}" if detail else "")).replace("；", "，")


CODED_PART = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+ ")   # a part of a 问题 cell that is a finding: “CODE 短语…”


def arrange(parts: Iterable[str], first: tuple[str, ...] = ()) -> list[str]:
    """The parts of a 问题 cell in the order a program reading "CODE 短语；CODE 短语" relies on: the row's state (the
    parts starting with ``first``: 已撤回…, 本次无法读取…) first, then every finding (“CODE 短语[：详情]”, in the order
    given), then the notes without a code (which version was summarised, a bound figure, a row printed short).

    >>> arrange(["2个版本：采用“乙.xlsx”", "RULE_GAP 规则未明确", "", "本次无法读取", "XC_CROSS_APP 重复申报：…"], ("本次",))
    ['本次无法读取', 'RULE_GAP 规则未明确', 'XC_CROSS_APP 重复申报：…', '2个版本：采用“乙.xlsx”']
    """
    parts = [p for p in parts if p]
    lead = [p for p in parts if first and p.startswith(first)]
    rest = [p for p in parts if not (first and p.startswith(first))]
    return lead + [p for p in rest if CODED_PART.match(p)] + [p for p in rest if not CODED_PART.match(p)]


# the names of residents a finding gives by their code or compared name: {file: its shared resident keys said} →
# {key: the company's name as its list writes it} (no record keeps its residents' names: the caller finds these few,
# else the code, or the name as compared, is said alone)
ResidentNames = Callable[[dict[str, list[str]]], dict[str, str]]


def cross_application(records: list[SummaryRecord], twice: list[list[SummaryRecord]] | None = None,
                      names: ResidentNames | None = None) -> dict[str, list[Finding]]:
    """XC_CROSS_APP per file: one company applying twice, or listed as a resident by two parks/bases; ``twice``:
    :func:`applied_twice` of these records where the caller has it already; ``names``: the names of the shared
    residents a finding gives by their code (:data:`ResidentNames`)."""
    valid = [r for r in records if not r.error and r.key]
    out: dict[str, list[Finding]] = {}
    for file, finding in (*_applied_twice(applied_twice(valid) if twice is None else twice),
                          *_listed_twice(valid, names)):
        out.setdefault(file, []).append(finding)
    return out


def folder_duplicates(records: list[SummaryRecord], when: Times | None = None, names: ResidentNames | None = None
                      ) -> dict[str, list[Finding]]:
    """XC_CROSS_APP per file of a folder checked file by file (``check FOLDER``), where each file keeps its own
    result: what a refresh says (:func:`cross_application` over the versions it takes), on every version of the
    application, and on each version of one application how many there are and which one a refresh takes
    (:func:`choose_versions`); ``names`` as :func:`cross_application` takes them."""
    valid = [r for r in records if not r.error and r.key]
    groups = list(version_groups(valid).values())
    picked: list[tuple[SummaryRecord, str, VersionsUndecided | None]] = []   # per group: the one taken, why, or why none
    for group in groups:
        try:
            used, _others, why = pick_version(group, when) if len(group) > 1 else (group[0], [], "")
            picked.append((used, why, None))
        except VersionsUndecided as e:    # the refresh stops: each version's XC_CROSS_APP as if it were the one
            picked.append((group[0], "", e))
    cross = cross_application([used for used, _w, _e in picked], names=names)
    out: dict[str, list[Finding]] = {}
    for group, (kept, why, undecided) in zip(groups, picked):
        files = [r.file for r in group]
        found = list(cross.get(kept.file, []))
        if len(files) > 1:
            other = {r.file: _other_name(r, kept).rstrip("，") for r in group}
            differ = any(other.values())
            named = [f"{r.file}（{other[r.file]}）" if other[r.file] else r.file for r in group]
            own = f"“{said_name(kept.columns.get('企业名称'))}”，" if differ else ""
            said = (f"{undecided.short}，刷新汇总表时会因此停止：请与申报主体确认以哪份为准，把其余版本移出文件夹" if undecided
                    else f"刷新汇总表时采用“{kept.file}”（{own}{why}），其余版本请核实后移出文件夹")
            found.append(make("XC_CROSS_APP", detail=f"同一申报有{len(files)}个版本（{_some(named, '份')}），{said}"
                                                     f"{_NAMES_DIFFER * differ}"))
        out.update((f, found) for f in files if found)
    return out


def other_city(records: list[SummaryRecord], city: str) -> dict[str, list[Finding]]:
    """XC_SUMMARY_MISMATCH per file of an application whose 所属市（州） is not the city of the summary it goes
    into (a 遵义市 application in 贵阳市's folder): the province would count it under the wrong city."""
    out: dict[str, list[Finding]] = {}
    for r in records:
        own = normalize(r.columns.get("市（州）")) if not r.error and r.key else ""
        if own and city and own != city:
            out[r.file] = [make("XC_SUMMARY_MISMATCH", field="sb_city",
                                detail=f"申报表的所属市（州）为{own}，本汇总表是{city}的，请核实是否报错了市（州）")]
    return out


def _some(items: list[str], unit: str) -> str:
    """The first few of a list, and how many there are in all when that is more."""
    return "、".join(items[:MAX_LISTED]) + (f"等{len(items)}{unit}" if len(items) > MAX_LISTED else "")


def _applied_twice(groups: list[list[SummaryRecord]]) -> Iterator[tuple[str, Finding]]:
    for group in groups:
        for g in group:
            yield g.file, make("XC_CROSS_APP", detail=_one_company(g, group))


def applied_twice(records: list[SummaryRecord]) -> list[list[SummaryRecord]]:
    """The applications of each company that applied more than once: the same code, or (one of them without its
    code) the same name."""
    valid = [r for r in records if not r.error and r.key]
    by_applicant: dict[str, list[SummaryRecord]] = {}
    for r in valid:
        by_applicant.setdefault(r.code_meant or r.key, []).append(r)
    named = {key: group for key, group in by_applicant.items() if key.startswith("名称:")}
    absorbed: set[str] = set()
    for key, group in (list(by_applicant.items()) if named else ()):
        if key.startswith("名称:"):
            continue
        # the applications without a code under a name this code's applications give (a park's or base's own, or
        # its 运营机构's, the company the code is): one company, one finding
        names = {"名称:" + company_key(n) for g in group for n in (g.columns.get("企业名称", ""), g.operator) if n}
        for name in names & named.keys():
            group.extend(named[name])
            absorbed.add(name)
    for key in absorbed:
        del by_applicant[key]
    return [group for group in by_applicant.values() if len(group) > 1]


def applied_twice_note(groups: list[list[SummaryRecord]]) -> str:
    """What the terminal says of :func:`applied_twice`: each company and its files."""
    said = [f"{said_name(g[0].columns.get('企业名称')) or g[0].file}（{'、'.join(o.file for o in g)}）" for g in groups]
    return (f"{len(groups)} 家企业出现在多份申报中（XC_CROSS_APP，“问题”列已写明另一份是哪个文件），请核实是否重复申报："
            + "；".join(said[:MAX_LISTED]) + (f"等{len(said)}家" if len(said) > MAX_LISTED else ""))


def _name_tie(group: list[SummaryRecord]) -> str:
    """"企业名称相同", or where the name is a park's or base's 运营机构 only, "名称与园区/基地的运营机构相同"."""
    names = {company_key(o.columns.get("企业名称")) for o in group}
    return ("名称与园区/基地的运营机构相同" if len(names) == len(group) and any(company_key(o.operator) in names
                                                                  for o in group if o.operator) else "企业名称相同")


def _one_company(g: SummaryRecord, group: list[SummaryRecord]) -> str:
    """"“甲公司”在2份申报中出现（甲.xlsx（企业）、乙.xlsx（团队“甲直播团队”）），统一社会信用代码相同，请核实…": every
    application of the company by file, type and (spelled otherwise) name, and what tells it is one company."""
    name = said_name(g.columns.get("企业名称"))

    def shown(o: SummaryRecord) -> str:
        spelled = _other_name(o, g).rstrip("，")
        return f"{o.file}（{normalize(o.columns.get('项目类型')) or o.type}{spelled}）"

    named = [o.file for o in group if o.key.startswith(NAME_MARK) and not o.code_meant]
    meant = [o.file for o in group if o.code_meant]
    why = "，".join(x for x in (
        "统一社会信用代码相同" if len(named) < len(group) - 1 else "",
        f"{_some(meant, '份')}的统一社会信用代码把数字0或1写成了字母O或I" if meant else "",
        f"{_name_tie(group)}（{_some(named, '份')}未填或填错统一社会信用代码）" if named else "") if x)
    return f"“{name}”在{len(group)}份申报中出现（{_some([shown(o) for o in group], '份')}），{why}，请核实是否重复申报"


def _residents_listed_twice(valid: list[SummaryRecord]) -> dict[str, list[SummaryRecord]]:
    """Resident key → the records listing it, for keys two parks/bases list. Found with set operations (a
    province has 300k resident keys; indexing every one of them took a quarter of a refresh), then grouped
    for those few keys only."""
    seen: set[str] = set()
    twice: set[str] = set()
    for r in valid:
        if r.residents:          # a park's or base's 入驻企业名单 (附件3)
            if not seen.isdisjoint(r.residents):   # rare: then the keys it shares (no set of each list's keys)
                twice |= seen.intersection(r.residents)
            seen.update(r.residents)
    by_resident: dict[str, list[SummaryRecord]] = {}
    if twice:
        for r in valid:
            for key in twice.intersection(r.residents):
                by_resident.setdefault(key, []).append(r)
    return by_resident


def _named_in_coded_lists(valid: list[SummaryRecord]
                          ) -> tuple[dict[str, list[SummaryRecord]], dict[str, dict[str, str]]]:
    """A company one list names only (附件3 has no code column) and another lists with its code: "名称:" key → the
    records listing it either way; and per file of a coded list, its matched codes → that "名称:" key (one company,
    said once). Nothing to do (nothing hashed) unless some list has such a name and some other list has codes, so
    a province of coded lists pays nothing here."""
    width = NAME_DIGEST_WIDTH
    by_digest: dict[str, tuple[str, list[SummaryRecord]]] = {}
    if any(r.resident_names for r in valid):
        for r in valid:
            if NAME_MARK not in KEY_SEPARATOR.join(r.residents):   # most lists name no company without its code
                continue
            for key in r.residents:
                if key.startswith(NAME_MARK) and len(key) > 3:
                    by_digest.setdefault(name_digests([key[3:]]), (key, []))[1].append(r)
    found: dict[str, list[SummaryRecord]] = {}
    aliases: dict[str, dict[str, str]] = {}
    for r in (valid if by_digest else ()):
        digests = r.resident_names
        chunks = [digests[i:i + width] for i in range(0, len(digests), width)]
        matched = set(chunks).intersection(by_digest)
        if not matched:
            continue
        for d in matched:
            key, named = by_digest[d]
            if any(n is not r for n in named):
                found.setdefault(key, list(named)).append(r)
        coded = [k for k in r.residents if not k.startswith("名称:")]
        if len(coded) == len(chunks):             # the digests follow the coded rows (no nameless one among them)
            aliases[r.file] = {code: by_digest[d][0] for code, d in zip(coded, chunks) if d in matched}
    return found, aliases


MISTYPED_MARK = "误码:"   # a resident key standing for one company two lists give under one name with codes, one invalid


def _mistyped_codes(valid: list[SummaryRecord]) -> dict[str, tuple[list[SummaryRecord], set[str]]]:
    """A company two lists give with their codes under one name, where a code is no valid code (a slip of the
    check digit: README 第3步 takes two codes for two companies, and an invalid one is no company's): a
    MISTYPED_MARK key saying the codes → (the records listing it, its codes). Names are compared by their digests, with set
    operations (nothing hashed per resident unless two coded lists share a name), codes checked only then."""
    named = [r for r in valid if r.resident_names]
    if not any(r.resident_codes_wrong for r in named):
        return {}   # no list gives a code that is no valid code: nothing to look for (300 000 digests hashed)
    chunk = re.compile(f".{{{NAME_DIGEST_WIDTH}}}", re.S).findall
    every = chunk("".join(r.resident_names for r in named))   # no list gives one name twice (its repeat is left out)
    if len(set(every)) == len(every):
        return {}
    lists = [(r, chunk(r.resident_names)) for r in named]
    seen: set[str] = set()
    twice: set[str] = set()
    for _r, chunks in lists:
        if not seen.isdisjoint(chunks):
            twice.update(seen.intersection(chunks))
        seen.update(chunks)
    by_name: dict[str, dict[str, list[SummaryRecord]]] = {}
    for r, chunks in lists:
        if twice.isdisjoint(chunks):
            continue
        coded = [k for k in r.residents if not k.startswith(NAME_MARK)]
        if len(coded) != len(chunks):   # the digests follow the coded rows (no nameless one among them)
            continue
        for code, digest in zip(coded, chunks):
            if digest in twice:
                by_name.setdefault(digest, {}).setdefault(code, []).append(r)
    found: dict[str, tuple[list[SummaryRecord], set[str]]] = {}
    for codes in by_name.values():
        if len(codes) < 2:            # one code: found by it already
            continue
        from .parse.uscc import parse  # loaded by the check already
        wrong = {c: parse(c).error.split("，请")[0].replace("（", "、").rstrip("）") for c in codes if not parse(c).ok}
        right = [c for c in codes if c not in wrong]
        if not wrong or len(right) > 1:   # two valid codes: two companies (which one the slip meant: not told)
            continue
        said = "、".join(sorted(codes, key=lambda c: c in wrong))
        why = "，".join(f"{c}{e}" for c, e in wrong.items())
        key = f"{MISTYPED_MARK}统一社会信用代码{said}（名称相同，{why}，按同一企业计）"
        found[key] = ([r for c in codes for r in codes[c]], set(codes))
    return found


def _listed_twice(valid: list[SummaryRecord], names: ResidentNames | None = None) -> Iterator[tuple[str, Finding]]:
    shared: dict[str, dict[str, set[str]]] = {}   # file → resident key → the other parks/bases listing it
    named, aliases = _named_in_coded_lists(valid)
    mistyped = _mistyped_codes(valid)
    for key, group in (*_residents_listed_twice(valid).items(), *named.items(),
                       *((k, records) for k, (records, _codes) in mistyped.items())):
        owners = {g.file for g in group}
        if len(owners) > 1:
            for g in group:
                shared.setdefault(g.file, {}).setdefault(key, set()).update(owners - {g.file})
    for file, keys in shared.items():
        for code, name in aliases.get(file, {}).items():   # shared by its code and by its name: one company
            if code in keys and name in keys:
                keys[name] |= keys.pop(code)
        for mark, (_records, codes) in mistyped.items():   # the company of a mistyped code: said once, so
            if mark in keys:
                same = codes | {aliases.get(file, {}).get(c) for c in codes}
                for other in [k for k in keys if k in same]:
                    keys[mark] |= keys.pop(other)
    # one bounded finding per file, however many residents are shared: the first few, each as its list writes it
    said = {file: sorted(keys, key=lambda k: k[3:] if k.startswith((NAME_MARK, MISTYPED_MARK)) else k)
            for file, keys in shared.items()}
    first = {m: min(codes, key=m.find) for m, (_r, codes) in mistyped.items()}   # a mistyped code's company is asked
    gives = {(r.file, m) for m, (rs, _c) in mistyped.items() for r in rs if first[m] in r.residents}  # by its 1st code
    wanted = {file: asked for file, keys in said.items()
              if (asked := [first.get(k, k) for k in keys[:MAX_LISTED] if k not in first or (file, k) in gives])}
    called = names(wanted) if names and wanted else {}

    def shown(k: str) -> str:   # the company as its list writes it, with its code; else as compared
        if k in first and first[k] in called:   # its name, then its codes and why they are one company
            return f"{one_line(called[first[k]])}（{k[3:].replace('（', '：', 1).removesuffix('）')}）"
        if k.startswith(MISTYPED_MARK) or (k.startswith(NAME_MARK) and k not in called):
            return k[3:]
        if k.startswith(NAME_MARK):
            return one_line(called[k])
        return f"{one_line(called[k])}（{k}）" if k in called else f"统一社会信用代码{k}"

    for file, keys in said.items():
        others = sorted(set().union(*shared[file].values()))
        yield file, make("XC_CROSS_APP", detail=f"入驻企业{_some(list(map(shown, keys)), '家')}{LISTED_TWICE}"
                                                 f"（{_some(others, '份')}）")


LISTED_TWICE = "同时出现在其他园区/基地的入驻企业名单中"


def listed_twice_note(records: list[SummaryRecord], cross: dict[str, list[Finding]]) -> str:
    """What the terminal says of the parks and bases whose 入驻企业名单 share a company (:func:`_listed_twice`), each
    with the files it shares with; "" when none do."""
    said = [f"{said_name(r.columns.get('企业名称')) or r.file}（{r.file}）的名单与{f.detail.split(LISTED_TWICE)[1].strip('（）')}"
            for r in records for f in cross.get(r.file, ()) if f.code == "XC_CROSS_APP" and LISTED_TWICE in f.detail]
    if not said:
        return ""
    return (f"{len(said)} 份园区/基地申报的入驻企业名单中有相同的企业（XC_CROSS_APP，“问题”列已写明是哪些企业），"
            "请核实是否重复列入：" + "；".join(said[:MAX_LISTED]) + (f"等{len(said)}份" if len(said) > MAX_LISTED else ""))


APPLICATION_SIDES = ("汇总表", "申报表")      # a city's summary and the application it summarises
PROVINCE_SIDES = ("全省表", "市（州）汇总表")  # the province table and the city's summary it merges


def amount_figure(value: Any) -> Decimal | None:
    """An amount as a figure in 万元: a number, or words that read as one (“6000万元”, “约六千万”); None for none."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, (int, float, Decimal)):
        figure: Decimal | None = Decimal(str(value))
    else:
        from .parse import number  # start-up: a refresh with nothing to read never loads the number parser

        q = number.parse_amount(value, "万元", bounds=True)
        figure = q.value if q.ok else None
    return figure if figure is not None and figure.is_finite() else None


def summary_mismatch(typed: Any, expected: Any, column: str, sides: tuple[str, str] = APPLICATION_SIDES
                     ) -> Finding | None:
    """A figure a person typed into the summary that disagrees with the application; ``sides``: what the two are
    called (the province's: its own table and the city's, never an application it does not read)."""
    ours, theirs = sides
    if typed in (None, "") or expected in (None, ""):
        return None
    if column in AMOUNT_COLUMNS:
        from .parse import number  # start-up: a refresh with nothing to read never loads the number parser

        # "3000万以上" typed back for an application's "3000万以上" (written as its bound, 3000) is the same figure
        p = number.parse_amount(typed, "万元", bounds=True)
        want = amount_figure(expected)   # the city's own words in the province's (“约六千万”): a figure where they read
        if p.ok and want is not None and abs(p.value - want) <= Decimal("0.5"):
            return None
        shown = fmt(p.value) if p.ok and not p.bound else f"“{typed}”"
        figure = isinstance(expected, (int, float, Decimal)) and not isinstance(expected, bool)
        return make("XC_SUMMARY_MISMATCH", field=column, detail=f"{column}{ours}为{shown}，{theirs}为"
                    + (fmt(want) if figure and want is not None else f"“{expected}”"))
    if normalize(typed).replace(" ", "") == normalize(expected).replace(" ", ""):
        return None
    return make("XC_SUMMARY_MISMATCH", Severity.INFO, field=column, detail=f"{column}{ours}为“{typed}”，{theirs}为“{expected}”")
