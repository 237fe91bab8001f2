"""Render the README pictures with LibreOffice (the stand-in spreadsheet client).

    python docs/make_screenshots.py        # needs soffice and pdftoppm

Writes docs/form-*.png (each printed 申报表), docs/check-result.png (a 校验结果 sheet after
``shibai check --write``), docs/summary.png and docs/summary-chart.png (项目汇总表 and its 统计 sheet),
docs/province-stats.png (the amounts, 前置条件 and scores of ``shibai merge``'s 统计 sheet) and
docs/review-calibration.png (the 评分校准 sheet of ``shibai review collect``, five experts of whom
two score systematically high and low).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shibai_xl.jobs import review  # noqa: E402
from shibai_xl.jobs.check_file import check_file  # noqa: E402
from shibai_xl.jobs.demo import write_examples  # noqa: E402
from shibai_xl.jobs.merge import merge  # noqa: E402
from shibai_xl.jobs.refresh import refresh  # noqa: E402
from tests import libreoffice as lo  # noqa: E402

DOCS = ROOT / "docs"


def only_sheet(src: Path, sheet: str, out: Path, last_column: str | None = None) -> Path:
    """The one sheet to show; ``last_column``: printed up to that column (a long message running on to the right
    would otherwise widen the page until the table is too small to read)."""
    wb = load_workbook(src)
    for ws in list(wb.worksheets):
        if ws.title != sheet:
            wb.remove(ws)
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    if last_column:
        ws = wb[sheet]
        ws.print_area = f"A1:{last_column}{ws.max_row}"
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


# an expert's share of each item's points; every third row he is stricter by 0.2 (张三 … 钱七)
EXPERT_LEVELS = {"张三": 0.9, "李四": 1.0, "王五": 0.85, "赵六": 0.6, "钱七": 0.8}


def type_expert_scores(path: Path, level: float) -> None:
    """Scores typed into 评分表 as an expert would, rounded to half points."""
    wb = load_workbook(path)
    ws = wb["评分表"]
    cols = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(5, ws.max_row + 1):
        full = ws.cell(r, cols["满分"]).value
        if not isinstance(full, (int, float)) or ws.cell(r, cols["回避"]).value:
            continue
        share = max(0.0, level - (0.2 if r % 3 == 0 else 0.0))
        ws.cell(r, cols["专家评分"]).value = round(full * share * 2) / 2
    wb.save(path)


def province_and_review(work: Path, summary: Path) -> None:
    """``merge`` the demo summary (with 市州评分 typed) and a five-expert review round from it."""
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    for r, score in zip(range(4, ws.max_row + 1), (92, 85, 78, None, 88, 70)):
        if ws.cell(r, cols["企业名称"]).value:
            ws.cell(r, cols["市州评分"]).value = score
    wb.save(summary)
    province = work / "全省.xlsx"
    merge(province, [summary])
    render(only_sheet(province, "统计", work / "province-stats.xlsx"), DOCS / "province-stats.png", work, dpi=110,
           page=2, crop=0.35)
    rdir = work / "评审"
    review.make(rdir, summary, list(EXPERT_LEVELS), round_id="2024-05")
    for expert, level in EXPERT_LEVELS.items():
        type_expert_scores(rdir / f"专家评分表-{expert}.xlsx", level)
    result = work / "评审结果.xlsx"
    review.collect(rdir, result)
    render(only_sheet(result, "评分校准", work / "calibration.xlsx"), DOCS / "review-calibration.png", work, dpi=90,
           crop=0.8)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = write_examples(work / "demo", flawed=True)
        labels = {"park": "园区", "base": "直播基地", "enterprise": "企业", "team": "直播团队"}
        for path, t in zip(paths, labels):
            render(only_sheet(path, "申报表", work / f"form-{t}.xlsx"), DOCS / f"form-{t}.png", work)
        flawed = paths[-1]
        check_file(flawed, write=True)
        result = only_sheet(flawed, "校验结果", work / "result.xlsx", last_column="E")
        render(result, DOCS / "check-result.png", work, dpi=90, crop=0.55)
        summary = work / "项目汇总表.xlsx"
        refresh(summary, work / "demo" / "申报表", batch="2024-05")
        render(only_sheet(summary, "项目汇总表", work / "summary.xlsx"), DOCS / "summary.png", work, dpi=110, crop=0.4)
        render(only_sheet(summary, "统计", work / "stats.xlsx"), DOCS / "summary-chart.png", work, dpi=70, crop=0.75)
        province_and_review(work, summary)


if __name__ == "__main__":
    main()
