"""A cell of a resident list merged over several companies' rows, as parks merge them: one 备注 "已上市企业" or one
所属行业 over a block of companies, one 年度网络交易额 over a group and its subsidiary. A spreadsheet keeps a merged
cell's value in its first row only (the others read blank); 附件3 lists each company with its own figures.

- a 备注 or 所属行业 merged over rows is each of those companies': it is read into every row (each company marked
  counts, as the form's 示范企业/上市企业 counts are checked against the list's 备注);
- a 从业人数 or amount merged over companies cannot be split: it is counted once (the sum stays right) and said.

The file reader (:mod:`shibai_xl.adapters.xlsx.list_merges`) and SB_RESIDENTS both read merges this way.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .application import ResidentTable
from .parse.result import is_blank
from .residents import NOTE, RETAIL, STAFF, TRADE

INDUSTRY = "所属行业（类型）"
SHARED = (NOTE, INDUSTRY)   # a remark or a 行业 merged over rows: each company's
FIGURE_COLUMNS = (STAFF, TRADE, RETAIL)   # the 附件3 columns summed: one merged over companies is no one's own
MERGE_READ = (*SHARED, *FIGURE_COLUMNS)   # the columns whose merges matter


def read_merge(rows: ResidentTable, header: str, top: int, bottom: int, said_as: str) -> str | None:
    """One cell merged over rows ``top``…``bottom`` (numbered as ``rows.row_numbers``) of the column ``header``,
    ``said_as`` its range ("H6:H7"): a 备注/所属行业 read into the blank cells of the companies under its first row
    (None); a figure over two companies or more: what is said of it; None for a merge over one company.

    >>> t = ResidentTable({NOTE: ("已上市企业", ""), TRADE: (5, "")}, [6, 7], "名单", {})
    >>> read_merge(t, NOTE, 6, 7, "J6:J7"), t.columns[NOTE]
    (None, ('已上市企业', '已上市企业'))
    >>> read_merge(t, TRADE, 6, 7, "H6:H7")
    'H6:H7合并了2家企业的年度网络交易额，按一个数计入合计，请分别填写各企业的数字'
    """
    at = range(bisect_left(rows.row_numbers, top), bisect_right(rows.row_numbers, bottom))
    if len(at) < 2 or header not in MERGE_READ:
        return None
    if header in FIGURE_COLUMNS:
        return (f"{said_as}合并了{len(at)}家企业的{header.replace('（万元）', '')}，按一个数计入合计，"
                "请分别填写各企业的数字")
    column = rows.columns.get(header)
    if column is None or rows.row_numbers[at[0]] != top or is_blank(column[at[0]]):
        return None
    values = list(column)
    for i in at[1:]:
        if is_blank(values[i]):
            values[i] = column[at[0]]
    rows.set_column(header, values)
    return None
