"""Round 2: what people do again and again — merge twice, merge an updated city, review from hand-made
city summaries, experts who type "5分" or leave a file out, long Chinese paths, files open elsewhere,
and a 2025 year file (README 规则从哪里来: "2025 年的通知是一个新文件，不用改代码").
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from .helpers import GOOD, assert_no_traceback, check_json, fill, has_chinese, make_app, run, sha, template
from .test_merge import hand_typed_zunyi
from .test_refresh import table_rows

ROOT = Path(__file__).resolve().parents[2]


def _city(tmp: Path, **team) -> tuple[Path, Path]:
    apps = tmp / "黔南申报表"
    apps.mkdir(exist_ok=True)
    make_app(apps, "park", name="园区.xlsx")
    make_app(apps, "team", name="团队.xlsx", **team)
    summary = tmp / "黔南州汇总表.xlsx"
    p = run("refresh", summary, "--from", apps, "--city", "黔南州")
    assert p.returncode == 0, p.stderr
    return apps, summary


def _rows(path: Path) -> list[tuple]:
    return sorted((r["企业名称"], r.get("状态"), r.get("年度交易额（万元）")) for r in table_rows(path)[1])


def test_merging_the_same_city_twice_changes_nothing(tmp_path):
    _, city = _city(tmp_path)
    province = tmp_path / "全省.xlsx"
    assert run("merge", province, city).returncode == 0
    first = _rows(province)
    p = run("merge", province, city)
    assert p.returncode == 0, p.stderr
    assert _rows(province) == first and len(first) == 2


def test_merging_an_updated_city_updates_and_withdraws(tmp_path):
    """README: 只给一个市州的新汇总表时，只更新这个市州的行; 已撤回 means the project left the city's table."""
    apps, city = _city(tmp_path)
    province = tmp_path / "全省.xlsx"
    zunyi = hand_typed_zunyi(tmp_path / "遵义市汇总表.xlsx")
    assert run("merge", province, city, zunyi).returncode == 0
    (apps / "园区.xlsx").unlink()
    make_app(apps, "team", name="团队.xlsx", sb_live_sales=900)
    assert run("refresh", city, "--from", apps, "--city", "黔南州").returncode == 0
    p = run("merge", province, city)
    assert p.returncode == 0, p.stderr
    rows = {r["企业名称"]: r for r in table_rows(province)[1]}
    assert rows[GOOD["team"]["sb_name"]]["年度交易额（万元）"] == 900
    assert rows[GOOD["park"]["sb_name"]]["状态"] == "已撤回"
    assert sum(1 for r in rows.values() if r["市（州）"] == "遵义市" and r["状态"] == "有效") == 3


def test_review_make_from_a_province_of_hand_made_city_summaries(tmp_path):
    """No 前置条件 in a hand-typed 附件4: the projects are listed as 待定 (README: “待定”的也列出并标黄)."""
    zunyi = hand_typed_zunyi(tmp_path / "遵义市汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    assert run("merge", province, zunyi).returncode == 0
    p = run("review", "make", tmp_path / "评审", "--from", province, "--experts", "甲,乙")
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    names = {r["项目名称"] for r in table_rows(tmp_path / "评审" / "专家评分表-甲.xlsx", "sb_expert_scores")[1]}
    assert len(names) == 3


def _fill_expert(path: Path, value) -> None:
    header, rows, _, _ = table_rows(path, "sb_expert_scores")
    wb = load_workbook(path)
    ws = next(w for w in wb.worksheets if "sb_expert_scores" in w.tables)
    col = range_boundaries(ws.tables["sb_expert_scores"].ref)[0] + header.index("专家评分")
    for r in rows:
        ws.cell(r["_row"], col).value = value(float(r["满分"]))
    wb.save(path)


def test_text_scores_and_a_missing_expert_are_named_not_counted(tmp_path):
    _, city = _city(tmp_path)
    rnd = tmp_path / "评审"
    assert run("review", "make", rnd, "--from", city, "--experts", "甲,乙,丙,丁").returncode == 0
    # typed with the unit: counts; 0 for 4.3 (3分, 跨境电商小于50万美金), the other answer to 4.2's question
    _fill_expert(rnd / "专家评分表-甲.xlsx", lambda m: f"{int(m) if m != 3 else 0}分")
    _fill_expert(rnd / "专家评分表-乙.xlsx", lambda m: m if m != 3 else 0)
    _fill_expert(rnd / "专家评分表-丁.xlsx", lambda m: "良")             # no score at all
    (rnd / "专家评分表-丙.xlsx").unlink()                                # never came back
    out = tmp_path / "结果.xlsx"
    p = run("review", "collect", rnd, "--out", out)
    assert_no_traceback(p)
    assert p.returncode == 1, p.stderr
    assert "丙" in p.stdout + p.stderr
    for r in table_rows(out, "sb_review")[1]:
        assert int(r["专家人数"]) == 2, r                  # 甲's "8分" and 乙's numbers count
        assert "丁" in str(r["问题"]) and "丙" in str(r["问题"]) and "甲" not in str(r["问题"]), r


def test_long_chinese_paths_with_spaces_and_brackets(tmp_path):
    deep = tmp_path / ("黔南布依族苗族自治州商务局 [2024] (第一批)" * 3) / "申报表 （都匀市）" / "附件 2 & 3"
    deep.mkdir(parents=True)
    app = make_app(deep, "park", name="都匀毛尖电子商务产业园（2024.4.28 更正） [终稿] - 副本 (2).xlsx")
    rc, obj, err = check_json(app)
    assert rc == 0 and obj["eligible"] is True, err
    assert obj["file"] == app.name
    summary = deep.parent / "汇总 表 (黔南州).xlsx"
    p = run("refresh", summary, "--from", deep, "--city", "黔南州")
    assert p.returncode == 0, p.stderr
    assert [r["来源文件"] for r in table_rows(summary)[1]] == [app.name]
    assert run("check", app, "--write").returncode == 0
    assert load_workbook(app)["校验结果"].max_row >= 1


def test_outputs_open_in_another_program_are_refused(tmp_path):
    _, city = _city(tmp_path)
    province = tmp_path / "全省.xlsx"
    assert run("merge", province, city).returncode == 0
    app = make_app(tmp_path, "team", name="团队 (1).xlsx")
    for target, cmd in ((province, ("merge", province, city)), (app, ("check", app, "--write"))):
        for lock in (f".~lock.{target.name}#", f"~${target.name}", f".~{target.name}"):
            (target.parent / lock).write_text("x", encoding="utf-8")
            before = sha(target)
            p = run(*cmd)
            (target.parent / lock).unlink()
            assert_no_traceback(p)
            assert p.returncode == 2 and has_chinese(p.stderr), (lock, p.returncode, p.stderr)
            assert sha(target) == before, lock


def test_review_collect_into_an_open_result_is_refused(tmp_path):
    _, city = _city(tmp_path)
    rnd = tmp_path / "评审"
    assert run("review", "make", rnd, "--from", city, "--experts", "甲").returncode == 0
    _fill_expert(rnd / "专家评分表-甲.xlsx", lambda m: m)
    out = tmp_path / "结果.xlsx"
    assert run("review", "collect", rnd, "--out", out).returncode == 0
    before = sha(out)
    (tmp_path / "~$结果.xlsx").write_text("x", encoding="utf-8")
    p = run("review", "collect", rnd, "--out", out)
    assert_no_traceback(p)
    assert p.returncode != 0 and has_chinese(p.stderr) and sha(out) == before


# ------------------------------------------------------------------ a 2025 year file (tests/test_year_file.py's copy)
def test_2025_rules_reach_formulas_templates_upload_names_and_the_province_title(tmp_path):
    sys.path.insert(0, str(ROOT))
    from tests.test_year_file import make_2025
    rules = make_2025(tmp_path / "规则")
    env = {"SHIBAI_RULES": str(rules)}
    code = ("import json; from shibai_xl.faces import udf_functions as U; print(json.dumps("
            "[U.threshold('直播团队','直播销售额'), U.eligible('直播团队','2020-01-01','2024-05-10',780),"
            " U.upload_name('贵阳','某公司','直播团队')], ensure_ascii=False))")
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True,
                         timeout=120)
    assert json.loads(out.stdout) == [800, "不达标", "贵阳市某公司2025年十百千万工程示范项目示范直播团队申报资料.pdf"]
    apps = tmp_path / "apps"
    apps.mkdir()
    assert run("new", "team", "--out", apps / "团队.xlsx", env=env).returncode == 0
    fill(apps / "团队.xlsx", {**GOOD["team"], "sb_live_sales": 780})
    p = run("check", apps / "团队.xlsx", "--json", env=env)
    assert json.loads(p.stdout)["eligible"] is False                        # 780 < 800 (2025), ≥ 500 (2024)
    rc, obj, _ = check_json(apps / "团队.xlsx")
    assert obj["eligible"] is True
    assert "2025年十百千万" in run("check", apps / "团队.xlsx", env=env).stdout
    assert run("refresh", tmp_path / "city.xlsx", "--from", apps, "--city", "黔南州", env=env).returncode == 0
    assert run("merge", tmp_path / "prov.xlsx", tmp_path / "city.xlsx", env=env).returncode == 0
    assert "2025年" in str(load_workbook(tmp_path / "prov.xlsx").worksheets[0]["A1"].value)
    assert template("team").exists()
