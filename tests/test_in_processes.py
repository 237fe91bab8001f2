"""Pieces of a job done side by side in forked helpers (``jobs/in_processes.py``): the same results in the same
order as one after another, a refusal raised in a helper reaching the caller as it is, a helper that dies
costing nothing but time — and ``review make`` writing the same expert workbooks with helpers as without."""
from __future__ import annotations

import os
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from shibai_xl.errors import RefusedWrite
from shibai_xl.jobs import in_processes, review
from shibai_xl.jobs.in_processes import map_runs, split

from .test_review import build_summary

NOW = datetime(2024, 5, 20, 9, 30)


def squares_with_pid(run: list[int], shared: int) -> list[tuple[int, int]]:
    return [(x * x + shared, os.getpid()) for x in run]


TWO_AT_ONCE = None   # a Barrier(2) the forked helpers inherit: the first two runs wait for each other


def squares_two_at_once(run: list[int], shared: int) -> list[tuple[int, int]]:
    if run[0] in (0, 5):    # the first two runs: done at the same time, so by two helpers (one cannot take both)
        TWO_AT_ONCE.wait(timeout=60)
    return squares_with_pid(run, shared)


def refuse_on_three(run: list[int], shared: None) -> list[int]:
    if 3 in run:
        raise RefusedWrite("磁盘空间不足，专家评分表-丙.xlsx 未能写入")
    return run


def die_on_three(run: list[int], shared: int) -> list[int]:
    if 3 in run and os.getpid() != shared:   # a helper ends abruptly (killed, out of memory); the caller does not
        os._exit(9)
    return [x * 10 for x in run]


def test_runs_give_the_results_in_order_from_more_than_one_process(monkeypatch):
    """Two helpers really work: the first two runs meet at a barrier (with tiny runs one helper could take them
    all before the other started, on a busy machine — the test failed now and then, QA)."""
    import multiprocessing

    monkeypatch.setattr(sys.modules[__name__], "TWO_AT_ONCE", multiprocessing.get_context("fork").Barrier(2))
    runs = split(list(range(40)), 8)
    out = map_runs(squares_two_at_once, runs, 1, helpers=2)
    assert [v for v, _ in out] == [x * x + 1 for x in range(40)]
    assert len({pid for _, pid in out} - {os.getpid()}) == 2     # really two helpers, not this process


def test_one_helper_does_it_here():
    out = map_runs(squares_with_pid, split([1, 2, 3], 3), 0, helpers=1)
    assert out == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_a_refusal_in_a_helper_reaches_the_caller_unchanged():
    with pytest.raises(RefusedWrite, match="磁盘空间不足"):
        map_runs(refuse_on_three, [[1], [2], [3], [4]], None, helpers=2)


def test_a_helper_that_dies_costs_time_not_results():
    out = map_runs(die_on_three, [[1, 2], [3], [4, 5]], os.getpid(), helpers=2)
    assert out == [10, 20, 30, 40, 50]


def test_split_keeps_order_and_drops_nothing():
    for n in (0, 1, 5, 17):
        for parts in (1, 2, 3, 8):
            runs = split(list(range(n)), parts)
            assert [x for run in runs for x in run] == list(range(n))
            assert all(runs) and len(runs) <= max(1, parts)


def test_book_runs_balance_building_and_writing():
    recusals = {**dict.fromkeys("abcdef", set()), "x": {"1"}, "y": {"2"}, "z": {"3"}}
    names = sorted(recusals, key=lambda n: sorted(recusals[n]))
    runs = review._book_runs(names, recusals, 2)
    assert [n for run in runs for n in run] == names
    # six experts with nothing to recuse share one book (5 + 6×6 = 41); three with one each need three (3 × 11 = 33)
    assert runs == [list("abcdef"), ["x", "y", "z"]]
    assert review._book_runs(names, recusals, 1) == [names]
    assert review._book_runs([], {}, 2) == []


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}   # core.xml: the second it was saved


def test_review_make_writes_the_same_books_with_helpers_as_without(tmp_path, monkeypatch):
    summary = build_summary(tmp_path / "汇总")
    experts = ["甲", "乙", "丙", "丁"]
    made = {}
    for helpers in (1, 2):
        monkeypatch.setattr(in_processes, "helpers_here", lambda h=helpers: h)
        monkeypatch.setattr(review, "helpers_here", lambda h=helpers: h)
        rdir = tmp_path / f"轮次-{helpers}"
        review.make(rdir, summary, experts, expert_cities="甲=贵阳市,乙=遵义", round_id="2024-05", now=NOW)
        made[helpers] = {p.name: _members(p) for p in sorted(rdir.glob("*.xlsx"))}
    assert sorted(made[1]) == sorted(made[2]) == sorted(
        [f"专家评分表-{e}.xlsx" for e in experts] + ["评审安排.xlsx"])
    for name in made[1]:
        assert made[1][name] == made[2][name], name
    suggested = made[2]["专家评分表-丙.xlsx"]
    assert any("建议分".encode() in v for v in suggested.values())


def test_a_user_allowed_few_processes_gets_no_helpers():
    """ulimit -u so low that a pool could start some helpers and not the rest (concurrent.futures then waits
    forever): no helpers at all, the work done in the one process (QA: a make hung at ulimit -u 4)."""
    import resource
    import subprocess
    import sys

    def low_limit() -> None:
        _, hard = resource.getrlimit(resource.RLIMIT_NPROC)
        resource.setrlimit(resource.RLIMIT_NPROC, (64, hard))

    probe = "from shibai_xl.jobs.in_processes import few_processes, helpers_here; print(few_processes(), helpers_here())"
    low = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, preexec_fn=low_limit)
    assert low.stdout.split() == ["True", "1"], low.stderr
    normal = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert normal.stdout.split()[0] == str(in_processes.few_processes())


def test_a_make_stopped_part_way_names_what_it_wrote(tmp_path, monkeypatch):
    """A book opened in Excel after make's checks (a disk found full would do the same): the refusal says which
    files were written and that the round is not complete — exit 2 must not read as "nothing was written"."""
    summary = build_summary(tmp_path / "汇总")
    rdir = tmp_path / "轮次"
    real = review.B.build_expert_book

    def then_opened(spec, rules):
        if spec.expert == "甲":
            (rdir / "~$专家评分表-丙.xlsx").write_text("x")     # Excel's lock file of another expert's book
        return real(spec, rules)

    monkeypatch.setattr(review.B, "build_expert_book", then_opened)
    monkeypatch.setattr(in_processes, "helpers_here", lambda: 1)
    monkeypatch.setattr(review, "helpers_here", lambda: 1)
    with pytest.raises(RefusedWrite) as refused:
        review.make(rdir, summary, ["甲", "乙", "丙"], round_id="2024-05", now=NOW)
    text = str(refused.value)
    written = sorted(p.name for p in rdir.glob("专家评分表-*.xlsx"))
    assert written and "专家评分表-丙.xlsx" not in written
    assert "本轮未生成完整" in text and all(name in text.split("未写入")[0] for name in written)
    assert "专家评分表-丙.xlsx" in text.split("未写入")[1] and "评审安排.xlsx" in text.split("未写入")[1]
    assert "。。" not in text


# --- a killed parent takes its helpers with it ------------------------------------------------------------------

KILLED_PARENT = r'''
import os, socket, sys, time
from pathlib import Path
from shibai_xl.jobs import in_processes, read_applications

listener = socket.socket()          # as shibai serve's: a listening socket every forked helper inherits
listener.bind(("127.0.0.1", 0))
listener.listen()
print(listener.getsockname()[1], flush=True)
marks = Path(sys.argv[2])


def slow(*args):
    (marks / str(os.getpid())).touch()
    time.sleep(120)
    return []


if sys.argv[1] == "refresh":
    read_applications.read_stable = slow
    jobs = [(Path(f"/nowhere/{i}.xlsx"), f"{i}.xlsx", "", [], None) for i in range(16)]
    list(read_applications._read_in_processes(jobs, 2))
else:
    in_processes.map_runs(slow, [[1], [2]], None, helpers=2)
'''


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except (OSError, IndexError):
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked helpers: Linux (UOS, 麒麟)")
@pytest.mark.parametrize("job", ["refresh", "review"])
def test_helpers_of_a_killed_process_end_with_it_and_free_its_port(tmp_path, job):
    """shibai serve killed in the middle of a refresh (a logout, the task manager, kill -9): its forked readers
    waited forever, holding the service's listening socket they inherited — the port stayed taken by processes
    that never answer, the add-in's requests hung and shibai serve could not start again until they were found
    and killed by hand. A helper now ends when the process that started it ends."""
    import signal
    import socket
    import subprocess
    import time

    marks = tmp_path / "marks"
    marks.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    parent = subprocess.Popen([sys.executable, "-c", KILLED_PARENT, job, str(marks)], stdout=subprocess.PIPE,
                              text=True, env=env)
    helpers: list[int] = []
    try:
        port = int(parent.stdout.readline())
        deadline = time.monotonic() + 60
        while len(helpers) < 2 and time.monotonic() < deadline:
            helpers = [int(p.name) for p in marks.iterdir()]
            time.sleep(0.1)
        assert len(helpers) == 2, "the helpers did not start"
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in helpers)
        with socket.socket() as again:          # the next shibai serve gets the port
            again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            again.bind(("127.0.0.1", port))
            again.listen()
    finally:
        parent.kill()
        for pid in helpers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
