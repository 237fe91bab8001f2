"""The round's projects against the 项目汇总表 read again by ``review collect`` (notice 三、(三): only the projects still
recommended are 认定): withdrawn, deleted, 不达标 or moved to another 批次 since ``review make``; names and 前置条件
corrected; projects added since."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..rules import Rules
from .parse.text import company_key
from .parse.uscc import key as code_key
from .renames import RULE, renames
from .review import NAMELESS, PICTURED, Project, Skipped, TableChanges, _text, select_projects


def _code(p: Project | Skipped) -> str:
    return code_key(p.uscc)


def _same_project(a: Project, b: Project | Skipped) -> bool:
    """One project: the same type and 统一社会信用代码, or the same name where one of them has no code (as :class:`_Twins`)."""
    if a.type != b.type:
        return False
    if _code(a) and _code(b):
        return _code(a) == _code(b)
    return company_key(a.name) == company_key(b.name)


def table_changes(projects: Sequence[Project], rows: Sequence[dict[str, Any]], rules: Rules, round_id: str,
                  table: str = "") -> TableChanges:
    """The round's ``projects`` (as the experts' workbooks have them) against the summary's ``rows`` now, its
    projects chosen as ``review make`` chose them (:func:`select_projects`)."""
    now, skipped = select_projects(rows, rules, round_id)
    out = TableChanges(table=table, unnamed=sum(s.reason in (NAMELESS, PICTURED) for s in skipped))
    pairs = _pairs(projects, now)
    unsure = _renamed(projects, now, skipped, pairs, out)
    for p in projects:
        if p.no not in pairs:
            why = next((s.reason for s in skipped if s.type and _same_project(p, s)), "")
            out.gone[p.no] = (f"项目汇总表“{table}”中该项目{why}" if why and not why.startswith("与")
                              else f"项目汇总表“{table}”中已没有这一项目（按统一社会信用代码或企业名称核对）"
                              + unsure.get(p.no, ""))
            continue
        q = pairs[p.no]
        notes = [out.renamed[p.no]] if p.no in out.renamed else []
        if _text(q.name) != _text(p.name) and p.no not in out.renamed:
            notes.append(f"企业名称在项目汇总表中已改为“{q.name}”（专家评分表中为“{p.name}”）")
        if q.status != p.status:
            notes.append(f"前置条件在项目汇总表中已改为{q.status}（专家评分表中为{p.status}）")
        out.current[p.no] = Project(p.no, q.name, p.type, p.city, p.county, q.status, p.uscc or q.uscc, p.source)
        if notes:
            out.notes[p.no] = notes
    taken = {id(q) for q in pairs.values()}
    out.added = [q for q in now if id(q) not in taken]
    for no, why in out.gone.items():   # a name corrected on a row without a code (or source) is not told from a new one
        same_type = [q.name for q in out.added if q.type == next(p.type for p in projects if p.no == no)]
        if same_type and "已没有" in why and no not in unsure:
            out.gone[no] = f"{why}；如果只是改了企业名称，它可能是汇总表中的“{'”“'.join(same_type)}”，请核实后改回名称重新汇总"
    return out


def _renamed(projects: Sequence[Project], now: Sequence[Project], skipped: Sequence[Skipped],
             pairs: dict[str, Project], out: TableChanges) -> dict[str, str]:
    """A hand-typed project whose name a clerk corrected after make (:mod:`.renames`): paired into ``pairs``, the
    rename said in ``out.renamed``; → 项目编号 → why a project with several look-alikes is not taken for any."""
    gone = [p for p in projects if p.no not in pairs and not any(s.type and _same_project(p, s) for s in skipped)]
    taken = {id(q) for q in pairs.values()}
    added = [q for q in now if id(q) not in taken]
    sure, unsure = renames(gone, added)
    for i, j in sure.items():
        p, q = gone[i], added[j]
        pairs[p.no] = q
        out.renamed[p.no] = (f"企业名称在项目汇总表中已改为“{q.name}”（专家评分表中为“{p.name}”）：该行没有统一社会信用代码"
                             f"和来源文件可核对，按{RULE}认定为同一项目，以新名称排名；如不是同一项目，请重新生成评分表补评")
    said = {}
    for i, (js, others) in unsure.items():
        names = "”“".join(added[j].name for j in js)
        also = "、".join(f"{gone[k].no}“{gone[k].name}”" for k in others)
        said[gone[i].no] = (f"；汇总表中与它{RULE}的新项目有“{names}”" + (f"，与本轮的{also}也相近" if also else "")
                            + "，无法确定是哪一个改了名称，未按改名处理；请核实后改回名称重新汇总，或重新生成评分表")
    return said


def _pairs(projects: Sequence[Project], now: Sequence[Project]) -> dict[str, Project]:
    """项目编号 → the project the table has now: by type and 统一社会信用代码 or name, then, for a name corrected on a row
    without a code, by type and 来源文件 (the application the row was read from)."""
    out: dict[str, Project] = {}
    for same in (_same_project, lambda a, b: a.type == b.type and bool(a.source) and a.source == b.source):
        for p in projects:
            if p.no not in out:
                q = next((q for q in now if all(q is not t for t in out.values()) and same(p, q)), None)
                if q is not None:
                    out[p.no] = q
    return out
