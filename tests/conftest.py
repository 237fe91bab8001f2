"""Shared fixtures: the rules, the example applications, real workbooks made by ``shibai new``."""
from __future__ import annotations

import atexit
import copy
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import fill
from shibai_xl.engine.application import Application
from shibai_xl.examples import EXAMPLES, example_residents
from shibai_xl.faces.cli import main
from shibai_xl.rules import load

from .filled_cache import Filled, example_files

# the tool's user cache (the parsed year file) of this test run only: what another run or version left in the
# user's own cache folder never decides a result here (subprocesses of the tests inherit it)
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="shibai-test-cache-")
# a refresh leaves the rows it finds as it wrote them (the summary untouched since): here each is applied all the same
# and must change nothing (summary_apply._RowUpdate._verify_settled), so every refresh of the suite checks that
os.environ["SHIBAI_VERIFY_SETTLED"] = "1"
# the `shibai` processes the tests start (and the test processes) load the tool's modules compiled, as an installed
# tool does (pip compiles a package as it installs it): where the shell says PYTHONDONTWRITEBYTECODE (CI does), each
# of the suite's 500-odd processes compiled every module of the tool from source — a `shibai check` 0.75 s of CPU
# instead of 0.3. The bytecode goes to a folder of this run in the temp folder, never into the source tree; the process
# that made it (pytest's, which outlives its workers) removes it as it ends.
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None and "PYTHONPYCACHEPREFIX" not in os.environ:
    os.environ["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="shibai-test-pycache-")
    atexit.register(shutil.rmtree, os.environ["PYTHONPYCACHEPREFIX"], ignore_errors=True)

# the same examples on every run (CI must not fail on a draw no other run makes); SHIBAI_HYPOTHESIS=explore draws anew
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("SHIBAI_HYPOTHESIS", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
NOTICE = ROOT.parent / "shared" / "seeds" / "000_9185a207016a5130.txt"
TYPES = ("park", "base", "enterprise", "team")


@pytest.fixture(scope="session")
def rules():
    return load(2024)


def example(app_type: str, **changes) -> dict:
    values = copy.deepcopy(EXAMPLES[app_type])
    for k, v in changes.items():
        if v is ...:
            values.pop(k, None)
        else:
            values[k] = v
    return values


def example_app(app_type: str, residents="default", **changes) -> Application:
    if residents == "default":
        residents = example_residents(app_type) if app_type in ("park", "base") else None
    return Application.from_values(app_type, example(app_type, **changes), residents, source=f"{app_type}.xlsx")


def name_it(path: Path, name: str = "贵州测试电子商务有限公司") -> Path:
    """A template made with ``shibai new``, given its 名称 as the applicant's first keystrokes: a refresh summarises
    it (a blank template, with neither 名称 nor 统一社会信用代码, is said as not summarised instead)."""
    from shibai_xl.adapters.xlsx.filler import named_cell

    wb = load_workbook(path)
    named_cell(wb, "sb_name").value = name
    wb.save(path)
    return path


def all_materials(rules, answer="是"):
    return {m.name: ("不涉及" if m.not_applicable and answer == "是" else answer) for m in rules.materials}


def checked_json(path: Path, capsys) -> dict:
    """``shibai check PATH --json`` run in this process, its JSON (what ran before it, ``shibai new``'s words, dropped)."""
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


# what ``shibai new TYPE`` wrote in this test process (the year file chosen included): a copy of it is what the CLI
# would write again (0.1 s a template, thousands of times a run)
_NEW: dict[tuple[str, str | None], bytes] = {}
# what a fill of that template saved, by what it was filled with (tests/filled_cache.py)
_FILLED = Filled()


@pytest.fixture
def make_workbook(tmp_path, rules):
    """Write a workbook with the real CLI (``shibai new``), fill it like a person, return its path."""
    counter = {"n": 0}

    def _make(app_type: str, values: dict | None = None, residents="default", materials="all", name=None) -> Path:
        counter["n"] += 1
        path = tmp_path / (name or f"{app_type}-{counter['n']}.xlsx")
        vals = example(app_type) if values is None else values
        res = residents
        if residents == "default":
            res = example_residents(app_type) if app_type in ("park", "base") else None
        mats = all_materials(rules) if materials == "all" else materials
        made = (app_type, os.environ.get("SHIBAI_RULES"))
        filled = repr((made, vals, res, mats))
        if not path.exists() and _FILLED.copy_to(filled, path):
            return path
        if made in _NEW and not path.exists():     # ``shibai new`` refuses to write over a file: so it is asked
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_NEW[made])
        else:
            assert main(["new", app_type, "--out", str(path)]) == 0
            _NEW[made] = path.read_bytes()
        wb = load_workbook(path)
        fill(wb, vals, res, mats)
        wb.save(path)
        _FILLED.keep(filled, path)
        return path

    return _make


@pytest.fixture
def flawed_park(make_workbook):
    """A park application with errors in three sheets: bad 信用代码, bad mobile, a doubled resident."""
    residents = example_residents("park")
    residents.append(dict(residents[0]))
    residents[1]["年度网络零售额（万元）"] = 99999
    values = example("park", sb_uscc="91520102MA6DKQ8X1A", sb_leader_mobile="12345", sb_resident_count=20)
    return make_workbook("park", values, residents=residents, name="园区-问题较多.xlsx")


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    """The demo's example applications (four passing, two flawed), written once per module."""
    folder = tmp_path_factory.mktemp("demo")
    example_files(folder)
    return folder


def unprivileged() -> list[str]:
    """A command prefix that runs a process without root's override of file permissions (as a clerk's account
    runs), or [] when not root; skips the test where setpriv (util-linux) is missing."""
    import os
    import shutil

    if os.getuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is needed to run without root's override of permissions")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
