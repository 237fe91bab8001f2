"""Which of a city's several summaries the merge counts a project from (:func:`one_version_per_city`): the
later one by :mod:`..engine.versions`' rule; a copy of another (the same projects, the same figures) read once;
when nothing tells two different ones apart, the one holding every project of the others, else a refusal."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..adapters.xlsx.saved_time import CHINA, saved_time
from ..adapters.xlsx.summary_reader import SummaryRows
from ..adapters.xlsx.summary_rows import IDENTITY, same_in
from ..engine.parse.text import normalize
from ..engine.renames import alike, close, renames
from ..engine.summary import SummaryRecord, applicant_key
from ..engine.summary_table import SCOPE_COLUMN, type_short
from ..engine.versions import SAVED_APART, Version, rank, why_later, without_copies
from ..errors import WrongKind
from ..rules import load

Files = list[tuple[Path, list[SummaryRecord]]]


def summary_saved(path: Path) -> datetime | None:
    """When a city summary records it was saved; None also for a time before the notice's year (申报时间 2024年4月-12月)
    or after now: a PC's clock set wrong, not a time (the August summary from a PC whose clock said 2019 was taken
    for the older version of the May one)."""
    saved = saved_time(path)
    if saved and (saved.astimezone(CHINA).year < load().year or saved.timestamp() > time.time() + SAVED_APART):
        return None
    return saved


def reported(recs: list[SummaryRecord], gone: set) -> tuple[dict[tuple, tuple], frozenset]:
    """What a summary reports: each project (key, type) → its figures; and the projects it withdraws. Two summaries
    reporting the same are copies of one (:func:`newest_first`; :func:`.merge_sent.content_digest` across merges)."""
    return {(r.key, r.type, str(r.columns.get("项目类型"))): tuple(sorted(r.columns.items(), key=repr)) for r in recs
            }, frozenset(gone)


def _holds(a: tuple[dict, frozenset], b: tuple[dict, frozenset]) -> bool:
    """Whether summary ``a`` reports every project of ``b`` with the same figures (and withdraws what ``b`` does)."""
    return a[0].items() >= b[0].items() and a[1] >= b[1]


def newest_first(city: str, files: Files, labels: dict[Path, str], gone: dict[Path, set]
                 ) -> tuple[Files, str, str, str]:
    """(the city's summaries to count, the later first; the terminal's words for the one counted first and how it
    was told; the same for its rows' 问题; the line naming the copies left out, or ""). Raises WrongKind naming them
    when nothing tells two different summaries apart."""
    content = {p: reported(recs, gone[p]) for p, recs in files}
    saved: dict[Path, datetime | None] = {p: summary_saved(p) for p, _r in files}   # only for a city that sent two

    version = {p: Version(labels[p], saved[p].timestamp() if saved[p] else None, p.stat().st_mtime) for p, _r in files}

    def ranked_of(some: Files):
        return rank([version[p] for p, _r in some])

    kept, pairs = without_copies([files[i] for i in ranked_of(files).order], lambda f, k: content[f[0]] == content[k[0]])
    copies = [(c[0], k[0]) for c, k in pairs]     # (the copy left out, the one read: the later of them)
    for c, k in copies:     # on the rows counted too: the file beside it was not forgotten
        for r in dict(files)[k]:
            r.note = "；".join(x for x in (r.note, f"{city}的“{labels[c]}”与“{labels[k]}”内容相同，只计入一次") if x)
    said_copies = "；".join(f"“{labels[c]}”与“{labels[k]}”内容相同（项目和数据完全相同，是同一份汇总表的副本），只读取一次"
                            for c, k in copies)
    if len(kept) == 1:
        return kept, "", "", said_copies
    ranked = ranked_of(kept)
    kept = [kept[i] for i in ranked.order]
    tied = kept[:len(ranked.tied)]     # the ranked order puts them first
    if not tied:
        first = kept[0][0]
        at = f"{saved[first].astimezone(CHINA):%Y-%m-%d %H:%M}" if saved[first] else ""
        when = {"saved": f"按较晚保存的“{labels[first]}”（工作簿内记录的保存时间 {at}）",
                "modified": f"按较晚保存的“{labels[first]}”（按文件修改时间；" + (
                    "工作簿内没有记录保存时间）" if None in saved.values() else "工作簿内记录的保存时间相差不到一分钟）"),
                "name": f"按较晚的“{labels[first]}”（保存时间、文件修改时间分不出先后，文件名注明“{ranked.marker}”）",
                "seconds": f"按较晚保存的“{labels[first]}”（工作簿内记录的保存时间 {at}:{saved[first].astimezone(CHINA):%S}，"
                           "相差不到一分钟；文件修改时间和文件名分不出先后）" if saved[first] else "",
                }[ranked.by]
        warn = f"；{ranked.contrary}" * bool(ranked.contrary)
        return kept, when + warn, why_later(ranked) + warn.replace("；", "，"), said_copies
    top = next((f for f in tied if all(_holds(content[f[0]], content[g[0]]) for g in tied)), None)
    if top is None:
        names = "、".join(f"“{labels[p]}”" for p, _r in tied)
        raise WrongKind(f"{city}有 {len(tied)} 个汇总表{names}，内容不同，无法判断以哪份为准：工作簿内记录的保存时间相同或"
                        "没有记录，文件修改时间相同，文件名也看不出哪份是修改后的。请与" + city + "确认以哪份为准，把其余的移出"
                        "（或合并时只给出以之为准的一份）后重新合并；全省汇总表未改动")
    others = "、".join(f"“{labels[p]}”" for p, _r in tied if p != top[0])
    why = f"保存时间、文件修改时间和文件名都分不出先后，它包含{others}的全部项目且数据相同，另有其他项目"
    return [top] + [f for f in kept if f is not top], f"按“{labels[top[0]]}”（{why}）", why, said_copies


@dataclass
class _Named:
    """A record as :func:`.renames.renames` compares it (the city's own: no code, no source)."""
    name: Any
    type: str
    city: str
    rec: SummaryRecord
    uscc: str = ""
    source: str = ""


def corrected(city: str, files: Files, labels: dict[Path, str], names: Callable[[SummaryRecord], set]
              ) -> tuple[dict[int, SummaryRecord], list[str]]:
    """Id of an earlier summary's record → the latest summary's (``files[0]``) record that is it, its 企业名称
    corrected (有线公司 → 有限公司), whose 问题 says so: else the earlier one is counted too, the project twice. Each
    in no other file (by ``names``), without a code, of the same type, the names :func:`.renames.close` and each the
    other's only such; a character replaced only when 县区、地址、联系人、电话 are the same in both (else another
    company). → those, and the terminal's line of each."""
    def side(r: SummaryRecord) -> _Named:
        return _Named(r.columns.get("企业名称"), type_short(r.columns.get("项目类型")) or "", city, r)

    def same(a: _Named, b: _Named) -> bool:
        said = [c for c in IDENTITY if normalize(a.rec.columns.get(c))]
        return a.type == b.type and close(a.name, b.name) and (alike(a, b) or bool(said) and all(
            same_in(c, a.rec.columns.get(c), b.rec.columns.get(c)) for c in said))

    newest = set().union(*map(names, files[0][1]))
    older = set().union(*(names(r) for _p, recs in files[1:] for r in recs))
    file = {id(r): p for p, recs in files[1:] for r in recs}
    old = [side(r) for _p, recs in files[1:] for r in recs
           if not r.uscc and r.columns.get("企业名称") and not names(r) & newest]
    new = [side(r) for r in files[0][1] if not r.uscc and r.columns.get("企业名称") and not names(r) & older]
    pairs, _ = renames(old, new, same)
    said = []
    for i, j in pairs.items():
        was, now = old[i].rec, new[j].rec
        words = (f"企业名称在{city}较早的汇总表“{labels[file[id(was)]]}”中为“{normalize(was.columns.get('企业名称'))}”"
                 "（名称相近，都没有统一社会信用代码，认作同一项目，只计入一次，请核实）")
        now.note = "；".join(x for x in (now.note, words) if x)
        said.append(f"{city}：“{labels[files[0][0]]}”中的“{normalize(now.columns.get('企业名称'))}”{words}")
    return {id(old[i].rec): new[j].rec for i, j in pairs.items()}, said


def province_rows_of_one_city(summary: SummaryRows) -> bool:
    """Whether a summary is a city's to merge by its columns: one without the province table's 报送市州 is; one with
    it is the province table sent back (to check, to add to) — a city's only when every row it holds is the city's
    own, its title or file name naming that city: read so, said (its 问题、来源文件 … are the province's, not read)."""
    scopes = {normalize(row.get(SCOPE_COLUMN)) for row in summary.rows if SCOPE_COLUMN in row}
    if not scopes:
        return True
    if scopes - {""} != {summary.city} or not summary.city:
        return False
    summary.notes.append(f"是全省汇总表的格式（有“{SCOPE_COLUMN}”等列），其中的行都是{summary.city}的，按{summary.city}的汇总表读取")
    return True


def version_names(key: str, name: object, kind: object) -> set[tuple[str, str]]:
    """What finds a project in another summary of the same city: its key and its name, each with its 项目类型."""
    kind = normalize(type_short(kind) or kind)
    return {(k, kind) for k in {key, applicant_key(None, name)} if k}


def one_version_per_city(read: list[tuple[Path, str, list[SummaryRecord], set[tuple[str, str]]]],
                          report: Any, labels: dict[Path, str]) -> list[SummaryRecord]:
    """Two summaries of one city ("遵义市汇总表.xlsx" and "遵义市汇总表(修改版).xlsx") are versions, never twice
    the projects: a project both report is counted once, from the later file (:func:`newest_first`:
    the later saved, else the later file date, else the name saying 终版/修改版; a copy read once; nothing telling
    two different ones apart, a refusal naming them) and its row says which and why; a project only the earlier
    file has is counted and its row says so, for a person to tell a deleted row from a file that only added rows."""
    by_city: dict[str, list[tuple[Path, list[SummaryRecord]]]] = {}
    withdrawn_in = {path: gone for path, _c, _r, gone in read}
    for path, city, recs, _w in read:
        by_city.setdefault(city, []).append((path, recs))
    out: list[SummaryRecord] = []
    for city, files in by_city.items():
        if len(files) < 2 or not city:
            out += [r for _p, recs in files for r in recs]
            continue
        files, lead, reason, copies = newest_first(city, files, labels, withdrawn_in)
        report.versions += [f"{city}：{copies}"] * bool(copies)
        if len(files) < 2:
            out += files[0][1]
            continue
        older = "、".join(f"“{labels[p]}”" for p, _r in files[1:])
        older_names = {n for _p, recs in files[1:] for r in recs
                       for n in version_names(r.key, r.columns.get("企业名称"), r.columns.get("项目类型"))}
        renamed, said = corrected(city, files, labels,
                                  lambda r: version_names(r.key, r.columns.get("企业名称"), r.columns.get("项目类型")))
        report.versions += said
        seen: dict[tuple[str, str], Path] = {}
        kept: dict[tuple[str, str], SummaryRecord] = {}   # a name → the record counted for it
        block: list[SummaryRecord] = []     # the city's rows: the newest file's, each older-only one after its
        replaced: dict[Path, int] = {}      # row's predecessor in its own file (where the city typed it)
        only: dict[Path, int] = {}
        withdrawn: dict[Path, int] = {}
        gone: set[tuple[str, str]] = set()      # withdrawn in a later summary: never counted from an earlier one
        for path, recs in files:
            mine = []
            after: SummaryRecord | None = None     # the record counted for this file's previous row
            for r in recs:
                names = version_names(r.key, r.columns.get("企业名称"), r.columns.get("项目类型"))
                newer = next((seen[n] for n in names if n in seen and seen[n] != path), None)
                if newer or id(r) in renamed:   # the later file's, or its name corrected there
                    replaced[path] = replaced.get(path, 0) + 1
                    after = renamed.get(id(r)) or next(kept[n] for n in names if n in kept and seen[n] != path)
                    continue
                if names & gone:
                    withdrawn[path] = withdrawn.get(path, 0) + 1
                    continue
                if path == files[0][0] and names & older_names:    # which file counts, and why, on its row too
                    also = f"同一项目也在{city}的{older}中，按“{labels[path]}”计入（{reason}）"
                    r.note = "；".join(x for x in (r.note, also) if x)
                elif path != files[0][0]:
                    only[path] = only.get(path, 0) + 1
                    r.note = "；".join(x for x in (r.note, f"只在{city}较早的汇总表“{labels[path]}”中有这一行，较晚的"
                                                          f"“{labels[files[0][0]]}”中没有：请核实是否已删除") if x)
                mine.append((r, names))
                at = 0 if after is None else next(i for i, x in enumerate(block) if x is after) + 1
                block.insert(len(block) if path == files[0][0] else at, r)
                after = r
            for r, names in mine:
                for n in names:
                    seen.setdefault(n, path)
                    kept.setdefault(n, r)
            gone |= {n for n in withdrawn_in[path] if n not in seen}
        line = f"{city}有 {len(files)} 个汇总表：同一项目只计入一次，{lead}；较早的{older}中被替代 {sum(replaced.values())} 项"
        if withdrawn:
            line += f"，在较晚的表中已撤回的 {sum(withdrawn.values())} 项不计入"
        if only:
            line += (f"，只在较早的表中出现的 {sum(only.values())} 项照样计入（排在较早的表中它上面的那一行之后），"
                     "“问题”列已注明，请核实")
        report.versions.append(line)
        out += block
    return out
