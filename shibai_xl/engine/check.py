"""Check one application: eligibility, suggested score, findings — the one code path
that the command line, the ribbon and the UDFs all call.

>>> from .application import Application
>>> r = check(Application.from_values("team", {"sb_name": "测试团队", "sb_live_sales": "600万"}))
>>> r.eligible is None, r.score.max, "ELIG_MISSING" in r.codes()
(True, 100.0, True)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..rules import Rules, Severity, Status, load
from .application import Application
from .consistency import required, self_check
from .eligibility import Eligibility, evaluate
from .evidence import scoring_values
from .findings import Finding, make, sort_findings
from .parse import uscc
from .parse.text import one_line
from .resident_claims import cross_check
from .residents import ResidentTotals
from .scoring import Score, both_of_exclusive, reviewer_total, score
from .upload_name import names_no_company, upload_name
from .values import Values, parse_values


@dataclass
class CheckResult:
    app: Application
    values: Values
    eligibility: Eligibility
    score: Score
    findings: list[Finding]
    residents: ResidentTotals | None = None
    rules: Rules = field(default_factory=load)

    @property
    def eligible(self) -> bool | None:
        return self.eligibility.eligible

    @property
    def status(self) -> Status:
        return self.eligibility.status

    def elsewhere(self, f: Finding) -> bool:
        """A finding at a cell of the separate 附件3 workbook the list was read from (``app.residents_file``), not
        of this one: a sheet of that list, which may be named as one of this workbook's (入驻企业名单)."""
        if not (self.app.residents_file and f.sheet):
            return False
        if f.sheet.startswith("["):       # a list in several files: "[园区名单2.xlsx]Sheet1"
            return True
        return f.sheet == self.app.residents_sheet or any(r.sheet == f.sheet for r in self.app.residents or ())

    def sheet_of(self, f: Finding) -> str | None:
        """The finding's sheet; one of the separate list's file as Excel writes a sheet of another workbook,
        "[名单.xlsx]Sheet1" (no sheet name holds "["), never a bare name a reader takes for this workbook's."""
        if f.sheet and self.elsewhere(f) and not f.sheet.startswith("["):
            return f"[{self.app.residents_file}]{f.sheet}"
        return f.sheet

    def where(self, f: Finding) -> str:
        """Where a finding points, for a person: its cell (in the separate list's file as Excel writes a cell
        of another workbook, "[名单.xlsx]Sheet1!B11"), else the item it is about as the form prints it (a
        form typed without the item has no cell for it) — never a defined name a clerk does not know."""
        if f.sheet and f.cell:
            return f"{one_line(self.sheet_of(f) or '')}!{f.cell}"   # a crafted sheet name's ⏎ as its picture
        if not f.field:
            return ""
        spec = self.rules.fields.get(f.field)
        if spec is not None:
            return f"{spec.display(self.app.type)}（表中未找到此项）"
        material = next((m for m in self.rules.materials if m.name == f.field), None)
        if material is not None:
            return f"材料清单：{material.label}"
        if any(item.id == f.field for item in self.score.items):
            return f"评分表第{f.field}项"
        return f.field if not f.field.isascii() else ""    # a column of the resident list (企业名称), as printed

    @property
    def name(self) -> str:
        return str(self.values.get("sb_name") or "")

    @property
    def city(self) -> str:
        """所属市（州）; left blank or unreadable, the 市（州） of the county-level division the applicant gave (where the
        project is: "凯里市" typed as the 所属市（州）, or the 县（区）), else that of the credit code's registering
        authority."""
        city = self.values.get("sb_city")
        if city:
            return city
        for typed in (self.values.invalid.get("sb_city"), self.values.get("sb_county")):
            if typed and (of := uscc.division_city(typed)):
                return of
        code = self.values.get("sb_uscc")
        return uscc.region(code)[2] if code else ""

    @property
    def type_label(self) -> str:
        return self.rules.types[self.app.type].label

    @property
    def company(self) -> str:
        """The 公司名称 of the upload name (通知三（一）3): the company that applies — a park's or base's 运营机构, its
        申报主体 (二（二）1 申报主体应为园区运营主体), not the park's own name; the 名称 where no operator is given — left
        blank, or said to be none or the same ("/", "无", "同上": a park its 管委会 runs)."""
        operator = str(self.values.get("sb_operator_name") or "")
        return self.name if names_no_company(operator) else one_line(operator).strip()

    @property
    def upload_name(self) -> str:
        return upload_name(self.city or "市（州）", self.company or "公司名称", self.type_label, self.rules.year,
                           self.rules.titles.upload_name)

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def to_json(self) -> dict[str, Any]:
        """Exactly the object of CONTRACT.md section 4."""
        return {
            "file": self.app.source,
            "type": self.app.type,
            "name": self.name,
            "eligible": self.eligible,
            "score": self.score.to_json(),
            "findings": [{**f.to_json(), "sheet": self.sheet_of(f)} for f in self.findings],
        }


def check(app: Application, rules: Rules | None = None, today: date | None = None) -> CheckResult:
    rules = rules or load()
    values = parse_values(app, rules)
    residents, xc = cross_check(app, values, rules)
    elig = evaluate(app, values, rules, residents)
    sc = score(app, scoring_values(app, values, residents, rules), rules)
    findings: list[Finding] = []
    findings += app.reader_findings
    findings += values.findings
    findings += required(app, values, rules)
    findings += elig.findings
    findings += self_check(app, values, rules, today)
    findings += xc
    findings += sc.findings
    findings += _reviewer_scores(app, rules)
    return CheckResult(app=app, values=values, eligibility=elig, score=sc, findings=sort_findings(_dedupe(findings)),
                       residents=residents, rules=rules)


def _reviewer_scores(app: Application, rules: Rules) -> list[Finding]:
    """A reviewer's own scores typed on the 评分 sheet must lie in 0…max of each item."""
    if not app.reviewer:
        return []
    typed = {k: v.value for k, v in app.reviewer.items()}
    _, findings = reviewer_total(app.type, typed, rules)
    labels = {i.id: i.label for i in rules.rubric(app.type)}
    for scored in both_of_exclusive(app.type, typed, rules):
        said = "；".join(f"{i}“{labels[i]}”" for i in scored)
        findings.append(make("SCORE_RANGE", Severity.WARNING, field=scored[-1], detail=(
            f"指标{'与'.join(scored)}只能符合其一（附件5：{said}），却都给了分，评审得分合计把两项都计入了，请评审人核实")))
    located = []
    for f in findings:
        where = app.reviewer.get(f.field or "")
        located.append(f.located(where.sheet, where.cell) if where else f)
    return located


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.code, f.message, f.sheet, f.cell)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
