"""A total typed as its parts: "抖音80万，快手30万" in 粉丝总数 (附件5 团队 2.1.2 "粉丝总数达100万以上") is the fans of
each account, which add up to the total the field asks — as the same words beside the form's 是 do
(``remark_claims`` of the year file, ``total = true``). Only for a field the year file marks ``adds_up``, and only
after its plain reading failed on several figures: each part is a label (the platform) and one exact figure; a part
naming a total or a share of another (合计, 其中, 含) or any figure not exact leaves the cell unread, as before.

>>> summed("抖音80万，快手30万", "人").value, summed("抖音：80万、快手：30万、视频号5万", "人").value
(1100000, 1150000)
>>> summed("抖音80万，快手30万", "人").note
'是2个数字，按各项之和1100000人计，请核实是否为各账号（平台）的数字'
>>> summed("抖音80万，快手30万，合计110万", "人"), summed("抖音约80万，快手30万", "人"), summed("1,2345", "人")
(None, None, None)
>>> summed("抖音80，快手30", "人", 10000) is None
True
"""
from __future__ import annotations

import re

from ..fmt import fmt
from .number import parse_count
from .result import Parsed
from .text import normalize

# the label of a part: a platform or account name, no figure, no word of a total, a share or an approximation
_PART = re.compile(r"^([A-Za-z\u4e00-\u9fff]{0,12}?)\s*(?:粉丝(?:数|量|总数)?)?\s*[:]?\s*(\d.*)$")
_NOT_A_PART = re.compile(r"合计|共计|总计|总数|一共|其中|含|包括|约|近|超|余|多|以上|以下|不足|左右")


def summed(raw: object, unit: str, doubt_below: float | None = None) -> Parsed | None:
    """The sum of the figures typed for a total, with a note saying so; None when the cell is no list of parts, or a
    part is in doubt ("抖音80，快手30": 万 left out, parse_count's ``doubt_below``)."""
    if not isinstance(raw, str):
        return None
    parts = [p.strip() for p in re.split(r"[,、;+]", normalize(raw)) if p.strip()]
    # a part before the last holding more than digits: "1,2345" is a misplaced thousands separator, no two figures
    if len(parts) < 2 or not any(re.search(r"\D", p) for p in parts[:-1]) or any(_NOT_A_PART.search(p) for p in parts):
        return None
    total = 0
    for part in parts:
        m = _PART.match(part)
        p = parse_count(m.group(2), doubt_below=doubt_below, field_unit=unit) if m else None
        if p is None or not p.ok or p.remark or p.bound or p.doubt or p.value is None:
            return None
        total += p.value
    note = f"是{len(parts)}个数字，按各项之和{fmt(total)}{unit}计，请核实是否为各账号（平台）的数字"
    return Parsed(value=total, note=note)
