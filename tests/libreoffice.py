"""LibreOffice headless as the stand-in spreadsheet client: open, recalculate, convert, render."""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

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
    cmd = [exe, f"-env:UserInstallation={_profile(recalc).as_uri()}", "--headless", "--norestore", "--convert-to", fmt,
           "--outdir", str(outdir), *map(str, paths)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    copies = {p: outdir / (p.stem + "." + fmt.split(":")[0]) for p in paths}
    assert all(c.exists() for c in copies.values()), (out.decode(errors="replace"), err.decode(errors="replace"))
    return copies
