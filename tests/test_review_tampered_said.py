"""An expert workbook changed where collect cannot go on (its 满分, a header): what the secretary is told — every
cell at once, and a way out that works (``review make`` keeps a scored workbook, so "重新生成评分表" alone led back to
the same refusal)."""
from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main

from .test_review import results, scored_round


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    return scored_round(tmp_path_factory.mktemp("tampered"))


def _collected(issued, tmp_path, capsys, edit) -> tuple[int, str]:
    d = tmp_path / "第一轮"
    shutil.copytree(issued, d)
    book = d / "专家评分表-丙.xlsx"
    wb = load_workbook(book)
    edit(wb["评分表"])
    wb.save(book)
    capsys.readouterr()
    code = main(["review", "collect", str(d), "--out", str(tmp_path / "结果.xlsx")])
    return code, capsys.readouterr().err.replace("\n", "")


def test_every_changed_full_mark_of_a_book_is_named_in_its_refusal(issued, tmp_path, capsys):
    """丙 changed three 满分 (园区01's 1.1.3, 1.2.1 and 1.2.2). Collect named J7 only; the expert was phoned, J7 put
    back, and the next run named J8 — a call a cell. All three are named at once, with what to do: put them back
    with the expert (his scores there may be out of the issued range), or reissue his book after moving it out."""
    def edit(ws):
        ws["J7"], ws["J8"], ws["J9"] = 10, 8, 20      # issued: 5, 5, 10

    code, err = _collected(issued, tmp_path, capsys, edit)
    assert code == 2
    for cell, issued, now in (("J7", 5, 10), ("J8", 5, 8), ("J9", 10, 20)):
        assert f"评分表!{cell} 满分应为 {issued}" in err and f"现为“{now}”" in err, (cell, err)
    assert "满分被修改，共3处" in err and "专家丙" in err, err
    assert "请与专家丙核实，把满分改回发出时的分值" in err, err
    assert "移出评审文件夹，用原来的专家名单重新生成评分表" in err, err
    assert not (tmp_path / "结果.xlsx").exists()


def test_a_score_header_retyped_in_place_is_said_to_be_put_back(issued, tmp_path, capsys):
    """丙 shortened the header 专家评分 to 评分 (the column still holds his scores): collect said the column was
    deleted or renamed and asked for the scores on the original book. It names the cell, what it reads, and that
    putting the header back is all there is to do."""
    def edit(ws):
        ws["M4"] = "评分"

    code, err = _collected(issued, tmp_path, capsys, edit)
    assert code == 2
    assert "评分表!M4 表头应为“专家评分”，现为“评分”（表头被改）" in err, err
    assert "请把这个表头改回“专家评分”（评分不受影响）后重新汇总" in err, err
    assert "被删除或改名" not in err, err


def test_a_project_name_retyped_down_all_its_rows_is_said_once(issued, tmp_path, capsys):
    """丙 retyped 园区01's name on its 21 rows (“电子商务” shortened to “电商”): the 问题 cell and the terminal repeated
    “评分表!B5 项目名称应为…，现为…（指标 1.1.1 这一行与评审安排不符）” 21 times (1300 characters). It is said once,
    with the first cell, the number of rows and their first items; his scores of 园区01 stay uncounted."""
    def edit(ws):
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value == "园区01":
                ws.cell(r, 2).value = "贵阳黔货出山电商产业园"

    code, _ = _collected(issued, tmp_path, capsys, edit)
    assert code == 1
    (row,) = [r for r in results(tmp_path / "结果.xlsx").values() if r["项目编号"] == "园区01"]
    said = row["问题"]
    assert ("专家丙：评分表!B5 等21行 项目名称应为“贵阳黔货出山电子商务产业园”，现为“贵阳黔货出山电商产业园”"
            "（指标 1.1.1、1.1.2、1.1.3、1.2.1、1.2.2 等21行与评审安排不符）") in said, said
    assert said.count("项目名称应为") == 1 and row["专家丙"] == "未计入", row
