"""Turn raw cell values into typed values, one finding per value that cannot be read.

>>> from .application import Application
>>> app = Application.from_values("park", {"sb_trade_total": "3.5亿", "sb_live_rooms": "十间", "sb_has_platform": "√",
...                                        "sb_fill_date": "2024年4月15日", "sb_city": "贵阳"})
>>> v = parse_values(app)
>>> v["sb_trade_total"], v["sb_live_rooms"], v["sb_has_platform"], v["sb_fill_date"], v["sb_city"]
(Decimal('35000'), 10, '是', datetime.date(2024, 4, 15), '贵阳市')
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from ..rules import Rules, Severity, load
from . import claim_figures as cf
from . import fields as F
from . import figure_answers
from .application import Application
from .findings import Finding, make
from .fmt import OPS, compare, fmt, typed
from .parse import dates, format_units, number, phone, plausible, uscc
from .parse.audited import audited_figure
from .parse.bounds import starts_a_figure, upper_bound
from .parse.dated_figures import DATE_LIKE, dated_figure, serial, typed_date
from .parse.result import BLANK, Parsed, fail, is_blank
from .parse.summed import summed
from .parse.text import CellPicture, ExcelError, as_picture, error_value_said, normalize, simplified_place
from .summary_amounts import no_amount
from .yes_no import NO, PICKED, YES, boxes_ticked, parse_yesno, remark_beside, typed_text


def parse_choice(raw: Any, choices: tuple[str, ...], aliases: dict[str, str] | None = None) -> Parsed:
    """One of ``choices`` from the drop-down, or typed: an alias (``aliases``: the year file's, 国企, 平台型, 国有独资),
    the start of one (贵阳), or the printed form's boxes with one ticked ("☑平台类 □服务类", "□国企 ■民企")."""
    if is_blank(raw):
        return BLANK
    text = simplified_place(normalize(raw).replace(" ", ""))   # "貴陽市": the traditional characters of a 市（州）
    ticked = boxes_ticked(raw)
    if ticked is not None:
        if len(ticked) == 1:
            return parse_choice(ticked[0], choices, aliases)
        return fail(("勾选了多项（" + "、".join(ticked) + "）" if ticked else "方框都没有勾选")
                    + "，应为以下之一：" + "、".join(choices))
    if text[:1] == "(" and text[-1:] == ")" and text.count("(") == 1:   # as 附件2 prints it: "(服务类企业)"
        text = text[1:-1]
    text = aliases.get(text, text) if aliases else text
    if text in choices:
        return Parsed(value=text)
    for c in choices:  # 贵阳 → 贵阳市, 黔东南 → 黔东南州
        if len(text) >= 2 and c.startswith(text):
            return Parsed(value=c)
    province = next((p for p in _PROVINCE if text.startswith(p) and len(text) > len(p)), None)
    if province:   # a 市（州） written as in an address: 贵州省毕节市
        return parse_choice(text[len(province):], choices, aliases)
    if split := city_and_county(text, choices, aliases):
        return Parsed(value=split[0])
    if (of := uscc.division_city(text)) in choices:   # "凯里市", "仁怀市": a county-level city, not a 市（州）
        return fail(f"是{of}的县级区划，应填{of}（应为以下之一：" + "、".join(choices) + "）")
    said = _CHOICE_SAID.match(text)
    # "民营企业。", "民营企业（有限责任公司）", "其他：集体企业": the choice, with what is said after it (after a 市（州）
    # only a full stop: words after it are a county, which must be its own — city_and_county above)
    if said:
        head = parse_choice(said.group(1), choices, aliases)
        if head.ok and (head.value not in F.CITIES or not (said.group(2) or said.group(3))):
            remark = (said.group(2) or said.group(3) or "").strip()
            return replace(head, remark=remark) if remark else head
    if OTHER in choices and text.startswith(OTHER) and len(text) > len(OTHER):   # "其他 集体企业": the blank's words
        return Parsed(value=OTHER, remark=text[len(OTHER):])
    return fail("应为以下之一：" + "、".join(choices))


# a choice typed with a full stop after it, a remark in brackets, or the words of "其他____" after a colon or dash
_CHOICE_SAID = re.compile(r"^(.+?)(?:\((.+)\)|[:\-—](.+)|[.。;,、]+)$")


_JOINS = ",、/-—:;"   # between a 市（州） and its county: "贵阳市、南明区", "贵阳市-南明区" (full-width ones made half)


def city_and_county(text: str, choices: tuple[str, ...], aliases: dict[str, str] | None = None) -> tuple[str, str] | None:
    """A 市（州） with one of its counties after it, as in an address ("六盘水市钟山区", "黔南布依族苗族自治州都匀市",
    "贵阳市（南明区）", "贵阳市、南明区"), or 贵安新区 with a town it manages ("贵安新区湖潮乡"; ``text`` normalized,
    without spaces): (the 市（州）, the county as typed), or None.

    >>> cities = ("贵阳市", "六盘水市", "黔南州")
    >>> [city_and_county(t, cities) for t in ("六盘水市钟山区", "贵阳市(南明区)", "贵州省黔南都匀", "贵阳市钟山区")]
    [('六盘水市', '钟山区'), ('贵阳市', '南明区'), ('黔南州', '都匀'), None]
    """
    return next(((c, rest) for c, rest in after_city(text, choices, aliases)
                 if rest and c in (uscc.division_city(rest), uscc.town_city(rest))), None)


def after_city(text: str, choices: tuple[str, ...], aliases: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Each 市（州） ``text`` may start with (its name, the name less 市/州, an alias) and what follows it, without the
    marks joining the two or the brackets around the rest (``text`` normalized), the longest name first.

    >>> after_city("贵州省遵义市(新蒲新区)", ("贵阳市", "遵义市"))
    [('遵义市', '新蒲新区'), ('遵义市', '市(新蒲新区)')]
    """
    # a line break typed in the cell (Alt+Enter: "贵阳市\n南明区") is no part of a name; "貴陽市": traditional characters
    text = simplified_place(re.sub(r"\s+", "", text))
    text = text.removeprefix(next((p for p in _PROVINCE if text.startswith(p) and len(text) > len(p)), ""))
    said = [(c, c) for c in choices] + [(c[:-1], c) for c in choices if c[-1:] in "市州" and len(c) > 2]
    out = []
    for written, c in said + [(k, v) for k, v in (aliases or {}).items() if v in choices]:
        if not text.startswith(written):
            continue
        rest = text[len(written):].lstrip(_JOINS)
        if rest[:1] == "(" and rest[-1:] == ")":
            rest = rest[1:-1]
        out.append((c, rest))
    return out


_PROVINCE = ("贵州省", "贵州")


def parse_text(raw: Any) -> Parsed:
    if is_blank(raw) or raw is False:   # FALSE of a checkbox-linked "其他_____" cell: nothing written, not "False"
        return BLANK
    if raw is True:                     # its TRUE: the box ticked, no words
        return PICKED[YES]
    if isinstance(raw, ExcelError):   # a VLOOKUP that found nothing, a formula pasted without its cells
        return fail(error_value_said(raw))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return Parsed(value=normalize(raw) if not isinstance(raw, str) else raw.strip())


def parse_field(f: F.Field, app_type: str, raw: Any, percent_format: bool = False, year: int | None = None) -> Parsed:
    """One field's raw value, parsed according to its kind and unit; a figure no applicant can mean (a mobile number,
    one past the field's ``plausible_max``) as a doubt. ``year``: the year file's, the dates a date's hint shows."""
    p = _parse_kind(f, app_type, raw, percent_format, year)
    if f.kind not in (F.AMOUNT, F.USD, F.COUNT, F.AREA):
        return p
    if p.remark and f.kind in (F.AMOUNT, F.USD):
        p = audited_figure(p, lambda said: _parse_kind(f, app_type, said))
    unit = f.unit_for(app_type)
    factor = number.in_wan(unit) if f.kind == F.AMOUNT else Decimal(1)   # an amount is read in 万元 whatever its unit
    return plausible.checked(p, raw, f.label_for(app_type), unit, f.plausible_for(app_type), factor)




def without_own_label(f: F.Field, app_type: str, raw: Any) -> Any:
    """A figure typed after the field's own label, as the form prints the line ("年度直播销售额520万元",
    "直播销售额达520万", "有直播间12间", "跨境电商年销售额实现80万美元"): the figure. With a colon any label goes
    (parse/number.py); without, only the field's own, or another name the year file gives it (``called``).

    >>> f = load().fields["sb_live_sales"]
    >>> without_own_label(f, "team", "年度直播销售额520万元"), without_own_label(f, "team", "抖音直播销售额520万")
    ('520万元', '抖音直播销售额520万')
    >>> without_own_label(f, "team", "年度直播销售额不到500万元")
    '不到500万元'
    """
    if not isinstance(raw, str):
        return raw
    text = normalize(raw)
    core = re.sub(r"^\([^)]*\)", "", normalize(f.label_for(app_type)))     # "(平台型企业)年度交易额": 年度交易额
    said = text.removeprefix(_LABEL_BEFORE)
    for label in (core, core.removeprefix("年度"), *f.called_for(app_type)):
        if label and said.startswith(label):
            rest = _LABEL_AFTER.sub("", said[len(label):])
            return rest if starts_a_figure(rest) or upper_bound(rest) else raw   # "…不足50万美元": an upper bound
    return raw


# the words 附件2 prints around a blank besides its label: "有直播间____间" (园区 3), "有公共直播间____间" (基地 2),
# "年度交易额达____" (前置条件), "跨境电商年销售额实现____美元" (园区 21, 基地 17)
_LABEL_BEFORE = "有"
_LABEL_AFTER = re.compile(r"^\s*(?:为|达(?!到)|是|实现)?\s*")


def _parse_kind(f: F.Field, app_type: str, raw: Any, percent_format: bool = False, year: int | None = None) -> Parsed:
    if f.adds_up:   # a total typed as its parts ("抖音80万，快手30万"): each read as the field is, then summed
        p = _parse_kind(one := replace(f, adds_up=False), app_type, raw, percent_format, year)
        unit = "万元" if f.kind == F.AMOUNT else f.unit_for(app_type)
        return p if p.ok else summed(raw, lambda part: _parse_kind(one, app_type, part), unit) or p
    kind = f.kind   # a figure of the form may be typed as its lower bound ("100万以上"): read as that, with a warning
    if kind in F.NUMERIC_KINDS:
        raw = without_own_label(f, app_type, raw)
    if kind == F.AMOUNT:
        return number.parse_amount(raw, f.unit_for(app_type), f.doubt_for(app_type), f.below_for(app_type), bounds=True)
    if kind == F.USD:
        return number.parse_usd(raw, bounds=True)
    if kind == F.COUNT:
        return number.parse_count(raw, True, f.below_for(app_type), f.unit_for(app_type))
    if kind == F.AREA:
        return number.parse_area(raw, bounds=True)
    if kind == F.PERCENT:
        return number.parse_percent(raw, percent_format, bounds=True)
    if kind == F.DATE:
        return dates.parse(raw, f.coarsest, year)
    if kind == F.MONTH:
        return dates.parse_month(raw, year)
    if kind == F.YESNO:
        return parse_yesno(raw, requirement=True)
    if kind == F.CHOICE:
        return parse_choice(raw, f.choices, f.aliases)
    if kind == F.MOBILE:
        return phone.parse_mobile(raw)
    if kind == F.PHONE:
        return phone.parse_phone(raw)
    if kind == F.USCC:
        return uscc.parse(raw)
    return parse_text(raw)


_KIND_CODE = {F.AMOUNT: "FIELD_AMOUNT", F.USD: "FIELD_AMOUNT", F.COUNT: "FIELD_AMOUNT", F.AREA: "FIELD_AMOUNT",
              F.PERCENT: "FIELD_AMOUNT", F.DATE: "FIELD_DATE", F.MONTH: "FIELD_DATE", F.MOBILE: "FIELD_MOBILE",
              F.PHONE: "FIELD_MOBILE", F.USCC: "FIELD_USCC", F.YESNO: "FIELD_CHOICE", F.CHOICE: "FIELD_CHOICE"}


class Values(dict):
    """Typed values by field name (None when blank or unreadable), with what went wrong."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []
        self.precision: dict[str, str] = {}
        self.invalid: dict[str, Any] = {}   # field → what the cell holds, when it cannot be read
        self.evidence: dict[str, str] = {}   # field → why a figure other than the form's answer is used
        self.doubtful: dict[str, str] = {}   # field → why its figure looks typed in the wrong unit (or, for scoring,
        #                                      why a 是 decides nothing: its remark gives only a lower bound below it)
        self.unsaved: set[str] = set()       # fields holding a formula without its saved result (also in invalid)
        self.remarks: dict[str, str] = {}    # 是/否 or count field → the remark written after the answer ("是（50M）": "50m")
        self.remark_cells: dict[str, str] = {}   # … when written in the cell right of the answer: that cell
        self.bounds: dict[str, Any] = {}     # field → what the cell holds, when its figure is a lower bound ("100万以上")
        self.above: set[str] = set()         # … whose bound says more than its figure ("超过50万美元": 大于50万)
        self.upper: dict[str, Any] = {}      # … that is a range's lower end: the range's upper end ("50-80万": 80万)
        self.settled: set[str] = set()       # counts whose remark gives the part 附件5 asks ("其中公共直播间10间")
        self.under: dict[str, str] = {}      # counts whose figure the true one is under, as said ("不足10间")
        self.about: set[str] = set()         # figures said to be about what they are ("约20%"): either side of it

    def __setitem__(self, name: str, value: Any) -> None:
        """A figure put in place of the typed one (the resident list's count, a remark's figure) is no bound."""
        super().__setitem__(name, value)
        self.bounds.pop(name, None)
        self.above.discard(name)
        self.upper.pop(name, None)
        self.under.pop(name, None)
        self.about.discard(name)

    def set_bound(self, name: str, shown: Any, figure: Any, upper: Any = None) -> None:
        """The field's figure is the lower bound ``figure`` states (its text without the form's label), typed as
        ``shown``: said as typed, and more than its figure when its words say so ("超过50万美元"); ``upper``: the
        upper end of a range ("50-80万")."""
        self.bounds[name] = shown
        if upper is not None:
            self.upper[name] = upper
        if number.above_bound(figure):
            self.above.add(name)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for name, value in dict(*args, **kwargs).items():
            self[name] = value

    def copy_values(self) -> Values:
        """A copy whose values may be replaced (scoring from the resident list) without touching these."""
        out = Values()
        dict.update(out, self)
        out.findings, out.precision, out.invalid = self.findings, self.precision, self.invalid
        out.evidence = dict(self.evidence)
        out.unsaved, out.remarks = self.unsaved, self.remarks
        out.doubtful = dict(self.doubtful)   # a remark's lower bound makes a 是 doubtful in the copy only
        out.bounds = dict(self.bounds)   # a figure put in the copy's place is no bound there, still one here
        out.above = set(self.above)
        out.upper = dict(self.upper)
        out.remark_cells = self.remark_cells
        out.settled = set(self.settled)
        out.under = dict(self.under)
        out.about = set(self.about)
        return out


UNSAVED = "是公式但没有保存计算结果"
RESAVE_LIST = "请在 Excel/WPS 中打开名单并保存（公式会算出结果）后再检查"   # what to do of a list's such cells


def meets(values: Values, name: str, op: str, target: Any) -> bool | None:
    """Whether the field's figure stands in ``op`` to ``target``: a lower bound typed for it ("100万以上") meets an
    at-least figure it reaches (the notice's thresholds: 以上, 不低于, 达到), fails an at-most figure it is already
    past ("80万美元以上" is not 小于50万美金) and decides nothing else (None); a range ("50-80万") decides when all
    of it lies on one side of ``target``."""
    if name in values.about and compare(values[name], "==", target):   # "约20%": 19.6% or 20.3%, not 20% itself
        return None
    if name in values.under:     # "不足10间": under its figure, so under any target the figure does not pass
        if compare(values[name], "<=", target):
            return op in ("<", "<=")
        return None
    ok = compare(values[name], op, target)
    if name not in values.bounds or (ok and op in (">=", ">")) or (not ok and op in ("<", "<=")):
        return ok
    if op == ">" and compare(values[name], ">=", target) and name in values.above:
        return True     # "超过50万美元" is 大于50万美金
    if op != "==" and name in values.upper and compare(values.upper[name], op, target) == ok:
        return ok       # "50-80万" is under 100万 and "20-40万美元" under 50万美元, to the range's upper end
    return None


def undecided(op: str, target: str, about: bool = False) -> str:
    """Why a lower bound decides nothing: "下限未达到100万人", "无法判断是否 < 50万美元" (so too a figure said to be
    about the target itself, ``about``: "约20%")."""
    if about:
        return f"无法判断是否 {OPS[op]} {target}"
    return {">=": f"下限未达到{target}", ">": f"下限未超过{target}"}.get(op, f"无法判断是否 {OPS[op]} {target}")


def as_bound(values: Values, name: str, upper: bool = False) -> str:
    """"（填写为“100万以上”，按下限计）" after a figure that is a lower bound, else ""; "按上限计" after a range's upper
    end (``upper``)."""
    return f"（填写为“{typed(values.bounds[name])}”，按{'上限' if upper else '下限'}计）" if name in values.bounds else ""


def upper_decides(values: Values, name: str, op: str, ok: bool | None) -> bool:
    """Whether a range's upper end decided :func:`meets` (``ok``): the figure to show is that end ("50-80万" for
    100万: 80万)."""
    return name in values.upper and ok is not None and ok == (op in ("<", "<="))


def unreadable(values: Values, name: str) -> str:
    """Why a filled answer has no value: 是公式但没有保存计算结果, 填写为“是”，应填写数字 (where the form asks a figure),
    or 填写为“十余家”，无法识别."""
    if name in values.unsaved:
        return UNSAVED
    raw, f = values.invalid[name], load().fields.get(name)
    if isinstance(raw, CellPicture):
        return PICTURE
    return f"填写为“{typed(raw)}”，" + (FIGURE_NEEDED if f and yes_no_for_figure(f, raw) else "无法识别")


def unread_word(values: Values, name: str) -> str:
    """A filled answer with no value in a few words: 是公式但没有保存计算结果, 填写为“是”，应填写数字, 是嵌入单元格的
    图片, or 无法识别."""
    said = unreadable(values, name)
    return said if said in (UNSAVED, PICTURE) or said.endswith(FIGURE_NEEDED) else "无法识别"


PICTURE = "是嵌入单元格的图片"


FIGURE_NEEDED = "应填写数字"


def yes_no_for_figure(f: F.Field, raw: Any) -> bool:
    """Whether ``raw`` is a 是/否 answer ("是", "有", "√", "否") typed where the form asks a figure (年度交易额,
    有直播间____间)."""
    return f.kind in F.NUMERIC_KINDS and not is_blank(raw) and parse_yesno(raw).ok


def other_reading(app: Application, values: Values, f: F.Field) -> tuple[Decimal, str] | None:
    """What the figure of field ``f``, doubted as typed in the wrong unit, is if typed in the unit its doubt names,
    and that unit (:func:`.number.wrong_unit_reading`: 12000 in a park's 亿元 cell is 12000万元); None for a figure
    not so doubted, or a phone number typed there (no unit makes it a figure). The guard of eligibility's and the
    resident list's second reading."""
    if f.name not in values.doubtful or plausible.typed_phone(app.value(f.name)) or typed_as_date(app, f.name):
        return None
    return number.wrong_unit_reading(values.get(f.name), f.unit_for(app.type), f.doubt_for(app.type),
                                     f.below_for(app.type))


def typed_as_date(app: Application, name: str) -> bool:
    """Whether a date was typed where the figure ``name`` goes (2024/5/1, stored 45413): no unit makes it a figure, and
    it is weighed against no other figure (the list's total, the 交易额 a 零售额 is part of)."""
    return bool(date_typed(app, name))


def date_typed(app: Application, name: str) -> str:
    """The date typed where the figure ``name`` goes, as the form shows it ("2024-05-01" for 45413 in a date format),
    else "": no total counts it (the summary's amount left blank, :func:`.summary.record_from_result`)."""
    rf = app.raw.get(name)
    number, dated = dated_figure(rf.value, rf.date_format) if rf else (None, None)
    day = dates.from_serial(float(number)) if dated and typed_date(number) else None
    return day.isoformat() if day else ""


def _slip_words(finding: Finding, app: Application, values: Values, f: F.Field) -> Finding:
    """A doubted figure's FIELD_AMOUNT with the slip and the figure it likely is in its words for a summary's 问题
    ("金额请核对：年度交易额疑为按万元填写（3亿元？）" for 30000 in a park's 亿元 cell), not only "金额请核对": the row
    the city and the province read says what to correct (:func:`other_reading`); the finding unchanged for the rest."""
    other = other_reading(app, values, f)
    if other is None:
        return finding
    unit = f.unit_for(app.type)
    likely = fmt(other[0] / number.in_wan(unit))
    return replace(finding, brief=f"{finding.short}：{f.label}疑为按{other[1]}填写（{likely}{unit}？）")


def locate(finding: Finding, app: Application, name: str | None) -> Finding:
    """The finding at the cell of field ``name`` (a new finding; where the field was read, if known)."""
    if not name:
        return finding
    sheet, cell = app.where(name)
    if sheet or cell:
        return replace(finding, field=name, sheet=sheet, cell=cell)
    return replace(finding, field=name)


# what an enterprise types on the amount line of the kind it is not (附件2 prints both: "(平台型企业)…年度交易额____万元,
# (服务类企业)…年度销售额____万元"): a line left unused, not an amount nobody can read
_UNUSED_LINE = frozenset({"无", "没有", "暂无", "不涉及", "不适用", "无此项"})


def _unused_line(raw: Any) -> bool:
    """Whether ``raw`` marks a 平台类 or 服务类 amount line unused ("/", "—", "无", "不涉及")."""
    return isinstance(raw, str) and (no_amount(raw) or normalize(raw).strip("。.") in _UNUSED_LINE)


def parse_values(app: Application, rules: Rules | None = None) -> Values:
    """Parse every contract field of the application's type."""
    out = Values()
    rules = rules or load()
    kind_lines = {t.field for t in rules.types[app.type].thresholds if t.when}
    for f in rules.fields_for(app.type):
        rf = app.raw.get(f.name)
        raw = as_picture(rf.value) if rf else None   # WPS's picture in the cell: "=DISPIMG(…)" is no text typed
        if rf and rf.formula_without_value:
            out.findings.append(locate(make("FIELD_FORMULA", field=f.name, label=f.display(app.type)), app, f.name))
            if is_blank(raw):    # filled, not blank: said as a formula to open and save, never as 未填写
                out.invalid[f.name] = raw
                out.unsaved.add(f.name)
        dated = shown = None
        unit_doubt = False
        if f.kind in F.NUMERIC_KINDS:   # a figure in a cell painted with a date format: its number, with a warning
            raw, dated = dated_figure(raw, rf.date_format if rf else False)
        if rf and rf.percent_format and f.kind in F.TYPED_PERCENT:   # 0.15 shown as 15%: "15%" typed, quoted so
            raw = as_percent_shown(raw)
        if rf and rf.unit_format and f.kind in (F.AMOUNT, F.USD):   # 80 shown as 80万美元: read as shown
            raw, shown, unit_doubt = format_units.shown_reading(raw, rf.unit_format, f.unit_for(app.type), rf.cell)
        raw = None if f.name in kind_lines and _unused_line(raw) else raw
        p = parse_field(f, app.type, raw, rf.percent_format if rf else False, rules.year)
        p = _figure_answer(rules, f, app.type, raw, p)
        p = _figure_after_yes(f, app.type, raw, p, rules.year)
        p = _as_the_cell_shows(p, raw, dated, shown, unit_doubt)
        out[f.name] = p.value
        if p.precision:
            out.precision[f.name] = p.precision
        if p.remark:
            out.remarks[f.name] = p.remark
        elif rf and rf.remark is not None and p.value is not None and (note := remark_beside(rf.remark)):
            out.remarks[f.name] = note   # the remark beside the answer: the answer's own, if it has one, decides
            out.remark_cells[f.name] = f"{rf.sheet}!{rf.remark_cell}" if rf.sheet else rf.remark_cell or ""
        if p.error:
            out.invalid[f.name] = raw
            out.findings.append(locate(_unreadable(f, app.type, raw, p), app, f.name))
        elif p.note:
            fnd = _read_with_note(f, app.type, raw, p)
            if p.doubt:
                out.doubtful[f.name] = p.note
                fnd = _slip_words(fnd, app, out, f)
            out.findings.append(locate(fnd, app, f.name))
            if p.bound:
                out.set_bound(f.name, raw, without_own_label(f, app.type, raw), p.upper)
    _period_in_one_cell(app, out)
    _period_end_month_alone(app, out)
    _period_month_one_or_ten(app, out, rules.common.period_months)
    _other_as_typed(app, out, rules)
    _county_after_city(app, out, rules)
    if out.get("sb_county") is not None:   # "凱里市" typed: the summary's 县区 says 凯里市
        out["sb_county"] = uscc.county_named(out["sb_county"])
    return out


def _as_the_cell_shows(p: Parsed, raw: Any, dated: str | None, shown: str | None, unit_doubt: bool) -> Parsed:
    """A figure's reading with what its cell shows said: a date format (``dated``), a unit in its number format
    (``shown``). A date a person types ("2023-05-01", stored 45047) is no figure to decide on (a doubt); an unreadable
    figure in a date format says the date shown with its error (45397 "比例不能超过100%": the applicant sees 2024-04-15)."""
    if dated and p.ok and typed_date(raw):   # what the number would be in another unit is no question to ask of it
        return replace(p, note="；".join(n for n in (dated, shown) if n), doubt=True)
    if (dated or shown) and p.ok:
        doubt = p.doubt or unit_doubt
        return replace(p, note="；".join(n for n in (dated, shown, p.note) if n), doubt=doubt)
    if dated and p.error:
        return replace(p, error=f"{p.error}；{dated}")
    return p


def _read_with_note(f: F.Field, app_type: str, raw: Any, p: Parsed) -> Finding:
    """The warning of a value read with a note: read, only worth a look (not the template's "无法识别")."""
    code = _KIND_CODE.get(f.kind, "FIELD_AMOUNT")
    fnd = make(code, Severity.WARNING, field=f.name, label=f.display(app_type), value=raw, detail=p.note)
    fnd = replace(fnd, message=f"请核对{f.display(app_type)}：填写为“{typed(raw)}”，{p.note}")
    if code == "FIELD_CHOICE":   # a figure read as the answer ("185万": 是), not the template's 选项无效
        fnd = replace(fnd, brief=f"选项请核对：{f.label}按所填数字读为“{p.value}”")
    return fnd


def _figure_answer(rules: Rules, f: F.Field, app_type: str, raw: Any, p: Parsed) -> Parsed:
    """A figure typed in a 是/否 cell ("185万" for 粉丝数100万以上) that the 是/否 parse (``p``) refused: the answer
    it gives the figure the question prints (engine/figure_answers.py), said in a note, the figure kept as the
    answer's remark; what to type when it gives none. ``p`` for anything else (no figure in it)."""
    if f.kind != F.YESNO or not p.error or not isinstance(raw, (str, int, float, Decimal)) or isinstance(raw, bool):
        return p
    text = typed_text(raw)
    if not any(ch.isdigit() for ch in cf.arabic(text)):   # "一百八十五万" is 185万
        return p
    yes, said, remark = figure_answers.answer(figure_answers.claims_of(rules, f.name, app_type), text)
    if yes is None:
        return fail(said)
    return Parsed(value=YES if yes else NO, note=said, remark=remark)


def as_percent_shown(raw: Any) -> Any:
    """A number in a cell painted as a percentage, as the cell shows it and the applicant typed it: Excel and WPS store
    "15%" typed into a General cell as 0.15 and paint the cell 0%. Anything else as it is.

    >>> as_percent_shown(0.15), as_percent_shown(15), as_percent_shown("15人")
    ('15%', '1500%', '15人')
    """
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        return f"{fmt(Decimal(str(raw)) * 100)}%"
    return raw


_YES_THEN = re.compile(r"^(是|有)[,:;(、\s]*(?=\d)(.*?)\)?$")


def _figure_after_yes(f: F.Field, app_type: str, raw: Any, p: Parsed, year: int | None) -> Parsed:
    """The figure a 是 or 有 is followed by where the form asks a figure ("是（3.5亿）" in 年度交易额, "有12家" in 已入驻
    电商企业): read, said in a note; ``p`` for anything else, a lower bound or a doubted figure after it too (said as
    a 是/否 answer where a figure is asked, :func:`yes_no_for_figure`)."""
    if f.kind not in F.NUMERIC_KINDS or not p.error or not isinstance(raw, str):
        return p
    said = _YES_THEN.match(normalize(raw).strip())
    figure = parse_field(f, app_type, said.group(2), year=year) if said else p
    if not figure.ok or figure.bound or figure.doubt:
        return p
    return replace(figure, note="；".join(n for n in (f"按“{said.group(1)}”后面的数字读取", figure.note) if n))


OTHER = "其他"


def _other_as_typed(app: Application, out: Values, rules: Rules) -> None:
    """A type typed in words the form's "其他____" box holds (外资, 个体工商户: read as 其他), or typed with them after
    其他 ("其他：集体企业", "其他（集体企业）"), gives those words to its 其他 text when that is blank, as the applicant
    would have written them there (the summary's 企业性质 shows them: 其他（集体企业））."""
    for name in ("sb_operator_type", "sb_org_type"):
        other = f"{name}_other"
        if out.get(name) != OTHER or out.get(other) is not None or other not in rules.fields:
            continue
        if out.remarks.get(name):   # the words after 其他 (parse_choice's remark): the blank's, not a remark
            out[other] = out.remarks.pop(name)
            continue
        typed_words = parse_text(app.value(name)).value
        if isinstance(typed_words, str) and rules.fields[name].aliases.get(normalize(typed_words).replace(" ", "")) == OTHER:
            out[other] = typed_words


def _county_after_city(app: Application, out: Values, rules: Rules) -> None:
    """The 县（区） typed after its 市（州） in the 所属市（州） cell ("六盘水市钟山区") is the 县（区） when that is blank, as
    the applicant wrote it there: the summary's 县区 shows it, and it is not asked for again."""
    city, county = rules.fields.get("sb_city"), rules.fields.get("sb_county")
    if city is None or county is None or out.get("sb_city") is None or out.get("sb_county") is not None:
        return
    if "sb_county" in out.invalid or county not in rules.fields_for(app.type):
        return
    text = normalize(app.value("sb_city")).replace(" ", "")
    split = city_and_county(text, city.choices, city.aliases)
    if split and split[0] == out["sb_city"]:
        out["sb_county"] = split[1]


def _unreadable(f: F.Field, app_type: str, raw: Any, p: Parsed) -> Finding:
    """The finding of a value its kind cannot read."""
    code = _KIND_CODE.get(f.kind, "FIELD_CHOICE")
    if isinstance(raw, CellPicture):   # whatever the field: a picture where its answer belongs
        return Finding("FIELD_REQUIRED" if f.kind in (F.TEXT, F.LONGTEXT) else code, f.required or Severity.WARNING,
                       f"{f.display(app_type)}{error_value_said(raw)}。", field=f.name, brief=f"{f.label}是图片")
    if code == "FIELD_USCC":
        if isinstance(raw, ExcelError):   # no code typed: said as SB_USCC says it, not quoted as if typed
            return replace(make(code, field=f.name, value=raw, detail=""), message=f"{f.label}{p.error}")
        return make(code, field=f.name, value=raw, detail="：" + p.error)
    if f.kind == F.PHONE:   # a landline is not a mobile: its own message, a warning
        return Finding(code, Severity.WARNING, f"{f.label}格式错误：“{typed(raw)}”{p.error}。", field=f.name)
    if code == "FIELD_MOBILE":
        return make(code, field=f.name, value=raw)
    if yes_no_for_figure(f, raw):   # "是" where 附件2 asks the figure: not 无法识别, the figure is needed
        fnd = make(code, field=f.name, label=f.display(app_type), value=raw)
        none = "，没有请填0" if parse_yesno(raw).value == NO else ""
        return replace(fnd, message=f"{f.display(app_type)}填写为“{typed(raw)}”：此处{FIGURE_NEEDED}，不是“是”或“否”，"
                                    f"请填写{f.label_for(app_type)}的具体数字{none}",
                       brief=f"{FIGURE_NEEDED}：{f.label_for(app_type)}填了“{typed(raw)}”")
    if f.kind in (F.TEXT, F.LONGTEXT):   # an error value where text belongs: no content (a required one: an error)
        return Finding("FIELD_REQUIRED", f.required or Severity.WARNING, f"{f.display(app_type)}{p.error}。",
                       field=f.name)
    return make(code, field=f.name, label=f.display(app_type), value=raw, detail=p.error)


def _period_end_month_alone(app: Application, out: Values) -> None:
    """统计期止 typed as a month alone ("12月", "12月份") beside a 统计期起 read to its month ("2023年1月"): that
    month of the start's year, as "2023年1-12月" typed into one cell reads (dates.parse_period)."""
    start, raw = out.get("sb_period_start"), app.value("sb_period_end")
    if start is None or "sb_period_end" not in out.invalid or not isinstance(raw, str):
        return
    text = normalize(raw).strip()
    span = dates.parse_period(f"{start:%Y年%m月}-{text}") if re.fullmatch(r"\d{1,2}\s*月\s*份?", text) else None
    if not span or not span[1].ok:
        return
    out["sb_period_end"], out.precision["sb_period_end"] = span[1].value, "month"
    out.invalid.pop("sb_period_end")
    out.findings[:] = [f for f in out.findings if f.field != "sb_period_end"]


def _period_month_one_or_ten(app: Application, out: Values, months: int) -> None:
    """An end of the 统计期 typed 2023.1 (refused: 2023年1月, or the "2023.10" Excel keeps as 2023.1) beside the other
    end read to its month: the one of the two months that makes the 连续12个月 (前置条件统计期, rules
    ``period_months``) with it, when exactly one does, with a warning; else the refusal stands."""
    ends = ("sb_period_start", "sb_period_end")
    for i, name in enumerate(ends):
        other = out.get(ends[1 - i])
        if name not in out.invalid or other is None:
            continue
        raw = app.value(name)
        year = dates.year_dot_one(serial(raw) if isinstance(raw, DATE_LIKE) else raw)
        if year is None:
            continue
        pairs = {m: (date(year, m, 1), other) if i == 0 else (other, date(year, m, 1)) for m in (1, 10)}
        fits = [m for m, pair in pairs.items() if dates.months_between(*pair) == months]
        if len(fits) != 1:
            continue
        month = date(year, fits[0], 1)
        out[name], out.precision[name] = month, "month"
        out.invalid.pop(name)
        label = F.FIELDS[name].display(app.type)
        said = make("FIELD_DATE", Severity.WARNING, field=name, label=label, value=raw, detail="")
        shown = f"{year}年{fits[0]}月"
        out.findings[:] = [f for f in out.findings if f.field != name] + [locate(replace(said, message=(
            f"请核对{label}：填写为“{year}.1”，可能是{year}年1月，也可能是{year}年10月（Excel 会把“{year}.10”存成"
            f"{year}.1）；只有{shown}与另一端组成连续{months}个月的统计期，已按{shown}读取，"
            f"请改填为“{shown}”")), app, name)]


def _period_in_one_cell(app: Application, out: Values) -> None:
    """A whole period typed into a cell — "2023年1月-2023年12月", or a whole year "2023年度"/"2023年全年" — gives
    its own end of the 统计期 to that cell, and both ends when the other cell is blank. A cell holding a month of
    its own keeps it."""
    ends = ("sb_period_start", "sb_period_end")
    spans = {n: dates.parse_period(app.value(n)) for n in ends}
    spans = {n: p for n, p in spans.items() if p and p[0].ok and p[1].ok}
    if not spans:
        return
    blank = [n for n in ends if n not in spans and out.get(n) is None and n not in out.invalid]
    for i, name in enumerate(ends):
        span = spans.get(name) or (next(iter(spans.values())) if name in blank else None)
        if span is None:
            continue
        out[name] = span[i].value
        out.precision[name] = "month"
        out.invalid.pop(name, None)
        out.findings[:] = [f for f in out.findings if f.field != name]
