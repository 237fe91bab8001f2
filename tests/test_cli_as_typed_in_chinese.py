"""The command line as Chinese clerks type it: an input method in Chinese punctuation or full-width mode, options
shortened or given a value, instructions pasted from Word or a chat. Whatever is typed, the answer is Chinese and
precise — never argparse's English — and a command typed right in all but its dashes does what was meant."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from shibai_xl.faces.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def _usage_error(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    err = capsys.readouterr().err
    assert ended.value.code == 2, err
    return err.splitlines()[-1]


@pytest.mark.parametrize(("argv", "said"), [
    (["review", "make", "评审", "--from", "汇总表.xlsx", "--exp", "甲"], ("--exp", "--experts", "--expert-cities")),
    (["review", "make", "评审", "--from", "汇总表.xlsx", "--exp=甲"], ("--exp", "--experts", "--expert-cities")),
    (["check", "--json=1", "申报表.xlsx"], ("--json", "“1”")),
])
def test_argparse_s_other_refusals_are_said_in_chinese(argv, said, capsys):
    """``review make … --exp 甲`` (an option shortened to what two options begin with) said “ambiguous option: --exp
    could match --experts, --expert-cities”, and ``check --json=1`` “ignored explicit argument '1'”: argparse's
    English under 错误：. Both are said in Chinese with what to type (exit 2, nothing done)."""
    line = _usage_error(argv, capsys)
    assert line.startswith("错误：") and not re.search(r"ambiguous|could match|ignored|explicit", line), line
    assert all(word in line for word in said), line
    assert CJK.search(line.removeprefix("错误：").split("。")[0]), line


@pytest.mark.parametrize("dashes", ["——", "－－", "—", "–"])
def test_an_option_typed_with_chinese_or_word_dashes_is_the_option(dashes, make_workbook, tmp_path, capsys):
    """``shibai check 申报表.xlsx ——json`` (“——” is what "--" gives in a Chinese input method's punctuation mode, "－－"
    in full-width mode, “—” and “–” what Word makes of "--" in an instruction pasted from it) checked a second file
    “——json” (找不到文件, exit 1, no JSON), and ``new park ——out x.xlsx`` said 缺少参数：--out beside the ——out typed.
    Such an option is now the option."""
    import json

    path = make_workbook("team")
    capsys.readouterr()
    assert main(["check", str(path), f"{dashes}json"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "team"
    out = tmp_path / "空白.xlsx"
    assert main(["new", "park", f"{dashes}out={out}"]) == 0 and out.is_file()
    assert main(["new", "团队", f"{dashes}ｏｕｔ", str(tmp_path / "团队.xlsx")]) == 0
    assert (tmp_path / "团队.xlsx").is_file()


def test_a_file_named_with_a_dash_stays_a_file(make_workbook, tmp_path, capsys, monkeypatch):
    """Only an argument that names no file is read as an option: a workbook called “—json” is checked."""
    path = make_workbook("enterprise")
    monkeypatch.chdir(path.parent)
    Path(path).rename("—json")
    capsys.readouterr()
    assert main(["check", "—json"]) == 0
    assert "—json" in capsys.readouterr().out


def test_a_check_report_in_80_columns_or_redirected_to_a_file_keeps_every_reason_whole(make_workbook, capsys,
                                                                                         monkeypatch):
    """``shibai check 申报表.xlsx`` in an 80-column console, or ``> 结果.txt`` (80 columns too): the 前置条件 table cut
    each Chinese label and reason too long for its column with “…” (Chinese has no spaces to wrap at), so the reason
    of a 不达标 lost what decides it — “成立日期2023年08月01日，至填表时 …” without “不满1年（满1年之日为2024年08月01日）”.
    Labels and reasons now wrap inside their column, whole."""
    from datetime import date

    from shibai_xl.jobs.check_file import check_file

    from .conftest import example

    path = make_workbook("base", example("base", sb_established=date(2023, 8, 1)))
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    table = out[out.index("前置条件："):out.index("建议得分")].splitlines()[1:]
    assert not any("…" in line for line in table), table
    def bare(text: str) -> str:   # a line break in a column's text falls where a space was, or inside a word
        return re.sub(r"\s", "", text)

    shown = [(bare(label), bare(reason)) for label, _, reason in _rows(table)]
    assert shown == [(bare(c.label), bare(c.reason)) for c in check_file(path).eligibility.conditions], shown
    assert any("满1年之日为2024年08月01日" in reason for _, reason in shown)


def _rows(lines: list[str]) -> list[tuple[str, str, str]]:
    """A rich table without borders as its rows: columns where the header puts them (in terminal cells, a Chinese
    character two), a row's text wrapped onto the lines below it until the next 结论."""
    from rich.cells import cell_len

    def cells(line: str) -> list[str]:   # the line's characters, one entry per terminal cell
        return [c for ch in line for c in [ch] + ["\0"] * (cell_len(ch) - 1)]

    head = cells(lines[0])
    starts = [i for i in range(len(head)) if head[i].strip() and (i == 0 or not head[i - 1].strip())]
    rows: list[list[str]] = []
    for line in lines[1:]:
        row = cells(line)
        parts = ["".join(row[a:b]).replace("\0", "").strip() for a, b in zip(starts, [*starts[1:], len(row)], strict=True)]
        if parts[1] or not rows:
            rows.append(parts)
        else:
            rows[-1] = [f"{old} {new}" for old, new in zip(rows[-1], parts, strict=True)]
    return [tuple(r) for r in rows]


def test_serve_stopped_with_ctrl_c_as_it_says_is_stopped_not_cancelled(make_workbook, tmp_path):
    """``shibai serve`` says “按 Ctrl+C 停止”. Stopped so after a WPS click had written a file (新建申报表), it said
    “已取消。取消前已写入：…（这些文件是完整的，但本次操作没有全部完成，请重新运行该命令）” and exit 1 (exit 2,
    “已取消，文件未改动” with no click): the clicks' finished work called unfinished. It now says it stopped, exit 0."""
    import http.client
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    from shibai_xl.faces.serve import TOKEN_HEADER
    from shibai_xl.wps.settings import load

    from .wps.conftest import free_port

    form = make_workbook("team")
    home = {"HOME": str(tmp_path / "home")}
    env = {**os.environ, **home, "PYTHONIOENCODING": "utf-8"}
    env.pop("XDG_CONFIG_HOME", None)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "shibai_xl.faces.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert "已启动" in proc.stderr.readline()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request("POST", "/api/action/sb_new", body=json.dumps({"path": str(form)}),
                             headers={"Content-Type": "application/json", TOKEN_HEADER: load(env=home).token})
                assert conn.getresponse().status == 200
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
        assert len(list(form.parent.glob("*（空白）.xlsx"))) == 1
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "已停止" in err and "已取消" not in err and "重新运行" not in err and "Traceback" not in err, err


@pytest.mark.parametrize("typed", [["check　{a}"], ["check", "{a}　--json"], ["check", "{a}　{b}"],
                                   ["refresh", "{s}", "--from", "{d}　--city", "贵阳市"]])
def test_arguments_joined_by_a_full_width_space_are_said_so(typed, make_workbook, tmp_path, capsys):
    """The space between two arguments typed in an input method's full-width mode (“　”, U+3000) makes them one
    argument: ``check 申报表.xlsx　--json`` said 找不到文件：申报表.xlsx　--json (the space looks like any other), and
    ``shibai check　申报表.xlsx`` said 命令 的值“check\\u3000申报表.xlsx”无效. The message now says a full-width space
    joined them (exit 2, nothing done)."""
    a, b = make_workbook("team"), make_workbook("enterprise")
    s = tmp_path / "汇总表.xlsx"
    argv = [t.format(a=a, b=b, s=s, d=tmp_path) for t in typed]
    capsys.readouterr()
    line = _usage_error(argv, capsys)
    assert "全角空格" in line and "半角空格" in line and "\\u3000" not in line, line
    assert not s.exists()


def test_a_new_file_s_name_may_hold_a_full_width_space(tmp_path, capsys):
    out = tmp_path / "贵阳市　园区申报表.xlsx"
    assert main(["new", "park", "--out", str(out)]) == 0 and out.is_file()


def test_a_path_from_the_home_folder_written_with_a_tilde_is_in_the_home_folder(tmp_path, capsys, monkeypatch):
    """``shibai new 园区 --out ~\\桌面\\园区申报表.xlsx`` in Windows PowerShell (which passes “~” on to a program as
    typed), or a quoted "~/…" anywhere: the blank form went into a new folder called “~” in the current folder, and
    ``check ~/…`` said 找不到文件. “~” is the user's home folder."""
    home, elsewhere = tmp_path / "home", tmp_path / "工作"
    home.mkdir()
    elsewhere.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.chdir(elsewhere)
    assert main(["new", "园区", "--out", "~/园区申报表.xlsx"]) == 0
    assert (home / "园区申报表.xlsx").is_file() and not (elsewhere / "~").exists()
    assert str(home / "园区申报表.xlsx") in capsys.readouterr().out
    assert main(["check", "~/园区申报表.xlsx", "--json"]) == 0
    assert '"type": "park"' in capsys.readouterr().out


@pytest.mark.parametrize("pad", [("", " "), (" ", ""), ("", "\u3000"), ("", "\t")])
def test_a_space_pasted_with_a_name_that_names_nothing_is_no_part_of_it(pad, make_workbook, tmp_path, capsys):
    """``shibai check "申报表.xlsx "`` (a name copied with the space after it, a cmd script's ``set F=申报表.xlsx ``
    with its trailing space) said 找不到文件：申报表.xlsx  — the space unseen, the file there. Where only the name
    without the spaces around it exists, that is the file or folder meant (a name that exists is taken as it is)."""
    form = make_workbook("enterprise")
    before, after = pad
    capsys.readouterr()
    assert main(["check", f"{before}{form}{after}", "--json"]) == 0, capsys.readouterr().err
    assert '"type": "enterprise"' in capsys.readouterr().out
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", f"{before}{form.parent}{after}"]) == 0
    assert "新增 1 行" in capsys.readouterr().out


@pytest.mark.parametrize("quotes", ["“”", "‘’", "「」"])
def test_a_name_in_chinese_quotes_pasted_from_an_instruction_is_the_name(quotes, make_workbook, capsys):
    """``shibai check “申报表.xlsx”`` (the command copied from a notice in Word or a chat, its quotes Chinese; cmd
    and the shells keep them): 找不到文件：“申报表.xlsx” — read as the message quoting the name, which exists. Where
    only the name inside the quotes exists, it is the file meant."""
    form = make_workbook("team")
    capsys.readouterr()
    assert main(["check", f"{quotes[0]}{form}{quotes[1]}", "--json"]) == 0, capsys.readouterr().err
    assert '"type": "team"' in capsys.readouterr().out
