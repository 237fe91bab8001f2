"""Commands run on a folder that holds a named pipe or a link to a device under a name that is neither a workbook's
nor a hidden file's (a Linux desktop — 统信 UOS, 麒麟 — or a zip unpacked there): the command ends, saying what it
did not read, instead of waiting for ever on a file no program will ever write."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "shibai_xl.faces.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize(("name", "said"), [("管道", False), ("入驻企业名单.csv", True), ("名单.txt", True),
                                            ("设备.tsv", True)])
def test_a_pipe_without_a_workbook_s_extension_in_the_folder_does_not_hang(name, said, make_workbook, tmp_path):
    """A named pipe without extension was opened to see whether it is a workbook that lost its “.xlsx”, and one
    called 名单.csv to read it as a park's 入驻企业名单: the open waited for a writer, and ``check 文件夹``,
    ``check 申报表.xlsx`` (its folder's lists) and ``refresh`` never ended (a link to /dev/zero named so was read
    until memory ran out). Neither is opened now: the pipe without extension is one of the files not read, the
    list is listed as unreadable with why (exit 1)."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    form = make_workbook("park").rename(folder / "园区.xlsx")
    if name.startswith("设备"):
        (folder / name).symlink_to("/dev/zero")
    else:
        os.mkfifo(folder / name)
    checked = _cli("check", str(folder))
    assert checked.returncode == (1 if said else 0) and "达标 1 份" in checked.stdout, checked.stderr
    assert ("不是普通文件" in checked.stderr) is said and "Traceback" not in checked.stderr, checked.stderr
    one = _cli("check", str(form))
    assert one.returncode == 0 and "前置条件" in one.stdout, one.stderr
    refreshed = _cli("refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder))
    assert refreshed.returncode == (1 if said else 0) and "新增 1 行" in refreshed.stdout, refreshed.stderr
    assert name in refreshed.stdout + refreshed.stderr
