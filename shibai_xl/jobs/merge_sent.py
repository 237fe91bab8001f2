"""Which summary of each 市（州） the province table was last merged from, so that a summary saved earlier than that
one, given to a later merge, does not take the city's rows back to its older figures without a word (the first
version found in a mail after the corrected one was merged; a file copied from last round's folder).

Only the save times the workbooks record tell (:func:`..engine.versions.saved_before`): a file's date on disk says
when it was downloaded, and a name like “遵义市汇总表.xlsx” is every round's. Two summaries of one city given to the
same merge are told apart as before (:func:`.merge_versions.one_version_per_city`); this is the same rule across
merges. Kept in the province table's very hidden ``_sb_sent`` sheet, one row a 市（州）."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from ..adapters.xlsx.saved_time import CHINA
from ..adapters.xlsx.summary_state import SENT_SHEET, read_state, write_state
from ..engine.summary import SummaryRecord
from ..engine.versions import saved_before
from .merge_versions import reported, summary_saved, version_names

OTHER_SENDS = "其他报送"   # in a city's row: its earlier sends of other projects


@dataclass(frozen=True)
class Sent:
    file: str               # the summary as the merge named it
    saved: float | None     # the save time it records (POSIX seconds)
    content: str            # a digest of the projects and figures it reports (:func:`content_digest`)
    projects: frozenset[str] = frozenset()   # the projects it reports or withdraws (key#项目类型, name#项目类型)


def content_digest(recs: list[SummaryRecord], gone: set) -> str:
    """What a city summary reports (:func:`.merge_versions.reported`: its projects with their figures, and those it
    withdraws), as a short digest: the same for a copy of it, in another merge too."""
    figures, withdrawn = reported(recs, gone)
    text = "\n".join([*sorted(map(repr, figures.items())), "", *sorted(map(repr, withdrawn))])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def read_sent(wb: Workbook | None) -> dict[str, list[Sent]]:
    """市（州） → the summaries of it the province table's merges last took, latest first: one a send, sends of other
    projects each kept (nothing for a table merged before this was kept, or a row that is not whole)."""
    out = {}
    for city, v in (read_state(wb, SENT_SHEET) if wb is not None else {}).items():
        others = v.get(OTHER_SENDS)
        sends = [s for s in map(_sent, [v, *(others if isinstance(others, list) else [])]) if s]
        if sends:
            out[city] = sends
    return out


def _sent(v: object) -> Sent | None:
    """One summary as a row of ``_sb_sent`` keeps it, or None when it is not whole."""
    if not isinstance(v, dict):
        return None
    saved, projects = v.get("保存时间"), v.get("项目")
    if isinstance(v.get("文件"), str) and isinstance(saved, (int, float)) and isinstance(v.get("内容"), str) \
            and isinstance(projects, list):
        return Sent(v["文件"], float(saved), v["内容"], frozenset(map(str, projects)))
    return None


def file_sent(path: Path, label: str, recs: list[SummaryRecord], gone: set) -> Sent:
    """The city summary at ``path`` (read as ``recs``, withdrawing ``gone``) as the record keeps it. Its projects are
    those it withdraws too: a May summary given after the August one that withdrew all its projects is a version of
    that one, not another send (it took the withdrawn rows back to 有效). A PC's clock set wrong records no time
    (:func:`.merge_versions.summary_saved`: the next day's correction of a summary from a PC a day ahead was left
    out as older)."""
    saved = summary_saved(path)
    names = {n for r in recs for n in version_names(r.key, r.columns.get("企业名称"), r.columns.get("项目类型"))}
    return Sent(label, saved.timestamp() if saved else None, content_digest(recs, gone),
                frozenset(f"{key}#{kind}" for key, kind in names | set(gone)))


def older_than_taken(taken: dict[str, list[Sent]], city: str, this: Sent, beside: bool = False) -> str:
    """Why ``this`` summary of ``city`` is not merged: a version of a summary the province table holds (a project of
    both) saved earlier, reporting otherwise; "" to merge it: the same projects and figures change nothing, and a
    summary of other projects only is another send (new projects a city prepared before it sent the last one).
    ``beside``: another summary of the city is merged now (the city's rows then change by that one only)."""
    sends = taken.get(city, []) if city else []
    was = next((w for w in sends if saved_before(this.saved, w.saved) and this.projects & w.projects), None)
    if was is None or any(w.content == this.content for w in sends):
        return ""
    return (f"{city}的“{this.file}”未合并：它记录的保存时间 {_when(this.saved)} 早于上次合并进全省表的“{was.file}”"
            f"（保存于 {_when(was.saved)}），内容又不同，是较早的版本；"
            + (f"{city}的各行只按本次给出的其他汇总表更新，不按这一份改动。" if beside else
               f"全省表中{city}的各行仍是按“{was.file}”合并的数据，未改动。")
            + "如确以这份为准（例如市（州）说明较晚那份有误），请用 WPS 或 Excel 打开它，“另存为”一个新文件"
            "（保存时间即为现在），再合并那个新文件")


def not_merged(taken: dict[str, list[Sent]], given: list[tuple[str, Sent]]) -> dict[int, str]:
    """Which of the summaries given now (``given``: (city, summary) each) are not merged, by their index: each older
    than the one merged last time (:func:`older_than_taken`), and why. One beside a later summary of its city is left
    out too (August's summary of new projects given with the May first version found in a mail: the first one's
    figures went back into the table, the projects the corrected one dropped came back) — unless the summary merged
    last time is given again as well: the folder a province merges from keeps both, told apart as the first time
    (:func:`.merge_versions.one_version_per_city`)."""
    again = {city for city, this in given
             if any(this.content == was.content or _same_time(this.saved, was.saved) for was in taken.get(city, []))}
    out = {i: line for i, (city, this) in enumerate(given)
           if city not in again and (line := older_than_taken(taken, city, this))}
    merged = {city for i, (city, _this) in enumerate(given) if i not in out}
    return {i: older_than_taken(taken, given[i][0], given[i][1], given[i][0] in merged) for i in out}


def _same_time(this: float | None, than: float | None) -> bool:
    """Saved within a minute of each other (:func:`saved_before` neither way): the same save, copied or converted."""
    return this is not None and than is not None and not saved_before(this, than) and not saved_before(than, this)


def record_sent(wb: Workbook, taken: dict[str, list[Sent]], merged: dict[str, list[Sent]]) -> None:
    """The summaries this merge took, into ``_sb_sent``: for each 市（州） merged, its latest by save time, and the
    sends of other projects before (:func:`_sends`); a city given a summary that records no save time and reports
    otherwise is forgotten (nothing then tells a later file from an earlier one). One reporting what another one
    does (the merged summary sent again as CSV) changes nothing: forgotten, the first version found in a mail later
    took the city's rows back."""
    now = dict(taken)
    for city, files in merged.items():
        if not city:
            continue
        timed = [f for f in files if f.saved is not None]
        known = {f.content for f in [*timed, *taken.get(city, [])]}
        if any(f.saved is None and f.content not in known for f in files):
            now.pop(city, None)
        elif timed:
            now[city] = _sends([*timed, *taken.get(city, [])])
    if now or SENT_SHEET in wb.sheetnames:
        rows = {city: {**_row(latest), OTHER_SENDS: [_row(s) for s in others]} if others else _row(latest)
                for city, (latest, *others) in now.items()}
        write_state(wb, rows, SENT_SHEET)


def _sends(files: list[Sent]) -> list[Sent]:
    """The summaries a city's rows come from, latest first: each one not a version of a later one (no project of
    both). A city's 12月 summary of its new projects only does not replace the record of its corrected May one: else
    the May first version, found in a mail, took 甲公司 back to its first figure."""
    kept: list[Sent] = []
    for f in sorted(files, key=lambda f: -(f.saved or 0.0)):
        if not any(f.projects & k.projects for k in kept):
            kept.append(f)
    return kept


def _row(s: Sent) -> dict:
    return {"文件": s.file, "保存时间": s.saved, "内容": s.content, "项目": sorted(s.projects)}


def _when(saved: float | None) -> str:
    return datetime.fromtimestamp(saved or 0.0, CHINA).strftime("%Y-%m-%d %H:%M")
