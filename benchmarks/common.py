"""What the benchmarks share: realistic input files and timing whole processes as a user runs them.

A measurement is a whole ``shibai`` process (start-up and imports included), its wall time and its CPU
time (user + system, worker processes included, from ``getrusage(RUSAGE_CHILDREN)``), the median of
``--repeat`` runs. The floor it is compared with is a whole python-calamine process that only reads
every sheet of the same files.
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CALAMINE_READ = """
import os, sys
from python_calamine import CalamineWorkbook
cells = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".xlsx") and not name.startswith((".", "~")):
            book = CalamineWorkbook.from_path(os.path.join(root, name))
            for sheet in book.sheet_names:
                cells += sum(len(r) for r in book.get_sheet_by_name(sheet).to_python())
print(cells)
"""


@dataclass
class Timing:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.2f} 秒（CPU {self.cpu:.2f} 秒）"


def shibai_command() -> list[str]:
    """The installed ``shibai`` script next to this Python, as a user runs it."""
    script = Path(sys.executable).with_name("shibai.exe" if os.name == "nt" else "shibai")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from shibai_xl.faces.cli import main; sys.exit(main())"]


def installed_environment() -> dict[str, str]:
    """The environment of a measured process: Python's bytecode cache on, as for an installed tool (pip compiles
    a package at install). A shell that sets PYTHONDONTWRITEBYTECODE (CI, sandboxes) would otherwise have every
    run compile the tool's own modules from source, about 0.1 s of CPU that no user pays. The cache goes to the
    temp folder (``PYTHONPYCACHEPREFIX``), never into the source tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "shibai-bench-pycache"))
    return env


def run_process(args: list[str], cwd: Path | None = None) -> Timing:
    """Run one whole process; its wall time and the CPU time it and its children used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, env=installed_environment())
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0,):
        raise SystemExit(f"{' '.join(map(str, args))} 退出码 {done.returncode}：\n{done.stderr.decode('utf-8', 'replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def shibai(*args: str | Path) -> Timing:
    return run_process([*shibai_command(), *map(str, args)])


def calamine_read(folder: Path) -> Timing:
    return run_process([sys.executable, "-c", CALAMINE_READ, str(folder)])


def median(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings))


def park_values(i: int, residents: int, **changes) -> tuple[dict, list[dict]]:
    from shibai_xl.examples import EXAMPLES, example_residents, make_uscc

    rows = example_residents("park", residents, seed=i)
    for k, row in enumerate(rows):  # each park has its own residents, as in reality
        row["企业名称"] = f"园区{i + 1}入驻企业{k + 1}号电子商务有限公司"
        row["统一社会信用代码"] = make_uscc("520102", f"{i:04d}{k:05d}")
    values = dict(EXAMPLES["park"], sb_name=f"贵州第{i + 1}号电子商务产业园", sb_resident_count=residents,
                  sb_uscc=make_uscc("520102", f"MA{i:07d}"), **changes)
    return values, rows


def write_park(path: Path, i: int, residents: int, **changes) -> None:
    from shibai_xl.adapters.xlsx.filler import fill
    from shibai_xl.adapters.xlsx.templates import new_application

    values, rows = park_values(i, residents, **changes)
    wb = new_application("park")
    fill(wb, values, rows)
    wb.save(path)


def park_folder(work: Path, n: int, residents: int) -> list[Path]:
    """N park applications with their own residents each; kept in ``work`` and reused by later runs."""
    folder = work / f"apps-{n}x{residents}"
    marker = folder / ".complete"
    paths = [folder / f"园区{i + 1:04d}.xlsx" for i in range(n)]
    if marker.exists():
        return paths
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t = time.perf_counter()
    for i, path in enumerate(paths):
        write_park(path, i, residents)
    marker.write_text("ok")
    print(f"生成 {n} 份园区申报表（每份 {residents} 家入驻企业）：{time.perf_counter() - t:.0f} 秒", flush=True)
    return paths


def work_dir(given: str | None) -> Path:
    return Path(given) if given else Path(tempfile.gettempdir()) / "shibai-bench"
