"""The marks a city or a clerk leaves on a row of a 项目汇总表 (附件4): a project withdrawn (已撤回 in 状态 or 备注, a
name struck through or bracketed “（已撤回）”, 序号 “撤回”), a 前置条件 verdict in its own words (符合, 不推荐, ✓), a city's
own verdict column (初审意见). Pure text rules every reader of summaries shares (merge, refresh, review make, 统计).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..rules import Status
from .parse.text import normalize
from .summary_table import CITY_NOTES_COLUMN, plain

WITHDRAWN = "已撤回"   # the 状态 of a project no longer applying (the tool writes it; a city or clerk may type it)
# what a city writes in a 备注 (or 状态) column of its own beside a project it has withdrawn, before any "，…" or "（…）"
WITHDRAWN_MARKS = frozenset({"撤回", WITHDRAWN, "申请撤回", "已申请撤回", "企业撤回", "企业已撤回", "企业申请撤回", "主动撤回",
                             "企业主动撤回", "撤销申报", "已撤销申报", "放弃申报", "已放弃申报", "企业放弃申报", "退出申报",
                             "已退出申报", "撤销", "已撤销",
                             # the words of a company's letter: 撤回申报, 取消申报
                             "撤回申报", "已撤回申报", "申请撤回申报", "企业撤回申报", "企业申请撤回申报", "主动撤回申报",
                             "企业主动撤回申报", "取消申报", "已取消申报", "申请取消申报", "企业取消申报", "企业申请取消申报"})
_MARK_END = re.compile(r"[,，。.;；(:：!！、]")
# the same said in the words of a company's letter as a clerk copies them (“企业自愿放弃申报”, “企业来函放弃”, “不再申报”,
# “已取消”, “企业已退出”): who, how, then the withdrawal — never “未撤回” or “撤回后重新申报”, which say more after it
_WITHDRAWN_SAID = re.compile(r"(?:企业|单位|申报单位|申报主体|该企业|该单位)?(?:已经|已|自愿|主动|申请|来函|书面)*"
                             r"(?:撤回|撤销|放弃|退出|取消)(?:申报)?"
                             r"|(?:企业|单位|该企业|该单位)?(?:自愿|主动)?(?:已)?不再申报")


def withdrawn_mark(value: Any) -> bool:
    """A city's own note saying the project is withdrawn (备注：已撤回): the row is no project the totals count.

    >>> [withdrawn_mark(v) for v in ("已撤回", " 撤 回 ", "企业申请撤回（5月8日来函）", "已撤回。", "撤回后重新申报", "未撤回")]
    [True, True, True, True, False, False]
    >>> [withdrawn_mark(v) for v in ("已实地核查", "", None, 1)]
    [False, False, False, False]
    >>> [withdrawn_mark(v) for v in ("企业自愿放弃申报", "放弃", "企业来函放弃（6月3日）", "不再申报", "已取消", "企业已退出")]
    [True, True, True, True, True, True]
    >>> [withdrawn_mark(v) for v in ("取消资格待定", "不再申报其他类型", "未放弃", "退出后又申报")]
    [False, False, False, False]
    """
    if not isinstance(value, str) or not any(w in value for w in _MARK_WORDS):   # most notes: no plain() at all
        return False
    head = _MARK_END.split(plain(value), 1)[0]
    return head in WITHDRAWN_MARKS or bool(_WITHDRAWN_SAID.fullmatch(head))


_MARK_WORDS = ("撤", "放弃", "退出", "取消", "不再")     # in every one of WITHDRAWN_MARKS and _WITHDRAWN_SAID

# a column a clerk added to answer whether each project is withdrawn (“是否撤回”, “撤回”, “是否放弃申报”): its 是 or tick
_WITHDRAWN_TITLE = re.compile(r"(?:是否)?(?:已)?(?:撤回|撤销|放弃|退出|取消)(?:申报)?(?:\(是/否\))?")
_YES = frozenset({"是", "√", "✓", "✔", "☑", "是的", "y", "Y", "yes", "Yes", "YES"})


def withdrawn_in(title: Any, value: Any) -> bool:
    """Whether a column of a city's own, under ``title``, says the project is withdrawn: a withdrawal in its words
    (:func:`withdrawn_mark`), or 是 / a tick under a title asking it (“是否撤回”).

    >>> withdrawn_in("是否撤回", "是"), withdrawn_in("撤回", "√"), withdrawn_in("备注", "已撤回")
    (True, True, True)
    >>> withdrawn_in("是否撤回", "否"), withdrawn_in("备注", "是"), withdrawn_in("是否推荐", "是"), withdrawn_in(None, "是")
    (False, False, False, False)
    """
    if withdrawn_mark(value):
        return True
    return (isinstance(title, str) and isinstance(value, str) and any(w in title for w in _MARK_WORDS)
            and bool(_WITHDRAWN_TITLE.fullmatch(plain(title))) and _MARK_END.split(plain(value), 1)[0] in _YES)


# the words a city types for its verdict of a project in a 前置条件 (初审意见, 审核意见) column of a hand-typed 附件4: each
# says 达标 or 不达标 alone (不符合 is no 符合); a city reports only the projects it recommends (notice 三、(二)), a
# 不推荐 row is none to review
_PASS_WORDS = ("达标", "符合", "合格", "通过", "同意", "推荐", "同意推荐", "予以推荐", "建议推荐", "符合条件", "符合要求",
               "审核通过", "已通过", "同意上报", "推荐上报", "同意推荐上报", "符合申报条件", "符合申报要求", "通过初审",
               "通过审核", "通过复核", "✓", "√", "✔", "☑")
_FAIL_WORDS = ("不达标", "未达标", "不符合", "不合格", "未通过", "不通过", "不同意", "不推荐", "不予推荐", "不建议推荐",
               "暂不推荐", "不同意推荐", "不符合条件", "不符合要求", "审核未通过", "审核不通过", "不同意上报", "不予上报",
               "不符合申报条件", "不符合申报要求", "未通过初审", "未通过审核", "未通过复核", "×", "✗", "✘", "☒")
# what, after a 达标, says it is not yet one: materials to be added or facts to be checked (“达标（材料待补）”)
_PENDING = re.compile(r"待补|需补|须补|尚需|尚须|仍需|(?<![无不])缺|不全|不齐|未提供|未上传|未附|待核|待确认|待定|暂缓|存疑|有待")
# a verdict said with who made it or as a proposal: “初审通过”, “审核合格”, “拟推荐”, “建议不予推荐”
_PROPOSED = re.compile(r"^(?:拟|建议)(?=不|同意|推荐|予以|通过|上报)")
_VERDICTS = {**dict.fromkeys(_PASS_WORDS, Status.PASS), **dict.fromkeys(_FAIL_WORDS, Status.FAIL),
             "待定": Status.UNKNOWN}


def verdict_of(value: Any) -> Status | None:
    """A 前置条件 cell as the tool writes it or a clerk types it, with a note or spaces: the verdict before any "，…"
    or "（…）"; None for what is no verdict (blank, other text), which nobody may read as 不达标 or 达标.

    >>> [str(verdict_of(v)) for v in ("达标", "不达标（无审计报告）", " 达 标 ", "未达标。", "待定(补材料)")]
    ['达标', '不达标', '达标', '不达标', '待定']
    >>> [verdict_of(v) for v in ("", None, "已核", "达标率高", "不达标准")]
    [None, None, None, None, None]

    The words of a city's own verdict column, each read alike wherever the table is read (merge, 统计, review):

    >>> [str(verdict_of(v)) for v in ("符合", "合格", "通过", "同意推荐", "✓", "√", "符合（已实地核查）")]
    ['达标', '达标', '达标', '达标', '达标', '达标', '达标']
    >>> [str(verdict_of(v)) for v in ("不符合", "不合格", "未通过", "不推荐", "×", "暂不推荐，材料不全")]
    ['不达标', '不达标', '不达标', '不达标', '不达标', '不达标']
    >>> [verdict_of(v) for v in ("待补充材料", "基本符合", "推荐为基地", "X")]
    [None, None, None, None]

    Said as the bureau says its 初审 (通知三（二）: 审核 and 推荐): who decided before the word, 拟 (proposed) or 建议:

    >>> [str(verdict_of(v)) for v in ("拟推荐", "初审通过", "通过初审", "审核合格", "市州初审同意", "复核通过")]
    ['达标', '达标', '达标', '达标', '达标', '达标']
    >>> [str(verdict_of(v)) for v in ("拟不推荐", "初审不合格", "拟不予推荐", "建议不予推荐")]
    ['不达标', '不达标', '不达标', '不达标']
    >>> [verdict_of(v) for v in ("暂缓", "建议暂缓", "拟申报")]
    [None, None, None]

    Yet a 达标 with something still missing or to be checked is none (not so a 不达标):

    >>> [verdict_of(v) for v in ("达标（材料待补）", "符合，但缺审计报告", "推荐(待补充审计报告)", "同意推荐，待核实")]
    [None, None, None, None]
    >>> [str(verdict_of(v)) for v in ("符合（已补齐材料）", "合格（无缺项）", "不推荐（材料不全）")]
    ['达标', '达标', '不达标']
    """
    if value is None:
        return None
    text = plain(value)
    head = _MARK_END.split(text, 1)[0]
    return _unless_pending(_VERDICTS.get(head) or _VERDICTS.get(_PROPOSED.sub("", _BY_WHOM.sub("", head, 1), 1)), text)


def _unless_pending(verdict: Status | None, text: str) -> Status | None:
    """``verdict``, but no 达标 where the city's words add that something is still missing or to be checked
    (“达标（材料待补）”, “符合，但缺审计报告”): a project whose materials are incomplete is not reviewed (通知三（三）),
    the city has not yet said 达标 — None, read as no verdict (待定, named)."""
    return None if verdict == Status.PASS and _PENDING.search(text) else verdict


def condition_verdict(value: Any) -> Status | None:
    """A 前置条件 cell: :func:`verdict_of`, or the 是 / 否 a city answers under its own title for the column, “是否达标”
    (“前置条件是否达标”, “是否符合前置条件”: summary_table reads them as 前置条件) — a 否 is 不达标, never 待定.

    >>> [str(condition_verdict(v)) for v in ("是", "否", "否，无审计报告", "是（已核查）", "不达标")]
    ['达标', '不达标', '不达标', '达标', '不达标']
    >>> [condition_verdict(v) for v in (None, "", "是否", "基本是", "是（缺审计报告）")]
    [None, None, None, None, None]
    """
    if value is None:
        return None
    text = plain(value)
    return verdict_of(value) or _unless_pending(_YES_NO.get(_MARK_END.split(text, 1)[0]), text)


def said_verdict(value: Any) -> tuple[Any, str | None]:
    """A city's 前置条件 cell as the provincial table writes it (CONTRACT §3: 达标 / 不达标 / 待定): the verdict its words
    say (:func:`condition_verdict`), with the words themselves where they are more than it (for 市州备注); words no
    verdict reads (待补充材料, 暂缓) are 待定 — the city has not said 达标 — their words kept alike; a blank as it is.

    >>> said_verdict("合格"), said_verdict("达标"), said_verdict("否，无审计报告"), said_verdict("待补充材料")
    (('达标', '合格'), ('达标', None), ('不达标', '否，无审计报告'), ('待定', '待补充材料'))
    >>> said_verdict(""), said_verdict(None), said_verdict("待定")
    (('', None), (None, None), ('待定', None))
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return value, None
    verdict = (condition_verdict(value) if isinstance(value, str) else None) or Status.UNKNOWN
    return str(verdict), (None if value == str(verdict) else value)


_CITY = r"市州|市\(州\)|市级|市局"     # the city's words for itself in a column's title or a remark

# a city's own verdict column beside the 附件4 titles (初审意见, 审核意见, 推荐意见, 是否推荐, 市州意见, 市（州）商务主管部门
# 意见 as the application's own box is titled): merge keeps it in 市州备注
_OPINION = re.compile(r"(?:初审|审核|审查|推荐)(?:意见|结果|情况)|是否(?:推荐|符合|达标|通过)"
                      rf"|^(?:{_CITY})(?:商务)?(?:主管部门|局)?意见$")


def city_opinion(row: Mapping[str, Any]) -> tuple[str, str, Status | None] | None:
    """(title, text, verdict) of a summary row's city verdict column (初审意见：不推荐) as its 附件4 header reads it
    (under "_extras"), as a tool table's own column, or in the provincial table's 市州备注 ("初审意见：不推荐；备注：…");
    the verdict as :func:`verdict_of` reads it (是 / 否 under a 是否推荐 title too), None where no word says it; None
    where the row has no such column filled. Without one, a plain 备注 (说明) that is a 不推荐 (:func:`remark_verdict`)
    is the city's verdict, quoted as typed.

    >>> city_opinion({"企业名称": "甲", "_extras": [("备注", "新申报"), ("市州 初审意见", "不推荐")]})
    ('市州初审意见', '不推荐', <Status.FAIL: '不达标'>)
    >>> city_opinion({"市州备注": "备注：新申报；审核意见：同意推荐上报"}), city_opinion({"审核意见": None, "备注": "无"})
    (('审核意见', '同意推荐上报', <Status.PASS: '达标'>), None)
    >>> city_opinion({"是否推荐": "否"}), city_opinion({"初审意见": "待补充材料"})
    (('是否推荐', '否', <Status.FAIL: '不达标'>), ('初审意见', '待补充材料', None))
    >>> city_opinion({"_extras": [("市（州）商务主管部门意见", "不推荐")]})[2], city_opinion({"_extras": [("市州意见", "✓")]})[2]
    (<Status.FAIL: '不达标'>, <Status.PASS: '达标'>)
    >>> city_opinion({"_extras": [("备注", "不符合申报条件，不推荐")]}), city_opinion({"备注": "推荐理由：规模大"})
    (('备注', '不符合申报条件，不推荐', <Status.FAIL: '不达标'>), None)
    """
    pairs = [*row.get("_extras", ()), *((k, v) for k, v in row.items() if isinstance(k, str) and k[:1] != "_")]
    notes = row.get(CITY_NOTES_COLUMN)
    if isinstance(notes, str):
        pairs += [tuple(part.split("：", 1)) for part in notes.split("；") if "：" in part]
    found = next(((plain(t), normalize(v)) for t, v in pairs if _OPINION.search(plain(t)) and normalize(v)), None)
    if found is None:     # no verdict column: a plain 备注 saying no more than 不推荐 is the city's verdict too
        said = next(((plain(t), str(v).strip()) for t, v in pairs
                     if t != CITY_NOTES_COLUMN and _REMARK.search(plain(t)) and remark_verdict(v)), None)
        return (*said, Status.FAIL) if said else None
    title, text = found
    yes_no = _unless_pending(_YES_NO.get(_MARK_END.split(plain(text), 1)[0]), plain(text)) if title.startswith("是否") \
        else None
    return title, text, verdict_of(text) or yes_no


_YES_NO = {"是": Status.PASS, "否": Status.FAIL}
_REMARK = re.compile(r"备注|说明")     # a city's plain remark column
_CLAUSE = re.compile(r"[,;。.!！]")
_BY_WHOM = re.compile(rf"^(?:{_CITY}|县级|县区)?(?:初审|审核|审查|复核)?(?:意见|结论|结果)?:?")


def remark_verdict(value: Any) -> Status | None:
    """A city's plain 备注 that is its verdict: FAIL where one of its clauses is a word of :func:`verdict_of` saying
    不达标 (or 初审 / 审核 with it: “初审不通过”, “市州初审意见：不予推荐”) and none says 达标; None for any other remark,
    one that merely holds such a word among others (“推荐理由：…”, “不推荐的原因已整改”) or says both.

    >>> [str(remark_verdict(v)) for v in ("不推荐", "不符合申报条件，不推荐", "初审不通过", "审核意见：不予推荐（材料不全）")]
    ['不达标', '不达标', '不达标', '不达标']
    >>> [remark_verdict(v) for v in ("推荐理由：园区规模大", "不推荐的原因已整改", "已实地核查", "原不符合，整改后符合", None)]
    [None, None, None, None, None]
    """
    verdicts = {verdict_of(_BY_WHOM.sub("", c)) for c in _CLAUSE.split(plain(value)) if c}
    return Status.FAIL if Status.FAIL in verdicts and Status.PASS not in verdicts else None


STRUCK = "_struck"   # a row as read whose 企业名称 the city struck through (删除线): crossed out, as withdrawn
# a row whose 企业名称 is struck through in part of its text only (a former name crossed out beside the new one): no
# withdrawal, but a clerk may have meant one — said on the row, once, to be checked
PART_STRUCK = "_part_struck"
PART_STRUCK_NOTE = "企业名称部分文字有删除线，未按撤回处理，请核实"
# the end of a province row's note of where its city's table withdrew it ("贵阳市汇总表中这一行“状态”为“已撤回”，按撤回
# 处理，本次合并未计入"): the tool's words, as the note before it is
CITY_SAID = "，按撤回处理，本次合并未计入"


# a hand-typed 附件4 has no 状态 column: its clerk writes a withdrawal where there is room — a whole 序号, 市州评分,
# 问题 or 业绩 cell ("已撤回"), or in brackets after the 企业名称 or 项目类型 ("某公司（已撤回）")
_MARKED_WHOLE = ("序号", "市州评分", "问题", "企业运营情况及主要业绩")
_MARKED_AFTER = ("企业名称", "项目类型")
_BRACKETED_END = re.compile(r"\(([^()]*)\)$")


def withdrawn_where(row: Mapping[str, Any]) -> str:
    """Where a summary row (as read, its own columns under "_extras") says the project is withdrawn — its 状态, a
    city's own 备注, its 企业名称 struck through, or in a table without 状态 its 序号, 市州评分, 问题, 业绩 or a bracket
    after its name — as said to people ("“状态”为“已撤回”", "“备注”写明“企业申请撤回”"); '' when nowhere.

    >>> withdrawn_where({"企业名称": "某公司（已撤回）"}), withdrawn_where({"状态": "有效", "市州评分": "已撤回"})
    ('“企业名称”写明“某公司（已撤回）”', '')
    >>> withdrawn_where({"序号": "撤回"}), withdrawn_where({"企业名称": "某公司（撤回后重新申报）", "序号": 2})
    ('“序号”写明“撤回”', '')
    """
    status = row.get("状态")
    if withdrawn_mark(status):
        return f"“状态”为“{str(status).strip()}”"
    if said := next((f"“{normalize(t)}”写明“{str(v).strip()}”" for t, v in row.get("_extras", ()) if withdrawn_in(t, v)), ""):
        return said
    if row.get(STRUCK):
        return "企业名称划了删除线"
    if normalize(status):   # the tool's table: its 状态 (有效) decides, as its refresh counted the row
        return ""
    for c in (*_MARKED_WHOLE, *_MARKED_AFTER):
        v = row.get(c)
        if withdrawn_mark(v) or (c in _MARKED_AFTER and _bracketed_mark(v)):
            return f"“{c}”写明“{str(v).strip()}”"
    return ""


def _bracketed_mark(value: Any) -> re.Match | None:
    """The bracket a clerk wrote a withdrawal in after a name or a type (“某公司（已撤回）”), in plain() form."""
    if isinstance(value, str) and any(w in value for w in _MARK_WORDS) and (m := _BRACKETED_END.search(plain(value))):
        return m if withdrawn_mark(m.group(1)) else None
    return None


def bracketed_withdrawal(value: Any) -> bool:
    """Whether a name or a type ends with the withdrawal a clerk bracketed after it (“基地（已撤回）”): the person's mark,
    never to be tidied into the short type or written over with the application's.

    >>> bracketed_withdrawal("基地（已撤回）"), bracketed_withdrawal("基地"), bracketed_withdrawal("某公司（撤回后重新申报）")
    (True, False, False)
    """
    return _bracketed_mark(value) is not None


def unmarked_name(value: Any) -> Any:
    """A 企业名称 without the withdrawal bracketed after it, naming the project the row is (its application's row):
    “某公司（已撤回）” → “某公司”; any other value as it is.

    >>> unmarked_name("贵州甲公司（已撤回）"), unmarked_name("贵州甲公司（撤回后重新申报）"), unmarked_name(None)
    ('贵州甲公司', '贵州甲公司（撤回后重新申报）', None)
    """
    m = _bracketed_mark(value)
    return plain(value)[:m.start()] if m else value


def row_withdrawn(row: Mapping[str, Any]) -> bool:
    """A summary row the city withdrew (:func:`withdrawn_where`): merge does not count it, review make does not list
    it."""
    return bool(withdrawn_where(row))


def part_struck_note(row: Mapping[str, Any]) -> str:
    """:data:`PART_STRUCK_NOTE` for a row whose 企业名称 is struck through in part of its text only and that nothing
    else withdraws; '' otherwise.

    >>> part_struck_note({PART_STRUCK: True, "企业名称": "某公司"}), part_struck_note({PART_STRUCK: True, "状态": "已撤回"})
    ('企业名称部分文字有删除线，未按撤回处理，请核实', '')
    """
    return PART_STRUCK_NOTE if row.get(PART_STRUCK) and not row_withdrawn(row) else ""
