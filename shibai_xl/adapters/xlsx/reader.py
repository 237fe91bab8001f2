"""Read a filled application workbook into the engine's :class:`Application`.

Fields are found by their workbook-level defined names and the resident list by
its table name ``sb_residents`` — never by cell position — so moved cells,
renamed sheets and inserted rows do not matter. Values are the cached values
Excel/WPS saved (python-calamine reads them fast); a formula without a cached
value is flagged. Macros are never run; their presence is reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import python_calamine

from ...engine import fields as F
from ...engine.application import RESIDENT_HEADER, RESIDENT_USCC, Application, RawField, ResidentRow
from ...engine.findings import Finding, make
from ...engine.parse.text import normalize
from ...rules import Rules, load
from .package import Package, UnreadableFile, cell_styles, open_package
from .refs import col_index, col_letters, split_ref  # noqa: F401  (re-exported for the adapters)

RESIDENT_COLUMNS = (*RESIDENT_HEADER, RESIDENT_USCC)
MAX_RESIDENT_ROWS = 20000


class NotAnApplication(UnreadableFile):
    """A readable workbook that is not an application workbook of this tool."""


def header_key(text: Any) -> str:
    """A 附件3 header as typed (with or without the 统计期 prefix, any brackets) → its contract name."""
    t = re.sub(r"\s+", "", normalize(text))
    t = re.sub(r"^\(?202.年.{0,3}月?-?202.年.{0,3}月?\)?", "", t)
    t = t.replace("(", "（").replace(")", "）")
    for name in RESIDENT_COLUMNS:
        if t == name:
            return name
    if "网络交易额" in t:
        return "年度网络交易额（万元）"
    if "网络零售额" in t:
        return "年度网络零售额（万元）"
    if t.startswith("所属行业"):
        return "所属行业（类型）"
    if "信用代码" in t:
        return RESIDENT_USCC
    return t


def _clean(value: Any) -> Any:
    """calamine gives '' for empty cells and timedelta/time for some date cells."""
    if value == "":
        return None
    if isinstance(value, timedelta):
        return None
    return value


class Grid:
    """A sheet's values as calamine read them, addressed by 1-based row/column."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows

    def get(self, row: int, col: int) -> Any:
        if 1 <= row <= len(self.rows):
            r = self.rows[row - 1]
            if 1 <= col <= len(r):
                return _clean(r[col - 1])
        return None

    @property
    def height(self) -> int:
        return len(self.rows)


@dataclass
class OpenWorkbook:
    pkg: Package
    book: Any
    grids: dict[str, Grid]

    def grid(self, sheet: str) -> Grid:
        if sheet not in self.grids:
            try:
                s = self.book.get_sheet_by_name(sheet)
                self.grids[sheet] = Grid(s.to_python(skip_empty_area=False))
            except Exception as e:  # calamine raises its own error types for broken sheets
                raise UnreadableFile(f"工作表“{sheet}”无法读取（{type(e).__name__}），文件可能已损坏") from None
        return self.grids[sheet]

    def close(self) -> None:
        self.pkg.close()
        try:
            self.book.close()
        except Exception:  # closing twice or a book calamine already released
            pass


def open_workbook(path: str | Path) -> OpenWorkbook:
    pkg = open_package(path)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine's own error classes
        pkg.close()
        raise UnreadableFile(f"工作簿内容无法读取（{type(e).__name__}），文件可能已损坏或不是 Excel 格式") from None
    return OpenWorkbook(pkg, book, {})


def detect_type(pkg: Package, rules: Rules, wb: "OpenWorkbook | None" = None) -> str | None:
    """The project type: the ``sb_type`` name, else the names only one type has, else the form's printed title."""
    declared = pkg.constant("sb_type")
    if declared and rules.type_id(declared):
        return rules.type_id(declared)
    present = {n.lower() for n in pkg.names}
    scores = sorted(((len({x.lower() for x in F.signature_names(t)} & present), t) for t in F.TYPES), reverse=True)
    if scores[0][0] > scores[1][0]:
        return scores[0][1]
    if wb is not None:
        titles = {re.sub(r"\s+", "", t.form_title): t.id for t in rules.types.values()}
        for sheet in pkg.sheets:
            grid = wb.grid(sheet)
            for r in range(1, min(grid.height, 5) + 1):
                for c in range(1, 9):
                    text = re.sub(r"\s+", "", str(grid.get(r, c) or ""))
                    for title, tid in titles.items():
                        if title in text:
                            return tid
    return None


def read_application(path: str | Path, rules: Rules | None = None) -> Application:
    """The application in a workbook file; raises UnreadableFile/NotAnApplication with a Chinese message."""
    rules = rules or load()
    wb = open_workbook(path)
    try:
        return read_open(wb, Path(path), rules)
    finally:
        wb.close()


def read_open(wb: OpenWorkbook, path: Path, rules: Rules) -> Application:
    """The application in an opened workbook (a file, or the xlwings adapter's view of an open book)."""
    pkg = wb.pkg
    app_type = detect_type(pkg, rules, wb)
    if app_type is None:
        raise NotAnApplication(_not_application_message(pkg))
    wanted = [f.name for f in F.fields_for(app_type)]
    located = {n: pkg.named_cell(n) for n in wanted}
    missing = [n for n, loc in located.items() if loc is None or loc[0] not in pkg.sheets]
    if len(missing) > len(wanted) // 2:
        raise NotAnApplication(_not_application_message(pkg, app_type))
    app = Application(type=app_type, source=path.name, year=rules.year)
    by_sheet: dict[str, set[str]] = {}
    for n, loc in located.items():
        if loc and loc[0] in pkg.sheets:
            by_sheet.setdefault(loc[0], set()).add(loc[1])
    styles = {s: cell_styles(pkg, s, refs) for s, refs in by_sheet.items()}
    for n, loc in located.items():
        if n in missing:
            continue
        sheet, ref = loc
        row, col = split_ref(ref)
        value = wb.grid(sheet).get(row, col)
        pct, formula, has_v, error = styles.get(sheet, {}).get(ref, (False, None, True, None))
        no_value = formula is not None and not has_v
        if error:
            value = error  # an Excel error value (#DIV/0!, #REF!…) is reported, not read as blank
        if no_value and F.FIELDS[n].kind in (F.TEXT, F.LONGTEXT):
            value = "=" + formula  # text that a program wrote as a formula: keep it, as text
        app.raw[n] = RawField(value=value, sheet=sheet, cell=ref, percent_format=pct, formula_without_value=no_value)
    for n in missing:
        if F.FIELDS[n].supplementary and F.FIELDS[n].required is None:
            continue  # an optional 补充信息 question a template of an earlier release does not have: not answered
        app.reader_findings.append(make("FIELD_REQUIRED", "warning", field=n, label=F.FIELDS[n].display(app_type),
                                        detail="工作簿中缺少该项的定义名称（模板被改动），请使用 shibai new 生成的模板"))
    for m in rules.materials:
        loc = pkg.named_cell(m.name)
        if loc and loc[0] in pkg.sheets:
            r, c = split_ref(loc[1])
            app.materials[m.name] = RawField(wb.grid(loc[0]).get(r, c), loc[0], loc[1])
    for item in rules.rubric(app_type):  # a reviewer's own scores on the 评分 sheet
        loc = pkg.named_cell(f"sb_score_review_{item.id.replace('.', '_')}")
        if loc and loc[0] in pkg.sheets:
            r, c = split_ref(loc[1])
            value = wb.grid(loc[0]).get(r, c)
            if value not in (None, ""):
                app.reviewer[item.id] = RawField(value, loc[0], loc[1])
    if app_type in ("park", "base"):
        app.residents, app.residents_sheet, more = read_residents(wb)
        app.reader_findings.extend(more)
    if pkg.has_macros:
        app.reader_findings.append(macro_finding(pkg))
    settings = addin_settings_finding(pkg)
    if settings:
        app.reader_findings.append(settings)
    return app


def read_residents(wb: OpenWorkbook) -> tuple[list[ResidentRow] | None, str | None, list[Finding]]:
    table = wb.pkg.tables.get("sb_residents")
    if table is None:
        return None, None, [make("XC_RESIDENT_ROW", "warning", detail="工作簿中没有名为 sb_residents 的入驻企业名单表格，无法核对名单")]
    try:
        first, last = table.ref.split(":")
        r0, c0 = split_ref(first)
        r1, c1 = split_ref(last)
    except ValueError:
        return None, table.sheet, [make("XC_RESIDENT_ROW", "warning", detail=f"入驻企业名单表格范围“{table.ref}”无法识别")]
    grid = wb.grid(table.sheet)
    headers = {}
    for c in range(c0, c1 + 1):
        key = header_key(grid.get(r0, c) or (table.columns[c - c0] if c - c0 < len(table.columns) else ""))
        if key in RESIDENT_COLUMNS and key not in headers.values():
            headers[c] = key
    findings = []
    lacking = [h for h in ("企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）") if h not in headers.values()]
    if lacking:
        findings.append(make("XC_RESIDENT_ROW", "warning", detail="入驻企业名单缺少列：" + "、".join(lacking)))
    rows: list[ResidentRow] = []
    letters = {name: col_letters(c) for c, name in headers.items()}
    cols = [(c - 1, name) for c, name in headers.items()]
    data = grid.rows
    r = r0 + 1
    # rows typed below the table without extending it are read too, while they are not blank
    while r <= grid.height and r - r0 <= MAX_RESIDENT_ROWS:
        line = data[r - 1]
        n = len(line)
        values = {name: (None if i >= n or line[i] == "" else line[i]) for i, name in cols}
        blank = all(v is None or (isinstance(v, str) and not v.strip()) for k, v in values.items() if k != "序号")
        if r > r1 and blank:
            break
        if not blank:
            rows.append(ResidentRow(values=values, sheet=table.sheet, row=r, columns=letters))
        r += 1
    if r - r0 > MAX_RESIDENT_ROWS:
        findings.append(make("XC_RESIDENT_ROW", "warning", detail=f"入驻企业名单超过{MAX_RESIDENT_ROWS}行，只读取了前{MAX_RESIDENT_ROWS}行"))
    return rows, table.sheet, findings


def macro_finding(pkg: Package) -> Finding:
    detail = "文件为启用宏的工作簿"
    try:
        from oletools.olevba import VBA_Parser

        parser = VBA_Parser("vbaProject.bin", data=pkg.read(pkg.vba_part))
        auto = [kw for kind, kw, _ in parser.analyze_macros() if kind == "AutoExec"]
        suspicious = [kw for kind, kw, _ in parser.analyze_macros() if kind == "Suspicious"]
        parser.close()
        if auto:
            detail += f"，其中含有打开即自动运行的宏（{'、'.join(sorted(set(auto))[:3])}）"
        if suspicious:
            detail += f"，含可疑操作（{'、'.join(sorted(set(suspicious))[:3])}）"
        detail += "；请勿在 Excel 中启用宏，建议另存为 .xlsx"
    except Exception:  # oletools may fail on damaged VBA; the presence alone is still reported
        detail += "（宏内容无法分析）；请勿启用宏"
    return make("FILE_MACRO", detail=detail)


def addin_settings_finding(pkg: Package) -> Finding | None:
    """FILE_MACRO for what an xlwings-based Excel add-in would take from the workbook: a sheet or a
    defined name ``*.conf`` (xlwings reads ``xlwings.conf``/``shibai.conf`` sheets, hidden or not, as
    settings that can name the program to run) or a sheet named like a Python file (xlwings runs such
    sheets as code). Any case. The 十百千万 add-in reads neither (docs/addin.md, 安全)."""
    conf = [n for n in pkg.sheets if n.strip().lower().endswith(".conf")]
    code = [n for n in pkg.sheets if n.strip().lower().endswith(".py")]
    names = [n for n in pkg.names if n.strip().lower().endswith(".conf")]
    if not (conf or code or names):
        return None
    parts = ([f"工作表“{n}”像 Excel 加载项（xlwings）的设置表" for n in conf]
             + [f"工作表“{n}”像 xlwings 可执行的 Python 程序" for n in code]
             + [f"定义名称“{n}”像 Excel 加载项（xlwings）的设置" for n in names])
    shown = "、".join(parts[:3]) + (f"等 {len(parts)} 处" if len(parts) > 3 else "")
    return make("FILE_MACRO", detail=f"{shown}。本工具和“十百千万”加载项不会读取它，但其他加载项可能据此运行程序；"
                                      "请勿在装有其他 Excel 加载项的电脑上打开，并请申报单位删除后重新报送")


def _not_application_message(pkg: Package, app_type: str | None = None) -> str:
    sb = sorted(n for n in pkg.names if n.startswith("sb_"))
    sheets = "、".join(list(pkg.sheets)[:6])
    if app_type is None:
        if "sb_summary" in pkg.tables:
            return "这是项目汇总表，不是申报表。检查汇总表请用 shibai refresh。"
        return (f"不是申报表：工作簿（工作表：{sheets}）中没有申报表的定义名称（如 sb_name、sb_uscc）。"
                "请使用 shibai new 生成的申报表模板填写后再检查。")
    present = len(sb)
    return (f"不是完整的申报表：只找到 {present} 个申报表定义名称，缺少大部分字段（如 "
            + "、".join(n for n in ("sb_name", "sb_uscc", "sb_fill_date") if n not in pkg.names)
            + "）。请使用 shibai new 生成的模板。")


def read_table(wb: OpenWorkbook, name: str) -> tuple[list[str], list[dict[str, Any]], str]:
    """(header texts, rows as header → value, sheet) of an Excel table; blank rows skipped."""
    table = wb.pkg.tables.get(name.lower())
    if table is None:
        raise NotAnApplication(f"工作簿中没有名为 {name} 的表格")
    first, last = table.ref.split(":")
    r0, c0 = split_ref(first)
    r1, c1 = split_ref(last)
    grid = wb.grid(table.sheet)
    headers = [normalize(grid.get(r0, c) or "").replace("\n", "").replace(" ", "").replace("(", "（").replace(")", "）")
               for c in range(c0, c1 + 1)]
    rows = []
    for r in range(r0 + 1, r1 + 1):
        values = {h: grid.get(r, c0 + i) for i, h in enumerate(headers) if h}
        if any(v not in (None, "") for v in values.values()):
            rows.append(values)
    return headers, rows, table.sheet
