"""The notice's rules as data: one TOML file per year (``y2024.toml``), read once into a typed model.

>>> from shibai_xl.rules import load
>>> r = load(2024)
>>> r.types["park"].min_years, r.types["park"].total
(2, 120)
>>> r.type_id("直播基地"), r.type_id("企业"), r.type_id("team")
(<AppType.BASE: 'base'>, <AppType.ENTERPRISE: 'enterprise'>, <AppType.TEAM: 'team'>)
>>> sum(i.points for i in r.rubric("team"))
100
>>> r.titles.summary_for("贵阳市")
'贵阳市2024年电商“十百千万”工程示范项目汇总表'

Which year file is in force is chosen in one place, ``choice.py`` (``SHIBAI_RULES``). The enums load
with the package; the model and the loader when first asked for, so that code needing only an enum
(or whether the rules changed) does not pay for them.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

from .enums import AppType, Severity, Status

_LAZY = {
    **dict.fromkeys(("DEFAULT_YEAR", "ENV", "available_years", "fingerprint", "selected_path"), "choice"),
    **dict.fromkeys(("load", "load_file", "selected", "parse_toml", "forget_if_edited"), "loader"),
    **dict.fromkeys(("Criterion", "Field", "Gap", "Material", "ProjectType", "RubricInfo", "RubricItem", "Threshold",
                     "Titles", "Verify"), "model"),
    "Rules": "rules",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["AppType", "Severity", "Status", *_LAZY]
