"""The notice's rules as data: one TOML file per year (``y2024.toml``), read once into a typed model.

>>> r = load(2024)
>>> r.types["park"].min_years, r.types["park"].total
(2, 120)
>>> r.type_id("直播基地"), r.type_id("企业"), r.type_id("team")
(<AppType.BASE: 'base'>, <AppType.ENTERPRISE: 'enterprise'>, <AppType.TEAM: 'team'>)
>>> sum(i.points for i in r.rubric("team"))
100
>>> r.titles.summary_for("贵阳市")
'贵阳市2024年电商“十百千万”工程示范项目汇总表'

Which year file is in force is chosen in one place, ``load.selected`` (``SHIBAI_RULES``).
"""
from __future__ import annotations

from .enums import AppType, Severity, Status
from .load import DEFAULT_YEAR, ENV, available_years, fingerprint, load, load_file, selected, selected_path
from .model import (
    Criterion,
    Field,
    Gap,
    Material,
    ProjectType,
    RubricInfo,
    RubricItem,
    Threshold,
    Titles,
    Verify,
)
from .rules import Rules

__all__ = ["AppType", "Severity", "Status", "DEFAULT_YEAR", "ENV", "available_years", "fingerprint", "load",
           "load_file", "selected", "selected_path", "Criterion", "Field", "Gap", "Material", "ProjectType",
           "RubricInfo", "RubricItem", "Threshold", "Titles", "Verify", "Rules"]
