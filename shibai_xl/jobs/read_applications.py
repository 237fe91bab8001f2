"""Reading application workbooks into summary records, in worker processes when there are many.

Imported by :mod:`shibai_xl.jobs.refresh` only when some file must be read: a refresh with nothing
changed never loads the reader, the checker or openpyxl (their imports cost more than that refresh).
"""
from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..adapters.xlsx.book_kinds import OtherWorkbook
from ..adapters.xlsx.isolation import isolate_reader
from ..adapters.xlsx.reader import NotAnApplication
from ..adapters.xlsx.resident_list import is_resident_list, read_with_residents
from ..engine.check import check
from ..engine.parse import uscc
from ..engine.summary import SummaryRecord, record_from_result, unreadable_record
from ..errors import ShibaiError, why
from ..rules import load
from .in_processes import end_with_parent
from .workbook_files import LIST_TYPE, SKIPPED_TYPE, ReadJob, file_hash, stat_of, unchanged_since_hashed

Progress = Callable[[int, int, str], None]
PARALLEL_MIN = 8  # fewer files than this are read in this process
WORKER_GC_THRESHOLD = 20_000   # allocations between two young-generation collections in a reading worker
READ_ATTEMPTS = 3  # a file that changes while it is read (being copied) is read again, this many times in all
CHANGING = "文件在读取时被改动（可能正在复制或保存），本次未汇总；请等复制或保存完成后再刷新"


def read_record(path: Path, label: str, siblings: list[Path] = ()) -> SummaryRecord:
    """One application file's summary record; never raises for a bad file. ``siblings``: the workbooks of
    its folder, where a park/base application's separate resident list may be."""
    try:
        rules = load()
        return record_from_result(check(read_with_residents(path, rules, siblings), rules), label)
    except OtherWorkbook as e:   # a summary or the tool's output next to the applications: skipped, said so
        return SummaryRecord(file=label, key="", type=SKIPPED_TYPE, columns={}, status="", score=0.0, problems=[],
                             note=e.kind)
    except NotAnApplication as e:
        if is_resident_list(path, load()):
            return SummaryRecord(file=label, key="", type=LIST_TYPE, columns={}, status="", score=0.0, problems=[])
        return unreadable_record(label, str(e))
    except ShibaiError as e:   # unreadable (or any other refusal): listed, the batch goes on
        return unreadable_record(label, str(e))
    except Exception as e:  # a file that breaks the engine must not stop the batch
        return unreadable_record(label, f"处理时出错（{why(e)}），请检查该文件")


def read_stable(path: Path, label: str, digest: str, siblings: list[Path] = (), hashed: list[int] | None = None
                ) -> tuple[SummaryRecord, str | None]:
    """Read a file whose SHA-256 was ``digest`` (when stat said ``hashed``, ``[*stat_of, hashed_at]``) and make
    sure afterwards that it was those bytes that were read: (record, the SHA-256 it was read at), or (record,
    None) when it kept changing under us — such a record must not be cached. Where stat proves the file
    unchanged since it was hashed (:func:`.workbook_files.unchanged_since_hashed`) it is not hashed again."""
    for _ in range(READ_ATTEMPTS):
        rec = read_record(path, label, siblings)
        try:
            if hashed is not None and unchanged_since_hashed(stat_of(path), hashed):
                return rec, digest
            after = file_hash(path)
        except OSError as e:
            return unreadable_record(label, f"无法打开文件（{why(e)}）"), None
        if after == digest:
            return rec, digest
        digest, hashed = after, None
    return unreadable_record(label, CHANGING), None


_FOLDERS: dict[str, list[Path]] = {}   # in a worker process: each folder's workbooks, sent once, not with every file


def _start_helper(parent: int, folders: dict[str, list[str]]) -> None:
    end_with_parent(parent)
    # a reader allocates much and almost nothing that forms a cycle: the default threshold has the cyclic
    # collector walk the young objects hundreds of times per 100 files (the heap inherited is frozen)
    gc.set_threshold(WORKER_GC_THRESHOLD, 50, 100)
    isolate_reader()
    _FOLDERS.clear()
    _FOLDERS.update({folder: [Path(p) for p in paths] for folder, paths in folders.items()})


def _read_one(args: tuple[str, str, str, str, list[int]]) -> tuple[dict, str | None]:
    rec, digest = read_stable(Path(args[0]), args[1], args[2], _FOLDERS.get(args[3], []), args[4])
    return rec.to_dict(), digest


def read_many(jobs: list[ReadJob], workers: int, progress: Progress | None, done: int,
              total: int) -> Iterator[tuple[SummaryRecord, str | None]]:
    """Read files, in parallel processes when there are enough of them; yields (record, digest) in order.
    The reader and checker are imported (with this module) and the rules and code tables loaded before forking,
    so that the worker processes share them instead of each loading them again."""
    load()
    uscc.load_tables()
    before = gc.get_threshold()
    gc.set_threshold(WORKER_GC_THRESHOLD, 50, 100)    # as in the helpers, for the files read here
    try:
        yield from _read_all(jobs, workers, progress, done, total)
    finally:
        gc.set_threshold(*before)


def _read_all(jobs: list[ReadJob], workers: int, progress: Progress | None, done: int,
              total: int) -> Iterator[tuple[SummaryRecord, str | None]]:
    given = 0
    if workers > 1 and len(jobs) >= PARALLEL_MIN:
        from concurrent.futures.process import BrokenProcessPool  # start-up: a refresh of one changed file reads here

        try:
            for item in _read_in_processes(jobs, workers):
                given += 1
                if progress:
                    progress(done + given, total, jobs[given - 1][1])
                yield item
            return
        except (OSError, RuntimeError, BrokenProcessPool):
            # no processes here (restricted machine, embedded interpreter), or a helper died — a sheet reaching so
            # far that calamine's grid did not fit (isolation.py), or the process was killed: the rest one by one
            pass
    for i, (path, label, digest, near, hashed) in enumerate(jobs[given:], given):
        if progress:
            progress(done + i + 1, total, label)
        yield read_stable(path, label, digest, near, hashed)


def _read_in_processes(jobs: list[ReadJob], workers: int) -> Iterator[tuple[SummaryRecord, str | None]]:
    """The records of ``jobs`` in order, read by ``workers`` forked helpers (a BrokenProcessPool when one dies:
    the caller reads the rest here, where every sheet's extent is checked before calamine sees it)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    # a file's siblings (its folder's workbooks) go to each worker once: sent with every file, a folder of
    # 1000 workbooks cost a million paths pickled and rebuilt
    near_of = {str(job[0].parent): job[3] for job in jobs}
    folders = {folder: [str(n) for n in near] for folder, near in near_of.items()}
    # a few chunks per worker and round: fewer messages between the processes, progress still moving
    size = max(4, min(32, len(jobs) // (workers * 8)))
    chunks = [[_job_args(j) for j in jobs[i:i + size]] for i in range(0, len(jobs), size)]
    # what exists now lives until the end: set aside from the cyclic collector, here and in the helpers, which
    # would otherwise touch (and so copy) every page of it they inherit (gc.freeze, Python's advice for fork)
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_start_helper,
                                 initargs=(os.getpid(), folders)) as pool:
            for results in pool.map(_read_chunk, chunks):
                for rec, digest in results:
                    yield SummaryRecord.from_dict(rec), digest
    finally:
        gc.unfreeze()   # a long-running face (the local service) collects them again


def _job_args(job: ReadJob) -> tuple[str, str, str, str, list[int]]:
    path, label, digest, _, hashed = job
    return str(path), label, digest, str(path.parent), hashed


def _read_chunk(chunk: list[tuple[str, str, str, str, list[int]]]) -> list[tuple[dict, str | None]]:
    return [_read_one(args) for args in chunk]
