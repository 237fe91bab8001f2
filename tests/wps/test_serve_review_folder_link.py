"""专家评分表 / 汇总专家评分 from the add-in write and read the round's folder beside the summary, “专家评审”: a link
there to a place outside the summary's folder (unpacked from an applicant's archive kept beside the summary) is
refused, not followed — no path is taken from that folder."""
from __future__ import annotations

import os

from shibai_xl.jobs.actions import REVIEW_FOLDER
from shibai_xl.jobs.new_workbook import new_workbook
from shibai_xl.jobs.refresh import refresh


def _summary(tmp_path, demo_folder):
    summary = tmp_path / "汇总表.xlsx"
    new_workbook("summary", summary)
    refresh(summary, demo_folder / "申报表", city="贵阳市")
    return summary


def test_a_review_folder_linked_outside_is_refused_and_nothing_written_there(service, tmp_path, demo_folder):
    summary = _summary(tmp_path, demo_folder)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, tmp_path / REVIEW_FOLDER)
    for control, body in (("sb_review_make", {"experts": "甲,乙,丙"}), ("sb_review_collect", {})):
        status, _, data = service.call("POST", "/api/action/" + control, {"path": str(summary), **body})
        assert status == 422 and "链接" in data["error"] and str(elsewhere) in data["error"], (control, data)
        assert "移出" in data["error"]
    assert list(elsewhere.iterdir()) == []


def test_a_review_folder_linked_within_the_summarys_folder_is_used(service, tmp_path, demo_folder):
    summary = _summary(tmp_path, demo_folder)
    (tmp_path / "2024评审").mkdir()
    os.symlink(tmp_path / "2024评审", tmp_path / REVIEW_FOLDER)
    status, _, data = service.call("POST", "/api/action/sb_review_make", {"path": str(summary), "experts": "甲,乙"})
    assert status == 200 and "专家评分表-甲.xlsx" in data["message"], data
    assert (tmp_path / "2024评审" / "专家评分表-甲.xlsx").is_file()
