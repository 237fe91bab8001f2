"""The formulas' VBA in the generated add-in (module ``xlwings_udfs`` and the
``MacroOptions`` registration in ``ThisWorkbook``), checked against xlwings'
own ``import_udfs`` / ``generate_vba_wrapper`` as the oracle; and the ribbon
mock-up picture.

xlwings' ``udfs.py`` imports pywin32 at the top, so the oracle is loaded with
stub ``pythoncom``/``pywintypes``/``win32com.client`` modules (as in
``tests/test_udfs.py``): only its pure parts run - the decorators, the VBA
writer, and ``import_udfs`` against a fake workbook that records the file it
is asked to import and the ``Application.MacroOptions`` calls.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xlwings as xw
from oletools.olevba import VBA_Parser

from shibai_xl.addin import build, mockup, ribbon, udf_module
from shibai_xl.addin.ovba import module_stream_text
from shibai_xl.faces import udf_functions as U

ROOT = Path(__file__).resolve().parents[2]
UDF_FILE = ROOT / "udfs" / "shibai_udfs.py"
SVG_NS = "{http://www.w3.org/2000/svg}"


# --- the oracle: xlwings' own code ------------------------------------------------------------------


@pytest.fixture
def xlwings_udfs(monkeypatch):
    """``xlwings.udfs`` imported with pywin32 stubbed; ``xw.func`` & co. are its decorators
    (as on Windows) for the duration of the test."""
    com_error = type("com_error", (Exception,), {})
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        stub = types.ModuleType(name)
        stub.CoInitialize = lambda: None
        stub.Dispatch = lambda *a: None
        stub.com_error = com_error
        monkeypatch.setitem(sys.modules, name, stub)
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)
    monkeypatch.setattr(xw, "udfs", None, raising=False)  # restored (or removed) afterwards
    udfs = importlib.import_module("xlwings.udfs")
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)
    for name, deco in (("func", udfs.xlfunc), ("arg", udfs.xlarg), ("ret", udfs.xlret),
                       ("sub", udfs.xlsub), ("script", udfs.xlsub)):
        monkeypatch.setattr(xw, name, deco, raising=False)
    return udfs


def _exec(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Components:
    def __init__(self, com_error: type) -> None:
        self.com_error = com_error
        self.imported: list[str] = []

    def __call__(self, name: str):  # no xlwings_udfs module yet
        raise self.com_error("not found")

    def Remove(self, component) -> None:  # pragma: no cover - never reached
        raise AssertionError("nothing to remove")

    def Import(self, path: str) -> None:
        self.imported.append(Path(path).read_text())


class _Application:
    def __init__(self, version: str) -> None:
        self.Version = version
        self.calls: list[tuple[str, dict]] = []

    def MacroOptions(self, macro: str, **kwargs) -> None:
        self.calls.append((macro, kwargs))


class FakeAddin:
    """What ``import_udfs`` touches of the ``xl_workbook`` COM object: Name, VBProject, Application."""

    def __init__(self, com_error: type, name: str = "shibai.xlam", version: str = "16.0") -> None:
        self.Name = name
        self.VBProject = types.SimpleNamespace(VBComponents=_Components(com_error))
        self.Application = _Application(version)


def oracle_import(udfs, modules: dict[str, types.ModuleType], version: str = "16.0") -> FakeAddin:
    """Run xlwings' ``import_udfs`` for ``modules`` (already decorated by xlwings) on a fake add-in."""
    for name, module in modules.items():
        udfs.udf_modules[name] = {"filename": module.__file__, "filetime": None, "module": module}
    book = FakeAddin(sys.modules["pywintypes"].com_error, version=version)
    udfs.import_udfs(";".join(modules), book)
    assert len(book.VBProject.VBComponents.imported) == 1
    return book


# --- reading the built add-in ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_modules() -> dict[str, str]:
    parser = VBA_Parser("shibai.xlam", data=build.build_addin_bytes())
    try:
        return {sp.split("/")[-1]: code for _f, sp, _v, code in parser.extract_macros()}
    finally:
        parser.close()


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


_VBA_TOKEN = re.compile(r'\s*(?:"((?:[^"]|"")*)"|(vbLf)|(-?\d+)|(&))')


def vba_value(expr: str):
    """Evaluate the VBA expressions ``registration_source`` writes: string literals
    joined with ``& vbLf &``, or an integer."""
    pos, parts = 0, []
    while pos < len(expr.rstrip()):
        m = _VBA_TOKEN.match(expr, pos)
        assert m, expr[pos:]
        if m.group(1) is not None:
            parts.append(m.group(1).replace('""', '"'))
        elif m.group(2):
            parts.append("\n")
        elif m.group(3):
            return int(m.group(3))
        pos = m.end()
    return "".join(parts)


def parse_registration(source: str) -> list[tuple[str, str, object, tuple[str, ...] | None]]:
    """(function, description, category, argument descriptions) per ``SbRegister`` call."""
    calls, docs, doc = [], None, None
    for line in _lf(source).split("\n"):
        line = line.strip()
        if m := re.fullmatch(r"ReDim docs\(0 To (\d+)\)", line):
            docs = [None] * (int(m.group(1)) + 1)
        elif m := re.fullmatch(r"docs\((\d+)\) = (.*)", line):
            docs[int(m.group(1))] = vba_value(m.group(2))
        elif m := re.fullmatch(r"functionDoc = (.*)", line):
            doc = vba_value(m.group(1))
        elif m := re.fullmatch(r'SbRegister "(\w+)", functionDoc, (.*), (docs|Empty)', line):
            args = tuple(docs) if m.group(3) == "docs" else None
            calls.append((m.group(1), doc, vba_value(m.group(2)), args))
            docs = doc = None
    return calls


# --- Linux: why the build records the metadata itself -----------------------------------------------


@pytest.mark.skipif(sys.platform.startswith("win"), reason="on Windows xw.func is xlwings' real xlfunc")
def test_xw_func_attaches_no_metadata_off_windows():
    module = _exec(UDF_FILE, "shibai_udfs_plain")
    assert not hasattr(module.SB_AMOUNT, "__xlfunc__")
    with pytest.raises(ImportError):
        importlib.import_module("xlwings.udfs")  # pywin32 is missing here


def test_loading_leaves_xlwings_and_sys_modules_alone():
    before = {n: getattr(xw, n) for n in ("func", "arg", "ret", "sub", "script")}
    had = "shibai_udfs" in sys.modules
    module = udf_module.load_udf_module(UDF_FILE)
    assert {n: getattr(xw, n) for n in before} == before
    assert ("shibai_udfs" in sys.modules) == had
    assert [f["name"] for f in udf_module.udf_functions(module)] == sorted(U.all_functions())


def test_recorded_metadata_is_what_xlwings_records(xlwings_udfs):
    ours = udf_module.udf_functions(udf_module.load_udf_module(UDF_FILE))
    theirs = udf_module.udf_functions(_exec(UDF_FILE, "shibai_udfs_oracle"))
    assert _named(ours) == _named(theirs)


def _named(value):
    """The metadata with a converter class (SB_ELIGIBLE's dates: AsShown) by name: each load of the module makes
    its own class object."""
    if isinstance(value, dict):
        return {k: _named(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_named(v) for v in value]
    return value.__qualname__ if isinstance(value, type) else value


# --- module xlwings_udfs -----------------------------------------------------------------------------


def test_built_module_is_what_import_functions_imports(xlwings_udfs, built_modules):
    book = oracle_import(xlwings_udfs, {"shibai_udfs": _exec(UDF_FILE, "shibai_udfs_oracle")})
    imported = book.VBProject.VBComponents.imported[0]
    assert imported.startswith('Attribute VB_Name = "xlwings_udfs"\n')
    # the same text, but the wrappers pass the add-in itself (udf_module.own_book_only)
    assert _lf(built_modules["xlwings_udfs"]) == imported.replace(udf_module.ACTIVE_BOOK_ARG, udf_module.OWN_BOOK_ARG)
    assert list(built_modules)[-1] == "xlwings_udfs"


def test_wrapper_text_is_generate_vba_wrapper_output(xlwings_udfs):
    import io

    f = io.StringIO()
    xlwings_udfs.generate_vba_wrapper(
        "shibai_udfs", _exec(UDF_FILE, "shibai_udfs_oracle"), f, types.SimpleNamespace(Name="shibai.xlam")
    )
    ours = udf_module.vba_wrapper("shibai_udfs", udf_module.load_udf_module(UDF_FILE))
    assert ours == f.getvalue()
    assert "ActiveWorkbook" in ours and "ThisWorkbook" not in ours  # an add-in passes the user's workbook


def test_one_function_per_udf_with_its_arguments_calling_shibai_udfs(built_modules):
    code = _lf(built_modules["xlwings_udfs"])
    udfs = _exec(UDF_FILE, "shibai_udfs_plain")
    declared = dict(re.findall(r"^Function (\w+)\((.*)\)$", code, flags=re.M))
    assert set(declared) == set(U.all_functions())
    assert not re.search(r"^(?:Public |Private )?Sub ", code, flags=re.M)
    for name, params in declared.items():
        sig = inspect.signature(getattr(udfs, name))
        expected = [("Optional " if p.default is not p.empty else "") + p.name for p in sig.parameters.values()]
        assert params.split(", ") == expected, name
        args = ", ".join(sig.parameters)
        assert (f'{name} = XLPy.CallUDF("shibai_udfs", "{name}", Array({args}), '
                "ThisWorkbook, Application.Caller)") in code
        assert f'{name} = XLPy.CallUDF("shibai_udfs", "{name}", Array({args}))' in code
        assert f"    {name} = Err.Description\nEnd Function\n" in code
    # the wrappers call XLPy from the xlwings module of the same project
    assert re.search(r"^Function XLPy\(\)", _lf(built_modules["xlwings"]), flags=re.M)


# --- MacroOptions --------------------------------------------------------------------------------------


def test_this_workbook_registers_what_import_functions_registers(xlwings_udfs, built_modules):
    book = oracle_import(xlwings_udfs, {"shibai_udfs": _exec(UDF_FILE, "shibai_udfs_oracle")})
    expected = []
    for macro, kw in book.Application.calls:
        assert kw["HasMenu"] is False and kw["HasShortcutKey"] is False
        name = macro.removeprefix("'shibai.xlam'!")
        argdocs = kw["ArgumentDescriptions"]
        expected.append((name, kw["Description"], kw["Category"], tuple(argdocs) if argdocs else None))
    code = built_modules["ThisWorkbook"]
    assert parse_registration(code) == expected
    assert len(expected) == len(U.all_functions())
    assert all(cat == "十百千万" for _, _, cat, _ in expected)
    assert "Private Sub Workbook_Open()" in code
    assert """macroName = "'" & ThisWorkbook.Name & "'!" & functionName""" in code
    # Excel 2007 (version 12): xlwings passes the description only; so does the VBA
    old = oracle_import(xlwings_udfs, {"shibai_udfs": _exec(UDF_FILE, "shibai_udfs_oracle")}, version="12.0")
    assert all(set(kw) == {"Description"} for _, kw in old.Application.calls)
    assert "If Val(Application.Version) >= 14 Then" in code
    assert "        Application.MacroOptions Macro:=macroName, Description:=functionDoc\n" in _lf(code)


def test_edge_cases_match_xlwings(xlwings_udfs, tmp_path):
    """Everything generate_vba_wrapper / import_udfs distinguish, beyond what shibai_udfs uses."""
    src = tmp_path / "edge_udfs.py"
    src.write_text('''
from typing import Annotated
import xlwings as xw

@xw.func(category=5, volatile=True, call_in_wizard=False)
def VARIADIC(first, *rest):
    """Multi-line
docstring with "quotes"."""
    return first

@xw.func
@xw.arg("caller", doc="ignored")
def WITH_CALLER(x, caller):
    return x

@xw.func
@xw.arg("x", vba="Application.Caller.Row")
def OVERRIDDEN(x, y: Annotated[int, {"doc": "from Annotated", "ndim": 1}] = 3):
    return y

@xw.func
def NO_DOC():
    return 1

@xw.sub
def A_SUB(a, b=None):
    """a sub"""

def helper():
    return 0
''')
    theirs = _exec(src, "edge_oracle")
    meta_theirs = udf_module.udf_functions(theirs)
    ours = udf_module.load_udf_module(src, "edge_udfs")
    assert udf_module.udf_functions(ours) == meta_theirs
    book = oracle_import(xlwings_udfs, {"edge_udfs": theirs})
    ours_text = udf_module.xlwings_udfs_text([("edge_udfs", ours)])
    assert ours_text == book.VBProject.VBComponents.imported[0]
    expected = [(m.removeprefix("'shibai.xlam'!"), kw["Description"], kw["Category"],
                 tuple(kw["ArgumentDescriptions"]) if kw["ArgumentDescriptions"] else None)
                for m, kw in book.Application.calls]
    options = udf_module.macro_options([("edge_udfs", ours)])
    assert [(o.function, o.description, o.category, o.argument_descriptions) for o in options] == expected
    assert parse_registration(udf_module.registration_source(options)) == expected
    assert "ParamArray rest()" in ours_text and "Application.Volatile" in ours_text
    assert "Sub A_SUB(a, Optional b)" in ours_text


def test_registration_lines_stay_short():
    """A VBA line holds 1023 characters at most (GBK: 2 bytes per Chinese character)."""
    source = build.addin_modules()[0].source
    assert max(len(line.encode("gbk")) for line in source.splitlines()) < 600
    long = udf_module.MacroOptions("F", "说" * 255, "类" * 255, tuple("参" * 255 for _ in range(30)))
    assert max(len(line.encode("gbk")) for line in udf_module.registration_source([long]).splitlines()) < 1023


# --- the build -----------------------------------------------------------------------------------------


def test_build_is_deterministic_and_uses_code_page_936():
    a, b = build.build_vba_bin(), build.build_vba_bin()
    assert a == b
    this_workbook = next(m for m in build.addin_modules() if m.name == "ThisWorkbook")
    module_stream_text(this_workbook).encode("cp936")  # every description is GBK-encodable


def test_without_udf_source_there_are_no_formulas(tmp_path):
    names = [m.name for m in build.addin_modules(udf_file=tmp_path / "missing.py")]
    assert names == ["ThisWorkbook", "Sheet1", "xlwings", "Dictionary", "ShibaiRibbon"]
    assert build.addin_modules(udf_file=None)[0].source == "Option Explicit\n"
    assert [m.name for m in build.addin_modules()][-1] == "xlwings_udfs"


# --- ribbon mock-up ------------------------------------------------------------------------------------


def test_mockup_is_well_formed_and_shows_every_button():
    svg = mockup.render_svg()
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG_NS}svg"
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert mockup.MOCKUP_TITLE == "功能区示意图（根据 customUI.xml 生成，非 Excel 截图）"
    assert mockup.MOCKUP_TITLE in texts and ribbon.RIBBON_TAB_LABEL in texts
    for b in ribbon.RIBBON_BUTTONS:
        assert b.label in texts and b.image_mso in texts, b.id
    for g in ribbon.RIBBON_GROUPS:
        assert g.label in texts
    assert '"Microsoft YaHei","SimSun","Noto Sans CJK SC",sans-serif' in svg
    assert mockup.render_svg() == svg  # reproducible


def test_mockup_draws_small_buttons_and_skips_empty_groups():
    groups = (ribbon.RibbonGroup("g1", "甲组"), ribbon.RibbonGroup("g2", "空组"))
    buttons = tuple(ribbon.RibbonButton(f"b{i}", f"按钮{i}", "Help", "提示", "说明", "g1", size="normal")
                    for i in range(4))
    root = ET.fromstring(mockup.render_svg(buttons, groups).encode("utf-8"))
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert [f"按钮{i}" for i in range(4)] == [t for t in texts if t.startswith("按钮")]
    assert "甲组" in texts and "空组" not in texts
    with pytest.raises(ValueError):
        mockup.render_svg(buttons, groups[1:])


def test_committed_mockup_is_current(tmp_path):
    fresh = mockup.write_mockup(tmp_path / "ribbon-mockup.svg")
    assert fresh.read_bytes() == (ROOT / "docs" / "ribbon-mockup.svg").read_bytes()


def test_a_udf_without_docstring_is_refused(tmp_path):
    """xlwings would describe it by the absolute path of its file: not reproducible, no help to users."""
    src = tmp_path / "bad_udfs.py"
    src.write_text("import xlwings as xw\n\n@xw.func\ndef SB_X(a):\n    return a\n")
    with pytest.raises(ValueError, match="SB_X"):
        udf_module.addin_udfs(src, "bad_udfs")
