"""The 问题 of a row kept with its last data because its source could not be read this time (本次无法读取，保留上次数据):
its last notes, less what a person typed since makes untrue. A figure typed into an amount the note said 未计入合计 (a
date in the application) is counted by every total now: said as the mismatch a read application would give (QA qa67b);
a figure typed over, or cleared since the last refresh, is said as it stands now, not as it stood then."""
from __future__ import annotations

import re
from typing import Any

from ...engine.findings import CODES
from ...engine.row_marks import withdrawn_mark
from ...engine.summary import (
    APPLICATION_SIDES,
    CODED_PART,
    PROVINCE_SIDES,
    TOO_BIG,
    bound_note,
    coded,
    summary_mismatch,
)
from ...engine.summary_amounts import typed_over_note
from ...engine.summary_table import type_short
from .summary_book import KEPT, NOT_RESENT, SummaryBook, same_value
from .summary_rows import Rows, same_in, state_key
from .summary_state import TOOL_WRITTEN, digest

_MISMATCH = coded("XC_SUMMARY_MISMATCH", CODES["XC_SUMMARY_MISMATCH"].short) + "："


def kept_problem(book: SummaryBook, rows: Rows, r: int, data_columns: tuple[str, ...], tool_notes: tuple[str, ...]
                 ) -> tuple[str, int]:
    """The 问题 of kept row ``r`` (:data:`KEPT` first) and how many mismatches it says. A 问题 a person typed into (it
    is not what the tool wrote, by the state's digest) keeps their words as they are; else the notes of each data
    column are said again from the row's cell now and what the source held when last read (the state)."""
    problem = book.get(r, "问题")
    old = [p for p in str(problem or "").split("；") if p and not p.startswith(KEPT)]
    entry = _entry(rows, r)
    written = entry.get(TOOL_WRITTEN) if entry else None
    if not isinstance(written, dict) or digest(problem, tool_notes) != written.get("问题"):
        return "；".join([KEPT, *old]), sum(p.startswith(_MISMATCH) for p in old)
    ours = (sides := PROVINCE_SIDES if rows.scope_column else APPLICATION_SIDES)[0]
    before = list(old)
    for column in data_columns:
        current, last = book.get(r, column), entry.get(column)
        if column not in entry or (isinstance(current, str) and current.startswith("=")):
            continue   # a formula (=名单!B4): what it shows is read with the source, its notes stand till then
        stale = [p for p in old if p.startswith(f"{_MISMATCH}{column}{ours}为")]
        old = [p for p in old if p not in stale] + [n for p in stale if (n := _left_note(p, column, sides))]
        if current in (None, "") or (same_value(current, last) if column == "企业名称" else same_in(column, current, last)):
            continue
        # a finding's part as the record's problem it was written from: “FIELD_AMOUNT 年度交易额（万元）空白，未计入合计…”
        problems = {p: CODED_PART.sub("", p, count=1) for p in old}
        over = typed_over_note("；".join(old), problems.values(), column, current, last, sides)
        found = over[1] if over else summary_mismatch(current, last, column, sides)
        old = [p for p in old if not over or not {p, problems[p]} & over[0]]
        if found:
            old.insert(sum(bool(CODED_PART.match(p)) for p in old), coded(found.code, found.short, found.detail or ""))
    old = before if sorted(old) == sorted(before) else old   # nothing new to say: as it stood, in its order
    said = "；".join([KEPT, *old])
    written["问题"] = digest(said, tool_notes)
    return said, sum(p.startswith(_MISMATCH) for p in old)


def _left_note(part: str, column: str, sides: tuple[str, str]) -> str:
    """The note a mismatch of a figure typed over an amount left blank or a lower bound stood for (:func:`typed_over_note`
    said it instead), as it is true again once that figure is gone: “年度交易额填的是日期（…），不是金额，未计入合计…”."""
    if sides != APPLICATION_SIDES:
        return ""
    ours, theirs = sides
    found = re.fullmatch(rf"{re.escape(f'{_MISMATCH}{column}{ours}为')}.*?，{theirs}(.*)，合计按{ours}所填计入", part)
    if not found:
        return ""
    said = found.group(1)
    if said == TOO_BIG:
        return f"{column[:-4]}{TOO_BIG}，未写入汇总表，请核对申报表"
    if re.fullmatch(r"填的是日期（[^）]*），不是金额", said):
        return f"{column[:-4]}{said}，未计入合计，请核对申报表"
    bound = re.fullmatch(r"填写“(.*)”（下限数字）", said)
    return bound_note(column, bound.group(1), theirs) if bound else ""


def _entry(rows: Rows, r: int) -> dict[str, Any] | None:
    """What the tool last wrote on row ``r`` (its state entry), found as a record finds it."""
    book = rows.book
    scope, kind, key = rows.scope_of_row(r), type_short(book.get(r, "项目类型"), rows.rules), book.row_key(r)
    return next((rows.state[k] for k in (state_key(key, scope, kind), state_key(key, scope), state_key(key))
                 if isinstance(rows.state.get(k), dict)), None)


def not_resent(book: SummaryBook, rows: Rows, before: dict[int, tuple[str, str, bool]], said: set[int], read: set[str]
               ) -> set[int]:
    """The province rows a city's summary read now leaves out that stay counted: no project of the summary each came
    from (``before``: a row's 报送市州, summary file and whether an earlier merge kept it so, before this merge) is in
    the new one — no row of it claimed by a record now, none withdrawn by the city's own mark (``said``) — so the new
    summary is no re-sending of that one: a later round's summary of its new projects only (the notice has one sent
    before 5月, 8月 and 12月), as the two files given together count both; whatever its file is named (cities name it
    alike every round) — but a summary no 市（州） is known of is known by its name alone: one ``read`` now under its
    name is that summary. Only rows still active; a summary sharing a project withdraws the rest."""
    touched = {before.get(r) for r in rows.claimed | said}
    return {r for r, came in before.items() if came[1] and (came[0] or came[1] not in read) and came not in touched
            and r not in rows.claimed and not withdrawn_mark(book.get(r, "状态"))}


def resent_note(file: str) -> str:
    """The first note in 问题 of a row :func:`not_resent` keeps."""
    return (f"{NOT_RESENT}（“{file}”）：本次的汇总表像是只列了新增的项目，这一行照样计入统计，请核实"
            "（如已撤回，请市（州）在汇总表中标注“已撤回”后重新报送）")
