"""Benchmark: ``shibai refresh`` of a 项目汇总表 from N park applications (300 residents each).

    python benchmarks/bench_refresh.py --n 120
    python benchmarks/bench_refresh.py --n 1000

Every figure is a whole process as a user runs it (start-up and imports included), the median of
``--repeat`` runs, wall and CPU time, side by side with a whole python-calamine process that only
reads every sheet of the same files (the floor for reading them). Python's bytecode cache is on for
both, as for an installed tool (``common.installed_environment``), and filled by a first unmeasured run:
- first refresh (no summary, no cache): CPU time ÷ the calamine read's (goal ≤ 2.0);
- refresh with nothing changed: wall time ÷ the calamine read's (goal ≤ 0.35);
- refresh after one file changed (goal ≤ 1.0 s at 1000 files).
``--memory`` adds the in-process peak memory (tracemalloc) of a first refresh at N/4, N/2 and N files.
Generated files are kept in ``--work`` (default: the temp folder's shibai-bench) for the next run.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import calamine_read, median, park_folder, shibai, work_dir, write_park  # noqa: E402


def reset(summary: Path) -> None:
    from shibai_xl.jobs.refresh import cache_path

    for p in (summary, cache_path(summary), summary.with_name(summary.name + ".bak")):
        p.unlink(missing_ok=True)


def peak_memory(work: Path, paths: list[Path], k: int) -> float:
    from shibai_xl.jobs.refresh import refresh

    sub = work / f"mem-{k}"
    shutil.rmtree(sub, ignore_errors=True)
    sub.mkdir()
    for p in paths[:k]:
        shutil.copy(p, sub / p.name)
    summary = work / f"mem-{k}.xlsx"
    reset(summary)
    tracemalloc.start()
    refresh(summary, sub)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    shutil.rmtree(sub, ignore_errors=True)
    return peak / 1024 / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description="汇总表刷新基准测试（整个进程计时）")
    ap.add_argument("--n", type=int, default=120, help="申报表份数")
    ap.add_argument("--residents", type=int, default=300, help="每份园区申报表的入驻企业家数")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", help="存放生成文件的文件夹（再次运行时复用）")
    ap.add_argument("--memory", action="store_true", help="另测进程内峰值内存")
    args = ap.parse_args()
    work = work_dir(args.work)
    paths = park_folder(work, args.n, args.residents)
    folder = paths[0].parent
    first_file = paths[0].read_bytes()
    summary = work / f"汇总表-{args.n}.xlsx"
    floors, firsts, seconds, changed = [], [], [], []
    reset(summary)
    shibai("refresh", summary, "--from", folder, "--batch", "2024-05")   # warm-up: fills the bytecode cache
    try:
        for k in range(args.repeat):
            floors.append(calamine_read(folder))
            reset(summary)
            firsts.append(shibai("refresh", summary, "--from", folder, "--batch", "2024-05"))
            seconds.append(shibai("refresh", summary, "--from", folder, "--batch", "2024-05"))
            write_park(paths[0], 0, args.residents, sb_online_retail=5000 + k)   # a real change each time
            changed.append(shibai("refresh", summary, "--from", folder, "--batch", "2024-05"))
    finally:
        paths[0].write_bytes(first_file)
        reset(summary)
    floor, first, second, one = map(median, (floors, firsts, seconds, changed))
    print(f"\n| 测量（{args.n} 份，每份 {args.residents} 家入驻企业；整个进程，{args.repeat} 次的中位数） "
          "| 墙钟时间 秒 | CPU 时间 秒 | 与 calamine 读取之比 |")
    print("|---|---|---|---|")
    print(f"| 基线：python-calamine 进程读出全部工作表 | {floor.wall:.2f} | {floor.cpu:.2f} | 1.00 |")
    print(f"| `shibai refresh` 首次（无缓存） | {first.wall:.2f} | {first.cpu:.2f} | CPU {first.cpu / floor.cpu:.2f}× |")
    print(f"| `shibai refresh` 再次（无改动） | {second.wall:.2f} | {second.cpu:.2f} | 墙钟 {second.wall / floor.wall:.2f}× |")
    print(f"| `shibai refresh` 改动 1 份后 | {one.wall:.2f} | {one.cpu:.2f} | 墙钟 {one.wall / floor.wall:.2f}× |")
    goals = [("首次 CPU ≤ 2.0× calamine", first.cpu <= 2.0 * floor.cpu),
             ("无改动 ≤ 0.35× calamine", second.wall <= 0.35 * floor.wall)]
    if args.n >= 1000:
        goals.append(("改动 1 份 ≤ 1.0 秒", one.wall <= 1.0))
    print("目标：" + "；".join(f"{g} {'达到' if ok else '未达到'}" for g, ok in goals))
    if args.memory:
        mem = {k: peak_memory(work, paths, k) for k in (args.n // 4, args.n // 2, args.n) if k}
        print("峰值内存（tracemalloc，进程内）：" + "，".join(f"{k} 份 {v:.1f} MB" for k, v in mem.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
