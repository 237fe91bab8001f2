"""Files as people really send them (issue 12): .xls/.ods saves, lost defined names, a separate 附件3."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from .helpers import assert_no_traceback, check_json, codes, make_app, residents_for, run, sha, soffice_convert


def _summary(obj):
    return obj["eligible"], obj["score"]["auto"], sorted(c for c in codes(obj) if c != "FILE_LABELS")


@pytest.fixture(scope="module")
def saved_as(tmp_path_factory):
    """One park and one enterprise, each also saved as .xls and .ods by LibreOffice."""
    tmp = tmp_path_factory.mktemp("saved-as")
    src = tmp / "src"
    src.mkdir()
    park = make_app(src, "park", name="园区.xlsx", sb_staff_50="否")      # the list (120 staff) decides 2.4.1
    ent = make_app(src, "enterprise", name="企业.xlsx", sb_online_retail="1,200万元")
    xls = soffice_convert([park, ent], "xls", tmp / "xls")
    ods = soffice_convert([park, ent], "ods", tmp / "ods")
    return {"xlsx": [park, ent], "xls": xls, "ods": ods}


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_saved_as_old_formats_give_the_same_result(saved_as, fmt):
    rc, objs, err = check_json(*saved_as["xlsx"])
    assert rc == 0, err
    hashes = [sha(p) for p in saved_as[fmt]]
    rc2, objs2, err2 = check_json(*saved_as[fmt])
    assert rc2 == 0, err2
    for a, b in zip(objs, objs2, strict=True):
        assert "error" not in b, b
        assert _summary(a) == _summary(b), (a["file"], _summary(a), _summary(b))
    assert [sha(p) for p in saved_as[fmt]] == hashes


def test_check_write_into_xls_is_refused_with_advice(saved_as):
    p = saved_as["xls"][0]
    before = sha(p)
    proc = run("check", p, "--write")
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert "xlsx" in proc.stderr.lower() and "另存为" in proc.stderr
    assert sha(p) == before


def test_refresh_reads_xls_and_ods_applications(saved_as, tmp_path):
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(saved_as["xls"][0], folder / "园区.xls")
    shutil.copy(saved_as["ods"][1], folder / "企业.ods")
    summary = tmp_path / "汇总.xlsx"
    p = run("refresh", summary, "--from", folder)
    assert p.returncode == 0, p.stderr
    wb = load_workbook(summary)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    vals = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [v for row in vals for v in row]
    assert "都匀毛尖电子商务产业园" in flat and "贵州都匀茶香电子商务有限公司" in flat
    assert 36000 in flat and 1200 in flat


def _strip_names(src: Path, dst: Path) -> Path:
    wb = load_workbook(src)
    for n in list(wb.defined_names):
        del wb.defined_names[n]
    for ws in wb.worksheets:
        for t in list(ws.tables):
            del ws.tables[t]
    wb.save(dst)
    return dst


def test_lost_defined_names_are_read_by_labels(tmp_path):
    for kind in ("team", "enterprise", "base"):
        good = make_app(tmp_path, kind, name=f"{kind}.xlsx")
        lost = _strip_names(good, tmp_path / f"{kind}-无名称.xlsx")
        rc, objs, err = check_json(good, lost)
        assert rc == 0, err
        a, b = objs
        assert "FILE_LABELS" in codes(b), codes(b)
        assert b["type"] == kind and b["name"] == a["name"]
        assert (b["eligible"], b["score"]["auto"]) == (a["eligible"], a["score"]["auto"]), \
            (kind, [(f["code"], f["message"][:100]) for f in b["findings"]])


def test_resident_list_in_a_separate_workbook(tmp_path):
    folder = tmp_path / "apps"
    folder.mkdir()
    app = make_app(folder, "park", name="都匀毛尖电子商务产业园申报表.xlsx", residents=[])
    wb = Workbook()
    ws = wb.active
    ws.append(["贵州省电商示范园区/直播示范基地入驻电商企业名单"])
    ws.append(["填报园区/基地：都匀毛尖电子商务产业园"])
    header = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
              "(2023年1月-2023年12月)年度网络交易额（万元）", "(2023年1月-2023年12月)年度网络零售额（万元）", "备注"]
    ws.append(header)
    rows = residents_for("park")
    for r in rows:
        ws.append([r["序号"], r["企业名称"], r["联系人"], r["联系方式"], r["企业网址"], r["所属行业（类型）"],
                   r["从业人数"], str(r["年度网络交易额（万元）"]), r["年度网络零售额（万元）"], r["备注"]])
    ws.append(["合计", None, None, None, None, None, 120, 36000, 3600, None])
    wb.save(folder / "都匀毛尖电子商务产业园入驻企业名单.xlsx")
    rc, obj, err = check_json(app)
    assert rc == 0, err
    assert obj["eligible"] is True, [(f["code"], f["message"][:120]) for f in obj["findings"]]
    assert "ELIG_EVIDENCE" not in codes(obj)
    assert "XC_RESIDENT_COUNT" not in codes(obj), "the 合计 row is not a company"
    summary = tmp_path / "汇总.xlsx"
    p = run("refresh", summary, "--from", folder)
    assert p.returncode == 0, p.stderr     # the list file is not an unreadable 'not an application'
    wb = load_workbook(summary)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    flat = [c.value for row in ws.iter_rows() for c in row]
    assert "达标" in flat and "待定" not in flat
