"""What the tests make and read of workbooks again and again, kept in the test process by what it was made from.

- Fills (``make_workbook``, the acceptance tests' ``fill``): the suite fills the same template with the same values
  hundreds of times (a third of the calls ask for one filled before), each openpyxl load, fill and save about 0.15 s.
  A copy is the same bytes but for the save time, which it is given anew (versions of one application are told apart
  by it, as a person's saves are): what openpyxl's save of that fill would write at this moment.
- The bundled examples (:func:`example_files`): ``write_examples`` makes and fills six templates, 0.7 s a call.
- What a test client makes of a workbook's content (:func:`by_content`): the fake WPS's book, the remote engine's
  payload (an openpyxl load and a calamine read each).
"""
from __future__ import annotations

import copy
import functools
import hashlib
import os
import re
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .zip_parts import rewrite

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def saved_now(data: bytes) -> bytes:
    """A workbook openpyxl saved, as its save at this moment writes it: docProps/core.xml's modified time now."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return rewrite(data, edit=lambda name, part: _MODIFIED.sub(rb"\g<1>" + now + rb"\g<2>", part)
                   if name == "docProps/core.xml" else part)


class Filled:
    """The bytes of the last ``kept`` fills, by a key naming what was filled and with what (``repr`` of it)."""

    def __init__(self, kept: int = 64) -> None:
        self._saved: OrderedDict[str, bytes] = OrderedDict()
        self._kept = kept

    def copy_to(self, key: str, path: Path) -> bool:
        """Write the fill kept under ``key`` to ``path``, saved now; False when none is kept."""
        data = self._saved.get(key)
        if data is None:
            return False
        self._saved.move_to_end(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(saved_now(data))
        return True

    def keep(self, key: str, path: Path) -> None:
        self._saved[key] = path.read_bytes()
        while len(self._saved) > self._kept:
            self._saved.popitem(last=False)


_EXAMPLES: dict[tuple[str | None, str, bool], list[tuple[Path, bytes]]] = {}


def example_files(folder: Path, flawed: bool = False) -> list[Path]:
    """:func:`~shibai_xl.jobs.demo.write_examples` of ``folder``: its applications, written once per year file in force
    (``SHIBAI_RULES``) in this test process and copied after that (six templates made and filled: 0.7 s a call)."""
    from shibai_xl.jobs.demo import write_examples
    from shibai_xl.rules.loader import selected_path

    key = (os.environ.get("SHIBAI_RULES"), hashlib.sha256(selected_path().read_bytes()).hexdigest(), flawed)
    kept = _EXAMPLES.get(key)
    if kept is None:
        paths = write_examples(folder, flawed)
        _EXAMPLES[key] = [(p.relative_to(folder), p.read_bytes()) for p in paths]
        return paths
    for part, data in kept:
        (folder / part).parent.mkdir(parents=True, exist_ok=True)
        (folder / part).write_bytes(saved_now(data))
    return [folder / part for part, _ in kept]


def by_content(read: Callable[..., dict]) -> Callable[..., dict]:
    """``read(path, *args)`` — what a test client makes of a workbook (the fake WPS's book, the remote engine's
    payload), a function of its content alone — kept by the package's parts (each part's CRC and size; docProps, the
    save time, aside) and ``args``: a deep copy each call, for the caller to change."""
    kept: OrderedDict[tuple, dict] = OrderedDict()

    @functools.wraps(read)
    def cached(path: Path, *args: Any) -> dict:
        try:
            with zipfile.ZipFile(path) as z:
                parts = tuple((i.filename, i.CRC, i.file_size) for i in z.infolist()
                              if not i.filename.startswith("docProps/"))
        except (OSError, zipfile.BadZipFile):
            return read(path, *args)
        key = (parts, args)
        if key not in kept:
            kept[key] = read(path, *args)
            if len(kept) > 64:
                kept.popitem(last=False)
        kept.move_to_end(key)
        return copy.deepcopy(kept[key])

    return cached
