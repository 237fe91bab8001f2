"""A city marks a project it has not scored yet with words in 市州评分 (“未评分”, “待评”, “暂未评分”, “待定”): refresh said
“市州评分“未评分”无法识别” and that the merge leaves it out of the mean, and the merge said it on the row. Such words are
a blank score (nothing said, not in the mean, nothing incomplete), kept in the cell as typed; a score nobody can read
(“优秀”) is still said."""
from __future__ import annotations

from shibai_xl.faces.cli import main
from shibai_xl.jobs.merge import merge
from tests.test_refresh_city_scores import _score_cells, scored_by_the_city
from tests.test_summaries_real_world import T0, _figures, official, table_rows

WORDS = ("未评分", "待评", "暂未评分", "待定", " 未 评 分 ")


def test_refresh_says_nothing_of_a_score_not_given_yet(make_workbook, tmp_path, capsys):
    names = [f"贵州{c}电子商务有限公司" for c in "甲乙丙丁戊己"]
    typed = dict(zip(names, (*WORDS, "优秀")))
    argv, rows = scored_by_the_city(make_workbook, tmp_path, typed)
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "1 处市州评分全省合并时不计入平均分" in said, said
    assert "市州评分“优秀”无法识别" in said and "未评分" not in said and "待" not in said, said
    wb, ws, header, cols = _score_cells(summary)
    assert {name: ws.cell(rows[name], cols["市州评分"]).value for name in names} == typed


def test_merge_counts_a_score_not_given_yet_as_blank(tmp_path):
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市",
                    [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, 90),
                     *(("汇川区", f"遵义{c}公司", "企业", "民企", 700, 100, w) for c, w in zip("甲乙丙丁戊", WORDS)),
                     ("桐梓县", "遵义己公司", "企业", "民企", 600, 100, "优")])
    province = tmp_path / "全省.xlsx"
    merge(province, [city], now=T0)
    rows = table_rows(province)
    for c, w in zip("甲乙丙丁戊", WORDS):
        assert "市州评分" not in (rows[f"遵义{c}公司"]["问题"] or ""), rows[f"遵义{c}公司"]["问题"]
        assert rows[f"遵义{c}公司"]["市州评分"] == w
    assert "市州评分“优”无法识别，未计入平均分" in rows["遵义己公司"]["问题"]
    total = next(v for k, v in _figures(province).items() if k[0] == "全省合计")
    assert (total["市州评分平均"], total["市州已评分项目数"]) == (90, 1)
