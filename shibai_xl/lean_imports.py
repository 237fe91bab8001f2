"""Start-up: openpyxl without numpy.

openpyxl imports numpy when it is installed (pandas, for the 评分校准 and province figures, brings it),
only to accept numpy's number types as cell values. This tool never gives openpyxl a numpy value (the
pandas code converts its results to Python numbers, ``engine/calibration.py``), and importing numpy costs
about 0.07–0.1 s of every refresh, merge and review — as much as reading ten applications. So when
openpyxl is imported before numpy, its ``compat.numbers`` module alone is run as if numpy were absent;
numpy itself stays importable, and a process that imported numpy first gets openpyxl unchanged.
"""
from __future__ import annotations

import builtins
import sys
from importlib.machinery import ModuleSpec, PathFinder

NUMBERS = "openpyxl.compat.numbers"


class _WithoutNumpy:
    """A loader (importlib's protocol, not its ``importlib.abc`` base: that module alone costs a refresh about
    10 ms of start-up, importing ``importlib.resources`` and ``tempfile``)."""

    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        # the module alone sees an ``import numpy`` fail (its own builtins): nothing global changes, so another
        # thread importing numpy (pandas) at the same moment is not affected
        module.__dict__["__builtins__"] = {**builtins.__dict__, "__import__": _import_but_numpy}
        try:
            self.loader.exec_module(module)
        finally:
            module.__dict__["__builtins__"] = builtins


def _import_but_numpy(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and name.partition(".")[0] == "numpy":
        raise ImportError("numpy is left out of openpyxl (shibai_xl.lean_imports)")
    return builtins.__import__(name, globals, locals, fromlist, level)


class _Finder:
    """A meta path finder (importlib's protocol)."""

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if fullname != NUMBERS or "numpy" in sys.modules:
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _WithoutNumpy(spec.loader)
        return spec


def install() -> None:
    """Once per process, before anything imports openpyxl (``shibai_xl/__init__.py``)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
