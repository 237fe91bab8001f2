"""The 入驻企业名单 (附件3) header as people type it → the contract's column names (CONTRACT §3).

Pure text work, shared by the workbook reader and the ``SB_RESIDENTS`` formula.

>>> header_key("(2023年1月-2023年12月)年度网络零售额(万元)"), header_key(" 企业 名称 ")
('年度网络零售额（万元）', '企业名称')
"""
from __future__ import annotations

import re
from typing import Any

from .application import RESIDENT_HEADER, RESIDENT_USCC
from .parse.text import normalize
from .summary_table import is_total_label  # noqa: F401  (one rule for 合计 rows, in lists as in summaries)

RESIDENT_COLUMNS = (*RESIDENT_HEADER, RESIDENT_USCC)


def header_key(text: Any) -> str:
    """A 附件3 header as typed (with or without the 统计期 prefix, any brackets) → its contract name."""
    t = re.sub(r"\s+", "", normalize(text))
    t = re.sub(r"^\(?202.年.{0,3}月?-?202.年.{0,3}月?\)?", "", t)
    t = t.replace("(", "（").replace(")", "）")
    for name in RESIDENT_COLUMNS:
        if t == name:
            return name
    if "网络交易额" in t:
        return "年度网络交易额（万元）"
    if "网络零售额" in t:
        return "年度网络零售额（万元）"
    if t.startswith("所属行业"):
        return "所属行业（类型）"
    if "信用代码" in t:
        return RESIDENT_USCC
    return t


def amount_unit(header: str) -> str:
    """The unit a 附件3 amount column's title gives: 万元 (the form's), else 亿元 or 元 as typed.

    >>> amount_unit("年度网络交易额（万元）"), amount_unit("年度网络零售额(元)"), amount_unit("交易额 亿元")
    ('万元', '元', '亿元')
    """
    text = normalize(header)
    if "万元" in text or "元" not in text:
        return "万元"
    return "亿元" if "亿元" in text else "元"


def in_unit(value: Any, unit: str) -> Any:
    """A figure of a column in ``unit``, written so that the amount parser reads it in that unit (12345 → "12345元");
    a figure that names its own unit ("1.2万元") is left as typed."""
    if value is None or value == "" or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return f"{value!r}{unit}"
    if isinstance(value, str) and value.strip() and not any(u in value for u in ("元", "万", "亿")):
        return f"{value.strip()}{unit}"
    return value
