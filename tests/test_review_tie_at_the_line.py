"""A tie that the pass line splits: two 企业 whose 去极值平均分 both show 60.00 share a rank (ranks go by the published
figure), yet one is exactly 60 and on the 拟认定名单 while the other is 59.9967 and is not (拟认定 goes by the exact
mean). Each said only “并列第2名……名单中按项目编号排列”: the list's reader took the tie partner for a project further
down the list, and the one left out read as if it were listed. Both now say that the tie straddles the line, which
of them is in the list, and that the 评审组 decides — as does the terminal. Real summary, real ``review make`` with
five experts, workbooks typed with openpyxl, the CLI's ``review collect``.
"""
from __future__ import annotations

import pytest

from shibai_xl.faces.cli import main

from .test_review import ENT_SZ, ENT_TR, results
from .test_review_pass_line_exact import ENT_60, EXPERTS, scored_round

TR_BY = {"甲": {**ENT_60, "2.1.1": 5},        # 50: dropped as the lowest
         "乙": ENT_60, "丙": ENT_60,          # 60, 60
         "丁": {**ENT_60, "2.1.1": 14.99},    # 59.99
         "戊": {"2.4.1": 0}}                  # 85: dropped as the highest → (60 + 60 + 59.99) / 3 = 59.9967


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    return scored_round(tmp_path_factory.mktemp("tie_at_line"), {e: {ENT_TR: TR_BY[e], ENT_SZ: ENT_60} for e in EXPERTS})


def test_both_share_the_rank_and_only_the_exact_60_is_proposed(collected):
    code, out = collected
    assert code == 0
    res = results(out)
    assert [(res[n]["项目编号"], res[n]["去极值平均分"], res[n]["排名"], res[n]["拟认定"]) for n in (ENT_TR, ENT_SZ)] \
        == [("企业02", 60, 2, "否"), ("企业03", 60, 2, "是")]
    assert ENT_TR not in results(out, "sb_shortlist")


def test_the_listed_one_says_its_tie_partner_is_not_listed(collected):
    _, out = collected
    said = results(out, "sb_shortlist")[ENT_SZ]["备注"]
    assert "与企业02“铜仁梵净山珍电子商务有限公司”并列第2名" in said
    assert "企业02未达到分数线60分、未列入拟认定名单" in said and "本项目达到分数线" in said
    assert "并列项目的认定结论不同，需评审组确定" in said
    assert "名单中按项目编号排列" not in said        # there is no order between them in the list: one is not in it


def test_the_one_left_out_says_its_tie_partner_is_listed(collected):
    _, out = collected
    said = results(out)[ENT_TR]["问题"]
    assert "低于分数线60分，未列入拟认定名单" in said
    assert "企业03达到分数线60分、列入拟认定名单，本项目未达到" in said
    assert "并列项目的认定结论不同，需评审组确定" in said and "名单中按项目编号排列" not in said


def test_the_terminal_says_the_line_splits_a_tie(collected, capsys):
    _, out = collected
    capsys.readouterr()
    main(["review", "collect", str(out.parent / "第一轮"), "--out", str(out.parent / "再次.xlsx")])
    said = capsys.readouterr().out
    assert "并列名次被分数线分开的项目 2 个（企业02第2名未列入、企业03第2名列入拟认定名单）" in said
    assert "需评审组确定" in said
