"""The books of a province round printed: the 评审安排 the organiser files, the 评分校准 the chair reads."""
from __future__ import annotations

import re
import subprocess
from datetime import datetime

from openpyxl import Workbook, load_workbook

from shibai_xl.engine.calibration import ITEM_COLUMNS, PROJECT_COLUMNS
from shibai_xl.jobs import review
from tests import libreoffice as lo
from tests.test_summaries_real_world import PRINTED

NOW = datetime(2024, 9, 20, 9, 0)
PROJECTS = 45     # a province round: the per-project table takes several pages


def _summary(path, long_name: str = "", count: int = PROJECTS):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "贵州省2024年电子商务“十百千万”工程示范项目汇总表"
    ws.append([*PRINTED, "前置条件"])
    for i in range(1, count + 1):
        name = long_name if i == 1 and long_name else f"遵义第{i:02d}电子商务有限公司"
        ws.append([i, "遵义市", "播州区", name, f"播州区某路{i}号", "企业", "民企", "主要业绩" * 40,
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


def test_the_printed_plan_shows_each_experts_file_and_recusals_and_each_project_whole(tmp_path):
    """评审安排 is the organiser's record of who scores what. Its expert table printed “表-张” for 专家评分表-张三.xlsx
    and two or three of an expert's recused projects (the file name and the list wrapped in columns 8 and 7 wide,
    in rows one line tall), and a project's long name was cut the same way. Every value prints whole now."""
    name = "遵义市红花岗区黔北农特产品电子商务有限责任公司（遵义黔北农特产品直播基地）"
    summary = _summary(tmp_path / "全省.xlsx", long_name=name)
    rdir = tmp_path / "评审"
    review.make(rdir, summary, ["张三", "李四"], expert_cities="张三=遵义市", round_id="2024-09", now=NOW)
    pdf = lo.convert(rdir / "评审安排.xlsx", "pdf", tmp_path / "pdf")
    # in reading order, not laid out: a cell's lines together, not between the other cells' of the row
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", "", raw)
    assert "专家评分表-张三.xlsx" in text and "专家评分表-李四.xlsx" in text, text[:400]
    recused = text[text.index("专家评分表-张三.xlsx"):text.index("专家评分表-李四.xlsx")]      # 张三's row
    assert re.findall(r"企业\d\d", recused) == [f"企业{i:02d}" for i in range(1, PROJECTS + 1)], recused
    # the long name: its lines inside its row, under the header and above the next project (not drawn over them)
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = [(float(y0), float(y1), w) for y0, y1, w in
             re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                        bbox.split("</page>")[0])]
    top = max(y1 for _y0, y1, w in words if w == "项目名称")
    bottom = min(y0 for y0, _y1, w in words if w == "遵义第02电子商务有限公司")
    lines = sorted((y0, y1, w) for y0, y1, w in words if w in name and len(w) > 4)
    assert "".join(w for _y0, _y1, w in lines) == name, lines
    assert top <= lines[0][0] and lines[-1][1] <= bottom, (top, lines, bottom)


def _words(pdf, page: int) -> list[tuple[float, float, str]]:
    bbox = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [(float(y0), float(y1), w) for y0, y1, w in
            re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', bbox)]


def test_a_long_name_prints_whole_on_the_published_list(tmp_path):
    """The 公示 sheet is printed and published as it is; its rows were one line tall (22 pt), so a registered name
    longer than the 名称 column's line (24 characters) was printed cut at its top and bottom, drawn over the rows
    above and below. Its row now holds all its lines."""
    name = "遵义市红花岗区黔北农特产品电子商务有限责任公司（遵义黔北农特产品直播基地）"
    summary = _summary(tmp_path / "全省.xlsx", long_name=name, count=3)
    rdir = tmp_path / "评审"
    review.make(rdir, summary, ["甲", "乙"], round_id="2024-09", now=NOW)
    for expert in ("甲", "乙"):
        _score(rdir / f"专家评分表-{expert}.xlsx", 0)          # full marks everywhere: all three published
    out = tmp_path / "评审结果.xlsx"
    review.collect(rdir, out, now=NOW)
    pdf = lo.convert(out, "pdf", tmp_path / "pdf")
    page = next(p for p in range(1, lo.pdf_pages(pdf) + 1) if "示范项目拟认定名单" in lo.pdf_text(pdf, p))
    words = _words(pdf, page)
    top = max(y1 for _y0, y1, w in words if w == "名称")
    bottom = min(y0 for y0, _y1, w in words if w == "遵义第02电子商务有限公司")
    lines = sorted((y0, y1, w) for y0, y1, w in words if w in name and len(w) > 4)
    assert "".join(w for _y0, _y1, w in lines) == name, lines
    assert top <= lines[0][0] and lines[-1][1] <= bottom, (top, lines, bottom)


def test_every_printed_page_of_an_experts_book_has_a_line_to_sign_and_date(tmp_path):
    """The expert prints his 专家评分表 and signs it for the record of the round. Nowhere on the 评分表 or the 小计 was
    there a place to sign or date: he signed in a margin, or the paper went to the file unsigned. Each printed page
    of both sheets now has 评审专家签名 and 日期 in its footer, beside the page number (no page can be swapped)."""
    summary = _summary(tmp_path / "全省.xlsx", count=12)
    rdir = tmp_path / "评审"
    review.make(rdir, summary, ["张三"], round_id="2024-09", now=NOW)
    book = rdir / "专家评分表-张三.xlsx"
    wb = load_workbook(book)
    for sheet in ("评分表", "小计"):
        assert "签名" in wb[sheet].oddFooter.left.text and "日期" in wb[sheet].oddFooter.right.text
    pdf = lo.convert(book, "pdf", tmp_path / "pdf")
    pages = [lo.pdf_text(pdf, p) for p in range(1, lo.pdf_pages(pdf) + 1)]
    assert len(pages) > 2 and "专家评分小计" in pages[-1], pages[-1]
    for page in pages:
        foot = page.strip().splitlines()[-1].replace(" ", "")
        assert "评审专家签名：" in foot and "日期：" in foot and re.search(r"第\d+页", foot), page
