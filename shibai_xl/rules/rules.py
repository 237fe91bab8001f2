"""All the rules of one notice year, as one frozen record passed down from where it was loaded."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .enums import AppType
from .model import (
    Common,
    Consistency,
    EntityRule,
    Field,
    Material,
    ProjectType,
    ResidentRule,
    RubricInfo,
    RubricItem,
    Titles,
)


@dataclass(frozen=True)
class Rules:
    year: int
    titles: Titles
    types: dict[AppType, ProjectType]
    rubrics: dict[AppType, tuple[RubricItem, ...]]
    rubric_infos: dict[AppType, RubricInfo]
    materials: tuple[Material, ...]
    materials_clause: str
    common: Common
    entity: EntityRule
    residents: ResidentRule
    consistency: Consistency
    fields: dict[str, Field]                       # the field contract, in form order
    choices: dict[str, tuple[str, ...]]            # named choice lists (cities, operator_types …)
    review_pass_line: float                        # 拟认定名单: review collect's default --pass-line
    review_trim_min: int                           # experts from which a project's extremes are dropped
    review_months: tuple[int, ...] = ()
    source: Path | None = field(default=None, compare=False)

    def __hash__(self) -> int:
        return hash((self.year, self.source))

    # --- project types ---

    def type_id(self, name: str) -> AppType | None:
        """Map an id or a Chinese name (园区, 直播基地, 企业, 直播团队, …) to the type id."""
        keys = self.__dict__.get("_type_keys")
        if keys is None:   # built once: summary rows ask it thousands of times a refresh
            keys = {}
            for t in self.types.values():
                for k in (t.id, *(a.lower() for a in t.aliases), t.label, t.short):
                    keys.setdefault(k, t.id)
            object.__setattr__(self, "_type_keys", keys)
        return keys.get(unicodedata.normalize("NFKC", name or "").strip().lower())   # ｐａｒｋ typed in full width

    def list_types(self) -> tuple[AppType, ...]:
        """The types whose application includes the 入驻企业名单 (附件3)."""
        return tuple(t.id for t in self.types.values() if t.resident_list)

    def has_resident_list(self, app_type: str) -> bool:
        t = self.types.get(app_type)  # type: ignore[call-overload]
        return bool(t and t.resident_list)

    # --- 附件5 ---

    def rubric(self, app_type: str) -> tuple[RubricItem, ...]:
        return self.rubrics[app_type]  # type: ignore[index]

    def rubric_info(self, app_type: str) -> RubricInfo:
        return self.rubric_infos[app_type]  # type: ignore[index]

    def item(self, app_type: str, item_id: str) -> RubricItem | None:
        return next((i for i in self.rubric(app_type) if i.id == item_id), None)

    # --- the field contract ---

    def fields_for(self, app_type: str) -> list[Field]:
        """The contract fields of one project type, in form order."""
        return [f for f in self.fields.values() if app_type in f.types]

    def names_for(self, app_type: str) -> set[str]:
        return {f.name for f in self.fields_for(app_type)}

    def signature_names(self, app_type: str) -> set[str]:
        """Names only this type's workbook has, used to recognise its type."""
        others = set().union(*(self.names_for(t) for t in self.types if t != app_type))
        return self.names_for(app_type) - others
