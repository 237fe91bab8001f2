"""Another filled 申报表 on another sheet of the workbook: a clerk's copy of the sheet ("申报表(2)") filled for a
second applicant, or the applicant's older copy ("申报表（旧）"). The reader reads one form per file; the others
are said (FILE_OTHER_FORM), never dropped without a word.

Only sheets that none of the workbook's defined names or tables point at are looked at (a form made with
``shibai new`` has a name on each of its sheets: nothing more is read for it), each with its own label index."""
from __future__ import annotations

import re

from ...engine.application import Application
from ...engine.findings import Finding, make
from ...engine.parse.result import is_blank
from ...engine.parse.text import company_key, normalize, one_line
from ...rules import Rules, Severity
from .defined_names import name_text
from .label_sheets import page_name
from .labels import Found, LabelIndex, form_specs, form_type, locate
from .package import UnreadableFile, parse_ref
from .refs import col_letters, split_ref
from .result_place import RESULT_SHEET
from .source import WorkbookSource


def other_forms(src: WorkbookSource, app: Application, rules: Rules, beside: Found | None = None) -> list[Finding]:
    """FILE_OTHER_FORM for each other sheet holding a filled application form: an error when it is another
    applicant's (left out of every summary), a warning when it is the same applicant's other copy; ``beside``:
    another applicant's name found on the form's own sheet (a second form typed under or beside it), said alike."""
    read = app.raw.get("sb_name")
    if read is None:
        return []
    out = [_beside(src, app, beside, rules)] if beside is not None else []
    named = _sheet_of(name_text(src.names, "sb_name"))
    if named and named != read.sheet and src.sheet_hidden(named) and (found := form_on(src, named, rules)):
        out.append(_finding(src, named, found, app, read.sheet, rules))   # the hidden original of the copy read
    for sheet in _unnamed_sheets(src, app, read.sheet):
        # one label index of the sheet for both looks (a sheet of 20 000 sales records takes a while to index)
        index = _sheet_index(src, sheet)
        found = index and (form_in(index, rules) or _page_of_another(index, sheet, app, rules))
        if found:
            out.append(_finding(src, sheet, found, app, read.sheet, rules))
    return out


def _page_of_another(index: LabelIndex, sheet: str, app: Application, rules: Rules) -> dict[str, str] | None:
    """A page of the form's items headed with another company's 名称 ("名称：遵义某某有限公司" over items 7–8), too
    short to be taken for a whole form: that company's (not read into this one, label_sheets.py), as :func:`form_on`
    gives it; None for anything else (the same company's page is read as the form's continuation)."""
    blocks = form_specs(app.type, rules)
    index.label_keys = {k for block in blocks for s in block for k in (*s.keys, *s.near)}
    index.spaced_answers()
    name = next(spec for spec in blocks[0] if spec.name == "sb_name")
    theirs = page_name(index, name, sheet)
    ours = normalize(str(app.raw["sb_name"].value or ""))
    if not theirs or not ours or company_key(theirs) == company_key(ours) \
            or not any(index.occurrences(spec) for spec in blocks[0] if spec.name not in ("sb_name", "sb_uscc")):
        return None
    _s, row, col = min(p for key in name.keys for p in index.cells.get(key, ()) if p[0] == sheet)
    return {"type": app.type, "cell": f"{col_letters(col)}{row}", "name": theirs, "uscc": ""}


def _unnamed_sheets(src: WorkbookSource, app: Application, form_sheet: str) -> list[str]:
    """The sheets no defined name, table or field read points at (the result sheet aside)."""
    used = {form_sheet, RESULT_SHEET, app.residents_sheet}
    used |= {_sheet_of(text) for text in src.names.values()}
    used |= {t.sheet for t in src.tables.values()}
    used |= {raw.sheet for raw in app.raw.values()}
    return [s for s in src.sheet_names if s not in used]


def on_filled_copy(src: WorkbookSource, located: dict[str, tuple[str, str]], app_type: str, rules: Rules
                   ) -> dict[str, tuple[str, str]]:
    """The named cells (field → (sheet, cell)) moved onto a filled copy of their form sheet when the names' own sheet is
    left blank: a clerk keeps the template's 申报表 empty and fills a copy ("申报表 (2)", Excel's 建立副本, which gives
    the copy sheet-scoped names of its own while the workbook's names stay on the original). The copy is the one sheet
    no workbook name or table points at holding a filled form, of this type by its printed labels and answering its 名称
    in the very cell sb_name points at: laid out as the original. So too when the names' sheet is filled but hidden
    and the copy shown (the applicant copied the sheet, corrected the copy and hid the old one: what everyone sees and
    prints is the copy; :func:`other_forms` says the hidden one). Anything else (copies filled for two companies
    among them: the refusal names both): ``located`` as it is."""
    name = located.get("sb_name")
    if name is None:
        return located
    sheet = name[0]
    # the common case: one look at the 名称 cell (and at the sheets' visibility, read once a workbook)
    hidden = not _blank_at(src, name) and src.sheet_hidden(sheet)
    if not hidden and not _blank_at(src, name):
        return located
    mine = {n: loc for n, loc in located.items() if loc[0] == sheet}
    if not hidden and not all(_blank_at(src, loc) for loc in mine.values()):
        return located
    pointed = {_sheet_of(text) for text in src.names.values()} | {t.sheet for t in src.tables.values()}
    forms = {other: form for other in src.sheet_names if other not in pointed and other != RESULT_SHEET
             and not (hidden and src.sheet_hidden(other)) and (form := form_on(src, other, rules)) is not None}
    if len(forms) != 1:   # none, or copies filled for several companies: which is the file's is not guessed
        return located
    (other, form), = forms.items()
    if form["type"] != app_type or form["cell"] != name[1] or not form["name"]:
        return located
    return {**located, **{n: (other, ref) for n, (_s, ref) in mine.items()}}


def _blank_at(src: WorkbookSource, loc: tuple[str, str]) -> bool:
    row, col = split_ref(loc[1])
    return is_blank(src.grid(loc[0]).get(row, col))


def _sheet_of(refers_to: str) -> str | None:
    """The sheet of a defined name's refers-to text (a cell, a range), else None."""
    loc = parse_ref(refers_to)
    if loc:
        return loc[0]
    head, bang, _ = str(refers_to).lstrip("=").rpartition("!")
    return head.strip("'").replace("''", "'") if bang else None


def form_on(src: WorkbookSource, sheet: str, rules: Rules) -> dict[str, str] | None:
    """{"type", "cell", "name", "uscc"} of the form filled on ``sheet`` (the type whose printed labels it shows most of,
    answered with a 名称 or a 统一社会信用代码), or None."""
    index = _sheet_index(src, sheet)
    return form_in(index, rules) if index else None


def _sheet_index(src: WorkbookSource, sheet: str) -> LabelIndex | None:
    """The label index of one sheet; None for an empty one, or one that cannot be read."""
    try:
        grid = src.grid(sheet)
    except UnreadableFile:   # reaching to XFD1048576, broken: no form of ours there, and the form read stays read
        return None
    return LabelIndex([(sheet, grid)]) if grid.height else None


def form_in(index: LabelIndex, rules: Rules) -> dict[str, str] | None:
    """:func:`form_on` of a sheet's label index. A blank copy of a form leaves the index located as that form:
    :func:`_page_of_another` sets its own label keys, and with them the answers typed after a space, afresh."""
    app_type = form_type(index, rules)
    if app_type is None:
        return None
    found = locate(index, form_specs(app_type, rules))
    said = {n: f for n in ("sb_name", "sb_uscc")
            if (f := found.get(n)) is not None and not is_blank(f.value) and not index.is_label(f.value)}
    if not said:
        return None    # a blank copy of the form: nobody's application
    text = {n: normalize(str(f.value)) for n, f in said.items()}
    return {"type": app_type, "cell": next(iter(said.values())).ref, "name": text.get("sb_name", ""),
            "uscc": text.get("sb_uscc", "")}


def _beside(src: WorkbookSource, app: Application, found: Found, rules: Rules) -> Finding:
    """FILE_OTHER_FORM for a second form on the form's own sheet, named at its 名称 (the reader reads the first): an
    error for another applicant's, or the same applicant's of another type (another form title on the sheet); a
    warning for the same applicant's other copy."""
    name, who = normalize(str(app.raw["sb_name"].value or "")), normalize(str(found.value))
    where = f"“{one_line(found.sheet)}”表{found.ref}"
    grid = src.grid(found.sheet)
    shown = {re.sub(r"\s+", "", str(v)) for line in grid.rows for v in line if isinstance(v, str)}
    other = next((t for t in rules.types if t != app.type and rules.types[t].form_title in shown), None)
    if company_key(who) == company_key(name) and other is None:
        return make("FILE_OTHER_FORM", Severity.WARNING, at=(found.sheet, found.ref), detail=(
            f"{where}起是同一申报单位（{who}）的另一份申报表，未读取；本次读取的是同一张表上前面的一份（{name}）。"
            f"如果{where}起的才是要报送的版本，请删去不用的那一份后重新检查"))
    whose = (f"同一申报单位（{who}）的另一份申报：{rules.types[other].form_title}" if company_key(who) == company_key(name)
             else f"另一家申报单位（{who}）的申报表")
    return make("FILE_OTHER_FORM", Severity.ERROR, at=(found.sheet, found.ref), detail=(
        f"{where}起是{whose}，未读取：" + _ONE_FORM.format(read=f"同一张表上的{name}", what="它")))


# the error's reason and remedy, for a form on another sheet and one on the form's own sheet alike
_ONE_FORM = ("每个文件只读取一份申报表（本次读取的是{read}），{what}不会进入任何检查结果和汇总表。"
             "请把每份申报表单独保存为一个文件后再检查、汇总")


def _finding(src: WorkbookSource, sheet: str, form: dict[str, str], app: Application, form_sheet: str,
             rules: Rules) -> Finding:
    name = normalize(str(app.raw["sb_name"].value or ""))
    uscc = normalize(str(app.raw["sb_uscc"].value or "")) if "sb_uscc" in app.raw else ""
    # by the names where both are given (a copy given another name, its code not yet changed, is another's)
    same = company_key(form["name"]) == company_key(name) if form["name"] and name else (
        bool(form["uscc"]) and form["uscc"].upper() == uscc.upper())
    hidden = "（隐藏）" if src.sheet_hidden(sheet) else ""
    who = form["name"] or f"统一社会信用代码{form['uscc']}"
    at = (sheet, form["cell"])        # the sheet as the workbook names it; said on one line (a crafted name's ⏎)
    sheet, form_sheet = one_line(sheet), one_line(form_sheet)
    if same and form["type"] == app.type:
        return make("FILE_OTHER_FORM", Severity.WARNING, at=at, detail=(
            f"工作表“{sheet}”{hidden}是同一申报单位（{who}）的另一份申报表，未读取；本次读取的是“{form_sheet}”表。"
            f"如果“{sheet}”才是要报送的版本，请把它的内容改到“{form_sheet}”表，或删去不用的那张表后重新检查"))
    whose = (f"同一申报单位（{who}）的另一份申报：{rules.types[form['type']].form_title}" if same
             else f"另一家申报单位（{who}）的申报表")
    return make("FILE_OTHER_FORM", Severity.ERROR, at=at, detail=(
        f"工作表“{sheet}”{hidden}是{whose}，未读取："
        + _ONE_FORM.format(read=f"“{form_sheet}”表的{name or '申报表，名称未填写'}", what=f"“{sheet}”")))
