"""省级评审 (notice 三、(三)): who scores what, and the experts' scores into one ranking.

Pure logic, no workbook code. The adapter (``adapters/xlsx/review_book.py``) writes
and reads the experts' workbooks; ``jobs/review.py`` puts the two together.

* Eligible projects of a round: 前置条件 达标, and 待定 ones (marked, to be verified
  before 认定); 不达标 and 已撤回 rows are left out.
* An expert from the same 市（州） as a project recuses himself (回避) from it.
* A fingerprint of the round (round id, project list, 附件5 items and points) lets
  the collector recognise another round's file or a changed rubric.
* Aggregation: an expert's total for a project counts only when every item is
  scored within 0…满分 (``scoring.reviewer_total``); otherwise it is left out and
  the project's 问题 says so. 去极值平均分 drops one highest and one lowest total
  when at least ``trim_min`` (the year file's review_trim_min) experts counted. Projects are ranked within
  their type by 去极值平均分 as published (two decimals, half up); equal scores share
  a rank (1, 1, 3). 拟认定 compares the exact, unrounded mean with the pass line (at or above it).

>>> competition_ranks([Decimal("85"), Decimal("90"), Decimal("85"), Decimal("70")])
[2, 1, 2, 4]
>>> trimmed_mean([Fraction(60), Fraction(70), Fraction(80), Fraction(90), Fraction(100)], 5)
Fraction(80, 1)
>>> trimmed_mean([Fraction(60), Fraction(95), Fraction(100)], 5)
Fraction(85, 1)
>>> city_name("黔东南"), city_name("贵阳"), city_name("贵安新区"), city_name("北京"), city_name("黔南布依族苗族自治州")
('黔东南州', '贵阳市', '贵安新区', None, '黔南州')
>>> [batch_month(b) for b in ("2024年5月", 202405.0, "2024.5", "5月")], same_batch("5月", "2024-05")
(['2024-05', '2024-05', '2024-05', '5月'], True)
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from ..rules import AppType, RubricItem, Rules, Status
from . import fields as F
from .batches import (  # noqa: F401  (review.R.*)
    batch_month,
    batch_option,
    first_batch,
    in_year,
    is_month,
    month_of,
    round_of_batch,
    round_option,
    same_batch,
)
from .fmt import fmt
from .parse import number
from .parse.text import PICTURE_SHOWN, company_key, is_picture, normalize
from .parse.uscc import key as code_key
from .parse.uscc import shown as code_shown
from .review_experts import (  # noqa: F401  (review.R.*: the panel's names, given from here too)
    FILE_FORBIDDEN,
    ReviewError,
    city_name,
    parse_expert_cities,
    parse_experts,
    project_city,
    split_experts,
    split_panel,
)
from .row_marks import city_opinion, condition_verdict, row_withdrawn
from .scoring import both_of_exclusive, left_blank_beside, reviewer_total
from .summary_table import ONCE, column_numbers, most_marks, nameless_project, row_kind, source_label, type_of

PASS, FAIL, PENDING = Status.PASS, Status.FAIL, Status.UNKNOWN
TYPE_ORDER = tuple(AppType)
DECIMALS = 2
NO_APPLICATION = "未找到申报表文件"
OTHER_BATCH = "属于其他批次"
WITHDRAWN = "已撤回"
NAMELESS = "有金额等数据但没有企业名称"
PICTURED = "企业名称是嵌入单元格的图片（没有文字）"
UNNAMED_AT = "_unnamed_at"   # a row the reading of a hand-typed 附件4 left out as nameless: where it is ("第5行")
UNNAMED = "没有文字的企业名称（留空或是嵌入单元格的图片），未列入本轮评审：请在汇总表中填写企业名称后重新生成专家评分表"


# --- projects of a round ------------------------------------------------------------------------

@dataclass(frozen=True)
class Project:
    no: str                  # 项目编号, e.g. 园区01
    name: str
    type: str                # park / base / enterprise / team
    city: str = ""
    county: str = ""
    status: Status = PASS    # 前置条件: 达标 / 待定
    uscc: str = ""
    source: str = ""         # 来源文件 as the summary gives it
    also_cities: tuple[str, ...] = ()   # the other 市（州） that sent it too (XC_CROSS_APP): their experts recuse too

    @property
    def pending(self) -> bool:
        return self.status == PENDING


@dataclass
class Skipped:
    name: str
    reason: str
    type: str = ""           # park / base / enterprise / team, when the row's 项目类型 is known
    uscc: str = ""
    where: str = ""          # the row ("第5行"), where the reading says it (a hand-typed 附件4's row without a name)


@dataclass
class Suggestion:
    """The tool's suggested score for one item, from the application workbook."""

    auto: float | None
    reason: str


def _text(raw: Any) -> str:
    """Text as the summary has it (full-width brackets kept), whitespace trimmed and collapsed."""
    if raw is None:
        return ""
    return re.sub(r"\s+", " ", str(raw).replace("\u3000", " ")).strip()


def _twin_reason(kept: tuple, dropped: tuple) -> str:
    """Why a row is left out as another row's project: the cities named when two reported it (which row the experts
    score, which not), as merge names them (XC_CROSS_APP)."""
    name, (city, other) = _text(kept[3].get("企业名称")), (kept[-1], dropped[-1])
    if city == other or not (city and other):
        return f"与“{name}”重复（同一类型同一企业）"
    return f"与{city}报送的“{name}”重复（同一类型同一企业；本行为{other}报送，评审列入{city}的一行）"


def round_rows(rows: Sequence[dict[str, Any]], round_id: str | None) -> tuple[bool, list[str]]:
    """Whether the round's projects are the rows of its 批次 (notice 三、(三): 项目成熟一个、推荐报送一个、审核认定一个,
    so a summary kept over the year holds earlier rounds' projects too): True when ``round_id`` is given and some
    row's 批次 is that round; and the summary's 批次 seen (for the report when none is), a month one city wrote
    without its year ("5月") being the batch another wrote with it ("2024-05"), not a second batch."""
    seen = {b for r in rows if (b := batch_month(r.get("批次")))}
    batches = sorted(b for b in seen if not any(month_of(b, other) for other in seen))
    wanted = round_of_batch(batch_month(round_id)) if round_id else ""
    return bool(wanted) and any(same_batch(round_of_batch(b), wanted) for b in batches), batches


def later_batch(batch: str, round_id: str | None) -> bool:
    """A row's 批次 (as :func:`batch_month` gives it) is a month after the round's ("2024-12" for the August round); a
    month between the review months is the next round's (:func:`round_of_batch`: "2024-06" is not after "2024-08")."""
    wanted = round_of_batch(batch_month(round_id)) if round_id else ""
    return is_month(batch) and is_month(wanted) and round_of_batch(batch) > wanted


def select_projects(rows: Iterable[dict[str, Any]], rules: Rules, round_id: str | None = None
                    ) -> tuple[list[Project], list[Skipped]]:
    """The summary's rows → the round's projects (sorted, numbered per type) and the rows left out. With
    ``round_id`` (see :func:`round_rows`), a row of another 批次 is left out; a row without 批次 stays."""
    rows = list(rows)
    by_batch, _ = round_rows(rows, round_id)
    wanted = round_of_batch(batch_month(round_id)) if by_batch else ""
    picked: list[tuple[int, int, int, dict[str, Any], str]] = []
    skipped: list[Skipped] = []
    twins = _Twins()
    also: dict[int, list[str]] = {}     # a project's index in ``picked`` → the cities of its rows left out
    earlier = _earlier_projects(rows, rules, wanted)
    for order, row in enumerate(rows):
        name = _text(row.get("企业名称"))
        app_type = type_of(row.get("项目类型"), rules)
        pictured = is_picture(row.get("企业名称"))
        if pictured or not name and (UNNAMED_AT in row or nameless_project(row)) and not row_withdrawn(row):
            # a project whose name is WPS's picture in the cell ("=DISPIMG(…)") or left blank: said, never reviewed
            # under "=DISPIMG(…)" nor dropped unseen
            skipped.append(Skipped(PICTURE_SHOWN if pictured else "（未填企业名称）", PICTURED if pictured else NAMELESS,
                                   app_type or "", where=row.get(UNNAMED_AT, "")))
            continue
        if not name or column_numbers(row) or row_kind(row) != "project":
            continue   # the 栏次 row (1, 2, 3 …) a hand-typed table kept, a 合计/小计 row typed in the table: no project
        code = code_key(row.get("统一社会信用代码"))
        if row_withdrawn(row):   # 状态 已撤回, or a city's own 备注 saying so (merge leaves it out too)
            skipped.append(Skipped(name, WITHDRAWN, app_type or "", code))
            continue
        if app_type is None:
            skipped.append(Skipped(name, f"项目类型“{normalize(row.get('项目类型'))}”无法识别"))
            continue
        cond = condition_verdict(row.get("前置条件")) or PENDING   # "不达标（无审计报告）" typed by hand is 不达标
        if refused := not_recommended(row):
            skipped.append(Skipped(name, refused, app_type, code))
            continue
        batch = round_of_batch(batch_month(row.get("批次")))   # "2024-06": the August round's
        if wanted and batch and not same_batch(batch, wanted) or later_batch(batch, round_id):
            # a row the table gives a later round is that round's, even where no row is this round's (all taken)
            skipped.append(Skipped(name, OTHER_BATCH, app_type, code))
            continue
        first = earlier.find(app_type, code, company_key(name))
        if first is not None:    # another city reported it in an earlier 批次: reviewed in that round
            was = rows[first]
            skipped.append(Skipped(name, f"与“{_text(was.get('企业名称'))}”重复（同一类型同一企业，"
                                         f"{_text(was.get('市（州）'))}报送，属于较早的批次{batch_month(was.get('批次'))}）"))
            continue
        twin = twins.find(app_type, code, company_key(name))
        city = project_city(row.get("市（州）")) or _text(row.get("市（州）"))
        entry = (TYPE_ORDER.index(app_type), F.CITIES.index(city) if city in F.CITIES else len(F.CITIES), order, row, cond,
                 city)
        if twin is not None:     # one project twice (two cities reported it): the row the province counts is it
            twins.add(app_type, code, company_key(name), twin)
            kept, dropped = picked[twin], entry
            if ONCE in str(kept[3].get("问题") or "") and ONCE not in str(row.get("问题") or ""):
                picked[twin], kept, dropped = entry, entry, kept
            skipped.append(Skipped(_text(dropped[3].get("企业名称")), _twin_reason(kept, dropped)))
            also.setdefault(twin, []).append(dropped[5])
            continue
        twins.add(app_type, code, company_key(name), len(picked))
        picked.append(entry)
    projects: list[Project] = []
    counters: dict[str, int] = {}
    for i in sorted(range(len(picked)), key=lambda i: picked[i][:3]):
        row, cond, city = picked[i][3:]
        others = tuple(dict.fromkeys(c for c in also.get(i, ()) if c and c != city))
        app_type = type_of(row.get("项目类型"), rules)
        counters[app_type] = counters.get(app_type, 0) + 1
        projects.append(Project(
            no=f"{rules.types[app_type].short}{counters[app_type]:02d}", name=_text(row.get("企业名称")),
            type=app_type, city=city,
            county=_text(row.get("县区")), status=cond, uscc=_text(code_shown(row.get("统一社会信用代码"))),
            source=source_label(_text(row.get("来源文件"))), also_cities=others))
    return projects, skipped


def not_recommended(row: dict[str, Any]) -> str | None:
    """Why a summary row is no project to review: its 前置条件 不达标, or the city's own verdict column saying
    不推荐 / 不符合 (初审意见, 审核意见: a city reports the projects it recommends, notice 三、(二)); None if neither.

    >>> not_recommended({"前置条件": "不符合"}), not_recommended({"_extras": [("初审意见", "不推荐")]})
    ('前置条件不达标', '市州意见（初审意见）为“不推荐”')
    >>> not_recommended({"前置条件": "达标", "市州备注": "审核意见：同意推荐"})
    """
    if condition_verdict(row.get("前置条件")) == FAIL:
        return "前置条件不达标"
    opinion = city_opinion(row)
    return f"市州意见（{opinion[0]}）为“{opinion[1]}”" if opinion and opinion[2] == FAIL else None


def _earlier_projects(rows: list[dict[str, Any]], rules: Rules, wanted: str) -> _Twins:
    """The rows of a 批次 before the round's (not withdrawn, not 不达标), by project: a project two cities reported in
    two batches (XC_CROSS_APP) is reviewed in the round of the earlier one, not again in a later round."""
    found = _Twins()
    year = wanted[:4] if is_month(wanted) else ""     # a round of a month without its year: none known
    for order, row in enumerate(rows if year else ()):
        batch, app_type = round_of_batch(in_year(batch_month(row.get("批次")), year)), type_of(row.get("项目类型"), rules)
        if (not is_month(batch) or batch >= wanted
                or app_type is None or row_withdrawn(row) or not_recommended(row)):
            continue
        code = code_key(row.get("统一社会信用代码"))
        found.add(app_type, code, company_key(_text(row.get("企业名称"))), order)
    return found


class _Twins:
    """Rows of one project: the same type and 统一社会信用代码, or the same name where one of them has no code (附件4
    has no code column: a hand-typed row names the company only); two codes that differ are two companies."""

    def __init__(self) -> None:
        self.by_code: dict[tuple[str, str], int] = {}
        self.by_name: dict[tuple[str, str], list[tuple[str, int]]] = {}

    def find(self, app_type: str, code: str, name: str) -> int | None:
        if code and (app_type, code) in self.by_code:
            return self.by_code[app_type, code]
        return next((i for c, i in self.by_name.get((app_type, name), ()) if not (code and c)), None)

    def add(self, app_type: str, code: str, name: str, index: int) -> None:
        if code:
            self.by_code.setdefault((app_type, code), index)
        self.by_name.setdefault((app_type, name), []).append((code, index))


# --- the table again, at collect time (found by review_changes.table_changes) ---------------------------

@dataclass
class TableChanges:
    """What the 项目汇总表 says now of the round's projects (the table read again by ``review collect``): a project
    withdrawn, deleted, found 不达标 or moved to another 批次 since ``review make`` is no longer in the round (notice
    三、(三): only the projects still recommended are 认定) — listed with its scores, not ranked; a project the table
    holds for the round and no expert had to score is said; a name or 前置条件 corrected is taken from the table."""

    table: str = ""                                                 # the summary's file name, as said
    gone: dict[str, str] = field(default_factory=dict)              # 项目编号 → why it left the round
    current: dict[str, Project] = field(default_factory=dict)       # 项目编号 → as the table has it now
    notes: dict[str, list[str]] = field(default_factory=dict)       # 项目编号 → what changed (name, 前置条件)
    added: list[Project] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)           # 项目编号 → a hand-typed row's rename, as said
    unnamed: int = 0     # project rows without a name as text (blank, a picture): in no round, said at each



def conflicts(expert_city: str | None, projects: Iterable[Project]) -> set[str]:
    """项目编号 of the projects an expert from ``expert_city`` must recuse from: of his 市（州）, or sent by it too (a
    project two cities recommended, counted in the other's row: he recommended it as much)."""
    if not expert_city:
        return set()
    return {p.no for p in projects if expert_city in {project_city(c) for c in (p.city, *p.also_cities) if c}}


# --- fingerprint -------------------------------------------------------------------------------------

def bonus_caps(rules: Rules) -> str:
    """The 开放创新 caps of the year file, said once: "20分（仅园区、直播基地）", "园区20分、直播基地15分（…无加分）"."""
    caps: dict[float, list[str]] = {}
    for t in rules.types.values():
        caps.setdefault(t.bonus_cap, []).append(t.label.removeprefix("示范"))
    none = caps.pop(0, [])
    if len(caps) == 1:
        cap, names = next(iter(caps.items()))
        return f"{fmt(cap)}分" + (f"（仅{'、'.join(names)}）" if none else "")
    said = "、".join(f"{name}{fmt(cap)}分" for cap, names in caps.items() for name in names)
    return said + (f"（{'、'.join(none)}无加分）" if none else "")


def round_fingerprint(round_id: str, projects: Sequence[Project], rules: Rules) -> str:
    """Round id + year + the projects and each one's 附件5 items with points, hashed (16 hex digits)."""
    payload = {
        "round": round_id, "year": rules.year,
        "projects": [[p.no, p.name, p.type, p.city, p.status] for p in projects],
        "rubric": {t: [[i.id, fmt(i.points), bool(i.bonus)] for i in rules.rubric(t)]
                   for t in sorted({p.type for p in projects})},
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def expert_fingerprint(round_fp: str, expert: str, recused: Iterable[str]) -> str:
    payload = [round_fp, expert, sorted(recused)]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def layout(projects: Sequence[Project], rules: Rules) -> list[tuple[Project, RubricItem]]:
    """The rows of an expert's score table, in order: one per project and 附件5 item."""
    return [(p, item) for p in projects for item in rules.rubric(p.type)]


# --- aggregation ----------------------------------------------------------------------------------------

@dataclass
class ExpertSheet:
    """What one expert returned: raw scores as typed, and where each one is."""

    expert: str
    city: str = ""
    recused: set[str] = field(default_factory=set)
    scores: dict[str, dict[str, Any]] = field(default_factory=dict)   # 项目编号 → 指标编号 → value
    cells: dict[str, dict[str, str]] = field(default_factory=dict)    # 项目编号 → 指标编号 → "评分表!M5"
    shown_totals: dict[str, tuple[Any, str]] = field(default_factory=dict)   # 项目编号 → (小计 专家总分, "小计!L4")
    # 项目编号 → 指标编号 → what the expert wrote beside the score: [(header, text, cell)], 备注 first ("备注", …, "评分表!N5")
    remarks: dict[str, dict[str, list[tuple[str, Any, str]]]] = field(default_factory=dict)
    copies: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)   # copied sheet → 编号 → 指标 → score
    extra_sheets: dict[str, int] = field(default_factory=dict)   # of a book fully scored: copied sheet → its scores
    file: str = ""
    # rows found by 项目编号 and 指标编号 wherever they stand: 项目编号 → items whose row is gone (scored as blank);
    # 项目编号 → rows contradicting the round or an item typed twice with different scores (this expert's scores of
    # the project not counted); rows naming no project of the round; rows no longer in the issued order (sorted)
    deleted: dict[str, list[str]] = field(default_factory=dict)
    broken: dict[str, list[str]] = field(default_factory=dict)
    stray: list[str] = field(default_factory=list)
    moved: bool = False
    columns_gone: list[str] = field(default_factory=list)   # issued columns the expert deleted, none the scores need
    keyed_totals: bool = False       # its 小计 formulas find rows by 项目编号 (right after a sort); earlier versions': no
    # 项目编号 → items whose score is a formula reading another workbook (counted as saved, said); the books it links to
    linked: dict[str, list[str]] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    # 项目编号 → where the expert typed “回避” on a project the round did not recuse him from, scoring none of it
    # (“评分表!F30 等7行”): a recusal he declares (:func:`expert_on_project`)
    declared: dict[str, str] = field(default_factory=dict)


@dataclass
class ExpertResult:
    """One expert on one project."""

    expert: str
    total: float | None              # counted total (bonus cap applied); None = not counted
    status: str                      # 计入 / 回避 / 未计入 / 未提交
    items: dict[str, float | None]   # valid item scores (None: blank or invalid)
    problem: str = ""


@dataclass
class ProjectResult:
    project: Project
    experts: list[ExpertResult]
    count: int = 0
    mean: Decimal | None = None
    trimmed: Decimal | None = None
    high: float | None = None
    low: float | None = None
    spread: float | None = None
    rank: int | None = None
    divergent: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    passed: bool = False
    gone: str = ""           # why the project left the round after its workbooks were made: shown, not ranked

    @property
    def recused(self) -> list[str]:
        return [e.expert for e in self.experts if e.status == RECUSED]

    @property
    def proposed(self) -> str:
        """拟认定: 是 / 待核实 (前置条件待定) / 否; '' when the project could not be ranked."""
        if self.rank is None:
            return ""
        if not self.passed:
            return "否"
        return "待核实" if self.project.pending else "是"


COUNTED, RECUSED, NOT_COUNTED, NOT_RETURNED = "计入", "回避", "未计入", "未提交"
SELF_RECUSAL = "专家自行填写了回避"     # how the reader names a recusal the round's plan does not make
ALL_RECUSED = "全部专家回避，没有专家评分，未排名；请其他市（州）的专家补评后重新汇总"


def _decimal(x: Fraction, places: int = DECIMALS) -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def trimmed_mean(totals: Sequence[Fraction], trim_min: int) -> Fraction:
    """Mean after dropping one highest and one lowest total when at least ``trim_min`` are given."""
    if not totals:
        raise ValueError("no totals")
    values = sorted(totals)
    if len(values) >= trim_min:
        values = values[1:-1]
    return sum(values, Fraction(0)) / len(values)


def competition_ranks(scores: Sequence[Decimal]) -> list[int]:
    """1 = best; equal scores share a rank and the next rank skips (1, 1, 3)."""
    return [1 + sum(1 for other in scores if other > s) for s in scores]


def _cell_list(cells: dict[str, str], ids: Sequence[str]) -> str:
    refs = [cells.get(i, "") for i in ids if cells.get(i)]
    if not refs:
        return ""
    sheet = refs[0].split("!")[0]
    short = [r.split("!")[-1] if r.split("!")[0] == sheet else r for r in refs]
    return f"（{sheet}!{'、'.join(short)}）"


def expert_on_project(sheet: ExpertSheet, project: Project, rules: Rules) -> ExpertResult:
    typed = sheet.scores.get(project.no, {})
    cells = sheet.cells.get(project.no, {})
    rubric = rules.rubric(project.type)
    if project.no in sheet.recused:
        entered = [i.id for i in rubric if typed.get(i.id) not in (None, "")]
        why = (f"{sheet.city}也报送了本项目" if sheet.city and project.city and project_city(project.city) != sheet.city
               else f"同为{sheet.city or project.city}")    # a project two cities sent: his recommended it too
        problem = f"专家{sheet.expert}需回避（{why}），其填写的评分未计入" if entered else ""
        return ExpertResult(sheet.expert, None, RECUSED, {}, problem)
    if where := sheet.declared.get(project.no):
        return ExpertResult(sheet.expert, None, RECUSED, {}, _declared(sheet.expert, where))
    if broken := sheet.broken.get(project.no):
        # a recusal the expert typed says what to do either way: no “改正”, which reads as “undo the recusal”
        fix = "" if all(SELF_RECUSAL in b for b in broken) else "，请专家在评分表上改正"
        return ExpertResult(sheet.expert, None, NOT_COUNTED, {i.id: None for i in rubric},
                            f"专家{sheet.expert}：{'；'.join(broken)}，不代为判断，该专家对本项目的评分未计入{fix}")
    total, findings = reviewer_total(project.type, typed, rules)
    invalid = {f.field: f for f in findings}
    items: dict[str, float | None] = {}
    blank: list[str] = []
    zero = left_blank_beside(project.type, typed, rules)   # 4.3 blank beside a scored 4.2: 0, as his 小计 sums it
    for item in rubric:
        raw = typed.get(item.id)
        if item.id in zero:
            items[item.id] = 0.0
        elif raw is None or (isinstance(raw, str) and not raw.strip()):
            items[item.id] = None
            blank.append(item.id)
        elif item.id in invalid:
            items[item.id] = None
        else:
            parsed = number.parse_expert_score(raw)
            items[item.id] = float(parsed.value) if parsed.ok and parsed.value is not None else None
    shown = _shown_total_differs(sheet, project, total, rules)
    if total is not None:
        notes = [f"{shown}（按各项评分计入）"] if shown else []
        notes += _both_of_exclusive(items, cells, project, rules)
        if linked := sheet.linked.get(project.no):
            where = _cell_list(cells, linked)[1:-1] + "".join(f"；{x}" for x in sheet.links)
            notes.append(f"指标{'、'.join(linked)}的评分是引用其他工作簿的公式（{where}），按评分表中保存的值计入"
                         "（在 Excel/WPS 中打开时可能被更新为别的值）")
        return ExpertResult(sheet.expert, total, COUNTED, items,
                            f"专家{sheet.expert}：{'；'.join(notes)}，请与专家核实" if notes else "")
    misplaced = _scores_elsewhere(sheet, project, blank, rules)
    deleted = [i for i in sheet.deleted.get(project.no, []) if i in blank]
    blank = [i for i in blank if i not in deleted]
    gone = f"指标{'、'.join(deleted)}的行已从评分表中删除" if deleted else ""
    if not blank and len(deleted) == len(rubric):
        return ExpertResult(sheet.expert, None, NOT_COUNTED, items, f"专家{sheet.expert}未对本项目评分（{gone}）")
    if len(blank) == len(rubric):
        return ExpertResult(sheet.expert, None, NOT_COUNTED, items, f"专家{sheet.expert}未对本项目评分"
                            + (f"（{shown}，总分不能代替逐项评分）" if shown else "") + (f"；{misplaced}" if misplaced else ""))
    parts = [f"{gone}（按未评分处理）"] if gone else []
    if blank:
        parts.append(f"指标{'、'.join(blank)}未评分{_cell_list(cells, blank)}" + (f"，{misplaced}" if misplaced else ""))
    for item in rubric:
        f = invalid.get(item.id)
        if f:
            detail = f.message.split("：", 1)[-1]
            parts.append(f"{detail}{_cell_list(cells, [item.id])}")
    problem = f"专家{sheet.expert}：{'；'.join(parts)}，该专家对本项目的评分未计入"
    return ExpertResult(sheet.expert, None, NOT_COUNTED, items, problem)


def _declared(expert: str, where: str) -> str:
    """What sb_review says of a recusal an expert typed himself and scored nothing of. The notice (三（三）) sets no
    rule on which experts score a project; the round recuses an expert from his own city's projects and scores them
    by the other experts, and an expert who declares a conflict of interest is recused the same way (去极值 only with
    enough experts counted, :func:`_figures`) — said, so that the organiser can check it with him."""
    return (f"专家{expert}在评分表中自行填写了回避（{where}），评审安排中不需回避本项目，本项目未评分：按回避处理，"
            "本项目按其他专家的评分计算；如不需回避，请专家删去“回避”并评分后交回，再重新汇总")


def _scores_elsewhere(sheet: ExpertSheet, project: Project, blank: Sequence[str], rules: Rules) -> str:
    """What to say when the 备注 (or a column the expert inserted) of an item left unscored holds a score (a number
    within 0…满分, read as the score column is read), or a copy of the score sheet he made in his workbook does: the
    expert typed his scores in the wrong place, most likely. Never counted — where he meant is his to say ('' when
    nothing is found)."""
    points = {i.id: i.points for i in rules.rubric(project.type)}
    found: dict[str, dict[str, str]] = {}     # column header → 指标编号 → cell
    for item in blank:
        for header, raw, cell in sheet.remarks.get(project.no, {}).get(item, ()):
            parsed = number.parse_expert_score(raw)
            if parsed.ok and parsed.value is not None and 0 <= parsed.value <= points[item]:
                found.setdefault(header, {})[item] = cell
    said = [f"“{header}”列中指标{'、'.join(cells)}填的是分数{_cell_list(cells, list(cells))}" for header, cells in found.items()]
    said += [f"工作表“{name}”中本项目填有{n}个评分（可能是在复制出的工作表上评的分）"
             for name, scored in sheet.copies.items() if (n := sum(1 for i in blank if i in scored.get(project.no, {})))]
    if not said:
        return ""
    return f"{'，'.join(said)}，请专家改填到发出的“{_sheet_of(sheet)}”表的“专家评分”列"


def _sheet_of(sheet: ExpertSheet) -> str:
    """The name of the expert's score sheet, as its cells say ("评分表")."""
    return next((cell.split("!")[0] for cells in sheet.cells.values() for cell in cells.values()), "评分表")


def _both_of_exclusive(items: dict[str, float | None], cells: dict[str, str], project: Project,
                       rules: Rules) -> list[str]:
    """What to say when an expert scored two items of which a project earns one (附件5: 跨境电商 大于 / 小于50万美金):
    the total counts both, within 0…满分 and the bonus cap (CONTRACT §6), so the result must say so aloud — the
    expert's 小计 状态 alone is not read by whoever publishes."""
    return [f"指标{'与'.join(scored)}只能符合其一，却都给了分{_cell_list(cells, list(scored))}（按各项评分计入）"
            for scored in both_of_exclusive(project.type, items, rules)]


def totals_astray(sheet: ExpertSheet, projects: Iterable[Project], rules: Rules) -> list[str]:
    """The projects whose 专家总分 on the 小计 sheet is not their items' total, of an expert whose rows were sorted or
    moved in a book of an earlier version (its 小计 formulas sum the rows where the items were issued): said once,
    not per project. A book whose 小计 finds rows by 项目编号 is compared project by project: none here."""
    if sheet.keyed_totals:
        return []
    return [p.no for p in projects if p.no not in sheet.recused and _shown_total_differs(
        sheet, p, reviewer_total(p.type, sheet.scores.get(p.no, {}), rules)[0], rules, moved_too=True)]


def _shown_total_differs(sheet: ExpertSheet, project: Project, total: float | None, rules: Rules,
                         moved_too: bool = False) -> str:
    """What to say when the 小计 sheet shows a 专家总分 other than the items' total — typed over the formula
    by hand, most likely. Only a counted total, or items all blank, is compared ('' when nothing to say); not of
    rows sorted or moved in a book of an earlier version (:func:`totals_astray`) unless ``moved_too``."""
    if sheet.moved and not sheet.keyed_totals and not moved_too:
        return ""
    value, cell = sheet.shown_totals.get(project.no, (None, ""))
    shown = number.parse_score(value) if value not in (None, "") else None
    if shown is None or not shown.ok or shown.value is None:
        return ""
    if total is None:
        if any(sheet.scores.get(project.no, {}).get(i.id) not in (None, "") for i in rules.rubric(project.type)):
            return ""
        total = 0.0
    if abs(Decimal(str(shown.value)) - Decimal(repr(total))) < Decimal("0.000001"):
        return ""
    return f"“小计”表中本项目的专家总分为{fmt(shown.value)}（{cell}），与各项评分合计{fmt(total)}不一致"


def aggregate(projects: Sequence[Project], sheets: Sequence[ExpertSheet], rules: Rules, *,
              experts: Sequence[str] | None = None, trim_min: int | None = None,
              pass_line: float | None = None, unreadable: Iterable[str] = (),
              changes: TableChanges | None = None, recused: Mapping[str, set[str]] | None = None) -> list[ProjectResult]:
    """Every project's figures and rank (within its type). ``experts`` is the round's full list, in
    order; an expert in it without a sheet has not returned his workbook, or (``unreadable``) returned
    one that cannot be read — except for the projects he recuses from (``recused``: expert → project numbers, as the
    round's plan has them): none of his scores would count there. ``changes``: what the 项目汇总表 says now (a project
    gone is not ranked).
    ``trim_min``, ``pass_line``: the year file's (review_trim_min, review_pass_line) unless given."""
    trim_min = rules.review_trim_min if trim_min is None else trim_min
    pass_line = rules.review_pass_line if pass_line is None else pass_line
    if trim_min < 3:
        raise ReviewError(f"去极值的专家人数下限应不小于3（去掉最高分和最低分后至少还剩1个分数），现为{trim_min}")
    if pass_line < 0:
        raise ReviewError(f"拟认定分数线不能为负数（现为{fmt(pass_line)}）")
    if not pass_line <= (top := most_marks(None, rules)):   # NaN too
        raise ReviewError(f"拟认定分数线（--pass-line）{fmt(pass_line)} 高于附件5各类项目的满分（最高 {fmt(top)} 分），"
                          "没有项目能达到；请写成例如 --pass-line 60")
    by_name = {s.expert: s for s in sheets}
    unreadable = set(unreadable)
    order = list(experts) if experts else [s.expert for s in sheets]
    order += [s.expert for s in sheets if s.expert not in order]
    changes = changes or TableChanges()
    results: list[ProjectResult] = []
    for p in projects:
        p = changes.current.get(p.no, p)
        ers: list[ExpertResult] = []
        for name in order:
            sheet = by_name.get(name)
            if sheet is None and p.no in (recused or {}).get(name, ()):
                ers.append(ExpertResult(name, None, RECUSED, {}, ""))
            elif sheet is None:
                why = "无法读取" if name in unreadable else "未提交"
                ers.append(ExpertResult(name, None, NOT_RETURNED, {}, f"专家{name}的评分表{why}"))
            else:
                ers.append(expert_on_project(sheet, p, rules))
        r = _figures(p, ers, rules, trim_min, pass_line)
        r.problems[:0] = changes.notes.get(p.no, [])
        if p.no in changes.gone:
            r.gone, r.passed = changes.gone[p.no], False
            r.problems.insert(0, f"{r.gone}，不参加排名")
        results.append(r)
    _rank(results, pass_line)
    return results


def _figures(p: Project, ers: list[ExpertResult], rules: Rules, trim_min: int, pass_line: float) -> ProjectResult:
    r = ProjectResult(project=p, experts=ers)
    if p.pending:
        r.problems.append("前置条件待定，认定前须核实是否达标")
    r.problems += [e.problem for e in ers if e.problem]
    totals = [Fraction(Decimal(repr(e.total))) for e in ers if e.status == COUNTED and e.total is not None]
    r.count = len(totals)
    if totals:
        r.mean = _decimal(sum(totals, Fraction(0)) / len(totals))
        exact = trimmed_mean(totals, trim_min)
        r.trimmed = _decimal(exact)
        r.high, r.low = float(max(totals)), float(min(totals))
        r.spread = float(max(totals) - min(totals))
        line = Decimal(str(pass_line))
        r.passed = exact >= Fraction(line)   # on the exact mean: one shown as 60.00 yet below a 60 line is below it
        if not r.passed and r.trimmed >= line:   # said, or 60.00 and 否 side by side read as a mistake
            # as many places as show it below (a mean a hair under the line, 1e-20 off at most, as its 20 places)
            below = next(d for n in range(DECIMALS + 2, 21) if (d := _decimal(exact, n)) < line or n == 20)
            r.problems.append(f"去极值平均分为{format(below, 'f')}（保留{DECIMALS}位小数显示为{fmt(r.trimmed)}），"
                              f"低于分数线{fmt(pass_line)}分，未列入拟认定名单")
        if r.count < trim_min <= len(ers):   # the round trims, this project cannot: ranked against trimmed ones
            r.problems.append(f"计入评分的专家{r.count}人，不足{trim_min}人，去极值平均分未去掉最高分和最低分（等于平均分）")
    elif ers and all(e.status == RECUSED for e in ers):
        r.problems.append(ALL_RECUSED)
    else:
        r.problems.append("没有计入的专家评分，未排名")
    for item in rules.rubric(p.type):
        got = [e.items.get(item.id) for e in ers if e.status in (COUNTED, NOT_COUNTED)]
        got = [g for g in got if g is not None]
        # in decimals: 9.8 − 4.8 is 5.000000000000001 in binary floating point, not more than half of 10
        if len(got) >= 2 and Decimal(repr(max(got))) - Decimal(repr(min(got))) > Decimal(repr(item.points)) / 2:
            r.divergent.append(f"{item.id}（满分{fmt(item.points)}，最高{fmt(max(got))}、最低{fmt(min(got))}）")
    return r


SPLIT_TIE = "并列项目的认定结论不同，需评审组确定"


def _rank(results: list[ProjectResult], pass_line: float) -> None:
    for t in TYPE_ORDER:
        ranked = [r for r in results if r.project.type == t and r.trimmed is not None and not r.gone]
        for r, rank in zip(ranked, competition_ranks([r.trimmed for r in ranked])):
            r.rank = rank
        tied: dict[int, list[ProjectResult]] = {}
        for r in ranked:
            tied.setdefault(r.rank, []).append(r)
        for rank, group in tied.items():
            if len(group) < 2:
                continue
            group.sort(key=lambda o: no_order(o.project.no))
            split = len({o.passed for o in group}) > 1   # shown alike, yet the exact means lie either side of the line
            for r in group:   # the notice sets no order for equal scores: said, not left to the list's order
                others = "、".join(f"{o.project.no}“{o.project.name}”" for o in group if o is not r)
                if not split:
                    r.problems.append(f"与{others}并列第{rank}名（去极值平均分同为{fmt(r.trimmed)}；通知未规定同分时的先后，"
                                      "名单中按项目编号排列，如需区分请评审组商定）")
                    continue
                line = f"分数线{fmt(pass_line)}分"
                ins = "、".join(o.project.no for o in group if o.passed and o is not r)
                outs = "、".join(o.project.no for o in group if not o.passed and o is not r)
                said = (f"{outs}未达到{line}、未列入拟认定名单，本项目达到分数线" if r.passed
                        else f"{ins}达到{line}、列入拟认定名单，本项目未达到")
                r.problems.append(f"与{others}并列第{rank}名（去极值平均分显示同为{fmt(r.trimmed)}），但按未四舍五入的"
                                  f"去极值平均分，{said}：{SPLIT_TIE}")


def no_order(no: str) -> tuple[str, int, str]:
    """A 项目编号 as it sorts: its number as a number (企业99 before 企业100, not after it as text)."""
    m = re.fullmatch(r"(.*?)(\d+)", no)
    return (m[1], int(m[2]), no) if m else (no, 0, no)


def ordered(results: Iterable[ProjectResult]) -> list[ProjectResult]:
    """Type order, then rank (unranked last), then 项目编号."""
    return sorted(results, key=lambda r: (TYPE_ORDER.index(r.project.type),
                                          r.rank if r.rank is not None else 10 ** 9, no_order(r.project.no)))


def shortlist(results: Iterable[ProjectResult]) -> list[ProjectResult]:
    """拟认定名单: ranked projects at or above the pass line ("以上" includes it), per type in rank order."""
    return [r for r in ordered(results) if r.rank is not None and r.passed]


def publishable(results: Iterable[ProjectResult]) -> list[ProjectResult]:
    """公示名单: the shortlist without projects whose 前置条件 is still 待定."""
    return [r for r in shortlist(results) if not r.project.pending]


def number_value(x: Decimal | float | None) -> int | float | None:
    """A figure for a worksheet cell: integers stay integers."""
    if x is None:
        return None
    d = x if isinstance(x, Decimal) else Decimal(repr(x))
    return int(d) if d == d.to_integral_value() else float(d)
