"""The typed rules model: what one year file (``y2024.toml``) says, as frozen records.

Every layer reads the rules through these types; nothing keeps the TOML dictionaries.
``loader.py`` builds them from the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .enums import AppType, Severity

_FORM_NOTE = re.compile(r"^（[^）]*）")
_POINTS_SUFFIX = re.compile(r"\s*[（(]\s*\d+\s*分\s*[)）]\s*$")
_GROUP_POINTS_SUFFIX = re.compile(r"\s*[（(][^()（）]*分[)）]\s*$")


# --- the field contract (CONTRACT.md section 2) ------------------------------------------------

@dataclass(frozen=True)
class Field:
    """One input of an application: its defined name, printed label, kind (how it is parsed) and unit."""

    name: str
    label: str
    kind: str
    types: tuple[str, ...] = tuple(AppType)
    unit: str | dict[str, str] = ""
    required: Severity | None = Severity.WARNING   # blank: FIELD_REQUIRED of this severity; None: optional
    choices: tuple[str, ...] = ()
    supplementary: bool = False
    item: str = ""  # item number as printed on the form (kept as printed, typos included)
    labels: dict[str, str] = field(default_factory=dict)  # per-type label where the forms differ
    coarsest: str = "month"  # date fields: "year" when a year alone can be used (as that whole year)
    # amounts: a bare number from this (in the field's unit, per type or for all) is read as a doubt — the unit
    # below typed by mistake (元 in a 万元 cell) — and a threshold on it is 待定 until a person confirms it
    doubt_above: float | dict[str, float] | None = None
    # amounts: a bare number above 0 and below this (in the field's unit) is read as a doubt the same way — 亿元, the
    # unit of the 年度交易额 printed beside it on the park's form, typed in this 万元 cell
    doubt_below: float | dict[str, float] | None = None
    # amounts, counts, areas, US dollars: what no applicant of the programme can exceed (in the field's unit, per type
    # or for all): a figure past it is read as a doubt the same way (engine/parse/plausible.py)
    plausible_max: float | dict[str, float] | None = None
    # choice fields: words typed instead of a choice → that choice ([choice_aliases] of the year file)
    aliases: dict[str, str] = field(default_factory=dict)
    # the 申报表's question as 附件2 prints it, item number, spaces and figures included (per type or for all), where
    # it carries one of the notice's figures; the template prints it (adapters/xlsx/layout.py marks the row)
    printed: str | dict[str, str] = ""
    # numbers: other names of the figure it may be typed after, per type — 附件5's word for what the form counts
    # ("公共直播间10间" in 园区 item 3's 直播间 cell)
    called: dict[str, list[str]] = field(default_factory=dict)
    # numbers: a total the applicant may type as its parts ("抖音80万，快手30万" for 粉丝总数, "抖音300万元，快手250万元"
    # for 年度直播销售额): their sum, with a warning
    adds_up: bool = False

    def __hash__(self) -> int:
        return hash(self.name)

    def unit_for(self, app_type: str) -> str:
        return self.unit.get(app_type, "") if isinstance(self.unit, dict) else self.unit

    def doubt_for(self, app_type: str) -> float | None:
        return self.doubt_above.get(app_type) if isinstance(self.doubt_above, dict) else self.doubt_above

    def below_for(self, app_type: str) -> float | None:
        return self.doubt_below.get(app_type) if isinstance(self.doubt_below, dict) else self.doubt_below

    def plausible_for(self, app_type: str) -> float | None:
        return self.plausible_max.get(app_type) if isinstance(self.plausible_max, dict) else self.plausible_max

    def label_for(self, app_type: str) -> str:
        return self.labels.get(app_type, self.label)

    def called_for(self, app_type: str) -> tuple[str, ...]:
        return tuple(self.called.get(app_type, ()))

    def printed_for(self, app_type: str) -> str:
        """The question as the type's 申报表 prints it (``printed``), else the label."""
        printed = self.printed.get(app_type, "") if isinstance(self.printed, dict) else self.printed
        return printed or self.label_for(app_type)

    def display(self, app_type: str) -> str:
        unit = self.unit_for(app_type)
        label = self.label_for(app_type)
        return f"{label}（{unit}）" if unit and f"（{unit}）" not in label else label

    @property
    def metric(self) -> str:
        """What an amount is called in a sentence: 交易额, 网络零售额, 销售额 (no 年度, no form note)."""
        return _FORM_NOTE.sub("", self.label).removeprefix("年度")


# --- 二、申报条件 ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Threshold:
    code: str
    field: str
    op: str
    value: float
    text: str
    when: str | None = None  # enterprise kind (平台类/服务类) the threshold applies to


@dataclass(frozen=True)
class ProjectType:
    id: AppType
    label: str
    short: str
    aliases: tuple[str, ...]
    form_title: str
    rubric_title: str
    min_years: int
    base_total: float
    bonus_cap: float
    total: float
    condition_text: str
    thresholds: tuple[Threshold, ...]
    kind_field: str | None = None
    verify: tuple[str, ...] = ()   # conditions of 二、申报条件 the form cannot decide: listed as 需核实
    resident_list: bool = False    # the 入驻企业名单 (附件3) belongs to this type's application

    def threshold(self, code: str) -> Threshold | None:
        """The first threshold of a finding code (ELIG_TRADE, ELIG_RETAIL …) that applies whatever the kind."""
        return next((t for t in self.thresholds if t.code == code and t.when is None), None) or next(
            (t for t in self.thresholds if t.code == code), None)

    def amount_fields(self, kind: str | None = None) -> tuple[str, ...]:
        """The fields of the thresholds on the whole amount (交易额, 销售额, 直播销售额; not 网络零售额):
        those of ``kind`` (平台类/服务类) when it names any, else all of them."""
        amounts = [t for t in self.thresholds if t.code != "ELIG_RETAIL"]
        chosen = [t.field for t in amounts if t.when == kind] or [t.field for t in amounts]
        return tuple(dict.fromkeys(chosen))

    def kinds(self) -> tuple[str, ...]:
        """The kinds (平台类, 服务类) the thresholds name, in file order."""
        return tuple(dict.fromkeys(t.when for t in self.thresholds if t.when))


@dataclass(frozen=True)
class Common:
    """二、(一) 共性条件 and the notice's dates (the ``[common]`` table)."""

    text: str
    region_prefix: str
    region_zone_codes: tuple[int, int]
    credit_fields: tuple[str, ...]
    performance_min_chars: int
    period_months: int
    period_max_age_months: int
    application_window: tuple[str, str]
    application_window_text: str
    non_enterprise_operator_types: tuple[str, ...]
    non_enterprise_gap: str
    retail_note: str
    # answers to the 信用记录 question (…无失信记录) that may mean 无失信记录 as well as 否: neither is assumed
    credit_unclear_field: str | None = None
    credit_unclear_words: tuple[str, ...] = ()
    verify: tuple[str, ...] = ()   # 共性条件 the form cannot decide: listed as 需核实 for every type


@dataclass(frozen=True)
class NameWord:
    word: str
    law: str


@dataclass(frozen=True)
class EntityRule:
    """二、(一) 2 "独立法人企业" read from the USCC's first two characters (the ``[entity]`` table)."""

    enterprise: tuple[str, ...]
    not_legal_person: tuple[str, ...]
    non_enterprise_fails: tuple[str, ...]
    name_words: tuple[NameWord, ...]


@dataclass(frozen=True)
class Material:
    name: str
    section: str
    label: str
    not_applicable: str | None = None
    role: str = "applicant"   # applicant / bureau / conditional (see the year file)
    when: str | None = None
    stamp: str | None = None   # the notice's words asking it stamped (加盖公章), None where it asks no stamp
    wording: tuple[str, ...] = ()   # the notice's words for it, read on a checklist retyped without the names


@dataclass(frozen=True)
class ResidentRule:
    """What the 入驻企业名单 (附件3) must show (the ``[residents]`` table)."""

    staff_min: int
    note_keywords: dict[str, tuple[str, ...]]
    # 附件3 column → the most one company can have (in the column's unit); a figure past it is left out of the sums
    plausible_max: dict[str, float] = field(default_factory=dict)


# --- the 申报表 against itself (the ``[consistency]`` table) ------------------------------------

@dataclass(frozen=True)
class Claim:
    """A 是/否 answer and a figure the form asks both: 是 claims ``figure >= value``."""
    answer: str
    figure: str
    value: float
    text: str


@dataclass(frozen=True)
class NeedsYes:
    """A 是 that needs another item's 是 (管理中台 statistics need a 管理中台)."""
    field: str
    needs: str


@dataclass(frozen=True)
class AtMost:
    """A count that cannot exceed another count."""
    field: str
    limit: str


@dataclass(frozen=True)
class RateOf:
    """A rate given while the count it is a rate of is 0."""
    rate: str
    count: str
    text: str


@dataclass(frozen=True)
class PartsOf:
    """Figures whose sum cannot exceed a whole; ``text`` names them by {parts[i]} and {whole}."""
    whole: str
    parts: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class AgeClaim:
    """A 是 that claims an age the 成立日期 and 填表时间 contradict."""
    answer: str
    years: int
    text: str


@dataclass(frozen=True)
class RemarkClaim:
    """A 是/否 question printing its figure (带宽不低于100Mbps) and the remark written after the answer ("是（50M）"),
    or a count whose remark gives the part 附件5 asks ("12间（公共9间）"): ``pattern`` finds the applicant's own
    figure in the remark (group 1 the number, an optional group 2 the unit, which ``units`` turns into ``unit``);
    every figure found below ``value`` contradicts the answer. ``total``: the figures are parts adding up to the
    question's (粉丝数 of several accounts). ``figure``: the 补充信息 field the remark's figure stands for while it is
    blank (附件5 asks that figure, not the question's)."""
    answer: str
    types: tuple[str, ...]
    pattern: str
    value: float
    unit: str
    text: str
    units: dict[str, float] = field(default_factory=dict)
    total: bool = False
    figure: str | None = None


@dataclass(frozen=True)
class Consistency:
    claims: tuple[Claim, ...] = ()
    remark_claims: tuple[RemarkClaim, ...] = ()
    needs_yes: tuple[NeedsYes, ...] = ()
    at_most: tuple[AtMost, ...] = ()
    rate_of: tuple[RateOf, ...] = ()
    parts_of: tuple[PartsOf, ...] = ()
    age_claims: tuple[AgeClaim, ...] = ()


# --- 附件5 ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Criterion:
    """One 附件5 criterion; exactly one form (see the year file's header):

    * ``field`` with ``op``/``value`` (a number compared) or ``yes`` (answered 是);
    * ``sum`` of several counts compared with ``op``/``value``;
    * ``any_yes`` (at least one 是, or the ``or_text`` field filled) and ``all_yes``;
    * ``prefer``: the first criterion whose fields are answered decides.

    ``only_yes``: the form's question asks more than 附件5 (or offers fewer alternatives), so its 否 does not say
    the criterion is unmet; ``True``, or the text naming what a 否 leaves the reviewer to verify.
    """

    field: str | None = None
    op: str | None = None
    value: float | None = None
    yes: bool = False
    only_yes: bool | str = False
    sum: tuple[str, ...] = ()
    any_yes: tuple[str, ...] = ()
    all_yes: tuple[str, ...] = ()
    or_text: str | None = None
    label: str = ""
    prefer: tuple[Criterion, ...] = ()

    @cached_property
    def kind(self) -> str:
        """prefer / sum / any_yes / all_yes / yes / compare."""
        for name in ("prefer", "sum", "any_yes", "all_yes"):
            if getattr(self, name):
                return name
        return "yes" if self.yes else "compare"

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """Every field the criterion reads."""
        if self.prefer:
            return tuple(f for sub in self.prefer for f in sub.fields)
        listed = self.sum or self.any_yes or self.all_yes
        if listed:
            return (*listed, *((self.or_text,) if self.or_text else ()))
        return (self.field,) if self.field else ()


@dataclass(frozen=True)
class Gap:
    """Where the notice does not say what happens: a RULE_GAP finding.

    With ``field``/``op``/``value``: when the answer meets that condition the item is left to the
    reviewer; ``always``: on every application, at field ``at``. Without ``message`` the item is
    still left to the reviewer but another item reports the finding.
    """

    message: str = ""
    field: str | None = None
    op: str | None = None
    value: float | None = None
    always: bool = False
    at: str | None = None

    @property
    def location(self) -> str | None:
        return self.field or self.at

    @property
    def severity(self) -> Severity:
        return Severity.INFO if self.always else Severity.WARNING


@dataclass(frozen=True)
class Verify:
    """What the form's question leaves to verify; ``unless`` names the 补充信息 field that settles it."""
    text: str
    unless: str | None = None


@dataclass(frozen=True)
class RubricItem:
    id: str
    level1: str
    level2: str
    text: str
    points: float
    bonus: bool = False
    criteria: tuple[Criterion, ...] = ()
    manual: str | None = None
    gap: Gap | None = None
    verify: Verify | None = None
    note: str | None = None                # appended to the reason whatever the answers

    @cached_property
    def label(self) -> str:
        """The 三级指标 wording without the trailing "(N分)"."""
        return _POINTS_SUFFIX.sub("", self.text).strip()

    @cached_property
    def level1_name(self) -> str:
        return _GROUP_POINTS_SUFFIX.sub("", self.level1).strip()

    @cached_property
    def level2_name(self) -> str:
        return _GROUP_POINTS_SUFFIX.sub("", self.level2).strip()

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """Every field the item's criteria read, once each, in order."""
        return tuple(dict.fromkeys(f for c in self.criteria for f in c.fields))


@dataclass(frozen=True)
class FormGap:
    """A gap of a type's 申报表 itself, reported on every application of that type."""
    message: str
    at: str | None = None


@dataclass(frozen=True)
class RubricInfo:
    """附件5 of one type besides its items: the printed 前置条件 and total, the form's own gaps."""
    precondition: str
    total_text: str
    gaps: tuple[FormGap, ...] = ()
    exclusive: tuple[Exclusive, ...] = ()


@dataclass(frozen=True)
class Exclusive:
    """Items of which a project can earn one only (附件5: 跨境电商 sales "大于50万美金" 10分 / "小于50万美金" 3分)."""
    items: tuple[str, ...]


# --- titles ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Titles:
    programme: str        # 贵州省2024年电子商务“十百千万”工程示范项目
    notice: str
    summary: str          # 附件4's title, "{city}" for the 市（州）
    province: str         # the province's merged summary
    upload_name: str      # 三、(一) 3: the scanned PDF's name, "{city}{company}{year}…{type_label}…"
    blank_city: str = "XX市（州）"

    def summary_for(self, city: str | None = None) -> str:
        """附件4's title for one 市（州）, or with the placeholder a blank template shows."""
        return self.summary.format(city=city or self.blank_city)
