"""Build the shibai-xl Excel add-in (``.xlam``) from source, without Excel.

:func:`build_addin` -> ``workbooks/shibai.xlam``
    Generated entirely here: the ribbon XML (``customUI/customUI14.xml`` for
    Office 2010+, plus the same ribbon as Office 2007 ``customUI/customUI.xml``
    which newer Office ignores) comes from
    :data:`shibai_xl.addin.ribbon.RIBBON_BUTTONS`, the ``vbaProject.bin`` is
    written by :mod:`shibai_xl.addin.ovba` from VBA source text.  The VBA
    project ``shibai`` (code page 936) holds

    * ``ThisWorkbook`` and ``Sheet1`` - document modules of the workbook and
      of its single sheet ``_shibai.conf``;
    * ``xlwings`` - the *custom add-in* flavour of xlwings' VBA module, taken
      from the installed xlwings package at build time (see
      :func:`xlwings_addin_module`), so it always matches the installed
      xlwings version and its ``xlwings64-<version>.dll``, with the changes of
      :mod:`shibai_xl.addin.hardening`: settings only from the add-in itself and
      the user's settings file, nothing a workbook carries on ``sys.path``;
    * ``Dictionary`` - the class module xlwings needs on macOS;
    * ``ShibaiRibbon`` - ``SbRibbonAction(control)``, the one callback of all
      buttons, which runs
      ``shibai_xl.faces.ribbon_actions.dispatch(control.Id)`` via RunPython
      (帮助, and the message for "no workbook open", without Python);
    * ``xlwings_udfs`` - the wrappers of the Excel formulas ``SB_…`` in
      ``udfs/shibai_udfs.py``, exactly as xlwings' *Import Functions* would
      generate them (:mod:`shibai_xl.addin.udf_module`), so users never need
      that step nor "Trust access to the VBA project object model";
      ``ThisWorkbook``'s ``Workbook_Open`` registers their Chinese
      descriptions (``Application.MacroOptions``) as that step would.

    Nothing in it carries a timestamp; building twice gives the same bytes.

The project used to ship a second, "fallback" add-in: a byte copy of xlwings'
``quickstart_addin_ribbon.xlam``.  Its VBA (saved by xlwings' release script
with Aspose.Cells, a commercial .NET library, not by Excel) reads settings from
the active workbook and its folder and puts that folder on ``sys.path``; it
cannot be changed without rewriting its VBA project, which is what
:func:`build_addin` does.  It is no longer shipped (docs/addin.md).

Run ``python -m shibai_xl.addin.build [OUTDIR]`` to write the add-in.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from ..adapters.files import write_atomic
from . import hardening, ribbon, udf_module
from .ovba import VbaModule, build_vba_project, vba_module_from_export

__all__ = [
    "ADDIN_PROJECT_NAME",
    "ADDIN_TITLE",
    "DEFAULT_ADDIN_PATH",
    "XLWINGS_CONF_KEYS",
    "addin_modules",
    "addin_parts",
    "build_addin",
    "build_addin_bytes",
    "build_vba_bin",
    "xlwings_addin_module",
    "xlwings_package_dir",
]

#: VBA project name; also xlwings' PROJECT_NAME, so the add-in reads its
#: settings from a ``shibai.conf`` sheet, ``%USERPROFILE%\\.shibai\\shibai.conf``
#: (Windows) or ``~/Library/Containers/com.microsoft.Excel/Data/shibai.conf``.
ADDIN_PROJECT_NAME = "shibai"
ADDIN_TITLE = "十百千万"
ADDIN_DESCRIPTION = "贵州省电子商务“十百千万”工程示范项目申报：申报表、汇总表的检查、评分与一键刷新。"

DEFAULT_ADDIN_PATH = Path("workbooks") / "shibai.xlam"

#: Keys of xlwings' config sheet, in the order xlwings' templates list them.
XLWINGS_CONF_KEYS = (
    "Interpreter_Win",
    "Interpreter_Mac",
    "PYTHONPATH",
    "Conda Path",
    "Conda Env",
    "UDF Modules",
    "Debug UDFs",
    "Use UDF Server",
    "Show Console",
)
_CONF_DEFAULT_FALSE = ("Debug UDFs", "Use UDF Server", "Show Console")

_HERE = Path(__file__).resolve().parent
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
#: customUI14.xml (2009/07 namespace) is referenced with the *2007* type,
#: customUI.xml (2006/01 namespace) with the 2006 type.
REL_UI14 = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
REL_UI = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
CT_ADDIN_MAIN = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
CT_VBA = "application/vnd.ms-office.vbaProject"

_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# ---------------------------------------------------------------------------
# VBA modules
# ---------------------------------------------------------------------------


def xlwings_package_dir() -> Path:
    """Directory of the installed ``xlwings`` package (not imported: on Linux
    importing xlwings is fine, but only its data files are needed)."""
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("xlwings is not installed; it is needed to build the add-in")
    return Path(list(spec.submodule_search_locations)[0])


def xlwings_addin_module(project_name: str = ADDIN_PROJECT_NAME) -> VbaModule:
    """The xlwings VBA module in its *custom add-in* flavour, for this project.

    xlwings ships two single-module variants, both produced by its release
    script (``scripts/build_excel_files.py``, ``produce_single_module``) from
    the modules of its own add-in:

    * ``xlwings.bas`` - for a workbook (``ActiveWorkbook`` -> ``ThisWorkbook``);
    * ``xlwings_custom_addin.bas`` - for a custom add-in: keeps
      ``ActiveWorkbook`` (the add-in acts on the workbook the user is in),
      drops the ``Extensions`` module, and sets ``PROJECT_NAME = "myaddin"``.

    ``xlwings vba copy --addin`` (``cli.copy_vba``) hands out the latter, and
    ``xlwings quickstart --addin`` copies add-ins that embed it.  The
    documented way to brand a custom add-in ("Renaming your add-in") is to
    change ``PROJECT_NAME`` to the add-in's name; that is the only change
    made here.  ``PROJECT_NAME`` names the config sheet (``<name>.conf``) and
    the user config file (``~/.<name>/<name>.conf``).  Then
    :func:`shibai_xl.addin.hardening.harden` removes what would let the active
    workbook choose settings or code.
    """
    path = xlwings_package_dir() / "xlwings_custom_addin.bas"
    text = path.read_text(encoding="utf-8")
    old = 'Public Const PROJECT_NAME As String = "myaddin"'
    if text.count(old) != 1:
        raise RuntimeError(f"{path} no longer contains exactly one {old!r}; check the xlwings version")
    text = text.replace(old, f'Public Const PROJECT_NAME As String = "{project_name}"')
    module = vba_module_from_export(hardening.harden(text), kind="standard")
    if module.name != "xlwings":
        raise RuntimeError(f"{path}: unexpected module name {module.name!r}")
    return module


def _dictionary_module() -> VbaModule:
    path = xlwings_package_dir() / "addin" / "Dictionary.cls"
    return vba_module_from_export(path.read_text(encoding="utf-8"), kind="class")


def _ribbon_module() -> VbaModule:
    static = (_HERE / "ShibaiRibbon.bas").read_text(encoding="utf-8")
    return vba_module_from_export(static.rstrip("\n") + "\n" + ribbon.vba_helpers())


def addin_modules(
    project_name: str = ADDIN_PROJECT_NAME, udf_file: str | Path | None = udf_module.UDF_FILE
) -> list[VbaModule]:
    """All modules of the add-in's VBA project, in project order.

    With the UDF source ``udf_file`` (default ``udfs/shibai_udfs.py``) the
    project also holds ``xlwings_udfs``, the formula wrappers xlwings' *Import
    Functions* would generate, and ``ThisWorkbook`` registers the formulas'
    Chinese descriptions on ``Workbook_Open`` (see :mod:`.udf_module`).
    Without it (``None``, or no such file) there are no formulas.
    """
    udfs = udf_module.addin_udfs(udf_file)
    this_workbook = udfs.this_workbook_source if udfs else "Option Explicit\n"
    return [
        VbaModule("ThisWorkbook", this_workbook, kind="document"),
        VbaModule("Sheet1", "", kind="document"),
        xlwings_addin_module(project_name),
        _dictionary_module(),
        _ribbon_module(),
        *([udfs.xlwings_udfs] if udfs else []),
    ]


def build_vba_bin(
    project_name: str = ADDIN_PROJECT_NAME, udf_file: str | Path | None = udf_module.UDF_FILE
) -> bytes:
    """``xl/vbaProject.bin`` of the add-in."""
    return build_vba_project(
        addin_modules(project_name, udf_file),
        project_name=project_name,
        codepage=936,
        docstring=ADDIN_DESCRIPTION,
    )


# ---------------------------------------------------------------------------
# SpreadsheetML parts
# ---------------------------------------------------------------------------


def _rels(rels: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{typ}" Target="{target}"/>' for rid, typ, target in rels
    )
    return (_XML_DECL + f'<Relationships xmlns="{NS_PKG_REL}">{body}</Relationships>').encode()


def _content_types() -> bytes:
    parts = [
        ("/xl/workbook.xml", CT_ADDIN_MAIN),
        ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"),
        ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    xml = (
        _XML_DECL
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + f'<Default Extension="bin" ContentType="{CT_VBA}"/>'
        + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        + '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in parts)
        + "</Types>"
    )
    return xml.encode()


def _workbook_xml(sheet_name: str) -> bytes:
    xml = (
        _XML_DECL
        + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
        + '<workbookPr codeName="ThisWorkbook"/>'
        + '<bookViews><workbookView visibility="hidden" xWindow="0" yWindow="0"'
        + ' windowWidth="16000" windowHeight="9000"/></bookViews>'
        + f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets>'
        + "</workbook>"
    )
    return xml.encode()


def _cell(ref: str, value: object) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def _sheet_xml(rows: list[tuple[str, object]]) -> bytes:
    data = []
    for i, (key, value) in enumerate(rows, start=1):
        cells = _cell(f"A{i}", key)
        if value is not None and value != "":
            cells += _cell(f"B{i}", value)
        data.append(f'<row r="{i}">{cells}</row>')
    last = max(len(rows), 1)
    xml = (
        _XML_DECL
        + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
        + '<sheetPr codeName="Sheet1"/>'
        + f'<dimension ref="A1:B{last}"/>'
        + '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        + '<sheetFormatPr defaultRowHeight="14.25"/>'
        + '<cols><col min="1" max="1" width="18" customWidth="1"/><col min="2" max="2" width="40" customWidth="1"/></cols>'
        + f'<sheetData>{"".join(data)}</sheetData>'
        + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        + "</worksheet>"
    )
    return xml.encode()


def _styles_xml() -> bytes:
    xml = (
        _XML_DECL
        + f'<styleSheet xmlns="{NS_MAIN}">'
        + '<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>'
        + '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        + '<fill><patternFill patternType="gray125"/></fill></fills>'
        + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        + '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        + "</styleSheet>"
    )
    return xml.encode()


def _core_xml() -> bytes:
    # Excel's add-in manager shows dc:title as the add-in's name and
    # dc:description as its description.  No dates: reproducible output.
    xml = (
        _XML_DECL
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        + ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        + ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + f"<dc:title>{escape(ADDIN_TITLE)}</dc:title>"
        + f"<dc:description>{escape(ADDIN_DESCRIPTION)}</dc:description>"
        + "<dc:creator>shibai-xl</dc:creator>"
        + "</cp:coreProperties>"
    )
    return xml.encode()


def _app_xml() -> bytes:
    xml = (
        _XML_DECL
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        + ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        + "<Application>shibai-xl</Application><DocSecurity>0</DocSecurity>"
        + "</Properties>"
    )
    return xml.encode()


def addin_parts(
    config: dict[str, object] | None = None, project_name: str = ADDIN_PROJECT_NAME
) -> dict[str, bytes]:
    """All parts of the add-in package, in the order they are zipped.

    Without ``config`` the one sheet is ``_<project>.conf`` - xlwings' inactive
    config template (the leading underscore switches it off), as in xlwings'
    own custom add-in.  With ``config`` (e.g. ``{"PYTHONPATH": "..."}``) the
    sheet is named ``<project>.conf`` and holds exactly those keys, which
    then override the user's config file (xlwings reads the add-in's sheet
    before ``~/.<project>/<project>.conf``).
    """
    if config is None:
        sheet_name = f"_{project_name}.conf"
        rows: list[tuple[str, object]] = [
            (k, False if k in _CONF_DEFAULT_FALSE else None) for k in XLWINGS_CONF_KEYS
        ]
    else:
        sheet_name = f"{project_name}.conf"
        rows = list(config.items())
        if not rows:
            raise ValueError("config must not be empty (omit it for the inactive template)")
    return {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _rels(
            [
                ("rId1", REL_OFFICE_DOC, "xl/workbook.xml"),
                ("rId2", REL_CORE, "docProps/core.xml"),
                ("rId3", REL_APP, "docProps/app.xml"),
                ("rId4", REL_UI14, "customUI/customUI14.xml"),
                ("rId5", REL_UI, "customUI/customUI.xml"),
            ]
        ),
        "docProps/core.xml": _core_xml(),
        "docProps/app.xml": _app_xml(),
        "customUI/customUI14.xml": ribbon.customui_xml(),
        "customUI/customUI.xml": ribbon.customui_xml(namespace=ribbon.CUSTOMUI_NS),
        "xl/workbook.xml": _workbook_xml(sheet_name),
        "xl/_rels/workbook.xml.rels": _rels(
            [
                ("rId1", REL_WORKSHEET, "worksheets/sheet1.xml"),
                ("rId2", REL_STYLES, "styles.xml"),
                ("rId3", REL_VBA, "vbaProject.bin"),
            ]
        ),
        "xl/worksheets/sheet1.xml": _sheet_xml(rows),
        "xl/styles.xml": _styles_xml(),
        "xl/vbaProject.bin": build_vba_bin(project_name),
    }


def _zip(parts: dict[str, bytes]) -> bytes:
    """Deterministic zip: fixed order, fixed 1980-01-01 timestamps, fixed
    attributes, DEFLATE level 9 (same zlib -> same bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, as Excel writes
            info.external_attr = 0o644 << 16  # set explicitly (zipfile would pick 0o600)
            zf.writestr(info, data)
    return buf.getvalue()


def build_addin_bytes(config: dict[str, object] | None = None) -> bytes:
    """The ``.xlam`` file as bytes (see :func:`addin_parts` for ``config``)."""
    return _zip(addin_parts(config))


def _write(path: Path, data: bytes) -> Path:
    """Written whole or not at all, no temp file left (Excel opens every file in XLSTART), no backup beside it."""
    write_atomic(path, lambda tmp: tmp.write_bytes(data), backup=False)
    return path


def build_addin(
    out_path: str | Path = DEFAULT_ADDIN_PATH, config: dict[str, object] | None = None
) -> Path:
    """Write the generated add-in (default ``workbooks/shibai.xlam``); return its path."""
    return _write(Path(out_path), build_addin_bytes(config))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    outdir = Path(argv[0]) if argv else Path("workbooks")
    print(build_addin(outdir / "shibai.xlam"))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
