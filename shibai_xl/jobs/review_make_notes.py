"""What ``shibai review make`` says before it writes a round's books (notes on projects no expert can score, codes
lost, verdicts unread, books of other experts in the folder), and its guard never to overwrite an expert's scores."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..adapters.file_names import file_label
from ..adapters.xlsx import review_book as B
from ..adapters.xlsx.package import UnreadableFile
from ..engine import review as R
from ..engine.parse.text import company_key, normalize
from ..engine.parse.uscc import LOST, lost_digits
from ..engine.row_marks import city_opinion, condition_verdict, verdict_of
from ..engine.summary_table import CITY_NOTES_COLUMN
from ..errors import RefusedWrite, UnreadableInput, WrongKind
from ..rules import Rules, Status
from .review_round import PLAN_FILE, typed_in
from .workbook_files import CONVERT_SUFFIXES, is_left_by_system
from .workbook_files import SUFFIXES as XLSX_SUFFIXES

SUFFIXES = XLSX_SUFFIXES + CONVERT_SUFFIXES   # read as the applications are (WPS .et too); review writes .xlsx


def round_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not is_left_by_system(p) and p.suffix.lower() in SUFFIXES)


def unscorable(projects: list[R.Project], plan_experts: list[tuple]) -> list[str]:
    return [f"注意：项目 {p.no}“{p.name}”的全部专家都需回避，该项目将无法评分，请增加其他市（州）的专家。"
            for p in projects if plan_experts and all(p.no in rec for _, _, rec, _ in plan_experts)]


def unplaced(projects: list[R.Project], cities: dict[str, str]) -> list[str]:
    """A note for each project whose 市（州） is blank or not one of Guizhou's, when experts have cities: whether
    one of them must recuse (same 市（州）) cannot be told, so nobody is recused from it."""
    if not cities:
        return []
    return [f"注意：项目 {p.no}“{p.name}”的市（州）{f'“{p.city}”无法识别' if p.city else '为空'}，无法判断专家"
            f"（{'、'.join(f'{e}：{c}' for e, c in cities.items())}）是否需回避，评分表中没有任何专家回避该项目；"
            "请在汇总表中填写该项目的市（州）（如 铜仁市）后重新生成评分表。"
            for p in projects if R.project_city(p.city) is None]


def unread_verdicts(rows: list[dict], projects: list[R.Project]) -> list[str]:
    """A note naming the projects listed as 待定 whose 前置条件 (or the city's 初审意见) holds words that say neither
    达标 nor 不达标 ("待补充材料", "基本符合"): listed, marked 待定, never read as either without a word."""
    listed = {company_key(p.name): p for p in projects if p.pending}
    said = []
    for r in rows:
        p = listed.get(company_key(r.get("企业名称")))
        opinion = city_opinion(r)
        typed = [(t, v) for t, v, said in (("前置条件", _condition_typed(r), None), opinion or ("", "", None))
                 if v and said is None and (condition_verdict if t == "前置条件" else verdict_of)(v) is None]
        if p is not None and typed:
            said.append(f"{p.no}“{p.name}”（{'；'.join(f'{t}：{v}' for t, v in typed)}）")
    return [f"注意：{len(said)} 个项目的前置条件或市州意见无法识别为达标或不达标，已按待定列入评审（评分表中标黄），"
            f"认定前请核实：{'、'.join(said[:10])}{'等' if len(said) > 10 else ''}"] if said else []


def _condition_typed(row: dict) -> str:
    """A row's 前置条件 as the city typed it: the province table's 待定 is merge's for the words it kept in 市州备注
    (“前置条件：待补充材料”)."""
    typed = normalize(row.get("前置条件"))
    notes = row.get(CITY_NOTES_COLUMN)
    if typed == str(Status.UNKNOWN) and isinstance(notes, str):
        return next((normalize(part[len("前置条件："):]) for part in notes.split("；") if part.startswith("前置条件：")), typed)
    return typed


def unfound_applications(projects: list[R.Project], app_files: dict[str, str], source: Path) -> list[str]:
    """A note naming where to put the applications the summary's 来源文件 names and ``make`` did not find (a summary
    refreshed ``--from`` a folder elsewhere): their suggested scores are blank, and the report alone said no more."""
    lost = [p.source for p in projects if p.source and not app_files.get(p.no)]
    if not lost:
        return []
    shown = "、".join(f"“{s}”" for s in lost[:3]) + ("等" if len(lost) > 3 else "")
    return [f"注意：{len(lost)} 个项目的申报表（汇总表“来源文件”列：{shown}）在汇总表所在的文件夹“{source.resolve().parent.name}”"
            "及其“申报表”子文件夹中都没有找到，这些项目的建议分留空。要给出建议分，请把申报表按“来源文件”所写的名称"
            "（含其中的子文件夹）放进汇总表旁的“申报表”文件夹（全省表的项目也可按市（州）放在“申报表/遵义市”等文件夹中），"
            "再重新生成评分表。"]


def lost_codes(rows: list[dict], projects: list[R.Project]) -> list[str]:
    """A note naming the projects whose 统一社会信用代码 Excel stored as a number, its last digits lost: no project is
    matched by it (two companies' codes may read alike), the summary's code is to be retyped."""
    names = {company_key(r.get("企业名称")) for r in rows if lost_digits(r.get("统一社会信用代码"))}
    lost = [f"{p.no}“{p.name}”（{p.uscc}）" for p in projects if company_key(p.name) in names]
    return [f"注意：{len(lost)} 个项目的统一社会信用代码{LOST}，本工具未按代码判断这些项目是否重复：" + "、".join(lost)
            + "。请在汇总表中改正。"] if lost else []


def returned_books(round_dir: Path, targets: dict[str, Path], rules: Rules) -> list[tuple[Path, B.ExpertBook | None]]:
    """Every expert workbook in the folder but the ones ``make`` writes — an expert's returned book renamed by him
    (“乙-已评完.xls”), saved as .xls/.ods, a second version (“甲-修改.xlsx”), another list's — read (None: it cannot be)."""
    others = []
    for p in round_files(round_dir):
        if p in targets.values() or file_label(p) == PLAN_FILE or book_kind_or_none(p) != B.EXPERT_KIND:
            continue
        try:
            others.append((p, B.read_expert_book(p, rules)))
        except (UnreadableFile, WrongKind):
            others.append((p, None))
    return others


def strangers(others: list[tuple[Path, B.ExpertBook | None]], targets: dict[str, Path], fp: str) -> list[str]:
    """A note about expert workbooks in the folder (:func:`returned_books`) that are not of this list of experts: this
    round's, issued before to experts left out of the list now (an expert added by making the round for him alone),
    are to be kept by listing every expert again — moved away, their scores would be lost to the round; any other is
    to be moved. A listed expert's own book of this round under another name is his (kept, or the blank one issued)."""
    ours = {p: b.expert for p, b in others if b is not None and b.round_fp == fp and b.expert not in targets}
    rest = [file_label(p) for p, b in others if b is None or b.round_fp != fp]
    notes = []
    if ours:
        everyone = "、".join(dict.fromkeys([*ours.values(), *targets]))
        notes.append(f"注意：文件夹中还有本轮已发出的评分表（{'、'.join(file_label(p) for p in ours)}），"
                     "本次的评审安排没有列入这些专家，汇总时会拒绝它们。如是要增加专家，请连同原来的专家一起重新生成"
                     f"（专家：{everyone}，所属市（州）也一并写明；已有评分的评分表不会被改动）；这些专家已不参加本轮的，"
                     "汇总前请移走。")
    if rest:
        notes.append(f"注意：文件夹中还有不属于本次名单的专家评分表（{'、'.join(rest)}），汇总前请移走。")
    return notes


def book_kind_or_none(path: Path) -> str | None:
    try:
        return B.book_kind(path)
    except UnreadableFile:
        return None


def refuse_if_scored(path: Path, rules: Rules, name: str, issue: tuple, book: B.ExpertBook | None = None) -> bool:
    """Never overwrite an expert's work: an existing workbook with scores typed stops ``make``, unless it is the one
    ``make`` would write again for ``name`` (``issue``: round, fingerprint, cities, 回避): then True, it is kept.
    ``book``: the workbook at ``path``, when it is read already."""
    try:
        book = book or B.read_expert_book(path, rules)
    except (UnreadableInput, WrongKind) as e:
        raise RefusedWrite(f"文件夹中已有“{file_label(path)}”，但无法确认其中没有专家评分（{e}）。为免覆盖专家的评分，"
                             "请先把它移走，或换一个评审文件夹") from None
    if not typed_in(book):     # scores typed only in 备注, over 建议分 or on a copied sheet are his work too
        return False
    round_id, fp, cities, recusals, projects = issue
    if (book.expert, book.round_id, book.round_fp, book.city, book.sheet.recused) == (
            name, round_id, fp, cities.get(name, ""), recusals[name]):
        return True
    city = cities.get(name, "")
    why = (f"（其所属市（州）在评分表中为“{book.city or '未填写'}”，本次为“{city or '未填写'}”，回避的项目不同；"
           "只是增加专家的，请按原样写明各专家的所属市（州））" if (book.round_id, book.round_fp) == (round_id, fp)
           and book.city != city else other_projects(book.projects, projects) if book.round_id == round_id else "")
    typed = f"已填写 {book.entered} 项评分" if book.entered else "已填写了内容（备注、建议分列或复制出的工作表中的评分）"
    raise RefusedWrite(f"“{file_label(path)}”中专家{book.expert}{typed}，不能覆盖{why}。"
                       "如需重新生成，请先把它移走，或换一个评审文件夹")


# What can be done with a project added to the round's 批次 after the books went out: a book's project list cannot
# change under an expert's scores (make never overwrites them), so either the project waits for the next round or
# the round is made again and scored anew.
LATE_WAYS = ("请在项目汇总表中把其批次改为下一轮，下一轮再评，本轮照常汇总；如须在本轮评审，只能把已评分的评分表移出评审文件夹后"
             "重新生成本轮评分表，专家要在新评分表上全部重新评分")


def other_projects(issued: Sequence[R.Project], now: Sequence[R.Project]) -> str:
    """Why a scored book of this round is not the one ``make`` would write now: the projects added and gone."""
    def names(ps: Sequence[R.Project], others: Sequence[R.Project]) -> str:
        seen = {(q.type, q.name) for q in others}
        return "、".join(f"“{p.name}”" for p in ps if (p.type, p.name) not in seen)

    added, gone = names(now, issued), names(issued, now)
    what = "；".join(x for x in (f"新加入{added}" if added else "", f"已不在本轮{gone}" if gone else "") if x)
    todo = (LATE_WAYS if added else "已不在本轮的项目，汇总时照常列出、不参加排名，不必重新生成") if what else ""
    return f"（本次的项目名单与该评分表不同{'：' + what if what else ''}；项目名单变了，已评的分数不能移到新评分表。{todo}）"
