"""Every figure of ``sb_review`` worked out by hand for rounds of 3, 5 and 9 experts over the same projects (real
``review make`` from a real 项目汇总表, scores typed with openpyxl, real ``review collect``): an expert recused for his
own city's project, a project scored by two experts only, one scored by nobody, a park whose bonus items typed add up
to more than 20, and a tie within 项目类型. Nothing here calls the code under test to compute what is expected.

Totals per expert (园区/基地: 100 base + 开放创新 capped at 20; 企业/团队: 100; type_scores gives full marks to every
item a plan leaves out, 0 to 4.3):
  园区01 贵阳 (甲 of 贵阳市 recused): 乙 4.3=3 → 100 + min(20, 10+10+3) = 120; 丙 2.3.2=0 → 110; 丁 1.1.1=0 → 115;
         戊 4.1=0 → 110; 己 1.2.2=0 → 110; 庚 4.2=0, 4.3=3 → 113; 辛 1.1.1=1.1.2=0 → 110; 壬 1.1.1=2.5 → 117.5
  园区02 毕节: 甲 120 and 乙 3.1=0 → 115 only (the others left it blank)
  基地01 遵义: 甲 120, 乙 120, 丙 4.2=0 → 110, 丁 4.1=4.2=0 → 100, 戊 1.1.1=0 → 110, 己 1.1.2=0 → 115, 庚 120,
         辛 4.1=8 → 118, 壬 3.1=3.2=0 → 110
  企业 山珍 and 铜仁 (the same totals, other items): 90, 100, 95, 85, 100, 95, 70, 100, 97.5; 六盘水 85 from each
  团队: nobody scored it
"""
from __future__ import annotations

import pytest

from shibai_xl.jobs import review

from .test_review import (
    BASE_ZY,
    ENT_LPS,
    ENT_SZ,
    ENT_TR,
    NOW,
    PARK_BJ,
    PARK_GY,
    TEAM_AS,
    build_summary,
    results,
    type_scores,
)

NINE = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬"]
PLANS = {
    PARK_GY: {"乙": {"4.3": 3}, "丙": {"2.3.2": 0}, "丁": {"1.1.1": 0}, "戊": {"4.1": 0}, "己": {"1.2.2": 0},
              "庚": {"4.2": 0, "4.3": 3}, "辛": {"1.1.1": 0, "1.1.2": 0}, "壬": {"1.1.1": 2.5}},
    PARK_BJ: {"甲": {}, "乙": {"3.1": 0}},
    BASE_ZY: {"甲": {}, "乙": {}, "丙": {"4.2": 0}, "丁": {"4.1": 0, "4.2": 0}, "戊": {"1.1.1": 0}, "己": {"1.1.2": 0},
              "庚": {}, "辛": {"4.1": 8}, "壬": {"3.1": 0, "3.2": 0}},
    ENT_SZ: {"甲": {"1.1.1": 5}, "乙": {}, "丙": {"2.2.1": 5}, "丁": {"2.4.1": 0}, "戊": {}, "己": {"1.1.2": 10},
             "庚": {"2.1.1": 0, "2.1.2": 0}, "辛": {}, "壬": {"2.3.1": 12.5}},
    ENT_TR: {"甲": {"1.1.2": 5}, "乙": {}, "丙": {"2.2.1": 5}, "丁": {"2.3.1": 0}, "戊": {}, "己": {"1.1.1": 10},
             "庚": {"2.4.1": 0, "2.3.1": 0}, "辛": {}, "壬": {"1.1.1": 12.5}},
    ENT_LPS: {e: {"2.4.1": 0} for e in NINE},
}
COLUMNS = ("专家人数", "平均分", "去极值平均分", "最高分", "最低分", "排名")

# (专家人数, 平均分, 去极值平均分 (one highest and one lowest dropped from 5 counted experts), 最高分, 最低分, 排名)
WANT = {
    9: {
        # 8 counted: sum 905.5 → 113.1875 → 113.19; without 120 and one 110: 675.5 / 6 = 112.583… → 112.58
        PARK_GY: (8, 113.19, 112.58, 120, 110, 2),
        PARK_BJ: (2, 117.5, 117.5, 120, 115, 1),           # 2 < 5: not trimmed, said
        # sum 1023 / 9 = 113.666… → 113.67; without 120 and 100: 803 / 7 = 114.714… → 114.71
        BASE_ZY: (9, 113.67, 114.71, 120, 100, 1),
        # sum 832.5 / 9 = 92.5; without 100 and 70: 662.5 / 7 = 94.642… → 94.64; 山珍 and 铜仁 tie at 1, 六盘水 3rd
        ENT_SZ: (9, 92.5, 94.64, 100, 70, 1), ENT_TR: (9, 92.5, 94.64, 100, 70, 1), ENT_LPS: (9, 85, 85, 85, 85, 3),
        TEAM_AS: (0, None, None, None, None, None),
    },
    5: {
        PARK_GY: (4, 113.75, 113.75, 120, 110, 2),         # 乙丙丁戊: 455 / 4; 4 < 5: not trimmed, said
        PARK_BJ: (2, 117.5, 117.5, 120, 115, 1),
        BASE_ZY: (5, 112, 113.33, 120, 100, 1),            # 560 / 5; without 120 and 100: 340 / 3 = 113.333…
        ENT_SZ: (5, 94, 95, 100, 85, 1), ENT_TR: (5, 94, 95, 100, 85, 1),   # 470 / 5; 285 / 3
        ENT_LPS: (5, 85, 85, 85, 85, 3), TEAM_AS: (0, None, None, None, None, None),
    },
    3: {
        PARK_GY: (2, 115, 115, 120, 110, 2),
        PARK_BJ: (2, 117.5, 117.5, 120, 115, 1),
        BASE_ZY: (3, 116.67, 116.67, 120, 110, 1),         # 350 / 3 = 116.666…; 3 experts never trimmed
        ENT_SZ: (3, 95, 95, 100, 90, 1), ENT_TR: (3, 95, 95, 100, 90, 1),
        ENT_LPS: (3, 85, 85, 85, 85, 3), TEAM_AS: (0, None, None, None, None, None),
    },
}


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return build_summary(tmp_path_factory.mktemp("hand") / "汇总")


@pytest.mark.parametrize("n", [3, 5, 9])
def test_every_figure_of_the_review_as_worked_out_by_hand(summary, tmp_path, n):
    experts = NINE[:n]
    rdir = tmp_path / f"{n}人"
    review.make(rdir, summary, experts, expert_cities="甲=贵阳市", round_id="2024-05", now=NOW)
    for e in experts:
        type_scores(rdir / f"专家评分表-{e}.xlsx", {p: per[e] for p, per in PLANS.items() if e in per})
    out = tmp_path / "评审结果.xlsx"
    review.collect(rdir, out, now=NOW)
    got = results(out)
    assert {p: tuple(got[p][c] for c in COLUMNS) for p in WANT[n]} == WANT[n]
    gy, bj, team = got[PARK_GY], got[PARK_BJ], got[TEAM_AS]
    assert gy["专家甲"] == "回避" and "专家甲需回避" not in (gy["问题"] or "")     # he typed nothing there
    if "乙" in experts:
        assert gy["专家乙"] == 120                 # 4.1 + 4.2 + 4.3 typed = 23, capped at 20
    short = "不足5人，去极值平均分未去掉最高分和最低分"
    assert (short in bj["问题"]) == (n >= 5) and (short in gy["问题"]) == (n == 5)
    assert "没有计入的专家评分，未排名" in team["问题"]
    for a, b in ((ENT_SZ, ENT_TR), (ENT_TR, ENT_SZ)):
        assert f"“{b}”并列第1名" in got[a]["问题"], got[a]["问题"]
    tied = sorted((ENT_SZ, ENT_TR), key=lambda name: got[name]["项目编号"])    # the notice sets no order: by 项目编号
    assert [r for r in results(out, "sb_shortlist")] == [PARK_BJ, PARK_GY, BASE_ZY, *tied, ENT_LPS]
