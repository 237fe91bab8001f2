"""The generated shibai.xlam."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

from shibai_xl.addin import build, ribbon
from shibai_xl.addin.ovba import module_stream_text
from tests.zip_parts import as_workbook

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
UI_NS = "{http://schemas.microsoft.com/office/2009/07/customui}"

EXPECTED_PARTS = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "customUI/customUI14.xml",
    "customUI/customUI.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/styles.xml",
    "xl/vbaProject.bin",
]


class _Pkg:
    """Read-only view of a zip package held in memory (closed right away)."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None
            self.infos = z.infolist()
            self.parts = {i.filename: z.read(i.filename) for i in self.infos}

    def namelist(self) -> list[str]:
        return [i.filename for i in self.infos]

    def read(self, name: str) -> bytes:
        return self.parts[name]


def _zip(data: bytes) -> _Pkg:
    return _Pkg(data)


def test_build_twice_gives_identical_bytes(tmp_path: Path) -> None:
    a = build.build_addin(tmp_path / "a" / "shibai.xlam")
    b = build.build_addin(tmp_path / "b" / "shibai.xlam")
    assert a.read_bytes() == b.read_bytes()
    assert not list(tmp_path.rglob("*.tmp"))


def test_zip_layout_is_fixed(built_xlam: bytes) -> None:
    z = _zip(built_xlam)
    assert z.namelist() == EXPECTED_PARTS
    for info in z.infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.external_attr == 0o644 << 16 and info.create_system == 0


def test_content_types_and_relationships(built_xlam: bytes) -> None:
    z = _zip(built_xlam)
    names = set(z.namelist())
    types = ET.fromstring(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT_NS + "Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(CT_NS + "Default")}
    assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
    assert defaults["bin"] == "application/vnd.ms-office.vbaProject"
    assert all(p.lstrip("/") in names for p in overrides)

    def rels(part: str) -> dict[str, tuple[str, str]]:
        root = ET.fromstring(z.read(part))
        return {r.get("Type"): (r.get("Id"), r.get("Target")) for r in root.iter(REL_NS + "Relationship")}

    pkg = rels("_rels/.rels")
    assert pkg["http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"][1] == "customUI/customUI14.xml"
    assert pkg["http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"][1] == "customUI/customUI.xml"
    assert pkg["http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"][1] == "xl/workbook.xml"
    wb = rels("xl/_rels/workbook.xml.rels")
    assert wb["http://schemas.microsoft.com/office/2006/relationships/vbaProject"][1] == "vbaProject.bin"
    for target in [t for _, t in pkg.values()] + ["xl/" + t for _, t in wb.values()]:
        assert target in names, target
    # every part (but rels) has a content type, every XML part parses
    for name in names:
        if name.endswith(".xml"):
            ET.fromstring(z.read(name))


def test_workbook_loads_in_openpyxl_and_code_names(built_xlam: bytes) -> None:
    """openpyxl only opens workbook content types, so hand it the same
    package labelled as .xlsm; sheet, code names and VBA must survive."""
    wb = openpyxl.load_workbook(io.BytesIO(as_workbook(built_xlam)), keep_vba=True)
    assert wb.sheetnames == ["_shibai.conf"]
    assert wb.code_name == "ThisWorkbook"
    ws = wb["_shibai.conf"]
    assert ws.sheet_properties.codeName == "Sheet1"
    assert [r[0] for r in ws.iter_rows(values_only=True)] == list(build.XLWINGS_CONF_KEYS)
    assert ws["B7"].value is False and ws["B1"].value is None
    wb.vba_archive.close()   # keep_vba's archive, else closed by the garbage collector over a closed buffer


def test_config_sheet_option() -> None:
    data = build.build_addin_bytes(config={"PYTHONPATH": r"%USERPROFILE%\shibai", "Show Console": True})
    z = _zip(data)
    assert b'name="shibai.conf"' in z.read("xl/workbook.xml")
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "%USERPROFILE%\\shibai" in sheet and '<c r="B2" t="b"><v>1</v></c>' in sheet
    assert "Interpreter_Win" not in sheet  # only the given keys: no empty overrides


def test_olevba_on_xlam_returns_exact_modules(built_xlam: bytes) -> None:
    expected = {m.name: module_stream_text(m) for m in build.addin_modules()}
    parser = VBA_Parser("shibai.xlam", data=built_xlam)
    try:
        found = {sp.split("/")[-1]: code for _f, sp, _v, code in parser.extract_macros()}
    finally:
        parser.close()
    assert list(found) == ["ThisWorkbook", "Sheet1", "xlwings", "Dictionary", "ShibaiRibbon", "xlwings_udfs"]
    assert found == expected


def test_ribbon_module_calls_dispatch(built_xlam: bytes) -> None:
    rib = next(m for m in build.addin_modules() if m.name == "ShibaiRibbon")
    assert f"Public Sub {ribbon.RIBBON_CALLBACK}(control As IRibbonControl)" in rib.source
    assert (
        '    RunPython "import shibai_xl.faces.ribbon_actions as r; '
        "r.dispatch('\" & controlId & \"')\"" in rib.source
    )
    assert "十百千万" in module_stream_text(rib)  # Chinese comment, stored as GBK


def test_xlwings_module_is_installed_custom_addin_variant(xlwings_dir: Path) -> None:
    import xlwings

    from shibai_xl.addin.hardening import harden

    module = build.xlwings_addin_module()
    shipped = (xlwings_dir / "xlwings_custom_addin.bas").read_bytes().decode("utf-8")
    assert "\r\n" in shipped
    ours = module_stream_text(module)
    expected = harden(shipped.replace("\r\n", "\n")).replace("\n", "\r\n")
    assert ours.replace('PROJECT_NAME As String = "shibai"', 'PROJECT_NAME As String = "myaddin"') == expected
    assert ours.count('Public Const PROJECT_NAME As String = "shibai"') == 1
    assert f"'Version: {xlwings.__version__}\r\n" in ours
    assert f"xlwings64-{xlwings.__version__}.dll" in ours
    assert "Function RunPython" in ours and "Function ActiveBookName" in ours


def test_shipped_custom_addin_is_xlwings_release_transformation(xlwings_dir: Path) -> None:
    """Re-derive xlwings_custom_addin.bas from xlwings/addin/*.bas with the
    steps of xlwings' release script (produce_single_module, custom_addin=True).
    Equal up to blank lines (the VBA editor keeps trailing blank lines the
    exported .bas files lack) - so the module we embed is the add-in flavour."""
    import xlwings

    ver = xlwings.__version__
    code = "".join((xlwings_dir / "addin" / f"{n}.bas").read_text("utf-8") for n in ("License", "Main", "Config", "Utils"))
    code = re.sub(r'XLWINGS_VERSION As String = ".*"', f'XLWINGS_VERSION As String = "{ver}"', code)
    code = code.replace("xlwings32-dev.dll", f"xlwings32-{ver}.dll").replace("xlwings64-dev.dll", f"xlwings64-{ver}.dll")
    code = f"'Version: {ver}\n" + code
    code = code.replace('PROJECT_NAME As String = "xlwings"', 'PROJECT_NAME As String = "myaddin"')
    code = code.replace('Attribute VB_Name = "License"', "").replace("Attribute VB_Name", "\n'Attribute VB_Name")
    code = code.replace("Option Explicit", "")
    code = code.replace("#Const App = \"Microsoft Excel\" 'Adjust when using outside of Excel", "")
    head = 'Attribute VB_Name = "xlwings"\n#Const App = "Microsoft Excel" \'Adjust when using outside of Excel\n'
    code = head + "\n".join(code.splitlines())
    shipped = (xlwings_dir / "xlwings_custom_addin.bas").read_text("utf-8")

    def squeeze(text: str) -> list[str]:
        return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]

    assert squeeze(code) == squeeze(shipped)


def _customui(built_xlam: bytes) -> ET.Element:
    return ET.fromstring(_zip(built_xlam).read("customUI/customUI14.xml"))


def test_customui_is_generated_from_button_list(built_xlam: bytes) -> None:
    root = _customui(built_xlam)
    assert root.tag == UI_NS + "customUI"
    tabs = root.findall(f"{UI_NS}ribbon/{UI_NS}tabs/{UI_NS}tab")
    assert len(tabs) == 1 and tabs[0].get("label") == "十百千万"
    groups = tabs[0].findall(UI_NS + "group")
    assert [g.get("label") for g in groups] == ["申报表", "汇总表", "评审", "帮助"]
    xml_buttons = [(g.get("id"), b.attrib) for g in groups for b in g.findall(UI_NS + "button")]
    order = [b.id for g in ribbon.RIBBON_GROUPS for b in ribbon.RIBBON_BUTTONS if b.group == g.id]
    assert [a["id"] for _, a in xml_buttons] == order
    by_id = {b.id: b for b in ribbon.RIBBON_BUTTONS}
    for group_id, attrs in xml_buttons:
        b = by_id[attrs["id"]]
        assert attrs == {
            "id": b.id, "label": b.label, "size": b.size, "imageMso": b.image_mso,
            "screentip": b.screentip, "supertip": b.supertip, "onAction": "SbRibbonAction",
        }
        assert group_id == b.group


def test_office2007_part_is_the_same_ribbon(built_xlam: bytes) -> None:
    z = _zip(built_xlam)
    ui14 = z.read("customUI/customUI14.xml").decode()
    ui12 = z.read("customUI/customUI.xml").decode()
    assert 'xmlns="http://schemas.microsoft.com/office/2006/01/customui"' in ui12
    assert ui12.replace("2006/01/customui", "2009/07/customui") == ui14


def test_required_buttons_present() -> None:
    labels = {b.id: b.label for b in ribbon.RIBBON_BUTTONS}
    assert labels == {
        "sb_check": "检查本申报表",
        "sb_score": "自动评分",
        "sb_residents": "核对入驻名单",
        "sb_refresh": "刷新汇总表",
        "sb_merge": "合并市州汇总",
        "sb_new": "新建申报表",
        "sb_upload_name": "生成上传文件名",
        "sb_review_make": "专家评分表",
        "sb_review_collect": "汇总专家评分",
        "sb_help": "帮助",
    }
    for b in ribbon.RIBBON_BUTTONS:
        assert re.search(r"[\u4e00-\u9fff]", b.screentip) and re.search(r"[\u4e00-\u9fff]", b.supertip)
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", b.image_mso)


def test_adding_a_button_changes_only_the_xml() -> None:
    extra = ribbon.RibbonButton("sb_extra", "新按钮", "Help", "新按钮", "说明", "sb_grp_help")
    xml = ribbon.customui_xml(ribbon.RIBBON_BUTTONS + (extra,))
    root = ET.fromstring(xml)
    assert any(b.get("id") == "sb_extra" and b.get("onAction") == "SbRibbonAction" for b in root.iter(UI_NS + "button"))
    with pytest.raises(ValueError):
        ribbon.customui_xml(ribbon.RIBBON_BUTTONS + (ribbon.RIBBON_BUTTONS[0],))
    with pytest.raises(ValueError):
        ribbon.customui_xml((ribbon.RibbonButton("x", "x", "Help", "x", "x", "no_such_group"),))
    with pytest.raises(ValueError):
        ribbon.RibbonButton("bad id", "x", "Help", "x", "x", "sb_grp_help")


def test_cli_main(tmp_path: Path) -> None:
    assert build.main([str(tmp_path)]) == 0
    assert (tmp_path / "shibai.xlam").read_bytes() == build.build_addin_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shibai.xlam"]   # the fallback is no longer shipped
