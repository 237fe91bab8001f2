"""A blank amount on a city's 附件4 row (QA, qa57b): left out of the province total without a word, a whole city
could total 0 万元 without a word. It is named on its row, listed once in the terminal, the totals marked （不完整）;
every input was read, so exit 0; a team's blank 网络零售额 and a blank 市州评分 stay normal."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import application, official, province_rows

TITLE = "遵义市项目汇总表"


def _merge(tmp_path, capsys, projects) -> tuple[int, str, dict]:
    city = official(tmp_path / "遵义市汇总表.xlsx", TITLE, "遵义市", projects)
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    code = main(["merge", str(province), str(city)])
    shown = capsys.readouterr()
    return code, shown.out + shown.err, {r["企业名称"]: r for r in province_rows(province)}


def test_a_blank_trade_amount_is_named_on_its_row_and_the_total_is_loudly_incomplete(tmp_path, capsys):
    code, said, rows = _merge(tmp_path, capsys, [
        ("红花岗区", "遵义甲电商有限公司", "企业", "民企", None, 800, 85),
        ("汇川区", "遵义乙直播团队", "团队", "民企", "", None, 80),
        ("播州区", "遵义丙电商产业园", "园区", "国企", 40000, 5000, 90)])
    assert code == 0, said
    assert "年度交易额合计 40000 万元（不完整）" in said, said
    line = next(x for x in said.splitlines() if "空白" in x and "未计入合计" in x)
    assert "2 处" in line and "遵义甲电商有限公司" in line and "遵义乙直播团队" in line, said
    assert sum("空白" in x and "未计入合计" in x for x in said.splitlines()) == 1, said
    assert "年度交易额（万元）空白，未计入合计" in rows["遵义甲电商有限公司"]["问题"]
    assert "年度交易额（万元）空白，未计入合计" in rows["遵义乙直播团队"]["问题"]
    assert "空白" not in (rows["遵义丙电商产业园"]["问题"] or "")
    title = load_workbook(tmp_path / "全省.xlsx")["统计"]["A1"].value
    assert "不完整" in title and "空白" in title and "遵义甲电商有限公司" in title, title


def test_a_blank_retail_amount_of_a_park_base_or_enterprise_is_said_but_a_teams_is_normal(tmp_path, capsys):
    code, said, rows = _merge(tmp_path, capsys, [
        ("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, None, 85),
        ("汇川区", "遵义乙直播团队", "团队", "民企", 600, None, 80),
        ("桐梓县", "遵义丁直播团队", "团队", "民企", 500, "/", 80),
        ("播州区", "遵义丙直播电商基地", "基地", "国企", 8000, "", 90)])
    assert code == 0, said
    assert "年度交易额合计 10300 万元" in said and "年度交易额合计 10300 万元（不完整）" not in said, said
    line = next(x for x in said.splitlines() if "空白" in x and "未计入合计" in x)
    assert "2 处" in line and "遵义甲电商有限公司" in line and "遵义丙直播电商基地" in line and "团队" not in line, said
    assert "年度网络零售额（万元）空白，未计入合计" in rows["遵义甲电商有限公司"]["问题"]
    assert "年度网络零售额（万元）空白，未计入合计" in rows["遵义丙直播电商基地"]["问题"]
    assert "空白" not in (rows["遵义乙直播团队"]["问题"] or "") and "空白" not in (rows["遵义丁直播团队"]["问题"] or "")


def test_a_whole_city_with_its_amounts_blank_is_said_not_totalled_as_a_silent_zero(tmp_path, capsys):
    code, said, _rows = _merge(tmp_path, capsys, [
        ("红花岗区", "遵义甲电商有限公司", "企业", "民企", None, None, None),
        ("播州区", "遵义丙电商产业园", "园区", "国企", None, None, None)])
    assert code == 0, said
    assert "年度交易额合计 0 万元（不完整）" in said and "4 处" in said, said


def test_a_blank_city_score_is_not_yet_scored_and_no_incompleteness(tmp_path, capsys):
    code, said, rows = _merge(tmp_path, capsys, [
        ("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, None),
        ("汇川区", "遵义乙直播团队", "团队", "民企", 600, "不涉及", "")])
    assert code == 0, said
    assert "不完整" not in said and "空白" not in said, said
    assert all("评分" not in (r["问题"] or "") for r in rows.values())


def test_refresh_names_a_blank_amount_typed_by_hand_as_merge_will(tmp_path, capsys):
    apps = tmp_path / "申报表"
    application(apps, "team", "团队.xlsx", sb_city="贵阳市", sb_county="南明区")
    summary = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市2024年电商“十百千万”工程示范项目汇总表", "贵阳市",
                       [("云岩区", "贵州乙电子商务有限公司", "企业", "国企", None, 500, 80),
                        ("花溪区", "贵州丙直播团队", "团队", "民企", 600, None, None)])
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    said = capsys.readouterr().out
    line = next(x for x in said.splitlines() if "空白" in x)
    assert "1 处" in line and "贵州乙电子商务有限公司" in line and "年度交易额（万元）" in line, said
    assert "贵州丙直播团队" not in line, said
