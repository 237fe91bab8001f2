"""The workbooks ``shibai new`` writes: application forms (附件2 + 附件3 + 补充信息 +
材料清单 + 评分 + 校验结果), the 附件4 项目汇总表 and the 附件5 评分表.

Every input cell carries its workbook-level defined name (CONTRACT.md section 2);
inputs are pale yellow and unlocked, labels are protected without a password.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ...engine import fields as F
from ...engine.application import RESIDENT_HEADER, RESIDENT_USCC
from ...engine.plan import RESULT_FIRST_ROW
from ...engine.resident_header import COMPANY_ENDS, NUMERALS
from ...engine.residents import NO_NAMES
from ...engine.summary_table import FILLER_LEADS, TOTAL_LABELS
from ...rules import Material, Rules, load
from . import styles as S
from .cells import set_cell
from .layout import (
    APPROVAL,
    DEFAULT_COLUMN_WIDTH,
    RESIDENTS_TITLE,
    SECTION,
    SUMMARY_HEADER,
    SUMMARY_PRINTED,
    SUMMARY_SHEET,
    SUMMARY_TOOL_COLUMNS,
    SUMMARY_WIDTHS,
    SUPP_SHEET,
    SUPPLEMENTARY_NOTE,
    form_rows,
    supplement_hints,
)
from .result_place import RESULT_HEADER, RESULT_SHEET, SCORE_COLUMNS, SCORE_LABEL, SCORE_SHEET, STATUS_LABEL
from .score_reading import INVALID, NEGATIVE, done_status, not_numbers, out_of_range, reading_column, status_formula
from .text_fit import MAX_ROW_HEIGHT, tallest, text_lines

FORM_SHEET, RES_SHEET, MAT_SHEET = "申报表", "入驻企业名单", "材料清单"
RESIDENT_COLUMNS = (*RESIDENT_HEADER, RESIDENT_USCC)
RESIDENT_HEADER_ROW = 5
RESIDENT_BLANK_ROWS = 30
RESULT_WRAPPED_ROWS = 200   # more findings than one application ever has
FIXED_TIME = datetime(2024, 4, 1)  # document properties, so regenerated templates are identical

NUMBER_FORMATS = {F.AMOUNT: "#,##0.00", F.USD: "#,##0", F.AREA: "#,##0", F.COUNT: "0", F.PERCENT: "0%",
                  F.DATE: 'yyyy"年"m"月"d"日"', F.MONTH: 'yyyy"年"m"月"', F.USCC: "@", F.MOBILE: "@", F.PHONE: "@",
                  F.TEXT: "@", F.LONGTEXT: "@"}


class _Validations:
    """One DataValidation per kind per sheet, cells added as they are created."""

    def __init__(self, ws: Worksheet, rules: Rules) -> None:
        self.ws, self.by_key, self.year = ws, {}, rules.year

    def add(self, cell: Cell, kind: str, **kw) -> None:
        key = (kind, tuple(kw.get("choices", ())), kw.get("maximum"), kw.get("warn", False))
        if key not in self.by_key:
            dv = S.validation(kind, year=self.year, **kw)
            self.ws.add_data_validation(dv)
            self.by_key[key] = dv
        self.by_key[key].add(cell)


def _name(wb: Workbook, name: str, ws: Worksheet, ref: str) -> None:
    col = "".join(c for c in ref if c.isalpha())
    row = "".join(c for c in ref if c.isdigit())
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!${col}${row}")


def _constant(wb: Workbook, name: str, value: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=f'"{value}"')


def input_cell(ws: Worksheet, ref: str, f: F.Field, dvs: _Validations) -> Cell:
    """Style an input cell and attach the validation of its kind."""
    cell = ws[ref]
    cell.fill, cell.border, cell.protection, cell.font = S.INPUT_FILL, S.BOX, S.UNLOCKED, S.BODY
    cell.alignment = S.WRAP
    cell.number_format = NUMBER_FORMATS.get(f.kind, "General")
    if f.kind == F.YESNO:
        dvs.add(cell, "list", choices=("是", "否"))
        cell.alignment = S.CENTER
    elif f.kind == F.CHOICE:
        dvs.add(cell, "list", choices=f.choices)
    elif f.kind == F.COUNT:
        dvs.add(cell, "whole")
    elif f.kind in (F.AMOUNT, F.AREA, F.USD):
        dvs.add(cell, "decimal")
    elif f.kind == F.PERCENT:
        dvs.add(cell, "percent")
    elif f.kind == F.DATE:
        dvs.add(cell, "date")
    elif f.kind == F.MONTH:
        dvs.add(cell, "month")     # 附件2: (202x年x月-202x年x月)
    return cell


def _label(cell: Cell, text: str, font=S.BODY, align=S.WRAP) -> None:
    cell.value, cell.font, cell.alignment, cell.border = text, font, align, S.BOX


# the 申报表 answers typed as long text: lines of the answer column (about 12 Chinese characters each) their rows hold,
# as a typed answer never grows a row whose height the template set (Excel, WPS and LibreOffice print it at that
# height): a registered name of 24 characters, a full address of 36
ANSWER_LINES = {"sb_name": 2, "sb_authority": 2, "sb_operator_name": 2, "sb_address": 3}


def _row_height(text: str, width_chars: int, base: float = 18) -> float:
    lines = max(1, -(-len(text) // max(1, width_chars)))
    return tallest(max(base, 15 * lines + 4))


def _fit_rows(ws: Worksheet, cols: str, first: int) -> None:
    """Give every wrapped label in ``cols`` (from row ``first``) room for all its lines: a row prints at its
    stored height in Excel, WPS and LibreOffice, and a Chinese character takes two column-width units (a
    50-wide column holds 25 of them). A label merged over several rows grows its last row when they are short."""
    spans = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    for col in cols:
        for r in range(first, ws.max_row + 1):
            c = ws[f"{col}{r}"]
            if not isinstance(c.value, str) or c.value.startswith("=") or not c.alignment.wrap_text:
                continue
            m = spans.get((c.row, c.column))
            columns = range(m.min_col, m.max_col + 1) if m else [c.column]
            rows = range(m.min_row, m.max_row + 1) if m else [c.row]
            width = sum(ws.column_dimensions[get_column_letter(k)].width or 8.43 for k in columns)
            size = c.font.sz or 11
            lines = sum(text_lines(part, width, small=size < 10) for part in c.value.split("\n"))
            need = lines * (size + 4) + 4
            have = sum(ws.row_dimensions[i].height or 15 for i in rows)
            if have < need:
                last = rows[-1]
                ws.row_dimensions[last].height = (ws.row_dimensions[last].height or 15) + need - have


def _title(ws: Worksheet, text: str, last_col: str, row: int = 1) -> None:
    ws.merge_cells(f"A{row}:{last_col}{row}")
    c = ws[f"A{row}"]
    set_cell(c, text)   # a title typed with --title is text, never a formula
    c.font, c.alignment = S.TITLE, S.CENTER
    ws.row_dimensions[row].height = 32


# --- 申报表 -------------------------------------------------------------------------------

def build_form_sheet(wb: Workbook, ws: Worksheet, app_type: str, rules: Rules) -> None:
    ptype = rules.types[app_type]
    dvs = _Validations(ws, rules)
    for col, width in zip("ABCD", (14, 50, 24, 10)):
        ws.column_dimensions[col].width = width
    _title(ws, ptype.form_title, "D")
    ws.merge_cells("A2:B2")
    _label(ws["A2"], "填表时间：", S.BODY, S.WRAP)
    ws["A2"].alignment = S.Alignment(horizontal="right", vertical="center")
    ws["A2"].border = ws["B2"].border = S.Border()
    input_cell(ws, "C2", F.FIELDS["sb_fill_date"], dvs)
    _name(wb, "sb_fill_date", ws, "C2")
    row, group_start, group = 3, 3, None
    for g, label, name, unit in form_rows(app_type, rules):
        if g != group:
            if group not in (None, "", SECTION, APPROVAL) and row - 1 > group_start:
                ws.merge_cells(f"A{group_start}:A{row - 1}")
            group, group_start = g, row
        if g == SECTION:
            ws.merge_cells(f"A{row}:D{row}")
            _label(ws[f"A{row}"], label, S.SUBTITLE, S.CENTER)
            ws[f"A{row}"].fill = S.SECTION_FILL
        elif g == APPROVAL:
            _label(ws[f"A{row}"], "市（州）商务\n主管部门\n审核意见", S.BOLD, S.CENTER)
            ws.merge_cells(f"B{row}:D{row}")
            box = ws[f"B{row}"]
            box.value = "\n\n\n市（州）商务主管部门（盖章）\n年　　月　　日　"
            box.font, box.border = S.BODY, S.BOX
            box.alignment = S.Alignment(horizontal="right", vertical="bottom", wrap_text=True)
            ws.row_dimensions[row].height = 110
        else:
            f = F.FIELDS[name]
            if g:
                _label(ws[f"A{row}"], g, S.BOLD, S.CENTER)
                _label(ws[f"B{row}"], label)
            else:
                _label(ws[f"A{row}"], label, S.BOLD, S.CENTER)
                ws.merge_cells(f"A{row}:B{row}")
            input_cell(ws, f"C{row}", f, dvs)
            _label(ws[f"D{row}"], "" if unit in ("□", "□是 □否", "选择") else unit, S.BODY, S.CENTER)
            _name(wb, name, ws, f"C{row}")
            ws.row_dimensions[row].height = max(_row_height(label, 24), 15 * ANSWER_LINES.get(name, 1) + 4)
        row += 1
    ws.print_area = f"A1:D{row - 1}"
    S.setup_print(ws, landscape=False)
    S.protect(ws)


def build_supplementary_sheet(wb: Workbook, ws: Worksheet, app_type: str, rules: Rules) -> None:
    dvs = _Validations(ws, rules)
    for col, width in zip("ABC", (40, 50, 30)):
        ws.column_dimensions[col].width = width
    _title(ws, "补充信息", "C")
    ws.merge_cells("A2:C2")
    ws["A2"].value, ws["A2"].font, ws["A2"].alignment = SUPPLEMENTARY_NOTE, S.SMALL, S.WRAP
    ws.row_dimensions[2].height = 30
    _label(ws["A3"], "申报类型", S.BOLD)
    _label(ws["B3"], rules.types[app_type].label)
    row, hints = 4, supplement_hints(rules)
    for f in F.fields_for(app_type):
        if not f.supplementary:
            continue
        _label(ws[f"A{row}"], f.display(app_type), S.BOLD)
        input_cell(ws, f"B{row}", f, dvs)
        hint = hints.get(f.name, "")
        _label(ws[f"C{row}"], hint, S.SMALL)
        if f.kind == F.LONGTEXT:   # 附件4: 不少于150字, no limit; a pasted text never grows the row: the tallest one
            ws.row_dimensions[row].height = MAX_ROW_HEIGHT
        _name(wb, f.name, ws, f"B{row}")
        row += 1
    _fit_rows(ws, "AC", 3)
    ws.print_area = f"A1:C{row - 1}"
    S.setup_print(ws)
    S.protect(ws)


# rows under the list that are no company (as the reader leaves them out): a 合计/小计 row typed under the last
# company and the lines under the list (填报人、填报园区/基地、注、以上数据属实、备注、联系人、制表…), labelled in 序号 or
# 企业名称, spaced out ("合  计", "合　计") or not: the reader's own words (engine.summary_table), by their beginning
def _not_company_leads() -> dict[int, list[str]]:
    """The beginnings of such a label, as typed (full-width colon and bracket too), grouped by length."""
    leads = {*TOTAL_LABELS, *FILLER_LEADS}
    typed = leads | {w.replace(":", "：").replace("(", "（").replace(")", "）") for w in leads}
    by_length: dict[int, list[str]] = {}
    for w in sorted(typed):
        by_length.setdefault(len(w), []).append(w)
    return by_length


# a name of the list's sheet holding how many rows reach its last 企业名称 (at least 1): the totals' ranges end there
LIST_ROWS = "shibai_list_rows"


def list_rows(sheet: str, first: int, end: int) -> str:
    """The formula of :data:`LIST_ROWS`: the last row of ``first``…``end`` whose 企业名称 is not empty, counted from
    ``first`` (1 when none is). LOOKUP passes over the errors 1/0 gives the empty rows, in every spreadsheet."""
    names = f"{quote_sheetname(sheet)}!$B${first}:$B${end}"
    return f'LOOKUP(2,1/(({names}<>"")+(ROW({names})={first})),ROW({names})-{first - 1})'


def resident_totals(first: int, end: int) -> dict[str, str]:
    """The formulas of the list's own 合计 row: companies counted and figures summed over the same rows, those the
    tool reads (a 企业名称 that is not blank once spaces, half- or full-width, are taken out, nor struck through; no
    合计 or 填报人 line, section heading or 栏次 row; a company listed again only once), in Excel, WPS and
    LibreOffice (.xlsx, .xls and .ods alike: no function with more than 30 arguments; SUMPRODUCT takes a figure
    typed as text as 0, as SUM does)."""
    def rng(col: str) -> str:
        # only down to the last row with a 企业名称 (LIST_ROWS): over all 5000 rows the four formulas took LibreOffice
        # 1.4 s after every edit of the list; rows under it count for nothing (no 企业名称, no company)
        whole = f"{col}{first}:{col}{end}"
        return f"INDEX({whole},1):INDEX({whole},{LIST_ROWS})"

    def bare(col: str) -> str:
        return f'SUBSTITUTE(SUBSTITUTE({rng(col)}," ",""),"\u3000","")'

    def no_company(col: str) -> str:
        arrays = {n: "{" + ",".join(f'"{w}"' for w in words) + "}" for n, words in _not_company_leads().items()}
        return "*".join(f"ISNA(MATCH(LEFT({bare(col)},{n}),{words},0))" for n, words in sorted(arrays.items()))

    # a 企业名称 struck through ("/", "—", as typed full-width too) or 无: a row nobody used, no company to the tool
    struck = "{" + ",".join(f'"{w}"' for w in sorted(NO_NAMES | {w.replace("/", "／") for w in NO_NAMES})) + "}"
    company = f'({bare("B")}<>"")*ISNA(MATCH({bare("B")},{struck},0))*{no_company("B")}*{no_company("A")}'
    company += f"*(1-{_section_heading(bare)})"
    # the 栏次 row under the header (1 2 3 … 11, one number a column): its 企业名称 a number, no company's name
    company += f"*(1-(ROW({rng('B')})=MIN(ROW({rng('B')})))*ISNUMBER(-{bare('B')}))"
    # a company listed again counts once, with its first row: a row counts unless MATCH finds its name (without
    # spaces, any case; "#" before it, no name blank) on an earlier row; a blank row looks up the list's first name
    # (found at once: a blank looked up would be searched for through every company, thousands of blank rows over);
    # a name MATCH cannot find (its wildcards ~* ~?) counts. No more than Excel's 7 levels of functions, or its .xls
    # save makes the formula #VALUE! (so neither 有限责任公司 nor brackets are made one: the tool's reading, said)
    name = f'"#"&{bare("B")}'
    first_name = f'"#"&SUBSTITUTE(SUBSTITUTE(B{first}," ",""),"\u3000","")'
    looked_up = f'REPT({first_name},({bare("B")}="")*1)&REPT({name},({bare("B")}<>"")*1)'
    company += f"*ISERROR(1/(MATCH({looked_up},{name},0)<ROW({rng('B')})-MIN(ROW({rng('B')}))+1))"
    return {"B": f"=SUMPRODUCT({company})", **{col: f"=SUMPRODUCT({company},{rng(col)})" for col in "GHI"}}


def _chinese_numbers(most: int = 20) -> list[str]:
    """一 … 二十: the numbers a list's sections are numbered with."""
    def said(n: int) -> str:
        tens, ones = divmod(n, 10)
        return ((NUMERALS[tens - 1] if tens > 1 else "") + "十" if tens else "") + (NUMERALS[ones - 1] if ones else "")
    return [said(n) for n in range(1, most + 1)]


def _section_heading(bare) -> str:
    """1 on a row that heads a section of the list, as the reader tells one (resident_header.is_section_heading): no
    figures, a 企业名称 of at most 20 characters ending as no company's name does, and a number in 序号 ("三", "二、")
    or a 企业名称 begun by one ("一、电商企业", "（二）直播机构", "十一、其他"); numbered up to 二十, the words
    listed (no deeper than Excel's 7 levels of functions)."""
    def options(words) -> str:
        return "{" + ",".join(f'"{w}"' for w in words) + "}"

    def by_length(words) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for w in words:
            out.setdefault(len(w), []).append(w)
        return dict(sorted(out.items()))

    numbers, name = _chinese_numbers(), bare("B")
    numbered = f'ISNUMBER(MATCH({bare("A")},{options([n + e for n in numbers for e in ("", "、", ".", "．")])},0))'
    leads = [n + e for n in numbers for e in "、.．"] + [o + n + c for n in numbers for o in "(（" for c in ")）"]
    titled = "+".join(f"ISNUMBER(MATCH(LEFT({name},{n}),{options(words)},0))" for n, words in by_length(leads).items())
    no_company_end = "*".join(f"ISNA(MATCH(RIGHT({name},{n}),{options(words)},0))"
                              for n, words in by_length(COMPANY_ENDS).items())
    no_figures = "*".join(f'({bare(col)}="")' for col in "GHI")
    return f"({no_figures}*(LEN({name})<=20)*{no_company_end}*({numbered}+{titled}>0))"


def build_residents_sheet(wb: Workbook, ws: Worksheet, rules: Rules, rows: int = RESIDENT_BLANK_ROWS) -> None:
    dvs = _Validations(ws, rules)
    widths = (6, 32, 10, 15, 22, 14, 10, 16, 16, 20, 22)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    last = get_column_letter(len(RESIDENT_COLUMNS))
    _title(ws, RESIDENTS_TITLE, last)
    for ref, label, name in (("A2", "填报园区/基地：", "sb_res_org"), ("A3", "填报人：", "sb_res_filler"),
                             ("F3", "填报时间：", "sb_res_date")):
        col = ref[0]
        ws[ref].value, ws[ref].font = label, S.BOLD
        target = chr(ord(col) + 1) + ref[1:]
        c = ws[target]
        c.fill, c.border, c.protection = S.INPUT_FILL, S.BOX, S.UNLOCKED
        if name == "sb_res_date":
            c.number_format = NUMBER_FORMATS[F.DATE]
            dvs.add(c, "date")
        _name(wb, name, ws, target)
    first, end = RESIDENT_HEADER_ROW + 1, RESIDENT_HEADER_ROW + 5000
    ws["A4"].value, ws["A4"].font = "合计", S.BOLD
    totals = resident_totals(first, end)
    # the sheet's own name: a copy of the sheet (a continuation page, 名单（续）) counts its own rows
    ws.defined_names[LIST_ROWS] = DefinedName(LIST_ROWS, attr_text=list_rows(ws.title, first, end))
    for col, formula in totals.items():
        ws[f"{col}4"].value, ws[f"{col}4"].font, ws[f"{col}4"].fill = formula, S.BOLD, S.TOOL_FILL
    ws["B4"].number_format = '0"家"'
    ws["G4"].number_format = '0"人"'
    for col, header in enumerate(RESIDENT_COLUMNS, 1):
        c = ws.cell(RESIDENT_HEADER_ROW, col, header)
        c.font, c.alignment, c.border, c.fill = S.HEADER, S.CENTER, S.BOX, S.HEADER_FILL
    ws.row_dimensions[RESIDENT_HEADER_ROW].height = 32
    for r in range(first, first + rows):
        for col in range(1, len(RESIDENT_COLUMNS) + 1):
            c = ws.cell(r, col)
            # a row of 附件3 is one printed line: a name longer than its column shrinks to fit instead of being cut
            # off at the next column (no client grows the rows of a file it opens)
            c.border, c.alignment = S.BOX, S.SHRINK
            c.number_format = {7: "0", 8: "#,##0.00", 9: "#,##0.00"}.get(col, "@")
            if col in (7, 8, 9):   # a warning only: “—”/不涉及 for a company without that figure is read as blank
                dvs.add(c, "whole" if col == 7 else "decimal", warn=True)
    table = Table(displayName="sb_residents", ref=f"A{RESIDENT_HEADER_ROW}:{last}{first + rows - 1}")
    _columns_named(table, RESIDENT_COLUMNS)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"C{first}"
    S.setup_print(ws, landscape=True, title_rows=f"{RESIDENT_HEADER_ROW}:{RESIDENT_HEADER_ROW}")


def materials_note(rules: Rules) -> str:
    """How to fill the 材料清单, in the notice's words: which sections must be stamped (四（四）、（五）), which papers
    the bureaus write, and what 三（三） says of missing ones (the year file's materials)."""
    def sections(ms: list[Material]) -> str:
        return "、".join(dict.fromkeys(m.section for m in ms))
    optional = "、".join(m.label for m in rules.materials if m.not_applicable)
    return (f"按通知“四、申报材料”逐项填写“是”或“否”（{optional}可选“不涉及”），备注栏可写所在页码；"
            f"{sections([m for m in rules.materials if m.stamp])}须加盖公章；"
            f"“{'”“'.join(m.label for m in rules.materials if m.role == 'bureau')}”由商务部门出具，申报单位可留空。"
            f"{rules.materials_clause}。")


def build_materials_sheet(wb: Workbook, ws: Worksheet, rules: Rules) -> None:
    dvs = _Validations(ws, rules)
    for col, width in zip("ABCD", (20, 56, 12, 24)):
        ws.column_dimensions[col].width = width
    _title(ws, "申报材料清单", "D")
    ws.merge_cells("A2:D2")
    ws["A2"].value = note = materials_note(rules)
    ws["A2"].font, ws["A2"].alignment = S.SMALL, S.WRAP
    ws.row_dimensions[2].height = _row_height(note, 56)
    for col, h in zip("ABCD", ("类别", "材料", "是否提供", "备注")):
        _label(ws[f"{col}3"], h, S.HEADER, S.CENTER)
        ws[f"{col}3"].fill = S.HEADER_FILL
    row = 4
    for m in rules.materials:
        _label(ws[f"A{row}"], m.section, S.BODY)
        _label(ws[f"B{row}"], m.label)
        c = ws[f"C{row}"]
        c.fill, c.border, c.protection, c.alignment = S.INPUT_FILL, S.BOX, S.UNLOCKED, S.CENTER
        dvs.add(c, "list", choices=("是", "否", m.not_applicable) if m.not_applicable else ("是", "否"))
        # the 备注 (where the material is: 第3页、见附件3（已盖章）) wraps in its cell, in a row of two lines: unwrapped it
        # ran out of the table and LibreOffice shrank the whole printed list to take it in
        note = ws[f"D{row}"]
        note.fill, note.border, note.protection, note.alignment = S.INPUT_FILL, S.BOX, S.UNLOCKED, S.WRAP
        _name(wb, m.name, ws, f"C{row}")
        ws.row_dimensions[row].height = max(_row_height(m.label, 50), 15 * 2 + 4)
        row += 1
    _fit_rows(ws, "AB", 4)
    ws.print_area = f"A1:D{row - 1}"
    S.setup_print(ws, title_rows="3:3")
    S.protect(ws)


# --- 评分 (附件5) ----------------------------------------------------------------------------

SCORE_HEADER_ROW = 3


def build_score_sheet(wb: Workbook, ws: Worksheet, app_type: str, rules: Rules, prefix: str = "sb_score") -> dict[str, int]:
    """The 附件5 rubric with suggested-score and reviewer columns and native-formula totals.

    Returns item id → worksheet row.
    """
    ptype = rules.types[app_type]
    dvs = _Validations(ws, rules)
    for col, width in zip("ABCDEFGHI", (12, 14, 6, 50, 6, 7, 36, 9, 16)):
        ws.column_dimensions[col].width = width
    _title(ws, ptype.rubric_title, "I")
    ws.merge_cells("A2:I2")
    ws["A2"].value = "前置条件：" + rules.rubric_info(app_type).precondition
    ws["A2"].font, ws["A2"].alignment = S.BODY, S.WRAP
    ws.row_dimensions[2].height = 30
    for i, h in enumerate(SCORE_COLUMNS, 1):
        c = ws.cell(SCORE_HEADER_ROW, i, h)
        c.font, c.alignment, c.border, c.fill = S.HEADER, S.CENTER, S.BOX, S.HEADER_FILL
    rows: dict[str, int] = {}
    row = SCORE_HEADER_ROW + 1
    for item in rules.rubric(app_type):
        rows[item.id] = row
        values = (item.level1, item.level2, item.id, item.text, item.points)
        for col, v in zip("ABCDE", values):
            _label(ws[f"{col}{row}"], v, S.BODY, S.CENTER if col in "CE" else S.WRAP)
        for col in "FG":
            _label(ws[f"{col}{row}"], None, S.BODY)
            ws[f"{col}{row}"].fill = S.TOOL_FILL
        for col in "HI":
            c = ws[f"{col}{row}"]
            c.fill, c.border, c.protection, c.font, c.alignment = S.INPUT_FILL, S.BOX, S.UNLOCKED, S.BODY, S.CENTER
        dvs.add(ws[f"H{row}"], "score", maximum=float(item.points))
        key = item.id.replace(".", "_")
        _name(wb, f"{prefix}_auto_{key}", ws, f"F{row}")
        _name(wb, f"{prefix}_reason_{key}", ws, f"G{row}")
        _name(wb, f"{prefix}_review_{key}", ws, f"H{row}")
        ws.row_dimensions[row].height = _row_height(item.text, 50)
        row += 1
    _merge_runs(ws, "A", SCORE_HEADER_ROW + 1, row - 1)
    _merge_runs(ws, "B", SCORE_HEADER_ROW + 1, row - 1)
    _fit_rows(ws, "DBA", SCORE_HEADER_ROW + 1)
    first, last = SCORE_HEADER_ROW + 1, row - 1
    # 评审得分 as the tool reads it (a pasted "8分" or "１０" counts, as in review collect and check): hidden columns
    # (“10%” typed into a number cell counts 10, as in review books: percent)
    read = reading_column(ws, "H", SCORE_HEADER_ROW, range(first, last + 1), len(SCORE_COLUMNS) + 2, percent=True)
    ws.conditional_formatting.add(f"H{first}:H{last}", FormulaRule(
        formula=[f'OR({read}{first}="{INVALID}",{read}{first}="{NEGATIVE}",AND(ISNUMBER({read}{first}),OR({read}{first}<0,{read}{first}>E{first})))'],
        fill=S.FINDING_FILL))
    base_rows = [rows[i.id] for i in rules.rubric(app_type) if not i.bonus]
    bonus_rows = [rows[i.id] for i in rules.rubric(app_type) if i.bonus]

    def total_row(label: str, formula: str, name: str, items: bool = True) -> None:
        """``formula`` with X for the column it sums: of the items, 建议分 (F) as written and 评审得分 (H) as read;
        of the totals above (``items`` False), the total's own column."""
        nonlocal row
        ws.merge_cells(f"A{row}:E{row}")
        _label(ws[f"A{row}"], label, S.BOLD, S.CENTER)
        for col, summed in (("F", "F"), ("H", read if items else "H")):
            c = ws[f"{col}{row}"]
            c.value, c.font, c.border, c.alignment = formula.replace("X", summed), S.BOLD, S.BOX, S.CENTER
        _name(wb, f"{prefix}_{name}", ws, f"H{row}")
        _name(wb, f"{prefix}_{name}_auto", ws, f"F{row}")
        row += 1

    total_row(f"基础分小计（满分{ptype.base_total:g}）", f"=SUM({','.join(f'X{r}' for r in base_rows)})", "base")
    if bonus_rows:
        total_row(f"开放创新加分（≤{ptype.bonus_cap:g}分）",
                  f"=MIN({ptype.bonus_cap:g},SUM({','.join(f'X{r}' for r in bonus_rows)}))", "bonus")
        total_row(f"总计（满分{ptype.total:g}）", f"=X{row - 2}+X{row - 1}", "total", items=False)
    else:
        total_row(f"总计（满分{ptype.total:g}）", f"=X{row - 1}", "total", items=False)
    # what the tool says of these scores (check's SCORE_RANGE, review collect): out of range, not all scored, or
    # both of the 跨境电商 items 附件5 gives one of
    ws.merge_cells(f"A{row}:E{row}")
    _label(ws[f"A{row}"], "评审状态", S.BOLD, S.CENTER)
    ws.merge_cells(f"F{row}:I{row}")
    scores = f"{read}{first}:{read}{last}"
    status = ws[f"F{row}"]
    said = status_formula(done_status(rules, app_type, "", read, first),
                          f'({out_of_range(scores, f"E{first}:E{last}")})', f"COUNT({scores})", str(last - first + 1),
                          not_numbers(scores))
    status.value = f'=IF(COUNTA(H{first}:H{last})=0,"",{said[1:]})'    # nothing scored yet (as sent in): blank
    status.font, status.alignment = S.BOLD, S.CENTER
    for col in "FGHI":
        ws[f"{col}{row}"].border = S.BOX
    _name(wb, f"{prefix}_status", ws, f"F{row}")
    row += 1
    ws.print_area = f"A1:I{row - 1}"
    S.setup_print(ws, landscape=True, title_rows=f"{SCORE_HEADER_ROW}:{SCORE_HEADER_ROW}")
    ws.page_setup.fitToHeight = 1   # 附件5 is one table: one page, now that every 三级指标 has its full height
    S.protect(ws)
    return rows


def _merge_runs(ws: Worksheet, col: str, first: int, last: int) -> None:
    start = first
    for r in range(first + 1, last + 2):
        if r > last or ws[f"{col}{r}"].value != ws[f"{col}{start}"].value:
            if r - 1 > start and ws[f"{col}{start}"].value:
                ws.merge_cells(f"{col}{start}:{col}{r - 1}")
            start = r


def build_result_sheet(wb: Workbook, ws: Worksheet) -> None:
    for col, width in zip("ABCDE", (8, 20, 70, 22, 12)):
        ws.column_dimensions[col].width = width
    _title(ws, RESULT_SHEET, "E")
    ws["A2"].value, ws["A2"].font = STATUS_LABEL, S.BOLD
    ws["B2"].value = "尚未检查"
    _name(wb, "sb_result_status", ws, "B2")
    ws["C2"].value = SCORE_LABEL
    ws["C2"].font = S.BOLD
    ws["C2"].alignment = S.Alignment(horizontal="right")
    _name(wb, "sb_result_score", ws, "D2")
    ws["A3"].value = "请运行 shibai check 文件名 --write，或在 Excel 中点击“十百千万 → 检查本申报表”。"
    ws["A3"].font = S.SMALL
    _name(wb, "sb_result_note", ws, "A3")
    for col, h in zip("ABCDE", (*RESULT_HEADER, "")):
        c = ws[f"{col}4"]
        c.value, c.font, c.fill, c.border = h, S.HEADER, S.HEADER_FILL, S.BOX
    # the 说明 cells a check fills in (here, in Excel or in WPS) keep their format: a long message wraps on screen
    # and on paper instead of running under the 位置 column
    for r in range(RESULT_FIRST_ROW, RESULT_FIRST_ROW + RESULT_WRAPPED_ROWS):
        ws[f"C{r}"].alignment = S.WRAP
        for col in "ABD":     # level, code and place beside the message's lines, not under them
            ws[f"{col}{r}"].alignment = S.MIDDLE
    S.setup_print(ws, landscape=True, title_rows="4:4")


# --- whole workbooks ---------------------------------------------------------------------------

def _finish(wb: Workbook, kind: str, rules: Rules) -> Workbook:
    """What kind of workbook this is (for readers), and fixed properties so regenerated templates are identical."""
    _constant(wb, "sb_type", kind)
    _constant(wb, "sb_year", str(rules.year))
    wb.properties.creator = "shibai-xl"
    wb.properties.lastModifiedBy = "shibai-xl"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    return wb


def new_application(app_type: str, rules: Rules | None = None) -> Workbook:
    rules = rules or load()
    wb = S.new_workbook()
    form = wb.active
    form.title = FORM_SHEET
    build_form_sheet(wb, form, app_type, rules)
    build_supplementary_sheet(wb, wb.create_sheet(SUPP_SHEET), app_type, rules)
    if rules.has_resident_list(app_type):
        build_residents_sheet(wb, wb.create_sheet(RES_SHEET), rules)
    build_materials_sheet(wb, wb.create_sheet(MAT_SHEET), rules)
    build_score_sheet(wb, wb.create_sheet(SCORE_SHEET), app_type, rules)
    build_result_sheet(wb, wb.create_sheet(RESULT_SHEET))
    return _finish(wb, app_type, rules)


def new_rubric(app_type: str, rules: Rules | None = None) -> Workbook:
    """A standalone 附件5 评分表 for a reviewer (one project)."""
    rules = rules or load()
    wb = S.new_workbook()
    ws = wb.active
    ws.title = SCORE_SHEET
    build_score_sheet(wb, ws, app_type, rules)
    return _finish(wb, f"rubric-{app_type}", rules)


SUMMARY_COLUMNS = (*SUMMARY_HEADER, *SUMMARY_TOOL_COLUMNS)
SUMMARY_HEADER_ROW = 3
EXCEL_ROWS = 1048576


def _columns_named(table: Table, header: Sequence[str]) -> None:
    """The table's columns and filter as saving would make them (openpyxl names the columns of a table that has none
    from its header row only then): a workbook used before it is saved — merge's new province table, to which it
    adds 报送市州 and 市州备注 — would otherwise save a table of those columns alone over the whole range, which Excel
    "repairs" by deleting it."""
    table.tableColumns = [TableColumn(id=i, name=name) for i, name in enumerate(header, 1)]
    table.autoFilter = AutoFilter(ref=table.ref)


def new_summary(title: str | None = None, rules: Rules | None = None, city: str | None = None) -> Workbook:
    """A blank 附件4; its title is ``title``, else the year file's for ``city`` (or "XX市（州）")."""
    rules = rules or load()
    title = title or rules.titles.summary_for(city)
    wb = S.new_workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    last = get_column_letter(len(SUMMARY_COLUMNS))
    printed = get_column_letter(max(SUMMARY_COLUMNS.index(h) for h in SUMMARY_PRINTED) + 1)
    _title(ws, title, printed)    # centred over the printed page, as refresh merges it
    _name(wb, "sb_summary_title", ws, "A1")
    ws["A2"].value, ws["A2"].font = "填报人：", S.BOLD
    ws.merge_cells("B2:C2")
    ws["E2"].value, ws["E2"].font = "联系方式：", S.BOLD
    ws.merge_cells("F2:G2")
    for ref, name in (("B2", "sb_summary_filler"), ("F2", "sb_summary_phone")):
        ws[ref].fill, ws[ref].border = S.INPUT_FILL, S.BOX
        _name(wb, name, ws, ref)
    for i, h in enumerate(SUMMARY_COLUMNS, 1):
        c = ws.cell(SUMMARY_HEADER_ROW, i, h)
        c.font, c.alignment, c.border = S.HEADER, S.CENTER, S.BOX
        c.fill = S.TOOL_FILL if h in SUMMARY_TOOL_COLUMNS else S.HEADER_FILL
        ws.column_dimensions[get_column_letter(i)].width = SUMMARY_WIDTHS.get(h, DEFAULT_COLUMN_WIDTH)
    ws.row_dimensions[SUMMARY_HEADER_ROW].height = 36
    table = Table(displayName="sb_summary", ref=f"A{SUMMARY_HEADER_ROW}:{last}{SUMMARY_HEADER_ROW + 1}")
    _columns_named(table, SUMMARY_COLUMNS)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"E{SUMMARY_HEADER_ROW + 1}"
    S.setup_print(ws, landscape=True, title_rows=f"{SUMMARY_HEADER_ROW}:{SUMMARY_HEADER_ROW}")
    # a bureau filling it by hand (no refresh sets one) prints 附件4 and 前置条件 … 问题 of every row it types: whole
    # columns, which Excel and WPS show as $A:$P (openpyxl takes no A:P, and reads no such name back)
    ws.print_area = f"A1:{printed}{EXCEL_ROWS}"
    return _finish(wb, "summary", rules)
