"""A total typed as its parts: "抖音80万，快手30万" in 粉丝总数 (附件5 团队 2.1.2 "粉丝总数达100万以上") is the fans of
each account, "茶叶30万元，辣椒25万元" in 年度带动贵州农产品销售额 (2.4.2 "销售总额达50万元以上") the sales of each
product, "培训室2个、会议室3个" in 园区 item 3's 公共区域 (1.1.3 "包含但不限于会议室、培训室等") the rooms of each kind:
they add up to the total the field asks — as the same words beside the form's 是 do (``remark_claims`` of the year
file, ``total = true``). Only for a field the year file marks ``adds_up``, and only after its plain reading failed:
each part is a label (the platform, the product) and one exact figure; a part naming a share of another (其中, 含), a
year (two years' figures are no total) or any figure not exact leaves the cell unread, as before.

>>> summed("抖音80万，快手30万", parse_count, "人").value, summed("抖音：80万、快手：30万、视频号5万", parse_count, "人").value
(1100000, 1150000)
>>> summed("抖音80万，快手30万", parse_count, "人").note
'是2个数字，按各项之和1100000人计，请核实各项互不重复、应当相加'
>>> summed("茶叶30万元，辣椒25万元", lambda s: parse_amount(s, "万元"), "万元").value
Decimal('55')
>>> summed("抖音80万，快手30万，合计110万", parse_count, "人").value, summed("抖音约80万，快手30万", parse_count, "人")
(1100000, None)
>>> summed("1,2345", parse_count, "人"), summed("2023年30万元，2022年25万元", lambda s: parse_amount(s, "万元"), "万元")
(None, None)
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..fmt import fmt
from .number import parse_amount, parse_count  # noqa: F401 (parse_amount: the doctests')
from .result import Parsed
from .text import normalize

# the words stating a total of figures typed before or after them ("合计80万", "共5个"; 公共区域's 共 is no total):
# also what a remark adding its figures up reads from (claim_figures)
TOTAL_SAID = r"合计|共计|总计|一共|总共|累计|总数|总额|(?<!公)共(?=\s*\d)"
# the label of a part: a platform, an account or a product, no figure, no word of a total, a share or an approximation
_PART = re.compile(r"^([A-Za-z\u4e00-\u9fff]{0,12}?)\s*(?:粉丝(?:数|量|总数)?|销售额?)?\s*[:]?\s*(\d.*)$")
_NOT_A_PART = re.compile(TOTAL_SAID + r"|其中|含|包括|约|近|超|余|多|以上|以下|不足|左右|年")
# what separates the parts: a comma (、;+), a line break (Alt+Enter: one account a line), or spaces after a part's
# figure before the next label ("抖音80万 快手30万"; not "抖音 80万", a label and its figure, nor "100 万")
_BETWEEN_PARTS = re.compile(r"[,、;+\n]|(?<=[\d万亿千百元个人家间%])\s+(?![万亿千百元个人家间])(?=[A-Za-z\u4e00-\u9fff])")
# the last part stating the total of those before it: "…，合计110万", "共计：110万"
_TOTAL = re.compile(r"^(?:合计|共计|总计|一共|总共|累计|共)(?:为|是|有)?\s*[:]?\s*(?=\d)")


def summed(raw: object, read: Callable[[str], Parsed], unit: str) -> Parsed | None:
    """The sum of the figures typed for a total, each read by ``read`` (the field's own parser, its doubts included),
    with a note saying so — or the total stated after them ("抖音80万，快手30万，合计110万"), said beside their sum
    where the two differ; None when the cell is no list of parts, or a part is not one exact figure, or is in doubt
    ("抖音80，快手30": 万 left out).

    >>> summed("抖音80万，快手30万，合计110万", parse_count, "人").note
    '按所写合计1100000人计'
    >>> summed("会议室3个，培训室2个，共5个", parse_count, "个").value, summed("公共区域3个、直播间2个", parse_count, "个").value
    (5, 5)
    >>> summed("抖音80万，快手30万，合计100万", parse_count, "人").note
    '按所写合计1000000人计（各项之和为1100000人，与合计不符，请核实）'
    >>> summed("抖音：80万\\n快手：30万", parse_count, "人").value, summed("抖音80万 快手30万", parse_count, "人").value
    (1100000, 1100000)
    >>> summed("抖音 80万", parse_count, "人"), summed("100 万", parse_count, "人")
    (None, None)
    """
    if not isinstance(raw, str):
        return None
    parts = [p.strip() for p in _BETWEEN_PARTS.split(normalize(raw)) if p.strip()]
    stated = _TOTAL.match(parts[-1]) if len(parts) > 2 else None
    if stated:
        parts[-1] = parts[-1][stated.end():]
    # a part before the last holding more than digits: "1,2345" is a misplaced thousands separator, no two figures
    if len(parts) < 2 or not any(re.search(r"\D", p) for p in parts[:-1]) or any(_NOT_A_PART.search(p) for p in parts):
        return None
    figures = [_figure(part, read) for part in parts]
    if None in figures:
        return None
    if stated:
        *each, total = figures
        note = f"按所写合计{fmt(total)}{unit}计" + \
            (f"（各项之和为{fmt(sum(each))}{unit}，与合计不符，请核实）" if sum(each) != total else "")
        return Parsed(value=total, note=note)
    note = f"是{len(parts)}个数字，按各项之和{fmt(sum(figures))}{unit}计，请核实各项互不重复、应当相加"
    return Parsed(value=sum(figures), note=note)


def _figure(part: str, read: Callable[[str], Parsed]) -> Any:
    """The one exact figure of a part after its label, or None."""
    m = _PART.match(part)
    p = read(m.group(2)) if m else None
    return None if p is None or not p.ok or p.remark or p.bound or p.doubt else p.value
