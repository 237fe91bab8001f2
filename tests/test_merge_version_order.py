"""A city's two summaries (the original and a 修改版): the rows only the older one has are counted (and noted), but
they landed after all of the newer file's rows — or, by the files' names, before them — not where the city typed
them (QA). They now stand in the city's block after the row they follow in the older file."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import HEAD


def _zunyi(path, names):
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, name in enumerate(names, 1):
        ws.append([i, "遵义市", "汇川区", name, "地址", "企业", "民企", "业绩", "张三", "0851-1", 1000, 500, 80, ""])
    ws.append(["合计"])
    wb.save(path)
    return path


def _names(path):
    ws = load_workbook(path)["项目汇总表"]
    return [r[3].value for r in ws.iter_rows(min_row=4) if r[3].value and r[1].value]


def test_a_row_only_in_the_older_version_stands_where_the_city_typed_it(tmp_path, capsys):
    for first, second in (("遵义市汇总表.xlsx", "遵义市汇总表(修改版).xlsx"), ("遵义市汇总表(修改版).xlsx", "遵义市汇总表.xlsx")):
        folder = tmp_path / second.removesuffix(".xlsx")
        folder.mkdir()    # saved one after the other and given so: the second is the later version, whatever its name
        old = _zunyi(folder / first, ["甲公司", "乙公司", "丙公司", "丁公司"])
        new = _zunyi(folder / second, ["甲公司", "丙公司", "丁公司"])
        out = folder / "全省.xlsx"
        assert main(["merge", str(out), str(old), str(new)]) == 0
        assert "只在较早的表中出现的 1 项照样计入" in capsys.readouterr().out
        assert _names(out) == ["甲公司", "乙公司", "丙公司", "丁公司"]
    # a row of the older one after a row only it has, and one the newer one has at its head
    older = _zunyi(tmp_path / "遵义市汇总表.xlsx", ["己公司", "乙公司", "戊公司"])
    newer = _zunyi(tmp_path / "遵义市汇总表(修改版).xlsx", ["甲公司", "乙公司", "丙公司"])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(older), str(newer)]) == 0
    assert _names(out) == ["己公司", "甲公司", "乙公司", "戊公司", "丙公司"]
