"""shibai-xl: 贵州省电子商务“十百千万”工程示范项目申报的校验、评分和汇总工具。

Layout (docs/architecture.md): ``rules/`` (the notice as data) ← ``engine/`` (pure: parsing,
eligibility, scoring, cross-checks) ← ``adapters/`` (workbook files via openpyxl/calamine, the open
workbook via xlwings) ← ``jobs/`` (what a user asks for) ← ``faces/`` (CLI, ribbon, UDFs, local
service). This root module is a face too: :func:`main` is what an old copy of the retired fallback
add-in calls; no module of the package imports it (the version is in :mod:`shibai_xl.version`).
"""
from . import lean_imports
from .version import __version__

lean_imports.install()   # before any module imports openpyxl

__all__ = ["__version__", "main"]


def main() -> None:
    """What the Run button of an old copy of the retired fallback add-in ``shibai_xl.xlam`` calls:
    a message that it is no longer supported (docs/addin.md)."""
    # imported on call: ``import shibai_xl`` (every submodule's parent) must not load the faces
    from .faces.ribbon_actions import retired_fallback

    retired_fallback()
