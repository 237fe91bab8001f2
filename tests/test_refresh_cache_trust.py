"""The refresh cache lies in a folder other people fill: a cache this user's tool did not write is never
trusted — a hand-edited one cannot put a verdict into the summary (QA round 7, WPS add-in review)."""
from __future__ import annotations

import os
import time

from openpyxl import load_workbook

from shibai_xl.adapters.signed_cache import HEADER, read_signed, write_signed
from shibai_xl.jobs import refresh as refresh_job
from shibai_xl.jobs.refresh import LEGACY_CACHE_SUFFIX, cache_path, decode_cache, encode_cache, refresh


def _apps(tmp_path, make_workbook):
    folder = tmp_path / "申报表"
    folder.mkdir()
    for kind in ("enterprise", "team"):
        path = make_workbook(kind)
        path.rename(folder / path.name)
    return folder


def _statuses(summary):
    ws = load_workbook(summary)["项目汇总表"]
    cols = {c.value: c.column for c in ws[3]}
    return [ws.cell(r, cols["前置条件"]).value for r in range(4, ws.max_row + 1) if ws.cell(r, cols["企业名称"]).value]


def test_a_hand_edited_cache_is_not_trusted(tmp_path, make_workbook):
    folder = _apps(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    cache = cache_path(summary)
    head, _, payload = cache.read_bytes().partition(b"\n")
    assert head.startswith(HEADER)
    data = decode_cache(payload)
    for entry in data["files"].values():
        entry["record"]["status"] = "伪造"
    cache.write_bytes(head + b"\n" + encode_cache(data))   # the old signature kept
    report = refresh(summary, folder)
    assert report.read == 2 and report.cached == 0
    assert "伪造" not in _statuses(summary) and set(_statuses(summary)) == {"达标"}


def test_an_unsigned_cache_from_elsewhere_reads_as_no_cache(tmp_path, make_workbook):
    folder = _apps(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    payload = read_signed(cache_path(summary))
    cache_path(summary).write_bytes(payload)                      # what an older version or a person wrote
    assert read_signed(cache_path(summary)) is None
    report = refresh(summary, folder)
    assert report.read == 2 and report.cached == 0
    assert read_signed(cache_path(summary)) is not None          # signed again for the next refresh
    assert refresh(summary, folder).cached == 2


def test_an_entry_this_version_cannot_read_is_read_again(tmp_path, make_workbook):
    folder = _apps(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    data = decode_cache(read_signed(cache_path(summary)))
    first = next(iter(data["files"].values()))
    first["record"]["unknown_field"] = 1
    write_signed(cache_path(summary), encode_cache(data))
    report = refresh(summary, folder)
    assert report.read == 1 and report.cached == 1


def test_an_earlier_versions_cache_is_not_read_and_goes_when_the_new_one_is_written(tmp_path, make_workbook):
    folder = _apps(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    legacy = summary.with_name(f".{summary.name}{LEGACY_CACHE_SUFFIX}")
    write_signed(legacy, b'{"version": "0.1.0/old/3", "files": {}}')   # format 3 was signed JSON under this name
    report = refresh(summary, folder)
    assert report.read == 2
    assert not legacy.exists() and read_signed(cache_path(summary)) is not None
    assert refresh(summary, folder).cached == 2


def test_an_updated_tool_reads_every_application_again_though_its_version_number_is_the_same(tmp_path, make_workbook,
                                                                                             monkeypatch):
    """Cached verdicts and scores are the old code's: after an update (a rule fixed, the version number not
    raised) a refresh with nothing new in the folder must not keep them (the old 不达标 of a company the fix
    accepts stayed until its file changed)."""
    folder = _apps(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    assert refresh(summary, folder).cached == 2
    monkeypatch.setattr(refresh_job, "code_fingerprint", lambda: "an-updated-install")
    report = refresh(summary, folder)
    assert report.read == 2 and report.cached == 0
    assert refresh(summary, folder).cached == 2


def test_the_code_fingerprint_changes_with_any_code_or_rule_file(tmp_path):
    from shibai_xl.version import code_fingerprint, files_fingerprint

    assert len(code_fingerprint()) == 16 and code_fingerprint() == code_fingerprint()
    (tmp_path / "engine").mkdir()
    (tmp_path / "engine" / "check.py").write_text("x = 1\n")
    (tmp_path / "y2024.toml").write_text("year = 2024\n")
    (tmp_path / "notes.txt").write_text("not code\n")
    first = files_fingerprint(str(tmp_path))
    (tmp_path / "notes.txt").write_text("still not code, longer\n")
    assert files_fingerprint(str(tmp_path)) == first
    for name in ("engine/check.py", "y2024.toml"):
        path = tmp_path / name
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))    # an update: same size, newer file
        assert files_fingerprint(str(tmp_path)) != first, name
        first = files_fingerprint(str(tmp_path))


def test_a_cache_that_is_not_this_versions_reads_as_none():
    assert decode_cache(b'{"version": "x"}') == {}            # JSON of format 3: not marshal data of a dict
    assert decode_cache(b"") == {}
    assert decode_cache(encode_cache({"version": "0.0.1/other", "files": {}})) == {}
    assert decode_cache(encode_cache([1, 2])) == {}


# --- a file's SHA-256 is taken again only when its stat says it may have changed ---------------------------

def _age(folder, seconds: int = 3600) -> None:
    for p in folder.iterdir():
        st = p.stat()
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def _count_hashes(monkeypatch) -> list[str]:
    hashed: list[str] = []
    real = refresh_job.file_hash

    def counting(path):
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(refresh_job, "file_hash", counting)
    return hashed


def _later(monkeypatch, seconds: int = 10) -> None:
    """The refresh's clock ``seconds`` ahead: as if the files (whose change time utime has just set) were hashed later."""
    real = getattr(refresh_job, "_now_ns", time.time_ns)
    monkeypatch.setattr(refresh_job, "_now_ns", lambda: real() + seconds * 10**9, raising=False)


def test_an_old_unchanged_file_is_not_hashed_again(tmp_path, make_workbook, monkeypatch):
    folder = _apps(tmp_path, make_workbook)
    _age(folder)
    summary = tmp_path / "汇总表.xlsx"
    _later(monkeypatch)
    refresh(summary, folder)
    hashed = _count_hashes(monkeypatch)
    report = refresh(summary, folder)
    assert report.cached == 2 and hashed == ["汇总表.xlsx"]          # only the summary, to see it is the tool's


def test_a_file_hashed_just_after_it_was_written_is_hashed_again(tmp_path, make_workbook, monkeypatch):
    folder = _apps(tmp_path, make_workbook)     # written now: as the same clock tick may hold a later write
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    hashed = _count_hashes(monkeypatch)
    assert refresh(summary, folder).cached == 2
    assert sorted(hashed) == sorted([p.name for p in folder.iterdir()] + ["汇总表.xlsx"])


def test_content_changed_in_place_with_size_and_time_put_back_is_read_again(tmp_path, make_workbook):
    folder = _apps(tmp_path, make_workbook)
    _age(folder)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    target = sorted(folder.iterdir())[0]
    st = target.stat()
    data = bytearray(target.read_bytes())
    middle = len(data) // 2
    data[middle] ^= 0xFF                          # same size, other bytes: the zip's check sum fails
    with open(target, "r+b") as fh:               # in place: the same inode
        fh.write(data)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))   # the modification time put back, as some copy tools do
    assert target.stat().st_size == st.st_size and target.stat().st_mtime_ns == st.st_mtime_ns
    report = refresh(summary, folder)
    assert report.read == 1 and report.cached == 1
    assert [f for f, _ in report.unreadable] == [target.name]


def _team_pair(tmp_path, make_workbook):
    """Two same-size versions of one team application, 600 and 400 万元 of live sales (the threshold is 500)."""
    import zipfile

    from shibai_xl.examples import EXAMPLES

    made = make_workbook("team", dict(EXAMPLES["team"], sb_live_sales=600), name="made.xlsx")
    versions = []
    for value in ("600", "400"):
        out = tmp_path / f"team-{value}.xlsx"
        with zipfile.ZipFile(made) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename.startswith("xl/worksheets/"):
                    data = data.replace(b"<v>600</v>", f"<v>{value}</v>".encode())
                zout.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 4, 1, 0, 0, 0)), data)
        versions.append(out)
    made.unlink()
    assert versions[0].stat().st_size == versions[1].stat().st_size
    return versions


def _stat_as(monkeypatch, change):
    """Path.stat with st_ctime_ns (and st_mtime_ns) as ``change(stat_result)`` gives them."""
    from pathlib import Path

    real = Path.stat

    def stat(self, *args, **kwargs):
        st = real(self, *args, **kwargs)
        mtime, ctime = change(st)
        return os.stat_result(list(st), {"st_atime": st.st_atime, "st_mtime": mtime / 1e9, "st_ctime": ctime / 1e9,
                                         "st_atime_ns": st.st_atime_ns, "st_mtime_ns": mtime, "st_ctime_ns": ctime})

    monkeypatch.setattr(Path, "stat", stat)


def test_a_copy_with_its_time_kept_in_the_tick_the_file_was_hashed_is_read_again(tmp_path, make_workbook, monkeypatch):
    # times in whole seconds (ext3, HFS+, SMB and NFS mounts; a clock tick on Linux before 6.13): cp -p of one
    # version, the refresh hashing it, cp -p of the other in the same second — size, times, inode all equal
    import shutil
    import time

    good, bad = _team_pair(tmp_path, make_workbook)
    folder = tmp_path / "申报表"
    folder.mkdir()
    old = time.time_ns() - 3600 * 10**9
    for p in (good, bad):
        os.utime(p, ns=(old, old))
    _stat_as(monkeypatch, lambda st: (st.st_mtime_ns // 10**9 * 10**9, st.st_ctime_ns // 10**9 * 10**9))
    frozen = time.time_ns()
    monkeypatch.setattr(refresh_job, "_now_ns", lambda: frozen, raising=False)   # all of it in one second
    monkeypatch.setattr(refresh_job.os, "stat", os.stat)
    target = folder / "团队.xlsx"
    shutil.copy2(good, target)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    shutil.copyfile(bad, target)
    os.utime(target, ns=(old, old))
    if target.stat().st_ctime_ns // 10**9 != frozen // 10**9:
        import pytest

        pytest.skip("the second copy fell into the next second")
    report = refresh(summary, folder)
    assert report.read == 1
    assert _statuses(summary) == ["不达标"]


def test_on_windows_where_ctime_is_the_creation_time_an_edit_with_its_time_put_back_is_read_again(
        tmp_path, make_workbook, monkeypatch):
    import shutil
    import time
    from types import SimpleNamespace

    good, bad = _team_pair(tmp_path, make_workbook)
    folder = tmp_path / "申报表"
    folder.mkdir()
    target = folder / "团队.xlsx"
    shutil.copy2(good, target)
    old = time.time_ns() - 3600 * 10**9
    os.utime(target, ns=(old, old))
    born: dict = {}     # Windows' st_ctime_ns: the creation time, which writing the file leaves as it was
    _stat_as(monkeypatch, lambda st: (st.st_mtime_ns, born.setdefault((st.st_dev, st.st_ino), st.st_ctime_ns)))
    import shibai_xl.jobs.workbook_files as workbook_files

    monkeypatch.setattr(workbook_files, "sys", SimpleNamespace(platform="win32"))
    _later(monkeypatch)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    with open(target, "r+b") as fh:        # the same file, other content of the same size, its time put back
        fh.write(bad.read_bytes())
    os.utime(target, ns=(old, old))
    report = refresh(summary, folder)
    assert report.read == 1
    assert _statuses(summary) == ["不达标"]
