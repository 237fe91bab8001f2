"""Recognising a 项目汇总表 (附件4) as people make it: column titles, 合计 rows, project types, cities, numbers.

Pure text rules shared by every reader and writer of summaries, so that a table typed by hand,
saved as .xls/.ods or pasted together reads the same as one the tool made.

>>> header_name("(202x年x月 -202x年 x月) 年度交易额 （万元）"), header_name("项目类型 (园区、 基地、企 业 、团队)")
('年度交易额（万元）', '项目类型')
>>> header_name("项目类别"), header_name("类别（园区、基地、企业、团队）"), header_name("项目名称")
('项目类型', '项目类型', '企业名称')
>>> header_name("申报企业"), header_name("项目申报单位"), header_name("企业（单位）"), header_name("企业性质")
('企业名称', '企业名称', '企业名称', '企业性质')
>>> header_name("得分"), header_name("市（州）初审得分"), header_name("综合评分（满分100分）"), header_name("自动评分")
('市州评分', '市州评分', '市州评分', '自动评分')
>>> header_name("前置条件（达标/不达标）"), header_name("前置条件是否达标"), header_name("是否达标"), header_name("初审意见")
('前置条件', '前置条件', '前置条件', None)
>>> is_total_label("合 计"), is_total_label("合计企业"), type_short("电商直播基地"), city_in("黔东南苗族侗族自治州")
(True, False, '基地', '黔东南州')
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date, time, timedelta
from functools import cache, lru_cache
from typing import Any

from ..rules import AppType, Rules, load
from . import fields as F
from .constant_formulas import parse
from .fmt import as_shown
from .parse.text import normalize, simplified_place, simplified_words
from .parse.uscc import division_city

# 附件4 as printed in the notice (with the notes in its titles removed); the tool's columns follow.
OFFICIAL_COLUMNS = ("序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩",
                    "联系人", "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分")
TOOL_COLUMNS = ("前置条件", "自动评分", "问题", "来源文件", "统一社会信用代码", "批次", "更新时间", "状态", "报送市州",
                "市州备注")
NUMBER_COLUMNS = ("年度交易额（万元）", "年度网络零售额（万元）", "市州评分")
TOTAL_LABELS = ("合计", "总计", "小计", "总合计", "累计", "共计", "汇总")   # 汇总: Excel's and WPS's own total-row label
_TOTAL_WORDS = ("合计", "总计", "小计", "共计")
# what may stand before the word in a total's label: 全州合计, 本页小计, 黔南州合计, 遵义共计
_SCOPE_WORDS = ("全市", "全州", "全区", "全县", "全省", "全新区", "本市", "本州", "本页", "本表", "以上", "全部")
PROVINCE_MARK = "全省"    # in the title ``shibai merge`` gives the provincial 项目汇总表
SCOPE_COLUMN = "报送市州"  # the column only the provincial table has: the city whose summary reported the row
CITY_NOTES_COLUMN = "市州备注"   # the provincial table's: what a city wrote in columns of its own ("备注：已实地核查")
ONCE = "统计中未计入"   # the 问题 note of a row whose project another row of the province table already counts
# how the lines under a table begin (填报人：…；联系方式：…, 注：…), in plain() form: NFKC made the colon half-width
# and the declaration and signature lines a park types under its 附件3 (以上数据属实, 法定代表人（签字）：, 单位（盖章）):
# no company's name begins so (贵州签字笔厂 only holds the words)
FILLER_LEADS = ("填报", "填表", "联系", "审核", "制表", "负责人", "单位盖章", "盖章", "注:", "说明", "备注:",
                "其中:",        # 其中：基地1个… — a total broken down under it
                "以上", "法定代表人", "法人代表", "单位(盖章)", "申报单位", "签字", "签名", "签章", "日期:", "经办人",
                "本单位", "我单位", "承诺")
_CLOSING = ("以下空白", "以下无", "此页无", "本页无")   # （以下空白） closing a form's rows: no project
FILLER_LEADS += _CLOSING + tuple(b + c for b in "(【[" for c in _CLOSING)
# how a line heading the rows under it begins (以下为县区补报项目, 下列项目待补充材料): no company's name begins so
SECTION_LEADS = ("以下为", "以下是", "以下系", "下列")
LABEL_COLUMNS = ("序号", "市（州）", "县区", "企业名称")   # where a row says it is a total or a note, not a project
HEADER_MIN = 9            # official titles a row must show to be the header row
HEADER_SCAN = 40          # rows searched for it

PROBLEM_SHEET, STATS_SHEET = "问题文件", "统计"   # a summary's sheets of unread files and of the counts

_WS = re.compile(r"\s+")
_NOTE = re.compile(r"\([^()]*\)")
_BELONGS = re.compile(r"^(?:所属|所在)")
_NAMES = {
    "序号": "序号", "编号": "序号",
    "市": "市（州）", "市州": "市（州）", "地区": "市（州）",
    "市州名称": "市（州）", "地市": "市（州）", "地州": "市（州）",
    "县区": "县区", "县": "县区", "区县": "县区", "县市区": "县区",
    "联系人": "联系人", "联系人姓名": "联系人",
    "电话": "电话", "联系电话": "电话", "手机": "电话", "联系方式": "电话", "电话号码": "电话",
}


# what makes an amount's or a score's title another figure: a rate, a share or a rank of it
_NO_FIGURE = ("%", "占比", "比重", "比例", "增长", "增速", "增幅", "同比", "环比", "排名", "排序", "名次")
_PHONE_TITLES = ("电话", "手机", "手机号", "手机号码", "联系电话", "电话号码", "移动电话", "联系手机")
# 项目类型 as clerks title it: 类型, 类别 (“项目类别” is no 项目名称: it names the type, 园区/基地/企业/团队)
# 前置条件 as a city titles its own verdict column (with no 前置条件 in the title)
_VERDICT_TITLES = ("是否达标", "达标情况", "是否符合前置条件", "前置条件是否达标")
_TYPE_TITLES = ("类型", "申报类型", "类别", "项目类别", "申报类别", "示范类别", "示范类型")
# 市州评分 titled without 市州 in a city's summary (its own score of each project): 评分, 得分, 初审得分 …
_SCORE_TITLES = ("评分", "得分", "综合评分", "综合得分", "初审评分", "初审得分", "评审评分", "评审得分", "推荐评分", "推荐得分")
# 联系人 titled by the person: 项目联系人, 负责人 (the notice's forms name only a 主要负责人, whom refresh writes as an
# application's 联系人 when it gives no contact; any other 联系人 column beside it wins, header_columns)
_PERSONS = ("联系人", "项目联系人", "企业联系人", "负责人", "主要负责人", "项目负责人", "企业负责人", "联系人/负责人",
            "负责人/联系人")
# 序号 typed No., NO; 电话 titled 手机号码, 联系人电话, 联系人手机, 负责人手机
_NAMES.update(dict.fromkeys((f"{p}{n}{d}" for p in ("", "序号") for n in ("No", "NO", "no") for d in ("", ".")), "序号")
              | dict.fromkeys((p + t for p in ("", *_PERSONS[:7]) for t in _PHONE_TITLES), "电话")
              | dict.fromkeys((p + n for p in _PERSONS for n in ("", "姓名")), "联系人"))
# 联系人 and 电话 titled as one column ("联系人及电话", "联系人/电话", "联系人、联系方式", "项目联系人及其电话",
# "联系人；电话", "负责人及电话"): the contact's, phone and all
_NAMES.update(dict.fromkeys((f"{p}{n}{j}{t}" for p in _PERSONS[:7] for n in ("", "姓名")
                             for j in ("及", "及其", "和", "和其", "与", "与其", "、", "/", ",", "+", ";", "-", "—", "|")
                             for t in (*_PHONE_TITLES, "联系方式")), "联系人"))
# 市（州） and 县区 titled as one column ("市（州）/县区", "市州县区"): the 市（州）, whose county-level names give the 县区
_NAMES.update(dict.fromkeys((a + j + b for a in ("市", "市州", "地市") for j in ("", "/", "、", "及", "和", "与", ",")
                             for b in ("县", "县区", "区县", "县市区")), "市（州）"))
_NAMES.update(dict.fromkeys(_TYPE_TITLES, "项目类型") | dict.fromkeys(_SCORE_TITLES, "市州评分")
              | dict.fromkeys(_VERDICT_TITLES, "前置条件"))


def province_titled(title: Any, rules: Rules | None = None) -> bool:
    """A title of the provincial 项目汇总表: it says 全省, or it is the year file's ``province_title`` (a later
    notice's may not: “贵州省2025年电子商务…推荐汇总表”).

    >>> province_titled("贵州省2024年电商“十百千万”工程示范项目汇总表（全省）"), province_titled("贵阳市2024年电商…汇总表")
    (True, False)
    """
    text = re.sub(r"\s", "", normalize(title))
    return PROVINCE_MARK in text or bool(text) and text == re.sub(r"\s", "", normalize((rules or load()).titles.province))


def plain(text: Any) -> str:
    """Half-width, no spaces or line breaks, brackets as ``()``."""
    return _WS.sub("", normalize(text)).replace("（", "(").replace("）", ")")


def header_name(text: Any) -> str | None:
    """The contract name of a 附件4 column title as people type it (項目類型 in traditional characters too), or None."""
    return _header_of_plain(simplified_words(plain(text)))


def _header_of_plain(t: str) -> str | None:
    if not t:
        return None
    if t in TOOL_COLUMNS:
        return t
    if "信用代码" in t:
        return "统一社会信用代码"
    if (figure := _figure_title(t)) is not None:
        return figure or None
    t = _BELONGS.sub("", t) or t   # 所属县（区）, 所在市（州）: the county, the city
    if t in ("市(州)", "市(州)名称"):
        return "市（州）"
    core = _NOTE.sub("", t).strip("、:：")
    if core in _NAMES:
        return _NAMES[core]
    if core in ("地", "区域", "属地") and (inner := _NOTE.findall(t)):   # 所在地（市州/区县）: what its note says
        return _header_of_plain(inner[0][1:-1])
    if core.startswith("县") or core == "区":   # 县（市、区）, 区（县）
        return "县区"
    if prefixed := next((n for n in ("项目类型", "前置条件") if core.startswith(n)), None):   # 前置条件（达标/不达标）
        return prefixed
    if core.startswith("企业性质") or core == "性质":
        return "企业性质"
    if "运营情况" in core or "主要业绩" in core:
        return "企业运营情况及主要业绩"
    if "地址" in core:
        return "企业地址"
    if core.endswith(("名称", "申报单位", "申报主体", "申报企业", "主体单位")) or core in ("企业", "企业(单位)"):
        return "企业名称"
    return None


def _figure_title(t: str) -> str | None:
    """The amount or 市州评分 a title names; '' for a rate, share or rank of one (交易额增长率（%）, 网络零售额占比,
    市州评分排名: the city's own column, never summed as the figure); None for no figure's title."""
    if any(w in t for w in _NO_FIGURE) and any(w in t for w in ("交易额", "零售额", "评分", "得分")):
        return ""
    if "网络零售额" in t or "零售额" in t and ("网上" in t or "线上" in t):   # 网上零售额, 线上零售额: the same
        return "年度网络零售额（万元）"
    if "交易额" in t:
        return "年度交易额（万元）"
    if ("评分" in t or "得分" in t) and ("市" in t or "州" in t):
        return "市州评分"
    return None


def city_notes(extras: Sequence[tuple[str, Any]]) -> str | None:
    """A city's own columns of one row as one text for the provincial table: "备注：已实地核查；推荐意见：同意".

    >>> city_notes([("备注", "已实地核查"), ("推荐 意见", None), ("排序", 2.0)])
    '备注：已实地核查；排序：2'
    """
    parts = []
    for title, value in extras:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        shown = as_shown(value) if isinstance(value, (date, time, timedelta)) else str(value).strip()
        parts.append(f"{_WS.sub('', str(title))}：{shown}")
    return "；".join(parts) or None


def header_columns(cells: Sequence[Any], hidden: Collection[int] = ()) -> dict[int, str]:
    """0-based column → contract name for one row of cells: the first column titled exactly so wins a name, else the
    first whose title means it — a column a person inserted before the tool's 联系人 and titled “联系人（核实后）” is
    theirs, not the one a refresh writes the applications' contacts into. A column shown wins over a ``hidden`` one
    titled alike (last year's 交易额 kept hidden beside this year's): what the city sees is what it sent.

    >>> header_columns(["企业名称", "联系人（核实后）", "联系人", "联系电话"])
    {0: '企业名称', 2: '联系人', 3: '电话'}
    >>> header_columns(["企业名称", "年度交易额（万元）", "年度交易额（万元）"], hidden={1})
    {0: '企业名称', 2: '年度交易额（万元）'}
    >>> header_columns(["企业名称", "2022年度交易额（万元）", "（2023年1月-2023年12月）年度交易额（万元）"])
    {0: '企业名称', 2: '年度交易额（万元）'}
    """
    # the latest year's column first where titles name years (“2022年度交易额” beside “2023年度交易额”: 附件4 asks the
    # latest 12 months), else as they stand; a 负责人's column is the 联系人 or 电话 only where no other column is
    named = sorted(((i, header_name(v)) for i, v in enumerate(cells) if isinstance(v, str)),
                   key=lambda c: ("负责人" in (t := plain(cells[c[0]])) and "联系人" not in t,
                                  -max(map(int, _YEAR.findall(cells[c[0]])), default=0), c[0]))
    out: dict[int, str] = {}
    for shown in (True, False):   # the columns shown take their names first, then the hidden ones what is left
        group = [(i, name) for i, name in named if name and (i not in hidden) == shown and name not in out.values()]
        exact: dict[str, int] = {}
        for i, name in group:
            if plain(cells[i]) == plain(name):
                exact.setdefault(name, i)
        for i, name in group:
            if name not in out.values() and exact.get(name, i) == i:
                out[i] = name
    return dict(sorted(out.items()))


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def passed_over(cells: Sequence[Any], cols: dict[int, str]) -> dict[int, str]:
    """0-based column → contract name of the columns titled as one ``cols`` took from another column: not read.

    >>> passed_over(["企业名称", "年度交易额（万元）", "年度交易额（万元）"], {0: "企业名称", 2: "年度交易额（万元）"})
    {1: '年度交易额（万元）'}
    """
    return {i: name for i, v in enumerate(cells) if i not in cols and isinstance(v, str)
            and (name := header_name(v)) in cols.values()}


def find_header(rows: Sequence[Sequence[Any]], scan: int = HEADER_SCAN,
                hidden: Collection[int] = ()) -> tuple[int, dict[int, str]] | None:
    """(0-based row, column → name) of the row showing the 附件4 titles, or None; ``hidden``: the sheet's hidden
    columns (:func:`header_columns`)."""
    best = None
    for r, cells in enumerate(rows[:scan]):
        cols = header_columns(cells, hidden)
        score = sum(1 for n in cols.values() if n in OFFICIAL_COLUMNS)
        if score >= HEADER_MIN and "企业名称" in cols.values() and (best is None or score > best[0]):
            best = (score, r, cols)
    return (best[1], best[2]) if best else None


_SUMMARY_ONLY = {"市（州）", "县区", "项目类型"}   # what a 附件3 list (序号, 企业名称, 交易额 …) has no column of


def short_header(rows: Sequence[Sequence[Any]], scan: int = HEADER_SCAN) -> tuple[int, list[str]] | None:
    """(0-based row, the 附件4 columns it lacks) of the row showing a 企业名称 and at least 4 of the 附件4 titles but
    fewer than a header needs (a city's own shorter table): what to name when it is refused; None if there is none.

    >>> short_header([["序号", "县区", "企业名称", "项目类型", "年度交易额（万元）"]])[1][:3]
    ['市（州）', '企业地址', '企业性质']
    """
    best = None
    for r, cells in enumerate(rows[:scan]):
        names = set(header_columns(cells).values()) & set(OFFICIAL_COLUMNS)
        if ("企业名称" in names and names & _SUMMARY_ONLY and 4 <= len(names) < HEADER_MIN
                and (best is None or len(names) > len(best[1]))):
            best = (r, names)
    return (best[0], [n for n in OFFICIAL_COLUMNS if n not in best[1]]) if best else None


def short_header_said(name: str, sheet: str, row: int, missing: Sequence[str]) -> str:
    """The refusal of a file whose table (``row`` 1-based) has too few of the 附件4 columns to be read as one."""
    return (f"“{name}”不是项目汇总表：“{sheet}”表第{row}行像是附件4的表头，但缺少{'、'.join(missing)}这{len(missing)}栏，"
            f"无法按附件4读取，文件未改动。附件4共13栏（{'、'.join(OFFICIAL_COLUMNS)}），"
            "请按附件4补上缺少的栏（没有内容的栏可以空着）后再试。")


def unnamed_header(rows: Sequence[Sequence[Any]], scan: int = HEADER_SCAN) -> tuple[int, bool] | None:
    """(0-based row, whether rows are typed under it) of a row showing the 附件4 titles but none a 企业名称 reads as
    (titled in the clerk's own words): a 附件4 whose projects have no name to be read by, to be said so — not called
    "no 附件4", nor its projects left out unsaid beside another sheet's; None if there is none.

    >>> unnamed_header([["标题"], ["序号", "市（州）", "县区", "经营主体", "企业地址", "项目类型", "企业性质", "联系人", "电话",
    ...                 "年度交易额（万元）", "年度网络零售额（万元）"], [1, "遵义市", "汇川区", "遵义甲公司"]])
    (1, True)
    """
    for r, cells in enumerate(rows[:scan]):
        cols = header_columns(cells)
        if "企业名称" not in cols.values() and sum(n in OFFICIAL_COLUMNS for n in cols.values()) >= HEADER_MIN - 1:
            typed = any(sum(c < len(row) and row[c] not in (None, "") for c in cols) >= 3 for row in rows[r + 1:])
            return r, typed
    return None


def sub_titles(below: Sequence[Any], cols: dict[int, str], hidden: Collection[int] = ()) -> dict[int, str]:
    """0-based column → name of the titles the row under a header row gives to columns the header leaves untitled:
    a header over two rows ("(2023年1月-2023年12月)" over 年度交易额 | 年度网络零售额), merged or not (an .ods tells no
    merged cells); {} for a one-row header, and for a project row under it.

    >>> sub_titles([None, None, "年度交易额（万元）", "年度网络零售额（万元）"], {0: "序号", 1: "企业名称"})
    {2: '年度交易额（万元）', 3: '年度网络零售额（万元）'}

    A group title over columns the row under it titles (“联系方式” over 联系人 | 电话) names none of them: the titles
    under it do, also where the group's title reads as one of theirs (联系方式 is a 电话 title, over the 联系人 column):

    >>> sub_titles([None, "联系人", "电话"], {0: "企业名称", 1: "电话"})
    {1: '联系人', 2: '电话'}
    """
    if row_kind({n: below[c] for c, n in cols.items() if c < len(below)}) == "project":
        return {}
    titled = header_columns(below, hidden)
    taken = {cols[c] for c, n in titled.items() if c in cols and cols[c] != n and n not in cols.values()}
    return {c: n for c, n in titled.items()
            if (c not in cols or (cols[c] != n and n not in cols.values())) and (n not in cols.values() or n in taken)}


def is_total_label(value: Any) -> bool:
    """合计 / 总计 / 小计 (spaces, a colon, a note in brackets allowed), the label of a row that sums others — in a
    附件4 summary as in a 附件3 list (its 序号 or 企业名称 cell): such a row is no company.

    >>> [is_total_label(v) for v in ("合 计", "合计：", "合计（12家）", "累计", "设计工作室", "合计电子商务有限公司", 3.0)]
    [True, True, True, True, False, False, False]
    >>> [is_total_label(v) for v in ("汇总", "汇 总：", "汇总表", "项目汇总表", "汇总电子商务有限公司")]
    [True, True, False, False, False]
    >>> [is_total_label(v) for v in ("共12家", "共 3 个项目", "共享农业科技有限公司", "共12家电商公司")]
    [True, True, False, False]
    >>> [is_total_label(v) for v in ("全州共12家企业", "本市共 3 个项目", "全市共享电子商务有限公司", "全州共12家电商公司")]
    [True, True, False, False]
    >>> [is_total_label(v) for v in ("共计", "全州合计", "黔南州合计", "遵义共计：", "本页小计（2个项目）", "全市合计企业")]
    [True, True, True, True, True, False]
    >>> [is_total_label(v) for v in ("合计：12家企业", "合计（共12家企业）", "总计12家企业", "合计12家企业有限公司")]
    [True, True, True, False]
    >>> [is_total_label(v) for v in ("累计12家企业", "汇总（12家企业）", "总计（单位：万元）", "汇总12家企业科技有限公司")]
    [True, True, True, False]

    A county's or a type's subtotal, as clerks label it under its rows:

    >>> [is_total_label(v) for v in ("红花岗区小计", "道真仡佬族苗族自治县 小计", "仁怀市合计（3个）", "园区小计", "团队合计")]
    [True, True, True, True, True]
    >>> [is_total_label(v) for v in ("企业类小计", "基地类 合计", "示范园区类合计（2个）", "企业类型小计")]
    [True, True, True, False]
    >>> [is_total_label(v) for v in ("贵州小计科技有限公司", "红花岗区小计电子商务中心", "遵义市合计商贸有限公司")]
    [False, False, False]

    Count lines, with or without a total word (the count is no company: a name never ends in "共1项"):

    >>> [is_total_label(v) for v in ("企业类共1项", "园区类合计2个", "以上共3项", "红花岗区共3家企业", "基地类：共2个")]
    [True, True, True, True, True]
    >>> [is_total_label(v) for v in ("共创电商有限公司", "企业类共享科技有限公司", "红花岗区共3家企业联合体有限公司")]
    [False, False, False]
    >>> [is_total_label(v) for v in ("合计（园区1个，企业1个）", "共计：园区2个；企业1个", "共3个项目，其中园区2个", "全部合计")]
    [True, True, True, True]
    """
    return _total_plain(plain(value))


def _total_plain(text: str) -> bool:
    if "计" not in text and "汇" not in text and "共" not in text:   # every total label says one (most cells: none)
        return False
    t = text.strip(":：")
    if t in TOTAL_LABELS or (t[:1] == "共" and _COUNT_TOTAL.fullmatch(t)):
        return True
    scopes = _total_scopes()
    if any(t.startswith(s) and t[len(s):len(s) + 1] == "共" and _COUNT_TOTAL.fullmatch(t[len(s):])
           for s in scopes):   # "全州共12家企业"
        return True
    scope = next((s for s in scopes if t.startswith(s) and t[len(s):len(s) + 2] in _TOTAL_WORDS), "")
    t = t[len(scope):]
    if t[:2] in TOTAL_LABELS and _COUNTED_REST.fullmatch(t[2:]):   # "合计：12家企业", "总计（单位：万元）"
        return True
    if t[:2] in _TOTAL_WORDS:
        return len(t) <= 8 and not t.endswith(("公司", "企业"))
    # a company's name never ends in a total word nor in a count: the patterns are tried on the few texts that do (a
    # list's every row)
    if (t[-2:] in _TOTAL_WORDS or t.endswith(")")) and _SCOPED_TOTAL.fullmatch(t):
        return True
    return t[-1:] in _COUNT_ENDS and any(c.isdigit() for c in t) and bool(
        _SCOPED_TOTAL.fullmatch(t) or _SCOPED_COUNT.fullmatch(t))   # "园区类合计2个", "企业类共1项", "红花岗区共3家"


def _total_scopes() -> tuple[str, ...]:
    """What may stand before a total word, longest first: the words above and the 市（州） of the rules in force (read
    when first asked for, never when the module is imported: a bad SHIBAI_RULES is a refusal, not an import error)."""
    return _scopes_of(F.CITIES)[0]


def _whole_scopes() -> frozenset[str]:
    """The scopes of a total of a whole city's table (全市合计, 黔南州合计, 以上合计); 本页小计 sums one printed page."""
    return _scopes_of(F.CITIES)[1]


@cache
def _scopes_of(cities: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    scopes = tuple(sorted({*_SCOPE_WORDS, *cities, *_city_shorts(cities)}, key=len, reverse=True))
    return scopes, frozenset(scopes) - {"本页"}


PART, BARE, WHOLE = 1, 2, 3   # total_reach: a county's or a type's 小计, a 小计 saying no scope, the table's 合计


def total_reach(values: Mapping[str, Any]) -> int:
    """How much of a table a total row sums, by its label columns: 0 no total; PART a county's or a type's (“西秀区 小计”,
    “凯里市合计”, “园区小计”, “本页小计”, “小计” beside 县区 “红花岗区”), which must never be taken for the table's 合计
    and overwritten with the whole table's figure; BARE a “小计” saying no scope, the table's total only where no 合计
    stands by it; WHOLE the table's (合计, 总计, 全市合计, 黔南州合计, 以上合计, 汇总, 共12家).

    >>> [total_reach({"序号": v}) for v in ("西秀区 小计", "凯里市小计（3个）", "园区合计", "本页小计", "小计", "合计：")]
    [1, 1, 1, 1, 2, 3]
    >>> [total_reach({"序号": v}) for v in ("全市合计", "黔南州合计", "遵义市 小计", "以上合计", "总计", "贵州甲公司")]
    [3, 3, 3, 3, 3, 0]
    >>> total_reach({"序号": "小计", "县区": "红花岗区"}), total_reach({"企业名称": "合计", "县区": "合计"})
    (1, 3)
    >>> total_reach({"序号": "小计", "企业名称": "2个"}), total_reach({"企业名称": "3个"})   # a count: as its label says
    (2, 3)
    >>> [total_reach({"企业名称": v}) for v in ("企业类共1项", "园区类合计2个", "以上共3项", "全州共5家", "西秀区共2个")]
    [1, 1, 3, 3, 1]
    """
    reach, counted = 0, False
    for c in LABEL_COLUMNS:
        t = plain(values.get(c)).strip(":：")
        if not t or not _total_plain(t):   # a count typed alone (“2个” beside “小计”) sums what the label says, or all
            counted = counted or bool(t) and _bare_count(c, t)
            continue
        at = min((i for w in (*_TOTAL_WORDS, "共") if (i := t.find(w)) >= 0), default=-1)   # 企业类共1项: a type's
        if at > 0 and t[:at] not in _whole_scopes():
            return PART
        reach = max(reach, BARE if t.startswith("小计") else WHOLE)
    county = plain(values.get("县区"))
    if reach == BARE and county and not _total_plain(county):
        return PART     # “小计” in 序号, the county it sums in 县区
    return reach or WHOLE * bool(counted)


_N = r"\d+(?:家|个|户|项)(?:企业|公司|项目)?"   # how many of what: "3项", "12家企业", "2个项目"
_COUNT = "共?" + _N
# a count and the counts of each type after it: "3项", "12家企业", "园区2个,企业1个", "3个项目,其中园区2个"
_COUNTS = r"(?:(?:其中:?)?(?:[\u4e00-\u9fff]{0,4}(?:园区|基地|企业|团队)类?:?)?" + _COUNT + r"[,、;]?)+"
# "共12家", "共3个项目", "共3个项目，其中园区2个": a total labelled by what it counts
_COUNT_TOTAL = re.compile(r"共" + _COUNTS)
# what follows 合计 when the label says how many it sums (":12家企业", "(共12家企业)", "(园区1个,企业1个)") or its
# unit ("(单位:万元)")
_COUNTED_REST = re.compile(r"[:：]?(?:\(?" + _COUNTS + r"\)?|\(单位[:：]?[万亿]?元\))")
# "红花岗区小计", "仁怀市合计(3个)", "园区小计", "企业类小计", "园区类合计2个": a county's (区/县/市/州/旗/新区, its name at
# most 14 characters) or a 项目类型's subtotal, in plain() form (no spaces, half-width brackets)
_SCOPE = r"(?:[\u4e00-\u9fff]{1,14}?[区县市州旗]|[\u4e00-\u9fff]{0,4}(?:园区|基地|企业|团队)类?)"
_SCOPED_TOTAL = re.compile(_SCOPE + r"(?:合计|小计|总计|共计)(?:\([^()]{0,20}\)|:?" + _COUNT + ")?")
# "企业类共1项", "园区类:共2个", "红花岗区共3家企业": a county's or a type's count line, no total word
_SCOPED_COUNT = re.compile(_SCOPE + ":?共" + _N)
_COUNT_ENDS = frozenset("家个户项业司目")   # the last character of a count ("2个", "3项", "3家企业", "2个项目")


def is_filler_line(value: Any) -> bool:
    """'填报人：XXX；联系方式：XXX' and similar lines under a table (a 附件4 summary, a 附件3 list).

    >>> [is_filler_line(v) for v in ("填报人：张三", "注：单位为万元", "说 明：", "其中：园区2个", "贵州联系电子商务有限公司")]
    [True, True, True, True, False]
    >>> [is_filler_line(v) for v in ("以上数据属实", "法定代表人（签字）：", "单位（盖章）", " 以上信息真实有效", "贵州签字笔厂")]
    [True, True, True, True, False]
    >>> [is_filler_line(v) for v in ("（以下空白）", "以下无内容", "【此页无正文】", "以下数据属实的公司")]
    [True, True, True, False]
    """
    return isinstance(value, str) and plain(value).startswith(FILLER_LEADS)


def column_numbers(values: Mapping[str, Any]) -> bool:
    """The 栏次 row printed forms have under their header: each column's number (1, 2, 3 …), no project — nor
    amounts a 合计 adds up (its 11, 12 stand under 年度交易额, 年度网络零售额).

    >>> column_numbers({"序号": 1, "市（州）": 2, "县区": 3, "企业名称": 4}), column_numbers({"序号": 1, "企业名称": "甲"})
    (True, False)
    >>> column_numbers({"序号": 1.0, "市（州）": 2.0, "县区": 3.0, "企业名称": 4.0})
    True
    """
    return _column_numbers(tuple((c, values.get(c)) for c in LABEL_COLUMNS))


def _column_numbers(labels: tuple[tuple[str, Any], ...]) -> bool:
    return _counting(dict(labels).get("企业名称")) and sum(_counting(v) for _, v in labels) >= 2


def _counting(value: Any) -> bool:
    """A column's number: "4", or 4 (4.0 as a summary's table is read)."""
    if isinstance(value, float) and not isinstance(value, bool):
        return value.is_integer() and value > 0
    return normalize(value).isdigit()


def row_kind(values: Mapping[str, Any]) -> str:
    """'project', 'total' or 'other' (title, 填报人, blank, section and merged rows) for one table row. Only the
    label columns can say total or note: a project whose 主要业绩 begins "负责人…" is a project.

    >>> row_kind({"企业名称": "贵州甲公司", "企业运营情况及主要业绩": "负责人张三带领团队…", "电话": "联系方式：0851-1"})
    'project'
    >>> row_kind({"序号": "填报人：张三  联系方式：138…"}), row_kind({"序号": "合 计", "年度交易额（万元）": 9})
    ('other', 'total')
    >>> row_kind({"序号": "序号", "市（州）": "市(州)", "企业名称": "企业名称", "年度交易额（万元）": "2023年"})
    'other'
    >>> row_kind({"序号": 1, "市（州）": 2, "县区": 3, "企业名称": 4, "年度交易额（万元）": 11})
    'other'
    >>> row_kind({"企业名称": "以下为县区补报项目"}), row_kind({"企业名称": "下列项目待补充材料"})
    ('other', 'other')
    >>> row_kind({"企业名称": "3家", "年度交易额（万元）": 3500}), row_kind({"企业名称": "3家村电子商务有限公司"})
    ('total', 'project')
    """
    labels = tuple((c, values.get(c)) for c in LABEL_COLUMNS)
    try:   # a refresh reads the table's rows several times: each row's labels are read once
        return _row_kind_of(tuple((v.__class__, v) for _c, v in labels), labels, load())
    except TypeError:   # a cell value that cannot be a key
        return _row_kind(labels)


@lru_cache(maxsize=16384)
def _row_kind_of(_key: tuple, labels: tuple, _rules: Rules) -> str:
    return _row_kind(labels)


def _row_kind(labels: tuple[tuple[str, Any], ...]) -> str:
    texts = [(c, v, plain(v)) for c, v in labels]        # each label cell made plain once (the refresh's hot path)
    if any(_total_plain(t) for _, _, t in texts):
        return "total"
    if any(isinstance(v, str) and t.startswith(FILLER_LEADS) for _, v, t in texts):
        return "other"
    if sum(isinstance(v, str) and _header_of_plain(simplified_words(t)) == c for c, v, t in texts) >= 2:
        return "other"       # the header again: its second row (titles merged down), or repeated for each page
    name = normalize(dict(labels).get("企业名称"))
    if is_placeholder(name):
        return "other"       # "无" or "/" typed in a row of the form left for a type the city has no project of
    if _column_numbers(labels):
        return "other"       # the 栏次 row under the header (1, 2, 3 …): column numbers, no company is a number
    if counted_name(dict(labels).get("企业名称")):
        return "other"       # =COUNTA(D4:D9) typed under 企业名称 (6 as Excel saves it): a count, no company
    if any(_bare_count(c, t) for c, _, t in texts):
        return "total"       # "3家" typed alone under 企业名称 on the 合计 row: the city's count, no company
    if name and len(name) <= 16 and type_heading(next(t for c, _, t in texts if c == "企业名称")):
        return "other"       # 一、示范园区 typed in the 企业名称 column: a heading over the projects of a type
    if name.startswith(SECTION_LEADS):
        return "other"       # 以下为县区补报项目 typed in the 企业名称 column of a row inserted over later projects
    if len(name) <= 16 and not normalize(dict(labels).get("序号")) and place_heading(name):
        return "other"       # 一、红花岗区 typed in the 企业名称 column over its projects: a county names no company
    return "project" if name else "other"


_NUMBER_FORMULA = re.compile(r"=\s*(?:_xlfn\.)?(?:COUNT|COUNTA|COUNTIFS?|COUNTBLANK|SUM|SUMIFS?|SUBTOTAL|AGGREGATE|"
                             r"SUMPRODUCT|ROWS?|MAX|MIN|AVERAGE|ROUND|INT|LEN)\s*\(", re.I)


def counted_name(value: Any) -> bool:
    """A 企业名称 cell holding a number or a formula whose result is one (=COUNTA(D4:D9), =COUNTIF(F4:F9,"基地"),
    =SUM(…), =D5+1): a clerk's count, no company's name — alike whether its formula is read (a refresh) or the
    number Excel saved for it (a merge). A reference alone (=Sheet2!B3: a summary built from references) may name one.

    >>> [counted_name(v) for v in (6.0, 2, '=COUNTIF(F4:F9,"基地")', "=counta(D4:D9)", "=D5+1", "=Sheet2!B3", "6家村公司", True)]
    [True, True, True, True, True, False, False, False]
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    if not isinstance(value, str) or not value.startswith("="):
        return False
    if _NUMBER_FORMULA.match(value):
        return True
    formula = parse(value)
    return formula is not None and [kind for kind, _ in formula.tokens] != ["ref"]


_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.])")
_TYPE_PREFIX = re.compile(r"^(?:示范|电子商务|电商)+")
_HEADING_COUNT = re.compile(":?" + _COUNT + "$")   # "园区类2个", "企业类:3项"
_BARE_COUNT = re.compile(_N)   # "3家", "4个项目": a count alone


def _bare_count(column: str, text: str) -> bool:
    """A count typed alone under 企业名称 ("3家", plain): the city's count of its projects on its 合计 row."""
    return column == "企业名称" and text[:1].isdigit() and bool(_BARE_COUNT.fullmatch(text))


def type_heading(text: str) -> str:
    """The type (园区 / 基地 / 企业 / 团队) “一、示范园区”, “（二）电商企业”, “示范直播团队（2个）” head: a project type with an
    ordinal, a count or 类 — no company's name (“都匀毛尖直播基地” names its type too, but is more than it); '' else.

    >>> [type_heading(plain(t)) for t in ("一、示范园区", "（二）电商企业", "示范直播团队（2个）", "园区类", "都匀毛尖直播基地")]
    ['园区', '企业', '团队', '园区', '']
    >>> [type_heading(plain(t)) for t in ("园区类2个", "基地类：1个", "二、企业类 3项", "团队1号直播间")]
    ['园区', '基地', '企业', '']
    """
    return _type_heading_in(text, load())


@lru_cache(maxsize=4096)   # each company's name, asked by every reading of the table a refresh makes
def _type_heading_in(text: str, rules: Rules) -> str:
    rest = _NOTE.sub("", _ORDINAL.sub("", _HEADING_COUNT.sub("", text))).removesuffix("类").removesuffix("项目")
    bare = _TYPE_PREFIX.sub("", rest)
    tid = rest and (rules.type_id(rest) or rules.type_id(bare))
    return rules.types[tid].short if tid else next((t.short for t in rules.types.values() if rest and t.short == bare), "")


def source_label(value: Any) -> str:
    """A 来源文件 as the tool writes it on every system, with forward slashes: a summary refreshed on Windows by an
    earlier version holds 申报表\\园区.xlsx, the same file.

    >>> source_label("申报表\\南明区\\园区.xlsx"), source_label("遵义市汇总表.xlsx/园区.xlsx"), source_label(None)
    ('申报表/南明区/园区.xlsx', '遵义市汇总表.xlsx/园区.xlsx', '')
    """
    return "" if value in (None, "") else str(value).replace("\\", "/")


# "无", "暂无项目", "本类无", "无数据", and a round with none: "本轮无推荐项目", "本市（州）暂无符合条件的项目" (not 无锡…公司)
_PLACEHOLDER_WORDS = re.compile(r"空白?|无数据|(?:本(?:轮|次|批次?|期|类|市州?|州|区|县))?[暂均尚]?无(?:新增|推荐|申报|上报|报送|"
                                r"符合条件的?|达标的?)*(?:示范)?(?:项目|企业|单位)?(?:申报|推荐|上报)?")
_PLACEHOLDER_MARKS = re.compile(r"[\s/\\\-—–_~～.。·*×xX()（）]*")


def place_heading(name: str) -> bool:
    """A 县（区） or 市（州） alone, as a heading over its projects ("一、红花岗区", "（二）仁怀市（3个）", "遵义市"): no company
    is named so (a company's name goes on after its place).

    >>> [place_heading(n) for n in ("一、红花岗区", "（二）仁怀市（3个）", "遵义市", "黔东南州", "红花岗区甲电商", "甲公司")]
    [True, True, True, True, False, False]
    """
    rest = _NOTE.sub("", _ORDINAL.sub("", _HEADING_COUNT.sub("", plain(name))))
    cities = F.CITIES
    return bool(rest) and bool(division_city(rest) or rest in cities or rest in _city_shorts(cities))


@cache
def _city_shorts(cities: tuple[str, ...]) -> frozenset[str]:
    return frozenset(c.rstrip("市州") for c in cities)


def is_placeholder(name: str) -> bool:
    """A 企业名称 cell that names no company: blank, or what a clerk types in a row of the form left for a type the city
    has no project of ("无", "/", "——", "暂无", "（空）"), or a round it recommends none in ("本轮无推荐项目").

    >>> [is_placeholder(n) for n in ("", "无", " / ", "——", "（空）", "暂无项目", "无锡电商有限公司", "空港电商", "X")]
    [True, True, True, True, True, True, False, False, True]
    """
    return bool(_PLACEHOLDER_MARKS.fullmatch(name) or _PLACEHOLDER_WORDS.fullmatch(_PLACEHOLDER_MARKS.sub("", name)))


def nameless_project(values: dict[str, Any]) -> bool:
    """A row typed as a project (an amount and what describes a project: 县区, 项目类型, 联系人 …) whose 企业名称 is
    blank: no total can count it under a name, so it is said rather than dropped. A 合计 row without its label
    has amounts only; one whose label stands in another column (合计 typed under 企业地址 or 电话) is no project.

    >>> nameless_project({"企业地址": "合 计", "年度交易额（万元）": 3000}), nameless_project({"县区": "汇川区", "电话": 1})
    (False, False)
    >>> nameless_project({"县区": "汇川区", "项目类型": "企业", "年度交易额（万元）": 3000})
    True
    >>> nameless_project({"企业名称": "无", "县区": "汇川区", "年度交易额（万元）": 3000})
    True
    >>> nameless_project({"企业名称": "/", "县区": "/", "项目类型": "/", "年度交易额（万元）": "/"})
    False
    """
    name = normalize(values.get("企业名称"))
    place = bool(name) and place_heading(name)      # "红花岗区" over its projects, a project typed on its row
    # a count =COUNTA(…) typed on a project's row: said, not dropped (the 栏次 row 1, 2, 3, 4 … is none)
    counted = counted_name(values.get("企业名称")) and not _column_numbers(tuple((c, values.get(c)) for c in LABEL_COLUMNS))
    if not (place or counted or is_placeholder(name)) or row_kind(values) == "total":
        return False
    if any(isinstance(v, str) and _total_plain(plain(v)) for v in values.values()):
        return False     # a blank-named row only (the rare one): each of its few cells read once
    described = ("县区", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人", "电话")
    return (any(values.get(c) not in (None, "") and not (isinstance(values[c], str) and is_placeholder(normalize(values[c])))
                for c in ("年度交易额（万元）", "年度网络零售额（万元）"))
            and (any(not is_placeholder(normalize(values.get(c))) for c in described)
                 or (bool(name) and not place and not counted)))    # "无" typed as its name: a project's row, not a 合计


def type_of(text: Any, rules: Rules | None = None) -> AppType | None:
    """The project type (park/base/enterprise/team) of what people write in 项目类型 (示范园区, 电商直播基地,
    示范直播团队 …); None if unknown. The one reading of 项目类型 wherever rows are matched, counted or ranked.

    >>> [str(type_of(t)) for t in ("电商直播基地", "项目类型：示范企业", "园区企业", "其他")]
    ['base', 'enterprise', 'park', 'None']
    >>> [str(type_of(t)) for t in ("电商产业园", "电子商务产业园区", "示范电商产业园", "产业园", "农业产业园", "产业园直播基地")]
    ['park', 'park', 'park', 'park', 'park', 'base']
    """
    t = plain(text)
    if not t:
        return None
    rules = rules or load()
    tid = rules.type_id(t) or rules.type_id(_NOTE.sub("", t)) or rules.type_id(_TYPE_PREFIX.sub("", t))
    if tid:
        return tid
    # a short name inside other words; 企业 last, since "园区企业" names a park
    ids = sorted(rules.types, key=lambda i: i == AppType.ENTERPRISE)
    return next((i for i in ids if rules.types[i].short in t), None) or next(   # then a longer name: 农业产业园
        (i for i in ids for a in rules.types[i].aliases if len(a) > 2 and not a.isascii() and a in t), None)


def full_marks(type_text: Any, rules: Rules | None = None) -> float | None:
    """The 附件5 total of the project type a row names (园区、基地 120 with 开放创新, 企业、团队 100); None: unknown."""
    rules = rules or load()
    t = type_of(type_text, rules)
    return float(rules.types[t].total) if t else None


def most_marks(type_text: Any = None, rules: Rules | None = None) -> float:
    """The most a project of the type a row names can score (:func:`full_marks`); for a row whose 项目类型 is blank
    or unknown, what no project of any type can score above."""
    rules = rules or load()
    known = full_marks(type_text, rules)
    return known if known is not None else float(max(t.total for t in rules.types.values()))


def type_short(text: Any, rules: Rules | None = None) -> str:
    """园区 / 基地 / 企业 / 团队 (CONTRACT §3) from what people write; '' if unknown."""
    rules = rules or load()
    return _remembered(_type_short, text, rules)


def _type_short(text: Any, rules: Rules) -> str:
    tid = type_of(simplified_words(text) if isinstance(text, str) else text, rules)   # 園區 is 园区
    return rules.types[tid].short if tid else ""


def nature_short(text: Any) -> str:
    """国企 / 民企 (附件4's 企业性质, CONTRACT §3) from what people write, read as the forms' 运营机构类型 is (its
    choices and the year file's words for them); '' for anything else (其他, a typo).

    >>> nature_short("民营企业"), nature_short(" 国有或国有控股企业 "), nature_short("其他（集体企业）"), nature_short("国有独资")
    ('民企', '国企', '', '国企')
    """
    if not isinstance(text, str):
        return ""
    return _remembered(_nature_short, text, load())


def _nature_short(text: str, rules: Rules) -> str:
    from .nature import NATURE  # start-up: only a merge reads a city's 企业性质
    from .values import parse_choice

    field = rules.fields["sb_operator_type"]
    return NATURE.get(parse_choice(simplified_words(text), field.choices, field.aliases).value, "")   # 國企 is 国企


# (function, rules' id, text) → (rules, its answer): a summary has a few spellings of a type or 企业性质 in thousands of
# lookups at each refresh; the rules kept with it, since an id is only unique while its object lives
_SHORT: dict[tuple[Any, int, str], tuple[Rules, str]] = {}


def _remembered(short, text: Any, rules: Rules) -> str:
    key = (short, id(rules), text) if type(text) is str else None
    hit = _SHORT.get(key) if key else None
    if hit is not None and hit[0] is rules:
        return hit[1]
    answer = short(text, rules)
    if key and len(_SHORT) < 10_000:
        _SHORT[key] = (rules, answer)
    return answer


def city_in(text: Any) -> str:
    """The 市（州） a text names (贵阳, 黔东南苗族侗族自治州, 贵安 …); '' if none.

    >>> city_in("贵安汇总表"), city_in("贵阳"), city_in("州本级")
    ('贵安新区', '贵阳市', '')
    """
    t = simplified_place(plain(text))   # "貴陽市"
    for c in F.CITIES:
        if c in t or c.rstrip("市州") in t or c.removesuffix("新区") in t:   # 贵安 as 贵阳 is said for 贵安新区
            return c
    return ""


def row_city(text: Any) -> str:
    """The 市（州） a summary row's 市（州） cell names: the 市（州） itself ("贵阳", "黔东南苗族侗族自治州"), or the one a
    county-level division typed there lies in ("凯里市" → 黔东南州); '' when it names neither ("州本级")."""
    return city_in(text) or division_city(text)


# 贵安新区 is no county's 市（州）: its area lies in counties of 贵阳市 and 安顺市 (花溪区, 清镇市, 平坝区, 西秀区), so
# those and 贵安新区 are not compared with each other; a county of any other 市（州） is
_ACROSS_COUNTIES = {"贵安新区": ("贵阳市", "安顺市")}


def county_elsewhere(city: Any, county: Any) -> str:
    """The other 市（州） a 县（区） lies in ("南明区" under 遵义市 → 贵阳市), a county or one typed with its 市（州） before it
    ("遵义市汇川区", "贵州省黔南州都匀市"); '' when it lies in ``city``, names none or ``city`` is not known. The province
    counts a project by its 市（州） (附件4), so a county of another is said, not silently counted for the wrong city."""
    city = normalize(city)
    of = (division_city(county) or city_in(county)) if city and county else ""
    if of in _ACROSS_COUNTIES.get(city, ()) or city in _ACROSS_COUNTIES.get(of, ()):
        return ""
    return of if of != city else ""


def county_said(county: Any, of: str) -> str:
    """How a message says the 县（区） of :func:`county_elsewhere` and its 市（州） ``of``: "“汇川区”属于遵义市", or
    "为“贵安新区”" where the county names that 市（州） itself (not "“贵安新区”属于贵安新区")."""
    county = normalize(county)
    return f"为“{county}”" if county.replace(" ", "").startswith(of) else f"“{county}”属于{of}"


def city_rank(city: Any) -> int:
    """A 市（州）'s place in the official order of Guizhou's 市（州） (the year file's list: 贵阳市, 遵义市, 六盘水市 …),
    as the province's table and figures list them; what names none comes after them all.

    >>> [city_rank(c) for c in ("贵阳市", "安顺市", "黔东南苗族侗族自治州", "", None)]
    [0, 3, 6, 10, 10]
    """
    own = city_in(normalize(city)) if city else ""
    cities = F.CITIES
    return cities.index(own) if own in cities else len(cities)
