"""What a merge into a province table merged before says of its rounds: projects sent after the round of their
批次 was made, rows written below a later 市（州）, projects 不达标 then and 达标 now that no round will review."""
from __future__ import annotations

import re

from ..adapters.xlsx.summary_apply import OCCURRENCE, withdrawn_by_hand
from ..adapters.xlsx.summary_book import BATCH, WITHDRAWN_BY_CITY, SummaryBook
from ..engine.batches import batch_month, in_year, is_month, round_of_batch
from ..engine.parse.text import said_name
from ..engine.row_marks import CITY_SAID, condition_verdict, withdrawn_mark
from ..engine.summary import SummaryUpdate
from ..engine.summary_table import SCOPE_COLUMN as SCOPE
from ..engine.summary_table import city_rank
from ..rules import Status
from .next_steps import NextSteps


def province_batches(book: SummaryBook | None) -> dict[str, tuple[str, str]]:
    """The province's projects as its state knows them (the key without its city and type) → (批次 as a month,
    "企业名称（市州，批次 …）")."""
    if book is None:
        return {}
    out = {}
    for key, v in book.read_state().items():
        batch = batch_month(v.get(BATCH))
        project = key.split("@")[0].split("#")[0].split(OCCURRENCE)[0]
        out[project] = (batch, f"{said_name(v.get('企业名称'))}（{v.get(SCOPE) or '未识别市州'}，批次 {batch or '未填'}）")
    return out


def merge_row_id(book: SummaryBook, r: int) -> tuple:
    """A province row as one merge and the next know it: (报送市州, 企业名称, 项目类型)."""
    return book.get(r, SCOPE), book.get(r, "企业名称"), book.get(r, "项目类型")


def out_of_order(book: SummaryBook, before: set[int]) -> list[str]:
    """"贵阳市 2 行": the rows new to a province table merged before (``before``: its project rows) that the merge wrote
    at its end below a row of a 市（州） later in the notice's order (a city merged later, a project a city added):
    rows are never moved (:func:`_merge`), so it is said."""
    if not before:
        return []
    out: dict[str, int] = {}
    top = -1
    for r in book.project_rows():
        if r not in before and withdrawn_mark(book.get(r, "状态")):   # a row a city withdrew: kept at the end
            continue
        city = book.get(r, SCOPE)
        rank = city_rank(city)
        if rank < top and r not in before:
            out[city or "未识别市州"] = out.get(city or "未识别市州", 0) + 1
        top = max(top, rank)
    return [f"{c} {n} 行" for c, n in out.items()]


def late_projects(had: dict[str, tuple[str, str]], now: dict[str, tuple[str, str]]) -> tuple[str, list[str]]:
    """Projects new to a province table merged before whose 批次 is earlier than the latest it holds now: a city's
    summary sent late, whose projects the round of their batch, made already, did not see (months compare as
    "2024-05" text). The first merge of a year (nothing merged before) names none."""
    months = [b for b, _ in now.values() if is_month(b)]
    if not had or not months:
        return "", []
    latest = max(months)
    last_round = round_of_batch(latest)     # "2024-06" is the August round's: not late for it
    return latest, [label for key, (b, label) in now.items()     # "5月" a city wrote: that month of the latest's year
                    if key not in had and is_month(m := in_year(b, latest[:4])) and round_of_batch(m) < last_round]


def revived_projects(book: SummaryBook, failed_in: dict[tuple, str]) -> list[str]:
    """Rows 不达标 at the last merge and 达标/待定 now, their 批次 unchanged and earlier than the table's latest: the
    round of that batch (a round takes 达标/待定 projects only) did not review them, and a later one will not either."""
    batches, latest = _batches(book)
    return [_said(book, r, batch) for r, batch in batches.items()
            if failed_in.get(merge_row_id(book, r)) == batch and _earlier(batch, latest)
            and condition_verdict(book.get(r, "前置条件")) in (Status.PASS, Status.UNKNOWN)]


def reviewed_changed(book: SummaryBook, rows: list[int], failed_in: dict[tuple, str], steps: NextSteps,
                     batches: dict[int, str], latest: str) -> list[str]:
    """The line naming the rows a city's summary changed at this merge (``rows``) whose 批次 is of a round before
    the table's latest and that were not 不达标 before it: that round took them (a round takes 达标/待定 projects) on
    the figures before the change, and no later round takes them again (审核认定一个) — unless the province moves
    their 批次, which is said. ``steps``: the face's words for the later rounds; ``batches``, ``latest``: the
    table's (:func:`_batches`)."""
    named = [_said(book, r, batches[r]) for r in dict.fromkeys(rows) if r in batches and _earlier(batches[r], latest)
             and merge_row_id(book, r) not in failed_in]
    return [f"{len(named)} 个项目属于较早的批次（早于全省表中最新的批次 {latest}），市（州）本次改了它们的数据："
            + "、".join(named) + "。该批次的评审若已进行，是按改动前的数据评审的，评审结果不随之改变，"
            f"{steps.later_rounds}也不再列入它们（审核认定一个）：如需按新数据重新评审，请在全省表中把它们的“批次”改为"
            "要评审它们的轮次（人改过的批次合并时保留）"] if named else []


def round_notes(book: SummaryBook, update: SummaryUpdate, failed_in: dict[tuple, str], was_withdrawn: set[tuple],
                steps: NextSteps) -> list[str]:
    """The lines of a merge's changes to rows a round may have taken: the projects made 有效 again (a city's withdrawal
    taken back: its application back in its folder, its mark struck out), as a refresh says them, those changed
    after their batch's round (:func:`reviewed_changed`) and those withdrawn after it (``was_withdrawn``: the rows
    withdrawn before this merge)."""
    back = [f"本次恢复为“有效” {len(update.back)} 个项目（市（州）汇总表中不再标为已撤回，计入统计）："
            + "、".join(update.back)] if update.back else []
    batches, latest = _batches(book)
    gone = [_said(book, r, batch) for r in book.project_rows() if withdrawn_mark(book.get(r, "状态"))
            and (row := merge_row_id(book, r)) not in was_withdrawn and row not in failed_in
            and _earlier(batch := batch_month(book.get(r, BATCH)), latest)]
    return back + reviewed_changed(book, update.changed_rows, failed_in, steps, batches, latest) + [
        f"本次标为“已撤回”的项目中有 {len(gone)} 个属于较早的批次（早于全省表中最新的批次 {latest}）：" + "、".join(gone)
        + f"。该批次的评审若已进行，它们已被评审，那一轮的评审结果中仍有它们：请重新汇总那一轮的专家评分（{steps.collect}；"
        "按全省表重新核对，已撤回的项目不参加排名、不进拟认定名单），已公布的拟认定名单、公示名单请核实"] * bool(gone)


def withdrawn_said(book: SummaryBook, was_withdrawn: set[tuple]) -> list[str]:
    """The rows this merge marked 已撤回 (``was_withdrawn``: those withdrawn before it; none the province withdrew by
    its own hand), each "企业名称（市州：how its city's table withdrew it）" as its 问题 says: "汇总表中这一行“状态”为
    “已撤回”", or "汇总表中已没有这一行" — a row a city may have left out by mistake."""
    out = []
    for r in book.project_rows():
        if withdrawn_mark(book.get(r, "状态")) and merge_row_id(book, r) not in was_withdrawn and not withdrawn_by_hand(book, r):
            text = str(book.get(r, "问题") or "")
            said = re.search(f"汇总表中这一行(.*?){CITY_SAID}", text, re.S)
            how = f"汇总表中这一行{said.group(1)}" if said else "汇总表中已没有这一行" * text.startswith(WITHDRAWN_BY_CITY)
            out.append(f"{said_name(book.get(r, '企业名称'))}（{book.get(r, SCOPE) or '未识别市州'}{'：' * bool(how)}{how}）")
    return out


def _batches(book: SummaryBook) -> tuple[dict[int, str], str]:
    """The 批次 (as a month) of each project row not withdrawn, and the latest round those batches go to."""
    batches = {r: batch_month(book.get(r, BATCH)) for r in book.project_rows() if not withdrawn_mark(book.get(r, "状态"))}
    return batches, max((round_of_batch(m) for m in batches.values() if is_month(m)), default="")


def _earlier(batch: str, latest: str) -> bool:
    """A row's 批次 goes to a round before ``latest`` ("5月" read in the latest's year)."""
    month = round_of_batch(in_year(batch, latest[:4]))
    return bool(batch) and is_month(month) and month < latest


def _said(book: SummaryBook, r: int, batch: str) -> str:
    return f"{said_name(book.get(r, '企业名称'))}（{book.get(r, SCOPE) or '未识别市州'}，批次 {batch}）"
