"""``shibai refresh``: one button from a folder of application workbooks to the 项目汇总表.

Unchanged files are not read again: each file's summary record is cached next to
the summary under its SHA-256 (size and mtime alone can miss a change), so a
second refresh costs a hash per file. A file that cannot be read never stops the
refresh; it is listed on the 问题文件 sheet with the reason.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from .. import __version__
from ..adapters.files import ensure_writable, held_lock, remove_stale_temps, write_atomic
from ..engine.summary import SummaryRecord, SummaryUpdate, unreadable_record

# The reader, the checker and openpyxl are imported where they are needed: a refresh with nothing
# changed only hashes files, and their imports would cost more than that whole refresh.

Progress = Callable[[int, int, str], None]
SKIP_PREFIXES = ("~$", ".~", "~", ".shibai-")
SUFFIXES = (".xlsx", ".xlsm")
# Workbooks in other formats are not skipped silently: they are listed with what to do (另存为 .xlsx).
CONVERT_SUFFIXES = (".xls", ".et", ".ett", ".xlsb", ".ods")
PARALLEL_MIN = 8  # fewer files than this are read in this process
READ_ATTEMPTS = 3  # a file that changes while it is read (being copied) is read again, this many times in all
CHANGING = "文件在读取时被改动（可能正在复制或保存），本次未汇总；请等复制或保存完成后再刷新"


def application_files(folder: Path, exclude: set[Path] = frozenset()) -> list[Path]:
    """Workbooks under ``folder`` (recursively), without Excel/WPS lock files, temp files and backups."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root) / name
            if name.startswith(SKIP_PREFIXES) or p.suffix.lower() not in SUFFIXES + CONVERT_SUFFIXES:
                continue
            if p.resolve() in exclude:
                continue
            out.append(p)
    return out


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cache_path(summary: Path) -> Path:
    return summary.with_name(f".{summary.name}.shibai-cache.json")


def _load_cache(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
        return data if data.get("version") == __version__ else {}
    except (OSError, ValueError):
        return {}


def read_record(path: Path, label: str) -> SummaryRecord:
    """One application file's summary record; never raises for a bad file."""
    from ..adapters.xlsx.package import UnreadableFile
    from ..adapters.xlsx.reader import read_application
    from ..engine.check import check
    from ..engine.summary import record_from_result
    from ..rules import load

    try:
        rules = load()
        return record_from_result(check(read_application(path, rules), rules), label)
    except UnreadableFile as e:
        return unreadable_record(label, str(e))
    except Exception as e:  # a file that breaks the engine must not stop the batch
        return unreadable_record(label, f"处理时出错（{type(e).__name__}），请检查该文件")


def read_stable(path: Path, label: str, digest: str) -> tuple[SummaryRecord, str | None]:
    """Read a file whose SHA-256 was ``digest`` and hash it again afterwards: (record, the SHA-256 it was
    read at), or (record, None) when it kept changing under us — such a record must not be cached."""
    for _ in range(READ_ATTEMPTS):
        rec = read_record(path, label)
        try:
            after = file_hash(path)
        except OSError as e:
            return unreadable_record(label, f"无法打开文件（{e.strerror or type(e).__name__}）"), None
        if after == digest:
            return rec, digest
        digest = after
    return unreadable_record(label, CHANGING), None


@dataclass
class RefreshReport:
    summary: Path
    files: int = 0
    read: int = 0
    cached: int = 0
    update: SummaryUpdate = field(default_factory=SummaryUpdate)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    created: bool = False

    def describe(self) -> str:
        u = self.update
        lines = [f"汇总表：{self.summary}" + ("（新建）" if self.created else ""),
                 f"申报表 {self.files} 份（重新读取 {self.read} 份，未改动跳过 {self.cached} 份）；"
                 f"新增 {u.added} 行，更新 {u.updated} 行，未变 {u.unchanged} 行，标记已撤回 {u.withdrawn} 行；"
                 f"汇总表与申报表不一致 {u.mismatches} 处。"]
        if self.unreadable:
            lines.append(f"无法读取 {len(self.unreadable)} 份（见“问题文件”表）：")
            lines += [f"  • {f}：{why}" for f, why in self.unreadable]
        if not u.changed and not self.created:
            lines.append("汇总表内容没有变化，文件未改写。")
        return "\n".join(lines)


def _read_one(args: tuple[str, str, str]) -> tuple[dict, str | None]:
    rec, digest = read_stable(Path(args[0]), args[1], args[2])
    return rec.to_dict(), digest


def _prepare_workers() -> None:
    """Import the reader and checker before forking, so that worker processes share them instead of
    each importing them again."""
    from ..adapters.xlsx import reader  # noqa: F401
    from ..engine import check  # noqa: F401
    from ..rules import load

    load()


def _read_many(jobs: list[tuple[Path, str, str]], workers: int, progress: Progress | None, done: int, total: int):
    """Read files, in parallel processes when there are enough of them; yields (record, digest) in order."""
    _prepare_workers()
    if workers > 1 and len(jobs) >= PARALLEL_MIN:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                args = [(str(p), label, digest) for p, label, digest in jobs]
                for i, (rec, digest) in enumerate(pool.map(_read_one, args, chunksize=4)):
                    if progress:
                        progress(done + i + 1, total, jobs[i][1])
                    yield SummaryRecord.from_dict(rec), digest
            return
        except (OSError, RuntimeError, BrokenProcessPool):
            pass  # no processes here (restricted machine, embedded interpreter): read them one by one
    for i, (path, label, digest) in enumerate(jobs):
        if progress:
            progress(done + i + 1, total, label)
        yield read_stable(path, label, digest)


@dataclass
class Collected:
    records: list[SummaryRecord]
    read: int
    cached: int
    digests: dict[str, str]
    cache_file: Path | None = None
    loaded: dict = field(default_factory=dict)     # the cache as it was read
    entries: dict = field(default_factory=dict)    # file label → {sha256, record} for this folder (good reads only)
    failed: dict = field(default_factory=dict)     # file label → [sha256, reason] of this run's failed reads
    failed_again: int = 0                          # files read again that failed exactly as last time

    @property
    def previous_summary(self) -> tuple[str, str] | None:
        """(SHA-256 of the summary, fingerprint) stored after the last refresh."""
        pair = self.loaded.get("summary_sha256")
        return tuple(pair) if isinstance(pair, list) and len(pair) == 2 else None

    @property
    def nothing_new(self) -> bool:
        """Every record is what the last refresh had: cached, or failing again for the same reason."""
        return self.read == self.failed_again

    def save_cache(self, summary_pair: tuple[str, str] | None) -> None:
        """Write the cache once, and only when it changed; the cache only saves time, so errors are ignored.

        Failed reads are never used instead of reading a file again (a file read while it was being
        copied fails once); they are kept only to tell that a refresh found nothing new."""
        data = {"version": __version__, "files": self.entries, "failed": self.failed,
                "summary_sha256": list(summary_pair) if summary_pair else None}
        if self.cache_file is None or data == self.loaded:
            return
        try:
            tmp = self.cache_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            os.replace(tmp, self.cache_file)
        except OSError:
            pass

    def fingerprint(self, batch: str | None) -> str:
        """What a summary refreshed from these files looks like: every file's SHA-256 and the batch."""
        listing = sorted(self.digests.items())
        return hashlib.sha256(json.dumps([__version__, batch, listing], ensure_ascii=False).encode()).hexdigest()


def collect_records(folder: Path, summary: Path, progress: Progress | None = None,
                    workers: int | None = None) -> Collected:
    files = application_files(folder, exclude={summary.resolve()})
    cache_file = cache_path(summary)
    cache = _load_cache(cache_file)
    entries = cache.get("files", {})
    old_failed = cache.get("failed") or {}
    new_entries: dict[str, dict] = {}
    failed: dict[str, list] = {}
    records: dict[str, SummaryRecord] = {}
    to_read: list[tuple[Path, str, str]] = []
    digests: dict[str, str] = {}
    for i, path in enumerate(files, 1):
        label = str(path.relative_to(folder))
        try:
            digests[label] = file_hash(path)
        except OSError as e:
            records[label] = unreadable_record(label, f"无法打开文件（{e.strerror or type(e).__name__}）")
            continue
        hit = entries.get(label)
        if hit and hit.get("sha256") == digests[label] and not hit["record"].get("error"):
            records[label] = SummaryRecord.from_dict(hit["record"])
            new_entries[label] = hit
            if progress:
                progress(i, len(files), label)
        else:
            to_read.append((path, label, digests[label]))
    cached = len(records)
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    failed_again = 0
    if to_read:
        for rec, digest in _read_many(to_read, workers, progress, cached, len(files)):
            records[rec.file] = rec
            if digest is not None:
                digests[rec.file] = digest
            if rec.error:
                failed[rec.file] = [digests[rec.file], rec.error]
                failed_again += old_failed.get(rec.file) == failed[rec.file]
            elif digest is not None:
                new_entries[rec.file] = {"sha256": digest, "record": rec.to_dict()}
    ordered = [records[str(p.relative_to(folder))] for p in files]
    return Collected(ordered, len(to_read), cached, digests, cache_file, cache, new_entries, failed, failed_again)


def refresh(summary: str | Path, folder: str | Path, batch: str | None = None, city: str | None = None,
            progress: Progress | None = None, now: datetime | None = None, workers: int | None = None) -> RefreshReport:
    summary, folder = Path(summary), Path(folder)
    if not folder.is_dir() or summary.suffix.lower() != ".xlsx":
        from ..adapters.xlsx.package import UnreadableFile

        raise UnreadableFile(f"找不到申报表文件夹：{folder}" if not folder.is_dir() else "汇总表请使用 .xlsx 文件")
    ensure_writable(summary)
    with held_lock(summary):       # a second refresh of the same summary waits for nobody: it is refused
        remove_stale_temps(summary.parent)
        return _refresh_locked(summary, folder, batch, city, progress, now, workers)


def _refresh_locked(summary: Path, folder: Path, batch: str | None, city: str | None, progress: Progress | None,
                    now: datetime | None, workers: int | None) -> RefreshReport:
    report = RefreshReport(summary=summary)
    collected = collect_records(folder, summary, progress, workers)
    records, report.read, report.cached = collected.records, collected.read, collected.cached
    report.files = len(records)
    report.unreadable = [(r.file, r.error) for r in records if r.error]
    fingerprint = collected.fingerprint(batch)
    if summary.exists() and collected.nothing_new and collected.previous_summary == (file_hash(summary), fingerprint):
        report.update.unchanged = len([r for r in records if not r.error])
        collected.save_cache(collected.previous_summary)
        return report  # nothing new read, nothing changed, the summary is as the tool left it
    from ..adapters.xlsx.package import UnreadableFile
    from ..adapters.xlsx.summary_book import NotASummary, find_table
    from ..adapters.xlsx.templates import SUMMARY_TITLE, new_summary

    if summary.exists():
        from openpyxl import load_workbook

        try:
            wb = load_workbook(summary)
            find_table(wb)
        except NotASummary as e:
            raise UnreadableFile(str(e)) from None
        except Exception as e:  # openpyxl raises many kinds for a damaged file
            raise UnreadableFile(f"汇总表“{summary.name}”无法打开（{type(e).__name__}），请检查文件或换一个文件名") from None
    else:
        title = SUMMARY_TITLE.replace("XX市（州）", city) if city else SUMMARY_TITLE
        wb = new_summary(title)
        report.created = True
    report.update = update_workbook(wb, records, batch, now, force=report.created)
    if report.update.changed or report.created:
        write_atomic(summary, lambda tmp: wb.save(tmp))
    collected.save_cache((file_hash(summary), fingerprint) if summary.exists() else None)
    return report


def update_workbook(wb, records: list[SummaryRecord], batch: str | None, now: datetime | None,
                    force: bool = False) -> SummaryUpdate:
    """Apply the records to an openpyxl summary workbook (file job and open-book job alike)."""
    from ..adapters.xlsx.summary_book import apply_records, stats_sheet
    from ..engine.summary import cross_application

    update = apply_records(wb, records, cross_application(records), batch, now or datetime.now())
    if update.changed or force:
        stats_sheet(wb, _stats_rows(wb), by="前置条件")
        print_summary_columns(wb)
    return update


def print_summary_columns(wb) -> None:
    """Print the thirteen 附件4 columns and 前置条件/自动评分/问题 on A4 landscape; the rest is for screens."""
    from ..adapters.xlsx.summary_book import SummaryBook
    from openpyxl.utils import get_column_letter

    book = SummaryBook(wb)
    last = max(book.cols[c] for c in ("市州评分", "前置条件", "自动评分", "问题"))
    book.ws.print_area = f"A1:{get_column_letter(last)}{book.r1}"


def _stats_rows(wb) -> list[tuple[str, str, str]]:
    from ..adapters.xlsx.summary_book import SummaryBook, WITHDRAWN

    book = SummaryBook(wb)
    rows = []
    for r in book.data_rows():
        if book.is_blank(r) or book.get(r, "状态") == WITHDRAWN:
            continue
        rows.append((book.get(r, "前置条件") or "未检查", book.get(r, "项目类型") or "", ""))
    return rows
