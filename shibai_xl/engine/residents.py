"""Cross-checks of the 入驻企业名单 (附件3) against the 申报表 (park and base).

The list's companies are the park's/base's residents: their count is the declared
已入驻电商企业家数, their 年度网络交易额 and 年度网络零售额 add up to the declared
figures (a park's 年度交易额 is printed in 亿元), their 从业人数 support the
"入驻企业员工总数不低于50个" answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import fields as F
from .application import RESIDENT_USCC, Application, ResidentRow
from .findings import Finding, make
from .fmt import fmt, wan_display
from .parse import number
from .parse.text import company_key, normalize
from .values import NO, YES, Values, locate

NAME, STAFF, TRADE, RETAIL, NOTE = "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）", "备注"
STAFF_MIN = 50  # 附件2 园区 item 16 / 附件5: 入驻企业总员工数量不低于50个
NOTE_KEYWORDS = {
    "sb_demo_enterprises": ("示范",),
    "sb_survey_enterprises": ("统计调查", "典型统计", "典型企业"),
    "sb_listed_enterprises": ("上市",),
    "sb_authorized_enterprises": ("授权",),
}


@dataclass
class ResidentTotals:
    companies: int = 0
    staff: int = 0
    staff_rows: int = 0
    trade: Decimal = Decimal(0)
    retail: Decimal = Decimal(0)
    trade_rows: int = 0
    retail_rows: int = 0
    duplicates: list[tuple[str, list[int]]] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)
    any_note: bool = False
    decimals: int = 0
    keys: list[str] = field(default_factory=list)   # per company: its code, or "名称:" + normalised name


def _where(r: ResidentRow, header: str) -> tuple[str | None, str | None]:
    return r.sheet, r.cell(header) or r.cell(NAME)


def _row_finding(code: str, r: ResidentRow, header: str, detail: str) -> Finding:
    f = make(code, field=header, detail=detail)
    f.sheet, f.cell = _where(r, header)
    return f


def _row_label(r: ResidentRow) -> str:
    return f"第{r.row}行" if r.row else ""


def totals(rows: list[ResidentRow]) -> tuple[ResidentTotals, list[Finding]]:
    """Sum the list and report rows that contradict themselves and duplicates."""
    t, findings = ResidentTotals(), []
    seen: dict[str, list[int]] = {}
    seen_uscc: dict[str, list[int]] = {}
    display: dict[str, str] = {}
    numbers = ((STAFF, number.parse_count, True), (TRADE, number.parse_amount, False),
               (RETAIL, number.parse_amount, False))
    for r in rows:
        values = r.values
        name = normalize(values.get(NAME))
        parsed: dict[str, Any] = {}
        for header, parse, whole in numbers:
            raw = values.get(header)
            if raw is None:          # blank: nothing to add, nothing to report
                parsed[header] = None
                continue
            fast = _fast_number(raw, whole)
            if fast is not None:
                parsed[header] = fast[0]
                if fast[1] > t.decimals:
                    t.decimals = fast[1]
                continue
            p = parse(raw)
            if p.error:
                findings.append(_row_finding("XC_RESIDENT_ROW", r, header,
                                             f"{_row_label(r)}{name or ''}的{header}“{raw}”{p.error}"))
            parsed[header] = p.value
            if p.ok and header != STAFF:
                t.decimals = max(t.decimals, _decimals(raw))
        has_numbers = any(v is not None for v in parsed.values())
        if not name:
            if has_numbers:
                findings.append(_row_finding("XC_RESIDENT_ROW", r, NAME, f"{_row_label(r)}填了数据但企业名称为空"))
            continue
        t.companies += 1
        key = company_key(name)
        seen.setdefault(key, []).append(r.row or 0)
        display.setdefault(key, name)
        code = values.get(RESIDENT_USCC)
        code = normalize(code).upper().replace(" ", "") if code is not None else ""
        if code:
            seen_uscc.setdefault(code, []).append(r.row or 0)
        t.keys.append(code if len(code) == 18 else "名称:" + key)
        if parsed[STAFF] is not None:
            t.staff += parsed[STAFF]
            t.staff_rows += 1
        if parsed[TRADE] is not None:
            t.trade += parsed[TRADE]
            t.trade_rows += 1
        if parsed[RETAIL] is not None:
            t.retail += parsed[RETAIL]
            t.retail_rows += 1
        if parsed[TRADE] is not None and parsed[RETAIL] is not None and parsed[RETAIL] > parsed[TRADE]:
            findings.append(_row_finding("XC_RESIDENT_ROW", r, RETAIL,
                                         f"{_row_label(r)}{name}的年度网络零售额{fmt(parsed[RETAIL])}万元大于年度网络交易额"
                                         f"{fmt(parsed[TRADE])}万元（零售额是交易额的一部分）"))
        note = values.get(NOTE)
        note = normalize(note) if note is not None else ""
        if note:
            t.any_note = True
            for fname, words in NOTE_KEYWORDS.items():
                if any(w in note for w in words):
                    t.notes[fname] = t.notes.get(fname, 0) + 1
    for key, at in seen.items():
        if len(at) > 1:
            t.duplicates.append((display[key], at))
            findings.append(make("XC_RESIDENT_DUP", field=NAME,
                                 detail=f"“{display[key]}”在名单中出现{len(at)}次（第{'、'.join(map(str, at))}行）"))
            first = next(r for r in rows if (r.row or 0) == at[1])
            findings[-1].sheet, findings[-1].cell = _where(first, NAME)
    for code, at in seen_uscc.items():
        if len(at) > 1 and not any(set(at) == set(d[1]) for d in t.duplicates):
            findings.append(make("XC_RESIDENT_DUP", field=RESIDENT_USCC,
                                 detail=f"统一社会信用代码{code}在名单中出现{len(at)}次（第{'、'.join(map(str, at))}行）"))
    return t, findings


def _fast_number(raw: Any, whole: bool) -> tuple[Any, int] | None:
    """(value, decimals) for a plain non-negative number cell; None sends the value to the full parser."""
    if type(raw) is int and raw >= 0:
        return raw, 0
    if type(raw) is float and raw >= 0 and raw == raw and raw != float("inf"):
        if whole:
            return (int(raw), 0) if raw.is_integer() else None
        text = repr(raw)
        if "e" in text or "E" in text:
            return None
        return Decimal(text), (len(text) - text.index(".") - 1 if "." in text and not raw.is_integer() else 0)
    return None


def _decimals(raw: Any) -> int:
    text = fmt(raw) if not isinstance(raw, str) else normalize(raw)
    return len(text.split(".")[1]) if "." in text else 0


def _declared_tolerance(app: Application, name: str) -> Decimal:
    """Half a unit of the last digit the applicant typed, in 万元 (a park's 3.25亿 is ±50万)."""
    unit = F.FIELDS[name].unit_for(app.type)
    places = _decimals(app.value(name))
    step = Decimal(1).scaleb(-places)
    if unit == "亿元" and not isinstance(app.value(name), str):
        step *= 10000
    return step / 2


def tolerance(declared_half_unit: Decimal, declared: Decimal, rows: int, row_decimals: int) -> Decimal:
    """How far the list's sum may be from the declared figure because of rounding, in 万元.

    Each side may be rounded to the last digit typed (half a unit each, per row for the list), but never
    more than 1% of the declared figure is excused, and at least 0.5万元 is.

    >>> tolerance(Decimal("0.005") * 10000, Decimal(32500), 300, 2)
    Decimal('51.500')
    >>> tolerance(Decimal("5000"), Decimal(30000), 10, 0)
    Decimal('300.00')
    """
    rows_rounding = Decimal("0.5").scaleb(-row_decimals) * rows
    return max(Decimal("0.5"), min(declared_half_unit + rows_rounding, declared * Decimal("0.01")))


def cross_check(app: Application, values: Values) -> tuple[ResidentTotals | None, list[Finding]]:
    if app.type not in ("park", "base") or app.residents is None:
        return None, []
    t, findings = totals(app.residents)
    out = list(findings)
    sheet = app.residents_sheet or "入驻企业名单"

    declared = values.get("sb_resident_count")
    if declared is not None and declared != t.companies:
        out.append(locate(make("XC_RESIDENT_COUNT", field="sb_resident_count",
                               detail=f"申报表填报已入驻电商企业{declared}家，入驻企业名单（{sheet}）列出{t.companies}家"),
                          app, "sb_resident_count"))
    for name, code, total, rows in (("sb_trade_total", "XC_RESIDENT_TRADE", t.trade, t.trade_rows),
                                    ("sb_online_retail", "XC_RESIDENT_RETAIL", t.retail, t.retail_rows)):
        v = values.get(name)
        if v is None or t.companies == 0:
            continue
        tol = tolerance(_declared_tolerance(app, name), v, rows, t.decimals)
        if abs(v - total) > tol:
            unit = F.FIELDS[name].unit_for(app.type)
            out.append(locate(make(code, field=name, detail=(
                f"申报表为{wan_display(v, unit)}，名单{rows}家合计{fmt(total)}万元，相差{fmt(abs(v - total))}万元，"
                f"超出四舍五入允许的±{fmt(tol)}万元")), app, name))
    staff_answer = values.get("sb_staff_50")
    if staff_answer is not None and t.companies:
        if staff_answer == YES and t.staff < STAFF_MIN:
            detail = (f"勾选“是”，但名单从业人数合计{t.staff}人（{t.staff_rows}家填写），不足{STAFF_MIN}人"
                      if t.staff_rows else "勾选“是”，但名单未填写从业人数，无法印证")
            out.append(locate(make("XC_RESIDENT_STAFF", field="sb_staff_50", detail=detail), app, "sb_staff_50"))
        elif staff_answer == NO and t.staff >= STAFF_MIN:
            out.append(locate(make("XC_RESIDENT_STAFF", field="sb_staff_50",
                                   detail=f"勾选“否”，但名单从业人数合计{t.staff}人，已达到{STAFF_MIN}人"), app, "sb_staff_50"))
    for fname in NOTE_KEYWORDS:
        claimed = values.get(fname)
        if not claimed:
            continue
        supported = t.notes.get(fname, 0)
        if supported < claimed:
            label = F.FIELDS[fname].label
            why = (f"名单备注只标注了{supported}家" if t.any_note else "名单备注栏未作标注，无法印证")
            out.append(locate(make("XC_RESIDENT_NOTE", field=fname, detail=f"{label}填报{claimed}家，{why}"), app, fname))
    return t, out
