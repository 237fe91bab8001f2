"""refresh and merge list the inputs they could not read, with the reasons, in their report (stdout) and on stderr
(CONTRACT §4: "listed on stderr and in the workbook"). A clerk at a terminal, where both streams are the same
screen (or a log written with ``> log.txt 2>&1``), read the whole list twice; a program reading stderr alone must
still get it. Run as the installed command is, with real streams."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_summaries_real_world import official

RUN = "import sys; from shibai_xl.faces.cli import run; sys.argv = ['shibai', *sys.argv[1:]]; run()"
BROKEN = "损坏的申报表.xlsx"


def _env(tmp: Path) -> dict[str, str]:
    return dict(os.environ, HOME=str(tmp / "home"), XDG_CONFIG_HOME=str(tmp / "config"), PYTHONIOENCODING="utf-8")


def _run(tmp: Path, args: list[str], together: bool) -> tuple[int, str, str]:
    """(exit code, stdout, stderr); ``together``: both streams into one file, as ``> log.txt 2>&1`` or a terminal."""
    log = tmp / "log.txt"
    with open(log, "wb") as f:
        proc = subprocess.run([sys.executable, "-c", RUN, *args], stdout=f, stderr=f if together else subprocess.PIPE,
                              env=_env(tmp), timeout=300)
    err = "" if together else proc.stderr.decode("utf-8")
    return proc.returncode, log.read_text("utf-8"), err


def _folder(tmp: Path, make_workbook) -> Path:
    apps = tmp / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    (apps / BROKEN).write_bytes(b"PK\x03\x04 not a workbook")
    return apps


def test_refresh_lists_an_unreadable_application_once_to_one_screen_and_on_both_streams_apart(tmp_path,
                                                                                                make_workbook):
    apps = _folder(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    code, said, _ = _run(tmp_path, ["refresh", str(summary), "--from", str(apps)], together=True)
    assert code == 1, said
    assert said.count(f"{BROKEN}：") == 1, said
    assert "退出码 1" in said and "Traceback" not in said, said
    code, out, err = _run(tmp_path, ["refresh", str(summary), "--from", str(apps)], together=False)
    assert code == 1 and f"{BROKEN}：" in out and f"{BROKEN}：" in err and "退出码 1" in err, (out, err)


def test_merge_lists_an_unreadable_city_summary_once_to_one_screen_and_on_both_streams_apart(tmp_path):
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市",
                    [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, 85)])
    broken = tmp_path / "贵阳市汇总表.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    province = tmp_path / "全省.xlsx"
    code, said, _ = _run(tmp_path, ["merge", str(province), str(city), str(broken)], together=True)
    assert code == 1, said
    assert said.count("贵阳市汇总表.xlsx：") == 1, said
    assert "退出码 1" in said and "Traceback" not in said, said
    code, out, err = _run(tmp_path, ["merge", str(province), str(city), str(broken)], together=False)
    assert code == 1 and "贵阳市汇总表.xlsx：" in out and "贵阳市汇总表.xlsx：" in err and "退出码 1" in err, (out, err)


def test_refresh_names_a_project_under_the_total_row_once_to_one_screen(tmp_path, make_workbook):
    """The project typed under the 合计 row was named in the report and again, with its row, on stderr."""
    from tests.test_refresh_statistics import _city, _last, _type_row

    apps, summary = _city(tmp_path, make_workbook)
    last = _last(summary)
    _type_row(summary, last + 1, {"企业名称": "合计", "年度交易额（万元）": f"=SUM(K4:K{last})"}, stretch=False)
    _type_row(summary, last + 2, {"市（州）": "贵阳市", "企业名称": "合计下方补录电子商务有限公司", "项目类型": "企业"},
              stretch=False)
    code, said, _ = _run(tmp_path, ["refresh", str(summary), "--from", str(apps)], together=True)
    assert code == 1 and said.count("合计下方补录电子商务有限公司") == 1 and "退出码 1" in said, said
    code, out, err = _run(tmp_path, ["refresh", str(summary), "--from", str(apps)], together=False)
    assert code == 1 and "合计下方补录电子商务有限公司" in out and "合计下方补录电子商务有限公司" in err, (out, err)


def test_streams_without_a_file_id_are_one_screen_only_when_both_are_the_console(monkeypatch):
    """Windows gives a console and a pipe no file id (st_ino 0): two pipes to a program are not one screen."""
    from types import SimpleNamespace

    from shibai_xl.faces import cli

    class Stream:
        def __init__(self, fd: int, tty: bool) -> None:
            self.fd, self.tty = fd, tty

        def fileno(self) -> int:
            return self.fd

        def isatty(self) -> bool:
            return self.tty

    real = os.fstat
    monkeypatch.setattr(cli.os, "fstat", lambda fd: SimpleNamespace(st_dev=0, st_ino=0) if fd > 1000 else real(fd))
    for tty, same in ((True, True), (False, False)):
        monkeypatch.setattr(cli.sys, "stdout", Stream(1001, tty))
        monkeypatch.setattr(cli.sys, "stderr", Stream(1002, tty))
        assert cli.one_screen() is same
    monkeypatch.setattr(cli.sys, "stdout", object())    # replaced by a program: no descriptor
    assert cli.one_screen() is False
