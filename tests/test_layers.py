"""The layers of docs/architecture.md are enforced: ``lint-imports`` checks the contracts in
pyproject.toml (rules ← engine ← adapters ← jobs ← faces; faces never import adapters; the engine imports
no workbook library; addin, wps and examples beside the layers; errors/version neutral). It sees imports
inside functions too, which the second test proves by planting one in a copy of the package."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(cwd))
    return subprocess.run([str(LINT), "--no-cache", "--config", str(cwd / "pyproject.toml")], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_code_keeps_every_layer_contract():
    proc = lint_imports(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout and " kept" in proc.stdout


PLANTED = [  # (module, code appended to it, the import lint-imports must name)
    ("engine/fmt.py", "\n\ndef _planted():\n    from ..jobs import refresh  # noqa\n",
     "shibai_xl.engine.fmt -> shibai_xl.jobs.refresh"),
    ("engine/fmt.py", "\n\ndef _planted():\n    import openpyxl  # noqa\n", "shibai_xl.engine.fmt -> openpyxl"),
    ("faces/report.py", "\nfrom ..adapters import files  # noqa\n", "shibai_xl.faces.report -> shibai_xl.adapters.files"),
    ("errors.py", "\nfrom .rules import load  # noqa\n", "shibai_xl.errors -> shibai_xl.rules"),
]


@pytest.mark.parametrize("module, code, named", PLANTED)
def test_a_forbidden_import_breaks_the_contracts(tmp_path, module, code, named):
    """Including one inside a function: the check is not blind to the lazy imports the CLI relies on."""
    shutil.copytree(ROOT / "shibai_xl", tmp_path / "shibai_xl", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "shibai_xl" / module
    target.write_text(target.read_text("utf-8") + code, "utf-8")
    proc = lint_imports(tmp_path)
    assert proc.returncode != 0
    assert named in proc.stdout and "BROKEN" in proc.stdout
