"""The second half of every refresh: records → the summary workbook (openpyxl), for the file job and the
open-book job alike. Imported by :mod:`shibai_xl.jobs.refresh` only when the summary must change."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from ..adapters.files import backup_path
from ..adapters.xlsx.formula_results import FormulaResults
from ..adapters.xlsx.own_sheets import keep_foreign
from ..adapters.xlsx.package import UnreadableFile, refusal_of
from ..adapters.xlsx.struck_cells import strike_struck_text
from ..adapters.xlsx.summary_adopt import Adopted, SeveralSheets, adopt
from ..adapters.xlsx.summary_applied import AppliedBook
from ..adapters.xlsx.summary_apply import apply_records
from ..adapters.xlsx.summary_book import (
    PROBLEM_SHEET,
    STATS_SHEET,
    NotASummary,
    SummaryBook,
    find_table,
    is_province,
    summary_city,
    table_header,
    title_cells,
)
from ..adapters.xlsx.summary_bounds import bound_projects
from ..adapters.xlsx.summary_formats import painted_in_wan, plain_written
from ..adapters.xlsx.summary_formulas import rows_taken_in
from ..adapters.xlsx.summary_stats import (
    mark_nameless,
    mark_outside,
    mark_unreadable,
    nameless_rows,
    print_summary_columns,
    stats_sheet,
    stats_snapshot,
)
from ..adapters.xlsx.templates import new_summary
from ..adapters.xlsx.whole_ranges import load_book
from ..engine.batches import batch_month, is_month
from ..engine.fmt import typed as as_typed
from ..engine.parse.text import PICTURE_SAID, is_picture, normalize, said_name
from ..engine.row_marks import condition_verdict
from ..engine.summary import (
    AMOUNT_COLUMNS,
    ResidentNames,
    SummaryRecord,
    SummaryUpdate,
    Times,
    applicant_key,
    applied_twice,
    applied_twice_note,
    choose_versions,
    cross_application,
    left_out,
    listed_twice_note,
    other_city,
)
from ..engine.summary_amounts import unreadable_amount
from ..engine.summary_doubts import (
    PARK_IN_YI,
    RETAIL_ABOVE,
    amounts_doubt,
    blank_amounts,
    doubt_kind,
    score_left_out,
)
from ..engine.summary_table import county_elsewhere, county_said, source_label, type_short
from ..errors import BadOption, why
from ..rules import Status, load
from .next_steps import COMMAND_LINE, NextSteps


def open_summary(summary: Path, city: str | None, steps: NextSteps = COMMAND_LINE
                 ) -> tuple[Workbook, Adopted | None, str]:
    """(workbook, a hand-made 附件4 taken over or None, the title ``city`` gave the template's "XX市（州）" one or ''):
    the summary to update, or a new one; ``steps``: the face's words for the other way out of a 附件4 on several
    sheets."""
    if not summary.exists():
        return new_summary(city=city), None, ""
    try:
        wb = load_book(summary)
        strike_struck_text(wb, summary)   # a name struck while its cell was edited: openpyxl keeps no runs
    except UnreadableFile as e:   # refused before openpyxl opened it (a bomb, a far-reaching sheet)
        raise UnreadableFile(f"汇总表“{summary.name}”无法打开：{e}{_backup_said(summary)}") from None
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        said = refusal_of(summary)   # a CSV saved as .xlsx, an empty file: openpyxl says only 压缩结构损坏
        raise UnreadableFile((f"汇总表“{summary.name}”无法打开：{said}" if said else f"汇总表“{summary.name}”无法打开"
                              f"（{why(e)}），请检查文件或换一个文件名") + _backup_said(summary)) from None
    try:
        find_table(wb)
        adopted = None
        if is_province(wb):   # as the ribbon's 刷新汇总表: the other 市（州）'s rows would all look withdrawn
            raise BadOption(f"“{summary.name}”是全省汇总表（由各市（州）汇总表合并而成），不是市（州）的项目汇总表，未改动。"
                            "全省汇总表请用 shibai merge 更新；要把一批申报表汇总核对，请另用一个文件名，例如："
                            "shibai refresh 核对用汇总表.xlsx --from 申报表文件夹")
    except NotASummary:
        try:
            adopted = adopt(wb, summary.name)   # an official 附件4 typed by hand
        except NotASummary as e:
            raise UnreadableFile(str(e) + (steps.several_sheets if isinstance(e, SeveralSheets) else "")) from None
    return wb, adopted, _title_city(wb, summary, city) if city else ""


def _backup_said(summary: Path) -> str:
    """Where a summary that cannot be opened (cut short on a USB stick, damaged in an e-mail) is had again: the backup
    the last refresh left beside it — the bureau's own table, often with no 原文件 elsewhere to get."""
    backup = backup_path(summary)
    return (f"。旁边的备份“{backup.name}”是上次刷新（写入）前的汇总表：可以复制一份、改名为“{summary.name}”后再刷新，"
            "申报表的数据会重新汇总，此后在汇总表中手工填写的市州评分、自己加的列等需要补上") if backup.is_file() else ""


def _title_city(wb: Workbook, summary: Path, city: str) -> str:
    """``--city`` on an existing summary: a title that names another 市（州） is refused (its rows would be checked
    against the wrong one); the template's "XX市（州）" title gets the 市（州）'s name (returned, a change to save
    though no row changes); the same one is nothing ('')."""
    named = summary_city(wb)
    if named and named != city:
        raise BadOption(f"汇总表“{summary.name}”的标题是{named}的，和 --city {city} 不一致，汇总表未改动。"
                        f"要汇总{city}的申报表请另用一个汇总表文件名；这个汇总表请去掉 --city 或写 --city {named}")
    titles = load().titles
    retitled = ""
    for cell in (() if named else title_cells(wb)):
        if normalize(cell.value) == normalize(titles.summary_for()):
            cell.value = retitled = titles.summary_for(city)
    return retitled


BLANK_TITLE_NOTE = "汇总表标题仍是模板的“XX市（州）…”：打印、盖章报送前请把标题中的“XX市（州）”改为本市（州）名称"


def _blank_title(wb: Workbook) -> bool:
    """The title is still the template's "XX市（州）…" (附件4 is printed and stamped with the 市（州） in its title)."""
    blank = normalize(load().titles.summary_for())
    return any(normalize(cell.value) == blank for cell in title_cells(wb))


def adopted_counts(wb: Workbook, adopted: Adopted) -> tuple[int, int]:
    """(rows of a taken-over 附件4 matched to an application, rows kept unmatched)."""
    book = SummaryBook(wb)
    matched = sum(1 for r in adopted.rows if book.get(r, "来源文件"))
    return matched, len(adopted.rows) - matched


def _county_astray(records: list[SummaryRecord]) -> str:
    """The applications whose 县（区） lies in another 市（州） than their 所属市（州） (FIELD_INCONSISTENT in the row's 问题,
    where only its short words show), said once: "企业.xlsx（所属市（州）贵阳市，县（区）“汇川区”属于遵义市）"."""
    astray = []
    for r in records:
        city, county = r.columns.get("市（州）"), r.columns.get("县区")
        if of := county_elsewhere(city, county):
            astray.append(f"{r.file}（所属市（州）{normalize(city)}，县（区）{county_said(county, of)}）")
    if not astray:
        return ""
    return (f"{len(astray)} 份申报表的县（区）不属于所填的所属市（州）（已按所属市（州）汇总，“问题”列已注明，"
            "请与申报单位核实哪一项填错）：" + "、".join(astray))


def _stand(update: SummaryUpdate, line: str) -> None:
    """A line said at every refresh while it holds (``standing``), and by this one."""
    update.standing.append(line)
    update.notes.append(line)


def _batch_notes(update: SummaryUpdate, steps: NextSteps) -> list[str]:
    """Projects 不达标 or withdrawn in their own batch (its round did not review them), 达标/待定 now: moved into this
    refresh's batch, or — at a refresh without one — still in the old batch, which no later round takes (said,
    never silent)."""
    notes = []
    if update.moved:
        notes.append(f"{len(update.moved)} 个项目在自己的批次时前置条件不达标或已撤回（未进入那一轮评审），"
                     f"本次达标或待定，批次改为本批次（否则哪一轮都不会评审它）：{'、'.join(update.moved)}")
    if update.waiting:
        notes.append(f"{len(update.waiting)} 个项目在自己的批次时前置条件不达标或已撤回（未进入那一轮评审），本次达标或待定，"
                     f"但这次刷新没有指定批次，“批次”仍是原来的，之后的评审轮次不会列入它：{'、'.join(update.waiting)}。"
                     + steps.batch_again)
    return notes


def table_batches(book: SummaryBook) -> list[str]:
    """The months in the 批次 of the table's projects not withdrawn, in order ("2024-05", "2024-08")."""
    return sorted({m for r in book.project_rows() if not book.withdrawn(r) if is_month(m := batch_month(book.get(r, "批次")))})


def _late_batch(batches: list[str], batch: str | None, stamped: list[str]) -> str:
    """Projects this refresh put into a batch earlier than the latest one already in the table (May's command run
    again from the shell's history in December): that batch's round is past, no later round takes them (its 批次
    only) — said, the clerk decides."""
    given = batch_month(batch)
    latest = batches[-1] if batches else ""
    if not stamped or not is_month(given) or given >= latest:
        return ""
    return (f"本次的批次 {given} 早于汇总表中已有的批次 {latest}：本次记为 {given} 的 {len(stamped)} 个项目"
            f"（{'、'.join(stamped)}）属于那一批，{given} 的评审如已进行，之后的评审轮次不会列入它们。如是沿用了以前的批次，"
            f"请在它们的“批次”列中改为本轮的批次（以后的刷新保留改后的批次）")


def _one_version_each(wb: Workbook, records: list[SummaryRecord], when: Times | None
                      ) -> tuple[list[SummaryRecord], list[str], list[str]]:
    """(one record per application, what to say of the versions set aside, of the forms saved in another format as
    well): a form saved in two formats keeps the one a row names as its 来源文件 already (:func:`choose_versions`)."""
    versions: list[str] = []
    copies: list[str] = []
    sources: list[set[str]] = []   # the table's 来源文件, read only where a form was saved in two formats

    def summarised(file: str) -> bool:
        if not sources:
            book = SummaryBook(wb)
            sources.append({source_label(book.get(r, "来源文件")) for r in book.project_rows()})
        return file in sources[0]

    return choose_versions(records, when, versions, summarised, copies), versions, copies


def _after_round(update: SummaryUpdate, batch: str | None) -> str:
    """Projects this refresh put into a batch whose review month was past when they were filled (May's command run
    again in September on a new summary, where :func:`_late_batch` sees no later batch): no round takes them."""
    if not update.after_round:
        return ""
    given = batch_month(batch)
    return (f"{len(update.after_round)} 个项目的填表时间晚于批次 {given} 的评审月份，本次却记为 {given}："
            f"{'、'.join(update.after_round)}。{given} 的评审不会有它们，之后的评审轮次只列入各自批次的项目，也不会列入"
            "它们。如是沿用了以前的批次，请在它们的“批次”列中改为括号中所属的评审批次（以后的刷新保留改后的批次）")


def update_workbook(wb: Workbook, records: list[SummaryRecord], batch: str | None, now: datetime | None,
                    force: bool = False, when: Times | None = None, steps: NextSteps = COMMAND_LINE,
                    untouched: bool = False, settled: dict[str, str] | None = None,
                    names: ResidentNames | None = None) -> SummaryUpdate:
    """Apply the records to an openpyxl summary workbook (file job and open-book job alike); ``steps``: the face's
    words for what to do next; ``settled``, ``untouched``: a file's refresh, as :func:`apply_records` takes them;
    ``names``: the names of shared residents an XC_CROSS_APP gives by their code (:func:`cross_application`)."""
    records, versions, copies = _one_version_each(wb, records, when)
    # each row names the other applications of its company, as check FOLDER does: in its XC_CROSS_APP part
    twice = applied_twice(records)
    cross = cross_application(records, twice, names)
    city = summary_city(wb)
    strays = other_city(records, city)
    for file, found in strays.items():
        cross.setdefault(file, []).extend(found)
    kept = keep_foreign(wb, (STATS_SHEET, PROBLEM_SHEET))   # a person's own 统计: renamed, never deleted
    update = apply_records(wb, records, cross, batch, now or datetime.now(), untouched=untouched, settled=settled)
    update.notes += kept
    update.changed = update.changed or bool(kept)
    if not city and _blank_title(wb):
        update.notes.append(BLANK_TITLE_NOTE + steps.title_city)
    if update.restored:
        update.notes.append(restored_note(update.restored))
    update.notes += _batch_notes(update, steps)
    if strays:
        update.mismatches += len(strays)
        _stand(update, f"{len(strays)} 份申报表所属市（州）不是本汇总表的{city}（“问题”列已注明，请核实）："
               + "、".join(f"{r.file}（{normalize(r.columns.get('市（州）'))}）" for r in records
                          if r.file in strays))
    for note in (_county_astray(records), twice and applied_twice_note(twice), listed_twice_note(records, cross),
                 copies and f"{len(copies)} 份申报表另存为其他格式的同一份也在文件夹中，只汇总一次（来源文件仍是原来的一份）："
                 + "；".join(copies)):
        if note:
            _stand(update, note)
    if versions:   # one row each: the clerk sees which file was summarised, and why, not only in the 问题 column
        _stand(update, f"{len(versions)} 个项目的申报表在文件夹中有几个版本，每个项目只汇总采用的一份（“问题”列"
               f"也已写明），其余版本请核实后移出文件夹：" + "；".join(versions))
    book = AppliedBook(wb)    # the table as applied: read by the looks below (each scan costs at 1000 rows)
    _typed_as_shown(book, update)
    update.batches = table_batches(book)
    update.notes += [n for n in (_late_batch(update.batches, batch, update.stamped), _after_round(update, batch)) if n]
    doubts = _typed_doubts(book)    # rows typed by hand, counted as typed: read as the merge reads them
    for mark, said in ((PARK_IN_YI, "个手工填写的园区的年度交易额像是按园区申报表的亿元填写，已按万元计入统计，"),
                       (RETAIL_ABOVE, "个手工填写的项目的年度网络零售额大于年度交易额（网络零售额是交易额中的一部分），"),
                       ("", "个手工填写的项目的金额存疑（像是手机号码、按元填写、园区亿元栏按万元填写或超出可能的范围），"
                            "已按所填计入统计，")):
        if listed := [d for d, kind in doubts if kind == mark]:
            _stand(update, f"{len(listed)} {said}请核实改正（全省合并时“问题”列同样注明）：" + "；".join(listed))
    repeats = _typed_twice(book)
    if repeats:
        _stand(update, f"汇总表中 {len(repeats)} 行手工填写的项目与另一行是同一项目（重复填写），统计中只计一次，"
               "表中自己的合计也会重复计入，请删去多余的行：" + "；".join(repeats.values()))
    _typed_left_out(book, update)
    if unnamed := [f"第{r}行（{book.get(r, '来源文件')}）" for r in book.project_rows() if book.get(r, "来源文件")
                   and not normalize(book.get(r, "企业名称")) and not book.withdrawn(r)]:
        # the row of a form without its 名称 (found by its 信用代码): the province's merge reads no project there
        _stand(update, f"{'、'.join(unnamed)}的申报表没有填写名称，汇总表中企业名称空白，全省合并时这些行不计入合计和统计："
               "请申报单位在申报表中补填名称后再刷新（或在汇总表的“企业名称”中直接填写）")
    if bounded := bound_projects(book):
        _stand(update, f"{len(bounded)} 处金额为下限数字（填写如“3000万以上”），统计和合计中按下限计入"
               "，含它们的合计实际不低于所示，请核实后填写确切金额：" + "、".join(bounded))
    # the counts of the table as it is now: rows a clerk typed count even when no application changed
    before = stats_snapshot(wb)
    # the verdicts in the notice's order (as the province's figures list them), then 未检查 and the like
    stats_sheet(wb, _stats_rows(book, set(repeats)), by="前置条件", order=(Status.PASS, Status.FAIL, Status.UNKNOWN))
    unreadable, forms = left_out(records)
    mark_unreadable(wb, unreadable, kept=update.kept, forms=forms)
    mark_outside(wb, update.outside)
    _say_nameless(wb, book, update)
    if update.changed or force or stats_snapshot(wb) != before:
        update.changed = True
        print_summary_columns(wb, book)
    return update


def _say_nameless(wb: Workbook, book: AppliedBook, update: SummaryUpdate) -> None:
    """Say the rows no count holds for want of a name, on 统计 and in the report: typed without 企业名称, or with WPS's
    picture placed in it (no project named "=DISPIMG(…)", as the province's merge reads it, QA qa72a)."""
    nameless, pictured = nameless_rows(book), book.pictured_rows()
    update.nameless = [f"第{r}行" for r in sorted({*nameless, *pictured})]
    blank, pictures = [f"第{r}行" for r in nameless], [f"第{r}行" for r in pictured]
    mark_nameless(wb, blank, pictures)
    if pictures:   # said in the report too: the add-ins show it, not the terminal's warning
        update.notes.append(f"{'、'.join(pictures)}的企业名称{PICTURE_SAID}，没有文字，未计入统计"
                            f"{_summed(book, pictured)}：请把企业名称填写为文字（营业执照截图等图片作为材料另附）"
                            "后再刷新，否则全省合并时这些行同样不计入")
    if blank:
        update.notes.append(f"{'、'.join(blank)}有金额等数据但没有企业名称，未计入统计{_summed(book, nameless)}："
                            "请补上企业名称后再刷新")


def _summed(book: SummaryBook, rows: list[int]) -> str:
    """What to add where the 合计 row's formula adds up rows ``rows`` (typed without 企业名称) that 统计 and the merge
    leave out: its printed total is more than theirs (QA qa67b)."""
    total = book.total_row or book.top_total()
    said = [c for c in AMOUNT_COLUMNS if c in book.cols and total is not None
            and isinstance(f := book.ws.cell(total, book.cols[c]).value, str) and f.startswith("=")
            and rows_taken_in(f, book.cols[c], rows, subtotals=False)]
    return f"，但合计行（第{total}行）的{'、'.join(said)}公式把它们也加了进去，合计比统计多" if said else ""


def restored_note(restored: list[str]) -> str:
    """What a refresh says of rows deleted by hand whose applications are still in the folder: added back, and how
    a project is taken out (a deleted row comes back at every refresh; a withdrawn one stays, out of every count)."""
    batch = "，批次仍为第一次汇总时的批次" if any("（批次 " in r for r in restored) else ""
    return (f"汇总表中手工删除的 {len(restored)} 行项目已重新加入（申报表仍在文件夹中{batch}）："
            f"{'、'.join(restored)}。如果确实要去掉这些项目，请把它们的申报表从文件夹中删除或移走后再刷新："
            "这一行会标为“已撤回”，不计入统计；只删汇总表中的行，下次刷新还会加回来。")


def _stats_rows(book: SummaryBook, repeats: set[int] = frozenset()) -> list[tuple[str, str, str]]:
    rows = []
    for r in book.project_rows():
        if book.withdrawn(r) or r in repeats:   # 已撤回, or 企业申请撤回（…） typed on a row with no application:
            continue                            # as merge reads it; a project typed twice counts once
        raw = book.get(r, "前置条件")   # “达标（已实地核查）” typed by hand is 达标, as merge and review read it
        rows.append((condition_verdict(raw) or normalize(raw) or "未检查", book.get(r, "项目类型") or "", ""))
    return rows


def _typed_twice(book: SummaryBook) -> dict[int, str]:
    """{row: "第5行贵州某某有限公司（与第3行是同一项目）"} of each counted row typed by hand (no 来源文件) that repeats
    the project of a row above it or of a row from an application: the same 项目类型 and code, or name (a row typed
    without a code), as merge reads one city's summary (a project on two rows is counted once)."""
    first: dict[tuple[str, str], int] = {}
    rows = [r for r in book.project_rows() if not book.withdrawn(r)]
    typed = [r for r in rows if not book.get(r, "来源文件")]
    if not typed:
        return {}   # the applications' rows only (a first refresh): no key of theirs needed

    def keys(r: int) -> list[tuple[str, str]]:
        typed_kind = book.get(r, "项目类型")   # "示范企业" pasted under the tool's "企业": one type, as merge reads it
        kind = type_short(typed_kind) or normalize(typed_kind)
        return [(k, kind) for k in {applicant_key(book.code(r), None), applicant_key(None, book.get(r, "企业名称"))} if k]
    for r in sorted(rows, key=lambda r: not book.get(r, "来源文件")):   # a row from an application is the one counted
        for k in keys(r):
            first.setdefault(k, r)
    out = {}
    for r in typed:
        code = book.code(r)    # two codes that differ are two companies of one name
        kept = next((first[k] for k in keys(r) if first.get(k, r) != r
                     and not (code and book.code(first[k]) and book.code(first[k]) != code)), None)
        if kept is not None:
            out[r] = f"第{r}行{said_name(book.get(r, '企业名称'))}（与第{kept}行是同一项目）"
    return out


def _typed_unreadable(book: SummaryBook) -> list[str]:
    """"第4行贵州某某有限公司（年度网络零售额（万元）“约500万元”）" for each amount typed by hand (a counted row without
    an application) that no total can count (:func:`unreadable_amount`, as merge reads it); a row from an application
    has its form's own check."""
    return [f"第{r}行{said_name(book.get(r, '企业名称'))}（{c}“{as_typed(raw)}”）"
            for r in book.project_rows() if not book.get(r, "来源文件") and not book.withdrawn(r)
            for c in AMOUNT_COLUMNS if unreadable_amount(raw := book.get(r, c))]


def _typed_left_out(book: SummaryBook, update: SummaryUpdate) -> None:
    """Say the amounts typed by hand that the province's merge will leave out of its totals: unreadable, or blank."""
    if unread := _typed_unreadable(book):
        _stand(update, f"{len(unread)} 处手工填写的金额无法识别，全省合并时不计入合计、结果不完整，"
               "请在报送前改为确切数字：" + "；".join(unread))
    if blank := _typed_blank(book):
        _stand(update, f"{len(blank)} 处手工填写的项目金额空白，全省合并时不计入合计，"
               "请在报送前补填：" + "；".join(blank))
    # a 市州评分 the merge cannot average (“优秀”, 150 of a 100-point type); a formula is said with the formulas
    if scores := [f"第{r}行{said_name(book.get(r, '企业名称'))}（{said}）" for r in book.project_rows()
                  if not book.withdrawn(r) and not _formula(score := book.get(r, "市州评分"))
                  and (said := score_left_out(book.get(r, "项目类型"), score))]:
        _stand(update, f"{len(scores)} 处市州评分全省合并时不计入平均分，请在报送前改为该类项目满分以内的分数："
               + "；".join(scores))


def _formula(value: object) -> bool:
    """A cell's formula as openpyxl gives it ("=AVERAGE(…)"): said by :func:`formulas_saved_without_results`."""
    return isinstance(value, str) and value.startswith("=")


def _typed_blank(book: SummaryBook) -> list[str]:
    """"第4行贵州某某有限公司（年度交易额（万元）空白）" for each amount a project has (:func:`blank_amounts`) left blank
    on a counted row typed by hand, as merge reads it; a row from an application has its form's own check."""
    return [f"第{r}行{said_name(book.get(r, '企业名称'))}（{c}{said}）"
            for r in book.project_rows() if not book.get(r, "来源文件") and not book.withdrawn(r)
            for c, said in blank_amounts(book.get(r, "项目类型"), *(book.get(r, c) for c in AMOUNT_COLUMNS))]


def _typed_as_shown(book: SummaryBook, update: SummaryUpdate) -> None:
    """The amounts a clerk typed into the table (rows without an application) painted with another unit (3.5
    showing 3.50亿元): in 万元 now, the format plain, as merge reads them (:func:`painted_in_wan`); an application's
    amounts so painted (1234.5 written in 万元 showing 1234.50亿元) shown plain (:func:`plain_written`); said."""
    cols = {c - 1: n for n, c in book.cols.items()}
    typed = [r for r in book.project_rows() if not book.get(r, "来源文件")]
    written = [r for r in book.project_rows() if book.get(r, "来源文件")]   # in 万元 as the refresh wrote them
    if painted := painted_in_wan(book.ws, typed, cols, {}) + plain_written(book.ws, written, cols):
        update.notes += painted
        update.changed = True


def _typed_doubts(book: SummaryBook) -> list[tuple[str, str]]:
    """("第5行遵义甲电商产业园（园区交易额单位存疑：…）", its kind: PARK_IN_YI, RETAIL_ABOVE or "" for the rest) for each
    counted row without an application whose two amounts as typed are doubted (:func:`amounts_doubt`: a park's
    年度交易额 read as 亿元, a 网络零售额 above the 交易额, a mobile number, a 元 figure, one past any applicant's); a row
    from an application has its form's own check in 问题."""
    return [(f"第{r}行{said_name(book.get(r, '企业名称'))}（{doubt}）",
             doubt_kind(doubt) or "")
            for r in book.project_rows() if not book.get(r, "来源文件") and not book.withdrawn(r)
            and (doubt := amounts_doubt(book.get(r, "项目类型"), *(book.get(r, c) for c in AMOUNT_COLUMNS),
                                        nature=book.get(r, "企业性质")))]


def formulas_saved_without_results(wb: Workbook) -> list[str]:
    """What a refresh that saves the summary says of the 市州评分 and amounts typed as formulas on its projects'
    rows (=AVERAGE(90,80)): openpyxl saves a formula, not its result, so until the summary is opened and saved in
    Excel/WPS (which compute it on opening) the province's merge finds no figure there (it says so on the row). A
    formula saved with its result (:func:`...adapters.xlsx.formula_results.save_with_results`: =AVERAGE(90,80),
    =AVERAGE(W4:Y4) of three numbers typed beside) is not said."""
    if not _has_formulas(wb, ("市州评分", *AMOUNT_COLUMNS)):   # as nearly always: no SummaryBook read (~40 ms)
        return []
    book, results = SummaryBook(wb), FormulaResults(wb)
    found = [(r, name, cell.value) for r in book.project_rows() for name in ("市州评分", *AMOUNT_COLUMNS)
             if name in book.cols and (cell := book.ws._cells.get((r, book.cols[name]))) is not None
             and cell.data_type == "f" and isinstance(cell.value, str) and results.result(book.ws, cell) is None]
    # WPS's picture placed in the cell (DISPIMG): no formula a save in Excel/WPS computes, and no figure at all
    pictures = [f"第{r}行{name}" for r, name, f in found if is_picture(None, f)]
    cells = [f"第{r}行{name}（{f}）" for r, name, f in found if not is_picture(None, f)]
    said = [f"汇总表中{'、'.join(pictures[:10])}{_more(pictures)}{PICTURE_SAID}，不是数值，"
            "全省合并读不到：请删去图片，直接填写数值（图片作为材料另附）"] if pictures else []
    if not cells:
        return said
    return [*said, f"汇总表中{'、'.join(cells[:10])}{_more(cells)}是公式：本工具保存汇总表时只保存公式、不保存计算结果，"
            "报送前请在 Excel/WPS 中打开汇总表保存一次（或改为直接填写数值），否则全省合并读不到这些数值"]


def _more(cells: list[str]) -> str:
    """"等12处" after the first ten of more than ten cells named, else ""."""
    return f"等{len(cells)}处" if len(cells) > 10 else ""


def _has_formulas(wb: Workbook, names: tuple[str, ...]) -> bool:
    """Whether any cell of these columns of the sb_summary table (合计 rows too) holds a formula."""
    ws, r0, r1, cols = table_header(wb)
    wanted = [cols[n] for n in names if n in cols]
    return any((cell := ws._cells.get((r, c))) is not None and cell.data_type == "f"
               for r in range(r0 + 1, min(r1, ws.max_row) + 1) for c in wanted)
