"""Benchmark: refreshing a 项目汇总表 from N park applications with 300 residents each.

    python benchmarks/bench_refresh.py --n 120

Measured side by side in one run on the same files:
- baseline "calamine floor": python-calamine reads every sheet of every file, openpyxl writes a summary of N rows;
- first refresh (nothing cached), second refresh (nothing changed), third refresh after one file changed;
- peak memory (tracemalloc) of a refresh at N/4, N/2 and N files: it must not grow with N.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import python_calamine
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shibai_xl.adapters.xlsx.filler import fill  # noqa: E402
from shibai_xl.adapters.xlsx.templates import new_application  # noqa: E402
from shibai_xl.examples import EXAMPLES, example_residents, make_uscc  # noqa: E402
from shibai_xl.jobs.refresh import cache_path, refresh  # noqa: E402
from shibai_xl.rules import load  # noqa: E402


def generate(folder: Path, n: int, residents: int) -> list[Path]:
    rules = load()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rows = example_residents("park", residents, seed=i)
        for k, row in enumerate(rows):  # each park has its own residents, as in reality
            row["企业名称"] = f"园区{i + 1}入驻企业{k + 1}号电子商务有限公司"
            row["统一社会信用代码"] = make_uscc("520102", f"{i:04d}{k:05d}")
        values = dict(EXAMPLES["park"], sb_name=f"贵州第{i + 1}号电子商务产业园", sb_resident_count=residents,
                      sb_uscc=make_uscc("520102", f"MA{i:07d}"))
        wb = new_application("park", rules)
        fill(wb, values, rows)
        path = folder / f"园区{i + 1:03d}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def calamine_floor(paths: list[Path], out: Path) -> float:
    t = time.perf_counter()
    wb = Workbook()
    ws = wb.active
    for p in paths:
        book = python_calamine.CalamineWorkbook.from_path(str(p))
        cells = 0
        for name in book.sheet_names:
            cells += sum(len(r) for r in book.get_sheet_by_name(name).to_python())
        ws.append([p.name, cells])
    wb.save(out)
    return time.perf_counter() - t


def timed_refresh(summary: Path, folder: Path) -> float:
    t = time.perf_counter()
    refresh(summary, folder)
    return time.perf_counter() - t


def peak_memory(summary: Path, folder: Path) -> float:
    for p in (summary, cache_path(summary)):
        p.unlink(missing_ok=True)
    tracemalloc.start()
    refresh(summary, folder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description="汇总表刷新基准测试")
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--residents", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="shibai-bench-"))
    try:
        t = time.perf_counter()
        paths = generate(work / "apps", args.n, args.residents)
        print(f"生成 {args.n} 份园区申报表（每份 {args.residents} 家入驻企业）：{time.perf_counter() - t:.1f} 秒")
        floors, firsts, seconds, changed = [], [], [], []
        for _ in range(args.repeat):
            floors.append(calamine_floor(paths, work / "floor.xlsx"))
            summary = work / "汇总表.xlsx"
            for p in (summary, cache_path(summary)):
                p.unlink(missing_ok=True)
            firsts.append(timed_refresh(summary, work / "apps"))
            seconds.append(timed_refresh(summary, work / "apps"))
            paths[0].touch()
            wb = new_application("park")
            fill(wb, dict(EXAMPLES["park"], sb_name="贵州第1号电子商务产业园", sb_online_retail=5000,
                          sb_resident_count=args.residents, sb_uscc=make_uscc("520102", "MA0000000")),
                 example_residents("park", args.residents))
            wb.save(paths[0])
            changed.append(timed_refresh(summary, work / "apps"))
        floor, first, second, one = (statistics.median(x) for x in (floors, firsts, seconds, changed))
        mem = {}
        for k in (args.n // 4, args.n // 2, args.n):
            sub = work / f"apps{k}"
            sub.mkdir()
            for p in paths[:k]:
                shutil.copy(p, sub / p.name)
            mem[k] = peak_memory(work / f"mem{k}.xlsx", sub)
        print(f"| 测量（{args.n} 份，中位数，重复 {args.repeat} 次） | 秒 | 与基线之比 |")
        print("|---|---|---|")
        print(f"| 基线：python-calamine 读全部工作表 + openpyxl 写汇总 | {floor:.2f} | 1.00 |")
        print(f"| 首次刷新（无缓存） | {first:.2f} | {first / floor:.2f} |")
        print(f"| 再次刷新（无改动） | {second:.2f} | {second / floor:.2f}（为首次的 {second / first:.0%}） |")
        print(f"| 改动 1 份后刷新 | {one:.2f} | {one / floor:.2f} |")
        print("峰值内存（tracemalloc）：" + "，".join(f"{k} 份 {v:.1f} MB" for k, v in mem.items()))
        ok = first <= 2 * floor and second <= 0.2 * first
        print("目标（首次 ≤ 2×基线，再次 ≤ 首次的20%）：" + ("达到" if ok else "未达到"))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
