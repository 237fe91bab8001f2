"""Province merge of city summaries as cities really fill them (QA, qa31m): a row pasted twice, ..."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import _city, _figures, _problems


def test_a_row_a_city_pasted_twice_is_said_and_counted_once(tmp_path, capsys):
    """遵义市's clerk pasted 遵义甲公司's row twice (the serials differ): the province total counted it twice. Both rows
    stay (nothing dropped), both say XC_CROSS_APP, one says it is not counted, and merging again changes nothing."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, ""),
                                                      ("遵义甲公司", "企业", 2000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    said = capsys.readouterr().out
    assert "全省汇总表有效项目 2 项，年度交易额合计 3000 万元" in said
    assert "遵义甲公司" in said and "遵义市汇总表中重复填写" in said
    assert _figures(out)[("全省合计", None)] == (2, 3000, 1500)
    rows = [r for r in load_workbook(out)["项目汇总表"].iter_rows(min_row=4, values_only=True) if r[3] == "遵义甲公司"]
    assert len(rows) == 2
    assert all("XC_CROSS_APP" in r[15] for r in rows) and sum("统计中未计入" in r[15] for r in rows) == 1
    before = _problems(out)
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert _problems(out) == before and _figures(out)[("全省合计", None)] == (2, 3000, 1500)


def test_a_row_pasted_twice_with_different_amounts_leaves_the_total_loudly_incomplete(tmp_path, capsys):
    """The two rows of one project say 2000 and 2500 万元: no one can know which is right. The project is counted
    once, the two amounts are named, and the total is said to be incomplete (exit 1) until the city corrects it."""
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义甲公司", "企业", 2000, ""), ("遵义乙公司", "企业", 1000, ""),
                                                      ("遵义甲公司", "企业", 2500, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 1
    shown = capsys.readouterr()
    said = shown.out + shown.err
    assert "有效项目 2 项" in said and "不完整" in said
    assert "2000、2500" in said and "遵义甲公司" in said
    rows = [r for r in load_workbook(out)["项目汇总表"].iter_rows(min_row=4, values_only=True) if r[3] == "遵义甲公司"]
    assert sum("统计中未计入" in r[15] for r in rows) == 1 and all("2000、2500" in r[15] for r in rows
                                                                  if "统计中未计入" in r[15])
    assert _figures(out)[("全省合计", None)][0] == 2
