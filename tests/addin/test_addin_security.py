"""A submitted workbook must not choose what the add-in runs (docs/addin.md, 安全).

Excel is not here, so the add-in is tested in two halves:

* the VBA the build emits, read back from the built ``.xlam`` with oletools (a reader the
  project did not write): which settings layers ``GetConfig`` consults, and what ``RunPython``
  and the UDF server command hand to Python (flags and the ``prepare_sys_path`` argument),
  evaluated from the VBA text itself;
* the Python side of that call, run for real: a submitted form carrying a hidden
  ``shibai.conf`` sheet that names a fake interpreter, lying in a folder with a ``shibai.conf``
  file, ``shibai_xl.py``, ``openpyxl.py`` and ``xlwings.py`` that would leave a mark if imported.
  The interpreter the settings name is started the way the VBA starts it, in that folder.
"""
from __future__ import annotations

import io
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser
from openpyxl import load_workbook

from shibai_xl.addin import build, commands
from shibai_xl.addin.ribbon import RIBBON_BUTTONS, RIBBON_HELP
from shibai_xl.jobs.new_workbook import new_workbook
from tests.zip_parts import as_workbook

FAKE_INTERPRETER = r"C:\Users\Public\fake\python.exe"


# --- the built add-in's VBA, as oletools reads it -----------------------------------------------------

@pytest.fixture(scope="module")
def vba(built_xlam: bytes) -> dict[str, str]:
    parser = VBA_Parser("shibai.xlam", data=built_xlam)
    try:
        return {sp.split("/")[-1]: code.replace("\r\n", "\n") for _f, sp, _v, code in parser.extract_macros()}
    finally:
        parser.close()


def procedure(source: str, name: str) -> str:
    m = re.search(rf"^(?:Public |Private )?(Function|Sub) {name}\b.*?^End \1", source, flags=re.M | re.S)
    assert m, f"no procedure {name}"
    return m.group(0)


def code_lines(body: str) -> list[str]:
    """The lines Windows Excel compiles: ``#If Mac`` branches dropped, comments stripped."""
    out, stack = [], []   # stack of (branch kept, condition is Mac)
    for raw in body.split("\n"):
        line = _strip_comment(raw).strip()
        if line.startswith("#If "):
            mac = line.startswith("#If Mac") or line.startswith("#If MAC_")
            stack.append([not mac, mac])
            continue
        if line.startswith("#ElseIf") or line == "#Else":
            if stack:   # a procedure can start inside an #If (two declarations of one function)
                stack[-1][0] = stack[-1][1]
            continue
        if line == "#End If":
            if stack:
                stack.pop()
            continue
        if line and all(keep for keep, _ in stack):
            out.append(line)
    return out


def _strip_comment(line: str) -> str:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "'" and not quoted:
            return line[:i]
    return line


def _terms(expr: str) -> list[str]:
    terms, buf, quoted = [], "", False
    for i, ch in enumerate(expr):
        if ch == '"':
            quoted = not quoted
        if ch == "&" and not quoted and expr[i + 1:i + 2] == " ":   # not &H of a hex literal
            terms.append(buf.strip())
            buf = ""
        else:
            buf += ch
    return terms + [buf.strip()]


def evaluate(expr: str, names: dict[str, str], config) -> str:
    """A VBA string expression of literals, names, ``vbLf``, ``ChrW(&H…)`` and ``GetConfig(…)`` joined by ``&``."""
    out = ""
    for term in _terms(expr):
        if term.startswith('"') and term.endswith('"'):
            out += term[1:-1].replace('""', '"')
        elif term == "vbLf":
            out += "\n"
        elif m := re.fullmatch(r"ChrW\(&H([0-9A-F]+)\)", term):
            out += chr(int(m.group(1), 16))
        elif m := re.fullmatch(r'GetConfig\("([^"]+)"(?:,\s*"([^"]*)")?\)', term):
            out += config(m.group(1), m.group(2) or "")
        else:
            out += names[term]
    return out


def candidates(lines: list[str], var: str, names: dict[str, str], config) -> set[str]:
    """Every value ``var`` can be given in ``lines`` (all branches of If/Else)."""
    values = set()
    for line in lines:
        if m := re.fullmatch(rf"{var} = (.+)", line):
            values.add(evaluate(m.group(1), names, config))
    return values


# --- the settings layers of GetConfig -----------------------------------------------------------------

LAYERS = {
    "sheet of the active workbook": 'SheetExists(ActiveWorkbook, PROJECT_NAME & ".conf")',
    "sheet of the add-in": 'SheetExists(ThisWorkbook, PROJECT_NAME & ".conf")',
    "file in the active workbook's folder": "GetDirectoryConfigFilePath()",
    "user's settings file": "GetConfigFilePath()",
}


def settings_layers(xlwings_vba: str) -> list[str]:
    body = "\n".join(code_lines(procedure(xlwings_vba, "GetConfig")))
    found = [(body.find(mark), layer) for layer, mark in LAYERS.items() if mark in body]
    return [layer for _, layer in sorted(found)]


def sheet_settings(workbook: Path | bytes, name: str) -> dict[str, str]:
    """``GetConfigFromSheet``: keys in column A (upper-cased), values in column B of sheet ``name``."""
    wb = load_workbook(io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook)
    if name not in wb.sheetnames:
        return {}
    return {str(a).upper(): "" if b is None else str(b) for a, b in wb[name].iter_rows(max_col=2, values_only=True) if a}


def file_settings(path: Path, encoding: str) -> dict[str, str]:
    """``GetConfigFromFile``: keys compared case-insensitively."""
    return {k.upper(): v for k, v in commands.read_config(path, encoding).items()}


class Machine:
    """An officer's machine with a submitted form open: the places GetConfig can read."""

    def __init__(self, tmp_path: Path) -> None:
        self.home = tmp_path / "home"
        self.folder = tmp_path / "来件"
        self.folder.mkdir(parents=True)
        self.form = submitted_form(self.folder)
        self.addin = self.home / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "shibai.xlam"
        self.addin.parent.mkdir(parents=True)
        self.addin.write_bytes(build.build_addin_bytes())
        commands.write_config(commands.config_path("win32", self.home),
                              commands.config_values(sys.executable, "win32"), "cp936")

    def layer(self, name: str) -> dict[str, str]:
        if name == "sheet of the active workbook":
            return sheet_settings(self.form, "shibai.conf")
        if name == "sheet of the add-in":
            return sheet_settings(as_workbook(self.addin.read_bytes()), "shibai.conf")
        if name == "file in the active workbook's folder":
            return file_settings(self.folder / "shibai.conf", "cp936")
        return file_settings(commands.config_path("win32", self.home), "cp936")

    def config(self, layers: list[str]):
        def get(key: str, default: str = "") -> str:
            for layer in layers:
                values = self.layer(layer)
                if key.upper() in values:
                    return values[key.upper()]
            return default
        return get

    def names(self) -> dict[str, str]:
        return {"ActiveWorkbook.FullName": str(self.form), "ThisWorkbook.FullName": str(self.addin),
                "ActiveWorkbook.Name": self.form.name}


MARK = "import pathlib; pathlib.Path(__file__).with_suffix('.imported').write_text('x')\n"


def submitted_form(folder: Path) -> Path:
    """An application made with ``shibai new``, plus what an attacker would add: a hidden ``shibai.conf``
    sheet naming a fake interpreter, a ``shibai_xl.py`` sheet, and next to the file a ``shibai.conf`` and
    modules that mark themselves when imported."""
    form = new_workbook("enterprise", folder / "企业申报表.xlsx")
    wb = load_workbook(form)
    conf = wb.create_sheet("shibai.conf")
    for row in (("INTERPRETER_WIN", FAKE_INTERPRETER), ("PYTHONPATH", str(folder)),
                ("ADD_WORKBOOK_TO_PYTHONPATH", "true"), ("LICENSE_KEY", "noncommercial")):
        conf.append(row)
    conf.sheet_state = "hidden"
    code = wb.create_sheet("shibai_xl.py")
    code["A1"] = MARK.strip()
    wb.save(form)
    (folder / "shibai.conf").write_text(f'"INTERPRETER_WIN","{FAKE_INTERPRETER}"\r\n"PYTHONPATH","{folder}"\r\n'
                                        '"ADD_WORKBOOK_TO_PYTHONPATH","true"\r\n', "cp936")
    for module in ("shibai_xl.py", "openpyxl.py", "xlwings.py", "shibai_udfs.py"):
        (folder / module).write_text(MARK, "utf-8")
    return form


# --- the VBA ------------------------------------------------------------------------------------------

def test_settings_come_only_from_the_add_in_and_the_users_file(vba):
    assert settings_layers(vba["xlwings"]) == ["sheet of the add-in", "user's settings file"]
    # the only sheet the add-in has is xlwings' switched-off template, so the user's file decides
    assert build.addin_parts()["xl/workbook.xml"].count(b'name="_shibai.conf"') == 1


def test_interpreter_and_pythonpath_are_the_users_though_the_form_names_others(vba, tmp_path):
    machine = Machine(tmp_path)
    get = machine.config(settings_layers(vba["xlwings"]))
    assert get("INTERPRETER_WIN") == sys.executable != FAKE_INTERPRETER
    assert get("PYTHONPATH") == f"{commands.UDFS_DIR};{commands.REPO}"
    assert get("ADD_WORKBOOK_TO_PYTHONPATH", "true") == "true"   # asked for nowhere any more (see below)
    assert get("LICENSE_KEY") == ""


def _python_calls(vba: dict[str, str], machine: Machine) -> list[tuple[list[str], str]]:
    """(flags, prepare_sys_path argument) of every way the add-in starts Python on Windows:
    RunPython → ExecuteWindows, and the UDF server (XLPyCommand)."""
    src = vba["xlwings"]
    config = machine.config(settings_layers(src))
    names = machine.names()
    calls = []
    for proc, command in (("RunPython", procedure(src, "ExecuteWindows")), ("XLPyCommand", procedure(src, "XLPyCommand"))):
        lines = code_lines(procedure(src, proc))
        flags = re.search(r'" (-[^"]*?) -c ""import', command).group(1).split()
        variables = {v: candidates(lines, v, names, config) or {""} for v in ("AddExcelDir", "ActiveFullName", "ThisFullName")}
        expr = next(m.group(1) for line in lines if (m := re.fullmatch(r"PYTHONPATH = (AddExcelDir & .+)", line)))
        for combo in itertools.product(*variables.values()):
            calls.append((flags, evaluate(expr, names | dict(zip(variables, combo)), config)))
    return calls


def test_what_the_vba_hands_python_names_no_workbook_path(vba, tmp_path):
    machine = Machine(tmp_path)
    calls = _python_calls(vba, machine)
    assert len(calls) == 2   # one value each: no branch left that could differ
    for flags, argument in calls:
        assert "-P" in flags
        fields = argument.split(";")
        assert fields[:3] == ["false", "", ""]
        assert str(machine.folder) not in argument and machine.form.name not in argument
    assert "ADD_WORKBOOK_TO_PYTHONPATH" not in "\n".join(code_lines(vba["xlwings"]))


PROBE = """
import xlwings.utils
xlwings.utils.prepare_sys_path({argument!r})
import json, sys
import shibai_xl.faces.ribbon_actions, openpyxl, shibai_udfs
print(json.dumps({{"path": sys.path, "shibai_xl": shibai_xl.__file__, "openpyxl": openpyxl.__file__,
                  "xlwings": xlwings.__file__, "shibai_udfs": shibai_udfs.__file__}}))
"""


def test_python_started_like_the_vba_starts_it_imports_nothing_from_the_forms_folder(vba, tmp_path):
    machine = Machine(tmp_path)
    interpreter = machine.config(settings_layers(vba["xlwings"]))("INTERPRETER_WIN")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | {"HOME": str(machine.home)}
    for flags, argument in _python_calls(vba, machine):
        # the UDF server starts in whatever folder Excel is in: the worst case is the form's
        run = subprocess.run([interpreter, *flags, "-c", PROBE.format(argument=argument)], cwd=machine.folder,
                             env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        seen = json.loads(run.stdout)
        assert not list(machine.folder.glob("*.imported")), "a module next to the form was imported"
        assert str(machine.folder) not in seen["path"] and str(machine.folder.with_suffix(".zip")) not in seen["path"]
        assert "" not in seen["path"] and "." not in seen["path"]
        assert Path(seen["shibai_xl"]).is_relative_to(commands.REPO / "shibai_xl")
        assert Path(seen["shibai_udfs"]) == commands.UDFS_DIR / "shibai_udfs.py"
        assert "site-packages" in seen["openpyxl"] and "site-packages" in seen["xlwings"]


def test_sheets_named_like_python_files_never_become_code(vba):
    src = vba["xlwings"]
    # xlwings' embedded-code checks scan Worksheets for names ending in .py: none is left
    assert not re.search(r'Right\$\(sht\.Name, 3\) = "\.py"', src)
    assert "runpython_embedded_code" not in "\n".join(code_lines(src))
    assert [line for line in code_lines(procedure(src, "RunPython")) if "uses_embedded_code =" in line] == \
        ["uses_embedded_code = False"]
    # formulas hand call_udf the add-in, whose sheets get_udf_module looks through, not the active workbook
    udfs = vba["xlwings_udfs"]
    assert udfs.count(", ThisWorkbook, Application.Caller)") == len(re.findall(r"^Function SB_", udfs, flags=re.M)) > 0
    assert "ActiveWorkbook" not in udfs


def test_nothing_that_starts_python_reads_the_active_workbook(vba):
    """Its sheets, names, path or folder; it is handed over only as the workbook the action works on
    (``Book.caller()`` when the optional ``USE UDF SERVER`` setting is on)."""
    src = vba["xlwings"]
    caller = 'XLPy.SetAttr XLPy.Module("xlwings._xlwindows"), "BOOK_CALLER", ActiveWorkbook'
    for proc in ("GetConfig", "RunPython", "ExecuteWindows", "ExecuteMac", "XLPyCommand", "XLPyLoadDLL", "GetUdfModules"):
        uses = [line for line in code_lines(procedure(src, proc)) if "ActiveWorkbook" in line]
        assert uses == ([caller] if proc == "RunPython" else []), proc
    assert code_lines(procedure(src, "ActiveBookName"))[1] == "If ActiveWorkbook Is Nothing Then Exit Function"


def test_a_changed_xlwings_module_is_refused_not_half_patched():
    from shibai_xl.addin.hardening import PATCHES, harden

    text = (build.xlwings_package_dir() / "xlwings_custom_addin.bas").read_text("utf-8")
    for patch in PATCHES:
        with pytest.raises(RuntimeError, match="xlwings VBA changed"):
            harden(text.replace(patch.old, patch.old[:-1] + "~" + patch.old[-1]))


# --- no workbook open ---------------------------------------------------------------------------------

def test_without_a_workbook_buttons_stop_with_a_chinese_message_help_needs_no_python(vba):
    body = code_lines(procedure(vba["ShibaiRibbon"], "SbRibbonAction"))
    run = next(i for i, line in enumerate(body) if line.startswith("RunPython "))
    guard = next(i for i, line in enumerate(body) if line == "If ActiveWorkbook Is Nothing And SbNeedsWorkbook(controlId) Then")
    shows_help = next(i for i, line in enumerate(body) if line == "If SbShowsHelp(controlId) Then")
    assert shows_help < guard < run
    assert body[guard + 1].startswith('MsgBox "现在没有打开的工作簿。"') and body[guard + 3] == "Exit Sub"
    assert body[shows_help + 1] == "MsgBox SbHelpText(), vbInformation, SB_TITLE" and body[shows_help + 2] == "Exit Sub"
    assert "On Error GoTo Failed" in body[guard:run]          # e.g. Windows Script Host disabled by policy
    free = re.search(r'Case (.+)\n\s*SbNeedsWorkbook = False', procedure(vba["ShibaiRibbon"], "SbNeedsWorkbook")).group(1)
    no_workbook = {b.id for b in RIBBON_BUTTONS if not b.needs_workbook}
    assert {s.strip('" ') for s in free.split(",")} == no_workbook == {"sb_new", "sb_help"}


def test_help_text_in_the_vba_is_the_help_text(vba):
    lines = code_lines(procedure(vba["ShibaiRibbon"], "SbHelpText"))
    text = ""
    for line in lines:
        if m := re.fullmatch(r"s = (.+)", line):
            text = evaluate(m.group(1), {"s": text}, None)
    assert text == RIBBON_HELP and len(text) <= 1024     # a VBA message box shows at most 1024 characters


def test_missing_interpreter_is_said_in_chinese(vba):
    body = "\n".join(code_lines(procedure(vba["xlwings"], "ExecuteWindows")))
    assert "Could not find Interpreter" not in body and "找不到设置的 Python" in body
