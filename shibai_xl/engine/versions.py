"""Which of several versions of one thing is the later: two summaries of one city (``merge``), two forms of one
application (``refresh``, ``check FOLDER``). One rule for both, in this order:

1. the save time every version's workbook records (a download, a copy or an unzip leaves it as it was), when the
   latest is more than :data:`SAVED_APART` after every other (two saved within a minute are copies of one save, or
   were written by a program in one go);
2. else the files' dates on disk, when the latest is later than every other (files
   unpacked from one zip or copied from one USB stick often carry one date);
3. else what the names say: “贵阳市汇总表-终版.xlsx” is later than “贵阳市汇总表（修改版）.xlsx”, which is later than
   “贵阳市汇总表.xlsx”; “(1)”, “副本”, “copy” say nothing of which content is later;
4. else the save times, however close (saved half a minute apart, zipped together);
5. else nothing tells: :attr:`Ranked.tied` names the versions the caller must not choose between by itself (it
   compares their contents: the same content is one file read once; else it refuses, naming them).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
SAVED_APART = 60.0   # seconds between the save times of two versions that tell which one is later
DATE_APART = 0.0     # seconds between two files' dates that tell: any (one unzip or copy gives several files one date)

# words in a file name saying it is a later version, with their rank: a final one after a corrected one
_LATER = (("终版", 3), ("最终", 3), ("定稿", 3), ("正式版", 3), ("最新", 2), ("新版", 2), ("修改", 1), ("修订", 1),
          ("更正", 1), ("改正", 1), ("补正", 1), ("调整", 1), ("补充", 1))
_NUMBERED = re.compile(r"(?<![a-z])v\s*(\d{1,2})(?!\d)|第\s*([\d二三四五六七八九]{1,2})\s*[版稿]|版本\s*(\d{1,2})",
                       re.IGNORECASE)   # v2, V3, 第2版, 第二稿, 版本2 (not 第2批: another batch, not a version)
_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}


@dataclass(frozen=True)
class Version:
    name: str               # the file as the user sees it
    saved: float | None     # the save time its workbook records (POSIX seconds), None when it records none
    modified: float         # the file's date on disk (POSIX seconds)


@dataclass(frozen=True)
class Ranked:
    order: list[int]        # indexes of the versions, the one to use first (among ``tied``, by name: a fallback)
    by: str                 # "saved", "modified", "name", "seconds" (saved less than a minute apart); "" (``tied``)
    marker: str = ""        # what the name of the one used says (by "name"): "终版"
    tied: tuple[int, ...] = ()   # the versions nothing tells apart, when ``by`` is ""
    contrary: str = ""      # by a date: the warning that a name says another version is the later (:func:`rank`)



def without_copies(items: Sequence[T], same: Callable[[T, T], bool]) -> tuple[list[T], list[tuple[T, T]]]:
    """(the ``items`` kept, in their order: each one ``same`` as one kept before it set aside; (that copy, the one
    kept it copies) each): copies of one thing read once, the first of them kept."""
    kept: list[T] = []
    copies: list[tuple[T, T]] = []
    for x in items:
        first = next((k for k in kept if same(x, k)), None)
        if first is None:
            kept.append(x)
        else:
            copies.append((x, first))
    return kept, copies


def name_marker(name: str) -> tuple[int, str]:
    """(rank, word) of what a file name says of its version: (3, "终版"), (1, "修改"), (2, "v2"); (0, "") for none.

    >>> name_marker("贵阳市汇总表（修改版）.xlsx"), name_marker("贵阳市汇总表-终版.xlsx"), name_marker("汇总表 - 副本(1).xlsx")
    ((1, '修改'), (3, '终版'), (0, ''))
    >>> name_marker("遵义市汇总表v2.xls"), name_marker("遵义市汇总表第3版.xlsx")
    ((2, 'v2'), (3, '第3版'))
    """
    stem = unicodedata.normalize("NFKC", name).rsplit(".", 1)[0]
    words = [(rank, word) for word, rank in _LATER if word in stem]
    numbered = [(n, m.group(0).strip()) for m in _NUMBERED.finditer(stem)
                if (n := int("".join(_DIGIT.get(c, c) for c in next(g for g in m.groups() if g)))) >= 2]
    return max(words + numbered, default=(0, ""))


def rank(versions: Sequence[Version]) -> Ranked:
    """The versions, the later first, and what told it (the module's rule): each step looks only at the versions
    the steps before it left tied for the latest."""
    n = len(versions)
    marks = [name_marker(v.name) for v in versions]
    saved = [v.saved for v in versions]
    by_saved = None not in saved
    order = sorted(range(n), key=lambda i: (-(saved[i] or 0.0) if by_saved else 0.0, -versions[i].modified,
                                            -marks[i][0], versions[i].name))
    left = list(range(n))
    for by, value, apart in (("saved", saved, SAVED_APART), ("modified", [v.modified for v in versions], DATE_APART),
                             ("name", [m[0] for m in marks], 0.0), ("seconds", saved, 0.0)):
        if by in ("saved", "seconds") and not by_saved:
            continue
        top = max(value[i] for i in left)
        left = [i for i in left if top - value[i] <= apart]
        if len(left) == 1:
            return Ranked(left + [i for i in order if i != left[0]], by, marks[left[0]][1] if by == "name" else "",
                          contrary=_contrary(versions, marks, left[0], by))
    return Ranked(left + [i for i in order if i not in left], "", tied=tuple(left))


def _contrary(versions: Sequence[Version], marks: list[tuple[int, str]], used: int, by: str) -> str:
    """A date chose ``used`` over a version whose name says it is the later (the original opened and saved again
    after “…(修改版).xlsx” was made): the date decides, and this says it, for a person to check."""
    other = max((i for i in range(len(versions)) if marks[i][0] > marks[used][0]), key=lambda i: marks[i][0], default=None)
    if other is None or by in ("name", "seconds"):
        return ""
    when = "文件修改时间" if by == "modified" else "保存时间"
    return f"注意：文件名注明“{marks[other][1]}”的“{versions[other].name}”{when}反而较早，请核实以哪份为准"


def saved_before(this: float | None, than: float | None) -> bool:
    """Whether a workbook saved at ``this`` is an earlier version than one saved at ``than`` (POSIX seconds) by the
    module's first rule: more than :data:`SAVED_APART` before it. A time not recorded tells nothing (False).

    >>> saved_before(1000.0, 1000.0 + SAVED_APART + 1), saved_before(1000.0, 1030.0), saved_before(None, 5000.0)
    (True, False, False)
    """
    return this is not None and than is not None and than - this > SAVED_APART


def why_later(r: Ranked) -> str:
    """What told the one used apart, in words: "工作簿记录的保存时间较晚", "文件修改时间较晚", "文件名注明“终版”"."""
    return {"saved": "工作簿记录的保存时间较晚", "modified": "文件修改时间较晚",
            "seconds": "文件修改时间和文件名分不出先后，工作簿记录的保存时间较晚（相差不到一分钟）",
            "name": f"保存时间、文件修改时间分不出先后，文件名注明“{r.marker}”"}.get(
        r.by, "保存时间、文件修改时间和文件名都分不出先后")
