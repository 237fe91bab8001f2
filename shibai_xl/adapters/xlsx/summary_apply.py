"""Records into the rows of the 项目汇总表's sb_summary table (:func:`apply_records`): the refresh of a city's
applications and the merge of the cities' rows alike. A row is found by its project, never by file name; the
columns a person changed are kept (and said, XC_SUMMARY_MISMATCH); a row whose source cannot be read this time
keeps its data; one whose source is read and no longer has the project is 已撤回, never deleted."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import datetime
from hashlib import blake2b
from typing import Any

from openpyxl.workbook.workbook import Workbook

from ...engine.batches import batch_month, filled_after, is_month, same_batch
from ...engine.findings import Finding
from ...engine.parse.text import as_picture, company_key, normalize, said_name
from ...engine.row_marks import CITY_SAID, PART_STRUCK_NOTE, STRUCK, withdrawn_mark, withdrawn_where
from ...engine.summary import (
    APPLICATION_SIDES,
    FORM_UNREAD,
    PROVINCE_SIDES,
    SummaryRecord,
    SummaryUpdate,
    arrange,
    problem_parts,
    summary_mismatch,
)
from ...engine.summary_amounts import typed_over_note
from ...engine.summary_table import (
    SCOPE_COLUMN,
    source_label,
    type_short,
)
from ...rules import Status, load
from .cells import within_a_cell
from .formula_results import FormulaResults
from .problem_sheet import write_problem_sheet
from .struck_cells import struck_in_part
from .summary_book import (
    ACTIVE,
    BATCH,
    DATA_COLUMNS,
    KEPT,
    NOT_RESENT,
    PAPER_NOTE,
    TEXT_AMOUNTS,
    WITHDRAWN,
    WITHDRAWN_BY_CITY,
    WITHDRAWN_BY_HAND,
    WITHDRAWN_NOTE,
    WITHDRAWN_REPLACED,
    WITHDRAWN_TWIN,
    SummaryBook,
    inserted_rows,
    same_value,
)
from .summary_bounds import mark_bound_totals
from .summary_changes import row_changes
from .summary_count_lines import stale_counts
from .summary_inserts import follow_inserted
from .summary_kept import kept_problem, not_resent, resent_note
from .summary_order import still_out_of_place
from .summary_rows import Rows, row_values, same_in, state_key
from .summary_rules import carry_column_formulas, carry_rules
from .summary_state import TOOL_WRITTEN, digest

# in a project's state: 不达标 in its 批次, 达标/待定 since a refresh without --batch (to move at the next with one)
WAITING = "待换批次"
STATUS = "前置条件"
VERIFY_SETTLED = "SHIBAI_VERIFY_SETTLED"   # set (the test suite): each settled row is applied all the same, and checked
# in a project's state: its 前置条件 (or 已撤回) at the last refresh given its own 批次 — what that batch's round saw
IN_BATCH = "本批次结论"
# a state key's "§2": the project's second row in the same city's summary (a row pasted twice), remembered apart
OCCURRENCE = "§"
STATUS_BY_HAND = f"{WITHDRAWN_BY_HAND}：“状态”"   # the 问题 note of a row whose 状态 a person typed 已撤回
BY_HAND_PROBLEM = f"{WITHDRAWN_BY_HAND}：“问题”"   # … of a row whose 问题 a person typed 已撤回 (the note stands for it)
_HAND_END = "），本行不计入统计"   # where that note's account of what the person typed ends
# the tool's columns a person may take for theirs: written over at every refresh, said when a person typed there;
# the notes the tool itself puts before a kept or withdrawn row's 问题 are no person's
TYPED_OVER = ("前置条件", "自动评分", "问题", "来源文件", "统一社会信用代码")
WITHDRAWN_NOTES = (WITHDRAWN_NOTE, WITHDRAWN_REPLACED, WITHDRAWN_TWIN, WITHDRAWN_BY_CITY)   # the tool's own 已撤回
TOOL_NOTES = (KEPT, NOT_RESENT, *WITHDRAWN_NOTES)
STATE_NOTES = (KEPT, NOT_RESENT, WITHDRAWN)   # the notes of a row's state, first in its 问题 (a city's, in the province's)


def _as_written(column: str, current: Any, written: Any) -> bool:
    """Whether a cell still holds what the tool wrote there (:func:`.summary_rows.same_in`), so that the form's value replaces it;
    a company's name spelt otherwise (有限责任公司 for the form's 有限公司, another case) is a person's correction,
    though the two name one company when rows are matched."""
    return same_value(current, written) if column == "企业名称" else same_in(column, current, written)


def apply_records(wb: Workbook, records: list[SummaryRecord], cross: dict[str, list[Finding]], batch: str | None,
                  now: datetime, data_columns: tuple[str, ...] = DATA_COLUMNS, scope_column: str | None = None,
                  scopes: Iterable[str] = (), held_scopes: Iterable[str] = (), in_order: bool = False,
                  withdrawn: Iterable[SummaryRecord] = (), said: Iterable[SummaryRecord] = (),
                  untouched: bool = False, settled: dict[str, str] | None = None) -> SummaryUpdate:
    """Fill or update the sb_summary table from the records (applications, or the rows of city summaries).

    A record finds its row by 统一社会信用代码 and project type, else by normalised 企业名称 (a row pasted
    without a code), never by file name. With ``scope_column`` (the province: 报送市州) rows are matched
    within their city, and only the cities in ``scopes`` are replaced; rows of ``held_scopes`` and rows whose
    source file could not be read this time keep their last data, flagged 本次无法读取. A row is marked
    已撤回 only when its source is read and the project is no longer in it. New rows are written in the order of
    their source files' names, or with ``in_order`` as the records are given (the merge: a city's rows in the
    city's own order, which its sources "（第10行）" and "（第4行）" compared as text are not). ``withdrawn``: rows a
    city's table marks withdrawn that the province table does not have yet, written at its end as 已撤回 with their
    ``note`` (never left out without a word); ``said``: every row a city's table marks withdrawn, whose ``note`` (where
    the city said so) a row of the province table it withdraws says instead of the tool's own. ``settled``: a city's
    refresh of a summary file — the marks of the rows its last refresh left with nothing to say again (the result's
    ``settled`` gives this one's); ``untouched``: the summary is, byte for byte, the file that refresh wrote: a row
    whose mark is what it reads now is left as it is (:meth:`_RowUpdate._settled_mark`).
    """
    book = SummaryBook(wb)
    batch_gone = BATCH not in book.cols   # the tool's 批次 column deleted by a person: each project's comes back
    book.prepare()
    for name in data_columns:
        if name not in book.cols:
            book._add_column(name)
    book.refuse_merged_project_cells(data_columns)
    result = SummaryUpdate()
    state = book.read_state()
    good = [r for r in records if not r.error and r.key]
    if not in_order:
        good.sort(key=lambda r: r.file)
    listed = [r for r in records if r.error]
    # the files not read: their rows keep their data (a file read whose other form was not is read: FORM_UNREAD)
    unreadable = [r for r in listed if r.type != FORM_UNREAD]
    rows = Rows(book, scope_column, {r.uscc for r in good if r.uscc}, state,
                 {company_key(r.columns.get("企业名称")) for r in good})
    said = list(said)
    rows.pair_renamed(good, {(rows.scope_of(r), company_key(r.columns.get("企业名称"))) for r in said})
    update = _RowUpdate(book, state, cross, batch, now.strftime("%Y-%m-%d %H:%M"), data_columns)
    update.batch_back = batch_gone and not scope_column
    update.settles = settled is not None and not scope_column
    update.marks = (settled or {}) if untouched and update.settles and not batch_gone else {}
    held_files = {name for r in unreadable for name in _names(r.file)}
    # the summary each province row came from, before a record claims it; a row kept as not in its city's later summary
    # of new projects is of a send of its own (that summary may have its file's name: “安顺市汇总表.xlsx” every round)
    before = {r: (rows.scope_of_row(r), summary_file(source_label(book.get(r, "来源文件"))),
                  str(book.get(r, "问题") or "").startswith(NOT_RESENT)) for r in rows.rows} if scope_column else {}
    last = book.data_rows().stop - 1    # a person's rules down to it reach the rows added (carry_rules)
    done = len(inserted_rows(book.ws))
    typed: list[str] = []   # rows a person typed (no 来源文件, no code the tool wrote) that an application now claims
    for rec in good:
        scope = rows.scope_of(rec)
        row = rows.find(rec, scope)
        source = "" if row is None else source_label(book.get(row, "来源文件"))
        if source and source != rec.file and _held(source, held_files):
            # the version summarised last time is there but cannot be read: its row keeps its data (below), not
            # another version's (an older one beside it took the row back to its figures without a word)
            result.notes.append(f"“{rec.file}”与本次无法读取的“{source}”是同一项目（{said_name(rec.columns.get('企业名称'))}），"
                                f"这一行保留上次按“{source}”汇总的数据，未按“{rec.file}”更新：请重新提供完好的“{source}”，"
                                "或把不再使用的版本移出文件夹后再刷新")
            continue
        fresh = row is None
        typed += [] if fresh or scope_column or not state else _typed_claimed(book, row, source, rec)
        if fresh:
            row = book.new_row()
            book.put(row, "序号", book.next_serial())
            result.added += 1
        rows.claimed.add(row)
        update.apply(rec, row, scope, fresh, result)
    _add_withdrawn(book, rows, withdrawn, data_columns, update)
    result.notes += [f"手工填写的 {len(typed)} 个项目已对应到文件夹中的申报表，以后按申报表更新（市州评分和自己加的列保留；"
                     "手工填写的与申报表不同的，保留所填并在“问题”列注明）：" + "、".join(typed)] if typed else []
    covered = set(scopes) | {rows.scope_of(r) for r in good}
    read_files = {summary_file(r.file) for r in good} if scope_column else set()
    typed_by_hand = _keep_or_withdraw(book, rows, unreadable, covered, set(held_scopes), update.stamp, result, read_files,
                      {} if scope_column else {r.file: r for r in good},
                      {(rows.scope_of(r), r.key, type_short(r.columns.get("项目类型"))): r.note for r in said},
                      data_columns, before)
    follow_inserted(book.wb, book.ws, inserted_rows(book.ws)[done:])
    last += sum(r <= last for r in inserted_rows(book.ws)[done:])   # a 合计 row moved down: its rules with it
    carry_rules(book.ws, book.r0, last, book.data_rows().stop - 1)
    carry_column_formulas(book.ws, book.table, range(last + 1, book.data_rows().stop))
    if not scope_column:
        update.note_withdrawn(rows)
        update.stamp_typed(rows, result)
    result.notes += rows.notes + _batch_notes(update)
    if result.not_resent:
        result.notes.append(f"{len(result.not_resent)} 个项目不在其市（州）本次报送的汇总表中，与它们同在一份汇总表中的"
                            f"其他项目也都不在（本次的汇总表像是只列了新增的项目），照样计入统计、没有标为已撤回：{'、'.join(result.not_resent)}。"
                            "请核实；市（州）确已撤回的，请在汇总表中标注“已撤回”后重新报送")
    if scope_column and result.restored:
        result.notes.append(f"全省表中手工删除的 {len(result.restored)} 行已按市（州）汇总表重新加入："
                            f"{'、'.join(result.restored)}。市（州）汇总表中仍有这些项目，每次合并都会加回；确实要去掉的，请市（州）在汇总表中标为撤回后重新报送")
    if update.typed_over:
        source = "市（州）汇总表" if scope_column else "申报表"
        result.notes.append(f"{len(update.typed_over)} 处本工具的列被手工改过，已按{source}重新写入："
                            f"{'、'.join(update.typed_over)}。这几列每次刷新都由{source}得出，手工写的不保留：要改，请改"
                            f"{source}；自己的意见请写在“市州评分”或自己加的列（如“审核意见”）中")
    if update.by_hand:
        where = "市（州）汇总表中仍有这一行" if scope_column else "申报表仍在文件夹中"
        _say_kept_withdrawn(result, f"{len(update.by_hand)} 个项目在汇总表中手工标为撤回（{where}）", update.by_hand,
                            "合并" if scope_column else "刷新")
    if typed_by_hand:
        _say_kept_withdrawn(result, f"{len(typed_by_hand)} 个手工填写的项目在汇总表中标为撤回", typed_by_hand,
                            "合并" if scope_column else "刷新")
    result.notes += _part_struck(book, rows)
    totals, stale = book.fix_total(), stale_counts(book)
    result.notes += book.notes + totals + mark_bound_totals(book) + stale
    # true while the summary stays as it is left: said again by a refresh that finds nothing new to write
    result.standing += book.stranded_rows() + still_out_of_place(book) + [n for n in totals if TEXT_AMOUNTS in n] + stale
    result.notes += book.stranded_rows()
    result.outside = [f"第{r}行 {name}" for r, name in book.outside_projects()]
    if result.outside:
        result.notes.append(f"表格下方的合计行、填报人行之下另有 {len(result.outside)} 行项目，不在汇总表表格内，"
                            f"未计入统计：{'、'.join(result.outside)}；报送后全省合并会计入它们，与本表合计不一致，"
                            "请把它们移到合计行上方（表格内）后再刷新")
    book.write_state(state)
    result.unreadable = len(listed)
    write_problem_sheet(book, listed)
    result.changed = book.changed
    return result


def _typed_claimed(book: SummaryBook, row: int, source: str, rec: SummaryRecord) -> list[str]:
    """“第N行名称（file）” of a row a person typed (a project sent on paper: no 来源文件, no code the tool wrote) that an
    application put into the folder since now claims, else none: said, the row following the form from now on."""
    return [] if source or book.get(row, "统一社会信用代码") else [
        f"第{row}行{said_name(book.get(row, '企业名称'))}（{rec.file}）"]


def _add_withdrawn(book: SummaryBook, rows: Rows, withdrawn: Iterable[SummaryRecord], data_columns: tuple[str, ...],
                   update: _RowUpdate) -> None:
    """Rows a city's table marks withdrawn that the province table does not have yet: written at its end as 已撤回
    with the city's note, and remembered as any row the tool writes — restored by the city later, its new figures
    and 批次 replace these (else they pass for a person's edit, kept, and the project stays in a batch reviewed)."""
    for rec in withdrawn:
        row = book.new_row()
        rows.claimed.add(row)   # its note is the city's, not that of a row gone from the city's table
        for column, value in {"序号": book.next_serial(), **{c: rec.columns.get(c) for c in data_columns},
                              "来源文件": rec.file, "统一社会信用代码": rec.uscc, "状态": WITHDRAWN, "问题": rec.note,
                              "更新时间": update.stamp}.items():
            book.put(row, column, value)
        if rec.key:
            key = state_key(rec.key, rows.scope_of(rec), type_short(rec.columns.get("项目类型"), update.rules))
            update.state.setdefault(key, {c: rec.columns.get(c) for c in data_columns})


def _batch_notes(update: _RowUpdate) -> list[str]:
    """What the terminal says of the batches a refresh gave back (its column deleted) or a merge kept."""
    notes = []
    if update.kept_batches:
        notes.append(f"{len(update.kept_batches)} 个项目在市（州）汇总表中的批次晚于全省表中的批次，而它们在原批次时达标或待定、"
                     "已列入那一轮评审（市（州）可能为本轮新建了汇总表），全省表保留原批次，本轮不再评审："
                     + "、".join(update.kept_batches) + "。确需再次评审的，请在全省表中把“批次”改为本轮")
    if update.batches_back:
        notes.append(f"汇总表中的“批次”列被删除，已重新加上，{update.batches_back} 个项目的批次已按上次刷新的记录恢复"
                     "（专家评审按批次选取每一轮的项目）；打印时本工具的列不印出，请不要删除它们")
    return notes


class _RowUpdate:
    """One record written into its row: the tool's columns, and the 附件4 columns a person did not change."""

    def __init__(self, book: SummaryBook, state: dict[str, dict[str, Any]], cross: dict[str, list[Finding]],
                 batch: str | None, stamp: str, data_columns: tuple[str, ...]) -> None:
        self.book, self.state, self.cross, self.batch = book, state, cross, batch
        self.stamp, self.data_columns, self.rules = stamp, data_columns, load()
        self.waiting: set[int] = set()   # rows 不达标 in their batch, 达标/待定 at a refresh without a batch
        self.seen: dict[str, int] = {}   # state keys written this run: a project on two rows of one city's summary
        self.by_hand: list[str] = []     # projects a person marked withdrawn in the summary (name and where)
        self.typed_over: list[str] = []  # the tool's cells a person typed into, written over (name, column, text)
        self.batch_back, self.batches_back = False, 0   # the 批次 column deleted by a person: rows given theirs back
        self.kept_batches: list[str] = []   # the province: projects a city's summary gives a later batch, kept in theirs
        self.settles = False     # a city's refresh of its file: rows whose update leaves nothing to say again are marked
        self.marks: dict[str, str] = {}   # the last refresh's marks, the summary untouched since: settled rows are left
        self.verify = bool(os.environ.get(VERIFY_SETTLED))

    def apply(self, rec: SummaryRecord, row: int, scope: str, fresh: bool, result: SummaryUpdate) -> None:
        book = self.book
        kind = type_short(rec.columns.get("项目类型"), self.rules)
        bare_key, own_key = state_key(rec.key), state_key(rec.key, scope, kind)
        nth = self.seen[own_key] = self.seen.get(own_key, 0) + 1
        if nth > 1:   # its second row remembers what the tool wrote there, else one row's figures pass for the
            # other's and a person's correction of it is overwritten as if the tool had written it (QA)
            own_key += f"{OCCURRENCE}{nth}"
        last = self.state.get(own_key) or (self.state.get(bare_key, {}) if nth == 1 else {})
        if fresh and last and SCOPE_COLUMN in self.data_columns:   # the province's row a person deleted: back, said
            result.restored.append(f"{said_name(rec.columns.get('企业名称')) or rec.file}（{scope or '未识别市州'}）")
        mark = self._settled_mark(rec, row, scope, kind) if own_key in self.marks and nth == 1 and not fresh else None
        if mark is not None and self.marks[own_key] == mark and own_key in self.state:
            if self.verify:
                self._verify_settled(rec, row, scope, own_key, result)   # tests: the whole apply, which must do nothing
            else:
                result.unchanged += 1
            result.settled[own_key] = mark
            result.left += 1
            return
        standing = self._standing(result)
        before = book.changed
        book.changed = False
        # the row found by its name, written when the form had no code (or by a code since corrected): what the tool
        # wrote there is under the row's own key, else the new figures would pass for a person's edit (QA)
        row_key = "" if fresh or last else state_key(book.row_key(row), scope, kind)
        if row_key and row_key != own_key and row_key not in self.seen:
            last = self.state.pop(row_key, {})
        if BATCH in self.data_columns and rec.columns.get(BATCH) in (None, "") and last.get(BATCH) not in (None, ""):
            # the province: a city summary re-sent without 批次 (the official 附件4 has no such column) keeps the
            # project in the batch it had — else its round's projects come back in every later round
            rec.columns[BATCH] = last[BATCH]
        where = "" if fresh else withdrawn_by_hand(book, row)
        by_hand = where and by_hand_note(where)
        if BATCH in self.data_columns and not fresh:
            self._keep_reviewed_batch(rec, row, last)
        if not fresh and (changed := row_changes(rec, scope, last, row_values(book, row), self.data_columns)):
            result.city_changed.append(changed)
            result.changed_rows.append(row)
        mismatches, untrue = self._data_columns(rec, row, fresh, last)
        result.mismatches += len(mismatches)
        was_status = None if fresh else book.get(row, "前置条件")
        found = problem_parts([p for p in rec.problems if p[2] not in untrue] if untrue else rec.problems,
                              self.cross.get(rec.file, []) + mismatches)
        # a city's note that its printed row is cut (the 全省 table's own is said again, by its own widths); an amount
        # left blank or a bound a person has since typed over (its mismatch says it)
        note = [p for p in (rec.note or "").split("；") if p and not p.startswith(PAPER_NOTE) and p not in untrue]
        # the row's state (withdrawn by hand: its note has its own "；"), then the findings, then the other notes
        said = (by_hand, *arrange([*note, *found, book.paper_note(row)], STATE_NOTES))
        tool = {"前置条件": rec.status, "自动评分": rec.score, "问题": within_a_cell("；".join(t for t in said if t)),
                "来源文件": rec.file, "统一社会信用代码": rec.uscc}
        # a withdrawal typed in 问题 is kept as its note, said as the withdrawal, not as typing written over
        self._typed_over(rec, row, last.get(TOOL_WRITTEN) if not fresh else None,
                         {c: v for c, v in tool.items() if c != "问题" or not where.startswith("“问题”")})
        for column, value in tool.items():
            book.put(row, column, value)
        self._batch(rec, row, last, fresh, result, was_status)
        self._status(rec, row, fresh, bool(by_hand), result)
        if by_hand:
            self.by_hand.append(f"{said_name(rec.columns.get('企业名称')) or rec.file}（{where}）")
        if book.changed:
            book.put(row, "更新时间", self.stamp)
            book.fit_height(row)
            if not fresh:
                result.updated += 1
        else:
            result.unchanged += 1
        book.changed = before or book.changed
        if own_key != bare_key and nth == 1:
            self.state.pop(bare_key, None)   # written by an older version under the bare key
        self.state[own_key] = ({c: rec.columns.get(c) for c in self.data_columns}
                                 | {TOOL_WRITTEN: {c: digest(book.get(row, c), TOOL_NOTES) for c in TYPED_OVER}}
                                 | self._batch_state(row, WITHDRAWN if by_hand else rec.status, last)
                                 | ({WAITING: True} if row in self.waiting else {}))
        if self.settles and nth == 1 and self._standing(result) == standing:
            # nothing said that the next refresh says again: the same record, findings and batch finding the row as
            # it is now written, it writes nothing and says nothing (checked: SHIBAI_VERIFY_SETTLED)
            result.settled[own_key] = self._settled_mark(rec, row, scope, kind)

    def _status(self, rec: SummaryRecord, row: int, fresh: bool, by_hand: bool, result: SummaryUpdate) -> None:
        """状态: 已撤回 where a person marked the row so, else 有效 — a row 已撤回 made valid again (its file put back in
        the folder, a person's mark taken off) said by its name."""
        if not fresh and not by_hand and self.book.get(row, "状态") == WITHDRAWN:
            result.back.append(said_name(rec.columns.get("企业名称")) or rec.file)
        self.book.put(row, "状态", WITHDRAWN if by_hand else ACTIVE)

    # a row is settled when its update left nothing to say again (a person's value kept, a withdrawal by hand, a batch
    # waiting or missing): while the summary is untouched, the same record with the same findings finds it as written
    # and has nothing to do — all it tells is one more row unchanged
    def _settled_mark(self, rec: SummaryRecord, row: int, scope: str, kind: str) -> str:
        """A digest of all a row's apply reads besides the state: the record, its cross-findings, the batch and
        the row's cells."""
        read = (rec.key, rec.file, str.__str__(rec.type), str.__str__(rec.status), rec.score, rec.uscc, rec.note,
                [(code, str.__str__(severity), text) for code, severity, text in rec.problems],   # as cached, read or not
                rec.columns, self.cross.get(rec.file), self.batch, scope, kind,
                [_as_saved(v) for v in row_values(self.book, row).values()])
        return blake2b(repr(read).encode(), digest_size=8).hexdigest()

    def _standing(self, result: SummaryUpdate) -> tuple[int, ...]:
        """How much this update has said so far of what the next one would say again of the same row: a person's
        value kept (a mismatch), a withdrawal by hand, a batch waiting or missing."""
        return (result.mismatches, len(self.by_hand), len(result.waiting), len(result.unbatched), len(self.waiting),
                len(self.kept_batches))

    def _said(self, result: SummaryUpdate) -> tuple[int, ...]:
        """How much this update has said so far (the standing notes, typing written over, rows restored, batches)."""
        return (*self._standing(result), len(self.typed_over), len(result.restored), len(result.moved),
                len(result.stamped), self.batches_back)

    def _verify_settled(self, rec: SummaryRecord, row: int, scope: str, key: str, result: SummaryUpdate) -> None:
        """The whole apply of a settled row, which must write, say and remember nothing new (the test suite runs
        every refresh so: SHIBAI_VERIFY_SETTLED)."""
        entry, said, updated, unchanged = dict(self.state[key]), self._said(result), result.updated, result.unchanged
        self.seen[key] -= 1
        marks, self.marks = self.marks, {}
        try:
            self.apply(rec, row, scope, False, result)
        finally:
            self.marks = marks
        if self._said(result) != said or (result.updated, result.unchanged) != (updated, unchanged + 1) \
                or self.state[key] != entry or result.settled.get(key) != marks[key]:
            raise AssertionError(f"settled row {row} of {rec.file} changed: {entry} → {self.state[key]}")

    def _typed_over(self, rec: SummaryRecord, row: int, written: Any, tool: dict[str, Any]) -> None:
        """Note the tool's cells of a row that a person typed into since the last refresh (they no longer hold what
        the tool wrote, as the state's digests tell) and that this refresh writes over."""
        if not isinstance(written, dict):
            return   # a new row, or a state written by an older version: nothing to tell a person's edit by
        for column, value in tool.items():
            current = self.book.get(row, column)
            if current in (None, "") or same_value(current, value) or _tool_digest(current) == written.get(column):
                continue
            shown = str(current).strip()
            self.typed_over.append(f"{said_name(rec.columns.get('企业名称')) or rec.file}的“{column}”"
                                   f"（原为“{shown[:60]}{'…' if len(shown) > 60 else ''}”）")

    def _batch(self, rec: SummaryRecord, row: int, last: dict[str, Any], fresh: bool, result: SummaryUpdate,
               was_status: Any = None) -> None:
        """A row without 批次 gets this refresh's. A new row of a project the state knows (its row deleted by hand,
        its application still there) gets back the batch it had, said (without a batch, said all the same): a review
        round takes the projects of its 批次, and would take this one again. A project 不达标 when its batch was
        reviewed (a round takes 达标/待定 projects only) that is 达标/待定 now goes into this refresh's batch, said:
        else no round would review it.
        Corrected at a refresh without a batch (--batch not given, the open book's refresh), it waits (the state
        remembers it) for the next refresh that gives one."""
        owned = BATCH not in self.data_columns     # the province's 批次 is the city's, a data column
        current = self.book.get(row, BATCH)
        if current in (None, "") and self.batch_back and owned and not fresh and last.get(BATCH):
            self.book.put(row, BATCH, last[BATCH])   # its column deleted and added back: the batch it had
            current = last[BATCH]
            self.batches_back += 1
        if current in (None, ""):
            was = last.get(BATCH) if fresh and owned else None
            if not was:
                if fresh and owned and BATCH in last:   # deleted by hand in a summary kept without batches: said too
                    result.restored.append(said_name(rec.columns.get('企业名称')) or rec.file)
                if self.batch:
                    self.book.put(row, BATCH, self.batch)
                    result.stamped.append(said_name(rec.columns.get('企业名称')) or rec.file)
                    if after := filled_after(rec.fill_date, self.batch):   # May's --batch again in September: said
                        result.after_round.append(f"{said_name(rec.columns.get('企业名称')) or rec.file}{after}")
                elif owned:
                    result.unbatched.append(said_name(rec.columns.get('企业名称')) or rec.file)
                return
            self.book.put(row, BATCH, was)
            result.restored.append(f"{said_name(rec.columns.get('企业名称')) or rec.file}（批次 {was}）")
            current, was_status = was, last.get(STATUS)   # as it stood when its row was deleted
        if IN_BATCH in last:   # 不达标 or withdrawn when its batch's round was made: that round did not review it
            failed = last[IN_BATCH] in (Status.FAIL, WITHDRAWN)
        else:                  # a state written by an older version: as it stood before this refresh
            failed = normalize(was_status) == Status.FAIL or bool(last.get(WAITING))
        if owned and failed and rec.status in (Status.PASS, Status.UNKNOWN):
            if not self.batch:
                self.waiting.add(row)
                if same_batch(batch_month(current), batch_month(last.get(BATCH))):   # not typed into this round by hand
                    result.waiting.append(f"{said_name(rec.columns.get('企业名称')) or rec.file}"
                                          f"（{batch_month(current)}）")
            elif not same_batch(batch_month(current), batch_month(self.batch)):
                self.book.put(row, BATCH, self.batch)
                result.moved.append(f"{said_name(rec.columns.get('企业名称')) or rec.file}（{batch_month(current)} → "
                                    f"{batch_month(self.batch)}）")

    def _keep_reviewed_batch(self, rec: SummaryRecord, row: int, last: dict[str, Any]) -> None:
        """The province: a city's row now of a later 批次 than the province table gives it (the city made a new
        summary for this round, every project in it of this batch) keeps its batch when it was 达标/待定 and not
        withdrawn there — that batch's round took it; reviewed again, 审核认定一个 would not hold. Said on its row and
        on the terminal. One 不达标 or withdrawn (its round did not take it) goes into the later batch, as the city's
        own refresh puts it."""
        current = self.book.get(row, BATCH)
        old, new = batch_month(current), batch_month(rec.columns.get(BATCH))
        if not (is_month(old) and is_month(new)) or new <= old or not _as_written(BATCH, current, last.get(BATCH)):
            return
        if self.book.get(row, "状态") == WITHDRAWN or normalize(self.book.get(row, "前置条件")) == Status.FAIL:
            return
        rec.columns[BATCH] = current
        name = said_name(rec.columns.get("企业名称")) or rec.file
        self.kept_batches.append(f"{name}（{rec.columns.get(SCOPE_COLUMN) or '市（州）'}汇总表为 {new}，保留 {old}）")
        kept = (f"市（州）汇总表中批次为{new}，本项目在{old}批次时达标或待定、已列入该批次的评审，"
                f"全省表保留{old}（确需再次评审时，请把“批次”改为要评审它的轮次）")
        rec.note = "；".join(p for p in (rec.note, kept) if p)

    def _batch_state(self, row: int, status: str, last: dict[str, Any]) -> dict[str, str]:
        """The row's 批次 and 前置条件 for the state, where the tool gives the 批次 (the province's comes from the
        city's summary, a data column), and its 前置条件 at the last refresh of its own batch (kept from the last
        state at a refresh of another batch or of none); 已撤回 for a row a person withdrew in the summary (its
        round does not review it: restored later, it goes into the later batch, ``_batch``)."""
        if BATCH in self.data_columns:
            return {}
        batch = batch_month(self.book.get(row, BATCH))
        if not batch:   # "": the tool summarised it without a batch (an older version's state has no 批次 at all)
            return {BATCH: ""}
        got = {BATCH: batch, STATUS: str.__str__(status)}
        if self.batch and same_batch(batch, batch_month(self.batch)):
            got[IN_BATCH] = str.__str__(status)
        elif IN_BATCH in last and batch_month(last.get(BATCH)) == batch:
            got[IN_BATCH] = last[IN_BATCH]
        return got

    def note_withdrawn(self, rows: Rows) -> None:
        """A city's rows 已撤回 at a refresh of their own batch: that batch's round does not review them, so put
        back later they go into the later batch (``_batch``)."""
        if not self.batch or BATCH in self.data_columns:
            return
        for r in rows.rows:
            if r in rows.claimed or self.book.get(r, "状态") != WITHDRAWN:
                continue
            batch = batch_month(self.book.get(r, BATCH))
            if not batch or not same_batch(batch, batch_month(self.batch)):
                continue
            kind = type_short(self.book.get(r, "项目类型"), self.rules)
            key = self.book.row_key(r)
            entry = self.state.get(state_key(key, kind=kind)) or self.state.get(state_key(key))
            if entry is not None:
                entry.update({BATCH: batch, IN_BATCH: WITHDRAWN})

    def stamp_typed(self, rows: Rows, result: SummaryUpdate) -> None:
        """A project the city typed into its summary by hand (no 来源文件) without a 批次 gets this refresh's, as a new
        application's row does: sent with this batch, its round reviews it — left empty, every later round would
        list it again."""
        if not self.batch:
            return
        for r in rows.rows:
            if r in rows.claimed or self.book.get(r, "来源文件") not in (None, "") or \
                    self.book.get(r, BATCH) not in (None, "") or self.book.get(r, "状态") == WITHDRAWN:
                continue
            self.book.put(r, BATCH, self.batch)
            result.stamped.append(said_name(self.book.get(r, "企业名称")))

    def _data_columns(self, rec: SummaryRecord, row: int, fresh: bool, last: dict[str, Any]
                      ) -> tuple[list[Finding], set[str]]:
        """Write the 附件4 columns a person left as the tool wrote them; the others are mismatches. Also the parts
        of the record's note and problems no longer true: an amount it left blank (a date typed into the
        application, a city's blank) or wrote as a lower bound that a person has since typed, kept and counted —
        said as a mismatch instead (QA qa66c)."""
        mismatches, untrue = [], set()
        sides = PROVINCE_SIDES if SCOPE_COLUMN in self.data_columns else APPLICATION_SIDES
        for col in self.data_columns:
            new, current = rec.columns.get(col), None if fresh else self.book.get(row, col)
            if fresh or current in (None, "") or _as_written(col, current, last.get(col)) or (
                    col not in last and same_in(col, current, new)):
                self.book.put(row, col, new)
            else:   # =名单!B4 (a summary built from references) as the text it shows, kept
                shown = FormulaResults(self.book.ws.parent).referenced_text(self.book.ws, current)
                typed = as_picture(current) if shown is None else shown   # WPS's picture: no text typed
                over = typed_over_note(rec.note or "", (p[2] for p in rec.problems), col, typed, new, sides)
                m = over[1] if over else summary_mismatch(typed, new, col, sides)
                if over:
                    untrue |= over[0]
                if m:
                    mismatches.append(m)
        return mismatches, untrue


def _as_saved(value: Any) -> Any:
    """A cell's value as it reads back once saved: a whole float is an integer (35000.0 written, 35000 read)."""
    return int(value) if type(value) is float and value.is_integer() else value


def withdrawn_by_hand(book: SummaryBook, row: int) -> str:
    """Where a person withdrew a row in the summary itself ('' for nowhere), read as merge reads a city's table
    (``withdrawn_where``, one rule): a column of their own (备注：企业申请撤回), and in a city's table its 企业名称
    struck through, its 序号, 市州评分, 问题 or 业绩 saying 已撤回, a bracket after its name (“某公司（已撤回）”, as a
    hand-typed 附件4 says it); or 状态 typed 已撤回 — not the tool's own 已撤回 of an application or a city row gone
    (or of a mark since taken away), undone when it is back."""
    return withdrawn_where(_as_typed(book, row)) or status_withdrawn_by_hand(book, row)


_PROBLEM_MARK = re.compile(r"^“问题”写明“(.*)”$", re.S)


def _as_typed(book: SummaryBook, row: int) -> dict[str, Any]:
    """A row as a person left it, as merge reads a city's table: the columns a person added (``_extras``) and, in a
    city's own table, its cells and the strike of its 企业名称 — never 状态, which every refresh writes, nor the tool's
    notes in 问题 (its note of a withdrawal the person typed in 问题 itself stands for what they typed). In the
    province table the 附件4 cells are the cities' words, which merge has read already."""
    typed: dict[str, Any] = {"_extras": book.own_values(row)}
    if SCOPE_COLUMN in book.cols:
        return typed
    typed |= row_values(book, row)
    typed.pop("状态", None)
    name = book.cols.get("企业名称")
    cell = None if name is None else book.ws._cells.get((row, name))
    typed[STRUCK] = bool(cell is not None and cell.has_style and cell.font.strike)
    said = []
    for part in str(typed.get("问题") or "").split("；"):
        words = _hand_words(part, BY_HAND_PROBLEM)
        if words is not None:
            found = _PROBLEM_MARK.match(words)
            said += [found.group(1)] if found else []
        elif part and not part.startswith((*TOOL_NOTES, WITHDRAWN_BY_HAND)):
            said.append(part)
    typed["问题"] = "；".join(said)
    return typed


def _hand_words(part: str, prefix: str) -> str | None:
    """What a person typed, as :func:`by_hand_note` wrote it into ``part`` (“状态”为“…” or “问题”写明“…”), when
    ``part`` is that note starting with ``prefix``; else None."""
    if not (part.startswith(prefix) and _HAND_END in part):
        return None
    return part[len(WITHDRAWN_BY_HAND) + 1:part.index(_HAND_END)]


def by_hand_note(where: str) -> str:
    """The 问题 note of a row a person withdrew (:func:`withdrawn_by_hand`): their words, and how to take it back."""
    # a mark typed in 问题 is this note now: taken away, the 状态 it leaves is the person's (status_withdrawn_by_hand)
    return (f"{WITHDRAWN_BY_HAND}：{where}），本行不计入统计，要恢复："
            + (f"把“状态”改为“{ACTIVE}”" if where.startswith("“状态”") else
               f"删去“问题”中的这一标注，并把“状态”改为“{ACTIVE}”" if where.startswith("“问题”") else "删去这一标注"))


def status_withdrawn_by_hand(book: SummaryBook, row: int) -> str:
    """"“状态”为“…”" when a person typed the row's 状态 as withdrawn (企业申请撤回（5月8日来函）), '' for any other 状态 —
    the tool's own 已撤回 of an application or a city row gone (its note in 问题) among them. A 状态 the last refresh
    wrote 已撤回 for the person (for the sheet's SUMIFS) gives back what they typed, kept in 问题."""
    status = book.get(row, "状态")
    said = str(book.get(row, "问题") or "").split("；")
    tools = (*WITHDRAWN_NOTES, WITHDRAWN_BY_HAND)
    if not withdrawn_mark(status) or any(p.startswith(tools) and not p.startswith(STATUS_BY_HAND) for p in said):
        return ""
    if status == WITHDRAWN:
        typed = next((w for p in said if (w := _hand_words(p, STATUS_BY_HAND)) is not None), None)
        if typed is not None:
            return typed
    return f"“状态”为“{str(status).strip()}”"


def _part_struck(book: SummaryBook, rows: Rows) -> list[str]:
    """The note of the rows whose 企业名称 is struck through in part of its text only (a former name crossed out
    beside the new one), counted as the rest: a clerk may have meant a withdrawal (:data:`PART_STRUCK_NOTE`). Said at
    the refresh that reads the strike: the file it saves keeps the text alone."""
    name = book.cols.get("企业名称")
    said = [f"{said_name(book.get(r, '企业名称'))}（第{r}行）" for r in rows.rows
            if name and struck_in_part(book.ws, r, name) and book.get(r, "状态") != WITHDRAWN]
    # openpyxl keeps a cell's text, not its runs: the refreshed file no longer shows that part struck — said too
    return [f"{len(said)} 个项目的{PART_STRUCK_NOTE}（刷新后保存的汇总表不再保留部分文字的删除线；要撤回，请划去整个企业名称）："
            f"{'、'.join(said)}"] if said else []


def _say_kept_withdrawn(result: SummaryUpdate, which: str, names: list[str], again: str = "刷新") -> None:
    """A standing note (and a note of this refresh) on the rows a person withdrew, which stay 已撤回; ``again``: the
    command that takes the change in (the province's table: 合并)."""
    result.standing.append(f"{which}，保持“已撤回”，不计入统计：{'、'.join(names)}；要恢复，删去撤回的标注"
                           f"（“状态”写的改为“{ACTIVE}”）后再{again}")
    result.notes += result.standing[-1:]


def _keep_or_withdraw(book: SummaryBook, rows: Rows, unreadable: list[SummaryRecord], covered: set[str],
                      held_scopes: set[str], stamp: str, result: SummaryUpdate, read_files: set[str] = frozenset(),
                      read_now: dict[str, SummaryRecord] | None = None,
                      city_said: dict[tuple[str, str, str], str] | None = None,
                      data_columns: tuple[str, ...] = DATA_COLUMNS,
                      before: dict[int, tuple[str, str, bool]] | None = None) -> list[str]:
    """Rows no record claimed: kept (their source could not be read this time) or marked 已撤回; a row whose
    source file was read this time holding another project (``read_now``: the records by file) says so. → the rows
    typed by hand (no source) a person's mark withdraws, "name（where）". ``city_said``: the note of a row the city's
    table marks withdrawn, by (scope, key, type): said on the province's row instead of “已没有这一行或已标为已撤回”.

    In the province table a row whose 市（州） is not known (a summary with neither a 市（州） column nor one
    in its title or file name) is not one city's: it is withdrawn only when the summary it came from was read
    this time, never because another such summary was merged."""
    held_files = {name for r in unreadable for name in _names(r.file)}
    typed = []
    sources = {d for v in rows.state.values() if isinstance(v, dict) and isinstance(w := v.get(TOOL_WRITTEN), dict)
               for d in [w.get("来源文件")] if d}
    said_rows = {r for r in rows.rows if r not in rows.claimed and before and
                 _city_said(book, rows, r, city_said or {}) != WITHDRAWN_BY_CITY}
    earlier = not_resent(book, rows, before or {}, said_rows, read_files)
    for r in rows.rows:
        if r in rows.claimed:
            continue
        source = source_label(book.get(r, "来源文件"))
        if source and _typed_source(book, rows, r, sources):
            whence = ("不是本工具合并过的市（州）汇总表：按手工填写的项目保留并计入统计" if rows.scope_column else
                      "文件夹中没有这个申报表，本工具也没有汇总过它：按手工填写的项目保留并计入统计（要汇总它的申报表，"
                      "请把申报表放进文件夹后再刷新）")
            result.notes.append(f"第{r}行{said_name(book.get(r, '企业名称'))}的“来源文件”是手工填写的“{source}”，{whence}")
            source = ""
            _taken_back(book, r, stamp, WITHDRAWN_NOTE)   # an earlier version withdrew it as an application gone
        if _held(source, held_files) or (rows.scope_column and rows.scope_of_row(r) in held_scopes):
            said, mismatches = kept_problem(book, rows, r, data_columns, TOOL_NOTES)   # true of the row as it is now
            if book.put(r, "问题", said):
                book.put(r, "更新时间", stamp)
            result.kept += 1
            result.mismatches += mismatches
            continue
        # gone from its source (the folder, the city's summary) — or, a project typed by hand (no source), withdrawn
        # by a person: 状态 已撤回, so that a 合计's SUMIFS(…,"<>已撤回") leaves it out as 统计 and merge do. Said in the
        # person's words where they withdrew it (their 备注, or 状态 in their words), else the tool's. 状态 is printed
        # beyond the page: the 问题 column, on paper, says it too
        gone = bool(source) and (not rows.scope_column or (rows.scope_of_row(r) in covered and (
            rows.scope_of_row(r) or summary_file(source) in read_files)))
        where = withdrawn_by_hand(book, r) if gone or not source else ""
        if not gone and not where:
            if not source:
                _taken_back(book, r, stamp)
            continue
        old = [p for p in str(book.get(r, "问题") or "").split("；") if p and not p.startswith(STATE_NOTES)]
        note = by_hand_note(where) if where else _city_said(book, rows, r, city_said or {}) if rows.scope_column \
            else WITHDRAWN_NOTE
        old = [p for p in old if p not in note.split("；")]   # the city's words of an earlier merge: said once
        if r in earlier and not where:
            result.not_resent.append(f"{said_name(book.get(r, '企业名称'))}（{before[r][0]}，“{before[r][1]}”）")
            if book.put(r, "问题", "；".join([resent_note(before[r][1]), *old])):
                book.put(r, "更新时间", stamp)
            continue
        now = None if where else (read_now or {}).get(source)
        if now is not None:   # its file read this time: another project's form now, or this row repeats another
            note = _replaced(book, rows, r, source, now, result)
        if not where and book.get(r, "状态") != WITHDRAWN:
            result.withdrawn += 1
            result.gone += [f"{said_name(book.get(r, '企业名称'))}（{source}）"] * (note == WITHDRAWN_NOTE)
        if where and not source:
            typed.append(f"{said_name(book.get(r, '企业名称'))}（{where}）")
        if book.put(r, "状态", WITHDRAWN) | book.put(r, "问题", "；".join([note, *old])):
            book.put(r, "更新时间", stamp)
    return typed


def _tool_digest(value: Any) -> str:
    """The digest of a tool's cell as the state records it, the tool's notes of a withdrawn row left out — of a province
    row its city's table withdrew, also the part saying where ("贵阳市汇总表中这一行“状态”为“已撤回”，按撤回处理，…")."""
    if isinstance(value, str) and CITY_SAID in value:
        value = re.sub(f"[^；]*汇总表中这一行.*?{CITY_SAID}", "", value, flags=re.S)
    return digest(value, TOOL_NOTES)


def _typed_source(book: SummaryBook, rows: Rows, r: int, sources: set[str]) -> bool:
    """Whether a row's 来源文件 is a person's words on a row typed by hand (“纸质材料”), not an application or city summary
    the tool summarised there: the state knows the sources the tool wrote (``sources``, their digests) and not this
    one, nor the row's project. Such a row is the person's project, withdrawn only by a person's mark."""
    if not sources or digest(book.get(r, "来源文件"), TOOL_NOTES) in sources:
        return False
    scope, kind = rows.scope_of_row(r), type_short(book.get(r, "项目类型"), rows.rules)
    key = book.row_key(r)
    return not any(k in rows.state for k in {state_key(key, scope, kind), state_key(key, scope), state_key(key)})


def _city_said(book: SummaryBook, rows: Rows, r: int, said: dict[tuple[str, str, str], str]) -> str:
    """The note of a province row whose city's table marks it withdrawn (struck through, 备注 撤回 …): where the city
    said so; else the city's table no longer has it."""
    kind = type_short(book.get(r, "项目类型"), rows.rules)
    name = book.name_key(r)
    keys = (book.code(r), "名称:" + name if name else "")
    return next((said[k] for k in ((rows.scope_of_row(r), key, kind) for key in keys if key) if k in said),
                WITHDRAWN_BY_CITY)


def _taken_back(book: SummaryBook, r: int, stamp: str, note: str = WITHDRAWN_BY_HAND) -> None:
    """A row typed by hand (no 来源文件) that a person's mark had withdrawn, the mark since taken away as its note
    told: a project again (状态 有效, the note gone) — it stayed 已撤回 for good. ``note``: the note that withdrew it."""
    said = str(book.get(r, "问题") or "").split("；")
    if not any(p.startswith(note) for p in said):
        return
    rest = "；".join(p for p in said if p and not p.startswith(note))
    if book.put(r, "状态", ACTIVE) | book.put(r, "问题", rest or None):
        book.put(r, "更新时间", stamp)


def _replaced(book: SummaryBook, rows: Rows, r: int, source: str, now: SummaryRecord, result: SummaryUpdate) -> str:
    """The note of a row withdrawn though its 来源文件 was read this time (the file is there), said once on the terminal:
    the file holds another project's form now (another type, another company), or the row repeats the row the form
    is summarised on (a row the clerk copied)."""
    name, kind = said_name(book.get(r, "企业名称")), type_short(book.get(r, "项目类型"))
    said = book.get(r, "状态") != WITHDRAWN
    twin = next((x for x in sorted(rows.claimed) if source_label(book.get(x, "来源文件")) == source), None)
    same = kind == type_short(now.columns.get("项目类型")) and (
        book.code(r) == now.uscc if book.code(r) and now.uscc else book.name_key(r) == company_key(now.columns.get("企业名称")))
    if same and twin is not None:
        if said:
            result.notes.append(f"第{r}行{name}与第{twin}行是同一项目（同一份申报表“{source}”），已标为“已撤回”，不计入统计："
                                f"请删去重复的一行（这一行上人工填写的市州评分等请核对后移到第{twin}行）")
        return f"{WITHDRAWN_TWIN}（与第{twin}行是同一项目、同一份申报表：重复的一行，请删去）"
    project = f"{said_name(now.columns.get('企业名称')) or now.key}（{type_short(now.columns.get('项目类型'))}）"
    if said:
        result.notes.append(f"“{source}”现在是{project}的申报表：原来这一行的{name}（{kind}，第{r}行）已标为“已撤回”，"
                            "不计入统计；这一行上人工填写的市州评分、备注等没有移到新的一行，请核对")
    return f"{WITHDRAWN_REPLACED}（“{source}”现在是{project}的申报表）"


def _held(source: str, held_files: set[str]) -> bool:
    """Whether a row's source is among this run's unreadable files (:func:`_names` of each): the row keeps its data."""
    return bool(source) and (bool(_names(source) & held_files) or source.split("/")[0] in held_files)


def summary_file(source: str) -> str:
    """The city summary a province row came from: '遵义市汇总表（修改）.xlsx（第4行）', '…（“团队”表第4行）',
    '遵义市汇总表.xlsx/园区.xlsx' → the summary's file name."""
    head = source.split("/", 1)[0]
    return head.rsplit("（", 1)[0] if head.endswith("行）") else head


def _names(file: str) -> set[str]:
    """The names a row's source may be found under among this run's unreadable files: its path, and its file
    name, each with and without the extension. A clerk sorting the applications into county folders between
    rounds moves 'park.xlsx' to '南明区/park.xlsx'; that file unreadable there is still not a withdrawal."""
    file = source_label(file)     # a label an earlier version made on Windows: 南明区\park.xlsx
    base = file.rsplit("/", 1)[-1]
    return {file, _stem(file), base, _stem(base)}


def _stem(file: str) -> str:
    """'子文件夹/企业.xlsx' → '子文件夹/企业': the same application re-sent in another format."""
    head, dot, tail = file.rpartition(".")
    return head if dot and "/" not in tail else file
