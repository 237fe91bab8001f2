"""``shibai merge``: the cities' 项目汇总表 into one provincial table, with a count per
市（州） and 项目类型 (a pivot and a chart), and projects reported by two cities.

City summaries are read whoever made them (the tool's table, or the official 附件4 typed by hand; .xlsx,
.xls, .xlsb, .ods). A city file that cannot be read is never dropped silently: it is listed on the 问题文件
and 统计 sheets, the report says the totals are incomplete and the CLI exits 1; its rows already in the
province table keep their last data. Rows are matched by city + 统一社会信用代码 (or normalised name),
never by file name, so renaming a city file keeps the province's notes on its projects."""
from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ..adapters.file_names import distinct_labels, file_label, tail_labels
from ..adapters.files import ensure_writable, held_lock, write_atomic
from ..adapters.xlsx.formula_results import save_with_results
from ..adapters.xlsx.own_sheets import keep_foreign
from ..adapters.xlsx.package import UnreadableFile, refusal_of
from ..adapters.xlsx.problem_sheet import problem_files
from ..adapters.xlsx.summary_apply import apply_records, summary_file
from ..adapters.xlsx.summary_book import (
    BATCH,
    DATA_COLUMNS,
    KEPT,
    PROBLEM_SHEET,
    STATS_SHEET,
    WITHDRAWN,
    WITHDRAWN_BY_CITY,
    SummaryBook,
    find_table,
    is_province,
    require_xlsx,
)
from ..adapters.xlsx.summary_reader import SummaryRows, read_summary
from ..adapters.xlsx.summary_stats import (
    OWN_TABLE,
    listed_unreadable,
    mark_unreadable,
    mark_unsure,
    print_summary_columns,
    stats_sheet,
)
from ..adapters.xlsx.templates import new_summary
from ..adapters.xlsx.whole_ranges import dropped_said, load_book
from ..engine.batches import batch_month
from ..engine.city_county import county_of_city_cell
from ..engine.fmt import at_least
from ..engine.parse.text import PICTURE_SAID, as_picture, company_key, normalize, one_line, said_name
from ..engine.parse.uscc import code_note, county_named, lost_digits, shown
from ..engine.parse.uscc import key as code_key
from ..engine.province_rows import unreported_said
from ..engine.residents import LOST_PHONE, lost_phone
from ..engine.row_marks import (
    CITY_SAID,
    condition_verdict,
    part_struck_note,
    row_withdrawn,
    said_verdict,
    unmarked_name,
    withdrawn_mark,
    withdrawn_where,
)
from ..engine.summary import AMOUNT_COLUMNS, SummaryRecord, SummaryUpdate, applicant_key, not_read, unreadable_record
from ..engine.summary_amounts import no_figure, number_value, unreadable_amount
from ..engine.summary_doubts import (
    PARK_IN_YI,
    RETAIL_ABOVE,
    amount_doubted,
    amounts_doubt,
    blank_amounts,
    doubt_kind,
    row_problems,
)
from ..engine.summary_table import (
    CITY_NOTES_COLUMN,
    NUMBER_COLUMNS,
    SCOPE_COLUMN,
    as_shown,
    city_in,
    city_notes,
    city_rank,
    county_elsewhere,
    county_said,
    nature_short,
    province_titled,
    row_city,
    source_label,
    type_short,
)
from ..engine.summary_units import in_wan
from ..errors import BadOption, ShibaiError, UnreadableInput, WrongKind, why
from ..rules import Status, load
from . import merge_rounds as rounds
from .merge_marks import mark_records, mark_rows
from .merge_sent import file_sent, not_merged, read_sent, record_sent
from .merge_versions import one_version_per_city, province_rows_of_one_city, version_names
from .next_steps import COMMAND_LINE, NextSteps
from .workbook_files import PROVINCE_DAMAGED, link_outside, without_owned_locks

SCOPE = SCOPE_COLUMN     # the city whose summary reported the row: a merge replaces only the cities it is given
MERGE_COLUMNS = (*DATA_COLUMNS, "市州评分", "批次", SCOPE, CITY_NOTES_COLUMN)
Progress = Callable[[int, int, str], None]
# what a city sends beside its workbook (the stamped scan, the covering letter): never a summary to read
DOCUMENTS = (".pdf", ".ofd", ".doc", ".docx", ".wps", ".rtf", ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff")
MISCOUNTED = ("市（州）汇总表自己写明的项目数或合计金额与本工具读到的各行不一致（可能有行漏读、重复填写或合计算错），"
              "请市（州）核对各行和合计后重新报送")
NAMELESS_ROW = "这一行有金额等数据但没有企业名称，未计入合计：请在市（州）汇总表中补上企业名称后重新合并"
PICTURED_NAME = (f"这一行的企业名称一格{PICTURE_SAID}，没有文字，未计入合计：请市（州）在汇总表中把企业名称填写为文字"
                 "（营业执照截图等图片作为材料另附）后重新合并")
BELOW_NOTE = "市（州）汇总表中这一行在合计行、填报人行之下，市（州）的合计不含它，全省合计已计入，请核实"


@dataclass
class MergeReport:
    province: Path
    cities: list[tuple[str, int, str]] = field(default_factory=list)   # (市州, 项目数, file) per summary read
    duplicates: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    update: SummaryUpdate = field(default_factory=SummaryUpdate)
    projects: int = 0
    trade: float = 0.0
    kept: int = 0          # rows of unreadable cities kept from the last merge (counted in the totals)
    versions: list[str] = field(default_factory=list)   # two summaries of one city: which one was counted
    nameless: int = 0      # entries of ``unreadable`` that are rows typed without 企业名称, not files
    gaps: int = 0          # entries of ``unreadable`` that are applications a city summary itself could not read
    once: list[str] = field(default_factory=list)   # a project two rows report: the row its totals count
    repeated: list[str] = field(default_factory=list)   # a project one city's summary has on two rows: counted once
    differing: list[str] = field(default_factory=list)  # of those, the ones whose rows' amounts differ: total unsure
    disputed: list[str] = field(default_factory=list)   # two cities' amounts of a project differ, no code decides
    clashes: list[str] = field(default_factory=list)    # one 统一社会信用代码 on rows naming different companies
    amounts_left_out: list[str] = field(default_factory=list)   # "企业名称（列）" of amounts no total can count
    amounts_blank: list[str] = field(default_factory=list)   # "企业名称（列）" of a project's amounts left blank
    trade_left_out: int = 0   # of those, the 年度交易额 ones (or a summary without its column): the trade total is short
    # of the blank ones, the 年度交易额: the trade total lacks them — said (（不完整）), though every input was read (exit 0)
    trade_blank: int = 0
    trade_bounds: int = 0  # projects whose 年度交易额 in the total is a lower bound ("3000万以上"): the total is at least
    doubtful: list[str] = field(default_factory=list)   # parks whose 年度交易额 looks typed in 亿元 (counted as 万元)
    above: list[str] = field(default_factory=list)   # rows whose 年度网络零售额 is larger than their 年度交易额
    doubted: list[str] = field(default_factory=list)   # rows with an amount like a 元 figure or a mobile number
    late: tuple[str, list[str]] = ("", [])   # the province's latest 批次 before, projects first merged of an earlier one
    withdrawn: list[str] = field(default_factory=list)   # "企业名称（市州）" of the rows this merge marked 已撤回
    revived: list[str] = field(default_factory=list)   # 不达标 → 达标/待定 in an earlier batch than the latest: unreviewed
    appended: list[str] = field(default_factory=list)  # "贵阳市 2 行": new rows at the table's end, out of the notice's order
    miscounted: list[str] = field(default_factory=list)   # a city's count line or 合计 contradicting the rows read
    unreported: list[str] = field(default_factory=list)   # 市（州） nothing came from yet (late): named, exit code unchanged
    passed_over: list[str] = field(default_factory=list)  # a city's hidden old 附件4 beside its shown one: not read, said
    older: list[str] = field(default_factory=list)   # a summary saved before the one merged last time: not merged, said

    @property
    def incomplete(self) -> bool:
        """A city summary or a row could not be read, or an amount no total can count: the totals are short, said
        loudly (exit 1, a warning in the add-ins)."""
        return self.trade_incomplete or bool(self.amounts_left_out)

    @property
    def trade_incomplete(self) -> bool:
        """The 年度交易额 total is short: as :attr:`incomplete`, but a 年度网络零售额 no total counts leaves it whole."""
        return bool(self.unreadable or self.trade_left_out or self.differing or self.disputed or self.miscounted)

    def _twice(self) -> list[str]:
        """The lines of the projects two rows report, and of the codes rows naming different companies share."""
        lines = [f"跨市州重复 {len(self.duplicates)} 项：" + "；".join(self.duplicates)] if self.duplicates else []
        if self.clashes:
            lines.append(f"{len(self.clashes)} 个统一社会信用代码填在企业名称不同的行上，已按同一企业只计一次（“问题”列已注明）；"
                         "如果不是同一企业，是代码填错了，合计少计了项目：请相关市（州）核对代码后重新报送："
                         + "；".join(self.clashes))
        return lines

    def _left_out(self) -> list[str]:
        """The lines of the amounts no total counts: typed so that none can read them, or left blank."""
        lines = []
        if self.amounts_left_out:
            lines.append(f"其中 {len(self.amounts_left_out)} 处金额无法识别，未计入合计（“问题”列已注明，请市（州）改正后重新"
                         "报送）：" + _some(self.amounts_left_out))
        if self.amounts_blank:
            lines.append(f"其中 {len(self.amounts_blank)} 处金额空白，未计入合计（“问题”列已注明，请市（州）补填后重新报送）："
                         + _some(self.amounts_blank))
        return lines

    def describe(self, steps: NextSteps = COMMAND_LINE) -> str:
        """What the merge did; ``steps``: the face's words for what to do next."""
        twice = Counter(c for c, _n, _f in self.cities)   # a city that sent two files: each named by its file
        lines = [f"全省汇总表：{self.province}",
                 "合并：" + "，".join(f"{c or '未识别市州'} {n} 项" + (f"（{f}）" if twice[c] > 1 else "")
                                   for c, n, f in self.cities),
                 f"全省汇总表有效项目 {self.projects} 项，" + (
                     f"年度交易额合计 {at_least(self.trade, self.trade_bounds)}"
                     + ("（不完整）" if self.trade_incomplete or self.trade_blank else "")
                     if math.isfinite(self.trade) else
                     "年度交易额合计超出可计算的范围，未计算（有的年度交易额大得不合常理，请核对“统计”表中合计空白的市州）")]
        lines += self.older + self.versions + [unreported_said(self.unreported)] * bool(self.unreported)
        if self.update.city_changed:   # a city's corrected rows: which now say otherwise than the figures read before
            lines.append(f"市（州）改了数据的项目 {len(self.update.city_changed)} 项（全省表已按市（州）汇总表更新）："
                         + "；".join(self.update.city_changed))
        if self.withdrawn:
            lines.append(f"本次标为“已撤回” {len(self.withdrawn)} 项（报送的市（州）本次汇总表中已没有这一行或已标为已撤回，"
                         "不计入统计和评审，全省表中仍保留这一行；如是市（州）漏报，请市（州）补上后重新报送）："
                         + "、".join(self.withdrawn[:20]) + ("等" if len(self.withdrawn) > 20 else ""))
        lines += self._left_out()
        if self.doubtful:
            lines.append(f"{len(self.doubtful)} 个园区的年度交易额像是按园区申报表的亿元填写，"
                         "已按万元计入合计，合计可能偏小，请核实（“问题”列已注明）：" + "、".join(self.doubtful))
        if self.above:
            lines.append(f"{len(self.above)} 个项目的年度网络零售额大于年度交易额（网络零售额是交易额中的一部分，两栏可能填反"
                         "或有误），已按所填计入合计，请市（州）核实改正（“问题”列已注明）：" + "、".join(self.above))
        if self.doubted:
            lines.append(f"{len(self.doubted)} 个项目的金额存疑（像是手机号码、按元填写、园区亿元栏按万元填写或超出可能的"
                         "范围），已按所填计入合计，合计可能偏大，请市（州）核实改正（“问题”列已注明）："
                         + "、".join(self.doubted))
        lines += self._twice()
        if self.repeated:
            lines.append(f"同一市（州）汇总表中重复填写的项目 {len(self.repeated)} 项，统计和合计中每项只计一次（多余的行仍在"
                         "全省表中，“问题”列已注明）：" + "；".join(self.repeated))
        if self.differing:
            lines.append(f"合计不完整：其中 {len(self.differing)} 项重复填写的各行金额不一致，无法判断哪一行正确，暂只计入一行，"
                         "请市（州）核实、删去多余的行后重新报送：" + "；".join(self.differing))
        if self.once:
            lines.append(f"两个以上市州报送的同一项目 {len(self.once)} 项，统计和合计中每项只计一次（其余行仍在全省表中，"
                         "“问题”列已注明）：" + "；".join(self.once))
        if self.disputed:
            lines.append(f"合计不完整：其中 {len(self.disputed)} 项各市州报送的金额不一致，又无法按统一社会信用代码判断所属"
                         "市（州），暂只计入一行，请相关市（州）核实后重新报送：" + "、".join(self.disputed))
        if self.miscounted:
            lines.append(f"合计不完整或有误：{len(self.miscounted)} 处{MISCOUNTED}：")
            lines += [f"  • {m}" for m in self.miscounted]
        if self.unreadable:
            held = (f"全省表中这些市州原有的 {self.kept} 行保留上次合并的数据并计入合计，本次的新数据没有计入"
                    if self.kept else "其中的项目没有计入")
            files = len(self.unreadable) - self.nameless - self.gaps
            listed = "“问题文件”和“统计”表" if files else "“统计”表"    # rows without a name are on 统计 only
            lines.append(f"合计不完整：{not_read(files, self.nameless, '个汇总表', self.gaps)}，{held}（已列在{listed}中）：")
            lines += [f"  • {f}：{why}" for f, why in self.unreadable]
        latest, late = self.late
        if late:
            lines.append(f"{len(late)} 个项目本次第一次合并进全省表，批次却早于全省表中最新的批次 {latest}（市州较晚报送）："
                         + "、".join(late) + f"。这些批次的评审若已进行，它们没有被评审，而{steps.later_rounds}只列入"
                         "本轮批次的项目：请核实，需要评审时在全省表中把它们的“批次”改为要评审它们的轮次（人改过的批次合并时保留）")
        if self.revived:
            lines.append(f"{len(self.revived)} 个项目上次合并时前置条件不达标，本次为达标或待定，批次却仍是较早的批次："
                         + "、".join(self.revived) + "。该批次的评审若已进行，前置条件不达标的项目没有被评审，而"
                         f"{steps.later_rounds}只列入本轮批次的项目：需要评审时请在全省表中把它们的“批次”改为要评审它们的轮次"
                         "（人改过的批次合并时保留）")
        if self.appended:
            lines.append("本次新加入的行接在全省表末尾，没有排进各自市（州）的位置：" + "、".join(self.appended)
                         + "。已在全省表中的行位置不变（省厅在行上写的备注、状态、自己加的列和引用这些行的公式才不会错位）；"
                         "按市（州）查看请用“市（州）”列的筛选，各市（州）的合计见“统计”表")
        lines += self.update.notes
        return "\n".join(lines)


def _records(path: Path, label: str | None = None) -> tuple[str, list[SummaryRecord], SummaryRows, set[tuple[str, str]],
                                                            list[SummaryRecord]]:
    """The city's projects, the names (key, 项目类型) of its rows marked 已撤回 — those are not merged, but a project
    a later summary of the city withdrew is not counted from an earlier one either — and those rows, for the province
    table to show them withdrawn. ``label``: the file as people are told of it (:func:`distinct_labels`; its name
    alone by default)."""
    label = label or file_label(path)
    summary = read_summary(path)
    if province_titled(summary.title) or not province_rows_of_one_city(summary):
        raise WrongKind(f"“{label}”是全省汇总表，不是市（州）的项目汇总表：合并它会把全省的行当成一个市州的项目"
                        "重复计入。请只列出各市（州）的汇总表")
    city = summary.city
    out = []
    withdrawn: set[tuple[str, str]] = set()
    left: list[SummaryRecord] = []   # those rows, for the province table to keep them as 已撤回 (keep_withdrawn)
    noted: list[str] = []     # rows withdrawn elsewhere than in a 状态 (a hand-typed 附件4 has none): 备注, 删除线 …
    not_city: list[str] = []   # 市（州） cells naming no 市（州） ("州本级"): the city of the summary
    elsewhere: list[str] = []  # "第5行 南明区（贵阳市）": a county of another 市（州） (a 市（州） cell merged over its rows)
    others: list[str] = []     # "第5行“云岩区”（贵阳市）": a row whose 市（州） is another's, counted there
    guessed: list[str] = []    # "第5行“遵义市新蒲新区”": a 市（州） cell naming no county of it after it
    by_hand = False            # ... on a row typed by hand, not one refreshed from its application (that says it so)
    unread: list[str] = []     # "第5行 某公司（“待补充材料”）": a 前置条件 whose words say neither 达标 nor 不达标
    for row in summary.rows:
        name = row.get("企业名称")
        uscc = code_key(row.get("统一社会信用代码"))
        if row_withdrawn(row):
            said = normalize(row.get("状态")) == WITHDRAWN
            project = unmarked_name(name)   # “某公司（已撤回）” names 某公司: its row of an earlier merge
            withdrawn |= version_names(applicant_key(uscc, project), project, row.get("项目类型"))
            if not said:
                noted.append(f"{said_name(name)}（{withdrawn_where(row)}）")
            left.append(_withdrawn_record(row, city, label, uscc))
            continue
        columns, doubt = _columns(row)
        note = _row_note(row, summary)
        own = row_city(columns.get("市（州）"))   # "凯里市": its 市（州）
        typed = normalize(columns.get("市（州）"))
        if typed and not own and city:    # else 统计 counts it as one more 市（州）, the city's subtotal short
            not_city.append(typed)
            own = city
        if city and own and own != city:  # the column wins; the title or file name said otherwise
            mismatch = f"XC_SUMMARY_MISMATCH 项目所在{columns['市（州）']}与报送的{city}汇总表不一致"
            note = "；".join(x for x in (note, mismatch) if x)
            others.append(f"{_at(row)}“{typed}”（{own}）")
        columns["市（州）"] = own or columns.get("市（州）") or city
        if own and typed and not normalize(columns.get("县区")):   # "凯里市", "黔东南州凯里市": the 县区 the city typed
            county, unsure = county_of_city_cell(typed, own)
            columns["县区"] = county or columns.get("县区")
            if unsure:   # "遵义市新蒲新区": as typed, said
                note = "；".join(x for x in (note, unsure) if x)
                guessed.append(f"{_at(row)}“{typed}”")
        columns["县区"] = county_named(columns.get("县区"))   # "凱里市": 凯里市
        if of := county_elsewhere(columns["市（州）"], columns.get("县区")):
            county = normalize(columns.get("县区"))
            mismatch = f"XC_SUMMARY_MISMATCH 县区{county_said(county, of)}，与市（州）“{columns['市（州）']}”不一致，已按后者计入"
            note = "；".join(x for x in (note, mismatch) if x)
            elsewhere.append(f"{row['_row']} {county}（{of}）")
            by_hand = by_hand or not normalize(row.get("来源文件"))   # no application: typed into the 附件4
        columns[SCOPE] = city
        # its columns the 附件4 does not have, and its verdict's own words (合格, 是 under 是否达标) beside 前置条件's 达标
        status, words = said_verdict(normalize(row.get("前置条件")))
        if words and condition_verdict(words) is None:   # 待补充材料, 暂缓: no 达标 the city said, 待定 said on the row
            as_typed = one_line(str(row.get("前置条件")).strip())   # as the city typed it: “达标（材料待补）”
            unread.append(f"{row['_row']} {said_name(name)}（“{as_typed}”）")
            unsure = f"前置条件填写为“{as_typed}”，不能确定达标或不达标，按待定计入，请与市（州）核实"
            note = "；".join(x for x in (note, unsure) if x)
        columns[CITY_NOTES_COLUMN] = city_notes([("前置条件", words and row.get("前置条件")), *row.get("_extras", ())])
        source = _source(row, label)
        score = row.get("自动评分")
        out.append(SummaryRecord(file=source, key=applicant_key(uscc, name), type="", columns=columns,
                                 status=status,
                                 score=score if isinstance(score, (int, float)) and not isinstance(score, bool)
                                 and not no_figure(score) else None,
                                 problems=row_problems(columns, doubt) + [
                                     ("FIELD_AMOUNT", "warning", f"“{label}”的表头中没有识别出“{c}”一栏，这一项目的"
                                      f"{c[:-4]}未计入合计（请市（州）按附件4的表头改正后重新报送）") for c in summary.missing],
                                 uscc=uscc, note=note))
    if summary.outside:
        summary.notes.append(f"{len(summary.outside)} 行项目填在表格下方的合计行、填报人行之下（" + "、".join(summary.outside)
                             + "），市（州）汇总表的合计不含它们，全省合计已计入（“问题”列已注明）：请核实，"
                             "是正式报送的项目的，请市（州）移到合计行上方（表格内）、核对合计后重新报送")
    summary.notes += _place_notes(city, not_city, others, guessed)
    if elsewhere:
        summary.notes.append(f"{len(elsewhere)} 行的县区属于其他市（州）（" + _some(elsewhere) + "），已按所填的市（州）计入"
                             "（“问题”列已注明）：请市（州）核实（" + ("合并的“市（州）”单元格是否盖住了其他市（州）的项目）"
                             if by_hand else "申报表的所属市（州）与县（区）不一致，请与申报单位核实哪一项填错）"))
    if unread:
        summary.notes.append(f"{len(unread)} 行的“前置条件”所填不能确定达标或不达标，按待定计入（原话见“市州备注”，"
                             "“问题”列已注明）：" + _some(unread) + "。请与市（州）核实")
    if noted:
        summary.notes.append(f"写明撤回或划去的 {len(noted)} 项按市（州）撤回处理，未计入（全省表中这些行标为已撤回；仍申报的，"
                             "请市（州）去掉撤回的标注或删除线后重新报送）：" + "、".join(noted))
    return city, out, summary, withdrawn, left


def _place_notes(city: str, not_city: list[str], others: list[str], guessed: list[str]) -> list[str]:
    """What the terminal says of a city's rows whose 市（州） cell names no 市（州） ("州本级": counted as the city's),
    another 市（州） (counted there), or after the city what is no county of it (written into 县区 as typed)."""
    notes = []
    if not_city:
        notes.append(f"{len(not_city)} 行的“市（州）”一栏填写的不是市（州）（"
                     + "、".join(f"“{t}”" for t in dict.fromkeys(not_city)) + f"），按报送的{city}计入")
    if others:
        notes.append(f"{len(others)} 行的“市（州）”填写的是其他市（州）（" + _some(others) + "），全省表和统计按所填的"
                     f"市（州）计入，不计入报送的{city}（“问题”列已注明）：请市（州）核实")
    if guessed:
        notes.append(f"{len(guessed)} 行的“市（州）”一栏在市（州）之后写的不是它的县（区）名称（" + _some(guessed)
                     + "），按所填写入县区（“问题”列已注明）：请市（州）核实")
    return notes


def _columns(row: dict) -> tuple[dict[str, Any], Any]:
    """A city row's columns as the province table writes them, and the doubts of its amounts as typed."""
    # a date or time typed: as the sheet shows it; WPS's picture in a cell (“=DISPIMG(…)”) as a picture, not that text
    columns = {c: as_picture(as_shown(row.get(c))) for c in MERGE_COLUMNS}
    columns[BATCH] = batch_month(row[BATCH]) if isinstance(row.get(BATCH), date) else columns.get(BATCH)
    # as typed, as refresh; before 项目类型 is shortened: “企业（服务类）” names the kind whose amount it is
    doubt = amounts_doubt(columns.get("项目类型"), *(columns.get(c) for c in AMOUNT_COLUMNS),
                          nature=columns.get("企业性质"))
    columns["项目类型"] = type_short(columns.get("项目类型")) or columns.get("项目类型")
    columns["企业性质"] = nature_short(columns.get("企业性质")) or columns.get("企业性质")
    # amounts as the number in 万元 the column means, as the totals read them ("1200万元", "0.12亿元" typed by a
    # city: a SUM in Excel left the text out); the 市州评分 a number where it is typed as one ("85")
    for c in NUMBER_COLUMNS:
        columns[c] = in_wan(columns.get(c), "万元") if c in AMOUNT_COLUMNS else number_value(columns.get(c))
    return columns, doubt


def _source(row: dict, label: str) -> str:
    """A city row's 来源文件 in the province table: the city's file and its row (or the application it summarises)."""
    return f"{label}/{source_label(row['来源文件'])}" if row.get("来源文件") else f"{label}（{row['_row']}）"


def _not_in_province(left: list[SummaryRecord], records: list[SummaryRecord], book: SummaryBook | None
                     ) -> list[SummaryRecord]:
    """The rows the cities withdrew that neither the province table (whatever its 状态) nor a project merged now has:
    a row the province has is marked 已撤回 where it is (apply_records)."""
    def keys(scope: object, code: str, name: object, kind: object) -> set[tuple[str, str, str]]:
        return {(city_in(scope), k, type_short(kind) or normalize(kind)) for k in (code, company_key(unmarked_name(name)))
                if k}

    def record_keys(r: SummaryRecord) -> set[tuple[str, str, str]]:
        return keys(r.columns.get(SCOPE), r.uscc, r.columns.get("企业名称"), r.columns.get("项目类型"))

    known = set().union(*(record_keys(r) for r in records))
    for r in book.project_rows() if book else ():
        known |= keys(book.get(r, SCOPE) or book.get(r, "市（州）"), book.code(r), book.get(r, "企业名称"),
                      book.get(r, "项目类型"))
    out = []
    for r in left:
        mine = record_keys(r)
        if mine and not mine & known:
            known |= mine
            out.append(r)
    return out


def _withdrawn_record(row: dict, city: str, label: str, uscc: str) -> SummaryRecord:
    """A row the city's table marks withdrawn (its 状态, a 备注 of its own, its 企业名称 struck through), as the province
    table keeps it: 已撤回, with where the city said so; ``uscc`` its code's key (code_key)."""
    columns, _doubt = _columns(row)
    columns["市（州）"] = row_city(columns.get("市（州）")) or columns.get("市（州）") or city
    columns[SCOPE] = city
    columns[CITY_NOTES_COLUMN] = city_notes(row.get("_extras", ()))
    where = withdrawn_where(row)
    return SummaryRecord(file=_source(row, label), key=applicant_key(uscc, unmarked_name(row.get("企业名称"))), type="",
                         columns=columns, status="", score=None, problems=[], uscc=uscc,
                         note=f"{WITHDRAWN_BY_CITY}；{city or '市（州）'}汇总表中这一行{where}{CITY_SAID}")


def _row_note(row: dict, summary: SummaryRows) -> str:
    """What the province's 问题 says of a city's row from the reading of it: its own 问题, a row under the city's 合计,
    a code or a mobile Excel made a number of, a note typed beside the code, the city's count or 合计 its rows contradict."""
    notes = [str(row.get("问题") or "").strip()]
    if row.get("_below"):    # the city's printed 合计 and its 统计 leave it out: counted here, said on its row
        notes.append(BELOW_NOTE)
    if lost := lost_digits(row.get("统一社会信用代码")):   # matched by its name: never by a rounded code
        notes.append(f"FIELD_USCC 统一社会信用代码“{shown(row['统一社会信用代码'])}”{lost}（本工具未按代码与其他行比对）")
    if lost_phone(row.get("电话")):   # a mobile Excel showed as 1.39085E+10, exported as that text (a CSV)
        notes.append(f"FIELD_MOBILE 电话“{shown(row['电话'])}”{LOST_PHONE}")
    notes.append(part_struck_note(row))
    if heading := row.get("_section"):   # 项目类型 left blank under the heading of its type's rows
        notes.append(f"项目类型未填写，按其上方的分组标题“{heading}”计为{row['项目类型']}，请市（州）核实")
    if said := code_note(row.get("统一社会信用代码")):   # the code column holds the code alone: its note kept here
        notes.append(f"市（州）在统一社会信用代码后注明“{said}”")
    notes.append(f"XC_SUMMARY_MISMATCH {summary.city_said}" if summary.city_said and not normalize(row.get("市（州）")) else "")
    if summary.miscounted:   # which row is lost or typed twice nobody can tell: each row of the city says it
        notes.append(f"XC_SUMMARY_MISMATCH {'，'.join(summary.miscounted)}：{MISCOUNTED}")
    return "；".join(x for x in notes if x)


EARLIER = "上次合并时未能读取，本次没有重新提供："   # the reason of a problem kept from an earlier merge
# "遵义市汇总表.xlsx（第12行）", "遵义市汇总表.xlsx（“企业”表第12行）" (projects on several sheets): a row without 企业名称
ROW_MARK = re.compile(r"（(?:“[^”]*”表)?第\d+行）$")
GAP_MARK = "（未汇总的申报表："   # "遵义市汇总表.xlsx（未汇总的申报表：园区.xlsx）": one the city summary itself lacks
UNKNOWN_CITY = ("（文件名看不出是哪个市（州）的：重新提供能读取的这个文件即可；如果它的项目已由别的文件报送，"
                "请在全省表的“问题文件”表中删去这一行）")


def _still_unread(wb: Workbook, read_cities: set[str], given: set[str], failed: list[SummaryRecord],
                  report: MergeReport) -> None:
    """What an earlier merge could not read (a file on its 问题文件 sheet) or count (a row typed without 企业名称, on
    its 统计 sheet) stays listed — and the totals incomplete — until this merge reads that file again or the same
    市（州）'s summary: a merge of one city's new file must not make the province look complete while another
    市（州） is still missing (QA). A person who deletes a file's line from 问题文件 has settled it."""
    rows = [(a, b) for a, b in listed_unreadable(wb) if ROW_MARK.search(a) or GAP_MARK in a]
    for label, reason in problem_files(wb) + rows:
        at = ROW_MARK.search(label)
        file = label.split(GAP_MARK, 1)[0] if GAP_MARK in label else label[:at.start()] if at else label
        city = city_in(Path(file).stem)
        if file in given or city in read_cities or file == OWN_TABLE:   # the table's own rows: read again now
            continue
        if not reason.startswith(EARLIER):
            reason = EARLIER + reason + ("" if city or label != file else UNKNOWN_CITY)
        report.unreadable.append((label, reason))
        if label == file:
            failed.append(unreadable_record(label, reason))
        elif GAP_MARK in label:
            report.gaps += 1
        else:
            report.nameless += 1


def merge(province: str | Path, cities: list[str | Path], progress: Progress | None = None,
          now: datetime | None = None, steps: NextSteps = COMMAND_LINE) -> MergeReport:
    """Merge city summaries into the province table. Raises a ShibaiError (nothing written) when none can be read.
    ``steps``: the face's words for what to do next."""
    province = Path(province)
    require_xlsx(province, "全省汇总表")
    ensure_writable(province)
    with held_lock(province, "合并"):   # two merges at once: the later would write the table without the other's cities
        return _merge(province, cities, progress, now, steps)


def _once(given: list[Path]) -> tuple[list[Path], list[str]]:
    """The files given, each once (two overlapping globs, dragged twice: one city summary, read once), and the names
    of those given again."""
    seen: set[Path] = set()
    once, same = [], []
    for c in given:
        where = Path(c).resolve()
        if where in seen:
            same.append(Path(c).name)
        else:
            seen.add(where)
            once.append(c)
    return once, same


def _documents(documents: list[tuple[Path, str, str]], read_cities: set[str], report: MergeReport
               ) -> list[SummaryRecord]:
    """The PDFs, Word files and pictures given (path, label, why not read): those of a city whose workbook was read
    (its 盖章 scan or 报送函, caught by the clerk's 市州/*) named in one line, not its data; the others — a city that
    sent only a scan — unreadable, its rows kept (the records of those)."""
    copies = [name for path, name, _e in documents if city_in(path.stem) in read_cities - {""}]
    if copies:
        report.versions.append(f"另有 {len(copies)} 个文件不是 Excel 工作簿（同一市（州）的 Excel 汇总表已读取），未读取："
                               + "、".join(copies) + "（盖章扫描件、报送函等不需要读取）")
    missing = [(name, e) for _path, name, e in documents if name not in copies]
    report.unreadable += missing
    return [unreadable_record(name, e) for name, e in missing]


def _province_book(province: Path, steps: NextSteps) -> Workbook:
    """The existing provincial table to update, opened: what is not ours or damaged is never overwritten."""
    try:
        wb = load_book(province)
        find_table(wb)
    except UnreadableFile as e:   # refused before openpyxl opened it (a bomb, a far-reaching sheet)
        raise UnreadableFile(f"全省汇总表“{province.name}”无法打开，未改动：{e}") from None
    except Exception as e:  # not ours or damaged: never overwrite something we do not understand
        said = "其中没有本工具的汇总表表格（sb_summary）" if isinstance(e, ShibaiError) else refusal_of(province)
        if not said:   # a workbook the reader opens, openpyxl not: damaged inside, said so (not "pick another name")
            raise UnreadableFile(PROVINCE_DAMAGED.format(name=province.name, why=why(e), other=steps.other_province)) from None
        raise WrongKind(f"“{province.name}”不是本工具生成的全省汇总表（{said}），未改动。{steps.other_province}") from None
    if not is_province(wb):
        raise WrongKind(f"“{province.name}”是市（州）的项目汇总表，不是全省汇总表，未改动。{steps.other_province}")
    return wb


def _summary_said(report: MergeReport, name: str, city: str, recs: list[SummaryRecord], summary: SummaryRows
                  ) -> list[str]:
    """What a city summary read says into the report (its rows without a name, the applications it lacks, its own
    notes, its miscounts, the city counted); the amount columns its header lacks, each as a line."""
    report.unreadable += [(f"{name}（{r}）", PICTURED_NAME if r in summary.pictured else NAMELESS_ROW)
                          for r in summary.nameless]
    report.nameless += len(summary.nameless)
    # a city summary that is itself incomplete (applications its refresh could not read, on its 问题文件 sheet)
    # leaves the province incomplete as well: said, never passed on as a complete total (QA)
    report.unreadable += [(f"{name}{GAP_MARK}{file}）", f"{city or '该市（州）'}的汇总表本身不完整，这份申报表没有汇总"
                           f"进去（{reason}）：请市（州）补齐后重新刷新汇总表、再报送") for file, reason in summary.unread]
    report.gaps += len(summary.unread)
    report.versions += [f"{name}：{c}" for c in summary.notes]
    report.passed_over += [f"{name}：{c}" for c in summary.passed_over]
    report.miscounted += [f"{name}：{m}" for m in summary.miscounted]
    report.trade_left_out += AMOUNT_COLUMNS[0] in summary.missing
    report.cities.append((city, len(recs), name))
    return [f"{name}（表头中没有“{c}”一栏，{len(recs)} 项未计入）" for c in summary.missing]


def _nothing_merged(report: MergeReport) -> None:
    """Raises the refusal of a merge that has no city summary to merge: none could be read, or each one given is older
    than the one merged before (:mod:`.merge_sent`)."""
    if report.older and not report.unreadable:
        raise UnreadableInput("全省汇总表未改动：\n" + "\n".join(report.older))
    raise UnreadableInput("\n".join([*report.older, "没有一个市（州）汇总表能够读取，全省汇总表未改动："]
                                     + [f"  • {f}：{why}" for f, why in report.unreadable]))


def _made_by_merge(province: Path) -> bool:
    """An existing provincial table (``merge`` wrote it): the table a merge updates, not a city's summary."""
    try:
        wb = load_book(province)
        find_table(wb)
    except Exception:   # not ours or damaged: no province table to update
        return False
    return is_province(wb)


def _merge(province: Path, cities: list[str | Path], progress: Progress | None, now: datetime | None,
           steps: NextSteps) -> MergeReport:
    report = MergeReport(province=province)
    read: list[tuple[Path, str, list[SummaryRecord]]] = []
    read_cities: set[str] = set()
    failed: list[SummaryRecord] = []
    withdrawn_rows: list[SummaryRecord] = []   # rows the cities' tables mark withdrawn: kept so, never left out unsaid
    no_column: list[str] = []     # a city summary whose header lacks an amount column: none of its amounts counted
    documents: list[tuple[Path, str, str]] = []   # PDFs, Word files, pictures given: (path, label, why not read)
    cities, same = _once(without_owned_locks(list(map(Path, cities))))
    if same:
        report.versions.append("同一个文件给了不止一次，只读取一次：" + "、".join(f"“{n}”" for n in dict.fromkeys(same)))
    if any(Path(c).resolve() == province.resolve() for c in cities):
        if not _made_by_merge(province):   # a city's summary given as the province table: never written over
            raise WrongKind(f"全省汇总表“{province.name}”也在要合并的市（州）汇总表中。{steps.other_province}")
        # the province table a wildcard listed too (shibai merge 全省.xlsx *.xlsx): the one being updated
        cities = [c for c in cities if Path(c).resolve() != province.resolve()]
        if not cities:   # nothing but the table being updated: said, not a refusal listing no unreadable file
            raise BadOption(f"没有要合并的市（州）汇总表：给出的“{province.name}”就是要更新的全省汇总表，不作为市（州）"
                            "汇总表读取，全省汇总表未改动。请在它后面列出各市（州）报来的项目汇总表")
        report.versions.append(f"“{province.name}”是要更新的全省汇总表，不作为市（州）汇总表读取"
                               "（通配符 *.xlsx 也列出了它）")
    labels = distinct_labels(list(map(Path, cities)))   # “贵阳/附件4.xlsx”, “遵义/附件4.xlsx”: which city's is which
    wb = _province_book(province, steps) if province.exists() else None
    taken, sent = read_sent(wb), {}   # the summaries of each city merged before (latest first); this merge's
    given: list[tuple] = []   # each city summary read: (path, label, city, records, summary, withdrawn, left, Sent)
    for i, path in enumerate(map(Path, cities), 1):
        name = labels[path]   # a name not in UTF-8 as Windows showed it
        if progress:
            progress(i, len(cities), name)
        try:
            outside = link_outside(path, os.path.realpath(path.parent), "市（州）汇总表")   # README: 链接不会被跟随
            if outside:
                raise UnreadableInput(outside)
            if path.is_dir():   # the folder the cities' summaries were saved in: what to give instead
                raise UnreadableInput(f"“{name}”是文件夹，不是市（州）汇总表文件：请列出其中的汇总表，例如 "
                                      f"shibai merge \"{province}\" \"{path / '*.xlsx'}\"")
            city, recs, summary, gone, left = _records(path, name)
        except (ShibaiError, OSError) as e:   # unreadable, not a summary, closed to this account: listed, never dropped
            said = str(e) if isinstance(e, ShibaiError) else f"无法打开文件（{why(e)}）"
            if path.suffix.lower() in DOCUMENTS:   # a stamped scan or letter: its city's workbook decides (below)
                documents.append((path, name, said))
                continue
            report.unreadable.append((name, said))
            failed.append(unreadable_record(name, said))
            continue
        given.append((path, name, city, recs, summary, gone, left, file_sent(path, name, recs, gone)))
    # a summary older than the one of its city merged last time: the city's rows stay as the later summary gave them
    older = not_merged(taken, [(g[2], g[-1]) for g in given])
    report.older = list(older.values())
    for path, name, city, recs, summary, gone, left, this in (g for i, g in enumerate(given) if i not in older):
        no_column += _summary_said(report, name, city, recs, summary)
        sent.setdefault(city, []).append(this)
        read_cities.add(city)
        read.append((path, city, recs, gone))
        withdrawn_rows += left
    failed += _documents(documents, read_cities | {given[i][2] for i in older}, report)   # a scan beside an older summary: given
    report.cities.sort(key=lambda c: city_rank(c[0]))   # said in the notice's order, as the table and 统计 list them
    if not report.cities:
        _nothing_merged(report)
    # the cities in the notice's order of Guizhou's 市（州） (the 统计 sheet's), a city's summaries by their names, each
    # summary's rows in the city's own order (its sheets, then its rows; a city's versions as _one_version_per_city
    # puts them, an older-only row where the city typed it)
    records = sorted(one_version_per_city(read, report, labels), key=lambda r: (
        city_rank(r.columns.get(SCOPE)), "" if r.columns.get(SCOPE) else summary_file(r.file)))
    # each project named once: a row a city typed twice is one project (said as MergeReport.repeated)
    report.doubtful, report.above, report.doubted = (list(dict.fromkeys(
        f"{r.columns.get('企业名称')}（{r.columns.get(SCOPE) or '未识别市州'}）" for r in records
        if any(doubt_kind(text) == mark for _c, _s, text in r.problems))) for mark in (PARK_IN_YI, RETAIL_ABOVE, ""))
    book = None
    if wb is not None:
        # the province's own 统计 or 问题文件 sheet: renamed, never deleted, nor its lines read as files not read
        kept = keep_foreign(wb, (STATS_SHEET, PROBLEM_SHEET))
        # a file listed as “贵阳/附件4.xlsx” is settled by that file, not by 遵义's 附件4.xlsx given alone
        _still_unread(wb, read_cities, {t for c in cities for t in tail_labels(Path(c))}, failed, report)
        book = SummaryBook(wb)
    else:
        wb, kept = new_summary(load().titles.province), []
    mark_records(records, book, read_cities)
    had = rounds.province_batches(book)
    failed_in = {} if book is None else {     # rows 不达标 before this merge → their 批次 as a month
        rounds.merge_row_id(book, r): batch_month(book.get(r, BATCH))
        for r in book.project_rows() if condition_verdict(book.get(r, "前置条件")) == Status.FAIL}
    before = set() if book is None else set(book.project_rows())   # new rows go under them, above the 合计 (new_row)
    was_withdrawn = set() if book is None else {
        rounds.merge_row_id(book, r) for r in book.project_rows()
        if withdrawn_mark(book.get(r, "状态"))}
    held = {city_in(Path(r.file).stem) for r in failed} - {""}
    now = now or datetime.now()
    report.update = apply_records(wb, records + failed, {}, None, now, data_columns=MERGE_COLUMNS,
                                  scope_column=SCOPE, scopes=read_cities, held_scopes=held,
                                  in_order=True, withdrawn=_not_in_province(withdrawn_rows, records, book),
                                  said=withdrawn_rows)
    book = SummaryBook(wb)
    report.late, report.appended = rounds.late_projects(had, rounds.province_batches(book)), rounds.out_of_order(book, before)
    report.revived = rounds.revived_projects(book, failed_in)
    report.update.notes += kept + rounds.round_notes(book, report.update, failed_in, was_withdrawn, steps)
    report.withdrawn = rounds.withdrawn_said(book, was_withdrawn)
    report.kept = sum(1 for r in book.project_rows()
                      if not withdrawn_mark(book.get(r, "状态")) and str(book.get(r, "问题") or "").startswith(KEPT))
    active = mark_rows(book, report, now.strftime("%Y-%m-%d %H:%M"))
    untyped = [said_name(book.get(r, "企业名称")) + (f"（“{t}”）" if (t := normalize(book.get(r, "项目类型"))) else "（未填写）")
               for r in active if not type_short(book.get(r, "项目类型"))]   # 统计's 类型未识别: in no per-type count
    report.versions += [f"{len(untyped)} 个项目的项目类型无法识别（应为园区、基地、企业、团队），“统计”表计入“类型未识别”，"
                        "请市（州）核实改正（“问题”列已注明）：" + _some(untyped)] * bool(untyped)
    from .province_stats import nameless_entries, project_figures, province_figures_sheet, reported_cities, trade_total

    own = nameless_entries(wb)   # the province's own rows typed without a name: said at every merge until named
    report.unreadable += own
    report.nameless += len(own)
    figures = project_figures(wb, active)  # the 统计 sheet's reading of every amount: the terminal says the same total
    report.amounts_left_out = no_column + [f"{book.get(r, '企业名称')}（{c}）" for r in active for c in AMOUNT_COLUMNS
                                           if unreadable_amount(book.get(r, c))]
    report.trade_left_out += sum(unreadable_amount(book.get(r, AMOUNT_COLUMNS[0])) for r in active)
    blank = [(r, c) for r in active
             for c, _said in blank_amounts(book.get(r, "项目类型"), *(book.get(r, c) for c in AMOUNT_COLUMNS))]
    report.amounts_blank = [f"{book.get(r, '企业名称')}（{c}）" for r, c in blank]
    report.trade_blank = sum(c == AMOUNT_COLUMNS[0] for _r, c in blank)
    report.projects = len(figures)
    report.trade, report.trade_bounds = trade_total(figures)   # "≥" with the projects typed as lower bounds
    # the count table groups the rows as the figures beside it do (a city typed 贵阳 is 贵阳市 in both)
    reported = reported_cities(wb, read_cities)
    stats_sheet(wb, [(f.city, f.type, "") for f in figures], by="市（州）", order=tuple(load().choices["cities"]),
                always=reported)
    mark_unreadable(wb, report.unreadable, kept=report.kept, rows=report.nameless, gaps=report.gaps)
    _say_unsure(wb, report)
    report.unreported = province_figures_sheet(wb, figures, reported, unread=held, passed_over=report.passed_over,
                                               doubted=sum(amount_doubted(book.get(r, "问题")) for r in active))
    print_summary_columns(wb)
    report.versions += dropped_said(wb, province.name, "合并")
    record_sent(wb, taken, sent)
    write_atomic(province, lambda tmp: save_with_results(wb, tmp))
    return report


def _say_unsure(wb: Workbook, report: MergeReport) -> None:
    """The 统计 sheet's title says why its amounts are unsure: amounts two rows give, a city's count or 合计 its rows
    contradict, amounts nobody can read."""
    if report.differing or report.disputed:
        mark_unsure(wb, "，".join(x for x in (
            f"{len(report.differing)} 个项目在市（州）汇总表中重复填写且各行金额不一致" if report.differing else "",
            f"{len(report.disputed)} 个项目由两个以上市州报送且金额不一致" if report.disputed else "")
            if x) + "，暂只计入一行（见全省表“问题”列），请市（州）核实后重新报送")
    if report.miscounted:
        mark_unsure(wb, f"{len(report.miscounted)} 处{MISCOUNTED}：" + "；".join(report.miscounted))
    if left := report.amounts_left_out:
        mark_unsure(wb, f"{len(left)} 处金额无法识别或缺少金额列，未计入金额合计（见全省表“问题”列，请市（州）改正后重新报送）："
                        + _some(left))
    if blank := report.amounts_blank:
        mark_unsure(wb, f"{len(blank)} 处金额空白，未计入金额合计（见全省表“问题”列，请市（州）补填后重新报送）：" + _some(blank))


def _at(row: dict) -> str:
    """Where a city's row is: "第5行", or "“基地”表第5行" (its ``_row`` already says so)."""
    return f"第{row['_row']}行" if isinstance(row["_row"], int) else str(row["_row"])


def _some(names: list[str]) -> str:
    """The first ten of ``names`` (等 when there are more): a line the terminal and a title can hold."""
    return "、".join(names[:10]) + ("等" if len(names) > 10 else "")


def __getattr__(name: str):
    if name == "PROVINCE_TITLE":   # the year file's province_title (read when asked for, not at import)
        return load().titles.province
    raise AttributeError(name)
