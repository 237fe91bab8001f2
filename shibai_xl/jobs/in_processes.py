"""Independent pieces of one job (an expert's workbook, an application's suggested scores) done side by side
in forked helper processes, on a machine with more than one core.

The helpers are forked, so the modules and the year's rules loaded here are theirs without loading them
again. Where no process can be made (Windows, whose spawned helpers would import everything anew; a
restricted machine) or a helper dies, the pieces not done are done here, one after another: the result
is the same, only slower. A refusal (:class:`~shibai_xl.errors.ShibaiError`) raised by a piece reaches the
caller as it would without helpers.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MAX_HELPERS = 4


def helpers_here() -> int:
    """How many helper processes this machine's cores make worth starting (1: none)."""
    if sys.platform == "win32":
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
    helpers = min(helpers or helpers_here(), len(runs))
    done: list[list[Result]] = []
    refusal: Exception | None = None
    if helpers > 1:
        try:
            with ProcessPoolExecutor(max_workers=helpers, mp_context=multiprocessing.get_context("fork")) as pool:
                for raised, results in pool.map(_run, [fn] * len(runs), runs, [shared] * len(runs)):
                    if raised:
                        refusal = results
                        pool.shutdown(cancel_futures=True)   # the runs not started are not started
                        break
                    done.append(results)
        except (OSError, BrokenProcessPool):
            pass   # no helper could be started, or one died: the runs not done are done here
    if refusal is not None:
        raise refusal
    for run in runs[len(done):]:
        done.append(fn(run, shared))
    return [r for results in done for r in results]


def _run(fn: Callable[[list[Item], Any], list[Result]], run: list[Item], shared: Any) -> tuple[bool, Any]:
    """In a helper: (False, the run's results), or (True, the exception a piece raised) — sent back as a value,
    so that the caller tells a piece's refusal (a disk found full) from a pool that could not work."""
    try:
        return False, fn(run, shared)
    except Exception as e:  # re-raised by the caller as it is
        return True, e
