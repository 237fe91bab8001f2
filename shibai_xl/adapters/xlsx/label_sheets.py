"""Which sheet a label is taken from when a hand-typed form's labels stand on several sheets (labels.py): the form's
own sheet first; a sheet continuing it still; never another whole form on a sheet beside it (another applicant's, or
the applicant's older copy), which would mix two applications."""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from ...engine.parse.result import is_blank
from ...engine.parse.text import company_key, normalize

if TYPE_CHECKING:
    from .labels import LabelIndex, Spec

_HEAD = {"sb_name", "sb_uscc"}   # what a page continuing the form may repeat of its head to tell whose it is
_NAME_SPAN = 3                   # the 名称 typed at most this many columns right of its label (labels.ANSWER_SPAN)


def label_counts(index: LabelIndex, block: list[Spec]) -> Counter:
    """Sheet → how many of the block's fields have a label on it."""
    return Counter(sheet for spec in block for sheet in {p[0] for key in spec.keys for p in index.cells.get(key, ())})


def home_sheet(index: LabelIndex, sheets: Counter) -> str | None:
    """The sheet most of the block's labels are on (``sheets``: :func:`label_counts`): where a label found on several
    sheets is taken from — the form, not the 填表说明 sheet before it naming the same labels with what to write
    ("填表时间：填写提交日期"); of two sheets showing as many, a shown one before a hidden one, then the first."""
    # a tie (the same form on two sheets) goes to a shown sheet over a hidden one (an older copy kept out of sight,
    # 申报表（旧）), then to the first: never to whichever a set happened to list first
    return max(sheets, key=lambda s: (sheets[s], not index.sheet_hidden(s), -index.order[s])) if sheets else None


def whole_forms(index: LabelIndex, block: list[Spec], home: str | None, sheets: Counter) -> set[str]:
    """The sheets besides ``home`` that show a whole form of their own — its 名称 and at least half as many of the
    block's labels (another applicant's form pasted on a sheet beside it, read without defined names): a field whose
    label ``home`` lacks is never taken from them, which would mix two applicants. A sheet continuing the form, the
    补充信息 or a list shows no 名称 or few of the labels — or, headed "名称：…" with ``home``'s 名称, the items
    ``home`` lacks: a field missing on ``home`` is still found there."""
    name = next((spec for spec in block if spec.name == "sb_name"), None)
    if name is None or home is None:
        return set()
    named = {p[0] for key in name.keys for p in index.cells.get(key, ())}
    whole = {s for s in named if s != home and 2 * sheets[s] >= sheets[home]}
    ours = _first_name(index, name, home)
    # a page headed with another company's 名称, however few items it holds, is that company's (other_forms.py)
    others = {s for s in named - {home} if (theirs := page_name(index, name, s)) and ours
              and company_key(theirs) != company_key(ours)}
    return {s for s in whole if not _continues(index, block, name, home, s)} | others


def page_name(index: LabelIndex, name: Spec, sheet: str) -> str | None:
    """The 名称 a sheet is headed with — its label the sheet's first of the form's labels, on its first lines (under
    a title, if any: "名称：遵义某某有限公司", "企业名称 | 遵义某某有限公司"), as people head each page of a form
    typed over several sheets — else None."""
    places = [p for key in name.keys for p in index.cells.get(key, ()) if p[0] == sheet]
    if not places:
        return None
    _s, row, col = min(places)
    grid = index.grids[sheet]
    lines = [r for r, line in enumerate(grid.rows, 1) if any(v is not None and str(v).strip() for v in line)]
    if row not in lines[:_HEAD_LINES] or any(p[0] == sheet and p[1] < row for key in index.label_keys
                                             for p in index.cells.get(key, ())):
        return None
    if any(not is_blank(grid.get(row, c)) for c in range(1, col)):
        return None      # "运营机构 | 名称 | 某某运营公司": the operator's 名称, on a page going on from the head
    said = _first_name(index, name, sheet)
    return None if said is None or _HOW_TO.search(said) else said   # "名称：填写营业执照上的全称": 填表说明


_HEAD_LINES = 3    # a title, a 填表时间 or a page number above the 名称 at most
_HOW_TO = re.compile(r"填写|^(?:请|按|须|应)")


def _continues(index: LabelIndex, block: list[Spec], name: Spec, home: str, sheet: str) -> bool:
    """Whether ``sheet`` continues the form on ``home`` without its title: headed with the same 名称 (people head a
    page "名称：…" or "企业名称：…" so the pages can be told apart) over items ``home`` lacks — not again those it
    shows (a copy of the form). Another company's 名称 over them is another's form, said as such (other_forms.py)."""
    def on(spec: Spec, s: str) -> bool:
        return any(p[0] == s for key in spec.keys for p in index.cells.get(key, ()))
    items = [spec for spec in block if spec.name not in _HEAD and on(spec, sheet)]
    if not items or 2 * sum(on(spec, home) for spec in items) >= len(items):
        return False
    ours, theirs = _first_name(index, name, home), _first_name(index, name, sheet)
    return bool(ours and theirs) and company_key(ours) == company_key(theirs)


def _first_name(index: LabelIndex, name: Spec, sheet: str) -> str | None:
    """The answer to the topmost 名称 label on ``sheet`` (after its colon or a space, or in a cell right of it)."""
    places = sorted(p for key in name.keys for p in index.cells.get(key, ()) if p[0] == sheet)
    if not places:
        return None
    place = places[0]
    said: Any = next((a for k, a in index.pairs.get(place, {}).items() if k in name.keys), None)
    if said is None and place in index.spaced:
        said = index.spaced[place][1]
    _s, row, col = place
    grid = index.grids[sheet]
    for c in range(col + 1, col + _NAME_SPAN + 1):
        if said is not None:
            break
        value = grid.get(row, c)
        if isinstance(value, str) and value.strip() and not index.is_label(value):
            said = value
    return _PAGE_MARK.sub("", normalize(said)).strip() if isinstance(said, str) and said.strip() else None


# the page's mark after the name, no part of it: "安顺某某有限公司（续）", "…（第2页）", "…（续表）", "… 接上页"
_PAGE_MARK = re.compile(r"\s*(?:\((?:续[表页]?|接上页|第\s*\d+\s*页)\)|\s(?:续[表页]?|接上页|第\s*\d+\s*页))\s*$")
