"""The names of the residents that two parks' or bases' 入驻企业名单 (附件3) share, for the XC_CROSS_APP of a refresh.

A summary record keeps its residents' keys (a code, or the name as compared), not their names as written (a
province's 300 000 names would make the refresh's cache 13 MB larger): the few a finding gives
(``engine.summary.ResidentNames``) are looked up in one list that has them, read again, and kept in the cache with
the SHA-256 of the file they were read from, so that the next refresh says the same without reading anything. A file
that cannot be read again (changed meanwhile, gone, broken) leaves the key said alone.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..adapters.xlsx.resident_list import read_with_residents
from ..engine.residents import names_of
from ..rules import load
from .workbook_files import file_hash

# key → [name, file label, the file's SHA-256, its folder's digest (a list beside it) or None], as the cache keeps it
Known = dict[str, list]


def find_names(wanted: dict[str, list[str]], paths: dict[str, Path], entries: dict[str, dict], cached: object,
               kept: Known) -> dict[str, str]:
    """{key: name} of the resident keys ``wanted`` ({file: its shared residents said}): from ``kept`` (found by this refresh
    already) or the last refresh's ``cached`` ones where the file they came from is unchanged (``entries``: this
    refresh's cache entries by file), else read again (:func:`from_lists`). What is found goes into ``kept``."""
    known = cached if isinstance(cached, dict) else {}
    out: dict[str, str] = {}
    for code in {c for said in wanted.values() for c in said}:
        hit = kept.get(code) or known.get(code)
        if _still_valid(hit, entries):
            out[code], kept[code] = hit[0], hit

    def read(file: str, codes: set[str]) -> dict[str, str]:
        found = _read_names(file, codes, paths, entries)
        kept.update(found)
        return {code: hit[0] for code, hit in found.items()}

    return from_lists(wanted, read, out)


def from_lists(wanted: dict[str, list[str]], read: Callable[[str, set[str]], dict[str, str]],
               out: dict[str, str] | None = None) -> dict[str, str]:
    """{key: name} of the keys ``wanted`` not in ``out`` yet, as ``read(file, keys)`` finds them in a file's list:
    the file giving most of them first (then by its name: every face names a company alike), each read once."""
    out = {} if out is None else out
    codes = {c for said in wanted.values() for c in said}
    tried: set[str] = set()
    while missing := codes - out.keys():
        left = sorted((f for f in wanted if f not in tried and missing.intersection(wanted[f])),
                      key=lambda f: (-len(missing.intersection(wanted[f])), f))
        if not left:
            break
        tried.add(left[0])
        out.update(read(left[0], missing))
    return out


def _still_valid(hit: object, entries: dict[str, dict]) -> bool:
    """Whether a kept name came from a file this refresh found unchanged (its list beside it too)."""
    if not (isinstance(hit, list) and len(hit) == 4 and isinstance(hit[0], str) and hit[0]):
        return False
    entry = entries.get(hit[1])
    return isinstance(entry, dict) and entry.get("sha256") == hit[2] and entry.get("folder") == hit[3]


def _read_names(file: str, codes: set[str], paths: dict[str, Path], entries: dict[str, dict]) -> Known:
    """The names the list of application ``file`` gives these keys, read again as the refresh read it (its
    separate list beside it included); nothing when it is not the file this refresh summarised or cannot be read."""
    path, entry = paths.get(file), entries.get(file)
    if path is None or not isinstance(entry, dict) or not entry.get("sha256"):
        return {}   # read this time but not cached (it kept changing): not the bytes summarised
    try:
        app = read_with_residents(path, load(), [p for p in paths.values() if p.parent == path.parent])
        if file_hash(path) != entry["sha256"]:   # changed since the refresh read it
            return {}
    except Exception:  # noqa: BLE001 — only a name is lost: the finding says the code alone
        return {}
    found = names_of(app.residents or [], codes)
    return {code: [name, file, entry["sha256"], entry.get("folder")] for code, name in found.items()}
