"""The notice's rules as data: one TOML file per year (``y2024.toml``).

>>> r = load(2024)
>>> r.types["park"].min_years, r.types["park"].total
(2, 120)
>>> r.type_id("直播基地"), r.type_id("企业"), r.type_id("team")
('base', 'enterprise', 'team')
>>> sum(i.points for i in r.rubric("team"))
100
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

DEFAULT_YEAR = 2024


@dataclass(frozen=True)
class Threshold:
    code: str
    field: str
    op: str
    value: float
    text: str
    when: str | None = None  # enterprise kind (平台类/服务类) the threshold applies to


@dataclass(frozen=True)
class RubricItem:
    id: str
    level1: str
    level2: str
    text: str
    points: float
    bonus: bool = False
    criteria: tuple[dict[str, Any], ...] = ()
    manual: str | None = None
    gap: dict[str, Any] | None = None
    verify: dict[str, Any] | None = None   # {text, unless}: what the form's question leaves to verify
    note: str | None = None                # appended to the reason whatever the answers

    @property
    def label(self) -> str:
        """The 三级指标 wording without the trailing "(N分)"."""
        import re

        return re.sub(r"\s*[（(]\s*\d+\s*分\s*[)）]\s*$", "", self.text).strip()

    @property
    def level1_name(self) -> str:
        return _strip_points(self.level1)

    @property
    def level2_name(self) -> str:
        return _strip_points(self.level2)


def _strip_points(text: str) -> str:
    import re

    return re.sub(r"\s*[（(][^()（）]*分[)）]\s*$", "", text).strip()


@dataclass(frozen=True)
class ProjectType:
    id: str
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


@dataclass(frozen=True)
class Material:
    name: str
    section: str
    label: str
    not_applicable: str | None = None
    role: str = "applicant"   # applicant / bureau / conditional (see the year file)
    when: str | None = None


@dataclass(frozen=True)
class Rules:
    year: int
    raw: dict[str, Any]
    types: dict[str, ProjectType]
    rubrics: dict[str, tuple[RubricItem, ...]]
    materials: tuple[Material, ...]
    common: dict[str, Any] = field(default_factory=dict)

    def rubric(self, app_type: str) -> tuple[RubricItem, ...]:
        return self.rubrics[app_type]

    def rubric_meta(self, app_type: str) -> dict[str, Any]:
        return {k: v for k, v in self.raw["rubric"][app_type].items() if k != "items"}

    def type_id(self, name: str) -> str | None:
        """Map an id or a Chinese name (园区, 直播基地, 企业, 直播团队, …) to the type id."""
        key = (name or "").strip().lower()
        for t in self.types.values():
            if key == t.id or key in (a.lower() for a in t.aliases) or key == t.label or key == t.short:
                return t.id
        return None

    def item(self, app_type: str, item_id: str) -> RubricItem | None:
        return next((i for i in self.rubric(app_type) if i.id == item_id), None)


@cache
def load(year: int = DEFAULT_YEAR) -> Rules:
    """Load the rules of one notice year from the package data."""
    data = tomllib.loads(resources.files(__package__).joinpath(f"y{year}.toml").read_text("utf-8"))
    types = {
        tid: ProjectType(
            id=tid, label=t["label"], short=t["short"], aliases=tuple(t["aliases"]),
            form_title=t["form_title"], rubric_title=t["rubric_title"], min_years=t["min_years"],
            base_total=t["base_total"], bonus_cap=t["bonus_cap"], total=t["total"],
            condition_text=t["condition_text"],
            thresholds=tuple(Threshold(**th) for th in t["thresholds"]), kind_field=t.get("kind_field"),
            verify=tuple(t.get("verify", ())),
        )
        for tid, t in data["types"].items()
    }
    rubrics = {
        tid: tuple(
            RubricItem(id=i["id"], level1=i["level1"], level2=i.get("level2", ""), text=i["text"],
                       points=i["points"], bonus=i.get("bonus", False), criteria=tuple(i.get("criteria", ())),
                       manual=i.get("manual"), gap=i.get("gap"), verify=i.get("verify"), note=i.get("note"))
            for i in r["items"]
        )
        for tid, r in data["rubric"].items()
    }
    materials = tuple(Material(**m) for m in data["materials"])
    return Rules(year=data["year"], raw=data, types=types, rubrics=rubrics, materials=materials,
                 common=data["common"])


def available_years() -> list[int]:
    return sorted(int(p.name[1:5]) for p in resources.files(__package__).iterdir()
                  if p.name.startswith("y") and p.name.endswith(".toml"))
