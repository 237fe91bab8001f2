"""A hand-typed project renamed in the 项目汇总表 after ``review make``: the row has no 统一社会信用代码 and no 来源文件
to find it by (附件4 has no code column), so a clerk's correction of its 企业名称 (a typo fixed, “市” or 有限公司 added,
股份有限公司 for 有限公司) makes it look like one project gone and one added. A reviewer takes them for one project when
nothing tells them apart and the names differ only slightly; this module is that reading, said in :data:`RULE`."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from .parse.text import company_key
from .parse.uscc import key as code_key

RULE = "同一项目类型、同一市（州），名称去掉“有限公司”等企业类型后只多或少至多2个字（改字的不算）"
MAX_EDITS = 2
_FORMS = ("股份公司", "有限公司", "公司")   # company_key has made 有限责任公司 有限公司 and 股份有限公司 股份公司


class _Row(Protocol):
    name: str
    type: str
    city: str
    uscc: str
    source: str


def core(name: str) -> str:
    """The company key without its legal form: 铜仁梵净山珍电子商务有限公司 → 铜仁梵净山珍电子商务."""
    key = company_key(name)
    return next((key[: -len(f)] for f in _FORMS if key.endswith(f) and len(key) > len(f)), key)


def _added_only(a: str, b: str) -> bool:
    """Whether one name is the other with at most MAX_EDITS characters added (铜仁梵净山珍 → 铜仁市梵净山珍). A
    character replaced is no correction we can tell from another company (贵州甲电商 and 贵州乙电商 are two).

    >>> _added_only("铜仁梵净山珍", "铜仁市梵净山珍"), _added_only("贵州甲电商", "贵州乙电商"), _added_only("甲", "甲")
    (True, False, True)
    """
    return abs(len(a) - len(b)) <= MAX_EDITS and one_inside(a, b)


def one_inside(a: str, b: str) -> bool:
    """Whether the shorter name is the longer with characters left out (贵州山珍优品 in 贵州省山珍优品, 遵义红花岗甲电商
    in 遵义市红花岗区甲电子商务): what a person writes short of a company's name, never another character.

    >>> one_inside("遵义红花岗甲电商", "遵义市红花岗区甲电子商务"), one_inside("遵义甲", "遵义乙"), one_inside("甲", "甲")
    (True, False, True)
    """
    short, long_ = sorted((a, b), key=len)
    rest = iter(long_)
    return all(ch in rest for ch in short)


def edits(a: str, b: str) -> int:
    """The characters to add, leave out or replace to make one name the other (Levenshtein).

    >>> edits("黔北电子商务有线", "黔北电子商务有限"), edits("汇川黔北", "汇川区黔北"), edits("甲", "甲")
    (1, 1, 0)
    """
    if len(a) < len(b):
        a, b = b, a
    before = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        now = [i]
        for j, y in enumerate(b, 1):
            now.append(min(before[j] + 1, now[j - 1] + 1, before[j - 1] + (x != y)))
        before = now
    return before[-1]


def close(a: object, b: object) -> bool:
    """Whether two names, without their legal form, are at most MAX_EDITS characters apart, one per four (a typo: a
    character added, left out or replaced; in the legal form itself, 有线公司 for 有限公司, one). A character replaced
    may be another company (贵州甲电商, 贵州乙电商): the caller needs more than the names to take two such for one.

    >>> close("遵义市汇川区黔北电子商务有线公司", "遵义市汇川区黔北电子商务有限公司"), close("遵义丙公司", "遵义丁公司")
    (True, False)
    >>> close("贵阳甲电子商务有线公司", "贵阳甲电子商务有限公司"), close("贵阳甲有限公司", "贵阳乙有限公司")
    (True, False)
    """
    x, y = core(a), core(b)
    n = min(edits(x, y), edits(company_key(a), company_key(b)))
    return bool(x) and bool(y) and n <= MAX_EDITS and 4 * n <= min(len(x), len(y))


def _both_differ(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a.upper().replace(" ", "") != b.upper().replace(" ", "")


def alike(old: _Row, new: _Row) -> bool:
    """Whether ``new`` (a row the table holds now) may be ``old`` (the experts' project) renamed: :data:`RULE`, and
    no 统一社会信用代码 or 来源文件 on both that differ (two codes or two applications are two projects). Short names
    need to be closer (a character added per four), so that two short different names are not one; a
    character replaced never makes two names one (贵州甲电商, 贵州乙电商)."""
    if old.type != new.type or not old.city or old.city != new.city:
        return False
    if _both_differ(code_key(old.uscc), code_key(new.uscc)) or _both_differ(old.source, new.source):
        return False
    a, b = core(old.name), core(new.name)
    n = abs(len(a) - len(b))
    return _added_only(a, b) and 4 * n <= min(len(a), len(b))


def renames(gone: Sequence[_Row], added: Sequence[_Row], same: Callable[[_Row, _Row], bool] = alike
            ) -> tuple[dict[int, int], dict[int, tuple[list[int], list[int]]]]:
    """Indexes into ``gone`` → index into ``added`` it was renamed to (each the other's only look-alike by ``same``,
    :func:`alike` unless told); and, when there are several either way (not guessed: the caller keeps the alarm), a
    gone index → (its look-alikes in ``added``, the other gone indexes that look like them too)."""
    ahead = {i: [j for j, q in enumerate(added) if same(p, q)] for i, p in enumerate(gone)}
    back: dict[int, list[int]] = {}
    for i, js in ahead.items():
        for j in js:
            back.setdefault(j, []).append(i)
    sure = {i: js[0] for i, js in ahead.items() if len(js) == 1 and len(back[js[0]]) == 1}
    unsure = {i: (js, sorted({k for j in js for k in back[j]} - {i})) for i, js in ahead.items() if js and i not in sure}
    return sure, unsure
