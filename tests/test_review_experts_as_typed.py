"""The panel of ``review make --experts`` as the province office types it — spaces, a file name — through the real
CLI on a real summary (``refresh`` of the example applications plus rows typed by hand)."""
from __future__ import annotations

import pytest

from shibai_xl.faces.cli import main

from .test_review import build_summary


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return build_summary(tmp_path_factory.mktemp("experts") / "汇总")


@pytest.mark.parametrize("typed", ["甲 乙 丙", "甲 李四", "张三,王 小 明"])
def test_names_a_space_cannot_tell_apart_are_refused_not_made_one_expert(summary, tmp_path, capsys, typed):
    """``--experts "甲 乙 丙"`` made one expert called “甲 乙 丙” (one workbook, exit 0), as did “甲 李四”: a space
    separates names of two characters or more and pads a two-character name (“张 三”), and these are neither — three
    names, or one spaced out? Refused, saying how to write the list; nothing written."""
    rdir = tmp_path / "评审"
    code = main(["review", "make", str(rdir), "--from", str(summary), "--experts", typed, "--round", "2024-05"])
    said = capsys.readouterr()
    assert code == 2, said
    assert "分不清" in said.err and "用逗号或顿号分隔" in said.err, said.err
    assert not rdir.exists() or not list(rdir.iterdir())


@pytest.mark.parametrize("typed", ["专家名单.txt", "专家名单.xlsx,张三"])
def test_a_file_name_given_for_the_experts_is_refused_not_made_an_expert(summary, tmp_path, capsys, typed):
    """``--experts 专家名单.txt`` (the panel kept in a file) made one expert called “专家名单.txt” and a workbook
    专家评分表-专家名单.txt.xlsx. --experts takes names, not a file: refused, saying so."""
    (tmp_path / "专家名单.txt").write_text("张三\n李四\n", "utf-8")
    rdir = tmp_path / "评审"
    code = main(["review", "make", str(rdir), "--from", str(summary), "--experts", typed, "--round", "2024-05"])
    said = capsys.readouterr()
    assert code == 2, said
    assert "像是文件名" in said.err and "直接写专家姓名" in said.err, said.err
    assert not rdir.exists() or not list(rdir.iterdir())
