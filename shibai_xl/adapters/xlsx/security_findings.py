"""What a submitted workbook carries that could run a program on a reviewer's computer, said as FILE_MACRO and
FILE_LINKS findings: macros (with what oletools sees in them), external links and data connections, and what an
xlwings-based add-in would take as settings or code. The tool itself runs and reads none of it (docs/addin.md, 安全)."""
from __future__ import annotations

from ...engine.findings import Finding, make
from .package import Package, macro_sheets_named
from .source import WorkbookSource


def package_findings(pkg: Package) -> list[Finding]:
    """FILE_MACRO for the package's macros, FILE_LINKS for its external links and data connections."""
    links = [make("FILE_LINKS", detail="；".join(pkg.links))] if pkg.links else []
    return ([macro_finding(pkg)] if pkg.has_macros or pkg.macro_sheets else []) + links


def macro_finding(pkg: Package) -> Finding:
    """FILE_MACRO for the VBA project and the Excel 4.0 macro sheets (宏表) of the package."""
    said = [_macro_sheets_said(pkg)] if pkg.macro_sheets else []
    return make("FILE_MACRO", detail="；".join([*said, _vba_said(pkg)] if pkg.has_macros else said))


def _macro_sheets_said(pkg: Package) -> str:
    """Excel 4.0 macro sheets: an old kind of macro that an Auto_Open name runs as the file opens (Excel asks first
    where macros are off, as they are by default; a clerk who clicks 启用 runs it), and the very kind that files
    encrypted with Excel's default password hide from scanners (xls_open.py)."""
    auto = "，工作簿设有打开即自动运行的宏（Auto_Open）" if any("auto_open" in n.casefold() for n in pkg.names) else ""
    return f"含有 Excel 4.0 宏表（{macro_sheets_named(pkg)}）{auto}；请勿在 Excel/WPS 中启用宏，建议删去宏表后另存为 .xlsx"


def _vba_said(pkg: Package) -> str:
    detail = "文件为启用宏的工作簿"
    try:
        from oletools.olevba import VBA_Parser  # here: only a workbook with macros needs it (0.12 s to import)

        parser = (VBA_Parser("vbaProject.bin", data=pkg.read(pkg.vba_part)) if pkg.zf is not None
                  else VBA_Parser(pkg.path.name, data=pkg.clear) if pkg.clear is not None   # decrypted (xls_open.py)
                  else VBA_Parser(str(pkg.path)))   # an .xls: oletools reads the compound file
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
    return detail


def addin_settings_finding(src: WorkbookSource) -> Finding | None:
    """FILE_MACRO for what an xlwings-based Excel add-in would take from the workbook: a sheet or a
    defined name ``*.conf`` (xlwings reads ``xlwings.conf``/``shibai.conf`` sheets, hidden or not, as
    settings that can name the program to run) or a sheet named like a Python file (xlwings runs such
    sheets as code). Any case. The 十百千万 add-in reads neither (docs/addin.md, 安全)."""
    conf = [n for n in src.sheet_names if n.strip().lower().endswith(".conf")]
    code = [n for n in src.sheet_names if n.strip().lower().endswith(".py")]
    names = [n for n in src.names if n.strip().lower().endswith(".conf")]
    if not (conf or code or names):
        return None
    parts = ([f"工作表“{n}”像 Excel 加载项（xlwings）的设置表" for n in conf]
             + [f"工作表“{n}”像 xlwings 可执行的 Python 程序" for n in code]
             + [f"定义名称“{n}”像 Excel 加载项（xlwings）的设置" for n in names])
    shown = "、".join(parts[:3]) + (f"等 {len(parts)} 处" if len(parts) > 3 else "")
    return make("FILE_MACRO", detail=f"{shown}。本工具和“十百千万”加载项不会读取它，但其他加载项可能据此运行程序；"
                                      "请勿在装有其他 Excel 加载项的电脑上打开，并请申报单位删除后重新报送")
