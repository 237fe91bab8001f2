"""What ``check --write`` puts into an application workbook, as plain data.

The same plan is applied by the openpyxl adapter (a closed file) and by the
xlwings adapter (the open workbook), so both write exactly the same cells.
No openpyxl or xlwings here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..engine.check import CheckResult
from ..engine.findings import SEVERITY_LABEL
from ..engine.fmt import fmt

COMMENT_AUTHOR = "shibai-xl"
RESULT_FIRST_ROW = 5
MAX_COMMENT = 600


@dataclass
class Mark:
    sheet: str
    cell: str
    severity: str
    comment: str


@dataclass
class WritePlan:
    values: list[tuple[str, Any]] = field(default_factory=list)   # (defined name, value)
    result_rows: list[list[Any]] = field(default_factory=list)    # rows of the 校验结果 table
    links: list[str | None] = field(default_factory=list)         # hyperlink target per result row
    marks: list[Mark] = field(default_factory=list)


def score_names(item_id: str) -> tuple[str, str, str]:
    key = item_id.replace(".", "_")
    return f"sb_score_auto_{key}", f"sb_score_reason_{key}", f"sb_score_review_{key}"


def plan_check(result: CheckResult, now: datetime | None = None) -> WritePlan:
    plan = WritePlan()
    now = now or datetime.now()
    reasons = "；".join(c.reason for c in result.eligibility.conditions if c.status in ("不达标", "待定"))
    plan.values.append(("sb_result_status", f"{result.status}" + (f"（{reasons}）" if reasons else "")))
    plan.values.append(("sb_result_score", f"{fmt(result.score.auto)} / {fmt(result.score.max)}"))
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
    plan.values.append(("sb_result_note", f"检查时间：{now:%Y-%m-%d %H:%M}；错误{counts['error']}项，警告{counts['warning']}项，"
                                          f"提示{counts['info']}项。上传文件名：{result.upload_name}"))
    for item in result.score.items:
        auto, reason, _ = score_names(item.id)
        plan.values.append((auto, item.auto))
        plan.values.append((reason, item.reason))
    by_cell: dict[tuple[str, str], Mark] = {}
    for f in result.findings:
        location = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.field or "")
        plan.result_rows.append([SEVERITY_LABEL.get(f.severity, f.severity), f.code, f.message,
                                 location])
        plan.links.append(f"#'{f.sheet}'!{f.cell}" if f.sheet and f.cell else None)
        if f.sheet and f.cell:
            key = (f.sheet, f.cell)
            text = f"[{f.code}] {f.message}"
            if key in by_cell:
                m = by_cell[key]
                m.comment = (m.comment + "\n" + text)[:MAX_COMMENT]
                if f.severity == "error":
                    m.severity = "error"
            else:
                by_cell[key] = Mark(f.sheet, f.cell, f.severity, text[:MAX_COMMENT])
    plan.marks = [m for m in by_cell.values() if m.severity in ("error", "warning")]
    return plan
