"""Which round a ``review make`` or ``collect`` is (notice 三、(三): reviews in 5月、8月、12月): the summary's 批次, the
round already made in the folder, and the refusals of another round's books or result where they would be overwritten;
for collect, the books of the folder that count (this round's, one per expert, as the plan made them), a summary
without its table read by its 附件4 header, and an expert's book returned as a PDF or a picture.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..adapters.file_names import file_label
from ..adapters.xlsx import review_book as B
from ..adapters.xlsx.package import UnreadableFile
from ..adapters.xlsx.reader import NotAnApplication, open_workbook, read_table
from ..adapters.xlsx.refs import corners
from ..adapters.xlsx.saved_time import CHINA, saved_time
from ..adapters.xlsx.struck_cells import struck_rows
from ..adapters.xlsx.text_table import sent_as_text
from ..engine import review as R
from ..engine.fmt import typed
from ..engine.parse.text import PICTURE_SHOWN, CellPicture, normalize, said_name
from ..engine.row_marks import STRUCK, row_withdrawn
from ..engine.summary_table import OFFICIAL_COLUMNS, STATS_SHEET, TOOL_COLUMNS
from ..engine.versions import Ranked, Version, rank, why_later
from ..errors import BadOption, RefusedWrite, ShibaiError, WrongKind
from ..rules import Rules
from .next_steps import COMMAND_LINE, NextSteps
from .workbook_files import ARCHIVES, WORD_SUFFIXES

PLAN_FILE = "评审安排.xlsx"
# what an expert sends back instead of his workbook: the sheet printed to PDF (OFD), a scan or photo of the printout
PRINTED = {".pdf": "PDF", ".ofd": "OFD 版式文件", **dict.fromkeys((".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".heic"),
                                                               "图片")}
# … or saved as text (另存为 CSV): one sheet's values, without the hidden review information that tells whose book it is
SAVED_AS_TEXT = dict.fromkeys((".csv", ".txt"), "文本文件（另存为 CSV 或文本，只保存了一张表的内容，识别评分表的评审信息已丢失）")
# … or copied into a Word (WPS 文字) document
SAVED_AS_TEXT.update(dict.fromkeys(WORD_SUFFIXES, " Word 文档"))


# formats that hold no Excel table: a tool summary saved so has lost its sb_summary, its 附件4 header row stays
TABLELESS = {"xls": ".xls（Excel 97-2003）", "ods": ".ods（OpenDocument）", "xlsb": ".xlsb（Excel 二进制）",
             "csv": "文本（CSV）"}


def read_summary(source: Path, steps: NextSteps = COMMAND_LINE) -> list[dict[str, Any]]:
    return read_summary_said(source, steps)[0]


def read_summary_said(source: Path, steps: NextSteps = COMMAND_LINE) -> tuple[list[dict[str, Any]], list[str]]:
    """The summary's rows by its sb_summary table; of one without it (a 附件4 typed by hand, a tool summary saved as
    .xls/.ods/.xlsb or its table renamed), by its 附件4 header row as ``merge`` reads a city's summary, with the note
    saying so — what people have is read (the same table read alike by merge, refresh and review); a 附件4 saved as
    CSV/text is read so too, by merge's reader of it."""
    if sent_as_text(source):
        rows, notes = _by_header(source, TABLELESS["csv"], steps)
        headers = _headers_of(rows)
    else:
        wb = open_workbook(source)
        fmt = wb.pkg.fmt
        notes = []
        try:
            headers, rows, sheet = read_table(wb, "sb_summary")
            _marked(wb, headers, rows, sheet)
            notes += _unread_note(source, wb)
        except NotAnApplication:
            rows, notes = _by_header(source, TABLELESS.get(fmt), steps)
            headers = _headers_of(rows)
        finally:
            wb.close()
    lacking = [h for h in ("企业名称", "项目类型") if h not in headers]
    if lacking:
        raise WrongKind(f"项目汇总表“{file_label(source)}”缺少列：{'、'.join(lacking)}")
    return rows, notes


def _marked(wb: Any, headers: list[str], rows: list[dict[str, Any]], sheet: str) -> None:
    """The tool table's ``rows`` with what withdraws one typed since its last refresh or merge, read as the same
    table saved as .xls is (by its header, :func:`_by_header`) and as merge reads it (``row_withdrawn``): the columns a
    person added (备注：企业申请撤回) under "_extras", a 企业名称 struck through (STRUCK)."""
    known = {*OFFICIAL_COLUMNS, *TOOL_COLUMNS}
    own = [h for h in headers if h and h not in known]
    for row in rows:
        row["_extras"] = [(h, v) for h in own if (v := row.get(h)) not in (None, "")]
    if "企业名称" not in headers:   # said by the caller: the table lacks the column
        return
    (r0, c0), (r1, c1) = corners(wb.tables["sb_summary"].ref)
    struck, _part = struck_rows(wb.pkg, sheet, c0 - 1 + headers.index("企业名称"))
    if struck:   # mostly none: the rows read are numbered only then, blank rows left out as read_table leaves them
        grid = wb.grid(sheet)
        numbered = [r for r in range(r0 + 1, r1 + 1)
                    if any(grid.get(r, c) not in (None, "") for c in range(c0, c1 + 1) if headers[c - c0])]
        for r, row in zip(numbered, rows):
            row[STRUCK] = r in struck


def _headers_of(rows: list[dict[str, Any]]) -> set[str]:
    return {k for row in rows for k in row} if rows else {"企业名称", "项目类型"}   # none: said by the caller


def unread_note(source: Path) -> list[str]:
    """:func:`_unread_note` of a summary file (collect's reading of it again); none when it cannot be opened."""
    try:
        wb = open_workbook(source)
    except (ShibaiError, UnreadableFile):
        return []
    try:
        return _unread_note(source, wb)
    finally:
        wb.close()


def _unread_note(source: Path, wb: Any) -> list[str]:
    """The files the summary's last refresh or merge could not read (its 问题文件 sheet): their projects — a city's
    table re-sent for this round, an application — may be missing from the round (notice 三、(三))."""
    from ..adapters.xlsx.summary_reader import unread_files
    from ..adapters.xlsx.summary_stats import unread_in_rows

    unread = unread_files(wb.book, guard=wb.pkg)
    if STATS_SHEET in wb.sheet_names:   # a city summary's own gaps, rows without 企业名称: listed on 统计 (merge)
        unread += [u for u in unread_in_rows(wb.grid(STATS_SHEET).rows) if u[0] not in {f for f, _ in unread}]
    if not unread:
        return []
    listed = "；".join(f"{file}（{why}）" if why else file for file, why in unread[:5])
    return [f"注意：项目汇总表“{file_label(source)}”不完整，上次刷新或合并时有 {len(unread)} 个文件或行未能读取或计入"
            "（见其“问题文件”“统计”表）："
            f"{listed}{'等' if len(unread) > 5 else ''}。这些文件中的项目可能没有列入本轮评审；请取得能读取的文件，"
            "重新刷新或合并后再生成专家评分表"]


def _by_header(source: Path, fmt: str | None, steps: NextSteps) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of a summary without the tool's table, by its 附件4 header; ``fmt``: the format that lost the table
    (None: an .xlsx/.xlsm, typed by hand or its table renamed)."""
    from ..adapters.xlsx.summary_book import NotASummary
    from ..adapters.xlsx.summary_reader import read_summary as read_by_header  # merge's reader of a 附件4

    name = file_label(source)
    lost = f"“{name}”是 {fmt} 格式，这种格式保存不了本工具汇总表中的表格" if fmt else \
        f"“{name}”中没有本工具的项目汇总表表格（名为 sb_summary 的表格）"
    try:
        summary = read_by_header(source)
    except NotASummary:
        if not fmt:
            raise WrongKind(f"{lost}，也没有找到附件4的表头行（序号、市（州）、县区、企业名称……市州评分），无法读取项目。"
                            f"{steps.tool_summary}") from None
        raise WrongKind(f"{lost}，其中也没有找到附件4的表头行（序号、市（州）、县区、企业名称……市州评分），无法读取项目。"
                        f"{steps.tool_summary}（.xlsx 格式）；它如是手工填写的汇总表，请用 Excel/WPS 打开，补齐附件4的表头行，"
                        "另存为 Excel 工作簿（*.xlsx）后再用") from None
    # the reading's own keys left out, but the city's own columns and a name struck through: a row they withdraw
    # (备注：企业申请撤回) is left out of the round as merge leaves it out (row_withdrawn)
    rows = [{k: v for k, v in row.items() if not k.startswith("_") or k in ("_extras", STRUCK)} for row in summary.rows]
    sources = any(normalize(r.get("来源文件")) for r in rows)
    if sources:      # the tool's own summary, its table lost: its 来源文件, 前置条件 and 自动评分 columns are there
        said = f"说明：{lost}，已按附件4的表头行读取其中 {len(rows)} 个项目"
        said += "；以后请保存为 .xlsx（Excel 工作簿）" if fmt else f"（表格可能被改名或删除）。如要恢复，{steps.tool_summary}"
    else:            # a 附件4 typed by hand: no application behind any row
        verdicts = any(normalize(r.get("前置条件")) for r in rows)
        said = (f"说明：“{name}”是手工填写的项目汇总表（附件4），没有本工具汇总表中的来源文件（申报表）等列，"
                f"已按附件4的表头行读取其中 {len(rows)} 个项目：找不到各项目的申报表，建议分留空；前置条件"
                + ("按表中“前置条件”列所填" if verdicts else "表中没有填写，列入评审的均按待定（认定前须核实）")
                + f"。如要取得建议分和前置条件，{steps.hand_summary}")
    # the rows typed as projects without a name as text, which the reading leaves out: said by make and collect alike
    rows += [{"企业名称": CellPicture(PICTURE_SHOWN) if at in summary.pictured else "", R.UNNAMED_AT: at}
             for at in summary.nameless]
    return rows, [said, *summary.notes]


def check_round_id(round_id: str, rules: Rules) -> str:
    rid = normalize(round_id)
    if not rid or len(rid) > 40 or any(ch in rid for ch in '"\n\r\t'):
        raise BadOption(f"评审轮次“{round_id}”无效，请写成例如 {R.first_batch(rules)}（不超过40字，不含引号）")
    return rid


def round_note(rows: list[dict[str, Any]], round_id: str | None, given: bool = True,
                steps: NextSteps = COMMAND_LINE) -> list[str]:
    """What the report says of the rounds: which 批次 the round took (the latest, when no round was given), or
    that none was the round's."""
    by_batch, batches = R.round_rows(rows, round_id)
    unbatched = [said_name(r.get("企业名称")) for r in rows if normalize(r.get("企业名称")) and R.UNNAMED_AT not in r
                 and not R.batch_month(r.get("批次")) and not row_withdrawn(r)
                 and not R.not_recommended(r)]
    if by_batch and len(batches) > 1:
        chosen = "" if given else steps.latest_round
        wanted = R.batch_month(round_id)
        # "2024-06": between the review months, its projects go to the next round (三、(二) 5月、8月、12月前报送)
        in_round = [b for b in batches if R.same_batch(R.round_of_batch(b), R.round_of_batch(wanted))]
        also = "" if in_round == [wanted] else f"（即批次{'、'.join(in_round)}：评审月份之间的月份属于其后的一轮）"
        return [f"说明：汇总表中有多个批次（{'、'.join(batches)}），{chosen}本轮只列入批次为“{wanted}”{also}"
                "和未填批次的项目；其他批次的项目已在其所属轮次评审。"] + (
            [f"注意：本轮列入的项目中有 {len(unbatched)} 个没有填批次（{'、'.join(unbatched[:10])}"
             f"{'等' if len(unbatched) > 10 else ''}），每一轮都会列入它们；如已在之前的轮次评审过，请在汇总表中补填批次后"
             "重新生成本轮评分表"] if unbatched else [])
    if round_id and batches and not by_batch:
        later = [b for b in batches if R.later_batch(b, round_id)]
        taken = (f"已列入批次不晚于本轮的项目（批次{'、'.join(later)}的项目留待其所属轮次）" if later
                 else "已列入全部批次的项目")
        return [f"注意：汇总表中没有批次为“{R.batch_month(round_id)}”的项目（汇总表的批次：{'、'.join(batches)}），"
                f"{taken}；如只评审本批次，{steps.check_round}。"]
    return []


def round_of(rows: list[dict[str, Any]], now: datetime, made: str | None = None) -> str:
    """The round id when none is given: the summary's one 批次; of several, the latest (the earlier ones were
    reviewed in their rounds — notice 三、(三), reviews in May, August and December); none, the round already
    made in the folder (``made``: its books made again a month later, an expert added), else this month."""
    batches = {normalize(r.get("批次")) for r in rows if normalize(r.get("批次"))}
    if len(batches) == 1:
        return batches.pop()
    months = {m for r in rows if R.is_month(m := R.batch_month(r.get("批次")))}
    return max(months) if months else made or f"{now:%Y-%m}"


def summary_rounds(source: str | Path, now: datetime | None = None, steps: NextSteps = COMMAND_LINE
                   ) -> tuple[list[str], str]:
    """The summary's 批次 (as the round note lists them) and the round :func:`make` takes when given none (the latest):
    what a face that can ask offers the person — the 5月 round's books made after the 8月 files arrived."""
    rows = read_summary(Path(source), steps)
    return R.round_rows(rows, None)[1], round_of(rows, now or datetime.now())


def matching_round(batches: Sequence[str], typed: str) -> str | None:
    """The one of ``batches`` a person typed ("5月", "2024年5月", "第一批" for "2024-05"); None when none is."""
    wanted = R.batch_month(typed)
    return next((b for b in batches if wanted and R.same_batch(b, wanted)), None)


def refuse_other_round(round_dir: Path, round_id: str, rules: Rules, steps: NextSteps) -> None:
    """The folder holds another round's 评审安排 (the 5月 round's books made after the 8月 round's, into the same
    folder): that round's books may be with the experts already, and replacing them and the plan would leave its
    collect nothing to check their books against. Refused, nothing written; the same round is made again as before."""
    other = folder_round(round_dir, rules)
    if _another_round(other, round_id):
        raise RefusedWrite(f"评审文件夹“{round_dir}”中已有评审轮次 {other} 的{PLAN_FILE}和专家评分表，"
                           f"生成 {round_id} 轮的评分表会覆盖它们，未生成任何文件。"
                           + steps.other_round.format(round=round_id))


def folder_round(round_dir: Path, rules: Rules) -> str | None:
    """The round of the 评审安排 in ``round_dir``, or None (none there, or one that cannot be read: made over as
    before, its books checked alone)."""
    plan = round_dir / PLAN_FILE
    if not plan.is_file():
        return None
    try:
        return B.read_plan_book(plan, rules).round_id or None
    except (ShibaiError, OSError):
        return None


def refuse_other_round_result(out: Path, round_id: str, steps: NextSteps) -> None:
    """``out`` holds another round's result (the add-in always writes 专家评审结果.xlsx beside the summary: 8月's
    collect replaced 5月's without a word, only a .bak left): refused, nothing written."""
    if not out.is_file():
        return
    try:
        earlier = B.book_round(out)
    except (UnreadableFile, OSError):   # _check_collect_options said what it is; an earlier result is replaced
        return
    if _another_round(earlier, round_id):
        raise RefusedWrite(f"“{out.name}”是评审轮次 {earlier} 的评审结果，本次汇总的是 {round_id} 轮，覆盖会丢掉那一轮的结果，"
                           f"未改动。{steps.other_round_result}")


def _another_round(earlier: str | None, round_id: str | None) -> bool:
    """Whether a round already made (``earlier``) is another than ``round_id``: "2024年5月" is the round 2024-05."""
    return bool(earlier and round_id and earlier != round_id
                and not R.same_batch(R.batch_month(earlier), R.batch_month(round_id)))


def checked_books(plan: B.Plan | None, books: list[B.ExpertBook], round_id: str,
                  round_fp: str, set_aside: list[str]) -> dict[str, B.ExpertBook]:
    """Expert → workbook, each of this round, one per expert and (with a plan) as the plan made it; a second copy
    of an expert's workbook that changes nothing (:func:`_one_of_two`) is said in ``set_aside``."""
    seen: dict[str, B.ExpertBook] = {}
    if wrong := [why for b in books if (why := _other_round(b, plan, round_id, round_fp))]:
        raise WrongKind(wrong[0][0] if len(wrong) == 1 else   # every one at once: a folder of two rounds' books
                        f"评审文件夹中有 {len(wrong)} 份评分表不属于本轮（{round_id}）：" + "；".join(w[1] for w in wrong)
                        + "。请把它们移出评审文件夹，或换成本轮的评分表")
    for b in books:
        if b.expert in seen:
            b = _one_of_two(seen[b.expert], b, set_aside)
        seen[b.expert] = b
        if plan is not None:
            _check_against_plan(b, plan)
    return seen


def one_plan(plans: list[B.Plan], books: list[B.ExpertBook]) -> tuple[B.Plan | None, list[str]]:
    """(the round's 评审安排 among ``plans``, what to say of the others). Copies of one arrangement (评审安排 - 副本.xlsx
    beside 评审安排.xlsx: the same round, projects, experts, cities, 回避 and summary) are one, read once and said;
    arrangements that differ stop the collection, saying what each lists and, when it can be told, which one to keep:
    of the experts' books' round, listing every expert the others list (the one ``make`` wrote again to add one)."""
    if not plans:
        return None, []
    plans = sorted(plans, key=lambda p: (p.path.name != PLAN_FILE, file_label(p.path)))   # the issued name first

    def content(p: B.Plan) -> tuple:
        return p.round_id, p.round_fp, p.experts, p.source

    keep = plans[0]
    if all(content(p) == content(keep) for p in plans):
        return keep, [f"“{file_label(p.path)}”：与“{file_label(keep.path)}”是同一份评审安排（内容完全相同），只读取一次"
                      for p in plans[1:]]
    listed = "、".join(f"“{file_label(p.path)}”（评审轮次 {p.round_id}，专家{'、'.join(p.experts)}）" for p in plans)
    fps = {b.round_fp for b in books}
    ours = [p for p in plans if p.round_fp in fps] or plans
    widest = [p for p in ours if all(set(q.experts) <= set(p.experts) for q in ours)]
    if widest and all(content(p) == content(widest[0]) for p in widest):
        others = "、".join(f"“{file_label(p.path)}”" for p in plans if content(p) != content(widest[0]))
        todo = (f"请保留“{file_label(widest[0].path)}”（与专家评分表同属一轮，列有其他评审安排中的全部专家，是最后生成的），"
                f"把{others}移出评审文件夹后重新汇总")
    else:
        todo = "无法判断哪一份是本轮的，请核实后只保留本轮的一份，把其他的移出评审文件夹后重新汇总"
    raise WrongKind(f"评审文件夹中有{len(plans)}份内容不同的评审安排：{listed}。{todo}")


def named_for_others(books: list[B.ExpertBook], experts: Sequence[str], book_file: str
                     ) -> tuple[list[B.ExpertBook], list[str]]:
    """(the books to collect, what to say of the others): a book whose file name names another expert of the round
    and not the one it was issued to (“乙评分.xlsx” holding 甲's book: 甲's sent to 乙 by mistake and scored by him,
    with 甲's 回避) is never counted as either — said, with what to do. ``book_file``: the issued name, "{}" for the
    expert (王明's book named “王明华-已评” names 王明华: :func:`named_experts`). Every book set aside leaves nothing to
    collect: refused, saying each."""
    kept, said = [], []
    for b in books:
        stem = normalize(b.path.stem).replace(book_file.split("{}")[0].rstrip("-"), "")
        named = named_experts(stem, experts)
        others = [e for e in named if e != b.expert] if b.expert not in named else []
        if not others:
            kept.append(b)
            continue
        other, own = others[0], b.expert
        said.append(f"“{file_label(b.path)}”：文件名中是专家{other}，其中却是发给专家{own}的评分表（评审信息和回避项目都是专家{own}的，"
                    f"可能是发错了评分表、由专家{other}评了分），未计入。请核实：是专家{own}评的，把文件名改为"
                    f"{_rename_to(b.path, book_file.format(own))}；"
                    f"是专家{other}评的，请专家{other}在发给他的评分表（{book_file.format(other)}）"
                    "上评分后交回；然后重新汇总")
    if not kept:
        raise WrongKind("评审文件夹中的专家评分表都不是文件名中的专家的：" + "；".join(said))
    return kept, said


def _rename_to(path: Path, issued: str) -> str:
    """The name to give ``path`` for it to be the book ``issued`` (“专家评分表-甲.xlsx”), said: that name in the file's
    own format (an .xls renamed .xlsx no longer opens), or, when a file of that name is already in the folder (the
    blank book issued, left there), the first free “专家评分表-甲-2”, saying which file is there."""
    stem = Path(issued).stem
    try:
        there = {p.stem.casefold(): p.name for p in path.parent.iterdir() if p != path}
    except OSError:
        there = {}
    if stem.casefold() not in there:
        return f"“{stem}{path.suffix}”"
    free = next(f"{stem}-{n}" for n in range(2, len(there) + 3) if f"{stem}-{n}".casefold() not in there)
    return f"“{free}{path.suffix}”（“{there[stem.casefold()]}”已在文件夹中）"


def typed_in(b: B.ExpertBook) -> bool:
    """Whether the expert typed anything in his workbook: scores, or what he meant as scores (in 备注, on a copy of
    the sheet); not, it is the blank workbook issued to him."""
    return bool(b.entered or b.sheet.remarks or b.sheet.copies)


def totals_typed(b: B.ExpertBook) -> list[str]:
    """The 小计 cells where the expert typed a project's total over its formula (a number other than 0) in a book with
    no item score: his scores typed on the wrong sheet, never counted (a total replaces no item's score)."""
    return [cell for v, cell in b.sheet.shown_totals.values()
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v]


def _one_of_two(a: B.ExpertBook, b: B.ExpertBook, set_aside: list[str]) -> B.ExpertBook:
    """An expert's two workbooks: the filled one when the other has no score at all (the blank one issued to him,
    left beside what he returned), either when both hold the same scores and remarks (one file saved twice);
    otherwise the later, told as the merge and the refresh tell two versions of one file (:mod:`..engine.versions`:
    the save time recorded, the file's date, a name saying 修改版/终版/v2), said with what the later one changed;
    when nothing tells them apart, the one holding every score and remark of the other; else the collection stops."""
    def said(x: B.ExpertBook) -> tuple:     # a recusal typed in the 回避 column is his too (no score, no remark)
        return x.sheet.scores, x.sheet.remarks, set(x.sheet.declared), set(x.sheet.broken)

    if said(a) == said(b) or not (typed_in(a) and typed_in(b)):
        keep, drop = (a, b) if typed_in(a) or not typed_in(b) else (b, a)
        set_aside.append(f"“{file_label(drop.path)}”：与“{file_label(keep.path)}”是专家{a.expert}的同一份评分表（评分和备注完全相同），"
                         "只计入一次" if said(a) == said(b) else
                         f"“{file_label(drop.path)}”：专家{a.expert}的另一份评分表，没有填写任何评分和备注（应是发出的空白评分表），"
                         f"已按“{file_label(keep.path)}”汇总")
        return keep
    saved = {x.path: saved_time(x.path) for x in (a, b)}
    shown = "%Y-%m-%d %H:%M" if len({f"{t.astimezone(CHINA):%Y%m%d%H%M}" for t in saved.values() if t}) > 1 else \
        "%Y-%m-%d %H:%M:%S"   # two saves in one minute: their seconds tell which is later
    when = {x.path: f"，{saved[x.path].astimezone(CHINA).strftime(shown)} 保存" if saved[x.path] else "" for x in (a, b)}
    ranked = rank([Version(file_label(x.path), saved[x.path].timestamp() if saved[x.path] else None,
                           x.path.stat().st_mtime) for x in (a, b)])
    if not ranked.tied:
        new, old = ((a, b)[i] for i in ranked.order)
        set_aside.append(_later_taken(old, new, ranked, when))
        return new
    # nothing tells which is later: the one holding every score and remark of the other, as the merge takes the city
    # summary holding every project of the other (jobs/merge_versions.py)
    undated = "两份记录的保存时间、文件修改时间相同，文件名也看不出先后" if None not in saved.values() else \
        "工作簿内没有记录保存时间，文件修改时间相同，文件名也看不出先后"
    for old, new in ((a, b), (b, a)):
        if _continues(old, new):
            set_aside.append(f"“{file_label(old.path)}”（{_filled_when(old, when)}）：专家{a.expert}的另一份评分表，{undated}，"
                             f"已按“{file_label(new.path)}”（{_filled_when(new, when)}）汇总：它包含另一份的全部评分和备注"
                             "（都没有改动），另加了评分或备注；如应以评分较少的一份为准，请把另一份移出评审文件夹后重新汇总")
            return new
    raise WrongKind(f"专家{a.expert}有两份评分表：“{file_label(a.path)}”（{_filled_when(a, when)}）和"
                    f"“{file_label(b.path)}”（{_filled_when(b, when)}），内容不同，无法判断以哪份为准"
                    + ("（两份的评分和备注相同，而项目行中填写的“回避”等不同" if said(a)[:2] == said(b)[:2] else
                       "（哪一份也不包含另一份的全部评分和备注") + f"，{undated}）"
                    + f"。请与专家{a.expert}确认以哪份为准，把另一份移出评审文件夹后重新汇总")


def _later_taken(old: B.ExpertBook, new: B.ExpertBook, ranked: Ranked, when: dict[Path, str]) -> str:
    """What to say of an expert's earlier version set aside for the later ``new``: why it is the later and what it
    changed of the earlier one's scores (a score changed or removed is his edit, said, never taken silently)."""
    lead = "已按较晚的" if ranked.by == "name" else "已按较晚保存的"
    warn = f"；{ranked.contrary}" * bool(ranked.contrary)
    if _continues(old, new) and ranked.by == "saved":
        return (f"“{file_label(old.path)}”（{_filled_when(old, when)}）：专家{old.expert}较早的一份评分表，"
                f"其中的评分和备注在较晚保存的一份中都没有改动、另加了评分或备注，{lead}“{file_label(new.path)}”"
                f"（{_filled_when(new, when)}）汇总{warn}；如应以较早的一份为准，请把较晚的一份移出评审文件夹后重新汇总")
    return (f"“{file_label(old.path)}”（{_filled_when(old, when)}）：专家{old.expert}较早的一份评分表，"
            f"{lead}“{file_label(new.path)}”（{_filled_when(new, when)}）汇总（{why_later(ranked)}）"
            f"{_changes(old, new)}{warn}；如应以较早的一份为准，请把较晚的一份移出评审文件夹后重新汇总")


def _changes(old: B.ExpertBook, new: B.ExpertBook, shown: int = 5) -> str:
    """“，较晚的一份改动了较早一份的1个评分（园区01 指标1.1.1：3 改为 5）”: the scores of ``old`` changed or removed
    in ``new`` and the recusals he typed in ``old`` gone from it, the first ``shown`` of each named; "" when none."""
    before, after = _filled(old), _filled(new)
    changed = [f"{no} 指标{item}：{typed(v)} 改为 {typed(after[no, item])}" for (no, item), v in before.items()
               if (no, item) in after and after[no, item] != v]
    gone = [f"{no} 指标{item}" for no, item in before if (no, item) not in after]
    def listed(xs: list[str], sep: str) -> str:
        return sep.join(xs[:shown]) + "等" * (len(xs) > shown)

    said = [f"改动了较早一份的{len(changed)}个评分（{listed(changed, '；')}）"] * bool(changed)
    said += [f"没有较早一份的{len(gone)}个评分（{listed(gone, '、')}）"] * bool(gone)
    if dropped := sorted(set(old.sheet.declared) - set(new.sheet.declared)):   # a recusal he typed, taken back
        said.append(f"没有较早一份在{listed(dropped, '、')}填写的“回避”")
    return f"，较晚的一份{'、'.join(said)}" if said else ""


def _filled_when(x: B.ExpertBook, when: dict[Path, str]) -> str:
    """“填写88个评分，2024-05-22 11:00 保存”: how many scores an expert's book holds and when it records it was saved."""
    return f"填写{x.entered}个评分{when[x.path]}"


def _continues(old: B.ExpertBook, new: B.ExpertBook) -> bool:
    """Whether ``new`` is ``old`` scored further: every score and remark of ``old`` unchanged in it, and more of them."""
    def remarks(x: B.ExpertBook) -> set[tuple]:
        return {(no, item, head, normalize(text)) for no, items in x.sheet.remarks.items()
                for item, said in items.items() for head, text, _cell in said}

    before, after = _filled(old), _filled(new)
    declared, declares = set(old.sheet.declared), set(new.sheet.declared)   # recusals typed on unscored projects
    return (all(after.get(k) == v for k, v in before.items()) and remarks(old) <= remarks(new) and declared <= declares
            and (len(after) > len(before) or remarks(old) < remarks(new) or declared < declares)
            and not old.sheet.copies)


def _filled(x: B.ExpertBook) -> dict[tuple[str, str], Any]:
    """(项目编号, 指标编号) → the score typed there, of every score cell an expert filled."""
    return {(no, item): v for no, items in x.sheet.scores.items() for item, v in items.items()
            if v is not None and normalize(v)}


def _other_round(b: B.ExpertBook, plan: B.Plan | None, round_id: str, round_fp: str) -> tuple[str, str] | None:
    """Why ``b`` is no book of this round, said alone and said in a list of several; None when it is one."""
    where = f"“{file_label(b.path)}”（专家{b.expert}）"
    if b.round_id != round_id:
        return (f"{where}不是本轮的评分表：它属于评审轮次“{b.round_id}”（见该文件 评分表!A2），"
                f"本轮为“{round_id}”。请把它移出评审文件夹，或换成本轮的评分表", f"{where}属于评审轮次“{b.round_id}”")
    if b.round_fp != round_fp:
        differs = f"{where}的项目名单或评分指标与本轮{'评审安排' if plan else '其他专家的评分表'}不一致"
        return (f"{differs}（评审轮次同为“{round_id}”，见 评分表!A2），可能是重新生成之前的旧文件。请换成本轮生成的评分表",
                f"{differs}（可能是重新生成之前的旧文件）")
    return None


def _check_against_plan(b: B.ExpertBook, plan: B.Plan) -> None:
    where = f"“{file_label(b.path)}”（专家{b.expert}）"
    if b.expert not in plan.experts:
        everyone = "、".join([*plan.experts, b.expert])
        raise WrongKind(f"{where}：专家{b.expert}不在本轮评审安排的专家名单（{'、'.join(plan.experts)}）中。"
                        f"它的项目名单与本轮相同，是另外生成的评分表：如专家{b.expert}是本轮增加的专家，请在评审文件夹中"
                        "连同原来的专家一起重新生成评分表（shibai review make 或“专家评分表”按钮，"
                        f"专家：{everyone}，所属市（州）也一并写明；已有评分的评分表不会被改动）后再汇总；"
                        f"专家{b.expert}不参加本轮的，请把这个文件移出评审文件夹")
    city, recused, _file = plan.experts[b.expert]
    if recused != b.sheet.recused:
        raise WrongKind(_other_recusal(where, b, city, recused, plan.projects))


def _other_recusal(where: str, b: B.ExpertBook, city: str, recused: set[str], projects: list[R.Project]) -> str:
    """What differs when an expert's book recuses him from other projects than the plan does: a book of this round
    (its own hidden check holds) issued before the round was made again with another 所属市（州） for him."""
    def shown(nos: set[str]) -> str:
        return "、".join(f"{p.no}“{p.name}”" for p in projects if p.no in nos) or "无"

    def of(c: str) -> str:
        return f"“{c}”" if c else "未填"

    said = (f"{where}生成时专家{b.expert}的所属市（州）为{of(b.city)}（回避：{shown(b.sheet.recused)}），"
            f"评审安排中为{of(city)}（回避：{shown(recused)}）")
    if b.city == city:
        return said + "，回避项目不一致，文件可能被改动。请换成本轮生成的评分表"
    return (said + "：这是评审安排按改过的所属市（州）重新生成之前发出的评分表。请确认专家的所属市（州）："
            f"是{of(city)}的，请把这份评分表移出评审文件夹，按现在的所属市（州）重新生成评分表（其他专家已填写评分的评分表不会被覆盖），"
            f"请专家{b.expert}在新生成的评分表上评分后交回；是{of(b.city)}的，请按原来的所属市（州）重新生成评分表"
            "（已填写评分的这份评分表不会被覆盖），再重新汇总")


def reference_round(plan: B.Plan | None, books: list[B.ExpertBook]) -> tuple[str, str]:
    """The round the folder belongs to: the plan's, else the one most expert workbooks share."""
    if plan is not None:
        return plan.round_id, plan.round_fp
    votes = Counter((b.round_id, b.round_fp) for b in books)
    (best, n), *rest = votes.most_common()
    if rest and rest[0][1] == n:
        groups = "；".join(f"{rid}：" + "、".join(file_label(b.path) for b in books if (b.round_id, b.round_fp) == (rid, fp))
                          for (rid, fp), _ in votes.most_common())
        raise WrongKind(f"未找到{PLAN_FILE}，且评审文件夹中的专家评分表分属不同轮次或项目名单（{groups}），"
                        "无法判断哪些是本轮的。请放入本轮的评审安排文件，或移走其他轮次的评分表")
    return best


def named_experts(stem: str, experts: Sequence[str]) -> list[str]:
    """The ``experts`` a file's name (``stem``) names: a name within another's there (王明 in “王明华-已评”) is the
    longer one's, not his."""
    text = normalize(stem)
    hits = [e for e in experts if e and e in text]
    return [e for e in hits if not any(e != o and e in o for o in hits)]


def named_expert(stem: str, experts: Sequence[str]) -> str | None:
    """The one of ``experts`` a file's name names (:func:`named_experts`), or None (none, or two)."""
    named = named_experts(stem, experts)
    return named[0] if len(named) == 1 else None


def unread_books(files: Sequence[str], book_file: str, experts: Sequence[str], missing: Sequence[str]) -> dict[str, str]:
    """Each ``missing`` expert whose workbook is among the unreadable ``files`` (labels) → that file, in the order of
    ``missing``: under its issued name (``book_file``, "{}" for the expert), or renamed with his name in it
    (“丙-已评.xlsx”) — said unreadable, never as not returned; a file naming one expert of the round (``experts``,
    :func:`named_expert`) is his alone, a file naming one who returned his own is no missing expert's."""
    issued = {Path(book_file.format(e)).stem: e for e in experts}
    books: dict[str, str] = {}
    for f in files:
        if expert := issued.get(Path(f).stem) or named_expert(Path(f).stem, experts):
            books.setdefault(expert, f)
    return {e: books[e] for e in missing if e in books}


def said_files(seen: dict[str, B.ExpertBook], unread: dict[str, str], printed: dict[str, str],
               experts: Sequence[str]) -> dict[str, str]:
    """Expert → what 评审说明 says of his workbook: the one collected, or the file he returned that cannot be read
    (``unread``), or his PDF, photo, text file or archive (``printed``: label → what is said of it) — never
    “评分表未提交” of a file he did return."""
    said = {e: f"{f}（无法读取，评分未计入）" for e, f in unread.items()}
    said |= {e: f"{label}（不是 Excel 评分表，其中的评分无法读取）" for label, e in printed_by(printed, experts)
             if e not in said and e not in seen}
    return said | {e: file_label(seen[e].path) for e in seen}


def printed_by(printed: dict[str, str], experts: Sequence[str]) -> list[tuple[str, str]]:
    """(label, expert) of each file :func:`printed_books` found: the expert whose name it bears."""
    return [(label, e) for label in printed if (e := named_expert(Path(label).stem, experts))]


def printed_books(round_dir: Path, missing: Sequence[str], book_file: str,
                  experts: Sequence[str] = ()) -> dict[str, str]:
    """File label → what to say of it, for the PDFs, pictures, text files and archives in ``round_dir`` named after
    an expert whose workbook is not there (``book_file``: his workbook's name, "{}" for the expert): his scores
    printed, photographed or zipped, which cannot be read — said as his, never as a stranger file or as nothing returned.
    ``experts``: all of the round's (default ``missing``): the file is the one its name names (:func:`named_expert`)."""
    experts = list(experts) or list(missing)
    out: dict[str, str] = {}
    for entry in sorted(round_dir.iterdir()):
        kind = PRINTED.get(entry.suffix.lower())
        text = SAVED_AS_TEXT.get(entry.suffix.lower())
        expert = named_expert(entry.stem, experts) if entry.is_file() else None
        expert = expert if expert in missing else None
        if expert and entry.suffix.lower() in ARCHIVES:     # mailed back zipped: his, to unpack (never opened)
            out[file_label(entry)] = (f"专家{expert}交回的“{file_label(entry)}”是压缩包，其中的评分表没有读取，未计入。"
                                      "请解压到评审文件夹后重新汇总")
        elif (kind or text) and expert:
            label = file_label(entry)
            out[label] = (f"专家{expert}交回的“{label}”是{kind or text}{'（打印或拍摄的评分表）' if kind else ''}，"
                          f"其中的评分无法读取，未计入。请让专家交回填好的 Excel 评分表（{book_file.format(expert)}）"
                          + (f"，签字的{kind}可另行存档" if kind else ""))
    return out
