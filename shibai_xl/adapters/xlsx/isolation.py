"""A disposable reading process: what a sheet too far-reaching for calamine does there.

calamine builds a dense grid from A1-relative bounds of a sheet's values: one value typed into XFD1048576
asks for 550 GB, and the failed allocation aborts the process (Rust's allocator does not raise). The reader
of this process therefore measures every sheet before calamine reads it (:func:`.opc.check_extent`): about a
millisecond for an application with a 300-company list, a sixth of reading it. A forked helper that reads a
batch of applications pays that instead with a ceiling on its address space — a grid that does not fit makes
calamine's allocation fail at once and ends the helper, and the caller reads the rest of the batch itself,
with the check, which refuses that sheet with a Chinese message (``jobs/read_applications.py``). Where no
ceiling can be set (Windows, no ``/proc``), the helper keeps the check.
"""
from __future__ import annotations

import faulthandler
import os

from . import package

HEADROOM = 1 << 30   # address space a helper may add to what it inherited: a 20,000-row list needs a few percent


def isolate_reader() -> bool:
    """In a forked helper: cap its address space and read without the extent check; its stderr (calamine's
    "memory allocation … failed") goes nowhere a user sees. False, changing nothing, where that cannot be done."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + HEADROOM if hard == resource.RLIM_INFINITY else min(used + HEADROOM, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        return False
    package.skip_extent_check()
    if faulthandler.is_enabled():   # its "Fatal Python error: Aborted" is the expected end, handled by the caller
        faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    package.stay_quiet()
    return True
