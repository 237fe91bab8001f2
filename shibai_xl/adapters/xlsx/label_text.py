"""A typed label's printed words (:func:`label_key`) and the answer typed after its colon: the text side of finding
fields by their printed labels (labels.py)."""
from __future__ import annotations

import re
from typing import Any

from ...engine.parse.dates import DOTTED_SHORT, PERIOD, WHOLE_YEAR, YEAR_THEN_MONTHS
from ...engine.parse.text import normalize

_DROP = re.compile(r"[\s□_＿:：;；,，。、.．()（）\[\]【】\"“”'‘’*＊%％]+")
_SPACED = re.compile(r"(?<=\S)\s+(?=\S)")   # a space between words: "名称 贵阳某某园区"
_ITEM_NO = re.compile(r"^\d{1,2}(?=[^\d年])")
# the printed "(202x年x月-202x年x月)年度交易额达" retyped as 附件4's header often is, the year before 年度 without brackets:
# "2023年度交易额达", "2023年年度直播销售额", "(平台型企业) 2023年度交易额" — the whole year (:func:`_period_from_label`);
# the cell is also found under the label without it when no other figure is in it (a sentence "2022年年度网络零售额5000
# 万元" in a 备注 is no label)
# — and without 度, "2023年交易额" (a year, then no month or day: "2023年1月…" is a date)
_YEAR_LEAD = re.compile(r"((?:19|20)\d{2})\s*(?:年?\s*(?=年\s*度)|年(?=\s*[^\s\d年月日号度]))")


def _without_year(key: str) -> str | None:
    """A label key with the year before its 年度 left out ("平台型企业2023年度交易额" → "平台型企业年度交易额"), None when it
    has none or holds another figure."""
    year = _YEAR_LEAD.search(key)
    rest = key[:year.start()] + key[year.end():] if year else ""
    return rest if rest and not re.search(r"\d", rest) else None
# the printed "(202x年x月-202x年x月)" once the applicant has filled it in: "(2023年1月-2023年12月)年度交易额达", or
# with a whole year: "(2023年度)年度交易额达" (group 1, 2: the months; group 3: the year), or as "(2023.01-12)" (group 4),
# or as a year and its months: "(2023年度1-12月)", "(2023年度（1-12月）)" (group "months")
PERIOD_IN_LABEL = re.compile(rf"[(（]\s*(?:{PERIOD}|{WHOLE_YEAR}|({DOTTED_SHORT})|(?P<months>{YEAR_THEN_MONTHS}))\s*[)）]")
# …and left as printed, or with its blanks still empty: "(202x年x月-202x年x月)", "(    年  月-    年  月)"
PERIOD_BLANK = re.compile(r"[(（][^()（）]{0,12}年[^()（）]{0,6}[-—–~～至到][^()（）]{0,12}年[^()（）]{0,6}[)）]")
# the printed line split at its blanks leaves the previous blank's unit before the next words:
# "…示范企业 ___家，列为商务部…企业 ___家" typed as "家，列为商务部…企业", and where the next item follows on the same
# printed line, with its number: "…面积 ___平方米 2. 有公共直播间 ___间" typed as "平方米 2. 有公共直播间"
_UNIT_LEAD = re.compile(r"^(?:亿元|万元|平方米|美元|间|个|家)\d{0,2}(?=[^\d]{4,}$)")
# a note people add in brackets after a label, on what to write or how: "名称（全称）", "企业名称（盖章）",
# "统一社会信用代码（18位）", "联系电话（手机）", "运营情况及主要业绩（不少于150字）" — no printed words of the label
_NOTE = re.compile(r"[(（]\s*(?:单位)?(?:全称|加盖公章|盖章|公章|签章|\d{1,2}位|手机|手机号码?|必填|与营业执照一致"
                   r"|(?:不少于|不低于|至少)\s*\d{2,4}\s*字)\s*[)）](?=[\s:：]*$)")
# the unit people put in brackets after a label, as 附件3/附件4 head their columns: "交易额（亿元）", "直播间（个）",
# "粉丝数（人）", "粉丝数（万）", "粉丝总数（万人）" — no printed words of the label; the unit changes the figure
# (units_beside.py reads an amount in the unit its label names, a count in 万 when its label says 万)
LABEL_UNIT = re.compile(r"[(（]\s*(?:单位[:：]?\s*)?(万元|亿元|元|万美元|美元|平方米|㎡|间|个|家|人|名|次|万(?:人|个|家|名|次)?)"
                        r"\s*[)）](?=[\s:：]*$)")
_TICK, _BOX = "☑■√✓✔●◼▣☒", "□☐○◻"


def label_key(text: Any) -> str:
    """Printed words only: no spaces, brackets, checkboxes, blanks, punctuation or item number.

    >>> label_key("12. 为入驻企业提供的专业服务类型：□直播电商"), label_key("填表时间："), label_key("3 线上交易")
    ('为入驻企业提供的专业服务类型直播电商', '填表时间', '线上交易')
    >>> label_key("名称（全称）："), label_key("统一社会信用代码(18位)"), label_key("运营情况及主要业绩（不少于150字）")
    ('名称', '统一社会信用代码', '运营情况及主要业绩')
    >>> label_key("交易额（亿元）："), label_key("直播间(个)"), label_key("粉丝数（万）")
    ('交易额', '直播间', '粉丝数')
    """
    text = LABEL_UNIT.sub("", _NOTE.sub("", PERIOD_BLANK.sub("", PERIOD_IN_LABEL.sub("", normalize(text)))))
    return _UNIT_LEAD.sub("", _ITEM_NO.sub("", _DROP.sub("", text)))


def _slip(typed: str, key: str) -> bool:
    """``typed`` is ``key`` but for a character or two (one added, dropped or changed)."""
    if abs(len(typed) - len(key)) > 2 or typed[:4] != key[:4]:
        return False
    from difflib import SequenceMatcher
    return SequenceMatcher(None, typed, key, autojunk=False).ratio() >= 1 - 2.5 / len(key)


# where the next "label：answer" pair of one cell begins: "姓名：王明 职务：总经理 手机：139…" (a space, ；or ，, then a
# label of a few words and its colon)
_NEXT_PAIR = re.compile(r"[\s;；,，、]+(?=[^\s:：;；,，、()（）]{1,10}[：:])")


def answered_labels(text: Any) -> list[tuple[str, str]]:
    """The (label key, answer) pairs of a cell typing several side by side ("姓名：王明 职务：总经理 手机：13908510001"),
    each answer up to the next label; [] for a cell of one pair or anything else."""
    if not isinstance(text, str) or len(re.findall("[：:]", text)) < 2:
        return []
    parts: list[str] = []
    for part in _NEXT_PAIR.split(text.strip()):   # "签约主播、直播艺人5人以上：有": a label with a 、 in it is one
        parts.append(f"{parts.pop()}、{part}" if parts and not re.search("[：:]", parts[-1]) else part)
    pairs = [answered_label(part) for part in parts]
    return pairs if len(pairs) > 1 and all(pairs) else []   # type: ignore[return-value]


def answered_label(text: Any) -> tuple[str, str] | None:
    """(label key, answer) of a label typed with its answer after the colon, "名称：贵州某某有限公司",
    "(2023年1月-2023年12月)年度交易额达：3.5亿元" — not a printed line of boxes ("类型：□政府部门 ☑民营企业")."""
    if not isinstance(text, str) or ("：" not in text and ":" not in text):
        return None
    head, _, tail = re.split(r"([：:])", text, maxsplit=1)
    tail, key = tail.strip(), label_key(head)
    if not tail or not key or any(b in tail for b in _TICK + _BOX):
        return None
    return key, tail


def rubric_table(grid: Any) -> bool:
    """A 附件5 评选指标体系 table (the template's 评分 sheet, or one typed in): a header row of 一级指标 … 三级指标 in its
    first rows. Its 三级指标 texts begin like the form's questions and its 分值 stand right of them: no answers."""
    for r in range(1, min(grid.height, 6) + 1):
        keys = {label_key(v) for v in grid.rows[r - 1] if isinstance(v, str)}
        if {"一级指标", "三级指标"} <= keys:
            return True
    return False
