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

# one rule for 合计 rows and for amount units, in lists as in summaries
from .summary_table import amount_unit, in_unit, is_total_label  # noqa: F401

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
