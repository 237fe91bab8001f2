"""The benchmarks run at all (tiny sizes); their figures are in the README, not asserted here."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize("script, args", [
    ("bench_refresh.py", ["--n", "2", "--residents", "5", "--repeat", "1"]),
    ("bench_merge.py", ["--sizes", "3", "--rows", "2", "--repeat", "1"]),
    ("bench_review.py", ["--projects", "4", "--experts", "2", "--repeat", "1"]),
    ("where_time_goes.py", ["--n", "2", "--residents", "5", "--repeat", "1"]),
])
def test_benchmark_runs(tmp_path, script, args):
    done = subprocess.run([sys.executable, str(BENCH / script), *args, "--work", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    table = [line for line in done.stdout.splitlines() if line.startswith("|")]
    assert len(table) >= 3 and "Traceback" not in done.stderr
