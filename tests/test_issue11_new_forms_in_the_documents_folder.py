"""Issue 11.3 / 16: 新建申报表 with no workbook open writes the four blank forms into the user's 文档 folder (docs/wps.md:
"四种空白申报表生成在“文档”文件夹"). On a Chinese UOS/Kylin desktop — the WPS add-in's own platform — that folder is
~/文档, named by the XDG user-dirs file (~/.config/user-dirs.dirs: XDG_DOCUMENTS_DIR="$HOME/文档"); there is no
~/Documents, and the forms landed in the home folder instead. Here through the real `shibai serve` the WPS add-in
calls, with a temporary home."""
from __future__ import annotations

from pathlib import Path

import pytest

from shibai_xl.rules import load
from tests.acceptance.test_serve_wps import clean_env, request, started_serve, temp_home


def _user_dirs(home: Path, line: str) -> None:
    (home / ".config").mkdir(parents=True, exist_ok=True)
    (home / ".config" / "user-dirs.dirs").write_text(
        "# This file is written by xdg-user-dirs-update\n"
        'XDG_DESKTOP_DIR="$HOME/桌面"\n' + line + "\n" + 'XDG_DOWNLOAD_DIR="$HOME/下载"\n', encoding="utf-8")


def _new_without_a_workbook(tmp_path: Path, env: dict) -> dict:
    with started_serve(env) as (port, token, _proc):
        status, _, body = request(port, "POST", "/api/action/sb_new", {}, {"X-Shibai-Token": token})
        assert status == 200, body
        return body


@pytest.mark.parametrize("line", ['XDG_DOCUMENTS_DIR="$HOME/文档"', 'XDG_DOCUMENTS_DIR="{home}/文档"'],
                         ids=["relative-to-home", "absolute"])
def test_blank_forms_go_to_the_chinese_documents_folder(tmp_path, line):
    extra = temp_home(tmp_path)
    home = Path(extra["HOME"])
    (home / "文档").mkdir()
    _user_dirs(home, line.format(home=home))
    body = _new_without_a_workbook(tmp_path, clean_env(extra))
    names = sorted(f"{t.form_title}（空白）.xlsx" for t in load().types.values())
    assert sorted(p.name for p in (home / "文档").iterdir()) == names, body["message"]
    assert not list(home.glob("*.xlsx"))
    assert all(str(home / "文档" / n) in body["message"] for n in names)


def test_a_documents_folder_named_but_missing_falls_back_as_before(tmp_path):
    extra = temp_home(tmp_path)
    home = Path(extra["HOME"])
    (home / "Documents").mkdir()
    _user_dirs(home, 'XDG_DOCUMENTS_DIR="$HOME/文档"')          # named, never made
    _new_without_a_workbook(tmp_path, clean_env(extra))
    assert len(list((home / "Documents").glob("*.xlsx"))) == len(load().types)
