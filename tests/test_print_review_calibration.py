"""The 评分校准 of a province round printed: its per-project and per-item tables run over many pages, and each
page says what its columns are."""
from __future__ import annotations

import re
from datetime import datetime

from openpyxl import Workbook, load_workbook

from shibai_xl.engine.calibration import ITEM_COLUMNS, PROJECT_COLUMNS
from shibai_xl.jobs import review
from tests import libreoffice as lo
from tests.test_summaries_real_world import PRINTED

NOW = datetime(2024, 9, 20, 9, 0)
PROJECTS = 45     # a province round: the per-project table takes several pages


def _summary(path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "贵州省2024年电子商务“十百千万”工程示范项目汇总表"
    ws.append([*PRINTED, "前置条件"])
    for i in range(1, PROJECTS + 1):
        ws.append([i, "遵义市", "播州区", f"遵义第{i:02d}电子商务有限公司", f"播州区某路{i}号", "企业", "民企", "主要业绩" * 40,
                   "张三", "13800000000", 1500 + i, 300 + i, 80, "达标"])
    wb.save(path)
    return path


def _score(path, low: int):
    """An expert's 专家评分, typed: every item full marks but the ``low``-th of each project's seven."""
    wb = load_workbook(path)
    ws = wb["评分表"]
    cols = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    seen: dict[str, int] = {}
    for r in range(5, ws.max_row + 1):
        project, full = ws.cell(r, cols["项目编号"]).value, ws.cell(r, cols["满分"]).value
        if project is None or full is None:
            continue
        seen[project] = seen.get(project, 0) + 1
        ws.cell(r, cols["专家评分"]).value = 0 if seen[project] == low else full
    wb.save(path)


def test_every_printed_page_of_the_calibration_tables_has_their_header(tmp_path):
    """The 评分校准 sheet printed its header row only once per table: from the second page of 各项目专家总分的离散程度
    on (45 projects: a page of bare figures), and on the pages of 专家分歧较大的指标, nobody could tell 最高分 from
    极差 or 平均极差 from 分歧项目数. Every page of either table now starts with that table's header."""
    summary = _summary(tmp_path / "全省.xlsx")
    rdir = tmp_path / "评审"
    review.make(rdir, summary, ["甲", "乙", "丙"], round_id="2024-09", now=NOW)
    for low, expert in enumerate(("甲", "乙", "丙"), 1):
        _score(rdir / f"专家评分表-{expert}.xlsx", low)
    out = tmp_path / "评审结果.xlsx"
    review.collect(rdir, out, now=NOW)
    pdf = lo.convert(out, "pdf", tmp_path / "pdf")
    pages = [lo.pdf_text(pdf, p) for p in range(1, lo.pdf_pages(pdf) + 1)]
    first = next(i for i, t in enumerate(pages) if "专家评分校准（2024-09）" in t)
    last = next(i for i, t in enumerate(pages) if "拟认定名单（2024-09" in t)
    project_pages = item_pages = 0
    for text in pages[first:last]:
        flat = re.sub(r"\s+", "", text)
        if re.search(r"企业\d\d\s+遵义第\d\d电子商务有限公司", text):      # a row of 各项目专家总分的离散程度
            project_pages += 1
            assert all(h in flat for h in PROJECT_COLUMNS), text[:600]
        if re.search(r"企业\s+\d\.\d\.\d\s+\d+\s+45\s", text):            # a row of 专家分歧较大的指标
            item_pages += 1
            assert all(h in flat for h in ITEM_COLUMNS), text[:600]
    assert project_pages >= 2 and item_pages >= 1, (project_pages, item_pages)
