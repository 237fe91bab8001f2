"""分歧指标 as the README words it: experts' scores of one item differing by MORE than half its 满分. Scores typed with
one decimal (9.8 and 4.8 on a 10-point item, 8.3 and 0.8 on a 15-point one) differ by exactly half: not divergent,
whatever binary floating point makes of the subtraction. Real summary, real ``review make``, workbooks typed with
openpyxl, the CLI's ``review collect``.
"""
from __future__ import annotations

from shibai_xl.faces.cli import main
from shibai_xl.jobs import review

from .test_review import ENT_SZ, ENT_TR, NOW, build_summary, results, type_scores

# 企业: 2.2.1 is worth 10, 1.1.1 15
BY = {"甲": {ENT_SZ: {"2.2.1": 9.8, "1.1.1": 8.3}, ENT_TR: {"2.2.1": 9.9}},
      "乙": {ENT_SZ: {"2.2.1": 4.8, "1.1.1": 0.8}, ENT_TR: {"2.2.1": 4.8}},    # 5 and 7.5 apart; 5.1 apart
      "丙": {ENT_SZ: {"2.2.1": 9.8, "1.1.1": 8.3}, ENT_TR: {"2.2.1": 9.9}}}


def test_scores_exactly_half_the_marks_apart_are_not_divergent(tmp_path, capsys):
    rdir = tmp_path / "第一轮"
    made = review.make(rdir, build_summary(tmp_path / "汇总"), list(BY), round_id="2024-05", now=NOW)
    for expert, plan in BY.items():
        type_scores(rdir / f"专家评分表-{expert}.xlsx", {p.name: {} for p in made.projects} | plan)
    out = tmp_path / "评审结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 0
    res = results(out)
    assert not res[ENT_SZ]["分歧指标"]
    assert res[ENT_TR]["分歧指标"] == "2.2.1（满分10，最高9.9、最低4.8）"
    assert "分歧较大（某指标相差超过满分一半）的项目 1 个" in capsys.readouterr().out
