"""``shibai check``, ``refresh`` and ``new`` start without pandas (its import alone costs more than a
small refresh) and without xlwings: each runs the real CLI in a fresh interpreter, which then reports
what it imported. ``merge`` is the control: it does import pandas, so the probe can see it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import name_it as _named

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import os, sys
from shibai_xl.faces.cli import main
code = main(sys.argv[1:])
print("IMPORTED:" + ",".join(m for m in os.environ["PROBE_MODULES"].split(",") if m in sys.modules), "EXIT:%s" % code)
"""
# what review, merge and serve need: a command that does not need them never loads them (the CLI imports a
# job's module only when its command runs)
OTHER_COMMANDS = ("uvicorn", "starlette", "shibai_xl.jobs.review", "shibai_xl.jobs.merge", "shibai_xl.faces.serve")


def name_it(path: Path) -> None:
    """The template given its 名称 and its amounts (a blank amount leaves the merge's total incomplete, exit 1)."""
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.filler import named_cell

    _named(path)
    wb = load_workbook(path)
    named_cell(wb, "sb_trade_total").value, named_cell(wb, "sb_online_retail").value = 5000, 3000
    wb.save(path)


def imported(args: list[str], cwd: Path, modules: tuple[str, ...] = ("pandas", "xlwings")) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PROBE_MODULES=",".join(modules))
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("IMPORTED:"))
    assert line.endswith("EXIT:0"), proc.stdout + proc.stderr
    return {m for m in line.split()[0].removeprefix("IMPORTED:").split(",") if m}


def _with_application(d: Path) -> None:
    """The application every test reads, made by the first test that runs here (xdist may run any one first)."""
    if not (d / "申报表/企业.xlsx").exists():
        assert imported(["new", "企业", "--out", "申报表/企业.xlsx"], d) == set()
        name_it(d / "申报表/企业.xlsx")


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    d = tmp_path_factory.mktemp("startup")
    (d / "申报表").mkdir()
    return d


def test_new_check_refresh_never_import_pandas_or_xlwings(round_trip):
    d = round_trip
    assert imported(["new", "企业", "--out", "申报表/企业.xlsx"], d) == set()
    name_it(d / "申报表/企业.xlsx")
    assert imported(["check", "申报表/企业.xlsx"], d) == set()
    assert imported(["check", "申报表/企业.xlsx", "--json"], d) == set()
    assert imported(["refresh", "汇总表.xlsx", "--from", "申报表"], d) == set()
    assert (d / "汇总表.xlsx").exists()


def test_merge_imports_pandas(round_trip):
    d = round_trip
    if not (d / "汇总表.xlsx").exists():
        assert imported(["new", "企业", "--out", "申报表/企业.xlsx"], d) == set()
        name_it(d / "申报表/企业.xlsx")
        assert imported(["refresh", "汇总表.xlsx", "--from", "申报表"], d) == set()
    assert "pandas" in imported(["merge", "全省.xlsx", "汇总表.xlsx"], d)


def test_check_and_refresh_never_load_other_commands(round_trip):
    d = round_trip
    _with_application(d)
    assert imported(["check", "申报表/企业.xlsx", "--json"], d, OTHER_COMMANDS) == set()
    assert imported(["refresh", "汇总表2.xlsx", "--from", "申报表"], d, OTHER_COMMANDS) == set()


def test_xlsx_work_never_loads_the_readers_of_old_formats(round_trip):
    """olefile (and the logging it brings) is for .xls/.et only; calendar (and locale) for nothing here. (A refresh
    that reads many files gets logging from concurrent.futures all the same.)"""
    d = round_trip
    _with_application(d)
    rare = ("olefile", "logging", "calendar")
    assert imported(["check", "申报表/企业.xlsx", "--json"], d, rare) == set()
    assert imported(["refresh", "汇总表4.xlsx", "--from", "申报表"], d, ("olefile", "calendar")) == set()


def test_refresh_with_nothing_changed_loads_neither_openpyxl_nor_the_checker(round_trip):
    """It only hashes the files: the reader, the checker and openpyxl cost more than that whole refresh."""
    d = round_trip
    heavy = ("openpyxl", "python_calamine", "shibai_xl.engine.check", "shibai_xl.adapters.xlsx.reader", "rich",
             "shibai_xl.rules.model")   # the rules: 30 ms of dataclasses, a tenth of such a refresh
    _with_application(d)
    assert {"openpyxl", "shibai_xl.engine.check"} <= imported(["refresh", "汇总表3.xlsx", "--from", "申报表"], d, heavy)
    assert imported(["refresh", "汇总表3.xlsx", "--from", "申报表"], d, heavy) == set()
    # with the README's --batch too (its month checked by the refresh that took it; the review engine never loads)
    assert "shibai_xl.rules.model" in imported(["refresh", "汇总表6.xlsx", "--from", "申报表", "--batch", "2024-05"], d,
                                               heavy)
    assert imported(["refresh", "汇总表6.xlsx", "--from", "申报表", "--batch", "2024-05"], d,
                    (*heavy, "shibai_xl.engine.review")) == set()


def test_check_and_refresh_never_load_importlib_resources_or_the_toml_parser(round_trip):
    """The year file and the code tables are read from the package's folder, the TOML files from their cached JSON
    once parsed (``rules/loader.py``), and the numpy guard is a plain meta path finder (``lean_imports.py``):
    importlib.resources, importlib.abc (with tempfile) and tomllib would cost every command start-up."""
    d = round_trip
    _with_application(d)
    machinery = ("importlib.resources", "importlib.abc", "tomllib")
    imported(["check", "申报表/企业.xlsx", "--json"], d)   # the TOML files parsed once, if no test did yet …
    imported(["refresh", "汇总表0.xlsx", "--from", "申报表"], d)   # … those a refresh reads too
    assert imported(["check", "申报表/企业.xlsx", "--json"], d, machinery) == set()
    assert imported(["refresh", "汇总表5.xlsx", "--from", "申报表"], d, machinery) == set()
