"""Round 2: the WPS path end to end through `shibai serve` (issue 16), compared with the CLI.

Issue 16: the endpoints "return the same *plan* of changes that the Excel add-in applies … so that
the add-in writes into the open workbook and never writes the file behind WPS's back. Same jobs,
same plan code: no second implementation of any rule." README: "结果与命令行完全相同（同一套代码）".
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import python_calamine
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from .helpers import check_json, has_chinese, make_app, run, sha, uscc
from .test_refresh import table_rows
from .test_serve_wps import clean_env, request, started_serve, temp_home

_EPOCH = dt.datetime(1899, 12, 30)
ALL_BUTTONS = ("sb_check", "sb_score", "sb_residents", "sb_upload_name", "sb_refresh", "sb_merge", "sb_review_make",
               "sb_review_collect", "sb_new", "sb_help")
MAKES_FILES = {"sb_new", "sb_merge", "sb_review_make", "sb_review_collect"}


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve2")
    env = clean_env(temp_home(tmp))
    with started_serve(env) as (port, token, _proc):
        def call(control: str, body: dict):
            path = "/api/findings" if control == "findings" else "/api/action/" + control
            return request(port, "POST", path, body, {"X-Shibai-Token": token})

        yield call


def _value2(v):
    if isinstance(v, dt.datetime):
        d = v - _EPOCH
        return d.days + d.seconds / 86400
    if isinstance(v, dt.date):
        return (dt.datetime(v.year, v.month, v.day) - _EPOCH).days
    return None if v == "" else v


def snapshot(path: Path) -> dict:
    """What the add-in's snapshot() sends for an unsaved workbook (workbooks/wps/…/js/shibai.js):
    Value2 from A1 per sheet, the names with their RefersTo, the tables with their ranges."""
    wb = load_workbook(path)
    cw = python_calamine.CalamineWorkbook.from_path(str(path))
    sheets, tables = [], []
    for ws in wb.worksheets:
        rows = [[_value2(x) for x in r] for r in cw.get_sheet_by_name(ws.title).to_python(skip_empty_area=False)]
        sheets.append({"name": ws.title, "values": rows, "notes": []})
        tables += [{"name": t.displayName, "sheet": ws.title, "ref": t.ref} for t in ws.tables.values()]
    names = [{"name": n, "refers_to": "=" + d.attr_text} for n, d in wb.defined_names.items()]
    return {"name": "工作簿1", "sheets": sheets, "names": names, "tables": tables}


FLAWED = [
    ("enterprise", {"sb_online_retail": 80, "sb_leader_mobile": "123", "sb_mat_pbc": "否",
                    "sb_uscc": uscc("91", "529999")}),
    ("park", {"sb_resident_count": 20, "sb_incubation_rate": 0.4, "sb_crossborder_usd": 500000}),
    ("team", {"sb_established": dt.date(2023, 6, 1), "sb_uscc": uscc("92", "520102")}),
    ("base", {"sb_trade_total": "约五千万", "sb_performance": "太短"}),
]


def _key(findings):
    return sorted((f["code"], f["severity"], str(f["sheet"]), str(f["cell"]), f["message"]) for f in findings)


@pytest.mark.parametrize("kind, changes", FLAWED, ids=[k for k, _ in FLAWED])
def test_task_pane_findings_equal_check_json_saved_and_unsaved(svc, tmp_path, kind, changes):
    app = make_app(tmp_path, kind, name=f"{kind} （问题）.xlsx", **changes)
    rc, obj, err = check_json(app)
    assert rc == 0, err
    status, _, saved = svc("findings", {"path": str(app)})
    assert status == 200, saved
    assert _key(saved["findings"]) == _key(obj["findings"])
    assert saved["score"] == pytest.approx(obj["score"]["auto"]) and saved["max"] == obj["score"]["max"]
    assert saved["status"] == {True: "达标", False: "不达标", None: "待定"}[obj["eligible"]]
    # the same workbook not yet saved: the add-in sends its values instead of a path
    status, _, unsaved = svc("findings", {"book": snapshot(app)})
    assert status == 200, unsaved
    assert _key(unsaved["findings"]) == _key(obj["findings"])
    assert unsaved["score"] == saved["score"] and unsaved["status"] == saved["status"]


def test_upload_name_button_equals_check(svc, tmp_path):
    app = make_app(tmp_path, "base", name="基地.xlsx")
    p = run("check", app)
    status, _, data = svc("sb_upload_name", {"path": str(app)})
    assert status == 200
    name = data["message"].split()[-1]
    assert name.endswith("申报资料.pdf") and f"上传文件名：{name}" in p.stdout


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*.xls*"))
            if p.is_file() and "shibai-cache" not in p.name}


@pytest.fixture
def city(tmp_path):
    """A city's folder: its applications and the summary the CLI refreshed from them."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_app(apps, "park", name="园区.xlsx")
    make_app(apps, "enterprise", name="企业-不达标.xlsx", sb_name="都匀小茶电子商务有限公司",
             sb_uscc=uscc("91", "522701", "MA6XM0001"), sb_online_retail=60)
    make_app(apps, "team", name="团队.xlsx")
    summary = tmp_path / "黔南州项目汇总表.xlsx"
    p = run("refresh", summary, "--from", apps, "--city", "黔南州", "--batch", "2024-05")
    assert p.returncode == 0, p.stderr
    return {"root": tmp_path, "apps": apps, "summary": summary}


@pytest.mark.parametrize("target", ["application", "summary"])
def test_no_button_writes_an_existing_workbook(svc, city, target):
    """Every button on an application and on a summary: existing workbooks keep their bytes; only
    新建申报表, 合并市州汇总, 专家评分表 and 汇总专家评分 may add new files."""
    path = city["apps"] / "园区.xlsx" if target == "application" else city["summary"]
    for control in ALL_BUTTONS:
        before = _digest(city["root"])
        status, _, data = svc(control, {"path": str(path), "experts": "甲,乙,丙"})
        assert status in (200, 422), (control, status, data)
        if status == 422:
            assert has_chinese(data["error"]) and "内部错误" not in data["error"], (control, data)
        after = _digest(city["root"])
        assert {k: after.get(k) for k in before} == before, control
        if control not in MAKES_FILES:
            assert set(after) == set(before), (control, set(after) - set(before))


def test_merge_button_equals_merge_command(svc, city, tmp_path):
    status, _, data = svc("sb_merge", {"path": str(city["summary"])})
    assert status == 200, data
    made = Path(data["open_file"]) if data.get("open_file") else city["root"] / "全省项目汇总表.xlsx"
    assert made.is_file(), data
    cli = tmp_path / "cli" / "全省.xlsx"
    cli.parent.mkdir()
    p = run("merge", cli, city["summary"])
    assert p.returncode == 0, p.stderr
    keep = ("市（州）", "企业名称", "项目类型", "企业性质", "年度交易额（万元）", "年度网络零售额（万元）",
            "前置条件", "自动评分")
    a = sorted(tuple(str(r.get(k)) for k in keep) for r in table_rows(made)[1])
    b = sorted(tuple(str(r.get(k)) for k in keep) for r in table_rows(cli)[1])
    assert a == b and len(a) == 3


def test_refresh_button_plan_has_the_commands_rows(svc, city, tmp_path):
    """刷新汇总表 on a blank summary returns rows with the same figures `shibai refresh` writes."""
    blank = city["root"] / "新汇总表.xlsx"
    assert run("new", "summary", "--out", blank).returncode == 0
    status, _, data = svc("sb_refresh", {"path": str(blank)})
    assert status == 200, data
    grid: dict[tuple[str, int], list] = {}
    for b in data["edits"]["blocks"]:           # the plan's blocks, put back into worksheet rows
        c1, r1, _, _ = range_boundaries(b["range"])
        for i, row in enumerate(b["values"]):
            grid.setdefault((b["sheet"], r1 + i), []).extend(row)
    cells = list(grid.values())
    _, rows, _, _ = table_rows(city["summary"])
    for r in rows:
        hits = [row for row in cells if r["企业名称"] in row]
        assert hits, r["企业名称"]
        assert any(r["前置条件"] in row and r["自动评分"] in row and r["年度交易额（万元）"] in row for row in hits), (r, hits)


def test_review_buttons_equal_review_commands(svc, city, tmp_path):
    status, _, data = svc("sb_review_make", {"path": str(city["summary"]), "experts": "甲,乙"})
    assert status == 200, data
    made = sorted((city["root"]).rglob("专家评分表-甲.xlsx"))
    assert made, data["message"]
    cli = tmp_path / "cli-round"
    p = run("review", "make", cli, "--from", city["summary"], "--experts", "甲,乙")
    assert p.returncode == 0, p.stderr
    keep = ("项目名称", "项目类型", "指标编号", "满分", "建议分")
    a = sorted(tuple(str(r.get(k)) for k in keep) for r in table_rows(made[0], "sb_expert_scores")[1])
    b = sorted(tuple(str(r.get(k)) for k in keep) for r in table_rows(cli / "专家评分表-甲.xlsx", "sb_expert_scores")[1])
    assert a == b and a
    # the not-eligible enterprise is not listed (README: 列出本轮前置条件达标的项目)
    assert not any("小茶" in x[0] for x in a)


def test_unsaved_summary_refresh_says_to_save_first(svc, city):
    status, _, data = svc("sb_refresh", {"book": snapshot(city["summary"])})
    assert status == 422 and "保存" in data["error"], data
