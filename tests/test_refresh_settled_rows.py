"""A refresh of a summary nobody touched since the last refresh wrote it leaves the rows it finds as it wrote them
(``summary_apply._RowUpdate._settled_mark``): the one changed application of a thousand is written, the others are
not read again cell by cell. Whatever happens between two refreshes, the summary it writes is the one a refresh that
applies every row writes: here each refresh runs both ways (the rest of the suite runs each settled row through the
whole update as well, SHIBAI_VERIFY_SETTLED) and the tables and the state must be equal."""
from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Font

from shibai_xl.adapters.xlsx.summary_state import read_state
from shibai_xl.jobs.refresh import _load_cache, cache_path, refresh
from tests.conftest import example
from tests.test_refresh import by_name, rows

PARK, BASE, ENTERPRISE = "贵阳黔货出山电子商务产业园", "遵义红色之旅直播电商基地", "贵州山珍优品电子商务有限公司"
TEAM = "安顺黔味直播团队（安顺黔味文化传媒有限公司）"


@pytest.fixture
def apps(tmp_path, make_workbook, monkeypatch):
    monkeypatch.delenv("SHIBAI_VERIFY_SETTLED")   # settled rows left as they are, as a user's refresh leaves them
    folder = tmp_path / "申报表"
    folder.mkdir()
    for t in ("park", "base", "enterprise", "team"):
        shutil.move(make_workbook(t), folder / f"{t}.xlsx")
    return folder


def _retail(path, value) -> None:
    """The applicant changes a figure of their form (another file's bytes: read again at the next refresh)."""
    wb = load_workbook(path)
    sheet, ref = next(iter(wb.defined_names["sb_online_retail"].destinations))
    wb[sheet][ref.replace("$", "")] = value
    wb.save(path)


def _both_ways(summary, folder, when, **options):
    """Refresh ``summary`` and a copy of it without its cache (no row settled: each applied), as they are now."""
    twin = summary.with_name("对照汇总表.xlsx")
    shutil.copy(summary, twin)
    cache_path(twin).unlink(missing_ok=True)
    mine, theirs = refresh(summary, folder, now=when, **options), refresh(twin, folder, now=when, **options)
    assert theirs.update.left == 0
    assert rows(summary) == rows(twin)
    assert read_state(load_workbook(summary)) == read_state(load_workbook(twin))
    assert (mine.update.unchanged, mine.update.updated, mine.update.mismatches, mine.update.notes) == \
        (theirs.update.unchanged, theirs.update.updated, theirs.update.mismatches, theirs.update.notes)
    return mine


def _settled(summary) -> set[str]:
    """The rows the last refresh left with nothing to say again (their marks are kept in its cache)."""
    return set(_load_cache(cache_path(summary)).get("summary_settled") or {})


def test_rows_left_as_written_are_settled_and_every_refresh_writes_what_applying_each_row_writes(tmp_path, apps):
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, batch="2024-05", now=datetime(2024, 5, 10, 9))
    assert len(_settled(summary)) == 4        # written, with nothing to say again (the batch given is said once)
    _retail(apps / "enterprise.xlsx", 4321)   # one changed file: the three others are left as they are
    assert _both_ways(summary, apps, datetime(2024, 5, 11, 9), batch="2024-05").update.left == 3
    assert len(_settled(summary)) == 4
    _retail(apps / "enterprise.xlsx", 4322)
    report = _both_ways(summary, apps, datetime(2024, 5, 12, 9), batch="2024-05")
    assert (report.update.updated, report.update.unchanged) == (1, 3)
    assert by_name(summary)[ENTERPRISE]["更新时间"] == "2024-05-12 09:00"
    assert by_name(summary)[PARK]["更新时间"] != "2024-05-12 09:00"

    # the park's form saved again beside itself: a settled row whose file did not change says its second version
    shutil.copy(apps / "park.xlsx", apps / "park（修改后）.xlsx")
    _retail(apps / "park（修改后）.xlsx", 777)
    _both_ways(summary, apps, datetime(2024, 5, 13, 9), batch="2024-05")
    assert "版本" in by_name(summary)[PARK]["问题"]


def test_a_clerks_edit_or_another_applicant_of_the_same_company_reaches_a_settled_row(tmp_path, apps, make_workbook):
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, batch="2024-05", now=datetime(2024, 5, 10, 9))
    for k, when in ((4321, 11), (4322, 12)):
        _retail(apps / "enterprise.xlsx", k)
        _both_ways(summary, apps, datetime(2024, 5, when, 9), batch="2024-05")
    assert len(_settled(summary)) == 4

    # the clerk corrects the base's 年度交易额 in the summary: the summary is no longer as written, every row is read
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3] if c.value}
    ws.cell(by_name(summary)[BASE]["_row"], header["年度交易额（万元）"]).value = 1.5
    wb.save(summary)
    _retail(apps / "enterprise.xlsx", 4323)
    report = _both_ways(summary, apps, datetime(2024, 5, 14, 9), batch="2024-05")
    assert report.update.mismatches == 1 and by_name(summary)[BASE]["年度交易额（万元）"] == 1.5
    assert report.update.left == 0
    assert "XC_SUMMARY_MISMATCH" in by_name(summary)[BASE]["问题"]
    assert len(_settled(summary)) == 3      # the base's kept value is said again at every refresh: never settled

    # the clerk strikes the team's name through (a withdrawal by hand, no value changed): the summary is no longer as
    # written, so the team's row is read again and withdrawn
    for k, when in ((4324, 15), (4325, 16)):
        _retail(apps / "enterprise.xlsx", k)
        _both_ways(summary, apps, datetime(2024, 5, when, 9), batch="2024-05")
    wb = load_workbook(summary)
    wb["项目汇总表"].cell(by_name(summary)[TEAM]["_row"], header["企业名称"]).font = Font(strike=True)
    wb.save(summary)
    _retail(apps / "enterprise.xlsx", 4326)
    assert _both_ways(summary, apps, datetime(2024, 5, 17, 9), batch="2024-05").update.left == 0
    assert by_name(summary)[TEAM]["状态"] == "已撤回"

    # a second application of the park's operating company arrives (another file): the park's row, its file as it
    # was, names the other application (XC_CROSS_APP) — its findings are part of what settles it
    other = make_workbook("enterprise", example("enterprise", sb_name="贵州黔货出山园区运营管理有限公司",
                                                sb_uscc=example("park")["sb_uscc"]))
    shutil.move(other, apps / "同一公司另一申报.xlsx")
    _both_ways(summary, apps, datetime(2024, 5, 18, 9), batch="2024-05")
    assert "XC_CROSS_APP" in by_name(summary)[PARK]["问题"]

    # the next round's refresh: every row is compared with the new batch
    _both_ways(summary, apps, datetime(2024, 8, 1, 9), batch="2024-08")
