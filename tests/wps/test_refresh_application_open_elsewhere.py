"""刷新汇总表 while an application in the folder is open in another program — another WPS window of its own process,
Excel, a colleague's computer over a shared folder — with a correction typed and not saved. The add-in can name the
unsaved workbooks of its own WPS only (test_wps_js), and ``shibai refresh`` none: both read the old saved figures
without a word. The lock file the program keeps beside the workbook (~$NAME, .~lock.NAME#, .~NAME) tells it is open:
both faces now name it and say that what is not saved is not counted."""
from __future__ import annotations

import shutil

import pytest

from shibai_xl.jobs.refresh import refresh

from .conftest import fake_book, needs_node, run_js

SAID = "正被 Excel/WPS 等打开"


def _folder(tmp_path, demo_folder, lock: str | None):
    apps = tmp_path / "申报表"
    shutil.copytree(demo_folder / "申报表", apps)
    app_file = sorted(apps.glob("*.xlsx"))[0]
    if lock:
        (apps / lock.format(name=app_file.name)).write_bytes(b"\0" * 8)
    return apps, app_file


@pytest.mark.parametrize("lock", ["~${name}", ".~lock.{name}#", ".~{name}"])
def test_refresh_names_an_application_another_program_has_open(tmp_path, demo_folder, lock):
    apps, app_file = _folder(tmp_path, demo_folder, lock)
    said = refresh(tmp_path / "项目汇总表.xlsx", apps, city="贵阳市").describe()
    line = next(x for x in said.splitlines() if SAID in x)
    assert app_file.name in line and "未保存" in line, said
    others = [p.name for p in apps.glob("*.xlsx") if p != app_file]
    assert not any(name in line for name in others), line
    again = refresh(tmp_path / "项目汇总表.xlsx", apps, city="贵阳市").describe()   # from the cache: said all the same
    assert app_file.name in next(x for x in again.splitlines() if SAID in x), again


def test_refresh_says_nothing_of_locks_when_none_is_open(tmp_path, demo_folder):
    apps, _ = _folder(tmp_path, demo_folder, None)
    assert SAID not in refresh(tmp_path / "项目汇总表.xlsx", apps, city="贵阳市").describe()


@needs_node
def test_wps_refresh_names_an_application_open_in_another_window(service, tmp_path, demo_folder):
    apps, app_file = _folder(tmp_path, demo_folder, "~${name}")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, apps, city="贵阳市")
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert clicked["error"] is None, clicked["error"]
    said = clicked["outcome"]["message"]
    assert SAID in said and app_file.name in said, said


def test_check_of_a_folder_names_an_application_another_program_has_open(tmp_path, demo_folder, capsys):
    from shibai_xl.faces.cli import main

    apps, app_file = _folder(tmp_path, demo_folder, "~${name}")
    capsys.readouterr()
    main(["check", str(apps), "--json"])
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if SAID in x)
    assert app_file.name in line and "再检查" in line, err


def test_the_lock_of_a_name_ending_another_is_that_files_own(tmp_path, demo_folder):
    """Excel's ~$ over a long name's first two characters: ~$园区-….xlsx beside 园区-….xlsx (open) and 示范园区-….xlsx
    (not open) is the lock of the first only."""
    apps, app_file = _folder(tmp_path, demo_folder, None)
    short = apps / app_file.name[2:]
    shutil.copy(app_file, short)
    (apps / f"~${short.name}").write_bytes(b"\0" * 8)
    said = refresh(tmp_path / "项目汇总表.xlsx", apps, city="贵阳市").describe()
    line = next(x for x in said.splitlines() if SAID in x)
    assert short.name in line and app_file.name not in line, line
