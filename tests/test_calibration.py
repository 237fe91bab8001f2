"""The 评分校准 sheet of ``shibai review collect``: five experts, one of whom scores systematically
high (甲) and one low (乙), on the round of ``test_review`` (a real summary from ``refresh``,
``review make``, scores typed with openpyxl). Every expected figure is worked out in the comments.

Only 山珍 (企业), 铜仁 (企业) and the 安顺 team are scored; the other projects are left blank by
everyone, so no total of theirs counts. 丁 is from 铜仁市 and recuses himself from 铜仁.
企业 items: 1.1.1 15, 1.1.2 15, 2.1.1 15, 2.1.2 15, 2.2.1 10, 2.3.1 15, 2.4.1 15 (= 100).
团队 items: 1.1.1 15, 2.1.1 10, 2.1.2 15, 2.1.3 15, 2.2.1 10, 2.3.1 15, 2.4.1 10, 2.4.2 10 (= 100).
"""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.jobs import review
from tests.test_review import ENT_SZ, ENT_TR, NOW, TEAM_AS, build_summary, results, type_scores

SCORES = {   # per expert and project: the items not scored full (None: left blank)
    "甲": {ENT_SZ: {}, ENT_TR: {"2.2.1": 5}, TEAM_AS: {"2.1.1": 0}},
    "乙": {ENT_SZ: {"1.1.1": 0, "1.1.2": 0, "2.2.1": 0}, ENT_TR: {"1.1.1": 0, "1.1.2": 0, "2.2.1": 0},
           TEAM_AS: {"1.1.1": 0, "2.1.2": 0, "2.2.1": 0, "2.4.1": 5}},
    "丙": {ENT_SZ: {"2.1.1": 0}, ENT_TR: {"2.4.1": 0, "2.2.1": 5}, TEAM_AS: {"1.1.1": 0, "2.1.2": 0}},
    "丁": {ENT_SZ: {"2.2.1": 0}, ENT_TR: {}, TEAM_AS: {"1.1.1": 0, "2.1.3": 0, "2.2.1": 0}},
    "戊": {ENT_SZ: {"2.2.1": 5, "2.3.1": 0}, ENT_TR: {"2.3.1": 0}, TEAM_AS: {"2.4.2": None}},
}
# totals   山珍: 甲 100, 乙 60, 丙 85, 丁 90, 戊 80 → 平均分 83; 5 experts: drop 100 and 60 → 去极值 (80+85+90)/3 = 85
#          铜仁: 甲 95, 乙 60, 丙 80, 戊 85 (丁 回避) → 4 experts, no trimming: 80
#          团队: 甲 90, 乙 55, 丙 70, 丁 60 (戊 left 2.4.2 blank: not counted) → 275 / 4 = 68.75
# deviation from 去极值平均分:
#          甲 +15, +15, +21.25 → 51.25 / 3 = 17.0833   乙 −25, −20, −13.75 → −58.75 / 3 = −19.5833
#          丙 0, 0, +1.25 → 0.4167                      丁 +5, −8.75 → −1.875 (|…| 6.875)
#          戊 −5, +5 → 0 (|…| 5)


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory):
    base = tmp_path_factory.mktemp("calibration")
    summary = build_summary(base / "汇总")
    rdir = base / "评审"
    review.make(rdir, summary, list(SCORES), expert_cities="丁=铜仁市", round_id="2024-09", now=NOW)
    for expert, plan in SCORES.items():
        type_scores(rdir / f"专家评分表-{expert}.xlsx", plan)
    out = base / "评审结果.xlsx"
    report = review.collect(rdir, out, now=NOW)
    return out, report


def test_experts_named_with_their_deviation(calibrated):
    out, report = calibrated
    rows = table(out, "sb_calibration")
    assert [r["专家"] for r in rows] == ["甲", "乙", "丙", "丁", "戊"]
    by = {r["专家"]: r for r in rows}
    got = {e: (r["评分项目数"], r["回避项目数"], r["未计入项目数"], r["平均总分"], r["比较项目数"]) for e, r in by.items()}
    # 未计入: the four projects nobody scored (园区01, 园区02, 基地01, 企业01), and 戊's team
    assert got == {"甲": (3, 0, 4, 95, 3), "乙": (3, 0, 4, pytest.approx(175 / 3), 3),
                   "丙": (3, 0, 4, pytest.approx(235 / 3), 3), "丁": (2, 1, 4, 75, 2), "戊": (2, 0, 5, 82.5, 2)}
    assert by["甲"]["平均偏差"] == pytest.approx(51.25 / 3) and by["乙"]["平均偏差"] == pytest.approx(-58.75 / 3)
    assert by["丙"]["平均偏差"] == pytest.approx(1.25 / 3) and by["丁"]["平均偏差"] == -1.875 and by["戊"]["平均偏差"] == 0
    assert [by[e]["平均绝对偏差"] for e in ("丁", "戊")] == [6.875, 5]
    assert by["甲"]["说明"] == "平均比去极值平均分高17.08分（评分最宽松）"
    assert by["乙"]["说明"] == "平均比去极值平均分低19.58分（评分最严格）"
    assert by["丁"]["说明"] == "平均比去极值平均分低1.88分" and by["戊"]["说明"] == "平均与去极值平均分一致"
    assert "甲平均高于去极值平均分 17.08 分，乙平均低于去极值平均分 19.58 分" in report.describe()


def test_deviation_chart(calibrated):
    ws = load_workbook(calibrated[0])["评分校准"]
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert chart.type == "col" and "'评分校准'!$H$5:$H$9" in chart.series[0].val.numRef.f
    categories = chart.series[0].cat.numRef or chart.series[0].cat.strRef
    assert ws["H4"].value == "平均偏差" and "'评分校准'!$A$5:$A$9" in categories.f


def test_project_spread_agrees_with_published_figures(calibrated):
    out, _ = calibrated
    spread = {r["项目名称"]: r for r in table(out, "sb_calibration_projects")}
    published = results(out)
    for name, r in published.items():   # where they overlap, pandas and the exact figures agree
        s = spread[name]
        assert (s["计入专家数"], s["去极值平均分"], s["最高分"], s["最低分"], s["极差"]) == \
            (r["专家人数"], r["去极值平均分"], r["最高分"], r["最低分"], r["极差"])
    assert (published[ENT_SZ]["平均分"], published[ENT_SZ]["去极值平均分"]) == (83, 85)
    # sample standard deviations: 山珍 √(880/4), 铜仁 √(650/3), 团队 √(718.75/3)
    assert [spread[n]["标准差"] for n in (ENT_SZ, ENT_TR, TEAM_AS)] == pytest.approx(
        [(880 / 4) ** 0.5, (650 / 3) ** 0.5, (718.75 / 3) ** 0.5], abs=1e-6)
    assert [spread[n]["极差"] for n in (ENT_SZ, ENT_TR, TEAM_AS)] == [40, 35, 35]
    # each expert's number of projects scored is his column's count of totals in 评审结果
    for r in table(out, "sb_calibration"):
        assert r["评分项目数"] == sum(isinstance(p[f"专家{r['专家']}"], (int, float)) for p in published.values())


def test_items_where_experts_disagree_most(calibrated):
    rows = [r for r in table(calibrated[0], "sb_calibration_items") if r["项目类型"] == "企业"]
    # per project, the range of the valid item scores (丁's recused 铜仁 scores left out):
    #   1.1.1 and 1.1.2: 15 on both (乙 0)  2.2.1: 山珍 10 (丁 0), 铜仁 10 (乙 0 vs 戊 10)  2.3.1: 15 on both (戊 0)
    #   2.1.1: 15 on 山珍 (丙 0), 0 on 铜仁   2.4.1: 0, 15 (丙 0)   2.1.2: everyone 15 → not listed
    assert [(r["指标编号"], r["平均极差占满分"], r["分歧项目数"]) for r in rows] == [
        ("1.1.1", 1, 2), ("1.1.2", 1, 2), ("2.2.1", 1, 2), ("2.3.1", 1, 2), ("2.1.1", 0.5, 1), ("2.4.1", 0.5, 1)]
    first = rows[0]
    # 山珍 1.1.1: 15, 0, 15, 15, 15 → sample sd √(180/4); 铜仁: 15, 0, 15, 15 → √(168.75/3) = 7.5
    assert (first["比较项目数"], first["平均极差"], first["最大极差"], first["满分"]) == (2, 15, 15, 15)
    assert first["平均标准差"] == pytest.approx(((180 / 4) ** 0.5 + 7.5) / 2, abs=1e-6)
    assert first["指标"].startswith("有在运营中的")


def table(path, name: str) -> list[dict]:
    from shibai_xl.adapters.xlsx.reader import open_workbook, read_table

    wb = open_workbook(path)
    try:
        _, rows, _ = read_table(wb, name)
    finally:
        wb.close()
    return rows


def test_libreoffice_prints_the_calibration_sheet(calibrated, tmp_path):
    from tests import libreoffice as lo

    lo.need_soffice()
    text = lo.pdf_text(lo.convert(calibrated[0], "pdf", tmp_path))
    assert "专家评分校准（2024-09）" in text and "评分最宽松" in text and "评分最严格" in text
    assert "+17.08" in text and "-19.58" in text   # the 平均偏差 column's signed format


def test_an_expert_is_not_named_the_strictest_for_a_deviation_that_rounds_to_nothing(rules):
    """Three experts, each half a point above the other two on one of three projects: all three deviate by
    (−0.17 − 0.17 + 0.33) / 3 = −0.0033 on average. The first was named “评分最严格” with “低0.00分” and the terminal
    said so (QA); a deviation that shows as 0.00 names nobody, and reads “平均与去极值平均分一致”."""
    from shibai_xl.engine import calibration as C
    from shibai_xl.engine import review as R

    full = {i.id: i.points for i in rules.rubric("enterprise")}
    low = {**full, "1.1.1": 0, "2.2.1": 5}             # 80
    high = {**low, "2.2.1": 5.5}                        # 80.5
    projects = [R.Project(f"企业0{n}", f"{n}号公司", "enterprise", "贵阳市") for n in (1, 2, 3)]
    experts = ["甲", "乙", "丙"]
    # 企业0n: expert n−1 scores 80.5, the others 80 → 平均分 80.1666… → 80.17
    sheets = [R.ExpertSheet(e, scores={p.no: (high if i == k else low) for k, p in enumerate(projects)})
              for i, e in enumerate(experts)]
    results = R.aggregate(projects, sheets, rules, experts=experts)
    assert [str(r.trimmed) for r in results] == ["80.17"] * 3
    cal = C.calibrate(results, rules, experts)
    assert (cal.lenient, cal.strict, cal.headline()) == (None, None, "")
    assert [row[-1] for row in cal.experts] == ["平均与去极值平均分一致"] * 3


def test_an_expert_with_no_total_counted_is_not_said_to_lack_a_second_expert(rules):
    """Two projects scored by 甲 and 乙 (both counted: each project has two totals to compare). 丙 left 2.2.1 blank on
    both (not counted), 丁 recused from both. Their rows said “没有可比较的项目（计入评分的专家不足2人）” (QA) — untrue:
    two experts counted on every project; the reason is their own scores (none counted) or their recusal."""
    from shibai_xl.engine import calibration as C
    from shibai_xl.engine import review as R

    full = {i.id: i.points for i in rules.rubric("enterprise")}
    projects = [R.Project(f"企业0{n}", f"{n}号公司", "enterprise", "贵阳市") for n in (1, 2)]
    nos = {p.no for p in projects}
    sheets = [R.ExpertSheet("甲", scores={n: full for n in nos}),
              R.ExpertSheet("乙", scores={n: {**full, "1.1.1": 5} for n in nos}),
              R.ExpertSheet("丙", scores={n: {**full, "2.2.1": None} for n in nos}),
              R.ExpertSheet("丁", city="贵阳市", recused=nos)]
    experts = ["甲", "乙", "丙", "丁"]
    cal = C.calibrate(R.aggregate(projects, sheets, rules, experts=experts), rules, experts)
    notes = {row[0]: row[-1] for row in cal.experts}
    assert notes["丙"] == "没有计入的评分（见“评审结果”表的“问题”列），无从比较"
    assert notes["丁"] == "回避了全部项目，无从比较"
    assert "不足2人" not in notes["丙"] + notes["丁"]


def test_an_expert_whose_workbook_cannot_be_read_is_not_said_to_have_not_submitted_it(rules):
    """丙 returned his workbook but it cannot be read; 丁 returned none. 丙's row said “评分表未提交” (QA): the chair
    would chase an expert who did submit. It says the workbook cannot be read, as the terminal does."""
    from shibai_xl.engine import calibration as C
    from shibai_xl.engine import review as R

    full = {i.id: i.points for i in rules.rubric("enterprise")}
    projects = [R.Project(f"企业0{n}", f"{n}号公司", "enterprise", "贵阳市") for n in (1, 2)]
    sheets = [R.ExpertSheet("甲", scores={p.no: full for p in projects}),
              R.ExpertSheet("乙", scores={p.no: {**full, "1.1.1": 5} for p in projects})]
    experts = ["甲", "乙", "丙", "丁"]
    results = R.aggregate(projects, sheets, rules, experts=experts, unreadable=["丙"])
    notes = {row[0]: row[-1] for row in C.calibrate(results, rules, experts, unread=["丙"]).experts}
    assert (notes["丙"], notes["丁"]) == ("评分表无法读取", "评分表未提交")
