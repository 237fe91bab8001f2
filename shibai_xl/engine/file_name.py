"""The company a form's file name names, against the form's own 名称: a clerk receives “甲公司申报表.xlsx” holding
乙's form (an agent filling in for several companies sent the wrong one, or saved one over another's file). 甲's form
is then missing from the folder, and nothing else would say so: 乙 is checked and summarised as if all were well."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..rules import Rules, Severity
from .application import Application
from .findings import Finding
from .renames import core, one_inside
from .values import Values, locate

# a run of Chinese (brackets within) in a file name; a company name in it ends in 公司
_RUN = re.compile(r"[\u4e00-\u9fff()（）]+")
_BRACKET = re.compile(r"[()（）]")
_MIN_CORE = 4        # "某某公司", "分公司": too short to be told from another company's name
_NAMES = ("sb_name", "sb_operator_name")   # a park's or base's file is as often named after its 运营机构


def companies_named(file: str) -> list[str]:
    """The company names a file name holds: each run of Chinese up to a 公司 in it, from the last bracket before.

    >>> companies_named("示范直播团队-安顺黔味直播团队（安顺黔味文化传媒有限公司）.xlsx")
    ['安顺黔味文化传媒有限公司']
    >>> companies_named("南明区/贵州甲电子商务有限公司申报表(1).xlsx"), companies_named("企业申报表最终版.xlsx")
    (['贵州甲电子商务有限公司'], [])
    """
    stem = PurePosixPath(file.replace("\\", "/")).name.rsplit(".", 1)[0]
    found = []
    for run in _RUN.findall(stem):
        for m in re.finditer("公司", run):
            name = _BRACKET.split(run[: m.end()])[-1]
            if len(core(name)) >= _MIN_CORE:
                found.append(name)
    return found


def named_apart(file: str, names: list[str]) -> list[str]:
    """The companies ``file``'s name holds when none of them is one of ``names`` (the form's 名称, 运营机构名称), each
    possibly written short of the other (贵州山珍优品电商 for 贵州山珍优品电子商务): [] when one is, or none is named.

    >>> named_apart("贵州黔东南某某传媒有限公司-直播团队申报表.xlsx", ["安顺黔味直播团队（安顺黔味文化传媒有限公司）"])
    ['贵州黔东南某某传媒有限公司']
    >>> named_apart("毕节市毕节乌蒙山文化传媒有限公司2024年十百千万工程示范项目申报资料.xlsx", ["毕节乌蒙山文化传媒有限公司"])
    []
    >>> named_apart("贵州山珍优品电商有限公司.xlsx", ["贵州山珍优品电子商务有限责任公司"])
    []
    >>> named_apart("安顺市安顺黔味文化传媒有限公司申报资料.xlsx", ["安顺黔味直播团队（安顺黔味文化传媒有限公司）"])
    []
    """
    said = companies_named(file)
    # a name with its company in brackets (安顺黔味直播团队（安顺黔味文化传媒有限公司）): each part is a name too
    keys = [core(part) for n in names if n for part in (n, *_BRACKET.split(n)) if core(part)]
    if not said or not keys or any(one_inside(core(c), k) for c in said for k in keys):
        return []
    return said


def file_name_claims(app: Application, values: Values, rules: Rules) -> Iterator[Finding]:
    """A warning at 名称 when the form's file name names another company than the form (:func:`named_apart`). Only a
    form naming a company can tell: a team's 名称 is often its brand (“黔味直播团队”), its file named after the company
    that runs it."""
    names = [str(values[n]) for n in _NAMES if values.get(n)]
    if not app.source or not any("公司" in n for n in names) or not (apart := named_apart(app.source, names)):
        return
    file = PurePosixPath(app.source.replace("\\", "/")).name
    said = "、".join(f"“{c}”" for c in apart)
    form = "、".join(f"“{n}”" for n in names)
    detail = (f"文件名“{file}”写的是{said}，申报表填写的名称是{form}：请核实是不是把另一单位的申报表存成了这个文件名"
              f"（那样{said}的申报表还没有交来），或是文件名写错了")
    yield locate(Finding("FIELD_INCONSISTENT", Severity.WARNING, f"文件名与申报表填写的名称不符：{detail}",
                         brief="文件名与申报表名称不符", detail=detail), app, "sb_name")
