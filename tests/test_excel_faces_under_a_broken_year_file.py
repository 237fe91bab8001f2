"""The Excel faces under a year file that cannot be read (``SHIBAI_RULES`` naming a file gone, or one with a typo):
the SB_ formulas and the ribbon buttons say the year file's Chinese refusal, as ``shibai check`` does
(tests/test_year_file.py). Their modules are imported by xlwings in Excel's Python before any call: an engine module
reading the rules when imported (its 市（州） list) made that import fail, and every SB_ cell showed xlwings' Python
traceback, every button xlwings' traceback box (QA). Each run in a fresh Python, as Excel starts one."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from shibai_xl.rules import ENV
from tests.conftest import ROOT
from tests.test_year_file import make_2025

FORMULAS = """
from shibai_xl.faces import udf_functions as U
print(repr(U.threshold("园区", "交易额")))
print(repr(U.region("91520102MA6DKQ8X18")))
print(repr(U.amount("3亿")))   # needs no rules: still worked out
"""

BUTTON = """
import types
from shibai_xl.faces import ribbon_actions as R
said = []
app = types.SimpleNamespace(alert=lambda text, title, mode: said.append((text, mode)), status_bar=None,
                            engine=types.SimpleNamespace(name="remote"))
R.dispatch("sb_new", app=app)
print(repr(said))
"""


def _run(code: str, rules: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, ENV: rules, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)


@pytest.fixture(params=["gone", "typo"])
def broken(request, tmp_path) -> tuple[str, str]:
    """(SHIBAI_RULES, the words of the refusal ``shibai check`` gives)."""
    if request.param == "gone":
        return str(tmp_path / "规则" / "y2031.toml"), "无法读取规则文件"
    path = make_2025(tmp_path / "规则")
    path.write_text("[types\n" + path.read_text("utf-8"), "utf-8")
    return str(path), "TOML 格式有误"


def test_a_formula_says_the_year_file_refusal_in_its_cell(broken, tmp_path):
    rules, words = broken
    got = _run(FORMULAS, rules, tmp_path)
    assert got.returncode == 0 and "Traceback" not in got.stderr, got.stderr[-2000:]
    cells = got.stdout.splitlines()
    assert len(cells) == 3 and cells[2] == "30000.0", cells
    assert all(c.startswith("'错误：") and words in c and "请检查参数" not in c for c in cells[:2]), cells


def test_a_button_says_the_year_file_refusal_in_a_message_box(broken, tmp_path):
    rules, words = broken
    got = _run(BUTTON, rules, tmp_path)
    assert got.returncode == 0 and "Traceback" not in got.stderr, got.stderr[-2000:]
    said = eval(got.stdout)   # noqa: S307 - the repr the child printed
    assert len(said) == 1 and words in said[0][0] and said[0][1] == "critical", said
