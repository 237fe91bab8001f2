"""拟认定 by the exact 去极值平均分: a project whose experts' middle totals average 59.9967 shows 60 (two decimals,
half up) yet is below a 60 line, so it is not on the 拟认定名单; one whose totals average exactly 60 is ("60 分以上"
includes 60). Real summary, real ``review make`` with five experts, workbooks typed with openpyxl, the CLI's
``review collect``.
"""
from __future__ import annotations

import pytest

from shibai_xl.faces.cli import main
from shibai_xl.jobs import review

from .test_review import ENT_TR, NOW, TEAM_AS, build_summary, results, sheet_values, type_scores

EXPERTS = ("甲", "乙", "丙", "丁", "戊")
# 团队 (100): zeroing 1.1.1 (15), 2.1.2 (15), 2.4.1 (10) leaves 60; 2.2.1 (10) at 9.99 leaves 59.99
TEAM_60 = {"1.1.1": 0, "2.1.2": 0, "2.4.1": 0}
TEAM_BY = {"甲": {**TEAM_60, "2.2.1": 0},          # 50: dropped as the lowest
           "乙": TEAM_60, "丙": TEAM_60,           # 60, 60
           "丁": {**TEAM_60, "2.2.1": 9.99},       # 59.99
           "戊": {"2.4.1": 0}}                     # 90: dropped as the highest
# 企业 (100): zeroing 1.1.1 (15), 1.1.2 (15), 2.2.1 (10) leaves exactly 60, from every expert
ENT_60 = {"1.1.1": 0, "1.1.2": 0, "2.2.1": 0}


def scored_round(base, plans: dict) -> tuple[int, object]:
    """A real round of :data:`EXPERTS` from a built summary, each expert's book typed with ``plans[expert]`` (project
    name → item → score; the other projects full marks), collected by the CLI: (exit code, the result workbook)."""
    rdir = base / "第一轮"
    made = review.make(rdir, build_summary(base / "汇总"), list(EXPERTS), round_id="2024-05", now=NOW)
    for expert in EXPERTS:
        type_scores(rdir / f"专家评分表-{expert}.xlsx", {p.name: {} for p in made.projects} | plans[expert])
    out = base / "评审结果.xlsx"
    return main(["review", "collect", str(rdir), "--out", str(out)]), out


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    return scored_round(tmp_path_factory.mktemp("pass_line"),
                        {e: {TEAM_AS: TEAM_BY[e], ENT_TR: ENT_60} for e in EXPERTS})


def test_a_mean_shown_as_60_but_below_it_is_not_proposed(collected):
    code, out = collected
    assert code == 0
    team = results(out)[TEAM_AS]
    # (60 + 60 + 59.99) / 3 = 59.9966…: shown 60 (two decimals, half up), below the 60 line all the same
    assert (team["平均分"], team["去极值平均分"], team["排名"]) == (64, 60, 1)
    assert team["拟认定"] == "否"
    assert "去极值平均分为59.9967（保留2位小数显示为60），低于分数线60分" in team["问题"]
    assert TEAM_AS not in results(out, "sb_shortlist")
    assert TEAM_AS not in results(out, "sb_publish")


def test_a_mean_of_exactly_the_line_is_proposed(collected):
    _, out = collected
    ent = results(out)[ENT_TR]
    assert (ent["去极值平均分"], ent["拟认定"]) == (60, "是")
    assert "低于分数线" not in (ent["问题"] or "")
    assert ENT_TR in results(out, "sb_shortlist") and ENT_TR in results(out, "sb_publish")


def test_the_rule_says_the_line_is_judged_on_the_exact_mean(collected):
    _, out = collected
    assert "拟认定分数线 60 分（含），按未四舍五入的去极值平均分判断" in str(sheet_values(out, "评审结果")[1][0])
