"""The installed ``shibai`` command (``faces.cli.run``) ends the process with ``os._exit`` after ``main``: what the
interpreter's exit would have done and something relies on must still happen — library clean-ups registered with
atexit (openpyxl removes the temp file of a worksheet whose save failed), and a standard stream closed when the
command started (None in Python) is not a traceback or a wrong exit code."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUN = "import sys; from shibai_xl.faces.cli import run; sys.argv = ['shibai', *sys.argv[1:]]; run()"
LEAVE_TEMP = ("from openpyxl.worksheet._writer import create_temporary_file; create_temporary_file(); " + RUN)


def _env(tmp: Path) -> dict[str, str]:
    return dict(os.environ, TMPDIR=str(tmp), HOME=str(tmp / "home"), XDG_CONFIG_HOME=str(tmp / "config"))


def test_openpyxl_temp_files_are_removed_at_the_end(tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    proc = subprocess.run([sys.executable, "-c", LEAVE_TEMP, "new", "park", "--out", str(tmp_path / "a.xlsx")],
                          capture_output=True, env=_env(temp))
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert [p.name for p in temp.iterdir() if p.name.startswith("openpyxl.")] == []


def test_a_closed_stdout_or_stderr_is_neither_a_traceback_nor_a_wrong_exit_code(tmp_path):
    for fd in (1, 2):
        out = tmp_path / f"closed{fd}.xlsx"
        proc = subprocess.run([sys.executable, "-c", RUN, "new", "park", "--out", str(out)],
                              stdout=subprocess.PIPE if fd == 2 else None, stderr=subprocess.PIPE if fd == 1 else None,
                              preexec_fn=lambda fd=fd: os.close(fd), env=_env(tmp_path))
        text = (proc.stderr if fd == 1 else proc.stdout).decode("utf-8", "replace")
        assert proc.returncode == 0 and out.exists(), (fd, text)
        assert "Traceback" not in text and "程序内部错误" not in text, (fd, text)


def test_version_says_the_tool_and_the_year_file_in_force(tmp_path):
    """Support asks "which version, which rules?": ``shibai --version`` answers both; a SHIBAI_RULES naming no
    year file is the Chinese refusal every command gives (exit 2), not a traceback."""
    from shibai_xl.version import __version__

    proc = subprocess.run([sys.executable, "-c", RUN, "--version"], capture_output=True, env=_env(tmp_path))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert out.splitlines()[0] == f"shibai-xl {__version__}"
    assert "规则：2024 年通知" in out and "y2024.toml" in out
    bad = subprocess.run([sys.executable, "-c", RUN, "-V"], capture_output=True,
                         env=dict(_env(tmp_path), SHIBAI_RULES="2030"))
    text = bad.stderr.decode("utf-8", "replace")
    assert bad.returncode == 2 and "没有2030年的规则文件" in text and "Traceback" not in text, text
