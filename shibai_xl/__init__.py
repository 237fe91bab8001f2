"""shibai-xl: 贵州省电子商务“十百千万”工程示范项目申报的校验、评分和汇总工具。

Layout: ``rules/`` (the notice as data) → ``engine/`` (pure: parsing, eligibility,
scoring, cross-checks) → ``adapters/`` (workbook files via openpyxl/calamine, the open
workbook via xlwings) → ``jobs/`` (what a user asks for) → ``faces/`` (CLI, ribbon, UDFs).
"""
__version__ = "0.1.0"


def main() -> None:
    """Entry point of the fallback add-in ``shibai_xl.xlam`` (RunMain button): act on the active workbook."""
    from .faces.ribbon_actions import run_main

    run_main()
