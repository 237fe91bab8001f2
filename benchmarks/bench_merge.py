"""Benchmark: building a 项目汇总表 of N rows, and ``shibai merge`` of 9 cities × 120 rows.

    python benchmarks/bench_merge.py

- building a new summary from N records (the step a first refresh and a merge share), N = 120, 480, 1000,
  in this process: the time per row must not grow with N (it did: every new row rescanned all rows);
- ``shibai merge`` of 9 city summaries of ``--rows`` rows each into a provincial one: a whole process,
  wall and CPU time, median of ``--repeat`` runs.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, shibai, work_dir  # noqa: E402

CITIES = ("贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州", "黔南州", "黔西南州")
TYPES = (("park", "园区"), ("base", "基地"), ("enterprise", "企业"), ("team", "团队"))


def records(n: int, city: str, offset: int = 0) -> list:
    from shibai_xl.engine.summary import SummaryRecord
    from shibai_xl.examples import PERFORMANCE, make_uscc

    out = []
    for i in range(offset, offset + n):
        t, short = TYPES[i % 4]
        uscc = make_uscc("520102", f"MC{i:07d}")
        columns = {"市（州）": city, "县区": "南明区", "企业名称": f"贵州第{i + 1}号电子商务有限公司",
                   "企业地址": f"贵州省{city}某路{i + 1}号", "项目类型": short, "企业性质": "民企",
                   "企业运营情况及主要业绩": PERFORMANCE, "联系人": "李红", "电话": "0851-88552573",
                   "年度交易额（万元）": 1000.0 + i, "年度网络零售额（万元）": 300.0 + i}
        out.append(SummaryRecord(file=f"{i + 1:04d}.xlsx", key=uscc, type=t, columns=columns, status="达标",
                                 score=90.0, problems=[("XC_RESIDENT_ROW", "warning", "名单行数据有误")], uscc=uscc))
    return out


def build_summary(path: Path, recs: list, title: str) -> float:
    from shibai_xl.adapters.xlsx.templates import new_summary
    from shibai_xl.jobs.summary_update import update_workbook

    t = time.perf_counter()
    wb = new_summary(title)
    update_workbook(wb, recs, "2024-05", datetime(2024, 5, 10, 9, 0), force=True)
    wb.save(path)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description="汇总表生成与全省合并基准测试")
    ap.add_argument("--sizes", type=int, nargs="+", default=[120, 480, 1000])
    ap.add_argument("--rows", type=int, default=120, help="每个市（州）汇总表的行数")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", help="存放生成文件的文件夹")
    args = ap.parse_args()
    work = work_dir(args.work) / "merge"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print("| 新建汇总表（进程内，含保存） | 秒 | 每行 毫秒 |")
    print("|---|---|---|")
    for n in args.sizes:
        s = min(build_summary(work / f"new-{n}.xlsx", records(n, "贵阳市"), "汇总表") for _ in range(3))
        print(f"| {n} 行 | {s:.2f} | {s / n * 1000:.2f} |")
    cities = []
    for k, city in enumerate(CITIES):
        path = work / f"{city}汇总表.xlsx"
        build_summary(path, records(args.rows, city, offset=k * args.rows), f"{city}2024年电商“十百千万”工程示范项目汇总表")
        cities.append(path)
    province = work / "全省汇总表.xlsx"
    timings = []
    for _ in range(args.repeat):
        for p in (province, province.with_name(province.name + ".bak")):
            p.unlink(missing_ok=True)
        timings.append(shibai("merge", province, *cities))
    t = median(timings)
    print(f"\n| `shibai merge`（{len(CITIES)} 个市州 × {args.rows} 行；整个进程，{args.repeat} 次的中位数） "
          "| 墙钟时间 秒 | CPU 时间 秒 |")
    print("|---|---|---|")
    print(f"| 合并为 {len(CITIES) * args.rows} 行的全省汇总表 | {t.wall:.2f} | {t.cpu:.2f} |")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
