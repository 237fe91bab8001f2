"""申报材料 (notice section 四) decide whether an application enters review:
"对未严格按照要求提供相关资料的申报企业不纳入评审环节" (三、(三)). Not a 申报条件, but the
officer needs it in the same verdict.

Each material's role is data (the year file): a material the applicant must supply answered
否 makes the verdict 不达标 (ELIG_MATERIALS); one the bureaus write (推荐报告, the stamped
推荐意见) never changes it, since a city checks applications before writing them; a
conditional one (ICP证, 行政许可) answered 否 is a warning. 不涉及 (or 不适用, 无需提供: the same claim) where the
year file does not allow it counts as 否, and the message says what was typed. Unanswered items are one info
and do not change the verdict; the bureaus' own papers left blank are not listed (an applicant cannot tick them).
A material said to come later ("后补"), or ticked with a remark saying so or saying the copy is unstamped where the
notice asks a stamp (四（四）、（五）), is a warning, the verdict as for an unticked item.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..rules import Material, Rules, Severity
from .application import Application, RawField
from .conditions import FAIL, PASS, Eligibility
from .findings import Finding, make
from .fmt import typed
from .parse.result import is_blank
from .parse.text import CellPicture, as_picture, normalize
from .values import NO, YES, parse_yesno, typed_text

LABEL = "申报材料齐全（通知三（三）、四）"
PROVIDED = frozenset(("已提供", "提供", "已附", "附后", "已附后", "后附", "见附件", "已上传", "已报送", "已提交", "齐全",
                      "已齐全", "ok", "■", "●"))   # said instead of 是
# said instead of 否 ("待补", "暂缺": below)
NOT_PROVIDED = frozenset(("未提供", "没有提供", "不提供", "无法提供", "未附", "缺", "缺失", "缺少"))
# said of a material not yet at hand ("后补", "正在办理"): not provided yet, which 三（三） allows until 推荐报送; a
# warning that names it, the verdict as for an unticked item. "暂无" alone only: "暂无失信记录" speaks of the record
_LATER_WORDS = (r"后补|待补|暂缺|补交|补报|后续(?:补充|提供)|待提供|待上传|(?:暂未|尚未)(?:提供|取得|办理|出具|上传|完成|提交)"
                r"|正在(?:办理|申请|审计|补充)|办理中|申请中|审计中")
_LATER = re.compile(rf"^(?:{_LATER_WORDS}|(?:暂无|尚无|未完成)(?![\u4e00-\u9fff]))")
# …and the same said beside a tick (the sheet's 备注 column, or "是（后补）"): the tick is not taken at its word; nor is
# a copy said unstamped where the notice asks a stamp (the year file's ``stamp``)
_LATER_NOTE = re.compile(_LATER_WORDS)
_UNSTAMPED = re.compile(r"(?:未|没有?|待|尚未|暂未)加?盖(?:公司)?(?:公?章)?|无(?:公司)?公?章")
# where the material is in the bundle (三（一）: everything scanned into one PDF in order), said instead of 是: a page
# ("第12页", "P12", "3-5页"), a pointer ("见附件3", "详见申报书第3页"), or a word of PROVIDED with a remark ("已提供（盖章）")
_RANGE = r"\d{1,4}(?:[-~—至到]p?\.?\d{1,4})?"
_WHERE = re.compile(rf"^(?:第?{_RANGE}页|p\.?{_RANGE}|详?见(?:附件|申报书|申报材料|材料|印证材料|扫描件|pdf|第|p\d).*)$")
_PROVIDED_NOTE = re.compile(f"^(?:{'|'.join(sorted(PROVIDED, key=len, reverse=True))})[,.。;:(、]")
# a tick, 是 or a word of PROVIDED before the page ("√ 第5页", "是 P12", "已提供 第3页", "✓见附件")
_TICK_LEAD = re.compile(f"^(?:[☑■√✓✔●]|是|有|{'|'.join(sorted(PROVIDED, key=len, reverse=True))})")
# said instead of 不涉及 (四（五）"涉及行政许可的…"): of the material not applying, not of it missing
NOT_APPLICABLE = frozenset(("不适用", "无需提供", "不需提供", "无需提交", "不需提交", "无需", "不需要", "n/a",
                            "未涉及", "无涉及", "本项不涉及", "此项不涉及", "不涉及此项", "无此项", "无此项目"))
_REMARK_HEAD = "(,.。;:、"   # what begins the remark after an answer: "不涉及（无需许可）", "不适用，本企业…"


def _at(f: Finding, app: Application, m: Material) -> Finding:
    rf = app.materials.get(m.name)
    return f.located(rf.sheet, rf.cell) if rf else f


def _says_provided(text: str | None) -> bool:
    """The cell says where the material is, or that it was provided, with a remark (module comment above)."""
    if text is None:
        return False
    if text in PROVIDED:
        return True
    said = typed_text(text)
    if said in PROVIDED or _WHERE.match(said) or _PROVIDED_NOTE.match(said):
        return True
    lead = _TICK_LEAD.match(said)
    rest = said[lead.end():].strip("()[],.。;:、") if lead else ""
    return bool(rest) and (rest in PROVIDED or bool(_WHERE.match(rest)))


def _doubted_tick(app: Application, rules: Rules, m: Material, text: str | None, result: Eligibility) -> bool:
    """A tick whose own words or remark say the material is still to come, or unstamped where a stamp is asked."""
    if m.role == "bureau":
        return False
    rf = app.materials[m.name]
    for where, note in (("备注", rf.remark), ("", text)):
        note = note.strip() if isinstance(note, str) else ""
        if _LATER_NOTE.search(normalize(note)):
            why = f"尚未提供，请在推荐报送前补齐。{rules.materials_clause}"
        elif m.stamp and _UNSTAMPED.search(normalize(note)):
            why = f"未按要求加盖公章。{m.stamp}；{rules.materials_clause}"
        else:
            continue
        said = f"材料清单勾选提供，但备注写“{note}”" if where else f"材料清单填写为“{note}”"
        result.findings.append(_at(make("MAT_MISSING", field=m.name, detail=f"{_named(m)}：{said}，{why}"), app, m))
        return True
    return False


def _provided_in_remark(app: Application, m: Material, raw: object, result: Eligibility) -> bool:
    """“是否提供” left blank and the 备注 beside it saying the material is there (“已提供，见第12页”): provided, as a
    reviewer reads it, and said at the cell so that the answer is filled in."""
    remark = app.materials[m.name].remark if m.name in app.materials and is_blank(raw) else None
    remark = remark.strip() if isinstance(remark, str) else ""
    if not remark or m.role == "bureau" or not _says_provided(remark) or _LATER_NOTE.search(normalize(remark)):
        return False
    result.findings.append(_at(make("MAT_MISSING", Severity.INFO, field=m.name, detail=(
        f"{_named(m)}：“是否提供”一栏未填，备注写“{remark}”，按已提供处理；请在“是否提供”一栏填写“是”")), app, m))
    return True


def _claims_not_applicable(text: str | None, words: set[str]) -> bool:
    """不涉及 (or its other words) as typed: spaced out, with a full stop or a remark after it, or in brackets after a
    无 ("无（不涉及）")."""
    if text is None:
        return False
    said = normalize(text).replace(" ", "").lower().rstrip("。.")
    said = said[2:-1] if said[:2] in ("无(", "否(") and said.endswith(")") else said
    return any(said == w or (said.startswith(w) and said[len(w)] in _REMARK_HEAD) for w in words)


def _said_later(rf: RawField | None, text: str | None, no: bool) -> str | None:
    """How the cell says the material comes later, quoted: "后补" alone, or a 否 with "后补" after it or in its 备注."""
    if text is not None and (_LATER.match(normalize(text)) or (no and _LATER_NOTE.search(normalize(text)))):
        return f"材料清单填写为“{text}”"
    remark = rf.remark.strip() if rf and no and isinstance(rf.remark, str) else ""
    if remark and _LATER_NOTE.search(normalize(remark)):
        return f"材料清单填写为“{text or typed(rf.value)}”，备注写“{remark}”"
    return None


def _named(m: Material) -> str:
    """The material as messages name it: its section of 四、申报材料, then its own words quoted."""
    return f"{m.section}“{m.label}”"


def _said_no(raw: object, text: str | None) -> str:
    """What the cell holds, as typed, when it was read as 否: "x", "无", FALSE are quoted, not turned into 否."""
    shown = text if text is not None else typed(raw)
    return f"材料清单填写为“{shown}”" + ("" if shown == NO else f"（按“{NO}”处理）")


def _options(m: Material) -> str:
    return f"“是”“否”或“{m.not_applicable}”" if m.not_applicable else "“是”或“否”"


def no_checklist(rules: Rules) -> Finding:
    """A workbook in which no 材料清单 item was found (a form retyped without it, the sheet deleted): the materials were
    not checked, which the verdict must not hide. Its reader says so; an application built from values says nothing."""
    return make("MAT_MISSING", Severity.INFO, detail=(
        "未找到材料清单，或清单中的材料名称无法识别（通知四、申报材料），申报材料是否齐全未核对，请对照纸质或系统内的申报资料核实。"
        f"{rules.materials_clause}"))


def evaluate_materials(app: Application, rules: Rules, result: Eligibility) -> None:
    if not app.materials:
        return
    missing, later = [], []
    unanswered: list[Material] = []
    # 不涉及 is an answer only where the year file allows it (行政许可); on a material the notice asks of every
    # applicant (四、申报材料) it says the material will not come: as 否
    not_applicable = {m.not_applicable for m in rules.materials if m.not_applicable} | NOT_APPLICABLE
    for m in rules.materials:
        rf = app.materials.get(m.name)
        raw = as_picture(rf.value) if rf else None
        if isinstance(raw, CellPicture):   # the material itself placed in the cell (a screenshot): provided
            fnd = make("FIELD_CHOICE", Severity.INFO, field=m.name, label=m.label, value=raw, detail="按已提供处理")
            result.findings.append(_at(replace(fnd, brief="材料为图片，按已提供", message=(
                f"{m.label}：“是否提供”一栏是嵌入单元格的图片，按已提供处理；请改填“是”，图片作为印证材料随申报资料提交")),
                app, m))
            continue
        text = raw.strip() if isinstance(raw, str) else None
        if (m.not_applicable and _claims_not_applicable(text, {m.not_applicable, *NOT_APPLICABLE})) \
                or _provided_in_remark(app, m, raw, result):
            continue
        claimed = _claims_not_applicable(text, not_applicable)
        refused = text in NOT_PROVIDED
        parsed = parse_yesno("否" if refused else raw)
        answer = YES if _says_provided(text) else NO if claimed else parsed.value
        if answer == YES:
            if _doubted_tick(app, rules, m, text, result):
                later.append(m.label)
            continue
        said_later = _said_later(rf, text, answer == NO and not claimed)
        if said_later:
            if m.role != "bureau":   # the bureaus' papers come later by nature (as blank, below)
                later.append(m.label)
                result.findings.append(_at(make("MAT_MISSING", field=m.name, detail=(
                    f"{_named(m)}：{said_later}，尚未提供，请在推荐报送前补齐。{rules.materials_clause}")), app, m))
            continue
        if parsed.error and not claimed:     # "/", "待补": said, and counted as not ticked
            result.findings.append(_at(make("FIELD_CHOICE", Severity.WARNING, field=m.name, label=m.label, value=raw,
                                            detail=f"无法识别，按未勾选处理；应填{_options(m)}"), app, m))
        said = f"材料清单填写为“{text}”，此项不能填“{text}”" if claimed else _said_no(raw, text)
        if answer != NO:
            if m.role != "bureau":   # the bureaus' own papers (推荐报告): blank on every form until they write them
                unanswered.append(m)
        elif m.role == "applicant":
            missing.append(m.label)
            said = (f"材料清单填写为“{text}”，但这是每个申报单位都须提供的材料（通知四、申报材料），不能填“{text}”"
                    if claimed else said)
            result.findings.append(_at(make("ELIG_MATERIALS", field=m.name, detail=(
                f"{_named(m)}：{said}。{rules.materials_clause}")), app, m))
        elif m.role == "bureau":
            result.findings.append(_at(make("MAT_MISSING", Severity.INFO, field=m.name, detail=(
                f"{_named(m)}：未提供（{said}）。{m.when}，不影响前置条件结论")), app, m))
        else:
            if claimed:   # CONTRACT §2 allows 不涉及 on 行政许可 only; 附件5 asks ICP of a company with its own website
                said = f"材料清单填写为“{text}”，此项应填{_options(m)}，按未提供处理"
            result.findings.append(_at(make("MAT_MISSING", field=m.name, detail=(
                f"{_named(m)}：未提供（{said}）。{m.when}；如属需要提供的情形，未按要求提供资料的不纳入评审环节")),
                app, m))
    _conclude(result, missing, unanswered, later, app)


def _conclude(result: Eligibility, missing: list[str], unanswered: list[Material], later: list[str], app: Application
              ) -> None:
    """The 材料清单's line of the verdict: 不达标 for a material answered 否, else 达标 saying what is still open."""
    if unanswered:   # one line left unticked: said at its cell, as every other line's finding is
        said = make("MAT_MISSING", Severity.INFO,
                    detail=f"材料清单有{len(unanswered)}项未勾选：" + "；".join(m.label for m in unanswered))
        result.findings.append(_at(said, app, unanswered[0]) if len(unanswered) == 1 else said)
    if missing:
        result.add(LABEL, FAIL, "未提供：" + "；".join(missing), "materials")
        return
    open_ = "，".join(([f"{len(unanswered)}项未勾选"] if unanswered else [])
                      + ([f"{len(later)}项尚待补齐（{'、'.join(later)}）"] if later else []))
    reason = f"申报单位应提供的材料没有填写“否”的（{open_}，不影响结论）" if open_ else "申报单位应提供的材料均已勾选提供"
    result.add(LABEL, PASS, reason, "materials")
