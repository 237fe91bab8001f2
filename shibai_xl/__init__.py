"""shibai-xl: 贵州省电子商务“十百千万”工程示范项目申报的校验、评分和汇总工具。

Layout: ``rules/`` (the notice as data) → ``engine/`` (pure: parsing, eligibility,
scoring, cross-checks) → ``adapters/`` (workbook files via openpyxl/calamine, the open
workbook via xlwings) → ``jobs/`` (what a user asks for) → ``faces/`` (CLI, ribbon, UDFs).
"""
__version__ = "0.1.0"


def main() -> None:
    """What the Run button of an old copy of the retired fallback add-in ``shibai_xl.xlam`` calls:
    a message that it is no longer supported (docs/addin.md)."""
    from .faces.ribbon_actions import retired_fallback

    retired_fallback()
