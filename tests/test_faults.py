"""Faults from the user's environment end in a clear message with nothing lost (issue #14).

Real conditions, not simulations where one can be had: a small tmpfs that really fills up (ENOSPC), a
process without write permission (EACCES), real processes killed with SIGKILL, LibreOffice really
holding a workbook open, ``strace`` watching the system calls of a save.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.files import STALE_AFTER, FileBusy, backup_path, held_lock
from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.jobs.refresh import refresh
from tests.conftest import example, unprivileged
from tests.libreoffice import need_soffice

SHIBAI = [sys.executable, "-c", "import sys; from shibai_xl.faces.cli import main; sys.exit(main())"]
ROOT = Path(__file__).resolve().parents[1]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shibai(*args, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SHIBAI_DEBUG="")
    env.pop("SHIBAI_DEBUG")
    return subprocess.run([*SHIBAI, *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=300, **kw)


def assert_refused_cleanly(done: subprocess.CompletedProcess, *words: str) -> None:
    """Exit 2, the Chinese message, and nothing a user should not see."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    for w in words:
        assert w in done.stderr, done.stderr
    for bad in ("Traceback", "Exception ignored", "程序内部错误", "Error:"):
        assert bad not in done.stderr, done.stderr


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".shibai-") and p.name.endswith(".tmp"))


def summary_names(path: Path) -> list[str]:
    ws = load_workbook(path)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    return sorted(ws.cell(r, header["企业名称"]).value for r in range(4, ws.max_row + 1)
                  if ws.cell(r, header["企业名称"]).value)


# --- a small disk that really fills up --------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """Mount tmpfs file systems of a given size (needs root, as in CI); unmounted afterwards."""
    mounted: list[Path] = []

    def mount(kib: int) -> Path:
        d = tmp_path / f"disk{len(mounted)}"
        d.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(d)], capture_output=True)
        if done.returncode:
            pytest.skip("a small tmpfs needs root (mount): " + done.stderr.decode(errors="replace").strip())
        mounted.append(d)
        return d

    yield mount
    for d in mounted:
        subprocess.run(["umount", "-l", str(d)], capture_output=True)


def fill_disk(folder: Path, leave: int) -> None:
    """Write a filler file so that about ``leave`` bytes stay free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    assert free > leave, (free, leave)
    (folder / "filler.bin").write_bytes(b"\0" * (free - leave))


def pages(n: int) -> int:
    return -(-n // 4096) * 4096


def test_disk_full_while_saving_the_summary(tmp_path, small_disk, make_workbook):
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    disk = small_disk(1024)
    summary = disk / "汇总表.xlsx"
    assert shibai("refresh", summary, "--from", apps).returncode == 0
    before = sha(summary)
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")     # a new row to write
    fill_disk(disk, 8192)
    done = shibai("refresh", summary, "--from", apps)
    assert_refused_cleanly(done, "磁盘空间不足", "汇总表.xlsx", "腾出空间")
    assert sha(summary) == before and leftovers(disk) == []


@pytest.mark.parametrize("command", ["merge", "review make"])
def test_disk_full_while_making_a_new_file_does_not_speak_of_an_original(command, tmp_path, small_disk):
    """A province table or an expert book made for the first time on a full disk was refused with “原文件和备份都
    没有改动”: a clerk looks for an original and a backup that never were. It says no half file was left."""
    from tests.filled_cache import example_files

    city = tmp_path / "贵阳市汇总表.xlsx"
    refresh(city, example_files(tmp_path / "demo")[0].parent)
    disk = small_disk(256)
    fill_disk(disk, 4096)
    target = disk / "全省.xlsx" if command == "merge" else disk / "评审"
    argv = ["merge", target, city] if command == "merge" else ["review", "make", target, "--from", city,
                                                                "--experts", "甲,乙,丙"]
    done = shibai(*argv)
    assert_refused_cleanly(done, "磁盘空间不足", "没有留下不完整的文件")
    assert "原文件" not in done.stderr and "备份" not in done.stderr, done.stderr
    assert not (disk / "全省.xlsx").exists() and leftovers(disk) == []


def test_no_room_for_the_backup_keeps_the_old_backup(tmp_path, small_disk, make_workbook):
    """Room for the new file but not for the backup copy: the previous good backup stays as it was."""
    disk = small_disk(1024)
    app = disk / "企业.xlsx"
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total=800)), app)
    assert shibai("check", app, "--write").returncode == 0
    good_backup = backup_path(app).read_bytes()
    # a bigger workbook now stands there; the next check --write must first back up this version
    shutil.copy(make_workbook("park", residents=example_residents("park", 300)), app)
    size = app.stat().st_size
    probe = tmp_path / "probe.xlsx"                    # how big the new file will be
    shutil.copy(app, probe)
    assert shibai("check", probe, "--write").returncode == 0
    new_size = probe.stat().st_size
    fill_disk(disk, pages(new_size) + pages(size) // 2)
    done = shibai("check", app, "--write")
    assert_refused_cleanly(done, "磁盘空间不足", "备份都没有改动")
    assert backup_path(app).read_bytes() == good_backup
    with zipfile.ZipFile(backup_path(app)) as zf:
        assert zf.testzip() is None
    assert app.stat().st_size == size and leftovers(disk) == []


def test_no_write_permission_is_a_clear_refusal(tmp_path, make_workbook):
    """A folder the user may read but not write: exit 2 and what to do, for a real unprivileged process."""
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    target = tmp_path / "readonly"
    target.mkdir()
    summary = target / "汇总表.xlsx"
    refresh(summary, apps)
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")      # something to write
    before = sha(summary)
    prefix = unprivileged()   # root writes anywhere: run as a clerk's account would
    os.chmod(target, 0o555)
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        done = subprocess.run([*prefix, *SHIBAI, "refresh", str(summary), "--from", str(apps)], capture_output=True,
                              text=True, env=env, cwd=ROOT, timeout=300)
    finally:
        os.chmod(target, 0o755)
    assert_refused_cleanly(done, "没有权限", "换一个有写入权限的文件夹")
    assert sha(summary) == before


# --- cache poisoning ----------------------------------------------------------------------------------

def test_a_file_copied_while_it_is_read_is_never_cached_as_broken(tmp_path, make_workbook):
    """Hashed whole, then read while a copy rewrites it in place: the failed read is not cached."""
    apps = tmp_path / "apps"
    apps.mkdir()
    good = make_workbook("team")
    target = apps / "team.xlsx"
    shutil.copy(good, target)
    shutil.copy(make_workbook("enterprise"), apps / "enterprise.xlsx")   # read fine: the refresh is not empty
    data = good.read_bytes()

    def copy_in_progress(i, n, name):     # a copy over the file starts after it was hashed
        if name == "team.xlsx":
            target.write_bytes(data[: len(data) // 3])

    summary = tmp_path / "汇总表.xlsx"
    first = refresh(summary, apps, progress=copy_in_progress, workers=1)
    assert [f for f, _ in first.unreadable] == ["team.xlsx"]
    shutil.copy(good, target)             # the copy finished: the same bytes as when it was hashed
    second = refresh(summary, apps)
    assert second.unreadable == [] and second.read == 1
    assert set(summary_names(summary)) == {example("team")["sb_name"], example("enterprise")["sb_name"]}


def test_a_file_replaced_while_it_is_read_is_cached_under_what_was_read(tmp_path, make_workbook):
    """The record read is stored under the hash of the bytes it was read from, not of the earlier ones."""
    apps = tmp_path / "apps"
    apps.mkdir()
    a = make_workbook("enterprise")
    b = make_workbook("enterprise", example("enterprise", sb_name="贵州后来者电子商务有限公司",
                                            sb_uscc=make_uscc("520102", "MA6BBBBB1")))
    target = apps / "企业.xlsx"
    shutil.copy(a, target)
    swapped = []

    def replaced_meanwhile(i, n, name):
        if not swapped:
            shutil.copy(b, target)
            swapped.append(name)

    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, progress=replaced_meanwhile)
    assert summary_names(summary) == ["贵州后来者电子商务有限公司"]
    shutil.copy(a, target)                # back to the bytes hashed first: must be read, not taken from the cache
    report = refresh(summary, apps)
    assert report.read == 1
    names = summary_names(summary)
    assert example("enterprise")["sb_name"] in names


def _hashed_ten_seconds_later(monkeypatch) -> None:
    """The refresh's clock 10 s ahead: files written just now look as if hashed long after their last change,
    when stat may vouch for them (workbook_files.unchanged_since_hashed)."""
    import shibai_xl.jobs.refresh as refresh_job

    real = time.time_ns
    monkeypatch.setattr(refresh_job, "_now_ns", lambda: real() + 10 * 10**9)


def test_a_file_stat_vouches_for_is_not_hashed_again_after_reading(tmp_path, make_workbook, monkeypatch):
    import shibai_xl.jobs.read_applications as reading

    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.copy(make_workbook("team"), apps / "team.xlsx")
    _hashed_ten_seconds_later(monkeypatch)
    rehashed = []
    real = reading.file_hash
    monkeypatch.setattr(reading, "file_hash", lambda p: rehashed.append(p.name) or real(p))
    report = refresh(tmp_path / "汇总表.xlsx", apps, workers=1)
    assert report.read == 1 and report.unreadable == [] and rehashed == []


def test_a_file_stat_vouched_for_that_changes_while_read_is_hashed_again(tmp_path, make_workbook, monkeypatch):
    """Old enough for stat to vouch for it when hashed, then rewritten in place while read: the reader sees
    the change in stat, hashes again, and caches nothing read from the half file."""
    apps = tmp_path / "apps"
    apps.mkdir()
    good = make_workbook("team")
    target = apps / "team.xlsx"
    shutil.copy(good, target)
    shutil.copy(make_workbook("enterprise"), apps / "enterprise.xlsx")
    data = good.read_bytes()
    _hashed_ten_seconds_later(monkeypatch)

    def copy_in_progress(i, n, name):   # the same size: only the times tell
        if name == "team.xlsx":
            target.write_bytes(data[: len(data) // 3].ljust(len(data), b"\0"))

    summary = tmp_path / "汇总表.xlsx"
    first = refresh(summary, apps, progress=copy_in_progress, workers=1)
    assert [f for f, _ in first.unreadable] == ["team.xlsx"]
    shutil.copy(good, target)
    second = refresh(summary, apps)
    assert second.unreadable == [] and second.read == 1
    assert set(summary_names(summary)) == {example("team")["sb_name"], example("enterprise")["sb_name"]}


# --- temp files of killed runs -----------------------------------------------------------------------

def test_stale_temp_files_are_removed_only_ours_and_only_stale(tmp_path, make_workbook):
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps)
    code = "import os, sys, time; from pathlib import Path; from shibai_xl.adapters.files import new_temp; " \
           "print(new_temp(Path(sys.argv[1])), flush=True); "
    killed = subprocess.Popen([sys.executable, "-c", code + "time.sleep(60)", str(summary)],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    dead_temp = Path(killed.stdout.readline().strip())
    killed.send_signal(signal.SIGKILL)         # a refresh killed while saving
    killed.wait()
    live = subprocess.Popen([sys.executable, "-c", code + "time.sleep(60)", str(summary)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        live_temp = Path(live.stdout.readline().strip())     # another run still writing
        old_temp = tmp_path / ".shibai-abc123.xlsx.tmp"       # an older naming, two hours old
        old_temp.write_bytes(b"PK")
        os.utime(old_temp, (time.time() - 2 * STALE_AFTER,) * 2)
        young_foreign = tmp_path / ".shibai-zzzzzz-1-abc.xlsx.tmp"    # another machine's, recent: unknown state
        young_foreign.write_bytes(b"PK")
        theirs = tmp_path / ".~lock.其他.xlsx#"
        theirs.write_text("x")
        assert dead_temp.exists() and live_temp.exists()
        done = shibai("refresh", summary, "--from", apps)          # nothing changed: still cleans up
        assert done.returncode == 0, done.stderr
        assert not dead_temp.exists() and not old_temp.exists()
        assert live_temp.exists() and young_foreign.exists() and theirs.exists()
    finally:
        live.kill()
        live.wait()


# --- durability ---------------------------------------------------------------------------------------

def test_saves_are_flushed_to_disk_before_and_after_the_rename(tmp_path):
    if not shutil.which("strace"):
        pytest.skip("strace is not installed")
    out = tmp_path / "summary.xlsx"          # ASCII: strace prints other bytes escaped
    assert shibai("new", "team", "--out", out).returncode == 0         # writing the results back keeps a backup
    log = tmp_path / "strace.log"
    done = subprocess.run(["strace", "-f", "-y", "-qq", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2",
                           "-o", str(log), *SHIBAI, "check", str(out), "--write"],
                          capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if done.returncode and "ptrace" in done.stderr:
        pytest.skip("strace cannot trace here: " + done.stderr.strip())
    assert done.returncode in (0, 1) and (tmp_path / "summary.xlsx.bak").exists(), done.stderr   # 1: a blank form
    calls = [line.split(None, 1)[1] for line in log.read_text().splitlines() if "=" in line]

    def first(pred) -> int:
        return next(i for i, c in enumerate(calls) if pred(c))

    def renamed_to(c: str, name: str) -> bool:
        targets = re.findall(r'"([^"]*)"', c)
        return c.startswith("rename") and len(targets) == 2 and targets[1] == str(tmp_path / name)

    synced_temp = first(lambda c: c.startswith("fsync(") and re.search(r"\.shibai-[^>]*\.xlsx\.tmp>", c))
    synced_backup = first(lambda c: c.startswith("fsync(") and re.search(r"\.shibai-[^>]*\.bak\.tmp>", c))
    replace_backup = first(lambda c: renamed_to(c, "summary.xlsx.bak"))
    replace_target = first(lambda c: renamed_to(c, "summary.xlsx"))
    synced_dir = max(i for i, c in enumerate(calls) if c.startswith("fsync(") and f"<{tmp_path}>" in c)
    assert synced_temp < replace_target < synced_dir
    assert synced_backup < replace_backup < replace_target


# --- other programs' lock files --------------------------------------------------------------------

def test_summary_open_in_libreoffice_is_not_rewritten(tmp_path, make_workbook):
    soffice = need_soffice()
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps)
    profile = tmp_path / "lo-profile"       # its own profile: never hand the file to another running soffice
    calc = subprocess.Popen([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                             str(summary)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    lock = tmp_path / ".~lock.汇总表.xlsx#"
    try:
        for _ in range(120):
            if lock.exists():
                break
            time.sleep(0.5)
        else:
            pytest.skip("LibreOffice did not open the file in time")
        shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")
        before = sha(summary)
        done = shibai("refresh", summary, "--from", apps)
        assert_refused_cleanly(done, "LibreOffice", lock.name)
        assert sha(summary) == before
    finally:
        os.killpg(calc.pid, signal.SIGKILL)
        calc.wait()


@pytest.mark.parametrize("lock_name", [".~汇总表.xlsx", ".~总表.xlsx", ".~表.xlsx"])
def test_wps_lock_files_on_linux(tmp_path, make_workbook, lock_name):
    """WPS on Linux writes ``.~NAME``, sometimes with the first one or two characters of the name dropped."""
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps)
    (tmp_path / lock_name).write_bytes(b"\0" * 8)
    with pytest.raises(FileBusy) as e:
        refresh(summary, apps)
    assert "WPS" in str(e.value) and lock_name in str(e.value)


# --- concurrent refreshes ----------------------------------------------------------------------------

def test_a_second_refresh_is_refused_while_one_runs_and_a_killed_one_is_taken_over(tmp_path, make_workbook):
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps)
    original = summary.read_bytes()
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")
    code = ("import sys, time; from pathlib import Path; from shibai_xl.adapters.files import held_lock\n"
            "with held_lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n    time.sleep(120)\n")
    first = subprocess.Popen([sys.executable, "-c", code, str(summary)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert first.stdout.readline().strip() == "locked"      # a refresh that is still working
        done = shibai("refresh", summary, "--from", apps)
        assert_refused_cleanly(done, "正在被另一个刷新更新", f"进程 {first.pid}")
        assert summary.read_bytes() == original
        first.send_signal(signal.SIGKILL)                         # ... and then killed
        first.wait()
        lock = tmp_path / ".汇总表.xlsx.shibai-lock"
        assert lock.exists()                                       # left behind by the killed run
        done = shibai("refresh", summary, "--from", apps)
        assert done.returncode == 0, done.stderr
        assert backup_path(summary).read_bytes() == original      # the backup is the file as it was before
        assert len(summary_names(summary)) == 2 and not lock.exists()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


def test_refresh_into_a_new_folder(tmp_path, make_workbook):
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    summary = tmp_path / "新文件夹" / "汇总表.xlsx"
    assert refresh(summary, apps).created and summary_names(summary) == [example("team")["sb_name"]]
    assert not (summary.parent / ".汇总表.xlsx.shibai-lock").exists()


def test_lock_is_released_when_the_job_fails(tmp_path):
    summary = tmp_path / "汇总表.xlsx"
    with pytest.raises(ZeroDivisionError):
        with held_lock(summary):
            raise ZeroDivisionError("the job fails while it holds the lock")
    with held_lock(summary):               # taken again at once
        assert (tmp_path / ".汇总表.xlsx.shibai-lock").exists()
    assert not (tmp_path / ".汇总表.xlsx.shibai-lock").exists()


# --- the WPS add-in's installer --------------------------------------------------------------------

WPS_OTHER = ('<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n'
             '  <jspluginonline name="wps-zotero" type="wps" url="http://127.0.0.1:3889/" enable="enable_dev"/>\n'
             '</jsplugins>\n')


def _wps_user(home: Path):
    from shibai_xl.wps.install import Where

    jsaddons = home / ".local/share/Kingsoft/wps/jsaddons"
    jsaddons.mkdir(parents=True)
    (jsaddons / "publish.xml").write_text(WPS_OTHER, "utf-8")
    return Where(platform="linux", env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, home=home), jsaddons


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_wps_install_on_a_full_disk_keeps_the_installed_addin(tmp_path, small_disk):
    """Reinstalling (a larger add-in) on a full disk: a clear 磁盘空间不足, and the working add-in, publish.xml and
    the service's settings stay as they were (the installer deleted the add-in first and left a half-copied folder
    of empty files that publish.xml still named, and said only 操作系统拒绝了对文件的操作（系统错误）)."""
    from shibai_xl.errors import RefusedWrite
    from shibai_xl.wps import install as I

    disk = small_disk(1024)
    where, jsaddons = _wps_user(disk / "home")
    I.install(where, start=False)
    addin, config = jsaddons / I.FOLDER, disk / "home/.config"
    before, settings = _tree(jsaddons), _tree(config)
    larger = tmp_path / "source"
    shutil.copytree(I.SOURCE, larger)
    (larger / "images" / "more.bin").write_bytes(os.urandom(64 * 1024))
    fill_disk(disk, 8192)
    with pytest.raises(RefusedWrite, match="磁盘空间不足.*没有改动.*shibai wps install"):
        I.install(where, start=False, source=larger)
    assert _tree(jsaddons) == before and _tree(config) == settings
    assert sorted(p.name for p in jsaddons.iterdir()) == ["publish.xml", I.FOLDER]   # no temp folder or file left
    assert not [p for p in config.rglob("*") if p.name.endswith("tmp")]
    (disk / "filler.bin").unlink()
    I.install(where, start=False)                                        # room again: installed as ever
    assert (addin / "ribbon.xml").stat().st_size > 0
    assert "不一致" not in "\n".join(I.status(where))


def test_a_killed_wps_install_leaves_nothing_the_next_install_keeps(tmp_path):
    """An install killed while it copies leaves its temp folder, never a half add-in under the add-in's name;
    the next install removes that folder."""
    from shibai_xl.wps import install as I

    where, jsaddons = _wps_user(tmp_path / "home")
    code = ("import sys, time; from pathlib import Path; from shibai_xl.adapters.files import new_temp_dir; "
            "d = new_temp_dir(Path(sys.argv[1])); (d / 'ribbon.xml').write_text('<half'); print(d, flush=True); "
            "time.sleep(60)")
    killed = subprocess.Popen([sys.executable, "-c", code, str(jsaddons)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    half = Path(killed.stdout.readline().strip())
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert half.is_dir() and not (jsaddons / I.FOLDER).exists()
    I.install(where, start=False)
    assert sorted(p.name for p in jsaddons.iterdir()) == ["publish.xml", I.FOLDER]
    assert (jsaddons / I.FOLDER / "ribbon.xml").read_bytes() == (I.SOURCE / "ribbon.xml").read_bytes()


# --- the Excel add-in -------------------------------------------------------------------------------

def test_addin_build_on_a_full_disk_leaves_no_half_file(small_disk):
    """``addin build`` (and ``addin install``, which writes into Excel's XLSTART, whose every file Excel opens at
    start) left a half ``shibai.xlam.tmp`` behind on a full disk; now nothing but the previous add-in, intact."""
    disk = small_disk(256)
    assert shibai("addin", "build", "--out", disk).returncode == 0
    before = sha(disk / "shibai.xlam")
    fill_disk(disk, 8192)
    done = shibai("addin", "build", "--out", disk)
    assert_refused_cleanly(done, "磁盘空间不足", "shibai.xlam")
    assert sorted(p.name for p in disk.iterdir()) == ["filler.bin", "shibai.xlam"] and sha(disk / "shibai.xlam") == before


def test_addin_install_refused_by_the_environment_is_exit_2_not_an_internal_error(tmp_path, monkeypatch):
    """CONTRACT §4: an add-in Excel holds open is the user's environment, exit 2 (3 is an internal error)."""
    from shibai_xl.addin import commands as C

    def locked(path, config=None):
        raise PermissionError(13, "denied", str(path))

    monkeypatch.setattr(C, "build_addin", locked)
    monkeypatch.setattr(C, "supported", lambda platform=None: True)
    monkeypatch.setattr(C, "xlstart_dir", lambda *a, **k: tmp_path / "XLSTART")
    monkeypatch.setattr(C, "config_path", lambda *a, **k: tmp_path / "shibai.conf")
    from shibai_xl.faces.cli import main

    assert main(["addin", "install"]) == 2


# --- concurrent merges -------------------------------------------------------------------------------

def _city_summary(tmp_path: Path, make_workbook, kind: str, name: str) -> Path:
    apps = tmp_path / f"apps-{kind}"
    apps.mkdir()
    shutil.move(make_workbook(kind), apps / f"{kind}.xlsx")
    summary = tmp_path / name
    refresh(summary, apps)
    return summary


def test_a_second_merge_into_the_province_table_is_refused_while_one_runs(tmp_path, make_workbook):
    """Two merges into one 全省汇总表 at once (two clerks on the shared drive, a button clicked twice): each read the
    table before the other wrote it, and the later one wrote it without the other's city rows, both exit 0."""
    first_city = _city_summary(tmp_path, make_workbook, "team", "甲市汇总表.xlsx")
    second_city = _city_summary(tmp_path, make_workbook, "enterprise", "乙市汇总表.xlsx")
    province = tmp_path / "全省汇总表.xlsx"
    assert shibai("merge", province, first_city).returncode == 0
    original = sha(province)
    code = ("import sys, time; from pathlib import Path; from shibai_xl.adapters.files import held_lock\n"
            "with held_lock(Path(sys.argv[1]), '合并'):\n    print('locked', flush=True)\n    time.sleep(120)\n")
    first = subprocess.Popen([sys.executable, "-c", code, str(province)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert first.stdout.readline().strip() == "locked"      # a merge that is still working
        done = shibai("merge", province, second_city)
        assert_refused_cleanly(done, "正在被另一个合并更新", f"进程 {first.pid}", "不能同时合并两次")
        assert sha(province) == original
        first.send_signal(signal.SIGKILL)
        first.wait()
        done = shibai("merge", province, second_city)             # the killed run's lock is taken over
        assert done.returncode == 0, done.stderr
        assert len(summary_names(province)) == 2 and not (tmp_path / ".全省汇总表.xlsx.shibai-lock").exists()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


def test_wps_uninstall_without_permission_leaves_the_addin_whole(tmp_path):
    """A jsaddons folder the user may not write: uninstall emptied the add-in's folder (its files could be deleted,
    the folder not), left it named in publish.xml for WPS to load, and said only 没有权限访问. Now publish.xml goes
    first: refused there, nothing is removed, and the message says what to do."""
    from shibai_xl.wps import install as I

    where, jsaddons = _wps_user(tmp_path / "home")
    I.install(where, start=False)
    before = _tree(jsaddons)
    prefix = unprivileged()
    os.chmod(jsaddons, 0o555)
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path / "home"), XDG_RUNTIME_DIR="")
        env.pop("XDG_CONFIG_HOME", None)
        done = subprocess.run([*prefix, *SHIBAI, "wps", "uninstall"], capture_output=True, text=True, env=env,
                              cwd=ROOT, timeout=300)
    finally:
        os.chmod(jsaddons, 0o755)
    assert_refused_cleanly(done, "没有卸载", "退出 WPS", "shibai wps uninstall")
    assert _tree(jsaddons) == before
    assert (tmp_path / "home/.config/autostart/shibai-serve.desktop").exists()


# --- names of our own side files ---------------------------------------------------------------------

def test_a_summary_whose_long_name_leaves_no_room_for_our_lock_file_name_is_refreshed_and_merged(tmp_path, make_workbook):
    """``new summary`` made a summary named with 80 Chinese characters (245 bytes, under Linux's 255), but refresh and
    merge refused it: the name of their lock file ``.NAME.shibai-lock`` was too long, said of a hidden file the user
    never made. Our side files (lock, cache) take a short fixed name when the long one cannot exist."""
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    name = "贵" * 80 + ".xlsx"
    summary = tmp_path / name
    assert shibai("new", "summary", "--out", summary).returncode == 0
    done = shibai("refresh", summary, "--from", apps)
    assert done.returncode == 0, done.stderr
    assert summary_names(summary) == [example("team")["sb_name"]]
    again = shibai("refresh", summary, "--from", apps)                     # the cache was kept: nothing read again
    assert again.returncode == 0 and "重新读取 0 份" in again.stdout, again.stdout + again.stderr
    province = tmp_path / ("全" * 80 + ".xlsx")
    done = shibai("merge", province, summary)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if "lock" in p.name) == []


def test_a_read_only_disk_is_said_as_such(tmp_path, small_disk, make_workbook):
    """A write-protected USB stick, a CD, a read-only share: refresh and review make told the user to remove the
    file's read-only attribute (取消只读属性), which cannot help, and demo said only 操作系统拒绝了…（磁盘只读）."""
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "team.xlsx")
    disk = small_disk(1024)
    summary = disk / "汇总表.xlsx"
    refresh(summary, apps)
    assert shibai("review", "make", disk / "评审", "--from", summary, "--experts", "甲,乙,丙").returncode == 0
    shutil.move(make_workbook("enterprise"), apps / "enterprise.xlsx")      # something to write
    before = sha(summary)
    done = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
    if done.returncode:
        pytest.skip("cannot remount read-only: " + done.stderr.decode(errors="replace").strip())
    for argv in (["refresh", summary, "--from", apps], ["review", "make", disk / "评审", "--from", summary,
                                                          "--experts", "甲,乙,丙"], ["demo", "--out", disk / "示例"]):
        done = shibai(*argv)
        assert_refused_cleanly(done, "只读的磁盘", "换一个可以写入的文件夹")
        assert "取消只读属性" not in done.stderr and "操作系统拒绝" not in done.stderr, done.stderr
    assert sha(summary) == before


def test_a_cache_that_does_not_fit_leaves_no_half_file(small_disk):
    """The refresh's cache (megabytes for a province) written on a disk that fills up: the write fails quietly (the
    cache only saves time) but its half temp file ``.汇总表.xlsx.tmp`` stayed, holding the space that was short, under
    a name no clean-up knew."""
    from shibai_xl.adapters.signed_cache import write_signed
    from shibai_xl.jobs.refresh import cache_path

    disk = small_disk(256)
    cache = cache_path(disk / "汇总表.xlsx")
    with pytest.raises(OSError):
        write_signed(cache, os.urandom(512 * 1024))
    assert sorted(p.name for p in disk.iterdir()) == []


def test_addin_install_into_an_xlstart_it_cannot_write_says_to_quit_excel(tmp_path):
    """Excel holding the add-in (or a folder the user may not write): exit 2 and the hint to quit Excel, as before
    the add-in was written through write_atomic."""
    xlstart = tmp_path / "Microsoft" / "Excel" / "XLSTART"
    xlstart.mkdir(parents=True)
    code = ("import sys; from pathlib import Path; from rich.console import Console; from shibai_xl.addin import commands"
            " as C; h = Path(sys.argv[1]); sys.exit(C.install(Console(), Console(stderr=True), platform='win32', home=h,"
            " env={'APPDATA': str(h)}, interpreter='C:/Python311/python.exe'))")
    prefix = unprivileged()
    os.chmod(xlstart, 0o555)
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT, timeout=300)
    finally:
        os.chmod(xlstart, 0o755)
    assert_refused_cleanly(done, "没有权限", "退出 Excel")
    assert list(xlstart.iterdir()) == []


def test_check_a_folder_without_read_permission_says_so(tmp_path, make_workbook):
    """``check FOLDER`` on a folder (or a file in it) the account may not open — a share's ACL, a file another
    program holds on Windows — said “没有找到要检查的申报表：…中没有工作簿” for the folder, as if it were empty, and
    “处理时出错（没有权限），请检查该文件” for the file, as if the file were broken. Now both say that they could not be
    opened for want of permission (as refresh and check FILE do), exit 2 / 1, and the JSON lists them."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    prefix = unprivileged()   # root reads anything: run as a clerk's account would
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")

    def check(mode_of: Path, mode: int) -> subprocess.CompletedProcess:
        os.chmod(mode_of, mode)
        try:
            return subprocess.run([*prefix, *SHIBAI, "check", str(apps), "--json"], capture_output=True, text=True,
                                  encoding="utf-8", env=env, cwd=ROOT, timeout=300)
        finally:
            os.chmod(mode_of, 0o755 if mode_of.is_dir() else 0o644)

    done = check(apps / "企业.xlsx", 0)
    assert done.returncode == 1, done.stderr
    got = {o["file"]: o for o in json.loads(done.stdout)}
    assert got["团队.xlsx"]["type"] == "team"
    assert "没有权限" in got["企业.xlsx"]["error"] and "处理时出错" not in got["企业.xlsx"]["error"], got
    done = check(apps, 0)
    assert done.returncode == 2, done.stderr
    (folder,) = json.loads(done.stdout)
    assert "没有权限" in folder["error"] and folder["file"] == str(apps), folder
    assert "没有权限" in done.stderr and "中没有" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_a_colleagues_unreadable_workbook_beside_a_park_does_not_stop_its_check(tmp_path, make_workbook):
    """A park sent without a list of its own, in a shared folder where a colleague's workbook is closed to the clerk's
    account: the park's check looks among the workbooks beside it for its 附件3 and opened that one too. check FILE
    stopped with “没有权限访问“企业.xlsx”” (exit 2, no JSON) of a file the clerk never asked about; check FOLDER and
    refresh said the readable park itself “无法打开文件（没有权限）”/“处理时出错”, and a refresh of the two wrote
    nothing. The park is read and checked (its list missing, as without the other file); only the closed file is
    listed as unreadable."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("park", residents=None), apps / "园区.xlsx")
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*unprivileged(), *SHIBAI, *args], capture_output=True, text=True, encoding="utf-8",
                              env=env, cwd=ROOT, timeout=300)

    os.chmod(apps / "企业.xlsx", 0)
    try:
        alone = run("check", str(apps / "园区.xlsx"), "--json")
        many = run("check", str(apps), "--json")
        refreshed = run("refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(apps))
    finally:
        os.chmod(apps / "企业.xlsx", 0o644)
    assert alone.returncode == 0, alone.stderr
    park = json.loads(alone.stdout)
    assert park["type"] == "park" and "ELIG_EVIDENCE" in {f["code"] for f in park["findings"]}, park
    assert many.returncode == 1, many.stderr
    got = {o["file"]: o for o in json.loads(many.stdout)}
    assert got["园区.xlsx"] == {**park, "file": "园区.xlsx"}, got["园区.xlsx"]
    assert "没有权限" in got["企业.xlsx"]["error"], got
    assert refreshed.returncode == 1, refreshed.stderr
    assert "园区.xlsx：" not in refreshed.stderr and "企业.xlsx：无法打开文件（没有权限）" in refreshed.stderr, refreshed.stderr


def test_refresh_from_a_folder_without_read_permission_names_the_folder(tmp_path, make_workbook):
    """refresh --from a folder the account may not open listed it as “• .：文件夹无法打开（没有权限）”; it is named as
    given now, as check FOLDER names it; exit 2, nothing written."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    os.chmod(apps, 0)
    try:
        done = subprocess.run([*unprivileged(), *SHIBAI, "refresh", str(summary), "--from", str(apps)],
                              capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300,
                              env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8"))
    finally:
        os.chmod(apps, 0o755)
    assert done.returncode == 2 and not summary.exists(), done.stderr
    assert f"• {apps}：文件夹无法打开（没有权限）" in done.stderr and "• .：" not in done.stderr, done.stderr


@pytest.mark.parametrize("content, said", [(b"name,phone\n", "这是文本文件"), (b"", "文件是空的"),
                                           (b"%PDF-1.4\n" + b"0" * 600, "PDF")])
def test_a_summary_path_holding_no_workbook_says_what_the_file_is(content, said, tmp_path, make_workbook):
    """refresh onto a “汇总表.xlsx” that is a CSV saved under that name (or an empty file, a PDF) said only
    “无法打开（压缩结构损坏）”; it says what the file is, as check says it of an application; exit 2, the file untouched."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    summary.write_bytes(content)
    done = shibai("refresh", str(summary), "--from", str(apps))
    assert_refused_cleanly(done, said)
    assert "压缩结构损坏" not in done.stderr and summary.read_bytes() == content, done.stderr


def test_merge_onto_a_province_path_holding_a_text_file_says_what_the_file_is(tmp_path, make_workbook):
    """merge's first file a CSV saved as .xlsx: it was “文件无法打开（压缩结构损坏）”; now what it is, exit 2, untouched."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    city = tmp_path / "贵阳市汇总表.xlsx"
    assert shibai("refresh", str(city), "--from", str(apps)).returncode == 0
    province = tmp_path / "全省.xlsx"
    province.write_bytes(b"name,phone\n")
    done = shibai("merge", str(province), str(city))
    assert_refused_cleanly(done, "这是文本文件", "未改动")
    assert "压缩结构损坏" not in done.stderr and province.read_bytes() == b"name,phone\n", done.stderr
