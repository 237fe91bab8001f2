"""Findings: every problem the tool reports is one record.

A finding has a stable code (CONTRACT.md section 5), a severity, a Chinese
message built from the code's template, and where it is: a field name of the
contract and, when a workbook adapter knows it, ``sheet`` and ``cell``.

>>> f = make("FIELD_MOBILE", field="sb_leader_mobile", value="123")
>>> f.code, str(f.severity)
('FIELD_MOBILE', 'error')
>>> f.message
'手机号码格式错误：“123”不是11位手机号（1开头，第二位3-9）。'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from ..rules import Severity
from .fmt import typed

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
SEVERITY_ORDER = {s: Severity.rank(s) for s in Severity}
SEVERITY_LABEL = {s: s.label for s in Severity}


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    template: str
    short: str  # a few words for the 问题 column of the summary; {names} filled like the template's (a year file's figure)
    short_warning: str | None = None   # those words for a warning of the code, where they differ


CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code("ELIG_AGE", ERROR, "成立时间不足：{detail}", "成立时间不足"),
        Code("ELIG_TRADE", ERROR, "年度交易额/销售额低于门槛：{detail}", "交易额未达门槛"),
        Code("ELIG_RETAIL", ERROR, "年度网络零售额低于门槛：{detail}", "网络零售额未达门槛"),
        Code("ELIG_LIVE_SALES", ERROR, "年度直播销售额低于门槛：{detail}", "直播销售额未达门槛"),
        Code("ELIG_REGION", ERROR, "非贵州省内注册：{detail}", "非贵州注册"),
        Code("ELIG_CREDIT", ERROR, "信用记录或财务制度未确认：{detail}", "信用/财务未确认"),
        Code("ELIG_ENTITY", ERROR, "申报主体不是（或可能不是）独立法人企业：{detail}", "非独立法人企业"),
        Code("ELIG_MATERIALS", ERROR, "必须提供的申报材料未提供，不纳入评审：{detail}", "必备材料未提供"),
        Code("ELIG_EVIDENCE", ERROR, "入驻企业名单不能印证前置条件：{detail}", "名单不能印证门槛"),
        Code("ELIG_MISSING", WARNING, "无法判断前置条件，缺少数据：{detail}", "前置条件数据缺失"),
        Code("FIELD_REQUIRED", ERROR, "必填项为空：{label}。{detail}", "必填项为空"),
        Code("FIELD_USCC", ERROR, "统一社会信用代码错误：“{value}”{detail}", "信用代码错误"),
        # a warning: read, worth a look ("100万以上" read as its lower bound, 4990000 likely typed in 元)
        Code("FIELD_AMOUNT", ERROR, "无法识别的金额或数量：{label}填写为“{value}”，{detail}", "金额无法识别", "金额请核对"),
        Code("FIELD_PERIOD", ERROR, "统计期有误：{detail}", "统计期有误"),
        Code("FIELD_DATE", ERROR, "日期有误：{label}填写为“{value}”，{detail}", "日期有误"),
        Code("FIELD_CHOICE", ERROR, "{label}填写为“{value}”，{detail}", "选项无效"),
        Code("FIELD_MOBILE", ERROR, "手机号码格式错误：“{value}”不是11位手机号（1开头，第二位3-9）。", "手机号错误"),
        Code("FIELD_TEXT_SHORT", WARNING, "企业运营情况及主要业绩不少于{minimum}字，现为{count}字。", "业绩不足{minimum}字"),
        Code("FIELD_FORMULA", WARNING, "{label}是公式但没有保存计算结果，请在 Excel/WPS 中打开并保存后再检查。", "公式无结果"),
        Code("FIELD_INCONSISTENT", WARNING, "申报表前后不一致：{detail}", "申报表自相矛盾"),
        Code("XC_RESIDENT_COUNT", WARNING, "入驻企业名单家数与申报表不一致：{detail}", "入驻家数不一致"),
        Code("XC_RESIDENT_TRADE", WARNING, "名单年度网络交易额合计与申报交易额不一致：{detail}", "名单交易额不一致"),
        Code("XC_RESIDENT_RETAIL", WARNING, "名单年度网络零售额合计与申报网络零售额不一致：{detail}", "名单零售额不一致"),
        Code("XC_RESIDENT_STAFF", WARNING, "名单从业人数与“员工总数不低于{minimum}”的勾选不一致：{detail}", "从业人数不一致"),
        Code("XC_RESIDENT_DUP", WARNING, "入驻企业名单内重复：{detail}", "名单重复企业"),
        Code("XC_RESIDENT_ROW", WARNING, "入驻企业名单数据有误：{detail}", "名单行有误"),
        # XC_RESIDENT_FILE: the list was not in the application workbook but in a 附件3 workbook next to it.
        Code("XC_RESIDENT_FILE", INFO, "入驻企业名单取自同一文件夹中的另一个文件：{detail}", "名单在另一文件"),
        Code("XC_RESIDENT_NOTE", INFO, "入驻企业名单备注与申报数量不符：{detail}", "名单备注不符"),
        Code("XC_CROSS_APP", WARNING, "同一企业出现在多份申报中：{detail}", "重复申报"),
        Code("XC_SUMMARY_MISMATCH", WARNING, "汇总表与申报表数据不一致：{detail}", "汇总表不一致"),
        Code("MAT_MISSING", WARNING, "申报材料不全：{detail}", "材料不全"),
        Code("FILE_MACRO", WARNING,
             "文件含有宏（VBA 或 Excel 4.0 宏表）或可被 Excel 加载项执行的内容，本工具不会运行它：{detail}", "含宏或加载项设置"),
        # FILE_LINKS: external links (to another workbook, a share, a web address) or data connections: Excel offers
        # to update them when the file is opened; the tool reads the values saved in the file and opens none
        Code("FILE_LINKS", WARNING, "文件含有外部链接或数据连接，本工具只读取文件中保存的值，不会打开或更新它们：{detail}。"
             "在 Excel/WPS 中打开时如提示“更新链接”或“启用内容”，请选择不更新、不启用；请申报单位断开链接"
             "（数据 → 编辑链接 → 断开链接）、删除数据连接后重新报送", "含外部链接"),
        # FILE_LABELS: no defined names (values pasted into a new workbook, a form retyped in the printed
        # layout, an .xlsb): fields were found by their printed labels; lists the fields found neither way.
        # (a workbook of another program's layout with every answer named, but no name for a cell it does not
        # have, is said as such: nothing was read by labels there)
        Code("FILE_LABELS", INFO, "{detail}", "按项目名称读取"),
        # FILE_OTHER_FORM: another sheet holds a filled 申报表 (a copied "申报表(2)" filled for another applicant: error,
        # left out of every summary; the same applicant's older copy: warning); one form per file is read
        Code("FILE_OTHER_FORM", ERROR, "{detail}", "另有申报表未读取", "另有一份申报表"),
        Code("SCORE_RANGE", ERROR, "评分超出范围：{detail}", "评分超出范围"),
        Code("RULE_GAP", INFO, "通知或指标体系未明确：{detail}", "规则未明确"),
    ]
}


@dataclass(frozen=True)
class Finding:
    """One problem, immutable once made: a located copy is a new finding (:meth:`located`)."""

    code: str
    severity: Severity
    message: str
    field: str | None = None
    sheet: str | None = None
    cell: str | None = None
    brief: str | None = None   # the code's short words as made (filled with the year file's figure), else the code's
    detail: str | None = None  # what the message says after the code's words (``make``'s detail): 问题's “CODE 短语：detail”

    @property
    def short(self) -> str:
        code = CODES.get(self.code)
        if self.brief or code is None:
            return self.brief or self.code
        return code.short_warning if code.short_warning and self.severity != Severity.ERROR else code.short

    @property
    def location(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.field or ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "sheet": self.sheet,
            "cell": self.cell,
        }

    def located(self, sheet: str | None, cell: str | None, field: str | None = None) -> Finding:
        """This finding at another place (``field`` kept unless given)."""
        return replace(self, sheet=sheet, cell=cell, field=self.field if field is None else field)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def make(code: str, severity: str | None = None, field: str | None = None, *, at: tuple[str | None, str | None] = (None, None),
         **params: Any) -> Finding:
    """Build a finding of ``code`` with the code's Chinese template filled by ``params``, at (sheet, cell)."""
    spec = CODES[code]
    filled = _Blank({k: _show(v) if k == "value" else ("" if v is None else str(v)) for k, v in params.items()})
    message = spec.template.format_map(filled)
    brief = spec.short.format_map(filled) if "{" in spec.short else None
    detail = filled["detail"] or None
    return Finding(code, Severity(severity) if severity else spec.severity, message, field=field, sheet=at[0], cell=at[1],
                   brief=brief, detail=detail)


def _show(value: Any) -> str:
    text = typed(value)
    return text if len(text) <= 60 else text[:57] + "…"


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (Severity.rank(f.severity), f.code))


def flatten(findings: list[Finding]) -> list[dict[str, Any]]:
    """Rows for a report (one dict per finding, with the field name too)."""
    return [dict(asdict(f), short=f.short, location=f.location) for f in findings]
