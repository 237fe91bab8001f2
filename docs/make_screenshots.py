"""Render the README pictures with LibreOffice (the stand-in spreadsheet client).

    python docs/make_screenshots.py        # needs soffice and pdftoppm

Writes docs/form-*.png (each printed 申报表), docs/check-result.png (a 校验结果 sheet after
``shibai check --write``), docs/summary.png and docs/summary-chart.png (项目汇总表 and its 统计 sheet).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shibai_xl.jobs.demo import write_examples  # noqa: E402
from shibai_xl.jobs.check_file import check_file  # noqa: E402
from shibai_xl.jobs.refresh import refresh  # noqa: E402
from tests import libreoffice as lo  # noqa: E402

DOCS = ROOT / "docs"


def only_sheet(src: Path, sheet: str, out: Path) -> Path:
    wb = load_workbook(src)
    for ws in list(wb.worksheets):
        if ws.title != sheet:
            wb.remove(ws)
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    wb.save(out)
    return out


def render(xlsx: Path, png: Path, work: Path, dpi: int = 70, page: int = 1, crop: float | None = None) -> None:
    """One page as PNG; ``crop`` keeps only that fraction of the page height (from the top)."""
    pdf = lo.convert(xlsx, "pdf", work / xlsx.stem)
    prefix = work / (png.stem + "-page")
    made = lo.render_png(pdf, prefix, dpi=dpi, first=page, last=page)
    if crop:
        import subprocess
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                        "-x", "0", "-y", "0", "-W", str(int(11.7 * dpi)), "-H", str(int(8.3 * dpi * crop)),
                        str(pdf), str(prefix)], check=True)
        made = [prefix.with_suffix(".png")]
    shutil.copy(made[0], png)
    print(png)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = write_examples(work / "demo", flawed=True)
        labels = {"park": "园区", "base": "直播基地", "enterprise": "企业", "team": "直播团队"}
        for path, t in zip(paths, labels):
            render(only_sheet(path, "申报表", work / f"form-{t}.xlsx"), DOCS / f"form-{t}.png", work)
        flawed = paths[-1]
        check_file(flawed, write=True)
        render(only_sheet(flawed, "校验结果", work / "result.xlsx"), DOCS / "check-result.png", work, dpi=90, crop=0.4)
        summary = work / "项目汇总表.xlsx"
        refresh(summary, work / "demo" / "申报表", batch="2024-05", city="贵阳市")
        render(only_sheet(summary, "项目汇总表", work / "summary.xlsx"), DOCS / "summary.png", work, dpi=110, crop=0.4)
        render(only_sheet(summary, "统计", work / "stats.xlsx"), DOCS / "summary-chart.png", work, dpi=70, crop=0.75)


if __name__ == "__main__":
    main()
