"""The 入驻企业名单 (附件3) header as people type it → the contract's column names (CONTRACT §3).

Pure text work, shared by the workbook reader and the ``SB_RESIDENTS`` formula.

>>> header_key("(2023年1月-2023年12月)年度网络零售额(万元)"), header_key(" 企业 名称 ")
('年度网络零售额（万元）', '企业名称')
>>> header_key("企业名称（全称）"), header_key("从业人数(人)"), header_key("从业人员数")
('企业名称', '从业人数', '从业人数')
>>> header_key("入驻企业名称"), header_key("单位名称（盖章）"), header_key("员工人数（人）")
('企业名称', '企业名称', '从业人数')
>>> header_key("员工数量"), header_key("总员工数（人）"), header_key("职工总数")
('从业人数', '从业人数', '从业人数')
>>> header_key("电商交易额（万元）"), header_key("年度电子商务交易额")
('年度网络交易额（万元）', '年度网络交易额（万元）')
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from .application import RESIDENT_HEADER, RESIDENT_STATUS, RESIDENT_USCC
from .parse.format_units import column_note, shown_reading
from .parse.text import normalize, one_line

# one rule for 合计 rows and for amount units, in lists as in summaries
from .summary_table import is_filler_line, is_total_label, plain  # noqa: F401
from .summary_units import amount_unit, in_unit, unit_said_above  # noqa: F401

RESIDENT_COLUMNS = (*RESIDENT_HEADER, RESIDENT_USCC, RESIDENT_STATUS)
# how the line naming the list's park/base begins (the notice prints "填报园区/基地：" under the table), in plain() form
OWNER_LEADS = ("填报园区", "填报基地", "填报单位")
UNIT_LINE_ROWS = 4   # rows above a list's header searched for a "金额单位：元" line
UNIT_LABELS = {"万元", "元", "亿元", "人", "个", "家", "万元/年"}   # a cell of a header's second row that only gives a unit


# a 所属行业's subtotal as parks label it under that 行业's companies (农产品小计, 直播电商 合计（3家）, 食品类小计:2家), in
# plain() form: a list's sections are its 行业, not the counties and 项目类型 a 附件4's subtotals name
_INDUSTRY_TOTAL = re.compile(r"[^()]{1,12}?(?:合计|小计|总计|共计)(?:\([^()]{0,20}\)|:?共?\d+(?:家|个|户)(?:企业|公司)?)?")


def is_list_total(value: Any) -> bool:
    """The label of a row summing others in a 附件3 list (its 序号, 企业名称, or 所属行业 cell with no name beside
    it): a 合计 as in a summary, or a 行业's subtotal; never a company (a name does not end in 小计).

    >>> [is_list_total(v) for v in ("合计", "农产品小计", "直播电商 合计（3家）", "食品类小计：2家", "服务业 总计", "总数")]
    [True, True, True, True, True, True]
    >>> [is_list_total(v) for v in ("贵州小计科技有限公司", "贵州会计服务有限公司", "统计", "某某合计有限公司小计", 12)]
    [False, False, False, False, False]
    """
    if is_total_label(value):
        return True
    if value.__class__ is not str or "计" not in value:
        # 总数/总和/总额 (every list row's 所属行业 comes here: normalised only when it holds 总)
        return value.__class__ is str and "总" in value and plain(value).strip(":：") in SUM_WORDS
    t = plain(value).strip(":：")
    return "公司" not in t and _INDUSTRY_TOTAL.fullmatch(t) is not None


SUM_WORDS = frozenset(("总数", "总和", "总额"))   # a list's 合计 row labelled so (in 企业名称 too): no company


# the 企业名称 and 从业人数 titles as clerks retype 附件3 (the notice prints 企业名称, 从业人数)
NAME_TITLES = ("企业名称", "入驻企业名称", "入驻企业全称", "企业全称", "单位名称", "公司名称")
STATUS_TITLES = ("登记状态", "经营状态", "企业状态", "营业状态", "存续状态")   # 企查查, 天眼查, 国家企业信用信息公示系统
# (附件5 2.4.1 counts "入驻企业总员工数量": parks head the column 员工数量, 总员工数, 职工总数 as well)
STAFF_TITLES = ("从业人数", "从业人员", "员工人数", "员工总数", "员工数", "总员工", "职工人数", "职工总数", "职工数",
                "就业人数", "用工人数")


def header_key(text: Any) -> str:
    """A 附件3 header as typed (with or without the 统计期 prefix, any brackets) → its contract name."""
    t = re.sub(r"\s+", "", normalize(text))
    t = re.sub(r"^\(?202.年.{0,3}月?-?202.年.{0,3}月?\)?", "", t)
    t = t.replace("(", "（").replace(")", "）")
    for name in RESIDENT_COLUMNS:
        if t == name:
            return name
    if "网络交易额" in t or "交易额" in t and ("线上" in t or "网上" in t or "电商" in t or "电子商务" in t):
        # 线上交易额, 网上交易额, 电商交易额: the same (as 电商零售额 is 网络零售额)
        return "年度网络交易额（万元）"
    if "零售额" in t:     # 网络零售额, and as applicants head it: 线上/网上/电商零售额, 年度零售额 (附件4 has no other)
        return "年度网络零售额（万元）"
    if t.startswith("所属行业"):
        return "所属行业（类型）"
    if t.startswith(NAME_TITLES):            # 企业名称（全称）, 企业名称(盖章), 入驻企业名称, 单位名称
        return "企业名称"
    if t.startswith(STAFF_TITLES):           # 从业人数（人）, 从业人员数, 员工人数
        return "从业人数"
    if "信用代码" in t:
        return RESIDENT_USCC
    if t in STATUS_TITLES:
        return RESIDENT_STATUS
    return t


_YEAR = re.compile(r"20\d\d")


def title_year(title: Any) -> int:
    """The latest year a 附件3 header names ("2023年网络零售额" → 2023); one naming none (the template's own
    年度网络零售额, a 2022年 column added beside it) ranks first: of two columns titled alike, the higher is read.

    >>> title_year("2022年网络零售额"), title_year("（2022年1月-2023年12月）年度网络零售额"), title_year("年度网络零售额")
    (2022, 2023, 9999)
    """
    return max(map(int, _YEAR.findall(str(title or ""))), default=9999)


def read_once(keys: Sequence[str], titles: Sequence[Any], shut: Collection[int] = ()) -> list[str]:
    """A header's 附件3 keys with each column given twice kept once — a shown one before one in ``shut`` (hidden
    columns' indices), then where :func:`title_year` ranks it highest (the first of equals) — the others "" (not
    read): SB_RESIDENTS reads the columns ``shibai check`` reads.

    >>> read_once(["企业名称", "年度网络零售额（万元）", "年度网络零售额（万元）"], ["企业名称", "2023年零售额", "2022年零售额"])
    ['企业名称', '年度网络零售额（万元）', '']
    >>> read_once(["企业名称", "年度网络零售额（万元）", "年度网络零售额（万元）"], ["", "2023年零售额", "2022年零售额"], {1})
    ['企业名称', '', '年度网络零售额（万元）']
    """
    def rank(i: int) -> tuple[bool, int]:
        return i not in shut, title_year(titles[i])
    best: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k in RESIDENT_COLUMNS and (k not in best or rank(i) > rank(best[k])):
            best[k] = i
    return [k if k not in best or best[k] == i else "" for i, k in enumerate(keys)]


def columns_alike_said(key: str, read: str, unread: Sequence[str]) -> str:
    """What ``shibai check`` and SB_RESIDENTS say of a 附件3 column given twice and shown both times (2022年 and
    2023年网络零售额): which one the list is read by (``read``, placed and quoted), which not.

    >>> columns_alike_said("年度网络零售额（万元）", "I3“2023年网络零售额”", ["H3“2022年网络零售额”"]).split("。")[0]
    '名单有2列年度网络零售额：按I3“2023年网络零售额”一列读取，未读取H3“2022年网络零售额”'
    """
    return (f"名单有{len(unread) + 1}列{key.removesuffix('（万元）')}：按{read}一列读取，未读取{'、'.join(unread)}。"
            "请核对读取的是申报表统计期的一列，删去或隐藏另一列后重新检查")


MIN_HEADER_COLUMNS = 4
# columns of 附件3 that the 附件4 summary header does not have: a summary is never taken for a resident list
ONLY_IN_RESIDENT_HEADER = {"从业人数", "所属行业（类型）", "企业网址", "年度网络交易额（万元）"}


def is_list_header(line: Sequence[Any]) -> bool:
    """Whether a row is the 附件3 header: 企业名称 and at least :data:`MIN_HEADER_COLUMNS` of the list's columns, one
    of them a column the 附件4 header lacks — not a line above it whose text starts like a title (“单位名称：…园区”).

    >>> is_list_header(["序号", "企业名称", "从业人数", "年度网络交易额（万元）"]), is_list_header(["单位名称：甲园区"])
    (True, False)
    """
    if not any(isinstance(v, str) and "称" in v for v in line):   # cheap: no 企业名称 title (however spaced), no header
        return False
    keys = {key for v in line if isinstance(v, str) and (key := header_key(v)) in RESIDENT_COLUMNS}
    return "企业名称" in keys and len(keys) >= MIN_HEADER_COLUMNS and bool(keys & ONLY_IN_RESIDENT_HEADER)


def is_header_name(value: Any) -> bool:
    """A 企业名称 cell holding the header's own title: the 附件3 header repeated inside the list (a list pasted with
    its own header row, a printed list's page header retyped) names no company.

    >>> is_header_name(" 企业 名称 "), is_header_name("贵州名称电子商务有限公司"), is_header_name(3)
    (True, False, False)
    """
    return isinstance(value, str) and "称" in value and header_key(value) == "企业名称"


def repeats_header(line: Sequence[Any], name_index: int | None, start: int = 0) -> bool:
    """A row of the list that is the 附件3 header again (its first row, or the units row of a header typed over two
    rows), not a company."""
    if name_index is not None and name_index < len(line) and is_header_name(line[name_index]):
        return True
    return header_continuation(line, name_index, start) is not None


def header_continuation(line: Sequence[Any], name_index: int | None, start: int = 0) -> dict[int, str] | None:
    """The second row of a header typed over two rows, as {index: 附件3 name} (empty where it only gives a unit:
    "（万元）" under a merged 年度网络交易额), or None when ``line`` (the row under the header) is a company or
    blank. ``name_index``: where 企业名称 is in the header (0-based, as ``start``)."""
    if name_index is not None and name_index < len(line) and line[name_index] not in (None, ""):
        return None
    found, seen = {}, False
    for i in range(start, len(line)):
        v = line[i]
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if not isinstance(v, str):
            return None
        key = header_key(v)
        if key in RESIDENT_COLUMNS:
            found[i] = key
        elif re.sub(r"[\s()（）]", "", normalize(v)) not in UNIT_LABELS:
            return None
        seen = True
    return found if seen else None


def column_numbers(line: Sequence[Any], name_index: int | None, start: int = 0) -> bool:
    """The 栏次 row a list may carry under its header (1 2 3 … 10, one number per column, as official forms number
    their columns): no company, however many figures it seems to hold. Four numbers at least, running on by one
    from column to column, and no name in the 企业名称 column.

    >>> column_numbers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1), column_numbers([None, "1", "2", "3", "4"], 1)
    (True, True)
    >>> column_numbers([4, "贵州甲公司", None, None, 5, 6, 7, 8], 1), column_numbers([4, None, 5, 100, 10], 1)
    (False, False)
    """
    if name_index is not None and name_index < len(line) and isinstance(line[name_index], str) \
            and not line[name_index].strip().isdigit():
        return False
    offset, seen = None, 0
    for i in range(start, len(line)):
        v = line[i]
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if isinstance(v, str) and v.strip().isdigit():
            v = int(v.strip())
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != int(v):
            return False
        if offset is None:
            offset = int(v) - i
        elif int(v) - i != offset:
            return False
        seen += 1
    return seen >= 4


NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(f"^(?:[{NUMERALS}]+[、.．]|[(（][{NUMERALS}]+[)）])")
HEADING_FIRST = frozenset(NUMERALS + "(（")   # how a heading's 企业名称 cell, or its 序号 cell, begins
COMPANY_ENDS = ("公司", "厂", "店", "合作社", "工作室", "商行", "经营部", "门市部")


def is_section_heading(seq: Any, name: Any, figures: Sequence[Any]) -> bool:
    """A heading between a list's companies ("一、电商企业", "（二）直播机构", or 一 | 服务机构 in the 序号 and 企业名称
    columns): no company. Only a row without figures whose text is no company's name (贵州甲公司 typed as
    "四、贵州甲公司" with its figures stays a company).

    >>> is_section_heading(None, "一、电商企业", [None, None, None]), is_section_heading("二", "服务机构", ["", None, None])
    (True, True)
    >>> is_section_heading(None, "四、贵州甲电子商务有限公司", [None] * 3), is_section_heading(None, "一、电商企业", [5, 1, 1])
    (False, False)
    >>> is_section_heading(1, "一号电商公司", [None] * 3), is_section_heading("1", "电商企业", [None] * 3)
    (False, False)
    """
    if not isinstance(name, str) or any(v is not None and not (isinstance(v, str) and not v.strip()) for v in figures):
        return False
    text = name.strip()
    numeral = isinstance(seq, str) and seq.strip() != "" and all(c in NUMERALS for c in seq.strip().rstrip("、.．"))
    if not (numeral or _HEADING.match(text)) or text.endswith(COMPANY_ENDS):
        return False
    return len(text) <= 20


def list_amount_unit(title: str, above: Sequence[Sequence[Any]] = ()) -> str:
    """The unit of a 附件3 amount column: its title's (（万元）, （元）, （亿元）), or, when the title gives none
    ("年度网络交易额"), the "金额单位：元" line written above the list, as a 附件4 summary reads it; else 万元.

    >>> list_amount_unit("年度网络交易额", [["附件3"], ["金额单位：元"]])
    '元'
    >>> list_amount_unit("年度网络交易额（万元）", [["单位：元"]]), list_amount_unit("年度网络交易额")
    ('万元', '万元')
    """
    if "元" in normalize(title):
        return amount_unit(title)
    return unit_said_above(above) or "万元"


def figures_as_shown(header: str, cells: dict[str, tuple[Any, str]]) -> tuple[dict[str, Any], list[str]]:
    """A list's figures of column ``header`` (in 万元, 附件3) whose number format shows a unit another than it (ref →
    (the number, the format code): 0.5 painted 0.00"亿元" shows 0.50亿元) as the sheet shows them ("0.5亿元", which the
    totals read in 万元), as an application's own cell is read (:func:`.parse.format_units.shown_reading`, the one
    rule); a unit the figure cannot be turned into (万美元) left as typed, a doubt. (ref → the value to read, for
    those read as shown; what to say, one line per format).

    >>> figures_as_shown("年度网络交易额（万元）", {"H5": (0.5, '0.00"亿元"'), "H6": (800, '0"万元"')})[0]
    {'H5': '0.5亿元'}
    """
    read: dict[str, Any] = {}
    groups: dict[tuple[str, bool], list[str]] = {}
    for ref, (raw, code) in cells.items():
        value, note, doubt = shown_reading(raw, code, "万元", ref, of="名单此栏")
        if note is None:
            continue
        if not doubt:
            read[ref] = value
        groups.setdefault((code, doubt), []).append(ref)
    said = [column_note(header, "、".join(refs[:5]) + (f"等{len(refs)}个单元格" if len(refs) > 5 else ""), code,
                        "万元", doubt) for (code, doubt), refs in groups.items()]
    return read, said


def list_end_said(stop: int, closing: tuple[int, Any] | None = None) -> str:
    """Where a list read as check reads it ends, for the note on companies typed under it: at a blank row
    ("名单在第7行空了一行"), or at a line closing it ("以上数据属实", "填报人：张三" — ``closing``: its row and text),
    which the clerk looks for at that row.

    >>> list_end_said(7), list_end_said(7, (8, "以上数据属实"))
    ('名单在第7行空了一行', '名单在第8行“以上数据属实”处结束')
    """
    if closing is None:
        return f"名单在第{stop}行空了一行"
    row, text = closing
    return f"名单在第{row}行“{one_line(str(text).strip())}”处结束"
