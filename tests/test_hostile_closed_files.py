"""A city summary or an expert's workbook the clerk's account may not open (a share's ACL, a file copied from
another user's folder): listed as unreadable like an encrypted one, the rest merged or collected (exit 1) —
never the whole run refused for one file."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.conftest import unprivileged
from tests.test_review import type_scores

ROOT = Path(__file__).resolve().parents[1]
SHIBAI = [sys.executable, "-c", "import sys; from shibai_xl.faces.cli import main; sys.exit(main())"]


def _closed_run(closed: Path, *args: str) -> subprocess.CompletedProcess:
    os.chmod(closed, 0)
    try:
        return subprocess.run([*unprivileged(), *SHIBAI, *args], capture_output=True, text=True, encoding="utf-8",
                              cwd=ROOT, timeout=300,
                              env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8"))
    finally:
        os.chmod(closed, 0o644)


def _city(tmp_path: Path, make_workbook, city: str) -> Path:
    apps = tmp_path / f"{city}申报表"
    apps.mkdir()
    shutil.move(make_workbook("team"), apps / "团队.xlsx")
    summary = tmp_path / f"{city}汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", city]) in (0, 1)
    return summary


def test_merge_lists_a_city_summary_it_may_not_open_and_merges_the_others(tmp_path, make_workbook):
    """merge stopped at it: “没有权限访问“遵义市汇总表.xlsx””, exit 2, the other cities not merged."""
    guiyang = _city(tmp_path, make_workbook, "贵阳市")
    zunyi = tmp_path / "遵义市汇总表.xlsx"
    shutil.copy(guiyang, zunyi)
    province = tmp_path / "全省.xlsx"
    done = _closed_run(zunyi, "merge", str(province), str(guiyang), str(zunyi))
    assert done.returncode == 1, done.stderr
    assert "遵义市汇总表.xlsx：无法打开文件（没有权限）" in done.stdout + done.stderr
    assert province.exists() and "Traceback" not in done.stderr


def test_review_collect_lists_an_experts_workbook_it_may_not_open_and_collects_the_others(tmp_path, make_workbook):
    """review collect stopped at it: “没有权限访问…专家评分表-乙.xlsx”, exit 2, no result for the experts who had
    scored."""
    summary = _city(tmp_path, make_workbook, "贵阳市")
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙"]) == 0
    out = tmp_path / "评审结果.xlsx"
    done = _closed_run(rdir / "专家评分表-乙.xlsx", "review", "collect", str(rdir), "--out", str(out))
    assert done.returncode == 1, done.stderr
    assert "专家评分表-乙.xlsx：无法打开文件（没有权限）" in done.stdout + done.stderr
    assert out.exists() and "Traceback" not in done.stderr


def test_review_collect_names_a_pipe_named_like_an_experts_workbook(tmp_path, make_workbook):
    """A named pipe “专家评分表-丙.xlsx” in the round folder was passed over without a word (refresh says it is no
    regular file): it is listed as unreadable, never opened (opening a pipe waits for ever), and the result is
    incomplete (exit 1)."""
    summary = _city(tmp_path, make_workbook, "贵阳市")
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙"]) == 0
    for expert in ("甲", "乙"):
        book = rdir / f"专家评分表-{expert}.xlsx"
        ws = load_workbook(book)["评分表"]
        column = next(c for c in range(1, ws.max_column + 1) if ws.cell(4, c).value == "项目名称")
        type_scores(book, {ws.cell(r, column).value: {} for r in range(5, ws.max_row + 1) if ws.cell(r, column).value})
    assert main(["review", "collect", str(rdir), "--out", str(tmp_path / "结果.xlsx")]) == 0
    os.mkfifo(rdir / "专家评分表-丙.xlsx")
    done = subprocess.run([*SHIBAI, "review", "collect", str(rdir), "--out", str(tmp_path / "结果.xlsx")],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8"))
    assert done.returncode == 1, done.stderr
    assert "专家评分表-丙.xlsx 不是普通文件" in done.stdout + done.stderr


def test_an_output_path_holding_a_pipe_or_a_link_to_a_device_is_refused_not_copied_to_a_backup(tmp_path,
                                                                                               make_workbook):
    """review collect --out 结果.xlsx where 结果.xlsx is a link to /dev/zero (unzipped on 统信 UOS/麒麟) or a pipe:
    the old “result” was copied to 结果.xlsx.bak before being replaced — from /dev/zero, until the disk was full.
    It is refused at once, in Chinese; nothing is written beside it."""
    summary = _city(tmp_path, make_workbook, "贵阳市")
    rdir = tmp_path / "评审"
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙"]) == 0
    (tmp_path / "设备.xlsx").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "管道.xlsx")
    for out in (tmp_path / "设备.xlsx", tmp_path / "管道.xlsx"):
        done = subprocess.run([*SHIBAI, "review", "collect", str(rdir), "--out", str(out)], capture_output=True,
                              text=True, encoding="utf-8", cwd=ROOT, timeout=30,
                              env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8"))
        assert done.returncode == 2 and "不是普通文件" in done.stderr, done.stderr
        assert not (tmp_path / f"{out.name}.bak").exists()
