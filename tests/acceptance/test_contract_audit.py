"""QA round 7: CONTRACT.md promises that no other test held the code to, run through the real CLI.

§4  the key order of the `check --json` object as CONTRACT prints it, for one file and for a folder;
    exit 0 whether or not the application passes.
§5  every finding code of the table is produced by `shibai check --json` (or, for the cross-application
    codes, by `shibai refresh` into the 问题 column) on a real workbook filled as a person would.
§3  the columns the tool adds to sb_summary: 前置条件 / 自动评分 / 问题 / 来源文件 and their values; a park's
    亿元 in 万元.
§5b the columns of sb_expert_scores (one row per project and 附件5 item) and of sb_review.
§2  percentages: a %-formatted 0.5 and a plain 50 are the same 50%.
§4  merge: a province file open elsewhere, no write permission, a full disk are exit 2 with a message.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from tests.conftest import unprivileged

from .helpers import SHIBAI, assert_no_traceback, check_json, make_app, residents_for, run, uscc, wrong_check_digit
from .test_check_cli_contract import CONTRACT_CODES, assert_contract_object
from .test_refresh import table_rows

TOP_KEYS = ["file", "type", "name", "eligible", "score", "findings"]
SCORE_KEYS = ["auto", "max", "items"]
ITEM_KEYS = ["id", "label", "max", "auto", "reason"]
FINDING_KEYS = ["code", "severity", "message", "sheet", "cell"]


def assert_contract_order(obj: dict) -> None:
    assert list(obj) == TOP_KEYS, list(obj)
    assert list(obj["score"]) == SCORE_KEYS, list(obj["score"])
    for it in obj["score"]["items"]:
        assert list(it) == ITEM_KEYS, list(it)
    for f in obj["findings"]:
        assert list(f) == FINDING_KEYS, list(f)


# ------------------------------------------------------------------ §4 key order
def test_check_json_keys_in_contract_order_single_and_folder(tmp_path):
    folder = tmp_path / "申报表"
    folder.mkdir()
    # flawed so that findings (with sheet and cell) exist in every object
    for kind in ("park", "base", "enterprise"):
        make_app(folder, kind, name=f"{kind}.xlsx", sb_leader_mobile="12345")
    make_app(folder, "team", name="team.xlsx", sb_live_sales=400)       # 不达标: still exit 0
    rc, obj, err = check_json(folder / "park.xlsx")
    assert rc == 0, err
    assert obj["findings"], obj
    assert_contract_object(obj)
    assert_contract_order(obj)
    rc, arr, err = check_json(folder)
    assert rc == 0, err
    assert isinstance(arr, list) and len(arr) == 4
    assert {o["eligible"] for o in arr} == {True, False}
    for o in arr:
        assert_contract_object(o)
        assert_contract_order(o)
    # several files named on the command line: the same array
    rc, arr2, err = check_json(folder / "team.xlsx", folder / "park.xlsx")
    assert rc == 0, err
    assert [o["type"] for o in arr2] == ["team", "park"]
    for o in arr2:
        assert_contract_order(o)


# ------------------------------------------------------------------ §5 every code, produced by `check --json`
def _dup(kind):
    rows = residents_for(kind)
    rows.append(dict(rows[0]))
    rows[-1]["序号"] = len(rows)
    rows[-1]["年度网络交易额（万元）"] = 0
    rows[-1]["年度网络零售额（万元）"] = 0
    return rows


def _retail_above_trade(kind):
    rows = residents_for(kind)
    rows[0]["年度网络零售额（万元）"], rows[0]["年度网络交易额（万元）"] = (rows[0]["年度网络交易额（万元）"],
                                                          rows[0]["年度网络零售额（万元）"])
    return rows


# code -> (type, changes to the good application, residents or "default", expected eligible or ... for "any")
CASES = {
    "ELIG_AGE": ("team", {"sb_established": date(2023, 12, 1)}, "default", False),
    "ELIG_TRADE": ("enterprise", {"sb_trade_total": 800}, "default", False),
    "ELIG_RETAIL": ("enterprise", {"sb_online_retail": 80}, "default", False),
    "ELIG_LIVE_SALES": ("team", {"sb_live_sales": 400}, "default", False),
    "ELIG_REGION": ("team", {"sb_uscc": uscc("91", "110105", "MA01AB2C3")}, "default", False),
    "ELIG_CREDIT": ("team", {"sb_credit_ok": "否"}, "default", False),
    "ELIG_MISSING": ("team", {"sb_live_sales": None}, "default", None),
    "ELIG_ENTITY": ("enterprise", {"sb_uscc": uscc("92", "522701", "MA6GET001")}, "default", False),
    "ELIG_MATERIALS": ("team", {"sb_mat_license": "否"}, "default", False),
    # README: the list only names the resident e-commerce companies, so it makes the verdict 待定, not 不达标
    "ELIG_EVIDENCE": ("park", {}, lambda: residents_for("park", retail_total=1000), None),
    "FIELD_REQUIRED": ("team", {"sb_leader_name": None}, "default", ...),
    "FIELD_USCC": ("team", {"sb_uscc": wrong_check_digit(uscc("91", "522701", "MA6DUY004"))}, "default", ...),
    "FIELD_AMOUNT": ("enterprise", {"sb_online_retail": "约五百万"}, "default", ...),
    "FIELD_PERIOD": ("team", {"sb_period_end": date(2023, 6, 1)}, "default", ...),
    "FIELD_MOBILE": ("team", {"sb_leader_mobile": "12345"}, "default", ...),
    "FIELD_TEXT_SHORT": ("team", {"sb_performance": "业绩良好。"}, "default", ...),
    "XC_RESIDENT_COUNT": ("park", {"sb_resident_count": 20}, "default", ...),
    "XC_RESIDENT_TRADE": ("park", {}, lambda: residents_for("park", trade_total=30500), ...),
    "XC_RESIDENT_RETAIL": ("park", {}, lambda: residents_for("park", retail_total=3300), ...),
    "XC_RESIDENT_STAFF": ("park", {"sb_staff_50": "是"}, lambda: residents_for("park", staff_each=2), ...),
    "XC_RESIDENT_DUP": ("park", {"sb_resident_count": 13}, lambda: _dup("park"), ...),
    "XC_RESIDENT_ROW": ("base", {}, lambda: _retail_above_trade("base"), ...),
    "RULE_GAP": ("park", {"sb_crossborder_usd": 500000}, "default", ...),
}
assert set(CASES) | {"XC_CROSS_APP", "XC_SUMMARY_MISMATCH"} == CONTRACT_CODES


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_contract_code_comes_out_of_check_json(tmp_path, code):
    kind, changes, residents, eligible = CASES[code]
    path = make_app(tmp_path, kind, residents=residents() if callable(residents) else residents, **changes)
    p = run("check", path, "--json")
    assert_no_traceback(p)
    assert p.returncode == 0, (code, p.stderr)   # exit 0 whether or not the application passes
    obj = json.loads(p.stdout)
    assert_contract_object(obj)
    hits = [f for f in obj["findings"] if f["code"] == code]
    assert hits, (code, [(f["code"], f["message"][:60]) for f in obj["findings"]])
    if eligible is not ...:
        assert obj["eligible"] is eligible, (code, obj["eligible"], [f["code"] for f in obj["findings"]])
    if code.startswith("ELIG_") and eligible is False:
        assert any(f["severity"] == "error" for f in hits), hits


# ------------------------------------------------------------------ §3 + §5 the summary's added columns
def test_summary_added_columns_and_cross_application_codes(tmp_path):
    folder = tmp_path / "申报表"
    folder.mkdir()
    make_app(folder, "park", name="园区.xlsx")
    make_app(folder, "team", name="团队-未达标.xlsx", sb_live_sales=400, sb_leader_mobile="12345")
    make_app(folder, "team", name="团队-待定.xlsx", sb_name="贵州黔南直播传媒有限公司",
             sb_uscc=uscc("91", "522701", "MA6DUY005"), sb_live_sales=None)
    # the same company (same 信用代码) applies as an enterprise as well: XC_CROSS_APP
    make_app(folder, "enterprise", name="企业.xlsx", sb_uscc=uscc("91", "522701", "MA6DUY001"))
    summary = tmp_path / "汇总.xlsx"
    p = run("refresh", summary, "--from", folder)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    header, rows, _, _ = table_rows(summary)
    for col in ("前置条件", "自动评分", "问题", "来源文件"):
        assert col in header[13:], header
    by_file = {r["来源文件"]: r for r in rows}
    assert set(by_file) == {"园区.xlsx", "团队-未达标.xlsx", "团队-待定.xlsx", "企业.xlsx"}, sorted(by_file)
    assert {r["前置条件"] for r in rows} <= {"达标", "不达标", "待定"}
    assert by_file["团队-未达标.xlsx"]["前置条件"] == "不达标"
    assert by_file["团队-待定.xlsx"]["前置条件"] == "待定"
    assert by_file["园区.xlsx"]["前置条件"] == "达标"
    for r in rows:
        assert isinstance(r["自动评分"], int | float) and not isinstance(r["自动评分"], bool), r
    # 问题: each finding code followed by its short message
    problems = by_file["团队-未达标.xlsx"]["问题"]
    for code in ("ELIG_LIVE_SALES", "FIELD_MOBILE"):
        assert re.search(code + r"\s*[:：]?\s*[\u4e00-\u9fff]", problems), problems
    for f in ("园区.xlsx", "企业.xlsx"):
        assert re.search(r"XC_CROSS_APP\s*[:：]?\s*[\u4e00-\u9fff]", by_file[f]["问题"] or ""), by_file[f]["问题"]
    # a person corrects the summary's 联系人 by hand; the next refresh keeps it and says XC_SUMMARY_MISMATCH
    wb = load_workbook(summary)
    header, rows, ws, t = table_rows(summary)
    c1 = range_boundaries(t.ref)[0]
    row = next(r for r in rows if r["来源文件"] == "园区.xlsx")
    wb[ws.title].cell(row["_row"], c1 + header.index("联系人")).value = "李四"
    wb.save(summary)
    p = run("refresh", summary, "--from", folder)
    assert p.returncode == 0, p.stderr
    _, rows, _, _ = table_rows(summary)
    row = next(r for r in rows if r["来源文件"] == "园区.xlsx")
    assert row["联系人"] == "李四"
    assert "XC_SUMMARY_MISMATCH" in (row["问题"] or ""), row["问题"]


def test_park_amount_in_summary_is_converted_to_wanyuan(tmp_path):
    folder = tmp_path / "申报表"
    folder.mkdir()
    make_app(folder, "park", name="园区.xlsx")         # sb_trade_total 3.6 亿元
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", folder).returncode == 0
    _, rows, _, _ = table_rows(summary)
    (row,) = rows
    assert float(row["年度交易额（万元）"]) == 36000
    assert float(row["年度网络零售额（万元）"]) == 3600
    assert row["项目类型"] == "园区" and row["企业性质"] == "民企"
    assert Path(row["来源文件"]).name == "园区.xlsx"


# ------------------------------------------------------------------ §5b the expert workbooks' columns and rows
def test_review_make_one_row_per_project_and_item_then_collect(tmp_path):
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_app(apps, "park", name="园区.xlsx")
    make_app(apps, "team", name="团队.xlsx")
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", apps).returncode == 0
    rc, checked, err = check_json(apps)
    assert rc == 0, err
    items = {o["name"]: {i["id"]: i for i in o["score"]["items"]} for o in checked}
    kinds = {o["name"]: {"park": "园区", "team": "团队"}[o["type"]] for o in checked}
    rnd = tmp_path / "评审"
    p = run("review", "make", rnd, "--from", summary, "--experts", "甲,乙,丙")
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    for expert in ("甲", "乙", "丙"):
        (book,) = [b for b in rnd.glob("*.xlsx") if expert in b.stem]
        header, rows, ws, t = table_rows(book, "sb_expert_scores")
        for col in ("项目名称", "项目类型", "指标编号", "指标", "满分", "建议分", "专家评分", "备注"):
            assert col in header, header
        assert {r["项目名称"] for r in rows} == set(items)
        for name, its in items.items():
            mine = [r for r in rows if r["项目名称"] == name]
            assert sorted(str(r["指标编号"]) for r in mine) == sorted(its), name   # one row per 附件5 item
            for r in mine:
                it = its[str(r["指标编号"])]
                assert r["项目类型"] == kinds[name]
                assert float(r["满分"]) == float(it["max"]), (name, r["指标编号"])
                assert float(r["建议分"]) == float(it["auto"]), (name, r["指标编号"])
        # the expert takes every suggestion
        wb = load_workbook(book)
        c1 = range_boundaries(t.ref)[0]
        for r in rows:
            wb[ws.title].cell(r["_row"], c1 + header.index("专家评分")).value = r["建议分"]
        wb.save(book)
    out = tmp_path / "结果.xlsx"
    p = run("review", "collect", rnd, "--out", out)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    header, rows, _, _ = table_rows(out, "sb_review")
    for col in ("项目名称", "项目类型", "市（州）", "专家人数", "平均分", "去极值平均分", "最高分", "最低分", "排名", "问题"):
        assert col in header, header
    by = {r["项目名称"]: r for r in rows}
    assert set(by) == set(items)
    for name in items:
        assert by[name]["项目类型"] == kinds[name]
        assert by[name]["市（州）"] == "黔南州"
        assert int(by[name]["专家人数"]) == 3
        assert by[name]["排名"] == 1          # alone in its 项目类型


# ------------------------------------------------------------------ §2 percentages as Excel stores them
def _item_with(obj: dict, word: str) -> dict:
    (it,) = [i for i in obj["score"]["items"] if word in i["label"]]
    return it


@pytest.mark.parametrize("kind, field, word, changes, low, high", [
    # 附件5 园区 2.2.3: 孵化成功率 50%以上 (inclusive); 企业: 线上交易占营业收入 20% (附件5 decides, CONTRACT §6)
    ("park", "sb_incubation_rate", "孵化", {}, 49, 50),
    ("enterprise", "sb_online_share", "线上交易", {"sb_online_share_50": "否"}, 19, 20),
])
def test_percent_cell_and_plain_number_read_alike(tmp_path, kind, field, word, changes, low, high):
    autos = {}
    for label, value in (("pct-low", low / 100), ("plain-low", low), ("pct-high", high / 100), ("plain-high", high)):
        # helpers.fill gives a value <= 1 the 0% number format, as a person typing "50%" gets
        path = make_app(tmp_path, kind, name=f"{label}.xlsx", **changes, **{field: float(value)})
        if label.startswith("pct"):
            wb = load_workbook(path)
            (sheet, ref), = list(wb.defined_names[field].destinations)
            assert "%" in wb[sheet][ref.replace("$", "")].number_format
        rc, obj, err = check_json(path)
        assert rc == 0, err
        it = _item_with(obj, word)
        autos[label] = (it["auto"], it["max"])
    assert autos["pct-low"] == autos["plain-low"] and autos["pct-low"][0] == 0, autos
    assert autos["pct-high"] == autos["plain-high"] and autos["pct-high"][0] == autos["pct-high"][1] > 0, autos


# ------------------------------------------------------------------ §4 merge: the user's environment is exit 2
@pytest.fixture
def city_summary(tmp_path):
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_app(apps, "team", name="团队.xlsx")
    city = tmp_path / "黔南州汇总表.xlsx"
    assert run("refresh", city, "--from", apps).returncode == 0
    return city


def _refused(p, *words):
    assert_no_traceback(p)
    assert p.returncode == 2, (p.returncode, p.stderr)
    for w in words:
        assert w in p.stderr, p.stderr


@pytest.mark.parametrize("lock", ["~$全省.xlsx", ".~lock.全省.xlsx#"])
def test_merge_refuses_a_province_file_open_elsewhere(tmp_path, city_summary, lock):
    out = tmp_path / "全省.xlsx"
    (tmp_path / lock).write_bytes(b"x" * 50)
    _refused(run("merge", out, city_summary), "打开")
    assert not out.exists()


def test_merge_without_write_permission_is_exit_2(tmp_path, city_summary):
    target = tmp_path / "只读"
    target.mkdir()
    prefix = unprivileged()   # root writes anywhere: run as a clerk's account would
    os.chmod(target, 0o555)
    try:
        p = subprocess.run([*prefix, *SHIBAI, "merge", str(target / "全省.xlsx"), str(city_summary)],
                           capture_output=True, text=True, encoding="utf-8", timeout=120,
                           env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    finally:
        os.chmod(target, 0o755)
    _refused(p, "没有权限")
    assert not (target / "全省.xlsx").exists()


def test_merge_on_a_full_disk_is_exit_2(tmp_path, city_summary):
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True)
    if done.returncode:
        pytest.skip("a small tmpfs needs root (mount)")
    try:
        st = os.statvfs(disk)
        (disk / "filler.bin").write_bytes(b"\0" * (st.f_bavail * st.f_frsize - 4096))
        _refused(run("merge", disk / "全省.xlsx", city_summary), "磁盘空间不足")
        assert not (disk / "全省.xlsx").exists()
        assert not [p.name for p in disk.iterdir() if p.name != "filler.bin"]   # no temp file left behind
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


# ------------------------------------------------------------------ §4 a finding in the separate 附件3 workbook
def test_finding_in_a_separate_resident_list_names_that_workbook_in_sheet(tmp_path):
    """The park sends its 附件3 as its own workbook, whose sheet is named 入驻企业名单 like the application's own (empty)
    list sheet. A finding on a row of that file said ``"sheet": "入驻企业名单", "cell": "I5"``: a program reading the
    JSON marked the application's own 入驻企业名单!I5 — a cell with nothing wrong. The sheet now names the file as
    Excel writes a cell of another workbook (``[名单.xlsx]入驻企业名单``; no sheet name holds "["), as a list sent
    in several files already did (QA qa37c)."""
    from openpyxl import Workbook

    app = make_app(tmp_path, "park", name="园区.xlsx", residents=None)
    rows = residents_for("park")
    rows[0]["年度网络零售额（万元）"] = -5
    wb = Workbook()
    ws = wb.active
    ws.title = "入驻企业名单"
    ws.append(["附件3"])
    ws.append(["入驻企业名单"])
    ws.append(["填报园区/基地：都匀毛尖电子商务产业园"])
    ws.append(list(rows[0]))
    for r in rows:
        ws.append(list(r.values()))
    wb.save(tmp_path / "都匀毛尖电子商务产业园-入驻企业名单.xlsx")
    assert "入驻企业名单" in load_workbook(app).sheetnames
    rc, obj, err = check_json(app)
    assert rc == 0, err
    assert_contract_object(obj)
    (row,) = [f for f in obj["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert (row["sheet"], row["cell"]) == ("[都匀毛尖电子商务产业园-入驻企业名单.xlsx]入驻企业名单", "I5"), row
    # findings on the application itself keep its own sheet names
    assert all(f["sheet"] in (None, *load_workbook(app).sheetnames) for f in obj["findings"] if f is not row)
