"""LibreOffice headless as the stand-in spreadsheet client: open, recalculate, convert, render."""
from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import subprocess
import tempfile
from copy import copy
from pathlib import Path

import pytest

from . import lo_office

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def need_soffice() -> str:
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def _profile(recalc: bool = True) -> Path:
    """A private profile that recalculates every formula on load (else cached-value-free files show 0); with
    ``recalc=False`` one that never does, as LibreOffice is set up out of the box for Excel files: a formula shows
    the value saved with it, and only one saved without a value is computed."""
    # one per pytest-xdist worker of this run: a second soffice on the same profile hands its files to the first
    # and exits (two test runs at once, each with its gw0, would share one); removed when the process ends
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")[:8] or str(os.getpid())
    root = Path(tempfile.gettempdir()) / f"shibai-lo-profile-{os.getuid()}-{run}-{worker}{'' if recalc else '-never'}"
    user = root / "user"
    if not (user / "registrymodifications.xcu").exists():
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        user.mkdir(parents=True, exist_ok=True)
        xcu = _PROFILE_XCU if recalc else _PROFILE_XCU.replace("<value>0</value>", "<value>1</value>")
        (user / "registrymodifications.xcu").write_text(xcu, "utf-8")
    return root


def convert(path: Path, fmt: str, outdir: Path, timeout: int = 180, recalc: bool = True) -> Path:
    """``soffice --convert-to fmt``; returns the converted file."""
    return convert_many([path], fmt, outdir, timeout, recalc)[path]


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The PDF's text laid out as printed; of one page (from 1) when ``page`` is given."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def render_png(pdf: Path, out_prefix: Path, dpi: int = 60, first: int = 1, last: int = 1) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(first), "-l", str(last), "-png", str(pdf), str(out_prefix)],
                   check=True)
    return sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))


def convert_many(paths: list[Path], fmt: str, outdir: Path, timeout: int = 300, recalc: bool = True
                 ) -> dict[Path, Path]:
    """One ``soffice --convert-to fmt`` for several files (a start of LibreOffice costs seconds); path → its copy."""
    exe = need_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    copies = {p: outdir / (p.stem + "." + fmt.split(":")[0]) for p in paths}
    if lo_office.available() and lo_office.filter_of(fmt):
        return _convert_in_office(exe, copies, fmt, timeout, recalc)
    left = list(paths)
    for _attempt in range(3):   # LibreOffice's own crash (its threaded .xlsx import, "Fatal exception: Signal 11",
        # seen once in a few thousand loads under load) is the client's, not the file's: the files left are tried again
        cmd = [exe, f"-env:UserInstallation={_profile(recalc).as_uri()}", "--headless", "--norestore", "--convert-to",
               fmt, "--outdir", str(outdir), *map(str, left)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        left = [p for p in left if not copies[p].exists()]
        if not left or b"Fatal exception: Signal" not in err:
            break
    assert all(c.exists() for c in copies.values()), (out.decode(errors="replace"), err.decode(errors="replace"))
    return copies


def _convert_in_office(exe: str, copies: dict[Path, Path], fmt: str, timeout: int, recalc: bool) -> dict[Path, Path]:
    """``convert_many`` in the LibreOffice kept running for this process (lo_office.py): the same filter, the same
    profile settings, without a start per call; one that crashed is started again and given the files again."""
    _ext, filter_name, options = lo_office.filter_of(fmt)
    errors = lo_office.asked(exe, lo_office.office_profile(_profile(recalc)),
                             lambda office: office.convert(list(copies.items()), filter_name, options, timeout))
    said = {p: e for p, e in zip(copies, errors or []) if e}
    missing = {str(p): said.get(p, "not converted") for p, c in copies.items() if not c.exists()}
    assert not missing, missing
    return copies


def saved_protected(path: Path, fmt: str, target: Path, timeout: int = 180, **protection: str) -> Path:
    """``path`` saved by LibreOffice as ``fmt``, protected: ``password=`` as 使用密码保存 does, ``structure=`` as
    工具→保护电子表格结构 does ("": without a password). An .xls so saved is RC4-encrypted ([MS-XLS] FilePass), with
    Excel's default password where none was given to open it. In the LibreOffice kept running for this process (the
    command line's --convert-to takes neither)."""
    exe = need_soffice()
    if not lo_office.available():
        pytest.skip("saving protected needs LibreOffice's Python bridge (python3-uno)")
    _ext, filter_name, options = lo_office.filter_of(fmt)
    errors = lo_office.asked(exe, lo_office.office_profile(_profile()), lambda office: office.convert(
        [(path, target)], filter_name, options, timeout, **protection))
    assert target.exists(), errors
    return target


def saved_as(paths: list[Path], fmts: tuple[str, ...], outdir: Path, back: str = "xlsx"
             ) -> dict[tuple[Path, str], Path]:
    """Each file saved by LibreOffice as each of ``fmts`` and opened again: (path, fmt) → the copy saved back as .xlsx
    with ``back`` (fmt "xlsx": the file opened and so saved). One start per format and one for every save back, where
    ``convert(convert(path, fmt), "xlsx")`` per file and format started LibreOffice twice each time."""
    back_in = outdir / "back-in"
    back_in.mkdir(parents=True, exist_ok=True)
    sources = {(p, "xlsx"): p for p in paths} if "xlsx" in fmts else {}
    for fmt in (f for f in fmts if f != "xlsx"):
        for p, copy_ in convert_many(paths, fmt, outdir / fmt).items():
            # named apart: the copies of one file in two formats would be saved back to one name
            sources[(p, fmt)] = shutil.copyfile(copy_, back_in / f"{p.stem}-{fmt}.{fmt}")
    saved = convert_many(list(sources.values()), back, outdir / "back")
    return {key: saved[source] for key, source in sources.items()}


_EDIT_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub EditRows
  On Error GoTo Failed
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  url = ConvertToURL(Environ("SB_FILE"))
  doc = StarDesktop.loadComponentFromURL(url, "_blank", 0, args())
  oSheet = doc.Sheets.getByName(Environ("SB_SHEET"))
  oSheet.unprotect("")
  If Environ("SB_DELETE") &lt;&gt; "" Then oSheet.Rows.removeByIndex(CLng(Environ("SB_DELETE")) - 1, 1)
  If Environ("SB_INSERT") &lt;&gt; "" Then oSheet.Rows.insertByIndex(CLng(Environ("SB_INSERT")) - 1, 1)
  If Environ("SB_DELETE_COLUMN") &lt;&gt; "" Then oSheet.Columns.removeByIndex(CLng(Environ("SB_DELETE_COLUMN")) - 1, 1)
  items = Split(Environ("SB_CELLS"), Chr(1))
  If Environ("SB_CELLS") = "" Then items = Array()
  For i = 0 To UBound(items)
    parts = Split(items(i), Chr(2))
    oCell = oSheet.getCellRangeByName(parts(0))
    If parts(1) = "n" Then
      oCell.setValue(CDbl(parts(2)))
    ElseIf parts(1) = "p" Then
      Dim loc As New com.sun.star.lang.Locale
      oCell.setValue(CDbl(parts(2)) / 100)
      oCell.NumberFormat = doc.NumberFormats.getStandardFormat(com.sun.star.util.NumberFormat.PERCENT, loc)
    Else
      oCell.setString(parts(2))
    End If
  Next i
  doc.calculateAll()
  Dim props(0) As New com.sun.star.beans.PropertyValue
  props(0).Name = "FilterName"
  props(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL(url, props())
  doc.close(True)
  Exit Sub
Failed:
  n = FreeFile
  Open Environ("SB_FILE") &amp; ".error" For Output As #n
  Print #n, Error$
  Close #n
  doc.close(True)
End Sub
</script:module>
"""


def edit_rows(path: Path, sheet: str, cells: dict[str, object], delete: int | None = None,
              insert: int | None = None, timeout: int = 180, delete_column: int | None = None) -> None:
    """A person editing an .xlsx in LibreOffice (its sheet protection taken off first, as 撤销工作表保护 does): the
    whole row ``delete`` deleted, then a whole row inserted above row ``insert``, then the whole column
    ``delete_column`` (1 = A) deleted (references, ranges and the rows and columns after move as the spreadsheet
    moves them), ``cells`` (ref → number or text) typed; recalculated and saved. A text ending in "%" of a number
    ("10%") is typed as Excel, WPS and LibreOffice store it: the number (0.1) in a percentage format."""
    exe = need_soffice()
    if lo_office.available():
        profile = lo_office.office_profile(_profile(recalc=False))
        edits = {"sheet": sheet, "delete": delete, "insert": insert, "delete_column": delete_column,
                 "cells": [[ref, *_typed(v).split("\x02")] for ref, v in cells.items()]}
        said = lo_office.asked(exe, profile, lambda office: office.edit(path, timeout, **edits))
        if said is not None:
            assert said == [None], said[0]
            return
    root = Path(tempfile.mkdtemp(prefix="shibai-lo-macro-"))
    try:
        _run([exe, f"-env:UserInstallation={root.as_uri()}", "--headless", "--terminate_after_init"], os.environ,
             timeout)                   # the profile LibreOffice makes on its first start, its Basic library with it
        (root / "user" / "basic" / "Standard" / "Module1.xba").write_text(_EDIT_MODULE, "utf-8")
        typed = "\x01".join(f"{ref}\x02{_typed(v)}" for ref, v in cells.items())
        env = dict(os.environ, SB_FILE=str(path), SB_SHEET=sheet, SB_DELETE=str(delete or ""),
                   SB_INSERT=str(insert or ""), SB_DELETE_COLUMN=str(delete_column or ""), SB_CELLS=typed)
        cmd = [exe, f"-env:UserInstallation={root.as_uri()}", "--headless", "--norestore",
               "macro:///Standard.Module1.EditRows"]
        _run(cmd, env, timeout)
        error = Path(f"{path}.error")
        assert not error.exists(), error.read_text("utf-8", errors="replace")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _typed(value: object) -> str:
    """A cell's value for the edit macro: kind (n number, p percentage, s text), then what to type."""
    if isinstance(value, (int, float)):
        return f"n\x02{value}"
    if re.fullmatch(r"\d+(\.\d+)?%", str(value)):
        return f"p\x02{str(value)[:-1]}"
    return f"s\x02{value}"


def _run(cmd: list[str], env: dict, timeout: int) -> None:
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise


def printed_text_heights(cells: list[tuple[str, float, object]], outdir: Path) -> list[float]:
    """How tall (points) LibreOffice prints each wrapped text: (text, column width, font) each alone in a top-aligned
    cell of a row as tall as a row can be, one sheet (page) each, at 100 %; from the first to the last line printed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    wb.remove(wb.active)
    for i, (text, width, font) in enumerate(cells):
        ws = wb.create_sheet(f"s{i}")
        ws.column_dimensions["A"].width = width
        ws.row_dimensions[1].height = 409
        cell = ws.cell(1, 1, text)
        cell.alignment, cell.font = Alignment(wrap_text=True, vertical="top"), copy(font)
    outdir.mkdir(parents=True, exist_ok=True)
    wb.save(outdir / "heights.xlsx")
    pdf = convert(outdir / "heights.xlsx", "pdf", outdir)
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = []
    for page in out.split("<page ")[1:]:
        lines = [(float(a), float(b)) for a, b in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
                                                              r'yMax="([\d.]+)"', page)]
        heights.append(max(b for _, b in lines) - min(a for a, _ in lines) if lines else 0.0)
    return heights
