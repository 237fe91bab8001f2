"""The province's secretary through the notice's three rounds end to end (QA, qa81d): what each merge and round
says of projects reviewed already."""
from __future__ import annotations

import shutil

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import by_name
from tests.test_refresh_rounds import ENTERPRISE, _may_two, _refresh
from tests.test_review import _listed


def test_a_project_reviewed_in_may_resent_with_other_figures_is_said_as_not_reviewed_again(
        tmp_path, make_workbook, capsys):
    """May: 贵阳市 sends a park and an enterprise, the province merges and makes the May round. December: the city
    re-sends the enterprise with a larger 年度交易额 and adds a base. The merge said only “市（州）改了数据的项目 1 项
    （全省表已按市（州）汇总表更新）” and the December round left the enterprise out as “属于其他批次” — the May
    scores stand on the old figures and nothing told the secretary so, nor how to have it reviewed on the new ones.
    The merge now names it with its batch and says what to do; the December round still lists only the base."""
    apps, summary = _may_two(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    assert main(["review", "make", str(tmp_path / "五月"), "--from", str(province), "--experts", "甲",
                 "--round", "2024-05"]) == 0
    assert ENTERPRISE in _listed(tmp_path / "五月" / "专家评分表-甲.xlsx")
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total=3100)), apps / "enterprise.xlsx")
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    _refresh(apps, summary, "2024-12", capsys)
    assert main(["merge", str(province), str(summary)]) == 0
    out = capsys.readouterr().out
    said = next((line for line in out.splitlines() if "较早的批次" in line), "")
    assert f"{ENTERPRISE}（贵阳市，批次 2024-05）" in said, out
    assert "改动前" in said and "“批次”改为" in said, said
    assert "贵阳黔货出山电子商务产业园" not in said     # its figures did not change
    assert by_name(province)[ENTERPRISE]["批次"] == "2024-05"
    assert main(["review", "make", str(tmp_path / "十二月"), "--from", str(province), "--experts", "甲",
                 "--round", "2024-12"]) == 0
    assert _listed(tmp_path / "十二月" / "专家评分表-甲.xlsx") == {"遵义红色之旅直播电商基地"}


def test_a_project_corrected_before_its_own_round_is_not_said_as_reviewed(tmp_path, make_workbook, capsys):
    """A city corrects a May project before the May round (the table's latest batch is still 2024-05): nothing
    was reviewed yet, so nothing is said of a review."""
    apps, summary = _may_two(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_trade_total=3100)), apps / "enterprise.xlsx")
    _refresh(apps, summary, "2024-05", capsys)
    assert main(["merge", str(province), str(summary)]) == 0
    out = capsys.readouterr().out
    assert "市（州）改了数据的项目 1 项" in out and "较早的批次" not in out, out


def test_the_applications_kept_in_folders_of_the_cities_short_names_give_the_suggestions(tmp_path, make_workbook,
                                                                                         capsys):
    """The secretary keeps what each city sent in a folder named as people say the city — 申报表/贵阳, 黔东南 — beside
    全省.xlsx. `review make` looked in 申报表/贵阳市 and 贵阳市 only: every suggestion blank, “未找到”. A folder of
    the city's short name is the city's folder."""
    for short, city, kind in (("贵阳", "贵阳市", "park"), ("黔东南", "黔东南州", "enterprise")):
        apps = tmp_path / "申报表" / short
        apps.mkdir(parents=True)
        shutil.move(make_workbook(kind), apps / f"{kind}.xlsx")
        summary = tmp_path / f"{city}汇总表.xlsx"
        assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05", "--city", city]) == 0
        assert main(["merge", str(tmp_path / "全省.xlsx"), str(summary)]) == 0
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "评审"), "--from", str(tmp_path / "全省.xlsx"),
                 "--experts", "甲", "--round", "2024-05"]) == 0
    out = capsys.readouterr().out
    assert "建议分：2 个项目取自申报表。" in out and "未找到" not in out, out


def test_a_project_a_city_withdrew_and_restores_is_said_back_at_the_merge_not_as_the_provinces_typing(
        tmp_path, make_workbook, capsys):
    """August: 贵阳市 removes the enterprise's application (its summary marks the row 已撤回) and the province's merge
    marks it 已撤回 there, saying where the city said so. December: the application is back. The city's refresh said
    “本次恢复为“有效””, the province's merge said nothing of it, and instead “1 处本工具的列被手工改过，已按市（州）
    汇总表重新写入：…的“问题”（原为“已撤回：…”）” — the province's staff had typed nothing: the merge itself wrote
    that note. Now the merge names the project restored and accuses nobody of typing."""
    apps, summary = _may_two(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    kept = tmp_path / "enterprise.xlsx"
    shutil.move(apps / "enterprise.xlsx", kept)
    _refresh(apps, summary, "2024-08", capsys)
    assert main(["merge", str(province), str(summary)]) == 0
    assert by_name(province)[ENTERPRISE]["状态"] == "已撤回"
    shutil.move(kept, apps / "enterprise.xlsx")
    _refresh(apps, summary, "2024-12", capsys)
    assert main(["merge", str(province), str(summary)]) == 0
    out = capsys.readouterr().out
    assert "手工改过" not in out, out
    said = next((line for line in out.splitlines() if "恢复为“有效”" in line), "")
    assert ENTERPRISE in said, out
    row = by_name(province)[ENTERPRISE]
    assert row["状态"] == "有效" and "已撤回" not in (row["问题"] or ""), row
    assert main(["merge", str(province), str(summary)]) == 0
    assert "恢复为“有效”" not in capsys.readouterr().out    # said once, when it happened


def test_a_project_withdrawn_after_its_round_is_said_as_reviewed_already(tmp_path, make_workbook, capsys):
    """May: the park and the enterprise are merged and reviewed (the May results may list them as 拟认定). August:
    贵阳市 withdraws the enterprise and adds a base. The merge said “本次标为“已撤回” 1 项 … 不计入统计和评审” —
    true of later rounds, but May's round had reviewed it and nothing told the secretary that May's results still
    hold it. The merge names it with its batch and says how the round's results leave it out."""
    apps, summary = _may_two(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    (apps / "enterprise.xlsx").unlink()
    shutil.move(make_workbook("base"), apps / "base.xlsx")
    _refresh(apps, summary, "2024-08", capsys)
    assert main(["merge", str(province), str(summary)]) == 0
    out = capsys.readouterr().out
    said = next((line for line in out.splitlines() if "已撤回" in line and "较早的批次" in line), "")
    assert f"{ENTERPRISE}（贵阳市，批次 2024-05）" in said, out
    assert "shibai review collect" in said and "拟认定名单" in said, said


def test_a_project_withdrawn_before_its_round_is_not_said_as_reviewed(tmp_path, make_workbook, capsys):
    apps, summary = _may_two(tmp_path, make_workbook)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    (apps / "enterprise.xlsx").unlink()
    _refresh(apps, summary, "2024-05", capsys)
    assert main(["merge", str(province), str(summary)]) == 0
    out = capsys.readouterr().out
    assert "本次标为“已撤回” 1 项" in out and "较早的批次" not in out, out


def test_the_terminal_says_how_each_city_withdrew_a_project(tmp_path, make_workbook, capsys):
    """August: 贵阳市's summary marks the enterprise 已撤回 (its application left the folder); 遵义市 sends its
    table without its team's row. The merge's line “本次标为“已撤回” 2 项（报送的市（州）本次汇总表中已没有这一行
    或已标为已撤回……）” named both alike: the secretary could not tell which city withdrew and which may have left a
    row out by mistake (the line asks the city to re-send then). Each is now named with what its city's table says."""
    from tests.test_summaries_real_world import official

    apps, summary = _may_two(tmp_path, make_workbook)
    zunyi = [("汇川区", "遵义甲电子商务有限公司", "企业", "民企", 2600, 900, 80),
             ("播州区", "遵义乙直播团队", "团队", "民企", 800, 0, 78)]
    other = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", zunyi)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary), str(other)]) == 0
    (apps / "enterprise.xlsx").unlink()
    _refresh(apps, summary, "2024-05", capsys)
    official(other, "遵义市项目汇总表", "遵义市", zunyi[:1])
    assert main(["merge", str(province), str(summary), str(other)]) == 0
    out = capsys.readouterr().out
    said = next((line for line in out.splitlines() if line.startswith("本次标为“已撤回”")), "")
    assert f"{ENTERPRISE}（贵阳市：汇总表中这一行“状态”为“已撤回”）" in said, said
    assert "遵义乙直播团队（遵义市：汇总表中已没有这一行）" in said, said


def test_an_expert_recused_from_every_project_of_the_round_is_not_waited_for(tmp_path, make_workbook, capsys):
    """August's round holds one project, of 贵阳市; expert 甲 is of 贵阳市, so his workbook lists it as 回避 and
    nothing else. The secretary does not send him an empty workbook; collect said “未提交：甲”, “专家甲的评分表未
    提交” on the project and “评审结果不完整” (exit 1) — though his score could never count. It is complete now, and
    says why 甲 has no workbook to return."""
    from tests.test_review import type_scores

    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("park"), apps / "park.xlsx")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08", "--city", "贵阳市"]) == 0
    rdir = tmp_path / "八月评审"
    capsys.readouterr()
    assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙,丙,丁,戊",
                 "--expert-cities", "甲=贵阳市", "--round", "2024-08"]) == 0
    assert "评审 0 个项目，回避 1 个（全部回避，评分表无需发出）" in capsys.readouterr().out
    (rdir / "专家评分表-甲.xlsx").unlink()
    for expert in "乙丙丁戊":
        type_scores(rdir / f"专家评分表-{expert}.xlsx", {"贵阳黔货出山电子商务产业园": None})
    capsys.readouterr()
    assert main(["review", "collect", str(rdir), "--out", str(tmp_path / "结果.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "未提交" not in out and "不完整" not in out, out
    assert "甲" in next((line for line in out.splitlines() if "全部回避" in line), ""), out
