"""是/否 as applicants answer the form's questions: the drop-down's answer, or what people type instead — a tick, a
cross, 有/无, the printed boxes with one ticked ("☑是 □否"), the answer with a remark after it ("是（见附件）")."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .fmt import typed
from .parse.result import BLANK, Parsed, fail, is_blank
from .parse.text import normalize

YES, NO = "是", "否"
_YES = {"是", "√", "✓", "✔", "☑", "✅", "v", "y", "yes", "true", "有", "1", "■是", "☑是", "√是", "是√", "是☑",
        "是的", "对", "具备", "已具备", "已建立", "良好", "健全", "已健全", "无失信记录", "无不良记录", "无不良信用记录",
        "已取得", "已获得", "已备案", "已完成", "已签订", "已签署", "已签约", "已落地", "已入驻",
        # the verbs of 附件2/附件5's own questions, answered with them: 达成协议, 建立合作, 建有管理中台, 设有部门,
        # 通过备案, 开展合作, 承担计划, 制定政策, 落地在电商产业园内
        "已达成", "已合作", "已建成", "建有", "已建有", "设有", "已设有", "已设立", "已通过备案", "已开展", "已承担",
        "已制定", "已入园",
        # 补充信息's own words: 信用记录良好（…无失信记录）, 财务制度健全
        "无失信", "无失信行为", "无失信情况", "信用良好", "信用记录良好", "制度健全", "财务制度健全", "已完善", "健全完善"}
_NO = {"否", "×", "✗", "✘", "✕", "✖", "❌", "╳", "x", "n", "no", "false", "无", "0", "■否", "☑否", "√否", "否√", "否☑",
       "不是", "没有", "不具备", "未建立", "不健全", "未健全", "有失信记录", "未取得", "未获得", "未备案", "暂无", "尚无",
       "未完成", "未签订", "未签署", "未签约", "未落地", "未入驻",
       "未达成", "未合作", "未建成", "未建", "未设", "未设立", "未通过备案", "未开展", "未承担", "未制定", "未入园",
       "有失信", "有失信行为", "信用不良", "制度不健全", "未完善"}
# the form's own "□ 是 □ 否" (附件2) with one box ticked: "☑是 □否", "■是□否", "是□ 否☑"
_TICKED, _EMPTY = "☑■√✓✔●◼▣✅", "□☐○◻"    # ✅: WeChat's green tick
# beside the other, empty box, "☒" is a ticked one too: Word's check box control shows ☒ checked and ☐ not, and a
# form filled in Word and copied into Excel brings "☒是 ☐否" (alone, "是☒" may be 是 struck out: not read so)
_BOX_TICKED = _TICKED + "☒"
PICKED = {YES: Parsed(value=YES), NO: Parsed(value=NO)}   # a Parsed is frozen: one each serves every cell
_B = _BOX_TICKED + _EMPTY
_BOXES = re.compile(f"^([{_B}])是([{_B}])否$|^是([{_B}])否([{_B}])$")
_BOXES_NO_FIRST = re.compile(f"^([{_B}])否([{_B}])是$|^否([{_B}])是([{_B}])$")
# the tick in brackets, as forms printed "是（ ）否（ ）" are filled: "是（√）", "是（√）否（ ）", "是（ ）否（√）"
# the answer followed by a remark: "是。", "是（见印证材料）", "否，正在洽谈" (unless the remark holds the other answer)
# ... or by its figure after a space ("否 120万": "否120万" once the spaces are gone)
_REMARKED = re.compile(r"^([是有否无])([,.。;:(、]|(?=\d))")
_REMARK_MARKS = "()[],.。;:、"
_OPPOSITE = {"是": "否", "有": "无", "否": "是", "无": "有"}
_TICK_WORD = {**dict.fromkeys("√✓✔☑", "是"), **dict.fromkeys("×✗✘✕✖", "否")}   # a tick or cross before a remark
_BRACKETS = re.compile(f"^(?:是\\(([{_TICKED}]?)\\))?(?:否\\(([{_TICKED}]?)\\))?$")
_SQUARE = str.maketrans("【】[]〔〕", "()()()")     # ... or in the square ones Chinese forms print: "是【√】否【 】"
# Word's boxes made the usual way, "R"/"£" in the Wingdings 2 font (☑/□) or "þ"/"¨" in Wingdings, copied into a
# cell that keeps the font: its text is "R是 £否" — read as the boxes shown, only in this shape
_SYMBOL_BOXES = re.compile(r"\s*(?:[R£þ¨]\s*是\s*[R£þ¨]\s*否|是\s*[R£þ¨]\s*否\s*[R£þ¨])\s*")
_SYMBOL_FONT = str.maketrans("R£þ¨", "☑□☑□")
# 附件2's questions are requirements stated ("具备完善的仓配管理系统", "员工总数不低于50个"): answered as one answers
# a requirement, 符合 is 是 — on the form's questions only (a material is 提供 or not: 符合 says nothing of it)
_MET = {"符合", "已符合", "符合要求", "符合条件", "达标", "已达标", "满足", "已满足", "满足要求", "满足条件", "达到", "已达到"}
_UNMET = {"不符合", "未符合", "不符合要求", "不符合条件", "不达标", "未达标", "没达标", "不满足", "未满足", "不满足要求",
          "不满足条件", "未达到", "没达到", "达不到"}
_MET_WORDS = re.compile("^(" + "|".join(sorted(_MET | _UNMET, key=len, reverse=True)) + ")[,.。;:(、]")
_MET_STEMS = ("符合", "达标", "满足", "达到", "是", "否")    # in the remark: a hedge ("符合（部分不符合）"), not read


def parse_yesno(raw: Any, requirement: bool = False) -> Parsed:
    """是/否 from the drop-down, or what people type instead (√, ×, 有, 无, TRUE…); for a question of the form
    (``requirement``), 符合/不符合, 达标/不达标, 满足/不满足, 达到/未达到 too, a remark after them kept."""
    if raw.__class__ is str and raw in PICKED:   # the drop-down's own answer (most cells): no parsing
        return PICKED[raw]
    if is_blank(raw):
        return BLANK
    if isinstance(raw, bool):
        return Parsed(value=YES if raw else NO)
    if raw.__class__ is str and _SYMBOL_BOXES.fullmatch(raw):
        raw = raw.translate(_SYMBOL_FONT)
    text = typed_text(raw)
    if text in _YES:
        return Parsed(value=YES)
    if text in _NO:
        return Parsed(value=NO)
    if requirement and (met := _met(text)) is not None:
        return met
    boxes = _boxes(text)
    if boxes is not None:
        return boxes
    ticked = _tick_beside(raw)
    if ticked is not None:
        return ticked
    brackets = _BRACKETS.match(text.translate(_SQUARE))
    if brackets and text:
        yes, no = (bool(g) for g in brackets.groups())
        if yes != no:
            return Parsed(value=YES if yes else NO)
    return _remarked(text) or _boxes_remarked(text) or _spaced_remark(raw) or fail("应填“是”或“否”")


def _boxes(text: str) -> Parsed | None:
    """The two printed boxes, typed in either order, one ticked ("☑是□否"); None for anything else."""
    boxes = _BOXES.match(text) or _BOXES_NO_FIRST.match(text)
    if not boxes:
        return None
    first, second = (b in _BOX_TICKED for b in (boxes.group(1) or boxes.group(3), boxes.group(2) or boxes.group(4)))
    yes, no = (first, second) if boxes.re is _BOXES else (second, first)
    if yes != no:
        return PICKED[YES if yes else NO]
    return fail("“是”“否”两个方框" + ("都勾选了" if yes else "都没有勾选") + "，应填“是”或“否”")


def _boxes_remarked(text: str) -> Parsed | None:
    """The two boxes with a remark after them in brackets ("☑是 □否（见附件）"), or None."""
    said = _BOXES_REMARK.match(text)
    boxes = _boxes(said.group(1)) if said else None
    if boxes is None or not boxes.ok:   # both ticked or none: said so, the remark aside
        return boxes
    return replace(boxes, remark=said.group(2))


_BOXES_REMARK = re.compile(r"^(.+?)\(([^()]{2,})\)$")


def _spaced_remark(raw: Any) -> Parsed | None:
    """The answer with a remark after a space ("是 见附件", "否 正在洽谈"), or None: the remark as ``_remarked`` takes
    it, two characters at least and without the other answer ("是 否" is no answer)."""
    said = _SPACED.match(normalize(typed(raw)).replace("\ufe0f", ""))
    note = said.group(2).replace(" ", "").strip(_REMARK_MARKS) if said else ""
    if len(note) < 2 or _OPPOSITE[said.group(1)] in note or note[0] in _TICKED + _EMPTY:
        return None
    return Parsed(value=YES if said.group(1) in "是有" else NO, remark=note)


_SPACED = re.compile(r"^\s*([是有否无])\s+(\S.*)$", re.S)


def _remarked(text: str) -> Parsed | None:
    """The answer followed by a remark ("是（见印证材料）", "否，正在洽谈", "√（详见附件）"), or None."""
    if text[:1] in _TICK_WORD and text[1:2] in _REMARK_MARKS:   # a tick or cross before its remark: 是/否
        text = _TICK_WORD[text[0]] + text[1:]
    remarked = _REMARKED.match(text)
    if remarked and _OPPOSITE[remarked.group(1)] not in text[remarked.end():]:
        # a remark of words, or a full stop; a bracket holding one mark or none ("是（x）", "是（ ）") is a box
        note = text[remarked.end():].strip(_REMARK_MARKS)
        if len(note) >= 2 or (not note and remarked.group(2) and remarked.group(2) in "。.,;:、"):   # "是，": its end
            answer = YES if remarked.group(1) in "是有" else NO
            return Parsed(value=answer, remark=note) if note else PICKED[answer]
    return None


def _met(text: str) -> Parsed | None:
    """"符合", "不达标", "符合（见合作协议）" as the answer to a requirement; None for anything else, a remark that
    hedges or answers again ("符合（部分不符合）", "符合，是") too."""
    if text in _MET or text in _UNMET:
        return PICKED[YES if text in _MET else NO]
    said = _MET_WORDS.match(text)
    note = text[said.end():].strip(_REMARK_MARKS) if said else ""
    if len(note) < 2 or any(stem in note for stem in _MET_STEMS):
        return None
    return Parsed(value=YES if said.group(1) in _MET else NO, remark=note)


def _tick_beside(raw: Any) -> Parsed | None:
    """One tick typed beside the word chosen, without the printed boxes: "是■", "是 ✓", "✔ 是", or both words with one
    ticked, "是√ 否", "是 否√" (a space telling which word a tick belongs to: "是√否" is not read); None otherwise."""
    words = normalize(typed(raw)).replace("\ufe0f", "").split()
    if len(words) == 3 and words[0].strip(_TICKED) == "" and {words[1], words[2]} == {"是", "否"}:
        words = [words[0] + words[1], words[2]]   # "√ 是   否": a tick at the start is the first word's
    elif len(words) == 3 and words[2].strip(_TICKED) == "" and {words[0], words[1]} == {"是", "否"}:
        words = [words[0], words[1] + words[2]]   # "是   否 √": one at the end the last word's
    if len(words) > 1 and all(w.strip(_TICKED) == "" or w in "是否" for w in words):
        words = ["".join(words)]          # "是 ✓", "✔ 是": one word and its tick
    marked = [m for w in words if (m := _MARKED.fullmatch(w))]
    if len(marked) != len(words) or len({m.group(2) for m in marked}) != len(words):
        return None
    chosen = [m.group(2) for m in marked if m.group(1) + m.group(3)]
    if not chosen:
        return None
    if len(chosen) > 1:
        return fail("“是”“否”都打了勾，应填“是”或“否”")
    return PICKED[chosen[0]]


_MARKED = re.compile(f"([{_TICKED}]?)([是否])([{_TICKED}]?)")


def typed_text(raw: Any) -> str:
    """A 是/否 cell's text as its answer and remark are read: half-width, lower case, no spaces. 1 read from a cell is
    1.0: the 1 typed; a tick copied from WeChat ("✔️", "☑️") carries an emoji selector."""
    return normalize(typed(raw)).replace(" ", "").replace("\ufe0f", "").lower()


def remark_beside(raw: Any) -> str | None:
    """The remark typed in the cell right of a 是/否 answer ("是 | 带宽50M") or past a count's unit ("12 | 间 | 其中公共
    直播间9间"), read as the words after "是（" are: none when it holds fewer than two characters ("/", "无", "—")."""
    note = typed_text(raw).strip(_REMARK_MARKS + "/-—")
    return note if len(note) >= 2 else None


_BETWEEN = "/、,;|"   # what separates the printed options: "(平台型企业) / (服务类企业)"
_BOXED = re.compile(f"([{_TICKED}{_EMPTY}])([^{_TICKED}{_EMPTY}]+)")


def boxes_ticked(raw: Any) -> list[str] | None:
    """The labels ticked in the printed form's boxes ("☑平台类 ☑服务类": both); None for anything else typed."""
    text = normalize(raw).replace(" ", "") if not is_blank(raw) else ""
    boxes = _BOXED.findall(text) if text[:1] in _TICKED + _EMPTY else []
    if not boxes or "".join(mark + label for mark, label in boxes) != text:
        return None
    return [label.rstrip(_BETWEEN) for mark, label in boxes if mark in _TICKED]   # "■平台型 / □服务类"
