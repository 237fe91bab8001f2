"""Load the generated add-in in LibreOffice (headless) and list its VBA modules.

LibreOffice imports the VBA modules of an OOXML workbook into a Basic
library named after the VBA project (here ``shibai``) when "Load Basic code"
is on (the default), decoding the source with PROJECTCODEPAGE.  Converting
the workbook to ODS writes that library to ``Basic/<project>/`` inside the
ODS zip, which gives an independent reader's view of our vbaProject.bin
without UNO.

LibreOffice 7.4's type detection does not know the add-in content type
``application/vnd.ms-excel.addin.macroEnabled.main+xml`` ("source file could
not be loaded", also for xlwings' own Excel-saved .xlam), so the test hands it
a byte-identical package whose only change is that content type, relabelled
as a macro-enabled workbook (.xlsm).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from shibai_xl.addin import build
from tests.zip_parts import as_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

LIB_NS = "{http://openoffice.org/2000/library}"
SCRIPT_NS = "{http://openoffice.org/2000/script}"
TIMEOUT = 240


def _convert_to_ods(workbook: Path, outdir: Path) -> Path:
    """``soffice --convert-to ods`` with a private profile and a hard timeout.

    ``soffice`` is a launcher script that starts ``soffice.bin``; it runs in
    its own session so a timeout kills the whole process group, not just the
    script.
    """
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    cmd = [
        SOFFICE, "--headless", "--invisible", "--norestore", "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to", "ods", "--outdir", str(outdir), str(workbook),
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "HOME": str(profile)}, start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"LibreOffice did not finish within {TIMEOUT} s")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ods = outdir / (workbook.stem + ".ods")
    assert ods.exists(), f"LibreOffice did not convert {workbook.name}:\n{out}\n{err}"
    return ods


@pytest.fixture(scope="module")
def lo_basic(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("lo")
    src = tmp / "shibai.xlsm"
    src.write_bytes(as_workbook(build.build_addin_bytes()))
    ods = _convert_to_ods(src, tmp / "out")
    with zipfile.ZipFile(ods) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    return parts


def test_libreoffice_imports_every_module(lo_basic: dict) -> None:
    libs = sorted({n.split("/")[1] for n in lo_basic if n.startswith("Basic/") and n.count("/") == 2})
    assert "shibai" in libs  # library = VBA project name
    lib = ET.fromstring(lo_basic["Basic/shibai/script-lb.xml"])
    names = sorted(e.get(LIB_NS + "name") for e in lib.iter(LIB_NS + "element"))
    assert names == sorted(m.name for m in build.addin_modules())


def _module(lo_basic: dict, name: str) -> tuple[str, str]:
    root = ET.fromstring(lo_basic[f"Basic/shibai/{name}.xml"])
    return root.get(SCRIPT_NS + "moduleType"), root.text or ""


def test_module_kinds_and_text(lo_basic: dict) -> None:
    kinds = {m.name: _module(lo_basic, m.name)[0] for m in build.addin_modules()}
    assert kinds == {
        "ThisWorkbook": "document",
        "Sheet1": "document",
        "xlwings": "normal",
        "Dictionary": "class",
        "ShibaiRibbon": "normal",
        "xlwings_udfs": "normal",
    }
    _, ribbon_src = _module(lo_basic, "ShibaiRibbon")
    # GBK (code page 936) source decoded back to the same Chinese text
    assert "' 十百千万 功能区回调" in ribbon_src
    assert "Public Sub SbRibbonAction(control As IRibbonControl)" in ribbon_src
    assert "r.dispatch('\" & controlId & \"')\"" in ribbon_src
    assert 'MsgBox "现在没有打开的工作簿。"' in ribbon_src and "Private Function SbHelpText() As String" in ribbon_src
    _, xlwings_src = _module(lo_basic, "xlwings")
    assert 'Public Const PROJECT_NAME As String = "shibai"' in xlwings_src
    assert re.search(r"Function RunPython\(", xlwings_src)


def test_sheet_survives(lo_basic: dict) -> None:
    content = lo_basic["content.xml"].decode()
    assert 'table:name="_shibai.conf"' in content
    assert "Interpreter_Win" in content
