"""The unit an applicant wrote in the unit cell beside an amount instead of the one 附件2 prints there: a base's
"年度交易额达 | 0.8 | 亿元" (the form prints 万元), a park's "年度交易额达 | 35000 | 万元" (the form prints 亿元) — or in
brackets after the label, "年度交易额（亿元） | 0.8" — in a form pasted or retyped, or a template whose protection was
lifted. The figure is that unit's ("0.8亿元"), and a warning at its cell asks the reviewer to confirm: read in the
printed unit, the base's 0.8 failed 基地入驻企业年度合计交易额在 5000 万元以上 (通知 二（二）2) as 0.8万元, and the
park's 35000 was a doubt of 35000亿元. The printed unit itself, or any other text there, changes nothing; a figure
typed with its own unit ("0.8亿元") already says it.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ...engine import fields as F
from ...engine.application import Application
from ...engine.findings import make
from ...engine.fmt import typed, wan_display
from ...engine.parse import number
from ...engine.parse.result import is_blank
from ...engine.parse.text import normalize
from ...rules import Rules, Severity
from .label_text import LABEL_UNIT
from .labels import ANSWER_SPAN
from .refs import col_letters, split_ref
from .source import WorkbookSource

# "亿元", "（万元）", "单位：元", "万": a unit cell, nothing else
_UNIT = re.compile(r"^[(\[【]?(?:(?:金额)?单位[:：]?)?(元|万元?|亿元?)[)\]】]?$")


def read_units_beside(src: WorkbookSource, app: Application, rules: Rules) -> None:
    """Each amount's bare figure whose cell right of it (the printed unit's place) names another unit: read in it."""
    for f in rules.fields_for(app.type):
        rf = app.raw.get(f.name)
        if f.kind not in (F.AMOUNT, F.COUNT) or rf is None or not rf.cell or is_blank(rf.value) \
                or not number.bare_number(rf.value) or isinstance(rf.value, bool):
            continue
        printed = f.unit_for(app.type)
        if f.kind == F.COUNT:       # "粉丝数（万） | 150": 150万人
            found = _wan_in_label(src, rf.sheet, rf.cell)
        else:
            found = _unit_right_of(src, rf.sheet, rf.cell) or _unit_in_label(src, rf.sheet, rf.cell)
        if found is None or found[1] == printed:
            continue
        ref, unit, where = found
        text = f"{typed(rf.value).strip()}{unit}"
        p = number.parse_count(text) if f.kind == F.COUNT else number.parse_amount(text, printed)
        if not p.ok:
            continue
        app.raw[f.name] = replace(rf, value=text)
        shown = f"{p.value}{printed}" if f.kind == F.COUNT else wan_display(p.value, printed).partition("（")[0]
        said = make("FIELD_AMOUNT", Severity.WARNING, field=f.name, at=(rf.sheet, rf.cell))
        app.reader_findings.append(replace(said, message=(
            f"请核对{f.display(app.type)}：填写为“{typed(rf.value)}”，{where}{ref}的单位写为“{unit}”"
            f"（申报表此栏印的单位是{printed}），已按{text}即{shown}读取")))


def _unit_right_of(src: WorkbookSource, sheet: str | None, cell: str) -> tuple[str, str, str] | None:
    """(the cell, the amount unit it names: 元, 万元 or 亿元, "右侧单元格") of the first filled cell right of the answer."""
    hit = _first_filled(src, sheet, cell, right=True)
    m = _UNIT.match(re.sub(r"\s", "", normalize(hit[1]))) if hit and isinstance(hit[1], str) else None
    if m is None:
        return None
    unit = m.group(1)
    return hit[0], unit if unit.endswith("元") else unit + "元", "右侧单元格"


def _unit_in_label(src: WorkbookSource, sheet: str | None, cell: str) -> tuple[str, str, str] | None:
    """(the label's cell, the amount unit named in brackets at its end, "标签单元格") of the label left of the answer, as
    people head a figure: "年度交易额（亿元） | 0.8" on a base's form, "交易额（万元） | 35000" on a park's."""
    found = _label_unit(src, sheet, cell)
    if found is None or found[1] not in ("元", "万元", "亿元", "万"):
        return None
    return found[0], "万元" if found[1] == "万" else found[1], "标签单元格"


def _wan_in_label(src: WorkbookSource, sheet: str | None, cell: str) -> tuple[str, str, str] | None:
    """(the label's cell, "万", "标签单元格") of a count's label left of the answer that counts in 万 ("粉丝数（万）",
    "粉丝总数（万人）"): people write the 粉丝总数 of 附件5 团队 2.1.2 (100万以上) so."""
    found = _label_unit(src, sheet, cell)
    return (found[0], "万", "标签单元格") if found and found[1].startswith("万") else None


def _label_unit(src: WorkbookSource, sheet: str | None, cell: str) -> tuple[str, str] | None:
    """(the label's cell, the unit in brackets at its end) of the label left of the answer."""
    hit = _first_filled(src, sheet, cell, right=False)
    m = LABEL_UNIT.search(normalize(hit[1])) if hit and isinstance(hit[1], str) else None
    return (hit[0], m.group(1)) if m else None


def _first_filled(src: WorkbookSource, sheet: str | None, cell: str, right: bool) -> tuple[str, Any] | None:
    """(its cell, its value) of the first filled cell within :data:`ANSWER_SPAN` columns right (else left) of the
    answer ``cell``; None when there is none."""
    if sheet is None:
        return None
    grid = src.grid(sheet)
    row, col = split_ref(cell)
    cols = range(col + 1, col + 1 + ANSWER_SPAN) if right else range(col - 1, max(col - 1 - ANSWER_SPAN, 0), -1)
    return next(((f"{col_letters(c)}{row}", v) for c in cols if not is_blank(v := grid.get(row, c))), None)
