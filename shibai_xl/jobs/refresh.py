"""``shibai refresh``: one button from a folder of application workbooks to the 项目汇总表.

Unchanged files are not read again: each file's summary record is cached next to
the summary under its SHA-256 (size and mtime alone can miss a change), so a
second refresh costs a hash per file. A file that cannot be read never stops the
refresh; it is listed on the 问题文件 sheet with the reason.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import rules as year_rules
from ..adapters.file_names import file_label
from ..adapters.files import ensure_writable, held_lock, remove_stale_temps, side_file, write_atomic
from ..adapters.signed_cache import read_signed, write_signed
from ..adapters.xlsx.renamed import refuse_renamed, require_xlsx
from ..engine.summary import (
    TEXT_LISTS,
    SummaryRecord,
    SummaryUpdate,
    Times,
    choose_versions,
    left_out,
    not_read,
    other_form_record,
    unreadable_record,
)
from ..errors import BadOption, UnreadableInput, why
from ..version import __version__, code_fingerprint
from .in_processes import few_processes
from .next_steps import COMMAND_LINE, NextSteps
from .workbook_files import (
    LIST_TYPE,
    SKIPPED_TYPE,
    ReadJob,
    file_hash,
    file_times,
    folder_files,
    odd_tail_line,
    opened_line,
    others_line,
    skipped_line,
    stat_of,
    unchanged_since_hashed,
)

# Start-up: a refresh with nothing changed only hashes files. Reading (the reader, the checker) and
# updating the summary (openpyxl) are in read_applications.py and summary_update.py, imported inside
# the two functions that need them, because their imports cost more than that whole refresh.

Progress = Callable[[int, int, str], None]
# 2: resident keys joined into one string (SummaryRecord.to_dict); 3: digests of coded residents' names;
# 4: marshal instead of JSON (a province's 12 MB cache: 9 ms to write and read instead of 120);
# 5: 填表时间 typed to the month kept as "2024-04" (SummaryRecord.fill_date), not as its 1st day
# 6: the separate 附件3 workbooks beside an application with its own list (SummaryRecord.lists_beside)
# 7: another applicant's form on another sheet, not read (SummaryRecord.forms_unread)
CACHE_FORMAT = 7
LEGACY_CACHE_SUFFIX = ".shibai-cache.json"   # what format 3 and earlier were called


def cache_version() -> str:
    """Cached records hold verdicts and scores: valid for this installation of the tool (its code and rule files as
    they are: an update that kept the version number still makes them stale) under the same rules, written by the
    same Python (marshal's own format may change between Python versions)."""
    return (f"{__version__}+{code_fingerprint()}/{year_rules.fingerprint()}/{CACHE_FORMAT}"
            f"/py{sys.version_info[0]}.{sys.version_info[1]}")


def cache_path(summary: Path) -> Path:
    return side_file(summary, ".shibai-cache")


def encode_cache(data: dict) -> bytes:
    """The cache's payload: plain dicts, lists, texts and numbers in marshal's format. It is read back only
    when this user's key signed it (``adapters/signed_cache.py``): marshal is not for data from others."""
    try:
        return marshal.dumps(data, 4)
    except ValueError:   # a value of a kind marshal does not write (a text subclass): as JSON would give it back
        return marshal.dumps(json.loads(json.dumps(data, ensure_ascii=False)), 4)


def decode_cache(payload: bytes) -> dict:
    """:func:`encode_cache` undone; {} for anything else (another format, a cache of another version)."""
    try:
        data = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == cache_version() else {}


def _load_cache(path: Path) -> dict:
    """The last refresh's cache, when this user's tool wrote it for this version."""
    payload = read_signed(path)
    return {} if payload is None else decode_cache(payload)


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
    adopt_notes: list[str] = field(default_factory=list)   # what taking it over changed (amounts in 元 → 万元)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (file, kind): summaries etc. in the folder
    others: list[str] = field(default_factory=list)   # files that are no workbook (申报书, 证明材料), not read
    # (file, why) of another applicant's form on another sheet of a file read ("申报表(2)"), not read (FILE_OTHER_FORM)
    other_forms: list[tuple[str, str]] = field(default_factory=list)
    odd_tails: str = ""   # the line on the workbooks read whose name ends with a space or a dot
    opened: list[str] = field(default_factory=list)   # applications another program has open (a lock beside them)
    set_aside: list[str] = field(default_factory=list)   # forms read from a subfolder named for withdrawn ones

    @property
    def incomplete(self) -> bool:
        """An application could not be read, or projects stand under the 合计/填报人 line where the city's counts
        leave them out: said loudly (exit 1, a warning in the add-ins)."""
        return bool(self.unreadable or self.other_forms or self.update.outside or self.update.nameless)

    @property
    def not_read(self) -> str:
        """"1 个文件未能读取，1 个文件中另有申报表未读取": what of the folder the summary leaves out."""
        return not_read(len(self.unreadable), forms=len({f for f, _ in self.other_forms}))

    def describe(self) -> str:
        u = self.update
        lines = [f"汇总表：{self.summary}" + ("（新建）" if self.created else "")]
        if self.adopted:
            lines.append(f"原表是手工制作的附件4，已改为本工具的汇总表（原文件备份为 {self.summary.name}.bak）："
                         f"原有 {sum(self.adopted)} 行中 {self.adopted[0]} 行对应到申报表，"
                         f"{self.adopted[1]} 行没有对应的申报表，原样保留。")
            lines += self.adopt_notes
        lines.append(f"申报表 {self.files} 份（重新读取 {self.read} 份，未改动跳过 {self.cached} 份）；"
                     f"新增 {u.added} 行，更新 {u.updated} 行，未变 {u.unchanged} 行，标记已撤回 {u.withdrawn} 行；"
                     f"汇总表与申报表不一致 {u.mismatches} 处。")
        if self.lists:
            lines.append(f"另有入驻企业名单 {self.lists} 份，已对应到各自的申报表。")
        if self.skipped:
            lines.append(skipped_line(self.skipped))
        if self.others:
            lines.append(others_line(self.others))
        if self.odd_tails:
            lines.append(self.odd_tails)
        if self.opened:
            lines.append(opened_line(self.opened))
        if self.set_aside:
            lines.append(f"子文件夹的名称像是放已撤回、作废申报表的，其中 {len(self.set_aside)} 份申报表照常汇总"
                         f"（刷新读取申报表文件夹及其所有子文件夹）：{'、'.join(self.set_aside)}。这些项目如不再申报，"
                         "请把它们的申报表移出申报表文件夹后再刷新（这一行会标为“已撤回”）")
        if self.unreadable or self.other_forms:
            forms = len({f for f, _ in self.other_forms})
            said = "；".join(x for x in (f"无法读取 {len(self.unreadable)} 份" if self.unreadable else "",
                                         f"{forms} 个文件中另有申报表未读取" if forms else "") if x)
            lines.append(f"{said}（见“问题文件”表），汇总表不完整"
                         + (f"；其中 {u.kept} 份原有的行保留上次数据" if u.kept else "") + "：")
            lines += [f"  • {f}：{why}" for f, why in self.unreadable + self.other_forms]
        lines += u.notes
        # which rows the counts above are: else the clerk searches the table for them (said after the notes, which
        # name some of the same projects for other reasons first)
        if u.gone:
            lines.append(f"本次标为“已撤回” {len(u.gone)} 个项目（申报表已不在文件夹中；这一行保留、不计入统计，“问题”列已注明；"
                         "申报表放回文件夹后再刷新即恢复）：" + "、".join(u.gone))
        if u.back:
            lines.append(f"本次恢复为“有效” {len(u.back)} 个项目（不再标为已撤回，计入统计）：" + "、".join(u.back))
        if u.city_changed:   # a form sent again with other figures: under a score typed on the earlier ones
            lines.append(f"按申报表更新了数据的项目 {len(u.city_changed)} 个（与上次刷新时不同）："
                         + "；".join(u.city_changed))
        if not u.changed and not self.created and not self.adopted:   # a summary taken over is always rewritten
            lines.append("汇总表内容没有变化，文件未改写。")
        return "\n".join(lines)


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
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (file, kind) of summaries and tool outputs
    read_labels: set[str] = field(default_factory=set)             # the files read this time (not from the cache)
    others: list[str] = field(default_factory=list)                # files that are no workbook and no archive
    opened: list[str] = field(default_factory=list)                # workbooks open elsewhere (a lock beside them)
    paths: dict[str, Path] = field(default_factory=dict)           # file label → the file (a GBK name: not its label)
    names: dict | None = None   # the shared residents' names this refresh said (resident_names.Known), None: none asked

    def resident_names(self, wanted: dict[str, list[str]]) -> dict[str, str]:
        """The names of the residents an XC_CROSS_APP gives by their code (``engine.summary.ResidentNames``)."""
        from .resident_names import find_names  # start-up: only when two lists share a company

        if self.names is None:
            self.names = {}
        return find_names(wanted, self.paths, self.entries, self.loaded.get("shared_names"), self.names)

    def file_times(self, folder: Path) -> Times:
        """:func:`.workbook_files.file_times` of the files read, found by their labels."""
        return file_times(lambda label: self.paths.get(label) or folder / label)

    @property
    def previous_summary(self) -> tuple[str, str] | None:
        """(SHA-256 of the summary, fingerprint) stored after the last refresh."""
        pair = self.loaded.get("summary_sha256")
        return tuple(pair) if isinstance(pair, list) and len(pair) == 2 else None

    @property
    def nothing_new(self) -> bool:
        """Every record is what the last refresh had: cached, or failing again for the same reason."""
        return self.read == self.failed_again

    @property
    def previous_said(self) -> tuple[int, list[str]]:
        """(disagreements, standing notes) the last refresh said of the summary it left: a refresh that finds
        nothing new says them again."""
        said = self.loaded.get("summary_said")
        if not isinstance(said, dict) or not isinstance(said.get("mismatches"), int):
            return 0, []
        return said["mismatches"], [n for n in said.get("notes") or [] if isinstance(n, str)]

    @property
    def previous_settled(self) -> dict[str, str]:
        """The rows the last refresh left with nothing to say again, by state key → what each read (summary_apply)."""
        marks = self.loaded.get("summary_settled")
        return {k: v for k, v in marks.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(
            marks, dict) else {}

    def save_cache(self, summary_pair: tuple[str, str] | None, said: tuple[int, list[str]] = (0, []),
                   settled: dict[str, str] | None = None) -> None:
        """Write the cache once, and only when it changed; the cache only saves time, so errors are ignored.

        Failed reads are never used instead of reading a file again (a file read while it was being
        copied fails once); they are kept only to tell that a refresh found nothing new."""
        data = {"version": cache_version(), "files": self.entries, "failed": self.failed,
                "summary_sha256": list(summary_pair) if summary_pair else None,
                "summary_said": {"mismatches": said[0], "notes": list(said[1])} if summary_pair else None,
                "summary_settled": dict(settled) if summary_pair and settled else None,
                # the few names a refresh said of shared residents: those of the last one that said them
                "shared_names": self.loaded.get("shared_names") if self.names is None else self.names or None}
        if self.cache_file is None or data == self.loaded:
            return
        try:
            write_signed(self.cache_file, encode_cache(data))
            legacy = self.cache_file.with_name(self.cache_file.name.removesuffix(".shibai-cache") + LEGACY_CACHE_SUFFIX)
            legacy.unlink(missing_ok=True)    # an earlier version's cache of this summary: never read again
        except OSError:
            pass

    def fingerprint(self, batch: str | None, city: str | None = None) -> str:
        """What a summary refreshed from these files looks like: every file's SHA-256, the batch and the --city
        (another 市（州） given for the same files is checked against the summary's title, not skipped)."""
        listing = sorted(self.digests.items())
        given = [cache_version(), batch, listing] + ([city] if city else [])
        return hashlib.sha256(json.dumps(given, ensure_ascii=False).encode()).hexdigest()


def _folder_digest(paths: list[Path], labels: dict[Path, str], digests: dict[str, str],
                   texts: list[tuple[str, str]] = ()) -> str:
    listing = sorted([*((labels[p], digests.get(labels[p], "")) for p in paths), *texts])
    return hashlib.sha256(json.dumps(listing, ensure_ascii=False).encode()).hexdigest()


def _text_digest(path: Path) -> str:
    try:
        return file_hash(path)
    except OSError:
        return "?"


def _lists_taken(records: Iterable[SummaryRecord]) -> set[str]:
    """The separate resident lists (their paths as records name files) that an application took or claims."""
    return {str(Path(r.file).parent / name) for r in records for name in [r.resident_file, *r.lists_beside] if name}


def linked_lists(records: list[SummaryRecord]) -> tuple[list[SummaryRecord], int]:
    """Records without the separate resident lists (each linked to its application, or, when no application
    took it, reported as a problem file); and how many lists were linked."""
    used = _lists_taken(records)
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
    """Every workbook under ``folder``: its record from the cache when its SHA-256 is unchanged, else read."""
    listing = folder_files(folder, exclude={summary.resolve()})
    files = listing.workbooks
    cache_file = cache_path(summary)
    cache = _load_cache(cache_file)
    entries = cache.get("files", {})
    new_entries: dict[str, dict] = {}
    records: dict[str, SummaryRecord] = {}
    to_read: list[ReadJob] = []
    digests: dict[str, str] = {}
    near: dict[Path, list[Path]] = {}      # each folder's workbooks
    for p in files:
        near.setdefault(p.parent, []).append(p)
    stats: dict[str, list[int]] = {}
    labels = {p: file_label(p, folder) for p in files}   # once: relative_to is slow, and asked for five times
    for path in files:
        label = labels[path]
        try:
            digests[label], stats[label] = _digest(path, entries.get(label))
        except OSError as e:
            records[label] = unreadable_record(label, f"无法打开文件（{why(e)}）")
    # a 附件3 sent as CSV is said in its park's record (resident_list.with_text_tables): one arriving, changed or gone
    # is a new folder for the park's cached record too
    texts: dict[Path, list[tuple[str, str]]] = {}
    for p in listing.others:
        if p.name.lower().endswith(TEXT_LISTS) and p.parent in near:
            texts.setdefault(p.parent, []).append((file_label(p, folder), _text_digest(p)))
    folder_sha = {d: _folder_digest(ps, labels, digests, texts.get(d, [])) for d, ps in near.items()}
    for i, path in enumerate(files, 1):
        label = labels[path]
        if label in records:
            continue
        hit = entries.get(label)
        cached = _cached_record(hit, digests[label], folder_sha[path.parent])
        if cached is not None:
            records[label] = cached
            new_entries[label] = hit if hit.get("stat") == stats[label] else {**hit, "stat": stats[label]}
            if progress:
                progress(i, len(files), label)
        else:
            to_read.append((path, label, digests[label], near[path.parent], stats[label]))
    cached = len(records)
    failed, failed_again = {}, 0
    if to_read:
        workers = workers if workers is not None else 1 if few_processes() else min(4, os.cpu_count() or 1)
        failed, failed_again = _read_into(records, new_entries, digests, to_read, workers, progress, cached, len(files),
                                          old_failed=cache.get("failed") or {}, folder=folder, folder_sha=folder_sha,
                                          stats=stats)
    again = _lists_owners_cached(records, to_read, near, labels, digests, stats)
    again += [job for job in _text_lists_owners_cached(records, listing.others, folder, near, labels, digests, stats,
                                                       to_read) if all(job[1] != a[1] for a in again)]
    if again:   # a list came beside a park/base read before with a list of its own: theirs, read them once more
        more_failed, more_again = _read_into(records, new_entries, digests, again, 1, None, cached, len(files),
                                             old_failed=cache.get("failed") or {}, folder=folder,
                                             folder_sha=folder_sha, stats=stats)
        failed, failed_again, to_read = {**failed, **more_failed}, failed_again + more_again, [*to_read, *again]
    every = [records[labels[p]] for p in files]
    ordered, lists = linked_lists([r for r in every if r.type != SKIPPED_TYPE])
    archives = [unreadable_record(label, reason) for _, label, reason in listing.unread_labelled(folder)]
    others = _not_taken([file_label(p, folder) for p in listing.others], every)
    texts = [p for p in listing.others if p.name.lower().endswith(TEXT_LISTS) and file_label(p, folder) in others]
    if texts:   # a list exported as CSV no application read: as a list workbook would be (start-up: rare)
        from ..adapters.xlsx.resident_list import text_table_problems

        problems = {file_label(p, folder): said for p, said in text_table_problems(texts, year_rules.load()).items()}
        archives += [unreadable_record(label, reason) for label, reason in problems.items()]
        others = [x for x in others if x not in problems]
    # "申报表(2)" filled for another applicant in a file read (or cached) as one application: listed as not read
    # each time, from the file's own record (one record a file, cached under the file's SHA-256 as any other)
    forms = [other_form_record(r.file, reason) for r in ordered for reason in r.forms_unread]
    return Collected(ordered + forms + archives, len(to_read), cached, digests, cache_file, cache, new_entries, failed,
                     failed_again, lists, skipped=[(r.file, r.note) for r in every if r.type == SKIPPED_TYPE],
                     read_labels={job[1] for job in to_read} | {r.file for r in every + archives if r.error},
                     others=others, paths={labels[p]: p for p in files},
                     opened=[labels[p] for p in listing.opened if records[labels[p]].type != SKIPPED_TYPE])


def _not_taken(others: list[str], records: Iterable[SummaryRecord]) -> list[str]:
    """The labels of the files that are no workbook, less the resident lists exported as CSV an application read:
    those were read, not left unread."""
    taken = {Path(x) for x in _lists_taken(records)}
    return [x for x in others if Path(x) not in taken]


def _lists_owners_cached(records: dict[str, SummaryRecord], read: list[ReadJob], near: dict[Path, list[Path]],
                         labels: dict[Path, str], digests: dict[str, str], stats: dict[str, list[int]]
                         ) -> list[ReadJob]:
    """The park/base applications taken from the cache with a list of their own, in a folder where a separate
    resident list no application took was read this time (new or changed): that list may be theirs (sent as
    well), which only reading them again tells. A list read before and still nobody's was already offered to
    them: a refresh with nothing new reads nothing again."""
    done = {job[1] for job in read}
    if not done:    # nothing read: no list came (and the rules, a tenth of a no-change refresh, are not loaded)
        return []
    used = _lists_taken(records.values())
    folders = {d for d in near for p in near[d] if labels[p] in done and labels[p] not in used
               and records.get(labels[p]) and records[labels[p]].type == LIST_TYPE}
    if not folders:
        return []
    rules = year_rules.load()
    return [_job(p, labels, digests, near, stats) for d in folders for p in near[d]
            if labels[p] not in done and _lists_owner(records.get(labels[p]), rules)]


def _lists_owner(rec: SummaryRecord | None, rules) -> bool:
    """Whether a record read before is a park/base application with a list of its own (one a list may belong to)."""
    return rec is not None and not rec.error and rules.has_resident_list(rec.type) and bool(rec.residents)


def _job(p: Path, labels: dict[Path, str], digests: dict[str, str], near: dict[Path, list[Path]],
         stats: dict[str, list[int]]) -> ReadJob:
    """The reading of workbook ``p`` once more."""
    return p, labels[p], digests[labels[p]], near[p.parent], stats[labels[p]]


def _text_lists_owners_cached(records: dict[str, SummaryRecord], others: list[Path], folder: Path,
                              near: dict[Path, list[Path]], labels: dict[Path, str], digests: dict[str, str],
                              stats: dict[str, list[int]], read: list[ReadJob]) -> list[ReadJob]:
    """The park/base applications taken from the cache with a list of their own that a 附件3 exported as CSV beside
    them, which no application took, names: sent as well (as :func:`_lists_owners_cached` for a list workbook), which
    only reading them again tells — else the CSV would be called a list without its application."""
    texts = [p for p in others if p.name.lower().endswith(TEXT_LISTS) and p.parent in near]
    used = {Path(x) for x in _lists_taken(records.values())} if texts else set()
    left = [p for p in texts if Path(file_label(p, folder)) not in used]
    if not left:
        return []
    from ..adapters.xlsx.resident_list import ResidentList, classify  # start-up: rare (a CSV list nobody took)

    rules = year_rules.load()
    done = {job[1] for job in read}
    out: dict[str, ReadJob] = {}
    for p in left:
        kind = classify(p, rules)
        if not isinstance(kind, ResidentList):
            continue
        for q in near[p.parent]:
            rec = records.get(labels[q])
            if labels[q] in done or not _lists_owner(rec, rules):
                continue
            if any(part.names(rec.columns.get("企业名称"), rec.operator) for part in kind.parts()):
                out[labels[q]] = _job(q, labels, digests, near, stats)
    return list(out.values())


_now_ns = time.time_ns


def _digest(path: Path, hit: object) -> tuple[str, list[int]]:
    """The file's SHA-256 and what ``stat`` said of it when it was hashed (``[*stat_of, hashed_at]``): the
    cached SHA-256 when stat proves the file unchanged since it was hashed (:func:`unchanged_since_hashed`),
    else hashed now."""
    now = stat_of(path)
    try:
        known = hit.get("stat")    # type: ignore[union-attr]
        if unchanged_since_hashed(now, known) and isinstance(hit["sha256"], str):
            return hit["sha256"], known
    except (AttributeError, IndexError, KeyError, TypeError):
        pass
    hashed_at = _now_ns()
    return file_hash(path), [*now, hashed_at]


def _cached_record(hit: object, digest: str, folder_sha: str) -> SummaryRecord | None:
    """The cached record of a file whose SHA-256 is unchanged (and its folder's, when its list may be there);
    None for anything else, an entry this version cannot read included (it is then read again)."""
    try:
        if (hit and hit.get("sha256") == digest and not hit["record"].get("error")
                and hit.get("folder") in (None, folder_sha)):
            return SummaryRecord.from_dict(hit["record"])
    except (AttributeError, KeyError, TypeError, ValueError):
        pass
    return None


def _read_into(records: dict[str, SummaryRecord], entries: dict[str, dict], digests: dict[str, str],
               to_read: list, workers: int, progress: Progress | None, done: int, total: int,
               old_failed: dict, folder: Path, folder_sha: dict[Path, str], stats: dict[str, list[int]]
               ) -> tuple[dict[str, list], int]:
    """Read the files not cached; their records and cache entries go into ``records`` and ``entries``.
    Returns this run's failed reads and how many of them failed exactly as last time."""
    from .read_applications import read_many  # start-up: the reader and checker, only when a file must be read

    failed: dict[str, list] = {}
    failed_again = 0
    for rec, digest in read_many(to_read, workers, progress, done, total):
        records[rec.file] = rec
        if digest is not None:
            digests[rec.file] = digest
        if rec.error:
            failed[rec.file] = [digests[rec.file], rec.error]
            failed_again += old_failed.get(rec.file) == failed[rec.file]
        elif digest is not None:
            entry = entries[rec.file] = {"sha256": digest, "record": rec.to_dict(), "stat": stats[rec.file]}
            if year_rules.load().has_resident_list(rec.type) and (rec.resident_file or not rec.residents
                                                                  or rec.lists_beside):
                # its resident list may be (or become) a separate workbook next to it
                entry["folder"] = folder_sha[(folder / rec.file).parent]
    return failed, failed_again


def _require_folder(folder: Path) -> None:
    if folder.is_file():   # --from 申报表.xlsx: the folder it lies in is meant
        raise UnreadableInput(f"--from 要给申报表所在的文件夹，“{folder.name}”是一个文件：请写 --from {folder.parent}")
    if not folder.is_dir():
        raise UnreadableInput(f"找不到申报表文件夹：{folder}")


def gather(folder: Path, summary: Path, progress: Progress | None = None,
           workers: int | None = None) -> tuple[RefreshReport, Collected]:
    """The first half of every refresh, of a file or of the workbook open in Excel/WPS: the folder's records
    (read, or cached) and the report's counts. Raises a ShibaiError, so that nothing is written, when there
    is nothing to summarise (no folder, no workbook in it, or none readable)."""
    _require_folder(folder)
    report = RefreshReport(summary=summary)
    collected = collect_records(folder, summary, progress, workers)
    records = collected.records
    # files, not records: a file holding another applicant's form, not read, has a second (unreadable) record
    report.lists, report.files = collected.lists, len({r.file for r in records})
    # the applications among the files read (a summary or a resident list beside them is not one)
    report.read = len({r.file for r in records if r.file in collected.read_labels})
    report.cached = report.files - report.read
    report.unreadable, report.other_forms = left_out(records)
    report.skipped, report.others, report.opened = collected.skipped, collected.others, collected.opened
    report.odd_tails = odd_tail_line(sorted({r.file for r in records if not r.error}))
    if not records:
        raise UnreadableInput(f"文件夹“{folder}”里没有申报表工作簿（.xlsx 等），汇总表未改动。请检查文件夹是否选对。"
                              + (f"\n{skipped_line(collected.skipped)}" if collected.skipped else ""))
    if len(report.unreadable) == len(records):
        raise UnreadableInput(f"文件夹“{folder}”里的 {len(records)} 份文件都无法读取，汇总表未改动：\n"
                              + "\n".join(f"  • {f}：{why}" for f, why in report.unreadable))
    return report, collected


def update_book(report: RefreshReport, wb, collected: Collected, folder: Path, batch: str | None,
           now: datetime | None, force: bool = False, steps: NextSteps = COMMAND_LINE, untouched: bool | None = None
           ) -> None:
    """The second half of every refresh: the records into the summary workbook ``wb`` (openpyxl); ``steps``: the
    face's words for what to do next; ``untouched``: a summary file's refresh (not the open book's), whether the file
    is byte for byte the one the last refresh wrote: its rows settled then are left as they are."""
    from .summary_update import update_workbook  # start-up: openpyxl, only when the summary may change

    if collected.names is None:
        collected.names = {}   # the names this refresh says are kept, no others
    report.update = update_workbook(wb, collected.records, batch, now, force=force, when=collected.file_times(folder),
                                    steps=steps, untouched=bool(untouched),
                                    settled=None if untouched is None else collected.previous_settled,
                                    names=collected.resident_names)


def refresh(summary: str | Path, folder: str | Path, batch: str | None = None, city: str | None = None,
            progress: Progress | None = None, now: datetime | None = None, workers: int | None = None,
            steps: NextSteps = COMMAND_LINE) -> RefreshReport:
    """Update ``summary`` from the applications in ``folder``. Raises a ShibaiError, writing nothing, when there is
    nothing to summarise (no workbook in the folder, or none readable). ``steps``: the face's words for what to do
    next."""
    summary, folder = Path(summary), Path(folder)
    if city is not None:
        city = _city_option(city)
    if batch is not None and not CANONICAL_BATCH.fullmatch(batch):
        batch = _batch_option(batch)   # "5月", "2024年5月" → "2024-05"; a typo refused before any file is read
    _require_folder(folder)
    if summary.suffix.lower() != ".xlsx":
        require_xlsx(summary, "汇总表")
    refuse_renamed(summary)
    ensure_writable(summary)
    with held_lock(summary):       # a second refresh of the same summary waits for nobody: it is refused
        remove_stale_temps(summary.parent)
        return _refresh_locked(summary, folder, batch, city, progress, now, workers, steps)


# words of a subfolder's name a clerk made for the forms she put aside (“已撤回”, “放弃申报”, “作废”)
SET_ASIDE = ("撤回", "撤销", "放弃", "退出", "取消", "不再申报", "作废", "退回", "不报送", "不推荐")


def set_aside(records: list[SummaryRecord]) -> list[str]:
    """The forms read from a subfolder whose name says the applications in it are put aside (“已撤回/企业.xlsx”): a
    refresh reads every subfolder, so they are summarised as any other — said, the clerk meaning otherwise.

    >>> rec = lambda file: SummaryRecord(file, "k", "team", {}, "达标", 90, [])
    >>> set_aside([rec("已撤回/甲.xlsx"), rec("南明区/乙.xlsx"), rec("丙.xlsx"), rec("南明区/作废的/丁.xlsx")])
    ['已撤回/甲.xlsx', '南明区/作废的/丁.xlsx']
    """
    return [r.file for r in records if "/" in r.file and not r.error and any(
        w in d for d in r.file.split("/")[:-1] for w in SET_ASIDE)]


# "2024-05", as the README writes it: its month is checked against the notice's 申报时间 only once the refresh
# must write (a refresh with nothing new, whose last run took this batch, loads no rules: a tenth of its time)
CANONICAL_BATCH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _batch_option(batch: str) -> str:
    from ..engine.batches import batch_option  # start-up: only when --batch must be read

    return batch_option(batch)


def _city_option(city: str) -> str:
    """``--city`` as typed ("贵阳", "黔东南州") → the 市（州）'s full name for the title; anything else is refused:
    a title naming no 市（州） of Guizhou ("北京市", a typo) would silently switch off the check that every
    application belongs to this 市（州）."""
    from ..engine.fields import CITIES
    from ..engine.review import city_name  # start-up: only when --city is given

    full = city_name(city)
    if full is None:
        raise BadOption(f"不认识的市（州）“{city}”，汇总表未改动。可用：{'、'.join(CITIES)}")
    return full


def _refresh_locked(summary: Path, folder: Path, batch: str | None, city: str | None, progress: Progress | None,
                    now: datetime | None, workers: int | None, steps: NextSteps = COMMAND_LINE) -> RefreshReport:
    report, collected = gather(folder, summary, progress, workers)
    report.set_aside = set_aside(collected.records)
    fingerprint = collected.fingerprint(batch, city)
    written = collected.previous_summary   # (its hash, fingerprint) as the last refresh wrote it, with this version
    untouched = summary.exists() and written is not None and written[0] == file_hash(summary)
    if untouched and collected.nothing_new and written[1] == fingerprint:
        # rows, as a refresh that writes counts them: two versions of one application are one row
        report.update.unchanged = len([r for r in choose_versions(collected.records, collected.file_times(folder))
                                       if not r.error and r.key])
        report.update.mismatches, report.update.standing = collected.previous_said
        report.update.notes += report.update.standing
        collected.save_cache(collected.previous_summary, collected.previous_said, collected.previous_settled)
        return report  # nothing new read, nothing changed, the summary is as the tool left it
    if batch is not None:
        batch = _batch_option(batch)    # 2023-05, 2024-13 … refused, nothing written
        fingerprint = collected.fingerprint(batch, city)
    from ..adapters.xlsx.formula_results import save_with_results
    from ..adapters.xlsx.whole_ranges import dropped_said
    from .summary_update import (  # start-up: openpyxl, only when it may change
        adopted_counts,
        formulas_saved_without_results,
        open_summary,
    )

    wb, adopted, retitled = open_summary(summary, city, steps)
    report.created = not summary.exists()
    update_book(report, wb, collected, folder, batch, now, force=report.created or adopted is not None or bool(retitled),
                steps=steps, untouched=untouched and adopted is None)
    if retitled and not report.created:   # rows unchanged: the title alone is the change written
        report.update.notes.append(f"汇总表标题已按 --city 改为“{retitled}”")
    if adopted is not None:
        report.adopted, report.adopt_notes = adopted_counts(wb, adopted), adopted.notes
    if report.update.changed or report.created or adopted is not None:
        report.update.notes += formulas_saved_without_results(wb)
        report.update.notes += dropped_said(wb, summary.name, "刷新")
        write_atomic(summary, lambda tmp: save_with_results(wb, tmp))
    # a summary with projects typed outside its table, or without a name, is opened again next time: said again
    unsaid = report.update.outside or report.update.nameless
    collected.save_cache((file_hash(summary), fingerprint) if summary.exists() and not unsaid else None,
                         (report.update.mismatches, report.update.standing), report.update.settled)
    return report
