"""The refresh cache lies in a folder other people fill: a cache this user's tool did not write is never
trusted — a hand-edited one cannot put a verdict into the summary (QA round 7, WPS add-in review)."""
from __future__ import annotations

import json

from openpyxl import load_workbook

from shibai_xl.adapters.signed_cache import HEADER, read_signed, write_signed
from shibai_xl.jobs.refresh import cache_path, refresh


def _apps(tmp_path, make_workbook):
    folder = tmp_path / "申报表"
    folder.mkdir()
    for kind in ("enterprise", "team"):
        path = make_workbook(kind)
        path.rename(folder / path.name)
    return folder


def _statuses(summary):
    ws = load_workbook(summary)["项目汇总表"]
    cols = {c.value: c.column for c in ws[3]}
    return [ws.cell(r, cols["前置条件"]).value for r in range(4, ws.max_row + 1) if ws.cell(r, cols["企业名称"]).value]


def test_a_hand_edited_cache_is_not_trusted(tmp_path, make_workbook):
    folder = _apps(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    cache = cache_path(summary)
    head, _, payload = cache.read_bytes().partition(b"\n")
    assert head.startswith(HEADER)
    data = json.loads(payload)
    for entry in data["files"].values():
        entry["record"]["status"] = "伪造"
    cache.write_bytes(head + b"\n" + json.dumps(data, ensure_ascii=False).encode())   # the old signature kept
    report = refresh(summary, folder)
    assert report.read == 2 and report.cached == 0
    assert "伪造" not in _statuses(summary) and set(_statuses(summary)) == {"达标"}


def test_an_unsigned_cache_from_elsewhere_reads_as_no_cache(tmp_path, make_workbook):
    folder = _apps(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    payload = read_signed(cache_path(summary))
    cache_path(summary).write_bytes(payload)                      # what an older version or a person wrote
    assert read_signed(cache_path(summary)) is None
    report = refresh(summary, folder)
    assert report.read == 2 and report.cached == 0
    assert read_signed(cache_path(summary)) is not None          # signed again for the next refresh
    assert refresh(summary, folder).cached == 2


def test_an_entry_this_version_cannot_read_is_read_again(tmp_path, make_workbook):
    folder = _apps(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    data = json.loads(read_signed(cache_path(summary)))
    first = next(iter(data["files"].values()))
    first["record"]["unknown_field"] = 1
    write_signed(cache_path(summary), json.dumps(data, ensure_ascii=False).encode())
    report = refresh(summary, folder)
    assert report.read == 1 and report.cached == 1
