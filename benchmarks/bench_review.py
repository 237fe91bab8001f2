"""Benchmark: ``shibai review make`` for 9 experts at province scale (300 projects; 120 for comparison).

    python benchmarks/bench_review.py --projects 300 --experts 9

The round's summary is refreshed from real application workbooks of all four types (generated once and
kept in ``--work``), so every project gets the tool's suggested scores re-checked from its application,
as in a real round. Measured: the whole ``shibai review make`` process, wall and CPU time, median of
``--repeat`` runs; the goal is ≤ 10 s for 9 × 300 (≤ 4 s for 9 × 120) and time linear in score cells.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, shibai, work_dir  # noqa: E402

CITIES = ("贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州", "黔南州", "黔西南州")
TYPES = ("park", "base", "enterprise", "team")


def application_values(i: int) -> tuple[str, dict, list | None]:
    from shibai_xl.examples import EXAMPLES, example_residents, make_uscc

    t = TYPES[i % 4]
    values = dict(EXAMPLES[t], sb_uscc=make_uscc("520102", f"MB{i:07d}"), sb_city=CITIES[i % 9])
    values["sb_name"] = f"{values['sb_name'].split('（')[0]}{i + 1}号"
    residents = None
    if t in ("park", "base"):
        residents = example_residents(t, seed=i)
        for k, row in enumerate(residents):
            row["企业名称"] = f"项目{i + 1}入驻企业{k + 1}号有限公司"
            row["统一社会信用代码"] = make_uscc("520102", f"{i:04d}{k:05d}")
    return t, values, residents


def round_source(work: Path, projects: int) -> Path:
    """A folder with ``申报表/`` (the applications) and the summary refreshed from them."""
    from shibai_xl.adapters.xlsx.filler import fill
    from shibai_xl.adapters.xlsx.templates import new_application
    from shibai_xl.jobs.refresh import refresh

    base = work / f"review-{projects}"
    summary = base / "全省汇总表.xlsx"
    if (base / ".complete").exists():
        return summary
    shutil.rmtree(base, ignore_errors=True)
    apps = base / "申报表"
    apps.mkdir(parents=True)
    t0 = time.perf_counter()
    for i in range(projects):
        t, values, residents = application_values(i)
        wb = new_application(t)
        fill(wb, values, residents)
        wb.save(apps / f"{i + 1:04d}-{t}.xlsx")
    refresh(summary, apps, batch="2024-05")
    (base / ".complete").write_text("ok")
    print(f"生成 {projects} 份申报表并刷新汇总表：{time.perf_counter() - t0:.0f} 秒", flush=True)
    return summary


def main() -> int:
    ap = argparse.ArgumentParser(description="专家评分表生成基准测试（整个进程计时）")
    ap.add_argument("--projects", type=int, nargs="+", default=[120, 300])
    ap.add_argument("--experts", type=int, default=9)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", help="存放生成文件的文件夹（再次运行时复用）")
    args = ap.parse_args()
    work = work_dir(args.work)
    experts = ",".join(f"专家{k + 1}" for k in range(args.experts))
    cities = ",".join(f"专家{k + 1}={CITIES[k % 9]}" for k in range(min(args.experts, 3)))
    rows = []
    for n in args.projects:
        summary = round_source(work, n)
        out = summary.parent / "评审"
        timings = []
        for _ in range(args.repeat):
            shutil.rmtree(out, ignore_errors=True)
            timings.append(shibai("review", "make", out, "--from", summary, "--experts", experts,
                                  "--expert-cities", cities, "--round", "2024-05"))
        rows.append((n, median(timings)))
    print(f"\n| `shibai review make`（{args.experts} 位专家；整个进程，{args.repeat} 次的中位数） "
          "| 墙钟时间 秒 | CPU 时间 秒 | 每个项目 毫秒（墙钟） |")
    print("|---|---|---|---|")
    for n, t in rows:
        print(f"| {n} 个项目 | {t.wall:.2f} | {t.cpu:.2f} | {t.wall / n * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
