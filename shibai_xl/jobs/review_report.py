"""What ``shibai review collect`` tells the secretary: the round's result read back as the terminal's lines, the
add-ins' message, and the words every sheet of an incomplete result carries at its top (:class:`CollectReport`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import review as R
from ..engine.fmt import fmt
from ..rules import load
from .review_make_notes import LATE_WAYS
from .review_round import PLAN_FILE


@dataclass
class CollectReport:
    out: Path
    round_id: str
    experts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)                # an expert's second copy, not counted: why
    unreadable: list[tuple[str, str]] = field(default_factory=list)   # file, why: an expert's scores may be in it
    unread_experts: list[str] = field(default_factory=list)           # of ``missing``: their file is unreadable
    results: list[R.ProjectResult] = field(default_factory=list)
    pass_line: float = 0.0    # as collect used them: given, else the year file's
    trim_min: int = 0
    plan_used: bool = True
    calibration: Any = None   # engine.calibration.Calibration
    changes: R.TableChanges | None = None   # the 项目汇总表 read again; None: not found (``table_note`` says why)
    table_note: str = ""
    stray: list[str] = field(default_factory=list)   # rows of an expert's table naming no project of the round
    blank: dict[str, str] = field(default_factory=dict)   # expert → file: his workbook holds no score at all
    totals_only: dict[str, list[str]] = field(default_factory=dict)   # of ``blank``: totals typed on 小计 (cells)
    # said of experts' books, on the terminal and in 评审说明: columns deleted that no score needs, a book sent as PDF
    book_notes: list[str] = field(default_factory=list)

    @property
    def incomplete(self) -> bool:
        """An expert's workbook did not come back, or scores of some expert were not counted (blank, out of range),
        or a project of the round was added to the 项目汇总表 after ``make`` (nobody scored it), or the round's
        评审安排 is not in the folder (then an expert who sent nothing back cannot be told): the
        averages and ranks may stand on fewer experts than the round planned, and the command exits 1."""
        return not self.plan_used or self.scores_missing

    @property
    def scores_missing(self) -> bool:
        """Scores the round is known to lack: a workbook missing or unreadable, an expert's scores not counted, a
        project no expert could score (all recused, or added to the 项目汇总表 for this round after ``make``: it is in
        no 拟认定名单, so the 公示 list is not final)."""
        return bool(self.added) or self.scores_missing_of_experts

    @property
    def scores_missing_of_experts(self) -> bool:
        """Of ``scores_missing``, what the experts' workbooks lack: one missing or unreadable, scores not counted."""
        return bool(self.missing or self.unreadable or self.unscored) or any(
            e.status in (R.NOT_COUNTED, R.NOT_RETURNED) for r in self.in_round for e in r.experts)

    @property
    def in_round(self) -> list[R.ProjectResult]:
        """The projects still in the round (a project withdrawn since ``make`` is listed, never waited for)."""
        return [r for r in self.results if not r.gone]

    @property
    def unscored(self) -> list[R.ProjectResult]:
        """The projects every expert of the round recused from."""
        return [r for r in self.in_round if R.ALL_RECUSED in r.problems]

    @property
    def added(self) -> list[R.Project]:
        """The round's projects the 项目汇总表 holds now and no expert workbook lists (added after ``make``)."""
        return self.changes.added if self.changes is not None else []

    @property
    def absent(self) -> list[str]:
        """The experts whose workbook is not in the folder (``missing`` less those whose file is unreadable)."""
        return [e for e in self.missing if e not in self.unread_experts]

    def incomplete_text(self) -> str:
        """What every sheet of an incomplete result says at its top ("" when the result is complete): the 公示 list
        is printed and published as it is, so it must not look final."""
        if not self.incomplete:
            return ""
        why = [f"专家{'、'.join(self.absent)}未提交评分表"] if self.absent else []
        why += [self.blank_text()] if self.blank else []
        if self.unread_experts or self.unreadable:
            why.append("有评分表无法读取")
        if any(e.status == R.NOT_COUNTED for r in self.in_round for e in r.experts):
            why.append("有专家的评分未计入（漏评、评分无效或与评审安排不符，见“评审结果”表的“问题”列）")
        if self.unscored:
            why.append("项目" + "、".join(f"{r.project.no}“{r.project.name}”" for r in self.unscored)
                       + "全部专家回避，没有评分，未排名")
        if self.added:
            why.append(f"项目汇总表中有 {len(self.added)} 个本轮项目生成评分表之后才加入，没有专家评分：" + "、".join(
                f"“{p.name}”" for p in self.added) + f"（{LATE_WAYS}）")
        if not self.plan_used:
            why.append(f"未找到{PLAN_FILE}，无法核对专家是否都已交回")
        return (f"评审结果不完整：{'；'.join(why)}。平均分、排名和拟认定名单只按已计入的评分计算，"
                "补齐后请重新汇总；不完整的结果请勿公示。")

    def describe(self) -> str:
        ranked = [r for r in self.results if r.rank is not None]
        short = R.shortlist(self.results)
        pending = [r for r in short if r.project.pending]
        lines = [f"评审结果：{self.out}（评审轮次 {self.round_id}）",
                 f"已汇总 {len(self.experts)} 位专家的评分表：{'、'.join(self.experts)}"
                 + (f"；未提交：{'、'.join(self.absent)}" if self.absent else "")
                 + (f"；评分表无法读取：{'、'.join(self.unread_experts)}" if self.unread_experts else "") + "。",
                 f"项目 {len(self.results)} 个，已排名 {len(ranked)} 个；达到分数线 {fmt(self.pass_line)} 分的 {len(short)} 个"
                 "（见“拟认定名单”）" + (f"，其中前置条件待定 {len(pending)} 个，核实前不列入“公示”" if pending else "") + "。"]
        if self.blank:
            lines.append(f"注意：{self.blank_text()}。")
        if not self.plan_used:
            lines.append(f"未找到 {PLAN_FILE}，已按专家评分表自身记录的项目名单核对；本轮安排了哪些专家无从核对，"
                         "没有交回评分表的专家不会被发现，评审结果视为不完整。"
                         f"请把本轮的 {PLAN_FILE} 放回评审文件夹后重新汇总。")
        lines += self._table_lines()
        if troubled := self._troubled():
            lines.append(f"评分未计入或需核对的项目 {len(troubled)} 个（详见“评审结果”表的“问题”列）：")
            lines += [f"  • {x}" for x in troubled]
        tied = [r for r in R.ordered(self.results) if any("并列第" in p for p in r.problems)]
        split = [r for r in tied if any(R.SPLIT_TIE in p for p in r.problems)]
        tied = [r for r in tied if r not in split]
        if tied:
            lines.append(f"同分并列名次的项目 {len(tied)} 个（" + "、".join(
                f"{r.project.no}第{r.rank}名" for r in tied) + "）：通知未规定同分时的先后，名单中按项目编号排列，"
                "如需区分请评审组商定。")
        if split:
            lines.append(f"并列名次被分数线分开的项目 {len(split)} 个（" + "、".join(
                f"{r.project.no}第{r.rank}名{'列入拟认定名单' if r.passed else '未列入'}" for r in split)
                + "）：去极值平均分显示相同，按未四舍五入的分数只有一部分达到分数线，" + R.SPLIT_TIE + "。")
        divergent = sum(1 for r in self.results if r.divergent)
        if divergent:
            lines.append(f"专家评分分歧较大（某指标相差超过满分一半）的项目 {divergent} 个，见“分歧指标”列。")
        if self.calibration is not None and self.calibration.headline():
            lines.append(self.calibration.headline())
        if self.ignored:
            lines.append("已忽略（不是本轮专家评分表）：" + "、".join(self.ignored))
        lines += [f"已忽略{x}。" for x in self.set_aside] + self.book_notes
        if self.stray:
            lines.append("专家评分表中不属于本轮项目的行（其中的内容未计入，请与专家核实）：")
            lines += [f"  • {x}" for x in self.stray]
        if self.unreadable:
            lines.append(f"无法读取的文件 {len(self.unreadable)} 个（其中的评分未计入；"
                         "请让专家重新保存后交回，不是评分表的请移出文件夹）：")
            lines += [f"  • {file}：{why}" for file, why in self.unreadable]
        if self.scores_missing:
            lines.append(self._lacking_line())
        return "\n".join(lines)


    def _troubled(self, returned: bool = False) -> list[str]:
        """“企业01 某公司：专家乙：……” for each project of the round with a score not counted or to check, or not
        ranked; ``returned``: only what the returned workbooks say (an expert who sent none is said once, apart)."""
        shown = []
        for r in R.ordered(self.in_round):
            probs = [e.problem for e in r.experts if e.problem and not (returned and e.status == R.NOT_RETURNED)]
            if probs or r.rank is None or not returned and any(e.status in (R.NOT_COUNTED, R.NOT_RETURNED)
                                                                 for e in r.experts):
                shown.append(f"{r.project.no} {r.project.name}：" + "；".join(probs or r.problems))
        return shown

    def reasons(self) -> list[str]:
        """Why the result is incomplete, one line each, for stderr read apart from the report (CONTRACT §4: the
        inputs not read are listed there): the files not read with why, the experts who sent nothing, the projects
        whose scores are not all counted."""
        if not self.incomplete:
            return []
        said = [f"{file}：{why}" for file, why in self.unreadable]
        said += [f"专家{e}未提交评分表" for e in self.absent] + ([self.blank_text()] if self.blank else [])
        said += self._troubled(returned=True)
        said += [f"未找到{PLAN_FILE}，无法核对专家是否都已交回"] if not self.plan_used else []
        return said + ([added_text(self.changes)] if self.added else [])

    def blank_text(self) -> str:
        """What to say of the experts whose workbook holds no score at all: the blank one issued, most likely."""
        blank = [e for e in self.blank if e not in self.totals_only]
        said = [f"专家{e}的评分表（{self.blank[e]}）只在“小计”表填了总分（{'、'.join(cells[:3])}"
                f"{'等' if len(cells) > 3 else ''}），“评分表”中一个评分都没有：总分不能代替逐项评分，"
                "请专家在“评分表”的“专家评分”列逐项评分后交回，再重新汇总" for e, cells in self.totals_only.items()]
        if blank:
            said.insert(0, "、".join(f"专家{e}的评分表（{self.blank[e]}）" for e in blank) + "中一个评分都没有"
                        "（可能是发出的空白评分表，或专家填写后没有保存），请向专家核实，放入填好的评分表后重新汇总")
        return "；".join(said)

    def _lacking_line(self) -> str:
        """The terminal's last word on scores the round lacks: the experts', and projects added after ``make``."""
        scores = self.scores_missing_of_experts
        what = [w for w, on in (("以上专家的评分没有全部计入", scores), ("汇总表中新加入本轮的项目没有专家评分", self.added))
                if on]
        todo = [w for w, on in (("补交或改正评分表", scores), ("补评新加入的项目（或把它改到下一轮）", self.added)) if on]
        return (f"评审结果不完整：{'，'.join(what)}，平均分和排名只按已计入的评分计算；{'、'.join(todo)}后请重新汇总。")

    def _table_lines(self) -> list[str]:
        """What the terminal says of the 项目汇总表 read again: projects gone from the round, added, corrected."""
        if self.changes is None:
            return [self.table_note] if self.table_note else []
        c, lines = self.changes, [self.table_note] if self.table_note else []   # the table itself incomplete
        gone = [r for r in R.ordered(self.results) if r.gone]
        if gone:
            lines.append(f"已退出本轮的项目 {len(gone)} 个（列出专家评分，不参加排名，不影响结果是否完整）：")
            lines += [f"  • {r.project.no} {r.project.name}：{r.gone}" for r in gone]
        changed = [(no, notes) for no, notes in c.notes.items() if no not in c.gone]
        if changed:   # still in the round: under a heading of their own, never among the projects gone
            lines.append(f"项目汇总表中改正了名称或前置条件的项目 {len(changed)} 个（按汇总表的写，照常排名）：")
            lines += [f"  • {no} {c.current[no].name}：{'；'.join(notes)}" for no, notes in changed]
        if c.added:
            lines.append(added_text(c))
        return lines

    def table_notes(self) -> list[str]:
        """The same for the result's 评审说明 sheet."""
        if self.changes is None:
            return [self.table_note] if self.table_note else []
        c = self.changes
        renamed = [f"{no} 改名：{c.renamed[no]}。" for no in c.renamed]
        return ([f"已核对项目汇总表“{c.table}”。"] + renamed + ([added_text(c)] if c.added else [])
                + ([self.table_note] if self.table_note else []))


def added_text(c: R.TableChanges) -> str:
    names = "、".join(f"{p.name}（{load().types[p.type].short}）" for p in c.added)
    return (f"注意：项目汇总表“{c.table}”中有 {len(c.added)} 个本轮项目不在专家评分表中（生成评分表之后加入或改过）：{names}。"
            f"它们没有专家评分，未排名；{LATE_WAYS}。")
