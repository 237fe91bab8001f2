"""The remark an applicant typed in the cell right of a 是/否 answer instead of in brackets after it: "是 | 带宽50M"
for 附件2 园区 item 2 "带宽不低于100Mbps" is "是（带宽50M）" (the year file's [consistency].remark_claims read it,
engine/remarks.py); and right of a count those claims read past its printed unit: "12 | 间 | 其中公共直播间9间" is
"12（其中公共直播间9间）". Taken only where it is clearly that answer's: the first filled cell right of the answer on its
row (past blank cells: an answer merged over two columns, the blank unit column of a 是/否 row; past the count's
printed unit), the last filled cell of that row, no other answer's cell, no label of the form, no unit, no hint or
填报说明 text, and not merged over the rows of other answers. With nothing right of the answer, the one filled cell of
the row below it, when that row holds no answer (a row inserted under "是": "2023年举办培训4次"), read the same way
(no band heading, nor a line numbered as 附件2 numbers its items: the next item in the clerk's own words). The
template leaves that cell blank on every 是/否 row and prints only the unit beside a count (its hints stand beside
补充信息 answers: labels.py knows them).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Any, NamedTuple

from ...engine import fields as F
from ...engine.application import Application
from ...engine.parse.result import is_blank
from ...engine.parse.text import normalize
from ...rules import Rules
from .labels import ANSWER_SPAN, _is_unit, form_specs, hint_keys, label_key
from .layout import APPROVAL, SECTION, form_rows
from .refs import col_letters, split_ref
from .source import Grid, WorkbookSource

# what tells the applicant how to fill the answer, not what the applicant says: "填报说明：…", "请填写“是”或“否”",
# "注：带宽需达到100Mbps以上", "不低于100Mbps" (the question's figure restated); a question ("带动农产品销售额是否达50万元":
# another question of a hand-typed form, worded its own way)
_INSTRUCTION = re.compile(r"^(?:填报说明|填写说明|填表说明|不低于|不少于)|请(?:填写|选择|勾选|在|从|如实|按)|下拉|是否"
                          r"|填写?[“\"]?[是否](?:[”\"]|$)|(?:需|应|须|要求)(?:达到|不低于|不少于|在|为|大于|超过)")
_HEADINGS = frozenset({"备注", "说明", "备注说明", "情况说明", "备注栏", "单位"})


_ITEM_NUMBER = re.compile(r"\s*(?:\(\d{1,2}\)|\d{1,2}\s*[.、．])(?!\d)")   # 10. / 10、 / (10) / （10） — not "2023年", "1.5万"


@lru_cache(maxsize=8)
def _label_keys(app_type: str, rules: Rules) -> frozenset[str]:
    """The form's labels, and its band headings and group titles ("企业运营", "公共服务", "市（州）商务主管部门审核意见"):
    the row under a band's last answer holds the next band's heading."""
    headings = {label_key(t) for group, label, _, _ in form_rows(app_type, rules)
                for t in ((label, group) if group in (SECTION, APPROVAL) else (group,))}
    return frozenset(k for block in form_specs(app_type, rules) for s in block for k in (*s.keys, *s.near)) | headings


@lru_cache(maxsize=8)
def _remarked(app_type: str, rules: Rules) -> dict[str, str]:
    """The answers whose remark beside them is read → their printed unit: every 是/否 answer, and the counts a
    remark claim reads ("12（其中公共直播间9间）": 园区 sb_live_rooms, 基地 sb_anchors)."""
    units = {s.name: s.unit for block in form_specs(app_type, rules) for s in block}
    claimed = {c.answer for c in rules.consistency.remark_claims if app_type in c.types}
    return {f.name: units.get(f.name, "") for f in rules.fields_for(app_type) if f.kind == F.YESNO or f.name in claimed}


def read_remarks_beside(src: WorkbookSource, app: Application, rules: Rules) -> None:
    """Each 是/否 answer's (and claimed count's) remark typed in the cell right of it, or in the row below it
    (RawField.remark, .remark_cell)."""
    cells = Counter((f.sheet, f.cell) for f in (*app.raw.values(), *app.materials.values()) if f.cell)
    rows = {(sheet, split_ref(cell)[0]) for sheet, cell in cells}
    keys, read = _label_keys(app.type, rules), dict(_remarked(app.type, rules))
    merges: dict[str, list[_Merge]] = {}   # each sheet's merged ranges, read once (a search of the sheet's XML)
    read.update({m.name: "" for m in rules.materials})   # the 材料清单's 备注 column: "是 | 后补", "是 | 复印件未盖章"
    for name, rf, answers in [(n, rf, app.raw) for n, rf in app.raw.items()] + \
            [(n, rf, app.materials) for n, rf in app.materials.items()]:
        # a material's 备注 is read with its answer blank too: “已提供，见第12页” there says it is provided
        if name not in read or not rf.cell or (is_blank(rf.value) and answers is not app.materials) \
                or cells[(rf.sheet, rf.cell)] > 1:
            continue     # two answers in one cell ("…协议 ☑是 □否，带宽不低于100Mbps ☑是 □否"): neither one's remark
        (row, col), grid = split_ref(rf.cell), src.grid(rf.sheet)
        width = len(grid.rows[row - 1]) if row <= grid.height else 0
        filled = [c for c in range(col + 1, width + 1) if not is_blank(v := grid.get(row, c)) and not _is_unit(v, read[name])]
        below = not filled and (rf.sheet, row + 1) not in rows
        if below:
            row, filled = row + 1, _below(grid, _merges(src, rf.sheet, merges), row + 1)
        if len(filled) != 1 or filled[0] > col + ANSWER_SPAN:
            continue     # nothing, or more of the row after it: another question typed beside, not this answer's
        ref, value = f"{col_letters(filled[0])}{row}", grid.get(row, filled[0])
        if below and isinstance(value, str) and _ITEM_NUMBER.match(normalize(value)):
            continue     # "10、人才政策…": the next item in the clerk's own words, numbered as 附件2 numbers its items
        if (rf.sheet, ref) in cells or not _remark(value, keys, src) or _merged_down(_merges(src, rf.sheet, merges),
                                                                                     rf.sheet, ref, app, row):
            continue
        answers[name] = replace(rf, remark=value, remark_cell=ref)


class _Merge(NamedTuple):
    first: str    # its first cell, "D20"
    top: int
    left: int
    bottom: int
    right: int


def _merges(src: WorkbookSource, sheet: str, known: dict[str, list[_Merge]]) -> list[_Merge]:
    if sheet not in known:
        out = []
        for rng in src.merged(sheet):
            first, _, last = rng.partition(":")
            (top, left), (bottom, right) = split_ref(first), split_ref(last or first)
            out.append(_Merge(first, top, left, bottom, right))
        known[sheet] = out
    return known[sheet]


def _below(grid: Grid, merged: list[_Merge], row: int) -> list[int]:
    """The filled columns of the row below an answer holding no answer (a row the applicant inserted, "是" then
    "2023年举办培训4次"), but for a heading merged down from a row above (附件2's "公共服务" beside items 9 to 13).
    附件2 prints every item on a line of its own, its answer after its words: the next item's row holds its label
    (never a remark, :func:`_remark`) and its answer (a field's cell: that row is not read)."""
    width = len(grid.rows[row - 1]) if row <= grid.height else 0
    above = set()
    for m in merged:
        if m.top < row <= m.bottom:
            above.update(range(m.left, m.right + 1))
    return [c for c in range(1, width + 1) if c not in above and not is_blank(grid.get(row, c))]


def _remark(value: Any, keys: frozenset[str], src: WorkbookSource) -> bool:
    """Words (or a figure) of the applicant's: no label of the form, hint, heading, unit or 填报说明."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return False
    if not isinstance(value, str):
        return True
    text, key = normalize(value).strip(), label_key(value)
    if not key or key in keys or key in hint_keys() or key in _HEADINGS or _INSTRUCTION.search(text):
        return False
    # a label with more words ("16. 入驻企业员工总数…"), not its words before the applicant's figure ("签约主播8人")
    if any(len(k) >= 4 and key.startswith(k) and not key[len(k):len(k) + 1].isdigit() for k in keys):
        return False
    return not (src.labels is not None and src.labels.is_label(value))


def _merged_down(merged: list[_Merge], sheet: str, ref: str, app: Application, row: int) -> bool:
    """The cell is merged over rows holding other answers (D20:D21 beside items 2 and 3): not one answer's."""
    for m in merged:
        if m.first != ref:
            continue
        rows = range(m.top, m.bottom + 1)
        return any(f.sheet == sheet and f.cell and split_ref(f.cell)[0] in rows and split_ref(f.cell)[0] != row
                   for f in app.raw.values())
    return False
