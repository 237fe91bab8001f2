"""Ctrl+C (SIGINT) at a chosen point of a real ``shibai`` process: the message says what was written.

A terminal's Ctrl+C signals the whole process group (the command and its helper processes); a ``kill -INT``
signals the command alone. Both are tried where a job has helpers.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_faults import ROOT, SHIBAI
from tests.test_review import build_summary

EXPERTS = ",".join("甲乙丙丁戊己庚辛壬癸子丑")


def interrupted(args: list, ready: Callable[[], bool], group: bool = True) -> subprocess.CompletedProcess:
    """Run ``shibai ARGS``; once ``ready()`` holds, SIGINT it (its process group: a terminal's Ctrl+C)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("SHIBAI_DEBUG", None)
    proc = subprocess.Popen([*SHIBAI, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not ready() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        assert proc.poll() is None, ("the command ended before the chosen point", proc.communicate())
        if group:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    for bad in ("Traceback", "程序内部错误", "Exception ignored"):
        assert bad not in err, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def books(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.xlsx")) if folder.is_dir() else []


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> Path:
    return build_summary(tmp_path_factory.mktemp("interrupts"))


@pytest.mark.parametrize("group", [True, False], ids=["ctrl-c", "kill-int"])
def test_review_make_interrupted_says_which_books_were_written(summary, tmp_path, group):
    """``review make`` stopped after some experts' books were written said 已取消，文件未改动; with ``kill -INT`` its
    helpers even went on writing every book after that. Now the helpers stop, and the message names the books
    written (each whole) and those not, and says the round is not ready to send."""
    round_dir = tmp_path / "第一轮"
    done = interrupted(["review", "make", round_dir, "--from", summary, "--experts", EXPERTS],
                       lambda: bool(books(round_dir)), group)
    time.sleep(1)                                   # a helper left running would write more meanwhile
    there = books(round_dir)
    assert there and "评审安排.xlsx" not in there
    assert done.returncode == 1, done.stderr
    assert "文件未改动" not in done.stderr and "还不能发给专家" in done.stderr, done.stderr
    said = done.stderr.split("已写入 ")[1].split("，未写入")[0].split("、")
    assert sorted(said) == there, (done.stderr, there)
    assert not [p for p in round_dir.iterdir() if p.name.endswith(".tmp")]


def said_written(stderr: str) -> list[str]:
    """The files the generic message names: 取消前已写入：A、B（…"""
    return stderr.split("取消前已写入：")[1].split("（")[0].split("、")


def test_demo_interrupted_says_which_files_were_written(tmp_path):
    """``demo`` stopped after some example applications were written said 已取消，文件未改动."""
    out = tmp_path / "demo_output"
    done = interrupted(["demo", "--out", out], lambda: len(books(out / "申报表")) >= 2)
    there = sorted(str(p) for p in out.rglob("*") if p.is_file())
    assert done.returncode == 1 and "已取消，文件未改动" not in done.stderr, done.stderr
    assert there and sorted(said_written(done.stderr)) == there, (done.stderr, there)
    assert "没有全部完成" in done.stderr


# --- two runs at once ------------------------------------------------------------------------------

def test_a_second_check_write_of_one_application_is_refused_while_one_runs(make_workbook):
    """Two ``check --write`` of one application at once (a double click, two windows) both read the user's file;
    the later one's NAME.bak was the earlier one's result, the user's own version gone. Now the later one is refused
    (the lock ``refresh`` takes) and the file and its backup are as they were; once the first is done it runs."""
    import sys

    from tests.test_faults import assert_refused_cleanly, sha, shibai

    app = make_workbook("enterprise")
    original = sha(app)
    code = ("import sys, time; from pathlib import Path; from shibai_xl.adapters.files import held_lock\n"
            "with held_lock(Path(sys.argv[1]), '检查并写入结果', '申报表'):\n    print('locked', flush=True)\n"
            "    time.sleep(120)\n")
    first = subprocess.Popen([sys.executable, "-c", code, str(app)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert first.stdout.readline().strip() == "locked"      # a check --write that is still working
        done = shibai("check", app, "--write")
        assert_refused_cleanly(done, "正在被另一个检查并写入结果更新", f"进程 {first.pid}", "同一个申报表")
        assert "汇总表" not in done.stderr
        assert sha(app) == original and not Path(f"{app}.bak").exists()
    finally:
        first.kill()
        first.wait()
    done = shibai("check", app, "--write")
    assert done.returncode == 0, done.stderr
    assert sha(Path(f"{app}.bak")) == original
    assert not [p.name for p in app.parent.iterdir() if p.name.endswith(".shibai-lock")]


def test_check_write_of_a_missing_file_makes_no_folder(tmp_path):
    done = subprocess.run([*SHIBAI, "check", str(tmp_path / "无此文件夹" / "企业.xlsx"), "--write"],
                          capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 2 and "找不到" in done.stderr, done.stderr
    assert not (tmp_path / "无此文件夹").exists()
