"""申报材料 (notice section 四): a missing document is a finding, because
"对未严格按照要求提供相关资料的申报企业不纳入评审环节" (三、(三))."""
from __future__ import annotations

from ..rules import Rules
from .application import Application
from .findings import Finding, make
from .values import NO, YES, parse_yesno


def check_materials(app: Application, rules: Rules) -> list[Finding]:
    if not app.materials:
        return []
    out: list[Finding] = []
    unanswered = []
    for m in rules.materials:
        rf = app.materials.get(m.name)
        raw = rf.value if rf else None
        if m.not_applicable and isinstance(raw, str) and raw.strip() == m.not_applicable:
            continue
        answer = parse_yesno(raw).value
        if answer == YES:
            continue
        if answer == NO:
            f = make("MAT_MISSING", field=m.name, detail=f"{m.section}{m.label}：未提供。未按要求提供资料的不纳入评审环节")
            if rf:
                f.sheet, f.cell = rf.sheet, rf.cell
            out.append(f)
        else:
            unanswered.append(m.label)
    if unanswered:
        out.append(make("MAT_MISSING", "info", detail=f"材料清单有{len(unanswered)}项未勾选：" + "；".join(unanswered)))
    return out
