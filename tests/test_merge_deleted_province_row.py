"""The province's clerk deletes a project's row from the 全省表 (and renames the sheet); the next ``shibai merge``
added it back from the city's summary without a word — the deletion undone silently, while a city's refresh says
the same of its rows (QA qa67b). It says the row is back and how a project is taken out. Through the CLI."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import official


def _names(path):
    ws = load_workbook(path).worksheets[0]
    column = next(c.column for c in ws[3] if c.value == "企业名称")
    return [ws.cell(r, column).value for r in range(4, ws.max_row + 1) if ws.cell(r, column).value]


def test_a_row_the_province_deleted_comes_back_said(tmp_path, capsys):
    zunyi = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", [
        ("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1000, 800, 85),
        ("汇川区", "遵义乙电商有限公司", "企业", "民企", 2000, 900, 80)])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(zunyi)]) == 0
    capsys.readouterr()
    assert main(["merge", str(province), str(zunyi)]) == 0
    assert "手工删除" not in capsys.readouterr().out   # nothing deleted: quiet
    wb = load_workbook(province)
    ws = wb.worksheets[0]
    table = ws.tables["sb_summary"]
    first, last = table.ref.split(":")
    ws.delete_rows(next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value == "遵义甲电商有限公司"))
    table.ref = f"{first}:{''.join(ch for ch in last if ch.isalpha())}{int(''.join(ch for ch in last if ch.isdigit())) - 1}"
    ws.title = "全省汇总"
    wb.save(province)
    capsys.readouterr()
    assert main(["merge", str(province), str(zunyi)]) == 0
    out = capsys.readouterr().out
    assert "全省表中手工删除的 1 行已按市（州）汇总表重新加入：遵义甲电商有限公司（遵义市）" in out, out
    assert sorted(_names(province)) == ["遵义乙电商有限公司", "遵义甲电商有限公司"]
