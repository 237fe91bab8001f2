"""`shibai review make/collect` (CONTRACT §5b, issues 8 and 17): tables, 回避, bonus cap, trimmed mean, ranks."""
from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.rules import ENV
from tests.conftest import ROOT

from .helpers import assert_no_traceback, has_chinese, make_app, run, uscc
from .test_refresh import table_rows

EXPERTS = ["甲", "乙", "丙", "丁", "戊"]
EXPERT_CITY = {"甲": "黔南州"}
GUIYANG = {"sb_city": "贵阳市", "sb_county": "南明区"}


def build_round(tmp: Path) -> dict:
    apps = tmp / "申报表"
    apps.mkdir()
    make_app(apps, "park", name="园区-都匀.xlsx")                                       # 黔南州
    make_app(apps, "park", name="园区-贵阳.xlsx", sb_name="贵阳数博电子商务产业园",
             sb_uscc=uscc("91", "520102", "MA6PARK02"), **GUIYANG)
    make_app(apps, "team", name="团队-都匀.xlsx")                                       # 黔南州
    make_app(apps, "team", name="团队-贵阳甲.xlsx", sb_name="贵阳花溪直播传媒有限公司",
             sb_uscc=uscc("91", "520111", "MA6TEAM02"), **GUIYANG)
    make_app(apps, "team", name="团队-贵阳乙.xlsx", sb_name="贵阳乌当直播传媒有限公司",
             sb_uscc=uscc("91", "520112", "MA6TEAM03"), **GUIYANG)
    make_app(apps, "enterprise", name="企业-不达标.xlsx", sb_name="贵阳小店电子商务有限公司",
             sb_uscc=uscc("91", "520102", "MA6ENT004"), sb_online_retail=50, **GUIYANG)
    make_app(apps, "enterprise", name="企业-分公司.xlsx", sb_name="贵州都匀茶香电子商务有限公司贵阳分公司",
             sb_uscc=uscc("91", "520102", "MA6ENT005"), **GUIYANG)
    summary = tmp / "全省汇总.xlsx"
    p = run("refresh", summary, "--from", apps)
    assert p.returncode == 0, p.stderr
    rnd = tmp / "2024-05评审"
    p = run("review", "make", rnd, "--from", summary, "--experts", ",".join(EXPERTS),
            "--expert-cities", ",".join(f"{k}={v}" for k, v in EXPERT_CITY.items()), "--round", "2024-05")
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    return {"apps": apps, "summary": summary, "round": rnd, "make_out": p.stdout}


def expert_rows(path: Path):
    header, rows, ws, t = table_rows(path, "sb_expert_scores")
    return header, rows


def policy(expert_idx: int, project: str, item_max: float) -> int:
    """The examiner's scores: expert k gives each item max − k (at least 0); 剑江 gets 2 less (so it ranks last)."""
    drop = expert_idx + (2 if project == "贵州剑江直播文化传媒有限公司" else 0)
    return int(max(0, item_max - drop))


def total(kind: str, items: dict[str, float]) -> Fraction:
    base = sum(Fraction(v) for k, v in items.items() if not k.startswith("4."))
    bonus = sum(Fraction(v) for k, v in items.items() if k.startswith("4."))
    if kind in ("园区", "基地"):
        return min(base, 100) + min(bonus, 20)
    return base


def half_up(x: Fraction) -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def made_round(tmp_path_factory) -> dict:
    """The round as ``review make`` leaves it, made once: each test that fills or spoils the experts' books gets
    its own copy (``fresh_round``) instead of making the seven applications, the summary and the round again."""
    return build_round(tmp_path_factory.mktemp("made"))


def fresh_round(made: dict, tmp: Path) -> dict:
    """A copy of ``made`` (the applications, the summary and the round, side by side as made) under ``tmp``."""
    tmp.mkdir(parents=True, exist_ok=True)
    copied = dict(made)
    for key in ("apps", "summary", "round"):
        copied[key] = tmp / made[key].name
        (shutil.copytree if made[key].is_dir() else shutil.copy2)(made[key], copied[key])
    return copied


@pytest.fixture(scope="module")
def scored(tmp_path_factory, made_round):
    tmp = tmp_path_factory.mktemp("review")
    r = fresh_round(made_round, tmp)
    expected: dict[str, dict] = {}
    for idx, name in enumerate(EXPERTS):
        path = r["round"] / f"专家评分表-{name}.xlsx"
        assert path.exists(), sorted(p.name for p in r["round"].iterdir())
        header, rows = expert_rows(path)
        for col in ("项目名称", "项目类型", "指标编号", "指标", "满分", "建议分", "专家评分", "备注"):
            assert col in header, header
        wb = load_workbook(path)
        ws = next(w for w in wb.worksheets if "sb_expert_scores" in w.tables)
        t = ws.tables["sb_expert_scores"]
        from openpyxl.utils.cell import range_boundaries
        c1 = range_boundaries(t.ref)[0]
        score_col = c1 + header.index("专家评分")
        per_project: dict[str, dict[str, float]] = {}
        for row in rows:
            if row.get("回避") in ("回避", "是"):
                continue
            v = policy(idx, row["项目名称"], float(row["满分"]))
            ws.cell(row["_row"], score_col).value = v
            per_project.setdefault(row["项目名称"], {})[str(row["指标编号"])] = v
            expected.setdefault(row["项目名称"], {"type": row["项目类型"], "city": row.get("市（州）"), "totals": {}})
        for proj, items in per_project.items():
            expected[proj]["totals"][name] = total(expected[proj]["type"], items)
        wb.save(path)
    out = tmp / "评审结果.xlsx"
    p = run("review", "collect", r["round"], "--out", out)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    header, rows, _, _ = table_rows(out, "sb_review")
    return {**r, "expected": expected, "header": header, "rows": {x["项目名称"]: x for x in rows}, "out": out}


def test_make_lists_eligible_and_pending_not_failing(scored):
    names = set(scored["expected"])
    assert "贵阳小店电子商务有限公司" not in names                    # 不达标
    assert "贵州都匀茶香电子商务有限公司贵阳分公司" in names           # 待定: listed (and marked)
    assert {"都匀毛尖电子商务产业园", "贵阳数博电子商务产业园", "贵州剑江直播文化传媒有限公司",
            "贵阳花溪直播传媒有限公司", "贵阳乌当直播传媒有限公司"} <= names


def test_make_gives_suggestions_from_the_applications(scored):
    header, rows = expert_rows(scored["round"] / "专家评分表-乙.xlsx")
    park = [r for r in rows if r["项目名称"] == "贵阳数博电子商务产业园"]
    assert park and all(r["建议分"] is not None for r in park), [(r["指标编号"], r["建议分"]) for r in park]
    assert sum(float(r["建议分"]) for r in park if not str(r["指标编号"]).startswith("4.")) == 100


def test_conflicted_expert_recuses_own_city(scored):
    header, rows = expert_rows(scored["round"] / "专家评分表-甲.xlsx")
    for r in rows:
        recused = r.get("回避") in ("回避", "是")
        assert recused == (r["市（州）"] == "黔南州"), (r["项目名称"], r["市（州）"], r.get("回避"))


def test_review_table_columns(scored):
    for col in ("项目名称", "项目类型", "市（州）", "专家人数", "平均分", "去极值平均分", "最高分", "最低分", "排名", "问题"):
        assert col in scored["header"], scored["header"]


@pytest.mark.parametrize("project", ["都匀毛尖电子商务产业园", "贵阳数博电子商务产业园", "贵州剑江直播文化传媒有限公司",
                                     "贵阳花溪直播传媒有限公司", "贵阳乌当直播传媒有限公司"])
def test_aggregates_are_exact(scored, project):
    exp = scored["expected"][project]
    row = scored["rows"][project]
    totals = sorted(exp["totals"].values())
    assert int(row["专家人数"]) == len(totals)
    assert Decimal(str(row["平均分"])) == half_up(sum(totals) / len(totals)), (row, totals)
    assert float(row["最高分"]) == float(max(totals)) and float(row["最低分"]) == float(min(totals))
    if len(totals) >= 5:
        trimmed = totals[1:-1]
        assert Decimal(str(row["去极值平均分"])) == half_up(sum(trimmed) / len(trimmed)), (row, totals)


def test_bonus_cap_applies_to_expert_totals(scored):
    # 甲 (policy drop 0) gives every park item its max: 4.1 10 + 4.2 10 + 4.3 3 = 23 bonus → capped at 20
    t = scored["expected"]["贵阳数博电子商务产业园"]["totals"]["甲"]
    assert t == 120
    assert float(scored["rows"]["贵阳数博电子商务产业园"]["最高分"]) == 120


def test_ranks_within_type_with_ties(scored):
    rows = scored["rows"]
    teams = {n: rows[n]["排名"] for n in ("贵阳花溪直播传媒有限公司", "贵阳乌当直播传媒有限公司",
                                         "贵州剑江直播文化传媒有限公司")}
    assert teams == {"贵阳花溪直播传媒有限公司": 1, "贵阳乌当直播传媒有限公司": 1, "贵州剑江直播文化传媒有限公司": 3}, teams
    parks = {n: rows[n]["排名"] for n in ("都匀毛尖电子商务产业园", "贵阳数博电子商务产业园")}
    assert sorted(parks.values()) == [1, 2]


def test_result_has_pass_list_and_publication(scored):
    wb = load_workbook(scored["out"])
    joined = " ".join(wb.sheetnames)
    assert "拟认定" in joined and "公示" in joined, wb.sheetnames
    pub = next(wb[n] for n in wb.sheetnames if "公示" in n)
    text = " ".join(str(c.value) for row in pub.iter_rows() for c in row if c.value)
    assert "贵阳花溪直播传媒有限公司" in text and "贵阳市" in text


def test_missing_and_out_of_range_scores_are_named(made_round, tmp_path):
    r = fresh_round(made_round, tmp_path)
    for name in EXPERTS:
        path = r["round"] / f"专家评分表-{name}.xlsx"
        header, rows = expert_rows(path)
        wb = load_workbook(path)
        ws = next(w for w in wb.worksheets if "sb_expert_scores" in w.tables)
        from openpyxl.utils.cell import range_boundaries
        c1 = range_boundaries(ws.tables["sb_expert_scores"].ref)[0]
        col = c1 + header.index("专家评分")
        bad_cell = None
        for row in rows:
            if row.get("回避") in ("回避", "是"):
                continue
            value = float(row["满分"])
            if name == "乙" and row["项目名称"] == "贵阳花溪直播传媒有限公司" and bad_cell is None:
                value = float(row["满分"]) + 1           # out of range
                bad_cell = ws.cell(row["_row"], col).coordinate
            if name == "丙" and row["项目名称"] == "贵阳乌当直播传媒有限公司" and str(row["指标编号"]) == "2.1.2":
                continue                                  # left blank
            ws.cell(row["_row"], col).value = value
        wb.save(path)
    out = tmp_path / "评审结果.xlsx"
    p = run("review", "collect", r["round"], "--out", out)
    assert_no_traceback(p)
    assert p.returncode in (0, 1), p.stderr
    header, rows, _, _ = table_rows(out, "sb_review")
    rows = {x["项目名称"]: x for x in rows}
    a, b = rows["贵阳花溪直播传媒有限公司"], rows["贵阳乌当直播传媒有限公司"]
    assert "乙" in str(a["问题"]) and int(a["专家人数"]) == 4, a
    assert "丙" in str(b["问题"]) and int(b["专家人数"]) == 4, b
    # never silently counted: the mean is over the 4 valid experts (all gave full marks → 100)
    assert float(a["平均分"]) == 100 and float(b["平均分"]) == 100


def test_tampered_file_is_refused_naming_the_expert(made_round, tmp_path):
    r = fresh_round(made_round, tmp_path)
    path = r["round"] / "专家评分表-丁.xlsx"
    header, rows = expert_rows(path)
    wb = load_workbook(path)
    ws = next(w for w in wb.worksheets if "sb_expert_scores" in w.tables)
    from openpyxl.utils.cell import range_boundaries
    c1 = range_boundaries(ws.tables["sb_expert_scores"].ref)[0]
    ws.cell(rows[0]["_row"], c1 + header.index("满分")).value = 50        # rubric changed
    wb.save(path)
    p = run("review", "collect", r["round"], "--out", tmp_path / "结果.xlsx")
    assert_no_traceback(p)
    assert p.returncode == 2
    assert "丁" in p.stderr and has_chinese(p.stderr)


def test_make_with_unknown_option_or_missing_source(tmp_path):
    p = run("review", "make", tmp_path / "r", "--from", tmp_path / "没有.xlsx", "--experts", "甲,乙")
    assert_no_traceback(p)
    assert p.returncode == 2 and has_chinese(p.stderr)
    p = run("review", "collect", tmp_path / "空文件夹", "--out", tmp_path / "x.xlsx")
    assert_no_traceback(p)
    assert p.returncode == 2 and has_chinese(p.stderr)


# ------------------------------------------------------------------ pass line, --trim-min, experts' .xls files
TEAM_60 = {"1.1.1": 15, "2.1.2": 15, "2.1.1": 10, "2.2.1": 10, "2.4.1": 10}      # = 60 exactly


def small_round(tmp: Path, experts=("甲", "乙", "丙")) -> dict:
    apps = tmp / "申报表"
    apps.mkdir()
    make_app(apps, "team", name="团队A.xlsx", sb_name="贵阳花溪直播传媒有限公司",
             sb_uscc=uscc("91", "520111", "MA6TEAM02"), **GUIYANG)
    make_app(apps, "team", name="团队B.xlsx", sb_name="贵阳乌当直播传媒有限公司",
             sb_uscc=uscc("91", "520112", "MA6TEAM03"), **GUIYANG)
    summary = tmp / "汇总.xlsx"
    assert run("refresh", summary, "--from", apps).returncode == 0
    rnd = tmp / "评审"
    p = run("review", "make", rnd, "--from", summary, "--experts", ",".join(experts), "--round", "2024-08")
    assert p.returncode == 0, p.stderr
    return {"apps": apps, "summary": summary, "round": rnd, "experts": experts}


@pytest.fixture(scope="module")
def made_small_round(tmp_path_factory) -> dict:
    """``small_round`` made once; each test scores its own copy (``fresh_round``)."""
    return small_round(tmp_path_factory.mktemp("small"))


def fill_expert(path: Path, score_of) -> None:
    header, rows = expert_rows(path)
    wb = load_workbook(path)
    ws = next(w for w in wb.worksheets if "sb_expert_scores" in w.tables)
    from openpyxl.utils.cell import range_boundaries
    c1 = range_boundaries(ws.tables["sb_expert_scores"].ref)[0]
    col = c1 + header.index("专家评分")
    for row in rows:
        ws.cell(row["_row"], col).value = score_of(row)
    wb.save(path)


def test_pass_line_60_is_inclusive_and_trim_min(made_small_round, tmp_path):
    r = fresh_round(made_small_round, tmp_path)
    # A: every expert 60 exactly (以上 includes 60); B: 甲 100, 乙 59, 丙 70 → trimmed with --trim-min 3 = 70
    b_scores = {"甲": 100, "乙": 59, "丙": 70}

    def scorer(expert):
        left = {"v": b_scores[expert]}

        def score_of(row):
            if row["项目名称"] == "贵阳花溪直播传媒有限公司":
                return TEAM_60.get(str(row["指标编号"]), 0)
            v = min(float(row["满分"]), left["v"])    # spread the expert's total over the items in order
            left["v"] -= v
            return v
        return score_of

    for e in r["experts"]:
        fill_expert(r["round"] / f"专家评分表-{e}.xlsx", scorer(e))
    out = tmp_path / "结果.xlsx"
    p = run("review", "collect", r["round"], "--out", out, "--trim-min", "3")
    assert p.returncode == 0, p.stderr
    header, rows, _, _ = table_rows(out, "sb_review")
    rows = {x["项目名称"]: x for x in rows}
    a, b = rows["贵阳花溪直播传媒有限公司"], rows["贵阳乌当直播传媒有限公司"]
    assert float(a["平均分"]) == 60
    assert float(b["平均分"]) == pytest.approx(76.33, abs=0.001)
    assert float(b["去极值平均分"]) == 70
    wb = load_workbook(out)
    passing = next(wb[n] for n in wb.sheetnames if "拟认定" in n)
    text = " ".join(str(c.value) for row in passing.iter_rows() for c in row if c.value)
    assert "贵阳花溪直播传媒有限公司" in text, "60 分以上 includes 60"
    assert "贵阳乌当直播传媒有限公司" in text


def test_review_defaults_come_from_the_year_file(made_small_round, tmp_path, monkeypatch):
    """The notice sets no pass line and no 去极值 number of experts: the year file's review_pass_line and
    review_trim_min are review collect's defaults (a round's --pass-line / --trim-min still win)."""
    text = (ROOT / "shibai_xl" / "rules" / "y2024.toml").read_text("utf-8")
    text = text.replace("review_pass_line = 60", "review_pass_line = 75")
    rules = tmp_path / "y2024-省厅.toml"
    rules.write_text(text.replace("review_trim_min = 5", "review_trim_min = 3"), "utf-8")
    assert "review_pass_line = 75" in text and "review_trim_min = 3" in rules.read_text("utf-8")
    r = fresh_round(made_small_round, tmp_path)
    given = {"甲": 100, "乙": 59, "丙": 70}    # each expert's total, the same for both projects
    for e in r["experts"]:
        left = {"贵阳花溪直播传媒有限公司": given[e], "贵阳乌当直播传媒有限公司": given[e]}

        def score_of(row, left=left):
            v = min(float(row["满分"]), left[row["项目名称"]])
            left[row["项目名称"]] -= v
            return v
        fill_expert(r["round"] / f"专家评分表-{e}.xlsx", score_of)
    monkeypatch.setenv(ENV, str(rules))
    out = tmp_path / "结果.xlsx"
    assert run("review", "collect", r["round"], "--out", out).returncode == 0
    _h, rows, _, _ = table_rows(out, "sb_review")
    assert {float(x["去极值平均分"]) for x in rows} == {70.0}    # 3 experts: 100 and 59 dropped (file's 3, not 5)
    wb = load_workbook(out)
    listed = " ".join(str(c.value) for row in next(wb[n] for n in wb.sheetnames if "拟认定" in n).iter_rows()
                      for c in row if c.value)
    assert "贵阳花溪直播传媒有限公司" not in listed    # 70 < the file's 75
    out2 = tmp_path / "结果2.xlsx"
    assert run("review", "collect", r["round"], "--out", out2, "--pass-line", "70").returncode == 0
    wb = load_workbook(out2)
    listed = " ".join(str(c.value) for row in next(wb[n] for n in wb.sheetnames if "拟认定" in n).iter_rows()
                      for c in row if c.value)
    assert "贵阳花溪直播传媒有限公司" in listed


def test_collect_reads_an_expert_workbook_saved_as_xls(made_small_round, tmp_path):
    from .helpers import soffice_convert
    r = fresh_round(made_small_round, tmp_path)
    for e in r["experts"]:
        fill_expert(r["round"] / f"专家评分表-{e}.xlsx", lambda row: float(row["满分"]) - 1)
    out1 = tmp_path / "结果1.xlsx"
    assert run("review", "collect", r["round"], "--out", out1).returncode == 0
    # every expert counted: no sheet speaks of an incomplete result (tests/test_review.py has the incomplete one)
    wb = load_workbook(out1)
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    assert "不完整" not in text and "请勿公示" not in text and wb["公示"]["A1"].value.endswith("拟认定名单")
    src = r["round"] / "专家评分表-乙.xlsx"
    xls, = soffice_convert([src], "xls", tmp_path / "conv")
    src.unlink()
    (xls).rename(r["round"] / "专家评分表-乙.xls")
    out2 = tmp_path / "结果2.xlsx"
    p = run("review", "collect", r["round"], "--out", out2)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    _, rows1, _, _ = table_rows(out1, "sb_review")
    _, rows2, _, _ = table_rows(out2, "sb_review")
    key = ("项目名称", "专家人数", "平均分", "最高分", "最低分", "排名")
    assert [[x[k] for k in key] for x in rows1] == [[x[k] for k in key] for x in rows2]
    assert all(int(x["专家人数"]) == 3 for x in rows2)



def test_calibration_names_lenient_and_strict_experts(scored):
    """Issue 17.1: per expert, mean signed deviation from each project's 去极值平均分 (projects with ≥2 counted)."""
    exp = scored["expected"]
    trimmed = {}
    for proj, e in exp.items():
        t = sorted(e["totals"].values())
        if len(t) >= 2:
            use = t[1:-1] if len(t) >= 5 else t
            trimmed[proj] = sum(use) / len(use)
    wb = load_workbook(scored["out"])
    ws = next(wb[n] for n in wb.sheetnames if "校准" in n)
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    head_i = next(i for i, r in enumerate(grid) if r and r[0] == "专家" and "平均偏差" in r)
    head = grid[head_i]
    rows = {r[0]: dict(zip(head, r, strict=False)) for r in grid[head_i + 1:head_i + 1 + len(EXPERTS)]}
    for name in EXPERTS:
        devs = [exp[p]["totals"][name] - trimmed[p] for p in trimmed if name in exp[p]["totals"]]
        assert float(rows[name]["平均偏差"]) == pytest.approx(float(sum(devs) / len(devs)), abs=0.001), name
    assert "宽松" in str(rows["甲"]["说明"]) and "严格" in str(rows["戊"]["说明"])
