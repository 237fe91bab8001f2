"""The rows of the province table that report one project: by which key they are one, and how that is said."""
from __future__ import annotations

from .parse.text import normalize
from .renames import core, one_inside
from .summary import applicant_key


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
