"""汇总专家评分 clicked in the round's 评审安排 workbook (opened in the 专家评审 folder to see who scores what): the
button is given the folder the plan lies in, as it is for an expert's 评分表 there."""
from __future__ import annotations

import shutil

import xlwings as xw

from shibai_xl.faces import ribbon_actions as R
from shibai_xl.jobs.refresh import refresh

from .test_ribbon_actions import NOW, Replay, open_remote, payload, remote_engine  # noqa: F401 (the fixture)


def _round(tmp_path, demo_folder, monkeypatch):
    shutil.copytree(demo_folder / "申报表", tmp_path / "申报表")
    summary = tmp_path / "项目汇总表.xlsx"
    refresh(summary, tmp_path / "申报表", city="贵阳市", now=NOW)
    monkeypatch.setattr(R.Context, "ask", lambda self, prompt, default="": default or "甲,乙")
    R.dispatch("sb_review_make", open_remote(summary))
    return tmp_path / R.REVIEW_FOLDER / "评审安排.xlsx"


def test_collect_clicked_in_the_review_plan_collects_its_round(tmp_path, demo_folder, monkeypatch):
    """It said “找不到评审文件夹 …/专家评审/专家评审。请先点“专家评分表”生成专家评分工作簿” — the workbooks were made,
    and the advice would make them again."""
    plan = _round(tmp_path, demo_folder, monkeypatch)
    book = open_remote(plan)
    R.dispatch("sb_review_collect", book)
    said = Replay(book).alerts[-1]
    assert said.startswith("评审结果：") and "找不到评审文件夹" not in said, said
    assert (tmp_path / "专家评审结果.xlsx").is_file()
    assert not Replay(book).written


def test_collect_clicked_in_a_review_plan_with_unsaved_edits_asks_to_save(tmp_path, demo_folder, monkeypatch):
    """collect reads the plan's saved file (who scores what): an edit not saved would be left out without a word."""
    plan = _round(tmp_path, demo_folder, monkeypatch)
    data = payload(plan, name=str(plan))
    values = data["sheets"][0]["values"]
    row = next(i for i, r in enumerate(values) if any(isinstance(v, str) and v.strip() for v in r) and i > 2)
    col = next(j for j, v in enumerate(values[row]) if isinstance(v, str) and v.strip())
    values[row][col] = values[row][col] + "（改）"
    book = xw.Book(json=data)
    R.dispatch("sb_review_collect", book)
    said = Replay(book).alerts[-1]
    assert "未保存的修改" in said and "请先保存" in said, said
    assert not (tmp_path / "专家评审结果.xlsx").exists()


def test_collect_clicked_in_an_application_or_a_blank_workbook_says_where_to_click(tmp_path, demo_folder, make_workbook):
    """汇总专家评分 in a workbook that is no summary, no expert's 评分表 and no 评审安排, with no 专家评审 folder beside
    it: an information box said “找不到评审文件夹 …。请先点“专家评分表”生成” — which in that workbook is refused as not a
    summary. It is refused (a critical box) saying which workbooks the button is for; nothing is written."""
    from openpyxl import Workbook

    form = make_workbook("park")
    blank = tmp_path / "工作簿1.xlsx"
    Workbook().save(blank)
    for path, kind in ((form, "是申报表，"), (blank, "")):
        before = sorted(p.name for p in path.parent.iterdir())
        book = open_remote(path)
        R.dispatch("sb_review_collect", book)
        said = Replay(book).alerts[-1]
        assert said.startswith(f"当前工作簿{kind}不是项目汇总表") and "专家评分表" in said, said
        assert "请先点“专家评分表”" not in said, said
        assert [a["args"][3] for a in book.json()["actions"] if a["func"] == "alert"] == ["critical"]
        assert sorted(p.name for p in path.parent.iterdir()) == before and not Replay(book).written
