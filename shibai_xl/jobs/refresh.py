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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..version import __version__
from ..adapters.files import ensure_writable, held_lock, remove_stale_temps, write_atomic
from ..engine.summary import SummaryRecord, SummaryUpdate, unreadable_record
from ..errors import UnreadableInput

# The reader, the checker and openpyxl are imported where they are needed: a refresh with nothing
# changed only hashes files, and their imports would cost more than that whole refresh.

Progress = Callable[[int, int, str], None]
SKIP_PREFIXES = ("~$", ".~", "~", ".shibai-")
SUFFIXES = (".xlsx", ".xlsm")
# Other formats: .xls/.xlsb/.ods (and WPS .et when it is BIFF inside) are read with calamine; a file that
# cannot be is listed with what to do (另存为 .xlsx), never skipped silently.
CONVERT_SUFFIXES = (".xls", ".et", ".ett", ".xlsb", ".ods")
LIST_TYPE = "附件3"   # SummaryRecord.type of a separate resident-list workbook (no row of its own)
PARALLEL_MIN = 8  # fewer files than this are read in this process
READ_ATTEMPTS = 3  # a file that changes while it is read (being copied) is read again, this many times in all
CHANGING = "文件在读取时被改动（可能正在复制或保存），本次未汇总；请等复制或保存完成后再刷新"


def application_files(folder: Path, exclude: set[Path] = frozenset(), recursive: bool = True) -> list[Path]:
    """Workbooks under ``folder`` (recursively), without Excel/WPS lock files, temp files and backups."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
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


def read_record(path: Path, label: str, siblings: list[Path] = ()) -> SummaryRecord:
    """One application file's summary record; never raises for a bad file. ``siblings``: the workbooks of
    its folder, where a park/base application's separate resident list may be."""
    from ..adapters.xlsx.package import UnreadableFile
    from ..adapters.xlsx.reader import NotAnApplication
    from ..adapters.xlsx.resident_list import is_resident_list, read_with_residents
    from ..engine.check import check
    from ..engine.summary import record_from_result
    from ..rules import load

    try:
        rules = load()
        return record_from_result(check(read_with_residents(path, rules, siblings), rules), label)
    except NotAnApplication as e:
        if is_resident_list(path, load()):
            return SummaryRecord(file=label, key="", type=LIST_TYPE, columns={}, status="", score=0.0, problems=[])
        return unreadable_record(label, str(e))
    except UnreadableFile as e:
        return unreadable_record(label, str(e))
    except Exception as e:  # a file that breaks the engine must not stop the batch
        return unreadable_record(label, f"处理时出错（{type(e).__name__}），请检查该文件")


def read_stable(path: Path, label: str, digest: str, siblings: list[Path] = ()) -> tuple[SummaryRecord, str | None]:
    """Read a file whose SHA-256 was ``digest`` and hash it again afterwards: (record, the SHA-256 it was
    read at), or (record, None) when it kept changing under us — such a record must not be cached."""
    for _ in range(READ_ATTEMPTS):
        rec = read_record(path, label, siblings)
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
    lists: int = 0            # separate resident-list workbooks linked to their applications
    adopted: tuple[int, int] | None = None   # a hand-made 附件4 taken over: (rows matched, rows kept unmatched)

    def describe(self) -> str:
        u = self.update
        lines = [f"汇总表：{self.summary}" + ("（新建）" if self.created else "")]
        if self.adopted:
            lines.append(f"原表是手工制作的附件4，已改为本工具的汇总表（原文件备份为 {self.summary.name}.bak）："
                         f"原有 {sum(self.adopted)} 行中 {self.adopted[0]} 行对应到申报表，"
                         f"{self.adopted[1]} 行没有对应的申报表，原样保留。")
        lines.append(f"申报表 {self.files} 份（重新读取 {self.read} 份，未改动跳过 {self.cached} 份）；"
                     f"新增 {u.added} 行，更新 {u.updated} 行，未变 {u.unchanged} 行，标记已撤回 {u.withdrawn} 行；"
                     f"汇总表与申报表不一致 {u.mismatches} 处。")
        if self.lists:
            lines.append(f"另有入驻企业名单 {self.lists} 份，已对应到各自的申报表。")
        if self.unreadable:
            lines.append(f"无法读取 {len(self.unreadable)} 份（见“问题文件”表），汇总表不完整"
                         + (f"；其中 {u.kept} 份原有的行保留上次数据" if u.kept else "") + "：")
            lines += [f"  • {f}：{why}" for f, why in self.unreadable]
        lines += u.notes
        if not u.changed and not self.created:
            lines.append("汇总表内容没有变化，文件未改写。")
        return "\n".join(lines)


def _read_one(args: tuple[str, str, str, list[str]]) -> tuple[dict, str | None]:
    rec, digest = read_stable(Path(args[0]), args[1], args[2], [Path(p) for p in args[3]])
    return rec.to_dict(), digest


def _prepare_workers() -> None:
    """Import the reader and checker before forking, so that worker processes share them instead of
    each importing them again."""
    from ..adapters.xlsx import reader  # noqa: F401
    from ..engine import check  # noqa: F401
    from ..rules import load

    load()


def _read_many(jobs: list[tuple[Path, str, str, list[Path]]], workers: int, progress: Progress | None, done: int, total: int):
    """Read files, in parallel processes when there are enough of them; yields (record, digest) in order."""
    _prepare_workers()
    if workers > 1 and len(jobs) >= PARALLEL_MIN:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                args = [(str(p), label, digest, [str(n) for n in near]) for p, label, digest, near in jobs]
                for i, (rec, digest) in enumerate(pool.map(_read_one, args, chunksize=4)):
                    if progress:
                        progress(done + i + 1, total, jobs[i][1])
                    yield SummaryRecord.from_dict(rec), digest
            return
        except (OSError, RuntimeError, BrokenProcessPool):
            pass  # no processes here (restricted machine, embedded interpreter): read them one by one
    for i, (path, label, digest, near) in enumerate(jobs):
        if progress:
            progress(done + i + 1, total, label)
        yield read_stable(path, label, digest, near)


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
    lists: int = 0                                 # separate resident lists linked to their applications

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


def _folder_digest(paths: list[Path], folder: Path, digests: dict[str, str]) -> str:
    listing = sorted((str(p.relative_to(folder)), digests.get(str(p.relative_to(folder)), "")) for p in paths)
    return hashlib.sha256(json.dumps(listing, ensure_ascii=False).encode()).hexdigest()


def linked_lists(records: list[SummaryRecord]) -> tuple[list[SummaryRecord], int]:
    """Records without the separate resident lists (each linked to its application, or, when no application
    took it, reported as a problem file); and how many lists were linked."""
    used = {str(Path(r.file).parent / r.resident_file) for r in records if r.resident_file}
    out, linked = [], 0
    for r in records:
        if r.type != LIST_TYPE:
            out.append(r)
        elif r.file in used:
            linked += 1
        else:
            from ..adapters.xlsx.resident_list import ORPHAN_LIST  # rare: the reader is not needed otherwise

            out.append(unreadable_record(r.file, ORPHAN_LIST))
    return out, linked


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
    to_read: list[tuple[Path, str, str, list[Path]]] = []
    digests: dict[str, str] = {}
    near = {d: [p for p in files if p.parent == d] for d in {p.parent for p in files}}
    for path in files:
        label = str(path.relative_to(folder))
        try:
            digests[label] = file_hash(path)
        except OSError as e:
            records[label] = unreadable_record(label, f"无法打开文件（{e.strerror or type(e).__name__}）")
    folder_sha = {d: _folder_digest(ps, folder, digests) for d, ps in near.items()}
    for i, path in enumerate(files, 1):
        label = str(path.relative_to(folder))
        if label in records:
            continue
        hit = entries.get(label)
        if (hit and hit.get("sha256") == digests[label] and not hit["record"].get("error")
                and hit.get("folder") in (None, folder_sha[path.parent])):
            records[label] = SummaryRecord.from_dict(hit["record"])
            new_entries[label] = hit
            if progress:
                progress(i, len(files), label)
        else:
            to_read.append((path, label, digests[label], near[path.parent]))
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
                entry = new_entries[rec.file] = {"sha256": digest, "record": rec.to_dict()}
                if rec.type in ("park", "base") and (rec.resident_file or not rec.residents):
                    # its resident list may be (or become) a separate workbook next to it
                    entry["folder"] = folder_sha[(folder / rec.file).parent]
    ordered, lists = linked_lists([records[str(p.relative_to(folder))] for p in files])
    return Collected(ordered, len(to_read), cached, digests, cache_file, cache, new_entries, failed, failed_again,
                     lists)


def refresh(summary: str | Path, folder: str | Path, batch: str | None = None, city: str | None = None,
            progress: Progress | None = None, now: datetime | None = None, workers: int | None = None) -> RefreshReport:
    """Update ``summary`` from the applications in ``folder``. Raises a ShibaiError, writing nothing, when there is
    nothing to summarise (no workbook in the folder, or none readable)."""
    summary, folder = Path(summary), Path(folder)
    if not folder.is_dir():
        raise UnreadableInput(f"找不到申报表文件夹：{folder}")
    if summary.suffix.lower() != ".xlsx":
        from ..adapters.xlsx.summary_book import require_xlsx

        require_xlsx(summary, "汇总表")
    ensure_writable(summary)
    with held_lock(summary):       # a second refresh of the same summary waits for nobody: it is refused
        remove_stale_temps(summary.parent)
        return _refresh_locked(summary, folder, batch, city, progress, now, workers)


def _refresh_locked(summary: Path, folder: Path, batch: str | None, city: str | None, progress: Progress | None,
                    now: datetime | None, workers: int | None) -> RefreshReport:
    report = RefreshReport(summary=summary)
    collected = collect_records(folder, summary, progress, workers)
    records, report.read, report.cached = collected.records, collected.read, collected.cached
    report.lists = collected.lists
    report.files = len(records)
    report.unreadable = [(r.file, r.error) for r in records if r.error]
    if not records:
        raise UnreadableInput(f"文件夹“{folder}”里没有申报表工作簿（.xlsx 等），汇总表未改动。请检查文件夹是否选对。")
    if len(report.unreadable) == len(records):
        raise UnreadableInput(f"文件夹“{folder}”里的 {len(records)} 份文件都无法读取，汇总表未改动：\n"
                              + "\n".join(f"  • {f}：{why}" for f, why in report.unreadable))
    fingerprint = collected.fingerprint(batch)
    if summary.exists() and collected.nothing_new and collected.previous_summary == (file_hash(summary), fingerprint):
        report.update.unchanged = len([r for r in records if not r.error])
        collected.save_cache(collected.previous_summary)
        return report  # nothing new read, nothing changed, the summary is as the tool left it
    wb, adopted = _open_summary(summary, city)
    report.created = not summary.exists()
    report.update = update_workbook(wb, records, batch, now, force=report.created or adopted is not None,
                                    mtime=file_mtime(folder))
    if adopted is not None:
        from ..adapters.xlsx.summary_book import SummaryBook

        book = SummaryBook(wb)
        matched = sum(1 for r in adopted if book.get(r, "来源文件"))
        report.adopted = (matched, len(adopted) - matched)
    if report.update.changed or report.created or adopted is not None:
        write_atomic(summary, lambda tmp: wb.save(tmp))
    collected.save_cache((file_hash(summary), fingerprint) if summary.exists() else None)
    return report


def _open_summary(summary: Path, city: str | None):
    """(workbook, rows of a hand-made 附件4 taken over or None): the summary to update, or a new one."""
    from ..adapters.xlsx.package import UnreadableFile
    from ..adapters.xlsx.summary_adopt import adopt
    from ..adapters.xlsx.summary_book import NotASummary, find_table
    from ..adapters.xlsx.templates import SUMMARY_TITLE, new_summary

    if not summary.exists():
        return new_summary(SUMMARY_TITLE.replace("XX市（州）", city) if city else SUMMARY_TITLE), None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(summary)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(f"汇总表“{summary.name}”无法打开（{type(e).__name__}），请检查文件或换一个文件名") from None
    try:
        find_table(wb)
        return wb, None
    except NotASummary:
        try:
            return wb, adopt(wb, summary.name)   # an official 附件4 typed by hand
        except NotASummary as e:
            raise UnreadableFile(str(e)) from None


def file_mtime(folder: Path) -> Callable[[str], float]:
    """A file label's modification time (0 when it is gone), to order two versions of one application."""
    def mtime(label: str) -> float:
        try:
            return (folder / label).stat().st_mtime
        except OSError:
            return 0.0
    return mtime


def update_workbook(wb, records: list[SummaryRecord], batch: str | None, now: datetime | None,
                    force: bool = False, mtime: Callable[[str], float] | None = None) -> SummaryUpdate:
    """Apply the records to an openpyxl summary workbook (file job and open-book job alike)."""
    from ..adapters.xlsx.summary_book import apply_records, stats_sheet
    from ..engine.summary import choose_versions, cross_application

    records = choose_versions(records, mtime)
    update = apply_records(wb, records, cross_application(records), batch, now or datetime.now())
    if update.changed or force:
        stats_sheet(wb, _stats_rows(wb), by="前置条件")
        print_summary_columns(wb)
    return update


def print_summary_columns(wb) -> None:
    """Print the thirteen 附件4 columns and 前置条件/自动评分/问题 on A4 landscape; the rest is for screens."""
    from openpyxl.utils import get_column_letter

    from ..adapters.xlsx.summary_book import SummaryBook

    book = SummaryBook(wb)
    last = max(book.cols[c] for c in ("市州评分", "前置条件", "自动评分", "问题"))
    book.ws.print_area = f"A1:{get_column_letter(last)}{max(book.r1, book.total_row or 0, book.ws.max_row)}"


def _stats_rows(wb) -> list[tuple[str, str, str]]:
    from ..adapters.xlsx.summary_book import WITHDRAWN, SummaryBook

    book = SummaryBook(wb)
    rows = []
    for r in book.project_rows():
        if book.get(r, "状态") == WITHDRAWN:
            continue
        rows.append((book.get(r, "前置条件") or "未检查", book.get(r, "项目类型") or "", ""))
    return rows
