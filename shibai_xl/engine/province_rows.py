"""The rows of the province table that report one project: by which key they are one, and how that is said."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .findings import CODES
from .parse.text import normalize
from .renames import core, one_inside
from .summary import applicant_key, coded
from .summary_table import type_short

# the 问题 note of each row of a project two rows report: the form a refresh gives its own XC_CROSS_APP (problem_parts)
CROSS = coded("XC_CROSS_APP", CODES["XC_CROSS_APP"].short) + "："
# the merge's own (reported_by), told from a city's XC_CROSS_APP of two applications kept in its row's 问题
_REPORTED = re.compile(re.escape(CROSS) + r"“[^”]*”(被\d+个市州汇总表报送|在.*汇总表中出现\d+次)")


def merge_cross(part: str) -> bool:
    """Whether a part of a province row's 问题 is the merge's XC_CROSS_APP note (:func:`cross_notes`), rewritten at
    each merge, not the city's own XC_CROSS_APP (one company's two applications), which the row keeps.

    >>> merge_cross(CROSS + "“甲公司”被2个市州汇总表报送（贵阳市、遵义市）"), merge_cross(CROSS + "“甲公司”在2份申报中出现（…）")
    (True, False)
    """
    return bool(_REPORTED.match(part))


def project_keys(keys: list[tuple[str, str]]) -> list[str]:
    """Each (code, name) → the project key: the code; a row typed without one is the project of the one code its
    name has elsewhere (one city typed the code, another only the name), else its name.

    >>> project_keys([("915201", "甲公司"), ("", "甲公司"), ("", "乙公司")])
    ['915201', '915201', '名称:乙公司']
    """
    codes_of: dict[str, set[str]] = {}
    for code, name in keys:
        if code:
            codes_of.setdefault(applicant_key(None, name), set()).add(code)
    out = []
    for code, name in keys:
        key = applicant_key(code, name)
        codes = codes_of.get(key, ()) if key.startswith("名称:") else ()
        out.append(next(iter(codes)) if len(codes) == 1 else key)
    return out


def names_apart(key: str, names: list[object]) -> list[str]:
    """The different companies named on rows that share the project key ``key`` by their 统一社会信用代码 (one
    city typed a code wrong, or copied another row's): [] when the key is a name, or the names are one company's
    (the same name typed apart, or one written short of the other: :func:`.renames.one_inside`). The merge counts
    such rows as one project and says so: never two companies made one silently.

    >>> names_apart("915203…", ["遵义甲电商有限公司", "安顺乙直播基地", "遵义甲电商有限公司 "])
    ['遵义甲电商有限公司', '安顺乙直播基地']
    >>> names_apart("915203…", ["遵义甲电商", "遵义甲电商有限公司"]), names_apart("名称:甲", ["甲", "乙"])
    ([], [])
    >>> names_apart("915203…", ["遵义市红花岗区甲电子商务有限公司", "遵义红花岗甲电商股份有限公司"])
    []
    """
    if key.startswith("名称:"):
        return []
    seen: dict[str, str] = {}
    for name in names:
        if (k := core(name)) and k not in seen:
            seen[k] = normalize(name)
    keys = list(seen)
    apart = any(not one_inside(a, b) for i, a in enumerate(keys) for b in keys[i + 1:])
    return list(seen.values()) if apart else []


def reported_by(name: str, reports: list[tuple[str, str]]) -> str:
    """How the XC_CROSS_APP note of rows of one company says who reported it: ``reports`` (市（州）, 项目类型) of each
    row. A company with two projects (企业 and 团队) says which city reported which, not one project said twice.

    >>> reported_by("甲公司", [("贵阳市", "企业"), ("遵义市", "企业")])
    '“甲公司”被2个市州汇总表报送（贵阳市、遵义市）'
    >>> reported_by("甲公司", [("贵阳市", "企业"), ("贵阳市", "团队"), ("遵义市", "企业")])
    '“甲公司”被2个市州汇总表报送（贵阳市的企业、团队，遵义市的企业）'
    >>> reported_by("甲公司", [("贵阳市", "企业"), ("贵阳市", "企业")])
    '“甲公司”在贵阳市汇总表中出现2次'
    """
    cities = sorted({city for city, _ in reports})
    kinds: dict[str, list[str]] = {c: [] for c in cities}
    for city, kind in reports:
        kind = kind.replace("；", "，") or "未填项目类型"   # "；" separates the notes of a 问题 cell
        kinds[city] += [kind] if kind not in kinds[city] else []
    several = len({k for ks in kinds.values() for k in ks}) > 1
    if len(cities) > 1:
        return (f"“{name}”被{len(cities)}个市州汇总表报送（"
                + ("，".join(f"{c}的{'、'.join(kinds[c])}" for c in cities) if several else "、".join(cities)) + "）")
    return f"“{name}”在{cities[0]}汇总表中出现{len(reports)}次" + (f"（{'、'.join(kinds[cities[0]])}）" if several else "")


# a province row: (token, 统一社会信用代码, 企业名称, 项目类型, 市（州）, 报送市州, amounts)
Row = tuple[int, str, object, object, object, object, tuple]


def cross_notes(rows: list[Row]) -> tuple[dict[int, str], list[str], list[str]]:
    """({token: XC_CROSS_APP note} of the rows of a project that two cities' summaries (or one, twice) report,
    each project two cities report as the terminal names it: one city's own repeated row is MergeReport.repeated,
    the codes that rows naming different companies share, as the terminal names them)."""
    groups: dict[str, list[Row]] = {}
    for row, key in zip(rows, project_keys([(code, name) for _, code, name, *_ in rows])):
        groups.setdefault(key, []).append(row)
    out: dict[int, str] = {}
    twice: list[str] = []
    clashes: list[str] = []
    for key, group in groups.items():
        if len(group) < 2:
            continue
        name = normalize(group[0][2]).replace("；", "，")   # "；" separates the notes of a 问题 cell
        cities = sorted({normalize(g[5]) or "未识别市州" for g in group})
        if len(cities) > 1:   # one city's own repeated row: said as MergeReport.repeated
            twice.append(f"{name}（{'、'.join(cities)}）")
        detail = reported_by(name, [(normalize(g[5]) or "未识别市州", normalize(type_short(g[3]) or g[3])) for g in group])
        out.update({g[0]: CROSS + detail for g in group})
        for tokens, said in code_clashes(key, group):
            clashes.append(f"{key}（{said}）")
            out.update({t: out[t] + f"，统一社会信用代码{key}相同而企业名称不同（{said}），按同一项目计：如果不是同一企业，"
                        "请核对代码" for t in tokens})
    return out, twice, clashes


def code_clashes(key: str, group: list[Row]) -> list[tuple[list[int], str]]:
    """(tokens, the names as said) of the rows of one 项目类型 that share the code ``key`` and name different companies
    (:func:`names_apart`): a code typed wrong would make two projects one. Rows of two types are two projects (a park
    is named apart from its operator company, whose code it carries)."""
    kinds: dict[str, list[Row]] = {}
    for g in group:
        kinds.setdefault(normalize(type_short(g[3]) or g[3]), []).append(g)
    return [([g[0] for g in rows], "、".join(f"“{n.replace('；', '，')}”" for n in apart))
            for rows in kinds.values() if (apart := names_apart(key, [g[2] for g in rows]))]


def unreported_said(cities: Sequence[str]) -> str:
    """The line naming the 市（州） nothing has come from yet (the notice has each send its summary before every round).

    >>> unreported_said(["六盘水市", "贵安新区"])
    '尚未报送汇总表的市（州） 2 个（全省表中还没有它们报送的项目，请催报）：六盘水市、贵安新区'
    """
    return f"尚未报送汇总表的市（州） {len(cities)} 个（全省表中还没有它们报送的项目，请催报）：" + "、".join(cities)
