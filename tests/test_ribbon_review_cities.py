"""专家评分表 in Excel and WPS gives the panel's 市（州） as ``review make --expert-cities`` does: the button asks one line
(the experts, each with his 市（州） after his name when he has one), read by the same job for both add-ins."""
from __future__ import annotations

import re
import shutil

import pytest
from openpyxl import load_workbook

from shibai_xl.faces import ribbon_actions as R
from shibai_xl.faces.cli import main
from shibai_xl.jobs import actions as A
from shibai_xl.jobs.refresh import refresh

from .test_ribbon_actions import NOW, Replay, open_remote, remote_engine  # noqa: F401 (the fixture)

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def _recused(book) -> set[str]:
    """The projects an expert's 评分表 marks 回避."""
    ws = load_workbook(book)["评分表"]
    cols = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    return {ws.cell(r, cols["项目编号"]).value for r in range(5, ws.max_row + 1)
            if ws.cell(r, cols["回避"]).value == "回避"}


@pytest.fixture
def summary(tmp_path, demo_folder):
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    path = tmp_path / "项目汇总表.xlsx"
    refresh(path, tmp_path / "申报表", city="贵阳市", now=NOW)
    return path


@pytest.mark.parametrize("typed", ["甲=贵阳市、乙=遵义市、丙", "甲（贵阳）,乙：遵义市,丙", "甲 = 贵阳市，乙=遵义 ，丙",
                                   "甲=贵阳市 乙=遵义市 丙", "甲（贵阳市） 乙：遵义市 丙"])
def test_the_button_takes_the_experts_cities_as_the_command_line_does(summary, tmp_path, monkeypatch, typed):
    """The button asked the names only: a 贵阳市 expert was issued 贵阳市's projects to score, no 回避 — the one
    input for it was the CLI's --expert-cities. Typed after each name, the cities recuse as the CLI's do (the
    experts separated by spaces too: “甲=贵阳市 乙=遵义市 丙” was refused, “乙” said to be on no panel)."""
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": typed if "专家" in prompt else default)
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    said = Replay(book).alerts[-1]
    assert "为 3 位专家生成评分表" in said, said
    folder = tmp_path / R.REVIEW_FOLDER
    assert sorted(p.name for p in folder.glob("专家评分表-*.xlsx")) == [
        "专家评分表-丙.xlsx", "专家评分表-乙.xlsx", "专家评分表-甲.xlsx"]
    cli = tmp_path / "命令行"
    assert main(["review", "make", str(cli), "--from", str(summary), "--experts", "甲,乙,丙",
                 "--expert-cities", "甲=贵阳市,乙=遵义市"]) in (0, 1)
    for e in "甲乙丙":
        assert _recused(folder / f"专家评分表-{e}.xlsx") == _recused(cli / f"专家评分表-{e}.xlsx"), e
    assert _recused(folder / "专家评分表-甲.xlsx") and not _recused(folder / "专家评分表-丙.xlsx")


def test_a_city_not_read_is_refused_and_nothing_made(summary, tmp_path, monkeypatch):
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": "甲=贵洋市,乙" if "专家" in prompt else default)
    book = open_remote(summary)
    R.dispatch("sb_review_make", book)
    said = Replay(book).alerts[-1]
    assert "甲" in said and "贵洋市" in said and "无法识别" in said and "--expert-cities" not in said, said
    assert not (tmp_path / R.REVIEW_FOLDER).exists()


def test_excel_and_wps_ask_the_same_line():
    """The WPS add-in asks the experts itself (before saving the workbook); its prompt is the job's, cities and all."""
    js = (ROOT / "workbooks" / "wps" / "shibai_0.1.0" / "js" / "shibai.js").read_text("utf-8")
    asked = re.search(r'var experts = ask\("([^"]+)"\)', js).group(1)
    assert asked == A.EXPERTS_PROMPT and "市（州）" in asked
