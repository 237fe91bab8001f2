"""The logic of the Excel formulas SB_… (``udfs/shibai_udfs.py`` only wraps these).

Plain Python, testable without Excel. Each function calls the same engine code
as the command line and returns a value or a Chinese message starting with
``错误：`` — never raises (a formula must not show a Python traceback). A blank
input gives a blank result ("").

>>> amount("3.5亿", "万元"), amount(3.5, "亿元"), amount("约3000万")
(35000.0, 35000.0, '错误：金额不是确切数字（含“约”），请填写确切金额')
>>> threshold("园区", "交易额"), threshold("team", "直播销售额")
(30000.0, 500.0)
>>> upload_name("贵阳", "贵州黔货电子商务有限公司", "企业")
'贵阳市贵州黔货电子商务有限公司2024年十百千万工程示范项目示范企业申报资料.pdf'
"""
from __future__ import annotations

import functools
import inspect
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from ..engine import fields as F
from ..engine.application import Application, RawField, ResidentTable
from ..engine.check import check
from ..engine.fmt import fmt, typed
from ..engine.parse import dates, format_units, phone
from ..engine.parse import uscc as uscc_parse
from ..engine.parse.dated_figures import dated_figure, typed_date
from ..engine.parse.number import parse_amount
from ..engine.parse.result import is_blank
from ..engine.parse.text import EXCEL_ERRORS, ExcelError, normalize, one_line, safe_cell_text
from ..engine.resident_header import (
    RESIDENT_COLUMNS,
    UNIT_LINE_ROWS,
    column_numbers,
    columns_alike_said,
    header_continuation,
    header_key,
    in_unit,
    is_filler_line,
    is_list_header,
    is_list_total,
    is_section_heading,
    list_amount_unit,
    list_end_said,
    read_once,
    repeats_header,
)
from ..engine.residents import NAME, RETAIL, STAFF, TRADE, closing_total, hidden_among, hidden_rows_named, list_findings
from ..engine.summary_table import type_of
from ..engine.upload_name import names_no_company
from ..engine.upload_name import upload_name as _upload_name
from ..engine.values import as_percent_shown, parse_choice, parse_field, parse_text
from ..errors import ShibaiError, why
from ..rules import Rules, Severity, Status, forget_if_edited, load
from .udf_merges import merges_said
from .udf_struck import struck_rows
from .udf_units import units_shown

ERROR = "错误："
TYPES_HINT = "园区、直播基地、企业、直播团队（或 park、base、enterprise、team）"
UNITS = {"元": "元", "万元": "万元", "万": "万元", "亿元": "亿元", "亿": "亿元"}
# A metric is named as its field is (交易额, 网络零售额, 直播销售额, 销售额: Field.metric); people also write these.
METRIC_ALIASES = {"零售额": "网络零售额", "销售收入": "销售额"}
YEARS_METRICS = ("成立年限", "成立时间")
# The conditions SB_ELIGIBLE has arguments for; 注册地、主体、信用、统计期、名单和材料 are checked on the 申报表.
ASKED_TOPICS = ("age", "threshold")
UNREADABLE_ANSWER = ("FIELD_CHOICE", "FIELD_AMOUNT", "FIELD_DATE")   # an answer given that cannot be read
ANY_UNIT = ""       # no form's unit: any unit a cell's format paints is read as shown
CELL_MAX = 32767   # characters an Excel cell shows; a longer formula result is #VALUE!
QUOTE_MAX = 60     # characters of a person's value quoted in a message (as the findings quote it)
FIGURES = (STAFF, TRADE, RETAIL)   # the 附件3 columns summed
DUPLICATES_NAMED = 10   # companies SB_RESIDENTS names as 重复企业 before saying how many in all
HEADER_SCAN = 40   # rows of a selected range searched for the 附件3 header (title rows, a whole column A:K)
# the arguments that take a range (SB_SCORE's names and values, SB_RESIDENTS' list); every other is one value
TAKES_RANGES = {"score": ("names", "values"), "residents": ("table", "shown")}
ONE_CELL = "每个参数只能是一个单元格或一个值，不能选一个区域或整列（如 A:A）；请改为单个单元格，如 A2，再向下填充"
# names a 申报表 defines that hold no answer (none is a field's): the tool's 评分 and 校验结果 cells, the 附件3 list's
# 填报园区/填报人 lines, the template's type and year
NOT_ANSWERS = ("sb_score_", "sb_result_", "sb_res_", "sb_type", "sb_year")
RESIDENTS_LABELS = ("家数", "从业人数合计", "年度网络交易额合计（万元）", "年度网络零售额合计（万元）", "重复企业",
                    "数据有误（处）")


def error(text: str) -> str:
    return ERROR + text


@dataclass(frozen=True)
class RowsShown:
    """What Excel tells of a list's range beyond its values (the Excel wrapper asks it; a value given without a
    range tells nothing): ``hidden(a, b)`` is True when rows a…b of the range (1-based) are all hidden — a filter
    left on, hidden by hand — False when none is, anything else when mixed; ``top`` is the sheet row of the
    range's first row; ``sheet_hidden``: the range is on a hidden sheet; ``above``: the sheet's rows just above the
    range (a "金额单位：元" line over a list selected from its header row, as docs/addin.md says to select it);
    ``table_end(row)``: the sheet row the Excel table (ListObject) whose header is on sheet row ``row`` ends on, None
    where no table's header is (the rows under a table are read while not blank, as the file reader reads them);
    ``formats(a, b, c)``: the number format rows a…b of the range's column c share (Range.NumberFormat), None when
    they differ (a 万元 figure painted 0.00"亿元" is read as it shows, as check reads it); ``merged``/``merge_area``:
    which of the list's cells are merged over rows (:func:`.udf_merges.merges_said`); ``struck(a, b, c)``: Range.Font.
    Strikethrough of those rows of column c (:func:`.udf_struck.struck_rows`); ``hidden_column(c)``: the range's column c
    is hidden (asked only of a 附件3 column given twice: the one shown is read, as check reads it)."""
    hidden: Callable[[int, int], Any]
    top: int = 1
    sheet_hidden: bool = False
    above: Sequence[Any] = ()
    table_end: Callable[[int], int | None] | None = None
    formats: Callable[[int, int, int], Any] | None = None
    merged: Callable[[int, int, int], Any] | None = None
    merge_area: Callable[[int, int], tuple[int, int, str]] | None = None
    struck: Callable[[int, int, int], Any] | None = None
    hidden_column: Callable[[int], Any] | None = None


@dataclass(frozen=True)
class FormatsShown:
    """The number format of a cell of a range (the Excel wrapper asks it; a value given without a range tells
    nothing): ``at(r, c)`` (1-based within the range) is Excel's NumberFormat, None where it cannot be told."""
    at: Callable[[int, int], Any]


def _shown(arg: Any) -> tuple[Any, FormatsShown | None]:
    """A range argument as the wrapper hands it: (values, what Excel shows of them), or its values alone."""
    if isinstance(arg, tuple) and len(arg) == 2 and isinstance(arg[1], FormatsShown):
        return arg
    return arg, None


def _never_raises(fn: Callable[..., Any]) -> Callable[..., Any]:
    ranges = TAKES_RANGES.get(fn.__name__, ())
    signature = inspect.signature(fn)
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            forget_if_edited()   # Excel's formula server outlives an edit of the year file: never the old rules
            args, kwargs = _without_blank_tail(args, kwargs)
            if all(_all_blank(a) for a in (*args, *kwargs.values())):
                return ""      # a formula filled down over empty rows shows nothing (docs/addin.md)
            given = signature.bind(*args, **kwargs).arguments
            if any(isinstance(v, (list, tuple)) for name, v in given.items() if name not in ranges):
                return error(ONE_CELL)   # a whole column (A:A) or a range given where one value is asked (SB_SCORE's type)
            args, kwargs = as_file_reads(args), {k: as_file_reads(v) for k, v in kwargs.items()}
            out = fn(*args, **kwargs)
        except ShibaiError as e:   # a refusal (the year file SHIBAI_RULES names cannot be read): its own words
            return error(str(e))
        except Exception as e:  # a formula shows a message, never a traceback
            return error(f"无法计算（{why(e)}），请检查参数")
        if isinstance(out, float) and not math.isfinite(out):
            return error("数值过大，无法计算")
        if any(isinstance(v, str) and len(v) > CELL_MAX for v in _flat(out)):   # Excel would show #VALUE!
            return error(f"结果超过一个单元格能显示的{CELL_MAX}个字符，请缩小区域或缩短内容")
        return safe_result(out)
    return wrapper


def _blank_tail(value: Any) -> int:
    """How many of a range's last rows (or a row's last cells) are empty: a whole column (A:A, A:K) comes as its
    1 048 576 rows, nearly all empty, which took the formula seconds to go through."""
    if not isinstance(value, list):
        return 0
    n = 0
    for row in reversed(value):
        if not (row is None or (isinstance(row, list) and row.count(None) == len(row)) or _all_blank(row)):
            break
        n += 1
    return n


def _without_blank_tail(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The arguments without the empty rows at the end of their ranges (each range without as many rows as all of
    them end with: SB_SCORE's names and values keep their lengths' difference, said when they differ)."""
    def values(arg: Any) -> Any:
        return arg[0] if isinstance(arg, tuple) and len(arg) == 2 and isinstance(arg[1], (RowsShown, FormatsShown)) \
            else arg
    given = [*args, *kwargs.values()]
    ranges = [values(a) for a in given if isinstance(values(a), list)]
    if not ranges:
        return args, kwargs
    cut = min(_blank_tail(r) for r in ranges)
    if not cut:
        return args, kwargs

    def trimmed(arg: Any) -> Any:
        v = values(arg)
        if not isinstance(v, list):
            return arg
        return (v[:len(v) - cut], arg[1]) if v is not arg else v[:len(v) - cut]
    return tuple(trimmed(a) for a in args), {k: trimmed(v) for k, v in kwargs.items()}


def as_file_reads(value: Any) -> Any:
    """An argument as ``shibai check``'s reader gives the cell: a date without a time is a ``date`` (Excel's COM and
    xlwings hand a date cell as a moment, 2024-01-01 00:00:00, which was quoted so and put into SB_UPLOAD_NAME's file
    name with its time); a range's values likewise, what Excel tells of it beside them kept."""
    if isinstance(value, datetime) and value.time() == time(0) and value.tzinfo is None:
        return value.date()
    if isinstance(value, (list, tuple)):
        return type(value)(as_file_reads(v) for v in value)
    return value


def _quote(value: Any) -> str:
    """A person's value quoted back in a message, cut short (a message must fit a cell)."""
    text = typed(value)
    return text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX - 1] + "…"


def safe_result(out: Any) -> Any:
    """What a formula shows is never text Excel would take for a formula (a duplicate company named
    "=HYPERLINK(…)" in SB_RESIDENTS): such text gets a leading ', as in the workbooks the tool writes."""
    if isinstance(out, list):
        return [safe_result(v) for v in out]
    return safe_cell_text(out)


def _all_blank(value: Any) -> bool:
    if isinstance(value, (RowsShown, FormatsShown)):   # what Excel tells of a range beyond its values
        return True
    if isinstance(value, (list, tuple)):
        return all(_all_blank(v) for v in value)
    return is_blank(value)


def _answer(value: Any) -> str:
    """An answer as it reads: 10 and "10", "是" and " 是" are one answer."""
    return fmt(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else normalize(value)


def _number(value: Decimal) -> float:
    return float(value)


def _type(text: Any, rules: Rules) -> str | None:
    """The type as 项目类型 is read wherever the tool reads it (the notice's 电商产业示范园区, a summary's 电商直播基地)."""
    return type_of(text, rules)


@_never_raises
def amount(value: Any, unit: Any = "万元") -> float | str:
    """An amount as typed (3.5, "3.5亿", "3500万元", "叁亿") in 万元; ``unit`` is the unit the cell is in."""
    field_unit = UNITS.get(str(unit or "万元").strip())
    if field_unit is None:
        return error("单位应为 元、万元 或 亿元")
    value, doubt = _shown_figure(value, field_unit)
    if doubt:   # 8000 painted 0,"万元" shows 8万元: check reads the 8000 typed and says it may be wrong (待定)
        return error(doubt)
    p = parse_amount(_figure(value), field_unit)
    if p.blank:
        return ""
    if p.error:    # "15%" (or 0.15 in a cell painted 0%): “15%”是百分比，不是金额, not 金额是百分比
        return error(f"“{typed(value)}”{p.error}" if p.error.startswith("是百分比") else "金额" + p.error)
    return _number(p.value)


def _figure(value: Any) -> Any:
    """An amount Excel hands from a cell painted with a date format (4200 shown 1911/7/1, the format painter) as
    ``shibai check`` reads that cell: the number it holds; a date a person typed there (2024/1/1) stays a date, which
    check takes no figure from either. Any other value is itself.

    >>> _figure(datetime(1911, 7, 1)), _figure(datetime(1899, 12, 30, 12)), _figure(datetime(2024, 1, 1)), _figure("3亿")
    (4200, 0.5, datetime.datetime(2024, 1, 1, 0, 0), '3亿')
    """
    read = from_excel(value)    # 0.5 in a time format, 60 (1900/2/29): the number itself
    number, dated = dated_figure(read, isinstance(value, date) and isinstance(read, (int, float)))
    return number if dated and not typed_date(number) else value


def error_value(value: Any) -> Any:
    """``value`` as the file reader hands a cell over: "#N/A" (xlwings' err_to_str: the cell holds an error value)
    as an ExcelError, which the engine names as such (“是 Excel 错误值…”); any other value is itself."""
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        return ExcelError(value.strip())
    return value


@_never_raises
def uscc(code: Any) -> str:
    """The 统一社会信用代码 in compact form, or what is wrong with it."""
    p = uscc_parse.parse(error_value(code))
    if p.blank:
        return ""
    if p.error:
        return error("统一社会信用代码" + p.error)
    return p.value


@_never_raises
def region(code: Any) -> str:
    """The 市（州） a 统一社会信用代码 was registered in (positions 3–8)."""
    p = uscc_parse.parse(error_value(code))
    if p.blank:
        return ""
    if p.error:
        return error("统一社会信用代码" + p.error)
    common = load().common
    div, _, city = uscc_parse.region(p.value)
    if not uscc_parse.is_guizhou(p.value, common.region_prefix):
        return error(f"登记机关行政区划码{div}不是贵州省（52开头）的代码")
    if not uscc_parse.known_guizhou(p.value, common.region_zone_codes):   # the same test as 前置条件 (ELIG_REGION)
        return error(f"登记机关行政区划码{div}以52开头，但不是贵州省现行或已撤销的行政区划码")
    return city


@_never_raises
def mobile(text: Any) -> str:
    """An 11-digit mobile number without spaces, dashes or +86 (two typed into one cell: both, joined by 、)."""
    p = phone.parse_mobile(text)
    if p.blank:
        return ""
    if p.error:
        return error("手机号" + p.error)
    return p.value


@_never_raises
def threshold(app_type: Any, metric: Any) -> float | int | str:
    """The 前置条件 threshold of a project type, in 万元 (成立年限: in years)."""
    rules = load()
    t = _type(app_type, rules)
    if t is None:
        return error("类型应为" + TYPES_HINT)
    m, unit = _metric(metric)
    if unit and unit != ("年" if m in YEARS_METRICS else "万元"):
        return error(f"门槛金额以万元计（成立年限以年计），不能按“{unit}”给出；指标请写“{m}”")
    if m in YEARS_METRICS:
        return rules.types[t].min_years
    by_metric = _metrics(rules)
    field = by_metric.get(METRIC_ALIASES.get(m, m))
    if field is None:
        return error("指标应为 " + "、".join(by_metric) + " 或 成立年限")
    for th in rules.types[t].thresholds:
        if th.field == field:
            return float(th.value)
    return error(f"{rules.types[t].label}的前置条件没有“{m}”门槛")


def _metric(metric: Any) -> tuple[str, str]:
    """A metric as typed, or as a 项目汇总表 (附件4) column's header names it — "(202x年x月-202x年x月) 年度交易额
    （万元）" — : its name without 年度 and the period, and the unit written after it ("" where none is)."""
    text = "".join(normalize(metric).split())
    text = re.sub(r"^\([^()]*\)", "", text)          # the printed (202x年x月-202x年x月)
    unit = re.search(r"\(([^()]*)\)$", text)
    if unit:
        text = text[:unit.start()]
    return text.removeprefix("年度"), unit.group(1) if unit else ""


def _metrics(rules: Rules) -> dict[str, str]:
    """交易额 → sb_trade_total …: the amounts any type's 前置条件 sets a threshold on."""
    names = dict.fromkeys(th.field for pt in rules.types.values() for th in pt.thresholds)
    return {rules.fields[n].metric: n for n in names}


def __getattr__(name: str) -> Any:
    if name == "METRICS":   # every metric name SB_THRESHOLD accepts → its field, under the rules in force
        metrics = _metrics(load())
        return {**metrics, **{alias: metrics[m] for alias, m in METRIC_ALIASES.items() if m in metrics}}
    raise AttributeError(name)


@_never_raises
def eligible(app_type: Any, established: Any, fill_date: Any, trade: Any, retail: Any = None,
             kind: Any = None) -> str:
    """达标 / 不达标 / 待定 for 成立年限 and the amount thresholds, by the engine's own rules.

    ``trade`` is in the form's unit: 园区 年度交易额 in 亿元, the rest in 万元; for a 直播团队
    it is the 年度直播销售额; for a 企业 the 交易额 (平台类) or 销售额 (服务类) per ``kind``
    (without ``kind`` both readings must agree, else 待定). 注册地、信用和统计期 are not
    arguments: they are checked on the 申报表 (检查本申报表).
    """
    rules = load()
    t = _type(app_type, rules)
    if t is None:
        return error("类型应为" + TYPES_HINT)
    ptype = rules.types[t]
    kind_value = None
    if ptype.kind_field and not is_blank(kind):
        # a kind check cannot read (制造类, both printed boxes ticked) is no kind, as check reads it: both readings
        # decide, and where they differ check's 待定 says the 企业类别
        kind_value = parse_choice(kind, ptype.kinds(), rules.fields[ptype.kind_field].aliases).value
    values: dict[str, Any] = {"sb_established": established, "sb_fill_date": fill_date}
    for name in ptype.amount_fields(kind_value):
        values[name] = _given(trade)
    retail_t = ptype.threshold("ELIG_RETAIL")
    if retail_t:
        values[retail_t.field] = _given(retail)
    if ptype.kind_field and (kind_value or not is_blank(kind)):
        values[ptype.kind_field] = kind_value or kind
    result = check(Application.from_values(t, values), rules)
    statuses = {c.status for c in result.eligibility.conditions if c.topic in ASKED_TOPICS}
    if Status.FAIL in statuses:
        return Status.FAIL.value
    if Status.UNKNOWN in statuses or not statuses:
        given = {name for name, value in values.items() if not is_blank(value)}
        unread = [f for f in result.findings if f.code in UNREADABLE_ANSWER and f.field in given
                  and (f.field in result.values.invalid and f.severity == Severity.ERROR
                       or f.field in result.values.doubtful and f.code == "FIELD_AMOUNT")]
        # an argument given that cannot be read (#N/A, “约600万”) or an amount read in doubt (8000 painted 0,"万元")
        # leaves check's 待定 with check's reason (docs/addin.md), not a bare 待定 nor an 错误 check does not say;
        # so does one given as no figure (an enterprise's "/" or "无" on its amount line: check's 未填写)
        amounts = {*ptype.amount_fields(kind_value), *([retail_t.field] if retail_t else [])}
        unread += [f for f in result.findings if f.code == "ELIG_MISSING" and f.field in given & amounts]
        return pending_because(unread[0].message) if unread else Status.UNKNOWN.value
    return Status.PASS.value


def _given(value: Any) -> Any:   # an amount as check is given its cell: with its unit format (amount_as_shown)
    return value if isinstance(value, RawField) else from_excel(value)


def pending_because(reason: str) -> str:
    """SB_ELIGIBLE's 待定 with the reason ``shibai check`` gives for it: 待定（…）."""
    return f"{Status.UNKNOWN.value}（{reason}）"


def amount_as_shown(value: Any, number_format: Any) -> Any:
    """A formula's amount argument as its cell shows it: a number in a cell painted as a percentage (0.15 shown 15%:
    "15%" typed into Excel or WPS) is the percent typed, no amount, said as ``shibai check`` says the file's cell
    (xlwings hands the number alone; the wrapper reads the cell's number format beside it); one in a cell whose format
    paints a unit (0.42 shown 0.42亿元) is the number with its format, read by check's rule (parse/format_units.py) in
    the form's unit where it is used: a format that scales what it shows, or shows 美元, is check's doubt. Else as is.

    >>> [_shown_figure(amount_as_shown(v, c))[0] for v, c in ((0.42, '0.00"亿元"'), (35000, '#,##0"万元"'), (8000, '0,"万元"'))]
    ['0.42亿元', '35000万元', 8000]
    """
    if isinstance(number_format, str) and "%" in number_format:
        return as_percent_shown(value)
    if format_units.unit_shown(number_format) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return RawField(value, unit_format=number_format)
    return value


def _shown_figure(value: Any, unit: str = ANY_UNIT) -> tuple[Any, str | None]:
    """(the figure as its cell shows it, what check says of a reading it doubts) of an amount argument in ``unit``."""
    if not isinstance(value, RawField):
        return value, None
    read, said, doubt = format_units.shown_reading(value.value, value.unit_format, unit, None)
    return read, said if doubt else None


def as_shown(value: Any, number_format: Any) -> Any:
    """A formula's date argument as its cell shows it: a date formatted without the day (yyyy"年"m"月", yyyy-mm) is
    the month the person typed ("2021年3月" became 2021-03-01), as ``shibai check`` reads the same cell in the file
    (xlwings hands the formula the date alone; the wrapper reads the cell's number format beside it). A date before
    1900-03-01 is the number the cell holds (0, 0.5, 60: no date), as check quotes it (:func:`dates.open_book_serial`)."""
    value = dates.open_book_serial(value)
    if not isinstance(value, date) or not isinstance(number_format, str):
        return value
    return dates.as_shown(value, dates.date_shows(number_format))


def _flat(values: Any) -> list[Any]:
    if isinstance(values, (list, tuple)):
        out = []
        for v in values:
            out += _flat(v)
        return out
    return [values]


def _cells(values: Any) -> list[tuple[Any, tuple[int, int]]]:
    """Each value of a range with its place in it (row, column; 1-based)."""
    rows = values if isinstance(values, (list, tuple)) else [values]
    out = []
    for r, row in enumerate(rows, 1):
        out += [(v, (r, c)) for c, v in enumerate(_flat(row), 1)] if isinstance(row, (list, tuple)) else [(row, (r, 1))]
    return out


def _pairs(names: Any, values: Any) -> list[tuple[Any, Any, tuple[int, int]]] | str:
    """(name, value, the value's place in the range holding it) for each answer given."""
    if values is None:
        rows = names if isinstance(names, (list, tuple)) else [names]
        if not all(isinstance(r, (list, tuple)) and len(r) == 2 for r in rows):
            return error("请选择两列的区域（定义名称 | 值），或分别给出名称区域和值区域")
        return [(r[0], r[1], (i, 2)) for i, r in enumerate(rows, 1)]
    n, v = _flat(names), _cells(values)
    if len(n) != len(v):
        return error(f"名称区域有{len(n)}格，值区域有{len(v)}格，应一样多")
    return [(name, value, at) for name, (value, at) in zip(n, v)]


def _same_answer(field: F.Field, app_type: str, a: RawField, b: RawField) -> bool:
    """Two cells giving one question the same answer: 10 and "10", "是" and TRUE (a checkbox's linked cell), 12 and
    "12家" — as the engine reads each."""
    if _answer(a.value) == _answer(b.value):
        return True
    pa, pb = (parse_field(field, app_type, r.value, r.percent_format) for r in (a, b))
    return not (pa.error or pb.error or pa.blank or pb.blank) and pa.value == pb.value


def _percent_format(formats: FormatsShown | None, at: tuple[int, int], assumed: bool = True) -> bool:
    """Whether a percentage's cell is %-formatted, as ``shibai check`` reads the file's cell (0.6 in a General cell is
    0.6%); where Excel cannot tell (an array constant, no range), the template's: ``assumed`` (% for a percentage)."""
    code = _format_at(formats, at)
    return "%" in code if isinstance(code, str) else assumed


def _format_at(formats: FormatsShown | None, at: tuple[int, int]) -> Any:
    """The number format of the range's cell ``at``; None where Excel cannot tell (an array constant, no range)."""
    try:
        return formats.at(*at) if formats is not None else None
    except Exception:   # a format Excel cannot tell: the template's
        return None


@_never_raises
def score(app_type: Any, names: Any, values: Any = None) -> float | str:
    """The suggested total (附件5) from answers given as defined name → value (sb_has_platform → 是 …)."""
    rules = load()
    t = _type(app_type, rules)
    if t is None:
        return error("类型应为" + TYPES_HINT)
    (names, name_formats), (values, value_formats) = _shown(names), _shown(values)
    pairs = _pairs(names, values)
    if isinstance(pairs, str):
        return pairs
    formats = name_formats if values is None else value_formats
    known = rules.names_for(t) | {m.name for m in rules.materials}   # 材料清单 names are the form's too
    raw: dict[str, RawField] = {}
    for name, value, at in pairs:
        if is_blank(name):
            continue
        key = str(_whole(name)).strip()
        if key not in known and key.startswith(NOT_ANSWERS):   # the whole name list pasted (公式 → 粘贴名称)
            continue
        if key not in known:
            example = next(f for item in rules.rubric(t) for f in item.fields)   # the type's own (sb_has_platform: a park's)
            return error(f"“{_quote(key)}”不是{rules.types[t].label}申报表的定义名称（应为 sb_ 开头的名称，如 {example}）")
        if key not in rules.fields:   # a 材料清单 answer: it decides entry to review, not the score
            continue
        # a percentage comes as Excel stores it, read as its cell shows it (the template formats these cells as %);
        # a count's or a 是/否 cell's number shown as a percentage ("15%" typed, 0.15 stored) is read as check reads it
        kind, number = rules.fields[key].kind, isinstance(value, (int, float)) and not isinstance(value, bool)
        percent = (kind == F.PERCENT and _percent_format(formats, at)) or \
            (kind in F.TYPED_PERCENT and number and _percent_format(formats, at, assumed=False))
        # an amount whose cell paints a unit (80 shown 80万美元) is read as shown, as check reads the file's cell
        code = _format_at(formats, at) if kind in (F.AMOUNT, F.USD) and number else None
        given = RawField(from_excel(value) if rules.fields[key].kind in F.NUMERIC_KINDS else value, percent_format=percent,
                         unit_format=code if format_units.unit_shown(code) else None)
        if key in raw and not _same_answer(rules.fields[key], t, raw[key], given):
            return error(f"“{key}”出现了两次，值不同（“{_quote(raw[key].value)}”和“{_quote(value)}”），请只保留一个")
        raw[key] = given
    result = check(Application.from_values(t, raw), rules)
    scored = {name for item in rules.rubric(t) for name in item.fields}
    unread = [f for f in result.findings if f.code in UNREADABLE_ANSWER and f.field in raw and f.field in scored
              and f.severity == Severity.ERROR]
    if unread:   # an answer a score needs and the engine cannot read would silently score 0: said, as check says it
        return error(unread[0].message)
    return _number(Decimal(str(result.score.auto)))


@_never_raises
def residents(table: Any, shown: RowsShown | None = None) -> list[list[Any]] | str:
    """The 入驻企业名单 (header row + rows) summed: one row per figure, label | value. ``shown``: which of the range's
    rows nobody sees, where Excel can tell — counted, and said as `shibai check` says them (one 数据有误)."""
    rows = table if isinstance(table, (list, tuple)) else [table]
    if not rows or not isinstance(rows[0], (list, tuple)):
        return error("请选择整个入驻企业名单区域（含表头行）")
    # the header row: the first of the range, or the one under the list's title rows (a whole column A:K selected)
    # (the list's header as the file reader finds it, else a row naming 企业名称: its missing columns are said)
    scanned = [r if isinstance(r, (list, tuple)) else () for r in rows[:HEADER_SCAN]]
    top = next((i for i, r in enumerate(scanned) if is_list_header(r)),
               next((i for i, r in enumerate(scanned) if NAME in (header_key(h) for h in r)), 0))
    # the rows above the header, those above the range too: where a "金额单位：元" line is looked for, as the reader does
    above = [r for r in [*(shown.above if shown else ()), *rows[:top]] if isinstance(r, (list, tuple))][-UNIT_LINE_ROWS:]
    rows = rows[top:]
    keys = [header_key(h) for h in rows[0]]
    titles, titled = [str(t or "") for t in rows[0]], [str(t or "") for t in rows[0]]
    first = 1
    below = header_continuation(rows[1], keys.index(NAME) if NAME in keys else None) \
        if len(rows) > 1 and isinstance(rows[1], (list, tuple)) else None
    if below is not None:   # a header typed over two rows (年度网络交易额 merged above （万元）), as the file reader reads it
        read = read_once(keys, rows[0])
        keys = [below[i] if i in below and below[i] not in read else k for i, k in enumerate(keys)]
        titled = [f"{_title_above(rows[0], i)} {rows[1][i]}" if i in below else t for i, t in enumerate(titled)]
        titles = [t + " " + str(rows[1][i] or "") if i < len(rows[1]) else t for i, t in enumerate(titles)]
        first = 2
    shut = _hidden_columns(shown, keys)
    headers = read_once(keys, titled, shut)   # 2022年 and 2023年零售额 (or 2022年度 | 2023年度 over them): the later read
    if len(rows) > first and isinstance(rows[first], (list, tuple)) \
            and column_numbers(rows[first], headers.index(NAME) if NAME in headers else None):
        first += 1          # the 栏次 row (1 2 3 …) under the header, as the file reader leaves it out
    lacking = [h for h in (NAME, STAFF, TRADE, RETAIL) if h not in headers]
    if lacking:
        return error("区域第一行应为附件3表头，缺少列：" + "、".join(lacking))
    labels = [i for i, h in enumerate(headers) if h in ("序号", NAME)]
    name_at = headers.index(NAME)
    seq_at = headers.index("序号") if "序号" in headers else None
    figures_at = [i for i, h in enumerate(headers) if h in FIGURES]
    industry_at = headers.index("所属行业（类型）") if "所属行业（类型）" in headers else None
    units = [list_amount_unit(t, above) if h in (TRADE, RETAIL) else "万元" for t, h in zip(titles, headers)]
    kept: list[dict[str, Any]] = []
    numbers: list[int] = []
    total_rows: list[tuple[int, dict[str, Any]]] = []
    end = _table_end(shown, top)
    gap = ""
    for i, r in enumerate(rows[first:], first):
        if not isinstance(r, (list, tuple)) or all(is_blank(v) for v in r):
            if end is not None and i > end:   # under the table, a blank row ends the list (as the file reader reads)
                gap = _after_gap(rows, i, name_at, labels, shown.top + top if shown else 1)
                break
            continue
        read = {h: _list_cell(h, v, u) for h, v, u in zip(headers, r, units) if h}
        if any(is_list_total(r[j]) for j in labels if j < len(r)) or _industry_total(r, name_at, industry_at):
            total_rows.append((i + 1, {h: read.get(h) for h in FIGURES}))   # compared with the rows
            continue
        closing = next((r[j] for j in labels if j < len(r) and is_filler_line(r[j])), None)
        if closing is not None and (end is None or i > end):   # "以上数据属实" under the list ends it, as check reads
            gap = _after_gap(rows, i, name_at, labels, shown.top + top if shown else top + 1, closing)
            break
        # the header again; "填报园区/基地：" with the park beside it, "填报人：", "注：" — lines printed under the list
        if closing is None and not repeats_header(r, name_at) \
                and not is_section_heading(_at(r, seq_at), _at(r, name_at), [_at(r, j) for j in figures_at]):
            kept.append(read)
            numbers.append(i + 1)
    order, total = list(dict.fromkeys(h for h in headers if h)), closing_total(total_rows, numbers)
    gone, struck = struck_rows(shown and shown.struck, numbers, top, name_at + 1, shown.top if shown else 1)
    body = ResidentTable({h: [row.get(h, "") for row in kept] for h in order}, numbers, None, {}, total).without_rows(gone)
    numbers = body.row_numbers
    painted = units_shown(shown, body, headers, units, top)
    merged = merges_said(shown.merged, shown.merge_area, body, headers, top) if shown is not None else []
    unseen, hidden = _unseen(shown, numbers, top) if shown is not None and numbers else ("", set())
    body.hide(hidden)   # a SUBTOTAL 合计 row leaves them out: no slip, as check reads it
    t, findings = list_findings(body)
    bad_rows = sum(1 for f in findings if f.code == "XC_RESIDENT_ROW")
    notes = [note for note in (*_columns_alike(keys, headers, titled, shut), *painted, *merged, struck, unseen, gap) if note]
    figures = (t.companies, t.staff, _number(t.trade), _number(t.retail),
               _duplicates([name for name, _ in t.duplicates]), bad_rows + len(notes))
    labels = (*RESIDENTS_LABELS[:-1], RESIDENTS_LABELS[-1] + (f"：含{len(notes)}处——" + "；".join(notes) if notes else ""))
    return [[label, value] for label, value in zip(labels, figures)]


def _title_above(line: Sequence[Any], i: int) -> str:
    """The header's first row's title over column ``i``: its own, else the nearest to its left (a merged 2023年度)."""
    return next((str(v) for v in reversed(line[:i + 1]) if not is_blank(v)), "")


def _hidden_columns(shown: RowsShown | None, keys: list[str]) -> set[int]:
    """The indices of the columns of a 附件3 key given twice that Excel says are hidden (last year's 零售额 kept
    beside this year's); asked only then, none where Excel cannot tell."""
    listed = [k for k in keys if k in RESIDENT_COLUMNS]
    if shown is None or shown.hidden_column is None or len(set(listed)) == len(listed):
        return set()
    twice = {k for k in listed if listed.count(k) > 1}
    try:
        return {i for i, k in enumerate(keys) if k in twice and shown.hidden_column(i + 1) is True}
    except Exception:   # a question Excel cannot answer: every column as shown
        return set()


def _columns_alike(keys: list[str], headers: list[str], titles: list[str], shut: set[int]) -> list[str]:
    """What `shibai check` says of each 附件3 column given twice and shown both times (2022年 and 2023年网络零售额 side
    by side): which one is read (:func:`read_once`), which not."""
    def quoted(i: int) -> str:
        return f"“{one_line(titles[i])}”"
    return [columns_alike_said(k, quoted(c), [quoted(o) for o in others]) for c, k in enumerate(headers)
            if k in RESIDENT_COLUMNS and (others := [o for o, x in enumerate(keys) if x == k and o != c and o not in shut])]


def _duplicates(names: list[str]) -> str:
    """The companies listed more than once, named — the first ``DUPLICATES_NAMED`` and how many in all when more
    are (a list pasted twice under itself: thousands, more than a cell holds, which lost the whole result)."""
    if len(names) <= DUPLICATES_NAMED:
        return "、".join(names) or "无"
    return "、".join(_quote(n) for n in names[:DUPLICATES_NAMED]) + f"……等{len(names)}家"


def _table_end(shown: RowsShown | None, top: int) -> int | None:
    """The index (in the range without its ``top`` title rows) of the last row of the Excel table whose header the
    list's header row is; None where there is none, or Excel cannot tell."""
    if shown is None or shown.table_end is None:
        return None
    header_row = shown.top + top
    try:
        last = shown.table_end(header_row)
    except Exception:   # a question Excel cannot answer: the list as its values say
        return None
    return last - header_row if isinstance(last, int) and not isinstance(last, bool) and last >= header_row else None


def _after_gap(rows: Sequence[Any], blank: int, name_at: int, labels: list[int], first_row: int,
               closing: Any = None) -> str:
    """What `shibai check` says of companies typed on under a table after the blank row ``blank`` (an index of
    ``rows``, whose first row is sheet row ``first_row``), or under the line ``closing`` the list on that row ("以上数据
    属实"): not read; "" when no row after it names a company."""
    later = [i for i in range(blank + 1, len(rows)) if isinstance(rows[i], (list, tuple))
             and _names_company(_at(rows[i], name_at)) and not any(is_filler_line(_at(rows[i], j)) for j in labels)]
    if not later:
        return ""
    ended = list_end_said(blank + first_row, None if closing is None else (blank + first_row, closing))
    return (f"{ended}，下面第{later[0] + first_row}行起还有{len(later)}行像是入驻企业，"
            "没有计入（与“检查本申报表”相同；如果它们属于名单，请删去中间的空行或把表格扩展到这些行）")


def _industry_total(r: Sequence[Any], name_at: int, industry_at: int | None) -> bool:
    """A 行业's subtotal labelled in 所属行业 (农产品小计) with no 企业名称 beside it, as the file reader leaves it out."""
    return (industry_at is not None and industry_at < len(r) and is_list_total(r[industry_at])
            and (name_at >= len(r) or is_blank(r[name_at])))


def _names_company(name: Any) -> bool:
    """A 企业名称 cell under a list's end that names a company (not 合计, not a 填报人/注 line, not the header)."""
    return (isinstance(name, str) and not is_blank(name) and not is_list_total(name) and not is_filler_line(name)
            and header_key(name) != NAME)


def _unseen(shown: RowsShown, numbers: list[int], skipped: int) -> tuple[str, set[int]]:
    """(what `shibai check` says of the list's rows nobody sees (XC_RESIDENT_ROW), shortly — "" when none is, or
    Excel cannot tell —, the hidden rows among ``numbers``). ``numbers``: the list's rows (1-based in the range
    without its ``skipped`` title rows)."""
    at = [n + skipped for n in numbers]
    counted = "已照样计入家数和各项合计"
    if shown.sheet_hidden:
        return f"名单所在的工作表是隐藏的工作表，其中{len(at)}行{counted}", set()
    try:
        hidden = hidden_among(shown.hidden, at)
    except Exception:   # a question Excel cannot answer (a closed workbook): the list as its values say
        return "", set()
    if not hidden:
        return "", set()
    named = hidden_rows_named([r + shown.top - 1 for r in hidden])
    return f"第{named}行（{len(hidden)}行）是隐藏的行（筛选或隐藏），{counted}", {r - skipped for r in hidden}


def _at(row: Sequence[Any], i: int | None) -> Any:
    return row[i] if i is not None and i < len(row) else None


def _list_cell(header: str, value: Any, unit: str) -> Any:
    """A cell of the list as the file reader reads it: an error value (#N/A) is blank — a figure's is kept, to be
    said as 数据有误 (the reader says it at its cell) — and an amount in its column's unit."""
    if header not in FIGURES and isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        return None
    value = from_excel(value) if header in FIGURES else _whole(value)
    return value if unit == "万元" else in_unit(value, unit)


def _whole(value: Any) -> Any:
    """A whole number as the file reader gives its cell (12345, not Excel's 12345.0 a formula is handed) — a number
    Excel stores in full (under 15 digits); a longer one is a float in the file too (a USCC typed as a number)."""
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 else value


def from_excel(value: Any) -> Any:
    """A figure Excel hands a formula from a cell painted with a date format — COM's moment, counted from 1899-12-30
    — as the file reader gives that cell (35 is Excel's 1900-02-04, not 02-03): the engine reads its number, as
    ``shibai check`` does (parse/dated_figures.py). Any other value is itself."""
    return dates.open_book_serial(value) if isinstance(value, date) else value


@_never_raises
def upload_name(city: Any, company: Any, app_type: Any) -> str:
    """The scanned PDF's name the notice asks for: 市（州）+公司名称+2024年十百千万工程示范项目+类型+申报资料."""
    rules = load()
    t = _type(app_type, rules)
    if t is None:
        return error("类型应为" + TYPES_HINT)
    p = parse_choice(city, rules.choices["cities"], rules.fields["sb_city"].aliases)
    if p.blank:
        return error("请填写市（州）")
    if p.error:
        return error("市（州）" + p.error)
    name = parse_text(error_value(company))   # as `shibai check` reads 名称
    if name.blank:
        return error("请填写公司名称")
    if name.error:
        return error("公司名称" + name.error)
    if names_no_company(str(name.value)):   # a park's 运营机构名称 "/", "同上": check names the file by its 名称
        return error(f"公司名称填写为“{_quote(name.value)}”，不是公司名称：没有运营机构的园区、基地，请改为引用申报表的"
                     "名称（与“检查本申报表”给出的文件名相同）")
    return _upload_name(p.value, name.value, rules.types[t].label, rules.year, rules.titles.upload_name)


def all_functions() -> dict[str, Callable[..., Any]]:
    return {"SB_AMOUNT": amount, "SB_USCC": uscc, "SB_REGION": region, "SB_MOBILE": mobile,
            "SB_THRESHOLD": threshold, "SB_ELIGIBLE": eligible, "SB_SCORE": score, "SB_RESIDENTS": residents,
            "SB_UPLOAD_NAME": upload_name}


__all__ = ["ERROR", "FormatsShown", "RowsShown",
           "amount", "amount_as_shown", "as_shown", "uscc", "region", "mobile", "threshold", "eligible", "score", "residents",
           "upload_name", "all_functions"]
