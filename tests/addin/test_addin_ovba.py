"""vbaProject.bin writer: olevba round trip and structure vs. xlwings' add-in."""

from __future__ import annotations

import re

import pytest
from oletools.olevba import VBA_Parser

from shibai_xl.addin.ovba import (
    VbaModule,
    build_vba_project,
    decompress,
    decrypt_data,
    encrypt_data,
    module_stream_text,
    parse_project_stream,
    vba_module_from_export,
)

CHINESE = "检查本申报表：必填项“企业名称”不能为空！"
BIG_BODY = "".join(
    f'Public Function F{i}(x As Long) As String\r\n    F{i} = "{CHINESE}" & CStr(x * {i})\r\nEnd Function\r\n\r\n'
    for i in range(400)
)
MODULES = [
    VbaModule("ThisWorkbook", "Option Explicit\r\n", kind="document"),
    VbaModule("Sheet1", "", kind="document"),
    VbaModule("Big", BIG_BODY),  # > 40 KB: many chunks
    VbaModule("Tiny", "Sub T()\nEnd Sub"),  # LF input, no final newline
    VbaModule("Cls", "Private mX As Long\r\n", kind="class", attributes=(("VB_Exposed", "True"),)),
    VbaModule("Ribbon", f"' {CHINESE}\r\nSub A(control As IRibbonControl)\r\n    MsgBox \"{CHINESE}\"\r\nEnd Sub\r\n"),
]

# The ids that make up one MODULE record, in order ([MS-OVBA] 2.3.4.2.3.2).
MODULE_IDS = [0x19, 0x47, 0x1A, 0x32, 0x1C, 0x48, 0x31, 0x1E, 0x2C, "type", 0x2B]


@pytest.fixture(scope="module")
def sample_bin() -> bytes:
    return build_vba_project(MODULES, project_name="shibai", codepage=936)


def _olevba_modules(data: bytes, filename: str = "vbaProject.bin") -> dict[str, tuple[str, str]]:
    parser = VBA_Parser(filename, data=data)
    try:
        out = {}
        for _file, stream_path, vba_filename, code in parser.extract_macros():
            out[stream_path.split("/")[-1]] = (vba_filename, code)
        return out
    finally:
        parser.close()


def test_olevba_returns_exact_source(sample_bin: bytes) -> None:
    found = _olevba_modules(sample_bin)
    assert set(found) == {m.name for m in MODULES}
    for m in MODULES:
        vba_filename, code = found[m.name]
        assert code == module_stream_text(m)
        assert vba_filename == m.name + (".bas" if m.kind == "standard" else ".cls")
    assert CHINESE in found["Ribbon"][1]
    assert found["Big"][1].count(CHINESE) == 400


def test_module_text_has_excel_attribute_header() -> None:
    text = module_stream_text(MODULES[3])
    assert text == 'Attribute VB_Name = "Tiny"\r\nSub T()\r\nEnd Sub\r\n'
    cls = module_stream_text(MODULES[4]).split("\r\n")
    assert cls[:9] == [
        'Attribute VB_Name = "Cls"',
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = False",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = False",
        "Private mX As Long",
    ]


def test_streams_and_dir(sample_bin: bytes, project_reader) -> None:
    proj = project_reader(sample_bin)
    streams = proj["streams"]
    assert set(streams) == {"PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir"} | {
        f"VBA/{m.name}" for m in MODULES
    }
    # 2.3.4.1: Version 0xFFFF and no PerformanceCache -> Office recompiles
    assert streams["VBA/_VBA_PROJECT"] == bytes.fromhex("CC61FFFF000100")
    assert proj["codepage"] == 936
    recs = dict(proj["records"][:10])
    assert recs[0x0004] == b"shibai"
    assert [m["name"].decode() for m in proj["modules"]] == [m.name for m in MODULES]
    for m, rec in zip(MODULES, proj["modules"]):
        assert rec["offset"] == 0  # MODULEOFFSET: no p-code before the source
        assert rec["type"] == (0x21 if m.kind == "standard" else 0x22)
        raw = streams["VBA/" + rec["stream"].decode()]
        assert decompress(raw) == module_stream_text(m).encode("gbk")
    count = next(p for r, p in proj["records"] if r == 0x000F)
    assert int.from_bytes(count, "little") == len(MODULES)


def test_projectwm(sample_bin: bytes, project_reader) -> None:
    wm = project_reader(sample_bin)["streams"]["PROJECTwm"]
    expected = b"".join(m.name.encode() + b"\0" + m.name.encode("utf-16-le") + b"\0\0" for m in MODULES)
    assert wm == expected + b"\0\0"


def _id_sequence(records) -> list:
    return [rid for rid, _ in records]


def _split_dir(records):
    ids = _id_sequence(records)
    first_ref = ids.index(0x16)
    modules_at = ids.index(0x0F)
    info = ids[:first_ref]
    refs = ids[first_ref:modules_at]
    rest = ids[modules_at:]
    return info, refs, rest


def test_dir_record_order_matches_xlwings_addin(built_project, template_project) -> None:
    """Same record ids in the same order as the dir stream of xlwings' add-in."""
    ours_info, ours_refs, ours_rest = _split_dir(built_project["records"])
    tmpl_info, tmpl_refs, tmpl_rest = _split_dir(template_project["records"])
    assert ours_info == tmpl_info
    assert ours_info == [0x01, 0x02, 0x14, 0x03, 0x04, 0x05, 0x40, 0x06, 0x3D, 0x07, 0x08, 0x09, 0x0C, 0x3C]

    # References: ours are REFERENCEREGISTERED (stdole, Office); the template has
    # MSForms (REFERENCECONTROL) + Office.  The Office reference must look alike.
    def refs_by_name(records):
        out, name = {}, None
        for rid, payload in records:
            if rid == 0x16:
                name = payload.decode()
                out.setdefault(name, [])
            if name is not None and rid in (0x16, 0x3E, 0x0D, 0x0E, 0x2F, 0x30, 0x33):
                out[name].append((rid, payload))
            if rid == 0x0F:
                break
        return out

    ours = refs_by_name(built_project["records"])
    tmpl = refs_by_name(template_project["records"])
    assert list(ours) == ["stdole", "Office"]
    assert [r for r, _ in ours["Office"]] == [r for r, _ in tmpl["Office"]] == [0x16, 0x3E, 0x0D]
    guid = re.compile(rb"\{[0-9A-F-]{36}\}#[0-9.]+#")
    assert guid.search(ours["Office"][2][1]).group() == guid.search(tmpl["Office"][2][1]).group()
    assert ours_refs == [0x16, 0x3E, 0x0D, 0x16, 0x3E, 0x0D]

    # Modules: PROJECTMODULES, PROJECTCOOKIE, then identical MODULE record runs.
    def module_runs(rest, records):
        assert rest[:2] == [0x0F, 0x13] and rest[-1] == 0x10
        body, runs, cur = rest[2:-1], [], []
        for rid in body:
            cur.append("type" if rid in (0x21, 0x22) else rid)
            if rid == 0x2B:
                runs.append(cur)
                cur = []
        assert cur == []
        return runs

    our_runs = module_runs(ours_rest, built_project["records"])
    tmpl_runs = module_runs(tmpl_rest, template_project["records"])
    assert len(our_runs) == 6 and len(tmpl_runs) == 5
    assert all(run == MODULE_IDS for run in our_runs + tmpl_runs)
    # MODULETYPE per module kind, as in the template (ThisWorkbook/Sheet: 0x22)
    tmpl_types = {m["name"]: m["type"] for m in template_project["modules"]}
    our_types = {m["name"]: m["type"] for m in built_project["modules"]}
    assert tmpl_types[b"ThisWorkbook"] == our_types[b"ThisWorkbook"] == 0x22
    assert tmpl_types[b"Dictionary"] == our_types[b"Dictionary"] == 0x22
    assert tmpl_types[b"xlwings"] == our_types[b"xlwings"] == 0x21


def _collapse(sections):
    """Replace module lines (Document=/Module=/Class=) by one marker."""
    out = []
    for name, keys in sections:
        collapsed = []
        for k in keys:
            k = "<module>" if k in ("Document", "Module", "Class") else k
            if not (collapsed and collapsed[-1] == k == "<module>"):
                collapsed.append(k)
        out.append((name, collapsed))
    return out


def test_project_stream_structure_matches_xlwings_addin(built_project, template_project) -> None:
    ours_text = built_project["streams"]["PROJECT"].decode("gbk")
    tmpl_text = template_project["streams"]["PROJECT"].decode("cp1252")
    ours, tmpl = parse_project_stream(ours_text), parse_project_stream(tmpl_text)
    assert [s for s, _ in ours] == [s for s, _ in tmpl] == [None, "Host Extender Info", "Workspace"]
    assert _collapse(ours)[:2] == _collapse(tmpl)[:2]
    assert _collapse(ours)[0][1] == [
        "ID", "<module>", "Name", "HelpContextID", "VersionCompatible32", "CMG", "DPB", "GC"
    ]
    # Workspace lists every module, once
    assert sorted(ours[2][1]) == sorted(m["name"].decode() for m in built_project["modules"])
    host = [line for line in ours_text.splitlines() if line.startswith("&H00000001=")]
    assert host == [line for line in tmpl_text.splitlines() if line.startswith("&H00000001=")]
    assert ours_text.endswith("\r\n\r\n") and "\r\n" in ours_text and "\n\n" not in ours_text.replace("\r\n", "")
    lines = dict(line.split("=", 1) for line in ours_text.split("\r\n") if "=" in line and not line.startswith("&H"))
    assert lines["Name"] == '"shibai"'
    assert re.fullmatch(r'"\{[0-9A-F-]{36}\}"', lines["ID"])
    kinds = [line for line in ours_text.split("\r\n") if line.split("=")[0] in ("Document", "Module", "Class")]
    assert kinds == [
        "Document=ThisWorkbook/&H00000000",
        "Document=Sheet1/&H00000000",
        "Module=xlwings",
        "Class=Dictionary",
        "Module=ShibaiRibbon",
        "Module=xlwings_udfs",
    ]


def _project_values(text: str) -> dict[str, str]:
    return {
        k: v.strip('"')
        for k, v in (line.split("=", 1) for line in text.split("\r\n") if "=" in line and not line.startswith("&H"))
        if k in ("ID", "CMG", "DPB", "GC")
    }


def test_protection_fields_decrypt(built_project, template_project) -> None:
    """Our 2.4.3 decryptor reads Excel's CMG/DPB/GC (ProjKey check included);
    ours decrypt to 'not protected', 'no password', 'visible'."""
    for proj, enc in ((template_project, "cp1252"), (built_project, "gbk")):
        v = _project_values(proj["streams"]["PROJECT"].decode(enc))
        assert decrypt_data(bytes.fromhex(v["CMG"]), v["ID"]) == bytes(4)
        assert decrypt_data(bytes.fromhex(v["DPB"]), v["ID"]) == b"\x00"
        assert decrypt_data(bytes.fromhex(v["GC"]), v["ID"]) == b"\xff"
        assert 22 <= len(v["CMG"]) <= 28 and 16 <= len(v["GC"]) <= 22  # 2.3.1.15 / 2.3.1.17


@pytest.mark.parametrize("seed", range(0, 256, 7))
def test_encryption_round_trip(seed: int) -> None:
    pid = "{01234567-89AB-CDEF-0123-456789ABCDEF}"
    for data in (b"", b"\x00", bytes(4), bytes(range(29))):
        blob = encrypt_data(pid, data, seed, ignored=seed ^ 0x55)
        assert len(blob) == 3 + (seed & 6) // 2 + 4 + len(data)
        assert decrypt_data(blob, pid) == data
    with pytest.raises(ValueError):
        decrypt_data(encrypt_data(pid, b"\x00", seed), "{00000000-0000-0000-0000-000000000000}")


def test_template_modules_decompress_like_olevba(template_xlam: bytes, template_project) -> None:
    """Decompressing the xlwings add-in's module streams (Excel/Aspose-written)
    from MODULEOFFSET gives exactly what olevba shows."""
    olevba = _olevba_modules(template_xlam, "quickstart_addin_ribbon.xlam")
    assert set(olevba) == {m["name"].decode() for m in template_project["modules"]}
    for m in template_project["modules"]:
        raw = template_project["streams"]["VBA/" + m["stream"].decode()][m["offset"] :]
        assert decompress(raw).decode("cp1252") == olevba[m["name"].decode()][1]


def test_generated_headers_equal_excel_stored_text(xlwings_dir, template_project) -> None:
    """Document and class module text we generate equals what Excel stored."""
    stored = {
        m["name"].decode(): decompress(
            template_project["streams"]["VBA/" + m["stream"].decode()][m["offset"] :]
        ).decode("cp1252")
        for m in template_project["modules"]
    }
    assert module_stream_text(VbaModule("ThisWorkbook", "", kind="document")) == stored["ThisWorkbook"]
    assert module_stream_text(VbaModule("Sheet2", "", kind="document")) == stored["Sheet2"]
    dictionary = vba_module_from_export((xlwings_dir / "addin" / "Dictionary.cls").read_text("utf-8"))
    assert dictionary.kind == "class"
    ours = module_stream_text(dictionary)
    header = [line for line in ours.split("\r\n") if line.startswith("Attribute VB_")]
    assert len(header) == 9
    assert stored["Dictionary"].split("\r\n")[:9] == header
    # The VBA editor re-cases identifiers it knows (err.Raise -> Err.Raise);
    # apart from that the stored module is the .cls body unchanged.
    assert ours.lower() == stored["Dictionary"].lower()


def test_deterministic_and_project_specific() -> None:
    a = build_vba_project(MODULES)
    assert a == build_vba_project(list(MODULES))
    assert a != build_vba_project(MODULES, project_name="other")


@pytest.mark.parametrize(
    "modules,kwargs",
    [
        ([VbaModule("A", "' 😀 not in GBK")], {}),
        ([VbaModule("A", ""), VbaModule("a", "")], {}),
        ([], {}),
        ([VbaModule("A", "")], {"project_name": "十百千万"}),
    ],
    ids=["not-gbk", "duplicate", "empty", "non-ascii-project"],
)
def test_rejects_bad_input(modules, kwargs) -> None:
    with pytest.raises(ValueError):
        build_vba_project(modules, **kwargs)


@pytest.mark.parametrize("name", ["1abc", "a-b", "模块", "x" * 32, ""])
def test_rejects_bad_module_names(name: str) -> None:
    with pytest.raises(ValueError):
        VbaModule(name, "")
