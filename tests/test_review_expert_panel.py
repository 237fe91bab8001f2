"""The panel of a provincial round as the clerk types it: names padded to line up (“张  三”), written in pinyin
(“Li Ming”), and the same names again in ``--expert-cities``. Real summary (``refresh`` of the example
applications plus rows typed by hand), the real CLI and the workbooks it writes.
"""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main

from .test_review import PARK_GY, build_summary


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return build_summary(tmp_path_factory.mktemp("panel") / "汇总")


def _recused(book) -> set[str]:
    ws = load_workbook(book)["评分表"]
    cols = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    return {ws.cell(r, cols["项目名称"]).value for r in range(5, ws.max_row + 1)
            if ws.cell(r, cols["回避"]).value == "回避"}


@pytest.mark.parametrize("name", ["张 三", "Li Ming"])
def test_an_expert_whose_name_holds_a_space_is_given_his_city_as_typed_in_the_list(summary, tmp_path, capsys, name):
    """--experts takes “张 三” (a two-character name padded to line up with three-character ones) and “Li Ming” as one
    expert each and writes 专家评分表-张 三.xlsx; the same name typed in --expert-cities was cut at its space and
    refused (专家所属市（州）“张”格式不对, exit 2): a panel the tool itself accepted could not be given its cities."""
    rdir = tmp_path / "评审"
    code = main(["review", "make", str(rdir), "--from", str(summary), "--experts", f"{name},李四",
                 "--expert-cities", f"{name}=贵阳市 李四=遵义市", "--round", "2024-05"])
    assert code == 0, capsys.readouterr()
    assert PARK_GY in _recused(rdir / f"专家评分表-{name}.xlsx")
    assert PARK_GY not in _recused(rdir / "专家评分表-李四.xlsx")
