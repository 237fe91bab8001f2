"""The add-in when the person closes the workbook while a button waits for ``shibai serve`` (the button returns at
once and WPS stays free): said in Chinese, nothing written, and what the service made elsewhere still said."""
from __future__ import annotations

from shibai_xl.jobs.actions import REVIEW_FOLDER
from shibai_xl.jobs.new_workbook import new_workbook

from .conftest import fake_book, needs_node, run_js

pytestmark = needs_node


def test_a_workbook_closed_while_its_check_runs_is_said_not_a_silent_click(service, flawed_park, tmp_path):
    """The answer's edits were for a workbook no longer open: reading it failed inside the answer's callback, so the
    clerk saw nothing at all — no message, no marks, the status bar back as if the click had gone nowhere. Now the
    add-in says it was closed and that nothing was written."""
    clicked = run_js(tmp_path, {**fake_book(flawed_park), "during": [{"close": True}]}, "sb_check", service)
    said = clicked["alerts"][-1]
    assert "已关闭" in said and "没有写入" in said and flawed_park.name in said and "重新打开" in said, said
    assert "只改了一部分" not in said and "有了改动" not in said
    assert clicked["error"] == said and clicked["status_bar"][-1] is False
    [closed] = clicked["closed"]
    assert not any(s["written"] for s in closed["sheets"])


def test_new_forms_made_while_the_workbook_was_closed_are_said_not_called_a_failed_write(service, make_workbook,
                                                                                         tmp_path, rules):
    """新建申报表 from a saved workbook makes blank forms beside it and writes nothing into it: with the workbook
    closed meanwhile, its answer was called a failed write (“写入工作簿时出错……工作簿可能只改了一部分，请不要保存”) and
    where the forms were made was never said."""
    path = make_workbook("team", name="团队.xlsx")
    clicked = run_js(tmp_path, {**fake_book(path), "during": [{"close": True}]}, "sb_new", service)
    said = clicked["alerts"][-1]
    assert clicked["error"] is None and "写入工作簿时出错" not in said, said
    made = tmp_path / f"{rules.types['team'].form_title}（空白）.xlsx"
    assert made.is_file() and str(made) in said and clicked["opened"] == [str(made)], said


def test_a_summary_closed_while_the_round_is_asked_is_said_and_nothing_made(service, tmp_path, demo_folder):
    """专家评分表 asks the experts, then sends the summary: closed by then, the add-in said “读取工作簿时出错：…
    请保存工作簿后重试”, advice that cannot help."""
    from shibai_xl.jobs.refresh import refresh

    summary = tmp_path / "汇总表.xlsx"
    new_workbook("summary", summary)
    refresh(summary, demo_folder / "申报表", city="贵阳市")
    clicked = run_js(tmp_path, {**fake_book(summary), "during": [{"close": True}]}, "sb_review_make", service,
                     answer="甲,乙,丙")
    said = clicked["alerts"][-1]
    assert "“汇总表.xlsx”已关闭" in said and "没有处理" in said and "读取工作簿时出错" not in said, said
    assert clicked["error"] == said and not (tmp_path / REVIEW_FOLDER).exists()
