"""Cities name their summary the same every round (“安顺市汇总表.xlsx”), the province saving each round's in its own
folder. 安顺市's August file lists only the project it adds that round: the merge took the same name for the May
summary re-sent and marked its May project 已撤回 — 12000 万元 gone from the total, exit 0 — where the same file under
another name (“…（8月）.xlsx”) kept it counted and said so (QA qa76c)."""
from __future__ import annotations

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import official, province_rows

MAY = [("西秀区", "安顺甲电商产业园", "园区", "国企", 12000, 4000, 84),
       ("普定县", "安顺丙商贸有限公司", "企业", "民企", 3000, 1000, 78)]
AUG = [("平坝区", "安顺乙直播团队", "团队", "民企", 800, "/", 70)]


def _sent(folder, projects):
    folder.mkdir(exist_ok=True)
    return official(folder / "安顺市汇总表.xlsx", "安顺市项目汇总表", "安顺市", projects)


def _states(province):
    return {r["企业名称"]: r["状态"] for r in province_rows(province)}


def test_a_later_summary_under_the_same_name_listing_only_new_projects_keeps_the_earlier_ones(tmp_path, capsys):
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(_sent(tmp_path / "5月", MAY))]) == 0
    capsys.readouterr()
    aug = _sent(tmp_path / "8月", AUG)
    assert main(["merge", str(province), str(aug)]) == 0
    out = capsys.readouterr().out
    assert "本次标为“已撤回”" not in out and "只列了新增" in out, out
    assert "全省汇总表有效项目 3 项，年度交易额合计 15800 万元" in out, out
    assert _states(province) == dict.fromkeys(("安顺甲电商产业园", "安顺丙商贸有限公司", "安顺乙直播团队"), "有效")
    rows = province_rows(province)
    assert main(["merge", str(province), str(aug)]) == 0   # the same August file again: nothing changes
    assert province_rows(province) == rows


def test_a_later_summary_under_the_same_name_leaving_one_project_out_still_withdraws_it(tmp_path, capsys):
    """December's file under the same name lists 安顺丙 and the August project, not 安顺甲: it is the earlier
    summaries re-sent, and 安顺甲 is withdrawn, as before."""
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(_sent(tmp_path / "5月", MAY))]) == 0
    assert main(["merge", str(province), str(_sent(tmp_path / "8月", AUG))]) == 0
    capsys.readouterr()
    assert main(["merge", str(province), str(_sent(tmp_path / "12月", [MAY[1], *AUG]))]) == 0
    out = capsys.readouterr().out
    assert "本次标为“已撤回” 1 项" in out and "安顺甲电商产业园（安顺市：汇总表中已没有这一行）" in out, out
    assert _states(province) == {"安顺甲电商产业园": "已撤回", "安顺丙商贸有限公司": "有效", "安顺乙直播团队": "有效"}


def test_the_may_file_re_sent_without_a_project_withdraws_it(tmp_path, capsys):
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(_sent(tmp_path / "5月", MAY))]) == 0
    capsys.readouterr()
    assert main(["merge", str(province), str(_sent(tmp_path / "8月", [MAY[1], *AUG]))]) == 0
    assert "本次标为“已撤回” 1 项" in capsys.readouterr().out
    assert _states(province) == {"安顺甲电商产业园": "已撤回", "安顺丙商贸有限公司": "有效", "安顺乙直播团队": "有效"}
