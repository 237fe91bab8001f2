"""Every customUI part of the built add-in against Microsoft's schema, every callback it names
against the VBA, every icon against Excel's own control list.

The schemas are Microsoft's ``customUI.xsd`` (2006/01, Office 2007) and ``customui14.xsd``
(2009/07, Office 2010+) from the public Office custom UI editor, in ``../shared/schemas``;
``xmlschema`` loads them as they are (libxml2 rejects some duplicate attribute uses in them).
"""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
import xmlschema
from oletools.olevba import VBA_Parser

from shibai_xl.addin import ribbon
from tests.zip_parts import rewrite

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "schemas"
SCHEMA_FILES = {ribbon.CUSTOMUI_NS: "customUI.xsd", ribbon.CUSTOMUI14_NS: "customui14.xsd"}
XSD = "{http://www.w3.org/2001/XMLSchema}"

pytestmark = pytest.mark.skipif(not SCHEMAS.is_dir(), reason="Microsoft's customUI schemas are in ../shared/schemas")


@lru_cache(None)
def schema(namespace: str) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / SCHEMA_FILES[namespace]))


@lru_cache(None)
def delegate_attributes(namespace: str) -> frozenset[str]:
    """The attributes the schema types ``ST_Delegate``: the ones that name a callback."""
    root = ET.parse(SCHEMAS / SCHEMA_FILES[namespace]).getroot()
    return frozenset(a.get("name") for a in root.iter(XSD + "attribute") if a.get("type") == "ST_Delegate")


def customui_parts(xlam: bytes) -> dict[str, bytes]:
    """Every part the package's relationships declare as ribbon extensibility."""
    with zipfile.ZipFile(io.BytesIO(xlam)) as z:
        rels = ET.fromstring(z.read("_rels/.rels"))
        targets = [r.get("Target") for r in rels if r.get("Type", "").endswith("/ui/extensibility")]
        return {t: z.read(t) for t in targets}


def test_both_ribbon_parts_are_emitted_and_valid(built_xlam):
    parts = customui_parts(built_xlam)
    assert sorted(parts) == ["customUI/customUI.xml", "customUI/customUI14.xml"]
    for name, data in parts.items():
        namespace = ET.fromstring(data).tag[1:].split("}")[0]
        assert namespace == (ribbon.CUSTOMUI14_NS if name.endswith("14.xml") else ribbon.CUSTOMUI_NS)
        schema(namespace).validate(data.decode("utf-8"))


def test_the_schema_check_catches_what_office_rejects():
    bad = ribbon.customui_xml().decode().replace('size="large"', 'size="huge"', 1)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        schema(ribbon.CUSTOMUI14_NS).validate(bad)
    too_long = ribbon.customui_xml().decode().replace('id="sb_check"', f'id="{"x" * 1025}"', 1)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        schema(ribbon.CUSTOMUI14_NS).validate(too_long)


# --- callbacks ----------------------------------------------------------------------------------------

#: What Office passes to a VBA callback, by attribute (and element where it differs): per parameter
#: the type and whether it must be passed ByRef (the value goes back to Office).
CONTROL, RETURNED = ("IRibbonControl", False), ("Variant", True)
SIGNATURES = {
    "onLoad": [("IRibbonUI", False)],
    "loadImage": [("String", False), RETURNED],
    ("onAction", "toggleButton"): [CONTROL, ("Boolean", False)],
    ("onAction", "checkBox"): [CONTROL, ("Boolean", False)],
    "onAction": [CONTROL],
    "onChange": [CONTROL, ("String", False)],
}


def expected_signature(attribute: str, element: str) -> list[tuple[str, bool]]:
    if (attribute, element) in SIGNATURES:
        return SIGNATURES[(attribute, element)]
    if attribute in SIGNATURES:
        return SIGNATURES[attribute]
    if attribute.startswith("getItem"):
        return [CONTROL, ("Integer", False), RETURNED]
    if attribute.startswith("get"):
        return [CONTROL, RETURNED]
    raise AssertionError(f"no known VBA signature for callback attribute {attribute}")


def public_subs(xlam: bytes) -> dict[str, list[tuple[str, str, str]]]:
    """``module.Sub`` → parameters ``(passing, name, type)`` of every public Sub in a standard module."""
    parser = VBA_Parser("addin.xlam", data=xlam)
    try:
        modules = [(sp.split("/")[-1], code.replace("\r\n", "\n")) for _f, sp, _v, code in parser.extract_macros()]
    finally:
        parser.close()
    subs = {}
    for module, code in modules:
        if re.search(r"^Attribute VB_(?:Base|PredeclaredId|Exposed) ", code, flags=re.M):
            continue   # document and class modules: Office cannot call their Subs by name
        for m in re.finditer(r"^(Public |Private )?Sub (\w+)\((.*)\)\s*$", code, flags=re.M):
            if m.group(1) == "Private ":
                continue
            params = []
            for p in filter(None, (s.strip() for s in m.group(3).split(","))):
                pm = re.fullmatch(r"(?:Optional )?(?:(ByVal|ByRef) )?(\w+)(?:\(\))?(?: As (\w+))?(?: = .+)?", p)
                assert pm, f"cannot read parameter {p!r} of {m.group(2)}"
                params.append((pm.group(1) or "ByRef", pm.group(2), pm.group(3) or "Variant"))
            subs[f"{module}.{m.group(2)}"] = params
    return subs


def callbacks(data: bytes) -> list[tuple[str, str, str]]:
    root = ET.fromstring(data)
    namespace = root.tag[1:].split("}")[0]
    names = delegate_attributes(namespace)
    return [(el.tag.split("}")[1], attr, value) for el in root.iter() for attr, value in el.attrib.items() if attr in names]


def unmatched_callbacks(xlam: bytes) -> list[str]:
    subs = public_subs(xlam)
    problems = []
    for part, data in customui_parts(xlam).items():
        for element, attribute, macro in callbacks(data):
            found = [k for k in subs if k == macro or k.endswith("." + macro)]
            if len(found) != 1:
                problems.append(f"{part}: {attribute}={macro}: {len(found)} public Subs of that name")
                continue
            got = [(typ, passing == "ByRef") for passing, _name, typ in subs[found[0]]]
            want = expected_signature(attribute, element)
            if [t for t, _ in got] != [t for t, _ in want] or any(need and not byref for (_, byref), (_, need) in zip(got, want)):
                problems.append(f"{part}: {attribute}={macro}: {subs[found[0]]} is not {want}")
    return problems


def test_every_callback_is_a_public_sub_with_the_signature_office_calls(built_xlam):
    assert {cb for part in customui_parts(built_xlam).values() for _, _, cb in callbacks(part)} == {ribbon.RIBBON_CALLBACK}
    assert unmatched_callbacks(built_xlam) == []


def test_the_callback_check_catches_a_wrong_signature(built_xlam):
    """The same check on a package whose ribbon names a getter with the onAction signature and a missing Sub."""
    wrong = rewrite(built_xlam, edit=lambda name, data: data.replace(
        b'onAction="SbRibbonAction"', b'getEnabled="SbRibbonAction" onAction="SbMissing"', 1)
        if name.startswith("customUI/") else data)
    problems = unmatched_callbacks(wrong)
    assert any("getEnabled=SbRibbonAction" in p for p in problems)
    assert any("onAction=SbMissing: 0 public Subs" in p for p in problems)


# --- icons --------------------------------------------------------------------------------------------

#: Control names from Microsoft's "Office Fluent UI command identifiers" for Excel
#: (github.com/OfficeDev/office-fluent-ui-command-identifiers, excelcontrols.xlsx of Office 2013 and of
#: Microsoft 365 Current Channel 2402): the ones this ribbon uses, present in both lists.
EXCEL_CONTROLS = frozenset({
    "ErrorChecking", "AutoSum", "DataValidation", "FileNew", "FileSaveAsExcelXlsx", "RefreshAll",
    "PivotTableInsert", "ReviewNewComment", "Consolidate", "Help",
})
#: Names of other Office programs that Excel does not know (Outlook, Access): Excel shows no icon.
NOT_EXCEL = frozenset({"AcceptInvitation", "CreateTable", "QueryBuilder"})


def test_icons_are_excel_controls():
    used = {b.image_mso for b in ribbon.RIBBON_BUTTONS}
    assert used <= EXCEL_CONTROLS and not used & NOT_EXCEL
