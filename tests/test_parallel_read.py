"""Reading many applications in this process and a forked helper: the same records, in order, once each —
also when the helper is killed halfway (the out-of-memory killer, a user ending it in the task manager)."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from pathlib import Path

import pytest

from shibai_xl.jobs.read_applications import read_many
from shibai_xl.jobs.refresh import collect_records
from shibai_xl.jobs.workbook_files import file_hash
from tests.conftest import example

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="helpers are forked")


@pytest.fixture
def folder(make_workbook, tmp_path) -> Path:
    apps = tmp_path / "申报"
    apps.mkdir()
    for i in range(20):
        kind = ("enterprise", "team")[i % 2]
        path = make_workbook(kind, example(kind, sb_name=f"贵州第{i + 1}号电子商务有限公司"), name=f"{i + 1:02d}.xlsx")
        path.rename(apps / path.name)
    return apps


def jobs_of(folder: Path) -> list:
    files = sorted(folder.glob("*.xlsx"))
    return [(p, p.name, file_hash(p), files, None) for p in files]


def test_this_process_and_a_helper_give_the_serial_records_in_order(folder, tmp_path):
    serial = collect_records(folder, tmp_path / "汇总表1.xlsx", workers=1)
    seen: list[tuple[int, str]] = []
    parallel = collect_records(folder, tmp_path / "汇总表2.xlsx", workers=2,
                               progress=lambda i, n, label: seen.append((i, label)))
    assert [r.to_dict() for r in parallel.records] == [r.to_dict() for r in serial.records]
    assert [r.file for r in parallel.records] == [f"{i + 1:02d}.xlsx" for i in range(20)]
    assert seen == [(i + 1, f"{i + 1:02d}.xlsx") for i in range(20)]   # every file once, in order


def test_a_helper_killed_halfway_loses_and_repeats_nothing(folder):
    jobs = jobs_of(folder)
    expected = [rec.to_dict() for rec, _ in read_many(jobs, 1, None, 0, len(jobs))]
    killed = []

    def kill_the_helper(i: int, total: int, label: str) -> None:
        if i == 3:
            for helper in multiprocessing.active_children():
                os.kill(helper.pid, signal.SIGKILL)
                killed.append(helper.pid)

    got = [(rec.to_dict(), digest) for rec, digest in read_many(jobs, 2, kill_the_helper, 0, len(jobs))]
    assert killed, "the helper process was running"
    assert [rec for rec, _ in got] == expected
    assert [digest for _, digest in got] == [job[2] for job in jobs]
