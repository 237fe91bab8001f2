"""``shibai merge``: the cities' 项目汇总表 into one provincial table, with a count per
市（州） and 项目类型 (a pivot and a chart), and projects reported by two cities."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from openpyxl import load_workbook

from ..adapters.files import ensure_writable, write_atomic
from ..adapters.xlsx.package import UnreadableFile
from ..adapters.xlsx.reader import open_workbook, read_table
from ..adapters.xlsx.summary_book import (DATA_COLUMNS, SummaryBook, SummaryUpdate, WITHDRAWN, apply_records,
                                          find_table, stats_sheet)
from ..adapters.xlsx.templates import new_summary
from ..engine.fields import CITIES
from ..engine.findings import make
from ..engine.parse.text import normalize
from ..engine.summary import SummaryRecord, applicant_key

PROVINCE_TITLE = "贵州省2024年电商“十百千万”工程示范项目汇总表（全省）"
MERGE_COLUMNS = (*DATA_COLUMNS, "市州评分")
Progress = Callable[[int, int, str], None]


def province_key(key: str, source: str) -> str:
    return f"{key}@{str(source).split('/')[0]}" if key else ""


def city_of(path: Path, title: str | None) -> str:
    for text in (title or "", path.stem):
        for c in CITIES:
            if c in text or c.rstrip("市州") in text:
                return c
    return ""


@dataclass
class MergeReport:
    province: Path
    cities: list[tuple[str, int]] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    update: SummaryUpdate = field(default_factory=SummaryUpdate)

    def describe(self) -> str:
        lines = [f"全省汇总表：{self.province}",
                 "合并：" + "，".join(f"{c or '未识别市州'} {n} 项" for c, n in self.cities)]
        if self.duplicates:
            lines.append(f"跨市州重复 {len(self.duplicates)} 项：" + "；".join(self.duplicates))
        for f, why in self.unreadable:
            lines.append(f"无法读取 {f}：{why}")
        return "\n".join(lines)


def _records(path: Path) -> tuple[str, list[SummaryRecord]]:
    wb = open_workbook(path)
    try:
        headers, rows, _ = read_table(wb, "sb_summary")
        title_ref = wb.pkg.named_cell("sb_summary_title")
        title = wb.grid(title_ref[0]).get(1, 1) if title_ref else None
    finally:
        wb.close()
    city = city_of(path, str(title or ""))
    out = []
    for row in rows:
        if normalize(row.get("状态")) == WITHDRAWN:
            continue
        name = row.get("企业名称")
        if not normalize(name):
            continue
        uscc = normalize(row.get("统一社会信用代码")).upper()
        columns = {c: row.get(c) for c in MERGE_COLUMNS}
        note = str(row.get("问题") or "").strip()
        if city and columns.get("市（州）") and normalize(columns["市（州）"]) != city:
            note = "；".join(x for x in (note, f"XC_SUMMARY_MISMATCH 项目所在{columns['市（州）']}与报送的{city}汇总表不一致") if x)
        columns["市（州）"] = columns.get("市（州）") or city
        source = f"{path.name}/{row.get('来源文件') or ''}".rstrip("/")
        score = row.get("自动评分")
        out.append(SummaryRecord(file=source, key=applicant_key(uscc, name), type="", columns=columns,
                                 status=normalize(row.get("前置条件")), score=score if isinstance(score, (int, float)) else 0,
                                 problems=[], uscc=uscc, note=note))
    return city, out


def merge(province: str | Path, cities: list[str | Path], progress: Progress | None = None,
          now: datetime | None = None) -> MergeReport:
    province = Path(province)
    ensure_writable(province)
    report = MergeReport(province=province)
    records: list[SummaryRecord] = []
    for i, path in enumerate(map(Path, cities), 1):
        if progress:
            progress(i, len(cities), path.name)
        if path.resolve() == province.resolve():
            continue
        try:
            city, recs = _records(path)
        except UnreadableFile as e:
            report.unreadable.append((path.name, str(e)))
            continue
        report.cities.append((city, len(recs)))
        records += recs
    cross: dict[str, list] = {}
    by_key: dict[str, list[SummaryRecord]] = {}
    for r in records:
        by_key.setdefault(r.key, []).append(r)
    for r in records:  # one row per city summary and project: a project two cities report shows twice
        r.key = province_key(r.key, r.file)
    for key, group in by_key.items():
        cities_of = sorted({normalize(g.columns.get("市（州）")) for g in group})
        if len(group) > 1:
            name = group[0].columns.get("企业名称")
            report.duplicates.append(f"{name}（{'、'.join(cities_of)}）")
            for g in group:
                cross.setdefault(g.file, []).append(make(
                    "XC_CROSS_APP", detail=f"“{name}”被{len(group)}个市州汇总表报送（{'、'.join(cities_of)}）"))
    if province.exists():
        try:
            wb = load_workbook(province)
            find_table(wb)
        except Exception as e:  # not ours or damaged: never overwrite something we do not understand
            raise UnreadableFile(f"“{province.name}”不是本工具生成的全省汇总表，未改动（{type(e).__name__}）。请换一个文件名。") from None
    else:
        wb = new_summary(PROVINCE_TITLE)
    report.update = apply_records(wb, records, cross, None, now or datetime.now(), data_columns=MERGE_COLUMNS,
                                  row_key=lambda book, r: province_key(book.row_key(r), book.get(r, "来源文件") or ""))
    book = SummaryBook(wb)
    rows = [(book.get(r, "市（州）") or "未识别", book.get(r, "项目类型") or "", "") for r in book.data_rows()
            if not book.is_blank(r) and book.get(r, "状态") != WITHDRAWN]
    stats_sheet(wb, rows, by="市（州）")
    from .province_stats import province_figures_sheet   # pandas: imported by merge only

    province_figures_sheet(wb)
    write_atomic(province, lambda tmp: wb.save(tmp))
    return report
