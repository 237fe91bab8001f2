"""Find fields by their printed labels, for workbooks that lost their defined names.

Values pasted into a new workbook, a form retyped in the printed layout, an .xlsb: the cells are there,
the names are not. The template knows every field's printed label (layout.py: 申报表 rows; 补充信息 and
材料清单 labels) and that the answer stands to the right of its label, so: find each label in order
(the same words appear twice on a form, e.g. 名称 of the applicant and of its 运营机构, and order tells
them apart), then take the column where the answers of that block stand (the column most of the found
answers are in), so that a blank answer is read as blank and not as the unit or hint beside it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...engine import fields as F
from ...engine.parse.dates import parse_period
from ...engine.parse.text import normalize
from ...engine.values import parse_yesno
from ...rules import Rules, load
from .label_sheets import home_sheet, label_counts, whole_forms
from .label_text import (
    _BOX,
    _DROP,
    _ITEM_NO,
    _SPACED,
    _TICK,
    _YEAR_LEAD,
    PERIOD_IN_LABEL,
    _slip,
    _without_year,
    answered_label,
    answered_labels,
    label_key,
)
from .label_words import (
    ALSO_ANSWERS,
    EXACT_ONLY,
    FILL_DATE_WORDS,
    FORM_WORDING,
    NEAR_WORDING,
    SUPPLEMENTARY_WORDING,
    TYPED_KEYS,
)
from .layout import APPROVAL, FORMS, SECTION, form_rows, supplement_hints
from .refs import col_letters

MIN_PREFIX = 4          # a typed label may carry extra words after the printed ones (a unit, a note)
_LONGEST_LABEL = 80    # characters a label typed before its answer may take (a narrative's later spaces are no gap)
ANSWER_SPAN = 3         # the answer is at most this many columns right of its label


# the template's hints right of 补充信息 answers (read as answers, a blank 成立日期 was "按营业执照填写成立日期"), with the
# figures of the year file in force
def hint_keys() -> frozenset[str]:
    rules = load()
    keys = _HINTS_OF.get(rules)
    if keys is None:
        keys = _HINTS_OF[rules] = frozenset(label_key(h) for h in supplement_hints(rules).values())
    return keys


_HINTS_OF: dict[Rules, frozenset[str]] = {}


@dataclass(frozen=True)
class Spec:
    name: str
    keys: tuple[str, ...]      # label keys, most specific first
    unit: str = ""
    group: str = ""            # the printed group title left of the label (运营机构, 前置条件…), "" for 名称, 地址…
    near: tuple[str, ...] = ()  # label keys taken only near the field found before it (NEAR_WORDING)


@dataclass
class Found:
    sheet: str
    row: int
    col: int
    value: Any

    @property
    def ref(self) -> str:
        return f"{col_letters(self.col)}{self.row}"


@lru_cache(maxsize=32)   # asked for each type of every workbook looked at: a folder's 500 neighbours, each read
def form_specs(app_type: str, rules: Rules) -> tuple[tuple[Spec, ...], ...]:
    """Blocks of fields in printed order: 申报表 (with 填表时间), 补充信息, 材料清单 (shared: never changed)."""
    form = [Spec("sb_fill_date", FILL_DATE_WORDS)]
    for _group, label, name, unit in form_rows(app_type, rules):
        if name is None or _group in (SECTION, APPROVAL):
            continue
        keys = [label_key(label)]
        tail = re.split(r"[：:]", label)[-1]
        if tail != label:                      # "12. …服务类型：□直播电商" typed as just "直播电商"
            keys.append(label_key(tail))
            keys.append(label_key(re.split(r"[：:]", label)[0]))   # "类型" | "□政府部门 …" as printed
        keys.append(label_key(F.FIELDS[name].label_for(app_type)))
        keys.extend(FORM_WORDING.get(name, ()))
        bare = label_key(re.sub(r"[(（][^)）]*[)）]", "", label))   # "公共区域_____个（含培训、会议室）" as printed
        if len(bare) >= MIN_PREFIX:
            keys.append(bare)
        keys.extend(TYPED_KEYS.get(name, ()))
        form.append(Spec(name, tuple(dict.fromkeys(k for k in keys if k)), unit, label_key(_group),
                         NEAR_WORDING.get(name, ())))
    supp = [Spec(f.name, tuple(dict.fromkeys(k for k in (label_key(f.display(app_type)), label_key(f.label_for(app_type)),
                                                         *SUPPLEMENTARY_WORDING.get(f.name, ()),
                                                         *TYPED_KEYS.get(f.name, ())) if k)),
                 f.unit_for(app_type), near=NEAR_WORDING.get(f.name, ()))
            for f in F.fields_for(app_type) if f.supplementary]
    mats = [Spec(m.name, tuple(dict.fromkeys(label_key(w) for w in (m.label, *m.wording)))) for m in rules.materials]
    return tuple(form), tuple(supp), tuple(mats)


def _list_header(keys: Iterable[str]) -> bool:
    """A header row of the 附件3 resident list or the 附件4 summary (企业名称 with 序号 or 从业人数)."""
    keys = set(keys)
    return "企业名称" in keys and bool(keys & {"序号", "从业人数"})


class LabelIndex:
    """Every non-empty text cell of the given sheets under its label key."""

    def __init__(self, grids: Iterable[tuple[str, Any]],
                 hidden_columns: Callable[[str], set[int]] = lambda sheet: set(),
                 hidden_rows: Callable[[str], set[int]] = lambda sheet: set(),
                 sheet_hidden: Callable[[str], bool] = lambda sheet: False) -> None:
        self.grids = dict(grids)
        self.sheet_hidden = sheet_hidden   # whether a sheet is hidden, as its source tells
        # a sheet's hidden columns and rows (1-based), as its source tells them, asked when first needed
        self._ask = {"columns": hidden_columns, "rows": hidden_rows}
        self._hidden: dict[tuple[str, str], set[int]] = {}
        self.order = {s: i for i, s in enumerate(self.grids)}
        self.cells: dict[str, list[tuple[str, int, int]]] = {}
        self._heads: dict[str, list[str]] | None = None   # cells' keys by their first MIN_PREFIX characters
        self.label_keys: set[str] = set()     # every key of the fields looked for: such a cell is no answer
        self.inline: dict[tuple[str, int, int], tuple[str, str]] = {}   # label cell → (its key, answer after colon)
        self.pairs: dict[tuple[str, int, int], dict[str, str]] = {}     # … every key → answer of a cell of several
        self.spaced: dict[tuple[str, int, int], tuple[str, str]] = {}   # … after a space: found by spaced_answers
        self._spaced_texts: list[tuple[tuple[str, int, int], str]] = []
        for sheet, grid in self.grids.items():
            in_list = False
            for r, line in enumerate(grid.rows, 1):
                if in_list:       # the list's rows, up to its first blank row: a resident's 所属行业 "直播电商" is no
                    in_list = any(v is not None and str(v).strip() for v in line)   # label of the service box (and
                    continue      # its 20,000 rows not made keys first); a blank row holds no label either
                keys = [(c, label_key(v)) for c, v in enumerate(line, 1) if isinstance(v, str) and v.strip() and len(v) < 300]
                if _list_header(k for _c, k in keys):
                    in_list = True
                    continue      # the 附件3/附件4 header row beside the form: "年度网络零售额（万元）" is no label of item
                for c, k in keys:
                    self.cells.setdefault(k, []).append((sheet, r, c))
                    if (bare := _without_year(k)) is not None:
                        self.cells.setdefault(bare, []).append((sheet, r, c))
                    said = answered_label(line[c - 1])
                    if said and said[0] != k:
                        pairs = answered_labels(line[c - 1]) or [said]   # "姓名：王明 职务：总经理": each its own
                        for key, _answer in pairs:
                            self.cells.setdefault(key, []).append((sheet, r, c))
                        self.inline[(sheet, r, c)] = pairs[0]
                        self.pairs[(sheet, r, c)] = dict(pairs)
                    elif said is None and _SPACED.search(text := normalize(line[c - 1])):
                        self._spaced_texts.append(((sheet, r, c), text))

    def spaced_answers(self) -> None:
        """The labels typed with their answer after a space instead of a colon ("名称 贵阳某某电子商务产业园",
        "主管部门　某某商务局"): the cell's first words are a field's whole label, what follows is no label, no box
        and no more of a printed label ("2. 成立时间 1 年以上，具备…" is item 2, not 成立时间) — needs label_keys."""
        for place, (head, _tail) in self.spaced.items():   # another block's keys: found afresh
            self.cells[head].remove(place)
        self.spaced = {}
        for place, text in self._spaced_texts:
            said = self.spaced_label(text)
            if said:
                self.cells.setdefault(said[0], []).append(place)
                self.spaced[place] = said
        self._heads = None

    def _keys_like(self, key: str) -> list[str]:
        """The cells' keys beginning as ``key`` does (its first MIN_PREFIX characters), which every key a prefix or a
        slip of ``key`` does: the searches below ask these, not every text of a sheet of 100,000 rows."""
        if self._heads is None:
            self._heads = {}
            for k in self.cells:
                self._heads.setdefault(k[:MIN_PREFIX], []).append(k)
        return self._heads.get(key[:MIN_PREFIX], [])

    def spaced_label(self, text: str) -> tuple[str, str] | None:
        """(label key, answer) of a label typed with its answer after a space, else None."""
        whole = label_key(text)
        if whole in self.label_keys or any(b in text for b in _BOX + "：:"):   # no printed line of boxes
            return None
        for gap in _SPACED.finditer(text, 0, _LONGEST_LABEL):
            head, tail = label_key(text[:gap.start()]), text[gap.end():].strip()
            if head not in self.label_keys:
                continue
            if label_key(tail) and not self.is_label(tail) and not any(
                    k.startswith(head) and len(k) > len(head) and whole.startswith(k) for k in self.label_keys):
                return head, tail
            return None
        return None

    def occurrences(self, spec: Spec, keep: Callable[[tuple[str, int, int]], bool] = lambda p: True
                    ) -> list[tuple[str, int, int]]:
        """The cells of the spec's first key found (with a place ``keep`` keeps: "运营机构 | 企业名称" is no
        applicant's 企业名称, its "园区名称" may be)."""
        for key in spec.keys:
            hits = [p for p in self.cells.get(key, ()) if keep(p)]
            if hits:
                return hits
        for key in spec.keys:
            if len(key) >= MIN_PREFIX and key not in EXACT_ONLY:
                hits = [p for k in self._keys_like(key)
                        if k.startswith(key) and len(k) <= len(key) + 8 and k not in self.label_keys
                        for p in self.cells[k] if keep(p)]
                if hits:
                    return sorted(hits, key=lambda p: (self.order[p[0]], p[1], p[2]))
        return self._retyped(spec, keep)

    def _retyped(self, spec: Spec, keep: Callable[[tuple[str, int, int]], bool]) -> list[tuple[str, int, int]]:
        """The cells of a long printed question retyped shorter (its last clauses left off: "10. 建立相关人才政策，每年
        电商相关培训不少于 5 次") or a character or two off (the notice's base item 11 "…服务功能，具具备打造…", the
        "具" of its page break twice): no other label begins with the words typed, and they are no label."""
        questions = [key for key in spec.keys if len(key) >= QUESTION]
        if not questions:     # a short label (企业名称): none is a question retyped
            return []
        hits = []
        for k in dict.fromkeys(k for key in questions for k in self._keys_like(key)):
            places = self.cells[k]
            if k in self.label_keys or len(k) < 2 * MIN_PREFIX - 2:
                continue
            for key in questions:
                if (key.startswith(k) and 3 * len(k) >= len(key) or _slip(k, key)) \
                        and not any(o.startswith(k) for o in self.label_keys if o not in spec.keys):
                    hits += [p for p in places if keep(p)]
                    break
        return sorted(hits, key=lambda p: (self.order[p[0]], p[1], p[2]))

    def hidden(self, sheet: str, what: str = "columns") -> set[int]:
        """The sheet's hidden columns (or rows), as far as its source tells them."""
        if (sheet, what) not in self._hidden:
            self._hidden[(sheet, what)] = self._ask[what](sheet)
        return self._hidden[(sheet, what)]

    def printed(self, place: tuple[str, int, int]) -> bool:
        """The cell holds a whole printed label, colon and all ("企业类别：(平台型企业) / (服务类企业)"): no answer in it."""
        return label_key(self.grids[place[0]].get(place[1], place[2])) in self.label_keys

    def is_label(self, value: Any) -> bool:
        """A field's label (with an answer after its colon or not), or the template's hint beside a 补充信息 answer:
        no answer either way."""
        if not isinstance(value, str):
            return False
        key, said = label_key(value), answered_label(value)
        return key in self.label_keys or key in hint_keys() or (said is not None and said[0] in self.label_keys) \
            or (_SPACED.search(value) is not None and self.spaced_label(normalize(value)) is not None)


QUESTION = 16    # label keys this long are questions (附件2's items), which people retype shorter or with a slip


def locate(index: LabelIndex, blocks: list[list[Spec]]) -> dict[str, Found]:
    """Field name → where its answer is and what it holds, for every field whose label was found."""
    index.label_keys = {k for block in blocks for s in block for k in (*s.keys, *s.near)}
    index.spaced_answers()
    out: dict[str, Found] = {}
    for block in blocks:
        placed = _labels_in_order(index, block)
        columns: dict[str, Counter] = {}
        answers: dict[str, int | None] = {}
        labels = {}
        for name, place in placed.items():
            if place in index.inline and not index.printed(place):
                said = next((a for k, a in index.pairs[place].items() if k in _spec(block, name).keys), None)
                out[name] = Found(*place, said or index.inline[place][1])   # "名称：贵州某某": in the label's cell
            elif place in index.spaced and not _spec(block, name).unit and _answer_column(index, *place, "", name) is None:
                out[name] = Found(*place, index.spaced[place][1])   # "名称 贵州某某有限公司", nothing right of it
            elif (said := _answered_in_line(index, place, _spec(block, name))) is not None:
                out[name] = Found(*place, said)   # "…50万元以上☑是 □否" | "销售80万元": a remark right of it
            else:
                labels[name] = place
        for name, (sheet, row, col) in labels.items():
            spec = _spec(block, name)
            answers[name] = _answer_column(index, sheet, row, col, spec.unit, name)
            if answers[name] is not None:
                columns.setdefault(sheet, Counter())[answers[name]] += 1
        below = _answers_below(index, labels, answers) | _lone_labels(index, labels, answers)
        for name, (sheet, row, col) in labels.items():
            if name in below:
                value = index.grids[sheet].get(row + 1, col)
                if value is not None and str(value).strip() and (not _titled(index, value) or _a_choice(name, value)) \
                        and not _approval_row(index.grids[sheet], row + 1):
                    out[name] = Found(sheet, row + 1, col, value)
                    continue
            voted = columns.get(sheet, Counter()).most_common(1)
            c = voted[0][0] if voted and voted[0][0] > col else (answers[name] or _beside(labels, sheet, col))
            if answers[name] is not None and answers[name] < c:   # "名称 | value merged over B:D" when most answers are in C
                c = answers[name]
            value = index.grids[sheet].get(row, c)
            spec = _spec(block, name)
            if any(index.is_label(index.grids[sheet].get(row, k)) for k in range(col + 1, c)):
                c, value = col + 1, None     # another field's label stands between: this answer was left blank
            if (index.is_label(value) and not _a_choice(name, value)) or _is_unit(value, spec.unit):
                value = None
            out[name] = Found(sheet, row, c, value)
        _answers_after_labels(index, block, out)
        if block is blocks[0]:
            inline = _answers_in_sentences(index, block, out)
            _period_from_label(index, {**inline, **placed}, out)
            _ticks_in_one_cell(index, block, out)
        _answers_after_spaces(index, block, placed, out)
    return out


def other_application(index: LabelIndex, blocks: list[list[Spec]], out: dict[str, Found]) -> Found | None:
    """A second application on the form's sheet, found at its 名称: the name's label again (not a 运营机构's 名称),
    answered, on a sheet showing the form twice — another applicant's form, or the applicant's own of another
    type or an older copy, that a clerk typed beside or under the form; it is not read."""
    name, form = out.get("sb_name"), blocks[0]
    if name is None or not isinstance(name.value, str) or not name.value.strip():
        return None
    if not _labels_twice(index, form, name.sheet):
        return None      # one form on the sheet: a 名称 outside its group is the operator's under another heading
    groups = {s.group for s in form} - {""}
    for key in _spec(form, "sb_name").keys:
        for place in index.cells.get(key, ()):
            sheet, row, col = place
            if sheet != name.sheet or _in_group(index, place, groups):
                continue
            c = _answer_column(index, sheet, row, col, "", "sb_name")
            value = index.grids[sheet].get(row, c) if c else index.inline.get(place, ("", None))[1]
            if isinstance(value, str) and value.strip() and (row, c or col) != (name.row, name.col):
                return Found(sheet, row, c or col, value)
    return None


def _labels_twice(index: LabelIndex, form: list[Spec], sheet: str) -> bool:
    """Whether ``sheet`` shows the form's 地址 or 主管部门 twice: a second form on it, not only a second 名称 (a park's
    运营机构 typed under another heading, "运营单位 | 名称")."""
    return any(sum(p[0] == sheet for key in _spec(form, n).keys for p in index.cells.get(key, ())) > 1
               for n in ("sb_address", "sb_authority"))


_MARK = "☑■√✓✔●◼▣☒□☐○◻"
_FILLER = r"[\s_＿]*"
# what follows a printed label when the applicant answered inside the printed line: "…达成协议 ☑是 □否",
# "…年度交易额达 3.5 亿元", "有直播间 12 间"
_BOXED = rf"[{_MARK}]{_FILLER}"
# a printed line may end in its full stop before the boxes: "14. …能够开展政产学研多方面合作。□ 是 □ 否"
_YN_AFTER = re.compile(rf"[\s_＿。．.]*(?:{_BOXED}是{_FILLER}{_BOXED}否|是{_FILLER}{_BOXED}否{_FILLER}[{_MARK}])")
# ... or its answer typed in words before the line goes on to its next question ("5. 签约主播、直播艺人 5 人以上 是，粉丝数
# 100 万以上 √（120万）"): the answer, a remark in brackets after it kept
_YN_WORD = re.compile(r"[\s:]*((?:是|否|有|无|[√✓✔×✗✘])(?:\s*\([^()]*\))?)\s*(?=[,;。、]|$)")
# a figure written with its own 万 or 亿 before the printed unit: "跨境电商年销售额实现 60万 美元"
_NUMBER = r"[0-9][0-9,.]*(?:\s*[万亿])?"
_INLINE_UNITS = ("亿元", "万元", "平方米", "美元", "间", "个", "家", "%")
_AMOUNT_UNITS = "亿元|万元|(?<![美])元"


def _label_pattern(key: str) -> re.Pattern:
    """The printed words of a label key, with the spaces, brackets and punctuation label_key drops allowed between them."""
    gap = _DROP.pattern.replace("]+", "]*")
    return re.compile(gap.join(re.escape(ch) for ch in key))


def _answers_in_sentences(index: LabelIndex, block: list[Spec], out: dict[str, Found]) -> dict[str, tuple[str, int, int]]:
    """The printed line filled in where it stands, several blanks in one cell ("(2023年1月-2023年12月)年度交易额达
    3.5 亿元；年度网络零售额达 4200 万元", "1. 有小程序、APP 或自媒体公众号☑是 □否", "3. 有直播间 12 间，公共区域 6 个"):
    for each field found nowhere else (or found with a blank answer), the answer right after its printed words.
    Returns field → the cell it was read from."""
    read: dict[str, tuple[str, int, int]] = {}
    wanted = [s for s in block if s.unit and (s.name not in out or out[s.name].value is None)]
    if not wanted:
        return read
    starts = {k for s in block for k in s.keys if len(k) >= 2}
    texts = [(sheet, r, c, normalize(v)) for sheet, grid in index.grids.items() for r, line in enumerate(grid.rows, 1)
             for c, v in enumerate(line, 1) if isinstance(v, str) and len(v) < 1000 and (any(b in v for b in _MARK)
                                                                                      or re.search(r"[0-9０-９]", v))
             and _printed_line(v, starts)]
    for spec in wanted:
        yn = "是" in spec.unit and "否" in spec.unit
        if not yn and spec.unit not in _INLINE_UNITS:
            continue
        # an amount written with another unit than the one printed ("年度交易额达 0.8 亿元" on a base's 万元 line): its own
        unit = _AMOUNT_UNITS if spec.unit in ("亿元", "万元") else re.escape(spec.unit)
        # ... after a colon too ("前置条件：(2023年1月-2023年12月)年度直播销售额：500万元")
        after = _YN_AFTER if yn else re.compile(rf"[\s_＿:：]*({_NUMBER}){_FILLER}({unit})")
        for key in spec.keys:
            if len(key) < 2:
                continue
            pattern = _label_pattern(key)
            hit = None
            for sheet, r, c, text in texts:
                for m in pattern.finditer(text):
                    tail = after.match(text, m.end())
                    if tail and yn and not _ticked(tail.group(0)):
                        tail = None     # the printed "□是 □否" left as it was: not answered here
                    if yn and not tail and (word := _YN_WORD.match(text, m.end())):
                        hit = (sheet, r, c, word.group(1))
                    elif tail:
                        hit = (sheet, r, c, tail.group(0).strip(" _＿。．.") if yn else _figure(tail, spec.unit))
                        break
                if hit:
                    break
            if hit:
                out[spec.name] = Found(hit[0], hit[1], hit[2], hit[3])
                read[spec.name] = hit[:3]
                break
    return read


def _figure(tail: re.Match, unit: str) -> str:
    """The figure of a printed line and its unit: "3.5亿元" of "3.5 亿元", "0.8亿元" of a base's "0.8 亿 元"."""
    number, said = tail.group(1), tail.group(2)
    return re.sub(r"\s+", "", number) + said if unit in ("亿元", "万元") else number + said


def _ticked(boxes: str) -> bool:
    return any(b in boxes for b in _TICK)


def _answered_in_line(index: LabelIndex, place: tuple[str, int, int], spec: Spec) -> str | None:
    """The 是/否 answer in the label's own cell right after its printed words, its boxes ticked ("8. 年度带动贵州农产品
    销售 50 万元以上☑是 □否") or the answer after a space ("…50 万元以上 是"): that answer — the cell right of it is then
    its remark, not its answer — else None."""
    value = index.grids[place[0]].get(*place[1:])
    if not (isinstance(value, str) and "是" in spec.unit and "否" in spec.unit):
        return None
    text, keys = normalize(value), [k for k in spec.keys if len(k) >= 2]
    # the answer in words, the line going on to its next question: that answer, not the rest of the line
    word = next((w for k in keys for m in _label_pattern(k).finditer(text) if (w := _YN_WORD.match(text, m.end()))), None)
    if word:
        return word.group(1)
    if place in index.spaced and parse_yesno(index.spaced[place][1]).value is not None:
        return index.spaced[place][1]
    if not any(b in value for b in _TICK + "✅"):
        return None
    for key in keys:
        for m in _label_pattern(key).finditer(text):
            tail = _YN_AFTER.match(text, m.end())
            if tail and _ticked(tail.group(0)):
                return tail.group(0).strip(" _＿。．.")
            # the tick alone, or after a colon: "…仓配管理系统√", "…系统：✓", "…系统：是【√】否【 】"
            rest = text[m.end():].lstrip(" :：_＿。．.")
            if rest and len(rest) <= _TICK_TAIL and any(b in rest for b in _TICK + "✅") \
                    and parse_yesno(rest).value is not None:
                return rest
    return None


_TICK_TAIL = 12     # the longest such answer: "是【√】否【 】" and its spaces


_APPROVAL_KEYS = frozenset(label_key(label) for rows in FORMS.values() for g, label, *_ in rows if g == APPROVAL)
_GROUPS = sorted({g for rows in FORMS.values() for g, *_ in rows if isinstance(g, str) and len(g) > 1 and g != APPROVAL},
                 key=len, reverse=True)


def _printed_line(text: str, starts: set[str]) -> bool:
    """A cell that is one of the form's printed lines (its words begin with a label of the block, after the group
    title and item number the line may carry) — not a narrative, a note or a resident's 备注 that happens to repeat
    a label with a figure ("2022年园区年度交易额达 3.1 亿元…" in 企业运营情况及主要业绩)."""
    key = label_key(text)
    for group in _GROUPS:
        if key.startswith(group):
            key = _ITEM_NO.sub("", key[len(group):])
            break
    return any(key.startswith(k) for k in starts)


def _answers_after_labels(index: LabelIndex, block: list[Spec], out: dict[str, Found]) -> None:
    """An answer typed into its label's cell after the colon, as the form prints some lines ("填表时间：2024年4月15日",
    "名称：贵州某某电子商务有限公司"): read from there for the fields found nowhere else."""
    names = {key: spec.name for spec in block for key in spec.keys}
    for place, (key, tail) in index.inline.items():
        name = names.get(key)
        if name and not index.printed(place) and (name not in out or out[name].value is None):
            out[name] = Found(*place, tail)   # (a label as printed: "企业类别：(平台型企业) / (服务类企业)" holds no answer)


def _answers_after_spaces(index: LabelIndex, block: list[Spec], placed: dict[str, tuple[str, int, int]],
                          out: dict[str, Found]) -> None:
    """An item with a unit or boxes typed with its answer after a space ("4. 有管理中台 是", "15. …品牌数 5个",
    "21. 跨境电商年销售额实现 60万 美元"), for the fields no other reading found: the printed line's reading
    (_answers_in_sentences) goes first, it knows where one blank ends ("园区面积 20000 平方米；电子商务…")."""
    for spec in block:
        place = placed.get(spec.name)
        if place not in index.spaced or (spec.name in out and out[spec.name].value is not None):
            continue
        tail = index.spaced[place][1]
        if spec.unit and tail.endswith(spec.unit):                 # "60万 美元" is 60万美元
            tail = tail[:-len(spec.unit)].rstrip() + spec.unit
        out[spec.name] = Found(*place, tail)


def _ticks_in_one_cell(index: LabelIndex, block: list[Spec], out: dict[str, Found]) -> None:
    """The printed "□直播电商 □跨境电商 …" and "□政府部门 □事业单位 …" lines typed into one cell with the chosen
    boxes ticked ("☑直播电商 □跨境电商"): each 是/否 box of item 12/13 (park) or 9/10 (base), and the one ticked
    type, read from that cell — for the fields not found on rows of their own."""
    names = {s.name for s in block}
    boxes = {name: label.split("□")[-1] for _g, label, name, unit in _form_rows(names) if unit == "□"}
    choices = {n: F.FIELDS[n].choices for n in ("sb_operator_type", "sb_org_type") if n in names}
    groups = [{n: w for n, w in boxes.items() if n.startswith(p)} for p in ("sb_svc_", "sb_adm_")]
    groups += [{f"{n}={c}": c for c in opts} for n, opts in choices.items()]
    for sheet, grid in index.grids.items():
        for r, line in enumerate(grid.rows, 1):
            for c, v in enumerate(line, 1):
                if not (isinstance(v, str) and any(b in v for b in _TICK + _BOX)):
                    continue
                text = normalize(v)
                for group in groups:
                    marks = {key: m.group(1) for key, word in group.items()
                             if (m := re.search(f"([{_TICK}{_BOX}])\\s*{re.escape(word)}", text))}
                    if len(marks) < (2 if any("=" in key for key in group) else 1) and not _one_type_ticked(text, marks):
                        continue      # a type: the line of options, or its label and the one option ticked
                    for key, mark in marks.items():
                        name, _, option = key.partition("=")
                        had = out.get(name)
                        if had is not None and had.value is not None and (had.sheet, had.row, had.col) != (sheet, r, c):
                            continue
                        if not option:
                            out[name] = Found(sheet, r, c, "是" if mark in _TICK else "否")
                        elif mark in _TICK:
                            ticked = [k for k, m in marks.items() if m in _TICK]
                            out[name] = Found(sheet, r, c, option if len(ticked) == 1 else v)
                            _other_blank(text, option, f"{name}_other" if len(ticked) == 1 else "", names,
                                         (sheet, r, c), out)


def _other_blank(text: str, option: str, other: str, names: set[str], place: tuple[str, int, int],
                 out: dict[str, Found]) -> None:
    """The words written in the printed "□其他____" blank after its ticked box ("☑其他：集体企业"): that blank's
    answer, where no cell of its own gave one (the summary's 企业性质 shows them)."""
    had = out.get(other)
    if option != "其他" or other not in names or (had is not None and had.value is not None):
        return
    m = re.search(f"[{_TICK}]\\s*{re.escape(option)}([^{_MARK}]*)", text)
    words = m.group(1).strip(" _＿:()-—.。,，;；") if m else ""
    if words:
        out[other] = Found(*place, words)


def _one_type_ticked(text: str, marks: dict[str, str]) -> bool:
    """The type typed after its label's colon with only the chosen box: "类型：☑民营企业"."""
    return len(marks) == 1 and "=" in next(iter(marks)) and bool(
        re.search(f"[：:]\\s*[{_TICK}]\\s*{re.escape(next(iter(marks)).partition('=')[2])}", text))


PERIOD_LEADS = ("sb_trade_total", "sb_sales", "sb_live_sales", "sb_online_retail")


def _form_rows(names: set[str]) -> list:
    return next((rows for rows in FORMS.values() if {n for _g, _l, n, _u in rows if n} <= names | {None}), [])


def _period_from_label(index: LabelIndex, labels: dict[str, tuple[str, int, int]], out: dict[str, Found]) -> None:
    """The 统计期 written into the printed "(202x年x月-202x年x月)年度交易额达" (no cells of its own): read from that
    label as one "2023年1月-2023年12月" start value, which the engine splits into start and end."""
    if "sb_period_start" in out or "sb_period_end" in out:
        return
    for name in PERIOD_LEADS:
        if name not in labels:
            continue
        sheet, row, col = labels[name]
        grid = index.grids[sheet]
        for c in range(col, 0, -1):          # the label itself, else a cell left of it on its row
            text = grid.get(row, c)
            m = PERIOD_IN_LABEL.search(normalize(text)) if isinstance(text, str) else None
            if m:
                said = (f"{m.group(1)}-{m.group(2)}" if m.group(1) else f"{m.group(3)}年度" if m.group(3)
                        else m.group(4) or m.group("months"))
                out["sb_period_start"] = Found(sheet, row, c, said)
                return
            year = _YEAR_LEAD.search(normalize(text)) if isinstance(text, str) else None
            if year and c == col and _without_year(label_key(text)) is not None:   # "2023年度交易额达": its own label
                out["sb_period_start"] = Found(sheet, row, c, f"{year.group(1)}年度")
                return
        # else a cell of that row holding the period alone: "前置条件 | 2023年1月-2023年12月 | 年度交易额达 | …"
        width = max((len(line) for line in grid.rows[row - 1:row]), default=0)
        for c in range(1, width + 1):
            text = grid.get(row, c)
            if isinstance(text, str) and parse_period(text) is not None:
                out["sb_period_start"] = Found(sheet, row, c, text)
                return


def _spec(block: list[Spec], name: str) -> Spec:
    return next(s for s in block if s.name == name)


def _a_choice(name: str, value: Any) -> bool:
    """A cell holding one of the field's options (“其他” of 类型): its answer, though “其他” is also the printed
    label of the next row (“其他_____”), also with what it is after a colon (“其他：农民专业合作社”); or a word typed
    as another field's label that is this one's answer (职务 “法定代表人”: label_words.ALSO_ANSWERS)."""
    choices = F.FIELDS[name].choices if name in F.FIELDS else ()
    return isinstance(value, str) and (re.split(r"[：:]", normalize(value))[0].strip() in choices
                                       or label_key(value) in ALSO_ANSWERS.get(name, ()))


def _labels_in_order(index: LabelIndex, block: list[Spec]) -> dict[str, tuple[str, int, int]]:
    used: Counter = Counter()    # a cell of several "label：answer" pairs serves as many fields
    cursor, last = (-1, 0, 0), ("", 0, 0)
    found = {}
    groups = {s.group for s in block} - {""}
    sheets = label_counts(index, block)
    home = home_sheet(index, sheets)
    beside = whole_forms(index, block, home, sheets)
    for spec in block:
        grouped = bool(spec.group)
        def keep(p, g=grouped):
            return used[p] < len(index.pairs.get(p, "_")) and (g or not _in_group(index, p, groups)) \
                and not _answer_of(index, block, p)
        # the home sheet's own wording first: "类型" there, not the printed "类型：□国有…" of a blank form beside it
        places = index.occurrences(spec, lambda p, k=keep: p[0] == home and k(p)) or index.occurrences(spec, keep)
        if found:    # the answer “其他” right of the label just found is no label of the next field
            prev, (ps, pr, pc) = list(found.items())[-1]
            places = [p for p in places if not (p[0] == ps and p[1] == pr and pc < p[2] <= pc + ANSWER_SPAN
                                                and _a_choice(prev, index.grids[ps].get(pr, p[2])))]
        if not places and spec.near and found:
            places = _near(index, spec, last, used)
        places = [p for p in places if p[0] == home] or [p for p in places if p[0] not in beside]
        if not places:
            continue
        if len(places) > 1:   # a label shown wins over the same label in a hidden row (an earlier answer kept hidden)
            places = [p for p in places if p[1] not in index.hidden(p[0], "rows")] or places
        key = lambda p: (index.order[p[0]], p[1], p[2])  # noqa: E731
        after = [p for p in places if key(p) > cursor]
        place = min(after or places, key=key)
        used[place] += 1
        cursor, last = key(place), place
        found[spec.name] = place
    return found


def _answer_of(index: LabelIndex, block: list[Spec], place: tuple[str, int, int]) -> bool:
    """A cell holding another field's ALSO_ANSWERS word right of that field's label ("职务 | 负责人"): its answer,
    no label of the field looked for ("负责人姓名 | 王明 | 职务 | 负责人": the name's label is the first cell)."""
    sheet, row, col = place
    key = label_key(index.grids[sheet].get(row, col))
    left = next((label_key(v) for c in range(col - 1, max(col - 1 - ANSWER_SPAN, 0), -1)
                 if (v := index.grids[sheet].get(row, c)) is not None and str(v).strip()), None)
    return left is not None and any(key in words and left in _spec(block, name).keys
                                    for name, words in ALSO_ANSWERS.items() if any(s.name == name for s in block))


def _near(index: LabelIndex, spec: Spec, last: tuple[str, int, int], used: Counter
          ) -> list[tuple[str, int, int]]:
    """The cells of the spec's NEAR_WORDING on the row of the label found last (``last``) or the row under it."""
    sheet, row, _col = last
    return [p for k in spec.near for p in index.cells.get(k, ())
            if p not in used and p[0] == sheet and row <= p[1] <= row + 1]


def _in_group(index: LabelIndex, place: tuple[str, int, int], groups: set[str]) -> bool:
    """A label on a row headed by a group title ("运营机构 | 名称"): not the label of an ungrouped field (the
    applicant's 名称) even when that field's own label is missing."""
    sheet, row, col = place
    return any(label_key(index.grids[sheet].get(row, c)) in groups for c in range(1, col))


def _titled(index: LabelIndex, value: Any) -> bool:
    """A cell that is a label, begins like one ("2. 成立时间1年以上…") or is a group title (融合发展): no answer."""
    if not isinstance(value, str):
        return False
    key = label_key(value)
    return key in _GROUPS or any(key.startswith(k) for k in index.label_keys)


def _beside(labels: dict[str, tuple[str, int, int]], sheet: str, col: int) -> int:
    """Where a blank answer stands when no answer of the sheet shows the column: right of its label, past the
    columns other labels stand in ("名称" printed over A:B merged, the items' labels in B: the answer is in C)."""
    taken = {c for s, _r, c in labels.values() if s == sheet}
    return next((c for c in range(col + 1, col + 1 + ANSWER_SPAN) if c not in taken), col + 1)


def _approval_row(grid: Any, row: int) -> bool:
    """The 市（州）商务主管部门审核意见 box that closes the form: its stamp line is no answer of the item above it."""
    line = grid.rows[row - 1] if 1 <= row <= len(grid.rows) else []
    return any(isinstance(v, str) and label_key(v) in _APPROVAL_KEYS for v in line)


def _answers_below(index: LabelIndex, labels: dict[str, tuple[str, int, int]], answers: dict[str, int | None]
                   ) -> set[str]:
    """The fields whose answer may stand under their label: those whose cell holds the label alone with nothing
    right of it, on a sheet where most labels are so — a form retyped as a column (label, then its answer on the
    next row). On the printed layout most answers stand right of their labels (or inside the label's own cell:
    "…公众号☑是 □否"), and the row under a label is the next item."""
    out: set[str] = set()
    for sheet in {s for s, _, _ in labels.values()}:
        names = [n for n, (s, _, _) in labels.items() if s == sheet]
        alone = [n for n in names if answers[n] is None and index.is_label(index.grids[sheet].get(*labels[n][1:]))]
        if len(alone) * 2 > len(names):
            out.update(alone)
    return out | _header_rows(index, labels, answers)


def _lone_labels(index: LabelIndex, labels: dict[str, tuple[str, int, int]], answers: dict[str, int | None]
                 ) -> set[str]:
    """The fields of a printed layout whose answer was typed under the label instead of right of it: the label
    ends its row (nothing right of it, e.g. the leader's 手机 closing "姓名 | … | 职务 | … | 手机", or an item's long
    question with its "☑是 □否" on the next line) and the row under it holds one value, under the label. On the
    printed layout the row under a label is the next item (a label), a group title or blank: never such a row."""
    out: set[str] = set()
    for name, (sheet, row, col) in labels.items():
        grid = index.grids[sheet]
        if answers[name] is not None or not index.is_label(grid.get(row, col)):
            continue
        line, under = (grid.rows[r - 1] if r <= grid.height else [] for r in (row, row + 1))
        if any(grid.get(row, c) is not None for c in range(col + 1, len(line) + 1)):
            continue
        filled = [c for c in range(1, len(under) + 1) if grid.get(row + 1, c) is not None]
        if filled == [col] and not index.is_label(grid.get(row + 1, col)):
            out.add(name)
    return out


def _header_rows(index: LabelIndex, labels: dict[str, tuple[str, int, int]], answers: dict[str, int | None]
                 ) -> set[str]:
    """The fields whose labels were typed side by side in adjacent cells, none with an answer right of it: the
    header row of a table with its answers on the row below ("名称 | 主管部门 | 地址" over "贵州某某 | 某某商务局 | …").
    On the printed layout every label has its answer cell (blank or not) before the next label. Labels spread over
    merged cells (or blank ones) between them are such a row too when the row below is a row of answers aligned
    under them: a value under each label, nothing else ("名称" over A:C, "主管部门" over D:F, the answers merged the
    same way); on the printed layout the row under blank answers is the next item, its labels."""
    rows: dict[tuple[str, int], dict[int, str]] = {}
    for name, (sheet, row, col) in labels.items():
        rows.setdefault((sheet, row), {})[col] = name
    out: set[str] = set()
    for (sheet, row), cols in rows.items():
        run = sorted(cols)
        if len(run) < 2 or not all(answers[cols[c]] is None for c in run):
            continue
        if run == list(range(run[0], run[0] + len(run))) or _aligned_below(index, sheet, row, run):
            out.update(cols.values())
    return out


def _aligned_below(index: LabelIndex, sheet: str, row: int, run: list[int]) -> bool:
    """The cells between the labels blank, and the row under them holding a value (no label) under each label and
    nothing anywhere else."""
    grid = index.grids[sheet]
    if any(grid.get(row, c) is not None for c in range(run[0], run[-1] + 1) if c not in run):
        return False
    line = grid.rows[row] if row < grid.height else []
    under = [c for c in range(1, len(line) + 1) if grid.get(row + 1, c) is not None]
    return under == run and not any(index.is_label(grid.get(row + 1, c)) for c in run)


def _is_unit(value: Any, unit: str) -> bool:
    """The printed unit beside an answer ("亿元", "间", "%"), compared as label keys compare: no answer."""
    return bool(unit) and isinstance(value, str) and _DROP.sub("", normalize(value)) == _DROP.sub("", unit)


def _answer_column(index: LabelIndex, sheet: str, row: int, col: int, unit: str, name: str = "") -> int | None:
    """The column of the answer right of a label: a shown one before a hidden one (last year's answers kept in a
    hidden column beside this year's are not what the form shows and is stamped with, 通知三（三）); a hidden
    one when no shown column holds an answer."""
    span = range(col + 1, col + 1 + ANSWER_SPAN)
    shut = index.hidden(sheet) & set(span)
    if shut and (c := _first_answer(index, sheet, row, [c for c in span if c not in shut], unit, name)) is not None:
        return c
    return _first_answer(index, sheet, row, span, unit, name)


def _first_answer(index: LabelIndex, sheet: str, row: int, columns: Iterable[int], unit: str, name: str
                  ) -> int | None:
    grid = index.grids[sheet]
    for c in columns:
        v = grid.get(row, c)
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if _is_unit(v, unit):
            continue
        if index.is_label(v) and not _a_choice(name, v):
            return None      # the next field's label: this answer was left blank, the cell after it is the next answer
        return c
    return None



MIN_LABELS = 8       # a sheet (a workbook) showing fewer of a form's printed labels is not taken for that form


def type_counts(index: LabelIndex, rules: Rules) -> dict[str, int]:
    """Type → how many of its 申报表 labels ``index`` shows."""
    return {t: sum(1 for spec in form_specs(t, rules)[0] if index.occurrences(spec)) for t in F.TYPES}


def form_type(index: LabelIndex, rules: Rules) -> str | None:
    """The type whose 申报表 labels ``index`` shows most of (at least MIN_LABELS, more than any other type's)."""
    counts = sorted(((n, t) for t, n in type_counts(index, rules).items()), reverse=True)
    if counts[0][0] >= MIN_LABELS and counts[0][0] > counts[1][0]:
        return counts[0][1]
    return None
