"""Two 评审安排 files in a round's folder, as clerks leave them: a copy of the one arrangement (评审安排 - 副本.xlsx,
a backup kept before adding an expert, the file downloaded twice) and an earlier arrangement kept beside the one
``review make`` wrote again. Real rounds (``review make``, books scored with openpyxl), the real ``review collect``."""
from __future__ import annotations

import shutil

import pytest

from shibai_xl.faces.cli import main
from shibai_xl.jobs import review

from .test_review import NOW, results, scored_round, sheet_values


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    base = tmp_path_factory.mktemp("plans")
    rdir = scored_round(base)
    out = base / "评审结果.xlsx"
    code = main(["review", "collect", str(rdir), "--out", str(out)])
    return rdir, out, code


@pytest.mark.parametrize("copy", ["评审安排 - 副本.xlsx", "评审安排(1).xlsx"])
def test_a_copy_of_the_review_plan_is_the_one_arrangement(issued, tmp_path, capsys, copy):
    """The clerk kept a copy of 评审安排.xlsx in the folder: collect stopped, exit 2, “有多个评审安排文件…请只保留本轮的
    一个” — nothing written though both say the same. Copies of one arrangement are one: collected as before, the
    copy said once (terminal and 评审说明)."""
    rdir, want, code = issued
    d = tmp_path / "第一轮"
    shutil.copytree(rdir, d)
    shutil.copy(d / "评审安排.xlsx", d / copy)
    capsys.readouterr()
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(d), "--out", str(out)]) == code
    said = capsys.readouterr().out.replace("\n", "")
    assert f"“{copy}”：与“评审安排.xlsx”是同一份评审安排" in said and "只读取一次" in said, said
    assert results(out) == results(want)
    notes = " ".join(str(v) for row in sheet_values(out, "评审说明") for v in row if v)
    assert copy in notes and "同一份评审安排" in notes, notes


def test_an_earlier_review_plan_left_beside_the_one_made_again_is_named_to_be_moved(issued, tmp_path, capsys):
    """The clerk kept the 评审安排 of 甲乙丙 as 评审安排-旧.xlsx and added 丁 (make run again, 评审安排.xlsx now lists
    four experts): the refusal said only “请只保留本轮的一个”. It now says what each one lists and which to keep:
    the one of this round listing every expert of the other."""
    rdir, _want, _code = issued
    d = tmp_path / "第一轮"
    shutil.copytree(rdir, d)
    shutil.copy(d / "评审安排.xlsx", d / "评审安排-旧.xlsx")
    summary = rdir.parent / "汇总" / "项目汇总表.xlsx"
    review.make(d, summary, ["甲", "乙", "丙", "丁"], expert_cities="甲=贵阳市,乙=遵义", round_id="2024-05", now=NOW)
    capsys.readouterr()
    assert main(["review", "collect", str(d), "--out", str(tmp_path / "评审结果.xlsx")]) == 2
    said = capsys.readouterr().err.replace("\n", "")
    assert "“评审安排.xlsx”（评审轮次 2024-05，专家甲、乙、丙、丁）" in said, said
    assert "“评审安排-旧.xlsx”（评审轮次 2024-05，专家甲、乙、丙）" in said, said
    assert "请保留“评审安排.xlsx”" in said and "“评审安排-旧.xlsx”移出评审文件夹" in said, said
