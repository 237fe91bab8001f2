"""Where a first refresh's CPU time goes, part by part, beside the calamine read it is compared with.

    python benchmarks/where_time_goes.py --n 120

The files are ``bench_refresh.py``'s (generated once into ``--work``, shared with it). Measured with
``time.process_time`` over ``--repeat`` passes, the median pass:
- per file, in this one process read as a reading helper reads (no extent check, ``isolation.py``): calamine's
  open and its parse of the sheets the tool uses, the tool's own inflation and CRC check of the parts it scans,
  the engine's check, and the rest of the reading — against calamine reading every sheet of the same files;
- per file, the whole read done by forked helpers as a refresh does it, with one helper and with the refresh's
  number: what reading side by side adds (both helpers warm up, and they share the machine's caches);
- fixed, a whole process: Python's start and the imports of a first refresh (reader, checker, summary writer).
The whole-process figures of a refresh are ``bench_refresh.py``'s; this says which part to look at.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import installed_environment, park_folder, work_dir  # noqa: E402

IMPORTS = "import shibai_xl.faces.cli, shibai_xl.jobs.read_applications, shibai_xl.jobs.summary_update"


def calamine_floor(paths: list[Path]) -> float:
    """calamine opening each file and reading every sheet, as the benchmark's floor does: seconds."""
    from python_calamine import CalamineWorkbook

    t = time.process_time()
    for p in paths:
        book = CalamineWorkbook.from_path(str(p))
        for sheet in book.sheet_names:
            book.get_sheet_by_name(sheet).to_python()
    return time.process_time() - t


def timed_parts() -> tuple[Counter, list]:
    """Wrap the functions whose time is said apart; (their seconds so far, the wrappers' undo list)."""
    from shibai_xl.adapters.xlsx import opc, reader
    from shibai_xl.jobs import read_applications

    spent: Counter = Counter()
    undo = []
    for module, name, part in ((reader, "open_calamine", "calamine：打开工作簿"),
                               (reader, "calamine_rows", "calamine：解析用到的工作表"),
                               (opc, "_member_bytes", "本工具解压并校验 CRC（名单表等）"),
                               (read_applications, "check", "检查和评分（engine.check）")):
        original = getattr(module, name)

        def wrapper(*args, _f=original, _part=part, **kwargs):
            t = time.process_time()
            try:
                return _f(*args, **kwargs)
            finally:
                spent[_part] += time.process_time() - t
        setattr(module, name, wrapper)
        undo.append((module, name, original))
    return spent, undo


def in_process(paths: list[Path], repeat: int) -> tuple[float, dict[str, float]]:
    """(seconds a pass of reading every file takes, each part's seconds), medians of ``repeat`` passes."""
    from shibai_xl.adapters.xlsx import package
    from shibai_xl.jobs.read_applications import read_record

    package.skip_extent_check()   # as a reading helper: its address space is capped instead
    package.stay_quiet()
    spent, undo = timed_parts()
    totals, parts = [], []
    try:
        for _ in range(repeat):
            spent.clear()
            t = time.process_time()
            for p in paths:
                read_record(p, p.name, paths).to_dict()
            totals.append(time.process_time() - t)
            parts.append(dict(spent))
    finally:
        for module, name, original in undo:
            setattr(module, name, original)
    return statistics.median(totals), {k: statistics.median(d.get(k, 0.0) for d in parts) for k in parts[0]}


def in_helpers(paths: list[Path], helpers: int) -> float:
    """CPU seconds (this process and its helpers) of reading every file in ``helpers`` forked helpers."""
    import resource

    from shibai_xl.jobs.read_applications import _read_in_processes
    from shibai_xl.jobs.workbook_files import file_hash, stat_of

    jobs = [(p, p.name, file_hash(p), paths, [*stat_of(p), time.time_ns()]) for p in paths]

    def cpu() -> float:
        return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                     resource.getrusage(resource.RUSAGE_CHILDREN)))
    before = cpu()
    list(_read_in_processes(jobs, helpers))
    return cpu() - before


def process_cpu(code: str) -> float:
    """CPU seconds of a whole ``python -c code`` process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, env=installed_environment())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description="首次刷新的 CPU 时间花在哪里（逐段计时）")
    ap.add_argument("--n", type=int, default=120, help="申报表份数")
    ap.add_argument("--residents", type=int, default=300, help="每份园区申报表的入驻企业家数")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", help="存放生成文件的文件夹（与 bench_refresh.py 共用）")
    args = ap.parse_args()
    paths = park_folder(work_dir(args.work), args.n, args.residents)
    from shibai_xl.engine.parse import uscc
    from shibai_xl.jobs.read_applications import load

    load()
    uscc.load_tables()
    for p in paths[:2]:   # the first file of a process warms its caches: measured apart below
        calamine_floor([p])
    ms = 1000 / len(paths)
    floor = statistics.median(calamine_floor(paths) for _ in range(args.repeat))
    total, parts = in_process(paths, args.repeat)
    one = statistics.median(in_helpers(paths, 1) for _ in range(args.repeat))
    two = statistics.median(in_helpers(paths, 2) for _ in range(args.repeat))
    start = statistics.median(process_cpu("pass") for _ in range(args.repeat))
    imports = statistics.median(process_cpu(IMPORTS) for _ in range(args.repeat))
    print(f"\n| 每份申报表（{len(paths)} 份，每份 {args.residents} 家入驻企业；{args.repeat} 次的中位数） | 毫秒/份 |")
    print("|---|---|")
    print(f"| 对照：calamine 打开并读出全部工作表 | {floor * ms:.2f} |")
    print(f"| 本工具在一个读取进程里读一份（下面各项之和） | {total * ms:.2f} |")
    for part, seconds in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"| 　其中 {part} | {seconds * ms:.2f} |")
    rest = total - sum(parts.values())
    print(f"| 　其中 其余读取（zip 目录和 DTD 检查、定义名称、各项、名单各行、隐藏行等） | {rest * ms:.2f} |")
    print(f"| 由 1 个子进程读取（含进程间传递） | {one * ms:.2f} |")
    print(f"| 由 2 个子进程同时读取（刷新的做法） | {two * ms:.2f} |")
    print(f"\n| 固定开销（整个进程） | 秒 |\n|---|---|\n| Python 启动 | {start:.3f} |")
    print(f"| Python 启动和首次刷新的导入（读取、检查、汇总表） | {imports:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
