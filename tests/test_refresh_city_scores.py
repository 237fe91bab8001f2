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


def scored_by_the_city(make_workbook, tmp_path, typed):
    """A 黔东南州 summary refreshed from one enterprise application per name of ``typed``, then the clerk's 市州评分
    (name → what is typed) saved in it: (the refresh's command line, name → its row)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    for i, name in enumerate(typed):
        make_workbook("enterprise", dict(EXAMPLES["enterprise"], sb_name=name, sb_uscc=make_uscc("522601", f"MA6GQW4T{i}")),
                      name=f"申报表/{name}.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    argv = ["refresh", str(summary), "--from", str(apps), "--batch", "2024-08", "--city", "黔东南州"]
    assert main(argv) == 0
    wb, ws, header, cols = _score_cells(summary)
    rows = {ws.cell(r, cols["企业名称"]).value: r for r in range(header + 1, header + 1 + len(typed))}
    for name, score in typed.items():
        ws.cell(rows[name], cols["市州评分"]).value = score
    wb.save(summary)
    return argv, rows


def test_refresh_says_scores_the_merge_leaves_out(make_workbook, tmp_path, capsys):
    argv, rows = scored_by_the_city(make_workbook, tmp_path, {
        "贵州甲电子商务有限公司": "优秀", "贵州乙电子商务有限公司": 150, "贵州丙电子商务有限公司": "85分",
        "贵州丁电子商务有限公司": "/"})
    capsys.readouterr()
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "2 处市州评分全省合并时不计入平均分" in said, said
    assert f"第{rows['贵州甲电子商务有限公司']}行贵州甲电子商务有限公司（市州评分“优秀”无法识别）" in said, said
    assert f"第{rows['贵州乙电子商务有限公司']}行贵州乙电子商务有限公司（市州评分150超出该类项目的0～100分）" in said, said
    # 85分 counts; “/” is not scored yet
    assert "贵州丙电子商务有限公司（" not in said and "贵州丁电子商务有限公司（" not in said, said
