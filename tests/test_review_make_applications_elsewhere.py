"""``review make`` from a summary refreshed ``--from`` a folder that is not beside it: the suggested scores were all
blank and the report said only “7 个项目未找到或无法读取申报表（建议分留空）”, not where the applications were looked
for nor where to put them. It names the 来源文件 not found, the folder looked in and what to do."""
from __future__ import annotations

import shutil

from shibai_xl.jobs import review
from shibai_xl.jobs.refresh import refresh

from .filled_cache import example_files
from .test_review import NOW


def test_applications_not_beside_the_summary_are_said_where_to_put(tmp_path):
    example_files(tmp_path / "收件")
    summary = tmp_path / "省厅" / "全省.xlsx"
    summary.parent.mkdir()
    refresh(summary, tmp_path / "收件" / "申报表", batch="2024-05", now=NOW)
    said = review.make(tmp_path / "第一轮", summary, ["甲", "乙"], round_id="2024-05", now=NOW).describe()
    assert "0 个项目取自申报表" in said, said
    assert "在汇总表所在的文件夹“省厅”及其“申报表”子文件夹中都没有找到" in said, said
    assert "“示范园区-贵阳黔货出山电子商务产业园.xlsx”" in said, said
    assert "放进汇总表旁的“申报表”文件夹" in said, said
    shutil.move(tmp_path / "收件" / "申报表", summary.parent / "申报表")   # as told
    said = review.make(tmp_path / "第二次", summary, ["甲", "乙"], round_id="2024-05", now=NOW).describe()
    assert "未找到或无法读取申报表" not in said and "都没有找到" not in said, said
