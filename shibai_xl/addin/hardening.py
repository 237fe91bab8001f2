"""What the add-in changes in xlwings' VBA so that nothing a submitted workbook carries runs.

xlwings' custom add-in module (``xlwings_custom_addin.bas``, 0.37.8) is written for
add-ins that act on *the user's own* workbooks.  The officers who use the 十百千万 add-in
open workbooks that applicants sent, so four of its habits would let a submitted file
choose what runs on the officer's machine:

* ``GetConfig`` reads settings first from a sheet ``<project>.conf`` of the *active*
  workbook (hidden sheets too), then from a ``<project>.conf`` file in the active
  workbook's folder, and only then from the add-in's own sheet and the user's file.  A
  form carrying such a sheet could set ``INTERPRETER_WIN`` to any program, which
  ``ExecuteWindows`` runs through ``cmd.exe``.
* ``RunPython`` and the UDF server command (``XLPyCommand``) put the active workbook's
  folder and ``<book>.zip`` at the front of ``sys.path`` (``ADD_WORKBOOK_TO_PYTHONPATH``
  defaults to true), so a ``shibai_xl/`` or ``openpyxl.py`` next to a submitted form
  would replace the real modules.
* Sheets whose name ends in ``.py`` are "embedded code": ``RunPython`` then runs
  ``xlwings.pro.runpython_embedded_code``, which writes those sheets to a folder on
  ``sys.path``; ``GetUdfModules`` imports them as formula modules.
* ``python -c`` puts the current directory first on ``sys.path``; the UDF server is
  started in whatever folder Excel is in, often the one the last file was opened from.

:data:`PATCHES` removes each of these, by exact text replacement; :func:`harden` fails
loudly if a newer xlwings no longer contains a text exactly once, so an upgrade cannot
silently bring a habit back.  What remains: settings come from the add-in's own
``<project>.conf`` sheet and the user's ``%USERPROFILE%\\.<project>\\<project>.conf``
only; ``sys.path`` gets the ``PYTHONPATH`` setting and nothing derived from a workbook;
Python runs with ``-P`` (Python 3.11+: no current directory on ``sys.path``).  The
workbook's *name* is still passed (``--wb=``) so that ``xw.Book.caller()`` finds it;
:data:`ACTIVE_BOOK_NAME` passes ``""`` when no workbook is open instead of raising
run-time error 91, and on macOS escapes what the shell would expand.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Patch", "PATCHES", "ACTIVE_BOOK_NAME", "harden"]


@dataclass(frozen=True)
class Patch:
    why: str
    old: str
    new: str


def _lines(*lines: str) -> str:
    return "\n".join(lines) + "\n"


PATCHES: tuple[Patch, ...] = (
    Patch(
        "GetConfig: no settings from a sheet of the active workbook",
        _lines(
            "            'Workbook Sheet Config",
            '            If SheetExists(ActiveWorkbook, PROJECT_NAME & ".conf") = True Then',
            "                If GetConfigFromSheet(ActiveWorkbook).Exists(configKey) = True Then",
            "                    GetConfig = GetConfigFromSheet(ActiveWorkbook).Item(configKey)",
            "                    GetConfig = ExpandEnvironmentStrings(GetConfig)",
            "                    Exit Function",
            "                End If",
            "            End If",
            "    ",
        ),
        _lines("            ' shibai-xl: never a sheet of the active workbook (a submitted form could name a program)"),
    ),
    Patch(
        "GetConfig: no settings file from the active workbook's folder",
        _lines(
            "    ' Directory Config",
            '    If source = "" Or source = "directory" Then',
            '        #If App = "Microsoft Excel" Then',
            "            If GetFullName(ActiveWorkbook) <> \"\" Then ' Empty if local dir can't be figured out (e.g. SharePoint)",
            "        #Else",
            "            If InStr(GetDirectoryPath(), \"://\") = 0 Then ' Other Office apps: skip for synced SharePoint/OneDrive files",  # noqa: E501  (xlwings' VBA, byte for byte)
            "        #End If",
            "            If FileExists(GetDirectoryConfigFilePath()) = True Then",
            "                If GetConfigFromFile(GetDirectoryConfigFilePath(), configKey, configValue) Then",
            "                    GetConfig = configValue",
            "                    GetConfig = ExpandEnvironmentStrings(GetConfig)",
            "                    Exit Function",
            "                End If",
            "            End If",
            "        End If",
            "    End If",
        ),
        _lines("    ' shibai-xl: never a settings file in the active workbook's folder"),
    ),
    Patch(
        "RunPython: no embedded code from .py sheets, no workbook folder on sys.path",
        _lines(
            "    ' Check for embedded Python code",
            "    uses_embedded_code = False",
            "    For i = 1 To 2",
            "        If i = 1 Then",
            "            Set wb = ActiveWorkbook",
            "        Else",
            "            Set wb = ThisWorkbook",
            "        End If",
            "        For Each sht In wb.Worksheets",
            '            If Right$(sht.Name, 3) = ".py" Then',
            "                uses_embedded_code = True",
            "                Exit For",
            "            End If",
            "        Next",
            "    Next i",
            "",
            "    If uses_embedded_code = True Then",
            '        AddExcelDir = "false"',
            "    Else",
            '        AddExcelDir = GetConfig("ADD_WORKBOOK_TO_PYTHONPATH", "true")',
            "    End If",
        ),
        _lines(
            "    ' shibai-xl: no code from sheets named *.py, never the workbook's folder on sys.path",
            "    uses_embedded_code = False",
            '    AddExcelDir = "false"',
        ),
    ),
    Patch(
        "RunPython: never xlwings.pro.runpython_embedded_code (it writes .py sheets to sys.path)",
        _lines(
            "    ' PythonCommand with embedded code",
            "    If uses_embedded_code = True Then",
            '        licenseKey = GetConfig("LICENSE_KEY")',
            '        If licenseKey = "" Then',
            '            MsgBox "Embedded code requires a valid LICENSE_KEY."',
            "            Exit Function",
            "        Else",
            "            PythonCommand = \"import xlwings.pro;xlwings.pro.runpython_embedded_code('\" & SourcePythonCommand & \"')\"",  # noqa: E501  (xlwings' VBA, byte for byte)
            "        End If",
            "    End If",
        ),
        _lines("    ' shibai-xl: the command is always the one the add-in gives (no embedded code)"),
    ),
    Patch(
        "RunPython: pass no workbook paths to prepare_sys_path",
        _lines(
            "    #If Mac Then",
            '        If InStr(ActiveWorkbook.FullName, "://") = 0 Then',
            "            ActiveFullName = ToPosixPath(ActiveWorkbook.FullName)",
            "            ThisFullName = ToPosixPath(ThisWorkbook.FullName)",
            "        Else",
            "            ActiveFullName = ActiveWorkbook.FullName",
            "            ThisFullName = ThisWorkbook.FullName",
            "        End If",
            "    #Else",
            "        ActiveFullName = ActiveWorkbook.FullName",
            "        ThisFullName = ThisWorkbook.FullName",
            "    #End If",
        ),
        _lines(
            "    ' shibai-xl: no workbook paths (they would only serve ADD_WORKBOOK_TO_PYTHONPATH)",
            '    ActiveFullName = ""',
            '    ThisFullName = ""',
        ),
    ),
    Patch(
        "XLPyCommand (UDF server): no workbook folder on sys.path",
        _lines('    AddExcelDir = GetConfig("ADD_WORKBOOK_TO_PYTHONPATH", "true")'),
        _lines('    AddExcelDir = "false" \' shibai-xl: never the workbook\'s folder on sys.path'),
    ),
    Patch(
        "XLPyCommand (UDF server): pass no workbook paths to prepare_sys_path",
        'PYTHONPATH = AddExcelDir & ";" & ActiveWorkbook.FullName & ";" & ThisWorkbook.FullName & ";" & ',
        'PYTHONPATH = AddExcelDir & ";" & "" & ";" & "" & ";" & ',
    ),
    Patch(
        "ExecuteWindows: python -P (no current folder on sys.path)",
        'RunCommand = CondaCmd & PythonInterpreter & " -B -c ""import',
        'RunCommand = CondaCmd & PythonInterpreter & " -B -P -c ""import',
    ),
    Patch(
        "XLPyCommand (UDF server): python -P (no current folder on sys.path)",
        'tail = " -B -c ""import sys, os;"',
        'tail = " -B -P -c ""import sys, os;"',
    ),
    Patch(
        "ExecuteWindows: no run-time error 91 when no workbook is open",
        '" --wb=" & """" & ActiveWorkbook.Name & """ --from_xl=1"',
        '" --wb=" & """" & ActiveBookName() & """ --from_xl=1"',
    ),
    Patch(
        "ExecuteMac: no error 91; the name is escaped for the shell of xlwings' AppleScript",
        'ParameterString = ParameterString + "|" + ActiveWorkbook.Name',
        'ParameterString = ParameterString + "|" + ActiveBookName()',
    ),
    Patch(
        "ExecuteWindows: say in Chinese that the configured Python is missing",
        'MsgBox "Could not find Interpreter!", vbCritical',
        'MsgBox "找不到设置的 Python：" & PYTHON_WIN & vbLf & "请在命令提示符中运行 shibai addin install 重新配置。", '
        'vbCritical, "十百千万"',
    ),
    Patch(
        "ExecuteMac: say in Chinese that xlwings' AppleScript is missing",
        'MsgBox "To enable RunPython, please run \'xlwings runpython install\' in a terminal once and try again.", vbCritical',
        'MsgBox "请在“终端”中运行一次 xlwings runpython install，然后再试。", vbCritical, "十百千万"',
    ),
    Patch(
        "GetUdfModules: sheets named *.py are never imported as formula modules",
        _lines(
            "    ' Automatically add embedded code sheets",
            "    For Each sht In wb.Worksheets",
            '        If Right$(sht.Name, 3) = ".py" Then',
            '            If GetUdfModules = "" Then',
            "                GetUdfModules = Left$(sht.Name, Len(sht.Name) - 3)",
            "            Else",
            '                GetUdfModules = GetUdfModules & ";" & Left$(sht.Name, Len(sht.Name) - 3)',
            "            End If",
            "        End If",
            "    Next",
        ),
        _lines("    ' shibai-xl: sheets named *.py are never imported as code"),
    ),
)

#: Appended to the module: the active workbook's name, "" when there is none.  On macOS
#: xlwings' AppleScript puts it inside double quotes of a shell command, where ``\\``,
#: ``"``, ``$`` and a backquote would be interpreted; they are escaped with a backslash.
#: ``|`` separates the AppleScript's parameters and cannot be escaped, so it is dropped
#: (``Book.caller()`` then does not find the workbook and says so, nothing else runs).
ACTIVE_BOOK_NAME = _lines(
    "",
    "Private Function ActiveBookName() As String",
    "    ' shibai-xl: \"\" when no workbook is open (ActiveWorkbook.Name would raise error 91)",
    "    If ActiveWorkbook Is Nothing Then Exit Function",
    "    ActiveBookName = ActiveWorkbook.Name",
    "    #If Mac Then",
    '        ActiveBookName = Replace(ActiveBookName, "\\", "\\\\")',
    '        ActiveBookName = Replace(ActiveBookName, Chr(34), "\\" & Chr(34))',
    '        ActiveBookName = Replace(ActiveBookName, "$", "\\$")',
    '        ActiveBookName = Replace(ActiveBookName, Chr(96), "\\" & Chr(96))',
    '        ActiveBookName = Replace(ActiveBookName, "|", "")',
    "    #End If",
    "End Function",
)


def harden(text: str) -> str:
    """xlwings' custom add-in module ``text`` (LF line ends) with :data:`PATCHES` applied."""
    for patch in PATCHES:
        if text.count(patch.old) != 1:
            raise RuntimeError(f"xlwings VBA changed, cannot apply: {patch.why}")
        text = text.replace(patch.old, patch.new)
    return text.rstrip("\n") + "\n" + ACTIVE_BOOK_NAME
