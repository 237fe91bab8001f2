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
