"""xlwings' "Import Functions" for ``shibai_udfs``, done at build time.

In a workbook, xlwings turns the ``@xw.func`` functions of the ``UDF Modules``
into Excel formulas when the user clicks *Import Functions*
(``ImportPythonUDFs`` -> ``xlwings.udfs.import_udfs``).  That step needs
"Trust access to the VBA project object model" and writes two things:

1. a standard VBA module ``xlwings_udfs`` with one wrapper per function
   (``generate_vba_wrapper``): ``Function SB_AMOUNT(value, Optional unit)``
   whose body calls ``XLPy.CallUDF("shibai_udfs", "SB_AMOUNT", Array(...),
   ActiveWorkbook, Application.Caller)`` (``ActiveWorkbook`` because the
   workbook is an ``.xlam`` add-in; the add-in built here passes ``ThisWorkbook``,
   see :func:`own_book_only`);
2. the text of Excel's *Insert Function* dialog, through
   ``Application.MacroOptions``: the docstring as ``Description``, the
   ``category`` (here 十百千万) and, on Excel 2010+ (version 14), the
   ``@xw.arg(doc=...)`` texts as ``ArgumentDescriptions``.

The generated add-in gets both without that step:

* :func:`xlwings_udfs_module` produces the very text ``import_udfs`` imports
  (its three header lines plus ``generate_vba_wrapper``'s output, written
  with xlwings' own ``VBAWriter``), embedded as module ``xlwings_udfs``;
* :func:`registration_source` is the ``ThisWorkbook`` code whose
  ``Workbook_Open`` makes the same ``Application.MacroOptions`` calls each
  time Excel opens the add-in (there is no Python at build time to make
  them, and an add-in cannot be saved back by its users).

Where the metadata comes from: on Windows ``xw.func``/``xw.arg`` are
``xlwings.udfs.xlfunc``/``xlarg`` and attach ``__xlfunc__`` to each function;
on Linux and macOS they are no-ops (``xlwings/__init__.py``), and
``xlwings.udfs`` cannot even be imported there (it imports pywin32).  So
:func:`load_udf_module` executes ``udfs/shibai_udfs.py`` with
``xw.func/arg/ret/sub/script`` temporarily replaced by the recording
decorators below, which port xlwings' ``xlfunc``/``xlarg``/``xlret``/``xlsub``
(xlwings 0.37.8).  ``tests/addin/test_udf_module.py`` checks the result
against xlwings' own ``import_udfs``/``generate_vba_wrapper`` run on the same
module.

Everything here is a pure function of the source file: no timestamps, and
functions in ``dir(module)`` order (sorted), as xlwings writes them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import inspect
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, get_args, get_origin, get_type_hints

from .ovba import VbaModule, vba_module_from_export

__all__ = [
    "UDF_MODULE",
    "UDF_FILE",
    "VBA_MODULE_NAME",
    "MacroOptions",
    "UdfModule",
    "load_udf_module",
    "udf_functions",
    "vba_wrapper",
    "xlwings_udfs_text",
    "xlwings_udfs_module",
    "macro_options",
    "registration_source",
    "addin_udfs",
]

#: Python module the formulas live in (``UDF MODULES`` of ``shibai addin install``).
UDF_MODULE = "shibai_udfs"
#: Its source in a source checkout (``pip install -e .``); not part of the wheel.
UDF_FILE = Path(__file__).resolve().parents[2] / "udfs" / f"{UDF_MODULE}.py"
#: Name xlwings gives the imported module.
VBA_MODULE_NAME = "xlwings_udfs"
#: The add-in's file name as far as the wrappers care: xlwings passes
#: ``ActiveWorkbook`` instead of ``ThisWorkbook`` when it ends with ``.xlam``.
ADDIN_WORKBOOK_NAME = "shibai.xlam"


# ---------------------------------------------------------------------------
# Recording decorators: xlwings.udfs.xlfunc / xlarg / xlret / xlsub, ported
# ---------------------------------------------------------------------------


def _func_sig(f: Callable[..., Any]) -> dict[str, Any]:
    s = inspect.signature(f)
    vararg = None
    args: list[str] = []
    defaults: list[Any] = []
    for p in s.parameters.values():
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            args.append(p.name)
            if p.default is not inspect.Signature.empty:
                defaults.append(p.default)
        elif p.kind is inspect.Parameter.VAR_POSITIONAL:
            args.append(p.name)
            vararg = p.name
        else:
            raise ValueError(f"{f.__name__}: xlwings does not support UDFs with keyword arguments")
    return {"args": args, "defaults": defaults, "vararg": vararg}


def _category(kwargs: dict[str, Any]) -> int | str:
    if "category" not in kwargs:
        return "xlwings"
    category = kwargs["category"]
    if isinstance(category, int) and 1 <= category <= 14:
        return category
    if isinstance(category, str):
        return category[:255]
    raise ValueError(f"category {category!r}: an Excel built-in category 1..14 or a string")


def _bool(kwargs: dict[str, Any], key: str, default: bool) -> bool:
    value = kwargs.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key} only takes boolean values ({value!r} provided)")
    return value


def _type_and_annotations(type_hint: Any) -> tuple[Any, list[Any]]:
    origin = get_origin(type_hint)
    if origin is Annotated:
        base, *annotations = get_args(type_hint)
        return get_origin(base) or base, annotations
    return origin or type_hint, []


def _xlfunc(f: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
    def inner(f: Callable[..., Any]) -> Callable[..., Any]:
        if not hasattr(f, "__xlfunc__"):
            hints = get_type_hints(f, include_extras=True)
            xlf: dict[str, Any] = {"name": f.__name__, "sub": False, "args": [], "argmap": {}}
            sig = _func_sig(f)
            n_required = len(sig["args"]) - len(sig["defaults"])
            if sig["vararg"] and sig["defaults"]:
                raise ValueError(f"{f.__name__}: xlwings does not support optional and variable arguments together")
            for pos, name in enumerate(sig["args"]):
                info: dict[str, Any] = {
                    "name": name,
                    "pos": pos,
                    "vba": None,
                    "doc": f"Positional argument {pos + 1}",
                    "vararg": name == sig["vararg"],
                    "options": {},
                }
                if name in hints:
                    hint, annotations = _type_and_annotations(hints[name])
                    if hint is not dt.datetime and hint is not dt.date:
                        info["options"]["convert"] = hint
                        if annotations:
                            for key, value in annotations[0].items():
                                if key == "doc":
                                    info["doc"] = value
                                else:
                                    info["options"][key] = value
                if pos >= n_required:
                    info["optional"] = sig["defaults"][pos - n_required]
                xlf["args"].append(info)
                xlf["argmap"][name] = info
            xlf["ret"] = {
                "doc": f.__doc__
                if f.__doc__ is not None
                else f"Python function '{f.__name__}' defined in '{f.__code__.co_filename}'.",
                "options": {},
            }
            if "return" in hints:
                hint, annotations = _type_and_annotations(hints["return"])
                xlf["ret"]["options"]["convert"] = hint
                if annotations:
                    xlf["ret"]["options"].update(annotations[0])
            f.__xlfunc__ = xlf  # type: ignore[attr-defined]
        meta = f.__xlfunc__  # type: ignore[attr-defined]
        meta["category"] = _category(kwargs)
        meta["call_in_wizard"] = _bool(kwargs, "call_in_wizard", True)
        meta["volatile"] = _bool(kwargs, "volatile", False)
        meta["async_mode"] = kwargs.get("async_mode")
        return f

    return inner if f is None else inner(f)


def _xlsub(f: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
    def inner(f: Callable[..., Any]) -> Callable[..., Any]:
        f = _xlfunc(**kwargs)(f)
        f.__xlfunc__["sub"] = True  # type: ignore[attr-defined]
        return f

    return inner if f is None else inner(f)


def _xlret(convert: Any = None, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    if convert is not None:
        kwargs["convert"] = convert

    def inner(f: Callable[..., Any]) -> Callable[..., Any]:
        _xlfunc(f).__xlfunc__["ret"]["options"].update(kwargs)
        return f

    return inner


def _xlarg(arg: str, convert: Any = None, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    if convert is not None:
        kwargs["convert"] = convert

    def inner(f: Callable[..., Any]) -> Callable[..., Any]:
        xlf = _xlfunc(f).__xlfunc__
        name = arg.lstrip("*")
        if name not in xlf["argmap"]:
            raise ValueError(f"{f.__name__}: invalid argument name {arg!r}")
        info = xlf["argmap"][name]
        options = dict(kwargs)
        for special in ("vba", "doc"):
            if special in options:
                info[special] = options.pop(special)
        info["options"].update(options)
        return f

    return inner


_DECORATORS = {"func": _xlfunc, "arg": _xlarg, "ret": _xlret, "sub": _xlsub, "script": _xlsub}


@contextlib.contextmanager
def _recording_decorators() -> Iterator[None]:
    """``xw.func`` & co. as on Windows (metadata recorded) while a UDF module executes."""
    import xlwings

    saved = {name: getattr(xlwings, name) for name in _DECORATORS if hasattr(xlwings, name)}
    try:
        for name, deco in _DECORATORS.items():
            setattr(xlwings, name, deco)
        yield
    finally:
        for name in _DECORATORS:
            if name in saved:
                setattr(xlwings, name, saved[name])
            else:
                delattr(xlwings, name)


def load_udf_module(path: str | Path = UDF_FILE, module_name: str = UDF_MODULE) -> ModuleType:
    """Execute a UDF source file with recording decorators and return the module.

    The module object is private to the caller (not put in ``sys.modules``),
    so the ``shibai_udfs`` Python imports later is unaffected.
    """
    spec = importlib.util.spec_from_file_location(module_name, Path(path))
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    with _recording_decorators():
        spec.loader.exec_module(module)
    return module


def udf_functions(module: ModuleType) -> list[dict[str, Any]]:
    """``__xlfunc__`` of every UDF of ``module``, in ``dir()`` order as xlwings walks it."""
    return [
        getattr(module, attr).__xlfunc__ for attr in dir(module) if hasattr(getattr(module, attr), "__xlfunc__")
    ]


def _arg_vba(arg: dict[str, Any]) -> str | None:
    # generate_vba_wrapper sets vba = "Nothing" for the reserved argument "caller"
    # (call_udf puts the calling range there); MacroOptions then skips it too.
    return "Nothing" if arg["name"] == "caller" else arg["vba"]


# ---------------------------------------------------------------------------
# The VBA text: xlwings.udfs.generate_vba_wrapper / import_udfs, ported
# ---------------------------------------------------------------------------


def vba_wrapper(module_name: str, module: ModuleType, workbook_name: str = ADDIN_WORKBOOK_NAME) -> str:
    """What ``generate_vba_wrapper(module_name, module, f, xl_workbook)`` writes to ``f``
    for a workbook named ``workbook_name`` (LF line ends)."""
    from xlwings.utils import VBAWriter  # importable everywhere; the writer xlwings uses

    buf = io.StringIO()
    vba = VBAWriter(buf)
    vba_workbook = "ActiveWorkbook" if workbook_name.endswith(".xlam") else "ThisWorkbook"
    for xlfunc in udf_functions(module):
        fname = xlfunc["name"]
        ftype = "Sub" if xlfunc["sub"] else "Function"
        params = []
        vararg = ""
        argname = ""
        for arg in xlfunc["args"]:
            if _arg_vba(arg):
                continue
            argname = arg["name"]
            prefix = ""
            if "optional" in arg:
                prefix = "Optional "
            elif arg["vararg"]:
                prefix = "ParamArray "
                vararg = argname
            params.append(prefix + argname + ("()" if arg["vararg"] else ""))
        func_sig = f"{ftype} {fname}({', '.join(params)})"

        with vba.block(func_sig):
            if ftype == "Function":
                if not xlfunc["call_in_wizard"]:
                    vba.writeln(
                        'If (Not Application.CommandBars("Standard").Controls(1).Enabled) Then Exit Function'
                    )
                if xlfunc["volatile"]:
                    vba.writeln("Application.Volatile")
            if vararg:
                non_varargs = [_arg_vba(a) or a["name"] for a in xlfunc["args"] if not a["vararg"]]
                vba.writeln("Dim argsArray() As Variant")
                vba.writeln(f"argsArray = Array({', '.join(non_varargs)})")
                n = str(len(non_varargs))
                vba.writeln(f"ReDim Preserve argsArray(0 to UBound({vararg}) - LBound({vararg}) + {n})")
                vba.writeln(f"For k = LBound({vararg}) To UBound({vararg})")
                vba.writeln(f"argsArray({n} + k - LBound({vararg})) = {argname}(k)")
                vba.writeln("Next k")
                args_vba = "argsArray"
            else:
                args_vba = "Array(" + ", ".join(_arg_vba(a) or a["name"] for a in xlfunc["args"]) + ")"

            if ftype == "Sub":
                with vba.block('#If App = "Microsoft Excel" Then'):
                    vba.writeln(
                        f'XLPy.CallUDF "{module_name}", "{fname}", {args_vba}, {vba_workbook}, Application.Caller'
                    )
                with vba.block("#Else"):
                    vba.writeln(f'XLPy.CallUDF "{module_name}", "{fname}", {args_vba}')
                vba.writeln("#End If")
            else:
                with vba.block('#If App = "Microsoft Excel" Then'):
                    vba.writeln("If TypeOf Application.Caller Is Range Then On Error GoTo failed")
                    vba.writeln(
                        f'{fname} = XLPy.CallUDF("{module_name}", "{fname}", '
                        f"{args_vba}, {vba_workbook}, Application.Caller)"
                    )
                    vba.writeln("Exit " + ftype)
                with vba.block("#Else"):
                    vba.writeln(f'{fname} = XLPy.CallUDF("{module_name}", "{fname}", {args_vba})')
                    vba.writeln("Exit " + ftype)
                vba.writeln("#End If")
                vba.write_label("failed")
                vba.writeln(fname + " = Err.Description")
        vba.writeln("End " + ftype)
        vba.writeln("")
    return buf.getvalue()


def xlwings_udfs_text(
    modules: Sequence[tuple[str, ModuleType]], workbook_name: str = ADDIN_WORKBOOK_NAME
) -> str:
    """The ``.bas`` file ``import_udfs`` writes and imports: header + one wrapper block per module."""
    from xlwings.utils import VBAWriter

    buf = io.StringIO()
    vba = VBAWriter(buf)
    vba.writeln(f'Attribute VB_Name = "{VBA_MODULE_NAME}"')
    vba.writeln("'Autogenerated code by xlwings - changes will be lost with next import!")
    vba.writeln("""#Const App = "Microsoft Excel" 'Adjust when using outside of Excel""")
    return buf.getvalue() + "".join(vba_wrapper(name, module, workbook_name) for name, module in modules)


def xlwings_udfs_module(
    modules: Sequence[tuple[str, ModuleType]], workbook_name: str = ADDIN_WORKBOOK_NAME
) -> VbaModule:
    """Module ``xlwings_udfs`` as Excel stores it after ``VBComponents.Import``."""
    module = vba_module_from_export(xlwings_udfs_text(modules, workbook_name), kind="standard")
    assert module.name == VBA_MODULE_NAME
    return module


# ---------------------------------------------------------------------------
# Application.MacroOptions, as import_udfs calls it after the import
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MacroOptions:
    """One ``Application.MacroOptions`` call of ``import_udfs``.

    ``argument_descriptions`` is ``None`` when xlwings passes none (no
    arguments); ``category`` is only passed on Excel 2010+ (version 14), as
    are the argument descriptions.
    """

    function: str
    description: str
    category: int | str
    argument_descriptions: tuple[str, ...] | None


def macro_options(modules: Sequence[tuple[str, ModuleType]]) -> list[MacroOptions]:
    out = []
    for _name, module in modules:
        for xlfunc in udf_functions(module):
            argdocs = tuple(a["doc"][:255] for a in xlfunc["args"] if not _arg_vba(a))
            out.append(
                MacroOptions(
                    function=xlfunc["name"],
                    description=xlfunc["ret"]["doc"][:255],
                    category=xlfunc["category"],
                    argument_descriptions=argdocs or None,
                )
            )
    return out


def vba_string(text: str, codepage: str = "cp936") -> str:
    r'''A VBA expression for ``text``: quotes doubled, line breaks as ``vbLf``,
    characters the project's code page cannot hold as ``ChrW(&H…)``.

    >>> print(vba_string('说明“A”和 "B"'))
    "说明“A”和 ""B"""
    >>> print(vba_string('a' + chr(10) + 'b'))
    "a" & vbLf & "b"
    >>> print(vba_string('• 检查'))
    ChrW(&H2022) & " 检查"
    '''
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return " & vbLf & ".join(_vba_line(line, codepage) for line in lines)


def _vba_line(line: str, codepage: str) -> str:
    parts: list[str] = []
    literal = ""
    for ch in line:
        try:
            ch.encode(codepage)
        except UnicodeEncodeError:
            if literal:
                parts.append('"' + literal.replace('"', '""') + '"')
                literal = ""
            parts.append(f"ChrW(&H{ord(ch):X})")
            continue
        literal += ch
    if literal or not parts:
        parts.append('"' + literal.replace('"', '""') + '"')
    return " & ".join(parts)


_REGISTRATION_HEAD = """\
Option Explicit

' 十百千万 公式（SB_…）在 Excel“插入函数”对话框中的类别、说明和参数说明。
' 由 shibai_xl/addin/udf_module.py 根据 udfs/shibai_udfs.py 生成，请勿在 VBA 编辑器里修改。
' xlwings 的 Import Functions 在导入 xlwings_udfs 模块后用 Application.MacroOptions 登记这些文字；
' 本加载项的 xlwings_udfs 模块在构建时就已生成，所以每次打开加载项时在这里做同样的登记。

Private Sub Workbook_Open()
    SbRegisterFunctions
End Sub

Private Sub SbRegister(ByVal functionName As String, ByVal functionDoc As String, _
        ByVal categoryName As Variant, ByVal argumentDocs As Variant)
    Dim macroName As String
    macroName = "'" & ThisWorkbook.Name & "'!" & functionName
    If Val(Application.Version) >= 14 Then
        If IsArray(argumentDocs) Then
            Application.MacroOptions Macro:=macroName, Description:=functionDoc, HasMenu:=False, _
                HasShortcutKey:=False, Category:=categoryName, ArgumentDescriptions:=argumentDocs
        Else
            Application.MacroOptions Macro:=macroName, Description:=functionDoc, HasMenu:=False, _
                HasShortcutKey:=False, Category:=categoryName
        End If
    Else
        Application.MacroOptions Macro:=macroName, Description:=functionDoc
    End If
End Sub

Private Sub SbRegisterFunctions()
    ' 某个函数登记失败（例如 Excel 版本不支持）不影响其余函数，也不影响加载项的其他功能。
    Dim docs() As Variant
    Dim functionDoc As String
    On Error Resume Next
"""

_REGISTRATION_TAIL = """\
    ThisWorkbook.Saved = True
End Sub
"""


def registration_source(options: Sequence[MacroOptions]) -> str:
    """``ThisWorkbook`` code: ``Workbook_Open`` makes ``import_udfs``' MacroOptions calls.

    One short line per string (a VBA line holds at most 1023 characters and a
    statement at most 24 line continuations, so no long ``Array(...)``).
    """
    if not options:
        return "Option Explicit\n"
    body = []
    for o in options:
        category = str(o.category) if isinstance(o.category, int) else vba_string(o.category)
        body.append(f"    ' {o.function}")
        if o.argument_descriptions:
            body.append(f"    ReDim docs(0 To {len(o.argument_descriptions) - 1})")
            body += [f"    docs({i}) = {vba_string(d)}" for i, d in enumerate(o.argument_descriptions)]
        body.append(f"    functionDoc = {vba_string(o.description)}")
        docs = "docs" if o.argument_descriptions else "Empty"
        body.append(f'    SbRegister "{o.function}", functionDoc, {category}, {docs}')
    return _REGISTRATION_HEAD + "\n".join(body) + "\n" + _REGISTRATION_TAIL


# ---------------------------------------------------------------------------
# What the build embeds
# ---------------------------------------------------------------------------

#: How ``generate_vba_wrapper`` passes the workbook of an ``.xlam`` to ``call_udf``.
ACTIVE_BOOK_ARG = ", ActiveWorkbook, Application.Caller)"
OWN_BOOK_ARG = ", ThisWorkbook, Application.Caller)"


def own_book_only(text: str) -> str:
    """The wrappers pass the add-in itself (``ThisWorkbook``), not the active workbook.

    ``call_udf(…, this_workbook)`` hands that workbook to ``get_udf_module``, which, the
    first time a formula module is loaded, looks through the workbook's sheets: a sheet
    named like a Python file (``x.py``) either fails every formula of the session
    (``LicenseError``) or, with an xlwings PRO licence, is written to disk and put on
    ``sys.path`` as code.  With ``ThisWorkbook`` only the add-in's own sheet is looked at.
    ``xw.Book.caller()`` inside a formula then means the add-in; the SB_ formulas never
    ask for it.
    """
    if ACTIVE_BOOK_ARG not in text:
        raise RuntimeError("xlwings' UDF wrappers changed: no workbook argument found")
    return text.replace(ACTIVE_BOOK_ARG, OWN_BOOK_ARG)


@dataclass(frozen=True)
class UdfModule:
    """The two VBA texts the add-in needs for its formulas."""

    xlwings_udfs: VbaModule
    this_workbook_source: str
    options: tuple[MacroOptions, ...]


def addin_udfs(udf_file: str | Path | None = UDF_FILE, module_name: str = UDF_MODULE) -> UdfModule | None:
    """The formulas' VBA for the add-in, or ``None`` without a UDF source file
    (an installation from a wheel has no ``udfs/`` folder: no formulas then)."""
    if udf_file is None or not Path(udf_file).is_file():
        return None
    module = load_udf_module(udf_file, module_name)
    # xlwings describes a function without docstring by its source file's absolute
    # path: that would make the add-in depend on where it is built (and tell users nothing).
    undocumented = [f["name"] for f in udf_functions(module) if not (getattr(module, f["name"]).__doc__ or "").strip()]
    if undocumented:
        raise ValueError(f"{udf_file}: UDFs without docstring: {', '.join(undocumented)}")
    modules = [(module_name, module)]
    options = tuple(macro_options(modules))
    return UdfModule(
        xlwings_udfs=vba_module_from_export(own_book_only(xlwings_udfs_text(modules)), kind="standard"),
        this_workbook_source=registration_source(options),
        options=options,
    )
