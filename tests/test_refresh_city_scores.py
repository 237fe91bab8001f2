"""The 市州评分 a clerk types into the city's summary, said by the refresh before the summary is sent: a score the
province's merge cannot average (“优秀”, 150 for a project of 100 points) was said only at the province."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.examples import EXAMPLES, make_uscc
from shibai_xl.faces.cli import main

NAMES = ("贵州甲电子商务有限公司", "贵州乙电子商务有限公司", "贵州丙电子商务有限公司", "贵州丁电子商务有限公司")


def _score_cells(summary):
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    cols = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    return wb, ws, header, cols


def test_refresh_says_scores_the_merge_leaves_out(make_workbook, tmp_path, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    for i, name in enumerate(NAMES):
        make_workbook("enterprise", dict(EXAMPLES["enterprise"], sb_name=name, sb_uscc=make_uscc("522601", f"MA6GQW4T{i}")),
                      name=f"申报表/{name}.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    argv = ["refresh", str(summary), "--from", str(apps), "--batch", "2024-08", "--city", "黔东南州"]
    assert main(argv) == 0
    wb, ws, header, cols = _score_cells(summary)
    rows = {ws.cell(r, cols["企业名称"]).value: r for r in range(header + 1, header + 5)}
    for name, score in (("贵州甲电子商务有限公司", "优秀"), ("贵州乙电子商务有限公司", 150),
                        ("贵州丙电子商务有限公司", "85分"), ("贵州丁电子商务有限公司", "/")):
        ws.cell(rows[name], cols["市州评分"]).value = score
    wb.save(summary)
    capsys.readouterr()
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "2 处市州评分全省合并时不计入平均分" in said, said
    assert f"第{rows['贵州甲电子商务有限公司']}行贵州甲电子商务有限公司（市州评分“优秀”无法识别）" in said, said
    assert f"第{rows['贵州乙电子商务有限公司']}行贵州乙电子商务有限公司（市州评分150超出该类项目的0～100分）" in said, said
    # 85分 counts; “/” is not scored yet
    assert "贵州丙电子商务有限公司（" not in said and "贵州丁电子商务有限公司（" not in said, said
