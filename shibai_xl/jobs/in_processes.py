"""Independent pieces of one job (an expert's workbook, an application's suggested scores) done side by side
in forked helper processes, on a machine with more than one core.

The helpers are forked, so the modules and the year's rules loaded here are theirs without loading them
again. Where no process can be made (Windows, whose spawned helpers would import everything anew; a
restricted machine) or a helper dies, the pieces not done are done here, one after another: the result
is the same, only slower. A refusal (:class:`~shibai_xl.errors.ShibaiError`) raised by a piece reaches the
caller as it would without helpers.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:   # start-up: a refresh with nothing to read asks few_processes() and imports no pool
    from concurrent.futures import ProcessPoolExecutor

Item = TypeVar("Item")
Result = TypeVar("Result")
MAX_HELPERS = 4
MIN_PROCESS_LIMIT = 256   # a user allowed fewer processes than this (ulimit -u) gets no helpers
PR_SET_PDEATHSIG = 1      # linux/prctl.h: the signal a process gets when its parent ends


def few_processes() -> bool:
    """Whether this user may start so few processes (``ulimit -u``) that a pool could start some helpers and not
    the rest — which concurrent.futures does not survive (a thread of the pool dies, the job waits forever)."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NPROC)
    except (ImportError, AttributeError, OSError, ValueError):
        return False
    return soft != resource.RLIM_INFINITY and soft < MIN_PROCESS_LIMIT


def end_with_parent(parent: int) -> None:
    """In a forked helper, first of all: be ended when ``parent`` (the process that forked it) ends, however it ends.
    A helper outliving a killed ``shibai serve`` (a logout, the task manager, kill -9 in the middle of a refresh) waited
    forever for work, holding the service's listening socket it inherited with the fork: the port stayed taken by a
    process that never answers — the add-in's requests hung, and ``shibai serve`` could not start again."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):   # no C library to ask (a static or unusual build): as before
            pass
    if os.getppid() != parent:   # the parent was gone before the line above took effect
        os._exit(1)


def helpers_here() -> int:
    """How many helper processes this machine's cores make worth starting (1: none)."""
    if sys.platform == "win32" or few_processes():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_HELPERS, cores))


def split(items: Sequence[Item], parts: int) -> list[list[Item]]:
    """``items`` in ``parts`` runs of consecutive items, as equal in length as can be (none empty).

    >>> split([1, 2, 3, 4, 5], 2)
    [[1, 2, 3], [4, 5]]
    >>> split([1], 3)
    [[1]]
    """
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for k in range(parts):
        end = start + size + (k < extra)
        out.append(list(items[start:end]))
        start = end
    return [run for run in out if run]


def map_runs(fn: Callable[[list[Item], Any], list[Result]], runs: list[list[Item]], shared: Any = None,
             helpers: int | None = None) -> list[Result]:
    """``fn(run, shared)`` for each run of items, the runs' results joined in order. ``fn`` must be a module's
    function (a helper finds it by name); ``shared`` goes to each run once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    helpers = min(helpers or helpers_here(), len(runs))
    done: list[list[Result]] = []
    refusal: Exception | None = None
    if helpers > 1:
        pool = None
        try:
            pool = ProcessPoolExecutor(max_workers=helpers, mp_context=multiprocessing.get_context("fork"),
                                       initializer=end_with_parent, initargs=(os.getpid(),))
            for raised, results in pool.map(_run, [fn] * len(runs), runs, [shared] * len(runs)):
                if raised:
                    refusal = results
                    break
                done.append(results)
            pool.shutdown(cancel_futures=True)   # after a refusal: the runs not started are not started
        except (OSError, RuntimeError, BrokenProcessPool):
            # no helper (or no thread to watch them) could be started — a machine's process limit — or one died:
            # the helpers that did start are stopped, and the runs not done are done here
            _stop(pool)
        except KeyboardInterrupt:   # Ctrl+C: no helper may go on writing after the job says what it wrote
            _stop(pool)
            raise
    if refusal is not None:
        raise refusal
    for run in runs[len(done):]:
        done.append(fn(run, shared))
    return [r for results in done for r in results]


def _stop(pool: ProcessPoolExecutor | None) -> None:
    """End a pool that failed part-way, its helpers included (none may be left waiting for work forever)."""
    if pool is None:
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except RuntimeError:   # its watching thread never started
        pass
    for process in processes:
        try:
            process.kill()
            process.join(5)
        except (OSError, ValueError, AssertionError):   # already gone, or never started
            pass


def _run(fn: Callable[[list[Item], Any], list[Result]], run: list[Item], shared: Any) -> tuple[bool, Any]:
    """In a helper: (False, the run's results), or (True, the exception a piece raised) — sent back as a value,
    so that the caller tells a piece's refusal (a disk found full) from a pool that could not work."""
    try:
        return False, fn(run, shared)
    except Exception as e:  # re-raised by the caller as it is
        return True, e
